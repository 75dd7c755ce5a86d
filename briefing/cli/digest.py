"""``briefing digest``: one digest of many articles, written, recorded and mailed.

Order of work, chosen so that a run killed at any moment (even SIGKILL) leaves the previous
outputs and the history intact: load and brief everything, render every format in memory,
write each file atomically (temp file + rename), then record the run in the history
database in one transaction. A run killed before the commit leaves the old record; because
a digest for a date only depends on history from *earlier* dates, the next run for that
date makes the same files again.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace

import click

from ..errors import BriefingError, OutputError
from ..models import Article, Digest
from ..settings import SECURITIES, Settings, load_settings
from ..store import History, checkpoint, content_hash, inputs_hash
from .common import fail_line, formats_option, progress_bar, render_formats, write_outputs

EXAMPLES_DIGEST = """
\b
Examples:
  briefing digest news/ feeds/world.xml            # out/digest-YYYY-MM-DD.md and .pdf
  briefing digest feeds/*.xml --since-last --max-stories 30
  briefing digest news/ --date 2025-11-25 -o briefs --format md,pdf,html,json
  briefing digest feeds/*.xml --fetch --email me@example.com
"""


@click.command(epilog=EXAMPLES_DIGEST)
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day the digest is for (its label and history key) [default: today].",
)
@click.option("-o", "--output", default=None, help="Output folder [default: out].")
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
@click.option("--email", multiple=True, help="E-mail the digest to this address (repeatable).")
@click.option("--since-last", is_flag=True, help="Only articles no earlier digest held.")
@click.option(
    "--fetch", is_flag=True, help="Load the linked page of feed entries that have no text."
)
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Processes to use.")
@click.option(
    "--dask",
    default=None,
    envvar="BRIEFING_DASK",
    help="Run on a Dask cluster: a scheduler address, or 'local' (needs briefing[dask]).",
)
@click.option("--smtp-host", default=None, help="SMTP server [default: localhost].")
@click.option("--smtp-port", type=click.IntRange(1, 65535), default=None, help="SMTP port.")
@click.option("--smtp-user", default=None, help="SMTP login (password: env or config only).")
@click.option(
    "--smtp-security", type=click.Choice(SECURITIES), default=None, help="[default: starttls]"
)
@click.option("--email-from", default=None, help="Sender address.")
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
    dask: str | None,
    smtp_host: str | None,
    smtp_port: int | None,
    smtp_user: str | None,
    smtp_security: str | None,
    email_from: str | None,
    quiet: bool,
) -> None:
    """One digest of many articles: duplicates merged, related ones grouped, ranked.

    INPUT... may be files, folders, JSONL files, RSS/Atom feeds, URLs or - for stdin.
    Writes DIR/digest-YYYY-MM-DD.md and a one-page .pdf, records the run in the history
    database and, with --email, mails it. Exit status 1 when any input was skipped or the
    mail failed (the files are written all the same).
    """
    from ..digest import digest as make_digest
    from ..load import load_many

    settings = load_settings(
        {
            "output": output, "db": db, "max_stories": max_stories, "template": template,
            "formats": formats, "email": email, "smtp_host": smtp_host, "smtp_port": smtp_port,
            "smtp_user": smtp_user, "smtp_security": smtp_security, "email_from": email_from,
        }
    )  # fmt: skip
    date = day.date() if day is not None else dt.date.today()
    try:
        settings.output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{settings.output}: cannot create the output folder ({exc.strerror}); "
            "choose another with -o"
        ) from exc
    history = History(settings.db)
    try:
        articles, names, skipped = [], [], 0
        for item in load_many(inputs, fetch=True, fetch_linked=fetch):
            if item.article is None:
                skipped += 1
                fail_line(item.name, str(item.error))
            else:
                article = item.article
                if article.source is None and article.url is None and item.name != "-":
                    article = replace(article, source=item.name)  # name a local file's source
                articles.append(article)
                names.append(item.name)
        already = 0
        if since_last:
            seen = history.seen_before(articles, date)
            already = sum(seen)
            names = [n for n, s in zip(names, seen, strict=True) if not s]
            articles = [a for a, s in zip(articles, seen, strict=True) if not s]

        def report(i: int, article: Article, error: BriefingError) -> None:
            fail_line(names[i], str(error))

        with progress_bar(len(articles), "Digest", quiet) as advance:
            d = make_digest(
                articles, date, max_stories=settings.max_stories, skipped=skipped,
                workers=workers, dask=dask, on_error=report, progress=advance,
            )  # fmt: skip
        wanted = settings.formats
        mail_formats = ("md", "html", "pdf") if settings.email else ()
        every = tuple(dict.fromkeys((*wanted, *mail_formats)))
        rendered = render_formats(d, every, settings.template)
        paths = write_outputs(
            settings.output, f"digest-{date.isoformat()}", {f: rendered[f] for f in wanted}
        )
        checkpoint("digest:outputs-written")
        included = sorted({i for s in d.stories for i in s.articles})
        history.record(
            date,
            [articles[i] for i in included],
            paths=[str(p.resolve()) for p in paths],
            inputs=inputs_hash(
                (content_hash(a.text) for a in articles),
                settings.max_stories, settings.template, settings.formats,
            ),
            story_count=len(d.stories),
            skipped=d.skipped,
        )  # fmt: skip
    finally:
        history.close()

    mail_failed = False
    if settings.email:
        mail_failed = not _send(d, rendered, settings, date)
    if not quiet:
        notes = [f"{d.read} articles read", f"{d.merged} merged", f"{d.skipped} skipped"]
        if already:
            notes.append(f"{already} already in an earlier digest")
        notes.append(f"{len(d.stories)} stories")
        where = ", ".join(str(p) for p in paths)
        click.echo(f"Digest {date.isoformat()}: {', '.join(notes)} -> {where}", err=True)
    sys.exit(1 if d.skipped or mail_failed else 0)


def _send(d: Digest, rendered: dict[str, bytes], settings: Settings, date: dt.date) -> bool:
    """Mail the rendered digest; report a failure on stderr. True when sent."""
    from ..mail import send_digest

    try:
        send_digest(
            settings.email,
            subject=d.title,
            text=rendered["md"].decode(),
            html=rendered["html"].decode(),
            pdf=rendered["pdf"],
            smtp=settings.smtp,
            pdf_name=f"digest-{date.isoformat()}.pdf",
        )
    except BriefingError as exc:
        fail_line("email", str(exc))
        return False
    return True
