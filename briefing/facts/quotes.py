"""Quotes: quoted speech and its speaker."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import Any

from ..models import Fact
from .entities import fixed_label
from .rank import saturate
from .state import LIMITS, MAX_CANDIDATES, Item, State, sentence_at
from .who import main_clause
from .words import (
    ORG_PRONOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    QUOTE_PAIRS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    WS,
    clean_surface,
    is_title_word,
    join_tokens,
    name_key,
    name_tokens,
    split_titles,
    subset,
)

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


def quote_spans(text: str, *, runs_on: bool = False) -> Iterator[tuple[int, int]]:
    """(start, end) of the text inside each quotation, curly or straight; an unclosed curly
    quote runs to the end of the paragraph, and so does an unclosed straight one when the
    paragraph ``runs_on`` (the next one opens with a quotation mark: the print convention
    for a quotation over several paragraphs). A straight quote opens only before a word
    (after a space, a bracket or a dash) and closes only after one: a closing mark is
    never read as an opening one, so one stray mark does not shift every later pair
    inside out ('come home." Mother-of-two ... was described as an "amazing" mother').
    A double mark typed as two single ones (``...'', ‘‘...’’, “...’’) is one."""
    text = _DOUBLED.sub(lambda m: _AS_CURLY[m.group()], text)  # same length, same offsets
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


def _opens(text: str, k: int) -> bool:
    """Whether the straight quote at ``text[k]`` can open a quotation."""
    before = text[k - 1] if k > 0 else " "
    after = text[k + 1] if k + 1 < len(text) else " "
    return not after.isspace() and (before.isspace() or before in "([{—–-/:")


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
    quotation mark (its start is kept in ``state.runs_on_at``): a quotation the paragraph
    leaves open runs on into it."""
    k = sentence_at(state.starts, end - 1) + 1
    state.runs_on_at = -1
    if 0 < k < len(state.spans) and state.spans[k].paragraph != state.spans[k - 1].paragraph:
        nxt = state.spans[k]
        if _QUOTE_OPEN.match(nxt.text) or _DOUBLED.match(nxt.text):
            state.runs_on_at = nxt.start
    return state.runs_on_at != -1


def read_quotes(
    state: State, offset: int, doc: Any, quoted: Sequence[tuple[int, int]], runs_on: bool = False
) -> None:
    """The quotations of ``doc`` (``quoted``: its :func:`quote_spans`) of four words or
    more, each with its speaker. A quotation over several paragraphs (``runs_on``: this
    one leaves it open) has one speaker: the one named in the paragraph that names one."""
    text = doc.text
    state.quoted += [(offset + qs, offset + qe) for qs, qe in quoted]
    found = [(qs, qe) for qs, qe in quoted if len(text[qs:qe].split()) >= 4]
    carried, waiting = state.carried_speaker, state.waiting
    state.carried_speaker, state.waiting = None, []
    if not found:
        return
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    for qs, qe in found:
        quote = text[qs:qe].strip().rstrip(",").rstrip()
        if len(state.quotes) >= MAX_CANDIDATES:
            return
        index = sentence_at(state.starts, offset + qs)
        speaker, label = None, None
        # the part of a quotation that ran on from the paragraph before
        continued = not text[: max(0, qs - 1)].strip() and (carried or waiting)
        named = state.model_reads and _speech_verb(doc, sents, quoted, qs, qe) is not None
        left_open = runs_on and qe >= len(text.rstrip())
        if continued and carried and not named:
            speaker, label = carried
        elif state.model_reads:  # else the parse is the English model's guess at foreign words
            speaker, label = _speaker(state, doc, sents, offset, quoted, qs, qe)
            if speaker is None:
                speaker, label = _nearest_person(state, offset + qs, offset + qe)
            if speaker is None:
                speaker, label = _described_speaker(doc, sents, quoted, qs, qe)
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


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls inside one of ``spans`` (sorted, not overlapping)."""
    k = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _standalone(text: str, qs: int, qe: int) -> bool:
    """Whether the quotation ``text[qs:qe]`` stands as quoted speech: it opens a paragraph or
    sentence, follows a colon, comma or dash, or holds whole sentences of its own ("noted
    that "traffic rose. The berths are full.""); not a phrase quoted inside the writer's
    own sentence ("he is going to "work hard for the day"", "a "puppet" of ...")."""
    before = text[: max(0, qs - 1)].rstrip()
    if not before or before[-1] in ":,.!?;—–-([\"“”'’‘…":
        return True
    last = before[-20:].split()[-1].lower()
    if last in SPEECH_VERBS:
        return True  # 'The statement said "US personnel worked ..."'
    return _INNER_SENTENCE.search(text, qs, qe) is not None


_INNER_SENTENCE = re.compile(r"[.!?][\"'”’)]?\s+[\"“‘]?[A-Z]")


def _speaker(
    state: State,
    doc: Any,
    sents: list[tuple[int, int]],
    offset: int,
    quoted: Sequence[tuple[int, int]],
    qs: int,
    qe: int,
) -> tuple[str | None, str | None]:
    """The speaker of the quotation at ``doc.text[qs:qe]``: the subject of the nearest speech
    verb outside the quote in its sentence, a pronoun resolved to the last named person or
    organisation, or the object of "according to"."""
    verb = _speech_verb(doc, sents, quoted, qs, qe)
    if verb is None:
        return _previous_speaker(state, offset + qs)
    if verb.lower_ == "according":
        objs = [t for c in verb.children for t in c.children if t.dep_ == "pobj"]
        return _named_in(state, objs[:1], offset + qs) if objs else (None, None)
    subjects = _subjects(verb)
    if not subjects:
        return _previous_speaker(state, offset + qs)
    # a pronoun refers back from where it stands: "he ... called Omar a 'terrorist' and
    # said, '...'" is not Omar, named between the pronoun and the quotation
    return _named_in(state, subjects, offset + min(qs, subjects[0].idx))


def _subjects(verb: Any) -> list[Any]:
    """The speech verb's subjects, or those of the verb it is coordinated with ("he asked
    about the group, called her a 'terrorist' and said, '...'": "said" shares "he")."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects or verb.dep_ != "conj" or not verb.head.tag_.startswith("VB"):
            return subjects
        verb = verb.head
    return []


def _described_speaker(
    doc: Any, sents: list[tuple[int, int]], quoted: Sequence[tuple[int, int]], qs: int, qe: int
) -> tuple[str | None, str | None]:
    """The speaker as the article describes it when it names nobody: the noun phrase that
    is the speech verb's subject ("officers announced", "said the magazine", "a
    spokesperson said"), seen on many pages whose quotes came without a speaker."""
    verb = _speech_verb(doc, sents, quoted, qs, qe)
    if verb is None or verb.lower_ == "according":
        return None, None
    subjects = _subjects(verb)
    if not subjects or subjects[0].tag_ not in ("NN", "NNS") or subjects[0].ent_type_:
        return None, None
    head = subjects[0]
    if any(qs <= t.idx < qe for t in head.subtree):
        return None, None
    described = _noun_phrase(head)
    return (described, "NOUN") if described else (None, None)


def _noun_phrase(head: Any) -> str | None:
    """The noun phrase of ``head`` up to the noun: "the magazine", "a company spokesperson",
    "the company's spokesman", "the Aston Villa manager"."""
    words = [t for t in head.subtree if t.i == head.i or _premodifies(t, head)]
    if words[-1].i - words[0].i + 1 != len(words):
        return None
    return join_tokens(words)


_PREMODIFIERS = ("det", "amod", "compound", "poss", "nmod")


def _premodifies(tok: Any, head: Any) -> bool:
    """Whether ``tok`` sits in a modifier standing before the noun ``head`` ("the",
    "company's", "Aston Villa" of "the Aston Villa manager")."""
    while tok.head.i != head.i:
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return tok.i < head.i and tok.dep_ in _PREMODIFIERS


def _role_holder(state: State, head: Any, pos: int) -> tuple[str, str] | None:
    """The person the article named, before ``pos``, in the role the noun phrase of
    ``head`` describes: "the Villa manager said" after "Villa manager Dean Smith" or "Dean
    Smith, the Villa manager," is Dean Smith. The role must hold the phrase's noun and
    every word that modifies it ("the company's spokesman" is not "spokesman Tom Lee" of
    another company; "Gov." is "governor"); of several, the one named last."""
    wanted = {head.lower_} | {
        t.lower_
        for t in head.subtree
        if t.is_alpha and t.i != head.i and _premodifies(t, head) and t.dep_ != "det"
    }
    before = sentence_at(state.starts, pos)
    holders = set()
    for actor in state.who.values():
        if actor.role is None or actor.role_evidence is None:
            continue
        _evidence, index, name = actor.role_evidence
        words = _ROLE_WORD.findall(actor.role.lower())
        if index is not None and index <= before and wanted <= _expanded(words):
            holders.add(actor.key)
    if not holders:
        return None
    for p, name, _label, _subject in reversed(state.speakers):  # "Christie" read as an ORG too
        if p < pos and name_key(name) in holders and not _inside(state.quoted, p):
            return name, "PERSON"
    return None


def _expanded(words: list[str]) -> set[str]:
    return {TITLE_ABBREVIATIONS.get(w, w) for w in words}


_ROLE_WORD = re.compile(r"[^\W\d_]+")


def _names_whose(tok: Any) -> bool:
    """Whether the modifier ``tok`` says whose role it is: a person's or an organisation's
    name, or a possessive that is no pronoun ("the Villa manager", "the company's
    spokesman"; "his spokesman" still looks back for "his"). A place, a party or a number
    describes the person, named before ("the Texas senator", "the Republican lawmaker",
    "the two-term president"), so those still look back."""
    return tok.ent_type_ in ("PERSON", "ORG") or (tok.dep_ == "poss" and tok.tag_ != "PRP$")


def _speech_verb(
    doc: Any, sents: list[tuple[int, int]], quoted: Sequence[tuple[int, int]], qs: int, qe: int
) -> Any:
    """The speech verb nearest the quotation, in the sentences it touches, outside it and
    outside every other quotation: a verb inside quoted words is the quoted speaker's
    ('"... as Erica said the other day, 'What if ...,'" Clinton concluded' is not Erica's;
    'said' inside the next paragraph's quotation was read as this one's verb on PolNeAR
    pages from the Huffington Post, Breitbart and the Washington Post)."""
    # the sentence right after the closing mark too: the parser often ends a sentence at
    # '... we got her!"' and starts the next at 'officers announced'
    near = [(a, b) for a, b in sents if a <= qe + 3 and b >= qs - 1]
    lo = min((a for a, _b in near), default=qs)
    hi = max((b for _a, b in near), default=qe)
    window = doc.char_span(lo, hi, alignment_mode="expand")
    best = None
    best_dist = 1 << 30
    for tok in window if window is not None else doc:
        if qs <= tok.idx < qe or _inside(quoted, tok.idx):
            continue
        if tok.lower_ in SPEECH_VERBS and (tok.tag_.startswith("VB") or tok.lower_ == "according"):
            dist = qs - tok.idx if tok.idx < qs else tok.idx - qe
            if dist < best_dist:
                best, best_dist = tok, dist
    return best


def _named_in(state: State, heads: list[Any], pos: int) -> tuple[str | None, str | None]:
    """A name for the phrases headed by ``heads``: a person (else an organisation) inside
    them, else a pronoun or role noun resolved to the last person/organisation before
    ``pos``."""
    # "the Villa manager said": a noun's modifiers say whose role it is, they are not the
    # speaker ("Villa", "the company's")
    head = heads[0]
    role = head.tag_ in ("NN", "NNS")
    # the heads' own names first: "Butte County Sheriff Kory Honea said" is Honea's, though
    # the model tagged the county before him as a person too
    subtree = [*heads, *(t for h in heads for t in h.subtree if t not in heads)]
    named = _entity_in([t for t in subtree if not (role and _premodifies(t, head))])
    if named is not None:
        return named
    if head.tag_ == "NNP" and head.text[:1].isupper() and not is_title_word(head.text):
        # a name the model left without an entity: "Mourinho said"
        parts = [t for t in head.subtree if t.tag_ == "NNP" and t.i <= head.i]
        name = clean_surface(" ".join(t.text for t in parts if not is_title_word(t.text)))
        if name:
            return name, "PERSON"
    word = head.lower_
    if head.tag_ in ("NN", "NNS") and any(
        c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one", "another")
        for c in head.children
    ):
        # "A friend told the paper", "a company spokesperson said", "said one legal
        # expert": an indefinite noun introduces someone the article does not name; no
        # earlier name is meant
        described = _noun_phrase(head)
        if described:
            return described, "NOUN"
    if role:
        holder = _role_holder(state, head, pos)
        if holder is not None:
            return holder
        if any(_names_whose(t) for t in head.subtree if _premodifies(t, head)):
            described = _noun_phrase(head)  # "the Villa manager", "Trump's spokeswoman"
            if described and (word in PERSON_NOUNS or is_title_word(word)):
                return described, "NOUN"
            named = _entity_in(subtree)  # "The CENTCOM report noted": CENTCOM's words
            if named is not None:
                return named
    if word in PERSON_NOUNS:
        previous = _previous_speaker(state, pos)
        if previous[1] == "NOUN" and previous[0] and previous[0].split()[-1].lower() == word:
            return previous  # "said one legal expert" ... "the expert warned"
    if word in PERSON_PRONOUNS or word in PERSON_NOUNS:
        return _last_subject(state, pos) or _last_named(state, pos, ("PERSON",))
    if word in ORG_PRONOUNS:
        last = _last_named(state, pos, ("ORG", "PERSON"))
        return last if last[0] else _previous_speaker(state, pos)
    previous = _previous_speaker(state, pos)
    if previous[1] == "NOUN":
        return None, None  # "officers announced", then "said the magazine": not the officers
    return previous


def _entity_in(tokens: list[Any]) -> tuple[str, str] | None:
    """The first person named among ``tokens``, else the first organisation."""
    if not tokens:
        return None
    doc = tokens[0].doc
    for wanted in ("PERSON", "ORG"):
        for tok in tokens:
            if not tok.ent_type_:
                continue
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            if ent is None or fixed_label(ent, ent.label_) != wanted:
                continue
            _prefix, name = split_titles(WS.sub(" ", ent.text).strip())
            name = clean_surface(name if wanted == "PERSON" else ent.text)
            if name:
                return name, wanted
    return None


def _nearest_person(state: State, start: int, end: int) -> tuple[str | None, str | None]:
    """The person named nearest the quotation, within ``NEAR`` characters of it, when no
    speech verb gives the speaker (a quote set off by a colon, a caption)."""
    best, best_gap = None, NEAR + 1
    for p, name, label, _subject in state.speakers:
        if label != "PERSON":
            continue
        gap = start - p if p < start else p - end
        if gap < 0 or _inside(state.quoted, p):
            continue  # a name inside the quote, or another one, is not its speaker
        if gap < best_gap:
            best, best_gap = name, gap
    return (best, "PERSON") if best else (None, None)


# How far from a quotation its speaker may be named, in characters.
NEAR = 250


# How many sentences back a "he"/"she" looks for a person who was a main clause's subject.
SUBJECT_SENTENCES = 2


def _last_subject(state: State, pos: int) -> tuple[str, str] | None:
    """The person a "he"/"she" before ``pos`` most likely is: the last person who was the
    subject of a main clause in this or the two sentences before ("Sasse said the charges
    are overdue. 'Heads needed to roll the day Epstein died,' he said": Sasse, not Epstein,
    named later but inside a clause). A surname the model tagged as an organisation
    counts when the article gives the full name as a person's."""
    first = sentence_at(state.starts, pos) - SUBJECT_SENTENCES
    for p, name, label, main_subject in reversed(state.speakers):
        if p >= pos or not main_subject or _inside(state.quoted, p):
            continue  # a name inside a quotation is the quoted speaker's, not the writer's
        if sentence_at(state.starts, p) < first:
            return None
        if label == "PERSON" or _a_persons_surname(state, name):
            return name, "PERSON"
    return None


def _a_persons_surname(state: State, name: str) -> bool:
    words = name_tokens(name_key(name))
    if len(words) != 1:
        return False
    own = state.who.get(words[0])
    if own is not None and own.label_votes["PERSON"] >= max(1, own.label_votes["ORG"]):
        return True
    for key, actor in state.who.items():
        votes = actor.label_votes
        if key.endswith(" " + words[0]) and votes["PERSON"] > votes["ORG"]:
            return True
    return False


def chain_subjects(state: State, offset: int, doc: Any, quoted: Sequence[tuple[int, int]]) -> None:
    """A "he" or "she" that is a main clause's subject stands, from then on, for the person
    it refers to, so a later "he said" still finds that person ("Andrew claims ... During
    the visit, he was photographed with Epstein ... He instead told the BBC: '...'" is
    Andrew's, not Epstein's, the last person named). A pronoun inside a quotation is the
    speaker's, not the writer's, and is left alone. A surname the model left without an
    entity is that person's too when it is a main clause's subject ("Elena Morales won …
    Morales, a former attorney general, declared victory … '…,' she said")."""
    for tok in doc:
        pronoun = tok.lower_ in PERSON_PRONOUNS and tok.lower_ != "i"
        # the tagger reads a surname as any noun ("Morales" as a plural)
        surname = (
            not pronoun and tok.tag_.startswith("NN") and tok.is_title and not tok.ent_type_
        )
        if not (pronoun or surname) or not main_clause(tok):
            continue  # the cheap tests first: a pronoun is rare among a paragraph's tokens
        if any(a <= tok.idx < b for a, b in quoted):
            continue
        pos = offset + tok.idx
        if surname:
            if tok.dep_ in ("nsubj", "nsubjpass") and _a_persons_surname(state, tok.text):
                bisect.insort(state.speakers, (pos, tok.text, "PERSON", True))
            continue
        person = _last_subject(state, pos)
        if person is not None:
            bisect.insort(state.speakers, (pos, person[0], "PERSON", True))


def _last_named(state: State, pos: int, labels: tuple[str, ...]) -> tuple[str | None, str | None]:
    for wanted in labels:
        for p, name, label, _subject in reversed(state.speakers):
            if p < pos and label == wanted and not _inside(state.quoted, p):
                return name, label
    return None, None


def _previous_speaker(state: State, pos: int) -> tuple[str | None, str | None]:
    """The speaker of the previous quotation when it is at most two sentences back."""
    if state.last_speaker is None:
        return None, None
    index, speaker, label = state.last_speaker
    if sentence_at(state.starts, pos) - index <= 2:
        return speaker, label
    return None, None


def quote_facts(
    state: State, canonical_of: dict[str, str], who: tuple[Fact, ...]
) -> tuple[Fact, ...]:
    top_who = {f.value for f in who[:3]}
    facts = []
    for item in state.quotes:
        speaker = item.speaker
        if item.speaker_label != "NOUN":  # "the magazine" is no short form of a name
            speaker = _canonical_speaker(item.speaker, canonical_of)
        weight = item.weight + (state.weights.top_speaker if speaker in top_who else 0.0)
        facts.append(
            Fact(
                item.text,
                None,
                item.evidence,
                saturate(weight, state.weights.quotes_half),
                speaker=speaker,
                label="QUOTE",
                sentence_index=item.sentence_index,
            )
        )
    facts.sort(key=lambda f: (-f.score, f.sentence_index or 0))
    return tuple(facts[: LIMITS["quotes"]])


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
