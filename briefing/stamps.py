"""Bylines and publication stamps: the lines at the top of a story that name its author
and date it ("By Jane Roe, Staff Writer", "Tue 3 Dec 2024 06.00 GMT", "TNN | Dec 2, 2025,
08.14 PM IST", "Published 5:12 p.m. ET March 9, 2026").

One reader for every path: the loader's page chrome (:mod:`briefing.load.chrome`) reads the
blocks of a saved page with it, and the notes (:mod:`briefing.notes`) the paragraphs of any
text, so a stamp at the top of ``brief(Article(text))`` is read as the same text in a file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .dates.words import MONTHS, WEEKDAYS

__all__ = [
    "DATE_LINE",
    "NAME",
    "PUBLISHED",
    "SENTENCE_END",
    "SENTENCE_MARK",
    "STAMPED",
    "WEEKDAY",
    "byline",
    "credit",
    "credit_paragraph",
    "date_of",
    "dateline",
    "top_lines",
]

#: a capitalised word of a name ("O'Neal", "St.", "Halvorsen-Nye")
NAME = r"[A-Z][\w.'’-]*"
#: a sentence's end inside a line, then the next sentence's capital
SENTENCE_MARK = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]?[A-Z]")
#: a line that ends as a sentence (or a lead-in) does
SENTENCE_END = re.compile(r"[.!?:;][\"'”’)]*$")

_BY = re.compile(
    r"^[\W_]*(?:(?:interview|words|text|story|reporting|written|photos?)\s+)?(by|from)\s+(?=\S)",
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
    r"(?:(?:,?\s+|\s*[—–•·-]\s*|,\s*)(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
    r"(?:\s+[A-Z]{2,4})?(?-i:,\s+(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})?)?"
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


def _words(text: str) -> list[str]:
    return [t for t in (w.strip(".,;*_") for w in text.split()) if t]


def byline(line: str) -> str | None:
    """The author of a byline ("By Jane Roe, Staff Writer | November 27, 2026", "Interview
    by Jane Roe", "From Jane Roe, Chief Correspondent, in Paris"): "by" (or "from" before a
    name and its role), then capitalised names and glue words, then optionally a date after
    a "|"; None for anything else. The role after the name and a comma may be in lower case
    ("By Jane Roe, health correspondent") when the name has two words or more and the line
    is no sentence."""
    start = _BY.match(line)
    if start is None:
        return None
    names, *rest = line[start.end() :].split("|")
    name, comma, role = names.partition(",")
    if start.group(1).lower() == "from" and not comma:
        return None
    tokens = _words(names)
    if not 0 < len(tokens) <= 12 or tokens[0].lower() in _BY_GLUE:
        return None
    lower_role = (
        comma
        and len(_words(name)) >= 2
        and len(role.split()) <= 8
        and not SENTENCE_END.search(names.strip(" *_"))
    )
    if lower_role:
        tokens = _words(name)
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


# the parts of a dateline: "TNN | Dec 2, 2025", "December 3, 2025 — By Jane Roe"
# "ABC Western Qld / By Jane Roe"; "Posted Tue 3 Dec 2024 at 5:01am, updated Tue 3 Dec ..."
_PARTS = re.compile(r"\s+[|—–·•/]\s+|,\s+(?=(?:last\s+)?updated\b)", re.IGNORECASE)
# a wire's or a paper's tag beside a date: "TNN", "AP", "Press Trust of India"
_SOURCE = re.compile(rf"^\W*{NAME}(?:\s(?:{NAME}|of|the|and|&)){{0,3}}\W*$")
# a field of a metadata line: "Status: Resolved", "Severity: SEV-1", "Authors: Storage SRE
# team" (a label of one to three words, a colon, a short value)
_FIELD = re.compile(r"^[\W_]*[A-Z][\w-]*(?:\s[\w-]+){0,2}:\s+[^\s:][^:]{0,60}$")
# a clock time after a date and a dash or a bullet: "11.47am", "18:45", "09:14 PM IST"
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\W*$", re.IGNORECASE)
_LABEL_GLUE = frozenset(("of", "the", "and", "for", "by", "&", "at", "in", "on"))


@dataclass(frozen=True, slots=True)
class _Dateline:
    """What a byline or date line tells: its author, its date (None without a year),
    whether the date is a "Published" one, and whether the line stands as furniture on
    its own (a byline, a "Published"/"Updated" stamp, or a wire's tag beside a date)."""

    author: str | None
    date: dt.date | None
    published: bool
    alone: bool


def _dateline(line: str) -> _Dateline | None:
    """A byline, a date line, or both joined by "|", "—" or "·" ("December 3, 2025 — By
    Jane Roe", "TNN | Dec 2, 2025, 08.14 PM IST"), perhaps with fields of a metadata line
    ("Status: Resolved · Severity: SEV-1 · Published 24 November 2026"; two fields stand
    without a date); None for anything else."""
    author = byline(line)
    if author is not None:
        date = date_of(line.split("|", 1)[1]) if "|" in line else None
        return _Dateline(author, date, False, True)
    parts = _PARTS.split(line.strip())
    date, published, dated, stamped, tagged = None, False, False, False, False
    fields = 0
    for part in parts:
        found = byline(part)
        if found is not None:
            author = author or found
        elif DATE_LINE.match(part):
            day, dated = date_of(part), True
            if PUBLISHED.match(part) and day is not None and not published:
                date, published = day, True
            date = date or day
            stamped = stamped or STAMPED.match(part) is not None
        elif dated and _CLOCK.match(part):  # "December 3, 2024 — 11.47am"
            continue
        elif len(parts) > 1 and _SOURCE.match(part):
            tagged = True
        elif len(parts) > 1 and _FIELD.match(part) and len(part.split()) <= 8:
            fields += 1
        else:
            return None
    if fields >= 2 and not dated:  # "Status: Resolved · Severity: SEV-1": a metadata line
        return _Dateline(author, None, False, True)
    if author is not None and not dated and not fields:  # "ABC Western Qld / By Jane Roe"
        return _Dateline(author, None, False, True)
    if not dated or ((tagged or fields) and date is None):
        return None
    alone = author is not None or stamped or ((tagged or fields > 0) and date is not None)
    return _Dateline(author, date, published, alone)


def dateline(line: str) -> bool:
    """Whether ``line`` is a byline or a dated date line ("By Jane Roe", "December 3, 2025
    — By Jane Roe", "TNN | Dec 2, 2025"): furniture, never a headline."""
    found = _dateline(line)
    return found is not None and (found.author is not None or found.date is not None)


def _label(line: str) -> bool:
    """A few capitalised words and no sentence: a name (a company's, a ministry's) or a
    label ("From: Department of Transport", "NEWS PROVIDED BY", "Acme Robotics, Inc.")."""
    words = [w.strip(".,:;*_()") for w in line.split()]
    words = [w for w in words if w]
    return (
        0 < len(words) <= 8
        and SENTENCE_MARK.search(line) is None
        and all(w[0].isupper() or w.lower() in _LABEL_GLUE for w in words)
    )


# a name, then its role in lower case: "Jane Roe Social affairs correspondent"
_NAME_ROLE = re.compile(rf"^{NAME}(?:\s{NAME}){{1,3}}(?:,?\s[a-z][\w-]*){{1,3}}$")
_CREDIT_PARTS = re.compile(r"\s+[|/]\s+")


def credit(line: str) -> bool:
    """A byline without "by": the author's or the desk's name, perhaps with a role or a
    place, as set just above a date line ("Jane Roe", "Jane Roe, Political Editor", "Jane
    Roe Social affairs correspondent", "HT Correspondent | New Delhi", "ABC Western Qld /
    By Jane Roe"): at most ten words, no sentence."""
    text = line.strip(" *_")
    if _label(text):
        return True
    if not text or len(text.split()) > 10 or SENTENCE_END.search(text):
        return False
    return all(
        _label(part) or _NAME_ROLE.match(part) is not None or byline(part) is not None
        for part in _CREDIT_PARTS.split(text)
    )


def credit_paragraph(lines: Sequence[str]) -> bool:
    """A paragraph of credits alone ("Jane Roe", "Jane Roe, Political Editor") as set just
    above a date line of its own; a field's name ("Released:") introduces a value, no
    credit."""
    texts = [line.strip(" *_") for line in lines if line.strip(" *_")]
    return bool(texts) and all(credit(t) and not t.endswith(":") for t in texts)


def top_lines(
    lines: Sequence[str], after_byline: bool, first: bool
) -> tuple[int, str | None, dt.date | None]:
    """How many of a paragraph's first lines are a byline or a date line, the byline's
    author and the date they give (a "Published" line's date first).

    A date alone on its line is a date line under a byline, with its "Published"
    ("Updated", "Posted") or a wire's tag ("TNN | Dec 2, 2025"), or, when it has a year,
    as the first paragraph before the body ("December 3, 2025"); a date with no year and
    no byline ("Tuesday, 1 March": a match's date in a sports preview) is article text.
    Names, labels and credits just above a paragraph's date line ("NEWS PROVIDED BY",
    "Acme, Inc."; "From: Department of Transport"; "Jane Roe Social affairs
    correspondent") go with it."""
    found = [_dateline(line) for line in lines]
    head = 0  # label lines above the paragraph's date line
    while head < len(found) and found[head] is None and credit(lines[head]):
        head += 1
    lead = found[head] if head < len(found) else None
    dated_block = (
        lead is not None and lead.date is not None and all(f is not None for f in found[head:])
    )
    if not dated_block:
        head = 0
    count, author, date, published = head, None, None, None
    for line in found[head:]:
        if line is None:
            break
        if not (line.alone or after_byline or author or (dated_block and (head or first))):
            break
        author = author or line.author
        if line.published:
            published = published or line.date
        date = date or line.date
        count += 1
    return (count if count > head else 0), author, published or date
