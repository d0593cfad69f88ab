"""Incidents, aggregate statements and the audit log in the database.

An incident is spread over several tables (its row, its actors, its casualty
figures, its evidence spans, its links to reports); these functions write and
read it whole. They take an open Connection and never commit. The conversion
between an Incident and its rows is in :mod:`sitrep.store.incident_rows`;
``load_incidents`` is importable from here too.

    >>> new_id = insert_incident(conn, incident)   # an incident in Iraq in 2024
    >>> get_incident(conn, new_id).code              # country, year and id
    'IRQ-2024-000007'
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, or_, select

from sitrep.errors import NotFound
from sitrep.models import (
    Actor,
    AggregateStatement,
    Area,
    AuditEntry,
    Count,
    DateSpan,
    Incident,
    Place,
    Span,
)
from sitrep.store.db import as_utc
from sitrep.store.incident_rows import (
    insert_children,
    insert_spans,
    load_incidents,
    row_values,
    span_from_row,
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

__all__ = [
    "ACTIVE",
    "append_audit",
    "count_incidents",
    "get_incident",
    "incident_code",
    "insert_aggregate",
    "insert_incident",
    "list_aggregates",
    "list_audit",
    "list_incidents",
    "load_incidents",
    "replace_candidates",
    "write_incident",
]

# The statuses of incidents still in play: not merged into another, not rejected.
ACTIVE = ("candidate", "confirmed")


def incident_code(country_code: str | None, start: dt.date | None, incident_id: int) -> str:
    """ "IRQ-2024-000123": country, year and id; given once, never changed."""
    year = f"{start.year:04d}" if start is not None else "0000"
    return f"{country_code or 'XXX'}-{year}-{incident_id:06d}"


def insert_incident(conn: Connection, incident: Incident, *, incident_id: int | None = None) -> int:
    """Store a new incident with its actors, casualties, evidence and report links;
    ``incident_id``: the id to give it (replaying the audit log), else a new one."""
    values = row_values(incident)
    if incident_id is not None:
        values["id"] = incident_id
    new_id = int(
        conn.execute(incidents.insert().values(**values).returning(incidents.c.id)).scalar_one()
    )
    if incident.code is None:
        date = incident.date or DateSpan()
        code = incident_code((incident.location or Place()).country_code, date.start, new_id)
        conn.execute(incidents.update().where(incidents.c.id == new_id).values(code=code))
    insert_children(conn, new_id, incident)
    return new_id


def write_incident(conn: Connection, incident: Incident, *, before: Incident | None = None) -> None:
    """Replace a stored incident whole (its row and its actors, figures, evidence and report
    links) with ``incident``, keeping its id and code. ``before``: the incident as stored,
    when the caller has it: the child rows are rewritten only if they changed (a merge
    changes a candidate's status, not its evidence)."""
    assert incident.id is not None, "write_incident needs the incident's id"
    values = row_values(incident)
    values.pop("created_at")
    conn.execute(incidents.update().where(incidents.c.id == incident.id).values(**values))
    if before is not None and _same_children(before, incident):
        return
    for table in (incident_actors, casualties, evidence, incident_reports):
        conn.execute(table.delete().where(table.c.incident_id == incident.id))
    insert_children(conn, incident.id, incident)


def _same_children(before: Incident, after: Incident) -> bool:
    return (
        before.actors == after.actors
        and before.casualties == after.casualties
        and before.report_ids == after.report_ids
        and bool(before.rules) == bool(after.rules)
        and (bool(after.rules) or before.evidence == after.evidence)
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
    insert_spans(conn, statement.evidence, aggregate_id=aggregate_id)
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
        spans[int(s["aggregate_id"])].append(span_from_row(dict(s)))
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
    conn: Connection,
    *,
    entity: str | None = None,
    entity_id: int | None = None,
    operation: str | None = None,
) -> list[AuditEntry]:
    stmt = select(audit_log).order_by(audit_log.c.id)
    if entity is not None:
        stmt = stmt.where(audit_log.c.entity == entity)
    if entity_id is not None:
        stmt = stmt.where(audit_log.c.entity_id == entity_id)
    if operation is not None:
        stmt = stmt.where(audit_log.c.operation == operation)
    return [
        AuditEntry.model_validate({**dict(r), "at": as_utc(r["at"])})
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

    operation = review.new_operation()
    linked = [
        int(i)
        for i in conn.execute(
            select(incident_reports.c.incident_id).where(incident_reports.c.report_id == report_id)
        ).scalars()
    ]
    stale: list[int] = []
    if linked:  # a report stored before: its earlier candidates
        shared = (
            select(incident_reports.c.incident_id)
            .where(incident_reports.c.report_id != report_id)
            .where(incident_reports.c.incident_id.in_(linked))
        )
        touched = (
            select(audit_log.c.entity_id)
            .where(audit_log.c.entity == "incident")
            .where(audit_log.c.entity_id.in_(linked))
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
    why = f"report {report_id}'s extraction was run again"
    for old in load_incidents(conn, stale):
        after = old.model_copy(update={"status": "rejected"})
        review.save(conn, old, after, who=who, why=why, operation=operation, action="superseded")
    old_aggregates = [
        int(i)
        for i in conn.execute(
            select(aggregates.c.id).where(aggregates.c.report_id == report_id)
        ).scalars()
    ]
    if old_aggregates:
        conn.execute(evidence.delete().where(evidence.c.aggregate_id.in_(old_aggregates)))
        conn.execute(aggregates.delete().where(aggregates.c.id.in_(old_aggregates)))

    new_ids = []
    for incident in found:
        spans = [s.model_copy(update={"report_id": report_id}) for s in incident.evidence]
        new_id = insert_incident(
            conn, incident.model_copy(update={"evidence": spans, "report_ids": [report_id]})
        )
        new_ids.append(new_id)
    for made in load_incidents(conn, new_ids):
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
