"""The command line as a user drives it: files in, briefings out, clear errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefing.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]

SHORT = (
    "Flood waters reach Riverton\n\n"
    "Heavy rain flooded the town of Riverton on Tuesday, forcing 300 families from their homes. "
    "Mayor Jane Alvarez said the river rose two metres overnight. "
    "Emergency crews from the Red Cross opened three shelters in the north of the town."
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_make_writes_markdown_and_one_page_pdf(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["make", str(SEED), "-o", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    stem = SEED.stem.replace("_", "-")
    md = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
    assert "Cooper" in md
    reader = PdfReader(tmp_path / f"{stem}.pdf")
    assert len(reader.pages) == 1
    assert "Cooper" in reader.pages[0].extract_text()
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".md", ".pdf"]  # no temp files left


def test_stdout_with_one_format(runner: CliRunner, tmp_path: Path) -> None:
    story = tmp_path / "flood.txt"
    story.write_text(SHORT, encoding="utf-8")
    result = runner.invoke(cli, ["make", str(story), "-o", "-", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Flood waters reach Riverton"
    assert set(data) >= {"article", "title", "summary", "facts"}
    for sentence in data["summary"]:
        assert sentence["text"] in SHORT


def test_stdin_input(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["make", "-", "-o", "-", "--format", "md"], input=SHORT)
    assert result.exit_code == 0, result.stderr
    assert "Riverton" in result.stdout


def test_stdout_needs_exactly_one_format(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["make", str(SEED), "-o", "-", "--format", "md,pdf"])
    assert result.exit_code == 2
    assert "exactly one --format" in result.stderr


def test_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["make", str(SEED), "--format", "docx"])
    assert result.exit_code == 2
    assert "docx" in result.stderr


def test_bad_inputs_are_reported_and_good_ones_still_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    good = tmp_path / "in" / "flood.txt"
    good.parent.mkdir()
    good.write_text(SHORT, encoding="utf-8")
    pdf = tmp_path / "in" / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4 not an article")
    missing = tmp_path / "in" / "nope.txt"
    out = tmp_path / "out"
    result = runner.invoke(cli, ["make", str(pdf), str(good), str(missing), "-o", str(out), "-q"])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, result.stderr
    assert "scan.pdf" in lines[0] and "nope.txt" in lines[1]
    assert "Traceback" not in result.stderr
    assert (out / "flood.md").exists() and (out / "flood.pdf").exists()


def test_output_folder_that_is_a_file(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    result = runner.invoke(cli, ["make", str(SEED), "-o", str(blocker)])
    assert result.exit_code == 1
    assert str(blocker) in result.stderr and "-o" in result.stderr


def test_batch_names_do_not_collide(runner: CliRunner, tmp_path: Path) -> None:
    jsonl = tmp_path / "batch.jsonl"
    rows = [{"text": SHORT.split("\n\n", 1)[1], "title": "Same title"}] * 2
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["make", str(jsonl), "-o", str(out), "--format", "md", "-q"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["same-title-2.md", "same-title.md"]


def test_help_and_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["make", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and "--sentences" in result.output
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and "briefing" in result.output


def test_python_dash_m_runs_the_cli() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "make", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0
    assert "INPUT" in proc.stdout


def test_seed_markdown_matches_golden(
    runner: CliRunner, tmp_path: Path, update_golden: bool
) -> None:
    result = runner.invoke(cli, ["make", str(SEED), "-o", "-", "--format", "md"])
    assert result.exit_code == 0, result.stderr
    golden = ROOT / "tests" / "golden" / "seed.md"
    if update_golden:
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        "seed Markdown changed; if intended, run pytest --update-golden and review the diff"
    )


def test_same_input_gives_identical_outputs(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("a", "b"):
        result = runner.invoke(cli, ["make", str(SEED), "-o", str(tmp_path / name), "-q"])
        assert result.exit_code == 0
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name
