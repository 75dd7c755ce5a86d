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

The readers live in one module each (``who``, ``what``, ``where``, ``when``, ``numbers``,
``quotes``, whose speakers ``speakers`` finds); ``state`` holds what they share, ``rank``
the named weights, ``entities`` the entity repairs and ``words`` the word lists.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from .. import dates
from ..errors import BriefingError, wrong_type
from ..lang import NO_MODEL, detect, model_for
from ..lexicon import NEWS_AGENCIES
from ..marks import quote_spans, quotes_in_single_marks
from ..models import Article, Facts, Sentence, as_date
from ..nlp import analysis_cut, parse, text_of
from ..notes import without_notes
from ..text import split_sentences
from .answers import read_answers
from .described import read_described
from .entities import Labelled, facility, fixed_entities
from .gender import read_genders
from .not_actors import actor_label
from .numbers import number_keys, read_number
from .plain_numbers import read_plain_numbers
from .quotes import quotation_runs_on, quote_facts, read_quotes
from .rank import DEFAULT_WEIGHTS, Weights
from .speakers import chain_subjects
from .state import Dateline, State, ranked_items, sentence_at
from .what import read_title_what, read_what, what_facts
from .when import date_pieces, day_of_month, read_date, tense_of, when_facts
from .where import (
    abbreviated_region,
    known_place,
    people_named_as_places,
    read_place,
    where_facts,
)
from .who import cluster_actors, not_places, read_actor, who_facts
from .words import WS, fold, name_key

__all__ = ["Weights", "aggregate", "collect", "date_mentions", "extract_facts"]


def extract_facts(
    article: Article | str,
    published: dt.date | dt.datetime | None = None,
    *,
    model: str | None = None,
    ranking: Sequence[Sentence] | None = None,
    weights: Weights | None = None,
    language: str | None = None,
) -> Facts:
    """Who, what, where, when, numbers and quotes of ``article``, each tuple best first.

    ``published`` (default: ``article.published``) anchors relative dates; without it a
    relative date ("Monday") keeps ``value=None``. Every fact carries the verbatim sentence
    it came from and a score in [0, 1) comparable within its kind. One spaCy pass over the
    text, paragraph by paragraph, serves all kinds; ``model`` names another spaCy model.
    ``ranking`` is the summary's sentences (as ``summarize`` returns them): the facts of
    its best sentences rank higher. ``brief()`` passes its own summary; called alone,
    ``extract_facts`` ranks the sentences itself with the default summarizer. ``weights``
    replaces the ranking weights (:class:`briefing.facts.rank.Weights`). Dates are read in
    ``language`` (ISO 639-1; default ``article.language``, else detected): "segunda-feira"
    in a Portuguese article is the Monday before ``published``. With no ``model`` named, the
    language's installed spaCy model reads it (:func:`briefing.lang.model_for`); with none,
    the English model's parse of foreign words is not trusted: only dates, quotations
    (without a speaker) and numbers with the word after them are read; who, what and where
    stay empty.
    """
    state = collect(
        article, published, model=model, ranking=ranking, weights=weights, language=language
    )
    return Facts() if state is None else aggregate(state)


def collect(
    article: Article | str,
    published: dt.date | dt.datetime | None = None,
    *,
    model: str | None = None,
    ranking: Sequence[Sentence] | None = None,
    weights: Weights | None = None,
    language: str | None = None,
) -> State | None:
    """The spaCy pass of :func:`extract_facts`: every candidate, unranked (None for a text
    without sentences). The State holds no spaCy object, so a bench can keep it and rank it
    again under other weights (``aggregate(replace(state, weights=...))``)."""
    art = _as_article(article)
    anchor = _as_anchor(published if published is not None else art.published)
    text = art.text
    text = text[: analysis_cut(text)]  # bounded work on book-length or degenerate text
    spans = split_sentences(text)
    if not spans:
        return None
    code = language or art.language or detect(text[:2000])
    found = model_for(code)  # the language's installed model, None (English) or NO_MODEL
    if model is None and found != NO_MODEL:
        model = found
    state = State(
        spans=spans,
        starts=[s.start for s in spans],
        anchor=anchor,
        top=_top_sentences(art, ranking),
        weights=weights or DEFAULT_WEIGHTS,
        dateline=_dateline(text),
        language=dates.reads_language(code),
        model_reads=model is not None or found != NO_MODEL,
        single_marks=quotes_in_single_marks(text),
    )
    title = (art.title or "").strip()[:500] or None
    stream = parse(text, spans, model=model, lead=title)
    if title is not None:
        _read_title(state, title, next(stream)[1])
    for offset, doc in stream:
        _read_doc(state, offset, doc)
    read_answers(state, text)
    return state


def date_mentions(
    article: Article | str,
    published: dt.date | dt.datetime | None = None,
    *,
    model: str | None = None,
) -> tuple[tuple[int, int, str, str | None], ...]:
    """Every date/time expression of the text as ``(start, end, text, value)``, in order.

    The same reading ``extract_facts`` ranks (spaCy DATE/TIME entities, repaired, resolved
    against ``published``), unranked and unmerged; for evaluation against TIMEX3 spans, so
    offsets are in the text as given, notes included.
    """
    art = _as_article(article, notes=True)
    anchor = _as_anchor(published if published is not None else art.published)
    spans = split_sentences(art.text)
    found = []
    for offset, doc in parse(art.text, spans, model=model):
        for ent in fixed_entities(doc):
            if ent.label_ not in ("DATE", "TIME"):
                continue
            tense = tense_of(ent.span.root)
            for start, piece in date_pieces(offset + ent.start_char, ent.text):
                text = WS.sub(" ", piece).strip()
                if dates.is_duration(text):
                    value = dates.duration_value(text)  # "P3D": no anchor needed
                else:
                    value = dates.resolve(text, anchor, tense=tense)
                found.append((start, start + len(piece), text, value))
    return tuple(found)


# "LONDON --", "SEATTLE, Wash. (Reuters) -", "Kabul (AFP) —", "SAO PAULO, Nov 8 (Reuters) -":
# a place (its state or country after a comma), perhaps the day, perhaps the agency in
# brackets, then a dash
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]{0,6}\.?"
_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
    r"(?:,\s*(?P<region>[A-Z][\w.']+(?: [A-Z][\w.']+)?))?"
    rf"(?:,?\s*(?P<day>{_MONTH}\s+\d{{1,2}}))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?\s*(?:--|[—–-])\s"
)
# "PUNE:", "NEW DELHI (PTI):": a city in capitals, then a colon (Indian and Pakistani
# papers write datelines so); as "UPDATE:" and "WATCH:" open lines too, only a place the
# gazetteer knows
_COLON_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2})(?:,\s*(?P<region>[A-Z][\w.']+))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?\s*:\s"
)
# a headline line above the story in the text itself: one line, no sentence end
_HEADLINE = re.compile(r"\s*[^\n]{1,200}(?<![.!?:;\"”])\n[ \t]*\n")
# a byline paragraph above the dateline: "By Laura Benning\n\nLEEDS, England — ..."
_BYLINE_FIRST = re.compile(r"\s*By [A-Z][^\n]{1,80}\n\s*\n")


def _dateline(text: str) -> Dateline | None:
    """The dateline opening ``text``'s story (the first paragraph, or the second under a
    headline line or a byline), None when there is none."""
    head = _BYLINE_FIRST.match(text) or _HEADLINE.match(text)
    for start in (len(text) - len(text.lstrip()), head.end() if head else -1):
        if start < 0:
            continue
        m = _DATELINE.match(text, start, start + 200)
        if m is None:
            m = _COLON_DATELINE.match(text, start, start + 200)
            if m is None or not known_place(name_key(m["city"].title())):
                continue
        return Dateline(
            start=start,
            end=m.end(),
            city=m.span("city"),
            region=m.span("region"),
            agency=m.span("agency"),
        )
    return None


def _as_article(article: Article | str, notes: bool = False) -> Article:
    """``article`` as an Article, without its notes (credits, bylines: no actor, no place)
    unless ``notes``."""
    if isinstance(article, Article):
        return article if notes else without_notes(article)
    if isinstance(article, str):
        return Article(article) if notes else without_notes(Article(article))
    raise wrong_type(
        "extract_facts",
        "an Article or text",
        article,
        "pass the article text or briefing.load(path)",
    )


def _as_anchor(value: Any) -> dt.date | dt.datetime | None:
    return as_date(value, "extract_facts", "published")


def _top_sentences(article: Article, ranking: Sequence[Sentence] | None) -> dict[int, float]:
    """Sentence index -> weight in (0, 1] for the summary's top sentences (best = 1)."""
    if ranking is not None:
        top: Sequence[Sentence] = ranking
    else:
        from ..summarize import summarize

        try:
            top = summarize(article, sentences=3)
        except BriefingError:
            return {}
    ranked = sorted(top, key=lambda s: (-s.score, s.index))
    return {s.index: 1.0 / (1 + rank) for rank, s in enumerate(ranked)}


def _read_title(state: State, title: str, doc: Any) -> None:
    """The title: its words and entities boost matching facts (a name only in the title is
    not a fact: the model misreads headline case), and its clause is the first "what"."""
    state.title = title
    state.title_text = fold(title)
    if not state.model_reads:
        return
    subjects = [t for t in doc if t.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        state.title_subject = fold(" ".join(t.text for t in subjects[0].subtree))
    for ent in fixed_entities(doc, extend=False):
        _read_entity(state, ent, None, title, title=True)
    read_title_what(state, title, doc)


def _read_doc(state: State, offset: int, doc: Any) -> None:
    """One paragraph. In a language no model reads (``state.model_reads`` false) only its
    dates (``read_date`` keeps the language's own date words), its quotations without a
    speaker and its plain numbers are read."""
    found_all = list(fixed_entities(doc))
    if (
        state.model_reads
        and state.dateline
        and offset <= state.dateline.start < offset + len(text_of(doc))
    ):
        found_all = _dateline_read(state.dateline, offset, doc, found_all)
    for found in found_all:
        if state.model_reads or found.label_ in ("DATE", "TIME"):
            pos = offset + found.start_char
            index = sentence_at(state.starts, pos)
            ent = _within(found, state.spans[index].end - offset)
            if ent is not None:
                _read_entity(state, ent, index, state.spans[index].text, pos=pos)
    runs_on = quotation_runs_on(state, offset + len(text_of(doc)))
    quoted = list(
        quote_spans(text_of(doc), runs_on=runs_on, singles=state.single_marks)
    )  # quotes read them, what skips them
    if state.model_reads:
        read_described(state, offset, doc, quoted)
        read_genders(state, doc, quoted)
        chain_subjects(state, offset, doc, quoted)
    read_quotes(state, offset, doc, quoted, runs_on)
    if state.model_reads:
        read_what(state, offset, doc, quoted)
    else:
        read_plain_numbers(state, offset, text_of(doc))


def _within(ent: Labelled, end: int) -> Labelled | None:
    """``ent`` cut at its sentence's end (``end``, a position in the Doc): the model may run
    an entity on over a stop it read as an abbreviation's ("100 km/h. Drivers")."""
    span = ent.span
    if span.end_char <= end:
        return ent
    last = max((t.i + 1 for t in span if t.idx + len(t) <= end), default=span.start)
    return Labelled(span.doc[span.start : last], ent.label_) if last > span.start else None


def _dateline_read(
    dateline: Dateline, offset: int, doc: Any, found: list[Labelled]
) -> list[Labelled]:
    """The entities of the dateline's paragraph, the dateline read from its form: its city
    is one place ("SAO PAULO", "EVIAN-LES-BAINS", "CUPERTINO" whatever the model made of
    the capitals: a name, part of one, the premodifier of the subject); its agency's tag
    ("(AP)", "(Reuters)") is no actor and no place; a state's abbreviation after the city
    ("Ky.", "Calif.") is no place of its own. A city not in capitals is taken only when the
    model tagged nothing there and the gazetteer knows it."""

    def inside(ent: Labelled, part: tuple[int, int]) -> bool:
        start: int = offset + ent.span.start_char
        return part[0] <= start < part[1]

    kept = [
        e
        for e in found
        if not inside(e, dateline.agency)
        and not (inside(e, dateline.region) and abbreviated_region(e.span))
    ]
    a, b = dateline.city
    city = doc.char_span(a - offset, b - offset, alignment_mode="expand")
    if city is None:
        return kept
    text = city.text
    on_city = [e for e in kept if e.span.start < city.end and city.start < e.span.end]
    if (text.isupper() and len(text) > 2) or (not on_city and known_place(name_key(text.title()))):
        kept = [e for e in kept if e not in on_city] + [Labelled(city, "GPE")]
    return kept


def _dateline_place(state: State, span: Any, pos: int, title: bool) -> bool:
    """Whether ``span`` is the place of the article's dateline: written in capitals before
    the dateline's end, and not its agency ("(Reuters)", "(AP)")."""
    text = span.text.strip()
    return bool(
        not title
        and state.in_dateline(pos)
        and text.isupper()
        and len(text) > 2
        and text not in NEWS_AGENCIES
        and not (span.start > 0 and span.doc[span.start - 1].text == "(")
    )


def _read_entity(
    state: State, ent: Any, index: int | None, evidence: str, *, pos: int = -1, title: bool = False
) -> None:
    label = ent.label_
    span = ent.span if isinstance(ent, Labelled) else ent
    if label == "ORG" and facility(span):
        label = "FAC"
    if label in ("PERSON", "ORG", "NORP") and _dateline_place(state, span, pos, title):
        label = "GPE"  # "FRANKFURT (Reuters) -": the model read the capitals as a name
    if label in ("PERSON", "ORG"):
        read_as = actor_label(span, label)
        if read_as is None:
            return  # a time zone, a credit, a code's prefix: no actor and no place
        label = read_as  # "Gorham Road", ", of Clovis,": a place
    if label in ("PERSON", "ORG"):
        read_actor(state, span, label, index, evidence, pos, title)
        if label == "PERSON":  # its place reading, kept apart: "from Toulouse" read as a person
            read_place(state, span, "GPE", index, evidence, pos, title, into=state.named)
    elif label in ("GPE", "LOC", "FAC"):
        read_place(state, span, label, index, evidence, pos, title)
    elif label == "NORP":
        key = name_key(span.text)
        state.norp[key] += 1
        if not title:
            read_actor(state, span, "NORP", index, evidence, pos, title)
    elif label in ("DATE", "TIME"):
        read_date(state, span, label, index, evidence, pos, title)
    elif label == "ORDINAL" and not title and day_of_month(span) is not None:
        day = day_of_month(span)
        read_date(
            state, day, "DATE", index, evidence, pos - (span.start_char - day.start_char), title
        )
    elif label in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
        read_number(state, span, label, index, evidence, pos, title)


def aggregate(state: State) -> Facts:
    """The ranked facts of every kind from the candidates in ``state``."""
    w = state.weights
    named = people_named_as_places(state)
    clusters, canonical_of = cluster_actors(state, named)
    who = who_facts(state, clusters)
    people, orgs = not_places(clusters)
    return Facts(
        who=who,
        what=what_facts(state),
        where=where_facts(state, people, orgs, named),
        when=when_facts(state),
        numbers=ranked_items(
            state.numbers,
            "numbers",
            half=w.numbers_half,
            repeat=w.repeat,
            keys=number_keys(state.numbers),
        ),
        quotes=quote_facts(state, canonical_of, who),
    )
