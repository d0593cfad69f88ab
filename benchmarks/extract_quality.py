"""Extraction quality on the human-coded benchmark files (../shared/bench).

Runs the extractor over each gold file and prints incident precision, recall and
F1 and per-field accuracy on matched incidents (the same figures as `sitrep eval`).

Run: .venv/bin/python benchmarks/extract_quality.py [--bench DIR] [--workers N]
        [--only seed,muc4-dev,ucdp-dev] [--predictions-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from sitrep.evaluate import load_jsonl, score
from sitrep.extract.contract import extract_lines

DEFAULT_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
FILES = ("seed", "muc4-dev", "ucdp-dev")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--only", default=",".join(FILES))
    parser.add_argument("--predictions-dir", type=Path)
    args = parser.parse_args()
    for name in args.only.split(","):
        path = args.bench / f"{name}.jsonl"
        gold = load_jsonl(path)
        lines = [
            json.dumps({k: d.get(k) for k in ("id", "text", "published", "title", "publisher")})
            for d in gold
        ]
        started = time.perf_counter()
        predictions = list(extract_lines(lines, workers=args.workers))
        seconds = time.perf_counter() - started
        if args.predictions_dir:
            args.predictions_dir.mkdir(parents=True, exist_ok=True)
            with open(args.predictions_dir / f"{name}.predictions.jsonl", "w") as handle:
                for p in predictions:
                    handle.write(json.dumps(p) + "\n")
        result = score(gold, predictions)
        print(
            f"== {name}: {len(gold)} documents, extracted in {seconds:.1f} s "
            f"with {args.workers} worker(s)"
        )
        print(result.format())
        print()


if __name__ == "__main__":
    main()
