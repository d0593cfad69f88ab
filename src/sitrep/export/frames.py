"""DataFrames of reports and incidents for analysis in pandas.

Input: models from the store. Output: one flat row per report or incident, with
typed columns (dates as datetime64, counts as nullable integers).

    >>> reports_frame([]).columns[:3].tolist()
    ['id', 'url', 'canonical_url']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from sitrep.models import Incident, Report, count_columns

REPORT_COLUMNS = [
    "id",
    "url",
    "canonical_url",
    "title",
    "publisher",
    "author",
    "published",
    "retrieved_at",
    "language",
    "media_type",
    "encoding",
    "source",
    "sha256",
    "size",
]

INCIDENT_COLUMNS = [
    "id",
    "status",
    "grade",
    "event_type",
    "sub_event_type",
    "outcome",
    "weapons",
    "target",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "place",
    "admin1",
    "admin2",
    "country",
    "country_code",
    "latitude",
    "longitude",
    "place_precision",
    "perpetrators",
    "attribution",
    "killed_low",
    "killed_best",
    "killed_high",
    "killed_qualifier",
    "injured_low",
    "injured_best",
    "injured_high",
    "injured_qualifier",
    "confidence",
    "report_ids",
]

_COUNT_COLUMNS = [c for c in INCIDENT_COLUMNS if c.endswith(("_low", "_best", "_high"))]


def reports_frame(reports: Sequence[Report]) -> pd.DataFrame:
    rows = [r.model_dump(include=set(REPORT_COLUMNS)) for r in reports]
    frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    frame["id"] = frame["id"].astype("Int64")
    frame["size"] = frame["size"].astype("Int64")
    frame["retrieved_at"] = pd.to_datetime(frame["retrieved_at"], utc=True)
    return frame


def incident_row(incident: Incident) -> dict[str, Any]:
    """One incident as a flat dict (lists joined with "; ")."""
    date = incident.date
    place = incident.location
    perpetrators = [a for a in incident.actors if a.role == "perpetrator"]
    return {
        "id": incident.id,
        "status": incident.status,
        "grade": incident.grade,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "outcome": incident.outcome,
        "weapons": "; ".join(incident.weapons),
        "target": incident.target,
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_precision": date.precision if date else None,
        "date_text": date.text if date else None,
        "place": place.name if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "country": place.country if place else None,
        "country_code": place.country_code if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "place_precision": place.precision if place else None,
        "perpetrators": "; ".join(a.name for a in perpetrators),
        "attribution": "; ".join(a.attribution or "unknown" for a in perpetrators),
        **count_columns("killed", incident.killed),
        **count_columns("injured", incident.injured),
        "confidence": incident.confidence,
        "report_ids": "; ".join(str(r) for r in incident.report_ids),
    }


def incidents_frame(incidents: Sequence[Incident]) -> pd.DataFrame:
    frame = pd.DataFrame([incident_row(i) for i in incidents], columns=INCIDENT_COLUMNS)
    frame["id"] = frame["id"].astype("Int64")
    for column in _COUNT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    for column in ("date_start", "date_end"):
        frame[column] = pd.to_datetime(frame[column])
    for column in ("latitude", "longitude", "confidence"):
        frame[column] = frame[column].astype("float64")
    return frame
