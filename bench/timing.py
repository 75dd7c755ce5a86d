"""Speed and memory of the one-article pipeline, as ratios to the bare libraries.

Prints, in one run:
  1. cold `briefing make` on the seed vs `python -c "import spacy, weasyprint"` + model load;
  2. brief() throughput (words/s) vs a bare spaCy NER pass over the same text;
  3. PDF render time of the seed's briefing;
  4. peak memory (max RSS) of briefing a 5 MB article, in a fresh process.

Run: .venv/bin/python bench/timing.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    args = ap.parse_args()

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

    width = max(len(k) for k, _ in rows)
    print(f"{'measure':<{width}}  value")
    print("-" * (width + 16))
    for k, v in rows:
        print(f"{k:<{width}}  {v}")


if __name__ == "__main__":
    main()
