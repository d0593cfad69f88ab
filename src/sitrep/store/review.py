"""Review in the database: every change to an incident, recorded, checked and undoable.

An analyst (or the matcher) changes incidents through these functions only. Each one
checks the version the caller read (optimistic locking: a second session editing the
same incident gets ``Conflict``, and nothing is lost), writes the new state, and appends
to the audit log, for every incident it touches, the whole incident before and after,
with who, when and why. The entries of one operation share an operation id, so a merge
that touched five incidents is undone as one. Nothing is ever deleted: an incident is
marked ``rejected`` or ``merged``; a merged incident keeps its id and points at the
incident it became part of.

Merging makes an incident of several reports' candidates: the candidates stay as they
were (each report's own values), marked ``merged``, and the incident's values are derived
from them by sitrep.consolidate, with the rule behind each value. Fields an analyst set
by hand keep their value when the incident is derived again.

Every function takes an open Connection and never commits.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update

from sitrep.errors import InputError, NotFound, SitrepError
from sitrep.models import AuditEntry, Incident
from sitrep.store.incidents import (
    append_audit,
    insert_incident,
    load_incidents,
    write_incident,
)
from sitrep.store.tables import incidents

# The statuses an incident can be given by hand; "merged" comes only from merging.
REVIEW_STATUSES = ("candidate", "confirmed", "rejected")
FIELD_STATUSES = ("accepted", "rejected")


class Conflict(SitrepError):
    """The incident changed since the caller read it."""


@dataclass(frozen=True)
class Change:
    """One operation's outcome: its id and the incidents it wrote, as they now are."""

    operation: str
    incidents: tuple[Incident, ...]


def new_operation() -> str:
    return uuid.uuid4().hex


def dump(incident: Incident) -> dict[str, Any]:
    """An incident as recorded in the audit log: whole, as JSON. One derived from several
    reports is recorded without the evidence it shows, which is its members' own."""
    out = incident.model_dump(mode="json")
    if incident.rules:
        out["evidence"] = []
    return out


def load(conn: Connection, incident_id: int, *, with_evidence: bool = True) -> Incident:
    """An incident by id; ``with_evidence`` False leaves out its evidence (quicker for one
    derived from many reports, whose evidence is theirs and not recorded with it)."""
    found = load_incidents(conn, [incident_id], with_evidence=with_evidence)
    if not found:
        raise NotFound(f"no incident with id {incident_id}")
    return found[0]


def find(conn: Connection, ref: str | int) -> Incident:
    """An incident by its id or its code ("IRQ-2024-000123")."""
    if isinstance(ref, int) or str(ref).isdigit():
        return load(conn, int(ref))
    found = conn.execute(select(incidents.c.id).where(incidents.c.code == str(ref))).scalar()
    if found is None:
        raise NotFound(f"no incident {ref}")
    return load(conn, int(found))


def resolve(conn: Connection, incident_id: int) -> Incident:
    """The incident an id stands for now: a merged incident's id leads to the incident it
    became part of (links to old ids keep working)."""
    seen = set()
    current = load(conn, incident_id)
    while current.merged_into is not None and current.id not in seen:
        seen.add(current.id)
        current = load(conn, current.merged_into)
    return current


def record_created(
    conn: Connection, incident: Incident, *, who: str, why: str, operation: str
) -> None:
    """Log a new incident whole, so the log alone can rebuild it."""
    assert incident.id is not None
    _log(conn, operation, who, why, "create", incident.id, None, incident)


def save(
    conn: Connection,
    before: Incident,
    after: Incident,
    *,
    who: str,
    why: str | None,
    operation: str,
    action: str,
    field: str | None = None,
) -> Incident:
    """Write ``after`` over ``before`` if the stored incident is still at ``before``'s
    version; raise Conflict otherwise. Logs the change; returns what was stored."""
    assert before.id is not None and after.id == before.id
    bumped = conn.execute(
        update(incidents)
        .where(incidents.c.id == before.id)
        .where(incidents.c.version == before.version)
        .values(version=before.version + 1)
    )
    if bumped.rowcount != 1:
        now = load(conn, before.id)
        raise Conflict(
            f"incident {before.code or before.id} was changed by someone else since it was "
            f"read (version {before.version}, now {now.version}); nothing was written - "
            "read it again and redo the change"
        )
    stored = after.model_copy(
        update={"version": before.version + 1, "updated_at": dt.datetime.now(dt.UTC)}
    )
    write_incident(conn, stored, before=before)
    _log(conn, operation, who, why, action, before.id, before, stored, field)
    return stored


def _log(
    conn: Connection,
    operation: str,
    who: str,
    why: str | None,
    action: str,
    incident_id: int,
    old: Incident | None,
    new: Incident,
    field: str | None = None,
) -> None:
    append_audit(
        conn,
        AuditEntry(
            at=dt.datetime.now(dt.UTC),
            who=who,
            entity="incident",
            entity_id=incident_id,
            action=action,
            field=field,
            old=None if old is None else dump(old),
            new=dump(new),
            why=why,
            operation=operation,
        ),
    )


# Status and field review


def set_status(
    conn: Connection,
    incident: Incident,
    status: str,
    *,
    who: str,
    why: str | None = None,
) -> Incident:
    """Confirm, reject or reopen an incident."""
    if status not in REVIEW_STATUSES:
        raise InputError(f"status {status!r} is not one of: {', '.join(REVIEW_STATUSES)}")
    if incident.status == "merged":
        raise InputError(
            f"incident {incident.code} is merged into {incident.merged_into}; review that one"
        )
    after = incident.model_copy(update={"status": status})
    return save(
        conn,
        incident,
        after,
        who=who,
        why=why,
        operation=new_operation(),
        action=status,
        field="status",
    )


def review_field(
    conn: Connection,
    incident: Incident,
    field: str,
    status: str,
    *,
    who: str,
    why: str | None = None,
) -> Incident:
    """Accept or reject one field's suggested value."""
    from sitrep.edits import FIELDS

    if status not in FIELD_STATUSES:
        raise InputError(f"a field is {' or '.join(FIELD_STATUSES)}, not {status!r}")
    if field not in FIELDS:
        raise InputError(f"no field {field!r}; fields: {', '.join(FIELDS)}")
    marks = {**incident.field_status, field: status}
    after = incident.model_copy(update={"field_status": marks})
    return save(
        conn,
        incident,
        after,
        who=who,
        why=why,
        operation=new_operation(),
        action=f"{status} field",
        field=field,
    )


def set_field(
    conn: Connection,
    incident: Incident,
    field: str,
    value: str,
    *,
    who: str,
    why: str | None = None,
) -> Incident:
    """Set one field by hand ("killed=3-5", "admin1=Anbar"): marked ``edited``, kept when
    the incident is derived again from its reports."""
    from sitrep.edits import apply_edit

    after = apply_edit(incident, field, value)
    marks = {**after.field_status, field: "edited"}
    after = after.model_copy(update={"field_status": marks})
    return save(
        conn,
        incident,
        after,
        who=who,
        why=why,
        operation=new_operation(),
        action="set",
        field=field,
    )


# Merging and splitting


def member_ids(conn: Connection, incident_id: int) -> list[int]:
    """The ids of the reports' candidates merged into an incident, in id order. An
    incident made of several that was merged into another points at it too, but is not a
    member: its values are derived (it has rules), not a report's own."""
    rows = conn.execute(
        select(incidents.c.id, incidents.c.rules)
        .where(incidents.c.merged_into_id == incident_id)
        .order_by(incidents.c.id)
    )
    return [int(i) for i, rules in rows if not rules]


def members_of(conn: Connection, incident_id: int, *, with_evidence: bool = True) -> list[Incident]:
    """The reports' candidates merged into an incident (see ``member_ids``), whole."""
    return load_incidents(conn, member_ids(conn, incident_id), with_evidence=with_evidence)


def merge(
    conn: Connection,
    chosen: Sequence[Incident],
    *,
    who: str,
    why: str | None = None,
    operation: str | None = None,
) -> Change:
    """Make one incident of ``chosen`` (candidates, or incidents already made of several):
    an incident already made of several reports takes in the others; otherwise a new
    incident is made. Its values are derived from all its members."""
    operation = operation or new_operation()
    if len({c.id for c in chosen}) < 2:
        raise InputError("merging needs two or more different incidents")
    for incident in chosen:
        if incident.status == "merged":
            raise InputError(
                f"incident {incident.code} is already part of incident {incident.merged_into}"
            )
    parents = [c for c in chosen if member_ids(conn, _id(c))]
    written: list[Incident] = []
    if parents:
        parent, others = parents[0], [c for c in chosen if c.id != parents[0].id]
    else:
        parent = _new_parent(conn, chosen, who=who, why=why, operation=operation)
        others = list(chosen)
    joining: list[int] = []
    for other in others:
        joining += member_ids(conn, _id(other))  # an incident of several brings its members
        joining.append(_id(other))
    for member in joining:
        fresh = load(conn, member)
        after = fresh.model_copy(update={"status": "merged", "merged_into": parent.id})
        written.append(
            save(conn, fresh, after, who=who, why=why, operation=operation, action="merge")
        )
    current = load(conn, _id(parent), with_evidence=False)
    written.append(rederive(conn, current, who=who, why=why, operation=operation))
    return Change(operation, tuple(written))


def _new_parent(
    conn: Connection, chosen: Sequence[Incident], *, who: str, why: str | None, operation: str
) -> Incident:
    """A new incident for a merge, first as a copy of the earliest candidate."""
    first = min(chosen, key=_id)
    seed = first.model_copy(
        update={
            "id": None,
            "code": None,
            "status": "candidate",
            "merged_into": None,
            "version": 1,
            "field_status": {},
            "created_at": None,
            "updated_at": None,
        }
    )
    new_id = insert_incident(conn, seed)
    made = load(conn, new_id)
    _log(conn, operation, who, why, "create", new_id, None, made)
    return made


def rederive(
    conn: Connection, parent: Incident, *, who: str, why: str | None, operation: str
) -> Incident:
    """Derive an incident's values again from its members, keeping fields set by hand."""
    from sitrep.consolidate import consolidate

    members = _member_values(conn, _id(parent))
    if not members:
        return parent
    combined = consolidate(_as_members(conn, members))
    derived = combined.incident.model_copy(
        update={
            "id": parent.id,
            "code": parent.code,
            "status": parent.status,
            "merged_into": None,
            "version": parent.version,
            "field_status": dict(parent.field_status),
            "created_at": parent.created_at,
        }
    )
    derived = _keep_edits(parent, derived)
    if combined.conflicts:
        rules = {**derived.rules, "conflicts": "; ".join(combined.conflicts)}
        derived = derived.model_copy(update={"rules": rules})
    return save(conn, parent, derived, who=who, why=why, operation=operation, action="derive")


# Members' values as last read, by (database, id, version, updated_at): an incident made
# of many reports is derived again at every merge, and its members seldom change. A
# state written and then rolled back cannot be taken for a later one: the key holds the
# time of the write, to the microsecond.
_MEMBERS: OrderedDict[tuple[str, int, int, str], Incident] = OrderedDict()
_MEMBERS_KEPT = 5_000


def _member_values(conn: Connection, incident_id: int) -> list[Incident]:
    """The members of an incident without their evidence (what deriving needs), read from
    the database only when they changed since they were last read."""
    where = conn.engine.url.render_as_string(hide_password=True)
    rows = conn.execute(
        select(incidents.c.id, incidents.c.version, incidents.c.updated_at, incidents.c.rules)
        .where(incidents.c.merged_into_id == incident_id)
        .order_by(incidents.c.id)
    ).all()
    keys = {int(i): (where, int(i), int(v), str(at)) for i, v, at, rules in rows if not rules}
    missing = [i for i, key in keys.items() if key not in _MEMBERS]
    for incident in load_incidents(conn, missing, with_evidence=False):
        _MEMBERS[keys[_id(incident)]] = incident
    out = []
    for key in keys.values():
        _MEMBERS.move_to_end(key)
        out.append(_MEMBERS[key])
    while len(_MEMBERS) > _MEMBERS_KEPT:
        _MEMBERS.popitem(last=False)
    return out


def _keep_edits(before: Incident, derived: Incident) -> Incident:
    from sitrep.edits import copy_field

    out = derived
    for field, status in before.field_status.items():
        if status == "edited":
            out = copy_field(before, out, field)
    return out


def _as_members(conn: Connection, members: Sequence[Incident]) -> list[Any]:
    from sitrep.consolidate import Member
    from sitrep.store.syndication import originals

    report_ids = {r for m in members for r in m.report_ids}
    roots = originals(conn, report_ids)
    out = []
    for m in members:
        report = min(m.report_ids) if m.report_ids else 0
        out.append(Member(incident=m, report_id=report, source=roots.get(report, report)))
    return out


def split(
    conn: Connection,
    parent: Incident,
    leaving: Sequence[Incident],
    *,
    who: str,
    why: str | None = None,
) -> Change:
    """Take members out of an incident made of several: each stands alone again. An
    incident left with one member or none is marked rejected and its last member freed."""
    operation = new_operation()
    members = members_of(conn, _id(parent))
    ids = {m.id for m in members}
    strays = [m for m in leaving if m.id not in ids]
    if strays:
        raise InputError(
            f"incident {strays[0].code} is not part of {parent.code}; its members: "
            + ", ".join(str(m.code) for m in members)
        )
    remaining = [m for m in members if m.id not in {x.id for x in leaving}]
    freed = list(leaving) if len(remaining) > 1 else list(members)
    written = []
    for member in freed:
        fresh = load(conn, _id(member))
        after = fresh.model_copy(update={"status": "candidate", "merged_into": None})
        written.append(
            save(conn, fresh, after, who=who, why=why, operation=operation, action="split")
        )
    current = load(conn, _id(parent), with_evidence=False)
    if len(remaining) > 1:
        written.append(rederive(conn, current, who=who, why=why, operation=operation))
    else:
        after = current.model_copy(update={"status": "rejected"})
        written.append(
            save(
                conn,
                current,
                after,
                who=who,
                why=why or "split apart",
                operation=operation,
                action="split",
            )
        )
    return Change(operation, tuple(written))


def _id(incident: Incident) -> int:
    assert incident.id is not None
    return incident.id
