"""Dates: how many gold TIMEX3 dates we find, and how many of those get the right value.

Usage (from the repository root)::

    .venv/bin/python bench/eval_dates.py                  # both corpora, dev split
    .venv/bin/python bench/eval_dates.py --limit 10       # quick loop
    .venv/bin/python bench/eval_dates.py -v              # every wrong value (in order + find)
    .venv/bin/python bench/eval_dates.py --data PATH      # another data folder

Corpora: ``dates/timex.jsonl`` (TempEval-3: TimeBank, AQUAINT, platinum newswire) and
``dates/meantime.jsonl`` (MEANTIME, Wikinews), same schema (see the data README). Each text
is read by :func:`briefing.facts.date_mentions` (the spans ``extract_facts`` ranks:
spaCy DATE/TIME entities, repaired, resolved by :mod:`briefing.dates`) with the anchor =
the document creation time.

*Found* is the share of gold DATE/TIME timexes that one of our expressions overlaps.
*Right* is, over those found, the share whose value equals the gold TIMEX3 value, compared
granularly (the matching ``bench/eval_facts.py`` uses): exact string match after dropping
``:00`` seconds and writing week numbers with two digits (TimeML writes ``W7``), an ``X`` in the
gold value matches any character, a day with a part of day (``2000-01-05TNI``) matches
the gold day ``2000-01-05``, an interval of ours matches when either end equals the
gold value, a gold decade or century with trailing X (``198X``, ``19XX``) matches our
``198`` / ``19``, and a gold ``*_REF`` value (PRESENT_REF, PAST_REF, FUTURE_REF) matches
our None (neither names a calendar date); any other None is wrong, and so is a coarser
value of ours (``1988`` for gold ``1988-10-26``).

Three readings of the same spans. *Per expression* is what ``date_mentions`` gives: each
expression resolved alone (``dates.resolve``), the baseline. *In order* resolves the
document's expressions in reading order with :meth:`briefing.dates.DocumentResolver.read`,
so "a year earlier" is read against the date named before it (the reference time) and a
span that lists dates ("1994, 1995 and 1997") gives one value per item. *In order + find*
adds the expressions :func:`briefing.dates.find` sees and the pipeline's spans miss (UTC
clock times, dates in digits, "now", "recently"): the reading ``extract_facts``' when facts
use (:mod:`briefing.facts.when`). ``bench/eval_facts.py --only timex`` measures those
facts as the held-out check reads them (each date once, ranked, then its further
mentions). *Precision* is the share of our expressions that overlap a gold timex of any
type. The spaCy pass runs once per text: the spans and the tense each expression was resolved with are recorded
(cached under /tmp, keyed by the data and the facts/nlp sources) and every variant replays
them through :mod:`briefing.dates`.

Each figure has a 95 % bootstrap interval: documents are resampled with replacement
(2,000 draws, fixed seed) and the ratio of the summed counts is recomputed, so a long
document weighs what its dates weigh. A comparison gives the paired difference (the same
draws for both) and its interval.

Tuned, jointly: the ``dates.rules.FUTURE_RATIO_*`` settings, how much nearer the future
reading of a date with no year must be than the past one to be chosen: a month named alone
in a past-tense clause (``_MONTH_PAST``), in any other clause (``_MONTH``), and a day of a
month (``_DAY``). ``--tune`` chooses them from :data:`GRID` by 5-fold cross-validation over
the documents of both corpora (folds by a fixed shuffle; the setting that gets most values
right on the other four folds is scored on the held-out fold; ties go to the setting nearest
the shipped one), and prints the CV figure beside the in-sample one (the setting chosen on
all documents).

*No anchor* re-runs every text with no publication date and counts values given to
expressions that name no year of their own (must be 0).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import math
import random
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
CORPORA = ("timex", "meantime")
DRAWS = 2000
FOLDS = 5
# the year-choice ratios of dates.rules, tuned jointly (1e9: never read as future)
TUNED = ("FUTURE_RATIO_MONTH_PAST", "FUTURE_RATIO_MONTH", "FUTURE_RATIO_DAY")
RATIOS = (1.0, 1.5, 2.0, 3.0, 4.0, 8.0, 1e9)
GRID: tuple[tuple[float, ...], ...] = tuple(itertools.product((*RATIOS, 12.0), RATIOS, RATIOS))
CACHE_DIR = Path("/tmp/briefing-eval-dates")
TARGET_FOUND, TARGET_RIGHT = 0.85, 0.90
# an expression that names its own year may keep a value without an anchor
_OWN_YEAR = re.compile(
    r"\b(1[0-9]{3}|2[01][0-9]{2})|\b1[0-9]{2}0s|\b20[0-9]0s|\d(st|nd|rd|th) century"
    r"|\b(?:nineteen|eighteen)\s+\w|\btwo thousand\b",
    re.I,
)

Mention = tuple[int, int, str, "str | None"]


# --- matching ----------------------------------------------------------------------------------


def _canon(value: str) -> str:
    value = re.sub(r":00$", "", value)
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)  # TimeML writes W7; both sides W07


def value_matches(ours: str | None, gold: str) -> bool:
    """Whether our value names the gold TIMEX3 value (the rules in the module docstring)."""
    if gold.endswith("_REF"):
        return ours is None
    if ours is None:
        return False
    gold = _canon(gold)
    candidates = [ours, *ours.split("/")] if "/" in ours else [ours]
    for cand in candidates:
        cand = _canon(cand)
        if gold.endswith("X") and len(cand) < len(gold) and gold.rstrip("X") == cand:
            return True  # TimeML's decade 198X / century 19XX against our 198 / 19
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}T(?:MO|AF|EV|NI)", cand) and len(gold) == 10:
            cand = cand[:10]  # a part of day the gold leaves out (older values of ours)
        if len(cand) == len(gold) and all(g in ("X", c) for g, c in zip(gold, cand, strict=True)):
            return True
    return False


# --- scoring -----------------------------------------------------------------------------------


@dataclass
class DocScore:
    """One document's counts: gold dates, found, found with the right value."""

    gold: int = 0
    found: int = 0
    right: int = 0
    ours: int = 0  # our expressions
    on_gold: int = 0  # of ours, those that overlap a gold timex of any type
    merged: int = 0  # missed golds a when candidate read, merged into a fact of its value
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def score_doc(doc: dict[str, Any], mentions: Sequence[Mention]) -> DocScore:
    """Counts for one document; our value is compared as TIMEX3 (with the part of day the
    expression names, :func:`briefing.dates.timex`)."""
    from briefing.dates import timex

    score = DocScore()
    for timex_ in doc["timexes"]:
        if timex_["type"] not in ("DATE", "TIME"):
            continue
        score.gold += 1
        hit = next((m for m in mentions if m[0] < timex_["end"] and timex_["start"] < m[1]), None)
        if hit is None:
            score.misses.append(f"{timex_['text']!r} gold={timex_['value']}")
            continue
        score.found += 1
        if value_matches(timex(hit[3], hit[2]), timex_["value"]):
            score.right += 1
        else:
            score.wrong.append(
                f"{doc['dct']} {timex_['text']!r:28} gold={timex_['value']:14} ours={hit[2]!r}->{hit[3]}"
            )
    score.ours = len(mentions)
    score.on_gold = sum(
        any(m[0] < t["end"] and t["start"] < m[1] for t in doc["timexes"]) for m in mentions
    )
    return score


def ratio(scores: Sequence[DocScore], num: str, den: str) -> float:
    d = sum(getattr(s, den) for s in scores)
    return sum(getattr(s, num) for s in scores) / d if d else 0.0


def bootstrap(
    scores: Sequence[DocScore], num: str, den: str, draws: int = DRAWS, seed: int = 13
) -> tuple[float, float]:
    """95 % percentile interval of ``sum(num) / sum(den)`` over documents drawn with
    replacement."""
    rng = random.Random(seed)
    n = len(scores)
    nums = [getattr(s, num) for s in scores]
    dens = [getattr(s, den) for s in scores]
    stats = []
    for _ in range(draws):
        picks = [rng.randrange(n) for _ in range(n)]
        d = sum(dens[i] for i in picks)
        stats.append(sum(nums[i] for i in picks) / d if d else 0.0)
    stats.sort()
    return stats[int(0.025 * draws)], stats[int(0.975 * draws) - 1]


# --- data --------------------------------------------------------------------------------------


def read_jsonl(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)


# (start, end, text, tense, resolved): resolved is False for a piece date_mentions took for a
# duration (its value is None whatever the resolver says)
Recorded = tuple[int, int, str, "str | None", bool]


def record(doc: dict[str, Any]) -> list[Recorded]:
    """The pipeline's date spans for one document, with the tense each was resolved with."""
    from briefing import dates
    from briefing.facts import date_mentions
    from briefing.models import Article

    calls: list[tuple[str, Any]] = []
    original = dates.resolve

    def spy(text: str, anchor: Any, **kwargs: Any) -> str | None:
        calls.append((text, kwargs.get("tense")))
        return original(text, anchor, **kwargs)

    dates.resolve = spy
    try:
        mentions = date_mentions(Article(doc["text"]), dt.date.fromisoformat(doc["dct"]))
    finally:
        dates.resolve = original
    out: list[Recorded] = []
    queue = iter(calls)
    pending = next(queue, None)
    for start, end, text, _value in mentions:
        if pending is not None and pending[0] == text:
            out.append((start, end, text, pending[1], True))
            pending = next(queue, None)
        else:
            out.append((start, end, text, None, False))
    return out


def recorded(path: Path, limit: int | None) -> list[tuple[dict[str, Any], list[Recorded]]]:
    """Every document with its recorded spans, from the cache when the data and the code that
    finds the spans are unchanged."""
    key = hashlib.sha1(path.read_bytes())
    for source in [
        *sorted((ROOT / "briefing" / "facts").glob("*.py")),
        ROOT / "briefing" / "nlp.py",
    ]:
        if source.exists():
            key.update(source.read_bytes())
    cache = CACHE_DIR / f"{path.stem}-{limit}-{key.hexdigest()[:16]}.json"
    if cache.exists():
        return [(d, [tuple(m) for m in ms]) for d, ms in json.loads(cache.read_text())]
    docs = [(doc, record(doc)) for doc in read_jsonl(path, limit)]
    CACHE_DIR.mkdir(exist_ok=True)
    cache.write_text(json.dumps(docs))
    return docs


# --- readings ------------------------------------------------------------------------------------

Reading = Callable[[dict[str, Any], list[Recorded]], list[Mention]]


def per_expression(doc: dict[str, Any], spans: list[Recorded]) -> list[Mention]:
    from briefing import dates

    anchor = dt.date.fromisoformat(doc["dct"])
    return [
        (s, e, t, dates.resolve(t, anchor, tense=tense) if ok else None)  # type: ignore[arg-type]
        for s, e, t, tense, ok in spans
    ]


def in_order(doc: dict[str, Any], spans: list[Recorded]) -> list[Mention]:
    from briefing import dates

    reader = dates.DocumentResolver(dt.date.fromisoformat(doc["dct"]))
    out: list[Mention] = []
    for s, e, t, tense, ok in spans:
        if ok:
            out += reader.read(s, doc["text"][s:e], tense=tense)  # type: ignore[arg-type]
        else:
            out.append((s, e, t, None))
    return out


def in_order_with_find(doc: dict[str, Any], spans: list[Recorded]) -> list[Mention]:
    """The pipeline's spans and what :func:`briefing.dates.find` sees outside them, read in
    order by :meth:`briefing.dates.DocumentResolver.read_all` (a duration's value is None)."""
    from briefing import dates

    reader = dates.DocumentResolver(dt.date.fromisoformat(doc["dct"]))
    tense: dict[str | None, dates.Tense] = {"past": "past", "future": "future"}
    given = [(s, e, tense.get(t)) for s, e, _text, t, _ok in spans]
    return reader.read_all(doc["text"], given)


def scored(
    docs: Sequence[tuple[dict[str, Any], list[Recorded]]], reading: Reading
) -> list[DocScore]:
    return [score_doc(doc, reading(doc, spans)) for doc, spans in docs]


Setting = tuple[float, ...]  # one value per name in TUNED


def shipped() -> Setting:
    from briefing.dates import rules

    return tuple(float(getattr(rules, name)) for name in TUNED)


def with_ratio(setting: Setting) -> None:
    from briefing.dates import resolver, rules

    for name, value in zip(TUNED, setting, strict=True):
        setattr(rules, name, value)
    resolver._resolve_cached.cache_clear()


def _nearness(setting: Setting, to: Setting) -> float:
    """Ties go to the setting nearest the shipped one (ratios compared on a log scale)."""
    return -sum(abs(math.log(a) - math.log(b)) for a, b in zip(setting, to, strict=True))


def no_anchor(path: Path, limit: int | None, verbose: bool) -> tuple[int, int]:
    """Values given with no publication date, and of those, on text that names no year."""
    from briefing.facts import date_mentions
    from briefing.models import Article

    values = bad = 0
    for doc in read_jsonl(path, limit):
        for _s, _e, text, value in date_mentions(Article(doc["text"]), None):
            if value is None or value.startswith("P"):
                continue  # a duration ("P3D") needs no anchor
            values += 1
            if not _OWN_YEAR.search(text):
                bad += 1
                if verbose:
                    print(f"  no anchor but a value: {text!r} -> {value}")
    return values, bad


# --- cross-validation -----------------------------------------------------------------------------


def cross_validate(
    corpora: dict[str, list[tuple[dict[str, Any], list[Recorded]]]], reading: Reading
) -> tuple[dict[str, list[DocScore]], list[Setting], Setting]:
    """Held-out scores per corpus (each document scored with the setting chosen without its
    fold), the setting chosen in each fold, and the in-sample choice (the best setting on
    all documents), from one scoring of every setting."""
    pooled = [(name, i) for name, docs in corpora.items() for i in range(len(docs))]
    random.Random(7).shuffle(pooled)
    fold_of = {key: n % FOLDS for n, key in enumerate(pooled)}
    base = shipped()
    by_ratio: dict[Setting, dict[str, list[DocScore]]] = {}
    for ratio in GRID:
        with_ratio(ratio)
        by_ratio[ratio] = {name: scored(docs, reading) for name, docs in corpora.items()}
    held: dict[str, list[DocScore]] = {
        name: [DocScore()] * len(docs) for name, docs in corpora.items()
    }
    chosen: list[Setting] = []
    for fold in range(FOLDS):

        def train_right(ratio: Setting, fold: int = fold) -> int:
            return sum(
                s.right
                for name, scores in by_ratio[ratio].items()
                for i, s in enumerate(scores)
                if fold_of[(name, i)] != fold
            )

        best = max(GRID, key=lambda r: (train_right(r), _nearness(r, base)))
        chosen.append(best)
        for name, scores in by_ratio[best].items():
            for i, s in enumerate(scores):
                if fold_of[(name, i)] == fold:
                    held[name][i] = s
    with_ratio(base)

    def right(ratio: Setting) -> int:
        return sum(s.right for scores in by_ratio[ratio].values() for s in scores)

    return held, chosen, max(GRID, key=lambda r: (right(r), _nearness(r, base)))


# --- report ------------------------------------------------------------------------------------


def row(name: str, scores: Sequence[DocScore]) -> str:
    gold = sum(s.gold for s in scores)
    found, right = ratio(scores, "found", "gold"), ratio(scores, "right", "found")
    (flo, fhi), (rlo, rhi) = bootstrap(scores, "found", "gold"), bootstrap(scores, "right", "found")
    both, precision = ratio(scores, "right", "gold"), ratio(scores, "on_gold", "ours")
    return (
        f"{name:26}{len(scores):5d}{gold:5d}  {found:6.1%} [{flo:6.1%}, {fhi:6.1%}]"
        f"  {right:6.1%} [{rlo:6.1%}, {rhi:6.1%}]  {both:14.1%}  {precision:9.1%}"
    )


def paired(
    ours: Sequence[DocScore], base: Sequence[DocScore], num: str = "right", den: str = "found"
) -> str:
    """``num / den`` (right of found unless told), ours - base, with the 95 % interval of the
    paired difference."""
    rng = random.Random(13)
    n = len(ours)
    diffs = []
    for _ in range(DRAWS):
        picks = [rng.randrange(n) for _ in range(n)]
        a = [ours[i] for i in picks]
        b = [base[i] for i in picks]
        diffs.append(ratio(a, num, den) - ratio(b, num, den))
    diffs.sort()
    d = ratio(ours, num, den) - ratio(base, num, den)
    return f"{d:+6.1%} [{diffs[int(0.025 * DRAWS)]:+6.1%}, {diffs[int(0.975 * DRAWS) - 1]:+6.1%}]"


HEADER = (
    f"{'corpus, reading':26}{'docs':>5}{'gold':>5}  {'found':^22}  {'right, of found':^22}"
    f"  {'right, of gold':>14}  {'precision':>9}"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder (dev split)")
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per corpus")
    ap.add_argument(
        "--tune", action="store_true", help="choose the FUTURE_RATIO_* settings by 5-fold CV"
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="print every wrong value")
    args = ap.parse_args(argv)
    paths = {name: args.data / "dates" / f"{name}.jsonl" for name in CORPORA}
    for path in paths.values():
        if not path.exists():
            print(
                f"{path}: not found; pass --data DIR (the folder holding dates/)", file=sys.stderr
            )
            return 1
    default_ratio = shipped()
    corpora = {name: recorded(path, args.limit) for name, path in paths.items()}
    print(f"Dates: DATE/TIME timexes, 95 % bootstrap intervals over documents ({DRAWS} draws)")
    print(f"{', '.join(TUNED)} = {default_ratio} (shipped)")
    print(HEADER)
    results: dict[str, dict[str, list[DocScore]]] = {}
    for name, docs in corpora.items():
        results[name] = {
            "per": scored(docs, per_expression),
            "order": scored(docs, in_order),
            "find": scored(docs, in_order_with_find),
        }
        print(row(f"{name}, per expression", results[name]["per"]))
        print(row(f"{name}, in order", results[name]["order"]))
        print(row(f"{name}, in order + find", results[name]["find"]))
        if args.verbose:  # the reading extract_facts' when facts use
            for score in results[name]["find"]:
                for line in score.wrong:
                    print("   wrong", line)
    print("\nIn order - per expression, right of found (paired):")
    for name in corpora:
        print(f"  {name:10}{paired(results[name]['order'], results[name]['per'])}")
    print("In order + find - in order, found (paired):")
    for name in corpora:
        diff = paired(results[name]["find"], results[name]["order"], "found", "gold")
        print(f"  {name:10}{diff}")
    if args.tune:
        reading = in_order_with_find
        before = {name: scored(docs, reading) for name, docs in corpora.items()}
        held, chosen, best = cross_validate(corpora, reading)
        print(
            f"\n{', '.join(TUNED)} over {len(GRID)} settings, in order + find: in-sample "
            f"choice {best}; CV choices per fold {chosen}"
        )
        print(HEADER)
        with_ratio(best)
        for name, docs in corpora.items():
            print(row(f"{name}, shipped", before[name]))
            print(row(f"{name}, in-sample", scored(docs, reading)))
            print(row(f"{name}, {FOLDS}-fold CV", held[name]))
            print(f"  {'CV - shipped, paired':24}  {paired(held[name], before[name])}")
        with_ratio(default_ratio)
    print(f"\ntargets: found >= {TARGET_FOUND:.0%}, right of found >= {TARGET_RIGHT:.0%}")
    for name, path in paths.items():
        values, bad = no_anchor(path, args.limit, args.verbose)
        print(f"  {name}: no anchor: {values} values, {bad} on relative expressions (must be 0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
