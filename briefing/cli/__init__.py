"""The command line: parse flags, call the library, map errors to exit codes.

One module per command (``make``, ``digest``, ``schedule``), each a standalone click
command added to the group here; ``common`` holds what they share. Exit status 0 on
success, 1 when an input or output is bad (one line on stderr saying what and how to fix
it, no traceback), 2 on a usage error (click's own), 130 on Ctrl-C (143 on SIGTERM).

Importing this package stays cheap (``briefing --help`` loads neither spaCy nor
WeasyPrint): the commands import the library inside their bodies.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

import click

from .. import __version__
from ..errors import BriefingError, one_line
from .digest import digest
from .make import make
from .schedule import schedule


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def cli() -> None:
    """One-page, traceable briefings of news articles, fully offline.

    Each briefing is an extractive summary (sentences copied verbatim) and the key facts
    (who, what, where, when, numbers, quotes), each with the sentence it came from.
    """


cli.add_command(make)
cli.add_command(digest)
cli.add_command(schedule)


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM. Not a KeyboardInterrupt, which click turns into "Aborted!", exit 1."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.detail = ""  # what the command had done: "; 12 articles written into out/"


def _interrupt(signum: int, frame: FrameType | None) -> None:
    # The first signal unwinds (worker pools are stopped on the way); a second one while
    # that cleanup runs ends the process at once.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _exit_now)
    raise Interrupted(signum)


def _exit_now(signum: int, frame: FrameType | None) -> None:
    os._exit(128 + signum)


def main() -> None:
    """Entry point of the ``briefing`` console script and ``python -m briefing``."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _interrupt)
    try:
        cli.main(prog_name="briefing", standalone_mode=True)
    except BriefingError as exc:
        click.echo(f"error: {one_line(str(exc))}", err=True)
        sys.exit(1)
    except (Interrupted, KeyboardInterrupt) as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        detail = exc.detail if isinstance(exc, Interrupted) else ""
        click.echo(("interrupted" if signum == signal.SIGINT else "terminated") + detail, err=True)
        sys.exit(128 + signum)
    except BrokenPipeError:
        os._exit(0)
