"""Aggregate statements reconciled with the incidents on record.

Input: one ``AggregateStatement`` ("more than 100 missile and drone launches by Iraqi
militias since early November 2023") and the stored ``Incident``s. Output: a
``Reconciliation``: the incidents in the statement's scope, the figure they add up to,
the incidents that may be in scope, and what could not be checked.

    >>> result = reconcile(statement, store.incidents())      # doctest: +SKIP
    >>> result.phrase()                                        # doctest: +SKIP
    'source: more than 100; recorded: 87'

Pure: no database, no network. An incident is in scope when every test below says yes;
out of scope when one says no; and "possible" when none says no but at least one cannot
tell (an undated incident, an unknown perpetrator). Only possible incidents are listed
apart; they never count in ``recorded``.

- Status: rejected and merged incidents never count (a merged one is counted through the
  incident it was merged into).
- Period: the incident's whole date interval must lie inside the statement's period
  (start and end inclusive). An interval that overlaps a boundary ("October 2023" against
  "since early November 2023", or "late January" against "until 25 January") is possible,
  not in: it may have happened on either side. No period: any date.
- Actors: one of the incident's perpetrators must be one of the statement's actors, by
  registry id or, without ids, by name; a member of a named umbrella counts for the
  umbrella ("attacks by the Islamic Resistance in Iraq" counts those of Kataib Hezbollah),
  while an incident coded only to the umbrella of the statement's actor is possible. Unnamed
  kinds ("Iraqi militias") match by name; the same kind with other words ("Iran-backed
  Shiite militias") is possible. An incident whose perpetrator denied it, or that has no
  perpetrator, is possible. No actors in the statement: any actor.
- Weapons, when the statement names some: one weapon in common; an incident with no
  weapon recorded is possible.
- Place, when the statement names countries: one of them; an incident with no
  country is possible.
- Metric: attacks, incidents, shootings, killings and munitions fired count incidents
  (one per incident: how many rounds each fired is not recorded); clashes count only
  battles and kidnappings only abductions. The "people ..." metrics add up the incidents'
  figures: ``killed`` / ``injured`` totals, or the abducted / missing casualty figures,
  each by its best value, else its low bound.

The statement's ``targets_text`` is free text and is not compared; ``unknown`` says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sitrep.extract.aggregates import CASUALTY_METRICS, MUNITION_METRIC, metric_of
from sitrep.models import Actor, AggregateStatement, Count, Incident
from sitrep.resolve.actors import ActorRegistry, normalise_name, registry

__all__ = ["Reconciliation", "reconcile", "source_figure"]

# Three answers to "is this incident in the statement's scope on this test?"
YES, NO, MAYBE = "yes", "no", "maybe"

# Metrics that count only one kind of act.
_EVENT_FILTER: dict[str, tuple[str, str | None]] = {
    "clashes": ("Battles", None),
    "kidnappings": ("Violence against civilians", "Abduction/forced disappearance"),
}
_UNCOUNTED = ("rejected", "merged")


@dataclass(frozen=True)
class Reconciliation:
    """What the record says about one aggregate statement."""

    statement: AggregateStatement
    scope: str
    recorded: int
    incident_ids: tuple[int, ...]
    possible: int
    possible_ids: tuple[int, ...]
    unknown: tuple[str, ...]

    def phrase(self) -> str:
        """The comparison in a line: ``source: more than 100; recorded: 87 (+4 possible)``."""
        extra = f" (+{self.possible} possible)" if self.possible_ids else ""
        return f"source: {source_figure(self.statement.value)}; recorded: {self.recorded}{extra}"


def source_figure(value: Count) -> str:
    """A statement's figure as the report gave it: "more than 100", "about 200", "3-5"."""
    low, best, high = value.low, value.best, value.high
    if value.qualifier == "more_than" and low is not None:
        return f"more than {low - 1:,}"
    if value.qualifier == "at_least" and low is not None:
        return f"at least {low:,}"
    if value.qualifier == "up_to" and high is not None:
        return f"up to {high:,}"
    words = {"about": "about ", "vague": "vague: "}.get(value.qualifier, "")
    if best is not None:
        return f"{words}{best:,}"
    if low is not None and high is not None:
        return f"{words}{low:,}-{high:,}"
    if low is not None:
        return f"{words}at least {low:,}"
    return f"{words}up to {high:,}" if high is not None else "unknown"


def reconcile(
    statement: AggregateStatement,
    incidents: Iterable[Incident],
    *,
    actors: ActorRegistry | None = None,
) -> Reconciliation:
    """The incidents in ``statement``'s scope and the figure they add up to.

    ``incidents`` must be stored ones (each with an id); ``actors`` is the actor list
    whose umbrella links count (the bundled one by default)."""
    reg = actors if actors is not None else registry()
    metric = metric_of(statement.metric)
    perpetrators = [a for a in statement.actors if a.role == "perpetrator"]
    countries = statement.location.country_codes if statement.location else []
    unknown = _unknown(statement, metric, perpetrators, countries)
    inside: list[Incident] = []
    maybe: list[Incident] = []
    for incident in incidents:
        if incident.id is None:
            raise ValueError("reconcile counts stored incidents: an incident has no id")
        if incident.status in _UNCOUNTED:
            continue
        answers = [
            _in_period(statement, incident),
            _by_actors(perpetrators, incident, reg),
            _with_weapons(statement.weapons, incident),
            _in_country(countries, incident),
            _of_kind(metric, incident),
        ]
        if NO in answers:
            continue
        (maybe if MAYBE in answers else inside).append(incident)
    recorded, silent = _total(metric, inside)
    if silent:
        unknown.append(f"{silent} incident(s) in scope give no {metric.split()[-1]} figure")
    return Reconciliation(
        statement=statement,
        scope=_scope(statement, metric, perpetrators, countries),
        recorded=recorded,
        incident_ids=tuple(i.id for i in inside if i.id is not None),
        possible=_total(metric, maybe)[0],
        possible_ids=tuple(i.id for i in maybe if i.id is not None),
        unknown=tuple(unknown),
    )


def _in_period(statement: AggregateStatement, incident: Incident) -> str:
    period = statement.period
    if period is None or (period.start is None and period.end is None):
        return YES
    date = incident.date
    if date is None or date.start is None or date.end is None:
        return MAYBE
    first = period.start or dt.date.min
    last = period.end or dt.date.max
    if date.end < first or date.start > last:
        return NO
    return YES if first <= date.start and date.end <= last else MAYBE


def _by_actors(perpetrators: list[Actor], incident: Incident, reg: ActorRegistry) -> str:
    if not perpetrators:
        return YES
    theirs = [a for a in incident.actors if a.role == "perpetrator"]
    if not theirs:
        return MAYBE
    answers = [_same_actor(mine, other, reg) for mine in perpetrators for other in theirs]
    best = YES if YES in answers else MAYBE if MAYBE in answers else NO
    if best == YES and all(
        a.attribution == "denied"
        for a in theirs
        if any(_same_actor(m, a, reg) == YES for m in perpetrators)
    ):
        return MAYBE  # the actor denied it
    return best


def _same_actor(mine: Actor, other: Actor, reg: ActorRegistry) -> str:
    """Whether ``other`` (an incident's perpetrator) is ``mine`` (the statement's)."""
    same_name = normalise_name(mine.name) == normalise_name(other.name)
    if mine.actor_id is None or other.actor_id is None:
        return YES if same_name else NO
    if not _named(mine.actor_id, reg) or not _named(other.actor_id, reg):
        # Unnamed kinds: "Iraqi militias" is not every militia.
        if same_name:
            return YES
        return MAYBE if mine.actor_id == other.actor_id else NO
    if mine.actor_id == other.actor_id:
        return YES
    if mine.actor_id in _umbrellas_of(other.actor_id, reg):
        return YES  # a member's act is the umbrella's
    if other.actor_id in _umbrellas_of(mine.actor_id, reg):
        return MAYBE  # coded only to the umbrella: perhaps another member's
    return NO


def _named(actor_id: str, reg: ActorRegistry) -> bool:
    try:
        return reg.get(actor_id).named
    except KeyError:
        return True  # an id from another actor list: compared as it is


def _umbrellas_of(actor_id: str, reg: ActorRegistry) -> set[str]:
    """Every umbrella above ``actor_id``, through umbrellas of umbrellas."""
    found: set[str] = set()
    todo = [actor_id]
    while todo:
        current = todo.pop()
        try:
            parents = [u.id for u in reg.umbrellas(current)]
        except KeyError:
            continue
        for parent in parents:
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def _with_weapons(weapons: Sequence[str], incident: Incident) -> str:
    if not weapons:
        return YES
    if not incident.weapons:
        return MAYBE
    return YES if set(weapons) & set(incident.weapons) else NO


def _in_country(countries: list[str], incident: Incident) -> str:
    if not countries:
        return YES
    theirs = incident.location.country_code if incident.location else None
    if theirs is None:
        return MAYBE
    return YES if theirs in countries else NO


def _of_kind(metric: str, incident: Incident) -> str:
    if metric not in _EVENT_FILTER:
        return YES
    event_type, sub_event_type = _EVENT_FILTER[metric]
    if incident.event_type is None:
        return MAYBE
    if incident.event_type != event_type:
        return NO
    if sub_event_type is not None and incident.sub_event_type != sub_event_type:
        return NO
    return YES


def _total(metric: str, incidents: list[Incident]) -> tuple[int, int]:
    """The recorded figure and how many incidents gave nothing to add to it."""
    if metric not in CASUALTY_METRICS:
        return len(incidents), 0
    kind = metric.split()[-1]
    total = silent = 0
    for incident in incidents:
        figure = _figure(incident, kind)
        if figure is None:
            silent += 1
        else:
            total += figure
    return total, silent


def _figure(incident: Incident, kind: str) -> int | None:
    if kind in ("killed", "injured"):
        count = incident.killed if kind == "killed" else incident.injured
        return None if count is None else _value(count)
    values = [_value(c) for c in incident.casualties if c.kind == kind]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _value(count: Count) -> int | None:
    return count.best if count.best is not None else count.low


def _unknown(
    statement: AggregateStatement, metric: str, perpetrators: list[Actor], countries: list[str]
) -> list[str]:
    out = []
    if statement.period is None:
        out.append("no period: incidents of any date")
    elif statement.period.start is None:
        out.append("period start unknown: incidents up to its end")
    if not perpetrators:
        out.append("no actor named: incidents by any actor")
    if statement.location is not None and not countries:
        out.append("the statement's place has no country: not compared")
    if statement.targets_text:
        out.append(f'targets "{statement.targets_text}" not compared')
    if metric == MUNITION_METRIC:
        out.append("rounds per incident are not recorded: incidents counted")
    if metric != statement.metric:
        out.append(f'metric "{statement.metric}" read as "{metric}"')
    return out


def _scope(
    statement: AggregateStatement, metric: str, perpetrators: list[Actor], countries: list[str]
) -> str:
    parts = [metric]
    period = statement.period
    if period is not None:
        first = "…" if period.start is None else period.start.isoformat()
        last = "…" if period.end is None else period.end.isoformat()
        parts.append(f"{first}..{last}")
    if perpetrators:
        parts.append("by " + " or ".join(a.name for a in perpetrators))
    if statement.weapons:
        parts.append("with " + " or ".join(statement.weapons))
    if countries:
        parts.append("in " + "/".join(countries))
    return ", ".join(parts)
