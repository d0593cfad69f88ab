"""Golden file: what extraction finds in the bundled sample reports.

tests/golden/samples.json holds, per sample, the incidents' date, type, weapons and
toll as last reviewed. It is a snapshot, known imperfections included, that guards
against unintended changes (a casualty rule once turned "killed 15 of the attacking
fighters" into 0 killed without any test noticing). A change in extraction that
alters it fails here with a diff; when the change is intended, review the diff and
rewrite the file with `pytest tests/test_golden_samples.py --update-golden`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sitrep.extract.contract import extract_document
from sitrep.ingest.samples import sample_names, sample_reports

GOLDEN = Path(__file__).parent / "golden" / "samples.json"


def _toll(count: dict[str, Any] | None) -> list[Any] | None:
    return (
        None if count is None else [count["low"], count["best"], count["high"], count["qualifier"]]
    )


def summarise() -> dict[str, list[dict[str, Any]]]:
    out = {}
    for name, report in zip(sample_names(), sample_reports(), strict=True):
        result = extract_document(name, report.text, published=report.published)
        out[name] = [
            {
                "date": [i["date"]["start"], i["date"]["end"], i["date"]["precision"]],
                "type": [i["event_type"], i["sub_event_type"]],
                "weapons": i["weapons"],
                "killed": _toll(i["killed"]),
                "injured": _toll(i["injured"]),
            }
            for i in result["incidents"]
        ] + [{"aggregate": [a["metric"], _toll(a["value"])]} for a in result["aggregates"]]
    return out


def _dump(found: dict[str, list[dict[str, Any]]]) -> str:
    """One sample a block, one incident a line: easy to review in a diff."""
    blocks = [
        f"  {json.dumps(name)}: [\n"
        + ",\n".join(f"    {json.dumps(item, ensure_ascii=False)}" for item in items)
        + ("\n  ]" if items else "]")
        for name, items in found.items()
    ]
    return "{\n" + ",\n".join(blocks) + "\n}\n"


def test_samples_match_the_golden_file(update_golden: bool) -> None:
    found = summarise()
    if update_golden:
        GOLDEN.write_text(_dump(found), "utf-8")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    assert found == expected
