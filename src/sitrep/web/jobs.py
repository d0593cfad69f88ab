"""Work the web app runs in the background while the page shows its progress: adding
reports by URL (fetched, read, extracted, stored) and following a feed (its first poll).

Jobs live in this server process's memory, the last :data:`KEEP` of them; what they add
goes into the database like any other report, with the user's name in the audit log.
A URL that fails is reported on its line and the rest go on.

    >>> job = jobs.add_urls(["https://example.org/a"], who="ana")
    >>> jobs.get(job.id).items[0].state
    'waiting'
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sitrep.errors import InputError, NotFound

if TYPE_CHECKING:
    from sitrep.pipeline import AddOutcome
    from sitrep.store import Store
    from sitrep.web.app import ServerConfig

KEEP = 200
MAX_URLS = 500


@dataclass
class JobItem:
    source: str
    state: str = "waiting"  # waiting, done, failed
    report_id: int | None = None
    title: str | None = None
    incidents: int = 0
    new: bool = False
    error: str | None = None

    def record(self, outcome: AddOutcome) -> None:
        self.state = "done" if outcome.ok else "failed"
        self.report_id = outcome.report_id
        self.title = outcome.title
        self.incidents = outcome.incidents
        self.new = outcome.new
        self.error = outcome.error


@dataclass
class Job:
    id: str
    kind: str  # "urls" or "feed"
    who: str
    created_at: dt.datetime
    items: list[JobItem] = field(default_factory=list)
    finished: bool = False
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        done = sum(1 for i in self.items if i.state != "waiting")
        return {
            "id": self.id,
            "kind": self.kind,
            "who": self.who,
            "created_at": self.created_at.isoformat(),
            "finished": self.finished,
            "error": self.error,
            "done": done,
            "total": len(self.items),
            "items": [i.__dict__.copy() for i in self.items],
        }


class Jobs:
    def __init__(self, store: Store, config: ServerConfig) -> None:
        self.store = store
        self.config = config
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(
            max_workers=max(1, config.jobs_workers), thread_name_prefix="sitrep-job"
        )

    def _new(self, kind: str, who: str, sources: list[str]) -> Job:
        job = Job(uuid.uuid4().hex[:12], kind, who, dt.datetime.now(dt.UTC))
        job.items = [JobItem(s) for s in sources]
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP:
                self._jobs.popitem(last=False)
        return job

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"no job {job_id!r} (jobs are kept while the server runs)")
        return job

    def _fetcher(self) -> Any:
        from sitrep.ingest.fetch import Fetcher, FetchPolicy

        policy = FetchPolicy.from_settings(
            self.config.settings, allow_private=self.config.fetch_private
        )
        return Fetcher(policy)

    def add_urls(self, urls: list[str], *, who: str) -> Job:
        wanted = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
        if not wanted:
            raise InputError("no URL given")
        if len(wanted) > MAX_URLS:
            raise InputError(f"at most {MAX_URLS} URLs at once, got {len(wanted)}")
        job = self._new("urls", who, wanted)
        self._pool.submit(self._run_urls, job)
        return job

    def _run_urls(self, job: Job) -> None:
        from sitrep.pipeline import UrlJob, add_urls

        items = {i.source: i for i in job.items}
        try:
            with self._fetcher() as fetcher:
                for outcome in add_urls(
                    self.store, [UrlJob(u) for u in items], fetcher=fetcher, who=job.who
                ):
                    item = items.get(outcome.source)
                    if item is None:  # the URL as checked (normalised)
                        item = next((i for i in job.items if i.state == "waiting"), None)
                    if item is not None:
                        item.record(outcome)
        except Exception as exc:
            job.error = f"{type(exc).__name__}: {exc}"
        finally:
            for item in job.items:
                if item.state == "waiting":
                    item.state, item.error = "failed", item.error or job.error or "not added"
            job.finished = True

    def add_feed(self, url: str, *, name: str | None, who: str) -> Job:
        from sitrep.store.feeds import add_feed

        with self.store.transaction() as conn:
            feed = add_feed(conn, url.strip(), name=name or None, interval_seconds=3600)
        job = self._new("feed", who, [])
        self._pool.submit(self._run_feed, job, feed)
        return job

    def _run_feed(self, job: Job, feed: Any) -> None:
        from sitrep.polling import poll_feed

        try:
            with self._fetcher() as fetcher:
                polled = poll_feed(self.store, feed, fetcher=fetcher, who=job.who)
            if polled.error:
                job.error = polled.error
            for outcome in polled.added:
                item = JobItem(outcome.source)
                item.record(outcome)
                job.items.append(item)
        except Exception as exc:
            job.error = f"{type(exc).__name__}: {exc}"
        finally:
            job.finished = True

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
