"""The SQLite history: migrations, one transaction per run, what counts as seen before."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.models import Article, Headline
from briefing.store import MIGRATIONS, History, content_hash, inputs_hash

D1, D2, D3 = dt.date(2025, 11, 24), dt.date(2025, 11, 25), dt.date(2025, 11, 26)
A = Article("Rain flooded Riverton on Tuesday.", title="Flood", url="https://x.org/flood")
B = Article("Lakeside approved a stadium.", title="Stadium")
C = Article("A malaria vaccine worked in a trial.", title="Vaccine", url="https://x.org/vax")


def record(h: History, date: dt.date, articles: list[Article]) -> None:
    h.record(date, articles, paths=["/out/d.md"], inputs="x", story_count=len(articles), skipped=0)


def test_a_new_database_gets_every_migration_once(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "history.sqlite3"
    with History(path) as h:
        assert h.applied_migrations() == [name for name, _ in MIGRATIONS]
        assert h.integrity_check() == "ok"
    with History(path) as h:
        assert h.migrate() == []  # nothing left to apply
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "digests", "digest_articles", "migrations"} <= tables


def test_record_keeps_the_first_date_an_article_was_seen(tmp_path: Path) -> None:
    with History(tmp_path / "h.db") as h:
        record(h, D2, [A, B])
        record(h, D1, [A])
        record(h, D3, [A, C])
        rows = {r.title: (r.first_seen, r.last_seen) for r in h.articles()}
        assert rows == {"Flood": (D1, D3), "Stadium": (D2, D2), "Vaccine": (D3, D3)}
        assert [r.title for r in h.articles(D3)] == ["Flood", "Vaccine"]
        assert [d.date for d in h.digests()] == [D1, D2, D3]


def test_rerunning_a_date_replaces_its_record(tmp_path: Path) -> None:
    with History(tmp_path / "h.db") as h:
        record(h, D2, [A, B])
        record(h, D2, [A])
        (digest,) = h.digests()
        assert digest.runs == 2 and digest.article_count == 1
        assert digest.paths == ("/out/d.md",)
        assert [r.title for r in h.articles(D2)] == ["Flood"]


def test_seen_before_counts_only_earlier_dates_by_text_or_url(tmp_path: Path) -> None:
    with History(tmp_path / "h.db") as h:
        record(h, D2, [A, B])
        assert h.seen_before([A, B, C], D2) == [False, False, False]  # the same day: not before
        assert h.seen_before([A, B, C], D3) == [True, True, False]
        respaced = Article("  rain FLOODED  Riverton\non Tuesday. ", title="other title")
        assert h.seen_before([respaced], D3) == [True]  # same normalised text
        moved = Article("An update: the water fell.", url="https://x.org/flood")
        assert h.seen_before([moved], D3) == [True]  # same URL


def test_a_failed_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    with History(tmp_path / "h.db") as h:
        with pytest.raises(RuntimeError), h.transaction() as db:
            db.execute(
                "INSERT INTO articles VALUES ('h', NULL, 't', '2025-11-25', '2025-11-25', 'now')"
            )
            raise RuntimeError("boom")
        assert h.articles() == []


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("these are my notes, not a database\n" * 200, encoding="utf-8")
    with pytest.raises(BriefingError, match=r"notes\.sqlite3: not a usable .* --db"):
        History(bad)


def test_content_hash_ignores_case_and_spacing_only() -> None:
    assert content_hash("Rain  fell.\nHard.") == content_hash("rain fell. hard.")
    assert content_hash("Rain fell.") != content_hash("Rain fell!")
    assert inputs_hash(["a", "b"], 3) != inputs_hash(["b", "a"], 3) != inputs_hash(["a", "b"], 4)


def test_the_fetch_cache_keeps_validators_and_bodies_across_runs(tmp_path: Path) -> None:
    from briefing.load.fetch import Page

    page = Page("https://x.org/a", "https://x.org/a/", b"<html>hi</html>",
                content_type="text/html", etag='"v1"', last_modified=None)  # fmt: skip
    with History(tmp_path / "h.db") as h:
        assert h.get("https://x.org/a") is None
        h.put("https://x.org/a", page)
        h.put("https://x.org/b", Page("https://x.org/b", "https://x.org/b", b"no validator"))
    with History(tmp_path / "h.db") as h:
        got = h.get("https://x.org/a")
        assert got is not None and got.body == page.body and got.etag == '"v1"'
        assert got.final_url == "https://x.org/a/" and got.content_type == "text/html"
        assert h.get("https://x.org/b") is None  # nothing to revalidate with: not kept


def test_last_digest_before_a_date_is_its_run_time_capped_at_its_day(tmp_path: Path) -> None:
    with History(tmp_path / "h.db") as h:
        assert h.last_digest_before(D2) is None
        record(h, D1, [A])
        last = h.last_digest_before(D2)
        end_of_d1 = dt.datetime(2025, 11, 25, tzinfo=dt.UTC)
        assert last is not None and last <= end_of_d1  # made "now", for a past day
        assert h.last_digest_before(D1) is None
        assert h.digest_for(D1) is not None and h.digest_for(D2) is None


def test_another_applications_sqlite_database_is_refused_and_left_untouched(
    tmp_path: Path,
) -> None:
    other = tmp_path / "app.sqlite"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE runs (x)")
        con.execute("INSERT INTO runs VALUES (1)")
    con.close()
    before = other.read_bytes()
    with pytest.raises(BriefingError, match=r"app\.sqlite: .*another application.*--db"):
        History(other)
    assert other.read_bytes() == before
    with sqlite3.connect(other) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert tables == {"runs"}


def test_a_database_with_someone_elses_migrations_table_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "app.sqlite"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE migrations (id INTEGER, version TEXT)")
        con.execute("CREATE TABLE users (id INTEGER)")
    con.close()
    with pytest.raises(BriefingError, match=r"another application"):
        History(other)


def test_our_own_history_is_still_opened(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    with History(path) as h:
        record(h, D1, [A])
    with History(path) as h:
        assert [r.url for r in h.articles()] == [A.url]


# --------------------------------------------------------------------------- headlines

H1 = ("x.org/ferry", Headline("Ferry strike called off", "https://x.org/ferry", "Harbour News"))
H2 = ("x.org/zoo", Headline("Zoo welcomes a panda", "https://x.org/zoo", "Harbour News"))


def test_headlines_count_as_sent_only_from_earlier_dates_as_last_recorded(
    tmp_path: Path,
) -> None:
    with History(tmp_path / "h.db") as h:
        h.record(D1, [A], paths=[], inputs="x", story_count=1, skipped=0, headlines=[H1, H2])
        assert h.headlines_sent_before(["x.org/ferry", "x.org/zoo"], D1) == [False, False]
        assert h.headlines_sent_before(["x.org/ferry", "x.org/zoo", "new"], D2) == [
            True, True, False,
        ]  # fmt: skip
        # re-running D1 without the zoo replaces that day's list: the zoo was never sent
        h.record(D1, [A], paths=[], inputs="x", story_count=1, skipped=0, headlines=[H1])
        assert h.headlines_sent_before(["x.org/ferry", "x.org/zoo"], D2) == [True, False]
        h.record(D3, [], paths=[], inputs="y", story_count=0, skipped=0, headlines=[H1])
        (row,) = h.headlines()
        assert (row.title, row.first_sent, row.last_sent) == (H1[1].title, D1, D3)
        assert [r.key for r in h.headlines(D3)] == ["x.org/ferry"]


def test_a_failed_record_leaves_no_headline_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(stage: str) -> None:
        raise RuntimeError(stage)

    with History(tmp_path / "h.db") as h:
        monkeypatch.setattr("briefing.store.checkpoint", boom)
        with pytest.raises(RuntimeError):
            h.record(D1, [A], paths=[], inputs="x", story_count=1, skipped=0, headlines=[H1])
        assert h.headlines() == [] and h.digests() == []
        assert h.headlines_sent_before(["x.org/ferry"], D2) == [False]


def test_a_history_of_the_old_schema_is_migrated_in_place_keeping_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    old = tuple(m for m in MIGRATIONS if m[0] != "0004_headlines")
    monkeypatch.setattr("briefing.store.MIGRATIONS", old)
    History(path).close()  # the schema as it was before headlines were kept, and its rows:
    monkeypatch.undo()
    with sqlite3.connect(path) as con:
        con.execute(
            "INSERT INTO digests VALUES ('2025-11-24', '[]', 'x', 2, 2, 0, 1, 'then', 'then')"
        )
        for article in (A, B):
            key = content_hash(article.text)
            con.execute(
                "INSERT INTO articles VALUES (?, ?, ?, '2025-11-24', '2025-11-24', 'then')",
                (key, article.url, article.title),
            )
            con.execute("INSERT INTO digest_articles VALUES ('2025-11-24', ?, 0)", (key,))
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "headlines" not in tables
    with History(path) as h:
        assert h.applied_migrations() == [name for name, _ in MIGRATIONS]
        assert sorted(r.title for r in h.articles(D1) if r.title) == ["Flood", "Stadium"]
        assert h.seen_before([A, C], D2) == [True, False]
        h.record(D2, [C], paths=[], inputs="y", story_count=1, skipped=0, headlines=[H1])
        assert h.headlines_sent_before(["x.org/ferry"], D3) == [True]
        assert [d.date for d in h.digests()] == [D1, D2] and h.integrity_check() == "ok"


def test_another_applications_headlines_table_is_not_taken_for_ours(tmp_path: Path) -> None:
    other = tmp_path / "reader.sqlite"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE headlines (id INTEGER, title TEXT)")
    con.close()
    before = other.read_bytes()
    with pytest.raises(BriefingError, match=r"another application"):
        History(other)
    assert other.read_bytes() == before
