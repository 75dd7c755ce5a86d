"""The command line as a user drives it: files in, briefings out, clear errors, exit codes."""

from __future__ import annotations

import http.server
import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
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
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and "same-title.md" in names, names
    assert all(re.fullmatch(r"same-title(-[0-9a-f]{8}(-2)?)?\.md", n) for n in names), names


def test_records_failing_alike_are_told_in_two_lines(runner: CliRunner, tmp_path: Path) -> None:
    jsonl = tmp_path / "mixed.jsonl"
    good = {"text": SHORT.split("\n\n", 1)[1], "title": "A good one"}
    rows = [{"body": "no text field"}] * 5 + [good] + [{"title": 3, "text": "x"}]
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["make", str(jsonl), "-o", str(out), "--format", "md", "-q"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: {jsonl}:1: no article text"), lines
    assert f"error: {jsonl}: 4 more records with the same error (lines 2–5)" in result.stderr
    assert sum(f"{jsonl}:7" in line for line in lines) == 1  # another reason: its own line
    assert len(lines) == 3, lines
    assert [p.name for p in out.iterdir()] == ["a-good-one.md"]  # the good record is written


def _make_names(runner: CliRunner, out: Path, *inputs: Path) -> list[str]:
    result = runner.invoke(
        cli, ["make", *map(str, inputs), "-o", str(out), "--format", "md", "--workers", "1", "-q"]
    )
    assert result.exit_code == 0, result.stderr
    return sorted(p.name for p in out.iterdir())


def test_output_names_do_not_depend_on_the_rest_of_the_batch(
    runner: CliRunner, tmp_path: Path
) -> None:
    a, b, c = (tmp_path / d / "x.txt" for d in "abc")
    for path in (a, b, c):
        path.parent.mkdir()
        path.write_text(SHORT, encoding="utf-8")
    every = _make_names(runner, tmp_path / "one", a, b, c)
    assert len(every) == 3 and "x.md" in every
    # c/x.txt is named the same whether or not b/x.txt is in the batch (it was x-3, then x-2).
    without_b = _make_names(runner, tmp_path / "two", a, c)
    assert set(without_b) <= set(every) and len(without_b) == 2
    # ...and whatever order the inputs come in, after the first.
    reordered = _make_names(runner, tmp_path / "three", a, c, b)
    assert reordered == every


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("Москва", "москва.md"),
        ("北京新闻", "北京新闻.md"),
        ("Αθήνα", "αθηνα.md"),
        ("Café_Crème", "cafe-creme.md"),
    ],
)
def test_non_latin_file_names_keep_their_letters(
    runner: CliRunner, tmp_path: Path, stem: str, expected: str
) -> None:
    story = tmp_path / f"{stem}.txt"
    story.write_text(SHORT, encoding="utf-8")
    assert _make_names(runner, tmp_path / "out", story) == [expected]


def test_a_name_without_letters_gets_a_hash_not_article(runner: CliRunner, tmp_path: Path) -> None:
    one, two = tmp_path / "!!!.txt", tmp_path / "???.txt"
    for path in (one, two):
        path.write_text(SHORT, encoding="utf-8")
    names = _make_names(runner, tmp_path / "out", one, two)
    assert len(names) == 2 and all(re.fullmatch(r"article-[0-9a-f]{8}\.md", n) for n in names)
    alone = _make_names(runner, tmp_path / "alone", two)
    assert len(alone) == 1 and alone[0] in names


def test_an_empty_input_is_a_usage_error_not_this_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "here.txt").write_text(SHORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for empty in ("", "   "):
        result = runner.invoke(cli, ["make", empty, "-o", "out"])
        assert result.exit_code == 2, result.output
        assert "empty" in result.stderr and "INPUT" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_input_name_with_a_newline_still_fails_on_one_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "two\nlines\x1b[31m.pdf"
    bad.write_bytes(b"%PDF-1.4 not an article")
    result = runner.invoke(cli, ["make", str(bad), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "\x1b" not in result.stderr and "two\\nlines\\x1b[31m.pdf" in result.stderr


def test_a_broken_template_is_reported_once_before_any_work(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.batch

    def no_analysis(*args: object, **kwargs: object) -> object:
        raise AssertionError("analysis started despite a broken template")

    monkeypatch.setattr(briefing.batch, "brief_outcomes", no_analysis)
    template = tmp_path / "mine.md.j2"
    template.write_text("# {{ title }\n{% if %}\n", encoding="utf-8")
    stories = []
    for i in range(3):
        stories.append(tmp_path / f"s{i}.txt")
        stories[-1].write_text(SHORT, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        cli, ["make", *map(str, stories), "-o", str(out), "--format", "md", "--template",
              str(template)],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "mine.md.j2" in lines[0], result.stderr
    assert not out.exists() or not any(out.iterdir())


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


IMPORT_PROBE = """
import json, sys
from briefing.cli import cli

def run(args):
    try:
        cli.main(args, prog_name="briefing", standalone_mode=False)
    except SystemExit:
        pass

def loaded():
    return sorted({m.split(".")[0] for m in sys.modules} & {"spacy", "thinc", "weasyprint"})

for args in (["--help"], ["--version"], ["make", "--help"], ["digest", "--help"]):
    run(args)
after_help = loaded()
run(["make", sys.argv[1], "-o", "-", "--format", "md", "--workers", "1"])
print(json.dumps([after_help, loaded()]), file=sys.stderr)
"""


def test_help_version_and_markdown_never_import_weasyprint(tmp_path: Path) -> None:
    story = tmp_path / "flood.txt"
    story.write_text(SHORT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE, str(story)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    after_help, after_markdown = json.loads(proc.stderr.strip().splitlines()[-1])
    assert after_help == []  # --help and --version: neither spaCy nor WeasyPrint
    assert "spacy" in after_markdown and "weasyprint" not in after_markdown
    assert "Riverton" in proc.stdout


def test_the_size_cap_comes_from_the_flag_or_the_environment(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    big.write_text(SHORT * 10, encoding="utf-8")  # about 2.6 kB
    out = tmp_path / "out"
    args = ["make", str(big), "-o", str(out), "--format", "md", "-q"]
    result = runner.invoke(cli, [*args, "--max-bytes", "1kB"])
    assert result.exit_code == 1 and "big.txt" in result.stderr, result.output
    monkeypatch.setenv("BRIEFING_MAX_BYTES", "1000")
    assert runner.invoke(cli, args).exit_code == 1
    assert runner.invoke(cli, [*args, "--max-bytes", "1MB"]).exit_code == 0  # the flag wins
    bad = runner.invoke(cli, [*args, "--max-bytes", "lots"])
    assert bad.exit_code == 2 and "--max-bytes" in bad.stderr


def test_one_dispatch_renders_every_format_a_library_caller_asks_for(tmp_path: Path) -> None:
    import briefing
    from briefing.render.formats import render_formats, write_outputs

    b = briefing.brief(briefing.Article(SHORT.split("\n\n", 1)[1], title="Floods"))
    rendered = render_formats(b, ["json", "md", "json"])
    assert list(rendered) == ["json", "md"]
    assert json.loads(rendered["json"])["title"] == "Floods"
    assert rendered["md"].decode() == briefing.render_markdown(b)
    with pytest.raises(ValueError, match="docx"):
        render_formats(b, ["docx"])
    paths = write_outputs(tmp_path, "floods", rendered)
    assert sorted(p.name for p in paths) == ["floods.json", "floods.md"]


def test_make_cleans_the_temporaries_of_a_killed_run(runner: CliRunner, tmp_path: Path) -> None:
    import os
    import time

    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".story.pdf.0123456789ab.tmp"  # what write_atomic leaves when killed
    young = out / ".story.md.ba9876543210.tmp"  # may belong to a run still writing
    mine = out / ".notes.tmp"  # not ours
    for path in (stale, young, mine):
        path.write_text("half a file", encoding="utf-8")
    old = time.time() - 3600
    for path in (stale, mine):
        os.utime(path, (old, old))
    story = tmp_path / "story.txt"
    story.write_text(SHORT, encoding="utf-8")
    result = runner.invoke(cli, ["make", str(story), "-o", str(out), "--format", "md", "-q"])
    assert result.exit_code == 0, result.output
    assert not stale.exists() and young.exists() and mine.exists()
    assert (out / "story.md").is_file()


_STORY_PAGE = (
    "<html><head><title>Bridge reopens in Riverton</title></head><body><article>"
    "<h1>Bridge reopens in Riverton</h1>"
    + "".join(
        f"<p>The old stone bridge over the Riv river reopened on Friday after {n} months of "
        f"repairs, the county engineer said, and traffic moved freely again by noon.</p>"
        for n in range(3, 9)
    )
    + "</article></body></html>"
).encode()


@pytest.fixture()
def story_server() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = self.path == "/story"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(_STORY_PAGE) if found else 0))
            self.end_headers()
            if found:
                self.wfile.write(_STORY_PAGE)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_feed_headlines_are_counted_not_errors_and_fetch_briefs_their_pages(
    runner: CliRunner, tmp_path: Path, story_server: str
) -> None:
    feed = tmp_path / "local.xml"
    text = SHORT.split("\n\n", 1)[1]
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
        f"<item><title>Flood in Riverton</title><link>{story_server}/flood</link>"
        f"<description>{text}</description></item>"
        f"<item><title>Bridge reopens</title><link>{story_server}/story</link></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(cli, ["make", str(feed), "-o", str(out), "--format", "md"])
    assert result.exit_code == 0, result.stderr  # a title-only entry is not an error
    assert [p.name for p in out.iterdir()] == ["flood-in-riverton.md"]
    assert "1 entry has only a title, not briefed; add --fetch" in result.stderr
    assert "error" not in result.stderr

    refused = runner.invoke(cli, ["make", str(feed), "-o", str(out), "--format", "md", "--fetch"])
    assert refused.exit_code == 1 and "--allow-private" in refused.stderr  # loopback refused

    out2 = tmp_path / "out2"
    fetched = runner.invoke(
        cli,
        ["make", str(feed), "-o", str(out2), "--format", "md", "--fetch", "--allow-private"],
    )
    assert fetched.exit_code == 0, fetched.stderr
    assert sorted(p.name for p in out2.iterdir()) == ["bridge-reopens.md", "flood-in-riverton.md"]
    assert "stone bridge" in (out2 / "bridge-reopens.md").read_text(encoding="utf-8")


EMPTY_FEED = (
    '<rss version="2.0"><channel><title>E</title><link>http://e/</link>'
    "<description>d</description></channel></rss>"
)


def test_make_on_an_empty_feed_says_so_and_succeeds_writing_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    feed = tmp_path / "empty.xml"
    feed.write_text(EMPTY_FEED, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["make", str(feed), "-o", str(out), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert f"{feed}: the feed has no entries; nothing to brief" in result.stderr.splitlines()
    assert "error" not in result.stderr
    assert list(out.iterdir()) == []


def test_make_still_fails_on_xml_that_is_no_feed(runner: CliRunner, tmp_path: Path) -> None:
    feed = tmp_path / "odd.rss"
    feed.write_text('<rss version="2.0"><channel><title>E</title>', encoding="utf-8")
    result = runner.invoke(cli, ["make", str(feed), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert "odd.rss: not a readable RSS or Atom feed" in result.stderr


def test_an_unknown_algorithm_is_a_usage_error_before_any_work(
    runner: CliRunner, tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(SHORT, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["make", str(story), "--algorithm", "nosuch", "-o", str(out)])
    assert result.exit_code == 2
    assert "'nosuch'" in result.stderr and "lexrank" in result.stderr
    assert "skipped" not in result.stderr
    assert not out.exists()


def test_make_names_characters_its_pdf_cannot_show_and_still_writes_it(tmp_path: Path) -> None:
    story = tmp_path / "odd.txt"
    story.write_text(
        "Riverton order\n\nThe mayor of Riverton signed the order \U0010fffd on Monday, "
        "officials said. The council approved it by seven votes to two.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["make", str(story), "-o", str(out), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"{story}: warning: 1 character")
    assert (out / "odd.pdf").exists()
    md = CliRunner().invoke(cli, ["make", str(story), "-o", str(out), "--format", "md"])
    assert ": warning: " not in md.stderr  # only a PDF needs the fonts


def test_an_input_named_twice_is_briefed_once(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Riverton order\n\nThe mayor of Riverton signed the order on Monday, officials said. "
        "The council approved it by seven votes to two.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    again = str(tmp_path / "." / "story.txt")
    result = CliRunner().invoke(cli, ["make", str(story), again, "-o", str(out), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["story.md"]
