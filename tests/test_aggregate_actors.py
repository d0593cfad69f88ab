"""The actors and metric of aggregate statements (extract/aggregate_actors.py), read from the
statement's own clause."""

from __future__ import annotations

import pytest

from sitrep.extract.aggregates import METRICS, metric_of
from sitrep.extract.incidents import extract


@pytest.mark.parametrize(
    ("text", "metric", "actors"),
    [
        pytest.param(
            "Houthi forces have launched more than 100 drone attacks on shipping since November.",
            "attacks",
            [("houthis", "attributed_by_source", "Houthi forces")],
            id="the subject before the number",
        ),
        pytest.param(
            "Since October there have been some 200 strikes by Iraqi militias on U.S. bases.",
            "attacks",
            [("unnamed-militias", "attributed_by_source", "Iraqi militias")],
            id="the agent after the noun, and the target is not an actor",
        ),
        pytest.param(
            "The Houthis have claimed more than 50 attacks on ships since November.",
            "attacks",
            [("houthis", "claimed", "Houthis have claimed")],
            id="a claim of the count itself",
        ),
        pytest.param(
            "U.S. officials said Iran-backed militias have carried out more than 150 attacks "
            "on U.S. forces since October 17.",
            "attacks",
            [("iran-backed-militias", "attributed_by_official", "Iran-backed militias")],
            id="officials speaking make it attributed by an official",
        ),
        pytest.param(
            "Since November, Hamas and Islamic Jihad have fired more than 3,000 rockets at Israel.",
            "munitions fired",
            [
                ("hamas", "attributed_by_source", "Hamas"),
                ("palestinian-islamic-jihad", "attributed_by_source", "Islamic Jihad"),
            ],
            id="two subjects joined by and; rockets are munitions fired",
        ),
        pytest.param(
            "There have been some 200 Houthi attacks on shipping since November.",
            "attacks",
            [("houthis", "attributed_by_source", "Houthi")],
            id="a name modifying the noun",
        ),
        pytest.param(
            "Since January, at least 300 attacks have been blamed on suspected ADF rebels.",
            "attacks",
            [("adf", "suspected", "ADF rebels")],
            id="blamed on makes it suspected",
        ),
        pytest.param(
            "Israel says more than 5,000 rockets have been fired since October.",
            "munitions fired",
            [],
            id="the speaker is not the perpetrator",
        ),
        pytest.param(
            "Al-Shabaab militants attacked a base on Monday, and the army said more than 40 "
            "attacks had been recorded this year.",
            "attacks",
            [],
            id="a clause with a subject of its own carries none from the clause before",
        ),
        pytest.param(
            "Kataib Hezbollah fired rockets at Erbil on Monday. Since October, more than 170 "
            "attacks have targeted U.S. forces.",
            "attacks",
            [],
            id="never an actor from another sentence",
        ),
        pytest.param(
            "Since January, 20 Kurdish militants were killed in air strikes, the army said.",
            "people killed",
            [],
            id="the dead inside the phrase are not its perpetrators",
        ),
    ],
)
def test_the_actors_of_a_statement(text: str, metric: str, actors: list[tuple]) -> None:
    [statement] = extract(text, published="2024-08-07").aggregates
    assert statement.metric == metric
    assert [(a.actor_id, a.attribution) for a in statement.actors] == [a[:2] for a in actors]
    assert all(a.role == "perpetrator" for a in statement.actors)
    spans = [e.quote for e in statement.evidence if e.field == "actors"]
    assert spans == [quote for _, _, quote in actors]
    for actor, quote in zip(statement.actors, spans, strict=True):
        assert actor.text is not None and quote.startswith(actor.text)
    for span in statement.evidence:
        assert text[span.start : span.end] == span.quote


def test_a_toll_names_its_perpetrator_only_when_it_opens_with_the_verb() -> None:
    [murdered] = extract(
        "Since January, death squads have murdered more than 200 peasants.", published="1989-08-07"
    ).aggregates
    assert murdered.metric == "people killed"
    assert [a.name for a in murdered.actors] == ["death squads"]
    [dead] = extract(
        "Since the party was founded, nearly 1,000 of its members have been murdered.",
        published="1989-03-29",
    ).aggregates
    assert dead.actors == []


@pytest.mark.parametrize(
    ("noun", "metric"),
    [
        ("launches", "attacks"),
        ("air strikes", "attacks"),
        ("abductions", "kidnappings"),
        ("UAVs", "munitions fired"),
        ("rockets fired", "munitions fired"),
        ("people killed", "people killed"),
        ("clashes", "clashes"),
    ],
)
def test_every_noun_names_one_documented_metric(noun: str, metric: str) -> None:
    assert metric_of(noun) == metric
    assert metric in METRICS
