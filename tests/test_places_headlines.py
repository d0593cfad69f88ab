"""Places in headlines and in the parts of towns: present-tense and Portuguese, Spanish or
French cues, a headline that is only a name, named parts of Syria, a small place inside
the town named after it, and streets, stations and trades that are not places."""

from __future__ import annotations

import re

import pytest

from sitrep.extract.incidents import extract
from sitrep.extract.place_names import PlaceMention, country_words
from sitrep.extract.places import find_places
from sitrep.extract.segment import split_sentences


def _found(text: str) -> list[PlaceMention]:
    """The mentions of ``text``; a wire dateline ("SAN SALVADOR, 3 JAN 90 --") is passed
    as the pipeline passes it."""
    head = re.match(r"([A-Z][A-Z ]+), \d+ [A-Z]{3} \d\d --", text)
    dateline = (0, head.end(1)) if head else None
    return find_places(text, split_sentences(text), dateline=dateline)


def _resolved(text: str) -> list[tuple[str, str | None, str | None]]:
    """(text, kind or None, country) of every place mention."""
    return [(m.text, m.entry.kind if m.entry else None, m.country_code) for m in _found(text)]


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        pytest.param(
            "Airstrikes target Maskanah and clashes continue in its countryside",
            "Maskanah",
            "SYR",
            id="a headline's present-tense verb is a cue",
        ),
        pytest.param(
            "Warplanes bomb Maskanah as clashes go on",
            "Maskanah",
            "SYR",
            id="bomb in the present is a cue",
        ),
        pytest.param(
            "Agricultor é assassinado a tiros em Ouricuri",
            "Ouricuri",
            "BRA",
            id="Portuguese em is a cue",
        ),
        pytest.param(
            "Asesinan a un hombre en Coalcomán",
            "Coalcomán",
            "MEX",
            id="Spanish en is a cue",
        ),
        pytest.param(
            "Quatre morts dans une attaque à Oicha",
            "Oicha",
            "COD",
            id="French à is a cue",
        ),
    ],
)
def test_headline_cues(text: str, name: str, code: str) -> None:
    assert (name, "populated", code) in _resolved(text)


def test_headline_that_is_only_a_name_is_a_place() -> None:
    text = "More than 140 Syrians were killed yesterday, Wednesday\nHarasta"
    assert ("Harasta", "populated", "SYR") in _resolved(text)


def test_headline_of_a_name_many_countries_share_is_no_place() -> None:
    assert _found("Victoria\nPolice said nothing more") == []


def test_wire_copy_word_wrapped_onto_its_own_line_is_no_place() -> None:
    text = (
        "BOGOTA, 9 SEP 89 -- THE CALI CARTEL COMPETES AGAINST THE MEDELLIN CARTEL FOR THE DRUG\n"
        "MARKET.\n"
    )
    assert all(m.text != "MARKET" for m in _found(text))


def test_name_after_a_line_ending_in_a_capitalised_word_is_not_a_persons() -> None:
    text = (
        "Somali forces carry out security operations\nSOMALIA: Pivotal Moment\n"
        "Mogadishu blast death toll rises to five"
    )
    assert [m.start for m in _found(text) if m.text == "Mogadishu"] == [text.rindex("Mogadishu")]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        pytest.param(
            "Escalation of airstrikes on the Eastern Ghouta leaves 22 dead",
            "the Eastern Ghouta",
            id="Eastern Ghouta",
        ),
        pytest.param(
            "Five killed in clashes in the Eastern Qalamoun on Monday",
            "the Eastern Qalamoun",
            id="Eastern Qalamoun",
        ),
    ],
)
def test_named_parts_of_syria_are_regions(text: str, surface: str) -> None:
    assert (surface, "region", "SYR") in _resolved(text)


def test_a_region_says_which_country_a_shared_city_name_is_in() -> None:
    # "Homs" is also Al Khums in Libya; "al-Marj" a Libyan town of some size.
    text = "Bombing al-Marj in the Eastern Ghouta and clashes on the highway of Damascus–Homs"
    assert ("Homs", "populated", "SYR") in _resolved(text)


def test_small_namesake_far_from_the_town_named_after_it_is_a_place_in_that_town() -> None:
    found = _found("Two men are killed in the Mariano Escobedo in Morelia")
    part = next(m for m in found if m.text == "Mariano Escobedo")
    assert part.entry is None
    assert part.admin is not None and part.admin.name == "Morelia"


def test_neighbourhood_of_the_city_is_not_a_town_elsewhere() -> None:
    text = "A BOMB WENT OFF IN THE BELEN NEIGHBORHOOD OF THE CITY OF MEDELLIN LAST NIGHT. COLOMBIA"
    part = next(m for m in _found(text) if m.text == "BELEN")
    assert part.entry is None
    assert part.admin is not None and part.admin.name == "Medellín"


def test_towns_of_a_list_stay_towns() -> None:
    # Kafr Zita is a small town far from Homs, but one of a list, not a part of Homs.
    found = _found("Shelling hit Kafr Zita, Homs and Idlib")
    kinds = {m.text: m.entry.kind if m.entry else None for m in found}
    assert kinds == {"Kafr Zita": "populated", "Homs": "populated", "Idlib": "populated"}


def test_incident_in_a_part_of_a_town_is_near_the_town() -> None:
    found = extract("Gunmen killed two men in the Mariano Escobedo in Morelia on Sunday.")
    loc = found.incidents[0].location
    assert loc is not None
    assert (loc.name, loc.country_code, loc.precision) == ("Mariano Escobedo", "MEX", "near")
    assert loc.admin1 == "Michoacán de Ocampo"


def test_neighbourhood_the_gazetteer_lacks_takes_the_town_of_its_passage() -> None:
    found = extract(
        "Airstrikes killed five civilians in the Masaken Hanano neighborhood on Monday "
        "as shelling hit Aleppo city."
    )
    loc = found.incidents[0].location
    assert loc is not None
    assert (loc.name, loc.country_code, loc.precision) == ("Masaken Hanano", "SYR", "near")


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        pytest.param(
            "SAN SALVADOR, 3 JAN 90 -- A BOMB EXPLODED ON SAN ANTONIO ABAD STREET IN NORTHWEST "
            "SAN SALVADOR.",
            "SAN ANTONIO ABAD",
            id="a street is told with its town",
        ),
        pytest.param(
            "BOGOTA, 3 JAN 90 -- HE WORKS FOR THE NEWSCAST OF THE ONDAS DEL CESAR RADIO STATION.",
            "ONDAS DEL CESAR",
            id="a radio station is a name",
        ),
        pytest.param(
            "GUATEMALA CITY, 3 JAN 90 -- THE MURDER CAUSED ANGER IN THE PRIVATE ENTERPRISE "
            "SECTOR OF GUATEMALA.",
            "PRIVATE ENTERPRISE",
            id="a trade's sector is not a neighbourhood",
        ),
    ],
)
def test_names_that_are_not_places(text: str, not_a_place: str) -> None:
    assert all(not_a_place not in m.text for m in _found(text))


def test_incident_on_a_street_is_in_its_town() -> None:
    found = extract(
        "SAN SALVADOR, 3 JAN 90 -- [TEXT] A BOMB EXPLODED TONIGHT ON SAN ANTONIO ABAD STREET "
        "IN NORTHWEST SAN SALVADOR, INJURING TWO PEOPLE.",
        published="1990-01-03",
    )
    loc = found.incidents[0].location
    assert loc is not None
    assert (loc.name, loc.country_code) == ("San Salvador", "SLV")


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        pytest.param("South Korean and U.S. troops", ["KOR", "USA"], id="two words before one"),
        pytest.param("Afghani and Afghan officials", ["AFG", "AFG"], id="longer word first"),
        pytest.param("Iraqi. Then Syrians", ["IRQ"], id="a full stop ends a demonym"),
        pytest.param("Iraqis", [], id="a longer word is not a demonym"),
    ],
)
def test_country_words_longest_whole_word(text: str, codes: list[str]) -> None:
    assert [c for _s, _e, c in country_words(text)] == codes


# --- wire copy in capitals: words, datelines, statements -------------------------------


def test_word_in_capitals_that_only_names_a_place_abroad_is_the_word() -> None:
    text = (
        "BOGOTA, 3 JAN 90 -- THE REBELS OFFERED TO FREE THE HOSTAGES IN EXCHANGE FOR "
        "PRISONERS, THE U.S. EMBASSY AND UNITED STATES OFFICIALS SAID IN COLOMBIA."
    )
    assert all(m.text != "EXCHANGE" for m in _found(text))


def test_short_country_acronym_after_of_is_a_word() -> None:
    text = "SAN SALVADOR, 3 JAN 90 -- THE FMLN WILL SUSPEND THE USE OF CAR BOMBS IN THE CITIES."
    assert all(m.text != "CAR" for m in _found(text))


def test_communique_issued_in_a_city_is_a_statement() -> None:
    text = (
        "SAN SALVADOR, 3 JAN 90 -- THE FMLN ASSERTED IN A COMMUNIQUE ISSUED TODAY IN "
        "SAN JOSE, COSTA RICA, THAT THE TALKS WILL GO ON."
    )
    roles = {m.text: m.role for m in _found(text)}
    assert roles["SAN JOSE"] == "statement"


def test_country_in_the_dateline_is_the_country_not_a_namesake_town() -> None:
    text = (
        "EL PARAISO (EL SALVADOR), 19 MAR 89 -- [TEXT] GUERRILLAS ATTACKED TWO TOWNS "
        "IN CHALATENANGO DEPARTMENT."
    )
    sentences = split_sentences(text)
    found = find_places(text, sentences, dateline=(0, text.index(")")), body=text.index(","))
    dated = {m.text: (m.entry.kind if m.entry else None, m.country_code) for m in found}
    assert dated["EL SALVADOR"] == ("country", "SLV")
    # the gazetteer knows El Paraiso only in Honduras and Mexico
    assert dated["EL PARAISO"] == (None, "SLV")


def test_city_before_a_ministry_says_whose_not_where() -> None:
    text = (
        "ROME, 28 APR 89 (ANSA) -- [TEXT] THE ROME FOREIGN MINISTRY CONFIRMED "
        "THAT TWO ENGINEERS WERE KIDNAPPED IN COLOMBIA."
    )
    found = find_places(text, split_sentences(text), dateline=(0, 4))
    assert [m.start for m in found if m.text == "ROME"] == [0]


def test_the_jesuit_university_of_san_salvador_is_a_site() -> None:
    found = extract(
        "SAN SALVADOR, 16 NOV 89 -- [TEXT] UNIFORMED MEN MURDERED SIX JESUIT PRIESTS AT "
        "THE UCA TODAY.",
        published="1989-11-16",
    )
    loc = found.incidents[0].location
    assert loc is not None
    assert (loc.name, loc.country_code, loc.precision) == (
        "Central American University",
        "SLV",
        "exact",
    )
