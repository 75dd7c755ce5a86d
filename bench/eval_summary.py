"""Summary quality and speed: every algorithm on CNN/DM and BBC, ROUGE-1/2/Lsum F1.

Usage (from the repository root)::

    .venv/bin/python bench/eval_summary.py                 # full dev split
    .venv/bin/python bench/eval_summary.py --limit 100     # quick loop
    .venv/bin/python bench/eval_summary.py --data PATH --algorithms default,lead

CNN/DM is summarised with 3 sentences; BBC with as many sentences as its reference has
lines. ``lead-naive`` is a Lead-N baseline computed without our code (a plain regex
sentence split written here). PTB-tokenised CNN/DM records are used as text, as given.
ROUGE uses ``rouge_score`` with the Porter stemmer and newline-separated sentences for
Lsum (no NLTK data needed). The speed section times ``default`` per 1,000 words and every
algorithm on a 2,000-sentence text.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from rouge_score import rouge_scorer

from briefing.models import Article
from briefing.summarize import ALGORITHMS, summarize

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
METRICS = ("rouge1", "rouge2", "rougeLsum")
NAIVE = "lead-naive"

_NAIVE_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))\s+|\n\s*\n")


def naive_sentences(text: str) -> list[str]:
    """A deliberately plain splitter: after . ! ? (plus closing quotes) and at blank lines."""
    return [s.strip() for s in _NAIVE_SPLIT.split(text) if s and s.strip()]


@dataclass
class Record:
    id: str
    article: Article
    reference: str
    count: int


@dataclass
class Result:
    scores: dict[str, list[float]] = field(default_factory=lambda: {m: [] for m in METRICS})
    errors: int = 0
    seconds: float = 0.0
    words: int = 0
    first_error: str = ""


def read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def reference_count(record: dict[str, object]) -> int:
    reference = str(record["reference"])
    if record.get("reference_unsplit"):
        return max(1, len(naive_sentences(reference)))
    return max(1, len([line for line in reference.split("\n") if line.strip()]))


def load_dataset(data: Path, name: str, limit: int | None) -> list[Record]:
    path = data / "summaries" / f"{name}.jsonl"
    if not path.is_file():
        sys.exit(f"{path}: not found; pass --data DIR holding summaries/{name}.jsonl")
    records: list[Record] = []
    for raw in read_jsonl(path):
        title = raw.get("title")
        article = Article(str(raw["text"]), title=str(title) if title else None)
        count = 3 if name == "cnndm" else reference_count(raw)
        records.append(Record(str(raw["id"]), article, str(raw["reference"]), count))
        if limit is not None and len(records) >= limit:
            break
    return records


def run(
    records: list[Record],
    summarise: Callable[[Record], list[str]],
    scorer: rouge_scorer.RougeScorer,
) -> Result:
    result = Result()
    for record in records:
        start = time.perf_counter()
        try:
            chosen = summarise(record)
        except Exception as exc:  # a bench counts failures instead of stopping
            result.errors += 1
            result.first_error = result.first_error or f"{record.id}: {exc!r}"
            continue
        finally:
            result.seconds += time.perf_counter() - start
        result.words += len(record.article.text.split())
        scores = scorer.score(record.reference, "\n".join(chosen))
        for metric in METRICS:
            result.scores[metric].append(scores[metric].fmeasure)
    return result


def by_algorithm(name: str) -> Callable[[Record], list[str]]:
    def summarise(record: Record) -> list[str]:
        return [s.text for s in summarize(record.article, record.count, name)]

    return summarise


def lead_naive(record: Record) -> list[str]:
    return naive_sentences(record.article.text)[: record.count]


def mean(values: list[float]) -> float:
    return 100.0 * statistics.fmean(values) if values else float("nan")


def print_table(rows: list[tuple[str, str, Result]]) -> None:
    header = f"{'dataset':8} {'algorithm':11} {'R1':>6} {'R2':>6} {'RLsum':>6} {'n':>5} {'err':>4} {'sec':>7}"
    print(header)
    print("-" * len(header))
    for dataset, algorithm, result in rows:
        r1, r2, rl = (mean(result.scores[m]) for m in METRICS)
        n = len(result.scores["rouge1"])
        print(
            f"{dataset:8} {algorithm:11} {r1:6.2f} {r2:6.2f} {rl:6.2f} {n:5d} "
            f"{result.errors:4d} {result.seconds:7.2f}"
        )
        if result.first_error:
            print(f"{'':8} first error: {result.first_error}")


def long_text(records: list[Record], sentences: int) -> str:
    """A text of about ``sentences`` sentences, built by repeating the dataset's articles."""
    from briefing.text import split_sentences

    parts: list[str] = []
    total = 0
    while total < sentences:
        for record in records:
            parts.append(record.article.text)
            total += len(split_sentences(record.article.text))
            if total >= sentences:
                break
    return "\n\n".join(parts)


def speed(records: list[Record], algorithms: list[str]) -> None:
    if "default" in algorithms and records:
        words = sum(len(r.article.text.split()) for r in records)
        fresh = [replace(r.article, text=r.article.text + " ") for r in records]  # uncached
        start = time.perf_counter()
        for article in fresh:
            summarize(article, 3, "default")
        ms = 1000.0 * (time.perf_counter() - start) / words * 1000.0
        print(f"\ndefault: {ms:.1f} ms per 1,000-word article (mean over {len(records)} articles)")
    text = long_text(records, 2000)
    from briefing.text import split_sentences

    n = len(split_sentences(text))
    print(f"\n2,000-sentence text ({n} sentences, {len(text.split())} words), seconds:")
    for name in algorithms:
        unique = f"{text}\n\nThis text was timed for {name}."  # defeats the split cache
        start = time.perf_counter()
        summarize(unique, 3, name)
        print(f"  {name:11} {time.perf_counter() - start:6.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the data directory")
    parser.add_argument("--limit", type=int, default=None, help="first N records per dataset")
    parser.add_argument("--datasets", default="cnndm,bbc", help="comma-separated")
    parser.add_argument("--algorithms", default=",".join(ALGORITHMS), help="comma-separated")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed section")
    args = parser.parse_args(argv)

    algorithms = [a for a in args.algorithms.split(",") if a]
    unknown = [a for a in algorithms if a not in ALGORITHMS]
    if unknown:
        parser.error(f"unknown algorithm(s) {unknown}; choose from {sorted(ALGORITHMS)}")
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    rows: list[tuple[str, str, Result]] = []
    loaded: list[Record] = []
    for dataset in args.datasets.split(","):
        records = load_dataset(args.data, dataset, args.limit)
        loaded += records
        rows.append((dataset, NAIVE, run(records, lead_naive, scorer)))
        for name in algorithms:
            rows.append((dataset, name, run(records, by_algorithm(name), scorer)))
    print_table(rows)
    if not args.no_speed:
        speed(loaded, algorithms)


if __name__ == "__main__":
    main()
