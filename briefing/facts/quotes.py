"""Quotes: the quotations of an article, as quote facts.

A quotation is the text between quotation marks (curly, straight or doubled, single ones
where the article quotes in single marks, possibly running over several paragraphs) of four
words or more, or a shorter one its own sentence attributes ('"Thank you," Ruiz said'); it
becomes a fact when it stands as quoted speech, not as a phrase quoted inside the writer's
own sentence. Who said it is found by :mod:`.speakers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ..models import Fact
from ..text import CJK_LETTERS, cjk_characters
from .rank import saturate
from .speakers import find_speaker, full_name, speech_verb
from .state import LIMITS, MAX_CANDIDATES, Item, State, sentence_at
from .words import QUOTE_PAIRS, SPEECH_VERBS, name_key, name_tokens, subset

_QUOTE_OPEN = re.compile("[" + "".join(re.escape(o) for o, _c in QUOTE_PAIRS) + "]")
_QUOTE_CLOSE = {o: re.compile("[" + re.escape(c) + "]") for o, c in QUOTE_PAIRS}
# A double quotation mark typed as two single ones, as wire copy and text converted from
# LaTeX write it (``like this''), and as a web page closes a curly quote ('“... to mislead
# voters,’’ Will Moy said'). Two straight apostrophes only ever close: the New York Times'
# archive opens with them too (''Meet the Press''; 37 of the 300 PolNeAR articles), but
# PolNeAR's gold takes no quotation from such marks, so reading them there would show as
# 413 quotes that are not quotations (precision 0.874 -> 0.702).
_DOUBLED = re.compile("``|‘‘|''|’’")
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
    text = _DOUBLED.sub(lambda m: _AS_CURLY[m.group()], text)  # same length, same offsets
    doubles = list(_double_spans(text, runs_on))
    if not singles:
        yield from doubles
        return
    singled = list(_single_spans(text, doubles, runs_on))
    inner = [(qs, qe) for qs, qe in doubles if any(a < qs and qe < b for a, b in singled)]
    yield from sorted([*(d for d in doubles if d not in inner), *singled])


def _double_spans(text: str, runs_on: bool) -> Iterator[tuple[int, int]]:
    i = 0
    while (m := _QUOTE_OPEN.search(text, i)) is not None:
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
    text = _DOUBLED.sub(lambda m: _AS_CURLY[m.group()], text)
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


def quotation_runs_on(state: State, end: int) -> bool:
    """Whether the paragraph ending at ``end`` is followed by one that opens with a
    quotation mark (a single one too where the article quotes in single marks): a
    quotation the paragraph leaves open runs on into it."""
    k = sentence_at(state.starts, end - 1) + 1
    if 0 < k < len(state.spans) and state.spans[k].paragraph != state.spans[k - 1].paragraph:
        nxt = state.spans[k].text
        if state.single_marks and nxt[:1] in "'‘":
            return True
        return bool(_QUOTE_OPEN.match(nxt) or _DOUBLED.match(nxt))
    return False


def read_quotes(
    state: State, offset: int, doc: Any, quoted: Sequence[tuple[int, int]], runs_on: bool = False
) -> None:
    """The quotations of ``doc`` (``quoted``: its :func:`quote_spans`) of four words or
    more (or shorter, :func:`_said_short`), each with its speaker. A quotation over
    several paragraphs (``runs_on``: this one leaves it open) has one speaker: the one
    named in the paragraph that names one."""
    text = doc.text
    state.quoted += [(offset + qs, offset + qe) for qs, qe in quoted]
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    found = [
        (qs, qe)
        for n, (qs, qe) in enumerate(quoted)
        if _long_enough(text[qs:qe]) or (state.model_reads and _said_short(doc, sents, quoted, n))
    ]
    carried, waiting = state.carried_speaker, state.waiting
    state.carried_speaker, state.waiting = None, []
    if not found:
        return
    for qs, qe in found:
        quote = text[qs:qe].strip().rstrip(",").rstrip()
        if len(state.quotes) >= MAX_CANDIDATES:
            return
        index = sentence_at(state.starts, offset + qs)
        speaker, label = None, None
        # the part of a quotation that ran on from the paragraph before
        continued = not text[: max(0, qs - 1)].strip() and (carried or waiting)
        verb = speech_verb(doc, sents, quoted, qs, qe) if state.model_reads else None
        named = verb is not None
        left_open = runs_on and qe >= len(text.rstrip())
        if continued and carried and not named:
            speaker, label = carried
        elif state.model_reads:  # else the parse is the English model's guess at foreign words
            speaker, label = find_speaker(state, verb, offset, qs, qe)
        if continued and named and speaker:
            for item in waiting:  # its first parts, which named no one
                item.speaker, item.speaker_label = speaker, label
        if speaker and label:
            state.last_speaker = (index, speaker, label)
        if not _standalone(text, qs, qe):
            continue  # a phrase quoted inside a sentence: its speaker still carries on
        weight = state.position(index) + (state.weights.speaker if speaker else 0.0)
        weight += state.weights.quote_length if 6 <= len(quote.split()) <= 60 else 0.0
        evidence = state.spans[index].text
        item = Item(quote, None, evidence, index, weight, "QUOTE", offset + qs, speaker, label)
        state.quotes.append(item)
        if left_open:  # it runs on into the next paragraph
            if (named or (continued and carried)) and speaker and label:
                state.carried_speaker = (speaker, label)
            else:
                state.waiting = [*waiting, item] if continued else [item]


def _long_enough(quote: str) -> bool:
    """Four words or more; in Chinese or Japanese, which write no spaces, eight characters
    or more (about four words: a quoted term, "一国两制", is shorter)."""
    if len(quote.split()) >= 4:
        return True
    return cjk_characters(quote) >= 8


def _said_short(
    doc: Any, sents: list[tuple[int, int]], quoted: Sequence[tuple[int, int]], n: int
) -> bool:
    """Whether the quotation ``quoted[n]``, too short to pass :func:`_long_enough`, is
    quoted speech all the same: it opens its sentence and its attribution follows at once
    ('"Thank you," Ruiz said.', '"Welcome!" the company posted.'), or it goes on a
    quotation so attributed, right after the attribution's sentence ('"The quiet," he
    says. "And the stars."'). A short phrase quoted inside a sentence (a scare quote, a
    title, 'described the plan as "reckless"') opens no sentence."""
    text = doc.text
    qs, qe = quoted[n]
    before = text[: max(0, qs - 1)].rstrip()
    if not text[qs:qe].strip() or (before and before[-1] not in ".!?…"):
        return False
    if _attribution(doc, sents, quoted, qs, qe) is not None:
        return True
    if n == 0:
        return False
    verb = _attribution(doc, sents, quoted, *quoted[n - 1])
    tail = text[verb.idx : qs - 1].rstrip() if verb is not None else ""
    return tail[-1:] == "." and len(tail.split()) <= 6 and not _QUOTE_OPEN.search(tail)


def _attribution(
    doc: Any, sents: list[tuple[int, int]], quoted: Sequence[tuple[int, int]], qs: int, qe: int
) -> Any:
    """The speech verb of the attribution right after the quotation ``text[qs:qe]``, which
    ends with its clause's comma, ! or ? ('"…," Ruiz said', '"…!" the company posted',
    '"…", he says'): a verb after at most five words of its subject (None: no such verb)."""
    text = doc.text
    if not (text[qe - 1 : qe] in ",!?" or text[qe + 1 : qe + 2] == ","):
        return None
    verb = speech_verb(doc, sents, quoted, qs, qe)
    if verb is None or verb.idx < qe:
        return None
    between = text[qe + 1 : verb.idx].strip(" ,")
    if (
        len(between.split()) > 5
        or any(c in between for c in ".!?;:")
        or _QUOTE_OPEN.search(between)
    ):
        return None
    return verb


def _standalone(text: str, qs: int, qe: int) -> bool:
    """Whether the quotation ``text[qs:qe]`` stands as quoted speech: it opens a paragraph or
    sentence, follows a colon, comma or dash, or holds whole sentences of its own ("noted
    that "traffic rose. The berths are full.""); not a phrase quoted inside the writer's
    own sentence ("he is going to "work hard for the day"", "a "puppet" of ...")."""
    before = text[: max(0, qs - 1)].rstrip()
    if not before or before[-1] in ":,.!?;—–-([\"“”'’‘…：，。！？；、":
        return True
    if _CJK_SPEECH.match(text, qe + 1) or _CJK_SENTENCE.search(text, qs, qe):
        return True  # '…は「…」と述べた', or whole sentences of its own
    last = before[-20:].split()[-1].lower()
    if last in SPEECH_VERBS:
        return True  # 'The statement said "US personnel worked ..."'
    return _INNER_SENTENCE.search(text, qs, qe) is not None


# Japanese marks what is said with the particle と after the quotation ('「…」と述べた');
# a Chinese or Japanese quotation holding a sentence's end is a sentence of its own
_CJK_SPEECH = re.compile("と")
_CJK_SENTENCE = re.compile("[。！？]")
_INNER_SENTENCE = re.compile(r"[.!?][\"'”’)]?\s+[\"“‘]?[A-Z]")


def quote_facts(
    state: State, canonical_of: dict[str, str], who: tuple[Fact, ...]
) -> tuple[Fact, ...]:
    top_who = {f.value for f in who[:3]}
    items = _once(state.quotes)
    speakers, weights = [], []
    for item in items:
        speaker = item.speaker
        if item.speaker_label != "NOUN":  # "the magazine" is no short form of a name
            speaker = _canonical_speaker(item.speaker, canonical_of)
            speaker = full_name(state, speaker) if speaker else None
        speakers.append(speaker)
        weights.append(item.weight + (state.weights.top_speaker if speaker in top_who else 0.0))
    weights = _one_per_speaker(items, speakers, weights, state.weights.speaker_repeat)
    facts = [
        Fact(
            item.text,
            None,
            item.evidence,
            saturate(weight, state.weights.quotes_half),
            speaker=speaker,
            label="QUOTE",
            sentence_index=item.sentence_index,
        )
        for item, speaker, weight in zip(items, speakers, weights, strict=True)
    ]
    facts.sort(key=lambda f: (-f.score, f.sentence_index or 0))
    return tuple(facts[: LIMITS["quotes"]])


def _one_per_speaker(
    items: list[Item], speakers: list[str | None], weights: list[float], repeat: float
) -> list[float]:
    """The weights of ``items`` (in article order) so that a page shows one quote per
    speaker first: the pieces of one speaker's words in sentences next to each other ('"A,"
    X said. "B." He added: "C."') are one run, ranked by its best piece and shown from its
    first; the run's other pieces, and every further run of that speaker, count ``repeat``
    times their weight. Quotes with no speaker are left as they are."""
    out = list(weights)
    runs: dict[str, list[list[int]]] = {}
    last: dict[str, int] = {}
    for k, (item, speaker) in enumerate(zip(items, speakers, strict=True)):
        if speaker is None:
            continue
        own = runs.setdefault(speaker, [])
        index = item.sentence_index
        prev = last.get(speaker)
        near = index is not None and prev is not None and index - prev <= 1
        if own and near and own[-1][-1] == k - 1:
            own[-1].append(k)
        else:
            own.append([k])
        if index is not None:
            last[speaker] = index
    for own in runs.values():
        best = max(own, key=lambda run: max(weights[k] for k in run))
        for run in own:
            top = max(weights[k] for k in run)
            for k in run:
                first = run is best and k == run[0]
                out[k] = top if first else weights[k] * repeat
    return out


def _once(items: list[Item]) -> list[Item]:
    """Each quotation once: a pull quote repeats a quotation of the body word for word,
    without its speaker; the one with a speaker (else the first) stays."""
    kept: dict[tuple[str, ...], Item] = {}
    for item in items:
        words = tuple(_WORD.findall(item.text.lower()))
        seen = kept.get(words)
        if seen is None or (item.speaker and not seen.speaker):
            kept[words] = item
    return [item for item in items if kept[tuple(_WORD.findall(item.text.lower()))] is item]


_WORD = re.compile(r"\w+")


def _canonical_speaker(name: str | None, canonical_of: dict[str, str]) -> str | None:
    if not name:
        return None
    key = name_key(name)
    if key in canonical_of:
        return canonical_of[key]
    words = name_tokens(key)
    for other, canonical in canonical_of.items():
        if subset(words, name_tokens(other)):
            return canonical
    return name
