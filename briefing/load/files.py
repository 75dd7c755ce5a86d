"""Paths, folders and stdin: which files are articles, and reading them whole, size-capped."""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from pathlib import Path
from typing import IO, cast

from ..errors import InputError
from .decode import sniff
from .document import STDIN_NAME, Document, max_bytes, too_big

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


def check_exists(path: Path, name: str) -> None:
    if not path.exists():
        raise InputError(f"{name}: no such file or folder; check the path")


def path_kind(path: Path, name: str) -> tuple[str, bool]:
    """The kind of article file ``path`` names by its extension, and whether it is gzipped."""
    lower = path.name.lower()
    compressed = lower.endswith(".gz")
    suffix = Path(lower[:-3] if compressed else lower).suffix
    if not suffix:
        return "sniff", compressed
    kind = EXTENSIONS.get(suffix)
    if kind is None:
        raise InputError(
            f"{name}: cannot read {suffix[1:].upper()} articles; convert it to text or HTML first"
        )
    return kind, compressed


def folder_files(folder: Path) -> list[Path]:
    """Every article file under ``folder``, sorted by relative path (hidden ones skipped)."""
    found: list[tuple[tuple[str, ...], Path]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file_name in files:
            path = Path(root, file_name)
            if file_name.startswith(".") or not is_article_file(path):
                continue
            found.append((path.relative_to(folder).parts, path))
    return [path for _parts, path in sorted(found)]


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
    """Open a file for reading bytes, gunzipping ``*.gz`` on the fly."""
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def open_checked(path: Path, name: str) -> IO[bytes]:
    try:
        return _open_path(path)
    except OSError as err:
        raise InputError(
            f"{name}: cannot read the file ({err.strerror or err}); check it"
        ) from None


def read_capped(stream: IO[bytes], name: str, cap: int) -> bytes:
    raw = stream.read(cap + 1)
    if len(raw) > cap:
        raise too_big(name, None, cap)
    return raw


def read_document(path: Path, name: str, kind: str, compressed: bool) -> Document:
    """Read a whole file (size-capped) and settle its kind."""
    cap = max_bytes()
    try:
        if not compressed and path.stat().st_size > cap:
            raise too_big(name, path.stat().st_size, cap)
        with _open_path(path) as stream:
            raw = read_capped(stream, name, cap)
    except (OSError, EOFError, zlib.error) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise InputError(f"{name}: cannot read the file ({reason}); check it") from None
    if kind == "sniff":
        kind = sniff(raw)
    elif kind == "feed":
        kind = "html" if sniff(raw) == "html" else "feed"
    return Document(name, kind, raw)


def stdin() -> IO[bytes]:
    stream: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(f"{STDIN_NAME}: there is no standard input; pipe an article in")
    return stream


def stdin_document() -> Document:
    raw = read_capped(stdin(), STDIN_NAME, max_bytes())
    return Document(STDIN_NAME, sniff(raw), raw)
