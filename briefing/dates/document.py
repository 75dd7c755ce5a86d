"""An article's date expressions read in order: lists split into their items, and each item
resolved against the anchor and the *reference time*, the date the article named last
(see :mod:`.anaphora`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .anaphora import on_a_day, refers_back, time_of_day_only
from .duration import duration_value
from .find import bare_weekday, find, names_month
from .resolver import _check_language, is_duration, resolve
from .words import MONTHS, WEEKDAYS, YEAR_WRITTEN, Tense, _clean, _to_date, _valid

Mention = tuple[int, int, str, "str | None"]

# "1994, 1995 and 1997", "the 70s and 80s", "April 24 and 25", "Monday or Tuesday": a span
# that lists dates (spaCy gives one DATE entity; TimeML one TIMEX3 per item; seen in several
# TimeBank and MEANTIME documents); a comma between digits with three after it is a
# thousands separator, no list ("950,000 years ago" was read as "000 years ago", 2026)
_SEPARATOR = re.compile(
    r"(?:(?<!\d),|(?<=\d),(?!\d{3}(?!\d)))\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+"
)
_BARE_DAY = re.compile(r"^(?:the\s+)?(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?$")
_MONTH_VALUE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
_BARE_YEAR = re.compile(r"^(?:1[0-9]{3}|2[01][0-9]{2})$")
_DATE_WORD = re.compile(
    r"\d|\b(?:"
    + "|".join(sorted(set(MONTHS) | set(WEEKDAYS), key=len, reverse=True))
    + r"|today|yesterday|tomorrow|tonight|spring|summer|autumn|fall|winter|quarter|"
    r"twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
    re.I,
)


# the words of a quotation that name the day it was said
_SAID_TODAY = frozenset(("today", "tonight", "this morning", "this afternoon", "this evening"))


def list_items(text: str) -> list[tuple[int, str]]:
    """The items of a span that lists dates, each with its offset in ``text``; the span
    itself when it is one date ("Friday, Oct. 23", "Oct. 23, 1998", "between 1994 and
    1997") or when an item names no date ("January, a week")."""
    if re.match(r"^\s*(?:between|from)\b", text, re.I):
        return [(0, text)]
    items: list[tuple[int, str]] = []
    start = 0
    for m in _SEPARATOR.finditer(text):
        items.append((start, text[start : m.start()]))
        start = m.end()
    items.append((start, text[start:]))
    if len(items) == 1:
        return items
    merged: list[tuple[int, str]] = []
    for offset, item in items:
        word = item.strip().lower().rstrip(".")
        if merged:
            prev_offset, prev = merged[-1]
            prev_words = prev.strip().lower().split()
            year_of_prev = bool(_BARE_YEAR.match(word)) and not re.search(r"\d{4}", prev)
            year_of_prev = year_of_prev and bool(re.search(r"[a-z]", prev, re.I))
            first = word.split()[0].rstrip(".") if word else ""
            weekday_before = bool(prev_words) and prev_words[-1].rstrip(".") in WEEKDAYS
            weekday_before = weekday_before and (first in MONTHS or first[:1].isdigit())
            if year_of_prev or weekday_before:
                merged[-1] = (prev_offset, text[prev_offset : offset + len(item)])
                continue  # "Oct. 23, 1998", "Friday, Oct. 23": one date
        merged.append((offset, item))
    if len(merged) > 1 and not all(_DATE_WORD.search(item) for _o, item in merged):
        return [(0, text)]
    return merged


# Words a speaker counts from the day they speak: "tomorrow", "tonight", "next week",
# "two days ago"
_SAID_RELATIVE = re.compile(
    r"\b(?:tomorrow|today|tonight|yesterday|(?:next|this|last|coming)\s+"
    r"(?:week|weekend|month|year|season|morning|afternoon|evening|night)|ago|from now)\b",
    re.I,
)


def said_relative(text: str) -> bool:
    """Whether a date expression is counted from the day it is said ("tomorrow", "next
    week", "two days ago"): inside a quotation, from the speaker's day, not the article's."""
    return _SAID_RELATIVE.search(text) is not None


class DocumentResolver:
    """An article's expressions resolved in reading order.

    >>> doc = DocumentResolver(dt.date(1989, 10, 26))
    >>> doc.resolve("the third quarter"), doc.resolve("a year earlier")
    ('1989-Q3', '1988-Q3')

    Only an expression that names its own date moves the reference; "a year earlier" read
    twice gives the same value twice. :meth:`read` also splits a span that lists dates.
    """

    def __init__(self, anchor: dt.date | dt.datetime | None, *, language: str = "en") -> None:
        self.anchor = _to_date(anchor)
        self.language = _check_language(language)
        self.reference: str | None = None
        self.day: str | None = None  # the last value that names a day
        self.sentence: int | None = None  # the sentence of the reference, when told
        self.named_year = False  # whether the reference's text wrote its year
        self.day_sentence: int | None = None  # the sentence of ``day``, when told
        self.day_listed = False  # whether ``day`` was named in a line with no verb

    def _day_said(self, cleaned: str, sentence: int | None) -> str | None:
        """The day a quotation was said, for its "today" or "tonight": the day named last,
        in this sentence or the one before, when it is before the anchor ("Norris won on
        Saturday night. 'The car was unbelievable tonight,' Norris said." in Sunday's
        paper: Saturday night)."""
        if cleaned not in _SAID_TODAY or self.day is None or self.anchor is None:
            return None
        if sentence is None or self.day_sentence is None:
            return None
        if not 0 <= sentence - self.day_sentence <= 1:
            return None
        return self.day if dt.date.fromisoformat(self.day) < self.anchor else None

    def _same_side(self, tense: Tense) -> bool:
        """Whether a bare time of day ("at 11 a.m.", "in afternoon trading") in a clause of
        ``tense`` may be on the day named last: that day is on the side of the anchor the
        tense points to. "The device ships Sept. 25 ... shares fell 1.3% in afternoon
        trading" is the anchor's afternoon; so is "At 11 a.m., Milton was centered ..."
        after "forecast to make landfall late Thursday". A day named sentences before
        stays the day ("Ford said on Tuesday ... in morning trading": MEANTIME), and so does
        one in a clause with no tense ("cocktail hour, Oct. 26, and [evening] reception")."""
        if self.day is None or self.anchor is None:
            return self.day is not None
        day = dt.date.fromisoformat(self.day)
        if day > self.anchor:
            return tense != "past"
        return not (tense == "future" and day < self.anchor)

    def resolve(
        self,
        text: str,
        *,
        tense: Tense = None,
        after: str | None = None,
        sentence: int | None = None,
        quoted: bool = False,
        listed: bool = False,
    ) -> str | None:
        """The value of ``text`` (a duration's is ISO 8601, "P3D", or None: it never moves
        the reference), moving the reference when ``text`` names a date of its own.
        ``after``: the value of the range's start when ``text`` ends a range (see
        :func:`.resolver.resolve`). ``sentence``: the index of the sentence ``text`` is in;
        a time of day in the sentence of a date coarser than a day is on no day named
        before ("Last August the road read 61 degrees [at 3 p.m.]": some day of August).
        ``listed``: ``text`` is in a line with no verb (a list's "US CPI, Wednesday"): its
        day is lent to no time of day in a later sentence."""
        if is_duration(text):
            return duration_value(text)
        reference = self.reference
        cleaned = _clean(text)
        if self.day is not None and on_a_day(cleaned):
            if sentence is not None and sentence == self.sentence and self._coarse():
                return None
            reference = self.day  # "Tuesday ... in February ... in morning trading"
            if time_of_day_only(cleaned) and not self._same_side(tense):
                reference = None  # the anchor's day, not another clause's
        if time_of_day_only(cleaned) and self.day_listed and sentence != self.day_sentence:
            reference = None  # "fell 0.8% as of 4 p.m." after a list of the week's days
        said = self._day_said(cleaned, sentence) if quoted else None
        value = (
            said
            or self._same_weekday(text, tense)
            or resolve(
                text,
                self.anchor,
                tense=tense,
                language=self.language,
                reference=reference,
                after=after,
            )
        )
        if value is not None and sentence is not None and sentence == self.sentence:
            value = self._in_order(text, value)
        if value is not None and not is_anaphoric(text) and not (quoted and said_relative(text)):
            # a speaker's "tomorrow" ("'Tomorrow we need early wickets,' he said") is
            # counted from their day: the narrative's "the day" after it is not that day
            self.reference = value
            self.sentence = sentence
            self.named_year = YEAR_WRITTEN.search(text) is not None
            if re.match(r"\d{4}-\d{2}-\d{2}", value):
                self.day = value[:10]
                self.day_sentence = sentence
                self.day_listed = listed
        return value

    def _in_order(self, text: str, value: str) -> str:
        """A month named without its year after a date that wrote its year, in the same
        sentence, takes the year that keeps the order: "begin in April 2027 and finish by
        the end of September" is September 2027, not the September nearest the anchor."""
        ref = self.reference
        if not (
            self.named_year and ref and _MONTH_VALUE.fullmatch(value) and _MONTH_VALUE.match(ref)
        ):
            return value
        if YEAR_WRITTEN.search(text) or not names_month(text, self.language):
            return value
        year = int(ref[:4])
        ordered = f"{year}{value[4:]}"
        n = min(len(ordered), len(ref))
        if ordered[:n] < ref[:n]:
            ordered = f"{year + 1}{value[4:]}"
        return ordered if len(ordered) == 7 or _valid(ordered) else value

    def _same_weekday(self, text: str, tense: Tense) -> str | None:
        """A bare weekday after a date named on that weekday, within a week of the anchor, is
        that date ("jeudi 26 novembre ... jeudi", "Thursday, Nov. 26 ... Thursday") unless
        the tense points the other way ("ended on Wednesday ... will be back on
        Wednesday": the next one)."""
        if self.day is None or self.anchor is None:
            return None
        weekday = bare_weekday(text, self.language)
        if weekday is None:
            return None
        day = dt.date.fromisoformat(self.day)
        if day.weekday() != weekday or abs((day - self.anchor).days) > 6:
            return None
        if (tense == "future" and day <= self.anchor) or (tense == "past" and day > self.anchor):
            return None
        return self.day

    def _coarse(self) -> bool:
        """Whether the reference is a date coarser than a day ("2026-08", "2026-SU")."""
        return self.reference is not None and not re.match(r"\d{4}-\d{2}-\d{2}", self.reference)

    def read(
        self,
        start: int,
        text: str,
        *,
        tense: Tense = None,
        after: str | None = None,
        sentence: int | None = None,
        quoted: bool = False,
        listed: bool = False,
    ) -> list[Mention]:
        """The span ``text`` at offset ``start`` as ``(start, end, text, value)`` items: one,
        or one per date it lists; a bare day after a day takes its month ("April 24 and
        25"). ``after``: the start of the range ``text`` ends; ``sentence``: its sentence;
        ``quoted``: it is inside a quotation; ``listed``: it is in a line with no verb."""
        out: list[Mention] = []
        for offset, raw in list_items(text):
            item = raw.strip()
            lead = len(raw) - len(raw.lstrip())
            value = None
            day = _BARE_DAY.match(item.lower())
            previous = out[-1][3] if out else None
            if day and previous and re.fullmatch(r"\d{4}-\d{2}-\d{2}", previous):
                value = f"{previous[:8]}{int(day['d']):02d}"
                value = value if _valid(value) else None
            else:
                after = after if not out else None
                value = self.resolve(
                    item, tense=tense, after=after, sentence=sentence, quoted=quoted, listed=listed
                )
            begin = start + offset + lead
            out.append((begin, begin + len(item), item, value))
        return out

    def read_all(
        self, text: str, spans: Iterable[tuple[int, int, Tense]], *, more: bool = True
    ) -> list[Mention]:
        """Every date expression of ``text``: the caller's ``(start, end, tense)`` spans
        (e.g. a NER model's DATE/TIME entities) and, with ``more``, what :func:`.find` sees
        outside them, read in order of position with :meth:`read`."""
        given = [(start, zone_end(text, start, end), tense, True) for start, end, tense in spans]
        extra = [
            (start, end, None, False)
            for start, end, _t in (find(text, language=self.language) if more else [])
            if not any(start < e and s < end for s, e, _tense, _g in given)
        ]
        out: list[Mention] = []
        for start, end, tense, _given in sorted([*given, *extra], key=lambda span: span[0]):
            out += self.read(start, text[start:end], tense=tense)
        return out


# "08:30" + " UTC": a model's TIME entity stops before the zone (MEANTIME launch and market
# reports, several documents)
_ZONE_AFTER = re.compile(r"\s?(?:UTC|GMT)\b(?!\s*[+-]\s*\d)")
_CLOCK_END = re.compile(r"\d[:.]\d{2}\s*$|\b\d{4}\s*$")


def zone_end(text: str, start: int, end: int) -> int:
    """``end``, or past the UTC/GMT that follows a clock time ending there (a model's TIME
    entity "08:30" stops before " UTC"), for a span ``text[start:end]``."""
    if not _CLOCK_END.search(text[start:end]):
        return end
    m = _ZONE_AFTER.match(text, end)
    return m.end() if m else end


def is_anaphoric(text: str) -> bool:
    """Whether ``text`` points at a date named before ("a year earlier", "that day")."""
    return refers_back(_clean(text))
