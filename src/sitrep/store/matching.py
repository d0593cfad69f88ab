"""New candidates against the incidents on record: the same incident told by another
report is linked to it; a pair that may be one waits for an analyst.

Input: the ids of a report's new candidate incidents. For each, the active incidents of
the same country whose dates come within a day or two (or that have no date) are
compared with it by sitrep.dedupe; a "link" merges them (sitrep.store.review.merge,
recorded in the audit log as the matcher's), a "review" is kept in
``match_suggestions`` with its score and reasons for the review queue. A link resting on
a vague place stands only when one incident on record could be the match: with two, both
pairs wait for an analyst.

Every function takes an open Connection and never commits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, or_, select, update

from sitrep.models import Incident
from sitrep.store import review
from sitrep.store.incidents import ACTIVE, load_incidents
from sitrep.store.tables import incident_reports, incidents, match_suggestions

# How far apart (days) an incident on record may be dated to be compared with a new one.
_WINDOW = dt.timedelta(days=2)
# The longest interval an incident on record may have and still be compared (a week's
# fighting told as one incident); longer ones only bound the index scan.
_LONGEST = dt.timedelta(days=31)


@dataclass(frozen=True)
class Matched:
    """What matching did with a report's candidates."""

    linked: tuple[tuple[int, int], ...]  # (candidate, the incident it became part of)
    suggested: int


def match_new(conn: Connection, new_ids: list[int], *, who: str = "sitrep") -> Matched:
    """Compare each new candidate with the active incidents on record (see the module)."""
    from sitrep.dedupe import REVIEW_AT, Candidate, compare

    linked: list[tuple[int, int]] = []
    suggested = 0
    for incident in load_incidents(conn, new_ids, light=True):
        new_id = incident.id or 0
        if incident.status not in ACTIVE:
            continue
        mine = Candidate.from_incident(incident)
        links: list[tuple[float, Incident, Any]] = []
        for other in _nearby(conn, incident):
            found = compare(mine, Candidate.from_incident(other))
            if found is None:
                continue
            if found.verdict == "link":
                links.append((found.score, other, found))
            elif found.score >= REVIEW_AT:
                suggested += _suggest(conn, found)
        if not links:
            continue
        links.sort(key=lambda link: (-link[0], link[1].id or 0))
        _, other, found = links[0]
        if found.km is None and len(links) > 1:
            # A vague place that two incidents on record could be: an analyst decides.
            for _, rival, pair in links:
                why = f"place vague and incident {_code(links, rival)} may be the match"
                suggested += _suggest(
                    conn, dataclasses.replace(pair, verdict="review", reasons=(*pair.reasons, why))
                )
            continue
        why = "matched automatically: " + "; ".join(found.reasons)
        # merge reads each incident whole itself: the matching views name them
        change = review.merge(conn, [other, incident], who=who, why=why)
        parent = change.incidents[-1]
        linked.append((new_id, parent.id or 0))
    return Matched(tuple(linked), suggested)


def _code(links: list[tuple[float, Incident, Any]], one: Incident) -> str:
    """The first of the other linked incidents, by its code (its id when it has none)."""
    rival = next(other for _, other, _ in links if other.id != one.id)
    return rival.code or str(rival.id)


def _nearby(conn: Connection, incident: Incident) -> list[Incident]:
    """Active incidents from other reports that could be this one: the same country (or
    either without one), dates within the window (or undated)."""
    stmt = select(incidents.c.id).where(incidents.c.status.in_(ACTIVE))
    stmt = stmt.where(incidents.c.id != incident.id)
    place = incident.location
    if place is None or not place.country_code:
        return []  # matching needs a country on both sides
    stmt = stmt.where(incidents.c.country_code == place.country_code)
    date = incident.date
    if date is not None and date.start is not None:
        # Dated incidents within the window, found through the date index; one with no
        # date is never linked automatically, so it is left out here.
        end = date.end or date.start
        stmt = stmt.where(incidents.c.date_start <= end + _WINDOW)
        stmt = stmt.where(incidents.c.date_start >= date.start - _LONGEST)
        stmt = stmt.where(
            or_(incidents.c.date_end.is_(None), incidents.c.date_end >= date.start - _WINDOW)
        )
    elif place.admin1:
        stmt = stmt.where(incidents.c.admin1 == place.admin1)  # undated: its region only
    else:
        return []
    own = select(incident_reports.c.incident_id).where(
        incident_reports.c.report_id.in_(incident.report_ids)
    )
    stmt = stmt.where(incidents.c.id.not_in(own)).order_by(incidents.c.id).limit(500)
    return load_incidents(conn, [int(i) for i in conn.execute(stmt).scalars()], light=True)


def _suggest(conn: Connection, found: Any) -> int:
    """Keep a "review" pair for the analyst, once; 1 when it is new."""
    exists = conn.execute(
        select(match_suggestions.c.id)
        .where(match_suggestions.c.a_id == found.a)
        .where(match_suggestions.c.b_id == found.b)
    ).first()
    if exists is not None:
        return 0
    conn.execute(
        insert(match_suggestions).values(
            a_id=found.a,
            b_id=found.b,
            score=found.score,
            verdict=found.verdict,
            reasons=list(found.reasons),
            status="open",
            created_at=dt.datetime.now(dt.UTC),
        )
    )
    return 1


@dataclass(frozen=True)
class Suggested:
    id: int
    a: int
    b: int
    score: float
    reasons: tuple[str, ...]


def open_suggestions(conn: Connection) -> list[Suggested]:
    """Pairs waiting for an analyst whose incidents are both still active, best first."""
    rows = conn.execute(
        select(match_suggestions)
        .where(match_suggestions.c.status == "open")
        .order_by(match_suggestions.c.score.desc(), match_suggestions.c.id)
    ).mappings()
    out = []
    for row in rows:
        pair = load_incidents(conn, [int(row["a_id"]), int(row["b_id"])])
        if len(pair) == 2 and all(i.status in ACTIVE for i in pair):
            out.append(
                Suggested(
                    int(row["id"]),
                    int(row["a_id"]),
                    int(row["b_id"]),
                    float(row["score"]),
                    tuple(row["reasons"]),
                )
            )
    return out


def decide(conn: Connection, suggestion_id: int, status: str, *, who: str) -> None:
    """Mark a suggestion merged or dismissed by ``who``."""
    conn.execute(
        update(match_suggestions)
        .where(match_suggestions.c.id == suggestion_id)
        .values(status=status, decided_at=dt.datetime.now(dt.UTC), decided_by=who)
    )
