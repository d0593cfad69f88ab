"""Schema migrations with Alembic, shipped inside the package (``store/migrations``).

``sitrep db upgrade`` and ``sitrep db status`` call these functions; a new, empty
database is brought to the newest schema the first time it is opened.
"""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from sitrep.store.db import connect, current_revision


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", "sitrep.store:migrations")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def upgrade_connection(conn: Connection, target: str = "head") -> None:
    """Run the migrations up to ``target`` inside the caller's transaction."""
    command.upgrade(alembic_config(conn), target)


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str | None]:
    """Upgrade the database; return the revisions before and after."""
    with connect(engine, write=True) as conn:
        before = current_revision(conn)
        upgrade_connection(conn, target)
        after = current_revision(conn)
    return before, after


def pending(engine: Engine) -> list[dict[str, Any]]:
    """The migrations not yet applied, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    with connect(engine, write=False) as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    todo = []
    for rev in script.iterate_revisions("head", current):
        todo.append({"revision": rev.revision, "message": rev.doc})
    return list(reversed(todo))
