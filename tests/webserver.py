"""A real HTTP server on 127.0.0.1 for Sitrep's tests: routes in, HTTP answers out.

    >>> with LocalServer() as server:                       # doctest: +SKIP
    ...     server.route("/news.html", "<p>Two rockets hit the base.</p>")
    ...     httpx.get(server.url("/news.html")).text
    '<p>Two rockets hit the base.</p>'

Each route answers with a fixed body, status and headers, or calls a handler with the
request (``RequestInfo``) that returns a ``Response``. A body that is an iterable of
bytes (not bytes or str) is sent chunked, without Content-Length. Unknown paths answer
404. Every request is recorded in ``server.requests``. The server runs in a background
thread with one thread per connection, so a slow route does not hold up the others.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

Body = bytes | str | Iterable[bytes]


@dataclass(frozen=True)
class RequestInfo:
    """One request the server received."""

    method: str
    path: str  # with the query string, as sent
    headers: Mapping[str, str]  # lower-case names
    body: bytes = b""


@dataclass
class Response:
    """What a route answers: a str body is sent as UTF-8; an iterable of bytes chunked."""

    status: int = 200
    body: Body = b""
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Route:
    response: Response
    delay: float
    handler: Callable[[RequestInfo], Response] | None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive and chunked bodies
    timeout = 30  # a client that stops talking does not hold a thread forever
    server: _Server

    def do_GET(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = RequestInfo(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
        )
        owner = self.server.owner
        with owner._lock:
            owner.requests.append(request)
            route = owner._routes.get(self.path) or owner._routes.get(self.path.split("?")[0])
        try:
            self._send(self._response(route, request))
        except (ConnectionError, TimeoutError):
            self.close_connection = True  # the client went away (a refused body, a time-out)

    @staticmethod
    def _response(route: _Route | None, request: RequestInfo) -> Response:
        if route is None:
            return Response(404, "not found", {"Content-Type": "text/plain"})
        if route.delay:
            time.sleep(route.delay)
        return route.handler(request) if route.handler else route.response

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        names = {k.lower() for k in response.headers}
        for name, value in response.headers.items():
            self.send_header(name, value)
        body = response.body
        no_body = self.command == "HEAD" or response.status in (204, 304)
        if isinstance(body, str | bytes):
            data = body.encode() if isinstance(body, str) else body
            if "content-length" not in names and not no_body:
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if not no_body:
                self.wfile.write(data)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for chunk in body:
            if chunk:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LocalServer

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client hanging up (after a refused body, say) is not a failure here
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class LocalServer:
    """An HTTP server on 127.0.0.1 and a free port, running in a background thread."""

    def __init__(self) -> None:
        self.requests: list[RequestInfo] = []
        self._routes: dict[str, _Route] = {}
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.base = ""

    def start(self) -> LocalServer:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.owner = self
        self._server = server
        self.base = f"http://127.0.0.1:{server.server_address[1]}"
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        self._server = self._thread = None

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])

    def url(self, path: str) -> str:
        """The full URL of ``path`` on this server ("/a" -> "http://127.0.0.1:PORT/a")."""
        return self.base + (path if path.startswith("/") else "/" + path)

    def route(
        self,
        path: str,
        body: Body = b"",
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        content_type: str = "text/html; charset=utf-8",
        delay: float = 0.0,
        handler: Callable[[RequestInfo], Response] | None = None,
    ) -> None:
        """Answer requests for ``path`` (exact, or without the query string).

        Without a handler the answer is ``body`` with ``status``, ``headers`` and a
        Content-Type of ``content_type`` (unless ``headers`` has one, or it is "").
        With a handler, its ``Response`` is sent as it is. ``delay`` seconds pass first.
        """
        all_headers = dict(headers or {})
        if content_type and "content-type" not in {k.lower() for k in all_headers}:
            all_headers["Content-Type"] = content_type
        with self._lock:
            self._routes[path] = _Route(Response(status, body, all_headers), delay, handler)
