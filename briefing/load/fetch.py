"""The one HTTP client: every download of an input URL, a feed URL or a linked page.

Built on httpcore (the transport under httpx) with our own network backend, so that the
rules hold on every connection:

- a *total* deadline per download: each socket operation gets only the time left, so a
  server dripping one byte every few seconds cannot stretch a 20 s limit;
- a size cap on the decoded body (gzip/deflate are inflated here, ``max_length`` at a
  time, so a decompression bomb stops at the cap) and a Content-Type check;
- redirects followed by hand, only to http(s), at most ``max_redirects`` hops, each hop
  checked like the first;
- the address policy: loopback, private, link-local, multicast and reserved addresses are
  refused unless ``allow_private``. The host is resolved once, every address is checked,
  and the socket connects to that checked address (no DNS-rebinding window); TLS still
  verifies the host name;
- retries with backoff on 5xx and 429, honouring Retry-After up to a bound;
- conditional GET through a small ``PageCache`` (ETag / Last-Modified per URL);
- ``fetch_many``: many URLs at once, bounded overall and per host, results in input order.

The network layer (address policy, DNS once, the deadline per socket operation) is in
``net.py``. Proxy variables are ignored: through a proxy the address policy could not be
checked.
"""

from __future__ import annotations

import concurrent.futures
import email.utils
import ssl
import threading
import time
import urllib.parse
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import httpcore

from ..errors import InputError
from .decode import sniff
from .document import Document, max_bytes as size_cap, too_big
from .net import DEADLINE, Backend, Refused, is_public_address

__all__ = [
    "CONTENT_TYPES",
    "FetchOptions",
    "Fetched",
    "Fetcher",
    "MemoryCache",
    "Page",
    "PageCache",
    "check_url",
    "document_from_page",
    "fetch",
    "fetch_many",
    "is_public_address",
]

FETCH_TIMEOUT = 20.0


def _user_agent() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"briefing/{version('briefing')} (one-page news briefings)"
    except PackageNotFoundError:
        return "briefing/dev (one-page news briefings)"


USER_AGENT = _user_agent()
CONTENT_TYPES = {
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
"""The Content-Types of an article page or feed, and the kind of input each one is."""
_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, text/plain;q=0.8"
)
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """The limits of every download. ``max_bytes=None`` means the loading size cap."""

    timeout: float = FETCH_TIMEOUT  # total, per attempt: connect, headers and whole body
    max_bytes: int | None = None
    max_redirects: int = 5
    retries: int = 2  # extra attempts after a 5xx or 429
    backoff: float = 0.5  # seconds before the first retry, doubled after each
    max_retry_after: float = 30.0  # a longer Retry-After fails the download instead
    allow_private: bool = False
    concurrency: int = 16  # downloads at once in fetch_many
    per_host: int = 6  # downloads at once per host in fetch_many (as browsers allow)
    user_agent: str = USER_AGENT
    content_types: tuple[str, ...] = tuple(CONTENT_TYPES)  # () accepts any type


@dataclass(frozen=True, slots=True)
class Page:
    """A downloaded body. ``from_cache`` when the server answered 304 Not Modified."""

    url: str  # as requested
    final_url: str  # after redirects
    body: bytes
    content_type: str | None = None  # the full header, parameters included
    etag: str | None = None
    last_modified: str | None = None
    from_cache: bool = False

    @property
    def media_type(self) -> str | None:
        if not self.content_type:
            return None
        return self.content_type.split(";", 1)[0].strip().lower() or None

    @property
    def charset(self) -> str | None:
        for parameter in (self.content_type or "").split(";")[1:]:
            key, _sep, value = parameter.partition("=")
            if key.strip().lower() == "charset":
                return value.strip().strip("\"'") or None
        return None


@dataclass(frozen=True, slots=True)
class Fetched:
    """One result of ``fetch_many``: the page, or the error that download raised."""

    url: str
    page: Page | None
    error: InputError | None


class PageCache(Protocol):
    """Where validators and bodies of earlier downloads are kept, keyed by requested URL.

    ``get`` returns the Page stored by ``put`` (or None); its ``etag`` and
    ``last_modified`` are sent as If-None-Match / If-Modified-Since, and on 304 the stored
    Page is returned with ``from_cache=True``. Only pages with a validator are ``put``.
    Implementations must be safe to call from several threads.
    """

    def get(self, url: str) -> Page | None: ...

    def put(self, url: str, page: Page) -> None: ...


class MemoryCache:
    """A PageCache in a dict, for one process (tests, a single run)."""

    def __init__(self) -> None:
        self._pages: dict[str, Page] = {}
        self._lock = threading.Lock()

    def get(self, url: str) -> Page | None:
        with self._lock:
            return self._pages.get(url)

    def put(self, url: str, page: Page) -> None:
        with self._lock:
            self._pages[url] = page


# --- URLs ---------------------------------------------------------------------------------


def check_url(url: str) -> urllib.parse.SplitResult:
    """The parts of an http(s) URL, or InputError saying what is wrong with it."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        _ = parts.port  # a port that is not a number raises here
    except ValueError as err:
        raise InputError(f"{url}: not a valid URL ({err}); check it") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise InputError(
            f"{url}: only http:// and https:// URLs can be loaded; save it and give the file path"
        )
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise InputError(f"{url}: not a valid URL (it holds spaces or control characters)")
    return parts


def _retry_after(value: str | None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


class _Inflater:
    """gzip / deflate / identity, never producing more than the cap allows."""

    def __init__(self, encoding: str, url: str) -> None:
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._inflater: Any = None
        elif encoding in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise InputError(f"{url}: the server sent {encoding}-compressed data; check the URL")
        self._deflate = encoding == "deflate"
        self._started = False

    def feed(self, chunk: bytes, room: int) -> bytes:
        """Inflate ``chunk``, returning at most ``room`` bytes (more means over the cap)."""
        if self._inflater is None:
            return chunk[:room]
        if self._deflate and not self._started and chunk:
            self._started = True
            # "deflate" is meant to be zlib-wrapped; some servers send raw deflate
            if chunk[0] & 0x0F != 8:
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        out = self._inflater.decompress(chunk, room)
        return bytes(out)


# --- the client ---------------------------------------------------------------------------


class Fetcher:
    """Downloads under one set of FetchOptions, sharing a connection pool; close() it."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        cache: PageCache | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """``ssl_context`` replaces the default one (certifi's CAs, host names verified)."""
        self.options = options or FetchOptions()
        self.cache = cache
        self._resolver = concurrent.futures.ThreadPoolExecutor(4, "briefing-dns")
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=max(1, self.options.concurrency),
            keepalive_expiry=30.0,
            network_backend=Backend(self.options.allow_private, self._resolver),
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.close()
        self._resolver.shutdown(wait=False, cancel_futures=True)

    def fetch(self, url: str) -> Page:
        """GET ``url`` under the options; every failure is an InputError naming ``url``."""
        check_url(url)
        options = self.options
        cached = self.cache.get(url) if self.cache is not None else None
        attempt = 0
        while True:
            status, page, retry_after = self._attempt(url, cached)
            if page is not None:
                if page.from_cache or self.cache is None:
                    return page
                if page.etag or page.last_modified:
                    self.cache.put(url, page)
                return page
            if attempt >= options.retries:
                raise InputError(
                    f"{url}: the server answered {status} after {attempt + 1} tries; "
                    "try again later"
                )
            wait = options.backoff * (2**attempt)
            if retry_after is not None:
                if retry_after > options.max_retry_after:
                    raise InputError(
                        f"{url}: the server answered {status} and asks to wait "
                        f"{min(retry_after, 1e7):.0f} s; try again later"
                    )
                wait = max(wait, retry_after)
            time.sleep(wait)
            attempt += 1

    def _attempt(self, url: str, cached: Page | None) -> tuple[int, Page | None, float | None]:
        """One try, redirects included: (status, page or None to retry, Retry-After)."""
        options = self.options
        DEADLINE.at = time.monotonic() + options.timeout
        try:
            return self._follow(url, cached)
        except Refused as err:
            raise InputError(f"{url}: refused: {err}") from None
        except httpcore.TimeoutException:
            raise InputError(
                f"{url}: no complete answer within {options.timeout:g} s; try again later"
            ) from None
        except (httpcore.ConnectError, httpcore.NetworkError, httpcore.ProtocolError) as err:
            reason = " ".join(str(err).split()) or type(err).__name__
            raise InputError(
                f"{url}: cannot fetch it ({reason}); check the URL and network"
            ) from None
        except (httpcore.UnsupportedProtocol, httpcore.LocalProtocolError, ValueError) as err:
            raise InputError(f"{url}: not a valid URL ({err}); check it") from None
        except (OSError, zlib.error, ssl.SSLError) as err:
            reason = " ".join(str(err).split()) or type(err).__name__
            raise InputError(
                f"{url}: cannot fetch it ({reason}); check the URL and network"
            ) from None
        finally:
            DEADLINE.at = None

    def _follow(self, url: str, cached: Page | None) -> tuple[int, Page | None, float | None]:
        options = self.options
        cap = size_cap(options.max_bytes)
        current = url
        seen = {url}
        for _hop in range(options.max_redirects + 1):
            check_url(current)
            headers = [
                ("User-Agent", options.user_agent),
                ("Accept", _ACCEPT),
                ("Accept-Encoding", "gzip, deflate"),
            ]
            if cached is not None and cached.etag:
                headers.append(("If-None-Match", cached.etag))
            if cached is not None and cached.last_modified:
                headers.append(("If-Modified-Since", cached.last_modified))
            timeouts = {key: options.timeout for key in ("connect", "read", "write", "pool")}
            with self._pool.stream(
                "GET", current, headers=headers, extensions={"timeout": timeouts}
            ) as response:
                status = response.status
                head = {
                    k.decode("latin-1").lower(): v.decode("latin-1") for k, v in response.headers
                }
                if status in _REDIRECTS and "location" in head:
                    target = _redirect_target(url, current, head["location"])
                    if target in seen:
                        raise InputError(f"{url}: redirects in a loop; check the URL")
                    seen.add(target)
                    current = target
                    continue
                if status == 304 and cached is not None:
                    return status, _cached_copy(cached, url), None
                if status == 429 or 500 <= status <= 599:
                    return status, None, _retry_after(head.get("retry-after"))
                if status >= 400 or status < 200 or status == 204:
                    reason = response.extensions.get("reason_phrase", b"")
                    text = reason.decode("latin-1") if isinstance(reason, bytes) else ""
                    raise InputError(
                        f"{url}: the server answered {status} {text}".rstrip() + "; check the URL"
                    )
                content_type = head.get("content-type")
                self._check_type(url, content_type)
                length = head.get("content-length", "")
                encoding = head.get("content-encoding", "")
                if length.isdigit() and not encoding and int(length) > cap:
                    raise too_big(url, int(length), cap)
                body = _read_body(response, _Inflater(encoding, url), url, cap)
                return (
                    status,
                    Page(
                        url,
                        current,
                        body,
                        content_type=content_type,
                        etag=head.get("etag"),
                        last_modified=head.get("last-modified"),
                    ),
                    None,
                )
        raise InputError(
            f"{url}: more than {options.max_redirects} redirects; give the final URL instead"
        )

    def _check_type(self, url: str, content_type: str | None) -> None:
        if not content_type or not self.options.content_types:
            return
        media = content_type.split(";", 1)[0].strip().lower()
        if media not in self.options.content_types:
            raise InputError(
                f"{url}: serves {media}, not an article page or feed; "
                "give the URL of an HTML page, text, JSON or an RSS/Atom feed"
            )

    def fetch_many(
        self,
        urls: Sequence[str],
        *,
        progress: Callable[[int, int, Fetched], None] | None = None,
    ) -> list[Fetched]:
        """Fetch every URL, at most ``concurrency`` at once and ``per_host`` per host.

        Results come in input order; a failed download is a Fetched with its error.
        ``progress(done, total, result)`` is called in this thread as each one finishes.
        """
        results: list[Fetched | None] = [None] * len(urls)
        pending = list(range(len(urls)))
        busy: dict[str, int] = {}
        running: dict[concurrent.futures.Future[Page], int] = {}
        limit = max(1, self.options.concurrency)
        per_host = max(1, self.options.per_host)
        done = 0
        with concurrent.futures.ThreadPoolExecutor(limit, "briefing-fetch") as pool:
            while pending or running:
                for index in list(pending):
                    if len(running) >= limit:
                        break
                    host = _host_key(urls[index])
                    if busy.get(host, 0) >= per_host:
                        continue
                    pending.remove(index)
                    busy[host] = busy.get(host, 0) + 1
                    running[pool.submit(self.fetch, urls[index])] = index
                finished, _rest = concurrent.futures.wait(
                    running, return_when=concurrent.futures.FIRST_COMPLETED
                )
                for future in finished:
                    index = running.pop(future)
                    busy[_host_key(urls[index])] -= 1
                    try:
                        result = Fetched(urls[index], future.result(), None)
                    except InputError as err:
                        result = Fetched(urls[index], None, err)
                    except Exception as err:  # a bug must not lose the other downloads
                        problem = InputError(f"{urls[index]}: cannot fetch it ({err!r})")
                        result = Fetched(urls[index], None, problem)
                    results[index] = result
                    done += 1
                    if progress is not None:
                        progress(done, len(urls), result)
        return [result for result in results if result is not None]


def _redirect_target(url: str, current: str, location: str) -> str:
    """Where a redirect leads, refusing anything but a valid http(s) URL."""
    target = location.strip()
    shown = ascii(target[:200])[1:-1] + ("..." if len(target) > 200 else "")
    invalid = InputError(f"{url}: redirects to {shown}, which is not a valid URL; check the URL")
    try:
        target = urllib.parse.urljoin(current, target)
        scheme = urllib.parse.urlsplit(target).scheme.lower()
    except ValueError:
        raise invalid from None
    if scheme not in ("http", "https"):
        raise InputError(f"{url}: redirects to {shown}, which is not http(s); not allowed")
    try:
        check_url(target)
    except InputError:
        raise invalid from None
    return target


def _cached_copy(cached: Page, url: str) -> Page:
    return Page(
        url,
        cached.final_url,
        cached.body,
        content_type=cached.content_type,
        etag=cached.etag,
        last_modified=cached.last_modified,
        from_cache=True,
    )


def _host_key(url: str) -> str:
    try:
        return (urllib.parse.urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _read_body(response: httpcore.Response, inflater: _Inflater, url: str, cap: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    for chunk in response.iter_stream():
        data = inflater.feed(chunk, cap + 1 - size)
        size += len(data)
        parts.append(data)
        if size > cap:  # the inflater stops at cap + 1 bytes, whatever the ratio
            raise too_big(url, None, cap)
    return b"".join(parts)


# --- module-level helpers -----------------------------------------------------------------


def fetch(url: str, *, options: FetchOptions | None = None, cache: PageCache | None = None) -> Page:
    """GET one http(s) URL under ``options`` (see FetchOptions); InputError on any failure."""
    with Fetcher(options, cache=cache) as fetcher:
        return fetcher.fetch(url)


def fetch_many(
    urls: Sequence[str],
    *,
    options: FetchOptions | None = None,
    cache: PageCache | None = None,
    progress: Callable[[int, int, Fetched], None] | None = None,
) -> list[Fetched]:
    """Fetch many URLs concurrently (bounded overall and per host), results in input order."""
    with Fetcher(options, cache=cache) as fetcher:
        return fetcher.fetch_many(urls, progress=progress)


def document_from_page(page: Page) -> Document:
    """A fetched page as a loading Document, its kind from Content-Type or its bytes."""
    kind = CONTENT_TYPES.get(page.media_type or "", "sniff")
    if kind == "sniff":
        kind = sniff(page.body)
    return Document(
        page.url,
        kind,
        page.body,
        url=page.final_url,
        charset=page.charset,
        content_type=page.content_type,
    )
