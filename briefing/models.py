"""The data that flows between stages: frozen, slotted dataclasses holding tuples."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its text and what is known about it.

    ``published`` anchors relative dates; it is never guessed from a file's mtime.
    """

    text: str
    title: str | None = None
    published: dt.date | dt.datetime | None = None
    url: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "title": self.title,
            "published": _iso(self.published),
            "url": self.url,
            "source": self.source,
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

    ``value`` is the canonical name (who/where), an ISO 8601 date or interval (when), a
    number (numbers), or None when unknown. ``speaker`` is set on quotes; ``role`` on
    people and organisations when the article gives one.
    """

    text: str
    value: str | None
    evidence: str
    score: float
    speaker: str | None = None
    role: str | None = None
    label: str | None = None
    sentence_index: int | None = None

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
