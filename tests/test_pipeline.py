"""brief() as a script calls it: one ranking shared by summary and facts, bounded work."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

import briefing
from briefing.facts import extract_facts
from briefing.models import Article, Sentence

STORY = (
    "The city council of Greyford approved a new budget on Tuesday. The budget raises "
    "spending on schools by a tenth. Mayor Anna Lee said the vote was a victory for "
    "parents.\n\n"
    "Opposition leader Tom Hart voted against the plan. He said the council had ignored "
    "the roads. Residents packed the hall for the vote.\n\n"
    "The new budget takes effect in January. Work on three new schools starts in spring. "
    "Builders from Acme Corp will lead the work."
)


def test_brief_ranks_the_sentences_once(monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("briefing.summarize")
    real = module.summarize
    calls: list[Any] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("algorithm"))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "summarize", counting)
    briefing.brief(STORY, algorithm="lead")
    assert calls == ["lead"]
    extract_facts(STORY)  # alone, facts rank the sentences themselves
    assert len(calls) == 2


@pytest.mark.parametrize("algorithm", ["default", "lead", "luhn"])
def test_facts_follow_the_summarys_algorithm(algorithm: str) -> None:
    b = briefing.brief(STORY, sentences=2, algorithm=algorithm)
    chosen = {s.index for s in b.summary}
    clauses = [f for f in b.facts.what if f.sentence_index is not None]
    assert clauses
    assert {f.sentence_index for f in clauses} <= chosen


def test_extract_facts_uses_a_given_ranking() -> None:
    last = Sentence("Builders from Acme Corp will lead the work.", index=8, score=1.0)
    facts = extract_facts(Article(STORY), ranking=(last,))
    assert [f.sentence_index for f in facts.what] == [8]


# --- bounded work on degenerate input ------------------------------------------------------

_RUN = """
import resource, sys, time
import briefing
text = {kind!r} * {n}
start = time.perf_counter()
b = briefing.brief(text)
seconds = time.perf_counter() - start
with open("/proc/self/status") as fh:
    peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM"))
print(seconds, peak // 1024, len(b.summary))
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "kind, n",
    [("A.\n\n", 100_000), ("A. ", 100_000), ("word ", 40_000)],
    ids=["one-letter paragraphs", "one-letter sentences", "no punctuation"],
)
def test_degenerate_texts_brief_in_bounded_time_and_memory(kind: str, n: int) -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", _RUN.format(kind=kind, n=n)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    seconds, peak_mb, summary = out.stdout.split()
    # Targets: 10 s and 500 MB on an idle machine; the bound here is generous for shared CI.
    assert float(seconds) < 30.0
    assert int(peak_mb) < 500
    assert int(summary) >= 1


def test_analysed_part_bounds_sentences_and_paragraphs() -> None:
    from briefing.nlp import MAX_PARAGRAPHS, MAX_SENTENCES
    from briefing.pipeline import analysed_part

    short = Article(STORY)
    assert analysed_part(short) is short
    paragraphs = analysed_part(Article("A.\n\n" * (MAX_PARAGRAPHS + 500))).text
    assert paragraphs.count("\n\n") == MAX_PARAGRAPHS - 1
    assert paragraphs.endswith("A.")
    sentences = analysed_part(Article("It rained. " * (MAX_SENTENCES + 500))).text
    assert sentences.count(".") == MAX_SENTENCES
    assert sentences.endswith("It rained.")


def test_extract_facts_alone_is_bounded_too() -> None:
    import time

    start = time.perf_counter()
    facts = extract_facts("A.\n\n" * 50_000, ranking=())
    assert time.perf_counter() - start < 30.0
    assert facts.who == ()


def test_a_word_budget_alone_sets_the_summary_length() -> None:
    """brief(x, words=N) is not capped at the default three sentences."""
    import briefing

    text = " ".join(
        f"Officials in town number {i} said the river rose by {i} metres overnight."
        for i in range(30)
    )
    default = briefing.summarize(text)
    wide = briefing.brief(text, words=120).summary
    assert len(default) == 3
    assert len(wide) > 3
    assert sum(len(s.text.split()) for s in wide) <= 120


# --- the public entry points refuse wrong types with a BriefingError naming the call -----

FLOOD = (
    "Heavy rain flooded the town of Riverton on Monday, forcing 300 families from their "
    "homes. Mayor Jane Alvarez said the river rose two metres overnight."
)


@pytest.mark.parametrize(
    ("call", "value", "got"),
    [
        ("brief", None, "got None"),
        ("brief", 123, "got int"),
        ("brief", ["a"], "got list"),
        ("brief", b"Rain fell.", "got bytes; decode the bytes to text first"),
        ("summarize", None, "got None"),
        ("summarize", b"Rain fell.", "got bytes; decode the bytes to text first"),
        ("extract_facts", 123, "got int"),
        ("render_markdown", None, "expected a Briefing or a Digest, got None"),
        ("render_html", None, "expected a Briefing or a Digest, got None"),
        ("render_json", 3, "expected a Briefing or a Digest, got int"),
    ],
)
def test_a_wrong_type_at_a_public_entry_point_is_a_briefing_error(
    call: str, value: Any, got: str
) -> None:
    with pytest.raises(briefing.BriefingError) as caught:
        getattr(briefing, call)(value)
    message = str(caught.value)
    assert message.startswith(f"{call}: expected ") and got in message


def test_render_pdf_refuses_a_non_briefing_and_a_path_that_names_no_file(tmp_path: Any) -> None:
    refused = r"^render_pdf: expected a Briefing or a Digest, got None"
    with pytest.raises(briefing.BriefingError, match=refused):
        briefing.render_pdf(None, tmp_path / "x.pdf")  # type: ignore[arg-type]
    b = briefing.brief(Article(FLOOD))
    for path in ("", "."):
        with pytest.raises(briefing.BriefingError, match=r"^render_pdf: .* names no file"):
            briefing.render_pdf(b, path)
    with pytest.raises(briefing.BriefingError, match=r"^render_pdf: expected a file path, got int"):
        briefing.render_pdf(b, 3)  # type: ignore[arg-type]


def test_template_none_is_the_default_template() -> None:
    b = briefing.brief(Article(FLOOD))
    assert briefing.render_markdown(b, template=None) == briefing.render_markdown(b)  # type: ignore[arg-type]
    with pytest.raises(briefing.BriefingError, match=r"^render_markdown: expected a template"):
        briefing.render_markdown(b, template=3)  # type: ignore[arg-type]


def test_digest_takes_an_iso_date_string_as_extract_facts_does() -> None:
    import datetime as dt

    d = briefing.digest([Article(FLOOD)], date="2025-11-24")  # type: ignore[arg-type]
    assert d.date == dt.date(2025, 11, 24)
    assert d.title == "Daily digest — Monday 24 November 2025"
    with pytest.raises(briefing.BriefingError, match=r"^digest: date='garbage': expected a date"):
        briefing.digest([Article(FLOOD)], date="garbage")  # type: ignore[arg-type]


def test_every_render_function_takes_a_digest_and_digest_takes_paths(tmp_path: Any) -> None:
    import datetime as dt

    from pypdf import PdfReader

    story = tmp_path / "flood.txt"
    story.write_text(f"Riverton floods\n\n{FLOOD}", encoding="utf-8")
    day = dt.date(2025, 11, 24)
    d = briefing.digest([story], date=day)
    assert d.read == 1 and len(d.stories) == 1 and d.stories[0].title == "Riverton floods"
    assert briefing.digest(str(story), date=day) == d  # one path alone, as brief() takes it
    md = briefing.render_markdown(d)
    assert md.startswith("# Daily digest — Monday 24 November 2025") and "Riverton floods" in md
    assert "Riverton floods" in briefing.render_html(d)
    assert '"stories"' in briefing.render_json(d)
    pdf = briefing.render_pdf(d, tmp_path / "d.pdf")
    assert len(PdfReader(tmp_path / "d.pdf").pages) == 1 and pdf.startswith(b"%PDF")
    with pytest.raises(briefing.BriefingError, match=r"^render_markdown: explain=True .*digest"):
        briefing.render_markdown(d, explain=True)
    with pytest.raises(briefing.BriefingError, match=r"^digest\(\): .*nope\.txt: no such file"):
        briefing.digest([tmp_path / "nope.txt"], date=day)
