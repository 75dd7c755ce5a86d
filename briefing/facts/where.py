"""Where: places of the event, countries and spelling variants merged."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache
from importlib.resources import files
from typing import Any

from ..lexicon import HOLIDAYS
from ..models import Fact
from .rank import saturate
from .state import LIMITS, MAX_CANDIDATES, Actor, State
from .words import (
    COUNTRY_ALIASES,
    DEMONYMS,
    FACILITY_WORDS,
    LOCATIVE_PREPS,
    NATIONALS,
    PLACE_NOUNS,
    clean_surface,
    fold,
    is_title_word,
    name_key,
)


def read_place(
    state: State,
    span: Any,
    label: str,
    index: int | None,
    evidence: str,
    pos: int,
    title: bool,
    *,
    into: dict[str, Actor] | None = None,
) -> None:
    """One mention of a place, added to ``state.where`` (or to ``into``)."""
    candidates = state.where if into is None else into
    root = span.root
    if _affiliation(span):
        return  # "Rob White (Green, Park)": a councillor's party and ward
    if _a_division(root, span):
        return  # "the Southern District of New York": New York is read on its own
    if _abbreviated_qualifier(span):
        # "BUFFALO, N.Y. (AP) —", "the Orange County, Calif., sheriff", "R-Neb.": a state's
        # abbreviation qualifies the name before it (or a lawmaker's party), not a place of
        # its own; a dateline's city the model missed ("BUFFALO" read as NORP) is the place
        if not title and state.in_dateline(pos):
            name = _dateline_name(root.head)
            if name is not None:
                name_pos = pos - (span.start_char - name.start_char)
                read_place(state, name, "GPE", index, evidence, name_pos, title, into=into)
        return
    w = state.weights
    weight = state.position(index)
    locative = placed = False
    dep, head = root.dep_, root.head
    if not title and state.in_dateline(pos):
        pass  # the dateline's city: its parse ("CUPERTINO" modifying "Apple") says nothing
    elif dep in ("compound", "amod", "nmod", "npadvmod") and head.i >= span.end:
        if head.ent_type_ in ("ORG", "PERSON") or is_title_word(head.text):
            return  # "US President", "US CENTCOM": not a place of the event
        # "in the Dana area", "in Idleb province", "at a Vienna museum": the place word or
        # building it names is in a place phrase, so the name is too, and weighs as one
        locative = placed = (
            (head.lower_ in PLACE_NOUNS or head.lower_ in FACILITY_WORDS)
            and head.dep_ == "pobj"
            and head.head.lower_ in LOCATIVE_PREPS
        )
        weight *= w.place_locative if locative else w.place_premodifier
    elif dep == "poss" or dep in ("nsubj", "nsubjpass"):
        weight *= w.place_subject
    elif dep == "pobj" and head.lower_ in LOCATIVE_PREPS:
        weight *= w.place_locative
        locative = True
    elif _qualifies_locative(root, span):
        weight *= w.place_locative  # "Cheshire" of "in Frodsham, Cheshire"
        locative = True
    elif named_by_place_noun(root):
        placed = True  # "the town of Taltal", "the communities of Paradise Pines and Lovelock"
    surface = clean_surface(span.text)
    if not surface or not any(ch.isupper() for ch in surface):
        return
    key = place_key(surface)
    if key in HOLIDAYS:
        return  # "before Diwali": a festival is a time, not a place
    place = candidates.get(key)
    if place is None:
        if len(candidates) >= MAX_CANDIDATES:
            return
        place = candidates[key] = Actor(key)
    place.label_votes[label] += 1
    place.surfaces[surface] += 1
    place.weight += weight
    place.count += 1
    place.locative += locative
    place.placed = place.placed or placed
    place.title = place.title or title
    place.dateline = place.dateline or (not title and state.in_dateline(pos))
    if not title and pos < place.first_pos:
        place.first_pos = pos
        place.first_sentence = index
        place.evidence = (evidence, index)
        place.surface = surface


def _qualifies_locative(root: Any, span: Any) -> bool:
    """A place set after a comma beside a place the text puts something in ("in Frodsham,
    Cheshire", "at Ratoath, Co Meath"): the larger place it lies in, a place of the event
    too."""
    head = root.head
    return bool(
        root.dep_ == "appos"  # not a list's next place: "at Stern, Columbia, Harvard"
        and head.i < span.start
        and span.doc[span.start - 1].text == ","
        and head.ent_type_ in ("GPE", "LOC", "FAC")
        and head.dep_ == "pobj"
        and head.head.lower_ in LOCATIVE_PREPS
    )


def _affiliation(span: Any) -> bool:
    """A "place" in brackets right after a person's name ("Rob White (Green, Park)", "(D-Ga.)"):
    the person's party, ward or state, not a place of the event."""
    doc, start = span.doc, span.start
    return bool(
        start >= 2
        and doc[start - 1].text == "("
        and doc[start - 2].ent_type_ == "PERSON"
        and span.end < len(doc)
        and doc[span.end].text in (")", ",")
    )


def named_by_place_noun(root: Any) -> bool:
    """Whether the name with head ``root`` is the one an "of" phrase gives a place noun
    before it: "the town of Taltal", "the communities of Paradise Pines and Lovelock"."""
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    prep = first.head
    return bool(
        first.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head.lower_ in PLACE_NOUNS
        and prep.head.i < prep.i
    )


# "N.Y.", "Calif.", "W.Va.", "Neb.": one to three capitalised pieces, each with a full stop
_ABBREVIATION = re.compile(r"(?:[A-Z][a-z]{0,4}\.){1,3}")


def _abbreviated_qualifier(span: Any) -> bool:
    """An abbreviated place in apposition to the name before it ("BUFFALO, N.Y. —", "Orange
    County, Calif.,"), or a lawmaker's party-state label ("Sen. Ben Sasse, R-Neb."); US news
    writes a city's state so on many pages. A country ("LONDON, U.K.") is not one."""
    if len(span) != 1 or not _ABBREVIATION.fullmatch(span.text):
        return False
    if _country_of(place_key(span.text)) is not None:
        return False
    doc, start = span.doc, span.start
    party = start >= 2 and doc[start - 1].text == "-" and len(doc[start - 2].text) == 1
    return party or (span.root.dep_ == "appos" and span.root.head.i < start)


def abbreviated_region(span: Any) -> bool:
    """A state's abbreviation ("Ky.", "Calif.", "N.Y."), not a country's ("U.K.")."""
    text = span.text.strip()
    return bool(_ABBREVIATION.fullmatch(text)) and _country_of(place_key(text)) is None


def _dateline_name(head: Any) -> Any | None:
    """The name a dateline's state abbreviation qualifies ("SANTA FE" in "SANTA FE, N.M."),
    when the model read it as no place (a NORP, an ORG); None when it is read as a place."""
    if head.ent_type_ in ("GPE", "LOC", "FAC"):
        return None
    name = head.doc[head.left_edge.i : head.i + 1]
    if not all(t.text[:1].isupper() and t.is_alpha for t in name):
        return None
    return name


def _a_division(root: Any, span: Any) -> bool:
    """A place name that heads an "of" phrase naming another place outside the span: a
    division of that place ("the Southern District of New York", "the Western District of
    New York", US court districts seen on several pages)."""
    return any(
        prep.i >= span.end
        and prep.dep_ == "prep"
        and prep.lower_ == "of"
        and any(o.dep_ == "pobj" and o.ent_type_ in ("GPE", "LOC") for o in prep.children)
        for prep in root.children
    )


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country name -> display name, from pycountry plus common short names."""
    table: dict[str, str] = {}
    for forms, display in _pycountry_names():
        for form in forms:
            table[fold(form)] = display
    for alias, display in COUNTRY_ALIASES.items():
        table[fold(alias)] = display
    return table


def _pycountry_names() -> list[tuple[list[str], str]]:
    """(names, display name) of every country pycountry knows; empty without pycountry
    (it is optional: the alias table above covers the common short names)."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - depends on the environment
        return []
    out = []
    for country in pycountry.countries:
        name = str(country.name)
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None)
        forms = [str(f) for f in (name, name.split(",")[0], common, official) if f]
        out.append((forms, str(common or name.split(",")[0])))
    return out


@lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    """Name keys of known places: cities of 15,000 people or more, US counties, continents,
    subdivisions (``places.txt.gz``, built by ``tools/make_places.py`` from GeoNames)."""
    data = files("briefing").joinpath("places.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    return frozenset(line for line in lines if not line.startswith("#"))


# The kind of place a name ends with: a street or a building is a place the gazetteer
# cannot list ("6th Avenue", "Moscone Center", "Heinz Field")
_PLACE_WORDS = frozenset(
    (
        "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive",
        "highway", "square", "plaza", "bridge", "park", "center", "centre", "stadium",
        "arena", "field", "airport", "station", "hall", "building", "tower", "county",
        "province", "state", "district", "city", "village", "island", "islands", "river",
        "lake", "mountain", "mountains", "valley", "bay", "coast", "sea", "ocean",
        "beach", "hospital", "harbor", "harbour", "canal", "desert", "forest", "peninsula",
        "strait", "gulf", "region", "prefecture", "oblast", "township", "borough", "strip",
        "heights", "prison",
    )
)  # fmt: skip
# "East Africa", "northern Syria", "Inner Mongolia": a part of a place the gazetteer knows
_COMPASS = re.compile(
    r"^(?:(?:north|south)(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|central|inner|outer|"
    r"upper|lower|greater) (?P<rest>.+)$"
)
# Where a space mission happens: no gazetteer of the Earth lists these (the Earth itself
# is left out: "the best place on Earth" placed a Tim Cook interview there)
_SKY = frozenset(
    (
        "moon", "mars", "venus", "mercury", "jupiter", "saturn", "uranus", "neptune",
        "pluto", "ceres", "europa", "titan", "enceladus", "ganymede", "callisto",
    )
)  # fmt: skip


@lru_cache(maxsize=8192)  # asked of each place several times per article, and again
def known_place(key: str) -> bool:
    """Whether the place key names a country, a place in the gazetteer, a street,
    building or region by its last word, a compass part of a known place ("east africa"),
    a county written "Co X" or "County X" ("co meath"), or a body of the solar system
    ("mars")."""
    last = key.rsplit(" ", 1)[-1].strip(".")
    part = _COMPASS.match(key)
    county = re.match(r"(?:co\.?|county) (?P<rest>.+)", key)
    if county and known_place(county["rest"]):
        return True
    return (
        _country_of(key) is not None
        or key in _gazetteer()
        or key in _SKY
        or (" " in key and last in _PLACE_WORDS)
        or (part is not None and known_place(part["rest"]))
    )


def place_key(surface: str) -> str:
    folded = name_key(surface)
    return _countries().get(folded, folded).lower() if folded in _countries() else folded


def _country_of(key: str) -> str | None:
    return _countries().get(key) or next(
        (v for v in _countries().values() if v.lower() == key), None
    )


@lru_cache(maxsize=1024)
def is_demonym(word: str) -> bool:
    """Whether ``word`` names one of a nation's people or its adjective: a demonym the
    tables list ("Briton", "Spaniard", "Dutch") or one that ends as a country's name does
    ("Italian" of Italy, "Kenyan", "Brazilian", "Congolese")."""
    w = word.lower()
    if w in DEMONYMS or w in NATIONALS:
        return True
    if not _DEMONYM_END.fullmatch(w):
        return False
    for country in set(_countries().values()):
        c = fold(country)
        stem = c[:-1] if c[-1:] in "aeiouy" else c
        ending = len(w) - len(stem)
        if " " not in c and len(stem) >= 4 and w != c and w.startswith(stem) and ending <= 4:
            return True
    return False


_DEMONYM_END = re.compile(r"[a-z]+(?:an|ese|i|ish)")


def _similar(a: str, b: str) -> bool:
    """Spelling variants of one place ("Idleb"/"Idlib"): same first letter, ratio >= 0.8."""
    if a[:1] != b[:1] or min(len(a), len(b)) < 4:
        return False
    if _country_of(a) and _country_of(b):
        return False  # Niger is not Nigeria
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def _demonym_country(norp: str, places: Iterable[str]) -> str | None:
    """The place key a NORP ("Syrian") refers to, if that place is among ``places``."""
    if norp in DEMONYMS:
        target = DEMONYMS[norp].lower()
        return target if target in places else None
    for place in places:
        stem = place[:-1] if place[-1:] in "aeiouy" else place
        starts = norp.startswith(place) or norp.startswith(stem)
        if len(stem) >= 3 and starts and len(norp) - len(stem) <= 4:
            return place
    return None


def people_named_as_places(state: State) -> dict[str, Actor]:
    """The names the model read as people that are places, by place key, with their place
    readings: a name the gazetteer knows, or one ending in a place word ("Sioux Falls",
    "Jolinda Drive", "Trump Tower"), that is written in several words or is once the object
    of a locative preposition ("from Toulouse", "to the Moon"), and never behaves as a person
    does: no title or role ("Mr Obama"), never the subject of a main clause ("Warren said"),
    never a word of another person's name ("Taylor" beside "Taylor Swift"). A one-word name
    in a place phrase alone is no evidence: "with Hamilton", "into Clinton" are people."""
    personal = {place_key(a.key) for a in state.who.values() if a.role is not None}
    personal |= {place_key(name_key(name)) for _p, name, _l, main in state.speakers if main}
    words = {
        w
        for a in state.who.values()
        if a.label_votes["PERSON"] and " " in a.key
        for w in a.key.split()
    }
    return {
        key: place
        for key, place in state.named.items()
        if known_place(key)
        and (" " in key or place.locative > 0)
        and key not in personal
        and key not in words
    }


def where_facts(
    state: State,
    people: frozenset[str] = frozenset(),
    orgs: Counter[str] | None = None,
    named: dict[str, Actor] | None = None,
) -> tuple[Fact, ...]:
    """The places of the event, best first. A place is scored by a blend of strategies
    (weights in :class:`rank.Weights`, chosen by cross-validation in ``bench/eval_facts.py``):
    the evidence of its mentions, being mentioned first, the dateline, and the headline.
    ``people`` (name keys and surnames of people) and ``orgs`` (organisation key -> mentions)
    are never places: "Mourinho" is a manager, "Tottenham" in a sports story a club.
    ``named`` (from :func:`people_named_as_places`) are places the model read as people."""
    w = state.weights
    merged = _merge_places([*state.where.values(), *(named or {}).values()])
    groups = [g for g in merged if not _an_actor(g, people, orgs or Counter())]
    if not groups:
        return ()
    norp_support: Counter[int] = Counter()
    keys = {g[0].key: k for k, g in enumerate(groups)}
    for norp, count in state.norp.items():
        target = _demonym_country(norp, keys)
        if target is not None:
            norp_support[keys[target]] += count
    # whether the article places something at a place the gazetteer knows
    anchored = any(known_place(m.key) and (m.locative or m.dateline) for g in groups for m in g)
    order = sorted(range(len(groups)), key=lambda k: min(m.first_pos for m in groups[k]))
    first_rank = {k: rank for rank, k in enumerate(order)}
    scored = []
    for k, group in enumerate(groups):
        if not any(m.evidence for m in group):
            continue  # named only in the title
        names = {s for m in group for s in m.surfaces}
        raw = w.where_evidence * sum(m.weight for m in group)
        raw += w.where_title * state.title_boost(names)
        raw += w.demonym * min(norp_support[k], w.demonym_cap)
        raw += w.where_first / (1.0 + first_rank[k])
        raw += w.where_dateline * any(m.dateline for m in group)
        if not any(known_place(m.key) or m.dateline or m.placed for m in group) and (
            not anchored or _not_a_place_name(group)
        ):
            # "in Ruby", "in AdWords", "in UTF-8": a name no gazetteer knows and no place word
            # names ("the Qarbala area"), in an article that places nothing at a place one
            # knows, is mostly a product, a language or a species the model read as a place.
            # On the 90 dev web pages and the dev feeds this drops 49 Where facts from 41
            # articles, 47 of them such names (2 places: "West Point", a theatre's "City
            # Stage"). Beside a known place such a name stays ("Xilingol" in "Inner
            # Mongolia", China) unless it is written like no place is ("Algorithm 4",
            # "Port Map.app", "MeshU")
            continue
        if not any(m.locative or m.dateline or m.placed for m in group):
            if not any(known_place(m.key) for m in group):
                # never "in/at/near" it, and no gazetteer knows it: on the 90 dev web pages
                # 29 of the 37 such names shown were products or companies the model read
                # as places ("Netflix" on 3 pages, "Spotify", "Siri", "Windows", "Emirates")
                continue
            raw *= w.where_unlocated  # "Tottenham said", "led Tottenham": an actor's name
        if raw > 0:
            scored.append((raw, group))
    scored.sort(key=lambda rg: -rg[0])
    facts = []
    for raw, group in scored[: LIMITS["where"]]:
        facts.append(_where_fact(state, group, saturate(raw, w.where_half)))
    return tuple(f for f in facts if f is not None)


# a digit, a capital inside a word ("AdWords", "UPnP", "MeshU"; not "McAllen", "MacDuff",
# "DeKalb", "LaSalle"), a dot inside a word
_UNPLACELIKE = re.compile(r"\d|(?<!\bM)(?<!\bMa)(?<!\bD)(?<!\bL)[a-z][A-Z]|\w\.\w")


def _not_a_place_name(group: list[Actor]) -> bool:
    """Whether every spelling of a place no gazetteer knows is written like no place is."""
    return all(_UNPLACELIKE.search(s) for m in group for s in m.surfaces)


def _an_actor(group: list[Actor], people: frozenset[str], orgs: Counter[str]) -> bool:
    """Whether the "place" is a person ("Mourinho") or an organisation ("Tottenham" the club,
    which the model reads now as a place, now as an organisation): a name the article also
    gives a person or an organisation, and never the object of a locative preposition ("at
    the White House", "in Croydon" stay places)."""
    if any(m.locative or m.dateline for m in group):
        return False
    return any(m.key in people or orgs.get(m.key, 0) > 0 for m in group)


def _merge_places(places: list[Actor]) -> list[list[Actor]]:
    """Group place candidates that are one place: same key, or spelling variants."""
    groups: list[list[Actor]] = []
    for place in sorted(places, key=lambda p: -p.weight):
        for group in groups:
            if any(place.key == other.key or _similar(place.key, other.key) for other in group):
                group.append(place)
                break
        else:
            groups.append([place])
    return groups


def _shouted(surface: str, dateline: bool = False) -> bool:
    """A name in capitals that is no abbreviation: "WASHINGTON", "NEW YORK" (not "U.S.",
    "UAE"); a short one too as a dateline the gazetteer knows ("PUNE:")."""
    letters = [ch for ch in surface if ch.isalpha()]
    return (len(letters) > 4 or dateline) and surface.isupper() and "." not in surface


def _title_case(surface: str) -> str:
    return " ".join(w[:1] + w[1:].lower() for w in surface.split())


def _where_fact(state: State, group: list[Actor], score: float) -> Fact | None:
    surfaces: Counter[str] = Counter()
    for member in group:
        surfaces.update(member.surfaces)
    country = _country_of(group[0].key)
    value = country or max(surfaces, key=lambda s: (not _shouted(s), surfaces[s], len(s)))
    dateline = any(m.dateline and known_place(m.key) for m in group)
    if _shouted(value, dateline):
        # a dateline's capitals ("WASHINGTON —", "DUBAI, United Arab Emirates (AP) —"),
        # seen on many pages: the name in title case
        value = _title_case(value)
    body = sorted((m for m in group if m.evidence), key=lambda m: m.first_pos)
    if body and body[0].evidence:
        evidence, index = body[0].evidence
        surface = body[0].surface
    else:
        evidence, index = state.title, None
        surface = max(surfaces, key=lambda s: (surfaces[s], len(s)))
    if _shouted(surface, dateline):
        surface = value if fold(value) == fold(surface) else _title_case(surface)
    label = Counter(lbl for m in group for lbl in m.label_votes.elements()).most_common(1)[0][0]
    return Fact(surface, value, evidence, score, label=label, sentence_index=index)
