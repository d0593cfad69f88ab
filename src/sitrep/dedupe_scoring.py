"""The rules and the score of dedupe: can two candidates be one incident, and how alike are they.

Input: two :class:`Prepared` candidates (:func:`prepare` turns a
:class:`sitrep.dedupe.Candidate` into the form the comparisons use, once). Output:
:func:`blocked` gives None when the rules say they cannot be one incident, else (days
apart, km apart); :func:`factors` gives each factor's finding as (share of its weight,
reason in plain words, may link). :mod:`sitrep.dedupe` weighs the findings with
:data:`WEIGHTS` into a score and a verdict. Pure: no database, no I/O.

    >>> p, q = prepare(one), prepare(two)  # a strike told twice, 1.1 km apart (see dedupe)
    >>> days, km = blocked(p, q)
    >>> factors(p, q, days, km)["place"]
    (1.0, '1.1 km apart', True)

Rules: two candidates can NOT be one incident (``blocked`` returns None) when

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
never full credit. Every factor used leaves a reason in plain words. A factor that may
not link (a loose date, event types that differ but may be one incident told two ways,
casualty figures far apart) caps the pair at review.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitrep.dedupe import Candidate

# What a factor finds: (share of its weight, reason, may link). A share is 0..1, except
# casualty figures far apart, which take points away.
Finding = tuple[float, str, bool]

# At 0.63 a pair with two points links on, e.g., the same day, points 10 km apart and
# the same event type and sub-type with nothing else known (0.77), or a day apart and
# 15 km apart (0.67); a day and 20 km apart (0.62) goes to review.
LINK_AT: float = 0.63
# A pair whose place is vague on one side (the same admin1, no two points) links from
# 0.59: the same day, event type and sub-type with nothing else known scores 0.63; a day
# apart (0.58) or another sub-type (0.56) needs one more agreeing fact (the perpetrator,
# the weapon, the toll). Such a link also has to be the one reading: see
# sitrep.dedupe.suggest.
VAGUE_LINK_AT: float = 0.59
# Below 0.45 a pair shares little beyond its province and a day or two: not worth an
# analyst's time.
REVIEW_AT: float = 0.45

MAX_DAYS_APART = 1
LOOSE_DAYS = 7  # an interval longer than this ("in March") is a loose date
MAX_KM = 25.0
NEAR_KM = 5.0  # closer than this is one spot: geocoders pick the town or the village
PRECISE = frozenset({"exact", "near", "admin2"})

WEIGHTS: dict[str, float] = {
    "date": 0.24,
    "place": 0.28,
    "event": 0.18,
    "perpetrator": 0.11,
    "weapon": 0.07,
    "target": 0.04,
    "killed": 0.06,
    "injured": 0.02,
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
    "weapon unknown": 0.4,
    "related weapons": 0.6,  # rocket vs missile, drone vs airstrike: one strike told twice
    "other weapons": 0.0,  # firearm vs airstrike
    "target unknown": 0.4,
    "other targets": 0.1,  # "a checkpoint" vs "a market"
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

# Weapons that one strike can be told as (an outlet's "rocket" is another's "missile"):
# two weapons sharing a family are related, others differ. "other" says nothing.
WEAPON_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"airstrike", "drone", "missile"}),
    frozenset({"rocket", "missile", "artillery", "mortar"}),
    frozenset({"ied", "landmine", "vehicle_bomb", "suicide_bomb", "grenade"}),
    frozenset({"firearm", "grenade", "knife"}),
)

_EARTH_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Prepared:
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


def prepare(c: Candidate) -> Prepared:
    """The values the comparisons use, computed once per candidate."""
    start = c.date_start or c.date_end
    end = c.date_end or c.date_start
    s = start.toordinal() if start else None
    e = end.toordinal() if end else None
    loose = s is None or e is None or e - s + 1 > LOOSE_DAYS
    has_point = c.latitude is not None and c.longitude is not None
    lat = math.radians(c.latitude) if c.latitude is not None else 0.0
    lon = math.radians(c.longitude) if c.longitude is not None else 0.0
    admin1 = " ".join(c.admin1.casefold().split()) if c.admin1 else None
    return Prepared(
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


def _gap(p: Prepared, q: Prepared) -> int | None:
    if p.start is None or q.start is None or p.end is None or q.end is None:
        return None
    return max(0, max(p.start, q.start) - min(p.end, q.end))


def blocked(p: Prepared, q: Prepared) -> tuple[int | None, float | None] | None:
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


def factors(p: Prepared, q: Prepared, days: int | None, km: float | None) -> dict[str, Finding]:
    """Each factor's finding for a pair that :func:`blocked` let through (``days``, ``km``
    as it returned them), keyed as in :data:`WEIGHTS`. ``p`` has the smaller id."""
    a, b = p.c, q.c
    return {
        "date": _date_factor(p, q, days),
        "place": _place_factor(p, q, km),
        "event": _event_factor(a, b),
        "perpetrator": _actor_factor(a.perpetrators, b.perpetrators, "perpetrator"),
        "weapon": _weapon_factor(a.weapons, b.weapons),
        "target": _target_factor(a, b),
        "killed": _count_factor(a.killed, b.killed, "killed"),
        "injured": _count_factor(a.injured, b.injured, "injured"),
    }


def _date_factor(p: Prepared, q: Prepared, days: int | None) -> Finding:
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


def _place_factor(p: Prepared, q: Prepared, km: float | None) -> Finding:
    if km is not None:
        share = 1.0 - (1.0 - SHARES["25 km"]) * max(0.0, km - NEAR_KM) / (MAX_KM - NEAR_KM)
        return share, f"{km:.1f} km apart", True
    if p.admin1 is not None and p.admin1 == q.admin1:
        return SHARES["same admin1"], f"same admin1 ({p.c.admin1}), place vague on one side", True
    return SHARES["same country"], f"same country ({p.c.country_code}), place vague", True


def _event_factor(a: Candidate, b: Candidate) -> Finding:
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


def _actor_factor(x: frozenset[str], y: frozenset[str], role: str) -> Finding:
    if not x or not y:
        return SHARES[f"{role} unknown"], f"{role} unknown on one side", True
    shared = x & y
    if shared:
        return 1.0, f"same {role} ({', '.join(sorted(shared))})", True
    # Only targets reach here: different perpetrators are a block.
    return 0.0, f"different {role}s", True


def _weapon_factor(x: frozenset[str], y: frozenset[str]) -> Finding:
    x, y = x - {"other"}, y - {"other"}
    if not x or not y:
        return SHARES["weapon unknown"], "weapon unknown on one side", True
    if shared := x & y:
        return 1.0, f"same weapon ({', '.join(sorted(shared))})", True
    pair = f"{', '.join(sorted(x))} vs {', '.join(sorted(y))}"
    if any(f & x and f & y for f in WEAPON_FAMILIES):
        return SHARES["related weapons"], f"related weapons ({pair})", True
    return SHARES["other weapons"], f"weapons differ ({pair})", True


def _target_factor(a: Candidate, b: Candidate) -> Finding:
    """Named target actors when both sides have them, else the words of the target
    ("a police checkpoint" and "the checkpoint" share "checkpoint")."""
    if a.targets and b.targets:
        return _actor_factor(a.targets, b.targets, "target")
    if not a.target_words or not b.target_words:
        return SHARES["target unknown"], "target unknown on one side", True
    if shared := a.target_words & b.target_words:
        return 1.0, f"same target ({', '.join(sorted(shared))})", True
    return SHARES["other targets"], "targets differ", True


def _count_factor(x: int | None, y: int | None, kind: str) -> Finding:
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
