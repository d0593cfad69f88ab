"""The store on real SQLite and real PostgreSQL: the same tests, run on both."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

import sitrep
from sitrep.errors import NotFound, SchemaOutdated
from sitrep.models import (
    Actor,
    AggregateStatement,
    Area,
    AuditEntry,
    Count,
    DateSpan,
    Place,
    Report,
    Span,
    text_digest,
)
from sitrep.store import Store, migrate
from sitrep.store.db import SCHEMA_HEAD, connect, current_revision
from sitrep.store.tables import in_metadata, is_search_table, metadata
from test_models import seed_incident


def make_report(n: int = 0, **extra: object) -> Report:
    text_ = f"Report {n}: two rockets hit a base in western Iraq on Monday, injuring seven."
    return Report(
        text=text_,
        title=f"Report {n}",
        publisher="Example Wire",
        published="2024-08-07",
        url=f"https://example.org/{n}",
        **extra,
    )


def test_a_new_database_is_created_at_the_newest_schema(store: Store) -> None:
    with store.read() as conn:
        assert current_revision(conn) == SCHEMA_HEAD
    assert migrate.head_revision() == SCHEMA_HEAD


def test_report_round_trip_keeps_text_metadata_and_raw_bytes(store: Store) -> None:
    raw = "Un coche bomba explotó en Bogotá.".encode("latin-1")
    report = Report(
        text="Un coche bomba explotó en Bogotá.",
        raw=raw,
        encoding="ISO-8859-1",
        title="Coche bomba",
        publisher="EFE",
        published="1990-01-10T09:30:00-05:00",
        language="es",
        source="bomba.txt",
    )
    added = store.add_report(report)
    assert added.new
    back = store.report(added.id, with_raw=True)
    assert back.text == report.text
    assert back.raw == raw
    assert back.sha256 == report.sha256
    assert back.published == "1990-01-10T09:30:00-05:00"
    assert back.published_date == dt.date(1990, 1, 10)
    assert back.retrieved_at is not None and back.retrieved_at.tzinfo is not None
    assert back.model_dump(exclude={"id", "retrieved_at"}) == report.model_dump(
        exclude={"id", "retrieved_at"}
    )


def test_adding_the_same_content_again_returns_the_stored_report(store: Store) -> None:
    first = store.add_report(make_report(1))
    again = store.add_report(make_report(1))
    other = store.add_report(make_report(2))
    assert (first.new, again.new, other.new) == (True, False, True)
    assert again.id == first.id
    assert store.count_reports() == 2


def test_reports_list_in_order_without_text_unless_asked(store: Store) -> None:
    for n in range(3):
        store.add_report(make_report(n))
    listed = store.reports()
    assert [r.title for r in listed] == ["Report 0", "Report 1", "Report 2"]
    assert all(r.text == "" for r in listed)
    assert store.reports(limit=1, with_text=True)[0].text.startswith("Report 0")


def test_incident_round_trip_with_actors_casualties_evidence_and_reports(store: Store) -> None:
    report_id = store.add_report(make_report(7)).id
    incident = seed_incident()
    incident.location_candidates = [
        incident.location or Place(),
        Place(country="Syria", country_code="SYR", precision="country", text="Syria"),
    ]
    incident.evidence = [
        Span(start=s.start, end=s.end, quote=s.quote, field=s.field, report_id=report_id)
        for s in incident.evidence
    ]
    incident_id = store.add_incident(incident)
    back = store.incident(incident_id)
    assert back.id == incident_id
    assert back.report_ids == [report_id]
    made = {"id", "report_ids", "created_at", "updated_at", "code"}
    assert back.model_dump(exclude=made) == incident.model_dump(exclude=made)
    assert back.code == f"IRQ-2024-{incident_id:06d}"
    assert [i.id for i in store.incidents()] == [incident_id]
    assert store.incidents(status="rejected") == []


def test_an_incident_links_many_reports_and_many_spans(store: Store) -> None:
    ids = [store.add_report(make_report(n)).id for n in range(3)]
    incident = seed_incident()
    incident.evidence = [
        Span(start=0, end=6, quote="Report", field="date", report_id=r) for r in ids
    ]
    incident_id = store.add_incident(incident)
    back = store.incident(incident_id)
    assert back.report_ids == ids
    assert [s.report_id for s in back.evidence] == ids


def test_missing_records_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="no incident with id 99"):
        store.incident(99)
    with pytest.raises(NotFound, match="no report with id 42"):
        store.report(42)


def test_aggregate_round_trip(store: Store) -> None:
    report_id = store.add_report(make_report(3)).id
    statement = AggregateStatement(
        report_id=report_id,
        metric="attacks",
        value=Count(low=101, qualifier="more_than"),
        period=DateSpan(
            start=dt.date(2023, 11, 1),
            end=dt.date(2024, 8, 7),
            precision="part_of_month",
            text="Since early November 2023",
        ),
        actors=[Actor(name="Iraqi militias", attribution="claimed")],
        targets_text="Israeli targets",
        location=Area(text="in Israel", country_codes=["ISR"]),
        evidence=[Span(start=0, end=6, quote="Report", field="value", report_id=report_id)],
    )
    statement_id = store.add_aggregate(statement)
    [back] = store.aggregates(report_id=report_id)
    assert back.id == statement_id
    assert back.model_dump(exclude={"id"}) == statement.model_dump(exclude={"id"})


def test_audit_log_round_trip_in_order(store: Store) -> None:
    at = dt.datetime(2024, 8, 8, 12, 0, tzinfo=dt.UTC)
    entries = [
        AuditEntry(
            at=at,
            who="ana",
            entity="incident",
            entity_id=1,
            action="edit",
            field="killed.best",
            old=3,
            new=5,
            why="ministry update",
        ),
        AuditEntry(
            at=at,
            who="ben",
            entity="incident",
            entity_id=1,
            action="accept",
            old={"status": "candidate"},
            new={"status": "confirmed"},
        ),
        AuditEntry(at=at, who="ben", entity="incident", entity_id=2, action="reject"),
    ]
    for entry in entries:
        store.record(entry)
    back = store.audit("incident", 1)
    assert [e.model_dump(exclude={"id"}) for e in back] == [
        e.model_dump(exclude={"id"}) for e in entries[:2]
    ]
    assert len(store.audit()) == 3


def test_a_failed_unit_of_work_leaves_nothing_behind(store: Store) -> None:
    from sitrep.store.reports import insert_report

    with pytest.raises(RuntimeError), store.transaction() as conn:
        insert_report(conn, make_report(1))
        raise RuntimeError("crash in the middle")
    assert store.count_reports() == 0


def test_dataframes_have_typed_columns(store: Store) -> None:
    store.add_report(make_report(1))
    store.add_incident(seed_incident())
    reports = store.reports_df()
    assert reports.loc[0, "title"] == "Report 1"
    assert str(reports["id"].dtype) == "Int64"
    incidents = store.incidents_df()
    assert incidents.loc[0, "injured_best"] == 7
    assert str(incidents["injured_best"].dtype) == "Int64"
    assert str(incidents["date_start"].dtype).startswith("datetime64")
    assert incidents.loc[0, "perpetrators"] == "Iran-backed Iraqi militias"


def test_migrations_from_empty_to_head_match_the_tables(db: str) -> None:
    store = Store(db, check_schema=False)
    try:
        before, after = migrate.upgrade(store.engine)
        assert (before, after) == (None, SCHEMA_HEAD)
        with connect(store.engine, write=False) as conn:
            opts = {
                "compare_type": True,
                # SQLite's full-text index and its shadow tables live outside the metadata.
                "include_name": lambda name, kind, _: in_metadata(name, kind),
            }
            diff = compare_metadata(MigrationContext.configure(conn, opts=opts), metadata)
            names = {n for n in inspect(conn).get_table_names() if not is_search_table(n)}
        assert diff == []
        assert names == set(metadata.tables) | {"alembic_version"}
        # Upgrading again changes nothing.
        assert migrate.upgrade(store.engine) == (SCHEMA_HEAD, SCHEMA_HEAD)
        assert migrate.pending(store.engine) == []
    finally:
        store.close()


def test_an_older_schema_is_refused_until_upgraded_and_keeps_its_data(db: str) -> None:
    old = Store(db, check_schema=False)
    migrate.upgrade(old.engine, "0001")
    with old.transaction() as conn:
        # a row as Sitrep wrote it at schema 0001
        conn.execute(
            text(
                "INSERT INTO reports (sha256, title, retrieved_at, media_type, size, text) "
                "VALUES (:sha, 'Report 5', :at, 'text/plain', 3, 'abc')"
            ),
            {"sha": "0" * 64, "at": dt.datetime(2024, 8, 7, tzinfo=dt.UTC)},
        )
    old.close()

    with pytest.raises(SchemaOutdated) as caught:
        sitrep.open(db)
    message = str(caught.value)
    assert "is at schema 0001" in message and f"needs {SCHEMA_HEAD}" in message
    assert "Run: sitrep db upgrade" in message

    upgrading = Store(db, check_schema=False)
    pending = [p["revision"] for p in migrate.pending(upgrading.engine)]
    assert pending == ["0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010"]
    assert migrate.upgrade(upgrading.engine) == ("0001", SCHEMA_HEAD)
    upgrading.close()
    with sitrep.open(db) as store:
        assert [r.title for r in store.reports()] == ["Report 5"]
        with store.read() as conn:
            digest = conn.execute(text("SELECT text_sha256 FROM reports")).scalar()
        assert digest == text_digest("abc")


def test_a_schema_from_a_newer_sitrep_is_refused(db: str) -> None:
    with sitrep.open(db) as store, store.transaction() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaOutdated, match="made by a newer Sitrep"):
        sitrep.open(db)


def test_a_database_with_foreign_tables_is_not_taken_over(db: str) -> None:
    store = Store(db, check_schema=False)
    with store.transaction() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY)"))
    store.close()
    with pytest.raises(SchemaOutdated, match="not a Sitrep database"):
        sitrep.open(db)


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path) -> None:
    with sitrep.open(str(tmp_path / "s.db")) as store, store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000


def test_foreign_keys_are_enforced(store: Store) -> None:
    from sqlalchemy.exc import IntegrityError

    from sitrep.store.tables import incident_reports

    incident_id = store.add_incident(seed_incident())
    with pytest.raises(IntegrityError), store.transaction() as conn:
        conn.execute(incident_reports.insert().values(incident_id=incident_id, report_id=999))


def test_upgrading_keeps_aggregate_statements_stored_before_weapons_were_recorded(db: str) -> None:
    old = Store(db, check_schema=False)
    migrate.upgrade(old.engine, "0002")
    with old.transaction() as conn:
        conn.execute(
            text(
                "INSERT INTO aggregates (metric, low, qualifier, actors) "
                "VALUES ('attacks', 101, 'more_than', '[]')"
            )
        )
    assert migrate.upgrade(old.engine) == ("0002", SCHEMA_HEAD)
    old.close()
    with sitrep.open(db) as store:
        [statement] = store.aggregates()
    assert (statement.value.low, statement.weapons) == (101, [])


def test_the_python_api_adds_a_report_with_its_incidents(store: Store) -> None:
    report = Report(
        text="Two rockets hit the base on Monday, injuring seven soldiers.", published="2024-08-07"
    )
    outcome = sitrep.add_report(store, report)
    assert (outcome.new, outcome.incidents) == (True, 1)
    [incident] = store.incidents(report_id=outcome.report_id)
    assert str(incident.date.start) == "2024-08-05"
    assert incident.injured is not None and incident.injured.best == 7
    found = sitrep.find_incidents(report.text, published="2024-08-07")
    assert found.incidents[0].date == incident.date


def test_upgrading_keeps_incidents_stored_before_location_candidates(db: str) -> None:
    old = Store(db, check_schema=False)
    migrate.upgrade(old.engine, "0003")
    with old.transaction() as conn:
        conn.execute(
            text(
                "INSERT INTO incidents (status, weapons, date_precision, place_precision, "
                "version, created_at, updated_at) VALUES ('candidate', '[]', 'day', 'country', "
                "1, '2024-08-07 00:00:00', '2024-08-07 00:00:00')"
            )
        )
    assert migrate.upgrade(old.engine) == ("0003", SCHEMA_HEAD)
    old.close()
    with sitrep.open(db) as store:
        [incident] = store.incidents()
    assert incident.location_candidates == []
