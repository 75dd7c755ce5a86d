"""When: date and time expressions, resolved against the publication date (``briefing.dates``)."""

from __future__ import annotations

import re
from typing import Any

from .. import dates
from .state import MAX_CANDIDATES, Item, State
from .words import FUTURE_AUX, FUTURE_HEADS, NON_EVENT_VERBS, SPEECH_VERBS, WS

_ENDED = re.compile(r"\s+(?:ended|ending)\s+")


def date_pieces(start: int, text: str) -> list[tuple[int, str]]:
    """ "the quarter ended Sept. 30" is two expressions: "the quarter" and "Sept. 30"."""
    m = _ENDED.search(text)
    if m is None:
        return [(start, text)]
    return [(start, text[: m.start()]), (start + m.end(), text[m.end() :])]


def tense_of(tok: Any) -> dates.Tense:
    """The tense of the verb a date modifies: "future" for will/shall/modals, "is meeting",
    "is due to meet", and the simple present of news copy ("meets Monday" is scheduled);
    "past" for a past-tense verb. A speech verb ("said Monday") gives no hint beyond the
    weekday rule, as dates attached to it are often misattached."""
    verb = tok
    for _ in range(5):
        if verb.tag_.startswith("VB"):
            break
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    else:
        return None
    if not verb.tag_.startswith("VB"):
        return None
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & FUTURE_AUX or "going" in auxes:
        return "future"
    if verb.tag_ == "VB" and "to" in auxes and verb.head.lower_ in FUTURE_HEADS:
        return "future"
    if verb.tag_ == "VBG" and auxes & {"is", "are", "'s", "'re"}:
        return "future"
    if verb.lower_ in SPEECH_VERBS:
        return None
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        return "future"
    if verb.tag_ == "VBD" or auxes & {"had", "did", "has", "have", "was", "were"}:
        return "past"
    return None


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


def read_date(
    state: State, span: Any, label: str, index: int | None, evidence: str, pos: int, title: bool
) -> None:
    text = WS.sub(" ", span.text).strip()
    if len(state.when) >= MAX_CANDIDATES or not text:
        return
    value = dates.resolve(text, state.anchor, tense=tense_of(span.root))
    w = state.weights
    weight = state.position(index)
    if dates.is_duration(text):
        weight *= w.duration
        value = None
    elif _non_event(span):
        weight *= w.non_event
    if value is not None:
        weight *= 1.0 + w.precision * min(len(value.split("/")[0]), 10) / 10
    elif state.anchor is not None:
        weight *= w.unresolved
    state.when.append(Item(text, value, evidence, index, weight, label, pos))
