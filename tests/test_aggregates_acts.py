"""One act or a count over a period: "killed 11 villagers last week" is an incident;
"more than 100 attacks since November" and "79 homicides a day" are aggregates. A
headline's count with no period ("Eight raids target Kafr Nabl") is the day's news."""

from __future__ import annotations

import pytest

from sitrep.extract.contract import extract_document


def _read(text: str) -> tuple[int, list[str]]:
    out = extract_document("t", text, published="2024-03-05")
    assert out["error"] is None
    return len(out["incidents"]), [a["metric"] for a in out["aggregates"]]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Jihadists killed 14 villagers in Mopti region last week.", id="one act last week"
        ),
        pytest.param(
            "Landmines kill 12 shepherds during their flight from Sinjar", id="during a flight"
        ),
        pytest.param(
            "About 60 rebels killed during clashes near Kidal", id="during clashes is one act"
        ),
        pytest.param("Eight raids target Kafr Nabl town", id="a headline's raids"),
        pytest.param("At least five airstrikes on villages near Saraqib", id="headline at least"),
    ],
)
def test_one_act_is_an_incident(text: str) -> None:
    incidents, metrics = _read(text)
    assert incidents == 1
    assert metrics == []


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        pytest.param("En julio, 64 homicidios diarios", "killings", id="a daily rate"),
        pytest.param("There were 15 murders during March", "killings", id="murders in a month"),
        pytest.param(
            "Militants have killed 40 people in the region this week.",
            "people killed",
            id="perfect tense over a week",
        ),
        pytest.param(
            "Airstrikes killed 300 people across the province last week.",
            "people killed",
            id="a large toll over a week",
        ),
        pytest.param(
            "Thousands were killed during the war in the north.",
            "people killed",
            id="during the war is a period",
        ),
        pytest.param(
            "More than 100 attacks on bases since November", "attacks", id="since November"
        ),
    ],
)
def test_counts_over_a_period_are_aggregates(text: str, metric: str) -> None:
    incidents, metrics = _read(text)
    assert metric in metrics
    assert incidents == 0


def test_a_relative_clause_is_no_modifier_of_the_count() -> None:
    _incidents, metrics = _read("Police say they killed 9 militants who planned holiday attacks")
    assert "attacks" not in metrics
