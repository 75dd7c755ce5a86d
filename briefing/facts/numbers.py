"""Numbers: quantities with what they count, and a normalised value."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import dates
from .entities import currency_codes, plural_after
from .state import MAX_CANDIDATES, Item, State
from .words import (
    CURRENCY_BEFORE,
    CURRENCY_SIGNS,
    LONG_SIZES,
    MEASURE_WORDS,
    MULTIPLIERS,
    PERSON_NOUNS,
    QUANTIFIERS,
    SAME_PLURAL,
    SHORT_SIZES,
    WHAT_BEFELL,
    WORD_NUMBERS,
    fold,
)

_CURRENCY = re.compile(
    "["
    + re.escape("".join(sorted(CURRENCY_SIGNS)))
    + r"]|\b(?:dollars?|euros?|pounds?|yen|yuan|rupees?|francs?|pence|cents?|usd|eur|gbp|inr|rs)\b",
    re.I,
)
_SUM = "amount"  # a sum of money that prices nothing the parse can name
# whom "one" counts when it is a figure: "one person was killed"
_PEOPLE = PERSON_NOUNS | {
    "person", "people", "child", "boy", "girl", "adult", "student", "worker", "soldier",
    "patient", "passenger", "civilian", "member", "economist", "investor", "trader",
    "forecaster", "shareholder", "employee", "customer", "voter", "operator", "employer", "son",
    "daughter", "father", "mother", "brother", "sister", "wife", "husband", "family",
}  # fmt: skip


# The words a count is written with when it has no digit
_COUNTS = frozenset(
    {*WORD_NUMBERS, *MULTIPLIERS, *(f"{m}s" for m in MULTIPLIERS if len(m) > 2)}
    | {"dozens", "tens", "scores", "several", "few", "many", "couple", "quarter", "half"}
)


# "30-60", "2-1", "9-2-1": a range or a score, which no one number stands for
_SPAN_OF_NUMBERS = re.compile(r"^\D{0,3}\d+(?:[.,]\d+)?\s*[-–]\s*\d")


# "4% to 8%", "between $3 million and $5 million", "from 80% to 15%": two ends
_TWO_ENDS = re.compile(
    r"^(?:between\s+(?P<a>.+?)\s+and|(?:from\s+)?(?P<b>.+?)\s+(?P<sep>to|or))\s+(?P<end>.+)$"
)
_SHORT = "|".join(sorted(SHORT_SIZES))
_LONG = "|".join(sorted(LONG_SIZES))
_SIZE_WORD = re.compile(rf"(?<=\d)(?:{_SHORT})\b|\s+(?:{_LONG})s?\b")
_NEXT_SIZE = re.compile(rf"^\s*({_LONG})\b")
# a currency and the letters of its country, around a sum: "US$", "A$", "Rs.", "INR", "euros"
_MONEY_WORDS = re.compile(
    r"[a-z]{0,2}[$€£¥₹]|\b(?:us|usd|eur|gbp|inr|rs|dollars?|euros?|pounds?|yen|rupees?)\b\.?"
)


# the parts a number word divides a whole into: "three-quarters", "two thirds"
_PARTS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
# a currency's letters before a figure, once its sign is gone: "r2.3", "chf 12"
# a sum that shows its currency by letters: "R2.3 million", "CHF 12 million", "R$40"
_WRITTEN_SUM = re.compile(r"[A-Z]{1,3}\s?[\d$]")
_CODE_BEFORE = re.compile(r"^[a-z]{1,3}\s?(?=\d)")


def _number_value(text: str, label: str, *, counts: bool = False) -> str | None:
    """A normalised number: "15", "4200000000" for "$4.2 billion", "3.5%" for percents,
    both ends of a range or a change joined as an interval is ("4%/8%" for "4% to 8%"; the
    caller leaves a range or a score written with a dash without one: "30-60 per cent", "a
    2-1 win"). A size written short ("m", "bn") counts for money, or when the number
    ``counts`` a plural noun ("7.4m cases"), not for a measure ("15m" is fifteen metres)."""
    # "1 200" with a no-break or thin space between its thousands is one number
    s = fold(re.sub(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3}\b)", "", text)).replace(",", "")
    s = re.sub(r"^(?:(?:" + "|".join(QUANTIFIERS) + r")\s+)+", "", s)  # "just over 16 feet"
    s = _MONEY_WORDS.sub(" ", s).strip()
    if label == "MONEY" or _CODE_BEFORE.match(s):
        s = _CODE_BEFORE.sub("", s)  # "R2.3 million" (rand), "chf 12 million"
    s = re.sub(r"^(?:magnitude\s+)", "", s)  # "magnitude 5.4"
    s = re.sub(r"^minus\s+(?=\d)", "-", s)  # "minus 40C"
    # "0.3 percentage points" is a difference of percentages, not a percentage
    pct = label == "PERCENT" or "%" in s or bool(re.search(r"percent\b|per cent", s))
    ends = _TWO_ENDS.match(s)
    if ends:
        first, last = ends["a"] or ends["b"], ends["end"]
        size = _SIZE_WORD.search(last)
        if size and not _SIZE_WORD.search(first):
            first += size[0]  # "two to three million": two million
        low = _number_value(first, label, counts=counts)
        high = _number_value(last, label, counts=counts)
        if low is not None and high is not None:
            if pct and not low.endswith("%"):
                low += "%"  # "4 to 8%"
            return f"{low}/{high}"  # also "40 or 50 miles": either end
        if ends["sep"] != "or":
            return None  # "50 or fewer" is read as 50, below
    m = re.match(
        r"^(?P<n>[-−]?\d+(?:\.\d+)?(?:/\d+)?)(?:\s+(?P<part>\d+/\d+)|(?P<glyph>[¼-¾⅐-⅞]))?"
        r"\s*-?\s*(?P<mult>[a-z]+)?",
        s,
    )
    number: Decimal | None = None
    rest = ""
    if m:
        try:
            top, _, below = m["n"].replace("−", "-").partition("/")  # "-5.44%", "3/8-cent"
            number = Decimal(top) / Decimal(below) if below else Decimal(top)
            if m["part"] or m["glyph"]:  # a mixed fraction: "4 2/3 innings", "2½ miles"
                up, _, down = (m["part"] or "").partition("/")
                part = Decimal(up) / Decimal(down) if m["part"] else _glyph(m["glyph"])
                number += part if number >= 0 else -part
        except (InvalidOperation, ZeroDivisionError):
            return None
        rest = m["mult"] or ""
    else:
        words = s.replace("-", " ").split()
        total, named = 0.0, False
        for k, word in enumerate(words):
            if word in WORD_NUMBERS:
                total += WORD_NUMBERS[word]
                named = True
            elif word in MULTIPLIERS and total:
                total *= MULTIPLIERS[word]
            elif word in MULTIPLIERS and k and words[k - 1] in ("a", "an") and not named:
                total, named = float(MULTIPLIERS[word]), True  # "a thousand people": 1000
            elif word.removesuffix("s") in _PARTS and total and named:
                total /= _PARTS[word.removesuffix("s")]  # "three-quarters", "two thirds"
                break
            elif word in ("a", "an", "and"):
                continue
            else:
                break
        if not named:
            return None  # "zero appearances" is 0; "dozens of flybys" has no one value
        number = Decimal(str(total))
        rest = ""
    if rest.removesuffix("s") in ("lakh", "crore"):
        rest = rest.removesuffix("s")  # "Rs 2 lakhs"
    if rest in MULTIPLIERS and not pct and (len(rest) > 2 or label == "MONEY" or counts):
        number *= MULTIPLIERS[rest]
        tail = s[m.end() :] if m else ""
        nxt = _NEXT_SIZE.match(tail)
        if nxt:
            number *= MULTIPLIERS[nxt[1]]
    text_number = format(round(number, 4).normalize(), "f")
    if "." in text_number:
        text_number = text_number.rstrip("0").rstrip(".")
    return f"{text_number}%" if pct else text_number


def _glyph(char: str) -> Decimal:
    """The value of a fraction written as one character ("½", "⅔")."""
    return Decimal(str(round(unicodedata.numeric(char), 6)))


def read_number(
    state: State, span: Any, label: str, index: int | None, evidence: str, pos: int, title: bool
) -> None:
    if len(state.numbers) >= MAX_CANDIDATES or title:
        return
    doc = span.doc
    span = _trimmed(span)
    if span is None:
        return
    text = span.text.strip()
    root = span.root
    if _CLOCK.match(text) or (label != "MONEY" and _CODE.match(text)):
        return  # "21:00 CEST" is a time, "J1", "G7" are names: no quantity of anything
    if span.end < len(doc) and _CLOCK.fullmatch(f"{span[-1].text}{doc[span.end].text}"):
        return  # "until at least 4pm": the model left "pm" out of the number
    if _PHONE.match(text) and sum(c.isdigit() for c in text) >= 7:
        return  # "call 973-762-3400": a telephone number
    if span.start > 0 and doc[span.start - 1].lower_ == "per":
        return  # a rate's denominator: "cases per thousand people", "per 100,000 residents"
    if label == "PERCENT" and span.end < len(doc) and doc[span.end].lower_ in _INTERVAL:
        return  # the level of a statistical interval: "(95% CI, 0.39-0.62)", no finding
    if not re.search(r"\d", text) and not set(fold(text).replace("-", " ").split()) & _COUNTS:
        return  # "Pneumonic plague", "#HealthyHydration #ad", "every penny": no count in it
    if label == "CARDINAL":
        if re.fullmatch(r"(?:1[89]|20)\d\d", text):
            return  # a year
        prev = doc[span.start - 1] if span.start > 0 else None
        if (
            prev is not None
            and prev.tag_ in ("NNP", "NNPS")
            and (
                root.head.i == prev.i
                or prev.head.i == root.i
                # a model number right after its maker's name: "Boeing 737", "Windows
                # 10", "S&P 600" (product, aircraft and market pages); not a score after
                # a team ("Sabres 4-1")
                or (
                    prev.tag_ == "NNP"
                    and text.isdigit()
                    and bool(prev.whitespace_)
                    and not _CURRENCY.fullmatch(prev.text)  # "Rs 24 lakh"
                )
            )
        ):
            return  # a number in a name: "Game 7", "Apollo 11"
        if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in dates.MONTHS:
            return
        if root.head.ent_type_ == "PERSON" and root.dep_ in ("appos", "amod", "npadvmod"):
            return  # an age: "Donald Collett, 62,"
    if (upper := _upper_end(doc, span)) is not None:
        # "60-70mph": the model took the lower end alone, a modifier of the upper one
        span = doc[span.start : upper.i + 1]
        root, text = span.root, span.text
    start, end = span.start, span.end
    if start > 0 and doc[start - 1].lower_ in ("a", "an") and doc[start].lower_ in MULTIPLIERS:
        start -= 1  # "a thousand people": 1000, not a "thousand" of no value
        text = doc[start : span.end].text
    if label == "MONEY" and start > 0 and CURRENCY_BEFORE.fullmatch(doc[start - 1].text):
        start -= 1  # "$" left outside the entity: "Save $31" read as "31", "A$9,800" as "9,800"
    if label == "MONEY" and (magnitude := _magnitude_after(doc, end)) is not None:
        # "£50m", "$3 million" (no-break space) read as "50", "3": the size is outside
        end = magnitude.i + 1
        text = doc[span.start : end].text
        if root.head.i == magnitude.i:
            root = magnitude  # what the sum does or prices hangs off "m", not "50"
    # a modifier on the left: "over 15 sites", "more than 200"
    for phrase in QUANTIFIERS:
        n = len(phrase.split())
        if start - n >= 0 and doc[start - n : start].text.lower() == phrase:
            start -= n
            break
    # the counted noun on the right: "15 sites", "thousands of soldiers"
    head = root.head
    counted = None
    if root.dep_ in ("nummod", "compound", "quantmod") and head.i >= end and head.i - end <= 3:
        # a sum prices what it modifies ("a £4.5bn package", "$250,000 fines"), never
        # people ("the $6.61 billion analysts had expected": the analysts are a subject)
        if head.tag_.startswith("NN") and not (label == "MONEY" and _person(head)):
            end = head.i + 1
            counted = head
    else:
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
                # a noun, not "which": "$3 billion of which was never recovered"
                objs = [c for c in child.children if c.dep_ == "pobj" and c.tag_[:2] == "NN"]
                if objs and objs[0].i - end <= 4:
                    end = objs[0].i + 1
                    counted = objs[0]
    other = next((c for c in root.children if c.dep_ == "conj" and c.like_num), None)
    if other is not None and span.end < other.i < end and other.i - span.end <= 2:
        text = doc[span.start : other.i + 1].text  # "40 or 50 miles": the value has both ends
    if label == "CARDINAL" and end < len(doc) and doc[span.end].lower_ == "times":
        end, counted = span.end + 1, doc[span.end]  # a multiple: "grew 2.7 times year over year"
    if counted is not None and _glued_name(doc, span.end, counted):
        return  # "3-pointers", "a 3-pointer": one word that names a kind, no count of it
    if end > span.end and "\n" in doc[span.end - 1 : end].text:
        end, counted = span.end, None  # a list's lines: "Nairobi: 15" + "Others: 10"
    if counted is not None and counted.i >= 2 and _per_unit(doc, counted.i - 1):
        counted = doc[counted.i - 2]  # "240 km/h" hung on "h": the unit is "km"
    if counted is not None and _across_cell(doc, root, counted):
        end, counted = span.end, None  # "| 1TB | $2,599 |": a table's cells
    if counted is None and label == "CARDINAL" and _SIZED_END.search(text):
        # "2m extra operations": a count with its size written short counts the plural
        # after it, which the parse hung elsewhere ("m" read as a verb)
        counted = plural_after(doc, end)
        end = counted.i + 1 if counted is not None else end
    if (
        counted is None
        and root.tag_ in ("NN", "NNS")
        and not root.like_num
        and root.lower_ not in MULTIPLIERS
    ):
        counted = root  # the noun inside the entity: "130 mortars" read as one
    if (
        label == "CARDINAL"
        and counted is not None
        and _names_not_counts(doc, text, span.end, counted)
    ):
        return
    if (
        counted is not None
        and counted.lower_.removesuffix("s") in _DIGITS
        and not re.search(r"\d", text)
    ):
        # "reached three figures", "double figures", "a six-figure salary": how many digits
        # a number is written with, in words, not a count of anything
        return
    if counted is not None and _hyphen_modifier(doc, counted):
        if counted.lower_ in ("time", "times"):
            return  # "a four-times world champion": how often, not a quantity of anything
        # "a three-game streak", "a two-goal performance", "a 16-inch MacBook Pro": the
        # hyphenated number qualifies the noun after it (seen on sports and product pages)
        end = max(end, counted.head.i + 1)
        counted = counted.head
    if label != "MONEY" and counted is not None and counted.tag_ == "NNP":
        # a product with a number in its name, not a count: "16-inch MacBook Pro",
        # "12-inch MacBook", "500 grand tourer" (10 shown on 7 of the 90 dev web pages)
        return
    if (
        label == "CARDINAL"
        and span.text.strip().lower() == "one"
        and not (counted is not None and counted.lower_ in _PEOPLE and _befell(counted))
        and not (span.end < len(doc) and doc[span.end].text in ("-", "‑"))  # "one-game"
    ):
        # "One of the items", "one thing", "One possible explanation": "one" is mostly a
        # determiner, not a figure (32 shown on 22 of the 90 dev web pages); nor is one
        # person ("the niece of one resident", "One member of the defense", "including one
        # woman") unless what befell them is told: "one person was killed" stays
        return
    if (
        counted is not None
        and counted.lower_ in ("point", "points")
        and doc[counted.i - 1].lower_ == "percentage"
    ):
        label = "CARDINAL"  # "0.3 percentage points": a difference of percentages, no percent
    if counted is not None and counted.lower_ == "cent" and doc[counted.i - 1].lower_ == "per":
        label, counted = "PERCENT", None  # "30 per cent": a percentage, not 30 cents
        text = f"{text}%"
    reader_label = _reader_label(label, root, counted)
    if reader_label is None:
        return  # a number that counts nothing: "five" on its own
    if _per_unit(doc, end):
        end += 2  # "19 km/h": a speed is kept whole, not "19 km"
    if reader_label and end >= 3 and _per_unit(doc, end - 2):
        reader_label = doc[end - 3 : end].text.lower()  # "km/h", not "km" nor "h"
    surface = doc[start:end].text.removesuffix(".")  # "100 km/h." ending its sentence
    spans_numbers = bool(_SPAN_OF_NUMBERS.match(surface) or _SPAN_OF_NUMBERS.match(text))
    counts = counted is not None and counted.tag_ == "NNS"
    value = None if spans_numbers else _number_value(text, label, counts=counts)
    if spans_numbers and _a_range(text) and _measured(label, text, counted):
        value = _number_value(_DASH.sub(" to ", text, count=1), label, counts=counts)
    if reader_label and counted is not None and counted.lower_ in ("point", "points"):
        reader_label = doc[counted.i - 1 : counted.i + 1].text.lower()  # "percentage points"
        reader_label = reader_label if reader_label.startswith("percentage") else counted.lower_
    if reader_label == _SUM and (_CURRENCY.search(surface) or _WRITTEN_SUM.match(surface)):
        reader_label = ""  # "$5.9 million" says it is money; "(amount)" adds nothing
    if any(
        item.sentence_index == index and _inside(surface, item.text) for item in state.numbers[-4:]
    ):
        return  # "50 miles" of "40 or 50 miles", read already
    w = state.weights
    weight = state.position(index) * (w.counted if end > span.end else 1.0)
    weight *= 1.0 if value is not None or spans_numbers else w.no_value
    state.numbers.append(Item(surface, value, evidence, index, weight, reader_label, pos))


# the digits a number is written with: "three figures" (100 and more), "double digits"
_DIGITS = frozenset(("figure", "digit"))


def _upper_end(doc: Any, span: Any) -> Any:
    """The upper end of a range the model cut after its lower one, glued to it by a dash
    ("60-70mph": the entity is "60"), or None."""
    k = span.end
    if k + 1 >= len(doc) or doc[k].text not in "-–" or span[-1].whitespace_:
        return None
    upper = doc[k + 1]
    if doc[k].whitespace_ or not _a_range(doc[span.start : upper.i + 1].text):
        return None
    return upper


# the dash of a range: "5-10cm", "50–75mm"
_DASH = re.compile(r"\s*[-–]\s*(?=\d)")
# two numbers joined by one dash, as a range writes them: "5-10", not "9-2-1"
_TWO_NUMBERS = re.compile(r"^\D{0,3}?(\d+(?:\.\d+)?)\s*[-–]\s*(\d+(?:\.\d+)?)(?![-–.]?\d)")


def _a_range(text: str) -> bool:
    """Whether ``text`` opens with a range written with a dash, whose ends ascend ("5-10cm"),
    as a score ("3-1"), a record ("9-2-1") or a model's name ("787-9") need not."""
    m = _TWO_NUMBERS.match(text)
    return m is not None and float(m[1]) < float(m[2])


def _measured(label: str, text: str, counted: Any) -> bool:
    """Whether a range or score written with a dash ("5-10cm", "a 2-1 win") measures
    something, so that it is a range with two ends: a quantity, a sum or a percentage, or its
    unit is glued to its upper end ("50-75mm") or is a unit of measure ("40-50 miles"). A
    score counts no unit."""
    if label in ("QUANTITY", "PERCENT", "MONEY") or text.endswith("%"):
        return True
    if counted is None:
        return False
    glued = counted.i > 0 and not counted.doc[counted.i - 1].whitespace_
    word = str(counted.lower_)
    return glued or word in MEASURE_WORDS or word.removesuffix("s") in MEASURE_WORDS


def number_keys(items: list[Item]) -> list[str]:
    """Each number item's merge key for :func:`.state.ranked_items`, in order: its folded
    text, except that "9 hospitals" and "nine hospitals" are one count (the same text stays
    one fact), and so is a sum told again with what it pays for ("Rs 3,200 crore", "a Rs
    3,200 crore proposal"): the same value and the words of one go on to the other's."""
    keys: list[str] = []
    seen: set[str] = set()
    alias: dict[str, str] = {}  # a count key -> the text key it was merged under
    bare: set[str] = set()  # the count keys of sums and shares that name nothing
    for item in items:
        key = fold(item.text)
        if item.value and key not in seen:
            count = _count_key(item.value, key)
            if count not in alias:
                count = next(
                    (
                        c
                        for c in alias
                        if (c in bare and _extends(count, c))
                        or (not item.label and _extends(c, count))
                    ),
                    count,
                )
            if not item.label:
                bare.add(count)
            key = alias.setdefault(count, key)
        seen.add(key)
        keys.append(key)
    return keys


def _count_key(value: str, folded: str) -> str:
    """A number fact's key: its value and its words without the number ("9 hospitals" and
    "nine hospitals" are one count; "2TB SSD" and "2 SSD" are not)."""
    words = [w for w in folded.split() if not re.fullmatch(r"[\d.,]+", w) and w not in WORD_NUMBERS]
    told = " ".join(words)
    for phrase in QUANTIFIERS:  # "nearly 150 Indians", "150 Indians": one count
        told = told.removeprefix(f"{phrase} ")
    return f"{value}|{told}"


def _extends(longer: str, shorter: str) -> bool:
    """Whether count key ``longer`` (value|words) is ``shorter`` with more words after it."""
    value, _, words = shorter.partition("|")
    return bool(words) and longer.startswith(f"{value}|{words} ")


def _inside(part: str, whole: str) -> bool:
    """Whether ``part`` is a shorter run of whole words of ``whole``."""
    inside = re.search(rf"(?<!\S){re.escape(part)}(?!\S)", whole)
    return len(part) < len(whole) and inside is not None


# what a percentage after which names an interval's level, not a finding: "95% CI"
_INTERVAL = frozenset(("ci", "cri", "confidence", "credible"))


def _befell(noun: Any) -> bool:
    """Whether the sentence tells what befell the people ``noun`` counts ("one person was
    killed", "one man died")."""
    verb = noun.head
    return noun.dep_ in ("nsubj", "nsubjpass") and (
        verb.lower_ in WHAT_BEFELL or verb.lower_ in ("died", "dies", "drowned")
    )


def _glued_name(doc: Any, after: int, counted: Any) -> bool:
    """Whether the number ending at token ``after`` and ``counted`` are one hyphenated word
    that names a kind of thing, the noun itself ("3-pointers", "a 2-seater", "the 15-time
    winner"'s "15-time" when the parse makes it the head): no count of what it names. A
    unit ("5.5-inches") and a modifier of a noun after it ("a three-game streak") stay."""
    word = str(counted.lower_)
    return bool(
        counted.i == after + 1
        and doc[after].text in ("-", "‑")
        and not doc[after - 1].whitespace_
        and not doc[after].whitespace_
        and counted.tag_ in ("NN", "NNS")
        and not {word, word.removesuffix("s"), word.removesuffix("es")} & MEASURE_WORDS
        and not _hyphen_modifier(doc, counted)
        and not (counted.i + 1 < len(doc) and doc[counted.i + 1].text in ("-", "‑"))
    )


# a clock time ("21:00 CEST", "9:30") and a name of letters and a digit ("J1", "G7")
# a time of day: "21:00 CEST", "2am", "11 p.m." (the parse reads some as a cardinal)
_CLOCK = re.compile(r"\d{1,2}:\d\d\b|\d{1,2}\s?[ap]\.?m\b\.?", re.I)
# a telephone number: three or four groups of digits joined by hyphens, dots or spaces (the
# first perhaps in brackets or after "+"), the last of four, at least seven digits in all
# ("973-762-3400", "(888) 402-1684", "+44 20 7946 0958"): a number to call, no quantity
_PHONE = re.compile(r"^\+?(?:\(\d{1,4}\)\s?|\d{1,4}[-.\s])(?:\d{2,4}[-.\s]){0,2}\d{4}$")
_CODE = re.compile(r"[A-Za-z]+\d")


def _trimmed(span: Any) -> Any:
    """``span`` without a conjunction or a punctuation mark the model ran on at its end
    ("$4 billion and" before "$5 billion") and cut at its first line break (a number fact
    never crosses one); None when nothing is left."""
    end = span.start
    for token in span:
        if "\n" in token.text:
            break
        end = token.i + 1
        if "\n" in token.whitespace_:
            break
    while end > span.start and (span.doc[end - 1].tag_ == "CC" or span.doc[end - 1].is_punct):
        if span.doc[end - 1].text in ("%", *CURRENCY_SIGNS):
            break
        end -= 1
    return span.doc[span.start : end] if end > span.start else None


def _across_cell(doc: Any, a: Any, b: Any) -> bool:
    """Whether a table's cell bar ("|") stands between tokens ``a`` and ``b``."""
    low, high = sorted((a.i, b.i))
    return any(t.text == "|" for t in doc[low:high])


def _per_unit(doc: Any, end: int) -> bool:
    """Whether a unit ending at ``end`` goes on with "/h", "/s" written close ("km/h")."""
    return bool(
        end + 1 < len(doc)
        and doc[end].text == "/"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end - 1].is_alpha
        and doc[end + 1].is_alpha
        and len(doc[end + 1]) <= 3
    )


def _magnitude_after(doc: Any, end: int) -> Any:
    """The "m", "bn" or "million" right after a sum the model ended before it (across a
    no-break space, never a line break), or None."""
    j = end
    if j < len(doc) and doc[j].is_space and "\n" not in doc[j].text:
        j += 1
    if j < len(doc) and doc[j].lower_ in MULTIPLIERS and doc[end - 1].like_num:
        return doc[j]
    return None


_SIZED_END = re.compile(rf"\d(?:{_SHORT})$|\s(?:lakh|crore)s?$", re.I)


_BARE_COUNT = re.compile(r"\d+(?:[.,]\d+)?")


def _names_not_counts(doc: Any, text: str, after: int, counted: Any) -> bool:
    """Whether a bare number of two or more (``text``, ending at token ``after``) stands
    before a singular noun (``counted``): "its 737 Max jet", "the 777 program", "the SBJ 40
    Under 40 list", "the top 10 face off", "type 2 immune response", "five time NBA
    champion". English puts what a count counts in the plural, so such a number names or
    ranks something (14 number facts on 9 of the 90 dev web pages).
    A measure or a plural between them ("a 100 yard backstroke", "18 times the number"), a
    noun whose plural is the singular ("270 aircraft"), a hyphenated modifier ("a
    three-game streak") and a score or a range ("a 2-1 win": the model's entity is "2")
    keep their number."""
    s = text.lower()
    if _BARE_COUNT.fullmatch(s):
        amount = float(s.replace(",", ""))
    elif s in WORD_NUMBERS:
        amount = WORD_NUMBERS[s]
    else:
        return False  # "30fps", "4K", "two million": the number carries its own unit
    return bool(
        amount >= 2
        and counted.tag_ == "NN"
        and counted.lower_ not in MEASURE_WORDS | SAME_PLURAL
        and not any(
            t.tag_ in ("NNS", "CD") or t.lower_ in MEASURE_WORDS for t in doc[after : counted.i]
        )
        and not _hyphen_modifier(doc, counted)
        and not (counted.i > 0 and doc[counted.i - 1].text in ("-", "‑"))
    )


def _hyphen_modifier(doc: Any, counted: Any) -> bool:
    """Whether ``counted`` ends a hyphenated modifier ("three-game") of a noun right after."""
    head = counted.head
    return bool(
        counted.i > 0
        and doc[counted.i - 1].text in ("-", "‑")
        and not doc[counted.i - 1].whitespace_
        and counted.dep_ in ("compound", "amod", "nmod")
        and 0 < head.i - counted.i <= 2
        and head.tag_ in ("NN", "NNS")
        # not a noun the parse made part of a verb ("the 5-sigma threshold physicists
        # use": "physicists" read as a compound of "use")
        and not (head.dep_ == "compound" and not head.head.tag_.startswith("NN"))
    )


def _reader_label(label: str, root: Any, counted: Any) -> str | None:
    """What the number counts, in the article's words: the counted noun ("sites" in "15
    sites", "soldiers" in "thousands of soldiers"); for money, the thing it pays or prices
    ("deal" in "a $3bn deal", else "amount"); for a percentage, what changed ("prices" in
    "prices rose 3.5%", else nothing); for a quantity, its unit; None for a bare count of
    nothing."""
    money = label == "MONEY"
    people = counted is not None and counted.tag_ == "NNPS" and counted.ent_type_ == "NORP"
    if counted is not None and (counted.tag_ in ("NNS", "NN") or people) and counted.is_alpha:
        # a people named in the plural is counted too: "34 Palestinians", "300 Indians" (not
        # a name: "the three Aran Islands")
        word = str(counted.text if counted.tag_ == "NNPS" else counted.lower_)
        if word.removesuffix("s") in MULTIPLIERS or word.removesuffix("s") in WORD_NUMBERS:
            return None  # "millions", "dozens": a number word, not what is counted
        if not (money and (_CURRENCY.fullmatch(word) or word.upper() in currency_codes())):
            verb = counted.head
            if counted.dep_ == "nsubjpass" and verb.tag_ == "VBN" and verb.lower_ in WHAT_BEFELL:
                return f"{word} {verb.lower_}"  # "people injured", "people rescued"
            return word
    head = root.head
    if money:
        # a currency word is no label ("$701" beside "537m euros" is not in euros); the
        # label is the thing the sum modifies ("a $3bn deal") or restates ("their
        # estimate ($6 million)"), never one it only stands beside in a list ("a
        # handgun, $1,240 in cash and 212 pills", parsed as an apposition), nor people
        if (
            _role_of_sum(root, head)
            and not _across_cell(root.doc, root, head)
            and head.tag_ in ("NN", "NNS")
            and not _person(head)
            and head.is_alpha
            and not _CURRENCY.fullmatch(head.text)
            and head.text not in currency_codes()
        ):
            return str(head.lower_)
        return _SUM
    if label == "PERCENT":
        if (
            head.i != root.i
            and head.tag_.startswith("VB")
            and not _across_cell(head.doc, root, head)
        ):
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            # not the people or the group who own, offer or win it ("his son owns about
            # 6%", "operators offered 4.2%"): a percentage is the level of a thing
            if (
                subjects
                and subjects[0].tag_ in ("NN", "NNS")
                and not _person(subjects[0])
                and subjects[0].ent_type_ not in ("PERSON", "ORG", "NORP")
            ):
                return str(subjects[0].lower_)
        return ""  # "8.1%" says it is a share; "(share)" added nothing on many pages
    if label == "CARDINAL" and (told := _told_after(root)) is not None:
        return told  # "with 171,100 wounded"
    if label == "QUANTITY":
        # the unit in the article's words ("16-inch" -> inch), not a made-up "measure"
        if root.tag_ in ("NN", "NNS") and root.is_alpha:
            return str(root.lower_)
        return _level_of(root) or ""  # "temperatures will reach 40C"
    return _level_of(root)


def _role_of_sum(root: Any, head: Any) -> bool:
    """Whether ``head`` is what a sum (``root``) is of: the noun it modifies, or the noun it
    restates (an apposition that is not a list's item)."""
    if root.dep_ == "appos":
        return not any(c.dep_ in ("conj", "cc") for c in root.children)
    return bool(root.dep_ in ("nummod", "compound", "quantmod", "nmod", "amod"))


def _person(noun: Any) -> bool:
    """A noun for people, which a sum never prices or counts ("analysts", "people")."""
    word = str(noun.lower_)
    return word in _PEOPLE or word.removesuffix("s") in _PEOPLE


# verbs a figure is the new level of: "the death toll has risen to 2,012", "reached 5,000"
# (the pipeline runs no lemmatizer: the forms are listed)
_LEVEL_VERBS = frozenset(
    (
        "rise", "rises", "rose", "risen", "rising", "climb", "climbs", "climbed", "climbing",
        "reach", "reaches", "reached", "reaching", "stand", "stands", "stood", "standing",
        "increase", "increases", "increased", "increasing", "grow", "grows", "grew", "grown",
        "growing", "hit", "hits", "hitting", "top", "tops", "topped", "topping",
        "bring", "brings", "brought", "bringing", "take", "takes", "took", "taking",
    )
)  # fmt: skip


def _level_of(root: Any) -> str | None:
    """What a bare count is the level of: the subject of "rose to", "stands at", "reached"
    ("the death toll has risen to 2,012" -> "death toll"; it had no label and was dropped,
    the main figure of an earthquake story), else None."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("to", "at") and head.head.tag_.startswith("VB"):
        verb = head.head
    elif root.dep_ == "dobj" and head.tag_.startswith("VB"):
        verb = head
    else:
        return None
    if verb.lower_ not in _LEVEL_VERBS:
        return None
    # "increased the total to 14": the level of the object; "the toll rose to 2,012": of
    # the subject
    dep = "dobj" if root.dep_ == "pobj" and any(c.dep_ == "dobj" for c in verb.children) else ""
    subject = next((c for c in verb.children if c.dep_ == (dep or "nsubj")), None)
    if subject is None or subject.tag_ not in ("NN", "NNS"):
        return None
    if subject.lower_ in _TALLIES:
        # "brings the total number of Palestinians killed to 70,412": the count of whom
        counted = next(
            (
                obj
                for prep in subject.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for obj in prep.children
                if obj.dep_ == "pobj"
                and (obj.tag_ == "NNS" or (obj.tag_[:3] == "NNP" and obj.ent_type_ == "NORP"))
            ),
            None,
        )
        if counted is not None:
            word = str(counted.text if counted.tag_[:3] == "NNP" else counted.lower_)
            told = _told_after(counted)
            return f"{word} {told}" if told else word
    words = [c for c in subject.children if c.dep_ == "compound" and c.i < subject.i]
    return " ".join(t.lower_ for t in [*words, subject])


_TALLIES = frozenset(("number", "total", "tally", "count"))


def _told_after(token: Any) -> str | None:
    """What befell the people a word stands for, told by a participle right after it ("171,100
    wounded", "Palestinians killed"), or None."""
    if token.i + 1 >= len(token.doc):
        return None
    nxt = token.doc[token.i + 1]
    linked = token.i in (nxt.head.i, *(c.i for c in nxt.children))  # "9,020 wounded"
    befell = linked and nxt.tag_ == "VBN" and nxt.lower_ in WHAT_BEFELL
    return str(nxt.lower_) if befell else None
