"""Page furniture in plain-text and Markdown articles: what trafilatura drops from an HTML
page but a page saved as text or Markdown keeps.

A saved page is read as blocks (paragraphs, list items, headings; see
:func:`markdown_blocks` and :func:`text_blocks`), and :func:`strip_chrome` drops those
that are no article text: photo captions with a credit, the byline and date lines at the
top, share bars and "Related" lists of links, and the columnist's bio line. The byline
and the date it gives are handed back, so the loader can date an undated article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from markdown_it.token import Token

from ..stamps import NAME, SENTENCE_END, SENTENCE_MARK, credit_paragraph, dateline, top_lines

__all__ = ["Block", "Chrome", "dateline", "markdown_blocks", "strip_chrome", "text_blocks"]


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article as a reader sees it: a paragraph, list item or heading.

    ``lines`` are its lines (a Markdown soft or hard break starts one), ``breaks`` what
    joins them in the text (one fewer). The flags are the Markdown structure: a heading,
    a block whose every word is inside a link, one that opens with an image, one that is
    wholly emphasised, and code (kept as it is, never judged).
    """

    lines: tuple[str, ...]
    breaks: tuple[str, ...] = ()
    heading: bool = False
    links_only: bool = False
    image: bool = False
    emphasised: bool = False
    code: bool = False

    @property
    def text(self) -> str:
        out = [self.lines[0]] if self.lines else []
        for brk, line in zip(self.breaks, self.lines[1:], strict=True):
            out.extend((brk, line))
        return "".join(out).strip()

    def trimmed(self, head: int, tail: int) -> Block:
        """The block without its first ``head`` and last ``tail`` lines."""
        end = len(self.lines) - tail
        return replace(self, lines=self.lines[head:end], breaks=self.breaks[head : end - 1])


@dataclass(frozen=True, slots=True)
class Chrome:
    """What :func:`strip_chrome` leaves: the article's blocks, and what the furniture told:
    the byline's names and the publication date of a date line (None when there is none)."""

    blocks: tuple[Block, ...]
    byline: str | None = None
    published: dt.date | None = None
    dropped: tuple[tuple[str, str], ...] = ()  # (reason, text) of each dropped block or line


# --- reading blocks -------------------------------------------------------------------------

_SEPARATORS = re.compile(r"^[\s|·•/,;:–—-]*$")


def _inline_block(children: Sequence[Token], heading: bool) -> Block:
    """A block from an inline token's children: its lines and what the Markdown says."""
    lines, breaks, current = [], [], []
    depth_link = depth_em = 0
    links = 0
    outside = []  # text outside any link
    plain = []  # text outside any emphasis
    first = next((c for c in children if c.type != "text" or c.content.strip()), None)
    for tok in children:
        if tok.type == "link_open":
            depth_link += 1
            links += 1
        elif tok.type == "link_close":
            depth_link -= 1
        elif tok.type in ("em_open", "strong_open"):
            depth_em += 1
        elif tok.type in ("em_close", "strong_close"):
            depth_em -= 1
        elif tok.type in ("text", "code_inline"):
            current.append(tok.content)
            if not depth_link:
                outside.append(tok.content)
            if not depth_em:
                plain.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            lines.append("".join(current))
            breaks.append(" " if tok.type == "softbreak" else "\n")
            current = []
    lines.append("".join(current))
    text = "".join(lines)
    return Block(
        tuple(lines),
        tuple(breaks),
        heading=heading,
        links_only=links > 0 and _SEPARATORS.match("".join(outside)) is not None,
        image=first is not None and first.type == "image",
        emphasised=bool(text.strip()) and not "".join(plain).strip(),
    )


def markdown_blocks(tokens: Iterable[Token]) -> list[Block]:
    """The blocks of a parsed Markdown document (markdown-it-py tokens): each heading,
    paragraph and list item one block (a table cell too), code blocks kept whole."""
    blocks: list[Block] = []
    heading = False
    for tok in tokens:
        if tok.type == "heading_open":
            heading = True
        elif tok.type == "heading_close":
            heading = False
        elif tok.type == "inline":
            blocks.append(_inline_block(tok.children or [], heading))
        elif tok.type in ("fence", "code_block"):
            blocks.append(Block((tok.content.rstrip("\n"),), code=True))
    return blocks


_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def text_blocks(text: str) -> list[Block]:
    """The paragraphs of plain text (blank lines between them), each with its lines."""
    out = []
    for paragraph in _BLANK_LINES.split(text):
        lines = tuple(paragraph.strip("\n").split("\n"))
        out.append(Block(lines, ("\n",) * (len(lines) - 1)))
    return out


# --- what furniture looks like --------------------------------------------------------------

_NAMES = rf"{NAME}(?:\s(?:{NAME}|of|the|and|for|&))*"
# A photo credit: "Photo: Sydney Daily Wire", "Photo by Jane Roe", "Star file photo", "AP
# Photo/Jane Roe", "Credit: ...", "Getty Images"
_CREDIT = (
    r"(?:(?i:photo(?:graph)?s?|pictures?|images?|illustrations?|credits?|video)"
    r"\s*(?::|\b(?i:by)\b)[^()]{1,60}"
    r"|[^()]{0,40}\b(?i:(?:file |staff |handout )?photo)(?:/[^()]{1,40})?"
    r"|(?i:getty images(?:/[^()]{1,40})?|shutterstock))"
)
_CREDIT_ALONE = re.compile(rf"^\W*{_CREDIT}\W*$")
_CREDIT_END = re.compile(rf"(?:\({_CREDIT}\)|\s[—–-]\s*{_CREDIT})\W*$")
# After a sentence end, a name in brackets or after a dash: "(Kevin Dwyer/Patch)", "(Valley
# Tribune)", "(KTVR)", "(U.S. Consumer Product Safety Commission)": who gave the photo
_NAME_END = re.compile(
    rf"[.!?][\"'”’]?\s+(?:\(\s*{_NAMES}(?:\s?/\s?{_NAMES})?\s*\)"
    rf"|[—–-]\s*{_NAMES}\s?/\s?{_NAMES})\s*$"
)

_RELATED = re.compile(
    r"^\W*(?:related(?: (?:stories|articles|coverage|content|links|reading))?|read more"
    r"|read next|see also|also read|more (?:from|on|in|stories|like this)\b[^:.!?]{0,40}"
    r"|most (?:popular|read|viewed|shared)|recommended(?: for you| reading| stories)?"
    r"|you (?:may|might) also like|trending(?: now| stories)?)\W*$",
    re.IGNORECASE,
)
_BIO = re.compile(
    rf"^\W*({NAME}(?:\s+{NAME}){{0,3}})\s+(?:is|was|writes)\b.{{0,160}}\b"
    r"(?:columnist|contributor|contributing (?:writer|editor)|writer|author|correspondent"
    r"|editor)\b"
)
_TOP = 4  # the byline and date lines are among the first blocks
_BIO_REACH = 3  # the bio line is among the first or last three paragraphs


def caption(text: str) -> bool:
    """A photo caption: a credit alone, or a short paragraph (one sentence) closed by a
    credit in brackets or after a dash, or, after its full stop, by a name in brackets
    ("(Valley Tribune)", "(Jane Roe/Patch)") or a "Name/Agency" after a dash."""
    if _CREDIT_ALONE.match(text):
        return True
    if len(text.split()) > 60:
        return False
    body = re.sub(r"\s*[(—–-][^()—–]*\)?\W*$", "", text)
    one_sentence = SENTENCE_MARK.search(body) is None
    return one_sentence and (_CREDIT_END.search(text) or _NAME_END.search(text)) is not None


def _bio(block: Block, byline: str | None) -> bool:
    """An author's bio line: one sentence "<Name> is a ... columnist (writer, contributor,
    editor...)" naming the byline's author, or wholly emphasised (a Markdown bio in
    italics)."""
    text = block.text
    match = _BIO.match(text)
    if block.code or match is None or SENTENCE_MARK.search(text) is not None:
        return False
    if block.emphasised:
        return True
    if byline is None:
        return False
    name = match.group(1).split()
    return " ".join(name) in byline or name[-1] in byline.split()


def _short_line(text: str) -> bool:
    """A short line without a sentence end: a headline in a list of them, a caption's words."""
    return len(text.split()) <= 15 and SENTENCE_END.search(text) is None


def _under_image(block: Block, after_image: bool) -> bool:
    """The caption set under a Markdown image: emphasised, or a few words."""
    return after_image and (block.emphasised or _short_line(block.text))


def _related_heading(block: Block, markdown: bool) -> bool:
    """A "Related" ("Read more", "More from ...", "Most popular") heading: a Markdown
    heading, or in plain text a line of its own."""
    head = block.lines[0] if not markdown else block.text
    return (block.heading or not markdown) and _RELATED.match(head) is not None


def _related(blocks: Sequence[Block], i: int, markdown: bool) -> bool:
    """Whether the block at ``i`` is a related-stories heading with its list: in Markdown
    the next block is all links; in plain text the lines after the heading (in the same
    paragraph, or the next one) are short lines without a sentence end."""
    block = blocks[i]
    if not _related_heading(block, markdown):
        return False
    if markdown:
        return i + 1 < len(blocks) and blocks[i + 1].links_only
    rest = block.lines[1:] or (blocks[i + 1].lines if i + 1 < len(blocks) else ())
    return bool(rest) and all(_short_line(line.strip(" -*•")) for line in rest if line.strip())


def strip_chrome(blocks: Sequence[Block], *, markdown: bool) -> Chrome:
    """The article's blocks without its page furniture, and the byline and date it gave.

    Dropped: a block all of links (a share bar), a related-stories heading and the list of
    links (or, in plain text, of headlines) under it, a caption (a block opening with an
    image, the emphasised or short block right after an image, or a block that
    :func:`caption` reads as one), byline and date lines among the first blocks, and among
    the first or last paragraphs the author's bio line.
    """
    kept: list[Block] = []
    dropped: list[tuple[str, str]] = []
    byline: str | None = None
    published: dt.date | None = None
    after_image = in_related = False
    for i, block in enumerate(blocks):
        text = block.text
        reason = ""
        if block.code or not text:
            pass
        elif in_related and (block.links_only or (not markdown and _short_line(text))):
            reason = "related"
        elif _related(blocks, i, markdown):
            reason, in_related = "related", True
        elif block.links_only:
            reason = "links"
        elif block.image or caption(text) or _under_image(block, after_image):
            reason = "caption"
        in_related = in_related and reason == "related"
        after_image = block.image and not text
        if reason:
            dropped.append((reason, text))
            continue
        if i < _TOP and not block.code:
            count, author, day = top_lines(block.lines, byline is not None, not kept)
            # a credit ("Jane Roe", "Jane Roe, Political Editor") as the block above a date
            credit_above = bool(kept) and credit_paragraph(kept[-1].lines)
            if not count and credit_above:
                count, author, day = top_lines(block.lines, True, False)
                count = count if day is not None else 0
                if count:
                    dropped.extend(("byline", line) for line in kept.pop().lines)
            if count:
                byline, published = byline or author, published or day
                dropped.extend(("byline", line) for line in block.lines[:count])
                block = block.trimmed(count, 0)
        if block.text:
            kept.append(block)
    out = []
    for j, block in enumerate(kept):
        if (j < _BIO_REACH or j >= len(kept) - _BIO_REACH) and _bio(block, byline):
            dropped.append(("bio", block.text))
            continue
        out.append(block)
    return Chrome(tuple(out), byline, published, tuple(dropped))
