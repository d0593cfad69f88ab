"""The ACLED, UCDP GED and GTD CSV exports: round trips through csv and pandas, awkward
text kept, merged and undated incidents, streaming, and filters."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

import sitrep
from exportdata import AWKWARD_TEXT, Filled, awkward_incident, fill
from sitrep.export import acled, gtd, ucdp
from sitrep.export.common import Meta
from sitrep.export.query import Filters, Record, iter_records
from sitrep.models import Incident, Report, Span
from sitrep.store.incidents import replace_candidates
from sitrep.store.store import Store

FORMATS = [
    pytest.param(acled, id="acled"),
    pytest.param(ucdp, id="ucdp"),
    pytest.param(gtd, id="gtd"),
]

# A quote holding every awkward thing at once: commas, quotes, a newline, HTML, Arabic.
WHOLE_QUOTE = AWKWARD_TEXT
# Another report (the same text would be the same report) whose evidence is all of it.
WHOLE_TEXT = WHOLE_QUOTE + "\nA second witness confirmed the toll."


@dataclass
class Db:
    store: Store
    filled: Filled
    whole: Incident  # an incident whose evidence quote is the whole awkward text


@pytest.fixture
def db_filled(db: str) -> Iterator[Db]:
    store = sitrep.open(db)
    try:
        filled = fill(store)
        added = store.add_report(
            Report(
                text=WHOLE_TEXT,
                title="Second <i>telling</i>, with \u0647\u062c\u0648\u0645",
                publisher="Wire",
                published="2024-05-03",
                url="https://example.org/wire?x=1,2",
            )
        )
        incident = awkward_incident(added.id)
        incident.evidence = [
            Span(
                start=0,
                end=len(WHOLE_QUOTE),
                quote=WHOLE_QUOTE,
                field="event_type",
                report_id=added.id,
            )
        ]
        with store.transaction() as conn:
            [whole_id], _ = replace_candidates(conn, added.id, [incident], [])
        yield Db(store, filled, store.incident(whole_id))
    finally:
        store.close()


# ACLED's column types, as an analysis script reading ACLED's own files declares them.
ACLED_DTYPES = {
    "year": "Int64",  # an undated incident has no year
    "time_precision": "int64",
    "inter1": "int64",
    "inter2": "int64",
    "interaction": "int64",
    "iso": "Int64",
    "latitude": "float64",
    "longitude": "float64",
    "geo_precision": "int64",
    "fatalities": "int64",
    "timestamp": "int64",
}


def export(store: Store, module: ModuleType, filters: Filters | None = None) -> str:
    out = io.StringIO()
    with store.read() as conn:
        records = iter_records(conn, filters or Filters(), with_evidence=True)
        written = module.write(records, out, Meta())
    text = out.getvalue()
    assert written == len(list(csv.reader(io.StringIO(text)))) - 1
    return text


def by_code(text: str) -> dict[str, dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    codes = [r["sitrep_id"] for r in rows]
    assert len(codes) == len(set(codes)), "an incident appears twice"
    return {r["sitrep_id"]: r for r in rows}


def _num(value: int | float | None) -> str:
    return "" if value is None else str(value)


@pytest.mark.parametrize("module", FORMATS)
def test_csv_round_trip_matches_the_store(db_filled: Db, module: ModuleType) -> None:
    store = db_filled.store
    text = export(store, module)
    header = next(csv.reader(io.StringIO(text)))
    assert header == module.COLUMNS
    rows = by_code(text)
    active = store.incidents()
    assert set(rows) == {i.code for i in active}
    for incident in active:
        row = rows[str(incident.code)]
        date = incident.date
        assert row["date_start"] == (date.start.isoformat() if date and date.start else "")
        assert row["date_end"] == (date.end.isoformat() if date and date.end else "")
        for kind in ("killed", "injured"):
            count = getattr(incident, kind)
            for part in ("low", "best", "high"):
                assert row[f"{kind}_{part}"] == _num(getattr(count, part) if count else None)
        place = incident.location
        lat = place.latitude if place else None
        lon = place.longitude if place else None
        assert row["latitude"] == _num(lat) and row["longitude"] == _num(lon)
        if lat is not None:
            assert float(row["latitude"]) == lat
        wanted = [store.report(r).url for r in sorted(incident.report_ids)]
        assert row["source_urls"] == " | ".join(u for u in wanted if u)
        assert row["status"] == incident.status


@pytest.mark.parametrize("module", FORMATS)
def test_awkward_text_survives_csv_and_pandas(db_filled: Db, module: ModuleType) -> None:
    text = export(db_filled.store, module)
    row = by_code(text)[str(db_filled.whole.code)]
    assert WHOLE_QUOTE in row["quotes"].split(" | ")
    assert row["target"] == 'the "Al-Noor, Market"'
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert len(frame) == len(by_code(text))
    quoted = frame.loc[frame["sitrep_id"] == db_filled.whole.code, "quotes"].iloc[0]
    assert quoted == WHOLE_QUOTE  # newline, <script>, Arabic and quotes as they were
    assert "&lt;" not in text and "\u0647\u062c\u0648\u0645 \u0645\u0633\u0644\u062d" in text


def test_html_titles_are_plain_text(db_filled: Db) -> None:
    code = str(db_filled.filled.awkward.code)
    ged = by_code(export(db_filled.store, ucdp))[code]
    assert ged["source_headline"] == 'Attack on "Al-Noor, Market" <b>Kirkuk</b>'
    assert ged["source_office"] == "Local, News"
    terror = by_code(export(db_filled.store, gtd))[code]
    assert terror["scite1"] == (
        'Local, News, "Attack on "Al-Noor, Market" <b>Kirkuk</b>", 2024-05-02, '
        "https://example.org/kirkuk?a=1&b=2"
    )


def test_acled_reads_with_acled_dtypes(db_filled: Db) -> None:
    text = export(db_filled.store, acled)
    frame = pd.read_csv(io.StringIO(text), parse_dates=["event_date"], dtype=ACLED_DTYPES)
    assert pd.api.types.is_datetime64_any_dtype(frame["event_date"])
    dated = frame[frame["event_date"].notna()]
    assert (dated["year"] == dated["event_date"].dt.year).all()
    assert set(frame["time_precision"]) <= {1, 2, 3}
    assert set(frame["geo_precision"]) <= {1, 2, 3}
    assert (frame["fatalities"] >= 0).all()
    awkward = frame[frame["sitrep_id"] == db_filled.filled.awkward.code].iloc[0]
    assert pd.isna(awkward["event_date"]) and pd.isna(awkward["latitude"])
    assert awkward["fatalities"] == 4 and awkward["iso"] == 368
    assert awkward["inter1"] == 3 and awkward["inter2"] == 7 and awkward["interaction"] == 37
    assert awkward["civilian_targeting"] == "Civilian targeting"
    assert awkward["region"] == "Middle East" and awkward["event_id_cnty"].startswith("IRQ")


def test_merged_incident_lists_both_reports(db_filled: Db) -> None:
    merged = db_filled.filled.merged
    urls = [db_filled.store.report(r).url for r in sorted(merged.report_ids)]
    assert len(urls) == 2
    code = str(merged.code)
    for module in (acled, ucdp, gtd):
        row = by_code(export(db_filled.store, module))[code]
        assert row["source_urls"].split(" | ") == urls
    assert by_code(export(db_filled.store, ucdp))[code]["number_of_sources"] == "2"
    terror = by_code(export(db_filled.store, gtd))[code]
    assert urls[0] in terror["scite1"] and urls[1] in terror["scite2"] and not terror["scite3"]


def test_undated_incident_without_a_point_has_empty_cells(db_filled: Db) -> None:
    code = str(db_filled.filled.awkward.code)
    row = by_code(export(db_filled.store, acled))[code]
    assert (row["event_date"], row["year"], row["latitude"], row["longitude"]) == ("",) * 4
    assert row["time_precision"] == "3"
    ged = by_code(export(db_filled.store, ucdp))[code]
    assert (ged["date_start"], ged["geom_wkt"], ged["year"]) == ("", "", "")
    assert (ged["date_prec"], ged["where_prec"], ged["type_of_violence"]) == ("5", "4", "3")
    assert ged["side_b"] == "Civilians" and ged["best"] == "4"
    terror = by_code(export(db_filled.store, gtd))[code]
    assert (terror["iyear"], terror["imonth"], terror["iday"]) == ("", "0", "0")
    assert terror["eventid"] == f"00000000{db_filled.filled.awkward.id:04d}"
    assert terror["gname"] == "Gunmen, unidentified" and terror["guncertain1"] == "1"
    assert terror["weaptype1_txt"] == "Firearms" and terror["nkill"] == "4"


class Probe(io.StringIO):
    """Output that notes how many records had been read at each write."""

    def __init__(self, consumed: list[int]) -> None:
        super().__init__()
        self.consumed = consumed
        self.seen: list[int] = []

    def write(self, s: str) -> int:
        self.seen.append(self.consumed[0])
        return super().write(s)


def counted(records: Iterator[Record], consumed: list[int]) -> Iterator[Record]:
    """``records`` as they are read, counted in ``consumed[0]``."""
    for record in records:
        consumed[0] += 1
        yield record


@pytest.mark.parametrize("module", FORMATS)
def test_write_streams_records_one_at_a_time(db_filled: Db, module: ModuleType) -> None:
    consumed = [0]
    out = Probe(consumed)
    # ACLED's rows are made a batch at a time (here of one record).
    options = {"batch": 1} if module is acled else {}
    with db_filled.store.read() as conn:
        records = counted(iter_records(conn, Filters(), batch=3), consumed)
        written = module.write(records, out, Meta(), **options)
    assert written == consumed[0] > 5
    # The header before any record is read, then each row before the next record is read.
    assert out.seen == list(range(written + 1))


def test_acled_writes_a_batch_of_rows_before_reading_the_next(db_filled: Db) -> None:
    consumed = [0]
    out = Probe(consumed)
    with db_filled.store.read() as conn:
        records = counted(iter_records(conn, Filters()), consumed)
        written = acled.write(records, out, Meta(), batch=3)
    assert written > 6
    assert out.seen == [0, *(min(k, written) for k in range(3, written + 3, 3))]


@pytest.mark.parametrize("module", FORMATS)
def test_filters_narrow_the_export(db_filled: Db, module: ModuleType) -> None:
    store, filled = db_filled.store, db_filled.filled
    everything = by_code(export(store, module, Filters(statuses=("all",))))
    active = by_code(export(store, module))
    assert str(filled.rejected.code) in everything and str(filled.rejected.code) not in active
    assert {r["status"] for r in everything.values()} >= {"rejected", "merged", "candidate"}
    assert {r["status"] for r in active.values()} <= {"candidate", "confirmed"}
    iraq = by_code(export(store, module, Filters(countries=("IRQ",))))
    assert iraq and set(iraq) < set(active)
    assert all(code.startswith("IRQ-") for code in iraq)
    two = by_code(export(store, module, Filters(min_sources=2)))
    assert set(two) == {str(filled.merged.code)}


@pytest.mark.parametrize(
    ("inter1", "inter2", "code"),
    [
        pytest.param(1, 3, 13, id="state forces against a militia is 13"),
        pytest.param(7, 2, 27, id="the smaller code comes first"),
        pytest.param(6, 0, 60, id="a sole actor is its code then 0"),
    ],
)
def test_acled_interaction(inter1: int, inter2: int, code: int) -> None:
    assert acled.interaction(inter1, inter2) == code


def _record(event_type: str, by: str | None, on: str | None) -> Record:
    row = {"event_type": event_type, "id": 12345, "date_start": dt.date(2024, 1, 28)}
    row["date_precision"] = "day"
    actors = []
    if by is not None:
        actors.append({"name": "A", "role": "perpetrator", "actor_type": by})
    if on is not None:
        actors.append({"name": "B", "role": "target", "actor_type": on})
    return Record(row=row, actors=actors)


@pytest.mark.parametrize(
    ("event_type", "by", "on", "violence"),
    [
        pytest.param("Battles", "Rebel Groups", "State Forces", 1, id="rebels on the state"),
        pytest.param("Battles", "Rebel Groups", "Identity Militias", 2, id="two militias"),
        pytest.param(
            "Explosions/Remote violence", "Rebel Groups", "Civilians", 3, id="on civilians"
        ),
        pytest.param("Violence against civilians", None, None, 3, id="VAC is one-sided"),
        pytest.param("Explosions/Remote violence", "State Forces", None, 1, id="state alone"),
        pytest.param("Battles", "Rebel Groups", None, None, id="one non-state side: unknown"),
        pytest.param("Protests", "Protesters", "State Forces", None, id="protests: none"),
    ],
)
def test_ucdp_type_of_violence(
    event_type: str, by: str | None, on: str | None, violence: int | None
) -> None:
    record = _record(event_type, by, on)
    assert ucdp.type_of_violence(record) == violence
    if violence == 1 and by != "State Forces" and on == "State Forces":
        assert ucdp.sides(record, violence) == ("B", "A")


def test_gtd_eventid_keeps_ids_above_9999_whole() -> None:
    assert gtd.eventid(_record("Battles", None, None)) == "2024012812345"


@pytest.mark.parametrize(
    ("alpha3", "acled_region", "ucdp_region", "gtd_region"),
    [
        ("IRQ", "Middle East", "Middle East", "Middle East & North Africa"),
        ("SOM", "Eastern Africa", "Africa", "Sub-Saharan Africa"),
        ("MOZ", "Southern Africa", "Africa", "Sub-Saharan Africa"),
        ("GEO", "Caucasus and Central Asia", "Europe", "Central Asia"),
        ("MEX", "Central America", "Americas", "North America"),
        ("IRN", "Middle East", "Middle East", "Middle East & North Africa"),
    ],
)
def test_regions(alpha3: str, acled_region: str, ucdp_region: str, gtd_region: str) -> None:
    assert acled.acled_region(alpha3) == acled_region
    assert ucdp.ucdp_region(alpha3) == ucdp_region
    assert gtd.gtd_region(alpha3) == gtd_region


@pytest.mark.bench
def test_the_seed_report_exports_with_acled_dtypes(bench: Path, tmp_path: Path) -> None:
    # The report the project started from: four incidents, one of them the rockets fired
    # at a U.S. base in western Iraq on Monday, injuring seven Americans.
    doc = json.loads((bench / "seed.jsonl").read_text("utf-8").splitlines()[0])
    with sitrep.open(str(tmp_path / "seed.db")) as store:
        report = Report(text=doc["text"], published=doc["published"], title=doc.get("title"))
        sitrep.add_report(store, report)
        text = export(store, acled)
    frame = pd.read_csv(io.StringIO(text), parse_dates=["event_date"], dtype=ACLED_DTYPES)
    assert len(frame) == len(doc["gold"]) == 4
    assert pd.api.types.is_datetime64_any_dtype(frame["event_date"])
    gold = sorted(g["date_start"] for g in doc["gold"])
    assert sorted(frame["event_date"].dt.strftime("%Y-%m-%d")) == gold
    base = frame[frame["injured_best"] == 7]
    assert len(base) == 1 and base.iloc[0]["country"] == "Iraq"
    assert (frame["fatalities"] >= 0).all() and set(frame["time_precision"]) <= {1, 2, 3}
