"""The daily digest on real feeds: what a reader sees, how fast fetching is, how well
write-ups of one event are grouped.

Four parts (``--part feeds|fetch|grouping|ranking``, all by default):

1. **feeds** — ``DATA/feeds/*.xml`` as a new user runs them (``--window all``): stories,
   every merged group's titles (to read by eye), headline-only entries, boilerplate
   passages removed (and the passages each feed taught), the top stories.
2. **fetch** — a local HTTP server on 127.0.0.1-127.0.0.4 (four "hosts") serves the pages
   of ``DATA/html/*.html.gz`` as the linked pages of a feed of title-only entries, each
   answer delayed by ``--latency`` (200 ms); some links answer 404, 500 or 429 (then 200,
   honouring Retry-After), and one slow host waits ``--slow`` s. Prints the fetch wall
   time against the sum of the latencies (the serial time), and the bytes the server sent
   on a second run (conditional GET: ETag / Last-Modified kept in the history database).
3. **grouping** — pairwise precision and recall of "these two items are one story",
   on a measurement built from data with known answers (see :func:`grouping_items`):
   positives are two write-ups of one event, an article and the highlights its outlet's
   editors wrote (CNN/DailyMail, ``DATA/summaries/cnndm.jsonl``), posted as two entries
   of two different feeds; negatives are every other pair, including the hard ones:
   MEANTIME's Wikinews articles in four topics (Airbus, Apple, GM, stocks), many about
   similar but different events. A grid of clustering thresholds is searched by 5-fold
   cross-validation over events (highest recall at training precision >= 0.99, since
   mixing two events is the costly error); the shipped defaults, the in-sample best and
   the cross-validated figures are printed, each with a 95 % bootstrap interval over
   events. Caveat: highlights reuse many of the article's words, so this is an easier
   test of recall than two independent outlets; the MEANTIME topics make precision hard.
4. **ranking** — whether the dev-feed digest leads with news: each story is labelled by
   its feed's hand label (``DATA/feeds/index.jsonl`` "kind": news or not; used only
   here, never by the product). Prints the AUC of the news-likeness cues alone (entry,
   feed), and for the ranking before the news term, the shipped defaults, the in-sample
   best and leave-one-feed-out cross-validation (weights chosen on the other feeds by
   news share in the top 8 + in the top 15 + AUC): the AUC of the story score and the
   news share of the top 8 and top 15 stories (per-feed cap applied), each with a 95 %
   bootstrap interval resampling feeds (a feed's entries are not independent), and the
   gains over before with paired intervals. In cross-validation each feed's places in
   the top k are those it takes under the weights chosen without it. Two families are
   cross-validated: one weight on the feed's news-likeness (shipped), and a wider grid
   (entry's own news-likeness, feed's, cadence), whose folds disagree more.

Targets: fetching 100 pages in at most 1/4 of the serial time; a second run at most 10 %
of the bytes; grouping precision >= 0.95 with recall >= 0.30.

Run: .venv/bin/python bench/digest_real.py [--data ../shared/data] [--part ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import itertools
import json
import pickle
import random
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 11, 25)
CACHE = Path(tempfile.gettempdir()) / "briefing-digest-real-cache"


# ------------------------------------------------------------------------------ feeds


def part_feeds(data: Path) -> None:
    from briefing.digest.boilerplate import clean_feed
    from briefing.digest.daily import DailyOptions, run_daily
    from briefing.digest.dedup import canonical_url
    from briefing.digest.window import feed_key
    from briefing.load import load_many
    from briefing.models import Article

    inputs = sorted(str(p) for p in (data / "feeds").glob("*.xml"))
    with tempfile.TemporaryDirectory() as tmp:
        problems: list[str] = []
        start = time.perf_counter()
        result = run_daily(
            inputs,
            DailyOptions(
                date=DAY,
                output=Path(tmp),
                db=Path(tmp) / "h.sqlite3",
                formats=("md",),
                window="all",
            ),
            on_problem=lambda n, m: problems.append(f"{n}: {m}"),
        )
        took = time.perf_counter() - start
    d = result.digest
    print(f"\n## Dev feeds: {len(inputs)} files, --window all ({took:.1f} s)\n")
    print(f"- stderr lines: {len(problems)} (exit {result.exit_code})")
    for line in problems:
        print(f"  - {line[:160]}")
    print(f"- articles briefed: {d.read}; stories: {len(d.stories)}; merged: {d.merged}")
    print(f"- headline-only entries: {len(d.headlines)}")
    print(f"- boilerplate passages removed: {d.boilerplate}")
    by_feed: dict[str, list[Article]] = defaultdict(list)
    for item in load_many(inputs, fetch=False):
        if item.article is not None:
            by_feed[feed_key(item.article)].append(item.article)
    for feed, entries in sorted(by_feed.items()):
        texts = [a.text for a in entries]
        learned = clean_feed(texts, [canonical_url(a.url) for a in entries]).learned
        if learned:
            print(f"  - {feed[:40]!r} ({len(texts)} entries) taught: {list(learned)[:4]}")
    groups = [s for s in d.stories if s.article_count > 1]
    print(f"\n### Merged or grouped stories ({len(groups)})\n")
    for s in groups:
        print(f"- {s.title[:70]}  [{s.article_count} articles]")
        for src in s.sources:
            print(f"    - {src.name[:30]}: {(src.title or '')[:70]}")
    print("\n### Top 10\n")
    for s in d.stories[:10]:
        first = s.summary[0].text if s.summary else ""
        print(f"- {s.title[:60]} ({s.sources[0].name[:25]}, {s.published}, {s.language})")
        print(f"    {first[:140]}")


# ------------------------------------------------------------------------------ fetch


class _Site:
    """One local "host": pages by path, injected latency, errors, counting bytes sent."""

    def __init__(self, host: str, pages: dict[str, bytes], latency: float) -> None:
        self.pages = pages
        self.latency = latency
        self.sent = 0
        self.hits: dict[str, int] = defaultdict(int)
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _send(
                self, code: int, body: bytes = b"", headers: dict[str, str] | None = None
            ) -> None:
                self.send_response(code)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)
                with site.lock:
                    site.sent += len(body)

            def do_GET(self) -> None:
                time.sleep(site.latency)
                with site.lock:
                    site.hits[self.path] += 1
                    hits = site.hits[self.path]
                kind = self.path.split("/")[1]
                if kind == "404":
                    return self._send(404)
                if kind == "500":
                    return self._send(500)
                if kind == "429" and hits == 1:
                    return self._send(429, headers={"Retry-After": "1"})
                body = site.pages.get("/" + self.path.split("/", 2)[2])
                if body is None:
                    return self._send(404)
                tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == tag:
                    return self._send(304, headers={"ETag": tag})
                data = gzip.compress(body, mtime=0)
                self._send(
                    200,
                    data,
                    {
                        "Content-Type": "text/html; charset=utf-8",
                        "Content-Encoding": "gzip",
                        "ETag": tag,
                    },
                )

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://{host}:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def part_fetch(data: Path, count: int, latency: float, slow: float) -> None:
    from briefing.digest.daily import DailyOptions, run_daily
    from briefing.load.fetch import FetchOptions

    files = sorted((data / "html").glob("*.html.gz"))
    pages = {f"/{p.name.removesuffix('.html.gz')}": gzip.decompress(p.read_bytes()) for p in files}
    names = sorted(pages)
    sites = [_Site(f"127.0.0.{k}", pages, latency) for k in range(1, 5)]
    slow_site = _Site("127.0.0.5", pages, slow)
    links: list[str] = []
    for i in range(count):
        site = sites[i % len(sites)]
        kind = "ok"
        if i % 25 == 7:
            kind = "404"
        elif i % 25 == 13:
            kind = "500"
        elif i % 25 == 19:
            kind = "429"
        links.append(f"{site.base}/{kind}{names[i % len(names)]}")
    links.append(f"{slow_site.base}/ok{names[0]}")  # one slow host
    items = "".join(
        f"<item><title>Linked page {i}</title><link>{link}</link>"
        "<pubDate>Wed, 25 Nov 2026 08:00:00 +0000</pubDate></item>"
        for i, link in enumerate(links)
    )
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "links.xml"
        feed.write_text(
            "<?xml version='1.0'?><rss version='2.0'><channel><title>Links</title>"
            f"{items}</channel></rss>",
            encoding="utf-8",
        )
        opts = DailyOptions(
            date=DAY,
            output=Path(tmp) / "out",
            db=Path(tmp) / "h.sqlite3",
            formats=("md",),
            fetch=True,
            allow_private=True,
            window="all",
            fetch_options=FetchOptions(timeout=max(20.0, slow + 5), backoff=0.2),
        )
        problems: list[str] = []
        runs = []
        for _ in range(2):
            before = sum(s.sent for s in (*sites, slow_site))
            timing: dict[str, float] = {}
            start = time.perf_counter()

            def tick(done: int, total: int, timing: dict[str, float] = timing) -> None:
                timing.setdefault("first", time.perf_counter())
                timing["last"] = time.perf_counter()

            result = run_daily(
                [str(feed)], opts, on_problem=lambda n, m: problems.append(m), fetch_progress=tick
            )
            wall = timing.get("last", start) - start
            sent = sum(s.sent for s in (*sites, slow_site)) - before
            runs.append((wall, sent, result, time.perf_counter() - start))
    for s in (*sites, slow_site):
        s.close()
    serial = latency * count + slow
    (w1, b1, r1, t1), (w2, b2, _r2, _t2) = runs
    print(
        f"\n## Fetch: {count} linked pages on 4 hosts at {latency * 1000:.0f} ms, "
        f"plus one slow host at {slow:.0f} s\n"
    )
    print(
        f"- fetch wall time: {w1:.2f} s against {serial:.1f} s of latency in series "
        f"(ratio {w1 / serial:.2f}; target <= 0.25); whole run {t1:.1f} s"
    )
    print(
        f"- pages briefed: {r1.fetched}; failed: {r1.fetch_failed}; "
        f"stories: {len(r1.digest.stories)}; headlines left: {len(r1.digest.headlines)}"
    )
    print(f"- stderr lines per run: {len(problems) // 2} -> {problems[:1]}")
    print(
        f"- bytes sent: first run {b1:,}, second run {b2:,} "
        f"({b2 / max(1, b1):.1%}; target <= 10 %); second fetch wall {w2:.2f} s"
    )


# --------------------------------------------------------------------------- grouping


def grouping_items(data: Path, n_cnndm: int) -> tuple[list[Any], list[str]]:
    """Articles with their event labels: each CNN/DM article and its editors' highlights
    (two write-ups of one event, as two feeds), plus MEANTIME's Wikinews articles (one
    event each; four topics of similar events)."""
    from briefing.models import Article

    arts: list[Any] = []
    events: list[str] = []
    rows = [json.loads(line) for line in (data / "summaries" / "cnndm.jsonl").open()]
    rows = [r for r in rows if not r.get("tokenized")]
    for r in rows[:n_cnndm]:
        text = r["text"]
        highlights = " ".join(
            _detokenize(h.strip()).rstrip(".") + "."
            for h in r["reference"].splitlines()
            if h.strip()
        )
        arts.append(
            Article(
                text, published=DAY, url=f"https://outlet-a.example/{r['id']}", source="Outlet A"
            )
        )
        arts.append(
            Article(
                highlights, published=DAY, url=f"https://wire-b.example/{r['id']}", source="Wire B"
            )
        )
        events += [r["id"], r["id"]]
    for line in (data / "dates" / "meantime.jsonl").open():
        r = json.loads(line)
        title, _, body = r["text"].partition("\n\n")
        arts.append(
            Article(
                body,
                title=title,
                published=DAY,
                url=f"https://wikinews.example/{r['id']}",
                source="Wikinews",
            )
        )
        events.append(f"meantime-{r['id']}")
    return arts, events


def _detokenize(text: str) -> str:
    """Undo the PTB spacing of a tokenised highlight (" ." " 's" "`` ''")."""
    import re

    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r" (?=[.,;:!?%)]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)", "", text)
    return re.sub(r"([($]) ", r"\1", text)


def _code() -> bytes:
    """The package's source, so that a cached briefing is never one of older code (the key
    had been the inputs alone: a run after a change reported the old grouping)."""
    files = sorted((ROOT / "briefing").rglob("*.py"))
    return b"".join(f.read_bytes() for f in files)


def _briefings(arts: Sequence[Any]) -> list[Any]:
    from briefing.pipeline import brief

    inputs = pickle.dumps([(a.text, a.title) for a in arts])
    key = hashlib.sha256(inputs + _code()).hexdigest()[:16]
    path = CACHE / f"briefings-{key}.pickle"
    if path.exists():
        cached: list[Any] = pickle.loads(path.read_bytes())
        return cached
    from briefing.batch import Options, brief_outcomes

    out = []
    for art, outcome in zip(arts, brief_outcomes(arts, Options(sentences=2)), strict=True):
        out.append(outcome.briefing or brief(replace(art, text=art.text + " .")))
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return out


def _pairs(groups: Sequence[Sequence[int]]) -> set[tuple[int, int]]:
    return {(a, b) for g in groups for a, b in itertools.combinations(sorted(g), 2)}


def _stories(briefings: Sequence[Any], idx: Sequence[int], thresholds: Any) -> list[list[int]]:
    from briefing.digest import from_briefings

    d = from_briefings([briefings[i] for i in idx], DAY, thresholds=thresholds)
    return [[idx[k] for k in s.articles] for s in d.stories]


def _pr(pred: set[tuple[int, int]], gold: set[tuple[int, int]]) -> tuple[float, float]:
    hit = len(pred & gold)
    return (hit / len(pred) if pred else 1.0, hit / len(gold) if gold else 1.0)


def _by_event(events: Sequence[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        out[e].append(i)
    return out


def _bootstrap(
    groups: Sequence[Sequence[int]], events: Sequence[str], seed: int = 7, n: int = 1000
) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """Precision and recall on pairs, each with a 95 % interval from resampling events
    (an event drawn w times weighs its own pairs by w; a pair across two events by the
    product of their draws)."""
    ev = _by_event(events)
    gold = _pairs(list(ev.values()))
    pred = _pairs(groups)
    event_of = {i: e for e, items in ev.items() for i in items}
    same: dict[str, int] = defaultdict(int)
    cross: dict[tuple[str, str], int] = defaultdict(int)
    for a, b in pred:
        ea, eb = event_of[a], event_of[b]
        if ea == eb:
            same[ea] += 1
        else:
            cross[(min(ea, eb), max(ea, eb))] += 1
    gold_n = {e: len(items) * (len(items) - 1) // 2 for e, items in ev.items()}
    names = sorted(ev)
    rng = random.Random(seed)
    ps, rs = [], []
    for _ in range(n):
        w: dict[str, int] = defaultdict(int)
        for _k in names:
            w[rng.choice(names)] += 1
        tp = sum(w[e] * c for e, c in same.items())
        fp = sum(w[a] * w[b] * c for (a, b), c in cross.items())
        g = sum(w[e] * c for e, c in gold_n.items())
        ps.append(tp / (tp + fp) if tp + fp else 1.0)
        rs.append(tp / g if g else 1.0)
    ps.sort()
    rs.sort()
    lo, hi = int(0.025 * n), int(0.975 * n) - 1
    return _pr(pred, gold), (ps[lo], ps[hi]), (rs[lo], rs[hi])


def _paired_recall(
    a: Sequence[Sequence[int]], b: Sequence[Sequence[int]], events: Sequence[str], n: int = 1000
) -> tuple[float, float]:
    """A 95 % interval of recall(a) - recall(b), resampling events for both at once."""
    ev = _by_event(events)
    event_of = {i: e for e, items in ev.items() for i in items}

    def hits(groups: Sequence[Sequence[int]]) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for x, y in _pairs(groups):
            if event_of[x] == event_of[y]:
                out[event_of[x]] += 1
        return out

    ha, hb = hits(a), hits(b)
    gold_n = {e: len(items) * (len(items) - 1) // 2 for e, items in ev.items()}
    names = sorted(ev)
    rng = random.Random(11)
    diffs = []
    for _ in range(n):
        w: dict[str, int] = defaultdict(int)
        for _k in names:
            w[rng.choice(names)] += 1
        g = sum(w[e] * c for e, c in gold_n.items()) or 1
        diffs.append(
            (sum(w[e] * c for e, c in ha.items()) - sum(w[e] * c for e, c in hb.items())) / g
        )
    diffs.sort()
    return diffs[int(0.025 * n)], diffs[int(0.975 * n) - 1]


def part_grouping(data: Path, n_cnndm: int, folds: int, min_precision: float) -> None:
    from briefing.digest import Thresholds

    arts, events = grouping_items(data, n_cnndm)
    print(
        f"\n## Grouping: {len(arts)} items, {len(set(events))} events "
        f"({n_cnndm} CNN/DM article + highlights pairs, MEANTIME singles)\n"
    )
    start = time.perf_counter()
    briefings = _briefings(arts)
    print(f"- briefed in {time.perf_counter() - start:.0f} s (cached in {CACHE})")
    # the word thresholds (whole texts, 0.3 and 0.4 alone were never chosen by a fold) and
    # the shared-keys route: (text floor, summed rarity of shared keys), 0 = off
    grid = [
        Thresholds(related=r, related_alone=a, min_shared_terms=m, keys_text=kt, keys=k)
        for r in (0.4, 0.5)
        for a in (0.55, 0.7)
        for m in (3, 5)
        for kt, k in (
            (0.2, 0.0),
            (0.2, 1.5),
            (0.2, 2.0),
            (0.3, 1.5),
            (0.3, 2.0),
            (0.4, 1.5),
            (0.4, 2.0),
        )
    ]
    default = Thresholds()
    ev = _by_event(events)
    names = sorted(ev, key=lambda e: hashlib.sha1(e.encode()).hexdigest())
    fold_of = {e: k % folds for k, e in enumerate(names)}
    cv_groups: list[list[int]] = []
    chosen = []
    for k in range(folds):
        train = [i for i, e in enumerate(events) if fold_of[e] != k]
        test = [i for i, e in enumerate(events) if fold_of[e] == k]
        train_gold = _pairs([[i for i in ev[e] if fold_of[e] != k] for e in ev])
        best, best_key = default, (-1.0, -1.0)
        for t in grid:
            p, r = _pr(_pairs(_stories(briefings, train, t)), train_gold)
            key = (r if p >= min_precision else -1.0, p)
            if key > best_key:
                best, best_key = t, key
        chosen.append(best)
        cv_groups += _stories(briefings, test, best)
    all_idx = list(range(len(arts)))
    print(
        f"- thresholds chosen per fold: "
        f"{[(t.related, t.related_alone, t.min_shared_terms, t.keys_text, t.keys) for t in chosen]}"
    )
    before = Thresholds(cluster_words=100_000)
    rows = [
        ("whole texts compared (the earlier way)", _stories(briefings, all_idx, before)),
        ("default thresholds (in-sample)", _stories(briefings, all_idx, default)),
        (
            "defaults without the shared-keys route",
            _stories(briefings, all_idx, replace(default, keys=0.0)),
        ),
    ]
    gold_all = _pairs(list(ev.values()))
    best_all, best_key = default, (-1.0, -1.0)
    for t in grid:
        p, r = _pr(_pairs(_stories(briefings, all_idx, t)), gold_all)
        if (r if p >= min_precision else -1.0, p) > best_key:
            best_all, best_key = t, (r if p >= min_precision else -1.0, p)
    rows.append(
        (
            f"tuned on all (in-sample) {best_all.related, best_all.related_alone, best_all.min_shared_terms, best_all.keys_text, best_all.keys}",
            _stories(briefings, all_idx, best_all),
        )
    )
    rows.append(("5-fold cross-validated", cv_groups))
    print("\n| setting | precision [95 % CI] | recall [95 % CI] | stories |")
    print("|---|---|---|---|")
    for label, groups in rows:
        (p, r), pci, rci = _bootstrap(groups, events)
        print(
            f"| {label} | {p:.3f} [{pci[0]:.3f}, {pci[1]:.3f}] | "
            f"{r:.3f} [{rci[0]:.3f}, {rci[1]:.3f}] | {len(groups)} |"
        )
    lo, hi = _paired_recall(rows[1][1], rows[0][1], events)
    print(f"\nRecall, defaults minus the earlier way: {lo:+.3f} .. {hi:+.3f} (95 % paired)")
    lo, hi = _paired_recall(rows[1][1], rows[2][1], events)
    print(f"Recall, defaults minus no shared-keys route: {lo:+.3f} .. {hi:+.3f} (95 % paired)")
    wrong = [g for g in rows[1][1] if len({events[i] for i in g}) > 1]
    print(f"\nMixed stories under the defaults: {len(wrong)}")
    for g in wrong[:5]:
        print("  - " + " | ".join((arts[i].title or arts[i].text[:50])[:50] for i in g))


# ---------------------------------------------------------------------------- ranking


def _feed_files(data: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Feed key -> file name, and file name -> hand label ("kind")."""
    from briefing.digest.window import feed_key
    from briefing.load import load_many

    kinds = {}
    for line in (data / "feeds" / "index.jsonl").open():
        row = json.loads(line)
        kinds[row["file"]] = row["kind"]
    files: dict[str, str] = {}
    for path in sorted((data / "feeds").glob("*.xml")):
        for item in load_many([str(path)], fetch=False):
            if item.article is not None:
                files.setdefault(feed_key(item.article), path.name)
    return files, kinds


def _rank_inputs(data: Path) -> dict[str, Any]:
    """What the dev-feed digest hands to rank_stories (the real run, --window all),
    captured once and cached: the bench then re-ranks with other weights in milliseconds."""
    import briefing.digest.build as build
    from briefing.digest.daily import DailyOptions, run_daily
    from briefing.digest.rank import rank_stories

    inputs = sorted(str(p) for p in (data / "feeds").glob("*.xml"))
    key = hashlib.sha256(b"".join(Path(p).read_bytes() for p in inputs) + _code()).hexdigest()[:16]
    path = CACHE / f"rank-{key}.pickle"
    if path.exists():
        cached: dict[str, Any] = pickle.loads(path.read_bytes())
        return cached
    captured: dict[str, Any] = {}
    real = rank_stories

    def spy(stories: Any, date: Any, entities: Any, weights: Any, *rest: Any) -> Any:
        captured.update(stories=stories, date=date, entities=entities, rest=rest)
        return real(stories, date, entities, weights, *rest)

    setattr(build, "rank_stories", spy)  # noqa: B010 (a spy for one run)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            opts = DailyOptions(date=DAY, output=Path(tmp), formats=("md",), window="all")
            run_daily(inputs, opts)
    finally:
        setattr(build, "rank_stories", real)  # noqa: B010
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(captured))
    return captured


def _auc(scores: Sequence[float], labels: Sequence[bool], weights: Sequence[int]) -> float:
    """Area under the ROC curve (ties count half), each item weighing ``weights[i]``."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    pos = sum(w for w, lab in zip(weights, labels, strict=True) if lab)
    neg = sum(weights) - pos
    if not pos or not neg:
        return float("nan")
    below = 0.0  # negatives' weight strictly below the current score
    total = 0.0
    k = 0
    while k < len(order):
        j = k
        while j < len(order) and scores[order[j]] == scores[order[k]]:
            j += 1
        tie = order[k:j]
        tie_neg = sum(weights[i] for i in tie if not labels[i])
        tie_pos = sum(weights[i] for i in tie if labels[i])
        total += tie_pos * (below + tie_neg / 2)
        below += tie_neg
        k = j
    return total / (pos * neg)


def _top_news(
    scores: Sequence[float],
    titles: Sequence[str],
    feeds: Sequence[str],
    labels: Sequence[bool],
    k: int,
    per_feed: int,
) -> float:
    """The share of news among the top ``k`` stories ordered as rank_stories orders them
    (score, then title; a feed's stories beyond ``per_feed`` go below)."""
    top = _capped_order(scores, titles, feeds, per_feed)[:k]
    return sum(labels[i] for i in top) / max(1, len(top))


def _capped_order(
    scores: Sequence[float], titles: Sequence[str], feeds: Sequence[str], per_feed: int
) -> list[int]:
    """Positions in rank_stories' order: score, then title; a feed's stories beyond
    ``per_feed`` below the rest."""
    order = sorted(range(len(scores)), key=lambda i: (-round(scores[i], 9), titles[i], i))
    seen: dict[str, int] = defaultdict(int)
    within: list[int] = []
    beyond: list[int] = []
    for i in order:
        seen[feeds[i]] += 1
        (within if seen[feeds[i]] <= per_feed else beyond).append(i)
    return within + beyond


def part_ranking(data: Path, verbose: bool = False) -> None:
    """News-likeness in the ranking: AUC and top-8/15 news precision, before and after,
    in-sample and leave-one-feed-out cross-validated, with 95 % intervals over feeds."""
    from briefing.digest.rank import RankWeights, rank_stories

    start = time.perf_counter()
    cap = _rank_inputs(data)
    files, kinds = _feed_files(data)
    stories, entities, rest = cap["stories"], cap["entities"], cap["rest"]
    story_words, story_gaps, news = rest
    feed_of = [files.get(s.feeds[0], s.feeds[0]) if s.feeds else "?" for s in stories]
    labels = [kinds.get(f) == "news" for f in feed_of]
    titles = [" ".join(s.title.casefold().split()) for s in stories]
    print(
        f"\n## Ranking: {len(stories)} stories of {len(set(feed_of))} dev feeds "
        f"({sum(labels)} from news feeds), label = the feed's hand label, used only here "
        f"({time.perf_counter() - start:.0f} s)\n"
    )

    def scores(w: RankWeights, idx: Sequence[int]) -> dict[int, float]:
        ranked = rank_stories(
            [stories[i] for i in idx],
            DAY,
            [entities[i] for i in idx],
            w,
            [story_words[i] for i in idx],
            [story_gaps[i] for i in idx],
            [news[i] for i in idx],
        )
        position = {s.articles: i for i in idx for s in [stories[i]]}
        return {position[s.articles]: s.score for s in ranked}

    base = RankWeights(news_entry=0.0, news_feed=0.0, cadence=0.75)
    # the shipped family: one weight, on the feed's news-likeness (cadence as before)
    grid = [replace(base, news_feed=f) for f in (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)]
    # a wider family, also cross-validated and printed: the entry's own news-likeness and
    # the cadence weight searched too (its folds disagree more; see the docstring)
    wide = [
        replace(base, news_entry=e, news_feed=f, cadence=c)
        for e in (0.0, 0.25, 0.5, 1.0)
        for f in (0.0, 0.5, 1.0, 2.0, 3.0)
        for c in (0.0, 0.75)
    ]
    names = sorted(set(feed_of))
    members: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feed_of):
        members[f].append(i)

    def objective(s: dict[int, float], idx: Sequence[int]) -> float:
        sc = [s[i] for i in idx]
        ti = [titles[i] for i in idx]
        fe = [feed_of[i] for i in idx]
        lab = [labels[i] for i in idx]
        return (
            _top_news(sc, ti, fe, lab, 8, base.per_feed)
            + _top_news(sc, ti, fe, lab, 15, base.per_feed)
            + _auc(sc, lab, [1] * len(idx))
        )

    everything = list(range(len(stories)))

    def choose(family: Sequence[RankWeights], idx: Sequence[int]) -> RankWeights:
        """The weights of ``family`` with the best objective on the stories ``idx`` (ties:
        the smaller news weights)."""
        tables = {w: scores(w, idx) for w in family}
        return max(family, key=lambda w: (objective(tables[w], idx), -w.news_entry - w.news_feed))

    def lofo(family: Sequence[RankWeights]) -> dict[str, RankWeights]:
        """Leave-one-feed-out: each feed's weights, chosen on the other feeds."""
        return {
            held: choose(family, [i for i in everything if feed_of[i] != held]) for held in names
        }

    table = {w: scores(w, everything) for w in {*grid, *wide}}
    best_all = choose(grid, everything)
    folds = {"one weight (news_feed)": lofo(grid), "wider grid (entry, feed, cadence)": lofo(wide)}
    for family, pick_of in folds.items():
        picks: dict[tuple[float, float, float], int] = defaultdict(int)
        for w in pick_of.values():
            picks[(w.news_entry, w.news_feed, w.cadence)] += 1
        print(f"- {family}, weights picked per fold (entry, feed, cadence): {dict(picks)}")
        if verbose:
            for held in names:
                w = pick_of[held]
                order = _capped_order(
                    [table[w][i] for i in everything], titles, feed_of, base.per_feed
                )
                mine = [n for n, i in enumerate(order[:15]) if feed_of[i] == held]
                print(f"  - {held[:40]} [{kinds.get(held)}]: places {mine} in the top 15")
    for label, values in (
        ("news-likeness of the entry alone", [n[0] for n in news]),
        ("news-likeness of the feed alone", [n[1] for n in news]),
    ):
        point, (lo, hi) = _feed_bootstrap(
            names,
            members,
            lambda idx, v=values: _auc(
                [v[i] for i in idx], [labels[i] for i in idx], [1] * len(idx)
            ),
        )
        print(f"- AUC, {label}: {point:.3f} [{lo:.3f}, {hi:.3f}]")

    def auc_of(s: dict[int, float]) -> Any:
        return lambda idx: _auc([s[i] for i in idx], [labels[i] for i in idx], [1] * len(idx))

    def top_of(s: dict[int, float], k: int) -> Any:
        return lambda idx: _top_news(
            [s[i] for i in idx],
            [titles[i] for i in idx],
            [f"{feed_of[i]}#{c}" for i, c in idx.copies],
            [labels[i] for i in idx],
            k,
            base.per_feed,
        )

    def cv_top(k: int, pick_of: dict[str, RankWeights]) -> Any:
        """Cross-validated top-k precision: each feed's places in the top k are those it
        takes in the digest ranked by the weights chosen without it; news places over all
        places (equal to the plain precision when every fold picks the same weights)."""

        def stat(idx: Any) -> float:
            tops = {}
            for w in set(pick_of.values()):
                s = table[w]
                feeds = [f"{feed_of[i]}#{c}" for i, c in idx.copies]
                order = _capped_order(
                    [s[i] for i in idx], [titles[i] for i in idx], feeds, base.per_feed
                )
                tops[w] = set(order[:k])
            places = [
                labels[i] for n, (i, _c) in enumerate(idx.copies) if n in tops[pick_of[feed_of[i]]]
            ]
            return float(sum(places)) / max(1, len(places))

        return stat

    shipped = RankWeights()
    settings: list[tuple[str, dict[int, float], list[Any] | None]] = [
        ("before (cadence 0.75, no news term)", table[base], None),
        (
            f"shipped defaults (news_entry {shipped.news_entry}, news_feed "
            f"{shipped.news_feed}, cadence {shipped.cadence})",
            scores(shipped, everything),
            None,
        ),
        (
            f"best on all feeds, in-sample (news_entry {best_all.news_entry}, news_feed "
            f"{best_all.news_feed}, cadence {best_all.cadence})",
            table[best_all],
            None,
        ),
    ]
    for family, pick_of in folds.items():
        cv = {i: table[pick_of[feed_of[i]]][i] for i in everything}
        settings.append(
            (
                f"leave-one-feed-out cross-validated, {family}",
                cv,
                [cv_top(8, pick_of), cv_top(15, pick_of)],
            )
        )

    def stats(s: dict[int, float], cv_stats: list[Any] | None) -> list[Any]:
        return [auc_of(s), *(cv_stats or [top_of(s, 8), top_of(s, 15)])]

    print("\n| ranking | AUC of the score [95 % CI] | news in top 8 | news in top 15 |")
    print("|---|---|---|---|")
    for label, s, extra in settings:
        a, t8, t15 = (_feed_bootstrap(names, members, f) for f in stats(s, extra))
        print(
            f"| {label} | {a[0]:.3f} [{a[1][0]:.3f}, {a[1][1]:.3f}] | "
            f"{t8[0]:.2f} [{t8[1][0]:.2f}, {t8[1][1]:.2f}] | "
            f"{t15[0]:.2f} [{t15[1][0]:.2f}, {t15[1][1]:.2f}] |"
        )
    print("\nGains over before, 95 % paired intervals (the same feed draws for both):\n")
    before_stats = stats(settings[0][1], None)
    for label, s, extra in settings[1:]:
        cells = []
        for after, prior in zip(stats(s, extra), before_stats, strict=True):
            d = _feed_bootstrap(names, members, lambda idx, a=after, b=prior: a(idx) - b(idx))
            cells.append(f"{d[0]:+.3f} [{d[1][0]:+.3f}, {d[1][1]:+.3f}]")
        print(f"- {label}: AUC {cells[0]}; top 8 {cells[1]}; top 15 {cells[2]}")
    for label, s, _extra in settings[:3]:
        print(f"\nTop 15, {label}:")
        order = _capped_order([s[i] for i in everything], titles, feed_of, base.per_feed)
        for i in order[:15]:
            kind = kinds.get(feed_of[i], "?")
            print(f"- [{kind}] {stories[i].title[:70]} ({feed_of[i][:30]}) {s[i]:.2f}")


class _Draw(list[int]):
    """Story positions of a bootstrap draw; ``copies`` pairs each with its feed's draw."""

    copies: list[tuple[int, int]]


def _feed_bootstrap(
    names: Sequence[str],
    members: dict[str, list[int]],
    stat: Any,
    n: int = 1000,
    seed: int = 13,
) -> tuple[float, tuple[float, float]]:
    """``stat`` on all stories, and its 95 % interval resampling feeds (a feed drawn twice
    brings its stories twice, as a separate feed for the per-feed cap)."""
    everything = _Draw(i for f in names for i in members[f])
    everything.copies = [(i, 0) for i in everything]
    point = stat(everything)
    rng = random.Random(seed)
    values = []
    for _ in range(n):
        draw = _Draw()
        draw.copies = []
        for c in range(len(names)):
            f = rng.choice(names)
            draw.extend(members[f])
            draw.copies.extend((i, c) for i in members[f])
        v = stat(draw)
        if v == v:  # NaN when a draw holds one class only
            values.append(v)
    values.sort()
    return point, (values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1])


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--part", choices=("feeds", "fetch", "grouping", "ranking"), action="append")
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--slow", type=float, default=3.0)
    ap.add_argument("--cnndm", type=int, default=120)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument(
        "--min-precision",
        type=float,
        default=0.99,
        help="CV picks the highest recall whose training precision reaches this (mixing two "
        "events is the costly error, so the bar sits above the 0.95 target)",
    )
    ap.add_argument("--verbose", action="store_true", help="ranking: each fold's pick")
    args = ap.parse_args(argv)
    if not (args.data / "feeds").is_dir():
        sys.exit(f"{args.data}: no feeds/ folder; pass the data folder with --data")
    parts = args.part or ["feeds", "fetch", "grouping", "ranking"]
    if "feeds" in parts:
        part_feeds(args.data)
    if "fetch" in parts:
        part_fetch(args.data, args.pages, args.latency, args.slow)
    if "grouping" in parts:
        part_grouping(args.data, args.cnndm, args.folds, args.min_precision)
    if "ranking" in parts:
        part_ranking(args.data, args.verbose)


if __name__ == "__main__":
    main()
