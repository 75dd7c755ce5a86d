"""What the commands share: the one-line error, progress bar, format option, output files."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import OutputError

if TYPE_CHECKING:
    from ..models import Briefing, Digest

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def fail_line(name: str, message: str) -> None:
    """Print one line on stderr for a bad item (no traceback)."""
    text = message if message.startswith(name) else f"{name}: {message}"
    click.echo(f"error: {text}", err=True)


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
