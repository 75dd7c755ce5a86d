"""The Jinja environment: sandboxed, strict, looked up like pelican themes.

Templates are found in the user's folder first, then among the built-in ones in the
package's ``templates/``; a built-in is also reachable as ``!NAME`` (a ``PrefixLoader``, as
pelican's ``!simple``), so a user file ``{% extends "!default.html.j2" %}`` can override one
``{% block %}`` and inherit the rest, even when it has the built-in's own name.

Every template, built-in or the user's, runs in Jinja's ``SandboxedEnvironment`` with
``StrictUndefined``: a template can read the values it is given, but cannot reach Python
internals (``cycler.__init__.__globals__``) or silently print nothing for a misspelt name.
Autoescape is on for ``.html`` and ``.html.j2``. Article text only ever enters a template as
a variable, never as template source. The sandbox also bounds what a template may make
(:data:`MAX_MADE` characters an operation, :data:`MAX_OUTPUT` in all) and how deep a macro
may call itself, so a template cannot fill the memory or end in a RecursionError.
"""

from __future__ import annotations

import functools
import os
import re
import traceback
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import jinja2
import jinja2.sandbox
from markupsafe import Markup, escape

from ..errors import TemplateError, wrong_type
from ..lang import direction

__all__ = [
    "Format",
    "environment",
    "find_template",
    "link_url",
    "markdown_escape",
    "nobreak",
    "package_templates_dir",
    "render_template",
    "safe_url",
]

Format = Literal["md", "html"]

_SUFFIXES: dict[str, tuple[str, ...]] = {
    "md": (".md.j2", ".markdown.j2", ".md", ".markdown"),
    "html": (".html.j2", ".htm.j2", ".html", ".htm"),
}
#: The prefix naming a built-in template from a user's folder: ``!default.html.j2``.
BUILTIN_PREFIX = "!"

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


_MD_ESCAPED = re.compile(r"\\([\\`*_\[\]<>|~&#+=.)-])")


def markdown_unescape(text: str) -> str:
    """Markdown made by our templates, read as plain text: the backslashes
    :func:`markdown_escape` put before specials taken out ("\\[that\\]" -> "[that]"), for
    a reader who sees the Markdown unrendered (an e-mail's text part)."""
    return _MD_ESCAPED.sub(r"\1", text)


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


#: Characters a link target must not carry as they are: they could end a Markdown link
#: (``)``, ``>``), start raw HTML (``<``), close an HTML attribute (quotes) or escape the
#: next character (``\\``).
_LINK_UNSAFE = frozenset("<>\"'`\\()")


def _encoded(ch: str) -> str:
    if ch in _LINK_UNSAFE or ch.isspace() or ord(ch) < 32 or ord(ch) == 127:
        return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
    return ch


def link_url(value: object) -> str | None:
    """A feed's link as a safe link target for Markdown and HTML: an http(s) URL with a
    host (:func:`safe_url` decides), with whitespace, control characters and the
    characters that could end a Markdown link or an HTML attribute percent-encoded. None
    for any other scheme (``javascript:``, ``data:``): the caller shows the title unlinked.

    Where :func:`safe_url` refuses such a URL outright, this keeps a link a real feed may
    well carry (``http://x.example/a (b)``) but makes it inert.
    """
    if not isinstance(value, str):
        return None
    return safe_url("".join(_encoded(ch) for ch in value.strip()))


def content_attrs(language: object) -> Markup:
    """The ``lang`` and ``dir`` attributes of an element holding an article's own words
    (title, summary, facts, quotes): the page's labels are English, the article's text is
    in its language, and Arabic or Hebrew runs right to left (WeasyPrint has no
    ``dir="auto"``, so the direction comes from the language). Empty when it is unknown."""
    if not isinstance(language, str) or not language.strip():
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(escape(language.strip()), direction(language))


def page_attrs(language: object) -> Markup:
    """The ``lang`` attribute of a briefing's ``<html>``: the article's language, English
    when it is unknown. WeasyPrint passes an element's ``lang`` to Pango, which picks the
    glyphs of a Han character (Chinese or Japanese forms) and the line breaks by it, and to
    Pyphen for hyphenation. The page keeps its left-to-right layout: its own words are
    English (``chrome_attrs``), read in the wrong order in a right-to-left block, and the
    article's Arabic or Hebrew runs right to left in its own elements (``content_attrs``)."""
    if not isinstance(language, str) or not language.strip():
        return Markup(' lang="en"')
    return Markup(' lang="{}"').format(escape(language.strip()))


def chrome_attrs(language: object) -> Markup:
    """The ``lang`` attribute of the page's own English words (headings, labels, notes) on
    the page of an article in another language (empty on an English or unknown one)."""
    if not isinstance(language, str) or language.strip().lower() in ("", "en"):
        return Markup("")
    return Markup(' lang="en"')


def nobreak(value: object, limit: int = 32) -> str:
    """Short text with no-break spaces, so a name or number is not split over two lines."""
    text = " ".join(str(value).split())
    return text.replace(" ", "\u00a0") if len(text) <= limit else text


def _score(value: float) -> str:
    return f"{value:.2f}"


def _count(value: int) -> str:
    return f"{value:,}"


# ----------------------------------------------------------------------- environment


def _holds_our_templates(folder: Path) -> bool:
    return (folder / "default.html.j2").is_file() and (folder / "briefing.css").is_file()


@functools.cache
def package_templates_dir() -> Path:
    """The folder of the built-in templates, stylesheets and fonts.

    From a source checkout (``python -m briefing`` in the repository root, the package
    imported from the working tree) that is the ``templates/`` folder beside the package;
    from an installed wheel it is the package data ``briefing.templates``.
    """
    sibling = Path(__file__).resolve().parent.parent.parent / "templates"
    if _holds_our_templates(sibling):
        return sibling
    try:
        installed = Path(str(files("briefing.templates"))).resolve()
    except ModuleNotFoundError as exc:
        raise TemplateError(
            f"the built-in templates are missing (neither {sibling} nor the package data "
            f"briefing.templates); reinstall briefing"
        ) from exc
    return installed


@functools.lru_cache(maxsize=32)
def environment(user_dir: str | None) -> jinja2.Environment:
    """One sandboxed environment per user folder: that folder, then the built-ins.

    The built-ins are also reachable as ``!NAME`` so a user template can extend the
    built-in it replaces.
    """
    builtin = jinja2.FileSystemLoader(str(package_templates_dir()))
    loaders: list[jinja2.BaseLoader] = []
    if user_dir:
        loaders.append(jinja2.FileSystemLoader(user_dir))
    loaders.append(jinja2.PrefixLoader({"": builtin}, delimiter=BUILTIN_PREFIX))
    loaders.append(builtin)
    env = _Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
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
    for name in _SIZED_FILTERS:
        env.filters[name] = _bounded(env.filters[name])
    env.filters["md"] = markdown_escape
    env.filters["nobreak"] = nobreak
    env.filters["score"] = _score
    env.filters["count"] = _count
    env.globals.pop("lipsum", None)  # lipsum(1000000) is minutes of nothing
    return env


#: The most characters (or items) one operation of a template may make, and the most a
#: whole template may write: the sandbox keeps a template from Python's internals, these
#: keep it from the machine's memory ("{{ 'x' * 10000000000 }}" took 24 GB before).
MAX_MADE = 1_000_000
MAX_OUTPUT = 50_000_000
# a width in a format string: "{:>10000000000}", "%10000000000s"
_WIDE = re.compile(r"(?:\{[^{}]*?|%[-+ #0]*)\d{7,}")


def _too_big(what: str) -> jinja2.exceptions.SecurityError:
    return jinja2.exceptions.SecurityError(f"{what} would make more than {MAX_MADE:,} characters")


# the built-in filters whose arguments set how much they make
_SIZED_FILTERS = ("center", "indent", "format", "batch", "slice")


def _check_sizes(args: tuple[Any, ...], kwargs: dict[str, Any], what: str) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_MADE:
            raise _too_big(what)


def _check_format(spec: object, what: str) -> None:
    if isinstance(spec, str) and _WIDE.search(spec):
        raise _too_big(what)


def _bounded(f: Any) -> Any:
    """A sized built-in filter refusing a size beyond MAX_MADE ("center(10**10)"), and the
    format filter a huge width ("%10000000000s"|format(1))."""

    @functools.wraps(f)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        name = f.__name__.removeprefix("do_")
        _check_sizes(args, kwargs, f"the filter {name}")
        if name == "format" and args:
            _check_format(args[0], "the filter format")
        return f(*args, **kwargs)

    return bounded


class _Sandbox(jinja2.sandbox.SandboxedEnvironment):
    """Jinja's sandbox, also refusing the operations that would fill the memory: repeating
    a string or a list, a huge power, a string method or a format with a huge width."""

    intercepted_binops = frozenset(("*", "**", "%"))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                repeated = isinstance(seq, str | list | tuple) and isinstance(n, int)
                if repeated and len(seq) * n > MAX_MADE:
                    raise _too_big("a repetition")
        elif operator == "**" and isinstance(right, int) and abs(right) > 1000:
            if isinstance(left, int | float) and abs(left) > 1:
                raise _too_big("a power")
        elif operator == "%":
            _check_format(left, "a format")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        # Jinja hands str.format over wrapped (SandboxedFormatter): the string is inside
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        if isinstance(owner, str | bytes | list):  # "a".ljust(10**10), "{:>9999999999}".format
            _check_sizes(args, kwargs, "a call")
            if getattr(__obj, "__name__", "") in ("format", "format_map"):
                _check_format(owner, "a format")
        return super().call(__context, __obj, *args, **kwargs)


def _search_path(env: jinja2.Environment) -> list[str]:
    paths: list[str] = []
    loader = env.loader
    subs = loader.loaders if isinstance(loader, jinja2.ChoiceLoader) else [loader]
    for sub in subs:
        if isinstance(sub, jinja2.FileSystemLoader):
            paths.extend(str(p) for p in sub.searchpath if str(p) not in paths)
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
        return environment(None), [f"{default}{suffix}"], spec
    if is_name and (package_templates_dir() / f"{spec}{suffix}").is_file():
        return environment(None), [f"{spec}{suffix}"], spec
    path = Path(spec).expanduser()
    if path.is_dir():
        return environment(str(path.resolve())), [f"{default}{suffix}"], spec
    if path.is_file():
        own = _format_of(path.name)
        if own is None:
            raise TemplateError(
                f"{spec}: cannot tell which format this template makes; name it "
                f"NAME.md.j2 for Markdown or NAME.html.j2 for HTML and PDF"
            )
        env = environment(str(path.resolve().parent))
        if own == fmt:
            return env, [path.name], spec
        return env, [f"{_stem(path.name)}{suffix}", f"{default}{suffix}"], spec
    if is_name and not spec.endswith(".j2"):
        return environment(None), [f"{spec}{suffix}"], spec
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
    if isinstance(exc, jinja2.exceptions.SecurityError):
        message = f"not allowed in a template ({message})"
    message = " ".join(message.split())
    return TemplateError(f"{where}: {message}; fix the template or pass --template default")


def template_spec(template: object, call: str) -> str | os.PathLike[str]:
    """``template`` as the render functions take it (None is the default template); an
    InputError naming ``call`` for anything that is no name or path."""
    if template is None:
        return "default"
    if isinstance(template, str | os.PathLike) and isinstance(os.fspath(template), str):
        return template
    raise wrong_type(
        call,
        "a template name, folder or file",
        template,
        "pass 'default', a folder of templates or a .md.j2/.html.j2 file",
    )


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
    except jinja2.TemplateNotFound as exc:  # an {% extends %} or {% include %} inside
        raise TemplateError(
            f"template {label!r}: it names {exc.name!r}, which is not in "
            f"{', '.join(_search_path(env))}; fix the template or pass --template default"
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise _template_error(exc, env, label) from exc


def _bounded_render(template: jinja2.Template, context: dict[str, Any]) -> str:
    """``template.render(context)``, stopped once it has written MAX_OUTPUT characters."""
    pieces, size = [], 0
    for piece in template.generate(context):
        size += len(piece)
        if size > MAX_OUTPUT:
            raise jinja2.exceptions.SecurityError(
                f"the template writes more than {MAX_OUTPUT:,} characters"
            )
        pieces.append(piece)
    return "".join(pieces)


def render_template(template: jinja2.Template, context: dict[str, Any], label: str) -> str:
    """Render ``template``; a Jinja error in it becomes a TemplateError naming file and line."""
    env = template.environment
    try:
        return _bounded_render(template, context)
    except RecursionError as exc:
        where = _where(exc, env) or f"template {label!r}"
        raise TemplateError(
            f"{where}: calls itself too deep; fix the template or pass --template default"
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"template {label!r}: it names {exc.name!r}, which is not in "
            f"{', '.join(_search_path(env))}; fix the template or pass --template default"
        ) from exc
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        if not isinstance(exc, jinja2.TemplateError) and _where(exc, env) is None:
            raise
        raise _template_error(exc, env, label) from exc
