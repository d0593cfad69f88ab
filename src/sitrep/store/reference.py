"""Reference datasets into the database: imports, kept apart from Sitrep's incidents.

Input: an open Connection (a write transaction; nothing here commits), the path of an
ACLED, UCDP GED or GTD CSV file and its dataset's name. Output: an :class:`ImportResult`
with the import's id, its dataset and version, how many rows came in and, for each row
refused, its line number and why. The events go to ``reference_events``, the import to
``reference_imports`` (file name, sha256, counts, when and by whom); Sitrep's own
incidents are never touched.

    >>> with store.transaction() as conn:
    ...     result = import_file(conn, Path("acled-2024.csv"), "acled", who="ana")
    >>> result.rows_imported, result.problems[:1]
    (9998, [(17, "event_date '31 February 2024' is not a date: day is out of range...")])

Rows are inserted 5,000 at a time (on PostgreSQL through COPY), the file streamed: a
million ACLED rows hold one batch in memory. A file imported before (the same sha256) is
refused unless ``replace=True``, which deletes that import's events and imports again:
reference data is not Sitrep's own, so deleting it leaves no audit entry.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import operator
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from sitrep.errors import InputError
from sitrep.store.records import Filters, narrow, where
from sitrep.store.tables import incidents, reference_events, reference_imports

BATCH = 5000
# Problems listed in full up to this many; ``rows_refused`` counts them all.
MAX_PROBLEMS = 10_000

# The reference_events columns an import writes, in order.
COLUMNS: tuple[str, ...] = tuple(c.name for c in reference_events.columns if c.name != "id")
_ROW = operator.itemgetter(*COLUMNS)
# The raw row is a dict of strings: no cycles to look for, no need to escape non-ASCII.
_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"))


@dataclass(frozen=True)
class ImportResult:
    """What one import did. ``problems`` are the rows refused, as (line, reason);
    ``warnings`` the rows kept with a gap (a country without an ISO code)."""

    import_id: int
    dataset: str
    version: str
    rows_imported: int
    problems: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    rows_refused: int = 0
    replaced: int | None = None  # the import this one replaced


@dataclass(frozen=True)
class ImportInfo:
    """One import as ``reference_imports`` records it."""

    id: int
    dataset: str
    version: str
    file_name: str
    sha256: str
    rows_imported: int
    rows_refused: int
    imported_at: dt.datetime
    who: str


def import_file(
    conn: Connection,
    path: Path | str,
    dataset: str,
    *,
    version: str | None = None,
    replace: bool = False,
    who: str = "sitrep",
) -> ImportResult:
    """Import ``path`` as ``dataset`` ("acled", "ucdp" or "gtd"); ``version`` defaults to
    the file's name without its extension. See the module."""
    from sitrep.reference.readers import DATASETS, file_digest, read_events

    path = Path(path)
    if dataset not in DATASETS:
        raise InputError(f"dataset {dataset!r} is not one of {', '.join(DATASETS)}")
    digest, encoding = file_digest(path)
    label = (version or "").strip() or path.stem
    replaced = _previous(conn, path, digest, replace)
    rows = read_events(path, dataset, encoding=encoding)
    first = next(rows, None)  # raises InputError on missing columns, before any write
    import_id = _start(conn, dataset, label, path.name, digest, who)
    with _big_cache(conn):
        counts = _insert(conn, import_id, dataset, _chain(first, rows))
    conn.execute(
        update(reference_imports)
        .where(reference_imports.c.id == import_id)
        .values(rows_imported=counts.imported, rows_refused=counts.refused)
    )
    return ImportResult(
        import_id=import_id,
        dataset=dataset,
        version=label,
        rows_imported=counts.imported,
        problems=counts.problems,
        warnings=counts.warnings,
        rows_refused=counts.refused,
        replaced=replaced,
    )


def list_imports(conn: Connection) -> list[ImportInfo]:
    """Every import, oldest first."""
    rows = conn.execute(select(reference_imports).order_by(reference_imports.c.id)).mappings()
    return [_info(r) for r in rows]


def delete_import(conn: Connection, import_id: int) -> int:
    """Delete one import and its events; the number of events deleted."""
    gone = conn.execute(delete(reference_events).where(reference_events.c.import_id == import_id))
    found = conn.execute(delete(reference_imports).where(reference_imports.c.id == import_id))
    if found.rowcount == 0:
        raise InputError(f"reference import {import_id} does not exist (see list_imports)")
    return int(gone.rowcount)


def _info(r: Any) -> ImportInfo:
    at = r["imported_at"]
    if at.tzinfo is None:  # SQLite returns times without their zone
        at = at.replace(tzinfo=dt.UTC)
    return ImportInfo(
        id=int(r["id"]),
        dataset=r["dataset"],
        version=r["version"],
        file_name=r["file_name"],
        sha256=r["sha256"],
        rows_imported=int(r["rows_imported"]),
        rows_refused=int(r["rows_refused"]),
        imported_at=at,
        who=r["who"],
    )


def _previous(conn: Connection, path: Path, digest: str, replace: bool) -> int | None:
    """The import of the same file, deleted when replacing; refused otherwise."""
    found = conn.execute(
        select(reference_imports)
        .where(reference_imports.c.sha256 == digest)
        .order_by(reference_imports.c.id)
    ).mappings()
    earlier = [_info(r) for r in found]
    if not earlier:
        return None
    one = earlier[-1]
    if not replace:
        raise InputError(
            f"{path}: this file was imported already (import {one.id}: {one.dataset} "
            f"version {one.version!r}, {one.rows_imported} events, "
            f"{one.imported_at:%Y-%m-%d %H:%M} UTC by {one.who}); "
            "replace it to import it again"
        )
    for info in earlier:
        delete_import(conn, info.id)
    return one.id


def _start(conn: Connection, dataset: str, version: str, name: str, digest: str, who: str) -> int:
    result = conn.execute(
        insert(reference_imports)
        .values(
            dataset=dataset,
            version=version,
            file_name=name,
            sha256=digest,
            rows_imported=0,
            rows_refused=0,
            imported_at=dt.datetime.now(dt.UTC),
            who=who,
        )
        .returning(reference_imports.c.id)
    )
    return int(result.scalar_one())


# SQLite's page cache while importing (KiB): the indexes of a million events do not fit in
# the default 2 MB, and each insert then reads index pages again (72 s against 60 s for
# 1,000,000 ACLED rows on the benchmark machine).
IMPORT_CACHE_KIB = 262_144


@contextmanager
def _big_cache(conn: Connection) -> Iterator[None]:
    """A larger SQLite page cache for the block (the connection's own setting after)."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    if first is not None:
        yield first
    yield from rest


@dataclass
class _Counts:
    imported: int = 0
    refused: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)


def _insert(conn: Connection, import_id: int, dataset: str, rows: Iterator[Any]) -> _Counts:
    counts = _Counts()
    keys: dict[str, str] = {}  # a column name as a JSON key with its colon
    batch: list[tuple[Any, ...]] = []
    with _sink(conn) as write:
        for line, event, problem in rows:
            if event is None:
                counts.refused += 1
                if len(counts.problems) < MAX_PROBLEMS:
                    counts.problems.append((line, str(problem)))
                continue
            if event["country_code"] is None and len(counts.warnings) < MAX_PROBLEMS:
                where = f"country {event['country']!r}" if event["country"] else "no country"
                counts.warnings.append(
                    (line, f"{where} has no ISO code: kept, but it cannot be matched")
                )
            event["import_id"] = import_id
            event["dataset"] = dataset
            # The original row, its empty columns left out: a CSV cell that is empty says
            # nothing, and ACLED rows are a third empty (associated actors, tags, admin3).
            event["raw"] = _raw_json(event["raw"], keys)
            for key in ("date_start", "date_end"):  # as SQLAlchemy writes dates on SQLite
                if event[key] is not None:
                    event[key] = event[key].isoformat()
            batch.append(_ROW(event))
            if len(batch) >= BATCH:
                write(batch)
                counts.imported += len(batch)
                batch = []
        if batch:
            write(batch)
            counts.imported += len(batch)
    return counts


def _raw_json(raw: dict[str, str], keys: dict[str, str]) -> str:
    """``raw`` without its empty cells as a JSON object: what json.dumps gives (UTF-8
    kept, no spaces), built from the cells' own encodings at a third of the cost."""
    parts = []
    for key, value in raw.items():
        if value:
            name = keys.get(key)
            if name is None:
                name = keys[key] = encode_basestring(key) + ":"
            parts.append(name + encode_basestring(value))
    return "{" + ",".join(parts) + "}"


class _Background:
    """Batches written by one worker thread while the next batch is read: the database
    (SQLite's engine, PostgreSQL's server) works while Python parses. One batch waits at
    most; the connection is used by one thread at a time; an error in the writer is
    raised in the caller."""

    def __init__(self, write: Callable[[list[tuple[Any, ...]]], None]) -> None:
        self._write = write
        self._queue: queue.Queue[list[tuple[Any, ...]] | None] = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="reference-import", daemon=True)

    def __enter__(self) -> Callable[[list[tuple[Any, ...]]], None]:
        self._thread.start()
        return self._put

    def __exit__(self, *exc: object) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None and exc[0] is None:
            raise self._error

    def _put(self, batch: list[tuple[Any, ...]]) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(batch)

    def _run(self) -> None:
        while (batch := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._write(batch)
                except BaseException as exc:  # handed to the caller's thread
                    self._error = exc


@contextmanager
def _sink(conn: Connection) -> Iterator[Callable[[list[tuple[Any, ...]]], None]]:
    """A function that inserts a batch of rows (tuples in COLUMNS order, ``raw`` already
    JSON text) in the caller's transaction, for the length of the block.

    PostgreSQL: one COPY for the whole import, fed batch by batch as CSV (the csv module
    writes it at C speed) and sent by a thread: the server stores one batch while Python
    reads the next. SQLite:
    the driver's executemany in a thread of its own (SQLite works while Python parses).
    Elsewhere, SQLAlchemy."""
    raw = conn.connection.driver_connection
    cols = ", ".join(COLUMNS)
    if conn.dialect.name == "postgresql":
        # An empty unquoted field is NULL; no value is an empty string (readers give None
        # for empty text).
        statement = f"COPY reference_events ({cols}) FROM STDIN (FORMAT csv)"
        from psycopg.copy import QueuedLibpqWriter

        with (
            raw.cursor() as cur,  # type: ignore[union-attr]
            # A thread of psycopg's sends the data, so Python goes on reading while a
            # batch travels (a plain write waits until the server has taken it all).
            cur.copy(statement, writer=QueuedLibpqWriter(cur)) as copying,
        ):

            def copy(batch: list[tuple[Any, ...]]) -> None:
                buffer = io.StringIO()
                csv.writer(buffer, lineterminator="\n").writerows(batch)
                copying.write(buffer.getvalue().encode("utf-8"))

            yield copy
        return
    if conn.dialect.name == "sqlite":
        sql = f"INSERT INTO reference_events ({cols}) VALUES ({', '.join('?' * len(COLUMNS))})"

        def many(batch: list[tuple[Any, ...]]) -> None:
            cur = raw.cursor()  # type: ignore[union-attr]
            try:
                cur.executemany(sql, batch)
            finally:
                cur.close()

        with _Background(many) as write:
            yield write
        return

    def generic(batch: list[tuple[Any, ...]]) -> None:
        rows = [dict(zip(COLUMNS, r, strict=True)) for r in batch]
        for row in rows:
            row["raw"] = json.loads(row["raw"])
            for key in ("date_start", "date_end"):
                if row[key] is not None:
                    row[key] = dt.date.fromisoformat(row[key])
        conn.execute(insert(reference_events), rows)

    yield generic


def count_events(conn: Connection, import_id: int | None = None) -> int:
    """How many reference events are stored (of one import, when given)."""
    stmt = select(func.count()).select_from(reference_events)
    if import_id is not None:
        stmt = stmt.where(reference_events.c.import_id == import_id)
    return int(conn.execute(stmt).scalar_one())


# What sitrep.reference.compare reads.


def import_versions(
    conn: Connection, dataset: str, version: str | None
) -> tuple[list[int], list[str]]:
    """The imports of ``dataset`` to compare with (of ``version`` when given)."""
    from sitrep.reference.readers import DATASETS

    if dataset not in DATASETS:
        raise InputError(f"dataset {dataset!r} is not one of {', '.join(DATASETS)}")
    t = reference_imports.c
    found: list[tuple[int, str]] = [
        (int(i), str(v))
        for i, v in conn.execute(select(t.id, t.version).where(t.dataset == dataset).order_by(t.id))
    ]
    if not found:
        raise InputError(f"no {dataset} data has been imported: import a {dataset} CSV file first")
    if version is not None:
        kept = [(i, v) for i, v in found if v == version]
        if not kept:
            known = sorted({v for _, v in found})
            raise InputError(
                f"{dataset} version {version!r} has not been imported (imported: "
                f"{', '.join(known)})"
            )
        found = kept
    versions = list(dict.fromkeys(v for _, v in found))
    return [int(i) for i, _ in found], versions


_INCIDENT_COLUMNS = (
    "id", "code", "date_start", "date_end", "latitude", "longitude", "place_precision",
    "admin1", "country_code", "event_type", "sub_event_type", "killed_best", "killed_low",
    "injured_best", "injured_low", "weapons", "target",
)  # fmt: skip


def incident_rows(conn: Connection, filters: Filters) -> dict[int, dict[str, Any]]:
    """The incidents the filters keep, by id: what comparing with a reference needs."""
    cols = [incidents.c[name] for name in _INCIDENT_COLUMNS]
    stmt = where(select(*cols), filters).order_by(incidents.c.id)
    return {int(r["id"]): dict(r) for r in conn.execute(stmt).mappings()}


_EVENT_COLUMNS = (
    "id", "import_id", "event_id", "date_start", "date_end", "latitude", "longitude",
    "place_precision", "admin1", "country_code", "location", "event_type", "sub_event_type",
    "killed_best", "killed_low", "injured",
)  # fmt: skip


def event_rows(
    conn: Connection, dataset: str, import_ids: list[int], filters: Filters
) -> dict[str, dict[str, Any]]:
    """The reference events the filters keep, by event id; the latest import's row when
    an event id repeats."""
    c = reference_events.c
    stmt = select(*[c[name] for name in _EVENT_COLUMNS]).where(c.dataset == dataset)
    stmt = stmt.where(c.import_id.in_(import_ids))
    stmt = narrow(stmt, reference_events, filters)
    out: dict[str, dict[str, Any]] = {}
    for r in conn.execute(stmt.order_by(c.import_id.desc(), c.id)).mappings():
        out.setdefault(r["event_id"], dict(r))
    return out
