"""Gender: which of its people the article itself shows to be a woman or a man.

A "she said" is then never a man's words, nor a "he said" a woman's (a judge's words went
to the man she sentenced, one co-founder's to the other). The evidence is the article's
own wording, read from the parse, never a table of first names:

- a courtesy title or honorific before the name ("Mrs. Reyes", "Mr Tellez", "Sir Keir");
- a kinship noun that names the person in apposition ("Her son, Tomas," "Ana Ruiz, his
  widow,");
- a "he"/"she" or "his"/"her" bound to a named subject: a possessive inside that
  subject's clause ("Okafor quit his job", "Lee decided to sell her car"), or the subject
  of the main clause a "When Lee ..." clause opens. Never across reported speech or a
  relative clause: "Trump said her emails ..." and "Trump said she lied" speak of someone
  else, as they often do on political pages.

The evidence is counted, so a slip of the parse does not outweigh the rest; mixed evidence
leaves the person's gender unknown, and a person of unknown gender stays a candidate for
either pronoun. ``state.genders`` holds the counts by name key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .entities import fixed_label
from .state import State
from .words import WS, clean_surface, join_tokens, name_key, name_tokens, split_titles

FEMININE = frozenset(("she", "her", "hers", "herself"))
MASCULINE = frozenset(("he", "him", "his", "himself"))

_TITLES = {
    **dict.fromkeys(("mrs", "ms", "miss", "lady", "dame", "madam", "madame", "mme"), "F"),
    **dict.fromkeys(("mr", "sir", "lord", "mister"), "M"),
}

# kinship nouns of one gender; "his wife" says whose wife, "her daughter, Ann," who Ann is
FEMALE_KIN = frozenset(
    [
        "daughter",
        "mother",
        "sister",
        "wife",
        "widow",
        "granddaughter",
        "grandmother",
        "niece",
        "aunt",
        "stepdaughter",
        "stepmother",
        "girlfriend",
        "fiancee",
    ]
)
MALE_KIN = frozenset(
    [
        "son",
        "father",
        "brother",
        "husband",
        "widower",
        "grandson",
        "grandfather",
        "nephew",
        "uncle",
        "stepson",
        "stepfather",
        "boyfriend",
        "fiance",
    ]
)

# How many times one gender's evidence must outweigh the other's to count.
MARGIN = 2
# A title says more than a pronoun the parse bound.
TITLE_WEIGHT = 2


def pronoun_gender(word: str) -> str | None:
    """ "F" for she/her, "M" for he/his, None for any other word."""
    low = word.lower()
    return "F" if low in FEMININE else "M" if low in MASCULINE else None


def kin_gender(word: str) -> str | None:
    low = word.lower()
    return "F" if low in FEMALE_KIN else "M" if low in MALE_KIN else None


def gender_of(state: State, name: str) -> str | None:
    """The gender the article shows for the person ``name``, else None. A bare surname
    takes the evidence of the full names it ends ("Tellez": "Raymond Tellez"), and a full
    name that of its bare surname, unless another full name shares it (a couple)."""
    key = name_key(name)
    words = name_tokens(key)
    if not words:
        return None
    votes: Counter[str] = Counter(state.genders.get(key, {}))
    longer = [k for k in state.genders if k.endswith(" " + key)]
    if len(words) == 1 or (len(words) == 2 and words[0] in _PARTICLES):
        family = [
            k for k, a in state.who.items() if k.endswith(" " + key) and a.label_votes["PERSON"]
        ]
        if len(family) <= 1:  # "Clinton" of Bill and Hillary Clinton is neither's evidence
            for k in longer:
                votes.update(state.genders[k])
    else:
        tail = words[-1]
        rivals = [
            k
            for k, actor in state.who.items()
            if k != key and k.endswith(" " + tail) and actor.label_votes["PERSON"]
        ]
        if not rivals:
            votes.update(state.genders.get(tail, {}))
    f, m = votes["F"], votes["M"]
    if f > MARGIN * m:
        return "F"
    if m > MARGIN * f:
        return "M"
    return None


# words that open a surname of two words ("de Alba", "van Dyke")
_PARTICLES = frozenset(
    [
        "de",
        "del",
        "della",
        "di",
        "da",
        "van",
        "von",
        "der",
        "le",
        "la",
        "du",
        "dos",
        "das",
        "bin",
        "al",
        "el",
    ]
)


def agrees(state: State, name: str, gender: str | None) -> bool:
    """Whether ``name`` can be the person a pronoun of ``gender`` refers to: no gender
    asked, or none shown, or the same."""
    if gender is None:
        return True
    shown = gender_of(state, name)
    return shown is None or shown == gender


def read_genders(state: State, doc: Any, quoted: Sequence[tuple[int, int]]) -> None:
    """Count the gender evidence of one paragraph (``doc``) into ``state.genders``. A
    pronoun inside a quotation is the speaker's, not the writer's, and is passed over; a
    title inside one still names its person ("Mr. Tellez treated ...")."""
    for tok in doc:
        low = tok.lower_.rstrip(".")
        if low in _TITLES and tok.tag_ == "NNP":
            name = _name_after(tok)
            if name:
                _count(state, name, _TITLES[low], TITLE_WEIGHT)
            continue
        gender = kin_gender(tok.text)
        if gender is not None and tok.tag_ == "NN":
            for person in kin_named(tok):
                _count(state, _name_of(person), gender, 1)
            continue
        gender = pronoun_gender(tok.text)
        if gender is None or _inside(quoted, tok.idx):
            continue
        if tok.tag_ == "PRP$" or tok.dep_ in ("nsubj", "nsubjpass"):
            binder = _binder(tok)
            if binder is not None and not _inside(quoted, binder.idx):
                name = _person_name(state, binder)
                if name:
                    _count(state, name, gender, 1)


def _count(state: State, name: str, gender: str, weight: int) -> None:
    key = name_key(split_titles(name)[1])  # "President Bill Clinton" is Bill Clinton
    if key:
        state.genders.setdefault(key, Counter())[gender] += weight


def _name_after(title: Any) -> str | None:
    """The name a courtesy title stands before ("Mrs. Ana Reyes", "Mr Tellez")."""
    doc = title.doc
    i = title.i + 1
    if i < len(doc) and doc[i].text == ".":
        i += 1
    parts = []
    while i < len(doc) and doc[i].tag_ == "NNP" and doc[i].text[:1].isupper():
        parts.append(doc[i])
        i += 1
    return clean_surface(join_tokens(parts)) if parts else None


def kin_named(noun: Any) -> list[Any]:
    """The name heads that a kinship or role noun stands in apposition with: "Her
    daughter, Karin Lee," and "Karin Lee, her daughter," are Karin Lee."""
    out = [c for c in noun.children if c.dep_ == "appos" and _a_name(c)]
    whose = any(c.dep_ == "poss" and c.tag_ == "WP$" for c in noun.children)
    if noun.dep_ == "appos" and _a_name(noun.head) and not whose:
        out.append(noun.head)  # not "Ann Lee, whose husband, ...": his name follows
    doc = noun.doc
    if not out and noun.i + 2 < len(doc) and doc[noun.i + 1].text == ",":
        # an apposition the parser attached elsewhere ("According to his aunt, Ann Lee, …")
        end = noun.i + 2
        while end < len(doc) and _a_name(doc[end]):
            end += 1
        after = doc[end].text if end < len(doc) else ""
        if end > noun.i + 2 and after in (",", ".", ";", ":"):
            out.append(doc[end - 1])
    return out


def _a_name(tok: Any) -> bool:
    """A proper noun that can be a person's name: the kin noun says it is a person's, so
    the entity the model gave it does not count unless it is a place or a number."""
    return tok.tag_ == "NNP" and tok.text[:1].isupper() and tok.ent_type_ not in _NOT_NAMES


_NOT_NAMES = frozenset(("GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY", "ORDINAL"))


def _name_of(head: Any) -> str:
    """The name whose last word is ``head``, as written (its proper nouns before it)."""
    parts = [t for t in head.subtree if t.i <= head.i and t.tag_ in ("NNP", "HYPH")]
    while parts and parts[0].tag_ == "HYPH":
        parts.pop(0)
    return clean_surface(join_tokens(parts))


def _binder(pronoun: Any) -> Any:
    """The subject a "his"/"her", or a "he"/"she" that is a subordinate clause's subject,
    refers back to: the subject of the nearest verb above it with one before it ("Okafor
    quit his job"), not above a reported or relative clause; for a main clause's "she",
    the subject of a clause before it that the main verb governs ("When Lee opened the
    shop, she ...").
    None when that subject is plural or coordinated, or another person stands between."""
    found = None
    verb = pronoun.head if pronoun.tag_ == "PRP$" else pronoun
    own = pronoun.head if pronoun.dep_ in ("nsubj", "nsubjpass") else None
    for _ in range(6):
        if own is not None and verb.i == own.i:
            clauses = [
                c for c in verb.children if c.dep_ == "advcl" and c.i < pronoun.i
            ]  # "When Lee opened the shop, she was ..."
            for clause in clauses:
                subjects = _subjects_before(clause, pronoun)
                if subjects:
                    found = subjects[0]
                    break
            if found is not None:
                break
        elif verb.pos_ in ("VERB", "AUX"):
            subjects = _subjects_before(verb, pronoun)
            if subjects:
                found = subjects[0]
                break
        if verb.head.i == verb.i or verb.dep_ in _OTHER_VOICE:
            break  # "Trump said her emails were ...": the reported clause's "her" is Clinton
        verb = verb.head
    if (
        found is None
        or found.tag_ not in ("NNP", "NN")
        or any(c.dep_ == "conj" for c in found.children)
    ):
        return None
    doc = pronoun.doc
    between = doc[found.i + 1 : pronoun.i]
    if any(t.ent_type_ == "PERSON" and t.ent_iob_ == "B" for t in between):
        return None
    return found


# clauses that may speak of someone other than the subject above them: reported speech,
# relative clauses
_OTHER_VOICE = frozenset(("ccomp", "parataxis", "relcl", "acl"))


def _subjects_before(verb: Any, pronoun: Any) -> list[Any]:
    return [
        c
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i and c.i != pronoun.i
    ]


def _person_name(state: State, head: Any) -> str | None:
    """The person a subject's head names: a person entity, or a surname of a person the
    article named in full (tagged another entity, or none)."""
    doc = head.doc
    ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
    if ent is not None and fixed_label(ent, ent.label_) == "PERSON":
        _prefix, name = split_titles(WS.sub(" ", ent.text).strip())
        return clean_surface(name) or None
    text = ent.text if ent is not None else head.text
    if head.tag_ == "NNP" and persons_surname(state, text):
        return str(text)
    return None


def persons_surname(state: State, name: str) -> bool:
    """Whether ``name`` is a surname ("Ruiz", "de Alba") of a person the article named in
    full, whatever entity the model gave the bare surname."""
    words = name_tokens(name_key(name))
    if len(words) == 1:
        own = state.who.get(words[0])
        if own is not None and own.label_votes["PERSON"] >= max(1, own.label_votes["ORG"]):
            return True
    elif len(words) != 2 or words[0] not in _PARTICLES:
        return False
    tail = " " + " ".join(words)
    for key, actor in state.who.items():
        votes = actor.label_votes
        if key.endswith(tail) and votes["PERSON"] > votes["ORG"]:
            return True
    return False


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)
