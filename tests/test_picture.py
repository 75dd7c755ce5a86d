"""The timeline picture: which when-facts it plots, its labels, and escaped, offline SVG."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from briefing.picture import (
    Point,
    describe_when,
    event_label,
    parse_when,
    timeline_html,
    timeline_points,
    timeline_svg,
    when_words,
)

SVG = "{http://www.w3.org/2000/svg}"


def test_parse_when_plots_days_intervals_weeks_and_months_only() -> None:
    day = dt.date(2019, 11, 19)
    assert parse_when("2019-11-19") == (day, day)
    assert parse_when("2019-11-19TNI") == (day, day)
    assert parse_when("2019-11-19T17:00") == (day, day)
    assert parse_when("2019-11-24/2019-11-27") == (dt.date(2019, 11, 24), dt.date(2019, 11, 27))
    assert parse_when("2019-W47") == (dt.date(2019, 11, 18), dt.date(2019, 11, 24))
    assert parse_when("2019-W47-WE") == (dt.date(2019, 11, 23), dt.date(2019, 11, 24))
    assert parse_when("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    for vague in (
        "2016",
        "2005-WI",
        "2025-Q3",
        "198",
        None,
        "",
        "2019-13-01",
        "2019-11-27/2019-11-24",
    ):
        assert parse_when(vague) is None, vague


def test_dates_are_in_a_readers_words() -> None:
    assert describe_when("2019-11-19", "Tuesday") == "19 Nov 2019"
    assert describe_when(None) is None


def test_a_when_facts_value_is_shown_only_when_it_adds_to_the_text() -> None:
    assert when_words("2019-11-18", "Monday") == "18 Nov 2019"
    assert when_words("2019", "this year") == "2019"  # a year is its own words
    assert when_words("2012", "two years ago") == "2012"
    assert when_words("2019", "2019") is None  # the text says it already
    assert when_words("2019-11", "November 2019") is None
    assert when_words("FY2019", "the fiscal year") is None  # a code, no reader's words


def test_event_label_starts_where_the_sentence_does_without_the_date() -> None:
    sentence = (
        "CENTCOM said forces located and destroyed over 15 sites containing ISIS weapons "
        "caches in southern Syria, from November 24 to 27."
    )
    label = event_label(sentence, "November 24 to 27", limit=200)
    assert label.startswith("CENTCOM said forces located and destroyed")
    assert "November" not in label and not label.endswith(",")
    fell = event_label("Oil prices fell sharply on Tuesday.", "Tuesday")
    assert fell == "Oil prices fell sharply"
    # A leading clause that is only the date is skipped; a date inside a phrase stays.
    assert event_label("On Monday, the band unveiled its tour.", "Monday") == (
        "The band unveiled its tour"
    )
    assert event_label("The report and Tuesday's announcement came late.", "Tuesday") == (
        "The report and Tuesday's announcement came late"
    )
    # "on" inside a word is not a preposition: "action" keeps its letters.
    back = event_label("Spain will be back in action on Wednesday.", "Wednesday")
    assert back == "Spain will be back in action"
    # Never a two-word scrap: with too few words left, the whole sentence is the label.
    assert event_label("Clinching in November.", "November") == "Clinching in November"
    assert len(event_label("On Monday, " + "word " * 40, "Monday", limit=30)) <= 30


def test_timeline_points_need_plottable_values_and_sort_by_date() -> None:
    items = [
        ("2019-11-24/2019-11-27", "November 24 to 27", "Raids on weapons caches in Syria."),
        ("2016", "2016", "Backed since 2016."),  # a year: not plotted
        (None, "decades", "For decades."),
        ("2019-11-18", "Monday", "The ministry reported arrests on Monday."),
        ("2019-11-18", "Monday", "The same date again on Monday."),  # a repeat: kept once
    ]
    points = timeline_points(items)
    assert [p.start for p in points] == [dt.date(2019, 11, 18), dt.date(2019, 11, 24)]
    assert points[1].end == dt.date(2019, 11, 27)
    assert len(timeline_points(items, limit=1)) == 1


def test_a_date_that_bounds_the_event_is_not_put_on_the_timeline() -> None:
    sentence = "U.S. stocks fell sharply on Monday, with the Nasdaq at its lowest since September."
    items = [("2024-09", "September", sentence), ("2025-04-07", "Monday", sentence)]
    points = timeline_points(items)
    assert [(p.when, p.label) for p in points] == [("7 Apr 2025", "U.S. stocks fell sharply")]
    bail = "A suspect was arrested and has been released on bail until June 4."
    assert timeline_points([("2025-06-04", "June 4", bail)]) == ()


def test_each_date_of_two_joined_clauses_labels_its_own_clause() -> None:
    sentence = "Pre-orders open today, and the device ships on July 15."
    assert event_label(sentence, "today") == "Pre-orders open"
    assert event_label(sentence, "July 15") == "The device ships"
    # a participle clause is no event of its own: the sentence's opening is
    assert event_label("The storm hit the coast, killing 12 people on Friday.", "Friday") == (
        "The storm hit the coast, killing 12 people"
    )


def test_a_timeline_runs_by_day_then_by_time_of_day() -> None:
    items = [
        ("2025-11-29", "Saturday", "The storm reached the coast on Saturday."),
        ("2025-W48-WE", "the weekend", "Ferries stopped over the weekend."),
        ("2025-11-24T20:00", "8 p.m.", "The vote closed at 8 p.m."),
        ("2025-11-24TEV", "Monday evening", "Results came on Monday evening."),
        ("2025-11-24T00:00", "midnight", "Polls opened at midnight on Monday."),
        ("2025-11-24", "Monday", "Voters queued on Monday."),
    ]
    points = timeline_points(items, limit=6)
    assert [p.when for p in points] == [
        "24 Nov 2025",
        "00:00, 24 Nov 2025",
        "evening of 24 Nov 2025",
        "20:00, 24 Nov 2025",
        "29 Nov 2025",
        "weekend of 29–30 Nov 2025",
    ]


def test_timeline_is_well_formed_escaped_and_fetches_nothing() -> None:
    hostile = '</li><script>alert(1)</script><img src="http://127.0.0.1:9/x.png"> & "q"'
    points = (
        Point(dt.date(2025, 1, 1), dt.date(2025, 1, 1), "1 Jan 2025", hostile),
        Point(dt.date(2025, 1, 5), dt.date(2025, 1, 9), "5–9 Jan <b>", "Second <b>event</b>"),
    )
    figure = ET.fromstring(timeline_html(points, title="Timeline: <x>"))  # well formed
    assert figure.tag == "figure"
    tags = {el.tag.removeprefix(SVG) for el in figure.iter()}
    assert tags <= {"figure", "svg", "title", "line", "circle", "ol", "li", "span"}
    assert not any(k in ("src", "href") or "href" in k for el in figure.iter() for k in el.attrib)
    rows = ["".join(li.itertext()) for li in figure.iter("li")]
    assert rows == [f"1 Jan 2025 · {hostile}", "5–9 Jan <b> · Second <b>event</b>"]
    svg = figure.find(f"{SVG}svg")
    assert svg is not None and svg.findtext(f"{SVG}title") == "Timeline: <x>"
    assert svg.find(f".//{SVG}text") is None  # no text in the SVG: nothing font-dependent


def test_no_timeline_from_one_point() -> None:
    one = (Point(dt.date(2025, 1, 1), dt.date(2025, 1, 1), "1 Jan 2025", "One event"),)
    assert timeline_svg(one) == "" and timeline_html(one) == ""
    assert timeline_svg(()) == ""


def test_rows_start_under_their_dots() -> None:
    points = tuple(
        Point(dt.date(2025, 1, d), dt.date(2025, 1, d), f"{d} Jan 2025", f"Event {d}")
        for d in (1, 31)
    )
    figure = ET.fromstring(timeline_html(points))
    first, last = figure.iter("li")
    assert first.attrib["class"] == "from-left" and "margin-left:2.50%" in first.attrib["style"]
    assert last.attrib["class"] == "from-right" and "margin-right:2.50%" in last.attrib["style"]


def test_points_lie_left_to_right_by_date() -> None:
    points = tuple(
        Point(dt.date(2025, 1, d), dt.date(2025, 1, d), f"{d} Jan 2025", f"Event {d}")
        for d in (1, 10, 31)
    )
    root = ET.fromstring(timeline_svg(points))
    xs = [float(c.attrib["cx"]) for c in root.iter(f"{SVG}circle")]
    assert xs == sorted(xs) and xs[0] < xs[1] < xs[2]
    width = float(root.attrib["viewBox"].split()[2])
    assert xs[0] >= 0 and xs[-1] <= width


@pytest.mark.parametrize(
    ("sentence", "date", "label"),
    [
        ("The quake struck at 06:47 GMT on Friday near the coast.", "Friday",
         "The quake struck at 06:47 GMT near the coast"),
        ("A warning was issued at 11:40am on Thursday for the coast.", "11:40am",
         "A warning was issued on Thursday for the coast"),
        ("By 4:30 p.m. the fire had burned 12,000 acres, officials said on Sunday.", "Sunday",
         "By 4:30 p.m. the fire had burned 12,000 acres, officials…"),
    ],
)  # fmt: skip
def test_a_time_or_a_number_does_not_end_a_label_at_its_colon_or_comma(
    sentence: str, date: str, label: str
) -> None:
    assert event_label(sentence, date) == label


def test_a_label_cut_inside_a_quotation_loses_the_lone_closing_mark() -> None:
    sentence = '"Without new money, our food pipeline breaks in January," said the director.'
    label = event_label(sentence, "January")
    assert label.startswith("Without new money") and '"' not in label
    assert event_label('The shop sold 65" TVs for $500 on Friday.', "Friday") == (
        'The shop sold 65" TVs for $500'
    )


def test_a_time_taken_out_of_a_label_takes_its_zone_and_brackets_with_it() -> None:
    sentence = "The quake hit at 4:17 a.m. local time (0117 GMT) at a depth of 10 kilometres."
    assert event_label(sentence, "4:17 a.m.") == "The quake hit"
    assert "( )" not in event_label(sentence, "0117 GMT")


def test_a_baseline_a_figure_is_compared_with_is_no_event_and_one_time_is_one_point() -> None:
    points = timeline_points(
        [
            ("2025-10", "October", "Prices rose 4.9% in October."),
            ("2024-10", "a year earlier", "Prices rose 4.9% in October on a year earlier."),
            ("2025-11-24T04:17", "4:17 a.m.", "The quake hit at 4:17 a.m. local time (0117 GMT)."),
            ("2025-11-24T01:17Z", "0117 GMT", "The quake hit at 4:17 a.m. local time (0117 GMT)."),
        ]
    )
    assert [p.start for p in points] == [dt.date(2025, 10, 1), dt.date(2025, 11, 24)]


@pytest.mark.parametrize(
    ("sentence", "date", "label"),
    [
        # the subject, not the aside after it nor the main clause's bare verb
        ("Maria Lopez, the 58-year-old founder, told investors on Monday that sales had doubled.",
         "Monday", "Maria Lopez told investors that sales had doubled"),
        ("Harbor Clinics, which runs six surgeries, first spotted the breach on May 4.",
         "May 4", "Harbor Clinics first spotted the breach"),
        ("The winger, who scored 12 goals in Serie A last season, will arrive on June 30.",
         "June 30", "The winger will arrive"),
        # the date in the aside: the aside is the event, with its subject
        ("The Kenyan, who led the race by 40 seconds in March, has not won since.",
         "March", "The Kenyan, who led the race by 40 seconds"),
        # a verb sharing the sentence's subject takes the name that opens the sentence
        ("Storm Alina weakened over land on Monday, and was expected to reach Bergen late Tuesday.",
         "late Tuesday", "Storm Alina was expected to reach Bergen"),
        # the date a form of "be" states stays
        ("The last serious derailment on the line was in June 2011, when a freight train "
         "overturned.", "June 2011", "The last serious derailment on the line was in June 2011"),
    ],
)  # fmt: skip
def test_event_label_is_a_clause_with_its_subject(sentence: str, date: str, label: str) -> None:
    assert event_label(sentence, date, limit=200) == label


def test_event_label_keeps_a_quotation_that_ends_its_clause() -> None:
    label = event_label('Jones said in May that the deal was "off the table."', "May", limit=200)
    assert "off the table" in label


def test_a_date_inside_a_quotation_is_no_point_on_the_timeline() -> None:
    items = [
        ("2026-07-12", "Tomorrow", '"Tomorrow we need early wickets," he said.'),
        ("2026-07-23", "23 July", "The third Test starts at Old Trafford on 23 July."),
        ("2026-07-11", "tonight", "“We celebrate tonight,” the captain said."),
        # a quoted statement's own date is the event's: '“forces destroyed 15 caches on …”'
        ("2026-07-06", "Monday", "The army said “troops destroyed 15 caches on Monday.”"),
    ]
    points = timeline_points(items)
    assert [p.when for p in points] == ["6 Jul 2026", "23 Jul 2026"]


@pytest.mark.parametrize(
    ("sentence", "date", "label"),
    [
        # a time inside the clause stays; the label is not cut around it
        (
            "The blaze started shortly after 4 p.m. near Pine Ridge Road and had burned 900 "
            "acres by 9 p.m., the fire service said.",
            "4 p.m.",
            "The blaze started shortly after 4 p.m. near Pine Ridge Road and had burned 900 "
            "acres by 9 p.m",
        ),
        # the date's article and adjective go with it
        (
            "On a grey March evening, the ferry crew walked out over pay.",
            "March evening",
            "The ferry crew walked out over pay",
        ),
        # "City, State-based" is one modifier, not two clauses
        (
            "The Dayton, Ohio-based maker expects sales to rise in 2031.",
            "in 2031",
            "The Dayton, Ohio-based maker expects sales to rise",
        ),
    ],
)
def test_event_labels_are_not_cut_into_fragments(sentence: str, date: str, label: str) -> None:
    assert event_label(sentence, date, limit=200) == label


@pytest.mark.parametrize(
    ("sentence", "date", "label"),
    [
        # a date with its own preposition, or a date that is an adverb, modifies the
        # clause: it goes wherever it stands, and the label keeps what happened
        (
            "The harbour board voted 6 to 3 on Tuesday night to sell the old grain pier.",
            "Tuesday night",
            "The harbour board voted 6 to 3 to sell the old grain pier",
        ),
        (
            "Brightwell Foods on Friday agreed to buy a rival bakery chain for $2 billion.",
            "Friday",
            "Brightwell Foods agreed to buy a rival bakery chain for $2 billion",
        ),
        (
            "Floods last month closed 40 schools in the valley, officials said.",
            "last month",
            "Floods closed 40 schools in the valley",
        ),
        (
            "A gale warning was issued at 7:15am on Sunday for the whole coast.",
            "7:15am",
            "A gale warning was issued on Sunday for the whole coast",
        ),
        # governed by another word, possessive, a noun's modifier, or coordinated with a
        # later date: it stays
        (
            "The strike began shortly after 6 a.m. outside the depot gates.",
            "6 a.m.",
            "The strike began shortly after 6 a.m. outside the depot gates",
        ),
        (
            "The agency raised its outlook for next year to 2.1% from 1.8%.",
            "next year",
            "The agency raised its outlook for next year to 2.1% from 1.8%",
        ),
        (
            "Ministers cited last week's report on the river.",
            "last week's",
            "Ministers cited last week's report on the river",
        ),
        (
            "Shares of the miner rose 4% in afternoon trading in Sydney.",
            "afternoon",
            "Shares of the miner rose 4% in afternoon trading in Sydney",
        ),
        (
            "Sales open on May 3 and the console ships on June 9 in Europe.",
            "May 3",
            "Sales open on May 3 and the console ships on June 9 in Europe",
        ),
        (
            "Tickets for the festival start Thursday at the town hall.",
            "Thursday",
            "Tickets for the festival start Thursday at the town hall",
        ),
    ],
)
def test_a_date_modifying_its_clause_leaves_the_label_whole(
    sentence: str, date: str, label: str
) -> None:
    assert event_label(sentence, date, limit=200) == label
