"""Vocabulary and small helpers shared by the date readers: month and weekday names, the
regular-expression pieces for years, days and counts, the noise around an expression, and
the shapes that are not dates at all (durations, ages, vague references)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

Tense = Literal["past", "future"] | None

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
# Number words as counts: one table for the date rules ("fifteen years ago"), durations
# (dates.duration) and the number facts (facts.words.WORD_NUMBERS).
CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
COUNT_WORDS = {"a": 1, "an": 1, **CARDINALS, "a couple": 2, "a couple of": 2, "couple of": 2}
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "final": 4, "last": 4,
}  # fmt: skip
_PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI",
}  # fmt: skip
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
            "winter": ("WI", 12)}  # fmt: skip
# Fixed-date holidays; the movable ones (Thanksgiving, Easter and the days after them) are
# computed in rules.py.
_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "valentine's day": (2, 14), "boxing day": (12, 26), "veterans day": (11, 11),
    "remembrance day": (11, 11), "armistice day": (11, 11), "st patrick's day": (3, 17),
}  # fmt: skip

_MONTH_RE = (
    r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY_RE = (
    r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?"
)
_YEAR_RE = r"(?P<y>1[0-9]{3}|2[01][0-9]{2})"
# a year written out in a text, not part of a longer number ("in 2019", not "120195")
YEAR_WRITTEN = re.compile(r"(?<!\d)(?:1[0-9]{3}|2[01][0-9]{2})(?!\d)")
_DAY_RE = r"(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?"
_UNIT_RE = r"(?:centur(?:y|ies)|decades?|years?|months?|weeks?|days?|hours?|minutes?|seconds?)"
# a count: "3", "2.5", a number with a fraction ("1-1/2", "2 1/2", "1/2": Reuters and AP
# style; "a near 1-1/2 year trade war" on a dev web page was read as the range 1-2 January),
# or a number word
# counts with no one number ("several days", "dozens of years"): the rules match them too
OPEN_COUNTS = frozenset(("several", "few", "a few", "many", "some", "dozens of", "hundreds of",
                         "thousands of"))  # fmt: skip
_COUNT_RE = (
    r"(?:\d+[-\s]\d/\d+|\d/\d+|\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?|"
    + "|".join(sorted((*COUNT_WORDS, "hundred", *OPEN_COUNTS), key=len, reverse=True))
    + ")"
)

_LEADING_NOISE = re.compile(
    r"^(?:(?:at least|at most|no later than|no earlier than|"
    r"on|in|at|by|since|from|until|till|through|during|around|about|of|as of|"
    r"before|after|almost|nearly|just|approximately|roughly|some|sometime|shortly|"
    # a bound on a count ("more than a year ago", "barely a week ago"): TimeML keeps the
    # value and puts the bound in its mod attribute, which a page does not show
    r"more than|less than|fewer than|well over|a little over|a little more than|over|"
    r"under|barely|exactly|only|"
    r"early|late|mid|(?:the )?(?:end|beginning|start|middle|turn) of|"
    r"the early hours of|the small hours of|the wee hours of|the course of|"
    r"earlier|later|the|its|their|as early as|as late as|"
    r"(?:a|an)(?=\s+[a-z]{3}\.?\s+\d|\s+\d))\b[\s-]*)+"
)
# a part of day in an expression's text ("last night", "Thursday morning", "tonight")
_POD_WORDS = re.compile(r"\b(?P<pod>morning|afternoon|evening|night|tonight|overnight)\b")
# "08:30 UTC", "16:00 GMT today": a clock time in universal time (the value ends in Z)
_UTC = re.compile(r"\s*\b(?:utc|gmt)\b(?!\s*[+-]\s*\d)")
# Time zone abbreviations a clock time is given in ("6 p.m. CST Tuesday", "2pm AEDT on
# Friday"): the Americas', Europe's, Asia's and Australasia's standard and summer times
ZONES = frozenset(
    (
        "utc", "gmt", "bst", "ist", "wet", "west", "cet", "cest", "eet", "eest", "msk",
        "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "akst", "akdt", "hst", "ast",
        "adt", "nst", "ndt", "et", "ct", "mt", "pt", "aest", "aedt", "acst", "acdt", "awst",
        "nzst", "nzdt", "jst", "kst", "hkt", "sgt", "pht", "wib",
    )
)  # fmt: skip
_ZONE_RE = r"(?:local time|" + "|".join(sorted(ZONES, key=len, reverse=True)) + ")"
_LEADING_ZONE = re.compile(r"^" + _ZONE_RE + r"\b\s*")
_TRAILING_NOISE = re.compile(r"(?:\s*(?:'s|,|\.|;|:)|\s+" + _ZONE_RE + r")+$")

_DURATION = re.compile(
    rf"^(?:(?:the|a|an)\s+)?(?:(?:past|last|next|previous|coming|first|final|recent|following|"
    rf"few|more than|less than|over|nearly|almost|about|around|some|another|additional)\s+)*"
    # "up to two days", "just 75 days": only before a count ("just last month" is a date)
    rf"(?:(?:up to|at least|at most|just|only|under)\s+(?=(?:{_COUNT_RE})[\s-]))?"
    rf"(?:{_COUNT_RE}[\s-]+)?(?:more\s+|full\s+|straight\s+|consecutive\s+)?"
    rf"(?:and a half\s+)?{_UNIT_RE}"
    rf"(?:[\s-]+(?:old|long|later|earlier|before|after|in a row|running))?$"
)
# "the past year", "the next few days": a stretch of time (TIMEX3 DURATION), not a date.
_SPAN = re.compile(
    rf"^the\s+(?:past|last|next|coming|previous|following|first|final)\s+"
    rf"(?:{_COUNT_RE}\s+)?{_UNIT_RE}$"
)
# Vague references (TIMEX3 PRESENT_REF/PAST_REF/FUTURE_REF) name no date.
_VAGUE = re.compile(
    r"^(?:now|right now|currently|recently|lately|nowadays|these days|at present|today's|"
    r"the present|the past|the future|once|soon|later|earlier|previously|formerly|then|"
    r"at the time|at that time|the time|some time|one day|someday|eventually|in the past|"
    r"in the future|in recent years|the years|the months|the weeks|the days|all day|"
    r"the same day|that day|the night|the next day|"
    r"the previous day|the following day|the day before|the day after|daily|weekly|"
    r"monthly|annually|yearly|each year|every year|a year|a day|a week|a month)$"
)
_AGE = re.compile(r"^\d{1,3}(?:[\s-]+years?)?(?:[\s-]+old)?$|^aged?\s+\d{1,3}$")


def _to_date(anchor: dt.date | dt.datetime | None) -> dt.date | None:
    if anchor is None:
        return None
    if isinstance(anchor, dt.datetime):
        return anchor.date()
    return anchor


def _clean(text: str) -> str:
    s = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    s = re.sub(r"\s+", " ", _UTC.sub("", s.strip().lower()))
    return _TRAILING_NOISE.sub("", s).strip()


def _valid_iso(value: str) -> bool:
    return _valid(value if len(value) == 10 else f"{value}-01")


def _valid(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _strip_noise(s: str) -> str:
    return _LEADING_NOISE.sub("", s).strip()


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _count(word: str) -> float | None:
    word = word.strip()
    if word in COUNT_WORDS:
        return COUNT_WORDS[word]
    try:
        return float(word)
    except ValueError:
        return None


def _weekday_number(word: str) -> int:
    word = word.rstrip(".")
    return WEEKDAYS.get(word, WEEKDAYS.get(word[:3], 0))


def _month_number(word: str) -> int:
    word = word.rstrip(".")
    return MONTHS.get(word, MONTHS.get(word[:3], 0))
