"""Our news ranker, ``default``: a lede model blended with coverage by the budget, then MMR."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from .base import Budget, Document, Rating, Summarizer, word_count
from .features import analyse, dot


@dataclass(frozen=True, slots=True)
class Weights:
    """The news ranker's constants, in one place.

    ``lede_full``/``lede_none``: budget ratios (summary size / article size) below which the
    summary is a pure lede and above which it is pure coverage; a smoothstep in between.
    """

    lede_full: float = 0.25
    lede_none: float = 0.5
    # an article of fewer content sentences counts as this many in the budget ratio:
    # coverage (overlap with the other sentences, min-max scaled) is noise over two or three
    # others, and 2 of a 3-sentence feed teaser had dropped its news lead (5 of 31 stories
    # of a tester's week of digests); 3 of the 1,328 dev articles have fewer
    short_article: int = 6
    position_halflife: float = 2.0  # sentence k gets 1 / (1 + k / 2)
    centrality: float = 0.5
    backward: float = 0.0  # PacSum's weight on the summed similarity to earlier sentences
    title: float = 0.2
    density: float = 0.1
    length: float = 0.1
    reader: float = 0.5
    caption: float = 0.0  # penalty for a photo caption run into the text
    mmr: float = 0.9  # MMR lambda: share of relevance vs. novelty
    duplicate: float = 0.5  # cosine at or above which a candidate repeats a chosen sentence
    mmr_pool: int = 60  # MMR re-orders only this many best candidates
    # a candidate with at least this share of its topic words inside a fuller candidate says
    # the same (a standfirst told again by the lede, "A 23-year-old man was charged with ..."
    # twice): the fuller one, when it is of the next two, is taken in its place (the shorter
    # then waits as its near-duplicate)
    contained: float = 0.7
    # ... and with at most this many times its topic words (a caption run into the next
    # sentence, as CNN/DM pages print them, is no fuller telling)
    fuller: float = 1.5
    # "sign up", "subscribe", ... count as furniture only as calls to action: on by default
    # as a bug fix (matched anywhere they flagged 26 news sentences in 19 dev articles), not
    # as a measured gain (CV: CNN/DM ±0.00, BBC −0.02 R1 [−0.09, +0.06], within noise)
    precise_furniture: bool = True
    # Options measured under CV (bench/eval_summary.py), off unless set:
    clean_prefix: bool = False  # judge a sentence past a dateline / "Scroll down" run into it
    short_lead: int = 0  # a first content sentence under this many words is penalised ...
    short_weight: float = 0.5  # ... by this much (in the lede)
    names: float = 0.0  # entity overlap: names the sentence shares with other sentences
    quote: float = 0.0  # penalty for the share of a sentence inside quotation marks


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


def budget_ratio(
    doc: Document,
    penalties: Sequence[tuple[float, str]],
    budget: Budget,
    weights: Weights | None = None,
) -> float:
    """The share of the article's content the budget asks for (by sentences and/or words),
    an article shorter than ``short_article`` sentences counting as that long."""
    w = weights or Weights()
    units = [k for k, (p, _) in enumerate(penalties) if p < 1.0] or list(range(len(doc.spans)))
    content = [doc.spans[k] for k in units]
    sentences = max(1, sum(doc.size(k) for k in units))
    stretch = max(1.0, w.short_article / sentences)
    ratios = []
    if budget.sentences is not None:
        ratios.append(budget.sentences / (sentences * stretch))
    if budget.words is not None:
        ratios.append(budget.words / max(1.0, sum(word_count(s) for s in content) * stretch))
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
    Each sentence's features are the weighted parts of its score, and add up to it exactly,
    the MMR ``redundancy`` included.
    """

    name = "default"
    #: Only the first ``window`` sentences are analysed; later ones rank after them, in
    #: article order, as boilerplate does (2,000 sentences is about 40,000 words).
    window = 2000

    def __init__(self, weights: Weights | None = None) -> None:
        self.weights = weights or Weights()

    def rate(self, doc: Document, budget: Budget) -> list[Rating]:
        w = self.weights
        head = self._head(doc)
        a = analyse(head)
        penalties, positions = a.boilerplate(w.clean_prefix, w.precise_furniture)
        names: tuple[float, ...] = ()
        quoted: tuple[float, ...] = ()
        clean_words: tuple[int, ...] = ()
        if w.short_lead or w.names or w.quote:  # only these options read the extras
            names, quoted, clean_words = a.extras(head.language.stop_words)
        s = lede_weight(budget_ratio(head, penalties, budget, w), w)
        ratings: list[Rating] = []
        for i in range(len(head.spans)):
            penalty, _reason = penalties[i]
            position = 1.0 / (1.0 + positions[i] / w.position_halflife)
            parts: tuple[tuple[str, float], ...] = (
                ("position", s * position),
                ("centrality", s * w.centrality * a.forward[i]),
                ("coverage", (1.0 - s) * a.coverage[i]),
                ("title", s * w.title * a.title[i]),
                ("density", s * w.density * a.density[i]),
                ("length", s * w.length * a.length[i]),
                ("reader", -s * w.reader * a.reader[i]),
                ("boilerplate", -penalty),
            )
            # Options measured under CV that did not hold (off by default, see
            # bench/eval_summary.py): shown only when switched on.
            if w.backward:
                parts += (("backward", s * w.backward * a.backward[i]),)
            if w.caption:
                parts += (("caption", -s * w.caption * a.caption[i]),)
            if w.short_lead:
                short = positions[i] == 0 and penalty < 1.0 and clean_words[i] < w.short_lead
                parts += (("short lead", -s * w.short_weight * short),)
            if w.names:
                parts += (("names", s * w.names * names[i]),)
            if w.quote:
                parts += (("quote", -s * w.quote * quoted[i]),)
            features = tuple((name, round(value, 6) + 0.0) for name, value in parts)
            score = sum(value for _, value in features)
            ratings.append(Rating(i, score, features, eligible=penalty < 1.0))
        n = len(doc.spans)
        for i in range(len(head.spans), n):
            score = round(-2.0 - i / n, 6)
            ratings.append(Rating(i, score, (("outside window", score),), eligible=False))
        return ratings

    def _head(self, doc: Document) -> Document:
        if len(doc.spans) <= self.window:
            return doc
        return replace(doc, spans=doc.spans[: self.window])

    def order(self, doc: Document, ratings: Sequence[Rating]) -> Iterator[Rating]:
        """MMR over the best candidates: repeatedly yield the sentence with the best
        ``score − (1−λ)/λ · similarity`` to those already yielded (that similarity term is
        its ``redundancy`` feature, and part of the score it is yielded with);
        near-duplicates of a yielded sentence wait until nothing else is left. Boilerplate
        comes last."""
        w = self.weights
        factor = (1.0 - w.mmr) / w.mmr
        vectors = analyse(self._head(doc)).vectors
        ranked = sorted(ratings, key=lambda r: (not r.eligible, -r.score, r.index))
        head = ranked[: w.mmr_pool]
        pool = [r for r in head if r.eligible]
        rest = [r for r in head if not r.eligible] + ranked[w.mmr_pool :]
        nearest = [0.0] * len(pool)
        words = [set(vectors[r.index]) for r in pool]

        def key(j: int) -> tuple[bool, float]:
            return nearest[j] < w.duplicate, pool[j].score - factor * nearest[j]

        while pool:
            best, *following = sorted(range(len(pool)), key=key, reverse=True)[:3]
            fuller = [  # of the two that would follow it, one that says it and more
                j
                for j in following
                if len(words[best]) < len(words[j]) <= w.fuller * len(words[best])
                and key(j)[0] == key(best)[0]
                and _inside(words[best], words[j], w.contained)
            ]
            said = pool[best].index if fuller else -1  # the shorter, said again by the pick
            if fuller:
                best = fuller[0]
            pick, similarity = pool.pop(best), nearest.pop(best)
            words.pop(best)
            features = (*pick.features, ("redundancy", round(-factor * similarity, 6) + 0.0))
            yield replace(pick, score=sum(v for _, v in features), features=features)
            picked = vectors[pick.index]
            nearest = [
                max(near, dot(vectors[c.index], picked), w.duplicate if c.index == said else 0.0)
                for near, c in zip(nearest, pool, strict=True)
            ]
        for r in rest:
            features = (*r.features, ("redundancy", 0.0))
            yield replace(r, score=sum(v for _, v in features), features=features)


def _inside(words: set[str], other: set[str], share: float) -> bool:
    """Whether at least ``share`` of ``words`` (six at least: a short line proves nothing)
    are in ``other``."""
    return share > 0 and len(words) >= 6 and len(words & other) >= share * len(words)
