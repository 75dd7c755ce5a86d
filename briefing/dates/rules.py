"""The readers: one small function per shape of date expression ("Monday", "last week",
"the third quarter", "November 24", "two years ago"...), each ``(text, anchor, tense) ->
(matched, value)``. A reader that matches but cannot resolve (no anchor) returns
``(True, None)`` so no other reader guesses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateutil.easter import easter

from .words import (
    _COUNT_RE,
    _DAY_RE,
    _HOLIDAYS,
    _MONTH_RE,
    _ORDINALS,
    _PARTS_OF_DAY,
    _SEASONS,
    _WEEKDAY_RE,
    _YEAR_RE,
    Tense,
    _count,
    _iso_week,
    _month_number,
    _valid,
    _weekday_number,
)

_ISO = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_DECADE = re.compile(r"^(?P<c>1[0-9]{2}|20[0-9])0'?s$")
# "'70s", "70s", "the seventies": a decade of the anchor's century (or the one before, so
# never after the anchor). Seen in the dev corpora in several documents ("the 70s and 80s",
# "the nineties", "the '90s").
_DECADE_SHORT = re.compile(
    r"^(?:'|‘)?(?P<d>[0-9])0'?s$|^(?P<w>twenties|thirties|forties|fifties|sixties|seventies|"
    r"eighties|nineties)$"
)
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip
# "'82": a year of the anchor's century, never after the anchor (as "the '82 season").
_YEAR_SHORT = re.compile(r"^'(?P<yy>[0-9]{2})$")
_YEAR = re.compile(
    r"^(?:(?:fiscal year|calendar year|full[\s-]year|full fiscal year|fiscal|calendar|the year|"
    r"year|fy)\s*)?" + _YEAR_RE + r"(?:'s)?$"
)
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
# "the year-ago quarter", "the year-earlier period", "the 1988 quarter", bare "year-earlier":
# the quarter being reported, a year before (TimeBank's earnings reports, several documents)
_YEAR_AGO_QUARTER = re.compile(
    r"^(?:(?:year[\s-](?:ago|earlier))(?:\s+(?:fiscal\s+)?(?:quarter|period))?|"
    + _YEAR_RE
    + r"\s+(?:fiscal\s+)?(?:quarter|period))$"
)
# "the year", "the fiscal year": the anchor's year, as in "sales for the year"
_THE_YEAR = re.compile(
    r"^(?:full|current|fiscal|calendar|full fiscal|current fiscal|present) ?year$|^year$"
)
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
    r"^(?:(?P<rel>last|next|this|coming|past)\s+)?(?:"
    + _WEEKDAY_RE
    + r",?\s+)?"
    + _MONTH_RE.format(g="m")
    + r"\s+"
    + _DAY_RE
    + r"(?:,?\s+"
    + _YEAR_RE
    + r")?$"
)
_DAY_MONTH = re.compile(
    r"^(?:"
    + _WEEKDAY_RE
    + r",?\s+)?(?:the\s+)?"
    + _DAY_RE
    + r"(?:\s+of)?\s+"
    + _MONTH_RE.format(g="m")
    + r"(?:,?\s+"
    + _YEAR_RE
    + r")?$"
)
_MONTH = re.compile(
    r"^(?:(?P<rel>last|next|this|coming|past|this past|previous|the month of)\s+)?"
    + _MONTH_RE.format(g="m")
    + r"(?:,?\s+(?:of\s+)?"
    + _YEAR_RE
    + r")?$"
)
_ORDINAL_DAY = re.compile(r"^(?:the\s+)?(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)(?:\s+of the month)?$")
_SEASON = re.compile(
    r"^(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<s>spring|summer|autumn|fall|winter)"
    r"(?:\s+(?:of\s+)?" + _YEAR_RE + r")?$"
)
_HOLIDAY_RE = (
    r"christmas(?: day| eve)?|new year's (?:day|eve)|halloween|valentine's day|"
    r"boxing day|thanksgiving(?: day)?|black friday|cyber monday|good friday|"
    r"easter(?: sunday| monday)?|veterans'? day|veteran's day|remembrance day|armistice day|"
    r"(?:st\.?|saint) patrick's day|memorial day|labor day"
)
_HOLIDAY = re.compile(r"^(?P<h>" + _HOLIDAY_RE + r")(?:,?\s+" + _YEAR_RE + r")?$")
# The same names as a text writes them, each word capitalised ("New Year’s Eve", "Boxing
# Day"): the model tags them as events, groups or places, or not at all ("Christmas Day or
# Boxing Day"), so the facts find them in the text. A name of one word that is also a common
# noun or a modifier ("Christmas", "Easter", "Halloween") is left to the model.
HOLIDAY_NAME = re.compile(
    r"(?<![\w'’])(?:Christmas (?:Day|Eve)|New Year['’]s (?:Day|Eve)|Valentine['’]s Day|"
    r"Boxing Day|Thanksgiving(?: Day)?|Black Friday|Cyber Monday|Good Friday|"
    r"Easter (?:Sunday|Monday)|Veterans['’]? Day|Veteran['’]s Day|Remembrance Day|"
    r"Armistice Day|(?:St\.?|Saint) Patrick['’]s Day|Memorial Day|Labor Day)(?![\w'’])"
)
_CLOCK = re.compile(
    r"(?:(?P<h>[0-2]?[0-9])(?:[:.](?P<mi>[0-5][0-9]))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?)"
    r"|(?P<h24>[0-2][0-9])[:.](?P<mi24>[0-5][0-9])|\b(?P<noon>noon|midday|midnight)\b)"
)


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
    r"^(?:(?!year\b|the\b)(?P<month>[a-z]+)\s+)?(?:(?:the\s+)?year\s+)?(?:(?P<hi>nineteen|eighteen|twenty)\s+"
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


# "the 2025-26 fiscal year", "the 2027/28 school year", "FY2025-26", "the 2025-26 season": a
# year that runs across two calendar years, written with both (the second one after the
# first), given as the two years (``2025/2026``, shown "2025–2026"): which months it holds
# the text does not say. "2025/26" alone was read as 26 Feb 2025.
_YEAR_PAIR = re.compile(
    r"^(?:(?:fiscal|financial|school|academic|tax|budget) (?:year )?|fy ?)?"
    r"(?P<a>1[0-9]{3}|2[01][0-9]{2})\s*[-/]\s*(?P<b>[0-9]{2}|[0-9]{4})"
    r"(?: (?:fiscal |financial |school |academic |tax |budget |marketing |crop )?"
    r"(?:year|season|term|session))?$"
)


def _read_year_pair(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _YEAR_PAIR.match(s)
    if m is None:
        return False, None
    a = int(m["a"])
    b = int(m["b"]) if len(m["b"]) == 4 else a // 100 * 100 + int(m["b"])
    if b != a + 1:
        return False, None
    return True, f"{a}/{b}"


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
        digit = int(m["d"]) if m["d"] else _DECADE_WORDS[m["w"]]
        century = base.year // 100
        if century * 100 + digit * 10 > base.year:
            century -= 1
        return True, f"{century}{digit}"
    m = _YEAR_SHORT.match(s)
    if m:
        if base is None:
            return True, None
        year = base.year // 100 * 100 + int(m["yy"])
        return True, str(year - 100 * (year > base.year))
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


def _quarter_year(n: int, base: dt.date) -> int:
    """The year of "the fourth quarter" named without one: the current or a past quarter of
    the anchor's year; a later one is last year's when that ended nearer the anchor than
    this year's begins ("the fourth quarter" in March is last year's, in August this
    year's: seen in TimeBank and MEANTIME reports). Quarters are reported after the fact,
    so the tense of the sentence says little."""
    current = (base.month - 1) // 3 + 1
    if n <= current:
        return base.year
    last_end = dt.date(base.year - 1, 3 * n, 30 if n in (2, 3) else 31)
    this_start = dt.date(base.year, 3 * n - 2, 1)
    return base.year if (this_start - base) < (base - last_end) else base.year - 1


def _read_quarter(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _QUARTER.match(s) or _QUARTER_YEAR_FIRST.match(s)
    if m:
        n = _ORDINALS[m["n"]]
        named, year = _year_of(m.groupdict().get("rest"), base)
        if not named:
            if base is None:
                return True, None
            year = _quarter_year(n, base)
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
    m = _YEAR_AGO_QUARTER.match(s)
    if m:
        reported = _the_quarter(base)
        if reported is None:
            return True, None
        year = int(m["y"]) if m["y"] else int(reported[:4]) - 1
        return True, f"{year}{reported[4:]}"
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
        year = base.year + sign * int(n)
        # "3000 years ago": before the calendar's first year, no year a page can show
        return True, str(year) if year >= 1 else None
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


# How much nearer a future date must be than the past one to be read as future, when the
# sentence gives no tense: a day ("Jan. 14") and a whole month ("January") apart, as a
# month named alone in news is mostly one that has passed, the more so in a past-tense
# clause. FUTURE_RATIO_MONTH_PAST is chosen by 5-fold cross-validation over the documents in
# bench/eval_dates.py (--tune), jointly with the other two.
FUTURE_RATIO_DAY = 1.5
FUTURE_RATIO_MONTH = 1.5
FUTURE_RATIO_MONTH_PAST = 8.0


def _closest_year(
    month: int, day: int, base: dt.date, tense: Tense, ratio: float | None = None
) -> int | None:
    """The year putting month/day nearest the anchor: the next one when the sentence is in
    the future tense, else the nearer of the two (a future date only when it is at most two
    thirds as far as the past one, since news mostly reports the past). A past-tense verb is
    no proof: "said it will pay on Dec. 15" often attaches the date to "said"."""
    ratio = FUTURE_RATIO_DAY if ratio is None else ratio  # read here: the bench tunes it
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return _nearest(candidates, base, tense, ratio)


def _nearest(candidates: list[dt.date], base: dt.date, tense: Tense, ratio: float) -> int | None:
    """The year of the candidate :func:`_closest_year` takes (one date per year)."""
    if not candidates:
        return None
    past = [c for c in candidates if c <= base]
    future = [c for c in candidates if c > base]
    if tense == "future" and future:
        return min(future).year
    if past and future:
        back, ahead = (base - max(past)).days, (min(future) - base).days
        return min(future).year if ahead * ratio < back else max(past).year
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
        # a month named alone in a past-tense clause has mostly passed ("sales fell in
        # March", read on 30 Oct: TimeBank, in three documents), unless it is just ahead
        ratio = FUTURE_RATIO_MONTH if tense != "past" else FUTURE_RATIO_MONTH_PAST
        year = _closest_year(month, 15, base, tense, ratio) or base.year
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
    elif rel is None and tense == "future":
        year += start + 2 < base.month  # "will begin in the spring", said in November
    elif rel is None and tense == "past":
        year -= start > base.month  # "opened in the summer", said in February
    return True, f"{year}-{code}"


def _thanksgiving(year: int) -> dt.date:
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)  # 4th Thursday


def _last_monday_of_may(year: int) -> dt.date:
    last = dt.date(year, 5, 31)
    return last - dt.timedelta(days=last.weekday())


def _first_monday_of_september(year: int) -> dt.date:
    first = dt.date(year, 9, 1)
    return first + dt.timedelta(days=-first.weekday() % 7)


# The spellings of one holiday: "Veterans' Day", "St. Patrick's Day"
_HOLIDAY_SPELLINGS = re.compile(r"^(?:veterans'|veteran's) |^(?:st\.|saint) ")


def _holiday_key(name: str) -> str:
    return _HOLIDAY_SPELLINGS.sub(
        lambda m: "veterans " if m.group().startswith("veteran") else "st ", name
    )


# Days that move with a feast: the shopping days after Thanksgiving (a "Friday" the model cut
# from "Black Friday" had been read as the last Friday: 4 facts on 3 dev pages) and Easter's.
_MOVABLE: dict[str, tuple[Callable[[int], dt.date], int]] = {
    "thanksgiving": (_thanksgiving, 0), "thanksgiving day": (_thanksgiving, 0),
    "black friday": (_thanksgiving, 1), "cyber monday": (_thanksgiving, 4),
    "good friday": (easter, -2), "easter": (easter, 0), "easter sunday": (easter, 0),
    "easter monday": (easter, 1), "memorial day": (_last_monday_of_may, 0),
    "labor day": (_first_monday_of_september, 0),
}  # fmt: skip


def _read_holiday(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _HOLIDAY.match(s)
    if not m:
        return False, None
    name = _holiday_key(m["h"])
    if m["y"] is None and base is None:
        return True, None

    def on(year: int) -> dt.date:
        if name in _MOVABLE:
            feast, days = _MOVABLE[name]
            return feast(year) + dt.timedelta(days=days)
        return dt.date(year, *_HOLIDAYS[name])

    if m["y"]:
        return True, on(int(m["y"])).isoformat()
    assert base is not None
    years = (base.year - 1, base.year, base.year + 1)
    year = _nearest([on(y) for y in years], base, tense, FUTURE_RATIO_DAY)
    return True, on(year or base.year).isoformat()


# "by year-end", "since year-end": the last day of a calendar year (TimeBank's business
# wires, two documents: "complete the transaction by year-end" 1989-12-31, "the change is
# since year-end" 1988-12-31). The coming one, or in a past-tense clause the one passed. A
# fiscal year's end is not 31 December and is not read; "the end of the year" names the year.
_YEAR_END = re.compile(r"^(?:the )?(?:calendar )?year[\s-]end$")


def _read_year_end(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    if not _YEAR_END.match(s):
        return False, None
    if base is None:
        return True, None
    passed = tense == "past" and (base.month, base.day) != (12, 31)
    return True, f"{base.year - passed}-12-31"


_READERS = (
    _read_year_pair,
    _read_year_end,
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
