"""An Article refuses wrong types at once, with a BriefingError that names the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from briefing import Article, BriefingError


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": None}, "text"),
        ({"text": 5}, "text"),
        ({"text": b"bytes"}, "text"),
        ({"text": "ok", "title": 5}, "title"),
        ({"text": "ok", "url": ["x"]}, "url"),
        ({"text": "ok", "source": 1.5}, "source"),
        ({"text": "ok", "published": "28/11/2025"}, "published"),
        ({"text": "ok", "published": 20251128}, "published"),
        ({"text": "ok", "published": dt.date(1, 1, 1)}, "published"),
        ({"text": "ok", "published": dt.date(9999, 12, 31)}, "published"),
    ],
)
def test_wrong_fields_raise_an_error_naming_them(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(BriefingError, match=f"Article {field}"):
        Article(**kwargs)


def test_good_articles_are_accepted_and_round_trip() -> None:
    a = Article(
        "Text.", title="T", published=dt.datetime(2025, 11, 28, 9, 30), url="https://x.org/a",
        source="X", language="en",
    )  # fmt: skip
    assert a.to_dict()["published"] == "2025-11-28T09:30:00"
    assert a.to_dict()["language"] == "en"
    assert Article("", title="A headline only").text == ""


def test_published_may_be_an_iso_string_as_extract_facts_takes_it() -> None:
    # the field holds a date; an untyped caller's ISO string is read into one
    day = Article("ok", published="2025-11-28")  # type: ignore[arg-type]
    assert day.published == dt.date(2025, 11, 28)
    stamp = Article("ok", published="2025-11-28T09:30:00Z").published  # type: ignore[arg-type]
    assert stamp == dt.datetime(2025, 11, 28, 9, 30, tzinfo=dt.UTC)
    assert day.to_dict()["published"] == "2025-11-28"
