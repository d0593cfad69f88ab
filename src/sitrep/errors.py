"""Sitrep's exceptions: one tree, turned into plain messages by the CLI and the API.

    SitrepError                 anything Sitrep refuses or cannot do
    ├── ConfigError             a setting has an impossible value
    ├── InputError              a value given by the user is wrong
    │   └── FileRejected        one input file cannot become a report (path + reason)
    ├── StoreError              the database cannot do what was asked
    │   ├── DatabaseUnavailable the database cannot be opened or reached
    │   ├── SchemaOutdated      the database is at an older schema than this version needs
    │   └── NotFound            no record with that id

Each message says what happened, to which value, and what to do next.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error Sitrep raises on purpose."""


class ConfigError(SitrepError):
    """A setting has a value Sitrep cannot use."""


class InputError(SitrepError):
    """A value given by the user is wrong."""


class FileRejected(InputError):
    """One input could not be added as a report; the rest of a batch goes on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(SitrepError):
    """The database could not do what was asked."""


class DatabaseUnavailable(StoreError):
    """The database cannot be opened or reached."""


class SchemaOutdated(StoreError):
    """The database's schema is older (or newer) than this version of Sitrep expects."""

    def __init__(self, message: str, current: str | None, head: str) -> None:
        super().__init__(message)
        self.current = current
        self.head = head


class NotFound(StoreError):
    """No record with the given id."""
