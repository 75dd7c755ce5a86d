"""Level 2: different articles on one story, gathered by leader clustering over TF-IDF."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from ..text import stem, words
from .dedup import Thresholds


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


def _terms(text: str, language: str | None = None) -> list[str]:
    """Stemmed content words in the text's language (English when unknown): no stop words,
    no numbers, at least three letters."""
    if language in (None, "en"):
        stop = _stop_words()
        return [
            stem(w) for w in words(text) if len(w) > 2 and w.isalpha() and w.casefold() not in stop
        ]
    from ..lang import resources

    res = resources(language)
    return [
        res.stem(w)
        for w in words(text)
        if len(w) > 2 and w.isalpha() and w.casefold() not in res.stop_words
    ]


def _tfidf(docs: Sequence[Sequence[str]]) -> Any:
    """Row-normalised TF-IDF (sublinear tf, smoothed idf) as a scipy CSR matrix."""
    from scipy import sparse  # type: ignore[import-untyped]

    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for r, doc in enumerate(docs):
        counts: dict[int, int] = defaultdict(int)
        for term in doc:
            counts[vocab.setdefault(term, len(vocab))] += 1
        for c, n in counts.items():
            rows.append(r)
            cols.append(c)
            vals.append(1.0 + math.log(n))
    matrix = sparse.csr_matrix(
        (np.array(vals), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
        shape=(len(docs), max(1, len(vocab))),
    )
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1 + len(docs)) / (1 + df)) + 1.0
    matrix = matrix.multiply(idf[np.newaxis, :]).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix


def related_clusters(
    texts: Sequence[str],
    entities: Sequence[frozenset[str]],
    published: Sequence[dt.date | None],
    order: Sequence[int] | None = None,
    thresholds: Thresholds | None = None,
    languages: Sequence[str | None] | None = None,
    numbers: Sequence[frozenset[str]] | None = None,
    days: Sequence[frozenset[str]] | None = None,
) -> list[list[int]]:
    """Clusters of positions whose texts tell one story, each sorted, by first position.

    Leader clustering, deterministic: items are taken in ``order`` (default: as given) and
    each joins the most similar earlier leader it matches (see :class:`Thresholds`), else
    leads a new cluster, so a chain of loosely similar articles never snowballs. Texts in
    two different ``languages`` never cluster, and a pair must share at least
    ``min_shared_terms`` content words besides its similarity. ``entities`` (names and
    places) and ``numbers`` (key figures) give each text's keys, compared by their own
    rarity (see :class:`Thresholds`); ``days`` are the calendar days each text dates its
    events to (ISO), and two texts that both date theirs, to no day in common, are two
    events for that rule.
    """
    t = thresholds or Thresholds()
    n = len(texts)
    order = list(order) if order is not None else list(range(n))
    if n < 2:
        return [[i] for i in range(n)]
    langs = list(languages) if languages is not None else [None] * n
    terms = [_terms(text, lang) for text, lang in zip(texts, langs, strict=True)]
    vocab = [frozenset(t) for t in terms]
    matrix = _tfidf(terms)
    sims = (matrix @ matrix.T).tocsr()
    figures = list(numbers) if numbers is not None else [frozenset()] * n
    keys = [e | {f"#{x}" for x in f} for e, f in zip(entities, figures, strict=True)]
    weight = _rarity(keys)
    event_days = list(days) if days is not None else [frozenset()] * n
    leaders: list[int] = []
    members: dict[int, list[int]] = {}
    for i in order:
        row = sims.getrow(i)
        best, best_sim = -1, 0.0
        cand = dict(zip(row.indices.tolist(), row.data.tolist(), strict=True))
        for leader in leaders:
            sim = cand.get(leader, 0.0)
            if (
                sim > best_sim
                and (langs[i] is None or langs[leader] is None or langs[i] == langs[leader])
                and len(vocab[i] & vocab[leader]) >= t.min_shared_terms
                and _related(
                    i,
                    leader,
                    (sim, sum(weight[k] for k in keys[i] & keys[leader])),
                    entities,
                    figures,
                    event_days,
                    published,
                    t,
                )
            ):
                best, best_sim = leader, sim
        if best < 0:
            leaders.append(i)
            members[i] = [i]
        else:
            members[best].append(i)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _rarity(keys: Sequence[frozenset[str]]) -> dict[str, float]:
    """Each key's rarity among the items: 1 for a key only two items name, falling to 0 for
    one that all name (log n/df over log n/2; "Portland" in a city's feeds, a company in its
    own news weigh little)."""
    n = len(keys)
    df: dict[str, int] = defaultdict(int)
    for ks in keys:
        for k in ks:
            df[k] += 1
    top = math.log(n / 2) if n > 2 else 1.0
    return {k: max(0.0, math.log(n / d) / top) if n > 2 else 1.0 for k, d in df.items()}


def _related(
    i: int,
    j: int,
    sims: tuple[float, float],
    entities: Sequence[frozenset[str]],
    numbers: Sequence[frozenset[str]],
    days: Sequence[frozenset[str]],
    published: Sequence[dt.date | None],
    t: Thresholds,
) -> bool:
    """Whether two texts tell one story, by ``sims``: the cosine of their words, and the
    summed rarity of the keys they share (names, places, key figures)."""
    sim, shared_keys = sims
    a, b = published[i], published[j]
    if a is not None and b is not None and abs((a - b).days) > t.days:
        return False
    shared = entities[i] & entities[j]
    # two write-ups of one story name someone or somewhere in common, or give one figure;
    # told in other words, they are of one day or the next (a strike vote and the deal that
    # ends the strike four days later name the same hospital, union and figures), and date
    # the event to a common day when both date it (two product launches by one company)
    keyed = (
        0 < t.keys <= shared_keys
        and sim >= t.keys_text
        and bool(shared or numbers[i] & numbers[j])
        and (a is None or b is None or abs((a - b).days) <= 1)
        and not (days[i] and days[j] and not days[i] & days[j])
    )
    if entities[i] and entities[j] and not shared:
        return keyed
    if sim >= t.related_alone:
        return True
    return (sim >= t.related and bool(shared)) or keyed
