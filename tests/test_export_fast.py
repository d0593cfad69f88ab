"""The fast paths of a large export: incidents read as the driver gives them, read in
batches column by column, CSV written a column at a time, and the work shared by several
processes. Each is checked against the plain way of doing the same thing."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import select

import sitrep
from exportdata import fill
from sitrep.export import acled, gtd, parquet, ucdp
from sitrep.export.common import Meta
from sitrep.export.csv_rows import csv_texts, write_columns
from sitrep.export.query import Batch, Filters, iter_batches, iter_records, split
from sitrep.export.run import export
from sitrep.models import Incident, Place, Report
from sitrep.store import Store
from sitrep.store.backup import export_snapshot, snapshot
from sitrep.store.incidents import replace_candidates
from sitrep.store.records import _COLUMNS
from sitrep.store.tables import incidents

ALL = Filters(statuses=("all",))


@pytest.fixture
def filled(db: str) -> Iterator[Store]:
    store = sitrep.open(db)
    try:
        fill(store)
        yield store
    finally:
        store.close()


def test_rows_read_from_the_driver_equal_sqlalchemys_typed_rows(filled: Store) -> None:
    with filled.read() as conn:
        typed = {
            r["id"]: dict(r)
            for r in conn.execute(select(*_COLUMNS).order_by(incidents.c.id)).mappings()
        }
        fast = {r.row["id"]: r.row for r in iter_records(conn, ALL)}
    assert fast.keys() == typed.keys() and len(fast) > 10
    for incident_id, row in fast.items():
        expected = dict(typed[incident_id])
        if expected["independent_sources"] is None:
            expected["independent_sources"] = row["independent_sources"]  # set by the reader
        assert row == expected
        assert {k: type(v) for k, v in row.items()} == {k: type(v) for k, v in expected.items()}
    assert any(isinstance(r["date_start"], dt.date) for r in fast.values())
    assert any(isinstance(r["weapons"], list) and r["weapons"] for r in fast.values())


def test_batches_hold_the_same_incidents_as_records(filled: Store) -> None:
    with filled.read() as conn:
        records = list(iter_records(conn, ALL, with_evidence=True))
        batches = list(iter_batches(conn, ALL, with_evidence=True, batch=3))
    assert len(batches) > 3 and all(len(b) <= 3 for b in batches)
    again = [r for b in batches for r in b.records()]
    assert [r.row for r in again] == [r.row for r in records]
    assert [r.actors for r in again] == [r.actors for r in records]
    assert [r.reports for r in again] == [r.reports for r in records]
    assert [r.evidence for r in again] == [r.evidence for r in records]
    rebuilt = list(Batch.of(records).records())
    assert [(r.row, r.actors, r.reports, r.evidence) for r in rebuilt] == [
        (r.row, r.actors, r.reports, r.evidence) for r in records
    ]


def test_small_windows_and_an_indexed_filter_read_every_incident_once(filled: Store) -> None:
    with filled.read() as conn:
        whole = [r.row["id"] for r in iter_records(conn, ALL)]
        codes = sorted({r.row["country_code"] for r in iter_records(conn, ALL)} - {None})
        two = Filters(statuses=("all",), countries=tuple(codes[:2]))
        expected = [
            r.row["id"] for r in iter_records(conn, ALL) if r.row["country_code"] in codes[:2]
        ]
        windowed = [r.row["id"] for r in iter_records(conn, two, batch=2)]
    assert windowed == expected and len(expected) > 2
    assert len(set(whole)) == len(whole)


@pytest.mark.parametrize("parts", [1, 2, 3, 50])
def test_split_cuts_the_incidents_into_runs_that_cover_each_once(filled: Store, parts: int) -> None:
    with filled.read() as conn:
        ids = [r.row["id"] for r in iter_records(conn, ALL)]
        runs = split(conn, ALL, parts)
        found = [
            [r.row["id"] for r in iter_records(conn, ALL, after=after, upto=upto)]
            for after, upto in runs
        ]
    assert len(runs) == min(parts, len(ids))
    assert [i for run in found for i in run] == ids
    sizes = [len(run) for run in found]
    assert max(sizes) - min(sizes) <= 1
    assert runs[-1][1] is None


AWKWARD_CELLS: list[object] = [
    None,
    "",
    "plain",
    "a, b",
    'say "hi"',
    "two\nlines",
    "carriage\rreturn",
    "\u0647\u062c\u0648\u0645 , \u0645\u0633\u0644\u062d",
    " spaced ",
    0,
    -12,
    3.25,
    1e-07,
    12.552930988600576,
    dt.date(2024, 1, 28),
]


def test_csv_written_a_column_at_a_time_is_what_the_csv_module_writes() -> None:
    width = len(AWKWARD_CELLS)
    rows = [AWKWARD_CELLS[k:] + AWKWARD_CELLS[:k] for k in range(width)]
    rows.append(["x"] * width)  # a row with nothing to quote
    expected = io.StringIO()
    csv.writer(expected).writerows(rows)
    columns = [list(column) for column in zip(*rows, strict=True)]
    got = io.StringIO()
    batch = Batch.of([])
    batch.columns = {"id": [0] * len(rows)}
    assert write_columns([batch], got, lambda _b: columns) == len(rows)
    assert got.getvalue() == expected.getvalue()
    assert list(csv.reader(io.StringIO(got.getvalue()))) == [
        ["" if v is None else str(v) for v in row] for row in rows
    ]
    assert csv_texts(["a", None, 1]) == ["a", "", "1"]


@pytest.mark.parametrize("module", [acled, ucdp, gtd])
def test_csv_rows_hold_only_what_the_csv_module_writes_right(filled: Store, module: object) -> None:
    with filled.read() as conn:
        records = list(iter_records(conn, ALL, with_evidence=True))
    for record in records:
        for name, value in module.rows(record).items():  # type: ignore[attr-defined]
            assert type(value) in (str, int, float, type(None), dt.date), (name, value)


def _texts(store: Store, fmt: str, tmp_path: Path, jobs: int) -> str:
    target = tmp_path / f"{fmt}-{jobs}.out"
    with target.open("w", encoding="utf-8", newline="") as out:
        written = export(store, fmt, ALL, Meta(), out, jobs=jobs, workdir=tmp_path, part_size=1)
    assert written > 10
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["acled", "ucdp", "gtd", "incidents-jsonl"])
def test_several_processes_write_the_same_file_as_one(
    filled: Store, tmp_path: Path, fmt: str
) -> None:
    one = _texts(filled, fmt, tmp_path, 1)
    assert _texts(filled, fmt, tmp_path, 3) == one
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".sitrep-parts")] == []


def test_several_processes_write_the_same_parquet_rows_as_one(
    filled: Store, tmp_path: Path
) -> None:
    paths = []
    for jobs in (1, 2):
        path = tmp_path / f"{jobs}.parquet"
        export(filled, "parquet", ALL, Meta(), path, jobs=jobs, workdir=tmp_path, part_size=1)
        paths.append(path)
    one, two = (pq.read_table(p) for p in paths)
    assert one.num_rows > 10 and one.equals(two)
    assert pq.read_metadata(paths[1]).metadata[b"title"] == b"Sitrep incidents"


def test_the_export_modules_row_function_matches_its_batch_function(filled: Store) -> None:
    with filled.read() as conn:
        batches = list(iter_batches(conn, ALL, with_evidence=True, batch=4))
    for batch in batches:
        columns = acled.columns(batch)
        for k, record in enumerate(batch.records()):
            assert list(acled.rows(record).values()) == [column[k] for column in columns]
        table = parquet.arrow(batch).to_pylist()
        assert [row["code"] for row in table] == batch.columns["code"]


def test_an_export_reads_one_snapshot_in_every_process(db: str, tmp_path: Path) -> None:
    store = sitrep.open(db)
    try:
        fill(store)
        with snapshot(store) as conn:
            shared = export_snapshot(conn)
            before = sum(1 for _ in iter_records(conn, ALL))
            added = store.add_report(Report(text="A later report.", url="https://x.org/9"))
            with store.transaction() as writing:
                replace_candidates(
                    writing,
                    added.id,
                    [Incident(event_type="Battles", location=Place(precision="unknown"))],
                    [],
                )
            with snapshot(store, shared=shared) as other:
                seen = sum(1 for _ in iter_records(other, ALL))
        with store.read() as conn:
            now = sum(1 for _ in iter_records(conn, ALL))
    finally:
        store.close()
    assert now == before + 1
    if store.dialect == "postgresql":
        assert shared is not None and seen == before  # the other session saw the same moment
    else:
        assert shared is None and seen == now  # SQLite: each reader its own snapshot
