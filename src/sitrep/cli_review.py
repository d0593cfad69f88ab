"""The commands that review incidents: ``incidents show / set / accept / reject / merge /
split / history / undo`` and ``review`` (the queue, one key per decision). No logic of
their own: they call sitrep.store.review and print. Every change is recorded in the
audit log with the settings' ``who`` and the --note given.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from sitrep.cli import Context, _figure, _perpetrators, _place, cli, incidents, pass_context

if TYPE_CHECKING:
    from sitrep.models import AuditEntry, Incident
    from sitrep.store import Store

_NOTE = click.option("--note", help="Why: recorded with the change in the audit log.")


def _refs(store: Store, refs: Sequence[str]) -> list[Incident]:
    from sitrep.store import review

    with store.read() as conn:
        return [review.find(conn, r) for r in refs]


@incidents.command(name="show")
@click.argument("ref", metavar="ID|CODE")
@click.option("--json", "as_json", is_flag=True, help="The incident whole, as JSON.")
@pass_context
def show(obj: Context, ref: str, as_json: bool) -> None:
    """One incident: its values with the rule behind each, every report's own figures,
    claims with their sources, the grade, the evidence quotes and the audit trail."""
    from sitrep.store import review, review_log

    with obj.open_store() as store, store.read() as conn:
        incident = review.find(conn, ref)
        members = review.members_of(conn, incident.id or 0)
        trail = review_log.history(conn, incident)
    if as_json:
        out = incident.model_dump(mode="json")
        out["members"] = [m.model_dump(mode="json") for m in members]
        out["history"] = [e.model_dump(mode="json", exclude={"old", "new"}) for e in trail]
        click.echo(json.dumps(out))
        return
    click.echo(_describe(incident, members, trail))


def _describe(incident: Incident, members: Sequence[Incident], trail: Sequence[Any]) -> str:
    from sitrep.store import review_log

    date = incident.date
    when = "unknown" if date is None or date.start is None else str(date.start)
    if date is not None and date.end is not None and date.end != date.start:
        when += f"..{date.end}"
    lines = [
        f"{incident.code}  (id {incident.id}, {incident.status}, version {incident.version})",
    ]
    if incident.merged_into is not None:
        lines.append(f"  merged into incident {incident.merged_into}")
    marks = incident.field_status

    def row(label: str, value: str, field: str | None = None) -> None:
        mark = f"  [{marks[field]}]" if field and field in marks else ""
        rule = incident.rules.get(field or label)
        lines.append(f"  {label:<12} {value}{mark}")
        if rule:
            lines.append(f"  {'':<12}   rule: {rule}")

    row("date", f"{when} ({date.precision if date else 'unknown'})", "date")
    row("place", f"{_place(incident.location)} ({_precision(incident)})", "place")
    row("type", incident.sub_event_type or incident.event_type or "-", "event_type")
    row("perpetrator", _perpetrators(incident.actors) or "-", "perpetrator")
    row("killed", _spread(incident.killed), "killed")
    row("injured", _spread(incident.injured), "injured")
    if incident.grade:
        row("grade", incident.grade)
    if incident.independent_sources is not None:
        lines.append(f"  {'sources':<12} {incident.independent_sources} independent")
    if incident.rules.get("conflicts"):
        lines.append(f"  {'conflicts':<12} {incident.rules['conflicts']}")
    if incident.claims:
        lines.append("  claims and attributions:")
        for claim in incident.claims:
            reports = ", ".join(f"#{r}" for r in claim.get("report_ids", []))
            lines.append(
                f"    {claim.get('actor')}: {claim.get('attribution')} "
                f"(reports {reports}; {claim.get('sources')} source(s))"
            )
    if members:
        lines.append("  each report's own values:")
        for m in members:
            lines.append(
                f"    {m.code} report #{','.join(map(str, m.report_ids))}: "
                f"killed {_spread(m.killed)}, injured {_spread(m.injured)}, "
                f"{_place(m.location)}, {m.date.start if m.date else '-'}"
            )
    lines.append("  evidence:")
    for span in incident.evidence[:12]:
        page = f" p.{span.page}" if span.page else ""
        lines.append(f"    report #{span.report_id}{page} [{span.field or '-'}] “{span.quote}”")
    if trail:
        lines.append("  history:")
        for entry in trail[-10:]:
            diffs = review_log.changes(entry) if entry.old is not None else []
            changed = ", ".join(k for k, _, _ in diffs) or entry.field or ""
            line = f"    {entry.at:%Y-%m-%d %H:%M} {entry.who} {entry.action} {incident_ref(entry)}"
            line += f" {changed}" if changed else ""
            if entry.why:
                why = entry.why if len(entry.why) <= 60 else entry.why[:59] + "…"
                line += f" ({why})"
            lines.append(line)
    return "\n".join(lines)


def incident_ref(entry: AuditEntry) -> str:
    new = entry.new if isinstance(entry.new, dict) else {}
    return str(new.get("code") or entry.entity_id)


def _precision(incident: Incident) -> str:
    return incident.location.precision if incident.location else "unknown"


def _spread(count: Any) -> str:
    if count is None:
        return "-"
    if count.low is not None and count.high is not None and count.low != count.high:
        best = f", best {count.best}" if count.best is not None else ""
        return f"{count.low}-{count.high}{best}"
    return _figure(count) or "-"


@incidents.command(name="set")
@click.argument("ref", metavar="ID|CODE")
@click.argument("assignments", nargs=-1, required=True, metavar="FIELD=VALUE...")
@_NOTE
@pass_context
def set_(obj: Context, ref: str, assignments: Sequence[str], note: str | None) -> None:
    """Set fields by hand (kept when the incident is derived again from its reports).

    \b
    Fields: event_type, sub_event_type, date, date_precision, place, admin1, country,
    coordinates, place_precision, killed, injured, perpetrator, attribution, target,
    weapons, notes; status (candidate, confirmed, rejected).
    Examples:
      sitrep incidents set IRQ-2024-000012 killed=3-5 --note "hospital list"
      sitrep incidents set 12 date=2024-01-28 place=Erbil admin1=Erbil
    """
    from sitrep.store import review

    pairs = []
    for item in assignments:
        field, sep, value = item.partition("=")
        if not sep or not field:
            raise click.UsageError(f"{item!r} is not FIELD=VALUE")
        pairs.append((field.strip(), value))
    with obj.open_store() as store, store.transaction() as conn:
        incident = review.find(conn, ref)
        for field, value in pairs:
            if field == "status":
                incident = review.set_status(
                    conn, incident, value.strip(), who=obj.settings.who, why=note
                )
            else:
                incident = review.set_field(
                    conn, incident, field, value, who=obj.settings.who, why=note
                )
    click.echo(
        f"{incident.code}: set {', '.join(f for f, _ in pairs)} (version {incident.version})"
    )


@incidents.command(name="accept")
@click.argument("ref", metavar="ID|CODE")
@click.argument("fields", nargs=-1, metavar="[FIELD...]")
@_NOTE
@pass_context
def accept(obj: Context, ref: str, fields: Sequence[str], note: str | None) -> None:
    """Confirm an incident, or accept the suggested value of some of its fields."""
    _decide(obj, ref, fields, note, "accepted", "confirmed")


@incidents.command(name="reject")
@click.argument("ref", metavar="ID|CODE")
@click.argument("fields", nargs=-1, metavar="[FIELD...]")
@_NOTE
@pass_context
def reject(obj: Context, ref: str, fields: Sequence[str], note: str | None) -> None:
    """Reject an incident (marked, never deleted), or the suggested value of some fields."""
    _decide(obj, ref, fields, note, "rejected", "rejected")


def _decide(
    obj: Context, ref: str, fields: Sequence[str], note: str | None, mark: str, status: str
) -> None:
    from sitrep.store import review

    with obj.open_store() as store, store.transaction() as conn:
        incident = review.find(conn, ref)
        if not fields:
            incident = review.set_status(conn, incident, status, who=obj.settings.who, why=note)
            click.echo(f"{incident.code}: {status}")
            return
        for field in fields:
            incident = review.review_field(
                conn, incident, field, mark, who=obj.settings.who, why=note
            )
    click.echo(f"{incident.code}: {', '.join(fields)} {mark}")


@incidents.command(name="merge")
@click.argument("refs", nargs=-1, required=True, metavar="ID|CODE...")
@_NOTE
@pass_context
def merge(obj: Context, refs: Sequence[str], note: str | None) -> None:
    """Make one incident of several (reports of the same event). The old ids keep
    working: each leads to the incident it became part of. `incidents undo` takes it back.
    """
    from sitrep.store import review

    with obj.open_store() as store, store.transaction() as conn:
        chosen = [review.find(conn, r) for r in refs]
        change = review.merge(conn, chosen, who=obj.settings.who, why=note)
    parent = change.incidents[-1]
    click.echo(
        f"merged {', '.join(str(c.code) for c in chosen)} into {parent.code} "
        f"({parent.independent_sources} independent source(s), grade {parent.grade}); "
        f"operation {change.operation}"
    )


@incidents.command(name="split")
@click.argument("ref", metavar="ID|CODE")
@click.argument("members", nargs=-1, required=True, metavar="MEMBER...")
@_NOTE
@pass_context
def split(obj: Context, ref: str, members: Sequence[str], note: str | None) -> None:
    """Take reports' candidates out of an incident made of several: each stands alone."""
    from sitrep.store import review

    with obj.open_store() as store, store.transaction() as conn:
        parent = review.find(conn, ref)
        leaving = [review.find(conn, m) for m in members]
        change = review.split(conn, parent, leaving, who=obj.settings.who, why=note)
    click.echo(
        f"split {', '.join(str(m.code) for m in leaving)} out of {parent.code}; "
        f"operation {change.operation}"
    )


@incidents.command(name="history")
@click.argument("ref", metavar="ID|CODE")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one change per line.")
@pass_context
def history(obj: Context, ref: str, as_json: bool) -> None:
    """Every recorded change to an incident and to the reports' candidates in it: who,
    when, which field, from what to what, and why."""
    from sitrep.store import review, review_log

    with obj.open_store() as store, store.read() as conn:
        incident = review.find(conn, ref)
        trail = review_log.history(conn, incident)
    for entry in trail:
        diffs = review_log.changes(entry)
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "at": entry.at.isoformat(),
                        "who": entry.who,
                        "action": entry.action,
                        "incident": incident_ref(entry),
                        "changes": [{"field": f, "old": o, "new": n} for f, o, n in diffs],
                        "why": entry.why,
                        "operation": entry.operation,
                    }
                )
            )
            continue
        why = f"  ({entry.why})" if entry.why else ""
        click.echo(
            f"{entry.at:%Y-%m-%d %H:%M:%S} {entry.who} {entry.action} {incident_ref(entry)}{why}"
        )
        for field, old, new in diffs if entry.old is not None else []:
            click.echo(f"    {field}: {_short(old)} -> {_short(new)}")


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:79] + "…"


@incidents.command(name="undo")
@click.option("--operation", help="The operation to undo (default: your last one).")
@_NOTE
@pass_context
def undo(obj: Context, operation: str | None, note: str | None) -> None:
    """Undo your last change (a merge, a split, a set...), or the operation named."""
    from sitrep.store import review_log

    with obj.open_store() as store, store.transaction() as conn:
        change = review_log.undo(conn, who=obj.settings.who, operation=operation, why=note)
    click.echo("undone; restored " + ", ".join(f"{i.code} ({i.status})" for i in change.incidents))


# sitrep review


_KEYS = "[a]ccept  [r]eject  [e]dit  [m]erge with the suggested one  [s]kip  [q]uit"


@click.command()
@pass_context
def review_queue(obj: Context) -> None:
    """Walk the review queue: pairs the matcher was unsure of, then candidate incidents.
    One key per decision; each is recorded in the audit log under your name."""
    from sitrep.store import matching, review

    who = obj.settings.who
    decided = 0
    with obj.open_store() as store:
        with store.read() as conn:
            pairs = matching.open_suggestions(conn)
            queue = [i.id for i in store.incidents(status="candidate") if i.id is not None]
        for pair in pairs:
            with store.read() as conn:
                a, b = review.load(conn, pair.a), review.load(conn, pair.b)
            click.echo(f"\nMaybe one incident (score {pair.score:.2f}): {'; '.join(pair.reasons)}")
            click.echo(_describe(a, [], []))
            click.echo(_describe(b, [], []))
            key = _key("[m]erge  [d]ifferent  [s]kip  [q]uit")
            if key == "q":
                break
            with store.transaction() as conn:
                if key == "m":
                    pair_now = [review.load(conn, pair.a), review.load(conn, pair.b)]
                    review.merge(conn, pair_now, who=who, why="merged in review")
                    matching.decide(conn, pair.id, "merged", who=who)
                    decided += 1
                elif key == "d":
                    matching.decide(conn, pair.id, "dismissed", who=who)
                    decided += 1
        else:
            decided += _walk(store, queue, who)
    click.echo(f"\n{decided} decision(s) recorded", err=True)


def _walk(store: Store, queue: list[int], who: str) -> int:
    from sitrep.store import review, review_log

    decided = 0
    for incident_id in queue:
        with store.read() as conn:
            incident = review.load(conn, incident_id)
            if incident.status != "candidate":
                continue
            trail = review_log.history(conn, incident)
        click.echo("\n" + _describe(incident, [], trail[-3:]))
        key = _key(_KEYS)
        if key == "q":
            break
        if key == "s":
            continue
        with store.transaction() as conn:
            current = review.load(conn, incident_id)
            if key == "a":
                review.set_status(conn, current, "confirmed", who=who, why="accepted in review")
            elif key == "r":
                review.set_status(conn, current, "rejected", who=who, why="rejected in review")
            elif key == "e":
                field, _, value = _line("field=value: ").partition("=")
                review.set_field(
                    conn, current, field.strip(), value, who=who, why="edited in review"
                )
            elif key == "m":
                other = _line("merge with (id or code): ")
                chosen = [current, review.find(conn, other)]
                review.merge(conn, chosen, who=who, why="merged in review")
        decided += 1
    return decided


def _key(prompt: str) -> str:
    """One key: a keypress on a terminal, the first letter of a line otherwise (scripts)."""
    click.echo(prompt + " > ", nl=False)
    if sys.stdin.isatty():
        key = click.getchar()
        click.echo(key)
        return key.lower()
    line = sys.stdin.readline()
    click.echo(line.strip())
    return (line.strip()[:1] or "q").lower()


def _line(prompt: str) -> str:
    click.echo(prompt, nl=False)
    line = sys.stdin.readline()
    return line.strip()


cli.add_command(review_queue, name="review")
