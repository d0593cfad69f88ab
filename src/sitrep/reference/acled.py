"""ACLED rows as reference events.

Input: one row of an ACLED export (columns event_id_cnty, event_date, time_precision,
event_type, sub_event_type, actor1, actor2, country, admin1, admin2, location, latitude,
longitude, geo_precision, source, notes, fatalities; upper-case names, as older exports
have them, are read too). Output: the event's values in Sitrep's vocabulary.

    >>> convert({"event_date": "28 January 2024", "time_precision": "1", ...})["date_start"]
    datetime.date(2024, 1, 28)

Dates: ``event_date`` as "2024-01-28" (the API and recent exports) or "28 January 2024"
(older exports). ``time_precision`` 1 is the day itself; 2 means the source gave the
week, coded to a day of it, so the event gets the seven days around that day ("week");
3 means only the month is known: the calendar month ("month").
Places: ``geo_precision`` 1 is the town itself ("exact"), 2 a place near the town or a
small part of a region coded to a town ("near"), 3 a larger region coded to its capital
or centre ("admin1"). Event types are ACLED's own, the taxonomy Sitrep uses.
Fatalities are one figure: low, best and high alike; ACLED records no injured.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from sitrep.reference.readers import Layout, RowError, coordinate, country_code, text, whole

REQUIRED = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)

GEO_PRECISION = {"1": "exact", "2": "near", "3": "admin1"}
# Older exports spell one sub-event type otherwise than ACLED (and Sitrep) do now.
SUB_EVENT_SPELLING = {"Excessive force against protestors": "Excessive force against protesters"}

_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}


def event_date(value: str) -> dt.date:
    """ "2024-01-28" or "28 January 2024"."""
    value = value.strip()
    parts = value.split("-") if len(value) == 10 and value[4] == "-" else value.split()
    try:
        if "-" in value:
            year, month, day = (int(p) for p in parts)
        else:
            day_text, month_name, year_text = parts
            year, month, day = int(year_text), _MONTHS[month_name.casefold()], int(day_text)
    except (ValueError, KeyError):
        raise RowError(
            f"event_date {value!r} is not a date (2024-01-28 or 28 January 2024)"
        ) from None
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise RowError(f"event_date {value!r} is not a date: {exc}") from None


def _interval(day: dt.date, precision: str) -> tuple[dt.date, dt.date, str]:
    if precision in ("1", ""):
        return day, day, "day"
    if precision == "2":
        return day - dt.timedelta(days=3), day + dt.timedelta(days=3), "week"
    if precision == "3":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last), "month"
    raise RowError(f"time_precision {precision!r} is not 1, 2 or 3")


def convert(row: dict[str, str]) -> dict[str, Any]:
    """One ACLED row as a reference event (see the module)."""
    event_id = row["event_id_cnty"].strip()
    if not event_id:
        raise RowError("event_id_cnty is empty")
    start, end, precision = _interval(event_date(row["event_date"]), row["time_precision"].strip())
    latitude = coordinate(row["latitude"], "latitude", 90)
    longitude = coordinate(row["longitude"], "longitude", 180)
    geo = row["geo_precision"].strip()
    if geo and geo not in GEO_PRECISION:
        raise RowError(f"geo_precision {geo!r} is not 1, 2 or 3")
    place = GEO_PRECISION.get(geo, "unknown") if latitude is not None else "unknown"
    fatalities = whole(row["fatalities"], "fatalities")
    country = text(row["country"])
    code = country_code(country)
    if code is None:
        # The id starts with the country's ISO alpha-3 code ("IRQ12345").
        code = country_code(event_id.rstrip("0123456789")) if country else None
    sub = text(row["sub_event_type"])
    return {
        "event_id": event_id,
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "country": country,
        "country_code": code,
        "admin1": row["admin1"].strip() or None,
        "admin2": row["admin2"].strip() or None,
        "location": row["location"].strip() or None,
        "latitude": latitude,
        "longitude": longitude,
        "place_precision": place,
        "event_type": row["event_type"].strip() or None,
        "sub_event_type": SUB_EVENT_SPELLING.get(sub, sub) if sub else None,
        "actor1": row["actor1"].strip() or None,
        "actor2": row["actor2"].strip() or None,
        "killed_low": fatalities,
        "killed_best": fatalities,
        "killed_high": fatalities,
        "injured": None,
        "source": row["source"].strip() or None,
        "notes": row["notes"].strip() or None,
    }


LAYOUT = Layout("acled", REQUIRED, convert)
