"""Date expressions a named-entity model tends to miss, found by pattern in English text.

spaCy's DATE/TIME entities leave out three kinds that TimeML marks, each seen in many
documents of both dev corpora (TimeBank/AQUAINT newswire and MEANTIME Wikinews):

- clock times given in universal time: "16:15 UTC", "0800 GMT" (MEANTIME's launch and
  market reports);
- dates written in digits: "7/8/07", "11/24/2025";
- vague references to the present, past and future: "now", "currently", "recently",
  "recent", "the past", "the future", "the near term" (TimeML's PRESENT_REF, PAST_REF,
  FUTURE_REF). They name no calendar date (their value is None) but are a time of the
  text all the same. Only words that TimeML annotators marked in at least half of their
  uses in the dev corpora are listed ("soon", "previously" are not).

A caller merges these with its own spans (:func:`find` gives every match; drop the ones that
overlap a span you already have).
"""

from __future__ import annotations

import re

_PATTERNS = re.compile(
    r"\b(?:[01]?[0-9]|2[0-3])[:.]?[0-5][0-9]\s*(?:UTC|GMT)\b"
    r"|\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"
    r"|\b(?:right now|now|currently|current|recently|recent|these days|"
    r"the past|the (?:near )?future|the near term)\b",
    re.I,
)


def find(text: str, *, language: str = "en") -> list[tuple[int, int, str]]:
    """Every such expression in ``text`` as ``(start, end, text)``, in order. English only:
    for another ``language`` the list is empty."""
    if language.strip().lower() != "en":
        return []
    return [(m.start(), m.end(), m.group()) for m in _PATTERNS.finditer(text)]
