"""The one HTTP client, against servers on 127.0.0.1 started here: limits, policy, retries."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import importlib
import ipaddress
import random
import shutil
import socket
import ssl
import subprocess
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.errors import InputError
from briefing.load import (
    Fetched,
    Fetcher,
    FetchOptions,
    MemoryCache,
    fetch,
    fetch_many,
    is_public_address,
    load,
    load_many,
)

net_module = importlib.import_module("briefing.load.net")

LOCAL = FetchOptions(allow_private=True, timeout=5.0, backoff=0.01)
PAGE = (
    b"<html><head><title>Tram line grows</title></head><body><article><h1>Tram line grows</h1>"
    + b"".join(
        b"<p>Paragraph %d: the council voted to extend the tram line by %d stops.</p>" % (i, i)
        for i in range(12)
    )
    + b"</article></body></html>"
)


class State:
    """What the server saw, shared with the tests (guarded by a lock)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits: dict[str, int] = {}
        self.headers: dict[str, list[dict[str, str]]] = {}
        self.active = 0
        self.most_active = 0
        self.bytes_sent: dict[str, int] = {}  # body bytes per path

    def seen(self, path: str, headers: dict[str, str]) -> int:
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            self.headers.setdefault(path, []).append(headers)
            return self.hits[path]


STATE = State()
ROUTES: dict[str, Callable[[Handler, int], None]] = {}


def route(path: str) -> Callable[[Callable[[Handler, int], None]], Callable[[Handler, int], None]]:
    def register(function: Callable[[Handler, int], None]) -> Callable[[Handler, int], None]:
        ROUTES[path] = function
        return function

    return register


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        count = STATE.seen(self.path, {k.lower(): v for k, v in self.headers.items()})
        with STATE.lock:
            STATE.active += 1
            STATE.most_active = max(STATE.most_active, STATE.active)
        try:
            ROUTES.get(path, _not_found)(self, count)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with STATE.lock:
                STATE.active -= 1

    def send(self, status: int, body: bytes, content_type: str = "text/html", **extra: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in extra.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        # counted before the write: a client that has the body must see it counted
        path = self.path.split("?", 1)[0]
        with STATE.lock:
            STATE.bytes_sent[path] = STATE.bytes_sent.get(path, 0) + len(body)
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _not_found(handler: Handler, count: int) -> None:
    handler.send(404, b"not found", "text/plain")


@route("/page")
def _page(handler: Handler, count: int) -> None:
    handler.send(200, PAGE, "text/html; charset=utf-8")


@route("/drip")
def _drip(handler: Handler, count: int) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    for _ in range(100):  # one byte every 0.2 s: each read is quick, the whole is 20 s
        handler.wfile.write(b"a")
        handler.wfile.flush()
        time.sleep(0.2)


@route("/loop")
def _loop(handler: Handler, count: int) -> None:
    handler.redirect("/loop")


@route("/chain")
def _chain(handler: Handler, count: int) -> None:
    step = int(handler.path.partition("=")[2] or 0)
    handler.redirect(f"/chain?n={step + 1}")


@route("/to-file")
def _to_file(handler: Handler, count: int) -> None:
    handler.redirect("file:///etc/passwd")


@route("/to-other-loopback")
def _to_other(handler: Handler, count: int) -> None:
    port = handler.headers.get("Host", "").rpartition(":")[2]
    handler.redirect(f"http://127.0.0.2:{port}/page")


@route("/to-page")
def _to_page(handler: Handler, count: int) -> None:
    handler.redirect("/page")


@route("/busy")
def _busy(handler: Handler, count: int) -> None:
    if count == 1:
        handler.send(429, b"slow down", "text/plain", Retry_After="1")
    else:
        handler.send(200, PAGE)


@route("/busy-long")
def _busy_long(handler: Handler, count: int) -> None:
    handler.send(429, b"slow down", "text/plain", Retry_After="3600")


@route("/flaky")
def _flaky(handler: Handler, count: int) -> None:
    if count == 1:
        handler.send(500, b"oops", "text/plain")
    else:
        handler.send(200, PAGE)


@route("/down")
def _down(handler: Handler, count: int) -> None:
    handler.send(503, b"down", "text/plain")


BOMB = gzip.compress(b"\0" * 50_000_000, compresslevel=9)


@route("/bomb")
def _bomb(handler: Handler, count: int) -> None:
    handler.send(200, BOMB, "text/plain", Content_Encoding="gzip")


@route("/gzip")
def _gzip(handler: Handler, count: int) -> None:
    handler.send(200, gzip.compress(PAGE), "text/html", Content_Encoding="gzip")


@route("/deflate")
def _deflate(handler: Handler, count: int) -> None:
    handler.send(200, zlib.compress(PAGE), "text/html", Content_Encoding="deflate")


@route("/raw-deflate")
def _raw_deflate(handler: Handler, count: int) -> None:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    body = packer.compress(PAGE) + packer.flush()
    handler.send(200, body, "text/html", Content_Encoding="deflate")


@route("/etag")
def _etag(handler: Handler, count: int) -> None:
    if handler.headers.get("If-None-Match") == '"v1"':
        handler.send_response(304)
        handler.send_header("ETag", '"v1"')
        handler.end_headers()
        return
    handler.send(200, PAGE, "text/html", ETag='"v1"')


@route("/modified")
def _modified(handler: Handler, count: int) -> None:
    stamp = "Mon, 30 Nov 2026 06:00:00 GMT"
    if handler.headers.get("If-Modified-Since") == stamp:
        handler.send_response(304)
        handler.end_headers()
        return
    handler.send(200, PAGE, "text/html", Last_Modified=stamp)


@route("/slow")
def _slow(handler: Handler, count: int) -> None:
    time.sleep(0.3)
    handler.send(200, PAGE)


@route("/image")
def _image(handler: Handler, count: int) -> None:
    handler.send(200, b"\x89PNG\r\n\x1a\n", "image/png")


@route("/deep.json")
def _deep(handler: Handler, count: int) -> None:
    handler.send(200, b"[" * 100_000 + b"]" * 100_000, "application/json")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


# --- address policy -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::a00:1",
        "2002:a00:1::",
    ],
)
def test_private_and_special_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


def test_loopback_is_refused_by_default(server: str) -> None:
    STATE.hits.clear()
    with pytest.raises(InputError) as caught:
        fetch(f"{server}/page")
    assert str(caught.value) == (
        f"{server}/page: refused: 127.0.0.1 is a private address; "
        "allow it with --allow-private (allow_private=True in Python)"
    )
    assert "/page" not in STATE.hits  # no request was sent


def test_a_name_is_checked_on_the_address_it_resolves_to(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    with pytest.raises(InputError, match=r"refused: localhost \(.*\) is a private address"):
        fetch(f"http://localhost:{port}/page")


def test_every_redirect_hop_is_checked(monkeypatch: pytest.MonkeyPatch, server: str) -> None:
    # 127.0.0.1 stands in for a public host; the redirect goes to 127.0.0.2 (private)
    monkeypatch.setattr(net_module, "is_public_address", lambda a: str(a) == "127.0.0.1")
    assert fetch(f"{server}/page").body == PAGE
    with pytest.raises(InputError, match=r"/to-other-loopback: refused: 127\.0\.0\.2 is a priv"):
        fetch(f"{server}/to-other-loopback")


def test_dns_is_resolved_once_and_the_checked_address_is_connected(
    monkeypatch: pytest.MonkeyPatch, server: str
) -> None:
    port = int(server.rsplit(":", 1)[1])
    answers = iter(["127.0.0.1", "127.0.0.2", "127.0.0.2"])  # a rebinding resolver
    real = socket.getaddrinfo
    calls: list[str] = []

    def rebinding(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "news.test":
            calls.append(host)
            return real(next(answers), *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(net_module, "is_public_address", lambda a: str(a) == "127.0.0.1")
    page = fetch(f"http://news.test:{port}/page")
    assert page.body == PAGE and calls == ["news.test"]
    with pytest.raises(InputError, match=r"news\.test \(127\.0\.0\.2\) is a private address"):
        fetch(f"http://news.test:{port}/page")


def test_load_refuses_private_urls_unless_allowed(server: str) -> None:
    with pytest.raises(InputError, match=r"allow it with --allow-private \(allow_private="):
        load(f"{server}/page")
    assert load(f"{server}/page", allow_private=True).title == "Tram line grows"


# --- limits -------------------------------------------------------------------------------


def test_a_dripping_server_cannot_outlast_the_total_deadline(server: str) -> None:
    start = time.monotonic()
    options = FetchOptions(allow_private=True, timeout=1.0, retries=0)
    with pytest.raises(InputError, match=r"/drip: no complete answer within 1 s"):
        fetch(f"{server}/drip", options=options)
    assert time.monotonic() - start < 3.0


def test_a_gzip_bomb_stops_at_the_cap(server: str) -> None:
    options = FetchOptions(allow_private=True, max_bytes=1_000_000)
    start = time.monotonic()
    with pytest.raises(InputError, match=r"/bomb: more than 1 MB is over the 1 MB limit"):
        fetch(f"{server}/bomb", options=options)
    assert time.monotonic() - start < 5.0


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/raw-deflate"])
def test_compressed_bodies_are_inflated(server: str, path: str) -> None:
    page = fetch(f"{server}{path}", options=LOCAL)
    assert page.body == PAGE
    assert STATE.headers[path][-1]["accept-encoding"] == "gzip, deflate"


def test_the_content_type_is_checked(server: str) -> None:
    with pytest.raises(InputError, match=r"/image: serves image/png, not an article page"):
        fetch(f"{server}/image", options=LOCAL)


# --- redirects ----------------------------------------------------------------------------


def test_a_redirect_loop_is_one_line(server: str) -> None:
    with pytest.raises(InputError) as caught:
        fetch(f"{server}/loop", options=LOCAL)
    assert str(caught.value) == f"{server}/loop: redirects in a loop; check the URL"


def test_too_many_redirects(server: str) -> None:
    options = FetchOptions(allow_private=True, max_redirects=3)
    with pytest.raises(InputError, match=r"/chain: more than 3 redirects; give the final URL"):
        fetch(f"{server}/chain", options=options)


def test_redirects_only_to_http(server: str) -> None:
    with pytest.raises(InputError, match=r"redirects to file:///etc/passwd.* not allowed"):
        fetch(f"{server}/to-file", options=LOCAL)


def test_a_redirect_is_followed_and_the_final_url_kept(server: str) -> None:
    page = fetch(f"{server}/to-page", options=LOCAL)
    assert page.url == f"{server}/to-page" and page.final_url == f"{server}/page"


# --- retries ------------------------------------------------------------------------------


def test_429_waits_for_retry_after(server: str) -> None:
    start = time.monotonic()
    page = fetch(f"{server}/busy", options=LOCAL)
    assert page.body == PAGE
    assert time.monotonic() - start >= 1.0
    assert STATE.hits["/busy"] == 2


def test_a_retry_after_beyond_the_bound_fails_at_once(server: str) -> None:
    options = FetchOptions(allow_private=True, max_retry_after=5)
    start = time.monotonic()
    with pytest.raises(InputError, match=r"answered 429 and asks to wait 3600 s; try again later"):
        fetch(f"{server}/busy-long", options=options)
    assert time.monotonic() - start < 2.0


def test_500_then_200_is_retried(server: str) -> None:
    assert fetch(f"{server}/flaky", options=LOCAL).body == PAGE
    assert STATE.hits["/flaky"] == 2


def test_retries_are_bounded(server: str) -> None:
    options = FetchOptions(allow_private=True, retries=2, backoff=0.01)
    with pytest.raises(InputError, match=r"/down: the server answered 503 after 3 tries"):
        fetch(f"{server}/down", options=options)
    assert STATE.hits["/down"] == 3


# --- conditional GET ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/etag", "/modified"])
def test_a_second_fetch_revalidates_and_downloads_nothing(server: str, path: str) -> None:
    cache = MemoryCache()
    first = fetch(f"{server}{path}", options=LOCAL, cache=cache)
    before = STATE.bytes_sent[path]
    second = fetch(f"{server}{path}", options=LOCAL, cache=cache)
    assert not first.from_cache and second.from_cache
    assert second.body == first.body == PAGE
    assert STATE.bytes_sent[path] == before  # the 304 carried no body
    sent = STATE.headers[path][-1]
    assert sent.get("if-none-match") == '"v1"' or sent.get("if-modified-since")


def test_load_uses_the_cache(server: str) -> None:
    cache = MemoryCache()
    one = load(f"{server}/etag", allow_private=True, cache=cache)
    two = load(f"{server}/etag", allow_private=True, cache=cache)
    assert one == two


# --- many at once -------------------------------------------------------------------------


def test_fetch_many_is_concurrent_ordered_and_returns_failures(server: str) -> None:
    urls = [f"{server}/slow?{i}" for i in range(8)]
    urls.insert(3, f"{server}/missing")
    urls.insert(5, "http://[::1")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int, result: Fetched) -> None:
        seen.append((done, total))

    options = FetchOptions(allow_private=True, concurrency=8, per_host=8)
    STATE.most_active = 0
    results = fetch_many(urls, options=options, progress=progress)
    assert [r.url for r in results] == urls
    assert [r.error is None for r in results] == [True] * 3 + [False, True, False] + [True] * 4
    assert "404" in str(results[3].error) and "not a valid URL" in str(results[5].error)
    # concurrent: the server held several of the 0.3 s requests at once (serially: one);
    # counted by the server, not timed, so a loaded machine cannot fail it
    assert STATE.most_active >= 2
    assert [done for done, _ in seen] == list(range(1, 11)) and seen[-1][1] == 10


def test_fetch_many_bounds_each_host(server: str) -> None:
    STATE.most_active = 0
    options = FetchOptions(allow_private=True, concurrency=8, per_host=2)
    results = fetch_many([f"{server}/slow?h{i}" for i in range(6)], options=options)
    assert all(r.page is not None for r in results)
    assert STATE.most_active == 2


def test_feed_entries_linked_pages_are_fetched_concurrently(tmp_path: Any, server: str) -> None:
    items = "".join(
        f"<item><title>Story {i}</title><link>{server}/slow?feed{i}</link></item>" for i in range(6)
    )
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    )
    start = time.monotonic()
    loaded = list(
        load_many(
            [feed],
            fetch_linked=True,
            fetch_options=FetchOptions(allow_private=True, per_host=6),
        )
    )
    assert [item.article.title if item.article else None for item in loaded] == [
        f"Story {i}" for i in range(6)
    ]
    assert time.monotonic() - start < 6 * 0.3 / 2


def test_json_nested_too_deep_at_a_url(server: str) -> None:
    with pytest.raises(InputError, match=r"/deep\.json: the JSON nested too deeply"):
        load(f"{server}/deep.json", allow_private=True)


# --- TLS ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://localhost:{httpd.server_address[1]}", cert
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_tls_certificates_are_verified(tls_server: tuple[str, Path]) -> None:
    base, _cert = tls_server
    with pytest.raises(InputError) as caught:
        fetch(f"{base}/page", options=LOCAL)
    message = str(caught.value)
    assert "CERTIFICATE_VERIFY_FAILED" in message and "\n" not in message


def test_tls_checks_the_host_name_while_connecting_to_the_checked_address(
    tls_server: tuple[str, Path],
) -> None:
    base, cert = tls_server
    trusted = ssl.create_default_context(cafile=str(cert))
    with Fetcher(LOCAL, ssl_context=trusted) as fetcher:
        assert fetcher.fetch(f"{base}/page").body == PAGE
        by_address = base.replace("localhost", "127.0.0.1")
        with pytest.raises(InputError, match=r"IP address mismatch|doesn't match|hostname"):
            fetcher.fetch(f"{by_address}/page")  # the certificate names localhost only


# --- broken servers -----------------------------------------------------------------------


def raw_server(response: bytes) -> tuple[str, socket.socket]:
    """A server that answers every connection with ``response``, whatever it is."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def serve() -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # closed by the test
            with client:
                client.recv(65536)
                with contextlib.suppress(OSError):
                    client.sendall(response)

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/", listener


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (b"garbage\r\n\r\n", "cannot fetch it"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "cannot fetch it"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "cannot fetch it"),
        (b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nabcde", "cannot fetch it"),
        (b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nabcde", "br-compressed"),
        (b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\n\r\n", "which is not a valid URL"),
        (b"HTTP/1.1 302 Found\r\nLocation: \r\n\r\n", "redirects in a loop"),
        (b"HTTP/1.1 999 Weird\r\nContent-Length: 0\r\n\r\n", "answered 999"),
        (b"HTTP/1.1 200 OK\r\nX-A: " + b"a" * 200_000 + b"\r\n\r\n", "cannot fetch it"),
        (b"", "cannot fetch it"),
        (random.Random(1).randbytes(3000), "cannot fetch it"),
    ],
)
def test_a_broken_server_is_one_input_error(response: bytes, message: str) -> None:
    url, listener = raw_server(response)
    try:
        with pytest.raises(InputError) as caught:
            fetch(url, options=FetchOptions(allow_private=True, timeout=3, retries=0))
    finally:
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() in the server thread
        listener.close()
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert str(caught.value).startswith(url)
