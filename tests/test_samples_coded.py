"""The bundled sample reports against their hand-coded incidents.

tests/golden/samples-coded.json holds what a careful reader codes from each sample:
per incident, in the order of the text, its date, place, perpetrators with their
attribution, actors that are not perpetrators, and the toll. Unlike the snapshot in
test_golden_samples.py, it is not rewritten from the extractor's output.

Every difference is listed by sample, incident and field. ``STILL_WRONG`` names the
differences the extractor has not yet learned to avoid; the test fails when a new
difference appears and also when a listed one disappears, so the list always says
exactly what is still wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.extract.contract import extract_document
from sitrep.ingest.samples import sample_names, sample_reports

CODED = Path(__file__).parent / "golden" / "samples-coded.json"

# (sample number, incident number from 1 or "count", field): still wrong today.
STILL_WRONG: set[tuple[str, str, str]] = set()


def _norm(name: str | None) -> str | None:
    if name is None:
        return None
    name = name.strip().lower()
    return name[4:] if name.startswith("the ") else name


def _place_ok(found: dict[str, Any] | None, readings: list[dict[str, Any] | None]) -> bool:
    for want in readings:
        if want is None or found is None:
            if want is None and found is None:
                return True
            continue
        if found.get("precision") != want["precision"]:
            continue
        if found.get("country_code") != want["country"]:
            continue
        if want["name"] is not None and _norm(want["name"]) not in {
            _norm(found.get("name")),
            _norm(found.get("text")),
        }:
            continue
        return True
    return False


def _toll_ok(found: dict[str, Any] | None, want: Any) -> bool:
    if isinstance(want, dict):
        return any(_toll_ok(found, reading) for reading in want["any"])
    if want is None or found is None:
        return want is None and found is None
    if want == "vague":
        return found["qualifier"] == "vague" and (found["low"] or 0) >= 1
    return [found["low"], found["best"], found["high"], found["qualifier"]] == want


def compare(name: str, coded: list[dict[str, Any]], found: list[dict[str, Any]]) -> set:
    """The differences between a sample's coded incidents and the extracted ones."""
    sample = name[:2]
    wrong: set[tuple[str, str, str]] = set()
    if len(found) != len(coded):
        wrong.add((sample, "count", f"{len(coded)} coded, {len(found)} found"))
    for n, (want, got) in enumerate(zip(coded, found, strict=False), start=1):
        key = str(n)
        date = [got["date"]["start"], got["date"]["end"], got["date"]["precision"]]
        if date not in want["date"]:
            wrong.add((sample, key, "date"))
        if not _place_ok(got["location"], want["place"]):
            wrong.add((sample, key, "place"))
        perps = {
            a["name"]: a.get("attribution") for a in got["actors"] if a["role"] == "perpetrator"
        }
        for actor, readings in want["perpetrators"].items():
            if actor not in perps:
                wrong.add((sample, key, f"perpetrator {actor}"))
            elif perps[actor] not in readings:
                wrong.add((sample, key, f"attribution {actor}"))
        for actor in want.get("not_perpetrators", []):
            if actor in perps:
                wrong.add((sample, key, f"not perpetrator {actor}"))
        if not _toll_ok(got["killed"], want["killed"]):
            wrong.add((sample, key, "killed"))
        if not _toll_ok(got["injured"], want["injured"]):
            wrong.add((sample, key, "injured"))
    return wrong


@pytest.fixture(scope="module")
def differences() -> set[tuple[str, str, str]]:
    coded = json.loads(CODED.read_text("utf-8"))
    out: set[tuple[str, str, str]] = set()
    names = sample_names()
    assert sorted(k for k in coded if k != "about") == names
    for name, report in zip(names, sample_reports(), strict=True):
        result = extract_document(name, report.text, published=report.published)
        out |= compare(name, coded[name], result["incidents"])
    return out


def test_no_new_differences(differences: set[tuple[str, str, str]]) -> None:
    assert sorted(differences - STILL_WRONG) == []


def test_still_wrong_list_is_current(differences: set[tuple[str, str, str]]) -> None:
    fixed = STILL_WRONG - differences
    assert sorted(fixed) == [], "fixed: remove these from STILL_WRONG"


def test_comparison_notices_a_wrong_place_and_toll() -> None:
    coded = [
        {
            "date": [["2024-01-01", "2024-01-01", "day"]],
            "place": [{"name": "Erbil", "country": "IRQ", "precision": "exact"}],
            "perpetrators": {"Houthis": ["claimed"]},
            "not_perpetrators": ["U.S. forces"],
            "killed": [1, 1, 1, "exact"],
            "injured": None,
        }
    ]
    found = [
        {
            "date": {"start": "2024-01-01", "end": "2024-01-01", "precision": "day"},
            "location": {"name": "Mosul", "country_code": "IRQ", "precision": "exact"},
            "actors": [
                {"name": "Houthis", "role": "perpetrator", "attribution": "suspected"},
                {"name": "U.S. forces", "role": "perpetrator", "attribution": "unknown"},
            ],
            "killed": {"low": 2, "best": 2, "high": 2, "qualifier": "exact"},
            "injured": None,
        }
    ]
    assert compare("99-x.json", coded, found) == {
        ("99", "1", "place"),
        ("99", "1", "attribution Houthis"),
        ("99", "1", "not perpetrator U.S. forces"),
        ("99", "1", "killed"),
    }
    assert compare("99-x.json", coded, []) == {("99", "count", "1 coded, 0 found")}
