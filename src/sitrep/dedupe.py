"""Which candidate incidents, from different reports, are one incident.

Input: :class:`Candidate` values (what matching needs from a candidate incident; build
them with :meth:`Candidate.from_incident`). Output: scored :class:`Suggestion` pairs,
"link" (the same incident: link automatically) or "review" (an analyst decides), and
:func:`clusters` of candidates joined by links. Pure: no database, no I/O.

    >>> day = dt.date(2024, 3, 5)
    >>> one = Candidate(1, frozenset({10}), day, day, 36.19, 44.01, "exact", "Erbil", "IRQ",
    ...     "Explosions/Remote violence", "Air/drone strike", frozenset({"houthis"}),
    ...     frozenset(), 3, None)
    >>> two = dataclasses.replace(one, id=2, report_ids=frozenset({11}), latitude=36.2, killed=5)
    >>> s = compare(one, two)
    >>> s.verdict, s.reasons[:2]
    ('link', ('dates overlap', '1.1 km apart'))
    >>> clusters([s], [1, 2, 3], reports={1: {10}, 2: {11}, 3: {12}})
    [[1, 2], [3]]

Ten outlets report one strike: the same event told ten times. GDELT keeps hundreds of
records for one kidnapping; Sitrep suggests which candidates to fold together.

Rules: two candidates can NOT be one incident (``compare`` returns None) when

- they share a report: a report's own candidates are distinct incidents by construction;
- either has no country: nothing anchors it, and it would match every country;
- their countries differ, or their admin1 names differ (when both are known);
- their date intervals are more than 1 day apart (a gap, not a midpoint difference);
- one of them is "loose" (no date, or an interval longer than 7 days) and they do not
  share a known admin1: a loose date says nothing, so the province must;
- both places are precise (exact / near / admin2) and the points are more than 25 km apart;
- their event types are incompatible (see :data:`COMPATIBLE_TYPES`);
- both name perpetrators and no perpetrator is shared (Houthis vs ISWAP). This is a
  block, not a penalty: two named, different doers are two incidents far more often
  than one misattributed incident, and an analyst can still merge by hand.
  Perpetrators are compared by actor id, so umbrella groups ("Islamic State" vs
  "ISWAP") count as different: the extractor's resolution decides.

Score: a weighted sum of factors, each in 0..1 (casualties may go below 0), weights in
:data:`WEIGHTS` adding to 1. Missing information on one side gives a neutral share,
never full credit. Every factor used leaves a reason in plain words.

Verdict: "link" when the score reaches ``link_at`` and nothing caps it at review; capped
at review are loose dates, event types that differ but may be one incident told two
ways (Battles vs Explosions/Remote violence), and casualty figures far apart (2 vs 200).
``compare`` returns a suggestion for every pair that can be one incident, however low
its score ("review" below LINK_AT); ``suggest`` keeps pairs scoring at least ``review_at``.

Tuned on benchmarks/dedupe_speed.py (100,000 synthetic candidates with planted copies).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitrep.models import Count, Incident

# At 0.66 a pair links on, e.g., the same day, points 10 km apart and the same event
# type and sub-type with nothing else known (0.79), or a day apart and 15 km apart (0.69).
# A vague place (same admin1 only) with the same day, type and sub-type scores 0.65: it
# needs one more agreeing fact (the same perpetrator, the same toll) to link; without one
# it goes to review.
LINK_AT: float = 0.66
# Below 0.45 a pair shares little beyond its province and a day or two: not worth an
# analyst's time.
REVIEW_AT: float = 0.45

MAX_DAYS_APART = 1
LOOSE_DAYS = 7  # an interval longer than this ("in March") is a loose date
MAX_KM = 25.0
NEAR_KM = 5.0  # closer than this is one spot: geocoders pick the town or the village
# A loose candidate is compared with at most this many of its admin1's candidates (the
# nearest in date first), so that a province full of undated items stays linear.
LOOSE_CAP = 200

PRECISE = frozenset({"exact", "near", "admin2"})

WEIGHTS: dict[str, float] = {
    "date": 0.25,
    "place": 0.30,
    "event": 0.20,
    "perpetrator": 0.12,
    "target": 0.03,
    "killed": 0.07,
    "injured": 0.03,
}

# The share of a factor's weight that each finding earns; full agreement earns 1.0.
# Missing information earns a neutral share: it neither proves nor refutes.
SHARES: dict[str, float] = {
    "1 day apart": 0.8,  # "yesterday" read from a report published after midnight
    "interval overlap": 0.85,  # overlapping intervals of 2-7 days
    "date unknown": 0.3,
    "date loose": 0.3,
    "25 km": 0.3,  # precise points: 1.0 up to NEAR_KM, falling linearly to this at MAX_KM
    "same admin1": 0.35,  # a vague place on one side: the province is all we know
    "same country": 0.1,
    "type unknown": 0.4,
    "types differ": 0.3,  # compatible types (review only)
    "sub-type unknown": 0.85,
    "sub-types differ": 0.6,
    "perpetrator unknown": 0.35,
    "target unknown": 0.4,
    "toll unknown": 0.4,
    "tolls close": 0.8,  # 3 vs 5: max <= 2 * min + 3
    "tolls far apart": 0.0,  # 3 vs 12: max <= 4 * min + 5 (tolls rise as bodies are found)
    "tolls incompatible": -3.0,  # 2 vs 200: more than 4 * min + 5; takes points away
}

# Different event types that one incident can be reported as. Such pairs go to review,
# never link. Battles vs Explosions/Remote violence: a clash with mortar fire is one
# outlet's battle and another's shelling. Violence against civilians vs either: "gunmen
# stormed a village" vs "clashes in the village". Protests vs Riots: a protest that turned
# violent. Every other pair of different types (Protests vs Explosions/Remote violence,
# anything vs Strategic developments) cannot be one incident.
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"Battles", "Explosions/Remote violence"}),
        frozenset({"Battles", "Violence against civilians"}),
        frozenset({"Explosions/Remote violence", "Violence against civilians"}),
        frozenset({"Protests", "Riots"}),
    }
)

_EARTH_KM = 6371.0088


@dataclass(frozen=True)
class Candidate:
    """What matching needs from one candidate incident."""

    id: int
    report_ids: frozenset[int]
    date_start: dt.date | None
    date_end: dt.date | None
    latitude: float | None
    longitude: float | None
    place_precision: str  # models.PlacePrecision
    admin1: str | None
    country_code: str | None
    event_type: str | None
    sub_event_type: str | None
    perpetrators: frozenset[str]  # actor_id when known, else the normalised name; named only
    targets: frozenset[str]
    killed: int | None  # best, else low
    injured: int | None

    @classmethod
    def from_incident(cls, incident: Incident) -> Candidate:
        """The matching view of a stored incident (its ``id`` must be set)."""
        if incident.id is None:
            raise ValueError(
                "the incident has no id: store it first (dedupe links incidents by id)"
            )
        date, place = incident.date, incident.location
        return cls(
            id=incident.id,
            report_ids=frozenset(incident.report_ids),
            date_start=date.start if date else None,
            date_end=date.end if date else None,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            place_precision=place.precision if place else "unknown",
            admin1=place.admin1 if place else None,
            country_code=place.country_code if place else None,
            event_type=incident.event_type,
            sub_event_type=incident.sub_event_type,
            perpetrators=_actor_keys(incident, {"perpetrator"}),
            targets=_actor_keys(incident, {"target", "victim"}),
            killed=_figure(incident.killed),
            injured=_figure(incident.injured),
        )


def _actor_keys(incident: Incident, roles: set[str]) -> frozenset[str]:
    """Named actors in these roles: their actor id, else their normalised name. Unnamed
    kinds ("gunmen", "militants") say nothing about which group it was and are left out."""
    from sitrep.resolve.actors import normalise_name, registry

    reg = registry()
    keys = set()
    for actor in incident.actors:
        if actor.role not in roles:
            continue
        if actor.actor_id is None:
            keys.add(normalise_name(actor.name))
            continue
        try:
            named = reg.get(actor.actor_id).named
        except KeyError:
            named = not actor.actor_id.startswith("unnamed-")
        if named:
            keys.add(actor.actor_id)
    return frozenset(keys)


def _figure(count: Count | None) -> int | None:
    if count is None:
        return None
    value = count.best if count.best is not None else count.low
    return value


@dataclass(frozen=True)
class Suggestion:
    """Two candidates that may be one incident, with the score and why."""

    a: int  # the smaller id
    b: int
    score: float  # 0..1
    verdict: str  # "link" or "review"
    days_apart: int | None  # 0 when the date intervals overlap
    km: float | None  # distance between the points when both are precise enough
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values; ``reasons`` as a list."""
        out = dataclasses.asdict(self)
        out["reasons"] = list(self.reasons)
        return out


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A candidate's values in the form the comparisons use, computed once."""

    c: Candidate
    start: int | None  # ordinal days
    end: int | None
    loose: bool
    admin1: str | None  # casefolded
    precise: bool
    lat: float  # radians (0 when unknown)
    lon: float
    cos_lat: float


def _prepare(c: Candidate) -> _Prepared:
    start = c.date_start or c.date_end
    end = c.date_end or c.date_start
    s = start.toordinal() if start else None
    e = end.toordinal() if end else None
    loose = s is None or e is None or e - s + 1 > LOOSE_DAYS
    has_point = c.latitude is not None and c.longitude is not None
    lat = math.radians(c.latitude) if c.latitude is not None else 0.0
    lon = math.radians(c.longitude) if c.longitude is not None else 0.0
    admin1 = " ".join(c.admin1.casefold().split()) if c.admin1 else None
    return _Prepared(
        c, s, e, loose, admin1 or None, has_point and c.place_precision in PRECISE,
        lat, lon, math.cos(lat),
    )  # fmt: skip


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    return _haversine(p1, math.radians(lon1), math.cos(p1), p2, math.radians(lon2), math.cos(p2))


def _haversine(la1: float, lo1: float, c1: float, la2: float, lo2: float, c2: float) -> float:
    h = math.sin((la2 - la1) / 2) ** 2 + c1 * c2 * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _gap(p: _Prepared, q: _Prepared) -> int | None:
    if p.start is None or q.start is None or p.end is None or q.end is None:
        return None
    return max(0, max(p.start, q.start) - min(p.end, q.end))


def _blocked(p: _Prepared, q: _Prepared) -> tuple[int | None, float | None] | None:
    """None when the rules say the two cannot be one incident; else (days apart, km)."""
    a, b = p.c, q.c
    if a.report_ids & b.report_ids:
        return None
    if a.country_code is None or b.country_code is None or a.country_code != b.country_code:
        return None
    if p.admin1 is not None and q.admin1 is not None and p.admin1 != q.admin1:
        return None
    if (p.loose or q.loose) and (p.admin1 is None or p.admin1 != q.admin1):
        return None
    days = _gap(p, q)
    if days is not None and days > MAX_DAYS_APART:
        return None
    km = None
    if p.precise and q.precise:
        km = _haversine(p.lat, p.lon, p.cos_lat, q.lat, q.lon, q.cos_lat)
        if km > MAX_KM:
            return None
    if not _types_compatible(a.event_type, b.event_type):
        return None
    if a.perpetrators and b.perpetrators and not (a.perpetrators & b.perpetrators):
        return None
    return days, km


def _types_compatible(x: str | None, y: str | None) -> bool:
    return not x or not y or x == y or frozenset({x, y}) in COMPATIBLE_TYPES


# Each factor returns (share of its weight, reason, may link). A share is 0..1, except
# casualty figures far apart, which take points away.


def _date_factor(p: _Prepared, q: _Prepared, days: int | None) -> tuple[float, str, bool]:
    if days is None:
        return SHARES["date unknown"], "date unknown on one side", False
    if p.loose or q.loose:
        return SHARES["date loose"], "one date is a long interval (over 7 days)", False
    if days == 1:
        return SHARES["1 day apart"], "1 day apart", True
    # Overlapping intervals: full credit for one day each, less the wider they are.
    assert p.start is not None and p.end is not None and q.start is not None
    assert q.end is not None
    widest = max(p.end - p.start, q.end - q.start) + 1
    share = 1.0 if widest == 1 else SHARES["interval overlap"]
    return share, "dates overlap" if widest == 1 else f"dates overlap ({widest}-day interval)", True


def _place_factor(p: _Prepared, q: _Prepared, km: float | None) -> tuple[float, str, bool]:
    if km is not None:
        share = 1.0 - (1.0 - SHARES["25 km"]) * max(0.0, km - NEAR_KM) / (MAX_KM - NEAR_KM)
        return share, f"{km:.1f} km apart", True
    if p.admin1 is not None and p.admin1 == q.admin1:
        return SHARES["same admin1"], f"same admin1 ({p.c.admin1}), place vague on one side", True
    return SHARES["same country"], f"same country ({p.c.country_code}), place vague", True


def _event_factor(a: Candidate, b: Candidate) -> tuple[float, str, bool]:
    if not a.event_type or not b.event_type:
        return SHARES["type unknown"], "event type unknown on one side", True
    if a.event_type != b.event_type:
        one, other = sorted([a.event_type, b.event_type])
        reason = f"event types differ but may be one incident ({one} vs {other})"
        return SHARES["types differ"], reason, False
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        return 1.0, f"same event type and sub-type ({a.sub_event_type})", True
    if a.sub_event_type and b.sub_event_type:
        subs = sorted([a.sub_event_type, b.sub_event_type])
        return (
            SHARES["sub-types differ"],
            f"same event type, sub-types differ ({subs[0]} vs {subs[1]})",
            True,
        )
    return SHARES["sub-type unknown"], f"same event type ({a.event_type})", True


def _actor_factor(x: frozenset[str], y: frozenset[str], role: str) -> tuple[float, str, bool]:
    if not x or not y:
        return SHARES[f"{role} unknown"], f"{role} unknown on one side", True
    shared = x & y
    if shared:
        return 1.0, f"same {role} ({', '.join(sorted(shared))})", True
    # Only targets reach here: different perpetrators are a block.
    return 0.0, f"different {role}s", True


def _count_factor(x: int | None, y: int | None, kind: str) -> tuple[float, str, bool]:
    if x is None or y is None:
        return SHARES["toll unknown"], f"{kind} unknown on one side", True
    low, high = min(x, y), max(x, y)
    reason = f"{kind} {low} vs {high}"
    if low == high:
        return 1.0, reason, True
    # Reports disagree and tolls rise: 3 vs 5 is one incident; 2 vs 200 is not.
    if high <= 2 * low + 3:
        return SHARES["tolls close"], reason, True
    if high <= 4 * low + 5:
        return SHARES["tolls far apart"], reason + " (far apart)", True
    return SHARES["tolls incompatible"], reason + " (incompatible)", False


def _judge(p: _Prepared, q: _Prepared, link_at: float, floor: float) -> Suggestion | None:
    if p.c.id > q.c.id:
        p, q = q, p
    rule = _blocked(p, q)
    if rule is None:
        return None
    days, km = rule
    a, b = p.c, q.c
    factors = {
        "date": _date_factor(p, q, days),
        "place": _place_factor(p, q, km),
        "event": _event_factor(a, b),
        "perpetrator": _actor_factor(a.perpetrators, b.perpetrators, "perpetrator"),
        "target": _actor_factor(a.targets, b.targets, "target"),
        "killed": _count_factor(a.killed, b.killed, "killed"),
        "injured": _count_factor(a.injured, b.injured, "injured"),
    }
    total = 0.0
    for name, (share, _reason, _ok) in factors.items():
        total += WEIGHTS[name] * share
    score = round(min(1.0, max(0.0, total)), 4)
    if score < floor:
        return None
    may_link = all(ok for _share, _reason, ok in factors.values())
    verdict = "link" if may_link and score >= link_at else "review"
    reasons = tuple(reason for _share, reason, _ok in factors.values())
    return Suggestion(a.id, b.id, score, verdict, days, None if km is None else round(km, 2),
                      reasons)  # fmt: skip


def compare(a: Candidate, b: Candidate) -> Suggestion | None:
    """How alike two candidates are, or None when the rules say they cannot be one
    incident (see the module docstring). Symmetric: ``compare(b, a) == compare(a, b)``."""
    if a.id == b.id:
        raise ValueError(f"candidate {a.id} compared with itself: give two different ids")
    return _judge(_prepare(a), _prepare(b), LINK_AT, -math.inf)


def suggest(
    candidates: Sequence[Candidate],
    *,
    link_at: float = LINK_AT,
    review_at: float = REVIEW_AT,
) -> list[Suggestion]:
    """Every pair scoring at least ``review_at``, best first (ties by ids).

    Blocking, so that 100,000 candidates take seconds: candidates are grouped by country;
    within a country, dated ones (an interval of 7 days or less) are sorted by start and
    each is compared only with those starting no later than a day after it ends. A loose
    candidate (no date, or a longer interval) can only match within its admin1, so it is
    compared with at most LOOSE_CAP candidates of its admin1, nearest in date first.
    Below that cap the result equals comparing every pair.
    """
    ids = [c.id for c in candidates]
    if len(set(ids)) != len(ids):
        raise ValueError("candidate ids repeat: give each candidate a distinct id")
    by_country: dict[str, list[_Prepared]] = defaultdict(list)
    for c in candidates:
        if c.country_code is not None:
            by_country[c.country_code].append(_prepare(c))
    out: list[Suggestion] = []
    for group in by_country.values():
        out.extend(_suggest_dated(group, link_at, review_at))
        out.extend(_suggest_loose(group, link_at, review_at))
    out.sort(key=lambda s: (-s.score, s.a, s.b))
    return out


def _suggest_dated(group: list[_Prepared], link_at: float, floor: float) -> list[Suggestion]:
    dated = sorted((p for p in group if not p.loose), key=lambda p: (p.start, p.c.id))
    out = []
    for i, p in enumerate(dated):
        assert p.end is not None
        last = p.end + MAX_DAYS_APART
        for q in dated[i + 1 :]:
            assert q.start is not None
            if q.start > last:
                break
            if (s := _judge(p, q, link_at, floor)) is not None:
                out.append(s)
    return out


def _suggest_loose(group: list[_Prepared], link_at: float, floor: float) -> list[Suggestion]:
    by_admin1: dict[str, list[_Prepared]] = defaultdict(list)
    for p in group:
        if p.admin1 is not None:
            by_admin1[p.admin1].append(p)
    out = []
    for members in by_admin1.values():
        loose = [p for p in members if p.loose]
        if not loose:
            continue
        # Sorted by a date key, so the nearest in date can be taken around a loose item.
        keyed = sorted(members, key=_date_key)
        keys = [_date_key(p) for p in keyed]
        for p in loose:
            for q in _nearest(keyed, keys, p):
                # A loose pair is judged once: from the one with the smaller id.
                if q is p or (q.loose and q.c.id < p.c.id):
                    continue
                if (s := _judge(p, q, link_at, floor)) is not None:
                    out.append(s)
    return out


def _date_key(p: _Prepared) -> tuple[float, int]:
    if p.start is None or p.end is None:
        return (math.inf, p.c.id)  # undated ones last
    return ((p.start + p.end) / 2, p.c.id)


def _nearest(
    keyed: list[_Prepared], keys: list[tuple[float, int]], p: _Prepared
) -> list[_Prepared]:
    """Up to LOOSE_CAP members nearest in date to ``p`` (all of them when fewer)."""
    if len(keyed) <= LOOSE_CAP + 1:
        return keyed
    at = bisect.bisect_left(keys, _date_key(p))
    lo = max(0, min(at - LOOSE_CAP // 2, len(keyed) - LOOSE_CAP - 1))
    return keyed[lo : lo + LOOSE_CAP + 1]


def clusters(
    suggestions: Iterable[Suggestion],
    ids: Iterable[int],
    *,
    reports: Mapping[int, Collection[int]] | None = None,
) -> list[list[int]]:
    """Groups of candidates joined by "link" suggestions; every id in ``ids`` is in exactly
    one group (singletons too). Each group sorted, groups sorted by their first id.

    ``reports`` gives each candidate's report ids (``{c.id: c.report_ids for c in cands}``):
    with it, no group ever holds two candidates of one report. Links are applied best
    score first, and a link that would join groups holding candidates of a shared report
    (A and B of report 7, each linked to C) is skipped: the stronger link wins, the weaker
    stays a suggestion for an analyst. Links naming an id not in ``ids`` are ignored.
    """
    parent: dict[int, int] = {i: i for i in ids}
    held: dict[int, set[int]] = {
        i: set(reports.get(i, ())) if reports is not None else set() for i in parent
    }
    links = sorted(
        (s for s in suggestions if s.verdict == "link" and s.a in parent and s.b in parent),
        key=lambda s: (-s.score, s.a, s.b),
    )
    return _union(parent, held, links)


def _union(
    parent: dict[int, int], reports: dict[int, set[int]], links: list[Suggestion]
) -> list[list[int]]:
    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for s in links:
        ra, rb = root(s.a), root(s.b)
        if ra == rb or reports[ra] & reports[rb]:
            continue
        if len(reports[ra]) < len(reports[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        reports[ra] |= reports[rb]
    groups: dict[int, list[int]] = defaultdict(list)
    for i in parent:
        groups[root(i)].append(i)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
