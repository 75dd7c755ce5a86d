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
  range under an event verb, "the festival runs Wednesday through Sunday", stays); hours
  of opening, a range of weekdays and a range of clock times under one present or modal
  verb ("call from 9 a.m. to 5 p.m. Monday through Friday"): both ranges are the schedule;
* a bare season under a verb in the simple present ("the route drops to 11 trips in
  winter", "prices are higher in summer"): any winter, a habit (a season with a year, a
  determiner or under another tense, "in winter 2027", "this winter", "opened in spring",
  stays);
* a month's day or part of day after an indefinite article ("on a cold November
  morning", "one April day"): a narrative's scene, no particular day.
"""

from __future__ import annotations

import re
from typing import Any

from .. import dates
from ..dates import words as dates_words

# a game's score: "2-1", "0–0", "24-17", and a basketball score "101-95", "118-112" (three
# digits only from 100 to 199 against 50 or more, so "737-800" is no score), not a range of
# a count ("10-15 minutes", "3-4 people": a plural noun or a percentage follows)
_SCORE = re.compile(
    r"(?<![\d.$£€,/:-])\b(?:\d{1,2}\s?[-–]\s?\d{1,2}|1\d\d\s?[-–]\s?(?:1\d\d|[5-9]\d)"
    r"|[5-9]\d\s?[-–]\s?1\d\d)\b(?![\d.%/:-])(?!\s*(?:%|\w+s\b))"
)
_GAME_PERIOD = re.compile(
    r"(?:^|\s)(?:(?:early|late|midway|later|deep)\s+(?:on\s+)?(?:in(?:to)?\s+)?)?"
    r"(?:(?:the|that|this)\s+)?"
    r"(?:first|second|third|fourth|final|opening|last|1st|2nd|3rd|4th)[\s-]+"
    r"(?:half|quarter|period)$"
)
# what may stand before a game's period in the model's span: the margin of a lead ("[led by]
# 14 early in the third quarter")
_MARGIN = re.compile(r"^\d{1,3}$")
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
        or _amount_rate(span)
        or _generic_part_of_day(span)
        or _designation(span)
        or _unit_of_measure(span)
        or _score_count(span)
        or _sporting_century(span)
        or _programme_name(span)
        or _title_of_the_period(span)
        or _any_time(span)
        or (game and _game_periods(span))
        or _time_modifier(span)
        or _today_of_a_noun(span)
        or _habitual_clock(span)
        or _age_decade(span)
        or _kind_of_day(span)
        or _timetable(span)
        or _generic_season(span)
        or _indefinite_month_day(span)
        or _opening_hours(span)
    )


def _dated(tok: Any) -> bool:
    """Whether ``tok`` is in a date the model tagged, or in a holiday's name (which the
    model tags as an event: "on Boxing Day")."""
    return tok.ent_type_ in ("DATE", "TIME") or any(
        dates.HOLIDAY_NAME.search(t.text + " " + t.head.text) for t in (tok, *tok.children)
    )


def _kind_of_day(span: Any) -> bool:
    """A lone weekday or part of day before the noun it modifies, naming a kind of thing: a
    part of day ("the evening meal", "a night shift") unless the noun is an activity's
    gerund ("in afternoon trading"), and a weekday when the noun or its clause is dated
    otherwise ("run a Sunday service on Christmas Day", "a Saturday timetable on Boxing
    Day": the timetable of a Sunday, on another day). A weekday modifier alone is the day
    of one occurrence ("the Tuesday deadline", "a Wednesday media event": TimeBank and
    MEANTIME date them)."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1:
        return False
    tok = words[0]
    head = tok.head
    if not (
        tok.dep_ in ("compound", "amod", "nmod")
        and head.i >= span.end
        and head.pos_ in ("NOUN", "PROPN")
        and head.ent_type_ not in ("DATE", "TIME")
        and head.lower_ not in _TIME_NOUNS
        and head.lower_ not in _UNITS
        and head.lower_ not in _PARTS_OF_DAY
    ):
        return False
    if tok.lower_ in ("morning", "afternoon", "evening", "night"):
        # an activity named by its gerund is that day's: "in afternoon trading" (MEANTIME's
        # market reports date "in morning trading")
        return not (head.tag_ == "VBG" or head.lower_.endswith("ing"))
    if tok.lower_ not in _WEEKDAY_NAMES:
        return False
    clause = _clause_verb(head, 3)
    near = [head, *([clause] if clause is not None else [])]
    return any(
        _dated(g) and not span.start <= g.i < span.end
        for n in near
        for c in n.children
        if c.dep_ in ("prep", "npadvmod", "tmod")
        for g in ([c] if c.dep_ != "prep" else list(c.children))
    )


def _timetable(span: Any) -> bool:
    """ "Holiday hours", "opening hours", "office hours": "hours" after nouns alone (no
    count, no "the", no "early"), the times a place keeps, no time of the story (the model
    tags it TIME; a tester's "Holiday hours: what's open Thursday" was a when fact). "the
    early hours" and "48 hours" stay."""
    words = [t for t in span if not t.is_punct]
    return bool(
        len(words) >= 2
        and words[-1].lower_ == "hours"
        and all(t.pos_ in ("NOUN", "PROPN") and not t.like_num for t in words[:-1])
    )


# "30s", "mid-40s", "early 20s": a decade written without its century
_SHORT_DECADE = re.compile(r"^(?:(?:early|mid|late)[\s-]*)?\d0s$", re.IGNORECASE)


def _age_decade(span: Any) -> bool:
    """A decade of life after a possessive ("in their 30s", "a man in his early 40s"): an
    age, no decade of the calendar (it was read as the 1930s). "the '70s" and "the 1990s"
    stay dates."""
    words = [t for t in span if not t.is_punct]
    if not words or not _SHORT_DECADE.match(span.text.strip()):
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    owner = next((t for t in (words[0], before) if t is not None and t.tag_ == "PRP$"), None)
    return owner is not None


def _time_modifier(span: Any) -> bool:
    """A hyphened time word before the noun it modifies ("late-night votes", "Ten-year
    Treasuries", "the 10-year yield"): a kind of thing or a bond's maturity, no time of the
    story (a maturity was read as P10Y; "late-night" as the publication day). An age
    ("91-year-old") stays, kept by the library and never shown."""
    words = [t for t in span if not t.is_punct]
    hyphens = [t for t in span if t.text == "-" and not t.whitespace_]
    if len(words) < 2 or not hyphens or any(t.whitespace_ for t in span[:-1]):
        return False  # one hyphened word, no spaces inside
    last = span[-1]
    head = last.head
    first = words[0]
    counted = (first.like_num or first.lower_ in dates_words.CARDINALS) and last.lower_ in _UNITS
    part_of_day = last.lower_ in _PARTS_OF_DAY
    century = last.lower_ == "century"  # "a 19th-century mill": its style, as "18" (tester t11d)
    return bool(
        (counted or part_of_day or century)  # not "third-quarter profit", "year-earlier sales"
        and last.dep_ in ("compound", "amod", "nmod")
        and head.i >= span.end
        and head.pos_ in ("NOUN", "PROPN")
        and head.ent_type_ not in ("DATE", "TIME")
        and head.lower_ not in _TIME_NOUNS
    )


def _today_of_a_noun(span: Any) -> bool:
    """ "today" after the subject it modifies ("a child in seventh grade today [will]",
    "kids today [read less]"): nowadays, no day. After an object it is the clause's day
    ("cut rates today", which the parser may hang on "rates")."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or words[0].lower_ != "today":
        return False
    tok = words[0]
    head = tok.head
    return bool(
        tok.dep_ == "npadvmod"
        and head.pos_ == "NOUN"
        and head.i < tok.i
        and head.dep_ in ("nsubj", "nsubjpass")
    )


# adverbs of frequency: the clock time of a clause with one is a habit ("usually at 8 p.m.")
_FREQUENCY = frozenset(
    (
        "usually", "often", "always", "typically", "normally", "generally", "sometimes",
        "regularly", "routinely", "nightly", "daily", "habitually", "frequently", "rarely",
    )
)  # fmt: skip
_CLOCK_SPAN = re.compile(r"^(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\.?$", re.I)


def _clause_verb(tok: Any, steps: int) -> Any:
    """The verb (or auxiliary) of the clause ``tok`` is in: ``tok`` or a head at most
    ``steps`` steps up; None when there is none."""
    for _ in range(steps + 1):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _habitual_clock(span: Any) -> bool:
    """A clock time in a clause that says how often ("opens every night at 8 p.m.", "the
    lights usually go out at 8 p.m."): a habit, no day's time (it was put on the
    publication day)."""
    if not _CLOCK_SPAN.match(span.text.strip()):
        return False
    verb = _clause_verb(span.root, 4)
    if verb is None:
        return False
    for child in verb.children:
        if child.lower_ in _FREQUENCY:
            return True
        if child.ent_type_ in ("DATE", "TIME") and any(
            c.lower_ in _EVERY and c.dep_ == "det" for c in child.children
        ):
            return True
    return False


def _designation(span: Any) -> bool:
    """A number in a catalogue name ("LHS 1140 c", "GJ 1214 b"): between a name in
    capitals and a lone letter, or after a capitalised acronym when it is no year of the
    last two centuries."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or not words[0].text.isdigit():
        return False
    doc, tok = span.doc, words[0]
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    acronym = (
        before is not None
        and before.text.isalpha()
        and before.text.isupper()
        and len(before.text) >= 2
        and before.lower_ not in _ERAS
        and before.lower_.rstrip(".") not in dates.MONTHS
    )
    letter = after is not None and len(after.text) == 1 and after.text.isalpha()
    return acronym and (letter or not 1800 <= int(tok.text) <= 2199)


_ERAS = frozenset(("ad", "bc", "ce", "bce", "fy"))
_UNITS = frozenset(
    ("year", "years", "day", "days", "hour", "hours", "minute", "minutes", "week", "weeks")
)
# what may join a time unit by a hyphen and keep it time: "four-year", "mid-year"
_TIME_PREFIXES = frozenset(("mid", "pre", "post", "half", "full", "end", "multi", "late", "early"))


def _unit_of_measure(span: Any) -> bool:
    """A time unit hyphened to a noun or adjective that is no count ("48 light-years",
    "2,000 man-hours", "400 person-days"): a distance or an amount of work, no time."""
    doc = span.doc
    for tok in span:
        if tok.lower_ not in _UNITS or tok.i < span.start + 2:
            continue
        hyphen, word = doc[tok.i - 1], doc[tok.i - 2]
        if hyphen.text != "-" or word.whitespace_ or hyphen.whitespace_:
            continue
        if word.is_alpha and not word.like_num and word.lower_ not in dates_words.CARDINALS:
            return word.lower_ not in _TIME_PREFIXES and word.lower_ not in _UNITS
    return False


def _score_count(span: Any) -> bool:
    """A cricket score's wickets ("58 for three [in the morning session]"): a number after
    "for" that follows a number, and counts no time unit of the span ("Rs 299 for fifteen
    minutes" is a stretch of time: one of the 90 dev web pages)."""
    doc = span.doc
    first = span[0]
    return bool(
        first.like_num
        and not span.start <= first.head.i < span.end  # "299 for [fifteen] minutes" counts
        and span.start >= 2
        and doc[span.start - 1].lower_ == "for"
        and doc[span.start - 2].like_num
    )


def _sporting_century(span: Any) -> bool:
    """A century of runs ("his 40th Test century", "Root century"): "century" with a
    possessive or a proper noun before it; a calendar century takes "the" ("the 21st
    century") or a count ("a century ago")."""
    for tok in span:
        if tok.lower_ not in ("century", "centuries", "hundred", "hundreds"):
            continue
        if tok.lower_.startswith("hundred") and not any(c.dep_ == "poss" for c in tok.children):
            continue
        return any(
            c.dep_ == "poss" or (c.dep_ == "compound" and c.text[:1].isupper())
            for c in tok.children
        )
    return False


def _programme_name(span: Any) -> bool:
    """ "Today", "Tonight" capitalised inside a sentence before the noun it names ("BBC
    Radio 4's Today programme", "the Tonight show"): a programme's name."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or words[0].lower_ not in ("today", "tonight"):
        return False
    tok = words[0]
    inside = tok.i > tok.sent.start and not tok.doc[tok.i - 1].is_punct
    return bool(
        inside
        and tok.text[:1].isupper()
        and tok.dep_ in ("compound", "nmod", "amod")
        and tok.head.i > tok.i
        and tok.head.pos_ in ("NOUN", "PROPN")
    )


# the parts of a stretch of time: "the end of the year", "the rest of the season"
_PARTS_OF_PERIOD = frozenset(
    (
        "end", "start", "beginning", "rest", "remainder", "half", "quarter", "part", "middle",
        "course", "balance", "bulk", "close", "turn", "height", "depths", "peak", "first",
        "last", "time", "most", "all", "much", "some", "each", "any", "none", "one", "remainder",
        "day", "days", "week", "weeks", "month", "months", "night", "nights", "morning",
        "afternoon", "evening", "hour", "hours", "season", "seasons", "year", "years", "date",
        "dates", "weekend", "summer", "winter", "spring", "autumn", "fall", "run", "stretch",
    )
)  # fmt: skip
_PERIODS = frozenset(("the year", "the season", "the month", "the week", "the day", "the decade"))


def _title_of_the_period(span: Any) -> bool:
    """An award or a title ("the team of the year", "player of the season", "goal of the
    month"): "the year" after "of" under a noun that is no part of a stretch of time and
    is not ranked within it ("the biggest drop of the year" is this year's)."""
    text = re.sub(r"\s+", " ", span.text.strip().lower())
    if text not in _PERIODS:
        return False
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    noun = root.head.head
    ranked = any(
        c.tag_ == "JJS" or c.ent_type_ == "ORDINAL" for c in noun.children if c.i < noun.i
    )  # "the first major price drop of the year", "his sixth goal of the season": this one's
    return bool(
        noun.pos_ in ("NOUN", "PROPN") and noun.lower_ not in _PARTS_OF_PERIOD and not ranked
    )


def _any_time(span: Any) -> bool:
    """ "at any hour", "any day now": no time in particular."""
    words = [t for t in span if not t.is_punct]
    return bool(words) and words[0].lower_ == "any" and words[0].dep_ == "det"


_GAME_PERIODS = re.compile(
    r"^(?:all\s+)?(?:two|three|four|2|3|4)\s+(?:quarters|halves|periods|innings)$"
)


def _game_periods(span: Any) -> bool:
    """ "after three quarters" of a game, in an article that gives a score."""
    return _GAME_PERIODS.match(re.sub(r"\s+", " ", span.text.strip().lower())) is not None


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


# an amount before "a year": a number, perhaps with its scale ("1.4bn", "200m", "3k")
_AMOUNT = re.compile(r"^\d[\d.,]*(?:bn|m|mn|k|tn)?$", re.IGNORECASE)
_PER = frozenset(("a", "an", "per"))


def _amount_rate(span: Any) -> bool:
    """An amount of money by a unit of time ("£1.4bn a year", "$30m a month"): a rate, no
    date. The model tags "1.4bn a year" a DATE when the amount has its scale written on it;
    a currency sign stands just before the span, or the amount is the whole span's head."""
    words = [t for t in span if not t.is_punct]
    if len(words) < 3 or words[-2].lower_ not in _PER:
        return False
    if words[-1].lower_ not in _UNITS and words[-1].lower_ != "month":
        return False
    amount = words[:-2]
    before = span.doc[span.start - 1] if span.start > 0 else None
    money = before is not None and (before.tag_ == "$" or before.ent_type_ == "MONEY")
    return money and all(_AMOUNT.match(t.text) or t.like_num for t in amount)


def _generic_part_of_day(span: Any) -> bool:
    """A bare part of day after "at" ("at night", no article, demonstrative or other
    modifier) with no other date in its clause: any night, a habit, not a dated one, in
    the present ("temperatures at night are below freezing", "the roads freeze at night")
    as in the past ("as a young woman she studied at night", "I could spot animals while
    walking at night": an obituary and a blog, both dated the publication day's night). A
    night of the story is named with its day or a determiner ("on Tuesday night", "that
    night", "overnight")."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or words[0].lower_ not in _PARTS_OF_DAY or any(words[0].children):
        return False
    tok = words[0]
    if tok.dep_ != "pobj" or tok.head.lower_ not in _GENERIC_PREPS:
        return False
    verb = _clause_verb(tok.head, 3)
    if verb is None:
        return False
    return not any(
        t.ent_type_ in ("DATE", "TIME") and not span.start <= t.i < span.end
        for c in verb.children
        for t in c.subtree
        if c.dep_ in ("prep", "npadvmod", "tmod", "advmod")
    )


def _game_period(span: Any) -> bool:
    """ "the third quarter", "early in the second half", "that last quarter", and a lead's
    margin before it ("14 early in the third quarter"): a period of the game, in an article
    that gives a score (see the module doc)."""
    text = re.sub(r"\s+", " ", span.text.strip().lower())
    m = _GAME_PERIOD.search(text)
    if m is None or (m.start() > 0 and not _MARGIN.match(text[: m.start()].strip())):
        return False
    noun = span[-1] if not span[-1].is_punct else span.root
    if any(c.dep_ in ("prep", "poss", "nmod") for c in noun.children):
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
    if any(
        any(
            p.lower_ == "after" and any(o.lower_ == t.lower_ for o in p.children)
            for p in t.children
        )
        or (t.head.lower_ == "after" and t.head.head.lower_ == t.lower_)
        for t in tokens
    ):
        return True  # "night after night", "year after year"
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


_MONTH_NAMES = frozenset(m for m in dates.MONTHS if len(m) > 3 or m == "may")
# the words of a day an indefinite article leaves undated: "a cold November morning"
_DAY_NOUNS = frozenset(("day", "morning", "afternoon", "evening", "night"))
_SEASON_PREPS = frozenset(("in", "during", "over", "through"))


def _generic_season(span: Any) -> bool:
    """A bare season (no year, determiner or other modifier) after a preposition, in a
    clause whose verb is in the simple present with no auxiliary ("the route drops from 22
    trips in winter to 11", "temperatures are lower in winter"): any winter, a habit (it
    was dated this winter). After another tense the season is one ("opened in spring")."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or words[0].lower_ not in _SEASONS or words[0].tag_ != "NN":
        return False
    tok = words[0]
    if any(tok.children) or tok.dep_ != "pobj" or tok.head.lower_ not in _SEASON_PREPS:
        return False
    verb = _clause_verb(tok.head, 3)
    if verb is None or verb.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _indefinite_month_day(span: Any) -> bool:
    """A day or part of day named by its month after an indefinite article ("at 5:40 on a
    cold November morning", "one April day"): the scene of a narrative, no day a calendar
    can give (it was dated the publication day). "a November 3 deadline" has a day number
    and "the November morning" a definite article: they stay."""
    root = span.root
    if root.lower_ not in _DAY_NOUNS or any(t.like_num for t in span):
        return False
    months = [
        c
        for c in root.children
        if c.dep_ in ("compound", "nmod", "amod") and c.lower_ in _MONTH_NAMES
    ]
    article = any(
        (c.dep_ == "det" and c.lower_ in ("a", "an")) or (c.dep_ == "nummod" and c.lower_ == "one")
        for c in root.children
    )
    return bool(months and article)


_WEEKDAY_RANGE = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\s*(?:through|thru|to|until|till|-|–)\s*"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.I,
)
_CLOCK = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?|o'clock|noon)|noon|midnight|\d{1,2}:\d{2}"
_CLOCK_RANGE = re.compile(
    rf"(?:{_CLOCK})\s*(?:[A-Z][a-z]+\s+)?(?:to|until|till|through|-|–)\s*(?:{_CLOCK})", re.I
)
# the modals of what one can do at any time the schedule allows: "owners can call"
_MODALS = frozenset(("can", "may", "could", "should", "must"))


def _opening_hours(span: Any) -> bool:
    """A range of weekdays and a range of clock times in one sentence, under a verb in the
    simple present or with a modal of ability ("call 9 a.m. to 5 p.m. Monday through
    Friday", "the office is open from 10am to 4pm Tuesday to Saturday"): hours of opening,
    a schedule; neither range is a day of the story (the clock range was put on the
    publication day, the weekdays on the coming week). A range under "will" ("the road
    will close 9 a.m. to 3 p.m. Monday through Friday") is one stretch of days and stays."""
    sent = span.sent
    at, end = span.start_char - sent.start_char, span.end_char - sent.start_char
    ranges = [*_WEEKDAY_RANGE.finditer(sent.text), *_CLOCK_RANGE.finditer(sent.text)]
    if not any(m.start() < end and at < m.end() for m in ranges):
        return False
    if not (_WEEKDAY_RANGE.search(sent.text) and _CLOCK_RANGE.search(sent.text)):
        return False
    verb = _clause_verb(span.root, 4)
    if verb is None:
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if not auxes and verb.dep_ == "conj" and verb.tag_ == "VB":
        # "can register online or call ... Monday through Friday": the first verb's modal
        auxes = {c.lower_ for c in verb.head.children if c.dep_ in ("aux", "auxpass")}
    return not (auxes - _MODALS or (not auxes and verb.tag_ not in ("VBZ", "VBP")))
