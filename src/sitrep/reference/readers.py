"""Reading reference datasets: ACLED, UCDP GED and GTD CSV files, one row at a time.

Input: the path of a CSV file as the dataset publishes it (its own column names, in any
order; extra columns are fine) and the dataset's name. Output: for each data row, its
physical line number (the header is line 1) and either the event in Sitrep's vocabulary
(a dict keyed by the ``reference_events`` columns) or the reason the row was refused.
The file is streamed through the csv module: memory stays the same for ten rows or a
million.

    >>> for line, event, problem in read_events(Path("acled.csv"), "acled"):
    ...     print(line, event["event_id"] if event else problem)
    2 IRQ1234
    3 event_date '31 February 2024' is not a date: day is out of range for month

A file without the columns its dataset needs raises one InputError naming them all.
Each dataset's own rules (dates, precision codes, event types) are in
:mod:`sitrep.reference.acled`, :mod:`sitrep.reference.ucdp` and
:mod:`sitrep.reference.gtd`.
"""

from __future__ import annotations

import codecs
import csv
import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import InputError

DATASETS: tuple[str, ...] = ("acled", "ucdp", "gtd")

# Country names these datasets spell otherwise than Sitrep's country table (which
# already follows ACLED: "Democratic Republic of Congo", "eSwatini", "Ivory Coast").
# UCDP adds a former name in brackets ("DR Congo (Zaire)"), which is dropped first.
# GTD keeps the names of its time ("Soviet Union", "West Germany (FRG)"): they go to the
# state that holds the place today, as far as one does.
EXTRA_COUNTRY_NAMES: dict[str, str] = {
    "dr congo": "COD",  # UCDP
    "democratic republic of the congo": "COD",  # GTD
    "zaire": "COD",  # GTD before 1997
    "congo": "COG",  # UCDP
    "republic of the congo": "COG",  # GTD
    "people's republic of the congo": "COG",  # GTD before 1992
    "bosnia-herzegovina": "BIH",  # UCDP, GTD
    "kingdom of eswatini": "SWZ",  # UCDP
    "swaziland": "SWZ",  # GTD
    "west bank and gaza strip": "PSE",  # GTD
    "macedonia": "MKD",  # GTD
    "slovak republic": "SVK",  # GTD
    "czechia": "CZE",
    "timor-leste": "TLS",  # GTD
    "cote d'ivoire": "CIV",
    "côte d'ivoire": "CIV",
    "united states of america": "USA",
    "rhodesia": "ZWE",  # GTD before 1980
    "soviet union": "RUS",  # GTD before 1992
    "yugoslavia": "SRB",  # GTD
    "serbia-montenegro": "SRB",  # GTD 2003-2006
    "west germany": "DEU",  # GTD "West Germany (FRG)"
    "east germany": "DEU",  # GTD "East Germany (GDR)"
    "north yemen": "YEM",  # GTD before 1990
    "south yemen": "YEM",
    "south vietnam": "VNM",  # GTD before 1976
    "new hebrides": "VUT",  # GTD before 1980
}

_BRACKETS = re.compile(r"\s*\([^)]*\)\s*$")


class RowError(ValueError):
    """One row cannot be read; the message says which value and why."""


@dataclass(frozen=True)
class Layout:
    """How one dataset's CSV becomes reference events."""

    dataset: str
    required: tuple[str, ...]  # column names, lower case
    convert: Callable[[dict[str, str]], dict[str, Any]]  # raises RowError


# One row as read: (physical line, the event or None, the reason it was refused or None).
Row = tuple[int, dict[str, Any] | None, str | None]


def layout(dataset: str) -> Layout:
    """The layout of ``dataset`` ("acled", "ucdp" or "gtd")."""
    if dataset == "acled":
        from sitrep.reference.acled import LAYOUT
    elif dataset == "ucdp":
        from sitrep.reference.ucdp import LAYOUT
    elif dataset == "gtd":
        from sitrep.reference.gtd import LAYOUT
    else:
        raise InputError(f"dataset {dataset!r} is not one of {', '.join(DATASETS)}")
    return LAYOUT


def file_digest(path: Path) -> tuple[str, str]:
    """The file's sha256 and the text encoding to read it with: UTF-8 (with or without a
    byte-order mark) when every byte decodes as UTF-8, else Latin-1 (GTD's downloads)."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    try:
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
                if utf8:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        utf8 = False
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return digest.hexdigest(), "utf-8-sig" if utf8 else "latin-1"


def read_events(path: Path, dataset: str, *, encoding: str | None = None) -> Iterator[Row]:
    """Each data row of ``path`` read as ``dataset`` (see the module). Raises InputError
    before the first row when columns are missing."""
    shape = layout(dataset)
    if encoding is None:
        encoding = file_digest(path)[1]
    with path.open(encoding=encoding, newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise InputError(f"{path}: the file is empty; a {dataset} CSV starts with a header")
        keys = [name.strip().lower() for name in header]
        missing = [name for name in shape.required if name not in keys]
        if missing:
            raise InputError(
                f"{path}: not a {dataset} CSV: missing column(s) {', '.join(missing)} "
                f"(the header has {len(keys)} columns: {', '.join(keys[:8])}"
                f"{', ...' if len(keys) > 8 else ''})"
            )
        yield from _rows(reader, keys, shape.convert)


def _rows(
    reader: Any, keys: list[str], convert: Callable[[dict[str, str]], dict[str, Any]]
) -> Iterator[Row]:
    width = len(keys)
    last = reader.line_num  # the header's last physical line
    for values in reader:
        line = last + 1  # where this record starts; a quoted field may span lines
        last = reader.line_num
        if not values:
            continue  # a blank line
        if len(values) != width:
            yield line, None, f"has {len(values)} fields; the header has {width}"
            continue
        record = dict(zip(keys, values, strict=False))  # lengths checked above
        try:
            event = convert(record)
        except RowError as exc:
            yield line, None, str(exc)
            continue
        event["raw"] = record
        yield line, event, None


# Value helpers the dataset modules share. Each raises RowError naming the column.


def text(value: str) -> str | None:
    """The value without surrounding spaces; None when empty."""
    value = value.strip()
    return value or None


def whole(value: str, column: str) -> int | None:
    """A count: "12" (or "12.0"); None when empty."""
    value = value.strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        try:
            real = float(value)
        except ValueError:
            raise RowError(f"{column} {value!r} is not a number") from None
        if not real.is_integer():
            raise RowError(f"{column} {value!r} is not a whole number") from None
        number = int(real)
    if number < 0:
        raise RowError(f"{column} {value!r} is negative")
    return number


def coordinate(value: str, column: str, limit: float) -> float | None:
    """A latitude (limit 90) or longitude (limit 180); None when empty."""
    value = value.strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise RowError(f"{column} {value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise RowError(f"{column} {value!r} is out of range (-{limit:g} to {limit:g})")
    return number


def country_code(name: str | None) -> str | None:
    """The ISO 3166-1 alpha-3 code of a country name as these datasets spell it."""
    if not name:
        return None
    key = name.strip().casefold()
    codes = _codes()
    if key in codes:
        return codes[key]
    bare = _BRACKETS.sub("", key)
    return codes.get(bare)


@functools.cache
def _codes() -> dict[str, str]:
    from sitrep.models import country_names

    names = country_names()
    codes = {name.casefold(): code for code, name in names.items()}
    codes.update({code.casefold(): code for code in names})
    codes.update(EXTRA_COUNTRY_NAMES)
    return codes
