"""`sitrep incidents show/set/accept/reject/merge/split/history/undo` and `sitrep review`,
through the real console script."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_sitrep

A = "Gunmen killed three villagers in Kidal on Sunday, officials said."
B = "Two rockets hit Erbil on Sunday, killing five people, police said."


def _setup(db: str, tmp_path: Path) -> None:
    for name, text in (("a.txt", A), ("b.txt", B)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        added = run_sitrep("--db", db, "add", str(path), "--published", "2024-01-29")
        assert added.returncode == 0, added.stderr


def _incidents(db: str, *args: str) -> list[dict]:
    listed = run_sitrep("--db", db, "incidents", "--json", *args)
    assert listed.returncode == 0, listed.stderr
    return [json.loads(line) for line in listed.stdout.splitlines()]


def test_set_show_history_and_undo(db: str, tmp_path: Path) -> None:
    _setup(db, tmp_path)
    [first, _second] = _incidents(db)
    code = first["code"]
    assert code.startswith("MLI-2024-")
    env = {"SITREP_WHO": "ana"}
    done = run_sitrep(
        "--db",
        db,
        "incidents",
        "set",
        code,
        "killed=3-4",
        "admin1=Kidal",
        "--note",
        "hospital list",
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert f"{code}: set killed, admin1 (version 3)" in done.stdout
    shown = run_sitrep("--db", db, "incidents", "show", code)
    assert "killed       3-4  [edited]" in shown.stdout
    assert "[killed] “killed three villagers”" in shown.stdout  # the evidence quote
    history = run_sitrep("--db", db, "incidents", "history", code, "--json")
    entries = [json.loads(line) for line in history.stdout.splitlines()]
    assert [e["action"] for e in entries] == ["create", "set", "set"]
    assert entries[1]["who"] == "ana" and entries[1]["why"] == "hospital list"
    assert entries[1]["changes"][0]["field"] == "killed"
    # Each assignment is an operation of its own: two undos take both back.
    for _ in range(2):
        undone = run_sitrep("--db", db, "incidents", "undo", env=env)
        assert undone.returncode == 0, undone.stderr
    [again, _] = _incidents(db)
    assert again["killed"]["high"] == 3
    nothing = run_sitrep("--db", db, "incidents", "undo", env=env)
    assert nothing.returncode == 1 and "nothing of ana's to undo" in nothing.stderr
    bad = run_sitrep("--db", db, "incidents", "set", code, "killed=many")
    assert bad.returncode == 1
    assert "killed='many'" in bad.stderr and "a range (3-5)" in bad.stderr


def test_merge_split_accept_reject(db: str, tmp_path: Path) -> None:
    _setup(db, tmp_path)
    a, b = (i["code"] for i in _incidents(db))
    merged = run_sitrep("--db", db, "incidents", "merge", a, b, "--note", "one event")
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.startswith(f"merged {a}, {b} into ")
    [parent] = _incidents(db)
    assert parent["report_ids"] == [1, 2]
    assert {i["status"] for i in _incidents(db, "--status", "merged")} == {"merged"}
    shown = run_sitrep("--db", db, "incidents", "show", a)  # an old code still works
    assert "merged into incident" in shown.stdout
    split = run_sitrep("--db", db, "incidents", "split", parent["code"], b)
    assert split.returncode == 0, split.stderr
    assert sorted(i["code"] for i in _incidents(db)) == sorted([a, b])
    accepted = run_sitrep("--db", db, "incidents", "accept", a)
    rejected = run_sitrep("--db", db, "incidents", "reject", b, "--note", "not violence")
    assert accepted.returncode == rejected.returncode == 0
    assert [i["status"] for i in _incidents(db, "--status", "all") if i["code"] in (a, b)] == [
        "confirmed",
        "rejected",
    ]
    field = run_sitrep("--db", db, "incidents", "accept", a, "place", "killed")
    assert field.returncode == 0 and "place, killed accepted" in field.stdout


def test_the_review_queue_takes_one_key_per_incident(db: str, tmp_path: Path) -> None:
    _setup(db, tmp_path)
    queue = run_sitrep("--db", db, "review", stdin=b"a\nr\n", env={"SITREP_WHO": "bo"})
    assert queue.returncode == 0, queue.stderr
    assert "2 decision(s) recorded" in queue.stderr
    statuses = [i["status"] for i in _incidents(db, "--status", "all")]
    assert statuses == ["confirmed", "rejected"]
    history = run_sitrep("--db", db, "incidents", "history", "1", "--json")
    last = json.loads(history.stdout.splitlines()[-1])
    assert last["who"] == "bo" and last["why"] == "accepted in review"
