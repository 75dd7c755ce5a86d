"""briefing: one-page, traceable briefings of news articles, fully offline."""

from __future__ import annotations

import logging

from .errors import BriefingError
from .models import Article, Briefing, Fact, Facts, Sentence

__all__ = ["Article", "Briefing", "BriefingError", "Fact", "Facts", "Sentence"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
