"""Date and time expressions resolved against the publication date, as TIMEX3-style values.

A value is ISO 8601 at the precision the text gives, as in TimeML's TIMEX3 ``value``:
``2025`` (year), ``199`` (decade), ``2025-11`` (month), ``2025-11-24`` (day), ``2025-W47``
(ISO week), ``2025-W47-WE`` (weekend), ``2025-Q3`` (quarter), ``2025-H1`` (half year),
``2025-SU`` (season), ``2025-11-24T17:00`` (clock time), ``2025-11-24TMO`` (part of day:
MO, AF, EV, NI), and ``start/end`` for an explicit range ("November 24 to 27").

A relative expression ("Monday", "last week", "November 24") needs an anchor, the
article's publication date; without one its value is None, never a guess from today.
Absolute expressions ("November 24, 2025", "2016") resolve without an anchor. Durations
("three years", "the past decade") and ages are not dates: their value is None.

Common news patterns are read here with small regular expressions; anything else goes to
dateparser with ``RELATIVE_BASE`` = the anchor, ``PREFER_DATES_FROM`` = "past" (news
reports what happened), ``RETURN_AS_TIMEZONE_AWARE`` = False, English only (so no
language detection and nothing is ever downloaded).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any, Literal

__all__ = ["Tense", "is_duration", "resolve", "resolve_date"]

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
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
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
# Fixed-date holidays; Thanksgiving (4th Thursday of November) is computed.
_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "valentine's day": (2, 14), "boxing day": (12, 26),
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
_DAY_RE = r"(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?"
_UNIT_RE = r"(?:centur(?:y|ies)|decades?|years?|months?|weeks?|days?|hours?|minutes?|seconds?)"
_COUNT_RE = (
    r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|twenty|thirty|forty|fifty|hundred|several|few|a few|many|couple of|a couple of|"
    r"some|dozens of|hundreds of|thousands of)"
)

_LEADING_NOISE = re.compile(
    r"^(?:(?:on|in|at|by|since|from|until|till|through|during|around|about|of|as of|"
    r"before|after|almost|nearly|just|approximately|roughly|some|sometime|shortly|"
    r"early|late|mid|(?:the )?(?:end|beginning|start|middle|turn) of|"
    r"the early hours of|the small hours of|the wee hours of|the course of|"
    r"earlier|later|the|as early as|as late as|(?:a|an)(?=\s+[a-z]{3}\.?\s+\d|\s+\d))\b[\s-]*)+"
)
_TRAILING_NOISE = re.compile(r"(?:\s*(?:'s|,|\.|;|:)|\s+(?:local time|gmt|utc|[ecmp][sd]t))+$")

_DURATION = re.compile(
    rf"^(?:(?:the|a|an)\s+)?(?:(?:past|last|next|previous|coming|first|final|recent|following|"
    rf"few|more than|less than|over|nearly|almost|about|around|some|another|additional)\s+)*"
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
    r"the same day|that day|the day|the night|the next day|"
    r"the previous day|the following day|the day before|the day after|daily|weekly|"
    r"monthly|annually|yearly|each year|every year|a year|a day|a week|a month)$"
)
_AGE = re.compile(r"^\d{1,3}(?:[\s-]+years?)?(?:[\s-]+old)?$|^aged?\s+\d{1,3}$")


def resolve_date(text: str, anchor: dt.date | dt.datetime | None) -> str | None:
    """The TIMEX3-style ISO value of the date expression ``text``, anchored at ``anchor``.

    ``anchor`` is the publication date; relative expressions ("Monday", "last week",
    "November 24") resolve against it, and without it they return None rather than a guess.
    Absolute expressions ("November 24, 2025", "2016") resolve without an anchor. Durations
    and unreadable text return None. Weekdays and month names refer to the most recent
    such day or month on or before the anchor unless the text says "next"/"coming".
    """
    return resolve(text, anchor)


def resolve(text: str, anchor: dt.date | dt.datetime | None, *, tense: Tense = None) -> str | None:
    """Like :func:`resolve_date`, with a tense hint from the sentence ("future" for "will")."""
    return _resolve_cached(text, _to_date(anchor), tense)


def is_duration(text: str) -> bool:
    """Whether ``text`` is a duration or an age ("three years", "the past week", "62")."""
    s = _clean(text)
    return bool(_DURATION.match(s) or _AGE.match(s)) and not _RELATIVE_UNIT.match(s)


def _to_date(anchor: dt.date | dt.datetime | None) -> dt.date | None:
    if anchor is None:
        return None
    if isinstance(anchor, dt.datetime):
        return anchor.date()
    return anchor


def _clean(text: str) -> str:
    s = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    s = re.sub(r"\s+", " ", s.strip().lower())
    return _TRAILING_NOISE.sub("", s).strip()


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, base: dt.date | None, tense: Tense) -> str | None:
    s = _clean(text)
    if not s or len(s) > 80:
        return None
    if _IN_N.match(s):
        return _read_ago(s, base, tense)[1]
    if _SPAN.match(s) or _VAGUE.match(s):
        return None
    spelled = _spelled_year(_strip_noise(s))
    if spelled is not None:
        return spelled
    ranged = _range(s, base, tense)
    if ranged is not None:
        return ranged
    return _single(s, base, tense)


# --- ranges --------------------------------------------------------------------------------

# A dash splits only between numbers or with spaces around it ("24-27", "Monday - Friday"),
# so "year-earlier" is not a range.
_RANGE_SPLIT = re.compile(
    r"^(?:from |between )?(?P<a>.+?)"
    r"(?:(?<=\d)\s*-\s*|\s*-\s*(?=\d)|\s+-\s+|\s*\bto\b|\bthrough\b|\buntil\b|\btill\b|\band\b)"
    r"\s*(?P<b>.+)$"
)
_BARE_DAY = re.compile(r"^(?:the )?" + _DAY_RE + "$")
_BARE_YEAR2 = re.compile(r"^'?(?P<yy>[0-9]{2})$")


def _range(s: str, base: dt.date | None, tense: Tense) -> str | None:
    """``start/end`` for "November 24 to 27", "24-27 November", "2010-2015", "Monday to
    Wednesday"; None when ``s`` is not a range or either end does not resolve."""
    if _ISO.match(s) and _valid_iso(s):
        return None
    m = _RANGE_SPLIT.match(s)
    if m is None or (" and " in s and not s.startswith("between ")):
        return None  # "Monday and Tuesday" is a list, not a range
    left, right = _strip_noise(m["a"]), _strip_noise(m["b"])
    year = re.search(_YEAR_RE + "$", right)
    if year is not None and re.search(_YEAR_RE, left) is None and not _BARE_DAY.match(left):
        left = f"{left} {year['y']}"  # "Nov. 24-27, 2025": the start shares the year
    start = _single(left, base, tense)
    right_day = re.sub(r",?\s*" + _YEAR_RE + "$", "", right)
    end = _complete_end(right_day, start) if start and _BARE_DAY.match(right_day) else None
    end = end or _single(right, base, tense)
    if start is None:
        bare = _BARE_DAY.match(left)
        if bare is None or end is None or len(end) != 10:
            return None
        start = f"{end[:8]}{int(bare['d']):02d}"
        if not _valid(start):
            return None
    if end is None:
        end = _complete_end(right_day, start)
    if end is None or end < start:
        return None
    return f"{start}/{end}"


def _complete_end(right: str, start: str) -> str | None:
    """The end of a range that inherits the year/month of its start ("to 27", "-15")."""
    bare = _BARE_DAY.match(right)
    if bare is not None and len(start) == 10:
        end = f"{start[:8]}{int(bare['d']):02d}"
        return end if _valid(end) else None
    yy = _BARE_YEAR2.match(right)
    if yy is not None and len(start) == 4:
        return f"{start[:2]}{yy['yy']}"
    m = re.fullmatch(_MONTH_RE.format(g="m") + r"\s+" + _DAY_RE, right)
    if m is not None and len(start) == 10:
        end = f"{start[:4]}-{MONTHS[m['m'][:3] if m['m'][:4] != 'sept' else 'sept']:02d}-"
        end += f"{int(m['d']):02d}"
        return end if _valid(end) else None
    return None


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


# --- single expressions --------------------------------------------------------------------

_ISO = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_DECADE = re.compile(r"^(?P<c>1[0-9]{2}|20[0-9])0'?s$")
_DECADE_SHORT = re.compile(r"^'(?P<d>[0-9])0s$")
_YEAR = re.compile(r"^(?:(?:fiscal|calendar|the year|year|fy)\s*)?" + _YEAR_RE + r"(?:'s)?$")
_QUARTER = re.compile(
    r"^(?:(?:fiscal|calendar)[\s-]+)?(?P<n>first|second|third|fourth|final|1st|2nd|3rd|4th)"
    r"[\s-]+(?:(?:fiscal|calendar)[\s-]+)?quarter(?:\s+of)?(?:\s+(?:fiscal\s+)?(?P<rest>.+))?$"
)
_QUARTER_YEAR_FIRST = re.compile(
    r"^(?P<rest>this year|last year|next year|" + _YEAR_RE + r")(?:'s)?\s+(?:fiscal\s+)?"
    r"(?P<n>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter$"
)
_Q = re.compile(
    r"^q(?P<n>[1-4])(?:\s*(?:of\s+)?'?(?P<y>\d{4}|\d{2}))?$|^(?P<y2>\d{4})\s*q(?P<n2>[1-4])$"
)
_REL_QUARTER = re.compile(
    r"^(?P<rel>last|this|next|previous|current|coming|past|latest|most recent|recent|"
    r"(?:just|recently)[\s-]+(?:ended|completed)) (?:fiscal |calendar )?quarter$"
)
# "the year", "the fiscal year": the anchor's year, as in "sales for the year"
_THE_YEAR = re.compile(r"^(?:full|current|fiscal|calendar|full fiscal|present) ?year$|^year$")
_HALF = re.compile(r"^(?P<n>first|second|1st|2nd|latter) half(?:\s+of)?(?:\s+(?P<rest>.+))?$")
_RELATIVE_UNIT = re.compile(
    r"^(?:(?P<rel>last|this|next|previous|current|coming|past|earlier this|later this|"
    r"this past|this coming)\s+(?P<unit>week|weekend|month|year|decade|century)|"
    r"(?P<bare>weekend))$"
)
_AGO = re.compile(
    rf"^(?P<n>{_COUNT_RE})\s+(?P<unit>years?|months?|fortnights?|weeks?|days?|decades?)\s+"
    r"(?P<dir>ago|from now|hence|earlier than now)$"
)
_IN_N = re.compile(rf"^in\s+(?P<n>{_COUNT_RE})\s+(?P<unit>years?|months?|weeks?|days?)$")
_DAY_WORDS = re.compile(
    r"^(?P<w>today|tonight|yesterday|tomorrow|(?:the )?day before yesterday|"
    r"(?:the )?day after tomorrow|"
    r"last night|this morning|this afternoon|this evening|overnight)"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night))?$"
)
_WEEKDAY = re.compile(
    r"^(?:(?P<rel>last|next|this|coming|past|this past|this coming|previous)\s+)?"
    + _WEEKDAY_RE
    + r"(?:\s+(?P<pod>morning|afternoon|evening|night))?$"
)
_MONTH_DAY = re.compile(
    r"^(?:(?P<rel>last|next|this|coming|past)\s+)?(?:" + _WEEKDAY_RE + r",?\s+)?"
    + _MONTH_RE.format(g="m") + r"\s+" + _DAY_RE
    + r"(?:,?\s+" + _YEAR_RE + r")?$"
)  # fmt: skip
_DAY_MONTH = re.compile(
    r"^(?:" + _WEEKDAY_RE + r",?\s+)?(?:the\s+)?" + _DAY_RE + r"(?:\s+of)?\s+"
    + _MONTH_RE.format(g="m") + r"(?:,?\s+" + _YEAR_RE + r")?$"
)  # fmt: skip
_MONTH = re.compile(
    r"^(?:(?P<rel>last|next|this|coming|past|this past|previous|the month of)\s+)?"
    + _MONTH_RE.format(g="m") + r"(?:,?\s+(?:of\s+)?" + _YEAR_RE + r")?$"
)  # fmt: skip
_ORDINAL_DAY = re.compile(r"^(?:the\s+)?(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)(?:\s+of the month)?$")
_SEASON = re.compile(
    r"^(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<s>spring|summer|autumn|fall|winter)"
    r"(?:\s+(?:of\s+)?" + _YEAR_RE + r")?$"
)
_HOLIDAY = re.compile(
    r"^(?P<h>christmas(?: day| eve)?|new year's (?:day|eve)|halloween|valentine's day|"
    r"boxing day|thanksgiving(?: day)?)(?:,?\s+" + _YEAR_RE + r")?$"
)
_CLOCK = re.compile(
    r"(?:(?P<h>[0-2]?[0-9])(?:[:.](?P<mi>[0-5][0-9]))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?)"
    r"|(?P<h24>[0-2][0-9])[:.](?P<mi24>[0-5][0-9])|\b(?P<noon>noon|midday|midnight)\b)"
)


def _single(s: str, base: dt.date | None, tense: Tense) -> str | None:
    s = _strip_noise(s)
    if not s:
        return None
    if _THE_YEAR.match(s):
        return str(base.year) if base else None
    if _THE_QUARTER.match(s):
        return _the_quarter(base)
    spelled = _spelled_year(s)
    if spelled is not None:
        return spelled
    if _RELATIVE_UNIT.match(s) is None and (_DURATION.match(s) or _AGE.match(s)):
        return None
    if _ISO.match(s) and _valid_iso(s):
        return s
    for reader in _READERS:
        matched, value = reader(s, base, tense)
        if matched:
            return value
    for rewrite in _REWRITES:
        found, value = rewrite(s, base, tense)
        if found:
            return value
    return _with_clock(s, base, tense)


_YEAR_TAIL = re.compile(r"^(?P<head>.+?),?\s+(?P<rel>this|last|next) year$")
_ENDED = re.compile(r"^.+?\s+(?:ended|ending|ends|through)\s+(?P<tail>.+)$")
_OF_TAIL = re.compile(r"^.+?\s+of\s+(?P<tail>(?:this|last|next) year|" + _YEAR_RE + r")$")
_LIST = re.compile(r"^(?P<first>[^,]+?)(?:,\s*|\s+and\s+|\s+or\s+)(?P<rest>.+)$")


def _rewrite_year_tail(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    """ "February this year", "June last year": the head with the named year."""
    m = _YEAR_TAIL.match(s)
    if m is None or not (_MONTH.match(m["head"]) or _MONTH_DAY.match(m["head"])):
        return False, None
    if base is None:
        return True, None
    year = base.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
    return True, _single(f"{m['head']} {year}", base, tense)


def _rewrite_ended(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    """ "the quarter ended Sept. 30": the end date is the one the text names."""
    m = _ENDED.match(s)
    if m is None:
        return False, None
    value = _single(m["tail"], base, "past" if tense is None else tense)
    return value is not None, value


def _rewrite_of_tail(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    """ "the first nine months of 1997": the year that is named."""
    m = _OF_TAIL.match(s)
    if m is None:
        return False, None
    value = _single(m["tail"], base, tense)
    return value is not None, value


def _rewrite_list(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    """ "April 24 and 25", "Monday or Tuesday": the first item."""
    m = _LIST.match(s)
    if m is None:
        return False, None
    value = _single(m["first"], base, tense)
    return value is not None, value


def _rewrite_part_of_day(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    """ "mid-afternoon yesterday", "the morning": a day plus TIMEX3's MO/AF/EV/NI."""
    m = _POD.search(s)
    if m is None:
        return False, None
    rest = _strip_noise(re.sub(r"\s+", " ", s[: m.start()] + " " + s[m.end() :]).strip())
    rest = re.sub(r"^(?:of|on|,)\s*|\s*(?:of|on|,)$", "", rest).strip()
    day = _single(rest, base, tense) if rest else (base.isoformat() if base else None)
    if day is None or len(day) != 10:
        return not rest, None
    return True, f"{day}T{_PARTS_OF_DAY[m['pod']]}"


_POD = re.compile(r"\b(?:early |late |mid[- ]?)?(?P<pod>morning|afternoon|evening|night)\b")


_THE_QUARTER = re.compile(r"^(?:fiscal |calendar )?quarter$")


def _the_quarter(base: dt.date | None) -> str | None:
    """ "the quarter": in the first half of a quarter news still reports on the one that
    just ended; later it is the current one."""
    if base is None:
        return None
    q = (base.month - 1) // 3
    first_day = dt.date(base.year, 3 * q + 1, 1)
    if (base - first_day).days < 45:
        q -= 1
    return f"{base.year + q // 4}-Q{q % 4 + 1}"


_SPELLED_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                 "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                 "twenty": 20}  # fmt: skip
_SPELLED_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                  "eight": 8, "nine": 9}  # fmt: skip
_SPELLED_DECADES = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                    "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip
_SPELLED_YEAR = re.compile(
    r"^(?:(?P<month>[a-z]+)\s+)?(?:(?:the\s+)?year\s+)?(?:(?P<hi>nineteen|eighteen|twenty)\s+"
    r"(?P<lo>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen)|two thousand(?:\s+(?:and\s+)?(?P<unit>one|two|three|four|"
    r"five|six|seven|eight|nine|ten))?)$"
)


def _spelled_year(s: str) -> str | None:
    """Years said in words, as in broadcast transcripts: "nineteen ninety-six" -> 1996."""
    m = _SPELLED_YEAR.match(s)
    if m is None or (m["month"] and _month_number(m["month"]) == 0):
        return None
    if m["hi"]:
        lo_words = re.split(r"[\s-]", m["lo"])
        lo = _SPELLED_DECADES.get(lo_words[0]) or _SPELLED_TENS.get(lo_words[0], 0)
        lo += _SPELLED_UNITS.get(lo_words[1], 0) if len(lo_words) > 1 else 0
        year = _SPELLED_TENS[m["hi"]] * 100 + lo
    else:
        year = 2000 + (_SPELLED_UNITS.get(m["unit"] or "", 0) or (10 if m["unit"] == "ten" else 0))
    if m["month"]:
        return f"{year}-{_month_number(m['month']):02d}"
    return str(year)


def _read_year(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _YEAR.match(s)
    if m:
        return True, m["y"]
    m = _DECADE.match(s)
    if m:
        return True, m["c"]
    m = _DECADE_SHORT.match(s)
    if m:
        if base is None:
            return True, None
        century = base.year // 100
        if century * 100 + int(m["d"]) * 10 > base.year:
            century -= 1
        return True, f"{century}{m['d']}"
    return False, None


_CENTURY = re.compile(r"^(?P<n>[0-9]{1,2})(?:st|nd|rd|th)[\s-]+century$")


def _read_century(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _CENTURY.match(s)
    if not m or not 1 <= int(m["n"]) <= 22:
        return False, None
    return True, f"{int(m['n']) - 1:02d}"


def _year_of(rest: str | None, base: dt.date | None) -> tuple[bool, int | None]:
    """The year named by a tail like "2025", "this year", "last year" (found?, year)."""
    if rest is None:
        return False, None
    rest = rest.strip()
    m = re.fullmatch(_YEAR_RE, rest)
    if m:
        return True, int(m["y"])
    rel = {"this year": 0, "the year": 0, "last year": -1, "next year": 1, "the current year": 0}
    if rest in rel:
        return True, (base.year + rel[rest]) if base else None
    return True, None  # a tail we cannot read: the expression is not resolved


def _read_quarter(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _QUARTER.match(s) or _QUARTER_YEAR_FIRST.match(s)
    if m:
        n = _ORDINALS[m["n"]]
        named, year = _year_of(m.groupdict().get("rest"), base)
        if not named:
            if base is None:
                return True, None
            # the most recent such quarter (the current one included); quarters are
            # reported after the fact, so the tense of the sentence says little
            current = (base.month - 1) // 3 + 1
            year = base.year - (n > current)
        return True, (f"{year}-Q{n}" if year else None)
    m = _Q.match(s)
    if m:
        n = int(m["n"] or m["n2"])
        y = m["y"] or m["y2"]
        if y is None:
            if base is None:
                return True, None
            current = (base.month - 1) // 3 + 1
            return True, f"{base.year - (n > current)}-Q{n}"
        year = int(y) if len(y) == 4 else 2000 + int(y)
        return True, f"{year}-Q{n}"
    m = _REL_QUARTER.match(s)
    if m:
        if base is None:
            return True, None
        rel = "last" if m["rel"] not in ("this", "current", "next", "coming") else m["rel"]
        q = (base.month - 1) // 3 + {"last": -1, "next": 1, "coming": 1}.get(rel, 0)
        return True, f"{base.year + q // 4}-Q{q % 4 + 1}"
    m = _HALF.match(s)
    if m:
        n = 1 if m["n"] in ("first", "1st") else 2
        named, year = _year_of(m["rest"], base)
        if not named:
            if base is None:
                return True, None
            year = base.year - (n == 2 and base.month <= 6 and tense != "future")
        return True, (f"{year}-H{n}" if year else None)
    return False, None


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _read_relative_unit(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _RELATIVE_UNIT.match(s)
    if not m:
        return False, None
    if base is None:
        return True, None
    if m["bare"]:  # "the weekend": the last one, or the next one in a future sentence
        rel, unit = ("next" if tense == "future" else "last"), "weekend"
        if base.weekday() >= 5:
            rel = "this"
    else:
        rel, unit = m["rel"], m["unit"]
    step = {"last": -1, "previous": -1, "past": -1, "this past": -1, "next": 1, "coming": 1,
            "this coming": 1}.get(rel, 0)  # fmt: skip
    if unit == "week":
        return True, _iso_week(base + dt.timedelta(weeks=step))
    if unit == "weekend":
        # The weekend of the anchor's ISO week; "last" is the one before, "next" the one after
        # (from a weekend day, "last weekend" is the previous week's).
        saturday = base + dt.timedelta(days=5 - base.weekday())
        if step < 0 or (step == 0 and base.weekday() < 4 and tense == "past"):
            saturday -= dt.timedelta(weeks=1)
        elif step > 0 and base.weekday() >= 5:
            saturday += dt.timedelta(weeks=1)
        return True, _iso_week(saturday) + "-WE"
    if unit == "month":
        month = base.month - 1 + step
        return True, f"{base.year + month // 12}-{month % 12 + 1:02d}"
    if unit == "year":
        return True, str(base.year + step)
    if unit == "decade":
        return True, str(base.year // 10 + step)
    return True, str(base.year // 100 + step)


def _count(word: str) -> float | None:
    word = word.strip()
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    try:
        return float(word)
    except ValueError:
        return None


def _read_ago(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _AGO.match(s) or _IN_N.match(s)
    if not m:
        return False, None
    n = _count(m["n"])
    if base is None or n is None:
        return True, None
    sign = -1 if m.groupdict().get("dir") in ("ago", "earlier than now") else 1
    unit = m["unit"].rstrip("s")
    if unit == "fortnight":
        unit, n = "week", n * 2
    if unit == "year":
        return True, str(base.year + sign * int(n))
    if unit == "decade":
        return True, str(base.year // 10 + sign * int(n))
    if unit == "month":
        month = base.month - 1 + sign * int(n)
        return True, f"{base.year + month // 12}-{month % 12 + 1:02d}"
    if unit == "week":
        return True, _iso_week(base + dt.timedelta(weeks=sign * n))
    return True, (base + dt.timedelta(days=sign * n)).isoformat()


def _read_day_words(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _DAY_WORDS.match(s)
    if not m:
        return False, None
    if base is None:
        return True, None
    word = m["w"]
    offsets = {"yesterday": -1, "tomorrow": 1, "day before yesterday": -2,
               "day after tomorrow": 2, "last night": -1}  # fmt: skip
    day = (base + dt.timedelta(days=offsets.get(word.removeprefix("the "), 0))).isoformat()
    pod = m["pod"] or word.split()[-1]
    if pod in _PARTS_OF_DAY:
        return True, f"{day}T{_PARTS_OF_DAY[pod]}"
    return True, day


def _weekday_date(target: int, base: dt.date, rel: str | None, tense: Tense) -> dt.date:
    back = (base.weekday() - target) % 7
    forward = (target - base.weekday()) % 7
    if rel in ("next", "coming", "this coming"):
        return base + dt.timedelta(days=forward or 7)
    if rel in ("last", "past", "this past", "previous"):
        return base - dt.timedelta(days=back or 7)
    if rel == "this":
        return base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=target)
    if tense == "future":
        return base + dt.timedelta(days=forward)
    return base - dt.timedelta(days=back)


def _read_weekday(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _WEEKDAY.match(s)
    if not m:
        return False, None
    if base is None:
        return True, None
    day = _weekday_date(_weekday_number(m["wd"]), base, m["rel"], tense).isoformat()
    if m["pod"]:
        return True, f"{day}T{_PARTS_OF_DAY[m['pod']]}"
    return True, day


def _weekday_number(word: str) -> int:
    word = word.rstrip(".")
    return WEEKDAYS.get(word, WEEKDAYS.get(word[:3], 0))


def _month_number(word: str) -> int:
    word = word.rstrip(".")
    return MONTHS.get(word, MONTHS.get(word[:3], 0))


def _closest_year(month: int, day: int, base: dt.date, tense: Tense) -> int | None:
    """The year putting month/day nearest the anchor: the next one when the sentence is in
    the future tense, else the nearer of the two (a future date only when it is at most two
    thirds as far as the past one, since news mostly reports the past). A past-tense verb is
    no proof: "said it will pay on Dec. 15" often attaches the date to "said"."""
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    past = [c for c in candidates if c <= base]
    future = [c for c in candidates if c > base]
    if tense == "future" and future:
        return min(future).year
    if past and future:
        back, ahead = (base - max(past)).days, (min(future) - base).days
        return min(future).year if ahead * 1.5 < back else max(past).year
    return (past or future)[0].year


def _read_month_day(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _MONTH_DAY.match(s) or _DAY_MONTH.match(s)
    if not m:
        return False, None
    month, day = _month_number(m["m"]), int(m["d"])
    if not 1 <= day <= 31:
        return True, None
    if m["y"]:
        value = f"{m['y']}-{month:02d}-{day:02d}"
        return True, value if _valid(value) else None
    if base is None:
        return True, None
    rel = m.groupdict().get("rel")
    if rel in ("last", "past"):
        tense = "past"
    elif rel in ("next", "coming"):
        tense = "future"
    year = _closest_year(month, day, base, tense)
    return True, (f"{year}-{month:02d}-{day:02d}" if year else None)


def _read_month(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _MONTH.match(s)
    if not m:
        return False, None
    month = _month_number(m["m"])
    if m["y"]:
        return True, f"{m['y']}-{month:02d}"
    if base is None:
        return True, None
    rel = None if m["rel"] == "the month of" else m["rel"]
    if rel == "this" or (rel is None and month == base.month):
        year = base.year
    elif rel in ("next", "coming"):
        year = base.year + (month <= base.month)
    elif rel in ("last", "past", "this past", "previous"):
        year = base.year - (month >= base.month)
    else:
        year = _closest_year(month, 15, base, tense) or base.year
    return True, f"{year}-{month:02d}"


def _read_ordinal_day(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _ORDINAL_DAY.match(s)
    if not m:
        return False, None
    day = int(m["d"])
    if base is None or not 1 <= day <= 31:
        return True, None
    year, month = base.year, base.month
    if day > base.day and tense != "future":
        month -= 1
    elif day < base.day and tense == "future":
        month += 1
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    value = f"{year}-{month:02d}-{day:02d}"
    return True, value if _valid(value) else None


def _read_season(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _SEASON.match(s)
    if not m:
        return False, None
    code, start = _SEASONS[m["s"]]
    if m["y"]:
        return True, f"{m['y']}-{code}"
    if base is None:
        return True, None
    rel = m["rel"]
    year = base.year
    if rel in ("last", "past"):
        year -= start > base.month - 2
    elif rel in ("next", "coming"):
        year += start <= base.month
    return True, f"{year}-{code}"


def _read_holiday(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _HOLIDAY.match(s)
    if not m:
        return False, None
    name = m["h"]
    if m["y"] is None and base is None:
        return True, None

    def on(year: int) -> dt.date:
        if name.startswith("thanksgiving"):
            first = dt.date(year, 11, 1)
            return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
        return dt.date(year, *_HOLIDAYS[name])

    if m["y"]:
        return True, on(int(m["y"])).isoformat()
    assert base is not None
    day = on(base.year)
    year = _closest_year(day.month, day.day, base, tense)
    return True, on(year or base.year).isoformat()


def _with_clock(s: str, base: dt.date | None, tense: Tense) -> str | None:
    """A clock time, alone ("5 p.m.": the anchor's day) or with a day ("6.10am on Wednesday");
    otherwise dateparser's reading."""
    m = _CLOCK.search(s)
    if m is None:
        return _dateparser(s, base, tense)
    if m["noon"]:
        hour, minute = (0, 0) if m["noon"] == "midnight" else (12, 0)
    elif m["h24"]:
        hour, minute = int(m["h24"]), int(m["mi24"])
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        if hour > 12:
            return None
        pm = m["ap"].startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    if hour > 23:
        return None
    rest = _strip_noise(re.sub(r"\s+", " ", (s[: m.start()] + " " + s[m.end() :]).strip()))
    rest = re.sub(r"^(?:on|of|in|at|,)\s*|\s*(?:on|of|,)$", "", rest).strip()
    day = _single(rest, base, tense) if rest else (base.isoformat() if base else None)
    if day is None or len(day) != 10:
        return None
    return f"{day}T{hour:02d}:{minute:02d}"


_REWRITES = (
    _rewrite_year_tail,
    _rewrite_ended,
    _rewrite_of_tail,
    _rewrite_list,
    _rewrite_part_of_day,
)

_READERS = (
    _read_year,
    _read_century,
    _read_quarter,
    _read_relative_unit,
    _read_ago,
    _read_day_words,
    _read_weekday,
    _read_month_day,
    _read_month,
    _read_ordinal_day,
    _read_season,
    _read_holiday,
)


# --- dateparser fallback -------------------------------------------------------------------

_FALLBACK_ANCHOR = dt.datetime(2000, 6, 15)  # only fills parts an absolute date names itself


@lru_cache(maxsize=64)
def _parser(base: dt.date | None, prefer: str) -> Any:
    from dateparser.date import DateDataParser

    anchor = dt.datetime.combine(base, dt.time()) if base else _FALLBACK_ANCHOR
    settings = {
        "RELATIVE_BASE": anchor,
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "RETURN_TIME_AS_PERIOD": True,
        "TIMEZONE": "UTC",
        "PREFER_DAY_OF_MONTH": "first",
        "PARSERS": ["relative-time", "absolute-time"],
        "STRICT_PARSING": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


# dateparser is only asked about text that names a month or weekday or writes a date in
# digits ("11/24/2025"); on anything else it mostly finds nothing, slowly, or a wrong date.
_DATEPARSER_GATE = re.compile(
    r"\b(?:" + "|".join(sorted(set(MONTHS) | set(WEEKDAYS), key=len, reverse=True)) + r")\b"
    r"|\b\d{1,4}[/.]\d{1,2}(?:[/.]\d{2,4})?\b"
)


def _dateparser(s: str, base: dt.date | None, tense: Tense) -> str | None:
    if _DATEPARSER_GATE.search(s) is None:
        return None
    try:
        data = _parser(base, "future" if tense == "future" else "past").get_date_data(s)
    except (ValueError, OverflowError, TypeError):
        return None
    when: dt.datetime | None = data.date_obj
    if when is None:
        return None
    parts = tuple(getattr(data, "parts", ()) or ())
    period = data.period or "day"
    if base is None:
        # Without an anchor only what the text itself names: an explicit 4-digit year.
        year = re.search(_YEAR_RE, s)
        if "year" not in parts or year is None or int(year["y"]) != when.year:
            return None
        if "month" not in parts:
            return str(when.year)
        if "day" not in parts:
            return f"{when.year}-{when.month:02d}"
        return when.date().isoformat()
    named = {int(y) for y in re.findall(r"(?<!\d)(1[0-9]{3}|2[01][0-9]{2})(?!\d)", s)}
    if when.year not in named and abs(when.year - base.year) > 1:
        return None  # a year the text does not name and the anchor does not imply
    if period == "year":
        return str(when.year)
    if period == "month":
        return f"{when.year}-{when.month:02d}"
    if period == "week":
        return _iso_week(when.date())
    if period == "quarter":
        return f"{when.year}-Q{(when.month - 1) // 3 + 1}"
    if period == "time":
        return f"{when.date().isoformat()}T{when.hour:02d}:{when.minute:02d}"
    return when.date().isoformat()
