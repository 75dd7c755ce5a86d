"""The one-page PDF: fit, determinism, and the locked-down URL fetcher."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import logging
import re
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest

from briefing.models import Article, Briefing, Fact, Facts, Sentence
from briefing.pdf import FetchRefused, PackageFetcher, cut_levels, fit_one_page, render_pdf
from briefing.render import package_templates_dir

HOSTILE = (
    'Look <img src="file:///etc/passwd"> and <link rel=stylesheet '
    'href="http://127.0.0.1:9/x.css"> {{ 7*7 }} <script>alert(1)</script>'
)


def pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, with runs of whitespace collapsed."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def sentences_briefing(
    sentences: list[str], title: str, *, facts: Facts | None = None, **article: Any
) -> Briefing:
    text = " ".join(sentences)
    summary = tuple(Sentence(s, i, 1.0 - i / 100) for i, s in enumerate(sentences[:3]))
    return Briefing(Article(text, title=title, **article), title, summary, facts or Facts())


def busy_briefing() -> Briefing:
    """Many long facts with evidence: more than one page at first, so the fitter must cut."""
    sentences = [
        f"Sentence {i} reports that the regional water board met for the {i}th time this "
        f"year to discuss a budget of {i * 3} million dollars for pipes, pumps and reservoirs "
        f"across the valley, according to officials who asked not to be named."
        for i in range(40)
    ]

    def facts(kind: str, n: int) -> tuple[Fact, ...]:
        return tuple(
            Fact(f"{kind} item {i}", f"{kind}-{i}", sentences[i], 1.0 - i / 20, sentence_index=i)
            for i in range(n)
        )

    all_facts = Facts(
        who=facts("who", 8),
        what=facts("what", 6),
        where=facts("where", 7),
        when=facts("when", 6),
        numbers=facts("numbers", 8),
        quotes=tuple(
            Fact(s, None, s, 0.9 - i / 10, speaker=f"Speaker {i}", sentence_index=i)
            for i, s in enumerate(sentences[:5])
        ),
    )
    return sentences_briefing(
        sentences, "Water board budget", facts=all_facts, published=dt.date(2025, 3, 1)
    )


@pytest.fixture(scope="module")
def busy_pdf() -> tuple[bytes, list[str]]:
    """The overfull briefing rendered once (explain on) and WeasyPrint's warnings meanwhile."""
    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warnings.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        data = render_pdf(busy_briefing(), explain=True)
    finally:
        logger.removeHandler(handler)
    return data, warnings


@pytest.fixture
def fetched(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """Record every URL WeasyPrint asks for and whether it was served or refused.

    Also make urllib's opener fail loudly, so nothing can be fetched behind our back.
    """
    calls: list[tuple[str, str]] = []
    original = PackageFetcher.fetch

    def spy(self: PackageFetcher, url: str, headers: Any = None) -> Any:
        try:
            response = original(self, url, headers)
        except FetchRefused:
            calls.append((url, "refused"))
            raise
        calls.append((url, "served"))
        return response

    def no_open(*args: Any, **kwargs: Any) -> Any:
        calls.append((str(args[1:2]), "OPENER"))
        raise AssertionError("urllib opener used")

    monkeypatch.setattr(PackageFetcher, "fetch", spy)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_open)
    yield calls


# ----------------------------------------------------------------------- one page


def test_tiny_article_is_one_page_with_its_title() -> None:
    words = "The mayor opened a new library in Riverton on Monday morning."
    sentences = [words] * 5  # 55 words
    data = render_pdf(sentences_briefing(sentences, "Library opens"))
    text = pages(data)
    assert len(text) == 1
    assert "Library opens" in text[0]
    assert "The mayor opened a new library" in text[0]


def test_fifty_thousand_words_without_punctuation_is_one_page() -> None:
    text = " ".join(f"word{i % 97}" for i in range(50_000))
    huge = Sentence(text, 0, 1.0, 0, len(text))
    facts = Facts(
        who=(Fact("word1", "word1", text, 0.5, sentence_index=0),),
        what=(Fact(text, None, text, 0.4, sentence_index=0),),
    )
    b = Briefing(Article(text), "A very long article", (huge,), facts)
    for explain in (False, True):
        content = pages(render_pdf(b, explain=explain))
        assert len(content) == 1
        assert "A very long article" in content[0]
        # The sentence is replaced by a note that says so, never cut silently.
        assert (
            "(sentence 1, 50,000 words, is too long for one page; see the Markdown)" in (content[0])
        )
        assert "word5 word6 word7" not in content[0]


def test_overfull_briefing_is_cut_to_one_page_keeping_the_best(
    busy_pdf: tuple[bytes, list[str]],
) -> None:
    content = pages(busy_pdf[0])
    assert len(content) == 1
    assert "Water board budget" in content[0]
    for best in ("who-0", "where-0", "when item 0", "numbers item 0"):
        assert best in content[0]
    assert "who-5" not in content[0]  # the lowest scores go first
    assert "more" in content[0]  # the cut is announced, not silent


def test_cut_levels_only_ever_show_less() -> None:
    levels = cut_levels(busy_briefing())
    assert levels[0].font_pt == 10.5 and levels[-1].font_pt == 7.5
    for before, after in itertools.pairwise(levels):
        assert after.font_pt <= before.font_pt
        assert all(after.limits[k] <= before.limits[k] for k in before.limits)
        assert after != before
    assert min(levels[-1].limits.values()) == 0


def test_same_input_gives_identical_bytes_with_the_publication_date(
    busy_pdf: tuple[bytes, list[str]],
) -> None:
    first = busy_pdf[0]
    assert render_pdf(busy_briefing(), explain=True) == first
    info = pypdf.PdfReader(io.BytesIO(first)).metadata
    assert info is not None
    assert str(info["/CreationDate"]).startswith("D:20250301")
    assert str(info["/ModDate"]).startswith("D:20250301")
    assert info.title == "Water board budget"
    undated = sentences_briefing(["One short sentence here."], "Undated")
    data = render_pdf(undated)
    assert data == render_pdf(undated)
    info = pypdf.PdfReader(io.BytesIO(data)).metadata
    assert info is not None and "/CreationDate" not in info


def test_render_pdf_writes_the_file_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out" / "story.pdf"
    data = render_pdf(sentences_briefing(["A sentence."], "Saved"), target)
    assert target.read_bytes() == data
    assert [p.name for p in target.parent.iterdir()] == ["story.pdf"]


def test_no_weasyprint_warnings_for_the_default_template(
    busy_pdf: tuple[bytes, list[str]],
) -> None:
    assert busy_pdf[1] == []


# ---------------------------------------------------------------------- fit engine


def test_fit_one_page_picks_the_first_level_that_fits() -> None:
    def make_html(level: int) -> str | None:
        if level > 12:
            return None
        paragraphs = "".join(
            f"<p>Paragraph {i} of level {level}.</p>" for i in range(80 - level * 6)
        )
        return f"<html><body>{paragraphs}</body></html>"

    data = fit_one_page(make_html)
    text = pages(data)
    assert len(text) == 1
    level = int(text[0].split("of level ")[1].split(".")[0])
    before = make_html(level - 1)
    assert before is not None
    assert len(pages(fit_one_page(lambda n: before if n == 0 else None))) == 1  # fallback path
    from briefing.pdf import PACKAGE_BASE_URL, _render

    assert len(_render(before, PACKAGE_BASE_URL).pages) > 1


def test_fit_one_page_keeps_the_first_page_when_nothing_fits(
    caplog: pytest.LogCaptureFixture,
) -> None:
    html = "<html><body>" + "<p>x</p>" * 400 + "</body></html>"
    with caplog.at_level(logging.WARNING, logger="briefing.pdf"):
        data = fit_one_page(lambda level: html if level < 2 else None)
    assert len(pages(data)) == 1
    assert "no cut level fits" in caplog.text


# -------------------------------------------------------------- hostile and fetcher


def test_hostile_article_renders_literally_and_fetches_nothing(
    fetched: list[tuple[str, str]],
) -> None:
    art = Article(HOSTILE, title=HOSTILE, url="file:///etc/passwd", source=HOSTILE)
    facts = Facts(
        who=(Fact(HOSTILE, None, HOSTILE, 1.0, role=HOSTILE, sentence_index=0),),
        quotes=(Fact(HOSTILE, None, HOSTILE, 1.0, speaker=HOSTILE, sentence_index=0),),
    )
    b = Briefing(art, HOSTILE, (Sentence(HOSTILE, 0, 1.0),), facts)
    content = pages(render_pdf(b, explain=True))
    assert len(content) == 1
    assert "{{ 7*7 }}" in content[0] and "49" not in content[0]
    assert "<script>alert(1)</script>" in content[0]
    assert '<img src="file:///etc/passwd">' in content[0]
    assert all(status == "served" for _url, status in fetched), fetched
    assert not any("passwd" in url or "127.0.0.1" in url for url, _status in fetched)


def test_user_template_urls_are_refused_and_no_connection_is_made(
    tmp_path: Path, fetched: list[tuple[str, str]]
) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.setblocking(False)
        port = listener.getsockname()[1]
        (tmp_path / "default.html.j2").write_text(
            "<html><head>"
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
            '<link rel="stylesheet" href="briefing.css">'
            "</head><body><h1>{{ title }}</h1>"
            '<img src="file:///etc/passwd"><img src="../../../../../../etc/passwd">'
            f'<img src="https://127.0.0.1:{port}/i.png"><img src="data:image/png;base64,AAAA">'
            "</body></html>"
        )
        data = render_pdf(sentences_briefing(["Hi."], "User page"), template=tmp_path)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody knocked
    assert "User page" in pages(data)[0]
    status = dict(fetched)
    assert status[f"http://127.0.0.1:{port}/x.css"] == "refused"
    assert status[f"https://127.0.0.1:{port}/i.png"] == "refused"
    assert status["file:///etc/passwd"] == "refused"
    assert status[(package_templates_dir() / "briefing.css").as_uri()] == "served"
    assert not any(s == "OPENER" for s in status.values())


def test_fetcher_serves_package_files_and_refuses_everything_else(tmp_path: Path) -> None:
    fetcher = PackageFetcher()
    css = package_templates_dir() / "briefing.css"
    response = fetcher.fetch(css.as_uri())
    assert response.content_type == "text/css"
    assert b"@page" in response.read()
    response.close()
    refused = [
        "http://127.0.0.1:9/x.css",
        "https://example.com/",
        "file:///etc/passwd",
        css.as_uri().replace("briefing.css", "../briefing/pdf.py"),
        css.as_uri().replace("briefing.css", "%2e%2e/briefing/pdf.py"),
        "file://evil.example.com" + css.as_posix(),
        "data:text/css,body{}",
        "ftp://example.com/x",
        package_templates_dir().as_uri(),  # a folder, not a file
    ]
    for url in refused:
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)


def test_fetcher_refuses_a_symlink_out_of_its_folder(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "ok.css").write_text("p {}")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (root / "link.css").symlink_to(secret)
    fetcher = PackageFetcher(root)
    assert fetcher.fetch((root / "ok.css").as_uri()).read() == b"p {}"
    with pytest.raises(FetchRefused):
        fetcher.fetch((root / "link.css").as_uri())


# ------------------------------------------------------------------ fonts and speed


def _font_names(data: bytes) -> set[str]:
    """The base font names embedded in a PDF, without the subset tag (ABCDEF+Name)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    names = set()
    resources: Any = reader.pages[0]["/Resources"]
    for font in resources["/Font"].values():
        names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def test_latin_page_uses_only_the_shipped_fonts_embedded_whole() -> None:
    data = render_pdf(busy_briefing())
    assert _font_names(data) <= {
        "Briefing-Serif",
        "Briefing-Serif-Bold",
        "Briefing-Sans",
        "Briefing-Sans-Bold",
    }
    assert len(data) < 150_000
    assert render_pdf(busy_briefing()) == data  # deterministic


def test_shipped_fonts_cover_latin_and_punctuation() -> None:
    from briefing.pdf import shipped_coverage

    cover = shipped_coverage()
    for ch in "AZaz09 éçñøßŁłŒœŠšŽžİı€“”‘’–—…·•\u00a0":
        assert ord(ch) in cover, ch


@pytest.mark.parametrize(
    "name",
    ["Владимир Путин", "習近平", "محمد"],
    ids=["cyrillic", "cjk", "arabic"],
)
def test_text_in_other_scripts_falls_back_to_a_system_font(name: str) -> None:
    fonts = _system_fonts_for(name)
    if not fonts:
        pytest.skip(f"no system font covers {name!r}; install fonts-dejavu-core or fonts-noto-cjk")
    sentences = [f"{name} met the mayor of Riverton on Monday to discuss the flood barrier."]
    data = render_pdf(sentences_briefing(sentences, f"{name} visits Riverton"))
    text = pages(data)
    assert len(text) == 1
    assert name.split()[0] in text[0].replace(" ", "") or name in text[0]
    assert "Briefing-Serif" in _font_names(data)  # the Latin stays in our fonts


# A character of plane 16's private use area: no font on any machine draws it.
NO_GLYPH = "\U0010fffd"


def test_characters_no_font_can_show_are_named_in_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sentences = [f"The mayor of Riverton signed the order {NO_GLYPH} on Monday, officials said."]
    with caplog.at_level(logging.WARNING, logger="briefing"):
        data = render_pdf(sentences_briefing(sentences, "Riverton order"))
    assert len(pages(data)) == 1  # the PDF is still written
    warned = [r.getMessage() for r in caplog.records if r.name == "briefing.pdf"]
    assert (
        len(warned) == 1
        and f"1 character no font on this machine can show ({NO_GLYPH})" in (warned[0])
    )
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="briefing"):
        render_pdf(sentences_briefing(["The mayor of Riverton signed it, aides said."], "Ok"))
    assert not [r for r in caplog.records if r.name == "briefing.pdf"]


def test_text_a_system_font_shows_gives_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    arabic = "أعلنت الحكومة يوم الاثنين عن ميزانية جديدة"
    if not _system_fonts_for("أعلنت"):
        pytest.skip("no system font covers Arabic; install fonts-dejavu-core")
    with caplog.at_level(logging.WARNING, logger="briefing"):
        render_pdf(sentences_briefing([f"{arabic}, officials said on Monday."], arabic))
    assert not [r for r in caplog.records if r.name == "briefing.pdf"]


def test_a_word_longer_than_the_page_wraps_in_every_row(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is needed to measure where text lies")
    word = "X" * 200
    sentences = [
        f"{word} forces have passed an important milestone in operating against extremists.",
        f"Officials said {word} forces are now cooperating with the US Central Command.",
    ]
    what = (Fact(f"{word} forces have passed an important milestone", None, sentences[0], 1.0),)
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(sentences_briefing(sentences, word, facts=Facts(what=what))))
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    page_width = float(re.search(r'<page width="([\d.]+)"', boxes)[1])  # type: ignore[index]
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes))
    assert right <= page_width - 20, (right, page_width)  # inside the right margin


def _system_fonts_for(text: str) -> list[str]:
    """The system fonts fontconfig says have every letter of ``text`` (empty without fc-list)."""
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        return []
    letters = "".join(sorted({ch for ch in text if not ch.isspace()}))
    charset = " ".join(f"{ord(ch):x}" for ch in letters)
    out = subprocess.run(
        ["fc-list", f":charset={charset}", "family"], capture_output=True, text=True, check=False
    )
    return [line for line in out.stdout.splitlines() if line.strip()]


def test_seed_like_briefing_shows_its_timeline_on_the_one_page() -> None:
    sentences = [
        "The council met on Monday to approve the barrier.",
        "Work began on 3 March 2025 along the river.",
        "The first section opened on 20 March 2025 to traffic.",
    ]
    when = (
        Fact("Monday", "2025-02-24", sentences[0], 0.9, sentence_index=0),
        Fact("3 March 2025", "2025-03-03", sentences[1], 0.8, sentence_index=1),
        Fact("20 March 2025", "2025-03-20", sentences[2], 0.7, sentence_index=2),
    )
    b = sentences_briefing(sentences, "Barrier", facts=Facts(when=when))
    text = pages(render_pdf(b))
    assert len(text) == 1
    assert "TIMELINE" in text[0].upper()
    assert "24 Feb 2025" in text[0] and "20 Mar 2025" in text[0]


# ----------------------------------------------------------------- without Pango


def test_importing_pdf_does_not_import_weasyprint() -> None:
    import subprocess
    import sys

    code = "import sys, briefing.pdf, briefing.render; print('weasyprint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_without_pango_render_pdf_names_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import builtins
    import sys

    from briefing import pdf
    from briefing.errors import BriefingError

    real_import = builtins.__import__

    def no_pango(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0': No such file or directory")
        return real_import(name, *args, **kwargs)

    for module in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(builtins, "__import__", no_pango)
    pdf._weasyprint.cache_clear()
    try:
        with pytest.raises(BriefingError) as early:
            pdf.check_pdf_support()
        with pytest.raises(BriefingError) as caught:
            render_pdf(sentences_briefing(["One sentence here."], "T"))
    finally:
        pdf._weasyprint.cache_clear()
    assert str(early.value) == str(caught.value)
    message = str(caught.value)
    assert "\n" not in message
    assert "libpango-1.0-0" in message and ("apt-get install" in message or "brew" in message)


@pytest.mark.slow
def test_the_dated_seed_pdf_is_one_page_with_a_timeline(tmp_path: Path) -> None:
    """The seed article with a publication date (a JSON input) gets its timeline."""
    import json

    import briefing

    seed = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[0]
    fixture = tmp_path / "seed.json"
    fixture.write_text(
        json.dumps({"text": seed.read_text(encoding="utf-8"), "published": "2019-11-20"}),
        encoding="utf-8",
    )
    data = render_pdf(briefing.brief(briefing.load(fixture)))
    text = pages(data)
    assert len(text) == 1 and "TIMELINE" in text[0].upper()
    assert "Nov 2019" in text[0]
    assert len(data) < 150_000


def test_digest_pdf_shows_the_timeline_of_its_stories_in_the_shipped_fonts() -> None:
    from briefing.render import render_digest_pdf
    from briefing.render.check import _sample_digest

    data = render_digest_pdf(_sample_digest())
    text = pages(data)
    assert len(text) == 1 and "TIMELINE" in text[0].upper()
    assert "2 Mar 2026" in text[0] and "Another story" in text[0]
    assert all(name.startswith("Briefing-") for name in _font_names(data))
    assert render_digest_pdf(_sample_digest()) == data


def test_a_user_stylesheet_naming_a_system_font_gets_it_subset(tmp_path: Path) -> None:
    """A page in another font than the shipped ones never embeds that whole font."""
    fonts = _system_fonts_for("Aa")
    family = next((f.split(",")[0] for f in fonts if "DejaVu Sans Mono" in f), None)
    if family is None:
        pytest.skip("DejaVu Sans Mono is not installed (apt-get install fonts-dejavu-core)")
    (tmp_path / "briefing.css").write_text(f'html {{ font-family: "{family}"; }}', encoding="utf-8")
    data = render_pdf(sentences_briefing(["A short plain sentence."], "Mono"), None, tmp_path)
    assert any("DejaVu" in name for name in _font_names(data))
    assert len(data) < 60_000  # the whole DejaVu Sans Mono is over 300 KB
