"""Hostile and broken inputs to loading: one clear InputError, no hang, nothing lost."""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from briefing.errors import BriefingError, InputError
from briefing.load import Loaded, load, load_many

STORY = (
    "The harbour bridge will close for six weeks from Monday, the city council said. "
    "Engineers found corrosion in 14 steel cables during an inspection in October."
)
DEEP = "[" * 100_000 + "]" * 100_000
LONG_NUMBER = '{"text": "Rates rose.", "n": ' + "9" * 5000 + "}"


@pytest.fixture(autouse=True)
def _no_size_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_MAX_BYTES", raising=False)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def finishes(function: Any, seconds: float = 20.0) -> Any:
    """Run ``function`` in a thread; fail (instead of hanging) when it does not return."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = function()
        except BaseException as err:  # handed back to the test
            box["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    if "error" in box:
        raise box["error"]
    return box["value"]


# --- JSON that Python refuses ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "what"),
    [('{"text": ' + DEEP + "}", "nested too deeply"), (LONG_NUMBER, "number too long")],
)
def test_json_file_too_deep_or_too_long_a_number(tmp_path: Path, content: str, what: str) -> None:
    path = write(tmp_path / "bad.json", content)
    with pytest.raises(InputError, match=rf"bad\.json: the JSON .*{what}"):
        load(path)


def test_jsonl_bad_lines_are_reported_and_good_lines_load(tmp_path: Path) -> None:
    good = json.dumps({"text": STORY})
    path = write(tmp_path / "a.jsonl", "\n".join([good, DEEP, LONG_NUMBER, good]) + "\n")
    items = list(load_many([path]))
    assert [item.article is not None for item in items] == [True, False, False, True]
    assert "a.jsonl:2: the JSON nested too deeply" in str(items[1].error)
    assert "a.jsonl:3: the JSON holds a number too long" in str(items[2].error)


def test_stdin_deep_json(monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, ('{"text": ' + DEEP + "}").encode())
    with pytest.raises(InputError, match=r"<stdin>: the JSON nested too deeply"):
        load("-")
    set_stdin(monkeypatch, ('{"text": ' + DEEP + "}").encode())
    (item,) = load_many(["-"])
    assert item.error is not None and "nested too deeply" in str(item.error)


# --- URLs that do not parse -----------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://[::1", "http://host:port/x", "https://[zz]/"])
def test_malformed_urls_are_input_errors(url: str) -> None:
    for fetch in (True, False):
        with pytest.raises(InputError, match=r"not a valid URL"):
            load(url, fetch=fetch)
        (item,) = load_many([url], fetch=fetch)
        assert item.error is not None and "not a valid URL" in str(item.error)


def test_a_feed_entry_with_a_malformed_link(tmp_path: Path) -> None:
    feed = write(
        tmp_path / "feed.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        "<item><title>Broken</title><link>http://[::1</link></item>"
        f"<item><title>Fine</title><link>https://x.example/1</link>"
        f"<description>{STORY}</description></item></channel></rss>",
    )
    items = list(load_many([feed], fetch_linked=True))
    assert items[0].error is not None and "not a valid URL" in str(items[0].error)
    assert items[1].article is not None and items[1].article.title == "Fine"


# --- special files --------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_and_never_blocks(tmp_path: Path) -> None:
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"news\.txt: is a named pipe \(FIFO\), not a file"):
        finishes(lambda: load(fifo))
    write(tmp_path / "good.txt", STORY)
    items: list[Loaded] = finishes(lambda: list(load_many([tmp_path])))
    assert [item.article is not None for item in items] == [True, False]
    assert "named pipe" in str(items[1].error)


# --- folders --------------------------------------------------------------------------------


def test_a_linked_subfolder_is_reported_not_skipped(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", STORY)
    write(tmp_path / "elsewhere" / "b.txt", STORY)
    (tmp_path / "in" / "more").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    items = list(load_many([tmp_path / "in"]))
    assert items[0].article is not None
    assert items[1].error is not None
    assert "more: a link to a folder, not followed" in str(items[1].error)


def test_an_unlistable_subfolder_is_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write(tmp_path / "a.txt", STORY)
    locked = tmp_path / "locked"
    write(locked / "b.txt", STORY)
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:  # what a folder without read permission does
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(load_many([tmp_path]))
    assert items[0].article is not None
    assert str(items[1].error) == (
        f"{locked}: cannot list the folder (permission denied); check its permissions"
    )


def test_an_unlistable_folder_says_permission_denied(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write(tmp_path / "a.txt", STORY)
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == tmp_path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    (item,) = load_many([tmp_path])
    assert "cannot list the folder (permission denied)" in str(item.error)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="running as root, which can list any folder (the simulated test covers it)",
)
def test_a_real_unreadable_subfolder(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    locked = tmp_path / "locked"
    write(locked / "b.txt", STORY)
    locked.chmod(0)
    try:
        items = list(load_many([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert "permission denied" in str(items[1].error)


# --- HTML -----------------------------------------------------------------------------------


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>Plan</title>{head}</head><body>{body}</body></html>"


PARAGRAPHS = [
    f"<p>Paragraph {i}: the council has worked on plan number {i} since 2016, and many "
    f"residents of district {i} agree with it today.</p>"
    for i in range(40)
]


def test_an_html_page_without_date_metadata_gets_no_date(tmp_path: Path) -> None:
    path = write(tmp_path / "p.html", page("<article>" + "".join(PARAGRAPHS) + "</article>"))
    assert load(path).published is None


@pytest.mark.parametrize(
    ("head", "top", "date"),
    [
        (
            '<meta property="article:published_time" content="2025-03-04T10:00:00Z">',
            "",
            "2025-03-04",
        ),
        ("", '<time datetime="2024-02-03">3 Feb</time>', "2024-02-03"),
        (
            '<script type="application/ld+json">'
            '{"@type": "NewsArticle", "datePublished": "2023-05-06"}</script>',
            "",
            "2023-05-06",
        ),
    ],
)
def test_html_dates_come_from_metadata(tmp_path: Path, head: str, top: str, date: str) -> None:
    body = f"<article><header><h1>Plan</h1>{top}</header>{''.join(PARAGRAPHS)}</article>"
    path = write(tmp_path / "p.html", page(body, head))
    published = load(path).published
    assert published is not None and published.isoformat()[:10] == date


def test_a_bare_embed_does_not_cut_the_article(tmp_path: Path) -> None:
    whole = load(write(tmp_path / "a.html", page("<div>" + "".join(PARAGRAPHS) + "</div>")))
    body = (
        "".join(PARAGRAPHS[:8]) + '<embed src="https://v.example/x.swf">' + "".join(PARAGRAPHS[8:])
    )
    embedded = load(write(tmp_path / "b.html", page("<div>" + body + "</div>")))
    assert len(embedded.text.split()) >= 0.95 * len(whole.text.split())
    assert "Paragraph 39" in embedded.text


def test_base_href_is_not_the_article_url(tmp_path: Path) -> None:
    head = '<base href="https://cdn.example/">'
    article = load(write(tmp_path / "p.html", page("".join(PARAGRAPHS), head)))
    assert article.url is None


def test_atom_html_fields_without_tags_decode_entities(tmp_path: Path) -> None:
    feed = write(
        tmp_path / "atom.xml",
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        '<entry><title type="html">AT&amp;amp;T &amp;quot;deal&amp;quot;</title>'
        '<link href="https://x.example/1"/><id>1</id><updated>2025-01-01T00:00:00Z</updated>'
        '<summary type="html">AT&amp;amp;T &amp;quot;deal&amp;quot; closes today after a '
        "long review.</summary></entry></feed>",
    )
    (item,) = load_many([feed])
    assert item.article is not None
    assert item.article.title == 'AT&T "deal"'
    assert item.article.text == 'AT&T "deal" closes today after a long review.'


# --- binary files and encodings -----------------------------------------------------------


def test_random_bytes_are_not_text(tmp_path: Path) -> None:
    noise = random.Random(7).randbytes(20_000)
    with pytest.raises(InputError, match=r"noise\.txt: looks like a binary file, not text; conv"):
        load(write(tmp_path / "noise.txt", noise))


def test_a_pdf_renamed_txt_is_refused(tmp_path: Path) -> None:
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20
    with pytest.raises(
        InputError,
        match=r"report\.txt: looks like a PDF file, not text; convert it to text or HTML first",
    ):
        load(write(tmp_path / "report.txt", pdf))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, encoding: str) -> None:
    text = "Zürich: the café on Straße 5 reopens, the mayor said on Monday."
    article = load(write(tmp_path / "z.txt", text.encode(encoding)))
    assert article.text == text


# --- names and arguments ------------------------------------------------------------------


def test_a_file_name_with_a_newline_gives_one_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "two\nlines.pdf", b"%PDF-1.7")
    with pytest.raises(InputError) as caught:
        load(bad)
    assert "\n" not in str(caught.value) and "two\\nlines.pdf" in str(caught.value)
    (item,) = load_many([bad])
    assert "\n" not in str(item.error)


@pytest.mark.parametrize("source", ["", "  "])
def test_an_empty_name_never_loads_the_current_folder(source: str) -> None:
    with pytest.raises(InputError, match="empty input name"):
        load(source)
    (item,) = load_many([source])
    assert item.error is not None and "empty input name" in str(item.error)


@pytest.mark.parametrize("source", [5, None, b"story.txt", ["a.txt"]])
def test_non_path_arguments_are_briefing_errors(source: Any) -> None:
    with pytest.raises(BriefingError, match=r"give (a file|the path)"):
        load(source)


def test_load_many_of_a_single_string_is_one_input(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", STORY)
    (item,) = load_many(str(path))
    assert item.article is not None


# --- fuzz ---------------------------------------------------------------------------------


@settings(max_examples=60, deadline=5000)
@given(st.binary(max_size=3000), st.sampled_from(["x.txt", "x.html", "x.json", "x.xml", "x"]))
def test_random_bytes_never_raise_anything_but_briefing_errors(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    try:
        load(path)
    except BriefingError as err:
        assert "\n" not in str(err)
    list(load_many([path]))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


@settings(max_examples=60, deadline=5000)
@given(json_values)
def test_random_json_never_raises_anything_but_briefing_errors(
    tmp_path_factory: pytest.TempPathFactory, value: Any
) -> None:
    folder = tmp_path_factory.mktemp("json")
    (folder / "x.json").write_text(json.dumps(value), encoding="utf-8")
    (folder / "x.jsonl").write_text(json.dumps(value) + "\n" + json.dumps(value), "utf-8")
    items = list(load_many([folder]))
    assert len(items) >= 2
    with contextlib.suppress(BriefingError):
        load(folder / "x.json")


@settings(max_examples=60, deadline=5000)
@given(
    st.lists(
        st.tuples(
            st.text(max_size=30),
            st.sampled_from(["", "http://[::1", "https://x.example/a", "javascript:x", "//x"]),
            st.text(max_size=80),
        ),
        max_size=4,
    )
)
def test_random_feeds_never_raise_anything_but_briefing_errors(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[str, str, str]]
) -> None:
    from xml.sax.saxutils import escape

    items = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<description>{escape(d)}</description></item>"
        for t, link, d in entries
    )
    path = tmp_path_factory.mktemp("feed") / "f.xml"
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>',
        encoding="utf-8",
    )
    for item in load_many([path], fetch_linked=True, fetch=False):
        assert item.article is not None or isinstance(item.error, BriefingError)


def test_one_line_keeps_the_error_class_and_its_fields() -> None:
    from briefing.load.document import one_line_error
    from briefing.load.feeds import HeadlineOnly

    err = HeadlineOnly("a\nb: has no text", title="T", url=None, source=None, published=None)
    clean = one_line_error(err)
    assert isinstance(clean, HeadlineOnly) and clean.title == "T"
    assert str(clean) == "a\\nb: has no text"


@pytest.mark.parametrize("date", ["00", "Fri, 31 Dec 9999 23:59:59 -1400", "0000-00-00"])
def test_feed_dates_outside_the_calendar_are_no_dates(tmp_path: Path, date: str) -> None:
    feed = write(
        tmp_path / "feed.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        f"<item><title>Odd date</title><pubDate>{date}</pubDate>"
        f"<description>{STORY}</description></item></channel></rss>",
    )
    (item,) = load_many([feed])
    assert item.article is not None and item.article.title == "Odd date"


def test_a_bare_embed_in_feed_content_does_not_cut_the_entry(tmp_path: Path) -> None:
    from xml.sax.saxutils import escape

    html = "<p>First paragraph here.</p><embed src='v.swf'><p>Second one.</p><p>Third one.</p>"
    feed = write(
        tmp_path / "feed.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        f"<item><title>Embed</title><description>{escape(html)}</description></item>"
        "</channel></rss>",
    )
    (item,) = load_many([feed])
    assert item.article is not None
    assert item.article.text == "First paragraph here.\n\nSecond one.\n\nThird one."


@pytest.mark.parametrize("source", ["a" * 5000, "x\0y.txt", "/dev/zero"])
def test_unusable_paths_are_one_line_input_errors(source: str) -> None:
    with pytest.raises(InputError) as caught:
        load(source)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 400
    (item,) = load_many([source])
    assert isinstance(item.error, InputError)


@pytest.mark.parametrize(
    "text",
    [
        "# Title\n\n" + "[" * 50_000 + "](" * 50_000,
        "![" * 50_000 + "](" * 50_000,
        "**a " * 50_000,
    ],
    ids=["links", "images", "bold"],
)
def test_hostile_markdown_loads_in_linear_time(tmp_path: Path, text: str) -> None:
    # each took minutes with backtracking regular expressions (97 s, 262 s)
    path = write(tmp_path / "x.md", text)
    start = time.monotonic()
    assert load(path).text
    assert time.monotonic() - start < 20


def test_a_big_legacy_encoded_file_is_decoded_from_a_sample(tmp_path: Path) -> None:
    text = "Москва — столица России, город федерального значения. " * 100_000  # 5.5 MB
    path = write(tmp_path / "ru.txt", text.encode("cp1251"))
    start = time.monotonic()
    assert load(path).text == text.strip()
    assert time.monotonic() - start < 20  # 5.6 s for twice this size before


@pytest.mark.parametrize(
    "elsewhere",
    [
        "<aside><a href='/old'>Old story</a> <time datetime='2019-01-01'>1 Jan 2019</time></aside>",
        "<ul><li>Earlier: <time datetime='2019-01-01'>1 Jan 2019</time></li></ul>",
        "<div class='related-stories'><time datetime='2019-01-01'>1 Jan 2019</time></div>",
    ],
    ids=["aside", "list", "related"],
)
def test_another_storys_time_is_not_the_publication_date(tmp_path: Path, elsewhere: str) -> None:
    body = f"<article><h1>Plan</h1>{''.join(PARAGRAPHS)}</article>{elsewhere}"
    assert load(write(tmp_path / "p.html", page(body))).published is None
