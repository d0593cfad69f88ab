"""The web app: one FastAPI application serving the JSON API (/api, OpenAPI at /docs)
and the pages, over one store.

    >>> app = create_app(store, ServerConfig(settings=load_settings()))
    >>> uvicorn.run(app, host="127.0.0.1", port=8000)   # what `sitrep serve` does

Every response carries a Content-Security-Policy that allows scripts, styles and data
only from Sitrep itself (plus the tile server, when one is configured); every error is
``{"error": {"status": 404, "code": "not_found", "message": "..."}}`` under /api and an
error page elsewhere.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sitrep import __version__
from sitrep.config import Settings
from sitrep.errors import ConfigError, DatabaseUnavailable, InputError, NotFound, SitrepError
from sitrep.store import Store
from sitrep.store.feeds import FeedExists
from sitrep.store.review import Conflict
from sitrep.web.auth import CSRF_COOKIE, Signer, Throttle
from sitrep.web.jobs import Jobs

HERE = Path(__file__).parent
STATIC = HERE / "static"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
log = logging.getLogger("sitrep.web")


@dataclass(frozen=True)
class ServerConfig:
    """How the server runs. ``public``: anyone may read without logging in.
    ``allowed_hosts``: the Host names requests may use (None: any; by default the loopback
    names, which keeps other web pages from reaching a local server through DNS
    rebinding). ``tiles``: a tile URL template ("https://tiles.example.org/{z}/{x}/{y}.png"),
    else the map draws the country outlines shipped with Sitrep. ``secure_cookies``: mark
    cookies Secure (the server is reached over HTTPS)."""

    settings: Settings
    public: bool = False
    allowed_hosts: tuple[str, ...] | None = LOCAL_HOSTS
    tiles: str | None = None
    tiles_attribution: str = ""
    secure_cookies: bool = False
    local_admin: bool = True  # with no user defined, the person at the keyboard is admin
    fetch_private: bool = False  # let "add by URL" fetch private addresses (tests)
    jobs_workers: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


def content_security_policy(config: ServerConfig) -> str:
    images = "'self' data:"
    if config.tiles:
        parts = urlsplit(config.tiles.replace("{s}", "a"))
        images += f" {parts.scheme}://{parts.netloc.replace('a.', '*.', 1)}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ]
    )


def create_app(store: Store, config: ServerConfig) -> FastAPI:
    """The application over ``store`` (kept open by the caller for the app's lifetime)."""
    from sitrep.store.users import secret
    from sitrep.web.api import router as api_router
    from sitrep.web.pages import router as pages_router

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.jobs.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Sitrep",
        version=__version__,
        description=(
            "Conflict incidents drawn from news reports, each value with the sentence "
            'behind it. Errors: `{"error": {"status", "code", "message"}}`. '
            "Scripts authenticate with `Authorization: Bearer <token>` (`sitrep users "
            "token`, or POST /api/tokens)."
        ),
        docs_url=None,  # served below from Sitrep's own copy of Swagger UI
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    with store.transaction() as conn:
        key = secret(conn, "session_key")
    app.state.store = store
    app.state.config = config
    app.state.signer = Signer(key)
    app.state.throttle = Throttle()
    app.state.jobs = Jobs(store, config)
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.csp = content_security_policy(config)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # The CSRF token of this browser: from its signed cookie, or new (and set below).
        signer: Signer = app.state.signer
        token = signer.csrf_token(request.cookies.get(CSRF_COOKIE))
        request.state.csrf_from_cookie = token is not None
        fresh = None
        if token is None:
            token, fresh = signer.csrf_cookie()
        request.state.csrf_token = token
        response = await call_next(request)
        if fresh is not None:
            response.set_cookie(
                CSRF_COOKIE,
                fresh,
                httponly=True,
                samesite="lax",
                secure=config.secure_cookies,
                path="/",
            )
        response.headers.setdefault("Content-Security-Policy", app.state.csp)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    if config.allowed_hosts is not None:
        hosts = [h.strip("[]") for h in config.allowed_hosts] + list(config.allowed_hosts)
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=sorted(set(hosts)))

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return html_page(request, "docs.html", {})

    _error_handlers(app)
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app


# Errors: one shape for the API, an error page for people.

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


def error_body(status: int, message: str, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "status": status,
        "code": _CODES.get(status, "error"),
        "message": message,
    }
    if details is not None:
        body["details"] = details
    return {"error": body}


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json"


def error_response(request: Request, status: int, message: str, details: Any = None) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(status, message, details), status_code=status)
    if status == 401:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    from sitrep.web.auth import Principal

    who = getattr(request.state, "principal", None)
    values = {
        "status": status,
        "message": message,
        "who": who if isinstance(who, Principal) else Principal("anonymous", None),
        "csrf_token": getattr(request.state, "csrf_token", ""),
    }
    return html_page(request, "error.html", values, status=status)


def _error_handlers(app: FastAPI) -> None:
    statuses: list[tuple[type[Exception], int]] = [
        (NotFound, 404),
        (Conflict, 409),
        (FeedExists, 409),
        (DatabaseUnavailable, 503),
        (ConfigError, 400),
        (InputError, 400),
        (SitrepError, 400),
    ]

    def handler_for(status: int) -> Callable[[Request, Exception], Awaitable[Response]]:
        async def handle(request: Request, exc: Exception) -> Response:
            return error_response(request, status, str(exc))

        return handle

    for kind, status in statuses:
        app.add_exception_handler(kind, handler_for(status))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        response = error_response(request, exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = _problems(exc.errors())
        first = details[0] if details else {"where": "", "problem": "invalid request"}
        message = f"{first['where']}: {first['problem']}" if first["where"] else first["problem"]
        return error_response(request, 422, message, details)

    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error: the server log has the details")

    async def invalid_model(request: Request, exc: Exception) -> Response:
        # A value the models refuse (a report's "published" that is not a date...).
        assert isinstance(exc, ValidationError)
        details = _problems(exc.errors())
        message = "; ".join(d["problem"] for d in details) or "invalid value"
        return error_response(request, 422, message, details)

    app.add_exception_handler(ValidationError, invalid_model)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, crashed)


def _problems(errors: Sequence[Any]) -> list[dict[str, str]]:
    """Validation errors (FastAPI's or pydantic's) as {"where", "problem"} pairs."""
    return [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
        for e in errors
    ]


def html_page(
    request: Request, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(request, template, context, status_code=status)
    assert isinstance(response, HTMLResponse)
    return response
