"""Shared pytest set-up.

- Every test runs isolated from the developer's own set-up: no ``BRIEFING_*`` variable, and
  HOME and the XDG folders point into the test's temporary folder, so neither a user's
  config file nor their history database can change a result (or be changed by a test).
- ``--update-golden`` rewrites the golden files in tests/golden/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files in tests/golden/ from the current output",
    )


@pytest.fixture(autouse=True)
def isolated_user(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A fresh, empty home for the test: no BRIEFING_* variables, no user config or data."""
    home = tmp_path_factory.mktemp("home")
    isolate(monkeypatch, home)
    return home


def isolate(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """Drop every BRIEFING_* variable and point HOME and the XDG folders into ``home``."""
    for name in list(os.environ):
        if name.startswith("BRIEFING_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(var, str(home / sub))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was started with ``--update-golden``."""
    return bool(request.config.getoption("--update-golden"))
