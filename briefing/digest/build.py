"""Stories from briefed articles: briefing, merging, clustering and ranking put together."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from ..errors import BriefingError, InputError
from ..models import Article, Briefing, Digest, Fact, Source, Story, as_date
from ..store import content_hash
from .cluster import related_clusters
from .dedup import Thresholds, _lead, canonical_url, core_version, near_duplicate_groups
from .genre import feed_likeness, news_likeness
from .rank import RankWeights, rank_stories
from .window import Window, feed_key, in_window, make_window, parse_window, real_sentences

#: Below this many articles the digest briefs them in this process (a pool costs a model
#: load per worker, about two seconds).
POOL_THRESHOLD = 20
#: Facts shown per story, best first.
FACT_LIMITS = {"who": 3, "where": 3, "when": 2}

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


def number_keys(b: Briefing) -> frozenset[str]:
    """The key figures of a briefing (normalised values), small counts (below 10: "two
    people", "4 arrests") left out: they recur across unrelated stories."""
    out = set()
    for f in b.facts.numbers:
        if not f.value:
            continue
        try:
            size = max(abs(float(v.rstrip("%"))) for v in f.value.split("/"))
        except ValueError:
            continue
        if size >= 10:
            out.add(f.value)
    return frozenset(out)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def event_days(b: Briefing) -> frozenset[str]:
    """The calendar days (ISO) a briefing's dates name: "Monday night" and "on 23 November"
    are one day; a year, a month or a stretch of weeks names none."""
    return frozenset(
        m.group() for f in b.facts.for_reader("when") if f.value and (m := _DAY.match(f.value))
    )


def host(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` (None when there is none)."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _source(article: Article, title: str) -> Source:
    name = article.source or host(article.url) or title or "untitled"
    return Source(name=" ".join(name.split()), url=article.url, title=title)


def _merge_facts(briefings: Sequence[Briefing], kind: str, limit: int) -> tuple[Fact, ...]:
    """The ``limit`` facts of ``kind`` named most across the briefings (summed scores)."""
    totals: dict[str, float] = defaultdict(float)
    first: dict[str, Fact] = {}
    for b in briefings:
        for f in b.facts.for_reader(kind):
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
    listed: set[tuple[str, str | None]] = set()
    for _, b in sorted(members, key=lambda m: m[0] != lead):  # the lead's source first
        src = _source(b.article, b.title)
        # one link is one entry: versions of one article (one canonical URL: tracking
        # parameters, www.) once, even when two feeds of one outlet carry it
        link = canonical_url(src.url) or src.url
        key = ("", link) if link else (src.name, None)
        if key not in listed:
            listed.add(key)
            sources.append(src)
    days = [d for d in (_day(b.article.published) for b in briefings) if d is not None]
    feeds = tuple(sorted({feed_key(b.article) for b in briefings}))
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
        language=best.article.language,
        feeds=feeds,
    )


def feed_gaps(articles: Sequence[Article]) -> dict[str, float]:
    """Each feed's median time between entries, in hours (feeds with two dated entries or
    more): a news outlet publishes every few minutes, a blog every few days."""
    times: dict[str, list[float]] = defaultdict(list)
    for article in articles:
        value = article.published
        if value is None:
            continue
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        times[feed_key(article)].append(moment.timestamp())
    out: dict[str, float] = {}
    for feed, stamps in times.items():
        if len(stamps) >= 2:
            stamps.sort()
            gaps = sorted(b - a for a, b in itertools.pairwise(stamps))
            out[feed] = gaps[len(gaps) // 2] / 3600
    return out


def _story_news(
    items: Sequence[tuple[int, Briefing]], stories: Sequence[Story]
) -> list[tuple[float, float]]:
    """Each story's news-likeness: its entries' mean, and its feed's mean over all the
    feed's entries (the best of its feeds when it has several)."""
    values = {
        i: news_likeness(b.article.text, b.article.title, b.article.language) for i, b in items
    }
    feeds = {i: feed_key(b.article) for i, b in items}
    by_feed = feed_likeness([values[i] for i, _ in items], [feeds[i] for i, _ in items])
    out = []
    for story in stories:
        own = [values[i] for i in story.articles if i in values]
        entry = sum(own) / len(own) if own else 0.0
        feed = max((by_feed.get(f, 0.0) for f in story.feeds), default=0.0)
        out.append((entry, feed))
    return out


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
    weights: RankWeights | None = None,
) -> Digest:
    """Merge, cluster and rank briefed articles (input position, Briefing) into a Digest."""
    texts = [b.article.text for _, b in items]
    urls = [b.article.url for _, b in items]
    titles = [b.article.title for _, b in items]
    groups = near_duplicate_groups(texts, thresholds, urls, titles)
    leads = [g[core_version([texts[k] for k in g], thresholds.shingle)] for g in groups]
    keys = [entity_keys(b) for _, b in items]
    group_keys = [frozenset().union(*(keys[k] for k in g)) for g in groups]
    figures = [number_keys(b) for _, b in items]
    group_figures = [frozenset().union(*(figures[k] for k in g)) for g in groups]
    dated = [event_days(b) for _, b in items]
    group_dated = [frozenset().union(*(dated[k] for k in g)) for g in groups]
    group_days = [_day(items[lead][1].article.published) for lead in leads]
    order = sorted(range(len(groups)), key=lambda g: (-len(groups[g]), groups[g][0]))
    lead_texts = [
        f"{items[lead][1].title}\n{_lead(texts[lead], thresholds.cluster_words)}" for lead in leads
    ]
    group_langs = [items[lead][1].article.language for lead in leads]
    clusters = related_clusters(
        lead_texts,
        group_keys,
        group_days,
        order,
        thresholds,
        languages=group_langs,
        numbers=group_figures,
        days=group_dated,
    )
    fullness = [(real_sentences(texts[lead]), len(texts[lead].split())) for lead in leads]
    stories, story_keys, story_words = [], [], []
    for cluster in clusters:
        members = sorted(k for g in cluster for k in groups[g])
        # the fullest write-up leads (its real sentences, then its copies, then its words),
        # whatever the input order: a one-line teaser never speaks for a full report
        main = max(
            cluster,
            key=lambda g: (fullness[g][0], len(groups[g]), fullness[g][1], -groups[g][0]),
        )
        lead = items[leads[main]][0]
        stories.append(_story([items[k] for k in members], lead))
        story_keys.append(frozenset().union(*(group_keys[g] for g in cluster)))
        story_words.append(max(real_sentences(texts[k]) for k in members))
    gaps = feed_gaps([b.article for _, b in items])
    story_gaps = [min((gaps.get(f, math.inf) for f in s.feeds), default=math.inf) for s in stories]
    ranked = rank_stories(
        stories, date, story_keys, weights, story_words, story_gaps, _story_news(items, stories)
    )
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


def _digest_day(value: object, call: str) -> dt.date:
    """The day a digest is for: a date, a datetime's day or an ISO string; None is today."""
    return _day(as_date(value, call, "date")) or dt.date.today()


def from_briefings(
    briefings: Iterable[Briefing],
    date: dt.date | None = None,
    *,
    max_stories: int | None = None,
    title: str | None = None,
    skipped: int = 0,
    thresholds: Thresholds | None = None,
    weights: RankWeights | None = None,
) -> Digest:
    """A digest of articles already briefed (merged, clustered and ranked, no NLP run).

    Story ``articles`` are positions in ``briefings``. See :func:`digest` for the rest.
    """
    return _assemble(
        list(enumerate(briefings)),
        _digest_day(date, "from_briefings"),
        max_stories=max_stories,
        title=title,
        skipped=skipped,
        thresholds=thresholds or Thresholds(),
        weights=weights,
    )


def _brief_all(
    articles: Sequence[Article],
    *,
    sentences: int,
    model: str | None,
    models: Mapping[str, str] | None = None,
    workers: int | None,
    dask: str | None,
    pool_threshold: int,
    on_error: Callable[[int, Article, BriefingError], None] | None,
    progress: Callable[[], None] | None,
) -> list[tuple[int, Briefing]]:
    """Brief each distinct text once (a pool for big batches), in input order; failures out."""
    from ..batch import Options, brief_outcomes
    from ..lang import NO_MODEL, model_for

    keys = [content_hash(article.text) for article in articles]
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        first.setdefault(key, i)
    unique = sorted(first.values())
    small = len(unique) < pool_threshold and not dask
    by_model: dict[str | None, list[int]] = defaultdict(list)
    for i in unique:
        by_model[model_for(articles[i].language, model, models)].append(i)
    done: dict[int, Briefing | BriefingError] = {}
    for name, members in sorted(by_model.items(), key=lambda kv: kv[1][0]):
        outcomes = brief_outcomes(
            (articles[i] for i in members),
            # no model for the language: brief() reads it without one (no English guesses)
            Options(sentences=sentences, model=name if name != NO_MODEL else None),
            workers=1 if small else workers,
            dask=dask,
        )
        for i, outcome in zip(members, outcomes, strict=True):
            result = outcome.briefing or outcome.error or BriefingError("briefing failed")
            done[i] = result
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


def _articles_of(
    items: Iterable[object], on_error: Callable[[int, Any, BriefingError], None] | None = None
) -> tuple[list[Article], int]:
    """The Articles that ``items`` give: an Article as it is, a path or URL loaded as
    :func:`briefing.brief` loads it (every article of a folder, feed or JSONL file); and
    how many feed or folder entries could not be read (a title-only entry, say). An input
    that cannot be read at all is reported to ``on_error(position, input, error)`` (its
    position among ``items``, the path or URL as given) and counted, as the CLI reports a
    bad input and keeps the good ones; with no ``on_error`` it raises. A missing path is
    such an input; a string that is no path (words, lines: a text) raises."""
    from ..load import load_many
    from ..load.feeds import EmptyFeed
    from ..pipeline import names_an_input

    def _names(item: str) -> bool:  # a path or URL, found or not; a text is never one here
        return names_an_input(item) or (bool(item.strip()) and len(item.split()) == 1)

    out: list[Article] = []
    unread = 0
    for i, item in enumerate(items):
        if isinstance(item, Article):
            out.append(item)
        elif isinstance(item, os.PathLike) or (isinstance(item, str) and _names(item)):
            name = os.fspath(item)
            for loaded in load_many([name]):
                if loaded.article is not None:
                    out.append(loaded.article)
                elif isinstance(loaded.error, EmptyFeed):
                    continue
                elif loaded.name == name:  # the input itself, not one of its entries
                    error = InputError(f"digest(): {loaded.error}")
                    if on_error is None:
                        raise error
                    on_error(i, item, error)
                    unread += 1
                else:
                    unread += 1
        else:  # a text is refused: a path mistyped would become an article of one line
            raise InputError(
                f"digest(): item {i} is a {type(item).__name__} that names no file or URL; "
                "pass briefing.Article(text) for a text, or an existing path or a URL"
            )
    return out, unread


def _window(day: dt.date, window: str | None) -> Window | None:
    """The span ``window`` (as the CLI's ``--window``: 24h, 36h, 7d, all) names up to the
    end of ``day``; None for None."""
    if window is None:
        return None
    try:
        span = parse_window(window)
    except BriefingError as err:
        raise InputError(f"digest(): window={window!r}: {str(err).split(': ', 1)[-1]}") from None
    return make_window(day, span, None, explicit=True)


def _in_window(articles: list[Article], span: Window) -> tuple[list[Article], dict[str, int]]:
    """The articles ``span`` covers, undated ones kept; how many were older or newer."""
    kept: list[Article] = []
    left: dict[str, int] = defaultdict(int)
    for article in articles:
        where = in_window(article.published, span)
        if where in ("older", "newer"):
            left[where] += 1
        else:
            kept.append(article)
    return kept, dict(left)


def digest(
    articles: Iterable[Article | str | os.PathLike[str]] | str | os.PathLike[str],
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
    weights: RankWeights | None = None,
    models: Mapping[str, str] | None = None,
    on_error: Callable[[int, Any, BriefingError], None] | None = None,
    progress: Callable[[], None] | None = None,
    window: str | None = None,
) -> Digest:
    """A digest of many articles: near-copies merged, related ones clustered, stories ranked.

    ``articles`` holds Articles, or paths or URLs as :func:`briefing.brief` takes them (a
    folder, feed or JSONL file gives all its articles; an entry it cannot read counts as
    skipped); a single path may stand alone. A text must be wrapped as an Article.
    Each article is briefed (``sentences`` summary sentences from the default ranker; its
    facts resolve relative dates against its own publication date); with at least
    ``pool_threshold`` distinct texts this runs on ``workers`` processes (default: all
    cores), or on a Dask cluster when ``dask`` names one (an address, or ``"local"``).
    An article that fails, or has no text, is skipped: ``on_error(position,
    article, error)`` hears of it and it counts in ``Digest.skipped`` (plus ``skipped``
    items the caller already dropped). A path or URL that cannot be read at all is
    reported the same way, ``on_error(position in articles, the path or URL as given,
    error)``, and the other inputs are still digested, as the CLI does; with no
    ``on_error`` it raises InputError. ``window`` is the CLI's ``--window`` (``"24h"``,
    ``"36h"``, ``"7d"``, ``"all"``): only articles published in that span up to the end of
    ``date`` are digested (undated ones kept), the others counted in ``Digest.left_out``;
    None (the default) takes every article, as ``all`` does (the CLI's default, since
    the last digest, needs its history). ``date`` (default today) labels the digest;
    ``max_stories`` keeps the best N stories; ``progress()`` is called once per article.

    Each article's language (``Article.language``, detected when None) picks its
    stemmer and stop words; its who/where come only from the spaCy model ``models`` (or
    :data:`briefing.lang.DEFAULT_MODELS`) maps that language to, when installed, else
    they stay empty.
    """
    from ..lang import detect

    day = _digest_day(date, "digest")
    span = _window(day, window)
    usable: list[Article] = []
    positions: list[int] = []
    failed = 0
    if isinstance(articles, str | os.PathLike):
        articles = [articles]
    if isinstance(articles, bytes) or not hasattr(articles, "__iter__"):
        raise InputError(
            f"digest(): {type(articles).__name__} given; pass a list of briefing.Article"
            " or of paths"
        )
    articles, unread = _articles_of(articles, on_error)
    failed += unread
    left_out: dict[str, int] = {}
    if span is not None:
        articles, left_out = _in_window(articles, span)
    for i, article in enumerate(articles):
        if article.text.strip():
            if article.language is None:
                code = detect(f"{article.title or ''}\n{article.text}", default=None)
                article = replace(article, language=code)
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
        models=models,
        workers=workers,
        dask=dask,
        pool_threshold=pool_threshold,
        on_error=report,
        progress=progress,
    )
    items = [(positions[k], b) for k, b in briefed]
    made = _assemble(
        items,
        day,
        max_stories=max_stories,
        title=title,
        skipped=skipped + failed,
        thresholds=thresholds or Thresholds(),
        weights=weights,
    )
    if span is None:
        return made
    return replace(made, left_out=tuple(sorted(left_out.items())), window=span.label)
