"""Incidents for screens and scripts: filtered pages with cursors, counts, and the map.

Input: an open Connection and a :class:`Query` (the export :class:`Filters` plus what a
screen adds: weapons, a minimum toll, a map box, words to find in the reports, an order).
Output: pages of incident ids with the cursor of the next page, capped counts, and the
map's groups (per country for the whole world, per grid cell or vague place closer in).

Pages use keyset cursors, so page 1,000 costs what page 1 costs: rows are ordered by the
sort column and then the id, incidents with no value in the sort column (undated, no
toll) come last whichever the direction, and a cursor names the last row shown.

    >>> found = page(conn, Query(Filters(countries=("IRQ",)), sort="-date"), limit=50)
    >>> found.ids, found.next_cursor
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, get_args

from sqlalchemy import (
    Connection,
    Numeric,
    Select,
    cast,
    exists,
    func,
    literal_column,
    or_,
    select,
    tuple_,
)
from sqlalchemy.sql.elements import ColumnElement

from sitrep.errors import InputError
from sitrep.models import Weapon
from sitrep.store.records import Filters, actor_incidents, ids_in, where
from sitrep.store.search import matching_incidents, matching_reports
from sitrep.store.stats import days_where, from_days
from sitrep.store.tables import incident_days, incident_reports, incidents

WEAPONS: tuple[str, ...] = get_args(Weapon)
SORTS: dict[str, str] = {"date": "date_start", "killed": "killed_best", "id": "id"}
MAX_PAGE = 500
# Above this many matches a page is read in its sort order (see page); and counting
# stops here where incident_days cannot count ("at least 1,000").
DENSE = 1_000
POINT_PLACES = ("exact", "near")
# How far a vague place may be from its stored point, drawn as a circle's radius (km).
AREA_RADIUS_KM: dict[str, float] = {
    "admin2": 30.0,
    "admin1": 120.0,
    "region": 250.0,
    "water": 150.0,
    "unknown": 300.0,
}
WORLD_ZOOM = 3  # at this zoom and below, the map shows countries


@dataclass(frozen=True)
class Query:
    """What a screen asks for: the export filters and more. ``bbox``: west, south, east,
    north in degrees (west > east crosses the antimeridian)."""

    filters: Filters = field(default_factory=Filters)
    weapons: tuple[str, ...] = ()
    min_killed: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    sort: str = "-date"
    # Sets of incident ids the text and actor filters came to, looked up once (resolve):
    # an incident must be in each.
    id_sets: tuple[tuple[int, ...], ...] = field(default=(), repr=False, compare=False)
    resolved: bool = field(default=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.sort.lstrip("-") not in SORTS:
            raise InputError(
                f"sort {self.sort!r}: one of {', '.join(SORTS)}, '-' first for descending"
            )
        for weapon in self.weapons:
            if weapon not in WEAPONS:
                raise InputError(f"weapon {weapon!r} is not one of {', '.join(WEAPONS)}")
        if self.min_killed is not None and self.min_killed < 0:
            raise InputError(f"minimum killed {self.min_killed} is negative")
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if not all(math.isfinite(v) for v in self.bbox):
                raise InputError("bounding box: four finite numbers")
            if not (-90 <= south <= north <= 90):
                raise InputError(f"bounding box: south {south} and north {north} out of order")
            if not (-180 <= west <= 180 and -180 <= east <= 180):
                raise InputError("bounding box: longitudes from -180 to 180")

    def plain(self) -> bool:
        """Whether only the export filters are set (incident_days may answer counts)."""
        return not (
            self.weapons or self.min_killed is not None or self.bbox or self.text or self.id_sets
        )


def restrict(
    stmt: Select[Any], query: Query, dialect: str, *, ordered: bool = False
) -> Select[Any]:
    """``stmt`` (over incidents) narrowed by everything ``query`` asks. ``ordered``: the
    rows are read in the order of an index (by date, by toll) and many match, so SQLite
    is kept off the indexes that would find them out of that order (status, event type,
    latitude); PostgreSQL's planner, which has statistics, decides alone."""
    c = incidents.c
    ordered = ordered and dialect == "sqlite"
    stmt = where(stmt, query.filters, scan=ordered)
    if query.weapons:
        stmt = stmt.where(or_(*(_has_weapon(dialect, w) for w in query.weapons)))
    if query.min_killed is not None:
        stmt = stmt.where(func.coalesce(c.killed_best, c.killed_low) >= query.min_killed)
    if query.bbox is not None:
        west, south, east, north = query.bbox
        latitude = c.latitude + 0 if ordered else c.latitude
        stmt = stmt.where(latitude >= south, latitude <= north)
        if west <= east:
            stmt = stmt.where(c.longitude >= west, c.longitude <= east)
        else:  # across the antimeridian
            stmt = stmt.where(or_(c.longitude >= west, c.longitude <= east))
    for ids in query.id_sets:
        stmt = stmt.where(ids_in(c.id, ids, dialect))
    if query.text and not query.resolved:
        stmt = stmt.where(c.id.in_(matching_incidents(dialect, query.text)))
    return stmt


def _has_weapon(dialect: str, weapon: str) -> ColumnElement[bool]:
    if dialect == "postgresql":
        return literal_column("incidents.weapons::jsonb").op("?")(weapon)
    each = func.json_each(incidents.c.weapons).table_valued("value")
    return exists().select_from(each).where(each.c.value == weapon)


ID_SET = 100_000


def resolve(conn: Connection, query: Query) -> Query:
    """``query`` with its words and actors looked up first, as sets of incident ids (when
    each holds at most :data:`ID_SET`): the full-text and actor indexes answer alone, and
    the query that follows knows how many ids it has. (A planner that guesses thousands
    from a subquery may read a million rows in date order, testing each one.)"""
    if query.resolved:
        return query
    dialect = conn.dialect.name
    sets: list[tuple[int, ...]] = []
    text_found = True
    if query.text:
        # The reports first (the index alone), then their incidents by report_id.
        words = matching_reports(dialect, query.text).limit(ID_SET + 1)
        report_ids = [int(i) for i in conn.execute(words).scalars()]
        ids: tuple[int, ...] | None = None
        if len(report_ids) <= ID_SET:
            r = incident_reports.c
            linked = select(r.incident_id).where(ids_in(r.report_id, report_ids, dialect))
            ids = _ids(conn, linked)
        if ids is None:
            text_found = False
        else:
            sets.append(ids)
    filters = query.filters
    if filters.actors:
        ids = _ids(conn, actor_incidents(filters.actors))
        if ids is not None:
            sets.append(ids)
            filters = replace(filters, actors=())
    return replace(query, filters=filters, id_sets=tuple(sets), resolved=text_found)


def _ids(conn: Connection, stmt: Select[Any]) -> tuple[int, ...] | None:
    found = {int(i) for i in conn.execute(stmt.distinct().limit(ID_SET + 1)).scalars()}
    return None if len(found) > ID_SET else tuple(sorted(found))


# Pages


@dataclass
class Page:
    ids: list[int]
    next_cursor: str | None


def page(
    conn: Connection,
    query: Query,
    *,
    limit: int = 50,
    cursor: str | None = None,
    dense: bool | None = None,
) -> Page:
    """One page of incident ids in ``query.sort`` order, and the cursor of the next.

    ``dense``: whether more than :data:`DENSE` incidents match (:func:`count` tells; a
    cursor remembers). Many matches are read in the sort column's index order, and the
    first ``limit`` come soon; few are found through the filters' own indexes and sorted.
    """
    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"limit {limit}: from 1 to {MAX_PAGE}")
    query = resolve(conn, query)
    name = SORTS[query.sort.lstrip("-")]
    descending = query.sort.startswith("-")
    column = incidents.c[name]
    nullable = name != "id"
    if cursor:
        phase, value, last_id, dense = _decode(cursor, name)
    else:
        phase, value, last_id = 0, None, None
        if dense is None:
            total, at_least = count(conn, query, cap=DENSE)
            dense = at_least or total > DENSE
    dialect = conn.dialect.name
    if dialect == "postgresql":
        # A page is 50 rows: starting parallel workers costs more than it saves.
        conn.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
    found: list[tuple[int, Any]] = []
    if phase == 0:
        stmt = restrict(select(incidents.c.id, column), query, dialect, ordered=dense)
        if nullable:
            stmt = stmt.where(column.is_not(None))
        if last_id is not None:
            after = tuple_(column, incidents.c.id)
            mark = tuple_(_bind(value, name), last_id)
            stmt = stmt.where(after < mark if descending else after > mark)
        order = [column.desc(), incidents.c.id.desc()] if descending else [column, incidents.c.id]
        found = [(int(r[0]), r[1]) for r in conn.execute(stmt.order_by(*order).limit(limit + 1))]
        if len(found) > limit:
            return Page([i for i, _ in found[:limit]], _encode(0, found[limit - 1], dense))
        last_id = None
    if nullable:
        stmt = restrict(select(incidents.c.id), query, dialect, ordered=dense)
        stmt = stmt.where(column.is_(None))
        if phase == 1 and last_id is not None:
            stmt = stmt.where(incidents.c.id < last_id if descending else incidents.c.id > last_id)
        order_id = incidents.c.id.desc() if descending else incidents.c.id
        rest = limit - len(found)
        more = [(int(r[0]), None) for r in conn.execute(stmt.order_by(order_id).limit(rest + 1))]
        if len(more) > rest:
            taken = more[:rest]
            # Phase 1 from its start when none of its rows is shown yet.
            last: tuple[int | None, Any] = taken[-1] if taken else (None, None)
            return Page([i for i, _ in found + taken], _encode(1, last, dense))
        found += more
    return Page([i for i, _ in found], None)


def _encode(phase: int, row: tuple[int | None, Any], dense: bool) -> str:
    incident_id, value = row
    if isinstance(value, dt.date):
        value = value.isoformat()
    raw = json.dumps([phase, value, incident_id, int(dense)], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, name: str) -> tuple[int, Any, int | None, bool]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        phase, value, last_id, dense = json.loads(raw)
        if dense not in (0, 1):
            raise ValueError("cursor plan")
        if phase not in (0, 1) or isinstance(last_id, bool):
            raise ValueError("cursor fields")
        if not isinstance(last_id, int) and not (phase == 1 and last_id is None):
            raise ValueError("cursor id")
        if phase == 0:
            _bind(value, name)
        return int(phase), value, last_id, bool(dense)
    except (ValueError, TypeError) as exc:
        raise InputError(f"cursor {cursor[:40]!r} is not one this list gave out") from exc


def _bind(value: Any, name: str) -> Any:
    """A cursor's value as the sort column holds it; ValueError when it cannot be."""
    if name == "date_start":
        if not isinstance(value, str):
            raise ValueError("date")
        return dt.date.fromisoformat(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("number")
    return value


def count(conn: Connection, query: Query, *, cap: int = 1_000) -> tuple[int, bool]:
    """How many incidents ``query`` finds, and whether that is only "at least": counted
    exactly from incident_days where it can answer, else up to ``cap``."""
    query = resolve(conn, query)
    if query.plain() and from_days([], query.filters):
        total = func.coalesce(func.sum(incident_days.c.incidents), 0)
        stmt = days_where(select(total), query.filters)
        return int(conn.execute(stmt).scalar_one()), False
    capped = restrict(select(incidents.c.id), query, conn.dialect.name).limit(cap + 1).subquery()
    n = int(conn.execute(select(func.count()).select_from(capped)).scalar_one())
    return (cap, True) if n > cap else (n, False)


# The map


@dataclass
class MapGroup:
    """Incidents drawn together: a country (world view), a grid cell of points, or a
    vague place drawn as an area (a circle of ``radius_km``, or its country)."""

    kind: str  # "country", "cell" or "area"
    latitude: float | None
    longitude: float | None
    count: int
    by_type: dict[str, int]
    country_code: str | None = None
    precision: str | None = None
    radius_km: float | None = None
    incident_id: int | None = None  # when the group is one incident


def map_groups(conn: Connection, query: Query, *, zoom: int, cells: int = 64) -> list[MapGroup]:
    """The map's groups for ``query`` at ``zoom`` (web map zoom levels, 0-19). At
    :data:`WORLD_ZOOM` and below, one group per country (its incidents whatever their
    precision); closer in, incidents known to a point are gathered in a grid of about
    ``cells`` columns across the box, and vaguer ones are drawn as their areas."""
    query = resolve(conn, query)
    if zoom <= WORLD_ZOOM:
        return _by_country(conn, query)
    if query.bbox is None:
        raise InputError("the map needs a bounding box (bbox) closer in than the world")
    west, _south, east, _north = query.bbox
    width = (east - west) % 360 or 360.0
    size = width / cells
    return _cells(conn, query, size) + _areas(conn, query)


def _by_country(conn: Connection, query: Query) -> list[MapGroup]:
    counts: dict[str | None, dict[str, int]] = defaultdict(dict)
    stmt: Select[Any]
    if query.plain() and from_days(["country", "event_type"], query.filters):
        d = incident_days.c
        summed: list[Any] = [d.country_code, d.event_type, func.sum(d.incidents)]
        stmt = days_where(select(*summed), query.filters).group_by(d.country_code, d.event_type)
    else:
        c = incidents.c
        stmt = select(c.country_code, c.event_type, func.count())
        stmt = restrict(stmt, query, conn.dialect.name).group_by(c.country_code, c.event_type)
    for code, etype, n in conn.execute(stmt):
        if n:
            types = counts[code]
            types[etype or "unknown"] = types.get(etype or "unknown", 0) + int(n)
    return [
        MapGroup(
            "country",
            None,
            None,
            sum(types.values()),
            dict(sorted(types.items())),
            country_code=code,
        )
        for code, types in sorted(counts.items(), key=lambda kv: kv[0] or "")
    ]


def _cells(conn: Connection, query: Query, size: float) -> list[MapGroup]:
    c = incidents.c
    x = func.floor(c.longitude / size)
    y = func.floor(c.latitude / size)
    stmt = select(
        x.label("x"),
        y.label("y"),
        c.event_type,
        func.count().label("n"),
        func.avg(c.latitude).label("lat"),
        func.avg(c.longitude).label("lon"),
        func.min(c.id).label("first"),
    ).where(c.place_precision.in_(POINT_PLACES), c.latitude.is_not(None))
    stmt = restrict(stmt, query, conn.dialect.name).group_by(x, y, c.event_type)
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for row in conn.execute(stmt):
        cell = cells.setdefault(
            (int(row.x), int(row.y)), {"n": 0, "lat": 0.0, "lon": 0.0, "types": {}, "first": None}
        )
        n = int(row.n)
        cell["lat"] += float(row.lat) * n
        cell["lon"] += float(row.lon) * n
        cell["n"] += n
        cell["types"][row.event_type or "unknown"] = n
        cell["first"] = int(row.first)
    return [
        MapGroup(
            "cell",
            round(cell["lat"] / cell["n"], 5),
            round(cell["lon"] / cell["n"], 5),
            cell["n"],
            dict(sorted(cell["types"].items())),
            incident_id=cell["first"] if cell["n"] == 1 else None,
        )
        for _, cell in sorted(cells.items())
    ]


def _areas(conn: Connection, query: Query) -> list[MapGroup]:
    """Vague places: one group per place (its stored point) and precision."""
    c = incidents.c
    if conn.dialect.name == "postgresql":  # round(x, n) takes numeric there
        lat, lon = (
            func.round(cast(c.latitude, Numeric), 3),
            func.round(cast(c.longitude, Numeric), 3),
        )
    else:
        lat, lon = func.round(c.latitude, 3), func.round(c.longitude, 3)
    stmt = select(
        c.place_precision,
        c.country_code,
        lat.label("lat"),
        lon.label("lon"),
        c.event_type,
        func.count().label("n"),
        func.min(c.id).label("first"),
    ).where(c.place_precision.not_in(POINT_PLACES), c.latitude.is_not(None))
    stmt = restrict(stmt, query, conn.dialect.name).group_by(
        c.place_precision, c.country_code, lat, lon, c.event_type
    )
    areas: dict[tuple[Any, ...], MapGroup] = {}
    for row in conn.execute(stmt):
        key = (row.place_precision, row.country_code, float(row.lat), float(row.lon))
        group = areas.get(key)
        if group is None:
            precision = row.place_precision
            radius = None if precision == "country" else AREA_RADIUS_KM.get(precision, 300.0)
            group = areas[key] = MapGroup(
                "area",
                float(row.lat),
                float(row.lon),
                0,
                {},
                country_code=row.country_code,
                precision=precision,
                radius_km=radius,
            )
        n = int(row.n)
        group.count += n
        group.by_type[row.event_type or "unknown"] = n
        group.incident_id = int(row.first) if group.count == 1 else None
    return [areas[k] for k in sorted(areas, key=repr)]


# Reports and the review queue

REPORT_LIST_COLUMNS = (
    "id", "title", "url", "publisher", "published", "retrieved_at", "media_type", "size",
    "language", "original_id",
)  # fmt: skip


def report_page(
    conn: Connection, *, limit: int = 50, before: int | None = None, text: str | None = None
) -> tuple[list[dict[str, Any]], int | None]:
    """Reports newest first (by id), without their text: one page, and the id to ask for
    the next page with (``before``); ``text``: only reports holding these words."""
    from sitrep.store.search import matching_reports
    from sitrep.store.tables import reports

    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"limit {limit}: from 1 to {MAX_PAGE}")
    stmt = select(*(reports.c[name] for name in REPORT_LIST_COLUMNS))
    if before is not None:
        stmt = stmt.where(reports.c.id < before)
    if text:
        stmt = stmt.where(reports.c.id.in_(matching_reports(conn.dialect.name, text)))
    rows = [dict(r) for r in conn.execute(stmt.order_by(reports.c.id.desc()).limit(limit + 1))
            .mappings()]  # fmt: skip
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (int(rows[-1]["id"]) if more and rows else None)


def review_queue(conn: Connection, *, limit: int = 50) -> list[int]:
    """Candidate incidents waiting for review, most confident first."""
    c = incidents.c
    stmt = (
        select(c.id)
        .where(c.status == "candidate")
        .order_by(func.coalesce(c.confidence, -1.0).desc(), c.id)
        .limit(limit)
    )
    return [int(i) for i in conn.execute(stmt).scalars()]


def count_candidates(conn: Connection) -> int:
    stmt = select(func.count()).select_from(incidents).where(incidents.c.status == "candidate")
    return int(conn.execute(stmt).scalar_one())


__all__ = [
    "DENSE",
    "SORTS",
    "WEAPONS",
    "MapGroup",
    "Page",
    "Query",
    "count",
    "count_candidates",
    "map_groups",
    "page",
    "report_page",
    "resolve",
    "restrict",
    "review_queue",
]
