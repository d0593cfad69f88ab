"""Several reports' dates and places -> the incident's date and place (part of
sitrep.consolidate).

Input: (report id, ``DateSpan``) or (report id, ``Place``) of each report. Output: the
incident's span or place, the rule that chose it in plain words, and a conflict (None when
the reports agree).

    >>> import datetime as dt
    >>> span, rule, conflict = combine_dates([
    ...     (1, DateSpan(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31), precision="month")),
    ...     (2, DateSpan(start=dt.date(2024, 3, 5), end=dt.date(2024, 3, 5), precision="day"))])
    >>> (span.start.isoformat(), span.precision, conflict)
    ('2024-03-05', 'day', None)
    >>> place, rule, conflict = combine_places([
    ...     (1, Place(country_code="IRQ", precision="country")),
    ...     (2, Place(name="Erbil", country_code="IRQ", precision="admin1"))])
    >>> (place.name, conflict)
    ('Erbil', None)

- Dates: the intersection of the reports' intervals; when they do not intersect, the span
  covering them all, its precision widened, and a conflict.
- Place: the most precise place consistent with all the others (same country; same admin1
  when both are known; two points within 25 km; two districts or finer with the same
  admin2). When they disagree, the place most sources give, and a conflict.

Pure: no database, no network.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

from sitrep.consolidate_figures import _norm, _reports, _Tally, _tally
from sitrep.models import DatePrecision, DateSpan, Place, PlacePrecision

if TYPE_CHECKING:
    # Only for type hints: sitrep.consolidate imports this module.
    from sitrep.consolidate import Member

__all__ = ["NEAR_KM", "combine_dates", "combine_places"]

# Two points further apart than this are two places, not two readings of one.
NEAR_KM = 25.0

# Most precise first; a sea is as coarse as a region.
_PLACE_RANK: dict[PlacePrecision, int] = {
    "exact": 0,
    "near": 1,
    "admin2": 2,
    "admin1": 3,
    "region": 4,
    "water": 4,
    "country": 5,
    "unknown": 6,
}
_POINTS: frozenset[str] = frozenset({"exact", "near"})


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------


def _show_span(start: dt.date | None, end: dt.date | None) -> str:
    if start is not None and start == end:
        return start.isoformat()
    return f"{start.isoformat() if start else ''}..{end.isoformat() if end else ''}"


def _precision_of(start: dt.date | None, end: dt.date | None) -> DatePrecision:
    """The finest precision an interval can honestly be given."""
    if start is None or end is None:
        return "unknown"
    if start == end:
        return "day"
    same_month = (start.year, start.month) == (end.year, end.month)
    if same_month and start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        return "month"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return "year"
    if (end - start).days < 7:
        return "days"
    if same_month:
        return "part_of_month"
    return "year" if start.year == end.year else "unknown"


def combine_dates(
    spans: Sequence[tuple[int, DateSpan]],
) -> tuple[DateSpan | None, str, str | None]:
    """(report_id, DateSpan) of each report -> (the incident's span, the rule, a conflict).

    The intersection of the intervals (an open end bounds nothing). When they do not
    intersect: the span covering them all, its precision widened, and the conflict
    described. Spans with neither start nor end say nothing and are left out.
    """
    given = [(rid, s) for rid, s in sorted(spans, key=lambda p: p[0]) if s.start or s.end]
    if not given:
        return None, "no report gives a date", None
    starts = [s.start for _, s in given if s.start is not None]
    ends = [s.end for _, s in given if s.end is not None]
    start, end = (max(starts) if starts else None), (min(ends) if ends else None)
    if start is None or end is None or start <= end:
        same = [s for _, s in given if (s.start, s.end) == (start, end)]
        precision = same[0].precision if same else _precision_of(start, end)
        text = same[0].text if same else None
        span = DateSpan(start=start, end=end, precision=precision, text=text)
        ids = [rid for rid, _ in given]
        if len(given) == 1:
            return (
                span,
                f"the only report's interval ({_show_span(start, end)}, report {ids[0]})",
                None,
            )
        shown = f"{_show_span(start, end)}, {_reports(ids)}"
        return span, f"intersection of {len(given)} reports' intervals ({shown})", None
    low = None if len(starts) < len(given) else min(starts)
    high = None if len(ends) < len(given) else max(ends)
    widened = _precision_of(low, high)
    said = ", ".join(f"report {rid} {_show_span(s.start, s.end)}" for rid, s in given)
    covering = _show_span(low, high)
    conflict = f"dates do not overlap: {said}"
    rule = (
        "dates do not overlap; kept the span covering them all "
        f"({covering}, precision widened to {widened})"
    )
    return DateSpan(start=low, end=high, precision=widened), rule, conflict


# --------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------


def _km(a: Place, b: Place) -> float:
    """Great-circle distance between two places with coordinates."""
    assert a.latitude is not None and a.longitude is not None
    assert b.latitude is not None and b.longitude is not None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _differ(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and _norm(a) != _norm(b)


def _disagreement(a: Place, b: Place) -> str | None:
    """Why two places cannot be the same incident's place, or None when they can be."""
    if _differ(a.country_code, b.country_code) or (
        not (a.country_code and b.country_code) and _differ(a.country, b.country)
    ):
        return (
            f"in different countries ({a.country or a.country_code}, {b.country or b.country_code})"
        )
    if _differ(a.admin1, b.admin1):
        return f"in different provinces ({a.admin1}, {b.admin1})"
    if a.precision in _POINTS and b.precision in _POINTS and a.latitude is not None:
        if b.latitude is not None and (km := _km(a, b)) > NEAR_KM:
            return f"{km:.0f} km apart"
    elif (
        _PLACE_RANK[a.precision] <= _PLACE_RANK["admin2"]
        and _PLACE_RANK[b.precision] <= _PLACE_RANK["admin2"]
        and _differ(a.admin2, b.admin2)
    ):
        return f"in different districts ({a.admin2}, {b.admin2})"
    return None


def _place_key(place: Place) -> Hashable:
    """Two reports give the same place when this is equal."""
    if place.gazetteer_id:
        return ("gazetteer", place.gazetteer_id)
    coords = None
    if place.latitude is not None and place.longitude is not None:
        coords = (round(place.latitude, 3), round(place.longitude, 3))
    names = tuple(_norm(n) if n else None for n in (place.name, place.admin1, place.admin2))
    return ("named", names, place.country_code or place.country, place.precision, coords)


def _show_place(place: Place) -> str:
    name = place.name or place.admin2 or place.admin1 or place.country or place.country_code
    if name is None and place.latitude is not None:
        name = f"{place.latitude:.4f}, {place.longitude:.4f}"
    return f"{name or 'an unnamed place'} ({place.precision})"


def _says_where(place: Place) -> bool:
    return any(
        v is not None
        for v in (place.name, place.admin1, place.country_code, place.country, place.latitude)
    )


def combine_places(
    places: Sequence[tuple[int, Place]],
) -> tuple[Place | None, str, str | None]:
    """(report_id, Place) of each report -> (the incident's place, the rule, a conflict).

    The most precise place consistent with all the others; ties to the place given most
    often, then to the first report's. When two places disagree, the place given most often
    (ties to the more precise, then the first report's), and the conflict described. Each
    entry counts once: pass one entry per independent source (``consolidate`` does).
    """
    given = [(rid, p) for rid, p in sorted(places, key=lambda p: p[0]) if _says_where(p)]
    if not given:
        return None, "no report gives a place", None
    tallies = _tally((rid, i, _place_key(p)) for i, (rid, p) in enumerate(given))
    first_place = {_place_key(p): p for rid, p in reversed(given)}
    clashes = [
        f"{_show_place(a)} (report {ra}) and {_show_place(b)} (report {rb}) are {why}"
        for i, (ra, a) in enumerate(given)
        for rb, b in given[i + 1 :]
        if (why := _disagreement(a, b)) is not None
    ]

    def rank(t: _Tally[Hashable]) -> int:
        return _PLACE_RANK[first_place[t.value].precision]

    if not clashes:
        chosen = min(tallies, key=lambda t: (rank(t), -len(t.sources), t.first))
        place = first_place[chosen.value]
        if len(given) == 1:
            return (
                place,
                f"the only place given ({place.precision}, {_reports(chosen.report_ids)})",
                None,
            )
        rule = f"most precise consistent place ({place.precision}, {_reports(chosen.report_ids)})"
        return place, rule, None
    chosen = min(tallies, key=lambda t: (-len(t.sources), rank(t), t.first))
    place = first_place[chosen.value]
    rule = (
        f"places disagree; kept the place most sources give ({_show_place(place)}, "
        f"{len(chosen.sources)} of {len(given)}: {_reports(chosen.report_ids)})"
    )
    shown = clashes[:3] + ([f"and {len(clashes) - 3} more pairs"] if len(clashes) > 3 else [])
    return place, rule, "places disagree: " + "; ".join(shown)


def _places_by_source(credible: Sequence[Member]) -> list[tuple[int, Place]]:
    """One entry per independent source and place: copies of a story count once."""
    seen: set[tuple[int, Hashable]] = set()
    out = []
    for member in credible:
        place = member.incident.location
        if place is not None and (member.source, _place_key(place)) not in seen:
            seen.add((member.source, _place_key(place)))
            out.append((member.report_id, place))
    return out


def _distinct_places(chosen: Place | None, places: Sequence[Place]) -> list[Place]:
    """The places the reports give, the chosen one first, each once."""
    out: dict[Hashable, Place] = {}
    for place in ([chosen] if chosen else []) + list(places):
        out.setdefault(_place_key(place), place)
    return list(out.values())
