"""Incidents as a GeoJSON FeatureCollection (RFC 7946), for maps and GIS tools.

Input: Records from :func:`sitrep.export.query.iter_records` (with evidence, to get the
quotes) and the dataset's :class:`~sitrep.export.common.Meta`. Output: UTF-8 GeoJSON
text: one Feature per incident, its ``id`` the incident code, its geometry a Point in
WGS84 ``[longitude, latitude]`` order, its properties the flat values of
:func:`sitrep.export.flat.flat` (dates as ISO 8601 text; latitude and longitude are in
the geometry) plus ``evidence``, a list of ``{field, quote, report_id}``. The dataset's
metadata is the collection's ``metadata`` member (a foreign member, which RFC 7946
allows).

An incident whose place has no coordinates (only a country named, or none) is still
written, with ``"geometry": null``: valid GeoJSON, which map tools leave off the map
and GIS tools keep as a row without a shape. Check ``place_precision`` to tell them apart.

The collection is written as it is read: the header, then each feature on its own line,
then the footer, so a million incidents never sit in memory at once.

    >>> with open("incidents.geojson", "w", encoding="utf-8") as out:
    ...     write(iter_records(conn, Filters(), with_evidence=True), out, Meta())
    24
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from sitrep.errors import InputError
from sitrep.export.common import Meta
from sitrep.export.flat import dumps, evidence_items, flat, json_values
from sitrep.export.query import Record

EVIDENCE_KEYS = ("field", "quote", "report_id")


def geometry(values: dict[str, Any]) -> dict[str, Any] | None:
    """A Point for the incident's coordinates, or None when it has none."""
    lat, lon = values["latitude"], values["longitude"]
    if lat is None or lon is None:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(
            f"incident {values['code'] or values['id']}: latitude {lat}, longitude {lon} "
            "is not a place on Earth; correct its place before exporting"
        )
    return {"type": "Point", "coordinates": [lon, lat]}


def feature(record: Record) -> dict[str, Any]:
    """One incident as a GeoJSON Feature."""
    values = flat(record)
    properties = json_values(values)
    del properties["latitude"], properties["longitude"]
    properties["evidence"] = evidence_items(record, EVIDENCE_KEYS)
    return {
        "type": "Feature",
        "id": values["code"] or values["id"],
        "geometry": geometry(values),
        "properties": properties,
    }


def write(records: Iterable[Record], out: TextIO, meta: Meta) -> int:
    """Write a FeatureCollection of ``records`` to ``out``; how many features were written."""
    out.write('{"type": "FeatureCollection", "metadata": ')
    out.write(dumps(meta.as_dict()))
    out.write(', "features": [')
    written = 0
    for record in records:
        out.write(",\n" if written else "\n")
        out.write(dumps(feature(record)))
        written += 1
    out.write("\n]}\n")
    return written
