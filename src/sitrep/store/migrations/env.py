"""Alembic environment: runs Sitrep's migrations on the connection it is handed."""

from __future__ import annotations

from alembic import context

from sitrep.store.db import make_engine
from sitrep.store.tables import in_metadata, metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        # Direct use of the alembic CLI: ``-x db=PATH_OR_URL``.
        db = context.get_x_argument(as_dictionary=True).get("db", "sitrep.db")
        with make_engine(db).begin() as conn:
            _migrate(conn)
    else:
        _migrate(connection)


def _migrate(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=lambda name, kind, _parents: in_metadata(name, kind),
    )
    with context.begin_transaction():
        context.run_migrations()


run()
