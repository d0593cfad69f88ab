"""Counts and casualty totals of incidents, grouped by period, place, actor or event type,
and the text table the terminal shows.

The counting is the database's (:mod:`sitrep.store.stats`: one GROUP BY, never the
incidents loaded into Python); this module re-exports it and formats its rows. It does
not load pandas itself, so that ``sitrep stats`` starts quickly.

    >>> frame = stats(conn, Filters(countries=("YEM",)), ["month"])
    >>> print(format_table(frame))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sitrep.store.stats import (
    COUNT_COLUMNS,
    FIGURE_PARTS,
    KEYS,
    PERIODS,
    UNDATED,
    check_keys,
    key_columns,
    notes,
    period_key,
    stats,
    stats_rows,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COUNT_COLUMNS",
    "FIGURE_PARTS",
    "KEYS",
    "PERIODS",
    "UNDATED",
    "check_keys",
    "format_rows",
    "format_table",
    "key_columns",
    "notes",
    "period_key",
    "stats",
    "stats_rows",
]


def format_table(frame: pd.DataFrame) -> str:
    """``frame`` (from :func:`stats`) as an aligned text table for the terminal (see
    :func:`format_rows`)."""
    rows = [
        dict(zip(frame.columns, values, strict=True)) for values in frame.itertuples(index=False)
    ]
    return format_rows(rows, [str(c) for c in frame.columns])


def format_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """Rows (from :func:`stats_rows`) as an aligned text table for the terminal.

    Casualty figures show as one column each, "low-high (best)" where they differ and a
    single number where they agree; an open upper bound shows as "high+". Counts are
    aligned right, names left."""
    headers: list[str] = []
    cells: list[list[str]] = []
    numeric: list[bool] = []
    for name, values, is_number in _table_columns(rows, columns):
        headers.append(name)
        cells.append(values)
        numeric.append(is_number)
    widths = [max([len(h), *(len(v) for v in col)]) for h, col in zip(headers, cells, strict=True)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    for i in range(len(rows)):
        out.append(line([col[i] for col in cells]))
    return "\n".join(out)


def _table_columns(
    rows: Sequence[dict[str, Any]], columns: Sequence[str]
) -> list[tuple[str, list[str], bool]]:
    out: list[tuple[str, list[str], bool]] = []
    done: set[str] = set()
    for name in columns:
        if name in done:
            continue
        prefix = name.rsplit("_", 1)[0]
        parts = [f"{prefix}_{p}" for p in ("low", "best", "high", "open")]
        if name.endswith("_low") and all(p in columns for p in parts[:3]):
            done.update(p for p in parts if p in columns)
            is_open = parts[3] in columns
            out.append((prefix, [_figure(row, prefix, is_open) for row in rows], True))
            continue
        done.add(name)
        out.append((name, ["" if row[name] is None else str(row[name]) for row in rows],
                    name in COUNT_COLUMNS))  # fmt: skip
    return out


def _figure(row: dict[str, Any], prefix: str, has_open: bool) -> str:
    low, best, high = (int(row[f"{prefix}_{p}"]) for p in ("low", "best", "high"))
    is_open = has_open and int(row[f"{prefix}_open"]) > 0
    top = f"{high}+" if is_open else str(high)
    if low == best == high:
        return f"{best}+" if is_open else str(best)
    return f"{low}-{top} ({best})"
