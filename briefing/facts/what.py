"""What: the event as a short clause (subject, verb, object) from the title and top sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from ..models import Fact
from .rank import saturate
from .state import LIMITS, Item, State, sentence_at
from .words import (
    CIRCUMSTANTIAL,
    ORG_PRONOUNS,
    PERSON_PRONOUNS,
    SPEECH_VERBS,
    content_stems,
    fold,
    join_tokens,
    stem,
)


def headline_statement(segments: list[Any]) -> str | None:
    """The headline's main segment, cut before a circumstantial clause ("as", "after"): the
    longest, as a site's name or a kicker beside it is short ("LinkNaija | Nigeria's news
    platform: BREAKING NEWS: Chelsea activate ...", "... - TechCrunch" on many pages)."""
    segments = sorted(segments, key=lambda seg: -len(seg))
    for segment in segments:
        tokens = [t for t in segment if not _quoted_token(t)]
        for k, tok in enumerate(tokens):
            if k >= 2 and tok.lower_ in CIRCUMSTANTIAL and tok.tag_ in ("IN", "RB"):
                tokens = tokens[:k]
                break
        while tokens and (tokens[-1].is_punct or tokens[-1].tag_ in ("IN", "CC", "DT", "TO")):
            tokens.pop()
        while tokens and tokens[0].is_punct:
            tokens.pop(0)
        if len(tokens) >= 3:
            return join_tokens(tokens)
    return None


def _asks(segment: Any) -> bool:
    """Whether a headline segment is a question (ends on "?", before any closing quote)."""
    return bool(segment.text.rstrip(" \"'”’)»").endswith("?"))


def _quoted_token(tok: Any) -> bool:
    return bool(tok.tag_ in ("``", "''") or tok.text in ('"', "“", "”"))


def headline_segments(doc: Any) -> list[Any]:
    """A headline's parts split at a colon or dash, the statement after a kicker first:
    "Croydon tram crash: Police identify three victims" -> the part after the colon."""
    cuts = [t.i for t in doc if t.text in (":", "|", "-", "–", "—") and t.whitespace_]
    bounds = [0, *[c + 1 for c in cuts], len(doc) + 1]
    parts = [doc[a : b - 1] for a, b in pairwise(bounds) if b - 1 > a]
    return parts[1:] + parts[:1] if len(parts) > 1 else parts


def read_what(state: State, offset: int, doc: Any, spans: Sequence[tuple[int, int]]) -> None:
    """The event clauses of ``doc``'s top sentences (``spans``: its quotations, as
    :func:`briefing.facts.quotes.quote_spans` gives them)."""
    end = offset + len(doc.text)
    first = sentence_at(state.starts, offset)
    # quoted speech is someone's words, not the writer's account of the event: "we have
    # received an inquiry", "he's getting a little bit of confidence back" (seen as What
    # lines on many pages); the dateline ("BUFFALO, N.Y. —") names no actor
    quoted = [(a, b) for a, b in spans if b > a]
    dateline = state.dateline_end - offset
    for index in range(first, len(state.spans)):
        sent = state.spans[index]
        if sent.start >= end:
            break
        if index not in state.top:
            continue
        span = doc.char_span(sent.start - offset, sent.end - offset, alignment_mode="expand")
        if span is None:
            continue
        before = state.spans[index - 1] if index > 0 else None
        previous = None
        if before is not None and before.start >= offset:
            previous = doc.char_span(
                before.start - offset, before.end - offset, alignment_mode="expand"
            )
        found = _event(span, doc, full=True, quoted=quoted, dateline=dateline, previous=previous)
        if found is not None:
            clause, verb = found
            item = Item(clause, None, sent.text, index, state.top[index], "EVENT", sent.start)
            item.key = verb
            state.what.append(item)


def read_title_what(state: State, title: str, doc: Any) -> None:
    """The headline's clause (after a kicker such as "Croydon tram crash:"), the first
    "what"; without a verb the small model can find ("Lady Gaga protests outside Trump
    Tower" read as a noun phrase), the headline's main segment, still the shortest
    statement of the event. A question states nothing ("Does Marie Yovanovitch Have a Net
    Worth of $17 Million?", "Opinion | Is Football Violence a Crime?": 4 of the 90 dev web
    pages, each shown as a What line): the body's clauses answer instead."""
    segments = [s for s in headline_segments(doc) if not _asks(s)]
    for segment in segments:
        found = _event(segment, doc, headline=True)
        if found is not None:
            item = Item(found[0], None, title, None, 1.0, "TITLE", -1)
            item.key = found[1]
            state.what.append(item)
            return
    statement = headline_statement(segments)
    if statement:
        state.what.append(Item(statement, None, title, None, 1.0, "TITLE", -1))


# "This is not the first time": a pronoun and a copula state no event; never a "what".
_EMPTY_CLAUSE = re.compile(r"^(?:this|that|it|there|these|those)\s+(?:is|are|was|were|'s)\b", re.I)


_EMPTY_SUBJECTS = frozenset(("it", "there", "this", "that", "these", "those", "what", "which"))
_CORE_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")


_VERB_GROUP = ("aux", "auxpass", "neg", "prt")


_OBJECT_DEPS = ("dobj", "attr", "acomp", "oprd", "dative", "xcomp", "ccomp", "agent")


_DROP_DEPS = ("relcl", "acl", "advcl", "appos", "parataxis", "punct", "cc", "mark", "meta")


def _event(
    span: Any,
    doc: Any,
    *,
    headline: bool = False,
    full: bool = False,
    quoted: list[tuple[int, int]] | None = None,
    dateline: int = 0,
    previous: Any = None,
) -> tuple[str, str] | None:
    """The main event of a sentence as one short clause: subject, verb group and object,
    verbatim words in article order (trimmed of subordinate clauses and appositions), with
    the verb's stem. In a headline the verb must have a subject and must not sit inside
    quotation marks. ``full``: only a full event clause, with a subject that names
    something (no "it", "there", "this is", no pronoun a reader cannot resolve: "they",
    "we"), an object or complement, a verb outside ``quoted`` (character ranges of quoted
    speech in ``doc``) and a subject after ``dateline`` (where the dateline ends in ``doc``).
    Of several subjects the parser gives one verb, the one inside ``span`` nearest before
    the verb is the subject ("Croydon tram crash: Police identify ...", "Parise heating up,
    scores twice as Wild beat Sabres": the kicker's noun is no subject of the verb)."""
    verb = _main_verb(span, headline=headline)
    if verb is None:
        return None
    if quoted and any(a <= verb.idx < b for a, b in quoted):
        return None
    keep: list[Any] = []
    subjects = _subjects(verb, span)
    if (headline or full) and not subjects:
        return None
    named = None
    if (full or headline) and subjects[0].lower_ in _PRONOUNS:
        named = _antecedent(subjects[0], previous) if full else None
        if named is None:
            return None
    if full and subjects[0].idx < dateline:
        return None
    if subjects:
        keep += _trimmed(subjects[0], 8)
    keep += [verb] + [c for c in verb.children if c.dep_ in _VERB_GROUP]
    objects = [
        c for c in verb.children if c.dep_ in _OBJECT_DEPS and c.i > verb.i and not _bare_clause(c)
    ]
    if not [c for c in objects if c.dep_ != "dative"]:
        # a quoted name the parser hung off the verb as an adverb or an apposition is its
        # object: "A Man Developed 'Feather Duvet Lung' After ...", "Bedding Gave Him
        # ‘Feather Duvet Lung’" (3 headlines of the dev pages ended at the verb)
        objects += [c for c in verb.children if c.i > verb.i and _quoted_noun(c)]
    if not objects:
        # an amount is what a verb of change moved by: "Shares fell 3.1%", "rose 12 points"
        objects += [c for c in verb.children if c.i > verb.i and _amount(c)]
    preps = [
        c
        for c in verb.children
        if c.dep_ == "prep" and c.i > verb.i and c.lower_ not in CIRCUMSTANTIAL
    ]
    if objects:
        obj = objects[0]
        keep += _trimmed(obj, 12)
        # after whom, what they are given, asked or told: "handed me [a novel]", "would
        # like us [to know ...]"; a pronoun alone ends no event
        then = [c for c in objects[1:] if c.dep_ in ("dobj", "ccomp", "xcomp") or _quoted_noun(c)]
        if then and (obj.dep_ == "dative" or obj.tag_ == "PRP"):
            keep += _trimmed(then[0], 10)
        # An object's complement completes the event: "keeps Spain alive", "named Smith
        # chief executive", "declared the man dead"; without it the line says the opposite
        # or nothing ("Nadal keeps Spain").
        for extra in objects[1:]:
            if extra.dep_ in ("oprd", "acomp"):
                words = _trimmed(extra, 12)
                if len(words) <= 4:
                    keep += words
                elif extra.tag_.startswith("JJ"):  # "declared the man dead on arrival"
                    keep += [t for t in words if t.i <= extra.i]
                # else a long complement ("save for a few meaningful throwback
                # features"): its head alone would end the line mid-phrase ("... save")
        after = [p for p in preps if p.i > obj.i]
        if after and len(list(after[0].subtree)) <= 5 and after[0].i <= max(t.i for t in keep) + 2:
            keep += _trimmed(after[0], 5)
    elif preps:
        keep += _trimmed(preps[0], 8)
    if full and (
        subjects[0].dep_ == "expl"
        or subjects[0].lower_ in _EMPTY_SUBJECTS
        or not (objects or preps)
    ):
        return None
    tokens = _whole_words(
        sorted({t.i: t for t in keep if span.start <= t.i < span.end}.values(), key=lambda t: t.i),
        span,
    )
    if quoted and _quotes_a_clause(tokens, quoted):
        return None  # 'A spokesperson said "we have received an inquiry ..."': their words
    tokens = [t for t in tokens if not _quote_mark(t)]
    kept = {t.i for t in tokens}
    # a hyphen stays only inside a word kept whole ("6-4"), never left by a dropped
    # apposition ("Rep. David McKinley, R-W.Va., visited" -> not "McKinley - visited")
    tokens = [t for t in tokens if not (t.is_punct and _glued(t)) or {t.i - 1, t.i + 1} <= kept]
    while tokens and (_loose_end(tokens[-1]) or tokens[-1].tag_ in ("IN", "CC", "DT", "TO")):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if len(tokens) < 2:
        return None
    if tokens[-1].i == verb.i and verb.lemma_ == "be":
        # a copula without its complement says nothing: "The Future of Apple Innovation
        # Is", "The Early Reviews For Google's Stadia Gaming Are" (headlines whose
        # complement the parser attached elsewhere, seen on several dev pages)
        return None
    if named is not None:
        # the pronoun a reader could not resolve, replaced in brackets by the subject of
        # the sentence before: "[Syria's new security forces] are cooperating with ..."
        rest = [t for t in tokens if t.i != subjects[0].i]
        text = f"[{named}] {join_tokens(rest)}" if rest else ""
    else:
        text = join_tokens(tokens)
    if full and (not text or _EMPTY_CLAUSE.match(text)):
        return None
    return text, stem(verb.lower_)


def _bare_clause(tok: Any) -> bool:
    """A clausal complement with nothing of its own, a parse fragment: "UN warns of
    'catastrophic' winter … as fighting spreads" hung "spreads" off "warns" ("UN warns
    spreads")."""
    return bool(
        tok.dep_ == "ccomp"
        and tok.tag_.startswith("VB")
        and not any(
            t.dep_ in _CORE_DEPS or t.dep_ in _OBJECT_DEPS for t in tok.subtree if t is not tok
        )
    )


def _amount(tok: Any) -> bool:
    """An amount the parser hung off a verb as an adverb: "3.1%", "12 points", "$2"."""
    return bool(
        tok.dep_ == "npadvmod"
        and (
            tok.ent_type_ in ("PERCENT", "MONEY", "QUANTITY")
            or any(c.dep_ == "nummod" for c in tok.children)
        )
    )


def _quoted_noun(tok: Any) -> bool:
    """A noun phrase in quotation marks that the parse attached as an adverb or apposition."""
    if tok.dep_ not in ("npadvmod", "appos") or not tok.tag_.startswith("NN"):
        return False
    first = tok.doc[min(t.i for t in tok.subtree)]
    opener = first if _quote_mark(first) else tok.doc[first.i - 1] if first.i > 0 else None
    return opener is not None and _quote_mark(opener)


def _quote_mark(tok: Any) -> bool:
    """A quotation mark, double (:func:`_quoted_token`) or single and curly."""
    return _quoted_token(tok) or tok.text in ("‘", "’")


def _quotes_a_clause(tokens: list[Any], quoted: list[tuple[int, int]]) -> bool:
    """Whether ``tokens`` hold a quoted clause (a verb and its subject, both inside quotation
    marks: someone's statement), not a quoted phrase of the writer's sentence (prosecutors
    alleged the guards "browsed the Internet")."""

    def inside(tok: Any) -> bool:
        return any(a <= tok.idx < b for a, b in quoted)

    return any(
        tok.tag_.startswith("VB")
        and inside(tok)
        and any(c.dep_ in _CORE_DEPS and inside(c) for c in tok.children)
        for tok in tokens
    )


def _antecedent(pronoun: Any, previous: Any) -> str | None:
    """What "they", "he" or "she" stands for: the subject of the sentence before, when it
    agrees (a plural noun phrase for "they", a person for "he"/"she"); None otherwise."""
    word = pronoun.lower_
    if previous is None or word not in ("they", "he", "she"):
        return None
    verb = _main_verb(previous)
    if verb is None:
        return None
    subjects = _subjects(verb, previous)
    if not subjects or subjects[0].lower_ in _PRONOUNS:
        return None
    head = subjects[0]
    if word == "they":
        agrees = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)
    else:
        agrees = head.ent_type_ == "PERSON"
    if not agrees:
        return None
    words = [t for t in _trimmed(head, 8) if not t.is_punct or t.text in ("'", "’")]
    return join_tokens(words) or None


_PRONOUNS = PERSON_PRONOUNS | ORG_PRONOUNS | frozenset(("you", "me", "us", "them", "him"))


def _subjects(verb: Any, span: Any) -> list[Any]:
    """The verb's subjects inside ``span``, the nearest before the verb first."""
    inside = [c for c in verb.children if c.dep_ in _CORE_DEPS and span.start <= c.i < span.end]
    return sorted(inside, key=lambda c: (c.i > verb.i, abs(verb.i - c.i)))


def _main_verb(span: Any, *, headline: bool = False) -> Any:
    """The verb of the sentence's main clause: a verbal root, else (headlines such as
    "Trump election: Clinton blames defeat") the first finite verb that has a subject; for
    a speech verb with a reported clause ("X said Y did Z"), the reported verb."""
    quoted = _quoted(span) if headline else set()
    roots = [t for t in span if t.head.i == t.i or not (span.start <= t.head.i < span.end)]
    verbs = [t for t in roots if t.tag_.startswith("VB") and t.i not in quoted]
    if not verbs:
        verbs = [
            t
            for t in span
            if t.tag_ in ("VBZ", "VBP", "VBD", "VB", "VBN")
            and t.i not in quoted
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            and not any(c.dep_ == "mark" for c in t.children)
            and t.dep_ not in ("relcl", "advcl")
        ]
    if not verbs:
        return None
    verb = verbs[0]
    if verb.lower_ in SPEECH_VERBS:
        reported = [c for c in verb.children if c.dep_ == "ccomp" and c.tag_.startswith("VB")]
        subjects = [g for g in reported[0].children if g.dep_ in _CORE_DEPS] if reported else []
        if subjects and subjects[0].lower_ not in _PRONOUNS:
            verb = reported[0]  # "X said Y did Z"; but "FBI announces it has ..." stays
    return verb


def _quoted(span: Any) -> set[int]:
    """Indices of tokens inside quotation marks ("'I BLAME COMEY' Clinton blames...")."""
    inside: set[int] = set()
    open_mark: str | None = None
    for tok in span:
        if _quoted_token(tok):
            open_mark = None if open_mark else tok.text
            continue
        if open_mark:
            inside.add(tok.i)
    return inside


def _trimmed(tok: Any, limit: int) -> list[Any]:
    """The subtree of ``tok`` without clauses, appositions and parentheses, at most
    ``limit`` words. When longer, the phrases after the head are kept whole while they fit
    and the first that does not is trimmed the same way, so a line never stops inside a
    phrase ("... as standard in Europe up to 277", "... for testing including": 7 of the 90
    dev pages); what comes before the head is cut after the head, as before."""
    out = _without_parentheses(list(tok.subtree))  # "7-6 (5)": the bracket goes whole
    out = [t for t in out if t.i == tok.i or not _dropped(t, tok)]
    if _words_in(out) <= limit:
        return out
    head_pos = next((k for k, t in enumerate(out) if t.i == tok.i), 0)
    kept = out[: head_pos + 1]
    if _words_in(kept) > limit:
        counted = [k for k, t in enumerate(out) if not (t.is_punct and _glued(t))]
        return out[: max(head_pos + 1, counted[limit - 1] + 1 if limit > 0 else 0)]
    inside = {t.i for t in out}
    for child in sorted((c for c in tok.rights if c.i in inside), key=lambda c: c.i):
        room = limit - _words_in(kept)
        phrase = [t for t in child.subtree if t.i in inside]
        if _words_in(phrase) <= room:
            kept += phrase
            continue
        part = [t for t in _trimmed(child, room) if t.i in inside] if room > 0 else []
        if part and _words_in(part) <= room and not _dangles(part[-1]):
            kept += part
        break
    return kept


def _dangles(tok: Any) -> bool:
    """Whether a phrase ending on ``tok`` stops before what it needs ("for", "including",
    "the", "and")."""
    return bool(tok.dep_ in ("prep", "agent", "cc", "det") or tok.tag_ in ("IN", "TO", "DT", "CC"))


def _words_in(tokens: list[Any]) -> int:
    """How many words ``tokens`` hold: a hyphen inside a word ("15-inch") is none."""
    return sum(1 for t in tokens if not (t.is_punct and _glued(t)))


def _loose_end(tok: Any) -> bool:
    """Punctuation a line cannot end on; a percent sign is the number's ("to 2.00%")."""
    return bool(tok.is_punct and tok.text not in ("%", "‰"))


def _dropped(tok: Any, top: Any) -> bool:
    if tok.dep_ == "punct" and _glued(tok):
        return False  # the hyphen of "6-4" or "al-Sharaa": part of the word, not a break
    while tok.i != top.i:
        if tok.dep_ == "cc" and any(c.dep_ == "conj" for c in tok.head.children):
            tok = tok.head  # the "and" of "he and Trump" joins the phrase's own parts
            continue
        if tok.dep_ == "mark" and tok.lower_ in ("whether", "if"):
            tok = tok.head  # "will decide whether to cut the fee": not a decision made
            continue
        if tok.dep_ in _DROP_DEPS:
            return True
        tok = tok.head
    return False


_HYPHENS = frozenset(("-", "‑"))


def _whole_words(tokens: list[Any], span: Any) -> list[Any]:
    """``tokens`` with the rest of each hyphenated word one of them is part of: the parser
    may hang "re", "-" and "election" off the verb apart, or "co-" outside "founder", so a
    line read "won re" or "founder of the firm sold"; likewise a number with the size or
    sign written onto it ("€95m" read as "€", "95" and a stray "m": "Osei completes €95")."""
    doc = span.doc
    kept = {t.i for t in tokens}
    todo = [i for i in kept if doc[i].text not in _HYPHENS]  # not from a stray hyphen
    while todo:
        i = todo.pop()
        for j in (i - 1, i + 1):
            k = min(i, j)
            one_word = (
                span.start <= j < span.end
                and not doc[k].whitespace_
                and (
                    doc[k].text in _HYPHENS
                    or doc[k + 1].text in _HYPHENS
                    or _number_and_unit(doc[k], doc[k + 1])
                )
            )
            if one_word and j not in kept:
                kept.add(j)
                todo.append(j)
    return [doc[i] for i in sorted(kept)]


def _number_and_unit(left: Any, right: Any) -> bool:
    """Two tokens written as one word, a number and its sign or size: "€" + "95", "95" +
    "m"."""
    return bool((left.tag_ == "$" and right.like_num) or (left.like_num and right.text.isalpha()))


def _glued(tok: Any) -> bool:
    """A punctuation token written inside a word: no space on either side of it."""
    return bool(
        tok.i > 0
        and tok.i + 1 < len(tok.doc)
        and not tok.doc[tok.i - 1].whitespace_
        and not tok.whitespace_
        and tok.text not in ("(", ")", "[", "]", "“", "”", '"', "%", "‰")
    )


def _without_parentheses(tokens: list[Any]) -> list[Any]:
    out = []
    depth = 0
    for tok in tokens:
        if tok.text in ("(", "["):
            depth += 1
            continue
        if tok.text in (")", "]"):
            depth = max(0, depth - 1)
            continue
        if depth == 0:
            out.append(tok)
    return out


def what_facts(state: State) -> tuple[Fact, ...]:
    """The best event clauses, one per event: a clause with the same verb as a better one
    and mostly the same words ("Jose Mourinho agrees deal" / "Jose Mourinho has agreed a
    deal") is the same event told twice."""
    items = sorted(state.what, key=lambda i: (-i.weight, i.pos))
    kept: list[tuple[Item, set[str]]] = []
    for item in items:
        words = content_stems(item.text)
        if any(_same_event(item, words, other, seen) for other, seen in kept):
            continue
        kept.append((item, words))
    return tuple(
        Fact(
            item.text,
            None,
            item.evidence,
            saturate(item.weight, state.weights.what_half),
            label=item.label,
            sentence_index=item.sentence_index,
        )
        for item, _words in kept[: LIMITS["what"]]
    )


def _same_event(item: Item, words: set[str], other: Item, seen: set[str]) -> bool:
    if not words or not seen:
        return fold(item.text) == fold(other.text)
    overlap = len(words & seen) / min(len(words), len(seen))
    same_verb = bool(item.key) and item.key == other.key
    return overlap >= 0.8 or (same_verb and overlap >= 0.5)
