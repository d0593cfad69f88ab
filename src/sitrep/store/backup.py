"""Backup and restore: the whole database as JSON Lines, and back into an empty one.

Input (``dump``): an open connection to a Sitrep database.
Output: one JSON object per line, written to a text or binary file:

    {"format": "sitrep-backup", "version": 1, "schema": "0006",
     "created": "2024-05-02T10:00:00+00:00", "tables": ["reports", ...]}
    {"table": "reports", "row": {"id": 1, "sha256": "...", "retrieved_at": "...+00:00", ...}}
    ...
    {"end": true, "rows": {"reports": 16, ...}}

Every table of ``tables.metadata`` but the derived ``incident_days`` (which the database
rebuilds) is written, parents before children, each in primary-key order and read in
batches (a table is never held in memory whole).
Values keep their exact type: times as ISO 8601 in UTC, dates as ISO dates, bytes
(raw report files, signatures) as ``{"$b64": "..."}``, JSON columns as their JSON
value, floats as the shortest text that reads back to the same number. In a JSON
column, a stored JSON ``null`` (and a stored object that looks like one of these
wrappers) is written as ``{"$json": value}`` so that it stays apart from an empty
(SQL NULL) cell. The last line counts the rows, so a cut-off file is refused.

``restore`` reads such a file into an EMPTY database at the same schema revision,
in the caller's transaction: a refused or failed restore leaves the database empty.

    >>> import io, sitrep
    >>> from sitrep.store.backup import dump, restore
    >>> with sitrep.open("sitrep.db") as old, old.read() as conn:   # doctest: +SKIP
    ...     buffer = io.BytesIO(); dump(conn, buffer)
    >>> with sitrep.open("copy.db") as new, new.transaction() as conn:  # doctest: +SKIP
    ...     restore(conn, io.BytesIO(buffer.getvalue()))
    {'reports': 16, 'report_signatures': 16, ...}
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import decimal
import io
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    LargeBinary,
    Numeric,
    Table,
    and_,
    bindparam,
    exists,
    insert,
    null,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from sitrep.errors import InputError, StoreError
from sitrep.store.db import as_utc, connect, current_revision, is_sqlite
from sitrep.store.tables import metadata

if TYPE_CHECKING:
    from sitrep.store.store import Store

FORMAT = "sitrep-backup"
VERSION = 1
# Keys that mark an encoded value inside a row; a JSON value shaped like them is wrapped.
_B64 = "$b64"
_JSON = "$json"


def tables() -> list[Table]:
    """Every table a backup holds, parents before the tables that refer to them. Derived
    tables (``incident_days``) are left out: the database rebuilds them as rows come in."""
    return [t for t in metadata.sorted_tables if not t.info.get("derived")]


# Writing


def dump(conn: Connection, out: IO[bytes] | IO[str], *, batch: int = 1000) -> dict[str, int]:
    """Write the whole database to ``out`` as JSON Lines; return the rows per table.

    On PostgreSQL, give a connection from :func:`snapshot` so that the tables are read
    as of one moment while others keep writing."""
    if batch < 1:
        raise InputError(f"batch must be at least 1, not {batch}")
    revision = current_revision(conn)
    if revision is None:
        raise StoreError("this database has no Sitrep schema version; there is nothing to back up")
    write = _writer(out)
    ordered = tables()
    write(
        {
            "format": FORMAT,
            "version": VERSION,
            "schema": revision,
            "created": dt.datetime.now(dt.UTC).isoformat(),
            "tables": [t.name for t in ordered],
        }
    )
    counts: dict[str, int] = {}
    for table in ordered:
        counts[table.name] = 0
        for row in _rows(conn, table, batch):
            write({"table": table.name, "row": row})
            counts[table.name] += 1
    write({"end": True, "rows": counts})
    return counts


@contextmanager
def snapshot(store: Store, *, shared: str | None = None) -> Iterator[Connection]:
    """A read-only connection that sees the database as of one moment (PostgreSQL's
    REPEATABLE READ; a SQLite read transaction is one already). ``shared``: on PostgreSQL,
    the id another session's :func:`export_snapshot` gave, to see exactly what it sees;
    SQLite has no such thing and ignores it."""
    engine = store.engine
    if not is_sqlite(engine):
        engine = engine.execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        )
    with connect(engine, write=False) as conn:
        if shared is not None and not is_sqlite(engine):
            if not re.fullmatch(r"[0-9A-Fa-f]+-[0-9A-Fa-f]+(-[0-9A-Fa-f]+)?", shared):
                raise ValueError(f"{shared!r} is not a PostgreSQL snapshot id")
            conn.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{shared}'")
        yield conn


def export_snapshot(conn: Connection) -> str | None:
    """The id of the snapshot ``conn`` (from :func:`snapshot`) reads, for other sessions
    to read the same while it stays open (PostgreSQL); None on SQLite."""
    if conn.dialect.name == "sqlite":
        return None
    return str(conn.execute(text("SELECT pg_export_snapshot()")).scalar_one())


def dump_store(store: Store, out: IO[bytes] | IO[str], *, batch: int = 1000) -> dict[str, int]:
    """Back up a whole Store to ``out`` from one consistent snapshot."""
    with snapshot(store) as conn:
        return dump(conn, out, batch=batch)


def _writer(out: IO[bytes] | IO[str]) -> Any:
    as_text = isinstance(out, io.TextIOBase) or hasattr(out, "encoding")

    def write(obj: dict[str, Any]) -> None:
        line = json.dumps(obj, ensure_ascii=False) + "\n"
        out.write(line if as_text else line.encode("utf-8"))  # type: ignore[arg-type]

    return write


def _null_flags(table: Table) -> list[ColumnElement[bool]]:
    """For nullable JSON columns, whether the cell is SQL NULL (not a stored JSON null)."""
    return [
        c.is_(None).label(f"{c.name} is null")
        for c in table.columns
        if isinstance(c.type, JSON) and c.nullable
    ]


def _rows(conn: Connection, table: Table, batch: int) -> Iterator[dict[str, Any]]:
    """The table's rows, encoded, in primary-key order, ``batch`` rows per query."""
    key = list(table.primary_key.columns)
    base = select(*table.columns, *_null_flags(table))
    if not key:
        # No key to page by: one ordered query, streamed by the driver.
        result = conn.execution_options(yield_per=batch).execute(base.order_by(*table.columns))
        for row in result.mappings():
            yield _encode_row(table, row)
        return
    last: tuple[Any, ...] | None = None
    while True:
        stmt = base.order_by(*key).limit(batch)
        if last is not None:
            stmt = stmt.where(_after(key, last))
        found = conn.execute(stmt).mappings().all()
        for row in found:
            yield _encode_row(table, row)
        if len(found) < batch:
            return
        last = tuple(found[-1][c.name] for c in key)


def _after(key: list[Column[Any]], last: tuple[Any, ...]) -> ColumnElement[bool]:
    """Rows whose key comes after ``last`` (written out, so any database reads it)."""
    clauses: list[ColumnElement[bool]] = []
    for i, column in enumerate(key):
        equal = [key[j] == last[j] for j in range(i)]
        clauses.append(and_(*equal, column > last[i]))
    return or_(*clauses)


def _encode_row(table: Table, row: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in table.columns:
        value = row[column.name]
        try:
            if isinstance(column.type, JSON):
                sql_null = bool(row[f"{column.name} is null"]) if column.nullable else False
                out[column.name] = None if sql_null else _encode_json(value)
            else:
                out[column.name] = _encode(value)
        except TypeError as exc:
            raise StoreError(f"cannot back up {table.name}.{column.name}: {exc}") from None
    return out


def _encode_json(value: Any) -> Any:
    if value is None or (
        isinstance(value, dict) and len(value) == 1 and next(iter(value)) in (_B64, _JSON)
    ):
        return {_JSON: value}
    return value


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dt.datetime):
        utc = as_utc(value)
        assert utc is not None
        return utc.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {_B64: base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"values of type {type(value).__name__} are not supported in backups")


# Reading


def restore(
    conn: Connection,
    source: Iterable[bytes] | Iterable[str],
    *,
    batch: int = 1000,
    name: str | None = None,
) -> dict[str, int]:
    """Load a backup written by :func:`dump` into the empty database behind ``conn``;
    return the rows per table. Runs in the caller's transaction: on any error nothing
    is kept. ``name`` (default: the file's name) is used in error messages."""
    if batch < 1:
        raise InputError(f"batch must be at least 1, not {batch}")
    where = name or str(getattr(source, "name", "the backup"))
    loader = _Loader(conn, where, batch)
    lines = _numbered(source, where)
    header_line, header = next(lines, (0, None))
    loader.check_header(header_line, header)
    footer: tuple[int, Any] | None = None
    for number, obj in lines:
        if footer is not None:
            raise InputError(f"{where} line {number}: more lines after the end of the backup")
        if isinstance(obj, dict) and obj.get("end") is True:
            footer = (number, obj)
            continue
        loader.add(number, obj)
    loader.flush()
    if footer is None:
        raise InputError(
            f"{where} has no end line: the file was cut off (an interrupted copy or a full "
            "disk?); nothing was restored. Make the backup again."
        )
    loader.check_footer(*footer)
    loader.finish()
    return dict(loader.counts)


def restore_store(
    store: Store,
    source: Iterable[bytes] | Iterable[str],
    *,
    batch: int = 1000,
    name: str | None = None,
) -> dict[str, int]:
    """Restore a backup into an empty Store, in one transaction."""
    with store.transaction() as conn:
        return restore(conn, source, batch=batch, name=name)


def _numbered(source: Iterable[bytes] | Iterable[str], where: str) -> Iterator[tuple[int, Any]]:
    """Each non-blank line's number and JSON value."""
    raw: object
    for number, raw in enumerate(source, start=1):
        if isinstance(raw, str):
            line = raw
        elif isinstance(raw, (bytes, bytearray)):
            try:
                line = bytes(raw).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"{where} line {number}: not UTF-8 text ({exc})") from None
        else:
            raise InputError(f"{where} line {number}: expected text, got {type(raw).__name__}")
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{where} line {number}: not JSON ({exc.msg} at column {exc.colno}); "
                "the backup is damaged"
            ) from None


class _Loader:
    """Inserts rows table by table in batches, holding back self-references."""

    def __init__(self, conn: Connection, where: str, batch: int) -> None:
        self.conn = conn
        self.where = where
        self.batch = batch
        self.tables = {t.name: t for t in tables()}
        self.counts: dict[str, int] = {}
        self.pending: list[dict[str, Any]] = []
        self.pending_table: Table | None = None
        self.first_line = self.last_line = 0
        # Self-references, set once every row is in: per (table, column), the row's key
        # and the value it points at.
        self.links: dict[tuple[Table, str], list[dict[str, Any]]] = {}

    def check_header(self, number: int, header: Any) -> None:
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise InputError(
                f"{self.where} line {number or 1}: not a Sitrep backup (the first line "
                f'must say "format": "{FORMAT}"); make one with `sitrep export --format jsonl`'
            )
        if header.get("version") != VERSION:
            raise InputError(
                f"{self.where}: backup format version {header.get('version')!r}; this "
                f"version of Sitrep reads version {VERSION}. Use the Sitrep that wrote it."
            )
        mine = current_revision(self.conn)
        theirs = header.get("schema")
        if theirs != mine:
            raise InputError(
                f"{self.where} was made at schema {theirs}, the database is at schema "
                f"{mine}; restore it into a database at schema {theirs} (with the version "
                "of Sitrep that wrote it), then run `sitrep db upgrade`."
            )
        unknown = [t for t in header.get("tables", []) if t not in self.tables]
        if unknown:
            raise InputError(f"{self.where}: tables this database does not have: {unknown}")
        for table in self.tables.values():
            if self.conn.execute(select(exists().select_from(table))).scalar():
                raise InputError(
                    f"the database is not empty (table {table.name} has rows); restore "
                    "only into a new, empty database"
                )
            self.counts[table.name] = 0

    def add(self, number: int, obj: Any) -> None:
        if not isinstance(obj, dict) or not isinstance(obj.get("row"), dict):
            raise InputError(f'{self.where} line {number}: expected {{"table": ..., "row": ...}}')
        table = self.tables.get(str(obj.get("table")))
        if table is None:
            raise InputError(f"{self.where} line {number}: unknown table {obj.get('table')!r}")
        if table is not self.pending_table:
            self.flush()
            self.pending_table = table
        row = self._decode_row(number, table, obj["row"])
        if not self.pending:
            self.first_line = number
        self.last_line = number
        self.pending.append(row)
        self.counts[table.name] += 1
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if self.pending and self.pending_table is not None:
            try:
                self.conn.execute(insert(self.pending_table), self.pending)
            except (IntegrityError, DataError) as exc:
                raise InputError(
                    f"{self.where} lines {self.first_line}-{self.last_line}: the database "
                    f"refused a row of {self.pending_table.name} ({_reason(exc)}); nothing was "
                    "restored"
                ) from None
        self.pending = []

    def check_footer(self, number: int, footer: dict[str, Any]) -> None:
        written = footer.get("rows")
        if not isinstance(written, dict):
            raise InputError(f"{self.where} line {number}: the end line has no row counts")
        for table, count in self.counts.items():
            if written.get(table, 0) != count:
                raise InputError(
                    f"{self.where}: the end line counts {written.get(table, 0)} rows of "
                    f"{table} but the file holds {count}; the backup is damaged"
                )

    def finish(self) -> None:
        """Set the held-back self-references, then move PostgreSQL's id counters on."""
        for (table, column), links in self.links.items():
            key = list(table.primary_key.columns)
            stmt = (
                update(table)
                .where(*(c == bindparam(f"key_{c.name}") for c in key))
                .values({column: bindparam("link_value")})
            )
            for start in range(0, len(links), self.batch):
                try:
                    self.conn.execute(stmt, links[start : start + self.batch])
                except (IntegrityError, DataError) as exc:
                    raise InputError(
                        f"{self.where}: a {table.name}.{column} value points at a row the "
                        f"backup does not hold ({_reason(exc)}); nothing was restored"
                    ) from None
        self.links = {}
        if not is_sqlite(self.conn.engine):
            reset_sequences(self.conn)

    def _decode_row(self, number: int, table: Table, row: dict[str, Any]) -> dict[str, Any]:
        names = set(table.columns.keys())
        if set(row) != names:
            missing, extra = sorted(names - set(row)), sorted(set(row) - names)
            raise InputError(
                f"{self.where} line {number}: the {table.name} row does not match the "
                f"table (missing {missing}, unknown {extra})"
            )
        decoded: dict[str, Any] = {}
        for column in table.columns:
            try:
                decoded[column.name] = _decode(column, row[column.name])
            except (ValueError, TypeError, binascii.Error) as exc:
                raise InputError(
                    f"{self.where} line {number}: bad value for {table.name}.{column.name}: "
                    f"{row[column.name]!r} ({exc})"
                ) from None
        for column in _self_references(table):
            if decoded[column.name] is None:
                continue
            link = {f"key_{c.name}": decoded[c.name] for c in table.primary_key.columns}
            link["link_value"] = decoded[column.name]
            self.links.setdefault((table, column.name), []).append(link)
            decoded[column.name] = None
        return decoded


def _reason(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)


def _self_references(table: Table) -> list[Column[Any]]:
    """Nullable columns that point at another row of the same table (a merged incident
    at the incident it went into): such a row may point at a later one."""
    if not table.primary_key.columns:
        return []
    return [
        fk.parent for fk in table.foreign_keys if fk.column.table is table and fk.parent.nullable
    ]


def _decode(column: Column[Any], value: Any) -> Any:
    kind = column.type
    if isinstance(kind, JSON):
        if value is None:
            return null()
        if isinstance(value, dict) and len(value) == 1 and _JSON in value:
            inner = value[_JSON]
            return JSON.NULL if inner is None else inner
        return value
    if value is None:
        return None
    if isinstance(kind, DateTime):
        if not isinstance(value, str):
            raise TypeError("expected an ISO 8601 time")
        moment = dt.datetime.fromisoformat(value)
        if kind.timezone:
            return (as_utc(moment) or moment).astimezone(dt.UTC)
        return moment
    if isinstance(kind, Date):
        if not isinstance(value, str):
            raise TypeError("expected an ISO 8601 date")
        return dt.date.fromisoformat(value)
    if isinstance(kind, LargeBinary):
        if not isinstance(value, dict) or not isinstance(value.get(_B64), str):
            raise TypeError(f'expected {{"{_B64}": "..."}}')
        return base64.b64decode(value[_B64], validate=True)
    if isinstance(kind, Numeric) and kind.asdecimal and isinstance(value, str):
        return decimal.Decimal(value)
    return value


def reset_sequences(conn: Connection) -> None:
    """Move each PostgreSQL id counter past the largest id stored, so that the next row
    added after a restore gets a new id."""
    quote = conn.dialect.identifier_preparer.quote
    for table in tables():
        column = table.autoincrement_column
        if column is None:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"COALESCE(MAX({quote(column.name)}), 1), MAX({quote(column.name)}) IS NOT NULL) "
                f"FROM {quote(table.name)}"
            ),
            {"table": quote(table.name), "column": column.name},
        )


__all__ = ["dump", "dump_store", "reset_sequences", "restore", "restore_store", "snapshot"]
