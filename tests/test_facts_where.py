"""Where facts through the public library: a US dateline's state abbreviation ("BUFFALO,
N.Y. (AP) —") qualifies its city and is no place of its own, nor is a lawmaker's
party-state label ("R-Neb."), and a court district ("the Southern District of New York")
is not a place apart from the place it divides. Texts are written here."""

from __future__ import annotations

import datetime as dt

import briefing

WEDNESDAY = dt.date(2025, 11, 26)


def where(text: str, title: str | None = None) -> list[str]:
    article = briefing.Article(text, title=title)
    facts = briefing.extract_facts(article, published=WEDNESDAY).where
    return [f.value or f.text for f in facts]


HOCKEY = (
    "BUFFALO, N.Y. (AP) — The Wild beat the Sabres 4-1 on Tuesday night as Zach Parise "
    "scored twice and Alex Stalock made 30 saves. Minnesota has won three of its last four "
    "games. The Sabres have lost five straight at home."
)
SANTA_FE = (
    "SANTA FE, N.M. (AP) — A cat that had been missing for five years in Portland, Oregon, "
    "has been found in a park. The shelter said the cat was healthy and would fly home "
    "next week."
)
SHERIFF = (
    "The Orange County, Calif., sheriff's office seized 40 pounds of heroin on Monday. "
    "Deputies found the drugs in a truck stopped on a highway. Two men were arrested."
)
SENATOR = (
    "Sen. Ben Sasse, R-Neb., called the death a crisis of public trust on Monday. "
    "The prison in Manhattan is under review. Officials promised a full report."
)
COURT = (
    "Geoffrey Berman, the U.S. Attorney for the Southern District of New York, charged two "
    "guards on Tuesday. The guards worked at a jail in Manhattan. They pleaded not guilty."
)


def test_dateline_state_abbreviation_is_no_place_and_the_city_is() -> None:
    places = where(HOCKEY, title="Wild beat Sabres 4-1")
    assert "N.Y." not in places
    assert "Buffalo" in places


def test_dateline_city_read_as_an_organisation_still_gives_the_place() -> None:
    places = where(SANTA_FE, title="Cat missing for five years found")
    assert "N.M." not in places
    assert "Santa Fe" in places


def test_state_after_a_county_qualifies_it() -> None:
    places = where(SHERIFF)
    assert "Calif." not in places
    assert any("Orange County" in p for p in places)


def test_party_state_label_is_no_place() -> None:
    places = where(SENATOR)
    assert "Neb." not in places
    assert "Manhattan" in places


def test_a_court_district_is_not_a_place_apart() -> None:
    places = where(COURT)
    assert not any("District" in p for p in places)
    assert "New York" in places


def test_a_country_abbreviation_stays_a_place() -> None:
    places = where(
        "The election campaign in the U.K. has moved online, party officials said on Monday. "
        "Spending on social media ads has doubled since 2017."
    )
    assert "United Kingdom" in places or "U.K." in places
