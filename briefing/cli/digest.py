"""``briefing digest``: flags and settings in, :func:`briefing.digest.daily.run_daily`
called, one line per problem and the exit status out. The work itself (load, select,
digest, render, write atomically, record, mail) is the library's, so the scheduler or a
script runs the same daily digest without click."""

from __future__ import annotations

import datetime as dt
import sys

import click

from ..errors import BriefingError
from ..settings import SECURITIES, load_settings
from .common import (
    MAX_BYTES_HELP,
    addresses_option,
    check_template,
    fail_line,
    formats_option,
    inputs_callback,
    progress_bar,
    size_option,
    warnings_for,
)

EXAMPLES_DIGEST = """
\b
Examples:
  briefing digest news/ feeds/world.xml            # out/digest-YYYY-MM-DD.md and .pdf
  briefing digest feeds/*.xml --since-last --max-stories 30
  briefing digest news/ --date 2025-11-25 -o briefs --format md,pdf,html,json
  briefing digest feeds/*.xml --fetch --email me@example.com
  briefing digest --opml subscriptions.opml --window 36h --lang en,fr
  briefing digest feeds/*.xml --window all -o /tmp/dg --format md,pdf,json
"""


@click.command(epilog=EXAMPLES_DIGEST)
@click.argument("inputs", nargs=-1, callback=inputs_callback)
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day the digest is for (its label and history key) [default: today].",
)
@click.option(
    "-o",
    "--output",
    default=None,
    help="Output folder, or - for stdout (one format only) [default: out].",
)
@click.option("--db", default=None, help="History database [default: in the user data dir].")
@click.option(
    "--max-stories", type=click.IntRange(min=1), default=None, help="Keep the best N stories."
)
@click.option(
    "--template",
    default=None,
    help="Template name, a folder overriding digest.md.j2/digest.html.j2, or a file.",
)
@click.option(
    "--format",
    "formats",
    default=None,
    callback=formats_option,
    help="Comma-separated formats: md, pdf, html, json [default: md,pdf].",
)
@click.option(
    "--email",
    multiple=True,
    callback=addresses_option,
    help="E-mail the digest to this address (repeatable).",
)
@click.option("--since-last", is_flag=True, help="Only articles no earlier digest held.")
@click.option(
    "--fetch",
    is_flag=True,
    help="Brief the linked page of feed entries with no text of their own (headlines).",
)
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Processes to use.")
@click.option("--max-bytes", default=None, callback=size_option, help=MAX_BYTES_HELP)
@click.option(
    "--dask",
    default=None,
    help="Run on a Dask cluster: a scheduler address, or 'local' (needs briefing[dask]).",
)
@click.option("--smtp-host", default=None, help="SMTP server [default: localhost].")
@click.option("--smtp-port", type=click.IntRange(1, 65535), default=None, help="SMTP port.")
@click.option("--smtp-user", default=None, help="SMTP login (password: env or config only).")
@click.option(
    "--smtp-security", type=click.Choice(SECURITIES), default=None, help="[default: starttls]"
)
@click.option("--email-from", default=None, callback=addresses_option, help="Sender address.")
@click.option(
    "--window",
    default=None,
    help="Entries to cover: 24h, 36h, 7d or all "
    "[default: since the last digest, else the 24 h up to the end of --date].",
)
@click.option("--lang", "languages", default=None, help="Keep only these languages, e.g. en,fr.")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Let --fetch and URL inputs reach loopback and private addresses (local servers).",
)
@click.option(
    "--opml",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Also read the feeds an OPML file subscribes to (repeatable).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary line.")
def digest(
    inputs: tuple[str, ...],
    day: dt.datetime | None,
    output: str | None,
    db: str | None,
    max_stories: int | None,
    template: str | None,
    formats: tuple[str, ...] | None,
    email: tuple[str, ...],
    since_last: bool,
    fetch: bool,
    workers: int | None,
    max_bytes: str | None,
    dask: str | None,
    smtp_host: str | None,
    smtp_port: int | None,
    smtp_user: str | None,
    smtp_security: str | None,
    email_from: str | None,
    window: str | None,
    languages: str | None,
    allow_private: bool,
    opml: tuple[str, ...],
    quiet: bool,
) -> None:
    """One digest of many articles: duplicates merged, related ones grouped, ranked.

    INPUT... may be files, folders, JSONL files, RSS/Atom feeds, URLs or - for stdin.
    Writes DIR/digest-YYYY-MM-DD.md and a one-page .pdf, records the run in the history
    database and, with --email, mails it. Feed boilerplate is removed, title-only entries
    are listed as headlines (not errors), entries older than the window are left out and
    counted. Exit status 0 when every input was readable; 1 for an unreadable input, a
    broken feed, a failed fetch or e-mail (the files are written all the same).
    """
    from ..digest.daily import DailyOptions, run_daily
    from ..digest.window import parse_languages, parse_window

    if not inputs and not opml:
        raise click.UsageError("give at least one INPUT (file, folder, feed, URL) or --opml FILE")
    try:
        if window is not None:
            parse_window(window)
        langs = parse_languages(languages)
    except BriefingError as exc:
        raise click.BadParameter(str(exc)) from exc
    settings = load_settings(
        {
            "output": output, "db": db, "max_stories": max_stories, "template": template,
            "formats": formats, "email": email, "smtp_host": smtp_host, "smtp_port": smtp_port,
            "smtp_user": smtp_user, "smtp_security": smtp_security, "email_from": email_from,
            "workers": workers, "dask": dask, "max_bytes": max_bytes,
        }
    )  # fmt: skip
    to_stdout = output == "-"
    if to_stdout and len(settings.formats) != 1:
        raise click.UsageError(
            "-o - writes the digest to stdout and needs exactly one --format, e.g. --format md"
        )
    mail_formats = ("md", "html", "pdf") if settings.email else ()
    check_template(
        settings.template, tuple(dict.fromkeys((*settings.formats, *mail_formats))), digest=True
    )
    options = DailyOptions(
        date=day.date() if day is not None else dt.date.today(),
        output=None if to_stdout else settings.output, db=settings.db, formats=settings.formats,
        template=settings.template, max_stories=settings.max_stories, window=window,
        since_last=since_last, languages=langs, fetch=fetch, allow_private=allow_private,
        opml=opml, email=settings.email, smtp=settings.smtp, workers=settings.workers,
        dask=settings.dask, model=settings.model, max_bytes=settings.max_bytes,
    )  # fmt: skip
    with progress_bar(None, "Digest", quiet) as advance, warnings_for("digest", quiet):
        result = run_daily(
            inputs,
            options,
            on_problem=fail_line,
            progress=advance,
            fetch_progress=lambda done, total: advance(),
        )
    if to_stdout and result.outputs:
        sys.stdout.buffer.write(result.outputs[settings.formats[0]])
        sys.stdout.buffer.flush()
    if not quiet:
        click.echo(result.summary, err=True)
    sys.exit(result.exit_code)
