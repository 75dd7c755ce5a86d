"""``briefing schedule``: the daily digest at a set time, or a cron line / systemd units."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import BriefingError
from ..settings import load_settings
from .digest import digest

EXAMPLES_SCHEDULE = """
\b
Examples:
  briefing schedule --at 07:00 --tz Europe/Berlin -- digest ~/news feeds/*.xml --email me@x.org
  briefing schedule --at 07:00 --print-cron -- digest ~/news --since-last
  briefing schedule --at 07:00 --print-systemd -- digest ~/news --since-last
"""


@click.command(
    epilog=EXAMPLES_SCHEDULE,
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
)
@click.option("--at", "at", default="07:00", show_default=True, help="Time of day, HH:MM.")
@click.option("--tz", default=None, help="IANA time zone, e.g. Europe/Berlin [default: local].")
@click.option("--print-cron", is_flag=True, help="Print a crontab line instead of running.")
@click.option("--print-systemd", is_flag=True, help="Print systemd timer and service units.")
@click.option("--run-now", is_flag=True, help="Also run the digest once right away.")
@click.option(
    "--time-limit",
    default=None,
    help="Kill a run still going after this long, e.g. 90m or 2h "
    "[default: 2h; env BRIEFING_TIME_LIMIT].",
)
@click.option(
    "--log", "log_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Log file [default: schedule.log in the user log dir].",
)  # fmt: skip
@click.argument("command", nargs=-1, type=click.UNPROCESSED, required=True)
def schedule(
    at: str,
    tz: str | None,
    print_cron: bool,
    print_systemd: bool,
    run_now: bool,
    time_limit: str | None,
    log_file: Path | None,
    command: tuple[str, ...],
) -> None:
    """Run `briefing digest ...` every day at --at, or print a cron line or systemd units.

    Put the digest command after --: briefing schedule --at 07:00 -- digest INPUT...
    The scheduler runs in the foreground, one run at a time (a lock file), logging to
    schedule.log; a run still going after --time-limit is killed and logged; SIGTERM or
    Ctrl-C stops it cleanly.
    """
    from .. import schedule as sched
    from ..settings import parse_duration

    if time_limit is not None:
        try:
            parse_duration(time_limit)
        except ValueError as exc:
            raise click.BadParameter(f"{time_limit!r}: {exc}", param_hint="--time-limit") from exc
    limit = load_settings({"time_limit": time_limit}).time_limit

    args = list(command)
    if not args or args[0] != "digest":
        raise click.UsageError("give the digest command after --, e.g. -- digest news/")
    digest.make_context("digest", args[1:])  # a usage error in it is exit 2 now, not at 07:00
    try:
        sched.parse_at(at)
        sched.parse_tz(tz)
    except BriefingError as exc:
        raise click.BadParameter(str(exc)) from exc
    try:
        cron = sched.cron_line(args, at, tz, time_limit=limit) if print_cron else ""
        units = sched.systemd_units(args, at, tz, time_limit=limit) if print_systemd else {}
    except BriefingError as exc:
        raise click.UsageError(str(exc)) from exc
    if print_cron:
        sched.log_path().parent.mkdir(parents=True, exist_ok=True)  # cron appends to it
        click.echo(cron, nl=False)
    if print_systemd:
        for name, text in units.items():
            click.echo(f"# ~/.config/systemd/user/{name}\n{text}")
        click.echo(
            "# then: systemctl --user daemon-reload && "
            f"systemctl --user enable --now {sched.UNIT}.timer"
        )
    if print_cron or print_systemd:
        return
    sched.run_forever(args, at, tz, log_file=log_file, run_now=run_now, time_limit=limit)
