"""The JSON interface of ``sitrep extract`` (see extract-contract.md), line by line.

Input: one JSON object per line (``id``, ``text``, optional ``published``, ``title``,
``url``, ``publisher``, ``language``). Output: one JSON object per input line, in
the same order: ``{"id", "incidents", "aggregates", "error"}``. A line that is
not valid JSON, or lacks ``id``/``text``, gets ``error`` set and no incidents.

    >>> out = extract_line('{"id": "a", "text": "Gunmen killed two people yesterday."}')
    >>> out["id"], len(out["incidents"]), out["error"]
    ('a', 1, None)

Fields may be added to this format; none renamed or removed without a version bump.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Any

from sitrep.models import AggregateStatement, Count, DateSpan, Incident, Place, Span

CONTRACT_VERSION = "1"
# Lines are sent to worker processes in chunks: fewer round trips, same order.
_CHUNK = 16


def extract_line(line: str) -> dict[str, Any]:
    """Parse one input line and extract it; never raises."""
    try:
        doc = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(None, f"line is not valid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(doc, dict):
        return _error(None, "line is not a JSON object")
    doc_id = doc.get("id")
    if doc_id is None or not isinstance(doc_id, str | int):
        return _error(None, "missing required field 'id' (a string)")
    text = doc.get("text")
    if not isinstance(text, str):
        return _error(str(doc_id), "missing required field 'text' (a string)")
    # title, url, publisher and language are accepted and not read yet: the text and
    # its publication date carry what extraction uses.
    return extract_document(str(doc_id), text, published=_str(doc.get("published")))


def extract_document(doc_id: str, text: str, *, published: str | None = None) -> dict[str, Any]:
    """Extract one document into the contract's output object; errors become ``error``."""
    from sitrep.extract.incidents import extract
    from sitrep.models import normalise_published

    if published is not None:
        try:
            published = normalise_published(published)
        except ValueError as exc:
            return _error(doc_id, str(exc))
    try:
        found = extract(text, published=published)
    except Exception as exc:  # one bad document must not stop a batch
        return _error(doc_id, f"extraction failed: {type(exc).__name__}: {exc}")
    return {
        "id": doc_id,
        "incidents": [incident_to_contract(i) for i in found.incidents],
        "aggregates": [aggregate_to_contract(a) for a in found.aggregates],
        "error": None,
    }


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _error(doc_id: str | None, message: str) -> dict[str, Any]:
    return {"id": doc_id, "incidents": [], "aggregates": [], "error": message}


def extract_lines(lines: Iterable[str], workers: int = 1) -> Iterator[dict[str, Any]]:
    """Extract every line, in input order, over ``workers`` processes."""
    if workers <= 1:
        for line in lines:
            yield extract_line(line)
        return
    # Executor.map would read the whole input first; batches keep memory flat.
    batch_size = workers * _CHUNK * 4
    iterator = iter(lines)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        while batch := list(islice(iterator, batch_size)):
            yield from pool.map(extract_line, batch, chunksize=_CHUNK)


def _count(count: Count | None) -> dict[str, Any] | None:
    return None if count is None else count.model_dump()


def _date(date: DateSpan | None) -> dict[str, Any] | None:
    if date is None:
        return None
    return {
        "start": None if date.start is None else date.start.isoformat(),
        "end": None if date.end is None else date.end.isoformat(),
        "precision": date.precision,
        "text": date.text,
        # The day relative words were counted from (publication date or dateline).
        "anchor": None if date.anchor is None else date.anchor.isoformat(),
    }


def _location(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return place.model_dump(exclude={"gazetteer_id"})


def _evidence(spans: list[Span]) -> list[dict[str, Any]]:
    return [{"field": s.field, "start": s.start, "end": s.end, "quote": s.quote} for s in spans]


def incident_to_contract(incident: Incident) -> dict[str, Any]:
    """An Incident as the contract's incident object."""
    return {
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "outcome": incident.outcome,
        "weapons": list(incident.weapons),
        "target": incident.target,
        "date": _date(incident.date),
        "location": _location(incident.location),
        "location_candidates": [_location(p) for p in incident.location_candidates],
        "actors": [a.model_dump(exclude_none=True, exclude={"actor_id"}) for a in incident.actors],
        "killed": _count(incident.killed),
        "injured": _count(incident.injured),
        "casualties": [c.model_dump() for c in incident.casualties],
        "confidence": incident.confidence,
        "evidence": _evidence(incident.evidence),
    }


def aggregate_to_contract(statement: AggregateStatement) -> dict[str, Any]:
    return {
        "metric": statement.metric,
        "value": statement.value.model_dump(),
        "period": _date(statement.period),
        "actors": [a.model_dump(exclude_none=True) for a in statement.actors],
        "weapons": list(statement.weapons),
        "targets_text": statement.targets_text,
        "location": None if statement.location is None else statement.location.model_dump(),
        "evidence": _evidence(statement.evidence),
    }
