"""Key-facts quality and speed, with 95 % bootstrap intervals and cross-validated tuning.

Usage (from the repository root)::

    .venv/bin/python bench/eval_facts.py                  # full dev split
    .venv/bin/python bench/eval_facts.py --limit 10       # quick loop
    .venv/bin/python bench/eval_facts.py --data PATH      # another data folder
    .venv/bin/python bench/eval_facts.py --only 5w,quotes # some parts only

Every figure is a mean over articles with a 95 % percentile bootstrap interval (2,000
resamples of the articles, fixed seed). A comparison (ours − naive) is the paired
difference, article by article, with its own interval: a gain inside the interval is not
a gain.

(a) ``facts/giveme5w1h.jsonl``. Input is ``Article(text, title=title, published=...)``.
For who/what/where/when our answer is the top-1 fact's ``text`` (its surface form, as the
gold annotations are surface spans). Its score is SQuAD-style token F1 (lower-cased,
punctuation and the articles a/an/the removed, whitespace tokens) against the
best-matching gold annotation of that W. A W whose gold texts are all null ("no
candidate exists") is skipped for that article; an article where we give no answer for a
W that has gold counts 0. The naive baseline uses spaCy alone on the same input: who = the
first PERSON/ORG/NORP entity in the title then the first three sentences, where = the first
GPE/LOC/FAC and when = the first DATE/TIME in the title then the text, what = the title.

Tuning: the ranking weights in :data:`GRID` (the where strategies: evidence of all
mentions, first mention, dateline, headline; the who salience weights) are chosen by
5-fold cross-validation over the articles: for each fold, the setting with the best mean
on the other four folds scores the held-out fold (ties broken by the best F1 among the
facts the page shows: 6 who, 5 where; then by the package default). The *CV* column is the mean of those
held-out scores; *in-sample* is the best setting on all articles scored on all articles
(optimistic by construction). The package defaults are the in-sample choice, and the
bench says when they differ.

(b) ``quotes/polnear.jsonl``. Gold quotes are the attributions marked ``direct`` (inside
double quotation marks). A gold quote is *found* when one of our quotes covers at least
half of its words, and *right* when, in addition, our speaker shares a name word (a
capitalised word that is not a title) with the gold source. *Precision* is the share of
our quotes that cover at least half their own words with gold quoted speech. The naive
baseline takes every double-quoted span of five or more words and the nearest PERSON
entity (spaCy, same model) within 250 characters.

(c) ``dates/timex.jsonl`` and ``dates/meantime.jsonl``, the way the held-out check reads
them: ``extract_facts(text, published=dct)`` and its *when facts* only (each date once,
ranked, at most ``LIMITS["when"]``, then every further mention of those dates with its own
sentence). Facts carry no offsets, so a fact is located by its text inside its evidence
sentence. *Found* is the share of gold DATE/TIME timexes that a located
fact overlaps, or whose text a fact has (merging keeps one text per value). *Right* is,
over those found, the share whose value matches the gold TIMEX3 value with
``bench/eval_dates.py``'s matcher (its docstring gives the rules), after
``dates.timex(value, text)`` adds the part of day the text names. The report also counts
the misses a when candidate did read but merging folded into a fact of the same TIMEX3 value
with another text (a diagnostic of the found figure, not part of it).
*No anchor* re-runs with ``published=None`` and counts expressions that still get a value
without naming a year in their own text: those read against a year the text names before
them ("a year earlier" after "in 1985"), and those read from nothing (must be 0).

(d) ``facts/meantime_entities.jsonl``, a second corpus for who and where on which nothing was
tuned: Wikinews leads, read as ``Article(body, title=headline, published=dct)``. The gold of
a W is the most-mentioned named entities of its types (who: PERSON and ORGANIZATION, as the
corpus's "who" is often a company; where: LOCATION), each with its representative text and
every mention written as a name; scoring and the naive baseline are those of (a).

Speed: ``extract_facts`` on the Giveme5W1H articles, ms per 1,000 words, next to our spaCy
pass alone and the stock ``en_core_web_sm`` pipeline on the same texts (see ``speed``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import pickle
import random
import re
import string
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import spacy
from eval_dates import value_matches  # one TIMEX3 matcher for both benches

from briefing.facts import aggregate, collect, extract_facts
from briefing.facts.rank import DEFAULT_WEIGHTS, Weights
from briefing.models import Article, Fact, Facts
from briefing.nlp import DEFAULT_MODEL, get_nlp, parse
from briefing.text import split_sentences

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
CACHE = Path("/tmp/briefing-bench-cache")
WS = ("who", "what", "where", "when")
NAIVE_LABELS = {
    "who": ("PERSON", "ORG", "NORP"),
    "where": ("GPE", "LOC", "FAC"),
    "when": ("DATE", "TIME"),
}
B = 2000  # bootstrap resamples
K = 5  # cross-validation folds

#: What is tuned, per W, as Weights overrides; every combination is tried.
GRID: dict[str, dict[str, Sequence[float]]] = {
    "where": {
        "where_evidence": (0.0, 1.0),
        "where_first": (0.0, 1.0, 3.0),
        "where_dateline": (0.0, 3.0),
        "where_title": (0.0, 1.0),
        "where_unlocated": (0.0, 0.5, 1.0),
    },
    "who": {
        "person": (1.0, 1.5, 2.0),
        "role": (0.0, 0.5, 1.0, 2.0),
        "first_mention": (0.0, 1.5, 3.0),
    },
}


# --- statistics ------------------------------------------------------------------------------


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def bootstrap(values: Sequence[float], seed: int = 0) -> tuple[float, float, float]:
    """Mean and 95 % percentile bootstrap interval of ``values`` (one value per article)."""
    if not values:
        return 0.0, 0.0, 0.0
    rng = random.Random(seed)
    n = len(values)
    means = sorted(mean([values[rng.randrange(n)] for _ in range(n)]) for _ in range(B))
    return mean(values), means[int(0.025 * B)], means[int(0.975 * B) - 1]


def ratio_bootstrap(
    num: Sequence[float], den: Sequence[float], seed: int = 0
) -> tuple[float, float, float]:
    """sum(num) / sum(den) with a 95 % interval, resampling articles (pairs num/den)."""
    if not den or not sum(den):
        return 0.0, 0.0, 0.0
    rng = random.Random(seed)
    n = len(den)
    stats = []
    for _ in range(B):
        idx = [rng.randrange(n) for _ in range(n)]
        d = sum(den[i] for i in idx)
        stats.append(sum(num[i] for i in idx) / d if d else 0.0)
    stats.sort()
    return sum(num) / sum(den), stats[int(0.025 * B)], stats[int(0.975 * B) - 1]


def paired_ratio(
    num_a: Sequence[float], num_b: Sequence[float], den: Sequence[float], seed: int = 0
) -> tuple[float, float, float]:
    """(sum(num_a) - sum(num_b)) / sum(den), paired by article, with its interval."""
    diff = [a - b for a, b in zip(num_a, num_b, strict=True)]
    return ratio_bootstrap(diff, den, seed)


def fmt(ci: tuple[float, float, float], signed: bool = False) -> str:
    m, lo, hi = ci
    if signed:
        return f"{m:+.3f} [{lo:+.3f}, {hi:+.3f}]"
    return f"{m:.3f} [{lo:.3f}, {hi:.3f}]"


# --- token F1 --------------------------------------------------------------------------------


def normalize(text: str) -> list[str]:
    """SQuAD answer normalisation: lower case, no punctuation, no articles, split on spaces."""
    text = text.lower().replace("’", "'").replace("“", '"').replace("”", '"')
    text = "".join(ch for ch in text if ch not in set(string.punctuation))
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return text.split()


def token_f1(prediction: str, gold: str) -> float:
    pred, ref = normalize(prediction), normalize(gold)
    if not pred or not ref:
        return float(pred == ref)
    overlap = 0
    ref_counts: dict[str, int] = {}
    for tok in ref:
        ref_counts[tok] = ref_counts.get(tok, 0) + 1
    for tok in pred:
        if ref_counts.get(tok, 0) > 0:
            overlap += 1
            ref_counts[tok] -= 1
    if overlap == 0:
        return 0.0
    precision, recall = overlap / len(pred), overlap / len(ref)
    return 2 * precision * recall / (precision + recall)


def best_f1(prediction: str | None, golds: list[str]) -> float:
    if prediction is None:
        return 0.0
    return max(token_f1(prediction, g) for g in golds)


# --- data ------------------------------------------------------------------------------------


def read_jsonl(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)


def published_of(value: str | None) -> dt.date | dt.datetime | None:
    if not value or value == "None":
        return None
    if len(value) == 10:
        return dt.date.fromisoformat(value)
    return dt.datetime.fromisoformat(value)


def cached(name: str, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept in /tmp under ``name`` and a hash of ``key`` (baselines only:
    they depend on the data and the model, never on our code)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{name}-{hashlib.sha1(key.encode()).hexdigest()[:16]}.pkl"
    if path.exists():
        with path.open("rb") as fh:
            return pickle.load(fh)
    value = compute()
    with path.open("wb") as fh:
        pickle.dump(value, fh)
    return value


# --- (a) Giveme5W1H -------------------------------------------------------------------------


def naive_answers(title: str, text: str) -> dict[str, str | None]:
    """The spaCy-only baseline described in the module docstring."""
    nlp = get_nlp()
    title_doc = nlp(title)
    spans = split_sentences(text)
    lead_end = spans[2].end if len(spans) >= 3 else len(text)
    body_ents: list[tuple[int, str, str]] = []
    for offset, doc in parse(text, spans):
        body_ents += [(offset + e.start_char, e.label_, e.text) for e in doc.ents]
    answers: dict[str, str | None] = {"what": title}
    for w, labels in NAIVE_LABELS.items():
        found = [e.text for e in title_doc.ents if e.label_ in labels]
        found += [
            t for pos, lbl, t in body_ents if lbl in labels and (w != "who" or pos < lead_end)
        ]
        answers[w] = found[0] if found else None
    return answers


def our_answers(facts: Facts) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for w in WS:
        items: tuple[Fact, ...] = getattr(facts, w)
        out[w] = items[0].text if items else None
    return out


#: How many facts of a kind the page shows (render's defaults): the tie-break of tuning.
SHOWN = {"who": 6, "where": 5}


def page_scores(
    golds: list[dict[str, list[str]]], facts: list[Facts | None], w: str
) -> list[float | None]:
    """Per article, the best F1 of any fact the page shows against the gold of ``w``."""
    out: list[float | None] = []
    for gold, fs in zip(golds, facts, strict=True):
        if not gold[w]:
            out.append(None)
            continue
        items = getattr(fs, w)[: SHOWN.get(w, 1)] if fs else ()
        out.append(max((best_f1(f.text, gold[w]) for f in items), default=0.0))
    return out


def scores_5w(
    golds: list[dict[str, list[str]]], answers: list[dict[str, str | None]]
) -> dict[str, list[float | None]]:
    """Per W, one F1 per article (None where the gold has no candidate)."""
    out: dict[str, list[float | None]] = {w: [] for w in WS}
    for gold, answer in zip(golds, answers, strict=True):
        for w in WS:
            out[w].append(best_f1(answer[w], gold[w]) if gold[w] else None)
    return out


def per_article_mean(scores: dict[str, list[float | None]]) -> list[float]:
    """The article's mean F1 over the Ws its gold covers (articles with none are left out)."""
    out = []
    for k in range(len(scores["who"])):
        values = [scores[w][k] for w in WS if scores[w][k] is not None]
        if values:
            out.append(mean([v for v in values if v is not None]))
    return out


def present(values: list[float | None]) -> list[float]:
    return [v for v in values if v is not None]


def paired(a: list[float | None], b: list[float | None]) -> list[float]:
    return [x - y for x, y in zip(a, b, strict=True) if x is not None and y is not None]


def _fields(weights: Weights) -> dict[str, Any]:
    return {f: getattr(weights, f) for f in Weights.__dataclass_fields__}


def settings(w: str) -> list[dict[str, float]]:
    names = list(GRID[w])
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*GRID[w].values())]


def tuned_scores(
    states: list[Any], golds: list[dict[str, list[str]]], w: str
) -> tuple[list[float | None], list[float | None], dict[str, float], list[dict[str, float]]]:
    """Cross-validated and in-sample F1 of W ``w`` over the GRID, plus the choices."""
    grid = settings(w)
    table: list[list[float | None]] = []  # setting -> per-article top-1 F1
    shown: list[list[float | None]] = []  # setting -> per-article best F1 on the page
    for overrides in grid:
        weights = Weights(**{**_fields(DEFAULT_WEIGHTS), **overrides})
        facts = [aggregate(replace(s, weights=weights)) if s else None for s in states]
        answers = [our_answers(f) if f else dict.fromkeys(WS) for f in facts]
        table.append(scores_5w(golds, answers)[w])
        shown.append(page_scores(golds, facts, w))

    defaults = {k: getattr(DEFAULT_WEIGHTS, k) for k in GRID[w]}

    def objective(g: int, rows: list[int]) -> tuple[float, float, bool, int]:
        # top-1 F1 first; on a tie, the best F1 among the facts the page shows; on a tie
        # of both, the package default (the data cannot tell them apart)
        top = mean(present([table[g][i] for i in rows]))
        page = mean(present([shown[g][i] for i in rows]))
        return round(top, 9), round(page, 9), grid[g] == defaults, -g

    n = len(states)
    order = list(range(n))
    random.Random(1).shuffle(order)
    folds = [order[i::K] for i in range(K)]
    cv: list[float | None] = [None] * n
    chosen = []
    for fold in folds:
        held = set(fold)
        train = [i for i in range(n) if i not in held]
        best = max(range(len(grid)), key=lambda g: objective(g, train))
        chosen.append(grid[best])
        for i in fold:
            cv[i] = table[best][i]
    best_all = max(range(len(grid)), key=lambda g: objective(g, list(range(n))))
    return cv, table[best_all], grid[best_all], chosen


def eval_5w(data: Path, limit: int | None, verbose: bool) -> dict[str, Any]:
    records = list(read_jsonl(data / "facts" / "giveme5w1h.jsonl", limit))
    articles = [
        Article(r["text"], title=r["title"], published=published_of(r.get("published")))
        for r in records
    ]
    golds = [
        {w: [g["text"] for g in r["gold"].get(w, []) if g.get("text")] for w in WS} for r in records
    ]
    code = "".join(  # our analysis code: a change anywhere else keeps the cache
        p.read_text()
        for folder in ("facts", "dates", "summarize", "nlp.py", "text.py", "ruler.py")
        for p in sorted(
            (ROOT / "briefing").glob(folder + "*/**/*.py" if "." not in folder else folder)
        )
    )
    states = cached(
        "states",
        code + "".join(a.text + (a.title or "") for a in articles),
        lambda: [collect(a) for a in articles],
    )
    ours = [our_answers(aggregate(s)) if s else dict.fromkeys(WS) for s in states]
    key = DEFAULT_MODEL + "".join(a.text + (a.title or "") for a in articles)
    naive = cached("naive5w", key, lambda: [naive_answers(a.title or "", a.text) for a in articles])
    if verbose:
        for gold, mine, base in zip(golds, ours, naive, strict=True):
            for w in WS:
                if gold[w]:
                    print(
                        f"{w:5} ours={mine[w]!r:45.45} naive={base[w]!r:35.35} gold={gold[w][:2]}"
                    )
    tuned = {w: tuned_scores(states, golds, w) for w in GRID}
    return {
        "n": len(records),
        "articles": articles,
        "ours": scores_5w(golds, ours),
        "naive": scores_5w(golds, naive),
        "tuned": tuned,
        "states": states,
        "golds": golds,
    }


def report_5w(five: dict[str, Any]) -> None:
    ours, naive, tuned = five["ours"], five["naive"], five["tuned"]
    print(f"\nGiveme5W1H ({five['n']} articles), top-1 token F1, package defaults (in-sample)")
    print(f"{'W':8}{'n':>4}  {'ours':22}  {'naive':22}  {'ours - naive (paired)':26}")
    for w in WS:
        n = len(present(ours[w]))
        print(
            f"{w:8}{n:4d}  {fmt(bootstrap(present(ours[w]))):22}  "
            f"{fmt(bootstrap(present(naive[w]))):22}  "
            f"{fmt(bootstrap(paired(ours[w], naive[w])), signed=True):26}"
        )
    mo, mn = per_article_mean(ours), per_article_mean(naive)
    diff = [a - b for a, b in zip(mo, mn, strict=True)]
    print(
        f"{'mean 5W':8}{len(mo):4d}  {fmt(bootstrap(mo)):22}  {fmt(bootstrap(mn)):22}  "
        f"{fmt(bootstrap(diff), signed=True):26}"
    )
    print("\nTuned by 5-fold CV (the GRID in this file); each W scored alone")
    print(f"{'W':8}{'in-sample':22}  {'CV (held-out folds)':22}  {'CV - naive (paired)':26}")
    for w, (cv, insample, best, chosen) in tuned.items():
        print(
            f"{w:8}{fmt(bootstrap(present(insample))):22}  {fmt(bootstrap(present(cv))):22}  "
            f"{fmt(bootstrap(paired(cv, naive[w])), signed=True):26}"
        )
        defaults = {k: getattr(DEFAULT_WEIGHTS, k) for k in best}
        print(f"  in-sample choice {best}")
        if defaults != best:
            print(f"  (package defaults differ: {defaults})")
        print(f"  fold choices {chosen}")
    cv_ours = {w: tuned[w][0] if w in tuned else ours[w] for w in WS}
    mc = per_article_mean(cv_ours)
    diff = [a - b for a, b in zip(mc, mn, strict=True)]
    print(
        f"{'mean 5W':8}{'':22}  {fmt(bootstrap(mc)):22}  {fmt(bootstrap(diff), signed=True):26}"
        "  (CV where tuned, else defaults)"
    )


# --- (b) PolNeAR quotes ----------------------------------------------------------------------

_WORD = re.compile(r"\w+")
_NOT_NAME = frozenset(
    [
        "the",
        "a",
        "an",
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "former",
        "said",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "his",
        "her",
        "campaign",
        "spokesman",
        "spokeswoman",
        "presidential",
        "candidate",
    ]
)
_DOUBLE_QUOTED = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")


def words_in(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Start offsets of the words of ``text`` inside ``spans``."""
    out = set()
    for a, b in spans:
        out |= {a + m.start() for m in _WORD.finditer(text[a:b])}
    return out


def name_words(text: str | None) -> set[str]:
    if not text:
        return set()
    return {
        w.lower() for w in _WORD.findall(text) if w[:1].isupper() and w.lower() not in _NOT_NAME
    }


def gold_quotes(doc: dict[str, Any]) -> list[tuple[set[int], set[str]]]:
    out = []
    for att in doc["attributions"]:
        if not att["direct"]:
            continue
        content = att["content"]
        parts = content.get("fragments", [[content["start"], content["end"]]])
        words = words_in(doc["text"], [(a, b) for a, b in parts])
        if words:
            out.append((words, name_words((att.get("source") or {}).get("text"))))
    return out


def locate(text: str, quote: str, hint: int = 0) -> tuple[int, int] | None:
    at = text.find(quote, hint)
    if at < 0:
        at = text.find(quote)
    return (at, at + len(quote)) if at >= 0 else None


def naive_quotes(text: str) -> list[tuple[tuple[int, int], str | None]]:
    """Every double-quoted span of 5+ words; the nearest PERSON within 250 characters."""
    people = [
        (offset + e.start_char, offset + e.end_char, e.text)
        for offset, doc in parse(text, split_sentences(text))
        for e in doc.ents
        if e.label_ == "PERSON"
    ]
    out = []
    for m in _DOUBLE_QUOTED.finditer(text):
        if len(m.group(1).split()) < 5:
            continue
        a, b = m.span(1)
        best, best_d = None, 251
        for s, e, name in people:
            d = a - e if e <= a else (s - b if s >= b else 0)
            if d < best_d:
                best, best_d = name, d
        out.append(((a, b), best))
    return out


def our_quotes(facts: Facts, text: str) -> list[tuple[tuple[int, int], str | None]]:
    out = []
    for f in facts.quotes:
        span = locate(text, f.text)
        if span is not None:
            out.append((span, f.speaker))
    return out


def score_quotes(
    text: str,
    gold: list[tuple[set[int], set[str]]],
    found: list[tuple[tuple[int, int], str | None]],
) -> tuple[int, int, int, int, int, int, int]:
    """(gold, found, right, ours, ours real, gold with a named source, right of those) for
    one article. A gold source with no name word ("he", "the spokesman", none annotated)
    can never be matched by name, so the last two count only quotes whose source names
    someone."""
    hit = right = named = named_right = 0
    covers = [(words_in(text, [span]), speaker) for span, speaker in found]
    for words, source in gold:
        covering = [s for cover, s in covers if len(words & cover) * 2 >= len(words)]
        ok = bool(covering) and any(name_words(s) & source for s in covering)
        hit += bool(covering)
        right += ok
        named += bool(source)
        named_right += ok
    gold_words = set().union(*(w for w, _s in gold)) if gold else set()
    real = sum(1 for c, _s in covers if c and len(c & gold_words) * 2 >= len(c))
    return len(gold), hit, right, len(covers), real, named, named_right


def eval_quotes(data: Path, limit: int | None) -> dict[str, Any]:
    docs = list(read_jsonl(data / "quotes" / "polnear.jsonl", limit))
    key = DEFAULT_MODEL + "".join(d["text"] for d in docs)
    naive = cached("naivequotes", key, lambda: [naive_quotes(d["text"]) for d in docs])
    rows: dict[str, list[tuple[int, int, int, int, int, int, int]]] = {"ours": [], "naive": []}
    for doc, base in zip(docs, naive, strict=True):
        gold = gold_quotes(doc)
        article = Article(doc["text"], title=doc["title"], published=published_of(doc["published"]))
        rows["ours"].append(
            score_quotes(doc["text"], gold, our_quotes(extract_facts(article), doc["text"]))
        )
        rows["naive"].append(score_quotes(doc["text"], gold, base))
    return {"n": len(docs), "rows": rows}


def report_quotes(q: dict[str, Any]) -> None:
    cols = list(zip(*q["rows"]["ours"], strict=True))
    base = list(zip(*q["rows"]["naive"], strict=True))
    gold, found, right, mine, real, named, named_right = cols
    _g, b_found, b_right, b_mine, b_real, _n, b_named_right = base
    print(f"\nQuotes, PolNeAR ({q['n']} articles, {sum(gold)} gold direct quotes)")
    print(f"{'measure':22}{'ours':24}{'naive':24}{'ours - naive (paired)':26}")
    print(
        f"{'found / gold':22}{fmt(ratio_bootstrap(found, gold)):24}"
        f"{fmt(ratio_bootstrap(b_found, gold)):24}{fmt(paired_ratio(found, b_found, gold), True)}"
    )
    print(
        f"{'right / gold':22}{fmt(ratio_bootstrap(right, gold)):24}"
        f"{fmt(ratio_bootstrap(b_right, gold)):24}{fmt(paired_ratio(right, b_right, gold), True)}"
    )
    print(
        f"{'right / named source':22}{fmt(ratio_bootstrap(named_right, named)):24}"
        f"{fmt(ratio_bootstrap(b_named_right, named)):24}"
        f"{fmt(paired_ratio(named_right, b_named_right, named), True)}"
    )
    print(
        f"{'right / found':22}{fmt(ratio_bootstrap(right, found)):24}"
        f"{fmt(ratio_bootstrap(b_right, b_found)):24}"
    )
    print(
        f"{'precision (real)':22}{fmt(ratio_bootstrap(real, mine)):24}"
        f"{fmt(ratio_bootstrap(b_real, b_mine)):24}   ours {sum(mine)}, naive {sum(b_mine)} quotes"
    )


# --- speed -------------------------------------------------------------------------------------


def speed(articles: list[Article], repeat: int = 3) -> dict[str, float]:
    """ms per 1,000 words: each article's best of ``repeat`` runs, summed, after a warm-up.

    Best-of-n is the usual latency figure on a shared machine (other tenants' load only
    ever adds time). Our per-text caches (sentence splits) are cleared before every run, so
    each run does all the work. Compared with our spaCy pass alone (the pipeline
    ``extract_facts`` uses, title included) and the stock ``en_core_web_sm`` pipeline (all
    its components, ``nlp(title)`` and ``nlp(text)``).
    """
    from briefing import text as text_module

    stock = spacy.load(DEFAULT_MODEL)
    extract_facts(articles[0])  # warm-up: model, dateparser, summarizer
    stock(articles[0].text)
    totals = dict.fromkeys(("extract_facts", "our spaCy pass", "stock spaCy"), 0.0)
    words = 0
    clear = getattr(text_module, "_split_cached", None)

    def best(func: Any, *args: Any, **kwargs: Any) -> float:
        runs = []
        for _ in range(repeat):
            if clear is not None:
                clear.cache_clear()
            start = time.perf_counter()
            func(*args, **kwargs)
            runs.append(time.perf_counter() - start)
        return min(runs)

    def stock_pass(title: str, text: str) -> None:
        stock(title)
        stock(text)

    for article in articles:
        text, title = article.text, article.title or ""
        words += len(text.split()) + len(title.split())
        spans = split_sentences(text)
        totals["extract_facts"] += best(extract_facts, article)
        totals["our spaCy pass"] += best(
            lambda *a, **k: list(parse(*a, **k)), text, spans, lead=title
        )
        totals["stock spaCy"] += best(stock_pass, title, text)
    return {name: 1e6 * seconds / words for name, seconds in totals.items()}


# --- (c) TIMEX3 ----------------------------------------------------------------------------

TIMEX_CORPORA = ("timex", "meantime")
_OWN_YEAR = re.compile(
    r"\b(1[0-9]{3}|2[01][0-9]{2})|\b1[0-9]{2}0s|\b20[0-9]0s|\d(st|nd|rd|th) century"
    r"|\b(?:nineteen|eighteen)\s+\w|\btwo thousand\b",
    re.I,
)


def locate_when(text: str, fact: Fact) -> tuple[int, int] | None:
    """Where a when fact sits in ``text``: its text inside its evidence sentence (the facts
    carry no offsets; ``sentence_index`` names the sentence)."""
    spans = split_sentences(text)
    if fact.sentence_index is None or fact.sentence_index >= len(spans):
        return None
    sent = spans[fact.sentence_index]
    pattern = r"\s+".join(re.escape(word) for word in fact.text.split())
    m = re.search(pattern, text[sent.start : sent.end]) if pattern else None
    return (sent.start + m.start(), sent.start + m.end()) if m else None


def _year_named_before(text: str, fact: Fact) -> bool:
    """Whether the text names a year before the fact: the date a relative expression ("a
    year earlier", "later that year") was read against when there is no publication date."""
    at = locate_when(text, fact)
    return at is not None and _OWN_YEAR.search(text, 0, at[0]) is not None


def timex_score(doc: dict[str, Any], facts: Sequence[Fact], candidates: Sequence[Any] = ()) -> Any:
    """One document's counts (eval_dates.DocScore) for the when facts ``extract_facts``
    returns: a gold DATE/TIME timex is found by a fact located over it (its text in its
    evidence sentence) or, as merging keeps one text per value, by a fact whose text is the
    gold text; the value is compared with eval_dates' matcher as TIMEX3
    (``dates.timex(value, text)``: the part of day the text names). ``candidates``
    (``State.when``) only tell which misses a candidate read and merging folded into a
    fact of the same value (``merged``, a diagnostic; the score is the same)."""
    from eval_dates import DocScore

    from briefing.dates import timex

    located = [(locate_when(doc["text"], f), f) for f in facts]
    values = {timex(f.value, f.text) for f in facts if f.value}
    score = DocScore(ours=len(facts))
    for gold in doc["timexes"]:
        if gold["type"] not in ("DATE", "TIME"):
            continue
        score.gold += 1
        over = [f for at, f in located if at and at[0] < gold["end"] and gold["start"] < at[1]]
        same = [f for f in facts if f.text.lower() == gold["text"].lower()]
        if not (over or same):
            score.misses.append(f"{gold['text']!r} gold={gold['value']}")
            read = [
                c
                for c in candidates
                if c.pos >= 0 and c.pos < gold["end"] and gold["start"] < c.pos + len(c.text)
            ]
            score.merged += any(c.value and timex(c.value, c.text) in values for c in read)
            continue
        hit = (over or same)[0]
        score.found += 1
        if value_matches(timex(hit.value, hit.text), gold["value"]):
            score.right += 1
        else:
            score.wrong.append(
                f"{doc['dct']} {gold['text']!r:28} gold={gold['value']:14} "
                f"ours={hit.text!r}->{hit.value}"
            )
    score.on_gold = sum(
        1
        for at, _f in located
        if at and any(at[0] < t["end"] and t["start"] < at[1] for t in doc["timexes"])
    )
    return score


def eval_timex(data: Path, limit: int | None, verbose: bool) -> dict[str, Any]:
    """The held-out check's path, per corpus: ``extract_facts(text, published=dct)`` ->
    when facts -> gold spans (see :func:`timex_score`); and with ``published=None``, the
    values given to expressions that name no year (must be 0)."""
    out: dict[str, Any] = {}
    for name in TIMEX_CORPORA:
        path = data / "dates" / f"{name}.jsonl"
        if not path.exists():
            continue
        scores = []
        unanchored_values = unanchored_bad = from_text = 0
        for doc in read_jsonl(path, limit):
            article = Article(doc["text"])
            # extract_facts is aggregate(collect()): the state tells which misses were merged
            state = collect(article, published=dt.date.fromisoformat(doc["dct"]))
            when = aggregate(state).when if state is not None else ()
            scores.append(timex_score(doc, when, state.when if state is not None else ()))
            for fact in extract_facts(article, published=None).when:
                if fact.value is None or fact.value.startswith("P"):
                    continue  # a duration ("P3D") needs no anchor
                unanchored_values += 1
                if _OWN_YEAR.search(fact.text):
                    continue
                if _year_named_before(doc["text"], fact):
                    from_text += 1  # "a year earlier" after "in 1985": read from the text
                    continue
                unanchored_bad += 1
                if verbose:
                    print(f"  no anchor but a value: {fact.text!r} -> {fact.value}")
            if verbose:
                for line in scores[-1].wrong:
                    print(f"  {name} wrong {line}")
        out[name] = {
            "scores": scores,
            "unanchored_values": unanchored_values,
            "unanchored_bad": unanchored_bad,
            "from_text": from_text,
        }
    return out


def report_timex(timex: dict[str, Any]) -> None:
    from eval_dates import HEADER, TARGET_FOUND, TARGET_RIGHT, row

    print("\nTIMEX3 DATE/TIME through extract_facts -> when facts (95 % bootstrap intervals)")
    print(HEADER)
    for name, result in timex.items():
        print(row(f"{name}, when facts", result["scores"]))
    print(f"  targets: found >= {TARGET_FOUND:.0%}, right of found >= {TARGET_RIGHT:.0%}")
    for name, result in timex.items():
        scores = result["scores"]
        gold = sum(s.gold for s in scores)
        merged = sum(s.merged for s in scores)
        docs = sum(1 for s in scores if s.merged)
        print(
            f"  {name}: of the {gold - sum(s.found for s in scores)} misses, {merged} "
            f"({merged / gold:.1%} of gold, {docs} documents) were read as a candidate and "
            "merged into a fact of the same value (one fact per date; its text is another)"
        )
    for name, result in timex.items():
        print(
            f"  {name}: no anchor: {result['unanchored_values']} values; on relative "
            f"expressions, {result['from_text']} read against a year the text names before "
            f"them, {result['unanchored_bad']} from nothing (must be 0)"
        )


# --- (d) MEANTIME entities ----------------------------------------------------------------------

#: the gold entity types that answer who / where
ENTITY_TYPES = {"who": ("PERSON", "ORGANIZATION"), "where": ("LOCATION",)}


def entity_gold(doc: dict[str, Any], w: str) -> list[str]:
    """The names of the article's most-mentioned named entities of W's types (all of them
    when several tie): each entity's representative text and its mentions written as names
    (capitalised after a "the"), so "Ford Motor Co.", "Ford" and "the United States" count."""
    named = [e for e in doc["entities"] if e["named"] and e["type"] in ENTITY_TYPES[w]]
    if not named:
        return []
    top = max(e["mention_count"] for e in named)
    names: list[str] = []
    for e in named:
        if e["mention_count"] != top:
            continue
        names.append(e["text"])
        mentions = [doc["text"][a:b] for a, b in e["mentions"]]
        names += [m for m in mentions if re.sub(r"^the\s+", "", m)[:1].isupper()]
    return list(dict.fromkeys(names))


def eval_entities(data: Path, limit: int | None, verbose: bool) -> dict[str, Any] | None:
    """Who and where on MEANTIME's Wikinews leads, a corpus nothing was tuned on: our top-1
    fact and the naive baseline against the most-mentioned named entities (token F1, as
    in (a)); *page* is the best F1 among the facts the page shows."""
    path = data / "facts" / "meantime_entities.jsonl"
    if not path.exists():
        return None
    docs = list(read_jsonl(path, limit))
    golds = [{w: entity_gold(doc, w) if w in ENTITY_TYPES else [] for w in WS} for doc in docs]
    facts: list[Facts | None] = []
    naive = []
    for doc in docs:
        title, _sep, body = doc["text"].partition("\n\n")
        article = Article(body, title=title, published=published_of(doc["dct"]))
        facts.append(extract_facts(article, published=None))
        naive.append(naive_answers(title, body))
    answers = [our_answers(f) if f else dict.fromkeys(WS) for f in facts]
    if verbose:
        for gold, mine, base in zip(golds, answers, naive, strict=True):
            for w in ENTITY_TYPES:
                if gold[w]:
                    print(
                        f"  {w:5} ours={mine[w]!r:35.35} naive={base[w]!r:30.30} gold={gold[w][:3]}"
                    )
    return {
        "n": len(docs),
        "ours": scores_5w(golds, answers),
        "naive": scores_5w(golds, naive),
        "page": {w: page_scores(golds, facts, w) for w in ENTITY_TYPES},
    }


def report_entities(result: dict[str, Any] | None) -> None:
    if result is None:
        return
    print(
        f"\nMEANTIME entities ({result['n']} Wikinews leads; nothing tuned here), token F1 "
        "against the most-mentioned named entities"
    )
    print(f"{'W':8}{'n':>4}  {'ours, top-1':22}  {'naive':22}  {'ours - naive (paired)':26}")
    ours, naive, page = result["ours"], result["naive"], result["page"]
    for w in ("who", "where"):
        print(
            f"{w:8}{len(present(ours[w])):4d}  {fmt(bootstrap(present(ours[w]))):22}  "
            f"{fmt(bootstrap(present(naive[w]))):22}  "
            f"{fmt(bootstrap(paired(ours[w], naive[w])), signed=True):26}"
        )
        print(f"{'  page':12}  {fmt(bootstrap(present(page[w]))):22}  (best of {SHOWN[w]} shown)")


# --- report ------------------------------------------------------------------------------------
# --- report ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder (dev split)")
    ap.add_argument("--limit", type=int, default=None, help="at most N records per dataset")
    ap.add_argument("--only", default="5w,quotes,timex,entities,speed", help="parts to run")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every answer/miss")
    args = ap.parse_args(argv)
    parts = set(args.only.split(","))
    if not (args.data / "facts" / "giveme5w1h.jsonl").exists():
        print(f"{args.data}: no facts/giveme5w1h.jsonl; pass --data DIR", file=sys.stderr)
        return 1
    five = None
    if "5w" in parts or "speed" in parts:
        five = eval_5w(args.data, args.limit, args.verbose)
    if "5w" in parts and five is not None:
        report_5w(five)
    if "quotes" in parts:
        report_quotes(eval_quotes(args.data, args.limit))
    if "timex" in parts:
        report_timex(eval_timex(args.data, args.limit, args.verbose))
    if "entities" in parts:
        report_entities(eval_entities(args.data, args.limit, args.verbose))
    if "speed" in parts and five is not None:
        ms = speed(five["articles"])
        print("\nSpeed, ms per 1,000 words (each article's best of 3 runs)")
        for name, value in ms.items():
            print(f"  {name:16} {value:7.1f}")
        print(f"  extract_facts / stock spaCy: {ms['extract_facts'] / ms['stock spaCy']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
