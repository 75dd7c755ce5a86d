"""Scaling of big batches: articles/s with 1 and 2 local workers and a 2-worker Dask LocalCluster.

Briefs N articles (default 2,000) drawn from ../shared/data (CNN/DM, BBC, feeds, Giveme5W1H,
TimeML texts, cycled if fewer), and prints articles/s, the speed-up ratios, and the RSS of
the worker processes after 500 and after all N articles (memory must stay flat).

Run: .venv/bin/python bench/scale.py [--n 2000] [--data ../shared/data] [--skip-dask]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

from briefing import Article
from briefing.batch import Options, brief_outcomes
from briefing.load import load_many

ROOT = Path(__file__).resolve().parent.parent


def corpus(data: Path) -> Iterator[Article]:
    for name in ("summaries/cnndm.jsonl", "summaries/bbc.jsonl", "facts/giveme5w1h.jsonl"):
        with open(data / name, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                yield Article(row["text"], title=row.get("title"))
    with open(data / "dates/timex.jsonl", encoding="utf-8") as fh:
        for line in fh:
            yield Article(json.loads(line)["text"])
    feeds = sorted(p for p in (data / "feeds").iterdir() if p.suffix == ".xml")
    for item in load_many(feeds, fetch=False):
        if item.article is not None:
            yield item.article


def worker_rss_mb() -> list[float]:
    """RSS of every descendant process that looks like a worker (MB)."""
    me = psutil.Process(os.getpid())
    out = []
    for child in me.children(recursive=True):
        try:
            rss = child.memory_info().rss / 2**20
        except psutil.Error:
            continue
        if rss > 150:  # a worker holding the model, not a helper process
            out.append(rss)
    return sorted(out)


def run(
    articles: list[Article], workers: int, dask: str | None
) -> tuple[float, dict[int, list[float]]]:
    marks: dict[int, list[float]] = {500: [], len(articles): []}
    t = time.perf_counter()
    for i, outcome in enumerate(
        brief_outcomes(articles, Options(), workers=workers, dask=dask), start=1
    ):
        assert outcome.briefing is not None or outcome.error is not None
        if i in marks:
            marks[i] = (
                worker_rss_mb()
                if (workers > 1 or dask)
                else [psutil.Process().memory_info().rss / 2**20]
            )
    return len(articles) / (time.perf_counter() - t), marks


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--skip-dask", action="store_true")
    args = ap.parse_args()

    articles = list(itertools.islice(itertools.cycle(list(corpus(args.data))), args.n))
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words:,} words, {os.cpu_count()} cores")
    configs: list[tuple[str, int, str | None]] = [
        ("1 local worker", 1, None),
        ("2 local workers", 2, None),
    ]
    if not args.skip_dask:
        configs.append(("Dask LocalCluster, 2 workers", 2, "local"))
    rows = []
    for label, workers, dask in configs:
        rate, marks = run(articles, workers, dask)
        rows.append((label, rate, marks))
        print(f"  done: {label}: {rate:.1f} articles/s", flush=True)
    base = rows[0][1]
    print()
    print(
        f"{'configuration':<30} {'articles/s':>10} {'speed-up':>9}  "
        f"RSS per worker at 500 / {len(articles)} (MB)"
    )
    for label, rate, marks in rows:
        at = [marks[k] for k in sorted(marks)]
        mem = " / ".join(",".join(f"{m:.0f}" for m in ms) or "-" for ms in at)
        print(f"{label:<30} {rate:>10.1f} {rate / base:>8.2f}x  {mem}")
    print("\ntargets: 2 workers >= 1.7x; Dask LocalCluster 2 workers >= 1.5x; RSS flat")


if __name__ == "__main__":
    main()
