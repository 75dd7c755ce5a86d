"""RSS, RDF and Atom feeds (feedparser): one Article per entry."""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import BriefingError, InputError
from ..models import Article
from ..text import normalize_text
from .document import Document, Loaded, make_article
from .html import html_to_text, without_site_name
from .jsonfeed import json_feed
from .platform import only_platform

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}|\d{8}")
_CHANNEL = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?channel[\s/>]")  # RSS and RDF's one feed element
_ENTRY_END = re.compile(rb"</(?:[A-Za-z][\w.-]*:)?(?:item|entry)\s*>")  # an entry read to its end

PageLoader = Callable[[list[str]], list[Article | BriefingError]]
"""Loads the pages entries link to, all at once, in order (the caller decides how)."""


class HeadlineOnly(InputError):
    """A feed entry with a title or link but no text: a headline, which a digest lists."""

    def __init__(
        self,
        message: str,
        *,
        title: str | None,
        url: str | None,
        source: str | None,
        published: dt.date | dt.datetime | None,
    ) -> None:
        super().__init__(message)
        self.title = title
        self.url = url
        self.source = source
        self.published = published


class EmptyFeed(InputError):
    """A well-formed feed with no entries yet: nothing to brief, but not a broken input."""


class CutFeed(InputError):
    """A feed whose document ends before its end (a download cut short, a file caught while
    being written): its entries read to their end were given, the rest is missing, so the
    feed counts as not read (a digest catches it up on its next good run)."""


def feed_items(document: Document, load_pages: PageLoader, fetch_linked: bool) -> Iterator[Loaded]:
    """One item per feed entry. A well-formed feed with no entries is one EmptyFeed item; a
    feed with no entries that did not parse is one error item."""
    parsed = json_feed(document.raw)  # one parse, which also tells a JSON Feed apart
    problem: str | None
    if parsed is not None:
        title, items = parsed
        feed_title, kind = _plain(title, None), "JSON Feed"
        entries, problem = (items, None) if items is not None else ([], "no items list")
        cut = language = None
    else:
        feed, entries, problem, cut = _parse_xml_feed(document)
        feed_title = _plain(feed.get("title"), feed.get("title_detail"))
        language = feed.get("language") if isinstance(feed.get("language"), str) else None
        kind = "RSS or Atom feed"
        if cut is not None:  # the entry the document ends in is half read: not an entry
            entries = entries[: len(_ENTRY_END.findall(document.raw))]
    if not entries:
        error = (
            EmptyFeed(f"{document.name}: the feed has no entries; nothing to brief")
            if problem is None
            else InputError(f"{document.name}: not a readable {kind} ({problem}); check it")
        )
        yield Loaded(document.name, None, error)
        return
    pages: dict[str, Article | BriefingError] = {}
    if fetch_linked:  # every linked page at once: the fetcher runs them concurrently
        links = [
            link
            for entry in entries
            if isinstance(link := entry.get("link"), str) and link and not _entry_text(entry)
        ]
        links = list(dict.fromkeys(links))
        if links:
            pages = dict(zip(links, load_pages(links), strict=True))
    for number, entry in enumerate(entries, start=1):
        label = entry.get("link") or _plain(entry.get("title"), None) or ""
        item = label or f"{document.name} entry {number}"
        try:
            article = _article_from_entry(
                entry,
                document,
                number,
                feed_title or document.host,
                pages,
                fetch_linked,
                language,
            )
            yield Loaded(item, article, None)
        except BriefingError as err:
            yield Loaded(item, None, err)
        except Exception as err:  # an odd entry must not cost the rest of the feed
            problem = f"{document.name} entry {number}: cannot read the entry ({err!r}); check it"
            yield Loaded(item, None, InputError(problem))
    if cut is not None:
        whole = f"{len(entries)} whole " + ("entry was" if len(entries) == 1 else "entries were")
        yield Loaded(
            document.name,
            None,
            CutFeed(
                f"{document.name}: the feed is cut off ({cut}); only its {whole} read; "
                "download or write the feed again, the next digest catches up the rest"
            ),
        )


def _parse_xml_feed(
    document: Document,
) -> tuple[dict[str, Any], list[Any], str | None, str | None]:
    """The feed's own elements (title, language…), its entries, when there are none what
    went wrong (None when the document is a well-formed RSS, RDF or Atom feed that has no
    entries), and where the document ends early, if it does (None for a whole document,
    even one the strict parser refused for a stray entity or a late XML declaration: the
    loose parser reads those)."""
    import feedparser

    headers = {"content-location": document.url} if document.url else {}
    if document.content_type:
        headers["content-type"] = document.content_type
    try:
        parsed = feedparser.parse(io.BytesIO(document.raw), response_headers=headers)
    except Exception as err:  # feedparser rarely raises, but a bug must not kill a batch
        return {}, [], f"{type(err).__name__}: {err}", None
    fault = parsed.get("bozo_exception")
    version = str(parsed.get("version") or "")
    if (
        version
        and (fault is None or isinstance(fault, feedparser.ThingsNobodyCaresAboutButMe))
        and (not version.startswith("rss") or _CHANNEL.search(document.raw))
    ):
        problem = None  # <rss><channel> or <feed>, parsed cleanly: a feed with no entries yet
    else:
        problem = str(fault or "no <item> or <entry> elements")
    return dict(parsed.feed), list(parsed.entries), problem, _cut_off(fault)


def _cut_off(fault: object) -> str | None:
    """Where the XML parser ran out of document ("at line 25: no element found"), or None
    when ``fault`` is no such error: expat's errors of an unfinished document."""
    from xml.parsers.expat import errors
    from xml.sax import SAXParseException

    unfinished = {
        errors.XML_ERROR_NO_ELEMENTS,  # an element left open at the end
        errors.XML_ERROR_UNCLOSED_TOKEN,  # a tag cut in two
        errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
        errors.XML_ERROR_PARTIAL_CHAR,  # a character's bytes cut in two
    }
    if isinstance(fault, SAXParseException) and fault.getMessage() in unfinished:
        return f"at line {fault.getLineNumber()}: {fault.getMessage()}"
    return None


def _plain(value: object, detail: object) -> str | None:
    """A feed title as plain text (it may be HTML), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    content_type = detail.get("type", "") if isinstance(detail, dict) else ""
    if "html" in content_type or "<" in value:
        value = html_to_text(value)
    return " ".join(value.split()) or None


def _entry_text(entry: dict[str, Any]) -> str:
    """The entry's longest full content (content:encoded, Atom content), else its summary."""
    best = ""
    for content in entry.get("content") or []:
        text = _markup_text(content.get("value", ""), content.get("type", "text/html"))
        if len(text) > len(best):
            best = text
    if not best:
        detail = entry.get("summary_detail") or {}
        best = _markup_text(entry.get("summary", ""), detail.get("type", "text/html"))
    return best


def _markup_text(value: object, content_type: str) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    if "html" in content_type or "xml" in content_type:
        return html_to_text(value)
    return normalize_text(value).strip()


def _entry_date(entry: dict[str, Any], language: str | None) -> dt.date | dt.datetime | None:
    """The entry's date, or None when it has none that an Article can hold. ``language`` is
    the feed's (``<language>fr-CA</language>``): a date in its words is read too."""
    from ..models import MAX_YEAR, MIN_YEAR

    date = _raw_entry_date(entry, language)
    if date is None or not MIN_YEAR <= date.year <= MAX_YEAR:
        return None  # a feed's garbage date is no date; the entry itself still counts
    return date


def _raw_entry_date(entry: dict[str, Any], language: str | None) -> dt.date | dt.datetime | None:
    """The entry's own date with its own UTC offset, else feedparser's parsed UTC time, else
    its date written in another language's words ("lun. 23 nov. 2026 12:05:00 -0500")."""
    raws: list[str] = []
    for key in ("published", "updated", "created"):  # one by one: feedparser warns on "updated"
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            parsed = _feed_date(raw.strip())
            if parsed is not None:
                return parsed
            raws.append(raw.strip())
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                year, month, day, hour, minute, second = value[:6]
                return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
            except (TypeError, ValueError, OverflowError):
                continue  # a date outside the calendar is no date
    for raw in raws:
        worded = _worded_date(raw, language)
        if worded is not None:
            return worded
    return None


def _worded_date(raw: str, language: str | None) -> dt.datetime | None:
    """A whole date (day, month and year) in the words of the feed's language, else of the
    language dateparser sees in it: a server's locale, not English, wrote an RFC 822 date
    ("lun. 23 nov. 2026", "Di, 24 Nov 2026"). Nothing relative ("hier") is read."""
    import dateparser

    from ..dates import reads_language

    settings: Any = {"PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]}
    tries = ([reads_language(language)] if language else []) + [None]
    for languages in tries:
        try:
            parsed = dateparser.parse(raw, languages=languages, settings=settings)
        except (ValueError, TypeError, OverflowError):
            continue
        if isinstance(parsed, dt.datetime):
            return parsed
    return None


def _feed_date(raw: str) -> dt.date | dt.datetime | None:
    try:
        return email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        if _DATE_ONLY.fullmatch(raw):
            return dt.date.fromisoformat(raw)
        return dt.datetime.fromisoformat(raw)
    except ValueError:
        return None


def _article_from_entry(
    entry: dict[str, Any],
    document: Document,
    number: int,
    source: str | None,
    pages: dict[str, Article | BriefingError],
    fetch_linked: bool,
    language: str | None,
) -> Article:
    title = _plain(entry.get("title"), entry.get("title_detail"))
    if title and source:
        # "Crews contain blaze - Valley Daily" in the feed "Valley Daily": the site is
        # the entry's source, not part of its headline
        title = without_site_name(title, source, leading=False)
    link = entry.get("link") or None
    published = _entry_date(entry, language)
    text = _entry_text(entry)
    if only_platform(text):
        # "Comments" under every Hacker News item, a bare "Read more »": a headline, not the
        # article's text (a digest of real feeds once merged thirty such entries as one)
        text = ""
    name = f"{document.name} entry {number}"
    if text:
        return make_article(name, text, title=title, published=published, url=link, source=source)
    label = f" ({title})" if title else ""
    if not link or not fetch_linked:
        raise HeadlineOnly(
            f"{name}{label}: has no text and no link; nothing to brief"
            if not link
            else f"{name}{label}: has no text; brief its page instead ({link}), or load "
            "the feed with fetch_linked=True (briefing make --fetch)",
            title=title,
            url=link,
            source=source,
            published=published,
        )
    page = pages.get(link)
    if page is None:
        raise InputError(f"{name}{label}: its link {link} was not fetched; try again")
    if isinstance(page, BriefingError):
        raise page
    return make_article(
        link,
        page.text,
        title=title or page.title,
        published=published or page.published,
        url=link,
        source=source or page.source,
    )
