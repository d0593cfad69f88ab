"""Opening a database: SQLite by default, PostgreSQL for a team.

Input: a path (``sitrep.db``) or a URL (``postgresql://user@host/db``).
Output: an Engine set up for safe concurrent use, and the schema checked.

    >>> database_url("postgresql://postgres@127.0.0.1/sitrep")
    'postgresql+psycopg://postgres@127.0.0.1/sitrep'

SQLite runs in WAL mode with foreign keys on and a busy timeout, and every write
transaction starts with ``BEGIN IMMEDIATE`` so that two processes writing to one
file wait for each other instead of failing half-way.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DataError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import QueuePool

from sitrep.errors import DatabaseUnavailable, InputError, SchemaOutdated

# The newest migration in migrations/versions; a test keeps the two equal.
SCHEMA_HEAD = "0010"
BUSY_TIMEOUT_MS = 30_000
# Any fixed number: PostgreSQL's advisory lock that serialises first-time setup.
_PG_SETUP_LOCK = 0x5174_7265


def database_url(db: str) -> str:
    """Turn the --db value (a path or a URL) into a SQLAlchemy URL."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    if db == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def display_name(db: str) -> str:
    """The database as shown in messages: a path, or a URL without its password."""
    if "://" not in db:
        return db
    scheme, rest = db.split("://", 1)
    if "@" in rest:
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return db


def make_engine(db: str) -> Engine:
    """Create the engine for ``db``; nothing is connected until first use."""
    url = database_url(db)
    if url.startswith("sqlite"):
        if url != "sqlite://":
            parent = Path(url.removeprefix("sqlite:///")).parent
            if not parent.is_dir():
                raise DatabaseUnavailable(
                    f"cannot create the database {db}: folder {parent} does not exist"
                )
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            # A few connections kept open: opening one (WAL and pragmas) costs about as much
            # as storing a small report. Each is used by one thread at a time.
            poolclass=QueuePool,
            pool_size=4,
            max_overflow=8,
        )
        _configure_sqlite(engine)
        return engine
    if url.startswith("postgresql"):
        # psycopg prepares a statement run five times; PostgreSQL may then plan it once
        # for any parameters ("generic plan"), which picks badly when the parameters
        # decide the plan (a few thousand ids, or a whole country): plan each time.
        options = "-c plan_cache_mode=force_custom_plan"
        return create_engine(
            url, pool_pre_ping=True, connect_args={"connect_timeout": 10, "options": options}
        )
    raise DatabaseUnavailable(
        f"unsupported database {display_name(db)}: give a file path for SQLite "
        "or a postgresql:// URL"
    )


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event, not the driver, start transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _set_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def _set_wal(cursor: sqlite3.Cursor) -> None:
    """Switch the file to WAL mode, waiting while another process holds it.

    Changing the journal mode needs an exclusive lock, and SQLite answers
    "database is locked" at once, without calling the busy handler, when two
    processes open a brand-new file together. Retry until the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time as UTC: SQLite gives datetimes back without their zone, and Sitrep
    always writes UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def connect(engine: Engine, *, write: bool) -> Iterator[Connection]:
    """One transaction: committed when the block ends, rolled back on an exception."""
    try:
        conn = engine.connect()
    except OperationalError as exc:
        raise DatabaseUnavailable(_unavailable(engine, exc)) from None
    with conn:
        if write and is_sqlite(engine):
            conn.execution_options(sqlite_begin="IMMEDIATE")
        try:
            with conn.begin():
                yield conn
        except DataError as exc:
            # A value the database cannot hold (a NUL character for PostgreSQL, a number
            # out of range): the caller's input, refused plainly; nothing was written.
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            raise InputError(f"the database refused a value: {reason}") from None


def _unavailable(engine: Engine, exc: SQLAlchemyError) -> str:
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    where = engine.url.render_as_string(hide_password=True)
    return f"cannot open the database {where}: {reason}"


def current_revision(conn: Connection) -> str | None:
    """The schema revision recorded in the database, or None for an empty one."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def has_tables(conn: Connection) -> bool:
    """Whether the database holds any table besides Alembic's own bookkeeping."""
    return bool(set(inspect(conn).get_table_names()) - {"alembic_version"})


def ensure_schema(engine: Engine, where: str) -> None:
    """Check the schema; create it in a new, empty database.

    An older schema is never changed behind the user's back: that needs
    ``sitrep db upgrade``, which the error names.
    """
    with connect(engine, write=False) as conn:
        revision = current_revision(conn)
    if revision == SCHEMA_HEAD:
        return
    if revision is None:
        with connect(engine, write=True) as conn:
            if not is_sqlite(engine):
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_SETUP_LOCK})
            revision = current_revision(conn)
            if revision is None and not has_tables(conn):
                from sitrep.store.migrate import upgrade_connection

                upgrade_connection(conn)
                return
    if revision == SCHEMA_HEAD:
        return
    raise SchemaOutdated(schema_message(where, revision), revision, SCHEMA_HEAD)


def schema_message(where: str, revision: str | None) -> str:
    """What is wrong with the database's schema, and the command that fixes it."""
    from sitrep.store.migrate import known_revisions

    fix = "sitrep db upgrade" + ("" if where == "sitrep.db" else f" --db {where}")
    if revision is None:
        return (
            f"{where} has tables but no Sitrep schema version; it is not a Sitrep "
            "database, or it was made by a version before migrations. "
            "Give another --db, or move the file away."
        )
    if revision not in known_revisions():
        return (
            f"{where} is at schema {revision}, which this version of Sitrep does not "
            f"know (it needs {SCHEMA_HEAD}); it was made by a newer Sitrep. Upgrade Sitrep."
        )
    return (
        f"{where} is at schema {revision}; this version of Sitrep needs {SCHEMA_HEAD}. Run: {fix}"
    )
