"""Numbers read without a parse, for an article in a language no model reads.

A number is read with its language's own separators ("2,3" is 2.3 and "1.500" is 1500 in
Dutch, "58,4" is 58.4 in Russian), its words for thousand, million, billion ("2,3 miljard
euro", "350 млн рублей", "150 ألف") and a "minus" before it; Chinese and Japanese write
units and sizes straight after the digits ("8.2公里", "96亿元", "約1万2千人", "72センチ").
What a language writes comes from CLDR (:func:`briefing.lang.number_words`); a language
CLDR does not know keeps a value only for digits no separator leaves in doubt.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .. import dates
from ..dates import cjk
from ..lang import NumberWords, number_words, resources, unit_words
from ..text import CJK_LETTERS
from .state import MAX_CANDIDATES, Item, State, sentence_at

# A number standing as its own word in any language ("36", "1.200", "3,5", "25 %", "€ 40"):
# not part of a word or a hyphenated compound ("2-Faktor", "12-monatiger"), a date
# ("01.01.2019"), a version ("2.16.0") or a reference after a section sign or an
# abbreviation ("§ 291a Abs. 4", "Nr. 3"). What it counts is the next word, when that is a
# word of three letters or more, not an acronym and not one of the language's stop words
# ("36 etapas", "17.000 orang", but not "90 da", "4 SGB", "3 Nr"). Five digits or more
# with no separator are codes, not counts ("75188", "960574": item numbers on shop pages).
# French, Spanish and others group thousands with a space ("18 000 passagers"): one number,
# not "18" and "000 passagers"; a space leaves no doubt that it groups thousands.
# Chinese and Japanese write a number straight after a character ("上涨2.3%"): a letter of
# theirs before a number does not make it part of a word, as a Latin letter would ("A4").
# A sum's sign may carry its country's letters before it ("R$ 5,67", "US$ 30").
_CJK_BEFORE = rf"(?<![.,/\-§])(?<!(?![{CJK_LETTERS}])\w)"
_PLAIN_NUMBER = re.compile(
    _CJK_BEFORE + r"(?<!§ )(?<!\b\w\. )(?<!\b\w\w\. )(?<!\b\w\w\w\. )"
    r"(?P<sign>(?:[A-Z]{1,3}(?=[$¥]))?[$€£¥₹]\s?)?"
    r"(?P<n>\d{1,3}(?:[.,\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d{1,3}(?: \d{3})+(?![.,]?\d)"
    r"|\d+(?:[.,]\d+)?)"
    r"(?:(?P<pct>\s?%)|(?P<cur>\s?[$€£¥₹])|(?![\w\-/]|[.,]\d)(?:\s+(?P<word>[^\W\d_]{2,})(?![\w\-]))?)"
)
_YEAR_LIKE = re.compile(r"(?:1[89]|20)\d\d")
# "minus 52", "минус 58,4": the word Latin lent to many languages for a number below zero
# (not the Romance "moins", "menos", "meno": "au moins 5", "al menos 5" are "at least 5")
_MINUS_BEFORE = re.compile(r"(?<![^\W\d_])(?:minus|mínus|miinus|минус|мінус)\s+$", re.I)
_SPACES = " \u00a0\u202f"
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+\.?)")


def read_plain_numbers(state: State, offset: int, text: str) -> None:
    """The numbers of ``text`` (a paragraph at ``offset``) read without a parse, for an
    article in a language no model reads: a percentage, a sum with its currency sign, or a
    number with the word it counts; never a year or a number inside a date expression."""
    language = state.language or ""
    if language in cjk.LANGUAGES:
        _read_cjk_numbers(state, offset, text, language)
        return
    stop = resources(state.language).stop_words
    words = number_words(state.language)
    sizes = _sizes(language) if words is not None else None
    in_dates = [(s, e) for s, e, _t in dates.find(text, language=state.language)]
    for m in _PLAIN_NUMBER.finditer(text):
        if len(state.numbers) >= MAX_CANDIDATES:
            return
        if any(s < m.end("n") and m.start("n") < e for s, e in in_dates):
            continue
        number, word = m["n"], m["word"]
        value = _value(number, words)
        size = sizes.match(text, m.end("n")) if sizes is not None and words else None
        if size is not None and words is not None and not m["pct"] and not m["cur"]:
            # "2,3 miljard euro", "200 mln zł", "150 milioni di euro", "4 miljard" alone
            value = None if value is None else value * words.sizes[size[1].lower()]
            end = size.end()
            label, past = _after_size(text, end, words, stop, language)
            end = past if past >= 0 else end
        elif m["pct"] or m["sign"] or m["cur"]:
            label, end = "", max(m.end("n"), m.end("pct"), m.end("cur"))
        elif word and words is not None and word in words.currencies:
            label, end = "", m.end("word")  # "5,67 zł"
        elif (
            word
            and _counts(word, stop)
            and not _YEAR_LIKE.fullmatch(number)
            and not (number.isdigit() and len(number) >= 5)
        ):
            label, end = word.lower(), m.end("word")
        else:
            continue
        start = m.start()
        minus = _MINUS_BEFORE.search(text, max(0, start - 12), start)
        if minus is not None and value is not None and not m["sign"]:
            start, value = minus.start(), -value  # "минус 58,4 градуса"
        shown = _shown(value, percent=bool(m["pct"]))
        _add(state, offset, start, text[start:end], shown, label)


# languages that write every noun with a capital: a word in lower case after a number is
# not what it counts ("70 Mio. gesetzlich Versicherte": an adverb before the noun)
_CAPITAL_NOUNS = frozenset(("de", "lb"))


def _after_size(
    text: str, end: int, words: NumberWords, stop: frozenset[str], language: str
) -> tuple[str, int]:
    """What a sized number counts and where its surface ends, from ``end`` just after its
    size word: a currency sign ("200 mln zł": no label, the sum says it is money), the word
    it counts ("2,3 miljard euro", "350 млн рублей", "150 ألف متر"), also past a short
    linking stop word ("150 milioni di euro", "3 millones de personas"); else nothing more
    ("4 miljard." alone)."""
    for _ in range(2):
        after = _NEXT_WORD.match(text, end)
        if after is None:
            break
        word = after[1]
        bare = word.removesuffix(".")
        if word in words.currencies or bare in words.currencies:
            return "", after.end() if word in words.currencies else after.end(1) - 1
        if _counts(bare, stop):
            if language in _CAPITAL_NOUNS and not bare[0].isupper():
                break
            return bare.lower(), after.end() - (len(word) - len(bare))
        if len(bare) > 3 or bare.lower() not in stop or word != bare:
            break
        end = after.end()  # "di", "de": on to the word after it
    return "", -1


def _counts(word: str, stop: frozenset[str]) -> bool:
    """Whether ``word`` after a number can be what it counts: three letters or more, not
    an acronym, not a stop word."""
    return len(word) >= 3 and not word.isupper() and word.lower() not in stop


def _add(
    state: State, offset: int, start: int, surface: str, value: str | None, label: str
) -> None:
    pos = offset + start
    index = sentence_at(state.starts, pos)
    weight = state.position(index) * (1.0 if value is not None else state.weights.no_value)
    state.numbers.append(Item(surface, value, state.spans[index].text, index, weight, label, pos))


def _value(number: str, words: NumberWords | None) -> Decimal | None:
    """The value of ``number`` as its language writes it; None when it is in doubt ("1.200"
    in a language CLDR does not know: 1200 in German, 1.2 in English). A space only ever
    groups thousands."""
    s = re.sub(f"[{_SPACES}]", "", number)
    if s.isdigit():
        return Decimal(s)
    if words is None:
        return None
    group = "" if words.group in _SPACES else words.group
    whole, point, fraction = s.rpartition(words.decimal)
    if not point:
        whole, fraction = s, ""
    if group and group in whole:
        head, *rest = whole.split(group)
        if len(head) > 3 or any(len(part) != 3 for part in rest):
            return None  # "3.30": no thousands in it
        whole = head + "".join(rest)
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return None  # a separator the language does not write ("1.500" in Russian)
    try:
        return Decimal(f"{whole}.{fraction}" if fraction else whole)
    except InvalidOperation:  # pragma: no cover - digits only by now
        return None


def _shown(value: Decimal | None, *, percent: bool = False) -> str | None:
    """``value`` written plainly ("2300000000", "9.4", "11.25%")."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return f"{text}%" if percent else text


@lru_cache(maxsize=32)
def _sizes(language: str) -> re.Pattern[str] | None:
    """The language's size words right after a number ("2,3 miljard", "12 tys.", "200
    mln"), longest first, as a whole word."""
    words = number_words(language)
    if words is None or not words.sizes:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words.sizes, key=len, reverse=True))
    return re.compile(rf"[{_SPACES}]?({alternatives})(?![^\W\d_])", re.I)


# Chinese and Japanese: digits, then sizes ("96亿", "1万2千", "1亿2000万"), then a percent
# sign or a unit written straight after ("8.2公里", "72センチ", "28本"). Not inside a
# longer number or a name of letters and digits ("PM10"), not an ordinal ("第4").
@lru_cache(maxsize=4)
def _cjk_number(places: str) -> re.Pattern[str]:
    sized = rf"(?:[{places}]+(?:\d+(?:[.．]\d+)?[{places}]*)*)?" if places else ""
    return re.compile(
        r"(?<![\d.,．，第A-Za-z])"
        rf"(?P<n>\d+(?:[,，]\d{{3}})*(?:[.．]\d+)?{sized})"
        r"(?P<pct>\s?[%％])?"
    )


_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")  # a loanword unit: "センチ", "メートル"
_LATIN_UNIT = re.compile(r"[A-Za-z]{1,3}(?![A-Za-z])")  # "8.2km", "40GW"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# units that make a number a date, a time of day, a numbered thing or an age, not a count:
# "2021年", "12月", "15日", "10时", "7時", "12号线", "45歳", "32岁"
_NOT_COUNTS = frozenset("年月日时時点點号號分秒岁歲歳才")


def _read_cjk_numbers(state: State, offset: int, text: str, language: str) -> None:
    """The numbers of a Chinese or Japanese paragraph: a percentage, or a number with the
    unit or measure word written after it (its label); a date's numbers are left to dates."""
    words = number_words(language)
    sizes = {w: n for w, n in (words.sizes if words is not None else {}).items() if len(w) == 1}
    units = unit_words(language)
    in_dates = [(s, e) for s, e, _t in cjk.find(text, language)]
    places = "".join(sorted(sizes))
    for m in _cjk_number(places).finditer(text):
        if len(state.numbers) >= MAX_CANDIDATES:
            return
        if any(s < m.end() and m.start() < e for s, e in in_dates):
            continue
        label = "" if m["pct"] else _cjk_unit(text, m.end(), units)
        if label is None:
            continue
        value = _cjk_value(m["n"], sizes)
        shown = _shown(value, percent=bool(m["pct"]))
        _add(state, offset, m.start(), m.group() + label, shown, label)


def _cjk_unit(text: str, end: int, units: frozenset[str]) -> str | None:
    """The unit or measure word written at ``end`` after a number: a katakana loanword, a
    unit in Latin letters, the longest unit CLDR has that starts there ("公里", "分钟"),
    else one Chinese character (a measure word: "5座", "28本", "3万人"); None when there is
    none or it makes the number a date, a time, a numbered thing or an age."""
    rest = text[end : end + 8]
    found = _KATAKANA.match(rest) or _LATIN_UNIT.match(rest)
    if found is not None:
        return found.group()
    longest = max((u for u in units if rest.startswith(u)), key=len, default="")
    unit = longest if len(longest) > 1 else (rest[:1] if _HAN.match(rest) else "")
    if not unit or unit in _NOT_COUNTS:
        return None
    return unit


def _cjk_value(number: str, sizes: dict[str, int]) -> Decimal | None:
    """The value of digits and place characters ("96亿" -> 9600000000, "1万2千" -> 12000)."""
    total = Decimal(0)
    for digits, places in re.findall(r"(\d+(?:\.\d+)?)(\D*)", _ascii(number)):
        part = Decimal(digits)
        for place in places:
            part *= sizes[place]
        total += part
    return total


def _ascii(number: str) -> str:
    """Full-width digits and marks as ASCII, grouping commas dropped ("１，２００" -> "1200")."""
    return unicodedata.normalize("NFKC", number).replace(",", "")
