"""spaCy entities with boundaries and labels repaired by rule for news text."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import dates
from ..lexicon import HOLIDAYS, NEWS_AGENCIES
from ..nlp import text_of
from .where import is_demonym, known_place, named_by_place_noun
from .words import (
    BODY_WORDS,
    CORPORATE,
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    CURRENCY_SIGNS,
    FACILITY_WORDS,
    GROUP_OWNERS,
    GROUP_WORDS,
    LOCATIVE_PREPS,
    LONG_SIZES,
    MULTIPLIERS,
    PLACE_NOUNS,
    SHORT_SIZES,
    conjuncts,
    is_title_word,
    name_key,
)


@dataclass(frozen=True, slots=True)
class Labelled:
    """A spaCy Span with a corrected label (spaCy Spans cannot be relabelled cheaply)."""

    span: Any
    label_: str

    @property
    def text(self) -> str:
        return str(self.span.text)

    @property
    def start_char(self) -> int:
        return int(self.span.start_char)


def fixed_entities(doc: Any, *, extend: bool = True) -> Iterator[Labelled]:
    """The Doc's entities with boundaries and labels repaired by rule (see module doc):
    hyphenated names completed ("Mazar[-e-Sharif]"), a group's lost first word restored
    ("[Hayat] Tahrir al-Sham"), "[This] year", junk after a date dropped ("November 8, 2016
    [Dozens]"), a name's trailing function word dropped ("Thibaut Courtois [to]"), a
    lower-case word before a name dropped ("[older] MacBook Pro"), and a date next to a
    time joined ("Wednesday" + "morning")."""
    found: list[list[Any]] = []
    ents = _with_holidays(doc, _with_amounts(doc))
    for k, (start, end, label) in enumerate(ents):
        ent = doc[start:end]
        if k + 1 < len(ents) and title_before_name(doc, ents[k], ents[k + 1]):
            continue  # "Cal Fire spokesperson Capt" + "." + "Robyn Lee": a role, no person
        if k > 0 and title_before_name(doc, ents[k - 1], ents[k]):
            start = _title_start(doc, ents[k - 1])  # "Capt. Robyn Lee"
        if label in ("DATE", "TIME"):
            if start > 0 and doc[start - 1].lower_ in ("this", "last", "next", "early", "late"):
                start -= 1  # "This year" read as "year"
            elif start > 0 and f"{doc[start - 1].lower_} {doc[start].lower_}" in HOLIDAYS:
                start -= 1  # "Black Friday" read as "Friday"
            while end - start > 1 and _stray_after_date(doc[end - 1]):
                end -= 1
            end = _sentence_after_date(doc, start, end)
        if extend and label == "PERSON" and fixed_label(ent, "PERSON") == "ORG":
            # a group the model read as a person often lost its first word too:
            # "Hayat [Tahrir al-Sham]"
            while (
                start > 0
                and start > doc[ent.start].sent.start
                and ent.start - start < 2
                and doc[start - 1].tag_ in ("NNP", "NNPS")
                and not doc[start - 1].ent_type_
                and doc[start - 1].text[:1].isupper()
                and not doc[start - 1].text.isupper()
                and not is_title_word(doc[start - 1].text)
            ):
                start -= 1
        if label == "DATE":
            start = _clock_before(doc, start)  # "[06:00 GMT on] Friday": the model left it out
        bar = next((t.i for t in doc[start:end] if t.text == "|"), None)
        if bar is not None:  # a table's cells typed as text: "1 | 1,000 |" is not one entity
            start, end = (start, bar) if bar > start else (start + 1, end)
            if start >= end:
                continue
        end = _hyphenated_end(doc, end)
        if label in _NAMES:
            start, end = _before_dash(doc, start, end)
            if _zone_after_clock(doc, start, end):
                continue  # "6 a.m. CST": the time's zone, read as a person or a group
        while label in _NAMES and end - start > 1 and _function_word(doc[end - 1]):
            end -= 1  # "Thibaut Courtois [to]", "Hall of Fame's Class [of]"
        if label in _NAMES and end - start > 3 and _SCORE.fullmatch(doc[end - 3 : end].text):
            end -= 3  # "Iceland [0-0]": the score after a team, not part of its name
        while label in _NAMES and end - start > 1 and _lower_lead(doc[start]):
            start += 1  # "[hunt] Jedi", "[older] MacBook Pro"
        if label in ("PERSON", "ORG"):
            end = _lower_cut(doc, start, end, label)  # "with Root [after England] captain"
        if label in ("PERSON", "ORG"):
            end = _owner_end(doc, start, end)  # "Twilio[’s Media Streams]"
        if extend and label == "PERSON":
            start = _given_name_before(doc, start, end)  # "said [Pradeep] Adhikari"
        found.append([start, end, fixed_label(doc[start:end], label)])
    found = _place_parts(doc, _and_joined(doc, _joined_names(doc, found)))
    for start, end, label in _joined_dates(doc, found):
        yield Labelled(doc[start:end], label)


_NUMERIC = frozenset(("MONEY", "CARDINAL", "QUANTITY", "PERCENT"))


def _with_holidays(doc: Any, ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``ents`` with the holidays the date readers know (:data:`briefing.dates.HOLIDAY_NAME`)
    as dates: the model tags "New Year's Day", "Black Friday" or "Thanksgiving" as an event,
    a group or a place, and a second one after "or" not at all ("Christmas Day or [Boxing
    Day]"); such a name is a date in place of the entity that is no more than it (with "the"
    before it). A name inside a longer entity is that entity's ("the Thanksgiving Day
    Parade"), and one inside a date is the date's."""
    out = list(ents)
    for m in dates.HOLIDAY_NAME.finditer(text_of(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        start, end = span.start, span.end
        over = [e for e in out if e[0] < end and start < e[1]]
        if any(e[2] in ("DATE", "TIME") for e in over):
            continue
        if any(e[1] > end or (e[0] < start and doc[e[0]].lower_ != "the") for e in over):
            continue
        out = [e for e in out if e not in over] + [(start, end, "DATE")]
    return sorted(out)


def _with_amounts(doc: Any) -> list[tuple[int, int, str]]:
    """The model's entities with the sums and counts its form shows (:func:`amounts`) put
    in: an amount replaces the entities it overlaps ("£4.5bn" read as a person, "an initial
    €80" without its "m", "about 9" without its "lakh"), unless a number entity already
    holds it whole ("$3 million to $5 million"), which then keeps its words and becomes
    money when the amount is; a count never replaces a date ("220m years ago")."""
    ents = [(e.start, e.end, e.label_) for e in doc.ents]
    found = amounts(doc)
    if not found:
        return ents
    out: list[tuple[int, int, str]] = []
    for start, end, label in ents:
        inside = [a for a in found if start <= a[0] and a[1] <= end]
        if label in _NUMERIC and inside:
            money = label == "CARDINAL" and any(a[2] == "MONEY" for a in inside)
            measure = label == "CARDINAL" and any(a[2] == "QUANTITY" for a in inside)
            out.append((start, end, "MONEY" if money else "QUANTITY" if measure else label))
            found = [a for a in found if a not in inside]
        elif label in ("DATE", "TIME"):
            out.append((start, end, label))
            found = [a for a in found if not (a[2] != "MONEY" and a[0] < end and start < a[1])]
        elif not any(a[0] < end and start < a[1] for a in found):
            out.append((start, end, label))
    out += [a for a in found if not any(o[0] < a[1] and a[0] < o[1] for o in out)]
    return sorted(out)


# A number as one token ("12,500", "7.4"), or with its size glued on ("4.5bn", "38million")
_FIGURE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_LONG_SIZES = LONG_SIZES - {"hundred"}  # the sizes written as words after a number
_BARE = re.compile(_FIGURE)
_SIZED = re.compile(rf"(?:{_FIGURE})(?:{'|'.join(sorted(MULTIPLIERS, key=len, reverse=True))})s?")
_INDIAN = ("lakh", "crore")


def amounts(doc: Any) -> list[tuple[int, int, str]]:
    """Sums and counts read from their form, not the model's label, which the small model
    gets wrong for British, Indian and financial writing ("£4.5bn" tagged as a person, no
    entity for "£900m", "m" left outside "7.4"): a currency before a number with a size
    ("£4.5bn", "£900m", "Rs 12,500 crore", "US$5m") or without one ("stole more than
    £94,000": no entity) is money; a number with a size glued on
    ("2m", "7.4m") before a plural noun, or with a lakh or crore ("9 lakh"), is a count,
    or money when that noun is a currency ("537m euros"). Each as (start, end, label) of
    ``doc``'s tokens."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        j = i
        measure = _measure_at(doc, i)
        if measure:
            out.append((i, measure, "QUANTITY"))
            i = measure
            continue
        if _GLUED_SUM.fullmatch(tok.text) or (
            _LETTER_SUM.fullmatch(tok.text) and _size_end(doc, i) > i + 1
        ):
            # "R$40 million", "A$9,800", "R2.3 million" (rand): currency and figure one token
            end = _size_end(doc, i)
            out.append((i, end, "MONEY"))
            i = end
            continue
        if tok.text in currency_codes() and i + 1 < len(doc) and _BARE.fullmatch(doc[i + 1].text):
            end = _size_end(doc, i + 1)  # "CHF 12 million", "ZAR 300"
            out.append((i, end, "MONEY"))
            i = end
            continue
        if CURRENCY_BEFORE.fullmatch(tok.text):
            j = i + 1
            if tok.text == "Rs" and j < len(doc) and doc[j].text == "." and not tok.whitespace_:
                j += 1  # "Rs." split in two
        if j >= len(doc) or not (_BARE.fullmatch(doc[j].text) or _SIZED.fullmatch(doc[j].lower_)):
            i += 1
            continue
        end = _size_end(doc, j)
        sized = end > j + 1 or not _BARE.fullmatch(doc[j].text)
        if j > i:  # "£900m"; "£94,000" too, which the model often leaves out
            out.append((i, end, "MONEY"))
        elif j == i and sized:
            noun = plural_after(doc, end)
            if noun is not None and noun.lower_ in CURRENCY_AFTER:
                end = noun.i + 1
                out.append((i, end, "MONEY"))
            elif noun is not None or _indian(doc[j:end]):
                out.append((i, end, "CARDINAL"))
        i = max(end, i + 1)
    return out


# A currency sign glued to its figure with its country's letters ("R$40", "A$9,800"), or
# a currency's one letter before a figure that a size follows ("R2.3 million": rand)
_SIGNS = re.escape("".join(sorted(CURRENCY_SIGNS)))
_GLUED_SUM = re.compile(rf"[A-Z]{{1,3}}[{_SIGNS}](?:{_FIGURE})")
_LETTER_SUM = re.compile(rf"R(?:{_FIGURE})")
# A temperature written short ("40C", "-38C", "minus 40C", "12°F") and a magnitude
# ("magnitude 5.4")
_DEGREES = re.compile(r"[-−]?\d{1,3}(?:\.\d)?°?[CF]")


def _measure_at(doc: Any, i: int) -> int:
    """The end of a temperature or a magnitude starting at token ``i``, or 0."""
    tok = doc[i]
    if tok.lower_ == "minus" and i + 1 < len(doc) and _DEGREES.fullmatch(doc[i + 1].text):
        return i + 2
    if (
        _DEGREES.fullmatch(tok.text)
        and not (i > 0 and doc[i - 1].lower_ == "minus")
        # a word of its own, not a code's end ("00-7F" is a byte range in hex)
        and (i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].text in ("(", "["))
    ):
        return i + 1
    if tok.lower_ == "magnitude" and i + 1 < len(doc) and re.fullmatch(r"\d\.\d", doc[i + 1].text):
        return i + 2
    return 0


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """The ISO 4217 codes ("CHF", "ZAR", "BRL"), which name a currency before a sum."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _size_end(doc: Any, j: int) -> int:
    """Where a number at token ``j`` ends with the sizes written after it: "900" + "m"
    glued, "12,500 crore", "1.5 lakh crore"."""
    k = j + 1
    while k < len(doc):
        word, glued = doc[k].lower_, not doc[k - 1].whitespace_
        if doc[k].is_sent_end:
            word = word.removesuffix(".")  # "€80m." ending the text, one token
        if word.removesuffix("s") in _LONG_SIZES or (glued and word in SHORT_SIZES):
            k += 1
        else:
            break
    return k


def _indian(tokens: Any) -> bool:
    """Whether a sized number is written with a lakh or a crore: a count of whatever it is,
    where a glued "m" counts only before a plural noun ("10m" alone is as often ten metres)."""
    return any(t.lower_.removesuffix("s").endswith(_INDIAN) for t in tokens)


def plural_after(doc: Any, end: int) -> Any:
    """The plural noun a sized number ending at token ``end`` counts, right after it or
    after at most two adjectives ("7.4m cases", "2m extra operations"), or None."""
    k = end
    while k < len(doc) and k - end < 2 and doc[k].tag_ in ("JJ", "JJR"):
        k += 1
    return doc[k] if k < len(doc) and doc[k].tag_ == "NNS" else None


def title_before_name(doc: Any, ent: tuple[int, int, str], after: tuple[int, int, str]) -> bool:
    """Whether the person ``ent`` ends on a title, with only its full stop before the next
    person ``after``: the model cut a name after an abbreviated title (and often ended a
    sentence there) and read the role before it as a person ("Cal Fire spokesperson Capt"
    + ". Robyn Lee")."""
    if ent[2] != "PERSON" or after[2] != "PERSON":
        return False
    title = doc[ent[1] - 1]
    gap = doc[ent[1] : after[0]]
    return bool(
        is_title_word(title.text) and (not gap.text or (gap.text == "." and not title.whitespace_))
    )


def _title_start(doc: Any, ent: tuple[int, int, str]) -> int:
    """Where the title that ends the person ``ent`` begins ("Capt" of "… spokesperson
    Capt", "Brig.-Gen" written in one piece)."""
    i = ent[1] - 1
    while (
        i - 2 >= ent[0]
        and doc[i - 1].text in (".", "-")
        and not doc[i - 2].whitespace_
        and is_title_word(doc[i - 2].text)
    ):
        i -= 2
    return i


_SCORE = re.compile(r"\d{1,2}\s?[-–]\s?\d{1,2}")

# what a date may end on with a capital: "the 20th Century", "Election Day", "Christmas Eve"
_DATE_WORDS = (
    frozenset(dates.MONTHS)
    | frozenset(dates.WEEKDAYS)
    | frozenset(("century", "decade", "year", "quarter", "half", "month", "week", "weekend"))
    | frozenset(("day", "eve", "night"))
)
_NAMES = frozenset(("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"))


_DASHES = frozenset(("-", "–", "—"))


def _before_dash(doc: Any, start: int, end: int) -> tuple[int, int]:
    """A name runs up to a spaced dash, which joins a name to a title or a list on feed and
    video pages ("Sonia Marciano - Bigger", "Aswath Damodaran - The Value", "- Dell"):
    the first part that has words."""
    parts: list[tuple[int, int]] = []
    at = start
    for i in range(start, end):
        tok = doc[i]
        spaced = tok.whitespace_ and (i == 0 or doc[i - 1].whitespace_)
        if tok.text in _DASHES and spaced:
            parts.append((at, i))
            at = i + 1
    if not parts:
        return start, end
    parts.append((at, end))
    return next(((a, b) for a, b in parts if b > a), (start, end))


def _function_word(tok: Any) -> bool:
    """A lower-case preposition, conjunction or determiner: never the last word of a name."""
    return bool(tok.text.islower() and tok.tag_ in ("IN", "TO", "CC", "DT", "PRP$", "WDT"))


# Lower-case words that begin names ("de Gaulle", "van Gogh", "bin Salman")
_PARTICLES = frozenset(
    (
        "de", "da", "del", "della", "di", "van", "von", "der", "den", "le", "la", "du", "dos",
        "das", "al", "el", "bin", "ibn", "bint", "ben", "ter", "ten", "zu", "y",
    )
)  # fmt: skip


def _lower_lead(tok: Any) -> bool:
    """A lower-case verb, adjective, adverb or common noun the model ran into the start of a
    name ("[hunt] Jedi", "[older] MacBook Pro"); never a name's particle ("de Gaulle")."""
    return bool(
        tok.is_alpha
        and tok.text.islower()
        and tok.tag_[:2] in ("VB", "JJ", "RB", "NN")
        and tok.lower_ not in _PARTICLES
    )


def _lower_cut(doc: Any, start: int, end: int, label: str) -> int:
    """Where a person's or organisation's name ends when the model ran it on over a
    lower-case word into the words after it ("Root after England" of "with Root after
    England captain Ben Stokes"): at that word. A name's particle ("Charles de Gaulle"),
    "of" before a title's place ("Prince of Wales"), a hyphenated word's part
    ("Latter-day") and the function words that join an organisation's name ("Bank of
    England", "Agency for International Development", "Council on Foreign Relations")
    stay."""
    for i in range(start + 1, end):
        tok = doc[i]
        if not tok.is_alpha or not tok.text.islower() or tok.lower_ in _PARTICLES:
            continue
        if tok.pos_ not in _RUN_ON:
            continue  # a lower-case noun ends many a name: "the Democratic party"
        if not any(t.text[:1].isupper() for t in doc[start:i]):
            continue  # no name begun yet: "the state Department of Public Safety"
        if doc[i - 1].text in _DASHES and not doc[i - 1].whitespace_:
            continue
        if tok.lower_ == "of" and i + 1 < end and doc[i + 1].text[:1].isupper():
            continue
        if label == "ORG" and tok.lower_ in _JOINING:
            continue
        return i
    return end


# the function words inside an organisation's name
_JOINING = frozenset(("of", "for", "and", "the", "on", "in", "at", "to", "a", "an", "with"))
# the kinds of word no name runs on over: a preposition, a verb, an adverb, a conjunction
_RUN_ON = frozenset(("ADP", "VERB", "AUX", "ADV", "SCONJ", "CCONJ", "PART", "PRON", "DET"))


# The words after a possessive that make it a company's name, not what someone owns
_FOUNDER_NAMED = CORPORATE | {"companies", "restaurants", "stores"}


def _owner_end(doc: Any, start: int, end: int) -> int:
    """Where a person's or organisation's name ends when the model ran it on over a
    possessive into what it owns ("Twilio’s Media Streams", "Google Cloud’s BigQuery",
    "Washington Healthcare Authority’s Opioid Prevention"): the owner is the actor. A
    company named for its founder keeps its name ("Lowe's Companies Inc.", "McDonald's
    Corp."): a corporate word after the possessive, or a name in capitals."""
    if doc[start:end].text.isupper():
        return end
    for i in range(start + 1, end - 1):
        if doc[i].tag_ == "POS":
            rest = {t.lower_ for t in doc[i + 1 : end]}
            kept = rest & (_FOUNDER_NAMED | BODY_WORDS) or doc[i - 1].lower_ in GROUP_OWNERS
            return end if kept else i
    return end


def _sentence_after_date(doc: Any, start: int, end: int) -> int:
    """Where a date ends when the model ran it on into the term a verb gives ("sentenced
    on Wednesday [to six years]", "jailed Tuesday [to 10 years]"): at a "to" with a day or
    month before it and only a length of time after it. A range of lengths ("two to three
    years") or of days ("Monday to Friday") stays whole."""
    for k in range(start + 1, end - 1):
        if doc[k].lower_ != "to":
            continue
        before, after = doc[start:k].text, doc[k + 1 : end].text
        if (
            dates.is_duration(after)
            and _has_time_word(after)  # "six years", not the "27" of "November 24 to 27"
            and not dates.is_duration(before)
            and _has_time_word(before)  # a day or a month, not "up" of "up to two days"
        ):
            return k
    return end


def _stray_after_date(tok: Any) -> bool:
    """A capitalised word glued after a date by the model: "November 8, 2016 Dozens"; not
    a clock time's meridiem or zone ("Dec 2, 2025, 08.14 PM IST": cut to "08.14", the
    evening time was read as the morning's)."""
    word = tok.lower_.rstrip(".")
    return bool(
        tok.is_alpha
        and tok.text[:1].isupper()
        and word not in _DATE_WORDS
        and word not in _MERIDIEM
        and not (tok.text.isupper() and word in dates.ZONES)
    )


_MERIDIEM = frozenset(("am", "pm", "a.m", "p.m"))


def _hyphenated_end(doc: Any, end: int) -> int:
    """Extend an entity ending inside a hyphenated name: "Mazar" -> "Mazar-e-Sharif"
    (only when the name goes on with a capital, so "US-led" stays "US")."""
    j = end
    while (
        j + 1 < len(doc)
        and not doc[j - 1].whitespace_
        and doc[j].text == "-"
        and not doc[j].whitespace_
        and doc[j + 1].is_alpha
        and not doc[j + 1].ent_type_
    ):
        j += 2
    return j if j > end and doc[j - 1].text[:1].isupper() else end


# A time zone's abbreviation: "CST", "EDT", "AKST", "AEDT", "GMT", "CEST", "IST", "NZDT"
_ZONE_ABBREVIATION = re.compile(
    r"(?:[ECMP]|AK|H|A[ECW]|NZ)[SD]T|UTC|GMT|BST|IST|JST|KST|MSK|W?[EC]ES?T"
)


def _zone_after_clock(doc: Any, start: int, end: int) -> bool:
    """Whether the name ``doc[start:end]`` is only a time zone's abbreviation standing
    right after a clock time ("from 6 a.m. CST Thursday", "at 06:47 GMT"): the model reads
    the capitals as a person or an organisation."""
    if end - start != 1 or start == 0 or not _ZONE_ABBREVIATION.fullmatch(doc[start].text):
        return False
    before = doc[start - 1]
    return bool(before.ent_type_ == "TIME" or _CLOCK_TOKEN.fullmatch(before.text))


_DATE_GLUE = frozenset(("on", "at", "of", ",", "in"))
# what may stand between a time and its day besides the glue: "23:11 local time on Friday",
# "06:00 GMT on Friday" (3 of 25 articles a tester wrote had the time on the wrong day), in
# any zone ("6 p.m. CST Tuesday", "2pm AEDT on Friday": US and Australian weather warnings)
_ZONE_WORDS = frozenset(("local", "time")) | dates.ZONES
_GAP_WORDS = _DATE_GLUE | _ZONE_WORDS


# a clock time the model left outside every entity: "06:00", "0600" (four digits only when a
# zone word follows, as "1990 GMT" is no year)
_CLOCK_TOKEN = re.compile(r"(?:[01]?[0-9]|2[0-3])[:.][0-5][0-9]|(?:[01][0-9]|2[0-3])[0-5][0-9]")


def _clock_before(doc: Any, start: int) -> int:
    """Where a day begins when a clock time and its zone stand before it untagged: "at
    [06:00 GMT on] Friday" (the model tagged only "Friday", and the time, found by
    :func:`briefing.dates.find`, was read on the day named before it). The same gap as
    :func:`_joined_dates`: at most one glue word, then zone words, then the clock time."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in _DATE_GLUE:
        i -= 1
    zone_from = i
    while i >= 0 and doc[i].lower_ in _ZONE_WORDS and zone_from - i < 3:
        i -= 1
    if i == zone_from or i < 0:
        return start  # no zone word: "at 5 on Friday" may be a count
    clock = doc[i]
    if clock.ent_type_ or not _CLOCK_TOKEN.fullmatch(clock.text):
        return start
    if clock.sent.start != doc[start].sent.start:
        return start
    return i


# a range's first word opens an expression of its own: "[for a week] [between 2013 and
# 2015]" joined read as the list "a week between 2013" and "2015"
_RANGE_OPENERS = frozenset(("between", "from"))


def _given_name_before(doc: Any, start: int, end: int) -> int:
    """Where a person's name starts when the model kept only the surname ("said Pradeep
    [Adhikari]"): a capitalised proper noun right before it, in no entity, that the name
    takes as a compound."""
    head = doc[end - 1]
    if end - start > 1:
        return start  # "Kory Honea": a full name already
    if (
        start - 1 > doc[start].sent.start
        and doc[start - 2].is_lower  # "said Pradeep Adhikari", not "Rival Lowe" opening
        and doc[start - 1].tag_ == "NNP"
        and doc[start - 1].dep_ == "compound"
        and doc[start - 1].head.i == head.i
        and not doc[start - 1].ent_type_
        and doc[start - 1].text[:1].isupper()
        and not doc[start - 1].text.isupper()
        and not is_title_word(doc[start - 1].text)
    ):
        start -= 1
    return start


def _joined_names(doc: Any, found: list[list[Any]]) -> list[list[Any]]:
    """One name the model split in two: two persons side by side, the second from a
    name's particle ("Prince Abdulaziz" + "bin Salman"); a first name read as a group
    before a person's surname that takes it as a compound ("Domantas" + "Sabonis"); a
    group's name around "for" or "of" ("US Agency" + "for" + "International
    Development")."""
    out: list[list[Any]] = []
    for item in found:
        if out:
            prev = out[-1]
            gap = doc[prev[1] : item[0]]
            merged = _one_name(doc, prev, item, gap)
            if merged is not None:
                out[-1] = [prev[0], item[1], merged]
                continue
        out.append(item)
    return out


def _one_name(doc: Any, prev: list[Any], item: list[Any], gap: Any) -> str | None:
    """The label of ``prev`` and ``item`` read as one name, or None."""
    if doc[prev[1] - 1].is_punct or not doc[prev[1] - 1].whitespace_:
        return None
    if is_title_word(doc[prev[1] - 1].text):
        return None  # "Butte County Sheriff" + "Kory Honea": a role, then the person
    if not len(gap) and prev[2] == "PERSON" == item[2] and doc[item[0]].text[:1].islower():
        return "PERSON"  # the second opens on a name's particle: "bin", "al", "van", "de"
    if (
        not len(gap)
        and item[2] == "PERSON"
        and prev[2] == "ORG"
        and prev[1] - prev[0] == 1
        and item[1] - item[0] == 1  # a first name and a surname, not "Amazon" + "Echo Dot"
        and doc[prev[0]].tag_ == "NNP"
        and doc[prev[0]].dep_ == "compound"
        and item[0] <= doc[prev[0]].head.i < item[1]
    ):
        return "PERSON"
    if (
        len(gap) == 1
        and gap[0].lower_ in ("for", "of")
        and prev[2] == "ORG" == item[2]
        and all(t.text[:1].isupper() for t in doc[item[0] : item[1]] if t.is_alpha)
    ):
        return "ORG"
    return None


def _and_joined(doc: Any, found: list[list[Any]]) -> list[list[Any]]:
    """An organisation's name with "and" in it that the model cut in two ("Cheshire West
    and [Chester Council]", "[Australian Competition] and Consumer Commission", "Meat and
    [Livestock Australia]"): the organisation joined to the capitalised words on the other
    side of "and" that no entity holds, when the whole name ends on an organisation's head
    noun or a place ("Council", "Commission", "Australia") or the text writes it so twice."""
    taken = {i for start, end, _ in found for i in range(start, end)}
    out: list[list[Any]] = []
    for item in found:
        start, end, label = item
        if label != "ORG":
            out.append(item)
            continue
        if out and _named_only_so(doc, out[-1], item):
            out[-1] = [out[-1][0], end, "ORG"]  # "[Wyre Vale] and [Ashby Council]"
            continue
        if start >= 2 and doc[start - 1].lower_ == "and":
            first = _bare_run(doc, start - 2, -1, taken)
            if first < start - 1 and _one_org(doc, first, end):
                item[0] = first
        if end + 1 < len(doc) and doc[end].lower_ == "and":
            last = _bare_run(doc, end + 1, 1, taken)
            if last > end + 1 and _one_org(doc, start, last):
                item[1] = last
        out.append(item)
    return out


# The heads of a public body named after the places it serves ("Wyre Vale and Ashby
# Council", "Hunter and Central Coast Authority"); not a union of names ("United Nations
# and European Union" are two)
_AUTHORITY_HEADS = frozenset(
    ("council", "commission", "authority", "board", "trust", "committee", "partnership")
)


def _named_only_so(doc: Any, prev: list[Any], item: list[Any]) -> bool:
    """Whether the name ``prev`` before "and" and the organisation ``item`` after it are one
    name: ``prev`` is a place's or an organisation's name the text never writes apart
    ("Wyre Vale" of "Wyre Vale and Ashby Council") and ``item`` ends on a body's head noun."""
    first, last = doc[prev[0] : prev[1]], doc[item[0] : item[1]]
    if prev[2] not in ("ORG", "GPE", "LOC") or item[0] != prev[1] + 1:
        return False
    if doc[prev[1]].lower_ != "and" or first.text.isupper() or len(first) < 2:
        return False
    if first.text == last.text:
        return False  # "Search Network and Search Network": one name twice, two things
    if not all(t.text[:1].isupper() for t in first if t.is_alpha):
        return False
    if last[-1].lower_ not in _AUTHORITY_HEADS:
        return False
    return bool(text_of(doc).count(first.text) == text_of(doc).count(doc[prev[0] : item[1]].text))


def _bare_run(doc: Any, i: int, step: int, taken: set[int]) -> int:
    """The far end (exclusive) of the capitalised proper nouns from ``i`` in the direction
    ``step`` that no entity holds, within ``i``'s sentence."""
    sent = doc[i].sent
    j = i
    while (
        sent.start <= j < sent.end
        and j not in taken
        and doc[j].tag_ in ("NNP", "NNPS")
        and doc[j].is_alpha
        and doc[j].text[:1].isupper()
        and not doc[j].text.isupper()
        and not doc[j].ent_type_
        and not is_title_word(doc[j].text)
    ):
        j += step
    return j + 1 if step < 0 else j


def _one_org(doc: Any, start: int, end: int) -> bool:
    """Whether ``doc[start:end]``, a run of names with "and" in it, reads as one
    organisation's name: it ends on a body's head noun or a place, or the text repeats it."""
    if doc[end - 1].tag_ == "POS" and end - start > 1:
        end -= 1  # "Meat and Livestock Australia['s]"
    halves = doc[start:end].text.split(" and ")
    if len(halves) == 2 and halves[0] == halves[1]:
        return False  # "Search Network and Search Network": one name twice, two things
    last = doc[end - 1].lower_
    if last in GROUP_WORDS or last in BODY_WORDS or known_place(name_key(doc[end - 1].text)):
        return True
    return bool(text_of(doc).count(doc[start:end].text) >= 2)


def _place_parts(doc: Any, found: list[list[Any]]) -> list[list[Any]]:
    """An address's parts as places of their own: one place the model ran over commas split
    at them ("Ashbourne Road, Ratoath, Co Meath": a road, a town, a county), and a known
    place no entity holds that qualifies a place after a comma ("Frodsham, Cheshire,")."""
    out: list[list[Any]] = []
    for start, end, label in found:
        parts = _comma_parts(doc, start, end) if label in ("GPE", "LOC", "FAC") else None
        if parts is None:
            out.append([start, end, label])
        else:
            out += [[a, b, _part_label(doc, a, b)] for a, b in parts]
    taken = {i for start, end, _ in out for i in range(start, end)}
    added: list[list[Any]] = []
    for _start, end, label in out:
        if label not in ("GPE", "LOC", "FAC") or end + 1 >= len(doc) or doc[end].text != ",":
            continue
        last = _bare_run(doc, end + 1, 1, taken)
        follows = doc[last].text if last < len(doc) else "."
        if (
            last > end + 1
            and follows in (",", ".", ";", ")")
            and known_place(name_key(doc[end + 1 : last].text))
        ):
            added.append([end + 1, last, "GPE"])
    return sorted(out + added) if added else out


def _comma_parts(doc: Any, start: int, end: int) -> list[tuple[int, int]] | None:
    """The parts of a place the model ran over commas, each a run of capitalised words;
    None for a place without commas, or one with a part that is no such run ("Washington,
    D.C.")."""
    commas = [i for i in range(start, end) if doc[i].text == ","]
    if not commas:
        return None
    bounds = [start, *commas, end]
    parts = [(bounds[0], bounds[1])] + [(a + 1, b) for a, b in itertools.pairwise(bounds[1:])]
    for a, b in parts:
        words = [t for t in doc[a:b] if t.text not in ("the", "The")]
        if not words or not all(t.is_alpha and t.text[:1].isupper() for t in words):
            return None
        if any(t.text.isupper() for t in words):
            return None  # a state's code: "Gladstone, NJ"
    return parts


def _part_label(doc: Any, start: int, end: int) -> str:
    return "FAC" if doc[end - 1].lower_ in _WAY_WORDS else "GPE"


_WAY_WORDS = frozenset(("street", "road", "avenue", "lane", "drive", "close", "way", "square"))


def _joined_dates(doc: Any, found: list[list[Any]]) -> list[list[Any]]:
    """Join a date and a time the model split: "11pm" + "on" + "Thursday" (and the two
    halves of a number split at a no-break space)."""
    out: list[list[Any]] = []
    for item in found:
        if out:
            prev = out[-1]
            gap = doc[prev[1] : item[0]]
            if (
                prev[2] in ("DATE", "TIME")
                and item[2] in ("DATE", "TIME")
                and doc[item[0]].lower_ not in _RANGE_OPENERS
                and all(t.lower_ in _GAP_WORDS for t in gap)
                and len(gap) <= (4 if any(t.lower_ in _ZONE_WORDS for t in gap) else 1)
                and doc[prev[0]].sent.start == doc[item[0]].sent.start
            ):
                prev[1] = item[1]
                prev[2] = "DATE" if "DATE" in (prev[2], item[2]) else "TIME"
                continue
            if prev[2] in ("DATE", "TIME") and item[0] == prev[1] and _zone_only(doc, item):
                prev[1] = item[1]  # "noon" + "CST" (read as an organisation): the time's zone
                continue
            if _thousands_apart(doc, prev, item):
                prev[1] = item[1]  # "1 200" with a no-break space: one number, not "1", "200"
                continue
        out.append(item)
    return out


def _zone_only(doc: Any, item: list[Any]) -> bool:
    """Whether an entity is only a time zone ("CST", "AEDT"), which the model may type as an
    organisation after a clock time."""
    return all(t.lower_ in dates.ZONES for t in doc[item[0] : item[1]])


def _thousands_apart(doc: Any, prev: list[Any], item: list[Any]) -> bool:
    """Whether two number entities are one number's thousands split by a no-break or thin
    space (how French, and HTML's &nbsp;, group digits)."""
    return bool(
        prev[2] == item[2] == "CARDINAL"
        and item[0] == prev[1] + 1
        and doc[prev[1]].text in ("\u00a0", "\u202f", "\u2009")
        and doc[prev[1] - 1].text.isdigit()
        and len(doc[prev[1] - 1].text) <= 3
        and doc[item[0]].text.isdigit()
        and len(doc[item[0]].text) == 3
    )


def fixed_label(span: Any, label: str) -> str:
    text = span.text.strip()
    if text in NEWS_AGENCIES or text.upper() in NEWS_AGENCIES:
        return "ORG"
    if label == "PERSON":
        words = {w.lower().strip(".,") for w in re.split(r"[\s]+", text)}
        parts = {p for w in words for p in w.split("-")}
        if words & GROUP_WORDS or parts & {"sham", "qaeda", "shabaab"}:
            return "ORG"
        root = span.root
        if root.dep_ == "compound" and root.head.lower_ in PLACE_NOUNS:
            return "LOC"  # "the Dana area"
    if label in ("PERSON", "ORG") and (
        named_by_place_noun(span.root)
        or _listed_with_places(span)
        or _county(text)
        or _qualifying_place(span)
    ):
        return "GPE"
    if label in ("PERSON", "ORG") and _a_national(span):
        return "NORP"
    if (
        label == "DATE"
        and re.match(r"^\d[\d,.]*\s+[a-z]", text)
        and not _has_time_word(text)
        and not _YEAR_RANGE.match(text)
    ):
        return "CARDINAL"  # "130 mortars" read as a date, but "2010 to 2015" is a date
    return label


def _county(text: str) -> bool:
    """A county as British and Irish news write it, "Co Meath", "County Durham" (the model
    reads "Co" as a company's)."""
    return bool(re.match(r"(?:Co\.?|County) [A-Z]", text)) and known_place(name_key(text))


def _qualifying_place(span: Any) -> bool:
    """A known place set after a place and a comma and closed by punctuation ("in Frodsham,
    Cheshire,"; the model reads the county as a person): the larger place the first lies
    in."""
    doc, start, end = span.doc, span.start, span.end
    return bool(
        start >= 2
        and doc[start - 1].text == ","
        and doc[start - 2].ent_type_ in ("GPE", "LOC", "FAC")
        and (end >= len(doc) or doc[end].text in (",", ".", ";", ")"))
        and known_place(name_key(span.text))
    )


def _a_national(span: Any) -> bool:
    """A demonym with an article, the way a report names a person by nationality and not
    by name ("the Briton", "the 23-year-old Spaniard", "a Dutchman"), which the model reads
    as a person or an organisation: a people, never an actor or a speaker. A surname
    takes no article ("Cuban said")."""
    return (
        len(span) == 1
        and is_demonym(span.text)
        and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in span.root.children)
    )


def _listed_with_places(span: Any) -> bool:
    """A name the gazetteer knows, listed with a place ("Moorhead and Crookston",
    "Penrith, Parramatta, Gosford and Wollongong"): a conjunct of a name the model reads
    as a place, or of one the gazetteer knows that the model does not read as a person
    (two people named like towns stay people: "Lincoln and Washington")."""
    if span.text.isupper() or not known_place(name_key(span.text)):
        return False  # an acronym is an organisation's: "the UN and Russia have agreed"
    members = conjuncts(span.root)
    return any(
        not (span.start <= t.i < span.end)
        and (
            t.ent_type_ in ("GPE", "LOC")
            or (t.ent_type_ == "ORG" and known_place(name_key(_entity_of(t).text)))
        )
        for t in members
    )


def _entity_of(tok: Any) -> Any:
    """The model's entity ``tok`` is in (the token alone when it is outside every one)."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


_YEAR_RANGE = re.compile(
    r"^(?:1[89]|20)\d\d\s+(?:to|and|through|until|till)\s+(?:(?:1[89]|20)\d\d|\d\d)$"
)
_TIME_WORDS = re.compile(
    r"\b(?:year|month|week|day|hour|minute|decade|century|centuries|jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|morning|night|evening|afternoon|"
    r"quarter|season|spring|summer|autumn|fall|winter|ago|old)",
    re.I,
)


def _has_time_word(text: str) -> bool:
    return _TIME_WORDS.search(text) is not None


def facility(span: Any) -> bool:
    """An "organisation" that is a place where something happens: "at the White House",
    "outside Trump Tower" (a facility noun, object of a locative preposition)."""
    root = span.root
    return bool(
        root.lower_ in FACILITY_WORDS and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS
    )
