"""Sitrep: turn published news reports into a reviewed, sourced dataset of conflict incidents.

    >>> import sitrep
    >>> store = sitrep.open("sitrep.db")          # doctest: +SKIP
    >>> store.reports_df()                        # doctest: +SKIP

Nothing heavy happens at import time: the database, pydantic models and pandas
are loaded when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Store", "__version__", "add_report", "find_incidents", "open"]

if TYPE_CHECKING:
    from sitrep.extract.incidents import Extraction
    from sitrep.models import Report
    from sitrep.pipeline import AddOutcome
    from sitrep.store import Store


def open(db: str | None = None) -> Store:
    """Open (and on first use create) a Sitrep database: a SQLite path or a postgresql:// URL.

    Without ``db``, the SITREP_DB setting or ./sitrep.db is used.
    """
    from sitrep.config import load_settings
    from sitrep.store import Store

    return Store(db or load_settings().db)


def add_report(store: Store, report: Report, *, who: str = "sitrep") -> AddOutcome:
    """Store a report and the candidate incidents found in it, in one transaction.

    Adding the same content again re-runs extraction and replaces the earlier
    candidates; incidents an analyst has touched are kept.
    """
    from sitrep.pipeline import add_report as add

    return add(store, report, source=report.source or report.url or "api", who=who)


def find_incidents(text: str, published: str | None = None) -> Extraction:
    """The incidents and aggregate statements a text describes; no database needed.

    ``published`` (ISO 8601) is the day "yesterday" and "on Monday" count from.
    """
    from sitrep.extract.incidents import extract

    return extract(text, published=published)


def __getattr__(name: str) -> Any:
    if name == "Store":
        from sitrep.store import Store

        return Store
    raise AttributeError(f"module 'sitrep' has no attribute {name!r}")
