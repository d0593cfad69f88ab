"""Scoring extractor output against bench gold: pairing, counts, field accuracy."""

from __future__ import annotations

import doctest
import json
from pathlib import Path
from typing import Any

import pytest

from sitrep import evaluate
from sitrep.evaluate import load_jsonl, score


def gold(**changes: Any) -> dict[str, Any]:
    """A gold incident with every scored field set; ``changes`` override it."""
    incident: dict[str, Any] = {
        "optional": False,
        "date_start": "2024-03-10",
        "date_end": "2024-03-10",
        "date_precision": "day",
        "date_alternatives": None,
        "country": "Ruritania",
        "country_code": "IRQ",
        "admin1": "Anbar governorate",
        "location": "Hit city",
        "location_alternatives": ["Hit"],
        "location_precision": "exact",
        "latitude": 33.64,
        "longitude": 42.83,
        "perpetrators": ["Islamic State"],
        "perpetrator_aliases": [["Islamic State", "ISIS", "Daesh"]],
        "attribution": "claimed",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "weapons": ["ied"],
        "killed": 4,
        "killed_low": 4,
        "killed_high": 4,
        "injured": None,
        "injured_low": 2,
        "injured_high": None,
    }
    incident.update(changes)
    return incident


def predicted(**changes: Any) -> dict[str, Any]:
    """A contract incident that matches ``gold()`` on every field."""
    incident: dict[str, Any] = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "weapons": ["ied"],
        "date": {"start": "2024-03-10", "end": "2024-03-10", "precision": "day"},
        "location": {
            "name": "Hīt",
            "country": "Iraq",
            "country_code": "IRQ",
            "admin1": "Al Anbar",
            "admin2": None,
            "latitude": 33.64,
            "longitude": 42.83,
            "precision": "exact",
        },
        "actors": [{"name": "ISIS", "role": "perpetrator", "attribution": "claimed"}],
        "killed": {"low": 4, "best": 4, "high": 4, "qualifier": "exact"},
        "injured": {"low": 2, "best": None, "high": None, "qualifier": "at_least"},
    }
    incident.update(changes)
    return incident


def place(**changes: Any) -> dict[str, Any]:
    """A predicted location with nothing but ``changes`` set."""
    location: dict[str, Any] = {
        "name": None,
        "country_code": None,
        "admin1": None,
        "admin2": None,
        "latitude": None,
        "longitude": None,
        "precision": None,
    }
    location.update(changes)
    return location


def doc(incidents: list[dict[str, Any]], doc_id: str = "test-1", **extra: Any) -> dict[str, Any]:
    return {"id": doc_id, "text": "...", "gold": incidents, "meta": {}, **extra}


def output(incidents: list[dict[str, Any]], doc_id: str = "test-1", **extra: Any) -> dict[str, Any]:
    return {"id": doc_id, "incidents": incidents, "aggregates": [], "error": None, **extra}


def test_module_docstring_example_runs() -> None:
    assert doctest.testmod(evaluate).failed == 0


def test_perfect_prediction_scores_one_everywhere() -> None:
    aggregate = {"metric": "attacks", "value": {"low": 101, "best": None, "qualifier": "more_than"}}
    docs = [doc([gold()], aggregates=[aggregate])]
    result = score(docs, [output([predicted()], aggregates=[aggregate])])
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    scored = {name: s.rate for name, s in result.fields.items() if s.n}
    assert set(scored) == set(evaluate.FIELDS) - {
        "date_consistent",
        "injured_exact",
        "date_range_consistent",
        "date_range_exact",
    }
    assert all(rate == 1.0 for rate in scored.values()), scored
    assert result.pairs[0].wrong == ()


def test_no_prediction_gives_recall_zero_and_is_counted() -> None:
    result = score([doc([gold(), gold(location="Ramadi")])], {})
    assert result.recall == 0.0
    assert result.precision is None  # nothing predicted: precision is undefined
    assert result.overall.false_negatives == 2
    assert result.missing_predictions == 1
    assert result.misses[0].reason == "no predicted incident in the document"


def test_prediction_in_a_negative_document_is_a_false_positive() -> None:
    docs = [doc([], "test-1"), doc([], "test-2")]
    result = score(docs, [output([predicted()], "test-1"), output([], "test-2")])
    counts = result.overall
    assert (counts.false_positives, counts.negatives, counts.negatives_empty) == (1, 2, 1)
    assert counts.negatives_empty_rate == 0.5
    assert result.false_positives[0].reason == "no gold incident in the document"


def test_optional_gold_left_out_is_not_a_miss() -> None:
    result = score([doc([gold(), gold(optional=True, location="Ramadi")])], [output([predicted()])])
    counts = result.overall
    assert (counts.true_positives, counts.false_negatives, counts.false_positives) == (1, 0, 0)
    assert result.recall == 1.0


def test_optional_gold_found_is_a_hit() -> None:
    result = score([doc([gold(optional=True)])], [output([predicted()])])
    assert (result.overall.true_positives, result.overall.false_positives) == (1, 0)
    assert (result.precision, result.recall) == (1.0, 1.0)


OTHER_DAY = {"start": "2024-05-01", "end": "2024-05-01", "precision": "day"}


@pytest.mark.parametrize(
    ("gold_incident", "prediction", "paired"),
    [
        pytest.param(gold(), predicted(location=place(country_code="SYR")), False,
                     id="a different country blocks the pair"),
        pytest.param(gold(), predicted(location=None), True,
                     id="a prediction without a country does not block"),
        pytest.param(gold(), predicted(date=None, location=place(country_code="IRQ")), True,
                     id="without a predicted date the country is enough"),
        pytest.param(gold(date_start=None, date_end="2024-03-12"),
                     predicted(date={"start": "2024-03-01", "end": "2024-03-02"}, location=None),
                     True, id="on or before overlaps any earlier interval"),
        pytest.param(gold(date_start=None, date_end="2024-03-12"),
                     predicted(date={"start": "2024-03-13", "end": "2024-03-13"}, location=None),
                     False, id="on or before does not overlap a later day"),
        pytest.param(gold(date_alternatives=[["2024-03-10", "2024-03-10"],
                                             ["2024-04-01", "2024-04-02"]]),
                     predicted(date={"start": "2024-04-02", "end": "2024-04-02"}, location=None),
                     True, id="any date alternative counts"),
        pytest.param(gold(location="Qā'im town", location_alternatives=None, latitude=None),
                     predicted(date=OTHER_DAY, location=place(name="al-Qaim District")), True,
                     id="the Arabic article and type words are ignored"),
        pytest.param(gold(location="Qa'im town", location_alternatives=None, latitude=None,
                          admin1=None),
                     predicted(date=OTHER_DAY, location=place(name="QĀʼIM")), True,
                     id="places match without accents and type words when dates differ"),
        pytest.param(gold(location="Hit city", location_alternatives=["Anah"], latitude=None,
                          admin1=None),
                     predicted(date=OTHER_DAY, location=place(name="Anah")), True,
                     id="a gold location alternative matches"),
        pytest.param(gold(location="Hit city", location_alternatives=None, admin1=None),
                     predicted(date=OTHER_DAY,
                               location=place(name="Baghdadi", latitude=33.80, longitude=42.75)),
                     True, id="coordinates 19 km apart match"),
        pytest.param(gold(location="Hit city", location_alternatives=None, admin1=None),
                     predicted(date=OTHER_DAY,
                               location=place(name="Ramadi", latitude=33.42, longitude=43.30)),
                     False, id="coordinates 50 km apart and another name do not match"),
    ],
)  # fmt: skip
def test_pairing_rules(
    gold_incident: dict[str, Any], prediction: dict[str, Any], paired: bool
) -> None:
    result = score([doc([gold_incident])], [output([prediction])])
    assert result.overall.true_positives == int(paired)
    assert result.overall.false_positives == result.overall.false_negatives == int(not paired)
    if not paired:
        assert result.misses[0].reason == result.false_positives[0].reason != ""


def field_rates(gold_incident: dict[str, Any], prediction: dict[str, Any]) -> dict[str, bool]:
    result = score([doc([gold_incident])], [output([prediction])])
    assert result.overall.true_positives == 1, "the test pair must pair"
    return {name: s.correct == 1 for name, s in result.fields.items() if s.n}


@pytest.mark.parametrize(
    ("gold_incident", "prediction", "field", "correct"),
    [
        pytest.param(gold(), predicted(date={"start": "2024-03-09", "end": "2024-03-11"}),
                     "date_inside", True, id="a wider predicted span holds the gold day"),
        pytest.param(gold(), predicted(date={"start": "2024-03-09", "end": "2024-03-11"}),
                     "date_exact", False, id="a wider predicted span is not exact"),
        pytest.param(gold(), predicted(date={"start": None, "end": "2024-03-10"}),
                     "date_inside", False, id="an open predicted span is not inside"),
        pytest.param(gold(date_alternatives=[["2024-03-10", "2024-03-10"],
                                             ["2024-03-09", "2024-03-10"]]),
                     predicted(date={"start": "2024-03-09", "end": "2024-03-10"}),
                     "date_exact", True, id="a date alternative can be exact"),
        pytest.param(gold(date_start=None, date_end="2024-03-12", date_precision="unknown"),
                     predicted(date={"start": "2024-03-05", "end": "2024-03-10"}),
                     "date_consistent", True, id="on or before accepts an earlier interval"),
        pytest.param(gold(date_start=None, date_end="2024-03-12", date_precision="unknown"),
                     predicted(date={"start": None, "end": "2024-03-10"}),
                     "date_consistent", True, id="on or before matches on or before"),
        pytest.param(gold(date_start=None, date_end="2024-03-12", date_precision="unknown"),
                     predicted(date={"start": None, "end": "2024-03-13"}),
                     "date_consistent", False, id="on or before refuses a later end"),
        pytest.param(gold(), predicted(actors=[{"name": "the Daesh group",
                                                "role": "perpetrator"}]),
                     "perpetrator", True, id="an alias inside a longer name matches"),
        pytest.param(gold(), predicted(actors=[{"name": "Islamic Stat", "role": "perpetrator"}]),
                     "perpetrator", True, id="a near spelling matches"),
        pytest.param(gold(), predicted(actors=[{"name": "ISIS", "role": "target"}]),
                     "perpetrator", False, id="a target is not a perpetrator"),
        pytest.param(gold(), predicted(actors=[{"name": "Sunni insurgents", "role": "perpetrator",
                                                "text": "the Islamic State"}]),
                     "perpetrator", True, id="the report's wording of the name matches"),
        pytest.param(gold(), predicted(actors=[{"name": "Sunni insurgents", "role": "perpetrator",
                                                "text": "insurgents"}]),
                     "perpetrator", False, id="neither name nor wording matches"),
        pytest.param(gold(attribution="suspected", attribution_alternatives=["suspected"]),
                     predicted(), "attribution", False, id="claimed is wrong where suspected"),
        pytest.param(gold(attribution="suspected", attribution_alternatives=["suspected",
                                                                             "claimed"]),
                     predicted(), "attribution", True, id="any accepted attribution counts"),
        pytest.param(gold(), predicted(location=place(country_code="IRQ", admin1="Anbar")),
                     "admin1", True, id="admin1 matches without its type word"),
        pytest.param(gold(), predicted(location=place(country_code="IRQ", name="Hit",
                                                      latitude=35.0, longitude=44.0)),
                     "coordinates", False, id="coordinates far away are wrong"),
        pytest.param(gold(), predicted(location=place(country_code="IRQ", name="Hīt District",
                                                      text="Hit")),
                     "location", True, id="the place as the report words it matches"),
        pytest.param(gold(), predicted(location=place(country_code="IRQ", name="Haditha",
                                                      text="Haditha")),
                     "location", False, id="neither the name nor the words match"),
        pytest.param(gold(), predicted(killed={"low": 3, "best": 4, "high": 6}),
                     "killed_exact", True, id="killed exact compares the best figure"),
        pytest.param(gold(), predicted(killed={"low": 4, "best": None, "high": 4}),
                     "killed_exact", True, id="killed exact takes low equal to high"),
        pytest.param(gold(killed=None, killed_low=3, killed_high=None),
                     predicted(killed={"low": 3, "best": None, "high": None}),
                     "killed_in_range", True, id="at least three holds a low of three"),
        pytest.param(gold(killed=None, killed_low=3, killed_high=None), predicted(killed=None),
                     "killed_in_range", False, id="no predicted count is out of range"),
        pytest.param(gold(killed=5, killed_low=2, killed_high=8),
                     predicted(killed={"low": 6, "best": 6, "high": 6}),
                     "killed_exact", False, id="a figure in the range is not exact"),
        pytest.param(gold(killed=5, killed_low=2, killed_high=8),
                     predicted(killed={"low": 6, "best": 6, "high": 6}),
                     "killed_in_range", True, id="a figure in the range is in range"),
        pytest.param(gold(injured=0, injured_low=0, injured_high=0), predicted(injured=None),
                     "injured_exact", False, id="saying nothing is not reporting none"),
        pytest.param(gold(), predicted(weapons=["ied", "firearm"]),
                     "weapons_overlap", True, id="weapons overlap with one in common"),
        pytest.param(gold(), predicted(weapons=["ied", "firearm"]),
                     "weapons_exact", False, id="an extra weapon is not the exact set"),
    ],
)  # fmt: skip
def test_field_accuracy(
    gold_incident: dict[str, Any], prediction: dict[str, Any], field: str, correct: bool
) -> None:
    assert field_rates(gold_incident, prediction)[field] is correct


def test_fields_without_a_gold_value_are_not_scored() -> None:
    bare = gold(admin1=None, location=None, latitude=None, perpetrators=[], attribution=None)
    bare.update(event_type=None, sub_event_type=None, weapons=None, killed=None, killed_low=None)
    scored = field_rates(bare, predicted())
    assert "admin1" not in scored and "location" not in scored and "coordinates" not in scored
    assert "perpetrator" not in scored and "event_type" not in scored
    assert "killed_exact" not in scored and "killed_in_range" not in scored


def test_one_to_one_assignment_keeps_both_pairs() -> None:
    # "close" fits both gold incidents and agrees best with "hit"; giving it "hit" would
    # leave "dated_late", which only the place "Hit" pairs, without a partner.
    hit = gold(date_start="2024-03-10", date_end="2024-03-10", location="Hit city")
    span = gold(date_start="2024-03-10", date_end="2024-03-20", location="Ramadi", killed=9)
    span.update(location_alternatives=None, admin1=None, latitude=None, longitude=None)
    close = predicted()
    dated_late = predicted(
        date={"start": "2024-03-01", "end": "2024-03-01"}, location=place(name="Hit")
    )
    result = score([doc([hit, span])], [output([close, dated_late])])
    assert (result.overall.true_positives, result.overall.false_negatives) == (2, 0)
    assert [(p.gold, p.prediction) for p in result.pairs] == [(hit, dated_late), (span, close)]


def test_assignment_prefers_the_pairs_whose_fields_agree() -> None:
    north = gold(location="Mosul", location_alternatives=None, killed=2, killed_low=2)
    south = gold(location="Basra", location_alternatives=None, killed=7, killed_low=7)
    to_south = predicted(location=place(name="Basra"), killed={"low": 7, "best": 7, "high": 7})
    to_north = predicted(location=place(name="Mosul"), killed={"low": 2, "best": 2, "high": 2})
    result = score([doc([north, south])], [output([to_south, to_north])])
    assert [(p.gold, p.prediction) for p in result.pairs] == [(north, to_north), (south, to_south)]
    assert result.fields["killed_exact"].rate == 1.0


def test_aggregates_match_on_metric_first_bound_and_qualifier() -> None:
    statements = [
        {"metric": "attacks", "value": {"low": 101, "best": None, "qualifier": "more_than"}},
        {"metric": "attacks", "value": {"low": None, "best": 200, "qualifier": "about"}},
    ]
    found = [
        {"metric": "attacks", "value": {"low": 101, "best": None, "qualifier": "more_than"}},
        {"metric": "attacks", "value": {"low": None, "best": 200, "qualifier": "exact"}},
        {"metric": "launches", "value": {"low": 5, "best": 5, "qualifier": "exact"}},
    ]
    result = score([doc([], aggregates=statements)], [output([], aggregates=found)])
    assert (result.fields["aggregates"].n, result.fields["aggregates"].correct) == (2, 1)
    assert result.predicted_aggregates == 3


def test_datasets_are_counted_apart_and_together() -> None:
    docs = [
        doc([gold()], "muc4-1"),
        doc([gold()], "ucdp-1", meta={"gold_exhaustive": False}),
        doc([gold()], "x-1", dataset="seed"),
    ]
    preds = {"muc4-1": output([predicted()]), "ucdp-1": output([])}
    result = score(docs, preds)
    assert list(result.datasets) == ["muc4", "ucdp", "seed"]
    assert result.datasets["muc4"].recall == 1.0
    assert result.datasets["ucdp"].recall == 0.0
    assert result.overall.true_positives == 1 and result.overall.false_negatives == 2
    assert result.non_exhaustive == ["ucdp"]
    assert result.missing_predictions == 1


def test_format_is_a_narrow_table_and_as_dict_is_json() -> None:
    docs = [doc([gold()], "muc4-1"), doc([], "ucdp-1", meta={"gold_exhaustive": False})]
    result = score(docs, [output([predicted()], "muc4-1"), output([predicted()], "ucdp-1")])
    text = result.format()
    assert all(len(line) < 100 for line in text.splitlines())
    assert "precision is a lower bound" in text
    assert "killed_exact" in text and "1.000" in text
    all_row = next(line for line in text.splitlines() if line.startswith("all"))
    assert all_row.split()[1:] == ["2", "1", "0", "2", "1", "1", "0", "0.500", "1.000", "0.667"]
    data = json.loads(json.dumps(result.as_dict()))
    assert data["overall"]["precision"] == 0.5
    assert len(data["false_positives"]) == 1
    assert "pairs" not in result.as_dict(include_findings=False)


def test_load_jsonl_reads_objects_and_names_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a"}\n\n{"id": "b"}\n', encoding="utf-8")
    assert [d["id"] for d in load_jsonl(path)] == ["a", "b"]
    path.write_text('{"id": "a"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold.jsonl:2: not valid JSON"):
        load_jsonl(path)


@pytest.mark.bench
def test_seed_gold_without_predictions_misses_everything(bench: Path) -> None:
    docs = load_jsonl(bench / "seed.jsonl")
    result = score(docs, [])
    assert result.overall.false_negatives == 4
    assert result.fields["aggregates"].n == 2


@pytest.mark.parametrize(
    ("prediction", "consistent", "exact"),
    [
        pytest.param(
            {"start": "2024-03-09", "end": "2024-03-09"},
            True,
            False,
            id="a day inside a gold span is consistent, not exact",
        ),
        pytest.param(
            {"start": "2024-03-08", "end": "2024-03-10"},
            True,
            True,
            id="the gold span itself is exact",
        ),
        pytest.param(
            {"start": "2024-03-11", "end": "2024-03-11"},
            False,
            False,
            id="a day outside the gold span is wrong",
        ),
    ],
)
def test_gold_spans_are_scored_apart_from_gold_days(prediction, consistent, exact) -> None:
    span = gold(date_start="2024-03-08", date_end="2024-03-10", date_precision="days")
    result = score([doc([span])], [output([predicted(date=prediction)])])
    assert result.fields["date_range_consistent"].correct == int(consistent)
    assert result.fields["date_range_exact"].correct == int(exact)
    assert result.fields["date_inside"].n == 0
