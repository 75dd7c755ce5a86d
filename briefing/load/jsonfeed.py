"""JSON Feed (https://jsonfeed.org, versions 1 and 1.1), which feedparser does not read: its
items as entries in feedparser's shape, so :mod:`.feeds` treats both kinds alike."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from .decode import decode

_VERSION = "https://jsonfeed.org/version/"


def is_json_feed(raw: bytes) -> bool:
    """Whether ``raw`` is a JSON Feed: an object whose ``version`` is a jsonfeed.org URL."""
    return _feed(raw) is not None


def json_feed(raw: bytes) -> tuple[str | None, list[dict[str, Any]] | None] | None:
    """The feed's title and its items as feedparser-style entries (title, link, content,
    summary, published, updated; an item that is not an object is left out), or None when
    ``raw`` is no JSON Feed. The entries are None when ``items`` is not a list: a feed
    with ``"items": []`` is a readable feed with nothing in it, one without is broken."""
    feed = _feed(raw)
    if feed is None:
        return None
    title, items = feed.get("title"), feed.get("items")
    entries = [_entry(i) for i in items if isinstance(i, dict)] if isinstance(items, list) else None
    return (title if isinstance(title, str) else None), entries


def _feed(raw: bytes) -> dict[str, Any] | None:
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{") or _VERSION.encode() not in raw:  # "version" may come last
        return None
    return _parsed(raw)


@lru_cache(maxsize=1)  # asked twice per JSON Feed: is it one (load), then its items (feeds)
def _parsed(raw: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(decode(raw))
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict) or not str(value.get("version", "")).startswith(_VERSION):
        return None
    return value


def _entry(item: dict[str, Any]) -> dict[str, Any]:
    def text(key: str) -> str | None:
        value = item.get(key)
        return value if isinstance(value, str) and value.strip() else None

    content = []
    if html := text("content_html"):
        content.append({"value": html, "type": "text/html"})
    if plain := text("content_text"):
        content.append({"value": plain, "type": "text/plain"})
    entry: dict[str, Any] = {"content": content}
    for key, value in (
        ("title", text("title")),
        ("link", text("url") or text("external_url")),
        ("summary", text("summary")),
        ("published", text("date_published")),
        ("updated", text("date_modified")),
    ):
        if value is not None:
            entry[key] = value
    if "summary" in entry:
        entry["summary_detail"] = {"type": "text/plain"}
    return entry
