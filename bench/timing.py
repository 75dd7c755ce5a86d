"""Speed and memory of the one-article pipeline, as ratios to the bare libraries.

Prints, in one run:
  1. cold `briefing make` on the seed vs `python -c "import spacy, weasyprint"` + model load;
  2. brief() throughput (words/s) vs a bare spaCy NER pass over the same text;
  3. PDF render time of the seed's briefing;
  4. peak memory (max RSS) of briefing a 5 MB article, in a fresh process;
  5. `briefing make --format md` vs `--format md,pdf` on a 40-article batch (BBC texts from
     /work/shared/data/summaries/bbc.jsonl when present, else the seed under 40 titles),
     --workers 1, interleaved runs: the md+pdf / md ratio (target <= 2), render_pdf split
     into layout (HTML -> pages) and writing (pages -> PDF bytes), and the PDF sizes.

Run: .venv/bin/python bench/timing.py [--repeat 3] [--only pdf]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
PY = sys.executable
BIN = Path(PY).parent / "briefing"


def wall(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def peak_rss_mb(code: str) -> float:
    """Peak RSS (VmHWM) of a fresh Python process running ``code`` (MB).

    ru_maxrss would not do: Linux carries the parent's high-water mark across fork+exec.
    """
    probe = (
        "\nhwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]"
        "\nimport sys; print('VmHWM', hwm.split()[1], file=sys.stderr)"
    )
    out = subprocess.run([PY, "-c", code + probe], check=True, capture_output=True, text=True)
    line = [row for row in out.stderr.splitlines() if row.startswith("VmHWM")][-1]
    return int(line.split()[1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--big-mb", type=float, default=5.0, help="size of the memory test article")
    ap.add_argument("--only", choices=["pdf"], help="run only section 5 (the PDF batch)")
    args = ap.parse_args()
    if args.only == "pdf":
        print_rows(pdf_batch(args.repeat))
        return

    import briefing
    from briefing.nlp import DEFAULT_MODEL

    rows: list[tuple[str, str]] = []

    # 1. cold start
    with tempfile.TemporaryDirectory() as tmp:
        make = wall([str(BIN), "make", str(SEED), "-o", tmp, "-q"], args.repeat)
    bare = wall([PY, "-c", f"import spacy, weasyprint; spacy.load({DEFAULT_MODEL!r})"], args.repeat)
    rows += [
        ("cold `briefing make` seed (md+pdf)", f"{make:.2f} s"),
        ("import spacy, weasyprint + model load", f"{bare:.2f} s"),
        ("ratio make / bare (target <= 2.5)", f"{make / bare:.2f}x"),
    ]

    # 2. throughput
    seed_text = SEED.read_text(encoding="utf-8")
    text = "\n\n".join([seed_text] * 8)
    n_words = len(text.split())
    art = briefing.Article(text, title="Throughput")
    briefing.brief(art)  # warm: model loaded, caches filled
    t = time.perf_counter()
    for _ in range(args.repeat):
        briefing.brief(briefing.Article(text + " ", title="Throughput"))
    brief_s = (time.perf_counter() - t) / args.repeat

    import spacy

    ner = spacy.load(DEFAULT_MODEL, enable=["ner"])  # en_core_web_sm's ner has its own tok2vec
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    list(ner.pipe(paragraphs))
    t = time.perf_counter()
    for _ in range(args.repeat):
        list(ner.pipe(paragraphs))
    ner_s = (time.perf_counter() - t) / args.repeat
    rows += [
        (f"brief() on {n_words} words", f"{n_words / brief_s:,.0f} words/s"),
        ("bare spaCy NER pass (nlp.pipe, ner only)", f"{n_words / ner_s:,.0f} words/s"),
        ("ratio brief / NER (target >= 0.5)", f"{ner_s / brief_s:.2f}x"),
    ]

    # 3. PDF render
    b = briefing.brief(SEED)
    briefing.render_pdf(b)
    t = time.perf_counter()
    for _ in range(args.repeat):
        briefing.render_pdf(b)
    rows.append(
        ("render_pdf(seed briefing)", f"{(time.perf_counter() - t) / args.repeat * 1000:.0f} ms")
    )

    # 4. memory on a big article, fresh process
    copies = max(1, int(args.big_mb * 1024 * 1024 / len(seed_text.encode())))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        big.write_text("\n\n".join([seed_text] * copies), encoding="utf-8")
        size = big.stat().st_size / 1024 / 1024
        base = peak_rss_mb("import briefing; from briefing.nlp import get_nlp; get_nlp()")
        t = time.perf_counter()
        peak = peak_rss_mb(
            f"import briefing; b = briefing.brief({str(big)!r}); briefing.render_pdf(b)"
        )
        big_s = time.perf_counter() - t
    rows += [
        ("peak RSS, model loaded, idle", f"{base:.0f} MB"),
        (f"peak RSS, brief + pdf of a {size:.1f} MB article (target < 1024)", f"{peak:.0f} MB"),
        (f"time for the {size:.1f} MB article", f"{big_s:.1f} s"),
    ]

    rows += pdf_batch(args.repeat)
    print_rows(rows)


def print_rows(rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    print(f"{'measure':<{width}}  value")
    print("-" * (width + 16))
    for k, v in rows:
        print(f"{k:<{width}}  {v}")


BBC = Path("/work/shared/data/summaries/bbc.jsonl")
BATCH = 40


def batch_articles() -> tuple[list[dict[str, str]], str]:
    """Forty articles as JSONL records: BBC texts when the dev data is there, else the seed."""
    if BBC.is_file():
        records = []
        with BBC.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                records.append(
                    {"text": row["text"], "title": row["title"], "published": "2005-03-01"}
                )
                if len(records) == BATCH:
                    break
        return records, f"{BATCH} BBC articles"
    text = SEED.read_text(encoding="utf-8")
    return [{"text": text, "title": f"Seed copy {i}"} for i in range(BATCH)], f"{BATCH} seed copies"


def pdf_batch(repeat: int) -> list[tuple[str, str]]:
    """Section 5: the md vs md+pdf ratio of `briefing make`, the layout/write split, sizes."""
    import briefing
    from briefing import pdf

    records, label = batch_articles()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        batch.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        times: dict[str, list[float]] = {"md": [], "md,pdf": []}
        cpu: dict[str, list[float]] = {"md": [], "md,pdf": []}
        for _ in range(repeat):
            for fmt in times:  # interleaved, so drift on a shared machine hits both alike
                out = Path(tmp) / fmt.replace(",", "-")
                cmd = [str(BIN), "make", str(batch), "--format", fmt, "--workers", "1", "-q"]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                times[fmt].append(wall([*cmd, "-o", str(out)], 1))
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[fmt].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        md, both = statistics.median(times["md"]), statistics.median(times["md,pdf"])
        md_cpu, both_cpu = statistics.median(cpu["md"]), statistics.median(cpu["md,pdf"])
        rows += [
            (f"make --format md, {label}, --workers 1", f"{md:.1f} s ({md_cpu:.1f} s CPU)"),
            (
                f"make --format md,pdf, {label}, --workers 1",
                f"{both:.1f} s ({both_cpu:.1f} s CPU)",
            ),
            ("ratio md+pdf / md, wall (target <= 2)", f"{both / md:.2f}x"),
            ("ratio md+pdf / md, CPU (load-proof)", f"{both_cpu / md_cpu:.2f}x"),
            ("PDF cost per article, wall", f"{(both - md) / len(records) * 1000:.0f} ms"),
        ]

    briefings = [briefing.brief(briefing.Article(r["text"], title=r["title"])) for r in records]
    spent = {"layout": 0.0, "write": 0.0}
    renders = 0
    real_render, real_write = pdf._render, pdf._write

    def timed_render(html: str, base_url: str) -> Any:
        nonlocal renders
        t = time.perf_counter()
        try:
            return real_render(html, base_url)
        finally:
            spent["layout"] += time.perf_counter() - t
            renders += 1

    def timed_write(document: Any, html: str | None) -> bytes:
        t = time.perf_counter()
        try:
            return real_write(document, html)
        finally:
            spent["write"] += time.perf_counter() - t

    briefing.render_pdf(briefings[0])  # warm: WeasyPrint imported, fonts loaded
    sizes = []
    pdf._render, pdf._write = timed_render, timed_write
    try:
        t = time.perf_counter()
        for b in briefings:
            sizes.append(len(briefing.render_pdf(b)))
        total = time.perf_counter() - t
    finally:
        pdf._render, pdf._write = real_render, real_write
    n = len(briefings)
    other = total - spent["layout"] - spent["write"]
    rows += [
        ("render_pdf per briefing (in process)", f"{total / n * 1000:.0f} ms"),
        (
            "  layout (HTML -> pages) / write (pages -> PDF) / templates+fit",
            f"{spent['layout'] / n * 1000:.0f} / {spent['write'] / n * 1000:.0f} / "
            f"{other / n * 1000:.0f} ms",
        ),
        ("  layouts per briefing (1 = fitted at once)", f"{renders / n:.2f}"),
        (
            "PDF size: mean / max (target < 150 KB)",
            f"{statistics.mean(sizes) / 1024:.0f} / {max(sizes) / 1024:.0f} KB",
        ),
    ]
    return rows


if __name__ == "__main__":
    main()
