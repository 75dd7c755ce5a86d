"""Loading: a path, URL, stdin, JSONL file, feed or HTML page in, Articles out.

``load`` reads one article; ``load_many`` streams a batch (folders, JSON Lines, RSS/Atom
feeds, several inputs) as ``Loaded`` items, each holding an Article or the error that one
item raised, so one bad item never stops a batch. Bytes are decoded in one place
(``_decode``: UTF-8, a declared charset, else charset_normalizer; never a crash), every
text goes through ``briefing.text.normalize_text``, every Article gets a title, and
``published`` only ever comes from the input itself. Nothing touches the network except an
explicit http(s) URL, and ``fetch=False`` refuses even that.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import gzip
import http.client
import io
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol, cast

from .errors import BriefingError, InputError
from .models import Article
from .text import normalize_text, split_sentences

__all__ = ["DEFAULT_MAX_BYTES", "Loaded", "load", "load_many", "make_title"]

DEFAULT_MAX_BYTES = 20_000_000
FETCH_TIMEOUT = 20.0
USER_AGENT = "briefing/0.1 (one-page news briefings)"
STDIN_NAME = "<stdin>"

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
}
_CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "application/json": "sniff",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "sniff",
    "text/xml": "sniff",
}
_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, text/plain;q=0.8"
)
_FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf", "channel"}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}|\d{8}")
_DATE_HINT = "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+00:00"
_SENTENCE_END = re.compile(r"[.!?…:;,][\"'”’)\]]*$")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^(?:=+|-+)[ \t]*$")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)\n---[ \t]*(?:\n|$)", re.DOTALL)
_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_MARKUP_SKIP = re.compile(r"<\?.*?\?>|<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>", re.DOTALL)
_FIRST_TAG = re.compile(r"<([A-Za-z][\w:.-]*)")
_WHITESPACE = re.compile(r"\s+")  # in HTML text, source line breaks are only spaces
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u0080-\u00bf\u00d7\u00f7](?=[^\W\d_])")
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"}
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt"}
    | {"figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header"}
    | {"hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody"}
    | {"td", "th", "thead", "tr", "ul"}
)
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas"}
    | {"button", "select", "textarea", "head", "title"}
)


@dataclass(frozen=True, slots=True)
class Loaded:
    """One item of a batch: the name to show the user, and its Article or its error."""

    name: str
    article: Article | None
    error: BriefingError | None


@dataclass(frozen=True, slots=True)
class _Document:
    """A whole input held in memory: its bytes, what kind of article file it is, its origin."""

    name: str
    kind: str
    raw: bytes
    url: str | None = None
    charset: str | None = None
    content_type: str | None = None

    @property
    def host(self) -> str | None:
        return urllib.parse.urlsplit(self.url).hostname if self.url else None


class _LineReader(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


# --- public API ---------------------------------------------------------------------------


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
        return _single(_stdin_document())
    if _URL.match(name):
        return _single(_fetch(name, fetch))
    path = Path(name)
    _check_exists(path, name)
    if path.is_dir():
        raise _many_error(name, "is a folder")
    kind, compressed = _path_kind(path, name)
    if kind == "jsonl":
        return _single_line(path, name)
    return _single(_read_document(path, name, kind, compressed))


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


# --- inputs -------------------------------------------------------------------------------


def _items(name: str, fetch: bool, fetch_linked: bool) -> Iterator[Loaded]:
    """Every item of one input, errors of the whole input as one error item."""
    try:
        if name == "-":
            yield from _stdin_items(fetch, fetch_linked)
            return
        if _URL.match(name):
            document = _fetch(name, fetch)
        else:
            path = Path(name)
            _check_exists(path, name)
            if path.is_dir():
                yield from _folder_items(path, name, fetch, fetch_linked)
                return
            kind, compressed = _path_kind(path, name)
            if kind == "jsonl":
                yield from _jsonl_items(_open_checked(path, name), name)
                return
            document = _read_document(path, name, kind, compressed)
    except BriefingError as err:
        yield Loaded(name, None, err)
        return
    yield from _document_items(document, fetch, fetch_linked)


def _check_exists(path: Path, name: str) -> None:
    if not path.exists():
        raise InputError(f"{name}: no such file or folder; check the path")


def _many_error(name: str, what: str) -> InputError:
    return InputError(
        f"{name}: {what} holding several articles; load it with briefing.load_many() "
        f"or `briefing make {name}`"
    )


def _path_kind(path: Path, name: str) -> tuple[str, bool]:
    """The kind of article file ``path`` names by its extension, and whether it is gzipped."""
    lower = path.name.lower()
    compressed = lower.endswith(".gz")
    suffix = Path(lower[:-3] if compressed else lower).suffix
    if not suffix:
        return "sniff", compressed
    kind = _EXTENSIONS.get(suffix)
    if kind is None:
        raise InputError(
            f"{name}: cannot read {suffix[1:].upper()} articles; convert it to text or HTML first"
        )
    return kind, compressed


def _folder_items(folder: Path, name: str, fetch: bool, fetch_linked: bool) -> Iterator[Loaded]:
    """The items of every article file under ``folder``, sorted by relative path."""
    found: list[tuple[tuple[str, ...], Path]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file_name in files:
            path = Path(root, file_name)
            if file_name.startswith(".") or not _is_article_file(path):
                continue
            found.append((path.relative_to(folder).parts, path))
    if not found:
        kinds = " ".join(sorted(_EXTENSIONS))
        yield Loaded(name, None, InputError(f"{name}: no article files ({kinds}) in the folder"))
        return
    for _parts, path in sorted(found):
        yield from _items(str(path), fetch, fetch_linked)


def _is_article_file(path: Path) -> bool:
    try:
        kind, _compressed = _path_kind(path, str(path))
    except InputError:
        return False
    return kind != "sniff"


def _max_bytes() -> int:
    """The size cap per input: ``BRIEFING_MAX_BYTES`` when set, else 20 MB."""
    value = os.environ.get("BRIEFING_MAX_BYTES", "").strip().replace("_", "")
    if not value:
        return DEFAULT_MAX_BYTES
    try:
        cap = int(value)
    except ValueError:
        cap = 0
    if cap <= 0:
        raise InputError(
            f"BRIEFING_MAX_BYTES={value!r} is not a size in bytes; set it to e.g. 50000000"
        )
    return cap


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e6:.2g} MB"


def _too_big(name: str, size: int | None, cap: int) -> InputError:
    limit = f"{cap / 1e6:g} MB"
    amount = _megabytes(size) if size is not None else f"more than {limit}"
    return InputError(
        f"{name}: {amount} is over the {limit} limit; split the file or set BRIEFING_MAX_BYTES"
    )


def _open_path(path: Path) -> IO[bytes]:
    """Open a file for reading bytes, gunzipping ``*.gz`` on the fly."""
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _open_checked(path: Path, name: str) -> IO[bytes]:
    try:
        return _open_path(path)
    except OSError as err:
        raise InputError(
            f"{name}: cannot read the file ({err.strerror or err}); check it"
        ) from None


def _read_capped(stream: IO[bytes], name: str, cap: int) -> bytes:
    raw = stream.read(cap + 1)
    if len(raw) > cap:
        raise _too_big(name, None, cap)
    return raw


def _read_document(path: Path, name: str, kind: str, compressed: bool) -> _Document:
    """Read a whole file (size-capped) and settle its kind."""
    cap = _max_bytes()
    try:
        if not compressed and path.stat().st_size > cap:
            raise _too_big(name, path.stat().st_size, cap)
        with _open_path(path) as stream:
            raw = _read_capped(stream, name, cap)
    except (OSError, EOFError, zlib.error) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise InputError(f"{name}: cannot read the file ({reason}); check it") from None
    if kind == "sniff":
        kind = _sniff(raw)
    elif kind == "feed":
        kind = "html" if _sniff(raw) == "html" else "feed"
    return _Document(name, kind, raw)


def _stdin() -> IO[bytes]:
    stream: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(f"{STDIN_NAME}: there is no standard input; pipe an article in")
    return stream


def _stdin_document() -> _Document:
    raw = _read_capped(_stdin(), STDIN_NAME, _max_bytes())
    return _Document(STDIN_NAME, _sniff(raw), raw)


def _stdin_items(fetch: bool, fetch_linked: bool) -> Iterator[Loaded]:
    """Stdin: JSON Lines when its first line is a JSON object (streamed), else one document."""
    stream = _stdin()
    cap = _max_bytes()
    first = stream.readline(cap + 1)
    if len(first) > cap:
        raise _too_big(STDIN_NAME, None, cap)
    if _is_json_object(first):
        yield from _jsonl_items(stream, STDIN_NAME, first=first)
        return
    raw = first + _read_capped(stream, STDIN_NAME, cap - len(first))
    yield from _document_items(_Document(STDIN_NAME, _sniff(raw), raw), fetch, fetch_linked)


def _document_items(document: _Document, fetch: bool, fetch_linked: bool) -> Iterator[Loaded]:
    if document.kind == "feed":
        yield from _feed_items(document, fetch, fetch_linked)
    elif document.kind == "jsonl":
        yield from _jsonl_items(io.BytesIO(document.raw), document.name)
    else:
        try:
            yield Loaded(document.name, _article(document), None)
        except BriefingError as err:
            yield Loaded(document.name, None, err)


def _single(document: _Document) -> Article:
    """The one article of a whole document, refusing feeds and several JSON lines."""
    if document.kind == "feed":
        raise _many_error(document.name, "is a feed")
    if document.kind == "jsonl":
        return _single_from_lines(io.BytesIO(document.raw), document.name)
    return _article(document)


def _single_line(path: Path, name: str) -> Article:
    with _open_checked(path, name) as stream:
        return _single_from_lines(stream, name)


def _single_from_lines(stream: _LineReader, name: str) -> Article:
    lines = _nonblank_lines(stream, _max_bytes())
    first = next(lines, None)
    if first is None:
        raise InputError(f"{name}: no articles in the file; give one JSON object per line")
    if next(lines, None) is not None:
        raise _many_error(name, "is a JSON Lines file")
    return _article_from_line(name, *first)


# --- sniffing and decoding ----------------------------------------------------------------


def _sniff(raw: bytes) -> str:
    """Guess an input's kind from its first bytes: json, jsonl, feed, html or text."""
    head = _decode(raw[:4096]).lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        first_line = raw.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)
        if len(first_line) == 2 and first_line[1].strip() and _is_json_object(first_line[0]):
            return "jsonl"
        return "json"
    if head.startswith("["):
        return "json"
    if head.startswith("<"):
        match = _FIRST_TAG.search(_MARKUP_SKIP.sub("", head))
        if match and match.group(1).lower() in _FEED_ROOTS:
            return "feed"
        return "html"
    return "text"


def _is_json_object(line: bytes) -> bool:
    stripped = line.strip().lstrip(b"\xef\xbb\xbf")
    if not stripped.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(_decode(stripped)), dict)
    except ValueError:
        return False


def _decode(raw: bytes, declared: str | None = None) -> str:
    """Bytes to text: BOM, UTF-8, a declared charset, else charset_normalizer; never fails."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].replace(b"\x00", b"").decode("utf-8", "replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", "replace")
    raw = raw.replace(b"\x00", b"")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for charset in (declared, _declared_charset(raw)):
        text = _try_decode(raw, charset)
        if text is not None:
            return text
    loose = raw.decode("utf-8", "replace")
    bad = loose.count("\ufffd")
    if 4 * (sum(1 for ch in loose if ord(ch) > 127) - bad) >= bad:
        return loose  # valid multi-byte UTF-8 with a few broken bytes: legacy text has none
    western = _western(raw)
    if western is not None:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return str(best) if best is not None else loose


def _western(raw: bytes) -> str | None:
    """``raw`` as Windows-1252 when it reads like Western European text, else None.

    charset_normalizer guesses poorly on short Latin-1 texts (São -> Săo); legacy
    Western text has few accented letters and no Latin-1 symbols inside words, while
    Cyrillic, Greek or Central European code pages read as cp1252 break one of those.
    """
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = sum(1 for ch in text if ch.isalpha())
    accented = sum(1 for ch in text if ch.isalpha() and ord(ch) > 127)
    if not letters or accented > 0.2 * letters or _SYMBOL_IN_WORD.search(text):
        return None
    return text


def _declared_charset(raw: bytes) -> str | None:
    match = _CHARSET.search(raw[:4096])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", "replace")


def _try_decode(raw: bytes, charset: str | None) -> str | None:
    if not charset:
        return None
    names = [charset]
    if charset.lower() in _WINDOWS_1252:
        names.insert(0, "cp1252")  # what browsers mean by latin-1 and ascii
    for encoding in names:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return None


# --- articles -----------------------------------------------------------------------------


def _make_article(
    name: str,
    text: str,
    *,
    title: str | None = None,
    published: dt.date | dt.datetime | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """The one place Articles are made: normalised text, never empty.

    ``title`` stays None when the input gives none: a title made from the text is the
    Briefing's (``brief`` calls ``make_title``), never the article's, so no stage mistakes
    the first sentence for a headline.
    """
    text = normalize_text(text).strip()
    if not text:
        raise InputError(f"{name}: no article text (empty or only whitespace); give the text")
    clean_title = " ".join(normalize_text(title).split()) if title else ""
    return Article(
        text,
        title=clean_title or None,
        published=published,
        url=url or None,
        source=" ".join(source.split()) if source else None,
    )


def _article(document: _Document) -> Article:
    text = _decode(document.raw, document.charset)
    kind = document.kind
    if kind == "html":
        return _article_from_html(text, document.name, url=document.url, host=document.host)
    if kind == "json":
        return _article_from_json(text, document.name, url=document.url, host=document.host)
    return _article_from_text(
        text, document.name, markdown=kind == "markdown", url=document.url, host=document.host
    )


def _parse_date(value: object, name: str, field: str) -> dt.date | dt.datetime | None:
    """An ISO 8601 date (YYYY-MM-DD) or datetime, or None for an empty value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            if _DATE_ONLY.fullmatch(text):
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass
    raise InputError(f'{name}: "{field}" is {value!r}, not an ISO date; {_DATE_HINT}')


def _optional_str(obj: dict[str, Any], key: str, name: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise InputError(f'{name}: "{key}" must be a string, not {type(value).__name__}; fix the field')


def _article_from_mapping(
    obj: dict[str, Any], name: str, *, url: str | None = None, host: str | None = None
) -> Article:
    """An Article from a JSON object's fields; unknown keys are ignored."""
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f'{name}: no article text; give a non-empty "text" string')
    return _make_article(
        name,
        text,
        title=_optional_str(obj, "title", name),
        published=_parse_date(obj.get("published"), name, "published"),
        url=_optional_str(obj, "url", name) or url,
        source=_optional_str(obj, "source", name) or host,
    )


def _article_from_json(
    text: str, name: str, *, url: str | None = None, host: str | None = None
) -> Article:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        hint = (
            "; for one article per line name the file .jsonl"
            if err.msg == "Extra data"
            else '; give one object like {"text": "...", "title": "..."}'
        )
        raise InputError(
            f"{name}: not valid JSON ({err.msg} at line {err.lineno} column {err.colno}){hint}"
        ) from None
    if not isinstance(obj, dict):
        raise InputError(
            f"{name}: holds a JSON {type(obj).__name__}, not an object; give one object like "
            '{"text": "...", "title": "..."}, or one object per line in a .jsonl file'
        )
    return _article_from_mapping(obj, name, url=url, host=host)


def _nonblank_lines(stream: _LineReader, cap: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each non-blank line, read one at a time; None when over ``cap``."""
    lineno = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        lineno += 1
        if len(line) > cap:
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(1 << 20)
            yield lineno, None
        elif line.strip():
            yield lineno, line


def _article_from_line(name: str, lineno: int, line: bytes | None) -> Article:
    item = f"{name}:{lineno}"
    if line is None:
        raise _too_big(item, None, _max_bytes())
    try:
        obj = json.loads(_decode(line))
    except json.JSONDecodeError as err:
        raise InputError(
            f"{item}: not valid JSON ({err.msg} at column {err.colno}); "
            'give one object like {"text": "..."} per line'
        ) from None
    if not isinstance(obj, dict):
        raise InputError(f'{item}: not a JSON object; give one object like {{"text": "..."}}')
    return _article_from_mapping(obj, item)


def _jsonl_items(stream: IO[bytes], name: str, *, first: bytes | None = None) -> Iterator[Loaded]:
    """One item per non-blank line, read lazily; a bad line is an error item."""
    try:
        cap = _max_bytes()
        lines = _nonblank_lines(stream, cap)
        if first is not None:
            lines = _chain_first(first, lines)
        for lineno, line in lines:
            item = f"{name}:{lineno}"
            try:
                yield Loaded(item, _article_from_line(name, lineno, line), None)
            except BriefingError as err:
                yield Loaded(item, None, err)
    except (OSError, EOFError, zlib.error) as err:
        yield Loaded(name, None, InputError(f"{name}: cannot read the file ({err}); check it"))
    finally:
        if stream is not getattr(sys.stdin, "buffer", None):
            stream.close()


def _chain_first(
    first: bytes, rest: Iterator[tuple[int, bytes | None]]
) -> Iterator[tuple[int, bytes | None]]:
    if first.strip():
        yield 1, first
    for lineno, line in rest:
        yield lineno + 1, line


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---`` / ``key: value`` lines / ``---`` at the very top: its fields and the rest."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        if not line.strip() or line.lstrip().startswith("#") or line[0] in " \t-":
            continue  # blank, comment, or a nested YAML value we do not need
        key_value = _FRONT_KEY.match(line)
        if key_value is None:
            return {}, text  # not front matter after all
        value = key_value.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields[key_value.group(1).lower()] = value
    return fields, text[match.end() :]


def _split_title(text: str) -> tuple[str | None, str]:
    """A short first line (or Markdown heading) as the title, and the text without it."""
    lines = text.lstrip("\n").split("\n")
    first = lines[0].strip()
    if not first or len(lines) < 2:
        return None, text
    heading = _HEADING.match(first)
    if len(lines) > 2 and _SETEXT.match(lines[1].strip()) and not heading:
        title, rest = first, lines[2:]
    elif heading or (len(first.split()) <= 15 and not _SENTENCE_END.search(first)):
        title, rest = (heading.group(1) if heading else first), lines[1:]
    else:
        return None, text
    body = "\n".join(rest)
    if not body.strip() or not title.strip():
        return None, text
    return title.strip(), body


def _strip_markdown(text: str) -> str:
    """Plain text from Markdown: heading marks, links, images and bold markers removed."""
    lines = []
    for line in text.split("\n"):
        heading = _HEADING.match(line)
        lines.append(heading.group(1) if heading else line)
    text = "\n".join(lines)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_STRONG.sub(r"\2", text)


def _article_from_text(
    text: str, name: str, *, markdown: bool, url: str | None = None, host: str | None = None
) -> Article:
    """Plain text or Markdown: optional front matter, then an optional title line."""
    fields, body = _split_front_matter(normalize_text(text))
    line_title, rest = _split_title(body)
    title = fields.get("title") or None
    if line_title is not None and (title is None or line_title.casefold() == title.casefold()):
        title, body = title or line_title, rest
    if markdown:
        body = _strip_markdown(body)
        title = _strip_markdown(title) if title else title
    date_key = "published" if "published" in fields else "date"
    return _make_article(
        name,
        body,
        title=title,
        published=_parse_date(fields.get(date_key), name, date_key),
        url=fields.get("url") or url,
        source=fields.get("source") or host,
    )


def _article_from_html(
    html: str, name: str, *, url: str | None = None, host: str | None = None
) -> Article:
    """Body text (paragraphs as blank-line-separated blocks), title and date via trafilatura."""
    if not html.strip():
        raise InputError(f"{name}: the page is empty; give the article's HTML or its text")
    from trafilatura import bare_extraction
    from trafilatura.settings import Document

    try:
        document = bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            favor_precision=True,  # cleaner bodies on news pages, and faster
        )
    except Exception as err:  # trafilatura and lxml raise assorted errors on broken pages
        raise InputError(
            f"{name}: cannot parse the HTML ({type(err).__name__}); save the article as text"
        ) from None
    body = ""
    if not isinstance(document, Document):
        document = Document()
    if document.text:
        lines = (" ".join(line.split()) for line in normalize_text(document.text).split("\n"))
        body = "\n\n".join(line for line in lines if line)
    if not body:
        raise InputError(f"{name}: no article text found in the page; save the article as text")
    body = _drop_title_paragraph(body, document.title)
    published: dt.date | None = None
    if document.date:
        try:
            published = dt.date.fromisoformat(str(document.date)[:10])
        except ValueError:
            published = None
    return _make_article(
        name,
        body,
        title=document.title,
        published=published,
        url=url or document.url,
        source=document.sitename or host,
    )


def _drop_title_paragraph(body: str, title: str | None) -> str:
    """Drop a first paragraph that only repeats the page title (often with a site suffix)."""
    first, _sep, rest = body.partition("\n\n")
    head = first.casefold()
    full = " ".join((title or "").split()).casefold()
    if not rest.strip() or not head or not full:
        return body
    if full == head or (
        full.startswith(head) and full[len(head) :].lstrip()[:1] in ("|", "-", "–", "—")
    ):
        return rest
    return body


def _html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block elements become paragraphs, ``<br>`` a line break."""
    if "<" not in fragment:
        return "\n\n".join(" ".join(p.split()) for p in fragment.split("\n\n") if p.strip())
    from lxml import etree  # type: ignore[import-untyped,unused-ignore]
    from lxml import html as lxml_html  # type: ignore[import-untyped,unused-ignore]

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(re.sub(r"<[^>]*>", " ", fragment).split())
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _SKIP_TAGS or not tag:
                walker.skip_subtree()
                continue
            parts.append("\n" if tag == "br" else "\n\n" if tag in _BLOCK_TAGS else "")
            parts.append(_WHITESPACE.sub(" ", element.text or ""))
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n\n")
            if element.tail and element is not root:
                parts.append(_WHITESPACE.sub(" ", element.tail))
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", "".join(parts)):
        lines = (" ".join(line.split()) for line in block.split("\n"))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


# --- feeds --------------------------------------------------------------------------------


def _feed_items(document: _Document, fetch: bool, fetch_linked: bool) -> Iterator[Loaded]:
    """One item per feed entry; a feed with no entries that did not parse is one error item."""
    import feedparser

    headers = {"content-location": document.url} if document.url else {}
    if document.content_type:
        headers["content-type"] = document.content_type
    try:
        parsed = feedparser.parse(io.BytesIO(document.raw), response_headers=headers)
    except Exception as err:  # feedparser rarely raises, but a bug must not kill a batch
        parsed = None
        problem = f"{type(err).__name__}: {err}"
    entries = list(parsed.entries) if parsed is not None else []
    if not entries:
        if parsed is not None:
            problem = str(parsed.get("bozo_exception", "no <item> or <entry> elements"))
        yield Loaded(
            document.name,
            None,
            InputError(f"{document.name}: not a readable RSS or Atom feed ({problem}); check it"),
        )
        return
    feed_title = _plain(parsed.feed.get("title"), parsed.feed.get("title_detail"))
    for number, entry in enumerate(entries, start=1):
        label = entry.get("link") or _plain(entry.get("title"), None) or ""
        item = label or f"{document.name} entry {number}"
        try:
            article = _article_from_entry(
                entry, document, number, feed_title or document.host, fetch, fetch_linked
            )
            yield Loaded(item, article, None)
        except BriefingError as err:
            yield Loaded(item, None, err)


def _plain(value: object, detail: object) -> str | None:
    """A feed title as plain text (it may be HTML), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    content_type = detail.get("type", "") if isinstance(detail, dict) else ""
    if "html" in content_type or "<" in value:
        value = _html_to_text(value)
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
        return _html_to_text(value)
    return normalize_text(value).strip()


def _entry_date(entry: dict[str, Any]) -> dt.date | dt.datetime | None:
    """The entry's own date with its own UTC offset, else feedparser's parsed UTC time."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            parsed = _feed_date(raw.strip())
            if parsed is not None:
                return parsed
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            year, month, day, hour, minute, second = value[:6]
            return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
    return None


def _feed_date(raw: str) -> dt.date | dt.datetime | None:
    try:
        return email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        if _DATE_ONLY.fullmatch(raw):
            return dt.date.fromisoformat(raw)
        return dt.datetime.fromisoformat(raw)
    except ValueError:
        return None


def _article_from_entry(
    entry: dict[str, Any],
    document: _Document,
    number: int,
    source: str | None,
    fetch: bool,
    fetch_linked: bool,
) -> Article:
    title = _plain(entry.get("title"), entry.get("title_detail"))
    link = entry.get("link") or None
    published = _entry_date(entry)
    text = _entry_text(entry)
    name = f"{document.name} entry {number}"
    if text:
        return _make_article(name, text, title=title, published=published, url=link, source=source)
    label = f" ({title})" if title else ""
    if not link:
        raise InputError(f"{name}{label}: has no text and no link; nothing to brief")
    if not fetch_linked:
        raise InputError(
            f"{name}{label}: has no text; brief its page instead ({link}), "
            "or load the feed with fetch_linked"
        )
    page = _single(_fetch(link, fetch))
    return _make_article(
        link,
        page.text,
        title=title or page.title,
        published=published or page.published,
        url=link,
        source=source or page.source,
    )


# --- URLs ---------------------------------------------------------------------------------


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) URLs."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise InputError(f"{req.full_url}: redirects to {newurl}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    """An opener for http(s) only: no file://, ftp:// or data: handlers at all."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _HttpOnlyRedirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _fetch(url: str, fetch: bool) -> _Document:
    """GET an http(s) URL: 20 s timeout, size cap, Content-Type checked, errors as InputError."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"{url}: only http:// and https:// URLs can be loaded; save it and give the file path"
        )
    if not fetch:
        raise InputError(f"{url}: fetching URLs is disabled; save the page and give its path")
    cap = _max_bytes()
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
    try:
        with _opener().open(request, timeout=FETCH_TIMEOUT) as response:
            headers = response.headers
            header = headers.get("Content-Type")
            content_type = headers.get_content_type() if header else None
            kind = _CONTENT_TYPES.get(content_type, "") if content_type else "sniff"
            if not kind:
                raise InputError(
                    f"{url}: serves {content_type}, not an article page or feed; "
                    "give the URL of an HTML page, text, JSON or an RSS/Atom feed"
                )
            length = headers.get("Content-Length", "")
            if length.isdigit() and int(length) > cap:
                raise _too_big(url, int(length), cap)
            raw = _read_capped(response, url, cap)
            final_url = response.geturl()
    except urllib.error.HTTPError as err:
        raise InputError(
            f"{url}: the server answered {err.code} {err.reason}; check the URL"
        ) from None
    except urllib.error.URLError as err:
        raise InputError(
            f"{url}: cannot fetch it ({err.reason}); check the URL and network"
        ) from None
    except TimeoutError:
        raise InputError(f"{url}: no answer within {FETCH_TIMEOUT:g} s; try again later") from None
    except (OSError, http.client.HTTPException, ValueError) as err:
        raise InputError(f"{url}: cannot fetch it ({err}); check the URL and network") from None
    if kind == "sniff":
        kind = _sniff(raw)
    return _Document(
        url,
        kind,
        raw,
        url=final_url,
        charset=headers.get_content_charset(),
        content_type=header,
    )
