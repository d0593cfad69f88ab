"""Export, import and stats at scale: a database of 1,000,000 incidents.

Builds a fresh database (SQLite file and/or a scratch PostgreSQL database) holding N
synthetic incidents (default 1,000,000: 3 years, 20 countries, a perpetrator for most,
one to three reports each out of N/5 reports, one evidence quote each), loaded straight
through the database driver. Then, each step a separate `sitrep` process, timed by the
wall clock, its peak memory read from the kernel (wait4's ru_maxrss):

1. `sitrep export --format acled` to a CSV file   (target < 30 s, < 1 GiB)
2. `sitrep export --format parquet`                (target < 30 s, < 1 GiB)

(the export's worker processes included: the memory figure is the peak of their sum)
3. `sitrep stats --by month,country`               (target < 1 s; the in-process call is
   timed too, without the interpreter's start-up, and once more counting the incidents
   themselves rather than reading the incident_days sums)
4. `sitrep import --format acled` of the CSV from step 1 (N rows; target < 60 s)

Prints figures, asserts nothing.

Run: .venv/bin/python benchmarks/export_scale.py [--incidents 1000000]
        [--backend sqlite|postgresql|both] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).parent))
from dedupe_speed import COUNTRIES, GRID, TYPE_MIX, WEAPONS

from sitrep.models import EVENT_TYPES
from sitrep.store import Store

SITREP = str(Path(sys.executable).parent / "sitrep")
PG_SERVER = os.environ.get("SITREP_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
START = dt.date(2022, 1, 1)
GROUPS = {iso: [f"{iso.lower()} armed group {k}" for k in range(8)] for iso in COUNTRIES}
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

INCIDENT_COLUMNS = (
    "id", "status", "grade", "event_type", "sub_event_type", "outcome", "weapons", "target",
    "date_start", "date_end", "date_precision", "date_text", "place_name", "admin1",
    "country", "country_code", "latitude", "longitude", "place_precision",
    "location_candidates", "killed_low", "killed_best", "killed_high", "killed_qualifier",
    "injured_low", "injured_best", "injured_high", "injured_qualifier", "confidence", "code",
    "independent_sources", "version", "created_at", "updated_at",
)  # fmt: skip
REPORT_COLUMNS = (
    "id", "sha256", "url", "title", "publisher", "published", "published_date",
    "retrieved_at", "language", "media_type", "size", "text",
)  # fmt: skip
ACTOR_COLUMNS = ("incident_id", "position", "name", "role", "attribution", "actor_type")
LINK_COLUMNS = ("incident_id", "report_id")
SPAN_COLUMNS = ("incident_id", "report_id", "position", "field", "span_start", "span_end", "quote")


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def reports(n: int, rng: random.Random) -> Iterator[tuple[object, ...]]:
    for i in range(1, n + 1):
        day = START + dt.timedelta(days=rng.randrange(3 * 365))
        body = f"Report {i}: an attack was reported on {day.isoformat()}."
        yield (
            i, uuid.UUID(int=rng.getrandbits(128)).hex * 2, f"https://n{i % 50}.example.org/{i}",
            f"Attack report {i}", f"Outlet {i % 50}", day.isoformat(), day, NOW, "en",
            "text/plain", len(body), body,
        )  # fmt: skip


def incidents(n: int, n_reports: int, rng: random.Random) -> Iterator[dict[str, object]]:
    """Each incident's rows: incidents, incident_actors, incident_reports, evidence."""
    for i in range(1, n + 1):
        iso = rng.choice(list(COUNTRIES))
        s, w, north, e = COUNTRIES[iso]
        lat, lon = rng.uniform(s, north), rng.uniform(w, e)
        cell = f"{iso}-{int((lat - s) / (north - s) * GRID)}{int((lon - w) / (e - w) * GRID)}"
        day = START + dt.timedelta(days=rng.randrange(3 * 365))
        vague = rng.random() < 0.1
        etype = pick(rng, TYPE_MIX)
        sub = rng.choice(EVENT_TYPES[etype])
        weapon = [pick(rng, WEAPONS[sub])] if sub in WEAPONS and rng.random() < 0.5 else []
        killed = int(rng.expovariate(1 / 5)) if rng.random() < 0.6 else None
        injured = int(rng.expovariate(1 / 4)) if rng.random() < 0.3 else None
        linked = sorted({rng.randint(1, n_reports) for _ in range(rng.choice((1, 1, 1, 2, 3)))})
        quote = f"An attack in {iso} on {day.isoformat()} killed {killed or 0} people."
        values = (
            i, "candidate", "weak" if len(linked) == 1 else "fair", etype, sub, None,
            json.dumps(weapon), None, day, day + dt.timedelta(days=6) if vague else day,
            "week" if vague else "day", None, f"Place {i % 9973}", cell, iso, iso,
            None if vague else lat, None if vague else lon, "admin1" if vague else "exact", "[]",
            killed, killed, killed, None if killed is None else "exact",
            injured, injured, injured, None if injured is None else "exact",
            0.7, f"{iso}-{day.year}-{i:06d}", len(linked), 1, NOW, NOW,
        )  # fmt: skip
        actor = (i, 0, rng.choice(GROUPS[iso]), "perpetrator", "claimed", "Rebel Groups")
        yield {
            "incidents": values,
            "incident_actors": [actor] if rng.random() < 0.7 else [],
            "incident_reports": [(i, r) for r in linked],
            "evidence": [(i, linked[0], 0, "killed", 0, len(quote), quote)],
        }


def load(url: str, n: int, seed: int) -> float:
    """Fill a migrated, empty database; returns seconds taken."""
    rng = random.Random(seed)
    n_reports = max(1, n // 5)
    started = time.perf_counter()
    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    with engine.begin() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        _write(raw, "reports", REPORT_COLUMNS, reports(n_reports, rng), engine.dialect.name)
        buffers: dict[str, list[tuple]] = {
            "incidents": [], "incident_actors": [], "incident_reports": [], "evidence": []
        }  # fmt: skip
        columns = {
            "incidents": INCIDENT_COLUMNS,
            "incident_actors": ACTOR_COLUMNS,
            "incident_reports": LINK_COLUMNS,
            "evidence": SPAN_COLUMNS,
        }
        for k, rows in enumerate(incidents(n, n_reports, rng), start=1):
            for table, value in rows.items():
                if isinstance(value, list):
                    buffers[table].extend(value)
                else:
                    buffers[table].append(value)
            if k % 50_000 == 0 or k == n:
                for table in buffers:  # parents first: the dict keeps this order
                    _write(raw, table, columns[table], buffers[table], engine.dialect.name)
                    buffers[table] = []
        if engine.dialect.name == "postgresql":
            for table in ("reports", "incidents", "incident_actors", "evidence"):
                sequence = f"pg_get_serial_sequence('{table}', 'id')"
                conn.execute(text(f"SELECT setval({sequence}, (SELECT max(id) FROM {table}))"))
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    engine.dispose()
    return time.perf_counter() - started


def _write(raw: object, table: str, columns: tuple[str, ...], rows, dialect: str) -> None:
    if dialect == "sqlite":
        marks = ", ".join("?" for _ in columns)
        values = (tuple(_sqlite(v) for v in r) for r in rows)
        raw.executemany(  # type: ignore[attr-defined]
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values
        )
        return
    with (
        raw.cursor() as cur,
        cur.copy(  # type: ignore[attr-defined]
            f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        ) as copy,
    ):
        for r in rows:
            copy.write_row(r)


def _sqlite(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def run(args: list[str]) -> tuple[float, float, str]:
    """A `sitrep` command: (seconds, peak MiB of it and its worker processes together,
    the last line it wrote). Memory is sampled from /proc every 100 ms."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([SITREP, *args], stdout=err, stderr=subprocess.STDOUT)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.1)
        took = time.perf_counter() - started
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()
    if proc.returncode != 0:
        raise SystemExit(f"sitrep {' '.join(args)} failed: {' | '.join(tail[-3:])}")
    return took, peak / 1024, tail[-1] if tail else ""


def tree_rss(root: int) -> int:
    """Resident memory (KiB) of a process and all its descendants, from /proc (each
    process's children listed by the kernel: cheap enough not to slow what it measures)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue  # gone meanwhile
    return total


def forget_imports(url: str) -> None:
    """Delete the reference imports a kept database holds (not timed)."""
    from sitrep.store.reference import delete_import, list_imports

    with Store(url) as store:
        with store.transaction() as conn:
            for info in list_imports(conn):
                delete_import(conn, info.id)
        if store.dialect == "sqlite":
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def stats_in_process(url: str, *, days: bool = True) -> float:
    """The stats query, timed in this process; ``days=False`` counts the incidents
    themselves instead of reading incident_days."""
    from sitrep.analysis.stats import stats_rows
    from sitrep.export.query import Filters

    with Store(url) as store, store.read() as conn:
        started = time.perf_counter()
        rows = stats_rows(conn, Filters(), ["month", "country"], days=days)
        took = time.perf_counter() - started
    print(f"    ({len(rows):,} rows of month x country)")
    return took


def bench(
    url: str, label: str, n: int, folder: Path, seed: int, jobs: int | None, *, reuse: bool = False
) -> None:
    print(f"== {label}: {n:,} incidents")
    if reuse or (label == "sqlite" and Path(url).exists()):
        print(f"  (reusing the database kept in {url})")
    else:
        Store(url).close()  # create and migrate
        print(f"  load (driver, not timed as a target): {load(url, n, seed):.1f} s")
    csv_path, parquet_path = folder / f"{label}.csv", folder / f"{label}.parquet"
    db = ["--db", url]
    export = ["export", *(["--jobs", str(jobs)] if jobs else [])]
    took, mib, said = run([*db, *export, "--format", "acled", "-o", str(csv_path)])
    print(f"  export ACLED CSV:  {took:6.1f} s, peak {mib:5.0f} MiB  ({said}; "
          f"{csv_path.stat().st_size / 1e6:.0f} MB)")  # fmt: skip
    took, mib, said = run([*db, *export, "--format", "parquet", "-o", str(parquet_path)])
    print(f"  export Parquet:    {took:6.1f} s, peak {mib:5.0f} MiB  ({said}; "
          f"{parquet_path.stat().st_size / 1e6:.0f} MB)")  # fmt: skip
    took, mib, _ = run([*db, "stats", "--by", "month,country"])
    print(f"  stats month x country, whole command: {took:.2f} s, peak {mib:.0f} MiB")
    print(f"  stats month x country, the query in process: {stats_in_process(url):.2f} s")
    took = stats_in_process(url, days=False)
    print(f"  (the same counted over the incidents, not incident_days: {took:.2f} s)")
    forget_imports(url)  # a database kept from an earlier run: its import goes, untimed
    took, mib, said = run([*db, "import", "--format", "acled", "--version", "bench", str(csv_path)])
    print(f"  import ACLED CSV ({n:,} rows): {took:.1f} s, peak {mib:.0f} MiB  ({said})")


@contextmanager
def bench_database(*, keep: bool) -> Iterator[tuple[str, bool]]:
    """A PostgreSQL database for a benchmark: (its URL, whether it existed before). Kept
    ones are named sitrep_bench_kept and reused; others are made here and dropped after."""
    admin = create_engine(
        "postgresql+psycopg://" + PG_SERVER.split("://", 1)[1], isolation_level="AUTOCOMMIT"
    )
    name = "sitrep_bench_kept" if keep else f"sitrep_bench_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            existed = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first()
            if not existed:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield f"{PG_SERVER.rsplit('/', 1)[0]}/{name}", bool(existed)
        finally:
            if not keep:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--keep",
        type=Path,
        help="Write the files here and keep them, and keep the PostgreSQL database "
        "(sitrep_bench_kept); databases kept before are reused (not loaded again).",
    )
    parser.add_argument("--jobs", type=int, help="sitrep export --jobs (default: its own).")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="sitrep-export-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if args.backend in ("sqlite", "both"):
            bench(str(folder / "scale.db"), "sqlite", args.incidents, folder, args.seed, args.jobs)
        if args.backend in ("postgresql", "both"):
            with bench_database(keep=bool(args.keep)) as (url, existed):
                bench(url, "postgresql", args.incidents, folder, args.seed, args.jobs,
                      reuse=existed)  # fmt: skip
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
