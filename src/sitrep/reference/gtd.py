"""GTD rows as reference events.

Input: one row of a Global Terrorism Database CSV (columns eventid, iyear, imonth, iday,
approxdate, country_txt, provstate, city, latitude, longitude, specificity,
attacktype1_txt, weaptype1_txt, gname, nkill, nwound, scite1; targtype1_txt,
weapsubtype1_txt, suicide and summary are used when present). Output: the event's
values in Sitrep's vocabulary.

    >>> convert({"eventid": "201701010001", "iyear": "2017", "imonth": "1", "iday": "0", ...})
    {'date_start': datetime.date(2017, 1, 1), 'date_end': datetime.date(2017, 1, 31), ...}

Dates: ``iday`` 0 (day unknown) makes the calendar month ("month"); ``imonth`` 0 too
makes the year ("year"); ``approxdate`` stays in the row.
Places: ``specificity`` 1 is the city itself ("exact"); 2 a city without coordinates,
placed at the centre of its smallest division, and 3 a place outside any city, the
same ("admin2"); 4 the centre of the province ("admin1"); 5 of the country ("country").
Event types, from ``attacktype1_txt`` onto ACLED's taxonomy:

- Bombing/Explosion -> Explosions/Remote violence: "Suicide bomb" when ``suicide`` is 1,
  "Grenade" when the weapon sub-type says grenade, "Shelling/artillery/missile attack"
  for projectiles (rockets, mortars), else "Remote explosive/landmine/IED";
- Armed Assault -> Battles, "Armed clash" when the target is military or police,
  else Violence against civilians, "Attack";
- Assassination, Unarmed Assault -> Violence against civilians, "Attack";
- Hijacking, Hostage Taking (Kidnapping), Hostage Taking (Barricade Incident) ->
  Violence against civilians, "Abduction/forced disappearance";
- Facility/Infrastructure Attack -> Strategic developments, "Looting/property destruction";
- Unknown -> no type.

Deaths: ``nkill`` (it counts perpetrators killed too) as low, best and high; ``nwound``
as injured. The perpetrator group (``gname``) is actor 1.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from sitrep.reference.readers import Layout, RowError, coordinate, country_code, text, whole

REQUIRED = (
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "country_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "attacktype1_txt",
    "weaptype1_txt",
    "gname",
    "nkill",
    "nwound",
    "scite1",
)

SPECIFICITY = {"1": "exact", "2": "admin2", "3": "admin2", "4": "admin1", "5": "country"}
ABDUCTION = ("Violence against civilians", "Abduction/forced disappearance")
ATTACK = ("Violence against civilians", "Attack")
ATTACK_TYPES: dict[str, tuple[str, str] | None] = {
    "Assassination": ATTACK,
    "Unarmed Assault": ATTACK,
    "Hijacking": ABDUCTION,
    "Hostage Taking (Kidnapping)": ABDUCTION,
    "Hostage Taking (Barricade Incident)": ABDUCTION,
    "Facility/Infrastructure Attack": ("Strategic developments", "Looting/property destruction"),
    "Unknown": None,
}
ARMED_TARGETS = frozenset({"Military", "Police"})


def _known(value: str) -> str | None:
    """GTD writes "Unknown" for a province or city it does not know."""
    name = text(value)
    return None if name is None or name.casefold() == "unknown" else name


def _dates(row: dict[str, str]) -> tuple[dt.date, dt.date, str]:
    year = whole(row["iyear"], "iyear")
    month = whole(row["imonth"], "imonth") or 0
    day = whole(row["iday"], "iday") or 0
    if year is None or not 1 <= year <= 9999:
        raise RowError(f"iyear {row['iyear']!r} is not a year")
    if month > 12:
        raise RowError(f"imonth {month} is not a month (1-12, 0 when unknown)")
    if month == 0:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    last = calendar.monthrange(year, month)[1]
    if day == 0:
        return dt.date(year, month, 1), dt.date(year, month, last), "month"
    if day > last:
        raise RowError(f"iday {day} is not a day of {calendar.month_name[month]} {year}")
    day_date = dt.date(year, month, day)
    return day_date, day_date, "day"


def event_type(row: dict[str, str]) -> tuple[str | None, str | None]:
    """ACLED's event type and sub-type for a GTD attack (see the module)."""
    attack = row["attacktype1_txt"].strip()
    if attack == "Bombing/Explosion":
        weapon = row.get("weapsubtype1_txt", "").casefold()
        if row.get("suicide", "").strip() == "1":
            sub = "Suicide bomb"
        elif "grenade" in weapon:
            sub = "Grenade"
        elif "projectile" in weapon:
            sub = "Shelling/artillery/missile attack"
        else:
            sub = "Remote explosive/landmine/IED"
        return "Explosions/Remote violence", sub
    if attack == "Armed Assault":
        if row.get("targtype1_txt", "").strip() in ARMED_TARGETS:
            return "Battles", "Armed clash"
        return ATTACK
    if attack in ATTACK_TYPES:
        return ATTACK_TYPES[attack] or (None, None)
    raise RowError(f"attacktype1_txt {attack!r} is not a GTD attack type")


def convert(row: dict[str, str]) -> dict[str, Any]:
    """One GTD row as a reference event (see the module)."""
    event_id = row["eventid"].strip()
    if not event_id:
        raise RowError("eventid is empty")
    start, end, precision = _dates(row)
    latitude = coordinate(row["latitude"], "latitude", 90)
    longitude = coordinate(row["longitude"], "longitude", 180)
    spec = row["specificity"].strip()
    if spec and spec not in SPECIFICITY:
        raise RowError(f"specificity {spec!r} is not 1 to 5")
    etype, sub = event_type(row)
    killed = whole(row["nkill"], "nkill")
    country = text(row["country_txt"])
    return {
        "event_id": event_id,
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "country": country,
        "country_code": country_code(country),
        "admin1": _known(row["provstate"]),
        "admin2": None,
        "location": _known(row["city"]),
        "latitude": latitude,
        "longitude": longitude,
        "place_precision": SPECIFICITY.get(spec, "unknown") if latitude is not None else "unknown",
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": text(row["gname"]),
        "actor2": None,
        "killed_low": killed,
        "killed_best": killed,
        "killed_high": killed,
        "injured": whole(row["nwound"], "nwound"),
        "source": text(row["scite1"]),
        "notes": text(row.get("summary", "")),
    }


LAYOUT = Layout("gtd", REQUIRED, convert)
