"""Doers named beyond the act's clause, and who is not the doer (extract/claims.py and the
rules of extract/actors.py that read around an act)."""

from __future__ import annotations

import re

import pytest

from sitrep.extract.actor_mentions import ActorName, named_in
from sitrep.extract.actors import roles
from sitrep.extract.claims import doers_near, traces_near
from sitrep.extract.contract import extract_document
from sitrep.extract.segment import split_sentences


def perpetrators(text: str, published: str = "2024-03-10") -> list[list[tuple[str, str]]]:
    """Per incident: (name, attribution) of each perpetrator."""
    out = extract_document("t", text, published=published)
    return [
        [(a["name"], a["attribution"]) for a in i["actors"] if a["role"] == "perpetrator"]
        for i in out["incidents"]
    ]


def kind(text: str, words: str) -> ActorName:
    m = re.search(re.escape(words), text)
    assert m is not None
    return ActorName(m.start(), m.end(), words, words, "unnamed", None, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "In a briefing the defence minister said a depot had burned.\n"
            "Details are scarce, but it is known that rebel militias carried it out.",
            "attributed_by_official",
            id="carried it out, an official speaking in the paragraph",
        ),
        pytest.param(
            "A depot burned at night. Witnesses say rebel militias carried out the bombing.",
            "attributed_by_source",
            id="carried out the bombing, told by the report",
        ),
        pytest.param(
            "A depot burned at night. Rebel militias are believed to have carried out the raid.",
            "suspected",
            id="a guess at the doer is suspected",
        ),
    ],
)
def test_the_doer_named_in_a_sentence_of_its_own(text: str, expected: str) -> None:
    names = [kind(text, "ebel militias")]
    found = doers_near(text, names, split_sentences(text))
    assert [(r.role, r.attribution) for r in found] == [("perpetrator", expected)]


def test_a_doer_sentence_that_names_another_actor_first_names_that_one() -> None:
    text = "Officials said the police think rebel militias carried it out."
    names = [kind(text, "police"), kind(text, "rebel militias")]
    found = doers_near(text, names, split_sentences(text))
    assert [r.text for r in found] == ["rebel militias"]


def test_men_in_a_force_uniform_make_that_force_suspected() -> None:
    text = "Twelve men in the uniform of the Salvadoran Army shot two farmers."
    names = [n for n in named_in(text) if n.named]
    found = traces_near(text, names, split_sentences(text))
    assert [(r.name, r.attribution) for r in found] == [("Salvadoran Army", "suspected")]


def test_forces_named_by_their_countries_are_those_forces() -> None:
    text = "The navies of the United States and the United Kingdom shelled a radar site."
    assert [n.name for n in named_in(text) if n.named] == ["U.S. forces", "British Armed Forces"]


def test_a_strike_in_support_of_an_army_is_neither_by_nor_against_it() -> None:
    text = (
        "On 4 March 2024 U.S. troops shelled a camp in support of the Somali National "
        "Army's advance on the town."
    )
    out = extract_document("t", text, published="2024-03-10")
    actors = {(a["name"], a["role"]) for i in out["incidents"] for a in i["actors"]}
    assert actors == {("U.S. forces", "perpetrator")}


def test_the_army_that_asked_for_a_strike_is_not_its_doer() -> None:
    text = (
        "On 4 March 2024 U.S. troops shelled a camp near the river. "
        "The Somali National Army had asked for the strike."
    )
    found = {name for incident in perpetrators(text) for name, _ in incident}
    assert found == {"U.S. forces"}


def test_the_group_holding_the_area_struck_is_not_the_striker() -> None:
    text = (
        "On 4 March 2024 British warplanes struck depots in Houthi-held parts of Yemen, "
        "where the Houthis keep drones for attacks on ships."
    )
    found = {name for incident in perpetrators(text) for name, _ in incident}
    assert "British Armed Forces" in found
    assert "Houthis" not in found


def test_they_is_the_group_named_earlier_in_the_sentence() -> None:
    text = (
        "The ministry recalled that the Houthis had killed two sailors on 2 March off Aden, "
        "and that on 9 March they sank a freighter in the Gulf of Aden."
    )
    assert perpetrators(text) == [
        [("Houthis", "attributed_by_source")],
        [("Houthis", "attributed_by_source")],
    ]


def test_the_force_that_repelled_an_attack_is_not_its_doer() -> None:
    text = "On 4 March 2024 rebels attacked a barracks; the attack was repelled by the army."
    found = {name for incident in perpetrators(text) for name, _ in incident}
    assert "army" not in found


def test_a_force_telling_the_press_of_its_own_act_claims_it() -> None:
    text = (
        "The national police informed the press on 4 March that the national police had "
        "killed a cartel chief in a raid."
    )
    assert [("national police", "claimed")] in perpetrators(text)


def test_a_claim_by_an_alleged_spokesman_makes_the_group_suspected() -> None:
    text = (
        "Gunmen shot a judge dead in Medellin on 4 March. An alleged spokesman of the "
        "Medellin Cartel claimed responsibility for the killing."
    )
    assert perpetrators(text)[0] == [("Medellin Cartel", "suspected")]


def test_a_name_after_a_clause_of_its_own_is_not_the_target() -> None:
    text = (
        "Gunmen killed a trader linked to the Cali Cartel, which competes against the "
        "Medellin Cartel."
    )
    m = re.search("Medellin Cartel", text)
    assert m is not None
    cartel = ActorName(m.start(), m.end(), m.group(0), "Medellin Cartel", "medellin", None, True)
    killed = text.index("killed")
    found = roles(text, 0, len(text), [(killed, killed + 6)], [cartel])
    assert found == []


def test_a_clash_with_our_units_in_a_groups_statement_is_its_claim() -> None:
    text = (
        "SAN SALVADOR, 3 JUL 89 -- [COMMUNIQUE] [TEXT] THE FMLN REPORTS TO THE PEOPLE. "
        "ON 2 JULY A PATROL REFUSED TO HALT, WHICH PROVOKED A CLASH WITH OUR UNITS "
        "NEAR THE HIGHWAY."
    )
    assert [("Farabundo Marti National Liberation Front (FMLN)", "claimed")] in perpetrators(
        text, "1989-07-03"
    )


def test_a_claim_of_the_attack_by_the_group_of_the_passage_is_this_acts_claim() -> None:
    text = (
        "THE FMLN HAS CLAIMED RESPONSIBILITY FOR TODAY'S ATTACK IN SAN MIGUEL. ON 2 JULY A "
        "CAR BOMB EXPLODED AT A POLICE STATION IN SAN MIGUEL."
    )
    found = [p for incident in perpetrators(text, "1989-07-03") for p in incident]
    assert ("Farabundo Marti National Liberation Front (FMLN)", "unknown") not in found
    assert ("Farabundo Marti National Liberation Front (FMLN)", "claimed") in found


def test_a_state_force_reporting_the_act_the_report_is_about_claims_it() -> None:
    text = (
        "BOGOTA, 3 JUL 89 -- THE COLOMBIAN NATIONAL POLICE REPORTED THE DEATH OF A CARTEL "
        "CHIEF TODAY. AGENTS OF THE COLOMBIAN NATIONAL POLICE MOUNTED AN OPERATION NEAR TOLU "
        "LAST WEEK. THE CARTEL CHIEF AND HIS SON WERE KILLED ON 2 JULY NEAR TOLU. THE "
        "COLOMBIAN NATIONAL POLICE SAID MORE DETAILS WILL FOLLOW."
    )
    assert perpetrators(text, "1989-07-03") == [[("Colombian National Police", "claimed")]]


def test_an_official_disclosing_who_did_it_is_an_official_attribution() -> None:
    text = (
        "The defense minister disclosed today that the Medellin Cartel ordered the"
        " assassination of a candidate in Bogota."
    )
    assert ("Medellin Cartel", "attributed_by_official") in perpetrators(text)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Two journalists were shot dead in San Miguel on Sunday. The armed forces are being"
            " charged with the killing of the two journalists.",
            [("armed forces", "suspected")],
            id="charged with the killing",
        ),
        pytest.param(
            "Two journalists were shot dead in San Miguel on Sunday. The armed forces have been"
            " accused of the killing.",
            [("armed forces", "suspected")],
            id="accused of the killing",
        ),
        pytest.param(
            "Six priests were murdered in San Salvador on 16 November. The Salvadoran army,"
            " the perpetrators, knew the residence.",
            [("Salvadoran Army", "attributed_by_source")],
            id="named the perpetrators beside the name",
        ),
        pytest.param(
            "Two journalists were shot dead in San Miguel on Sunday. The armed forces said it"
            " was investigating the killing.",
            [],
            id="investigating is no blame",
        ),
    ],
)
def test_doers_named_as_such_or_charged(text: str, expected: list[tuple[str, str]]) -> None:
    assert perpetrators(text, "1989-11-20")[0] == expected
