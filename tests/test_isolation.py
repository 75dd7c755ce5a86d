"""The autouse isolation fixture: a developer's own set-up never leaks into a test."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

# As if the developer running the suite had these set: the fixture must hide them.
os.environ.setdefault("BRIEFING_DASK", "tcp://192.0.2.1:8786")
os.environ.setdefault("BRIEFING_MODEL", "no_such_model")


def test_no_briefing_variables_reach_a_test() -> None:
    assert not [name for name in os.environ if name.startswith("BRIEFING_")]


def test_user_folders_are_inside_the_test_home(isolated_user: Path) -> None:
    config = Path(platformdirs.user_config_dir("briefing"))
    data = Path(platformdirs.user_data_dir("briefing"))
    assert isolated_user in config.parents
    assert isolated_user in data.parents
    assert not config.exists()
