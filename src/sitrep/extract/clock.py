"""Clock times with a time zone, and the local day they fall on.

Military and government releases often give the hour in their own zone: "at 8:45 p.m.
(EST) on Dec. 25" from a command in the United States is early on Dec. 26 in Iraq. Coders
record the local date of the place where the act happened, so an act whose clock time
names a zone is moved to the day that time is in the country of the act.

Input: the text of a sentence. Output: ``ClockTime`` mentions (hour, minute, zone).
``local_shift(clock, day, country)`` is the number of days (-1, 0 or +1) between the
day as written in the clock's zone and the same instant in the country's own zone.

    >>> [(c.hour, c.minute, c.zone) for c in find_clocks("at 8:45 p.m. (EST) on Dec. 25")]
    [(20, 45, 'America/New_York')]

A zone is read from an abbreviation (EST, GMT, UTC, "Arabia Standard Time") or from "X
time" where X is a city or country with one zone ("Sanaa time", "Gaza time"). The
country of the act must have a single zone (tzdata's zone.tab); otherwise nothing moves.
Zone rules come from the bundled tzdata package, so summer time is applied as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Fixed zones as written in releases. "AST" in Middle East releases is Arabia Standard
# Time (UTC+3), which is how U.S. commands in the region use it.
_ABBREVIATIONS: dict[str, str] = {
    "est": "Etc/GMT+5",
    "edt": "Etc/GMT+4",
    "et": "America/New_York",
    "eastern time": "America/New_York",
    "eastern standard time": "Etc/GMT+5",
    "eastern daylight time": "Etc/GMT+4",
    "cst": "Etc/GMT+6",
    "cdt": "Etc/GMT+5",
    "pst": "Etc/GMT+8",
    "pdt": "Etc/GMT+7",
    "gmt": "Etc/UTC",
    "utc": "Etc/UTC",
    "zulu": "Etc/UTC",
    "z": "Etc/UTC",
    "ast": "Etc/GMT-3",
    "arabia standard time": "Etc/GMT-3",
    "arabian standard time": "Etc/GMT-3",
    "eat": "Etc/GMT-3",
    "east africa time": "Etc/GMT-3",
    "cet": "Etc/GMT-1",
    "eet": "Etc/GMT-2",
}
# Places whose name in "X time" names a zone, beyond countries with a single zone.
_PLACES: dict[str, str] = {
    "sanaa": "Asia/Aden",
    "aden": "Asia/Aden",
    "baghdad": "Asia/Baghdad",
    "damascus": "Asia/Damascus",
    "beirut": "Asia/Beirut",
    "gaza": "Asia/Gaza",
    "jerusalem": "Asia/Jerusalem",
    "tel aviv": "Asia/Jerusalem",
    "israel": "Asia/Jerusalem",
    "tehran": "Asia/Tehran",
    "kabul": "Asia/Kabul",
    "mogadishu": "Africa/Mogadishu",
    "kyiv": "Europe/Kyiv",
    "kiev": "Europe/Kyiv",
    "moscow": "Europe/Moscow",
    "washington": "America/New_York",
    "local": "",
}
_HOUR = (
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?!\w)"
    r"|(?P<hh>[0-2]\d)(?P<mm>[0-5]\d)(?:\s*(?:hours|hrs|h))?"
)
_ZONE_WORDS = "|".join(
    re.escape(k) for k in sorted((*_ABBREVIATIONS, *_PLACES), key=len, reverse=True)
)
_CLOCK = re.compile(
    rf"\b(?=\d)(?:{_HOUR})\s*(?:\(\s*)?(?P<zone>(?:{_ZONE_WORDS})(?:\s+time)?)\b(?:\s*\))?",
    re.IGNORECASE,
)

# A time given in another zone in brackets after the local one: "at 2230 [0230 GMT".
_CONVERSION = re.compile(
    r"(?:\b\d{3,4}|\d[.:]\d\d|[ap]\.?m\.?)(?:\s+(?:hours|on\s+\d{1,2}\s+\w+))?\s*[\[(]\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ClockTime:
    start: int
    end: int
    hour: int
    minute: int
    zone: str


def find_clocks(text: str, start: int = 0, end: int | None = None) -> list[ClockTime]:
    """Clock times that name their zone in ``text[start:end]`` (absolute offsets)."""
    out = []
    for m in _CLOCK.finditer(text, start, len(text) if end is None else end):
        written = re.sub(r"\s+", " ", m.group("zone").lower())
        zone_word = written if written in _ABBREVIATIONS else re.sub(r" time$", "", written)
        bare_abbreviation = zone_word in _ABBREVIATIONS and " " not in zone_word
        if zone_word in _PLACES and not m.group("zone").lower().endswith("time"):
            continue  # "at 4 p.m. Sanaa" without "time" is a place, not a zone
        if bare_abbreviation and not m.group("zone").isupper() and "(" not in m.group():
            continue  # "at 9 a.m. est." is not written; "et" and "z" are words
        zone = _ABBREVIATIONS.get(zone_word) or _PLACES.get(zone_word)
        if not zone:
            continue
        if m.group("h"):
            hour, minute = int(m.group("h")) % 12, int(m.group("m") or 0)
            if m.group("ampm").lower().startswith("p"):
                hour += 12
        else:
            hour, minute = int(m.group("hh")), int(m.group("mm"))
        if hour > 23 or minute > 59:
            continue
        if _CONVERSION.search(text, max(0, m.start() - 30), m.start()):
            continue  # "AT 2100 ON 15 JANUARY [0100 GMT ON 16 JAN]": the local time came first
        out.append(ClockTime(m.start(), m.end(), hour, minute, zone))
    return out


@cache
def _country_zones() -> dict[str, str]:
    """ISO3 code -> IANA zone, for countries with exactly one zone in tzdata's zone.tab."""
    alpha2 = {}
    countries = resources.files("sitrep.data").joinpath("countries.tsv").read_text("utf-8")
    for line in countries.splitlines()[1:]:
        code3, code2, *_ = line.split("\t")
        alpha2[code2] = code3
    zones: dict[str, list[str]] = {}
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    for line in table.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code2, _coords, zone, *_ = line.split("\t")
        zones.setdefault(code2, []).append(zone)
    return {
        alpha2[code2]: names[0]
        for code2, names in zones.items()
        if len(names) == 1 and code2 in alpha2
    }


def country_zone(country_code: str | None) -> str | None:
    return _country_zones().get(country_code or "")


def local_shift(clock: ClockTime, day: dt.date, country_code: str | None) -> int:
    """Days between ``day`` at the clock's time in its zone and the same instant locally."""
    local = country_zone(country_code)
    if local is None:
        return 0
    try:
        written = dt.datetime(day.year, day.month, day.day, clock.hour, clock.minute)
        instant = written.replace(tzinfo=ZoneInfo(clock.zone))
        there = instant.astimezone(ZoneInfo(local))
    except (ZoneInfoNotFoundError, ValueError):
        return 0
    return (there.date() - day).days
