"""Adapters to sumy's summarizers: sumy rates the sentences of our own spans, we keep its
ratings. Each uses the document language's Snowball stemmer and stop words, so none needs
NLTK data (or NLTK's slow import)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import Any, ClassVar

from ..lang import Language
from ..text import SumyTokenizer
from .base import Budget, Document, Rating, Summarizer


def _sumy_document(doc: Document, limit: int | None) -> Any:
    """sumy's document model built from our spans (the title as a heading), so that
    ``document.sentences[i]`` is our sentence ``i``; only the first ``limit`` sentences."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence as SumySentence

    tokenizer = SumyTokenizer()
    spans = doc.spans if limit is None else doc.spans[:limit]
    groups: list[list[Any]] = []
    last = None
    for span in spans:
        if span.paragraph != last:
            groups.append([])
            last = span.paragraph
        groups[-1].append(SumySentence(span.text, tokenizer))
    if doc.title and groups:
        groups[0].insert(0, SumySentence(doc.title, tokenizer, is_heading=True))
    return ObjectDocumentModel([Paragraph(group) for group in groups])


def _finite(value: Any) -> float:
    number = float(value)
    return number if math.isfinite(number) else 0.0


class SumyMethod(Summarizer):
    """An adapter to one sumy summarizer: sumy rates the sentences, we keep its ratings.

    ``window`` caps how many leading sentences a method with quadratic (or worse) cost
    looks at; sentences past it score below every sentence inside it, in article order.
    """

    window: ClassVar[int | None] = None

    def make(self, language: Language) -> Any:
        """A configured sumy summarizer (the language's Snowball stemmer and stop words)."""
        raise NotImplementedError

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        """sumy's rating of each of ``document.sentences``, in order."""
        raise NotImplementedError

    def rate(self, doc: Document, budget: Budget) -> list[Rating]:
        n = len(doc.spans)
        limit = self.window if self.window is not None and n > self.window else None
        document = _sumy_document(doc, limit)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values = [_finite(v) for v in self.scores(self.make(doc.language), document)]
        floor = min(values, default=0.0) - 1.0
        ratings = [Rating(i, v) for i, v in enumerate(values)]
        ratings += [Rating(i, floor - (i - len(values) + 1) / n) for i in range(len(values), n)]
        return ratings


def _by_sentence(document: Any, ratings: Mapping[Any, Any]) -> list[float]:
    """Look up a sumy rating dict (keyed by sentence text) for every sentence, in order."""
    return [float(ratings.get(s, 0.0)) for s in document.sentences]


def _by_removal_order(document: Any, ratings: Mapping[Any, Any]) -> list[float]:
    """sumy's greedy methods rate by the round a sentence was picked in (0, -1, -2, ...):
    map that to (0, 1]."""
    n = len(document.sentences)
    return [(n + float(ratings.get(s, -n))) / n for s in document.sentences]


def _stop_worded(summarizer: Any, language: Language) -> Any:
    summarizer.stop_words = language.stop_words
    return summarizer


class LexRank(SumyMethod):
    """sumy's LexRank (thresholded TF-IDF cosine graph, power method).

    Its Python loops are quadratic: only the first 150 sentences are ranked.
    """

    name = "lexrank"
    window = 150

    def make(self, language: Language) -> Any:
        from sumy.summarizers.lex_rank import LexRankSummarizer

        return _stop_worded(LexRankSummarizer(language.stem), language)

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        sentences_words = [summarizer._to_words_set(s) for s in document.sentences]
        if not sentences_words:
            return []
        tf = summarizer._compute_tf(sentences_words)
        idf = summarizer._compute_idf(sentences_words)
        matrix = summarizer._create_matrix(sentences_words, summarizer.threshold, tf, idf)
        return list(summarizer.power_method(matrix, summarizer.epsilon))


class TextRank(SumyMethod):
    """sumy's TextRank (word-overlap graph with damping). Quadratic: first 250 sentences only."""

    name = "textrank"
    window = 250

    def make(self, language: Language) -> Any:
        from sumy.summarizers.text_rank import TextRankSummarizer

        return _stop_worded(TextRankSummarizer(language.stem), language)

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        if not document.sentences:
            return []
        return _by_sentence(document, summarizer.rate_sentences(document))


class Lsa(SumyMethod):
    """sumy's LSA (SVD of the term-sentence matrix). Its Python loops are
    O(terms × sentences): only the first 150 sentences are ranked."""

    name = "lsa"
    window = 150

    def make(self, language: Language) -> Any:
        from sumy.summarizers.lsa import LsaSummarizer

        return _stop_worded(LsaSummarizer(language.stem), language)

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        import numpy

        dictionary = summarizer._create_dictionary(document)
        if not dictionary:
            return [0.0] * len(document.sentences)
        matrix = summarizer._create_matrix(document, dictionary)
        matrix = summarizer._compute_term_frequency(matrix)
        if summarizer.REDUCTION_RATIO >= 1:
            # sumy keeps every dimension, so its rank sqrt(Σ σᵢ² vᵢⱼ²) is exactly the norm of
            # sentence column j (VΣ²Vᵀ = AᵀA): the same ranks without a costly SVD.
            return [float(x) for x in numpy.sqrt((matrix * matrix).sum(axis=0))]
        _u, sigma, v = numpy.linalg.svd(matrix, full_matrices=False)
        return [float(x) for x in summarizer._compute_ranks(sigma, v)]


class Luhn(SumyMethod):
    """sumy's Luhn (clusters of significant words). Linear: no window."""

    name = "luhn"

    def make(self, language: Language) -> Any:
        from sumy.summarizers.luhn import LuhnSummarizer

        return _stop_worded(LuhnSummarizer(language.stem), language)

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        # sumy returns a tuple; a frozenset gives the same ratings with O(1) look-ups.
        significant = frozenset(summarizer._get_significant_words(document.words))
        return [float(summarizer.rate_sentence(s, significant)) for s in document.sentences]


# Edmundson's cue words, chosen for news by hand (not from any evaluation data). Bonus words
# mark the reporting of events and their consequences; stigma words mark page furniture,
# hedging and asides addressed to the reader. Null words (ignored when matching the title)
# are sumy's English stop words.
EDMUNDSON_BONUS = (
    "said", "says", "announced", "according", "reported", "confirmed", "officials", "police",
    "government", "president", "minister", "court", "killed", "died", "arrested", "charged",
    "first", "new", "record", "million", "billion", "percent", "will", "after", "found",
    "won", "lost", "launched", "warned", "decided", "agreed", "expected", "because",
)  # fmt: skip
EDMUNDSON_STIGMA = (
    "click", "subscribe", "follow", "newsletter", "advertisement", "copyright", "photo",
    "picture", "image", "caption", "getty", "credit", "share", "comment", "comments", "email",
    "facebook", "twitter", "instagram", "video", "watch", "scroll", "perhaps", "maybe",
    "hopefully", "apparently", "somewhat", "you", "your", "here", "read",
)  # fmt: skip


class Edmundson(SumyMethod):
    """sumy's Edmundson: cue + title + location methods (key method off, sumy's default
    weights), with news-oriented :data:`EDMUNDSON_BONUS` / :data:`EDMUNDSON_STIGMA` words,
    sumy's stop words as null words and the article's title as the heading. Linear."""

    name = "edmundson"

    def make(self, language: Language) -> Any:
        from sumy.summarizers.edmundson import EdmundsonSummarizer

        summarizer = EdmundsonSummarizer(language.stem)
        summarizer.bonus_words = EDMUNDSON_BONUS
        summarizer.stigma_words = EDMUNDSON_STIGMA
        # sumy refuses an empty set; a language with no stop-word list has no null words,
        # which a set holding only "" (never a word) says ('AAAAmrrwya' was a ValueError)
        summarizer.null_words = language.stop_words or frozenset({""})
        return summarizer

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        methods = (
            summarizer._build_cue_method_instance(),
            summarizer._build_title_method_instance(),
            summarizer._build_location_method_instance(),
        )
        totals = [0.0] * len(document.sentences)
        for method in methods:
            for i, value in enumerate(_by_sentence(document, method.rate_sentences(document))):
                totals[i] += value
        return totals


def _has_content_words(summarizer: Any, document: Any) -> bool:
    return bool(summarizer._get_all_content_words_in_doc(document.sentences))


class KL(SumyMethod):
    """sumy's KL-Sum (greedy, minimising KL divergence to the article's word distribution);
    scores follow the order sumy picks sentences in. Cubic in the worst case: first 60
    sentences only."""

    name = "kl"
    window = 60

    def make(self, language: Language) -> Any:
        from sumy.summarizers.kl import KLSummarizer

        return _stop_worded(KLSummarizer(language.stem), language)

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        if not _has_content_words(summarizer, document):
            return [0.0] * len(document.sentences)
        return _by_removal_order(document, summarizer._compute_ratings(document.sentences))


class Reduction(SumyMethod):
    """sumy's Reduction (sum of word-overlap edges). Quadratic: first 150 sentences only."""

    name = "reduction"
    window = 150

    def make(self, language: Language) -> Any:
        from sumy.summarizers.reduction import ReductionSummarizer

        return _stop_worded(ReductionSummarizer(language.stem), language)

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        return _by_sentence(document, summarizer.rate_sentences(document))


class SumBasic(SumyMethod):
    """sumy's SumBasic (greedy on word probabilities, squared after each pick); scores
    follow the order sumy picks sentences in. Quadratic: first 250 sentences only."""

    name = "sumbasic"
    window = 250

    def make(self, language: Language) -> Any:
        from sumy.summarizers.sum_basic import SumBasicSummarizer

        return _stop_worded(SumBasicSummarizer(language.stem), language)

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        if not _has_content_words(summarizer, document):
            return [0.0] * len(document.sentences)
        return _by_removal_order(document, summarizer._compute_ratings(document.sentences))
