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


def test_a_group_blamed_in_a_later_sentence_is_suspected() -> None:
    text = (
        "A bomb exploded outside the Soviet embassy in Lima on Wednesday, destroying a car.\n\n"
        "The police suspect the Maoist organisation Shining Path."
    )
    assert ("Shining Path (Sendero Luminoso)", "suspected") in perpetrators(text, "1989-10-27")[0]


def test_a_claim_anywhere_in_the_report_is_the_claim_of_the_same_kind_of_act() -> None:
    text = (
        "HECTOR DELGADO PARKER WAS KIDNAPPED IN DOWNTOWN LIMA ON WEDNESDAY.\n\n"
        "THE POLICE RAIDED SEVERAL HOMES.\n\nTHE GOVERNMENT MET.\n\nTHE PRESIDENT SPOKE.\n\n"
        "THE MRTA HAS CLAIMED RESPONSIBILITY FOR THE KIDNAPPING OF DELGADO PARKER."
    )
    found = perpetrators(text, "1989-10-05")[0]
    assert ("Tupac Amaru Revolutionary Movement (MRTA)", "claimed") in found


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "NEITHER THE FMLN NOR ANY OTHER GROUP HAS CLAIMED RESPONSIBILITY FOR THE MURDER OF"
            " THE MINISTER, WHO WAS SHOT DEAD TODAY.",
            id="negated claim",
        ),
        pytest.param(
            "AN FMLN SPOKESMAN CLAIMED THAT THE ATTACK ON THE WAREHOUSE WAS A MANEUVER BY THE"
            " ARMY.",
            id="claimed that is a statement",
        ),
    ],
)
def test_what_is_not_a_claim(text: str) -> None:
    assert all(a != "claimed" for incident in perpetrators(text) for _, a in incident)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param(
            "ACCORDING TO THE POLICE, UNIDENTIFIED PERSONS PLANTED A BOMB UNDER A CAR TODAY.",
            "police",
            id="according to",
        ),
        pytest.param(
            "Hamas condemned the attack on the bus in Jerusalem that killed three people.",
            "Hamas",
            id="condemned",
        ),
        pytest.param(
            "A REPORT ISSUED BY THE ARMY SAID NINE PEASANTS WERE KILLED IN SAN VICENTE TODAY.",
            "army",
            id="a report issued by",
        ),
    ],
)
def test_the_source_of_a_report_is_not_its_perpetrator(text: str, speaker: str) -> None:
    assert all(name != speaker for incident in perpetrators(text) for name, _ in incident)


def test_a_kind_used_as_a_modifier_is_no_actor() -> None:
    text = "THE BOMB EXPLODED NEAR A POLICE STATION, MILITARY SOURCES SAID."
    assert [n.text for n in named_in(text)] == []


def test_those_who_defuse_a_bomb_did_not_plant_it() -> None:
    found = perpetrators("THE POLICE DEFUSED A 20-KG BOMB AT THE BUS STATION IN BOGOTA TODAY.")
    assert all(name != "police" for incident in found for name, _ in incident)


def test_a_name_and_its_acronym_in_brackets_are_one_mention() -> None:
    text = "THE MAYOR WAS KIDNAPPED APPARENTLY BY ARMY OF NATIONAL LIBERATION (ELN) GUERRILLAS."
    found = [(n.text, n.name) for n in named_in(text)]
    assert found[0] == ("ARMY OF NATIONAL LIBERATION (ELN", "National Liberation Army (ELN)")


def test_the_military_of_a_report_about_one_country_are_its_armed_forces() -> None:
    text = (
        "THE ATLACATL BATTALION PATROLLED SAN SALVADOR.\n\n"
        "THE MILITARY MEN ARE SUSPECTED OF THE MURDER OF SIX JESUITS TODAY."
    )
    names = {n.text: n.name for n in named_in(text)}
    assert names["THE MILITARY"] == "Salvadoran Armed Forces"


def test_an_agent_far_from_the_act_is_not_its_perpetrator() -> None:
    text = (
        "AT LEAST 2,500 PEOPLE HAVE BEEN DETAINED BY THE PERUVIAN POLICE IN RAIDS IN SEARCH OF"
        " HECTOR DELGADO PARKER, A LOCAL TELEVISION IMPRESARIO, AND HIS KIDNAPPERS."
    )
    found = perpetrators(text, "1989-10-05")
    assert all(name != "Peruvian National Police" for incident in found for name, _ in incident)


def test_those_to_blame_for_an_act_are_its_perpetrators() -> None:
    text = (
        "DEATH SQUADS, WORKING CLOSELY WITH REACTIONARY MILITARY MEN, ARE MOST CERTAINLY TO"
        " BLAME FOR THE MURDER OF SIX PRIESTS IN SAN SALVADOR ON 16 NOVEMBER."
    )
    names = [name for incident in perpetrators(text) for name, _ in incident]
    assert "death squads" in names
    assert "military men" not in names


def test_an_act_attributed_to_a_group_in_a_possessive_phrase() -> None:
    text = "PRESIDENT CRISTIANI ATTRIBUTED RIVERA'S MURDER TO THE FMLN ON MONDAY."
    assert ("Farabundo Marti National Liberation Front (FMLN)", "suspected") in perpetrators(text)[
        0
    ]


def test_both_sides_of_a_clash_are_not_its_targets() -> None:
    text = "CLASHES BETWEEN SOLDIERS AND FMLN GUERRILLAS LEFT 27 CASUALTIES IN SAN MIGUEL TODAY."
    out = extract_document("t", text, published="1989-08-25")
    roles = [(a["name"], a["role"]) for i in out["incidents"] for a in i["actors"]]
    assert ("Farabundo Marti National Liberation Front (FMLN)", "target") not in roles


def test_a_name_before_another_subject_is_the_object_of_the_verb_before_it() -> None:
    text = (
        "Al-Shabaab fighters were attacking forces of the Somali National Army near Cadale"
        " on Nov. 3, 2022, when U.S. Africa Command hit them with an airstrike."
    )
    out = extract_document("t", text, published="2022-11-05")
    roles = {(a["name"], a["role"]) for i in out["incidents"] for a in i["actors"]}
    assert ("Somali National Army", "target") in roles
    assert ("Somali National Army", "perpetrator") not in roles
