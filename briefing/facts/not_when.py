"""Date words that place no event: a game's half, a season naming a kind of thing, a schedule.

The model tags them DATE and the date rules would give each a value: "in the second half" of
a match became the second half of a year, "summer camp" the summer, "open Wednesday through
Sunday" two days of the week. Each test reads the parse around the model's span:

* a game's period: "the first half", "early in the second half", "the third period", with no
  year and nothing after it ("of 2020", "of the year"), in an article that gives a game's
  score ("2-1", "beat Hungary 2-0") and in a sentence with no sum of money or percentage
  (a half year is reported with its figures: "profit rose 5% in the first half");
* a season in lower case that modifies a noun naming a kind of thing ("summer camp", "a
  winter coat", "spring training": the head is bare or indefinite); a season with a year or a
  determiner ("summer 2024", "this summer"), modifying a word of time ("the summer months"),
  one occurrence ("the spring launch", "the party's spring conference": a definite or
  possessive head) or capitalised as an event's name ("their Autumn meetings", a MEANTIME
  date) stays a date;
* a recurring time: "every Monday", "each morning", a day in the plural ("Mondays",
  "weekdays", "17:45 weekdays"), and a range of weekdays under a present-tense "be" with an
  adjective ("is open Wednesday through Sunday"): a schedule, not the day of an event (a
  range under an event verb, "the festival runs Wednesday through Sunday", stays).
"""

from __future__ import annotations

import re
from typing import Any

from .. import dates

# a game's score: "2-1", "0–0", "24-17" (two digits at most, so "737-800" is no score), not a
# range of a count ("10-15 minutes", "3-4 people": a plural noun or a percentage follows)
_SCORE = re.compile(
    r"(?<![\d.$£€,/:-])\b\d{1,2}\s?[-–]\s?\d{1,2}\b(?![\d.%/:-])(?!\s*(?:%|\w+s\b))"
)
_GAME_PERIOD = re.compile(
    r"^(?:(?:early|late|midway|later|deep)\s+(?:on\s+)?(?:in(?:to)?\s+)?)?(?:the\s+)?"
    r"(?:first|second|third|fourth|final|opening|1st|2nd|3rd|4th)[\s-]+(?:half|quarter|period)$"
)
_SEASONS = frozenset(("spring", "summer", "autumn", "fall", "winter"))
# the words of time a season may modify and stay a date: "the summer months"
_TIME_NOUNS = frozenset(
    ("month", "months", "season", "seasons", "week", "weeks", "day", "days", "period")
)
# a definite or possessive head is one occurrence, which the season dates: "the spring
# launch", "his party's spring conference" (BBC); a bare or indefinite one is a kind
_DEFINITE = frozenset(("the", "this", "that", "these", "those"))
_EVERY = frozenset(("every", "each"))
_PLURAL_DAYS = frozenset(
    [f"{d}s" for d in dates.WEEKDAYS if d.endswith("day")] + ["weekdays", "weekends", "weeknights"]
)
_RANGE_PREPS = frozenset(("through", "thru", "to", "until", "till"))
_WEEKDAY_NAMES = frozenset(d for d in dates.WEEKDAYS if d.endswith("day"))


def has_score(text: str) -> bool:
    """Whether ``text`` gives a game's score ("beat Hungary 2-0", "a 3-1 win")."""
    return _SCORE.search(text) is not None


def not_when(span: Any, *, game: bool) -> bool:
    """Whether the model's DATE/TIME ``span`` places no event (see the module doc); ``game``:
    the article gives a game's score."""
    return (
        (game and _game_period(span))
        or _season_modifier(span)
        or _recurring(span)
        or _copyright(span)
        or _rate(span)
        or _generic_part_of_day(span)
    )


_COPYRIGHT = frozenset(("copyright", "©", "(c)"))
# a part of day said of no day: "temperatures at night are below freezing"
_PARTS_OF_DAY = frozenset(("night", "nights", "morning", "mornings", "evening", "evenings"))
_GENERIC_PREPS = frozenset(("at", "by", "during", "in"))


def _copyright(span: Any) -> bool:
    """A copyright line's year ("Copyright 2026 Wire Services", "© 2026"): page furniture."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].lower_ in _COPYRIGHT


def _rate(span: Any) -> bool:
    """A lone adjective before a noun ("average hourly earnings", "a monthly fee", "his 12th
    appearance"): a rate, a kind or a count, no time (4 rate adjectives and one ordinal on 7
    of the 90 dev web pages). "overnight gains" is last night's, "the mid-2019 model" dated."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1:
        return False
    tok = words[0]
    return bool(
        tok.tag_ == "JJ"
        and tok.dep_ == "amod"
        and tok.head.pos_ == "NOUN"
        and tok.head.i > tok.i
        and tok.lower_ != "overnight"
        and not re.search(r"\d{4}", tok.text)  # "the mid-2019 predecessors": a date
    )


def _generic_part_of_day(span: Any) -> bool:
    """A bare part of day after "at" ("at night", no article, demonstrative or other
    modifier) in a clause whose verb is in the simple present ("temperatures at night are
    below freezing", "the roads freeze at night"): any night, a habit, not a dated one."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or words[0].lower_ not in _PARTS_OF_DAY or any(words[0].children):
        return False
    tok = words[0]
    if tok.dep_ != "pobj" or tok.head.lower_ not in _GENERIC_PREPS:
        return False
    verb = tok.head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    else:
        return False
    if verb.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _game_period(span: Any) -> bool:
    text = re.sub(r"\s+", " ", span.text.strip().lower())
    if not _GAME_PERIOD.match(text):
        return False
    root = span.root
    if any(c.dep_ in ("prep", "poss", "nmod") for c in root.children):
        return False  # "the first half of 2020", "next year's first quarter"
    return not any(e.label_ in ("MONEY", "PERCENT") for e in span.sent.ents)


def _season_modifier(span: Any) -> bool:
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or words[0].lower_ not in _SEASONS:
        return False
    tok = words[0]
    head = tok.head
    return bool(
        tok.tag_ == "NN"  # a capitalised one names an event held then: "their Autumn meetings"
        and tok.dep_ in ("compound", "amod", "nmod")
        and head.i >= span.end
        and head.pos_ in ("NOUN", "PROPN")
        and head.lower_ not in _TIME_NOUNS
        and not any(c.dep_ == "poss" or c.lower_ in _DEFINITE for c in head.children)
    )


def _recurring(span: Any) -> bool:
    doc = span.doc
    tokens = list(span)
    if span.start > 0 and doc[span.start - 1].lower_ in _EVERY:
        return True  # "every Monday": the model's span left "every" out
    near = {*tokens, *(t.head for t in tokens), *(c for t in tokens for c in t.children)}
    if any(t.lower_ in _EVERY and t.dep_ == "det" for t in near):
        return True
    if any(t.lower_ in _PLURAL_DAYS and t.tag_ in ("NNS", "NNPS") for t in near):
        return True  # "Mondays", "17:45 weekdays"
    return _weekday_range_state(span)


def _weekday_range_state(span: Any) -> bool:
    """ "The museum is open Wednesday through Sunday": a range of weekdays under a present
    "be" with an adjective (opening hours), read off the parse."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or words[0].lower_ not in _WEEKDAY_NAMES:
        return False
    tok = words[0]
    verb = tok.head.head if tok.head.lower_ in _RANGE_PREPS else tok.head
    if verb.lemma_ != "be" or verb.tag_ not in ("VBZ", "VBP"):
        return False
    children = list(verb.children)
    if not any(c.dep_ == "acomp" for c in children) or any(c.dep_ == "aux" for c in children):
        return False
    days = [c for c in children if c.lower_ in _WEEKDAY_NAMES]
    ranges = [
        g
        for c in children
        if c.lower_ in _RANGE_PREPS
        for g in c.children
        if g.lower_ in _WEEKDAY_NAMES
    ]
    return bool(days and ranges)
