"""The autouse isolation fixture: a developer's own set-up never leaks into a test."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest
from conftest import isolate


def test_a_developers_briefing_variables_are_hidden(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFING_DASK", "tcp://192.0.2.1:8786")  # as a developer might have
    monkeypatch.setenv("BRIEFING_MODEL", "no_such_model")
    isolate(monkeypatch, tmp_path)
    assert not [name for name in os.environ if name.startswith("BRIEFING_")]
    assert os.environ["HOME"] == str(tmp_path)


def test_user_folders_are_inside_the_test_home(isolated_user: Path) -> None:
    config = Path(platformdirs.user_config_dir("briefing"))
    data = Path(platformdirs.user_data_dir("briefing"))
    assert isolated_user in config.parents
    assert isolated_user in data.parents
    assert not config.exists()
