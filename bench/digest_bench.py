"""Speed, memory and merging quality of the daily digest.

Prints two tables:

1. **Real inputs**: a digest of 500 articles, every entry of the feeds in
   ``DATA/feeds/`` plus articles from ``DATA/summaries/cnndm.jsonl`` and ``bbc.jsonl``
   to make up the number, Markdown and one-page PDF rendered: wall time, articles/s,
   peak memory (this process and its worker processes, via ``resource.getrusage``),
   articles merged and stories.
2. **Synthetic near-duplicates** with known answers: distinct base articles, each with
   variants made here (a syndicated copy with another byline and footer, small word edits,
   an appended update paragraph, a truncated version) plus distinct articles of the same
   categories as negatives. Pairwise precision and recall of "these two articles are in
   one story", for the near-duplicate level alone and for the whole digest (both levels).

Targets: 500 articles in at most 60 s, peak memory under 2 GB, precision >= 0.95 and
recall >= 0.9.

Run: .venv/bin/python bench/digest_bench.py [--data ../shared/data] [--articles 500]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Made-up bylines, outlets and footers for the syndicated copies (not taken from any data).
FIRST = ("Alex", "Maria", "Sam", "Priya", "Jonas", "Lena", "Omar", "Grace", "Tomás", "Yuki")
LAST = ("Carter", "Novak", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Reyes", "Walsh")
OUTLETS = (
    "Metro Wire",
    "Daily Courier",
    "Northern Post",
    "City Ledger",
    "Evening Standard Tribune",
    "Coastal Herald",
    "Valley News",
    "Morning Dispatch",
)
FOOTERS = (
    "© {year} {outlet}. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed.",
    "This story was distributed by {outlet}. Sign up for our morning newsletter for more.",
    "Additional reporting by {name}. Edited by the {outlet} news desk.",
)
FILLERS = ("also", "reportedly", "now", "still", "officially", "already", "however")
UPDATES = (
    "Update: This story has been updated with new information.",
    "UPDATE — Officials released further details later in the day.",
    "Editor's note: this article was updated after publication.",
)


# ----------------------------------------------------------------------------- data


def read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def real_articles(data: Path, total: int) -> tuple[list[object], int]:
    """Every readable feed entry, then summaries articles up to ``total``; and skipped count."""
    from briefing.load import load_many
    from briefing.models import Article

    feeds = sorted(p for p in (data / "feeds").iterdir() if p.name != "index.jsonl")
    articles: list[object] = []
    skipped = 0
    for item in load_many([str(p) for p in feeds], fetch=False):
        if item.article is not None:
            articles.append(item.article)
        else:
            skipped += 1
    sources = [
        (rec, "cnndm")
        for rec in read_jsonl(data / "summaries" / "cnndm.jsonl")
        if not rec.get("tokenized")
    ]
    bbc = [(rec, "bbc") for rec in read_jsonl(data / "summaries" / "bbc.jsonl")]
    for rec, name in itertools.chain.from_iterable(itertools.zip_longest(sources, bbc)):
        if len(articles) >= total:
            break
        if rec is None:
            continue
        articles.append(
            Article(str(rec["text"]), title=rec.get("title"), source=name)  # type: ignore[arg-type]
        )
    return articles[:total], skipped


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished worker processes."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mb() -> tuple[float, float]:
    """Max RSS of this process and of its largest finished child process (MB)."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


# ------------------------------------------------------------------------ synthetic


def sentences_of(text: str) -> list[str]:
    from briefing.text import split_sentences

    return [span.text for span in split_sentences(text)]


def syndicated(text: str, rng: random.Random, year: int) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    outlet = rng.choice(OUTLETS)
    footer = rng.choice(FOOTERS).format(year=year, outlet=outlet, name=name)
    return f"By {name}, {outlet}\n\n{text.strip()}\n\n{footer}"


def edited(text: str, rng: random.Random, rate: float = 0.04) -> str:
    paragraphs = []
    for para in text.split("\n\n"):
        out: list[str] = []
        for word in para.split():
            roll = rng.random()
            if roll < rate / 3:
                continue  # deleted
            if roll < 2 * rate / 3:
                out.extend([word, rng.choice(FILLERS)])  # inserted
            elif roll < rate:
                out.append(word.upper() if word.isdigit() else rng.choice(FILLERS))  # replaced
            else:
                out.append(word)
        paragraphs.append(" ".join(out))
    return "\n\n".join(paragraphs)


def updated(text: str, other: str, rng: random.Random) -> str:
    extra = sentences_of(other)[-3:]
    return f"{text.strip()}\n\n{rng.choice(UPDATES)} {' '.join(extra)}"


def truncated(text: str, rng: random.Random) -> str:
    sents = sentences_of(text)
    keep = max(2, round(len(sents) * rng.uniform(0.2, 0.7)))
    return " ".join(sents[:keep])


def synthetic_set(
    data: Path, bases: int, negatives: int, seed: int
) -> tuple[list[object], list[int]]:
    """Articles and their true cluster ids: variants share their base's id."""
    from briefing.models import Article

    rng = random.Random(seed)
    pool = [
        r
        for r in read_jsonl(data / "summaries" / "bbc.jsonl")
        if 150 <= len(str(r["text"]).split()) <= 900
    ]
    pool += [
        {**r, "category": "cnndm"}
        for r in read_jsonl(data / "summaries" / "cnndm.jsonl")
        if not r.get("tokenized") and 150 <= len(str(r["text"]).split()) <= 900
    ]
    rng.shuffle(pool)
    chosen = distinct(pool, bases + negatives)
    day = dt.date(2025, 11, 24)
    articles: list[object] = []
    truth: list[int] = []
    kinds = (syndicated, edited, updated, truncated)
    for cid, rec in enumerate(chosen):
        text, title = str(rec["text"]), rec.get("title")
        same_cat = [r for r in chosen if r["category"] == rec["category"] and r is not rec]
        articles.append(Article(text, title=title, published=day, source=rng.choice(OUTLETS)))  # type: ignore[arg-type]
        truth.append(cid)
        if cid >= bases:
            continue  # a negative: a distinct article of a related topic
        for kind in rng.sample(kinds, rng.randint(1, 3)):
            if kind is syndicated:
                variant = syndicated(text, rng, day.year)
            elif kind is edited:
                variant = edited(text, rng)
            elif kind is updated:
                variant = updated(text, str(rng.choice(same_cat or chosen)["text"]), rng)
            else:
                variant = truncated(text, rng)
            when = day + dt.timedelta(days=rng.randint(0, 1))
            articles.append(
                Article(variant, title=title, published=when, source=rng.choice(OUTLETS))  # type: ignore[arg-type]
            )
            truth.append(cid)
    order = list(range(len(articles)))
    rng.shuffle(order)
    return [articles[i] for i in order], [truth[i] for i in order]


def distinct(pool: list[dict[str, object]], n: int) -> list[dict[str, object]]:
    """The first ``n`` records sharing no word 8-gram run with an earlier pick (the data
    itself holds a few copies, which would otherwise count as false merges)."""
    seen: set[int] = set()
    out = []
    for rec in pool:
        tokens = str(rec["text"]).lower().split()
        grams = {hash(" ".join(tokens[i : i + 8])) for i in range(len(tokens) - 7)}
        if len(grams & seen) > 5:
            continue
        seen |= grams
        out.append(rec)
        if len(out) == n:
            break
    return out


def pairwise(predicted: list[int], truth: list[int]) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of predicted cluster ids against true ones."""
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(truth)), 2):
        same_p, same_t = predicted[i] == predicted[j], truth[i] == truth[j]
        tp += same_p and same_t
        fp += same_p and not same_t
        fn += same_t and not same_p
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, fp, fn


def labels_from(groups: list[tuple[int, ...]] | list[list[int]], n: int) -> list[int]:
    labels = [-1] * n
    for cid, group in enumerate(groups):
        for i in group:
            labels[i] = cid
    return labels


# ----------------------------------------------------------------------------- main


def table(rows: list[tuple[str, str]], title: str) -> None:
    width = max(len(k) for k, _ in rows)
    print(f"\n{title}\n" + "-" * (width + 24))
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--workers", type=int, default=None, help="default: all cores")
    ap.add_argument("--bases", type=int, default=60, help="synthetic base articles")
    ap.add_argument("--negatives", type=int, default=60, help="synthetic distinct articles")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip-real", action="store_true")
    ap.add_argument("--skip-synthetic", action="store_true")
    args = ap.parse_args()
    if not (args.data / "summaries").is_dir():
        sys.exit(f"{args.data}: no summaries/ folder; pass the data folder with --data")

    from briefing.digest import (
        digest,
        near_duplicate_groups,
        render_digest_markdown,
        render_digest_pdf,
    )
    from briefing.render import write_atomic

    date = dt.date(2025, 11, 25)
    if not args.skip_real:
        start, cpu0 = time.perf_counter(), cpu_seconds()
        articles, load_skipped = real_articles(args.data, args.articles)
        loaded = time.perf_counter()
        errors: list[str] = []
        d = digest(
            articles,  # type: ignore[arg-type]
            date,
            workers=args.workers,
            skipped=load_skipped,
            on_error=lambda i, a, e: errors.append(str(e)),
        )
        built = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            write_atomic(Path(tmp) / "digest.md", render_digest_markdown(d))
            pdf = render_digest_pdf(d, Path(tmp) / "digest.pdf")
        end = time.perf_counter()
        cpu = cpu_seconds() - cpu0
        me, kids = peak_mb()
        wall = end - start
        table(
            [
                ("articles", f"{len(articles)} ({load_skipped} feed entries without text skipped)"),
                ("briefing failures", str(len(errors))),
                ("stories", str(len(d.stories))),
                ("merged (dup. or related)", str(d.merged)),
                ("multi-article stories", str(sum(s.article_count > 1 for s in d.stories))),
                ("load time", f"{loaded - start:.1f} s"),
                ("digest time (brief+cluster)", f"{built - loaded:.1f} s"),
                ("render md+pdf", f"{end - built:.1f} s ({len(pdf) // 1024} KB PDF)"),
                ("wall time", f"{wall:.1f} s  (target <= 60 s)"),
                ("articles/s", f"{len(articles) / wall:.1f}"),
                (
                    "CPU time (all processes)",
                    f"{cpu:.0f} s  (cpu/2 = {cpu / 2:.0f} s on 2 idle cores)",
                ),
                ("peak RSS, this process", f"{me:.0f} MB"),
                ("peak RSS, largest worker", f"{kids:.0f} MB"),
                ("peak RSS, sum (upper bound)", f"{me + kids * 2:.0f} MB  (target < 2048 MB)"),
            ],
            f"Real inputs: {len(articles)} articles -> digest (md + pdf)",
        )

    if not args.skip_synthetic:
        articles, truth = synthetic_set(args.data, args.bases, args.negatives, args.seed)
        texts = [a.text for a in articles]  # type: ignore[attr-defined]
        t0 = time.perf_counter()
        groups = near_duplicate_groups(texts)
        t1 = time.perf_counter()
        p1, r1, fp1, fn1 = pairwise(labels_from(groups, len(texts)), truth)
        d = digest(articles, date, workers=args.workers)  # type: ignore[arg-type]
        t2 = time.perf_counter()
        p2, r2, fp2, fn2 = pairwise(labels_from([s.articles for s in d.stories], len(texts)), truth)
        true_pairs = sum(
            1 for i, j in itertools.combinations(range(len(truth)), 2) if truth[i] == truth[j]
        )
        table(
            [
                (
                    "articles",
                    f"{len(texts)} ({args.bases} bases with variants, "
                    f"{args.negatives} distinct negatives)",
                ),
                ("true pairs", str(true_pairs)),
                ("near-dup level: precision", f"{p1:.3f}  ({fp1} false pairs)"),
                ("near-dup level: recall", f"{r1:.3f}  ({fn1} missed pairs)"),
                ("near-dup level: time", f"{t1 - t0:.2f} s"),
                ("whole digest: precision", f"{p2:.3f}  ({fp2} false pairs, target >= 0.95)"),
                ("whole digest: recall", f"{r2:.3f}  ({fn2} missed pairs, target >= 0.9)"),
                ("whole digest: time", f"{t2 - t1:.1f} s"),
            ],
            "Synthetic near-duplicates: pairwise merging quality",
        )


if __name__ == "__main__":
    main()
