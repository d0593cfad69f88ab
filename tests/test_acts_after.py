"""Act boundaries: two acts joined by "after", a headline about the act after "after", and
an event type read from the act's words, not from the perpetrator's own name."""

from __future__ import annotations

import pytest

from sitrep.extract.casualties import find_casualties
from sitrep.extract.contract import extract_document


def _incidents(text: str) -> list[dict]:
    out = extract_document("t", text, published="2024-03-05")
    assert out["error"] is None
    return out["incidents"]


def test_after_joins_two_acts_of_different_kinds() -> None:
    found = _incidents(
        "The army said its warplanes struck rebel camps in the north on Monday after mortar "
        "shells were fired at a border post."
    )
    assert [i["sub_event_type"] for i in found] == [
        "Air/drone strike",
        "Shelling/artillery/missile attack",
    ]


def test_after_within_one_act_stays_one() -> None:
    found = _incidents("Four people were killed after a bomb exploded in Gao on Monday.")
    assert len(found) == 1
    assert found[0]["killed"]["best"] == 4


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Calm returns to Manbij after heavy clashes", id="calm after clashes"),
        pytest.param("Panic in Douma after shelling targeted the market", id="panic, shelling"),
    ],
)
def test_a_headline_is_about_the_act_after_after(text: str) -> None:
    assert len(_incidents(text)) == 1


def test_an_act_named_in_passing_is_still_background() -> None:
    text = "Shortly after the minister's assassination, parliament met in the capital."
    assert _incidents(text) == []


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        pytest.param("Liberation Army executes 2 men in Idlib", "Violence against civilians",
                     id="an army's name is no armed target"),
        pytest.param("Militants killed 11 farmers in the valley on Sunday.",
                     "Violence against civilians", id="militants as the killers"),
        pytest.param("Militants attacked an army post on Sunday.", "Battles",
                     id="an army post is an armed target"),
    ],
)  # fmt: skip
def test_the_perpetrators_name_does_not_make_a_battle(text: str, event_type: str) -> None:
    [incident] = _incidents(text)
    assert incident["event_type"] == event_type


def test_shot_and_killed_is_a_death() -> None:
    found = find_casualties("Gunmen shot and killed two teachers near Tera.")
    assert [(m.kind, m.best) for m in found] == [("killed", 2)]
