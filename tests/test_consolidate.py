"""One incident from the candidate incidents of several reports (sitrep.consolidate)."""

from __future__ import annotations

import datetime as dt
import doctest
from collections.abc import Sequence
from types import ModuleType

import pytest

import sitrep.consolidate
import sitrep.consolidate_claims
import sitrep.consolidate_figures
import sitrep.consolidate_where_when
from sitrep.consolidate import (
    Claim,
    Member,
    combine_counts,
    combine_dates,
    combine_places,
    consolidate,
    grade,
)
from sitrep.models import Actor, Casualties, Count, DateSpan, Incident, Place, Span, Weapon


def exact(n: int) -> Count:
    return Count(low=n, best=n, high=n, qualifier="exact")


def member(
    report_id: int,
    source: int | None = None,
    *,
    killed: Count | None = None,
    injured: Count | None = None,
    date: DateSpan | None = None,
    place: Place | None = None,
    actors: Sequence[Actor] = (),
    event_type: str | None = None,
    sub_event_type: str | None = None,
    weapons: Sequence[Weapon] = (),
    casualties: Sequence[Casualties] = (),
    evidence: Sequence[Span] = (),
    credible: bool = True,
) -> Member:
    incident = Incident(
        killed=killed,
        injured=injured,
        date=date,
        location=place,
        actors=list(actors),
        event_type=event_type,
        sub_event_type=sub_event_type,
        weapons=list(weapons),
        casualties=list(casualties),
        evidence=list(evidence),
        report_ids=[report_id],
    )
    return Member(incident, report_id, report_id if source is None else source, credible)


def day(text: str) -> DateSpan:
    d = dt.date.fromisoformat(text)
    return DateSpan(start=d, end=d, precision="day", text=text)


def days(start: str, end: str, precision: str = "days") -> DateSpan:
    return DateSpan(
        start=dt.date.fromisoformat(start),
        end=dt.date.fromisoformat(end),
        precision=precision,  # type: ignore[arg-type]
    )


YEMEN = Place(name="Yemen", country_code="YEM", precision="country")
HUDAYDAH = Place(name="Al Hudaydah", admin1="Al Hudaydah", country_code="YEM", precision="admin1")
HODEIDAH_PORT = Place(
    name="Hodeidah port",
    admin1="Al Hudaydah",
    country_code="YEM",
    latitude=14.830,
    longitude=42.930,
    precision="exact",
)
HODEIDAH = Place(
    name="Hodeidah",
    admin1="Al Hudaydah",
    country_code="YEM",
    latitude=14.798,
    longitude=42.954,
    precision="exact",
)
ZABID = Place(
    name="Zabid",
    admin1="Al Hudaydah",
    country_code="YEM",
    latitude=14.195,
    longitude=43.315,
    precision="exact",
)
SANAA = Place(
    name="Sanaa",
    admin1="Amanat Al Asimah",
    country_code="YEM",
    latitude=15.369,
    longitude=44.191,
    precision="exact",
)


def houthis(attribution: str, channel: str | None = None) -> Actor:
    return Actor(
        name="Houthis",
        role="perpetrator",
        attribution=attribution,  # type: ignore[arg-type]
        claim_channel=channel,
        actor_id="houthis",
    )


# --------------------------------------------------------------------------------------
# Casualty figures
# --------------------------------------------------------------------------------------


def test_three_against_five_killed_keeps_both_and_takes_the_figure_most_sources_give() -> None:
    result = consolidate(
        [member(1, killed=exact(3)), member(4, killed=exact(3)), member(7, killed=exact(5))]
    )
    killed = result.killed
    assert killed is not None
    assert (killed.low, killed.best, killed.high) == (3, 3, 5)
    assert killed.by_report == ((1, exact(3)), (4, exact(3)), (7, exact(5)))
    assert killed.disagreement is True
    assert "low = lowest credible (3, reports 1, 4)" in killed.rule
    assert "high = highest credible (5, report 7)" in killed.rule
    assert "3: 2 sources" in killed.rule
    assert result.incident.killed == Count(low=3, best=3, high=5, qualifier="about")
    assert result.rules["killed"] == killed.rule


def test_one_source_each_is_a_tie_and_the_lower_figure_is_best() -> None:
    killed = consolidate([member(1, killed=exact(5)), member(2, killed=exact(3))]).killed
    assert killed is not None
    assert (killed.low, killed.best, killed.high) == (3, 3, 5)
    assert "a tie, the lower kept" in killed.rule


def test_ten_syndicated_copies_count_as_one_source_against_two_independent_ones() -> None:
    copies = [member(10 + i, source=10, killed=exact(5)) for i in range(10)]
    result = consolidate([*copies, member(1, killed=exact(3)), member(2, killed=exact(3))])
    killed = result.killed
    assert killed is not None
    assert killed.best == 3
    assert (killed.low, killed.high) == (3, 5)
    assert len(killed.by_report) == 12
    assert "3: 2 sources" in killed.rule and "5: 1 source" in killed.rule
    assert result.independent_sources == 3


def test_the_same_figures_are_no_disagreement() -> None:
    killed = consolidate([member(1, killed=exact(4)), member(2, killed=exact(4))]).killed
    assert killed is not None
    assert (killed.low, killed.best, killed.high, killed.disagreement) == (4, 4, 4, False)


@pytest.mark.parametrize(
    ("figures", "high"),
    [
        pytest.param(
            [Count(low=7, qualifier="at_least"), exact(5)],
            None,
            id="at least 7 with nothing higher known leaves the high open",
        ),
        pytest.param(
            [Count(low=3, qualifier="at_least"), exact(5)],
            5,
            id="at least 3 is bounded by a report of 5",
        ),
        pytest.param(
            [Count(low=3, qualifier="at_least"), exact(3)],
            None,
            id="at least 3 beside exactly 3 knows nothing higher",
        ),
        pytest.param(
            [Count(low=8, qualifier="more_than"), exact(8)],
            8,
            id="more than 7 is bounded by a report of 8",
        ),
    ],
)
def test_an_open_ended_figure_sets_the_high_only_when_nothing_higher_is_known(
    figures: list[Count], high: int | None
) -> None:
    figure = combine_counts([(i + 1, i + 1, True, c) for i, c in enumerate(figures)])
    assert figure is not None
    assert figure.high == high
    if high is None:
        assert "high = none (report 1 says at least" in figure.rule


def test_the_conservative_figure_is_the_lowest_number_reported_not_a_vague_floor() -> None:
    figure = combine_counts(
        [
            (1, 1, True, Count(low=24, qualifier="vague")),  # "dozens"
            (2, 2, True, Count(best=30, qualifier="about")),  # "about 30"
            (3, 3, True, Count(low=1, high=40, qualifier="up_to")),  # "up to 40"
        ]
    )
    assert figure is not None
    assert (figure.low, figure.best, figure.high, figure.conservative) == (1, 30, 40, 30)


def test_a_report_marked_not_credible_is_listed_but_not_used() -> None:
    members = [
        member(1, killed=exact(3), event_type="Battles"),
        member(2, killed=exact(5), event_type="Battles"),
        member(9, killed=exact(50), event_type="Riots", credible=False),
    ]
    result = consolidate(members)
    killed = result.killed
    assert killed is not None
    assert (killed.low, killed.best, killed.high, killed.conservative) == (3, 3, 5, 3)
    assert [rid for rid, _ in killed.by_report] == [1, 2, 9]
    assert "not used: report 9 (marked not credible)" in killed.rule
    assert result.independent_sources == 2
    assert result.incident.report_ids == [1, 2, 9]
    assert result.incident.event_type == "Battles"
    assert not any("event types" in c for c in result.conflicts)
    assert "report 9" in result.rules["credibility"]


def test_no_count_in_any_report_gives_no_figure() -> None:
    assert combine_counts([]) is None
    result = consolidate([member(1), member(2)])
    assert result.killed is None and result.incident.killed is None
    assert result.rules["killed"] == "no report gives a figure"


def test_casualty_groups_are_combined_group_by_group() -> None:
    civilians = [
        Casualties(kind="killed", group="civilians", low=2, best=2, high=2),
        Casualties(kind="killed", group="civilians", low=4, best=4, high=4),
    ]
    result = consolidate(
        [member(1, casualties=[civilians[0]]), member(2, casualties=[civilians[1]])]
    )
    assert [(c.kind, c.group, c.low, c.best, c.high) for c in result.incident.casualties] == [
        ("killed", "civilians", 2, 2, 4)
    ]


# --------------------------------------------------------------------------------------
# Claims and grades
# --------------------------------------------------------------------------------------


def test_a_claim_and_a_denial_make_it_contested_and_both_keep_their_sources() -> None:
    army = Actor(name="Malian Armed Forces", role="perpetrator", attribution="denied")
    jnim = Actor(name="JNIM", role="perpetrator", attribution="claimed", claim_channel="Telegram")
    result = consolidate([member(3, actors=[jnim]), member(5, actors=[army])])
    assert result.grade == "contested"
    assert result.incident.grade == "contested"
    assert result.grade_rule == (
        "contested: JNIM claimed it (report 3) and Malian Armed Forces denied it (report 5)"
    )
    assert [(c.actor, c.attribution, c.report_ids, c.sources) for c in result.claims] == [
        ("JNIM", "claimed", (3,), 1),
        ("Malian Armed Forces", "denied", (5,), 1),
    ]
    assert result.claims[0].claim_channel == "Telegram"
    assert result.competing_claims is False


def test_a_denial_is_never_overwritten_by_the_same_actors_claim() -> None:
    result = consolidate(
        [member(1, actors=[houthis("claimed", "X")]), member(2, actors=[houthis("denied")])]
    )
    assert [(c.attribution, c.report_ids) for c in result.claims] == [
        ("claimed", (1,)),
        ("denied", (2,)),
    ]
    assert result.grade == "contested"
    # The incident's actor carries the strongest attribution; the denial stays a claim.
    assert [(a.name, a.attribution) for a in result.incident.actors] == [("Houthis", "claimed")]


def test_two_actors_claiming_it_are_competing_claims() -> None:
    other = Actor(name="Islamic Resistance in Iraq", role="perpetrator", attribution="claimed")
    result = consolidate(
        [member(1, actors=[houthis("claimed")]), member(2, actors=[other]), member(3)]
    )
    assert result.competing_claims is True
    assert result.grade == "contested"
    assert "more than one actor claims it" in result.grade_rule
    assert any(c.startswith("perpetrators differ: Houthis (report 1)") for c in result.conflicts)


def test_a_claim_and_an_independent_report_confirm_it() -> None:
    result = consolidate([member(1, actors=[houthis("claimed", "X")]), member(2)])
    assert result.grade == "confirmed"
    assert result.grade_rule == (
        "confirmed: Houthis claimed it (report 1), and 2 independent sources report the incident"
    )


def test_a_claim_carried_only_by_copies_of_one_story_is_weak() -> None:
    result = consolidate(
        [member(1, actors=[houthis("claimed")]), member(2, source=1, actors=[houthis("claimed")])]
    )
    assert result.independent_sources == 1
    assert result.grade == "weak"
    assert "no other independent source" in result.grade_rule
    assert result.claims[0].report_ids == (1, 2) and result.claims[0].sources == 1


def test_two_independent_sources_are_fair() -> None:
    result = consolidate([member(1), member(2)])
    assert (result.grade, result.independent_sources) == ("fair", 2)
    assert result.grade_rule.startswith("fair: 2 independent credible sources")


def test_a_single_report_is_weak() -> None:
    result = consolidate([member(1)])
    assert (result.grade, result.independent_sources) == ("weak", 1)


def test_syndicated_copies_alone_are_one_source_and_weak() -> None:
    result = consolidate([member(10 + i, source=10) for i in range(5)])
    assert (result.grade, result.independent_sources) == ("weak", 1)
    assert "syndicated copies count once" in result.grade_rule


def test_grade_reads_only_its_arguments() -> None:
    suspected = Claim("Houthis", "houthis", "suspected", None, (1, 2), 2)
    assert grade([suspected], 2, False)[0] == "fair"
    assert grade([suspected], 1, False)[0] == "weak"
    assert grade([suspected], 2, True)[0] == "contested"


def test_actors_are_merged_by_registry_id_with_the_strongest_attribution() -> None:
    plain = Actor(name="Ansar Allah", role="perpetrator", attribution="suspected")
    ship = Actor(name="MV Tutor", role="target")
    result = consolidate(
        [
            member(1, actors=[plain, ship]),
            member(2, actors=[houthis("attributed_by_official")]),
            member(3, actors=[Actor(name="Ansar Allah", role="perpetrator", actor_id="houthis")]),
        ]
    )
    assert [(a.name, a.role, a.attribution, a.actor_id) for a in result.incident.actors] == [
        ("Houthis", "perpetrator", "attributed_by_official", "houthis"),
        ("MV Tutor", "target", None, None),
    ]
    assert [(c.attribution, c.report_ids) for c in result.claims] == [
        ("attributed_by_official", (2,)),
        ("suspected", (1,)),
        ("unknown", (3,)),
    ]


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------


def test_dates_are_the_intersection_of_the_reports_intervals() -> None:
    span, rule, conflict = combine_dates(
        [
            (1, days("2024-03-01", "2024-03-31", "month")),
            (2, day("2024-03-04")),
            (3, days("2024-03-03", "2024-03-05")),
        ]
    )
    assert span == day("2024-03-04")
    assert rule == "intersection of 3 reports' intervals (2024-03-04, reports 1, 2, 3)"
    assert conflict is None


def test_an_intersection_no_report_gave_gets_its_own_precision() -> None:
    span, _rule, _ = combine_dates(
        [(1, days("2024-03-01", "2024-03-31", "month")), (2, days("2024-03-20", "2024-04-10"))]
    )
    assert span is not None
    assert (span.start, span.end, span.precision) == (
        dt.date(2024, 3, 20),
        dt.date(2024, 3, 31),
        "part_of_month",
    )


def test_dates_that_do_not_intersect_are_covered_and_reported_as_a_conflict() -> None:
    result = consolidate([member(1, date=day("2024-03-04")), member(2, date=day("2024-03-09"))])
    date = result.incident.date
    assert date is not None
    assert (date.start, date.end, date.precision) == (
        dt.date(2024, 3, 4),
        dt.date(2024, 3, 9),
        "days",
    )
    assert result.conflicts == ("dates do not overlap: report 1 2024-03-04, report 2 2024-03-09",)
    assert result.rules["date"] == (
        "dates do not overlap; kept the span covering them all "
        "(2024-03-04..2024-03-09, precision widened to days)"
    )


def test_no_date_in_any_report() -> None:
    assert combine_dates([(1, DateSpan())]) == (None, "no report gives a date", None)


# --------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------


def test_the_most_precise_consistent_place_is_kept() -> None:
    result = consolidate(
        [member(1, place=YEMEN), member(2, place=HUDAYDAH), member(4, place=HODEIDAH_PORT)]
    )
    assert result.incident.location == HODEIDAH_PORT
    assert result.rules["location"] == "most precise consistent place (exact, report 4)"
    assert result.conflicts == ()
    assert result.incident.location_candidates[0] == HODEIDAH_PORT
    assert len(result.incident.location_candidates) == 3


def test_two_points_a_few_km_apart_are_one_place() -> None:
    place, _rule, conflict = combine_places([(1, HODEIDAH), (2, HODEIDAH_PORT)])
    assert place == HODEIDAH
    assert conflict is None


def test_a_far_away_place_is_a_conflict_and_the_place_most_sources_give_is_kept() -> None:
    zabid_copies = [member(10 + i, source=10, place=ZABID) for i in range(3)]
    result = consolidate([*zabid_copies, member(1, place=HODEIDAH), member(2, place=HODEIDAH)])
    assert result.incident.location == HODEIDAH
    assert "kept the place most sources give (Hodeidah (exact), 2 of 3" in result.rules["location"]
    [conflict] = result.conflicts
    assert conflict.startswith(
        "places disagree: Hodeidah (exact) (report 1) and Zabid (exact) (report 10) are 77 km apart"
    )


def test_places_in_other_provinces_disagree() -> None:
    _place, _rule, conflict = combine_places([(1, HODEIDAH), (2, SANAA)])
    assert conflict is not None
    assert "in different provinces (Al Hudaydah, Amanat Al Asimah)" in conflict


def test_places_in_other_countries_disagree() -> None:
    aden_gulf = Place(name="Djibouti", country_code="DJI", precision="country")
    _place, _rule, conflict = combine_places([(1, YEMEN), (2, aden_gulf)])
    assert conflict is not None and "different countries" in conflict


# --------------------------------------------------------------------------------------
# Event type, weapons, evidence
# --------------------------------------------------------------------------------------


def test_the_event_type_most_sources_give_wins_and_a_difference_is_a_conflict() -> None:
    strike = ("Explosions/Remote violence", "Air/drone strike")
    result = consolidate(
        [
            member(1, event_type="Battles", sub_event_type="Armed clash"),
            member(2, event_type=strike[0], sub_event_type=strike[1]),
            member(3, event_type=strike[0], sub_event_type=strike[1]),
        ]
    )
    assert (result.incident.event_type, result.incident.sub_event_type) == strike
    assert result.conflicts == (
        "event types differ: Battles (report 1: 1 source), "
        "Explosions/Remote violence (reports 2, 3: 2 sources)",
    )


def test_an_event_type_tie_goes_to_the_first_report() -> None:
    result = consolidate([member(2, event_type="Riots"), member(1, event_type="Battles")])
    assert result.incident.event_type == "Battles"


def test_weapons_are_a_union_and_evidence_carries_its_report() -> None:
    quote = Span(start=0, end=5, quote="drone")
    result = consolidate(
        [
            member(1, weapons=["drone"], evidence=[quote]),
            member(2, weapons=["missile", "drone"], evidence=[quote]),
        ]
    )
    assert result.incident.weapons == ["drone", "missile"]
    assert [s.report_id for s in result.incident.evidence] == [1, 2]


def test_the_incident_carries_its_rules_claims_and_independent_sources() -> None:
    army = Actor(name="Yemeni Army", role="perpetrator", attribution="suspected")
    result = consolidate(
        [
            member(1, actors=[houthis("claimed", "Telegram")], killed=exact(3)),
            member(2, source=1, actors=[houthis("claimed")], killed=exact(3)),  # a copy of 1
            member(3, actors=[army], killed=exact(4)),
            member(4, actors=[houthis("denied")], credible=False),
        ]
    )
    incident = result.incident
    assert incident.rules == result.rules
    assert incident.rules["killed"].startswith("low = lowest credible (3, reports 1, 2)")
    assert incident.claims == [
        {
            "actor": "Houthis",
            "actor_id": "houthis",
            "attribution": "claimed",
            "claim_channel": "Telegram",
            "report_ids": [1, 2],
            "sources": 1,
        },
        {
            "actor": "Yemeni Army",
            "actor_id": None,
            "attribution": "suspected",
            "claim_channel": None,
            "report_ids": [3],
            "sources": 1,
        },
    ]
    # The copy counts once and the report marked not credible not at all.
    assert incident.independent_sources == result.independent_sources == 2
    # What the incident carries survives a trip through JSON, as the store keeps it.
    assert Incident.model_validate_json(incident.model_dump_json()) == incident


def test_one_report_alone_still_carries_its_rules_and_one_source() -> None:
    incident = consolidate([member(7, killed=exact(1))]).incident
    assert incident.rules["grade"] == "weak: one independent source (syndicated copies count once)"
    assert incident.claims == []
    assert incident.independent_sources == 1


@pytest.mark.parametrize(
    "module",
    [
        sitrep.consolidate,
        sitrep.consolidate_figures,
        sitrep.consolidate_where_when,
        sitrep.consolidate_claims,
    ],
    ids=lambda m: f"the examples in {m.__name__} hold",
)
def test_module_examples(module: ModuleType) -> None:
    found = doctest.testmod(module)
    assert found.attempted > 0
    assert found.failed == 0


def test_no_member_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one member"):
        consolidate([])
