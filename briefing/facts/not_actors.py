"""Names the model reads as people or organisations that the text's form shows are no actors:
a way or a crossing ("Gorham Road", "Aerial Lift Bridge"), a home town in a person's
apposition (", of Clovis,"), a state's code after its town ("Gladstone, NJ"), a clock's
time zone ("10:26 UTC", "8.12pm GMT"), a photo credit ("(Kevin Dwyer/Patch)"), the prefix of
a model code ("CAF-L501-KUS"); and a "person" named only after "the" ("the Carteret", a
ferry; "the Trump team" is Trump's only beside "Trump said"), read in who.py."""

from __future__ import annotations

import re
from typing import Any

from ..nlp import text_of
from .words import GROUP_WORDS, PERSON_NOUNS, SPEECH_VERBS, conjuncts, is_title_word

# The last word of a way's or a crossing's name: a place in the street, never a person's
# surname ("Lane", "Hill", "Park", "Field" are; a person named so keeps the name)
_WAY_HEADS = frozenset(
    (
        "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "highway", "route",
        "bridge", "wharf", "pier", "causeway", "turnpike", "parkway", "expressway", "freeway",
    )
)  # fmt: skip
# Neighbourhoods named after their hill: a place when the model reads it as an organisation
# ("Munjoy Hill"); as a person's name it is a surname ("Lauryn Hill")
_HILL_HEADS = frozenset(("hill", "hills", "heights"))


def actor_label(span: Any, label: str) -> str | None:
    """The label a PERSON or ORG mention ``span`` is read with: ``label`` itself, "FAC" or
    "GPE" for a place, or None for a mention that names no actor and no place."""
    if _a_way(span, label):
        return "FAC"
    if _way_owner(span):
        return None
    if _home_town(span):
        return "GPE"
    if _state_code(span) or _time_zone(span) or _code_prefix(span):
        return None
    if label == "PERSON" and _credit(span):
        return None
    if _road_code(span):
        return "FAC"
    if _listed_with_common_noun(span) or (label == "ORG" and _one_of_a_make(span)):
        return None
    return label


# A road's number: a letter or two and its digits ("M62", "A66", "I-95")
_ROAD = re.compile(r"[A-Z]{1,2}-?\d{1,4}")
# the words a road's number stands with: "the M6 motorway", "junction 4 of the M25"
_ROAD_WORDS = frozenset(
    ("road", "motorway", "highway", "interstate", "junction", "northbound", "southbound",
     "eastbound", "westbound", "carriageway", "bypass", "route")
)  # fmt: skip


def _road_code(span: Any) -> bool:
    """A road's number ("the A66 and M62", "the M6 southbound"): a code of a capital or two
    and digits listed with another such code or beside a road's word; a way, no actor."""
    if len(span) != 1 or not _ROAD.fullmatch(span.text):
        return False
    tok = span[0]
    near = [*_listed(tok), tok.head, *tok.children]
    if tok.i + 1 < len(span.doc):
        near.append(span.doc[tok.i + 1])
    return any((t.i != tok.i and _ROAD.fullmatch(t.text)) or t.lower_ in _ROAD_WORDS for t in near)


def _listed(tok: Any) -> list[Any]:
    """The words coordinated with ``tok`` ("flu, Covid and RSV": each of them)."""
    return [t for t in conjuncts(tok) if t.i != tok.i]


def _listed_with_common_noun(span: Any) -> bool:
    """A one-word name listed with a bare singular common noun, one with no word of its own
    ("flu, Covid and RSV"): an illness, a weather or a thing of that kind, no actor; never
    beside a person's or a body's noun ("the mayor and Ann Fay", "founder and CEO X")."""
    if len(span) != 1:
        return False  # "Marvel Studios and classic Disney fare": a name of several words
    return any(
        t.tag_ == "NN"
        and t.text.islower()
        and t.is_alpha
        and len(t.text) > 2
        and not any(c.dep_ not in ("punct", "cc", "conj") for c in t.children)
        and t.lower_ not in PERSON_NOUNS
        and t.lower_ not in GROUP_WORDS
        and not is_title_word(t.text)
        for t in _listed(span.root)
    )


def _one_of_a_make(span: Any) -> bool:
    """A maker's name and a model with an indefinite article ("a silver Volkswagen Passat"):
    one thing of many, a product, not the company."""
    if len(span) < 2:
        return False
    i = span.start - 1
    while (
        i >= max(0, span.start - 2)
        and span.doc[i].text.islower()
        and span.doc[i].tag_ in ("JJ", "NN", "VBN")
    ):
        i -= 1  # "a silver", "a stolen red"
    return i >= 0 and span.doc[i].lower_ in ("a", "an")


def _a_way(span: Any, label: str) -> bool:
    """A name of several words ending on a way's or a crossing's word ("Gorham Road",
    "Congress Street", "Aerial Lift Bridge", "State Route 118"), or an organisation ending
    on a hill ("Munjoy Hill"): a place, unless it speaks ("Downing Street said")."""
    words = [t for t in span if not t.is_punct]
    if len(words) < 2 or not words[-1].text[:1].isupper():
        return False
    last = words[-1].lower_.rstrip(".")
    if last not in _WAY_HEADS and not (label == "ORG" and last in _HILL_HEADS):
        return False
    root = span.root
    return not (root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS)


def _way_owner(span: Any) -> bool:
    """The name a way or a wharf is named after, the model's name cut off before "'s"
    ("Merrill" of "Merrill's Wharf"): part of a place's name, no actor."""
    doc = span.doc
    end = span.end
    return bool(
        end + 1 < len(doc)
        and doc[end].lower_ in ("'s", "’s")
        and doc[end + 1].text[:1].isupper()
        and doc[end + 1].lower_.rstrip(".") in _WAY_HEADS
    )


def _home_town(span: Any) -> bool:
    """A name set off as ", of X," after a person ("Raymond Tellez, 61, of Clovis,"): where
    the person lives, the form US news gives a home town in."""
    doc = span.doc
    start, end = span.start, span.end
    return bool(
        start >= 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].text == ","
        and end < len(doc)
        and doc[end].text in (",", ".")
        and all(t.text[:1].isupper() for t in span)
    )


def _after_place(tok: Any) -> bool:
    return bool(tok.ent_type_ in ("GPE", "LOC", "FAC") or (tok.is_alpha and tok.text.isupper()))


def _state_code(span: Any) -> bool:
    """Two capitals after a place and a comma ("Gladstone, NJ", "MAPLEWOOD, NJ —"): the
    state's postal code qualifying its town, not an organisation."""
    doc = span.doc
    text = span.text.strip()
    return bool(
        len(text) == 2
        and text.isalpha()
        and text.isupper()
        and span.start >= 2
        and doc[span.start - 1].text == ","
        and _after_place(doc[span.start - 2])
    )


# A clock's time: "10:26", "8.12pm", "9 a.m."
_CLOCK = re.compile(r"(?:\d{1,2}[:.]\d\d(?:\s?[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.?m\.?)$", re.I)


def _time_zone(span: Any) -> bool:
    """Capitals right after a clock's time or the word "time(s)" ("10:26 UTC", "8.12pm GMT",
    "all times UTC"): the time zone, not an organisation."""
    doc = span.doc
    text = span.text.strip()
    if len(span) != 1 or not (2 <= len(text) <= 4 and text.isalpha() and text.isupper()):
        return False
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    if before.lower_ in ("time", "times"):
        return True
    return bool(
        _CLOCK.search(text_of(doc)[max(0, span.start_char - 12) : span.start_char].rstrip())
    )


def _credit(span: Any) -> bool:
    """A person's name and an outlet joined by a slash ("Kevin Dwyer/Patch", "(Marisol
    Gutierrez/The Fresno Courier)"): the credit of a picture, no actor."""
    before = span.text.split("/", 1)[0]
    return "/" in span.text and len(before.split()) >= 2


def _code_prefix(span: Any) -> bool:
    """The letters of a model code cut off by the tokenizer ("CAF" of "CAF-L501-KUS")."""
    doc = span.doc
    return bool(re.match(r"-[A-Za-z]*\d", text_of(doc)[span.end_char : span.end_char + 12]))


def the_thing(span: Any) -> bool:
    """A one-word "person" right after "the" ("watching the Carteret nose into the slip"):
    a named thing, a vessel or a building, unless the article names it without "the" too
    ("the Trump administration" beside "Trump said"); people's names take no article (a
    family's plural, "the Kennedys", is no NNP; a title between, "the Rev. X", starts the
    span)."""
    doc = span.doc
    return bool(
        len(span) == 1
        and span.start >= 1
        and doc[span.start - 1].lower_ == "the"
        and span.root.tag_ == "NNP"
    )
