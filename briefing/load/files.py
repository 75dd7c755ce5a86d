"""Paths, folders and stdin: which files are articles, and reading them whole, size-capped."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shlex
import stat
import sys
import zlib
from pathlib import Path
from typing import IO, cast

from ..errors import InputError
from .decode import sniff
from .document import STDIN_NAME, Document, too_big

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
}


# a file named by its date first, as static-site generators name posts: pelican's default
# FILENAME_METADATA "(?P<date>\d{4}-\d{2}-\d{2}).*", Jekyll's "YYYY-MM-DD-title.md"
_NAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")


def name_date(name: str) -> dt.date | None:
    """The date a file's name opens with ("2026-11-26-harbour-vote.md": 26 November 2026),
    as pelican and Jekyll date a post by its file name; None when the name opens with no
    real date. A file's modification time never dates it (a copy or a checkout changes it)."""
    match = _NAME_DATE.match(Path(name).name)
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:  # 2026-13-40
        return None


def check_exists(path: Path, name: str) -> None:
    try:
        os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file or folder; check the path") from None
    except (OSError, ValueError) as err:  # too long, a NUL byte, a loop of links...
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        shown = name if len(name) <= 200 else name[:200] + "…"
        raise InputError(f"{shown}: cannot use this path ({reason.lower()}); check it") from None


def path_kind(path: Path, name: str) -> tuple[str, bool]:
    """The kind of article file ``path`` names by its extension, and whether it is gzipped."""
    lower = path.name.lower()
    compressed = lower.endswith(".gz")
    suffix = Path(lower[:-3] if compressed else lower).suffix
    if not suffix:
        return "sniff", compressed
    kind = EXTENSIONS.get(suffix)
    if kind is None and suffix == ".opml":
        raise InputError(
            f"{name}: an OPML file lists feeds, not articles; "
            f"read them with: briefing digest --opml {shlex.quote(name)}"
        )
    if kind is None:
        raise InputError(
            f"{name}: cannot read {suffix[1:].upper()} articles; convert it to text or HTML first"
        )
    return kind, compressed


def folder_entries(folder: Path, name: str) -> list[tuple[Path, InputError | None]]:
    """Every article file under ``folder`` sorted by relative path, and what could not be read.

    Hidden and unsupported files are skipped; a subfolder that cannot be listed, or a link
    to a folder (not followed: it could loop), is an entry with its error, never skipped
    in silence. A folder that cannot be listed at all raises InputError.
    """
    found: list[tuple[tuple[str, ...], Path, InputError | None]] = []
    problems: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=problems.append):
        kept = []
        for sub in dirs:
            if sub.startswith("."):
                continue
            path = Path(root, sub)
            if path.is_symlink():
                problem = InputError(
                    f"{path}: a link to a folder, not followed; give its target as an input"
                )
                found.append((path.relative_to(folder).parts, path, problem))
            else:
                kept.append(sub)
        dirs[:] = kept
        for file_name in files:
            path = Path(root, file_name)
            if file_name.startswith(".") or not is_article_file(path):
                continue
            found.append((path.relative_to(folder).parts, path, None))
    for err in problems:
        where = Path(err.filename) if err.filename else folder
        reason = (err.strerror or str(err)).lower()
        if where == folder or os.path.samefile(where, folder):
            raise InputError(f"{name}: cannot list the folder ({reason}); check its permissions")
        problem = InputError(f"{where}: cannot list the folder ({reason}); check its permissions")
        found.append((where.relative_to(folder).parts, where, problem))
    return [(path, problem) for _parts, path, problem in sorted(found, key=lambda f: f[0])]


def no_article_files(name: str) -> InputError:
    kinds = " ".join(sorted(EXTENSIONS))
    return InputError(f"{name}: no article files ({kinds}) in the folder")


def is_article_file(path: Path) -> bool:
    try:
        kind, _compressed = path_kind(path, str(path))
    except InputError:
        return False
    return kind != "sniff"


def _open_path(path: Path) -> IO[bytes]:
    """Open a regular file for reading bytes, gunzipping ``*.gz`` on the fly.

    Opened without blocking and checked before any read: a FIFO, a device or a socket
    raises SpecialFileError instead of waiting forever for a writer.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise SpecialFileError(_special_kind(mode))
        os.set_blocking(fd, True)
        stream = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb"))
    return stream


class SpecialFileError(OSError):
    """A path that names a FIFO, a device or a socket rather than a file."""


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _unreadable(name: str, err: BaseException) -> InputError:
    if isinstance(err, SpecialFileError):
        return InputError(f"{name}: is {err}, not a file; give a regular file")
    reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
    return InputError(f"{name}: cannot read the file ({reason}); check it")


def open_checked(path: Path, name: str) -> IO[bytes]:
    try:
        return _open_path(path)
    except OSError as err:
        raise _unreadable(name, err) from None


def read_capped(stream: IO[bytes], name: str, cap: int) -> bytes:
    raw = stream.read(cap + 1)
    if len(raw) > cap:
        raise too_big(name, None, cap)
    return raw


def read_document(path: Path, name: str, kind: str, compressed: bool, cap: int) -> Document:
    """Read a whole file (at most ``cap`` bytes, after gunzipping) and settle its kind."""
    try:
        with _open_path(path) as stream:
            size = os.fstat(stream.fileno()).st_size
            if not compressed and size > cap:
                raise too_big(name, size, cap)
            raw = read_capped(stream, name, cap)
    except (OSError, EOFError, zlib.error) as err:
        raise _unreadable(name, err) from None
    if kind == "sniff":
        kind = sniff(raw)
    elif kind == "feed" and sniff(raw) == "html":
        return Document(name, "html", raw, feed_named=True)
    return Document(name, kind, raw)


def stdin() -> IO[bytes]:
    stream: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(f"{STDIN_NAME}: there is no standard input; pipe an article in")
    return stream


def stdin_document(cap: int) -> Document:
    raw = read_capped(stdin(), STDIN_NAME, cap)
    return Document(STDIN_NAME, sniff(raw), raw)
