"""The summary stage: our news ranker (``default``), ``lead``, and adapters to sumy's methods.

Every method is one small class behind one interface, :class:`Summarizer`, as in sumy, and
:data:`ALGORITHMS` maps names to them. A method *rates* every sentence of the article (in
article order) and *orders* the ratings best first; :func:`summarize` then takes the best
set that fits the budget (a sentence count, a word count, or both) and returns it in
article order. Sentences are always verbatim spans from :func:`briefing.text.split_sentences`.
Words are stemmed and stop words dropped in the article's language (:mod:`briefing.lang`).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..errors import BriefingError, wrong_type
from ..lang import detect, resources
from ..models import Article, Sentence
from ..text import split_sentences
from .base import Budget, Document, Lead, Rating, Summarizer, fill
from .boilerplate import boilerplate, is_caption
from .features import analyse
from .news import NewsRanker, Weights, lede_weight
from .sumy_adapters import (
    KL,
    Edmundson,
    LexRank,
    Lsa,
    Luhn,
    Reduction,
    SumBasic,
    SumyMethod,
    TextRank,
)
from .units import quote_units

__all__ = [
    "ALGORITHMS",
    "Budget",
    "Document",
    "NewsRanker",
    "Rating",
    "Summarizer",
    "SumyMethod",
    "Weights",
    "boilerplate",
    "check_algorithm",
    "is_caption",
    "lede_weight",
    "rank",
    "summarize",
]

DEFAULT_SENTENCES = 3
#: A summary reads at most this many characters (about 25,000 words, far beyond any news
#: story; the same bound as ``brief``), cut at a paragraph or sentence end: time stays
#: bounded on book-length or runaway input, and a prefix keeps every offset valid.
MAX_CHARS = 150_000
_analyse = analyse  # the name bench/eval_facts.py clears between timed runs

ALGORITHMS: Mapping[str, type[Summarizer]] = MappingProxyType(
    {
        cls.name: cls
        for cls in (
            NewsRanker, Lead, LexRank, TextRank, Lsa, Luhn, Edmundson, KL, Reduction, SumBasic,
        )
    }
)  # fmt: skip


def _document(article: Article | str, language: str | None = None) -> Document:
    if isinstance(article, Article):
        text, title = article.text, article.title or ""
        language = language or getattr(article, "language", None)
    elif isinstance(article, str):
        text, title = article, ""
    else:
        raise wrong_type(
            "summarize", "an Article or text", article, "pass briefing.Article(text) or the text"
        )
    if language is not None and not isinstance(language, str):
        raise BriefingError(
            f"language={language!r}: expected an ISO 639-1 code such as 'en' or 'nl', or None"
        )
    head = _head(text)
    code = language or detect(f"{title}\n{head}")
    units, first, sizes = quote_units(head, split_sentences(head))
    return Document(head, title, units, resources(code), first, sizes)


def _head(text: str, limit: int = MAX_CHARS) -> str:
    """``text``, or for a very long one its first ``limit`` characters cut at a paragraph
    or sentence end."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    if cut < limit // 2:
        cut = max(text.rfind(". ", 0, limit) + 1, text.rfind("\n", 0, limit))
    return text[: cut if cut >= limit // 2 else limit]


def check_algorithm(algorithm: str) -> type[Summarizer]:
    """The summarizer class named ``algorithm``; BriefingError listing the valid names else."""
    cls = ALGORITHMS.get(algorithm) if isinstance(algorithm, str) else None
    if cls is None:
        names = ", ".join(sorted(ALGORITHMS))
        raise BriefingError(f"unknown summary algorithm {algorithm!r}; choose one of: {names}")
    return cls


def _method(algorithm: str) -> Summarizer:
    return check_algorithm(algorithm)()


def _budget(sentences: int | None, words: int | None) -> Budget:
    for label, value in (("sentences", sentences), ("words", words)):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 1
        ):
            raise BriefingError(f"{label}={value!r}: a summary budget must be a whole number ≥ 1")
    if sentences is None and words is None:
        sentences = DEFAULT_SENTENCES
    return Budget(sentences, words)


def _sentence(doc: Document, rating: Rating) -> Sentence:
    span = doc.spans[rating.index]
    index = doc.sentence_index(rating.index)
    return Sentence(span.text, index, rating.score, span.start, span.end, rating.features)


def run(method: Summarizer, doc: Document, budget: Budget) -> tuple[Sentence, ...]:
    """``method``'s summary of ``doc`` within ``budget``, in article order."""
    if not doc.spans:
        return ()
    ratings = method.rate(doc, budget)
    chosen = fill(method.order(doc, ratings), doc, budget)
    return tuple(_sentence(doc, r) for r in sorted(chosen, key=lambda r: r.index))


def summarize(
    article: Article | str,
    sentences: int | None = None,
    algorithm: str = "default",
    *,
    words: int | None = None,
    language: str | None = None,
) -> tuple[Sentence, ...]:
    """Extractive summary of ``article``: verbatim sentences, in article order, with scores.

    ``sentences`` caps the count and ``words`` the total words; either or both; with
    neither, 3 sentences; with ``words`` alone, as many sentences as fit. The best set that
    fits is chosen, and at least one sentence is returned unless the text has none.
    ``algorithm`` is ``default`` (our news ranker), ``lead`` or a sumy method (see
    :data:`ALGORITHMS`); an unknown name raises BriefingError listing the valid ones.
    ``language`` (ISO 639-1, e.g. ``"nl"``) picks the stemmer and stop words; None detects
    it offline (English when the text is too short to tell).
    """
    budget = _budget(sentences, words)
    method = _method(algorithm)
    return run(method, _document(article, language), budget)


def rank(
    article: Article | str, algorithm: str = "default", *, language: str | None = None
) -> tuple[Sentence, ...]:
    """Every sentence of ``article`` with its score, best first (boilerplate last).

    The order is the one ``summarize(article, 3, algorithm)`` fills its summary in, so
    keeping a prefix keeps the most useful sentences. For ``default`` each sentence carries
    the features explaining its score.
    """
    method = _method(algorithm)
    doc = _document(article, language)
    if not doc.spans:
        return ()
    ratings = method.rate(doc, _budget(DEFAULT_SENTENCES, None))
    return tuple(_sentence(doc, r) for r in method.order(doc, ratings))


class _CallableModule(types.ModuleType):
    """``briefing.summarize`` names both this package and the public function: importing
    the package makes Python bind ``briefing.summarize`` to the package, shadowing the
    lazily resolved function. Calling the package therefore calls :func:`summarize`, so
    ``briefing.summarize(text)`` works whichever of the two the name holds."""

    def __call__(self, *args: Any, **kwargs: Any) -> tuple[Sentence, ...]:
        return summarize(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
