"""Actors read beyond the act's own words (extract/actors.py): kinds that stand for a named
group, speakers and accusers, first-person accounts, and the group a passage is about."""

from __future__ import annotations

import pytest

from sitrep.extract.actors import named_in
from sitrep.extract.contract import extract_document


def perpetrators(text: str, published: str = "1989-11-12") -> list[list[tuple[str, str]]]:
    """Per incident: (name, attribution) of each perpetrator."""
    out = extract_document("t", text, published=published)
    return [
        [(a["name"], a["attribution"]) for a in i["actors"] if a["role"] == "perpetrator"]
        for i in out["incidents"]
    ]


def test_a_kind_stands_for_the_group_named_before_it() -> None:
    text = "THE FMLN ANNOUNCED AN OFFENSIVE. THE GUERRILLAS ATTACKED A BRIDGE IN USULUTAN."
    kinds = [(n.text, n.name) for n in named_in(text)]
    assert ("THE GUERRILLAS", "Farabundo Marti National Liberation Front (FMLN)") in kinds


def test_the_guerrillas_are_never_the_army_named_before_them() -> None:
    text = "THE ARMY PATROLLED THE AREA. THE GUERRILLAS ATTACKED A BRIDGE."
    names = {n.text: n.name for n in named_in(text)}
    assert names["GUERRILLAS"] == "guerrillas"


def test_kind_of_the_group_is_one_mention_of_the_group() -> None:
    text = "TERRORISTS OF THE SHINING PATH KILLED A MAYOR."
    found = [(n.text, n.name) for n in named_in(text)]
    assert found == [("TERRORISTS OF THE SHINING PATH", "Shining Path (Sendero Luminoso)")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The drug mafias burned a bus.", "drug mafias", id="as the list spells it"),
        pytest.param("THE ARMY BURNED THE VILLAGE.", "army", id="article dropped, capitals"),
    ],
)
def test_an_unnamed_kind_is_named_as_the_report_words_it(text: str, expected: str) -> None:
    assert [n.name for n in named_in(text)] == [expected]


def test_the_police_reporting_an_act_are_its_source_not_its_perpetrator() -> None:
    found = perpetrators("THE POLICE HAVE REPORTED THAT A CAR BOMB EXPLODED IN CARTAGENA TODAY.")
    assert all(name != "police" for incident in found for name, _ in incident)


def test_the_group_blamed_for_an_act_is_suspected() -> None:
    found = perpetrators("THE POLICE BLAMED THE MRTA FOR THE BOMBING OF A BANK IN LIMA TODAY.")
    assert ("Tupac Amaru Revolutionary Movement (MRTA)", "suspected") in found[0]
    assert all(name != "police" for name, _ in found[0])


def test_a_date_after_on_is_not_a_target() -> None:
    found = perpetrators(
        "ON 26 JANUARY SHINING PATH TERRORISTS MURDERED THREE PEASANTS IN AYACUCHO."
    )
    assert [name for name, _ in found[0]] == ["Shining Path (Sendero Luminoso)"]


def test_a_group_telling_its_own_act_claims_it() -> None:
    text = (
        "CLANDESTINE, 30 MAR 89 (RADIO VENCEREMOS) -- [FMLN GENERAL COMMAND] "
        "AT 0100 TODAY, OUR ANTIAIRCRAFT UNITS SHOT DOWN A HELICOPTER IN JUCUAPA."
    )
    assert ("Farabundo Marti National Liberation Front (FMLN)", "claimed") in perpetrators(
        text, "1989-03-30"
    )[0]


def test_our_troops_in_a_government_statement_claim_nothing_for_the_rebels() -> None:
    text = "THE FMLN IS A TERRORIST GROUP. YESTERDAY OUR TROOPS ATTACKED A CAMP IN MORAZAN."
    found = perpetrators(text)
    assert all(attribution != "claimed" for incident in found for _, attribution in incident)


def test_the_group_the_passage_is_about_is_recorded_with_unknown_attribution() -> None:
    text = (
        "THE FMLN LEADERSHIP MET IN MEXICO CITY ON SUNDAY.\n\n"
        "TWO BOMBS EXPLODED AT A POWER STATION IN SAN MIGUEL TODAY, KILLING A GUARD."
    )
    assert perpetrators(text) == [[("Farabundo Marti National Liberation Front (FMLN)", "unknown")]]


def test_no_guess_when_the_report_names_a_second_armed_actor() -> None:
    text = (
        "Hezbollah fired drones at northern Israel on Monday.\n\n"
        "Separately, gunmen opened fire on a checkpoint in Tyre on Tuesday."
    )
    found = perpetrators(text, "2024-08-07")
    assert [("Hezbollah", "unknown")] not in found
    assert all(name != "Hezbollah" for name, _ in found[-1])
