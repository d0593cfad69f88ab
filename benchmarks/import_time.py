"""How long ``import sitrep`` and ``sitrep --version`` take (target: import under 0.3 s).

Run: .venv/bin/python benchmarks/import_time.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(cmd: list[str], runs: int = 15) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def main() -> None:
    bare = timed([sys.executable, "-c", "pass"])
    imported = timed([sys.executable, "-c", "import sitrep"])
    sitrep_cli = shutil.which("sitrep", path=str(Path(sys.executable).parent)) or "sitrep"
    version = timed([sitrep_cli, "--version"])
    print(
        f"python -c pass           median {bare[0] * 1000:6.1f} ms   max {bare[1] * 1000:6.1f} ms"
    )
    print(
        f"python -c 'import sitrep' median {imported[0] * 1000:6.1f} ms   "
        f"max {imported[1] * 1000:6.1f} ms   (target < 300 ms)"
    )
    print(f"import sitrep alone      median {(imported[0] - bare[0]) * 1000:6.1f} ms")
    print(
        f"sitrep --version         median {version[0] * 1000:6.1f} ms   "
        f"max {version[1] * 1000:6.1f} ms"
    )


if __name__ == "__main__":
    main()
