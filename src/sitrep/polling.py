"""Feeds -> reports: poll the feeds an analyst follows and add each new entry's article.

Input: a Store with followed feeds (``sitrep feeds add``) and a Fetcher. Output: one
``PollOutcome`` per feed polled: what the server said (a conditional GET may answer "not
modified"), how many entries were new, and the ``AddOutcome`` of each. ``watch`` polls
every feed on its own interval until told to stop; it is safe to stop at any moment.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.ingest.files import ReportMeta
from sitrep.models import Report
from sitrep.pipeline import AddOutcome, UrlJob, add_report, add_urls
from sitrep.store import Store
from sitrep.store.feeds import (
    Feed,
    due_feeds,
    list_feeds,
    next_due,
    record_entry,
    record_poll,
    seen_entry,
)

if TYPE_CHECKING:
    from sitrep.ingest.feeds import FeedEntry
    from sitrep.ingest.fetch import Fetcher


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of a feed did."""

    feed: Feed
    status: str
    """"ok", "not modified" (the server said nothing changed) or "error"."""
    entries: int = 0
    new_entries: int = 0
    added: tuple[AddOutcome, ...] = ()
    error: str | None = None

    @property
    def reports_added(self) -> int:
        return sum(1 for a in self.added if a.ok and a.new)


def poll_feed(
    store: Store, feed: Feed, *, fetcher: Fetcher, who: str = "sitrep", workers: int = 1
) -> PollOutcome:
    """Poll one feed: a conditional GET, then each new entry's article added as a report.

    An entry is new when neither its GUID (or link) nor its content was seen in this feed
    before; an entry whose article failed is tried again next time."""
    from sitrep.ingest.feeds import FeedRejected, parse_feed
    from sitrep.ingest.fetch import FetchError

    at = dt.datetime.now(dt.UTC)
    try:
        fetched = fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if fetched.not_modified:
            _record(store, feed, at, "not modified")
            return PollOutcome(feed, "not modified")
        parsed = parse_feed(fetched.body, source=fetched.final_url)
    except (FetchError, FeedRejected) as exc:
        _record(store, feed, at, "error", error=exc.reason)
        return PollOutcome(feed, "error", error=exc.reason)
    with store.read() as conn:
        new = [e for e in parsed.entries if not seen_entry(conn, feed.id, e.key, e.content_hash)]
    publisher = feed.name or parsed.title
    jobs = [
        UrlJob(
            e.link,
            ReportMeta(
                title=e.title,
                publisher=publisher,
                author=e.author,
                published=_iso_or_none(e.published_iso),
            ),
        )
        for e in new
        if e.link
    ]
    by_url: dict[str, AddOutcome] = {}
    for outcome in add_urls(store, jobs, fetcher=fetcher, who=who, workers=workers):
        by_url[outcome.source] = outcome
    added = []
    with store.transaction() as conn:
        for entry in new:
            outcome = _entry_outcome(store, entry, by_url, publisher, who)
            added.append(outcome)
            record_entry(
                conn,
                feed.id,
                key=entry.key,
                content_hash=entry.content_hash,
                link=entry.link,
                title=entry.title,
                published=entry.published,
                report_id=outcome.report_id,
                error=outcome.error,
            )
        record_poll(
            conn,
            feed,
            at=at,
            status="ok",
            etag=fetched.headers.get("etag"),
            last_modified=fetched.headers.get("last-modified"),
            entries_seen=len(new),
            reports_added=sum(1 for a in added if a.ok and a.new),
        )
    return PollOutcome(feed, "ok", len(parsed.entries), len(new), tuple(added))


def _entry_outcome(
    store: Store, entry: FeedEntry, by_url: dict[str, AddOutcome], publisher: str | None, who: str
) -> AddOutcome:
    """What became of a feed entry: its article's outcome, or, for an entry with no link,
    the report its own title and summary make."""
    from sitrep.ingest.fetch import FetchError, check_url

    if entry.link:
        try:
            url = check_url(entry.link, allow_private=True)
        except FetchError as exc:
            return AddOutcome(source=entry.link, error=exc.reason)
        found = by_url.get(url) or by_url.get(entry.link)
        return found or AddOutcome(source=url, error="was not fetched")
    text = "\n\n".join(p for p in (entry.title, entry.summary) if p)
    report = Report(
        title=entry.title,
        publisher=publisher,
        author=entry.author,
        published=_iso_or_none(entry.published_iso),
        text=text,
        source=entry.key,
    )
    return add_report(store, report, source=entry.key, who=who)


def _iso_or_none(value: str | None) -> str | None:
    from sitrep.models import normalise_published

    if not value:
        return None
    try:
        return normalise_published(value)
    except ValueError:
        return None


def _record(
    store: Store, feed: Feed, at: dt.datetime, status: str, error: str | None = None
) -> None:
    with store.transaction() as conn:
        record_poll(conn, feed, at=at, status=status, error=error)


def poll_due(
    store: Store,
    *,
    fetcher: Fetcher,
    who: str = "sitrep",
    workers: int = 1,
    every: bool = False,
    stop: threading.Event | None = None,
) -> Iterator[PollOutcome]:
    """Poll the feeds that are due (``every``: all of them), one after another, until done
    or ``stop`` is set."""
    now = dt.datetime.now(dt.UTC)
    with store.read() as conn:
        todo = list_feeds(conn) if every else due_feeds(conn, now)
    for feed in todo:
        if stop is not None and stop.is_set():
            return
        yield poll_feed(store, feed, fetcher=fetcher, who=who, workers=workers)


def watch(
    store: Store,
    *,
    fetcher: Fetcher,
    stop: threading.Event,
    log: Callable[[str], None],
    who: str = "sitrep",
    workers: int = 1,
    longest_nap: float = 60.0,
) -> None:
    """Poll every feed on its interval until ``stop`` is set, logging what each poll added.

    Safe to stop at any moment: each report is stored in its own transaction, and a feed
    polled halfway is simply polled again."""
    while not stop.is_set():
        for outcome in poll_due(store, fetcher=fetcher, who=who, workers=workers, stop=stop):
            log(describe_poll(outcome))
        with store.read() as conn:
            due = next_due(conn)
        nap = longest_nap if due is None else (due - dt.datetime.now(dt.UTC)).total_seconds()
        stop.wait(min(max(nap, 0.2), longest_nap))


def describe_poll(outcome: PollOutcome) -> str:
    """One line for a poll: the feed and what it added, or why it failed."""
    name = outcome.feed.name or outcome.feed.url
    if outcome.status == "error":
        return f"feed {outcome.feed.id} ({name}): failed: {outcome.error}"
    if outcome.status == "not modified":
        return f"feed {outcome.feed.id} ({name}): not modified since the last poll"
    ids = [f"#{i}" for i in sorted(a.report_id or 0 for a in outcome.added if a.ok and a.new)]
    failed = sum(1 for a in outcome.added if not a.ok)
    line = (
        f"feed {outcome.feed.id} ({name}): {outcome.entries} entries, "
        f"{outcome.new_entries} new, {len(ids)} report(s) added"
    )
    if ids:
        line += " (" + ", ".join(ids) + ")"
    if failed:
        line += f", {failed} failed (tried again next poll)"
    return line
