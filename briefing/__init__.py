"""briefing: one-page, traceable briefings of news articles, fully offline.

>>> import briefing
>>> b = briefing.brief("seeds/story.txt")
>>> briefing.render_pdf(b, "out/story.pdf")
"""

from __future__ import annotations

import logging

from .batch import brief_many
from .digest import Digest, digest
from .errors import BriefingError
from .facts import extract_facts
from .load import load, load_many
from .models import Article, Briefing, Fact, Facts, Sentence
from .pdf import render_pdf
from .pipeline import brief
from .render import render_html, render_json, render_markdown
from .summarize import summarize

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Briefing",
    "BriefingError",
    "Digest",
    "Fact",
    "Facts",
    "Sentence",
    "__version__",
    "brief",
    "brief_many",
    "digest",
    "extract_facts",
    "load",
    "load_many",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
    "summarize",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
