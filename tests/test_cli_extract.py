"""`sitrep extract`, `sitrep incidents`, `sitrep eval` and extraction on `sitrep add`,
through the real console script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sitrep
from conftest import run_sitrep

STORY = (
    "BAGHDAD, Aug 7, 2024 (Reuters) - Militias fired two rockets at a U.S. base in western "
    "Iraq on Monday, injuring seven Americans, officials said. In another attack on Tuesday, "
    "a roadside bomb killed three soldiers near Kirkuk. Since early November, the militias "
    "have carried out more than 100 attacks."
)


def test_extract_follows_the_contract(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": STORY}),
                "{not json",
                json.dumps({"id": "c", "text": "A quiet day.", "published": "2024-08-07"}),
                "",
            ]
        ),
        encoding="utf-8",
    )
    result = run_sitrep("extract", "--input", str(source), "--workers", "2")
    assert result.returncode == 1  # one line had an error; every line is still written
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", None, "c"]
    first = lines[0]
    assert first["error"] is None
    assert [(i["date"]["start"], i["sub_event_type"]) for i in first["incidents"]] == [
        ("2024-08-05", "Shelling/artillery/missile attack"),
        ("2024-08-06", "Remote explosive/landmine/IED"),
    ]
    assert first["incidents"][0]["injured"]["best"] == 7
    assert first["incidents"][1]["killed"]["best"] == 3
    assert [a["value"]["low"] for a in first["aggregates"]] == [101]
    assert lines[1]["error"].startswith("line is not valid JSON")
    assert lines[2] == {"id": "c", "incidents": [], "aggregates": [], "error": None}
    assert "3 documents: 2 incidents, 1 aggregate statements, 1 errors" in result.stderr


def test_extract_reads_stdin_and_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    line = json.dumps(
        {"id": "x", "text": "Gunmen killed two villagers yesterday.", "published": "2024-08-07"}
    )
    result = run_sitrep("extract", "--output", str(out), stdin=(line + "\n").encode())
    assert result.returncode == 0, result.stderr
    [row] = [json.loads(x) for x in out.read_text().splitlines()]
    assert row["incidents"][0]["date"]["start"] == "2024-08-06"


def test_add_stores_candidates_and_a_second_add_replaces_them(db: str, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    first = run_sitrep("--db", db, "add", str(story))
    assert first.returncode == 0, first.stderr
    assert "2 candidate incident(s), 1 aggregate statement(s)" in first.stdout
    again = run_sitrep("--db", db, "add", str(story))
    assert "already stored as report 1; extraction re-run" in again.stdout
    with sitrep.open(db) as store:
        incidents = store.incidents()
        assert len(incidents) == 2  # replaced, not duplicated
        assert len(store.aggregates()) == 1
        assert all(i.report_ids == [1] for i in incidents)
        assert all(s.report_id == 1 for i in incidents for s in i.evidence)
        report = store.report(1)
        for incident in incidents:
            for span in incident.evidence:
                assert store.report(1, with_raw=False).text[span.start : span.end] == span.quote
        actions = [e.action for e in store.audit("report", 1)]
        assert actions == ["extract", "extract"]
    assert report.title is None

    listed = run_sitrep("--db", db, "incidents", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [r["report_ids"] for r in rows] == [[1], [1]]
    assert rows[0]["injured"]["best"] == 7
    table = run_sitrep("--db", db, "incidents", "--report", "1")
    assert table.stdout.splitlines()[0].split()[:4] == ["id", "date", "precision", "type"]
    assert "2024-08-05" in table.stdout


def test_an_incident_an_analyst_touched_survives_a_re_run(tmp_path: Path) -> None:
    import datetime as dt

    from sitrep.models import AuditEntry

    db = str(tmp_path / "s.db")
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    run_sitrep("--db", db, "add", str(story))
    with sitrep.open(db) as store:
        kept = store.incidents()[0].id
        assert kept is not None
        store.record(
            AuditEntry(
                at=dt.datetime.now(dt.UTC),
                who="ana",
                entity="incident",
                entity_id=kept,
                action="accept",
            )
        )
    run_sitrep("--db", db, "add", str(story))
    with sitrep.open(db) as store:
        ids = [i.id for i in store.incidents()]
    assert kept in ids and len(ids) == 3


@pytest.mark.bench
def test_eval_prints_figures_for_a_gold_file(bench: Path) -> None:
    result = run_sitrep("eval", str(bench / "seed.jsonl"), "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["overall"]["true_positives"] == 4
    assert figures["overall"]["false_positives"] == 0
