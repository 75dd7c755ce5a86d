"""Answers: an interview's answers as the interviewee's quotes.

A Q&A or a broadcast transcript (:mod:`briefing.interview`) prints the interviewee's words
verbatim without quotation marks: each answer is a quote. In a Q&A ("Q: ..." then "A: ..."
or a plain paragraph) the speaker is the person the introduction names (the one named most
often in the title and before the first question; "we spoke to Mara Quintero"), or the
name opening the answer ("QUINTERO: ..."); in a transcript it is the name opening the
turn. The questions, and a transcript host's turns (greetings, questions, the sign-off:
the host asks, the guest is the news), are never quotes; nor is an answer of a few words
("Yes.", "Good to be with you, David.") or one that is no sentence ("Bob Marley, Drake"),
nor a turn printed in quotation marks, which :mod:`.quotes` reads.
A Q&A's questions come in turn: a talk with a question from the floor is none.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise

from ..interview import answer_label, asks, transcript, turn_label
from .state import Item, State
from .where import known_place
from .words import name_tokens, subset

# An answer of this many words or fewer is no quote ("Thank you, David."); a long answer
# is quoted by its whole sentences up to ``_LONGEST`` words (at least its first sentence).
_SHORTEST = 8
_LONGEST = 60
# A Q&A's answer runs over this many paragraphs at most: the questions come in turn.
_LONGEST_ANSWER = 4
# An answer that ends on no sentence's end is a list or a name ("Bob Marley, Drake, Jay
# Z"; "Tie between Istanbul and Cape Town"), no sentence quoted.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def read_answers(state: State, text: str) -> None:
    """Add the answers of the interview ``text`` is (``state.spans`` are its sentences) to
    ``state.quotes``; nothing when it is no Q&A or transcript."""
    spans = state.spans
    paragraphs: dict[int, list[int]] = defaultdict(list)
    for i, span in enumerate(spans):
        paragraphs[span.paragraph].append(i)
    found = transcript([s.text for s in spans], [s.paragraph for s in spans])
    if found is not None:
        for key, opened in found.turns.items():
            if key != found.host:
                name = _as_name(found.names[key])
                for paragraph in opened:
                    _answer(state, text, paragraphs[paragraph], name)
        return
    order = list(paragraphs)
    questions = [k for k, p in enumerate(order) if asks(spans[paragraphs[p][0]].text)]
    if len(questions) < 2:
        return
    if any(b - a - 1 > _LONGEST_ANSWER for a, b in pairwise(questions)):
        return  # a talk with a question from the floor now and then is no Q&A
    answers = []
    for n, k in enumerate(questions):
        # the paragraphs up to the next question; after the last, only the first (a note
        # on the interview or the page's furniture may follow it)
        stop = questions[n + 1] if n + 1 < len(questions) else k + 2
        answers += [order[j] for j in range(k + 1, min(stop, len(order)))]
    labelled = [p for p in answers if answer_label(spans[paragraphs[p][0]].text)]
    if len(answers) < 2 or (labelled and len(labelled) < 2):
        return
    first_question = spans[paragraphs[order[questions[0]]][0]].start
    interviewee = _interviewee(state, first_question)
    for paragraph in answers:
        opening = spans[paragraphs[paragraph][0]].text
        label = turn_label(opening)
        speaker = _as_name(label[0]) if label and not answer_label(opening) else interviewee
        _answer(state, text, paragraphs[paragraph], speaker)


def _answer(state: State, text: str, sentences: list[int], speaker: str | None) -> None:
    """The answer of the paragraph of ``sentences`` (indices into ``state.spans``) as a
    quote of ``speaker``: its words after the "A:" or the name opening it, whole sentences
    up to :data:`_LONGEST` words."""
    first = state.spans[sentences[0]]
    label = turn_label(first.text)
    skip = answer_label(first.text) or (label[1] if label else 0)
    start, end = first.start + skip, first.end
    words = len(text[start:end].split())
    used = [sentences[0]]
    for i in sentences[1:]:
        more = len(state.spans[i].text.split())
        if words + more > _LONGEST:
            break
        end, words = state.spans[i].end, words + more
        used.append(i)
    quote = text[start:end].strip()
    if words <= _SHORTEST or not _SENTENCE_END.search(quote):
        return
    if any(a <= start < b for a, b in state.quoted):
        return  # a turn printed in quotation marks ('"PENCE: Well, ...'): read as a quotation
    w = state.weights
    weight = max(state.position(i) for i in used) + (w.speaker if speaker else 0.0)
    weight += w.quote_length if words <= _LONGEST else 0.0
    label_of = "PERSON" if speaker else None
    state.quotes.append(
        Item(quote, None, first.text, sentences[0], weight, "QUOTE", start, speaker, label_of)
    )


def _as_name(label: str) -> str:
    """A name printed in capitals as a name is written ("CHRIS WRIGHT" -> "Chris Wright")."""
    return " ".join(word.capitalize() if word.isupper() else word for word in label.split())


def _interviewee(state: State, before: int) -> str | None:
    """The person the introduction names: named in the title or before the character
    ``before`` (the first question), most often (with the mentions of a shorter form of the
    name: "Quintero" counts for "Mara Quintero"); on a tie the one described by an age or a
    role ("Mara Quintero, 41, took over as head coach"), then the first named. A place the
    model read as a person ("Rotterdam sits ... below sea level") is none."""
    people = [
        actor
        for actor in state.who.values()
        if actor.label_votes.most_common(1)[0][0] == "PERSON"
        and (actor.title or actor.first_pos < before)
        and not known_place(actor.key)
    ]
    if not people:
        return None

    def mentions(actor_key: str) -> int:
        words = name_tokens(actor_key)
        return sum(a.count for a in state.who.values() if subset(name_tokens(a.key), words))

    def described(actor_key: str) -> bool:
        return actor_key in state.ages or bool(state.who[actor_key].role)

    best = max(people, key=lambda a: (mentions(a.key), described(a.key), -a.first_pos))
    return best.surface or best.surfaces.most_common(1)[0][0]
