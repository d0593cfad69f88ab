"""Full-text search over the reports' titles and texts.

SQLite reads the FTS5 index ``reports_fts`` (unicode61 words, diacritics removed);
PostgreSQL the GIN index over ``to_tsvector('simple', title || ' ' || text)`` (migration
0010). On both, a search is the words of the query, all of which a report must hold, in
any order and any case; punctuation is ignored, so a user's quotes or operators never
reach the index as syntax.

    >>> ids = conn.execute(matching_reports(conn.dialect.name, "drone Marib")).scalars()
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Select, bindparam, literal_column, select, text

from sitrep.errors import InputError
from sitrep.store.tables import SEARCH_TABLE, incident_reports

_WORD = re.compile(r"\w+")
MAX_WORDS = 16


def words(query: str) -> list[str]:
    """The words of a search, lower-cased; InputError when there are none or too many."""
    found = [w.casefold() for w in _WORD.findall(query)]
    if not found:
        raise InputError(f"search {query!r}: no words to look for")
    if len(found) > MAX_WORDS:
        raise InputError(f"search: at most {MAX_WORDS} words, got {len(found)}")
    return found


def matching_reports(dialect: str, query: str) -> Select[Any]:
    """A select of the ids of the reports holding every word of ``query``."""
    found = words(query)
    if dialect == "postgresql":
        condition = text(
            "to_tsvector('simple', coalesce(reports.title, '') || ' ' || reports.text) "
            "@@ plainto_tsquery('simple', :search_words)"
        ).bindparams(bindparam("search_words", " ".join(found)))
        return select(literal_column("reports.id")).select_from(text("reports")).where(condition)
    # FTS5: each word quoted (a phrase of one word), side by side: all of them.
    match = " ".join('"' + w.replace('"', '""') + '"' for w in found)
    condition = text(f"{SEARCH_TABLE} MATCH :search_words").bindparams(
        bindparam("search_words", match)
    )
    return select(literal_column("rowid")).select_from(text(SEARCH_TABLE)).where(condition)


def matching_incidents(dialect: str, query: str) -> Select[Any]:
    """A select of the ids of the incidents drawn from a report holding every word."""
    return select(incident_reports.c.incident_id).where(
        incident_reports.c.report_id.in_(matching_reports(dialect, query))
    )
