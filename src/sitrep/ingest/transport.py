"""A host and port -> a network connection, but only to addresses Sitrep may reach.

Input: the host name or IP address of a URL that ``sitrep.ingest.fetch`` is about to
fetch. Output: an open connection (inside an httpx transport), or ``NoConnection`` with
a plain reason when the host cannot be found or resolves to an address that the policy
forbids: loopback, private, link-local, reserved, multicast or unspecified addresses,
unless private addresses are allowed (an intranet, the tests).

    >>> import ipaddress
    >>> address_problem(ipaddress.ip_address("127.0.0.1"), allow_private=False)
    'a loopback address'
    >>> address_problem(ipaddress.ip_address("93.184.215.14"), allow_private=False) is None
    True

The check is made where the connection is made, on each address actually connected
to, so a DNS answer that changes between a check and the connection cannot slip
through. ``PublicOnlyTransport`` is the httpx transport the fetcher uses;
``PublicOnlyBackend`` is the httpcore network backend inside it.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

__all__ = [
    "ALLOW_PRIVATE_HINT",
    "NoConnection",
    "PublicOnlyBackend",
    "PublicOnlyTransport",
    "address_problem",
    "literal_ip",
    "network_failure_reason",
    "refusal",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOW_PRIVATE_HINT = (
    "Sitrep fetches only public addresses unless private addresses are allowed "
    "(setting allow_private)"
)


class NoConnection(Exception):
    """Raised inside the transport when Sitrep itself decides not to connect."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --- addresses -------------------------------------------------------------------------


def address_problem(ip: IPAddress, allow_private: bool) -> str | None:
    """Why Sitrep will not connect to ``ip`` ("a loopback address"), or None when it may."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    # Nothing listens on these for us, whatever the policy: 0.0.0.0 reaches this machine.
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_multicast:
        return "a multicast address"
    if allow_private:
        return None
    for kind, flag in (
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("a private", ip.is_private),
        ("a reserved", ip.is_reserved),
    ):
        if flag:
            return f"{kind} address"
    if not ip.is_global:
        return "not a public address"
    return None


def literal_ip(host: str) -> IPAddress | None:
    """The IP address ``host`` is written as ("[::1]" -> ::1), or None for a host name."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def refusal(host: str, ip: IPAddress, problem: str) -> str:
    """The plain reason for refusing to connect to ``ip``, which ``host`` named."""
    said = (
        f"the address {_named(ip)} is"
        if literal_ip(host) is not None
        else f"{host} resolves to {_named(ip)},"
    )
    return f"refused: {said} {problem}; {ALLOW_PRIVATE_HINT}"


def _named(ip: IPAddress) -> str:
    """The address as written, with the IPv4 address inside an IPv4-mapped IPv6 one."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return f"{ip} (that is {ip.ipv4_mapped})"
    return str(ip)


def network_failure_reason(
    exc: NoConnection | httpx.TransportError, connect_timeout: float, read_timeout: float
) -> str:
    """What went wrong on the network, in plain words with what to do, for a FetchError."""
    if isinstance(exc, NoConnection):
        return exc.reason
    if isinstance(exc, httpx.ConnectTimeout):
        return (
            f"timed out connecting (no connection within {connect_timeout:g} s); "
            "the site may be down, try again later"
        )
    if isinstance(exc, httpx.PoolTimeout):
        return "timed out waiting for a free connection"
    if isinstance(exc, httpx.TimeoutException):
        return (
            f"timed out (no answer within {read_timeout:g} s); "
            "the site may be slow or down, try again later"
        )
    if isinstance(exc, httpx.ConnectError):
        return _connect_reason(exc)
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the HTTP rules ({exc})"
    return f"the connection failed ({exc}); try again later"


def _connect_reason(exc: BaseException) -> str:
    """Why a connection failed, from the error and the errors behind it."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return (
                f"the site's security certificate could not be verified ({cause.verify_message}); "
                "the site may be misconfigured or not the site it claims to be"
            )
        if isinstance(cause, ssl.SSLError):
            return f"the secure connection (TLS) failed ({cause.reason or cause})"
        if isinstance(cause, ConnectionRefusedError):
            return "the connection was refused: nothing answers there; check the URL and the port"
        cause = cause.__cause__ or cause.__context__
    return f"could not connect ({exc}); check the URL and the network connection"


# --- the network backend ---------------------------------------------------------------


class PublicOnlyBackend(httpcore.SyncBackend):
    """httpcore's network backend, resolving the host itself and connecting only to
    addresses the policy allows. TLS still verifies the host name: httpcore takes the
    server name for TLS from the URL, not from the address connected to."""

    def __init__(self, allow_private: bool = False, allow_hosts: Collection[str] = ()) -> None:
        super().__init__()
        self.allow_private = allow_private
        self.allow_hosts = frozenset(h.lower() for h in allow_hosts)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._resolve(host, port)
        trusted = self.allow_private or host.lower() in self.allow_hosts
        for address in addresses:
            ip = ipaddress.ip_address(address)
            problem = address_problem(ip, trusted)
            if problem is not None:
                raise NoConnection(refusal(host, ip, problem))
        last_error: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None  # _resolve never returns an empty list
        raise last_error

    @staticmethod
    def _resolve(host: str, port: int) -> list[str]:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            detail = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
            raise NoConnection(
                f"the host name {host} could not be found (DNS: {detail}); "
                "check the URL's spelling and the network connection"
            ) from exc
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            raise NoConnection(f"the host name {host} has no address (DNS)")
        return addresses


# --- the httpx transport ---------------------------------------------------------------

# httpcore's errors as httpx's, most specific first.
_HTTPX_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.ProxyError, httpx.ProxyError),
)


@contextmanager
def _as_httpx_errors(request: httpx.Request | None) -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        target = next((t for s, t in _HTTPX_ERRORS if isinstance(exc, s)), None)
        if target is None:
            raise
        raise target(str(exc), request=request) from exc


class _BodyStream(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes], request: httpx.Request) -> None:
        self._stream = stream
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors(self._request):
            yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            with _as_httpx_errors(self._request):
                close()


class PublicOnlyTransport(httpx.BaseTransport):
    """An httpx transport over an httpcore connection pool that uses ``PublicOnlyBackend``.

    Why our own transport rather than replacing the pool inside ``httpx.HTTPTransport``:
    that pool is a private attribute; if a later httpx renamed it, the replacement would
    silently do nothing and the address check would vanish. This class uses only the
    public httpx and httpcore interfaces, so such a change fails loudly instead.
    """

    def __init__(self, allow_private: bool = False, allow_hosts: Collection[str] = ()) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=32,
            max_keepalive_connections=16,
            keepalive_expiry=5.0,
            network_backend=PublicOnlyBackend(allow_private, allow_hosts),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _as_httpx_errors(request):
            core_response = self._pool.handle_request(core_request)
        assert isinstance(core_response.stream, Iterable)
        return httpx.Response(
            status_code=core_response.status,
            headers=core_response.headers,
            stream=_BodyStream(core_response.stream, request),
            extensions=core_response.extensions,
        )

    def close(self) -> None:
        self._pool.close()
