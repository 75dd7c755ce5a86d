"""Notes around a story that are no news: the editor's note, publication stamps, credits.

Whatever the input (text, Markdown, a page, a feed item), a story can carry paragraphs
about the story rather than about the news: "Editor's note: This article was updated at
21:00 CEST ...", "This story was first published on Aug. 12", "Published 5:12 p.m. ET
March 9, 2026 | Updated 8:30 p.m. ET ...", the wire credits "(Reporting by ...; Editing by
...)", "Additional reporting by ...", "<Agency> writer <Name> contributed from <Place>.",
a funding note ("... receives support from ... is solely responsible for all content"), a
call to follow the paper ("Follow <Name> on <Name> and <Name>"), and a byline at the top
("By Jane Roe, Technology Reporter", or the name and the paper on lines of their own just
above a publication stamp). :func:`drop_notes` takes those paragraphs out and hands back
the date a "Published" stamp gives.
"""

from __future__ import annotations

import datetime as dt
import re

from .chrome import _DATE_LINE, _PUBLISHED, _STAMPED, _byline, _date_of

__all__ = ["drop_notes"]

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
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)]*$")
_NAME_LINE = re.compile(r"^[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|the|and|for|&)){0,5}$")


def _stamp(paragraph: str) -> dt.date | bool | None:
    """A publication stamp: "Published 5:12 p.m. ET March 9, 2026 | Updated 8:30 p.m. ET
    March 9, 2026". False when ``paragraph`` is none; else the date its "Published" (or
    first) part gives, None when it gives none with a year."""
    parts = [p.strip() for p in paragraph.split("|")]
    if not parts or not all(_STAMPED.match(p) and _DATE_LINE.match(p) for p in parts):
        return False
    published = [_date_of(p) for p in parts if _PUBLISHED.match(p)]
    dates = [d for d in published + [_date_of(p) for p in parts] if d is not None]
    return dates[0] if dates else None


def _note(paragraph: str) -> bool:
    """Whether a paragraph anywhere in the story is a note about it (see the module)."""
    text = " ".join(paragraph.split())
    return bool(
        _EDITORS_NOTE.match(text)
        or (_ABOUT_STORY.match(text) and len(text.split()) <= 60)
        or _CREDITS.match(text)
        or (_CONTRIBUTED.match(text) and len(text.split()) <= 40)
        or (_FUNDING.search(text) and len(text.split()) <= 80)
        or (_FOLLOW.match(text) and len(text.split()) <= 15)
    )


def _name_line(paragraph: str) -> bool:
    """A few capitalised words alone, no sentence end: a name or a paper's name."""
    text = " ".join(paragraph.split())
    return (
        len(text.split()) <= 6 and not _SENTENCE_END.search(text) and bool(_NAME_LINE.match(text))
    )


def drop_notes(text: str) -> tuple[str, dt.date | None]:
    """``text`` without the paragraphs that are notes about the story, and the date a
    publication stamp among its first paragraphs gives (None: none). The text is returned
    as it is when nothing is dropped, and never emptied."""
    paragraphs = _PARAGRAPH.split(text)
    keep = [True] * len(paragraphs)
    published: dt.date | None = None
    for i, paragraph in enumerate(paragraphs):
        if _note(paragraph):
            keep[i] = False
            continue
        if i >= _TOP:
            continue
        lines = [line for line in paragraph.split("\n") if line.strip()]
        stamp = _stamp(paragraph) if len(lines) == 1 else False
        if stamp is not False:
            keep[i] = False
            published = published or (stamp if isinstance(stamp, dt.date) else None)
            # the author's and the paper's names just above the stamp are its byline
            j = i - 1
            while j >= 0 and keep[j] and _name_line(paragraphs[j]):
                keep[j] = False
                j -= 1
        elif lines and all(_byline(line) is not None for line in lines):
            keep[i] = False
    kept = [p for p, k in zip(paragraphs, keep, strict=True) if k]
    if all(keep) or not any(p.strip() for p in kept):
        return text, published
    return "\n\n".join(kept), published
