"""Date expressions a named-entity model tends to miss, found by pattern; and the strings
that look like dates in digits but are not.

English. spaCy's DATE/TIME entities leave out three kinds that TimeML marks, each seen in
many documents of both dev corpora (TimeBank/AQUAINT newswire and MEANTIME Wikinews):

- clock times given in universal time: "16:15 UTC", "0800 GMT" (MEANTIME's launch and
  market reports);
- dates written in digits: "7/8/07", "11/24/2025";
- vague references to the present, past and future: "now", "currently", "recently",
  "recent", "the past", "the future", "the near term" (TimeML's PRESENT_REF, PAST_REF,
  FUTURE_REF). They name no calendar date (their value is None) but are a time of the
  text all the same. Only words that TimeML annotators marked in at least half of their
  uses in the dev corpora are listed ("soon", "previously" are not);
- "later that day", "earlier that year": the day or year named before (see .anaphora),
  which the model leaves untagged after a tagged day ("stabbed in the early hours of
  Friday. A man was arrested later that day."); TimeBank marks them ("Earlier that day",
  "later that year");
- "the latest period" of an earnings report, the quarter being reported (TimeBank: marked
  in all three of its uses, three documents; "the latest period of unrest" is not read).

Other languages. The English model finds next to no dates in a German or Portuguese text, so
for another ``language`` :func:`find` gives that language's date words, taken from
dateparser's own locale data (no list of ours): a weekday ("segunda-feira", "am Montag"), a
day and month with an optional year ("3 de março de 2025", "3. März 2025", "le 3 mars"),
a month and year, the relative words ("ontem", "gestern", "hier", "la semana pasada"), and
dates in digits ("24.11.2025", "24/11/2025").

Not dates. A dotted string of numbers with three or more parts that is not a day, month and
four-digit year ("2.83.83.83", "2.16.0", an IP address "192.168.1.1"), and a dashed one
that is not an ISO date ("12-345-67", a part number): :func:`not_a_date`. Seen on real
feeds, where a release note's version string became a when fact.

A caller merges these with its own spans (:func:`find` gives every match; drop the ones that
overlap a span you already have).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from . import cjk

_PATTERNS = re.compile(
    r"\b(?:[01]?[0-9]|2[0-3])[:.]?[0-5][0-9]\s*(?:UTC|GMT)\b"
    r"|\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"
    r"|\b(?:right now|now|currently|current|recently|recent|these days|"
    r"the past|the (?:near )?future|the near term)\b"
    r"|\bthe (?:latest|most recent) period\b(?!\s+of\b)"
    r"|\b(?:later|earlier) (?:on )?(?:that|the same|that same) (?:day|year)\b",
    re.I,
)
# A quarter's code before what it reports ("expects Q4 revenue", "in Q2 2016"): the model
# tags it a product. After a capitalised word, or inside a hyphened name, it is a model's
# name ("Dynatron Q3 Motherboard", "Report-Q3-2019.pdf": dev pages).
_QUARTER_CODE = re.compile(r"(?<![\w./-])Q[1-4](?:\s+(?:19|20)[0-9]{2})?(?![\w-])")
_NAME_BEFORE = re.compile(r"\b[A-Z][\w&.-]*\s+$")

# "2.16.0", "2.83.83.83", "192.168.1.1", "v1.2.3", "12-345-67": numbers joined by dots or
# dashes, three parts or more
_DOTTED = re.compile(r"^(?:v(?:ersion)?\s*)?(?P<parts>\d+(?:\.\d+){2,})$", re.I)
_DASHED = re.compile(r"^\d+(?:-\d+){2,}$")
# inside a longer string: a dotted run of 3+ number parts, or one glued to more dots/digits
_EMBEDDED = re.compile(
    r"(?<![\d.-])\d+(?:\.\d+){2,}(?![\d.]*\d)|(?<![\d.-])\d+(?:-\d+){2,}(?![\d-]*\d)"
)


def _is_day(day: str, month: str, year: str) -> bool:
    return len(year) == 4 and 1 <= int(day) <= 31 and 1 <= int(month) <= 12 and year[0] in "12"


def not_a_date(text: str) -> bool:
    """Whether ``text`` is a version number, an IP address or a part number rather than a
    date: three or more number parts joined by dots that are not day.month.year or
    year.month.day with a four-digit year ("24.11.2025" is a date, "2.16.0" is not), or by
    dashes that are not an ISO date. A text that holds such a string beside words ("version
    2.16.0") is not a date either, unless a four-digit-year date is what it holds."""
    s = text.strip().rstrip(".,;:")
    m = _DOTTED.match(s)
    if m is not None:
        return not _dotted_date(m["parts"])
    if _DASHED.match(s):
        return not _dotted_date(s)
    return any(not _dotted_date(e.group()) for e in _EMBEDDED.finditer(s))


def _dotted_date(parts: str) -> bool:
    """Day, month and four-digit year in some order that makes a date (day-month-year,
    year-month-day, or the US month-day-year): "24.11.2025", "2025-11-24", "11-24-2025";
    not "00-00-1980", a file listing's empty date."""
    p = re.split(r"[.-]", parts)
    if len(p) != 3:
        return False
    return _is_day(p[0], p[1], p[2]) or _is_day(p[2], p[1], p[0]) or _is_day(p[1], p[0], p[2])


def find(text: str, *, language: str = "en") -> list[tuple[int, int, str]]:
    """Every such expression in ``text`` as ``(start, end, text)``, in order: the English
    patterns above, or for another ``language`` (ISO 639-1) that language's date words."""
    code = language.strip().lower()
    if code in cjk.LANGUAGES:
        return cjk.find(text, code)
    pattern = _PATTERNS if code == "en" else _language_pattern(code)
    if pattern is None:
        return []
    out = []
    cut = _cut_weekdays(code) if code != "en" else frozenset()
    for m in pattern.finditer(text):
        if not_a_date(m.group()):
            continue
        if m.group().lower() in cut and not _weekday_context(code, text, m.start(), m.end()):
            continue
        out.append((m.start(), m.end(), m.group()))
    if code == "en":
        out += [
            (m.start(), m.end(), m.group())
            for m in _QUARTER_CODE.finditer(text)
            if not _NAME_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        ]
        out.sort()
    return out


@lru_cache(maxsize=32)
def _cut_weekdays(code: str) -> frozenset[str]:
    """``code``'s weekday forms that are the first part of a compound full name, cut before
    its hyphen: Portuguese "segunda" of "segunda-feira". Such a form is also a word of its
    own ("a segunda alta consecutiva": the second rise; "terça", "quarta", "quinta" and
    "sexta" are ordinals too), so it is a weekday only where a weekday stands."""
    info = _locale_info(code)
    if info is None:
        return frozenset()
    out = set()
    for key in _WEEKDAY_KEYS:
        forms = [str(f).strip().lower() for f in info.get(key) or [] if isinstance(f, str)]
        full = [f for f in forms if "-" in f]
        out |= {f for f in forms if any(g.startswith(f + "-") for g in full)}
    return frozenset(out)


# Where a cut weekday form is a weekday: after the words that put a day in time ("na
# segunda", "nesta quarta", "na próxima sexta", "na última terça"), or before a date
# ("segunda (3)", "quarta, 5 de março") or "passada"/"que vem" ("segunda passada").
_WEEKDAY_BEFORE = {
    "pt": re.compile(
        r"(?:\b(?:n|nest|dest|ness|dess|num|est|ess)a|\bpróxima|\búltima|\bà)\s+$", re.I
    ),
}
_WEEKDAY_AFTER = re.compile(r"^(?:\s*,?\s*\(?\d|\s+(?:passada|que\s+vem)\b)", re.I)


def _weekday_context(code: str, text: str, start: int, end: int) -> bool:
    """Whether the cut weekday form at ``text[start:end]`` stands where a weekday does."""
    before = _WEEKDAY_BEFORE.get(code)
    if before is not None and before.search(text[max(0, start - 20) : start]):
        return True
    return _WEEKDAY_AFTER.match(text[end : end + 20]) is not None


_DIGITS = r"\b(?:[0-3]?[0-9])[./](?:[01]?[0-9])[./](?:1[0-9]{3}|2[01][0-9]{2})\b"


@lru_cache(maxsize=32)
def _locale_info(code: str) -> dict[str, Any] | None:
    """dateparser's locale data for ``code`` (None: a locale it lacks)."""
    try:
        from dateparser.languages.loader import default_loader

        info: dict[str, Any] = default_loader.get_locale(code).info
    except (KeyError, ValueError, ImportError):
        return None
    return info


@lru_cache(maxsize=32)
def _language_pattern(code: str) -> re.Pattern[str] | None:
    """``code``'s date words from dateparser's locale data (None: a locale it lacks)."""
    info = _locale_info(code)
    if info is None:
        return None
    months = _names(info, _MONTH_KEYS, 4)
    full = _names(info, _MONTH_KEYS, 99)  # each month's longest form: its full name
    tiny = [m for m in _names(info, _MONTH_KEYS, 1) if m not in months]
    weekdays = _names(info, _WEEKDAY_KEYS, 5)
    relative = [
        word
        for key, words in (info.get("relative-type") or {}).items()
        if re.search(r"\b(?:day|week|month|year)\b", key)
        for word in words
        if len(word) >= 3 and not word[:1].isdigit()
    ]
    if not months or not weekdays:
        return None
    pertain = _alts([str(w) for w in info.get("pertain") or []])
    link = r"(?:\s+(?:" + "|".join(pertain) + r"))?" if pertain else ""
    # a month's full name takes no full stop (that ends the sentence: "hasta el 15 de
    # diciembre."), an abbreviation may ("janv."); a short one ("nov", "dic") is a month
    # only after a day and before a year or a dateline's bracket or dash ("26 nov (EFE) —"):
    # elsewhere it is too often a word of its own ("vinse in 3 set di fila")
    short = [m for m in months if m not in full]
    month = "(?:" + "|".join(_alts(full) + [f"(?:{a})\\.?" for a in _alts(short)]) + ")"
    tiny_month = "(?:" + "|".join(_alts(tiny)) + ")" if tiny else None
    weekday = "(?:" + "|".join(_alts(weekdays)) + r")"
    year = r"(?:1[0-9]{3}|2[01][0-9]{2})"
    day = r"(?:[0-3]?[0-9])(?:\.|º|ª|er|e)?"
    dated = (
        rf"(?:{weekday},?\s+)?(?:{day}{link}\s+)?{month}(?:,?{link}\s+{year}\b)?"
        rf"|{weekday}(?:,?\s+{day}(?!\S*\d))?"
    )
    if tiny_month:
        dated += rf"|{day}{link}\s+{tiny_month}(?:\.?,?{link}\s+{year}\b|\.?(?=\s*[(\[—–-]))"
    alternatives = [_DIGITS, dated]
    if relative:
        alternatives.append("(?:" + "|".join(_alts(relative)) + ")")
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.I)


@lru_cache(maxsize=32)
def _weekday_forms(code: str) -> dict[str, int]:
    """``code``'s weekday words (lower case, every form dateparser lists) -> 0 (Monday)..6."""
    info = _locale_info(code)
    if info is None:
        return {}
    return {
        str(form).strip().lower().rstrip("."): number
        for number, key in enumerate(_WEEKDAY_KEYS)
        for form in info.get(key) or []
        if isinstance(form, str) and form.strip()
    }


@lru_cache(maxsize=32)
def _month_pattern(code: str) -> re.Pattern[str] | None:
    """A month's name in ``code`` (English: ours; else dateparser's locale data)."""
    if code == "en":
        from .words import MONTHS

        names = list(MONTHS)
    else:
        info = _locale_info(code)
        if info is None:
            return None
        names = _names(info, _MONTH_KEYS, 4)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(_alts(names)) + r")\.?(?!\w)", re.I)


def names_month(text: str, language: str) -> bool:
    """Whether ``text`` names a month in ``language`` ("September", "26 novembre")."""
    pattern = _month_pattern(language.strip().lower())
    return pattern is not None and pattern.search(text) is not None


def bare_weekday(text: str, language: str) -> int | None:
    """The weekday (0 = Monday) that ``text`` is, when it is only a weekday in ``language``
    ("quarta-feira", "Montag", "lundi"), else None."""
    return _weekday_forms(language.strip().lower()).get(text.strip().lower().rstrip(".,"))


_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")  # fmt: skip
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _names(info: dict[str, Any], keys: tuple[str, ...], shortest: int) -> list[str]:
    """Each key's forms at least ``shortest`` long, and its longest form whatever its length
    ("mai"): a short abbreviation is too often a word of its own ("dez" is ten in
    Portuguese, "sex" is not Friday in most texts)."""
    out = []
    for key in keys:
        forms = [str(f) for f in (info.get(key) or []) if isinstance(f, str) and f.strip()]
        if not forms:
            continue
        longest = max(forms, key=len)
        out += [f for f in forms if len(f) >= shortest or f == longest]
    return out


def _alts(words: list[str]) -> list[str]:
    """Regex alternatives, longest first, spaces matching any run of spaces."""
    unique = sorted({w.strip().rstrip(".") for w in words if w.strip()}, key=len, reverse=True)
    return [r"\s+".join(re.escape(part) for part in w.split()) for w in unique if w]
