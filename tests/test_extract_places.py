"""Places: toponyms resolved against the bundled gazetteer, and each incident's place."""

from __future__ import annotations

import pytest

from sitrep.extract.incidents import extract
from sitrep.extract.places import country_words, find_places
from sitrep.extract.segment import split_sentences


def _place(text: str, published: str = "2024-08-07") -> tuple:
    found = extract(text, published=published)
    assert found.incidents, text
    loc = found.incidents[0].location
    assert loc is not None, text
    return loc.name, loc.admin1, loc.country_code, loc.precision


def test_region_of_a_country_with_its_admin1() -> None:
    text = "Militias fired two rockets at a U.S. base in western Iraq on Monday, injuring seven."
    assert _place(text) == (None, "Al Anbār", "IRQ", "region")


def test_town_with_its_first_level_region() -> None:
    name, admin1, code, precision = _place(
        "Gunmen killed three villagers in Cadale, Middle Shabelle region, on Tuesday."
    )
    assert (name, code, precision) == ("Cadale", "SOM", "exact")
    assert admin1 == "Shabeellaha Dhexe"


def test_near_a_town_is_near() -> None:
    text = "A U.S. airstrike near Buulobarde, Somalia, on Oct. 23 killed two al-Shabaab fighters."
    assert _place(text, "2022-10-25")[2:] == ("SOM", "near")


def test_city_named_like_its_region_is_the_city() -> None:
    name, _admin1, code, precision = _place(
        "Kataib Hezbollah attacked coalition forces at Erbil, Iraq, on Monday, injuring three."
    )
    assert (name, code, precision) == ("Erbil", "IRQ", "exact")


def test_all_caps_wire_copy_with_dateline_and_department() -> None:
    text = (
        "SAN SALVADOR, 3 JAN 90 -- [TEXT] ABOUT 50 PEASANTS HAVE BEEN KIDNAPPED BY "
        "TERRORISTS IN USULUTAN DEPARTMENT YESTERDAY."
    )
    name, admin1, code, precision = _place(text, "1990-01-03")
    assert (admin1, code, precision) == ("Usulután", "SLV", "admin1")
    assert name is None


def test_dateline_city_is_the_city_of_the_reports_country() -> None:
    text = "BOGOTA, 29 AUG 89 (AFP) -- [TEXT] A BOMB EXPLODED TODAY, KILLING TWO PEOPLE."
    assert _place(text, "1989-08-29")[2] == "COL"


def test_place_the_gazetteer_lacks_is_kept_by_name_with_its_region() -> None:
    text = (
        "LIMA, 10 JAN 90 -- [TEXT] TERRORISTS KILLED TWO POLICEMEN YESTERDAY IN THE TOWN OF "
        "CERRO BLANCO, ANCASH DEPARTMENT."
    )
    name, admin1, code, precision = _place(text, "1990-01-10")
    assert (name, admin1, code, precision) == ("Cerro Blanco", "Ancash", "PER", "admin1")


def test_direction_in_the_country_becomes_its_region() -> None:
    text = (
        "Yesterday, Israel was attacked by Hizballah drones in the north, injuring two civilians."
    )
    found = extract(text, published="2024-08-07").incidents[0].location
    assert found is not None
    assert (found.country_code, found.precision, found.text) == ("ISR", "region", "in the north")
    assert found.latitude is not None  # the curated "northern Israel"


def test_origin_of_the_fire_is_not_the_place() -> None:
    text = (
        "On Tuesday, rockets fired from Gaza struck the town of Sderot in southern Israel, "
        "injuring two people."
    )
    name, _admin1, code, _precision = _place(text)
    assert code == "ISR" and name == "Sderot"


def test_where_a_statement_was_made_is_not_the_place() -> None:
    text = (
        "A suicide bomber killed nine people at a market in Mogadishu on Sunday, officials "
        "told reporters in Nairobi."
    )
    assert _place(text)[0] == "Mogadishu"


def test_no_place_named_gives_no_place() -> None:
    found = extract("Two people were killed in an attack on Monday.", published="2024-08-07")
    assert found.incidents and found.incidents[0].location is None


def test_words_that_are_also_village_names_are_not_places() -> None:
    text = (
        "SAN SALVADOR, 5 JAN 90 -- [TEXT] IN AN EFFORT TO SCARE VOTERS, TERRORISTS BURNED A "
        "BUS TODAY. HECTOR JAMES SAID THE MARKET WAS CLOSED."
    )
    sentences = split_sentences(text)
    found = find_places(text, sentences, body=text.index("[TEXT]"), dateline=(0, 12))
    assert [m.text for m in found] == ["SAN SALVADOR"]


def test_whose_is_not_where() -> None:
    text = "Houthis struck the Marshall Islands-flagged tanker; U.S. forces shot down two drones."
    found = find_places(text, split_sentences(text))
    assert not [m for m in found if m.role == "place" and m.entry and m.entry.kind == "country"]


@pytest.mark.parametrize(
    ("text", "code"),
    [("Somali forces", "SOM"), ("a U.S. base", "USA"), ("IRAQI MILITIAS", "IRQ")],
)
def test_country_words(text: str, code: str) -> None:
    assert [c for _s, _e, c in country_words(text)] == [code]


def test_us_pronoun_is_not_a_country() -> None:
    assert country_words("They told us to leave.") == []


def test_ranked_candidates_are_kept_for_review() -> None:
    text = (
        "Rockets fired from Gaza hit Sderot on Tuesday, injuring two; Israel's army said it "
        "struck launchers in Beit Hanoun."
    )
    incident = extract(text, published="2024-08-07").incidents[0]
    assert incident.location is not None
    names = [p.text for p in incident.location_candidates]
    assert names[0] == incident.location.text
    assert "Gaza" in names


def test_every_place_has_evidence() -> None:
    text = "Gunmen killed three villagers in Cadale, Middle Shabelle region, on Tuesday."
    incident = extract(text, published="2024-08-07").incidents[0]
    spans = [s for s in incident.evidence if s.field == "location"]
    assert spans and all(text[s.start : s.end] == s.quote for s in spans)
