"""The data that flows between stages: frozen, slotted dataclasses holding tuples."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError

#: Publication years an Article accepts: room on both sides for date arithmetic
#: ("a century ago", "in 50 years") without overflowing ``datetime.date``.
MIN_YEAR, MAX_YEAR = 100, 9899


def as_date(value: object, call: str, name: str) -> dt.date | dt.datetime | None:
    """A date argument of a public function: None, a date, a datetime or an ISO 8601
    string (``2025-11-26``, ``2025-11-26T10:00:00Z``); InputError naming ``call`` and
    ``name`` for anything else."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            pass
    raise InputError(
        f"{call}: {name}={value!r}: expected a date, a datetime or an ISO string like 2025-11-26"
    )


_DAY_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its text and what is known about it.

    ``published`` anchors relative dates; it is never guessed from a file's mtime. An ISO
    8601 string ("2025-11-26", "2025-11-26T10:00:00Z") is read into a date or datetime.
    ``language`` is an ISO 639-1 code when the input declares or a detector found one.
    Wrong types raise :class:`~briefing.errors.InputError` (a ``BriefingError``) at once,
    naming the field, rather than failing deep inside a later stage.
    """

    text: str
    title: str | None = None
    published: dt.date | dt.datetime | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise InputError(
                f"Article text must be a str, not {type(self.text).__name__}; "
                "decode bytes first or pass briefing.load(path)"
            )
        for name in ("title", "url", "source", "language"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise InputError(
                    f"Article {name} must be a str or None, not {type(value).__name__}"
                )
        published = self.published
        if isinstance(published, str):
            # an ISO string, as extract_facts(published=...) and JSON articles take it: a
            # date alone stays a date, not midnight
            try:
                parsed = as_date(published, "Article", "published")
            except InputError:
                raise InputError(
                    f"Article published={published!r} is not an ISO date; give a date, a "
                    "datetime or an ISO string like 2025-11-26"
                ) from None
            if isinstance(parsed, dt.datetime) and _DAY_ONLY.fullmatch(published.strip()):
                parsed = parsed.date()
            object.__setattr__(self, "published", parsed)
            published = parsed
        if published is not None:
            if not isinstance(published, dt.date):
                raise InputError(
                    f"Article published must be a datetime.date, a datetime.datetime or an "
                    f"ISO string like 2025-11-26, not {type(published).__name__}"
                )
            if not MIN_YEAR <= published.year <= MAX_YEAR:
                raise InputError(
                    f"Article published year {published.year} is out of range; "
                    f"give a date between {MIN_YEAR} and {MAX_YEAR} or None"
                )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "title": self.title,
            "published": _iso(self.published),
            "url": self.url,
            "source": self.source,
            "language": self.language,
        }


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence copied verbatim from the article.

    ``index`` is its 0-based position among the article's sentences; ``start``/``end`` are
    character offsets into ``Article.text`` (``text == article.text[start:end]``).
    ``features`` holds the named scores that explain why a ranker chose it.
    """

    text: str
    index: int
    score: float = 0.0
    start: int = 0
    end: int = 0
    features: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "index": self.index,
            "score": round(self.score, 6),
            "start": self.start,
            "end": self.end,
            "features": {name: round(value, 6) for name, value in self.features},
        }


@dataclass(frozen=True, slots=True)
class Fact:
    """One key fact: its surface form, a normalised value, and the sentence it came from.

    ``value`` is the canonical name (who/where), an ISO 8601 date, interval or duration
    (when: "2025-11-24", "2025-11-24/2025-11-27", "P3D"), a
    number (numbers: "4200000000" for "$4.2bn"; both ends of a range, "4%/8%"), or None
    when unknown. ``speaker`` is set on quotes; ``role`` on
    people and organisations when the article gives one. ``repeat`` marks a when fact
    that is a further mention of a date listed before it, with its own sentence (the
    distinct dates come first; a page shows each date once).
    """

    text: str
    value: str | None
    evidence: str
    score: float
    speaker: str | None = None
    role: str | None = None
    label: str | None = None
    sentence_index: int | None = None
    repeat: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "evidence": self.evidence,
            "score": round(self.score, 6),
            "speaker": self.speaker,
            "role": self.role,
            "label": self.label,
            "sentence_index": self.sentence_index,
            "repeat": self.repeat,
        }


@dataclass(frozen=True, slots=True)
class Facts:
    """The key facts of an article, each tuple best first."""

    who: tuple[Fact, ...] = ()
    what: tuple[Fact, ...] = ()
    where: tuple[Fact, ...] = ()
    when: tuple[Fact, ...] = ()
    numbers: tuple[Fact, ...] = ()
    quotes: tuple[Fact, ...] = ()

    KINDS = ("who", "what", "where", "when", "numbers", "quotes")

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        return {kind: [f.to_dict() for f in getattr(self, kind)] for kind in self.KINDS}

    def for_reader(self, kind: str) -> tuple[Fact, ...]:
        """The facts of ``kind`` a page shows: all of them, except further mentions of a
        date already shown and when-facts scored 0 that place nothing on a calendar ("now",
        "recently", durations such as "15 minutes" -> "PT15M": TimeML values the library
        returns for completeness, which tell a reader nothing)."""
        items: tuple[Fact, ...] = getattr(self, kind)
        if kind != "when":
            return items
        return tuple(
            f
            for f in items
            if not f.repeat and (f.score > 0 or not (f.value is None or f.value.startswith("P")))
        )


@dataclass(frozen=True, slots=True)
class Briefing:
    """A one-page briefing of one article: title, extractive summary and key facts."""

    article: Article
    title: str
    summary: tuple[Sentence, ...]
    facts: Facts = field(default_factory=Facts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "title": self.title,
            "summary": [s.to_dict() for s in self.summary],
            "facts": self.facts.to_dict(),
        }


# ------------------------------------------------------------------ the digest


@dataclass(frozen=True, slots=True)
class Source:
    """Where one article of a story came from: a source name, its URL and its own title."""

    name: str
    url: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "title": self.title}


@dataclass(frozen=True, slots=True)
class Story:
    """One story of the digest: its best article's title and summary, merged facts, sources.

    ``articles`` holds the input positions of the articles merged into it (provenance);
    ``score`` and ``features`` say why it ranks where it does.
    """

    title: str
    summary: tuple[Sentence, ...]
    who: tuple[Fact, ...]
    where: tuple[Fact, ...]
    when: tuple[Fact, ...]
    sources: tuple[Source, ...]
    article_count: int
    articles: tuple[int, ...]
    score: float = 0.0
    features: tuple[tuple[str, float], ...] = ()
    published: dt.date | None = None
    language: str | None = None
    feeds: tuple[str, ...] = ()

    @property
    def source_count(self) -> int:
        """The number of distinct source names."""
        return len({s.name.casefold() for s in self.sources})

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "summary": [s.to_dict() for s in self.summary],
            "who": [f.to_dict() for f in self.who],
            "where": [f.to_dict() for f in self.where],
            "when": [f.to_dict() for f in self.when],
            "sources": [s.to_dict() for s in self.sources],
            "article_count": self.article_count,
            "articles": list(self.articles),
            "score": round(self.score, 6),
            "features": {name: round(value, 6) for name, value in self.features},
            "published": self.published.isoformat() if self.published else None,
            "undated": self.published is None,
            "language": self.language,
        }


@dataclass(frozen=True, slots=True)
class Headline:
    """A feed entry with no text of its own (title and link only): listed, never merged.

    ``published`` is the entry's date, or its time when the feed gives one (the window
    is cut at the hour of the last digest); JSON shows the day."""

    title: str
    url: str | None = None
    source: str | None = None
    published: dt.date | dt.datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        day = self.published
        day = day.date() if isinstance(day, dt.datetime) else day
        return {
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": day.isoformat() if day else None,
        }


@dataclass(frozen=True, slots=True)
class Digest:
    """A day's digest: ranked stories, best first, and what happened to the inputs.

    ``read`` counts the articles that were briefed, ``merged`` those folded into another
    article's story, ``skipped`` the inputs that could not be read or briefed, ``dropped``
    the stories left out by ``max_stories``. ``headlines`` lists the entries with no text
    of their own; ``left_out`` counts the entries kept off the page and why (``older``
    than the window, ``newer``: dated after its end, another ``language``, ``seen`` in an
    earlier digest, over the ``per_feed`` cap); ``boilerplate`` counts the feed
    boilerplate passages removed.
    """

    title: str
    date: dt.date
    stories: tuple[Story, ...]
    read: int = 0
    merged: int = 0
    skipped: int = 0
    dropped: int = 0
    headlines: tuple[Headline, ...] = ()
    left_out: tuple[tuple[str, int], ...] = ()
    boilerplate: int = 0
    window: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "date": self.date.isoformat(),
            "stories": [s.to_dict() for s in self.stories],
            "headlines": [h.to_dict() for h in self.headlines],
            "read": self.read,
            "merged": self.merged,
            "skipped": self.skipped,
            "dropped": self.dropped,
            "left_out": dict(self.left_out),
            "boilerplate_removed": self.boilerplate,
            "window": self.window,
        }
