"""Dedupe speed and quality: suggest() + clusters() on 100,000 synthetic candidates.

Builds candidate incidents over 3 years and 20 countries (uniform random points in each
country's rough bounding box, admin1 a 4 x 4 grid over the box; a mix of place precisions,
event types, perpetrators, tolls, some undated or month-long dates), then plants duplicate
groups: 15% of the day-dated incidents (whatever their place precision) get 1-5 copies
from other reports, with the date moved by up to a day (all copies of a group within one
day of each other), the point moved up to 10 km, tolls moved up to 30%, now and then a
vaguer place (admin1 only), a sub-type or a perpetrator left out; each report names a
weapon (by sub-event type) and a target kind on its own, a copy mostly the original's.
Runs suggest() and clusters() on one core and prints time, peak memory, suggestion
counts, and pairwise precision / recall of the "link" pairs (also by how precise the two
places are: a vague pair links only on enough agreeing facts and when it is the one
reading) and of the clusters (the incidents an analyst gets), against the planted groups.
Prints figures, asserts nothing.
Targets: < 30 s, precision and recall >= 0.95.

Run: .venv/bin/python benchmarks/dedupe_speed.py [--incidents 100000] [--seed 7]
     [--link-at 0.63] [--vague-link-at 0.59] [--review-at 0.45]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import random
import resource
import time
import tracemalloc
from collections import Counter

from sitrep.dedupe import (
    LINK_AT,
    REVIEW_AT,
    VAGUE_LINK_AT,
    Candidate,
    Suggestion,
    clusters,
    suggest,
    target_words,
)
from sitrep.models import EVENT_TYPES

# ISO3: (south, west, north, east), rough.
COUNTRIES: dict[str, tuple[float, float, float, float]] = {
    "IRQ": (29.1, 38.8, 37.4, 48.6),
    "SYR": (32.3, 35.7, 37.3, 42.4),
    "YEM": (12.1, 42.5, 19.0, 53.1),
    "AFG": (29.4, 60.5, 38.5, 74.9),
    "PAK": (23.7, 60.9, 37.1, 77.8),
    "NGA": (4.3, 2.7, 13.9, 14.7),
    "MLI": (10.2, -12.2, 25.0, 4.3),
    "BFA": (9.4, -5.5, 15.1, 2.4),
    "NER": (11.7, 0.2, 23.5, 16.0),
    "SOM": (-1.7, 40.9, 12.0, 51.4),
    "SDN": (8.7, 21.8, 22.2, 38.6),
    "SSD": (3.5, 24.1, 12.2, 35.9),
    "COD": (-13.5, 12.2, 5.4, 31.3),
    "CAF": (2.2, 14.4, 11.0, 27.5),
    "ETH": (3.4, 33.0, 14.9, 48.0),
    "UKR": (44.4, 22.1, 52.4, 40.2),
    "MMR": (9.8, 92.2, 28.5, 101.2),
    "COL": (-4.2, -79.0, 12.5, -66.9),
    "MEX": (14.5, -117.1, 32.7, -86.7),
    "LBY": (19.5, 9.3, 33.2, 25.2),
}
GRID = 4
START = dt.date(2022, 1, 1)
DAYS = 3 * 365
TYPE_MIX = {
    "Explosions/Remote violence": 40,
    "Battles": 25,
    "Violence against civilians": 15,
    "Protests": 12,
    "Riots": 5,
    "Strategic developments": 3,
}
PRECISIONS = {"exact": 55, "near": 15, "admin2": 15, "admin1": 12, "country": 3}
# The weapons a report of each sub-event type names, and how often; a report names a
# weapon with probability WEAPON_NAMED (by event type), independently of other reports.
WEAPONS: dict[str, dict[str, int]] = {
    "Air/drone strike": {"airstrike": 6, "drone": 4},
    "Shelling/artillery/missile attack": {"artillery": 4, "rocket": 3, "mortar": 2, "missile": 1},
    "Remote explosive/landmine/IED": {"ied": 6, "landmine": 2, "vehicle_bomb": 2},
    "Suicide bomb": {"suicide_bomb": 7, "vehicle_bomb": 3},
    "Grenade": {"grenade": 1},
    "Armed clash": {"firearm": 8, "mortar": 1, "grenade": 1},
    "Attack": {"firearm": 6, "knife": 2, "arson": 1, "ied": 1},
    "Abduction/forced disappearance": {"firearm": 1},
    "Mob violence": {"knife": 1, "arson": 1, "firearm": 1},
    "Violent demonstration": {"arson": 1},
}
WEAPON_NAMED = {"Explosions/Remote violence": 0.6, "Battles": 0.4}  # others 0.2
# What a report says was hit ("a checkpoint"), named by one report in three; the commoner
# kinds first, weighted 1/rank.
TARGET_KINDS = (
    "village", "checkpoint", "military base", "convoy", "market", "house", "police station",
    "vehicle", "patrol", "camp", "town", "mosque", "school", "road", "army position",
    "hospital", "bus", "farm", "church", "pipeline", "bridge", "airport", "power station",
    "oil field", "headquarters", "wedding", "funeral", "prison", "office", "restaurant",
)  # fmt: skip
TARGET_NAMED = 0.35


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def weapon(rng: random.Random, etype: str, sub: str | None) -> frozenset[str]:
    if sub not in WEAPONS or rng.random() >= WEAPON_NAMED.get(etype, 0.2):
        return frozenset()
    return frozenset({pick(rng, WEAPONS[sub])})


def target(rng: random.Random) -> frozenset[str]:
    if rng.random() >= TARGET_NAMED:
        return frozenset()
    kind = rng.choices(TARGET_KINDS, weights=[1 / k for k in range(1, len(TARGET_KINDS) + 1)])
    return target_words(kind[0])


def admin1_of(iso: str, lat: float, lon: float) -> tuple[str, float, float]:
    """The grid cell holding a point: its name and its centre."""
    s, w, n, e = COUNTRIES[iso]
    row = min(GRID - 1, int((lat - s) / (n - s) * GRID))
    col = min(GRID - 1, int((lon - w) / (e - w) * GRID))
    centre = (s + (row + 0.5) * (n - s) / GRID, w + (col + 0.5) * (e - w) / GRID)
    return f"{iso}-{row}{col}", centre[0], centre[1]


def toll(rng: random.Random, share: float) -> int | None:
    if rng.random() > share:
        return None
    return min(500, int(rng.expovariate(1 / 6)))


def original(rng: random.Random, cid: int, groups: dict[str, list[str]]) -> Candidate:
    iso = rng.choice(list(COUNTRIES))
    s, w, n, e = COUNTRIES[iso]
    lat, lon = rng.uniform(s, n), rng.uniform(w, e)
    admin1, clat, clon = admin1_of(iso, lat, lon)
    precision = pick(rng, PRECISIONS)
    lat_, lon_, admin1_ = place_at(precision, lat, lon, clat, clon, admin1)
    day = START + dt.timedelta(days=rng.randrange(DAYS))
    roll = rng.random()
    start, end = (day, day)
    if roll < 0.03:
        start = end = None
    elif roll < 0.06:
        start, end = day.replace(day=1), day.replace(day=28)
    elif roll < 0.10:
        end = day + dt.timedelta(days=rng.randint(1, 3))
    etype = pick(rng, TYPE_MIX)
    perps = frozenset({rng.choice(groups[iso])}) if rng.random() < 0.5 else frozenset()
    targets = frozenset({rng.choice(groups[iso])}) if rng.random() < 0.15 else frozenset()
    sub = rng.choice(EVENT_TYPES[etype])
    return Candidate(
        cid, frozenset({cid}), start, end, lat_, lon_, precision, admin1_, iso, etype,
        sub, perps, targets - perps, toll(rng, 0.6), toll(rng, 0.4),
        weapon(rng, etype, sub), target(rng),
    )  # fmt: skip


def place_at(
    precision: str, lat: float, lon: float, clat: float, clon: float, admin1: str
) -> tuple[float | None, float | None, str | None]:
    if precision == "admin1":
        return clat, clon, admin1
    if precision == "country":
        return None, None, None
    return lat, lon, admin1


def jitter_point(rng: random.Random, lat: float, lon: float, km: float) -> tuple[float, float]:
    r, angle = km * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
    dlat = r * math.cos(angle) / 111.2
    dlon = r * math.sin(angle) / (111.2 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def jitter_toll(rng: random.Random, value: int | None) -> int | None:
    if value is None or rng.random() < 0.2:
        return None
    return max(0, round(value * rng.uniform(0.7, 1.3)))


def copy_of(
    rng: random.Random, o: Candidate, cid: int, shift: int, lat: float, lon: float
) -> Candidate:
    assert o.date_start is not None and o.date_end is not None
    move = dt.timedelta(days=shift if rng.random() < 0.4 else 0)
    precision = o.place_precision
    plat, plon = o.latitude, o.longitude
    if o.place_precision in ("exact", "near", "admin2"):
        plat, plon = jitter_point(rng, lat, lon, 10.0)
        if rng.random() < 0.08:
            precision = "admin1"
            _name, plat, plon = admin1_of(o.country_code or "", lat, lon)
    sub = o.sub_event_type if rng.random() < 0.85 else None
    perps = o.perpetrators if rng.random() < 0.8 else frozenset()
    # Each report names a weapon or a target on its own; when it does, it is the
    # original's four times in five (else another of the sub-type's: "rocket" for
    # "missile"; another kind of target: "the base" for "the checkpoint at the base").
    arms = weapon(rng, o.event_type or "", o.sub_event_type)
    if arms and o.weapons and rng.random() < 0.8:
        arms = o.weapons
    hit = target(rng)
    if hit and o.target_words and rng.random() < 0.8:
        hit = o.target_words
    return Candidate(
        cid, frozenset({cid}), o.date_start + move, o.date_end + move, plat, plon, precision,
        o.admin1, o.country_code, o.event_type, sub, perps, o.targets,
        jitter_toll(rng, o.killed), jitter_toll(rng, o.injured), arms, hit,
    )  # fmt: skip


def build(count: int, seed: int) -> tuple[list[Candidate], dict[int, int]]:
    """Candidates and the planted truth: candidate id -> group id (its original's id)."""
    rng = random.Random(seed)
    groups = {iso: [f"{iso.lower()}-group-{k}" for k in range(6)] for iso in COUNTRIES}
    out: list[Candidate] = []
    truth: dict[int, int] = {}
    while len(out) < count:
        o = original(rng, len(out) + 1, groups)
        out.append(o)
        truth[o.id] = o.id
        dated = o.date_start is not None and o.date_end == o.date_start
        if not dated or rng.random() >= 0.15:
            continue
        # The true point: copies are within 10 km of it, so within 20 km of each other.
        lat, lon = o.latitude, o.longitude
        if lat is None or lon is None or o.place_precision not in ("exact", "near", "admin2"):
            lat, lon = 0.0, 0.0
        shift = rng.choice((-1, 1))
        for _ in range(rng.randint(1, 5)):
            if len(out) >= count:
                break
            c = copy_of(rng, o, len(out) + 1, shift, lat, lon)
            out.append(c)
            truth[c.id] = o.id
    rng.shuffle(out)
    return out, truth


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def link_quality(
    found: list[Suggestion], truth: dict[int, int], only: set[int] | None = None
) -> tuple[float, float, int]:
    """Precision, recall and count of the "link" pairs (recall over the groups in ``only``)."""
    links = [s for s in found if s.verdict == "link"]
    right = sum(1 for s in links if truth[s.a] == truth[s.b])
    sizes = Counter(truth.values())
    true_pairs = sum(pairs(n) for g, n in sizes.items() if only is None or g in only)
    if only is not None:
        right = sum(1 for s in links if truth[s.a] == truth[s.b] and truth[s.a] in only)
    return right / max(1, len(links)), right / max(1, true_pairs), len(links)


def recall_by_place(
    candidates: list[Candidate], truth: dict[int, int], linked: set[tuple[int, int]]
) -> dict[str, tuple[int, int]]:
    """Linked and total true pairs, by how precise the two places are."""
    members: dict[int, list[Candidate]] = {}
    for c in candidates:
        members.setdefault(truth[c.id], []).append(c)
    out: dict[str, list[int]] = {}
    for group in members.values():
        for x, y in itertools.combinations(sorted(group, key=lambda c: c.id), 2):
            vague = sum(c.place_precision not in ("exact", "near", "admin2") for c in (x, y))
            kind = ("both places precise", "one place vague", "both places vague")[vague]
            tally = out.setdefault(kind, [0, 0])
            tally[0] += (x.id, y.id) in linked
            tally[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def cluster_quality(groups: list[list[int]], truth: dict[int, int]) -> tuple[float, float]:
    predicted = sum(pairs(len(g)) for g in groups)
    right = sum(pairs(n) for g in groups for n in Counter(truth[i] for i in g).values())
    true_pairs = sum(pairs(n) for n in Counter(truth.values()).values())
    return right / max(1, predicted), right / max(1, true_pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--link-at", type=float, default=LINK_AT)
    parser.add_argument("--vague-link-at", type=float, default=VAGUE_LINK_AT)
    parser.add_argument("--review-at", type=float, default=REVIEW_AT)
    args = parser.parse_args()

    candidates, truth = build(args.incidents, args.seed)
    planted = Counter(truth.values())
    print(
        f"{len(candidates):,} candidates, {sum(1 for n in planted.values() if n > 1):,} "
        f"planted groups, {sum(pairs(n) for n in planted.values()):,} true pairs; "
        f"link_at {args.link_at}, vague_link_at {args.vague_link_at}, review_at {args.review_at}"
    )
    reports = {c.id: c.report_ids for c in candidates}
    bars = {"link_at": args.link_at, "vague_link_at": args.vague_link_at}
    bars["review_at"] = args.review_at
    started = time.perf_counter()
    found = suggest(candidates, **bars)
    suggested = time.perf_counter() - started
    groups = clusters(found, (c.id for c in candidates), reports=reports)
    total = time.perf_counter() - started
    # Memory on a second run: tracing slows Python down several times.
    tracemalloc.start()
    again = suggest(candidates, **bars)
    clusters(again, (c.id for c in candidates), reports=reports)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del again

    precision, recall, links = link_quality(found, truth)
    c_precision, c_recall = cluster_quality(groups, truth)
    reviews = len(found) - links
    review_true = sum(1 for s in found if s.verdict == "review" and truth[s.a] == truth[s.b])
    print(f"time:     suggest {suggested:.2f} s, suggest + clusters {total:.2f} s (one core)")
    print(f"memory:   suggest + clusters peak {peak / 1e6:.0f} MB (tracemalloc); process ", end="")
    print(f"ru_maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"suggestions: {len(found):,} ({links:,} link, {reviews:,} review, ", end="")
    print(f"{review_true:,} of the reviews are true pairs)")
    rivals = [s for s in found if s.reasons[-1].endswith("may be the match")]
    print(f"  vague links sent to review for a rival reading: {len(rivals):,} ", end="")
    print(f"({sum(1 for s in rivals if truth[s.a] == truth[s.b]):,} true pairs)")
    print(f"link pairs:    precision {precision:.3f}, recall {recall:.3f}")
    linked = {(s.a, s.b) for s in found if s.verdict == "link"}
    for kind, (right, total) in recall_by_place(candidates, truth, linked).items():
        print(f"  recall, true pairs with {kind}: {right / max(1, total):.3f} of {total:,}")
    print(f"cluster pairs: precision {c_precision:.3f}, recall {c_recall:.3f}")
    true_pairs = sum(pairs(n) for n in planted.values())
    surfaced = sum(1 for s in found if truth[s.a] == truth[s.b])
    print(
        f"true pairs found at all (linked, or queued for an analyst): "
        f"{surfaced / max(1, true_pairs):.3f}"
    )
    print(f"clusters: {len(groups):,}, largest {max(len(g) for g in groups)}")


if __name__ == "__main__":
    main()
