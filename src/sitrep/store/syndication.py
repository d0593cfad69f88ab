"""Near-duplicate reports in the database: the same wire story on twenty sites.

Each report's MinHash signature and its LSH band keys are stored (``report_signatures``,
``report_bands``); a new report's band keys find the reports that may be copies of it,
their signatures tell how alike they are, and a copy is linked to the first-seen original
(``reports.original_id``, always an original, never a copy of a copy). Independent
sources are then the distinct originals among a set of reports.

Every function takes an open Connection and never commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from sitrep.ingest import neardup
from sitrep.store.tables import report_bands, report_signatures, reports


@dataclass(frozen=True)
class Copy:
    """A report found to copy an earlier one."""

    original_id: int
    similarity: float


def index_report(conn: Connection, report_id: int, text: str) -> Copy | None:
    """Store the report's signature, and link it to the original it copies, if any.

    The original is the earliest stored report (lowest id) whose text is alike enough; a
    copy of a copy is linked to the first original. Returns the link, or None."""
    sig = neardup.signature(text)
    keys = neardup.band_keys(sig)
    found = _best_original(conn, report_id, sig, keys)
    conn.execute(insert(report_signatures).values(report_id=report_id, signature=sig))
    if keys:  # a text too short for a signature has none (an empty list would insert NULLs)
        conn.execute(
            insert(report_bands), [{"band_key": k, "report_id": report_id} for k in set(keys)]
        )
    if found is not None:
        conn.execute(
            update(reports)
            .where(reports.c.id == report_id)
            .values(original_id=found.original_id, original_similarity=found.similarity)
        )
    return found


def _best_original(conn: Connection, report_id: int, sig: bytes, keys: list[int]) -> Copy | None:
    if not keys:
        return None
    candidates = (
        select(report_bands.c.report_id)
        .where(report_bands.c.band_key.in_(keys))
        .where(report_bands.c.report_id != report_id)
        .distinct()
    )
    rows = conn.execute(
        select(
            report_signatures.c.report_id,
            report_signatures.c.signature,
            reports.c.original_id,
        )
        .join(reports, reports.c.id == report_signatures.c.report_id)
        .where(report_signatures.c.report_id.in_(candidates))
    ).all()
    alike = []
    for other_id, other_sig, original in rows:
        score = neardup.similarity(sig, bytes(other_sig))
        if score >= neardup.THRESHOLD:
            alike.append((int(original or other_id), score))
    if not alike:
        return None
    # The earliest original wins; its best similarity is recorded.
    first = min(o for o, _ in alike)
    return Copy(first, max(s for o, s in alike if o == first))


def indexed(conn: Connection, report_id: int) -> bool:
    found = conn.execute(
        select(report_signatures.c.report_id).where(report_signatures.c.report_id == report_id)
    ).first()
    return found is not None


def originals(conn: Connection, report_ids: Iterable[int]) -> dict[int, int]:
    """Each report id -> the original it copies (itself when it is an original)."""
    ids = sorted(set(report_ids))
    out: dict[int, int] = {}
    for chunk in _chunks(ids, 500):
        for rid, original in conn.execute(
            select(reports.c.id, reports.c.original_id).where(reports.c.id.in_(chunk))
        ):
            out[int(rid)] = int(original) if original is not None else int(rid)
    return out


def independent_sources(conn: Connection, report_ids: Iterable[int]) -> int:
    """How many independent sources a set of reports is: syndicated copies count once."""
    return len(set(originals(conn, report_ids).values()))


def copies_of(conn: Connection, report_id: int) -> list[int]:
    """The reports linked to ``report_id`` as copies of it, oldest first."""
    return [
        int(r)
        for r in conn.execute(
            select(reports.c.id).where(reports.c.original_id == report_id).order_by(reports.c.id)
        ).scalars()
    ]


def count_indexed(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(report_signatures)).scalar_one())


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
