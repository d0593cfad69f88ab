"""Which incidents leave Sitrep, streamed in batches: the filters every export shares.

Input: a :class:`Filters` (date range, country, admin1, actor, event type, status, grade,
minimum independent sources) and an open Connection. Output: :class:`Record` values in
id order, each the ``incidents`` row as a plain dict with its actors, the reports that
tell it (metadata only, never the text) and, on request, its evidence quotes. Incidents
are read by windows of ``batch`` ids, so an export of a million incidents holds one batch
in memory, never the whole set. Read only.

    >>> f = Filters(countries=("IRQ",), date_from=dt.date(2024, 1, 1), min_sources=2)
    >>> for record in iter_records(conn, f):
    ...     record.row["code"], [r["url"] for r in record.reports]

:func:`iter_batches` gives the same incidents as :class:`Batch` values, a column list per
incident column, which large exports turn into their own columns without a dict per
incident; :func:`split` cuts the incidents into runs of ids for exports written by several
processes. Values are read as the driver gives them and converted here
(:func:`raw_columns`): the same values as SQLAlchemy's own conversions, a third of the time.

The reports of an incident made of several reports are all of them; its evidence is its
members' (each report's own candidate's), as :func:`sitrep.store.incidents` shows it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, get_args

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Dialect,
    Integer,
    Select,
    Table,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnElement, Label
from sqlalchemy.types import NullType

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
# The actor roles of who did an incident and of whom it was aimed at or hurt.
PERPETRATOR_ROLES = ("perpetrator",)
TARGET_ROLES = ("target", "victim")

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


def wanted_statuses(filters: Filters) -> list[str] | None:
    """The statuses the filters keep, sorted; None for every status ("all")."""
    statuses = set(filters.statuses)
    if "all" in statuses:
        return None
    if "active" in statuses:
        statuses = (statuses - {"active"}) | set(ACTIVE)
    return sorted(statuses)


def where(stmt: Select[Any], filters: Filters, *, scan: bool = False) -> Select[Any]:
    """``stmt`` (a select over ``incidents``) narrowed by ``filters``. ``scan``: the caller
    reads most rows in an order of its own (by id, by date): the status and event type
    tests are written so that SQLite's planner does not pick their indexes (the active
    statuses are nearly every row, and rows read through them come out of order)."""
    c = incidents.c
    statuses = wanted_statuses(filters)
    if statuses is not None:
        status = c.status.concat("") if scan else c.status
        stmt = stmt.where(status.in_(statuses))
    if scan and filters.event_types:  # the same for the event type's index
        stmt = stmt.where(c.event_type.concat("").in_(filters.event_types))
        filters = replace(filters, event_types=())
    stmt = narrow(stmt, incidents, filters)
    if filters.grades:
        stmt = stmt.where(c.grade.in_(filters.grades))
    if filters.min_sources is not None:
        stmt = stmt.where(func.coalesce(c.independent_sources, 1) >= filters.min_sources)
    if filters.actors:
        stmt = stmt.where(c.id.in_(actor_incidents(filters.actors)))
    return stmt


def actor_incidents(actors: Sequence[str]) -> Select[Any]:
    """The ids of the incidents with an actor of these names or actor ids, in any role,
    matched case-insensitively through the indexes on lower(name) and lower(actor_id):
    a few thousand ids, not a lookup per incident."""
    wanted = [a.casefold() for a in actors]
    a = incident_actors.c
    return select(a.incident_id).where(
        or_(func.lower(a.name).in_(wanted), func.lower(a.actor_id).in_(wanted))
    )


@dataclass
class Record:
    """One incident as an export sees it: plain values, ready for any format."""

    row: dict[str, Any]  # the ``incidents`` row
    actors: list[dict[str, Any]] = field(default_factory=list)  # in position order
    reports: list[dict[str, Any]] = field(default_factory=list)  # REPORT_COLUMNS, by id
    evidence: list[dict[str, Any]] = field(default_factory=list)  # field, quote, report_id...
    _perpetrators: list[dict[str, Any]] | None = field(default=None, repr=False, compare=False)
    _targets: list[dict[str, Any]] | None = field(default=None, repr=False, compare=False)

    def role(self, *roles: str) -> list[dict[str, Any]]:
        """Its actors in these roles, in order."""
        return [a for a in self.actors if a["role"] in roles]

    @property
    def perpetrators(self) -> list[dict[str, Any]]:
        """The actors who did it, in order (read once; do not change the list)."""
        if self._perpetrators is None:
            self._perpetrators = self.role(*PERPETRATOR_ROLES)
        return self._perpetrators

    @property
    def targets(self) -> list[dict[str, Any]]:
        """The actors it was aimed at or hurt, in order (read once; do not change it)."""
        if self._targets is None:
            self._targets = self.role(*TARGET_ROLES)
        return self._targets


def count(conn: Connection, filters: Filters) -> int:
    """How many incidents the filters keep."""
    stmt = where(select(func.count()).select_from(incidents), filters)
    return int(conn.execute(stmt).scalar_one())


# The incident columns an export reads (the review-only ones, such as the other places
# the report offered, are left out: they cost time and no format carries them).
_LEFT_OUT = frozenset(
    {"location_candidates", "field_status", "date_anchor", "gazetteer_id", "claims", "created_at"}
)
_COLUMNS = [c for c in incidents.c if c.name not in _LEFT_OUT]
_ACTOR_COLUMNS = [c for c in incident_actors.c if c.name != "id"]
# Reports' metadata is kept between batches up to this many (about 150 MB).
_REPORT_CACHE = 200_000


Convert = Callable[[Any], Any]

# Values SQLite gives as text that Sitrep reads as dates, times and JSON: the same values
# SQLAlchemy's own conversions give (tests compare the two), at a fraction of the cost.
_SQLITE: dict[type, Convert] = {
    Date: dt.date.fromisoformat,
    DateTime: dt.datetime.fromisoformat,
    JSON: json.loads,
}


def raw_columns(
    columns: Sequence[Column[Any]], dialect: Dialect
) -> tuple[list[Label[Any]], list[tuple[int, Convert]]]:
    """``columns`` to select as the driver gives them (no per-value work in SQLAlchemy),
    and the conversions, by position, that turn a driver row into the values a typed
    select returns. A million rows read this way take a third of the time."""
    plain: list[Label[Any]] = []
    converts: list[tuple[int, Convert]] = []
    for i, c in enumerate(columns):
        fast = next((f for t, f in _SQLITE.items() if isinstance(c.type, t)), None)
        if dialect.name == "sqlite" and fast is not None:
            converts.append((i, fast))
        elif not _plain(c, dialect):
            plain.append(c.label(c.name))  # SQLAlchemy converts it, as it knows how
            continue
        plain.append(type_coerce(c, NullType()).label(c.name))
    return plain, converts


def _plain(column: Column[Any], dialect: Dialect) -> bool:
    """Whether the driver's value of ``column`` is already what SQLAlchemy returns."""
    try:
        return column.type.dialect_impl(dialect).result_processor(dialect, None) is None
    except Exception:
        return False


def iter_records(
    conn: Connection,
    filters: Filters,
    *,
    batch: int = 5000,
    with_evidence: bool = False,
    after: int = 0,
    upto: int | None = None,
) -> Iterator[Record]:
    """The incidents the filters keep, in id order (see the module); only those with
    ``after < id <= upto`` when given (a part of an export, see :func:`split`)."""
    for found in iter_batches(
        conn, filters, batch=batch, with_evidence=with_evidence, after=after, upto=upto
    ):
        yield from found.records()


@dataclass
class Batch:
    """Incidents read together, held column by column: what a large export turns into
    its own columns without a dict per incident. ``columns`` maps each ``incidents``
    column a Record's row has to its values, one per incident in id order; ``actors``,
    ``reports`` and ``evidence`` hold each incident's lists, as a Record has them."""

    columns: dict[str, list[Any]]
    actors: list[list[dict[str, Any]]]
    reports: list[list[dict[str, Any]]]
    evidence: list[list[dict[str, Any]]]
    _perpetrators: list[list[dict[str, Any]]] | None = field(default=None, repr=False)
    _targets: list[list[dict[str, Any]]] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.columns["id"])

    def records(self) -> Iterator[Record]:
        """The incidents one by one."""
        keys = list(self.columns)
        for k, values in enumerate(zip(*self.columns.values(), strict=True)):
            row = dict(zip(keys, values, strict=True))
            yield Record(row, self.actors[k], self.reports[k], self.evidence[k])

    @classmethod
    def of(cls, records: Sequence[Record]) -> Batch:
        """Records held as a Batch (for the code that works on batches)."""
        names = [c.name for c in _COLUMNS]
        keys = list(dict.fromkeys([*names, *(records[0].row if records else ())]))
        return cls(
            columns={key: [r.row.get(key) for r in records] for key in keys},
            actors=[r.actors for r in records],
            reports=[r.reports for r in records],
            evidence=[r.evidence for r in records],
        )

    def perpetrators(self) -> list[list[dict[str, Any]]]:
        """Each incident's perpetrators, in order (worked out once; do not change them)."""
        if self._perpetrators is None:
            self._perpetrators = [
                [a for a in actors if a["role"] in PERPETRATOR_ROLES] for actors in self.actors
            ]
        return self._perpetrators

    def targets(self) -> list[list[dict[str, Any]]]:
        """Each incident's targets and victims, in order (worked out once)."""
        if self._targets is None:
            self._targets = [
                [a for a in actors if a["role"] in TARGET_ROLES] for actors in self.actors
            ]
        return self._targets


def iter_batches(
    conn: Connection,
    filters: Filters,
    *,
    batch: int = 5000,
    with_evidence: bool = False,
    after: int = 0,
    upto: int | None = None,
) -> Iterator[Batch]:
    """The incidents of :func:`iter_records` as Batches of at most ``batch`` incidents.

    Incidents are read by windows of ``batch`` ids, so each query reads at most that many
    rows whatever index the database picks for the filters (a LIMIT with a filter on an
    indexed column made SQLite sort what was left of the table for every batch)."""
    plain, converts = raw_columns(_COLUMNS, conn.dialect)
    keys = [c.name for c in _COLUMNS]
    known: dict[int, dict[str, Any]] = {}  # reports are shared by incidents: read once
    sqlite = conn.dialect.name == "sqlite"
    top = upto
    if top is None:
        top = conn.execute(select(func.max(incidents.c.id))).scalar() or 0
    low = after
    while low < top:
        high = min(low + batch, top)
        stmt = where(select(*plain), filters, scan=sqlite)
        stmt = stmt.where(incidents.c.id > low, incidents.c.id <= high)
        rows = conn.execute(stmt.order_by(incidents.c.id)).fetchall()
        low = high
        if rows:
            yield _batch(conn, rows, keys, converts, with_evidence, known)


def split(conn: Connection, filters: Filters, parts: int) -> list[tuple[int, int | None]]:
    """The incidents the filters keep cut into ``parts`` runs of ids of about the same
    size, as ``(after, upto)`` for :func:`iter_records` (the last ``upto`` is None: open).
    Fewer parts when there are fewer incidents than parts."""
    if parts < 1:
        raise ValueError(f"parts {parts} is not positive")
    total = count(conn, filters)
    parts = max(1, min(parts, total))
    sqlite = conn.dialect.name == "sqlite"
    ids = where(select(incidents.c.id), filters, scan=sqlite).order_by(incidents.c.id)
    cuts: list[int] = []
    for k in range(1, parts):
        cut = conn.execute(ids.limit(1).offset(k * total // parts - 1)).scalar_one()
        if not cuts or cut > cuts[-1]:
            cuts.append(int(cut))
    bounds = [0, *cuts]
    return [(lo, hi) for lo, hi in zip(bounds, [*cuts, None], strict=True)]


def _batch(
    conn: Connection,
    rows: Sequence[Any],
    keys: list[str],
    converts: list[tuple[int, Convert]],
    with_evidence: bool,
    known: dict[int, dict[str, Any]],
) -> Batch:
    # A batch is a run of ids: its children are read by the id range (an index range
    # scan, no list of thousands of parameters), those of incidents filtered out dropped.
    values = [list(column) for column in zip(*rows, strict=True)]
    for i, convert in converts:
        values[i] = [None if v is None else convert(v) for v in values[i]]
    columns = dict(zip(keys, values, strict=True))
    ids: list[int] = columns["id"]
    at = {incident_id: k for k, incident_id in enumerate(ids)}
    first, last = ids[0], ids[-1]
    actors: list[list[dict[str, Any]]] = [[] for _ in ids]
    result = conn.execute(
        select(*_ACTOR_COLUMNS)
        .where(incident_actors.c.incident_id.between(first, last))
        .order_by(incident_actors.c.incident_id, incident_actors.c.position)
    )
    actor_keys = list(result.keys())
    for a in result.fetchall():
        k = at.get(a[0])
        if k is not None:
            actors[k].append(dict(zip(actor_keys, a, strict=True)))
    links = conn.execute(
        select(incident_reports.c.incident_id, incident_reports.c.report_id)
        .where(incident_reports.c.incident_id.between(first, last))
        .order_by(incident_reports.c.incident_id, incident_reports.c.report_id)
    ).fetchall()
    if len(known) > _REPORT_CACHE:
        known.clear()
    wanted = sorted({report_id for _, report_id in links if report_id not in known})
    known.update(_reports(conn, wanted))
    told: list[list[dict[str, Any]]] = [[] for _ in ids]
    for incident_id, report_id in links:
        k = at.get(incident_id)
        if k is not None and report_id in known:
            told[k].append(known[report_id])
    sources = columns["independent_sources"]
    for k, count_ in enumerate(sources):
        if count_ is None and told[k]:
            # Counted when an incident is drawn from several reports; one report is one.
            sources[k] = 1
    if with_evidence:
        spans = _spans(conn, ids, columns["rules"])
        evidence_lists = [spans.get(i) or [] for i in ids]
    else:
        evidence_lists = [[] for _ in ids]
    return Batch(columns, actors, told, evidence_lists)


def ids_in(column: ColumnElement[int], ids: Sequence[int], dialect: str) -> ColumnElement[bool]:
    """``column IN ids``, the ids sent as one value (a JSON array on SQLite, an array on
    PostgreSQL), whatever their number: no parameter per id, and PostgreSQL's planner
    sees how many there are."""
    if dialect == "postgresql":
        # IN (SELECT unnest(array)): hashed once, where "= ANY(array)" in a prepared
        # statement may be searched element by element for every row.
        listed_ids = select(func.unnest(bindparam("ids", list(ids), type_=ARRAY(Integer))))
        return column.in_(listed_ids.scalar_subquery())
    value: ColumnElement[int] = literal_column("value")
    listed = select(value).select_from(func.json_each(json.dumps(list(ids))))
    return column.in_(listed.scalar_subquery())


def _reports(conn: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The metadata of the reports with these ids. The ids go to the database as one
    value (a JSON array on SQLite, an array on PostgreSQL), not one parameter each."""
    if not ids:
        return {}
    cols = [reports.c[name] for name in REPORT_COLUMNS]
    dialect = conn.dialect.name
    chunks: list[ColumnElement[bool]]
    if dialect in ("sqlite", "postgresql"):
        chunks = [ids_in(reports.c.id, ids, dialect)]
    else:
        chunks = [reports.c.id.in_(ids[k : k + 5000]) for k in range(0, len(ids), 5000)]
    out: dict[int, dict[str, Any]] = {}
    for chunk in chunks:
        for r in conn.execute(select(*cols).where(chunk)).fetchall():
            out[r[0]] = dict(zip(REPORT_COLUMNS, r, strict=True))
    return out


def _spans(
    conn: Connection, batch_ids: list[int], rules: list[Any]
) -> dict[int, list[dict[str, Any]]]:
    """Each incident's evidence: its own spans, then its members' (for one made of several
    reports), each span as field, quote, report_id, start, end, page."""
    ids = set(batch_ids)
    # Whose evidence each stored span is besides its own incident's (when that is in the
    # batch): for a member of an incident made of several reports, that incident's too
    # (members of members as well).
    extra: dict[int, list[int]] = {}

    def holders(i: int) -> list[int]:
        return ([i] if i in ids else []) + extra.get(i, [])

    frontier = [i for i, merged in zip(batch_ids, rules, strict=True) if merged]
    while frontier:
        found = conn.execute(
            select(incidents.c.id, incidents.c.merged_into_id).where(
                incidents.c.merged_into_id.in_(frontier)
            )
        ).all()
        frontier = []
        for member_id, parent in found:
            member = int(member_id)
            if member not in ids and extra.get(member):
                continue  # reached already through another parent
            mine = extra.setdefault(member, [])
            mine.extend(o for o in holders(int(parent)) if o not in mine and o != member)
            frontier.append(member)
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    e = evidence.c
    cols = (e.incident_id, e.field, e.quote, e.report_id, e.span_start, e.span_end, e.page,
            e.position)  # fmt: skip
    first, last = batch_ids[0], batch_ids[-1]
    stmt = select(*cols).order_by(e.incident_id, e.position)
    found_rows = list(conn.execute(stmt.where(e.incident_id.between(first, last))).fetchall())
    outside = sorted(i for i in extra if not first <= i <= last)
    for start in range(0, len(outside), 5000):
        chunk = outside[start : start + 5000]
        found_rows.extend(conn.execute(stmt.where(e.incident_id.in_(chunk))).fetchall())
    if outside:
        found_rows.sort(key=lambda r: (r[0], r[-1]))
    for incident_id, field_name, quote, report_id, start_, end, page, _ in found_rows:
        span = {
            "field": field_name,
            "quote": quote,
            "report_id": report_id,
            "start": start_,
            "end": end,
            "page": page,
        }
        if not extra:
            if incident_id in ids:
                out[incident_id].append(span)
            continue  # else an incident in the id range that the filters left out
        for owner in holders(incident_id):
            out[owner].append(span)
    return out
