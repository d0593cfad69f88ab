"""Feeds in the database: the feeds an analyst follows and every entry they have shown.

A feed row keeps what conditional GET needs (ETag, Last-Modified), when it was polled
and when it is due again. An entry row records an entry's identity (GUID, link or
content hash), the report made from it, or why its article could not be added (such
entries are tried again on the next poll while the feed still lists them).

Every function takes an open Connection and never commits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select, update

from sitrep.errors import NotFound, SitrepError
from sitrep.store.db import as_utc
from sitrep.store.tables import feed_entries, feeds


class FeedExists(SitrepError):
    """The feed is followed already."""


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    name: str | None
    interval_seconds: int
    added_at: dt.datetime
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: dt.datetime | None = None
    next_poll_at: dt.datetime | None = None
    last_status: str | None = None
    last_error: str | None = None
    entries_seen: int = 0
    reports_added: int = 0

    def as_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        for key, value in out.items():
            if isinstance(value, dt.datetime):
                out[key] = value.isoformat()
        return out


def add_feed(conn: Connection, url: str, *, name: str | None, interval_seconds: int) -> Feed:
    """Follow a feed; raises FeedExists when it is followed already."""
    if conn.execute(select(feeds.c.id).where(feeds.c.url == url)).first() is not None:
        raise FeedExists(f"the feed {url} is followed already")
    now = dt.datetime.now(dt.UTC)
    new_id = conn.execute(
        insert(feeds)
        .values(
            url=url,
            name=name,
            interval_seconds=interval_seconds,
            added_at=now,
            next_poll_at=now,
            entries_seen=0,
            reports_added=0,
        )
        .returning(feeds.c.id)
    ).scalar_one()
    return get_feed(conn, int(new_id))


def get_feed(conn: Connection, feed_id: int) -> Feed:
    row = conn.execute(select(feeds).where(feeds.c.id == feed_id)).mappings().first()
    if row is None:
        raise NotFound(f"no feed with id {feed_id}")
    return _feed(dict(row))


def find_feed(conn: Connection, ref: str) -> Feed:
    """A feed by its id, URL or name."""
    if ref.isdigit():
        return get_feed(conn, int(ref))
    row = (
        conn.execute(select(feeds).where(or_(feeds.c.url == ref, feeds.c.name == ref)))
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"no feed {ref!r}; `sitrep feeds list` shows the feeds followed")
    return _feed(dict(row))


def list_feeds(conn: Connection) -> list[Feed]:
    return [_feed(dict(r)) for r in conn.execute(select(feeds).order_by(feeds.c.id)).mappings()]


def due_feeds(conn: Connection, now: dt.datetime) -> list[Feed]:
    """The feeds whose next poll is due by ``now``, most overdue first."""
    rows = conn.execute(
        select(feeds)
        .where(or_(feeds.c.next_poll_at.is_(None), feeds.c.next_poll_at <= now))
        .order_by(feeds.c.next_poll_at, feeds.c.id)
    ).mappings()
    return [_feed(dict(r)) for r in rows]


def next_due(conn: Connection) -> dt.datetime | None:
    """When the next feed is due, or None when no feed is followed."""
    found = [f.next_poll_at for f in list_feeds(conn) if f.next_poll_at is not None]
    return min(found) if found else None


def record_poll(
    conn: Connection,
    feed: Feed,
    *,
    at: dt.datetime,
    status: str,
    error: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    entries_seen: int = 0,
    reports_added: int = 0,
) -> None:
    """What a poll found; the feed is due again one interval later."""
    values: dict[str, Any] = {
        "last_polled_at": at,
        "next_poll_at": at + dt.timedelta(seconds=feed.interval_seconds),
        "last_status": status,
        "last_error": error,
        "entries_seen": feeds.c.entries_seen + entries_seen,
        "reports_added": feeds.c.reports_added + reports_added,
    }
    if etag is not None:
        values["etag"] = etag
    if last_modified is not None:
        values["last_modified"] = last_modified
    conn.execute(update(feeds).where(feeds.c.id == feed.id).values(**values))


def seen_entry(conn: Connection, feed_id: int, key: str, content_hash: str) -> bool:
    """Whether this entry was added before: by its key (GUID or link) or, for a feed that
    gives an old entry a new GUID, by its content. Entries whose article failed are not
    "seen": they are tried again."""
    found = conn.execute(
        select(feed_entries.c.id)
        .where(feed_entries.c.feed_id == feed_id)
        .where(feed_entries.c.error.is_(None))
        .where(or_(feed_entries.c.key == key, feed_entries.c.content_hash == content_hash))
    ).first()
    return found is not None


def record_entry(
    conn: Connection,
    feed_id: int,
    *,
    key: str,
    content_hash: str,
    link: str | None,
    title: str | None,
    published: str | None,
    report_id: int | None,
    error: str | None,
) -> None:
    """Record an entry and what became of it (a report, or the reason it failed)."""
    values = {
        "link": link,
        "title": title,
        "published": published,
        "content_hash": content_hash,
        "seen_at": dt.datetime.now(dt.UTC),
        "report_id": report_id,
        "error": error,
    }
    where = and_(feed_entries.c.feed_id == feed_id, feed_entries.c.key == key)
    if conn.execute(select(feed_entries.c.id).where(where)).first() is not None:
        conn.execute(update(feed_entries).where(where).values(**values))
    else:
        conn.execute(insert(feed_entries).values(feed_id=feed_id, key=key, **values))


def _feed(row: dict[str, Any]) -> Feed:
    for key in ("added_at", "last_polled_at", "next_poll_at"):
        row[key] = as_utc(row.get(key))
    return Feed(**row)
