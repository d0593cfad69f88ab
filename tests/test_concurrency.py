"""Two processes adding reports to one database at the same time lose none and duplicate none."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import sitrep

WRITER = textwrap.dedent(
    """
    import sys
    import sitrep
    from sitrep.models import Report

    db, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    store = sitrep.open(db)
    new = 0
    for n in range(first, last):
        text = f"Report {n}: a drone struck a vehicle near Marib; {n % 7} people were killed."
        new += store.add_report(Report(text=text, title=f"r{n}")).new
    print(new)
    """
)


def test_two_processes_adding_500_reports_each(db: str) -> None:
    # The ranges overlap by 250 reports, so both processes race on the same content too.
    ranges = [(0, 500), (250, 750)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, db, str(a), str(b)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for a, b in ranges
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    new_counts = [int(out) for out, _ in outputs]
    assert sum(new_counts) == 750

    with sitrep.open(db) as store:
        titles = [r.title for r in store.reports()]
    assert len(titles) == 750
    assert sorted(titles) == sorted(f"r{n}" for n in range(750))
