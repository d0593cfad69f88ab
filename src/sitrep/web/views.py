"""What the API answers and the pages show, as plain JSON-ready dicts: one place that
reads the store for the web, so the JSON and the HTML always say the same.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, UploadFile
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from sitrep.errors import InputError, NotFound
from sitrep.models import Incident, Report
from sitrep.store import Connection, Store
from sitrep.store.browse import Query, count, map_groups, page
from sitrep.store.browse import report_page as _report_page
from sitrep.store.records import Filters
from sitrep.web.auth import Principal
from sitrep.web.deps import principal

MAX_UPLOAD = 50 * 1024 * 1024


PrincipalDep = Annotated[Principal, Depends(principal)]


# Incidents


def _count(c: Any) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"low": c.low, "best": c.best, "high": c.high, "qualifier": c.qualifier}


def figure_text(c: Any) -> str:
    """A figure as people read it: "3", "3-5 (4)", "at least 3", "" when unknown."""
    if c is None or (c.low is None and c.best is None and c.high is None):
        return ""
    low, best, high = c.low, c.best, c.high
    if high is None:
        return f"at least {best if best is not None else low}"
    if low == high:
        return str(low)
    middle = f" ({best})" if best is not None and best not in (low, high) else ""
    return f"{low}-{high}{middle}"


def incident_summary(i: Incident) -> dict[str, Any]:
    place = i.location
    date = i.date
    return {
        "id": i.id,
        "code": i.code,
        "status": i.status,
        "grade": i.grade,
        "event_type": i.event_type,
        "sub_event_type": i.sub_event_type,
        "weapons": list(i.weapons),
        "target": i.target,
        "date": None
        if date is None
        else {
            "start": date.start.isoformat() if date.start else None,
            "end": date.end.isoformat() if date.end else None,
            "precision": date.precision,
            "text": date.text,
        },
        "place": None
        if place is None
        else {
            "name": place.name,
            "admin1": place.admin1,
            "country_code": place.country_code,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "precision": place.precision,
        },
        "perpetrators": [
            {"name": a.name, "attribution": a.attribution}
            for a in i.actors
            if a.role == "perpetrator"
        ],
        "killed": _count(i.killed),
        "injured": _count(i.injured),
        "killed_text": figure_text(i.killed),
        "injured_text": figure_text(i.injured),
        "independent_sources": i.independent_sources,
        "reports": len(i.report_ids),
        "merged_into": i.merged_into,
        "version": i.version,
        "updated_at": i.updated_at.isoformat() if i.updated_at else None,
    }


def incident_page(
    store: Store, query: Query, *, limit: int, cursor: str | None, with_total: bool
) -> dict[str, Any]:
    from sitrep.store.browse import DENSE, resolve
    from sitrep.store.incident_rows import load_incidents

    with store.read() as conn:
        query = resolve(conn, query)
        total = count(conn, query, cap=DENSE) if with_total or not cursor else None
        dense = None if total is None else total[1] or total[0] > DENSE
        found = page(conn, query, limit=limit, cursor=cursor, dense=dense)
        items = load_incidents(conn, found.ids, light=True)
        if not with_total:
            total = None
    out: dict[str, Any] = {
        "items": [incident_summary(i) for i in items],
        "next_cursor": found.next_cursor,
    }
    if total is not None:
        out["total"], out["total_is_lower_bound"] = total
    return out


def find(conn: Connection, ref: str) -> Incident:
    from sitrep.store import review

    return review.find(conn, ref.strip())


def current(conn: Connection, ref: str, version: int | None) -> Incident:
    """The incident as it is now; Conflict when the client read another version."""
    from sitrep.store.review import Conflict

    incident = find(conn, ref)
    if version is not None and version != incident.version:
        raise Conflict(
            f"incident {incident.code} changed since you read it (version {version}, now "
            f"{incident.version}): reload it and decide again"
        )
    return incident


# Review actions: one transaction each, the API's and the pages' alike.

REVIEW_STATUSES = ("candidate", "confirmed", "rejected")


def set_status(
    store: Store, ref: str, status: str, *, version: int | None, who: str, why: str | None
) -> Incident:
    from sitrep.store import review

    if status not in REVIEW_STATUSES:
        raise InputError(f"status {status!r}: {', '.join(REVIEW_STATUSES)}")
    with store.transaction() as conn:
        return review.set_status(conn, current(conn, ref, version), status, who=who, why=why)


def change_field(
    store: Store,
    ref: str,
    field: str,
    action: str,
    value: str | None,
    *,
    version: int | None,
    who: str,
    why: str | None,
) -> Incident:
    """Accept or reject a field's value, or edit it (``value``)."""
    from sitrep.store import review

    with store.transaction() as conn:
        incident = current(conn, ref, version)
        if action == "edit":
            if value is None:
                raise InputError("an edit needs a value")
            return review.set_field(conn, incident, field, value, who=who, why=why)
        status = "accepted" if action == "accept" else "rejected"
        return review.review_field(conn, incident, field, status, who=who, why=why)


def merge(store: Store, refs: list[str], *, who: str, why: str | None) -> Incident:
    """One incident of those ``refs`` name (ids or codes); returns it."""
    from sitrep.store import review

    with store.transaction() as conn:
        chosen = [review.find(conn, ref) for ref in refs]
        return review.merge(conn, chosen, who=who, why=why).incidents[-1]


def undo(store: Store, *, who: str, operation: str | None = None, why: str | None = None) -> None:
    from sitrep.store import review_log

    with store.transaction() as conn:
        review_log.undo(conn, who=who, operation=operation, why=why)


def incident_detail(store: Store, ref: str) -> dict[str, Any]:
    from sitrep.store import review, review_log
    from sitrep.store.reports import get_report

    with store.read() as conn:
        incident = find(conn, ref)
        history = review_log.history(conn, incident)
        members = [m.id for m in review.members_of(conn, incident.id or 0, with_evidence=False)]
        sources = []
        for report_id in incident.report_ids:
            try:
                r = get_report(conn, report_id)
            except NotFound:
                continue
            sources.append(
                {
                    "id": r.id,
                    "title": r.title,
                    "url": r.url,
                    "publisher": r.publisher,
                    "published": r.published,
                    "original_id": r.original_id,
                    "quotes": [
                        {
                            "field": s.field,
                            "quote": s.quote,
                            "start": s.start,
                            "end": s.end,
                            "page": s.page,
                        }
                        for s in incident.evidence
                        if s.report_id == report_id
                    ],
                }
            )
    whole = incident.model_dump(mode="json")
    return {
        **whole,
        "summary": incident_summary(incident),
        "sources": sources,
        "members": members,
        "history": [e.model_dump(mode="json") for e in history],
    }


def queue(store: Store, *, limit: int) -> dict[str, Any]:
    from sitrep.store import matching
    from sitrep.store.browse import count_candidates, review_queue
    from sitrep.store.incident_rows import load_incidents

    with store.read() as conn:
        pairs = matching.open_suggestions(conn)[:limit]
        ids = review_queue(conn, limit=limit)
        items = load_incidents(conn, ids)
        waiting = count_candidates(conn)
        involved = load_incidents(conn, sorted({p.a for p in pairs} | {p.b for p in pairs}))
    by_id = {i.id: i for i in involved}
    return {
        "suggestions": [
            {
                "id": p.id,
                "score": round(p.score, 3),
                "reasons": list(p.reasons),
                "a": incident_summary(by_id[p.a]),
                "b": incident_summary(by_id[p.b]),
            }
            for p in pairs
            if p.a in by_id and p.b in by_id
        ],
        "candidates": [
            {
                **incident_summary(i),
                "quotes": [{"field": s.field, "quote": s.quote} for s in i.evidence][:6],
                "confidence": i.confidence,
            }
            for i in items
        ],
        "waiting": waiting,
    }


def decide(store: Store, suggestion_id: int, decision: str, who: str) -> dict[str, Any]:
    from sitrep.store import matching, review

    with store.transaction() as conn:
        pairs = {p.id: p for p in matching.open_suggestions(conn)}
        pair = pairs.get(suggestion_id)
        if pair is None:
            raise NotFound(f"no open suggestion {suggestion_id}")
        result = None
        if decision == "merged":
            both = [review.load(conn, pair.a), review.load(conn, pair.b)]
            result = review.merge(conn, both, who=who, why="merged in review").incidents[-1]
        matching.decide(conn, suggestion_id, decision, who=who)
    return {"decided": decision, "incident": incident_summary(result) if result else None}


# Reports


def report_page(
    store: Store, *, limit: int, before: int | None, text: str | None
) -> dict[str, Any]:
    with store.read() as conn:
        rows, more = _report_page(conn, limit=limit, before=before, text=text or None)
    for row in rows:
        if isinstance(row.get("retrieved_at"), dt.datetime):
            row["retrieved_at"] = row["retrieved_at"].isoformat()
    return {"items": rows, "next_before": more}


def report_detail(store: Store, report_id: int) -> dict[str, Any]:
    from sitrep.store.incidents import list_aggregates, list_incidents
    from sitrep.store.reports import get_report

    with store.read() as conn:
        report = get_report(conn, report_id)
        linked = list_incidents(conn, report_id=report_id, status="all")
        statements = list_aggregates(conn, report_id=report_id)
    spans: list[dict[str, Any]] = []
    for incident in linked:
        for s in incident.evidence:
            if s.report_id == report_id:
                spans.append(
                    {
                        "start": s.start,
                        "end": s.end,
                        "field": s.field,
                        "quote": s.quote,
                        "incident_id": incident.id,
                        "incident_code": incident.code,
                        "incident_status": incident.status,
                        "aggregate_id": None,
                    }
                )
    for statement in statements:
        for s in statement.evidence:
            spans.append(
                {
                    "start": s.start,
                    "end": s.end,
                    "field": s.field or "aggregate",
                    "quote": s.quote,
                    "incident_id": None,
                    "incident_code": None,
                    "incident_status": None,
                    "aggregate_id": statement.id,
                }
            )
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    meta = report.model_dump(mode="json", exclude={"text"})
    return {
        "report": {**meta, "text": report.text},
        "spans": spans,
        "incidents": [incident_summary(i) for i in linked],
        "aggregates": [
            {"id": a.id, "metric": a.metric, "value": figure_text(a.value)} for a in statements
        ],
    }


def add_reports(store: Store, reports: list[Report], who: str) -> list[dict[str, Any]]:
    from sitrep.pipeline import add_reports as add

    return [outcome_dict(o) for o in add(store, reports, who=who)]


def outcome_dict(outcome: Any) -> dict[str, Any]:
    return {
        "source": outcome.source,
        "report_id": outcome.report_id,
        "new": outcome.new,
        "title": outcome.title,
        "incidents": outcome.incidents,
        "aggregates": outcome.aggregates,
        "linked": outcome.linked,
        "suggested": outcome.suggested,
        "error": outcome.error,
    }


async def add_upload(
    store: Store, file: UploadFile, published: str | None, who: str
) -> dict[str, Any]:
    """Store an uploaded file as `sitrep add FILE` would, under its own name."""
    from sitrep.ingest.files import ReportMeta
    from sitrep.pipeline import add_files

    name = Path(file.filename or "upload.txt").name or "upload.txt"
    folder = tempfile.mkdtemp(prefix="sitrep-upload-")
    path = Path(folder) / name
    try:
        size = 0
        with open(path, "wb") as out:
            while chunk := await file.read(1 << 20):
                size += len(chunk)
                if size > MAX_UPLOAD:
                    raise InputError(f"{name}: larger than {MAX_UPLOAD // (1 << 20)} MiB")
                out.write(chunk)
        meta = ReportMeta(published=published or None)
        outcomes = list(add_files(store, [str(path)], max_bytes=MAX_UPLOAD, meta=meta, who=who))
    finally:
        path.unlink(missing_ok=True)
        os.rmdir(folder)
    result = outcome_dict(outcomes[0])
    result["source"] = name
    if result["error"]:
        raise InputError(f"{name}: {result['error']}")
    return result


# Analysis


def aggregates(store: Store, report_id: int | None) -> dict[str, Any]:
    out = []
    for r in store.reconciled(report_id=report_id):
        s = r.statement
        out.append(
            {
                "id": s.id,
                "report_id": s.report_id,
                "metric": s.metric,
                "value": figure_text(s.value),
                "period": s.period.model_dump(mode="json") if s.period else None,
                "actors": [a.name for a in s.actors],
                "quotes": [e.quote for e in s.evidence],
                "scope": r.scope,
                "recorded": r.recorded,
                "possible": r.possible,
                "incident_ids": list(r.incident_ids),
                "comparison": r.phrase(),
            }
        )
    return {"aggregates": out}


def stats(store: Store, filters: Filters, by: str) -> dict[str, Any]:
    from sitrep.store.stats import check_keys, notes, stats_rows

    keys = check_keys([k.strip() for k in by.split(",") if k.strip()])
    with store.read() as conn:
        rows = stats_rows(conn, filters, keys)
    return {"by": keys, "filters": filters.describe(), "rows": rows, "notes": notes(keys)}


def timeline(store: Store, filters: Filters, period: str, by: str) -> dict[str, Any]:
    from sitrep.store.stats import stats_rows

    with store.read() as conn:
        rows = stats_rows(conn, filters, [period, by])
    series: dict[str, dict[str, int]] = {}
    vague: dict[str, int] = {}
    for row in rows:
        key = row[period]
        series.setdefault(str(row[by]), {})[key] = row["incidents"]
        vague[key] = vague.get(key, 0) + row["vague_date"]
    totals = sorted(series, key=lambda g: (-sum(series[g].values()), g))
    return {
        "period": period,
        "by": by,
        "groups": totals,
        "series": series,
        "vague": vague,
        "filters": filters.describe(),
    }


def map_view(store: Store, query: Query, zoom: int) -> dict[str, Any]:
    from sitrep.export.csv_rows import iso_numeric

    with store.read() as conn:
        groups = map_groups(conn, query, zoom=zoom)
    out = []
    for g in groups:
        item = dict(g.__dict__)
        if g.kind == "country" or g.precision == "country":
            item["iso_numeric"] = iso_numeric(g.country_code)
        out.append(item)
    return {"zoom": zoom, "groups": out, "total": sum(g.count for g in groups)}


FORMATS = {
    "acled": ("text/csv", ".csv"),
    "ucdp": ("text/csv", ".csv"),
    "gtd": ("text/csv", ".csv"),
    "geojson": ("application/geo+json", ".geojson"),
    "incidents-jsonl": ("application/x-ndjson", ".jsonl"),
}


def export(store: Store, filters: Filters, fmt: str) -> FileResponse:
    """The export written to a temporary file, sent, then deleted."""
    from sitrep.export.common import Meta
    from sitrep.export.run import export as run_export

    kind, suffix = FORMATS[fmt]
    handle, name = tempfile.mkstemp(prefix="sitrep-export-", suffix=suffix)
    os.close(handle)
    try:
        with open(name, "w", encoding="utf-8", newline="") as out:
            run_export(store, fmt, filters, Meta(filters=filters), out)
    except BaseException:
        os.unlink(name)
        raise
    stamp = dt.date.today().isoformat()
    return FileResponse(
        name,
        media_type=kind,
        filename=f"sitrep-{fmt}-{stamp}{suffix}",
        background=BackgroundTask(os.unlink, name),
    )


# Users and tokens


def _user_dict(u: Any) -> dict[str, Any]:
    return {
        "name": u.name,
        "role": u.role,
        "disabled": u.disabled,
        "has_password": u.password_hash is not None,
        "created_at": u.created_at.isoformat() if u.created_at else None,
        "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
    }


def users(store: Store) -> list[dict[str, Any]]:
    from sitrep.store.users import list_users

    with store.read() as conn:
        return [_user_dict(u) for u in list_users(conn)]


def add_user(store: Store, name: str, role: str, password: str) -> dict[str, Any]:
    from sitrep.store.users import add_user as add
    from sitrep.store.users import get_user
    from sitrep.web.auth import hash_password

    hashed = hash_password(password)
    with store.transaction() as conn:
        user_id = add(conn, name, role, hashed)
        return _user_dict(get_user(conn, user_id))


def change_user(
    store: Store,
    name: str,
    role: str | None,
    disabled: bool | None,
    password: str | None,
) -> dict[str, Any]:
    from sitrep.store.users import set_user
    from sitrep.web.auth import hash_password

    hashed = hash_password(password) if password is not None else None
    with store.transaction() as conn:
        user = set_user(conn, name, role=role, disabled=disabled, password_hash=hashed)
    return _user_dict(user)


def tokens(store: Store, who: Principal) -> list[dict[str, Any]]:
    from sitrep.store.users import list_tokens

    assert who.user is not None
    with store.read() as conn:
        found = list_tokens(conn, who.user.id)
    return [
        {
            "id": t.id,
            "name": t.name,
            "created_at": t.created_at.isoformat(),
            "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            "revoked": t.revoked,
        }
        for t in found
    ]


def new_token(store: Store, who: Principal, name: str) -> dict[str, Any]:
    from sitrep.store.users import add_token
    from sitrep.web.auth import new_token as make
    from sitrep.web.auth import token_digest

    assert who.user is not None
    token = make()
    with store.transaction() as conn:
        token_id = add_token(conn, who.user.id, name, token_digest(token))
    return {"id": token_id, "name": name, "token": token}


def revoke_token(store: Store, who: Principal, token_id: int) -> dict[str, Any]:
    from sitrep.store.users import revoke_token as revoke

    assert who.user is not None
    with store.transaction() as conn:
        revoke(conn, who.user.id, token_id)
    return {"id": token_id, "revoked": True}
