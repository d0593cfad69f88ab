"""Sitrep's incidents against a reference dataset: what each has that the other lacks.

Input: an open Connection, a dataset name ("acled", "ucdp", "gtd"; imported with
:func:`sitrep.reference.import_file`), :class:`sitrep.export.query.Filters` and, when
several versions are stored, the one to use. Output: a :class:`Comparison`: matched
pairs (Sitrep incident, reference event, score, verdict, reasons), the incidents only
Sitrep has, the events only the reference has, and coverage figures overall, by country
and by month.

    >>> c = compare(conn, "acled", Filters(countries=("SOM",)))
    >>> c.overall.reference_share, [m.event_id for m in c.matches]
    (0.5, ['SOM1001'])

Matching is deduplication's (:func:`sitrep.dedupe.suggest`): the same rules block a pair
(country, province, dates more than a day apart, places more than 25 km apart,
incompatible event types) and the same score ranks it. Reference events take negative
ids; every reference event shares one report id and every incident another, so pairs
within one side are blocked and only pairs across sides are scored. Each incident is
matched to at most one event and each event to at most one incident, best score first;
"link" and "review" verdicts both count as matches and are reported apart.

Reference events carry no perpetrators, weapons or target words: their actor names are
spelled their own way ("Military Forces of Israel (2022-)"), and two named perpetrators
that differ would block the pair. Province names are compared by a key without case,
an article or a kind ("Al Mafraq", "Mafraq Governorate" -> "mafraq"); a province name
that only one side uses in a country is taken for another spelling and treated as
unknown, so that it does not block a pair (the distance decides).

Filters: for incidents, :func:`sitrep.store.records.where`; for reference events the
date range, countries, admin1 and event types, alike. When a dataset's event appears
in several imports (a file downloaded twice, regions that overlap), the latest import's
row is used.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sitrep.export.query import Filters

if TYPE_CHECKING:
    import pandas as pd

    from sitrep.dedupe import Candidate
    from sitrep.store import Connection

# The report ids that mark each side (Sitrep's own are positive).
_REFERENCE_SIDE = frozenset({-1})
_SITREP_SIDE = frozenset({-2})

_ARTICLE = re.compile(r"^(al|el|ad|as|ar|an|at|ash|az)[\s\-]+")
_KIND = re.compile(
    r"\s+(governorate|province|state|region|district|department|prefecture|oblast|county|"
    r"division|municipality|emirate|wilayah|vilayet)$"
)


@dataclass(frozen=True)
class Match:
    """A Sitrep incident and the reference event that is the same incident."""

    incident_id: int
    code: str | None
    event_id: str
    score: float
    verdict: str  # "link" or "review"
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    """How much of each side the other has, for one group (all, a country, a month)."""

    reference_total: int = 0
    reference_matched: int = 0
    sitrep_total: int = 0
    sitrep_matched: int = 0

    @property
    def reference_share(self) -> float | None:
        """The share of reference events that Sitrep has; None when there are none."""
        return _share(self.reference_matched, self.reference_total)

    @property
    def sitrep_share(self) -> float | None:
        """The share of Sitrep's incidents that the reference has; None when none."""
        return _share(self.sitrep_matched, self.sitrep_total)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass
class Comparison:
    """What :func:`compare` found (see the module)."""

    dataset: str
    versions: list[str]
    filters: Filters
    matches: list[Match]
    only_sitrep: list[tuple[int, str | None]]  # (incident id, code)
    only_reference: list[str]  # event ids
    overall: Coverage
    by_country: dict[str, Coverage]  # ISO alpha-3, or "unknown"
    by_month: dict[str, Coverage]  # "2024-01", or "unknown"
    incidents: dict[int, dict[str, Any]] = field(default_factory=dict, repr=False)
    events: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    @property
    def links(self) -> list[Match]:
        return [m for m in self.matches if m.verdict == "link"]

    @property
    def reviews(self) -> list[Match]:
        return [m for m in self.matches if m.verdict == "review"]

    def to_frame(self) -> dict[str, pd.DataFrame]:
        """DataFrames: "matches", "only_sitrep", "only_reference" and "coverage" (one row
        per group: overall, each country, each month)."""
        import pandas as pd

        matches = pd.DataFrame(
            [
                {
                    "incident_id": m.incident_id,
                    "code": m.code,
                    "event_id": m.event_id,
                    "score": m.score,
                    "verdict": m.verdict,
                    "reasons": "; ".join(m.reasons),
                }
                for m in self.matches
            ],
            columns=["incident_id", "code", "event_id", "score", "verdict", "reasons"],
        )
        sitrep_cols = ["id", "code", "date_start", "country_code", "admin1", "event_type"]
        only_sitrep = pd.DataFrame(
            [{k: self.incidents[i].get(k) for k in sitrep_cols} for i, _ in self.only_sitrep],
            columns=sitrep_cols,
        )
        ref_cols = ["event_id", "date_start", "country_code", "admin1", "location", "event_type"]
        only_reference = pd.DataFrame(
            [{k: self.events[e].get(k) for k in ref_cols} for e in self.only_reference],
            columns=ref_cols,
        )
        groups = [("overall", "all", self.overall)]
        groups += [("country", k, v) for k, v in self.by_country.items()]
        groups += [("month", k, v) for k, v in self.by_month.items()]
        coverage = pd.DataFrame(
            [
                {
                    "by": by,
                    "group": key,
                    "reference_total": c.reference_total,
                    "reference_matched": c.reference_matched,
                    "reference_share": c.reference_share,
                    "sitrep_total": c.sitrep_total,
                    "sitrep_matched": c.sitrep_matched,
                    "sitrep_share": c.sitrep_share,
                }
                for by, key, c in groups
            ]
        )
        return {
            "matches": matches,
            "only_sitrep": only_sitrep,
            "only_reference": only_reference,
            "coverage": coverage,
        }


def compare(
    conn: Connection, dataset: str, filters: Filters | None = None, *, version: str | None = None
) -> Comparison:
    """Sitrep's incidents against ``dataset``'s events (see the module)."""
    from sitrep.dedupe import suggest
    from sitrep.store.reference import event_rows, import_versions, incident_rows

    filters = filters or Filters()
    import_ids, versions = import_versions(conn, dataset, version)
    mine = incident_rows(conn, filters)
    theirs = event_rows(conn, dataset, import_ids, filters)
    refs = list(theirs.values())
    shared = _shared_provinces(mine.values(), refs)
    candidates = [_incident_candidate(r, shared) for r in mine.values()]
    candidates += [_event_candidate(r, shared) for r in refs]
    by_ref_id = {-int(r["id"]): r["event_id"] for r in refs}
    matches: list[Match] = []
    taken_incidents: set[int] = set()
    taken_events: set[str] = set()
    for s in suggest(candidates):  # best first
        if not (s.a < 0 < s.b):
            continue  # both on one side: cannot happen, the side markers block them
        event_id = by_ref_id[s.a]
        if s.b in taken_incidents or event_id in taken_events:
            continue
        taken_incidents.add(s.b)
        taken_events.add(event_id)
        code = mine[s.b]["code"]
        matches.append(Match(s.b, code, event_id, s.score, s.verdict, s.reasons))
    only_sitrep = [(i, r["code"]) for i, r in mine.items() if i not in taken_incidents]
    only_reference = [e for e in theirs if e not in taken_events]
    overall, by_country, by_month = _coverage(mine, theirs, taken_incidents, taken_events)
    return Comparison(
        dataset=dataset,
        versions=versions,
        filters=filters,
        matches=matches,
        only_sitrep=only_sitrep,
        only_reference=only_reference,
        overall=overall,
        by_country=by_country,
        by_month=by_month,
        incidents=mine,
        events=theirs,
    )


def admin1_key(name: str | None) -> str | None:
    """A province name for comparing: casefolded, without a leading article or a trailing
    kind ("Al-Anbar Governorate" -> "anbar")."""
    if not name:
        return None
    key = " ".join(name.casefold().replace("'", "").replace("\u2019", "").split())
    key = _KIND.sub("", _ARTICLE.sub("", key))
    return key or None


def _first(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def _shared_provinces(
    mine: Iterable[dict[str, Any]], theirs: Iterable[dict[str, Any]]
) -> set[tuple[str | None, str]]:
    """The (country, province key) pairs both sides use. A province name only one side
    uses ("Middle Shabelle" against "Shabeellaha Dhexe") is another spelling more often
    than another province: it is treated as unknown, and the distance decides."""
    ours = {(r["country_code"], k) for r in mine if (k := admin1_key(r["admin1"]))}
    other = {(r["country_code"], k) for r in theirs if (k := admin1_key(r["admin1"]))}
    return ours & other


def _province(r: dict[str, Any], shared: set[tuple[str | None, str]]) -> str | None:
    key = admin1_key(r["admin1"])
    return key if (r["country_code"], key) in shared else None


def _incident_candidate(r: dict[str, Any], shared: set[tuple[str | None, str]]) -> Candidate:
    from sitrep.dedupe import target_words

    weapons, words = frozenset(r["weapons"] or ()), target_words(r["target"])
    injured = _first(r["injured_best"], r["injured_low"])
    return _candidate(r, shared, int(r["id"]), _SITREP_SIDE, injured, weapons, words)


def _event_candidate(r: dict[str, Any], shared: set[tuple[str | None, str]]) -> Candidate:
    return _candidate(r, shared, -int(r["id"]), _REFERENCE_SIDE, r["injured"])


def _candidate(
    r: dict[str, Any],
    shared: set[tuple[str | None, str]],
    cid: int,
    side: frozenset[int],
    injured: int | None,
    weapons: frozenset[str] = frozenset(),
    words: frozenset[str] = frozenset(),
) -> Candidate:
    """An incident or a reference event as dedupe sees it: no perpetrators or targets
    (the two sides spell actors differently, and different names would block a match)."""
    from sitrep.dedupe import Candidate

    return Candidate(
        id=cid,
        report_ids=side,
        date_start=r["date_start"],
        date_end=r["date_end"],
        latitude=r["latitude"],
        longitude=r["longitude"],
        place_precision=r["place_precision"],
        admin1=_province(r, shared),
        country_code=r["country_code"],
        event_type=r["event_type"],
        sub_event_type=r["sub_event_type"],
        perpetrators=frozenset(),
        targets=frozenset(),
        killed=_first(r["killed_best"], r["killed_low"]),
        injured=injured,
        weapons=weapons,
        target_words=words,
    )


def _month(row: dict[str, Any]) -> str:
    start = row["date_start"]
    return f"{start:%Y-%m}" if start is not None else "unknown"


def _coverage(
    mine: dict[int, dict[str, Any]],
    theirs: dict[str, dict[str, Any]],
    matched_incidents: set[int],
    matched_events: set[str],
) -> tuple[Coverage, dict[str, Coverage], dict[str, Coverage]]:
    tallies: dict[str, Counter[tuple[str, str]]] = {"country": Counter(), "month": Counter()}

    def tally(rows: Iterable[tuple[dict[str, Any], bool]], side: str) -> None:
        for row, matched in rows:
            for by, key in (("country", row["country_code"] or "unknown"), ("month", _month(row))):
                tallies[by][(key, f"{side}_total")] += 1
                if matched:
                    tallies[by][(key, f"{side}_matched")] += 1

    tally(((r, i in matched_incidents) for i, r in mine.items()), "sitrep")
    tally(((r, e in matched_events) for e, r in theirs.items()), "reference")
    groups: dict[str, dict[str, Coverage]] = {}
    for by, counts in tallies.items():
        keys = sorted({key for key, _ in counts}, key=lambda k: (k == "unknown", k))
        groups[by] = {
            key: Coverage(
                reference_total=counts[(key, "reference_total")],
                reference_matched=counts[(key, "reference_matched")],
                sitrep_total=counts[(key, "sitrep_total")],
                sitrep_matched=counts[(key, "sitrep_matched")],
            )
            for key in keys
        }
    overall = Coverage(
        reference_total=len(theirs),
        reference_matched=len(matched_events),
        sitrep_total=len(mine),
        sitrep_matched=len(matched_incidents),
    )
    return overall, groups["country"], groups["month"]
