"""Event words, weapons and ACLED types: what happened, with what, and whether it did."""

from __future__ import annotations

import pytest

from sitrep.extract.events import classify, find_events, find_weapons
from sitrep.models import EVENT_TYPES


def families(text: str) -> list[str]:
    return [e.family for e in find_events(text) if e.real]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "These militias fired two rockets at a base.",
            ["shelling"],
            id="fired rockets is shelling",
        ),
        pytest.param("Israel was attacked by drones.", ["attack"], id="passive attack"),
        pytest.param(
            "A roadside bomb exploded near the convoy.",
            ["explosion", "explosion"],
            id="an explosion",
        ),
        pytest.param(
            "A suicide bomber blew himself up at the mosque.",
            ["suicide", "suicide"],
            id="suicide bombing",
        ),
        pytest.param(
            "GUERRILLAS KIDNAPPED TWO ENGINEERS.", ["abduction"], id="kidnapping in capitals"
        ),
        pytest.param(
            "U.S. forces carried out airstrikes on the facilities.", ["air"], id="airstrikes"
        ),
        pytest.param("Troops clashed with rebels near the border.", ["clash"], id="a clash"),
        pytest.param("Israeli jets bombed a house in Gaza City.", ["air"], id="jets bombed"),
        pytest.param(
            "Fear in Douma after heavy shelling", ["shelling"], id="fear after an act it follows"
        ),
        pytest.param("They fear an attack on the city.", [], id="a feared attack is not an act"),
        pytest.param(
            "Drones launched from Russia hit an apartment block in Kharkiv.",
            ["attack"],
            id="a weapon that hit, told with where it came from",
        ),
        pytest.param("USS Laboon shot down the missile.", ["intercept"], id="an interception"),
        pytest.param("Unknown persons set fire to the town hall.", ["arson"], id="arson"),
        pytest.param(
            "The Pentagon expects a larger assault Iran is planning.",
            [],
            id="a planned assault is not an act",
        ),
        pytest.param(
            "Among the groups likely participating in such an attack would be them.",
            [],
            id="such an attack would be is hypothetical",
        ),
        pytest.param("THE FMLN THREATENED TO ATTACK THE CAPITAL.", [], id="a threat is not an act"),
        pytest.param(
            "Efforts to carry out cross-border attacks into Israel.",
            [],
            id="an intention is not an act",
        ),
        pytest.param("He died of a heart attack.", [], id="a heart attack is not violence"),
        pytest.param("Workers held a general strike.", [], id="a general strike is not violence"),
        pytest.param("The ceasefire held overnight.", [], id="a ceasefire is not fighting"),
        pytest.param("No attacks were reported.", [], id="a negated attack"),
    ],
)
def test_find_events(text: str, expected: list[str]) -> None:
    assert families(text) == expected


def test_plural_event_words_are_marked() -> None:
    [event] = find_events("The attacks against U.S. targets have declined.")
    assert event.plural and event.text == "attacks"


def test_offsets_are_absolute() -> None:
    text = "Intro sentence. Gunmen opened fire on a bus."
    [event] = find_events(text, start=16)
    assert text[event.start : event.end] == event.text == "opened fire"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("two rockets and a drone", ["rocket", "drone"], id="rockets and drones"),
        pytest.param("a car bomb", ["vehicle_bomb"], id="car bomb is a vehicle bomb"),
        pytest.param("an anti-ship ballistic missile", ["missile"], id="missile"),
        pytest.param("A DYNAMITE CHARGE", ["ied"], id="dynamite is an IED"),
        pytest.param("Mines of ISIS kill 25 people", ["landmine"], id="mines that kill"),
        pytest.param("The mines employ 300 people", [], id="mines that employ are no weapon"),
        pytest.param("gunmen with AK-47s", ["firearm", "firearm"], id="firearms"),
        pytest.param(
            "mortar rounds and artillery", ["mortar", "artillery"], id="mortar and artillery"
        ),
        pytest.param("a suicide vest", ["suicide_bomb"], id="suicide vest"),
    ],
)
def test_find_weapons(text: str, expected: list[str]) -> None:
    assert [w.weapon for w in find_weapons(text)] == expected


@pytest.mark.parametrize(
    ("families_", "weapons", "groups", "expected"),
    [
        pytest.param(
            {"attack"},
            {"drone"},
            (),
            ("Explosions/Remote violence", "Air/drone strike"),
            id="an attack by drones is a drone strike",
        ),
        pytest.param(
            {"shelling"},
            {"rocket"},
            (),
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
            id="rocket fire is a missile attack",
        ),
        pytest.param(
            {"explosion"},
            {"vehicle_bomb"},
            (),
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
            id="a car bomb is a remote explosive",
        ),
        pytest.param(
            {"kill"},
            {"firearm"},
            ("civilians",),
            ("Violence against civilians", "Attack"),
            id="shooting civilians is violence against civilians",
        ),
        pytest.param(
            {"attack"},
            set(),
            ("military",),
            ("Battles", "Armed clash"),
            id="an attack that kills soldiers is a battle",
        ),
        pytest.param(
            {"abduction"},
            set(),
            (),
            ("Violence against civilians", "Abduction/forced disappearance"),
            id="a kidnapping",
        ),
        pytest.param(
            {"intercept"},
            {"missile"},
            (),
            ("Strategic developments", "Disrupted weapons use"),
            id="an intercepted missile is disrupted weapons use",
        ),
        pytest.param(
            {"suicide", "explosion"},
            {"suicide_bomb"},
            (),
            ("Explosions/Remote violence", "Suicide bomb"),
            id="a suicide bombing",
        ),
    ],
)
def test_classify(
    families_: set[str], weapons: set[str], groups: tuple[str, ...], expected: tuple[str, str]
) -> None:
    result = classify(families_, weapons, victim_groups=groups)
    assert result == expected
    assert result[1] in EVENT_TYPES[result[0]]


def test_weapons_destroyed_by_forces_are_a_strike_and_a_sunk_ship_an_attack() -> None:
    [destroyed] = find_events("Coalition forces destroyed two rebel anti-ship missiles.")
    assert destroyed.family == "air"
    assert classify({"air"}, ["missile"]) == ("Explosions/Remote violence", "Air/drone strike")
    [sank] = find_events("On March 2 the rebels sank the cargo ship.")
    assert sank.family == "attack"
    assert find_events("The building was destroyed in a fire.") == []


def test_missiles_falling_into_the_sea_are_an_event() -> None:
    [fell] = find_events("All three came down harmlessly in the sea close to the vessel.")
    assert fell.family == "shelling"


def test_capitals_and_lower_case_find_the_same_events_and_weapons() -> None:
    text = "Militants Fired Two ROCKETS at the base; a Roadside Bomb exploded near the convoy."
    lower, upper = text.lower(), text.upper()
    for variant in (text, lower, upper):
        events = find_events(variant)
        assert [(e.start, e.end, e.family) for e in events] == [
            (e.start, e.end, e.family) for e in find_events(lower)
        ]
        assert [e.text for e in events] == [variant[e.start : e.end] for e in events]
        weapons = find_weapons(variant)
        assert [w.weapon for w in weapons] == ["rocket", "ied"]
        assert [w.text for w in weapons] == [variant[w.start : w.end] for w in weapons]


def test_trigger_and_weapon_patterns_are_written_in_lower_case() -> None:
    # They are matched against lowered text; a capital in a pattern would never match.
    import re

    from sitrep.extract.events import _TRIGGERS, _WEAPONS

    for pattern in [*_TRIGGERS.values(), *_WEAPONS.values()]:
        assert not re.search(r"(?<!\\)[A-Z]", pattern), pattern
