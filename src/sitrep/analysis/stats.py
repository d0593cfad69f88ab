"""Counts and casualty totals of incidents, grouped by period, place, actor or event type,
and the text table the terminal shows.

The counting is the database's (:mod:`sitrep.store.stats`: one GROUP BY, never the
incidents loaded into Python); this module re-exports it and formats its frames.

    >>> frame = stats(conn, Filters(countries=("YEM",)), ["month"])
    >>> print(format_table(frame))
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from sitrep.store.stats import (
    COUNT_COLUMNS,
    FIGURE_PARTS,
    KEYS,
    PERIODS,
    UNDATED,
    check_keys,
    key_columns,
    period_key,
    stats,
)

__all__ = [
    "COUNT_COLUMNS",
    "FIGURE_PARTS",
    "KEYS",
    "PERIODS",
    "UNDATED",
    "check_keys",
    "format_table",
    "key_columns",
    "period_key",
    "stats",
]


def format_table(frame: pd.DataFrame) -> str:
    """``frame`` (from :func:`stats`) as an aligned text table for the terminal.

    Casualty figures show as one column each, "low-high (best)" where they differ and a
    single number where they agree; an open upper bound shows as "high+"."""
    headers: list[str] = []
    cells: list[list[str]] = []
    numeric: list[bool] = []
    for name, values, is_number in _table_columns(frame):
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
    for i in range(len(frame)):
        out.append(line([col[i] for col in cells]))
    return "\n".join(out)


def _table_columns(frame: pd.DataFrame) -> list[tuple[str, list[str], bool]]:
    columns: list[tuple[str, list[str], bool]] = []
    done: set[str] = set()
    for name in frame.columns:
        name = str(name)
        if name in done:
            continue
        prefix = name.rsplit("_", 1)[0]
        parts = [f"{prefix}_{p}" for p in ("low", "best", "high", "open")]
        if name.endswith("_low") and all(p in frame.columns for p in parts[:3]):
            present = [p for p in parts if p in frame.columns]
            done.update(present)
            values = [_figure(frame, i, prefix) for i in range(len(frame))]
            columns.append((prefix, values, True))
            continue
        done.add(name)
        series = frame[name]
        is_number = pd.api.types.is_numeric_dtype(series)
        columns.append((name, ["" if pd.isna(v) else str(v) for v in series], is_number))
    return columns


def _figure(frame: pd.DataFrame, row: int, prefix: str) -> str:
    record = frame.iloc[row]
    low, best, high = (int(record[f"{prefix}_{p}"]) for p in ("low", "best", "high"))
    is_open = f"{prefix}_open" in frame.columns and int(record[f"{prefix}_open"]) > 0
    top = f"{high}+" if is_open else str(high)
    if low == best == high:
        return f"{best}+" if is_open else str(best)
    return f"{low}-{top} ({best})"
