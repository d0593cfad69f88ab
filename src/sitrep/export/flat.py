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
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

from sitrep.export.common import citation, first_attribution, sources_of, urls_of
from sitrep.export.query import Batch, Record
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


def _names(actors: list[dict[str, Any]]) -> list[str]:
    return [str(a["name"]) for a in actors]


def _floats(values: list[Any]) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


# The columns computed from more than the incident's own value, each by one function of a
# batch of incidents; every other column is the stored value as it is.
COMPUTED: dict[str, Callable[[Batch], list[Any]]] = {
    "latitude": lambda b: _floats(b.columns["latitude"]),
    "longitude": lambda b: _floats(b.columns["longitude"]),
    "perpetrators": lambda b: [_names(p) for p in b.perpetrators()],
    "perpetrator_attributions": lambda b: [
        [str(a["attribution"] or "unknown") for a in p] for p in b.perpetrators()
    ],
    "attribution": lambda b: [first_attribution(p) for p in b.perpetrators()],
    "targets": lambda b: [_names(t) for t in b.targets()],
    "weapons": lambda b: [[str(w) for w in ws or []] for ws in b.columns["weapons"]],
    "confidence": lambda b: _floats(b.columns["confidence"]),
    "report_ids": lambda b: [[int(r["id"]) for r in told] for told in b.reports],
    "sources": lambda b: [sources_of(told) for told in b.reports],
    "citations": lambda b: [[citation(r) for r in told] for told in b.reports],
    "urls": lambda b: [urls_of(told) for told in b.reports],
    "updated_at": lambda b: [as_utc(t) for t in b.columns["updated_at"]],
}
STORED: list[str] = [name for name in COLUMNS if name not in COMPUTED]


def flat(record: Record) -> dict[str, Any]:
    """The incident of ``record`` as one row of :data:`COLUMNS`."""
    found = flat_columns(Batch.of([record]))
    return {name: values[0] for name, values in found.items()}


def flat_columns(batch: Batch) -> dict[str, list[Any]]:
    """:func:`flat` of each incident of a batch, as one list per column (:data:`COLUMNS`
    in order; lists may be the batch's own: do not change them)."""
    out: dict[str, list[Any]] = {}
    none = [None] * len(batch)
    for name in COLUMNS:
        compute = COMPUTED.get(name)
        out[name] = batch.columns.get(name, none) if compute is None else compute(batch)
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
