"""The persistence layer: the only package that imports SQLAlchemy.

Open a database with :func:`sitrep.open` (a :class:`Store`); ORM rows never leave
this package, callers get and give pydantic models.
"""

from sqlalchemy import Connection

from sitrep.store.store import Store

__all__ = ["Connection", "Store"]
