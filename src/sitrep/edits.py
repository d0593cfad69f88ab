"""An analyst's edit of one field, as typed ("killed=3-5", "date=2024-01-28..2024-01-29"):
parsed, checked and applied to an incident. Pure: an Incident in, a new Incident out.

    >>> from sitrep.models import Incident
    >>> apply_edit(Incident(), "killed", "3-5").killed.high
    5
    >>> apply_edit(Incident(), "place", "Erbil").location.name
    'Erbil'

The field names are the ones `sitrep incidents set` and the review queue use (FIELDS).
A value that does not fit the field raises InputError saying what would.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import ValidationError

from sitrep.errors import InputError
from sitrep.models import Actor, Count, DateSpan, Incident, Place

# Field -> what a value looks like, for help and error messages.
FIELDS: dict[str, str] = {
    "event_type": "an ACLED event type, e.g. 'Explosions/Remote violence'",
    "sub_event_type": "an ACLED sub-event type, e.g. 'Air/drone strike'",
    "date": "a day (2024-01-29) or an interval (2024-01-28..2024-01-29)",
    "date_precision": "day, days, week, part_of_month, month, year or unknown",
    "place": "the place's name, e.g. Erbil",
    "admin1": "the first-level region, e.g. Anbar",
    "country": "an ISO 3166-1 alpha-3 code, e.g. IRQ",
    "coordinates": "latitude,longitude, e.g. 36.19,44.01 (or 'none')",
    "place_precision": "exact, near, admin2, admin1, region, country, water or unknown",
    "killed": "a number (3), a range (3-5), at least (>=3) or 'none'",
    "injured": "a number (3), a range (3-5), at least (>=3) or 'none'",
    "perpetrator": "the perpetrator's name, e.g. Houthis (or 'none')",
    "attribution": "claimed, attributed_by_official, attributed_by_source, suspected, denied "
    "or unknown (the perpetrator's)",
    "target": "what was hit, in words",
    "weapons": "weapons, comma-separated, e.g. drone,rocket",
    "notes": "free text",
}

# The model attributes each field lives in, for keeping hand-set values on re-derivation.
_HOLDS: dict[str, tuple[str, ...]] = {
    "event_type": ("event_type", "sub_event_type"),
    "sub_event_type": ("sub_event_type",),
    "date": ("date",),
    "date_precision": ("date",),
    "place": ("location",),
    "admin1": ("location",),
    "country": ("location",),
    "coordinates": ("location",),
    "place_precision": ("location",),
    "killed": ("killed",),
    "injured": ("injured",),
    "perpetrator": ("actors",),
    "attribution": ("actors",),
    "target": ("target",),
    "weapons": ("weapons",),
    "notes": ("notes",),
}

_NONE = {"none", "null", "-", ""}


def apply_edit(incident: Incident, field: str, value: str) -> Incident:
    """``incident`` with ``field`` set to the typed ``value``; raises InputError."""
    if field not in FIELDS:
        raise InputError(f"no field {field!r}; fields: {', '.join(FIELDS)}")
    text = value.strip()
    try:
        update = _update(incident, field, text)
        return Incident.model_validate({**incident.model_dump(), **update})
    except (ValueError, ValidationError) as exc:
        reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        raise InputError(f"{field}={value!r}: {reason}; write {FIELDS[field]}") from None


def copy_field(source: Incident, target: Incident, field: str) -> Incident:
    """``target`` with ``field`` as ``source`` has it (a hand-set value kept)."""
    update = {name: getattr(source, name) for name in _HOLDS.get(field, ())}
    return target.model_copy(update=update)


def _update(incident: Incident, field: str, text: str) -> dict[str, Any]:
    lower = text.lower()
    place = (incident.location or Place()).model_dump()
    date = (incident.date or DateSpan()).model_dump()
    if field in ("event_type", "sub_event_type", "target", "notes"):
        new = None if lower in _NONE else text
        if field == "event_type" and new != incident.event_type:
            return {"event_type": new, "sub_event_type": None}
        return {field: new}
    if field == "date":
        return {"date": {**date, **_interval(text)}}
    if field == "date_precision":
        return {"date": {**date, "precision": lower}}
    if field == "place":
        return {"location": {**place, "name": None if lower in _NONE else text}}
    if field == "admin1":
        return {"location": {**place, "admin1": None if lower in _NONE else text}}
    if field == "country":
        code = None if lower in _NONE else text.upper()
        return {"location": {**place, "country_code": code, "country": None}}
    if field == "coordinates":
        lat, lon = _coordinates(lower)
        return {"location": {**place, "latitude": lat, "longitude": lon}}
    if field == "place_precision":
        return {"location": {**place, "precision": lower}}
    if field in ("killed", "injured"):
        return {field: None if lower in _NONE else _count(lower).model_dump()}
    if field == "weapons":
        return {"weapons": [w.strip().lower() for w in text.split(",") if w.strip()]}
    if field == "perpetrator":
        return {"actors": _perpetrator(incident, text)}
    return {"actors": _attribution(incident, lower)}


def _interval(text: str) -> dict[str, Any]:
    start, _, end = text.partition("..")
    first = dt.date.fromisoformat(start.strip())
    last = dt.date.fromisoformat(end.strip()) if end.strip() else first
    if last < first:
        raise ValueError(f"the interval ends ({last}) before it starts ({first})")
    return {"start": first, "end": last, "precision": "day" if first == last else "days"}


def _coordinates(text: str) -> tuple[float | None, float | None]:
    if text in _NONE:
        return None, None
    parts = [p for p in re.split(r"[,\s]+", text) if p]
    if len(parts) != 2:
        raise ValueError("give two numbers")
    return float(parts[0]), float(parts[1])


_COUNT = re.compile(
    r"^(?:(?P<least>>=|≥|at least)\s*(?P<low>\d+)|(?P<a>\d+)\s*(?:-|–|to)\s*(?P<b>\d+)|(?P<n>\d+))$"
)


def _count(text: str) -> Count:
    found = _COUNT.match(text)
    if found is None:
        raise ValueError("not a number, a range or 'at least N'")
    if found.group("least"):
        return Count(low=int(found.group("low")), qualifier="at_least")
    if found.group("n"):
        n = int(found.group("n"))
        return Count(low=n, best=n, high=n)
    low, high = int(found.group("a")), int(found.group("b"))
    return Count(low=low, high=high, qualifier="about")


def _perpetrator(incident: Incident, name: str) -> list[dict[str, Any]]:
    others = [a.model_dump() for a in incident.actors if a.role != "perpetrator"]
    if name.lower() in _NONE:
        return others
    from sitrep.resolve.actors import registry

    entry = registry().lookup(name)
    actor = Actor(
        name=entry.name if entry else name,
        role="perpetrator",
        attribution="unknown",
        actor_id=entry.id if entry else None,
        actor_type=entry.type if entry else None,
        text=name,
    )
    return [actor.model_dump(), *others]


def _attribution(incident: Incident, value: str) -> list[dict[str, Any]]:
    if not any(a.role == "perpetrator" for a in incident.actors):
        raise ValueError("the incident has no perpetrator to attribute; set perpetrator first")
    return [
        {**a.model_dump(), "attribution": value} if a.role == "perpetrator" else a.model_dump()
        for a in incident.actors
    ]
