"""Incidents as an Apache Parquet file with typed columns, for pandas, R, DuckDB or Spark.

Input: Records from :func:`sitrep.export.query.iter_records` (with evidence, to get the
quotes) and the dataset's :class:`~sitrep.export.common.Meta`. Output: one Parquet file,
one row per incident, the columns of :func:`sitrep.export.flat.flat` plus ``quotes``
(its evidence quotes), typed by :data:`SCHEMA`:

    dates                 date32
    counts and ids        int32, nullable (None stays null, never 0)
    latitude, longitude   float64
    updated_at            timestamp[us, UTC]
    lists                 list<string> (report_ids: list<int32>)
    everything else       string

The dataset's metadata (``meta.as_dict()``) is in the file's key-value metadata.
Rows are written in row groups of ``row_group`` incidents, so memory holds one group
whatever the number of incidents.

    >>> write(iter_records(conn, Filters(), with_evidence=True), Path("incidents.parquet"), Meta())
    24
    >>> pyarrow.parquet.read_metadata("incidents.parquet").metadata[b"title"]
    b'Sitrep incidents'
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from sitrep.export.common import Meta, quotes
from sitrep.export.flat import COLUMNS, Kind, batched, flat
from sitrep.export.query import Record

ROW_GROUP = 50_000

TYPES: dict[Kind, Any] = {
    "str": pa.string(),
    "int": pa.int32(),
    "float": pa.float64(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us", tz="UTC"),
    "strlist": pa.list_(pa.string()),
    "intlist": pa.list_(pa.int32()),
}

SCHEMA: Any = pa.schema(
    [pa.field(name, TYPES[kind]) for name, kind in COLUMNS.items()]
    + [pa.field("quotes", TYPES["strlist"])]
)


def write(records: Iterable[Record], path: Path, meta: Meta, *, row_group: int = ROW_GROUP) -> int:
    """Write ``records`` to the Parquet file ``path``; how many rows were written."""
    schema = SCHEMA.with_metadata(meta.as_dict())
    written = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for chunk in batched(records, row_group):
            columns: dict[str, list[Any]] = {name: [] for name in schema.names}
            for record in chunk:
                row = flat(record)
                row["quotes"] = quotes(record)
                for name, values in columns.items():
                    values.append(row[name])
            writer.write_table(
                pa.Table.from_pydict(columns, schema=schema), row_group_size=row_group
            )
            written += len(chunk)
    return written
