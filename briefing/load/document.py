"""What every loader shares: the in-memory document, the size cap, and the one Article maker."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import urllib.parse
from dataclasses import dataclass

from ..errors import BriefingError, InputError, one_line
from ..models import Article
from ..notes import drop_notes
from ..text import normalize_text

DEFAULT_MAX_BYTES = 20_000_000
STDIN_NAME = "<stdin>"

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}|\d{8}")
_DATE_HINT = (
    "write it as YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS+00:00 or 'Tue, 25 Nov 2025 10:00:00 +0000'"
)


@dataclass(frozen=True, slots=True)
class Loaded:
    """One item of a batch: the name to show the user, and its Article or its error.

    ``input`` is the input given to ``load_many`` that the item came from (a folder, a
    feed, a JSONL file...), so a caller can group items, and problems, per input.
    """

    name: str
    article: Article | None
    error: BriefingError | None
    input: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A whole input held in memory: its bytes, what kind of article file it is, its origin."""

    name: str
    kind: str
    raw: bytes
    url: str | None = None
    charset: str | None = None
    content_type: str | None = None
    #: named as a feed (.rss, .atom, .xml) but an HTML page: an error page where a feed was
    #: expected, unless the page holds an article
    feed_named: bool = False

    @property
    def host(self) -> str | None:
        if not self.url:
            return None
        try:
            return urllib.parse.urlsplit(self.url).hostname
        except ValueError:
            return None


_MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP, DOCX or ODT"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel"),
    (b"\x7fELF", "a program"),
)


def one_line_error(err: BriefingError) -> BriefingError:
    """``err`` with control characters (a file name's newline) escaped: one line always."""
    message = str(err)
    escaped = one_line(message)
    if escaped == message:
        return err
    clean = type(err).__new__(type(err))  # same class and attributes, one-line message
    clean.__dict__.update(err.__dict__)
    clean.args = (escaped,)
    return clean


def binary_error(name: str, raw: bytes) -> InputError | None:
    """An InputError when ``raw`` is a binary file (PDF, image, archive...), else None."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return InputError(
                f"{name}: looks like {what} file, not text; convert it to text or HTML first"
            )
    from .decode import looks_binary

    if looks_binary(raw):
        return InputError(
            f"{name}: looks like a binary file, not text; convert it to text or HTML first"
        )
    return None


def max_bytes(cap: int | None = None) -> int:
    """The size cap per input: ``cap`` when given, else 20 MB.

    The library reads no environment: the CLI passes ``settings.max_bytes`` (from
    ``--max-bytes``, ``BRIEFING_MAX_BYTES`` or the config file) down as ``max_bytes=``.
    """
    if cap is None:
        return DEFAULT_MAX_BYTES
    if isinstance(cap, bool) or not isinstance(cap, int) or cap <= 0:
        raise InputError(f"max_bytes={cap!r} is not a size in bytes; give e.g. 50000000")
    return cap


def human_size(size: int) -> str:
    """A size as a reader writes it: "220 bytes", "25 KB", "31.2 MB" (decimal units)."""
    if size < 1000:
        return f"{size:,} byte{'s' * (size != 1)}"
    for unit, scale in (("KB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        amount = size / scale
        text = f"{amount:.1f}" if amount < 99.95 else f"{amount:.0f}"
        if float(text) < 1000 or unit == "GB":
            return f"{text.removesuffix('.0')} {unit}"
    raise AssertionError("unreachable")


def too_big(name: str, size: int | None, cap: int) -> InputError:
    limit = human_size(cap)
    amount = human_size(size) if size is not None else f"more than {limit}"
    # "20 MB is over the 20 MB limit" says nothing: give the bytes
    if size is not None and amount == limit:
        amount, limit = f"{size:,} bytes", f"{cap:,} bytes"
    fix = "" if name.startswith(("http://", "https://")) else "split the file or "
    return InputError(
        f"{name}: {amount} is over the {limit} limit; {fix}raise the limit "
        "(--max-bytes; max_bytes= in Python)"
    )


def many_error(name: str, what: str) -> InputError:
    return InputError(
        f"{name}: {what} holding several articles; load it with briefing.load_many() "
        f"or `briefing make {name}`"
    )


def make_article(
    name: str,
    text: str,
    *,
    title: str | None = None,
    published: dt.date | dt.datetime | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """The one place Articles are made: normalised text, never empty.

    Notes about the story rather than news (:func:`~.notes.drop_notes`) are left out, and
    a publication stamp among them dates an undated article. ``title`` stays None when the
    input gives none: a title made from the text is the Briefing's (``brief`` calls
    ``make_title``), never the article's, so no stage mistakes the first sentence for a
    headline.
    """
    text = normalize_text(text).strip()
    if not text:
        raise InputError(
            f"{name}: no article text (empty or only whitespace); put the article's text in it"
        )
    text, stamped = drop_notes(text)  # editor's notes, publication stamps, credits
    if published is None:
        published = stamped
    clean_title = " ".join(normalize_text(title).split()) if title else ""
    return Article(
        text,
        title=clean_title or None,
        published=published,
        url=url or None,
        source=" ".join(source.split()) if source else None,
    )


# "Tue, 25 Nov 2025 10:00:00 +0000": RFC 2822, the date of RSS feeds and e-mail, which
# items exported from a feed carry; unambiguous, unlike "25/11/2025"
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")


def parse_date(value: object, name: str, field: str) -> dt.date | dt.datetime | None:
    """An ISO 8601 date (YYYY-MM-DD) or datetime, an RFC 2822 date, or None for an empty
    value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            if _DATE_ONLY.fullmatch(text):
                return dt.date.fromisoformat(text)
            if _RFC2822.match(text):
                return email.utils.parsedate_to_datetime(text)
            return dt.datetime.fromisoformat(text)
        except (ValueError, TypeError):
            pass
    raise InputError(f'{name}: "{field}" is {value!r}, not an ISO date; {_DATE_HINT}')
