"""When: date and time expressions, resolved against the publication date (``briefing.dates``).

The article's expressions are read in order by one :class:`briefing.dates.DocumentResolver`
(``State.dates``), so "a year earlier", "that day" or "at 10 p.m." are read against the date
named before them, a span that lists dates ("1994, 1995 and 1997") gives one candidate per
item, and "the quarter ended Sept. 30" two. What :func:`briefing.dates.find` sees outside
the model's DATE/TIME entities (UTC clock times, dates in digits, "now", "recently"; in
another language, that language's date words) is read in its place in the stream. "now" and
"recently" (TimeML's PRESENT_REF, PAST_REF) name no date: they score 0, so they come after
every other when fact and never take a dated one's place among the ``LIMITS["when"]``. Dates are
read in the article's language (``State.language``): "segunda-feira" in a Portuguese
article is the Monday before its publication date. A version number, an IP address or a
part number the model took for a date is dropped (:func:`briefing.dates.not_a_date`).
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import replace
from typing import Any

from .. import dates
from ..models import Fact
from ..nlp import text_of
from .not_when import has_score, not_when
from .state import MAX_CANDIDATES, Item, State, ranked_items, sentence_at
from .words import FUTURE_AUX, FUTURE_HEADS, NON_EVENT_VERBS, SAME_PAST, SPEECH_VERBS, WS

_ENDED = re.compile(r"\s+(?:ended|ending)\s+")
_ON = re.compile(r"\s+on\s+")
# a stretch of time the model ran onto a date after a comma: "November 14, [two weeks after]"
_COMMA_STRETCH = re.compile(
    r",\s+(?P<stretch>(?:a|an|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|\d{1,2})\s+(?:days?|weeks?|months?|years?))$"
)
# a stretch compared with a date after a comma: "Aug. 18, [about a week earlier than] this
# year" (a school calendar's day, and the year it is compared with: one run-on fact)
_COMPARED = re.compile(
    r",\s+(?:(?:about|around|nearly|almost|roughly|some|just|only)\s+)?(?:a|an|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|a few|several|\d{1,2})\s+(?:days?|weeks?|months?|"
    r"years?)\s+(?:earlier|later|sooner)\s+than\s+"
)
_Mention = tuple[int, int, str, "str | None"]
# "the year ending [in] October 2027": the year named by the date it ends on
_YEAR_ENDING = re.compile(r"^(?:the\s+)?(?:(?:fiscal|financial)\s+)?year$", re.I)
# "[for] a month between 2011 and 2014": a stretch of time, then the range it lies in
_RANGE_AFTER = re.compile(r"\s+(?=(?:between|from)\s)")


# a count of occasions, no time: "[for] the 13th time", "the third year running"
_OCCASION = re.compile(
    r"^(?:the|a|an)\s+(?:\w+\s+)?time$"
    r"|^(?:the|a|an)\s+\w+\s+(?:year|season)\s+(?:running|in a row)$",
    re.I,
)


def date_pieces(start: int, text: str) -> list[tuple[int, str]]:
    """ "the quarter ended Sept. 30" is two expressions: "the quarter" and "Sept. 30"; so is
    a stretch of time the model ran into the day it ends ("[their first title in] 108 years
    on Wednesday night", "[lowest level in] over a decade on Monday": 3 documents of the dev
    data, where the day was shown as "108 years on Wednesday night")."""
    m = _COMPARED.search(text)
    if m is not None:  # "Aug. 18, about a week earlier than this year": the two dates
        return [(start, text[: m.start()]), (start + m.end(), text[m.end() :])]
    m = _COMMA_STRETCH.search(text)
    if (
        m is not None
        and dates.is_duration(m["stretch"])
        and not dates.is_duration(text[: m.start()])
    ):
        return [(start, text[: m.start()])]  # "as early as November 14, two weeks [after]"
    m = _ENDED.search(text)
    if m is None:
        m = _ON.search(text) or _RANGE_AFTER.search(text)
        # the last of the stretches before it: "[in] 5 hours, 12 minutes on Sunday"
        head = text[: m.start()].split(",")[-1] if m is not None else ""
        if m is None or not (dates.is_duration(head) or _OCCASION.match(head.strip())):
            return [(start, text)]
        return [(start, text[: m.start()]), (start + m.end(), text[m.end() :])]
    # the day the model ran onto the end: "the fiscal year ending [March 2026] on [Monday]"
    # (the report's day, shown as "March 2026 on Monday" and dated that Monday)
    tail, at = text[m.end() :], start + m.end()
    on = _ON.search(tail)
    pieces = [(start, text[: m.start()]), (at, tail)]
    if on is not None:
        pieces[1:] = [(at, tail[: on.start()]), (at + on.end(), tail[on.end() :])]
    return pieces


def tense_of(tok: Any) -> dates.Tense:
    """The tense of the verb a date modifies: "future" for will/shall/modals, "is meeting",
    "is due to meet", and the simple present of news copy ("meets Monday" is scheduled);
    "past" for a past-tense verb. A speech verb ("said Monday") gives no hint beyond the
    weekday rule, as dates attached to it are often misattached. A participle clause has no
    tense of its own and takes its clause's ("has fluctuated, rising to a high in June from
    $29.75 in March": past; "would leave from March 30, with the third departing from August
    6": future)."""
    tok = _first_of_list(tok)  # "scheduled for Friday and Saturday": one direction
    if _earlier(tok) or _object_of(tok, _SINCE):
        return "past"  # "its lowest level since April": before now, whatever the verb
    if _after_speech_verb(tok):
        return None  # "said on Thursday it would cut rations": the saying's day
    if tok.dep_ == "poss":
        return None  # "Monday's announcement": an event named, not the clause's time
    planned = _planned(tok)
    if planned is not None:
        return planned
    verb = _verb_of(tok)
    if verb is None:
        return None
    auxes = _auxes(verb)
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxes and _on_the_day(tok, verb):
        return "past"  # "The bill, first tabled on Monday, would ...": done to the noun
    governing = _participle_head(verb) if not auxes else None
    if governing is not None:
        verb, auxes = governing, _auxes(governing)
    if auxes & FUTURE_AUX or "going" in auxes:
        return "future"
    if verb.tag_ == "VB" and "to" in auxes:
        return _infinitive_tense(verb)
    if verb.tag_ == "VBG" and auxes & {"is", "are", "'s", "'re"}:
        return "future"
    if verb.lower_ in SPEECH_VERBS:
        return None
    if verb.tag_ == "VBP" and not auxes and _singular_subject(verb):
        return "past"  # "Weakness hurt the index Friday": a past the tagger read as present
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        return "future"
    if verb.tag_ == "VBD" or auxes & {"had", "did", "has", "have", "was", "were"}:
        return "past"
    return None


def _on_the_day(tok: Any, verb: Any) -> bool:
    """Whether the date ``tok`` is the day of ``verb`` itself: its "on" object ("tabled [on
    Monday]") or a bare day under it ("tabled Monday"), not the end of a move ("postponed
    to Friday", "delayed until Friday": ahead)."""
    if tok.head.i == verb.i:
        return bool(tok.dep_ == "npadvmod")
    prep = _object_of(tok, frozenset(("on",)))
    return bool(prep is not None and prep.head.i == verb.i)


_SINCE = frozenset(("since",))
_PRESENT_AUX = frozenset(("is", "are", "am", "'s", "'re", "has", "have"))
# the prepositions that give a plan its day ("scheduled for Tuesday", "expected on Monday")
_PLAN_PREPS = frozenset(("for", "on"))
# the prepositions that end a state ("closed through Thursday", "open until Friday")
_UNTIL_PREPS = frozenset(("through", "thru", "until", "till"))
# the participles and adjectives of a plan or forecast: what they date is ahead
_PLANNED = frozenset(
    (
        "scheduled", "rescheduled", "set", "slated", "planned", "forecast", "forecasted",
        "expected", "due", "booked", "penciled", "pencilled",
    )
)  # fmt: skip


def _first_of_list(tok: Any) -> Any:
    """The first date of the list the date ``tok`` is in ("Friday and [Saturday]"), or
    ``tok``: a list of days keeps one direction."""
    for _ in range(5):
        if tok.dep_ != "conj" or tok.head.ent_type_ not in ("DATE", "TIME"):
            break
        tok = tok.head
    return tok


def _object_of(tok: Any, preps: frozenset[str]) -> Any:
    """The preposition among ``preps`` whose object the date ``tok`` is, or None."""
    if tok.dep_ == "pobj" and tok.head.lower_ in preps:
        return tok.head
    return None


def _after_speech_verb(tok: Any) -> bool:
    """Whether the date ``tok`` follows a speech verb straight or after "on" ("said on
    Thursday it would cut rations", "announced Monday [that] ..."): the day of the saying,
    which the parser often hangs on the reported clause's verb (future with "would")."""
    first = tok.left_edge
    prep = _object_of(tok, frozenset(("on",)))
    if prep is not None and prep.i < first.i:
        first = prep
    if first.i == 0:
        return False
    before = tok.doc[first.i - 1]
    return bool(before.lower_ in SPEECH_VERBS and before.tag_.startswith("VB"))


def _planned(tok: Any) -> dates.Tense:
    """ "future" for the day a plan or forecast is for, said of the clause's subject ("talks
    are set for Thursday", "rain is expected on Wednesday night") and for the end of a state
    that holds now ("schools are closed through Thursday"); "past" for a plan in the past
    perfect ("had been scheduled for Friday"); else None (no hint here: "the vote went
    ahead as planned on April 7", "was scheduled for Monday" may be either side). A past
    tense of the verb ("the government planned on Friday to pay") dates the planning, and a
    plan named as a noun's modifier ("surgeries scheduled for Tuesday") is read by
    :func:`plan_of_noun`."""
    head = _plan_head(tok)
    if head is not None and head.dep_ != "acl":
        auxes = _auxes(head) | (_auxes(head.head) if head.dep_ == "acomp" else set())
        if "had" in auxes:
            return "past"
        present = head.dep_ == "acomp" and head.head.tag_ in ("VBZ", "VBP")
        if present or auxes & (_PRESENT_AUX | FUTURE_AUX):
            return "future"  # the plan as it stands; "was planned", "as planned": no hint
    prep = _object_of(tok, _UNTIL_PREPS)
    if prep is not None and prep.head.tag_.startswith(("VB", "JJ")):
        head = prep.head
        auxes = _auxes(head) | (_auxes(head.head) if head.dep_ == "acomp" else set())
        tags = {head.tag_} | {a.tag_ for a in head.children if a.dep_ in ("aux", "auxpass")}
        if head.dep_ == "acomp":
            tags.add(head.head.tag_)
        if tags & {"VBZ", "VBP"} and not auxes & {"has", "have", "had"}:
            return "future"
    return None


def _plan_head(tok: Any) -> Any:
    """The participle or adjective of a plan whose day the date ``tok`` is ("scheduled
    [for Tuesday]", "expected [on Wednesday night]"), or None. "set on" is left out: "its
    record high set on Aug. 6" is when the record was set (TimeBank); not "set to" with a
    verb ("funding is set to lapse after midnight on Friday", the parser hanging "on
    Friday" on "set"), which is the plan's."""
    prep = _object_of(_first_of_list(tok), _PLAN_PREPS)
    if prep is None or prep.head.lower_ not in _PLANNED or prep.head.tag_ not in ("VBN", "JJ"):
        return None
    if prep.lower_ == "on" and prep.head.lower_ == "set" and not _set_to(prep.head):
        return None
    return prep.head


def _inner_plan(span: Any) -> dates.Tense:
    """The plan's tense (:func:`_planned`) of a day inside the span after its clock time
    ("set to lapse after [midnight on Friday]": the span's head is "midnight", the plan's
    day "Friday")."""
    for tok in span:
        if tok.i != span.root.i and tok.ent_type_ == "DATE":
            planned = _planned(tok)
            if planned is not None:
                return planned
    return None


def _set_to(verb: Any) -> bool:
    """Whether "set" takes "to" and a verb ("is set to lapse"), which the tagger may read as
    a noun ("lapse"): a plan, not a setting."""
    return any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children
    )


def plan_of_noun(tok: Any) -> bool:
    """Whether the date ``tok`` is the day of a plan named as a noun's modifier ("312
    surgeries scheduled for Tuesday had been postponed", "a memorial service planned for
    Saturday was canceled"): the clause does not tell whether that day is ahead, so it is
    the nearer one (:func:`briefing.dates.nearer_side`)."""
    head = _plan_head(tok)
    return head is not None and head.dep_ == "acl"


# a preposition that puts its object before the event of the verb it hangs from
_EARLIER_PREPS = frozenset(("after", "following"))


def _earlier(tok: Any) -> bool:
    """Whether the date ``tok`` is in the object of "after" ("following") under a verb in
    the present or past tense, so before that verb's time, which is now or past: "The
    flight comes after a parachute failure during testing in March". The clause's verb may
    be further up than :func:`tense_of` looks (here six steps: no verb, no tense, and the
    March ahead was nearer)."""
    node, before = tok, False
    for _ in range(10):
        if node.tag_.startswith("VB"):
            break
        if node.head.i == node.i:
            return False
        before = before or (node.dep_ == "pobj" and node.head.lower_ in _EARLIER_PREPS)
        node = node.head
    else:
        return False
    auxes = _auxes(node)
    return before and node.tag_ in ("VBZ", "VBP", "VBD") and not auxes & FUTURE_AUX


def headline_tense(tok: Any) -> dates.Tense:
    """The tense of a headline's verb, in headline grammar: the simple present tells what
    happened ("Police arrest man after Friday robbery", "Markets fall on Monday") and "to"
    with a verb what will ("Talks to resume Monday"); else as in the text (:func:`tense_of`)."""
    verb = _verb_of(tok)
    if verb is not None:
        auxes = _auxes(verb)
        if verb.tag_ in ("VBZ", "VBP") and not auxes:
            return "past"
        if (
            verb.tag_ in ("VB", "VBN")
            and "to" in auxes
            and not auxes & {"have", "had"}
            and "ROOT" in (verb.dep_, verb.head.dep_)
        ):
            return "future"  # the parser hangs "to resume" on the subject: "Talks [to resume]"
    return tense_of(tok)


def _verb_of(tok: Any) -> Any:
    """The verb ``tok`` hangs from, at most five steps up (None when there is none)."""
    verb = tok
    for _ in range(5):
        if verb.tag_.startswith("VB"):
            return verb
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _participle_head(verb: Any) -> Any:
    """The verb whose clause the bare "-ing" participle ``verb`` belongs to, as an adverbial
    ("..., rising to a high in June") or after a preposition ("with the third departing
    from August 6"); None for any other verb."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "pcomp"):
        return None
    head = verb.head.head if verb.dep_ == "pcomp" else verb.head
    return head if head.tag_.startswith("VB") else None


def _auxes(verb: Any) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _infinitive_tense(verb: Any) -> dates.Tense:
    """ "to expire Friday": "future" under a verb of planning ("is due to", "plans to") or a
    future auxiliary ("would be ready to leave Tuesday"); "past" when that plan is itself
    in the past perfect ("had been due to expire Friday evening"); else no hint ("agreed to
    meet Tuesday" may be either)."""
    head = verb.head
    if head.tag_.startswith("JJ") and head.dep_ == "acomp":
        head = head.head  # "ready to leave" / "due to expire": the verb they complement
    governing = _auxes(head) | _auxes(verb.head)
    if "had" in governing:
        return "past"
    if verb.head.lower_ in FUTURE_HEADS or governing & FUTURE_AUX:
        return "future"
    if verb.head.lower_ in ("have", "has", "need", "needs") and verb.head.tag_ != "VBD":
        return "future"  # an obligation: "has to appear in court Tuesday", "need to be ..."
    return None


def _singular_subject(verb: Any) -> bool:
    """A third-person singular noun subject: with it a present verb would end in -s, so a
    VBP tag is the tagger misreading a past of the same form ("hurt", "cut", "set"). Only
    such a verb can be misread so: a team's name takes a plural present ("The Thunder host
    the Suns on Wednesday" is ahead)."""
    if verb.lower_ not in SAME_PAST:
        return False  # "The Thunder host the Suns on Wednesday": a past would be "hosted"
    return any(
        c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") and c.lower_ not in ("i", "you")
        for c in verb.children
    )


def _non_event(span: Any) -> bool:
    """Dates that are not the event's: "since 2016", "founded in 1998", "born in"."""
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    if prev in ("since", "until", "till", "before", "by"):
        return True
    head = span.root.head
    if head.dep_ == "prep":
        head = head.head
    return bool(head.lower_ in NON_EVENT_VERBS)


_DAY_ORDINAL = re.compile(r"^(?:[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)$", re.I)


def day_of_month(span: Any) -> Any:
    """The day of the month an ordinal the model tagged ORDINAL names ("met party leaders
    on [the 5th]", "a tree lighting at 5:30 p.m. on [the 5th]"), with its "the"; None for
    any other ordinal ("the 5th floor", "finished 5th"). A day named so was never read
    (2 of a tester's 25 articles), and "the previous day" after it went astray."""
    if len(span) != 1 or not _DAY_ORDINAL.match(span.text):
        return None
    tok = span.root
    if tok.dep_ != "pobj" or tok.head.lower_ != "on" or tok.i == 0:
        return None
    if any(c.dep_ not in ("det", "punct") for c in tok.children):
        return None  # "on the 5th of a series": the ordinal heads a noun's phrase
    before = tok.doc[tok.i - 1]
    return tok.doc[tok.i - 1 : tok.i + 1] if before.lower_ == "the" else None


def reader(state: State) -> dates.DocumentResolver:
    """The state's in-order date reader, made on first use (with the expressions
    :func:`briefing.dates.find` sees in the analysed text)."""
    if state.dates is None:
        state.dates = dates.DocumentResolver(state.anchor, language=state.language)
        text = _text(state)
        state.found_dates = deque(dates.find(text, language=state.language))
        state.game = has_score(text)
    return state.dates


def _text(state: State) -> str:
    """The analysed text as the sentences give it (what lies between them, whitespace, as
    spaces): a date the sentence splitter cuts ("am 1. | März 2026") is found whole."""
    parts: list[str] = []
    at = 0
    for span in state.spans:
        parts += [" " * (span.start - at), span.text]
        at = span.end
    return "".join(parts)


def read_date(
    state: State, span: Any, label: str, index: int | None, evidence: str, pos: int, title: bool
) -> None:
    """One DATE/TIME entity: the expressions ``find`` saw before it are read first, then its
    pieces, in order."""
    text = WS.sub(" ", span.text).strip()
    if len(state.when) >= MAX_CANDIDATES or not text:
        return
    doc_reader = reader(state)
    english = state.language == "en"
    if english and (_judged(span) or _wire_dateline(span) or not_when(span, game=state.game)):
        if not title:  # what find() saw in it is no date either ("kids today": no day)
            read_found(state, pos)
            state.dates_end = max(state.dates_end, pos + len(span.text))
        return
    if english:
        whole, span = span, _trimmed(span)
        pos += span.start_char - whole.start_char
        text = WS.sub(" ", span.text).strip()
    # "16:40" + " UTC": the zone the model's TIME entity leaves out, looked for in the next
    # tokens (the whole doc's text, rebuilt per entity, was a fifth of extract_facts' time)
    doc = span.doc
    near = doc[span.start : min(len(doc), span.end + 3)].text
    raw = near[: dates.zone_end(near, 0, len(span.text))]
    end = pos + len(raw)
    if not title and english and _conversion(state, index, pos, raw):
        read_found(state, pos)
        state.dates_end = max(state.dates_end, end)
        return
    if not title:
        if not english and (
            dates.YEAR_WRITTEN.search(text) is None
            or any(s < end and pos < e for s, e, _t in state.found_dates)
        ):
            return  # the language's own date words hold it, or no year: not the model's
        read_found(state, pos)
    tense = (headline_tense if title else tense_of)(span.root) if english else None
    if english and tense is None:
        tense = _inner_plan(span)
    verbless = english and not title and _verbless(span.sent)
    if english and plan_of_noun(span.root):
        tense = dates.nearer_side(_first_of_list(span.root).text, state.anchor) or tense
    elif verbless and tense is None:
        tense = dates.nearer_side(text, state.anchor)
    non_event = _non_event(span) if english else False
    quoted = english and not title and _quoted(span)
    start = pos if not title else 0
    after = _range_start(state, span, pos) if english and not title else None
    day = _day_of_clock(span, state.anchor) if english and not title else None
    if day is not None:
        # "struck at 11:52 p.m. local time on Thursday": the clock on the day its clause names
        value = doc_reader.resolve(
            f"{raw} {day.text}",
            tense=tense or tense_of(day.root),
            sentence=index,
            quoted=quoted,
            listed=verbless,
        )
        _add(state, raw, value, label, index, evidence, start, non_event=non_event)
        state.dates_end = max(state.dates_end, end)
        return
    reads: list[_Mention] = []
    for piece_start, piece in _dates_only(start, raw):
        reads += doc_reader.read(
            piece_start,
            piece,
            tense=tense,
            after=after,
            sentence=index,
            quoted=quoted,
            listed=verbless,
        )
        after = None if reads else after
    for s, _e, item, value in _year_of_its_end(raw, reads):
        place = s if not title else pos
        _add(state, item, value, label, index, evidence, place, non_event=non_event)
    if not title:
        state.dates_end = max(state.dates_end, end)


# between a clock time and its day: its zone ("local time", "ET"), the same moment in
# another zone in brackets ("(1300 GMT)"), or the end of a range ("9 a.m. to 5 p.m.")
_CLOCK_RANGE = frozenset(("to", "until", "till", "through", "-", "–", "—"))


def _day_of_clock(span: Any, anchor: Any) -> Any:
    """The day phrase the clock time ``span`` is on, named after it in its clause: "at 11:52
    p.m. local time [on Thursday]", "at 6 a.m. [on Black Friday]", "at 5:30 p.m. [on the
    5th]", "at 3 p.m. local time (1300 GMT) [on Tuesday]", "at 11 p.m. [Thursday]" (a
    day the model tagged apart). Read on its own, such a clock was put on the publication
    day or on the day named before it (5 of a tester's 25 articles), so a past quake's
    "11:52 p.m." came after the publication. None when the phrase is no day (a clock with
    no day after it keeps the day named before, else the publication's): the clause ends
    first (a verb, a comma, "and"), or the phrase reads as no day ("at 6 a.m. on the bus")."""
    if anchor is None or not dates.time_of_day(span.text):
        return None
    doc, depth = span.doc, 0
    for tok in doc[span.end : span.end + 10]:  # the parser's sentences may end at "time"
        if tok.text in (".", "!", "?", ";", ":"):
            return None
        if tok.text in ("(", "["):
            depth += 1
        elif tok.text in (")", "]"):
            depth -= 1
        elif depth > 0:
            continue
        elif tok.lower_ == "on" and tok.dep_ == "prep":
            objs = [c for c in tok.children if c.dep_ == "pobj"]
            day = doc[objs[0].left_edge.i : objs[0].i + 1] if objs else None
            return day if day is not None and _names_day(day.text, anchor) else None
        elif tok.ent_type_ == "DATE" and tok.ent_iob_ == "B":
            day = next(e for e in doc.ents if e.start == tok.i)
            return day if _names_day(day.text, anchor) else None
        elif _ends_clause(tok) and tok.lower_ not in _CLOCK_RANGE:
            return None
    return None


def _ends_clause(tok: Any) -> bool:
    """Whether ``tok`` ends a clock time's phrase: a verb, a conjunction, another
    preposition, a comma."""
    return tok.pos_ in ("VERB", "AUX", "CCONJ", "ADP", "SCONJ") or tok.text == ","


def _names_day(text: str, anchor: Any) -> bool:
    """Whether ``text`` names one day ("Thursday", "the 5th", "Black Friday")."""
    value = dates.resolve(text, anchor)
    return value is not None and len(value) == 10


# a wire dateline around its day: "Oct 29 (Reuters) - ", "CAIRO, March 3 (AFP) — "
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3},?[ \t]+)?$")
_DATELINE_AFTER = re.compile(r"^[ \t]*\([^()\n]{1,40}\)[ \t]*(?:--|[—–-])\s")


def _wire_dateline(span: Any) -> bool:
    """Whether ``span`` is the day of a wire dateline opening its paragraph ("Oct 29
    (Reuters) - Northwind Energy reported ...", "CAIRO, March 3 (AFP) - "): it dates the
    copy, as the publication date does, and is no fact of the story (it led the When
    facts of 2 of a tester's 25 articles)."""
    text = text_of(span.doc)
    return bool(
        _DATELINE_BEFORE.search(text[: span.start_char])
        and _DATELINE_AFTER.match(text[span.end_char :])
    )


def _year_of_its_end(raw: str, reads: list[_Mention]) -> list[_Mention]:
    """``reads`` with a year that ends on the date after it ("the year ending in October
    2027", "the fiscal year ended March 31") given the year of that date: a company's year
    is named by the year it ends in (it was read as the publication year, 2026, beside its
    own end in 2027). TimeBank marks "the year ended Sept. 30" of a 1989 report 1989."""
    if len(reads) < 2 or not _ENDED.search(raw) or not _YEAR_ENDING.match(reads[0][2].strip()):
        return reads
    end = reads[1][3]
    if end is None or not re.match(r"\d{4}\b", end) or reads[0][3] is None:
        return reads
    s, e, item, _value = reads[0]
    return [(s, e, item, end[:4]), *reads[1:]]


def _verbless(sent: Any) -> bool:
    """Whether the sentence ``sent`` has no verb: a list's line ("US CPI, Wednesday"), a
    schedule's ("Knicks: Host Milwaukee on Friday night.", "Celtics: At Philadelphia on
    Saturday.", where the tagger reads "Host" as a name). No tense says which side of the
    publication date its weekday is on, so it is the nearer one
    (:func:`briefing.dates.nearer_side`; the last one was read: the games of a report's
    "UP NEXT" block on the week before), and its day is lent to no later clock time (the
    market wrap's "fell 0.8% as of 4 p.m." was put on the day of a bullet above it)."""
    return not any(t.pos_ in ("VERB", "AUX") for t in sent)


def _quoted(span: Any) -> bool:
    """Whether ``span`` is inside a quotation: an odd number of quotation marks before it
    in its sentence."""
    before = span.doc[span.sent.start : span.start]
    marks = sum(1 for t in before if t.text in ('"', "“", "”", "``", "''"))
    return marks % 2 == 1


def _trimmed(span: Any) -> Any:
    """The model's span without the words before the time that are not part of it: a
    pronoun ("sacked [her] days ago") or a count that is the clause's own ("There were
    [eleven] that first morning"), hanging outside the span as the time does."""
    doc, start = span.doc, span.start
    while start < span.end - 1:
        tok = doc[start]
        outside = [t for t in doc[start + 1 : span.end] if not span.start <= t.head.i < span.end]
        # a count written together with the next word is part of it ("11am": a clock)
        joined = not tok.whitespace_
        stray = tok.like_num and not joined and not span.start <= tok.head.i < span.end
        stray = stray and bool(outside)
        stray = stray and tok.dep_ in ("nsubj", "nsubjpass", "attr", "dobj")
        # "ago" takes no possessive: "sacked her days ago" is the object's pronoun
        pronoun = tok.tag_ == "PRP" or (tok.tag_ == "PRP$" and doc[span.end - 1].lower_ == "ago")
        if not pronoun and not stray:
            break
        start += 1
    return doc[start : span.end]


# the word between a range's two ends: "from 6 p.m. Tuesday [until] noon Thursday"
_RANGE_WORDS = frozenset(("until", "till", "through", "thru", "to", "and", "-", "–", "—"))


def _range_start(state: State, span: Any, pos: int) -> str | None:
    """The value of the date just read when ``span`` (at ``pos``) ends a range with it, in
    two entities: "from [6 p.m. CST Tuesday] until [noon CST Thursday]", "between [Friday]
    and [Monday]" ("to" after a "from", "and" after a "between"). The end of a range is on
    or after its start; read alone, in the past of "has issued", Thursday was the one before
    Tuesday."""
    doc = span.doc
    if span.start == 0 or not state.when:
        return None
    word = doc[span.start - 1]
    if word.lower_ not in _RANGE_WORDS:
        return None
    if word.lower_ in ("to", "and"):
        opener = "between" if word.lower_ == "and" else "from"
        if not any(t.lower_ == opener for t in doc[max(word.sent.start, word.i - 10) : word.i]):
            return None
    previous = state.when[-1]
    at = pos - (span.start_char - word.idx)  # the range word, in the article
    if previous.value is None or not 0 <= at - (previous.pos + len(previous.text)) <= 2:
        return None
    return previous.value


_UNITS = frozenset(
    (
        "day", "days", "week", "weeks", "weekend", "weekends", "month", "months", "year",
        "years", "night", "nights", "morning", "evening", "afternoon", "season",
    )
)  # fmt: skip
# adjectives that count or measure a stretch of time: "a full day", "a few weeks"
_MEASURING = frozenset(
    ("few", "couple", "full", "whole", "single", "entire", "half", "extra", "additional")
)


def _judged(span: Any) -> bool:
    """ "a good day", "a tough year", "a long week": a judgement of a time, which no
    calendar places (the model tags it DATE; 4 such when facts in the dev feeds, and in an
    undated text one led the page's When line)."""
    tokens = [t for t in span if not t.is_punct]
    return bool(
        len(tokens) == 3
        and tokens[0].lower_ in ("a", "an")
        and tokens[1].tag_ in ("JJ", "JJR", "JJS")
        and tokens[1].lower_ not in _MEASURING
        and tokens[2].lower_ in _UNITS
    )


# a version number or address, and the words joining it to a date ("2.83.83.83 on Monday":
# the entity repairs extend a date over the number the model took for one)
_NOT_DATE = re.compile(r"(?<![\d.])\d+(?:[.-]\d+){2,}(?![\d.]*\d)(?:\s+(?:on|in|at|of)\b|,)?\s*")


_DATE_WORD = re.compile(
    r"\b(?:"
    + "|".join(sorted({*dates.MONTHS, *dates.WEEKDAYS}, key=len, reverse=True))
    + r"|today|yesterday|tomorrow|tonight|week|month|year)\b",
    re.I,
)


def _dates_only(start: int, text: str) -> list[tuple[int, str]]:
    """The date pieces of an entity (:func:`date_pieces`) without the version numbers, IP
    addresses and part numbers in it (:func:`briefing.dates.not_a_date`); what is left of
    such an entity is kept only when it names a date in words ("2.83.83.83 on Monday"), as
    a number beside a version or a file listing's date is as likely a size or a count
    ("1479 00-00-1980")."""
    out = []
    for piece_start, piece in date_pieces(start, text):
        if not dates.not_a_date(piece):
            out.append((piece_start, piece))
            continue
        at = 0
        for m in _NOT_DATE.finditer(piece):
            if not dates.not_a_date(m.group().strip(" ,")):
                continue  # "24.11.2025" is a date
            rest = piece[at : m.start()]
            if _DATE_WORD.search(rest) and not dates.not_a_date(rest):
                out.append((piece_start + at, rest.rstrip(" ,")))
            at = m.end()
        rest = piece[at:]
        if _DATE_WORD.search(rest) and not dates.not_a_date(rest):
            out.append((piece_start + at, rest))
    return out


def read_found(state: State, upto: int) -> None:
    """The expressions ``find`` saw that end before ``upto`` and after the last date read
    (one that overlaps an entity is the entity's)."""
    doc_reader = reader(state)
    while state.found_dates and state.found_dates[0][0] < upto:
        start, end, found = state.found_dates.popleft()
        if start < state.dates_end or end > upto:
            continue
        index = sentence_at(state.starts, start)
        sentence = state.spans[index]
        text = WS.sub(" ", found)
        if _conversion(state, index, start, text):
            state.dates_end = end
            continue
        label = "TIME" if re.search(r"\d[:.]?\d{2}\s*(?:UTC|GMT)", text, re.I) else "DATE"
        for s, _e, item, value in doc_reader.read(start, text, sentence=index):
            vague = value is None and state.language == "en"
            _add(state, item, value, label, index, sentence.text, s, non_event=False, vague=vague)
        state.dates_end = end


# what lies between a clock time and the same moment in another zone: "3 p.m. local time
# (1300 GMT)", "10 a.m. ET (1500 GMT)"
_ZONED_CLOCK = re.compile(r"\d[:.]?\d\d\s*(?:UTC|GMT)\b|\b\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\b", re.I)
_ZONE_BRACKET = re.compile(r"^[^\W\d_]*(?:\s+[^\W\d_]+){0,2}\s*[(\[]\s*$")


def _conversion(state: State, index: int | None, start: int, text: str) -> bool:
    """Whether ``text``, found at ``start`` in sentence ``index``, is a clock time in brackets just
    after the clock time read last: the same moment in another zone ("at 3 p.m. local time
    (1300 GMT) on Tuesday"), which was a second when fact for one moment."""
    if not state.when or index is None or _ZONED_CLOCK.search(text) is None:
        return False
    last, sentence = state.when[-1], state.spans[index]
    if last.value is None or "T" not in last.value or last.sentence_index != index:
        return False
    between = sentence.text[last.pos + len(last.text) - sentence.start : start - sentence.start]
    return _ZONE_BRACKET.match(between.strip()) is not None


_LETTER = re.compile(r"[^\W\d_]")
_NAMED_NUMBER = re.compile(r"^[A-Z][a-z]+ \d{3,4}$")
_TEMPORAL = re.compile(
    r"\b(?:"
    + "|".join(
        sorted(
            {*dates.MONTHS, *(d for d in dates.WEEKDAYS if d.endswith("day"))},
            key=len,
            reverse=True,
        )
    )
    + r"|days?|week|weeks|weekends?|fortnight|months?|years?|yr|decades?|centur(?:y|ies)|"
    r"millenni(?:um|a)|nights?|tonight|mornings?|afternoons?|evenings?|noon|midnight|dawn|dusk|"
    r"today|yesterday|tomorrow|now|currently|recent(?:ly)?|lately|past|future|present|times?|"
    r"eras?|period|quarters?|q[1-4]|h[12]|fiscal|seasons?|spring|summer|autumn|fall|winter|"
    r"hours?|minutes?|seconds?|ago|earlier|later|soon|once|then|eve|christmas|easter|"
    r"thanksgiving|holidays?|ramadan|diwali|hanukkah|new year|anniversary|annual(?:ly)?|daily|"
    r"weekly|monthly|yearly|quarterly|hourly|overnight|current|half|election|"
    r"(?:twen|thir|for|fif|six|seven|eigh|nine)ties|a\.?m|p\.?m|o'clock|gmt|utc|[ecmp][sd]t|"
    r"age|ages|old|term|semester|olympics|election day)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b|\d0s\b|'\d\d\b|\b1\d{3}\b|\b20\d\d\b",
    re.IGNORECASE,
)


def _add(
    state: State,
    text: str,
    value: str | None,
    label: str,
    index: int | None,
    evidence: str,
    pos: int,
    *,
    non_event: bool,
    vague: bool = False,
) -> None:
    text = WS.sub(" ", text).strip()
    if len(state.when) >= MAX_CANDIDATES or not text:
        return
    if value is None and not _LETTER.search(text):
        # Bare digits the model tagged DATE/TIME that place nothing: ages ("Mary Smith, 35"),
        # game clocks ("7:14"), phone and ticket numbers. On the 90 dev web pages: 24 such
        # when facts in 13 pages, none a date a reader could use.
        return
    if value is None and state.language == "en" and _NAMED_NUMBER.match(text):
        return  # "Russell 2000", "Vision 2030": a name with a number, no year of the story
    if value is None and state.language == "en" and _OCCASION.match(text):
        return  # "the 13th time", "the third year running": how often, not when
    if value is None and state.language == "en" and not _TEMPORAL.search(text):
        # The English model's DATE on a name or product with no time word in it ("Docs",
        # "Quattro", "A350", "1080p 60fps", "CA 90069", "Olympic"): 19 when facts on 18 of
        # the 90 dev web pages, none of them a time.
        return
    w = state.weights
    weight = 0.0 if vague else state.position(index)
    if dates.is_duration(text) and (value is None or value.startswith("P")):
        # "fifty years" (the reader's value is ISO 8601 "P50Y"): not a point in time, scored
        # w.duration; a bare number the reader placed in a list ("April 24 and 25") is a day
        weight *= w.duration
    elif non_event:
        weight *= w.non_event
    if value is not None:
        weight *= 1.0 + w.precision * min(len(value.split("/")[0]), 10) / 10
    elif state.anchor is not None:
        weight *= w.unresolved
    state.when.append(Item(text, value, evidence, index, weight, label, pos))


def when_facts(state: State) -> tuple[Fact, ...]:
    """The ranked when facts, after the expressions ``find`` saw past the last entity, then
    every further mention of them (``repeat``: each with its own sentence).

    Mentions of one time are merged into one fact: one TIMEX3 value, so a day and a part of
    that day stay apart ("today" and "this evening", "Friday" and "Friday morning"). Merged
    by the day alone, the first mention's text stood for all: three "today"s were shown as
    "evening (evening of 20 Jan)", "Wednesday" as "Wednesday night" (TimeBank, 7 documents
    of the dev split)."""
    read_found(state, 1 << 62)
    w = state.weights
    items = [replace(i, value=dates.timex(i.value, i.text)) for i in state.when]
    facts = ranked_items(items, "when", half=w.when_half, repeat=w.repeat, mentions=True)
    return tuple(replace(f, value=_day_only(f.value)) for f in facts)


_PART_OF_DAY = re.compile(r"(?<=\d)T(?:MO|AF|EV|NI)$")


def _day_only(value: str | None) -> str | None:
    """A TIMEX3 value without its part of day (the fact's value is ISO 8601; the text says
    the part of day)."""
    return None if value is None else _PART_OF_DAY.sub("", value)
