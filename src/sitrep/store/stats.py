"""Counts and casualty totals of incidents, grouped by period, place, actor or event type.

Input: an open Connection, the export :class:`~sitrep.export.query.Filters` and the keys to
group by (any of ``day``, ``week``, ``month``, ``year``, ``country``, ``admin1``, ``actor``,
``event_type``, ``sub_event_type``). Output: one row per group (a pandas DataFrame from
:func:`stats`, dicts from :func:`stats_rows`), with how many incidents it holds, casualty
sums as low / best / high, and how many incidents are known to the day
(``precise_date``) or to the place (``precise_place``).

    >>> frame = stats(conn, Filters(countries=("YEM",)), ["month"])
    >>> frame[["month", "incidents", "killed_low", "killed_best", "killed_high"]]

Everything is counted by the database, never by loading incidents into Python: a first
GROUP BY sums per day (and country, event type...), a second turns days into periods.
Grouped by periods, country and event type, and filtered by dates, country, event type
and status only, the first stage reads ``incident_days``, which triggers keep summed per
day, country, event type and status (a million incidents are about 200,000 of its rows);
other queries read the incidents.

How each incident counts (the same notes travel with the frame in ``frame.attrs``):

- An incident is placed in the period of its first possible day (``date_start``); one
  whose interval reaches past the end of that period is also counted in ``spanning``.
- Undated incidents form one row whose period is ``"undated"``; they are never dropped.
- By actor, an incident counts once under each of its perpetrators, so the incidents of
  the rows add up to more than the incidents; one with no perpetrator counts under
  ``"unknown"``. Actors are grouped by actor id (by name where there is none).
- A missing figure adds 0 to low, best and high; ``no_toll`` counts the incidents with no
  killed figure at all. A figure with no single best ("dozens") adds its low to best; one
  with no upper bound ("at least 3") adds its best to high and is counted in
  ``killed_open`` / ``injured_open``: where that is above 0, the true high is unbounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    and_,
    case,
    func,
    literal_column,
    or_,
    select,
)

from sitrep.errors import InputError
from sitrep.models import country_names
from sitrep.store.records import Filters, narrow, wanted_statuses, where
from sitrep.store.tables import DAY_SUMS, incident_actors, incident_days, incidents

if TYPE_CHECKING:
    import pandas as pd

PERIODS: tuple[str, ...] = ("day", "week", "month", "year")
KEYS: tuple[str, ...] = (
    *PERIODS,
    "country",
    "admin1",
    "actor",
    "event_type",
    "sub_event_type",
)
FIGURE_PARTS: tuple[str, ...] = ("low", "best", "high", "figures", "bounded")
PRECISE_PLACES: tuple[str, ...] = ("exact", "near", "admin2")
UNDATED = "undated"
UNKNOWN = "unknown"

COUNT_COLUMNS: tuple[str, ...] = (
    "incidents",
    "killed_low",
    "killed_best",
    "killed_high",
    "killed_open",
    "injured_low",
    "injured_best",
    "injured_high",
    "injured_open",
    "no_toll",
    "precise_date",
    "vague_date",
    "spanning",
    "precise_place",
    "vague_place",
)

NOTES: dict[str, str] = {
    "period": (
        "An incident is placed in the period of its first possible day (date_start); "
        "'spanning' counts those whose date interval reaches past the end of that period."
    ),
    "undated": "Incidents with no date are counted in the row whose period is 'undated'.",
    "actor": (
        "By actor, an incident with several perpetrators counts once under each, so the "
        "rows add up to more than the incidents; one with no perpetrator counts under "
        "'unknown'."
    ),
    "tolls": (
        "A missing figure adds 0; 'no_toll' counts incidents with no killed figure. A figure "
        "with no upper bound ('at least 3') adds its best to high and is counted in "
        "killed_open / injured_open: where above 0, the true high is unbounded."
    ),
}


def period_key(column: ColumnElement[Any], period: str, dialect: str) -> ColumnElement[str]:
    """The SQL expression naming ``column``'s period as text, for this database dialect.

    ``day`` is the date ("2024-01-31"); ``week`` is the ISO week, named by its Monday
    ("2024-01-29"); ``month`` is "2024-01"; ``year`` is "2024". A NULL date gives NULL.
    """
    if period not in PERIODS:
        raise InputError(f"period {period!r} is not one of {', '.join(PERIODS)}")
    if dialect == "sqlite":
        if period == "week":
            # SQLite's 'weekday 0' moves to the coming Sunday (or stays on one): 6 days
            # back from there is the Monday of the ISO week.
            return func.date(column, literal_column("'weekday 0'"), literal_column("'-6 days'"))
        pattern = {"day": "'%Y-%m-%d'", "month": "'%Y-%m'", "year": "'%Y'"}[period]
        return func.strftime(literal_column(pattern), column)
    if dialect == "postgresql":
        if period == "week":
            # date_trunc('week') starts weeks on Monday, as ISO 8601 does.
            return func.to_char(
                func.date_trunc(literal_column("'week'"), column),
                literal_column("'YYYY-MM-DD'"),
            )
        pattern = {"day": "'YYYY-MM-DD'", "month": "'YYYY-MM'", "year": "'YYYY'"}[period]
        return func.to_char(column, literal_column(pattern))
    raise InputError(f"database {dialect!r}: stats work on SQLite and PostgreSQL only")


def check_keys(by: Sequence[str]) -> list[str]:
    """``by`` as a list, each key known and given once; else InputError naming the key."""
    if isinstance(by, str):
        by = [by]
    keys: list[str] = []
    for key in by:
        if key not in KEYS:
            raise InputError(f"group by {key!r}: not one of {', '.join(KEYS)}")
        if key in keys:
            raise InputError(f"group by {key!r}: given twice")
        keys.append(key)
    return keys


def _perpetrators() -> FromClause:
    """Each incident's perpetrators, one row per actor (by id, or by name without one)."""
    a = incident_actors.c
    actor_key = func.coalesce(a.actor_id, a.name)
    return (
        select(
            a.incident_id,
            actor_key.label("actor_key"),
            func.min(a.name).label("name"),
        )
        .where(a.role == "perpetrator")
        .group_by(a.incident_id, actor_key)
        .subquery("perpetrators")
    )


def _figure_sums(prefix: str) -> list[ColumnElement[Any]]:
    """Sums of one figure (killed or injured), and how many incidents give one at all and
    how many give an upper bound (counting non-NULL values is cheaper than CASE)."""
    low, best, high = (incidents.c[f"{prefix}_{part}"] for part in ("low", "best", "high"))
    return [
        func.sum(func.coalesce(low, 0)).label(f"{prefix}_low"),
        func.sum(func.coalesce(best, low, 0)).label(f"{prefix}_best"),
        func.sum(func.coalesce(high, best, low, 0)).label(f"{prefix}_high"),
        func.count(func.coalesce(low, best, high)).label(f"{prefix}_figures"),
        func.count(high).label(f"{prefix}_bounded"),
    ]


def _crossing(dialect: str, period: str, c: Any) -> ColumnElement[Any]:
    """An expression that is not NULL exactly when a row's interval (``date_start`` to
    ``date_end`` of ``c``, incidents' or incident_days' columns) ends in a later period
    than it starts in."""
    if dialect == "sqlite" and period != "week":
        # SQLite keeps dates as ISO text ("2024-01-31"): the month is its first 7
        # characters, the year its first 4. This runs once per row, where strftime would
        # cost a third of the whole query.
        width = {"day": 10, "month": 7, "year": 4}[period]
        return func.nullif(func.substr(c.date_end, 1, width), func.substr(c.date_start, 1, width))
    if dialect == "sqlite":
        # The cheap comparison first spares the date function for one-day incidents.
        sunday = func.date(c.date_start, literal_column("'weekday 0'"))
        return case((and_(c.date_end > c.date_start, c.date_end > sunday), 1))
    # PostgreSQL: date_trunc is the period's first day (weeks from Monday, as period_key
    # names them), cheaper than formatting both dates as text.
    unit: ColumnElement[str] = literal_column(f"'{period}'")
    return func.nullif(func.date_trunc(unit, c.date_end), func.date_trunc(unit, c.date_start))


def _measures(dialect: str, finest: str | None) -> list[ColumnElement[Any]]:
    """The per-group sums of the first stage, over incident rows."""
    c = incidents.c
    spanning = literal_column("0") if finest is None else func.count(_crossing(dialect, finest, c))
    precise_place = or_(*(c.place_precision == p for p in PRECISE_PLACES))
    return [
        func.count().label("incidents"),
        *_figure_sums("killed"),
        *_figure_sums("injured"),
        func.count(func.nullif(c.date_precision, "day")).label("vague_date"),
        spanning.label("spanning"),
        func.count(case((precise_place, 1))).label("precise_place"),
    ]


def _day_measures(dialect: str, finest: str | None) -> list[ColumnElement[Any]]:
    """The same sums over incident_days rows, each already the sum of its incidents."""
    c = incident_days.c
    if finest is None:
        spanning: ColumnElement[Any] = literal_column("0")
    else:
        crossing = _crossing(dialect, finest, c)
        spanning = func.sum(case((crossing.is_not(None), c.incidents), else_=0))
    sums = {name: func.sum(c[name]).label(name) for name in DAY_SUMS}
    return [*sums.values(), spanning.label("spanning")]


# What the first stage sums; the frame's other counts are differences of these.
_STAGE_SUMS: tuple[str, ...] = (
    "incidents",
    *(f"{kind}_{part}" for kind in ("killed", "injured") for part in FIGURE_PARTS),
    "vague_date",
    "spanning",
    "precise_place",
)

# What incident_days can answer: its keys, and filters on its columns only.
DAY_GROUPS: frozenset[str] = frozenset({*PERIODS, "country", "event_type"})


def from_days(keys: Sequence[str], filters: Filters) -> bool:
    """Whether incident_days can answer a stats query: grouped by periods, country and
    event type only, filtered by dates, country, event type and status only."""
    return set(keys) <= DAY_GROUPS and not (
        filters.admin1 or filters.actors or filters.grades or filters.min_sources is not None
    )


def stats_rows(
    conn: Connection, filters: Filters, by: Sequence[str], *, days: bool = True
) -> list[dict[str, Any]]:
    """One dict per group of ``by``, sorted by its keys: the key columns
    (:func:`key_columns`), then :data:`COUNT_COLUMNS`. ``days``: read incident_days where
    it can answer (the same figures, from a table a fraction of the size); False always
    counts the incidents themselves."""
    keys = check_keys(by)
    dialect = conn.dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise InputError(f"database {dialect!r}: stats work on SQLite and PostgreSQL only")
    finest = next((p for p in PERIODS if p in keys), None)
    if days and from_days(keys, filters):
        first = _first_stage_days(keys, filters, dialect, finest)
    else:
        first = _first_stage(keys, filters, dialect, finest)
    # Second stage: the days become weeks, months or years, over a few thousand rows.
    shown: list[ColumnElement[Any]] = []
    groups: list[ColumnElement[Any]] = []
    for key in keys:
        if key in PERIODS:
            expr = period_key(first.c.day, key, dialect)
            groups.append(expr)
            shown.append(expr.label(key))
        elif key == "country":
            groups.append(first.c.country_code)
            shown.append(first.c.country_code)
        elif key == "actor":
            groups.append(first.c.actor_key)
            shown.append(func.min(first.c.actor).label("actor"))
        else:
            groups.append(first.c[key])
            shown.append(first.c[key])
    sums = [func.sum(first.c[name]).label(name) for name in _STAGE_SUMS]
    stmt = select(*shown, *sums)
    if groups:
        stmt = stmt.group_by(*groups)
    rows = _finish([dict(r) for r in conn.execute(stmt).mappings()], keys)
    columns = key_columns(keys)
    if not keys and not rows:
        rows = [dict.fromkeys(COUNT_COLUMNS, 0)]
    rows.sort(key=lambda row: tuple(row[name] for name in columns))
    return [{name: row[name] for name in (*columns, *COUNT_COLUMNS)} for row in rows]


def stats(
    conn: Connection, filters: Filters, by: Sequence[str], *, days: bool = True
) -> pd.DataFrame:
    """Incident counts and casualty sums per group of ``by`` (see the module), as a
    DataFrame: :func:`stats_rows`, with the filters and notes in ``frame.attrs``."""
    import pandas as pd

    keys = check_keys(by)
    rows = stats_rows(conn, filters, keys, days=days)
    frame = pd.DataFrame(rows, columns=[*key_columns(keys), *COUNT_COLUMNS])
    frame = frame.astype(dict.fromkeys(COUNT_COLUMNS, "int64"))
    frame.attrs["by"] = list(keys)
    frame.attrs["filters"] = filters.describe()
    frame.attrs["notes"] = notes(keys)
    return frame


def _first_stage(keys: list[str], filters: Filters, dialect: str, finest: str | None) -> Any:
    """Sums per day and raw key value (country code, event type, actor...) over the
    incidents themselves, as a subquery."""
    c = incidents.c
    source: FromClause = incidents
    shown: list[ColumnElement[Any]] = []
    groups: list[ColumnElement[Any]] = []
    if finest is not None:
        shown.append(c.date_start.label("day"))
        groups.append(c.date_start)
    for key in keys:
        if key == "country":
            shown.append(c.country_code.label("country_code"))
            groups.append(c.country_code)
        elif key == "actor":
            perp = _perpetrators()
            source = source.outerjoin(perp, perp.c.incident_id == c.id)
            shown += [perp.c.actor_key, func.min(perp.c.name).label("actor")]
            groups.append(perp.c.actor_key)
        elif key not in PERIODS:
            shown.append(c[key].label(key))
            groups.append(c[key])
    stmt = select(*shown, *_measures(dialect, finest))
    # (SQLite's planner needs telling not to use the status index, which would read
    # nearly every row out of order; PostgreSQL's estimates are right only for the plain
    # test, and then it aggregates by hashing.)
    stmt = where(
        stmt.select_from(source), filters, scan="actor" not in keys and dialect == "sqlite"
    )
    return stmt.group_by(*groups).subquery("per_day")


def _first_stage_days(keys: list[str], filters: Filters, dialect: str, finest: str | None) -> Any:
    """The same subquery as :func:`_first_stage`, summed from incident_days."""
    c = incident_days.c
    shown: list[ColumnElement[Any]] = []
    groups: list[ColumnElement[Any]] = []
    if finest is not None:
        shown.append(c.date_start.label("day"))
        groups.append(c.date_start)
    for key in keys:
        if key not in PERIODS:
            column = c.country_code if key == "country" else c[key]
            shown.append(column)
            groups.append(column)
    stmt = select(*shown, *_day_measures(dialect, finest)).select_from(incident_days)
    return days_where(stmt, filters).group_by(*groups).subquery("per_day")


def days_where(stmt: Select[Any], filters: Filters) -> Select[Any]:
    """``stmt`` (a select over incident_days) narrowed by ``filters``; only for filters
    :func:`from_days` accepts."""
    statuses = wanted_statuses(filters)
    if statuses is not None:
        stmt = stmt.where(incident_days.c.status.in_(statuses))
    return narrow(stmt, incident_days, filters)


def key_columns(keys: Sequence[str]) -> list[str]:
    """The frame's columns for these group keys ("country" gives country_code and country)."""
    out: list[str] = []
    for key in keys:
        out.extend(("country_code", "country") if key == "country" else (key,))
    return out


def _finish(rows: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    """The database's rows with names for missing keys and the derived counts."""
    names = country_names()
    for row in rows:
        for key in keys:
            if key in PERIODS:
                row[key] = row[key] or UNDATED
            elif key == "country":
                code = row["country_code"]
                row["country_code"] = code or UNKNOWN
                row["country"] = names.get(code, code) if code else UNKNOWN
            else:
                row[key] = row[key] or UNKNOWN
        for column in _STAGE_SUMS:
            row[column] = int(row[column] or 0)
        for kind in ("killed", "injured"):
            row[f"{kind}_open"] = row[f"{kind}_figures"] - row[f"{kind}_bounded"]
        row["no_toll"] = row["incidents"] - row["killed_figures"]
        row["precise_date"] = row["incidents"] - row["vague_date"]
        row["vague_place"] = row["incidents"] - row["precise_place"]
    return rows


def notes(keys: Sequence[str]) -> list[str]:
    """What a reader of these groups should know about how incidents are counted."""
    out = []
    if any(k in PERIODS for k in keys):
        out += [NOTES["period"], NOTES["undated"]]
    if "actor" in keys:
        out.append(NOTES["actor"])
    out.append(NOTES["tolls"])
    return out
