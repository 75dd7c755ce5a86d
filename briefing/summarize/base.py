"""What every summary method shares: the document it sees, the budget, ratings, the fill."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from ..lang import Language
from ..text import Span, word_count as count_words

Features = tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Document:
    """What a summarizer sees: the article's text, its title, its units (sentence spans,
    a quotation and its attribution joined: :mod:`.units`) and the resources (stemmer, stop
    words) of its language. ``first`` holds each unit's first sentence index among the
    article's sentences and ``sizes`` how many sentences it has (both empty: the units are
    the sentences). A sentence budget counts sentences, not units."""

    text: str
    title: str
    spans: tuple[Span, ...]
    language: Language
    first: tuple[int, ...] = ()
    sizes: tuple[int, ...] = ()

    def sentence_index(self, unit: int) -> int:
        """The index among the article's sentences of unit ``unit``'s first sentence."""
        return self.first[unit] if self.first else unit

    def size(self, unit: int) -> int:
        """How many sentences unit ``unit`` has."""
        return self.sizes[unit] if self.sizes else 1


@dataclass(frozen=True, slots=True)
class Budget:
    """How much summary is wanted: at most ``sentences`` sentences and ``words`` words."""

    sentences: int | None
    words: int | None


@dataclass(frozen=True, slots=True)
class Rating:
    """One sentence's score; ``eligible`` is False for boilerplate, chosen only as a last resort."""

    index: int
    score: float
    features: Features = ()
    eligible: bool = True


class Summarizer:
    """One summarization method: rate every sentence, then order the ratings best first.

    Subclasses implement :meth:`rate`; most keep the plain :meth:`order` (score, then
    article order, boilerplate last). The news ranker overrides it with MMR.
    """

    name: ClassVar[str] = ""

    def rate(self, doc: Document, budget: Budget) -> list[Rating]:
        """One Rating per sentence of ``doc``, in article order (higher score is better)."""
        raise NotImplementedError

    def order(self, doc: Document, ratings: Sequence[Rating]) -> Iterator[Rating]:
        """The ratings, best first; eligible sentences before boilerplate."""
        yield from sorted(ratings, key=lambda r: (not r.eligible, -r.score, r.index))


def word_count(span: Span) -> int:
    return count_words(span.text)


def fill(ranked: Iterator[Rating], doc: Document, budget: Budget) -> list[Rating]:
    """Take ranked sentences best first while they fit; never return nothing.

    Boilerplate (ineligible) sentences are taken only when no eligible one exists. A
    sentence longer than what is left of the word budget is skipped, as is a unit of more
    sentences than are left of the sentence budget, and if nothing fits
    at all the single best sentence is returned. Stops as soon as the budget is full, so
    a lazy ``ranked`` is only consumed as far as needed.
    """
    chosen: list[Rating] = []
    first: Rating | None = None
    used = taken = 0
    shortest = min((word_count(s) for s in doc.spans), default=0) if budget.words else 0
    for rating in ranked:
        if first is None:
            first = rating
        if not rating.eligible and (chosen or first.eligible):
            break
        if budget.sentences is not None and taken >= budget.sentences:
            break
        if budget.words is not None and budget.words - used < shortest:
            break
        length = word_count(doc.spans[rating.index])
        if budget.words is not None and used + length > budget.words:
            continue
        if budget.sentences is not None and taken + doc.size(rating.index) > budget.sentences:
            continue  # a quotation of several sentences that no longer fits
        chosen.append(rating)
        used += length
        taken += doc.size(rating.index)
    if not chosen and first is not None:
        chosen.append(first)
    return chosen


class Lead(Summarizer):
    """The first sentences of the article: the classic news baseline (score falls with position)."""

    name = "lead"

    def rate(self, doc: Document, budget: Budget) -> list[Rating]:
        n = len(doc.spans)
        return [Rating(i, (n - i) / n) for i in range(n)]
