"""The JSON API under /api: reports, incidents, review, aggregates, stats, the map, the
timeline, exports, jobs, users and tokens. OpenAPI at /docs and /openapi.json.

Every change is recorded in the audit log under the name of the user who made it. A
change to an incident may carry the ``version`` the client read: if someone changed the
incident since, the answer is 409 and nothing is written.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from sitrep.errors import InputError
from sitrep.models import Report
from sitrep.web import views
from sitrep.web.deps import (
    Admin,
    Editor,
    FiltersDep,
    JobsDep,
    QueryDep,
    Reader,
    SignedIn,
    StoreDep,
)


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    """Every error the API answers: ``{"error": {"status", "code", "message"}}``."""

    error: ErrorDetail


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "A value Sitrep refuses, said plainly"},
    401: {"model": ErrorResponse, "description": "Log in or send a bearer token"},
    403: {"model": ErrorResponse, "description": "Your role does not allow it, or no CSRF"},
    404: {"model": ErrorResponse, "description": "No such incident, report or job"},
    409: {"model": ErrorResponse, "description": "Changed since you read it"},
    422: {"model": ErrorResponse, "description": "A parameter of the wrong form"},
}
router = APIRouter(prefix="/api", responses=_ERRORS)
Limit = Annotated[int, Query(ge=1, le=500)]


# Incidents


@router.get("/incidents", tags=["incidents"], summary="List and filter incidents")
def list_incidents(
    store: StoreDep,
    _: Reader,
    query: QueryDep,
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    total: bool = True,
) -> dict[str, Any]:
    """A page of incidents in ``sort`` order; ``next_cursor`` asks for the next page.
    ``total``: how many match (exact, or "at least" when ``total_is_lower_bound``)."""
    return views.incident_page(store, query, limit=limit, cursor=cursor, with_total=total)


@router.get("/incidents/{ref}", tags=["incidents"], summary="One incident, whole")
def get_incident(store: StoreDep, _: Reader, ref: str) -> dict[str, Any]:
    """Every field, every source with its quotes, the claims, the figures' spread, the
    grade's rule and the audit log. ``ref``: the id or the code ("IRQ-2024-000123")."""
    return views.incident_detail(store, ref)


class StatusChange(BaseModel):
    status: Literal["candidate", "confirmed", "rejected"]
    why: str | None = Field(default=None, max_length=2000)
    version: int | None = Field(default=None, ge=1)


class FieldChange(BaseModel):
    action: Literal["accept", "reject", "edit"]
    value: str | None = Field(default=None, max_length=5000)
    why: str | None = Field(default=None, max_length=2000)
    version: int | None = Field(default=None, ge=1)


class Merge(BaseModel):
    ids: list[str] = Field(min_length=2, max_length=50)
    why: str | None = Field(default=None, max_length=2000)


class Split(BaseModel):
    members: list[str] = Field(min_length=1, max_length=50)
    why: str | None = Field(default=None, max_length=2000)


class Undo(BaseModel):
    operation: str | None = Field(default=None, max_length=64)
    why: str | None = Field(default=None, max_length=2000)


@router.post("/incidents/{ref}/status", tags=["review"], summary="Accept, reject or reopen")
def set_status(store: StoreDep, who: Editor, ref: str, change: StatusChange) -> dict[str, Any]:
    after = views.set_status(
        store, ref, change.status, version=change.version, who=who.name, why=change.why
    )
    return views.incident_summary(after)


@router.post(
    "/incidents/{ref}/fields/{field}", tags=["review"], summary="Accept, reject or edit a field"
)
def change_field(
    store: StoreDep, who: Editor, ref: str, field: str, change: FieldChange
) -> dict[str, Any]:
    after = views.change_field(
        store,
        ref,
        field,
        change.action,
        change.value,
        version=change.version,
        who=who.name,
        why=change.why,
    )
    return views.incident_summary(after)


@router.post("/incidents/merge", tags=["review"], summary="Merge incidents into one")
def merge(store: StoreDep, who: Editor, body: Merge) -> dict[str, Any]:
    return views.incident_summary(views.merge(store, body.ids, who=who.name, why=body.why))


@router.post(
    "/incidents/{ref}/split", tags=["review"], summary="Take members out of a merged incident"
)
def split(store: StoreDep, who: Editor, ref: str, body: Split) -> dict[str, Any]:
    from sitrep.store import review

    with store.transaction() as conn:
        parent = review.find(conn, ref)
        leaving = [review.find(conn, m) for m in body.members]
        review.split(conn, parent, leaving, who=who.name, why=body.why)
    return views.incident_detail(store, str(parent.id))


@router.post("/undo", tags=["review"], summary="Undo your last change (or an operation)")
def undo(
    store: StoreDep, who: Editor, body: Annotated[Undo | None, Body()] = None
) -> dict[str, Any]:
    body = body or Undo()
    views.undo(store, who=who.name, operation=body.operation, why=body.why)
    return {"undone": True, "who": who.name}


@router.get("/review", tags=["review"], summary="The review queue")
def review_queue(store: StoreDep, _: Reader, limit: Limit = 50) -> dict[str, Any]:
    """Pairs the matcher was unsure of, then candidate incidents, most confident first."""
    return views.queue(store, limit=limit)


class Decision(BaseModel):
    decision: Literal["merged", "dismissed"]


@router.post(
    "/review/suggestions/{suggestion_id}", tags=["review"], summary="Decide a suggested pair"
)
def decide(store: StoreDep, who: Editor, suggestion_id: int, body: Decision) -> dict[str, Any]:
    return views.decide(store, suggestion_id, body.decision, who.name)


# Reports


class NewReport(BaseModel):
    """A report to add: a ``url`` to fetch, or a ``text`` (with what is known of it)."""

    url: str | None = Field(default=None, max_length=4000)
    text: str | None = Field(default=None, max_length=5_000_000)
    title: str | None = Field(default=None, max_length=1000)
    publisher: str | None = Field(default=None, max_length=500)
    published: str | None = Field(default=None, max_length=40)


@router.get("/reports", tags=["reports"], summary="List reports, newest first")
def list_reports(
    store: StoreDep,
    _: Reader,
    limit: Limit = 50,
    before: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    q: Annotated[str | None, Query(max_length=500)] = None,
) -> dict[str, Any]:
    return views.report_page(store, limit=limit, before=before, text=q)


@router.post(
    "/reports", tags=["reports"], summary="Add a report by URL or pasted text", status_code=201
)
def add_report(store: StoreDep, who: Editor, body: NewReport, jobs: JobsDep) -> dict[str, Any]:
    """A ``text`` is stored and extracted at once; a ``url`` is fetched in the background:
    the answer is the job (GET /api/jobs/{id} shows its progress)."""
    if body.url and body.text:
        raise InputError("give a url or a text, not both")
    if body.url:
        job = jobs.add_urls([body.url], who=who.name)
        return {"job": job.as_dict()}
    if not body.text or not body.text.strip():
        raise InputError("give a url or a text")
    report = Report(
        text=body.text, title=body.title, publisher=body.publisher, published=body.published
    )
    return {"added": views.add_reports(store, [report], who.name)[0]}


@router.post(
    "/reports/upload", tags=["reports"], summary="Add a report from a file", status_code=201
)
async def upload_report(
    store: StoreDep,
    who: Editor,
    file: Annotated[UploadFile, File()],
    published: Annotated[str | None, Form(max_length=40)] = None,
) -> dict[str, Any]:
    """A text, Markdown, HTML, PDF or e-mail file, read as `sitrep add FILE` reads it."""
    return {"added": await views.add_upload(store, file, published, who.name)}


@router.get(
    "/reports/{report_id}", tags=["reports"], summary="One report: text and extracted spans"
)
def get_report(store: StoreDep, _: Reader, report_id: int) -> dict[str, Any]:
    """The report's text and metadata, and each span extracted from it: its offsets, the
    field it supports, and the incident (or aggregate statement) it belongs to."""
    return views.report_detail(store, report_id)


# Jobs


class NewJob(BaseModel):
    urls: list[str] = Field(default_factory=list, max_length=500)
    feed: str | None = Field(default=None, max_length=4000)
    feed_name: str | None = Field(default=None, max_length=200)


@router.post(
    "/jobs", tags=["reports"], summary="Add reports by URL, or follow a feed", status_code=202
)
def new_job(who: Editor, body: NewJob, jobs: JobsDep) -> dict[str, Any]:
    if body.feed:
        return jobs.add_feed(body.feed, name=body.feed_name, who=who.name).as_dict()
    return jobs.add_urls(body.urls, who=who.name).as_dict()


@router.get("/jobs/{job_id}", tags=["reports"], summary="A job's progress")
def get_job(_: Reader, job_id: str, jobs: JobsDep) -> dict[str, Any]:
    return jobs.get(job_id).as_dict()


# Aggregates, stats, map, timeline, export


@router.get("/aggregates", tags=["analysis"], summary="Aggregate statements, reconciled")
def aggregates(
    store: StoreDep, _: Reader, report_id: Annotated[int | None, Query(ge=1, le=2**62)] = None
) -> dict[str, Any]:
    """Each statement ("more than 100 launches since November") with the incidents on
    record in its scope."""
    return views.aggregates(store, report_id)


@router.get("/stats", tags=["analysis"], summary="Counts and casualty totals by group")
def stats(
    store: StoreDep,
    _: Reader,
    filters: FiltersDep,
    by: Annotated[str, Query(max_length=200)] = "month,country",
) -> dict[str, Any]:
    return views.stats(store, filters, by)


@router.get("/timeline", tags=["analysis"], summary="Incidents per day or week, by group")
def timeline(
    store: StoreDep,
    _: Reader,
    filters: FiltersDep,
    period: Literal["day", "week", "month"] = "week",
    by: Literal["event_type", "actor"] = "event_type",
) -> dict[str, Any]:
    return views.timeline(store, filters, period, by)


@router.get("/map", tags=["analysis"], summary="Incidents on the map, grouped server-side")
def map_groups(
    store: StoreDep,
    _: Reader,
    query: QueryDep,
    zoom: Annotated[int, Query(ge=0, le=22)] = 2,
) -> dict[str, Any]:
    """At zoom 3 and below, one group per country; closer in (a ``bbox`` is needed),
    incidents known to a point in grid cells, and vaguer ones as areas."""
    return views.map_view(store, query, zoom)


@router.get("/export", tags=["analysis"], summary="Export the filtered incidents")
def export(
    store: StoreDep,
    _: Reader,
    filters: FiltersDep,
    format: Literal["acled", "ucdp", "gtd", "geojson", "incidents-jsonl"] = "acled",
) -> FileResponse:
    return views.export(store, filters, format)


# Users and tokens


class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    role: Literal["viewer", "editor", "admin"] = "viewer"
    password: str = Field(min_length=1, max_length=1000)


class UserChange(BaseModel):
    role: Literal["viewer", "editor", "admin"] | None = None
    disabled: bool | None = None
    password: str | None = Field(default=None, min_length=1, max_length=1000)


class NewToken(BaseModel):
    name: str = Field(min_length=1, max_length=200)


@router.get("/me", tags=["users"], summary="Who you are, and your CSRF token")
def me(who: views.PrincipalDep, request: Request) -> dict[str, Any]:
    """``csrf_token``: what a browser script sends as ``X-CSRF-Token`` with changes (with
    the cookie this answer sets); scripts with a bearer token need none."""
    return {
        "name": who.name,
        "role": who.role,
        "how": who.how,
        "csrf_token": request.state.csrf_token,
    }


@router.get("/users", tags=["users"], summary="Users (admin)")
def list_users(store: StoreDep, _: Admin) -> dict[str, Any]:
    return {"users": views.users(store)}


@router.post("/users", tags=["users"], summary="Add a user (admin)", status_code=201)
def add_user(store: StoreDep, _: Admin, body: NewUser) -> dict[str, Any]:
    return views.add_user(store, body.name, body.role, body.password)


@router.patch("/users/{name}", tags=["users"], summary="Change a user (admin)")
def change_user(store: StoreDep, _: Admin, name: str, body: UserChange) -> dict[str, Any]:
    return views.change_user(store, name, body.role, body.disabled, body.password)


@router.get("/tokens", tags=["users"], summary="Your API tokens")
def list_tokens(store: StoreDep, who: SignedIn) -> dict[str, Any]:
    return {"tokens": views.tokens(store, who)}


@router.post("/tokens", tags=["users"], summary="A new API token (shown once)", status_code=201)
def new_token(store: StoreDep, who: SignedIn, body: NewToken) -> dict[str, Any]:
    return views.new_token(store, who, body.name)


@router.delete("/tokens/{token_id}", tags=["users"], summary="Revoke one of your tokens")
def revoke_token(store: StoreDep, who: SignedIn, token_id: int) -> dict[str, Any]:
    return views.revoke_token(store, who, token_id)
