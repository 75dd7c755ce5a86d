"""Many articles in, one digest out: briefed, deduplicated, clustered into stories, ranked.

The stages, each a plain function:

1. every article is briefed (``briefing.batch``: a process pool over the cores for a big
   batch, input order kept), a failure skipping only that article;
2. :func:`near_duplicate_groups` merges copies of one text (syndicated copies, small edits,
   an update paragraph, a truncated version): seeded MinHash over word shingles, candidate
   pairs from MinHashLSH, each pair verified on the exact shingle sets (Jaccard, or
   containment of the shorter text in the longer one);
3. :func:`related_clusters` gathers different articles on one story: TF-IDF cosine of their
   words, confirmed by a shared name or place and publication dates close together;
4. :func:`rank_stories` orders the stories: sources, articles, recency against the digest
   date, and how many other stories share its names and places.

Everything is deterministic: fixed seeds, stable hashes (CRC-32 of shingles), ties broken by
input order. The digest date is a label (and the key in the history); it does not change
which relative dates resolve: each article's facts use its own publication date.

The models (``Digest``, ``Story``, ``Source``) live in ``briefing.models``; rendering in
``briefing.render.digest`` (re-exported here for callers of the earlier layout).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from ..errors import BriefingError, InputError
from ..models import Article, Briefing, Digest, Fact, Source, Story
from ..render.digest import (
    render_digest_html,
    render_digest_json,
    render_digest_markdown,
    render_digest_pdf,
)
from ..store import content_hash
from ..text import stem, words

__all__ = [
    "Digest",
    "Source",
    "Story",
    "Thresholds",
    "digest",
    "from_briefings",
    "near_duplicate_groups",
    "rank_stories",
    "related_clusters",
    "render_digest_html",
    "render_digest_json",
    "render_digest_markdown",
    "render_digest_pdf",
]

#: Below this many articles the digest briefs them in this process (a pool costs a model
#: load per worker, about two seconds).
POOL_THRESHOLD = 20
#: Facts shown per story, best first.
FACT_LIMITS = {"who": 3, "where": 3, "when": 2}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The knobs of merging and clustering (defaults measured by ``bench/digest_bench.py``).

    Near-duplicates: word ``shingle``-grams, ``num_perm`` MinHash permutations seeded by
    ``seed``, LSH candidates at Jaccard ``lsh`` over the whole texts and ``lead_lsh`` over
    their first ``lead_words`` words; a pair merges when the exact Jaccard is at
    least ``jaccard`` or the shorter text's shingles lie at least ``containment`` inside the
    longer's (texts of ``min_shingles`` or more). Related articles: TF-IDF cosine at least
    ``related`` with a shared name or place, or at least ``related_alone`` without one, and
    publication dates at most ``days`` apart when both are known.
    """

    shingle: int = 3
    num_perm: int = 128
    seed: int = 1
    lsh: float = 0.25
    lead_words: int = 60
    lead_lsh: float = 0.4
    jaccard: float = 0.5
    containment: float = 0.8
    min_shingles: int = 12
    related: float = 0.5
    related_alone: float = 0.7
    days: int = 3


# --------------------------------------------------------------- near-duplicates (level 1)

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = 3) -> np.ndarray:
    """The sorted unique CRC-32 hashes of ``text``'s lower-cased word ``k``-grams.

    A text of fewer than ``k`` words gives its words' hashes, so it is never empty unless
    the text has no words at all.
    """
    tokens = _WORD.findall(text.casefold())
    if len(tokens) < k:
        grams = tokens
    else:
        grams = [" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)]
    return np.unique(np.array([zlib.crc32(g.encode("utf-8")) for g in grams], dtype=np.uint32))


def _identity(value: Any) -> Any:
    return value


def near_duplicate_groups(
    texts: Sequence[str], thresholds: Thresholds | None = None
) -> list[list[int]]:
    """Groups of positions of ``texts`` that are copies of one text, each sorted, in order.

    Candidate pairs come from two MinHashLSH indexes, one over the whole texts and one
    over their leads (the first ``lead_words`` words), which finds a truncated copy or a
    teaser of a long article; each candidate is verified on the exact shingle sets, so a
    false candidate never merges. Merged pairs are joined transitively (union-find).
    """
    from datasketch import MinHashLSH

    t = thresholds or Thresholds()
    sets = [shingles(text, t.shingle) for text in texts]
    leads = [shingles(_lead(text, t.lead_words), t.shingle) for text in texts]
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    indexes = []
    for values, threshold in ((sets, t.lsh), (leads, t.lead_lsh)):
        lsh = MinHashLSH(threshold=threshold, num_perm=t.num_perm)
        sketches = {i: _minhash(v, t) for i, v in enumerate(values) if len(v)}
        for i, sketch in sketches.items():
            lsh.insert(i, sketch)
        indexes.append((lsh, sketches))
    for i in range(len(texts)):
        candidates: set[int] = set()
        for lsh, sketches in indexes:
            if i in sketches:
                candidates.update(lsh.query(sketches[i]))
        for j in sorted(candidates):
            if j > i and find(i) != find(j) and _same_text(sets[i], sets[j], t):
                root_i, root_j = find(i), find(j)
                parent[max(root_i, root_j)] = min(root_i, root_j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _lead(text: str, n: int) -> str:
    """The first ``n`` words of ``text``."""
    return " ".join(text.split(maxsplit=n)[:n])


def _minhash(values: np.ndarray, t: Thresholds) -> Any:
    from datasketch import MinHash

    sketch = MinHash(num_perm=t.num_perm, seed=t.seed, hashfunc=_identity)
    sketch.update_batch(values.tolist())
    return sketch


def core_version(texts: Sequence[str], k: int = 3) -> int:
    """The position of the copy that leads a group of near-duplicates.

    The copy whose shingles the other copies confirm best (no byline, footer or stray
    paragraph of its own), then the longest, then the first: an original beats its
    syndicated copy with an added byline, and the fullest of several edits wins.
    """
    if len(texts) == 1:
        return 0
    sets = [shingles(text, k) for text in texts]

    def confirmed(i: int) -> float:
        others = np.unique(np.concatenate([s for j, s in enumerate(sets) if j != i]))
        return len(np.intersect1d(sets[i], others, assume_unique=True)) / max(1, len(sets[i]))

    return max(range(len(texts)), key=lambda i: (round(confirmed(i), 6), len(texts[i]), -i))


def _same_text(a: np.ndarray, b: np.ndarray, t: Thresholds) -> bool:
    """Whether two shingle sets are one text: Jaccard, or containment of the shorter."""
    common = len(np.intersect1d(a, b, assume_unique=True))
    if common == 0:
        return False
    jaccard = common / (len(a) + len(b) - common)
    shorter = min(len(a), len(b))
    return jaccard >= t.jaccard or (shorter >= t.min_shingles and common / shorter >= t.containment)


# ------------------------------------------------------------------ related (level 2)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


def _terms(text: str) -> list[str]:
    """Stemmed content words: no stop words, no numbers, at least three letters."""
    stop = _stop_words()
    return [stem(w) for w in words(text) if len(w) > 2 and w.isalpha() and w.casefold() not in stop]


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
) -> list[list[int]]:
    """Clusters of positions whose texts tell one story, each sorted, by first position.

    Leader clustering, deterministic: items are taken in ``order`` (default: as given) and
    each joins the most similar earlier leader it matches (see :class:`Thresholds`), else
    leads a new cluster, so a chain of loosely similar articles never snowballs.
    """
    t = thresholds or Thresholds()
    n = len(texts)
    order = list(order) if order is not None else list(range(n))
    if n < 2:
        return [[i] for i in range(n)]
    matrix = _tfidf([_terms(text) for text in texts])
    sims = (matrix @ matrix.T).tocsr()
    leaders: list[int] = []
    members: dict[int, list[int]] = {}
    for i in order:
        row = sims.getrow(i)
        best, best_sim = -1, 0.0
        cand = dict(zip(row.indices.tolist(), row.data.tolist(), strict=True))
        for leader in leaders:
            sim = cand.get(leader, 0.0)
            if sim > best_sim and _related(i, leader, sim, entities, published, t):
                best, best_sim = leader, sim
        if best < 0:
            leaders.append(i)
            members[i] = [i]
        else:
            members[best].append(i)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _related(
    i: int,
    j: int,
    sim: float,
    entities: Sequence[frozenset[str]],
    published: Sequence[dt.date | None],
    t: Thresholds,
) -> bool:
    a, b = published[i], published[j]
    if a is not None and b is not None and abs((a - b).days) > t.days:
        return False
    if sim >= t.related_alone:
        return True
    return sim >= t.related and bool(entities[i] & entities[j])


# ------------------------------------------------------------------------- the stories


def _day(value: dt.date | dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def _agencies() -> frozenset[str]:
    from ..nlp import NEWS_AGENCIES

    return frozenset(a.casefold() for a in NEWS_AGENCIES)


def entity_keys(b: Briefing) -> frozenset[str]:
    """The names and places of a briefing (canonical, case-folded), news agencies left out."""
    agencies = _agencies()
    keys = {
        " ".join((f.value or f.text).casefold().split()) for f in (*b.facts.who, *b.facts.where)
    }
    return frozenset(k for k in keys if k and k not in agencies)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _source(article: Article, title: str) -> Source:
    name = article.source or _host(article.url) or title or "untitled"
    return Source(name=" ".join(name.split()), url=article.url, title=title)


def _merge_facts(briefings: Sequence[Briefing], kind: str, limit: int) -> tuple[Fact, ...]:
    """The ``limit`` facts of ``kind`` named most across the briefings (summed scores)."""
    totals: dict[str, float] = defaultdict(float)
    first: dict[str, Fact] = {}
    for b in briefings:
        for f in getattr(b.facts, kind):
            key = " ".join((f.value or f.text).casefold().split())
            totals[key] += f.score
            if key not in first or f.score > first[key].score:
                first[key] = f
    ranked = sorted(totals, key=lambda k: -totals[k])
    return tuple(first[k] for k in ranked[:limit])


def _story(members: Sequence[tuple[int, Briefing]], lead: int) -> Story:
    """A story from its member briefings; ``lead`` is the input position whose text leads."""
    briefings = [b for _, b in members]
    best = next(b for i, b in members if i == lead)
    sources: list[Source] = []
    for _, b in members:
        src = _source(b.article, b.title)
        if all((s.name, s.url) != (src.name, src.url) for s in sources):
            sources.append(src)
    days = [d for d in (_day(b.article.published) for b in briefings) if d is not None]
    return Story(
        title=best.title,
        summary=best.summary,
        who=_merge_facts(briefings, "who", FACT_LIMITS["who"]),
        where=_merge_facts(briefings, "where", FACT_LIMITS["where"]),
        when=_merge_facts(briefings, "when", FACT_LIMITS["when"]),
        sources=tuple(sources),
        article_count=len(members),
        articles=tuple(i for i, _ in members),
        published=max(days) if days else None,
    )


def rank_stories(
    stories: Sequence[Story], date: dt.date, entities: Sequence[frozenset[str]]
) -> tuple[Story, ...]:
    """The stories scored and sorted best first (ties: earliest input first).

    score = 1.5·log2(1 + sources) + 0.5·log2(articles) + recency + 0.5·connection, where
    recency halves every two days before ``date`` (0.25 when undated) and connection is
    the share of the other stories naming one of its names or places.
    """
    holders: dict[str, set[int]] = defaultdict(set)
    for i, keys in enumerate(entities):
        for key in keys:
            holders[key].add(i)
    scored = []
    for i, story in enumerate(stories):
        linked = set().union(*(holders[k] for k in entities[i])) - {i} if entities[i] else set()
        connection = len(linked) / (len(stories) - 1) if len(stories) > 1 else 0.0
        if story.published is None:
            recency = 0.25
        else:
            recency = 0.5 ** (max(0, (date - story.published).days) / 2)
        features = (
            ("sources", 1.5 * math.log2(1 + story.source_count)),
            ("articles", 0.5 * math.log2(story.article_count)),
            ("recency", recency),
            ("connection", 0.5 * connection),
        )
        score = sum(v for _, v in features)
        scored.append(replace(story, score=score, features=features))
    return tuple(sorted(scored, key=lambda s: (-round(s.score, 9), s.articles[0])))


def default_title(date: dt.date) -> str:
    """The digest's title for ``date``: "Daily digest — Tuesday 25 November 2025"."""
    return f"Daily digest — {date:%A} {date.day} {date:%B %Y}"


def _assemble(
    items: Sequence[tuple[int, Briefing]],
    date: dt.date,
    *,
    max_stories: int | None,
    title: str | None,
    skipped: int,
    thresholds: Thresholds,
) -> Digest:
    """Merge, cluster and rank briefed articles (input position, Briefing) into a Digest."""
    texts = [b.article.text for _, b in items]
    groups = near_duplicate_groups(texts, thresholds)
    leads = [g[core_version([texts[k] for k in g], thresholds.shingle)] for g in groups]
    keys = [entity_keys(b) for _, b in items]
    group_keys = [frozenset().union(*(keys[k] for k in g)) for g in groups]
    group_days = [_day(items[lead][1].article.published) for lead in leads]
    order = sorted(range(len(groups)), key=lambda g: (-len(groups[g]), groups[g][0]))
    lead_texts = [f"{items[lead][1].title}\n{texts[lead]}" for lead in leads]
    clusters = related_clusters(lead_texts, group_keys, group_days, order, thresholds)
    stories, story_keys = [], []
    for cluster in clusters:
        members = sorted(k for g in cluster for k in groups[g])
        main = max(cluster, key=lambda g: (len(groups[g]), -groups[g][0]))
        lead = items[leads[main]][0]
        stories.append(_story([items[k] for k in members], lead))
        story_keys.append(frozenset().union(*(group_keys[g] for g in cluster)))
    ranked = rank_stories(stories, date, story_keys)
    kept = ranked if max_stories is None else ranked[:max_stories]
    return Digest(
        title=title or default_title(date),
        date=date,
        stories=kept,
        read=len(items),
        merged=len(items) - len(ranked),
        skipped=skipped,
        dropped=len(ranked) - len(kept),
    )


def from_briefings(
    briefings: Iterable[Briefing],
    date: dt.date | None = None,
    *,
    max_stories: int | None = None,
    title: str | None = None,
    skipped: int = 0,
    thresholds: Thresholds | None = None,
) -> Digest:
    """A digest of articles already briefed (merged, clustered and ranked, no NLP run).

    Story ``articles`` are positions in ``briefings``. See :func:`digest` for the rest.
    """
    return _assemble(
        list(enumerate(briefings)),
        date or dt.date.today(),
        max_stories=max_stories,
        title=title,
        skipped=skipped,
        thresholds=thresholds or Thresholds(),
    )


def _brief_all(
    articles: Sequence[Article],
    *,
    sentences: int,
    model: str | None,
    workers: int | None,
    dask: str | None,
    pool_threshold: int,
    on_error: Callable[[int, Article, BriefingError], None] | None,
    progress: Callable[[], None] | None,
) -> list[tuple[int, Briefing]]:
    """Brief each distinct text once (a pool for big batches), in input order; failures out."""
    from ..batch import Options, brief_outcomes

    keys = [content_hash(article.text) for article in articles]
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        first.setdefault(key, i)
    unique = sorted(first.values())
    small = len(unique) < pool_threshold and not dask
    outcomes = brief_outcomes(
        (articles[i] for i in unique),
        Options(sentences=sentences, model=model),
        workers=1 if small else workers,
        dask=dask,
    )
    done: dict[int, Briefing | BriefingError] = {}
    for i, outcome in zip(unique, outcomes, strict=True):
        done[i] = outcome.briefing or outcome.error or BriefingError("briefing failed")
        if progress is not None:
            progress()
    out: list[tuple[int, Briefing]] = []
    for i, article in enumerate(articles):
        result = done[first[keys[i]]]
        if i not in done and progress is not None:
            progress()  # an exact copy, briefed once
        if isinstance(result, BriefingError):
            if on_error is not None:
                on_error(i, article, result)
            continue
        if i != first[keys[i]]:
            result = replace(result, article=article, title=article.title or result.title)
        out.append((i, result))
    return out


def digest(
    articles: Iterable[Article],
    date: dt.date | None = None,
    *,
    max_stories: int | None = None,
    title: str | None = None,
    sentences: int = 2,
    model: str | None = None,
    workers: int | None = None,
    dask: str | None = None,
    pool_threshold: int = POOL_THRESHOLD,
    skipped: int = 0,
    thresholds: Thresholds | None = None,
    on_error: Callable[[int, Article, BriefingError], None] | None = None,
    progress: Callable[[], None] | None = None,
) -> Digest:
    """A digest of many articles: near-copies merged, related ones clustered, stories ranked.

    Each article is briefed (``sentences`` summary sentences from the default ranker; its
    facts resolve relative dates against its own publication date); with at least
    ``pool_threshold`` distinct texts this runs on ``workers`` processes (default: all
    cores), or on a Dask cluster when ``dask`` names one (an address, or ``"local"``).
    An article that fails, or has no text, is skipped: ``on_error(position,
    article, error)`` hears of it and it counts in ``Digest.skipped`` (plus ``skipped``
    items the caller already dropped). ``date`` (default today) labels the digest;
    ``max_stories`` keeps the best N stories; ``progress()`` is called once per article.
    """
    usable: list[Article] = []
    positions: list[int] = []
    failed = 0
    for i, article in enumerate(articles):
        if article.text.strip():
            usable.append(article)
            positions.append(i)
            continue
        failed += 1
        if on_error is not None:
            on_error(i, article, InputError("the article has no text; nothing to brief"))
        if progress is not None:
            progress()

    def report(k: int, article: Article, error: BriefingError) -> None:
        nonlocal failed
        failed += 1
        if on_error is not None:
            on_error(positions[k], article, error)

    briefed = _brief_all(
        usable,
        sentences=sentences,
        model=model,
        workers=workers,
        dask=dask,
        pool_threshold=pool_threshold,
        on_error=report,
        progress=progress,
    )
    items = [(positions[k], b) for k, b in briefed]
    return _assemble(
        items,
        date or dt.date.today(),
        max_stories=max_stories,
        title=title,
        skipped=skipped + failed,
        thresholds=thresholds or Thresholds(),
    )
