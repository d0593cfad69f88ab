"""The extraction contract: JSON in, JSON out, evidence that quotes the text, no surprises."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.extract.contract import extract_document, extract_line, extract_lines
from sitrep.extract.incidents import extract

EXTRACT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "extract"


@pytest.mark.parametrize("path", sorted(EXTRACT.glob("*.py")), ids=lambda p: p.name)
def test_extraction_is_pure(path: Path) -> None:
    """extract/ imports neither the database, nor the network, nor the store."""
    tree = ast.parse(path.read_text("utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    banned = {
        "sqlalchemy",
        "alembic",
        "httpx",
        "requests",
        "urllib.request",
        "socket",
        "sitrep.store",
        "sitrep.pipeline",
    }
    assert not {n for n in names if n in banned or n.split(".")[0] in banned}


@pytest.mark.parametrize(
    ("line", "error"),
    [
        pytest.param("{not json", "line is not valid JSON", id="broken JSON is an error line"),
        pytest.param("[1, 2]", "line is not a JSON object", id="a JSON array is an error line"),
        pytest.param('{"text": "x"}', "missing required field 'id'", id="a line without id"),
        pytest.param('{"id": "a"}', "missing required field 'text'", id="a line without text"),
        pytest.param(
            '{"id": "a", "text": "x", "published": "2024-02-31"}',
            "published '2024-02-31' is not a valid",
            id="31 February is an error line",
        ),
    ],
)
def test_bad_lines_get_an_error_and_no_incidents(line: str, error: str) -> None:
    out = extract_line(line)
    assert error in out["error"]
    assert out["incidents"] == [] and out["aggregates"] == []


def test_output_keeps_input_order_with_workers() -> None:
    lines = [
        json.dumps(
            {
                "id": str(n),
                "text": f"Gunmen killed {n + 1} villagers yesterday.",
                "published": "2024-08-07",
            }
        )
        for n in range(40)
    ]
    lines.insert(7, "{broken")
    one = list(extract_lines(lines, workers=1))
    two = list(extract_lines(lines, workers=2))
    assert one == two
    assert [o["id"] for o in one][:8] == ["0", "1", "2", "3", "4", "5", "6", None]
    assert [o["incidents"][0]["killed"]["best"] for o in one if o["id"] is not None] == list(
        range(1, 41)
    )


def test_a_report_with_no_incident_yields_none() -> None:
    text = (
        "The defense ministers discussed humanitarian aid and the release of hostages. "
        "They agreed to stay in close contact about regional security."
    )
    assert extract(text, published="2023-11-25").incidents == []


def test_a_threat_and_a_plan_are_not_incidents() -> None:
    text = (
        "The group threatened to attack the capital. Officials fear a larger assault "
        "is being planned."
    )
    assert extract(text, published="2024-01-01").incidents == []


def test_background_is_dated_from_its_own_words_never_to_the_publication_day() -> None:
    found = extract(
        "In 2014, militants bombed the old bridge, killing 12 people.", published="2024-08-07"
    )
    [incident] = found.incidents
    assert (str(incident.date.start), str(incident.date.end)) == ("2014-01-01", "2014-12-31")
    assert incident.date.precision == "year"


def test_the_date_something_was_said_is_kept_apart_from_the_event_date() -> None:
    found = extract(
        "The army said on Tuesday that rebels attacked a checkpoint on Monday, "
        "killing two soldiers.",
        published="2024-08-07",
    )
    [incident] = found.incidents
    assert str(incident.date.start) == "2024-08-05"
    assert incident.sub_event_type == "Armed clash"


def test_an_intercepted_attack_is_still_an_incident_with_its_outcome() -> None:
    [incident] = extract(
        "On Tuesday the destroyer shot down a drone launched by the Houthis.",
        published="2024-02-07",
    ).incidents
    assert incident.outcome == "intercepted"
    assert incident.sub_event_type == "Disrupted weapons use"
    assert incident.weapons == ["drone"]


def test_a_round_up_keeps_its_incidents_apart() -> None:
    text = (
        "On Monday a car bomb exploded in the market, killing nine people. "
        "In another attack on Tuesday, gunmen kidnapped two aid workers."
    )
    found = extract(text, published="2024-08-07")
    assert [(i.sub_event_type, str(i.date.start)) for i in found.incidents] == [
        ("Remote explosive/landmine/IED", "2024-08-05"),
        ("Abduction/forced disappearance", "2024-08-06"),
    ]
    assert found.incidents[0].killed is not None and found.incidents[0].killed.best == 9


def test_a_repeated_figure_is_not_counted_twice() -> None:
    text = (
        "A roadside bomb killed three soldiers near the border yesterday. "
        "The blast killed three soldiers and wounded two, the army said."
    )
    [incident] = extract(text, published="2024-08-07").incidents
    assert incident.killed is not None and incident.killed.best == 3
    assert incident.injured is not None and incident.injured.best == 2


def test_no_date_in_the_text_gives_on_or_before_publication() -> None:
    [incident] = extract(
        "Gunmen attacked a bus and killed four passengers.", published="2024-08-07"
    ).incidents
    assert incident.date.start is None
    assert str(incident.date.end) == "2024-08-07"
    assert incident.date.precision == "unknown"


def test_every_value_has_evidence_that_quotes_the_text() -> None:
    text = (
        "BAGHDAD, Aug 5, 2024 (Reuters) - Two rockets struck a U.S. base in western Iraq on "
        "Monday, injuring seven Americans, officials said."
    )
    out = extract_document("r", text)
    [incident] = out["incidents"]
    fields = {e["field"] for e in incident["evidence"]}
    assert {"event_type", "weapons", "date", "injured"} <= fields
    for e in incident["evidence"]:
        assert text[e["start"] : e["end"]] == e["quote"]
    assert incident["date"]["start"] == "2024-08-05"  # the dateline is the anchor


_WORDS = st.sampled_from(
    [
        "killed",
        "wounded",
        "two",
        "at least",
        "more than",
        "dozens",
        "31 February",
        "yesterday",
        "on Monday",
        "rockets",
        "attack",
        "10000000000000000000000",
        "the",
        ".",
        ",",
        "\n\n",
        "U.S.",
        "Gen.",
        "drone",
        "since November",
        "bomb exploded",
        "no one was hurt",
        "kidnapped",
        "late January 2024",
        "3-4 May",
        "LAST NIGHT",
        "MAY",
        "had",
        "people",
        "soldiers",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(_WORDS, st.text(max_size=12)), max_size=60),
    st.sampled_from([None, "2024-08-07", "1990-01-10T09:30:00+03:00"]),
)
def test_arbitrary_text_never_breaks_extraction(words: list[str], published: str | None) -> None:
    text = " ".join(words)
    out = extract_document("fuzz", text, published=published)
    assert out["error"] is None
    for incident in out["incidents"]:
        _check_counts_and_spans(text, incident)
    for statement in out["aggregates"]:
        _check_span_list(text, statement["evidence"])


def test_ten_thousand_repeated_killed() -> None:
    text = "killed " * 10_000
    out = extract_document("many", text, published="2024-08-07")
    assert out["error"] is None
    for incident in out["incidents"]:
        _check_counts_and_spans(text, incident)


def _check_counts_and_spans(text: str, incident: dict) -> None:
    _check_span_list(text, incident["evidence"])
    for count in [incident["killed"], incident["injured"], *incident["casualties"]]:
        if count is None:
            continue
        values = [v for v in (count["low"], count["best"], count["high"]) if v is not None]
        assert values == sorted(values)
    date = incident["date"]
    if date["start"] and date["end"]:
        assert date["start"] <= date["end"]


def _check_span_list(text: str, spans: list[dict]) -> None:
    for e in spans:
        assert 0 <= e["start"] <= e["end"] <= len(text)
        assert text[e["start"] : e["end"]] == e["quote"]


def test_an_act_earlier_in_the_day_is_its_own_incident_on_that_day() -> None:
    text = (
        "U.S. forces carried out airstrikes on Dec. 25 against facilities the militia uses. "
        "The militia had attacked coalition forces at Erbil earlier in the day, leaving "
        "several people injured. Early assessments show that the strikes destroyed the "
        "facilities and that a number of militants were likely killed."
    )
    found = extract(text, published="2023-12-26")
    assert [(i.sub_event_type, str(i.date.start)) for i in found.incidents] == [
        ("Air/drone strike", "2023-12-25"),
        ("Armed clash", "2023-12-25"),
    ]
    strikes, attack = found.incidents
    assert strikes.killed is not None and strikes.killed.low == 2  # "a number of"
    assert attack.injured is not None and attack.injured.low == 3  # "several"


def test_a_missile_launched_and_hitting_a_ship() -> None:
    text = (
        "On Mar. 6 an anti-ship ballistic missile was launched toward the bulk carrier. "
        "The missile hit the ship. The crew reports two presumed fatalities and six "
        "injuries."
    )
    [incident] = extract(text, published="2024-03-06").incidents
    assert incident.sub_event_type == "Shelling/artillery/missile attack"
    assert (incident.killed.best, incident.injured.best) == (2, 6)  # type: ignore[union-attr]


def test_a_toll_over_a_period_is_an_aggregate_statement_not_an_incident() -> None:
    found = extract(
        "Since the party was founded, nearly 1,000 of its members have been murdered.",
        published="1989-03-29",
    )
    assert found.incidents == []
    [statement] = found.aggregates
    assert statement.metric == "people killed"
    assert statement.value.best == 1000


def test_a_dateless_generality_is_not_an_incident() -> None:
    found = extract(
        "Many soldiers and officers have been killed, but they are heroes.", published="1989-08-07"
    )
    assert found.incidents == []


def test_a_past_act_named_in_passing_is_not_dated_to_the_report() -> None:
    text = (
        "Police arrested a suspect today. He was detained shortly after the senator's "
        "assassination and is accused of killing two guards."
    )
    assert extract(text, published="1989-10-11").incidents == []


def test_a_toll_next_to_its_period_is_an_aggregate_whatever_else_the_sentence_dates() -> None:
    found = extract(
        "Costa Rica proposed a truce today in the wake of the fighting, which has "
        "left 2,000 dead in the past month.",
        published="1989-12-13",
    )
    assert found.incidents == []
    [statement] = found.aggregates
    assert (statement.metric, statement.value.best) == ("people killed", 2000)
    assert statement.period is not None and statement.period.precision == "month"


def test_fighters_killed_by_a_strike_count_even_when_they_were_attacking_others() -> None:
    text = (
        "Al-Shabaab fighters were attacking army forces near Cadale on Nov. 3, when U.S. "
        "forces hit them with a strike. The strike killed 15 of the attacking al-Shabaab "
        "fighters and left no civilians dead or injured."
    )
    [incident] = extract(text, published="2022-11-05").incidents
    assert incident.sub_event_type == "Air/drone strike"
    assert incident.killed is not None and incident.killed.best == 15
    assert incident.injured is not None and incident.injured.best == 0  # one span, two zeros


def test_a_defused_device_harmed_no_one_unless_the_report_says_otherwise() -> None:
    text = "Police defused a dynamite charge at the Social Savings Bank in Itagui today."
    [incident] = extract(text, published="1989-09-06").incidents
    assert incident.sub_event_type == "Disrupted weapons use"
    assert incident.killed is not None and incident.killed.best == 0
    assert incident.injured is not None and incident.injured.best == 0
    killed = next(s for s in incident.evidence if s.field == "killed")
    assert killed.quote == "defused"


def test_an_intercepted_drone_that_hurt_people_keeps_its_figures() -> None:
    text = "Air defences intercepted a drone over the city on Monday, injuring two people."
    [incident] = extract(text, published="2024-03-06").incidents
    assert incident.killed is None
    assert incident.injured is not None and incident.injured.best == 2


def test_a_death_told_two_sentences_after_the_act_belongs_to_it() -> None:
    text = (
        "At 0945 this morning, a group of gunmen attacked former defence minister Enrique "
        "Lopez. His driver escaped unhurt and called for help. The victim was taken to the "
        "air force hospital where he passed away."
    )
    [incident] = extract(text, published="1990-01-09").incidents
    assert incident.killed is not None and incident.killed.best == 1


def test_a_death_far_from_any_act_is_not_given_to_one() -> None:
    text = (
        "Gunmen attacked a bus in the north on Monday. The government met on Tuesday. "
        "Ministers spoke about the budget. Schools reopened in the capital. The talks "
        "went on. A man died in the capital, his family said."
    )
    [incident] = extract(text, published="2024-03-06").incidents
    assert incident.killed is None


def test_a_toll_told_just_before_its_act_belongs_to_it() -> None:
    text = (
        "Two people were killed today in Lima. The attack took place at 2100 at the embassy gate."
    )
    [incident] = extract(text, published="1990-01-16").incidents
    assert incident.killed is not None and incident.killed.best == 2


def test_a_small_toll_of_many_attacks_over_a_period_is_an_aggregate() -> None:
    text = (
        "A bomb went off at a bank in Belen today; no one was hurt. The terrorist attacks "
        "carried out in Medellin over the past 12 days have killed 2 people."
    )
    found = extract(text, published="1989-09-06")
    [incident] = found.incidents
    assert incident.killed is not None and incident.killed.best == 0
    assert [(a.metric, a.value.best) for a in found.aggregates] == [("people killed", 2)]


def test_hurled_dynamite_is_an_explosive_attack() -> None:
    text = "Ten terrorists hurled dynamite sticks at the embassy today, causing no casualties."
    [incident] = extract(text, published="1990-01-16").incidents
    assert incident.event_type == "Explosions/Remote violence"
    assert incident.killed is not None and incident.killed.best == 0


def test_an_aggregate_statement_keeps_the_countries_it_counts_in() -> None:
    text = (
        "Since October, the militias have carried out more than 150 attacks against bases "
        "in Iraq and Syria that host U.S. troops. They also fired 40 drones at ships."
    )
    found = extract(text, published="2024-02-01").aggregates
    by_value = {a.value.low or a.value.best: a for a in found}
    area = by_value[151].location
    assert area is not None
    assert area.country_codes == ["IRQ", "SYR"]
    assert area.text is not None and area.text.endswith("in Iraq and Syria")
    quotes = [e.quote for e in by_value[151].evidence if e.field == "location"]
    assert quotes == [area.text]
    assert all(a.location is None for v, a in by_value.items() if v != 151)


def test_sinking_a_ship_on_another_day_is_another_incident() -> None:
    text = (
        "The statement recalled that the rebels killed two sailors on May 3 aboard a "
        "freighter, and that on May 1 they sank a tanker."
    )
    found = extract(text, published="2024-05-10").incidents
    assert sorted(str(i.date.start) for i in found) == ["2024-05-01", "2024-05-03"]


def test_no_one_hurt_after_two_acts_holds_for_both() -> None:
    text = (
        "Rebels fired a rocket at a village on Monday.\n\n"
        "On Tuesday, a patrol ship answered a distress call from a tanker that rebels were "
        "attacking. After that, two missiles were launched at the tanker; both missed. "
        "The patrol ship then shot down a drone that had been launched at it. No one was hurt."
    )
    incidents = extract(text, published="2024-05-10").incidents
    assert [i.sub_event_type for i in incidents] == [
        "Shelling/artillery/missile attack",
        "Shelling/artillery/missile attack",
        "Disrupted weapons use",
    ]
    village, tanker, drone = incidents
    assert village.injured is None  # another paragraph
    for act in (tanker, drone):
        assert act.injured is not None and act.injured.best == 0


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Airstrikes target two villages and clashes continue in the countryside", 2),
        ("Fierce clashes take place near the city\nThe fighting went on all night.", 1),
        ("Attacks on the rise in the north\nOfficials said the attacks had increased.", 0),
        ("The attacks against the convoys have declined.", 0),
    ],
)
def test_a_headlines_plural_acts_are_the_days_news(text: str, found: int) -> None:
    assert len(extract(text, published="2024-05-10").incidents) == found


def test_headline_verbs_in_the_present_tense_are_acts() -> None:
    [incident] = extract("Gunmen kill doctor in the east", published="2024-05-10").incidents
    assert incident.killed is not None and incident.killed.best == 1
    assert (
        extract("The group threatened to kill the hostages.", published="2024-05-10").incidents
        == []
    )


def test_a_count_of_people_killed_in_clashes_is_not_a_count_of_clashes() -> None:
    found = extract("13 rebels killed in mountain clashes", published="2024-05-10")
    assert found.aggregates == []
    [incident] = found.incidents
    assert incident.killed is not None and incident.killed.best == 13
    launches = extract(
        "more than 100 missile and drone launches since November", published="2024-05-10"
    )
    assert [a.value.low for a in launches.aggregates] == [101]
