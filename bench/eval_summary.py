"""Summary quality and speed, with an honest protocol: intervals, paired differences, CV.

Usage (from the repository root)::

    .venv/bin/python bench/eval_summary.py                    # both datasets, every method
    .venv/bin/python bench/eval_summary.py --datasets cnndm --algorithms default,lead
    .venv/bin/python bench/eval_summary.py --limit 60 --no-speed   # quick loop

CNN/DM is summarised with 3 sentences; BBC with as many sentences as its reference has
lines. ``lead-naive`` is a Lead-N baseline computed without our code (a plain regex
sentence split written here). ROUGE is ``rouge_score`` F1 (Porter stemmer; Lsum on
newline-separated sentences).

Every figure is a mean over articles with a 95 % percentile bootstrap interval (2,000
resamples of articles). A comparison (``default − lead``) is the mean of the per-article
differences, with the bootstrap interval of that paired mean: a gain whose interval
holds 0 is not a gain.

The CV section is how anything tuned is chosen: every candidate configuration of the news
ranker (:data:`CANDIDATES`: the shipped weights, ablations, options, and a grid of the
lede/coverage blend's endpoints) is scored on every article; in each of 5 folds the
candidate with the best R1 on the training folds of the ``--select-on`` datasets (default
CNN/DM; the other datasets are guards) is applied to the held-out fold of every dataset.
The held-out scores of all folds make the cross-validated figure, printed beside the
in-sample one (the best candidate on all of the dev split) and repeated on three fold
splits. Each idea (:data:`FAMILIES`) is also cross-validated alone, choosing only between
the shipped weights and its own variants: an idea ships only if that "CV − shipped" is
positive with an interval clear of 0. ROUGE scores and sumy's outputs are cached under /tmp (keyed by content),
so reruns cost only the summaries that changed.

After the CV, three more checks on CNN/DM: a logistic-regression ranker on oracle labels
(5-fold CV, top sentences); word budgets typical of highlights as an option, the budget
chosen by CV (``--words`` is the user's, so this is reported apart, never a default); and
with ``--pairwise`` a learned lede model (pairwise loss, richer features) under nested CV.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer

from briefing.models import Article
from briefing.summarize import (
    ALGORITHMS,
    Budget,
    NewsRanker,
    Weights,
    _document as make_document,
    run as run_method,
    summarize,
)
from briefing.summarize.base import Document, Rating, fill
from briefing.summarize.features import analyse
from briefing.summarize.news import budget_ratio, lede_weight

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
CACHE = Path("/tmp/briefing-eval-summary-cache.pkl")
METRICS = ("rouge1", "rouge2", "rougeLsum")
LABELS = ("R1", "R2", "RLsum")
NAIVE = "lead-naive"
REF_WORDS = "default@ref-words"
BOOT = 2000
FOLDS = 5
SEED = 13
REPEATS = 3  # the CV is repeated on this many different fold splits
#: sumy's methods are slow and untouched by ranker work: their summaries are cached.
CACHED_METHODS = frozenset(ALGORITHMS) - {"default"}

#: Ranker configurations the CV section chooses among (the shipped weights first).
CANDIDATES: dict[str, Weights] = {
    "shipped": Weights(),
    "no-centrality": Weights(centrality=0.0),
    "strong-centrality": Weights(centrality=1.0),
    "flat-position": Weights(position_halflife=4.0),
    "steep-position": Weights(position_halflife=1.0),
    "more-title": Weights(title=0.5),
    "no-length": Weights(length=0.0),
    "no-density": Weights(density=0.0),
    "mmr-0.8": Weights(mmr=0.8),
    "mmr-1.0": Weights(mmr=1.0),
    "clean-lead": Weights(centrality=0, title=0, density=0, length=0, reader=0, mmr=1.0),
    "backward-0.2": Weights(backward=-0.2),
    "caption-0.3": Weights(caption=0.3),
    # issue 13: ideas known to generalise for news lead selection, each a family below
    "clean-prefix": Weights(clean_prefix=True),
    "broad-furniture": Weights(precise_furniture=False),
    "clean-broad": Weights(clean_prefix=True, precise_furniture=False),
    **{
        f"short-lead-{n}-{p:g}": Weights(short_lead=n, short_weight=p)
        for n in (6, 8, 10, 12)
        for p in (0.3, 0.6)
    },
    **{f"duplicate-{d:g}": Weights(duplicate=d) for d in (0.3, 0.4, 0.7)},
    "mmr-0.7": Weights(mmr=0.7),
    **{f"names-{v:g}": Weights(names=v) for v in (0.1, 0.2, 0.4)},
    **{f"length-{v:g}": Weights(length=v) for v in (0.2, 0.3)},
    **{f"quote-{v:g}": Weights(quote=v) for v in (0.1, 0.2, 0.4)},
    # PacSum-style directed centrality: weights on forward (later sentences) and backward
    # (earlier ones, negative as in PacSum) centrality, the shipped (0.5, 0) among them
    **{
        f"pacsum-{f:g}{b:+g}": Weights(centrality=f, backward=b)
        for f in (0.25, 0.5, 0.75, 1.0)
        for b in (0.0, -0.1, -0.25, -0.5)
        if (f, b) != (0.5, 0.0)
    },
    # the lede/coverage blend's endpoints (budget ratios)
    **{
        f"lede-{full:g}-{none:g}": Weights(lede_full=full, lede_none=none)
        for full in (0.1, 0.15, 0.2, 0.25)
        for none in (0.3, 0.35, 0.4, 0.5)
        if (full, none) != (0.25, 0.5)
    },
}

#: Each idea is also cross-validated on its own: CV choosing between the shipped weights and
#: the family's variants only, so "CV − shipped" says whether the idea holds out of sample.
FAMILIES: dict[str, tuple[str, ...]] = {
    "cleaner leads (prefix)": ("clean-prefix",),
    "broad furniture (the old default)": ("broad-furniture",),
    "both cleanings": ("clean-prefix", "broad-furniture", "clean-broad"),
    "short first sentence": tuple(c for c in CANDIDATES if c.startswith("short-lead")),
    "redundancy (MMR)": ("mmr-0.7", "mmr-0.8", "mmr-1.0", "duplicate-0.3", "duplicate-0.4",
                         "duplicate-0.7"),
    "entity overlap": ("names-0.1", "names-0.2", "names-0.4"),
    "title overlap": ("more-title",),
    "length prior": ("no-length", "length-0.2", "length-0.3"),
    "position prior": ("flat-position", "steep-position"),
    "quote penalty": ("quote-0.1", "quote-0.2", "quote-0.4"),
    "PacSum forward x backward": tuple(c for c in CANDIDATES if c.startswith("pacsum-")),
}  # fmt: skip

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
    """Per-article ROUGE F1 (rows: articles, columns: METRICS); NaN rows for failures."""

    scores: np.ndarray
    errors: int = 0
    seconds: float = 0.0
    first_error: str = ""


@dataclass
class Cache:
    rouge: dict[tuple[str, str], tuple[float, float, float]] = field(default_factory=dict)
    outputs: dict[tuple[str, str, int], list[str]] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def load(cls) -> Cache:
        try:
            with CACHE.open("rb") as handle:
                cache = pickle.load(handle)
            return cache if isinstance(cache, cls) else cls()
        except (OSError, pickle.PickleError, EOFError, AttributeError):
            return cls()

    def save(self) -> None:
        if self.dirty:
            tmp = CACHE.with_suffix(".tmp")
            with tmp.open("wb") as handle:
                pickle.dump(self, handle)
            tmp.replace(CACHE)


def digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def code_version() -> str:
    """A hash of the code sumy's cached summaries depend on (splitting, languages, adapters)."""
    files = (
        "briefing/text.py",
        "briefing/lang.py",
        "briefing/summarize/units.py",
        "briefing/summarize/sumy_adapters.py",
    )
    return digest(*((ROOT / f).read_text(encoding="utf-8") for f in files))


class Rouge:
    def __init__(self, cache: Cache) -> None:
        self.scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
        self.cache = cache

    def __call__(self, reference: str, chosen: Sequence[str]) -> tuple[float, float, float]:
        candidate = "\n".join(chosen)
        key = (digest(reference), digest(candidate))
        hit = self.cache.rouge.get(key)
        if hit is None:
            s = self.scorer.score(reference, candidate)
            hit = (s["rouge1"].fmeasure, s["rouge2"].fmeasure, s["rougeLsum"].fmeasure)
            self.cache.rouge[key] = hit
            self.cache.dirty = True
        return hit


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


Summarise = Callable[[Record], list[str]]


def evaluate(records: list[Record], summarise: Summarise, rouge: Rouge) -> Result:
    result = Result(np.full((len(records), len(METRICS)), np.nan))
    for i, record in enumerate(records):
        start = time.perf_counter()
        try:
            chosen = summarise(record)
        except Exception as exc:  # a bench counts failures instead of stopping
            result.errors += 1
            result.first_error = result.first_error or f"{record.id}: {exc!r}"
            continue
        finally:
            result.seconds += time.perf_counter() - start
        result.scores[i] = rouge(record.reference, chosen)
    return result


def by_algorithm(name: str, cache: Cache, version: str) -> Summarise:
    def summarise(record: Record) -> list[str]:
        key = (name, digest(version, record.article.title or "", record.article.text), record.count)
        if name in CACHED_METHODS and key in cache.outputs:
            return cache.outputs[key]
        chosen = [s.text for s in summarize(record.article, record.count, name)]
        if name in CACHED_METHODS:
            cache.outputs[key] = chosen
            cache.dirty = True
        return chosen

    return summarise


def by_weights(weights: Weights) -> Summarise:
    ranker = NewsRanker(weights)

    def summarise(record: Record) -> list[str]:
        doc = make_document(record.article)
        return [s.text for s in run_method(ranker, doc, Budget(record.count, None))]

    return summarise


def at_reference_length(record: Record) -> list[str]:
    """``default`` with a word budget equal to the reference's length (an option, reported
    apart: a real user does not know the reference)."""
    words = max(1, len(record.reference.split()))
    return [s.text for s in summarize(record.article, None, "default", words=words)]


def lead_naive(record: Record) -> list[str]:
    return naive_sentences(record.article.text)[: record.count]


# --------------------------------------------------------------------------- statistics


def bootstrap(values: np.ndarray, rng: np.random.Generator) -> tuple[float, float, float]:
    """Mean and 95 % percentile interval (×100) of ``values`` over resampled articles."""
    values = values[~np.isnan(values)]
    if values.size == 0:
        return (float("nan"),) * 3
    idx = rng.integers(0, values.size, size=(BOOT, values.size))
    means = values[idx].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return 100 * float(values.mean()), 100 * float(lo), 100 * float(hi)


def fmt(stat: tuple[float, float, float], signed: bool = False) -> str:
    mean, lo, hi = stat
    sign = "+" if signed else ""
    return f"{mean:{sign}6.2f} [{lo:{sign}.2f}, {hi:{sign}.2f}]"


def folds(n: int, k: int = FOLDS, seed: int = SEED) -> list[np.ndarray]:
    """k disjoint test folds of a seeded permutation of range(n)."""
    order = np.random.default_rng(seed).permutation(n)
    return [order[i::k] for i in range(k)]


def cross_validate(
    scores: dict[str, dict[str, np.ndarray]],
    select_on: Sequence[str],
    metric: int = 0,
    seed: int = SEED,
) -> tuple[dict[str, np.ndarray], list[str]]:
    """Out-of-fold scores of "choose the candidate best on the training folds".

    ``scores[dataset][candidate]`` holds per-article scores. Each dataset is cut into
    FOLDS folds; in round f the candidate with the best mean ``metric`` on the training
    folds of the ``select_on`` datasets (weighted equally) is applied to every dataset's
    fold f. One configuration serves all news, so one is chosen for all datasets; the
    datasets not selected on act as guards (their held-out folds are still reported).
    """
    datasets = list(scores)
    names = list(scores[datasets[0]])
    splits = {d: folds(next(iter(scores[d].values())).shape[0], FOLDS, seed) for d in datasets}
    out = {
        d: np.full((next(iter(scores[d].values())).shape[0], len(METRICS)), np.nan)
        for d in datasets
    }
    chosen: list[str] = []
    for f in range(FOLDS):

        def objective(c: str, f: int = f) -> float:
            total = 0.0
            for d in select_on:
                n = scores[d][c].shape[0]
                train = np.setdiff1d(np.arange(n), splits[d][f])
                total += float(np.nanmean(scores[d][c][train, metric]))
            return total / len(select_on)

        best = max(names, key=objective)
        chosen.append(best)
        for d in datasets:
            out[d][splits[d][f]] = scores[d][best][splits[d][f]]
    return out, chosen


def candidate_scores(records: list[Record], rouge: Rouge) -> dict[str, np.ndarray]:
    """Per-article ROUGE of every candidate configuration; each article is split and
    analysed once (candidates in the inner loop share the ranker's cached analysis)."""
    rankers = {name: NewsRanker(w) for name, w in CANDIDATES.items()}
    out = {name: np.full((len(records), len(METRICS)), np.nan) for name in CANDIDATES}
    for i, record in enumerate(records):
        doc = make_document(record.article)
        budget = Budget(record.count, None)
        for name, ranker in rankers.items():
            chosen = [s.text for s in run_method(ranker, doc, budget)]
            out[name][i] = rouge(record.reference, chosen)
    return out


# --------------------------------------------------------------------------- tables


def print_table(rows: list[tuple[str, str, Result]], rng: np.random.Generator) -> None:
    header = (
        f"{'dataset':8} {'algorithm':17} "
        + " ".join(f"{label + ' [95% CI]':>22}" for label in LABELS)
        + f" {'n':>5} {'err':>4} {'sec':>7}"
    )
    print(header)
    print("-" * len(header))
    for dataset, algorithm, result in rows:
        stats = [fmt(bootstrap(result.scores[:, m], rng)) for m in range(len(METRICS))]
        n = int((~np.isnan(result.scores[:, 0])).sum())
        print(
            f"{dataset:8} {algorithm:17} "
            + " ".join(f"{s:>22}" for s in stats)
            + f" {n:5d} {result.errors:4d} {result.seconds:7.2f}"
        )
        if result.first_error:
            print(f"{'':8} first error: {result.first_error}")


def print_paired(label: str, ours: np.ndarray, base: np.ndarray, rng: np.random.Generator) -> None:
    diff = ours - base
    stats = [fmt(bootstrap(diff[:, m], rng), signed=True) for m in range(len(METRICS))]
    print(f"  {label:34} " + " ".join(f"{s:>24}" for s in stats))


def print_cv(
    per_dataset: dict[str, tuple[list[Record], dict[str, Result]]],
    rouge: Rouge,
    rng: np.random.Generator,
    select_on: Sequence[str],
) -> None:
    scores = {d: candidate_scores(records, rouge) for d, (records, _) in per_dataset.items()}
    leads = {d: results["lead"].scores for d, (_, results) in per_dataset.items()}
    select_on = [d for d in select_on if d in scores] or list(scores)

    def overall(c: str) -> float:
        return float(np.mean([np.nanmean(scores[d][c][:, 0]) for d in select_on]))

    best = max(CANDIDATES, key=overall)
    cv, chosen = cross_validate(scores, select_on)
    print(
        f"\n{FOLDS}-fold CV over {len(CANDIDATES)} ranker configurations, one chosen for all "
        f"datasets by R1 on {' + '.join(select_on)} (the others are guards)"
    )
    print(f"  folds chose: {', '.join(chosen)}; in-sample best: {best}")
    for d in scores:
        print(f"\n{d}:  {'':30} " + " ".join(f"{label + ' [95% CI]':>24}" for label in LABELS))
        for name in CANDIDATES:
            mark = " *" if name == best else ""
            stats = [fmt(bootstrap(scores[d][name][:, m], rng)) for m in range(len(METRICS))]
            print(f"  {name + mark:34} " + " ".join(f"{s:>24}" for s in stats))
        stats = [fmt(bootstrap(cv[d][:, m], rng)) for m in range(len(METRICS))]
        print(f"  {'cross-validated':34} " + " ".join(f"{s:>24}" for s in stats))
        print_paired("in-sample best − lead", scores[d][best], leads[d], rng)
        print_paired("shipped − lead", scores[d]["shipped"], leads[d], rng)
        print_paired("cross-validated − lead", cv[d], leads[d], rng)
        print_paired("cross-validated − shipped", cv[d], scores[d]["shipped"], rng)
    print("\nEach idea on its own: CV choosing between shipped and the family's variants")
    for family, members in FAMILIES.items():
        sub = {d: {c: scores[d][c] for c in ("shipped", *members)} for d in scores}
        fam_cv, picks = cross_validate(sub, select_on)
        top = max(members, key=overall)
        print(f"  {family}: folds chose {', '.join(picks)}; in-sample best {top}")
        for d in scores:
            print_paired(
                f"{d}: in-sample {top} − shipped", scores[d][top], scores[d]["shipped"], rng
            )
            print_paired(f"{d}: in-sample {top} − lead", scores[d][top], leads[d], rng)
            print_paired(f"{d}: CV − shipped", fam_cv[d], scores[d]["shipped"], rng)
            print_paired(f"{d}: CV − lead", fam_cv[d], leads[d], rng)
    for seed in range(SEED + 1, SEED + REPEATS):  # other fold splits: how stable is CV?
        again, picks = cross_validate(scores, select_on, seed=seed)
        print(f"\nfold split {seed}: folds chose {', '.join(picks)}")
        for d in scores:
            print_paired(f"{d}: cross-validated − lead", again[d], leads[d], rng)


# --------------------------------------------------------------------------- learned ranker

LEARNED_FEATURES = (
    "position", "centrality", "title", "density", "length", "reader", "coverage", "first",
)  # fmt: skip
_TOKEN = re.compile(r"[a-z0-9]+")


def _unigram_f1(candidate: Counter[str], reference: Counter[str]) -> float:
    overlap = sum((candidate & reference).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(candidate.values()), overlap / sum(reference.values())
    return 2 * p * r / (p + r)


def sentence_table(record: Record) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Per-sentence features (the ranker's own, before weighting), eligibility, and the
    greedy oracle label (sentences that raise unigram F1 with the reference, up to count)."""
    doc = make_document(record.article)
    a = analyse(doc)
    x = np.array(
        [
            [
                1.0 / (1.0 + a.position[i] / 2.0), a.forward[i], a.title[i], a.density[i],
                a.length[i], a.reader[i], a.coverage[i], float(a.position[i] == 0),
            ]
            for i in range(len(doc.spans))
        ]
    ).reshape(-1, len(LEARNED_FEATURES))  # fmt: skip
    eligible = np.array([p < 1.0 for p, _ in a.penalties], dtype=bool)
    reference = Counter(_TOKEN.findall(record.reference.lower()))
    bags = [Counter(_TOKEN.findall(span.text.lower())) for span in doc.spans]
    label = np.zeros(len(doc.spans))
    current: Counter[str] = Counter()
    best = 0.0
    for _ in range(record.count):
        options = [
            (_unigram_f1(current + bags[i], reference), i)
            for i in range(len(bags))
            if eligible[i] and not label[i]
        ]
        if not options:
            break
        value, pick = max(options)
        if value <= best:
            break
        best, label[pick], current = value, 1.0, current + bags[pick]
    return x, eligible, label, [span.text for span in doc.spans]


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """L2-regularised logistic regression (with intercept) by Newton's method."""
    z = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + l2 * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def print_learned(
    records: list[Record], rouge: Rouge, lead: np.ndarray, shipped: np.ndarray,
    rng: np.random.Generator,
) -> None:  # fmt: skip
    """A small learned ranker under CV: logistic regression on the ranker's features with
    oracle labels, trained on 4 folds, applied (top sentences) to the fifth."""
    tables = [sentence_table(r) for r in records]
    out = np.full((len(records), len(METRICS)), np.nan)
    weights = []
    for test in folds(len(records)):
        train = np.setdiff1d(np.arange(len(records)), test)
        x = np.vstack([tables[j][0][tables[j][1]] for j in train])
        y = np.concatenate([tables[j][2][tables[j][1]] for j in train])
        w = fit_logistic(x, y)
        weights.append(w)
        for j in test:
            feats, eligible, _, texts = tables[j]
            score = feats @ w[:-1] - 100.0 * ~eligible
            top = sorted(np.lexsort((np.arange(len(score)), -score))[: records[j].count])
            out[j] = rouge(records[j].reference, [texts[i] for i in top])
    print(
        f"\n  learned ranker (logistic regression on {', '.join(LEARNED_FEATURES)}; {FOLDS}-fold CV)"
    )
    stats = [fmt(bootstrap(out[:, m], rng)) for m in range(len(METRICS))]
    print(f"  {'learned, cross-validated':34} " + " ".join(f"{s:>24}" for s in stats))
    print_paired("learned (CV) − lead", out, lead, rng)
    print_paired("learned (CV) − shipped", out, shipped, rng)
    mean_w = np.mean(weights, axis=0)
    print(
        "  mean coefficients: "
        + ", ".join(f"{n} {v:+.2f}" for n, v in zip(LEARNED_FEATURES, mean_w, strict=False))
    )


#: Word budgets tried as an option for CNN/DM (``summarize(words=...)``, with or without
#: the 3-sentence cap); highlights run about 52 words on the dev split.
WORD_BUDGETS: dict[str, Budget] = {
    "3 sentences (shipped)": Budget(3, None),
    **{f"{w} words": Budget(None, w) for w in (40, 50, 60, 75, 90, 110)},
    **{f"3 sentences, {w} words": Budget(3, w) for w in (60, 75, 90)},
}


def print_word_budget(records: list[Record], rouge: Rouge, rng: np.random.Generator) -> None:
    """A word budget typical of highlights, as an option (``--words`` is the user's): CV
    choosing the budget on CNN/DM, against the shipped 3 sentences and Lead-3. BBC is left
    out: its references are a share of the article, which no fixed budget fits."""
    ranker, lead = NewsRanker(), ALGORITHMS["lead"]()
    ours = {n: np.full((len(records), len(METRICS)), np.nan) for n in WORD_BUDGETS}
    leads = {n: np.full((len(records), len(METRICS)), np.nan) for n in WORD_BUDGETS}
    for i, record in enumerate(records):
        doc = make_document(record.article)
        for n, budget in WORD_BUDGETS.items():
            ours[n][i] = rouge(record.reference, [s.text for s in run_method(ranker, doc, budget)])
            leads[n][i] = rouge(record.reference, [s.text for s in run_method(lead, doc, budget)])
    lead3 = leads["3 sentences (shipped)"]
    shipped = ours["3 sentences (shipped)"]
    print("\ncnndm word budgets (an option): default at each budget")
    for n in WORD_BUDGETS:
        print_paired(f"{n}: default − lead-3", ours[n], lead3, rng)
        print_paired(f"{n}: default − lead (same budget)", ours[n], leads[n], rng)
    for seed in range(SEED, SEED + REPEATS):
        cv, picks = cross_validate({"cnndm": ours}, ["cnndm"], seed=seed)
        print(f"  fold split {seed}: folds chose {', '.join(picks)}")
        print_paired("CV budget − shipped (3 sentences)", cv["cnndm"], shipped, rng)
        print_paired("CV budget − lead-3", cv["cnndm"], lead3, rng)


# ----------------------------------------------------- learned lede model (pairwise, nested CV)

PAIRWISE_FEATURES = (
    "position", "first", "second", "third", "fourth", "log position", "relative position",
    "forward", "backward", "coverage", "title", "density", "length", "reader", "words",
    "words^2", "first x words", "position x length", "position x forward",
    "position x coverage", "quoted", "names",
)  # fmt: skip
#: (label, L2, margin): the greedy oracle's 0/1 labels, or each sentence's own unigram F1
#: with the reference ("soft"); a pair is trained on when its labels differ by the margin.
PAIRWISE_VARIANTS: dict[str, tuple[str, float, float]] = {
    "pairwise oracle, L2 1": ("oracle", 1.0, 0.5),
    "pairwise oracle, L2 100": ("oracle", 100.0, 0.5),
    "pairwise soft, L2 1": ("soft", 1.0, 0.05),
    "pairwise soft, L2 100": ("soft", 100.0, 0.05),
}
Model = tuple[np.ndarray, np.ndarray, np.ndarray]


@dataclass
class LedeTable:
    """One article's sentences for the learned lede model: features, eligibility, labels, and
    what the shipped ranker needs to finish the summary (lede score, blend, penalties)."""

    doc: Document
    x: np.ndarray
    eligible: np.ndarray
    labels: dict[str, np.ndarray]
    shipped_lede: np.ndarray
    coverage: np.ndarray
    penalty: np.ndarray
    blend: float
    budget: Budget


def lede_table(record: Record) -> LedeTable:
    doc = make_document(record.article)
    a = analyse(doc)
    names, quoted, _ = a.extras(doc.language.stop_words)
    budget = Budget(record.count, None)
    w = Weights()
    n_content = max(1, sum(p < 1.0 for p, _ in a.penalties))
    rows, shipped = [], []
    for i, span in enumerate(doc.spans):
        k = a.position[i]
        p = 1.0 / (1.0 + k / w.position_halflife)
        words = len(span.text.split()) / 30.0
        rows.append(
            [
                p, k == 0, k == 1, k == 2, k == 3, np.log1p(k), k / n_content,
                a.forward[i], a.backward[i], a.coverage[i], a.title[i], a.density[i],
                a.length[i], a.reader[i], words, words * words, (k == 0) * words,
                p * a.length[i], p * a.forward[i], p * a.coverage[i], quoted[i], names[i],
            ]
        )  # fmt: skip
        shipped.append(
            p + w.centrality * a.forward[i] + w.title * a.title[i] + w.density * a.density[i]
            + w.length * a.length[i] - w.reader * a.reader[i]
        )  # fmt: skip
    reference = Counter(_TOKEN.findall(record.reference.lower()))
    soft = [_unigram_f1(Counter(_TOKEN.findall(s.text.lower())), reference) for s in doc.spans]
    return LedeTable(
        doc,
        np.array(rows, dtype=float).reshape(-1, len(PAIRWISE_FEATURES)),
        np.array([p < 1.0 for p, _ in a.penalties], dtype=bool),
        {"oracle": sentence_table(record)[2], "soft": np.array(soft)},
        np.array(shipped),
        np.array(a.coverage),
        np.array([p for p, _ in a.penalties]),
        lede_weight(budget_ratio(doc, a.penalties, budget, w), w),
        budget,
    )


def fit_pairwise(tables: Sequence[LedeTable], label: str, l2: float, margin: float) -> Model:
    """RankNet-style logistic loss on within-article pairs (standardised features)."""
    x = np.vstack([t.x[t.eligible] for t in tables])
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-9
    diffs = []
    for t in tables:
        e = np.flatnonzero(t.eligible)
        y, xs = t.labels[label][e], (t.x[e] - mu) / sd
        better, worse = np.nonzero(y[:, None] > y[None, :] + margin)
        diffs.append(xs[better] - xs[worse])
    z = np.vstack(diffs)
    w = np.zeros(z.shape[1])
    for _ in range(30):
        q = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = -z.T @ (1.0 - q) + l2 * w
        hess = (z * (q * (1.0 - q))[:, None]).T @ z + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return mu, sd, w


def learned_summary(t: LedeTable, model: Model | None) -> list[str]:
    """The shipped pipeline (lede/coverage blend, boilerplate, MMR, fill) with the lede score
    replaced by the model's, mapped onto the shipped lede score's range in the article."""
    lede = t.shipped_lede
    if model is not None:
        mu, sd, w = model
        raw = ((t.x - mu) / sd) @ w
        e = t.eligible if t.eligible.any() else np.ones_like(t.eligible)
        lo, hi = raw[e].min(), raw[e].max()
        s_lo, s_hi = t.shipped_lede[e].min(), t.shipped_lede[e].max()
        if hi > lo:
            lede = s_lo + (raw - lo) / (hi - lo) * (s_hi - s_lo)
    score = t.blend * lede + (1.0 - t.blend) * t.coverage - t.penalty
    ratings = [Rating(i, float(v), (), bool(t.eligible[i])) for i, v in enumerate(score)]
    chosen = fill(NewsRanker().order(t.doc, ratings), t.doc, t.budget)
    return [t.doc.spans[r.index].text for r in sorted(chosen, key=lambda r: r.index)]


def print_pairwise(
    per_dataset: dict[str, tuple[list[Record], dict[str, Result]]],
    rouge: Rouge,
    rng: np.random.Generator,
) -> None:
    """A learned lede model with a pairwise loss and richer features (position one-hots,
    position x length, words, quotation share, entity overlap), trained only within CV
    folds on CNN/DM. Each variant alone is cross-validated; then a nested CV chooses, in
    each outer fold, between the shipped weights and the variants by an inner 4-fold CV on
    the training folds. BBC's folds get the model trained on CNN/DM's training folds."""
    tables = {d: [lede_table(r) for r in records] for d, (records, _) in per_dataset.items()}
    records = {d: records for d, (records, _) in per_dataset.items()}

    def score(d: str, idx: Sequence[int] | np.ndarray, model: Model | None) -> np.ndarray:
        rows = [rouge(records[d][j].reference, learned_summary(tables[d][j], model)) for j in idx]
        return np.array(rows).reshape(-1, len(METRICS))

    sizes = {d: len(records[d]) for d in records}
    shipped = {d: score(d, range(n), None) for d, n in sizes.items()}
    splits = {d: folds(n) for d, n in sizes.items()}
    alone = {
        v: {d: np.full((n, len(METRICS)), np.nan) for d, n in sizes.items()}
        for v in PAIRWISE_VARIANTS
    }
    nested = {d: np.full((n, len(METRICS)), np.nan) for d, n in sizes.items()}
    picks = []
    cnn = tables["cnndm"]
    for f in range(FOLDS):
        train = np.setdiff1d(np.arange(sizes["cnndm"]), splits["cnndm"][f])
        inner = {"shipped": float(shipped["cnndm"][train, 0].mean())}
        for v, (label, l2, margin) in PAIRWISE_VARIANTS.items():
            model = fit_pairwise([cnn[j] for j in train], label, l2, margin)
            for d in sizes:
                alone[v][d][splits[d][f]] = score(d, splits[d][f], model)
            oof = []
            for inner_test in folds(len(train), 4, SEED + 100):
                inner_train = np.setdiff1d(np.arange(len(train)), inner_test)
                m = fit_pairwise([cnn[train[j]] for j in inner_train], label, l2, margin)
                oof.append(score("cnndm", train[inner_test], m)[:, 0])
            inner[v] = float(np.concatenate(oof).mean())
        pick = max(inner, key=lambda v: inner[v])
        picks.append(pick)
        for d in sizes:
            source = shipped[d] if pick == "shipped" else alone[pick][d]
            nested[d][splits[d][f]] = source[splits[d][f]]
    print(f"\n  learned lede model, pairwise ({len(PAIRWISE_FEATURES)} features; trained on cnndm)")
    for v in PAIRWISE_VARIANTS:
        for d in sizes:
            print_paired(f"{d}: {v} (CV) − shipped", alone[v][d], shipped[d], rng)
    print(f"  nested CV chose: {', '.join(picks)}")
    for d, (_, results) in per_dataset.items():
        print_paired(f"{d}: nested CV − shipped", nested[d], shipped[d], rng)
        print_paired(f"{d}: nested CV − lead", nested[d], results["lead"].scores, rng)


# --------------------------------------------------------------------------- speed


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
        print(f"\ndefault: {ms:.1f} ms per 1,000 words (mean over {len(records)} articles)")
    text = long_text(records, 2000)
    from briefing.text import split_sentences

    n = len(split_sentences(text))
    print(f"\n2,000-sentence text ({n} sentences, {len(text.split())} words), seconds:")
    for name in algorithms:
        unique = f"This text was timed for {name}.\n\n{text}"  # defeats the split cache
        start = time.perf_counter()
        summarize(unique, 3, name)
        print(f"  {name:11} {time.perf_counter() - start:6.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the data directory")
    parser.add_argument("--limit", type=int, default=None, help="first N records per dataset")
    parser.add_argument("--datasets", default="cnndm,bbc", help="comma-separated")
    parser.add_argument("--algorithms", default=",".join(ALGORITHMS), help="comma-separated")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation section")
    parser.add_argument(
        "--select-on",
        default="cnndm",
        help="datasets whose R1 (weighted equally) chooses the configuration in CV; "
        "default: CNN/DM, the news set the target is set on (BBC guards)",
    )
    parser.add_argument("--no-speed", action="store_true", help="skip the speed section")
    parser.add_argument(
        "--pairwise",
        action="store_true",
        help="also run the pairwise learned lede model under nested CV (a few minutes)",
    )
    args = parser.parse_args(argv)

    algorithms = [a for a in args.algorithms.split(",") if a]
    unknown = [a for a in algorithms if a not in ALGORITHMS]
    if unknown:
        parser.error(f"unknown algorithm(s) {unknown}; choose from {sorted(ALGORITHMS)}")
    for needed in ("default", "lead"):
        if needed not in algorithms:
            algorithms.append(needed)
    cache = Cache.load()
    rouge = Rouge(cache)
    version = code_version()
    rng = np.random.default_rng(SEED)
    rows: list[tuple[str, str, Result]] = []
    loaded: list[Record] = []
    per_dataset: dict[str, tuple[list[Record], dict[str, Result]]] = {}
    try:
        for dataset in args.datasets.split(","):
            records = load_dataset(args.data, dataset, args.limit)
            loaded += records
            results = {NAIVE: evaluate(records, lead_naive, rouge)}
            for name in algorithms:
                results[name] = evaluate(records, by_algorithm(name, cache, version), rouge)
            results[REF_WORDS] = evaluate(records, at_reference_length, rouge)
            rows += [(dataset, name, result) for name, result in results.items()]
            per_dataset[dataset] = (records, results)
    finally:
        cache.save()
    print_table(rows, rng)

    print("\nPaired differences, mean of per-article differences [95% bootstrap CI]:")
    print(f"  {'':34} " + " ".join(f"{label:>24}" for label in LABELS))
    for dataset, (_records, results) in per_dataset.items():
        ours = results["default"].scores
        print_paired(f"{dataset}: default − lead", ours, results["lead"].scores, rng)
        print_paired(f"{dataset}: default − {NAIVE}", ours, results[NAIVE].scores, rng)
        print_paired(
            f"{dataset}: {REF_WORDS} − lead", results[REF_WORDS].scores, results["lead"].scores, rng
        )
        others = [a for a in algorithms if a not in ("default", "lead")]
        if others:
            best = max(others, key=lambda a: np.nanmean(results[a].scores[:, 0]))
            print_paired(
                f"{dataset}: default − {best} (best sumy)", ours, results[best].scores, rng
            )

    if not args.no_cv:
        try:
            print_cv(per_dataset, rouge, rng, args.select_on.split(","))
            if "cnndm" in per_dataset:
                records, results = per_dataset["cnndm"]
                print_learned(
                    records, rouge, results["lead"].scores, results["default"].scores, rng
                )
                print_word_budget(records, rouge, rng)
                if args.pairwise:
                    print_pairwise(per_dataset, rouge, rng)
        finally:
            cache.save()
    if not args.no_speed:
        speed(loaded, algorithms)


if __name__ == "__main__":
    main()
