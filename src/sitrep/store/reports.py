"""Reports in the database: insert once by content hash, list, fetch.

Every function takes an open Connection and never commits: the caller's
transaction is the unit of work.
"""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Any

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from sitrep.errors import NotFound
from sitrep.models import Report
from sitrep.store.db import as_utc
from sitrep.store.tables import report_raw, reports

_LIST_COLUMNS = [c for c in reports.c if c.name != "text"]


def insert_report(conn: Connection, report: Report) -> tuple[int, bool]:
    """Store ``report`` unless the same content is already there.

    Returns the report's id and whether it was new. Two processes adding the same
    bytes at once end with one row: the sha256 is unique and the insert skips
    a conflict instead of failing.
    """
    retrieved = report.retrieved_at or dt.datetime.now(dt.UTC)
    values: dict[str, Any] = {
        "sha256": report.sha256,
        "url": report.url,
        "canonical_url": report.canonical_url,
        "title": report.title,
        "publisher": report.publisher,
        "author": report.author,
        "published": report.published,
        "published_date": report.published_date,
        "retrieved_at": retrieved,
        "language": report.language,
        "media_type": report.media_type,
        "encoding": report.encoding,
        "source": report.source,
        "size": report.size,
        "text": report.text,
        "text_sha256": report.text_sha256,
        "page_starts": report.page_starts,
        "original_id": report.original_id,
        "original_similarity": report.original_similarity,
    }
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = (
        insert(reports)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["sha256"])
        .returning(reports.c.id)
    )
    new_id = conn.execute(stmt).scalar()
    if new_id is None:
        existing = find_by_sha256(conn, report.sha256)
        assert existing is not None, "conflict on sha256 without a row"
        return existing, False
    raw = report.raw if report.raw is not None else report.text.encode("utf-8")
    conn.execute(
        report_raw.insert().values(report_id=new_id, compression="zlib", data=zlib.compress(raw))
    )
    return int(new_id), True


def find_same(conn: Connection, report: Report) -> int | None:
    """A stored report that is this one: the same bytes, the same text (the same article
    in other HTML) or the same canonical URL. None when there is none."""
    found = find_by_sha256(conn, report.sha256)
    if found is None and report.text_sha256:
        found = conn.execute(
            select(reports.c.id)
            .where(reports.c.text_sha256 == report.text_sha256)
            .order_by(reports.c.id)
            .limit(1)
        ).scalar()
    if found is None and report.canonical_url:
        found = find_by_url(conn, report.canonical_url)
    return None if found is None else int(found)


def find_by_url(conn: Connection, url: str) -> int | None:
    """The first report stored from ``url`` (as asked for, or as its canonical URL)."""
    found = conn.execute(
        select(reports.c.id)
        .where(or_(reports.c.canonical_url == url, reports.c.url == url))
        .order_by(reports.c.id)
        .limit(1)
    ).scalar()
    return None if found is None else int(found)


def find_urls(conn: Connection, urls: list[str]) -> dict[str, int]:
    """Which of ``urls`` were stored before (as asked for, or as a canonical URL): each one
    found -> the first report stored from it."""
    found: dict[str, int] = {}
    for i in range(0, len(urls), 500):
        chunk = urls[i : i + 500]
        for column in (reports.c.url, reports.c.canonical_url):
            rows = conn.execute(
                select(column, func.min(reports.c.id)).where(column.in_(chunk)).group_by(column)
            )
            for url, report_id in rows:
                found[url] = min(found.get(url, report_id), int(report_id))
    return found


def find_by_sha256(conn: Connection, sha256: str) -> int | None:
    found = conn.execute(select(reports.c.id).where(reports.c.sha256 == sha256)).scalar()
    return None if found is None else int(found)


def get_report(conn: Connection, report_id: int, *, with_raw: bool = False) -> Report:
    row = conn.execute(select(reports).where(reports.c.id == report_id)).mappings().first()
    if row is None:
        raise NotFound(f"no report with id {report_id}")
    raw = get_raw(conn, report_id) if with_raw else None
    return _to_report(dict(row), raw)


def get_raw(conn: Connection, report_id: int) -> bytes:
    """The archival copy of the bytes the report was made from."""
    row = conn.execute(
        select(report_raw.c.compression, report_raw.c.data).where(
            report_raw.c.report_id == report_id
        )
    ).first()
    if row is None:
        raise NotFound(f"no raw copy of report {report_id}")
    data = bytes(row.data)
    return zlib.decompress(data) if row.compression == "zlib" else data


def list_reports(
    conn: Connection, *, limit: int | None = None, with_text: bool = False
) -> list[Report]:
    columns = list(reports.c) if with_text else _LIST_COLUMNS
    stmt = select(*columns).order_by(reports.c.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_to_report(dict(row)) for row in conn.execute(stmt).mappings()]


def count_reports(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(reports)).scalar_one())


def _to_report(row: dict[str, Any], raw: bytes | None = None) -> Report:
    row.pop("published_date", None)
    row.setdefault("text", "")
    if not row.get("text_sha256"):
        row.pop("text_sha256", None)  # listed without text, or stored before schema 0005
    row["retrieved_at"] = as_utc(row["retrieved_at"])
    return Report.model_validate({**row, "raw": raw})
