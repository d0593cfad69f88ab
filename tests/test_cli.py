"""The ``sitrep`` command, run through its real console script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sitrep
from conftest import run_sitrep
from sitrep.store import Store, migrate
from sitrep.store.db import SCHEMA_HEAD


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_add_then_list_reports_as_json(db: str, tmp_path: Path) -> None:
    story = write(tmp_path / "story.txt", "Two rockets hit a U.S. base in western Iraq on Monday.")
    added = run_sitrep(
        "--db",
        db,
        "add",
        str(story),
        "--publisher",
        "Example Wire",
        "--published",
        "2024-08-07",
        "--title",
        "Rockets in Iraq",
        "--url",
        "https://example.org/rockets",
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("added report 1: ")
    assert "1 added, 0 already stored, 0 failed" in added.stderr

    listed = run_sitrep("--db", db, "reports", "--json")
    assert listed.returncode == 0, listed.stderr
    [row] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["title"] == "Rockets in Iraq"
    assert row["publisher"] == "Example Wire"
    assert row["published"] == "2024-08-07"
    assert row["url"] == "https://example.org/rockets"
    assert len(row["sha256"]) == 64
    assert "text" not in row


def test_adding_the_same_content_again_says_which_report_it_is(db: str, tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "Shelling hit Kharkiv overnight.")
    b = write(tmp_path / "copy-of-a.txt", "Shelling hit Kharkiv overnight.")
    first = run_sitrep("--db", db, "add", str(a))
    again = run_sitrep("--db", db, "add", str(b))
    assert first.returncode == again.returncode == 0
    assert again.stdout.startswith(f"{b}: already stored as report 1;")
    with sitrep.open(db) as store:
        assert store.count_reports() == 1


def test_a_batch_with_bad_files_stores_the_rest_and_exits_1(db: str, tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Gunmen abducted two aid workers near Goma on Tuesday.")
    latin = write(
        tmp_path / "latin.txt", "Atentado en Medellín: murió un policía.".encode("latin-1")
    )
    binary = write(tmp_path / "photo.txt", bytes(range(256)) * 40)
    empty = write(tmp_path / "empty.md", b"")
    folder = tmp_path / "folder"
    folder.mkdir()
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    missing = tmp_path / "missing.txt"
    result = run_sitrep(
        "--db",
        db,
        "add",
        str(good),
        str(binary),
        str(empty),
        str(folder),
        str(missing),
        str(huge),
        str(latin),
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {binary}: looks like a binary file, not text, Markdown or HTML",
        f"error: {empty}: is empty",
        f"error: {folder}: is a folder with no report files",
        f"error: {missing}: no such file",
        f"error: {huge}: too large (209,715,200 bytes; the limit is 52,428,800 bytes, "
        "set with --max-file-bytes or SITREP_MAX_FILE_BYTES)",
    ]
    assert "2 added, 0 already stored, 5 failed" in result.stderr
    with sitrep.open(db) as store:
        texts = [r.text for r in store.reports(with_text=True)]
    assert texts == [
        "Gunmen abducted two aid workers near Goma on Tuesday.",
        "Atentado en Medellín: murió un policía.",
    ]


def test_the_file_size_limit_is_configurable(tmp_path: Path) -> None:
    story = write(tmp_path / "s.txt", "x" * 2000)
    db = str(tmp_path / "s.db")
    refused = run_sitrep("--db", db, "--max-file-bytes", "1000", "add", str(story))
    assert refused.returncode == 1 and "the limit is 1,000 bytes" in refused.stderr
    by_env = run_sitrep("--db", db, "add", str(story), env={"SITREP_MAX_FILE_BYTES": "1500"})
    assert by_env.returncode == 1 and "the limit is 1,500 bytes" in by_env.stderr
    assert run_sitrep("--db", db, "add", str(story)).returncode == 0


def test_standard_input_is_a_report(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    result = run_sitrep(
        "--db",
        db,
        "add",
        "-",
        "--published",
        "2024-08-07T09:30:00+03:00",
        stdin=b"Yesterday, Israel was attacked by Hizballah drones.",
    )
    assert result.returncode == 0, result.stderr
    with sitrep.open(db) as store:
        [report] = store.reports(with_text=True)
    assert report.source == "stdin"
    assert report.published == "2024-08-07T09:30:00+03:00"
    assert report.text == "Yesterday, Israel was attacked by Hizballah drones."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["add", "x.txt", "--published", "31 February"],
            "not a valid ISO 8601",
            id="a date in words is bad usage",
        ),
        pytest.param(
            ["add", "x.txt", "--published", "2024-02-31"],
            "day is out of range",
            id="31 February is bad usage",
        ),
        pytest.param(
            ["add", "a.txt", "b.txt", "--url", "https://x.org"],
            "one FILE",
            id="one url for two files is bad usage",
        ),
        pytest.param(["add"], "give at least one FILE, DIR or URL", id="add needs an input"),
        pytest.param(["frobnicate"], "No such command", id="an unknown command"),
    ],
)
def test_bad_usage_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_sitrep("--db", str(tmp_path / "s.db"), *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_db_status_and_upgrade_of_an_older_database(db: str, tmp_path: Path) -> None:
    store = Store(db, check_schema=False)
    migrate.upgrade(store.engine, "0001")
    store.close()
    refused = run_sitrep("--db", db, "reports")
    assert refused.returncode == 1
    assert "is at schema 0001" in refused.stderr
    assert "Run: sitrep db upgrade --db" in refused.stderr
    assert "Traceback" not in refused.stderr

    status = run_sitrep("--db", db, "db", "status", "--json")
    info = json.loads(status.stdout)
    assert (info["revision"], info["pending"]) == (
        "0001",
        ["0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010"],
    )

    upgraded = run_sitrep("--db", db, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"from schema 0001 to {SCHEMA_HEAD}" in upgraded.stdout
    again = run_sitrep("--db", db, "db", "upgrade")
    assert f"already at schema {SCHEMA_HEAD}" in again.stdout
    status = json.loads(run_sitrep("--db", db, "db", "status", "--json").stdout)
    assert status["pending"] == [] and status["reports"] == 0


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    old = Store(db, check_schema=False)
    migrate.upgrade(old.engine, "0001")
    old.close()
    result = run_sitrep("--debug", "--db", db, "reports")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "SchemaOutdated" in result.stderr


def test_the_db_setting_comes_from_the_environment_and_sitrep_toml(tmp_path: Path) -> None:
    story = write(tmp_path / "s.txt", "Clashes in Sudan's El Fasher.")
    env_db = tmp_path / "from-env.db"
    assert run_sitrep("add", str(story), env={"SITREP_DB": str(env_db)}).returncode == 0
    assert env_db.exists()
    write(tmp_path / "sitrep.toml", f'db = "{tmp_path / "from-toml.db"}"\n')
    assert run_sitrep("add", str(story), cwd=tmp_path).returncode == 0
    assert (tmp_path / "from-toml.db").exists()
    flag_db = tmp_path / "from-flag.db"
    assert (
        run_sitrep(
            "--db", str(flag_db), "add", str(story), cwd=tmp_path, env={"SITREP_DB": str(env_db)}
        ).returncode
        == 0
    )
    with sitrep.open(str(flag_db)) as store:
        assert store.count_reports() == 1


def test_a_bad_sitrep_toml_is_a_plain_error(tmp_path: Path) -> None:
    write(tmp_path / "sitrep.toml", "db = \n")
    result = run_sitrep("reports", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: sitrep.toml is not valid TOML")


def test_reports_table_on_a_terminal_width(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    story = write(tmp_path / "s.txt", "Militants attacked a checkpoint near Mopti.")
    run_sitrep("--db", db, "add", str(story), "--title", "Checkpoint attack " + "x" * 200)
    result = run_sitrep("--db", db, "reports", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "published", "publisher", "title", "bytes"]
    assert lines[1].startswith("1 ")
    assert all(len(line) <= 80 for line in lines)


def test_demo_loads_the_sample_reports(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    result = run_sitrep("--db", db, "demo")
    assert result.returncode == 0, result.stderr
    assert "15 sample reports, 15 newly added" in result.stdout
    assert "published 2022-10-25 to 2024-08-07" in result.stdout
    again = run_sitrep("--db", db, "demo")
    assert "15 sample reports, 0 newly added" in again.stdout
    with sitrep.open(db) as store:
        reports = store.reports()
    assert len(reports) == 15
    assert all(r.url and r.url.startswith("https://") for r in reports)


def test_python_dash_m_sitrep_is_the_same_command() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "sitrep", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"sitrep, version {sitrep.__version__}"
