"""Aggregate statements against the incidents on record (sitrep.reconcile)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sitrep.models import (
    Actor,
    AggregateStatement,
    Area,
    Casualties,
    Count,
    DateSpan,
    Incident,
    Place,
)
from sitrep.reconcile import reconcile, source_figure
from sitrep.resolve.actors import ActorRegistry

# A small actor list of its own, so these tests do not move when the bundled one grows.
ACTORS = ActorRegistry.from_yaml(
    """
actors:
  - id: resistance-front
    name: Resistance Front
    type: Political Militias
  - id: brigade-one
    name: Brigade One
    type: Political Militias
    umbrella: [resistance-front]
  - id: brigade-two
    name: Brigade Two
    type: Political Militias
    umbrella: [resistance-front]
  - id: cell-nine
    name: Cell Nine
    type: Political Militias
    umbrella: [brigade-one]
  - id: river-army
    name: River Army
    type: State Forces
unnamed:
  - id: unnamed-militias
    name: militias
    patterns: [militias]
""",
    source="test actors",
)

SINCE_NOVEMBER = DateSpan(
    start=dt.date(2023, 11, 1), end=dt.date(2024, 8, 7), precision="part_of_month"
)


def actor(name: str, actor_id: str | None, attribution: Any = "attributed_by_source") -> Actor:
    return Actor(name=name, actor_id=actor_id, role="perpetrator", attribution=attribution)


def statement(**fields: Any) -> AggregateStatement:
    values: dict[str, Any] = {
        "metric": "attacks",
        "value": Count(low=101, qualifier="more_than"),
        "period": SINCE_NOVEMBER,
    }
    values.update(fields)
    return AggregateStatement(**values)


def incident(
    incident_id: int,
    day: str | None = "2024-01-10",
    until: str | None = None,
    actors: list[Actor] | None = None,
    **fields: Any,
) -> Incident:
    date = None
    if day is not None:
        date = DateSpan(
            start=dt.date.fromisoformat(day),
            end=dt.date.fromisoformat(until or day),
            precision="day" if until is None else "month",
        )
    return Incident(id=incident_id, date=date, actors=actors or [], **fields)


def test_incidents_inside_the_period_count_and_the_edges_are_inclusive() -> None:
    found = reconcile(
        statement(),
        [
            incident(1, "2023-11-01"),  # the first day
            incident(2, "2024-08-07"),  # the last day
            incident(3, "2023-10-31"),  # the day before
            incident(4, "2024-08-08"),  # the day after
            incident(5, "2024-03-01", "2024-03-31"),  # a month inside
        ],
        actors=ACTORS,
    )
    assert found.incident_ids == (1, 2, 5)
    assert found.recorded == 3
    assert found.possible_ids == ()


def test_an_interval_across_the_periods_edge_or_no_date_is_possible_not_counted() -> None:
    found = reconcile(
        statement(),
        [
            incident(1, "2023-10-01", "2023-11-30"),  # October-November
            incident(2, "2024-08-01", "2024-08-31"),  # August, past the report's day
            incident(3, None),
            incident(4, "2024-02-02"),
        ],
        actors=ACTORS,
    )
    assert (found.incident_ids, found.possible_ids) == ((4,), (1, 2, 3))
    assert (found.recorded, found.possible) == (1, 3)
    assert found.phrase() == "source: more than 100; recorded: 1 (+3 possible)"


def test_a_member_counts_for_its_umbrella_through_every_level() -> None:
    front = statement(actors=[actor("Resistance Front", "resistance-front")])
    incidents = [
        incident(1, actors=[actor("Brigade One", "brigade-one")]),
        incident(2, actors=[actor("Cell Nine", "cell-nine")]),  # member of a member
        incident(3, actors=[actor("River Army", "river-army")]),
        incident(4, actors=[actor("Resistance Front", "resistance-front")]),
    ]
    found = reconcile(front, incidents, actors=ACTORS)
    assert found.incident_ids == (1, 2, 4)
    assert "by Resistance Front" in found.scope


def test_an_incident_coded_to_the_umbrella_is_only_possible_for_one_member() -> None:
    brigade = statement(actors=[actor("Brigade One", "brigade-one")])
    incidents = [
        incident(1, actors=[actor("Resistance Front", "resistance-front")]),
        incident(2, actors=[actor("Brigade Two", "brigade-two")]),  # a sibling: no
        incident(3, actors=[actor("Brigade One", "brigade-one")]),
        incident(4, actors=[]),  # no perpetrator known
    ]
    found = reconcile(brigade, incidents, actors=ACTORS)
    assert (found.incident_ids, found.possible_ids) == ((3,), (1, 4))


def test_unnamed_kinds_match_by_their_words_and_names_without_ids_by_name() -> None:
    iraqi = statement(actors=[actor("Iraqi militias", "unnamed-militias")])
    incidents = [
        incident(1, actors=[actor("Iraqi militias", "unnamed-militias")]),
        incident(2, actors=[actor("Iran-backed Shiite militias", "unnamed-militias")]),
        incident(3, actors=[actor("Brigade One", "brigade-one")]),
    ]
    found = reconcile(iraqi, incidents, actors=ACTORS)
    assert (found.incident_ids, found.possible_ids) == ((1,), (2,))

    by_name = statement(actors=[actor("Sun Battalion", None)])
    found = reconcile(
        by_name,
        [
            incident(1, actors=[actor("sun  battalion", None)]),
            incident(2, actors=[actor("Moon Battalion", None)]),
        ],
        actors=ACTORS,
    )
    assert found.incident_ids == (1,)


def test_a_denial_makes_the_incident_possible_only() -> None:
    brigade = statement(actors=[actor("Brigade One", "brigade-one")])
    denied = incident(1, actors=[actor("Brigade One", "brigade-one", "denied")])
    claimed = incident(2, actors=[actor("Brigade One", "brigade-one", "claimed")])
    found = reconcile(brigade, [denied, claimed], actors=ACTORS)
    assert (found.incident_ids, found.possible_ids) == ((2,), (1,))


def test_a_statement_without_actors_counts_every_actor_and_says_so() -> None:
    found = reconcile(
        statement(actors=[]),
        [
            incident(1, actors=[actor("River Army", "river-army")]),
            incident(2, actors=[]),
        ],
        actors=ACTORS,
    )
    assert found.incident_ids == (1, 2)
    assert "no actor named: incidents by any actor" in found.unknown


def test_weapons_and_country_narrow_the_scope_when_the_statement_names_them() -> None:
    launches = statement(
        weapons=["missile", "drone"],
        location=Area(text="in Iraq", country_codes=["IRQ"]),
    )
    iraq = Place(name="Erbil", country_code="IRQ", precision="exact")
    syria = Place(name="Deir ez-Zor", country_code="SYR", precision="exact")
    found = reconcile(
        launches,
        [
            incident(1, weapons=["drone"], location=iraq),
            incident(2, weapons=["rocket"], location=iraq),
            incident(3, weapons=["missile"], location=syria),
            incident(4, weapons=[], location=iraq),  # weapon not recorded
            incident(5, weapons=["missile", "rocket"], location=None),  # place not known
        ],
        actors=ACTORS,
    )
    assert (found.incident_ids, found.possible_ids) == ((1,), (4, 5))
    assert found.scope == "attacks, 2023-11-01..2024-08-07, with missile or drone, in IRQ"


def test_killed_adds_up_best_else_low_and_says_how_many_gave_no_figure() -> None:
    toll = statement(metric="people killed", value=Count(best=50, high=50, qualifier="about"))
    found = reconcile(
        toll,
        [
            incident(1, killed=Count(low=3, best=3, high=3)),
            incident(2, killed=Count(low=12, best=None, qualifier="at_least")),
            incident(3, killed=None),
            incident(4, "2024-09-01", killed=Count(low=40, best=40, high=40)),  # after
            incident(5, None, killed=Count(low=5, best=5, high=5)),  # undated
        ],
        actors=ACTORS,
    )
    assert found.recorded == 15
    assert found.incident_ids == (1, 2, 3)
    assert found.possible == 5
    assert "1 incident(s) in scope give no killed figure" in found.unknown
    assert found.phrase() == "source: about 50; recorded: 15 (+5 possible)"


def test_injured_and_abducted_read_their_own_figures() -> None:
    hurt = statement(metric="people injured", value=Count(low=10, qualifier="at_least"))
    taken = statement(metric="people abducted", value=Count(low=10, qualifier="at_least"))
    incidents = [
        incident(1, killed=Count(best=9, low=9, high=9), injured=Count(best=4, low=4, high=4)),
        incident(
            2,
            casualties=[
                Casualties(kind="abducted", group="aid workers", low=2, best=2, high=2),
                Casualties(kind="abducted", group="civilians", low=3, best=None),
            ],
        ),
    ]
    assert reconcile(hurt, incidents, actors=ACTORS).recorded == 4
    assert reconcile(taken, incidents, actors=ACTORS).recorded == 5


def test_clashes_count_battles_and_rejected_or_merged_incidents_never_count() -> None:
    clashes = statement(metric="clashes")
    found = reconcile(
        clashes,
        [
            incident(1, event_type="Battles", sub_event_type="Armed clash"),
            incident(2, event_type="Explosions/Remote violence"),
            incident(3, event_type="Battles", status="rejected"),
            incident(4, event_type="Battles", status="merged"),
            incident(5, event_type="Battles", status="confirmed"),
            incident(6),  # no type: possible
        ],
        actors=ACTORS,
    )
    assert (found.incident_ids, found.possible_ids) == ((1, 5), (6,))


def test_munitions_count_incidents_and_an_old_metric_name_is_read_as_its_metric() -> None:
    found = reconcile(statement(metric="rockets fired"), [incident(1), incident(2)], actors=ACTORS)
    assert found.recorded == 2
    assert 'metric "rockets fired" read as "munitions fired"' in found.unknown
    assert "rounds per incident are not recorded: incidents counted" in found.unknown


def test_no_period_means_any_date_and_an_unstored_incident_is_refused() -> None:
    found = reconcile(statement(period=None), [incident(1, "1990-01-01")], actors=ACTORS)
    assert found.incident_ids == (1,)
    assert "no period: incidents of any date" in found.unknown
    with pytest.raises(ValueError, match="no id"):
        reconcile(statement(), [Incident()], actors=ACTORS)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (Count(low=101, qualifier="more_than"), "more than 100"),
        (Count(low=3, qualifier="at_least"), "at least 3"),
        (Count(best=200, qualifier="about"), "about 200"),
        (Count(low=3, best=None, high=5, qualifier="exact"), "3-5"),
        (Count(best=1200, low=1200, high=1200), "1,200"),
        (Count(high=40, qualifier="up_to"), "up to 40"),
        (Count(low=24, qualifier="vague"), "vague: at least 24"),
    ],
    ids=[
        "more than keeps the reported number",
        "at least",
        "about",
        "a range",
        "thousands separated",
        "up to",
        "vague words show their floor",
    ],
)
def test_the_source_figure_reads_as_the_report_said_it(value: Count, said: str) -> None:
    assert source_figure(value) == said


def test_a_statement_naming_two_countries_counts_incidents_in_either() -> None:
    attacks = statement(location=Area(text="bases in Iraq and Syria", country_codes=["IRQ", "SYR"]))
    found = reconcile(
        attacks,
        [
            incident(1, location=Place(name="Erbil", country_code="IRQ", precision="exact")),
            incident(2, location=Place(country_code="SYR", precision="country")),
            incident(3, location=Place(country_code="JOR", precision="region")),
            incident(4, location=None),
        ],
        actors=ACTORS,
    )
    assert (found.incident_ids, found.possible_ids) == ((1, 2), (4,))
    assert found.scope.endswith("in IRQ/SYR")


def test_a_stored_statement_written_with_a_single_place_reads_back_as_an_area() -> None:
    from sitrep.store.incidents import _area

    assert _area({"country_code": "IRQ", "text": "in Iraq", "precision": "country"}) == Area(
        text="in Iraq", country_codes=["IRQ"]
    )
    assert _area({"text": "in Iraq and Syria", "country_codes": ["IRQ", "SYR"]}) == Area(
        text="in Iraq and Syria", country_codes=["IRQ", "SYR"]
    )
    assert _area(None) is None
