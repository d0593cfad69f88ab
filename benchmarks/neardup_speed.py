"""Near-duplicate speed: signature time, index build time, lookup time and memory.

Builds synthetic reports (random word sequences from a 20,000-word vocabulary whose word
frequencies fall off like a language's), indexes them in NearDupIndex with planted copies
(a new first line, a trailer, one sentence cut), then looks reports up as the ingest does:
signature + candidates + verification. Prints figures, asserts nothing.
Target: < 5 ms per lookup with 100,000 reports indexed.

Run: .venv/bin/python benchmarks/neardup_speed.py [--reports 100000] [--words 600]
"""

from __future__ import annotations

import argparse
import random
import resource
import time

import numpy as np

from sitrep.ingest.neardup import NearDupIndex, signature


def vocabulary(size: int, rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choices(letters, k=rng.randint(2, 10))))
    return sorted(words)


class ReportMaker:
    """Random reports, cheaply: word indices drawn with numpy (Zipf-like weights)."""

    def __init__(self, words: list[str], seed: int) -> None:
        self.words = np.array(words, dtype=object)
        weights = 1.0 / np.arange(1, len(words) + 1)
        self.cumulative = np.cumsum(weights / weights.sum())
        self.rng = np.random.default_rng(seed)

    def report(self, length: int) -> str:
        picks = np.searchsorted(self.cumulative, self.rng.random(length))
        return " ".join(self.words[np.minimum(picks, len(self.words) - 1)])


def edited_copy(text: str, rng: random.Random) -> str:
    """A republisher's copy: a new first line, 20 words cut in the middle, a trailer."""
    words = text.split()
    cut = rng.randrange(20, max(21, len(words) - 40))
    kept = words[:cut] + words[cut + 20 :]
    return "Breaking update from our correspondent " + " ".join(kept) + " Reporting by staff"


def time_signatures(maker: ReportMaker, words: int, count: int) -> float:
    texts = [maker.report(words) for _ in range(count)]
    started = time.perf_counter()
    for text in texts:
        signature(text)
    return (time.perf_counter() - started) / count * 1000


def build_index(
    maker: ReportMaker, reports: int, words: int, planted: int, rng: random.Random
) -> tuple[NearDupIndex, dict[int, str], float, float]:
    """The index, the originals of the planted copies, seconds to sign, seconds to index."""
    signing = indexing = 0.0
    originals: dict[int, str] = {}
    plant_every = max(1, reports // planted)
    index = NearDupIndex()
    for number in range(reports):
        text = maker.report(words)
        if number % plant_every == 0:
            originals[number] = text
        started = time.perf_counter()
        sig = signature(text)
        signed = time.perf_counter()
        index.add(number, sig)
        signing += signed - started
        indexing += time.perf_counter() - signed
    return index, originals, signing, indexing


def time_lookups(index: NearDupIndex, texts: list[str]) -> tuple[float, list[int]]:
    """Milliseconds per lookup, and how many matches each lookup found."""
    matches = []
    started = time.perf_counter()
    for text in texts:
        matches.append(len(index.query(signature(text))))
    return (time.perf_counter() - started) / len(texts) * 1000, matches


def max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def rss_now_mib() -> float:
    """The resident set size now (Linux /proc), or nan elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--words", type=int, default=600, help="words a report")
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    maker = ReportMaker(vocabulary(20_000, rng), seed=args.seed)

    signature("warm up the coefficients and the word cache")
    for length in (args.words, 60):
        per_report = time_signatures(maker, length, 1000)
        print(f"signature, {length}-word report: {per_report:.3f} ms")

    rss_before = rss_now_mib()
    started = time.perf_counter()
    index, originals, signing, indexing = build_index(
        maker, args.reports, args.words, planted=args.lookups // 2, rng=rng
    )
    built = time.perf_counter() - started
    print(
        f"built an index of {len(index):,} reports of {args.words} words in {built:.1f} s "
        f"(making the texts {built - signing - indexing:.1f} s, signatures {signing:.1f} s, "
        f"indexing {indexing:.1f} s = {indexing / args.reports * 1e6:.0f} us a report)"
    )
    held = rss_now_mib() - rss_before
    print(
        f"memory: RSS grew by {held:.0f} MiB for the index and its {len(index):,} texts' "
        f"signatures ({held * 2**20 / len(index):.0f} bytes a report); "
        f"max RSS so far {max_rss_mib():.0f} MiB (merges copy the key arrays)"
    )

    copies = [edited_copy(text, rng) for text in originals.values()]
    fresh = [maker.report(args.words) for _ in range(args.lookups - len(copies))]
    copy_ms, copy_matches = time_lookups(index, copies)
    fresh_ms, fresh_matches = time_lookups(index, fresh)
    found = sum(1 for n in copy_matches if n >= 1)
    false = sum(1 for n in fresh_matches if n >= 1)
    print(
        f"lookup (signature + candidates + verification), {len(index):,} indexed: "
        f"{copy_ms:.3f} ms for a planted copy, {fresh_ms:.3f} ms for a new report"
    )
    print(f"planted copies found: {found}/{len(copies)}; new reports matched: {false}/{len(fresh)}")
    print(f"max RSS of this process: {max_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
