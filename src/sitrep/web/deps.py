"""What the API and the pages share: who is asking, what they may do, the CSRF check,
and the incident filters read from a query string.

Filters come as query parameters, each name as in ``sitrep export``: ``from`` and ``to``
(YYYY-MM-DD), ``country``, ``admin1``, ``actor``, ``event_type``, ``status``, ``grade``
(repeated, or comma-separated), ``min_sources``; and for screens ``weapon``,
``min_killed``, ``bbox`` (west,south,east,north), ``q`` (words in the reports) and
``sort`` (date, killed or id; "-" first for descending). An empty value means "any", so
that an HTML form's empty fields filter nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request

from sitrep.errors import InputError, NotFound
from sitrep.store import Store
from sitrep.store.browse import Query as BrowseQuery
from sitrep.store.records import ACTIVE, Filters
from sitrep.store.users import count_users, get_user, user_of_token
from sitrep.web.auth import (
    CSRF_FIELD,
    CSRF_HEADER,
    SESSION_COOKIE,
    Principal,
    Signer,
    same_token,
    token_digest,
)
from sitrep.web.jobs import Jobs

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_jobs(request: Request) -> Jobs:
    """The server's background jobs (adding by URL, following a feed)."""
    jobs: Jobs = request.app.state.jobs
    return jobs


def principal(request: Request) -> Principal:
    """Who sent the request (worked out once per request)."""
    known = getattr(request.state, "principal", None)
    if isinstance(known, Principal):
        return known
    found = _principal(request)
    request.state.principal = found
    return found


def _principal(request: Request) -> Principal:
    store = get_store(request)
    config = request.app.state.config
    signer: Signer = request.app.state.signer
    header = request.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        with store.transaction() as conn:
            user = user_of_token(conn, token_digest(header[7:].strip()))
        if user is None:
            raise HTTPException(
                401,
                "the API token is not valid (unknown, revoked, or its user is disabled)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return Principal(user.name, user.role, user, "token")
    cookie = request.cookies.get(SESSION_COOKIE)
    session = signer.session(cookie) if cookie else None
    if session is not None:
        with store.read() as conn:
            try:
                user = get_user(conn, session.user_id)
            except NotFound:
                user = None
        if user is not None and session.valid_for(user):
            return Principal(user.name, user.role, user, "session")
    if config.local_admin:
        with store.read() as conn:
            if count_users(conn) == 0:
                return Principal(config.settings.who or "local", "admin", None, "local")
    if config.public:
        return Principal("anonymous", "viewer", None, "anonymous")
    return Principal("anonymous", None, None, "anonymous")


def _require(role: str, p: Principal) -> Principal:
    if p.can(role):
        return p
    if p.role is None or not p.signed_in:
        raise HTTPException(401, "log in first", headers={"WWW-Authenticate": "Bearer"})
    raise HTTPException(403, f"this needs the {role} role; {p.name} is {p.role}")


def reader(p: Annotated[Principal, Depends(principal)]) -> Principal:
    return _require("viewer", p)


async def csrf(request: Request, p: Annotated[Principal, Depends(principal)]) -> None:
    """Changes sent by a browser must carry the CSRF token of its cookie."""
    if request.method not in UNSAFE or p.how == "token":
        return
    expected = getattr(request.state, "csrf_token", None)
    given = request.headers.get(CSRF_HEADER)
    if given is None:
        kind = request.headers.get("content-type", "")
        if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
    if not (getattr(request.state, "csrf_from_cookie", False) and same_token(expected, given)):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")


def editor(
    p: Annotated[Principal, Depends(principal)], _: Annotated[None, Depends(csrf)]
) -> Principal:
    return _require("editor", p)


def admin(
    p: Annotated[Principal, Depends(principal)], _: Annotated[None, Depends(csrf)]
) -> Principal:
    return _require("admin", p)


def signed_in(
    p: Annotated[Principal, Depends(principal)], _: Annotated[None, Depends(csrf)]
) -> Principal:
    if p.user is None:
        raise HTTPException(401, "log in first (API tokens belong to a user)")
    return p


# Filters


def _many(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(dict.fromkeys(out))


def parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def parse_int(value: str | None, name: str, *, low: int = 0, high: int = 10**9) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        number = int(value.strip())
    except ValueError:
        raise InputError(f"{name}: {value!r} is not a whole number") from None
    if not low <= number <= high:
        raise InputError(f"{name}: {number} is not between {low} and {high}")
    return number


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or not value.strip():
        return None
    try:
        parts = [float(v) for v in value.split(",")]
    except ValueError:
        raise InputError(f"bbox {value!r}: four numbers, west,south,east,north") from None
    if len(parts) != 4:
        raise InputError(f"bbox {value!r}: four numbers, west,south,east,north")
    west, south, east, north = parts
    return west, south, east, north


Text = Annotated[str | None, Query(max_length=500)]
Many = Annotated[list[str] | None, Query()]


def filters(
    date_from: Annotated[str | None, Query(alias="from", max_length=40)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=40)] = None,
    country: Many = None,
    admin1: Many = None,
    actor: Many = None,
    event_type: Many = None,
    status: Many = None,
    grade: Many = None,
    min_sources: Annotated[str | None, Query(max_length=12)] = None,
) -> Filters:
    """The export filters from the query string."""
    return Filters(
        date_from=parse_date(date_from, "from"),
        date_to=parse_date(date_to, "to"),
        countries=_many(country),
        admin1=_many(admin1),
        actors=_many(actor),
        event_types=_many(event_type),
        statuses=_many(status) or ACTIVE,
        grades=_many(grade),
        min_sources=parse_int(min_sources, "min_sources", high=1000),
    )


def browse_query(
    base: Annotated[Filters, Depends(filters)],
    weapon: Many = None,
    min_killed: Annotated[str | None, Query(max_length=12)] = None,
    bbox: Annotated[str | None, Query(max_length=120)] = None,
    q: Text = None,
    sort: Annotated[str, Query(max_length=12)] = "-date",
) -> BrowseQuery:
    """The filters and what screens add to them."""
    return BrowseQuery(
        filters=base,
        weapons=_many(weapon),
        min_killed=parse_int(min_killed, "min_killed"),
        bbox=parse_bbox(bbox),
        text=q.strip() if q and q.strip() else None,
        sort=sort or "-date",
    )


Reader = Annotated[Principal, Depends(reader)]
Editor = Annotated[Principal, Depends(editor)]
Admin = Annotated[Principal, Depends(admin)]
SignedIn = Annotated[Principal, Depends(signed_in)]
StoreDep = Annotated[Store, Depends(get_store)]
JobsDep = Annotated[Jobs, Depends(get_jobs)]
FiltersDep = Annotated[Filters, Depends(filters)]
QueryDep = Annotated[BrowseQuery, Depends(browse_query)]
CSRF = Annotated[None, Depends(csrf)]
