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

Modules: ``words`` (vocabulary, shared patterns, helpers), ``rules`` (one reader per shape
of expression), ``resolver`` (ranges, rewrites, clock times, the dateparser fallback, and
the public entry points).
"""

from .resolver import is_duration, resolve, resolve_date
from .words import MONTHS, WEEKDAYS, Tense

__all__ = ["MONTHS", "WEEKDAYS", "Tense", "is_duration", "resolve", "resolve_date"]
