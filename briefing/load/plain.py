"""Plain text and Markdown: optional front matter, an optional title line, then the body.

Markdown is rendered to the plain text a reader sees (markdown-it-py): list and quote
markers, emphasis and link targets are not part of any sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..models import Article
from ..text import normalize_text
from .chrome import Block, dateline, markdown_blocks, strip_chrome, text_blocks
from .document import make_article, parse_date

_SENTENCE_END = re.compile(r"[.!?…:;,。！？：；，][\"'”’)\]」』）]*$")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^(?:=+|-+)[ \t]*$")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)\n---[ \t]*(?:\n|$)", re.DOTALL)
_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")


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


# a kicker: one or two capitalised words set above the headline ("Opinion", "News
# Analysis") or before it and a bar ("Opinion | An open letter to ..."); no headline is that short
_KICKER = r"[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*)?"
_KICKER_LINE = re.compile(rf"^{_KICKER}$")
_KICKER_BAR = re.compile(rf"^{_KICKER}[ \t]+\|[ \t]+(?=\S)")
# a release's banner, all in capitals, naming the genre: "CITY FIRE DEPARTMENT — PRESS
# RELEASE", "FOR IMMEDIATE RELEASE", "MEDIA ADVISORY"; the headline is below it
_BANNER = re.compile(r"^[^a-z]*\b(?:RELEASE|ADVISORY)[^a-zA-Z]*$")
_TITLE_WORDS = 15  # a headline's words; a line over it is one only when a blank line follows
_LONG_TITLE_WORDS = 30


def _headline(line: str, alone: bool) -> bool:
    """Whether a line (not a Markdown heading) reads as a headline: no sentence end, no
    byline or date line, at most 15 words, or 30 when it stands alone as a paragraph
    ("The last ferry to Inis Mór: how an island learned to live with the sea again")."""
    words = len(line.split())
    limit = _LONG_TITLE_WORDS if alone else _TITLE_WORDS
    return 0 < words <= limit and not _SENTENCE_END.search(line) and not dateline(line)


def _unkicked(title: str) -> str:
    """The headline without a kicker before a bar ("Opinion | An open letter to ..."), when
    four words or more are left."""
    match = _KICKER_BAR.match(title)
    if match is None or len(title[match.end() :].split()) < 4:
        return title
    return title[match.end() :]


def _split_title(text: str) -> tuple[str | None, str]:
    """A short first line (or Markdown heading) as the title, and the text without it. A
    kicker line above it ("News Analysis") is left out of both."""
    lines = text.lstrip("\n").split("\n")
    first = lines[0].strip()
    if not first or len(lines) < 2:
        return None, text
    if _BANNER.match(first):  # no title: the one under it, if any, is
        below = _split_title("\n".join(lines[1:]))
        return below if below[0] is not None else (None, text)
    second = lines[1].strip()
    heading = _HEADING.match(first)
    alone = len(lines) > 2 and not second  # a blank line under it
    if len(lines) > 2 and _SETEXT.match(second) and not heading:
        title, rest = first, lines[2:]
    elif heading:
        title, rest = heading.group(1), lines[1:]
    elif (
        _KICKER_LINE.match(first)
        and len(lines) > 2
        and not lines[2].strip()
        and (_HEADING.match(second) or (len(second.split()) >= 4 and _headline(second, True)))
    ):
        sub = _HEADING.match(second)
        title, rest = (sub.group(1) if sub else second), lines[2:]
    elif _headline(first, alone):
        title, rest = first, lines[1:]
    else:
        return None, text
    body = "\n".join(rest)
    if not body.strip() or not title.strip():
        return None, text
    return _unkicked(title.strip()), body


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["strikethrough", "table"])


def _inline_text(children: list[Token] | None) -> str:
    """The text of an inline token: emphasis, links (their text), code and escapes read as
    the reader sees them; images and inline HTML left out."""
    out: list[str] = []
    for tok in children or []:  # an image is one token, its alt text inside it
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type == "softbreak":
            out.append(" ")
        elif tok.type == "hardbreak":
            out.append("\n")
    return "".join(out)


def _joined(blocks: Sequence[Block]) -> str:
    return "\n\n".join(b.text for b in blocks if b.text)


def _markdown_line(text: str) -> str:
    """One line of Markdown (a title) as plain text."""
    return " ".join(_inline_text(_markdown().parseInline(text)[0].children).split())


def article_from_text(
    text: str, name: str, *, markdown: bool, url: str | None = None, host: str | None = None
) -> Article:
    """Plain text or Markdown: optional front matter, then an optional title line, then the
    body without its page furniture (:func:`~.chrome.strip_chrome`: captions, byline and
    date lines, share bars, related links, the author's bio). A date line ("Published
    November 10, 2026") dates an article whose front matter gives no date."""
    fields, body = _split_front_matter(normalize_text(text))
    line_title, rest = _split_title(body)
    title = fields.get("title") or None
    if line_title is not None and (title is None or line_title.casefold() == title.casefold()):
        title, body = title or line_title, rest
    if markdown:
        chrome = strip_chrome(markdown_blocks(_markdown().parse(body)), markdown=True)
        body = _joined(chrome.blocks)
        title = _markdown_line(title) if title else title
    else:
        chrome = strip_chrome(text_blocks(body), markdown=False)
        body = _joined(chrome.blocks) if chrome.dropped else body
    date_key = "published" if "published" in fields else "date"
    published = parse_date(fields.get(date_key), name, date_key)
    return make_article(
        name,
        body,
        title=title,
        published=published if published is not None else chrome.published,
        url=fields.get("url") or url,
        source=fields.get("source") or host,
    )
