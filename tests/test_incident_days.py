"""incident_days: the sums `sitrep stats` reads, kept by triggers on incidents, on SQLite
and PostgreSQL.

Each test recomputes what the table must hold here, in Python, from the incidents rows
themselves; and stats read from it must give the same frames as stats counted over the
incidents.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import pandas as pd
import pytest
from alembic import command
from sqlalchemy import Connection, delete, inspect, select, update

import sitrep
from exportdata import fill
from sitrep.export.query import Filters
from sitrep.models import Count, DateSpan, Incident, Place, Report
from sitrep.store import migrate
from sitrep.store.incidents import replace_candidates
from sitrep.store.stats import from_days, stats
from sitrep.store.store import Store
from sitrep.store.tables import (
    DAY_KEYS,
    DAY_SUMS,
    evidence,
    incident_actors,
    incident_days,
    incident_reports,
    incidents,
)

PRECISE = {"exact", "near", "admin2"}


def first(*values: int | None) -> int:
    return next((v for v in values if v is not None), 0)


def expected_days(conn: Connection) -> dict[tuple[Any, ...], dict[str, int]]:
    """Per group of DAY_KEYS, the sums as the stats module documents them."""
    out: dict[tuple[Any, ...], dict[str, int]] = defaultdict(lambda: dict.fromkeys(DAY_SUMS, 0))
    for row in conn.execute(select(incidents)).mappings():
        sums = out[tuple(row[k] for k in DAY_KEYS)]
        sums["incidents"] += 1
        for kind in ("killed", "injured"):
            low, best, high = (row[f"{kind}_{p}"] for p in ("low", "best", "high"))
            sums[f"{kind}_low"] += first(low)
            sums[f"{kind}_best"] += first(best, low)
            sums[f"{kind}_high"] += first(high, best, low)
            sums[f"{kind}_figures"] += (low, best, high) != (None, None, None)
            sums[f"{kind}_bounded"] += high is not None
        sums["vague_date"] += row["date_precision"] not in (None, "day")
        sums["precise_place"] += row["place_precision"] in PRECISE
    return dict(out)


def stored_days(conn: Connection) -> dict[tuple[Any, ...], dict[str, int]]:
    out: dict[tuple[Any, ...], dict[str, int]] = {}
    for row in conn.execute(select(incident_days)).mappings():
        key = tuple(row[k] for k in DAY_KEYS)
        assert key not in out, f"two rows for one group {key}"
        out[key] = {name: row[name] for name in DAY_SUMS}
    return out


def assert_days_agree(store: Store) -> None:
    with store.read() as conn:
        expected, stored = expected_days(conn), stored_days(conn)
    assert expected, "no incidents to check"
    assert stored == expected


def test_days_follow_every_change_to_incidents(db: str) -> None:
    with sitrep.open(db) as store:
        filled = fill(store)  # reports in, candidates replaced, a merge, a rejection
        assert_days_agree(store)

        one = next(i for i in filled.incidents if i.id != filled.merged.id)
        store.set_field(one, "killed", "3-5", who="ana")
        store.set_field(store.incident(one.id), "date", "2023-12-30..2024-01-02", who="ana")
        store.set_field(store.incident(one.id), "country", "SOM", who="ana")
        store.set_field(store.incident(one.id), "event_type", "Riots", who="ana")
        store.set_field(store.incident(one.id), "place_precision", "region", who="ana")
        two = next(i for i in filled.incidents if i.id not in (one.id, filled.merged.id))
        store.set_field(two, "place_precision", "admin2", who="ana")
        store.set_field(store.incident(two.id), "date_precision", "week", who="ana")
        store.set_field(store.incident(two.id), "injured", ">=4", who="ana")
        assert_days_agree(store)

        store.set_status(store.incident(one.id), "confirmed", who="bo")
        assert_days_agree(store)
        store.undo(who="bo")  # back to its earlier status
        assert_days_agree(store)

        members = store.members(filled.merged)
        store.split(filled.merged, members[:1], who="ana")
        assert_days_agree(store)

        report = store.add_report(Report(text="A drone struck a truck near Marib on Monday."))
        added = store.add_incident(
            Incident(
                report_ids=[report.id],
                date=DateSpan(start=dt.date(2024, 3, 4), end=dt.date(2024, 3, 4), precision="day"),
                location=Place(name="Marib", country_code="YEM", precision="near"),
                event_type="Explosions/Remote violence",
                killed=Count(low=2, best=None, high=None),
            )
        )
        undated = store.add_incident(Incident(report_ids=[report.id]))  # NULL keys
        store.add_incident(Incident(report_ids=[report.id]))  # the same NULL group again
        assert_days_agree(store)

        # Candidates superseded by a new extraction of their report are rejected.
        with store.transaction() as conn:
            _, superseded = replace_candidates(conn, report.id, [], [])
        assert superseded == 3
        assert store.incident(added).status == "rejected"
        assert_days_agree(store)

        # Sitrep never deletes an incident, but a database is open to its owner: a row
        # deleted by hand leaves its group too.
        with store.transaction() as conn:
            for table in (incident_reports, incident_actors, evidence):
                conn.execute(delete(table).where(table.c.incident_id.in_([added, undated])))
            conn.execute(delete(incidents).where(incidents.c.id.in_([added, undated])))
        assert_days_agree(store)

        # Whatever writes the table, even by hand: the triggers follow.
        with store.transaction() as conn:
            conn.execute(update(incidents).values(killed_high=None, injured_low=1))
        assert_days_agree(store)


def test_a_group_left_empty_is_removed(db: str) -> None:
    with sitrep.open(db) as store:
        report = store.add_report(Report(text="Shelling hit Kherson overnight."))
        made = store.add_incident(Incident(report_ids=[report.id]))
        with store.transaction() as conn:
            assert len(stored_days(conn)) == 1
            conn.execute(delete(incident_reports).where(incident_reports.c.incident_id == made))
            conn.execute(delete(incidents).where(incidents.c.id == made))
            assert stored_days(conn) == {}


SERVED_KEYS = [
    [],
    ["day"],
    ["month"],
    ["week"],
    ["year"],
    ["country"],
    ["event_type"],
    ["month", "country"],
    ["week", "event_type"],
    ["country", "year", "event_type"],
    ["day", "event_type"],
]
SERVED_FILTERS = [
    Filters(),
    Filters(countries=("Somalia",)),
    Filters(date_from=dt.date(2024, 1, 15)),
    Filters(date_to=dt.date(2024, 2, 1)),
    Filters(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 1, 31)),
    Filters(event_types=("Explosions/Remote violence",)),
    Filters(statuses=("all",)),
    Filters(statuses=("rejected", "merged")),
]


def test_stats_from_days_equal_stats_over_the_incidents(db: str) -> None:
    with sitrep.open(db) as store:
        fill(store)
        with store.read() as conn:
            for keys in SERVED_KEYS:
                for filters in SERVED_FILTERS:
                    assert from_days(keys, filters)
                    days = stats(conn, filters, keys)
                    counted = stats(conn, filters, keys, days=False)
                    pd.testing.assert_frame_equal(days, counted, obj=f"{keys} {filters}")
                    assert days.attrs == counted.attrs
            weeks = stats(conn, Filters(), ["week", "country"])
            assert weeks["incidents"].sum() == len(store.incidents()) > 5
            assert weeks["spanning"].sum() > 0, "an incident crosses a week's end"


@pytest.mark.parametrize(
    ("keys", "filters"),
    [
        (["admin1"], Filters()),
        (["actor"], Filters()),
        (["month", "sub_event_type"], Filters()),
        (["month"], Filters(admin1=("Anbar",))),
        (["month"], Filters(actors=("Houthis",))),
        (["month"], Filters(grades=("weak",))),
        (["month"], Filters(min_sources=2)),
    ],
)
def test_other_queries_count_the_incidents(keys: list[str], filters: Filters) -> None:
    assert not from_days(keys, filters)


def test_upgrading_fills_the_days_of_the_incidents_already_stored(db: str) -> None:
    old = Store(db, check_schema=False)
    try:
        migrate.upgrade(old.engine, "0008")
        fill(old)
        migrate.upgrade(old.engine)
        assert_days_agree(old)
        with old.read() as conn:
            assert stored_days(conn)
        # And back: the table and its triggers go; what changes meanwhile is summed
        # again by the next upgrade.
        with old.engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0008")
        with old.transaction() as conn:
            assert "incident_days" not in inspect(conn).get_table_names()
            conn.execute(update(incidents).values(killed_low=7, country_code="YEM"))
        migrate.upgrade(old.engine)
        assert_days_agree(old)
    finally:
        old.close()
