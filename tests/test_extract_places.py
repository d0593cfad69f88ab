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
    assert _place(text) == (None, "Anbar", "IRQ", "region")


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


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Houthi militants attacked the bulk carrier Sea Lark with a drone on Sunday, "
            "injuring one sailor. The ship had last docked in Malaysia and was bound for Egypt.",
            id="ports of call and destination are not the place",
        ),
        pytest.param(
            "A missile hit the tanker Blue Heron, flagged in the Marshall Islands, on Sunday, "
            "injuring two sailors.",
            id="flag state is not the place",
        ),
        pytest.param(
            "A drone struck the freighter Ostrava, flying the flag of Malta, on Sunday, "
            "injuring one crew member.",
            id="flag of a country is not the place",
        ),
    ],
)
def test_a_ships_voyage_is_not_the_incidents_place(text: str) -> None:
    found = extract(text, published="2024-06-23")
    assert found.incidents
    assert found.incidents[0].location is None


def test_the_sea_is_the_place_not_the_ships_registry() -> None:
    text = (
        "Houthi forces fired a missile at the M/V Nordic Star, a carrier flagged in Liberia, "
        "in the Gulf of Aden on Tuesday, injuring two sailors."
    )
    name, _admin1, code, precision = _place(text)
    assert (name, code, precision) == (None, None, "water")


def test_a_command_dateline_is_not_the_place_of_an_attack_at_sea() -> None:
    text = (
        "TAMPA, Fla. - Houthi militants attacked the cargo ship Vela with a drone on "
        "Sunday, injuring one sailor.\n\nThe attacks endanger shipping across the Red Sea, the "
        "command said."
    )
    found = extract(text, published="2024-06-23")
    assert found.incidents
    loc = found.incidents[0].location
    assert loc is None or loc.country_code != "USA"


def test_a_countrys_possessive_names_whose_place_it_is() -> None:
    text = "Gunmen shot dead two Chinese engineers in Pakistan's Karachi on Sunday."
    name, _admin1, code, precision = _place(text)
    assert (name, code, precision) == ("Karachi", "PAK", "exact")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Soldiers shot dead four civilians on Friday in #Mbengwi.", id="after in"),
        pytest.param("Soldiers shot dead four civilians on Friday. #Mbengwi", id="alone"),
    ],
)
def test_a_hashtag_names_a_place(text: str) -> None:
    name, _admin1, code, _precision = _place(text, "2019-03-01")
    assert (name, code) == ("Mbengwi", "CMR")


def test_a_village_the_gazetteer_lacks_takes_the_department_its_passage_names() -> None:
    text = (
        "SAN SALVADOR, 4 FEB 90 -- [TEXT] THE ARMY IS FIGHTING REBELS IN CHALATENANGO "
        "DEPARTMENT. GUERRILLAS KILLED THREE SOLDIERS YESTERDAY IN THE HAMLET OF EL "
        "TAMARINDO CHIQUITO."
    )
    name, admin1, code, _precision = _place(text, "1990-02-04")
    assert (name, admin1, code) == ("El Tamarindo Chiquito", "Chalatenango", "SLV")


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        pytest.param(
            "LIMA, 2 MAR 90 -- [TEXT] A POLICEMAN WAS SHOT TO DEATH IN THE LOS OLIVOS "
            "NEIGHBORHOOD YESTERDAY.",
            "Death",
            id="a word before the name is not the name",
        ),
        pytest.param(
            "LIMA, 2 MAR 90 -- [TEXT] A BOMB EXPLODED YESTERDAY IN THE RESIDENTIAL DISTRICT "
            "OF SAN ISIDRO.",
            "Residential",
            id="an adjective before a type word is not a name",
        ),
        pytest.param(
            "LIMA, 2 MAR 90 -- [TEXT] TERRORISTS PLANTED BOMBS IN EACH NEIGHBORHOOD OF THE "
            "CITY YESTERDAY.",
            "Each",
            id="each neighborhood names nothing",
        ),
    ],
)
def test_common_words_in_capitals_are_not_unlisted_places(text: str, wrong: str) -> None:
    found = find_places(text, split_sentences(text), body=text.index("[TEXT]"), dateline=(0, 4))
    assert wrong.upper() not in [m.text for m in found]
    assert all(wrong.upper() not in m.text for m in found)


def test_a_villages_namesake_in_the_department_the_report_names_is_chosen() -> None:
    text = (
        "GUATEMALA CITY, 3 MAY 90 -- [TEXT] SOLDIERS PATROL HUEHUETENANGO DEPARTMENT. TWO "
        "PEASANTS WERE KILLED YESTERDAY IN THE VILLAGE OF CONCEPCION."
    )
    name, admin1, code, _precision = _place(text, "1990-05-03")
    assert (admin1, code) == ("Huehuetenango", "GTM")
    assert name is not None and name.startswith("Concepción")


def test_explosions_rocked_a_city_in_capitals() -> None:
    text = (
        "BOGOTA, 6 SEP 89 -- [TEXT] A WAVE OF BOMB ATTACKS ROCKED MEDELLIN TODAY, INJURING "
        "11 PEOPLE."
    )
    assert _place(text, "1989-09-06")[0] == "Medellín"


def test_a_named_university_is_the_place_within_its_city() -> None:
    text = (
        "LIMA, 9 JUN 90 -- [TEXT] A BOMB EXPLODED TODAY AT THE CATHOLIC UNIVERSITY IN LIMA, "
        "INJURING TWO STUDENTS."
    )
    name, admin1, code, precision = _place(text, "1990-06-09")
    assert (name, code, precision) == ("Catholic University", "PER", "near")
    assert admin1 == "Lima"  # as reports name it, not GeoNames' "Municipalidad ... de Lima"


def test_a_city_named_like_its_region_in_capitals_is_the_city() -> None:
    text = "LIMA, 9 JUN 90 -- [TEXT] A CAR BOMB EXPLODED IN LIMA TODAY, KILLING TWO PEOPLE."
    name, _admin1, code, precision = _place(text, "1990-06-09")
    assert (name, code, precision) == ("Lima", "PER", "exact")


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        pytest.param(
            "LIMA, 9 JUN 90 -- [TEXT] REBELS BURNED TRUCKS TODAY IN THE DEPARTMENTS OF "
            "CUSCO, PUNO, AND HUANUCO.",
            "Huánuco",
            id="the departments of a list",
        ),
        pytest.param(
            "LIMA, 9 JUN 90 -- [TEXT] REBELS BURNED TRUCKS TODAY IN HUANUCO AND PUNO DEPARTMENTS.",
            "Huánuco",
            id="a list before a plural type word",
        ),
    ],
)
def test_a_list_under_one_type_word_names_regions(text: str, admin1: str) -> None:
    found = find_places(text, split_sentences(text), body=text.index("[TEXT]"), dateline=(0, 4))
    huanuco = [m for m in found if m.text == "HUANUCO"]
    assert huanuco and huanuco[0].entry is not None
    assert (huanuco[0].entry.kind, huanuco[0].entry.name) == ("admin1", admin1)


def test_an_adjective_between_the_cue_and_the_city() -> None:
    text = (
        "GUATEMALA CITY, 2 MAY 90 -- [TEXT] A BOMB EXPLODED YESTERDAY IN A DOWNTOWN "
        "QUETZALTENANGO STREET, KILLING ONE PERSON."
    )
    assert _place(text, "1990-05-02")[0] == "Quetzaltenango"


def test_the_dateline_city_says_more_than_the_country_in_the_lead() -> None:
    text = (
        "LIMA, 9 JUN 90 -- [TEXT] UNION LEADERS IN PERU CONDEMNED THE ATTACK TODAY.\n\n"
        "A BOMB KILLED THREE POLICEMEN YESTERDAY."
    )
    found = extract(text, published="1990-06-09").incidents
    assert found and found[-1].location is not None
    assert (found[-1].location.name, found[-1].location.country_code) == ("Lima", "PER")


def test_a_big_city_says_which_country_a_headline_is_about() -> None:
    text = "Shelling kills four in Salqin as clashes go on in Deir ez-Zor city"
    name, _admin1, code, _precision = _place(text, "2017-03-01")
    assert (name, code) == ("Salqīn", "SYR")


def test_demonyms_alone_do_not_rule_out_a_place_abroad() -> None:
    text = "Turkish jets killed five civilians in Manbij on Friday"
    name, _admin1, code, _precision = _place(text, "2017-03-01")
    assert code == "SYR" and name is not None


def test_the_capital_in_apposition_is_a_cue() -> None:
    text = "Mortar shells killed three people in the middle of the capital Damascus on Sunday"
    name, _admin1, code, _precision = _place(text, "2017-03-01")
    assert (name, code) == ("Damascus", "SYR")


def test_a_far_landmark_is_not_the_place() -> None:
    text = (
        "BOGOTA, 3 MAR 90 -- [TEXT] GUERRILLAS KILLED A JUDGE TODAY IN REMOLINO "
        "MUNICIPALITY, MAGDALENA DEPARTMENT, ABOUT 700 KM NORTH OF BOGOTA."
    )
    name, admin1, code, precision = _place(text, "1990-03-03")
    assert (name, admin1, code, precision) == ("Remolino", "Magdalena", "COL", "admin2")


def test_a_near_landmark_is_near() -> None:
    text = "Gunmen killed two farmers 10 km from Kismayo on Monday."
    name, _admin1, code, precision = _place(text)
    assert (name, code, precision) == ("Kismayo", "SOM", "near")


def test_a_possessive_city_before_a_neighborhood_the_gazetteer_lacks() -> None:
    text = (
        "TEGUCIGALPA, 2 MAY 90 -- [TEXT] A BOMB KILLED TWO GUARDS YESTERDAY IN "
        "TEGUCIGALPA'S LAS BRISAS DEL NORTE NEIGHBORHOOD."
    )
    name, _admin1, code, _precision = _place(text, "1990-05-02")
    assert (name, code) == ("Las Brisas Del Norte", "HND")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "LIMA, 2 MAR 90 -- [TEXT] THE TOWN WAS IN AN AREA OF FIGHTING YESTERDAY.",
            id="an English gerund",
        ),
        pytest.param(
            "LIMA, 2 MAR 90 -- [TEXT] THE BOMB WAS FOUND IN A SMALL VILLAGE YESTERDAY.",
            id="an adjective",
        ),
        pytest.param(
            "LIMA, 2 MAR 90 -- [TEXT] THE EDITOR OF EL DIARIO DE LA TARDE WAS SHOT.",
            id="a newspaper",
        ),
    ],
)
def test_words_that_are_no_unlisted_place(text: str) -> None:
    found = find_places(text, split_sentences(text), body=text.index("[TEXT]"), dateline=(0, 4))
    assert [m.text for m in found if m.entry is None] == []


def test_the_region_named_beside_a_place_overrides_a_namesake_elsewhere() -> None:
    text = (
        "SAN SALVADOR, 4 FEB 90 -- [TEXT] GUERRILLAS KILLED TWO SOLDIERS YESTERDAY IN "
        "CONCEPCION, LA UNION DEPARTMENT."
    )
    name, admin1, code, precision = _place(text, "1990-02-04")
    assert (name, admin1, code, precision) == ("Concepcion", "La Unión", "SLV", "admin1")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A missile strike on Ain Zahra killed four people.", id="Ain"),
        pytest.param("Shelling of Sheikh Qadir killed two children.", id="Sheikh"),
        pytest.param("Clashes in Tal Harmel killed three fighters.", id="Tal"),
    ],
)
def test_the_head_of_an_arabic_name_is_not_a_village_alone(text: str) -> None:
    assert find_places(text, split_sentences(text)) == []


def test_a_spanish_name_the_gazetteer_lacks_after_in() -> None:
    text = (
        "SAN SALVADOR, 4 FEB 90 -- [TEXT] GUERRILLAS KILLED TWO SOLDIERS YESTERDAY IN "
        "SAN BENITO DEL MONTE, IN NORTHERN CHALATENANGO DEPARTMENT."
    )
    name, admin1, code, _precision = _place(text, "1990-02-04")
    assert (name, admin1, code) == ("San Benito Del Monte", "Chalatenango", "SLV")


def test_a_direction_in_capitals_says_nothing_of_the_country() -> None:
    text = (
        "CLANDESTINE, 7 DEC 89 -- [TEXT] OUR UNITS IN THE NORTHEASTERN FRONT ATTACKED "
        "ENEMY POSITIONS IN SAN MIGUEL DEPARTMENT YESTERDAY."
    )
    found = find_places(text, split_sentences(text), body=text.index("[TEXT]"))
    assert [(m.text, m.country_code) for m in found] == [("SAN MIGUEL DEPARTMENT", "SLV")]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        pytest.param(
            "Shelling killed six people in the Bustan Nasr neighborhood of Aleppo city on Monday.",
            "Aleppo",
            id="of a city",
        ),
        pytest.param(
            "SAN SALVADOR, 4 FEB 90 -- [TEXT] A BOMB KILLED TWO GUARDS YESTERDAY IN THE "
            "LAS MAGNOLIAS NEIGHBORHOOD IN SAN SALVADOR.",
            "San Salvador",
            id="in a city of two words",
        ),
    ],
)
def test_a_neighborhood_the_gazetteer_lacks_lies_in_the_city_named_after_it(
    text: str, admin1: str
) -> None:
    _name, found_admin1, _code, precision = _place(text, "2017-01-01")
    assert (found_admin1, precision) == (admin1, "near")


@pytest.mark.parametrize(
    ("text", "region"),
    [
        pytest.param(
            "A U.S. airstrike near Hirshabelle, Somalia, on Tuesday killed four al-Shabaab "
            "fighters in a remote area some 300 km north of Kismayo.",
            "Hirshabelle",
            id="a Somali member state is a region, not near the far city",
        ),
        pytest.param(
            "Al-Shabaab fighters attacked an army post in Jubaland on Monday, killing two "
            "soldiers.",
            "Jubaland",
            id="Jubaland is a region of Somalia",
        ),
    ],
)
def test_somali_member_states_are_regions(text: str, region: str) -> None:
    found = extract(text, published="2024-05-02")
    loc = found.incidents[0].location
    assert loc is not None
    assert (loc.country_code, loc.precision) == ("SOM", "region")
    assert loc.text == region


def test_a_far_landmark_alone_is_its_country_never_near_it() -> None:
    text = "Gunmen killed a rancher on Friday about 400 km east of Lima, police said."
    assert _place(text) == (None, None, "PER", "country")


def test_a_far_landmark_stands_for_the_place_named_beside_it_later() -> None:
    text = (
        "A rancher was found murdered today about 300 km north of Bogota.\n\n"
        "The body was found on Monday in Ayapel municipality, Cordoba department, "
        "about 300 km north of Bogota."
    )
    name, admin1, code, _precision = _place(text)
    assert (name, code) == ("Ayapel", "COL")
    assert admin1 == "Córdoba"


def _incident_places(text: str) -> list[tuple[str | None, str | None]]:
    found = extract(text, published="2024-03-12")
    return [
        (i.location.country_code, i.location.precision) if i.location else (None, None)
        for i in found.incidents
    ]


def test_a_later_sentence_about_the_acts_object_gives_its_place() -> None:
    text = (
        "Houthi militants fired a missile at a tanker in the Gulf of Aden on March 11.\n\n"
        "Separately, U.S. forces struck three Houthi drones on March 11. The three drones "
        "had been readied for launch from Houthi-held parts of Yemen."
    )
    assert ("YEM", "country") in _incident_places(text)


def test_a_separate_paragraph_does_not_take_the_leads_place() -> None:
    text = (
        "Houthi militants fired a missile at a tanker in the Gulf of Aden on March 11.\n\n"
        "Separately, U.S. forces shot down two Houthi drones on March 11, the command said."
    )
    places = _incident_places(text)
    assert len(places) == 2
    assert places[1] == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "A bomb went off at the gate of the University of Ecuador today.",
            id="a university of a country",
        ),
        pytest.param(
            "Rebels blew up two pylons of the electric company of Ecuador today.",
            id="a company of a country",
        ),
    ],
)
def test_a_country_in_an_institutions_name_is_whose_not_where(text: str) -> None:
    found = [m for m in find_places(text, split_sentences(text)) if m.text == "Ecuador"]
    assert [m.role for m in found] == ["context"]


def test_a_distance_from_a_town_is_not_an_origin() -> None:
    text = "Gunmen kidnapped an engineer on Monday about 20 km from Medellin."
    found = [m for m in find_places(text, split_sentences(text)) if m.text == "Medellin"]
    assert [(m.role, m.near) for m in found] == [("place", True)]


def test_the_city_alone_is_never_a_place() -> None:
    text = (
        "TWO ENGINEERS FROM THE UNITED STATES WERE KIDNAPPED 20 KM FROM THE CITY OF "
        "MEDELLIN, COLOMBIA."
    )
    found = [m.text for m in find_places(text, split_sentences(text))]
    assert found == ["UNITED STATES", "MEDELLIN", "COLOMBIA"]


def test_a_region_beside_a_place_must_be_of_a_country_the_report_is_about() -> None:
    text = (
        "SAN SALVADOR, 3 MAR 90 -- GUERRILLAS ATTACKED THE HAMLET OF LOS NARANJITOS, "
        "BOLIVAR, IN EL SALVADOR TODAY."
    )
    found = [m for m in find_places(text, split_sentences(text)) if m.entry is None]
    assert [(m.text, m.country_code) for m in found] == [("LOS NARANJITOS", "SLV")]
