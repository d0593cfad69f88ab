"""The one place that wires sources -> reports -> extraction -> store.

Input: paths (or the bundled samples) and a Store. Output: one ``AddOutcome`` per
input, in order: the report id, whether it was new, how many candidate incidents
and aggregate statements extraction found, or the reason the input was refused.
One bad input never stops the batch. Each report and its candidates are stored in
one transaction, so what was stored before a failure stays stored. Adding a
report again re-runs extraction on the stored text and replaces the candidates
of the earlier run (never duplicating them); incidents an analyst has touched
are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sitrep.errors import FileRejected
from sitrep.ingest.files import ReportMeta, read_report_file
from sitrep.models import AuditEntry, Report
from sitrep.store import Store
from sitrep.store.incidents import append_audit, replace_candidates
from sitrep.store.reports import get_report, insert_report


@dataclass(frozen=True)
class AddOutcome:
    source: str
    report_id: int | None = None
    new: bool = False
    title: str | None = None
    error: str | None = None
    incidents: int = 0
    aggregates: int = 0
    replaced: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def add_files(
    store: Store,
    paths: Iterable[str],
    *,
    max_bytes: int,
    meta: ReportMeta | None = None,
    who: str = "sitrep",
) -> Iterator[AddOutcome]:
    """Read and store each file; yield what happened to it as soon as it is done."""
    for path in paths:
        try:
            report = read_report_file(path, max_bytes=max_bytes, meta=meta)
        except FileRejected as exc:
            yield AddOutcome(source=path, error=exc.reason)
            continue
        yield add_report(store, report, source=path, who=who)


def add_reports(
    store: Store, reports: Iterable[Report], *, who: str = "sitrep"
) -> Iterator[AddOutcome]:
    for report in reports:
        yield add_report(store, report, source=report.source or report.url or "report", who=who)


def add_report(store: Store, report: Report, *, source: str, who: str = "sitrep") -> AddOutcome:
    """Store one report and its extracted candidates in one transaction."""
    from sitrep.extract.incidents import extract

    with store.transaction() as conn:
        report_id, new = insert_report(conn, report)
        stored = report if new else get_report(conn, report_id)
        found = extract(stored.text, published=stored.published)
        ids, replaced = replace_candidates(conn, report_id, found.incidents, found.aggregates)
        append_audit(
            conn,
            AuditEntry(
                at=dt.datetime.now(dt.UTC),
                who=who,
                entity="report",
                entity_id=report_id,
                action="extract",
                new={"incidents": ids, "aggregates": len(found.aggregates), "replaced": replaced},
                why="report added" if new else "report added again: extraction re-run",
            ),
        )
    return AddOutcome(
        source=source,
        report_id=report_id,
        new=new,
        title=report.title,
        incidents=len(ids),
        aggregates=len(found.aggregates),
        replaced=replaced,
    )
