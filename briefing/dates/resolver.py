"""Resolution: an expression's text -> its value. Ranges first ("November 24 to 27"), then
one reader per shape (:mod:`.rules`), then rewrites that reduce a longer expression to one
a reader knows ("February this year", "the quarter ended Sept. 30"), clock times, and
last dateparser for what none of these read."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from ..errors import BriefingError
from . import cjk, rules
from .anaphora import (
    clock_and_day,
    refers_back,
    resolve_with_reference,
    straight_day,
    time_of_day_only,
)
from .find import bare_weekday, names_month, not_a_date
from .rules import (
    _CLOCK,
    _DAY_MONTH,
    _IN_N,
    _ISO,
    _MONTH,
    _MONTH_DAY,
    _READERS,
    _RELATIVE_UNIT,
    _THE_QUARTER,
    _THE_YEAR,
    _WEEKDAY,
    _YEAR_AGO_QUARTER,
    _closest_year,
    _read_ago,
    _read_quarter,
    _spelled_year,
    _the_quarter,
    _weekday_date,
)
from .words import (
    _AGE,
    _DAY_RE,
    _DURATION,
    _LEADING_ZONE,
    _MONTH_RE,
    _PARTS_OF_DAY,
    _SPAN,
    _VAGUE,
    _YEAR_RE,
    MONTHS,
    WEEKDAYS,
    Tense,
    _clean,
    _iso_week,
    _strip_noise,
    _to_date,
    _valid,
    _valid_iso,
    _weekday_number,
)


def resolve_date(
    text: str, anchor: dt.date | dt.datetime | None, *, language: str = "en"
) -> str | None:
    """The TIMEX3-style ISO value of the date expression ``text``, anchored at ``anchor``.

    ``anchor`` is the publication date; relative expressions ("Monday", "last week",
    "November 24") resolve against it, and without it they return None rather than a guess.
    Absolute expressions ("November 24, 2025", "2016") resolve without an anchor. Durations
    and unreadable text return None. Weekdays and month names refer to the most recent
    such day or month on or before the anchor unless the text says "next"/"coming".
    ``language`` is the article's ISO 639-1 code: English is read by our rules, any other
    language by dateparser in that language ("lundi 3 mars" with ``language="fr"``).
    """
    return resolve(text, anchor, language=language)


def resolve(
    text: str,
    anchor: dt.date | dt.datetime | None,
    *,
    tense: Tense = None,
    language: str = "en",
    reference: str | None = None,
    after: str | None = None,
) -> str | None:
    """Like :func:`resolve_date`, with a tense hint from the sentence ("future" for "will")
    and ``reference``, the value of the date the article named last: "a year earlier",
    "that year", "the following month" are read against it (:mod:`.anaphora`). ``after``
    is the value of a range's start when ``text`` is its end ("from 6 p.m. Tuesday [until
    noon Thursday]"): an end the rules put before it is read forward from it."""
    value = _resolve(text, anchor, tense, language, reference)
    if after is None or value is None or not _before(value, after):
        return value
    later = _resolve(text, _start_day(after), "future", language, None)
    return later if later is not None and not _before(later, after) else value


def nearer_side(text: str, anchor: dt.date | dt.datetime | None) -> Tense:
    """The side of ``anchor`` nearer to the weekday ``text`` names ("Tuesday", "late
    Friday"): "future" when its next such day is nearer than its last, "past" when the last
    is; None for any other text, a weekday with "last"/"next", or the anchor's own weekday.
    For a day a plan is for, told in a clause that does not say whether it is ahead
    ("surgeries scheduled for Tuesday had been postponed", "a service planned for Saturday
    was canceled")."""
    base = _to_date(anchor)
    m = _WEEKDAY.match(_strip_noise(_clean(text)))
    if base is None or m is None or m["rel"]:
        return None
    forward = (_weekday_number(m["wd"]) - base.weekday()) % 7
    if forward == 0:
        return None
    return "future" if forward < 7 - forward else "past"


def _before(value: str, start: str) -> bool:
    """Whether the date ``value`` lies before the date ``start`` (the first day of each, at
    the precision both give: "2026-11-19" is before "2026-11-24T18:00", "2026-11" is not)."""
    a, b = value.split("/")[0][:10], start.split("/")[0][:10]
    if not (_CALENDAR.fullmatch(a) and _CALENDAR.fullmatch(b)):
        return False
    n = min(len(a), len(b))
    return a[:n] < b[:n]


_CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _start_day(value: str) -> dt.date:
    """The first day of the calendar date ``value`` ("2026-11" -> 1 Nov 2026)."""
    day = value.split("/")[0][:10]
    return dt.date.fromisoformat(day + "-01-01"[len(day) - 4 :])


def _resolve(
    text: str,
    anchor: dt.date | dt.datetime | None,
    tense: Tense,
    language: str,
    reference: str | None,
) -> str | None:
    language = _check_language(language)
    if not_a_date(text):
        return None  # "2.16.0", "192.168.1.1": a version, an address (see .find)
    base = _to_date(anchor)
    text = _MILITARY_UTC.sub(r"\1:\2", text)
    if reference and language == "en":
        s = _clean(text)
        value = resolve_with_reference(s, reference, base)
        if value is not None:
            return _iso(value, text)
        if time_of_day_only(s) and re.match(r"\d{4}-\d{2}-\d{2}", reference):
            day = dt.date.fromisoformat(reference[:10])
            return _iso(_resolve_cached(text, day, tense, language), text)
        parts = clock_and_day(s)  # "21:00 GMT the same day": the clock on the day it names
        named = resolve_with_reference(parts[1], reference, base) if parts else None
        if parts and named and _valid(named) and len(named) == 10:
            day = dt.date.fromisoformat(named)
            return _iso(_resolve_cached(parts[0], day, tense, language), text)
    return _iso(_resolve_cached(text, base, tense, language), text)


# "0800 UTC": four digits are a clock time only when a time zone says so (else a year)
_MILITARY_UTC = re.compile(r"\b([01][0-9]|2[0-3])([0-5][0-9])(?=\s*(?:UTC|GMT)\b)", re.I)
_PART_OF_DAY_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2})T(?:MO|AF|EV|NI)$")
_CLOCK_VALUE = re.compile(r"T\d{2}:\d{2}$")
_NAMES_UTC = re.compile(r"\b(?:UTC|GMT)\b(?!\s*[+-]\s*\d)|\d(?:Z|\s?UTC)\b", re.I)


def _iso(value: str | None, text: str) -> str | None:
    """The value as ISO 8601: a part of day does not stay on a day ("2019-11-19TNI" ->
    "2019-11-19"; :func:`~briefing.dates.describe.part_of_day` reads it from the text), and a
    clock time the text gives in UTC/GMT ends in Z."""
    if value is None:
        return None
    ends = [_PART_OF_DAY_VALUE.sub(r"\1", end) for end in value.split("/")]
    if _NAMES_UTC.search(text):
        ends = [end + "Z" if _CLOCK_VALUE.search(end) else end for end in ends]
    return "/".join(ends)


@lru_cache(maxsize=64)
def _check_language(language: str) -> str:
    """``language`` in lower case, or a BriefingError naming it when dateparser cannot read it."""
    code = (language or "").strip().lower()
    if code == "en":
        return code
    try:
        _parser(None, "past", code).get_date_data("2000")
    except ValueError:
        raise BriefingError(
            f"language {language!r}: dates cannot be read in it; "
            "give an ISO 639-1 code dateparser knows, such as 'en', 'fr' or 'de'"
        ) from None
    return code


def reads_language(language: str | None) -> str:
    """The language dates are read in for an article in ``language`` (ISO 639-1, e.g. from
    :func:`briefing.lang.detect`): that language when dateparser reads it, else English
    (None, "", or a code it does not know, "zz"). A region is dropped ("pt-BR" -> "pt")."""
    code = re.split(r"[-_]", (language or "").strip())[0]
    try:
        return _check_language(code or "en")
    except BriefingError:
        return "en"


def is_duration(text: str) -> bool:
    """Whether ``text`` is a duration or an age ("three years", "the past week", "62")."""
    s = _clean(text)
    if _RELATIVE_UNIT.match(s) or _THE_DAY_OR_YEAR.match(s) or _THE_LAST_UNIT.match(s):
        return False
    if _YEAR_AGO_QUARTER.match(_strip_noise(s)) or refers_back(s):
        return False
    return bool(_DURATION.match(s) or _AGE.match(s))


# "the year", "the full year", "later in the day": a date (the anchor's), not a stretch
_THE_DAY_OR_YEAR = re.compile(
    r"^(?:(?:later|earlier) in )?the (?:day|(?:full |current |fiscal |calendar )?year)$"
)

# "the last year", "the past week": with no count, the unit before the anchor's, as "last
# year" (the dev corpora annotate all 6 such spans in 6 documents as that date; "the past
# five days" is a stretch)
_THE_LAST_UNIT = re.compile(r"^the ((?:past|last) (?:week|month|year|decade))$")


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, base: dt.date | None, tense: Tense, language: str) -> str | None:
    s = _clean(text)
    if not s or len(s) > 80:
        return None
    if language != "en":
        if _ISO.match(s) and _valid_iso(s):
            return s
        if language in cjk.LANGUAGES:
            written = cjk.resolve(s, base, tense)  # dateparser misreads "12月28日"
            if written is not None or cjk.numeric(s):
                return written
        weekday = bare_weekday(s, language)
        if weekday is not None:
            # "quarta-feira" in an article of a Wednesday is that day, as in English
            # (dateparser reads it a week back; Portuguese feeds, most such articles)
            return _weekday_date(weekday, base, None, tense).isoformat() if base else None
        return _nearest_year(s, _dateparser(s, base, tense, language), base, tense, language)
    if _IN_N.match(s):
        return _read_ago(s, base, tense)[1]
    last_unit = _THE_LAST_UNIT.match(s)
    if last_unit:
        s = last_unit[1]
    if _SPAN.match(s) or _VAGUE.match(s):
        return None
    spelled = _spelled_year(_strip_noise(s))
    if spelled is not None:
        return spelled
    ranged = _range(s, base, tense)
    if ranged is not None:
        return ranged
    return _single(s, base, tense)


def _nearest_year(
    s: str, value: str | None, base: dt.date | None, tense: Tense, language: str
) -> str | None:
    """A day or month dateparser read without a written year takes the year English does
    (:func:`.rules._closest_year`): the nearest to the anchor unless the tense says
    otherwise ("jeudi 26 novembre" in an article of Wednesday 25 November is the next day;
    dateparser's "past" preference read it a year back)."""
    if value is None or base is None or re.search(_YEAR_RE, s) or not names_month(s, language):
        return value
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if m is None:
        return value
    month = int(m[2])
    if m[3] is None:
        # read here, not imported: the bench tunes them
        past = tense == "past"
        ratio = rules.FUTURE_RATIO_MONTH_PAST if past else rules.FUTURE_RATIO_MONTH
        year = _closest_year(month, 15, base, tense, ratio)
        return f"{year}-{month:02d}" if year else value
    named = bare_weekday(s.split()[0].rstrip(","), language)
    if named is not None:  # "lundi 3 mars": the year in which it is that weekday
        years = [
            y for y in range(base.year - 1, base.year + 2) if _weekday_is(y, month, m[3], named)
        ]
        if len(years) == 1:
            return f"{years[0]}-{month:02d}-{m[3]}"
    year = _closest_year(month, int(m[3]), base, tense)
    return f"{year}-{month:02d}-{m[3]}" if year else value


def _weekday_is(year: int, month: int, day: str, weekday: int) -> bool:
    try:
        return dt.date(year, month, int(day)).weekday() == weekday
    except ValueError:
        return False


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


# "April-December", "the Jan-Mar period": two months joined by a dash with no spaces
_MONTH_DASH = re.compile(
    r"^(?P<a>(?:the )?" + _MONTH_RE.format(g="m1") + r")-(?=" + _MONTH_RE.format(g="m2") + r"\b)"
)


def _range(s: str, base: dt.date | None, tense: Tense) -> str | None:
    """``start/end`` for "November 24 to 27", "24-27 November", "2010-2015", "Monday to
    Wednesday", "April-December"; None when ``s`` is not a range or either end does not
    resolve."""
    if _ISO.match(s) and _valid_iso(s):
        return None
    s = _MONTH_DASH.sub(r"\g<a> to ", s)
    m = _RANGE_SPLIT.match(s)
    if m is None or (" and " in s and not s.startswith("between ")):
        return None  # "Monday and Tuesday" is a list, not a range
    left, right = _strip_noise(m["a"]), _strip_noise(m["b"])
    if not left:
        return None  # "mid-2011", "early-1990s": a noise word before a dash
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
    if end is not None:
        start, end = _clocks_on_their_day(start, end, left, right)
    if end is not None and end < start:
        end = _overnight(start, end, right) or _single(right, _start_day(start), "future")
    if end is None or end < start:
        return None
    return f"{start}/{end}"


def _clocks_on_their_day(start: str, end: str, left: str, right: str) -> tuple[str, str]:
    """A clock range with its day named once is on that day: "8am to 9pm on Saturday" (the
    start on Saturday too, not on the anchor's day), "Saturday 8am to 9pm" (the end on
    Saturday). A start that would come after its end on that day is on the day before
    ("10pm to 2am Saturday")."""
    if not (_CLOCK_VALUE.search(start) and _CLOCK_VALUE.search(end)):
        return start, end
    bare_left = _CLOCK.fullmatch(_strip_noise(left)) is not None
    bare_right = _CLOCK.fullmatch(_strip_noise(right)) is not None
    if bare_left and not bare_right:
        moved = f"{end[:10]}{start[10:]}"
        if moved > end:
            day = dt.date.fromisoformat(end[:10]) - dt.timedelta(days=1)
            moved = f"{day.isoformat()}{start[10:]}"
        return moved, end
    if bare_right and not bare_left:
        return start, f"{start[:10]}{end[10:]}"
    return start, end


def _overnight(start: str, end: str, right: str) -> str | None:
    """ "4 p.m. to midnight", "10 p.m. to 2 a.m.": an end clock time that names no day of
    its own and comes before the start on the same day is on the next day."""
    same_day = start[:10] == end[:10] and _CLOCK_VALUE.search(start) and _CLOCK_VALUE.search(end)
    if not same_day or not _CLOCK.fullmatch(_strip_noise(right)):
        return None
    next_day = dt.date.fromisoformat(end[:10]) + dt.timedelta(days=1)
    return f"{next_day.isoformat()}{end[10:]}"


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


def _single(s: str, base: dt.date | None, tense: Tense) -> str | None:
    s = _strip_noise(s)
    if not s:
        return None
    if _THE_YEAR.match(s):
        return str(base.year) if base else None
    if straight_day(s):  # "a second consecutive day" with no day named before: the anchor
        return base.isoformat() if base else None
    if s == "day":
        # "on the day", "later in the day": the day of the report (MEANTIME's market and
        # launch reports, and TimeBank's wires, in several documents each)
        return base.isoformat() if base else None
    if _THE_QUARTER.match(s) or s in ("latest period", "most recent period"):
        return _the_quarter(base)  # with no quarter named before "the latest period"
    spelled = _spelled_year(s)
    if spelled is not None:
        return spelled
    if _YEAR_AGO_QUARTER.match(s):  # "year-earlier" reads like a duration
        return _read_quarter(s, base, tense)[1]
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


_YEAR_TAIL = re.compile(r"^(?P<head>.+?),?\s+(?:of\s+)?(?P<rel>this|last|next) year$")
_ENDED = re.compile(r"^.+?\s+(?:ended|ending|ends|through)\s+(?P<tail>.+)$")
# "the first nine months of 1997", "... of this year", "... of the year" (TimeBank's earnings
# reports, several documents): the year that is named
_OF_TAIL = re.compile(
    r"^.+?\s+of\s+(?P<tail>(?:this|last|next|the|the current|the fiscal) year|" + _YEAR_RE + r")$"
)
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


# "the last week of March", "the first week of March 2015": the ISO week holding that
# Thursday of the month, as ISO gives a week to the month of its Thursday (six spans in
# the dev pages and corpora; MEANTIME annotates "the last week of March" 2009 as W13)
_WEEK_OF_MONTH = re.compile(
    r"^(?:the\s+)?(?P<n>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<month>.+)$"
)


# "the week of Dec. 14", "the week of March 3, 2026": the ISO week holding that day
_WEEK_OF_DAY = re.compile(r"^(?:the\s+)?week\s+of\s+(?P<day>.+)$")


def _rewrite_week_of_day(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    m = _WEEK_OF_DAY.match(s)
    if m is None or not (_MONTH_DAY.match(m["day"]) or _DAY_MONTH.match(m["day"])):
        return False, None
    day = _single(m["day"], base, tense)
    if day is None or len(day) != 10:
        return True, None
    return True, _iso_week(dt.date.fromisoformat(day))


def _rewrite_week_of_month(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    """ "the last week of March": the ISO week of March's last Thursday."""
    m = _WEEK_OF_MONTH.match(s)
    if m is None or not _MONTH.match(m["month"]):
        return False, None
    month = _single(m["month"], base, tense)
    if month is None or len(month) != 7:
        return True, None
    first = dt.date(int(month[:4]), int(month[5:]), 1)
    thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    if m["n"] in ("last", "final"):
        while (thursday + dt.timedelta(days=7)).month == first.month:
            thursday += dt.timedelta(days=7)
    else:
        thursday += dt.timedelta(days=7 * ("first", "second", "third", "fourth").index(m["n"]))
    return True, _iso_week(thursday)


# A spaCy span that runs past the date: "over a year on Monday", "a January day in 2011",
# "yesterday at the age of 56" (MEANTIME obituaries and anniversaries, several documents).
_ON_TAIL = re.compile(r"^(?P<head>.+?)\s+(?:on|in)\s+(?P<tail>.+)$")
_AGE_TAIL = re.compile(r"^(?P<head>.+?),?\s+(?:at the age of|aged)\s+\d{1,3}$")


def _rewrite_tail(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    """ "over a decade on Monday": the date the tail names; "yesterday at the age of 56":
    the head."""
    m = _AGE_TAIL.match(s)
    if m is not None:
        value = _single(m["head"], base, tense)
        return value is not None, value
    m = _ON_TAIL.match(s)
    if m is None or _CLOCK.search(m["head"]):
        return False, None  # "6.10am on Monday" is a clock time on a day
    value = _single(m["tail"], base, tense)
    return value is not None, value


_DAY_THEN_YEAR = re.compile(_MONTH_RE.format(g="m") + r"\s+" + _DAY_RE + r",\s*" + _YEAR_RE + "$")


def _rewrite_list(s: str, base: dt.date | None, tense: Tense) -> tuple[bool, str | None]:
    """ "April 24 and 25", "Monday or Tuesday": the first item."""
    m = _LIST.match(s)
    if m is None or _MONTH_DAY.match(f"{m['first'].split()[-1]} {m['rest']}"):
        return False, None  # "Friday, Oct. 23" is one date
    if _DAY_THEN_YEAR.search(f"{m['first']}, {m['rest']}"):
        return False, None  # "the night of November 9, 1989": the year of the day before it
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


# "mid-afternoon", "late night"; "midnight" is a clock time (00:00), not a night (it was read
# as the night of its day on two dev web pages: "around midnight", "4 p.m. to midnight")
_POD = re.compile(
    r"\b(?:early |late |mid[- ]?(?!night\b))?(?P<pod>morning|afternoon|evening|night)\b"
)


def _with_clock(s: str, base: dt.date | None, tense: Tense) -> str | None:
    """A clock time, alone ("5 p.m.": the anchor's day) or with a day ("6.10am on Wednesday");
    otherwise dateparser's reading."""
    m = _CLOCK.search(s)
    if m is None:
        bare = _AT_BARE_HOUR.match(s)
        if bare is not None:  # "Sunday night at 8": the hour is not said in full; the day
            return _single(bare["day"], base, tense)
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
    rest = _LEADING_ZONE.sub("", rest)  # "6 p.m. CST Tuesday": the zone the clock is in
    rest = re.sub(r"^(?:on|of|in|at|,)\s*|\s*(?:on|of|,)$", "", rest).strip()
    day = _single(rest, base, tense) if rest else (base.isoformat() if base else None)
    if day is None or len(day) != 10:
        return None
    return f"{day}T{hour:02d}:{minute:02d}"


_AT_BARE_HOUR = re.compile(r"^(?P<day>.+?)\s+at\s+(?:[1-9]|1[0-2])$")

_REWRITES = (
    _rewrite_week_of_day,
    _rewrite_week_of_month,
    _rewrite_year_tail,
    _rewrite_ended,
    _rewrite_of_tail,
    _rewrite_list,
    _rewrite_part_of_day,
    _rewrite_tail,
)

# --- dateparser fallback -------------------------------------------------------------------

_FALLBACK_ANCHOR = dt.datetime(2000, 6, 15)  # only fills parts an absolute date names itself


@lru_cache(maxsize=64)
def _parser(base: dt.date | None, prefer: str, language: str = "en") -> Any:
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
    return DateDataParser(languages=[language], settings=settings)


# dateparser is only asked about text that names a month or weekday or writes a date in
# digits ("11/24/2025"); on anything else it mostly finds nothing, slowly, or a wrong date.
_DATEPARSER_GATE = re.compile(
    r"\b(?:" + "|".join(sorted(set(MONTHS) | set(WEEKDAYS), key=len, reverse=True)) + r")\b"
    r"|\b\d{1,4}[/.]\d{1,2}(?:[/.]\d{2,4})?\b"
)


_NAMES_WEEKDAY = re.compile(
    r"\b(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b", re.I
)


def _dateparser(s: str, base: dt.date | None, tense: Tense, language: str = "en") -> str | None:
    if language == "en" and _DATEPARSER_GATE.search(s) is None:
        return None
    try:
        parser = _parser(base, "future" if tense == "future" else "past", language)
        data = parser.get_date_data(s)
    except (ValueError, OverflowError, TypeError):
        return None
    when: dt.datetime | None = data.date_obj
    if when is None:
        return None
    parts = tuple(getattr(data, "parts", ()) or ())
    period = data.period or "day"
    if language == "en" and _NAMES_WEEKDAY.search(s) and period not in ("day", "time", "week"):
        return None  # "Sunday at 8" read as August: a weekday names a day, never a month
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
