"""Analysis of stored incidents: counts, casualty totals and charts over time.

Input: an open Connection and the export Filters. Output: pandas DataFrames
(:func:`stats`, :func:`timeline`), a text table (:func:`format_table`) and a PNG or SVG
chart (:func:`chart`). All counting happens in the database.

    >>> with store.read() as conn:
    ...     print(format_table(stats(conn, Filters(), ["month", "country"])))
"""

from sitrep.analysis.chart import chart, timeline
from sitrep.analysis.stats import format_table, period_key, stats

__all__ = ["chart", "format_table", "period_key", "stats", "timeline"]
