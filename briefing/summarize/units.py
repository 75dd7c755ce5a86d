"""The units a summary is made of: sentences, with one quotation and its attribution kept whole.

The sentence splitter cuts a quotation of several sentences ("A. B," said X.) into halves
that open or close inside the quotation ("\\"A." / "B,\\" said X."), and it leaves a
quotation written as a sentence of its own apart from the one naming its speaker ("\\"A.\\"
X wrote. \\"B.\\"", Chinese "“……。”李晓雯说。"). A summary line must never start or end inside
a quotation nor show a quotation without its speaker, so such sentences of one paragraph
are joined into one unit (a verbatim span from the first sentence's start to the last
one's end). Two clauses the splitter cut at a semicolon ("Buffalo has won six straight;
Kansas City has won four.") are one unit too: a line never ends on ";" (the facts keep
the clauses apart, each with its own dates and events). In an article that quotes in
single marks, as the British press does ('A. B,' said X.), the single-mark quotations
count as the double ones do: the decision and the pairing of the marks are
:mod:`briefing.marks`, shared with the quote facts. A quotation still open when its
paragraph ends (one running on into the next paragraph, or an unpaired mark) joins
nothing, and neither does a unit that would read as a run-on; the sentences then stay as
they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..marks import quotes_in_single_marks, single_quotations
from ..text import Span, word_count

__all__ = ["quote_units"]

#: A unit longer than this reads as a run-on (see :func:`.boilerplate.boilerplate`).
MAX_WORDS = 80

_OPENERS = "“«「『„"
_CLOSERS = "”»」』"
_QUOTE_MARKS = frozenset('"“”«»「」『』„')
_LEADING = " \t\n([—–-"
_TRAILING = " \t\n)]"


def _depth(text: str, depth: int, straight: bool, low: bool) -> tuple[int, bool, bool]:
    """The quotation state after ``text``: the depth of paired marks (“ ”, « », 「 」),
    whether a straight double quote is open, whether a German „ is open (its close is “)."""
    for ch in text:
        if ch == '"':
            straight = not straight
        elif ch == "„":
            depth, low = depth + 1, True
        elif ch == "“" and low:
            depth, low = max(0, depth - 1), False
        elif ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
    return depth, straight, low


def _opens(span: Span) -> bool:
    """Whether ``span`` opens with a quotation mark (then a letter or digit)."""
    text = span.text.lstrip(_LEADING)
    return len(text) > 1 and text[0] in '"“«„「『' and text[1].isalnum()


Quoted = Sequence[tuple[int, int]]
"""(start, end) in the text of the inside of each single-mark quotation of a paragraph."""


def _single_open(quoted: Quoted, end: int) -> bool:
    """Whether a single-mark quotation is open at ``end`` (it opened before and closes
    after)."""
    return any(qs < end <= qe for qs, qe in quoted)


def _quote_runs(paragraph: Sequence[Span], quoted: Quoted) -> list[list[Span]]:
    """The sentences of one paragraph grouped so that no group ends inside a quotation.

    A sentence opening with a quotation mark while one is still open starts a new group:
    the open one ran on from a paragraph of its own (a quotation of several paragraphs
    opens each, and closes only the last; texts that lost their paragraph breaks show it),
    so the straight marks are not paired across it. A single-mark quotation of ``quoted``
    open at a sentence's end keeps the group open too."""
    groups: list[list[Span]] = []
    pending: list[Span] = []
    depth, straight, low = 0, False, False
    for span in paragraph:
        if pending and _opens(span):
            groups.extend([s] for s in pending)
            pending, depth, straight, low = [], 0, False, False
        pending.append(span)
        depth, straight, low = _depth(span.text, depth, straight, low)
        if depth == 0 and not straight and not _single_open(quoted, span.end):
            groups.append(pending)
            pending = []
    groups.extend([s] for s in pending)  # never closed in this paragraph: left as they were
    return groups


def _bounds(group: Sequence[Span]) -> tuple[str, int, int]:
    """The text of ``group``, and the offsets of its first and last character that are not
    space nor bracket."""
    text = " ".join(s.text for s in group)
    lead = len(group[0].text) - len(group[0].text.lstrip(_LEADING))
    trail = len(group[-1].text) - len(group[-1].text.rstrip(_TRAILING))
    return text, group[0].start + lead, group[-1].end - trail


def _wholly_quoted(group: Sequence[Span], quoted: Quoted) -> bool:
    """Whether ``group`` is a quotation and nothing else: it opens with a quotation mark and
    ends with one (after its closing punctuation), e.g. "“That is what courts are for.”",
    or it is the inside of a single-mark quotation of ``quoted`` and its marks."""
    text, a, b = _bounds(group)
    inner = text.strip(_LEADING).rstrip(_TRAILING)
    if len(inner) > 2 and inner[0] in _QUOTE_MARKS and inner[-1] in _QUOTE_MARKS:
        return True
    return any(qs == a + 1 and qe == b - 1 for qs, qe in quoted)


def _has_quote(group: Sequence[Span], quoted: Quoted) -> bool:
    a, b = group[0].start, group[-1].end
    return any(ch in _QUOTE_MARKS for s in group for ch in s.text) or any(
        a < qe and qs < b for qs, qe in quoted
    )


def _opens_quoted(group: Sequence[Span], quoted: Quoted) -> bool:
    """Whether ``group`` opens with a quotation mark (a single one of ``quoted`` too)."""
    _text, a, _b = _bounds(group)
    opener = group[0].text.lstrip(_LEADING)[:1]
    return opener in _QUOTE_MARKS or any(qs == a + 1 for qs, _ in quoted)


def _attach_bare(groups: list[list[Span]], quoted: Quoted) -> list[list[Span]]:
    """A group that is only a quotation joins its speaker: the group before it when that
    one quotes too (the same speaker goes on), else the one after it when that one does not
    open with a quotation (the attribution follows, as Chinese writes it)."""
    out: list[list[Span]] = []
    carry: list[Span] = []
    for k, group in enumerate(groups):
        group = carry + group
        carry = []
        if _wholly_quoted(group, quoted):
            if out and _has_quote(out[-1], quoted):
                out[-1] = out[-1] + group
                continue
            nxt = groups[k + 1] if k + 1 < len(groups) else None
            if nxt is not None and not _opens_quoted(nxt, quoted):
                carry = group
                continue
        out.append(group)
    if carry:
        out.append(carry)
    return out


def _join_semicolons(groups: list[list[Span]]) -> list[list[Span]]:
    """A group ending on a semicolon joins the group after it (the same sentence goes on)."""
    out: list[list[Span]] = []
    for group in groups:
        if out and out[-1][-1].text.rstrip(_TRAILING).endswith(";"):
            out[-1] = out[-1] + group
        else:
            out.append(group)
    return out


def _within(text: str, group: Sequence[Span]) -> list[list[Span]]:
    """``group`` as one unit, or its sentences apart when together they read as a run-on."""
    if len(group) == 1:
        return [list(group)]
    if word_count(text[group[0].start : group[-1].end]) > MAX_WORDS:
        return [[s] for s in group]
    return [list(group)]


def quote_units(
    text: str, spans: Sequence[Span]
) -> tuple[tuple[Span, ...], tuple[int, ...], tuple[int, ...]]:
    """The summary units of ``text`` from its sentence ``spans``, and for each unit the index
    of its first sentence among ``spans`` and its number of sentences."""
    units: list[Span] = []
    first: list[int] = []
    sizes: list[int] = []
    singles = quotes_in_single_marks(text)
    index = 0
    k = 0
    while k < len(spans):
        j = k
        while j < len(spans) and spans[j].paragraph == spans[k].paragraph:
            j += 1
        a, b = spans[k].start, spans[j - 1].end
        quoted = [(a + qs, a + qe) for qs, qe in single_quotations(text[a:b])] if singles else []
        for group in _join_semicolons(_attach_bare(_quote_runs(spans[k:j], quoted), quoted)):
            for piece in _within(text, group):
                a, b = piece[0].start, piece[-1].end
                units.append(Span(text[a:b], a, b, piece[0].paragraph))
                first.append(index)
                sizes.append(len(piece))
                index += len(piece)
        k = j
    return tuple(units), tuple(first), tuple(sizes)
