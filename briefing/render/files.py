"""Atomic file writes for every output."""

from __future__ import annotations

import os
import re
import secrets
import time
from pathlib import Path

from ..errors import OutputError, wrong_type

__all__ = ["STALE_TMP_SECONDS", "clean_stale_temporaries", "output_path", "write_atomic"]


def output_path(path: object, call: str) -> Path:
    """``path`` as a file to write: an InputError naming ``call`` when it is no path, an
    OutputError when it names no file (``""``, ``"."``, ``"/"``)."""
    spec = os.fspath(path) if isinstance(path, str | os.PathLike) else None
    if not isinstance(spec, str):
        raise wrong_type(call, "a file path", path, "pass a file name such as out/story.pdf")
    target = Path(spec)
    if not spec.strip() or not target.name:
        raise OutputError(f"{call}: {spec!r} names no file; pass a file name such as out/story.pdf")
    return target


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` (str as UTF-8) to ``path`` atomically and return the path.

    The bytes go to a temporary file in the same folder, are flushed to disk, then
    renamed over ``path``, so readers never see half a file. Missing parent folders
    are created.
    """
    target = output_path(path, "write_atomic")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except IsADirectoryError as exc:
        raise OutputError(f"{target}: is a folder; pass a file name to write to") from exc
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(
            f"{target}: cannot write ({reason}); choose a writable output path with -o"
        ) from exc
    return target


#: A hidden temporary file older than this (seconds) was left by a killed run.
STALE_TMP_SECONDS = 60.0
#: The name write_atomic gives its temporaries: ".<target name>.<12 hex>.tmp".
_TMP = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp$")


def clean_stale_temporaries(folder: Path, now: float | None = None) -> int:
    """Remove the hidden temporaries of :func:`write_atomic` older than
    :data:`STALE_TMP_SECONDS` in ``folder`` (left by a run killed while writing); a young
    one may belong to a run still going. Returns how many were removed."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not _TMP.match(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > (
                STALE_TMP_SECONDS
            ):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed
