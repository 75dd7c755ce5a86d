"""Level 1: copies of one text (syndicated copies, small edits, updates, truncations).

Seeded MinHash over word shingles, candidate pairs from MinHashLSH (whole texts and their
leads), each candidate verified on the exact shingle sets, joined by union-find. Two texts
of one template that name different subjects (a city's council brief, an API version's
notice) are not copies.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import parse_qs, urlsplit

import numpy as np


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The knobs of merging and clustering (defaults measured by ``bench/digest_bench.py``).

    Near-duplicates: word ``shingle``-grams, ``num_perm`` MinHash permutations seeded by
    ``seed``, LSH candidates at Jaccard ``lsh`` over the whole texts and ``lead_lsh`` over
    their first ``lead_words`` words; a pair merges when the exact Jaccard is at
    least ``jaccard`` or the shorter text's shingles lie at least ``containment`` inside the
    longer's (texts of ``min_shingles`` or more), and in either case they share at least
    ``min_common`` shingles (substantive shared content, never a teaser or boilerplate
    alone); two entries with the same canonical URL are one story whatever their text.
    Related articles: TF-IDF cosine at least
    ``related`` with a shared name or place, or at least ``related_alone`` without one, and
    publication dates at most ``days`` apart when both are known, and at least
    ``min_shared_terms`` content words in common; each text is compared by its title and
    first ``cluster_words`` words (its lead: where news writing states the event, and all
    that a teaser from another source holds). Two outlets' own words for one event share
    few words but name its people, places and figures: a pair whose cosine is at least
    ``keys_text`` also relates when the names, places and key figures it shares, each
    weighted by its rarity among the items (1 for a key only these two name), sum to at
    least ``keys`` (0 turns it off), if they were published a day apart at most and date
    their events to a common day when both date them.
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
    min_common: int = 20
    related: float = 0.5
    related_alone: float = 0.7
    min_shared_terms: int = 5
    cluster_words: int = 100
    days: int = 3
    keys_text: float = 0.3
    keys: float = 2.0


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


_GOOGLE = re.compile(r"(^|\.)google\.[a-z.]+$")


def canonical_url(url: str | None) -> str | None:
    """The URL as compared for identity (courlan): tracking parameters stripped, host
    lower-cased without ``www.``, no fragment, no trailing slash; a Google (Alerts, search)
    redirect is unwrapped to its target. None for no URL or one that cannot be parsed."""
    from courlan import clean_url

    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        if _GOOGLE.search(host) and parts.path in ("/url", "/link"):
            query = parse_qs(parts.query)
            target = (query.get("url") or query.get("q") or [""])[0]
            if target.startswith(("http://", "https://")):
                url = target
        cleaned = clean_url(url)
        if not cleaned:
            return None
        parts = urlsplit(cleaned)
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return None
    if not host:
        return None
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def near_duplicate_groups(
    texts: Sequence[str],
    thresholds: Thresholds | None = None,
    urls: Sequence[str | None] | None = None,
    titles: Sequence[str | None] | None = None,
) -> list[list[int]]:
    """Groups of positions of ``texts`` that are copies of one text, each sorted, in order.

    Candidate pairs come from two MinHashLSH indexes, one over the whole texts and one
    over their leads (the first ``lead_words`` words), which finds a truncated copy or a
    teaser of a long article; each candidate is verified on the exact shingle sets, so a
    false candidate never merges. Texts with the same :func:`canonical_url` (``urls``,
    when given) are one story too, unless their ``titles`` differ (a broken feed that
    gives every entry its own address as the link). Merged pairs are joined transitively
    (union-find).
    """
    from datasketch import MinHashLSH

    t = thresholds or Thresholds()
    sets = [shingles(text, t.shingle) for text in texts]
    lead_texts = [_lead(text, t.lead_words) for text in texts]
    leads = [shingles(lead, t.shingle) for lead in lead_texts]
    parent = list(range(len(texts)))

    @cache
    def names(i: int) -> frozenset[str]:  # read once per text, however many pairs it is in
        return frozenset(_NAME.findall(lead_texts[i]))

    @cache
    def vocabulary(i: int) -> frozenset[str]:
        return frozenset(_WORD.findall(texts[i]))

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
            if (
                j > i
                and find(i) != find(j)
                and _same_text(sets[i], sets[j], t)
                and not _names_swapped(names(i), vocabulary(i), names(j), vocabulary(j))
            ):
                root_i, root_j = find(i), find(j)
                parent[max(root_i, root_j)] = min(root_i, root_j)
    by_url: dict[str, list[int]] = defaultdict(list)
    for i, url in enumerate(urls or ()):
        key = canonical_url(url)
        if key is None:
            continue
        for j in by_url[key]:
            if titles is None or _similar_titles(titles[i], titles[j]):
                root_i, root_j = find(i), find(j)
                parent[max(root_i, root_j)] = min(root_i, root_j)
                break
        by_url[key].append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


# a capitalised word that does not open a sentence: a name ("Oslo", "Rome", "Smith")
_NAME = re.compile(r"(?<![.!?:\n\"“]\s)(?<!^)\b[A-Z][a-z]{2,}\b")


def _names_swapped(
    names_a: frozenset[str],
    words_a: frozenset[str],
    names_b: frozenset[str],
    words_b: frozenset[str],
) -> bool:
    """Whether two near-identical texts (the names of their leads, the words of each) are one
    template about different subjects: each names in its lead someone or something the other
    never mentions ("The city council of Oslo approved plan 100" and "… of Rome approved plan
    107": 8 city briefs had been one story). A copy adds names (a byline, an agency) or keeps
    them; it swaps none."""
    if not names_a or not names_b:
        return False
    return bool(names_a - words_b) and bool(names_b - words_a)


def _similar_titles(a: str | None, b: str | None) -> bool:
    """Whether two titles could name one article: either missing, or half their words
    shared ("Quake hits X" and "Quake hits X - Site")."""
    if not a or not b:
        return True
    wa, wb = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.5


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
    if common < max(1, t.min_common):
        return False
    jaccard = common / (len(a) + len(b) - common)
    shorter = min(len(a), len(b))
    return jaccard >= t.jaccard or (shorter >= t.min_shingles and common / shorter >= t.containment)
