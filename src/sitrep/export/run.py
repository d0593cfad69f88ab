"""How an export runs: the filtered incidents read and written in one process, or, for a
large export, cut into runs of ids written by several processes at once.

Input: an open Store, a format name (see :data:`MODULES`), the filters, the dataset's
metadata, and where to write (a text stream for text formats, a path for Parquet and
Datasette). Output: the file, and how many incidents it holds. The file is the same,
byte for byte, whichever number of processes wrote it (a test compares them).

    >>> with open("all.csv", "w", newline="", encoding="utf-8") as out:
    ...     export(store, "acled", Filters(), Meta(), out, jobs=2)
    1000000

With ``jobs`` above 1, a CSV, JSON Lines or Parquet export of at least
:data:`PART_SIZE` incidents per process is cut by :func:`sitrep.export.query.split`
into that many runs of ids of about the same size. This process writes the first run
straight to the output while each other run is written by a process of its own to a part
file in ``workdir`` (Parquet's parts are Arrow IPC streams); the parts are then appended
in order and deleted. On PostgreSQL every process reads the same snapshot (the way
``pg_dump --jobs`` does); on SQLite each process reads its own, so incidents changed
while a parallel export runs may be seen before the change in one run and after it in
another (each incident is written once, from one moment).

Python's cyclic garbage collector is told to run less often while an export runs: an
export makes millions of short-lived objects and no cycles, and the collector's scans
took two fifths of the time.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import importlib
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sitrep.export.common import Meta
from sitrep.export.query import Batch, Filters, count, iter_batches, iter_records, split
from sitrep.store.backup import export_snapshot, snapshot

if TYPE_CHECKING:
    from sitrep.store import Connection, Store

# Format name -> the module that writes it.
MODULES: dict[str, str] = {
    "acled": "sitrep.export.acled",
    "ucdp": "sitrep.export.ucdp",
    "gtd": "sitrep.export.gtd",
    "geojson": "sitrep.export.geojson",
    "incidents-jsonl": "sitrep.export.jsonl",
    "parquet": "sitrep.export.parquet",
    "datasette": "sitrep.export.datasette",
}
# The formats that write a file at a path (the others write to a text stream).
PATH_FORMATS = frozenset({"parquet", "datasette"})
# The formats several processes can write.
PARALLEL = frozenset({"acled", "ucdp", "gtd", "incidents-jsonl", "parquet"})
# The formats written from batches of incidents column by column (the fastest way).
BATCHED = frozenset({"acled", "parquet"})
# The fewest incidents worth a process of their own (starting one takes about a second).
PART_SIZE = 50_000


def default_jobs() -> int:
    """How many processes an export may use when not told: the machine's cores, up to 4."""
    return max(1, min(4, os.cpu_count() or 1))


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector run a hundred times less often inside the block."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def export(
    store: Store,
    fmt: str,
    filters: Filters,
    meta: Meta,
    out: TextIO | Path,
    *,
    jobs: int = 1,
    workdir: Path | None = None,
    part_size: int = PART_SIZE,
    **options: Any,
) -> int:
    """Write the incidents ``filters`` keep in format ``fmt`` to ``out``; how many were
    written. ``options`` go to the format's writer (Datasette's ``overwrite``)."""
    if fmt not in MODULES:
        raise ValueError(f"unknown export format {fmt!r}")
    if jobs < 1:
        raise ValueError(f"jobs {jobs} is not positive")
    module = _module(fmt)
    with fewer_collections(), snapshot(store) as conn:
        parts = 1
        if jobs > 1 and fmt in PARALLEL and store.db != ":memory:":
            parts = max(1, min(jobs, count(conn, filters) // part_size))
        if parts == 1:
            if fmt == "parquet":
                assert isinstance(out, Path)
                return int(module.write_batches(_batches(conn, filters), out, meta))
            if fmt in BATCHED:
                assert not isinstance(out, Path)
                _head(fmt, out)
                return _body(fmt, conn, filters, 0, None, out)
            records = iter_records(conn, filters, with_evidence=True)
            return int(module.write(records, out, meta, **options))
        ranges = split(conn, filters, parts)
        shared = export_snapshot(conn)
        folder = Path(tempfile.mkdtemp(prefix=".sitrep-parts-", dir=workdir))
        try:
            return _parallel(store.db, conn, fmt, filters, meta, out, ranges, shared, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _batches(
    conn: Connection, filters: Filters, after: int = 0, upto: int | None = None
) -> Iterator[Batch]:
    return iter_batches(conn, filters, with_evidence=True, after=after, upto=upto)


def _parallel(
    db: str,
    conn: Connection,
    fmt: str,
    filters: Filters,
    meta: Meta,
    out: TextIO | Path,
    ranges: list[tuple[int, int | None]],
    shared: str | None,
    folder: Path,
) -> int:
    paths = [folder / f"part-{k}" for k in range(1, len(ranges))]
    context = multiprocessing.get_context("spawn")  # a fork would copy open connections
    with ProcessPoolExecutor(max_workers=len(paths), mp_context=context) as pool:
        futures: list[Future[int]] = [
            pool.submit(write_part, db, fmt, filters, after, upto, str(path), shared)
            for (after, upto), path in zip(ranges[1:], paths, strict=True)
        ]
        after, upto = ranges[0]
        if fmt == "parquet":
            assert isinstance(out, Path)
            return _parquet(_batches(conn, filters, after, upto), out, meta, futures, paths)
        assert not isinstance(out, Path)
        _head(fmt, out)
        written = _body(fmt, conn, filters, after, upto, out)
        for future, path in zip(futures, paths, strict=True):
            written += future.result()
            _append(path, out)
            path.unlink()
        return written


def _append(path: Path, out: TextIO) -> None:
    """The text of a part file at the end of ``out``: as bytes when ``out`` is a UTF-8
    file (no decoding and encoding again), else as text."""
    binary = getattr(out, "buffer", None)
    if binary is not None and (getattr(out, "encoding", "") or "").lower() in ("utf-8", "utf8"):
        out.flush()
        with path.open("rb") as part:
            shutil.copyfileobj(part, binary, 1 << 20)
        return
    with path.open(encoding="utf-8", newline="") as part:
        shutil.copyfileobj(part, out, 1 << 20)


def _parquet(
    first: Iterator[Batch], path: Path, meta: Meta, futures: list[Future[int]], parts: list[Path]
) -> int:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    from sitrep.export import parquet

    def found() -> Iterator[Any]:
        for batch in first:
            yield parquet.arrow(batch)
        for future, part in zip(futures, parts, strict=True):
            future.result()
            yield from parquet.read_part(part)
            part.unlink()

    with pq.ParquetWriter(str(path), parquet.SCHEMA.with_metadata(meta.as_dict())) as writer:
        return parquet.write_arrow(writer, found())


def write_part(
    db: str,
    fmt: str,
    filters: Filters,
    after: int,
    upto: int | None,
    path: str,
    shared: str | None,
) -> int:
    """One run of ids of an export, written to the part file ``path`` by a process of its
    own; how many incidents it holds. ``shared``: the snapshot to read (PostgreSQL)."""
    from sitrep.store import Store

    with (
        fewer_collections(),
        Store(db, check_schema=False) as store,
        snapshot(store, shared=shared) as conn,
    ):
        if fmt == "parquet":
            from sitrep.export import parquet

            return parquet.write_part(_batches(conn, filters, after, upto), Path(path))
        with open(path, "w", encoding="utf-8", newline="") as out:
            return _body(fmt, conn, filters, after, upto, out)


def _head(fmt: str, out: TextIO) -> None:
    """What a CSV or JSON Lines export starts with: a CSV's header."""
    if fmt in ("acled", "ucdp", "gtd"):
        csv.writer(out).writerow(_module(fmt).COLUMNS)


def _body(
    fmt: str, conn: Connection, filters: Filters, after: int, upto: int | None, out: TextIO
) -> int:
    """The incidents of a CSV or JSON Lines export with ``after < id <= upto``, without
    the CSV header; how many were written."""
    module = _module(fmt)
    if fmt in BATCHED:
        return int(module.write_batches(_batches(conn, filters, after, upto), out))
    records = iter_records(conn, filters, with_evidence=True, after=after, upto=upto)
    if fmt == "incidents-jsonl":
        return int(module.write(records, out, Meta()))
    from sitrep.export.csv_rows import write_rows

    return write_rows(records, out, module.COLUMNS, module.rows)


def _module(fmt: str) -> Any:
    return importlib.import_module(MODULES[fmt])
