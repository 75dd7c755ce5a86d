"""Ranking the stories of a digest for a reader."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from ..models import Story


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
