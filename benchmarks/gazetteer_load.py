"""Gazetteer costs: build time, load time in a fresh process, RSS, lookups/s, find_names.

Targets: load under 1 s, RSS of the loaded gazetteer under 500 MB, find_names on a
600-word text well under 5 ms.

Run: .venv/bin/python benchmarks/gazetteer_load.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runs in a fresh interpreter so the load time and RSS are those of a real first use.
CHILD = r"""
import json, resource, time
def rss_mb():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
before = rss_mb()
start = time.perf_counter()
from sitrep.resolve.gazetteer import gazetteer
g = gazetteer()
load = time.perf_counter() - start
print(json.dumps({"load_s": load, "rss_before_mb": before, "rss_after_mb": rss_mb(),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "entries": len(g)}))
"""

NAMES = [
    "Erbil", "ARBIL", "Hewler", "Deir al-Zour", "SAN SALVADOR", "Paris", "Hodeidah",
    "Ain al-Asad", "Tower 22", "the Red Sea", "northern Israel", "Kharkiv", "Mogadishu",
    "Goma", "Xqzvillezzz", "Khan Younis", "Rafah", "Sanaa", "Maiduguri", "Gao",
]  # fmt: skip

PARAGRAPH = (
    "Drones struck Ain al-Asad Air Base in western Iraq on Tuesday, and rockets landed "
    "near the Conoco gas field base in Deir ez-Zor, the U.S. military said. In a separate "
    "incident, Houthi forces fired two anti-ship missiles at a tanker in the Red Sea, about "
    "60 nautical miles west of Hodeidah, according to UKMTO. Israeli strikes on Khan Younis "
    "and Rafah in the southern Gaza Strip killed at least 12 people, the health ministry in "
    "Gaza said, while Hezbollah fired rockets at Kiryat Shmona in northern Israel. "
    "POLICE IN MAIDUGURI SAID GUNMEN ATTACKED A VILLAGE IN BORNO STATE. "
)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SITREP_CACHE_DIR": tmp}
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "sitrep.resolve.gazetteer", "build"],
            env=env,
            check=True,
            capture_output=True,
        )
        build_s = time.perf_counter() - start
        size_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
        loads = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", CHILD], env=env, check=True, capture_output=True
                ).stdout
            )
            for _ in range(3)
        ]
    best = min(loads, key=lambda r: r["load_s"])
    print(f"build (fresh process)      {build_s:6.1f} s   index file {size_mb:.0f} MB")
    print(
        f"load (fresh process)       {best['load_s']:6.2f} s   (target < 1 s), "
        f"{best['entries']} entries"
    )
    print(
        f"RSS after load             {best['rss_after_mb']:6.0f} MB  "
        f"(+{best['rss_after_mb'] - best['rss_before_mb']:.0f} MB for the gazetteer; "
        f"peak {best['peak_mb']:.0f} MB; target < 500 MB)"
    )

    from sitrep.resolve.gazetteer import gazetteer

    g = gazetteer()
    rounds = 2000
    start = time.perf_counter()
    for _ in range(rounds):
        for name in NAMES:
            g.lookup(name)
    per_s = rounds * len(NAMES) / (time.perf_counter() - start)
    print(f"lookup                     {per_s:8.0f} lookups/s")

    text = PARAGRAPH
    while len(text.split()) < 600:
        text += PARAGRAPH
    text = " ".join(text.split()[:600])
    g.find_names(text)
    runs = 200
    start = time.perf_counter()
    for _ in range(runs):
        hits = g.find_names(text)
    ms = (time.perf_counter() - start) / runs * 1000
    print(f"find_names, 600 words      {ms:6.2f} ms  ({len(hits)} hits; target well under 5 ms)")


if __name__ == "__main__":
    main()
