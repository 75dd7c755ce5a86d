"""Expressions that point at a date the article named before: "a year earlier", "that year",
"the following month", "later that day".

TimeML resolves these against the *reference time*, the date last mentioned, and at its
granularity: after "the third quarter", "a year earlier" is the third quarter of the year
before (``1988-Q3``); after "Oct. 26", it is ``1988-10-26``. The caller passes that value as
``reference``; without one these expressions keep their reading against the anchor (or
none). Seen in the dev corpora: "a year earlier" / "a year ago" in TimeBank's earnings
reports (29 times in 20 documents), "that year" / "later that year", "that same day" /
"earlier that day", "the following month" in several documents each.
"""

from __future__ import annotations

import datetime as dt
import re

from .rules import _CLOCK
from .words import COUNT_WORDS, _clean, _strip_noise, _valid

# "a year earlier", "the year before", "the same period last year": the reference, a year back
_YEAR_BEFORE = re.compile(
    r"^(?:(?:the )?(?:year|period) (?:before|previous)|(?:the )?previous year|"
    r"(?:the )?same (?:period|quarter|time) (?:of )?(?:the )?last year)$"
)
# "the year-ago quarter", "year-earlier": read by the rules (the reported quarter, a year
# back), and like the others they do not move the reference
_YEAR_AGO_ANY = re.compile(r"\byear[\s-](?:ago|earlier)\b")
# "a year earlier", "three days later", "two months before": the reference moved
_SHIFT = re.compile(
    rf"^(?P<n>{'|'.join(sorted(COUNT_WORDS, key=len, reverse=True))}|\d{{1,2}})\s+"
    r"(?P<unit>day|week|month|year)s?\s+(?P<dir>earlier|later|before|after)$"
)
# "a year ago" names a year back from the anchor; at the reference's granularity when the
# reference is a period being reported (a quarter or half year near the anchor)
_YEAR_AGO = re.compile(r"^(?:a|one) year ago$")
_SAME_YEAR = re.compile(r"^(?:(?:later|earlier) (?:in )?)?(?:that|the same|that same) year$")
_SAME_DAY = re.compile(r"^(?:(?:later|earlier) (?:on )?)?(?:that|the same|that same) day$")
# "the day", "later in the day", "on the day": the day named before, when one was (MEANTIME's
# market reports, several documents: "closed lower on Monday ... to end the day", "Tuesday
# ... later in the day"); with no day named before, the day of the report (see .resolver)
_THE_DAY = re.compile(r"^(?:(?:later|earlier) in |on |during )?the day$")
# "the following month", "the day before" (bare "next month" is the anchor's: deictic)
_NEXT = re.compile(
    r"^the (?P<rel>following|next|previous|prior) (?P<unit>day|month|year)$"
    r"|^the (?P<unit2>day|month|year) (?P<rel2>before|after)$"
)


# "the morning", "overnight", "10 p.m.", "16:15 UTC": a time of day with no day of its own is
# on the day named before (TimeBank and MEANTIME, several documents: "the fire began
# Friday... by the morning", "launched on 1 June... at 16:15 UTC")
_PART_OF_DAY_ONLY = re.compile(
    r"^(?:early |late |mid-?)?(?:morning|afternoon|evening|night|overnight)$"
)


# "for a second consecutive day", "a third straight session": the day being reported, the day
# named before or else the anchor (MEANTIME's market reports, "suspended for a second
# consecutive day", marked as that day; "its seventh straight session" on a dev web page)
_NTH_STRAIGHT_DAY = re.compile(
    r"^(?:for )?(?:(?:a|an|the|its|their) )?"
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th)) "
    r"(?:straight|consecutive|successive) (?:trading )?(?:day|session)$"
)


# "the latest period" of an earnings report: the quarter (or half) just named, else the
# quarter being reported (TimeBank, three documents; see .find)
_LATEST_PERIOD = re.compile(r"^(?:the )?(?:latest|most recent) period$")


# the words that join a clock time to its day: "21:00 GMT [on] the same day", "[at] 10 p.m."
_CLOCK_GLUE = re.compile(r"^(?:(?:at|on|of|,)\s*)+|(?:\s*(?:at|on|of|,))+$")


def clock_and_day(s: str) -> tuple[str, str] | None:
    """The clock time and the day it is on, when the cleaned ``s`` is a clock time on a day
    named before ("21:00 the same day", "at 10 p.m. that day", "later that day at 3 p.m.",
    "9 a.m. the next day"): ``("21:00", "the same day")``; else None."""
    m = _CLOCK.search(s)
    if m is None:
        return None
    rest = _CLOCK_GLUE.sub("", re.sub(r"\s+", " ", f"{s[: m.start()]} {s[m.end() :]}").strip())
    if not rest or time_of_day_only(rest) or not refers_back(rest):
        return None
    return m.group(), rest


def time_of_day_only(s: str) -> bool:
    """Whether the cleaned ``s`` is a clock time or part of day without a day."""
    s = _strip_noise(s)
    return bool(_PART_OF_DAY_ONLY.match(s) or _CLOCK.fullmatch(s))


def time_of_day(text: str) -> bool:
    """Whether the expression ``text`` is a clock time or part of day without a day ("11:52
    p.m.", "3 p.m. local time", "the morning")."""
    return time_of_day_only(_clean(text))


def straight_day(s: str) -> bool:
    """Whether the cleaned ``s`` counts days in a row ("a second consecutive day")."""
    return bool(_NTH_STRAIGHT_DAY.match(s))


def refers_back(s: str) -> bool:
    """Whether the cleaned ``s`` is read against a reference time."""
    return bool(
        _YEAR_AGO_ANY.search(s)
        or _YEAR_BEFORE.match(s)
        or _SHIFT.match(s)
        or _YEAR_AGO.match(s)
        or _SAME_YEAR.match(s)
        or _SAME_DAY.match(s)
        or _NEXT.match(s)
        or time_of_day_only(s)
        or _THE_DAY.match(s)
        or _NTH_STRAIGHT_DAY.match(s)
        or _LATEST_PERIOD.match(s)
        or clock_and_day(s) is not None
    )


def on_a_day(s: str) -> bool:
    """Whether the cleaned ``s`` is read against the *day* named last ("that day", "the
    day", "the morning", "at 10 p.m."), even when a coarser date ("February") came after
    that day."""
    parts = clock_and_day(s)
    return bool(
        _SAME_DAY.match(s)
        or _THE_DAY.match(s)
        or _NTH_STRAIGHT_DAY.match(s)
        or time_of_day_only(s)
        or (parts is not None and on_a_day(parts[1]))
    )


def resolve_with_reference(s: str, reference: str, anchor: dt.date | None) -> str | None:
    """The value of the cleaned expression ``s`` against ``reference`` (a value), or None
    when ``s`` is not one of these expressions or the reference does not fit it."""
    if _YEAR_BEFORE.match(s):
        return shift_year(reference, -1)
    m = _SHIFT.match(s)
    if m:
        n = COUNT_WORDS[m["n"]] if m["n"] in COUNT_WORDS else int(m["n"])
        n = -n if m["dir"] in ("earlier", "before") else n
        if m["unit"] == "year":
            return shift_year(reference, n)
        if m["unit"] == "week":
            return _step(reference, "day", 7 * n)
        return _step(reference, m["unit"], n)
    if _YEAR_AGO.match(s):
        if anchor is None or not reference[:4].isdigit():
            return None
        if abs(int(reference[:4]) - anchor.year) > 1 or not re.search(r"-[QH]\d$", reference):
            return None  # not a period being reported: the anchor's reading stands
        return shift_year(reference, -1)
    if _LATEST_PERIOD.match(s):
        return reference if re.fullmatch(r"\d{4}-[QH]\d", reference) else None
    if _SAME_YEAR.match(s):
        return reference[:4] if re.match(r"\d{4}", reference) else None
    if _SAME_DAY.match(s) or _THE_DAY.match(s) or _NTH_STRAIGHT_DAY.match(s):
        return reference[:10] if re.match(r"\d{4}-\d{2}-\d{2}", reference) else None
    m = _NEXT.match(s)
    if m:
        rel, unit = (m["rel"], m["unit"]) if m["rel"] else (m["rel2"], m["unit2"])
        step = 1 if rel in ("following", "next", "after") else -1
        return _step(reference, unit, step)
    return None


def shift_year(value: str, years: int) -> str | None:
    """``value`` moved by ``years`` at its own granularity ("1989-Q3" -> "1988-Q3")."""
    value = value.split("/")[0]
    m = re.match(r"^(?P<y>\d{4})(?P<rest>(?:-.*)?)$", value)
    if m is None:
        return None
    shifted = f"{int(m['y']) + years}{m['rest']}"
    if re.match(r"^\d{4}-02-29", shifted) and not _valid(shifted[:10]):
        shifted = shifted.replace("-02-29", "-02-28", 1)
    return shifted


def _step(reference: str, unit: str, step: int) -> str | None:
    value = reference.split("/")[0]
    if unit == "day":
        if not re.match(r"^\d{4}-\d{2}-\d{2}", value) or not _valid(value[:10]):
            return None
        return (dt.date.fromisoformat(value[:10]) + dt.timedelta(days=step)).isoformat()
    if unit == "month":
        m = re.match(r"^(?P<y>\d{4})-(?P<m>\d{2})", value)
        if m is None or not 1 <= int(m["m"]) <= 12:
            return None
        month = int(m["y"]) * 12 + int(m["m"]) - 1 + step
        return f"{month // 12}-{month % 12 + 1:02d}"
    if not value[:4].isdigit():
        return None
    return str(int(value[:4]) + step)
