"""WeasyPrint output: shipped fonts, the one-page fit and the locked-down URL fetcher.

A briefing always becomes exactly one A4 page. :func:`fit_one_page` renders the HTML of
cut level 0, 1, 2 ... (each shows less) and keeps the first level whose document has one
page, guessing the next level to try from how much of a page each render fills, so a
long article costs a handful of renders, not dozens (and one when the page fits at once).

The page is set in the fonts shipped in ``templates/fonts/`` (Noto Serif and Noto Sans,
cut down to Latin by ``tools/subset_fonts.py``), declared by ``templates/fonts.css``.
When the page's text stays within those fonts, they are embedded whole: no subsetting
per page, and the same bytes on every machine. Text in other scripts (Cyrillic, CJK,
Arabic) falls back to the system's fonts, which are then subset as usual.

:class:`PackageFetcher` serves only the package's own template files and refuses every
other URL, so neither a template nor an article can make WeasyPrint read a local file or
touch the network. The same input gives the same bytes: the PDF dates come from the
article's publication day (none when unknown), font subsets carry a fixed timestamp, and
the file identifier is a hash of the content.

WeasyPrint is imported on the first PDF, not with this module; without the Pango system
library that import fails, and :func:`render_pdf` says which package to install.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import logging
import math
import mimetypes
import os
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .errors import BriefingError
from .models import Briefing, Digest, Facts
from .render import (
    DEFAULT_LIMITS,
    Layout,
    as_briefing,
    digest_given,
    output_path,
    package_templates_dir,
    render_digest_pdf,
    render_html_layout,
    write_atomic,
)

__all__ = [
    "FONT_CSS",
    "PACKAGE_BASE_URL",
    "FetchRefused",
    "check_pdf_support",
    "cut_levels",
    "fit_one_page",
    "render_pdf",
]

log = logging.getLogger(__name__)

#: Relative URLs in the HTML resolve against the package's template folder.
PACKAGE_BASE_URL = package_templates_dir().as_uri() + "/"
#: The stylesheet (in the template folder) declaring the shipped fonts; PDF only.
FONT_CSS = "fonts.css"

_MAX_LEVELS = 500
_FONTS = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5)
_DROP_ORDER = ("quotes", "numbers", "when", "where", "what", "who")

_PANGO_FIX = (
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0"
    if not sys.platform.startswith("darwin")
    else "brew install pango"
)


class FetchRefused(ValueError):
    """A URL outside the package's template folder; WeasyPrint skips the resource."""


class _FontSubsetNotice(logging.Filter):
    """Drop WeasyPrint's per-font, per-render notice that HarfBuzz-Subset is missing.

    Without the system library ``libharfbuzz-subset0`` WeasyPrint subsets fonts with
    fontTools (slower, same pages) and says so for every font of every render; we log
    it once at INFO instead. Pages in the shipped fonts alone are not subset at all.
    """

    seen = False

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith("Using fontTools instead of HarfBuzz-Subset"):
            return True
        if not _FontSubsetNotice.seen:
            _FontSubsetNotice.seen = True
            log.info("libharfbuzz-subset0 is not installed; PDF fonts are subset more slowly")
        return False


logging.getLogger("weasyprint").addFilter(_FontSubsetNotice())


@functools.cache
def _weasyprint() -> Any:
    """The ``weasyprint`` module, imported on first use; a BriefingError without Pango."""
    try:
        import weasyprint
    except (OSError, ImportError) as exc:
        reason = " ".join(str(exc).split())[:160]
        raise BriefingError(
            f"cannot make PDFs: WeasyPrint needs the Pango library ({reason}); install it "
            f"with `{_PANGO_FIX}`, or choose --format md,html,json"
        ) from exc
    return weasyprint


def check_pdf_support() -> None:
    """Raise the BriefingError :func:`render_pdf` would give when PDFs cannot be made here
    (WeasyPrint cannot load Pango), so a command can say so before any work starts."""
    _weasyprint()


@functools.cache
def _fetcher_class() -> type:
    """:class:`PackageFetcher`, built on first use (it subclasses WeasyPrint's URLFetcher)."""
    urls = _weasyprint().urls

    class PackageFetcher(urls.URLFetcher):  # type: ignore[misc,name-defined]
        """A WeasyPrint URL fetcher that serves files inside one folder and refuses the rest.

        Only ``file:`` URLs whose resolved real path (symlinks followed) lies inside
        ``root`` (default: the package's ``templates/``) are read; http, https, data and
        every other scheme, and any path escaping the folder, raise :class:`FetchRefused`.
        """

        def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
            super().__init__(allowed_protocols=("file",), allow_redirects=False, timeout=1)
            self.root = Path(root if root is not None else package_templates_dir()).resolve()

        def local_path(self, url: str) -> Path:
            """The file inside ``root`` that ``url`` names, or raise :class:`FetchRefused`."""
            try:
                parts = urlsplit(url)
            except ValueError as exc:
                raise FetchRefused(f"refused malformed URL {url[:200]!r}") from exc
            if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
                raise FetchRefused(
                    f"refused {url[:200]!r}: only the package's own files are served"
                )
            path = Path(url2pathname(unquote(parts.path))).resolve()
            if not path.is_relative_to(self.root) or not path.is_file():
                raise FetchRefused(f"refused {url[:200]!r}: not a file inside {self.root}")
            return path

        def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
            """Serve ``url`` when :meth:`local_path` allows it; never opens a connection."""
            path = self.local_path(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return urls.URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": mime}, 200
            )

    PackageFetcher.__module__ = __name__
    PackageFetcher.__qualname__ = "PackageFetcher"
    return PackageFetcher


def __getattr__(name: str) -> Any:
    """``PackageFetcher``: the fetcher class, made when first asked for (see _fetcher_class)."""
    if name == "PackageFetcher":
        return _fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _fonts() -> tuple[Any, Any]:
    """The process's WeasyPrint FontConfiguration and the parsed ``fonts.css``, made once."""
    weasyprint = _weasyprint()
    font_config = weasyprint.text.fonts.FontConfiguration()
    css = weasyprint.CSS(
        url=PACKAGE_BASE_URL + FONT_CSS, url_fetcher=_fetcher_class()(), font_config=font_config
    )
    return font_config, css


@functools.cache
def shipped_coverage() -> frozenset[int]:
    """The code points every shipped font face has a glyph for."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    faces = sorted((package_templates_dir() / "fonts").glob("*.ttf"))
    if not faces:
        return frozenset()
    sets = []
    for face in faces:
        with TTFont(face, lazy=True) as font:
            sets.append(frozenset(font.getBestCmap()))
    return frozenset.intersection(*sets)


def _shipped_fonts_suffice(html: str) -> bool:
    """Whether every character of ``html`` has a glyph in the shipped fonts (ASCII fast path)."""
    if html.isascii():
        return True
    cover = shipped_coverage()
    return all(ord(ch) in cover for ch in set(html) if ord(ch) > 0x7E)


def fit_one_page(
    make_html: Callable[[int], str | None], *, base_url: str = PACKAGE_BASE_URL
) -> bytes:
    """Render the least-cut level of ``make_html`` that fits on one page; the PDF bytes.

    ``make_html(level)`` gives the HTML for cut level 0, 1, 2 ... (each shows less) or
    None past the last level. Levels are assumed to shrink monotonically. Each render
    measures how many pages the content fills (1.4 = one page and 40 % of the next), and
    the next level to try is interpolated from those measurements, so a fit takes a few
    renders, not one per level. The result is the first level that fits, or one that
    fits and fills at least 95 % of the page. If even the last level overflows, its first
    page alone is written (and a warning logged): the result is always one page.
    """
    with _cycles_collected_after():
        return _fit(make_html, base_url)


@contextlib.contextmanager
def _cycles_collected_after() -> Iterator[None]:
    """Hold Python's cycle collector off while WeasyPrint builds a page, then restore it.

    A layout makes hundreds of thousands of short-lived objects; in a process that also
    holds a spaCy model and a batch of parsed articles, each automatic collection scans
    that whole heap, which costs about a tenth of a PDF's time. Nothing is leaked: the
    cycles are collected by the next automatic collection after the page is written.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _fit(make_html: Callable[[int], str | None], base_url: str) -> bytes:
    """:func:`fit_one_page` itself."""
    htmls: dict[int, str | None] = {}
    documents: dict[int, Any] = {}
    fills: dict[int, float] = {}

    def html_at(level: int) -> str | None:
        if level not in htmls:
            htmls[level] = make_html(level) if level <= _MAX_LEVELS else None
        return htmls[level]

    def fill_at(level: int) -> float:
        if level not in documents:
            html = html_at(level)
            assert html is not None
            documents[level] = _render(html, base_url)
            fills[level] = _fill(documents[level])
            log.debug("cut level %d fills %.2f page(s)", level, fills[level])
        return fills[level]

    if html_at(0) is None:
        raise ValueError("make_html(0) returned None; level 0 must give a page")
    if fill_at(0) <= 1.0:
        return _write(documents[0], html_at(0))
    last = 0
    while html_at(last + 1) is not None:
        last += 1
    low, high = 0, None
    while high is None or high - low > 1:
        if high is None and low == last:
            document = documents[last]
            log.warning("no cut level fits on one page; keeping the first page of level %d", last)
            return _write(document.copy(document.pages[:1]), html_at(last))
        level = _next_level(fills, low, high, last)
        if fill_at(level) <= 1.0:
            high = level
            if fills[level] >= _GOOD_FILL:
                break
        else:
            low = level
    assert high is not None
    log.info("fitted on one page at cut level %d of %d", high, last)
    return _write(documents[high], html_at(high))


_TARGET_FILL = 0.97
_GOOD_FILL = 0.95


def _next_level(fills: Mapping[int, float], low: int, high: int | None, last: int) -> int:
    """The level to try next: where a line through two measured fills crosses the target.

    The line goes through the two measurements closest to the target fill (with only one,
    the fill is assumed to fall evenly to zero after ``last``). The guess stays strictly
    above ``low`` (overflows) and below ``high`` (fits), so every render narrows the search.
    """
    top = last if high is None else high - 1
    nearest = sorted(fills.items(), key=lambda item: (abs(item[1] - _TARGET_FILL), item[0]))
    (a, fa), (b, fb) = nearest[0], nearest[1] if len(nearest) > 1 else (last + 1, 0.0)
    if fa == fb:
        return min(top, max(low + 1, (low + top + 1) // 2))
    crossing = a + (fa - _TARGET_FILL) * (b - a) / (fa - fb)
    return min(top, max(low + 1, math.ceil(crossing)))


def _fill(document: Any) -> float:
    """How many pages the content fills: full pages plus the used share of the last one."""
    count = len(document.pages)
    try:
        page_box = document.pages[-1]._page_box
        used = float(max(child.margin_height() for child in page_box.children))
        return count - 1 + min(1.0, used / float(page_box.height))
    except (AttributeError, IndexError, ValueError, ZeroDivisionError):  # WeasyPrint internals
        return float(count)


def _render(html: str, base_url: str) -> Any:
    """Lay out ``html`` with the shipped fonts; WeasyPrint's Document."""
    weasyprint = _weasyprint()
    font_config, font_css = _fonts()
    source = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_fetcher_class()())
    return source.render(stylesheets=[font_css], font_config=font_config)


_ENV_LOCK = threading.Lock()


@contextlib.contextmanager
def _fixed_font_timestamps() -> Iterator[None]:
    """Make fontTools stamp font subsets with a fixed time instead of now.

    Without HarfBuzz-Subset, WeasyPrint subsets fonts with fontTools, which writes the
    current time into each font's ``head`` table unless ``SOURCE_DATE_EPOCH`` is set
    (the reproducible-builds convention). A value the user set is kept.
    """
    with _ENV_LOCK:
        if "SOURCE_DATE_EPOCH" in os.environ:
            yield
            return
        os.environ["SOURCE_DATE_EPOCH"] = "0"
        try:
            yield
        finally:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def _write(document: Any, html: str | None) -> bytes:
    """The PDF bytes: the shipped fonts embedded whole when they cover ``html``, else subset.

    Should the page use any other font after all (a user's stylesheet naming a system
    font), it is written again with every font subset, so no whole system font is embedded.
    """
    full = html is not None and _shipped_fonts_suffice(html)
    with _fixed_font_timestamps(), _missing_glyphs() as missing:
        data: bytes = document.write_pdf(pdf_identifier=True, full_fonts=full)
        if full and not _only_shipped_fonts(document):
            data = document.write_pdf(pdf_identifier=True, full_fonts=False)
    _warn_missing(missing)
    return data


@contextlib.contextmanager
def _missing_glyphs() -> Iterator[set[str]]:
    """The characters WeasyPrint draws as .notdef (no font on the machine has them) while
    the block writes a PDF; its one log line per character is held back."""
    found: set[str] = set()

    class _Catch(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            if str(record.msg).startswith(".notdef glyph rendered") and record.args:
                found.add(str(record.args[0]))  # type: ignore[index]
                return False
            return True

    catch = _Catch()
    logging.getLogger("weasyprint").addFilter(catch)
    try:
        yield found
    finally:
        logging.getLogger("weasyprint").removeFilter(catch)


def _warn_missing(found: set[str]) -> None:
    """One warning naming the characters no font could show: on a machine without a
    Chinese font, a Chinese article is empty boxes in the PDF. Joiners and variation
    selectors, which have no glyph of their own, do not count."""
    missing = sorted(ch for ch in found if unicodedata.category(ch) not in ("Cf", "Mn", "Zs"))
    if missing:
        log.warning(
            "%d character%s no font on this machine can show (%s) will be empty boxes in the "
            "PDF; install a font that covers them (e.g. fonts-noto-cjk, fonts-noto-color-emoji)",
            len(missing),
            "" if len(missing) == 1 else "s",
            "".join(missing[:8]) + ("…" if len(missing) > 8 else ""),
        )


@functools.cache
def _shipped_font_digests() -> frozenset[bytes]:
    return frozenset(
        hashlib.sha256(face.read_bytes()).digest()
        for face in (package_templates_dir() / "fonts").glob("*.ttf")
    )


def _only_shipped_fonts(document: Any) -> bool:
    """Whether every font the written ``document`` used is one of the shipped files."""
    shipped = _shipped_font_digests()
    return all(
        hashlib.sha256(font.file_content).digest() in shipped for font in document.fonts.values()
    )


def _effective_limits(b: Briefing) -> dict[str, int]:
    return {kind: min(DEFAULT_LIMITS[kind], len(getattr(b.facts, kind))) for kind in Facts.KINDS}


def _trim_facts(levels: list[Layout], floor: int) -> None:
    """Append levels that each drop one fact from the fullest kind until all are at ``floor``."""
    while True:
        limits = dict(levels[-1].limits)
        over = [kind for kind in _DROP_ORDER if limits[kind] > floor]
        if not over:
            return
        kind = max(over, key=lambda k: limits[k])
        limits[kind] -= 1
        levels.append(replace(levels[-1], limits=limits))


def _trim_summary(levels: list[Layout], floor: int, total: int) -> None:
    """Append levels that each drop the lowest-scored summary sentence down to ``floor``."""
    keep = levels[-1].summary if levels[-1].summary is not None else total
    while keep > max(floor, 1):
        keep -= 1
        levels.append(replace(levels[-1], summary=keep))


def cut_levels(b: Briefing) -> tuple[Layout, ...]:
    """The cut levels of a briefing's page, from everything shown to the bare minimum.

    In order: type from 10.5 pt down to 9 pt; facts down to three per kind (fullest kind
    first, lowest score dropped); 8.5 pt; summary down to two sentences (lowest score
    dropped); 8 pt; one fact per kind; one summary sentence; the 7.5 pt floor; the timeline
    down to three events, then none; then notes
    in place of ever shorter over-long texts and a shorter title; then whole fact kinds.
    """
    total = len(b.summary)
    levels = [
        Layout(font_pt=_FONTS[0], limits=_effective_limits(b), max_chars=9000, title_chars=600)
    ]
    for font in _FONTS[1:4]:
        levels.append(replace(levels[-1], font_pt=font))
    _trim_facts(levels, 3)
    levels.append(replace(levels[-1], font_pt=_FONTS[4]))
    _trim_summary(levels, 2, total)
    levels.append(replace(levels[-1], font_pt=_FONTS[5]))
    _trim_facts(levels, 1)
    _trim_summary(levels, 1, total)
    levels.append(replace(levels[-1], font_pt=_FONTS[6]))
    levels.append(replace(levels[-1], timeline=3))
    levels.append(replace(levels[-1], timeline=0))
    for max_chars, title_chars in ((4000, 300), (2000, 200), (1000, 160), (500, 120)):
        levels.append(replace(levels[-1], max_chars=max_chars, title_chars=title_chars))
    for kind in _DROP_ORDER:
        limits = dict(levels[-1].limits)
        if limits[kind]:
            limits[kind] = 0
            levels.append(replace(levels[-1], limits=limits))
    levels.append(replace(levels[-1], max_chars=250, title_chars=80))
    return tuple(levels)


def render_pdf(
    b: Briefing | Digest,
    path: str | os.PathLike[str] | None = None,
    template: str | os.PathLike[str] = "default",
    *,
    explain: bool = False,
) -> bytes:
    """The briefing as a one-page A4 PDF; also written atomically to ``path`` when given.

    The page is always exactly one: when the briefing overflows, the lowest-scored facts
    and summary sentences are cut and the type shrinks to a 7.5 pt floor; a sentence too
    long for any page is replaced by a note pointing to the Markdown. The same input
    gives byte-identical output. A Digest (from :func:`briefing.digest`) is rendered as
    the one-page digest.
    """
    d = digest_given(b, "render_pdf", explain=explain)
    if d is not None:
        return render_digest_pdf(d, path, template, call="render_pdf")
    b = as_briefing(b, "render_pdf")
    target = output_path(path, "render_pdf") if path is not None else None
    levels = cut_levels(b)

    def make_html(level: int) -> str | None:
        if level >= len(levels):
            return None
        return render_html_layout(b, levels[level], template, explain=explain)

    data = fit_one_page(make_html)
    if target is not None:
        write_atomic(target, data)
    return data
