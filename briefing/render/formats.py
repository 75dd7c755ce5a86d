"""Every output format of a briefing or a digest, from one dispatch, and their files."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..models import Briefing, Digest

__all__ = ["FORMATS", "render_formats", "write_outputs"]

#: The output formats, in the order they are made.
FORMATS = ("md", "pdf", "html", "json")


def render_formats(
    item: Briefing | Digest,
    formats: Iterable[str],
    template: str | os.PathLike[str] = "default",
    *,
    explain: bool = False,
) -> dict[str, bytes]:
    """A briefing or a digest rendered into each of ``formats`` (md, pdf, html, json), as bytes.

    ``template`` is as for ``render_markdown``; ``explain`` (briefings only) shows each
    item's score and evidence. WeasyPrint is imported only when ``pdf`` is asked for.
    """
    out: dict[str, bytes] = {}
    for fmt in dict.fromkeys(formats):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        out[fmt] = _render_one(item, fmt, template, explain)
    return out


def _render_one(
    item: Briefing | Digest, fmt: str, template: str | os.PathLike[str], explain: bool
) -> bytes:
    if isinstance(item, Digest):
        from .digest import (
            render_digest_html,
            render_digest_json,
            render_digest_markdown,
            render_digest_pdf,
        )

        if fmt == "md":
            return render_digest_markdown(item, template).encode()
        if fmt == "html":
            return render_digest_html(item, template).encode()
        if fmt == "json":
            return render_digest_json(item).encode()
        return render_digest_pdf(item, None, template)
    from .briefing import render_html, render_json, render_markdown

    if fmt == "md":
        return render_markdown(item, template, explain=explain).encode()
    if fmt == "html":
        return render_html(item, template, explain=explain).encode()
    if fmt == "json":
        return render_json(item).encode()
    from ..pdf import render_pdf

    return render_pdf(item, None, template, explain=explain)


def write_outputs(
    folder: str | os.PathLike[str], stem: str, rendered: dict[str, bytes]
) -> list[Path]:
    """Write ``folder/stem.<format>`` for each rendered format, each file atomically.

    Raises OutputError (naming the file and the fix) when one cannot be written.
    """
    from .files import write_atomic

    return [write_atomic(Path(folder) / f"{stem}.{fmt}", data) for fmt, data in rendered.items()]
