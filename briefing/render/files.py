"""Atomic file writes for every output."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from ..errors import OutputError

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` (str as UTF-8) to ``path`` atomically and return the path.

    The bytes go to a temporary file in the same folder, are flushed to disk, then
    renamed over ``path``, so readers never see half a file. Missing parent folders
    are created.
    """
    target = Path(path)
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
