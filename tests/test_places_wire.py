"""Places in modern wire copy: a speaker before the act, a country that only says who
acted, a town far from every country the report is about, a capital named by its
country's adjective, and the common English names of regions."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.extract.contract import extract_document
from sitrep.extract.place_choice import incident_place
from sitrep.extract.place_names import PlaceMention
from sitrep.extract.places import find_places
from sitrep.extract.segment import split_sentences
from sitrep.resolve.gazetteer import Gazetteer, gazetteer
from sitrep.resolve.gazetteer_build import common_name


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return gazetteer()


def _location(text: str) -> dict[str, Any]:
    """The place of the report's first incident."""
    incidents = extract_document("t", text, published="2024-03-05")["incidents"]
    assert incidents, "no incident found"
    return incidents[0]["location"] or {}


def _found(text: str) -> list[PlaceMention]:
    return find_places(text, split_sentences(text))


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        pytest.param(
            "Police said Hamas fired 20 rockets at Ashkelon on Sunday.",
            "Ashkelon",
            "ISR",
            id="a speaker before the act does not hide the act's place",
        ),
        pytest.param(
            "Hamas's armed wing, the Qassam Brigades, said it fired a barrage of rockets at "
            "Tel Aviv on Sunday.",
            "Tel Aviv",
            "ISR",
            id="a claim of the act names where it struck",
        ),
        pytest.param(
            "JNIM fighters ambushed a Malian army convoy near Boni on Tuesday, killing 12.",
            "Boni",
            "MLI",
            id="Boni of a report on Mali is the Malian town, not Bonn",
        ),
        pytest.param(
            "A U.S. drone strike killed five militants near Jilib on Monday.",
            "Jilib",
            "SOM",
            id="a U.S. strike says who struck, not where",
        ),
        pytest.param(
            "A U.S. airstrike in Deir ez-Zor killed two militants, the Pentagon said.",
            "Deir ez-Zor",
            "SYR",
            id="a U.S. airstrike in a Syrian city is in Syria",
        ),
        pytest.param(
            "Three U.S. soldiers were killed in a drone attack on Tower 22 in Jordan on Sunday.",
            "Tower 22",
            "JOR",
            id="a curated site named with its number",
        ),
        pytest.param(
            "Russian forces shelled Sloviansk on Monday, killing two people.",
            "Slovyansk",
            "UKR",
            id="the town of that name before a namesake's old name",
        ),
        pytest.param(
            "Russian forces shelled Pokrovsk on Monday, killing two civilians.",
            "Pokrovsk",
            "UKR",
            id="Russian forces shell a town abroad, not Russia's namesake",
        ),
        pytest.param(
            "Government forces shelled Palmyra on Monday, killing two civilians.",
            "Tadmur",
            "SYR",
            id="a spelling is no reason to cross countries",
        ),
        pytest.param(
            "Russian jets bombed Maarat al-Numan on Monday, killing nine civilians.",
            "Ma\u2018arrat an Nu\u2018m\u0101n",
            "SYR",
            id="the press spelling of Maarat al-Numan",
        ),
        pytest.param(
            "A car bomb exploded in the Somali capital on Friday, killing five people.",
            "Mogadishu",
            "SOM",
            id="the Somali capital is Mogadishu",
        ),
        pytest.param(
            "A bomb exploded near the U.S. consulate in Santiago on Monday, injuring two guards.",
            "Santiago",
            "CHL",
            id="a country's consulate is whose, not where",
        ),
        pytest.param(
            "A bomb exploded at the corner of Sarmiento and San Martin streets in Buenos Aires, "
            "injuring four people.",
            "Buenos Aires",
            "ARG",
            id="two streets named after towns are streets",
        ),
    ],
)
def test_place_of_the_act(text: str, name: str, code: str) -> None:
    location = _location(text)
    assert (location.get("name"), location.get("country_code")) == (name, code)


def test_a_country_s_consulate_is_not_a_place() -> None:
    assert _found("A bomb exploded in the area of the U.S. consulate on Monday.") == []


def test_speaker_country_is_not_the_place_struck() -> None:
    location = _location(
        "Israel said its aircraft struck Hezbollah targets in southern Lebanon on Wednesday."
    )
    assert (location.get("country_code"), location.get("precision")) == ("LBN", "region")
    assert location.get("text") == "southern Lebanon"


def test_a_town_far_from_the_report_s_country_is_no_place() -> None:
    location = _location(
        "JNIM fighters ambushed a Malian army convoy near Bonnat on Tuesday, killing 12 soldiers."
    )
    assert location.get("country_code") != "FRA"


def test_where_a_statement_was_made_is_still_a_statement() -> None:
    found = _found("The minister told reporters in Baghdad that the talks had failed.")
    assert [(m.text, m.role) for m in found] == [("Baghdad", "statement")]


def test_a_dispatch_from_a_city_is_where_it_was_filed() -> None:
    found = _found("A DISPATCH FROM LIMA. A BOMB EXPLODED IN THE PERUVIAN CAPITAL.")
    assert [(m.text, m.role) for m in found] == [
        ("LIMA", "statement"),
        ("THE PERUVIAN CAPITAL", "place"),
    ]


def test_a_capital_named_beside_its_adjective_keeps_its_name() -> None:
    location = _location("Gunmen attacked a hotel in the Malian capital, Bamako, on Monday.")
    assert (location.get("name"), location.get("text")) == ("Bamako", "Bamako")


def test_a_volcano_named_after_a_town_is_not_the_town() -> None:
    found = _found(
        "Helicopters fired rockets at the slopes of San Salvador volcano in El Salvador."
    )
    assert [m.text for m in found] == ["El Salvador"]


def test_a_river_named_after_a_town_is_a_place_of_its_own() -> None:
    text = "Gunmen attacked a boat on the San Miguel River in Ecuador on Monday."
    found = [m for m in _found(text) if m.text == "San Miguel"]
    assert [(m.entry, m.country_code) for m in found] == [(None, "ECU")]


def test_a_person_named_like_a_spanish_place_is_no_place() -> None:
    text = "HONDURAS, 8 FEB 89 -- HE WAS KILLED ON ORDERS FROM JOSE DE JESUS PENA, A SPY."
    assert all("JOSE" not in m.text for m in _found(text))


def test_a_word_in_capitals_before_a_department_is_no_place() -> None:
    text = (
        "SAN SALVADOR, 9 DEC 89 -- FMLN TERRORISTS ATTACKED THE CIVIL DEFENSE POST, "
        "SAN MIGUEL DEPARTMENT."
    )
    assert all(m.text != "POST" for m in _found(text))


def test_a_french_headline_s_place_the_gazetteer_lacks() -> None:
    found = _found("RDC: attaque des ADF \u00e0 Mahu, dans le territoire de Beni, Nord-Kivu")
    mahu = [m for m in found if m.text == "Mahu"]
    assert [(m.entry, m.country_code) for m in mahu] == [(None, "COD")]


def test_the_capital_of_a_report_that_names_its_country() -> None:
    location = _location("Somalia: gunmen attacked a hotel in the capital on Monday, killing five.")
    assert (location.get("name"), location.get("text")) == ("Mogadishu", "the capital")


def test_near_the_capital_is_no_capital() -> None:
    location = _location(
        "Somalia: gunmen attacked a village near the capital on Monday, killing five."
    )
    assert location.get("name") is None and location.get("country_code") == "SOM"


def test_a_country_in_the_act_s_sentence_gives_way_to_the_town_told_before() -> None:
    text = (
        "Gunmen killed three farmers in Sonsonate on Monday. "
        "Officials condemned this new killing in El Salvador."
    )
    sentences = split_sentences(text)
    act = [(sentences[1].start, sentences[1].end)]
    place, _others, _spans = incident_place(text, act, sentences, 1, 1, _found(text))
    assert place is not None and (place.name, place.precision) == ("Sonsonate", "exact")


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        pytest.param(
            "Gunmen attacked an army patrol on the Bermeja River, Sucumbios province, on Monday, "
            "killing two soldiers.",
            "Bermeja",
            "Sucumb\u00edos",
            id="a river the gazetteer lacks, in the province after it",
        ),
        pytest.param(
            "A bomb exploded near Benadia in Arauca intendancy on Monday, killing two soldiers.",
            "Benadia",
            "Arauca",
            id="a village the gazetteer lacks, in the region after in",
        ),
    ],
)
def test_unlisted_place_with_its_region(text: str, name: str, admin1: str) -> None:
    location = _location(text)
    assert (location.get("name"), location.get("admin1")) == (name, admin1)


def test_a_person_named_like_a_town_is_no_place_anywhere_in_the_report() -> None:
    text = (
        "BOGOTA, 26 APR 90 -- OFFICIALS CONFIRMED THE DEATH OF MR. PIZARRO.  THE M-19 "
        "PROTESTED THE MURDER OF PIZARRO LEONGOMEZ."
    )
    assert all(m.text != "PIZARRO" for m in _found(text))


@pytest.mark.parametrize(
    ("code", "name", "label"),
    [
        pytest.param("SYR", "\u1e28alab", "Aleppo", id="Aleppo for GeoNames' Halab"),
        pytest.param(
            "PER", "Municipalidad Metropolitana de Lima", "Lima", id="Lima for Metropolitan Lima"
        ),
        pytest.param("UKR", "Kharkivska oblast", "Kharkiv", id="Kharkiv for Kharkivska oblast"),
        pytest.param("IRQ", "Al Anb\u0101r", "Anbar", id="Anbar for Al Anbar"),
        pytest.param("SLV", "Moraz\u00e1n", "Moraz\u00e1n", id="a common name stays"),
    ],
)
def test_region_common_names(gz: Gazetteer, code: str, name: str, label: str) -> None:
    assert gz.admin1_label(code, name) == label


@pytest.mark.parametrize(
    ("name", "aliases", "expected"),
    [
        pytest.param(
            "Xalab", ["Aleppo", "Aleppo Governorate"], "Aleppo", id="bare and typed alias"
        ),
        pytest.param(
            "T\u0101\u02bbizz", ["Taiz Governorate"], "Taiz", id="typed alias of a marked name"
        ),
        pytest.param(
            "Al Jan\u016bb\u012b",
            ["Southern District"],
            "Southern District",
            id="a direction keeps its type word",
        ),
        pytest.param(
            "Ciudad Aut\u00f3noma de Buenos Aires",
            ["Federal District"],
            "Ciudad Aut\u00f3noma de Buenos Aires",
            id="a generic word is no name",
        ),
        pytest.param("Idlib", ["Idlib Governorate"], "Idlib", id="the name is already common"),
    ],
)
def test_common_name(name: str, aliases: list[str], expected: str) -> None:
    assert common_name(name, aliases) == expected


def test_neighbours_and_capitals(gz: Gazetteer) -> None:
    assert "BFA" in gz.neighbours("MLI") and "DEU" not in gz.neighbours("MLI")
    capital = gz.capital("SOM")
    assert capital is not None and capital.name == "Mogadishu"


def test_pak_is_pakistan_not_a_town_abroad() -> None:
    out = extract_document("t", "20 militants killed in Pak airstrikes", published="2014-06-15")
    assert out["incidents"] and all(i["location"] is None for i in out["incidents"])
