"""Where facts through the public library: a US dateline's state abbreviation ("BUFFALO,
N.Y. (AP) —") qualifies its city and is no place of its own, nor is a lawmaker's
party-state label ("R-Neb."), and a court district ("the Southern District of New York")
is not a place apart from the place it divides. Texts are written here."""

from __future__ import annotations

import datetime as dt

import pytest

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


STREAMING = (
    "Disney said on Tuesday that its new service signed up ten million people in a week. "
    "Subscribers compared it with Netflix and Spotify, and Zorbania officials praised it. "
    "The launch party was held in Quillbury, and fans queued in Seattle outside the 6th "
    "Avenue store. The U.K. launch follows next year."
)


def test_a_name_never_in_a_place_phrase_is_a_place_only_when_a_gazetteer_knows_it() -> None:
    from briefing.facts.where import known_place, place_key

    assert all(known_place(place_key(p)) for p in ("Seattle", "Orange County", "Kiev", "U.K."))
    assert known_place(place_key("6th Avenue")) and known_place(place_key("Moscone Center"))
    assert not any(known_place(place_key(p)) for p in ("Netflix", "Spotify", "Windows", "Siri"))
    places = where(STREAMING)
    assert "Quillbury" in places  # unknown, but "in Quillbury" beside "in Seattle": a place
    assert "Seattle" in places and "United Kingdom" in places  # known, "U.K." never "in"
    assert not {"Netflix", "Spotify", "Zorbania"} & set(places)


def test_a_name_before_a_place_word_in_a_place_phrase_is_located() -> None:
    text = (
        "The governor said that police targeted cells in the Qarbala area in the north of "
        "the province. Three suspects were arrested."
    )
    assert "Qarbala" in where(text)  # unknown to any gazetteer, but "in the Qarbala area"


def test_an_unknown_name_in_a_place_phrase_needs_a_known_place_beside_it() -> None:
    # a blog post: "in Ruby", "in UTF-8" name a language and an encoding, not places
    blog = (
        "I rewrote the parser in Ruby last week. It now reads every feed in UTF-8 and "
        "runs twice as fast in Hpricot. The code is on my site."
    )
    assert where(blog) == []
    # the same kind of unknown name beside a place the gazetteer knows stays a place
    news = (
        "The outbreak began in Zorvik, a small town in northern Kenya, health officials "
        "said on Tuesday. Two people died in Nairobi."
    )
    assert {"Zorvik", "Nairobi"} <= set(where(news))
    # a space mission's place and a region of a known country are places
    space = "The probe will land on Mars next year. Storms hit East Africa on Monday."
    assert {"Mars", "East Africa"} <= set(where(space))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the model reads the dateline's capitals as an organisation, or tags nothing
        ("FRANKFURT (Reuters) - The European Central Bank cut interest rates on Thursday, "
         "President Christine Lagarde said.", "Frankfurt"),
        ("PARIS (AFP) — French President Emmanuel Macron named a new prime minister on "
         "Friday, his office said.", "Paris"),
    ],
)  # fmt: skip
def test_a_wire_datelines_city_is_the_place(text: str, place: str) -> None:
    facts = briefing.extract_facts(briefing.Article(text, published=dt.date(2025, 6, 5)))
    assert place in [w.text for w in facts.where]
    assert place.upper() not in [w.text for w in facts.who]


def who(text: str) -> list[str]:
    return [f.text for f in briefing.extract_facts(text, published=WEDNESDAY).who]


# Places the small model reads as people: a known place in a place phrase ("from
# Toulouse", "to the Moon"), a name of several words the gazetteer knows ("Sioux Falls") or
# one ending in a street word ("Hadley Drive")
NAMED_AS_PEOPLE = {
    "Toulouse": "The plane took off from Toulouse on Monday. Engineers cheered as it climbed.",
    "Moon": "The lander will carry two astronauts to the Moon in 2026. The agency said the "
    "rocket is ready.",
    "Sioux Falls": "A report in the Herald of Sioux Falls said the campaign began on Monday.",
    "Hadley Drive": "Two men were hurt when a wall fell on Hadley Drive on Friday. "
    "Firefighters said the wall was old.",
}


@pytest.mark.parametrize("place", sorted(NAMED_AS_PEOPLE))
def test_a_place_read_as_a_person_is_a_place(place: str) -> None:
    text = NAMED_AS_PEOPLE[place]
    assert place in where(text)
    assert place not in who(text)


@pytest.mark.parametrize(
    "text",
    [
        # a title: "Mr Perry" is a man, wherever the letter came from
        "The letter came from Mr Perry on Monday. Perry said he would resign.",
        # the subject of a clause: the one "Perry" that won is a candidate
        "Voters in the town turned to Perry after the scandal. Perry won the seat by 200 votes.",
    ],
)
def test_a_person_named_like_a_town_stays_a_person(text: str) -> None:
    assert "Perry" in who(text)
    assert "Perry" not in where(text)


def test_a_place_naming_the_building_where_it_happened_is_the_place_of_the_event() -> None:
    # "at a Vienna museum" had weighed as "US forces" (a place as a mere modifier), so the
    # place the egg was made came first
    text = (
        "Thieves smashed a display case at a Vienna museum early on Sunday and escaped "
        "with a jewelled egg, police said. The egg, made in St. Petersburg in 1899, had "
        "been on loan from a private collector since September."
    )
    assert where(text)[0] == "Vienna"


@pytest.mark.parametrize(
    ("dateline", "city"),
    [
        ("MILPITAS, Calif. —", "Milpitas"),  # the model reads the city as the subject's modifier
        ("PORTO ALEGRE, Nov 25 (Reuters) -", "Porto Alegre"),  # a day inside the dateline
        ("BOWLING GREEN, Ky. (AP) —", "Bowling Green"),
        ("AIX-EN-PROVENCE, France —", "Aix-en-provence"),
    ],
)
def test_the_datelines_city_is_the_place_and_its_tag_no_actor(dateline: str, city: str) -> None:
    text = (
        f"{dateline} Nordvik on Tuesday opened its first battery plant in the region, the "
        "company said.\n\nThe plant will employ 900 workers by next year, the mayor said."
    )
    places = where(text)
    assert city in places, places
    assert not {"Ky.", "Calif."} & set(places), places
    actors = who(text)
    assert not {"AP", "Reuters"} & set(actors), actors
    assert not any(a.isupper() and len(a) > 4 for a in actors), actors  # "PORTO", "AIX"


def test_a_dateline_under_a_headline_line_in_the_text() -> None:
    text = (
        "Battery plant opens\n\n"
        "MILPITAS, Calif. — Nordvik on Tuesday opened its first battery plant in the region, "
        "the company said."
    )
    assert "Milpitas" in where(text)


def test_a_british_town_and_its_county_are_places() -> None:
    places = where(
        "Roadworks closed the lane outside the chapel in Tattenhall, Cheshire, on Friday "
        "morning, residents said."
    )
    assert "Tattenhall" in places and "Cheshire" in places, places


def test_an_irish_county_written_co_is_a_place() -> None:
    places = where(
        "A man (51), of Mill Road, Kilcock, Co Kildare, admitted the theft at Maynooth.",
        title="Man admits theft of tools in Co Kildare",
    )
    assert "Co Kildare" in places and "Maynooth" in places, places
