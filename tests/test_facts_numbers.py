"""Number facts: what a number counts and its value, on small texts written for these tests."""

from __future__ import annotations

from briefing.facts import extract_facts
from briefing.models import Article


def _numbers_of(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {n.text: (n.value, n.label) for n in extract_facts(Article(text)).numbers}


def test_a_number_fact_never_crosses_a_line_break_nor_ends_on_a_conjunction() -> None:
    found = _numbers_of(
        "Beds by ward:\nNorth: 24\nSouth: 31\nLatecomers: 7\n\n"
        "Copper: $9,120, up 2.4%\nZinc traders: $2,310, down 1.1%\n\n"
        "Norway and Chile pledged $3 billion and $7 billion respectively."
    )
    assert not [t for t in found if "\n" in t]
    assert "$3 billion" in found and "$3 billion and" not in found


def test_a_clock_time_a_name_and_a_how_often_are_no_quantities() -> None:
    found = _numbers_of(
        "The polls closed at 22:00 CET. She played in the A2 squad of the decade. "
        "The three-time world champion retired. Losses reached $12 billion."
    )
    assert not [t for t in found if "22:00" in t or "A2" in t or "champion" in t]
    assert found["$12 billion"][0] == "12000000000"


def test_a_speed_keeps_its_unit_whole() -> None:
    found = _numbers_of(
        "Gusts of 150 mph (240 km/h) hit the coast while it moved at 9 mph (14 km/h)."
    )
    assert found["240 km/h"] == ("240", "km/h")
    assert found["14 km/h"] == ("14", "km/h")


def test_a_percentage_is_not_labelled_with_who_holds_or_offers_it() -> None:
    found = _numbers_of(
        "Her daughter holds about 9%, the filing shows. Employers offered 3.5% over three years. "
        "Copper prices rose 2.4% on Monday."
    )
    assert found["about 9%"][1] != "daughter"
    assert found["3.5%"][1] == ""
    assert found["2.4%"][1] == "prices"
