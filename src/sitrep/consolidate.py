"""Candidate incidents from several reports -> one consolidated incident.

Input: the ``Member``s linked into one incident: each report's own candidate ``Incident``,
its report id, the independent source it belongs to (a syndicated copy belongs to its
original's source) and whether an analyst holds it credible. Output: a ``Consolidated``:
the incident's derived values, the rule behind each value in plain words, the casualty
figures across reports, every claim and denial with its sources, a grade and the
disagreements found. The returned ``Consolidated.incident`` carries the rules, the claims
and the number of independent sources as well, ready to store.

    >>> from sitrep.models import Count, Incident
    >>> three = Member(Incident(killed=Count(low=3, best=3, high=3)), report_id=1, source=1)
    >>> five = Member(Incident(killed=Count(low=5, best=5, high=5)), report_id=2, source=2)
    >>> result = consolidate([three, five])
    >>> (result.killed.low, result.killed.best, result.killed.high, result.killed.disagreement)
    (3, 3, 5, True)
    >>> result.grade
    'fair'

Pure: no database, no network. The members are never changed: each report keeps its own
values, and the incident's values are derived from the credible members only (a member an
analyst marked not credible is still listed in ``Figure.by_report``, the evidence and the
report ids). Copies of one story count once: everything "most sources give" is counted by
``Member.source``, not by report.

- Dates and place: see ``sitrep.consolidate_where_when``.
- Event type: the type most sources give, ties to the first report's; the sub-event type
  likewise among the reports of that type.
- Casualties: see ``combine_counts`` in ``sitrep.consolidate_figures``.
- Actors, claims and the grade: see ``sitrep.consolidate_claims``.

The names above are all importable from here, as they were before the split.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sitrep.consolidate_claims import (
    Claim,
    _actor_key,
    _claim_key,
    _claim_record,
    _claims,
    _merge_actors,
    _perpetrator_conflict,
    grade,
)
from sitrep.consolidate_figures import (
    Figure,
    _casualties,
    _count_of,
    _figure,
    _reports,
    _sources,
    _Tally,
    _tally,
    combine_counts,
)
from sitrep.consolidate_where_when import (
    _distinct_places,
    _places_by_source,
    combine_dates,
    combine_places,
)
from sitrep.models import Incident, Span

__all__ = [
    "Claim",
    "Consolidated",
    "Figure",
    "Member",
    "combine_counts",
    "combine_dates",
    "combine_places",
    "consolidate",
    "grade",
]


@dataclass(frozen=True)
class Member:
    """One report's candidate incident, as linked into the incident."""

    incident: Incident  # the report's own candidate, with the report's own values
    report_id: int
    # The independent source: a syndicated copy's original report, else the report itself.
    source: int
    credible: bool = True  # an analyst may mark a report not credible


@dataclass(frozen=True)
class Consolidated:
    """One incident derived from its members, with the rules and the disagreements."""

    incident: Incident
    rules: dict[str, str]
    killed: Figure | None
    injured: Figure | None
    claims: tuple[Claim, ...]
    competing_claims: bool
    independent_sources: int
    grade: str
    grade_rule: str
    conflicts: tuple[str, ...]


# --------------------------------------------------------------------------------------
# The incident
# --------------------------------------------------------------------------------------

T = TypeVar("T", bound=Hashable)


def _most_given(
    credible: Sequence[Member], value: Callable[[Incident], T | None]
) -> tuple[T | None, list[_Tally[T]]]:
    """The value most sources give, ties to the first report's; and every value's tally."""
    tallies = _tally(
        (m.report_id, m.source, v) for m in credible if (v := value(m.incident)) is not None
    )
    if not tallies:
        return None, []
    return min(tallies, key=lambda t: (-len(t.sources), t.first)).value, tallies


def _show_tallies(tallies: Sequence[_Tally[T]]) -> str:
    return ", ".join(
        f"{t.value} ({_reports(t.report_ids)}: {_sources(len(t.sources))})" for t in tallies
    )


def _most_rule(chosen: object, tallies: Sequence[_Tally[T]]) -> str:
    if chosen is None:
        return "no report gives one"
    if len(tallies) == 1:
        return f"given by all reports that give one ({_show_tallies(tallies)})"
    return f"the one most sources give, ties to the first report's: {_show_tallies(tallies)}"


def _evidence(members: Sequence[Member]) -> list[Span]:
    """Every member's evidence, each span carrying its report id."""
    return [
        span if span.report_id is not None else span.model_copy(update={"report_id": m.report_id})
        for m in members
        for span in m.incident.evidence
    ]


def consolidate(members: Sequence[Member]) -> Consolidated:
    """The members linked into one incident -> the consolidated incident (see the module
    docstring for the rules)."""
    if not members:
        raise ValueError(
            "consolidate needs at least one member: link a report's candidate incident first"
        )
    ordered = sorted(members, key=lambda m: m.report_id)
    credible = [m for m in ordered if m.credible]
    rules: dict[str, str] = {}
    conflicts: list[str] = []

    date, rules["date"], clash = combine_dates(
        [(m.report_id, m.incident.date) for m in credible if m.incident.date is not None]
    )
    conflicts += [clash] if clash else []
    location, rules["location"], clash = combine_places(_places_by_source(credible))
    conflicts += [clash] if clash else []

    event_type, tallies = _most_given(credible, lambda i: i.event_type)
    rules["event_type"] = _most_rule(event_type, tallies)
    if len(tallies) > 1:
        conflicts.append(f"event types differ: {_show_tallies(tallies)}")
    same_type = [m for m in credible if m.incident.event_type == event_type]
    sub_event_type, tallies = _most_given(same_type, lambda i: i.sub_event_type)
    rules["sub_event_type"] = _most_rule(sub_event_type, tallies)
    target, tallies = _most_given(credible, lambda i: i.target)
    rules["target"] = _most_rule(target, tallies)
    outcome, tallies = _most_given(credible, lambda i: i.outcome)
    rules["outcome"] = _most_rule(outcome, tallies)

    weapons = list(dict.fromkeys(w for m in credible for w in m.incident.weapons))
    rules["weapons"] = "every weapon any credible report names, in report order"

    key = _actor_key(credible)
    actors = _merge_actors(credible, key)
    rules["actors"] = (
        "each actor and role once, with its strongest attribution (claimed > "
        "attributed_by_official > attributed_by_source > suspected > unknown); "
        "denials stay claims of their own"
    )
    clash = _perpetrator_conflict(credible, key)
    conflicts += [clash] if clash else []
    claims = _claims(credible, key)
    competing = len({_claim_key(c) for c in claims if c.attribution == "claimed"}) > 1

    killed, injured = _figure(ordered, lambda i: i.killed), _figure(ordered, lambda i: i.injured)
    rules["killed"] = killed.rule if killed else "no report gives a figure"
    rules["injured"] = injured.rule if injured else "no report gives a figure"
    casualties = _casualties(ordered)
    if casualties:
        rules["casualties"] = "each kind and group combined by the rules of killed"

    sources = len({m.source for m in credible})
    graded, grade_rule = grade(claims, sources, competing)
    rules["grade"] = grade_rule
    left_out = [m.report_id for m in ordered if not m.credible]
    if left_out:
        rules["credibility"] = (
            f"not used for the derived values: {_reports(left_out)} (marked not credible); "
            "they stay in the evidence, the figures' by_report and the report ids"
        )

    candidates = [p for _, p in _places_by_source(credible)]
    incident = Incident(
        event_type=event_type,
        sub_event_type=sub_event_type,
        outcome=outcome,
        weapons=weapons,
        target=target,
        date=date,
        location=location,
        location_candidates=_distinct_places(location, candidates),
        actors=actors,
        killed=_count_of(killed),
        injured=_count_of(injured),
        casualties=casualties,
        grade=graded,
        evidence=_evidence(ordered),
        report_ids=sorted({m.report_id for m in ordered}),
        rules=dict(rules),
        claims=[_claim_record(c) for c in claims],
        independent_sources=sources,
    )
    return Consolidated(
        incident=incident,
        rules=rules,
        killed=killed,
        injured=injured,
        claims=tuple(claims),
        competing_claims=competing,
        independent_sources=sources,
        grade=graded,
        grade_rule=grade_rule,
        conflicts=tuple(conflicts),
    )
