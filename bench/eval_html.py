"""Article-body extraction from real HTML pages, with 95 % bootstrap intervals.

Usage (from the repository root)::

    .venv/bin/python bench/eval_html.py                 # the 90 dev pages
    .venv/bin/python bench/eval_html.py --limit 20      # quick loop
    .venv/bin/python bench/eval_html.py --worst 15      # also list the worst pages of ours
    .venv/bin/python bench/eval_html.py --data PATH     # another data folder (html/ inside)

Data: ``html/<id>.html.gz`` and ``html/gold.jsonl`` (``{"id", "url", "articleBody"}``), the
dev half of scrapinghub/article-extraction-benchmark (see the data README, section 6).

Metric: a faithful replication of that benchmark's ``evaluate.py`` (read at its current
main; the scoring is unchanged since the release commit). Text is tokenised with the
regex ``\\w+`` (Unicode); each text becomes a bag (multiset) of 4-token shingles (a text
of fewer than 4 tokens is one shorter shingle; an empty one has none). Per page, ``tp`` is
the multiset intersection, ``fp``/``fn`` the surplus of the prediction/gold, and the three
are divided by their sum so long pages weigh no more than short ones. Per-page precision
is ``tp / (tp + fp)`` (1 when ``fp == fn == 0``, 0 when ``tp == fp == 0``), recall
likewise; *P* is the mean precision over pages with ``tp + fp > 0`` (so an empty
prediction is left out of P and counts 0 in R, as there), *R* the mean recall over pages
with ``tp + fn > 0``, and *F1* the harmonic mean of P and R (not a mean of per-page F1s).
*Acc* is the benchmark's accuracy: the share of pages whose token sequence equals the
gold's exactly. Added here (not in the benchmark): *F1≥.9*, the share of pages whose own
per-page F1 (from that page's precision and recall) is at least 0.9.

Intervals: the benchmark reports ``±`` 1.96 bootstrap standard deviations; here every
figure has a 95 % percentile bootstrap interval instead (2,000 resamples of the pages,
fixed seed; P, R and F1 recomputed from each resample exactly as above). A comparison
``ours − other`` is paired: the same resampled pages score both, and a difference whose
interval holds 0 is within noise.

Compared, all on the same UTF-8 text of the page: *ours* is the product path,
``briefing.load(path)`` on the ``.html.gz`` file (the loader gunzips it) and the
Article's ``text``; *traf-default* is ``trafilatura.extract(html, include_comments=False)``
as the benchmark's own ``run_trafilatura.py`` calls it; *traf-recall* and
*traf-precision* add ``favor_recall=True`` / ``favor_precision=True``; *naive* is the text
of every ``<p>`` element (lxml), one paragraph each. A page where an extractor raises or
finds nothing scores an empty prediction. Titles are not part of any prediction (the gold
bodies hold no headline).

Variants of our own path are scored too, and their settings chosen by 5-fold
cross-validation over pages (the best F1 on four folds scores the fifth; folds fixed by
seed; ties go to the earlier setting): *tidy* (:data:`VARIANTS`, the fields of
``briefing.load.html.Tidy``: the teaser, trailing-furniture and standfirst rules, the
inline-span repair and the repeated-title rule, each off at 0, so setting #0 is the path before them) and *recall fallback* (our body,
or trafilatura's favor_recall body when ours has fewer than ``t`` times its tokens). The
*CV* figure is printed beside the *in-sample* one (the best setting on all pages scored
on all pages, optimistic by construction); ``CV − ours`` is paired with the shipped
defaults and ``CV − #0`` with the first setting (the path without the variant); each
rule of the best setting is also turned off alone, paired (``best − best without``). A
rule is on in the shipped defaults (``briefing.load.html.TIDY``) only when CV picks it
and that interval of its own excludes 0; the bench says when the defaults differ from the
CV choice (the repeated-title rule: picked, but its interval holds 0, so it stays off).

Speed: every extractor runs on every page in one process, interleaved page by page (the
order rotates from page to page, as a page's first run pays for cold caches); the table
gives the median time per page and the ratio of total time to ours. Ours includes the
metadata (title, date, site) the product also extracts; the others extract text only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import briefing
from briefing.errors import BriefingError

DEFAULT_DATA = Path("/work/shared/data")
B = 2000  # bootstrap resamples
K = 5  # cross-validation folds
NGRAM = 4  # the benchmark's shingle length

TpFpFn = tuple[float, float, float]


# --- the benchmark's metric -------------------------------------------------------------------

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    tokens = tokenize(text)
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def tp_fp_fn(gold: str, pred: str) -> TpFpFn:
    """The page's shingle counts, normalised to sum 1 (as the benchmark does)."""
    true, guess = shingles(gold), shingles(pred)
    tp = fp = fn = 0.0
    for key in set(true) | set(guess):
        t, g = true.get(key, 0), guess.get(key, 0)
        tp += min(t, g)
        fp += max(0, g - t)
        fn += max(0, t - g)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total > 0 else (tp, fp, fn)


def precision_of(c: TpFpFn) -> float:
    tp, fp, fn = c
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_of(c: TpFpFn) -> float:
    tp, fp, fn = c
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def page_f1(c: TpFpFn) -> float:
    p, r = precision_of(c), recall_of(c)
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class PageScore:
    counts: TpFpFn
    exact: bool  # token sequences equal (the benchmark's accuracy)


def score_page(gold: str, pred: str) -> PageScore:
    return PageScore(tp_fp_fn(gold, pred), tokenize(gold) == tokenize(pred))


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def metrics(pages: Sequence[PageScore]) -> dict[str, float]:
    """P, R, F1 (the benchmark's), Acc and the share of pages with F1 ≥ 0.9."""
    p = mean([precision_of(s.counts) for s in pages if s.counts[0] + s.counts[1] > 0])
    r = mean([recall_of(s.counts) for s in pages if s.counts[0] + s.counts[2] > 0])
    return {
        "P": p,
        "R": r,
        "F1": 2 * p * r / (p + r) if p + r else 0.0,
        "Acc": mean([float(s.exact) for s in pages]),
        "F1≥.9": mean([float(page_f1(s.counts) >= 0.9) for s in pages]),
    }


KEYS = ("P", "R", "F1", "Acc", "F1≥.9")


def resamples(n: int, seed: int = 0) -> list[list[int]]:
    rng = random.Random(seed)
    return [[rng.randrange(n) for _ in range(n)] for _ in range(B)]


def interval(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return values[int(0.025 * B)], values[int(0.975 * B) - 1]


def bootstrap(
    pages: Sequence[PageScore], other: Sequence[PageScore] | None = None
) -> dict[str, tuple[float, float, float]]:
    """Each metric (or the paired difference pages − other) with its 95 % interval."""
    draws: dict[str, list[float]] = {k: [] for k in KEYS}
    for idx in resamples(len(pages)):
        m = metrics([pages[i] for i in idx])
        o = metrics([other[i] for i in idx]) if other is not None else None
        for k in KEYS:
            draws[k].append(m[k] - (o[k] if o else 0.0))
    full = metrics(pages)
    base = metrics(other) if other is not None else None
    return {k: (full[k] - (base[k] if base else 0.0), *interval(draws[k])) for k in KEYS}


def fmt(ci: tuple[float, float, float], signed: bool = False) -> str:
    m, lo, hi = ci
    if signed:
        return f"{m:+.3f} [{lo:+.3f},{hi:+.3f}]"
    return f"{m:.3f} [{lo:.3f},{hi:.3f}]"


# --- extractors -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    url: str
    gold: str
    path: Path
    html: str


Extractor = Callable[[Page], str]


def ours(page: Page) -> str:
    try:
        return briefing.load(str(page.path)).text
    except BriefingError:
        return ""


def trafilatura_with(**options: Any) -> Extractor:
    def run(page: Page) -> str:
        import trafilatura

        try:
            return str(trafilatura.extract(page.html, include_comments=False, **options) or "")
        except Exception:  # a crash on one page scores an empty prediction
            return ""

    return run


def naive(page: Page) -> str:
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(page.html)
    except Exception:  # lxml raises assorted errors on broken pages
        return ""
    texts = (" ".join(p.text_content().split()) for p in root.iter("p"))
    return "\n\n".join(t for t in texts if t)


EXTRACTORS: dict[str, Extractor] = {
    "ours": ours,
    "traf-default": trafilatura_with(),
    "traf-recall": trafilatura_with(favor_recall=True),
    "traf-precision": trafilatura_with(favor_precision=True),
    "naive <p>": naive,
}


# --- variants of our path, tuned by cross-validation -------------------------------------------

#: name -> settings to choose among, each the fields of a ``briefing.load.html.Tidy``
#: (0 turns a rule off; the all-off setting is the path before the rules existed)
VARIANTS: dict[str, list[dict[str, Any]]] = {
    "tidy": [
        {
            "dek_overlap": dek,
            "teaser_words": teaser,
            "tail_words": tail,
            "inline_spans": spans,
            "title_anywhere": again,
        }
        for dek in (0.0, 0.8)
        for teaser in (0, 25)
        for tail in (0, 40)
        for spans in (False, True)
        for again in (False, True)
    ],
}
#: token ratios for the recall fallback: below ``t`` x the favor_recall body, take that
FALLBACK = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95)


def variant_extractor(options: dict[str, Any]) -> Extractor:
    def run(page: Page) -> str:
        from briefing.load.html import Tidy, article_from_html

        try:
            return article_from_html(page.html, page.id, tidy=Tidy(**options)).text
        except BriefingError:
            return ""

    return run


def fallback(ours_text: str, recall_text: str, t: float) -> str:
    """Our body, or the favor_recall body when ours is under ``t`` times its length."""
    short = len(tokenize(ours_text)) < t * len(tokenize(recall_text))
    return recall_text if short else ours_text


def cross_validate(
    table: list[list[PageScore]],
) -> tuple[list[PageScore], list[PageScore], int, list[int]]:
    """CV and in-sample page scores for a list of settings (setting -> per-page scores)."""
    n = len(table[0])
    order = list(range(n))
    random.Random(1).shuffle(order)
    folds = [order[i::K] for i in range(K)]
    cv: list[PageScore | None] = [None] * n
    chosen = []

    def objective(g: int, rows: list[int]) -> tuple[float, int]:
        return round(metrics([table[g][i] for i in rows])["F1"], 9), -g  # ties: the first

    for fold in folds:
        held = set(fold)
        train = [i for i in range(n) if i not in held]
        best = max(range(len(table)), key=lambda g: objective(g, train))
        chosen.append(best)
        for i in fold:
            cv[i] = table[best][i]
    best_all = max(range(len(table)), key=lambda g: objective(g, list(range(n))))
    return [c for c in cv if c is not None], table[best_all], best_all, chosen  # page order


# --- run --------------------------------------------------------------------------------------


def read_pages(data: Path, limit: int | None) -> list[Page]:
    folder = data / "html"
    pages = []
    with (folder / "gold.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            path = folder / f"{record['id']}.html.gz"
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
                text = f.read()
            pages.append(Page(record["id"], record["url"], record["articleBody"], path, text))
            if limit is not None and len(pages) >= limit:
                break
    return pages


def run_all(
    pages: list[Page], extractors: dict[str, Extractor]
) -> tuple[dict[str, list[str]], dict[str, list[float]]]:
    outputs: dict[str, list[str]] = {name: [] for name in extractors}
    seconds: dict[str, list[float]] = {name: [] for name in extractors}
    names = list(extractors)
    for n, page in enumerate(pages):
        # rotate who goes first on each page: a page's first run pays for cold caches
        for name in names[n % len(names) :] + names[: n % len(names)]:
            extract = extractors[name]
            start = time.perf_counter()
            outputs[name].append(extract(page))
            seconds[name].append(time.perf_counter() - start)
    return outputs, seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages of ours")
    parser.add_argument("--no-variants", action="store_true", help="skip the CV variants")
    args = parser.parse_args(argv)

    pages = read_pages(args.data, args.limit)
    if not pages:
        print("no pages", file=sys.stderr)
        return 1
    extractors = dict(EXTRACTORS)
    if not args.no_variants:
        for name, grid in VARIANTS.items():
            for g, options in enumerate(grid):
                extractors[f"{name}#{g}"] = variant_extractor(options)
    outputs, seconds = run_all(pages, extractors)
    scores = {
        name: [score_page(p.gold, o) for p, o in zip(pages, outs, strict=True)]
        for name, outs in outputs.items()
    }

    print(f"{len(pages)} pages; benchmark metric (4-gram shingles of \\w+ tokens), 95 % CI")
    head = f"{'extractor':16}" + "".join(f"{k:>24}" for k in KEYS)
    print(head)
    for name in EXTRACTORS:
        ci = bootstrap(scores[name])
        print(f"{name:16}" + "".join(f"{fmt(ci[k]):>24}" for k in KEYS))
    print("\npaired difference, ours − other")
    print(head)
    for name in EXTRACTORS:
        if name == "ours":
            continue
        ci = bootstrap(scores["ours"], scores[name])
        print(f"{'− ' + name:16}" + "".join(f"{fmt(ci[k], signed=True):>24}" for k in KEYS))

    print("\nspeed (same run, interleaved page by page)")
    total_ours = sum(seconds["ours"])
    for name in EXTRACTORS:
        med = statistics.median(seconds[name]) * 1000
        ratio = sum(seconds[name]) / total_ours if total_ours else 0.0
        print(f"{name:16}median {med:7.1f} ms/page   total {ratio:5.2f}x ours")

    if not args.no_variants:
        print("\nvariants of our path (CV picks the setting; in-sample is optimistic)")
        tables = {
            name: ([scores[f"{name}#{g}"] for g in range(len(grid))], grid)
            for name, grid in VARIANTS.items()
        }
        tables["recall fallback"] = (
            [
                [
                    score_page(p.gold, fallback(o, r, t))
                    for p, o, r in zip(pages, outputs["ours"], outputs["traf-recall"], strict=True)
                ]
                for t in FALLBACK
            ],
            [{"t": t} for t in FALLBACK],
        )
        for name, (table, grid) in tables.items():
            cv, insample, best, chosen = cross_validate(table)
            print(f"{name}: in-sample best {grid[best]}; folds chose {chosen}")
            if name == "tidy":
                from briefing.load.html import TIDY, Tidy

                shipped = Tidy(**grid[best]) == TIDY
                print(f"  shipped defaults {'are' if shipped else 'differ from'} this choice")
            for label, s in (("in-sample", insample), ("CV", cv)):
                ci = bootstrap(s)
                print(f"  {label:10}" + "".join(f"{k} {fmt(ci[k])}  " for k in ("P", "R", "F1")))
            for label, ref in (("CV − ours", scores["ours"]), ("CV − #0  ", table[0])):
                ci = bootstrap(cv, ref)  # all in page order: paired
                print(f"  {label} " + "".join(f"{k} {fmt(ci[k], signed=True)}  " for k in KEYS))
            for field, value in grid[best].items():
                off = {**grid[best], field: type(value)()}  # this one rule off
                if value and off in grid:
                    # four decimals: these differences are small
                    m, lo, hi = bootstrap(table[best], table[grid.index(off)])["F1"]
                    print(f"  best − best without {field}: F1 {m:+.4f} [{lo:+.4f},{hi:+.4f}]")
            for g in range(len(grid)):
                key = f"{name}#{g}"
                secs = sum(seconds[key]) / total_ours if key in seconds and total_ours else 0.0
                print(f"  #{g} {grid[g]}: F1 {metrics(table[g])['F1']:.4f}, {secs:.2f}x ours")

    if args.worst:
        print(f"\nworst {args.worst} pages of ours by page F1")
        ranked = sorted(range(len(pages)), key=lambda i: page_f1(scores["ours"][i].counts))
        for i in ranked[: args.worst]:
            c = scores["ours"][i].counts
            print(
                f"  F1 {page_f1(c):.3f} P {precision_of(c):.3f} R {recall_of(c):.3f} "
                f"ours {len(tokenize(outputs['ours'][i])):5d} gold "
                f"{len(tokenize(pages[i].gold)):5d} tokens  {pages[i].id[:12]}  {pages[i].url}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
