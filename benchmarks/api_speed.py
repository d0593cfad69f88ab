"""The web API at scale: list, filter and map requests against 1,000,000 incidents.

Builds (or, with --keep, reuses) the synthetic database of benchmarks/export_scale.py on
SQLite and/or PostgreSQL, starts `sitrep serve` on 127.0.0.1 as its own process, and
times requests over HTTP from this process, one at a time, each kind repeated:

- list: the first page (with its total), pages further on by cursor, sorted by date or
  toll; filters by country, dates, event type, status, weapon, minimum killed, words in
  the reports, a map box, an actor, admin1                          (target: p95 < 100 ms)
- map: the whole world, aggregated on the server                  (target: < 300 ms)
- map: one country's box, closer in (reported, no target)

Prints figures (median and 95th percentile per kind), asserts nothing.

Run: .venv/bin/python benchmarks/api_speed.py [--incidents 1000000]
        [--backend sqlite|postgresql|both] [--keep DIR] [--repeat 40]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from export_scale import bench_database, load

from sitrep.store import Store, migrate

SITREP = str(Path(sys.executable).parent / "sitrep")

LISTS: dict[str, str] = {
    "first page, newest first": "",
    "sorted by killed": "sort=-killed",
    "oldest first": "sort=date",
    "country": "country=IRQ",
    "country and dates": "country=SYR&from=2023-03-01&to=2023-05-31",
    "dates": "from=2024-06-01&to=2024-06-30",
    "event type": "event_type=Battles",
    "status confirmed (none)": "status=confirmed",
    "weapon": "weapon=drone",
    "killed at least 20": "min_killed=20",
    "words in the reports": "q=report%20123",
    "map box": "bbox=40,30,48,38",
    "actor": "actor=irq%20armed%20group%203",
    "admin1": "admin1=IRQ-33",
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(client: httpx.Client, url: str) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    answer = client.get(url)
    took = (time.perf_counter() - started) * 1000
    if answer.status_code != 200:
        raise SystemExit(f"GET {url}: {answer.status_code} {answer.text[:300]}")
    return took, answer


def report(label: str, times: list[float], target: float | None, extra: str = "") -> None:
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    goal = "" if target is None else f"  (target p95 < {target:.0f} ms)"
    print(f"  {label:32s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms{goal}{extra}")


def bench(db: str, label: str, repeat: int) -> None:
    port = 18000 + os.getpid() % 1000
    proc = subprocess.Popen(
        [SITREP, "--db", db, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            for _ in range(300):
                try:
                    client.get("/api/me")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            print(f"== {label}")
            every: list[float] = []
            for name, query in LISTS.items():
                url = "/api/incidents?limit=50" + (f"&{query}" if query else "")
                timed(client, url)  # once untimed: the first request warms the caches
                times = []
                for _ in range(repeat):
                    took, answer = timed(client, url)
                    times.append(took)
                body = answer.json()
                every += times
                total = body.get("total")
                shown = (
                    ""
                    if total is None
                    else f"  [{total:,}{'+' if body['total_is_lower_bound'] else ''} found]"
                )
                report(name, times, 100.0, shown)
            # Walking pages by cursor: page 2 to 21 of the default list.
            times = []
            for _ in range(max(1, repeat // 10)):
                cursor = timed(client, "/api/incidents?limit=50&total=false")[1].json()[
                    "next_cursor"
                ]
                for _ in range(20):
                    took, answer = timed(
                        client, f"/api/incidents?limit=50&total=false&cursor={cursor}"
                    )
                    times.append(took)
                    cursor = answer.json()["next_cursor"]
            every += times
            report("pages 2-21 by cursor", times, 100.0)
            report("every list request above", every, 100.0)
            for name, url in (
                ("map, whole world", "/api/map?zoom=2"),
                ("map, Iraq's box (zoom 6)", "/api/map?zoom=6&bbox=38.8,29,48.6,37.4"),
            ):
                timed(client, url)
                times = []
                for _ in range(repeat):
                    took, answer = timed(client, url)
                    times.append(took)
                groups = len(answer.json()["groups"])
                target = 300.0 if "world" in name else None
                report(name, times, target, f"  [{groups} groups]")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def upgrade(db: str) -> None:
    store = Store(db, check_schema=False)
    try:
        migrate.upgrade(store.engine)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument(
        "--keep",
        type=Path,
        help="Keep the databases (SQLite file here, PostgreSQL sitrep_bench_kept) and "
        "reuse them next time; the same as benchmarks/export_scale.py --keep.",
    )
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="sitrep-api-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if args.backend in ("sqlite", "both"):
            path = folder / "scale.db"
            if not path.exists():
                Store(str(path)).close()
                took = load(str(path), args.incidents, args.seed)
                print(f"load {args.incidents:,} incidents: {took:.0f} s")
            else:
                upgrade(str(path))  # a kept database: migrated to this schema
            bench(str(path), f"sqlite: {args.incidents:,} incidents", args.repeat)
        if args.backend in ("postgresql", "both"):
            with bench_database(keep=bool(args.keep)) as (url, existed):
                upgrade(url)
                if not existed:
                    took = load(url, args.incidents, args.seed)
                    print(f"load {args.incidents:,} incidents: {took:.0f} s")
                bench(url, f"postgresql: {args.incidents:,} incidents", args.repeat)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
