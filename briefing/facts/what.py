"""What: the event as a short clause (subject, verb, object) from the title and top sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from ..models import Fact
from ..nlp import text_of
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
        while tokens and (_loose_end(tokens[-1]) or tokens[-1].tag_ in ("IN", "CC", "DT", "TO")):
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
    :func:`briefing.marks.quote_spans` gives them)."""
    end = offset + len(text_of(doc))
    first = sentence_at(state.starts, offset)
    # quoted speech is someone's words, not the writer's account of the event: "we have
    # received an inquiry", "he's getting a little bit of confidence back" (seen as What
    # lines on many pages); the dateline ("BUFFALO, N.Y. —") names no actor
    quoted = [(a, b) for a, b in spans if b > a]
    dateline = state.dateline_end - offset if state.dateline and state.dateline.start < end else 0
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
    segments = [_before_trailing_clause(s) for s in headline_segments(doc) if not _asks(s)]
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


def _before_trailing_clause(segment: Any) -> Any:
    """A headline segment without the clause after its last comma when that clause holds
    the parse's root and the words before it hold a verb of their own: an attribution
    ("New flu strain found in Cambodia, scientists say") or a second, lesser event ("Oil
    jumps 4% as OPEC+ extends cuts, Red Sea attacks resume"); the headline's event comes
    first. A clause after the comma without a subject of its own ("strengthens to Category
    4, takes aim at Florida", "crashes near Kathmandu, killing 41") hangs off the first
    verb and leaves the segment whole."""
    commas = [t.i for t in segment if t.text == "," and t.i - segment.start >= 3]
    if not commas:
        return segment
    cut = commas[-1]
    if cut + 1 >= segment.end:
        return segment  # the comma ends the segment: no clause after it
    after = segment.doc[cut + 1 : segment.end]
    roots = [t for t in after if t.head.i == t.i or not (segment.start <= t.head.i < segment.end)]
    clause = any(
        t.tag_.startswith("VB")
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > cut for c in t.children)
        for t in roots
    )
    before = segment.doc[segment.start : cut]
    quoted = _quote_mark(segment[0]) or _quote_mark(segment.doc[cut + 1])
    # a verb that states (not "Parise heating up, scores twice as Wild beat Sabres")
    stated = any(t.tag_ in ("VBZ", "VBP", "VBD", "VBN") for t in before)
    if clause and stated and not quoted:  # not "'We had issues,' exec says"
        return before
    return segment


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
    if verb is None or _participle_read_as_verb(verb):
        return None
    if quoted and any(a <= verb.idx < b for a, b in quoted):
        return None
    if full and quoted and _tags_a_quote(verb, quoted):
        return None  # '"I take full responsibility," Rayner wrote in her letter': a speech tag
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
    keep += [verb] + [c for c in verb.children if c.dep_ in _VERB_GROUP or _particle(c, verb)]
    objects = [
        c for c in verb.children if c.dep_ in _OBJECT_DEPS and c.i > verb.i and not _bare_clause(c)
    ]
    if not [c for c in objects if c.dep_ != "dative"]:
        # a quoted name the parser hung off the verb as an adverb or an apposition is its
        # object: "A Man Developed 'Feather Duvet Lung' After ...", "Bedding Gave Him
        # ‘Feather Duvet Lung’" (3 headlines of the dev pages ended at the verb)
        objects += [c for c in verb.children if c.i > verb.i and _quoted_noun(c)]
    # an amount is what a verb of change moved by: "Shares fell 3.1%", "rose 12 points",
    # also before a clause that goes on ("lost 1.56% to end at 6,538.76 points"); a rank
    # is where one came ("came second for the third year")
    amounts = [c for c in verb.children if c.i > verb.i and (_amount(c) or _rank(c, verb))]
    if amounts and (not objects or objects[0].dep_ in ("xcomp", "ccomp")):
        objects = (
            [c for c in objects if c.i < amounts[0].i]
            + [amounts[0]]
            + [c for c in objects if c.i > amounts[0].i]
        )
    if not objects and verb.dep_ in ("compound", "amod") and verb.head.i > verb.i:
        # a verb the parse read into a noun compound is its object's verb: "Celtic confirm
        # signing of Japanese forward" (root "signing", "confirm" a compound of it)
        keep += [t for t in _trimmed(verb.head, 12) if t.i > verb.i]
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
            if (
                extra.dep_ == "xcomp"
                and extra.tag_.startswith("VB")
                and obj.dep_ in ("dobj", "npadvmod", "advmod")
            ):
                # what the object is made to do or be: "forces the network to divert
                # ambulances", "brings trains to a halt", "lost 1.56% to end at ..."
                words = _trimmed(extra, 8)
                if not _dangles(words[-1]):
                    keep += words
                continue
            if extra.dep_ in ("oprd", "acomp"):
                words = _trimmed(extra, 12)
                if len(words) <= 4:
                    keep += words
                elif extra.tag_.startswith("JJ"):  # "declared the man dead on arrival"
                    keep += [t for t in words if t.i <= extra.i]
                # else a long complement ("save for a few meaningful throwback
                # features"): its head alone would end the line mid-phrase ("... save")
        after = [p for p in preps if p.i > obj.i]
        near = bool(after) and after[0].i <= max(t.i for t in keep) + 2
        if near and len(list(after[0].subtree)) <= 5:
            keep += _trimmed(after[0], 5)
        elif near and headline:
            # a headline's verb and object need their place phrase, even a long one, cut
            # to its noun: "Root century puts England in control [of second Test]"; not a
            # time ("win World Series for first time in 108 years"), nor a verb ("pleads
            # guilty to threatening [to kill ...]")
            words = _trimmed(after[0], 3)
            timed = any(t.ent_type_ in ("DATE", "TIME", "ORDINAL") for t in words)
            if len(words) > 1 and not timed and words[-1].tag_.startswith("NN"):
                keep += words
    elif preps:
        keep += _trimmed(preps[0], 8)
    if not preps and all(_amount(c) for c in objects):
        # nothing but a tally before "to" + verb: the infinitive is what was decided
        # ("Council votes 7-4 to approve the plan", read as a purpose clause)
        decided = [c for c in verb.children if c.i > verb.i and _to_infinitive(c)]
        if decided:
            words = _trimmed(decided[0], 8)
            if not _dangles(words[-1]):
                keep += words
    if full and (
        subjects[0].dep_ == "expl"
        or subjects[0].lower_ in _EMPTY_SUBJECTS
        or not (objects or preps)
    ):
        return None
    # the dateline is no part of the clause ("TURIN, Italy (Reuters) - Jannik Sinner saved",
    # whose "TURIN" the parse made a word of the subject's name)
    keep = [t for t in keep if span.start <= t.i < span.end and not (full and t.idx < dateline)]
    tokens = _whole_words(sorted({t.i: t for t in keep}.values(), key=lambda t: t.i), span)
    if quoted and _quotes_a_clause(tokens, quoted):
        return None  # 'A spokesperson said "we have received an inquiry ..."': their words
    tokens = [t for t in tokens if not _quote_mark(t)]
    kept = {t.i for t in tokens}
    # a hyphen stays only inside a word kept whole ("6-4"), never left by a dropped
    # apposition ("Rep. David McKinley, R-W.Va., visited" -> not "McKinley - visited")
    tokens = [t for t in tokens if not (t.is_punct and _glued(t)) or {t.i - 1, t.i + 1} <= kept]
    # a list's comma stays only between two words kept ("Apple, pay" lost the rest)
    tokens = [t for t in tokens if t.text != "," or {t.i - 1, t.i + 1} <= kept]
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


# what makes a verb's clause an event: an object, a complement or a phrase it governs
_CARRIES = frozenset(("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "prep", "dative"))


def _participle_read_as_verb(verb: Any) -> bool:
    """Whether the parse made a participle the main verb and the real verb its conjunct:
    two finite verbs with no "and" and no comma between ("Video posted on social media
    showed the left wing on fire"); the clause would end before the event ("Video posted
    on social media"). The conjunct must carry an event of its own, an object or a
    complement: a noun the tagger read as a verb does not ("Cubs win World Series ... in
    dramatic 10th innings showdown", "showdown" a VBP conjunct of "win")."""
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.i < verb.i or not conj.tag_.startswith("VB"):
            continue
        between = verb.doc[verb.i + 1 : conj.i]
        if any(c.dep_ in _CORE_DEPS for c in conj.children):
            continue
        if not any(c.dep_ in _CARRIES for c in conj.children):
            continue
        if not any(t.dep_ == "cc" or t.is_punct for t in between):
            return True
    return False


def _tags_a_quote(verb: Any, quoted: list[tuple[int, int]]) -> bool:
    """Whether ``verb`` is a speech verb whose reported clause is quoted speech."""
    return verb.lower_ in SPEECH_VERBS and any(
        c.dep_ in ("ccomp", "parataxis") and any(a <= c.idx < b for a, b in quoted)
        for c in verb.children
    )


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
            or tok.tag_ == "CD"  # a vote or a score: "votes 7-4"
        )
    )


def _to_infinitive(tok: Any) -> bool:
    """A clause of "to" and a bare verb hung off a verb ("votes 7-4 to approve")."""
    return bool(
        tok.dep_ in ("advcl", "xcomp")
        and tok.tag_ == "VB"
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)
    )


def _rank(tok: Any, verb: Any) -> bool:
    """An ordinal right after the verb, the place one came or finished: "came second",
    "finished third" (the parse hangs it off the verb as an adverb)."""
    return bool(tok.i == verb.i + 1 and tok.dep_ == "advmod" and tok.ent_type_ == "ORDINAL")


# the adverbs that make a phrasal verb with the verb before them ("walk out", "set up",
# "called off"): a closed class, which the small model often tags RB, not RP
_PARTICLES = frozenset(("out", "off", "up", "down", "away", "back", "over"))


def _particle(tok: Any, verb: Any) -> bool:
    """A verb's particle the parse read as an adverb, right after it: "walk out"."""
    return bool(
        tok.i == verb.i + 1
        and tok.dep_ == "advmod"
        and tok.lower_ in _PARTICLES
        and not tok.n_lefts
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


def _trimmed(tok: Any, limit: int, *, top: bool = True) -> list[Any]:
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
        part = [t for t in _trimmed(child, room, top=False) if t.i in inside] if room > 0 else []
        if part and _words_in(part) <= room and not _dangles(part[-1]):
            kept += part
        break
    if top and len(kept) > 1 and kept[-1].dep_ == "cc" and kept[-1].head.i == tok.i:
        kept.pop()  # the "and" of a phrase's head whose next item did not fit: "Al Thani
        # [and] were greeted"; never inside a phrase ("between A [and B]" says nothing)
    return kept


def _lists(comma: Any) -> bool:
    """Whether a comma opens a list's next item (a conjunct, or a word of one)."""
    if comma.i + 1 >= len(comma.doc):
        return False
    nxt = comma.doc[comma.i + 1]
    return any(t.dep_ == "conj" for t in (nxt, *nxt.ancestors) if t.i > comma.i)


def _set_off(tok: Any) -> bool:
    """Whether an apposition is set off from its head ("Smith, 44,", "X and an extensive
    fair"); a parse may call a name or number run on right after its head noun an
    apposition ("magnitude 5.4 tremor", "my friend Helen", "carrier Emirates Airline")."""
    first = min(t.i for t in tok.subtree)
    return bool(first == 0 or tok.doc[first - 1].i != tok.head.i or tok.doc[first].tag_ == "DT")


def _dangles(tok: Any) -> bool:
    """Whether a phrase ending on ``tok`` stops before what it needs ("for", "including",
    "the", "and")."""
    return bool(tok.dep_ in ("prep", "agent", "cc", "det") or tok.tag_ in ("IN", "TO", "DT", "CC"))


def _words_in(tokens: list[Any]) -> int:
    """How many words ``tokens`` hold: a hyphen inside a word ("15-inch") is none, nor the
    comma of a list."""
    return sum(1 for t in tokens if not (t.is_punct and (_glued(t) or t.text == ",")))


def _loose_end(tok: Any) -> bool:
    """Punctuation a line cannot end on; a percent sign is the number's ("to 2.00%")."""
    return bool(tok.is_punct and tok.text not in ("%", "‰"))


def _dropped(tok: Any, top: Any) -> bool:
    if tok.dep_ == "nummod" and tok.ent_type_ in ("DATE", "TIME") and _entity_apart(tok):
        return True  # "two" of "on day two" the parse hung on the next name: "two England"
    if tok.dep_ == "punct" and _glued(tok):
        return False  # the hyphen of "6-4" or "al-Sharaa": part of the word, not a break
    if tok.text == "," and _lists(tok):
        return False  # the comma of a list: "in Texas, Oklahoma and New Mexico"
    while tok.i != top.i:
        if tok.dep_ == "cc" and any(c.dep_ == "conj" for c in tok.head.children):
            tok = tok.head  # the "and" of "he and Trump" joins the phrase's own parts
            continue
        if tok.dep_ == "mark" and tok.lower_ in ("whether", "if"):
            tok = tok.head  # "will decide whether to cut the fee": not a decision made
            continue
        if tok.dep_ in _DROP_DEPS and (tok.dep_ != "appos" or _set_off(tok)):
            return True  # but a noun run on without a comma: "magnitude 5.4 tremor"
        tok = tok.head
    return False


def _entity_apart(tok: Any) -> bool:
    """Whether ``tok``'s head lies outside the date or time entity of several words that
    ``tok`` is part of ("day two")."""
    doc = tok.doc
    alone = tok.ent_iob_ == "B" and (tok.i + 1 >= len(doc) or doc[tok.i + 1].ent_iob_ != "I")
    if alone:
        return False  # a date of its own: "2020 Audi e-tron", a model's year
    if not any(t.is_alpha for t in _entity_tokens(tok)):
        return False  # a number's parts: "+ 1" of "2 desktops + 1 laptop"
    head = tok.head
    if head.ent_iob_ not in ("B", "I") or head.ent_type_ != tok.ent_type_:
        return True
    lo, hi = sorted((tok.i, head.i))
    return any(t.ent_iob_ == "B" for t in tok.doc[lo + 1 : hi + 1])


def _entity_tokens(tok: Any) -> list[Any]:
    """The tokens of the entity ``tok`` is in."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])


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
