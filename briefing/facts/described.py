"""Described speakers: a person a report names by a description, not a name.

"the 54-year-old said" is the person the article gave that age ("Maria Lopez, 54,", "the
54-year-old Maria Lopez"); "the elder Smith" the older of the Smiths whose ages it gave;
"the Briton", "the four-times world champion" the person it introduced so ("Briton Lando
Norris"), else the person who was the subject of the sentences before, when that person
is the only one those sentences name. Otherwise no one: a description is never its own
speaker, and a wrong person is worse than none.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from .state import State, sentence_at
from .where import is_demonym
from .words import clean_surface, name_key, name_tokens

# How many sentences back a description looks for the person it refers to.
BACK = 2


def read_described(state: State, offset: int, doc: Any, quoted: Sequence[tuple[int, int]]) -> None:
    """The ages and nationalities the paragraph ``doc`` gives its people ("Robert Smith,
    71,", "the 71-year-old chairman Robert Smith", "Briton Lando Norris"), outside
    quotations, into ``state.ages`` and ``state.nationals``."""
    for ent in doc.ents:
        if ent.label_ != "PERSON" or _inside(quoted, ent.start_char):
            continue
        name = clean_surface(ent.text)
        if not name:
            continue
        age = _age_after(doc, ent.end) or _age_ending(doc, ent.start - 1)
        if age is not None:
            state.ages[name_key(name)] = age
        before = doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and is_demonym(before.text) and before.text[:1].isupper():
            state.nationals.setdefault(before.lower_, name)


def _age_after(doc: Any, end: int) -> int | None:
    """The age set after a name: "Smith, 71," or "Smith, the 71-year-old chairman,"."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    nxt = doc[end + 1] if end + 1 < len(doc) else None
    if nxt is not None and nxt.like_num and nxt.text.isdigit():
        after = doc[end + 2].text if end + 2 < len(doc) else "."
        return int(nxt.text) if after in (",", ".", ";", ")") and 0 < int(nxt.text) < 120 else None
    for i in range(end + 1, min(len(doc), end + 8)):
        if doc[i].text in (",", ";", "."):
            break
        age = _age_ending(doc, i)
        if age is not None:
            return age
    return None


def _age_ending(doc: Any, i: int) -> int | None:
    """The age of an "N-year-old" whose last token is ``doc[i]``."""
    if i < 4 or doc[i].lower_ != "old" or doc[i - 2].lower_ not in ("year", "years"):
        return None
    number = doc[i - 4].text
    if doc[i - 1].text == "-" and doc[i - 3].text == "-" and number.isdigit():
        return int(number) if 0 < int(number) < 120 else None
    return None


def description(head: Any) -> tuple[int | None, str | None, str | None] | None:
    """What the subject headed by ``head`` says of a person it does not name: (age,
    demonym or title noun, surname of "the elder/younger Smith" with "elder" or
    "younger"), or None when it is no such description."""
    if any(c.lower_ in _COMPARED for c in head.children if c.dep_ == "amod"):
        older = next(c.lower_ for c in head.children if c.lower_ in _COMPARED)
        if head.tag_ == "NNP":
            return None, older, head.text
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    age = next(
        (a for t in head.subtree if t.i <= head.i and (a := _age_ending(head.doc, t.i))), None
    )
    if head.tag_ in ("NNP", "NNPS") and is_demonym(head.text):
        return age, head.lower_, None
    if head.lower_ == "old" and age is not None:
        return age, None, None
    if head.tag_ == "NN" and (age is not None or _times_title(head)):
        return age, head.lower_, None
    return None


_COMPARED = frozenset(("elder", "older", "younger"))


def _times_title(head: Any) -> bool:
    """A title counted in times or terms: "the four-times world champion", "the two-term
    senator"."""
    return any(
        t.lower_ in ("time", "times", "term") and t.i > 0 and t.doc[t.i - 2 : t.i][0].like_num
        for t in head.subtree
        if t.i < head.i and t.i >= 2
    )


def age_before(verb: Any) -> int | None:
    """The age of "the 54-year-old said", which the parser leaves without a subject."""
    doc = verb.doc
    i = verb.i - 1
    age = _age_ending(doc, i)
    return age if age is not None and i >= 5 and doc[i - 5].lower_ == "the" else None


def described_person(
    state: State, said: tuple[int | None, str | None, str | None], pos: int
) -> tuple[str | None, str | None]:
    """The person a description (:func:`description`) before ``pos`` refers to, or no one."""
    age, word, surname = said
    if surname is not None:
        return _elder(state, surname, word == "younger")
    if age is not None:
        aged = {k for k, a in state.ages.items() if a == age}
        if len(aged) == 1:
            return _as_written(state, next(iter(aged)), pos), "PERSON"
        if aged or word is None or not is_demonym(word):
            return None, None
    if word is not None and word in state.nationals:
        return state.nationals[word], "PERSON"
    return _only_subject(state, pos, word)


def _elder(state: State, surname: str, younger: bool) -> tuple[str | None, str | None]:
    family = [(a, k) for k, a in state.ages.items() if name_tokens(k)[-1:] == [surname.lower()]]
    if len({a for a, _k in family}) != len(family) or len(family) < 2:
        return None, None
    _age, key = (min if younger else max)(family)
    return _as_written(state, key, 1 << 62), "PERSON"


def _as_written(state: State, key: str, pos: int) -> str:
    actor = state.who.get(key)
    return actor.surface if actor is not None else key


def _only_subject(state: State, pos: int, word: str | None) -> tuple[str | None, str | None]:
    """The last person who was a main clause's subject in this or the ``BACK`` sentences
    before ``pos``, when that sentence names no other person and no other description
    stood for that subject."""
    first = sentence_at(state.starts, pos) - BACK
    for p, name, label, main in reversed(state.speakers):
        if p >= pos or not main or label != "PERSON" or _inside(state.quoted, p):
            continue
        index = sentence_at(state.starts, p)
        if index < first:
            return None, None
        if state.described.get(p, word) != word:
            return None, None  # "the Briton" then "the champion": as often two people
        others = {
            name_key(n)
            for q, n, lab, _m in state.speakers
            if lab == "PERSON" and sentence_at(state.starts, q) == index and q != p
        }
        mine = set(name_tokens(name_key(name)))
        if any(not (set(name_tokens(o)) <= mine or mine <= set(name_tokens(o))) for o in others):
            return None, None  # "Sinner beat Alcaraz. '...,' the Spaniard said": either
        return name, "PERSON"
    return None, None


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls inside one of ``spans`` (sorted, not overlapping)."""
    k = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]
