"""Check a user's template up front, before any article is analysed."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable

from ..models import Article, Briefing, Digest, Fact, Facts, Sentence, Source, Story
from .briefing import render_html, render_markdown
from .digest import render_digest_html, render_digest_markdown

__all__ = ["check_template"]

_TEXT = "The council met on Monday. It approved the plan. Work starts in March 2026."
_FACT = Fact("Monday", "2026-03-02", "The council met on Monday.", 0.9, sentence_index=0)
_LATER = Fact("March 2026", "2026-03", "Work starts in March 2026.", 0.8, sentence_index=2)


def _sample_briefing() -> Briefing:
    article = Article(_TEXT, title="Sample", published=dt.date(2026, 3, 4), source="Sample")
    summary = (Sentence("The council met on Monday.", 0, 1.0),)
    who = Fact("The council", "Council", "The council met on Monday.", 0.9, sentence_index=0)
    quote = Fact("We approve", None, "The council met on Monday.", 0.5, speaker="Council")
    facts = Facts(who=(who,), when=(_FACT, _LATER), quotes=(quote,))
    return Briefing(article, "Sample", summary, facts)


def _sample_digest() -> Digest:
    story = Story(
        title="Sample story",
        summary=(Sentence("The council met on Monday.", 0, 1.0),),
        who=(),
        where=(),
        when=(_FACT,),
        sources=(Source("Sample", "https://example.org/a", "Sample"),),
        article_count=1,
        articles=(0,),
        published=dt.date(2026, 3, 4),
    )
    later = Story(
        title="Another story",
        summary=(Sentence("Work starts in March 2026.", 2, 1.0),),
        who=(),
        where=(),
        when=(_LATER,),
        sources=(Source("Sample", None, None),),
        article_count=1,
        articles=(1,),
    )
    return Digest("Sample digest", dt.date(2026, 3, 4), (story, later), read=2)


def check_template(
    template: str | os.PathLike[str],
    formats: Iterable[str] = ("md", "html"),
    *,
    digest: bool = False,
) -> None:
    """Raise a TemplateError now if ``template`` cannot make ``formats`` (md, html, pdf, json).

    The template is found, compiled and rendered once against a small sample briefing (or
    digest, when ``digest`` is true), so a missing file, a syntax error, a misspelt
    variable or a sandbox refusal is reported before any article is analysed. ``pdf`` is
    checked as ``html``; ``json`` uses no template.
    """
    wanted = {"html" if fmt == "pdf" else fmt for fmt in formats} & {"md", "html"}
    if digest:
        d = _sample_digest()
        if "md" in wanted:
            render_digest_markdown(d, template)
        if "html" in wanted:
            render_digest_html(d, template)
        return
    b = _sample_briefing()
    if "md" in wanted:
        render_markdown(b, template)
        render_markdown(b, template, explain=True)
    if "html" in wanted:
        render_html(b, template)
        render_html(b, template, explain=True)
