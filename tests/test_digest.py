"""The daily digest as a user and a script see it: merging, ranking, one page, crash safety."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefing.cli import cli
from briefing.digest import (
    digest,
    from_briefings,
    near_duplicate_groups,
    related_clusters,
    render_digest_html,
    render_digest_markdown,
    render_digest_pdf,
)
from briefing.models import Article, Briefing, Digest, Fact, Facts, Headline, Sentence
from briefing.text import split_sentences

DAY = dt.date(2025, 11, 25)

FLOOD = (
    "Heavy rain flooded the town of Riverton on Tuesday, forcing 300 families from their "
    "homes. Mayor Jane Alvarez said the river rose two metres overnight and that the old "
    "bridge on Mill Road had been closed. Emergency crews from the Red Cross opened three "
    "shelters in the north of the town, where volunteers handed out blankets and hot meals. "
    "Officials expect the water to recede by Friday, but warned that more rain is forecast "
    "for the weekend across the whole valley."
)
STADIUM = (
    "The city council of Lakeside voted on Monday to approve a new football stadium costing "
    "80 million dollars. Council leader Tom Becker said construction would begin in the "
    "spring and take two years to finish. Opponents argued that the money should go to "
    "schools and buses instead, and a group of residents said it would ask a court to stop "
    "the plan before the first stone is laid."
)
VACCINE = (
    "Scientists at the Northfield Institute reported on Wednesday that a new malaria vaccine "
    "protected four in five children in a trial across three countries. Lead researcher "
    "Amina Diallo said the results were the strongest yet for a vaccine of its kind. The "
    "team now plans a larger study next year and hopes regulators will review the data "
    "quickly, although production costs remain a concern for health ministries."
)


def syndicated(text: str) -> str:
    return f"By Sam Carter, Metro Wire\n\n{text}\n\nCopyright 2025 Metro Wire. All rights reserved."


def edited(text: str) -> str:
    return text.replace("300 families", "about 300 families").replace("hot meals", "meals")


def briefing_of(
    text: str, title: str, source: str, *, who: tuple[str, ...] = (), day: dt.date = DAY
) -> Briefing:
    """A Briefing built by hand (no NLP): its first sentences as the summary."""
    spans = split_sentences(text)
    summary = tuple(Sentence(s.text, i, 1.0, s.start, s.end) for i, s in enumerate(spans[:2]))
    facts = Facts(who=tuple(Fact(name, name, spans[0].text, 1.0) for name in who))
    article = Article(text, title=title, published=day, source=source)
    return Briefing(article=article, title=title, summary=summary, facts=facts)


def random_article(rng: random.Random, n: int) -> tuple[str, str]:
    """A distinct article of made-up words (no two share phrases)."""
    syllables = ["ka", "lo", "mi", "ra", "tu", "ven", "dor", "sil", "pa", "ne", "qui", "zo"]
    vocab = ["".join(rng.choice(syllables) for _ in range(3)) for _ in range(60)]
    sentences = [
        " ".join(rng.choice(vocab) for _ in range(12)).capitalize() + "." for _ in range(4)
    ]
    return f"Story {n}: {vocab[0].capitalize()} {vocab[1]}", " ".join(sentences)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------ merging


def test_near_copies_merge_and_distinct_stories_stay_apart() -> None:
    texts = [FLOOD, syndicated(FLOOD), STADIUM, edited(FLOOD), VACCINE]
    assert near_duplicate_groups(texts) == [[0, 1, 3], [2], [4]]


def test_updated_and_truncated_versions_merge() -> None:
    update = FLOOD + "\n\nUpdate: the river peaked at noon on Wednesday and began to fall."
    teaser = " ".join(s.text for s in split_sentences(FLOOD)[:2])
    assert near_duplicate_groups([FLOOD, STADIUM, update, teaser]) == [[0, 2, 3], [1]]


def test_each_copy_joins_its_own_story() -> None:
    texts = [STADIUM, FLOOD, VACCINE, syndicated(STADIUM), edited(FLOOD)]
    assert near_duplicate_groups(texts) == [[0, 3], [1, 4], [2]]


TEMPLATE = (
    "The city council of {city} approved plan {n} on Monday, the mayor said. The plan sets "
    "out new rules for cycling lanes and bus routes in the centre of {city}. Officials said "
    "the work would start next spring and cost about {n} million euros. Residents will be "
    "able to comment on plan {n} at public meetings over the coming weeks, the council said."
)


def test_one_template_about_different_places_is_different_stories() -> None:
    cities = ["Oslo", "Rome", "Madrid", "Vienna"]
    texts = [TEMPLATE.format(city=c, n=100 + 7 * k) for k, c in enumerate(cities)]
    assert near_duplicate_groups(texts) == [[0], [1], [2], [3]]
    places = [frozenset({c.casefold()}) for c in cities]
    assert related_clusters(texts, places, [DAY] * 4) == [[0], [1], [2], [3]]
    # a copy that adds a byline and an agency still merges with its original
    copy = f"By Ana Lind, Reuters\n\n{texts[0]}"
    assert near_duplicate_groups([texts[0], texts[1], copy]) == [[0, 2], [1]]


def test_related_articles_on_one_story_cluster_but_other_topics_do_not() -> None:
    other = (  # the same event, written up by another reporter
        "Flood water from the river filled the streets of Riverton on Tuesday and about 300 "
        "families left their homes. Mayor Jane Alvarez said the river had risen two metres and "
        "the Mill Road bridge was closed. The Red Cross opened shelters in the north of the "
        "town, and more rain is forecast for the valley at the weekend."
    )
    assert near_duplicate_groups([FLOOD, other]) == [[0], [1]]  # not a copy
    texts = [FLOOD, STADIUM, other, VACCINE]
    names = [
        frozenset({"jane alvarez", "riverton"}),
        frozenset({"tom becker"}),
        frozenset({"jane alvarez", "red cross"}),
        frozenset({"amina diallo"}),
    ]
    clusters = related_clusters(texts, names, [DAY] * 4)
    assert clusters == [[0, 2], [1], [3]]
    # Without a shared name the same texts need a much closer match.
    alone = related_clusters(texts, [frozenset()] * 4, [DAY] * 4)
    assert alone == [[0], [1], [2], [3]]
    # Far apart in time: not one story.
    far = [DAY, DAY, DAY - dt.timedelta(days=10), DAY]
    assert related_clusters(texts, names, far) == [[0], [1], [2], [3]]


BAKERY = (
    "Flames tore through the Linden Street bakery before dawn on Sunday, and the roof of the "
    "two-storey building collapsed within an hour. Fire chief Marta Okafor said 45 firefighters "
    "worked for six hours and that nobody was inside. Rosa Lindqvist, who opened the shop in "
    "1988, said she would rebuild."
)
BAKERY_OTHER_WORDS = (  # the same fire, another outlet's own words
    "A family business that baked bread on Linden Street for three decades is gone. Crews were "
    "called at 4 a.m. Sunday and found the bakery burning; Okafor said the 45 firefighters at "
    "the scene could only protect the houses next door. Owner Rosa Lindqvist watched from "
    "across the road. Investigators will look for the cause on Monday."
)
GARAGE = (  # another fire that day, the same chief: same topic, another event
    "Firefighters put out a garage fire on Birch Lane on Sunday afternoon, the second call of a "
    "long day. Fire chief Marta Okafor said 12 firefighters kept the flames from spreading to "
    "the house and that a car parked inside was destroyed."
)


def briefing_with(
    text: str,
    title: str,
    source: str,
    who: tuple[str, ...],
    numbers: tuple[str, ...],
    day: dt.date = DAY,
) -> Briefing:
    b = briefing_of(text, title, source, who=who, day=day)
    figures = tuple(Fact(n, n, text, 1.0) for n in numbers)
    return replace(b, facts=replace(b.facts, numbers=figures))


def test_one_event_in_two_outlets_own_words_is_one_story_another_event_is_not() -> None:
    items = [
        briefing_with(
            BAKERY,
            "Fire destroys Linden Street bakery",
            "Gazette",
            ("Marta Okafor", "Linden Street", "Rosa Lindqvist"),
            ("45", "1988"),
        ),
        briefing_with(
            STADIUM, "Council approves stadium", "Lakeside News", ("Tom Becker",), ("80000000",)
        ),
        briefing_with(
            BAKERY_OTHER_WORDS,
            "Linden Street bakery lost after decades",
            "Wire",
            ("Okafor", "Linden Street", "Rosa Lindqvist"),
            ("45",),
        ),
        briefing_with(
            GARAGE, "Garage fire on Birch Lane", "Wire", ("Marta Okafor", "Birch Lane"), ("12",)
        ),
        briefing_with(VACCINE, "Malaria vaccine", "Science Desk", ("Amina Diallo",), ()),
        briefing_with(FLOOD, "River floods Riverton", "Riverton Post", ("Jane Alvarez",), ("300",)),
    ]
    # few words in common, but the street and the figure only these two name: one story;
    # the garage fire shares its chief with both and stays its own story
    stories = sorted(sorted(s.articles) for s in from_briefings(items, DAY).stories)
    assert stories == [[0, 2], [1], [3], [4], [5]]
    # told in other words four days apart, the same keys are not enough (a strike vote and
    # the deal that ends the strike)
    later = [
        *items[:2],
        replace(items[2], article=replace(items[2].article, published=DAY + dt.timedelta(days=4))),
        *items[3:],
    ]
    stories = sorted(sorted(s.articles) for s in from_briefings(later, DAY).stories)
    assert [0, 2] not in stories
    # nor when each dates its event to another day (two launches by one company)
    dated = list(items)
    for k, day in ((0, "2025-11-23"), (2, "2025-11-16")):
        when = (Fact("Sunday", day, items[k].article.text, 1.0),)
        dated[k] = replace(items[k], facts=replace(items[k].facts, when=when))
    stories = sorted(sorted(s.articles) for s in from_briefings(dated, DAY).stories)
    assert [0, 2] not in stories


def test_digest_merges_copies_into_one_story_listing_both_sources() -> None:
    articles = [
        Article(FLOOD, title="Flood waters reach Riverton", published=DAY, source="Riverton Post"),
        Article(STADIUM, title="Council approves stadium", published=DAY, source="Lakeside News"),
        Article(syndicated(FLOOD), title="Riverton flooded", published=DAY, source="Metro Wire"),
    ]
    d = digest(articles, DAY)
    assert len(d.stories) == 2 and d.read == 3 and d.merged == 1 and d.skipped == 0
    flood = next(s for s in d.stories if s.article_count == 2)
    assert {s.name for s in flood.sources} == {"Riverton Post", "Metro Wire"}
    assert flood.articles == (0, 2)
    assert flood.title == "Flood waters reach Riverton"  # the original leads, not the copy
    assert 1 <= len(flood.summary) <= 2
    for sentence in flood.summary:
        assert sentence.text in syndicated(FLOOD)
    assert any("Alvarez" in (f.value or f.text) for f in flood.who)
    data = d.to_dict()
    assert data["date"] == "2025-11-25" and len(data["stories"]) == 2


def test_a_chinese_article_is_a_story_not_a_title_only_headline(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write(
        folder / "zh.txt",
        "中国发布新一轮经济刺激政策\n\n"
        "北京消息。中国国务院周三宣布了一项规模达一万亿元人民币的经济刺激计划，"
        "旨在提振国内消费和基础设施投资。国务院总理李强表示，这一计划将“有力支撑经济稳定增长”。\n",
    )
    out, db = tmp_path / "out", tmp_path / "history.sqlite3"
    args = ["digest", str(folder), "--window", "all", "-o", str(out), "--db", str(db)]
    result = CliRunner().invoke(cli, [*args, "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(next(out.glob("digest-*.json")).read_text(encoding="utf-8"))
    assert data["headlines"] == []
    [story] = data["stories"]
    assert story["language"] == "zh" and story["title"] == "中国发布新一轮经济刺激政策"
    assert story["summary"][0]["text"].startswith("中国国务院周三宣布")


def test_empty_article_is_skipped_and_reported() -> None:
    seen: list[tuple[int, str]] = []
    d = digest(
        [Article(FLOOD, title="Flood"), Article("   ", title="Empty")],
        DAY,
        on_error=lambda i, a, e: seen.append((i, str(e))),
    )
    assert d.skipped == 1 and len(d.stories) == 1
    assert seen[0][0] == 1 and "no text" in seen[0][1]


# ------------------------------------------------------------------------ ranking


def test_story_with_three_sources_ranks_above_a_single_one() -> None:
    briefings = [
        briefing_of(STADIUM, "Stadium", "Lakeside News"),
        briefing_of(VACCINE, "Vaccine", "Science Daily"),
        briefing_of(FLOOD, "Flood", "Riverton Post"),
        briefing_of(syndicated(FLOOD), "Flood (Metro)", "Metro Wire"),
        briefing_of(edited(FLOOD), "Flood (Valley)", "Valley Herald"),
    ]
    d = from_briefings(briefings, DAY)
    top = d.stories[0]
    assert top.articles == (2, 3, 4) and top.source_count == 3
    assert top.title.startswith("Flood")
    assert top.score > d.stories[1].score
    assert dict(top.features)["sources"] > dict(d.stories[1].features)["sources"]


def test_recent_story_ranks_above_an_old_one() -> None:
    old = briefing_of(STADIUM, "Stadium", "Lakeside News", day=DAY - dt.timedelta(days=6))
    new = briefing_of(VACCINE, "Vaccine", "Science Daily", day=DAY)
    assert [s.title for s in from_briefings([old, new], DAY).stories] == ["Vaccine", "Stadium"]


def test_max_stories_keeps_the_best_and_says_how_many_were_left_out() -> None:
    rng = random.Random(3)
    briefings = [briefing_of(text, title, f"S{n}") for n in range(5) for title, text in
                 [random_article(rng, n)]]  # fmt: skip
    d = from_briefings(briefings, DAY, max_stories=3)
    assert len(d.stories) == 3 and d.dropped == 2
    assert "+ 2 more stories left out by --max-stories" in render_digest_markdown(d)


# ------------------------------------------------------------------ the one-page PDF


def test_thirty_stories_make_exactly_one_page_and_the_markdown_holds_all() -> None:
    rng = random.Random(11)
    briefings = []
    for n in range(30):
        title, text = random_article(rng, n)
        briefings.append(briefing_of(text, title, f"Outlet {n}"))
    d = from_briefings(briefings, DAY)
    assert len(d.stories) == 30
    md = render_digest_markdown(d)
    for b in briefings:
        assert b.title in md
    pdf = render_digest_pdf(d)
    reader = PdfReader(__import__("io").BytesIO(pdf))
    assert len(reader.pages) == 1
    page = " ".join(reader.pages[0].extract_text().split())
    shown = sum(b.title in page for b in briefings)
    assert 3 <= shown < 30
    assert f"+ {30 - shown} more stories in the Markdown" in page
    assert d.stories[0].title in page  # the best story is never cut
    assert render_digest_pdf(d) == pdf  # same digest, same bytes


# ----------------------------------------------------------------------------- CLI


@pytest.fixture()
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "flood.txt", f"Flood waters reach Riverton\n\n{FLOOD}")
    write(folder / "flood-wire.txt", f"Riverton flooded\n\n{syndicated(FLOOD)}")
    write(folder / "stadium.txt", f"Council approves stadium\n\n{STADIUM}")
    return folder


def test_cli_digest_is_idempotent_byte_for_byte(news: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "history.sqlite3"
    args = ["digest", str(news), "--date", "2025-11-25", "-o", str(out), "--db", str(db), "-q"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    md, pdf = out / "digest-2025-11-25.md", out / "digest-2025-11-25.pdf"
    before = md.read_bytes(), pdf.read_bytes()
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert (md.read_bytes(), pdf.read_bytes()) == before
    assert sorted(p.name for p in out.iterdir()) == [md.name, pdf.name]  # no temp files
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Daily digest — Tuesday 25 November 2025")
    assert text.count("\n## ") == 2 and "flood-wire.txt" in text
    assert len(PdfReader(pdf).pages) == 1


def test_broken_feed_is_skipped_reported_and_the_digest_still_written(
    news: Path, tmp_path: Path
) -> None:
    broken = write(tmp_path / "broken.xml", "<?xml version='1.0'?><rss><channel><item><title>")
    feed = write(
        tmp_path / "feed.xml",
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Vaccine Watch</title>"
        f"<item><title>Malaria vaccine works</title><description>{VACCINE}</description>"
        "<link>https://example.org/vaccine</link></item>"
        "<item><title>Empty entry</title></item></channel></rss>",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["digest", str(news), str(feed), str(broken), "--date", "2025-11-25", "-o", str(out),
         "--db", str(tmp_path / "h.sqlite3"), "--format", "md,json"],
    )  # fmt: skip
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1  # one line per bad input; a title-only entry is not an error
    assert "broken.xml" in errors[0]
    md = (out / "digest-2025-11-25.md").read_text(encoding="utf-8")
    assert "Malaria vaccine works" in md and "<https://example.org/vaccine>" in md
    assert "1 item was skipped" in md
    assert "1 skipped" in result.stderr and "3 stories" in result.stderr
    assert "1 headline," in result.stderr


def test_since_last_leaves_out_articles_an_earlier_digest_held(news: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "h.sqlite3"
    base = ["-o", str(out), "--db", str(db), "-q", "--format", "md"]
    assert (
        CliRunner().invoke(cli, ["digest", str(news), "--date", "2025-11-24", *base]).exit_code == 0
    )
    write(news / "vaccine.txt", f"Malaria vaccine works\n\n{VACCINE}")
    args = ["digest", str(news), "--date", "2025-11-25", "--since-last", *base]
    assert CliRunner().invoke(cli, args).exit_code == 0
    md = (out / "digest-2025-11-25.md").read_text(encoding="utf-8")
    assert "Malaria vaccine works" in md
    assert "Riverton" not in md and "stadium" not in md.lower()
    again = (out / "digest-2025-11-25.md").read_bytes()
    assert CliRunner().invoke(cli, args).exit_code == 0  # re-running the day: same digest
    assert (out / "digest-2025-11-25.md").read_bytes() == again
    with sqlite3.connect(db) as con:
        rows = dict(con.execute("SELECT title, first_seen FROM articles").fetchall())
        dates = [r[0] for r in con.execute("SELECT date FROM digests ORDER BY date")]
    assert rows["Malaria vaccine works"] == "2025-11-25"
    assert rows["Council approves stadium"] == "2025-11-24"
    assert dates == ["2025-11-24", "2025-11-25"]


def title_feed(path: Path, items: list[tuple[str, str, str]]) -> Path:
    """An RSS feed of title-only entries: (title, link, pubDate) each."""
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>{day}</pubDate></item>"
        for title, link, day in items
    )
    return write(
        path,
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Notes</title>"
        f"{entries}</channel></rss>",
    )


def test_since_last_leaves_out_headlines_an_earlier_digest_listed(tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "h.sqlite3"
    base = ["-o", str(out), "--db", str(db), "--format", "md", "--window", "7d", "--since-last"]
    ferry = ("Ferry strike ends", "https://harbour.example/ferry", "Mon, 24 Nov 2025 08:00:00 GMT")
    zoo = ("Zoo welcomes a panda", "https://harbour.example/zoo", "Tue, 25 Nov 2025 08:00:00 GMT")
    # a feed whose every entry links to its front page: the titles tell them apart
    v1 = ("Version 1.0 released", "https://www.tools.example/", "Tue, 25 Nov 2025 09:00:00 GMT")
    v2 = ("Version 1.1 released", "https://tools.example", "Wed, 26 Nov 2025 09:00:00 GMT")
    bridge = ("Bridge reopens", "https://harbour.example/bridge", "Wed, 26 Nov 2025 07:00:00 GMT")
    feed = title_feed(tmp_path / "harbour.xml", [ferry, zoo, v1])
    first = CliRunner().invoke(cli, ["digest", str(feed), "--date", "2025-11-25", *base])
    assert first.exit_code == 0, first.output
    day1 = (out / "digest-2025-11-25.md").read_text(encoding="utf-8")
    assert all(item[0] in day1 for item in (ferry, zoo, v1))

    tracked = (zoo[0], zoo[1] + "?utm_source=rss", zoo[2])  # the same link, tracked
    title_feed(tmp_path / "harbour.xml", [ferry, tracked, v1, v2, bridge])
    args = ["digest", str(feed), "--date", "2025-11-26", *base]
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    md = out / "digest-2025-11-26.md"
    day2 = md.read_text(encoding="utf-8")
    assert "Bridge reopens" in day2 and "Version 1.1" in day2
    assert not [t for t in (ferry[0], zoo[0], v1[0]) if t in day2]
    assert "3 already in an earlier digest" in day2
    assert "3 already in an earlier digest" in second.stderr and "2 headlines" in second.stderr
    again = md.read_bytes()
    assert CliRunner().invoke(cli, args).exit_code == 0  # re-running the day: same page
    assert md.read_bytes() == again
    with sqlite3.connect(db) as con:
        listed = con.execute("SELECT date, count(*) FROM digest_headlines GROUP BY date")
        assert listed.fetchall() == [("2025-11-25", 3), ("2025-11-26", 2)]
    con.close()


def test_pool_of_two_workers_gives_the_same_digest_as_one_process() -> None:
    rng = random.Random(5)
    articles = []
    for n in range(24):
        title, text = random_article(rng, n)
        articles.append(Article(text, title=title, published=DAY, source=f"S{n % 5}"))
    articles.append(Article(syndicated(articles[0].text), title="copy", source="Metro Wire"))
    pooled = digest(articles, DAY, workers=2, pool_threshold=20)
    single = digest(articles, DAY, workers=1)
    assert pooled == single
    assert len(pooled.stories) == 24 and pooled.merged == 1


# ----------------------------------------------------------------------- crash safety


def _spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "briefing", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for_pause(proc: subprocess.Popen[str], timeout: float = 60) -> None:
    assert proc.stderr is not None
    deadline = time.monotonic() + timeout
    for line in proc.stderr:
        if line.startswith("paused at"):
            return
        assert time.monotonic() < deadline, "the run never reached its pause point"
    pytest.fail("the run ended before its pause point")


def test_sigkill_at_any_moment_leaves_outputs_and_history_intact(
    news: Path, tmp_path: Path
) -> None:
    out, db = tmp_path / "out", tmp_path / "h.sqlite3"
    args = ["digest", str(news), "--date", "2025-11-25", "-o", str(out), "--db", str(db), "-q"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    names = ("digest-2025-11-25.md", "digest-2025-11-25.pdf")
    old = {n: (out / n).read_bytes() for n in names}
    # The next runs have one more article, so their files differ from the old ones.
    write(news / "vaccine.txt", f"Malaria vaccine works\n\n{VACCINE}")

    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    after_kills: list[dict[str, bytes]] = []
    # Killed at fixed points (the run pauses there and says so): after writing the files,
    # inside the history transaction, and before anything is written.
    for stage in ("digest:outputs-written", "store:before-commit", "digest:loaded"):
        proc = _spawn(args, {**env, "BRIEFING_TEST_PAUSE_AT": stage})
        _wait_for_pause(proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after_kills.append({n: (out / n).read_bytes() for n in names})
        assert not [p for p in out.iterdir() if p.name not in names and not p.name.startswith(".")]
        with sqlite3.connect(db) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            runs = con.execute("SELECT runs, article_count FROM digests").fetchall()
        assert runs == [(1, 3)]  # the killed run never committed
    final = CliRunner().invoke(cli, args)  # and the next run succeeds
    assert final.exit_code == 0
    new = {n: (out / n).read_bytes() for n in names}
    assert new != old
    for state in after_kills:  # each file was whole: the old version or the new, never a mix
        for n in names:
            assert state[n] in (old[n], new[n])
    assert after_kills[0] == new  # paused after writing: the files were already the new ones
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT runs, article_count FROM digests").fetchall() == [(2, 4)]


def test_digest_refuses_another_applications_sqlite_file_as_its_history(
    news: Path, tmp_path: Path
) -> None:
    other = tmp_path / "app.sqlite"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE runs (x)")
    con.close()
    before = other.read_bytes()
    out = tmp_path / "out"
    args = ["digest", str(news), "--date", "2025-11-25", "-o", str(out), "--db", str(other)]
    result = CliRunner().invoke(cli, [*args, "-q", "--format", "md"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "app.sqlite" in errors[0] and "another --db" in errors[0]
    assert "Traceback" not in result.output
    assert other.read_bytes() == before  # not a table, not even WAL mode written into it
    assert (out / "digest-2025-11-25.md").exists()  # the digest is made without history


def test_digest_takes_max_bytes_and_counts_in_words(news: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["digest", str(news / "stadium.txt"), "--date", "2025-11-25", "-o", str(out)]
    args += ["--db", str(tmp_path / "h.db"), "--format", "md"]
    one = CliRunner().invoke(cli, args)
    assert one.exit_code == 0, one.output
    assert "1 article read" in one.stderr and "1 story ->" in one.stderr
    capped = CliRunner().invoke(cli, [*args, "--max-bytes", "100"])
    assert capped.exit_code == 1
    assert "is over the 100 bytes limit" in capped.stderr and "--max-bytes" in capped.stderr
    bad = CliRunner().invoke(cli, [*args, "--max-bytes", "lots"])
    assert bad.exit_code == 2 and "--max-bytes" in bad.stderr


def test_an_empty_feed_is_no_problem_for_the_digest(news: Path, tmp_path: Path) -> None:
    empty = write(
        tmp_path / "empty.xml",
        '<rss version="2.0"><channel><title>E</title><link>http://e/</link>'
        "<description>d</description></channel></rss>",
    )
    out = tmp_path / "out"
    args = ["digest", str(news), str(empty), "--date", "2025-11-25", "-o", str(out)]
    result = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / "h.db"), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "error" not in result.stderr
    assert "1 feed with no entries" in result.stderr
    assert (out / "digest-2025-11-25.md").read_text(encoding="utf-8").count("\n## ") == 2


@pytest.mark.parametrize(
    ("value", "named"),
    [("xx,en", "'xx'"), ("", "names no language"), (" , ", "names no language")],
)
def test_an_unknown_or_empty_lang_is_a_usage_error_before_any_work(
    news: Path, tmp_path: Path, value: str, named: str
) -> None:
    out = tmp_path / "out"
    args = ["digest", str(news), "-o", str(out), "--db", str(tmp_path / "h.db"), "-q"]
    result = CliRunner().invoke(cli, [*args, "--lang", value])
    assert result.exit_code == 2
    assert "--lang" in result.stderr and named in result.stderr
    assert not out.exists()


def test_lang_accepts_real_iso_639_1_codes_in_any_case() -> None:
    from briefing.digest.window import parse_languages

    assert parse_languages("EN, fr,nl") == frozenset({"en", "fr", "nl"})
    assert parse_languages(None) is None


@pytest.mark.parametrize(
    ("left_out", "skipped", "headlines", "why"),
    [
        ((("seen", 3),), 0, (), "nothing new since the last digest"),
        ((("older", 2),), 0, (), "no entry falls in the window (since 2025-11-24 07:00 UTC)"),
        ((("language", 1),), 0, (), "no entry is in the languages asked for"),
        (
            (("older", 2), ("seen", 3)),
            0,
            (Headline("Title only"),),
            "nothing new since the last digest; no other entry falls in the window "
            "(since 2025-11-24 07:00 UTC); no other entry has text of its own (see the "
            "headlines)",
        ),
        ((), 2, (), "no article could be read"),
        ((), 0, (), "the inputs hold no article"),
    ],
)
def test_an_empty_digest_says_why_it_is_empty(
    left_out: tuple[tuple[str, int], ...], skipped: int, headlines: tuple[Headline, ...], why: str
) -> None:
    d = Digest(
        "Daily digest",
        DAY,
        (),
        skipped=skipped,
        headlines=headlines,
        left_out=left_out,
        window="since 2025-11-24 07:00 UTC",
    )
    assert f"*No stories: {why}.*" in render_digest_markdown(d)
    assert f"No stories: {why}." in render_digest_html(d)


def test_an_input_named_twice_is_read_once(news: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "h.sqlite3"
    again = os.path.join(str(news), ".")  # the same folder by another name
    args = ["digest", str(news), again, "--date", "2025-11-25", "--format", "md"]
    result = CliRunner().invoke(cli, [*args, "-o", str(out), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    md = (out / "digest-2025-11-25.md").read_text(encoding="utf-8")
    assert "from 3 articles · 1 merged" in md


def test_the_html_digest_spaces_a_sources_article_count_from_its_name() -> None:
    articles = [
        Article(FLOOD, title="Flood waters reach Riverton", published=DAY, source="Riverton Post"),
        Article(syndicated(FLOOD), title="Riverton flooded", published=DAY, source="Riverton Post"),
    ]
    html = render_digest_html(digest(articles, DAY))
    assert "Riverton Post <span" in html and "(2 articles)" in html


def test_an_opml_files_relative_feeds_are_read_from_its_folder(news: Path, tmp_path: Path) -> None:
    outlines = "".join(f'<outline text="{n}" xmlUrl="{n}"/>' for n in ("flood.txt", "gone.xml"))
    opml = write(
        news / "subs.opml",
        f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>',
    )
    out, db = tmp_path / "out", tmp_path / "h.sqlite3"
    args = ["digest", "--opml", str(opml), "--date", "2025-11-25", "--format", "md", "-q"]
    result = CliRunner().invoke(cli, [*args, "-o", str(out), "--db", str(db)])
    assert result.exit_code == 1  # the missing feed, named with the list that names it
    assert "Flood waters reach Riverton" in (out / "digest-2025-11-25.md").read_text("utf-8")
    problem = [line for line in result.stderr.splitlines() if "gone.xml" in line]
    assert len(problem) == 1 and str(news / "gone.xml") in problem[0] and str(opml) in problem[0]
