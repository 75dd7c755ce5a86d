"""Which entries a day's digest covers: the time window, the languages, headline-only entries.

A daily digest covers a window (:class:`Window`): by default since the last digest in the
history, else the 24 hours up to the end of the digest's date; ``36h``, ``7d`` or ``all``
on request. Entries older than the window are left out and counted, and so are entries
dated after its end (a digest made for a past day, or a feed claiming 2100), beyond
:data:`FUTURE_SLACK` for clock skew (an entry dated without a time is its whole calendar day:
no slack, so it belongs to that day's digest); ``all`` keeps every entry, each with its own
date.
Undated entries are kept (and marked on the page); a dated entry keeps its date.

:func:`select` runs the whole preparation on loaded entries, in this order: boilerplate
out (per feed, :mod:`.boilerplate`), entries with no real text become headlines, the
window, the language of each entry (py3langid through :mod:`briefing.lang`) and
``languages`` kept. An entry that carries no news (:func:`carries_no_news`: a title that is
only a platform's furniture, "Comments", "Read more", "[…]"; or a fragment with neither a
sentence nor a link, such as a to-do list in a folder of notes) is left out and counted
(``left_out["no news"]``), neither a story nor a headline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..errors import BriefingError
from ..lang import is_language
from ..load.platform import only_platform
from ..models import Article, Headline
from ..store import content_hash
from ..text import word_count
from .boilerplate import clean_feed
from .dedup import canonical_url

__all__ = [
    "MIN_SENTENCE_WORDS",
    "Selection",
    "Window",
    "carries_no_news",
    "day_end",
    "feed_key",
    "has_real_text",
    "headline_key",
    "parse_languages",
    "parse_window",
    "real_sentences",
    "select",
]

#: An entry has real text when one of its sentences has at least this many words (for
#: Chinese and Japanese, characters: :func:`briefing.text.word_count`).
MIN_SENTENCE_WORDS = 8
#: An entry dated up to this after the window's end is still in it: a publisher's clock
#: a little ahead of ours. Later ones belong to a later digest (or have a wrong date).
FUTURE_SLACK = dt.timedelta(hours=3)

_WINDOW = re.compile(r"^\s*(\d+)\s*([hd])\s*$", re.IGNORECASE)
# Chinese and Japanese end a sentence at 。！？ with no space after it
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？])\s*|\n+")


@dataclass(frozen=True, slots=True)
class Window:
    """The span of publication times a digest covers: ``start`` (None: no lower bound) to
    ``end``; ``label`` says how it was chosen (e.g. "24h", "since 2025-11-24", "all")."""

    start: dt.datetime | None
    end: dt.datetime
    label: str


def parse_window(value: str) -> dt.timedelta | None:
    """``"24h"``, ``"36h"``, ``"7d"`` as a duration; ``"all"`` as None. Else BriefingError."""
    text = value.strip().lower()
    if text == "all":
        return None
    match = _WINDOW.match(text)
    if not match or int(match.group(1)) == 0:
        raise BriefingError(
            f"--window {value!r}: not a window; write a number of hours or days such as "
            "24h, 36h or 7d, or all"
        )
    amount = int(match.group(1))
    return dt.timedelta(hours=amount) if match.group(2) == "h" else dt.timedelta(days=amount)


def parse_languages(value: str | Sequence[str] | None) -> frozenset[str] | None:
    """``"en,fr"`` as ``{"en", "fr"}`` (ISO 639-1); None keeps every language. A value that
    names no language, or a code that is no ISO 639-1 language (``xx``), is a BriefingError."""
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    codes = {item.strip().lower() for item in items if item.strip()}
    bad = sorted(c for c in codes if not is_language(c))
    if bad:
        raise BriefingError(
            f"--lang {bad[0]!r}: not an ISO 639-1 language code; write e.g. en,fr,nl"
        )
    if not codes:
        raise BriefingError(
            f"--lang {value!r}: names no language; write e.g. en,fr,nl, or leave it out "
            "to keep every language"
        )
    return frozenset(codes)


def day_end(date: dt.date) -> dt.datetime:
    """The end of ``date`` (UTC): the window's end for a digest of that day."""
    return dt.datetime.combine(date + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)


def make_window(
    date: dt.date, span: dt.timedelta | None, last: dt.datetime | None, *, explicit: bool
) -> Window:
    """The window of the digest for ``date``: ``span`` when ``explicit`` (None: all), else
    since ``last`` (the last earlier digest's time) when known, else the 24 h before the
    end of ``date``."""
    end = day_end(date)
    if explicit:
        if span is None:
            return Window(None, end, "all")
        return Window(end - span, end, _span_label(span))
    if last is not None and last < end:
        return Window(last, end, f"since {last:%Y-%m-%d %H:%M} UTC")
    return Window(end - dt.timedelta(hours=24), end, "24h")


def _span_label(span: dt.timedelta) -> str:
    hours = int(span.total_seconds() // 3600)
    return f"{hours // 24}d" if hours % 24 == 0 and hours >= 48 else f"{hours}h"


def _as_utc(value: dt.date | dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The span of time a published value stands for (a whole day for a date)."""
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return moment, moment
    start = dt.datetime.combine(value, dt.time(), tzinfo=dt.UTC)
    return start, start + dt.timedelta(days=1)


def in_window(published: dt.date | dt.datetime | None, window: Window) -> str:
    """``"in"``, ``"older"`` (before the window's start), ``"newer"`` (after its end, beyond
    :data:`FUTURE_SLACK`; never for a window with no start, ``all``) or ``"undated"``."""
    if published is None:
        return "undated"
    first, last = _as_utc(published)
    if window.start is None:
        return "in"
    if not isinstance(published, dt.datetime):
        # a date without a time is that whole calendar day: no clock to be skewed, so
        # the 24th's digest does not take the 25th's date-only entries
        return "older" if last <= window.start else "newer" if first >= window.end else "in"
    if last < window.start:
        return "older"
    if first > window.end + FUTURE_SLACK:
        return "newer"
    return "in"


def real_sentences(text: str, limit: int = 10) -> int:
    """How many sentences of ``text`` have :data:`MIN_SENTENCE_WORDS` words or more (counted
    up to ``limit``)."""
    count = 0
    for sentence in _SENTENCE_END.split(text[:20_000]):
        if word_count(sentence) >= MIN_SENTENCE_WORDS:
            count += 1
            if count >= limit:
                break
    return count


def has_real_text(text: str) -> bool:
    """Whether ``text`` holds a sentence of at least :data:`MIN_SENTENCE_WORDS` words."""
    return real_sentences(text, limit=1) > 0


_WORD_CHAR = re.compile(r"\w")


def carries_no_news(title: str | None, text: str = "", url: str | None = None) -> bool:
    """Whether an entry with no real sentence (a headline candidate) carries no news: its
    title is only what a platform adds ("Comments", "Read more »", "[…]") or holds no
    letter or digit; or it has text but neither a sentence in it nor a link to an article
    (notes, a list: nothing to read here and nowhere to go). A title-only feed entry with
    a real title is news, linked or not."""
    heading = " ".join((title or "").split())
    if heading and (not _WORD_CHAR.search(heading) or only_platform(heading)):
        return True
    body = text.strip()
    return bool(body) and not url and not only_platform(body) and not has_real_text(body)


def feed_key(article: Article) -> str:
    """The feed (or site) an entry came from: its source name, else its URL's host."""
    from .build import host

    return " ".join((article.source or host(article.url) or "").casefold().split())


@dataclass(frozen=True, slots=True)
class Selection:
    """The entries a digest covers, cleaned, and what was left out and why."""

    articles: tuple[Article, ...]
    positions: tuple[int, ...]
    headlines: tuple[Headline, ...]
    headline_positions: tuple[int, ...]
    left_out: dict[str, int] = field(default_factory=dict)
    boilerplate: int = 0
    undated: int = 0


def select(
    articles: Sequence[Article],
    headlines: Sequence[tuple[int, Headline]] = (),
    *,
    window: Window | None = None,
    languages: frozenset[str] | None = None,
    windows: Sequence[Window | None] | None = None,
    headline_windows: dict[int, Window] | None = None,
) -> Selection:
    """Clean, sort and filter loaded entries (``articles``, plus ``headlines`` already known
    to have no text, each with its input position); see the module docstring.
    ``windows`` may give an article its own window (a feed catching up after a failed
    run), ``headline_windows`` a headline, by its input position."""
    from ..lang import detect

    by_feed: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        by_feed[feed_key(article)].append(i)
    texts = [a.text for a in articles]
    removed = 0
    for members in by_feed.values():
        # versions of one article (one canonical URL) share their text, not boilerplate
        same = [canonical_url(articles[i].url) for i in members]
        cleaned = clean_feed([articles[i].text for i in members], same)
        removed += cleaned.removed
        for i, text in zip(members, cleaned.texts, strict=True):
            texts[i] = text
    left_out: dict[str, int] = defaultdict(int)
    kept: list[Article] = []
    positions: list[int] = []
    heads = [(i, h, (headline_windows or {}).get(i, window)) for i, h in headlines]
    undated = 0
    for i, article in enumerate(articles):
        own = windows[i] if windows is not None and windows[i] is not None else window
        when = in_window(article.published, own) if own is not None else "in"
        if when in ("older", "newer"):
            left_out[when] += 1
            continue
        text = texts[i]
        if not has_real_text(text):
            head = _headline(article, text)
            if carries_no_news(head.title, text, article.url):
                left_out["no news"] += 1
            else:
                heads.append((i, head, own))
            continue
        code = article.language or detect(f"{article.title or ''}\n{text}", default=None)
        if languages is not None and code is not None and code not in languages:
            left_out["language"] += 1
            continue
        if when == "undated":
            undated += 1
        kept.append(replace(article, text=text, language=code))
        positions.append(i)
    final_heads: list[tuple[int, Headline]] = []
    for i, head, own in heads:
        when = in_window(head.published, own) if own is not None else "in"
        if when in ("older", "newer"):
            left_out[when] += 1
        elif carries_no_news(head.title, url=head.url):
            left_out["no news"] += 1
        else:
            final_heads.append((i, head))
    final_heads.sort(key=lambda p: p[0])
    return Selection(
        tuple(kept),
        tuple(positions),
        tuple(h for _, h in final_heads),
        tuple(i for i, _ in final_heads),
        dict(left_out),
        removed,
        undated,
    )


def headline_key(headline: Headline) -> str:
    """What a headline is known by in the history, as a story's article is: its canonical
    URL (tracking parameters and ``www.`` do not make it new), else the content hash of
    its title. A link to a site's front page (no path, no query), which some feeds give
    every entry, names no entry: the title tells those apart."""
    url = canonical_url(headline.url)
    if url is not None and ("/" in url or "?" in url):
        return url
    return content_hash(f"{headline.title}\n{url}" if url else headline.title)


def _headline(article: Article, text: str) -> Headline:
    from ..load import make_title

    title = article.title or make_title(text) or article.url or "Untitled"
    return Headline(" ".join(title.split()), article.url, article.source, article.published)
