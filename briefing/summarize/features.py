"""Per-sentence features of the news ranker, each computed in linear time per document.

Similarity uses stemmed topic words (the language's stop words removed) weighted by
TF-IDF within the article; coverage counts surface words minus function words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lang import Language
from ..text import word_count as count_words, words
from .base import Document, word_count
from .boilerplate import (
    _QUOTED,
    _READER,
    _is_byline,
    asks,
    boilerplate,
    closing_sections,
    interviewer_turns,
    is_caption,
    lead_prefix,
)

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
_OPENING = frozenset("\"“‘'")
_CLOSING = frozenset("\"”’'")
_BARE_BY = re.compile(r"^\s*by\s*[.:]?\s*$", re.IGNORECASE)


def _function_words(language: Language) -> frozenset[str]:
    return FUNCTION_WORDS if language.code == "en" else language.stop_words


def topic_terms(lowered: Sequence[str], language: Language) -> list[str]:
    """Stemmed topic words, for similarity: the language's stop words removed."""
    stop, stem = language.stop_words, language.stem
    return [stem(w) for w in lowered if w not in stop]


def _surface(lowered: Sequence[str], function_words: frozenset[str]) -> list[str]:
    """Surface words minus function words, for coverage counts."""
    out = []
    for w in lowered:
        w = w.replace("’", "'")
        if w not in function_words:
            out.append(w)
    return out


def unit(counts: Mapping[str, int], idf: Mapping[str, float]) -> dict[str, float]:
    vec = {t: (1.0 + math.log(c)) * idf.get(t, 0.0) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm > 0 else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def rescale(values: Sequence[float]) -> list[float]:
    """Map to [0, 1] by the document's own min and max (all zeros when constant)."""
    low, high = min(values, default=0.0), max(values, default=0.0)
    span = high - low
    return [(v - low) / span if span > 0 else 0.0 for v in values]


def forward_centrality(vectors: Sequence[Mapping[str, float]]) -> list[float]:
    """PacSum-style directed centrality: a sentence's summed cosine to every *later*
    sentence (news states a fact, then elaborates). Linear: dot with a running suffix sum."""
    suffix: dict[str, float] = {}
    out = [0.0] * len(vectors)
    for i in range(len(vectors) - 1, -1, -1):
        out[i] = dot(vectors[i], suffix)
        for t, v in vectors[i].items():
            suffix[t] = suffix.get(t, 0.0) + v
    return out


def backward_centrality(vectors: Sequence[Mapping[str, float]]) -> list[float]:
    """A sentence's summed cosine to every *earlier* sentence (what PacSum weighs
    negatively: a sentence that repeats what came before adds little). Linear."""
    prefix: dict[str, float] = {}
    out = [0.0] * len(vectors)
    for i, vector in enumerate(vectors):
        out[i] = dot(vector, prefix)
        for t, v in vector.items():
            prefix[t] = prefix.get(t, 0.0) + v
    return out


def coverage(surfaces: Sequence[Sequence[str]]) -> list[float]:
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


def density(text: str, stop: frozenset[str]) -> float:
    """Share of tokens that are names or numbers (capitalised non-initial words, digits)."""
    tokens = [t.strip(_STRIP) for t in text.split()]
    tokens = [t for t in tokens if t]
    if len(tokens) < 2:
        return 0.0
    hits = 0
    for i, t in enumerate(tokens):
        if t.isalpha():
            hits += i > 0 and t[0].isupper() and t.lower() not in stop
        else:
            hits += _DIGIT.search(t) is not None or (
                i > 0 and _CAPITAL.match(t) is not None and t.lower() not in stop
            )
    return hits / len(tokens)


def names(texts: Sequence[str], stop: frozenset[str]) -> list[float]:
    """Entity overlap: for each sentence, how many other sentences share each of its names
    (capitalised non-initial words, not stop words), summed over its distinct names."""
    bags = []
    for text in texts:
        tokens = [t.strip(_STRIP) for t in text.split()]
        bags.append(
            {
                t.lower()
                for i, t in enumerate(tokens)
                if i > 0 and t[:1].isupper() and t.isalpha() and t.lower() not in stop
            }
        )
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag)
    return [float(sum(df[t] - 1 for t in bag)) for bag in bags]


def quoted(text: str) -> float:
    """Share of the sentence's characters inside quotation marks (a speaker's words rather
    than the reporter's account)."""
    stripped = text.strip()
    inside = sum(len(m.group(0)) for m in _QUOTED.finditer(stripped))
    if inside == 0 and (stripped[:1] in _OPENING or stripped[-1:] in _CLOSING):
        return 1.0  # one sentence of a quotation running over several
    return min(1.0, inside / max(1, len(stripped)))


_NON_WORD = re.compile(r"\W+")


def _plain(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def repeats_headline(text: str, title: str) -> bool:
    """Whether the sentence is the headline again, alone or with its byline ("Seeking a
    bigger role for a big rocket by Jeff Foust Monday, …"): pages whose body opens with
    the headline (3 of the 90 dev web pages), where it took a summary line the page's
    title already shows."""
    head = _plain(title)
    if not head:
        return False
    plain = _plain(text)
    return plain == head or plain.startswith(head + " by ")


def penalties_of(
    texts: Sequence[str],
    clean: bool = False,
    precise: bool = True,
    title: str = "",
    paragraphs: Sequence[int] = (),
) -> tuple[tuple[float, str], ...]:
    """:func:`boilerplate` of each sentence; ``clean`` judges a sentence past a dateline or
    "Scroll down for video" run into it, ``precise`` is boilerplate's option. A Daily Mail
    byline split at its dots ("By ." then "Jill Reilly . and Sam Webb .": the CNN/DM header,
    absent from the dev split, so this guard changes no dev summary) is judged whole; the
    headline repeated in the text (:func:`repeats_headline` of ``title``) is furniture; so
    is an interviewer's question: every sentence of a paragraph (``paragraphs`` gives each
    sentence's) that opens with "Q:" (:func:`~.boilerplate.asks`) or is the interviewer's
    turn in a transcript (:func:`~.boilerplate.interviewer_turns`); and so is a press
    release's closing section, "About <Name>" and the like
    (:func:`~.boilerplate.closing_sections`)."""
    out = []
    asked = {
        paragraphs[i] if paragraphs else i
        for i, text in enumerate(texts)
        if (not paragraphs or i == 0 or paragraphs[i] != paragraphs[i - 1]) and asks(text)
    } | interviewer_turns(texts, paragraphs)
    for i, text in enumerate(texts):
        if repeats_headline(text, title):
            out.append((1.0, "headline"))
            continue
        if (paragraphs[i] if paragraphs else i) in asked:
            out.append((1.0, "question"))
            continue
        if i > 0 and _BARE_BY.match(texts[i - 1]) and _is_byline(f"By . {text}"):
            out.append((1.0, "byline"))
            continue
        start = lead_prefix(text) if clean else 0
        rest = text[start:]
        out.append(boilerplate(rest if count_words(rest) >= 5 else text, precise))
    closing = closing_sections(texts, [reason for _, reason in out])
    return tuple((1.0, "closing") if i in closing else pen for i, pen in enumerate(out))


def content_positions(penalties: Sequence[tuple[float, str]]) -> tuple[int, ...]:
    """Each sentence's rank among content (non-boilerplate) sentences."""
    position: list[int] = []
    rank = 0
    for penalty, _ in penalties:
        position.append(rank)
        rank += penalty < 1.0
    return tuple(position)


def length_prior(n_words: int) -> float:
    """1 for sentences of 12–35 words, falling linearly to 0 at 4 and at 80 words."""
    if n_words < 12:
        return max(0.0, (n_words - 4) / 8)
    if n_words > 35:
        return max(0.0, 1.0 - (n_words - 35) / 45)
    return 1.0


def reader_address(text: str) -> bool:
    """True when the sentence talks to the reader ("you", "your") outside quotation marks."""
    lowered = text.lower()
    return (
        _READER.search(lowered) is not None
        and _READER.search(_QUOTED.sub(" ", lowered)) is not None
    )


@dataclass(frozen=True, slots=True)
class Analysis:
    """Per-document quantities the ranker and its MMR share (computed once, cached).

    Every tuple has one value per sentence; ``position`` is the rank among content
    (non-boilerplate) sentences.
    """

    vectors: tuple[dict[str, float], ...]
    forward: tuple[float, ...]
    backward: tuple[float, ...]
    coverage: tuple[float, ...]
    title: tuple[float, ...]
    density: tuple[float, ...]
    length: tuple[float, ...]
    reader: tuple[float, ...]
    caption: tuple[float, ...]
    penalties: tuple[tuple[float, str], ...]
    position: tuple[int, ...]
    texts: tuple[str, ...]
    headline: str = ""  # the document's title, for the boilerplate variants
    paragraphs: tuple[int, ...] = ()  # each sentence's paragraph, likewise

    def boilerplate(
        self, clean: bool = False, precise: bool = True
    ) -> tuple[tuple[tuple[float, str], ...], tuple[int, ...]]:
        """Penalties and content positions under the boilerplate options (the defaults are
        :attr:`penalties` and :attr:`position`)."""
        if not clean and precise:
            return self.penalties, self.position
        penalties = _variant(self.texts, clean, precise, self.headline, self.paragraphs)
        return penalties, content_positions(penalties)

    def extras(
        self, stop: frozenset[str]
    ) -> tuple[tuple[float, ...], tuple[float, ...], tuple[int, ...]]:
        """The features only the ranker's options read, computed on demand (the default
        ranker reads none): entity overlap (:func:`names`, rescaled), the share inside
        quotation marks (:func:`quoted`), and the words past a lead prefix."""
        return _extras(self.texts, stop)


@lru_cache(maxsize=8)
def analyse(doc: Document) -> Analysis:
    lang = doc.language
    lowered = [[w.lower() for w in words(span.text)] for span in doc.spans]
    counts = [Counter(topic_terms(low, lang)) for low in lowered]
    n = len(counts)
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    idf = {t: math.log((n + 1) / d) + 1.0 for t, d in df.items()}
    vectors = tuple(unit(c, idf) for c in counts)
    title_words = [w.lower() for w in words(doc.title)] if doc.title else []
    title_vec = unit(Counter(topic_terms(title_words, lang)), idf) if title_words else {}
    title = [dot(v, title_vec) for v in vectors] if title_vec else [0.0] * n
    top = max(title, default=0.0)
    function_words = _function_words(lang)
    texts = [span.text for span in doc.spans]
    paragraphs = tuple(span.paragraph for span in doc.spans)
    penalties = penalties_of(texts, title=doc.title, paragraphs=paragraphs)
    english = lang.code == "en"
    return Analysis(
        vectors=vectors,
        forward=tuple(rescale(forward_centrality(vectors))),
        backward=tuple(rescale(backward_centrality(vectors))),
        coverage=tuple(rescale(coverage([_surface(low, function_words) for low in lowered]))),
        title=tuple(v / top if top > 0 else 0.0 for v in title),
        density=tuple(density(span.text, lang.stop_words) for span in doc.spans),
        length=tuple(length_prior(word_count(span)) for span in doc.spans),
        reader=tuple(float(english and reader_address(span.text)) for span in doc.spans),
        caption=tuple(float(is_caption(span.text)) for span in doc.spans),
        penalties=penalties,
        position=content_positions(penalties),
        texts=tuple(texts),
        headline=doc.title,
        paragraphs=paragraphs,
    )


@lru_cache(maxsize=32)
def _extras(
    texts: tuple[str, ...], stop: frozenset[str]
) -> tuple[tuple[float, ...], tuple[float, ...], tuple[int, ...]]:
    return (
        tuple(rescale(names(texts, stop))),
        tuple(quoted(t) for t in texts),
        tuple(count_words(t[lead_prefix(t) :]) for t in texts),
    )


@lru_cache(maxsize=32)
def _variant(
    texts: tuple[str, ...], clean: bool, precise: bool, title: str, paragraphs: tuple[int, ...]
) -> tuple[tuple[float, str], ...]:
    return penalties_of(texts, clean, precise, title, paragraphs)
