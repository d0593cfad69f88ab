"""The pages: server-rendered HTML (Jinja2, every value escaped), with htmx for the parts
that reload and a little JavaScript of Sitrep's own for the map, the timeline and the
review queue's keys. Forms post back here with the CSRF token, then redirect.
"""

from __future__ import annotations

import itertools
import urllib.parse
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sitrep.errors import InputError, NotFound
from sitrep.models import EVENT_TYPES, Report
from sitrep.store.browse import SORTS, WEAPONS
from sitrep.store.records import ACTIVE
from sitrep.store.users import ROLES, find_user, record_login
from sitrep.web import views
from sitrep.web.app import html_page
from sitrep.web.auth import (
    SESSION_COOKIE,
    SESSION_DAYS,
    Principal,
    Signer,
    Throttle,
    verify_password,
)
from sitrep.web.deps import (
    CSRF,
    Admin,
    Editor,
    JobsDep,
    QueryDep,
    Reader,
    SignedIn,
    StoreDep,
    principal,
)

router = APIRouter(include_in_schema=False)

EVENT_COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#d35400",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d",
}
STATUSES = ("candidate", "confirmed", "rejected", "merged")
PAGE_SIZE = 50


def context(request: Request, **values: Any) -> dict[str, Any]:
    who = principal(request)
    config = request.app.state.config
    return {
        "who": who,
        "csrf_token": request.state.csrf_token,
        "tiles": config.tiles,
        "tiles_attribution": config.tiles_attribution,
        "event_colours": EVENT_COLOURS,
        **values,
    }


def page(request: Request, template: str, **values: Any) -> HTMLResponse:
    return html_page(request, template, context(request, **values))


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never //host or a scheme): where to go after login."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _filter_values(request: Request) -> dict[str, Any]:
    params = request.query_params
    return {
        "from": params.get("from", ""),
        "to": params.get("to", ""),
        "country": params.get("country", ""),
        "admin1": params.get("admin1", ""),
        "actor": params.get("actor", ""),
        "event_type": params.getlist("event_type"),
        "status": params.getlist("status") or list(ACTIVE),
        "grade": params.get("grade", ""),
        "weapon": params.get("weapon", ""),
        "min_killed": params.get("min_killed", ""),
        "min_sources": params.get("min_sources", ""),
        "q": params.get("q", ""),
        "sort": params.get("sort", "-date"),
    }


# The dashboard: filters, map, timeline and table


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, _: Reader, query: QueryDep) -> HTMLResponse:
    return page(
        request,
        "dashboard.html",
        filters=_filter_values(request),
        event_types=list(EVENT_TYPES),
        statuses=STATUSES,
        weapons=WEAPONS,
        sorts=SORTS,
        query_string=request.url.query,
    )


@router.get("/ui/table", response_class=HTMLResponse)
def table(
    request: Request,
    store: StoreDep,
    _: Reader,
    query: QueryDep,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    found = views.incident_page(store, query, limit=PAGE_SIZE, cursor=cursor, with_total=not cursor)
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor" and v]
    more = None
    if found["next_cursor"]:
        more = "/ui/table?" + urllib.parse.urlencode([*params, ("cursor", found["next_cursor"])])
    sort_links = {}
    for name in SORTS:
        current = query.sort
        wanted = name if current == "-" + name else "-" + name
        rest = [(k, v) for k, v in params if k != "sort"]
        sort_links[name] = "?" + urllib.parse.urlencode([*rest, ("sort", wanted)])
    return page(
        request,
        "table.html",
        found=found,
        more=more,
        continuing=cursor is not None,
        sort=query.sort,
        sort_links=sort_links,
    )


# Incidents and reports


@router.get("/incidents/{ref}", response_class=HTMLResponse)
def incident(request: Request, store: StoreDep, _: Reader, ref: str) -> HTMLResponse:
    detail = views.incident_detail(store, ref)
    return page(request, "incident.html", incident=detail, s=detail["summary"])


@router.post("/ui/incidents/{ref}/status")
def incident_status(
    store: StoreDep,
    who: Editor,
    ref: str,
    status: Annotated[str, Form()],
    version: Annotated[int | None, Form()] = None,
    why: Annotated[str | None, Form(max_length=2000)] = None,
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    views.set_status(store, ref, status, version=version, who=who.name, why=why or None)
    return back(_safe_next(next) if next else f"/incidents/{ref}")


@router.post("/ui/incidents/{ref}/field")
def incident_field(
    store: StoreDep,
    who: Editor,
    ref: str,
    field: Annotated[str, Form(max_length=64)],
    value: Annotated[str, Form(max_length=5000)],
    version: Annotated[int | None, Form()] = None,
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    why = "edited in the web app"
    views.change_field(store, ref, field, "edit", value, version=version, who=who.name, why=why)
    return back(_safe_next(next) if next else f"/incidents/{ref}")


@router.post("/ui/merge")
def merge(
    store: StoreDep,
    who: Editor,
    ids: Annotated[list[str], Form()],
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    refs = list(dict.fromkeys(r for value in ids for r in value.replace(",", " ").split()))
    if len(refs) > 50:
        raise InputError("merge at most 50 incidents at once")
    target = views.merge(store, refs, who=who.name, why="merged in the web app")
    return back(_safe_next(next) if next else f"/incidents/{target.id}")


@router.post("/ui/suggestions/{suggestion_id}")
def suggestion(
    store: StoreDep,
    who: Editor,
    suggestion_id: int,
    decision: Annotated[str, Form()],
) -> Response:
    if decision not in ("merged", "dismissed"):
        raise InputError(f"decision {decision!r}: merged or dismissed")
    views.decide(store, suggestion_id, decision, who.name)
    return back("/review")


@router.post("/ui/undo")
def undo(store: StoreDep, who: Editor, next: Annotated[str | None, Form()] = None) -> Response:
    views.undo(store, who=who.name)
    return back(_safe_next(next))


@router.get("/reports", response_class=HTMLResponse)
def reports(
    request: Request,
    store: StoreDep,
    _: Reader,
    q: Annotated[str | None, Query(max_length=500)] = None,
    before: Annotated[int | None, Query(ge=1)] = None,
) -> HTMLResponse:
    found = views.report_page(store, limit=PAGE_SIZE, before=before, text=q or None)
    return page(request, "reports.html", found=found, q=q or "")


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report(request: Request, store: StoreDep, _: Reader, report_id: int) -> HTMLResponse:
    detail = views.report_detail(store, report_id)
    return page(
        request,
        "report.html",
        detail=detail,
        r=detail["report"],
        segments=segments(detail["report"]["text"], detail["spans"]),
    )


def segments(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut where spans start and end: each piece with the spans covering it, so
    that a template can mark it (overlapping spans mark the pieces they share)."""
    cuts = {0, len(text)}
    for s in spans:
        if 0 <= s["start"] <= s["end"] <= len(text):
            cuts.update((s["start"], s["end"]))
    points = sorted(cuts)
    out = []
    for start, end in itertools.pairwise(points):
        covering = [s for s in spans if s["start"] <= start < end <= s["end"]]
        out.append({"text": text[start:end], "spans": covering, "start": start})
    return out


# Review


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, store: StoreDep, _: Reader) -> HTMLResponse:
    return page(request, "review.html", queue=views.queue(store, limit=PAGE_SIZE))


# Adding reports


@router.get("/add", response_class=HTMLResponse)
def add_page(
    request: Request, _: Editor, job: Annotated[str | None, Query(max_length=40)] = None
) -> HTMLResponse:
    return page(request, "add.html", job=job)


@router.post("/ui/add/text")
def add_text(
    store: StoreDep,
    who: Editor,
    text: Annotated[str, Form(max_length=5_000_000)],
    title: Annotated[str | None, Form(max_length=1000)] = None,
    published: Annotated[str | None, Form(max_length=40)] = None,
    url: Annotated[str | None, Form(max_length=4000)] = None,
) -> Response:
    if not text.strip():
        raise InputError("paste the report's text")
    report = Report(text=text, title=title or None, published=published or None, url=url or None)
    added = views.add_reports(store, [report], who.name)[0]
    if added["error"]:
        raise InputError(added["error"])
    return back(f"/reports/{added['report_id']}")


@router.post("/ui/add/upload")
async def add_upload(
    store: StoreDep,
    who: Editor,
    file: UploadFile,
    published: Annotated[str | None, Form(max_length=40)] = None,
) -> Response:
    added = await views.add_upload(store, file, published or None, who.name)
    return back(f"/reports/{added['report_id']}")


@router.post("/ui/add/urls")
def add_urls(
    jobs: JobsDep, who: Editor, urls: Annotated[str, Form(max_length=200_000)]
) -> Response:
    job = jobs.add_urls(urls.split(), who=who.name)
    return back(f"/add?job={job.id}")


@router.post("/ui/add/feed")
def add_feed(
    jobs: JobsDep,
    who: Editor,
    url: Annotated[str, Form(max_length=4000)],
    name: Annotated[str | None, Form(max_length=200)] = None,
) -> Response:
    job = jobs.add_feed(url, name=name, who=who.name)
    return back(f"/add?job={job.id}")


@router.get("/ui/jobs/{job_id}", response_class=HTMLResponse)
def job_progress(request: Request, _: Reader, job_id: str, jobs: JobsDep) -> HTMLResponse:
    return page(request, "job.html", job=jobs.get(job_id).as_dict())


# Logging in and out, users


@router.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request, next: Annotated[str | None, Query(max_length=500)] = None
) -> HTMLResponse:
    return page(request, "login.html", next=_safe_next(next), failed=False)


@router.post("/login", response_model=None)
def login(
    request: Request,
    store: StoreDep,
    _: CSRF,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    throttle: Throttle = request.app.state.throttle
    address = request.client.host if request.client else "unknown"
    wait = throttle.wait(name, address)
    if wait:
        values = context(request, next=_safe_next(next), failed=False, wait=wait)
        return html_page(request, "login.html", values, status=429)
    with store.transaction() as conn:
        try:
            user = find_user(conn, name)
        except NotFound:
            user = None
        ok = verify_password(user, password)
        if ok and user is not None:
            record_login(conn, user.id)
    if not ok or user is None:
        throttle.failed(name, address)
        values = context(request, next=_safe_next(next), failed=True)
        return html_page(request, "login.html", values, status=401)
    throttle.succeeded(name)
    signer: Signer = request.app.state.signer
    done = back(_safe_next(next))
    done.set_cookie(
        SESSION_COOKIE,
        signer.session_cookie(user),
        max_age=SESSION_DAYS * 86400,
        httponly=True,
        samesite="lax",
        secure=request.app.state.config.secure_cookies,
        path="/",
    )
    return done


@router.post("/logout")
def logout(_: CSRF) -> Response:
    response = back("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, store: StoreDep, _: Reader) -> HTMLResponse:
    who: Principal = principal(request)
    if not who.can("admin"):
        raise HTTPException(403, "only an admin sees the users")
    return page(request, "users.html", users=views.users(store), roles=ROLES)


@router.post("/ui/users")
def users_add(
    store: StoreDep,
    _: Admin,
    name: Annotated[str, Form(max_length=64)],
    role: Annotated[str, Form(max_length=16)],
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    views.add_user(store, name, role, password)
    return back("/users")


@router.post("/ui/users/{name}")
def users_change(
    store: StoreDep,
    _: Admin,
    name: str,
    role: Annotated[str | None, Form(max_length=16)] = None,
    disabled: Annotated[str | None, Form(max_length=8)] = None,
) -> Response:
    flag = None if disabled is None else disabled == "yes"
    views.change_user(store, name, role or None, flag, None)
    return back("/users")


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, store: StoreDep, who: Reader) -> HTMLResponse:
    tokens = views.tokens(store, who) if who.user is not None else []
    return page(request, "account.html", tokens=tokens, new_token=None)


@router.post("/ui/tokens", response_class=HTMLResponse)
def account_token(
    request: Request, store: StoreDep, who: SignedIn, name: Annotated[str, Form(max_length=200)]
) -> HTMLResponse:
    made = views.new_token(store, who, name)
    return page(request, "account.html", tokens=views.tokens(store, who), new_token=made)


__all__ = ["router", "segments"]
