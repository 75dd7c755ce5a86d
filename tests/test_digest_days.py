"""Which entries a day's digest covers and how its stories are put together: entries with
no news, dates without a time, undated and future-dated recency, the story's lead, one
link carried by two feeds. Small texts of our own, no model run where none is needed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.digest.window import carries_no_news, make_window, select
from briefing.models import Article, Headline

UTC = dt.UTC
NEWS = (
    "Crews repaired a broken water pipe under Linden Road overnight, the utility said on "
    "Tuesday morning."
)


def _at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2031, 3, day, hour, tzinfo=UTC)


def test_furniture_entries_are_left_out_and_counted() -> None:
    entries = [
        Article("Comments", title="Comments", url="https://x.example/c", published=_at(4)),
        Article("Read more", title="Read more", url="https://x.example/r", published=_at(4)),
        Article("[…]", title="[…]", url="https://x.example/e", published=_at(4)),
        Article(NEWS, title="Pipe repaired", url="https://x.example/p", published=_at(4)),
    ]
    heads = [(9, Headline("Read more »", "https://x.example/m", "X", _at(4)))]
    chosen = select(
        entries, heads, window=make_window(dt.date(2031, 3, 4), None, None, explicit=True)
    )
    assert [a.title for a in chosen.articles] == ["Pipe repaired"]
    assert chosen.headlines == ()
    assert chosen.left_out == {"no news": 4}


def test_notes_with_no_sentence_and_no_link_carry_no_news() -> None:
    notes = Article("# Jots\n\n- ring the printer\n- [ ] book room 4", title="Jots")
    chosen = select([notes])
    assert chosen.headlines == () and chosen.left_out == {"no news": 1}


def test_real_titles_stay_headlines() -> None:
    # a title-only entry, linked or not, and a one-word post title are still headlines
    assert not carries_no_news("Transit chief resigns")
    assert not carries_no_news("Budgets", url="https://blog.example/budgets")
    assert not carries_no_news("Budgets", "Short teaser.", "https://blog.example/budgets")
    chosen = select([Article("Short teaser.", title="Dam opens", url="https://y.example/d")])
    assert [h.title for h in chosen.headlines] == ["Dam opens"]


def test_a_date_without_time_is_its_own_day() -> None:
    from briefing.digest.window import in_window

    day_before = make_window(dt.date(2031, 3, 4), None, None, explicit=False)
    the_day = make_window(dt.date(2031, 3, 5), None, None, explicit=False)
    assert in_window(dt.date(2031, 3, 5), day_before) == "newer"
    assert in_window(dt.date(2031, 3, 5), the_day) == "in"
    assert in_window(dt.date(2031, 3, 4), the_day) == "older"
    # a time just past midnight is still clock skew for the day before
    assert in_window(_at(5, 1), day_before) == "in"


def test_undated_and_next_day_stories_are_never_fresh() -> None:
    from briefing.digest.rank import RankWeights, rank_stories
    from briefing.models import Story

    day = dt.date(2031, 3, 5)

    def story(title: str, published: dt.date | None, k: int) -> Story:
        return Story(title, (), (), (), (), (), 1, (k,), published=published, feeds=(title,))

    tomorrow = day + dt.timedelta(days=1)
    stories = [story("Dated", day, 0), story("Undated", None, 1), story("Tomorrow", tomorrow, 2)]
    ranked = rank_stories(stories, day, [frozenset()] * 3, RankWeights(per_feed=0))
    recency = {s.title: dict(s.features)["recency"] for s in ranked}
    assert recency["Dated"] == 1.0
    assert recency["Undated"] < 1.0 and recency["Tomorrow"] < 1.0
    assert ranked[0].title == "Dated"


FULL = Article(
    "A cargo ship ran aground off Kestrel Point on Monday night, spilling about 300 litres "
    "of diesel into the bay, the coast guard said on Tuesday.\n\n"
    "Commander Ilse Varga said divers had sealed the damaged tank by early morning and that "
    "the crew of eleven was unhurt.\n\n"
    "Tugs from Merrow Harbour are expected to refloat the vessel on Wednesday at high tide, "
    "the harbour authority said in a statement.",
    title="Cargo ship aground off Kestrel Point spills diesel into the bay",
    published=dt.date(2031, 3, 4),
    url="https://tidings.example/ship-aground",
    source="Bay Tidings",
)
TEASER = Article(
    "A cargo ship that ran aground off Kestrel Point spilled diesel into the bay, the coast "
    "guard said.",
    title="Ship aground off Kestrel Point",
    published=dt.date(2031, 3, 4),
    url="https://wirenews.example/aground",
    source="Wire News",
)


def test_the_fullest_write_up_leads_whatever_the_order() -> None:
    import briefing

    day = dt.date(2031, 3, 4)
    for order in ([FULL, TEASER], [TEASER, FULL]):
        d = briefing.digest(order, date=day)
        assert len(d.stories) == 1, [s.title for s in d.stories]
        story = d.stories[0]
        assert story.title == FULL.title
        assert [s.name for s in story.sources] == ["Bay Tidings", "Wire News"]


def test_one_link_in_two_feeds_is_one_source() -> None:
    import dataclasses

    import briefing

    local = dataclasses.replace(
        FULL,
        source="Bay Tidings - Local",
        url="https://tidings.example/ship-aground?utm_source=rss",
    )
    d = briefing.digest([FULL, local], date=dt.date(2031, 3, 4))
    assert len(d.stories) == 1
    assert [s.name for s in d.stories[0].sources] == ["Bay Tidings"]
    assert d.stories[0].source_count == 1


def _rss(title: str, items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>https://{title.lower()}.example/{i}</link>"
        f"<pubDate>{when}</pubDate><description>{text}</description></item>"
        for i, (t, when, text) in enumerate(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://{title.lower()}.example/</link><description>x</description>"
        f"{entries}</channel></rss>"
    )


def test_a_feed_that_failed_catches_up_on_its_next_good_run(tmp_path: Path) -> None:
    from briefing.digest.daily import DailyOptions, run_daily

    quay = tmp_path / "quay.xml"
    moor = tmp_path / "moor.xml"
    moor_items = [
        (
            "Ferry timetable changes for winter",
            "Mon, 04 Mar 2024 08:00:00 GMT",
            "The harbour ferry will run every forty minutes instead of every half hour from "
            "next week, the operator said on Monday.",
        )
    ]
    quay_day1 = (
        "Lighthouse keeper retires after forty years",
        "Mon, 04 Mar 2024 10:00:00 GMT",
        "The keeper of the Gullrock lighthouse retired on Monday after forty years of "
        "service, the maritime museum said in a statement.",
    )
    quay_day2 = (
        "Harbour dredging to start in April",
        "Tue, 05 Mar 2024 09:00:00 GMT",
        "Dredgers will deepen the main channel of the harbour from April, the port "
        "authority said on Tuesday, closing two berths for a month.",
    )
    # past days: each run is later than its day, so the next window starts at its end
    db, out = tmp_path / "h.db", tmp_path / "out"

    def day(n: int) -> list[str]:
        options = DailyOptions(
            date=dt.date(2024, 3, n), output=out, db=db, formats=("json",), since_last=True
        )
        d = run_daily([str(quay), str(moor)], options).digest
        return [s.title for s in d.stories]

    quay.write_text("<html><body><h1>502 Bad Gateway</h1></body></html>")
    moor.write_text(_rss("Moor", moor_items))
    assert day(4) == ["Ferry timetable changes for winter"]
    quay.write_text(_rss("Quay", [quay_day1, quay_day2]))
    assert sorted(day(5)) == [quay_day2[0], quay_day1[0]]


def test_a_cut_off_feed_is_reported_and_caught_up_on_its_next_good_run(tmp_path: Path) -> None:
    from briefing.digest.daily import DailyOptions, run_daily

    quay = tmp_path / "quay.xml"
    first = (
        "Lighthouse keeper retires after forty years",
        "Mon, 04 Mar 2024 10:00:00 GMT",
        "The keeper of the Gullrock lighthouse retired on Monday after forty years of "
        "service, the maritime museum said in a statement.",
    )
    second = (
        "Harbour dredging to start in April",
        "Mon, 04 Mar 2024 15:00:00 GMT",
        "Dredgers will deepen the main channel of the harbour from April, the port "
        "authority said on Monday, closing two berths for a month.",
    )
    db, out = tmp_path / "h.db", tmp_path / "out"

    def day(n: int) -> tuple[list[str], tuple[tuple[str, str], ...]]:
        options = DailyOptions(
            date=dt.date(2024, 3, n), output=out, db=db, formats=("json",), since_last=True
        )
        result = run_daily([str(quay)], options)
        return [s.title for s in result.digest.stories], result.problems

    whole = _rss("Quay", [first, second])
    quay.write_text(whole[: whole.index("Dredgers") + 20])  # a download cut short
    stories, problems = day(4)
    assert stories == [first[0]]  # the half-read entry is no headline
    assert len(problems) == 1 and "the feed is cut off" in problems[0][1]
    quay.write_text(whole)
    stories, problems = day(5)
    assert stories == [second[0]] and not problems


def test_every_bad_file_of_a_folder_is_named_with_its_fix(tmp_path: Path) -> None:
    from briefing.digest.daily import DailyOptions, run_daily

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "blank.md").write_text("  \n")
    (folder / "scan.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    options = DailyOptions(date=dt.date(2024, 3, 4), output=None, formats=("md",))
    result = run_daily([str(folder)], options)
    names = [name for name, _ in result.problems]
    assert names == [str(folder / "blank.md"), str(folder / "scan.txt")]
    blank = result.problems[0][1]
    assert "no article text" in blank and "put the article's text in it" in blank
    assert result.digest.skipped == 2 and result.exit_code == 1
