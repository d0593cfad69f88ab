"""One incident as one flat row of typed values: what the GeoJSON, JSON Lines, Parquet and
Datasette exports all write.

Input: a :class:`~sitrep.export.query.Record`. Output: a dict whose keys are
:data:`COLUMNS`, in order, each value of the column's kind (``str``, ``int``,
``float``, ``date``, ``timestamp``, ``strlist``, ``intlist``) or None when the store has
no value. Formats that nest (GeoJSON, JSON Lines) add the report and evidence lists of
:func:`report_items` and :func:`evidence_items`; formats that cannot hold dates turn
them into ISO text with :func:`json_values`. Pure.

    >>> row = flat(record)
    >>> row["code"], row["date_start"], row["perpetrators"], row["killed_best"]
    ('IRQ-2024-000012', datetime.date(2024, 1, 28), ['Islamic Resistance in Iraq'], 3)

``independent_sources`` is the store's count for an incident drawn from several reports
(syndicated copies once), 1 for one drawn from one report (see sitrep.export.query).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from sitrep.export.common import (
    attribution,
    citation,
    perpetrators,
    sources,
    targets,
    urls,
)
from sitrep.export.query import Record
from sitrep.store.db import as_utc

Kind = Literal["str", "int", "float", "date", "timestamp", "strlist", "intlist"]

# Column name -> kind, in the order every export writes them.
COLUMNS: dict[str, Kind] = {
    "id": "int",
    "code": "str",
    "status": "str",
    "grade": "str",
    "event_type": "str",
    "sub_event_type": "str",
    "outcome": "str",
    "date_start": "date",
    "date_end": "date",
    "date_precision": "str",
    "date_text": "str",
    "place_name": "str",
    "admin1": "str",
    "admin2": "str",
    "country": "str",
    "country_code": "str",
    "latitude": "float",
    "longitude": "float",
    "place_precision": "str",
    "place_text": "str",
    "perpetrators": "strlist",
    "perpetrator_attributions": "strlist",
    "attribution": "str",
    "targets": "strlist",
    "target": "str",
    "weapons": "strlist",
    "killed_low": "int",
    "killed_best": "int",
    "killed_high": "int",
    "killed_qualifier": "str",
    "injured_low": "int",
    "injured_best": "int",
    "injured_high": "int",
    "injured_qualifier": "str",
    "confidence": "float",
    "independent_sources": "int",
    "report_ids": "intlist",
    "sources": "strlist",
    "citations": "strlist",
    "urls": "strlist",
    "notes": "str",
    "version": "int",
    "updated_at": "timestamp",
}

# What each column holds, for a dataset's documentation (Datasette's column descriptions).
DESCRIPTIONS: dict[str, str] = {
    "id": "Sitrep's row id of the incident",
    "code": "Stable incident code, country-year-number (XXX when the country is unknown)",
    "status": "candidate, confirmed, rejected or merged",
    "grade": "confirmed, fair, weak, contested or single-source",
    "event_type": "ACLED event type",
    "sub_event_type": "ACLED sub-event type",
    "date_start": "First day the incident may have happened (ISO 8601)",
    "date_end": "Last day the incident may have happened (ISO 8601)",
    "date_precision": "How precise the date is: day, days, week, part_of_month, month, year "
    "or unknown",
    "place_precision": "How precise the place is: exact, near, admin2, admin1, region, "
    "country, water or unknown",
    "latitude": "WGS84 latitude of the place",
    "longitude": "WGS84 longitude of the place",
    "perpetrators": "Who did it, as a JSON list of names",
    "perpetrator_attributions": "How each perpetrator is tied to it (same order)",
    "attribution": "How the first perpetrator is tied to it",
    "targets": "Actors it was aimed at or hurt (JSON list)",
    "killed_best": "Best figure of people killed",
    "injured_best": "Best figure of people injured",
    "independent_sources": "Independent sources telling it (syndicated copies once)",
    "citations": "Its reports as citations (JSON list)",
    "urls": "Its reports' URLs (JSON list)",
}


def flat(record: Record) -> dict[str, Any]:
    """The incident of ``record`` as one row of :data:`COLUMNS`."""
    row = record.row
    doers = perpetrators(record)
    out: dict[str, Any] = {name: row.get(name) for name in COLUMNS}
    out.update(
        {
            "latitude": _float(row["latitude"]),
            "longitude": _float(row["longitude"]),
            "perpetrators": [str(a["name"]) for a in doers],
            "perpetrator_attributions": [str(a["attribution"] or "unknown") for a in doers],
            "attribution": attribution(record),
            "targets": [str(a["name"]) for a in targets(record)],
            "weapons": [str(w) for w in row["weapons"] or []],
            "confidence": _float(row["confidence"]),
            "report_ids": [int(r["id"]) for r in record.reports],
            "sources": sources(record),
            "citations": [citation(r) for r in record.reports],
            "urls": urls(record),
            "updated_at": as_utc(row["updated_at"]),
        }
    )
    return out


def report_items(record: Record) -> list[dict[str, Any]]:
    """Its reports' metadata (id, url, title, publisher, author, published, original_id),
    each with its citation."""
    return [{**report, "citation": citation(report)} for report in record.reports]


def evidence_items(record: Record, keys: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Its evidence spans (field, quote, report_id, start, end, page), or only ``keys``
    of each."""
    if keys is None:
        return [dict(span) for span in record.evidence]
    wanted = tuple(keys)
    return [{k: span.get(k) for k in wanted} for span in record.evidence]


def json_values(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with dates and times as ISO 8601 text, ready for ``json.dumps``."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}


# Line breaks that JSON leaves unescaped but line readers (str.splitlines) split on.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(value: Any) -> str:
    """``value`` as JSON on one line, UTF-8 text kept as it is (Arabic stays Arabic)."""
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS)


def batched(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """``records`` in lists of at most ``size``, read lazily."""
    if size < 1:
        raise ValueError(f"batch size {size} is not positive")
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
