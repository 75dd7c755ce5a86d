"""Sentence splitting and word tokens, shared by every stage.

Sentences come from syntok and are *verbatim spans*: every ``Span.text`` is exactly
``text[start:end]``. syntok keeps paragraphs (blank lines) apart; we additionally split at
single line breaks that end a heading or a list item, so "Headline\\nFirst sentence." never
becomes one sentence, and a list marker opening a line ("* ", "1. ") is left out of the
sentence after it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from syntok import segmenter
from syntok.tokenizer import Tokenizer

__all__ = [
    "Span",
    "SumyTokenizer",
    "cjk_characters",
    "normalize_text",
    "split_sentences",
    "stem",
    "word_count",
    "words",
]


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence as a character span of the text it came from."""

    text: str
    start: int
    end: int
    paragraph: int


_BULLET = re.compile(r"^\s*(?:[-*•·–—]|\d{1,3}[.)])\s+")
_LINE_END_PUNCT = re.compile(r"[.!?:;,…\"'”’)\]]\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_text(text: str) -> str:
    """Make text safe to process: NFC, no NUL/control characters, ``\\n`` line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def _line_breaks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split ``text[start:end]`` at single line breaks after a heading or around a list item."""
    lines: list[tuple[int, int]] = []
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl == -1:
            lines.append((pos, end))
            break
        lines.append((pos, nl))
        pos = nl + 1
    piece_start = lines[0][0]
    for (a, b), (c, _d) in itertools.pairwise(lines):
        line = text[a:b]
        nxt = text[c:_d]
        is_break = (
            _BULLET.match(nxt) is not None
            or _BULLET.match(line) is not None
            or (not _LINE_END_PUNCT.search(line) and len(line.split()) <= 12 and nxt[:1].isupper())
        )
        if is_break and line.strip():
            yield piece_start, b
            piece_start = c
    yield piece_start, lines[-1][1]


# A list marker opening a line: "* ", "- ", "• ", "1. ", "1) ". It is not part of the sentence.
_MARKER = re.compile(r"(?:[-*•·–—]|\d{1,3}[.)])[ \t]+")


def _past_marker(text: str, start: int, end: int) -> tuple[int, int]:
    """``start`` moved past a list marker when the span opens a line with one."""
    marker = _MARKER.match(text, start, end)
    if marker is None or text[text.rfind("\n", 0, start) + 1 : start].strip():
        return start, end
    return marker.end(), end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Titles before a name that syntok does not know as abbreviations, so "Rep. Ilhan Omar"
# became two sentences ("… said Rep." / "Ilhan Omar …"). On the dev split's news texts
# (CNN/DM, web pages, PolNeAR) sentences ended in "Gov." 98 times in 65 documents, "Rep."
# 60 times in 36, "Sens." 11 in 11, "Lt." 8 in 8. Only a title followed on the same line
# by a capitalised word is joined to it (syntok's own list has "Sen.", "Dr.", "Mr." …).
_TITLE_END = re.compile(
    r"(?<![\w.])(?:Gov|Govs|Rep|Reps|Sens|Lt|Sgt|Cpl|Pvt|Maj|Cmdr|Det|Insp|Supt|Rev|Hon|"
    r"Pres|Atty|Amb|Gens|Msgr)\.$"
)


def _same_line(text: str, end: int, start: int) -> bool:
    """Whether only spaces, no line break, lie between a sentence ending at ``end`` and the
    next one starting at ``start``."""
    gap = text[end:start]
    return gap.isspace() and "\n" not in gap


def _continues_title(text: str, end: int, start: int) -> bool:
    """True when the sentence ending at ``end`` ends in a title ("Gov.") and the next one,
    starting at ``start`` on the same line, begins with a capital (the name)."""
    return (
        bool(_TITLE_END.search(text[max(0, end - 8) : end]))
        and _same_line(text, end, start)
        and text[start : start + 1].isupper()
    )


# German, the Nordic and central European languages write a day as an ordinal with a full
# stop ("am 13. September 2018", "1. března"), which syntok ends a sentence at ("Am 13." /
# "September 2018 war es soweit."; seen on the dev German pages and feeds). A day number
# with its stop is joined to a month name after it: a German (capitalised) month when a
# year or a lower-case word follows, so an English sentence ending in a number before a
# name ("rose to 12. August Smith said") stays apart; a month written in lower case (Danish,
# Norwegian, Czech, Polish, Slovak, Finnish) can never start an English sentence.
_DAY_END = re.compile(r"(?<![\w.,])(?:[1-9]|[12]\d|3[01])\.$")
_MONTH_AFTER_DAY = re.compile(
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November"
    r"|Dezember)(?=\s+(?:\d|[a-zäöüß]))"
    r"|(?:januar|februar|marts|mars|april|maj|mai|juni|juli|august|september|oktober"
    r"|november|december|desember|ledna|února|března|dubna|května|června|července|srpna"
    r"|září|října|listopadu|prosince|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca"
    r"|sierpnia|września|października|listopada|grudnia|januára|februára|apríla|mája|júna"
    r"|júla|augusta|septembra|októbra|novembra|decembra|tammikuuta|helmikuuta|maaliskuuta"
    r"|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta|elokuuta|syyskuuta|lokakuuta"
    r"|marraskuuta|joulukuuta)\b"
)


# An English month abbreviation before the days of a range: syntok ends a sentence at
# "Oct." when "11–21" follows (not when "11" alone does), so "the show, Oct. 11–21, in
# Harrisburg" became two sentences and the date "Oct." (a dev page of events, 4 ranges).
# Likewise the rupee's "Rs." before its sum: "fined Rs." / "15 lakh by the regulator".
_MONTH_ABBREVIATION_END = re.compile(
    r"(?<![\w.])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Rs)\.$"
)


def _continues_month(text: str, end: int, start: int) -> bool:
    """True when the sentence ending at ``end`` ends in a month abbreviation ("Oct.") or
    "Rs." and the next one, starting at ``start`` on the same line, begins with a digit."""
    return (
        bool(_MONTH_ABBREVIATION_END.search(text[max(0, end - 6) : end]))
        and _same_line(text, end, start)
        and text[start : start + 1].isdigit()
    )


# A wire dateline syntok cuts from its story: "FRANKFURT (Reuters)" | "- The European Central
# Bank cut …", "PARIS (AFP) —": the summary then showed "- The European Central Bank …".
# A city with its state or country abbreviated ends a "sentence" at the abbreviation's
# full stop: "CUPERTINO, Calif." | "— Apple on Wednesday …", "LOUISVILLE, Ky." | "(AP) —
# Federal investigators …" (the summary showed "— Apple …", "(AP) — Federal …"; a Lead
# summary "LOUISVILLE, Ky." alone). The city is in capitals, the dash follows on its line.
_DATELINE_ALONE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,3}[ \t]*"
    r"(?:\([^()\n]{1,40}\)|(?<=\.))$"
)
_DASH_START = re.compile(r"(?:\([^()\n]{1,40}\)[ \t]*)?[-–—]{1,2}\s")


def _continues_dateline(text: str, end: int, start: int) -> bool:
    """True when the sentence ending at ``end`` is a dateline and the next one, starting
    at ``start`` on the same line, begins with the dash that follows a dateline."""
    return (
        _same_line(text, end, start)
        and _DASH_START.match(text, start) is not None
        and _DATELINE_ALONE.search(text, max(0, end - 80), end) is not None
    )


def _continues_date(text: str, end: int, start: int) -> bool:
    """True when the sentence ending at ``end`` ends in a day number with its full stop and
    the next one, starting at ``start`` on the same line, begins with a month name."""
    return (
        bool(_DAY_END.search(text[max(0, end - 4) : end]))
        and _same_line(text, end, start)
        and _MONTH_AFTER_DAY.match(text, start) is not None
    )


# Chinese and Japanese end a sentence with an ideographic full stop or a full-width "!"/"?"
# and write no space after it, so syntok (which splits tokens at spaces) reads a whole
# paragraph as one token and one sentence. We end a sentence after such a mark and the
# closing quotes or brackets that follow it ("。”", "！」"), unless what follows continues the
# sentence: a comma or colon, or Japanese quotative と ("「行く。」と言った").
_CJK_END = re.compile(r"[。！？｡]+[”’」』）〕】》〉)\]\"']*")
_CJK_GOES_ON = re.compile(r"\s*[、，,：:；;と]")


def _cjk_ends(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` cut after each Chinese/Japanese sentence end (see :data:`_CJK_END`)."""
    piece_start = start
    for m in _CJK_END.finditer(text, start, end):
        if m.end() < end and _CJK_GOES_ON.match(text, m.end(), end) is None:
            yield piece_start, m.end()
            piece_start = m.end()
    yield piece_start, end


def split_sentences(text: str) -> tuple[Span, ...]:
    """Split ``text`` into verbatim sentence spans, in order.

    syntok handles abbreviations ("Adm.", "U.S."), quotes and brackets; Chinese and Japanese
    sentences end at 。！？ (with their closing quotes); offsets refer to
    ``text`` itself, so ``text[span.start:span.end] == span.text`` always holds.
    """
    return _split_cached(text)


@lru_cache(maxsize=16)
def _split_cached(text: str) -> tuple[Span, ...]:
    # syntok's own ``analyze`` pads each paragraph with as many spaces as its offset before
    # tokenizing it (quadratic in the number of paragraphs: 100,000 short paragraphs took
    # minutes); we tokenize each paragraph alone and add its offset.
    spans: list[Span] = []
    tokenizer = Tokenizer(replace_not_contraction=False)
    for p_index, (offset, paragraph) in enumerate(segmenter.preprocess_with_offsets(text)):
        pieces: list[tuple[int, int]] = []
        for sentence in segmenter.segment(tokenizer.tokenize(paragraph)):
            tokens = [t for t in sentence if t.value]
            if not tokens:
                continue
            start = offset + tokens[0].offset
            end = offset + tokens[-1].offset + len(tokens[-1].value)
            if pieces and (
                _continues_title(text, pieces[-1][1], start)
                or _continues_date(text, pieces[-1][1], start)
                or _continues_month(text, pieces[-1][1], start)
                or _continues_dateline(text, pieces[-1][1], start)
            ):
                pieces[-1] = (pieces[-1][0], end)
            else:
                pieces.append((start, end))
        cut = [piece for start, end in pieces for piece in _cjk_ends(text, start, end)]
        for start, end in cut:
            for a, b in _line_breaks(text, start, end):
                a, b = _trim(text, *_past_marker(text, *_trim(text, a, b)))
                if a < b and any(ch.isalnum() for ch in text[a:b]):
                    spans.append(Span(text[a:b], a, b, p_index))
    return tuple(spans)


# Chinese characters and Japanese kana: written without spaces between words, so for a
# length each counts as a word (the usual convention for CJK word counts). The CJK
# punctuation and full-width forms between them separate like spaces and count as nothing.
# Korean writes spaces between words and is counted like English.
CJK_LETTERS = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
_CJK = re.compile(f"[{CJK_LETTERS}]")
_CJK_SEPARATOR = re.compile(
    f"[{CJK_LETTERS}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
)


def cjk_characters(text: str) -> int:
    """How many Chinese characters and Japanese kana ``text`` holds."""
    return len(_CJK.findall(text))


def word_count(text: str) -> int:
    """How many words ``text`` has for its length: whitespace-separated words, except that in
    text with Chinese or Japanese each such character is a word and the punctuation between
    them is none. Text without them counts exactly as ``len(text.split())``."""
    if _CJK.search(text) is None:
        return len(text.split())
    rest = _CJK_SEPARATOR.sub(" ", text).split()
    return cjk_characters(text) + sum(1 for w in rest if any(ch.isalnum() for ch in w))


_WORD = re.compile(r"\w+(?:[-'’.]\w+)*|\$?\d+(?:[.,]\d+)*%?")
# Snowball's own Porter2 English stemmer (the algorithm NLTK's SnowballStemmer implements),
# without importing nltk, whose package import alone costs over a second.
_STEMMER = snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """Word tokens of ``text`` (letters/digits, keeping inner hyphens and apostrophes)."""
    return [w for w in _WORD.findall(text) if any(ch.isalnum() for ch in w)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter2) stem of a lower-cased word; needs no data files."""
    return str(_STEMMER.stemWord(word.lower()))


class SumyTokenizer:
    """A tokenizer object for sumy that needs no NLTK data: syntok sentences, regexp words.

    sumy only asks for ``language``, ``to_sentences`` and ``to_words``.
    """

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(span.text for span in split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))
