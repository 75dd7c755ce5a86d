"""The command line: parse flags, call the library, map errors to exit codes.

One module per command (``make``, ``digest``, ``schedule``), each a standalone click
command added to the group here; ``common`` holds what they share. Exit status 0 on
success, 1 when an input or output is bad (one line on stderr saying what and how to fix
it, no traceback), 2 on a usage error (click's own), 130 on Ctrl-C.
"""

from __future__ import annotations

import os
import sys

import click

from .. import __version__
from ..errors import BriefingError
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


def main() -> None:
    """Entry point of the ``briefing`` console script and ``python -m briefing``."""
    try:
        cli.main(prog_name="briefing", standalone_mode=True)
    except BriefingError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        os._exit(0)
