"""Date expressions resolved against a publication date, as a script would call them."""

from __future__ import annotations

import datetime as dt
import re
import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.dates import is_duration, resolve, resolve_date

WEDNESDAY = dt.date(2025, 11, 26)  # anchor for most tests: a Wednesday


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Monday", "2025-11-24"),  # the most recent Monday on or before the anchor
        ("Wednesday", "2025-11-26"),  # the anchor's own weekday is the anchor
        ("Thursday", "2025-11-20"),  # not tomorrow: news reports the past
        ("next Monday", "2025-12-01"),
        ("last Friday", "2025-11-21"),
        ("Thursday morning", "2025-11-20TMO"),
        ("yesterday", "2025-11-25"),
        ("today", "2025-11-26"),
        ("tomorrow", "2025-11-27"),
        ("last week", "2025-W47"),
        ("this week", "2025-W48"),
        ("next week", "2025-W49"),
        ("last month", "2025-10"),
        ("this year", "2025"),
        ("last year", "2024"),
        ("November", "2025-11"),
        ("last November", "2024-11"),
        ("mid-November", "2025-11"),
        ("November 24", "2025-11-24"),
        ("Nov. 24", "2025-11-24"),
        ("24 November", "2025-11-24"),
        ("on the 3rd", "2025-11-03"),
        ("the 30th", "2025-10-30"),  # a day after the anchor's day: last month
        ("the third quarter", "2025-Q3"),
        ("third-quarter", "2025-Q3"),
        ("the first quarter of 2024", "2024-Q1"),
        ("Q3 2025", "2025-Q3"),
        ("the second half", "2025-H2"),
        ("two years ago", "2023"),
        ("11 days ago", "2025-11-15"),
        ("5 p.m.", "2025-11-26T17:00"),
        ("6.10am on Monday", "2025-11-24T06:10"),
        ("February this year", "2025-02"),
        ("June last year", "2024-06"),
    ],
)
def test_relative_expressions_resolve_against_the_anchor(text: str, value: str) -> None:
    assert resolve_date(text, WEDNESDAY) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("November 24 to 27", "2025-11-24/2025-11-27"),
        ("from November 24 to 27", "2025-11-24/2025-11-27"),
        ("24-27 November", "2025-11-24/2025-11-27"),
        ("Nov. 24 to Dec. 2", "2025-11-24/2025-12-02"),
    ],
)
def test_ranges_are_start_slash_end(text: str, value: str) -> None:
    assert resolve_date(text, WEDNESDAY) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2016", "2016"),
        ("in 2016", "2016"),
        ("November 24, 2025", "2025-11-24"),
        ("Nov. 1, 2004", "2004-11-01"),
        ("Monday, Nov. 24, 2025", "2025-11-24"),
        ("February 1947", "1947-02"),
        ("Q3 2025", "2025-Q3"),
        ("the 1990s", "199"),
        ("2010-2015", "2010/2015"),
        ("between 2010 and 2015", "2010/2015"),
        ("Nov. 24-27, 2025", "2025-11-24/2025-11-27"),
        ("nineteen ninety-six", "1996"),
    ],
)
def test_absolute_expressions_need_no_anchor(text: str, value: str) -> None:
    assert resolve_date(text, None) == value
    assert resolve_date(text, WEDNESDAY) == value


@pytest.mark.parametrize(
    "text",
    [
        "Monday",
        "last week",
        "yesterday",
        "November",
        "November 24",
        "November 24 to 27",
        "the third quarter",
        "on the 3rd",
        "two years ago",
        "5 p.m.",
        "this year",
    ],
)
def test_without_an_anchor_a_relative_date_has_no_value(text: str) -> None:
    assert resolve_date(text, None) is None


@pytest.mark.parametrize(
    "text",
    ["three years", "the past year", "a decade", "62-year-old", "62", "recent years", "now"],
)
def test_durations_ages_and_vague_references_are_not_dates(text: str) -> None:
    assert resolve_date(text, WEDNESDAY) is None


def test_duration_detection_keeps_relative_units_apart() -> None:
    assert is_duration("three years")
    assert is_duration("the past week")
    assert not is_duration("last week")
    assert not is_duration("Monday")


def test_future_tense_and_next_look_forward() -> None:
    assert resolve("Monday", WEDNESDAY, tense="future") == "2025-12-01"
    assert resolve("Friday", WEDNESDAY, tense="future") == "2025-11-28"
    assert resolve("Monday", WEDNESDAY, tense="past") == "2025-11-24"


def test_a_month_day_without_year_takes_the_nearest_year() -> None:
    # Seven weeks ahead is nearer than ten months back; ten months ahead is not.
    assert resolve_date("Jan. 14", WEDNESDAY) == "2026-01-14"
    assert resolve_date("Sept. 30", WEDNESDAY) == "2025-09-30"
    assert resolve("Sept. 30", WEDNESDAY, tense="future") == "2026-09-30"


def test_a_datetime_anchor_is_read_as_its_day() -> None:
    anchor = dt.datetime(2025, 11, 26, 23, 59, 59)
    assert resolve_date("yesterday", anchor) == "2025-11-25"


def test_the_dateparser_fallback_works_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert resolve_date("11/24/2025", None) == "2025-11-24"
    assert resolve_date("a fortnight ago", WEDNESDAY) == "2025-W46"  # the week it fell in


_VALUE = re.compile(
    r"^\d{2,4}(?:-(?:\d{2}(?:-\d{2}(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI))?)?|W\d{2}(?:-WE)?|Q\d|H\d|"
    r"SP|SU|FA|WI))?(?:/.+)?$"
)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_gives_none_or_an_iso_value(text: str) -> None:
    value = resolve_date(text, WEDNESDAY)
    assert value is None or _VALUE.match(value), value
    if not re.search(r"\d|nineteen|eighteen|two thousand", text, re.I):
        assert resolve_date(text, None) is None
