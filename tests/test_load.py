"""The loading stage: every input form in, Articles (or clear InputErrors) out."""

from __future__ import annotations

import datetime as dt
import gzip
import http.server
import importlib
import io
import itertools
import json
import os
import socket
import sys
import threading
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from hypothesis import given, settings, strategies as st

import briefing
from briefing.errors import BriefingError, InputError
from briefing.load import Loaded, load, load_many, make_title
from briefing.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "load"

STORY = (
    "The harbour bridge will close for six weeks from Monday, the city council said. "
    "Engineers found corrosion in 14 steel cables during an inspection in October.\n\n"
    "Ferries will run every 20 minutes while the bridge is shut."
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def articles(items: list[Loaded]) -> list[Article]:
    return [item.article for item in items if item.article is not None]


def set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.fixture(autouse=True)
def _no_size_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_MAX_BYTES", raising=False)


# --- plain text and Markdown ----------------------------------------------------------------


def test_txt_short_first_line_is_the_title_and_leaves_the_text(tmp_path: Path) -> None:
    path = write(tmp_path / "bridge.txt", "Harbour bridge to close\n\n" + STORY + "\n")
    article = load(path)
    assert article.title == "Harbour bridge to close"
    assert article.text == STORY
    assert article.published is None
    assert article.source is None
    assert article.url is None


def test_txt_whose_first_line_is_a_sentence_gets_a_title_from_its_text(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY)
    article = load(str(path))
    assert article.text == STORY
    assert article.title is None  # no headline in the input: none is invented for the article
    made = briefing.brief(article).title
    assert made == "The harbour bridge will close for six weeks from Monday, the city…"


ZH_STORY = (
    "中国国务院周三宣布了一项规模达一万亿元人民币的经济刺激计划，旨在提振国内消费和基础设施投资。"
    "国务院总理李强表示，这一计划将有力支撑经济稳定增长。"
)


def test_chinese_first_line_ending_in_a_full_stop_is_not_a_title(tmp_path: Path) -> None:
    text = "北京消息。" + ZH_STORY + "\n上海和深圳股市周四应声上涨。\n"
    article = load(write(tmp_path / "zh.txt", text))
    assert article.title is None and article.text == text.strip()
    headed = load(write(tmp_path / "headed.txt", "中国发布新一轮经济刺激政策\n\n" + ZH_STORY))
    assert headed.title == "中国发布新一轮经济刺激政策" and headed.text == ZH_STORY


def test_a_chinese_html_page_has_text_though_it_has_no_spaces(tmp_path: Path) -> None:
    html = (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>经济刺激计划</title>'
        f"</head><body><article><h1>经济刺激计划</h1><p>{ZH_STORY}</p></article></body></html>"
    )
    article = load(write(tmp_path / "zh.html", html))  # was "only 1 word"
    assert article.text == ZH_STORY


def test_published_never_comes_from_the_file_mtime(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY)
    os.utime(path, (1_600_000_000, 1_600_000_000))
    assert load(path).published is None


def test_markdown_heading_marks_are_stripped_from_the_title(tmp_path: Path) -> None:
    path = write(tmp_path / "story.md", "## Harbour bridge to close ##\n\n" + STORY)
    article = load(path)
    assert article.title == "Harbour bridge to close"
    assert article.text == STORY


def test_markdown_question_heading_is_still_a_title(tmp_path: Path) -> None:
    path = write(tmp_path / "q.md", "# Will the bridge close?\n" + STORY)
    assert load(path).title == "Will the bridge close?"


BUDGET_MD = """# City approves new budget

The council approved a **new budget** on Monday after a *decision* that took [three
months](https://example.com/budget) of talks with residents.

- The budget includes $4.2 million for road repairs across the northern districts.
- It also funds two libraries, which will open next year in the suburbs.

> "This is a great day for the city," said Mayor John Smith.

## Opposition ##

1. The first vote failed narrowly in October after a long debate.
2) The second vote passed by seven votes to two on Monday.
![Council chamber](https://example.com/chamber.jpg)
"""


def test_markdown_is_read_as_its_rendered_text(tmp_path: Path) -> None:
    article = load(write(tmp_path / "budget.md", BUDGET_MD))
    assert article.title == "City approves new budget"
    assert article.text.split("\n\n") == [
        "The council approved a new budget on Monday after a decision that took three "
        "months of talks with residents.",
        "The budget includes $4.2 million for road repairs across the northern districts.",
        "It also funds two libraries, which will open next year in the suburbs.",
        '"This is a great day for the city," said Mayor John Smith.',
        "Opposition",
        "The first vote failed narrowly in October after a long debate.",
        "The second vote passed by seven votes to two on Monday.",
    ]
    b = briefing.brief(article, sentences=6)
    assert all(s.text in article.text for s in b.summary)
    assert not any(s.text[:1] in "-*>\\" for s in b.summary)
    assert [(q.text, q.speaker) for q in b.facts.quotes] == [
        ("This is a great day for the city", "John Smith")
    ]


TABLE = (
    "District budgets\n\nThe council published the new budgets on Monday, the mayor said.\n\n"
    "| District | Budget | Rise |\n|---|---|---|\n| North 1 | 1,000 | 1.5% |\n"
    "| South 3 | 3,000 | 3.0% |\n\nOfficials said 200 workers would be hired this winter.\n"
)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_table_is_no_summary_line_and_its_bars_join_no_number(
    tmp_path: Path, suffix: str
) -> None:
    b = briefing.brief(load(write(tmp_path / f"budgets{suffix}", TABLE)), sentences=5)
    assert [s.text for s in b.summary] == [
        "The council published the new budgets on Monday, the mayor said.",
        "Officials said 200 workers would be hired this winter.",
    ]
    assert not any("|" in n.text for n in b.facts.numbers), b.facts.numbers


def test_a_plain_text_list_gives_sentences_without_markers(tmp_path: Path) -> None:
    text = (
        "Rail services in northern Italy were disrupted on Monday after an accident.\n\n"
        "* A passenger train derailed near Verona early on Monday, injuring 12 people.\n"
        "1. Services between Milan and Venice were suspended for most of the day.\n"
    )
    article = load(write(tmp_path / "train.txt", text))
    summary = briefing.summarize(article, sentences=3)
    assert [s.text for s in summary] == [
        "Rail services in northern Italy were disrupted on Monday after an accident.",
        "A passenger train derailed near Verona early on Monday, injuring 12 people.",
        "Services between Milan and Venice were suspended for most of the day.",
    ]
    assert all(article.text[s.start : s.end] == s.text for s in summary)


def test_markdown_front_matter_gives_title_date_and_source(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "Bridge: closed for repairs"\ndate: 2025-11-24\nsource: Harbour Gazette\n'
        "tags:\n  - transport\n---\n"
        "# Bridge: closed for repairs\n\n"
        "The [harbour bridge](https://x.example/b) will close, **the council** said.\n\n"
        "## Ferries\n\nFerries will run every 20 minutes."
    )
    article = load(write(tmp_path / "fm.md", text))
    assert article.title == "Bridge: closed for repairs"
    assert article.published == dt.date(2025, 11, 24)
    assert article.source == "Harbour Gazette"
    assert article.text == (
        "The harbour bridge will close, the council said.\n\nFerries\n\n"
        "Ferries will run every 20 minutes."
    )


def test_front_matter_with_a_bad_date_names_the_field(tmp_path: Path) -> None:
    path = write(tmp_path / "fm.md", "---\ndate: last Tuesday\n---\n" + STORY)
    with pytest.raises(InputError, match=r'fm\.md: "date" is .*YYYY-MM-DD'):
        load(path)


def test_text_that_only_looks_like_front_matter_is_kept(tmp_path: Path) -> None:
    text = "---\nThis is not front matter at all, just a rule.\n---\n" + STORY
    article = load(write(tmp_path / "rule.txt", text))
    assert "not front matter" in article.text


@pytest.mark.parametrize("content", ["", "   \n\n\t  \n", "\x00\x00"])
def test_empty_or_whitespace_text_is_an_input_error(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "empty.txt", content)
    with pytest.raises(InputError, match=r"empty\.txt: no article text"):
        load(path)


def test_a_five_megabyte_article_loads(tmp_path: Path) -> None:
    paragraph = STORY + "\n\n"
    body = paragraph * (5_000_000 // len(paragraph) + 1)
    path = write(tmp_path / "big.txt", "Long story\n\n" + body)
    article = load(path)
    assert article.title == "Long story"
    assert len(article.text) > 5_000_000


def test_gzipped_files_are_read(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt.gz", gzip.compress(("Bridge news\n\n" + STORY).encode()))
    article = load(path)
    assert article.title == "Bridge news"
    assert article.text == STORY


# --- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        (
            "latin-1",
            "A câmara de São Paulo aprovou a ação na segunda-feira, disse o prefeito. "
            "A decisão foi tomada após três horas de debate e uma votação apertada.",
        ),
        ("latin-1", "Die Bürger in München äußerten sich über die Straßenbahn. Größere Züge."),
        ("cp1252", "The minister said “we will act” — and prices rose 5 €. Don’t panic."),
        (
            "cp1250",
            "Rząd przyjął w środę projekt budżetu. Posłowie będą głosować nad nim w grudniu, "
            "powiedział minister.",
        ),
        ("cp1251", "Правительство одобрило бюджет в среду. Депутаты будут голосовать в декабре."),
    ],
)
def test_legacy_encodings_are_detected(tmp_path: Path, encoding: str, text: str) -> None:
    article = load(write(tmp_path / "legacy.txt", text.encode(encoding)))
    assert article.text == text


def test_invalid_utf8_bytes_are_replaced_not_fatal(tmp_path: Path) -> None:
    raw = "Café owners in Zürich said prices rose. ".encode() + b"\xff\xfe\xc3" + b" More text."
    article = load(write(tmp_path / "bad.txt", raw))
    assert article.text.startswith("Café owners in Zürich said prices rose.")
    assert article.text.endswith("More text.")


def test_nul_bytes_are_removed(tmp_path: Path) -> None:
    article = load(write(tmp_path / "nul.txt", b"Bridge\x00 closes on Monday.\x00 Ferries run."))
    assert "\x00" not in article.text
    assert article.text == "Bridge closes on Monday. Ferries run."


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_are_honoured(tmp_path: Path, encoding: str) -> None:
    article = load(write(tmp_path / "bom.txt", STORY.encode(encoding)))
    assert article.text == STORY


def test_html_with_a_declared_charset_is_decoded(tmp_path: Path) -> None:
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    html = html.replace('charset="utf-8"', 'charset="windows-1252"').replace("euros", "€ (euros)")
    article = load(write(tmp_path / "cp.html", html.encode("cp1252")))
    assert "480 million € (euros)" in article.text


# --- HTML ---------------------------------------------------------------------------------


def test_html_gives_text_paragraphs_title_date_and_site(tmp_path: Path) -> None:
    article = load(FIXTURES / "page.html")
    assert article.title == "Council votes to expand tram line"
    assert article.published == dt.date(2025, 11, 20)
    assert article.source == "Riverside Post"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("The city council voted 31 to 9 on Thursday")
    assert paragraphs[-1].startswith("The extension adds 12 stops")
    assert len(paragraphs) == 4
    for junk in ("tracking", "Copyright", "Sport", "Council votes to expand tram line"):
        assert junk not in article.text


def test_html_loading_never_touches_the_network(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network access while loading a local HTML file")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    html = (
        (FIXTURES / "page.html")
        .read_text(encoding="utf-8")
        .replace("<head>", '<head><link rel="canonical" href="https://riverside.example/tram">')
    )
    article = load(write(tmp_path / "page.htm", html))
    assert article.url == "https://riverside.example/tram"
    assert "480 million euros" in article.text


def test_html_without_article_text_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.html", "<html><head><title>x</title></head><body></body></html>")
    with pytest.raises(InputError, match=r"blank\.html: no article text"):
        load(path)


# --- JSON ---------------------------------------------------------------------------------


def test_json_object_with_every_field(tmp_path: Path) -> None:
    record = {
        "text": STORY,
        "title": "Bridge closes",
        "published": "2025-11-24T21:30:00-05:00",
        "url": "https://gazette.example/bridge",
        "source": "Harbour Gazette",
        "author": "ignored",
    }
    article = load(write(tmp_path / "a.json", json.dumps(record)))
    assert article == Article(
        STORY,
        title="Bridge closes",
        published=dt.datetime(2025, 11, 24, 21, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        url="https://gazette.example/bridge",
        source="Harbour Gazette",
    )


def test_json_date_only_is_a_date_and_title_is_made_when_missing(tmp_path: Path) -> None:
    article = load(
        write(tmp_path / "a.json", json.dumps({"text": STORY, "published": "2025-11-24"}))
    )
    assert article.published == dt.date(2025, 11, 24)
    assert type(article.published) is dt.date
    assert article.title is None  # the input gave none: the briefing makes one
    assert briefing.brief(article).title == make_title(STORY)


def test_json_published_may_be_a_feeds_rfc_2822_date(tmp_path: Path) -> None:
    # items exported from an RSS feed carry its dates: unambiguous, unlike "24/11/2025"
    record = {"text": STORY, "published": "Mon, 24 Nov 2025 21:30:00 -0500"}
    article = load(write(tmp_path / "a.json", json.dumps(record)))
    assert article.published == dt.datetime(
        2025, 11, 24, 21, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))
    )


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"title": "no text"}, r'x\.json: no article text; give a non-empty "text"'),
        ({"text": "  \n "}, r"x\.json: no article text"),
        ({"text": 42}, r'x\.json: "text" must be a string, not number; fix the field'),
        (
            {"text": STORY, "published": "24/11/2025"},
            r'x\.json: "published" is \'24/11/2025\', not an ISO date; write it as YYYY-MM-DD',
        ),
        ({"text": STORY, "published": 20251124}, r'x\.json: "published" is 20251124'),
        ({"text": STORY, "title": ["a"]}, r'x\.json: "title" must be a string, not list'),
        ({"text": STORY, "source": 1.5}, r'x\.json: "source" must be a string, not number'),
        ([{"text": STORY}], r"x\.json: holds a JSON list, not an object"),
        (None, r"x\.json: holds a JSON null, not an object"),
        ("story", r"x\.json: holds a JSON string, not an object"),
    ],
)
def test_bad_json_records_name_the_file(tmp_path: Path, record: Any, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load(write(tmp_path / "x.json", json.dumps(record)))


def test_a_json_syntax_error_is_told_once_without_a_doubled_at(tmp_path: Path) -> None:
    bad = '{"text": "a\tb"}'  # a raw tab inside a string: "Invalid control character at"
    with pytest.raises(InputError) as caught:
        load(write(tmp_path / "x.json", bad))
    assert "Invalid control character at line 1 column" in str(caught.value)
    (item,) = load_many([write(tmp_path / "x.jsonl", bad + "\n")])
    assert "Invalid control character at column" in str(item.error)
    assert " at at " not in str(item.error)
    (item,) = load_many([write(tmp_path / "n.jsonl", "null\n")])
    assert "holds a JSON null, not an object" in str(item.error)


def test_invalid_json_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"x\.json: not valid JSON"):
        load(write(tmp_path / "x.json", '{"text": "unterminated'))
    lines = json.dumps({"text": STORY}) + "\n" + json.dumps({"text": STORY})
    with pytest.raises(InputError, match=r"\.jsonl"):
        load(write(tmp_path / "x.json", lines))


# --- paths: missing, unsupported, too big, folders -------------------------------------------


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        load(missing)
    (item,) = load_many([missing])
    assert item.article is None
    assert item.name == str(missing)
    assert isinstance(item.error, InputError)


@pytest.mark.parametrize(("name", "kind"), [("x.pdf", "PDF"), ("report.docx", "DOCX")])
def test_unsupported_extension_says_how_to_fix_it(tmp_path: Path, name: str, kind: str) -> None:
    path = write(tmp_path / name, b"%PDF-1.4 binary")
    with pytest.raises(InputError) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}: cannot read {kind} articles; convert it to text or HTML first"
    )


def test_file_over_the_size_cap_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(31_200_000)  # sparse: nothing is written
    with pytest.raises(InputError) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}: 31.2 MB is over the 20 MB limit; split the file or raise the limit "
        "(--max-bytes; max_bytes= in Python)"
    )


@pytest.mark.parametrize(
    ("size", "cap", "told"),
    [
        (220, 100, "220 bytes is over the 100 bytes limit"),
        (25_000, 10_000, "25 KB is over the 10 KB limit"),
        (31_200_000, 20_000_000, "31.2 MB is over the 20 MB limit"),
        (20_000_001, 20_000_000, "20,000,001 bytes is over the 20,000,000 bytes limit"),
        (None, 1_000_000, "more than 1 MB is over the 1 MB limit"),
    ],
)
def test_a_size_over_the_cap_is_told_in_a_readers_units(
    size: int | None, cap: int, told: str
) -> None:
    from briefing.load.document import too_big

    assert str(too_big("a.txt", size, cap)).startswith(f"a.txt: {told}; ")


def test_a_download_over_the_cap_is_not_told_to_split_the_file() -> None:
    from briefing.load.document import too_big

    assert "split the file" not in str(too_big("https://example.org/big", None, 1_000_000))
    assert "split the file" in str(too_big("big.txt", 5_000_000, 1_000_000))


def test_size_cap_is_an_argument_and_never_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = write(tmp_path / "story.txt", STORY)
    with pytest.raises(InputError, match=r"story\.txt: \d+ bytes is over the 100 bytes limit"):
        load(path, max_bytes=100)
    monkeypatch.setenv("BRIEFING_MAX_BYTES", "100")  # only the CLI's settings read it
    assert load(path).text == STORY
    with pytest.raises(InputError, match="max_bytes"):
        load(path, max_bytes=-1)


def test_gzip_bombs_are_capped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.txt.gz", gzip.compress(b"a " * 100_000))
    with pytest.raises(InputError, match=r"bomb\.txt\.gz: more than 50 KB"):
        load(path, max_bytes=50_000)


def test_folder_yields_article_files_sorted_recursively(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Second story\n\n" + STORY)
    write(tmp_path / "a.md", "# First story\n\n" + STORY)
    write(tmp_path / "sub" / "c.json", json.dumps({"text": STORY, "title": "Third story"}))
    write(tmp_path / ".hidden.txt", "Hidden\n\n" + STORY)
    write(tmp_path / ".git" / "d.txt", "Hidden folder\n\n" + STORY)
    write(tmp_path / "notes.pdf", b"%PDF")
    write(tmp_path / "README", STORY)
    items = list(load_many([tmp_path]))
    assert [item.name for item in items] == [
        str(tmp_path / "a.md"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "sub" / "c.json"),
    ]
    assert [a.title for a in articles(items)] == ["First story", "Second story", "Third story"]


def test_folder_is_refused_by_load_and_empty_folder_is_an_error_item(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="load_many"):
        load(tmp_path)
    (item,) = load_many([tmp_path])
    assert item.error is not None and "no article files" in str(item.error)


def test_a_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", STORY)
    items = list(load_many([tmp_path / "missing.txt", tmp_path / "x.pdf", good]))
    assert [item.article is not None for item in items] == [False, False, True]


# --- JSON Lines ---------------------------------------------------------------------------


def test_jsonl_yields_one_item_per_line_and_survives_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": STORY, "title": "One"}),
        "",
        "{not json",
        json.dumps({"text": ""}),
        json.dumps(["a list"]),
        json.dumps({"text": STORY, "published": "2025-11-24", "source": "Gazette"}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = list(load_many([path]))
    assert [item.name for item in items] == [f"{path}:{n}" for n in (1, 3, 4, 5, 6)]
    assert [item.error is None for item in items] == [True, False, False, False, True]
    for item in items[1:4]:
        assert str(item.error).startswith(item.name)
    last = items[-1].article
    assert last is not None and last.published == dt.date(2025, 11, 24)
    assert last.source == "Gazette"


def test_load_reads_a_one_line_jsonl_and_refuses_several(tmp_path: Path) -> None:
    one = write(tmp_path / "one.jsonl", "\n" + json.dumps({"text": STORY}) + "\n\n")
    assert load(one).text == STORY
    two = write(tmp_path / "two.jsonl", (json.dumps({"text": STORY}) + "\n") * 2)
    with pytest.raises(InputError, match=r"two\.jsonl: is a JSON Lines file.*load_many"):
        load(two)


def test_jsonl_is_read_lazily(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    line = json.dumps({"text": "The council met on Monday. It voted on the budget."}) + "\n"
    path = tmp_path / "huge.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.writelines(itertools.repeat(line, 100_000))
    size = path.stat().st_size
    opened: list[IO[bytes]] = []
    load_module = importlib.import_module("briefing.load.files")
    real_open: Callable[[Path], IO[bytes]] = load_module._open_path

    def tracking_open(p: Path) -> IO[bytes]:
        stream = real_open(p)
        opened.append(stream)
        return stream

    monkeypatch.setattr(load_module, "_open_path", tracking_open)
    batch = load_many([path])
    first = list(itertools.islice(batch, 3))
    assert [item.name for item in first] == [f"{path}:{n}" for n in (1, 2, 3)]
    (stream,) = opened
    assert stream.tell() < 64 * 1024 < size  # only a buffer's worth has been read
    assert isinstance(batch, Generator)
    batch.close()
    assert stream.closed


# --- stdin --------------------------------------------------------------------------------


def test_missing_stdin_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match="<stdin>: there is no standard input"):
        load("-")


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, ("Bridge to close\n\n" + STORY).encode())
    article = load("-")
    assert article.title == "Bridge to close"
    assert article.text == STORY


def test_stdin_json_object(monkeypatch: pytest.MonkeyPatch) -> None:
    record = {"text": STORY, "title": "From stdin", "published": "2025-11-24"}
    set_stdin(monkeypatch, json.dumps(record, indent=2).encode())
    article = load("-")
    assert article.title == "From stdin"
    assert article.published == dt.date(2025, 11, 24)


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, (FIXTURES / "page.html").read_bytes())
    assert load("-").title == "Council votes to expand tram line"


def test_stdin_jsonl_streams_in_load_many_and_is_refused_by_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = "\n".join(json.dumps({"text": STORY, "title": t}) for t in ("A", "B", "C"))
    set_stdin(monkeypatch, data.encode())
    items = list(load_many(["-"]))
    assert [item.name for item in items] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]
    assert [a.title for a in articles(items)] == ["A", "B", "C"]
    set_stdin(monkeypatch, data.encode())
    with pytest.raises(InputError, match="load_many"):
        load("-")


def test_stdin_feed_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, (FIXTURES / "atom.xml").read_bytes())
    items = list(load_many(["-"]))
    assert [a.title for a in articles(items)] == ["School budget approved", "Library extends hours"]
    set_stdin(monkeypatch, (FIXTURES / "atom.xml").read_bytes())
    with pytest.raises(InputError, match="is a feed"):
        load("-")


# --- feeds --------------------------------------------------------------------------------


def test_rss_feed_uses_content_encoded_and_entry_metadata() -> None:
    items = list(load_many([FIXTURES / "rss_content_encoded.xml"]))
    assert [item.name for item in items] == [
        "https://gazette.example/bridge",
        "https://gazette.example/market",
        "https://gazette.example/gallery",
    ]
    bridge, market = articles(items)
    assert bridge.text == (
        "The harbour bridge will close for six weeks from Monday, the city council said.\n\n"
        "Engineers found corrosion in 14 steel cables during an inspection in October.\n"
        "Ferries will run every 20 minutes."
    )
    assert bridge.title == "Harbour bridge to close for repairs"
    assert bridge.published == dt.datetime(
        2025, 11, 24, 21, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))
    )
    assert bridge.url == "https://gazette.example/bridge"
    assert bridge.source == "Harbour Gazette"
    assert market.text == "The covered market reopened on Tuesday after three weeks of cleaning."


def test_feed_entry_without_text_is_an_error_item() -> None:
    items = list(load_many([FIXTURES / "rss_content_encoded.xml"]))
    gallery = items[2]
    assert gallery.article is None
    message = str(gallery.error)
    assert "rss_content_encoded.xml entry 3 (Photo gallery: the storm): has no text" in message
    assert "https://gazette.example/gallery" in message


def test_feed_entry_whose_text_is_only_platform_furniture_is_a_headline(tmp_path: Path) -> None:
    from briefing.load.feeds import HeadlineOnly

    feed = tmp_path / "links.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Links</title>'
        "<item><title>Show: a tiny editor</title><link>https://links.example/1</link>"
        '<description><![CDATA[<a href="https://links.example/c/1">Comments</a>]]></description>'
        "</item>"
        "<item><title>Ferry timetable</title><link>https://links.example/2</link>"
        "<description>Read more \u00bb</description></item>"
        "<item><title>Council votes</title><link>https://links.example/3</link>"
        "<description>The council voted on Monday. Comments</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    first, second, third = load_many([feed])
    for item in (first, second):
        assert item.article is None and isinstance(item.error, HeadlineOnly)
        assert "has no text" in str(item.error)
    assert third.article is not None  # furniture beside the entry's own words: an article
    assert third.article.text == "The council voted on Monday. Comments"


def test_atom_feed_content_summary_and_html_titles() -> None:
    budget, library = articles(list(load_many([FIXTURES / "atom.xml"])))
    assert budget.title == "School budget approved"
    assert budget.text == (
        "The school board approved a budget of $4.2 million on Wednesday.\n\n"
        "Teachers will get a 3% raise."
    )
    assert budget.published == dt.datetime(
        2025, 11, 26, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert budget.source == "Valley Times"
    assert library.text == "The public library will stay open until 9 p.m. on weekdays."
    assert library.published == dt.datetime(2025, 11, 25, 18, 0, tzinfo=dt.UTC)


def test_rdf_feed_without_extension_is_sniffed(tmp_path: Path) -> None:
    rdf = (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="https://r.example/"><title>RDF News</title></channel>'
        '<item rdf:about="https://r.example/1"><title>Port strike ends</title>'
        "<link>https://r.example/1</link><dc:date>2025-11-20</dc:date>"
        "<description>Dock workers returned to work on Thursday.</description></item>"
        "</rdf:RDF>"
    )
    (item,) = load_many([write(tmp_path / "feed", rdf)])
    assert item.article is not None
    assert item.article.title == "Port strike ends"
    assert item.article.source == "RDF News"
    assert item.article.published == dt.date(2025, 11, 20)


def test_undeclared_latin1_feed_is_decoded(tmp_path: Path) -> None:
    rss = (
        '<rss version="2.0"><channel><title>Notícias</title><item><title>Ação do governo</title>'
        "<description>O governo anunciou a ação na segunda-feira.</description></item>"
        "</channel></rss>"
    )
    (item,) = load_many([write(tmp_path / "latin.rss", rss.encode("latin-1"))])
    assert item.article is not None
    assert item.article.title == "Ação do governo"
    assert item.article.text == "O governo anunciou a ação na segunda-feira."


def test_broken_feed_is_one_error_item_naming_the_file() -> None:
    path = FIXTURES / "broken.xml"
    (item,) = load_many([path])
    assert item.article is None
    assert item.name == str(path)
    assert str(item.error).startswith(f"{path}: not a readable RSS or Atom feed")


def test_load_refuses_a_feed_file() -> None:
    with pytest.raises(InputError, match=r"atom\.xml: is a feed.*load_many"):
        load(FIXTURES / "atom.xml")


# --- URLs ---------------------------------------------------------------------------------

PAGE = (FIXTURES / "page.html").read_bytes()
RSS_WITHOUT_TEXT = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Linker</title>
<item><title>Linked story</title><link>{base}/page</link></item></channel></rss>"""
USER_AGENTS: list[str | None] = []
ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/page": (200, "text/html; charset=utf-8", PAGE),
    "/story.txt": (200, "text/plain", ("Bridge to close\n\n" + STORY).encode()),
    "/photo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
    "/big": (200, "text/plain", b"word " * 5_000),
    "/big-stream": (200, "text/plain", b"word " * 5_000),
    "/atom": (200, "application/atom+xml", (FIXTURES / "atom.xml").read_bytes()),
    "/linker": (200, "application/rss+xml", RSS_WITHOUT_TEXT),
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        USER_AGENTS.append(self.headers.get("User-Agent"))  # before answering: no race
        if self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        status, content_type, body = ROUTES.get(self.path, (404, "text/plain", b"not found"))
        if self.path == "/linker":
            body = body.replace(b"{base}", self.server.base.encode())  # type: ignore[attr-defined]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if self.path != "/big-stream":  # that one is sent until the connection closes
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.base = base  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_url_html_page(server: str) -> None:
    article = load(f"{server}/page", allow_private=True)
    assert article.title == "Council votes to expand tram line"
    assert article.url == f"{server}/page"
    assert article.source == "Riverside Post"
    assert article.text.startswith("The city council voted 31 to 9")


def test_url_text_gets_host_as_source(server: str) -> None:
    article = load(f"{server}/story.txt", allow_private=True)
    assert article.title == "Bridge to close"
    assert article.source == "127.0.0.1"


def test_url_wrong_content_type(server: str) -> None:
    with pytest.raises(InputError) as caught:
        load(f"{server}/photo.png", allow_private=True)
    assert str(caught.value).startswith(f"{server}/photo.png: serves image/png")


def test_url_oversize_body(monkeypatch: pytest.MonkeyPatch, server: str) -> None:
    with pytest.raises(InputError, match=r"/big: 25 KB is over the 10 KB limit"):
        load(f"{server}/big", allow_private=True, max_bytes=10_000)
    with pytest.raises(InputError, match=r"/big-stream: more than 10 KB is over the 10 KB"):
        load(f"{server}/big-stream", allow_private=True, max_bytes=10_000)


def test_url_404(server: str) -> None:
    with pytest.raises(InputError, match=r"/missing: the server answered 404"):
        load(f"{server}/missing", allow_private=True)


def test_url_redirect_to_a_file_is_refused(server: str) -> None:
    with pytest.raises(InputError, match=r"/to-file: .*file:///etc/passwd.* not allowed"):
        load(f"{server}/to-file", allow_private=True)


def test_url_connection_refused_names_the_url() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError, match=rf"127\.0\.0\.1:{port}/x: cannot fetch it"):
        load(f"http://127.0.0.1:{port}/x", allow_private=True)


def test_url_sends_a_user_agent(server: str) -> None:
    USER_AGENTS.clear()
    load(f"{server}/story.txt", allow_private=True)
    assert USER_AGENTS and str(USER_AGENTS[0]).startswith("briefing/")


def test_fetch_false_refuses_urls(server: str) -> None:
    with pytest.raises(InputError, match="fetching URLs is disabled"):
        load(f"{server}/page", fetch=False)
    (item,) = load_many([f"{server}/page"], fetch=False)
    assert item.error is not None and "fetching URLs is disabled" in str(item.error)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.txt"])
def test_only_http_urls(url: str) -> None:
    with pytest.raises(InputError, match=r"only http:// and https://"):
        load(url)


def test_feed_url_yields_its_entries(server: str) -> None:
    items = list(load_many([f"{server}/atom"], allow_private=True))
    assert [a.title for a in articles(items)] == ["School budget approved", "Library extends hours"]


def test_entry_without_text_loads_its_link_when_asked(server: str) -> None:
    (without,) = load_many([f"{server}/linker"], allow_private=True)
    assert without.article is None
    (linked,) = load_many([f"{server}/linker"], fetch_linked=True, allow_private=True)
    assert linked.article is not None
    assert linked.article.title == "Linked story"
    assert linked.article.source == "Linker"
    assert linked.article.url == f"{server}/page"
    assert "480 million euros" in linked.article.text


# --- titles -------------------------------------------------------------------------------


def test_make_title_short_sentence_is_verbatim() -> None:
    assert make_title("Rates rise in the U.S.") == "Rates rise in the U.S."
    assert make_title("Rates rise again.\n\nMarkets fell.") == "Rates rise again"


def test_make_title_cuts_long_sentences_with_an_ellipsis() -> None:
    text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen."
    assert make_title(text) == "One two three four five six seven eight nine ten eleven twelve…"
    assert make_title(text, max_words=3) == "One two three…"
    assert make_title("Short one. Then more.") == "Short one"
    assert make_title("  ") == ""


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_make_title_never_invents_words(text: str) -> None:
    title = make_title(text)
    words = title.removesuffix("…").split()
    assert len(words) <= 12
    # verbatim: the title's words are a run of the text's words (whitespace normalised)
    assert " ".join(words) in " ".join(text.split())


def test_titles_come_only_from_the_input(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.json", json.dumps({"text": STORY, "title": "Bridge to close"}))
    write(tmp_path / "c.jsonl", json.dumps({"text": "Ferries run. Bridge shut."}))
    items = list(load_many([tmp_path, FIXTURES / "atom.xml"]))
    assert len(articles(items)) == 5
    titles = [a.title for a in articles(items)]
    assert titles[0] is None and titles[1] == "Bridge to close" and titles[2] is None
    assert all(titles[3:])  # feed entries carry their own titles


def test_errors_are_briefing_errors(tmp_path: Path) -> None:
    with pytest.raises(BriefingError):
        load(tmp_path / "missing.md")


# --- OPML ---------------------------------------------------------------------------------

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<opml version="2.0">
  <head><title>My feeds &xxe;</title></head>
  <body>
    <outline text="News">
      <outline text="Gazette" type="rss" xmlUrl="https://gazette.example/feed.xml"/>
      <outline text="Post" type="rss" xmlUrl="https://post.example/atom"
               htmlUrl="https://post.example/"/>
    </outline>
    <outline text="Gazette again" type="rss" xmlUrl="https://gazette.example/feed.xml"/>
    <outline text="Blog" type="rss" xmlUrl="http://[::1"/>
  </body>
</opml>
"""


def test_opml_gives_feed_urls_in_order_once_each(tmp_path: Path) -> None:
    from briefing.load import read_opml

    path = write(tmp_path / "subs.opml", OPML)
    assert read_opml(path) == [
        "https://gazette.example/feed.xml",
        "https://post.example/atom",
        "http://[::1",
    ]
    # a broken subscription is that input's error when loaded, the others still load
    (item,) = load_many([read_opml(path)[2]], fetch=False)
    assert item.error is not None and "not a valid URL" in str(item.error)


@pytest.mark.parametrize(
    "content",
    ["", "<opml><body></body></opml>", "not xml at all", b"\x00\xff\x00"],
)
def test_opml_without_subscriptions_is_an_input_error(tmp_path: Path, content: str | bytes) -> None:
    from briefing.load import read_opml

    path = write(tmp_path / "subs.opml", content)
    with pytest.raises(InputError, match=r"subs\.opml: no feed subscriptions"):
        read_opml(path)


def test_opml_missing_file(tmp_path: Path) -> None:
    from briefing.load import read_opml

    with pytest.raises(InputError, match=r"nope\.opml: cannot read the file"):
        read_opml(tmp_path / "nope.opml")


# --- the size cap as an argument ----------------------------------------------------------


def test_max_bytes_argument_caps_files_lines_and_wins_over_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFING_MAX_BYTES", "1000000")
    path = write(tmp_path / "a.txt", STORY)
    with pytest.raises(InputError, match=r"a\.txt: .* is over the 100 bytes limit"):
        load(path, max_bytes=100)
    lines = write(tmp_path / "b.jsonl", json.dumps({"text": STORY}) + "\n" + '{"text": "Hi."}\n')
    items = list(load_many([lines], max_bytes=100))
    assert items[0].error is not None and "b.jsonl:1: more than" in str(items[0].error)
    assert items[1].article is not None
    assert load(path, max_bytes=10_000).text == STORY


@pytest.mark.parametrize("cap", [0, -5, True, "10"])
def test_a_bad_max_bytes_is_an_input_error(tmp_path: Path, cap: Any) -> None:
    path = write(tmp_path / "a.txt", STORY)
    with pytest.raises(InputError, match="is not a size in bytes"):
        load(path, max_bytes=cap)
    with pytest.raises(InputError, match="is not a size in bytes"):
        list(load_many([path], max_bytes=cap))


def test_max_bytes_caps_downloads(server: str) -> None:
    with pytest.raises(InputError, match=r"/big: 25 KB is over the 10 KB limit"):
        load(f"{server}/big", allow_private=True, max_bytes=10_000)


def test_items_name_the_input_they_came_from(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", STORY)
    lines = write(tmp_path / "b.jsonl", json.dumps({"text": STORY}) + "\n")
    items = list(load_many([tmp_path / "in", lines, FIXTURES / "atom.xml", 5]))  # type: ignore[list-item]
    assert [item.input for item in items] == [
        str(tmp_path / "in"),
        str(lines),
        str(FIXTURES / "atom.xml"),
        str(FIXTURES / "atom.xml"),
        "5",
    ]
    assert items[-1].error is not None and items[-1].name == "5"


def test_an_opml_file_given_as_an_article_points_to_the_digest(tmp_path: Path) -> None:
    path = write(
        tmp_path / "my feeds.opml",
        b'<opml version="1.0"><body><outline xmlUrl="https://example.org/feed"/></body></opml>',
    )
    with pytest.raises(InputError) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}: an OPML file lists feeds, not articles; "
        f"read them with: briefing digest --opml '{path}'"
    )


JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Example News",
    "items": [
        {
            "id": "1",
            "url": "https://example.org/budget",
            "title": "Council approves new budget",
            "content_text": "The city council approved a new budget on Monday. Spending on "
            "schools rises by 4 percent.",
            "date_published": "2025-11-24T10:00:00Z",
        },
        {
            "id": "2",
            "url": "https://example.org/storm",
            "title": "Storm closes schools",
            "content_html": "<p>A storm closed schools on <b>Tuesday</b>.</p><script>x()</script>",
            "date_modified": "2025-11-25T08:00:00+01:00",
        },
        {"id": "3", "url": "https://example.org/headline", "title": "Only a headline"},
        "not an item",
    ],
}


def test_a_json_feed_gives_one_article_per_item(tmp_path: Path) -> None:
    import json

    path = write(tmp_path / "feed.json", json.dumps(JSON_FEED).encode())
    items = list(load_many([path]))
    articles = [i.article for i in items if i.article is not None]
    assert [a.title for a in articles] == ["Council approves new budget", "Storm closes schools"]
    budget, storm = articles
    assert budget.source == "Example News" and budget.url == "https://example.org/budget"
    assert budget.published == dt.datetime(2025, 11, 24, 10, tzinfo=dt.UTC)
    assert storm.text == "A storm closed schools on Tuesday."  # markup and script dropped
    assert storm.published == dt.datetime(2025, 11, 25, 7, tzinfo=dt.UTC)  # 08:00 at +01:00
    headline = [i for i in items if i.article is None]
    assert len(headline) == 1 and "Only a headline" in str(headline[0].error)
    with pytest.raises(InputError, match=r"feed\.json: is a feed"):
        load(path)


def test_a_json_feed_with_an_empty_items_list_is_an_empty_feed_not_a_broken_one(
    tmp_path: Path,
) -> None:
    import json

    from briefing.load.feeds import EmptyFeed

    empty = {"version": "https://jsonfeed.org/version/1", "title": "x", "items": []}
    path = write(tmp_path / "empty.json", json.dumps(empty).encode())
    (item,) = load_many([path])
    assert item.article is None and isinstance(item.error, EmptyFeed)
    assert str(item.error) == f"{path}: the feed has no entries; nothing to brief"
    broken = {"version": "https://jsonfeed.org/version/1", "title": "x"}
    path = write(tmp_path / "broken.json", json.dumps(broken).encode())
    (item,) = load_many([path])
    assert item.article is None and not isinstance(item.error, EmptyFeed)
    assert str(item.error) == f"{path}: not a readable JSON Feed (no items list); check it"


EMPTY_RSS = (
    '<rss version="2.0"><channel><title>E</title><link>http://e/</link>'
    "<description>d</description></channel></rss>"
)
EMPTY_ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    "<title>E</title><id>urn:x</id><updated>2025-11-24T00:00:00Z</updated></feed>"
)


@pytest.mark.parametrize("content", [EMPTY_RSS, EMPTY_ATOM], ids=["rss", "atom"])
def test_a_well_formed_feed_with_no_entries_is_an_empty_feed(tmp_path: Path, content: str) -> None:
    from briefing.load.feeds import EmptyFeed

    path = write(tmp_path / "empty.xml", content)
    (item,) = load_many([path])
    assert item.article is None and isinstance(item.error, EmptyFeed)
    assert str(item.error) == f"{path}: the feed has no entries; nothing to brief"


@pytest.mark.parametrize(
    "content",
    [
        '<rss version="2.0"></rss>',  # no <channel>
        '<rss version="2.0"><channel><title>E</title>',  # cut off
        "<notes><note>buy milk</note></notes>",  # XML, but no feed
    ],
    ids=["no-channel", "truncated", "not-a-feed"],
)
def test_xml_that_is_no_well_formed_feed_is_still_an_error(tmp_path: Path, content: str) -> None:
    from briefing.load.feeds import EmptyFeed

    path = write(tmp_path / "odd.rss", content)
    (item,) = load_many([path])
    assert item.article is None and item.error is not None
    assert not isinstance(item.error, EmptyFeed)


CUT_RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Tide</title>\n'
    "<item><title>Pier reopens</title><link>https://tide.example/1</link>\n"
    "<description>The north pier reopened to anglers on Friday.</description></item>\n"
    "<item><title>Harbour fees rise</title><link>https://tide.example/2</link>\n"
    "<description>Mooring fees will rise by a fifth from"
)


@pytest.mark.parametrize("cut", [0, 20], ids=["in-text", "in-a-tag"])
def test_a_cut_off_feed_gives_its_whole_entries_and_says_it_was_cut(
    tmp_path: Path, cut: int
) -> None:
    from briefing.load.feeds import CutFeed

    path = write(tmp_path / "tide.xml", CUT_RSS[: len(CUT_RSS) - cut])
    pier, cut_off = load_many([path])
    assert pier.article is not None and pier.article.title == "Pier reopens"
    assert cut_off.article is None and isinstance(cut_off.error, CutFeed)
    message = str(cut_off.error)
    assert message.startswith(f"{path}: the feed is cut off (at line ")
    assert "only its 1 whole entry was read" in message


def test_a_whole_feed_the_strict_parser_refuses_is_read_without_a_warning(tmp_path: Path) -> None:
    # an HTML entity XML does not know: not well-formed, yet whole; the loose parser reads it
    rss = CUT_RSS + " May.&nbsp;</description></item></channel></rss>"
    items = list(load_many([write(tmp_path / "tide.xml", rss)]))
    assert [i.article.title for i in items if i.article] == ["Pier reopens", "Harbour fees rise"]
    assert all(i.error is None for i in items)


@pytest.mark.parametrize(
    ("language", "date"),
    [
        ("<language>fr-CA</language>", "mer. 4 mars 2026 07:45:00 -0500"),
        ("", "Mi, 04 Mär 2026 07:45:00 -0500"),  # no language declared: seen in the date
    ],
    ids=["declared", "undeclared"],
)
def test_a_feed_date_in_a_servers_locale_is_read(tmp_path: Path, language: str, date: str) -> None:
    rss = (
        f'<rss version="2.0"><channel><title>Ridge</title>{language}<item><title>Road shut'
        f"</title><pubDate>{date}</pubDate><description>The ridge road closed on Wednesday "
        "after a rockfall.</description></item></channel></rss>"
    )
    (item,) = load_many([write(tmp_path / "ridge.xml", rss)])
    assert item.article is not None
    assert item.article.published == dt.datetime(
        2026, 3, 4, 7, 45, tzinfo=dt.timezone(dt.timedelta(hours=-5))
    )


def test_a_feed_entrys_code_listing_is_no_prose(tmp_path: Path) -> None:
    rss = (
        '<rss version="2.0"><channel><title>Code blog</title><item><title>Parsing made easy'
        "</title><description><![CDATA[<p>I released a parser for <code>HTML</code> on "
        "Monday, and it is easy to use:</p><pre>doc = Parser.html(&lt;&lt;-eohtml)\n"
        "  &lt;p&gt;Hello&lt;/p&gt;\neohtml</pre><p>It runs twice as fast as the old one."
        "</p>]]></description></item></channel></rss>"
    )
    (item,) = load_many([write(tmp_path / "code.rss", rss.encode())])
    assert item.article is not None
    assert item.article.text == (
        "I released a parser for HTML on Monday, and it is easy to use:\n\n"
        "It runs twice as fast as the old one."
    )


# --- notes about the story are no news ------------------------------------------------------


def test_editors_notes_stamps_and_credits_are_dropped_at_load() -> None:
    import datetime as dt

    from briefing.load.document import make_article

    text = (
        "Editor's note: This report was revised at 18:00 CET with figures from the ministry.\n\n"
        "Jordan Blake\n\nHarbor Valley Ledger\n\n"
        "Published 9:40 a.m. ET April 2, 2026 | Updated 1:15 p.m. ET April 2, 2026\n\n"
        "Flood barriers along the river were raised overnight as water levels climbed.\n\n"
        "Officials said 40 homes had been evacuated.\n\n"
        "This story has been updated to correct the number of homes.\n\n"
        "Associated Press writer Lena Ortiz contributed from Denver.\n\n"
        "(Reporting by Omar Said; Editing by Ruth Klein)\n\n"
        "Follow the Harbor Valley Ledger on Facebook and Instagram"
    )
    article = make_article("t", text)
    assert article.text == (
        "Flood barriers along the river were raised overnight as water levels climbed.\n\n"
        "Officials said 40 homes had been evacuated."
    )
    assert article.published == dt.date(2026, 4, 2)


def test_a_byline_paragraph_and_a_funding_note_are_dropped() -> None:
    from briefing.load.document import make_article

    text = (
        "By Nina Holt, Science Reporter\n\n"
        "A new vaccine trial enrolled 2,000 volunteers in six cities, researchers said.\n\n"
        "The Wire Service Health Desk receives support from the Example Foundation. "
        "The Wire Service is solely responsible for all content."
    )
    assert make_article("t", text).text == (
        "A new vaccine trial enrolled 2,000 volunteers in six cities, researchers said."
    )


def test_news_that_mentions_publishing_or_following_is_kept() -> None:
    from briefing.load.document import make_article

    text = (
        "The paper published the letter on Monday after a week of talks.\n\n"
        "Investors should follow the money, the minister said in a speech on Tuesday."
    )
    assert make_article("t", text).text == text
