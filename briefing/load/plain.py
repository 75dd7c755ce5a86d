"""Plain text and Markdown: optional front matter, an optional title line, then the body."""

from __future__ import annotations

import re

from ..models import Article
from ..text import normalize_text
from .document import make_article, parse_date

_SENTENCE_END = re.compile(r"[.!?…:;,。！？：；，][\"'”’)\]」』）]*$")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^(?:=+|-+)[ \t]*$")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)\n---[ \t]*(?:\n|$)", re.DOTALL)
_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
# Bounded and possessive, so hostile text ("[" * 50000 + "](" * 50000) stays linear.
_MD_IMAGE = re.compile(r"!\[([^\]\n]{0,500}+)\]\([^)\n]{0,2000}+\)")
_MD_LINK = re.compile(r"\[([^\]\n]{1,500}+)\]\([^)\n]{0,2000}+\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1")


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---`` / ``key: value`` lines / ``---`` at the very top: its fields and the rest."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        if not line.strip() or line.lstrip().startswith("#") or line[0] in " \t-":
            continue  # blank, comment, or a nested YAML value we do not need
        key_value = _FRONT_KEY.match(line)
        if key_value is None:
            return {}, text  # not front matter after all
        value = key_value.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields[key_value.group(1).lower()] = value
    return fields, text[match.end() :]


def _split_title(text: str) -> tuple[str | None, str]:
    """A short first line (or Markdown heading) as the title, and the text without it."""
    lines = text.lstrip("\n").split("\n")
    first = lines[0].strip()
    if not first or len(lines) < 2:
        return None, text
    heading = _HEADING.match(first)
    if len(lines) > 2 and _SETEXT.match(lines[1].strip()) and not heading:
        title, rest = first, lines[2:]
    elif heading or (len(first.split()) <= 15 and not _SENTENCE_END.search(first)):
        title, rest = (heading.group(1) if heading else first), lines[1:]
    else:
        return None, text
    body = "\n".join(rest)
    if not body.strip() or not title.strip():
        return None, text
    return title.strip(), body


def _strip_markdown(text: str) -> str:
    """Plain text from Markdown: heading marks, links, images and bold markers removed."""
    lines = []
    for line in text.split("\n"):
        heading = _HEADING.match(line)
        lines.append(heading.group(1) if heading else line)
    text = "\n".join(lines)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_STRONG.sub(r"\2", text)


def article_from_text(
    text: str, name: str, *, markdown: bool, url: str | None = None, host: str | None = None
) -> Article:
    """Plain text or Markdown: optional front matter, then an optional title line."""
    fields, body = _split_front_matter(normalize_text(text))
    line_title, rest = _split_title(body)
    title = fields.get("title") or None
    if line_title is not None and (title is None or line_title.casefold() == title.casefold()):
        title, body = title or line_title, rest
    if markdown:
        body = _strip_markdown(body)
        title = _strip_markdown(title) if title else title
    date_key = "published" if "published" in fields else "date"
    return make_article(
        name,
        body,
        title=title,
        published=parse_date(fields.get(date_key), name, date_key),
        url=fields.get("url") or url,
        source=fields.get("source") or host,
    )
