"""Reference datasets: importing ACLED, UCDP GED and GTD files, and comparing Sitrep's
incidents with them (sitrep.reference), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import sitrep
from exportdata import fill
from sitrep.errors import InputError
from sitrep.export.query import Filters
from sitrep.reference import compare, count_events, import_file, list_imports, read_events
from sitrep.reference.acled import event_date
from sitrep.reference.compare import admin1_key
from sitrep.reference.readers import RowError, country_code
from sitrep.store.tables import reference_events

DATA = Path(__file__).parent / "data" / "reference"


def events(store: Any) -> dict[str, dict[str, Any]]:
    with store.read() as conn:
        rows = conn.execute(select(reference_events)).mappings()
        return {r["event_id"]: dict(r) for r in rows}


@pytest.mark.parametrize(
    ("dataset", "name", "count"),
    [("acled", "acled-sample.csv", 7), ("ucdp", "ged-sample.csv", 4), ("gtd", "gtd-sample.csv", 3)],
    ids=["acled", "ucdp", "gtd"],
)
def test_a_dataset_is_imported_apart_with_its_label(
    db: str, dataset: str, name: str, count: int
) -> None:
    with sitrep.open(db) as store:
        fill(store)
        before = [i.id for i in store.incidents(status="all")]
        with store.transaction() as conn:
            result = import_file(conn, DATA / name, dataset, version="2024-03", who="ana")
        assert (result.dataset, result.version, result.rows_imported) == (dataset, "2024-03", count)
        assert result.problems == [] and result.rows_refused == 0
        with store.read() as conn:
            [info] = list_imports(conn)
            assert count_events(conn, info.id) == count
        assert (info.dataset, info.version, info.file_name, info.who) == (
            dataset, "2024-03", name, "ana",
        )  # fmt: skip
        assert (info.rows_imported, info.rows_refused, len(info.sha256)) == (count, 0, 64)
        assert info.imported_at.tzinfo is not None
        stored = events(store)
        assert {e["dataset"] for e in stored.values()} == {dataset}
        assert {e["import_id"] for e in stored.values()} == {info.id}
        # Reference events are not Sitrep's incidents.
        assert [i.id for i in store.incidents(status="all")] == before


def test_the_version_defaults_to_the_file_name(db: str) -> None:
    with sitrep.open(db) as store, store.transaction() as conn:
        result = import_file(conn, DATA / "acled-sample.csv", "acled")
        assert result.version == "acled-sample"
        assert list_imports(conn)[0].version == "acled-sample"


def test_acled_rows_become_sitrep_values(db: str) -> None:
    with sitrep.open(db) as store:
        with store.transaction() as conn:
            import_file(conn, DATA / "acled-sample.csv", "acled")
        got = events(store)
    jor = got["JOR1001"]  # "28 January 2024" in the file
    assert (jor["date_start"], jor["date_end"], jor["date_precision"]) == (
        dt.date(2024, 1, 28), dt.date(2024, 1, 28), "day",
    )  # fmt: skip
    assert (jor["country_code"], jor["admin1"], jor["location"]) == ("JOR", "Al Mafraq", "Tower 22")
    assert (jor["latitude"], jor["longitude"], jor["place_precision"]) == (
        33.3217,
        38.6906,
        "exact",
    )
    assert (jor["event_type"], jor["sub_event_type"]) == (
        "Explosions/Remote violence", "Air/drone strike",
    )  # fmt: skip
    assert (jor["killed_low"], jor["killed_best"], jor["killed_high"], jor["injured"]) == (
        3, 3, 3, None,
    )  # fmt: skip
    assert jor["actor1"] == "Islamic Resistance in Iraq"
    assert jor["raw"]["event_date"] == "28 January 2024" and jor["raw"]["iso"] == "400"
    assert got["SOM1003"]["place_precision"] == "near"  # geo_precision 2
    assert got["YEM1001"]["place_precision"] == "admin1"  # geo_precision 3


def test_ucdp_rows_become_sitrep_values(db: str) -> None:
    with sitrep.open(db) as store:
        with store.transaction() as conn:
            import_file(conn, DATA / "ged-sample.csv", "ucdp")
        got = events(store)
    drc = got["370730"]
    assert (drc["country"], drc["country_code"]) == ("DR Congo (Zaire)", "COD")
    assert (drc["admin1"], drc["admin2"], drc["place_precision"]) == (
        "Ituri",
        "Djugu territory",
        "near",
    )
    assert (drc["event_type"], drc["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (drc["actor1"], drc["actor2"]) == ("URDPC", "Civilians")
    syr = got["300380"]  # dates written with a time, as some releases do
    assert (syr["date_start"], syr["date_precision"]) == (dt.date(2013, 1, 3), "day")
    assert (syr["admin1"], syr["event_type"], syr["sub_event_type"]) == ("Idlib", "Battles", None)
    assert syr["raw"]["adm_1"] == "Idlib governorate"
    four_days = got["900002"]
    assert (four_days["date_start"], four_days["date_end"], four_days["date_precision"]) == (
        dt.date(2023, 5, 2), dt.date(2023, 5, 5), "days",
    )  # fmt: skip
    assert (four_days["killed_low"], four_days["killed_best"], four_days["killed_high"]) == (
        9,
        11,
        14,
    )
    assert four_days["place_precision"] == "admin2"


def test_gtd_rows_become_sitrep_values(db: str) -> None:
    with sitrep.open(db) as store:
        with store.transaction() as conn:
            import_file(conn, DATA / "gtd-sample.csv", "gtd")
        got = events(store)
    bomb = got["201701020001"]
    assert (bomb["event_type"], bomb["sub_event_type"]) == (
        "Explosions/Remote violence", "Suicide bomb",
    )  # fmt: skip
    assert (bomb["killed_best"], bomb["injured"], bomb["country_code"]) == (36, 52, "IRQ")
    assert "café" in bomb["notes"]  # the file is Latin-1, as GTD's downloads are
    month = got["201703000002"]  # iday 0: the month
    assert (month["date_start"], month["date_end"], month["date_precision"]) == (
        dt.date(2017, 3, 1), dt.date(2017, 3, 31), "month",
    )  # fmt: skip
    assert (month["admin1"], month["location"], month["place_precision"]) == (None, None, "unknown")
    assert month["sub_event_type"] == "Abduction/forced disappearance"
    year = got["201700000003"]  # imonth 0 too: the year
    assert (year["date_start"], year["date_end"], year["date_precision"]) == (
        dt.date(2017, 1, 1), dt.date(2017, 12, 31), "year",
    )  # fmt: skip
    assert (year["event_type"], year["sub_event_type"]) == ("Battles", "Armed clash")  # military
    assert (year["killed_best"], year["injured"]) == (4, None)  # "4.0" and empty


def test_a_malformed_file_reports_each_bad_row_by_line_and_imports_the_good(db: str) -> None:
    with sitrep.open(db) as store:
        with store.transaction() as conn:
            result = import_file(conn, DATA / "acled-malformed.csv", "acled")
        assert result.rows_imported == 3 and result.rows_refused == 4
        # Line 1 is the header; SYR2005's notes run over lines 6 and 7.
        assert result.problems == [
            (3, "event_date '31 February 2024' is not a date: day is out of range for month"),
            (4, "latitude '123' is out of range (-90 to 90)"),
            (5, "fatalities 'many' is not a number"),
            (8, "has 30 fields; the header has 31"),
        ]
        with store.read() as conn:
            assert (list_imports(conn)[0].rows_imported, list_imports(conn)[0].rows_refused) == (
                3,
                4,
            )
        got = events(store)
    assert sorted(got) == ["SYR2001", "SYR2005", "SYR2007"]
    week = got["SYR2005"]  # time_precision 2: the days around the date given
    assert (week["date_start"], week["date_end"], week["date_precision"]) == (
        dt.date(2024, 2, 11), dt.date(2024, 2, 17), "week",
    )  # fmt: skip
    assert week["notes"] == "Air strikes near Saraqab.\nThe notes run over two lines."
    month = got["SYR2007"]  # time_precision 3: the month
    assert (month["date_start"], month["date_end"], month["date_precision"]) == (
        dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month",
    )  # fmt: skip
    assert month["killed_best"] is None


def test_a_file_with_the_wrong_columns_is_refused_whole(db: str) -> None:
    with sitrep.open(db) as store:
        with pytest.raises(InputError) as caught, store.transaction() as conn:
            import_file(conn, DATA / "ged-sample.csv", "acled")
        message = str(caught.value)
        assert "ged-sample.csv" in message and "not a acled CSV" in message
        for column in ("event_id_cnty", "event_date", "fatalities", "geo_precision"):
            assert column in message
        assert "side_a" not in message
        with store.read() as conn:
            assert list_imports(conn) == [] and count_events(conn) == 0


def test_an_unknown_dataset_is_refused(db: str) -> None:
    with (
        sitrep.open(db) as store,
        pytest.raises(InputError, match="not one of acled, ucdp, gtd"),
        store.transaction() as conn,
    ):
        import_file(conn, DATA / "acled-sample.csv", "gdelt")


def test_the_same_file_twice_is_refused_unless_replaced(db: str, tmp_path: Path) -> None:
    copy = tmp_path / "acled-2024.csv"
    shutil.copy(DATA / "acled-sample.csv", copy)
    with sitrep.open(db) as store:
        with store.transaction() as conn:
            first = import_file(conn, DATA / "acled-sample.csv", "acled", who="ana")
        # The same bytes under another name are the same file.
        with pytest.raises(InputError) as caught, store.transaction() as conn:
            import_file(conn, copy, "acled")
        assert f"imported already (import {first.import_id}: acled version 'acled-sample'" in str(
            caught.value
        )
        assert "replace it" in str(caught.value)
        with store.transaction() as conn:
            again = import_file(conn, copy, "acled", version="v2", replace=True)
        assert again.replaced == first.import_id and again.rows_imported == 7
        with store.read() as conn:
            [info] = list_imports(conn)
            assert (info.id, info.version, info.file_name) == (again.import_id, "v2", copy.name)
            assert count_events(conn) == 7
        assert {e["import_id"] for e in events(store).values()} == {again.import_id}


ACLED_COUNTRIES = Filters(countries=("IRQ", "JOR", "SOM", "YEM"))


def test_compare_finds_the_planted_matches_and_the_misses_both_ways(db: str) -> None:
    with sitrep.open(db) as store:
        fill(store)
        with store.transaction() as conn:
            import_file(conn, DATA / "acled-sample.csv", "acled")
        with store.read() as conn:
            c = compare(conn, "acled", ACLED_COUNTRIES)
    pairs = {(m.code, m.event_id, m.verdict) for m in c.matches}
    assert pairs == {
        ("IRQ-2023-000005", "IRQ1001", "link"),  # Erbil, same day, same spot
        ("SOM-2022-000024", "SOM1001", "link"),  # "Middle Shabelle" vs "Shabeellaha Dhexe"
        ("SOM-2022-000025", "SOM1003", "link"),
        ("JOR-2024-000009", "JOR1001", "review"),  # a day apart, Sitrep's place vague
        ("YEM-2024-000007", "YEM1001", "review"),  # Sitrep has only the country
    }
    assert [m.verdict for m in c.matches] == ["link"] * 3 + ["review"] * 2  # best first
    assert {m.code for m in c.links} == {"IRQ-2023-000005", "SOM-2022-000024", "SOM-2022-000025"}
    jor = next(m for m in c.matches if m.event_id == "JOR1001")
    assert "1 day apart" in jor.reasons and "killed 3 vs 3" in jor.reasons
    assert sorted(c.only_reference) == ["IRQ1002", "SOM1002"]
    assert sorted(code for _, code in c.only_sitrep) == [
        "IRQ-0000-000026", "SOM-2023-000023", "YEM-2023-000027",
        "YEM-2024-000014", "YEM-2024-000022",
    ]  # fmt: skip
    # By hand: 7 ACLED events, 5 matched; 10 active incidents in these countries, 5 matched.
    assert (c.overall.reference_total, c.overall.reference_matched) == (7, 5)
    assert (c.overall.sitrep_total, c.overall.sitrep_matched) == (10, 5)
    assert (c.overall.reference_share, c.overall.sitrep_share) == (0.7143, 0.5)
    som, yem = c.by_country["SOM"], c.by_country["YEM"]
    assert (som.reference_total, som.reference_matched, som.sitrep_total, som.sitrep_matched) == (
        3, 2, 3, 2,
    )  # fmt: skip
    assert (yem.reference_share, yem.sitrep_share) == (1.0, 0.25)
    assert sorted(c.by_country) == ["IRQ", "JOR", "SOM", "YEM"]
    jan = c.by_month["2024-01"]  # IRQ1002, JOR1001, YEM1001; incidents 7 and 9
    assert (jan.reference_total, jan.reference_matched, jan.sitrep_total, jan.sitrep_matched) == (
        3, 2, 2, 2,
    )  # fmt: skip
    assert c.by_month["2023-03"].sitrep_share is None  # no incident that month
    assert c.by_month["unknown"].sitrep_total == 1  # the undated Kirkuk attack
    frames = c.to_frame()
    assert len(frames["matches"]) == 5 and len(frames["only_reference"]) == 2
    assert list(frames["only_sitrep"]["code"]) == [code for _, code in c.only_sitrep]
    overall = frames["coverage"].iloc[0]
    assert (overall["by"], overall["reference_share"], overall["sitrep_share"]) == (
        "overall", 0.7143, 0.5,
    )  # fmt: skip


def test_compare_applies_the_filters_to_both_sides(db: str) -> None:
    with sitrep.open(db) as store:
        fill(store)
        with store.transaction() as conn:
            import_file(conn, DATA / "acled-sample.csv", "acled")
        with store.read() as conn:
            somalia_2022 = compare(
                conn,
                "acled",
                Filters(
                    countries=("Somalia",),
                    date_from=dt.date(2022, 1, 1),
                    date_to=dt.date(2022, 12, 31),
                ),
            )
            strikes = compare(conn, "acled", Filters(event_types=("Battles",)))
    assert {m.event_id for m in somalia_2022.matches} == {"SOM1001", "SOM1003"}
    assert somalia_2022.only_reference == [] and somalia_2022.only_sitrep == []
    assert (somalia_2022.overall.reference_share, somalia_2022.overall.sitrep_share) == (1.0, 1.0)
    assert [m.event_id for m in strikes.matches] == ["IRQ1001"]
    assert strikes.overall.reference_total == 1


def test_compare_with_ucdp_sends_a_battle_against_a_strike_to_review(db: str) -> None:
    with sitrep.open(db) as store:
        fill(store)
        with store.transaction() as conn:
            import_file(conn, DATA / "ged-sample.csv", "ucdp")
            import_file(conn, DATA / "acled-sample.csv", "acled")
        with store.read() as conn:
            c = compare(conn, "ucdp", Filters(countries=("SOM",)))
    [match] = c.matches
    assert (match.code, match.event_id, match.verdict) == ("SOM-2023-000023", "900001", "review")
    assert any("Battles vs Explosions/Remote violence" in r for r in match.reasons)
    assert c.only_reference == ["900002"]  # the ACLED import is not compared
    assert (c.overall.reference_total, c.overall.sitrep_total) == (2, 3)


def test_compare_uses_a_version_and_refuses_an_unknown_one(db: str) -> None:
    with sitrep.open(db) as store:
        active = fill(store).incidents
        with store.transaction() as conn:
            import_file(conn, DATA / "acled-sample.csv", "acled", version="2024-03")
            import_file(conn, DATA / "acled-malformed.csv", "acled", version="2024-04")
        with store.read() as conn:
            both = compare(conn, "acled")
            march = compare(conn, "acled", version="2024-03")
            with pytest.raises(
                InputError,
                match=r"version '2025' has not been imported \(imported: 2024-03, 2024-04\)",
            ):
                compare(conn, "acled", version="2025")
            with pytest.raises(InputError, match="no gtd data has been imported"):
                compare(conn, "gtd")
    assert both.versions == ["2024-03", "2024-04"] and march.versions == ["2024-03"]
    assert both.overall.reference_total == 10 and march.overall.reference_total == 7
    # Without filters every active incident counts, those with no country too.
    assert both.overall.sitrep_total == len(active)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-01-28", dt.date(2024, 1, 28)),
        ("28 January 2024", dt.date(2024, 1, 28)),
        ("3 november 2022", dt.date(2022, 11, 3)),
    ],
    ids=["ISO date", "day month year", "month name in any case"],
)
def test_acled_dates_are_read_in_both_forms(text: str, day: dt.date) -> None:
    assert event_date(text) == day


@pytest.mark.parametrize("text", ["31 February 2024", "2024-13-01", "28/01/2024", "January 2024"])
def test_acled_dates_that_are_not_dates_are_refused(text: str) -> None:
    with pytest.raises(RowError, match="event_date"):
        event_date(text)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Iraq", "IRQ"),
        ("Democratic Republic of Congo", "COD"),
        ("DR Congo (Zaire)", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Russia (Soviet Union)", "RUS"),
        ("West Bank and Gaza Strip", "PSE"),
        ("Bosnia-Herzegovina", "BIH"),
        ("West Germany (FRG)", "DEU"),
        ("International", None),
    ],
)
def test_country_names_as_the_datasets_spell_them(name: str, code: str | None) -> None:
    assert country_code(name) == code


def test_province_names_are_compared_without_article_or_kind() -> None:
    assert admin1_key("Al Mafraq") == admin1_key("Mafraq Governorate") == "mafraq"
    assert admin1_key("Al-Anbar") == "anbar"
    assert admin1_key("Idlib governorate") == admin1_key("idlib") == "idlib"
    assert admin1_key(None) is None


def test_read_events_streams_rows_with_their_lines() -> None:
    rows = list(read_events(DATA / "acled-malformed.csv", "acled"))
    assert [line for line, _, _ in rows] == [2, 3, 4, 5, 6, 8, 9]
    assert [event is None for _, event, _ in rows] == [False, True, True, True, False, True, False]
