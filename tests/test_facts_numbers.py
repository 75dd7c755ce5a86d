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


def test_a_sum_keeps_the_currency_written_in_letters_or_glued_to_it() -> None:
    found = _numbers_of(
        "Sweden added SEK 45 million. Chile gave R$15 million and the province R7.5 million. "
        "Rents climbed to A$2,450 a month."
    )
    assert found["SEK 45 million"] == ("45000000", "")
    assert found["R$15 million"][0] == "15000000"
    assert found["R7.5 million"][0] == "7500000"
    assert "A$2,450" in found


def test_temperatures_magnitudes_fractions_and_points_get_their_value() -> None:
    found = _numbers_of(
        "It was 41C inland and minus 12C on the peaks. A magnitude 6.1 quake hit the coast. "
        "Voters backed a 1/4-cent levy. Floods covered two-thirds of the valley. "
        "Inflation fell 0.4 percentage points to 3.1 per cent."
    )
    values = {t: v for t, (v, _label) in found.items()}
    assert values.get("minus 12C") == "-12"
    assert values.get("magnitude 6.1") == "6.1"
    assert values.get("1/4-cent levy") == "0.25"
    assert values.get("two-thirds of the valley") == "0.6667"
    assert found["0.4 percentage points"] == ("0.4", "percentage points")


def test_one_count_in_two_spellings_is_one_fact() -> None:
    facts = extract_facts(
        Article("Officials closed 7 schools on Monday. By Tuesday, seven schools had reopened.")
    )
    assert [n.value for n in facts.numbers].count("7") == 1


def test_statistics_and_shot_names_are_no_counts_and_fractions_keep_their_part() -> None:
    found = _numbers_of(
        "The pill cut the risk by 31% (95% CI, 0.52-0.88) in the trial. "
        "Ortiz scored 30 points, making five 3-pointers. He hit a 3-pointer at the buzzer. "
        "Lindgren pitched 5 1/3 innings and the pool grew 3.4 times year over year. "
        "About 19 cases were avoided per thousand people. "
        "Nearly a thousand people marched to the harbour on Sunday."
    )
    assert "95%" not in found and found["31%"][0] == "31%"
    assert not [t for t in found if t.startswith("3-pointer")]
    assert found["5 1/3 innings"][0] == "5.3333"
    assert found["3.4 times"] == ("3.4", "times")
    assert found["Nearly a thousand people"][0] == "1000"
    assert "thousand people" not in found  # a rate's denominator


def test_one_person_counts_only_when_what_befell_them_is_told() -> None:
    found = _numbers_of(
        "The sister of one patient said the clinic had ignored her calls for months. "
        "One worker was injured when the scaffolding fell on Friday."
    )
    assert "one patient" not in found
    assert found["One worker"] == ("1", "worker injured")


def test_the_toll_of_a_people_and_its_totals_are_counted() -> None:
    found = _numbers_of(
        "At least 27 Sudanese have been killed in shelling near the border, medics said. "
        "The new attacks bring the total number of Sudanese killed in the region to at least "
        "4,310, with 9,020 wounded, officials said."
    )
    assert found["At least 27 Sudanese"] == ("27", "Sudanese killed")
    assert found["at least 4,310"] == ("4310", "Sudanese killed")
    assert found["9,020"] == ("9020", "wounded")


def test_a_sum_told_again_and_two_alternatives_are_one_fact_each() -> None:
    found = _numbers_of(
        "The port will spend $640 million on new cranes. Its board backed a $640 million "
        "plan on Monday, $90 million of which comes from the state. Some families live 30 "
        "or 40 miles from a clinic."
    )
    assert len([t for t in found if "640" in t]) == 1
    assert "$90 million" in found
    assert found["30 or 40 miles"][0] == "30/40"
    assert "40 miles" not in found


def test_telephone_numbers_and_clock_times_written_short_are_no_quantities() -> None:
    found = _numbers_of(
        "Police asked anyone with information to call Detective Sgt. Paul Brennan at "
        "614-762-3400. The suspect fled with about $420. Speaking after the result shortly "
        "after 2am, Moreno said: \u201cThe town has sent a message tonight.\u201d"
    )
    assert not [t for t in found if "3400" in t or "2am" in t]
    assert found["about $420"][0] == "420"


def test_a_range_with_its_unit_keeps_both_ends_and_a_score_has_no_value() -> None:
    found = _numbers_of(
        "Forecasters expect 10-20cm of snow on the hills. "
        "Heavy rain brought 25-40mm to the valleys. "
        "Gusts could reach 55-65mph on the coast. The hosts sealed a 3-1 win on Sunday."
    )
    assert found["10-20cm"][0] == "10/20"
    assert found["25-40mm"][0] == "25/40"
    assert found["55-65mph"] == ("55/65", "mph")
    assert found["3-1 win"][0] is None


def test_a_clock_time_and_the_digits_of_a_number_are_no_quantities() -> None:
    found = _numbers_of(
        "The bridge stays shut until at least 6pm, the council said. "
        "The opener reached three figures before lunch and now earns a six-figure salary."
    )
    assert not [t for t in found if "6" in t or "figure" in t]


def test_a_sum_the_model_left_out_is_read_from_its_currency_sign() -> None:
    found = _numbers_of("His assistant stole more than £12,500 over two years.")
    assert found["more than £12,500"][0] == "12500"
