"""Several reports' casualty counts -> one figure across them (part of sitrep.consolidate).

Input: each report's own ``Count`` with its report id, its independent source and whether
it is credible. Output: a ``Figure``: low, best, high and ACLED's conservative figure, the
rule that chose them in plain words, every report's own count and whether they disagree.

    >>> figure = combine_counts([(1, 1, True, Count(low=3, best=3, high=3)),
    ...                          (2, 2, True, Count(low=5, qualifier="at_least"))])
    >>> (figure.low, figure.best, figure.high, figure.conservative, figure.disagreement)
    (3, 3, None, 3, True)

Also here: counting by independent source (``_tally``), which the places, event types and
claims share: copies of one story count once. Pure: no database, no network.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from sitrep.models import Casualties, CasualtyKind, Count, Incident, Qualifier

if TYPE_CHECKING:
    # Only for type hints: sitrep.consolidate imports this module.
    from sitrep.consolidate import Member

__all__ = ["Figure", "combine_counts"]


@dataclass(frozen=True)
class Figure:
    """A casualty figure across reports."""

    low: int | None
    best: int | None
    high: int | None
    conservative: int | None  # ACLED's: the lowest credible figure reported as a number
    rule: str  # how low, high, best and conservative were chosen, in plain words
    by_report: tuple[tuple[int, Count], ...]  # every report's own Count, by report id
    disagreement: bool  # the credible reports give different figures


# --------------------------------------------------------------------------------------
# Counting by independent source
# --------------------------------------------------------------------------------------

H = TypeVar("H", bound=Hashable)


@dataclass
class _Tally(Generic[H]):
    """One value and who gives it: its sources, its reports, where it was first given."""

    value: H
    first: int
    sources: set[int] = field(default_factory=set)
    report_ids: list[int] = field(default_factory=list)


def _tally(votes: Iterable[tuple[int, int, H]]) -> list[_Tally[H]]:
    """(report_id, source, value) -> one tally a value, in the order first given."""
    found: dict[H, _Tally[H]] = {}
    for position, (report_id, source, value) in enumerate(votes):
        tally = found.setdefault(value, _Tally(value, position))
        tally.sources.add(source)
        tally.report_ids.append(report_id)
    return list(found.values())


def _reports(ids: Iterable[int]) -> str:
    unique = sorted(set(ids))
    word = "report" if len(unique) == 1 else "reports"
    return f"{word} {', '.join(str(i) for i in unique)}"


def _sources(n: int) -> str:
    return f"{n} source" if n == 1 else f"{n} sources"


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


# --------------------------------------------------------------------------------------
# Casualty figures
# --------------------------------------------------------------------------------------


def _floor(count: Count) -> int | None:
    """A report's lowest figure: its low, else its estimate ("about 3" is 3)."""
    return count.low if count.low is not None else count.best


def _top(count: Count) -> int | None:
    """A report's highest figure: its high, else its estimate."""
    return count.high if count.high is not None else count.best


def _open_said(count: Count) -> int | None:
    """The number an open-ended report says ("at least 7" -> 7, "more than 7" -> 7)."""
    if count.high is not None or count.best is not None or count.low is None:
        return None
    return count.low - 1 if count.qualifier == "more_than" else count.low


def _number(count: Count) -> int | None:
    """The number a report gives for ACLED's conservative figure; a vague word gives none
    ("dozens" is a floor, not a reported number)."""
    if count.qualifier == "vague":
        return None
    if count.qualifier == "up_to" and count.high is not None:
        return count.high  # "up to 5": the number written is 5, its floor of 1 is inferred
    for value in (count.best, count.low, count.high):
        if value is not None:
            return value
    return None


def _extreme(
    pairs: Sequence[tuple[int, int | None]], pick: Callable[[Iterable[int]], int]
) -> tuple[int | None, list[int]]:
    """The lowest (or highest) value of (report_id, value) pairs and the reports giving it."""
    known = [(rid, v) for rid, v in pairs if v is not None]
    if not known:
        return None, []
    value = pick(v for _, v in known)
    return value, [rid for rid, v in known if v == value]


def combine_counts(values: Sequence[tuple[int, int, bool, Count]]) -> Figure | None:
    """(report_id, source, credible, Count) of each report -> the figure across them.

    low: the lowest credible figure (a report's own low, else its estimate); high: the
    highest (a report's own high, else its estimate), but None when a credible report says
    "at least N" and no credible report gives more than N; best: the estimate the most
    independent sources give, ties to the lower (a source whose copies give two figures
    supports both); conservative: ACLED's lowest credible
    number as reported (vague words like "dozens" give none). Non-credible reports are in
    ``by_report`` but not used. None when no report gives a count.
    """
    if not values:
        return None
    ordered = sorted(values, key=lambda v: v[0])
    by_report = tuple((rid, count) for rid, _source, _credible, count in ordered)
    used = [(rid, source, count) for rid, source, credible, count in ordered if credible]
    ignored = [rid for rid, _source, credible, _count in ordered if not credible]
    parts: list[str] = []

    low, low_ids = _extreme([(rid, _floor(c)) for rid, _, c in used], min)
    parts.append(
        "low = none given" if low is None else f"low = lowest credible ({low}, {_reports(low_ids)})"
    )

    high, high_ids = _extreme([(rid, _top(c)) for rid, _, c in used], max)
    open_ended = [(rid, c, said) for rid, _, c in used if (said := _open_said(c)) is not None]
    unbounded = [(rid, c, said) for rid, c, said in open_ended if high is None or high <= said]
    if unbounded:
        high = None
        said_text = "; ".join(
            f"report {rid} says {'more than' if c.qualifier == 'more_than' else 'at least'} {n}"
            for rid, c, n in unbounded
        )
        parts.append(f"high = none ({said_text} and no credible report gives more)")
    elif high is None:
        parts.append("high = none given")
    else:
        parts.append(f"high = highest credible ({high}, {_reports(high_ids)})")

    tallies = _tally((rid, source, c.best) for rid, source, c in used if c.best is not None)
    tallies.sort(key=lambda t: (-len(t.sources), t.value))
    best = tallies[0].value if tallies else None
    if best is None:
        parts.append("best = none (no credible report gives a single figure)")
    else:
        given = ", ".join(
            f"{t.value}: {_sources(len(t.sources))} ({_reports(t.report_ids)})" for t in tallies
        )
        tie = len(tallies) > 1 and len(tallies[0].sources) == len(tallies[1].sources)
        parts.append(
            f"best = the figure most independent sources give ({given}"
            + ("; a tie, the lower kept)" if tie else ")")
        )

    conservative, cons_ids = _extreme([(rid, _number(c)) for rid, _, c in used], min)
    if conservative is not None:
        parts.append(
            f"conservative = lowest credible number ({conservative}, {_reports(cons_ids)})"
        )
    if ignored:
        parts.append(f"not used: {_reports(ignored)} (marked not credible)")

    figures = {(c.low, c.best, c.high) for _, _, c in used}
    return Figure(
        low=low,
        best=best,
        high=high,
        conservative=conservative,
        rule="; ".join(parts),
        by_report=by_report,
        disagreement=len(figures) > 1,
    )


def _count_of(figure: Figure | None) -> Count | None:
    """The incident's own Count from a figure across reports."""
    if figure is None or (figure.low, figure.best, figure.high) == (None, None, None):
        return None
    low, best, high = figure.low, figure.best, figure.high
    qualifier: Qualifier
    if low is not None and low == best == high:
        qualifier = "exact"
    elif high is None and best is None:
        qualifier = "at_least"
    elif low is None and best is None:
        qualifier = "up_to"
    else:
        qualifier = "about"
    return Count(low=low, best=best, high=high, qualifier=qualifier)


def _figure(members: Sequence[Member], count: Callable[[Incident], Count | None]) -> Figure | None:
    return combine_counts(
        [
            (m.report_id, m.source, m.credible, c)
            for m in members
            if (c := count(m.incident)) is not None
        ]
    )


def _casualties(members: Sequence[Member]) -> list[Casualties]:
    """Each kind and group of casualty figure combined across reports as killed is (a
    report giving two figures of one kind and group is read by its first)."""
    groups: list[tuple[CasualtyKind, str]] = []
    for member in members:
        for c in member.incident.casualties:
            if (c.kind, c.group) not in groups:
                groups.append((c.kind, c.group))
    out = []
    for kind, group in groups:

        def first(
            incident: Incident, kind: CasualtyKind = kind, group: str = group
        ) -> Count | None:
            return next(
                (c for c in incident.casualties if (c.kind, c.group) == (kind, group)), None
            )

        count = _count_of(_figure(members, first))
        if count is not None:
            out.append(
                Casualties(
                    kind=kind,
                    group=group,
                    low=count.low,
                    best=count.best,
                    high=count.high,
                    qualifier=count.qualifier,
                )
            )
    return out
