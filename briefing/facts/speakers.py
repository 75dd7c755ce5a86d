"""Speakers: who said a quotation.

A quotation's speaker is found in this order (:func:`find_speaker`):

1. The subject of the speech verb nearest the quotation, in the sentences it touches and
   outside every quotation ("..., Smith said", "said the minister"), or of the verb that
   verb is coordinated with; for "according to", its object. That subject gives:
   - a person (else an organisation) named in it, its head's own name first ("Butte
     County Sheriff Kory Honea said" is Honea's);
   - a proper noun the model left without an entity ("Mourinho said"), or a capitalised
     noun it tagged as a common one ("Reding said" inside its sentence; "Villalobos
     posted" opening one, when it is a named person's surname);
   - "the official" after "a senior official" (an indefinite subject in this or the
     three sentences before): that unnamed person, as the article wrote it;
   - an indefinite noun ("a spokesperson said"): someone the article does not name;
   - a role phrase ("the Villa manager said"): the person the article named earlier in
     that role, else the phrase itself when a name or possessive says whose role it is;
   - "he"/"she" or a person noun: the last person who was a main clause's subject in
     this or the two sentences before, else the last person named.
     :func:`chain_subjects` keeps that chain going as the article is read: a main
     clause's "he"/"she" stands for the person it refers to, and a surname the model
     tagged no entity for the person the article named in full;
   - "it", "they", "we": the last organisation (else person) named.
   No speech verb, no subject, or a subject none of these fits: the previous quotation's
   speaker when it is at most two sentences back.
2. The person named nearest the quotation, within ``NEAR`` characters (a quote set off by
   a colon, a caption).
3. The noun phrase that is the speech verb's subject, when the article names nobody
   ("officers announced", "said the magazine"), labelled ``NOUN``.

A name inside a quotation is the quoted speaker's, never the writer's, and is passed
over throughout. ``state.speakers`` holds the names read so far, in article order.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from ..nlp import text_of
from .described import age_before, described_person, description
from .entities import fixed_label
from .gender import agrees, kin_gender, kin_named, persons_surname, pronoun_gender
from .org_roles import named_organisation, organisation_noun
from .state import State, sentence_at
from .who import main_clause
from .words import (
    COMPANY_NOUNS,
    GROUP_WORDS,
    ORG_PRONOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    WS,
    clean_surface,
    is_title_word,
    join_tokens,
    name_key,
    name_tokens,
    split_titles,
)


def find_speaker(
    state: State, verb: Any, offset: int, qs: int, qe: int
) -> tuple[str | None, str | None]:
    """The speaker of the quotation at ``qs:qe`` of a paragraph starting at ``offset`` in the
    article, whose speech verb (:func:`speech_verb`) is ``verb`` (None: none), and the
    speaker's label (PERSON, ORG or NOUN): the speech verb's subject, else the person named
    nearest, else the noun phrase that describes the speaker."""
    speaker, label = None, None
    if verb is None and _led_in(state, offset + qs):
        speaker, label = _nearest_person(state, offset + qs, offset + qe)
    if speaker is None:
        speaker, label = _speaker(state, verb, offset, qs)
    if speaker is None:  # "she said" with no woman found before is still no man's words
        gender = _subject_gender(verb)
        speaker, label = _nearest_person(state, offset + qs, offset + qe, gender)
    if speaker is None:
        speaker, label = _described_speaker(verb, qs, qe)
    return speaker, label


def _led_in(state: State, pos: int) -> bool:
    """Whether the quotation opening at ``pos`` follows a colon in its own sentence ("Clinton
    has since apologized for what happened: '…'"): the person that sentence names speaks,
    not the previous quotation's speaker."""
    k = sentence_at(state.starts, pos)
    before = state.spans[k].text[: max(0, pos - state.starts[k] - 1)].rstrip()
    return before.endswith(":")


def _speaker(state: State, verb: Any, offset: int, qs: int) -> tuple[str | None, str | None]:
    """The speaker of the quotation at ``qs`` of the paragraph at ``offset``: the subject of
    ``verb``, the nearest speech verb outside the quote in its sentence, a pronoun resolved
    to the last named person or organisation, or the object of "according to"."""
    if verb is None:
        return _previous_speaker(state, offset + qs)
    if verb.lower_ == "according":
        objs = [t for c in verb.children for t in c.children if t.dep_ == "pobj"]
        return _named_in(state, objs[:1], offset + qs) if objs else (None, None)
    subjects = _subjects(verb)
    if not subjects:
        age = age_before(verb)  # "the 54-year-old said", left without a subject
        if age is not None:
            return described_person(state, (age, None, None), offset + qs)
        return _previous_speaker(state, offset + qs)
    # a pronoun refers back from where it stands: "he ... called Omar a 'terrorist' and
    # said, '...'" is not Omar, named between the pronoun and the quotation
    return _named_in(state, subjects, offset + min(qs, subjects[0].idx))


def speech_verb(
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
            if tok.sent.start_char > qe and _reports_its_own(tok, quoted):
                continue
            dist = qs - tok.idx if tok.idx < qs else tok.idx - qe
            if dist < best_dist:
                best, best_dist = tok, dist
    return best if best is not None else _reported_before(doc, sents, quoted, qs)


def _reported_before(
    doc: Any, sents: list[tuple[int, int]], quoted: Sequence[tuple[int, int]], qs: int
) -> Any:
    """The speech verb of the sentence right before a quotation that opens a sentence of
    its own and names no speaker, when that sentence, quoting no one, reports its subject's
    words ("Morrison says automation broke his heart. '…'"): the quotation goes on in that
    person's words."""
    before = [(a, b) for a, b in sents if b <= qs - 1 and a < b]
    if not before or text_of(doc)[before[-1][1] : qs - 1].strip():
        return None
    if any(before[-1][0] <= a < before[-1][1] for a, _b in quoted):
        return None  # its own quotation's speaker carries on as the previous speaker
    span = doc.char_span(*before[-1], alignment_mode="expand")
    root = span.root if span is not None else None
    if root is None or root.lower_ not in SPEECH_VERBS or not root.tag_.startswith("VB"):
        return None
    if _inside(quoted, root.idx) or not _subjects(root):
        return None
    if not any(c.dep_ in ("ccomp", "dobj") for c in root.children):
        return None
    return root


def _reports_its_own(verb: Any, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether the speech verb ``verb``, in a sentence after the quotation's, attributes
    that sentence's own words: "Shelters were full, the Red Cross said.", "At least 11
    were hurt, according to the hospital." A quotation standing alone after an
    attributed one is that speaker's; a later sentence's attribution is its own. Only a
    sentence that is nothing but the attribution ('… we got her!" | officers announced.',
    split there by the parser) attributes the quotation before it."""
    if verb.lower_ == "according" or any(c.dep_ in _OWN_WORDS for c in verb.children):
        return True
    inside = {t.i for t in verb.subtree}
    return any(
        t.i not in inside and not t.is_punct and not _inside(quoted, t.idx) for t in verb.sent
    )


# what a speech verb says when its sentence holds it: a clause or a quoted object
_OWN_WORDS = ("ccomp", "parataxis", "xcomp")


def _subjects(verb: Any) -> list[Any]:
    """The speech verb's subjects, or those of the verb it is coordinated with ("he asked
    about the group, called her a 'terrorist' and said, '...'": "said" shares "he")."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects or verb.dep_ != "conj" or not verb.head.tag_.startswith("VB"):
            return subjects
        verb = verb.head
    return []


def _named_in(state: State, heads: list[Any], pos: int) -> tuple[str | None, str | None]:
    """A name for the phrases headed by ``heads``: a person (else an organisation) inside
    them, else a pronoun or role noun resolved to the last person/organisation before
    ``pos``."""
    # "the Villa manager said": a noun's modifiers say whose role it is, they are not the
    # speaker ("Villa", "the company's")
    head = heads[0]
    said = description(head)  # "the 26-year-old Briton", "the elder Smith"
    if said is not None:
        return described_person(state, said, pos)
    related = _relative(state, head, pos)  # "her daughter said" is not the woman herself
    if related is not None:
        return related
    role = head.tag_ in ("NN", "NNS")
    # the heads' own names first: "Butte County Sheriff Kory Honea said" is Honea's, though
    # the model tagged the county before him as a person too
    subtree = [*heads, *(t for h in heads for t in h.subtree if t not in heads)]
    body = _body_for(state, head, pos) if role else None
    if body is not None:
        return body
    named = _entity_in([t for t in subtree if not (role and _premodifies(t, head))])
    if named is not None:
        return named
    if head.tag_ == "NNP" and head.text[:1].isupper() and not is_title_word(head.text):
        # a name the model left without an entity: "Mourinho said"
        parts = [
            t
            for t in head.subtree
            if t.i <= head.i and (t.tag_ == "NNP" or (t.tag_ == "HYPH" and not t.whitespace_))
        ]
        # as written: "Gilgeous-Alexander said" keeps its hyphen
        name = clean_surface(join_tokens(t for t in parts if not is_title_word(t.text)))
        if name:
            return name, "PERSON"
    if _untagged_name(state, head):
        return head.text, "PERSON"  # "Reding said", tagged a common noun
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
    if head.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        introduced = _introduced(state, word, pos)  # "a senior official ... the official said"
        if introduced is not None:
            return introduced
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
    if organisation_noun(head):  # "the company said": the organisation named in that role
        organisation = named_organisation(state, word, pos)
        if organisation is not None:
            return organisation, "ORG"
        described = _noun_phrase(head)
        return (described, "NOUN") if described else (None, None)
    if word in PERSON_NOUNS:
        previous = _previous_speaker(state, pos)
        if previous[1] == "NOUN" and previous[0] and previous[0].split()[-1].lower() == word:
            return previous  # "said one legal expert" ... "the expert warned"
    if word in PERSON_PRONOUNS or word in PERSON_NOUNS:
        gender = pronoun_gender(word)  # "she said" is no man's words
        return _last_subject(state, pos, gender) or _last_named(state, pos, ("PERSON",), gender)
    if word in ORG_PRONOUNS:
        last = _last_named(state, pos, ("ORG", "PERSON"))
        return last if last[0] else _previous_speaker(state, pos)
    previous = _previous_speaker(state, pos)
    if previous[1] == "NOUN":
        return None, None  # "officers announced", then "said the magazine": not the officers
    return previous


# people named by their relation to someone: kin (:mod:`.gender`), the person nouns of
# :data:`PERSON_NOUNS` and the people who speak for or stand by someone
RELATION_NOUNS = frozenset(
    [
        "lawyer",
        "lawyers",
        "attorney",
        "attorneys",
        "counsel",
        "aide",
        "aides",
        "adviser",
        "advisers",
        "advisor",
        "advisors",
        "agent",
        "friend",
        "friends",
        "colleague",
        "colleagues",
        "partner",
        "neighbor",
        "neighbour",
        "doctor",
        "publicist",
        "representative",
        "parents",
        "children",
        "family",
    ]
)


def _relation_noun(tok: Any) -> bool:
    word = tok.lower_
    return (
        tok.tag_ in ("NN", "NNS")
        and (word in RELATION_NOUNS or word in PERSON_NOUNS or kin_gender(word) is not None)
        and not organisation_noun(tok)
    )


def _relative(state: State, head: Any, pos: int) -> tuple[str, str] | None:
    """The speaker a possessive person noun describes ("her daughter said", "his lawyer
    said"): that relation of the person the possessive refers to, not the person. The
    relative by name when the article named them so before ("Her daughter, Karin Lee,"),
    else as written, with whose relative they are: "daughter of Margaret Lee"."""
    owner = next((c for c in head.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
    if owner is None or pronoun_gender(owner.text) is None or not _relation_noun(head):
        return None
    named = kin_named(head)
    if named:  # "his wife, Ann Lee, said": named right there
        name = _relative_name(named[0])
        return (name, "PERSON") if name else None
    whose = _possessor(state, owner, pos)
    word = head.lower_
    for p, noun, owner_key, name in reversed(state.relatives):
        # whose relative the article did not say, or the same person's; or the possessive
        # was read as the relative herself, who is nobody's own daughter
        same = not whose or name_key(whose) in (owner_key, name_key(name))
        here = sentence_at(state.starts, p) == sentence_at(state.starts, pos)
        if p < pos and noun == word and (not owner_key or same or here):
            return name, "PERSON"  # "According to his aunt, Ann Lee, '…'" is Ann Lee's
    if whose:
        return f"{word} of {full_name(state, whose)}", "NOUN"
    described = _noun_phrase(head)
    return (described.lower(), "NOUN") if described else None


def _possessor(state: State, owner: Any, pos: int) -> str | None:
    """The person a possessive "his"/"her" before ``pos`` refers to, of its gender."""
    gender = pronoun_gender(owner.text)
    found = _last_subject(state, pos, gender) or _last_named(state, pos, ("PERSON",), gender)
    return found[0]


def _chain_relative(state: State, offset: int, tok: Any, quoted: Sequence[tuple[int, int]]) -> None:
    """Keep a person the article names by their relation to another ("Her daughter, Karin
    Lee, said", "Karin Lee, his daughter,"; "Okafor's lawyer, Ann Bell,"), so that a later
    "her daughter said" is Karin Lee's."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None or _inside(quoted, tok.idx) or not _relation_noun(tok):
        return
    named = kin_named(tok)
    if not named:
        return
    pos = offset + tok.idx
    if owner.tag_ == "PRP$":
        if pronoun_gender(owner.text) is None:
            return
        whose = _possessor(state, owner, pos)
    else:  # "Okafor's lawyer, Ann Bell,"; not "the association's president, Dale Roy,"
        whose, label = _entity_in(list(owner.subtree)) or (None, None)
        if label != "PERSON":
            return
    name = _relative_name(named[0])
    if name:
        state.relatives.append((pos, tok.lower_, name_key(whose) if whose else "", name))


def _relative_name(head: Any) -> str:
    """The name whose last word is ``head``, without its titles: "Karin Lee"."""
    doc = head.doc
    start = head.i
    while start > 0 and doc[start - 1].tag_ in ("NNP", "HYPH") and not doc[start - 1].is_space:
        start -= 1
    return clean_surface(split_titles(doc[start : head.i + 1].text)[1])


def _untagged_name(state: State, head: Any) -> bool:
    """Whether the subject ``head`` is a name the model tagged as a common noun and no
    entity ('"…," Reding said', 'Villalobos later posted'): a capitalised noun with no
    determiner or modifier, written capitalised inside its sentence (so no "Officials
    said" that opens one), or the surname of a person the article named in full."""
    if head.tag_ not in ("NN", "NNS") or head.ent_type_ or not head.is_title:
        return False
    if is_title_word(head.text) or any(
        c.dep_ in _PREMODIFIERS or c.dep_ in ("nummod", "quantmod") for c in head.children
    ):
        return False
    opens = all(t.is_punct or t.is_space for t in head.doc[head.sent.start : head.i])
    return not opens or _a_persons_surname(state, head.text)


def _body_for(state: State, head: Any, pos: int) -> tuple[str, str] | None:
    """The body a speaker speaks for, told by a common noun after "for"/"of"/"at" ("a
    spokesperson for the Ludwigshafen fire brigade", "an official at the ministry"): the
    organisation named in that role ("the ministry" after "the Defence Ministry"), else
    the body's phrase when a proper noun before its noun says whose it is; not a place or
    person named inside it ("Ludwigshafen", read as a person)."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "of", "at"):
            continue
        for body in prep.children:
            if body.dep_ != "pobj" or body.tag_ != "NN" or body.ent_type_:
                continue
            named = named_organisation(state, body.lower_, pos) if organisation_noun(body) else None
            if named is not None:
                return named, "ORG"
            words = [t for t in body.subtree if t.i == body.i or _premodifies(t, body)]
            if any(t.tag_ == "NNP" for t in words) and words[-1].i - words[0].i + 1 == len(words):
                words = [t for t in words if not (t.dep_ == "det" and t.head.i == body.i)]
                return join_tokens(words), "NOUN"
    return None


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


# How many sentences back "the official" looks for the "a senior official" it refers to.
INTRODUCED_SENTENCES = 3


def _introduced(state: State, word: str, pos: int) -> tuple[str, str] | None:
    """What an indefinite noun introduced in this or the three sentences before ``pos``,
    whose noun ``word`` a definite "the official said" repeats: the unnamed person as the
    article wrote it ("A senior official, who spoke on condition of anonymity, said ..."),
    not a name read before; the author of a document ("In a statement, Rheinchem AG said
    ... '…,' the statement said")."""
    first = sentence_at(state.starts, pos) - INTRODUCED_SENTENCES
    for p, noun, speaker, label in reversed(state.introduced):
        if p >= pos:
            continue
        if sentence_at(state.starts, p) < first:
            return None
        if noun == word:
            return speaker, label
    return None


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


def _described_speaker(verb: Any, qs: int, qe: int) -> tuple[str | None, str | None]:
    """The speaker as the article describes it when it names nobody: the noun phrase that
    is the speech verb's (``verb``) subject ("officers announced", "said the magazine", "a
    spokesperson said"), seen on many pages whose quotes came without a speaker."""
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
    phrase = join_tokens(words)
    if words[0].dep_ == "det" and words[0].is_title:  # "A board spokeswoman said" opens
        phrase = words[0].lower_ + phrase[len(words[0].text) :]  # its sentence
    return phrase


_PREMODIFIERS = ("det", "amod", "compound", "poss", "nmod")


def _premodifies(tok: Any, head: Any) -> bool:
    """Whether ``tok`` sits in a modifier standing before the noun ``head`` ("the",
    "company's", "Aston Villa" of "the Aston Villa manager")."""
    while tok.head.i != head.i:
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return tok.i < head.i and tok.dep_ in _PREMODIFIERS


def _subject_gender(verb: Any) -> str | None:
    """The gender of the speech verb's subject when it is "he" or "she"."""
    subjects = _subjects(verb) if verb is not None and verb.lower_ != "according" else []
    return pronoun_gender(subjects[0].text) if subjects else None


def _nearest_person(
    state: State, start: int, end: int, gender: str | None = None
) -> tuple[str | None, str | None]:
    """The person named nearest the quotation, within ``NEAR`` characters of it, when no
    speech verb gives the speaker (a quote set off by a colon, a caption); of ``gender``,
    or of none shown, when the verb's subject is "he" or "she"."""
    best, best_gap = None, NEAR + 1
    for p, name, label, _subject in state.speakers:
        if label != "PERSON" or not agrees(state, name, gender):
            continue
        gap = start - p if p < start else p - end
        if gap < 0 or _inside(state.quoted, p):
            continue  # a name inside the quote, or another one, is not its speaker
        if gap < best_gap:
            best, best_gap = name, gap
    return (best, "PERSON") if best else (None, None)


# How far from a quotation its speaker may be named, in characters.
NEAR = 250


def chain_subjects(state: State, offset: int, doc: Any, quoted: Sequence[tuple[int, int]]) -> None:
    """A "he" or "she" that is a main clause's subject stands, from then on, for the person
    it refers to, so a later "he said" still finds that person ("Andrew claims ... During
    the visit, he was photographed with Epstein ... He instead told the BBC: '...'" is
    Andrew's, not Epstein's, the last person named). A pronoun inside a quotation is the
    speaker's, not the writer's, and is left alone. A surname the model left without an
    entity is that person's too when it is a main clause's subject ("Elena Morales won …
    Morales, a former attorney general, declared victory … '…,' she said")."""
    for tok in doc:
        if tok.tag_ == "NNP" and tok.dep_ != "compound" and tok.n_lefts:
            _full_name(state, tok, quoted)
        if tok.tag_ == "NN" and tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj"):
            _chain_unnamed(state, offset, tok, quoted)
        if tok.tag_ in ("NN", "NNS") and tok.n_lefts:
            _chain_relative(state, offset, tok, quoted)
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_.startswith("NN"):
            said = description(tok)
            if said is not None and main_clause(tok) and not _inside(quoted, tok.idx):
                _chain_described(state, offset + tok.idx, len(tok), said)
                continue
        pronoun = tok.lower_ in PERSON_PRONOUNS and tok.lower_ != "i"
        # the tagger reads a surname as any noun ("Morales" as a plural), the model as a
        # nationality at times ("Sokol still works the counter")
        surname = (
            not pronoun
            and tok.tag_.startswith("NN")
            and tok.is_title
            and (not tok.ent_type_ or _lone(tok, "NORP"))
        )
        if not (pronoun or surname) or not main_clause(tok):
            continue  # the cheap tests first: a pronoun is rare among a paragraph's tokens
        if _inside(quoted, tok.idx):
            continue
        pos = offset + tok.idx
        if surname:
            if tok.dep_ in ("nsubj", "nsubjpass") and _a_persons_surname(state, tok.text):
                bisect.insort(state.speakers, (pos, tok.text, "PERSON", True))
            continue
        person = _last_subject(state, pos, pronoun_gender(tok.lower_))
        if person is not None:
            bisect.insort(state.speakers, (pos, person[0], "PERSON", True))


def _lone(tok: Any, label: str) -> bool:
    """Whether ``tok`` is an entity of ``label`` all by itself."""
    doc = tok.doc
    alone = tok.i + 1 >= len(doc) or doc[tok.i + 1].ent_iob_ != "I"
    return bool(tok.ent_type_ == label and tok.ent_iob_ == "B" and alone)


def _full_name(state: State, tok: Any, quoted: Sequence[tuple[int, int]]) -> None:
    """Keep the name written in full before the proper noun ``tok`` ("Ana Ruiz, the mayor,
    spoke", "Isabel Schnabel ... told Reuters"), read from the parse (capitalised proper
    nouns compounded into it, no title), whatever entity the model gave it."""
    if tok.ent_type_ not in ("", "PERSON", "ORG") or _inside(quoted, tok.idx):
        return
    parts = [tok]
    for left in reversed(list(tok.lefts)):
        if left.i != parts[0].i - 1 or left.dep_ != "compound" or left.tag_ != "NNP":
            break
        if not left.is_title or is_title_word(left.text) or left.ent_type_ != tok.ent_type_:
            break
        parts.insert(0, left)
    if len(parts) > 1 and tok.is_title and not is_title_word(tok.text):
        full = clean_surface(join_tokens(parts))
        if full:
            state.full_names.setdefault(name_key(tok.text), set()).add(full)


def full_name(state: State, name: str) -> str:
    """``name`` in full when it is a bare surname the article wrote in full before, with
    one first name only ("Ruiz" after "Ana Ruiz"); else ``name``."""
    if len(name_tokens(name_key(name))) != 1:
        return name
    fulls = state.full_names.get(name_key(name), set())
    return next(iter(fulls)) if len(fulls) == 1 else name


def _chain_unnamed(state: State, offset: int, tok: Any, quoted: Sequence[tuple[int, int]]) -> None:
    """A main clause's subject that is a common noun. Named in an apposition ("His wife,
    Catriona, remembers ...", "The club's captain, Reyes, said"), the name is a person's
    and the clause's subject, whatever entity the model gave it, so a later "she said" is
    hers. Introduced by an indefinite article ("A senior official ... said"), the phrase
    stands as an unnamed speaker whom a later "the official said" repeats."""
    if _inside(quoted, tok.idx) or organisation_noun(tok):
        return
    indefinite = tok.tag_ == "NN" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "one", "another") for c in tok.children
    )
    if indefinite and tok.dep_ in ("pobj", "dobj"):
        _chain_document(state, offset, tok)
        return
    if tok.dep_ not in ("nsubj", "nsubjpass") or not main_clause(tok):
        return
    if tok.lower_ in GROUP_WORDS or tok.lower_ in COMPANY_NOUNS:
        return
    for child in tok.children:
        if child.dep_ != "appos" or child.i < tok.i or child.tag_ != "NNP":
            continue
        if not child.is_title or child.ent_type_ in _NOT_PEOPLE:
            continue
        parts = [t for t in child.subtree if t.i <= child.i and t.tag_ == "NNP"]
        if parts and parts[-1].i - parts[0].i + 1 == len(parts):
            name = clean_surface(join_tokens(parts))
            if name:
                bisect.insort(state.speakers, (offset + parts[0].idx, name, "PERSON", True))
            return
    if indefinite:
        described = _noun_phrase(tok)
        if described:
            state.introduced.append((offset + tok.idx, tok.lower_, described, "NOUN"))


def _chain_document(state: State, offset: int, tok: Any) -> None:
    """An indefinite noun that a speech verb says through ("In a statement, Rheinchem AG
    said", "X said in a post"): the verb's named subject is its author."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    if verb.lower_ not in SPEECH_VERBS or not verb.tag_.startswith("VB"):
        return
    subjects = _subjects(verb)
    if subjects:
        named = _entity_in(list(subjects[0].subtree))
        if named is not None:
            state.introduced.append((offset + tok.idx, tok.lower_, *named))


# entity types of an apposition that is no person's name ("His home, Leith, ...")
_NOT_PEOPLE = frozenset(("GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "MONEY"))


def _chain_described(
    state: State, pos: int, size: int, said: tuple[int | None, str | None, str | None]
) -> None:
    """A description that is a main clause's subject stands for the person it refers to
    from then on ("The elder Smith was unmoved. '…,' he said" is Robert Smith's, not the
    "Smith" the model saw), or for no one."""
    person = described_person(state, said, pos)[0]
    state.speakers[:] = [s for s in state.speakers if not pos <= s[0] < pos + size]
    if person is not None:
        bisect.insort(state.speakers, (pos, person, "PERSON", True))
        state.described[pos] = said[1]


# How many sentences back a "he"/"she" looks for a person who was a main clause's subject.
SUBJECT_SENTENCES = 2


def _last_subject(state: State, pos: int, gender: str | None = None) -> tuple[str, str] | None:
    """The person a "he"/"she" before ``pos`` most likely is: the last person who was the
    subject of a main clause in this or the two sentences before ("Sasse said the charges
    are overdue. 'Heads needed to roll the day Epstein died,' he said": Sasse, not Epstein,
    named later but inside a clause). A surname the model tagged as an organisation
    counts when the article gives the full name as a person's. A person the article shows
    to be of the other gender than ``gender`` (:mod:`.gender`) is passed over."""
    first = sentence_at(state.starts, pos) - SUBJECT_SENTENCES
    for p, name, label, main_subject in reversed(state.speakers):
        if p >= pos or not main_subject or _inside(state.quoted, p):
            continue  # a name inside a quotation is the quoted speaker's, not the writer's
        if sentence_at(state.starts, p) < first:
            return None
        if (label == "PERSON" or _a_persons_surname(state, name)) and agrees(state, name, gender):
            return name, "PERSON"
    return None


_a_persons_surname = persons_surname


def _last_named(
    state: State, pos: int, labels: tuple[str, ...], gender: str | None = None
) -> tuple[str | None, str | None]:
    """The last person (else organisation) named before ``pos``; a person shown to be of
    the other gender than ``gender`` is passed over."""
    for wanted in labels:
        for p, name, label, _subject in reversed(state.speakers):
            if p >= pos or label != wanted or _inside(state.quoted, p):
                continue
            if label != "PERSON" or agrees(state, name, gender):
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


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls inside one of ``spans`` (sorted, not overlapping)."""
    k = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]
