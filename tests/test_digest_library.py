"""``briefing.digest`` called from a script: a bad input among good ones, the window."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import briefing
from briefing import Article

DAY = dt.date(2030, 5, 14)

FERRY = (
    "A passenger ferry ran aground near the island of Holmvik on Tuesday morning, and all 140 "
    "people on board were brought ashore by lifeboat crews. The coast guard said the vessel "
    "struck a sandbank in thick fog about two kilometres from the harbour. Captain Ole Brandt "
    "told reporters that nobody had been hurt and that the hull was not leaking."
)
MARKET = (
    "The covered market in Dunmore reopened on Tuesday after a two-year restoration that cost "
    "the council 4.2 million pounds. Stallholders said footfall on the first morning was "
    "higher than before the closure, and the council plans late opening on Fridays."
)


def _feed(path: Path, title: str, text: str) -> Path:
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Holmvik Post</title>'
        f"<item><title>{title}</title><link>https://post.example/a</link>"
        f"<pubDate>Tue, 14 May 2030 08:00:00 GMT</pubDate><description>{text}</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    return path


def test_a_bad_input_is_reported_to_on_error_and_the_good_ones_kept(tmp_path: Path) -> None:
    good = _feed(tmp_path / "good.xml", "Ferry runs aground", FERRY)
    bad = tmp_path / "broken.rss"
    bad.write_text("<html><body><p>Service unavailable</p></body></html>", encoding="utf-8")
    seen: list[tuple[int, Any, str]] = []
    d = briefing.digest(
        [str(bad), good], date=DAY, on_error=lambda i, a, e: seen.append((i, a, str(e)))
    )
    assert [s.title for s in d.stories] == ["Ferry runs aground"]
    assert d.skipped == 1
    [(position, item, message)] = seen
    assert position == 0 and item == str(bad) and "broken.rss" in message
    with pytest.raises(briefing.BriefingError, match=r"broken\.rss"):  # no on_error: raised
        briefing.digest([str(bad), good], date=DAY)


@pytest.mark.parametrize("missing", ["gone.xml", "feeds/gone.rss.gz", "inbox/today"])
def test_a_missing_path_is_reported_to_on_error(tmp_path: Path, missing: str) -> None:
    good = _feed(tmp_path / "good.xml", "Ferry runs aground", FERRY)
    seen: list[tuple[int, Any, str]] = []
    d = briefing.digest(
        [str(good), missing], date=DAY, on_error=lambda i, a, e: seen.append((i, a, str(e)))
    )
    assert [s.title for s in d.stories] == ["Ferry runs aground"]
    [(position, item, message)] = seen
    assert position == 1 and item == missing and "no such file or folder" in message
    with pytest.raises(briefing.BriefingError, match="names no file or URL"):
        briefing.digest([Article(MARKET), "The market reopened on Tuesday."], date=DAY)


def test_window_keeps_what_the_cli_window_keeps() -> None:
    new = Article(FERRY, title="Ferry", published=DAY)
    old = Article(MARKET, title="Market", published=DAY - dt.timedelta(days=3))
    undated = Article(MARKET.replace("Dunmore", "Kilbride"), title="Kilbride market")
    d = briefing.digest([new, old, undated], date=DAY, window="24h")
    assert sorted(s.title for s in d.stories) == ["Ferry", "Kilbride market"]
    assert dict(d.left_out) == {"older": 1} and d.window == "24h"
    assert len(briefing.digest([new, old], date=DAY, window="7d").stories) == 2
    assert len(briefing.digest([new, old], date=DAY).stories) == 2  # default: every article
    with pytest.raises(briefing.BriefingError, match=r"^digest\(\): window='3x'"):
        briefing.digest([new], date=DAY, window="3x")


def test_a_file_named_by_its_date_is_dated_by_its_name(tmp_path: Path) -> None:
    named = tmp_path / "2030-05-13-ferry-aground.md"
    named.write_text(f"# Ferry runs aground\n\n{FERRY}\n", encoding="utf-8")
    stamped = tmp_path / "2030-05-13-market.txt"
    stamped.write_text(f"Market reopens\n\nPublished May 10, 2030\n\n{MARKET}\n", encoding="utf-8")
    plain = tmp_path / "2030-99-99-market.txt"  # no real date: undated
    plain.write_text(f"Market reopens\n\n{MARKET}\n", encoding="utf-8")
    assert briefing.load(named).published == dt.date(2030, 5, 13)
    assert briefing.load(stamped).published == dt.date(2030, 5, 10)  # its own date first
    assert briefing.load(plain).published is None


def test_a_very_long_title_is_cut_on_the_page_and_kept_whole_elsewhere() -> None:
    from briefing.digest import from_briefings, render_digest_html, render_digest_markdown
    from briefing.models import Briefing, Facts, Headline, Sentence
    from briefing.render.digest import PageCut

    long_title = "Ferry aground near Holmvik " + " ".join(f"and clause{n} of it" for n in range(60))
    article = Article(FERRY, title=long_title, published=DAY, source="Holmvik Post")
    summary = (Sentence(FERRY.split(". ")[0] + ".", 0, 1.0),)
    d = from_briefings([Briefing(article, long_title, summary, Facts())], DAY)
    d = replace(d, headlines=(Headline(long_title, "https://post.example/h", "Post", None),))
    page = render_digest_html(d, cut=PageCut(stories=1, long=1))
    shown = page.split('title="', 1)[1].split(">", 1)[1].split("<", 1)[0]
    assert shown.endswith("…") and len(shown) <= 160 and shown.startswith("Ferry aground")
    assert page.count(f'title="{long_title}"') == 2  # the story and the headline keep it
    assert long_title in render_digest_markdown(d) and long_title in render_digest_html(d)


def test_a_feed_entry_title_loses_the_channel_title_joined_to_it(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>{t}</title><link>https://gull.example/{n}</link>"
        f"<description>{FERRY}</description></item>"
        for n, t in enumerate(
            [
                "Ferry runs aground off Holmvik - The Gull Gazette",
                "Market reopens in Dunmore | the gull gazette",
                "Ferry - The Gull Gazette",  # one word would be left: kept
                "The Gull Gazette - readers write in",  # a leading name is not a join
            ]
        )
    )
    feed = tmp_path / "gull.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>The Gull Gazette</title>'
        f"{items}</channel></rss>",
        encoding="utf-8",
    )
    titles = [x.article.title for x in briefing.load_many([feed]) if x.article]
    assert titles == [
        "Ferry runs aground off Holmvik",
        "Market reopens in Dunmore",
        "Ferry - The Gull Gazette",
        "The Gull Gazette - readers write in",
    ]


def test_an_html_page_named_as_a_feed_says_so(tmp_path: Path) -> None:
    page = tmp_path / "gull.rss"
    page.write_text("<html><body><h1>502 Bad Gateway</h1></body></html>", encoding="utf-8")
    [item] = briefing.load_many([page])
    message = str(item.error)
    assert "not an RSS or Atom feed" in message and "save the article" not in message


def test_opml_file_urls_are_local_paths(tmp_path: Path) -> None:
    from briefing.load.opml import read_opml

    (tmp_path / "my feeds").mkdir()
    feed = _feed(tmp_path / "my feeds" / "gull.xml", "Ferry", FERRY)
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline type="rss" xmlUrl="{feed.as_uri()}"/>'
        '<outline type="rss" xmlUrl="https://gull.example/feed"/></body></opml>',
        encoding="utf-8",
    )
    assert read_opml(opml) == [str(feed), "https://gull.example/feed"]
