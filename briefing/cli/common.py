"""What the commands share: the one-line error, progress bar, format option, output files."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import BriefingError, OutputError

if TYPE_CHECKING:
    from ..models import Briefing, Digest

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Line and paragraph separators, and the bidirectional overrides that reorder a line.
_UNSAFE = frozenset("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(text: str) -> str:
    """``text`` with control characters escaped (``\\n``, ``\\x1b``...): one terminal line."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif unicodedata.category(char) == "Cc" or char in _UNSAFE:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def fail_line(name: str, message: str) -> None:
    """Print one line on stderr for a bad item (no traceback, control characters escaped)."""
    text = message if message.startswith(name) else f"{name}: {message}"
    click.echo(f"error: {one_line(text)}", err=True)


def inputs_callback(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    """A click callback refusing an empty INPUT (``''`` would otherwise mean this folder)."""
    for item in value:
        if not item.strip():
            raise click.BadParameter(
                f"{item!r} is empty; name a file, a folder, a URL, or - for stdin",
                param_hint="INPUT",
            )
    return value


def formats_option(ctx: click.Context, param: click.Parameter, value: str | None) -> object:
    """A click callback: ``md,pdf`` -> ``("md", "pdf")``; None stays None (not given)."""
    from ..settings import parse_formats

    if value is None:
        return None
    try:
        return parse_formats(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r}: {exc}") from exc


@contextmanager
def progress_bar(total: int | None, label: str, quiet: bool) -> Iterator[Any]:
    """A rich progress bar on a terminal; a no-op when piped or quiet."""
    enabled = not quiet and stderr.is_terminal
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        disable=not enabled,
        transient=False,
    )
    with progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)


def check_template(template: str, formats: tuple[str, ...], *, digest: bool = False) -> None:
    """Exit 1 with one line when ``template`` cannot make ``formats``, before any work."""
    from .. import render

    check = getattr(render, "check_template", None)  # added by the output modules
    if check is None:
        return
    try:
        check(template, formats, digest=digest)
    except BriefingError as exc:
        fail_line(template, str(exc))
        sys.exit(1)


def render_formats(
    item: Briefing | Digest, formats: tuple[str, ...], template: str, *, explain: bool = False
) -> dict[str, bytes]:
    """Render a Briefing or a Digest into each requested format, as bytes."""
    from ..models import Digest

    if isinstance(item, Digest):
        from ..digest import (
            render_digest_html,
            render_digest_json,
            render_digest_markdown,
            render_digest_pdf,
        )

        d = item
        digest_renderers = {
            "md": lambda: render_digest_markdown(d, template).encode(),
            "html": lambda: render_digest_html(d, template).encode(),
            "json": lambda: render_digest_json(d).encode(),
            "pdf": lambda: render_digest_pdf(d, None, template),
        }
        return {fmt: digest_renderers[fmt]() for fmt in formats}
    from ..render import render_html, render_json, render_markdown

    b = item
    renderers = {
        "md": lambda: render_markdown(b, template, explain=explain).encode(),
        "html": lambda: render_html(b, template, explain=explain).encode(),
        "json": lambda: render_json(b).encode(),
        "pdf": lambda: _pdf(b, template, explain),
    }
    return {fmt: renderers[fmt]() for fmt in formats}


def _pdf(b: Briefing, template: str, explain: bool) -> bytes:
    from ..pdf import render_pdf

    return render_pdf(b, None, template, explain=explain)


def write_outputs(outdir: Path, stem: str, rendered: dict[str, bytes]) -> list[Path]:
    """Write ``outdir/stem.<format>`` for each rendered format, each file atomically."""
    from ..render import write_atomic

    paths = []
    for fmt, data in rendered.items():
        target = outdir / f"{stem}.{fmt}"
        try:
            paths.append(write_atomic(target, data))
        except OSError as exc:
            raise OutputError(
                f"{target}: cannot write ({exc.strerror or exc}); "
                "choose another folder with -o or fix its permissions"
            ) from exc
    return paths
