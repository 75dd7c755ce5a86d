"""Key facts of an article: who, what, where, when, numbers and quotes, each with evidence.

One spaCy pass serves every kind: :func:`briefing.nlp.parse` streams the article paragraph
by paragraph, candidates are read off each Doc as it passes (Docs are not kept), and the
candidates are merged and ranked at the end. Every fact keeps the verbatim sentence it came
from (``evidence``, ``sentence_index``) and a ``score`` in [0, 1) that is comparable within
its kind: a saturating sum of the evidence for it (mentions, being a subject, appearing in
the title or the top-ranked sentences, earliness).

Rules fix what the small model gets wrong in news: agencies are organisations; a "person"
whose name holds a group word (Command, Ministry, Forces, al-Sham...) is an organisation;
titles and honorifics (Adm., Brig.-Gen., President) move from the name into ``role``; a
person that is only a title is dropped; a country used as a premodifier ("US President")
is not a place of the event.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise
from typing import Any

from . import dates
from .errors import BriefingError
from .models import Article, Fact, Facts
from .nlp import NEWS_AGENCIES, parse
from .text import Span, split_sentences

__all__ = ["extract_facts"]

# How many facts of each kind are returned at most.
LIMITS = {"who": 10, "what": 3, "where": 8, "when": 8, "numbers": 12, "quotes": 10}
# How many candidates of one kind are kept while streaming (memory stays flat on huge texts).
_MAX_CANDIDATES = 2000

# --- word lists (general English, not taken from any evaluation data) ----------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GROUP_WORDS = _words(
    "command ministry force forces party army council committee agency group directorate "
    "department office police guard guards brigade brigades front movement organization "
    "organisation union association institute university college school company corporation "
    "corp inc ltd llc plc bank fund court parliament congress senate government "
    "administration commission authority authorities service services network church club "
    "team league federation coalition alliance militia battalion division regiment navy "
    "airlines airways news times post media foundation center centre hospital board bureau "
    "al-sham al-qaeda taliban hezbollah hamas isis isil state republic international resolve "
    "operation task unit units agency's ministry's"
)
# Titles that move from a name into its role; royalty and religious titles stay in names.
_TITLE_WORDS = _words(
    "adm admiral gen general brig brigadier lt lieut lieutenant col colonel maj major capt "
    "captain cmdr cdr commander sgt sergeant cpl corporal dr prof professor sir dame lord "
    "president vice prime minister secretary chancellor sheikh sheik emir senator sen rep "
    "representative gov governor mayor judge justice chief director ceo chairman chairwoman "
    "chair ambassador rev reverend rabbi imam ayatollah detective det inspector insp supt "
    "superintendent constable officer coach manager spokesman spokeswoman spokesperson former "
    "acting deputy foreign defense defence interior state attorney speaker premier marshal "
    "field air rear head leader commissioner envoy minister's president's"
)
_COURTESY = frozenset(["mr", "mrs", "ms", "miss", "mx", "messrs", "mr.", "mrs.", "ms."])
_SPEECH_VERBS = _words(
    "said says say saying told tells tell added adds noted notes stated states wrote writes "
    "explained explains asked asks insisted insists declared declares announced announces "
    "tweeted posted commented warned warns claimed claims argued argues acknowledged replied "
    "continued recalled ranted admitted admits urged urges reported reports confirmed "
    "confirms according stressed stresses emphasised emphasized vowed pledged quipped "
    "remarked observed suggested texted responded responds cautioned conceded predicted "
    "promised repeated shouted yelled"
)
_PERSON_NOUNS = _words(
    "officer official spokesman spokeswoman spokesperson minister chief head commander "
    "president director leader general admiral man woman officer's source governor mayor "
    "ambassador secretary chairman ceo founder analyst expert witness resident victim driver "
    "coach manager captain player"
)
_ORG_PRONOUNS = frozenset(["it", "they", "we"])
_PERSON_PRONOUNS = frozenset(["he", "she", "i"])
_LOCATIVE_PREPS = _words(
    "in at near across outside inside into throughout from to around within towards toward on "
    "off over under along through between beyond via"
)
_NON_EVENT_VERBS = _words(
    "founded born established created built formed launched opened started began died aged"
)
_QUANTIFIERS = (
    "more than", "less than", "fewer than", "at least", "at most", "up to", "as many as",
    "as much as", "an estimated", "nearly", "almost", "about", "around", "approximately",
    "roughly", "some", "over", "under", "just", "only", "close to", "upwards of",
)  # fmt: skip
_WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a dozen": 12, "half": 0.5,
}  # fmt: skip
_MULTIPLIERS = {
    "hundred": 100, "thousand": 1000, "k": 1000, "million": 10**6, "m": 10**6, "mn": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
}  # fmt: skip
# Country names and demonyms the country table below cannot derive by rule.
_COUNTRY_ALIASES = {
    "us": "United States", "u.s.": "United States", "u.s": "United States",
    "usa": "United States", "u.s.a.": "United States", "america": "United States",
    "united states": "United States", "united states of america": "United States",
    "the states": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom",
    "united kingdom": "United Kingdom", "russia": "Russia", "russian federation": "Russia",
    "south korea": "South Korea", "north korea": "North Korea", "holland": "Netherlands",
    "the netherlands": "Netherlands", "czech republic": "Czechia", "turkey": "Turkey",
    "türkiye": "Turkey", "ivory coast": "Côte d'Ivoire", "burma": "Myanmar",
    "uae": "United Arab Emirates", "drc": "Democratic Republic of the Congo",
    "vatican": "Holy See", "palestine": "Palestine", "iran": "Iran", "syria": "Syria",
    "vietnam": "Vietnam", "laos": "Laos", "bolivia": "Bolivia", "venezuela": "Venezuela",
    "tanzania": "Tanzania", "moldova": "Moldova", "taiwan": "Taiwan",
}  # fmt: skip
_DEMONYMS = {
    "american": "United States", "americans": "United States", "british": "United Kingdom",
    "briton": "United Kingdom", "britons": "United Kingdom", "french": "France",
    "dutch": "Netherlands", "swiss": "Switzerland", "greek": "Greece", "turkish": "Turkey",
    "spanish": "Spain", "danish": "Denmark", "swedish": "Sweden", "finnish": "Finland",
    "polish": "Poland", "irish": "Ireland", "welsh": "Wales", "scottish": "Scotland",
    "english": "England", "filipino": "Philippines", "thai": "Thailand", "lebanese": "Lebanon",
    "chinese": "China", "japanese": "Japan", "portuguese": "Portugal", "afghan": "Afghanistan",
    "iraqi": "Iraq", "israeli": "Israel", "saudi": "Saudi Arabia",
    "emirati": "United Arab Emirates", "kuwaiti": "Kuwait", "qatari": "Qatar",
    "yemeni": "Yemen", "pakistani": "Pakistan",
    "bangladeshi": "Bangladesh", "somali": "Somalia", "sudanese": "Sudan",
    "vietnamese": "Vietnam", "congolese": "Democratic Republic of the Congo",
}  # fmt: skip
_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))

_WS = re.compile(r"\s+")
_PUNCT_EDGE = re.compile(r"^[\s,;:.\-–—(\[\"'“”‘’]+|[\s,;:\-–—(\[\"'“”‘’]+$")


# --- small text helpers -------------------------------------------------------------------


def _fold(text: str) -> str:
    """ASCII-folded, lower-cased, whitespace-collapsed form used to compare names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    return _WS.sub(" ", text.lower()).strip()


def _name_key(text: str) -> str:
    """Comparison key of a name: folded, without a leading article or trailing possessive."""
    key = _fold(text)
    key = re.sub(r"^(?:the|a|an)\s+", "", key)
    key = re.sub(r"\s*'s?$", "", key)
    key = re.sub(r"[^\w\s\-.&']", "", key)
    return _WS.sub(" ", key).strip(" .-")


def _clean_surface(text: str) -> str:
    """A surface form without a leading "the" or trailing possessive, whitespace collapsed."""
    text = _WS.sub(" ", text).strip()
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return re.sub(r"\s*['’]s?$", "", text).strip()


def _is_title_word(word: str) -> bool:
    parts = [p for p in re.split(r"[.\-]+", word.lower()) if p]
    return bool(parts) and all(p in _TITLE_WORDS or p in _COURTESY for p in parts)


def _split_titles(text: str) -> tuple[str, str]:
    """Split leading titles off a name: "Brig.-Gen. Ghassan Bakir" -> ("Brig.-Gen.", "Ghassan
    Bakir"). Courtesy titles (Mr., Ms.) are dropped, not kept as a role."""
    words = text.split()
    i = 0
    while i < len(words) - 0 and _is_title_word(words[i].strip(",")):
        i += 1
    prefix = [w for w in words[:i] if w.lower().rstrip(".") not in _COURTESY]
    return " ".join(prefix), " ".join(words[i:])


def _sentence_at(starts: list[int], pos: int) -> int:
    return max(0, bisect_right(starts, pos) - 1)


def _join_tokens(tokens: Iterable[Any]) -> str:
    """Tokens (in article order) as text: verbatim where contiguous, one space at a gap."""
    out: list[str] = []
    prev = None
    for tok in tokens:
        if prev is not None:
            if tok.i == prev.i + 1:
                out.append(prev.whitespace_)
            else:
                out.append(" ")
        out.append(tok.text)
        prev = tok
    return "".join(out).strip()


# --- candidates ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Actor:
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


@dataclass(slots=True)
class _Item:
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


@dataclass(slots=True)
class _State:
    """What the stream collects; the aggregate step turns it into facts."""

    spans: tuple[Span, ...]
    starts: list[int]
    anchor: dt.date | dt.datetime | None
    top: dict[int, float]
    who: dict[str, _Actor] = field(default_factory=dict)
    where: dict[str, _Actor] = field(default_factory=dict)
    norp: Counter[str] = field(default_factory=Counter)
    when: list[_Item] = field(default_factory=list)
    numbers: list[_Item] = field(default_factory=list)
    quotes: list[_Item] = field(default_factory=list)
    what: list[_Item] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)
    speakers: list[tuple[int, str, str, bool]] = field(default_factory=list)
    title: str = ""
    title_text: str = ""
    title_subject: str = ""


# --- public API ---------------------------------------------------------------------------


def extract_facts(
    article: Article | str,
    published: dt.date | dt.datetime | None = None,
    *,
    model: str | None = None,
) -> Facts:
    """Who, what, where, when, numbers and quotes of ``article``, each tuple best first.

    ``published`` (default: ``article.published``) anchors relative dates; without it a
    relative date ("Monday") keeps ``value=None``. Every fact carries the verbatim sentence
    it came from and a score in [0, 1) comparable within its kind. One spaCy pass over the
    text, paragraph by paragraph, serves all kinds; ``model`` names another spaCy model.
    """
    art = _as_article(article)
    anchor = _as_anchor(published if published is not None else art.published)
    text = art.text
    spans = split_sentences(text)
    if not spans:
        return Facts()
    state = _State(
        spans=spans,
        starts=[s.start for s in spans],
        anchor=anchor,
        top=_top_sentences(art),
    )
    title = (art.title or "").strip()[:500] or None
    stream = parse(text, spans, model=model, lead=title)
    if title is not None:
        _read_title(state, title, next(stream)[1])
    for offset, doc in stream:
        _read_doc(state, offset, doc)
    return _aggregate(state)


def date_mentions(
    article: Article | str,
    published: dt.date | dt.datetime | None = None,
    *,
    model: str | None = None,
) -> tuple[tuple[int, int, str, str | None], ...]:
    """Every date/time expression of the text as ``(start, end, text, value)``, in order.

    The same reading ``extract_facts`` ranks (spaCy DATE/TIME entities, repaired, resolved
    against ``published``), unranked and unmerged; for evaluation against TIMEX3 spans.
    """
    art = _as_article(article)
    anchor = _as_anchor(published if published is not None else art.published)
    spans = split_sentences(art.text)
    found = []
    for offset, doc in parse(art.text, spans, model=model):
        for ent in _fixed_entities(doc):
            if ent.label_ not in ("DATE", "TIME"):
                continue
            tense = _tense(ent.span.root)
            for start, piece in _date_pieces(offset + ent.start_char, ent.text):
                text = _WS.sub(" ", piece).strip()
                value = None
                if not dates.is_duration(text):
                    value = dates.resolve(text, anchor, tense=tense)
                found.append((start, start + len(piece), text, value))
    return tuple(found)


_ENDED = re.compile(r"\s+(?:ended|ending)\s+")


def _date_pieces(start: int, text: str) -> list[tuple[int, str]]:
    """ "the quarter ended Sept. 30" is two expressions: "the quarter" and "Sept. 30"."""
    m = _ENDED.search(text)
    if m is None:
        return [(start, text)]
    return [(start, text[: m.start()]), (start + m.end(), text[m.end() :])]


def _as_article(article: Article | str) -> Article:
    if isinstance(article, Article):
        if not isinstance(article.text, str):
            raise BriefingError(
                "extract_facts: Article.text must be a string; load the article first"
            )
        return article
    if isinstance(article, str):
        return Article(article)
    raise BriefingError(
        f"extract_facts: expected an Article or a string, got {type(article).__name__}; "
        "pass the article text or briefing.load(path)"
    )


def _as_anchor(value: Any) -> dt.date | dt.datetime | None:
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            pass
    raise BriefingError(
        f"published={value!r}: expected a date, a datetime or an ISO string like 2025-11-26"
    )


def _top_sentences(article: Article) -> dict[int, float]:
    """Sentence index -> weight in (0, 1] for the summary's top sentences (best = 1)."""
    from .summarize import summarize

    try:
        top = summarize(article, sentences=3)
    except BriefingError:
        return {}
    ranked = sorted(top, key=lambda s: (-s.score, s.index))
    return {s.index: 1.0 / (1 + rank) for rank, s in enumerate(ranked)}


# --- reading one Doc ----------------------------------------------------------------------


def _read_title(state: _State, title: str, doc: Any) -> None:
    """The title: its words and entities boost matching facts (a name only in the title is
    not a fact: the model misreads headline case), and its clause is the first "what"."""
    state.title = title
    state.title_text = _fold(title)
    subjects = [t for t in doc if t.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        state.title_subject = _fold(" ".join(t.text for t in subjects[0].subtree))
    for ent in _fixed_entities(doc, extend=False):
        _read_entity(state, ent, None, title, title=True)
    segments = _headline_segments(doc)
    for segment in segments:
        clause = _clause(segment, doc, headline=True)
        if clause:
            state.what.append(_Item(clause, None, title, None, 1.0, "TITLE", -1))
            return
    # No verb the small model can find ("Lady Gaga protests outside Trump Tower" is read as
    # a noun phrase): a headline is still the shortest statement of the event.
    statement = _headline_statement(segments)
    if statement:
        state.what.append(_Item(statement, None, title, None, 1.0, "TITLE", -1))


def _headline_statement(segments: list[Any]) -> str | None:
    """The headline's main segment, cut before a circumstantial clause ("as", "after")."""
    for segment in segments:
        tokens = [t for t in segment if not _quoted_token(t)]
        for k, tok in enumerate(tokens):
            if k >= 2 and tok.lower_ in _CIRCUMSTANTIAL and tok.tag_ in ("IN", "RB"):
                tokens = tokens[:k]
                break
        while tokens and (tokens[-1].is_punct or tokens[-1].tag_ in ("IN", "CC", "DT", "TO")):
            tokens.pop()
        while tokens and tokens[0].is_punct:
            tokens.pop(0)
        if len(tokens) >= 3:
            return _join_tokens(tokens)
    return None


def _quoted_token(tok: Any) -> bool:
    return bool(tok.tag_ in ("``", "''") or tok.text in ('"', "“", "”"))


def _headline_segments(doc: Any) -> list[Any]:
    """A headline's parts split at a colon or dash, the statement after a kicker first:
    "Croydon tram crash: Police identify three victims" -> the part after the colon."""
    cuts = [t.i for t in doc if t.text in (":", "|", "-", "–", "—") and t.whitespace_]
    bounds = [0, *[c + 1 for c in cuts], len(doc) + 1]
    parts = [doc[a : b - 1] for a, b in pairwise(bounds) if b - 1 > a]
    return parts[1:] + parts[:1] if len(parts) > 1 else parts


def _read_doc(state: _State, offset: int, doc: Any) -> None:
    for ent in _fixed_entities(doc):
        pos = offset + ent.start_char
        index = _sentence_at(state.starts, pos)
        _read_entity(state, ent, index, state.spans[index].text, pos=pos)
    _read_quotes(state, offset, doc)
    _read_what(state, offset, doc)


@dataclass(frozen=True, slots=True)
class _Labelled:
    """A spaCy Span with a corrected label (spaCy Spans cannot be relabelled cheaply)."""

    span: Any
    label_: str

    @property
    def text(self) -> str:
        return str(self.span.text)

    @property
    def start_char(self) -> int:
        return int(self.span.start_char)


def _fixed_entities(doc: Any, *, extend: bool = True) -> Iterator[_Labelled]:
    """The Doc's entities with boundaries and labels repaired by rule (see module doc):
    hyphenated names completed ("Mazar[-e-Sharif]"), a group's lost first word restored
    ("[Hayat] Tahrir al-Sham"), "[This] year", junk after a date dropped ("November 8, 2016
    [Dozens]"), and a date next to a time joined ("Wednesday" + "morning")."""
    found: list[list[Any]] = []
    for ent in doc.ents:
        start, end, label = ent.start, ent.end, ent.label_
        if label in ("DATE", "TIME"):
            if start > 0 and doc[start - 1].lower_ in ("this", "last", "next", "early", "late"):
                start -= 1  # "This year" read as "year"
            while end - start > 1 and _stray_after_date(doc[end - 1]):
                end -= 1
        if extend and label == "PERSON" and _fixed_label(ent, "PERSON") == "ORG":
            # a group the model read as a person often lost its first word too:
            # "Hayat [Tahrir al-Sham]"
            while (
                start > 0
                and start > ent.sent.start
                and ent.start - start < 2
                and doc[start - 1].tag_ in ("NNP", "NNPS")
                and not doc[start - 1].ent_type_
                and doc[start - 1].text[:1].isupper()
                and not doc[start - 1].text.isupper()
                and not _is_title_word(doc[start - 1].text)
            ):
                start -= 1
        end = _hyphenated_end(doc, end)
        span = doc[start:end] if (start, end) != (ent.start, ent.end) else ent
        found.append([start, end, _fixed_label(span, label)])
    for start, end, label in _joined_dates(doc, found):
        yield _Labelled(doc[start:end], label)


_DATE_WORDS = frozenset(dates.MONTHS) | frozenset(dates.WEEKDAYS)


def _stray_after_date(tok: Any) -> bool:
    """A capitalised word glued after a date by the model: "November 8, 2016 Dozens"."""
    word = tok.lower_.rstrip(".")
    return bool(tok.is_alpha and tok.text[:1].isupper() and word not in _DATE_WORDS)


def _hyphenated_end(doc: Any, end: int) -> int:
    """Extend an entity ending inside a hyphenated name: "Mazar" -> "Mazar-e-Sharif"
    (only when the name goes on with a capital, so "US-led" stays "US")."""
    j = end
    while (
        j + 1 < len(doc)
        and not doc[j - 1].whitespace_
        and doc[j].text == "-"
        and not doc[j].whitespace_
        and doc[j + 1].is_alpha
        and not doc[j + 1].ent_type_
    ):
        j += 2
    return j if j > end and doc[j - 1].text[:1].isupper() else end


_DATE_GLUE = frozenset(("on", "at", "of", ",", "in"))


def _joined_dates(doc: Any, found: list[list[Any]]) -> list[list[Any]]:
    """Join a date and a time the model split: "11pm" + "on" + "Thursday"."""
    out: list[list[Any]] = []
    for item in found:
        if out:
            prev = out[-1]
            gap = doc[prev[1] : item[0]]
            if (
                prev[2] in ("DATE", "TIME")
                and item[2] in ("DATE", "TIME")
                and len(gap) <= 1
                and all(t.lower_ in _DATE_GLUE for t in gap)
                and doc[prev[0]].sent.start == doc[item[0]].sent.start
            ):
                prev[1] = item[1]
                prev[2] = "DATE" if "DATE" in (prev[2], item[2]) else "TIME"
                continue
        out.append(item)
    return out


def _fixed_label(span: Any, label: str) -> str:
    text = span.text.strip()
    if text in NEWS_AGENCIES or text.upper() in NEWS_AGENCIES:
        return "ORG"
    if label == "PERSON":
        words = {w.lower().strip(".,") for w in re.split(r"[\s]+", text)}
        parts = {p for w in words for p in w.split("-")}
        if words & _GROUP_WORDS or parts & {"sham", "qaeda", "shabaab"}:
            return "ORG"
        root = span.root
        if root.dep_ == "compound" and root.head.lower_ in _PLACE_NOUNS:
            return "LOC"  # "the Dana area"
    if label == "DATE" and re.match(r"^\d[\d,.]*\s+[a-z]", text) and not _has_time_word(text):
        return "CARDINAL"  # "130 mortars" read as a date
    return label


_PLACE_NOUNS = _words(
    "area province city region district village town camp county street road valley river "
    "airport square neighbourhood neighborhood countryside governorate state border crossing "
    "mountains mountain island islands"
)
# Picture agencies and credits: named in captions, almost never the actors.
_CREDITS = frozenset(
    (
        "getty images",
        "getty",
        "epa",
        "pa",
        "press association",
        "shutterstock",
        "rex features",
        "rex",
        "alamy",
        "ap photo",
        "afp/getty images",
        "reuters/ap",
    )
)

_MEDIA_WORDS = _words(
    "times post news guardian telegraph herald journal tribune gazette daily tv radio "
    "television magazine press today chronicle observer independent mail express"
)

_TIME_WORDS = re.compile(
    r"\b(?:year|month|week|day|hour|minute|decade|century|centuries|jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|morning|night|evening|afternoon|"
    r"quarter|season|spring|summer|autumn|fall|winter|ago|old)",
    re.I,
)


def _has_time_word(text: str) -> bool:
    return _TIME_WORDS.search(text) is not None


def _read_entity(
    state: _State, ent: Any, index: int | None, evidence: str, *, pos: int = -1, title: bool = False
) -> None:
    label = ent.label_
    span = ent.span if isinstance(ent, _Labelled) else ent
    if label == "ORG" and _facility(span):
        label = "FAC"
    if label in ("PERSON", "ORG"):
        _read_actor(state, span, label, index, evidence, pos, title)
    elif label in ("GPE", "LOC", "FAC"):
        _read_place(state, span, label, index, evidence, pos, title)
    elif label == "NORP":
        key = _name_key(span.text)
        state.norp[key] += 1
        if not title:
            _read_actor(state, span, "NORP", index, evidence, pos, title)
    elif label in ("DATE", "TIME"):
        _read_date(state, span, label, index, evidence, pos, title)
    elif label in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
        _read_number(state, span, label, index, evidence, pos, title)


_FACILITY_WORDS = _words(
    "house tower field stadium arena palace hall square street road avenue airport station "
    "park building hospital bridge center centre mall hotel church mosque temple cathedral "
    "embassy consulate prison base camp court courthouse capitol circuit"
)


def _facility(span: Any) -> bool:
    """An "organisation" that is a place where something happens: "at the White House",
    "outside Trump Tower" (a facility noun, object of a locative preposition)."""
    root = span.root
    return bool(
        root.lower_ in _FACILITY_WORDS
        and root.dep_ == "pobj"
        and root.head.lower_ in _LOCATIVE_PREPS
    )


def _position_weight(state: _State, index: int | None) -> float:
    """Earlier is better; the title and the summary's top sentences count extra."""
    if index is None:
        return 2.0
    return 1.0 / (1.0 + 0.08 * index) + 0.5 * state.top.get(index, 0.0)


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


def _read_actor(
    state: _State, span: Any, label: str, index: int | None, evidence: str, pos: int, title: bool
) -> None:
    raw = _WS.sub(" ", span.text).strip()
    prefix, name = _split_titles(raw) if label == "PERSON" else ("", raw)
    name = _clean_name(name, label)
    if not name or not any(ch.isupper() for ch in name) or _is_title_word(name):
        return  # a person that is only a title ("Adm.", "President")
    key = _name_key(name)
    if not key or len(key) < 2:
        return
    actor = state.who.get(key)
    if actor is None:
        if len(state.who) >= _MAX_CANDIDATES:
            return
        actor = state.who[key] = _Actor(key)
    subject = _subject_of(span.root)
    weight = _position_weight(state, index) * (1.6 if subject else 1.0)
    if (
        name in NEWS_AGENCIES
        or name.upper() in NEWS_AGENCIES
        or key in _CREDITS
        or (label == "ORG" and key.split()[-1] in _MEDIA_WORDS)
    ):
        weight *= 0.3  # a source or a picture credit, rarely the actor
    actor.label_votes[label] += 1
    actor.surfaces[name] += 1
    actor.weight += weight
    actor.count += 1
    actor.title = actor.title or title
    if title:
        return
    if pos < actor.first_pos:
        actor.first_pos = pos
        actor.first_sentence = index
        actor.evidence = (evidence, index)
        actor.surface = name
    if label == "PERSON" and actor.role is None:
        role = _role(span, prefix)
        if role:
            actor.role = role
            actor.role_evidence = (evidence, index, name)
    if label == "ORG":
        acronym = _acronym_after(span)
        if acronym:
            state.acronyms.setdefault(_name_key(acronym), key)
    if label == "PERSON" or label == "ORG":
        state.speakers.append((pos, name, label, subject))


def _clean_name(name: str, label: str) -> str:
    """A name without credits glued in front ("GETTY Donald Trump") or "anti-"/"pro-"."""
    name = _clean_surface(name)
    name = re.sub(r"^(?:anti|pro|ex|non)-", "", name, flags=re.I)
    words = name.split()
    if label == "PERSON":
        while (
            len(words) > 1 and words[0].isupper() and len(words[0]) > 1 and not words[1].isupper()
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


def _role(span: Any, prefix: str) -> str | None:
    """The role the article gives a person: premodifiers ("US President"), titles stripped
    from the name ("Adm."), or an apposition ("Brad Cooper, head of US Central Command")."""
    left = _left_role(span)
    parts = [p for p in (left, prefix) if p]
    role = " ".join(parts) if parts else None
    if role and not _role_has_title(role):
        role = None
    appositive = _appositive_role(span)
    if role is None:
        role = appositive
    elif appositive and all(_is_title_word(w) for w in role.split()):
        role = f"{role}, {appositive}"  # "Brig.-Gen., spokesman for the army"
    return _clean_role(role) if role else None


def _left_role(span: Any) -> str:
    doc = span.doc
    i = span.start - 1
    first = span.start
    sent_start = span.sent.start
    while i >= 0 and span.start - i <= 10:
        tok = doc[i]
        if tok.ent_type_ == "PERSON":
            break
        if i < sent_start and not (_is_title_word(tok.text) or _abbreviation_dot(doc, i)):
            break  # the model may end a sentence at "Brig.-Gen." but no further back
        ok = (
            tok.tag_ in ("NNP", "NNPS", "NN", "JJ", "POS", "HYPH", "-LRB-", "-RRB-", "CD")
            or tok.ent_type_ in ("ORG", "GPE", "NORP")
            or _is_title_word(tok.text)
            or _abbreviation_dot(doc, i)
        )
        if not ok or tok.text in ("“", '"', "”", "‘"):
            break
        first = i
        i -= 1
    if first == span.start:
        return ""
    text = doc[first : span.start].text
    if text.count("(") != text.count(")"):
        return ""
    return str(text)


def _abbreviation_dot(doc: Any, i: int) -> bool:
    """A full stop glued to a title before it: the "." of "Brig.-Gen."."""
    return bool(
        doc[i].text == "."
        and i > 0
        and not doc[i - 1].whitespace_
        and _is_title_word(doc[i - 1].text)
    )


def _role_has_title(role: str) -> bool:
    words = re.findall(r"[A-Za-z][\w.\-']*", role)
    return any(_is_title_word(w) or (w.islower() and len(w) > 2) for w in words)


def _appositive_role(span: Any) -> str | None:
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.tag_ in ("NN", "NNP", "NNS"):
            if child.ent_type_ == "PERSON" or child.like_num:
                continue
            toks = [t for t in child.subtree if not _inside_clause(t, child)]
            if 0 < len(toks) <= 12:
                return _join_tokens(toks)
    if root.dep_ == "appos" and root.head.i < span.start and root.head.tag_ in ("NN", "NNS"):
        head = root.head
        toks = [t for t in head.subtree if t.i < span.start and not _inside_clause(t, head)]
        if 0 < len(toks) <= 12:
            return _join_tokens(toks)
    return None


def _inside_clause(tok: Any, top: Any) -> bool:
    """Whether ``tok`` sits in a relative/adverbial clause or apposition below ``top``."""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl", "advcl", "appos", "parataxis", "ccomp"):
            return True
        tok = tok.head
    return False


def _clean_role(role: str) -> str | None:
    role = _WS.sub(" ", role).strip()
    role = re.sub(r"(^|, )(?:the|a|an|The|A|An)\s+", r"\1", role)
    words = [w for w in role.split() if w.lower().rstrip(".") not in _COURTESY]
    role = _PUNCT_EDGE.sub("", " ".join(words))
    return role or None


def _read_place(
    state: _State, span: Any, label: str, index: int | None, evidence: str, pos: int, title: bool
) -> None:
    root = span.root
    weight = _position_weight(state, index)
    dep, head = root.dep_, root.head
    if dep in ("compound", "amod", "nmod", "npadvmod") and head.i >= span.end:
        if head.ent_type_ in ("ORG", "PERSON") or _is_title_word(head.text):
            return  # "US President", "US CENTCOM": not a place of the event
        weight *= 0.1
    elif dep == "poss" or dep in ("nsubj", "nsubjpass"):
        weight *= 0.6
    elif dep == "pobj" and head.lower_ in _LOCATIVE_PREPS:
        weight *= 1.5
    surface = _clean_surface(span.text)
    if not surface or not any(ch.isupper() for ch in surface):
        return
    key = _place_key(surface)
    place = state.where.get(key)
    if place is None:
        if len(state.where) >= _MAX_CANDIDATES:
            return
        place = state.where[key] = _Actor(key)
    place.label_votes[label] += 1
    place.surfaces[surface] += 1
    place.weight += weight
    place.count += 1
    place.title = place.title or title
    if not title and pos < place.first_pos:
        place.first_pos = pos
        place.first_sentence = index
        place.evidence = (evidence, index)
        place.surface = surface


# --- places: countries and spelling variants ----------------------------------------------


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country name -> display name, from pycountry plus common short names."""
    table: dict[str, str] = {}
    for forms, display in _pycountry_names():
        for form in forms:
            table[_fold(form)] = display
    for alias, display in _COUNTRY_ALIASES.items():
        table[_fold(alias)] = display
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


def _place_key(surface: str) -> str:
    folded = _name_key(surface)
    return _countries().get(folded, folded).lower() if folded in _countries() else folded


def _country_of(key: str) -> str | None:
    return _countries().get(key) or next(
        (v for v in _countries().values() if v.lower() == key), None
    )


def _similar(a: str, b: str) -> bool:
    """Spelling variants of one place ("Idleb"/"Idlib"): same first letter, ratio >= 0.8."""
    if a[:1] != b[:1] or min(len(a), len(b)) < 4:
        return False
    if _country_of(a) and _country_of(b):
        return False  # Niger is not Nigeria
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def _demonym_country(norp: str, places: Iterable[str]) -> str | None:
    """The place key a NORP ("Syrian") refers to, if that place is among ``places``."""
    if norp in _DEMONYMS:
        target = _DEMONYMS[norp].lower()
        return target if target in places else None
    for place in places:
        stem = place[:-1] if place[-1:] in "aeiouy" else place
        starts = norp.startswith(place) or norp.startswith(stem)
        if len(stem) >= 3 and starts and len(norp) - len(stem) <= 4:
            return place
    return None


# --- dates ---------------------------------------------------------------------------------


_FUTURE_AUX = frozenset(
    ["will", "'ll", "shall", "wo", "would", "'d", "may", "might", "should", "must", "can"]
)
_FUTURE_HEADS = _words(
    "expect expected expects schedule scheduled set due plan plans planned intend intends aim "
    "aims going prepare prepares hope hopes want wants"
)


def _tense(tok: Any) -> dates.Tense:
    """The tense of the verb a date modifies: "future" for will/shall/modals, "is meeting",
    "is due to meet", and the simple present of news copy ("meets Monday" is scheduled);
    "past" for a past-tense verb. A speech verb ("said Monday") gives no hint beyond the
    weekday rule, as dates attached to it are often misattached."""
    verb = tok
    for _ in range(5):
        if verb.tag_.startswith("VB"):
            break
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    else:
        return None
    if not verb.tag_.startswith("VB"):
        return None
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & _FUTURE_AUX or "going" in auxes:
        return "future"
    if verb.tag_ == "VB" and "to" in auxes and verb.head.lower_ in _FUTURE_HEADS:
        return "future"
    if verb.tag_ == "VBG" and auxes & {"is", "are", "'s", "'re"}:
        return "future"
    if verb.lower_ in _SPEECH_VERBS:
        return None
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        return "future"
    if verb.tag_ == "VBD" or auxes & {"had", "did", "has", "have", "was", "were"}:
        return "past"
    return None


def _non_event(span: Any) -> bool:
    """Dates that are not the event's: "since 2016", "founded in 1998", "born in"."""
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    if prev in ("since", "until", "till", "before", "by"):
        return True
    head = span.root.head
    if head.dep_ == "prep":
        head = head.head
    return bool(head.lower_ in _NON_EVENT_VERBS)


def _read_date(
    state: _State, span: Any, label: str, index: int | None, evidence: str, pos: int, title: bool
) -> None:
    text = _WS.sub(" ", span.text).strip()
    if len(state.when) >= _MAX_CANDIDATES or not text:
        return
    value = dates.resolve(text, state.anchor, tense=_tense(span.root))
    weight = _position_weight(state, index)
    if dates.is_duration(text):
        weight *= 0.1
        value = None
    elif _non_event(span):
        weight *= 0.3
    if value is not None:
        weight *= 1.0 + 0.15 * min(len(value.split("/")[0]), 10) / 10
    elif state.anchor is not None:
        weight *= 0.5
    state.when.append(_Item(text, value, evidence, index, weight, label, pos))


# --- numbers --------------------------------------------------------------------------------


def _number_value(text: str, label: str) -> str | None:
    """A normalised number: "15", "4200000000" for "$4.2 billion", "3.5%" for percents."""
    s = _fold(text).replace(",", "")
    s = re.sub(r"^(?:" + "|".join(_QUANTIFIERS) + r")\s+", "", s)
    s = re.sub(r"[$€£¥]|\b(?:us|usd|eur|gbp|dollars?|euros?|pounds?|yen)\b", " ", s).strip()
    pct = label == "PERCENT" or "%" in s or "percent" in s or "per cent" in s
    m = re.match(r"^(?P<n>\d+(?:\.\d+)?)\s*-?\s*(?P<mult>[a-z]+)?", s)
    number: Decimal | None = None
    rest = ""
    if m:
        try:
            number = Decimal(m["n"])
        except InvalidOperation:
            return None
        rest = m["mult"] or ""
    else:
        words = s.replace("-", " ").split()
        total = 0.0
        for word in words:
            if word in _WORD_NUMBERS:
                total += _WORD_NUMBERS[word]
            elif word in _MULTIPLIERS and total:
                total *= _MULTIPLIERS[word]
            elif word in ("a", "an", "and"):
                continue
            else:
                break
        if not total:
            return None
        number = Decimal(str(total))
        rest = ""
    if rest in _MULTIPLIERS and not pct and (len(rest) > 2 or label == "MONEY"):
        number *= _MULTIPLIERS[rest]
        tail = s[m.end() :] if m else ""
        nxt = re.match(r"^\s*(hundred|thousand|million|billion|trillion)\b", tail)
        if nxt:
            number *= _MULTIPLIERS[nxt[1]]
    text_number = format(number.normalize(), "f")
    if "." in text_number:
        text_number = text_number.rstrip("0").rstrip(".")
    return f"{text_number}%" if pct else text_number


def _read_number(
    state: _State, span: Any, label: str, index: int | None, evidence: str, pos: int, title: bool
) -> None:
    if len(state.numbers) >= _MAX_CANDIDATES or title:
        return
    doc = span.doc
    text = span.text.strip()
    root = span.root
    if label == "CARDINAL":
        if re.fullmatch(r"(?:1[89]|20)\d\d", text):
            return  # a year
        prev = doc[span.start - 1] if span.start > 0 else None
        if (
            prev is not None
            and prev.tag_ in ("NNP", "NNPS")
            and (root.head.i == prev.i or prev.head.i == root.i)
        ):
            return  # a number in a name: "Game 7", "Apollo 11"
        if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in dates.MONTHS:
            return
        if root.head.ent_type_ == "PERSON" and root.dep_ in ("appos", "amod", "npadvmod"):
            return  # an age: "Donald Collett, 62,"
    start, end = span.start, span.end
    # a modifier on the left: "over 15 sites", "more than 200"
    for phrase in _QUANTIFIERS:
        n = len(phrase.split())
        if start - n >= 0 and doc[start - n : start].text.lower() == phrase:
            start -= n
            break
    # the counted noun on the right: "15 sites", "thousands of soldiers"
    head = root.head
    if root.dep_ in ("nummod", "compound", "quantmod") and head.i >= end and head.i - end <= 3:
        if head.tag_.startswith("NN"):
            end = head.i + 1
    else:
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs and objs[0].i - end <= 4:
                    end = objs[0].i + 1
    surface = doc[start:end].text
    value = _number_value(text, label)
    weight = _position_weight(state, index) * (1.2 if end > span.end else 1.0)
    weight *= 1.0 if value is not None else 0.7
    state.numbers.append(_Item(surface, value, evidence, index, weight, label, pos))


# --- quotes ----------------------------------------------------------------------------------


_QUOTE_OPEN = re.compile("[" + "".join(re.escape(o) for o, _c in _QUOTE_PAIRS) + "]")


def _quote_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the text inside each quotation, curly or straight; an unclosed curly
    quote runs to the end of the paragraph."""
    closers = dict(_QUOTE_PAIRS)
    i = 0
    while (m := _QUOTE_OPEN.search(text, i)) is not None:
        opener = m.group()
        j = text.find(closers[opener], m.end())
        if j == -1 and opener == '"':
            i = m.end()  # a lone straight quote opens nothing
            continue
        j = len(text) if j == -1 else j
        yield m.end(), j
        i = j + 1


def _read_quotes(state: _State, offset: int, doc: Any) -> None:
    text = doc.text
    found = [(qs, qe) for qs, qe in _quote_spans(text) if len(text[qs:qe].split()) >= 4]
    if not found:
        return
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    for qs, qe in found:
        quote = text[qs:qe].strip().rstrip(",").rstrip()
        if len(state.quotes) >= _MAX_CANDIDATES:
            return
        index = _sentence_at(state.starts, offset + qs)
        speaker, label = _speaker(state, doc, sents, offset, qs, qe)
        weight = _position_weight(state, index) + (0.8 if speaker else 0.0)
        weight += 0.3 if 6 <= len(quote.split()) <= 60 else 0.0
        state.quotes.append(
            _Item(
                quote,
                None,
                state.spans[index].text,
                index,
                weight,
                "QUOTE",
                offset + qs,
                speaker,
                label,
            )
        )


def _speaker(
    state: _State, doc: Any, sents: list[tuple[int, int]], offset: int, qs: int, qe: int
) -> tuple[str | None, str | None]:
    """The speaker of the quotation at ``doc.text[qs:qe]``: the subject of the nearest speech
    verb outside the quote in its sentence, a pronoun resolved to the last named person or
    organisation, or the object of "according to"."""
    verb = _speech_verb(doc, sents, qs, qe)
    if verb is None:
        return _previous_speaker(state, offset + qs)
    if verb.lower_ == "according":
        objs = [t for c in verb.children for t in c.children if t.dep_ == "pobj"]
        return _named_in(state, objs[:1], offset + qs) if objs else (None, None)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return _previous_speaker(state, offset + qs)
    return _named_in(state, subjects, offset + qs)


def _speech_verb(doc: Any, sents: list[tuple[int, int]], qs: int, qe: int) -> Any:
    """The speech verb nearest the quotation, outside it, in the sentences it touches."""
    near = [(a, b) for a, b in sents if a <= qe + 1 and b >= qs - 1]
    lo = min((a for a, _b in near), default=qs)
    hi = max((b for _a, b in near), default=qe)
    window = doc.char_span(lo, hi, alignment_mode="expand")
    best = None
    best_dist = 1 << 30
    for tok in window if window is not None else doc:
        if qs <= tok.idx < qe:
            continue
        if tok.lower_ in _SPEECH_VERBS and (tok.tag_.startswith("VB") or tok.lower_ == "according"):
            dist = qs - tok.idx if tok.idx < qs else tok.idx - qe
            if dist < best_dist:
                best, best_dist = tok, dist
    return best


def _named_in(state: _State, heads: list[Any], pos: int) -> tuple[str | None, str | None]:
    """A name for the phrases headed by ``heads``: a person (else an organisation) inside
    them, else a pronoun or role noun resolved to the last person/organisation before
    ``pos``."""
    subtree = [t for head in heads for t in head.subtree]
    doc = heads[0].doc
    for wanted in ("PERSON", "ORG"):
        for tok in subtree:
            if not tok.ent_type_:
                continue
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            if ent is None or _fixed_label(ent, ent.label_) != wanted:
                continue
            _prefix, name = _split_titles(_WS.sub(" ", ent.text).strip())
            name = _clean_surface(name if wanted == "PERSON" else ent.text)
            if name:
                return name, wanted
    word = heads[0].lower_
    if word in _PERSON_PRONOUNS or word in _PERSON_NOUNS:
        return _last_named(state, pos, ("PERSON",))
    if word in _ORG_PRONOUNS:
        return _last_named(state, pos, ("ORG", "PERSON"))
    return _previous_speaker(state, pos)


def _last_named(state: _State, pos: int, labels: tuple[str, ...]) -> tuple[str | None, str | None]:
    for wanted in labels:
        for p, name, label, _subject in reversed(state.speakers):
            if p < pos and label == wanted:
                return name, label
    return None, None


def _previous_speaker(state: _State, pos: int) -> tuple[str | None, str | None]:
    """The speaker of the previous quotation when it is at most two sentences back."""
    if not state.quotes:
        return None, None
    last = state.quotes[-1]
    here = _sentence_at(state.starts, pos)
    if last.sentence_index is not None and here - last.sentence_index <= 2 and last.speaker:
        return last.speaker, last.speaker_label
    return None, None


# --- what --------------------------------------------------------------------------------------


def _read_what(state: _State, offset: int, doc: Any) -> None:
    end = offset + len(doc.text)
    first = _sentence_at(state.starts, offset)
    for index in range(first, len(state.spans)):
        sent = state.spans[index]
        if sent.start >= end:
            break
        if index not in state.top:
            continue
        span = doc.char_span(sent.start - offset, sent.end - offset, alignment_mode="expand")
        if span is None:
            continue
        clause = _clause(span, doc)
        if clause:
            weight = state.top[index] * (0.3 if _EMPTY_CLAUSE.match(clause) else 1.0)
            state.what.append(_Item(clause, None, sent.text, index, weight, "EVENT", sent.start))


# "This is not the first time": a pronoun and a copula state no event.
_EMPTY_CLAUSE = re.compile(r"^(?:this|that|it|there|these|those)\s+(?:is|are|was|were|'s)\b", re.I)


_CORE_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
_VERB_GROUP = ("aux", "auxpass", "neg", "prt")
_OBJECT_DEPS = ("dobj", "attr", "acomp", "oprd", "dative", "xcomp", "ccomp", "agent")
_DROP_DEPS = ("relcl", "acl", "advcl", "appos", "parataxis", "punct", "cc", "mark", "meta")


_CIRCUMSTANTIAL = _words("as after before while because despite since until amid following during")


def _clause(span: Any, doc: Any, *, headline: bool = False) -> str | None:
    """The main event of a sentence as one short clause: subject, verb group and object,
    verbatim words in article order (trimmed of subordinate clauses and appositions). In a
    headline the verb must have a subject and must not sit inside quotation marks."""
    verb = _main_verb(span, headline=headline)
    if verb is None:
        return None
    keep: list[Any] = []
    subjects = [c for c in verb.children if c.dep_ in _CORE_DEPS]
    if headline and not subjects:
        return None
    if subjects:
        keep += _trimmed(subjects[0], 8)
    keep += [verb] + [c for c in verb.children if c.dep_ in _VERB_GROUP]
    objects = [c for c in verb.children if c.dep_ in _OBJECT_DEPS and c.i > verb.i]
    preps = [
        c
        for c in verb.children
        if c.dep_ == "prep" and c.i > verb.i and c.lower_ not in _CIRCUMSTANTIAL
    ]
    if objects:
        obj = objects[0]
        keep += _trimmed(obj, 12)
        after = [p for p in preps if p.i > obj.i]
        if after and len(list(after[0].subtree)) <= 5 and after[0].i <= max(t.i for t in keep) + 2:
            keep += _trimmed(after[0], 5)
    elif preps and not any(c.dep_ == "prt" for c in verb.children):
        keep += _trimmed(preps[0], 8)
    tokens = sorted(
        {t.i: t for t in keep if span.start <= t.i < span.end}.values(), key=lambda t: t.i
    )
    tokens = [t for t in tokens if t.text not in ("“", "”", '"', "‘", "’")]
    while tokens and (tokens[-1].is_punct or tokens[-1].tag_ in ("IN", "CC", "DT", "TO")):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if len(tokens) < 2:
        return None
    return _join_tokens(tokens)


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
    if verb.lower_ in _SPEECH_VERBS:
        reported = [c for c in verb.children if c.dep_ == "ccomp" and c.tag_.startswith("VB")]
        if reported and any(g.dep_ in _CORE_DEPS for g in reported[0].children):
            verb = reported[0]
    return verb


def _quoted(span: Any) -> set[int]:
    """Indices of tokens inside quotation marks ("'I BLAME COMEY' Clinton blames...")."""
    inside: set[int] = set()
    open_mark: str | None = None
    for tok in span:
        if tok.tag_ in ("``", "''") or tok.text in ('"', "“", "”"):
            open_mark = None if open_mark else tok.text
            continue
        if open_mark:
            inside.add(tok.i)
    return inside


def _trimmed(tok: Any, limit: int) -> list[Any]:
    """The subtree of ``tok`` without clauses, appositions and parentheses, at most
    ``limit`` tokens (cut after the head when longer)."""
    out = [t for t in tok.subtree if t.i == tok.i or not _dropped(t, tok)]
    out = _without_parentheses(out)
    if len(out) > limit:
        head_pos = next((k for k, t in enumerate(out) if t.i == tok.i), 0)
        out = out[: max(head_pos + 1, limit)]
        out = out[: max(limit, head_pos + 1)]
    return out


def _dropped(tok: Any, top: Any) -> bool:
    while tok.i != top.i:
        if tok.dep_ in _DROP_DEPS:
            return True
        tok = tok.head
    return False


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


# --- aggregation ---------------------------------------------------------------------------


def _saturate(raw: float, half: float) -> float:
    """Map a non-negative evidence sum to [0, 1): ``half`` evidence gives 0.5."""
    return raw / (raw + half) if raw > 0 else 0.0


def _aggregate(state: _State) -> Facts:
    clusters, canonical_of = _cluster_actors(state)
    who = _who_facts(state, clusters)
    return Facts(
        who=who,
        what=_what_facts(state),
        where=_where_facts(state),
        when=_ranked_items(state.when, "when", half=2.0),
        numbers=_ranked_items(state.numbers, "numbers", half=2.0),
        quotes=_quote_facts(state, canonical_of, who),
    )


@dataclass(slots=True)
class _Cluster:
    members: list[_Actor]
    label: str
    canonical: str = ""
    weight: float = 0.0


def _tokens(key: str) -> list[str]:
    return [t for t in re.split(r"[\s]+", key) if t]


def _token_match(a: str, b: str) -> bool:
    if a == b:
        return True
    for prefix in ("al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-"):
        if b.startswith(prefix) and b[len(prefix) :] == a:
            return True
        if a.startswith(prefix) and a[len(prefix) :] == b:
            return True
    return len(a) == 2 and a.endswith(".") and b.startswith(a[0])


def _subset(small: list[str], big: list[str]) -> bool:
    return bool(small) and all(any(_token_match(s, b) for b in big) for s in small)


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


def _label_of(actor: _Actor) -> str:
    votes = actor.label_votes
    if votes.get("NORP", 0) == sum(votes.values()):
        return "NORP"
    person, org = votes.get("PERSON", 0), votes.get("ORG", 0)
    return "PERSON" if person > org else "ORG"


def _cluster_actors(state: _State) -> tuple[list[_Cluster], dict[str, str]]:
    """Merge mentions of one actor: surname/token subsets within a type, acronyms defined in
    the text ("(CENTCOM)") or matching initials. Returns clusters and key -> canonical."""
    actors = sorted(
        (a for a in state.who.values() if not _concatenated(a, state.who)),
        key=lambda a: (-len(_tokens(a.key)), -len(a.key), a.first_pos),
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
        target.members.append(actor)
        home[actor.key] = target
    canonical_of: dict[str, str] = {}
    for cluster in clusters:
        cluster.canonical = _canonical_name(cluster)
        cluster.weight = sum(m.weight for m in cluster.members)
        for member in cluster.members:
            canonical_of[member.key] = cluster.canonical
    return clusters, canonical_of


def _matching_cluster(actor: _Actor, label: str, clusters: list[_Cluster]) -> _Cluster | None:
    words = _tokens(actor.key)
    best = None
    best_weight = -1.0
    for cluster in clusters:
        if cluster.label == "NORP" or label == "NORP":
            continue
        for member in cluster.members:
            big = _tokens(member.key)
            same_type = cluster.label == label or (
                cluster.label == "PERSON" and len(words) == 1 and len(big) > 1
            )
            if cluster.label == "ORG" and same_type:
                same_type = _org_part(words, big)
            ok = (same_type and _subset(words, big)) or (
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


def _concatenated(actor: _Actor, actors: dict[str, _Actor]) -> bool:
    """A model error joining two names: "Hillary Clinton Donald Trump"."""
    words = _tokens(actor.key)
    if len(words) < 4:
        return False
    for cut in range(2, len(words) - 1):
        if " ".join(words[:cut]) in actors and " ".join(words[cut:]) in actors:
            return True
    return False


_CORPORATE = _words(
    "international inc inc. corp corp. corporation co co. company group holdings plc llc ltd "
    "ltd. limited sa ag nv gmbh"
)


def _org_part(small: list[str], big: list[str]) -> bool:
    """Whether organisation name ``small`` can be short for ``big``: its last words
    ("Interior Ministry" for "Syrian Interior Ministry") or ``big`` minus a corporate
    suffix ("Mondelez" for "Mondelez International"), not any subset ("Croydon" is not
    "Croydon Guardian")."""
    if big[-len(small) :] == small:
        return True
    rest = big[len(small) :]
    return big[: len(small)] == small and all(w in _CORPORATE for w in rest)


def _canonical_name(cluster: _Cluster) -> str:
    """The full form of the name: among forms of several words (no honorifics, no
    parentheses), the most frequent, then the longest; a rarer longer form is usually a
    model error gluing a word on ("Jubilant Chicago Cubs")."""
    forms: Counter[str] = Counter()
    for member in cluster.members:
        forms.update(member.surfaces)
    candidates = [f for f in forms if "(" not in f] or list(forms)
    full = [f for f in candidates if len(_tokens(f)) > 1 and not f.isupper()] or candidates
    return max(full, key=lambda f: (forms[f], not f.isupper(), len(_tokens(f)), len(f)))


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = phrase.split()
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")


def _title_boost(state: _State, names: Iterable[str], *, surname: bool = False) -> float:
    """2 when a name appears in the title (a person's surname is enough), 1.5 more when it
    is the title's subject."""
    if not state.title_text:
        return 0.0
    boost = 0.0
    for name in names:
        words = [w for w in _tokens(_name_key(name)) if len(w) > 1]
        if surname and len(words) > 1:
            words = words[-1:]
        if not words:
            continue
        pattern = _phrase_pattern(" ".join(words))
        if pattern.search(state.title_text):
            boost = max(boost, 2.0 + (1.5 if pattern.search(state.title_subject) else 0.0))
    return boost


def _who_facts(state: _State, clusters: list[_Cluster]) -> tuple[Fact, ...]:
    people = [c for c in clusters if c.label in ("PERSON", "ORG")]
    if not people:
        people = [c for c in clusters if c.label == "NORP"]
    scored = []
    for cluster in people:
        body = [m for m in cluster.members if m.evidence is not None]
        if not body:
            continue  # named only in the title, where the model misreads headline case
        place = state.where.get(_place_key(cluster.canonical))
        if place is not None and place.count >= sum(m.count for m in cluster.members):
            continue  # "Croydon" read as an organisation in "Croydon tram"
        names = {s for m in cluster.members for s in m.surfaces}
        raw = cluster.weight + _title_boost(state, names, surname=cluster.label == "PERSON")
        first = min((m.first_sentence or 0 for m in body), default=0)
        raw += 1.5 / (1.0 + first / 3.0) if body else 0.0
        scored.append((raw, cluster))
    scored.sort(key=lambda rc: -rc[0])
    facts = []
    for raw, cluster in scored[: LIMITS["who"]]:
        facts.append(_who_fact(state, cluster, _saturate(raw, 4.0)))
    return tuple(facts)


def _who_fact(state: _State, cluster: _Cluster, score: float) -> Fact:
    """The actor's fact: the full name as the article first gives it, with its sentence
    (the sentence that gives the role, when the full name comes with one)."""
    body = sorted((m for m in cluster.members if m.evidence), key=lambda m: m.first_pos)
    full = [m for m in body if m.key == _name_key(cluster.canonical)]
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


def _where_facts(state: _State) -> tuple[Fact, ...]:
    groups = _merge_places(state)
    if not groups:
        return ()
    norp_support: Counter[int] = Counter()
    keys = {g[0].key: k for k, g in enumerate(groups)}
    for norp, count in state.norp.items():
        target = _demonym_country(norp, keys)
        if target is not None:
            norp_support[keys[target]] += count
    scored = []
    for k, group in enumerate(groups):
        if not any(m.evidence for m in group):
            continue  # named only in the title
        names = {s for m in group for s in m.surfaces}
        raw = sum(m.weight for m in group) + _title_boost(state, names)
        raw += 0.3 * min(norp_support[k], 5)
        scored.append((raw, group))
    scored.sort(key=lambda rg: -rg[0])
    facts = []
    for raw, group in scored[: LIMITS["where"]]:
        facts.append(_where_fact(state, group, _saturate(raw, 4.0)))
    return tuple(f for f in facts if f is not None)


def _merge_places(state: _State) -> list[list[_Actor]]:
    """Group place candidates that are one place: same key, or spelling variants."""
    groups: list[list[_Actor]] = []
    for place in sorted(state.where.values(), key=lambda p: -p.weight):
        for group in groups:
            if any(_similar(place.key, other.key) for other in group):
                group.append(place)
                break
        else:
            groups.append([place])
    return groups


def _where_fact(state: _State, group: list[_Actor], score: float) -> Fact | None:
    surfaces: Counter[str] = Counter()
    for member in group:
        surfaces.update(member.surfaces)
    country = _country_of(group[0].key)
    value = country or max(surfaces, key=lambda s: (surfaces[s], len(s)))
    body = sorted((m for m in group if m.evidence), key=lambda m: m.first_pos)
    if body and body[0].evidence:
        evidence, index = body[0].evidence
        surface = body[0].surface
    else:
        evidence, index = state.title, None
        surface = max(surfaces, key=lambda s: (surfaces[s], len(s)))
    label = Counter(lbl for m in group for lbl in m.label_votes.elements()).most_common(1)[0][0]
    return Fact(surface, value, evidence, score, label=label, sentence_index=index)


def _ranked_items(items: list[_Item], kind: str, *, half: float) -> tuple[Fact, ...]:
    """Merge repeated items (same value, else same text), then rank by summed weight."""
    merged: dict[str, _Item] = {}
    for item in items:
        key = item.value if kind == "when" and item.value else _fold(item.text)
        if kind == "numbers":
            key = _fold(item.text)
        seen = merged.get(key)
        if seen is None:
            merged[key] = _Item(
                item.text,
                item.value,
                item.evidence,
                item.sentence_index,
                item.weight,
                item.label,
                item.pos,
            )
        else:
            seen.weight += 0.5 * item.weight
    ranked = sorted(merged.values(), key=lambda i: (-i.weight, i.pos))[: LIMITS[kind]]
    return tuple(
        Fact(
            i.text,
            i.value,
            i.evidence,
            _saturate(i.weight, half),
            label=i.label,
            sentence_index=i.sentence_index,
        )
        for i in ranked
    )


def _what_facts(state: _State) -> tuple[Fact, ...]:
    items = sorted(state.what, key=lambda i: (-i.weight, i.pos))
    seen: set[str] = set()
    facts = []
    for item in items:
        key = _fold(item.text)
        if key in seen:
            continue
        seen.add(key)
        facts.append(
            Fact(
                item.text,
                None,
                item.evidence,
                _saturate(item.weight, 0.5),
                label=item.label,
                sentence_index=item.sentence_index,
            )
        )
    return tuple(facts[: LIMITS["what"]])


def _quote_facts(
    state: _State, canonical_of: dict[str, str], who: tuple[Fact, ...]
) -> tuple[Fact, ...]:
    top_who = {f.value for f in who[:3]}
    facts = []
    for item in state.quotes:
        speaker = _canonical_speaker(item.speaker, canonical_of)
        weight = item.weight + (0.5 if speaker in top_who else 0.0)
        facts.append(
            Fact(
                item.text,
                None,
                item.evidence,
                _saturate(weight, 2.0),
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
    key = _name_key(name)
    if key in canonical_of:
        return canonical_of[key]
    words = _tokens(key)
    for other, canonical in canonical_of.items():
        if _subset(words, _tokens(other)):
            return canonical
    return name
