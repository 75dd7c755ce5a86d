"""Offline SVG pictures drawn from facts: the timeline of a briefing or a digest.

A timeline needs two or more dated ``when`` facts whose values place them on a calendar
(a day, a part of a day, a time, a week, a month, or an interval between days); years,
decades and seasons are too vague to plot and are left out. The dots sit on a horizontal
SVG axis by date; each event has its own row of page text below the axis, starting under
its dot (or ending at it), so labels never overlap and read at the page's size on a phone.
The SVG is plain markup with no text, scripts, links, images or fonts: it draws the same in
WeasyPrint, a browser and an e-mail client. Every label comes from an article and is
escaped, so an article cannot inject markup.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = [
    "Point",
    "describe_when",
    "parse_when",
    "shorten",
    "timeline_html",
    "timeline_points",
    "timeline_svg",
    "when_words",
]

_DAY = r"(\d{4})-(\d{2})-(\d{2})"
_DAY_LIKE = re.compile(rf"^{_DAY}(?:T(?:MO|AF|EV|NI|\d{{2}}:\d{{2}}(?::\d{{2}})?Z?))?$")
_INTERVAL = re.compile(rf"^{_DAY}/{_DAY}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def parse_when(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a ``when`` value covers, or None when it is not plottable.

    "2019-11-19" and "2019-11-19TNI" -> that day; "2019-11-24/2019-11-27" -> those days;
    "2019-11" -> the month; "2019-W47" -> the ISO week. Years, seasons, quarters, decades
    and anything else give None.
    """
    if not value:
        return None
    value = value.strip()
    if m := _DAY_LIKE.match(value):
        day = _day(*m.groups())
        return (day, day) if day else None
    if m := _INTERVAL.match(value):
        start, end = _day(*m.groups()[:3]), _day(*m.groups()[3:])
        return (start, end) if start and end and start <= end else None
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        if not (1 <= month <= 12 and dt.MINYEAR <= year < dt.MAXYEAR):
            return None
        first = dt.date(year, month, 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first, last - dt.timedelta(days=1)
    if m := _WEEK.match(value):
        try:
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        if m[3]:  # "2025-W48-WE": the Saturday and Sunday, not the week from Monday
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        return monday, monday + dt.timedelta(days=6)
    return None


# A part of the day as the minute it is ordered at ("2025-11-24TEV" after a day's 14:00).
_PART_MINUTES = {"MO": 9 * 60, "AF": 15 * 60, "EV": 19 * 60, "NI": 22 * 60}
_CLOCK = re.compile(r"T(?:(\d{2}):(\d{2})|(MO|AF|EV|NI))")


def minute_of_day(value: str) -> int:
    """The time of day a ``when`` value names, in minutes after midnight (-1: none)."""
    m = _CLOCK.search(value)
    if m is None:
        return -1
    return _PART_MINUTES[m[3]] if m[3] else int(m[1]) * 60 + int(m[2])


def _fallback_words(value: str, text: str | None = None) -> str:
    span = parse_when(value)
    if span is None:
        return text or value
    start, end = span

    def day(d: dt.date) -> str:
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"

    if _MONTH.match(value):
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if _WEEK.match(value):
        return f"week of {day(start)}"
    return day(start) if start == end else f"{day(start)} – {day(end)}"


def _describer() -> Callable[..., str]:
    try:
        from .dates import describe
    except ImportError:  # older tree without briefing.dates.describe
        return _fallback_words
    return describe


def describe_when(value: str | None, text: str | None = None) -> str | None:
    """A ``when`` value in a reader's words ("night of 19 Nov 2019"), or None without one."""
    if not value:
        return None
    words = _describer()(value, text)
    return " ".join(str(words).split()) or None


def _date_tokens(text: str) -> set[str]:
    """The words of a date, month names cut to three letters: "3 March 2025" -> 3, mar, 2025."""
    tokens = re.findall(r"[^\W_]+", text.casefold())
    return {t[:3] if t.isalpha() and len(t) > 3 else t for t in tokens}


_YEAR = re.compile(r"\d{4}")


def when_words(value: str | None, text: str) -> str | None:
    """A when-fact's value in a reader's words when they add to its text ("Monday" ->
    "18 Nov 2019", "this year" -> "2019"); None when they only repeat it ("3 March 2025")
    or the value is a code no reader's words are known for."""
    if not value:
        return None
    words = describe_when(value, text)
    if not words or (words == value and not _YEAR.fullmatch(value)):
        return None  # a code no reader's words are known for; a year is its own words
    return None if _date_tokens(words) <= _date_tokens(text) else words


@dataclass(frozen=True, slots=True)
class Point:
    """One event on a timeline: the days it covers, its date in words, and a short label."""

    start: dt.date
    end: dt.date
    when: str
    label: str
    minute: int = -1  # the time of day for ordering one day's events (-1: the whole day)

    @property
    def order(self) -> tuple[dt.date, dt.date, int, str]:
        """Timelines run by day, then by time on one day: "00:00" before "20:00"."""
        return (self.start, self.end, self.minute, self.label)


_EDGE_WORDS = frozenset(
    (
        "on",
        "in",
        "at",
        "by",
        "from",
        "since",
        "until",
        "till",
        "between",
        "during",
        "of",
        "and",
        "or",
        "to",
        "the",
        "a",
        "an",
        "this",
        "that",
        "last",
        "next",
        "early",
        "late",
        "said",
        "says",
        "for",
        "with",
        "as",
        "when",
        "while",
        "after",
        "before",
    )
)
# A comma or colon between digits is part of a number or a time ("12,000", "11:40am"); a
# comma before a hyphened place ("The Moline, Ill.-based company", "Anaheim,
# California-based Vesync") is inside one modifier.
_MODIFIER_AFTER = r"(?!\s[A-Z][\w.'’]*-[a-z])"
_CLAUSE_BREAK = re.compile(
    rf"[;“”\"()]|(?<!\d)[,:]{_MODIFIER_AFTER}|[,:](?!\d){_MODIFIER_AFTER}|\s[–—-]\s"
)


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


def _trim(words: list[str]) -> list[str]:
    """``words`` without linking words ("on", "the", "said") at either end."""
    while words and words[0].lower().strip(".,") in _EDGE_WORDS:
        words = words[1:]
    while words and words[-1].lower().strip(".,") in _EDGE_WORDS:
        words = words[:-1]
    return words


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


_DATE_LEAD = r"(?<!\w)(?:(?:on|in|at|by|since|until|from|during|early|late|last|this|next|the)\s+)*"
# before a named date, the article and an adjective its own words leave out ("on a
# cold November morning", "after a wet November", "a quiet Sunday")
_NAMED_LEAD = r"(?:an?\s+(?:[a-z]+\s+)?)?"
# the zone a clock time was given in goes with it: "at 4:17 a.m. local time", "6 p.m. CST"
_ZONE_AFTER = r"(?:\s+(?:local time|(?-i:[A-Z]{1,4}T|UTC|WIB))\b)?"
_OPENING_LINKS = frozenset(("and", "or", "but", "so", "then", "also"))


def _date_phrase(date_text: str) -> str:
    """The pattern of a date as a sentence words it: its leading words, the date (spaces
    normalised) and the zone after a clock time."""
    named = _NAMED_LEAD if date_text.strip()[:1].isupper() else ""
    return rf"{_DATE_LEAD}{named}{re.escape(' '.join(date_text.split()))}{_ZONE_AFTER}"


# A date with a preposition of its own ("on Monday night", "at 9 a.m.", "early on Sunday",
# "in March") or a date that is itself an adverb ("last week", "late Wednesday", "today")
# modifies the clause, which reads whole without it: "voted 7 to 2 on Monday night to
# close the pier" -> "voted 7 to 2 to close the pier" (the timeline shows the day beside
# the label, and a label is cut at a fixed length). A date governed by another word stays:
# the object of someone else's preposition ("shortly after 4 p.m.", "for next year"), a
# possessive ("today's"), a bare date a verb takes ("Preorders start Friday"), a date in a
# name or a number, or one of a list or range ("in March and April").
_OWN_LEAD = r"(?:(?:early|late)\s+)?(?:on|in|at|during)\s+(?:(?:early|late|the)\s+)?"
_ADVERB_DATE = re.compile(r"(?:last|this|next|early|late|today|yesterday|tonight|tomorrow)\b", re.I)
_GOVERNED_AFTER = re.compile(
    r"\b(?:of|for|after|before|until|till|since|than|from|to|by|between|through|about|"
    r"around|within|over|into|as|and|or|per)\s+$",
    re.I,
)
_LIST_AFTER = (
    r"(?!\s*,?\s+(?:and|or|to|through|until|till)\s+(?:(?-i:[A-Z0-9])|(?:last|this|next|"
    r"early|late|mid)\b))(?!\s*,?\s+(?:and|or)\s+(?:beyond|after|before|since|until|till|"
    r"through|in|on|at|during|by)\b)(?!\s*[-–]\s*\d)"
)


# a second date after a coordination ("Pre-orders open on November 20 and the phone goes on
# sale on December 4"): without its own date, the first conjunct reads as the second's
_COORDINATED = re.compile(r"\s*,?\s+(?:and|or|but)\s")
_LATER_DATE = re.compile(
    rf"\b(?:on|in|at|by|until|till|from|before|after)\s+(?:the\s+(?:end|start|middle)\s+of\s+)?"
    rf"(?:\d|(?:{'|'.join(_MONTHS)})[a-z]*\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
)


def _drop_date(text: str, date_text: str, *, opening: bool = False) -> str:
    """``text`` without the date phrase of ``date_text`` where the label reads whole
    without it: at a clause's edge ("… fell sharply on Tuesday."), opening the text (with
    ``opening``: "Last year I bought …") or as the clause's temporal modifier ("agreed on
    Monday to buy …"). Elsewhere the date stays, verbatim."""
    phrase = _date_phrase(date_text)
    rest = re.sub(phrase + _EDGE, " ", text, count=1, flags=re.I)
    if rest == text and opening:  # "Now we know ...", "And by 6 p.m. the figure ..."
        rest = re.sub(rf"^\s*(?:(?:and|but)\s+)?{phrase}(?=\s)", " ", text, count=1, flags=re.I)
    if rest != text:
        return rest
    date = re.escape(" ".join(date_text.split()))
    adverb = _ADVERB_DATE.match(date_text.strip()) is not None
    named = _NAMED_LEAD if date_text.strip()[:1].isupper() else ""
    lead = r"(?:on\s+)?" if adverb else rf"{_OWN_LEAD}{named}"
    modifier = re.compile(rf"(?<![\w'’-]){lead}{date}{_ZONE_AFTER}(?![\w'’-]){_LIST_AFTER}", re.I)
    # a bare common noun after the preposition may modify the next noun ("in morning
    # trading", "at night time"): it goes only with its article ("in the morning")
    noun = not adverb and date_text.islower() and not re.search(r"\d", date_text)
    # after "the", a named date before a noun is that noun's modifier ("during the Black
    # Friday season"); a possessive date ("last week's hearing") is the noun's too
    if re.search(r"['’]s$", date_text.strip()):
        return text
    for m in modifier.finditer(text):
        article = re.search(r"\bthe\s", m.group(0), re.I) is not None
        if noun and not article:
            continue
        if article and not noun and re.match(r"\s+[a-z]", text[m.end() :]):
            continue
        if _COORDINATED.match(text, m.end()) and _LATER_DATE.search(text, m.end()):
            continue
        if m.start() > 0 and not _GOVERNED_AFTER.search(text[: m.start()]):
            return text[: m.start()] + " " + text[m.end() :]
    return text


def _trim_opening(words: list[str]) -> list[str]:
    """``words`` from a clause's start without a leading conjunction ("And …") and without
    linking words at the end; the opening's articles and prepositions stay ("The band …")."""
    while words and words[0].lower().strip(".,") in _OPENING_LINKS:
        words = words[1:]
    return words and _trim_end(words)


# Words a label cannot end on (a date's preposition left behind); "late" or "said" can.
_END_WORDS = _EDGE_WORDS - {"early", "late", "last", "next", "this", "that", "said", "says"}


def _trim_end(words: list[str]) -> list[str]:
    while words and words[-1].lower().strip(".,") in _END_WORDS:
        words = words[:-1]
    return words


def event_label(sentence: str, date_text: str, limit: int = 60) -> str:
    """A short label for the event a sentence dates: the sentence from its first clause
    with three or more words of its own, without the date phrase (shown beside it already).

    News sentences put the actor and the verb first ("Oil prices fell sharply on Tuesday"
    -> "Oil prices fell sharply"), so the label starts where the sentence does; a leading
    clause that is only the date ("On Monday, …") or a quotation mark is skipped. Labels
    cut out of the middle of a clause ("It was", "'s announcement come as") read as noise,
    so they are never made.
    """
    text = " ".join(sentence.split())
    own = _own_clause(_inline_quotes(text), date_text)
    if own is not None:  # "Pre-orders open today, and the device ships on July 15"
        return shorten(own[0].upper() + own[1:], limit)
    aside = _past_aside(text, date_text)
    if aside is not None:  # "Robert Smith, the chairman, told shareholders on Tuesday ..."
        return shorten(_paired_quotes(aside), limit)
    if date_text and not _complement(text, date_text):
        # Only a date at a clause's edge goes ("… fell sharply on Tuesday."); one inside a
        # phrase ("Tuesday's announcement", "for the March 21 call") stays, verbatim.
        text = _drop_date(text, date_text)
        text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)  # "local time (0117 GMT)" less its time
        text = re.sub(r"\s+(?=[,;:.!?])", "", " ".join(text.split()))
        text = re.sub(r"([,;:])[,;:]+", r"\1", text)
        text = re.sub(r"\s[–—]\s+[–—](?=\s)", "", text)
    spans = _clauses(text)
    first = next(
        (a for a, b in spans if len(_trim(text[a:b].split())) >= 3),
        spans[0][0],
    )
    words = _trim_opening(text[first:].split())
    label = " ".join(words).strip(" .!?,;:|–—-")
    if len(label.split()) < 3:  # "Clinching", ", Rep": the whole sentence says more
        label = " ".join(sentence.split()).strip(" .!?,;:|–—-")
    if label[:1].islower():
        label = label[0].upper() + label[1:]
    return shorten(_paired_quotes(label), limit)


# a quotation opened inside a clause, right after a word of it: 'the club was "not
# bluffing."' (the label stopped at the mark: "Sherman said that the club was")
_INLINE_QUOTE = re.compile(r'(?<=[a-z] )["“]([^"“”]{1,80}?[.!?]?)["”](?=\s*$)')


def _inline_quotes(text: str) -> str:
    """``text`` with the marks of quotations that run on inside a clause taken out."""
    return _INLINE_QUOTE.sub(r"\1", text)


# the verb "be" right before the date: the date is what the clause says ("The last fatal
# crash was in August 2013"); without it the label ends on "was"
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been)\s+$", re.I)


def _complement(text: str, date_text: str) -> bool:
    """Whether the date is the complement of "be" (it stays in the label)."""
    at = _date_at(text, date_text)
    if at < 0:
        return False
    before = text[:at]
    bare = re.sub(r"\b(?:in|on|at|during)\s+(?:the\s+)?$", "", before, flags=re.I)
    return bare != before and bool(_BE_BEFORE.search(bare))


# an aside about the subject before it: a relative clause ("X, who scored ..., will"), a
# description ("Robert Smith, the 71-year-old chairman, told"), an age ("Smith, 44,
# said") or a participle ("The telescope, launched on ..., is")
_RELATIVE = re.compile(r"^(?:who|which|whose|whom|where|that)\b")
# a sentence's opening that is no subject: a preposition, a conjunction or an adverb of time
_ADVERBIAL = re.compile(
    r"^(?:at|in|on|for|after|before|during|when|while|if|as|since|until|with|by|from|to|"
    r"of|about|beyond|according|despite|under|over|amid|among|against|like|unlike|"
    r"following|including|per|via|within|without|although|though|because|"
    r"now|then|today|yesterday|still|yet|so|but|and|also|here|there)\b",
    re.I,
)
_ASIDE = re.compile(r"^\s*(?:who|which|whose|whom|the|a|an|\d+|[a-z]+ed)\s")


def _past_aside(text: str, date_text: str) -> str | None:
    """The label of a sentence that opens with its subject and an aside set off by commas
    ("Robert Smith, the 71-year-old chairman, told shareholders on Tuesday ...", "The
    24-year-old, who scored 17 goals last season, will join on July 1"): the subject
    with the clause the date sits in, the main clause ("Robert Smith told shareholders
    ...") or the aside ("The Australian, who led the standings by 34 points ..."); never a
    label that starts with the aside's relative pronoun or the main clause's bare verb."""
    if date_text:  # the date's own commas break no clause ("launched on Dec. 25, 2021,")
        date_text = " ".join(date_text.split())
        text = text.replace(date_text, date_text.replace(",", ""), 1)
        date_text = date_text.replace(",", "")
    spans = _clauses(text)
    if len(spans) < 3 or text[spans[0][1] : spans[0][1] + 1] != ",":
        return None
    (a0, b0), (a1, b1), (a2, _b2) = spans[:3]
    subject, aside = text[a0:b0].strip(), text[a1:b1].strip()
    if (
        text[b1 : b1 + 1] != ","
        or not subject[:1].isupper()
        or len(subject.split()) > 5
        or not _ASIDE.match(aside + " ")
    ):
        return None
    rest_words = text[a2:].split()
    if (
        not rest_words
        or not rest_words[0][:1].islower()
        or rest_words[0] in _OPENING_LINKS
        or _RELATIVE.match(rest_words[0])
    ):
        return None  # the third part is no main clause's verb ("X, Y, and Z")
    at = _date_at(text, date_text)
    if 0 <= at < b0 or _ADVERBIAL.match(subject):
        return None  # "Last month, a judge ...", "At the hearing, the two witnesses, ..."
    phrase = _date_phrase(date_text) if date_text else None
    if a1 <= at < b1:
        # the aside dates the subject: "The Australian, who led the standings ... in
        # August", "The telescope, launched on Dec. 25, 2021"
        bare = aside if phrase is None else _drop_date(aside, date_text)
        kept = _trim_end(bare.split())
        return f"{subject}, {' '.join(kept)}" if kept else None
    rest = text[a2:]
    if phrase is not None and at >= a2:
        rest = _drop_date(rest, date_text)
    words = _trim_end(" ".join(rest.split()).strip(" .!?,;:|–—-").split())
    return f"{subject} {' '.join(words)}" if len(words) >= 2 else None


# Only a date at a clause's edge goes ("… fell sharply on Tuesday."); one inside a phrase
# ("Tuesday's announcement", "married for two years when") stays, verbatim.
_EDGE = r"(?=\s*(?:[,;:.!?)–—]|$))"


def _paired_quotes(label: str) -> str:
    """``label`` without quotation marks whose partners the cut left out ('Without new money,
    our pipeline breaks," said WFP …': the label starts inside the quotation)."""
    if len(re.findall(r'(?<!\d)"', label)) % 2:  # not the inch mark of '65" TV'
        label = re.sub(r'(?<!\d)"', "", label)
    if label.count("\u201c") != label.count("\u201d"):
        label = label.replace("\u201c", "").replace("\u201d", "")
    return " ".join(label.split())


_JOINED_CLAUSE = re.compile(r"^\s*(?:and|but|while|whereas)\s", re.I)
# a joined clause without a subject of its own opens on an auxiliary verb
_NO_SUBJECT = re.compile(
    r"^\s*(?:and|but)\s+(?:was|were|is|are|has|had|have|will|would|could|can|may|might|"
    r"should|did|does)\b",
    re.I,
)
# a name opening the sentence: two or more capitalised words ("Hurricane Milton")
_NAME_AT_START = re.compile(r"^(?:[A-Z][\w.'’-]*\s+)+?[A-Z][\w.'’-]*(?=\s+[a-z])")


def _own_clause(text: str, date_text: str) -> str | None:
    """The label of a date in a clause of its own: a second main clause joined by "and",
    "but" or "while" ("…, and the device ships on July 15" -> "The device ships"), or the
    sentence's first clause when the date sits in it with two or more words beside it
    ("Pre-orders open today, and …" -> "Pre-orders open"). Else None (the caller's rule)."""
    at = _date_at(text, date_text)
    if at < 0:
        return None
    spans = _clauses(text)
    k = next((n for n, (a, b) in enumerate(spans) if a <= at < b), None)
    if k is None or len(spans) < 2:
        return None
    a, b = spans[k]
    clause = text[a:b]
    if k > 0 and not _JOINED_CLAUSE.match(clause):
        return None
    if k > 0 and _NO_SUBJECT.match(clause):
        # "..., and was forecast to make landfall late Thursday": the verb shares the
        # sentence's subject, a name at its start ("Hurricane Milton"), or no label here
        name = _NAME_AT_START.match(text)
        if name is None:
            return None
        clause = name.group(0) + " " + _JOINED_CLAUSE.sub("", clause, count=1)
    rest = clause
    if not _complement(text, date_text):
        # as the caller's rule, or opening the clause: one governed inside it stays
        # ("broke out shortly after 11 a.m. near the canyon", not "shortly after near")
        rest = _drop_date(clause, date_text, opening=True)
    words = _trim_opening(rest.split())
    enough = 3 if k > 0 else 2
    # words of its own, not only linking words and a time ("At 5:40")
    return " ".join(words).strip(" .!?,;:|–—-") if len(_trim(words)) >= enough else None


# A date that bounds or follows the event is its context, not its date: "the lowest level
# since September", "released on bail until June 4" (a timeline had put the fall in
# September and the arrest on 4 June).
_CONTEXT_BEFORE = re.compile(r"\b(?:since|until|till|through|ever since)\s+(?:the\s+)?$", re.I)
# A baseline a figure is compared with is no event: "prices rose 4.9% on a year earlier",
# "up from the previous year", "compared with last year" (jobs and inflation reports).
_COMPARED_BEFORE = re.compile(r"\b(?:on|from|than|with|to|versus|vs\.?)\s+$", re.I)
_BASELINE = re.compile(
    r"^(?:(?:a|one) year (?:earlier|ago|before)|the (?:previous|prior|year-earlier) "
    r"(?:year|month|quarter|period)|last year|the same (?:month|quarter|period) (?:a year "
    r"earlier|last year))$",
    re.I,
)


def _context_date(source: str, date_text: str) -> bool:
    text = " ".join(source.split())
    at = _date_at(text, date_text)
    if at <= 0:
        return False
    before = text[:at]
    if _BASELINE.match(" ".join(date_text.split())) and _COMPARED_BEFORE.search(before):
        return True
    return _CONTEXT_BEFORE.search(before) is not None


def _quoted_date(source: str, date_text: str) -> bool:
    """Whether a date counted from the day it is said stands inside a quotation of its
    sentence ('"Tomorrow we need early wickets," he said'): the speaker's own frame of
    time, often a plan or a wish, not an event the article reports; it stays a "when" fact
    (with its sentence) but is no point on the timeline. A quoted statement's own dates
    ("forces ... located and destroyed 15 weapons caches from November 24 to 27") stay."""
    from .dates import said_relative

    if not said_relative(date_text):
        return False  # a statement's own dates ('“forces ... from November 24 to 27”')
    text = " ".join(source.split())
    at = _date_at(text, date_text)
    if at < 0:
        return False
    before = text[:at]
    if before.rfind("“") > before.rfind("”"):
        return True
    return before.count('"') % 2 == 1


def _date_at(text: str, date_text: str) -> int:
    """Where ``date_text`` (spaces normalised) first stands in ``text``, any case; -1: not."""
    if not date_text:
        return -1
    return text.lower().find(" ".join(date_text.split()).lower())


def timeline_points(
    items: Iterable[tuple[str | None, str | None, str]], *, limit: int = 5, label_chars: int = 60
) -> tuple[Point, ...]:
    """The plottable events among ``(value, date_text, label_source)`` items, by date.

    Each item is a when-fact's value, its text as the article wrote it, and the sentence
    (or title) the label is made from. The first ``limit`` plottable items are kept (the
    caller passes them best first) and a value met twice is kept once.
    """
    points: list[Point] = []
    seen: set[str] = set()
    days: set[tuple[str, dt.date]] = set()
    for value, text, source in items:
        if text and (_context_date(source, text) or _quoted_date(source, text)):
            continue
        span = parse_when(value)
        if span is None or value in seen or (source, span[0]) in days:
            continue  # one sentence, one day: "at 4:17 a.m. local time (0117 GMT)" is one time
        assert value is not None
        seen.add(value)
        days.add((source, span[0]))
        words = describe_when(value, text) or value
        label = event_label(source, text or "", label_chars)
        points.append(Point(span[0], span[1], words, label, minute_of_day(value)))
        if len(points) >= limit:
            break
    return tuple(sorted(points, key=lambda p: p.order))


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


_WIDTH, _PAD, _AXIS_Y, _HEIGHT = 560, 14, 9, 20


def _positions(points: tuple[Point, ...]) -> list[tuple[float, float]]:
    """Each point's start and end as x in the SVG's 0..560 viewBox (dates left to right)."""
    first = min(p.start for p in points)
    days = max(1, (max(p.end for p in points) - first).days)
    inner = _WIDTH - 2 * _PAD
    return [
        (_PAD + inner * (p.start - first).days / days, _PAD + inner * (p.end - first).days / days)
        for p in points
    ]


def timeline_svg(points: tuple[Point, ...], *, title: str = "Timeline") -> str:
    """The axis of the timeline of ``points`` as an inline SVG (empty with fewer than two).

    A line with a dot per event (a bar under an event that lasts several days) and a tick
    down from each dot to its label's row; no text, so it draws the same everywhere.
    Sized by its viewBox, so it scales to the width of its container.
    """
    if len(points) < 2:
        return ""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-axis" role="img" '
        f'viewBox="0 0 {_WIDTH} {_HEIGHT}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f"<title>{_esc(title)}</title>",
        f'<line x1="{_PAD}" y1="{_AXIS_Y}" x2="{_WIDTH - _PAD}" y2="{_AXIS_Y}" '
        f'stroke="#9fb3c8" stroke-width="1.5"/>',
    ]
    for x0, x1 in _positions(points):
        mid = (x0 + x1) / 2
        out.append(
            f'<line x1="{mid:.1f}" y1="{_AXIS_Y}" x2="{mid:.1f}" y2="{_HEIGHT}" '
            f'stroke="#cdd6df" stroke-width="1"/>'
        )
        if x1 - x0 >= 3:
            out.append(
                f'<line x1="{x0:.1f}" y1="{_AXIS_Y}" x2="{x1:.1f}" y2="{_AXIS_Y}" '
                f'stroke="#7fa3c6" stroke-width="4" stroke-linecap="round"/>'
            )
        out.append(f'<circle cx="{mid:.1f}" cy="{_AXIS_Y}" r="3.6" fill="#1f4e79"/>')
    out.append("</svg>")
    return "\n".join(out)


def timeline_html(points: tuple[Point, ...], *, title: str = "Timeline") -> str:
    """The whole timeline as HTML: the SVG axis over one row per event (empty with fewer
    than two points).

    Each row starts under its dot (or, in the right half, ends at it), so rows and dots
    pair up by position; the labels are page text, set in the page's fonts at the page's
    size (readable on a phone), and escaped.
    """
    if len(points) < 2:
        return ""
    rows = []
    for p, (x0, x1) in zip(points, _positions(points), strict=True):
        at = (x0 + x1) / 2 / _WIDTH * 100
        if at <= 55:
            style, side = f"margin-left:{at:.2f}%", "from-left"
        else:
            style, side = f"margin-right:{100 - at:.2f}%", "from-right"
        rows.append(
            f'<li class="{side}" style="{style}"><span class="when">{_esc(p.when)}</span>'
            f'<span class="sep"> · </span>{_esc(p.label)}</li>'
        )
    return (
        f'<figure class="timeline-chart">{timeline_svg(points, title=title)}'
        f'<ol class="timeline-events">{"".join(rows)}</ol></figure>'
    )
