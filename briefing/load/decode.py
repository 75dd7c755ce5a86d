"""Bytes to text in one place, and a guess at what kind of input some bytes are."""

from __future__ import annotations

import codecs
import json
import re

_FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf", "channel"}
_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_MARKUP_SKIP = re.compile(r"<\?.*?\?>|<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>", re.DOTALL)
_FIRST_TAG = re.compile(r"<([A-Za-z][\w:.-]*)")
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u0080-\u00bf\u00d7\u00f7](?=[^\W\d_])")
_SAMPLE = 256 * 1024
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"}


def sniff(raw: bytes) -> str:
    """Guess an input's kind from its first bytes: json, jsonl, feed, html or text."""
    head = decode(raw[:4096]).lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        first_line = raw.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)
        if len(first_line) == 2 and first_line[1].strip() and is_json_object(first_line[0]):
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


def is_json_object(line: bytes) -> bool:
    stripped = line.strip().lstrip(b"\xef\xbb\xbf")
    if not stripped.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(decode(stripped)), dict)
    except (ValueError, RecursionError):
        return False


def utf16_without_bom(raw: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when ``raw`` reads as UTF-16 with no BOM, else None.

    Text in a Latin, Greek or Cyrillic script written as UTF-16 has a zero or a constant
    byte in every other position; a few NULs in a UTF-8 file do not.
    """
    head = raw[:4096]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0 : 2 * pairs : 2], head[1 : 2 * pairs : 2]
    if odd.count(0) >= 0.6 * pairs and even.count(0) <= 0.05 * pairs:
        return "utf-16-le"
    if even.count(0) >= 0.6 * pairs and odd.count(0) <= 0.05 * pairs:
        return "utf-16-be"
    return None


def looks_binary(raw: bytes) -> bool:
    """Whether ``raw`` is not text: many control bytes or undecodable bytes at its start."""
    head = raw[:8192]
    if not head:
        return False
    if utf16_without_bom(head) or head.startswith(
        (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        return False
    head = head.replace(b"\x00", b"")  # stray NULs are dropped when decoding
    if not head:
        return False
    control = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
    if control > 0.1 * len(head):
        return True
    text = head.decode("utf-8", "replace")
    if text.count("\ufffd") <= 0.1 * len(text):
        return False
    # not UTF-8: a legacy code page still reads as letters, binary reads as symbols
    legacy = head.decode("cp1252", "replace")
    letters = sum(1 for ch in legacy if ch.isalpha() or ch.isspace())
    return letters < 0.6 * len(legacy)


def decode(raw: bytes, declared: str | None = None) -> str:
    """Bytes to text: BOM, UTF-8, a declared charset, else charset_normalizer; never fails."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].replace(b"\x00", b"").decode("utf-8", "replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", "replace")
    utf16 = utf16_without_bom(raw)
    if utf16 is not None:
        return raw.decode(utf16, "replace")
    raw = raw.replace(b"\x00", b"")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for charset in (declared, _declared_charset(raw)):
        text = _try_decode(raw, charset)
        if text is not None:
            return text
    # the guesses below look at a sample: enough to tell a code page, linear on big files
    head = raw[:_SAMPLE]
    loose = raw.decode("utf-8", "replace")
    sample = head.decode("utf-8", "replace")
    bad = sample.count("\ufffd")
    if 4 * (sum(1 for ch in sample if ord(ch) > 127) - bad) >= bad:
        return loose  # valid multi-byte UTF-8 with a few broken bytes: legacy text has none
    if _western(head) is not None:
        return raw.decode("cp1252", "replace")
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None:
        return loose
    try:
        return raw.decode(best.encoding, "replace")
    except LookupError:
        return str(best) if len(raw) <= _SAMPLE else loose


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
