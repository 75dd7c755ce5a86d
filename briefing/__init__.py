"""briefing: one-page, traceable briefings of news articles, fully offline.

>>> import briefing
>>> b = briefing.brief("seeds/story.txt")
>>> briefing.render_pdf(b, "out/story.pdf")

Importing the package is cheap: each public name is imported on first use, so
``import briefing`` loads neither spaCy nor WeasyPrint.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import brief_many as brief_many
    from .digest import digest as digest
    from .errors import BriefingError as BriefingError
    from .facts import extract_facts as extract_facts
    from .load import load as load, load_many as load_many
    from .models import (
        Article as Article,
        Briefing as Briefing,
        Digest as Digest,
        Fact as Fact,
        Facts as Facts,
        Sentence as Sentence,
        Source as Source,
        Story as Story,
    )
    from .pdf import render_pdf as render_pdf
    from .pipeline import brief as brief
    from .render import (
        render_html as render_html,
        render_json as render_json,
        render_markdown as render_markdown,
    )
    from .summarize import summarize as summarize

#: Public name -> the module that defines it.
_WHERE = {
    "Article": "models",
    "Briefing": "models",
    "Digest": "models",
    "Fact": "models",
    "Facts": "models",
    "Sentence": "models",
    "Source": "models",
    "Story": "models",
    "BriefingError": "errors",
    "brief": "pipeline",
    "brief_many": "batch",
    "digest": "digest",
    "extract_facts": "facts",
    "load": "load",
    "load_many": "load",
    "render_html": "render",
    "render_json": "render",
    "render_markdown": "render",
    "render_pdf": "pdf",
    "summarize": "summarize",
}

__all__ = [*sorted(_WHERE), "__version__"]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("briefing")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
    elif name in _WHERE:
        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    else:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


logging.getLogger(__name__).addHandler(logging.NullHandler())
