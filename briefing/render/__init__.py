"""Jinja templates to Markdown, HTML and JSON; atomic writes of the results.

Templates are looked up like pelican themes: the user's folder first, then the package's
``templates/``, so a user overrides ``default.md.j2`` by dropping a file with that name
into their folder. Article text only ever enters a template as a variable.

A template sees these variables:

- ``b``: the :class:`~briefing.models.Briefing` itself;
- ``title``: the title to show;
- ``meta``: a :class:`Meta` (source, published, url, words, minutes, pdf_date);
- ``summary``: a tuple of :class:`Shown` summary sentences in article order;
- ``facts``: a dict from kind (``who``, ``what``, ``where``, ``when``, ``numbers``,
  ``quotes``) to a tuple of :class:`Shown` facts, best first;
- ``more``: a dict from kind (and ``summary``) to how many items were left out;
- ``labels``: a dict from kind to its heading (``Who``, ``Numbers`` ...);
- ``explain``: whether to show scores and evidence; ``font_pt``: the base font size.

Filters: ``md`` escapes article text for Markdown, ``nobreak`` keeps a short name on one
line, ``score`` formats a score, ``count`` writes an integer with thousands separators.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import os
import re
import secrets
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import jinja2

from ..errors import OutputError, TemplateError
from ..models import Briefing, Fact, Facts, Sentence

__all__ = [
    "DEFAULT_LAYOUT",
    "DEFAULT_LIMITS",
    "Layout",
    "Meta",
    "Shown",
    "find_template",
    "package_templates_dir",
    "render_html",
    "render_html_layout",
    "render_json",
    "render_markdown",
    "write_atomic",
]

Format = Literal["md", "html"]

_SUFFIXES: dict[str, tuple[str, ...]] = {
    "md": (".md.j2", ".markdown.j2", ".md", ".markdown"),
    "html": (".html.j2", ".htm.j2", ".html", ".htm"),
}
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


@dataclass(frozen=True, slots=True)
class Layout:
    """How much of a briefing a page shows: the fitter's knobs, loosest first.

    ``limits`` caps the facts per kind (best scores kept), ``summary`` caps the summary
    sentences (best scores kept, article order), ``max_chars`` replaces any longer text
    with a short note, ``title_chars`` shortens a longer title with an ellipsis.
    ``None`` means no cap.
    """

    font_pt: float = 10.0
    limits: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    summary: int | None = None
    max_chars: int | None = None
    title_chars: int | None = None


DEFAULT_LAYOUT = Layout()


@dataclass(frozen=True, slots=True)
class Meta:
    """The metadata line of a briefing; ``url`` is None unless it is a plain http(s) URL."""

    source: str | None
    published: str | None
    url: str | None
    words: int
    minutes: int
    pdf_date: str | None


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


# --------------------------------------------------------------------------- filters

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_LINE_START = re.compile(r"[#+=-]|\d+(?=[.)](?:\s|$))")


def markdown_escape(value: object) -> str:
    """Escape text from the article so Markdown shows it literally and injects no HTML.

    Whitespace runs (line breaks too) become single spaces, so text cannot start a new
    block; Markdown and HTML specials get a backslash, as does a leading ``#``, ``-``,
    ``+``, ``=`` or list number (``1.``).
    """
    text = " ".join(str(value).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    match = _MD_LINE_START.match(text)
    if match:
        cut = match.end() if text[0].isdigit() else 0
        text = text[:cut] + "\\" + text[cut:]
    return text


def safe_url(value: object) -> str | None:
    """The URL when it is a plain http(s) URL with a host and no spaces or quotes, else None."""
    if not isinstance(value, str) or not value or len(value) > 2048:
        return None
    if any(ch.isspace() or ch in "<>\"'`\\" or ord(ch) < 32 for ch in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value


def nobreak(value: object, limit: int = 32) -> str:
    """Short text with no-break spaces, so a name or number is not split over two lines."""
    text = " ".join(str(value).split())
    return text.replace(" ", "\u00a0") if len(text) <= limit else text


def _score(value: float) -> str:
    return f"{value:.2f}"


def _count(value: int) -> str:
    return f"{value:,}"


# ----------------------------------------------------------------------- environment


def package_templates_dir() -> Path:
    """The folder of the built-in templates and stylesheet (package ``briefing.templates``)."""
    return Path(str(files("briefing.templates"))).resolve()


@functools.lru_cache(maxsize=32)
def _environment(user_dir: str | None) -> jinja2.Environment:
    """One Jinja environment per user folder: that folder first, then the package's."""
    search = [user_dir] if user_dir else []
    search.append(str(package_templates_dir()))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(p) for p in search]),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2", "htm", "htm.j2"),
            disabled_extensions=(),
            default_for_string=False,
            default=False,
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_escape
    env.filters["nobreak"] = nobreak
    env.filters["score"] = _score
    env.filters["count"] = _count
    return env


def _search_path(env: jinja2.Environment) -> list[str]:
    loader = env.loader
    assert isinstance(loader, jinja2.ChoiceLoader)
    paths: list[str] = []
    for sub in loader.loaders:
        assert isinstance(sub, jinja2.FileSystemLoader)
        paths.extend(str(p) for p in sub.searchpath)
    return paths


def _format_of(name: str) -> str | None:
    lower = name.lower()
    for fmt, suffixes in _SUFFIXES.items():
        if lower.endswith(suffixes):
            return fmt
    return None


def _stem(name: str) -> str:
    lower = name.lower()
    for suffixes in _SUFFIXES.values():
        for suffix in suffixes:
            if lower.endswith(suffix):
                return name[: -len(suffix)]
    return name


def _resolve(
    template: str | os.PathLike[str], fmt: Format, default: str
) -> tuple[jinja2.Environment, list[str], str]:
    """The environment, the candidate names (first found wins) and a label for messages."""
    spec = os.fspath(template)
    suffix = _SUFFIXES[fmt][0]
    if not spec.strip():
        raise TemplateError(
            "the template name is empty; pass a name such as 'default', a folder of "
            "templates or a .md.j2/.html.j2 file"
        )
    is_name = not isinstance(template, os.PathLike) and re.fullmatch(r"[\w.-]+", spec) is not None
    if is_name and spec == "default":
        return _environment(None), [f"{default}{suffix}"], spec
    if is_name and (package_templates_dir() / f"{spec}{suffix}").is_file():
        return _environment(None), [f"{spec}{suffix}"], spec
    path = Path(spec).expanduser()
    if path.is_dir():
        return _environment(str(path.resolve())), [f"{default}{suffix}"], spec
    if path.is_file():
        own = _format_of(path.name)
        if own is None:
            raise TemplateError(
                f"{spec}: cannot tell which format this template makes; name it "
                f"NAME.md.j2 for Markdown or NAME.html.j2 for HTML and PDF"
            )
        env = _environment(str(path.resolve().parent))
        if own == fmt:
            return env, [path.name], spec
        return env, [f"{_stem(path.name)}{suffix}", f"{default}{suffix}"], spec
    if is_name and not spec.endswith(".j2"):
        return _environment(None), [f"{spec}{suffix}"], spec
    raise TemplateError(
        f"{spec}: no such template file or folder; pass a name such as 'default', "
        f"a folder of templates or a .md.j2/.html.j2 file"
    )


def _where(exc: BaseException, env: jinja2.Environment) -> str | None:
    """``file:line`` of the innermost template frame in the traceback of ``exc``."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.lineno:
        return f"{exc.filename or exc.name}:{exc.lineno}"
    roots = tuple(_search_path(env))
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith(roots):
            found = f"{frame.filename}:{frame.lineno}"
    return found


def _template_error(exc: Exception, env: jinja2.Environment, label: str) -> TemplateError:
    where = _where(exc, env) or f"template {label!r}"
    message = (exc.message if isinstance(exc, jinja2.TemplateError) else None) or str(exc)
    return TemplateError(f"{where}: {message}; fix the template or pass --template default")


def find_template(
    template: str | os.PathLike[str], fmt: Format, *, default: str = "default"
) -> jinja2.Template:
    """The Jinja template for ``fmt`` ("md" or "html") named or located by ``template``.

    ``template`` is a name (``NAME.md.j2``/``NAME.html.j2`` among the package templates),
    a folder (its files override the package's by name; ``default`` names the file
    stem looked up there), or a single file (used for its own format; for the other
    format a sibling with the same stem, else the default, is used).
    """
    env, names, label = _resolve(template, fmt, default)
    try:
        return env.select_template(names)
    except jinja2.TemplatesNotFound as exc:
        folders = ", ".join(_search_path(env))
        wanted = " or ".join(names)
        raise TemplateError(
            f"template {label!r}: no {wanted} in {folders}; pass 'default', "
            f"a folder of templates or a .md.j2/.html.j2 file"
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise _template_error(exc, env, label) from exc


def render_template(template: jinja2.Template, context: dict[str, Any], label: str) -> str:
    """Render ``template``; a Jinja error in it becomes a TemplateError naming file and line."""
    env = template.environment
    try:
        return template.render(context)
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        if not isinstance(exc, jinja2.TemplateError) and _where(exc, env) is None:
            raise
        raise _template_error(exc, env, label) from exc


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
    words = len(art.text.split())
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
        minutes=max(1, math.ceil(words / _WORDS_PER_MINUTE)) if words else 0,
        pdf_date=_pdf_date(art.published),
    )


def _too_long(what: str, text: str) -> str:
    """The note shown instead of a text too long for the page; it names the sentence."""
    words = len(text.split())
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


def _label(label: str | None) -> str | None:
    """A label fit to show: spaCy-style ``MONEY`` or ``WORK_OF_ART`` become lower case words."""
    if not label:
        return None
    return label.lower().replace("_", " ") if label.isupper() else label


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
        label=_label(f.label),
    )


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
        items: tuple[Fact, ...] = getattr(b.facts, kind)
        kept = _keep_best(items, layout.limits.get(kind))
        facts[kind] = tuple(_show_fact(kind, f, layout.max_chars) for f in kept)
        more[kind] = len(items) - len(kept)
    summary = _keep_best(b.summary, layout.summary)
    more["summary"] = len(b.summary) - len(summary)
    return {
        "b": b,
        "title": _title(b, layout.title_chars),
        "meta": _meta(b, layout.title_chars),
        "summary": tuple(_show_sentence(s, layout.max_chars) for s in summary),
        "facts": facts,
        "more": more,
        "labels": dict(_LABELS),
        "explain": explain,
        "font_pt": layout.font_pt,
    }


# --------------------------------------------------------------------------- public


def render_markdown(
    b: Briefing, template: str | os.PathLike[str] = "default", *, explain: bool = False
) -> str:
    """The briefing as Markdown: title, metadata line, summary bullets and key facts.

    ``template`` is a name, a folder overriding the built-in templates or one
    ``.md.j2`` file; ``explain`` adds each item's score and evidence sentence. The same
    input always gives the same text, which ends with a newline.
    """
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
    tpl = find_template(template, "html", default=default)
    return render_template(tpl, _context(b, layout, explain), os.fspath(template))


def render_html(
    b: Briefing, template: str | os.PathLike[str] = "default", *, explain: bool = False
) -> str:
    """The briefing as one standalone HTML page (stylesheet inlined, nothing to fetch).

    Article text is escaped; the article link appears only when it is a plain http(s)
    URL. ``template`` and ``explain`` work as in :func:`render_markdown`.
    """
    return render_html_layout(b, DEFAULT_LAYOUT, template, explain=explain)


def render_json(b: Briefing) -> str:
    """The briefing as pretty, key-sorted JSON (``Briefing.to_dict()``) ending with a newline."""
    return json.dumps(b.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` (str as UTF-8) to ``path`` atomically and return the path.

    The bytes go to a temporary file in the same folder, are flushed to disk, then
    renamed over ``path``, so readers never see half a file. Missing parent folders
    are created.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except IsADirectoryError as exc:
        raise OutputError(f"{target}: is a folder; pass a file name to write to") from exc
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(
            f"{target}: cannot write ({reason}); choose a writable output path with -o"
        ) from exc
    return target
