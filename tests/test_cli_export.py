"""`sitrep export`, `import`, `compare`, `stats` and `chart` through the real command."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from conftest import run_sitrep

DATA = Path(__file__).parent / "data" / "reference"


def ok(*args: str) -> tuple[str, str]:
    result = run_sitrep(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr


def refused(*args: str) -> str:
    result = run_sitrep(*args)
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database holding the sample reports (what `make demo` builds)."""
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    ok("--db", db, "demo")
    return db


def active_incidents(db: str) -> list[dict[str, object]]:
    out, _ = ok("--db", db, "incidents", "--json")
    return [json.loads(line) for line in out.splitlines()]


def test_every_format_writes_every_active_incident(demo: str, tmp_path: Path) -> None:
    codes = sorted(str(i["code"]) for i in active_incidents(demo))
    written = {}
    for fmt, name in [
        ("acled", "a.csv"),
        ("ucdp", "u.csv"),
        ("gtd", "g.csv"),
        ("geojson", "m.geojson"),
        ("incidents-jsonl", "i.jsonl"),
        ("parquet", "p.parquet"),
        ("datasette", "d.db"),
    ]:
        _, said = ok("--db", demo, "export", "--format", fmt, "-o", str(tmp_path / name))
        assert f"{len(codes)} incident(s) written to {tmp_path / name} ({fmt})" in said
        written[fmt] = tmp_path / name
    acled = pd.read_csv(written["acled"])
    assert sorted(acled["sitrep_id"]) == codes
    assert sorted(pd.read_csv(written["gtd"], encoding="utf-8")["sitrep_id"]) == codes
    features = json.loads(written["geojson"].read_text("utf-8"))["features"]
    assert sorted(f["properties"]["code"] for f in features) == codes
    lines = written["incidents-jsonl"].read_text("utf-8").splitlines()
    assert sorted(json.loads(line)["code"] for line in lines) == codes
    assert sorted(pd.read_parquet(written["parquet"])["code"]) == codes
    with sqlite3.connect(written["datasette"]) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT code FROM incidents")) == codes
    assert (tmp_path / "d.metadata.json").is_file()
    assert not list(tmp_path.glob("*.partial"))


def test_filters_narrow_the_export_and_bad_ones_are_refused(demo: str, tmp_path: Path) -> None:
    everything = active_incidents(demo)
    yemen = [i for i in everything if (i.get("location") or {}).get("country_code") == "YEM"]
    out, _ = ok("--db", demo, "export", "--format", "acled", "--country", "Yemen")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(yemen) > 0
    assert {r["iso"] for r in rows} == {"887"}
    out, _ = ok("--db", demo, "export", "--format", "acled", "--from", "2024-06-01")
    assert all(r["event_date"] >= "2024-06-01" for r in csv.DictReader(io.StringIO(out)))
    target = tmp_path / "none.csv"
    message = refused("--db", demo, "export", "--format", "acled", "--country", "Atlantis",
                      "-o", str(target))  # fmt: skip
    assert "country 'Atlantis'" in message
    assert not target.exists()
    assert "YYYY-MM-DD" in refused("--db", demo, "export", "--format", "gtd", "--from", "May")
    assert "-o FILE" in refused("--db", demo, "export", "--format", "parquet")
    assert "incidents-jsonl" in refused(
        "--db", demo, "export", "--format", "jsonl", "--country", "IRQ"
    )
    assert "--jobs" in refused("--db", demo, "export", "--format", "acled", "--jobs", "0")
    # A small export stays in one process whatever --jobs says; the file is the same.
    one, _ = ok("--db", demo, "export", "--format", "acled", "--jobs", "1")
    assert ok("--db", demo, "export", "--format", "acled", "--jobs", "4")[0] == one


def test_datasette_refuses_to_overwrite_unless_asked(demo: str, tmp_path: Path) -> None:
    target = str(tmp_path / "d.db")
    ok("--db", demo, "export", "--format", "datasette", "-o", target)
    assert "exists" in refused("--db", demo, "export", "--format", "datasette", "-o", target)
    ok("--db", demo, "export", "--format", "datasette", "-o", target, "--overwrite")


def test_backup_and_restore_give_back_the_same_incidents(db: str, tmp_path: Path) -> None:
    ok("--db", db, "demo")
    backup = tmp_path / "backup.jsonl"
    _, said = ok("--db", db, "export", "--format", "jsonl", "-o", str(backup))
    assert "backup of" in said
    restored = str(tmp_path / "restored.db")
    out, _ = ok("--db", restored, "import", "--format", "sitrep", str(backup))
    assert out.startswith("restored ")
    assert active_incidents(restored) == active_incidents(db)
    # A second restore into a database that now holds data is refused, nothing added.
    assert "empty" in refused("--db", restored, "import", "--format", "sitrep", str(backup))
    assert active_incidents(restored) == active_incidents(db)


def test_import_reports_bad_rows_by_line_and_compare_shows_coverage(
    demo: str, tmp_path: Path
) -> None:
    db = str(tmp_path / "copy.db")
    Path(db).write_bytes(Path(demo).read_bytes())
    result = run_sitrep("--db", db, "import", "--format", "acled", "--version", "t1",
                        str(DATA / "acled-malformed.csv"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "acled-malformed.csv:3: " in result.stderr and "31 February 2024" in result.stderr
    assert "acled-malformed.csv:4: " in result.stderr
    assert "imported 3 acled event(s), 4 refused as acled t1" in result.stdout
    again = refused("--db", db, "import", "--format", "acled", str(DATA / "acled-malformed.csv"))
    assert "imported already" in again
    ok("--db", db, "import", "--format", "acled", "--version", "t2", str(DATA / "acled-sample.csv"))
    out, _ = ok("--db", db, "compare", "--with", "acled", "--version", "t2")
    assert "reference events:" in out and "Sitrep incidents:" in out
    assert "Only in Sitrep" in out and "Only in acled" in out
    out, _ = ok("--db", db, "compare", "--with", "acled", "--version", "t2", "--json")
    found = json.loads(out)
    assert found["versions"] == ["t2"] and found["matches"]
    # Reference events never become incidents.
    assert len(active_incidents(db)) == len(active_incidents(demo))


def test_stats_and_chart(demo: str, tmp_path: Path) -> None:
    out, _ = ok("--db", demo, "stats", "--by", "month,country", "--csv")
    frame = pd.read_csv(io.StringIO(out))
    assert frame["incidents"].sum() == len(active_incidents(demo))
    assert {"month", "country_code", "killed_low", "killed_high"} <= set(frame.columns)
    out, _ = ok("--db", demo, "stats", "--by", "event_type")
    assert "Explosions/Remote violence" in out
    assert "colour" in refused("--db", demo, "stats", "--by", "colour")
    svg = tmp_path / "c.svg"
    ok("--db", demo, "chart", "--by", "actor", "-o", str(svg))
    assert svg.read_text("utf-8").lstrip().startswith("<?xml")
    assert ".jpg" in refused("--db", demo, "chart", "-o", str(tmp_path / "c.jpg"))
    assert not (tmp_path / "c.jpg").exists()


def test_the_status_choices_are_the_models_statuses() -> None:
    from typing import get_args

    from sitrep.cli import STATUS_CHOICES
    from sitrep.models import Status

    assert set(STATUS_CHOICES) == {"active", "all", *get_args(Status)}
