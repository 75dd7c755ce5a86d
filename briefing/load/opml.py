"""OPML subscription lists (as any feed reader exports them) to feed URLs, with listparser."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..errors import InputError
from .document import max_bytes as size_cap
from .files import open_checked, read_capped

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def read_opml(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> list[str]:
    """The feed URLs an OPML file subscribes to, in file order, each once.

    Nested folders (outlines inside outlines) are read too. Every ``xmlUrl`` is kept as
    written, so ``load_many`` can report a broken one as that input's error, except that
    a ``file://`` URL is read as the local path it names and a relative path
    ("markets.json") is taken from the OPML file's folder, as a link in a
    page is from the page's. A file that is not OPML, or subscribes to nothing, raises
    InputError. Nothing is downloaded.
    """
    import listparser

    name = os.fspath(path)
    with open_checked(Path(name), name) as stream:
        raw = read_capped(stream, name, size_cap(max_bytes))
    try:
        # bytes, never a str: listparser would download a str that looks like a URL
        parsed = listparser.parse(raw)
    except Exception as err:  # a parser bug must not become a traceback
        raise InputError(
            f"{name}: cannot read the OPML file ({type(err).__name__}); check it"
        ) from None
    urls: list[str] = []
    for feed in parsed.get("feeds", []):
        url = str(feed.get("url") or "").strip()
        if url.lower().startswith("file:"):
            # a feed saved on this machine: its path, read as any local input
            url = url2pathname(urlsplit(url).path)
        if url and not _SCHEME.match(url) and not os.path.isabs(url):
            url = os.path.join(os.path.dirname(name), url)
        if url and url not in urls:
            urls.append(url)
    if not urls:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise InputError(
            f"{name}: no feed subscriptions (outline xmlUrl) found{detail}; "
            "export the OPML file from your feed reader again"
        )
    return urls
