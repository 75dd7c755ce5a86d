"""What the readers share: the candidates collected while the article streams past.

Each reader (who, where, when, numbers, quotes, what) adds its candidates to one
:class:`State`; the aggregate step of each reader turns them into ranked facts.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..dates import DocumentResolver
from ..models import Fact
from ..text import Span
from .rank import DEFAULT_WEIGHTS, Weights, position_weight, saturate, title_boost
from .words import fold

# How many facts of each kind are returned at most.
LIMITS = {"who": 10, "what": 3, "where": 8, "when": 40, "numbers": 12, "quotes": 40}


# How many candidates of one kind are kept while streaming (memory stays flat on huge texts).
MAX_CANDIDATES = 2000


def sentence_at(starts: list[int], pos: int) -> int:
    """The index of the sentence holding character ``pos`` (``starts``: sentence starts)."""
    return max(0, bisect_right(starts, pos) - 1)


@dataclass(slots=True)
class Actor:
    """Everything seen about one surface name (who/where) while streaming."""

    key: str
    label_votes: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)
    weight: float = 0.0
    count: int = 0
    first_pos: int = 1 << 60
    first_sentence: int | None = None
    evidence: tuple[str, int | None] | None = None
    surface: str = ""
    role: str | None = None
    role_evidence: tuple[str, int | None, str] | None = None
    title: bool = False
    dateline: bool = False
    locative: int = 0  # mentions as object of a locative preposition ("in Idlib")
    placed: bool = False  # named before a place word in a place phrase ("in the Dana area")
    modifier_weight: float = 0.0  # of mentions as a premodifier ("the Assad regime")
    openings: int = 0  # mentions as a common noun opening a sentence ("Turnout was 64%")
    word_openings: int = 0  # mentions as one capitalised word opening a sentence ("Snow is")


@dataclass(slots=True)
class Item:
    """One candidate fact of the kinds that are not merged by name (when/numbers/quotes)."""

    text: str
    value: str | None
    evidence: str
    sentence_index: int | None
    weight: float
    label: str
    pos: int
    speaker: str | None = None
    speaker_label: str | None = None
    key: str = ""  # what: the verb's stem, to tell two tellings of one event apart


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where the dateline ("LOUISVILLE, Ky. (AP) —") and its parts lie in the text: its
    city, its state or country, its agency's tag ((-1, -1): none)."""

    start: int
    end: int
    city: tuple[int, int]
    region: tuple[int, int]
    agency: tuple[int, int]


@dataclass(slots=True)
class State:
    """What the stream collects; the aggregate step turns it into facts."""

    spans: tuple[Span, ...]
    starts: list[int]
    anchor: dt.date | dt.datetime | None
    top: dict[int, float]
    who: dict[str, Actor] = field(default_factory=dict)
    where: dict[str, Actor] = field(default_factory=dict)
    # the place reading of each name the model read as a person ("from Toulouse", "of 1909
    # Jolinda Drive"), by place key; ``where.people_named_as_places`` picks the places
    named: dict[str, Actor] = field(default_factory=dict)
    norp: Counter[str] = field(default_factory=Counter)
    when: list[Item] = field(default_factory=list)
    numbers: list[Item] = field(default_factory=list)
    quotes: list[Item] = field(default_factory=list)
    what: list[Item] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)
    speakers: list[tuple[int, str, str, bool]] = field(default_factory=list)
    # what the article says of its people that describes them in place of a name: ages
    # by name key, the person a demonym introduced ("Briton Lando Norris"), and the
    # description that stood for a subject in ``speakers`` at its position
    ages: dict[str, int] = field(default_factory=dict)
    nationals: dict[str, str] = field(default_factory=dict)
    described: dict[int, str | None] = field(default_factory=dict)
    # the full names written before a surname ("Ana Ruiz"), by the surname's key, whatever
    # entity the model gave them (none, or an organisation): a bare "Ruiz said" is hers
    full_names: dict[str, set[str]] = field(default_factory=dict)
    # what an indefinite noun introduced, for a later "the <noun> said": (position, noun,
    # speaker, label): "A senior official said" is ("official", "a senior official",
    # "NOUN"); "In a statement, Rheinchem AG said" is ("statement", "Rheinchem AG", "ORG")
    introduced: list[tuple[int, str, str, str]] = field(default_factory=list)
    # the gender evidence the article gives for each person, by name key ("F"/"M" counts,
    # :mod:`.gender`), and the people it names by their relation to another: (position,
    # noun, the other's name key, name) for "Her daughter, Karin Lee, said"
    genders: dict[str, Counter[str]] = field(default_factory=dict)
    relatives: list[tuple[int, str, str, str]] = field(default_factory=list)
    title: str = ""
    title_text: str = ""
    title_subject: str = ""
    last_speaker: tuple[int, str, str] | None = None  # sentence, name, label of a quote
    quoted: list[tuple[int, int]] = field(default_factory=list)  # every quotation read so far
    # a quotation left open at a paragraph's end runs on into the next one, which opens
    # with a quotation mark again: the speaker the open part named, or the open parts
    # still waiting for a speaker named later
    carried_speaker: tuple[str, str] | None = None
    # the article quotes in single marks ('…,' she said), as the British press does
    single_marks: bool = False
    waiting: list[Item] = field(default_factory=list)
    dateline: Dateline | None = None  # "LONDON (Reuters) -" at the story's top
    weights: Weights = DEFAULT_WEIGHTS
    language: str = "en"  # ISO 639-1: the language dates are read in (``briefing.dates``)
    # False: no spaCy model reads the article's language, so the parse is the English
    # model's guess at foreign words; only language-neutral readers run (dates in the
    # language's own words, quotation marks, numbers with their next word), no who/where/
    # what and no quote speakers ("App „Vivy“ wurde" as a German quote's speaker)
    model_reads: bool = True
    # the article's date expressions read in order (the reference time of "that day"), and
    # the expressions ``dates.find`` saw, as (start, end, text), read when the
    # stream passes them; ``dates_end``: where the last date read ends
    dates: DocumentResolver | None = None
    found_dates: deque[tuple[int, int, str]] = field(default_factory=deque)
    dates_end: int = 0
    game: bool = False  # the article gives a game's score ("2-1"): see .not_when

    @property
    def dateline_end(self) -> int:
        """Where the dateline ends (0: none)."""
        return self.dateline.end if self.dateline else 0

    def in_dateline(self, pos: int) -> bool:
        """Whether the text position ``pos`` is in the dateline."""
        return self.dateline is not None and self.dateline.start <= pos < self.dateline.end

    def position(self, index: int | None) -> float:
        """The position weight of a mention in sentence ``index`` (None: the title)."""
        return position_weight(self.top, index, self.weights)

    def title_boost(self, names: Iterable[str], *, surname: bool = False) -> float:
        """What being named in the title adds (see :func:`rank.title_boost`)."""
        return title_boost(
            self.title_text, self.title_subject, names, self.weights, surname=surname
        )


def ranked_items(
    items: list[Item],
    kind: str,
    *,
    half: float,
    repeat: float,
    mentions: bool = False,
    keys: list[str] | None = None,
) -> tuple[Fact, ...]:
    """Merge repeated items (same value, else same text, or the same of ``keys``, one per
    item, when a kind keys its own: :func:`.numbers.number_keys`; a repeat adds ``repeat``
    of its weight), then rank by summed weight.

    With ``mentions``, every further mention of a kept item follows the ranked ones, with
    its own sentence and ``repeat=True``, scored no higher than the last ranked item (so
    the tuple stays best first), then by their item's rank and in article order.
    """
    merged: dict[str, Item] = {}
    further: dict[str, list[Item]] = {}
    for i, item in enumerate(items):
        if keys is not None:
            key = keys[i]
        else:
            key = item.value if kind == "when" and item.value else fold(item.text)
        seen = merged.get(key)
        if seen is None:
            merged[key] = replace(item)
            further[key] = []
        else:
            seen.weight += repeat * item.weight
            further[key].append(item)
    ranked = sorted(merged.items(), key=lambda kv: (-kv[1].weight, kv[1].pos))[: LIMITS[kind]]
    facts = [_fact(i, saturate(i.weight, half)) for _key, i in ranked]
    if mentions and facts:
        floor = facts[-1].score
        again = [
            replace(_fact(i, min(floor, saturate(i.weight, half))), repeat=True)
            for key, _first in ranked
            for i in further[key]
        ]
        facts += sorted(again, key=lambda f: -f.score)
    return tuple(facts)


def _fact(item: Item, score: float) -> Fact:
    return Fact(
        item.text,
        item.value,
        item.evidence,
        score,
        label=item.label,
        sentence_index=item.sentence_index,
    )
