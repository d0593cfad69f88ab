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
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sitrep.errors import FileRejected
from sitrep.ingest.files import ReportMeta, read_report_file
from sitrep.models import AuditEntry, Report
from sitrep.store import Store
from sitrep.store.incidents import append_audit, replace_candidates
from sitrep.store.matching import match_new
from sitrep.store.reports import find_same, find_urls, get_report, insert_report
from sitrep.store.syndication import index_report, indexed

# Who the audit log names for links the matcher makes on its own.
MATCHER = "sitrep matcher"

if TYPE_CHECKING:
    from sitrep.extract.incidents import Extraction
    from sitrep.ingest.fetch import Fetched, Fetcher


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
    linked: int = 0
    """Candidates linked to an incident on record (the same incident in another report)."""
    suggested: int = 0
    """Pairs kept for an analyst to decide (maybe the same incident)."""
    stored_before: bool = False
    """The URL was stored before: it was not fetched again."""
    copy_of: int | None = None
    """The report this one copies (a syndicated story), when it is a near-duplicate."""

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


def add_report(
    store: Store,
    report: Report,
    *,
    source: str,
    who: str = "sitrep",
    found: Extraction | None = None,
) -> AddOutcome:
    """Store one report and its extracted candidates in one transaction.

    The same bytes, the same text in other HTML, or the same canonical URL are recognised
    as a report stored before: its extraction is re-run and nothing is duplicated. A new
    report's text is indexed for near-duplicates and linked to the original it copies.
    ``found``: the extraction when the caller ran it already (in a worker process)."""
    from sitrep.extract.incidents import extract

    with store.transaction() as conn:
        earlier = find_same(conn, report)
        if earlier is not None:
            report_id, new = earlier, False
        else:
            report_id, new = insert_report(conn, report)
        stored = report if new else get_report(conn, report_id)
        if found is None or not new:
            found = extract(stored.text, published=stored.published)
        if stored.page_starts:
            _cite_pages(found, stored.page_starts)
        copy = index_report(conn, report_id, stored.text) if not indexed(conn, report_id) else None
        ids, replaced = replace_candidates(
            conn, report_id, found.incidents, found.aggregates, who=who
        )
        # The same incident told by reports on record: linked now, or kept for review.
        matched = match_new(conn, ids, who=MATCHER)
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
        title=stored.title,
        incidents=len(ids),
        aggregates=len(found.aggregates),
        replaced=replaced,
        copy_of=copy.original_id if copy else None,
        linked=len(matched.linked),
        suggested=matched.suggested,
    )


def _cite_pages(found: Extraction, page_starts: list[int]) -> None:
    """Give each evidence span of a PDF's extraction the page it is on."""
    from sitrep.ingest.pdf import page_of

    spans = [s for i in found.incidents for s in i.evidence]
    spans += [s for a in found.aggregates for s in a.evidence]
    for span in spans:
        span.page = page_of(page_starts, span.start)


@dataclass(frozen=True)
class UrlJob:
    """A URL to add, with what the caller knows of it (a feed entry, a CSV row)."""

    url: str
    meta: ReportMeta = field(default_factory=ReportMeta)


def add_urls(
    store: Store,
    jobs: Iterable[UrlJob],
    *,
    fetcher: Fetcher,
    who: str = "sitrep",
    workers: int = 1,
    fetch_workers: int = 8,
    per_host: int = 2,
) -> Iterator[AddOutcome]:
    """Fetch each URL (concurrently, at most ``per_host`` at a time to one site), read its
    article and extract it (in ``workers`` processes), and store it; yield an outcome per
    URL as each is done, in the order they finish. A URL stored before is not fetched
    again; one that fails is reported and the rest go on."""
    from sitrep.ingest.fetch import FetchError, fetch_many
    from sitrep.ingest.web import PAGE_TYPES

    metas: dict[str, ReportMeta] = {}
    for job in jobs:
        try:
            url = fetcher.check(job.url)
        except FetchError as exc:
            yield AddOutcome(source=job.url, error=exc.reason)
            continue
        metas.setdefault(url, job.meta)  # the same URL twice in one batch: fetched once
    with store.read() as conn:
        known = find_urls(conn, list(metas))
    for url, report_id in known.items():
        yield AddOutcome(source=url, report_id=report_id, new=False, stored_before=True)
    todo = [url for url in metas if url not in known]
    fetched = fetch_many(
        fetcher, todo, workers=fetch_workers, per_host=per_host, media_types=PAGE_TYPES
    )
    # Starting a worker process costs about a second: a handful of pages are read here.
    workers = min(workers, max(1, len(todo) // 4))
    with _Preparer(workers) as preparer:
        for url, result in fetched:
            if isinstance(result, FetchError):
                yield AddOutcome(source=url, error=result.reason)
                continue
            preparer.submit(url, result, metas[url])
            for done in preparer.ready(block=False):
                yield _store_prepared(store, done, who)
        for done in preparer.ready(block=True):
            yield _store_prepared(store, done, who)


@dataclass(frozen=True)
class _Prepared:
    url: str
    report: Report | None = None
    found: Extraction | None = None
    error: str | None = None


def _prepare(url: str, fetched: Fetched, meta: ReportMeta) -> _Prepared:
    """The CPU-bound part of adding a page: its main text, then extraction (in a worker)."""
    from sitrep.extract.incidents import extract
    from sitrep.ingest.web import report_from_fetched

    try:
        report = report_from_fetched(fetched, meta)
    except FileRejected as exc:
        return _Prepared(url, error=exc.reason)
    return _Prepared(url, report, extract(report.text, published=report.published))


def _store_prepared(store: Store, done: _Prepared, who: str) -> AddOutcome:
    if done.report is None:
        return AddOutcome(source=done.url, error=done.error)
    return add_report(store, done.report, source=done.url, who=who, found=done.found)


class _Preparer:
    """Runs ``_prepare`` inline (one worker) or in a pool of processes, keeping at most a
    few jobs per process in flight so memory stays bounded."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        self.pending: dict[Future[_Prepared], str] = {}
        self.inline: list[_Prepared] = []

    def __enter__(self) -> _Preparer:
        if self.workers > 1:
            # Fetching runs in threads: workers are never forked from this process, whose
            # threads may hold locks, but from a clean server process that has the
            # extractor's modules loaded once (their patterns take seconds to compile).
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["sitrep.extract.incidents", "sitrep.ingest.web"])
            self.pool = ProcessPoolExecutor(self.workers, mp_context=context)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, url: str, fetched: Fetched, meta: ReportMeta) -> None:
        if self.pool is None:
            self.inline.append(_prepare(url, fetched, meta))
            return
        while len(self.pending) >= self.workers * 4:
            done, _ = wait(self.pending, return_when=FIRST_COMPLETED)
            self.inline.extend(_result(f, self.pending.pop(f)) for f in done)
        # The headers as a plain dict: a read-only mapping does not cross to a process.
        portable = replace(fetched, headers=dict(fetched.headers))
        self.pending[self.pool.submit(_prepare, url, portable, meta)] = url

    def ready(self, *, block: bool) -> Iterator[_Prepared]:
        while self.inline:
            yield self.inline.pop(0)
        if block:
            for future in as_completed(list(self.pending)):
                yield _result(future, self.pending.pop(future))
            return
        for future in [f for f in self.pending if f.done()]:
            yield _result(future, self.pending.pop(future))


def _result(future: Future[_Prepared], url: str) -> _Prepared:
    try:
        return future.result()
    except Exception as exc:  # a worker that died: that page fails, the batch goes on
        return _Prepared(url, error=f"could not be read: {exc}")
