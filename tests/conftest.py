"""Shared fixtures: real SQLite files and real PostgreSQL databases.

The store tests run on both: ``db`` is parametrized over ``sqlite`` and
``postgresql``. PostgreSQL comes from SITREP_TEST_POSTGRES (the Makefile sets
it; the default is the local server). Each test gets a database of its own,
created and dropped here. If PostgreSQL cannot be reached the test FAILS: it is
never skipped. Setting SITREP_TEST_POSTGRES=off leaves the PostgreSQL cases out
of the run (they are deselected and the run's header says so).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# The human-coded benchmark data lives beside the project (../shared/bench), never in it.
BENCH_SETTING = os.environ.get(
    "SITREP_BENCH", str(Path(__file__).resolve().parents[2] / "shared" / "bench")
)
BENCH_ENABLED = BENCH_SETTING.lower() != "off"
PG_SERVER = os.environ.get("SITREP_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_ENABLED = PG_SERVER.lower() != "off"
BACKENDS = ["sqlite", "postgresql"] if PG_ENABLED else ["sqlite"]
SITREP = shutil.which("sitrep", path=str(Path(sys.executable).parent)) or "sitrep"


def pytest_report_header() -> list[str]:
    return [
        f"sitrep: PostgreSQL tests against {PG_SERVER}"
        if PG_ENABLED
        else "sitrep: PostgreSQL tests NOT requested (SITREP_TEST_POSTGRES=off)",
        f"sitrep: benchmark data from {BENCH_SETTING}"
        if BENCH_ENABLED
        else "sitrep: tests on the benchmark data NOT requested (SITREP_BENCH=off)",
    ]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files in tests/golden from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if BENCH_ENABLED:
        return
    kept = [i for i in items if i.get_closest_marker("bench") is None]
    config.hook.pytest_deselected(items=[i for i in items if i not in kept])
    items[:] = kept


@pytest.fixture(scope="session")
def bench() -> Path:
    """The benchmark folder; a test that needs it fails when it is missing."""
    path = Path(BENCH_SETTING)
    if not (path / "seed.jsonl").is_file():
        pytest.fail(
            f"the benchmark data is not at {path}; set SITREP_BENCH to its folder "
            "(or SITREP_BENCH=off to leave these tests out)",
            pytrace=False,
        )
    return path


def _pg_admin_url() -> str:
    return "postgresql+psycopg://" + PG_SERVER.split("://", 1)[1]


@pytest.fixture(scope="session")
def pg_admin():
    """An engine on the PostgreSQL server, to create and drop test databases."""
    from sqlalchemy import create_engine, text

    engine = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        pytest.fail(
            f"PostgreSQL was asked for (SITREP_TEST_POSTGRES={PG_SERVER}) but cannot be "
            f"reached: {exc}",
            pytrace=False,
        )
    yield engine
    engine.dispose()


def make_pg_database(pg_admin) -> str:
    from sqlalchemy import text

    name = f"sitrep_test_{uuid.uuid4().hex[:12]}"
    with pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = PG_SERVER.rsplit("/", 1)[0]
    return f"{base}/{name}"


def drop_pg_database(pg_admin, url: str) -> None:
    from sqlalchemy import text

    name = url.rsplit("/", 1)[1]
    with pg_admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def fresh_database(request, backend: str, path: Path) -> Iterator[str]:
    """A new, empty database on ``backend``: the SQLite file ``path``, or a PostgreSQL
    database made for the test and dropped after it."""
    if backend == "sqlite":
        yield str(path)
        return
    admin = request.getfixturevalue("pg_admin")
    url = make_pg_database(admin)
    try:
        yield url
    finally:
        drop_pg_database(admin, url)


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file path or a postgresql:// URL."""
    yield from fresh_database(request, request.param, tmp_path / "sitrep.db")


@pytest.fixture
def store(db: str):
    import sitrep

    opened = sitrep.open(db)
    yield opened
    opened.close()


def run_sitrep(
    *args: str,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real ``sitrep`` console script."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
    full_env.update(env or {})
    result = subprocess.run(
        [SITREP, *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=full_env,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 (tests/webserver.py), stopped after the test."""
    from webserver import LocalServer

    with LocalServer() as running:
        yield running
