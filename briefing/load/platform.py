"""What feed platforms add to an entry's text: not the entry's own words.

WordPress's "The post X appeared first on Y", Medium's "Continue reading on …", Hacker
News's "Article URL: … Comments URL: …", "Read more", "Continue reading", a trailing "[…]",
a lone "Comments" line. The loader uses it to tell an entry whose text is nothing else (a
headline, not an article); the digest strips it from every entry
(:mod:`briefing.digest.boilerplate`).
"""

from __future__ import annotations

import re

__all__ = ["PLATFORM_PATTERNS", "only_platform", "strip_platform"]

#: The common platforms' boilerplate, matched anywhere in an entry's text.
PLATFORM_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE | re.MULTILINE)
    for p in (
        # Hacker News (hnrss.org): the whole block, in one line or several
        r"Article URL:\s*\S+\s*Comments URL:\s*\S+\s*Points:\s*\d+\s*#\s*Comments:\s*\d+",
        r"^\s*(Article URL|Comments URL):\s*\S+\s*$",
        r"^\s*(Points|# Comments):\s*\d+\s*$",
        # WordPress
        r"The post .{1,300}? appeared first on .{1,200}?(\.|$)",
        # Medium
        r"Continue reading on .{1,200}?»",
        r"Continue reading on [^\n.]{1,120}\.?$",
        # "Read more", "Continue reading", "Read the full story", with or without an arrow
        r"^\s*(Read|Continue reading|Read the full (story|article)|Read more|Lire la suite|"
        r"Weiterlesen|Leia mais|Lees verder|Leggi tutto|Seguir leyendo)\b[^\n]{0,60}$",
        r"\s*(Read more|Continue reading|Read the rest of this entry)\s*(»|›|→|\.\.\.|…)\s*$",
        # a trailing ellipsis mark of a cut teaser
        r"\s*\[(…|\.\.\.|&hellip;)\]\s*$",
        # a lone "Comments" / "(comments)" line
        r"^\s*\(?\s*comments?\s*\)?\s*$",
    )
)


def strip_platform(text: str) -> tuple[str, int]:
    """``text`` without what a platform added, and how many passages went."""
    removed = 0
    for pattern in PLATFORM_PATTERNS:
        text, n = pattern.subn("", text)
        removed += n
    return text, removed


def only_platform(text: str) -> bool:
    """Whether ``text`` holds nothing but what a platform adds ("Comments", "Read more »")."""
    stripped, removed = strip_platform(text)
    return removed > 0 and not stripped.strip()
