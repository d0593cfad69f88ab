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
Records are turned into Arrow batches :data:`BATCH` at a time and written in row groups of
``row_group`` incidents, so memory holds one group of Arrow data and one batch of records
whatever the number of incidents.

    >>> write(iter_records(conn, Filters(), with_evidence=True), Path("incidents.parquet"), Meta())
    24
    >>> pyarrow.parquet.read_metadata("incidents.parquet").metadata[b"title"]
    b'Sitrep incidents'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from sitrep.export.common import Meta, quotes_of
from sitrep.export.flat import COLUMNS, Kind, batched, flat_columns
from sitrep.export.query import Batch, Record

ROW_GROUP = 50_000
# Records turned into Arrow at a time (Arrow's columns are compact; Python's objects not).
BATCH = 5000

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
    size = min(BATCH, row_group)
    return write_batches((Batch.of(chunk) for chunk in batched(records, size)), path, meta,
                         row_group=row_group)  # fmt: skip


def write_batches(
    found: Iterable[Batch], path: Path, meta: Meta, *, row_group: int = ROW_GROUP
) -> int:
    """Write batches of incidents to the Parquet file ``path``; how many rows were written."""
    with pq.ParquetWriter(str(path), SCHEMA.with_metadata(meta.as_dict())) as writer:
        return write_arrow(writer, (arrow(batch) for batch in found), row_group=row_group)


def arrow(batch: Batch) -> Any:
    """A batch of incidents as an Arrow record batch of :data:`SCHEMA`."""
    columns = flat_columns(batch)
    columns["quotes"] = [quotes_of(spans) for spans in batch.evidence]
    return pa.RecordBatch.from_pydict(columns, schema=SCHEMA)


def batches(records: Iterable[Record], *, size: int = BATCH) -> Iterator[Any]:
    """``records`` as Arrow record batches of :data:`SCHEMA`, ``size`` rows each."""
    for chunk in batched(records, size):
        yield arrow(Batch.of(chunk))


def table(records: Iterable[Record]) -> Any:
    """``records`` as one Arrow table of :data:`SCHEMA` (without the dataset's metadata)."""
    return pa.Table.from_batches(list(batches(records)), schema=SCHEMA)


def write_arrow(writer: Any, found: Iterable[Any], *, row_group: int = ROW_GROUP) -> int:
    """Write record batches to an open ParquetWriter, ``row_group`` rows to a row group;
    how many rows were written."""
    group: list[Any] = []
    pending = written = 0
    for batch in found:
        group.append(batch)
        pending += batch.num_rows
        if pending >= row_group:
            writer.write_table(pa.Table.from_batches(group), row_group_size=row_group)
            written += pending
            group, pending = [], 0
    if group:
        writer.write_table(pa.Table.from_batches(group), row_group_size=row_group)
        written += pending
    return written


def write_part(found: Iterable[Batch], path: Path) -> int:
    """Batches of incidents as an Arrow IPC stream file at ``path``: a part of a Parquet
    file written by several processes (see :func:`read_part`); how many rows it holds."""
    written = 0
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_stream(sink, SCHEMA) as stream:
        for batch in found:
            stream.write_batch(arrow(batch))
            written += len(batch)
    return written


def read_part(path: Path) -> Iterator[Any]:
    """The record batches of a part written by :func:`write_part`."""
    with pa.OSFile(str(path), "rb") as source:  # read, not mapped: memory stays a batch
        yield from pa.ipc.open_stream(source)
