"""The digest's outputs: Markdown, HTML, JSON and the one-page PDF of a Digest.

Besides the stories, a digest template sees ``timeline`` (the top stories' event dates,
one point per story, labelled with its title; empty with fewer than two) and
``timeline_html`` (the same drawn as an SVG axis over one row per event) and
``timeline_svg`` (the axis alone).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from ..errors import wrong_type
from ..lang import language_name
from ..models import Digest, Fact, Sentence, Story
from ..picture import (
    Point,
    shorten,
    timeline_html,
    timeline_points,
    timeline_svg,
    when_words,
)
from .env import content_attrs, find_template, link_url, render_template, template_spec
from .files import output_path, write_atomic

#: Facts shown per story, best first.
FACT_LIMITS = {"who": 3, "where": 3, "when": 2}


@dataclass(frozen=True, slots=True)
class PageCut:
    """How much of the digest a page shows: the first ``stories`` stories, the first
    ``long`` of them with two summary sentences and the rest with one, and the facts
    lines when ``facts`` is true, and the timeline when ``timeline`` is true."""

    stories: int
    long: int
    facts: bool = True
    timeline: bool = True


def _fact_text(f: Fact, kind: str) -> str:
    if kind == "when":
        words = when_words(f.value, f.text)
        return f"{f.text} ({words})" if words else f.text
    return f.value if kind in ("who", "where") and f.value else f.text


def _best(summary: tuple[Sentence, ...], limit: int) -> tuple[Sentence, ...]:
    if limit >= len(summary):
        return summary
    keep = sorted(sorted(range(len(summary)), key=lambda i: (-summary[i].score, i))[:limit])
    return tuple(summary[i] for i in keep)


#: On the page, a longer sentence is cut at a word with " […]" (the Markdown has it whole).
PAGE_SENTENCE_CHARS = 420


#: On the page, a longer title (a story's or a headline's) is cut at a word with "…": a
#: feed's 500-character "title" would fill seven lines; the Markdown, the JSON and the
#: link's tooltip keep it whole.
PAGE_TITLE_CHARS = 160


def _page_title(title: str, cut: PageCut | None) -> str:
    text = " ".join(title.split())
    return text if cut is None else shorten(text, PAGE_TITLE_CHARS)


def _clip(text: str, cut: PageCut | None) -> str:
    if cut is None or len(text) <= PAGE_SENTENCE_CHARS:
        return text
    head = text[:PAGE_SENTENCE_CHARS]
    return (head[: head.rfind(" ")] if " " in head else head).rstrip(",;:") + " […]"


#: Stories on the digest's timeline at most, and how far from the digest's date an event
#: may lie to be drawn (further ones are background, not news of the window).
TIMELINE_STORIES = 6
TIMELINE_DAYS = 45


def digest_timeline(stories: tuple[Story, ...], day: object) -> tuple[Point, ...]:
    """One point per top story: its best-ranked event date near the digest's ``day``."""
    import datetime as dt

    points: list[Point] = []
    for story in stories:
        for f in story.when:
            found = timeline_points([(f.value, f.text, story.title)], limit=1, label_chars=70)
            near = not isinstance(day, dt.date) or (
                bool(found) and abs((found[0].start - day).days) <= TIMELINE_DAYS
            )
            if found and near:
                points.append(replace(found[0], label=shorten(" ".join(story.title.split()), 70)))
                break
        if len(points) >= TIMELINE_STORIES:
            break
    return tuple(sorted(points, key=lambda p: p.order)) if len(points) > 1 else ()


def empty_reason(d: Digest) -> str:
    """Why a digest has no story, for its page: what happened to the entries read, not a
    guess ("no article could be read" only when that is what happened)."""
    left = dict(d.left_out)
    reasons = ["nothing new since the last digest"] if left.get("seen") else []

    def no() -> str:  # "no other entry ..." after an earlier reason
        return "no other" if reasons else "no"

    if left.get("older") or left.get("newer"):
        reasons.append(f"{no()} entry falls in the window ({d.window})")
    if left.get("language"):
        reasons.append(f"{no()} entry is in the languages asked for")
    if d.headlines:
        reasons.append(f"{no()} entry has text of its own (see the headlines)")
    if d.skipped:
        reasons.append(f"{no()} article could be read")
    return "; ".join(reasons) or "the inputs hold no article"


def _language(code: str | None) -> str | None:
    """A story's language by name for its reader, when it is not English ("Italian"; the
    code itself when pycountry does not know it)."""
    if not code or code.strip().lower() == "en":
        return None
    return language_name(code) or code


def _context(d: Digest, cut: PageCut | None) -> dict[str, Any]:
    """What a digest template sees (documented in templates/digest.md.j2)."""
    count = len(d.stories) if cut is None else min(cut.stories, len(d.stories))
    labels = {"who": "Who", "where": "Where", "when": "When"}
    stories = []
    for number, s in enumerate(d.stories[:count], start=1):
        sentences = 2 if cut is None or number <= cut.long else 1
        stories.append(
            {
                "number": number,
                "content": content_attrs(s.language),
                "language": _language(s.language),
                "title": _page_title(s.title, cut) or "Untitled",
                "full_title": " ".join(s.title.split()) or "Untitled",
                "summary": [_clip(x.text, cut) for x in _best(s.summary, sentences)],
                "facts": [
                    (labels[kind], [_fact_text(f, kind) for f in getattr(s, kind)])
                    for kind in FACT_LIMITS
                    if getattr(s, kind) and (cut is None or cut.facts)
                ],
                "sources": [
                    {"name": src.name, "url": link_url(src.url), "title": src.title}
                    for src in s.sources
                ],
                "source_count": s.source_count,
                "article_count": s.article_count,
                "published": s.published.isoformat() if s.published else None,
                "score": s.score,
            }
        )
    shown = d.stories[:count] if cut is not None else d.stories
    points = digest_timeline(shown, d.date) if cut is None or cut.timeline else ()
    return {
        "d": d,
        "timeline": points,
        "timeline_svg": Markup(timeline_svg(points, title=f"Timeline: {d.title}")),
        "timeline_html": Markup(timeline_html(points, title=f"Timeline: {d.title}")),
        "title": d.title,
        "date": d.date.isoformat(),
        "stories": stories,
        "empty": "" if d.stories else empty_reason(d),
        # feed links only ever reach a page through link_url: http(s), inert in a link
        "headlines": [
            {
                "title": _page_title(h.title, cut),
                "full_title": " ".join(h.title.split()),
                "url": link_url(h.url),
                "source": h.source,
            }
            for h in d.headlines
        ],
        "total": len(d.stories),
        "more": len(d.stories) - count,
        "read": d.read,
        "merged": d.merged,
        "skipped": d.skipped,
        "dropped": d.dropped,
    }


def _as_digest(d: object, call: str) -> Digest:
    if not isinstance(d, Digest):
        raise wrong_type(call, "a Digest", d, "pass what briefing.digest() returns")
    return d


def _render(
    d: Digest,
    fmt: str,
    template: str | os.PathLike[str],
    cut: PageCut | None,
    call: str | None = None,
) -> str:
    call = call or f"render_digest_{'markdown' if fmt == 'md' else fmt}"
    d = _as_digest(d, call)
    template = template_spec(template, call)
    tpl = find_template(template, "md" if fmt == "md" else "html", default="digest")
    text = render_template(tpl, _context(d, cut), os.fspath(template))
    return text.rstrip("\n") + "\n"


def render_digest_markdown(
    d: Digest, template: str | os.PathLike[str] = "default", *, call: str | None = None
) -> str:
    """The digest as Markdown: every story (up to ``max_stories``), ranked, with sources.

    ``template`` is ``default`` (``digest.md.j2``), a folder whose ``digest.md.j2``
    overrides the built-in one, or a ``.md.j2`` file. The same digest gives the same text.
    ``call`` is the public function errors name (``render_markdown`` given a Digest).
    """
    return _render(d, "md", template, None, call)


def render_digest_html(
    d: Digest,
    template: str | os.PathLike[str] = "default",
    *,
    cut: PageCut | None = None,
    call: str | None = None,
) -> str:
    """The digest as one standalone HTML page (stylesheet inlined, nothing fetched).

    ``cut`` limits what is shown (the PDF fitter's knob); by default every story is.
    """
    return _render(d, "html", template, cut, call)


def render_digest_json(d: Digest, *, call: str = "render_digest_json") -> str:
    """The digest as pretty, key-sorted JSON (``Digest.to_dict()``) ending with a newline."""
    d = _as_digest(d, call)
    return json.dumps(d.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


#: A page never holds more stories than this; the fitter starts here.
MAX_PAGE_STORIES = 20
#: The top stories keep two summary sentences until only this many stories are left.
LONG_STORIES = 3


def page_cuts(d: Digest) -> tuple[PageCut, ...]:
    """The PDF's cut levels, each showing less than the one before (as the fitter needs).

    From all stories (at most MAX_PAGE_STORIES) with two summary sentences each, the
    lower-ranked stories lose their second sentence one by one, then the lowest-ranked
    stories go one by one down to LONG_STORIES; then those lose their second sentences,
    then the timeline goes, then stories go again, and last the facts of the single story
    left.
    """
    n = min(len(d.stories), MAX_PAGE_STORIES)
    if n == 0:
        return (PageCut(0, 0),)
    floor = min(n, LONG_STORIES)
    levels = [PageCut(n, long) for long in range(n, floor - 1, -1)]
    levels += [PageCut(k, floor) for k in range(n - 1, floor - 1, -1)]
    levels += [PageCut(floor, long) for long in range(floor - 1, -1, -1)]
    levels += [PageCut(k, 0, timeline=False) for k in range(floor, 0, -1)]
    levels.append(PageCut(1, 0, facts=False, timeline=False))
    return tuple(dict.fromkeys(levels))


def render_digest_pdf(
    d: Digest,
    path: str | os.PathLike[str] | None = None,
    template: str | os.PathLike[str] = "default",
    *,
    call: str = "render_digest_pdf",
) -> bytes:
    """The digest as exactly one A4 page; also written atomically to ``path`` when given.

    Lower-ranked stories are cut first (the page then says how many more stories the
    Markdown holds). The same digest gives byte-identical output.
    """
    from ..pdf import fit_one_page

    d = _as_digest(d, call)
    target = output_path(path, call) if path is not None else None
    levels = page_cuts(d)

    def make_html(level: int) -> str | None:
        if level >= len(levels):
            return None
        return render_digest_html(d, template, cut=levels[level], call=call)

    data = fit_one_page(make_html)
    if target is not None:
        write_atomic(target, data)
    return data
