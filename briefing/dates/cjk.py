"""Dates written the Chinese and Japanese way: "2024年3月", "12月28日", "15日", "2021年",
with a clock time after a day ("12月28日上午10时", "15日午前7時").

These scripts write no space between words, so the patterns of :mod:`.find`, bounded by
word edges, never match inside a sentence, and dateparser (1.5) misreads the common forms:
"12月28日" gives nothing in Chinese and 28 January 2012 in Japanese, "2021年" the year 4,
"15日" fifteen days ago. The form itself is regular: a four-digit year, a month and a day,
each a number followed by its unit character (年, 月, 日; Chinese also writes the day 号
after a month), largest first. :func:`find` finds them, with the language's weekday and
relative words from dateparser's locale data ("星期一", "月曜日", "去年", "今年"), which
dateparser does read; :func:`resolve` gives the value of the numeric forms at the
precision written, a missing year or month taken from the anchor as English does.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from .words import Tense

__all__ = ["LANGUAGES", "find", "numeric", "resolve"]

#: The languages written so (ISO 639-1).
LANGUAGES = frozenset(("zh", "ja"))

_N = r"[0-9０-９]"
_TIME = (
    r"(?:\s*(?P<part>上午|下午|晚上|凌晨|早上|中午|午前|午後|夜)?\s*"
    rf"(?P<h>{_N}{{1,2}})\s*[时時点點](?:\s*(?P<min>{_N}{{1,2}})\s*分|(?P<half>半))?)?"
)
# a year (4 digits), a month, a day: at least one, largest first, each with its unit (a
# day after a month may be written 号 in Chinese; "12号线" alone is line 12, no date)
_NUMERIC = (
    rf"(?:(?P<y>{_N}{{4}})\s*年)?"
    rf"(?:\s*(?P<m>{_N}{{1,2}})\s*月)?"
    rf"(?:\s*(?P<d>{_N}{{1,2}})\s*(?(m)[日号號]|日))?"
)
# not inside a longer number ("8.2019", "1,2019")
_DATE = re.compile(rf"(?<![0-9０-９.．,])(?=[0-9０-９])(?:{_NUMERIC})(?(d){_TIME})(?![0-9０-９])")


def find(text: str, language: str) -> list[tuple[int, int, str]]:
    """The dates of ``text`` in ``language`` (``zh`` or ``ja``) as ``(start, end, text)``."""
    words = _words(language)
    out = []
    for m in _DATE.finditer(text):
        if m.group().strip() and (m["y"] or m["m"] or m["d"]):
            out.append((m.start(), m.end(), m.group()))
    if words is not None:
        out += [(m.start(), m.end(), m.group()) for m in words.finditer(text)]
    out.sort()
    kept: list[tuple[int, int, str]] = []
    for found in out:
        if kept and found[0] < kept[-1][1]:
            continue  # a word inside a date already found
        kept.append(found)
    return kept


def numeric(text: str) -> bool:
    """Whether ``text`` is a date in numbers and units ("12月28日"), not a word ("去年")."""
    m = _DATE.fullmatch(text.strip())
    return m is not None and bool(m["y"] or m["m"] or m["d"])


def resolve(text: str, base: dt.date | None, tense: Tense) -> str | None:
    """The value of a numeric date ("2024年3月" -> ``2024-03``, "15日" with an anchor in
    March 2025 -> ``2025-03-15``); None when ``text`` is not one (a relative word: ask
    dateparser) or it needs an anchor there is none of."""
    m = _DATE.fullmatch(text.strip())
    if m is None or not (m["y"] or m["m"] or m["d"]):
        return None
    year, month, day = (int(m[k]) if m[k] else None for k in ("y", "m", "d"))
    if year is None and base is None:
        return None
    if month is None and day is None:
        return f"{year:04d}"
    if year is None and month is not None and base is not None:
        from .rules import _closest_year

        year = _closest_year(month, day or 15, base, tense)
    if month is None and base is not None:
        if year is not None:
            return f"{year:04d}"  # "2021年15日" is no date shape
        year, month = _closest_month(day or 1, base, tense)
    if year is None or month is None:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date.isoformat() + _clock(m)


def _closest_month(day: int, base: dt.date, tense: Tense) -> tuple[int, int]:
    """The month of a day written alone ("15日"): of the anchor's month and the months on
    either side, the one putting the day nearest the anchor ("17日" in a report of the
    16th is the next day, "28日" in one of the 2nd the 28th before); a future sentence
    takes the nearest day not before the anchor."""
    candidates = []
    for step in (-1, 0, 1):
        index = base.year * 12 + base.month - 1 + step
        try:
            candidates.append(dt.date(index // 12, index % 12 + 1, day))
        except ValueError:
            continue
    if tense == "future":
        candidates = [c for c in candidates if c >= base] or candidates
    best = min(candidates, key=lambda c: (abs((c - base).days), c > base), default=base)
    return best.year, best.month


def _clock(m: re.Match[str]) -> str:
    """The clock time after a day ("上午10时", "午後3時半") as ``THH:MM`` ("" for none)."""
    if not m["h"]:
        return ""
    hour, minute = int(m["h"]), int(m["min"]) if m["min"] else (30 if m["half"] else 0)
    if m["part"] in ("下午", "晚上", "午後", "夜") and hour < 12:
        hour += 12
    return f"T{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else ""


@lru_cache(maxsize=4)
def _words(language: str) -> re.Pattern[str] | None:
    """``language``'s weekday and relative day/week/month/year words from dateparser's
    locale data, two characters or more (Japanese lists "月" alone for Monday)."""
    try:
        from dateparser.languages.loader import default_loader

        info: dict[str, Any] = default_loader.get_locale(language).info
    except (KeyError, ValueError, ImportError):
        return None
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    forms = [str(f) for key in weekdays for f in info.get(key) or [] if isinstance(f, str)]
    forms += [
        str(word)
        for key, words in (info.get("relative-type") or {}).items()
        if re.search(r"\b(?:day|week|month|year)\b", key)
        for word in words
        if isinstance(word, str) and " " not in word.strip()
    ]
    forms = sorted({f.strip() for f in forms if len(f.strip()) >= 2 and "(" not in f}, key=len)
    if not forms:
        return None
    return re.compile("|".join(re.escape(f) for f in reversed(forms)))
