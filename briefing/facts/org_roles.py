"""Organisation roles: "the company said", "the ministry said" is the organisation the
article named in that role, as "the Villa manager said" is the person named so.

A noun of a public body ("the ministry", "the agency", "the council") is the organisation
whose name holds that noun ("Defence Ministry", "US Agency for International
Development"). A noun of a company or a club ("the company", "the firm", "the club") is,
when no name holds it, the organisation of no other kind ("Bayer", not "Ministry of
Health") that was a main clause's subject in this or the two sentences before, else the
one the article made most of so far. Otherwise no one: the noun itself speaks.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from .state import State, sentence_at
from .who import PRODUCT
from .words import COMPANY_NOUNS, CORPORATE, GROUP_WORDS, name_key, name_tokens

# How many sentences back a company noun looks for its organisation as a main subject.
BACK = 2

# a name word that says a company is one, not a body of another kind ("Health Services")
_COMPANY_NAME_WORDS = CORPORATE | COMPANY_NOUNS | {"services", "holdings", "brands", "industries"}


def organisation_noun(head: Any) -> bool:
    """Whether ``head`` is "the <organisation noun>" in the singular ("the company", "the
    ministry"), with nothing before it that says whose ("its parent company")."""
    word = head.lower_
    if head.tag_ != "NN" or not (word in GROUP_WORDS or word in COMPANY_NOUNS):
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) and not any(
        c.dep_ == "poss" for c in head.children
    )


def named_organisation(state: State, word: str, pos: int) -> str | None:
    """The organisation the noun ``word`` ("company") before ``pos`` refers to, or None."""
    named = [
        (p, name, main)
        for p, name, label, main in state.speakers
        if p < pos and label == "ORG" and not _inside(state.quoted, p) and _an_org(state, name)
    ]
    holding = [name for _p, name, _m in named if word in name_tokens(name_key(name))]
    if holding:
        return holding[-1]  # "the ministry" after "the Defence Ministry"
    if word not in COMPANY_NOUNS:
        return None
    kindless = [(p, name, main) for p, name, main in named if _of_no_other_kind(name)]
    first = sentence_at(state.starts, pos) - BACK
    for p, name, main in reversed(kindless):
        if main and sentence_at(state.starts, p) >= first:
            return name
    if not kindless:
        return None
    weight = {name: _weight(state, name) for _p, name, _m in kindless}
    return max(reversed([name for _p, name, _m in kindless]), key=lambda n: weight[n])


def _an_org(state: State, name: str) -> bool:
    actor = state.who.get(name_key(name))
    if actor is None:
        return False
    votes = actor.label_votes
    return votes["ORG"] > votes["PERSON"] and 2 * votes[PRODUCT] < votes["ORG"]


def _of_no_other_kind(name: str) -> bool:
    """A name with no organisation noun in it but a company's ("Bayer", "Ardent Health
    Services", "Royal Bank of Scotland Group"): "Ministry of Health" is a ministry,
    "University of Louisville Hospital" a hospital."""
    words = set(name_tokens(name_key(name)))
    return not (words & GROUP_WORDS) - _COMPANY_NAME_WORDS


def _weight(state: State, name: str) -> float:
    actor = state.who.get(name_key(name))
    return actor.weight if actor is not None else 0.0


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls inside one of ``spans`` (sorted, not overlapping)."""
    k = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]
