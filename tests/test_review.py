"""Incidents across reports: linking, derived values with their rules, grades, review
with an audit trail, undo, replay and concurrent edits - on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest

import sitrep
from sitrep.errors import InputError
from sitrep.models import Actor, Count, DateSpan, Incident, Place, Report, Span
from sitrep.pipeline import add_report
from sitrep.store import review, review_log
from sitrep.store.incidents import list_audit, replace_candidates

STORY = (
    "Two rockets struck a base near Erbil airport on Sunday, injuring three people, "
    "officials said. The Islamic Resistance in Iraq claimed responsibility for the attack "
    "in a statement on Telegram. Local police said the rockets were fired from a field "
    "south of the city."
)
INDEPENDENT = [
    "Rocket fire hit the Erbil air base on Sunday and wounded three people, according to "
    "Kurdish security officials, who blamed Iran-backed militias.",
    "Two rockets hit near Erbil International Airport late on Sunday, injuring three "
    "people, Kurdish authorities said.",
]


def test_ten_syndicated_copies_and_two_independent_reports_make_one_incident(db: str) -> None:
    with sitrep.open(db) as store:
        for i in range(10):
            text = f"ERBIL, Iraq (Wire {i}) - {STORY} Reporting by Writer {i}."
            report = Report(text=text, published="2024-01-29", publisher=f"Outlet {i}")
            add_report(store, report, source=f"copy {i}")
        for i, text in enumerate(INDEPENDENT):
            report = Report(text=text, published="2024-01-29", publisher=f"Paper {i}")
            add_report(store, report, source=f"independent {i}")
        [incident] = store.incidents()
        assert incident.report_ids == list(range(1, 13))
        assert incident.independent_sources == 3
        assert incident.grade == "confirmed"  # claimed, and reported independently
        assert "Islamic Resistance in Iraq claimed it" in incident.rules["grade"]
        assert incident.injured is not None and incident.injured.best == 3
        with store.read() as conn:
            members = review.members_of(conn, incident.id or 0)
            assert len(members) == 12 and all(m.status == "merged" for m in members)
            # an old id still leads to the incident
            assert review.resolve(conn, members[0].id or 0).id == incident.id


def _candidate(killed: int, *, actors: list[Actor] | None = None, day: int = 28) -> Incident:
    text = f"Rockets hit Erbil, killing {killed}."
    return Incident(
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        weapons=["rocket"],
        date=DateSpan(start=f"2024-01-{day}", end=f"2024-01-{day}", precision="day"),
        location=Place(
            name="Erbil",
            admin1="Erbil",
            country_code="IRQ",
            latitude=36.19,
            longitude=44.01,
            precision="exact",
        ),
        killed=Count(low=killed, best=killed, high=killed),
        actors=actors or [],
        evidence=[Span(start=0, end=len(text), quote=text, field="killed")],
    )


def _stored(store, candidates: list[Incident]) -> list[Incident]:
    """Each candidate stored as the extraction of a report of its own."""
    out = []
    for n, candidate in enumerate(candidates):
        quote = candidate.evidence[0].quote
        added = store.add_report(Report(text=quote + f" ({n})", published="2024-01-29"))
        with store.transaction() as conn:
            [new_id], _ = replace_candidates(conn, added.id, [candidate], [])
            out.append(review.load(conn, new_id))
    return out


def test_three_against_five_killed_keeps_both_figures(db: str) -> None:
    with sitrep.open(db) as store:
        a, b = _stored(store, [_candidate(3), _candidate(5)])
        with store.transaction() as conn:
            change = review.merge(conn, [a, b], who="ana", why="same strike")
        parent = change.incidents[-1]
        assert parent.killed is not None
        assert (parent.killed.low, parent.killed.high) == (3, 5)
        assert "3" in parent.rules["killed"] and "5" in parent.rules["killed"]
        assert parent.independent_sources == 2 and parent.grade == "fair"
        with store.read() as conn:
            members = review.members_of(conn, parent.id or 0)
        assert [m.killed.best for m in members if m.killed] == [3, 5]  # each report's own


def test_a_claim_and_a_denial_are_contested(db: str) -> None:
    claim = [Actor(name="Houthis", actor_id="houthis", attribution="claimed")]
    denial = [Actor(name="Houthis", actor_id="houthis", attribution="denied")]
    with sitrep.open(db) as store:
        a, b = _stored(store, [_candidate(3, actors=claim), _candidate(3, actors=denial)])
        with store.transaction() as conn:
            parent = review.merge(conn, [a, b], who="ana").incidents[-1]
        assert parent.grade == "contested"
        kinds = {c["attribution"] for c in parent.claims}
        assert {"claimed", "denied"} <= kinds


_VOLATILE = {"version", "updated_at"}


def test_merge_then_undo_restores_both_incidents(db: str) -> None:
    with sitrep.open(db) as store:
        a, b = _stored(store, [_candidate(3), _candidate(5)])
        with store.transaction() as conn:
            change = review.merge(conn, [a, b], who="ana")
        parent_id = change.incidents[-1].id
        with store.transaction() as conn:
            review_log.undo(conn, who="ana", why="not the same strike")
        with store.read() as conn:
            after_a, after_b = review.load(conn, a.id or 0), review.load(conn, b.id or 0)
            parent = review.load(conn, parent_id or 0)
        assert after_a.model_dump(exclude=_VOLATILE) == a.model_dump(exclude=_VOLATILE)
        assert after_b.model_dump(exclude=_VOLATILE) == b.model_dump(exclude=_VOLATILE)
        assert parent.status == "rejected"  # marked, never deleted
        assert [i.id for i in store.incidents()] == [a.id, b.id]
        with store.transaction() as conn, pytest.raises(InputError, match="undone already"):
            review_log.undo(conn, who="ana", operation=change.operation)


def test_the_audit_log_replayed_from_empty_rebuilds_the_same_state(db: str, tmp_path) -> None:
    with sitrep.open(db) as store:
        a, b, c = _stored(store, [_candidate(3), _candidate(5), _candidate(4, day=29)])
        with store.transaction() as conn:
            review.set_field(conn, a, "killed", "3-4", who="ana", why="hospital list")
        with store.transaction() as conn:
            parent = review.merge(conn, [review.load(conn, a.id or 0), b], who="ana")
        with store.transaction() as conn:
            review.merge(conn, [review.load(conn, parent.incidents[-1].id or 0), c], who="bo")
        with store.transaction() as conn:
            review_log.undo(conn, who="bo")
        with store.transaction() as conn:
            review.set_status(conn, review.load(conn, c.id or 0), "rejected", who="bo")
        with store.read() as conn:
            entries = list_audit(conn, entity="incident")
        state = {i.id: i.model_dump() for i in store.incidents(status="all")}
        reports = store.reports(with_text=True)
    with sitrep.open(str(tmp_path / "replayed.db")) as fresh:
        for report in reports:
            fresh.add_report(report.model_copy(update={"id": None}))
        with fresh.transaction() as conn:
            assert review_log.replay(entries, conn) == len(entries)
        rebuilt = {i.id: i.model_dump() for i in fresh.incidents(status="all")}
    assert rebuilt == state


def test_a_second_session_editing_the_same_incident_gets_a_conflict(db: str) -> None:
    with sitrep.open(db) as store:
        [incident] = _stored(store, [_candidate(3)])
    first, second = sitrep.open(db), sitrep.open(db)
    try:
        with first.read() as conn:
            seen_by_first = review.load(conn, incident.id or 0)
        with second.read() as conn:
            seen_by_second = review.load(conn, incident.id or 0)
        with first.transaction() as conn:
            review.set_field(conn, seen_by_first, "killed", "4", who="ana")
        with (
            pytest.raises(review.Conflict, match="changed by someone else"),
            second.transaction() as conn,
        ):
            review.set_field(conn, seen_by_second, "killed", "6", who="bo")
        with first.read() as conn:
            now = review.load(conn, incident.id or 0)
            edits = [e for e in list_audit(conn, entity="incident") if e.action == "set"]
        assert now.killed is not None and now.killed.best == 4 and now.version == 2
        assert [e.who for e in edits] == ["ana"]  # nothing of bo's was written
    finally:
        first.close()
        second.close()


def test_two_sessions_writing_at_once_one_wins_one_conflicts(db: str) -> None:
    with sitrep.open(db) as store:
        [incident] = _stored(store, [_candidate(3)])
    results: list[str] = []
    start = threading.Barrier(2)

    def edit(who: str, value: str) -> None:
        with sitrep.open(db) as session:
            with session.read() as conn:
                seen = review.load(conn, incident.id or 0)
            start.wait()
            try:
                with session.transaction() as conn:
                    review.set_field(conn, seen, "killed", value, who=who)
                results.append("ok")
            except review.Conflict:
                results.append("conflict")

    threads = [threading.Thread(target=edit, args=(w, v)) for w, v in (("ana", "4"), ("bo", "6"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(results) == ["conflict", "ok"]


def test_split_and_field_review(db: str) -> None:
    with sitrep.open(db) as store:
        a, b, c = _stored(store, [_candidate(3), _candidate(5), _candidate(4)])
        with store.transaction() as conn:
            parent = review.merge(conn, [a, b, c], who="ana").incidents[-1]
        with store.transaction() as conn:
            review.split(
                conn, review.load(conn, parent.id or 0), [review.load(conn, c.id or 0)], who="ana"
            )
        with store.transaction() as conn:
            now = review.load(conn, parent.id or 0)
            assert now.killed is not None and (now.killed.low, now.killed.high) == (3, 5)
            assert review.load(conn, c.id or 0).status == "candidate"
            now = review.set_field(conn, now, "killed", "4", who="ana", why="count checked")
            now = review.review_field(conn, now, "place", "accepted", who="ana")
        assert now.field_status == {"killed": "edited", "place": "accepted"}
        with store.transaction() as conn:
            again = review.merge(
                conn, [review.load(conn, parent.id or 0), review.load(conn, c.id or 0)], who="ana"
            ).incidents[-1]
        assert again.killed is not None and again.killed.best == 4  # the hand-set value kept
        with store.read() as conn:
            trail = review_log.history(conn, again)
        assert {"create", "merge", "derive", "split", "set", "accepted field"} <= {
            e.action for e in trail
        }


def test_the_store_offers_the_same_operations(db: str) -> None:
    with sitrep.open(db) as store:
        a, b = _stored(store, [_candidate(3), _candidate(5)])
        parent = store.merge([a, b], who="ana", why="same strike")
        assert store.find_incident(parent.code or "").id == parent.id
        assert [m.id for m in store.members(parent)] == [a.id, b.id]
        edited = store.set_field(parent, "notes", "checked with the hospital", who="ana")
        confirmed = store.set_status(edited, "confirmed", who="ana")
        with pytest.raises(review.Conflict):
            store.set_status(parent, "rejected", who="bo")  # read before the edits
        store.undo(who="ana")
        assert store.find_incident(parent.id or 0).status == "candidate"
        assert confirmed.version == parent.version + 2
        actions = [e.action for e in store.history(parent)]
        assert actions[-3:] == ["set", "confirmed", "undo"]


def test_merging_two_incidents_of_several_keeps_only_reports_as_members(db: str) -> None:
    with sitrep.open(db) as store:
        a, b, c, d = _stored(store, [_candidate(3), _candidate(4), _candidate(5), _candidate(5)])
        first = store.merge([a, b], who="ana")
        second = store.merge([c, d], who="ana")
        both = store.merge([first, second], who="ana")
        assert both.id == first.id
        assert [m.id for m in store.members(both)] == [a.id, b.id, c.id, d.id]
        assert both.independent_sources == 4
        assert both.killed is not None and (both.killed.low, both.killed.high) == (3, 5)
        gone = store.find_incident(second.id or 0)
        assert gone.status == "merged" and gone.merged_into == first.id


def _anbar(name: str, lat: float, lon: float, precision: str = "exact") -> Incident:
    text = f"A drone strike hit {name} on Sunday."
    return Incident(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date=DateSpan(start="2024-01-28", end="2024-01-28", precision="day"),
        location=Place(
            name=name,
            admin1="Anbar",
            country_code="IRQ",
            latitude=lat,
            longitude=lon,
            precision=precision,  # type: ignore[arg-type]
        ),
        evidence=[Span(start=0, end=len(text), quote=text, field="location")],
    )


def test_a_vague_place_links_only_when_one_incident_on_record_could_be_it(db: str) -> None:
    from sitrep.store.matching import match_new, open_suggestions

    qaim, ramadi = _anbar("Al-Qa'im", 34.37, 41.09), _anbar("Ramadi", 33.42, 43.30)
    vague = _anbar("western Iraq", 33.4, 42.0, precision="admin1")
    with sitrep.open(db) as store:
        on_record = _stored(store, [qaim, ramadi])
        [new] = _stored(store, [vague])
        with store.transaction() as conn:
            matched = match_new(conn, [new.id or 0], who="sitrep matcher")
        assert matched.linked == () and matched.suggested == 2
        with store.read() as conn:
            waiting = open_suggestions(conn)
        assert {(s.a, s.b) for s in waiting} == {(i.id, new.id) for i in on_record}
        assert all("may be the match" in s.reasons[-1] for s in waiting)
        assert len(store.incidents()) == 3  # nothing merged
        # With Ramadi's strike rejected, Al-Qa'im's is the only reading: it links.
        store.set_status(on_record[1], "rejected", who="ana", why="not a strike")
        [again] = _stored(store, [vague])
        with store.transaction() as conn:
            matched = match_new(conn, [again.id or 0], who="sitrep matcher")
        assert [pair[0] for pair in matched.linked] == [again.id]
