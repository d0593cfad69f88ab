"""Incidents as rows: an Incident model to table rows and back.

Input: an :class:`~sitrep.models.Incident` (with its actors, casualty figures, evidence
spans and report links) and an open Connection. Output: the rows of ``incidents``,
``incident_actors``, ``casualties``, ``evidence`` and ``incident_reports`` written, or,
read back, whole Incident models. These are the pieces :mod:`sitrep.store.incidents`
builds its writes and reads from; they never commit.

    >>> values = row_values(incident)         # the ``incidents`` row, without its id
    >>> insert_children(conn, 7, incident)    # actors, figures, spans, report links of 7
    >>> load_incidents(conn, [7])[0].actors == incident.actors
    True
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from sitrep.models import (
    Actor,
    Casualties,
    Count,
    DateSpan,
    Incident,
    Place,
    Span,
    count_columns,
)
from sitrep.store.db import as_utc
from sitrep.store.tables import (
    casualties,
    evidence,
    incident_actors,
    incident_reports,
    incidents,
)

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


def row_values(incident: Incident) -> dict[str, Any]:
    """The ``incidents`` row of an incident (its id aside; its code when it has one)."""
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


def insert_children(conn: Connection, incident_id: int, incident: Incident) -> None:
    """Write an incident's actors, casualty figures, evidence spans and report links. An
    incident derived from several reports (it has rules) keeps no evidence of its own:
    its evidence is its members', read with it."""
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
    if not incident.rules:
        insert_spans(conn, incident.evidence, incident_id=incident_id)
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


def insert_spans(
    conn: Connection,
    spans: Sequence[Span],
    *,
    incident_id: int | None = None,
    aggregate_id: int | None = None,
) -> None:
    """Write evidence spans, in order, for an incident or an aggregate statement."""
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


def load_incidents(
    conn: Connection, ids: Iterable[int], *, light: bool = False, with_evidence: bool = True
) -> list[Incident]:
    """Read incidents whole, in the order of ``ids``, with one query per table; an
    incident derived from several reports gets its members' evidence. ``light``: without
    evidence and casualty breakdown (for matching, which needs neither);
    ``with_evidence`` False: without evidence only."""
    wanted = list(ids)
    if not wanted:
        return []
    rows = {
        int(r["id"]): dict(r)
        for r in conn.execute(select(incidents).where(incidents.c.id.in_(wanted))).mappings()
    }
    actors = _children(conn, incident_actors, wanted)
    empty: dict[int, list[dict[str, Any]]] = defaultdict(list)
    figures = empty if light else _children(conn, casualties, wanted)
    if light or not with_evidence:
        spans = empty
    elif any(r["rules"] for r in rows.values()):
        spans = _members_spans(conn, wanted)
    else:
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
                evidence=[span_from_row(s) for s in spans[incident_id]],
                report_ids=links[incident_id],
                version=row["version"],
                created_at=as_utc(row["created_at"]),
                updated_at=as_utc(row["updated_at"]),
                code=row["code"],
                merged_into=row["merged_into_id"],
                field_status=row["field_status"] or {},
                rules=row["rules"] or {},
                claims=row["claims"] or [],
                independent_sources=row["independent_sources"],
            )
        )
    return out


def _members_spans(conn: Connection, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each incident's evidence rows: its own, then, for one derived from several reports,
    those of the reports' candidates merged into it (in their id order)."""
    own = _children(conn, evidence, ids)
    members: dict[int, int] = {}
    for member, parent, rules in conn.execute(
        select(incidents.c.id, incidents.c.merged_into_id, incidents.c.rules)
        .where(incidents.c.merged_into_id.in_(ids))
        .order_by(incidents.c.id)
    ):
        if not rules:
            members[int(member)] = int(parent)
    if not members:
        return own
    theirs = _children(conn, evidence, list(members))
    for member in sorted(members):
        own[members[member]].extend(theirs[member])
    return own


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


def span_from_row(row: dict[str, Any]) -> Span:
    """An ``evidence`` row as a Span."""
    return Span(
        start=row["span_start"],
        end=row["span_end"],
        quote=row["quote"],
        field=row["field"],
        report_id=row["report_id"],
        page=row["page"],
    )
