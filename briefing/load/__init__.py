"""Loading: a path, URL, stdin, JSONL file, feed or HTML page in, Articles out.

``load`` reads one article; ``load_many`` streams a batch (folders, JSON Lines, RSS/Atom
feeds, several inputs) as ``Loaded`` items, each holding an Article or the error that one
item raised, so one bad item never stops a batch. Bytes are decoded in one place
(``decode.py``: UTF-8, a declared charset, else charset_normalizer; never a crash), every
text goes through ``briefing.text.normalize_text``, every Article gets a title, and
``published`` only ever comes from the input itself. Nothing touches the network except an
explicit http(s) URL, and ``fetch=False`` refuses even that.

One room per input form: ``files`` (paths, folders, stdin), ``decode`` (bytes to text,
sniffing), ``plain`` (text and Markdown), ``html``, ``jsonl`` (JSON and JSON Lines),
``feeds`` (RSS/Atom) and ``fetch`` (the one HTTP client).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import BriefingError
from ..models import Article
from ..text import split_sentences
from .decode import decode, is_json_object, sniff
from .document import (
    DEFAULT_MAX_BYTES,
    STDIN_NAME,
    Document,
    Loaded,
    many_error,
    max_bytes,
    too_big,
)
from .feeds import feed_items
from .fetch import fetch_document
from .files import (
    check_exists,
    folder_files,
    no_article_files,
    open_checked,
    path_kind,
    read_capped,
    read_document,
    stdin,
    stdin_document,
)
from .html import article_from_html
from .jsonl import article_from_json, jsonl_items, single_from_lines
from .plain import article_from_text

__all__ = ["DEFAULT_MAX_BYTES", "Loaded", "load", "load_many", "make_title"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def load(source: str | os.PathLike[str], *, fetch: bool = True) -> Article:
    """Load one article from a file, ``"-"`` (stdin), an http(s) URL or a one-line JSONL file.

    Supported files: ``.txt``/``.md`` (a short first line is the title), ``.html``/``.htm``
    (trafilatura extracts text, title and date), ``.json`` (one object with ``text``,
    ``title``, ``published``, ``url``, ``source``), each optionally gzipped. A folder, a
    feed or a JSONL file of several articles raises InputError pointing to ``load_many``;
    ``fetch=False`` refuses URLs. Every failure a user can cause raises InputError.
    """
    name = os.fspath(source)
    if name == "-":
        return _single(stdin_document())
    if _URL.match(name):
        return _single(fetch_document(name, fetch))
    path = Path(name)
    check_exists(path, name)
    if path.is_dir():
        raise many_error(name, "is a folder")
    kind, compressed = path_kind(path, name)
    if kind == "jsonl":
        with open_checked(path, name) as stream:
            return single_from_lines(stream, name)
    return _single(read_document(path, name, kind, compressed))


def load_many(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    fetch: bool = True,
    fetch_linked: bool = False,
) -> Iterator[Loaded]:
    """Stream every article of every input as ``Loaded`` items; one bad item never stops it.

    A folder yields its article files sorted by path (recursively, skipping hidden and
    unsupported files); a JSONL file yields one item per line, read lazily; an RSS/RDF/Atom
    feed (file or URL) yields one item per entry, its text from the entry's content else its
    summary. An entry without text is an error item unless ``fetch_linked`` is true, when
    its linked page is loaded instead. Any other input yields one item, as ``load`` reads it.
    """
    for source in inputs:
        yield from _items(os.fspath(source), fetch, fetch_linked)


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


def _items(name: str, fetch: bool, fetch_linked: bool) -> Iterator[Loaded]:
    """Every item of one input, errors of the whole input as one error item."""
    try:
        if name == "-":
            yield from _stdin_items(fetch, fetch_linked)
            return
        if _URL.match(name):
            document = fetch_document(name, fetch)
        else:
            path = Path(name)
            check_exists(path, name)
            if path.is_dir():
                files = folder_files(path)
                if not files:
                    yield Loaded(name, None, no_article_files(name))
                for file in files:
                    yield from _items(str(file), fetch, fetch_linked)
                return
            kind, compressed = path_kind(path, name)
            if kind == "jsonl":
                yield from jsonl_items(open_checked(path, name), name)
                return
            document = read_document(path, name, kind, compressed)
    except BriefingError as err:
        yield Loaded(name, None, err)
        return
    yield from _document_items(document, fetch, fetch_linked)


def _stdin_items(fetch: bool, fetch_linked: bool) -> Iterator[Loaded]:
    """Stdin: JSON Lines when its first line is a JSON object (streamed), else one document."""
    stream = stdin()
    cap = max_bytes()
    first = stream.readline(cap + 1)
    if len(first) > cap:
        raise too_big(STDIN_NAME, None, cap)
    if is_json_object(first):
        yield from jsonl_items(stream, STDIN_NAME, first=first)
        return
    raw = first + read_capped(stream, STDIN_NAME, cap - len(first))
    yield from _document_items(Document(STDIN_NAME, sniff(raw), raw), fetch, fetch_linked)


def _document_items(document: Document, fetch: bool, fetch_linked: bool) -> Iterator[Loaded]:
    if document.kind == "feed":
        yield from feed_items(
            document, lambda link: _single(fetch_document(link, fetch)), fetch_linked
        )
    elif document.kind == "jsonl":
        yield from jsonl_items(io.BytesIO(document.raw), document.name)
    else:
        try:
            yield Loaded(document.name, _article(document), None)
        except BriefingError as err:
            yield Loaded(document.name, None, err)


def _single(document: Document) -> Article:
    """The one article of a whole document, refusing feeds and several JSON lines."""
    if document.kind == "feed":
        raise many_error(document.name, "is a feed")
    if document.kind == "jsonl":
        return single_from_lines(io.BytesIO(document.raw), document.name)
    return _article(document)


def _article(document: Document) -> Article:
    text = decode(document.raw, document.charset)
    kind = document.kind
    if kind == "html":
        return article_from_html(text, document.name, url=document.url, host=document.host)
    if kind == "json":
        return article_from_json(text, document.name, url=document.url, host=document.host)
    return article_from_text(
        text, document.name, markdown=kind == "markdown", url=document.url, host=document.host
    )
