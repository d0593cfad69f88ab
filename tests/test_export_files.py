"""The file exports (GeoJSON, JSON Lines, Parquet, Datasette SQLite) on SQLite and PostgreSQL:
every incident once, with the store's values, each file valid in its own format, written
while the incidents are still being read."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
import sqlite3
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geojson as geojson_validator
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from exportdata import AWKWARD_TEXT, Filled, fill
from sitrep.errors import InputError
from sitrep.export import datasette, geojson, jsonl, parquet
from sitrep.export.common import Meta
from sitrep.export.query import Filters, Record, iter_records
from sitrep.models import Incident, Report, Span
from sitrep.store.incidents import replace_candidates
from sitrep.store.store import Store

# Every line break a reader might split on, inside one quote, with the HTML and Arabic.
MULTILINE_TEXT = AWKWARD_TEXT + "\u2028Second paragraph; \u201cquoted\u201d, again.\r\nEnd."


@dataclass
class Exported:
    filled: Filled
    multiline: Incident  # evidence quoting the whole awkward text
    expected: dict[str, dict[str, Any]]  # by code, the store's values
    records: list[Record]
    meta: Meta


def _add_multiline(store: Store) -> Incident:
    added = store.add_report(
        Report(
            text=MULTILINE_TEXT,
            title="<i>Kirkuk</i>, again: \u0643\u0631\u0643\u0648\u0643",
            publisher="Local, News",
            published="2024-05-03",
            url="https://example.org/kirkuk?a=1&b=3#\u0643",
        )
    )
    incident = Incident(
        event_type="Violence against civilians",
        sub_event_type="Attack",
        evidence=[
            Span(
                start=0,
                end=len(MULTILINE_TEXT),
                quote=MULTILINE_TEXT,
                field="event_type",
                report_id=added.id,
            )
        ],
    )
    with store.transaction() as conn:
        [new_id], _ = replace_candidates(conn, added.id, [incident], [])
    return store.incident(new_id)


def _expected(store: Store, incident: Incident) -> dict[str, Any]:
    """What every export must say of ``incident``, read from the store's own model."""
    date, place = incident.date, incident.location
    killed, injured = incident.killed, incident.injured
    return {
        "code": incident.code,
        "status": incident.status,
        "grade": incident.grade,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_precision": date.precision if date else "unknown",
        "place_name": place.name if place else None,
        "admin1": place.admin1 if place else None,
        "country": place.country if place else None,
        "country_code": place.country_code if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "place_precision": place.precision if place else "unknown",
        "killed": (killed.low, killed.best, killed.high) if killed else (None, None, None),
        "injured": (injured.low, injured.best, injured.high) if injured else (None, None, None),
        "weapons": list(incident.weapons),
        "target": incident.target,
        "perpetrators": [a.name for a in incident.actors if a.role == "perpetrator"],
        "report_ids": sorted(incident.report_ids),
        "urls": [u for r in sorted(incident.report_ids) if (u := store.report(r).url)],
        "quotes": [s.quote for s in incident.evidence],
    }


@pytest.fixture
def exported(db: str) -> Iterator[Exported]:
    import sitrep

    store = sitrep.open(db)
    try:
        filled = fill(store)
        multiline = _add_multiline(store)
        active = store.incidents()
        expected = {i.code: _expected(store, i) for i in active if i.code}
        assert len(expected) == len(active)
        with store.read() as conn:
            records = list(iter_records(conn, Filters(), with_evidence=True))
        meta = Meta(title='Kirkuk, "test" \u0643', filters=Filters(min_sources=1))
        yield Exported(filled, multiline, expected, records, meta)
    finally:
        store.close()


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for the exported files (the SQLite store lives in tmp_path)."""
    path = tmp_path / "out"
    path.mkdir()
    return path


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _check_json_values(got: dict[str, Any], want: dict[str, Any]) -> None:
    """An incident read back from JSON (GeoJSON properties or a JSON line) against the store."""
    for key in (
        "code",
        "status",
        "grade",
        "event_type",
        "sub_event_type",
        "date_precision",
        "place_name",
        "admin1",
        "country",
        "country_code",
        "place_precision",
        "weapons",
        "target",
        "perpetrators",
        "urls",
        "report_ids",
    ):
        assert got[key] == want[key], key
    assert got["date_start"] == _iso(want["date_start"])
    assert got["date_end"] == _iso(want["date_end"])
    assert (got["killed_low"], got["killed_best"], got["killed_high"]) == want["killed"]
    assert (got["injured_low"], got["injured_best"], got["injured_high"]) == want["injured"]
    assert [span["quote"] for span in got["evidence"]] == want["quotes"]
    assert len(got["citations"]) == len(want["report_ids"])


def _check_awkward(
    by_code: dict[str, Any], exported: Exported, quotes_of: Callable[..., Any]
) -> None:
    """The awkward incidents' text survives byte for byte."""
    awkward = by_code[exported.filled.awkward.code]
    assert quotes_of(awkward) == [exported.filled.awkward.evidence[0].quote]
    assert quotes_of(by_code[exported.multiline.code]) == [MULTILINE_TEXT]


# JSON Lines


def test_jsonl_has_every_incident_once_with_the_stores_values(exported: Exported) -> None:
    out = io.StringIO()
    written = jsonl.write(iter(exported.records), out, exported.meta)
    text = out.getvalue()
    assert written == len(exported.expected)
    # One incident a line, even with U+2028 and CR LF inside a quote.
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) - 1 == written
    assert len(text.splitlines()) == written
    rows = [json.loads(line) for line in lines[:-1]]
    by_code = {row["code"]: row for row in rows}
    assert len(by_code) == len(rows)
    assert set(by_code) == set(exported.expected)
    assert exported.filled.rejected.code not in by_code
    for code, want in exported.expected.items():
        _check_json_values(by_code[code], want)
    _check_awkward(by_code, exported, lambda row: [s["quote"] for s in row["evidence"]])


def test_jsonl_nests_actors_reports_and_evidence(exported: Exported) -> None:
    out = io.StringIO()
    jsonl.write(iter(exported.records), out, exported.meta)
    by_code = {row["code"]: row for row in map(json.loads, out.getvalue().splitlines())}
    merged = by_code[exported.filled.merged.code]
    assert [r["id"] for r in merged["reports"]] == sorted(exported.filled.merged.report_ids)
    assert merged["independent_sources"] == 2
    assert {a["name"] for a in merged["actors"]} == {a.name for a in exported.filled.merged.actors}
    awkward = by_code[exported.filled.awkward.code]
    assert awkward["actors"] == [
        {
            "name": "Gunmen, unidentified",
            "role": "perpetrator",
            "attribution": "suspected",
            "actor_id": None,
            "actor_type": None,
            "claimant": None,
            "claim_channel": None,
        }
    ]
    [report] = awkward["reports"]
    assert report["title"] == 'Attack on "Al-Noor, Market" <b>Kirkuk</b>'
    assert report["url"] == "https://example.org/kirkuk?a=1&b=2"
    assert report["citation"] == (
        'Local, News, "Attack on "Al-Noor, Market" <b>Kirkuk</b>", 2024-05-02, '
        "https://example.org/kirkuk?a=1&b=2"
    )
    [span] = awkward["evidence"]
    assert span["field"] == "killed" and span["report_id"] == report["id"]
    assert (span["start"], span["end"]) == (0, len(span["quote"]))
    # The store counts independent sources when it merges reports; an undated one has no dates.
    assert awkward["independent_sources"] == 1  # one report
    assert awkward["date_start"] is None and awkward["date_precision"] == "unknown"


# GeoJSON


def test_geojson_is_valid_rfc7946_with_every_incident_once(exported: Exported) -> None:
    out = io.StringIO()
    written = geojson.write(iter(exported.records), out, exported.meta)
    text = out.getvalue()
    assert written == len(exported.expected)
    assert geojson_validator.loads(text).is_valid
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert collection["metadata"] == exported.meta.as_dict()
    assert "crs" not in collection  # RFC 7946: WGS84 only, no crs member
    features = collection["features"]
    assert len(features) == written
    by_code = {}
    for feature in features:
        assert feature["type"] == "Feature"
        assert set(feature) == {"type", "id", "geometry", "properties"}
        assert feature["id"] == feature["properties"]["code"]
        by_code[feature["id"]] = feature
        geometry = feature["geometry"]
        if geometry is not None:
            assert geometry["type"] == "Point"
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert set(by_code) == set(exported.expected)
    with_points = 0
    for code, want in exported.expected.items():
        feature = by_code[code]
        _check_json_values(feature["properties"], want)
        for span in feature["properties"]["evidence"]:
            assert set(span) == {"field", "quote", "report_id"}
        if want["latitude"] is None:
            assert feature["geometry"] is None
        else:
            with_points += 1
            # Longitude first: Iraq and Yemen are east of 38E and south of 38N.
            assert feature["geometry"]["coordinates"] == [want["longitude"], want["latitude"]]
    assert with_points >= len(exported.expected) // 2
    assert by_code[exported.filled.awkward.code]["geometry"] is None
    _check_awkward(by_code, exported, lambda f: [s["quote"] for s in f["properties"]["evidence"]])


def test_geojson_refuses_coordinates_off_the_earth(exported: Exported) -> None:
    good = exported.records[0]
    bad = Record(row={**good.row, "latitude": 120.0, "longitude": 44.0}, reports=good.reports)
    with pytest.raises(InputError, match=re.escape(f"incident {good.row['code']}: latitude 120.0")):
        geojson.write([bad], io.StringIO(), exported.meta)


def test_geojson_of_no_incidents_is_an_empty_collection(exported: Exported) -> None:
    out = io.StringIO()
    assert geojson.write([], out, exported.meta) == 0
    assert geojson_validator.loads(out.getvalue()).is_valid
    assert json.loads(out.getvalue())["features"] == []


# Parquet


def test_parquet_round_trip_with_typed_columns(exported: Exported, out_dir: Path) -> None:
    path = out_dir / "incidents.parquet"
    written = parquet.write(iter(exported.records), path, exported.meta, row_group=5)
    assert written == len(exported.expected)
    schema = pq.read_schema(path)
    assert schema.field("date_start").type == pa.date32()
    assert schema.field("date_end").type == pa.date32()
    for name in ("killed_low", "killed_best", "killed_high", "injured_best", "id", "version"):
        assert schema.field(name).type == pa.int32(), name
        assert schema.field(name).nullable
    assert schema.field("latitude").type == pa.float64()
    assert schema.field("longitude").type == pa.float64()
    for name in ("weapons", "perpetrators", "citations", "urls", "sources", "quotes"):
        assert schema.field(name).type == pa.list_(pa.string()), name
    assert schema.field("code").type == pa.string()
    assert schema.field("updated_at").type == pa.timestamp("us", tz="UTC")
    info = pq.read_metadata(path)
    assert info.num_row_groups == math.ceil(written / 5)
    assert {k.decode(): v.decode() for k, v in info.metadata.items() if k != b"ARROW:schema"} == (
        exported.meta.as_dict()
    )

    rows = pq.read_table(path).to_pylist()
    by_code = {row["code"]: row for row in rows}
    assert len(by_code) == len(rows) == written
    assert set(by_code) == set(exported.expected)
    for code, want in exported.expected.items():
        got = by_code[code]
        for key in ("date_start", "date_end", "latitude", "longitude", "weapons", "urls"):
            assert got[key] == want[key], key
        assert (got["killed_low"], got["killed_best"], got["killed_high"]) == want["killed"]
        assert (got["injured_low"], got["injured_best"], got["injured_high"]) == want["injured"]
        assert got["perpetrators"] == want["perpetrators"]
        assert got["quotes"] == list(dict.fromkeys(want["quotes"]))
    awkward = by_code[exported.filled.awkward.code]
    assert awkward["injured_best"] is None  # not reported stays null, never 0
    assert awkward["latitude"] is None and awkward["date_start"] is None
    _check_awkward(by_code, exported, lambda row: row["quotes"])


# Datasette


def test_datasette_file_has_tables_indexes_and_metadata(exported: Exported, out_dir: Path) -> None:
    path = out_dir / "incidents.db"
    written = datasette.write(iter(exported.records), path, exported.meta)
    assert written == len(exported.expected)
    assert sorted(p.name for p in out_dir.iterdir()) == ["incidents.db", "incidents.metadata.json"]
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert tables == {"incidents", "sources", "evidence", "_metadata"}
        indexed = {
            (r["tbl_name"], r["name"])
            for r in conn.execute("SELECT tbl_name, name FROM sqlite_master WHERE type='index'")
        }
        for table, column in [
            ("incidents", "date_start"),
            ("incidents", "country_code"),
            ("incidents", "event_type"),
            ("incidents", "status"),
            ("incidents", "code"),
            ("sources", "incident_id"),
            ("evidence", "incident_id"),
        ]:
            assert (table, f"ix_{table}_{column}") in indexed
        columns = {r["name"] for r in conn.execute("PRAGMA table_info(incidents)")}
        assert {"latitude", "longitude", "code", "date_start"} <= columns
        stored = dict(conn.execute("SELECT key, value FROM _metadata").fetchall())
        incidents = {r["code"]: dict(r) for r in conn.execute("SELECT * FROM incidents")}
        sources = [dict(r) for r in conn.execute("SELECT * FROM sources ORDER BY rowid")]
        evidence = [dict(r) for r in conn.execute("SELECT * FROM evidence ORDER BY rowid")]
    conn.close()

    about = json.loads((out_dir / "incidents.metadata.json").read_text("utf-8"))
    assert about["title"] == exported.meta.title
    assert about["license"] == exported.meta.licence
    assert "at least 1 independent sources" in about["description"]
    tables_about = about["databases"]["incidents"]["tables"]
    assert {"incidents", "sources", "evidence"} <= set(tables_about)
    assert all(t["description"] for t in tables_about.values())
    assert stored["title"] == exported.meta.title
    assert stored["filters"] == exported.meta.filters.describe()
    assert json.loads(stored["metadata_json"]) == about

    assert set(incidents) == set(exported.expected)
    for code, want in exported.expected.items():
        got = incidents[code]
        assert got["date_start"] == _iso(want["date_start"])
        assert got["date_end"] == _iso(want["date_end"])
        assert (got["latitude"], got["longitude"]) == (want["latitude"], want["longitude"])
        assert (got["killed_low"], got["killed_best"], got["killed_high"]) == want["killed"]
        assert json.loads(got["weapons"]) == want["weapons"]
        assert json.loads(got["perpetrators"]) == want["perpetrators"]
        assert json.loads(got["urls"]) == want["urls"]
        assert [s["report_id"] for s in sources if s["incident_code"] == code] == want["report_ids"]
        assert [s["quote"] for s in evidence if s["incident_code"] == code] == want["quotes"]
    awkward = exported.filled.awkward.code
    [source] = [s for s in sources if s["incident_code"] == awkward]
    assert source["title"] == 'Attack on "Al-Noor, Market" <b>Kirkuk</b>'
    assert source["publisher"] == "Local, News"
    assert source["url"] == "https://example.org/kirkuk?a=1&b=2"
    assert source["citation"].startswith('Local, News, "Attack on')
    by_code = {
        code: [s["quote"] for s in evidence if s["incident_code"] == code] for code in incidents
    }
    _check_awkward(by_code, exported, lambda quotes: quotes)


def test_datasette_refuses_to_overwrite_unless_asked(exported: Exported, out_dir: Path) -> None:
    path = out_dir / "incidents.db"
    path.write_bytes(b"someone's work")
    with pytest.raises(InputError, match=r"incidents\.db already exists"):
        datasette.write(iter(exported.records), path, exported.meta)
    assert path.read_bytes() == b"someone's work"
    assert not (out_dir / "incidents.metadata.json").exists()

    path.unlink()
    (out_dir / "incidents.metadata.json").write_text("{}", "utf-8")
    with pytest.raises(InputError, match=r"incidents\.metadata\.json already exists"):
        datasette.write(iter(exported.records), path, exported.meta)
    assert not path.exists()

    first = exported.records[:3]
    assert datasette.write(iter(first), path, exported.meta, overwrite=True) == 3
    assert datasette.write(iter(exported.records[:2]), path, exported.meta, overwrite=True) == 2
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM incidents").fetchone() == (2,)
    conn.close()


def test_datasette_failed_export_leaves_no_file(exported: Exported, out_dir: Path) -> None:
    def failing() -> Iterator[Record]:
        yield from exported.records[:4]
        raise RuntimeError("the database went away")

    path = out_dir / "incidents.db"
    with pytest.raises(RuntimeError):
        datasette.write(failing(), path, exported.meta, batch=3)
    assert list(out_dir.iterdir()) == []


# Streaming


class Stream:
    """Many distinct incidents made on demand from the stored ones, noting how far the
    export has read and how many of them it keeps alive at once."""

    def __init__(self, base: list[Record], count: int, probe: Callable[[], Any]) -> None:
        self.base, self.count, self.probe = base, count, probe
        self.alive = 0
        self.read = 0
        self.most_alive = 0
        self.before_last: Any = None

    def __iter__(self) -> Iterator[Record]:
        for n in range(1, self.count + 1):
            if n == self.count:
                self.before_last = self.probe()
            model = self.base[n % len(self.base)]
            record = Record(
                row={**model.row, "id": n, "code": f"TST-2024-{n:06d}"},
                actors=model.actors,
                reports=model.reports,
                evidence=model.evidence,
            )
            self.alive += 1
            weakref.finalize(record, self._gone)
            self.most_alive = max(self.most_alive, self.alive)
            self.read = n
            yield record
            del record

    def _gone(self) -> None:
        self.alive -= 1


@pytest.mark.parametrize("module", [jsonl, geojson], ids=["jsonl", "geojson"])
def test_text_exports_write_each_incident_as_it_is_read(exported: Exported, module: Any) -> None:
    out = io.StringIO()
    stream = Stream(exported.records, 120, out.getvalue)
    assert module.write(iter(stream), out, exported.meta) == 120
    assert stream.read == 120
    # The first incident was already written out before the last one was read.
    assert "TST-2024-000001" in stream.before_last
    assert "TST-2024-000120" not in stream.before_last
    assert stream.most_alive <= 2
    assert out.getvalue().count("TST-2024-") >= 120


def test_parquet_writes_row_groups_as_it_reads(exported: Exported, out_dir: Path) -> None:
    path = out_dir / "many.parquet"
    stream = Stream(exported.records, 120, lambda: path.stat().st_size)
    assert parquet.write(iter(stream), path, exported.meta, row_group=10) == 120
    # Eleven row groups were on disk before the last incident was read.
    assert stream.before_last > path.stat().st_size // 2
    assert stream.most_alive <= 2 * 10 + 1
    info = pq.read_metadata(path)
    assert info.num_rows == 120 and info.num_row_groups == 12
    codes = pq.read_table(path, columns=["code"]).column("code").to_pylist()
    assert codes == [f"TST-2024-{n:06d}" for n in range(1, 121)]


def test_datasette_inserts_batch_by_batch(exported: Exported, out_dir: Path) -> None:
    path = out_dir / "many.db"
    stream = Stream(exported.records, 120, lambda: None)
    assert datasette.write(iter(stream), path, exported.meta, batch=10) == 120
    assert stream.most_alive <= 2 * 10 + 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(DISTINCT code) FROM incidents").fetchone() == (120,)
    conn.close()
