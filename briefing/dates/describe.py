"""Values in the words a reader uses: "2019-11-19" -> "19 Nov 2019", "2025-Q3" -> "Jul–Sep 2025".

A value is never shown to a reader as it is: :func:`describe` turns every shape
:func:`~briefing.dates.resolve` gives into plain English, and gives back the expression's own
text (or, without it, the value) for a shape it does not know. The part of day ("last night",
"Thursday morning") is not in the value; :func:`part_of_day` reads it from the expression's
text, and :func:`describe` and :func:`timex` put it back when the text is given.
"""

from __future__ import annotations

import datetime as dt
import re

from .words import _POD_WORDS

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_POD_NAMES = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}
_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_QUARTER_MONTHS = {1: "Jan–Mar", 2: "Apr–Jun", 3: "Jul–Sep", 4: "Oct–Dec"}

_DAY = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")
_DATETIME = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})T(?P<h>\d{2}):(?P<mi>\d{2})(?P<z>Z)?$")
_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")
_YEAR = re.compile(r"^\d{4}$")
_WEEK = re.compile(r"^(?P<y>\d{4})-W(?P<w>\d{1,2})(?P<we>-WE)?$")
_QUARTER = re.compile(r"^(?P<y>\d{4})-Q(?P<n>[1-4])$")
_HALF = re.compile(r"^(?P<y>\d{4})-H(?P<n>[12])$")
_SEASON = re.compile(r"^(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)$")
_DECADE = re.compile(r"^\d{3}$")
_CENTURY = re.compile(r"^\d{2}$")
_PART_VALUE = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})T(?P<pod>MO|AF|EV|NI)$")


def part_of_day(text: str) -> str | None:
    """The TIMEX3 part of day an expression names: "MO", "AF", "EV" or "NI" ("last night",
    "tonight", "Thursday morning", "overnight"); None when it names none."""
    m = _POD_WORDS.search(text.lower())
    if m is None:
        return None
    word = m["pod"]
    if word in ("tonight", "overnight"):
        return "NI"
    return {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[word]


def timex(value: str | None, text: str | None = None) -> str | None:
    """The TimeML TIMEX3 value: ``value`` with the part of day ``text`` names put back on a
    day ("2019-11-19" and "last night" -> "2019-11-19TNI"); for exchange and evaluation."""
    if value is None or text is None or not _DAY.match(value):
        return value
    pod = part_of_day(text)
    return f"{value}T{pod}" if pod else value


def describe(value: str | None, text: str | None = None) -> str:
    """``value`` in the words a reader uses, with the part of day ``text`` names.

    "2019-11-19" -> "19 Nov 2019" ("night of 19 Nov 2019" with text "last night"),
    "2019-11-19T17:00" -> "17:00, 19 Nov 2019", "2025-W47" -> "week of 17 Nov 2025",
    "2025-W47-WE" -> "weekend of 22–23 Nov 2025", "2025-11-24/2025-11-27" -> "24–27 Nov 2025",
    "2025-Q3" -> "Jul–Sep 2025", "2025-H1" -> "Jan–Jun 2025", "2025-SU" -> "summer 2025",
    "2025-11" -> "Nov 2025", "199" -> "1990s", "20" -> "21st century". A value it cannot
    read (or None) gives ``text`` back when there is one, else the value as it is.
    """
    if value is None:
        return text or ""
    words = _describe(value, text)
    if words is not None:
        return words
    return text if text else value


def _describe(value: str, text: str | None) -> str | None:
    if "/" in value:
        start, _, end = value.partition("/")
        return _interval(start, end)
    m = _PART_VALUE.match(value)  # an older value with the part of day on it
    if m:
        day = _day(m["day"])
        return f"{_POD_NAMES[m['pod']]} of {day}" if day else None
    if _DAY.match(value):
        day = _day(value)
        pod = part_of_day(text) if text else None
        return f"{_POD_NAMES[pod]} of {day}" if day and pod else day
    m = _DATETIME.match(value)
    if m:
        day = _day(m["day"])
        zone = " UTC" if m["z"] else ""
        return f"{m['h']}:{m['mi']}{zone}, {day}" if day else None
    m = _MONTH.match(value)
    if m and 1 <= int(m["m"]) <= 12:
        return f"{_MONTH_ABBR[int(m['m']) - 1]} {m['y']}"
    if _YEAR.match(value):
        return value
    m = _WEEK.match(value)
    if m:
        return _week(int(m["y"]), int(m["w"]), weekend=bool(m["we"]))
    m = _QUARTER.match(value)
    if m:
        return f"{_QUARTER_MONTHS[int(m['n'])]} {m['y']}"
    m = _HALF.match(value)
    if m:
        return f"{'Jan–Jun' if m['n'] == '1' else 'Jul–Dec'} {m['y']}"
    m = _SEASON.match(value)
    if m:
        return f"{_SEASON_NAMES[m['s']]} {m['y']}"
    if _DECADE.match(value):
        return f"{value}0s"
    if _CENTURY.match(value):
        return f"{_ordinal(int(value) + 1)} century"
    return None


def _day(value: str) -> str | None:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return f"{day.day} {_MONTH_ABBR[day.month - 1]} {day.year}"


def _week(year: int, week: int, *, weekend: bool) -> str | None:
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    if not weekend:
        return f"week of {_day(monday.isoformat())}"
    saturday, sunday = monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
    return f"weekend of {_day_span(saturday, sunday)}"


def _interval(start: str, end: str) -> str | None:
    """ "24–27 Nov 2025", "24 Nov – 3 Dec 2025", "2010–2015", else each end described."""
    if _DAY.match(start) and _DAY.match(end):
        try:
            a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        except ValueError:
            return None
        return _day_span(a, b)
    if _YEAR.match(start) and _YEAR.match(end):
        return f"{start}–{end}"
    m, n = _MONTH.match(start), _MONTH.match(end)
    if m and n and m["y"] == n["y"] and 1 <= int(m["m"]) <= 12 and 1 <= int(n["m"]) <= 12:
        return f"{_MONTH_ABBR[int(m['m']) - 1]}–{_MONTH_ABBR[int(n['m']) - 1]} {m['y']}"
    left, right = _describe(start, None), _describe(end, None)
    if left is None or right is None:
        return None
    return f"{left} – {right}"


def _day_span(a: dt.date, b: dt.date) -> str:
    if a == b:
        return f"{a.day} {_MONTH_ABBR[a.month - 1]} {a.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {_MONTH_ABBR[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{a.day} {_MONTH_ABBR[a.month - 1]} – {b.day} {_MONTH_ABBR[b.month - 1]} {a.year}"
    return (
        f"{a.day} {_MONTH_ABBR[a.month - 1]} {a.year} – {b.day} {_MONTH_ABBR[b.month - 1]} {b.year}"
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
