"""Date and time expressions resolved against the publication date, and described in words.

Values. :func:`resolve` gives the value at the precision the text gives. Dates, times, weeks
and ranges are ISO 8601: ``2025`` (year), ``2025-11`` (month), ``2025-11-24`` (day),
``2025-W47`` (ISO week), ``2025-11-24T17:00`` (clock time; ``…T08:30Z`` when the text says
UTC or GMT), ``start/end`` for an explicit range ("November 24 to 27" ->
``2025-11-24/2025-11-27``). For the periods ISO 8601 has no notation for, TimeML's TIMEX3
codes: ``199`` (decade), ``20`` (century: the 2000s), ``2025-Q3`` (quarter), ``2025-H1``
(half year), ``2025-SU`` (season: SP, SU, FA, WI), ``2025-W47-WE`` (weekend).

A part of day is not part of the value: "last night" gives the day ``2019-11-19``, and
:func:`part_of_day` reads ``NI`` from the expression's text. :func:`timex` joins the two
into the TIMEX3 value (``2019-11-19TNI``) for exchange and evaluation, and
:func:`describe` gives a reader "night of 19 Nov 2019". No value is shown to a reader as
it is: call ``describe(value, text)``.

A relative expression ("Monday", "last week", "November 24") needs an anchor, the
article's publication date; without one its value is None, never a guess from today.
Absolute expressions ("November 24, 2025", "2016") resolve without an anchor. Durations
("three years", "the past decade") and ages are not dates: their value is None.

An article. :class:`DocumentResolver` reads an article's expressions in order, so those
that point at a date named before ("a year earlier", "that day", "the following month",
"at 10 p.m.") are read against that *reference time*, at its granularity (after "the third
quarter", "a year earlier" is the third quarter a year back). ``read_all(text, spans)``
takes a NER model's ``(start, end, tense)`` DATE/TIME spans, adds what :func:`find` sees
outside them (UTC clock times, dates in digits, "now", "recently"), splits spans that list
dates ("1994, 1995 and 1997") and gives ``(start, end, text, value)`` in order.

Languages. English is read by small regular expressions for the common news patterns
(:mod:`.rules`), and what they do not read goes to dateparser with ``RELATIVE_BASE`` =
the anchor, ``PREFER_DATES_FROM`` = "past" (news reports what happened) and
``languages=["en"]``. Another ``language`` (ISO 639-1) goes to dateparser in that language
("lundi 3 mars" with ``language="fr"``; :func:`reads_language` says which language a code
is read in), and :func:`find` gives that language's date words from dateparser's locale
data. Nothing is detected or downloaded at run time.

Not dates: version numbers, IP addresses and part numbers ("2.16.0", "192.168.1.1",
"12-345-67"): :func:`not_a_date`; they never get a value.

Modules: ``words`` (vocabulary, shared patterns, helpers), ``rules`` (one reader per shape
of English expression), ``resolver`` (ranges, rewrites, clock times, the dateparser
fallback, and the entry points), ``anaphora`` (dates read against the one named before),
``document`` (an article's expressions in order, lists split), ``find`` (expressions
a named-entity model misses), ``describe`` (values in words), ``duration`` (ISO 8601
durations of stretches of time).
"""

from .anaphora import time_of_day
from .describe import describe, part_of_day, timex
from .document import DocumentResolver, is_anaphoric, list_items, said_relative, zone_end
from .duration import duration_value
from .find import find, not_a_date
from .resolver import is_duration, nearer_side, reads_language, resolve, resolve_date
from .rules import HOLIDAY_NAME
from .words import MONTHS, WEEKDAYS, YEAR_WRITTEN, ZONES, Tense

__all__ = [
    "HOLIDAY_NAME",
    "MONTHS",
    "WEEKDAYS",
    "YEAR_WRITTEN",
    "ZONES",
    "DocumentResolver",
    "Tense",
    "describe",
    "duration_value",
    "find",
    "is_anaphoric",
    "is_duration",
    "list_items",
    "nearer_side",
    "not_a_date",
    "part_of_day",
    "reads_language",
    "resolve",
    "resolve_date",
    "said_relative",
    "time_of_day",
    "timex",
    "zone_end",
]
