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
from .words import SPEECH_VERBS

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
    return label


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
