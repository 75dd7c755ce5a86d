"""Quotation marks: where a text's quotations are.

The one reading of quotation marks that the fact readers (:mod:`.facts.quotes`) and the
summary's units (:mod:`.summarize.units`) share: the spans inside double marks (curly,
straight, doubled singles), and in an article that quotes in single marks, as the British
press does (:func:`quotes_in_single_marks`), the spans inside single marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .text import CJK_LETTERS

__all__ = [
    "DOUBLED",
    "QUOTE_OPEN",
    "QUOTE_PAIRS",
    "quote_spans",
    "quotes_in_single_marks",
    "single_quotations",
]

#: Each opening quotation mark and the marks that close it.
# German, Polish, Czech, Hungarian … open low: „…“ (German) or „…” (Polish). Without the
# pair, the closing “ of „Vivy“ opened a quotation that ran on for a paragraph (seen on
# German web pages). « » in French, Russian, Italian. A lone » is not an opener: web pages
# use it between crumbs ("Home » News").
QUOTE_PAIRS = (("„", "“”"), ("“", "”"), ('"', '"'), ("«", "»"), ("「", "」"), ("『", "』"))

QUOTE_OPEN = re.compile("[" + "".join(re.escape(o) for o, _c in QUOTE_PAIRS) + "]")
_QUOTE_CLOSE = {o: re.compile("[" + re.escape(c) + "]") for o, c in QUOTE_PAIRS}
# A double quotation mark typed as two single ones, as wire copy and text converted from
# LaTeX write it (``like this''), and as a web page closes a curly quote ('“... to mislead
# voters,’’ Will Moy said'). Two straight apostrophes only ever close: the New York Times'
# archive opens with them too (''Meet the Press''; 37 of the 300 PolNeAR articles), but
# PolNeAR's gold takes no quotation from such marks, so reading them there would show as
# 413 quotes that are not quotations (precision 0.874 -> 0.702).
DOUBLED = re.compile("``|‘‘|''|’’")
_AS_CURLY = {"``": " “", "‘‘": " “", "''": "” ", "’’": "” "}


def quote_spans(
    text: str, *, runs_on: bool = False, singles: bool = False
) -> Iterator[tuple[int, int]]:
    """(start, end) of the text inside each quotation, curly or straight; an unclosed curly
    quote runs to the end of the paragraph, and so does an unclosed straight one when the
    paragraph ``runs_on`` (the next one opens with a quotation mark: the print convention
    for a quotation over several paragraphs). A straight quote opens only before a word
    (after a space, a bracket or a dash) and closes only after one: a closing mark is
    never read as an opening one, so one stray mark does not shift every later pair
    inside out ('come home." Mother-of-two ... was described as an "amazing" mother').
    A double mark typed as two single ones (``...'', ‘‘...’’, “...’’) is one. With
    ``singles`` (the article quotes in single marks: :func:`quotes_in_single_marks`) the
    single-mark quotations outside the double ones are read too (:func:`_single_spans`),
    and a double-mark one inside a single-mark one is part of it ('I said "no",' he said)."""
    text = DOUBLED.sub(lambda m: _AS_CURLY[m.group()], text)  # same length, same offsets
    doubles = list(_double_spans(text, runs_on))
    if not singles:
        yield from doubles
        return
    singled = list(_single_spans(text, doubles, runs_on))
    inner = [(qs, qe) for qs, qe in doubles if any(a < qs and qe < b for a, b in singled)]
    yield from sorted([*(d for d in doubles if d not in inner), *singled])


def _double_spans(text: str, runs_on: bool) -> Iterator[tuple[int, int]]:
    i = 0
    while (m := QUOTE_OPEN.search(text, i)) is not None:
        opener = m.group()
        if opener == '"':
            if not _opens(text, m.start()):
                i = m.end()
                continue
            j = _straight_close(text, m.end())
        else:
            close = _QUOTE_CLOSE[opener].search(text, m.end())
            j = close.start() if close else -1
            # a curly quotation closed by a straight mark ('“Our results reflected
            # growth," Craig Menear said'), as web pages' editors often leave them
            straight = _straight_close(text, m.end())
            if straight != -1 and (j == -1 or straight < j) and _closes(text, straight):
                j = straight
        if j == -1 and opener == '"' and not runs_on:
            i = m.end()  # a lone straight quote opens nothing
            continue
        j = len(text) if j == -1 else j
        yield m.end(), j
        i = j + 1


def quotes_in_single_marks(text: str) -> bool:
    """Whether ``text`` quotes in single marks, as the British press does ('Mum was left
    in a corridor,' she said.): a single-mark quotation outside the double ones ends with
    the punctuation of a sentence or clause inside its closing mark, which an apostrophe
    never follows, at least as often as a double-mark quotation does."""
    text = DOUBLED.sub(lambda m: _AS_CURLY[m.group()], text)
    doubles = list(_double_spans(text, False))
    singles = sum(text[qe - 1] in _CLAUSE_END for _qs, qe in _single_spans(text, doubles, False))
    return singles > 0 and singles >= len(_DOUBLE_CLOSE.findall(text))


_CLAUSE_END = ",.!?…"
# a double-mark quotation's close after its punctuation, however its marks pair (the New
# York Times' archive opens with '' too, read as a close)
_DOUBLE_CLOSE = re.compile('[,.!?…]["”»]')
_SINGLE_MARKS = re.compile("['‘’]")


def _single_spans(
    text: str, doubles: Sequence[tuple[int, int]], runs_on: bool
) -> Iterator[tuple[int, int]]:
    """The quotations in single marks outside ``doubles`` (the double-mark ones, whose
    single marks are nested quotations). A mark opens after a space, a bracket, a dash or a
    colon and before a letter or digit; it closes after a word or its punctuation and
    before a space or punctuation. An apostrophe inside a word (don't) does neither; one
    that elides a year's century (the '90s) does neither; one that elides a word's start
    ('tis, rock 'n' roll) opens a pair nothing closes,
    or one that closes at once, so marks pair as brackets do, innermost first, and only the
    outermost pairs are quotations. The mark after a plural's s before a word is its
    possessive (the Smiths' house) and closes nothing. A paragraph's opening quotation left
    open runs on (``runs_on``)."""
    marks = [m.start() for m in _SINGLE_MARKS.finditer(text) if not _inside_any(doubles, m.start())]
    kinds = [_single_kind(text, k) for k in marks]
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for k, kind in zip(marks, kinds, strict=True):
        if kind == "open":
            stack.append(k)
        elif kind and stack:
            pairs.append((stack.pop() + 1, k))
    if (
        runs_on
        and stack
        and (not text[: stack[0]].strip() or text[: stack[0]].rstrip()[-1:] == ":")
    ):
        pairs.append((stack[0] + 1, len(text)))
    for qs, qe in pairs:
        if not any(a < qs and qe < b for a, b in pairs):
            yield qs, qe


def _single_kind(text: str, k: int) -> str | None:
    """What the single mark at ``text[k]`` can be: "open", "close", or None (an
    apostrophe inside a word, a plural's possessive)."""
    before = text[k - 1] if k > 0 else " "
    after = text[k + 1] if k + 1 < len(text) else " "
    if text[k] != "’" and after.isalnum() and (before.isspace() or before in "([{—–-/:"):
        return None if _DECADE.match(text, k + 1) else "open"
    if text[k] == "‘" or before.isspace() or not (after.isspace() or after in ",.;:!?)]—–-"):
        return None
    if before in "sS" and after == " " and text[k + 2 : k + 3].isalnum():
        return None  # the Smiths' house
    return "close"


# a year or decade with its century elided: the '90s, in '08
_DECADE = re.compile(r"\d\d(?:s\b|\b)")


def _inside_any(spans: Sequence[tuple[int, int]], k: int) -> bool:
    return any(a <= k < b for a, b in spans)


def _opens(text: str, k: int) -> bool:
    """Whether the straight quote at ``text[k]`` can open a quotation."""
    before = text[k - 1] if k > 0 else " "
    after = text[k + 1] if k + 1 < len(text) else " "
    return not after.isspace() and (
        before.isspace() or before in "([{—–-/:" or _CJK_MARK.match(before) is not None
    )


# a Chinese or Japanese character or punctuation mark: no space comes between it and a
# quotation mark ('市民说："…"', '。"家住'), so one opens or closes a quotation as a space does
_CJK_MARK = re.compile(f"[{CJK_LETTERS}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]")


def _closes(text: str, k: int) -> bool:
    """Whether the straight quote at ``text[k]`` ends a quotation: after a word's last
    character or punctuation, before a space, punctuation or the end."""
    after = text[k + 1] if k + 1 < len(text) else " "
    return not text[k - 1].isspace() and (after.isspace() or after in ",.;:!?)]—–-")


def _straight_close(text: str, start: int) -> int:
    """The straight quote that closes a quotation opened before ``start`` (-1: none)."""
    j = text.find('"', start)
    while j != -1 and (j == start or text[j - 1].isspace()):
        j = text.find('"', j + 1)
    return j


def single_quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each single-mark quotation of ``text`` (one
    paragraph; a quotation it leaves open is not one) outside its double-mark ones. Read
    them only where the article quotes in single marks (:func:`quotes_in_single_marks`)."""
    text = DOUBLED.sub(lambda m: _AS_CURLY[m.group()], text)
    return list(_single_spans(text, list(_double_spans(text, False)), False))
