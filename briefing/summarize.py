"""The summary stage: our news ranker (``default``), ``lead``, and adapters to sumy's methods.

Every method is one small class behind one interface, :class:`Summarizer`, as in sumy, and
:data:`ALGORITHMS` maps names to them. A method *rates* every sentence of the article (in
article order) and *orders* the ratings best first; :func:`summarize` then takes the best
set that fits the budget (a sentence count, a word count, or both) and returns it in
article order. Sentences are always verbatim spans from :func:`briefing.text.split_sentences`.
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any, ClassVar

from .errors import BriefingError
from .models import Article, Sentence
from .text import Span, SumyTokenizer, split_sentences, stem, words

__all__ = ["ALGORITHMS", "Summarizer", "boilerplate", "rank", "summarize"]

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


def _word_count(span: Span) -> int:
    return len(span.text.split())


def _fill(ranked: Iterator[Rating], doc: Document, budget: Budget) -> list[Rating]:
    """Take ranked sentences best first while they fit; never return nothing.

    Boilerplate (ineligible) sentences are taken only when no eligible one exists. A
    sentence longer than what is left of the word budget is skipped, and if nothing fits
    at all the single best sentence is returned.
    """
    chosen: list[Rating] = []
    first: Rating | None = None
    used = 0
    for rating in ranked:
        if first is None:
            first = rating
        if not rating.eligible and (chosen or first.eligible):
            break
        if budget.sentences is not None and len(chosen) >= budget.sentences:
            break
        length = _word_count(doc.spans[rating.index])
        if budget.words is not None and used + length > budget.words:
            continue
        chosen.append(rating)
        used += length
    if not chosen and first is not None:
        chosen.append(first)
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
def _sumy_stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


@lru_cache(maxsize=1)
def _sumy_stemmer() -> Callable[[str], str]:
    """sumy's Snowball stemmer for English (NLTK's code, no NLTK data), memoised."""
    from sumy.nlp.stemmers import Stemmer

    stemmer = Stemmer("english")
    cached: Callable[[str], str] = lru_cache(maxsize=65536)(stemmer)
    return cached


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
    """An adapter to one sumy summarizer: sumy rates the sentences, we keep its ratings.

    ``window`` caps how many leading sentences a method with quadratic (or worse) cost
    looks at; sentences past it score below every sentence inside it, in article order.
    """

    window: ClassVar[int | None] = None

    def make(self) -> Any:
        """A configured sumy summarizer (Snowball stemmer and sumy's English stop words)."""
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
    """sumy's greedy methods rate by the round a sentence was picked in (0, -1, -2, ...):
    map that to (0, 1]."""
    n = len(document.sentences)
    return [(n + float(ratings.get(s, -n))) / n for s in document.sentences]


def _stop_worded(summarizer: Any) -> Any:
    summarizer.stop_words = _sumy_stop_words()
    return summarizer


class LexRank(SumyMethod):
    """sumy's LexRank (thresholded TF-IDF cosine graph, power method).

    Its Python loops are quadratic: only the first 150 sentences are ranked.
    """

    name = "lexrank"
    window = 150

    def make(self) -> Any:
        from sumy.summarizers.lex_rank import LexRankSummarizer

        return _stop_worded(LexRankSummarizer(_sumy_stemmer()))

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

        return _stop_worded(TextRankSummarizer(_sumy_stemmer()))

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        if not document.sentences:
            return []
        return _by_sentence(document, summarizer.rate_sentences(document))


class Lsa(SumyMethod):
    """sumy's LSA (SVD of the term-sentence matrix). Its Python loops are
    O(terms × sentences): only the first 150 sentences are ranked."""

    name = "lsa"
    window = 150

    def make(self) -> Any:
        from sumy.summarizers.lsa import LsaSummarizer

        return _stop_worded(LsaSummarizer(_sumy_stemmer()))

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

    def make(self) -> Any:
        from sumy.summarizers.luhn import LuhnSummarizer

        return _stop_worded(LuhnSummarizer(_sumy_stemmer()))

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

    def make(self) -> Any:
        from sumy.summarizers.edmundson import EdmundsonSummarizer

        summarizer = EdmundsonSummarizer(_sumy_stemmer())
        summarizer.bonus_words = EDMUNDSON_BONUS
        summarizer.stigma_words = EDMUNDSON_STIGMA
        summarizer.null_words = _sumy_stop_words()
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

    def make(self) -> Any:
        from sumy.summarizers.kl import KLSummarizer

        return _stop_worded(KLSummarizer(_sumy_stemmer()))

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

        return _stop_worded(ReductionSummarizer(_sumy_stemmer()))

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        return _by_sentence(document, summarizer.rate_sentences(document))


class SumBasic(SumyMethod):
    """sumy's SumBasic (greedy on word probabilities, squared after each pick); scores
    follow the order sumy picks sentences in. Quadratic: first 250 sentences only."""

    name = "sumbasic"
    window = 250

    def make(self) -> Any:
        from sumy.summarizers.sum_basic import SumBasicSummarizer

        return _stop_worded(SumBasicSummarizer(_sumy_stemmer()))

    def scores(self, summarizer: Any, document: Any) -> list[float]:
        if not _has_content_words(summarizer, document):
            return [0.0] * len(document.sentences)
        return _by_removal_order(document, summarizer._compute_ratings(document.sentences))


# --------------------------------------------------------------------------- boilerplate

_BYLINE_START = re.compile(r"^\s*(?:by|words|reporting)\b\s*[:.]?", re.IGNORECASE)
_BYLINE_GLUE = frozenset(("and", "&", "for", "in", "at", "the", "of", "|", "-", "—", "–"))
_FURNITURE = re.compile(  # matched against the lower-cased sentence (much faster than re.I)
    r"\b(?:read more|click (?:here|on|to)|follow (?:us|me|him|her|them)|scroll down|sign up"
    r"|subscribe|newsletter|share this|advertisement|all rights reserved|copyright \d{4}"
    r"|last updated|comments? below|more on this story|watch the video|email us"
    r"|image (?:source|caption|copyright)|download (?:our|the) app|reporting by|editing by)\b"
    r"|\b(?:published|updated)\s*:|\bfollow @|©"
)
_CREDIT = re.compile(
    r"^\s*(?:photos?|pictures?|images?|credits?|video|graphic|caption)\s*:"
    r"|\((?:getty images|ap photo[^)]*|reuters|afp(?:/getty(?: images)?)?|epa|pa wire)\)\s*\W*$"
    r"|^\s*\(?(?:getty images|ap photo|reuters|afp|epa|pa wire|shutterstock)\)?\s*\W*$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .,'-]{0,40}\s*)?\((?:CNN|AP|Reuters|AFP|BBC)\)\s*[-—–:]*\s*$"
    r"|^\s*[A-Z][A-Z .,'-]{2,40}\s*[-—–:]\s*$"
    r"|^\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+\d{1,2}\s+\w+\s+\d{4}\s*\W*$",
    re.IGNORECASE,
)
_FINAL = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")
_QUESTION = re.compile(r"\?[\"'”’)\]]*\s*$")
_READER = re.compile(r"\b(?:you|your|yours|yourself|you're|you've|you'll)\b")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|(?<!\w)['‘][^'‘’]*['’](?!\w)")


def _is_byline(text: str) -> bool:
    """ "By Jane Doe", "By . Jane Doe .", "By JANE DOE and John Roe for MailOnline": "by" and
    then only capitalised names and glue words (at most 12 tokens). Linear, no regex nesting."""
    start = _BYLINE_START.match(text)
    if start is None:
        return False
    tokens = [t.strip(".,:;|") for t in text[start.end() :].split()]
    tokens = [t for t in tokens if t]
    names = [t for t in tokens if t.lower() not in _BYLINE_GLUE]
    return (
        0 < len(tokens) <= 12
        and bool(names)
        and all(t[0].isupper() for t in names)
        and tokens[0].lower() != "the"
    )


def boilerplate(text: str) -> tuple[float, str]:
    """How much ``text`` looks like page furniture rather than news: (penalty, reason).

    1.0 (never chosen while real content remains) for fragments under 5 words, run-ons
    over 80 words, bylines, "Read more"/"Click here"/"Follow us", photo credits, datelines
    or agency tags on their own, and headings (12 words or fewer with no final
    punctuation). 0.5 for a question put to the reader, 0.3 for other questions, else 0.
    """
    tokens = text.split()
    if len(tokens) < 5:
        return 1.0, "fragment"
    if len(tokens) > 80:
        return 1.0, "run-on"
    if _is_byline(text):
        return 1.0, "byline"
    if _FURNITURE.search(text.lower()):
        return 1.0, "furniture"
    if _CREDIT.search(text):
        return 1.0, "credit"
    if _DATELINE.match(text):
        return 1.0, "dateline"
    if len(tokens) <= 12 and not _FINAL.search(text):
        return 1.0, "heading"
    if _QUESTION.search(text):
        return (0.5, "reader question") if _READER.search(text.lower()) else (0.3, "question")
    return 0.0, ""


# --------------------------------------------------------------------------- the news ranker

# Function words (the common NLTK/Snowball English list), dropped when counting coverage.
_FUNCTION_WORDS = """
    i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself
    yourselves he him his himself she she's her hers herself it it's its itself they them
    their theirs themselves what which who whom this that that'll these those am is are was
    were be been being have has had having do does did doing a an the and but if or because
    as until while of at by for with about against between into through during before after
    above below to from up down in out on off over under again further then once here there
    when where why how all any both each few more most other some such no nor not only own
    same so than too very s t can will just don don't should should've now d ll m o re ve y
    ain aren aren't couldn couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven
    haven't isn isn't ma mightn mightn't mustn mustn't needn needn't shan shan't shouldn
    shouldn't wasn wasn't weren weren't won won't wouldn wouldn't
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
_CAPITAL = re.compile(r"^[A-Z][a-zA-Z'’-]*$")
_DIGIT = re.compile(r"\d")
_STRIP = "\"'“”‘’()[]{},.;:!?"


@dataclass(frozen=True, slots=True)
class Weights:
    """The news ranker's constants, in one place (none was fitted per dataset).

    ``lede_full``/``lede_none``: budget ratios (summary size / article size) below which the
    summary is a pure lede and above which it is pure coverage; a smoothstep in between.
    """

    lede_full: float = 0.25
    lede_none: float = 0.5
    position_halflife: float = 2.0  # sentence k gets 1 / (1 + k / 2)
    centrality: float = 0.5
    title: float = 0.2
    density: float = 0.1
    length: float = 0.1
    reader: float = 0.5
    mmr: float = 0.9  # MMR lambda: share of relevance vs. novelty
    duplicate: float = 0.5  # cosine at or above which a candidate repeats a chosen sentence
    mmr_pool: int = 60  # MMR re-orders only this many best candidates


def _terms(text: str) -> list[str]:
    """Stemmed topic words, for similarity: sumy's long English stop list removed."""
    return _topic([w.lower() for w in words(text)])


def _topic(lowered: Sequence[str]) -> list[str]:
    stop = _sumy_stop_words()
    return [stem(w) for w in lowered if w not in stop]


def _surface(lowered: Sequence[str]) -> list[str]:
    """Surface words minus function words, for coverage counts."""
    out = []
    for w in lowered:
        w = w.replace("’", "'")
        if w not in FUNCTION_WORDS:
            out.append(w)
    return out


def _unit(counts: Mapping[str, int], idf: Mapping[str, float]) -> dict[str, float]:
    vec = {t: (1.0 + math.log(c)) * idf.get(t, 0.0) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm > 0 else {}


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _rescale(values: Sequence[float]) -> list[float]:
    """Map to [0, 1] by the document's own min and max (all zeros when constant)."""
    low, high = min(values, default=0.0), max(values, default=0.0)
    span = high - low
    return [(v - low) / span if span > 0 else 0.0 for v in values]


def _forward_centrality(vectors: Sequence[Mapping[str, float]]) -> list[float]:
    """PacSum-style directed centrality: a sentence's summed cosine to every *later*
    sentence (news states a fact, then elaborates). Linear: dot with a running suffix sum."""
    suffix: dict[str, float] = {}
    out = [0.0] * len(vectors)
    for i in range(len(vectors) - 1, -1, -1):
        out[i] = _dot(vectors[i], suffix)
        for t, v in vectors[i].items():
            suffix[t] = suffix.get(t, 0.0) + v
    return out


def _coverage(surfaces: Sequence[Sequence[str]]) -> list[float]:
    """Undirected coverage: Σ_j Σ_w c_i(w)·c_j(w) / √(|s_i|·|s_j|) over the other sentences
    j — how much of the article's recurring vocabulary a sentence carries. Linear."""
    counts = [Counter(s) for s in surfaces]
    roots = [math.sqrt(max(1, len(s))) for s in surfaces]
    mass: dict[str, float] = {}
    for c, root in zip(counts, roots, strict=True):
        for w, k in c.items():
            mass[w] = mass.get(w, 0.0) + k / root
    return [
        sum(k * (mass[w] - k / root) for w, k in c.items()) / root
        for c, root in zip(counts, roots, strict=True)
    ]


def _density(text: str) -> float:
    """Share of tokens that are names or numbers (capitalised non-initial words, digits)."""
    tokens = [t.strip(_STRIP) for t in text.split()]
    tokens = [t for t in tokens if t]
    if len(tokens) < 2:
        return 0.0
    stop = _sumy_stop_words()
    hits = 0
    for i, t in enumerate(tokens):
        if t.isalpha():
            hits += i > 0 and t[0].isupper() and t.lower() not in stop
        else:
            hits += _DIGIT.search(t) is not None or (
                i > 0 and _CAPITAL.match(t) is not None and t.lower() not in stop
            )
    return hits / len(tokens)


def _length_prior(n_words: int) -> float:
    """1 for sentences of 12–35 words, falling linearly to 0 at 4 and at 80 words."""
    if n_words < 12:
        return max(0.0, (n_words - 4) / 8)
    if n_words > 35:
        return max(0.0, 1.0 - (n_words - 35) / 45)
    return 1.0


def _reader_address(text: str) -> bool:
    """True when the sentence talks to the reader ("you", "your") outside quotation marks."""
    lowered = text.lower()
    return (
        _READER.search(lowered) is not None
        and _READER.search(_QUOTED.sub(" ", lowered)) is not None
    )


def lede_weight(ratio: float, weights: Weights | None = None) -> float:
    """How much of the score is the lede model (position, forward centrality) rather than
    coverage, given the budget ratio: 1 up to ``lede_full``, 0 from ``lede_none``, smooth."""
    w = weights or Weights()
    if ratio <= w.lede_full:
        return 1.0
    if ratio >= w.lede_none:
        return 0.0
    x = (ratio - w.lede_full) / (w.lede_none - w.lede_full)
    return 1.0 - x * x * (3.0 - 2.0 * x)


@dataclass(frozen=True, slots=True)
class _Analysis:
    """Per-document quantities the ranker and its MMR share (computed once, cached)."""

    vectors: tuple[dict[str, float], ...]
    forward: tuple[float, ...]
    coverage: tuple[float, ...]
    title: tuple[float, ...]
    penalties: tuple[tuple[float, str], ...]


@lru_cache(maxsize=8)
def _analyse(doc: Document) -> _Analysis:
    lowered = [[w.lower() for w in words(span.text)] for span in doc.spans]
    counts = [Counter(_topic(low)) for low in lowered]
    n = len(counts)
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    idf = {t: math.log((n + 1) / d) + 1.0 for t, d in df.items()}
    vectors = tuple(_unit(c, idf) for c in counts)
    title_vec = _unit(Counter(_terms(doc.title)), idf) if doc.title else {}
    title = [_dot(v, title_vec) for v in vectors] if title_vec else [0.0] * n
    return _Analysis(
        vectors=vectors,
        forward=tuple(_rescale(_forward_centrality(vectors))),
        coverage=tuple(_rescale(_coverage([_surface(low) for low in lowered]))),
        title=tuple(v / max(title) if max(title, default=0.0) > 0 else 0.0 for v in title),
        penalties=tuple(boilerplate(span.text) for span in doc.spans),
    )


def _budget_ratio(doc: Document, penalties: Sequence[tuple[float, str]], budget: Budget) -> float:
    """The share of the article's content the budget asks for (by sentences and/or words)."""
    content = [s for s, (p, _) in zip(doc.spans, penalties, strict=True) if p < 1.0] or list(
        doc.spans
    )
    ratios = []
    if budget.sentences is not None:
        ratios.append(budget.sentences / len(content))
    if budget.words is not None:
        ratios.append(budget.words / max(1, sum(_word_count(s) for s in content)))
    return min(1.0, *ratios) if ratios else 1.0


class NewsRanker(Summarizer):
    """Our unsupervised news ranker; ``default``. Fast (linear but for a small MMR pool).

    The score blends two models of what a summary is, by the *budget ratio* r (summary size
    over article size), a property of the request rather than of any dataset:

    - the **lede** (small r): a position prior 1/(1 + k/2) over content sentences, plus
      PacSum-style forward centrality (summed TF-IDF cosine to later sentences), title
      similarity, name/number density and a length prior, minus a penalty for sentences
      addressed to the reader;
    - **coverage** (large r): how much of the article's recurring vocabulary the sentence
      carries (undirected, length-normalised word overlap with every other sentence).

    ``lede_weight(r)`` is 1 up to r = 1/4 and 0 from r = 1/2. Boilerplate (bylines,
    credits, "Read more", headings, fragments) is never chosen while content remains;
    questions are penalised. MMR then keeps chosen sentences from repeating each other.
    Each rating's features are the weighted parts of its score (they sum to it).
    """

    name = "default"
    weights: ClassVar[Weights] = Weights()

    def rate(self, doc: Document, budget: Budget) -> list[Rating]:
        w = self.weights
        analysis = _analyse(doc)
        s = lede_weight(_budget_ratio(doc, analysis.penalties, budget), w)
        ratings: list[Rating] = []
        content_rank = 0
        for i, span in enumerate(doc.spans):
            penalty, _reason = analysis.penalties[i]
            position = 1.0 / (1.0 + content_rank / w.position_halflife)
            if penalty < 1.0:
                content_rank += 1
            parts = (
                ("position", s * position),
                ("centrality", s * w.centrality * analysis.forward[i]),
                ("coverage", (1.0 - s) * analysis.coverage[i]),
                ("title", s * w.title * analysis.title[i]),
                ("density", s * w.density * _density(span.text)),
                ("length", s * w.length * _length_prior(_word_count(span))),
                ("reader", -s * w.reader * float(_reader_address(span.text))),
                ("boilerplate", -penalty),
            )
            features = tuple((name, round(value, 6)) for name, value in parts)
            score = sum(value for _, value in features)
            ratings.append(Rating(i, score, features, eligible=penalty < 1.0))
        return ratings

    def order(self, doc: Document, ratings: Sequence[Rating]) -> Iterator[Rating]:
        """MMR over the best candidates: repeatedly yield the sentence with the best
        ``λ·score − (1−λ)·similarity`` to those already yielded; near-duplicates of a
        yielded sentence wait until nothing else is left. Boilerplate comes last."""
        w = self.weights
        vectors = _analyse(doc).vectors
        ranked = sorted(ratings, key=lambda r: (not r.eligible, -r.score, r.index))
        head = ranked[: w.mmr_pool]
        pool = [r for r in head if r.eligible]
        rest = [r for r in head if not r.eligible] + ranked[w.mmr_pool :]
        nearest = [0.0] * len(pool)
        while pool:
            best = max(
                range(len(pool)),
                key=lambda j: (
                    nearest[j] < w.duplicate,
                    w.mmr * pool[j].score - (1.0 - w.mmr) * nearest[j],
                ),
            )
            pick, similarity = pool.pop(best), nearest.pop(best)
            yield replace(
                pick, features=(*pick.features, ("redundancy", round(-similarity, 6) + 0.0))
            )
            picked = vectors[pick.index]
            nearest = [
                max(near, _dot(vectors[c.index], picked))
                for near, c in zip(nearest, pool, strict=True)
            ]
        yield from rest


# --------------------------------------------------------------------------- registry and API

ALGORITHMS: Mapping[str, type[Summarizer]] = MappingProxyType(
    {
        cls.name: cls
        for cls in (
            NewsRanker, Lead, LexRank, TextRank, Lsa, Luhn, Edmundson, KL, Reduction, SumBasic,
        )
    }
)  # fmt: skip


def _document(article: Article | str) -> Document:
    if isinstance(article, Article):
        text, title = article.text, article.title or ""
    elif isinstance(article, str):
        text, title = article, ""
    else:
        raise BriefingError(
            f"summarize: expected an Article or a str, got {type(article).__name__}; "
            "pass briefing.Article(text) or the article's text"
        )
    return Document(text, title, split_sentences(text))


def _method(algorithm: str) -> Summarizer:
    cls = ALGORITHMS.get(algorithm)
    if cls is None:
        names = ", ".join(sorted(ALGORITHMS))
        raise BriefingError(f"unknown summary algorithm {algorithm!r}; choose one of: {names}")
    return cls()


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
    neither, 3 sentences); the best set that fits is chosen, and at least one sentence is
    returned unless the text has none. ``algorithm`` is ``default`` (our news ranker),
    ``lead`` or a sumy method (see :data:`ALGORITHMS`); an unknown name raises
    BriefingError listing the valid ones.
    """
    budget = _budget(sentences, words)
    method = _method(algorithm)
    doc = _document(article)
    if not doc.spans:
        return ()
    ratings = method.rate(doc, budget)
    chosen = _fill(method.order(doc, ratings), doc, budget)
    return tuple(_sentence(doc, r) for r in sorted(chosen, key=lambda r: r.index))


def rank(article: Article | str, algorithm: str = "default") -> tuple[Sentence, ...]:
    """Every sentence of ``article`` with its score, best first (boilerplate last).

    The order is the one ``summarize(article, 3, algorithm)`` fills its summary in, so
    keeping a prefix keeps the most useful sentences. For ``default`` each sentence carries
    the features explaining its score.
    """
    method = _method(algorithm)
    doc = _document(article)
    if not doc.spans:
        return ()
    ratings = method.rate(doc, _budget(DEFAULT_SENTENCES, None))
    return tuple(_sentence(doc, r) for r in method.order(doc, ratings))
