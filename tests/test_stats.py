"""sitrep.analysis: stats, timeline and charts, on SQLite and PostgreSQL.

The expected numbers are computed here, independently, from the incidents the store
lists; the database computes the same ones with GROUP BY.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import matplotlib.image
import pandas as pd
import pytest
from PIL import Image

import sitrep
from exportdata import fill
from sitrep.analysis import chart, format_table, stats, timeline
from sitrep.errors import InputError
from sitrep.export.query import Filters
from sitrep.models import Count, Incident


def month_of(incident: Incident) -> str:
    start = incident.date.start if incident.date else None
    return start.strftime("%Y-%m") if start else "undated"


def monday_of(day: dt.date | None) -> str:
    return (day - dt.timedelta(days=day.weekday())).isoformat() if day else "undated"


def country_of(incident: Incident) -> str:
    place = incident.location
    return place.country_code if place and place.country_code else "unknown"


def perpetrators(incident: Incident) -> set[str]:
    return {a.name for a in incident.actors if a.role == "perpetrator"} or {"unknown"}


def figure_sums(counts: list[Count | None]) -> dict[str, int]:
    """low / best / high / open as the module documents them, computed by hand."""
    out = {"low": 0, "best": 0, "high": 0, "open": 0, "figures": 0}
    for c in counts:
        if c is None or (c.low is None and c.best is None and c.high is None):
            continue
        out["figures"] += 1
        out["low"] += c.low or 0
        out["best"] += next((v for v in (c.best, c.low) if v is not None), 0)
        out["high"] += next((v for v in (c.high, c.best, c.low) if v is not None), 0)
        out["open"] += c.high is None
    return out


@pytest.fixture
def filled(db: str):
    store = sitrep.open(db)
    try:
        yield store, fill(store)
    finally:
        store.close()


def test_totals_equal_the_sums_of_the_incidents(filled) -> None:
    store, _ = filled
    active = store.incidents()
    with store.read() as conn:
        frame = stats(conn, Filters(), [])
    assert len(frame) == 1
    row = frame.iloc[0]
    killed = figure_sums([i.killed for i in active])
    injured = figure_sums([i.injured for i in active])
    assert row["incidents"] == len(active)
    for part in ("low", "best", "high", "open"):
        assert row[f"killed_{part}"] == killed[part], part
        assert row[f"injured_{part}"] == injured[part], part
    assert row["no_toll"] == len(active) - killed["figures"]
    day = sum(1 for i in active if i.date and i.date.precision == "day")
    assert (row["precise_date"], row["vague_date"]) == (day, len(active) - day)
    exact = sum(
        1 for i in active if i.location and i.location.precision in ("exact", "near", "admin2")
    )
    assert (row["precise_place"], row["vague_place"]) == (exact, len(active) - exact)
    assert killed["open"] > 0, "the samples hold an open-ended figure"
    assert frame.attrs["filters"] == Filters().describe()


def test_month_and_country_keys_and_the_undated_row(filled) -> None:
    store, data = filled
    active = store.incidents()
    with store.read() as conn:
        frame = stats(conn, Filters(), ["month", "country"])
    assert list(frame.columns[:3]) == ["month", "country_code", "country"]
    got = {(r.month, r.country_code): r.incidents for r in frame.itertuples()}
    assert got == Counter((month_of(i), country_of(i)) for i in active)
    undated = frame[frame["month"] == "undated"]
    assert undated["incidents"].sum() == sum(1 for i in active if month_of(i) == "undated") >= 1
    assert (data.awkward.location and data.awkward.location.country_code) in set(
        undated["country_code"]
    )
    assert set(frame.loc[frame["country_code"] == "SOM", "country"]) == {"Somalia"}
    assert frame["incidents"].sum() == len(active)
    assert any("date_start" in note for note in frame.attrs["notes"])


def test_weeks_are_keyed_by_their_monday_and_spanning_counts_crossings(filled) -> None:
    store, _ = filled
    active = store.incidents()
    with store.read() as conn:
        frame = stats(conn, Filters(), ["week"])
    dated = [k for k in frame["week"] if k != "undated"]
    assert dated and all(dt.date.fromisoformat(k).weekday() == 0 for k in dated)
    starts = Counter(monday_of(i.date.start if i.date else None) for i in active)
    assert dict(zip(frame["week"], frame["incidents"], strict=True)) == starts
    crossing = sum(
        1
        for i in active
        if i.date
        and i.date.start
        and i.date.end
        and monday_of(i.date.end) != monday_of(i.date.start)
    )
    assert crossing >= 1, "the merged incident runs over two weeks"
    assert frame["spanning"].sum() == crossing


def test_filters_narrow_the_counts(filled) -> None:
    store, _ = filled
    active = store.incidents()
    somali = [i for i in active if country_of(i) == "SOM"]
    houthi = [i for i in active if "Houthis" in {a.name for a in i.actors}]
    with store.read() as conn:
        everything = stats(conn, Filters(), ["country"])
        by_country = stats(conn, Filters(countries=("Somalia",)), ["country"])
        by_actor = stats(conn, Filters(actors=("houthis",)), [])
        since = stats(conn, Filters(date_from=dt.date(2024, 1, 1)), ["month"])
        with_rejected = stats(conn, Filters(statuses=("all",)), [])
    assert somali and list(by_country["country_code"]) == ["SOM"]
    assert by_country["incidents"].sum() == len(somali)
    assert by_country["killed_best"].sum() == figure_sums([i.killed for i in somali])["best"]
    assert by_actor["incidents"].sum() == len(houthi) < len(active)
    assert "undated" not in set(since["month"])
    assert all(m >= "2024-01" for m in since["month"])
    assert with_rejected["incidents"].sum() > everything["incidents"].sum()


def test_actor_rows_count_an_incident_under_each_perpetrator(filled) -> None:
    store, _ = filled
    active = store.incidents()
    expected = Counter(name for i in active for name in perpetrators(i))
    with store.read() as conn:
        frame = stats(conn, Filters(), ["actor"])
    assert dict(zip(frame["actor"], frame["incidents"], strict=True)) == expected
    two = [i for i in active if len(perpetrators(i)) > 1]
    assert two, "the samples hold an incident with two perpetrators"
    assert frame["incidents"].sum() == sum(len(perpetrators(i)) for i in active) > len(active)
    assert any("perpetrator" in note for note in frame.attrs["notes"])


def test_bad_group_keys_are_refused(filled) -> None:
    store, _ = filled
    with store.read() as conn:
        with pytest.raises(InputError, match="'hour'"):
            stats(conn, Filters(), ["hour"])
        with pytest.raises(InputError, match="twice"):
            stats(conn, Filters(), ["month", "month"])


def test_format_table_shows_ranges() -> None:
    frame = pd.DataFrame(
        {
            "month": ["2024-01", "2024-02", "undated"],
            "incidents": [3, 1, 1],
            "killed_low": [2, 4, 0],
            "killed_best": [3, 4, 0],
            "killed_high": [5, 4, 0],
            "killed_open": [0, 0, 1],
        }
    )
    lines = format_table(frame).splitlines()
    assert lines[0].split() == ["month", "incidents", "killed"]
    assert lines[2].split() == ["2024-01", "3", "2-5", "(3)"]
    assert lines[3].split() == ["2024-02", "1", "4"]
    assert lines[4].split() == ["undated", "1", "0+"]
    assert len({len(line) for line in lines[:2]}) == 1


def test_timeline_keeps_the_top_groups_and_every_period(filled) -> None:
    store, _ = filled
    with store.read() as conn:
        frame = timeline(conn, Filters(), by="actor", period="month", top=1)
        actors = stats(conn, Filters(), ["actor"])
    assert frame.attrs["groups"] == ["Houthis", "other"]
    assert set(frame["group"]) == {"Houthis", "other"}
    assert frame["incidents"].sum() == actors["incidents"].sum()
    months = [m for m in dict.fromkeys(frame["period"]) if m != "undated"]
    assert months == sorted(months)
    first, last = pd.Period(months[0], "M"), pd.Period(months[-1], "M")
    assert len(months) == (last - first).n + 1, "no month is missing between the ends"
    assert frame["period"].iloc[-1] == "undated"
    with store.read() as conn, pytest.raises(InputError, match="country"):
        timeline(conn, Filters(), by="country", period="month")


def test_chart_writes_png_and_deterministic_svg(filled, tmp_path: Path) -> None:
    store, _ = filled
    with store.read() as conn:
        png = chart(conn, Filters(), by="actor", period="month", path=tmp_path / "a.png")
        svg1 = chart(conn, Filters(), by="event_type", period="week", path=tmp_path / "b.svg")
        svg2 = chart(conn, Filters(), by="event_type", period="week", path=tmp_path / "c.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(png) as image:
        assert image.format == "PNG" and image.size[0] > 600
    assert matplotlib.image.imread(png).ndim == 3
    root = ElementTree.fromstring(svg1.read_bytes())
    assert root.tag.endswith("svg")
    assert "Incidents per week by event type" in svg1.read_text("utf-8")
    assert svg1.read_bytes() == svg2.read_bytes()


def test_chart_refuses_other_formats(filled, tmp_path: Path) -> None:
    store, _ = filled
    with store.read() as conn, pytest.raises(InputError, match=r"\.jpg"):
        chart(conn, Filters(), by="actor", period="month", path=tmp_path / "a.jpg")
    assert not (tmp_path / "a.jpg").exists()
