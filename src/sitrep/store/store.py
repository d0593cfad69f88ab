"""The Store: Sitrep's database behind one small Python surface.

    >>> import sitrep
    >>> store = sitrep.open("sitrep.db")            # doctest: +SKIP
    >>> store.add_report(Report(text="...")).new    # doctest: +SKIP
    True

Each public method is one unit of work in one transaction. For several steps
that must succeed or fail together, use ``with store.transaction() as conn:`` and
the functions of ``sitrep.store.reports`` / ``sitrep.store.incidents``, which
never commit on their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from sitrep.models import AggregateStatement, AuditEntry, Incident, Report
from sitrep.store import incidents as incident_store
from sitrep.store import reports as report_rows
from sitrep.store.db import connect, display_name, ensure_schema, make_engine

if TYPE_CHECKING:
    import pandas as pd

    from sitrep.reconcile import Reconciliation


@dataclass(frozen=True)
class AddedReport:
    """The outcome of adding a report: its id, and False when it was already stored."""

    id: int
    new: bool


class Store:
    """A Sitrep database (SQLite file or PostgreSQL), schema checked on opening."""

    def __init__(self, db: str, *, check_schema: bool = True) -> None:
        self.db = db
        self.where = display_name(db)
        self.engine = make_engine(db)
        if check_schema:
            ensure_schema(self.engine, self.where)

    def __repr__(self) -> str:
        return f"<Store {self.where}>"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction: committed at the end of the block, rolled back on error."""
        with connect(self.engine, write=True) as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only unit of work."""
        with connect(self.engine, write=False) as conn:
            yield conn

    # Reports

    def add_report(self, report: Report) -> AddedReport:
        """Store a report; the same content again returns the stored report's id."""
        with self.transaction() as conn:
            report_id, new = report_rows.insert_report(conn, report)
        return AddedReport(report_id, new)

    def report(self, report_id: int, *, with_raw: bool = False) -> Report:
        with self.read() as conn:
            return report_rows.get_report(conn, report_id, with_raw=with_raw)

    def reports(self, *, limit: int | None = None, with_text: bool = False) -> list[Report]:
        with self.read() as conn:
            return report_rows.list_reports(conn, limit=limit, with_text=with_text)

    def count_reports(self) -> int:
        with self.read() as conn:
            return report_rows.count_reports(conn)

    def independent_sources(self, report_ids: Iterable[int]) -> int:
        """How many independent sources the reports are: syndicated copies count once."""
        from sitrep.store.syndication import independent_sources

        with self.read() as conn:
            return independent_sources(conn, report_ids)

    # Incidents and aggregate statements

    def add_incident(self, incident: Incident) -> int:
        with self.transaction() as conn:
            return incident_store.insert_incident(conn, incident)

    def incident(self, incident_id: int) -> Incident:
        with self.read() as conn:
            return incident_store.get_incident(conn, incident_id)

    def incidents(
        self,
        *,
        limit: int | None = None,
        status: str | None = "active",
        report_id: int | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> list[Incident]:
        """Incidents in id order: by default the active ones (candidate or confirmed);
        ``status`` "all" for every one, or one status. ``date_from`` / ``date_to`` keep
        those whose dates reach into that window, and the undated ones."""
        with self.read() as conn:
            return incident_store.list_incidents(
                conn,
                limit=limit,
                status=status,
                report_id=report_id,
                date_from=date_from,
                date_to=date_to,
            )

    # Review: the same operations as `sitrep incidents ...`, each one transaction, each
    # recorded in the audit log under ``who``. An Incident passed in is the one the caller
    # read: if someone changed it since, review.Conflict is raised and nothing is written.

    def find_incident(self, ref: str | int) -> Incident:
        """An incident by id or code ("IRQ-2024-000123")."""
        from sitrep.store import review

        with self.read() as conn:
            return review.find(conn, ref)

    def set_field(
        self, incident: Incident, field: str, value: str, *, who: str, why: str | None = None
    ) -> Incident:
        from sitrep.store import review

        with self.transaction() as conn:
            return review.set_field(conn, incident, field, value, who=who, why=why)

    def set_status(
        self, incident: Incident, status: str, *, who: str, why: str | None = None
    ) -> Incident:
        from sitrep.store import review

        with self.transaction() as conn:
            return review.set_status(conn, incident, status, who=who, why=why)

    def review_field(
        self, incident: Incident, field: str, status: str, *, who: str, why: str | None = None
    ) -> Incident:
        from sitrep.store import review

        with self.transaction() as conn:
            return review.review_field(conn, incident, field, status, who=who, why=why)

    def merge(self, chosen: Iterable[Incident], *, who: str, why: str | None = None) -> Incident:
        """Make one incident of several; returns it."""
        from sitrep.store import review

        with self.transaction() as conn:
            return review.merge(conn, list(chosen), who=who, why=why).incidents[-1]

    def split(
        self, parent: Incident, leaving: Iterable[Incident], *, who: str, why: str | None = None
    ) -> None:
        from sitrep.store import review

        with self.transaction() as conn:
            review.split(conn, parent, list(leaving), who=who, why=why)

    def undo(self, *, who: str, operation: str | None = None, why: str | None = None) -> None:
        from sitrep.store import review_log

        with self.transaction() as conn:
            review_log.undo(conn, who=who, operation=operation, why=why)

    def history(self, incident: Incident) -> list[AuditEntry]:
        from sitrep.store import review_log

        with self.read() as conn:
            return review_log.history(conn, incident)

    def members(self, incident: Incident) -> list[Incident]:
        """The reports' own candidates an incident is made of."""
        from sitrep.store import review

        with self.read() as conn:
            return review.members_of(conn, incident.id or 0)

    def add_aggregate(self, statement: AggregateStatement) -> int:
        with self.transaction() as conn:
            return incident_store.insert_aggregate(conn, statement)

    def aggregates(self, *, report_id: int | None = None) -> list[AggregateStatement]:
        with self.read() as conn:
            return incident_store.list_aggregates(conn, report_id=report_id)

    def reconciled(self, *, report_id: int | None = None) -> list[Reconciliation]:
        """Each aggregate statement (of one report, or all) with the incidents on record
        in its scope: "source: more than 100; recorded: 87" (see ``sitrep.reconcile``)."""
        from sitrep.reconcile import reconcile

        with self.read() as conn:
            statements = incident_store.list_aggregates(conn, report_id=report_id)
            if not statements:
                return []
            starts = [s.period.start if s.period else None for s in statements]
            ends = [s.period.end if s.period else None for s in statements]
            # Only the incidents that can fall in some statement's period are read.
            found = incident_store.list_incidents(
                conn,
                date_from=None if None in starts else min(d for d in starts if d is not None),
                date_to=None if None in ends else max(d for d in ends if d is not None),
            )
        return [reconcile(s, found) for s in statements]

    # Audit log

    def record(self, entry: AuditEntry) -> int:
        """Append one entry to the audit log."""
        with self.transaction() as conn:
            return incident_store.append_audit(conn, entry)

    def audit(self, entity: str | None = None, entity_id: int | None = None) -> list[AuditEntry]:
        with self.read() as conn:
            return incident_store.list_audit(conn, entity=entity, entity_id=entity_id)

    # DataFrames (pandas is imported only when asked for)

    def reports_df(self) -> pd.DataFrame:
        """The reports' metadata as a DataFrame, one row per report (no text)."""
        from sitrep.export.frames import reports_frame

        return reports_frame(self.reports())

    def incidents_df(self) -> pd.DataFrame:
        """The incidents as a flat DataFrame, one row per incident."""
        from sitrep.export.frames import incidents_frame

        return incidents_frame(self.incidents())
