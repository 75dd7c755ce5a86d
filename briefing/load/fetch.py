"""The one HTTP client: GET an http(s) URL with a timeout, a size cap and a type check."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request
from typing import IO

from ..errors import InputError
from .decode import sniff
from .document import Document, max_bytes, too_big
from .files import read_capped

FETCH_TIMEOUT = 20.0
USER_AGENT = "briefing/0.1 (one-page news briefings)"
_CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "application/json": "sniff",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "sniff",
    "text/xml": "sniff",
}
_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, text/plain;q=0.8"
)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) URLs."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise InputError(f"{req.full_url}: redirects to {newurl}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    """An opener for http(s) only: no file://, ftp:// or data: handlers at all."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _HttpOnlyRedirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def fetch_document(url: str, fetch: bool) -> Document:
    """GET an http(s) URL: 20 s timeout, size cap, Content-Type checked, errors as InputError."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"{url}: only http:// and https:// URLs can be loaded; save it and give the file path"
        )
    if not fetch:
        raise InputError(f"{url}: fetching URLs is disabled; save the page and give its path")
    cap = max_bytes()
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
    try:
        with _opener().open(request, timeout=FETCH_TIMEOUT) as response:
            headers = response.headers
            header = headers.get("Content-Type")
            content_type = headers.get_content_type() if header else None
            kind = _CONTENT_TYPES.get(content_type, "") if content_type else "sniff"
            if not kind:
                raise InputError(
                    f"{url}: serves {content_type}, not an article page or feed; "
                    "give the URL of an HTML page, text, JSON or an RSS/Atom feed"
                )
            length = headers.get("Content-Length", "")
            if length.isdigit() and int(length) > cap:
                raise too_big(url, int(length), cap)
            raw = read_capped(response, url, cap)
            final_url = response.geturl()
    except urllib.error.HTTPError as err:
        raise InputError(
            f"{url}: the server answered {err.code} {err.reason}; check the URL"
        ) from None
    except urllib.error.URLError as err:
        raise InputError(
            f"{url}: cannot fetch it ({err.reason}); check the URL and network"
        ) from None
    except TimeoutError:
        raise InputError(f"{url}: no answer within {FETCH_TIMEOUT:g} s; try again later") from None
    except (OSError, http.client.HTTPException, ValueError) as err:
        raise InputError(f"{url}: cannot fetch it ({err}); check the URL and network") from None
    if kind == "sniff":
        kind = sniff(raw)
    return Document(
        url,
        kind,
        raw,
        url=final_url,
        charset=headers.get_content_charset(),
        content_type=header,
    )
