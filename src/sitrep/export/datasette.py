"""Incidents as a SQLite file ready for Datasette, with its metadata beside it.

Input: Records from :func:`sitrep.export.query.iter_records` (with evidence, to get the
quotes), the dataset's :class:`~sitrep.export.common.Meta` and a new file's path.
Output: ``PATH`` (for example ``incidents.db``), a SQLite database of four tables, and
``incidents.metadata.json`` beside it (Datasette's metadata: title, license, source,
description with the filters, a description of each table and column):

    incidents   one row per incident: the columns of :func:`sitrep.export.flat.flat`;
                dates as ISO 8601 text, lists as JSON text; ``latitude`` and
                ``longitude`` columns, so datasette-cluster-map draws the map
    sources     incident_id, incident_code, report_id, publisher, title, author,
                published, url, citation: one row per report of an incident
    evidence    incident_id, incident_code, field, quote, report_id, span_start,
                span_end, page: one row per quote
    _metadata   key, value: the same metadata, for tools that only see the file

with indexes on the columns people filter by (date, country, admin1, event type,
status, grade, code, report, publisher, field). An existing file is refused unless
``overwrite=True``. The database is built under a temporary name and renamed when
complete, so a failed export leaves no half-written file; rows go in with one
``executemany`` per batch, so memory holds one batch whatever the number of incidents.

    >>> write(iter_records(conn, Filters(), with_evidence=True), Path("incidents.db"), Meta())
    24

Then: ``datasette incidents.db --metadata incidents.metadata.json``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.export.common import Meta, citation
from sitrep.export.flat import COLUMNS, DESCRIPTIONS, Kind, batched, dumps, flat
from sitrep.export.query import Record

BATCH = 5000

SQL_TYPES: dict[Kind, str] = {
    "str": "TEXT",
    "int": "INTEGER",
    "float": "REAL",
    "date": "TEXT",
    "timestamp": "TEXT",
    "strlist": "TEXT",
    "intlist": "TEXT",
}

SOURCE_COLUMNS = (
    "incident_id",
    "incident_code",
    "report_id",
    "publisher",
    "title",
    "author",
    "published",
    "url",
    "citation",
)
EVIDENCE_COLUMNS = (
    "incident_id",
    "incident_code",
    "field",
    "quote",
    "report_id",
    "span_start",
    "span_end",
    "page",
)

INDEXES = {
    "incidents": ("date_start", "country_code", "admin1", "event_type", "status", "grade"),
    "sources": ("incident_id", "report_id", "publisher"),
    "evidence": ("incident_id", "field"),
}

TABLE_DESCRIPTIONS = {
    "incidents": "One row per incident; lists are JSON text, dates ISO 8601.",
    "sources": "The reports each incident is drawn from, one row per report and incident.",
    "evidence": "The passages of the reports each value was read from, one row per quote.",
    "_metadata": "How this dataset was made: title, filters, licence, citation.",
}


def metadata_path(path: Path) -> Path:
    """Where the Datasette metadata of ``path`` goes: same stem, ``.metadata.json``."""
    return path.with_name(f"{path.stem}.metadata.json")


def write(
    records: Iterable[Record],
    path: Path,
    meta: Meta,
    *,
    overwrite: bool = False,
    batch: int = BATCH,
) -> int:
    """Write ``records`` to the new SQLite file ``path`` and its metadata JSON beside it;
    how many incidents were written."""
    path = Path(path)
    side = metadata_path(path)
    if not overwrite:
        for existing in (path, side):
            if existing.exists():
                raise InputError(
                    f"{existing} already exists; choose another file name or allow overwriting it"
                )
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    side_partial = side.with_name(f".{side.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(partial)) as conn:
            written = _fill(conn, records, batch)
            about = datasette_metadata(meta, path.stem, written)
            _write_metadata_table(conn, meta, about)
            conn.commit()
        side_partial.write_text(json.dumps(about, ensure_ascii=False, indent=2) + "\n", "utf-8")
        os.replace(partial, path)
        os.replace(side_partial, side)
    finally:
        partial.unlink(missing_ok=True)
        side_partial.unlink(missing_ok=True)
    return written


def datasette_metadata(meta: Meta, database: str, count: int) -> dict[str, Any]:
    """Datasette's metadata for the database named ``database`` of ``count`` incidents."""
    info = meta.as_dict()
    return {
        "title": info["title"],
        "description": (
            f"{count} incidents coded by Sitrep from news reports. "
            f"Filters: {info['filters']}. Made {info['created']} with {info['generator']}. "
            f"Cite as: {info['citation']}."
        ),
        "license": info["licence"],
        "source": "The news reports cited with each incident (table sources)",
        "databases": {
            database: {
                "tables": {
                    "incidents": {
                        "description": TABLE_DESCRIPTIONS["incidents"],
                        "label_column": "code",
                        "columns": DESCRIPTIONS,
                    },
                    "sources": {"description": TABLE_DESCRIPTIONS["sources"]},
                    "evidence": {"description": TABLE_DESCRIPTIONS["evidence"]},
                    "_metadata": {"description": TABLE_DESCRIPTIONS["_metadata"], "hidden": True},
                }
            }
        },
    }


def _fill(conn: sqlite3.Connection, records: Iterable[Record], batch: int) -> int:
    # The file is renamed into place only when complete: no journal needed meanwhile.
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    _create_tables(conn)
    written = 0
    incident_sql = _insert("incidents", tuple(COLUMNS))
    source_sql = _insert("sources", SOURCE_COLUMNS)
    evidence_sql = _insert("evidence", EVIDENCE_COLUMNS)
    for chunk in batched(records, batch):
        conn.executemany(incident_sql, (_incident_row(r) for r in chunk))
        conn.executemany(source_sql, _source_rows(chunk))
        conn.executemany(evidence_sql, _evidence_rows(chunk))
        written += len(chunk)
    for table, columns in INDEXES.items():
        for column in columns:
            conn.execute(f'CREATE INDEX "ix_{table}_{column}" ON "{table}" ("{column}")')
    conn.execute('CREATE UNIQUE INDEX "ix_incidents_code" ON "incidents" ("code")')
    return written


def _create_tables(conn: sqlite3.Connection) -> None:
    columns = ",\n  ".join(
        f'"{name}" INTEGER PRIMARY KEY' if name == "id" else f'"{name}" {SQL_TYPES[kind]}'
        for name, kind in COLUMNS.items()
    )
    conn.execute(f'CREATE TABLE "incidents" (\n  {columns}\n)')
    conn.execute(
        """CREATE TABLE "sources" (
  "incident_id" INTEGER NOT NULL REFERENCES "incidents" ("id"),
  "incident_code" TEXT,
  "report_id" INTEGER NOT NULL,
  "publisher" TEXT,
  "title" TEXT,
  "author" TEXT,
  "published" TEXT,
  "url" TEXT,
  "citation" TEXT NOT NULL
)"""
    )
    conn.execute(
        """CREATE TABLE "evidence" (
  "incident_id" INTEGER NOT NULL REFERENCES "incidents" ("id"),
  "incident_code" TEXT,
  "field" TEXT,
  "quote" TEXT NOT NULL,
  "report_id" INTEGER,
  "span_start" INTEGER,
  "span_end" INTEGER,
  "page" INTEGER
)"""
    )


def _insert(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks})'


def _incident_row(record: Record) -> tuple[Any, ...]:
    values = flat(record)
    return tuple(_sql_value(values[name], kind) for name, kind in COLUMNS.items())


def _sql_value(value: Any, kind: Kind) -> Any:
    if value is None:
        return None
    if kind in ("date", "timestamp"):
        return value.isoformat()
    if kind in ("strlist", "intlist"):
        return dumps(value)
    return value


def _source_rows(chunk: list[Record]) -> Iterator[tuple[Any, ...]]:
    for record in chunk:
        for report in record.reports:
            yield (
                record.row["id"],
                record.row["code"],
                report["id"],
                report.get("publisher"),
                report.get("title"),
                report.get("author"),
                report.get("published"),
                report.get("url"),
                citation(report),
            )


def _evidence_rows(chunk: list[Record]) -> Iterator[tuple[Any, ...]]:
    for record in chunk:
        for span in record.evidence:
            yield (
                record.row["id"],
                record.row["code"],
                span["field"],
                span["quote"],
                span["report_id"],
                span["start"],
                span["end"],
                span["page"],
            )


def _write_metadata_table(conn: sqlite3.Connection, meta: Meta, about: dict[str, Any]) -> None:
    rows = {
        **meta.as_dict(),
        "description": about["description"],
        "source": about["source"],
        "metadata_json": json.dumps(about, ensure_ascii=False),
    }
    conn.execute('CREATE TABLE "_metadata" ("key" TEXT PRIMARY KEY, "value" TEXT NOT NULL)')
    conn.executemany('INSERT INTO "_metadata" ("key", "value") VALUES (?, ?)', rows.items())
