"""Many articles in, one digest out: briefed, deduplicated, clustered into stories, ranked.

The stages, each a plain function:

1. every article is briefed (``briefing.batch``: a process pool over the cores for a big
   batch, input order kept), a failure skipping only that article;
2. :func:`near_duplicate_groups` merges copies of one text (syndicated copies, small edits,
   an update paragraph, a truncated version): seeded MinHash over word shingles, candidate
   pairs from MinHashLSH, each pair verified on the exact shingle sets (Jaccard, or
   containment of the shorter text in the longer one) and sharing substantive text; two
   entries with the same canonical URL (courlan) are one story too;
3. :func:`related_clusters` gathers different write-ups of one event: TF-IDF cosine of
   their titles and leads, with real shared content words, confirmed by a shared name or
   place, publication dates close together, and one language;
4. :func:`rank_stories` orders the stories: distinct sources, recency against the digest
   date, substance, names other feeds write about, how much its feed reads like news
   (``genre``), a cap per feed.

Everything is deterministic: fixed seeds, stable hashes (CRC-32 of shingles), ties broken by
input order. The digest date is a label (and the key in the history); it does not change
which relative dates resolve: each article's facts use its own publication date.

One room per stage: ``boilerplate`` (feed boilerplate out), ``window`` (what a day
covers: window, languages, headline-only entries), ``dedup`` (copies), ``cluster``
(related articles), ``genre`` (news-likeness), ``rank``, ``build`` (briefing and
assembling the stories) and ``daily`` (the crash-safe daily run the CLI and the
scheduler call). The models (``Digest``, ``Story``, ``Source``, ``Headline``) live in
``briefing.models``; rendering in ``briefing.render.digest`` (re-exported here for
callers of the earlier layout).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from ..models import Digest, Source, Story
from ..render.digest import (
    render_digest_html,
    render_digest_json,
    render_digest_markdown,
    render_digest_pdf,
)
from .build import POOL_THRESHOLD, default_title, digest, entity_keys, from_briefings
from .cluster import related_clusters
from .daily import DailyOptions, DailyResult, run_daily
from .dedup import Thresholds, canonical_url, core_version, near_duplicate_groups, shingles
from .rank import RankWeights, rank_stories

__all__ = [
    "POOL_THRESHOLD",
    "DailyOptions",
    "DailyResult",
    "Digest",
    "RankWeights",
    "Source",
    "Story",
    "Thresholds",
    "canonical_url",
    "core_version",
    "default_title",
    "digest",
    "entity_keys",
    "from_briefings",
    "near_duplicate_groups",
    "rank_stories",
    "related_clusters",
    "render_digest_html",
    "render_digest_json",
    "render_digest_markdown",
    "render_digest_pdf",
    "run_daily",
    "shingles",
]


class _CallableModule(types.ModuleType):
    """``briefing.digest`` names both this package and the public function: importing the
    package makes Python bind ``briefing.digest`` to the package, shadowing the lazily
    resolved function. Calling the package therefore calls :func:`digest`, so
    ``briefing.digest(articles)`` works whichever of the two the name holds."""

    def __call__(self, *args: Any, **kwargs: Any) -> Digest:
        return digest(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
