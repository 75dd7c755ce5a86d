"""What the commands share: the one-line error, progress bar, input and format options."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import BriefingError, one_line

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def fail_line(name: str, message: str) -> None:
    """Print one line on stderr for a bad item (no traceback, control characters escaped)."""
    text = message if message.startswith(name) else f"{name}: {message}"
    click.echo(f"error: {one_line(text)}", err=True)


class Failures:
    """One line per bad item, except that a file's records failing alike are one line.

    A JSONL file of 90 records without text gave 90 identical lines; now its first failure
    is printed as it happens and the rest are told once at the end ("89 more records …").
    """

    def __init__(self) -> None:
        self.count = 0
        self._seen: dict[tuple[str, str], list[str]] = {}

    def add(self, name: str, message: str) -> None:
        self.count += 1
        file, sep, record = name.rpartition(":")  # JSONL records are named FILE:LINE
        if not (sep and file and record.isdigit()) or file.endswith(("]", "/")) or "://" in name:
            fail_line(name, message)
            return
        reason = message.removeprefix(name).lstrip(": ")
        same = self._seen.setdefault((file, reason), [])
        if not same:
            fail_line(name, message)
        same.append(record)

    def close(self) -> None:
        """Print the line for each file's repeated failures (call once, after the batch)."""
        for (file, reason), records in self._seen.items():
            if len(records) > 1:
                fail_line(
                    file,
                    f"{len(records) - 1} more records with the same error "
                    f"(lines {records[1]}–{records[-1]}): {reason}",
                )
        self._seen.clear()


def inputs_callback(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    """A click callback refusing an empty INPUT (``''`` would otherwise mean this folder)
    and reading an input named twice once ("a.txt ./a.txt", "- -": one briefing, not a
    copy under another name, and stdin read once)."""
    seen: set[str] = set()
    kept = []
    for item in value:
        if not item.strip():
            raise click.BadParameter(
                f"{item!r} is empty; name a file, a folder, a URL, or - for stdin",
                param_hint="INPUT",
            )
        key = os.path.realpath(item) if item != "-" and os.path.exists(item) else item
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return tuple(kept)


def formats_option(ctx: click.Context, param: click.Parameter, value: str | None) -> object:
    """A click callback: ``md,pdf`` -> ``("md", "pdf")``; None stays None (not given)."""
    from ..settings import parse_formats

    if value is None:
        return None
    try:
        return parse_formats(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r}: {exc}") from exc


def algorithm_option(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A click callback: a summary algorithm the library knows, else a usage error listing
    them, before any work."""
    from ..summarize import check_algorithm

    try:
        check_algorithm(value)
    except BriefingError as exc:
        raise click.BadParameter(str(exc)) from exc
    return value


def addresses_option(
    ctx: click.Context, param: click.Parameter, value: str | tuple[str, ...] | None
) -> object:
    """A click callback refusing an e-mail address that could not be sent to, before any work
    (the library checks the same when it builds the message)."""
    from ..mail import check_address

    label = param.opts[0] if param.opts else "--email"
    for address in (value,) if isinstance(value, str) else value or ():
        try:
            check_address(address, label)
        except BriefingError as exc:
            raise click.BadParameter(str(exc).removeprefix(f"{label} ")) from exc
    return value


def size_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--max-bytes: checked when the command line is read (a usage error), passed on as
    written (the settings parse it, beside BRIEFING_MAX_BYTES and the config file)."""
    from ..settings import parse_size

    if value is not None:
        try:
            parse_size(value)
        except ValueError as exc:
            raise click.BadParameter(f"{value!r}: {exc}") from exc
    return value


MAX_BYTES_HELP = "The size cap per input, e.g. 50MB [default: 20MB; env BRIEFING_MAX_BYTES]."


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = one_line(record.getMessage())
        if message not in self.messages:
            self.messages.append(message)


@contextmanager
def warnings_for(name: str, quiet: bool = False) -> Iterator[None]:
    """Print the library's warnings logged inside the block as "NAME: warning: …" lines
    on stderr (a PDF whose characters no font on this machine can show): a library caller
    gets them through logging, the command line user on the terminal."""
    handler = _Collect()
    logger = logging.getLogger("briefing")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        for message in handler.messages if not quiet else ():
            stderr.print(f"{name}: warning: {message}", markup=False)


@contextmanager
def progress_bar(total: int | None, label: str, quiet: bool) -> Iterator[Any]:
    """A rich progress bar on a terminal; a no-op when piped or quiet."""
    enabled = not quiet and stderr.is_terminal
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        disable=not enabled,
        transient=False,
    )
    with progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)


def check_template(template: str, formats: tuple[str, ...], *, digest: bool = False) -> None:
    """Exit 1 with one line when ``template`` cannot make ``formats``, before any work."""
    from ..render import check_template as check

    try:
        check(template, formats, digest=digest)
    except BriefingError as exc:
        fail_line(template, str(exc))
        sys.exit(1)
