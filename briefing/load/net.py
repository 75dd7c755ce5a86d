"""The network layer under the fetcher: the address policy and the total deadline.

httpcore (the transport under httpx) takes a network backend; ours resolves a host once,
checks every address it resolves to, and connects to a checked address, so there is no
window for DNS rebinding between the check and the connection, and every redirect hop
(a new connection) is checked the same way. TLS still verifies the host name. Each socket
operation gets only what is left of the download's total deadline, so a server that
drips a byte at a time cannot stretch it.
"""

from __future__ import annotations

import concurrent.futures
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from typing import Any

import httpcore

ALLOW_HINT = "allow it with --allow-private (allow_private=True in Python)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public_address(address: str | IPAddress) -> bool:
    """Whether an IP address is a public unicast address (not loopback, private, ...)."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ip.ipv4_mapped or ip.sixtofour or ip
        if isinstance(ip, ipaddress.IPv6Address) and ip in _NAT64:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class Refused(Exception):
    """A connection the address policy forbids; carries the one-line reason."""


class _Deadline(threading.local):
    at: float | None = None


DEADLINE = _Deadline()


def _time_left(timeout: float | None) -> float:
    """``timeout`` clamped to what is left of this thread's download deadline."""
    at = DEADLINE.at
    if at is None:
        return timeout if timeout is not None else 20.0
    left = at - time.monotonic()
    if left <= 0:
        raise TimeoutError("total deadline reached")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A socket stream whose every operation is bounded by the download's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            left = _time_left(timeout)
        except TimeoutError as err:
            raise httpcore.ReadTimeout(str(err)) from None
        return self._inner.read(max_bytes, left)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            left = _time_left(timeout)
        except TimeoutError as err:
            raise httpcore.WriteTimeout(str(err)) from None
        self._inner.write(buffer, left)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        try:
            left = _time_left(timeout)
        except TimeoutError as err:
            raise httpcore.ConnectTimeout(str(err)) from None
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, left))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class Backend(httpcore.NetworkBackend):
    """Resolves once, checks every address, connects to a checked one."""

    def __init__(self, allow_private: bool, resolver: concurrent.futures.Executor) -> None:
        self._allow_private = allow_private
        self._resolver = resolver
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            left = _time_left(timeout)
        except TimeoutError as err:
            raise httpcore.ConnectTimeout(str(err)) from None
        addresses = self._resolve(host, port, left)
        allowed = [a for a in addresses if self._allow_private or is_public_address(a)]
        if not allowed:
            shown = host if host == str(addresses[0]) else f"{host} ({addresses[0]})"
            raise Refused(f"{shown} is a private address; {ALLOW_HINT}")
        last: Exception | None = None
        for address in allowed:
            try:
                stream = self._inner.connect_tcp(
                    str(address), port, _time_left(timeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as err:
                last = err
                continue
            except TimeoutError as err:
                raise httpcore.ConnectTimeout(str(err)) from None
            peer = _peer(stream)
            if peer is not None and not (self._allow_private or is_public_address(peer)):
                stream.close()  # cannot happen when connecting by address; checked anyway
                raise Refused(f"{host} ({peer}) is a private address; {ALLOW_HINT}")
            return _Stream(stream)
        assert last is not None
        raise last

    def _resolve(self, host: str, port: int, timeout: float) -> list[IPAddress]:
        try:
            return [ipaddress.ip_address(host.strip("[]").split("%", 1)[0])]
        except ValueError:
            pass
        future = self._resolver.submit(socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM)
        try:
            infos = future.result(timeout=timeout)
        except concurrent.futures.TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} took too long") from None
        except (OSError, UnicodeError) as err:
            raise httpcore.ConnectError(f"cannot resolve {host} ({err})") from None
        found: list[IPAddress] = []
        for _family, _type, _proto, _name, sockaddr in infos:
            address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            if address not in found:
                found.append(address)
        if not found:
            raise httpcore.ConnectError(f"cannot resolve {host}")
        return found

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _peer(stream: httpcore.NetworkStream) -> IPAddress | None:
    sock = stream.get_extra_info("socket")
    if not isinstance(sock, socket.socket):
        return None
    try:
        return ipaddress.ip_address(str(sock.getpeername()[0]).split("%", 1)[0])
    except (OSError, ValueError):
        return None
