"""Quotes whose speaker a report describes instead of naming, pull quotes, inner commas."""

from __future__ import annotations

from briefing import Article, extract_facts


def _quotes(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_facts(Article(text)).quotes}


def test_age_names_the_person_given_that_age() -> None:
    text = (
        "Susan Miller, 61, and Paul Ortega, 38, run the bakery on Elm Street.\n\n"
        '"We have never seen a winter this quiet," the 61-year-old said.'
    )
    assert _quotes(text) == {"We have never seen a winter this quiet": "Susan Miller"}


def test_elder_of_a_family_is_the_older_one() -> None:
    text = (
        "Henry Blake, 80, founded the mill. His son, Tom Blake, 52, runs it now.\n\n"
        'The elder Blake said little. "The river will decide for us all," he said.'
    )
    assert _quotes(text) == {"The river will decide for us all": "Henry Blake"}


def test_demonym_is_the_subject_before_never_the_bare_word() -> None:
    text = (
        "Lukas Brenner finished third in the downhill on Saturday.\n\n"
        '"The snow was softer than we expected," the Austrian said.'
    )
    facts = extract_facts(Article(text))
    assert {q.text: q.speaker for q in facts.quotes} == {
        "The snow was softer than we expected": "Lukas Brenner"
    }
    assert "Austrian" not in {w.text for w in facts.who}


def test_demonym_after_two_people_is_no_one() -> None:
    text = (
        "Ines Moreau beat Kai Lindqvist in the final on Sunday.\n\n"
        '"I gave everything I had today," the 25-year-old Swede said.'
    )
    assert _quotes(text) == {"I gave everything I had today": None}


def test_pull_quote_is_listed_once_with_its_speaker() -> None:
    text = (
        "Mayor Dana Holt opened the new bridge on Friday.\n\n"
        '"A city is only as strong as its crossings."\n\n'
        'The crowd cheered. "A city is only as strong as its crossings," Holt said.'
    )
    quotes = extract_facts(Article(text)).quotes
    assert [q.speaker for q in quotes] == ["Dana Holt"]


def test_inner_comma_before_a_closing_single_mark_is_dropped() -> None:
    text = "Ann Cole won on Monday.\n\n\"My coach told me, 'Keep your head up,'\" Cole said."
    assert list(_quotes(text)) == ["My coach told me, 'Keep your head up'"]
