"""Quotes: the quotations of an article, as quote facts.

A quotation is the text between quotation marks (curly, straight or doubled, single ones
where the article quotes in single marks, possibly running over several paragraphs) of four
words or more, or a shorter one its own sentence attributes ('"Thank you," Ruiz said'); it
becomes a fact when it stands as quoted speech, not as a phrase quoted inside the writer's
own sentence. Who said it is found by :mod:`.speakers`; where the marks are, by
:mod:`briefing.marks`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..marks import DOUBLED, QUOTE_OPEN
from ..models import Fact
from ..nlp import text_of
from ..text import cjk_characters
from .rank import saturate
from .speakers import find_speaker, full_name, speech_verb
from .state import LIMITS, MAX_CANDIDATES, Item, State, sentence_at
from .words import SPEECH_VERBS, name_key, name_tokens, subset


def quotation_runs_on(state: State, end: int) -> bool:
    """Whether the paragraph ending at ``end`` is followed by one that opens with a
    quotation mark (a single one too where the article quotes in single marks): a
    quotation the paragraph leaves open runs on into it."""
    k = sentence_at(state.starts, end - 1) + 1
    if 0 < k < len(state.spans) and state.spans[k].paragraph != state.spans[k - 1].paragraph:
        nxt = state.spans[k].text
        if state.single_marks and nxt[:1] in "'‘":
            return True
        return bool(QUOTE_OPEN.match(nxt) or DOUBLED.match(nxt))
    return False


def read_quotes(
    state: State, offset: int, doc: Any, quoted: Sequence[tuple[int, int]], runs_on: bool = False
) -> None:
    """The quotations of ``doc`` (``quoted``: its :func:`quote_spans`) of four words or
    more (or shorter, :func:`_said_short`), each with its speaker. A quotation over
    several paragraphs (``runs_on``: this one leaves it open) has one speaker: the one
    named in the paragraph that names one."""
    text = text_of(doc)
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
        weight += state.weights.quote_length if _substantial(quote) else 0.0
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
    text = text_of(doc)
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
    return tail[-1:] == "." and len(tail.split()) <= 6 and not QUOTE_OPEN.search(tail)


def _attribution(
    doc: Any, sents: list[tuple[int, int]], quoted: Sequence[tuple[int, int]], qs: int, qe: int
) -> Any:
    """The speech verb of the attribution right after the quotation ``text[qs:qe]``, which
    ends with its clause's comma, ! or ? ('"…," Ruiz said', '"…!" the company posted',
    '"…", he says'): a verb after at most five words of its subject (None: no such verb)."""
    text = text_of(doc)
    if not (text[qe - 1 : qe] in ",!?" or text[qe + 1 : qe + 2] == ","):
        return None
    verb = speech_verb(doc, sents, quoted, qs, qe)
    if verb is None or verb.idx < qe:
        return None
    between = text[qe + 1 : verb.idx].strip(" ,")
    if len(between.split()) > 5 or any(c in between for c in ".!?;:") or QUOTE_OPEN.search(between):
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
    X said. "B." He added: "C."') are one run, ranked by its best weight and shown by its
    strongest piece (one long enough to say something, then the highest weight, then the
    most words: a split quotation's point, not its lead-in "The guide was the story"); the
    run's other pieces, and every further run of that speaker, count ``repeat`` times their
    weight. Quotes with no speaker are left as they are."""
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

    def strength(k: int) -> tuple[bool, float, int, int]:
        return (_substantial(items[k].text), weights[k], len(_WORD.findall(items[k].text)), -k)

    for own in runs.values():
        best_run = max(own, key=lambda run: max(weights[k] for k in run))
        for run in own:
            shown = max(run, key=strength)
            for k in run:
                if run is best_run and k == shown:
                    out[k] = max(weights[k] for k in run)
                else:
                    out[k] = weights[k] * repeat
    return out


def _substantial(quote: str) -> bool:
    """Whether a quotation is long enough to say something (6 to 60 words)."""
    return 6 <= len(quote.split()) <= 60


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
