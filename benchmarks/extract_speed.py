"""Extraction speed: reports per second per core, and peak memory.

Builds reports of about 600 and about 60 words from the MUC-4 development texts
(../shared/bench/muc4-dev.jsonl), extracts them on one core in this process, then
with `--workers 2` through the same code path as `sitrep extract`.
Targets: >= 50 reports/s/core at 600 words, >= 300/s at 60 words.

Run: .venv/bin/python benchmarks/extract_speed.py [--bench DIR] [--reports N]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from sitrep.extract.contract import extract_document, extract_lines

DEFAULT_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


def reports_of(words: int, docs: list[dict[str, str]], count: int) -> list[dict[str, str]]:
    """Reports of about ``words`` words: MUC-4 texts joined or cut to that length."""
    pool = [w for d in docs for w in d["text"].split(" ")]
    out = []
    position = 0
    for n in range(count):
        chunk = pool[position : position + words]
        position = (position + words) % max(1, len(pool) - words)
        out.append({"id": str(n), "text": " ".join(chunk), "published": "1990-01-10"})
    return out


def rate(reports: list[dict[str, str]]) -> float:
    started = time.perf_counter()
    for r in reports:
        extract_document(r["id"], r["text"], published=r["published"])
    return len(reports) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    with open(args.bench / "muc4-dev.jsonl", encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle]
    extract_document("warm", docs[0]["text"], published="1990-01-10")  # load the rules once
    for words in (600, 60):
        reports = reports_of(words, docs, args.reports)
        one = rate(reports)
        lines = [json.dumps(r) for r in reports]
        started = time.perf_counter()
        done = sum(1 for _ in extract_lines(lines, workers=2))
        two = done / (time.perf_counter() - started)
        print(
            f"{words:4d}-word reports: {one:7.1f} reports/s on one core; "
            f"{two:7.1f} reports/s with --workers 2 ({two / one:.2f}x)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the one-core run: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
