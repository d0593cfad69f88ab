"""Reference datasets (ACLED, UCDP GED, GTD): import them, and compare Sitrep with them.

Input: a dataset's CSV file, as it publishes it; an open Connection. Output: reference
events stored apart from Sitrep's incidents (``reference_events``, labelled with their
dataset and version), and comparisons: which incidents Sitrep has that the reference
lacks and the reverse, with coverage figures.

    >>> with store.transaction() as conn:
    ...     result = import_file(conn, "acled-iraq.csv", "acled", version="2024-03", who="ana")
    >>> with store.read() as conn:
    ...     c = compare(conn, "acled", Filters(countries=("IRQ",)))
    >>> c.overall.reference_share, len(c.only_sitrep), len(c.only_reference)
    (0.62, 14, 31)

Readers: :mod:`sitrep.reference.acled`, :mod:`~sitrep.reference.ucdp`,
:mod:`~sitrep.reference.gtd` (each says how its codes map onto Sitrep's vocabulary);
storing: :mod:`sitrep.store.reference`; comparing: :mod:`sitrep.reference.compare`.
"""

from __future__ import annotations

from sitrep.reference.compare import Comparison, Coverage, Match, compare
from sitrep.reference.readers import DATASETS, read_events
from sitrep.store.reference import (
    ImportInfo,
    ImportResult,
    count_events,
    delete_import,
    import_file,
    list_imports,
)

__all__ = [
    "DATASETS",
    "Comparison",
    "Coverage",
    "ImportInfo",
    "ImportResult",
    "Match",
    "compare",
    "count_events",
    "delete_import",
    "import_file",
    "list_imports",
    "read_events",
]
