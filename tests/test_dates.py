"""Date expressions resolved against a publication date, as a script would call them."""

from __future__ import annotations

import datetime as dt
import re
import socket

import pytest
from hypothesis import given, settings, strategies as st

from briefing.dates import (
    DocumentResolver,
    describe,
    duration_value,
    find,
    is_anaphoric,
    is_duration,
    list_items,
    not_a_date,
    part_of_day,
    reads_language,
    resolve,
    resolve_date,
    timex,
)
from briefing.errors import BriefingError

WEDNESDAY = dt.date(2025, 11, 26)  # anchor for most tests: a Wednesday


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Monday", "2025-11-24"),  # the most recent Monday on or before the anchor
        ("Wednesday", "2025-11-26"),  # the anchor's own weekday is the anchor
        ("Thursday", "2025-11-20"),  # not tomorrow: news reports the past
        ("next Monday", "2025-12-01"),
        ("last Friday", "2025-11-21"),
        ("Thursday morning", "2025-11-20"),  # the part of day is not in the value
        ("yesterday", "2025-11-25"),
        ("today", "2025-11-26"),
        ("tomorrow", "2025-11-27"),
        ("last week", "2025-W47"),
        ("this week", "2025-W48"),
        ("next week", "2025-W49"),
        ("last month", "2025-10"),
        ("this year", "2025"),
        ("last year", "2024"),
        ("November", "2025-11"),
        ("last November", "2024-11"),
        ("mid-November", "2025-11"),
        ("November 24", "2025-11-24"),
        ("Nov. 24", "2025-11-24"),
        ("24 November", "2025-11-24"),
        ("on the 3rd", "2025-11-03"),
        ("the 30th", "2025-10-30"),  # a day after the anchor's day: last month
        ("the third quarter", "2025-Q3"),
        ("third-quarter", "2025-Q3"),
        ("the first quarter of 2024", "2024-Q1"),
        ("Q3 2025", "2025-Q3"),
        ("the second half", "2025-H2"),
        ("two years ago", "2023"),
        ("11 days ago", "2025-11-15"),
        # every count word the rules match has its number ("fifteen" had matched, valueless)
        ("fifteen years ago", "2010"),
        ("twenty days ago", "2025-11-06"),
        # a bound on the count keeps the value (TimeML's mod attribute holds the bound)
        ("more than a year ago", "2024"),
        ("barely a week ago", "2025-W47"),
        ("only two days ago", "2025-11-24"),
        ("a couple of weeks ago", "2025-W46"),
        ("a couple weeks ago", "2025-W46"),
        ("5 p.m.", "2025-11-26T17:00"),
        ("6.10am on Monday", "2025-11-24T06:10"),
        ("February this year", "2025-02"),
        ("June last year", "2024-06"),
        # days that move with a feast: Thanksgiving 2025 is 27 November; Easter 2026 (nearer
        # than 2025's) is 5 April
        ("Thanksgiving", "2025-11-27"),
        ("Black Friday", "2025-11-28"),
        ("Cyber Monday", "2025-12-01"),
        ("Good Friday", "2026-04-03"),
        ("Easter Monday", "2026-04-06"),
    ],
)
def test_relative_expressions_resolve_against_the_anchor(text: str, value: str) -> None:
    assert resolve_date(text, WEDNESDAY) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("November 24 to 27", "2025-11-24/2025-11-27"),
        ("from November 24 to 27", "2025-11-24/2025-11-27"),
        ("24-27 November", "2025-11-24/2025-11-27"),
        ("Nov. 24 to Dec. 2", "2025-11-24/2025-12-02"),
    ],
)
def test_ranges_are_start_slash_end(text: str, value: str) -> None:
    assert resolve_date(text, WEDNESDAY) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2016", "2016"),
        ("in 2016", "2016"),
        ("November 24, 2025", "2025-11-24"),
        ("Nov. 1, 2004", "2004-11-01"),
        ("Monday, Nov. 24, 2025", "2025-11-24"),
        ("February 1947", "1947-02"),
        ("Q3 2025", "2025-Q3"),
        ("the 1990s", "199"),
        ("2010-2015", "2010/2015"),
        ("between 2010 and 2015", "2010/2015"),
        ("Nov. 24-27, 2025", "2025-11-24/2025-11-27"),
        ("nineteen ninety-six", "1996"),
        ("Black Friday 2019", "2019-11-29"),
        ("Easter 2024", "2024-03-31"),
    ],
)
def test_absolute_expressions_need_no_anchor(text: str, value: str) -> None:
    assert resolve_date(text, None) == value
    assert resolve_date(text, WEDNESDAY) == value


@pytest.mark.parametrize(
    "text",
    [
        "Monday",
        "last week",
        "yesterday",
        "November",
        "November 24",
        "November 24 to 27",
        "the third quarter",
        "on the 3rd",
        "two years ago",
        "5 p.m.",
        "this year",
    ],
)
def test_without_an_anchor_a_relative_date_has_no_value(text: str) -> None:
    assert resolve_date(text, None) is None


@pytest.mark.parametrize(
    "text",
    ["three years", "the past two years", "a decade", "62-year-old", "62", "recent years", "now"],
)
def test_durations_ages_and_vague_references_are_not_dates(text: str) -> None:
    assert resolve_date(text, WEDNESDAY) is None


def test_duration_detection_keeps_relative_units_apart() -> None:
    assert is_duration("three years")
    assert is_duration("the past two weeks")
    assert not is_duration("last week")
    assert not is_duration("Monday")


def test_future_tense_and_next_look_forward() -> None:
    assert resolve("Monday", WEDNESDAY, tense="future") == "2025-12-01"
    assert resolve("Friday", WEDNESDAY, tense="future") == "2025-11-28"
    assert resolve("Monday", WEDNESDAY, tense="past") == "2025-11-24"
    # a season already over this year is next year's in a future clause, and one not yet
    # begun is last year's in a past clause
    assert resolve("the spring", WEDNESDAY, tense="future") == "2026-SP"
    assert resolve("the spring", WEDNESDAY, tense="past") == "2025-SP"
    assert resolve("the summer", dt.date(2026, 2, 10), tense="past") == "2025-SU"
    assert resolve("the summer", dt.date(2026, 2, 10), tense="future") == "2026-SU"


def test_a_month_day_without_year_takes_the_nearest_year() -> None:
    # Seven weeks ahead is nearer than ten months back; ten months ahead is not.
    assert resolve_date("Jan. 14", WEDNESDAY) == "2026-01-14"
    assert resolve_date("Sept. 30", WEDNESDAY) == "2025-09-30"
    assert resolve("Sept. 30", WEDNESDAY, tense="future") == "2026-09-30"


def test_a_datetime_anchor_is_read_as_its_day() -> None:
    anchor = dt.datetime(2025, 11, 26, 23, 59, 59)
    assert resolve_date("yesterday", anchor) == "2025-11-25"


def test_the_dateparser_fallback_works_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert resolve_date("11/24/2025", None) == "2025-11-24"
    assert resolve_date("a fortnight ago", WEDNESDAY) == "2025-W46"  # the week it fell in


_VALUE = re.compile(
    r"^\d{2,4}(?:-(?:\d{2}(?:-\d{2}(?:T\d{2}:\d{2}Z?)?)?|W\d{2}(?:-WE)?|Q\d|H\d|"
    r"SP|SU|FA|WI))?(?:/.+)?$"
)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_gives_none_or_an_iso_value(text: str) -> None:
    value = resolve_date(text, WEDNESDAY)
    assert value is None or _VALUE.match(value), value
    if not re.search(r"\d|nineteen|eighteen|two thousand", text, re.I):
        assert resolve_date(text, None) is None


# --- rules added for issue 13 (each names the news pattern it reads) --------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the year-ago quarter", "2024-Q4"),  # late November reports the current quarter
        ("the year-earlier period", "2024-Q4"),
        ("year-earlier", "2024-Q4"),
        ("the 2023 quarter", "2023-Q4"),
        ("its third quarter", "2025-Q3"),
        ("the day", "2025-11-26"),
        ("later in the day", "2025-11-26"),
        ("the full year", "2025"),
        ("the 80s", "198"),
        ("the nineties", "199"),
        ("the '20s", "202"),
        ("'82", "1982"),
        ("'19", "2019"),
        ("the year two thousand", "2000"),
        ("October of next year", "2026-10"),
        ("the first nine months of the year", "2025"),
        ("the evening of Friday, Nov. 21", "2025-11-21"),
        ("over a decade on Monday", "2025-11-24"),
        ("a rainy day in 2019", "2019"),
        ("yesterday at the age of 71", "2025-11-25"),
        ("mid-2026", "2026"),
        ("14:30 UTC today", "2025-11-26T14:30Z"),
        ("9.15am GMT", "2025-11-26T09:15Z"),
    ],
)
def test_news_patterns_read_by_the_new_rules(text: str, value: str) -> None:
    assert resolve_date(text, WEDNESDAY) == value
    if not re.search(r"\b(?:19|20)\d\d\b|two thousand", text):
        assert resolve_date(text, None) is None  # relative: no value without an anchor


def test_year_earlier_period_year_is_one_before_the_reported_quarter() -> None:
    # Early February still reports the quarter that ended in December.
    assert resolve_date("the year-ago quarter", dt.date(2026, 2, 3)) == "2024-Q4"


def test_the_day_and_the_year_are_dates_not_durations() -> None:
    assert not is_duration("the day")
    assert not is_duration("the full year")
    assert is_duration("a day")
    assert is_duration("the past five years")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # with no count, the unit before the anchor's, as "last year" (TimeML annotates them so)
        ("the last year", "2024"),
        ("the past week", "2025-W47"),
        ("the past month", "2025-10"),
        # the ISO week of that Thursday of the month
        ("the last week of September", "2025-W39"),
        ("the first week of March 2015", "2015-W10"),
        ("the final week of October", "2025-W44"),
        ("the second week of January 2026", "2026-W02"),
    ],
)
def test_the_last_unit_and_a_week_of_a_month_are_dates(text: str, value: str) -> None:
    assert not is_duration(text)
    assert resolve_date(text, WEDNESDAY) == value


def test_a_list_still_reads_its_first_item() -> None:
    assert resolve_date("Monday, Tuesday and Friday", WEDNESDAY) == "2025-11-24"
    assert resolve_date("the 70s and 80s", WEDNESDAY) == "197"


# --- values are ISO 8601; the part of day lives in the text ------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "pod"),
    [
        ("last night", "2025-11-25", "NI"),
        ("tonight", "2025-11-26", "NI"),
        ("this morning", "2025-11-26", "MO"),
        ("Tuesday afternoon", "2025-11-25", "AF"),
        ("Monday evening", "2025-11-24", "EV"),
    ],
)
def test_the_part_of_day_stays_out_of_the_value(text: str, day: str, pod: str) -> None:
    assert resolve_date(text, WEDNESDAY) == day
    assert part_of_day(text) == pod
    assert timex(day, text) == f"{day}T{pod}"


def test_timex_leaves_other_values_alone() -> None:
    assert timex("2025-W47", "last week") == "2025-W47"
    assert timex("2025-11-26T17:00", "5 p.m. tonight") == "2025-11-26T17:00"
    assert timex("2025-11-24", "Monday") == "2025-11-24"
    assert timex(None, "tonight") is None


# --- describe: no code reaches a reader --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text", "words"),
    [
        ("2019-11-19", None, "19 Nov 2019"),
        ("2019-11-19", "last night", "night of 19 Nov 2019"),
        ("2019-11-19TNI", None, "night of 19 Nov 2019"),
        ("2019-11-19T17:05", None, "17:05, 19 Nov 2019"),
        ("2009-06-01T16:00Z", None, "16:00 UTC, 1 Jun 2009"),
        ("2025-W47", None, "week of 17 Nov 2025"),
        ("2025-W01", None, "week of 30 Dec 2024"),
        ("2025-W47-WE", None, "weekend of 22–23 Nov 2025"),
        ("2025-11-24/2025-11-27", None, "24–27 Nov 2025"),
        ("2025-11-28/2025-12-02", None, "28 Nov – 2 Dec 2025"),
        ("2025-12-30/2026-01-02", None, "30 Dec 2025 – 2 Jan 2026"),
        ("2010/2015", None, "2010–2015"),
        ("2025-03/2025-05", None, "Mar–May 2025"),
        ("2025-Q3", None, "Jul–Sep 2025"),
        ("2025-Q1", None, "Jan–Mar 2025"),
        ("2025-H1", None, "Jan–Jun 2025"),
        ("2025-H2", None, "Jul–Dec 2025"),
        ("2025-SU", None, "summer 2025"),
        ("2025-WI", None, "winter 2025"),
        ("2025-11", None, "Nov 2025"),
        ("2025", None, "2025"),
        ("199", None, "1990s"),
        ("19", None, "20th century"),
        ("20", None, "21st century"),
    ],
)
def test_describe_gives_words_a_reader_uses(value: str, text: str | None, words: str) -> None:
    assert describe(value, text) == words


def test_describe_never_shows_a_code_it_cannot_read() -> None:
    assert describe("XXXX-WXX", "most weeks") == "most weeks"
    assert describe(None, "soon") == "soon"
    assert describe("2025-02-30") == "2025-02-30"  # no text: the value is all there is
    assert describe(None) == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_every_resolved_value_has_words(text: str) -> None:
    value = resolve_date(text, WEDNESDAY)
    if value is not None:
        words = describe(value, text)
        assert words != value or re.fullmatch(r"\d{4}", value), (text, value, words)


# --- languages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("lundi 24 novembre", "fr", "2025-11-24"),
        ("hier", "fr", "2025-11-25"),
        ("3 mars 2024", "fr", "2024-03-03"),
        ("24. November 2025", "de", "2025-11-24"),
        ("ayer", "es", "2025-11-25"),
    ],
)
def test_other_languages_go_to_dateparser_in_that_language(
    text: str, language: str, value: str
) -> None:
    assert resolve_date(text, WEDNESDAY, language=language) == value
    assert resolve(text, WEDNESDAY, language=language.upper()) == value


def test_another_language_without_an_anchor_gives_only_what_the_text_names() -> None:
    assert resolve_date("lundi 24 novembre", None, language="fr") is None
    assert resolve_date("hier", None, language="fr") is None
    assert resolve_date("3 mars 2024", None, language="fr") == "2024-03-03"


def test_english_is_the_default_and_an_unknown_language_is_a_user_error() -> None:
    assert resolve_date("lundi 24 novembre", WEDNESDAY) is None  # English rules only
    with pytest.raises(BriefingError, match="language 'xx'"):
        resolve_date("Monday", WEDNESDAY, language="xx")


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        (
            "O ministro disse na segunda-feira que a cimeira de 3 de março de 2025 foi adiada; "
            "ontem houve protestos.",
            "pt",
            [("segunda-feira", "2025-11-24"), ("3 de março de 2025", "2025-03-03"),
             ("ontem", "2025-11-25")],
        ),
        (
            "Die Ministerin sagte am Montag, die Sitzung vom 24.11.2025 sei vertagt; gestern "
            "und letzte Woche gab es Proteste.",
            "de",
            [("Montag", "2025-11-24"), ("24.11.2025", "2025-11-24"), ("gestern", "2025-11-25"),
             ("letzte Woche", "2025-W47")],
        ),
        (
            "Le ministre a dit hier que le sommet du lundi 3 mars aura lieu la semaine prochaine.",
            "fr",
            [("hier", "2025-11-25"), ("lundi 3 mars", "2025-03-03"),
             ("la semaine prochaine", "2025-W49")],
        ),
    ],
)  # fmt: skip
def test_find_gives_another_languages_date_words_and_they_resolve_in_it(
    text: str, language: str, words: list[tuple[str, str]]
) -> None:
    found = find(text, language=language)
    assert [t for _s, _e, t in found] == [w for w, _v in words]
    assert all(text[s:e] == t for s, e, t in found)
    assert [resolve(t, WEDNESDAY, language=language) for _s, _e, t in found] == [
        v for _w, v in words
    ]
    assert find(text) == []  # read as English, none of these is a date word


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [("quarta-feira", "pt", "2025-11-26"), ("Mittwoch", "de", "2025-11-26"),
     ("mercredi", "fr", "2025-11-26"), ("miércoles", "es", "2025-11-26"),
     ("terça-feira", "pt", "2025-11-25"), ("Donnerstag", "de", "2025-11-20")],
)  # fmt: skip
def test_a_weekday_in_another_language_is_read_as_an_english_one(
    text: str, language: str, value: str
) -> None:
    # the publication day's own weekday is that day (dateparser alone says a week back)
    assert resolve(text, WEDNESDAY, language=language) == value
    assert resolve(text, None, language=language) is None


def test_reads_language_falls_back_to_english_for_what_dateparser_cannot_read() -> None:
    assert reads_language("PT") == "pt"
    assert reads_language("de") == "de"
    assert reads_language(None) == "en"
    assert reads_language("zz") == "en"
    assert reads_language("pt-BR") == "pt" and reads_language("de_AT") == "de"
    assert find("Montag", language="zz") == []


@pytest.mark.parametrize(
    "text",
    ["2.83.83.83", "2.16.0", "v1.2.3", "version 2.16.0", "192.168.1.1", "10.0.0.1",
     "12-345-67", "2.83.83.83 on Monday", "00-00-1980", "1479 00-00-1980"],
)  # fmt: skip
def test_version_numbers_addresses_and_part_numbers_are_not_dates(text: str) -> None:
    assert not_a_date(text)
    assert resolve(text, WEDNESDAY) is None
    assert resolve(text, WEDNESDAY, language="de") is None
    assert find(f"Release {text} is out.") == []
    assert find(f"Version {text} erschien.", language="de") == []


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [("24.11.2025", "de", "2025-11-24"), ("2025.11.24", "de", "2025-11-24"),
     ("2025-11-24", "en", "2025-11-24"), ("Nov. 24", "en", "2025-11-24")],
)  # fmt: skip
def test_dates_in_digits_are_still_dates(text: str, language: str, value: str) -> None:
    assert not not_a_date(text)
    assert not not_a_date("11-24-2025") and not not_a_date("on 24-11-2025")
    assert resolve(text, WEDNESDAY, language=language) == value


def test_a_weekday_with_a_bare_hour_is_that_day_never_a_month() -> None:
    # dateparser reads "Sunday at 8" as August; the hour without a.m./p.m. is not a clock
    assert resolve("Sunday night at 8", WEDNESDAY) == "2025-11-23"
    assert resolve("Monday at 10", WEDNESDAY) == "2025-11-24"
    assert resolve("Sunday at 8 p.m.", WEDNESDAY) == "2025-11-23T20:00"


# --- the reference time: dates that point at one named before ---------------------------------


def test_a_year_earlier_takes_the_granularity_of_the_date_named_before() -> None:
    doc = DocumentResolver(dt.date(2025, 10, 28))
    assert doc.resolve("the third quarter") == "2025-Q3"
    assert doc.resolve("a year earlier") == "2024-Q3"
    assert doc.resolve("a year earlier") == "2024-Q3"  # read twice, the same value
    assert doc.resolve("a year ago") == "2024-Q3"  # the quarter being reported


def test_the_reference_moves_only_with_a_date_of_its_own() -> None:
    doc = DocumentResolver(WEDNESDAY)
    assert doc.resolve("March 3, 2019") == "2019-03-03"
    assert doc.resolve("three days later") == "2019-03-06"
    assert doc.resolve("later that year") == "2019"
    assert doc.resolve("the following month") == "2019-04"
    assert doc.resolve("that same day") == "2019-03-03"
    assert doc.resolve("two years earlier") == "2017-03-03"
    assert doc.resolve("next month") == "2025-12"  # deictic: the anchor's next month
    assert doc.resolve("three years") == "P3Y"  # a duration: it moves no reference
    assert doc.resolve("that same day") == "2019-03-03"


def test_without_a_reference_anaphora_keep_the_anchor_reading() -> None:
    assert resolve_date("a year ago", WEDNESDAY) == "2024"
    assert resolve_date("that year", WEDNESDAY) is None
    assert resolve("a year ago", WEDNESDAY, reference="1990") == "2024"  # not a reported period
    assert resolve("that day", WEDNESDAY, reference="2025-11-02") == "2025-11-02"
    assert not is_duration("a year earlier")
    assert is_duration("a year")


def test_a_time_of_day_and_the_day_are_on_the_day_named_last() -> None:
    doc = DocumentResolver(WEDNESDAY)
    assert doc.resolve("the day") == "2025-11-26"  # no day named yet: the report's
    assert doc.resolve("Monday") == "2025-11-24"
    assert doc.resolve("February", tense="past") == "2025-02"  # moves the reference, not the day
    assert doc.resolve("morning") == "2025-11-24"
    assert doc.resolve("later in the day") == "2025-11-24"
    assert doc.resolve("the day") == "2025-11-24"
    assert doc.resolve("the following month") == "2025-03"  # still against February
    assert resolve("the day", WEDNESDAY) == "2025-11-26"


def test_a_reference_from_the_text_needs_no_anchor() -> None:
    doc = DocumentResolver(None)
    assert doc.resolve("Monday") is None
    assert doc.resolve("in June 2010") == "2010-06"
    assert doc.resolve("a month later") == "2010-07"
    assert doc.resolve("the day before") is None  # a month is no day


# --- lists and quarters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("2001, 2003 and 2008", ["2001", "2003", "2008"]),
        ("the 60s and 70s", ["the 60s", "70s"]),
        ("May 3 and 4", ["May 3", "4"]),
        ("Monday, Wednesday or Friday", ["Monday", "Wednesday", "Friday"]),
        ("Thursday, Nov. 20", ["Thursday, Nov. 20"]),  # one date, not a list
        ("Nov. 20, 2025", ["Nov. 20, 2025"]),
        ("between 2001 and 2008", ["between 2001 and 2008"]),
        ("March, a month", ["March, a month"]),  # an item that names no date
    ],
)
def test_list_items_split_only_real_lists(text: str, items: list[str]) -> None:
    assert [item.strip() for _offset, item in list_items(text)] == items
    assert all(text[o : o + len(i)] == i for o, i in list_items(text))


def test_read_gives_one_value_per_listed_date_with_offsets() -> None:
    doc = DocumentResolver(WEDNESDAY)
    assert doc.read(10, "May 3 and 4") == [
        (10, 15, "May 3", "2025-05-03"),
        (20, 21, "4", "2025-05-04"),
    ]
    assert [m[3] for m in doc.read(0, "the 60s and 70s")] == ["196", "197"]
    assert doc.read(0, "three weeks") == [(0, 11, "three weeks", "P3W")]


@pytest.mark.parametrize(
    ("anchor", "value"),
    [
        (dt.date(2025, 2, 10), "2024-Q4"),  # weeks after it ended: last year's
        (dt.date(2025, 8, 20), "2025-Q4"),  # six weeks before it begins: this year's
        (dt.date(2025, 11, 26), "2025-Q4"),  # the current quarter
    ],
)
def test_a_quarter_without_a_year_is_the_nearest_one(anchor: dt.date, value: str) -> None:
    assert resolve_date("the fourth quarter", anchor) == value


def test_a_month_alone_in_a_past_clause_has_passed() -> None:
    assert resolve("January", WEDNESDAY) == "2026-01"  # nearer ahead, no tense
    assert resolve("January", WEDNESDAY, tense="past") == "2025-01"
    assert resolve("January", WEDNESDAY, tense="future") == "2026-01"


# --- find: what a named-entity model misses -----------------------------------------------------


def test_find_sees_utc_clocks_digit_dates_and_vague_references() -> None:
    text = "The probe fired at 0630 UTC on 3/14/2024. It is now quiet, as it was recently."
    assert [t for _s, _e, t in find(text)] == ["0630 UTC", "3/14/2024", "now", "recently"]
    assert all(text[s:e] == t for s, e, t in find(text))
    assert find("Il est maintenant 10:30 UTC.", language="fr") == []


def test_found_expressions_resolve() -> None:
    anchor = dt.date(2024, 3, 15)
    assert resolve("0630 UTC", anchor) == "2024-03-15T06:30Z"
    assert resolve("3/14/2024", None) == "2024-03-14"
    assert resolve("now", anchor) is None  # a vague reference names no date
    assert resolve("2024", anchor) == "2024"  # four digits without a zone stay a year


def test_a_month_just_ahead_stays_ahead_even_in_a_past_clause() -> None:
    assert resolve("December", WEDNESDAY, tense="past") == "2025-12"
    assert resolve("early December", WEDNESDAY, tense="past") == "2025-12"


def test_a_time_of_day_alone_is_on_the_day_named_before() -> None:
    doc = DocumentResolver(WEDNESDAY)
    assert doc.resolve("last Friday") == "2025-11-21"
    assert doc.resolve("10 p.m.") == "2025-11-21T22:00"
    assert doc.resolve("the morning") == "2025-11-21"
    assert doc.resolve("this morning") == "2025-11-26"  # deictic: the anchor's
    assert resolve("10 p.m.", WEDNESDAY) == "2025-11-26T22:00"  # no reference: the anchor


def test_read_all_merges_the_callers_spans_with_what_find_sees() -> None:
    text = "Sales fell in the third quarter. A year earlier they rose. Now they are flat."
    third = (text.index("the third"), text.index(" quarter.") + len(" quarter"), None)
    earlier = (text.index("A year"), text.index(" they rose"), None)
    found = DocumentResolver(WEDNESDAY).read_all(text, [third, earlier])
    assert [(t, v) for _s, _e, t, v in found] == [
        ("the third quarter", "2025-Q3"),
        ("A year earlier", "2024-Q3"),
        ("Now", None),
    ]
    assert all(text[s:e] == t for s, e, t, _v in found)
    alone = DocumentResolver(WEDNESDAY).read_all(text, [third], more=False)
    assert [t for _s, _e, t, _v in alone] == ["the third quarter"]


def test_read_all_takes_the_zone_a_clock_span_stops_before() -> None:
    text = "The rocket lifted off on 1 June at 16:40 UTC; the probe separated at 17:05 GMT+2."
    spans = [(text.index(w), text.index(w) + len(w), None) for w in ("1 June", "16:40", "17:05")]
    found = DocumentResolver(WEDNESDAY).read_all(text, spans)
    assert [(t, v) for _s, _e, t, v in found] == [
        ("1 June", "2025-06-01"),
        ("16:40 UTC", "2025-06-01T16:40Z"),
        ("17:05", "2025-06-01T17:05"),  # an offset zone is not UTC
    ]


@pytest.mark.parametrize("text", ["1-1/2 year", "2-1/2 years", "2 1/2 years", "1/2 year"])
def test_a_count_with_a_fraction_is_a_duration_not_a_range(text: str) -> None:
    # "a near 1-1/2 year trade war": once read as the range 1-2 January
    assert is_duration(text)
    assert resolve(text, WEDNESDAY) is None
    doc = DocumentResolver(WEDNESDAY)
    halves = {"1-1/2 year": "P1.5Y", "2-1/2 years": "P2.5Y", "2 1/2 years": "P2.5Y"}
    assert doc.resolve(text) == duration_value(text) == halves.get(text, "P0.5Y")
    assert doc.resolve("the day") == "2025-11-26"  # no false reference day left behind


def test_year_end_is_the_last_day_of_the_year_ahead_or_just_passed() -> None:
    assert resolve("year-end", WEDNESDAY) == "2025-12-31"
    assert resolve("by year-end", WEDNESDAY, tense="future") == "2025-12-31"
    assert resolve("year end", WEDNESDAY, tense="past") == "2024-12-31"
    assert resolve("year-end", dt.date(2025, 12, 31), tense="past") == "2025-12-31"
    assert resolve("year-end", None) is None  # relative: no anchor, no value
    assert resolve("fiscal year-end", WEDNESDAY) is None  # not 31 December
    assert resolve("the end of the year", WEDNESDAY) == "2025"  # names the year


def test_midnight_is_a_clock_time_and_a_range_past_it_ends_the_next_day() -> None:
    assert resolve("midnight", WEDNESDAY) == "2025-11-26T00:00"  # not "the night of"
    assert part_of_day("midnight") is None
    assert resolve("4 p.m. to midnight", WEDNESDAY) == "2025-11-26T16:00/2025-11-27T00:00"
    assert resolve("10 p.m. to 2 a.m.", WEDNESDAY) == "2025-11-26T22:00/2025-11-27T02:00"
    assert resolve("9 a.m. to 5 p.m.", WEDNESDAY) == "2025-11-26T09:00/2025-11-26T17:00"
    assert timex(resolve("mid-afternoon", WEDNESDAY), "mid-afternoon") == "2025-11-26TAF"
    assert resolve("November 27 to 24", WEDNESDAY) is None  # days out of order: no range


@pytest.mark.parametrize(
    ("text", "value"),
    [("fiscal year 2020", "2020"), ("the fiscal year 2020", "2020"), ("fiscal 2020", "2020"),
     ("the current fiscal year", "2025"), ("the fiscal year", "2025")],
)  # fmt: skip
def test_a_fiscal_year_reads_as_its_year(text: str, value: str) -> None:
    assert resolve(text, WEDNESDAY) == value


def test_the_latest_period_of_an_earnings_report_is_the_quarter_reported() -> None:
    text = "Net income rose in the fourth quarter. The latest period had a gain of $4 million."
    spans = [(text.index("the fourth"), text.index(". The"), None)]
    found = DocumentResolver(WEDNESDAY).read_all(text, spans)
    assert [(t, v) for _s, _e, t, v in found] == [
        ("the fourth quarter", "2025-Q4"),
        ("The latest period", "2025-Q4"),  # the quarter just named
    ]
    # none named: the quarter being reported (early in a quarter, the one just ended)
    assert resolve("the latest period", dt.date(2025, 10, 20)) == "2025-Q3"
    assert resolve("the latest period", None) is None
    assert find("In the latest period of unrest, ten people died.") == []


@pytest.mark.parametrize(
    "text",
    ["a second consecutive day", "for a third straight day", "its seventh straight session",
     "a 10th successive trading day"],
)  # fmt: skip
def test_days_in_a_row_name_the_day_reported(text: str) -> None:
    # "trading was suspended for a second consecutive day": that day, not a duration
    assert not is_duration(text)
    assert resolve(text, WEDNESDAY) == "2025-11-26"
    assert resolve(text, None) is None
    doc = DocumentResolver(WEDNESDAY)
    assert doc.resolve("Monday") == "2025-11-24"
    assert doc.resolve(text) == "2025-11-24"  # the day named before
    assert is_duration("six straight days") and resolve("the second day", WEDNESDAY) is None


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Monday",
                "a year earlier",
                "that day",
                "now",
                "the following month",
                "last week",
                "10 p.m.",
                "the morning",
                "May 3 and 4",
                "the third quarter",
                "yesterday",
                "next year",
            ]
        ),
        max_size=6,
    )
)
def test_without_an_anchor_an_article_of_relative_dates_gets_no_value(words: list[str]) -> None:
    text = ". ".join(words)
    spans, start = [], 0
    for word in words:
        spans.append((start, start + len(word), None))
        start += len(word) + 2
    assert all(v is None for *_rest, v in DocumentResolver(None).read_all(text, spans))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("21:00 GMT the same day", "2025-06-01T21:00Z"),
        ("at 10 p.m. that day", "2025-06-01T22:00"),
        ("later that day at 3 p.m.", "2025-06-01T15:00"),
        ("9 a.m. the next day", "2025-06-02T09:00"),
    ],
)
def test_a_clock_time_on_the_day_named_before_is_on_that_day(text: str, value: str) -> None:
    doc = DocumentResolver(WEDNESDAY)
    assert doc.resolve("1 June") == "2025-06-01"
    assert doc.resolve(text) == value
    assert is_anaphoric(text)


def test_a_month_name_leaves_the_full_stop_and_a_short_one_needs_a_day_and_a_dateline() -> None:
    es = "SEVILLA, 4 dic (Efe) — El puerto seguirá cerrado hasta el 20 de enero."
    assert [t for _s, _e, t in find(es, language="es")] == ["4 dic", "20 de enero"]
    assert [t for _s, _e, t in find("Cerró el 9 feb. 2024 y abrió en marzo.", language="es")] == [
        "9 feb. 2024",
        "marzo",
    ]
    # a three-letter month alone, or before a word, is a word of its own
    it = "La squadra ha perso 3 set di fila, ma il 5 ott. 2023 ha vinto."
    assert [t for _s, _e, t in find(it, language="it")] == ["5 ott. 2023"]


def test_chinese_and_japanese_numeric_dates() -> None:
    text = "地铁5号线于11月8号开通，2019年规划，票价2元，约12个月。"
    assert [f[2] for f in find(text, language="zh")] == ["11月8号", "2019年"]
    tuesday = dt.date(2025, 11, 25)
    assert resolve_date("11月8号", tuesday, language="zh") == "2025-11-08"
    assert resolve_date("2019年", None, language="zh") == "2019"
    # a day alone is the nearest such day: the 26th is tomorrow, the 2nd next month
    assert resolve_date("26日", tuesday, language="ja") == "2025-11-26"
    assert resolve_date("2日", tuesday, language="ja") == "2025-12-02"
    assert resolve_date("20日午後3時半", tuesday, language="ja") == "2025-11-20T15:30"
    assert resolve_date("昨日", tuesday, language="ja") == "2025-11-24"  # dateparser's word


def test_a_portuguese_weekday_cut_from_its_feira_is_one_only_where_a_day_stands() -> None:
    def found(text: str) -> list[str]:
        return [f[2] for f in find(text, language="pt")]

    # "segunda", "quinta": the second, the fifth (ordinals), not Monday or Thursday
    assert found("O banco fez a segunda alta seguida e prepara a quinta rodada.") == []
    assert found("O banco decidiu nesta quarta-feira.") == ["quarta-feira"]
    assert found("Os deputados votam na próxima terça o novo texto.") == ["terça"]
    assert found("A greve começou desta sexta e segue.") == ["sexta"]
    assert found("Ele falou segunda passada.") == ["segunda"]
    assert resolve_date("terça", WEDNESDAY, language="pt") == "2025-11-25"
