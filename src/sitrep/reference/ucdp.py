"""UCDP GED rows as reference events.

Input: one row of a UCDP Georeferenced Event Dataset CSV (columns id, date_start,
date_end, date_prec, where_prec, country, adm_1, adm_2, where_coordinates, latitude,
longitude, side_a, side_b, type_of_violence, best, low, high, source_article). Output:
the event's values in Sitrep's vocabulary.

    >>> convert({"id": "300380", "date_start": "2013-01-03", "type_of_violence": "1", ...})
    {'event_id': '300380', 'event_type': 'Battles', ...}

Dates: ``date_start`` and ``date_end`` ("2013-01-03", or with a time after it, as some
releases write them) are kept; ``date_prec`` names the interval: 1 the day ("day"),
2 two to six days ("days"), 3 a week ("week"), 4 up to a month ("month"), 5 more than a
month ("year").
Places: ``where_prec`` 1 is the place itself ("exact"), 2 within 25 km of a known point
("near"), 3 a second-order division ("admin2"), 4 a first-order division ("admin1"),
5 a part of the country larger than that or a linear feature ("region"), 6 the country
("country"), 7 international waters or airspace ("water"). ``adm_1`` and ``adm_2`` lose
their kind ("Idlib governorate" -> "Idlib"), as ACLED and Sitrep write them, so that
provinces can be compared; the row keeps the original.
Event types: UCDP types say who fought, not how, so they map to ACLED's broadest type:
1 state-based and 2 non-state conflict -> "Battles" (no sub-type: an air strike
in a state-based conflict is ACLED's "Explosions/Remote violence", which dedupe treats
as compatible with Battles, sending such pairs to review); 3 one-sided violence ->
"Violence against civilians", "Attack". Deaths: low, best, high as given; UCDP records
no injured.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sitrep.reference.readers import Layout, RowError, coordinate, country_code, text, whole

REQUIRED = (
    "id",
    "date_start",
    "date_end",
    "date_prec",
    "where_prec",
    "country",
    "adm_1",
    "adm_2",
    "where_coordinates",
    "latitude",
    "longitude",
    "side_a",
    "side_b",
    "type_of_violence",
    "best",
    "low",
    "high",
    "source_article",
)

DATE_PREC = {"1": "day", "2": "days", "3": "week", "4": "month", "5": "year"}
WHERE_PREC = {
    "1": "exact",
    "2": "near",
    "3": "admin2",
    "4": "admin1",
    "5": "region",
    "6": "country",
    "7": "water",
}
TYPE_OF_VIOLENCE: dict[str, tuple[str, str | None]] = {
    "1": ("Battles", None),
    "2": ("Battles", None),
    "3": ("Violence against civilians", "Attack"),
}

_KIND = re.compile(
    r"\s+(governorate|province|state|region|district|department|prefecture|oblast|"
    r"county|division|municipality|emirate)$",
    re.IGNORECASE,
)


def _date(value: str, column: str) -> dt.date:
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        why = "" if "isoformat" in str(exc) else f": {exc}"
        raise RowError(f"{column} {value!r} is not a date (2013-01-03){why}") from None


def _division(value: str) -> str | None:
    name = text(value)
    return _KIND.sub("", name) or name if name else None


def convert(row: dict[str, str]) -> dict[str, Any]:
    """One UCDP GED row as a reference event (see the module)."""
    event_id = row["id"].strip()
    if not event_id:
        raise RowError("id is empty")
    start = _date(row["date_start"], "date_start")
    end = _date(row["date_end"], "date_end") if row["date_end"].strip() else start
    if end < start:
        raise RowError(f"date_end {end} is before date_start {start}")
    prec = row["date_prec"].strip()
    if prec and prec not in DATE_PREC:
        raise RowError(f"date_prec {prec!r} is not 1 to 5")
    precision = "day" if start == end else DATE_PREC.get(prec, "days")
    latitude = coordinate(row["latitude"], "latitude", 90)
    longitude = coordinate(row["longitude"], "longitude", 180)
    where = row["where_prec"].strip()
    if where and where not in WHERE_PREC:
        raise RowError(f"where_prec {where!r} is not 1 to 7")
    violence = row["type_of_violence"].strip()
    if violence not in TYPE_OF_VIOLENCE:
        raise RowError(f"type_of_violence {violence!r} is not 1, 2 or 3")
    event_type, sub_event_type = TYPE_OF_VIOLENCE[violence]
    low, best, high = (whole(row[c], c) for c in ("low", "best", "high"))
    country = text(row["country"])
    return {
        "event_id": event_id,
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "country": country,
        "country_code": country_code(country),
        "admin1": _division(row["adm_1"]),
        "admin2": _division(row["adm_2"]),
        "location": text(row["where_coordinates"]),
        "latitude": latitude,
        "longitude": longitude,
        "place_precision": WHERE_PREC.get(where, "unknown") if latitude is not None else "unknown",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": text(row["side_a"]),
        "actor2": text(row["side_b"]),
        "killed_low": low,
        "killed_best": best,
        "killed_high": high,
        "injured": None,
        "source": text(row["source_article"]),
        "notes": text(row.get("where_description", "")),
    }


LAYOUT = Layout("ucdp", REQUIRED, convert)
