"""Feed boilerplate: text a feed repeats across its entries, removed before anything else.

Two sources of knowledge, neither taken from any evaluation data:

1. **Learned from the feed itself.** Each entry's text is cut into passages (paragraphs,
   and the sentences of a paragraph). A passage whose *shape* (case-folded, every URL and
   every number replaced by a placeholder) recurs in at least :data:`MIN_ENTRIES` entries
   of one feed and in at least :data:`MIN_SHARE` of them is that feed's boilerplate:
   "Comments" under every Hacker News item, "Continue reading on Medium »", a standard
   footer, "Article URL: … Comments URL: … Points: 12 # Comments: 3".
2. **A short list for the common platforms** (:data:`briefing.load.platform.PLATFORM_PATTERNS`:
   the loader also uses it, to tell an entry that is only furniture), for feeds too
   small to learn from: WordPress's "The post X appeared first on Y", Medium's "Continue
   reading on …", Hacker News's "Article URL: … Comments URL: …", "Read more",
   "Continue reading", a trailing "[…]".

A passage of more than :data:`MAX_WORDS` words is never boilerplate (two copies of one
article in a feed are a duplicate, which dedup handles), nor is one that names a day or a
month in words (the lede several updates of a story share), so learning cannot eat news. For
the same reason the versions of one article (entries with the same canonical URL: an
update, a shortened copy) count as one entry: the sentences they share are that article's
own, and must stay for dedup to match it with another paper's copy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from ..load.platform import PLATFORM_PATTERNS, strip_platform

__all__ = ["MIN_ENTRIES", "MIN_SHARE", "PLATFORM_PATTERNS", "Cleaned", "clean_feed", "shape"]

#: A passage must recur in at least this many entries of a feed ...
MIN_ENTRIES = 2
#: ... (a passage of more than TEMPLATE_WORDS words in at least this many) ...
MIN_ENTRIES_LONG = 3
#: ... and in at least this share of them, to be that feed's boilerplate.
MIN_SHARE = 0.25
#: Longer passages (in words) are content even when repeated (a copied article).
MAX_WORDS = 40

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE = re.compile(r"\s+")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_SENTENCE = re.compile(r"(?<=[.!?»…])\s+")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The texts of one feed's entries without boilerplate, and how many passages went."""

    texts: tuple[str, ...]
    removed: int
    learned: tuple[str, ...]


#: Passages up to this many words compare with their numbers as placeholders ("Points: 12"
#: and "Points: 3" are one line of a template); longer ones must match number for number.
TEMPLATE_WORDS = 12


def shape(passage: str) -> str:
    """A passage as compared across entries: URLs as placeholders, case-folded, and in a
    short passage numbers as placeholders too."""
    text = _URL.sub("<url>", passage)
    if len(text.split()) <= TEMPLATE_WORDS:
        text = _NUMBER.sub("0", text)
    return _SPACE.sub(" ", text.casefold()).strip(" .,:;-–—|")


def _passages(text: str) -> list[str]:
    """Paragraphs (lines) and, for paragraphs of several sentences, their sentences of two
    words or more (a lone "Dr." cut off by the sentence split is no passage)."""
    out: list[str] = []
    for paragraph in _PARAGRAPH.split(text):
        if not paragraph.strip():
            continue
        out.append(paragraph)
        parts = _SENTENCE.split(paragraph.strip())
        if len(parts) > 1:
            out.extend(p for p in parts if len(p.split()) >= 2)
    return out


# A day named in words: "The Federal Reserve held rates steady on Wednesday." shared by the
# three updates of one story is its news, not the feed's furniture (no passage learned
# from the dev feeds names one; a date in digits, as in "By Ruben Schade in Sydney,
# 2019-01-01", may be a template's).
_DAY_NAMED = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"january|february|march|april|june|july|august|september|october|november|december)\b"
)


def _dated(shape: str) -> bool:
    """Whether a passage (its shape, case-folded) names a day or a month in words."""
    return _DAY_NAMED.search(shape) is not None


def _learn(texts: Sequence[str], articles: Sequence[Hashable | None]) -> set[str]:
    """The passage shapes recurring across enough of these entries to be boilerplate, the
    entries of one article (same key in ``articles``) counting once."""
    shapes: dict[Hashable, set[str]] = {}
    for n, (text, article) in enumerate(zip(texts, articles, strict=True)):
        key = ("entry", n) if article is None else ("article", article)
        shapes.setdefault(key, set()).update(shape(p) for p in _passages(text))
    if len(shapes) < MIN_ENTRIES:
        return set()
    counts: Counter[str] = Counter()
    for seen in shapes.values():
        counts.update(s for s in seen if s and len(s.split()) <= MAX_WORDS and not _dated(s))
    need = max(MIN_ENTRIES, MIN_SHARE * len(shapes))
    # a longer sentence seen in only two entries is more likely quoted than boilerplate
    need_long = max(MIN_ENTRIES_LONG, need)
    return {
        s
        for s, n in counts.items()
        if n >= (need if len(s.split()) <= TEMPLATE_WORDS else need_long)
    }


def _strip_learned(text: str, learned: set[str]) -> tuple[str, int]:
    if not learned:
        return text, 0
    removed = 0
    kept_paragraphs = []
    for paragraph in _PARAGRAPH.split(text):
        if not paragraph.strip():
            continue
        if shape(paragraph) in learned:
            removed += 1
            continue
        parts = _SENTENCE.split(paragraph.strip())
        if len(parts) > 1:
            kept = [p for p in parts if len(p.split()) < 2 or shape(p) not in learned]
            removed += len(parts) - len(kept)
            paragraph = " ".join(kept)
        if paragraph.strip():
            kept_paragraphs.append(paragraph.strip())
    return "\n\n".join(kept_paragraphs), removed


def clean_feed(texts: Sequence[str], articles: Sequence[Hashable | None] | None = None) -> Cleaned:
    """The entries of one feed (in order) without the boilerplate they share or a platform
    adds; ``removed`` counts the passages taken out. ``articles`` (one per entry, None for
    an entry of its own) says which entries are versions of one article (the digest passes
    canonical URLs): they count as one entry when boilerplate is learned."""
    learned = _learn(texts, articles if articles is not None else [None] * len(texts))
    out, removed = [], 0
    for text in texts:
        cleaned, n = _strip_learned(text, learned)
        cleaned, m = strip_platform(cleaned)
        cleaned = re.sub(r"\n{3,}", "\n\n", cleaned).strip()
        out.append(cleaned)
        removed += n + m
    return Cleaned(tuple(out), removed, tuple(sorted(learned)))
