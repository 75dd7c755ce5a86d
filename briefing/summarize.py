"""The summary stage: our news ranker (``default``), ``lead``, and adapters to sumy's methods.

Every method is one small class behind one interface, :class:`Summarizer`, as in sumy, and
:data:`ALGORITHMS` maps names to them. A method *rates* every sentence of the article (in
article order); :meth:`Summarizer.select` then takes the best set that fits the budget
(a sentence count, a word count, or both) and the result is returned in article order.
Sentences are always verbatim spans from :func:`briefing.text.split_sentences`.
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any, ClassVar

from .errors import BriefingError
from .models import Article, Sentence
from .text import Span, SumyTokenizer, split_sentences, stem, words

__all__ = ["ALGORITHMS", "Summarizer", "rank", "summarize"]

DEFAULT_SENTENCES = 3
Features = tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Document:
    """What a summarizer sees: the article's text, its title and its sentence spans."""

    text: str
    title: str
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Budget:
    """How much summary is wanted: at most ``sentences`` sentences and ``words`` words."""

    sentences: int | None
    words: int | None

    def count_hint(self, n: int) -> int:
        """The number of sentences this budget will roughly hold, for budget-aware rankers."""
        if self.sentences is not None:
            return max(1, min(n, self.sentences))
        assert self.words is not None
        return max(1, min(n, round(self.words / 22)))


@dataclass(frozen=True, slots=True)
class Rating:
    """One sentence's score; ``eligible`` is False for boilerplate, chosen only as a last resort."""

    index: int
    score: float
    features: Features = ()
    eligible: bool = True


class Summarizer:
    """One summarization method: rate every sentence, then pick the best set within a budget.

    Subclasses implement :meth:`rate`; most keep the plain :meth:`select` (best score first,
    skipping what does not fit), the news ranker overrides it with MMR.
    """

    name: ClassVar[str] = ""

    def rate(self, doc: Document, budget: Budget) -> list[Rating]:
        """One Rating per sentence of ``doc``, in article order (higher score is better)."""
        raise NotImplementedError

    def order(self, doc: Document, ratings: Sequence[Rating], budget: Budget) -> list[Rating]:
        """All ratings, best first (ties keep article order)."""
        return sorted(ratings, key=lambda r: (not r.eligible, -r.score, r.index))

    def select(self, doc: Document, ratings: Sequence[Rating], budget: Budget) -> list[Rating]:
        """The best ratings that fit ``budget``; at least one whenever there is a sentence."""
        return _fill(self.order(doc, ratings, budget), doc, budget)


def _word_count(span: Span) -> int:
    return len(span.text.split())


def _fill(ranked: Sequence[Rating], doc: Document, budget: Budget) -> list[Rating]:
    """Take ranked sentences best first while they fit; never return nothing."""
    usable = [r for r in ranked if r.eligible] or list(ranked)
    chosen: list[Rating] = []
    used = 0
    for rating in usable:
        if budget.sentences is not None and len(chosen) >= budget.sentences:
            break
        length = _word_count(doc.spans[rating.index])
        if budget.words is not None and used + length > budget.words:
            continue
        chosen.append(rating)
        used += length
    if not chosen and usable:
        chosen.append(usable[0])
    return chosen


# --------------------------------------------------------------------------- lead


class Lead(Summarizer):
    """The first sentences of the article: the classic news baseline (score falls with position)."""

    name = "lead"

    def rate(self, doc: Document, budget: Budget) -> list[Rating]:
        n = len(doc.spans)
        return [Rating(i, (n - i) / n) for i in range(n)]


# --------------------------------------------------------------------------- sumy adapters


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


@lru_cache(maxsize=1)
def _sumy_stemmer() -> Callable[[str], str]:
    from sumy.nlp.stemmers import Stemmer

    stemmer: Callable[[str], str] = Stemmer("english")
    return stemmer


def _sumy_document(doc: Document, limit: int | None) -> Any:
    """sumy's document model built from our spans (the title as a heading), so that
    ``document.sentences[i]`` is our sentence ``i``; only the first ``limit`` sentences."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

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
    """An adapter to one sumy summarizer: sumy rates the sentences, we keep the scores.

    ``window`` caps how many leading sentences a method with quadratic (or worse) cost
    looks at; sentences past it score below every sentence inside it, in article order.
    """

    window: ClassVar[int | None] = None

    def make(self) -> Any:
        """A configured sumy summarizer (stemmer and English stop words)."""
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
            values = [_finite(v) for v in self.scores(self.make(), document)]
        floor = min(values, default=0.0) - 1.0
        ratings = [Rating(i, v) for i, v in enumerate(values)]
        ratings += [Rating(i, floor - (i - len(values) + 1) / n) for i in range(len(values), n)]
        return ratings


def _by_sentence(document: Any, ratings: Mapping[Any, Any]) -> list[float]:
    """Look up a sumy rating dict (keyed by sentence text) for every sentence, in order."""
    return [float(ratings.get(s, 0.0)) for s in document.sentences]


def _by_removal_order(document: Any, ratings: Mapping[Any, Any]) -> list[float]:
    """sumy's greedy methods rate by the round a sentence was taken (0, -1, -2, ...): map to (0, 1]."""
    n = len(document.sentences)
    return [(n + float(ratings.get(s, -n))) / n for s in document.sentences]


class LexRank(SumyMethod):
    """sumy's LexRank (thresholded TF-IDF cosine graph, power method).

    Quadratic in Python: only the first 150 sentences are ranked.
    """

    name = "lexrank"
    window = 150

    def make(self) -> Any:
        from sumy.summarizers.lex_rank import LexRankSummarizer

        summarizer = LexRankSummarizer(_sumy_stemmer())
        summarizer.stop_words = _stop_words()
        return summarizer

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

    def make(self) -> Any:
        from sumy.summarizers.text_rank import TextRankSummarizer

        summarizer = TextRankSummarizer(_sumy_stemmer())
        summarizer.stop_words = _stop_words()
        return summarizer

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        if not document.sentences:
            return []
        return _by_sentence(document, summarizer.rate_sentences(document))


class Lsa(SumyMethod):
    """sumy's LSA (SVD of the term-sentence matrix). Its Python loops are O(terms × sentences):
    first 150 sentences only."""

    name = "lsa"
    window = 150

    def make(self) -> Any:
        from sumy.summarizers.lsa import LsaSummarizer

        summarizer = LsaSummarizer(_sumy_stemmer())
        summarizer.stop_words = _stop_words()
        return summarizer

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        import numpy

        dictionary = summarizer._create_dictionary(document)
        if not dictionary:
            return [0.0] * len(document.sentences)
        matrix = summarizer._create_matrix(document, dictionary)
        matrix = summarizer._compute_term_frequency(matrix)
        _u, sigma, v = numpy.linalg.svd(matrix, full_matrices=False)
        return [float(x) for x in summarizer._compute_ranks(sigma, v)]


class Luhn(SumyMethod):
    """sumy's Luhn (clusters of significant words); linear, no window."""

    name = "luhn"

    def make(self) -> Any:
        from sumy.summarizers.luhn import LuhnSummarizer

        summarizer = LuhnSummarizer(_sumy_stemmer())
        summarizer.stop_words = _stop_words()
        return summarizer

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        significant = summarizer._get_significant_words(document.words)
        return [float(summarizer.rate_sentence(s, significant)) for s in document.sentences]


# Edmundson's cue words, chosen for news (not from any evaluation data). Bonus words mark
# reporting of events and their consequences; stigma words mark page furniture, hedging and
# asides addressed to the reader; null words (ignored in title and heading matches) are
# sumy's English stop words.
EDMUNDSON_BONUS = (
    "said", "says", "announced", "according", "reported", "confirmed", "officials", "police",
    "government", "president", "minister", "court", "killed", "died", "arrested", "charged",
    "first", "new", "record", "million", "billion", "percent", "per cent", "will", "after",
    "found", "won", "lost", "launched", "warned", "decided", "agreed", "expected", "because",
)
EDMUNDSON_STIGMA = (
    "click", "subscribe", "follow", "newsletter", "advertisement", "copyright", "photo",
    "picture", "image", "caption", "getty", "credit", "share", "comment", "comments", "email",
    "facebook", "twitter", "instagram", "video", "watch", "scroll", "perhaps", "maybe",
    "hopefully", "apparently", "somewhat", "you", "your", "here", "read",
)


class Edmundson(SumyMethod):
    """sumy's Edmundson (cue + title + location methods, key method off as sumy's default),
    with news-oriented bonus/stigma words (:data:`EDMUNDSON_BONUS`, :data:`EDMUNDSON_STIGMA`)
    and sumy's stop words as null words; the article's title is the heading. Linear."""

    name = "edmundson"

    def make(self) -> Any:
        from sumy.summarizers.edmundson import EdmundsonSummarizer

        summarizer = EdmundsonSummarizer(_sumy_stemmer())
        summarizer.bonus_words = EDMUNDSON_BONUS
        summarizer.stigma_words = EDMUNDSON_STIGMA
        summarizer.null_words = _stop_words()
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
    """sumy's KL-Sum (greedy, minimising KL divergence to the document's word distribution);
    rank-based scores. Cubic in the worst case: first 80 sentences only."""

    name = "kl"
    window = 80

    def make(self) -> Any:
        from sumy.summarizers.kl import KLSummarizer

        summarizer = KLSummarizer(_sumy_stemmer())
        summarizer.stop_words = _stop_words()
        return summarizer

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        if not _has_content_words(summarizer, document):
            return [0.0] * len(document.sentences)
        return _by_removal_order(document, summarizer._compute_ratings(document.sentences))


class Reduction(SumyMethod):
    """sumy's Reduction (sum of word-overlap edges). Quadratic: first 150 sentences only."""

    name = "reduction"
    window = 150

    def make(self) -> Any:
        from sumy.summarizers.reduction import ReductionSummarizer

        summarizer = ReductionSummarizer(_sumy_stemmer())
        summarizer.stop_words = _stop_words()
        return summarizer

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        return _by_sentence(document, summarizer.rate_sentences(document))


class SumBasic(SumyMethod):
    """sumy's SumBasic (greedy on word probabilities, squared after each pick); rank-based
    scores. Quadratic: first 250 sentences only."""

    name = "sumbasic"
    window = 250

    def make(self) -> Any:
        from sumy.summarizers.sum_basic import SumBasicSummarizer

        summarizer = SumBasicSummarizer(_sumy_stemmer())
        summarizer.stop_words = _stop_words()
        return summarizer

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        if not _has_content_words(summarizer, document):
            return [0.0] * len(document.sentences)
        return _by_removal_order(document, summarizer._compute_ratings(document.sentences))


# --------------------------------------------------------------------------- the news ranker

_BYLINE = re.compile(
    r"^\s*(?:by|from|words|reporting)\s*[:.]?\s*(?:\.\s*)?"
    r"(?:[A-Z][\w'’.-]*\.?\s*){1,4}(?:(?:and|,|&)\s*(?:[A-Z][\w'’.-]*\.?\s*){1,4})*"
    r"(?:[.|,]\s*)?(?:(?:for|in|at)\s+)?(?:[A-Z][\w'’.-]*\s*)*[.|]?\s*$",
)
_FURNITURE = re.compile(
    r"(?:\bread more\b|\bclick here\b|\bfollow (?:us|me|@)|\bscroll down\b|\bsign up\b"
    r"|\bsubscribe\b|\bnewsletter\b|\bshare this\b|\badvertisement\b|\ball rights reserved\b"
    r"|\bcopyright\b|©|\bpublished:\s|\bupdated:\s|\blast updated\b|\bcomments? below\b"
    r"|\bmore on this story\b|\bimage (?:source|caption|copyright)\b|\bwatch the video\b"
    r"|\bclick (?:on|to)\b|\bvisit\s+\S+\.(?:com|org|co\.uk)\b|\bcall \d|\bemail us\b)",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^\s*(?:photos?|pictures?|images?|credits?|source|video|pictured|graphic|caption)\s*:"
    r"|\((?:getty(?: images)?|ap(?: photo)?(?:/[^)]*)?|reuters|afp(?:/getty)?|epa|pa)\)\s*\W*$"
    r"|^\s*\(?(?:getty images|ap photo|reuters|afp|epa|pa wire|shutterstock)\)?\s*\W*$",
    re.IGNORECASE,
)
_DATELINE_ONLY = re.compile(
    r"^\s*(?:\(?[A-Z][A-Za-z .,'-]{0,40}\)?\s*)?\((?:CNN|AP|Reuters|AFP|BBC)\)\s*[-—–]*\s*$"
    r"|^\s*[A-Z][A-Z .,'-]{2,40}\s*[-—–,]\s*$"
    r"|^\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+\d{1,2}\s+\w+\s+\d{4}\s*\W*$"
    r"|^\s*\d{1,2}:\d{2}\s*(?:[AP]M|EST|GMT|BST|ET)\b.*\d{4}\s*$",
    re.IGNORECASE,
)
_FINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[.!?…]\s*[\"'”’]\s*$")
_QUESTION = re.compile(r"\?[\"'”’)\]]*\s*$")
_READER = re.compile(r"\b(?:you|your|you're|yours)\b", re.IGNORECASE)
_CAPITAL = re.compile(r"^[A-Z][a-zA-Z'’-]*$")
_NUMBER = re.compile(r"\d")


def boilerplate(text: str) -> tuple[float, str]:
    """How much ``text`` looks like page furniture rather than news (0 = content, 1 = junk).

    Bylines, "Read more"/"Click here"/"Follow us", photo credits, datelines or agency tags on
    their own, headings (no final punctuation), fragments under 5 or over 80 words are junk;
    questions to the reader are penalised. Returns the penalty and the reason.
    """
    tokens = text.split()
    if len(tokens) < 5:
        return 1.0, "fragment"
    if len(tokens) > 80:
        return 1.0, "overlong"
    if _BYLINE.match(text):
        return 1.0, "byline"
    if _FURNITURE.search(text):
        return 1.0, "furniture"
    if _CREDIT.search(text):
        return 1.0, "credit"
    if _DATELINE_ONLY.match(text):
        return 1.0, "dateline"
    if not _FINAL.search(text):
        return 1.0, "heading"
    if _QUESTION.search(text):
        return (0.6, "reader-question") if _READER.search(text) else (0.3, "question")
    return 0.0, ""


def _terms(text: str) -> list[str]:
    stop = _stop_words()
    return [stem(w) for w in words(text) if w.lower() not in stop]


def _vector(counts: Mapping[str, int], idf: Mapping[str, float]) -> dict[str, float]:
    vec = {t: (1.0 + math.log(c)) * idf.get(t, 0.0) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm > 0 else {}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _density(text: str) -> float:
    """Share of tokens that are names or numbers (capitalised non-initial words, digits)."""
    tokens = [t.strip("\"'“”‘’()[],.;:!?") for t in text.split()]
    tokens = [t for t in tokens if t]
    if len(tokens) < 2:
        return 0.0
    hits = sum(
        1
        for i, t in enumerate(tokens)
        if _NUMBER.search(t) or (i > 0 and _CAPITAL.match(t) and t.lower() not in _stop_words())
    )
    return hits / len(tokens)


def _length_prior(n_words: int) -> float:
    """1 for sentences of 12–35 words, falling off for shorter and longer ones."""
    if n_words < 12:
        return max(0.0, (n_words - 4) / 8)
    if n_words > 35:
        return max(0.0, 1.0 - (n_words - 35) / 45)
    return 1.0


@dataclass(frozen=True, slots=True)
class Weights:
    """The news ranker's weights, in one place."""

    position: float = 1.0
    centrality: float = 1.0
    title: float = 0.4
    density: float = 0.3
    length: float = 0.2
    boilerplate: float = 2.0
    mmr: float = 0.7  # MMR lambda: share of relevance vs. novelty
    duplicate: float = 0.6  # cosine above which a candidate repeats a chosen sentence


class NewsRanker(Summarizer):
    """Our unsupervised news ranker: position + centrality + title + names/numbers + length,
    minus boilerplate, then MMR so chosen sentences do not repeat each other.

    The position prior's weight shrinks as the budget covers more of the article (the
    budget ratio): a 3-sentence summary of a long story is mostly its lead, a summary of
    40% of a story is mostly its central sentences. Linear in the number of sentences
    except MMR, which compares each candidate with the few chosen ones.
    """

    name = "default"
    weights: ClassVar[Weights] = Weights()

    def _vectors(self, doc: Document) -> tuple[list[dict[str, float]], dict[str, float]]:
        counts = [Counter(_terms(span.text)) for span in doc.spans]
        n = len(counts)
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c.keys())
        idf = {t: math.log((n + 1) / d) + 1.0 for t, d in df.items()}
        vectors = [_vector(c, idf) for c in counts]
        centroid: Counter[str] = Counter()
        for c in counts:
            centroid.update(c)
        if doc.title:
            title_vec = _vector(Counter(_terms(doc.title)), idf)
        else:
            title_vec = {}
        self._centroid = _vector(centroid, idf)
        return vectors, title_vec

    def rate(self, doc: Document, budget: Budget) -> list[Rating]:
        w = self.weights
        n = len(doc.spans)
        if n == 0:
            return []
        vectors, title_vec = self._vectors(doc)
        self._last_vectors = vectors
        penalties = [boilerplate(span.text) for span in doc.spans]
        content = sum(1 for p, _ in penalties if p < 1.0) or n
        ratio = min(1.0, budget.count_hint(content) / content)
        pos_weight = w.position * (1.0 - ratio) ** 2
        ratings: list[Rating] = []
        rank = 0
        for i, span in enumerate(doc.spans):
            penalty, _reason = penalties[i]
            position = 1.0 / (1.0 + rank / 2.0)
            if penalty < 1.0:
                rank += 1
            centrality = _cosine(vectors[i], self._centroid)
            title = _cosine(vectors[i], title_vec) if title_vec else 0.0
            density = _density(span.text)
            length = _length_prior(_word_count(span))
            score = (
                pos_weight * position
                + w.centrality * centrality
                + w.title * title
                + w.density * density
                + w.length * length
                - w.boilerplate * penalty
            )
            features = (
                ("position", round(pos_weight * position, 6)),
                ("centrality", round(w.centrality * centrality, 6)),
                ("title", round(w.title * title, 6)),
                ("density", round(w.density * density, 6)),
                ("length", round(w.length * length, 6)),
                ("boilerplate", round(-w.boilerplate * penalty, 6)),
            )
            ratings.append(Rating(i, score, features, eligible=penalty < 1.0))
        return ratings

    def order(self, doc: Document, ratings: Sequence[Rating], budget: Budget) -> list[Rating]:
        """MMR: repeatedly take the sentence with the best score minus its similarity to
        what is already taken; near-duplicates of a chosen sentence go last."""
        vectors = getattr(self, "_last_vectors", None)
        if vectors is None or len(vectors) != len(ratings):
            vectors, _ = self._vectors(doc)
        w = self.weights
        pool = sorted(ratings, key=lambda r: (not r.eligible, -r.score, r.index))
        head, tail = pool[:60], pool[60:]
        chosen: list[Rating] = []
        while head:
            best_i, best_value, best_sim = 0, -math.inf, 0.0
            for j, cand in enumerate(head):
                sim = max((_cosine(vectors[cand.index], vectors[c.index]) for c in chosen), default=0.0)
                value = w.mmr * cand.score - (1.0 - w.mmr) * sim
                if sim >= w.duplicate:
                    value -= 10.0
                if not cand.eligible:
                    value -= 100.0
                if value > best_value:
                    best_i, best_value, best_sim = j, value, sim
            cand = head.pop(best_i)
            chosen.append(
                replace(cand, features=(*cand.features, ("redundancy", round(-best_sim, 6))))
            )
        return chosen + list(tail)


# --------------------------------------------------------------------------- registry and API

ALGORITHMS: Mapping[str, type[Summarizer]] = MappingProxyType(
    {
        cls.name: cls
        for cls in (
            NewsRanker, Lead, LexRank, TextRank, Lsa, Luhn, Edmundson, KL, Reduction, SumBasic,
        )
    }
)


def _document(article: Article | str) -> Document:
    if isinstance(article, Article):
        return Document(article.text, article.title or "", split_sentences(article.text))
    if not isinstance(article, str):
        raise BriefingError(
            f"summarize: expected an Article or a str, got {type(article).__name__}; "
            "pass briefing.Article(text) or the article's text"
        )
    return Document(article, "", split_sentences(article))


def _method(algorithm: str) -> Summarizer:
    cls = ALGORITHMS.get(algorithm)
    if cls is None:
        names = ", ".join(sorted(ALGORITHMS))
        raise BriefingError(f"unknown summary algorithm {algorithm!r}; choose one of: {names}")
    return cls()


def _budget(sentences: int | None, words: int | None) -> Budget:
    for label, value in (("sentences", sentences), ("words", words)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise BriefingError(f"{label}={value!r}: the summary budget must be a whole number ≥ 1")
    if sentences is None and words is None:
        sentences = DEFAULT_SENTENCES
    return Budget(sentences, words)


def _sentence(doc: Document, rating: Rating) -> Sentence:
    span = doc.spans[rating.index]
    return Sentence(span.text, rating.index, rating.score, span.start, span.end, rating.features)


def summarize(
    article: Article | str,
    sentences: int | None = 3,
    algorithm: str = "default",
    *,
    words: int | None = None,
) -> tuple[Sentence, ...]:
    """Extractive summary of ``article``: verbatim sentences, in article order, with scores.

    ``sentences`` caps the count and ``words`` the total words (either or both; with
    neither, 3 sentences). At least one sentence is returned unless the text has none.
    ``algorithm`` is ``default`` (our news ranker), ``lead`` or a sumy method; see
    :data:`ALGORITHMS`. Unknown names raise BriefingError listing the valid ones.
    """
    budget = _budget(sentences, words)
    method = _method(algorithm)
    doc = _document(article)
    if not doc.spans:
        return ()
    ratings = method.rate(doc, budget)
    chosen = method.select(doc, ratings, budget)
    return tuple(_sentence(doc, r) for r in sorted(chosen, key=lambda r: r.index))


def rank(article: Article | str, algorithm: str = "default") -> tuple[Sentence, ...]:
    """Every sentence of ``article`` with its score, best first (boilerplate last).

    For ``default`` each carries its explaining features; the order is the one the ranker
    would fill a 3-sentence summary in, so cutting from the end drops the least useful.
    """
    method = _method(algorithm)
    doc = _document(article)
    if not doc.spans:
        return ()
    budget = _budget(DEFAULT_SENTENCES, None)
    ratings = method.rate(doc, budget)
    return tuple(_sentence(doc, r) for r in method.order(doc, ratings, budget))


def _unused(_: Iterable[Any]) -> None:  # pragma: no cover - keeps imports honest for ruff
    return None
