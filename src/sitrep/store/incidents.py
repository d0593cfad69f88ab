"""Incidents, aggregate statements and the audit log in the database.

An incident is spread over several tables (its row, its actors, its casualty
figures, its evidence spans, its links to reports); these functions write and
read it whole. They take an open Connection and never commit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, insert, or_, select

from sitrep.errors import NotFound
from sitrep.models import (
    Actor,
    AggregateStatement,
    Area,
    AuditEntry,
    Casualties,
    Count,
    DateSpan,
    Incident,
    Place,
    Span,
    count_columns,
)
from sitrep.store.tables import (
    aggregates,
    audit_log,
    casualties,
    evidence,
    incident_actors,
    incident_reports,
    incidents,
)

# The statuses of incidents still in play: not merged into another, not rejected.
ACTIVE = ("candidate", "confirmed")

_ACTOR_FIELDS = (
    "name",
    "role",
    "attribution",
    "actor_id",
    "actor_type",
    "claimant",
    "claim_channel",
    "text",
)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _count_from(row: dict[str, Any], prefix: str) -> Count | None:
    qualifier = row[f"{prefix}_qualifier"]
    if qualifier is None:
        return None
    return Count(
        low=row[f"{prefix}_low"],
        best=row[f"{prefix}_best"],
        high=row[f"{prefix}_high"],
        qualifier=qualifier,
    )


def incident_code(country_code: str | None, start: dt.date | None, incident_id: int) -> str:
    """ "IRQ-2024-000123": country, year and id; given once, never changed."""
    year = f"{start.year:04d}" if start is not None else "0000"
    return f"{country_code or 'XXX'}-{year}-{incident_id:06d}"


def insert_incident(conn: Connection, incident: Incident, *, incident_id: int | None = None) -> int:
    """Store a new incident with its actors, casualties, evidence and report links;
    ``incident_id``: the id to give it (replaying the audit log), else a new one."""
    values = _row_values(incident)
    if incident_id is not None:
        values["id"] = incident_id
    new_id = int(
        conn.execute(incidents.insert().values(**values).returning(incidents.c.id)).scalar_one()
    )
    if incident.code is None:
        date = incident.date or DateSpan()
        code = incident_code((incident.location or Place()).country_code, date.start, new_id)
        conn.execute(incidents.update().where(incidents.c.id == new_id).values(code=code))
    _insert_children(conn, new_id, incident)
    return new_id


def write_incident(conn: Connection, incident: Incident) -> None:
    """Replace a stored incident whole (its row and its actors, figures, evidence and report
    links) with ``incident``, keeping its id and code."""
    assert incident.id is not None, "write_incident needs the incident's id"
    values = _row_values(incident)
    values.pop("created_at")
    conn.execute(incidents.update().where(incidents.c.id == incident.id).values(**values))
    for table in (incident_actors, casualties, evidence, incident_reports):
        conn.execute(table.delete().where(table.c.incident_id == incident.id))
    _insert_children(conn, incident.id, incident)


def _row_values(incident: Incident) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    date = incident.date or DateSpan()
    place = incident.location or Place()
    values: dict[str, Any] = {
        "status": incident.status,
        "grade": incident.grade,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "outcome": incident.outcome,
        "weapons": list(incident.weapons),
        "target": incident.target,
        "date_start": date.start,
        "date_end": date.end,
        "date_precision": date.precision,
        "date_text": date.text,
        "date_anchor": date.anchor,
        "place_name": place.name,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "country": place.country,
        "country_code": place.country_code,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "place_precision": place.precision,
        "place_text": place.text,
        "gazetteer_id": place.gazetteer_id,
        "location_candidates": [
            c.model_dump(mode="json", exclude_none=True) for c in incident.location_candidates
        ],
        "confidence": incident.confidence,
        "notes": incident.notes,
        "version": incident.version,
        "created_at": incident.created_at or now,
        "updated_at": incident.updated_at or now,
        "merged_into_id": incident.merged_into,
        "field_status": dict(incident.field_status) or None,
        "rules": dict(incident.rules) or None,
        "claims": list(incident.claims) or None,
        "independent_sources": incident.independent_sources,
        **count_columns("killed", incident.killed),
        **count_columns("injured", incident.injured),
    }
    if incident.code is not None:
        values["code"] = incident.code
    return values


def _insert_children(conn: Connection, incident_id: int, incident: Incident) -> None:
    _insert_many(
        conn,
        incident_actors,
        [
            {
                "incident_id": incident_id,
                "position": i,
                **actor.model_dump(include=set(_ACTOR_FIELDS)),
            }
            for i, actor in enumerate(incident.actors)
        ],
    )
    _insert_many(
        conn,
        casualties,
        [
            {
                "incident_id": incident_id,
                "position": i,
                "kind": c.kind,
                "casualty_group": c.group,
                "low": c.low,
                "best": c.best,
                "high": c.high,
                "qualifier": c.qualifier,
                "text": c.text,
            }
            for i, c in enumerate(incident.casualties)
        ],
    )
    _insert_spans(conn, incident.evidence, incident_id=incident_id)
    report_ids = sorted(
        set(incident.report_ids)
        | {s.report_id for s in incident.evidence if s.report_id is not None}
    )
    _insert_many(
        conn,
        incident_reports,
        [{"incident_id": incident_id, "report_id": r} for r in report_ids],
    )


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), rows)


def _insert_spans(
    conn: Connection,
    spans: Sequence[Span],
    *,
    incident_id: int | None = None,
    aggregate_id: int | None = None,
) -> None:
    _insert_many(
        conn,
        evidence,
        [
            {
                "incident_id": incident_id,
                "aggregate_id": aggregate_id,
                "report_id": s.report_id,
                "position": i,
                "field": s.field,
                "span_start": s.start,
                "span_end": s.end,
                "quote": s.quote,
                "page": s.page,
            }
            for i, s in enumerate(spans)
        ],
    )


def get_incident(conn: Connection, incident_id: int) -> Incident:
    found = load_incidents(conn, [incident_id])
    if not found:
        raise NotFound(f"no incident with id {incident_id}")
    return found[0]


def list_incidents(
    conn: Connection,
    *,
    limit: int | None = None,
    status: str | None = None,
    report_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[Incident]:
    """Incidents in id order. ``status``: one status, "active" (candidate or confirmed) or
    None / "all" for every one. ``date_from`` / ``date_to`` keep those whose date interval
    reaches into that window, and those with no date (they may be in it)."""
    stmt = select(incidents.c.id).order_by(incidents.c.id)
    if status == "active":
        stmt = stmt.where(incidents.c.status.in_(ACTIVE))
    elif status is not None and status != "all":
        stmt = stmt.where(incidents.c.status == status)
    if date_from is not None:
        stmt = stmt.where(or_(incidents.c.date_end.is_(None), incidents.c.date_end >= date_from))
    if date_to is not None:
        stmt = stmt.where(or_(incidents.c.date_start.is_(None), incidents.c.date_start <= date_to))
    if report_id is not None:
        stmt = stmt.where(
            incidents.c.id.in_(
                select(incident_reports.c.incident_id).where(
                    incident_reports.c.report_id == report_id
                )
            )
        )
    if limit is not None:
        stmt = stmt.limit(limit)
    return load_incidents(conn, [int(i) for i in conn.execute(stmt).scalars()])


def count_incidents(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(incidents)).scalar_one())


def load_incidents(conn: Connection, ids: Iterable[int]) -> list[Incident]:
    """Read incidents whole, in the order of ``ids``, with one query per table."""
    wanted = list(ids)
    if not wanted:
        return []
    rows = {
        int(r["id"]): dict(r)
        for r in conn.execute(select(incidents).where(incidents.c.id.in_(wanted))).mappings()
    }
    actors = _children(conn, incident_actors, wanted)
    figures = _children(conn, casualties, wanted)
    spans = _children(conn, evidence, wanted)
    links: dict[int, list[int]] = defaultdict(list)
    for link in conn.execute(
        select(incident_reports)
        .where(incident_reports.c.incident_id.in_(wanted))
        .order_by(incident_reports.c.report_id)
    ).mappings():
        links[int(link["incident_id"])].append(int(link["report_id"]))
    out = []
    for incident_id in wanted:
        row = rows.get(incident_id)
        if row is None:
            continue
        out.append(
            Incident(
                id=incident_id,
                status=row["status"],
                grade=row["grade"],
                event_type=row["event_type"],
                sub_event_type=row["sub_event_type"],
                outcome=row["outcome"],
                weapons=row["weapons"],
                target=row["target"],
                date=DateSpan(
                    start=row["date_start"],
                    end=row["date_end"],
                    precision=row["date_precision"],
                    text=row["date_text"],
                    anchor=row["date_anchor"],
                ),
                location=Place(
                    name=row["place_name"],
                    admin1=row["admin1"],
                    admin2=row["admin2"],
                    country=row["country"],
                    country_code=row["country_code"],
                    latitude=row["latitude"],
                    longitude=row["longitude"],
                    precision=row["place_precision"],
                    text=row["place_text"],
                    gazetteer_id=row["gazetteer_id"],
                ),
                location_candidates=[Place(**c) for c in row["location_candidates"] or []],
                actors=[Actor(**{k: a[k] for k in _ACTOR_FIELDS}) for a in actors[incident_id]],
                killed=_count_from(row, "killed"),
                injured=_count_from(row, "injured"),
                casualties=[
                    Casualties(
                        kind=c["kind"],
                        group=c["casualty_group"],
                        low=c["low"],
                        best=c["best"],
                        high=c["high"],
                        qualifier=c["qualifier"],
                        text=c["text"],
                    )
                    for c in figures[incident_id]
                ],
                confidence=row["confidence"],
                notes=row["notes"],
                evidence=[_span(s) for s in spans[incident_id]],
                report_ids=links[incident_id],
                version=row["version"],
                created_at=_utc(row["created_at"]),
                updated_at=_utc(row["updated_at"]),
                code=row["code"],
                merged_into=row["merged_into_id"],
                field_status=row["field_status"] or {},
                rules=row["rules"] or {},
                claims=row["claims"] or [],
                independent_sources=row["independent_sources"],
            )
        )
    return out


def _children(conn: Connection, table: Table, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    stmt = (
        select(table)
        .where(table.c.incident_id.in_(ids))
        .order_by(table.c.incident_id, table.c.position)
    )
    for row in conn.execute(stmt).mappings():
        grouped[int(row["incident_id"])].append(dict(row))
    return grouped


def _span(row: dict[str, Any]) -> Span:
    return Span(
        start=row["span_start"],
        end=row["span_end"],
        quote=row["quote"],
        field=row["field"],
        report_id=row["report_id"],
        page=row["page"],
    )


def insert_aggregate(conn: Connection, statement: AggregateStatement) -> int:
    period = statement.period or DateSpan()
    value = statement.value
    aggregate_id = int(
        conn.execute(
            aggregates.insert()
            .values(
                report_id=statement.report_id,
                metric=statement.metric,
                low=value.low,
                best=value.best,
                high=value.high,
                qualifier=value.qualifier,
                period_start=period.start,
                period_end=period.end,
                period_precision=period.precision if statement.period else None,
                period_text=period.text,
                period_anchor=period.anchor,
                actors=[a.model_dump() for a in statement.actors],
                weapons=list(statement.weapons),
                targets_text=statement.targets_text,
                location=None if statement.location is None else statement.location.model_dump(),
            )
            .returning(aggregates.c.id)
        ).scalar_one()
    )
    _insert_spans(conn, statement.evidence, aggregate_id=aggregate_id)
    return aggregate_id


def list_aggregates(conn: Connection, *, report_id: int | None = None) -> list[AggregateStatement]:
    stmt = select(aggregates).order_by(aggregates.c.id)
    if report_id is not None:
        stmt = stmt.where(aggregates.c.report_id == report_id)
    rows = [dict(r) for r in conn.execute(stmt).mappings()]
    if not rows:
        return []
    spans: dict[int, list[Span]] = defaultdict(list)
    for s in conn.execute(
        select(evidence)
        .where(evidence.c.aggregate_id.in_([r["id"] for r in rows]))
        .order_by(evidence.c.aggregate_id, evidence.c.position)
    ).mappings():
        spans[int(s["aggregate_id"])].append(_span(dict(s)))
    return [
        AggregateStatement(
            id=r["id"],
            report_id=r["report_id"],
            metric=r["metric"],
            value=Count(low=r["low"], best=r["best"], high=r["high"], qualifier=r["qualifier"]),
            period=None
            if r["period_precision"] is None
            else DateSpan(
                start=r["period_start"],
                end=r["period_end"],
                precision=r["period_precision"],
                text=r["period_text"],
                anchor=r["period_anchor"],
            ),
            actors=[Actor(**a) for a in r["actors"]],
            weapons=r["weapons"],
            targets_text=r["targets_text"],
            location=_area(r["location"]),
            evidence=spans[int(r["id"])],
        )
        for r in rows
    ]


def append_audit(conn: Connection, entry: AuditEntry) -> int:
    """Add one entry to the append-only audit log."""
    values = entry.model_dump(exclude={"id"}, mode="json")
    values["at"] = entry.at
    return int(
        conn.execute(audit_log.insert().values(**values).returning(audit_log.c.id)).scalar_one()
    )


def list_audit(
    conn: Connection, *, entity: str | None = None, entity_id: int | None = None
) -> list[AuditEntry]:
    stmt = select(audit_log).order_by(audit_log.c.id)
    if entity is not None:
        stmt = stmt.where(audit_log.c.entity == entity)
    if entity_id is not None:
        stmt = stmt.where(audit_log.c.entity_id == entity_id)
    return [
        AuditEntry.model_validate({**dict(r), "at": _utc(r["at"])})
        for r in conn.execute(stmt).mappings()
    ]


def replace_candidates(
    conn: Connection,
    report_id: int,
    found: Sequence[Incident],
    statements: Sequence[AggregateStatement],
    *,
    who: str = "sitrep",
) -> tuple[list[int], int]:
    """Store a report's extraction, superseding what an earlier run of it left.

    Only untouched machine candidates are superseded: an incident still "candidate" at
    version 1, drawn from this report alone and changed by nobody since it was made; it
    is marked rejected (never deleted), with the reason in the audit log. Anything an
    analyst has touched stays as it is. Each new candidate is logged whole. Returns the
    new incident ids and the number of incidents superseded."""
    from sitrep.store import review

    linked = select(incident_reports.c.incident_id).where(incident_reports.c.report_id == report_id)
    shared = (
        select(incident_reports.c.incident_id)
        .where(incident_reports.c.report_id != report_id)
        .where(incident_reports.c.incident_id.in_(linked))
    )
    touched = (
        select(audit_log.c.entity_id)
        .where(audit_log.c.entity == "incident")
        .where(audit_log.c.action != "create")
    )
    stale = [
        int(i)
        for i in conn.execute(
            select(incidents.c.id)
            .where(incidents.c.id.in_(linked))
            .where(incidents.c.status == "candidate")
            .where(incidents.c.version == 1)
            .where(incidents.c.id.not_in(shared))
            .where(incidents.c.id.not_in(touched))
        ).scalars()
    ]
    operation = review.new_operation()
    why = f"report {report_id}'s extraction was run again"
    for old in load_incidents(conn, stale):
        after = old.model_copy(update={"status": "rejected"})
        review.save(conn, old, after, who=who, why=why, operation=operation, action="superseded")
    old_aggregates = select(aggregates.c.id).where(aggregates.c.report_id == report_id)
    conn.execute(evidence.delete().where(evidence.c.aggregate_id.in_(old_aggregates)))
    conn.execute(aggregates.delete().where(aggregates.c.report_id == report_id))

    new_ids = []
    for incident in found:
        spans = [s.model_copy(update={"report_id": report_id}) for s in incident.evidence]
        new_id = insert_incident(
            conn, incident.model_copy(update={"evidence": spans, "report_ids": [report_id]})
        )
        new_ids.append(new_id)
        made = load_incidents(conn, [new_id])[0]
        review.record_created(
            conn, made, who=who, why=f"extracted from report {report_id}", operation=operation
        )
    for statement in statements:
        spans = [s.model_copy(update={"report_id": report_id}) for s in statement.evidence]
        insert_aggregate(
            conn, statement.model_copy(update={"evidence": spans, "report_id": report_id})
        )
    return new_ids, len(stale)


def _area(stored: dict[str, Any] | None) -> Area | None:
    """A statement's stored area; rows written before areas kept one Place's fields."""
    if stored is None:
        return None
    if "country_codes" in stored:
        return Area(text=stored.get("text"), country_codes=stored["country_codes"])
    code = stored.get("country_code")
    return Area(text=stored.get("text"), country_codes=[code] if code else [])
