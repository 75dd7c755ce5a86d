"""The daily digest on feeds as they really are: boilerplate, headline-only entries, merging
only on real shared text, a time window, languages, fetching, broken histories.

The feeds are small files written for these tests (tests/fixtures/feeds/, see its README);
the only network is a local HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.digest import near_duplicate_groups
from briefing.digest.boilerplate import clean_feed
from briefing.digest.daily import DailyOptions, clean_stale_temporaries, run_daily
from briefing.digest.dedup import canonical_url
from briefing.digest.window import Window, in_window, make_window, parse_window, select
from briefing.models import Article
from briefing.store import History

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
DAY = dt.date(2025, 11, 25)


def feeds(*names: str) -> list[str]:
    return [str(FEEDS / f"{name}.xml") for name in names]


def run_cli(args: list[str]) -> Any:
    return CliRunner().invoke(cli, args)


def digest_json(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "digest-2025-11-25.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any]]:
    """One CLI run over every fixture feed (default window: the 24 h of 2025-11-25)."""
    tmp = tmp_path_factory.mktemp("all")
    out = tmp / "out"
    names = ("aggregator", "comments", "platform", "wordpress", "herald", "wire", "dutch")
    result = run_cli(
        [
            "digest",
            *feeds(*names),
            "--date",
            "2025-11-25",
            "-o",
            str(out),
            "--db",
            str(tmp / "h.sqlite3"),
            "--format",
            "md,json,html",
        ]
    )
    return result, digest_json(out)


# --------------------------------------------------------------------- boilerplate (1)


def test_boilerplate_learned_from_the_feed_and_the_platform_list() -> None:
    hn = clean_feed(
        [
            f"Article URL: https://a.example/{i}\n\nComments URL: https://n.example/?id={i}"
            f"\n\nPoints: {i * 7}\n\n# Comments: {i}"
            for i in range(4)
        ]
    )
    assert hn.texts == ("", "", "", "")
    comments = clean_feed(["Comments"] * 3)
    assert comments.texts == ("", "", "") and comments.learned == ("comments",)
    wordpress = clean_feed(["The ferry is back. The post Ferry back appeared first on Coast News."])
    assert wordpress.texts == ("The ferry is back.",)
    teaser = clean_feed(["The council met to vote on the bridge budget for next year. […]"])
    assert teaser.texts == ("The council met to vote on the bridge budget for next year.",)


def test_a_paragraph_shared_by_two_long_entries_of_one_feed_is_not_learned_away() -> None:
    story = " ".join(f"word{i}" for i in range(60))
    cleaned = clean_feed([story, story, "Something else entirely, a third entry of the feed."])
    assert cleaned.texts[0] == story  # a copied article is dedup's business, not boilerplate


def test_a_lede_that_names_its_day_is_news_even_when_every_entry_shares_it() -> None:
    lede = "The Federal Reserve held interest rates steady on Wednesday."
    rest = [
        "Markets rose 2 percent after the announcement, traders said.",
        "Chair Jerome Powell said inflation remained too high.",
        "Economists had expected a cut of a quarter point.",
    ]
    cleaned = clean_feed([f"{lede} {r}\n\nComments" for r in rest])
    assert all(text.startswith(lede) for text in cleaned.texts), cleaned.texts
    assert cleaned.learned == ("comments",)  # the feed's furniture still goes


def test_no_summary_line_on_the_page_is_boilerplate(everything: tuple[Any, dict[str, Any]]) -> None:
    _result, data = everything
    lines = [t["text"] for s in data["stories"] for t in s["summary"]]
    assert lines
    for bad in ("Continue reading", "appeared first on", "Comments URL", "Points:"):
        assert not [line for line in lines if bad in line]
    # the 4 "Comments" entries and the 5 aggregator blocks are nothing but furniture: the
    # loader makes them headlines (test below); the rest is stripped from stories' texts
    assert data["boilerplate_removed"] >= 4


# ------------------------------------------------------------------- headlines (2, 9)


def test_title_only_entries_are_headlines_not_errors_and_exit_is_0(
    everything: tuple[Any, dict[str, Any]],
) -> None:
    result, data = everything
    assert result.exit_code == 0, result.output
    assert not [line for line in result.stderr.splitlines() if line.startswith("error:")]
    heads = {h["title"]: h for h in data["headlines"]}
    assert "Notes on building a kiln" in heads and "School choir wins regional prize" in heads
    kiln = heads["Notes on building a kiln"]
    assert kiln["url"] == "https://example.com/3" and kiln["source"] == "Aggregator Front Page"
    titles = {s["title"] for s in data["stories"]}
    assert not titles & set(heads)  # never a story, never merged on text
    assert "9 headlines" in result.stderr


def test_headlines_are_on_every_page(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(
        [
            "digest",
            *feeds("aggregator", "herald"),
            "--date",
            "2025-11-25",
            "-o",
            str(out),
            "--db",
            str(tmp_path / "h.sqlite3"),
            "--format",
            "md,html,pdf,json",
            "-q",
        ]
    )
    assert result.exit_code == 0
    md = (out / "digest-2025-11-25.md").read_text("utf-8")
    assert "## Headlines" in md and "[Why the compiler got slower](<https://example.com/2>)" in md
    html = (out / "digest-2025-11-25.html").read_text("utf-8")
    assert 'class="headlines"' in html and "Why the compiler got slower" in html
    from pypdf import PdfReader

    reader = PdfReader(out / "digest-2025-11-25.pdf")
    assert len(reader.pages) == 1
    assert "headlines" in reader.pages[0].extract_text().casefold()


# --------------------------------------------------------------------------- merging (3)


def test_versions_of_one_article_count_once_when_boilerplate_is_learned() -> None:
    update = "The mayor said the budget passed. Residents welcomed it at the town hall."
    first = f"{update} The budget includes funds for schools and roads, officials said."
    keys = ["a.example/1", "a.example/1", None]
    cleaned = clean_feed([first, update, "Another entry, about the ferry."], keys)
    assert cleaned.texts[:2] == (first, update) and cleaned.removed == 0
    # the same sentences in two different articles of the feed are still learned
    assert clean_feed([first, update, "Another entry, about the ferry."]).removed > 0


PAPER_A = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Paper A</title><id>urn:a</id><updated>2025-11-24T10:00:00Z</updated>
<entry><title>Council approves budget and plan</title><id>urn:1</id>
<link href="http://a.example/1?utm_source=rss"/><updated>2025-11-24T09:00:00Z</updated>
<content type="text">{text} The budget includes funds for schools and roads, officials said.
</content>
</entry><entry><title>Council approves budget</title><id>urn:2</id>
<link href="http://a.example/1"/><updated>2025-11-24T09:30:00Z</updated>
<content type="text">{text}</content></entry></feed>"""
PAPER_B = """<?xml version="1.0"?><rss version="2.0"><channel><title>Paper B</title>
<link>http://b.example/</link><description>x</description><item><title>City budget passes</title>
<link>http://b.example/budget</link><pubDate>Mon, 24 Nov 2025 11:00:00 +0000</pubDate>
<description>{text}</description></item></channel></rss>"""
BUDGET = (
    "The city council approved a new budget of $3 million on Monday, the mayor said. "
    "Residents welcomed the decision at a public meeting in the town hall."
)


def test_an_updated_article_and_another_papers_copy_are_one_story_each_source_once(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.xml").write_text(PAPER_A.format(text=BUDGET), "utf-8")
    (tmp_path / "b.xml").write_text(PAPER_B.format(text=BUDGET), "utf-8")
    out = tmp_path / "out"
    args = [str(tmp_path / "a.xml"), str(tmp_path / "b.xml"), "--date", "2025-11-24"]
    db = ["--db", str(tmp_path / "h.sqlite3")]
    result = run_cli(["digest", *args, "-o", str(out), *db, "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "digest-2025-11-24.json").read_text("utf-8"))
    assert len(data["stories"]) == 1
    story = data["stories"][0]
    assert story["articles"] == [0, 1, 2]
    assert [s["name"] for s in story["sources"]] == ["Paper A", "Paper B"]


def test_identical_boilerplate_or_short_teasers_never_merge_different_links() -> None:
    teaser = "Read the whole story on our site, with pictures and the full report."
    assert near_duplicate_groups(
        [teaser, teaser], urls=["https://a.example/1", "https://a.example/2"]
    ) == [[0], [1]]


def test_the_same_canonical_url_merges_whatever_the_text() -> None:
    assert canonical_url("https://www.Example.com/news/a/?utm_source=rss&id=5#top") == (
        "example.com/news/a?id=5"
    )
    alert = (
        "https://www.google.com/url?rct=j&sa=t&url=https://example.com/news/a%3Fid%3D5"
        "&ct=ga&cd=CAE&usg=AOv"
    )
    assert canonical_url(alert) == "example.com/news/a?id=5"
    groups = near_duplicate_groups(
        ["One text about a thing.", "Another text entirely."],
        urls=[alert, "http://example.com/news/a?id=5&utm_medium=feed"],
    )
    assert groups == [[0, 1]]


def test_one_event_from_two_sources_is_one_story_and_another_event_stays_apart(
    everything: tuple[Any, dict[str, Any]],
) -> None:
    _result, data = everything
    by_title = {s["title"]: s for s in data["stories"]}
    velmora = by_title["Earthquake kills twelve in Velmora"]
    assert {src["name"] for src in velmora["sources"]} == {"Daily Herald", "World Wire"}
    assert {src["url"] for src in velmora["sources"]} == {
        "https://dailyherald.example.com/world/velmora-quake",
        "https://wire.example.org/2025/11/25/velmora",
    }
    ostrava = by_title["Quake injures four in Ostrava Bay"]  # another quake, same week
    assert [src["name"] for src in ostrava["sources"]] == ["World Wire"]
    assert data["stories"][0]["title"] == "Earthquake kills twelve in Velmora"  # 2 sources


def test_medium_posts_sharing_only_the_footer_stay_apart(
    everything: tuple[Any, dict[str, Any]],
) -> None:
    _result, data = everything
    medium = [s for s in data["stories"] if s["sources"][0]["name"].endswith("on Medium")]
    assert len(medium) == 3 and all(len(s["sources"]) == 1 for s in medium)


# --------------------------------------------------------------------------- ranking (4)


def test_distinct_sources_count_not_entries_of_one_feed_and_ties_are_stable() -> None:
    from briefing.digest.rank import RankWeights, rank_stories
    from briefing.models import Source, Story

    def story(title: str, feeds_: tuple[str, ...], n: int, day: dt.date | None) -> Story:
        sources = tuple(Source(f, f"https://{f}/{title}/{k}") for k, f in enumerate(feeds_ * n))
        return Story(
            title,
            (),
            (),
            (),
            (),
            sources,
            len(sources),
            (len(title),),
            published=day,
            feeds=tuple(sorted(set(feeds_))),
        )

    older = DAY - dt.timedelta(days=4)
    one_feed_many = story("busy", ("a.example",), 6, older)
    two_feeds = story("corroborated", ("b.example", "c.example"), 1, older)
    future = story("future", ("d.example",), 1, dt.date(2100, 1, 1))
    fresh = story("fresh", ("e.example",), 1, DAY)
    stories = [one_feed_many, two_feeds, future, fresh]
    ranked = rank_stories(stories, DAY, [frozenset()] * 4, RankWeights(per_feed=0))
    assert [s.title for s in ranked] == ["corroborated", "fresh", "busy", "future"]
    recency = {s.title: dict(s.features)["recency"] for s in ranked}
    assert recency["fresh"] == 1.0 and recency["busy"] == 0.25
    assert recency["future"] == 0.25  # dated 2100: taken as a typical story, never fresh
    again = rank_stories(stories[::-1], DAY, [frozenset()] * 4, RankWeights(per_feed=0))
    assert [s.title for s in again] == [s.title for s in ranked]


def test_one_busy_feed_cannot_fill_the_top_of_the_page() -> None:
    from briefing.digest.rank import RankWeights, rank_stories
    from briefing.models import Source, Story

    stories = [
        Story(
            f"busy {i}",
            (),
            (),
            (),
            (),
            (Source("Busy", f"https://busy/{i}"),),
            1,
            (i,),
            published=DAY,
            feeds=("busy",),
        )
        for i in range(6)
    ] + [
        Story(
            "quiet",
            (),
            (),
            (),
            (),
            (Source("Quiet", "https://quiet/1"),),
            1,
            (9,),
            published=DAY - dt.timedelta(days=2),
            feeds=("quiet",),
        )
    ]
    ranked = rank_stories(stories, DAY, [frozenset()] * 7, RankWeights(per_feed=3))
    assert [s.title for s in ranked][:4] == ["busy 0", "busy 1", "busy 2", "quiet"]
    assert len(ranked) == 7  # demoted, never dropped


# ---------------------------------------------------------------------------- window (5)


def test_window_parsing_and_the_default_since_the_last_digest() -> None:
    assert parse_window("36h") == dt.timedelta(hours=36)
    assert parse_window("7d") == dt.timedelta(days=7)
    assert parse_window("all") is None
    with pytest.raises(Exception, match="--window"):
        parse_window("yesterday")
    end = dt.datetime(2025, 11, 26, tzinfo=dt.UTC)
    assert make_window(DAY, None, None, explicit=False) == Window(
        end - dt.timedelta(hours=24), end, "24h"
    )
    last = dt.datetime(2025, 11, 23, 7, 0, tzinfo=dt.UTC)
    assert make_window(DAY, None, last, explicit=False).start == last
    win = make_window(DAY, dt.timedelta(days=7), last, explicit=True)
    assert win.start == end - dt.timedelta(days=7) and win.label == "7d"
    assert in_window(dt.datetime(2100, 1, 1, tzinfo=dt.UTC), win) == "newer"
    assert in_window(dt.date(2016, 9, 5), win) == "older"
    assert in_window(None, win) == "undated"
    # a publisher's clock a little ahead is tolerated, a day later is not
    assert in_window(end + dt.timedelta(hours=1), win) == "in"
    assert in_window(end + dt.timedelta(hours=20), win) == "newer"
    # a date-only entry is its calendar day: the next day's belongs to the next digest
    assert in_window(DAY + dt.timedelta(days=1), win) == "newer"
    assert in_window(DAY, win) == "in"
    assert in_window(DAY + dt.timedelta(days=2), win) == "newer"
    everything_window = make_window(DAY, None, None, explicit=True)
    assert in_window(dt.datetime(2100, 1, 1, tzinfo=dt.UTC), everything_window) == "in"


def test_older_and_later_entries_are_left_out_and_counted_undated_kept_and_marked(
    everything: tuple[Any, dict[str, Any]],
) -> None:
    result, data = everything
    titles = [s["title"] for s in data["stories"]]
    assert "Old mill sold to brewery" not in titles  # 2016
    assert "Harvest fair draws record crowd" not in titles  # dated 2100: after the window
    assert data["left_out"] == {"older": 1, "newer": 1} and data["window"] == "24h"
    orchestra = next(s for s in data["stories"] if s["title"].startswith("Orchestra"))
    assert orchestra["undated"] is True and orchestra["published"] is None
    assert [s["title"] for s in data["stories"] if s["undated"]] == [orchestra["title"]]
    summary = [line for line in result.stderr.splitlines() if "older than the window" in line]
    assert len(summary) == 1 and "1 older than the window (24h) left out" in summary[0]
    assert "1 dated after the window (24h) left out" in summary[0]


def test_window_all_keeps_old_entries(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = [
        "digest",
        *feeds("herald"),
        "--date",
        "2025-11-25",
        "-o",
        str(out),
        "--db",
        str(tmp_path / "h.sqlite3"),
        "--format",
        "json",
        "-q",
        "--window",
        "all",
    ]
    assert run_cli(args).exit_code == 0
    stories = {s["title"]: s for s in digest_json(out)["stories"]}
    assert "Old mill sold to brewery" in stories
    # kept, and with the date its feed gave: a dated entry is never "undated"
    assert stories["Harvest fair draws record crowd"]["published"] == "2100-01-01"
    assert stories["Harvest fair draws record crowd"]["undated"] is False
    bad = run_cli([*args[:-1], "fortnight"])
    assert bad.exit_code == 2 and "--window" in bad.output


MONDAY_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<link>http://g.example/</link><description>x</description>
<item><title>Tram line approved</title><link>http://g.example/tram</link>
<pubDate>Mon, 24 Nov 2025 08:00:00 +0000</pubDate><description>The city council approved
the new tram line on Monday after a long debate, the mayor told reporters.</description></item>
<item><title>Harbour reopens</title><link>http://g.example/harbour</link>
<pubDate>Tue, 24 Nov 2099 08:00:00 +0000</pubDate><description>The old harbour reopened
to ships after three years of repairs, the port authority said in a statement.</description>
</item></channel></rss>"""


def test_entries_dated_after_the_digest_are_left_out_never_shown_undated(
    tmp_path: Path,
) -> None:
    feed = tmp_path / "gazette.xml"
    feed.write_text(MONDAY_FEED, "utf-8")

    def run(day: str, *extra: str) -> str:
        out = tmp_path / f"out-{day}-{len(extra)}"
        args = ["digest", str(feed), "--date", day, "-o", str(out), "--format", "md"]
        result = run_cli([*args, "--db", str(tmp_path / f"{day}.sqlite3"), *extra])
        assert result.exit_code == 0, result.output
        return (out / f"digest-{day}.md").read_text("utf-8")

    early = run("2025-11-20")  # four days before the tram story
    assert "Tram line" not in early and "Harbour" not in early and "Undated" not in early
    assert "2 dated after the window (24h)" in early
    monday = run("2025-11-24")
    assert "Tram line approved" in monday and "Monday (24 Nov 2025)" in monday
    assert "Harbour" not in monday and "Undated" not in monday
    kept = run("2025-11-20", "--window", "all")  # every entry, each with its own date
    assert "Tram line approved" in kept and "Harbour reopens" in kept
    assert "Undated" not in kept and "Monday (24 Nov 2025)" in kept


HEADLINE_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<link>http://g.example/</link><description>x</description>
<item><title>Tram line approved</title><link>http://g.example/tram</link>
<pubDate>Mon, 24 Nov 2025 08:00:00 +0000</pubDate><description>The city council approved
the new tram line on Monday after a long debate, the mayor told reporters.</description></item>
<item><title>Ferry timetable changes</title><link>http://g.example/ferry</link>
<pubDate>Mon, 24 Nov 2025 09:00:00 +0000</pubDate></item></channel></rss>"""


def test_the_next_day_with_nothing_new_says_so_and_repeats_no_headline(tmp_path: Path) -> None:
    feed = tmp_path / "gazette.xml"
    feed.write_text(HEADLINE_FEED, "utf-8")
    out = tmp_path / "out"
    base = [str(feed), "-o", str(out), "--db", str(tmp_path / "h.sqlite3"), "--format", "md"]
    for day in ("2025-11-24", "2025-11-25"):
        result = run_cli(["digest", *base, "--date", day, "--since-last", "-q"])
        assert result.exit_code == 0, result.output
    first = (out / "digest-2025-11-24.md").read_text("utf-8")
    assert "Tram line approved" in first and "Ferry timetable changes" in first
    second = (out / "digest-2025-11-25.md").read_text("utf-8")
    assert "could not be read" not in second
    assert "*No stories: no entry falls in the window (since 2025-11-25 00:00 UTC).*" in second
    assert "Ferry" not in second  # the headline was on the 24th's page
    assert "2 older than the window" in second


def test_default_window_starts_at_the_last_recorded_digest(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    with History(db) as history:
        history.record(dt.date(2025, 11, 20), [], paths=[], inputs="x", story_count=0, skipped=0)
    opts = DailyOptions(date=DAY, output=tmp_path / "out", db=db, formats=("json",))
    result = run_daily(feeds("herald"), opts)
    assert result.digest.window is not None and result.digest.window.startswith("since 2025-11-2")


# ------------------------------------------------------------------------- languages (6)


def test_language_is_detected_and_no_english_model_entities_on_dutch(
    everything: tuple[Any, dict[str, Any]],
) -> None:
    _result, data = everything
    dutch = [s for s in data["stories"] if s["sources"][0]["name"] == "Nieuws Voorbeeld"]
    assert len(dutch) == 2
    for story in dutch:
        assert story["language"] == "nl"
        assert story["who"] == [] and story["where"] == []
        assert all(t["text"] in DUTCH_TEXT for t in story["summary"])  # its own sentences
    english = next(s for s in data["stories"] if s["title"].startswith("Earthquake"))
    assert english["language"] == "en" and english["who"]


DUTCH_TEXT = (FEEDS / "dutch.xml").read_text("utf-8")


def test_lang_keeps_only_the_languages_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(
        [
            "digest",
            *feeds("dutch", "wire"),
            "--date",
            "2025-11-25",
            "-o",
            str(out),
            "--db",
            str(tmp_path / "h.sqlite3"),
            "--format",
            "json",
            "--lang",
            "nl",
        ]
    )
    assert result.exit_code == 0
    data = digest_json(out)
    assert {s["language"] for s in data["stories"]} == {"nl"}
    assert data["left_out"] == {"language": 2}
    assert "2 in other languages left out" in result.stderr
    assert run_cli(["digest", *feeds("dutch"), "--lang", "dutch"]).exit_code == 2


# -------------------------------------------------------------------- JSON contract (8)


def test_json_contract(everything: tuple[Any, dict[str, Any]]) -> None:
    _result, data = everything
    for story in data["stories"]:
        assert isinstance(story["title"], str) and story["summary"]
        assert all(isinstance(t["text"], str) for t in story["summary"])
        assert all(set(src) >= {"name", "title", "url"} for src in story["sources"])
        assert "language" in story and {"who", "where", "when"} <= set(story)
    assert all(set(h) >= {"title", "url", "source"} for h in data["headlines"])
    assert "left_out" in data and "boilerplate_removed" in data


def test_every_top_story_shows_a_real_sentence(everything: tuple[Any, dict[str, Any]]) -> None:
    _result, data = everything
    for story in data["stories"][:8]:
        assert any(len(t["text"].split()) >= 8 for t in story["summary"]), story["title"]


# ------------------------------------------------------------------------- stderr (9)


def test_one_stderr_line_per_bad_input_and_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel><item><title>", encoding="utf-8")
    bad_entries = tmp_path / "bad.jsonl"
    bad_entries.write_text('{"text": 5}\n{"text": []}\n{"text": "fine text here."}\n', "utf-8")
    result = run_cli(
        [
            "digest",
            *feeds("aggregator"),
            str(broken),
            str(bad_entries),
            str(tmp_path / "nope.xml"),
            "--date",
            "2025-11-25",
            "-o",
            str(tmp_path / "out"),
            "--db",
            str(tmp_path / "h"),
            "--format",
            "md",
        ]
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3, errors
    assert any("bad.jsonl" in e and "1 more" in e for e in errors)
    assert (tmp_path / "out" / "digest-2025-11-25.md").exists()


# ------------------------------------------------------------------- fetching (4, 7)


class _Server:
    """A local HTTP server: article pages with ETags, a 404, counting the bytes sent."""

    def __init__(self, pages: dict[str, bytes]) -> None:
        self.pages = pages
        self.sent = 0
        self.requests: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                owner.requests.append(self.path)
                body = owner.pages.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                tag = '"' + hashlib.sha1(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                data = gzip.compress(body)
                self.send_response(200)
                kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("ETag", tag)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                owner.sent += len(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[_Server]:
    topics = (
        ("harbour authority", "opened a new quay", "Fishing boats and the island ferry"),
        ("county library", "reopened its reading room", "Students and retired teachers"),
        ("mountain railway", "replaced its oldest carriages", "Hikers and ski instructors"),
        ("city orchestra", "hired a new conductor", "Subscribers and visiting choirs"),
    )
    pages = {
        f"/story/{i}": (
            f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
            f"<p>The {who} {did} on Tuesday, after {i + 2} years of planning that cost "
            f"{i + 3} million euros, according to figures published this week.</p>"
            f"<p>{users} will notice the change from next month, a spokesperson for the {who} "
            "told the local council at its weekly meeting in the town hall.</p>"
            "</article></body></html>"
        ).encode()
        for i, (who, did, users) in enumerate(topics)
    }
    srv = _Server(pages)
    yield srv
    srv.close()


def _headline_feed(path: Path, port: int, count: int) -> Path:
    items = "".join(
        f"<item><title>Harbour story {i}</title><link>http://127.0.0.1:{port}/story/{i}</link>"
        "<pubDate>Tue, 25 Nov 2025 08:00:00 +0000</pubDate><description>Comments</description>"
        "</item>"
        for i in range(count)
    )
    path.write_text(
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Aggregator</title>"
        f"{items}</channel></rss>",
        encoding="utf-8",
    )
    return path


def test_fetch_briefs_linked_pages_and_a_second_run_downloads_almost_nothing(
    tmp_path: Path, server: _Server
) -> None:
    feed = _headline_feed(tmp_path / "feed.xml", server.port, 5)  # story/4 is a 404
    args = [
        "digest",
        str(feed),
        "--date",
        "2025-11-25",
        "-o",
        str(tmp_path / "out"),
        "--db",
        str(tmp_path / "h.sqlite3"),
        "--format",
        "json",
        "--fetch",
        "--allow-private",
    ]
    first = run_cli(args)
    data = digest_json(tmp_path / "out")
    assert len(data["stories"]) == 4 and len(data["headlines"]) == 1
    assert any("harbour authority" in t["text"] for s in data["stories"] for t in s["summary"])
    assert first.exit_code == 1  # a fetch failed: one summary line
    fetch_lines = [line for line in first.stderr.splitlines() if line.startswith("error: fetch")]
    assert len(fetch_lines) == 1 and "1 of 5" in fetch_lines[0] and "404" in fetch_lines[0]
    sent_first = server.sent
    assert sent_first > 0
    second = run_cli(args)
    assert second.exit_code == 1
    assert server.sent - sent_first <= 0.1 * sent_first  # conditional GET: 304s
    assert digest_json(tmp_path / "out")["stories"] == data["stories"]


def test_a_feed_url_is_fetched_with_a_conditional_get_the_second_time(
    tmp_path: Path, server: _Server
) -> None:
    server.pages["/wire.xml"] = (FEEDS / "wire.xml").read_bytes()
    url = f"http://127.0.0.1:{server.port}/wire.xml"
    args = [
        "digest",
        url,
        "--date",
        "2025-11-25",
        "-o",
        str(tmp_path / "out"),
        "--db",
        str(tmp_path / "h.sqlite3"),
        "--format",
        "json",
        "--allow-private",
        "-q",
    ]
    assert run_cli(args).exit_code == 0
    first = server.sent
    assert first > 0 and len(digest_json(tmp_path / "out")["stories"]) == 2
    assert run_cli(args).exit_code == 0
    assert server.sent == first  # 304 Not Modified: no body the second time
    assert len(digest_json(tmp_path / "out")["stories"]) == 2
    refused = run_cli([*args[:-2], "-q"])
    assert refused.exit_code == 1 and "127.0.0.1" in refused.stderr


def test_fetch_refuses_loopback_without_allow_private(tmp_path: Path, server: _Server) -> None:
    feed = _headline_feed(tmp_path / "feed.xml", server.port, 2)
    result = run_cli(
        [
            "digest",
            str(feed),
            "--date",
            "2025-11-25",
            "-o",
            str(tmp_path / "out"),
            "--db",
            str(tmp_path / "h.sqlite3"),
            "--format",
            "json",
            "--fetch",
        ]
    )
    assert server.requests == []
    assert result.exit_code == 1
    assert len(digest_json(tmp_path / "out")["headlines"]) == 2


def test_opml_subscriptions_are_read(tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    body = "".join(
        f'<outline type="rss" text="{n}" xmlUrl="{FEEDS / n}.xml"/>' for n in ("wire", "herald")
    )
    opml.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><head><title>s</title></head><body>{body}'
        "</body></opml>",
        encoding="utf-8",
    )
    result = run_cli(
        [
            "digest",
            "--opml",
            str(opml),
            *feeds("dutch"),
            "--date",
            "2025-11-25",
            "-o",
            str(tmp_path / "out"),
            "--db",
            str(tmp_path / "h"),
            "--format",
            "json",
            "-q",
        ]
    )
    assert result.exit_code == 0, result.output
    stories = digest_json(tmp_path / "out")["stories"]
    assert any(len(s["sources"]) == 2 and "Velmora" in s["title"] for s in stories)
    assert any(s["language"] == "nl" for s in stories)
    alone = run_cli(
        [
            "digest",
            "--opml",
            str(opml),
            "--date",
            "2025-11-25",
            "-o",
            str(tmp_path / "o2"),
            "--db",
            str(tmp_path / "h2"),
            "--format",
            "json",
            "-q",
        ]
    )
    assert alone.exit_code == 0


# ---------------------------------------------------------------- hostile inputs (15)


def test_an_email_address_with_a_newline_is_a_one_line_usage_error_before_any_work(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    result = run_cli(
        [
            "digest",
            *feeds("wire"),
            "--date",
            "2025-11-25",
            "-o",
            str(out),
            "--db",
            str(tmp_path / "h"),
            "--format",
            "md",
            "--email",
            "me@example.com\nBcc: x@evil.example",
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            "9",
        ]
    )
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "line break" in errors[0] and "Traceback" not in result.output
    assert "Bcc" in errors[0]  # the address stays on the error's one line
    assert not out.exists()


def _corrupt(db: Path) -> None:
    with History(db) as history:
        for day in range(1, 20):
            history.record(
                dt.date(2025, 10, day),
                [
                    Article(f"article {day} {k} " * 40, url=f"https://x/{day}/{k}")
                    for k in range(30)
                ],
                paths=[],
                inputs="x",
                story_count=1,
                skipped=0,
            )
    raw = bytearray(db.read_bytes())
    for offset in range(4096 * 2, len(raw), 4096):  # scribble over every page but the first
        raw[offset : offset + 200] = b"\x07" * 200
    db.write_bytes(bytes(raw))
    for side in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        side.unlink(missing_ok=True)


def test_a_damaged_history_is_one_line_naming_the_file_and_the_digest_is_written(
    tmp_path: Path,
) -> None:
    db = tmp_path / "h.sqlite3"
    _corrupt(db)
    out = tmp_path / "out"
    result = run_cli(
        [
            "digest",
            *feeds("wire"),
            "--date",
            "2025-11-25",
            "-o",
            str(out),
            "--db",
            str(db),
            "--format",
            "md",
            "--since-last",
        ]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors and all(str(db) in e for e in errors) and len(errors) <= 2
    assert "damaged" in errors[0] and ".recover" in errors[0]
    assert "move this file away" not in result.stderr
    assert (out / "digest-2025-11-25.md").exists()


def test_a_full_disk_is_never_called_a_damaged_database(tmp_path: Path) -> None:
    from briefing.store import database_error

    full = database_error(tmp_path / "h", sqlite3.OperationalError("database or disk is full"), "x")
    assert "full" in str(full) and "free some space" in str(full)
    assert "damaged" not in str(full) and "recover" not in str(full)
    bad = database_error(
        tmp_path / "h", sqlite3.DatabaseError("database disk image is malformed"), "x"
    )
    assert "damaged" in str(bad)


def test_rerunning_a_day_when_every_input_fails_keeps_the_good_digest(tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "h.sqlite3"
    wire = tmp_path / "wire.xml"
    wire.write_bytes((FEEDS / "wire.xml").read_bytes())
    base = [
        "digest",
        str(wire),
        "--date",
        "2025-11-25",
        "-o",
        str(out),
        "--db",
        str(db),
        "--format",
        "md,json",
    ]
    assert run_cli(base).exit_code == 0
    good = (out / "digest-2025-11-25.md").read_bytes()
    with History(db) as history:
        rows = history.articles(DAY)
    wire.unlink()  # the feed cannot be read any more
    again = run_cli(base)
    assert again.exit_code == 1
    assert (out / "digest-2025-11-25.md").read_bytes() == good
    with History(db) as history:
        assert history.articles(DAY) == rows
        assert history.digest_for(DAY) is not None
    assert "kept" in again.stderr and str(out) in again.stderr
    # the same failed run writing to another folder keeps nothing there: it writes
    elsewhere = tmp_path / "elsewhere"
    third = run_cli([*base[:5], str(elsewhere), *base[6:]])
    assert third.exit_code == 1 and "kept" not in third.stderr
    assert (elsewhere / "digest-2025-11-25.md").exists()
    assert (out / "digest-2025-11-25.md").read_bytes() == good
    with History(db) as history:
        assert history.articles(DAY) == rows  # the day's history is still the good run's


def test_hidden_temporary_files_of_a_killed_run_are_cleaned_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".digest-2025-11-24.md.0123456789ab.tmp"
    young = out / ".digest-2025-11-25.md.ba9876543210.tmp"
    mine = out / ".my-notes.tmp"
    for path in (stale, young, mine):
        path.write_text("half a file", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(mine, (old, old))
    assert clean_stale_temporaries(out) == 1
    assert not stale.exists() and young.exists() and mine.exists()
    os.utime(young, (old, old))
    run_daily(feeds("wire"), DailyOptions(date=DAY, output=out, db=None, formats=("md",)))
    assert not young.exists() and mine.exists()


# --------------------------------------------------------------- the library (11: 2)


def test_run_daily_is_a_library_call(tmp_path: Path) -> None:
    problems: list[tuple[str, str]] = []
    opts = DailyOptions(date=DAY, output=tmp_path / "o", db=tmp_path / "h", formats=("md",))
    result = run_daily(
        feeds("herald", "wire"), opts, on_problem=lambda n, m: problems.append((n, m))
    )
    assert result.exit_code == 0 and not problems
    assert [p.name for p in result.paths] == ["digest-2025-11-25.md"]
    assert result.digest.stories[0].source_count == 2
    assert "stories" in result.summary


def test_output_dash_writes_one_format_to_stdout_and_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a folder named "-" would appear here
    args = ["digest", *feeds("herald"), "--date", "2025-11-25", "--db", str(tmp_path / "h")]
    result = run_cli([*args, "-o", "-", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # the digest and nothing else
    assert data["date"] == "2025-11-25" and data["stories"]
    assert result.stderr.startswith("Digest 2025-11-25:") and "-> stdout" in result.stderr
    assert not (tmp_path / "-").exists() and not (tmp_path / "out").exists()
    markdown = run_cli([*args, "-o", "-", "--format", "md", "-q"])
    assert markdown.exit_code == 0 and markdown.stdout.startswith("# Daily digest")


def test_output_dash_with_several_formats_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["digest", *feeds("herald"), "--db", str(tmp_path / "h"), "-o", "-"]
    for formats in (["--format", "md,html"], []):  # the default is md and pdf
        result = run_cli([*args, *formats])
        assert result.exit_code == 2 and "exactly one --format" in result.stderr
        assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_run_daily_without_an_output_folder_gives_the_outputs(tmp_path: Path) -> None:
    opts = DailyOptions(date=DAY, output=None, db=tmp_path / "h", formats=("md",))
    result = run_daily(feeds("herald"), opts)
    assert result.exit_code == 0 and result.paths == ()
    assert result.outputs["md"].startswith(b"# Daily digest")
    assert not list(tmp_path.glob("**/digest-*"))


def test_select_cleans_before_it_decides_what_is_a_headline() -> None:
    arts = [
        Article(
            f"Article URL: https://x/{i} Comments URL: https://y/{i} Points: 1 # Comments: 0",
            title=f"t{i}",
            url=f"https://x/{i}",
            source="Agg",
        )
        for i in range(3)
    ]
    chosen = select(arts)
    assert chosen.articles == () and [h.title for h in chosen.headlines] == ["t0", "t1", "t2"]


def test_digest_of_something_that_is_not_articles_is_a_briefing_error() -> None:
    from briefing.digest import digest
    from briefing.errors import BriefingError

    for bad in (["text"], "text", 5):
        with pytest.raises(BriefingError, match=r"digest\(\)"):
            digest(bad)  # type: ignore[arg-type]


def test_a_feed_that_publishes_every_few_minutes_weighs_more_than_a_weekly_blog() -> None:
    from briefing.digest.build import feed_gaps
    from briefing.digest.rank import rank_stories
    from briefing.models import Source, Story

    start = dt.datetime(2025, 11, 25, 6, tzinfo=dt.UTC)
    wire = [
        Article("x", source="Wire", published=start + dt.timedelta(minutes=20 * k))
        for k in range(5)
    ]
    blog = [
        Article("x", source="Blog", published=start - dt.timedelta(days=7 * k)) for k in range(5)
    ]
    gaps = feed_gaps([*wire, *blog])
    assert gaps["wire"] == pytest.approx(1 / 3) and gaps["blog"] == pytest.approx(168)
    stories = [
        Story(name, (), (), (), (), (Source(name),), 1, (k,), published=DAY, feeds=(name.lower(),))
        for k, name in enumerate(("Blog", "Wire"))
    ]
    ranked = rank_stories(stories, DAY, [frozenset()] * 2, gaps=[gaps["blog"], gaps["wire"]])
    assert [s.title for s in ranked] == ["Wire", "Blog"]


def test_feed_urls_are_downloaded_together_and_a_dead_one_is_one_line(
    tmp_path: Path, server: _Server
) -> None:
    for name in ("wire", "herald", "dutch"):
        server.pages[f"/{name}.xml"] = (FEEDS / f"{name}.xml").read_bytes()
    base = f"http://127.0.0.1:{server.port}"
    urls = [f"{base}/wire.xml", f"{base}/herald.xml", f"{base}/gone.xml", f"{base}/dutch.xml"]
    result = run_cli(
        [
            "digest",
            *urls,
            "--date",
            "2025-11-25",
            "-o",
            str(tmp_path / "out"),
            "--db",
            str(tmp_path / "h"),
            "--format",
            "json",
            "--allow-private",
        ]
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "gone.xml" in errors[0] and "404" in errors[0]
    data = digest_json(tmp_path / "out")
    assert any(len(s["sources"]) == 2 for s in data["stories"])
    assert {s["language"] for s in data["stories"]} == {"en", "nl"}


def test_a_broken_template_is_one_line_before_any_work(tmp_path: Path) -> None:
    bad = tmp_path / "t"
    bad.mkdir()
    (bad / "digest.md.j2").write_text("{% for s in stories %}", encoding="utf-8")
    result = run_cli(
        [
            "digest",
            *feeds("wire"),
            "--date",
            "2025-11-25",
            "-o",
            str(tmp_path / "out"),
            "--db",
            str(tmp_path / "h"),
            "--format",
            "md",
            "--template",
            str(bad),
        ]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len([x for x in result.stderr.splitlines() if x.startswith("error:")]) == 1
    assert not (tmp_path / "h").exists()  # nothing was done


def test_a_feed_giving_every_entry_one_link_does_not_merge_different_posts() -> None:
    link = "http://blog.example.com/wp-atom.php"
    texts = ["Surfers saw dolphins near the pier.", "A shop sells duck ammunition now."]
    assert near_duplicate_groups(texts, urls=[link, link], titles=["Dolphins", "Ducks"]) == [
        [0],
        [1],
    ]
    same = ["Quake hits Velmora", "Quake hits Velmora - World Wire"]
    assert near_duplicate_groups(texts, urls=[link, link], titles=same) == [[0, 1]]


def test_briefing_digest_is_callable_even_after_its_package_was_imported() -> None:
    import briefing
    import briefing.digest.daily  # binds briefing.digest to the package

    d = briefing.digest([Article("The town council of Riverton approved a new bridge today.")])
    assert d.stories[0].title.startswith("The town council of Riverton")
