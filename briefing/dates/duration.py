"""The ISO 8601 duration of a stretch of time: "the past nine days" -> "P9D".

A duration places nothing on a calendar, so a page does not show it as a date; the library
gives it TimeML's DURATION value ("over a decade" -> "P10Y", "15 minutes" -> "PT15M", "47
years old" -> "P47Y"). A count the text leaves open ("several years", "the last few
months": TimeML's PAST_REF as often as "PXY"), a range ("10-15 minutes"), a bare age ("62")
and a vague reference ("one day": someday) have no one value.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .resolver import is_duration
from .words import _VAGUE, COUNT_WORDS, OPEN_COUNTS, _clean

__all__ = ["duration_value"]

_WORDS = {**COUNT_WORDS, "hundred": 100}
# unit -> (ISO designator, how many of it, whether it is a time of day's unit)
_UNITS = {
    "centur": ("Y", 100, False), "decade": ("Y", 10, False), "year": ("Y", 1, False),
    "month": ("M", 1, False), "week": ("W", 1, False), "day": ("D", 1, False),
    "hour": ("H", 1, True), "minute": ("M", 1, True), "second": ("S", 1, True),
}  # fmt: skip
_COUNT = r"\d+(?:\.\d+)?(?:\s*(?:-|to)\s*\d+(?:\.\d+)?)?|\d+[-\s]\d/\d+|\d/\d+|" + "|".join(
    sorted((*_WORDS, *OPEN_COUNTS), key=len, reverse=True)
)
_PART = re.compile(
    rf"(?:\b(?P<count>{_COUNT})[\s-]+)?(?:(?:more|full|straight|consecutive)\s+)?"
    r"(?P<half>and a half\s+)?(?P<unit>centur(?:y|ies)|decades?|years?|months?|weeks?|days?|"
    r"hours?|minutes?|seconds?)\b"
)
_FRACTION = re.compile(r"^(?:(?P<whole>\d+)[-\s])?(?P<num>\d)/(?P<den>\d+)$")


def duration_value(text: str) -> str | None:
    """The ISO 8601 duration of ``text`` when :func:`is_duration` calls it one, else None."""
    if not is_duration(text) or _VAGUE.match(_clean(text)):
        return None  # "one day" (someday), "a year": TimeML's vague references
    m = _PART.search(_clean(text))
    if m is None:
        return None  # an age without its unit: "62"
    unit = m["unit"]
    designator, size, clock = next(v for k, v in _UNITS.items() if unit.startswith(k))
    amount = _amount(m["count"], plural=unit.endswith("s"))
    if amount is None:
        return None
    value = (amount + (Decimal("0.5") if m["half"] else 0)) * size
    return f"P{'T' if clock else ''}{format(value.normalize(), 'f')}{designator}"


def _amount(count: str | None, *, plural: bool) -> Decimal | None:
    """The count as a number; None when the text leaves it open or gives a range."""
    if count is None:
        return None if plural else Decimal(1)
    if count in _WORDS:
        return Decimal(_WORDS[count])
    if count in OPEN_COUNTS:
        return None
    if re.search(r"\d\s*(?:-|to)\s*\d", count) and "/" not in count:
        return None  # "10-15 minutes": a range
    if f := _FRACTION.match(count):
        return Decimal(f["whole"] or 0) + Decimal(f["num"]) / Decimal(f["den"])
    return Decimal(count)
