"""The digest history in SQLite: which articles were seen when, and which digests were made.

Tables: ``articles`` (content hash, url, title, the digest date it was first and last seen),
``digests`` (one row per digest date: output paths, a hash of its inputs, counts, times),
``digest_articles`` (which articles went into which digest), ``headlines`` and
``digest_headlines`` (the title-only entries listed, by a key the caller gives: the
canonical URL, else the content hash of the title; and which digest listed them) and
``migrations`` (the named schema steps already applied, each in its own transaction, as
sqlite-utils does). A history made before a step is migrated in place when opened.

Crash safety: the database runs in WAL mode with ``synchronous=FULL`` and a digest run is
recorded in one transaction (:meth:`History.record`), after its output files have been
written atomically. A run killed at any moment therefore leaves either the old record or the
new one, and the outputs on disk are always whole files. Wall-clock times live only here,
never in the outputs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import sys
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .errors import BriefingError
from .models import Article, Headline

if TYPE_CHECKING:
    from .load.fetch import Page

#: Named schema steps, applied in order and recorded in ``migrations``. Append only.
MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "0001_articles",
        (
            """CREATE TABLE articles (
                content_hash TEXT PRIMARY KEY,
                url TEXT,
                title TEXT,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                recorded_at TEXT NOT NULL
            )""",
            "CREATE INDEX articles_url ON articles (url)",
            "CREATE INDEX articles_first_seen ON articles (first_seen)",
        ),
    ),
    (
        "0002_digests",
        (
            """CREATE TABLE digests (
                date TEXT PRIMARY KEY,
                paths TEXT NOT NULL,
                inputs_hash TEXT NOT NULL,
                article_count INTEGER NOT NULL,
                story_count INTEGER NOT NULL,
                skipped INTEGER NOT NULL,
                runs INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            """CREATE TABLE digest_articles (
                date TEXT NOT NULL REFERENCES digests (date) ON DELETE CASCADE,
                content_hash TEXT NOT NULL REFERENCES articles (content_hash),
                position INTEGER NOT NULL,
                PRIMARY KEY (date, content_hash)
            )""",
        ),
    ),
    (
        "0003_http_cache",
        (
            """CREATE TABLE http_cache (
                url TEXT PRIMARY KEY,
                final_url TEXT NOT NULL,
                etag TEXT,
                last_modified TEXT,
                content_type TEXT,
                body BLOB NOT NULL,
                stored_at TEXT NOT NULL
            )""",
        ),
    ),
    (
        "0004_headlines",
        (
            """CREATE TABLE headlines (
                key TEXT PRIMARY KEY,
                url TEXT,
                title TEXT NOT NULL,
                source TEXT,
                recorded_at TEXT NOT NULL
            )""",
            """CREATE TABLE digest_headlines (
                date TEXT NOT NULL REFERENCES digests (date) ON DELETE CASCADE,
                key TEXT NOT NULL REFERENCES headlines (key),
                position INTEGER NOT NULL,
                PRIMARY KEY (date, key)
            )""",
            "CREATE INDEX digest_headlines_key ON digest_headlines (key)",
        ),
    ),
    (
        "0005_input_reads",
        (
            # each input a digest run tried: read (ok = 1) or failed, and where that run's
            # window started, so a feed that failed catches up on its next good run
            """CREATE TABLE digest_inputs (
                date TEXT NOT NULL REFERENCES digests (date) ON DELETE CASCADE,
                input TEXT NOT NULL,
                ok INTEGER NOT NULL,
                window_start TEXT,
                PRIMARY KEY (date, input)
            )""",
            "CREATE INDEX digest_inputs_input ON digest_inputs (input)",
        ),
    ),
)

_SPACE = re.compile(r"\s+")
_PAUSE_ENV = "BRIEFING_TEST_PAUSE_AT"


def checkpoint(stage: str) -> None:
    """A hook for the crash tests: when ``BRIEFING_TEST_PAUSE_AT`` names ``stage``, say so
    on stderr and sleep, so that a test can kill the process exactly there. No-op otherwise.
    """
    if os.environ.get(_PAUSE_ENV) == stage:
        print(f"paused at {stage}", file=sys.stderr, flush=True)
        time.sleep(600)


def normalize_for_hash(text: str) -> str:
    """Text as compared for identity: NFKC, case-folded, whitespace runs as single spaces."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def content_hash(text: str) -> str:
    """The sha256 hex digest of the normalised article text."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


def inputs_hash(hashes: Iterable[str], *options: object) -> str:
    """A sha256 over the articles' content hashes in order, plus the options that shape output."""
    h = hashlib.sha256()
    for item in hashes:
        h.update(item.encode("ascii"))
        h.update(b"\n")
    h.update(json.dumps([str(o) for o in options]).encode("utf-8"))
    return h.hexdigest()


def database_error(path: Path, exc: BaseException, doing: str) -> BriefingError:
    """A one-line error for an SQLite failure on the history ``path`` while ``doing``
    something, naming a safe fix: a full disk is never taken for a damaged file (moving a
    history away is only suggested when the file itself is bad, and then kept as a copy)."""
    text = str(exc)
    lowered = text.lower()
    full = getattr(exc, "errno", None) == 28 or getattr(exc, "sqlite_errorcode", None) == 13
    if full or "disk is full" in lowered or "no space left" in lowered:
        return BriefingError(
            f"{path}: the disk holding the history database is full ({text}) while {doing}; "
            "the history itself is unharmed: free some space and run again"
        )
    if "not a database" in lowered:
        return BriefingError(
            f"{path}: not a usable history database: it is not an SQLite file ({text}); "
            "pass another --db (this file is left untouched)"
        )
    damaged = "malformed" in lowered or "corrupt" in lowered
    if damaged or (
        isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)
    ):
        return BriefingError(
            f"{path}: the history database is damaged ({text}) while {doing}; keep the file, "
            f"recover what it holds with `sqlite3 {path} .recover | sqlite3 {path}.recovered` "
            f"and pass --db {path}.recovered (or another --db to start a new history)"
        )
    return BriefingError(
        f"{path}: cannot use the history database ({text}) while {doing}; check the disk "
        "and the file's permissions, or pass another --db"
    )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class DigestRecord:
    """One row of ``digests``."""

    date: dt.date
    paths: tuple[str, ...]
    inputs_hash: str
    article_count: int
    story_count: int
    skipped: int
    runs: int
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One row of ``articles``."""

    content_hash: str
    url: str | None
    title: str | None
    first_seen: dt.date
    last_seen: dt.date


@dataclass(frozen=True, slots=True)
class HeadlineRecord:
    """One row of ``headlines``, with the first and last digest dates that listed it."""

    key: str
    url: str | None
    title: str
    source: str | None
    first_sent: dt.date
    last_sent: dt.date


class History:
    """An open history database (created and migrated on first use). Close it when done."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser()
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                self.path, isolation_level=None, timeout=30.0, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            if isinstance(exc, OSError) and exc.errno == 28:
                raise database_error(self.path, exc, "opening it") from exc
            raise BriefingError(
                f"{self.path}: cannot open the history database ({exc}); "
                "pass a writable path with --db"
            ) from exc
        try:
            self._refuse_foreign()  # before the first write: WAL mode alone changes the file
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except BriefingError:
            self._db.close()
            raise
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise database_error(self.path, exc, "opening it") from exc

    # -- plumbing ------------------------------------------------------------------------

    def _refuse_foreign(self) -> None:
        """Raise when the file is another application's SQLite database: it has tables but
        none of our recorded migrations, so migrating would write our tables into it."""
        tables = sorted(
            str(row[0])
            for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not str(row[0]).startswith("sqlite_")
        )
        if not [t for t in tables if t != "migrations"]:
            return  # a new file, or one killed before its first migration
        recorded: set[str] = set()
        if "migrations" in tables:
            with contextlib.suppress(sqlite3.OperationalError):  # someone else's migrations
                recorded = {str(r[0]) for r in self._db.execute("SELECT name FROM migrations")}
        if recorded & {name for name, _ in MIGRATIONS}:
            return
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise BriefingError(
            f"{self.path}: not a usable history database: it is another application's SQLite "
            f"database (tables {shown}); pass another --db (this file is left untouched)"
        )

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): committed on success, else rolled back."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def migrate(self) -> list[str]:
        """Apply the schema steps not yet recorded, each in its own transaction; their names."""
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS migrations "
            "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        applied = []
        for name, statements in MIGRATIONS:
            with self.transaction() as db:
                if db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    continue
                for statement in statements:
                    db.execute(statement)
                db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
                applied.append(name)
        return applied

    def applied_migrations(self) -> list[str]:
        """The names of the schema steps applied, in order."""
        rows = self._db.execute("SELECT name FROM migrations ORDER BY name").fetchall()
        return [str(r[0]) for r in rows]

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` verdict ("ok" when sound)."""
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    # -- queries -------------------------------------------------------------------------

    def last_digest_before(self, date: dt.date) -> dt.datetime | None:
        """When the last digest dated before ``date`` was made (UTC), or None.

        The time is that run's, capped at the end of its own date (a digest made later
        for a past day does not hide that day's evening entries).
        """
        try:
            row = self._db.execute(
                "SELECT date, updated_at FROM digests WHERE date < ? ORDER BY date DESC LIMIT 1",
                (date.isoformat(),),
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            raise database_error(self.path, exc, "reading the last digest") from exc
        if row is None:
            return None
        end = dt.datetime.combine(
            dt.date.fromisoformat(row[0]) + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC
        )
        made = dt.datetime.fromisoformat(row[1])
        made = made if made.tzinfo else made.replace(tzinfo=dt.UTC)
        return min(made, end)

    def catch_up_start(self, input_name: str, date: dt.date) -> dt.datetime | None:
        """Where the window of ``input_name`` starts when the digests before ``date`` failed
        to read it: the window start of the first of those failed runs since its last good
        read (its entries of those days were never shown). None when its last recorded
        run read it, or none did."""
        try:
            rows = self._db.execute(
                """SELECT ok, window_start FROM digest_inputs
                   WHERE input = ? AND date < ? ORDER BY date DESC""",
                (input_name, date.isoformat()),
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise database_error(self.path, exc, "reading the inputs of earlier digests") from exc
        start: dt.datetime | None = None
        for ok, window_start in rows:
            if ok or window_start is None:
                break
            start = dt.datetime.fromisoformat(window_start)
        return start

    def digest_for(self, date: dt.date) -> DigestRecord | None:
        """The recorded digest of ``date``, or None."""
        return next((r for r in self.digests() if r.date == date), None)

    # -- the conditional-GET cache of the fetcher (a briefing.load.fetch.PageCache) ---------

    def get(self, url: str) -> Page | None:
        """The stored page of ``url`` (with its ETag / Last-Modified), or None."""
        from .load.fetch import Page

        with self._lock:
            try:
                row = self._db.execute(
                    "SELECT final_url, etag, last_modified, content_type, body "
                    "FROM http_cache WHERE url = ?",
                    (url,),
                ).fetchone()
            except sqlite3.Error:
                return None  # a cache that cannot be read only costs a download
        if row is None:
            return None
        return Page(url, row[0], bytes(row[4]), content_type=row[3], etag=row[1],
                    last_modified=row[2])  # fmt: skip

    def put(self, url: str, page: Page) -> None:
        """Keep ``page`` (body and validators) for the next conditional GET of ``url``."""
        if page.etag is None and page.last_modified is None:
            return
        # best effort: the page was downloaded; the next run downloads it again
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._db.execute(
                    "INSERT OR REPLACE INTO http_cache VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (url, page.final_url, page.etag, page.last_modified, page.content_type,
                     page.body, _now()),
                )  # fmt: skip

    def seen_before(self, articles: Sequence[Article], date: dt.date) -> list[bool]:
        """For each article, whether a digest dated before ``date`` already held it.

        An article is known by its content hash, or by its URL when it has one. Digests for
        ``date`` itself do not count, so re-running a day gives the same digest.
        """
        hashes = [content_hash(a.text) for a in articles]
        day = date.isoformat()
        try:
            known_hashes = self._known("content_hash", hashes, day)
            known_urls = self._known("url", [a.url for a in articles if a.url], day)
        except sqlite3.DatabaseError as exc:
            raise database_error(self.path, exc, "reading which articles were seen") from exc
        return [
            h in known_hashes or (a.url is not None and a.url in known_urls)
            for h, a in zip(hashes, articles, strict=True)
        ]

    def headlines_sent_before(self, keys: Sequence[str], date: dt.date) -> list[bool]:
        """For each headline key, whether a digest dated before ``date`` listed it.

        Only the digests as last recorded count (a re-run replaces its date's list), and
        not the digest of ``date`` itself, so re-running a day gives the same digest.
        """
        try:
            known = self._known(
                "key", list(keys), date.isoformat(), table="digest_headlines", dated="date"
            )
        except sqlite3.DatabaseError as exc:
            raise database_error(self.path, exc, "reading which headlines were sent") from exc
        return [k in known for k in keys]

    def _known(
        self,
        column: str,
        values: list[str],
        day: str,
        *,
        table: str = "articles",
        dated: str = "first_seen",
    ) -> set[str]:
        """The ``values`` of ``column`` in ``table`` on a row dated (``dated``) before ``day``."""
        found: set[str] = set()
        unique = sorted(set(values))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT {column} FROM {table} WHERE {dated} < ? AND {column} IN ({marks})",
                (day, *chunk),
            )
            found.update(str(r[0]) for r in rows)
        return found

    def digests(self) -> list[DigestRecord]:
        """Every recorded digest, oldest date first."""
        rows = self._db.execute(
            "SELECT date, paths, inputs_hash, article_count, story_count, skipped, runs, "
            "created_at, updated_at FROM digests ORDER BY date"
        ).fetchall()
        return [
            DigestRecord(
                dt.date.fromisoformat(r[0]),
                tuple(json.loads(r[1])),
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
            )
            for r in rows
        ]

    def articles(self, date: dt.date | None = None) -> list[ArticleRecord]:
        """The recorded articles (those in the digest for ``date`` when given), by first sight."""
        sql = "SELECT a.content_hash, a.url, a.title, a.first_seen, a.last_seen FROM articles a"
        params: tuple[str, ...] = ()
        if date is not None:
            sql += " JOIN digest_articles d ON d.content_hash = a.content_hash WHERE d.date = ?"
            params = (date.isoformat(),)
        rows = self._db.execute(sql + " ORDER BY a.first_seen, a.content_hash", params)
        return [
            ArticleRecord(
                r[0], r[1], r[2], dt.date.fromisoformat(r[3]), dt.date.fromisoformat(r[4])
            )
            for r in rows
        ]

    def headlines(self, date: dt.date | None = None) -> list[HeadlineRecord]:
        """The headlines digests listed (those of the digest for ``date`` when given), by
        the date first listed, then key."""
        where, params = ("WHERE d.date = ?", (date.isoformat(),)) if date else ("", ())
        rows = self._db.execute(
            "SELECT h.key, h.url, h.title, h.source, min(a.date), max(a.date) FROM headlines h "
            "JOIN digest_headlines a ON a.key = h.key "
            f"JOIN digest_headlines d ON d.key = h.key {where} "
            "GROUP BY h.key ORDER BY min(a.date), h.key",
            params,
        )
        return [
            HeadlineRecord(
                r[0], r[1], r[2], r[3], dt.date.fromisoformat(r[4]), dt.date.fromisoformat(r[5])
            )
            for r in rows
        ]

    # -- the one write of a digest run ---------------------------------------------------

    def record(
        self,
        date: dt.date,
        articles: Sequence[Article],
        *,
        paths: Sequence[str | os.PathLike[str]],
        inputs: str,
        story_count: int,
        skipped: int,
        headlines: Sequence[tuple[str, Headline]] = (),
        reads: Sequence[tuple[str, bool]] = (),
        window_start: dt.datetime | None = None,
    ) -> None:
        """Record one digest run in a single transaction: its articles, its headlines (each
        with its key), the inputs it tried (``reads``: each input and whether it was read)
        with the start of its window, and its row.

        ``first_seen`` keeps the earliest digest date an article was in; re-running a date
        replaces that date's row, article list and headline list, so the history stays
        idempotent.
        """
        day, now = date.isoformat(), _now()
        hashes = [content_hash(a.text) for a in articles]
        paths_json = json.dumps([os.fspath(p) for p in paths])
        try:
            with self.transaction() as db:
                db.executemany(
                    """INSERT INTO articles (content_hash, url, title, first_seen, last_seen,
                                             recorded_at)
                       VALUES (?, ?, ?, ?, ?, ?)
                       ON CONFLICT (content_hash) DO UPDATE SET
                         first_seen = min(first_seen, excluded.first_seen),
                         last_seen = max(last_seen, excluded.last_seen),
                         url = coalesce(url, excluded.url),
                         title = coalesce(title, excluded.title)""",
                    [
                        (h, a.url, a.title, day, day, now)
                        for h, a in zip(hashes, articles, strict=True)
                    ],
                )
                db.execute(
                    """INSERT INTO digests (date, paths, inputs_hash, article_count, story_count,
                                            skipped, runs, created_at, updated_at)
                       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
                       ON CONFLICT (date) DO UPDATE SET
                         paths = excluded.paths, inputs_hash = excluded.inputs_hash,
                         article_count = excluded.article_count,
                         story_count = excluded.story_count, skipped = excluded.skipped,
                         runs = runs + 1, updated_at = excluded.updated_at""",
                    (day, paths_json, inputs, len(articles), story_count, skipped, now, now),
                )
                db.execute("DELETE FROM digest_articles WHERE date = ?", (day,))
                db.executemany(
                    "INSERT OR IGNORE INTO digest_articles VALUES (?, ?, ?)",
                    [(day, h, i) for i, h in enumerate(hashes)],
                )
                db.executemany(
                    """INSERT INTO headlines (key, url, title, source, recorded_at)
                       VALUES (?, ?, ?, ?, ?)
                       ON CONFLICT (key) DO UPDATE SET
                         url = coalesce(url, excluded.url),
                         source = coalesce(source, excluded.source)""",
                    [(k, h.url, h.title, h.source, now) for k, h in headlines],
                )
                db.execute("DELETE FROM digest_headlines WHERE date = ?", (day,))
                db.executemany(
                    "INSERT OR IGNORE INTO digest_headlines VALUES (?, ?, ?)",
                    [(day, k, i) for i, (k, _) in enumerate(headlines)],
                )
                db.execute("DELETE FROM digest_inputs WHERE date = ?", (day,))
                start = window_start.isoformat() if window_start is not None else None
                db.executemany(
                    "INSERT OR REPLACE INTO digest_inputs VALUES (?, ?, ?, ?)",
                    [(day, name, int(ok), start) for name, ok in reads],
                )
                checkpoint("store:before-commit")
        except sqlite3.Error as exc:
            error = database_error(self.path, exc, "recording the digest")
            raise BriefingError(f"{error}; the output files were written") from exc
