"""Backup and restore (sitrep.store.backup): a whole database to JSON Lines and back into
an empty one gives the same database, row by row, on SQLite and PostgreSQL and across
them; damaged or misdirected backups are refused and leave the target empty."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON as JSONType
from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    Table,
    func,
    insert,
    select,
    update,
)

import sitrep
from conftest import fresh_database
from exportdata import fill
from sitrep.errors import InputError
from sitrep.models import Incident, Report
from sitrep.store import feeds as feed_rows
from sitrep.store import migrate
from sitrep.store.backup import dump, dump_store, restore, restore_store
from sitrep.store.backup import tables as backup_tables
from sitrep.store.db import as_utc, current_revision
from sitrep.store.store import Store
from sitrep.store.tables import incidents, metadata, reports


@pytest.fixture
def other_db(request: pytest.FixtureRequest, db: str, tmp_path: Path) -> Iterator[str]:
    """A second empty database on the same backend as ``db``."""
    backend = "postgresql" if db.startswith("postgresql") else "sqlite"
    yield from fresh_database(request, backend, tmp_path / "restored.db")


# Building a database with a row in every table


def synthetic_row(conn: Connection, table: Table, n: int) -> dict[str, Any]:
    """A row for a table the application did not fill: one value of each column's type,
    foreign keys pointing at the first row of the table they refer to."""
    row: dict[str, Any] = {}
    for column in table.columns:
        if column is table.autoincrement_column:
            continue
        refs = list(column.foreign_keys)
        if refs:
            target = refs[0].column
            row[column.name] = conn.execute(select(func.min(target))).scalar_one()
        elif isinstance(column.type, DateTime):
            row[column.name] = dt.datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=dt.UTC)
        elif isinstance(column.type, Date):
            row[column.name] = dt.date(2024, 2, 29)
        elif isinstance(column.type, LargeBinary):
            row[column.name] = bytes(range(256))
        elif isinstance(column.type, JSONType):
            row[column.name] = {"text": "a \u2028 b", "n": [1, 0.1, None]}
        elif isinstance(column.type, Integer):
            row[column.name] = n
        elif isinstance(column.type, Boolean):
            row[column.name] = n % 2 == 1
        elif column.type.python_type is float:
            row[column.name] = 0.1 + 0.2
        else:
            length = getattr(column.type, "length", None) or 40
            row[column.name] = f"v{n} \u0647\u062c\u0648\u0645"[:length]
    return row


def fill_everything(store: Store) -> None:
    """The export sample database, plus an edit and its undo, a feed with an entry, a
    report that points at a later one, an awkward float and text, and a synthetic row in
    every table still empty."""
    fill(store)
    first = store.incidents()[0]
    edited = store.set_field(first, "notes", 'line one\r\nline "two" \u2028 <b>', who="ana")
    store.undo(who="ana", why="checked again")
    assert store.incident(edited.id or 0).notes != edited.notes
    with store.transaction() as conn:
        feed = feed_rows.add_feed(
            conn, "https://example.org/feed.xml", name="Example", interval_seconds=900
        )
        feed_rows.record_entry(
            conn,
            feed.id,
            key="guid-1",
            content_hash="0" * 64,
            link="https://example.org/a",
            title="A title",
            published="Thu, 02 May 2024 10:00:00 +0300",
            report_id=1,
            error=None,
        )
        feed_rows.record_poll(conn, feed, at=dt.datetime.now(dt.UTC), status="ok", etag='W/"1"')
        last_report = conn.execute(select(func.max(reports.c.id))).scalar_one()
        conn.execute(update(reports).where(reports.c.id == 1).values(original_id=last_report))
        conn.execute(update(incidents).where(incidents.c.id == first.id).values(latitude=0.1 + 0.2))
        for n, table in enumerate(backup_tables(), start=1):
            if conn.execute(select(func.count()).select_from(table)).scalar_one() == 0:
                conn.execute(insert(table).values(synthetic_row(conn, table, n)))


# Comparing databases


def table_rows(conn: Connection, table: Table, *, to_utc: bool = False) -> list[tuple[Any, ...]]:
    """Every row of ``table`` in key order: each value with its time zone offset, and
    whether the cell is SQL NULL (a JSON null is not)."""
    flags = [c.is_(None).label(f"{c.name} is null") for c in table.columns]
    order = list(table.primary_key.columns) or list(table.columns)
    out = []
    for row in conn.execute(select(*table.columns, *flags).order_by(*order)):
        values: list[Any] = []
        for value in row[: len(table.columns)]:
            if isinstance(value, dt.datetime):
                if to_utc:
                    value = (as_utc(value) or value).astimezone(dt.UTC)
                values.append((value, value.utcoffset()))
            elif isinstance(value, memoryview):
                values.append(bytes(value))
            else:
                values.append(value)
        # SQLite says 0/1, PostgreSQL False/True.
        values.extend(bool(flag) for flag in row[len(table.columns) :])
        out.append(tuple(values))
    return out


def assert_same_database(a: Store, b: Store, *, to_utc: bool = False) -> None:
    with a.read() as left, b.read() as right:
        assert current_revision(left) == current_revision(right)
        for table in metadata.sorted_tables:
            mine = table_rows(left, table, to_utc=to_utc)
            theirs = table_rows(right, table, to_utc=to_utc)
            if table.info.get("derived"):
                # Rebuilt by the database as the rows came in: the same groups and sums,
                # under ids of their own.
                mine = sorted((row[1:] for row in mine), key=repr)
                theirs = sorted((row[1:] for row in theirs), key=repr)
                assert mine, table.name
            assert len(mine) == len(theirs), table.name
            for x, y in zip(mine, theirs, strict=True):
                assert x == y, f"{table.name}: {x} != {y}"


def body(lines: list[bytes]) -> list[bytes]:
    """A backup without its header (which carries the time it was made)."""
    return lines[1:]


def backup_bytes(store: Store, *, batch: int = 1000) -> bytes:
    buffer = io.BytesIO()
    dump_store(store, buffer, batch=batch)
    return buffer.getvalue()


# Round trips


def test_restore_gives_back_the_same_database_row_by_row(db: str, other_db: str) -> None:
    with sitrep.open(db) as source, sitrep.open(other_db) as target:
        fill_everything(source)
        data = backup_bytes(source)
        counts = restore_store(target, io.BytesIO(data))

        with source.read() as conn:
            for table in backup_tables():
                stored = conn.execute(select(func.count()).select_from(table)).scalar_one()
                assert counts[table.name] == stored > 0, table.name
            merged_forward = conn.execute(
                select(func.count()).where(incidents.c.merged_into_id > incidents.c.id)
            ).scalar_one()
            assert merged_forward > 0  # a merged incident points at a later one
        assert_same_database(source, target)
        assert body(backup_bytes(target).splitlines()) == body(data.splitlines())


def test_backup_lines_say_what_they_hold(db: str) -> None:
    with sitrep.open(db) as store:
        fill_everything(store)
        lines = [json.loads(line) for line in backup_bytes(store).splitlines()]
    header, rows, footer = lines[0], lines[1:-1], lines[-1]
    assert header["format"] == "sitrep-backup" and header["version"] == 1
    assert header["schema"] == migrate.head_revision()
    assert dt.datetime.fromisoformat(header["created"]).utcoffset() == dt.timedelta(0)
    derived = {"incident_days"}
    assert header["tables"] == [t.name for t in metadata.sorted_tables if t.name not in derived]
    assert footer == {
        "end": True,
        "rows": {t: sum(r["table"] == t for r in rows) for t in header["tables"]},
    }
    # Parents first: the tables appear in the header's order, each in key order.
    order = [header["tables"].index(r["table"]) for r in rows]
    assert order == sorted(order)
    report_ids = [r["row"]["id"] for r in rows if r["table"] == "reports"]
    assert report_ids == sorted(report_ids)
    first_report = next(r["row"] for r in rows if r["table"] == "reports")
    assert first_report["retrieved_at"].endswith("+00:00")
    raw = next(r["row"] for r in rows if r["table"] == "report_raw")
    assert set(raw["data"]) == {"$b64"}
    stored_null = next(r["row"] for r in rows if r["table"] == "audit_log")
    assert stored_null["old"] == {"$json": None}  # a JSON null, not an empty cell
    latitudes = [r["row"]["latitude"] for r in rows if r["table"] == "incidents"]
    assert 0.1 + 0.2 in latitudes  # 0.30000000000000004, to the last digit


def test_small_batches_give_the_same_backup(db: str) -> None:
    with sitrep.open(db) as store:
        fill_everything(store)
        whole = backup_bytes(store).splitlines()
        paged = backup_bytes(store, batch=7).splitlines()
    assert body(paged) == body(whole)


def test_text_files_round_trip(db: str, other_db: str, tmp_path: Path) -> None:
    path = tmp_path / "sitrep-backup.jsonl"
    with sitrep.open(db) as source, sitrep.open(other_db) as target:
        fill_everything(source)  # text with \r\n and U+2028, which must not split lines
        with path.open("w", encoding="utf-8") as out, source.read() as conn:
            dump(conn, out, batch=5)
        with path.open(encoding="utf-8") as lines, target.transaction() as conn:
            restore(conn, lines, batch=3)
        assert_same_database(source, target)


def test_new_rows_after_a_restore_get_new_ids(db: str, other_db: str) -> None:
    with sitrep.open(db) as source, sitrep.open(other_db) as target:
        fill(source)
        restore_store(target, io.BytesIO(backup_bytes(source)))
        before = max(r.id for r in target.reports() if r.id is not None)
        added = target.add_report(Report(text="A new report written after the restore."))
        assert added.new and added.id == before + 1
        incident_id = target.add_incident(Incident(report_ids=[added.id]))
        assert incident_id > max(i.id or 0 for i in source.incidents(status="all"))


def test_sqlite_backup_restores_into_either_backend(db: str, tmp_path: Path) -> None:
    with sitrep.open(str(tmp_path / "source.db")) as source, sitrep.open(db) as target:
        fill_everything(source)
        restore_store(target, io.BytesIO(backup_bytes(source)))
        assert_same_database(source, target, to_utc=True)


def test_backup_of_either_backend_restores_into_sqlite(db: str, tmp_path: Path) -> None:
    with sitrep.open(db) as source, sitrep.open(str(tmp_path / "target.db")) as target:
        fill_everything(source)
        restore_store(target, io.BytesIO(backup_bytes(source)))
        assert_same_database(source, target, to_utc=True)


# Refusals


def small_backup(db: str) -> list[bytes]:
    with sitrep.open(db) as store:
        report = store.add_report(Report(text="Two rockets hit the base on Monday."))
        store.add_incident(Incident(report_ids=[report.id], notes="first"))
        return backup_bytes(store).splitlines()


def assert_empty(store: Store) -> None:
    with store.read() as conn:
        for table in metadata.sorted_tables:
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 0


def refused(target: Store, lines: list[bytes], match: str) -> None:
    with pytest.raises(InputError, match=match):
        restore_store(target, io.BytesIO(b"\n".join(lines) + b"\n"), name="backup.jsonl")
    assert_empty(target)


def test_restore_refuses_a_database_with_rows(db: str, other_db: str) -> None:
    lines = small_backup(other_db)
    with sitrep.open(db) as target:
        target.add_report(Report(text="Already here."))
        with pytest.raises(InputError, match="not empty"):
            restore_store(target, io.BytesIO(b"\n".join(lines)))
        assert target.count_reports() == 1


def test_restore_refuses_a_cut_off_backup(db: str, other_db: str) -> None:
    lines = small_backup(other_db)
    with sitrep.open(db) as target:
        refused(target, lines[:-1], "no end line: the file was cut off")
        refused(target, [*lines[:-2], lines[-2][:20]], f"line {len(lines) - 1}: not JSON")


def test_restore_names_the_line_that_is_not_json(db: str, other_db: str) -> None:
    lines = small_backup(other_db)
    with sitrep.open(db) as target:
        refused(target, [*lines[:2], b"garbage{", *lines[2:]], "backup.jsonl line 3: not JSON")


def test_restore_refuses_a_file_that_is_not_a_backup(db: str, other_db: str) -> None:
    lines = small_backup(other_db)
    with sitrep.open(db) as target:
        refused(target, [b'{"format": "geojson"}', *lines[1:]], "not a Sitrep backup")
        refused(target, lines[1:], "line 1: not a Sitrep backup")
        refused(target, [], "not a Sitrep backup")


def test_restore_refuses_another_schema_revision(db: str, other_db: str) -> None:
    lines = small_backup(other_db)
    header = json.loads(lines[0])
    header["schema"] = "0001"
    with sitrep.open(db) as target:
        refused(target, [json.dumps(header).encode(), *lines[1:]], "made at schema 0001")


def test_restore_refuses_a_database_at_an_older_schema(other_db: str, tmp_path: Path) -> None:
    lines = small_backup(other_db)
    older = Store(str(tmp_path / "older.db"), check_schema=False)
    with older:
        migrate.upgrade(older.engine, "0005")
        with pytest.raises(InputError, match="the database is at schema 0005"):
            restore_store(older, io.BytesIO(b"\n".join(lines)))


def test_restore_refuses_rows_missing_from_the_middle(db: str, other_db: str) -> None:
    lines = small_backup(other_db)
    with sitrep.open(db) as target:
        # The last row (a leaf: nothing refers to it) is gone, the end line still counts it.
        refused(target, [*lines[:-2], lines[-1]], "the backup is damaged")


def test_a_row_the_database_refuses_leaves_it_empty(db: str, other_db: str) -> None:
    lines = small_backup(other_db)
    # The incident's link to its report, with the report's line taken out: every earlier
    # row was already inserted when the database refuses it.
    no_report = [line for line in lines if b'"table": "reports"' not in line]
    footer = json.loads(no_report[-1])
    footer["rows"]["reports"] = 0
    with sitrep.open(db) as target:
        refused(target, [*no_report[:-1], json.dumps(footer).encode()], "the database refused")
