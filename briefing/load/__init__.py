"""Loading: a path, URL, stdin, JSONL file, feed or HTML page in, Articles out.

``load`` reads one article; ``load_many`` streams a batch (folders, JSON Lines, RSS/Atom
feeds, several inputs) as ``Loaded`` items, each holding an Article or the error that one
item raised, so one bad item never stops a batch. Bytes are decoded in one place
(``decode.py``: UTF-8, a declared charset, else charset_normalizer; never a crash), every
text goes through ``briefing.text.normalize_text``, and ``published`` only ever comes from
the input's own metadata (never from its body text or the file's mtime). Nothing touches
the network except an explicit http(s) URL (or, with ``fetch_linked``, a feed entry's
link), private addresses are refused unless ``allow_private``, and ``fetch=False``
refuses the network altogether. Special files (FIFOs, devices) and binary files are
refused, never read. Every error message is one line naming the input and the fix.

One room per input form: ``files`` (paths, folders, stdin), ``decode`` (bytes to text,
sniffing, binary detection), ``document`` (what they share: the size cap, the one Article
maker), ``plain`` (text and Markdown), ``html``, ``jsonl`` (JSON and JSON Lines),
``feeds`` (RSS/Atom), ``opml`` (subscription lists), ``fetch`` (the one HTTP client) on
``net`` (address policy and deadline).

``make_title`` lives here for now although it is not loading (callers import it from
``briefing.load``).
"""

from __future__ import annotations

import io
import os
import re
import sys
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import BriefingError, InputError
from ..models import Article
from ..text import split_sentences
from .decode import decode, is_json_object, sniff
from .document import (
    DEFAULT_MAX_BYTES,
    STDIN_NAME,
    Document,
    Loaded,
    binary_error,
    many_error,
    max_bytes as size_cap,
    one_line_error,
    too_big,
)
from .feeds import feed_items
from .fetch import (
    Fetched,
    Fetcher,
    FetchOptions,
    MemoryCache,
    Page,
    PageCache,
    check_url,
    document_from_page,
    fetch,
    fetch_many,
    is_public_address,
)
from .files import (
    check_exists,
    folder_entries,
    name_date,
    no_article_files,
    open_checked,
    path_kind,
    read_capped,
    read_document,
    stdin,
    stdin_document,
)
from .html import article_from_html
from .jsonfeed import is_json_feed
from .jsonl import article_from_json, jsonl_items, single_from_lines
from .opml import read_opml
from .plain import article_from_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FetchOptions",
    "Fetched",
    "Fetcher",
    "Loaded",
    "MemoryCache",
    "Page",
    "PageCache",
    "fetch",
    "fetch_many",
    "is_public_address",
    "load",
    "load_many",
    "make_title",
    "read_opml",
]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
Progress = Callable[[int, int, Fetched], None]


def load(
    source: str | os.PathLike[str],
    *,
    fetch: bool = True,
    allow_private: bool = False,
    fetch_options: FetchOptions | None = None,
    cache: PageCache | None = None,
    max_bytes: int | None = None,
) -> Article:
    """Load one article from a file, ``"-"`` (stdin), an http(s) URL or a one-line JSONL file.

    Supported files: ``.txt``/``.md`` (a short first line is the title), ``.html``/``.htm``
    (trafilatura extracts text, title and date), ``.json`` (one object with ``text``,
    ``title``, ``published``, ``url``, ``source``), each optionally gzipped. A folder, a
    feed or a JSONL file of several articles raises InputError pointing to ``load_many``;
    ``fetch=False`` refuses URLs. A URL is downloaded under ``fetch_options`` (limits;
    see FetchOptions), refusing private addresses unless ``allow_private``, revalidating
    through ``cache`` when given. ``max_bytes`` caps each input (default 20 MB).
    Every failure a user can cause raises InputError.
    """
    try:
        session = _Session(fetch, fetch_options, allow_private, max_bytes, cache, None)
    except BriefingError as err:
        raise one_line_error(err) from None
    try:
        name = _input_name(source)
        return _load_one(name, session)
    except BriefingError as err:
        raise one_line_error(err) from None
    finally:
        session.close()


def load_many(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    fetch: bool = True,
    fetch_linked: bool = False,
    allow_private: bool = False,
    fetch_options: FetchOptions | None = None,
    cache: PageCache | None = None,
    progress: Progress | None = None,
    max_bytes: int | None = None,
) -> Iterator[Loaded]:
    """Stream every article of every input as ``Loaded`` items; one bad item never stops it.

    A folder yields its article files sorted by path (recursively, skipping hidden and
    unsupported files); a JSONL file yields one item per line, read lazily; an RSS/RDF/Atom
    feed (file or URL) yields one item per entry, its text from the entry's content else its
    summary. An entry without text is an error item unless ``fetch_linked`` is true, when
    its linked page is loaded instead. A well-formed feed with no entries yields one
    ``EmptyFeed`` error item (``briefing.load.feeds``), which callers may treat as a notice
    rather than a failure. Any other input yields one item, as ``load`` reads it.
    URL inputs, and the linked pages of one feed, are downloaded concurrently (see
    ``fetch_many``); ``progress(done, total, fetched)`` reports each download. The other
    keywords are ``load``'s. A bad ``max_bytes`` raises InputError before any item.
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    session = _Session(fetch, fetch_options, allow_private, max_bytes, cache, progress)
    try:
        sources: list[str | BriefingError] = []
        inputs = list(inputs)
        inputs_shown = [_shown(source) for source in inputs]
        for source in inputs:
            try:
                sources.append(_input_name(source))
            except BriefingError as err:
                sources.append(err)
        session.prefetch([s for s in sources if isinstance(s, str) and _URL.match(s)])
        for source, name in zip(inputs_shown, sources, strict=True):
            if isinstance(name, BriefingError):
                yield Loaded(source, None, one_line_error(name), source)
                continue
            for item in _items(name, session, fetch_linked):
                error = one_line_error(item.error) if item.error is not None else None
                yield Loaded(item.name, item.article, error, name)
    finally:
        session.close()


def make_title(text: str, max_words: int = 12) -> str:
    """A title made of the first words of ``text``'s first sentence, verbatim.

    At most ``max_words`` words; "…" is appended when the sentence was cut, and a lone
    final full stop is dropped. No word is ever invented; empty text gives "".
    """
    max_words = max(1, max_words)
    head = text[:2000]
    spans = split_sentences(head)
    first = spans[0].text if spans else head.strip()
    words = first.split()
    if not words:
        return ""
    cut = len(words) > max_words or (bool(spans) and spans[0].end == len(head) < len(text))
    if cut:
        return " ".join(words[:max_words]).rstrip(",;:–—-") + "…"
    title = " ".join(words)
    if title.endswith(".") and not title.endswith("..") and "." not in words[-1][:-1]:
        title = title[:-1]
    return title


# --- dispatch -----------------------------------------------------------------------------


def _shown(source: object) -> str:
    """An input as the user wrote it, for naming it."""
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        return name if isinstance(name, str) else repr(name)
    return repr(source)


def _input_name(source: object) -> str:
    """An input as a string, refusing what is not a path, URL or "-"."""
    if not isinstance(source, str | os.PathLike):
        raise InputError(
            f"{source!r}: not an input; give a file or folder path, an http(s) URL or '-'"
        )
    name = os.fspath(source)
    if not isinstance(name, str):
        raise InputError(f"{name!r}: a bytes path; give the path as a string")
    if not name.strip():
        raise InputError(
            "'': an empty input name; give a file or folder path, an http(s) URL or '-'"
        )
    if _URL.match(name):
        check_url(name)
    return name


class _Session:
    """One call's settings: the size cap, whether fetching is allowed, one shared Fetcher
    (created on first use), and pages downloaded ahead."""

    def __init__(
        self,
        fetch: bool,
        options: FetchOptions | None,
        allow_private: bool,
        max_bytes: int | None,
        cache: PageCache | None,
        progress: Progress | None,
    ) -> None:
        self.cap = size_cap(max_bytes)
        options = options or FetchOptions()
        if allow_private and not options.allow_private:
            options = replace(options, allow_private=True)
        if options.max_bytes is None:
            options = replace(options, max_bytes=self.cap)
        self.fetch = fetch
        self.options = options
        self.cache = cache
        self.progress = progress
        self._fetcher: Fetcher | None = None
        self._fetched: dict[str, Fetched] = {}

    def _client(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.options, cache=self.cache)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def _check(self, url: str) -> None:
        check_url(url)
        if not self.fetch:
            raise InputError(f"{url}: fetching URLs is disabled; save the page and give its path")

    def prefetch(self, urls: Sequence[str]) -> None:
        """Download several URL inputs at once; their errors surface when each is loaded."""
        if not self.fetch or len(urls) < 2:
            return
        wanted = list(dict.fromkeys(urls))
        for result in self._client().fetch_many(wanted, progress=self.progress):
            self._fetched[result.url] = result

    def document(self, url: str) -> Document:
        self._check(url)
        result = self._fetched.pop(url, None)
        if result is None:
            try:
                page = self._client().fetch(url)
            except InputError as err:
                result = Fetched(url, None, err)
            else:
                result = Fetched(url, page, None)
            if self.progress is not None:
                self.progress(1, 1, result)
        return _page_document(result)

    def pages(self, links: list[str]) -> list[Article | BriefingError]:
        """The articles at ``links`` (feed entries' pages), downloaded concurrently."""
        out: list[Article | BriefingError] = []
        wanted: list[int] = []
        for index, link in enumerate(links):
            try:
                self._check(link)
                out.append(InputError(f"{link}: not fetched; try again"))
                wanted.append(index)
            except InputError as err:
                out.append(err)
        if wanted:
            urls = [links[index] for index in wanted]
            results = self._client().fetch_many(urls, progress=self.progress)
            for index, result in zip(wanted, results, strict=True):
                try:
                    out[index] = _single(_page_document(result), self.cap)
                except BriefingError as err:
                    out[index] = err
        return out


def _page_document(result: Fetched) -> Document:
    """The Document of a download, or the download's error raised."""
    if result.page is None:
        raise result.error or InputError(f"{result.url}: not fetched; try again")
    return document_from_page(result.page)


def _load_one(name: str, session: _Session) -> Article:
    if name == "-":
        return _single(stdin_document(session.cap), session.cap)
    if _URL.match(name):
        return _single(session.document(name), session.cap)
    path = Path(name)
    check_exists(path, name)
    if path.is_dir():
        raise many_error(name, "is a folder")
    kind, compressed = path_kind(path, name)
    if kind == "jsonl":
        with open_checked(path, name) as stream:
            return single_from_lines(stream, name, session.cap)
    return _single(read_document(path, name, kind, compressed, session.cap), session.cap)


def _items(name: str, session: _Session, fetch_linked: bool) -> Iterator[Loaded]:
    """Every item of one input, errors of the whole input as one error item."""
    try:
        if name == "-":
            yield from _stdin_items(session, fetch_linked)
            return
        if _URL.match(name):
            document = session.document(name)
        else:
            path = Path(name)
            check_exists(path, name)
            if path.is_dir():
                entries = folder_entries(path, name)
                if not entries:
                    yield Loaded(name, None, no_article_files(name))
                for file, problem in entries:
                    if problem is not None:
                        yield Loaded(str(file), None, problem)
                    else:
                        yield from _items(str(file), session, fetch_linked)
                return
            kind, compressed = path_kind(path, name)
            if kind == "jsonl":
                yield from jsonl_items(open_checked(path, name), name, session.cap)
                return
            document = read_document(path, name, kind, compressed, session.cap)
    except BriefingError as err:
        yield Loaded(name, None, err)
        return
    yield from _document_items(document, session, fetch_linked)


def _stdin_items(session: _Session, fetch_linked: bool) -> Iterator[Loaded]:
    """Stdin: JSON Lines when its first line is a JSON object (streamed), else one document."""
    stream = stdin()
    cap = session.cap
    first = stream.readline(cap + 1)
    if len(first) > cap:
        raise too_big(STDIN_NAME, None, cap)
    if is_json_object(first):
        yield from jsonl_items(stream, STDIN_NAME, cap, first=first)
        return
    raw = first + read_capped(stream, STDIN_NAME, cap - len(first))
    yield from _document_items(Document(STDIN_NAME, sniff(raw), raw), session, fetch_linked)


def _document_items(document: Document, session: _Session, fetch_linked: bool) -> Iterator[Loaded]:
    document = _feed_kind(document)
    if document.kind == "feed":
        yield from feed_items(document, session.pages, fetch_linked)
    elif document.kind == "jsonl":
        yield from jsonl_items(io.BytesIO(document.raw), document.name, session.cap)
    else:
        try:
            yield Loaded(document.name, _article(document), None)
        except BriefingError as err:
            yield Loaded(document.name, None, err)


def _feed_kind(document: Document) -> Document:
    """``document``, a feed when it is JSON that is a JSON Feed (jsonfeed.org)."""
    if document.kind == "json" and is_json_feed(document.raw):
        return replace(document, kind="feed")
    return document


def _single(document: Document, cap: int) -> Article:
    """The one article of a whole document, refusing feeds and several JSON lines."""
    if _feed_kind(document).kind == "feed":
        raise many_error(document.name, "is a feed")
    if document.kind == "jsonl":
        return single_from_lines(io.BytesIO(document.raw), document.name, cap)
    return _article(document)


def _article(document: Document) -> Article:
    """The article of a document; a local file that gives no date is dated by its name
    (:func:`~.files.name_date`)."""
    try:
        article = _read_article(document)
    except InputError as err:
        if not document.feed_named:
            raise
        raise InputError(
            f"{document.name}: an HTML page, not an RSS or Atom feed (it holds no article "
            "either); check the feed's address and download the feed again"
        ) from err
    if article.published is None and document.url is None and document.name != STDIN_NAME:
        day = name_date(document.name)
        if day is not None:
            article = replace(article, published=day)
    return article


def _read_article(document: Document) -> Article:
    problem = binary_error(document.name, document.raw)
    if problem is not None:
        raise problem
    text = decode(document.raw, document.charset)
    kind = document.kind
    if kind == "html":
        return article_from_html(text, document.name, url=document.url, host=document.host)
    if kind == "json":
        return article_from_json(text, document.name, url=document.url, host=document.host)
    return article_from_text(
        text, document.name, markdown=kind == "markdown", url=document.url, host=document.host
    )


class _CallableModule(types.ModuleType):
    """``briefing.load`` names both this package and the public function: importing the
    package makes Python bind ``briefing.load`` to the package, shadowing the lazily
    resolved function. Calling the package therefore calls :func:`load`, so
    ``briefing.load(path)`` works whichever of the two the name holds."""

    def __call__(self, source: str | os.PathLike[str], **kwargs: Any) -> Article:
        return load(source, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
