"""Dates: how many gold TIMEX3 dates we find, and how many of those get the right value.

Usage (from the repository root)::

    .venv/bin/python bench/eval_dates.py                  # both corpora, dev split
    .venv/bin/python bench/eval_dates.py --limit 10       # quick loop
    .venv/bin/python bench/eval_dates.py -v              # print every wrong value
    .venv/bin/python bench/eval_dates.py --data PATH      # another data folder

Corpora: ``dates/timex.jsonl`` (TempEval-3: TimeBank, AQUAINT, platinum newswire) and
``dates/meantime.jsonl`` (MEANTIME, Wikinews), same schema (see the data README). Each text
is read by :func:`briefing.facts.date_mentions` (the spans ``extract_facts`` ranks:
spaCy DATE/TIME entities, repaired, resolved by :mod:`briefing.dates`) with the anchor =
the document creation time.

*Found* is the share of gold DATE/TIME timexes that one of our expressions overlaps.
*Right* is, over those found, the share whose value equals the gold TIMEX3 value, compared
granularly (the matching ``bench/eval_facts.py`` uses): exact string match after dropping
``:00`` seconds and leading zeros of week numbers (TimeML writes ``W7``), an ``X`` in the
gold value matches any character, a day with a part of day (``2000-01-05TNI``) matches
the gold day ``2000-01-05``, an interval of ours matches when either end equals the
gold value, a gold decade or century with trailing X (``198X``, ``19XX``) matches our
``198`` / ``19``, and a gold ``*_REF`` value (PRESENT_REF, PAST_REF, FUTURE_REF) matches
our None (neither names a calendar date); any other None is wrong, and so is a coarser
value of ours (``1988`` for gold ``1988-10-26``).

Each figure has a 95 % bootstrap interval: documents are resampled with replacement
(2,000 draws, fixed seed) and the ratio of the summed counts is recomputed, so a long
document weighs what its dates weigh. *No anchor* re-runs every text with no publication
date and counts values given to expressions that name no year of their own (must be 0).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
CORPORA = ("timex", "meantime")
DRAWS = 2000
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
    return re.sub(r"-W0(\d)", r"-W\1", value)


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


def evaluate(path: Path, limit: int | None, verbose: bool) -> tuple[list[DocScore], int, int]:
    """Scores per document, and the no-anchor check (values given, of those on text that
    names no year)."""
    from briefing.facts import date_mentions
    from briefing.models import Article

    scores = []
    unanchored = unanchored_bad = 0
    for doc in read_jsonl(path, limit):
        article = Article(doc["text"])
        scores.append(score_doc(doc, date_mentions(article, dt.date.fromisoformat(doc["dct"]))))
        for _s, _e, text, value in date_mentions(article, None):
            if value is None:
                continue
            unanchored += 1
            if not _OWN_YEAR.search(text):
                unanchored_bad += 1
                if verbose:
                    print(f"  no anchor but a value: {text!r} -> {value}")
        if verbose:
            for line in scores[-1].wrong:
                print("  wrong", line)
    return scores, unanchored, unanchored_bad


# --- report ------------------------------------------------------------------------------------


def row(name: str, scores: Sequence[DocScore]) -> str:
    gold = sum(s.gold for s in scores)
    found, right = ratio(scores, "found", "gold"), ratio(scores, "right", "found")
    (flo, fhi), (rlo, rhi) = bootstrap(scores, "found", "gold"), bootstrap(scores, "right", "found")
    both = ratio(scores, "right", "gold")
    return (
        f"{name:10}{len(scores):6d}{gold:6d}   {found:6.1%} [{flo:6.1%}, {fhi:6.1%}]"
        f"   {right:6.1%} [{rlo:6.1%}, {rhi:6.1%}]   {both:6.1%}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder (dev split)")
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per corpus")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every wrong value")
    args = ap.parse_args(argv)
    paths = {name: args.data / "dates" / f"{name}.jsonl" for name in CORPORA}
    for path in paths.values():
        if not path.exists():
            print(
                f"{path}: not found; pass --data DIR (the folder holding dates/)", file=sys.stderr
            )
            return 1

    print(f"Dates: DATE/TIME timexes, 95 % bootstrap intervals over documents ({DRAWS} draws)")
    header = f"{'corpus':10}{'docs':>6}{'gold':>6}   {'found':^24}   {'right, of found':^24}   {'right, of gold':>6}"
    lines, checks = [], []
    for name, path in paths.items():
        scores, values, bad = evaluate(path, args.limit, args.verbose)
        lines.append(row(name, scores))
        checks.append(f"  {name}: no anchor: {values} values, {bad} on relative expressions")
    print(header)
    print("\n".join(lines))
    print(f"targets: found >= {TARGET_FOUND:.0%}, right of found >= {TARGET_RIGHT:.0%}")
    print("\n".join(checks) + "  (must be 0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
