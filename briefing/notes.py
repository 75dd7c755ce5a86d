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

from .dates.words import MONTHS, WEEKDAYS
from .lexicon import NEWS_AGENCIES
from .models import Article

__all__ = ["DATE_LINE", "PUBLISHED", "STAMPED", "byline", "date_of", "drop_notes", "without_notes"]

# Bylines and publication stamps (the loader's page chrome reads them too)
_BY = re.compile(
    r"^[\W_]*(?:(?:interview|words|text|story|reporting|written|photos?)\s+)?by\s+(?=\S)",
    re.IGNORECASE,
)
_BY_GLUE = frozenset(("and", "&", "in", "for", "of", "the", "staff", "at"))
_BY_ROLE = re.compile(r",|\s(?:in|for|at)\s")  # "Jane Roe, Staff Writer", "Jane Roe in Paris"
# the month and weekday words the dates read ("Sept.", "Tues."), longest first
_MONTH = rf"(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?"
# "Monday", "Mon", "Tues.": a weekday before a date
WEEKDAY = rf"(?:{'|'.join(sorted(WEEKDAYS, key=len, reverse=True))})"
_DATE = (
    rf"(?:{WEEKDAY}\.?,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
)
# a time may come first: "Updated 8:40 PM GMT, November 29, 2026"
_CLOCK_FIRST = r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?,?\s+)?"
DATE_LINE = re.compile(
    rf"^[\W_]*(?:(?:first\s+)?(?:published|posted|updated|last updated)(?:\s+on)?[\s:*_]*)?"
    rf"{_CLOCK_FIRST}({_DATE})[\W_]*$",
    re.IGNORECASE,
)
PUBLISHED = re.compile(r"^[\W_]*(?:first\s+)?(?:published|posted)\b", re.IGNORECASE)
STAMPED = re.compile(r"^[\W_]*(?:first\s+|last\s+)?(?:published|posted|updated)\b", re.I)


def _particle(tokens: list[str], i: int) -> bool:
    """A name's particle: a short lower-case word inside a name, with capitalised names on
    both sides, at most two such words in a row ("Anouk de Vries", "Jan van der Berg",
    "Ana da Silva")."""
    word = tokens[i]
    if not (word.isalpha() and word.islower() and len(word) <= 3):
        return False
    before = [t for t in tokens[max(0, i - 2) : i] if not (t.islower() and len(t) <= 3)]
    after = [t for t in tokens[i + 1 : i + 3] if not (t.islower() and len(t) <= 3)]
    return bool(before and after) and before[-1][0].isupper() and after[0][0].isupper()


def byline(line: str) -> str | None:
    """The author of a byline ("By Jane Roe, Staff Writer | November 27, 2026", "Interview
    by Jane Roe"): "by", then capitalised names and glue words, then optionally a date
    after a "|"; None for anything else."""
    start = _BY.match(line)
    if start is None:
        return None
    names, *rest = line[start.end() :].split("|")
    tokens = [t.strip(".,;*_") for t in names.split()]
    tokens = [t for t in tokens if t]
    if not 0 < len(tokens) <= 12 or tokens[0].lower() in _BY_GLUE:
        return None
    if not all(
        t[0].isupper() or t.lower() in _BY_GLUE or _particle(tokens, i)
        for i, t in enumerate(tokens)
    ):
        return None
    if any(part.strip() and DATE_LINE.match(part) is None for part in rest):
        return None
    return _BY_ROLE.split(names.strip(" *_"))[0].strip(" *_")


def date_of(line: str) -> dt.date | None:
    """The date a date line gives, when it has a year ("November 27, 2026", "27 Nov 2026",
    "2026-11-27")."""
    match = DATE_LINE.match(line)
    if match is None:
        return None
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", match.group(1))
    text = re.sub(rf"^{WEEKDAY}\.?,?\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\bsept\b", "sep", text.replace(".", " ").replace(",", " "), flags=re.I)
    words = " ".join(text.split()[:3])
    for fmt in ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(words, fmt).date()
        except ValueError:
            continue
    return None


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
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)]*$")
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
    return (
        len(text.split()) <= 6 and not _SENTENCE_END.search(text) and bool(_NAME_LINE.match(text))
    )


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
        elif _byline_block(lines) or ((i == 0 or not keep[i - 1]) and _agency_line(paragraph)):
            keep[i] = False
    kept = [p for p, k in zip(paragraphs, keep, strict=True) if k]
    if all(keep) or not any(p.strip() for p in kept):
        return text, published
    return "\n\n".join(kept), published


def without_notes(article: Article) -> Article:
    """``article`` with its notes dropped (:func:`drop_notes`), dated by a publication
    stamp when it has no date; ``article`` itself when it has no notes."""
    text, stamped = drop_notes(article.text)
    if text == article.text and (stamped is None or article.published is not None):
        return article
    return replace(article, text=text, published=article.published or stamped)
