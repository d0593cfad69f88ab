"""A database to export: the bundled samples, a merged incident, and awkward values.

``fill(store)`` adds the 15 sample reports (their extracted incidents), merges two of them
into one incident of two reports, rejects one, and adds a hand-made incident whose text
carries commas, quotes, newlines, non-Latin script and an HTML payload, with no date and
no coordinates. Returns what the export tests need to check against.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.ingest.samples import sample_reports
from sitrep.models import Actor, Count, DateSpan, Incident, Place, Report, Span
from sitrep.pipeline import add_reports
from sitrep.store.incidents import replace_candidates
from sitrep.store.store import Store

AWKWARD_TEXT = (
    'Gunmen attacked the "Al-Noor, Market" in Kirkuk, killing 4 people.\n'
    "<script>alert('x')</script> Witnesses said: \u0647\u062c\u0648\u0645 \u0645\u0633\u0644\u062d."
)


@dataclass
class Filled:
    incidents: list[Incident]  # active ones, as the store lists them
    merged: Incident  # the incident made of two reports
    rejected: Incident
    awkward: Incident  # the hand-made one


def awkward_incident(report_id: int) -> Incident:
    quote = AWKWARD_TEXT.split(".")[0]
    return Incident(
        event_type="Violence against civilians",
        sub_event_type="Attack",
        weapons=["firearm"],
        target='the "Al-Noor, Market"',
        date=DateSpan(precision="unknown"),
        location=Place(
            name="Kirkuk",
            admin1="Kirkuk",
            country="Iraq",
            country_code="IRQ",
            precision="admin1",
        ),
        actors=[Actor(name="Gunmen, unidentified", role="perpetrator", attribution="suspected")],
        killed=Count(low=4, best=4, high=4),
        evidence=[Span(start=0, end=len(quote), quote=quote, field="killed", report_id=report_id)],
    )


def fill(store: Store) -> Filled:
    list(add_reports(store, sample_reports(), who="test"))
    added = store.add_report(
        Report(
            text=AWKWARD_TEXT,
            title='Attack on "Al-Noor, Market" <b>Kirkuk</b>',
            publisher="Local, News",
            published="2024-05-02",
            url="https://example.org/kirkuk?a=1&b=2",
        )
    )
    with store.transaction() as conn:
        [awkward_id], _ = replace_candidates(conn, added.id, [awkward_incident(added.id)], [])
    active = store.incidents()
    dated = [
        i for i in active if i.date and i.date.start and i.location and i.location.country_code
    ]
    a = dated[0]
    b = next(i for i in dated if not set(i.report_ids) & set(a.report_ids))
    merged = store.merge([a, b], who="ana", why="one strike told twice")
    other = next(i for i in dated if i.id not in (a.id, b.id))
    rejected = store.set_status(other, "rejected", who="ana", why="not an attack")
    return Filled(
        incidents=store.incidents(),
        merged=merged,
        rejected=rejected,
        awkward=store.incident(awkward_id),
    )
