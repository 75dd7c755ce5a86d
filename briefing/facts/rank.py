"""How facts are ranked: every weight by name in one frozen dataclass, and the shared
scoring helpers (position, title, saturation).

A candidate's evidence is a sum of weighted mentions; :func:`saturate` maps the sum to a
score in [0, 1) that is comparable within one kind. The defaults are the values the bench
(``bench/eval_facts.py``) reports; a caller may pass other ``Weights`` to ``extract_facts``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .words import name_key, name_tokens


@dataclass(frozen=True, slots=True)
class Weights:
    """The named weights of fact ranking (multipliers unless said otherwise)."""

    # position of a mention: 1 / (1 + decay * sentence index) + top bonus * summary rank
    position_decay: float = 0.08
    top_sentence: float = 0.5  # added for a sentence the summary ranks first (1/rank after)
    in_title: float = 2.0  # the position weight of a mention in the title
    repeat: float = 0.5  # share of a repeated when/number's weight added to the first
    # who
    subject: float = 1.6  # the name is (part of) a clause subject
    source: float = 0.3  # a news agency, picture credit or media outlet
    title_name: float = 2.0  # added when the name is in the title
    title_subject: float = 1.5  # added on top when it is the title's subject
    first_mention: float = 1.5  # added, divided by (1 + first sentence / first_scale)
    first_scale: float = 3.0
    who_half: float = 4.0  # the evidence that gives a score of 0.5
    person: float = 1.5  # times the evidence of a person (organisations: 1)
    role: float = 0.5  # added for a person the article gives a role ("Syrian President")
    # where
    place_premodifier: float = 0.1  # "US forces": a country as a modifier
    place_subject: float = 0.6  # a place as subject or possessor
    place_locative: float = 1.5  # "in Idlib": object of a locative preposition
    demonym: float = 0.3  # added per mention of its demonym ("Syrian"), at most demonym_cap
    demonym_cap: int = 5
    where_half: float = 4.0
    # where: the blend of strategies (evidence of all mentions, first mention, dateline,
    # headline), chosen by cross-validation
    where_evidence: float = 1.0  # times the summed evidence of the mentions
    where_first: float = 0.0  # divided by (1 + rank of the first mention among places)
    where_dateline: float = 0.0  # named in the dateline
    where_title: float = 1.0  # times the title boost
    where_unlocated: float = 0.5  # times all, for a place never "in/at/near" (0: dropped)
    # when
    duration: float = 0.0  # "fifty years", "15 minutes", an age: no point in time, not shown
    non_event: float = 0.3  # "since 2016", "founded in 1998"
    precision: float = 0.15  # up to this much more for a more precise value
    # no value although the article is dated ("the season", "that day", "the warmer
    # months"): kept by the library, not shown (0.5 before: 0.613 -> 0.626 Giveme5W1H when,
    # inside the interval; 71 such facts on 40 of the 90 dev pages are no longer shown)
    unresolved: float = 0.0
    when_half: float = 2.0
    # numbers
    counted: float = 1.2  # the number comes with what it counts
    no_value: float = 0.7
    numbers_half: float = 2.0
    # quotes
    speaker: float = 0.8  # added when the speaker is known
    quote_length: float = 0.3  # added for a quote of 6 to 60 words
    top_speaker: float = 0.5  # added when the speaker is among the top three who
    # times the evidence of a speaker's further quotes: one quote per speaker first, and
    # the halves of one split quotation ('"A," X said. "B."') shown by the strongest
    speaker_repeat: float = 0.5
    quotes_half: float = 2.0
    # what
    what_half: float = 0.5


DEFAULT_WEIGHTS = Weights()


def position_weight(top: dict[int, float], index: int | None, w: Weights) -> float:
    """Earlier is better; the title and the summary's top sentences count extra."""
    if index is None:
        return w.in_title
    return 1.0 / (1.0 + w.position_decay * index) + w.top_sentence * top.get(index, 0.0)


def saturate(raw: float, half: float) -> float:
    """Map a non-negative evidence sum to [0, 1): ``half`` evidence gives 0.5."""
    return raw / (raw + half) if raw > 0 else 0.0


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = phrase.split()
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")


def title_boost(
    title_text: str,
    title_subject: str,
    names: Iterable[str],
    w: Weights,
    *,
    surname: bool = False,
) -> float:
    """``title_name`` when a name appears in the (folded) title (a person's surname is
    enough), ``title_subject`` more when it is the title's subject."""
    if not title_text:
        return 0.0
    boost = 0.0
    for name in names:
        words = [t for t in name_tokens(name_key(name)) if len(t) > 1]
        if surname and len(words) > 1:
            words = words[-1:]
        if not words:
            continue
        pattern = _phrase_pattern(" ".join(words))
        if pattern.search(title_text):
            extra = w.title_subject if pattern.search(title_subject) else 0.0
            boost = max(boost, w.title_name + extra)
    return boost
