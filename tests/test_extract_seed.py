"""Golden test: the seed report (../shared/bench/seed.jsonl) gives its four incidents
and two aggregate statements, as hand-coded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.extract.contract import extract_document

pytestmark = pytest.mark.bench


@pytest.fixture(scope="module")
def seed(bench: Path) -> tuple[dict, dict]:
    doc = json.loads((bench / "seed.jsonl").read_text("utf-8").splitlines()[0])
    out = extract_document(doc["id"], doc["text"], published=doc["published"])
    assert out["error"] is None
    return doc, out


def _key(incident: dict) -> tuple:
    return (incident["date"]["start"], incident["sub_event_type"])


def test_four_incidents_in_the_order_of_the_text(seed) -> None:
    doc, out = seed
    gold = [(g["date_start"], g["sub_event_type"]) for g in doc["gold"]]
    assert [_key(i) for i in out["incidents"]] == gold


@pytest.mark.parametrize(
    "index",
    range(4),
    ids=[
        "drones on northern Israel yesterday",
        "rockets from Gaza yesterday",
        "rockets at a U.S. base on Monday",
        "drone on a base in Jordan in late January",
    ],
)
def test_each_incident_matches_its_gold(seed, index: int) -> None:
    doc, out = seed
    gold, found = doc["gold"][index], out["incidents"][index]
    assert found["event_type"] == gold["event_type"]
    assert found["sub_event_type"] == gold["sub_event_type"]
    assert found["weapons"] == gold["weapons"]
    assert found["date"]["start"] == gold["date_start"]
    assert found["date"]["end"] == gold["date_end"]
    assert found["date"]["precision"] == gold["date_precision"]
    for kind in ("killed", "injured"):
        if gold[kind] is None:
            assert found[kind] is None
        else:
            assert found[kind]["best"] == gold[kind]
            assert (found[kind]["low"], found[kind]["high"]) == (
                gold[f"{kind}_low"],
                gold[f"{kind}_high"],
            )
    for group_key in ("killed_group", "injured_group"):
        if group_key in gold:
            groups = {c["group"] for c in found["casualties"]}
            assert groups == {gold[group_key]}


def test_the_date_evidence_quotes_the_text(seed) -> None:
    doc, out = seed
    quotes = [[e["quote"] for e in i["evidence"] if e["field"] == "date"] for i in out["incidents"]]
    assert quotes == [["Yesterday"], ["Yesterday"], ["on Monday"], ["in late January 2024"]]
    relative = [i["date"]["anchor"] for i in out["incidents"][:3]]
    assert relative == ["2024-08-07"] * 3  # "Yesterday" and "on Monday" count from publication
    for incident in out["incidents"]:
        for e in incident["evidence"]:
            assert doc["text"][e["start"] : e["end"]] == e["quote"]


def test_two_aggregate_statements_and_no_incident_from_them(seed) -> None:
    doc, out = seed
    assert [(a["metric"], a["value"]) for a in out["aggregates"]] == [
        (g["metric"], g["value"]) for g in doc["aggregates"]
    ]
    for found, gold in zip(out["aggregates"], doc["aggregates"], strict=True):
        assert found["period"] == {
            **gold["period"],
            "text": found["period"]["text"],
            "anchor": "2024-08-07",
        }
        assert found["period"]["text"].lower() == gold["period"]["text"].lower()
        assert found["weapons"] == gold["weapons"]


@pytest.mark.parametrize("index", range(4))
def test_each_incident_names_its_gold_perpetrators(seed, index: int) -> None:
    """Hezbollah for the drones, the Iran-backed militias for the rockets on Monday (named
    through "These same militias"), no one for the other two - never a guess."""
    doc, out = seed
    gold, found = doc["gold"][index], out["incidents"][index]
    perpetrators = [a for a in found["actors"] if a["role"] == "perpetrator"]
    aliases = [{n.lower() for n in group} for group in gold["perpetrator_aliases"]]
    assert len(perpetrators) == len(aliases)
    for actor, names in zip(perpetrators, aliases, strict=True):
        assert actor["name"].lower() in names
        assert actor["attribution"] == "attributed_by_source"
        start, end = next(
            (e["start"], e["end"]) for e in found["evidence"] if e["field"] == "actors"
        )
        assert doc["text"][start:end] == actor["text"]


@pytest.mark.parametrize(
    "index",
    range(2),
    ids=[
        "the militias claimed the launches",
        "the strikes carry the subject of the clause before, without its claim",
    ],
)
def test_each_aggregate_names_its_gold_actors(seed, index: int) -> None:
    doc, out = seed
    gold, found = doc["aggregates"][index], out["aggregates"][index]
    assert [(a["name"], a["role"], a["attribution"], a["text"]) for a in found["actors"]] == [
        (a["name"], a["role"], a["attribution"], a["text"]) for a in gold["actors"]
    ]
    spans = [e for e in found["evidence"] if e["field"] == "actors"]
    assert len(spans) == len(found["actors"])
    for span, actor in zip(spans, found["actors"], strict=True):
        assert doc["text"][span["start"] : span["end"]] == span["quote"]
        assert span["quote"].startswith(actor["text"])
    gold_spans = [e for e in gold["evidence"] if e["field"] == "actors"]
    if gold_spans:
        assert [(s["start"], s["end"]) for s in spans] == [
            (s["start"], s["end"]) for s in gold_spans
        ]


def test_aggregate_evidence_is_in_the_order_of_the_text(seed) -> None:
    _doc, out = seed
    for statement in out["aggregates"]:
        starts = [e["start"] for e in statement["evidence"]]
        assert starts == sorted(starts)
        assert {e["field"] for e in statement["evidence"]} >= {"value", "period", "actors"}
