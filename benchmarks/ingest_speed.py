"""Web ingestion end to end, and near-duplicate lookups in the database.

1. Pages: N news pages (default 1,000, ~600 words each; one in ten a syndicated copy of
   an earlier page, the rest different, telling the sample reports' kinds of incident on
   days spread over two years) are served by
   a real HTTP server on 127.0.0.1 in another process; `add_urls` fetches them, reads each
   article's main text, extracts its incidents and stores everything in a fresh SQLite
   database, as `sitrep add URL...` does. Prints pages/s (target: >= 40 on 2 cores).
2. Lookups: a database holding 100,000 reports' signatures and band keys; the time to find
   the original of a new report (signature, band-key query, verification), per report
   (target: < 5 ms).

Run: .venv/bin/python benchmarks/ingest_speed.py [--pages 1000] [--workers 2]
        [--indexed 100000] [--skip-pages] [--skip-lookups]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitrep.ingest.fetch import Fetcher, FetchPolicy
from sitrep.ingest.samples import sample_reports
from sitrep.pipeline import UrlJob, add_urls
from sitrep.store import Store

# The page server, run as its own process so it does not share the benchmark's cores' GIL.
SERVER = r"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

pages = {}
folder = sys.argv[1]
import os
for name in os.listdir(folder):
    with open(os.path.join(folder, name), "rb") as handle:
        pages["/" + name] = handle.read()

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = pages.get(self.path)
        if body is None:
            self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
"""

WORDS = (
    "officials said the ministry forces region village convoy district governor residents "
    "local militia witnesses police statement reported attack security checkpoint market "
    "province army clashes town border supplies humanitarian hospital aid agencies road "
    "fighters commander talks ceasefire monitors week month spokesman medical teams"
).split()


def make_pages(folder: Path, count: int, rng: random.Random) -> None:
    """``count`` news pages: a sample report's paragraphs among made-up ones, published on
    days spread over two years (so the same story is another incident on another day), and
    every tenth page a syndicated copy of an earlier one (the same incident, linked)."""
    samples = [r.text for r in sample_reports()]
    made: list[str] = []
    for i in range(count):
        if i % 10 == 9:
            copy = made[rng.randrange(len(made))].replace("<h1>", "<h1>Wire: ", 1)
            (folder / f"page-{i}.html").write_text(copy, encoding="utf-8")
            made.append(copy)
            continue
        story = samples[i % len(samples)].split("\n\n")[:4]
        filler = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 90))).capitalize() + "."
            for _ in range(5)
        ]
        paragraphs = story + filler
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        day = dt.date(2023, 1, 1) + dt.timedelta(days=(i * 7) % 730)
        html = (
            f"<!doctype html><html><head><title>Report {i}</title>"
            '<meta property="og:site_name" content="Bench News">'
            f'<meta property="article:published_time" content="{day.isoformat()}">'
            f"</head><body><nav>Home | World</nav><article><h1>Report {i}</h1>"
            f"{body}</article><footer>Bench News</footer></body></html>"
        )
        (folder / f"page-{i}.html").write_text(html, encoding="utf-8")
        made.append(html)


def bench_pages(count: int, workers: int) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        make_pages(folder, count, rng)
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(folder)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert server.stdout is not None
            port = int(server.stdout.readline())
            urls = [f"http://127.0.0.1:{port}/page-{i}.html" for i in range(count)]
            with Store(str(Path(tmp) / "bench.db")) as store:
                policy = FetchPolicy(allow_private=True)
                with Fetcher(policy) as fetcher:
                    started = time.perf_counter()
                    outcomes = list(
                        add_urls(
                            store,
                            [UrlJob(u) for u in urls],
                            fetcher=fetcher,
                            workers=workers,
                            per_host=8,
                            fetch_workers=8,
                        )
                    )
                    seconds = time.perf_counter() - started
                incidents = len(store.incidents())
        finally:
            server.terminate()
            server.wait()
    failed = [o for o in outcomes if not o.ok]
    copies = sum(1 for o in outcomes if o.copy_of or o.stored_before or (o.ok and not o.new))
    linked = sum(o.linked for o in outcomes)
    print(
        f"pages: {count} fetched, read, extracted and stored in {seconds:.1f} s: "
        f"{count / seconds:.1f} pages/s with {workers} worker process(es) "
        f"({len(failed)} failed; {incidents} active incidents; {copies} pages recognised "
        f"as copies; {linked} candidates linked to an incident on record)"
    )
    if failed:
        print(f"  first failure: {failed[0].source}: {failed[0].error}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of the main process: {peak:.0f} MiB")


def bench_lookups(indexed: int) -> None:
    import numpy as np
    from sqlalchemy import insert

    from sitrep.ingest import neardup
    from sitrep.store.syndication import index_report
    from sitrep.store.tables import report_bands, report_signatures, reports

    rng = np.random.default_rng(11)
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "lookups.db")) as store:
        started = time.perf_counter()
        batch = 5_000
        for first in range(1, indexed + 1, batch):
            ids = range(first, min(first + batch, indexed + 1))
            sigs = [
                rng.integers(0, 2**32, neardup.SIGNATURE_SIZE, dtype=np.uint32)
                .astype("<u4")
                .tobytes()
                for _ in ids
            ]
            with store.transaction() as conn:
                conn.execute(
                    insert(reports),
                    [
                        {
                            "id": i,
                            "sha256": f"{i:064x}",
                            "retrieved_at": _now(),
                            "media_type": "text/plain",
                            "size": 1,
                            "text": "x",
                        }
                        for i in ids
                    ],
                )
                conn.execute(
                    insert(report_signatures),
                    [{"report_id": i, "signature": s} for i, s in zip(ids, sigs, strict=True)],
                )
                conn.execute(
                    insert(report_bands),
                    [
                        {"band_key": k, "report_id": i}
                        for i, s in zip(ids, sigs, strict=True)
                        for k in set(neardup.band_keys(s))
                    ],
                )
        print(f"lookups: {indexed:,} signatures stored in {time.perf_counter() - started:.1f} s")
        texts = [_words(random.Random(n), 600) for n in range(200)]
        times = []
        with store.transaction() as conn:
            for n, text in enumerate(texts):
                report_id = indexed + 1 + n
                conn.execute(
                    insert(reports).values(
                        id=report_id,
                        sha256=f"{report_id:064x}",
                        retrieved_at=_now(),
                        media_type="text/plain",
                        size=1,
                        text=text,
                    )
                )
                started = time.perf_counter()
                index_report(conn, report_id, text)
                times.append(time.perf_counter() - started)
        copies = 0
        with store.transaction() as conn:
            for n, text in enumerate(texts[:50]):
                report_id = indexed + 1000 + n
                copy = "Reporting by the wire. " + text
                conn.execute(
                    insert(reports).values(
                        id=report_id,
                        sha256=f"{report_id:064x}",
                        retrieved_at=_now(),
                        media_type="text/plain",
                        size=1,
                        text=copy,
                    )
                )
                started = time.perf_counter()
                found = index_report(conn, report_id, copy)
                times.append(time.perf_counter() - started)
                copies += found is not None and found.original_id == indexed + 1 + n
    times.sort()
    print(
        f"  finding the original of a new 600-word report among {indexed:,}: "
        f"median {statistics.median(times) * 1000:.2f} ms, "
        f"95th percentile {times[int(len(times) * 0.95)] * 1000:.2f} ms per report "
        f"(signature, band-key query, verification, storing its own keys); "
        f"copies linked to their original: {copies}/50"
    )


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randint(0, 9)) for _ in range(count))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--indexed", type=int, default=100_000)
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-lookups", action="store_true")
    args = parser.parse_args()
    if not args.skip_pages:
        bench_pages(args.pages, args.workers)
    if not args.skip_lookups:
        bench_lookups(args.indexed)


if __name__ == "__main__":
    main()
