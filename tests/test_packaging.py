"""What a wheel ships: every subpackage, the templates, py.typed; the version in one place."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import briefing

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "briefing").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert on_disk - listed == set()


def test_dependencies_are_ranges_not_pins() -> None:
    for requirement in PYPROJECT["project"]["dependencies"]:
        assert "==" not in requirement, requirement


def test_constraints_pin_every_dependency() -> None:
    pins = {
        re.split(r"==", line)[0].strip().lower().replace("_", "-")
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line
    }
    for requirement in PYPROJECT["project"]["dependencies"]:
        name = re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        assert name in pins, f"{name} is not pinned in constraints.txt"


def test_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    assert briefing.__version__ == version("briefing") == PYPROJECT["project"]["version"]


def test_import_is_cheap() -> None:
    """``import briefing`` loads neither spaCy, WeasyPrint, numpy nor Jinja."""
    code = (
        "import sys, briefing; "
        "print(sorted(m for m in ('spacy', 'weasyprint', 'numpy', 'jinja2') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(briefing.__all__))
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(briefing, name) is not None


def test_public_functions_stay_callable_after_their_packages_are_imported() -> None:
    """``briefing.load``, ``briefing.digest`` and ``briefing.summarize`` name packages too;
    importing those packages must not leave an uncallable module under the public name."""
    code = (
        "import importlib, briefing\n"
        "for m in ('load', 'load.files', 'digest', 'digest.build', 'summarize', "
        "'summarize.news', 'facts', 'render', 'pdf'):\n"
        "    importlib.import_module('briefing.' + m)\n"
        "names = [n for n in briefing.__all__ if n[0].islower() and not n.startswith('_')]\n"
        "print([n for n in names if not callable(getattr(briefing, n))])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_package_data_files_exist_and_are_listed_for_the_wheel() -> None:
    listed = PYPROJECT["tool"]["setuptools"]["package-data"]["briefing"]
    assert "places.txt.gz" in listed  # the where facts' gazetteer (tools/make_places.py)
    for name in listed:
        assert (ROOT / "briefing" / name).is_file(), name
