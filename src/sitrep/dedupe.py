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

The rules that keep two candidates apart and the factors of the score are in
:mod:`sitrep.dedupe_scoring`; their constants (:data:`LINK_AT`, :data:`REVIEW_AT`,
:data:`WEIGHTS`, :data:`SHARES`, :data:`COMPATIBLE_TYPES`...) are importable from here too.

Verdict: "link" when the score reaches ``link_at`` (``vague_link_at`` when the place is
vague on one side: no two points to measure) and nothing caps it at review; capped
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

from sitrep.dedupe_scoring import (
    COMPATIBLE_TYPES,
    LINK_AT,
    LOOSE_DAYS,
    MAX_DAYS_APART,
    MAX_KM,
    NEAR_KM,
    PRECISE,
    REVIEW_AT,
    SHARES,
    VAGUE_LINK_AT,
    WEIGHTS,
    Prepared,
    blocked,
    factors,
    haversine_km,
    prepare,
)

if TYPE_CHECKING:
    from sitrep.models import Count, Incident

__all__ = [
    "COMPATIBLE_TYPES",
    "LINK_AT",
    "LOOSE_CAP",
    "LOOSE_DAYS",
    "MAX_DAYS_APART",
    "MAX_KM",
    "NEAR_KM",
    "PRECISE",
    "REVIEW_AT",
    "SHARES",
    "VAGUE_LINK_AT",
    "WEIGHTS",
    "Candidate",
    "Suggestion",
    "clusters",
    "compare",
    "haversine_km",
    "suggest",
    "target_words",
]

# A loose candidate is compared with at most this many of its admin1's candidates (the
# nearest in date first), so that a province full of undated items stays linear.
LOOSE_CAP = 200


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
    weapons: frozenset[str] = frozenset()  # models.Weapon values
    target_words: frozenset[str] = frozenset()  # see target_words(): "checkpoint", "police"

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
            weapons=frozenset(incident.weapons),
            target_words=target_words(incident.target),
        )


# Words of a target that say nothing about which target it was.
_TARGET_STOP = frozenset(
    "a an the of in on at near to for and or its their his her this that these those "
    "some several two three four five many other local".split()
)


def target_words(target: str | None) -> frozenset[str]:
    """The telling words of a target, casefolded and singular: "a police checkpoint" ->
    {"police", "checkpoint"}, "U.S. bases" -> {"u.s.", "base"}."""
    if not target:
        return frozenset()
    words = set()
    for word in target.casefold().split():
        word = word.strip(",;:'\"()")
        if len(word) < 2 or word in _TARGET_STOP:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word)
    return frozenset(words)


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


def _judge(p: Prepared, q: Prepared, bars: tuple[float, float, float]) -> Suggestion | None:
    """The pair's suggestion, or None when blocked or scoring below the floor; ``bars``
    is (link_at, vague_link_at, floor)."""
    link_at, vague_link_at, floor = bars
    if p.c.id > q.c.id:
        p, q = q, p
    rule = blocked(p, q)
    if rule is None:
        return None
    days, km = rule
    found = factors(p, q, days, km)
    total = 0.0
    for name, (share, _reason, _ok) in found.items():
        total += WEIGHTS[name] * share
    score = round(min(1.0, max(0.0, total)), 4)
    if score < floor:
        return None
    may_link = all(ok for _share, _reason, ok in found.values())
    verdict = (
        "link" if may_link and score >= (link_at if km is not None else vague_link_at) else "review"
    )
    reasons = tuple(reason for _share, reason, _ok in found.values())
    return Suggestion(p.c.id, q.c.id, score, verdict, days, None if km is None else round(km, 2),
                      reasons)  # fmt: skip


def compare(a: Candidate, b: Candidate) -> Suggestion | None:
    """How alike two candidates are, or None when the rules say they cannot be one
    incident (see :mod:`sitrep.dedupe_scoring`).
    Symmetric: ``compare(b, a) == compare(a, b)``."""
    if a.id == b.id:
        raise ValueError(f"candidate {a.id} compared with itself: give two different ids")
    return _judge(prepare(a), prepare(b), (LINK_AT, VAGUE_LINK_AT, -math.inf))


def suggest(
    candidates: Sequence[Candidate],
    *,
    link_at: float = LINK_AT,
    vague_link_at: float = VAGUE_LINK_AT,
    review_at: float = REVIEW_AT,
) -> list[Suggestion]:
    """Every pair scoring at least ``review_at``, best first (ties by ids).

    Blocking, so that 100,000 candidates take seconds: candidates are grouped by country;
    within a country, dated ones (an interval of 7 days or less) are sorted by start and
    each is compared only with those starting no later than a day after it ends. A loose
    candidate (no date, or a longer interval) can only match within its admin1, so it is
    compared with at most LOOSE_CAP candidates of its admin1, nearest in date first.
    Below that cap the result equals comparing every pair.

    A link resting on a vague place is kept only when it is the one reading: when neither
    side has another link-strength partner that the other side is not even suggested
    with. Otherwise it goes to review, naming the rival candidate.
    """
    ids = [c.id for c in candidates]
    if len(set(ids)) != len(ids):
        raise ValueError("candidate ids repeat: give each candidate a distinct id")
    bars = (link_at, vague_link_at, review_at)
    by_country: dict[str, list[Prepared]] = defaultdict(list)
    for c in candidates:
        if c.country_code is not None:
            by_country[c.country_code].append(prepare(c))
    out: list[Suggestion] = []
    for group in by_country.values():
        out.extend(_suggest_dated(group, bars))
        out.extend(_suggest_loose(group, bars))
    out = _settle_vague(out)
    out.sort(key=lambda s: (-s.score, s.a, s.b))
    return out


def _suggest_dated(group: list[Prepared], bars: tuple[float, float, float]) -> list[Suggestion]:
    dated = sorted((p for p in group if not p.loose), key=lambda p: (p.start, p.c.id))
    out = []
    for i, p in enumerate(dated):
        assert p.end is not None
        last = p.end + MAX_DAYS_APART
        for q in dated[i + 1 :]:
            assert q.start is not None
            if q.start > last:
                break
            if (s := _judge(p, q, bars)) is not None:
                out.append(s)
    return out


def _suggest_loose(group: list[Prepared], bars: tuple[float, float, float]) -> list[Suggestion]:
    by_admin1: dict[str, list[Prepared]] = defaultdict(list)
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
                if (s := _judge(p, q, bars)) is not None:
                    out.append(s)
    return out


def _settle_vague(found: list[Suggestion]) -> list[Suggestion]:
    """A link resting on a vague place (same admin1, no two points) stands only when it is
    the one reading: when neither side has another link-strength partner that the other
    side is not even suggested with. "Shelling in Idlib" matches one of two different
    shellings in Idlib that day no better than the other: such a pair goes to review."""
    near: dict[int, set[int]] = defaultdict(set)
    strong: dict[int, set[int]] = defaultdict(set)
    for s in found:
        near[s.a].add(s.b)
        near[s.b].add(s.a)
        if s.verdict == "link":
            strong[s.a].add(s.b)
            strong[s.b].add(s.a)
    out = []
    for s in found:
        if s.verdict == "link" and s.km is None:
            rival = _rival(strong[s.a], near[s.b], s.b) or _rival(strong[s.b], near[s.a], s.a)
            if rival is not None:
                why = f"place vague and candidate {rival} may be the match"
                s = dataclasses.replace(s, verdict="review", reasons=(*s.reasons, why))
        out.append(s)
    return out


def _rival(strong: set[int], near: set[int], other: int) -> int | None:
    """A strong partner of one side that the other side has no suggestion with."""
    for c in sorted(strong):
        if c != other and c not in near:
            return c
    return None


def _date_key(p: Prepared) -> tuple[float, int]:
    if p.start is None or p.end is None:
        return (math.inf, p.c.id)  # undated ones last
    return ((p.start + p.end) / 2, p.c.id)


def _nearest(keyed: list[Prepared], keys: list[tuple[float, int]], p: Prepared) -> list[Prepared]:
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
