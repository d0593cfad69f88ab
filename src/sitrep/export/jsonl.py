"""Incidents as JSON Lines: one incident per line, with its actors, reports and evidence.

Input: Records from :func:`sitrep.export.query.iter_records` (with evidence, to get the
quotes) and the dataset's :class:`~sitrep.export.common.Meta`. Output: UTF-8 text, one
JSON object per line: the flat values of :func:`sitrep.export.flat.flat` (dates as ISO
8601 text), then ``actors`` (every actor with role and attribution), ``reports`` (report
metadata with a ``citation``) and ``evidence`` (field, quote, report_id, start, end,
page). Written one incident at a time; nothing is held but the current line.

    >>> with open("incidents.jsonl", "w", encoding="utf-8") as out:
    ...     write(iter_records(conn, Filters(), with_evidence=True), out, Meta())
    24

This is the incidents export. The dataset's metadata is not a line of its own (every
line is an incident); the caller can put ``meta.as_dict()`` in a file beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from sitrep.export.common import Meta
from sitrep.export.flat import dumps, evidence_items, flat, json_values, report_items
from sitrep.export.query import Record

ACTOR_KEYS = ("name", "role", "attribution", "actor_id", "actor_type", "claimant", "claim_channel")


def incident_object(record: Record) -> dict[str, Any]:
    """One incident as the JSON object of its line."""
    return {
        **json_values(flat(record)),
        "actors": [{k: actor.get(k) for k in ACTOR_KEYS} for actor in record.actors],
        "reports": report_items(record),
        "evidence": evidence_items(record),
    }


def write(records: Iterable[Record], out: TextIO, meta: Meta) -> int:
    """Write one line per incident to ``out``; how many were written. ``meta`` is not
    written (see the module)."""
    written = 0
    for record in records:
        out.write(dumps(incident_object(record)))
        out.write("\n")
        written += 1
    return written
