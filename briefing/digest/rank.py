"""Ranking the stories of a digest for a reader.

A story's score (weights named in :class:`RankWeights`) adds up:

- **sources**: distinct sources (sites or feeds), ``log2(1 + n)``: many entries of one
  feed count once;
- **recency** relative to the digest's date: 1 on the day, halving every
  ``half_life_days`` before it; undated stories (and stories dated after the digest's
  date, whose date cannot be right for it) are never fresh (see below);
- **substance**: whether the story can fill its place on the page: the real sentences
  (8 words or more) of its fullest article over ``substance_sentences`` (the sentences a
  story shows), capped at 1, so a one-line teaser does not outrank a report, while a
  news teaser of two real sentences counts as much as a long blog post;
- **connection**: how many *other* feeds name one of its names or places (as a share of
  the other feeds, counting at least ``min_feeds``): a name several independent sources
  write about is what the news is about that day, while a feed naming its own product in
  every post corroborates nothing.

- **cadence**: how often the story's feed publishes (the median time between its
  entries): ``cadence`` times ``cadence_hours`` over that gap, capped at 1. A news outlet
  publishing every few minutes weighs fully, a blog posting weekly hardly at all; a feed
  whose entries carry no dates, or a single entry, counts nothing.
- **news** (news-likeness, :mod:`briefing.digest.genre`): whether the story reads like a
  news report (third person, attributed, telling) rather than a diary, a help request or
  a company announcement (first and second person, questions): ``news_feed`` times its
  feed's mean score over all the feed's entries (a feed keeps one genre), plus
  ``news_entry`` times its own entries' mean (0 by default: weighing the entry too made
  the cross-validated choice less stable). ``news_feed`` was chosen by leave-one-feed-out
  cross-validation on the development feeds (``bench/digest_real.py --part ranking``:
  every fold chose 0.5 to 1, most 0.75).

Undated and future-dated stories get the median recency of the dated ones (``undated``
when none is dated), at most a day-old story's: an entry without a usable date is taken
as a typical one, never as fresh as one known to be of the day.

Then a busy feed cannot fill the page: a feed's stories beyond its best ``per_feed`` go
below every story within its feed's cap (their order kept). Ties break by title, then by
first input position, so the same inputs always give the same order.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..models import Story

__all__ = ["RankWeights", "rank_stories"]


@dataclass(frozen=True, slots=True)
class RankWeights:
    """The weights of story ranking (see the module docstring)."""

    sources: float = 1.5
    recency: float = 1.0
    half_life_days: float = 2.0
    undated: float = 0.25
    substance: float = 0.75
    substance_sentences: int = 2
    connection: float = 0.5
    min_feeds: int = 5
    cadence: float = 0.75
    cadence_hours: float = 6.0
    per_feed: int = 2
    news_entry: float = 0.0
    news_feed: float = 0.75


def _recency(story: Story, date: dt.date, w: RankWeights) -> float | None:
    if story.published is None or story.published > date:
        return None
    age = (date - story.published).days
    return float(0.5 ** (age / w.half_life_days))


def _day_old(w: RankWeights) -> float:
    """The recency of a story a day older than the digest: the most an undated one gets."""
    return float(0.5 ** (1 / w.half_life_days))


def _cadence(gap: float | None, w: RankWeights) -> float:
    if gap is None or not math.isfinite(gap):
        return 0.0
    return min(1.0, w.cadence_hours / max(gap, 1e-9))


def rank_stories(
    stories: Sequence[Story],
    date: dt.date,
    entities: Sequence[frozenset[str]],
    weights: RankWeights | None = None,
    sentences: Sequence[int] | None = None,
    gaps: Sequence[float] | None = None,
    news: Sequence[tuple[float, float]] | None = None,
) -> tuple[Story, ...]:
    """The stories scored and sorted best first (see the module docstring).

    ``sentences`` gives each story's real sentences (of its fullest article); without it
    every story counts as substantial. ``gaps`` gives the median hours between entries
    of each story's feed (none: no cadence term). ``news`` gives each story's
    news-likeness, of its own entries and of its feed (none: no news term).
    """
    w = weights or RankWeights()
    feeds_naming: dict[str, set[str]] = defaultdict(set)
    all_feeds: set[str] = set()
    for story, keys in zip(stories, entities, strict=True):
        all_feeds.update(story.feeds)
        for key in keys:
            feeds_naming[key].update(story.feeds)
    others = max(w.min_feeds, len(all_feeds) - 1)  # a few feeds never make a trend
    recencies = [_recency(story, date, w) for story in stories]
    dated = sorted(r for r in recencies if r is not None)
    typical = min(dated[len(dated) // 2] if dated else w.undated, _day_old(w))
    recency = [typical if r is None else r for r in recencies]
    scored = []
    for i, story in enumerate(stories):
        linked: set[str] = set()
        for key in entities[i]:
            linked |= feeds_naming[key]
        connection = len(linked - set(story.feeds)) / others if len(all_feeds) > 1 else 0.0
        size = sentences[i] if sentences is not None else w.substance_sentences
        features: tuple[tuple[str, float], ...] = (
            ("sources", w.sources * math.log2(1 + story.source_count)),
            ("recency", w.recency * recency[i]),
            ("substance", w.substance * min(1.0, size / max(1, w.substance_sentences))),
            ("connection", w.connection * connection),
            ("cadence", w.cadence * _cadence(gaps[i] if gaps is not None else None, w)),
        )
        if news is not None:
            own, of_feed = news[i]
            features += (("news", w.news_entry * own + w.news_feed * of_feed),)
        score = sum(v for _, v in features)
        scored.append(replace(story, score=score, features=features))
    ordered = sorted(
        scored, key=lambda s: (-round(s.score, 9), " ".join(s.title.casefold().split()), s.articles)
    )
    if w.per_feed <= 0:
        return tuple(ordered)
    seen: dict[str, int] = defaultdict(int)
    within, beyond = [], []
    for story in ordered:
        feed = story.feeds[0] if len(story.feeds) == 1 else None
        if feed is not None:
            seen[feed] += 1
            if seen[feed] > w.per_feed:
                beyond.append(story)
                continue
        within.append(story)
    return (*within, *beyond)
