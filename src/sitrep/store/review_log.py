"""The audit log of incidents, read back: undo an operation, an incident's history, what
an entry changed, and the log replayed to rebuild incidents from empty.

Every entry holds the whole incident before and after the change (sitrep.store.review
writes them), so undo restores an incident exactly and replay needs nothing else.

    >>> # with store.transaction() as conn: undo(conn, who="ana")   # the last change of ana's

Every function takes an open Connection and never commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from sitrep.errors import InputError, NotFound
from sitrep.models import AuditEntry, Incident
from sitrep.store import review
from sitrep.store.incidents import insert_incident, list_audit, write_incident
from sitrep.store.tables import audit_log, incidents


def undo(
    conn: Connection, *, who: str, operation: str | None = None, why: str | None = None
) -> review.Change:
    """Undo an operation (by default the last one ``who`` made that is not undone): each
    incident it wrote goes back to how it was before; one it created is marked rejected.
    Refused when an incident changed after that operation."""
    target = operation or _last_operation(conn, who)
    entries = _entries(conn, target)
    if not entries:
        raise NotFound(f"no operation {target} in the audit log")
    if _undone(conn, target):
        raise InputError(f"operation {target} was undone already")
    done = review.new_operation()
    # Per incident: how it was before the operation's first change to it, and the version
    # its last change left (anything later means someone changed it since).
    first: dict[int, AuditEntry] = {}
    last: dict[int, AuditEntry] = {}
    for entry in entries:
        first.setdefault(entry.entity_id, entry)
        last[entry.entity_id] = entry
    written = []
    for incident_id in sorted(last, key=lambda i: -(last[i].id or 0)):
        current = review.load(conn, incident_id)
        expected = last[incident_id].new["version"]
        if current.version != expected and not _same(current, last[incident_id].new):
            raise review.Conflict(
                f"incident {current.code} changed after that operation (version "
                f"{expected}, now {current.version}); undo the later changes first"
            )
        old = first[incident_id].old
        if old is None:  # made by the operation: marked rejected, never deleted
            restored = current.model_copy(update={"status": "rejected", "merged_into": None})
        else:
            restored = Incident.model_validate(old)
        action = first[incident_id].action
        written.append(
            review.save(
                conn,
                current,
                restored,
                who=who,
                why=why or f"undo of {action}",
                operation=done,
                action="undo",
                field=target,
            )
        )
    return review.Change(done, tuple(reversed(written)))


def _same(incident: Incident, recorded: dict[str, Any]) -> bool:
    """Whether an incident is as an audit entry recorded it, version and time aside (a
    later change that was itself undone leaves it so)."""
    volatile = ("version", "updated_at")
    now, then = review.dump(incident), review.dump(Incident.model_validate(recorded))
    for key in volatile:
        now.pop(key, None)
        then.pop(key, None)
    return now == then


def _entries(conn: Connection, operation: str) -> list[AuditEntry]:
    return list_audit(conn, entity="incident", operation=operation)


def _undone(conn: Connection, operation: str) -> bool:
    found = conn.execute(
        select(audit_log.c.id)
        .where(audit_log.c.action == "undo")
        .where(audit_log.c.field == operation)
        .limit(1)
    ).first()
    return found is not None


def _last_operation(conn: Connection, who: str) -> str:
    """The last operation ``who`` made on incidents that is neither an undo, nor undone,
    nor the extraction that made candidates."""
    mine = (audit_log.c.entity == "incident") & (audit_log.c.who == who)
    undone = select(audit_log.c.field).where(mine).where(audit_log.c.action == "undo")
    # An operation of creations only is an extraction: its incidents are not undone, only
    # rejected. Any other operation ends with a change that is not a creation.
    found = conn.execute(
        select(audit_log.c.operation)
        .where(mine)
        .where(audit_log.c.operation.is_not(None))
        .where(audit_log.c.action.not_in(("create", "undo", "extract")))
        .where(audit_log.c.operation.not_in(undone))
        .order_by(audit_log.c.id.desc())
        .limit(1)
    ).scalar()
    if found is None:
        raise NotFound(f"nothing of {who}'s to undo")
    return str(found)


def history(conn: Connection, incident: Incident) -> list[AuditEntry]:
    """Every audit entry about the incident, and about the candidates merged into it."""
    ids = {review._id(incident)} | {
        review._id(m) for m in review.members_of(conn, review._id(incident))
    }
    return sorted(
        (e for i in ids for e in list_audit(conn, entity="incident", entity_id=i)),
        key=lambda e: e.id or 0,
    )


def changes(entry: AuditEntry) -> list[tuple[str, Any, Any]]:
    """What an audit entry changed, field by field: (field, old, new)."""
    old, new = entry.old or {}, entry.new or {}
    skip = {"version", "updated_at", "created_at", "evidence", "location_candidates"}
    keys = [k for k in new if k not in skip]
    return [(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]


def replay(entries: Iterable[AuditEntry], conn: Connection) -> int:
    """Rebuild incidents from audit entries, in order, into a database that holds the same
    reports and no incidents. Returns how many entries were applied."""
    applied = 0
    for entry in entries:
        if entry.entity != "incident" or entry.new is None or not isinstance(entry.new, dict):
            continue
        incident = Incident.model_validate(entry.new)
        exists = conn.execute(
            select(incidents.c.id).where(incidents.c.id == entry.entity_id)
        ).first()
        if exists is None:
            insert_incident(conn, incident, incident_id=entry.entity_id)
        else:
            write_incident(conn, incident)
        applied += 1
    return applied
