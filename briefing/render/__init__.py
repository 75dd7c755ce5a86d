"""The output stage: Jinja templates to Markdown, HTML and JSON, and atomic writes.

The rooms:

- ``env``: the sandboxed Jinja environment; templates are looked up like pelican themes
  (the user's folder first, then the built-ins, which are also ``!NAME``), plus the
  filters (``md``, ``nobreak``, ``score``, ``count``) and :func:`check_template`;
- ``briefing``: what a briefing template sees, and :func:`render_markdown`,
  :func:`render_html`, :func:`render_json`;
- ``digest``: the same for a digest (``render_digest_*``);
- ``formats``: every format of a briefing or digest from one dispatch, and their files;
- ``files``: :func:`write_atomic`.

The PDF lives in :mod:`briefing.pdf` and the timeline picture in :mod:`briefing.picture`.
Importing this package never imports WeasyPrint.
"""

from __future__ import annotations

from .briefing import (
    DEFAULT_LAYOUT,
    DEFAULT_LIMITS,
    Layout,
    Meta,
    Shown,
    as_briefing,
    digest_given,
    render_html,
    render_html_layout,
    render_json,
    render_markdown,
)
from .check import check_template
from .digest import (
    render_digest_html,
    render_digest_json,
    render_digest_markdown,
    render_digest_pdf,
)
from .env import (
    find_template,
    markdown_escape,
    markdown_unescape,
    nobreak,
    package_templates_dir,
    render_template,
    safe_url,
)
from .files import output_path, write_atomic

__all__ = [
    "DEFAULT_LAYOUT",
    "DEFAULT_LIMITS",
    "Layout",
    "Meta",
    "Shown",
    "as_briefing",
    "check_template",
    "digest_given",
    "find_template",
    "markdown_escape",
    "markdown_unescape",
    "nobreak",
    "output_path",
    "package_templates_dir",
    "render_digest_html",
    "render_digest_json",
    "render_digest_markdown",
    "render_digest_pdf",
    "render_html",
    "render_html_layout",
    "render_json",
    "render_markdown",
    "render_template",
    "safe_url",
    "write_atomic",
]
