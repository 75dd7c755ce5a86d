"""Numbers in languages no model reads, on small texts written for these tests: each
language's own separators and size words, a minus in words, Chinese and Japanese units."""

from __future__ import annotations

from briefing.facts import extract_facts
from briefing.models import Article


def _numbers_of(text: str, language: str) -> dict[str, tuple[str | None, str | None]]:
    found = extract_facts(Article(text, language=language)).numbers
    return {n.text: (n.value, n.label) for n in found}


def test_a_decimal_comma_and_a_dot_grouping_thousands_follow_the_language() -> None:
    dutch = _numbers_of(
        "Het waterschap meldde dat de rivier 8,7 meter hoog stond. Langs 2.400 kilometer "
        "werden de dijken gecontroleerd, en de schade liep op tot 3,6 procent van de begroting.",
        "nl",
    )
    assert dutch["8,7 meter"] == ("8.7", "meter")
    assert dutch["2.400 kilometer"] == ("2400", "kilometer")
    italian = _numbers_of(
        "Il tasso è salito al 4,75% dopo che 1.250.000 famiglie hanno chiesto aiuto.", "it"
    )
    assert italian["4,75%"] == ("4.75%", "")
    assert italian["1.250.000 famiglie"] == ("1250000", "famiglie")


def test_a_comma_groups_and_a_dot_is_decimal_in_arabic() -> None:
    arabic = _numbers_of(
        "وقالت الشركة إن الإنتاج بلغ 2.5 مليون برميل هذا العام، ويعمل فيها 1,200 موظف.", "ar"
    )
    assert arabic["2.5 مليون برميل"] == ("2500000", "برميل")
    assert arabic["1,200 موظف"] == ("1200", "موظف")


def test_size_words_multiply_and_the_currency_after_them_stays() -> None:
    polish = _numbers_of("Miasto przeznaczy na remont mostu 75 mln zł w przyszłym roku.", "pl")
    assert polish["75 mln zł"] == ("75000000", "")
    portuguese = _numbers_of("O governo prometeu R$ 12 bilhões para as estradas do Norte.", "pt")
    assert portuguese["R$ 12 bilhões"] == ("12000000000", "")
    russian = _numbers_of("На ремонт дорог область потратит 420 млн рублей до осени.", "ru")
    assert russian["420 млн рублей"] == ("420000000", "рублей")
    italian = _numbers_of("La regione ha stanziato 80 milioni di euro per le scuole.", "it")
    assert italian["80 milioni di euro"] == ("80000000", "euro")


def test_minus_in_words_keeps_the_number_below_zero() -> None:
    russian = _numbers_of("Ночью в посёлке было минус 44,5 градуса, днём минус 39 градусов.", "ru")
    assert russian["минус 44,5 градуса"] == ("-44.5", "градуса")
    assert russian["минус 39 градусов"] == ("-39", "градусов")


def test_chinese_numbers_carry_their_size_and_unit_and_leave_dates_alone() -> None:
    found = _numbers_of(
        "新大桥于2023年5月18日通车，全长6.4公里，总投资约37亿元，每天可通行3万辆汽车。"
        "12号线的列车由此经过，司机今年41岁。",
        "zh",
    )
    assert found["6.4公里"] == ("6.4", "公里")
    assert found["37亿元"] == ("3700000000", "元")
    assert found["3万辆"] == ("30000", "辆")
    assert not [t for t in found if t[-1] in "年月日号岁"]


def test_japanese_numbers_read_places_and_loanword_units() -> None:
    found = _numbers_of(
        "山間部では一晩に85センチの雪が積もり、約2万3千人が停電の影響を受けた。", "ja"
    )
    assert found["85センチ"] == ("85", "センチ")
    assert found["2万3千人"] == ("23000", "人")


def test_in_german_a_lower_case_word_after_a_size_is_not_what_it_counts() -> None:
    german = _numbers_of(
        "Betroffen sind 12 Mio. privat Versicherte und 4 Mrd. Euro Rücklagen.", "de"
    )
    assert german["12 Mio."] == ("12000000", "")
    assert german["4 Mrd. Euro"] == ("4000000000", "euro")
