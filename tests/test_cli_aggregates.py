"""`sitrep aggregates` and the place column of `sitrep incidents`, through the real
console script, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sitrep
from conftest import run_sitrep
from sitrep.models import Actor, DateSpan, Incident, Place

STORY = (
    "Kataib Hezbollah launched a drone at a U.S. base in Iraq on Jan. 28, 2024, killing "
    "three U.S. soldiers.\n\n"
    "Since early November 2023, Iraqi militias have claimed responsibility for more than "
    "100 missile and drone launches targeting Israeli targets and have carried out some 200 "
    "strikes against bases in Iraq and Syria. U.S. officials said the Islamic Resistance in "
    "Iraq has carried out more than 150 attacks on U.S. forces since October 17, 2023.\n"
)
OTHER = "Since January, at least 30 attacks have been blamed on suspected ADF rebels."


def _add(db: str, path: Path, text: str, published: str) -> None:
    path.write_text(text, encoding="utf-8")
    added = run_sitrep("--db", db, "add", str(path), "--published", published)
    assert added.returncode == 0, added.stderr


def test_aggregates_show_the_source_figure_beside_the_recorded_one(db: str, tmp_path: Path) -> None:
    _add(db, tmp_path / "militias.txt", STORY, "2024-08-07")
    with sitrep.open(db) as store:
        [drone] = store.incidents()
        assert [a.actor_id for a in drone.actors if a.role == "perpetrator"] == ["kataib-hezbollah"]
        # One more incident on record by a member of the umbrella, inside the period, and
        # one before it: only the first may count.
        inside = store.add_incident(
            Incident(
                date=DateSpan(start=dt.date(2024, 2, 1), end=dt.date(2024, 2, 1), precision="day"),
                actors=[Actor(name="Kataib Hezbollah", actor_id="kataib-hezbollah")],
            )
        )
        store.add_incident(
            Incident(
                date=DateSpan(start=dt.date(2023, 9, 1), end=dt.date(2023, 9, 1), precision="day"),
                actors=[Actor(name="Kataib Hezbollah", actor_id="kataib-hezbollah")],
            )
        )

    listed = run_sitrep("--db", db, "aggregates", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["id"], r["report_id"], r["metric"]) for r in rows] == [
        (1, 1, "attacks"),
        (2, 1, "attacks"),
        (3, 1, "attacks"),
    ]
    launches, strikes, umbrella = rows
    assert [(a["name"], a["attribution"]) for a in launches["actors"]] == [
        ("Iraqi militias", "claimed")
    ]
    assert [(a["name"], a["attribution"]) for a in strikes["actors"]] == [
        ("Iraqi militias", "attributed_by_source")
    ]
    assert [(a["actor_id"], a["attribution"]) for a in umbrella["actors"]] == [
        ("islamic-resistance-in-iraq", "attributed_by_official")
    ]
    assert launches["period"]["start"] == "2023-11-01"
    assert umbrella["period"] == {
        "start": "2023-10-17",
        "end": "2024-08-07",
        "precision": "day",
        "text": "since October 17, 2023",
        "anchor": "2024-08-07",
    }
    # "Iraqi militias" is a kind of actor, not Kataib Hezbollah by name: nothing recorded.
    assert (launches["source"], launches["recorded"]) == ("more than 100", 0)
    # Kataib Hezbollah is a member of the Islamic Resistance in Iraq: both its incidents in
    # the period count, the one of September 2023 does not.
    assert (umbrella["source"], umbrella["recorded"]) == ("more than 150", 2)
    assert umbrella["incident_ids"] == [drone.id, inside]
    assert umbrella["unknown"] == ['targets "U.S. forces" not compared']

    table = run_sitrep("--db", db, "aggregates")
    assert table.returncode == 0, table.stderr
    assert "source: more than 150; recorded: 2" in table.stdout
    assert "source: about 200; recorded: 0" in table.stdout
    assert "actors:   Iraqi militias (claimed)" in table.stdout
    assert 'period:   2023-11-01..2024-08-07 ("Since early November 2023")' in table.stdout
    assert "3 aggregate statement(s)" in table.stderr


def test_the_report_filter_keeps_one_reports_statements(db: str, tmp_path: Path) -> None:
    _add(db, tmp_path / "militias.txt", STORY, "2024-08-07")
    _add(db, tmp_path / "adf.txt", OTHER, "2024-06-30")
    listed = run_sitrep("--db", db, "aggregates", "--json", "--report", "2")
    assert listed.returncode == 0, listed.stderr
    [row] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (row["report_id"], row["source"]) == (2, "at least 30")
    assert [(a["actor_id"], a["attribution"]) for a in row["actors"]] == [("adf", "suspected")]
    none = run_sitrep("--db", db, "aggregates", "--report", "99")
    assert none.returncode == 0 and none.stdout == ""
    assert "0 aggregate statement(s)" in none.stderr


def test_the_incidents_table_shows_each_place_or_a_dash(db: str) -> None:
    with sitrep.open(db) as store:
        day = DateSpan(start=dt.date(2024, 1, 28), end=dt.date(2024, 1, 28), precision="day")
        store.add_incident(
            Incident(date=day, location=Place(name="Erbil", country_code="IRQ", precision="exact"))
        )
        store.add_incident(
            Incident(
                date=day, location=Place(admin1="Anbar", country_code="IRQ", precision="admin1")
            )
        )
        store.add_incident(Incident(date=day))
        store.add_incident(
            Incident(
                date=day,
                location=Place(text="the Gulf of Aden", precision="water"),
                actors=[
                    Actor(name="Houthis", role="perpetrator", attribution="claimed"),
                    Actor(name="U.S. forces", role="target"),
                ],
            )
        )
    table = run_sitrep("--db", db, "incidents")
    assert table.returncode == 0, table.stderr
    header, *rows = table.stdout.splitlines()
    assert header.split()[:6] == ["id", "date", "precision", "type", "weapons", "place"]
    assert "Erbil, IRQ" in rows[0]
    assert "Anbar, IRQ" in rows[1]
    assert rows[2].split()[-1] == "-"
    assert "Gulf of Aden" in rows[3]  # a sea, as the report names it
    assert header.split()[6] == "perpetrator"
    assert "Houthis (claimed)" in rows[3] and "U.S. forces" not in rows[3]
