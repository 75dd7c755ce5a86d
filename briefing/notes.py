"""Notes around a story that are no news: the editor's note, publication stamps, credits.

Whatever the input (text, Markdown, a page, a feed item), a story can carry paragraphs
about the story rather than about the news: "Editor's note: This article was updated at
21:00 CEST ...", "This story was first published on Aug. 12", "Published 5:12 p.m. ET
March 9, 2026 | Updated 8:30 p.m. ET ...", the wire credits "(Reporting by ...; Editing by
...)", "Additional reporting by ...", "<Agency> writer <Name> contributed from <Place>.",
a funding note ("... receives support from ... is solely responsible for all content"), a
call to follow the paper ("Follow <Name> on <Name> and <Name>"), a paywall's call to
subscribe ("Subscribe to continue reading.", "Already a subscriber? Log in"), and a byline
at the top ("By Jane Roe, Technology Reporter", or the name and the paper on lines of
their own just above a publication stamp). :func:`drop_notes` takes those paragraphs out
and hands back the date a "Published" stamp gives.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .lexicon import NEWS_AGENCIES
from .models import Article
from .stamps import (
    DATE_LINE,
    PUBLISHED,
    SENTENCE_END,
    STAMPED,
    byline,
    credit_paragraph,
    date_of,
    top_lines,
)

__all__ = ["drop_notes", "without_notes"]

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_TOP = 4  # a byline or stamp is among the first paragraphs

# "Editor's note:", "Editors' Note —", "EDITOR'S NOTE:"
_EDITORS_NOTE = re.compile(r"^\W*editors?['’]?s?['’]?\s+note\s*[:.—–-]", re.IGNORECASE)
# "This story was first published on ...", "This article has been updated", "This report
# was originally published by ...", "A version of this story appeared in ..."
_ABOUT_STORY = re.compile(
    r"^\W*(?:this|an earlier|a version of this|the original)\s+"
    r"(?:story|article|report|piece|post|version)\s+"
    r"(?:(?:was|has been|had been|is|first|originally|also|last)\s+){1,3}"
    r"(?:published|updated|posted|corrected|amended|revised|edited|appeared|ran)\b",
    re.IGNORECASE,
)
# "(Reporting by ...; Editing by ...)", "Additional reporting by ...", "Writing by ..."
_CREDITS = re.compile(
    r"^\W*(?:additional\s+)?(?:reporting|writing|editing|research|compiled|"
    r"fact-checking|graphics)\s+by\b",
    re.IGNORECASE,
)
# "Associated Press writer Sarah Whitfield contributed from New Delhi.", "Staff writers
# Jane Roe and John Doe contributed to this report."
_CONTRIBUTED = re.compile(
    r"^\W*[A-Z][^.!?]{0,80}\b(?:writers?|reporters?|correspondents?|journalists?|staff)\b"
    r"[^.!?]{0,120}\bcontributed\b[^.!?]{0,80}[.!]?\W*$"
)
# "The Associated Press contributed to this report.": a name, then the phrase itself
_CONTRIBUTED_TO = re.compile(
    r"^\W*[A-Z][^.!?]{0,80}\bcontributed\s+to\s+this\s+(?:report|story|article)\W*$"
)
# A funding note: "<Department> receives support from <Foundation>. <Agency> is solely
# responsible for all content."
_FUNDING = re.compile(
    r"\b(?:receives?|received)\s+(?:financial\s+)?support\s+from\b.{0,300}"
    r"\bresponsible\s+for\s+(?:all\s+)?(?:the\s+)?content\b",
    re.IGNORECASE | re.DOTALL,
)
# "Follow the Gulf Coast Times on Facebook and Twitter", "Follow us on Instagram":
# an imperative to follow a name on a name, a short line
_FOLLOW = re.compile(
    r"^\W*(?i:follow)\s+(?:us|(?:the\s+)?[A-Z@][^.!?]{0,60}?)\s+on\s+"
    r"[A-Z@][\w.]*(?:[ ,]+(?:and|&|or)?\s*[A-Z@][\w.]*)*\W*$"
)
# A paywall's or registration wall's call to the reader, the same formulas on every site:
# "Subscribe to continue reading.", "Please log in to keep reading", "This article is for
# subscribers only", "Already a subscriber? Log in", "Get unlimited digital access for $1
# for 3 months" (a local paper's box inside the body; a teaser box on another's page)
_PAYWALL = re.compile(
    r"\b(?:subscribe|sign (?:up|in)|log ?in|register)\b[^.!?]{0,40}?\bto (?:continue|keep|finish)"
    r" reading\b|\bfor (?:paying |paid |digital )?(?:subscribers|members) only\b"
    r"|\b(?:subscribers?|members?)[- ]only (?:article|content|story)\b"
    r"|\balready (?:a |an )?(?:subscriber|member)\b"
    r"|\bunlimited (?:digital )?access\b[^.!?]{0,30}(?:[$€£¢]|\d\s?(?:¢|p\b|cents?\b))",
    re.IGNORECASE,
)
_NAME_LINE = re.compile(r"^[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|the|and|for|&)){0,5}$")


def _stamp(paragraph: str) -> dt.date | bool | None:
    """A publication stamp: "Published 5:12 p.m. ET March 9, 2026 | Updated 8:30 p.m. ET
    March 9, 2026". False when ``paragraph`` is none; else the date its "Published" (or
    first) part gives, None when it gives none with a year."""
    parts = [p.strip() for p in paragraph.split("|")]
    if not parts or not all(STAMPED.match(p) and DATE_LINE.match(p) for p in parts):
        return False
    published = [date_of(p) for p in parts if PUBLISHED.match(p)]
    dates = [d for d in published + [date_of(p) for p in parts] if d is not None]
    return dates[0] if dates else None


def _note(paragraph: str) -> bool:
    """Whether a paragraph anywhere in the story is a note about it (see the module)."""
    text = " ".join(paragraph.split())
    return bool(
        _EDITORS_NOTE.match(text)
        or (_ABOUT_STORY.match(text) and len(text.split()) <= 60)
        or _CREDITS.match(text)
        or (_CONTRIBUTED.match(text) and len(text.split()) <= 40)
        or _CONTRIBUTED_TO.match(text)
        or (_FUNDING.search(text) and len(text.split()) <= 80)
        or (_FOLLOW.match(text) and len(text.split()) <= 15)
        or (_PAYWALL.search(text) and len(text.split()) <= 30)
    )


def _name_line(paragraph: str) -> bool:
    """A few capitalised words alone, no sentence end: a name or a paper's name."""
    text = " ".join(paragraph.split())
    return len(text.split()) <= 6 and not SENTENCE_END.search(text) and bool(_NAME_LINE.match(text))


def _byline_block(lines: list[str]) -> bool:
    """A byline paragraph: a byline, and under it perhaps the author's paper or agency on
    lines of their own ("By Jane Roe" / "Associated Press")."""
    return (
        bool(lines)
        and byline(lines[0]) is not None
        and all(byline(line) is not None or _name_line(line) for line in lines[1:])
    )


def _agency_line(paragraph: str) -> bool:
    """A news agency's name alone ("Associated Press", "Reuters"): the credit of the story
    at its top, under a dropped byline or opening the text."""
    text = " ".join(paragraph.split()).strip(" .,;:-—–")
    return text.removeprefix("The ") in NEWS_AGENCIES


def drop_notes(text: str) -> tuple[str, dt.date | None]:
    """``text`` without the paragraphs that are notes about the story, and the date a
    publication stamp among its first paragraphs gives (None: none). The bylines and date
    lines at the top are read as the loader reads a saved page's (:func:`~.stamps.top_lines`).
    The text is returned as it is when nothing is dropped, and never emptied."""
    paragraphs = _PARAGRAPH.split(text)
    keep = [True] * len(paragraphs)
    published: dt.date | None = None
    bylined = False  # the paragraph above was a byline or a stamp
    for i, paragraph in enumerate(paragraphs):
        if _note(paragraph):
            keep[i] = False
            continue
        above, bylined = bylined, False
        if i >= _TOP:
            continue
        lines = [line for line in paragraph.split("\n") if line.strip()]
        stamp = _stamp(paragraph) if len(lines) == 1 else False
        if stamp is not False:
            keep[i], bylined = False, True
            published = published or (stamp if isinstance(stamp, dt.date) else None)
            # the author's and the paper's names just above the stamp are its byline
            j = i - 1
            while j >= 0 and keep[j] and _name_line(paragraphs[j]):
                keep[j] = False
                j -= 1
        elif _byline_block(lines) or ((i == 0 or not keep[i - 1]) and _agency_line(paragraph)):
            keep[i], bylined = False, True
        elif lines:
            count, day = _top_stamp(paragraphs, keep, i, lines, above)
            published = published or day
            bylined = count > 0
            if count == len(lines):
                keep[i] = False
            elif count:
                paragraphs[i] = "\n".join(lines[count:])
    kept = [p for p, k in zip(paragraphs, keep, strict=True) if k]
    if "\n\n".join(kept) == text or not any(p.strip() for p in kept):
        return text, published
    return "\n\n".join(kept), published


def _top_stamp(
    paragraphs: list[str], keep: list[bool], i: int, lines: list[str], above: bool
) -> tuple[int, dt.date | None]:
    """How many of the first lines of paragraph ``i`` are a byline or a date line (see
    :func:`~.stamps.top_lines`: under a byline, or the first paragraph kept) and the date
    they give; a credit paragraph just above a date line ("Jane Roe" / "Tue Dec 3 2024 -
    18:45") is dropped with it."""
    first = not any(keep[:i])
    count, _, day = top_lines(lines, above, first)
    if count or i == 0 or not keep[i - 1]:
        return count, day
    if not credit_paragraph(paragraphs[i - 1].split("\n")):
        return 0, None
    count, _, day = top_lines(lines, True, False)
    if day is None:
        return 0, None
    keep[i - 1] = False
    return count, day


def without_notes(article: Article) -> Article:
    """``article`` with its notes dropped (:func:`drop_notes`), dated by a publication
    stamp when it has no date; ``article`` itself when it has no notes."""
    text, stamped = drop_notes(article.text)
    if text == article.text and (stamped is None or article.published is not None):
        return article
    return replace(article, text=text, published=article.published or stamped)
