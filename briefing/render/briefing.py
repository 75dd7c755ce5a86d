"""A briefing's page: what a template sees, and the Markdown, HTML and JSON made from it.

A template sees these variables:

- ``b``: the :class:`~briefing.models.Briefing` itself;
- ``title``: the title to show;
- ``meta``: a :class:`Meta` (source, published, url, words, minutes, pdf_date);
- ``summary``: a tuple of :class:`Shown` summary sentences in article order;
- ``facts``: a dict from kind (``who``, ``what``, ``where``, ``when``, ``numbers``,
  ``quotes``) to a tuple of :class:`Shown` facts, best first;
- ``more``: a dict from kind (and ``summary``) to how many items were left out;
- ``labels``: a dict from kind to its heading (``Who``, ``Numbers`` ...);
- ``timeline``: the dated events as :class:`~briefing.picture.Point` (two or more, or
  none), ``timeline_html``, the same drawn as an SVG axis over one row of text per
  event, and ``timeline_svg``, the axis alone (both empty without a timeline);
- ``explain``: whether to show scores and evidence; ``font_pt``: the base font size;
- ``content``: the lang and dir attributes of the elements that show the article's words,
  ``page`` those of ``<html>`` (the article's language), ``chrome`` the ``lang="en"`` of
  the page's own English words on a page in another language.

A when-fact's ``words`` is its value in a reader's words ("night of 19 Nov 2019"); a
number's ``label`` is shown only when it is a reader's word, never a tagger's ``CARDINAL``.

Filters: ``md`` escapes article text for Markdown, ``nobreak`` keeps a short name on one
line, ``score`` formats a score, ``count`` writes an integer with thousands separators.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..dates import reads_language
from ..errors import InputError, wrong_type
from ..lang import NO_MODEL, language_name, model_for
from ..models import Briefing, Digest, Fact, Facts, Sentence
from ..picture import timeline_html, timeline_points, timeline_svg, when_words
from ..text import cjk_characters, word_count
from .digest import render_digest_html, render_digest_json, render_digest_markdown
from .env import (
    chrome_attrs,
    content_attrs,
    find_template,
    page_attrs,
    render_template,
    safe_url,
    template_spec,
)

__all__ = [
    "DEFAULT_LAYOUT",
    "DEFAULT_LIMITS",
    "Layout",
    "Meta",
    "Shown",
    "as_briefing",
    "render_html",
    "render_html_layout",
    "render_json",
    "render_markdown",
]

_LABELS = {
    "who": "Who",
    "what": "What",
    "where": "Where",
    "when": "When",
    "numbers": "Numbers",
    "quotes": "Quotes",
}
#: How many facts of each kind the default output shows at most.
DEFAULT_LIMITS: Mapping[str, int] = {
    "who": 6,
    "what": 4,
    "where": 5,
    "when": 4,
    "numbers": 6,
    "quotes": 3,
}
_WORDS_PER_MINUTE = 230
#: Chinese and Japanese are read at about 300–500 characters a minute.
_CJK_CHARACTERS_PER_MINUTE = 400


@dataclass(frozen=True, slots=True)
class Layout:
    """How much of a briefing a page shows: the fitter's knobs, loosest first.

    ``limits`` caps the facts per kind (best scores kept), ``summary`` caps the summary
    sentences (best scores kept, article order), ``max_chars`` replaces any longer text
    with a short note, ``title_chars`` shortens a longer title with an ellipsis,
    ``timeline`` caps the events on the timeline (fewer than two: no timeline).
    ``None`` means no cap.
    """

    font_pt: float = 10.0
    limits: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    summary: int | None = None
    max_chars: int | None = None
    title_chars: int | None = None
    timeline: int = 5


DEFAULT_LAYOUT = Layout()


@dataclass(frozen=True, slots=True)
class Meta:
    """The metadata line of a briefing; ``url`` is None unless it is a plain http(s) URL.
    ``language`` is the article's language by name when it is not English, and
    ``language_note`` one line saying what is not read in it (None when all is read)."""

    source: str | None
    published: str | None
    url: str | None
    words: int
    minutes: int
    pdf_date: str | None
    language: str | None = None
    language_note: str | None = None


@dataclass(frozen=True, slots=True)
class Shown:
    """One summary sentence or fact as a template shows it.

    ``text`` is verbatim, or a short note when ``note`` is true (the text was too long
    for the page); the same holds for ``evidence`` and ``evidence_note``. ``sentence`` is
    the 1-based number of the article sentence it came from, when known.
    """

    kind: str
    text: str
    score: float
    note: bool = False
    sentence: int | None = None
    value: str | None = None
    evidence: str | None = None
    evidence_note: bool = False
    speaker: str | None = None
    role: str | None = None
    label: str | None = None
    features: tuple[tuple[str, float], ...] = ()
    words: str | None = None


# --------------------------------------------------------------------------- context


def _date_text(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M")
            if (value.hour or value.minute)
            else (value.date().isoformat())
        )
    return value.isoformat()


def _pdf_date(value: dt.date | dt.datetime | None) -> str | None:
    """A W3C date for ``<meta name=dcterms.created>``: the publication day, or None."""
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    return day.isoformat()


def _meta(b: Briefing, clip: int | None) -> Meta:
    art = b.article
    words = word_count(art.text)
    cjk = cjk_characters(art.text)
    source = art.source
    if source is not None and clip is not None and len(source) > clip:
        source = source[: max(1, clip - 1)].rstrip() + "…"
    url = safe_url(art.url)
    if url is not None and clip is not None and len(url) > clip:
        url = None
    return Meta(
        source=source or None,
        published=_date_text(art.published),
        url=url,
        words=words,
        minutes=max(1, math.ceil(_reading_minutes(words, cjk))) if words else 0,
        pdf_date=_pdf_date(art.published),
        language=_foreign_language(art.language),
        language_note=language_note(art.language),
    )


def _foreign_language(code: str | None) -> str | None:
    """The name of ``code``'s language when it is not English (None: English or unknown)."""
    if not code or code.strip().lower() in ("en", ""):
        return None
    return language_name(code)


def language_note(code: str | None) -> str | None:
    """What a briefing of an article in language ``code`` does not read, in one line for
    its reader: with no spaCy model for the language, people, places, events and who is
    quoted are not read (:func:`briefing.facts.extract_facts`), nor are dates in a language
    dateparser lacks. None for English, an unknown language or one with a model."""
    name = _foreign_language(code)
    if name is None or code is None or model_for(code) != NO_MODEL:
        return None
    unread = ["people", "places", "events"]
    read = ["numbers", "quotations"]
    if reads_language(code) == _code(code):
        read.insert(0, "dates")
    else:
        unread.append("dates")
    return (
        f"{name}: {', '.join(unread)} and who is quoted are not read (no model for {name}); "
        f"{_and(read)} are."
    )


def _code(code: str) -> str:
    return code.strip().lower().replace("_", "-").split("-")[0]


def _and(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


def _reading_minutes(words: int, cjk: int) -> float:
    """Minutes to read ``words`` words of which ``cjk`` are Chinese or Japanese characters."""
    return (words - cjk) / _WORDS_PER_MINUTE + cjk / _CJK_CHARACTERS_PER_MINUTE


def _too_long(what: str, text: str) -> str:
    """The note shown instead of a text too long for the page; it names the sentence."""
    words = word_count(text)
    return f"({what}, {words:,} words, is too long for one page; see the Markdown)"


def _from(sentence: int | None) -> str:
    return f" from sentence {sentence}" if sentence is not None else ""


def _keep_best(items: tuple[Any, ...], limit: int | None) -> tuple[Any, ...]:
    """The ``limit`` best-scored items, kept in their original order."""
    if limit is None or limit >= len(items):
        return items
    if limit <= 0:
        return ()
    ranked = sorted(range(len(items)), key=lambda i: (-items[i].score, i))
    keep = sorted(ranked[:limit])
    return tuple(items[i] for i in keep)


def _show_sentence(s: Sentence, max_chars: int | None) -> Shown:
    number = s.index + 1
    if max_chars is not None and len(s.text) > max_chars:
        return Shown(
            "summary",
            _too_long(f"sentence {number}", s.text),
            s.score,
            note=True,
            sentence=number,
        )
    return Shown("summary", s.text, s.score, sentence=number, features=s.features)


_FACT_NAMES = {
    "who": "name",
    "what": "fact",
    "where": "place",
    "when": "date",
    "numbers": "number",
    "quotes": "quote",
}


_QUOTE_MARKS = "\"'“”‘’«»„"


#: A tagger's entity labels (spaCy's), in any case: never shown to a reader.
_TAGGER_LABELS = frozenset(
    (
        "cardinal",
        "ordinal",
        "quantity",
        "money",
        "percent",
        "date",
        "time",
        "person",
        "norp",
        "fac",
        "org",
        "gpe",
        "loc",
        "product",
        "event",
        "work_of_art",
        "law",
        "language",
    )
)


def _label(label: str | None, text: str = "") -> str | None:
    """A label fit to show: a reader's word ("people", "dollars"), never a tagger's label
    such as ``CARDINAL`` or ``WORK_OF_ART``, nor one the fact's ``text`` already says."""
    if not label or not label.strip():
        return None
    label = " ".join(label.split())
    if label.isupper() or label.lower().replace(" ", "_") in _TAGGER_LABELS:
        return None
    if label.casefold() in text.casefold():
        return None  # "15 sites" needs no "(sites)"
    said = set(text.casefold().split())
    words = label.split()
    if len(words) > 1 and words[0].casefold() in said:
        return " ".join(words[1:])  # "two suspects (killed)", not "(suspects killed)"
    return label


def _show_fact(kind: str, f: Fact, max_chars: int | None) -> Shown:
    number = f.sentence_index + 1 if f.sentence_index is not None else None
    text, value, note = f.text, f.value, False
    if kind == "quotes" and len(text) > 2 and text[0] in _QUOTE_MARKS and text[-1] in _QUOTE_MARKS:
        text = text[1:-1].strip()
    if kind == "quotes":
        text = text.rstrip(",;: ") or text
    longest = max(len(text), len(value or ""))
    if max_chars is not None and longest > max_chars:
        what = f"this {_FACT_NAMES[kind]}{_from(number)}"
        text, value, note = _too_long(what, f.text), None, True
    evidence: str | None = f.evidence or None
    evidence_note = False
    if evidence is not None and max_chars is not None and len(evidence) > max_chars:
        what = f"sentence {number}" if number is not None else "the evidence sentence"
        evidence, evidence_note = _too_long(what, evidence), True
    speaker, role = f.speaker, f.role
    if max_chars is not None:
        speaker = speaker if speaker is None or len(speaker) <= max_chars else None
        role = role if role is None or len(role) <= max_chars else None
    return Shown(
        kind,
        text,
        f.score,
        note=note,
        sentence=number,
        value=value,
        evidence=evidence,
        evidence_note=evidence_note,
        speaker=speaker,
        role=role,
        label=_label(f.label, text),
        words=_when_words(kind, f, text, value) if not note else None,
    )


def _when_words(kind: str, f: Fact, text: str, value: str | None) -> str | None:
    """A when-fact's value in a reader's words, when they say more than its text."""
    return when_words(value, text) if kind == "when" else None


def _title(b: Briefing, clip: int | None) -> str:
    title = " ".join(b.title.split()) or "Untitled"
    if clip is not None and len(title) > clip:
        cut = title[: max(1, clip - 1)]
        if " " in cut[clip // 2 :]:
            cut = cut[: cut.rindex(" ")]
        title = cut.rstrip() + "…"
    return title


def _context(b: Briefing, layout: Layout, explain: bool) -> dict[str, Any]:
    facts: dict[str, tuple[Shown, ...]] = {}
    more: dict[str, int] = {}
    for kind in Facts.KINDS:
        items = b.facts.for_reader(kind)
        kept = _keep_best(items, layout.limits.get(kind))
        facts[kind] = tuple(_show_fact(kind, f, layout.max_chars) for f in kept)
        more[kind] = len(items) - len(kept)
    summary = _keep_best(b.summary, layout.summary)
    more["summary"] = len(b.summary) - len(summary)
    points = timeline_points(
        ((f.value, f.text, f.evidence or f.text) for f in b.facts.when),
        limit=layout.timeline,
    )
    if len(points) < 2:
        points = ()
    return {
        "b": b,
        "title": _title(b, layout.title_chars),
        "meta": _meta(b, layout.title_chars),
        "summary": tuple(_show_sentence(s, layout.max_chars) for s in summary),
        "facts": facts,
        "more": more,
        "labels": dict(_LABELS),
        "explain": explain,
        "content": content_attrs(b.article.language),
        "page": page_attrs(b.article.language),
        "chrome": chrome_attrs(b.article.language),
        "font_pt": layout.font_pt,
        "timeline": points,
        "timeline_svg": Markup(timeline_svg(points, title=f"Timeline: {b.title}")),
        "timeline_html": Markup(timeline_html(points, title=f"Timeline: {b.title}")),
    }


# --------------------------------------------------------------------------- public


def as_briefing(b: object, call: str) -> Briefing:
    """``b`` when it is a Briefing, else an InputError naming ``call``."""
    if not isinstance(b, Briefing):
        raise wrong_type(
            call,
            "a Briefing or a Digest",
            b,
            "pass what briefing.brief() or briefing.digest() returns",
        )
    return b


def digest_given(b: object, call: str, *, explain: bool = False) -> Digest | None:
    """``b`` when it is a Digest (which every render function takes, as it takes a
    Briefing), else None; ``explain`` is a briefing's alone: an InputError naming ``call``."""
    if not isinstance(b, Digest):
        return None
    if explain:
        raise InputError(
            f"{call}: explain=True shows a briefing's scores and evidence, not a digest's; "
            "leave explain out for a Digest"
        )
    return b


def render_markdown(
    b: Briefing | Digest, template: str | os.PathLike[str] = "default", *, explain: bool = False
) -> str:
    """The briefing as Markdown: title, metadata line, summary bullets and key facts.

    ``template`` is a name, a folder overriding the built-in templates or one
    ``.md.j2`` file; ``explain`` adds each item's score and evidence sentence. The same
    input always gives the same text, which ends with a newline. A Digest (from
    :func:`briefing.digest`) is rendered as the digest page, with the digest templates.
    """
    d = digest_given(b, "render_markdown", explain=explain)
    if d is not None:
        return render_digest_markdown(d, template, call="render_markdown")
    b = as_briefing(b, "render_markdown")
    template = template_spec(template, "render_markdown")
    tpl = find_template(template, "md")
    text = render_template(tpl, _context(b, DEFAULT_LAYOUT, explain), os.fspath(template))
    return text.rstrip("\n") + "\n"


def render_html_layout(
    b: Briefing,
    layout: Layout,
    template: str | os.PathLike[str] = "default",
    *,
    explain: bool = False,
    default: str = "default",
) -> str:
    """The briefing as a standalone HTML page showing what ``layout`` allows (for the PDF fit)."""
    b = as_briefing(b, "render_html")
    template = template_spec(template, "render_html")
    tpl = find_template(template, "html", default=default)
    return render_template(tpl, _context(b, layout, explain), os.fspath(template))


def render_html(
    b: Briefing | Digest, template: str | os.PathLike[str] = "default", *, explain: bool = False
) -> str:
    """The briefing as one standalone HTML page (stylesheet inlined, nothing to fetch).

    Article text is escaped; the article link appears only when it is a plain http(s)
    URL. ``template`` and ``explain`` work as in :func:`render_markdown`, a Digest too.
    """
    d = digest_given(b, "render_html", explain=explain)
    if d is not None:
        return render_digest_html(d, template, call="render_html")
    b = as_briefing(b, "render_html")
    return render_html_layout(b, DEFAULT_LAYOUT, template, explain=explain)


def render_json(b: Briefing | Digest) -> str:
    """The briefing (or a Digest) as pretty, key-sorted JSON (``to_dict()``) ending with a
    newline."""
    d = digest_given(b, "render_json")
    if d is not None:
        return render_digest_json(d, call="render_json")
    b = as_briefing(b, "render_json")
    return json.dumps(b.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
