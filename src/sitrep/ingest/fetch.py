"""A URL -> the document bytes a web server sends, fetched without letting the page harm us.

Input: an http(s) URL (and, for a conditional GET, the ETag / Last-Modified seen last
time). Output: a ``Fetched`` with the decoded body, its media type and charset, the
final URL after redirects and when it was retrieved. Anything that goes wrong raises
``FetchError`` with the URL and a plain reason.

    >>> with Fetcher() as fetcher:                                  # doctest: +SKIP
    ...     page = fetcher.get("https://example.org/news/strike.html")
    >>> page.media_type, page.charset, len(page.body)              # doctest: +SKIP
    ('text/html', 'utf-8', 48213)

What a hostile page cannot do:

- make Sitrep connect to this machine or its network (loopback, private, link-local,
  multicast, reserved addresses), unless ``FetchPolicy.allow_private`` is set; the
  address actually connected to is checked, for every redirect hop (``transport.py``);
- make Sitrep read a file or another scheme (only http and https);
- send Sitrep round in redirects (at most ``max_redirects``);
- fill memory: the body is capped as received (``max_bytes``) and after decoding
  gzip/deflate/br (``max_decoded_bytes``), decoded in bounded steps (``decoding.py``);
- hang Sitrep: connect and read time-outs, and ``total_timeout`` for the whole fetch,
  so a server trickling a byte now and then is cut off too.

``fetch_many`` fetches many URLs in threads, at most a few at a time per host.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType, TracebackType
from typing import TYPE_CHECKING

import httpx

from sitrep import __version__
from sitrep.errors import SitrepError
from sitrep.ingest.decoding import ContentDecoder, DecodeError
from sitrep.ingest.transport import (
    NoConnection,
    PublicOnlyTransport,
    address_problem,
    literal_ip,
    network_failure_reason,
    refusal,
)

if TYPE_CHECKING:
    from sitrep.config import Settings

__all__ = [
    "MIB",
    "FetchError",
    "FetchPolicy",
    "Fetched",
    "Fetcher",
    "check_url",
    "fetch_many",
]

MIB = 1024 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT_ENCODING = "gzip, deflate, br"


class FetchError(SitrepError):
    """A URL could not be fetched; ``reason`` says why in a plain sentence."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class FetchPolicy:
    """What Sitrep is willing to fetch, and how long and how much it waits for."""

    allow_private: bool = False  # allow loopback/private/link-local targets (intranet, tests)
    # Hosts (as written in URLs: names or literal addresses) whose private addresses are
    # allowed while every other host must be public: one intranet server, not all of them.
    allow_hosts: frozenset[str] = frozenset()
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # for each read: the answer, and each piece of the body
    # The whole fetch (connect, redirects, body), checked between pieces of the body and
    # between redirects (no threads, no signals): a fetch may overrun it by one wait for a
    # connection (connect_timeout) and one read (read_timeout), roughly, at most.
    total_timeout: float = 60.0
    max_bytes: int = 20 * MIB  # body as received on the wire
    max_decoded_bytes: int = 50 * MIB  # body after gzip/deflate/br decoding
    max_redirects: int = 5
    user_agent: str = f"Sitrep/{__version__} (open-source conflict-event tracker)"

    @classmethod
    def from_settings(cls, settings: Settings, *, allow_private: bool = False) -> FetchPolicy:
        """The policy the settings ask for (``allow_private``: allowed whatever they say)."""
        hosts = frozenset(h.strip() for h in settings.allow_hosts.split(",") if h.strip())
        return cls(
            allow_private=allow_private or settings.allow_private,
            allow_hosts=hosts,
            read_timeout=float(settings.fetch_timeout),
            connect_timeout=float(min(settings.fetch_timeout, 10)),
            max_bytes=settings.max_fetch_bytes,
            max_decoded_bytes=int(settings.max_fetch_bytes * 2.5),
        )


@dataclass(frozen=True)
class Fetched:
    """One document as a server sent it."""

    url: str  # as asked
    final_url: str  # after redirects
    status: int  # 200..299, or 304
    headers: Mapping[str, str]  # lower-case names
    body: bytes  # the decoded document bytes (b"" for 304)
    media_type: str | None  # "text/html", lower case, no parameters
    charset: str | None  # charset parameter of Content-Type, lower case
    retrieved_at: datetime  # UTC
    # Each URL that answered with a redirect, in order, starting with the URL asked.
    redirects: tuple[str, ...] = field(default=())

    @property
    def not_modified(self) -> bool:
        """True when the server said the copy from last time is still current (304)."""
        return self.status == 304


def check_url(url: str, *, allow_private: bool = False, allow_hosts: Collection[str] = ()) -> str:
    """``url`` normalised (whitespace stripped, #fragment dropped), if Sitrep may fetch it.

    Checks the scheme (http or https), that there is a host and, when the host is a
    literal IP address, that the policy allows it. Host names are checked when the
    connection is made (no DNS here). Raises ``FetchError``.

    >>> check_url("  https://example.org/a#top ")
    'https://example.org/a'
    """
    text = url.strip()
    try:
        parsed = httpx.URL(text)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(url, f"this is not a URL Sitrep can read ({exc})") from exc
    if parsed.scheme not in ("http", "https"):
        scheme = parsed.scheme or text.partition(":")[0]
        raise FetchError(url, f"only http and https URLs are fetched, not {scheme!r}")
    if not parsed.host:
        raise FetchError(url, "the URL has no host name; write it as https://host/path")
    ip = literal_ip(parsed.host)
    if ip is not None:
        trusted = allow_private or parsed.host.lower() in {h.lower() for h in allow_hosts}
        problem = address_problem(ip, trusted)
        if problem is not None:
            raise FetchError(url, refusal(parsed.host, ip, problem))
    return str(parsed.copy_with(fragment=None))


# --- the fetcher ----------------------------------------------------------------------


def _size(n: int) -> str:
    if n >= MIB:
        return f"{n // MIB} MiB" if n % MIB == 0 else f"{n / MIB:.1f} MiB"
    if n >= 1024:
        return f"{n // 1024} KiB" if n % 1024 == 0 else f"{n / 1024:.1f} KiB"
    return f"{n} bytes"


def _parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    kind, *params = value.split(";")
    charset = None
    for param in params:
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset" and val.strip().strip("\"'"):
            charset = val.strip().strip("\"'").lower()
    return kind.strip().lower() or None, charset


_STATUS_HINTS = {
    401: "the page needs a login",
    403: "the site refuses Sitrep this page",
    404: "check the URL",
    410: "the page was removed",
    429: "the site asks Sitrep to slow down; try again later",
}


def _status_reason(response: httpx.Response) -> str:
    status = response.status_code
    phrase = response.reason_phrase or httpx.codes.get_reason_phrase(status)
    hint = _STATUS_HINTS.get(status)
    if hint is None and status >= 500:
        hint = "the site has a problem; try again later"
    said = f"the server answered {status} {phrase}".rstrip()
    return f"{said} ({hint})" if hint else said


class Fetcher:
    """Fetches URLs under one ``FetchPolicy`` with one reused HTTP client.

    Thread-safe: ``get`` may be called from several threads at once.
    """

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        p = self.policy
        self._client = httpx.Client(
            transport=PublicOnlyTransport(p.allow_private, p.allow_hosts),
            # No proxies or .netrc from the environment: a proxy would connect for us and
            # the address check would be skipped.
            trust_env=False,
            follow_redirects=False,
            timeout=httpx.Timeout(
                connect=p.connect_timeout,
                read=p.read_timeout,
                write=p.read_timeout,
                pool=p.connect_timeout,
            ),
            headers={
                "User-Agent": p.user_agent,
                "Accept-Encoding": ACCEPT_ENCODING,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            },
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections kept open for reuse."""
        self._client.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        media_types: Collection[str] | None = None,
    ) -> Fetched:
        """Fetch ``url``, following redirects; raises ``FetchError``.

        With ``etag`` / ``last_modified`` (from an earlier ``Fetched.headers``) the request
        is conditional, and an unchanged page comes back as a 304 with ``not_modified``.
        With ``media_types``, any other Content-Type is refused before the body is read.
        """
        deadline = time.monotonic() + self.policy.total_timeout
        current = self.check(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        redirects: list[str] = []
        while True:
            with (
                self._plain_errors(url, current if redirects else None),
                self._client.stream("GET", current, headers=headers) as response,
            ):
                target = self._redirect_target(url, current, response)
                if target is None:
                    hops = tuple(redirects)
                    return self._read(url, current, response, hops, media_types, deadline)
            if len(redirects) >= self.policy.max_redirects:
                raise FetchError(url, f"more than {self.policy.max_redirects} redirects")
            self._check_deadline(url, deadline)
            redirects.append(current)
            current = target

    def check(self, url: str) -> str:
        """``check_url`` under this fetcher's policy."""
        p = self.policy
        return check_url(url, allow_private=p.allow_private, allow_hosts=p.allow_hosts)

    @contextmanager
    def _plain_errors(self, url: str, hop: str | None = None) -> Iterator[None]:
        """Network failures as FetchError; ``hop``: the URL a redirect led to, named in the
        reason ("redirected to ..., which was refused: ...")."""
        p = self.policy
        try:
            yield
        except (NoConnection, httpx.TransportError) as exc:
            reason = network_failure_reason(exc, p.connect_timeout, p.read_timeout)
            if hop is not None:
                refused = reason.removeprefix("refused: ")
                reason = (
                    f"redirected to {hop}, which was refused: {refused}"
                    if refused != reason
                    else f"redirected to {hop}: {reason}"
                )
            raise FetchError(url, reason) from (None if isinstance(exc, NoConnection) else exc)

    def _redirect_target(self, url: str, current: str, response: httpx.Response) -> str | None:
        if response.status_code not in REDIRECT_STATUSES:
            return None
        location = response.headers.get("location")
        if not location:
            raise FetchError(url, f"{_status_reason(response)} without saying where to go")
        try:
            joined = str(httpx.URL(current).join(location.strip()))
        except (httpx.InvalidURL, ValueError) as exc:
            raise FetchError(url, f"the server redirected to {location!r}, not a URL") from exc
        try:
            return self.check(joined)
        except FetchError as exc:
            raise FetchError(
                url, f"redirected to {location.strip()}, which was refused: {exc.reason}"
            ) from None

    def _read(
        self,
        url: str,
        final_url: str,
        response: httpx.Response,
        redirects: tuple[str, ...],
        media_types: Collection[str] | None,
        deadline: float,
    ) -> Fetched:
        status = response.status_code
        if status != 304 and not 200 <= status < 300:
            raise FetchError(url, _status_reason(response))
        media_type, charset = _parse_content_type(response.headers.get("content-type"))
        body = b""
        if status != 304:
            self._check_media_type(url, media_type, media_types)
            body = self._read_body(url, response, deadline)
        return Fetched(
            url=url,
            final_url=final_url,
            status=status,
            headers=MappingProxyType(dict(response.headers.items())),
            body=body,
            media_type=media_type,
            charset=charset,
            retrieved_at=datetime.now(UTC),
            redirects=redirects,
        )

    @staticmethod
    def _check_media_type(
        url: str, media_type: str | None, media_types: Collection[str] | None
    ) -> None:
        if media_types is None:
            return
        wanted = {m.lower() for m in media_types}
        if media_type in wanted:
            return
        listed = ", ".join(sorted(wanted))
        sent = media_type or "no Content-Type"
        raise FetchError(url, f"the server sent {sent}, not a page Sitrep reads ({listed})")

    def _check_deadline(self, url: str, deadline: float) -> None:
        if time.monotonic() > deadline:
            raise FetchError(
                url,
                f"took longer than {self.policy.total_timeout:g} s in all; the server is "
                "sending too slowly (setting total_timeout)",
            )

    def _read_body(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        p = self.policy
        length = response.headers.get("content-length", "").strip()
        if length.isdigit() and int(length) > p.max_bytes:
            raise FetchError(
                url,
                f"the page is {int(length):,} bytes, larger than the {_size(p.max_bytes)} limit "
                "(setting max_bytes)",
            )
        try:
            decoder = ContentDecoder(response.headers.get("content-encoding", ""))
        except DecodeError as exc:
            raise FetchError(url, f"the server sent the page {exc}") from None
        self._check_deadline(url, deadline)  # the answer itself may have been slow
        parts: list[bytes] = []
        received = decoded = 0

        def keep(pieces: Iterator[bytes]) -> None:
            nonlocal decoded
            for piece in pieces:
                decoded += len(piece)
                if decoded > p.max_decoded_bytes:
                    raise FetchError(
                        url,
                        f"the page decompresses to more than {_size(p.max_decoded_bytes)} "
                        "(a compression bomb?); Sitrep stopped reading it",
                    )
                parts.append(piece)

        try:
            for chunk in response.iter_raw():
                received += len(chunk)
                if received > p.max_bytes:
                    raise FetchError(
                        url,
                        f"the page is larger than the {_size(p.max_bytes)} limit "
                        "(setting max_bytes); Sitrep stopped reading it",
                    )
                keep(decoder.feed(chunk))
                self._check_deadline(url, deadline)
            keep(decoder.finish())
        except DecodeError as exc:
            raise FetchError(url, f"the server sent a body that is {exc}") from None
        return b"".join(parts)


# --- many at once ---------------------------------------------------------------------


class _HostGate:
    """A semaphore per host name, dropped when nobody holds or waits for it."""

    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._lock = threading.Lock()
        self._gates: dict[str, threading.Semaphore] = {}
        self._users: dict[str, int] = {}

    @contextmanager
    def open(self, host: str) -> Iterator[None]:
        with self._lock:
            gate = self._gates.setdefault(host, threading.Semaphore(self._per_host))
            self._users[host] = self._users.get(host, 0) + 1
        try:
            with gate:
                yield
        finally:
            with self._lock:
                self._users[host] -= 1
                if self._users[host] == 0:
                    del self._users[host], self._gates[host]


def _host_of(url: str) -> str:
    try:
        return httpx.URL(url.strip()).host.lower()
    except (httpx.InvalidURL, TypeError):
        return ""


def fetch_many(
    fetcher: Fetcher,
    urls: Iterable[str],
    *,
    workers: int = 8,
    per_host: int = 2,
    media_types: Collection[str] | None = None,
) -> Iterator[tuple[str, Fetched | FetchError]]:
    """``(url, Fetched or FetchError)`` for each URL, in the order they finish.

    At most ``workers`` fetches run at once and at most ``per_host`` to one host name.
    URLs are taken from ``urls`` as needed (never more than ``workers * 4`` waiting), so
    a long generator of URLs is fine. One URL's failure never stops the others.
    """
    if workers < 1 or per_host < 1:
        raise ValueError("workers and per_host must be at least 1")
    gate = _HostGate(per_host)
    most = workers * 4

    def fetch_one(url: str) -> tuple[str, Fetched | FetchError]:
        try:
            with gate.open(_host_of(url)):
                return url, fetcher.get(url, media_types=media_types)
        except FetchError as exc:
            return url, exc
        except Exception as exc:  # a bug here must not end the whole batch
            return url, FetchError(url, f"Sitrep failed on this URL ({exc!r}); please report it")

    pending: set[Future[tuple[str, Fetched | FetchError]]] = set()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sitrep-fetch") as pool:
        try:
            for url in urls:
                pending.add(pool.submit(fetch_one, url))
                while len(pending) >= most:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield future.result()
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        finally:
            for future in pending:
                future.cancel()
