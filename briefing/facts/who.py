"""Who: people and organisations, their roles (read in roles.py), merged mentions (surnames,
acronyms), ranked by salience."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from ..lexicon import HOLIDAYS, NEWS_AGENCIES, TECH_TERMS
from ..models import Fact
from ..nlp import text_of
from .not_actors import the_thing
from .rank import saturate
from .roles import person_role
from .state import LIMITS, MAX_CANDIDATES, Actor, State
from .where import place_key
from .words import (
    CORPORATE,
    CREDIT_LABELS,
    CREDITS,
    MEDIA_WORDS,
    WS,
    clean_surface,
    is_title_word,
    name_key,
    name_tokens,
    split_titles,
    subset,
)


def _subject_of(tok: Any) -> bool:
    """Whether ``tok`` is (part of) a clause subject: nsubj itself or inside one."""
    for _ in range(4):
        if tok.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return True
        if (
            tok.dep_ in ("compound", "appos", "conj", "flat", "amod", "nmod")
            and tok.head.i != tok.i
        ):
            tok = tok.head
            continue
        return False
    return False


def main_clause(tok: Any) -> bool:
    """Whether the subject ``tok`` belongs to the sentence's main verb (not to a clause
    inside it: "Figgins declined to say whether Thomas slept")."""
    for _ in range(4):
        if tok.dep_ in ("nsubj", "nsubjpass", "csubj"):
            verb = tok.head
            return bool(verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


# A longer "name" is a model error (a list of names, a run of initials): never merged.
MAX_NAME_WORDS = 8


def _common_plural(span: Any) -> bool:
    """A lone plural common noun (the tagger's NNS, not NNPS) opening its sentence: only
    its place gave it a capital, and the model took it for a name."""
    tok = span[0]
    return bool(len(span) == 1 and tok.tag_ == "NNS" and tok.i == tok.sent.start)


def _common_opening(span: Any) -> bool:
    """A lone singular common noun (the tagger's NN) opening its sentence ("Turnout was
    64%"): a name only if the article names it so elsewhere too ("Trump", "Cook" open
    sentences tagged so as well)."""
    tok = span[0]
    return bool(
        len(span) == 1 and tok.tag_ == "NN" and tok.i == tok.sent.start and tok.text[1:].islower()
    )


def _word_opening(span: Any) -> bool:
    """A lone capitalised word opening its sentence or a quotation, the model's name or a
    common noun that only its place capitalised ("Snow is likely"; see :func:`_common_word`).
    """
    tok = span[0]
    return bool(
        len(span) == 1
        and tok.is_alpha
        and tok.text[1:].islower()
        and (
            tok.i == tok.sent.start
            or (tok.i == tok.sent.start + 1 and tok.nbor(-1).is_punct)
            or tok.nbor(-1).text in ('"', "“", "‘", "'")
        )
    )


def _common_word(cluster: _Cluster, text: str) -> bool:
    """A one-word name only ever opening a sentence that the text also writes in lower case
    ("Snow is likely" beside "a warning for snow and ice"): a common noun, no actor."""
    words = {s for m in cluster.members for s in m.surfaces}
    return (
        len(words) == 1
        and all(m.word_openings >= m.count for m in cluster.members)
        and re.search(rf"\b{re.escape(next(iter(words)).lower())}\b", text) is not None
    )


def _credit_line(span: Any) -> bool:
    """A name credited for a picture ("Photo: AFP" closing a caption): the maker of the
    picture, not an actor in the story."""
    doc = span.doc
    i = span.start
    return bool(i >= 2 and doc[i - 1].text == ":" and doc[i - 2].lower_ in CREDIT_LABELS)


def _byline(span: Any) -> bool:
    """The author of a byline ("By Greg Tanner, Business Reporter"): "by" opening its
    sentence (after punctuation only, as "*By"), with no verb it is the agent of."""
    doc = span.doc
    if span.start == 0:
        return False
    by = doc[span.start - 1]
    if by.lower_ != "by" or any(not t.is_punct for t in doc[by.sent.start : by.i]):
        return False
    return by.head.i == by.i or by.head.pos_ not in ("VERB", "AUX")


def _measured(span: Any) -> bool:
    """A name a percentage or a sum stands before as its modifier: what is measured or
    priced, not an actor ("95% CI", a study's confidence interval; "the $132,000 Grand
    Prix", a show's event). A measure ("the 16-inch MacBook Pro") is a product's vote."""
    return any(
        child.i < span.start
        and child.dep_ in ("compound", "nummod", "amod", "nmod")
        and child.ent_type_ in ("PERCENT", "MONEY")
        for child in span.root.children
    )


def _unit_of_measure(span: Any) -> bool:
    """A name right after a measured quantity, the scale it is measured on: "86 degrees
    Fahrenheit", "230 degrees Celsius" (the model reads the scale as a person)."""
    doc = span.doc
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    return bool(
        before.tag_ == "NNS"
        and before.whitespace_
        and any(c.dep_ == "nummod" and c.like_num for c in before.children)
    )


_BULLETS = frozenset(("-", "–", "—", "•", "*", "·", "▪"))


def _line_label(span: Any) -> bool:
    """A name that is a line's label: it opens its line (or its last line, when the model
    ran a name on over a line break), a colon follows, and the rest of the line is a
    fragment with no verb ("Landfall: late Thursday, near Tampa Bay" in a storm's fact
    box). A speaker's line in a transcript goes on with a clause."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != ":":
        return False
    inside = [t.i for t in span if "\n" in t.text_with_ws]
    i = inside[-1] if inside else span.start - 1  # the model ran "Tampa ⏎ Landfall" on
    if i >= 0 and doc[i].text in _BULLETS:
        i -= 1  # "• Landfall: late Thursday"
    if i >= 0 and "\n" not in doc[i].text_with_ws:
        return False
    for tok in doc[span.end + 1 :]:
        if "\n" in tok.text:
            break
        if tok.pos_ in ("VERB", "AUX"):
            return False
        if "\n" in tok.whitespace_:
            break
    return _in_a_box(text_of(doc), doc[i + 1].idx)


# A line of a fact box: a short label, a colon, its value ("Storm surge: 10-15 ft")
_BOX_LINE = re.compile(r"\W{0,2}[A-Z][\w'’ -]{0,30}:\s*\S")


def _in_a_box(text: str, at: int) -> bool:
    """Whether the line at ``at`` has a labelled line next to it: one "Name: value" line
    alone is a talk's or a post's speaker and title ("Richard Harvey: sinus surgery")."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    lines = [text[:start].rstrip("\n").rsplit("\n", 1)[-1]]
    if end != -1:
        lines.append(text[end:].lstrip("\n").split("\n", 1)[0])
    return any(_BOX_LINE.match(line) for line in lines if line.strip())


def read_actor(
    state: State, span: Any, label: str, index: int | None, evidence: str, pos: int, title: bool
) -> None:
    raw = WS.sub(" ", span.text).strip()
    prefix, name = split_titles(raw) if label == "PERSON" else ("", raw)
    name = _clean_name(name, label)
    if not name or not any(ch.isupper() for ch in name) or is_title_word(name):
        return  # a person that is only a title ("Adm.", "President")
    if _CODE.search(name):
        return  # code or an address the model read as a name ("x.Foo(1).Bar(2", "O(lg N")
    if _common_plural(span):
        return  # "Schools will stay open", "Commuters faced delays": capitalised to start
    if _measured(span) or _unit_of_measure(span):
        return  # "(95% CI, 4% to 8%)": a statistic's name; "86 degrees Fahrenheit": a scale
    if _line_label(span):
        return  # "Landfall: late Thursday" in a fact box: a label, not an actor
    if _credit_line(span) or (label == "PERSON" and _byline(span)):
        return  # "Photo: AFP" under a picture, "By Greg Tanner" over the story
    key = name_key(name)
    if not key or len(key) < 2 or len(name_tokens(key)) > MAX_NAME_WORDS:
        return  # no name; or a run of initials or a list the model read as one name
    actor = state.who.get(key)
    if actor is None:
        if len(state.who) >= MAX_CANDIDATES:
            return
        actor = state.who[key] = Actor(key)
    subject = _subject_of(span.root)
    weight = state.position(index) * (state.weights.subject if subject else 1.0)
    if (
        name in NEWS_AGENCIES
        or name.upper() in NEWS_AGENCIES
        or key in CREDITS
        or (label == "ORG" and key.split()[-1] in MEDIA_WORDS)
    ):
        weight *= state.weights.source  # a source or a picture credit, rarely the actor
    actor.label_votes[label] += 1
    if label == "ORG" and _described_thing(span):
        actor.label_votes[PRODUCT] += 1
    actor.surfaces[name] += 1
    actor.weight += weight
    if _premodifier(span):
        actor.modifier_weight += weight
    actor.count += 1
    actor.openings += _common_opening(span)
    actor.word_openings += _word_opening(span)
    thing = label == "PERSON" and the_thing(span)
    actor.label_votes[THING] += thing
    actor.title = actor.title or title
    if title:
        return
    if pos < actor.first_pos:
        actor.first_pos = pos
        actor.first_sentence = index
        actor.evidence = (evidence, index)
        actor.surface = name
    if label == "PERSON" and actor.role is None:
        role = person_role(span, prefix)
        if role:
            actor.role = role
            actor.role_evidence = (evidence, index, name)
    if label == "ORG":
        acronym = _acronym_after(span)
        if acronym:
            state.acronyms.setdefault(name_key(acronym), key)
    if (label == "PERSON" and not thing) or label == "ORG":
        state.speakers.append((pos, name, label, subject and main_clause(span.root)))


# The vote a mention casts when it reads as a thing, not an actor ("the new Mac Pro").
PRODUCT = "PRODUCT"
# The vote of a "person" named after "the" ("watching the Carteret nose into the slip")
THING = "THING"


def _described_thing(span: Any) -> bool:
    """Whether an "organisation" is described the way a product is: an adjective or a
    measure before it ("the new Mac Pro", "the portable Switch Lite", "the 16-inch MacBook
    Pro"), as on the tech and shopping pages where the model tags products as
    organisations. Nationalities and titles do not count ("the Syrian Interior Ministry")."""
    root = span.root
    for child in root.children:
        if child.i >= span.start:
            continue
        if (
            child.dep_ == "amod"
            and child.tag_ in ("JJ", "JJR", "JJS")
            and not child.ent_type_
            and not is_title_word(child.text)
        ):
            return True
        if child.dep_ in ("nummod", "compound") and child.ent_type_ == "QUANTITY":
            return True
    return False


def _premodifier(span: Any) -> bool:
    """A name used to qualify a common noun, not as an actor: "the Assad regime", "a Trump
    rally" (compound or adjective before a noun that is no name)."""
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "the Market-Frankford and Broad Street lines": as the first
    head = root.head
    return bool(
        root.dep_ in ("compound", "amod", "nmod")
        and head.i >= span.end
        and head.i > root.i
        and head.tag_ in ("NN", "NNS")
        and not head.ent_type_
    )


# What no name is written with: brackets, operators, a path or a method call ("Nokogiri::
# Slop(<<-eohtml", "self.currentYPosition + SHEETINSETY", "http://bit.ly/25tOVsS",
# "x.FooBar", "PI(4,5)P2", "Sterling GBP="): 13 Who facts in 11 articles of the dev web
# pages and feeds, from programming blogs, science abstracts and market tables. A slash
# ("AC/DC") and a dotted web name ("United.com") stay.
_CODE = re.compile(r"[()<>{}\[\]=+*\\|;@#^~`]|://|::|\b[a-z]\w*\.[A-Za-z]+[A-Z(]|\b[a-z]\.[A-Z]")


def _clean_name(name: str, label: str) -> str:
    """A name without credits glued in front ("GETTY Donald Trump") or "anti-"/"pro-"."""
    name = clean_surface(name)
    name = re.sub(r"^(?:anti|pro|ex|non)-", "", name, flags=re.I)
    words = name.split()
    if label == "PERSON":
        # a credit is a word ("GETTY", "AFP"); two capitals before a surname alone are the
        # person's initials ("JD Vance")
        while (
            len(words) > 1
            and words[0].isupper()
            and (len(words[0]) > 2 or len(words) > 2)
            and len(words[0]) > 1
            and not words[1].isupper()
        ):
            words = words[1:]
    return " ".join(words)


def _acronym_after(span: Any) -> str | None:
    """The acronym defined in parentheses right after an organisation: "X (CENTCOM)"."""
    doc = span.doc
    i = span.end
    if i + 2 >= len(doc) or doc[i].text != "(" or doc[i + 2].text != ")":
        return None
    word = str(doc[i + 1].text)
    if re.fullmatch(r"[A-Z][A-Za-z0-9&\-]{1,9}", word) and sum(c.isupper() for c in word) >= 2:
        return word
    return None


@dataclass(slots=True)
class _Cluster:
    members: list[Actor]
    label: str
    canonical: str = ""
    weight: float = 0.0


def _initials(name: str) -> str:
    letters = []
    for word in re.split(r"[\s]+", name):
        for part in word.split("-"):
            if not part or part.lower() in ("of", "the", "and", "for", "de", "al", "el", "&"):
                continue
            if part.isupper() and len(part) <= 4:
                letters.append(part)
            elif part[0].isupper():
                letters.append(part[0])
    return "".join(letters).upper()


def _label_of(actor: Actor) -> str:
    votes = actor.label_votes
    if votes.get("NORP", 0) == sum(votes.values()):
        return "NORP"
    person, org = votes.get("PERSON", 0), votes.get("ORG", 0)
    return "PERSON" if person > org else "ORG"


def cluster_actors(
    state: State, places: Collection[str] = ()
) -> tuple[list[_Cluster], dict[str, str]]:
    """Merge mentions of one actor: surname/token subsets within a type, acronyms defined in
    the text ("(CENTCOM)") or matching initials. Returns clusters and key -> canonical.
    ``places`` are the place keys of names that are places, not actors."""
    actors = sorted(
        (
            a
            for a in state.who.values()
            if not _concatenated(a, state.who) and place_key(a.key) not in places
        ),
        key=lambda a: (-len(name_tokens(a.key)), -len(a.key), a.first_pos),
    )
    clusters: list[_Cluster] = []
    home: dict[str, _Cluster] = {}
    for actor in actors:
        label = _label_of(actor)
        target = None
        alias = state.acronyms.get(actor.key)
        if alias and alias in home:
            target = home[alias]
        if target is None:
            target = _matching_cluster(actor, label, clusters)
        if target is None:
            target = _Cluster([], label)
            clusters.append(target)
        elif target.label == "ORG" and label == "PERSON" and _surname_of(actor, target):
            target.label = "PERSON"  # a person's surname joined a first and last name
        target.members.append(actor)
        home[actor.key] = target
    canonical_of: dict[str, str] = {}
    for cluster in clusters:
        cluster.canonical = _canonical_name(cluster)
        cluster.weight = sum(m.weight for m in cluster.members)
        for member in cluster.members:
            canonical_of[member.key] = cluster.canonical
    return clusters, canonical_of


def _matching_cluster(actor: Actor, label: str, clusters: list[_Cluster]) -> _Cluster | None:
    words = name_tokens(actor.key)
    best = None
    best_weight = -1.0
    for cluster in clusters:
        if cluster.label == "NORP" or label == "NORP":
            continue
        for member in cluster.members:
            big = name_tokens(member.key)
            same_type = cluster.label == label or (
                cluster.label == "PERSON" and len(words) == 1 and len(big) > 1
            )
            if cluster.label == "ORG" and same_type:
                same_type = _org_part(words, big) or _short_org(actor, member)
            elif cluster.label == "ORG" and label == "PERSON":
                # "Mr. Rudolph" beside "Mason Rudolph's helmet", which the model read as
                # an organisation (2 of the 90 dev pages listed both)
                same_type = _surname(words, big)
            ok = (same_type and subset(words, big)) or (
                len(words) == 1
                and actor.surface.isupper()
                and 2 <= len(actor.key) <= 6
                and cluster.label == "ORG"
                and _initials(member.surface or member.key) == actor.key.upper()
            )
            if ok:
                weight = sum(m.weight for m in cluster.members)
                if weight > best_weight:
                    best, best_weight = cluster, weight
                break
    return best


def _surname(words: list[str], big: list[str]) -> bool:
    """Whether name ``words`` is one word, the last of the two-word name ``big``."""
    return len(words) == 1 and len(big) == 2 and big[-1] == words[0]


def _surname_of(actor: Actor, cluster: _Cluster) -> bool:
    """Whether ``actor`` is the surname of a two-word name in ``cluster``."""
    words = name_tokens(actor.key)
    return any(_surname(words, name_tokens(m.key)) for m in cluster.members)


def _first_half(cluster: _Cluster, actors: dict[str, Actor], text: str) -> bool:
    """Whether every mention of a name opens a longer name joined by "and" that the article
    names too ("Cheshire West" the model cut from "Cheshire West and Chester Council" where
    it read the whole elsewhere): the first half of that name, no actor of its own."""
    surfaces = {s for m in cluster.members for s in m.surfaces}
    longer = {
        s
        for k, a in actors.items()
        if any(k.startswith(m.key + " and ") for m in cluster.members)
        for s in a.surfaces
    }
    if not longer:
        return False
    whole = sum(text.count(s) for s in longer if any(s.startswith(f"{x} and ") for x in surfaces))
    return whole > 0 and whole >= sum(text.count(s) for s in surfaces)


def _concatenated(actor: Actor, actors: dict[str, Actor]) -> bool:
    """A model error joining two names: "Hillary Clinton Donald Trump"."""
    words = name_tokens(actor.key)
    if len(words) < 4:
        return False
    for cut in range(2, len(words) - 1):
        if " ".join(words[:cut]) in actors and " ".join(words[cut:]) in actors:
            return True
    return False


def _org_part(small: list[str], big: list[str]) -> bool:
    """Whether organisation name ``small`` can be short for ``big``: its last words
    ("Interior Ministry" for "Syrian Interior Ministry") or ``big`` minus a corporate
    suffix ("Mondelez" for "Mondelez International"), not any subset ("Croydon" is not
    "Croydon Guardian"; nor is "Cloudflare" "Cloudflare Workers", a product, nor "Amazon" a
    headline's "Amazon Looms": a plain plural after a name was tried as a trade's and merged
    those on the dev feeds)."""
    if big[-len(small) :] == small:
        return True
    rest = big[len(small) :]
    return big[: len(small)] == small and all(w in CORPORATE for w in rest)


# The last word that makes a name a business's, after the words of its trade ("Ardent
# Health Services", "Ridgeline Capital Partners")
_BUSINESS_ENDS = CORPORATE | {"services", "systems", "industries", "partners", "technologies"}


def _short_org(small: Actor, big: Actor) -> bool:
    """Whether organisation ``small`` is the first word(s) of ``big`` used as its short form
    after the article gave the full name: "Ardent Health Services" then "Nashville-based
    Ardent", when the full name ends on a business's word ("Services", "Partners")."""
    words, full = name_tokens(small.key), name_tokens(big.key)
    return bool(
        len(full) > len(words)
        and full[: len(words)] == words
        and full[-1] in _BUSINESS_ENDS
        and big.first_pos < small.first_pos
    )


def _canonical_name(cluster: _Cluster) -> str:
    """The full form of the name: among forms of several words (no honorifics, no
    parentheses), the most frequent, then the longest; a rarer longer form is usually a
    model error gluing a word on ("Jubilant Chicago Cubs")."""
    forms: Counter[str] = Counter()
    for member in cluster.members:
        forms.update(member.surfaces)
    candidates = [f for f in forms if "(" not in f] or list(forms)
    full = [f for f in candidates if len(name_tokens(f)) > 1 and not f.isupper()] or candidates
    return max(full, key=lambda f: (forms[f], not f.isupper(), len(name_tokens(f)), len(f)))


def who_facts(state: State, clusters: list[_Cluster]) -> tuple[Fact, ...]:
    text = " ".join(s.text for s in state.spans)
    people = [c for c in clusters if c.label in ("PERSON", "ORG")]
    if not people:
        people = [c for c in clusters if c.label == "NORP"]
    scored = []
    for cluster in people:
        body = [m for m in cluster.members if m.evidence is not None]
        if not body:
            continue  # named only in the title, where the model misreads headline case
        place = state.where.get(place_key(cluster.canonical))
        if place is not None and (
            place.count >= sum(m.count for m in cluster.members)
            or (cluster.label == "ORG" and (place.locative > 0 or place.dateline))
        ):
            # "Croydon" read as an organisation in "Croydon tram crash" and as a place
            # "in Croydon"; "the White House" an organisation and "at the White House";
            # "Pune's metro" after the dateline "PUNE:"
            continue
        if any(_a_thing(m.key, cluster.label) for m in cluster.members):
            continue
        if _first_half(cluster, state.who, text):
            continue  # "Cheshire West" of "Cheshire West and Chester Council"
        if cluster.label == "PERSON" and _not_a_person(cluster, text):
            continue
        votes = sum((m.label_votes for m in cluster.members), Counter())
        if cluster.label == "ORG" and 2 * votes[PRODUCT] >= votes["ORG"]:
            continue  # described as a thing in half its mentions: a product
        names = {s for m in cluster.members for s in m.surfaces}
        w = state.weights
        person = cluster.label == "PERSON"
        if all(m.modifier_weight >= m.weight for m in cluster.members):
            continue  # only ever a modifier, never an actor: "the Assad regime"
        if person and votes[THING] >= sum(m.count for m in cluster.members):
            continue  # only ever "the Carteret", "the Nighthawks": a named thing
        if all(m.openings >= m.count for m in cluster.members) or _common_word(cluster, text):
            continue  # only ever a common noun opening a sentence: "Turnout was 64%"
        raw = sum(m.weight for m in cluster.members)
        raw *= w.person if person else 1.0
        raw += state.title_boost(names, surname=person)
        first = min((m.first_sentence or 0 for m in body), default=0)
        raw += w.first_mention / (1.0 + first / w.first_scale) if body else 0.0
        raw += w.role if person and any(m.role for m in body) else 0.0
        scored.append((raw, cluster))
    scored.sort(key=lambda rc: -rc[0])
    facts = []
    for raw, cluster in scored[: LIMITS["who"]]:
        facts.append(_who_fact(state, cluster, saturate(raw, state.weights.who_half)))
    return tuple(facts)


# A model number or a version: "Xeon E5-2620", "Debian 11.7", "RTX2080".
_MODEL_CODE = re.compile(
    r"^(?=.*\d\d)(?=.*[a-z])[a-z\d]+(?:-[a-z\d]+)+$|^\d+(?:\.\d+)+$|^[a-z]+\d{3,}[a-z\d]*$"
)


def _a_thing(key: str, label: str) -> bool:
    """Whether the name ``key`` names a thing or a time, not an actor: a person with a digit
    in the name, a model number or version ("Xeon E5-2620", "Debian 11.7"), an event or
    a work whose name starts with a number ("2011 Rugby World Cup"), a technology term
    ("BIOS", "USB") or a festival ("Diwali"): the small model tags each as a person or an
    organisation on product pages, sports and culture stories."""
    words = name_tokens(key)
    if key in HOLIDAYS or key in TECH_TERMS:
        return True
    if label == "PERSON" and any(ch.isdigit() for ch in key):
        return True
    if words[0].isdigit() and len(words) > 1:
        return True  # "2011 Rugby World Cup", "7 Habits of Highly Effective People"
    return any(_MODEL_CODE.match(w) for w in words)


# The head of a name is its last word: a name ending on a thing or a place is no person
# ("James Webb Space Telescope", "Steve Jobs Theater", "Changi Airport"); not the place
# words that are also surnames ("Ellen Park", "Tom Hall", "Sally Field")
_THING_HEADS = frozenset(
    (
        "telescope", "theater", "theatre", "observatory", "satellite", "rover", "spacecraft",
        "airport", "stadium", "arena", "museum", "hotel", "cathedral", "embassy",
        "consulate", "courthouse", "capitol", "mall",
    )
)  # fmt: skip
# a storm is named after the word for it: "Hurricane Milton", "Storm Ciarán"
_STORM_BEFORE = r"\b(?:hurricane|storm|typhoon|cyclone)\s+"


def _not_a_person(cluster: _Cluster, text: str) -> bool:
    """Whether a name the model read as a person's names a thing, a place or a storm."""
    for member in cluster.members:
        words = name_tokens(member.key)
        if len(words) > 1 and words[-1] in _THING_HEADS:
            return True
    if all(" " not in s for m in cluster.members for s in m.surfaces) and any(
        _named_thing(surface, text) for m in cluster.members for surface in m.surfaces
    ):
        return True
    return any(
        re.match(_STORM_BEFORE, surface, re.I)  # "Storm Idris" read whole as a person
        or re.search(_STORM_BEFORE + re.escape(surface) + r"\b", text, re.I)
        for member in cluster.members
        for surface in member.surfaces
    )


def _named_thing(word: str, text: str) -> bool:
    """Whether the one-word name ``word`` is written elsewhere as the first word of a thing's
    name ("Changi handled 67.7 million passengers" beside "Singapore's Changi Airport"):
    the short form of that airport or stadium, not a person ("Steve Jobs Theater" names
    Jobs with his given name before it)."""
    heads = "|".join(_THING_HEADS)
    for m in re.finditer(rf"\b{re.escape(word)}\s+(?:{heads})\b", text, re.I):
        if not text[m.start() + len(word) :].lstrip()[:1].isupper():
            continue
        before = text[: m.start()].split()[-1:]
        if not before or not before[0][:1].isupper() or before[0].endswith(("'s", "’s")):
            return True
    return False


def not_places(clusters: list[_Cluster]) -> tuple[frozenset[str], Counter[str]]:
    """What ``where`` must not show: the name keys and surnames of people, and the mention
    counts of organisations (a club named like its town)."""
    people: set[str] = set()
    orgs: Counter[str] = Counter()
    for cluster in clusters:
        for member in cluster.members:
            if cluster.label == "PERSON":
                people.add(member.key)
                people.add(name_tokens(member.key)[-1])
            elif cluster.label == "ORG":
                orgs[member.key] += member.count
    return frozenset(people), orgs


def _who_fact(state: State, cluster: _Cluster, score: float) -> Fact:
    """The actor's fact: the full name as the article first gives it, with its sentence
    (the sentence that gives the role, when the full name comes with one)."""
    body = sorted((m for m in cluster.members if m.evidence), key=lambda m: m.first_pos)
    full = [m for m in body if m.key == name_key(cluster.canonical)]
    role_member = next((m for m in full if m.role), None) or next((m for m in body if m.role), None)
    role = role_member.role if role_member else None
    if role_member is not None and role_member.role_evidence and (not full or role_member in full):
        evidence, index, _surface = role_member.role_evidence
    elif full and full[0].evidence:
        evidence, index = full[0].evidence
    elif body and body[0].evidence:
        evidence, index = body[0].evidence
    else:
        evidence, index = state.title, None
    return Fact(
        text=cluster.canonical,
        value=cluster.canonical,
        evidence=evidence,
        score=score,
        role=role,
        label=cluster.label,
        sentence_index=index,
    )
