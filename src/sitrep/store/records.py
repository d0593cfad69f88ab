"""Which incidents leave Sitrep, streamed in batches: the filters every export shares.

Input: a :class:`Filters` (date range, country, admin1, actor, event type, status, grade,
minimum independent sources) and an open Connection. Output: :class:`Record` values in
id order, each the ``incidents`` row as a plain dict with its actors, the reports that
tell it (metadata only, never the text) and, on request, its evidence quotes. Records
are read ``batch`` incidents at a time by keyset (``id > last``), so an export of a
million incidents holds one batch in memory, never the whole set. Read only.

    >>> f = Filters(countries=("IRQ",), date_from=dt.date(2024, 1, 1), min_sources=2)
    >>> for record in iter_records(conn, f):
    ...     record.row["code"], [r["url"] for r in record.reports]

The reports of an incident made of several reports are all of them; its evidence is its
members' (each report's own candidate's), as :func:`sitrep.store.incidents` shows it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

from sqlalchemy import Connection, Select, Table, and_, exists, func, or_, select

from sitrep.errors import InputError
from sitrep.models import EVENT_TYPES, Grade, Status, country_names
from sitrep.store.tables import (
    evidence,
    incident_actors,
    incident_reports,
    incidents,
    reports,
)

STATUSES: tuple[str, ...] = get_args(Status)
GRADES: tuple[str, ...] = get_args(Grade)
# "active": candidate or confirmed, what an analyst has not rejected or merged away.
ACTIVE = ("candidate", "confirmed")

REPORT_COLUMNS = ("id", "url", "title", "publisher", "author", "published", "original_id")


@dataclass(frozen=True)
class Filters:
    """The filters every export, stats and comparison accepts. Empty means "any".

    ``date_from`` / ``date_to`` keep incidents whose date interval reaches into the
    window (undated ones are left out when either is given). ``countries`` are ISO
    3166-1 alpha-3 codes or English names; ``admin1`` names match case-insensitively;
    ``actors`` match an actor's name or actor id, in any role, case-insensitively;
    ``statuses`` default to the active ones (candidate, confirmed); "all" keeps every
    status. ``min_sources`` counts independent sources (syndicated copies once)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ACTIVE
    grades: tuple[str, ...] = ()
    min_sources: int | None = None

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InputError(f"date range: {self.date_from} is after {self.date_to}")
        for status in self.statuses:
            if status not in (*STATUSES, "all", "active"):
                raise InputError(
                    f"status {status!r} is not one of {', '.join(STATUSES)}, active or all"
                )
        for grade in self.grades:
            if grade not in GRADES:
                raise InputError(f"grade {grade!r} is not one of {', '.join(GRADES)}")
        for etype in self.event_types:
            if etype not in EVENT_TYPES:
                raise InputError(
                    f"event type {etype!r} is not an ACLED event type ({', '.join(EVENT_TYPES)})"
                )
        if self.min_sources is not None and self.min_sources < 0:
            raise InputError(f"minimum sources {self.min_sources} is negative")

    def describe(self) -> str:
        """The filters in words, for a dataset's metadata ("country IRQ; status active")."""
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"dates {self.date_from or '...'} to {self.date_to or '...'}")
        for name, values in (
            ("country", self.countries),
            ("admin1", self.admin1),
            ("actor", self.actors),
            ("event type", self.event_types),
            ("status", self.statuses),
            ("grade", self.grades),
        ):
            if values:
                parts.append(f"{name} {', '.join(values)}")
        if self.min_sources is not None:
            parts.append(f"at least {self.min_sources} independent sources")
        return "; ".join(parts) or "all incidents"


def country_codes(countries: Sequence[str]) -> list[str]:
    """ISO alpha-3 codes for codes or English names ("IRQ", "Iraq", "iraq")."""
    names = country_names()
    by_name = {name.casefold(): code for code, name in names.items()}
    out = []
    for given in countries:
        code = given.strip().upper()
        if code in names:
            out.append(code)
        elif given.strip().casefold() in by_name:
            out.append(by_name[given.strip().casefold()])
        else:
            raise InputError(f"country {given!r}: not an ISO 3166-1 alpha-3 code or a country name")
    return out


def narrow(stmt: Select[Any], table: Table, filters: Filters) -> Select[Any]:
    """``stmt`` narrowed by the filters on date range, country, admin1 and event type, on
    any ``table`` with ``date_start``, ``date_end``, ``country_code``, ``admin1`` and
    ``event_type`` columns (incidents, reference events)."""
    c = table.c
    if filters.date_from is not None:
        stmt = stmt.where(func.coalesce(c.date_end, c.date_start) >= filters.date_from)
    if filters.date_to is not None:
        stmt = stmt.where(c.date_start <= filters.date_to)
    if filters.countries:
        stmt = stmt.where(c.country_code.in_(country_codes(filters.countries)))
    if filters.admin1:
        stmt = stmt.where(func.lower(c.admin1).in_([a.casefold() for a in filters.admin1]))
    if filters.event_types:
        stmt = stmt.where(c.event_type.in_(filters.event_types))
    return stmt


def where(stmt: Select[Any], filters: Filters, *, scan: bool = False) -> Select[Any]:
    """``stmt`` (a select over ``incidents``) narrowed by ``filters``. ``scan``: the caller
    reads most rows through an index of its own (stats): the status test is written so
    that the planner does not pick the status index for it (the active statuses are
    nearly every row)."""
    c = incidents.c
    statuses = set(filters.statuses)
    if "all" not in statuses:
        if "active" in statuses:
            statuses = (statuses - {"active"}) | set(ACTIVE)
        status = c.status.concat("") if scan else c.status
        stmt = stmt.where(status.in_(sorted(statuses)))
    stmt = narrow(stmt, incidents, filters)
    if filters.grades:
        stmt = stmt.where(c.grade.in_(filters.grades))
    if filters.min_sources is not None:
        stmt = stmt.where(func.coalesce(c.independent_sources, 1) >= filters.min_sources)
    if filters.actors:
        wanted = [a.casefold() for a in filters.actors]
        a = incident_actors.c
        stmt = stmt.where(
            exists().where(
                and_(
                    a.incident_id == c.id,
                    or_(func.lower(a.name).in_(wanted), func.lower(a.actor_id).in_(wanted)),
                )
            )
        )
    return stmt


@dataclass
class Record:
    """One incident as an export sees it: plain values, ready for any format."""

    row: dict[str, Any]  # the ``incidents`` row
    actors: list[dict[str, Any]] = field(default_factory=list)  # in position order
    reports: list[dict[str, Any]] = field(default_factory=list)  # REPORT_COLUMNS, by id
    evidence: list[dict[str, Any]] = field(default_factory=list)  # field, quote, report_id...

    def role(self, *roles: str) -> list[dict[str, Any]]:
        """Its actors in these roles, in order."""
        return [a for a in self.actors if a["role"] in roles]


def count(conn: Connection, filters: Filters) -> int:
    """How many incidents the filters keep."""
    stmt = where(select(func.count()).select_from(incidents), filters)
    return int(conn.execute(stmt).scalar_one())


# The incident columns an export reads (the review-only ones, such as the other places
# the report offered, are left out: they cost time and no format carries them).
_LEFT_OUT = frozenset({"location_candidates", "field_status", "date_anchor", "gazetteer_id"})
_COLUMNS = [c for c in incidents.c if c.name not in _LEFT_OUT]
_ACTOR_COLUMNS = [c for c in incident_actors.c if c.name != "id"]
# Reports' metadata is kept between batches (reports are shared by incidents) up to this many.
_REPORT_CACHE = 200_000


def iter_records(
    conn: Connection, filters: Filters, *, batch: int = 5000, with_evidence: bool = False
) -> Iterator[Record]:
    """The incidents the filters keep, in id order, ``batch`` at a time (see the module)."""
    last = 0
    known: dict[int, dict[str, Any]] = {}
    while True:
        stmt = where(select(*_COLUMNS), filters).where(incidents.c.id > last)
        result = conn.execute(stmt.order_by(incidents.c.id).limit(batch))
        keys = list(result.keys())
        rows = [dict(zip(keys, r, strict=True)) for r in result.fetchall()]
        if not rows:
            return
        if len(known) > _REPORT_CACHE:
            known.clear()
        yield from _records(conn, rows, with_evidence, known)
        last = int(rows[-1]["id"])
        if len(rows) < batch:
            return


def _records(
    conn: Connection,
    rows: list[dict[str, Any]],
    with_evidence: bool,
    known: dict[int, dict[str, Any]],
) -> Iterator[Record]:
    # A batch is a run of ids: its children are read by the id range (an index range
    # scan, no list of thousands of parameters), those of incidents filtered out dropped.
    first, last = rows[0]["id"], rows[-1]["id"]
    ids = {r["id"] for r in rows}
    actors: dict[int, list[dict[str, Any]]] = defaultdict(list)
    result = conn.execute(
        select(*_ACTOR_COLUMNS)
        .where(incident_actors.c.incident_id.between(first, last))
        .order_by(incident_actors.c.incident_id, incident_actors.c.position)
    )
    keys = list(result.keys())
    for a in result.fetchall():
        if a[0] in ids:
            actors[a[0]].append(dict(zip(keys, a, strict=True)))
    links: dict[int, list[int]] = defaultdict(list)
    for incident_id, report_id in conn.execute(
        select(incident_reports.c.incident_id, incident_reports.c.report_id)
        .where(incident_reports.c.incident_id.between(first, last))
        .order_by(incident_reports.c.incident_id, incident_reports.c.report_id)
    ).fetchall():
        if incident_id in ids:
            links[incident_id].append(report_id)
    wanted = sorted({r for rs in links.values() for r in rs if r not in known})
    known.update(_reports(conn, wanted))
    spans = _spans(conn, rows) if with_evidence else {}
    for row in rows:
        i = row["id"]
        told = [known[r] for r in links.get(i, ()) if r in known]
        if row["independent_sources"] is None and told:
            # Counted when an incident is drawn from several reports; one report is one.
            row["independent_sources"] = 1
        yield Record(row=row, actors=actors.get(i, []), reports=told, evidence=spans.get(i, []))


def _reports(conn: Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    cols = [reports.c[name] for name in REPORT_COLUMNS]
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        for r in conn.execute(select(*cols).where(reports.c.id.in_(chunk))).fetchall():
            out[r[0]] = dict(zip(REPORT_COLUMNS, r, strict=True))
    return out


def _spans(conn: Connection, rows: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """Each incident's evidence: its own spans, then its members' (for one made of several
    reports), each span as field, quote, report_id, start, end, page."""
    ids = {int(r["id"]) for r in rows}
    # Whose evidence each stored span is: its own incident's, and, for a member of an
    # incident made of several reports, that incident's too (members of members as well).
    owners: dict[int, list[int]] = {i: [i] for i in sorted(ids)}
    frontier = [int(r["id"]) for r in rows if r["rules"]]
    while frontier:
        found = conn.execute(
            select(incidents.c.id, incidents.c.merged_into_id).where(
                incidents.c.merged_into_id.in_(frontier)
            )
        ).all()
        frontier = []
        for member, parent in found:
            mine = owners.setdefault(int(member), [])
            if int(member) not in ids and mine:
                continue  # reached already through another parent
            mine.extend(o for o in owners[int(parent)] if o not in mine and o != int(member))
            frontier.append(int(member))
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    e = evidence.c
    cols = (e.incident_id, e.field, e.quote, e.report_id, e.span_start, e.span_end, e.page,
            e.position)  # fmt: skip
    first, last = rows[0]["id"], rows[-1]["id"]
    stmt = select(*cols).order_by(e.incident_id, e.position)
    found_rows = list(conn.execute(stmt.where(e.incident_id.between(first, last))).fetchall())
    outside = sorted(i for i in owners if not first <= i <= last)
    for start in range(0, len(outside), 5000):
        chunk = outside[start : start + 5000]
        found_rows.extend(conn.execute(stmt.where(e.incident_id.in_(chunk))).fetchall())
    if outside:
        found_rows.sort(key=lambda r: (r[0], r[-1]))
    for incident_id, field_name, quote, report_id, start_, end, page, _ in found_rows:
        holders = owners.get(incident_id)
        if not holders:
            continue  # an incident in the id range that the filters left out
        span = {
            "field": field_name,
            "quote": quote,
            "report_id": report_id,
            "start": start_,
            "end": end,
            "page": page,
        }
        for owner in holders:
            out[owner].append(span)
    return out
