"""Quotations in single marks (the British press) and short quotations with their own
attribution."""

from __future__ import annotations

import pytest

from briefing import Article, extract_facts
from briefing.marks import quote_spans, quotes_in_single_marks


def _quotes(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_facts(Article(text)).quotes}


@pytest.mark.parametrize(("left", "right"), [("'", "'"), ("‘", "’")])
def test_an_article_quoting_in_single_marks_gets_its_quotes(left: str, right: str) -> None:
    text = (
        "Her son, Tom Hargreaves, wrote to the council about the road. "
        f"{left}The bus stop was moved half a mile without any warning,{right} he said.\n\n"
        f"The council leader, Priya Nandra, said: {left}We got this wrong. "
        f"It{right}s being fixed this month.{right}"
    )
    assert _quotes(text) == {
        "The bus stop was moved half a mile without any warning": "Tom Hargreaves",
        f"We got this wrong. It{right}s being fixed this month.": "Priya Nandra",
    }


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # apostrophes inside a word, of a plural's possessive, of an elided start
        (
            "'The Carters' barn burned, and rock 'n' roll didn't help,' he said.",
            ["The Carters' barn burned, and rock 'n' roll didn't help,"],
        ),
        ("In the '80s it was 'grim' there. 'We left,' she said.", ["grim", "We left,"]),
        # a double-mark quotation inside a single-mark one is part of it
        (
            "'She shouted \"stop the car\" and we did,' he said.",
            ['She shouted "stop the car" and we did,'],
        ),
        # single marks inside a double-mark quotation stay inside it
        (
            "\"He told me 'go home,' and I did,\" she said. 'Fine,' he said.",
            ["He told me 'go home,' and I did,", "Fine,"],
        ),
    ],
)
def test_single_marks_pair_as_quotations_not_as_apostrophes(text: str, quoted: list[str]) -> None:
    assert [text[a:b] for a, b in quote_spans(text, singles=True)] == quoted


def test_an_article_quoting_in_double_marks_reads_no_single_ones() -> None:
    text = (
        "'Tis the season, the Lowes' neighbour said of the lights. "
        '"We put them up in November," Ann Lowe said. "The children love them."'
    )
    assert not quotes_in_single_marks(text)
    assert _quotes(text) == {
        "We put them up in November": "Ann Lowe",
        "The children love them.": "Ann Lowe",
    }


def test_a_short_quotation_with_its_own_attribution_is_a_quote() -> None:
    text = (
        "Coach Maria Delgado watched the final whistle from the bench.\n\n"
        '"Finally," Delgado said. "At last."\n\n'
        'The club thanked its fans online. "See you next season!" the club posted.'
    )
    quotes = _quotes(text)
    assert quotes["Finally"] and "Delgado" in quotes["Finally"]
    assert quotes["At last."] == quotes["Finally"]
    assert "See you next season!" in quotes


def test_a_short_phrase_quoted_inside_a_sentence_is_no_quote() -> None:
    text = (
        'Senator Ray Olsen called the budget "a fantasy" on Tuesday. '
        'He said the plan was "dead on arrival," aides said.'
    )
    assert _quotes(text) == {}
