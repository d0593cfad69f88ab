"""Which incidents leave Sitrep, streamed in batches: the filters every export shares.

The queries live in the store (:mod:`sitrep.store.records`, the only package that speaks
SQL); this module is where the export formats, stats and comparisons take them from.

    >>> f = Filters(countries=("IRQ",), date_from=dt.date(2024, 1, 1), min_sources=2)
    >>> for record in iter_records(conn, f):
    ...     record.row["code"], [r["url"] for r in record.reports]
"""

from __future__ import annotations

from sitrep.store.records import (
    ACTIVE,
    GRADES,
    REPORT_COLUMNS,
    STATUSES,
    Batch,
    Filters,
    Record,
    count,
    country_codes,
    iter_batches,
    iter_records,
    split,
)

__all__ = [
    "ACTIVE",
    "GRADES",
    "REPORT_COLUMNS",
    "STATUSES",
    "Batch",
    "Filters",
    "Record",
    "count",
    "country_codes",
    "iter_batches",
    "iter_records",
    "split",
]
