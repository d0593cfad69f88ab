"""Roles and attribution of the actors of one act (extract/actors.py)."""

from __future__ import annotations

import re

import pytest

from sitrep.extract.actor_mentions import ActorName, with_anaphors
from sitrep.extract.actors import claims_elsewhere, roles
from sitrep.extract.segment import split_sentences


def name(text: str, words: str, canonical: str, *, named: bool = True) -> ActorName:
    m = re.search(re.escape(words), text)
    assert m is not None
    return ActorName(m.start(), m.end(), words, canonical, canonical.lower(), None, named)


def act(text: str, word: str) -> list[tuple[int, int]]:
    m = re.search(re.escape(word), text)
    assert m is not None
    return [(m.start(), m.end())]


def only_roles(text: str, event: str, names: list[ActorName]) -> list[tuple[str, str, str | None]]:
    found = roles(text, 0, len(text), act(text, event), names)
    return [(r.name, r.role, r.attribution) for r in found]


@pytest.mark.parametrize(
    ("text", "event", "actor", "canonical", "expected"),
    [
        pytest.param(
            "Israel was attacked by Hizballah drones in the north.",
            "attacked",
            "Hizballah",
            "Hezbollah",
            ("Hezbollah", "perpetrator", "attributed_by_source"),
            id="passive agent",
        ),
        pytest.param(
            "FMLN GUERRILLAS ATTACKED THE SAN MIGUEL GARRISON TODAY.",
            "ATTACKED",
            "FMLN",
            "FMLN",
            ("FMLN", "perpetrator", "attributed_by_source"),
            id="subject of an active verb, capitals",
        ),
        pytest.param(
            "Houthi militants fired two missiles at the ship, CENTCOM said.",
            "fired two missiles",
            "Houthi",
            "Houthis",
            ("Houthis", "perpetrator", "attributed_by_official"),
            id="an official says so",
        ),
        pytest.param(
            "The blast was blamed on al-Shabaab, which often targets the capital.",
            "blast",
            "al-Shabaab",
            "al-Shabaab",
            ("al-Shabaab", "perpetrator", "suspected"),
            id="blamed on",
        ),
        pytest.param(
            "Kata'ib Hezbollah claimed the attack on Telegram.",
            "attack",
            "Kata'ib Hezbollah",
            "Kata'ib Hezbollah",
            ("Kata'ib Hezbollah", "perpetrator", "claimed"),
            id="claimed in the same sentence",
        ),
        pytest.param(
            "Soldiers attacked an FMLN camp near the river.",
            "attacked",
            "FMLN",
            "FMLN",
            None,
            id="a name inside the target phrase is not the perpetrator",
        ),
        pytest.param(
            "U.S. warplanes bombed a camp near Raqqa on Monday.",
            "warplanes bombed",
            "U.S. warplanes",
            "U.S. forces",
            ("U.S. forces", "perpetrator", "attributed_by_source"),
            id="the act's words begin inside the name",
        ),
    ],
)
def test_roles(
    text: str, event: str, actor: str, canonical: str, expected: tuple[str, str, str] | None
) -> None:
    found = only_roles(text, event, [name(text, actor, canonical)])
    perpetrators = [f for f in found if f[1] == "perpetrator"]
    if expected is None:
        assert perpetrators == []
    else:
        assert perpetrators == [expected]


def test_the_target_after_at() -> None:
    text = "Militias fired two rockets at a U.S. base in western Iraq."
    found = only_roles(text, "fired two rockets", [name(text, "U.S.", "United States")])
    assert found == [("United States", "target", None)]


def test_a_subject_of_a_passive_verb_is_the_target() -> None:
    text = "The FMLN was attacked by army troops at dawn."
    found = only_roles(text, "attacked", [name(text, "FMLN", "FMLN")])
    assert found == [("FMLN", "target", None)]


def test_a_claim_told_in_its_own_sentence_with_its_channel() -> None:
    text = (
        "A drone struck the base on Sunday. The Islamic Resistance in Iraq claimed "
        "responsibility for the attack in a statement on its Telegram channel."
    )
    names = [name(text, "Islamic Resistance in Iraq", "Islamic Resistance in Iraq")]
    [claim] = claims_elsewhere(text, names, split_sentences(text))
    assert (claim.role, claim.attribution, claim.claim_channel) == (
        "perpetrator",
        "claimed",
        "Telegram",
    )
    assert claim.cue is not None
    assert text[claim.cue[0] : claim.cue[1]].startswith("claimed responsibility")


def test_a_denial_is_recorded_as_denied() -> None:
    text = "The Taliban denied any involvement in the bombing."
    [denial] = claims_elsewhere(text, [name(text, "Taliban", "Taliban")], split_sentences(text))
    assert denial.attribution == "denied"


def test_these_same_militias_take_the_name_told_before() -> None:
    text = (
        "Among them is the network of Iran-backed Shiite militias operating in Iraq. "
        "These same militias fired two rockets at a U.S. base on Monday."
    )
    names = [
        name(text, "Iran-backed Shiite militias", "Iran-backed militias", named=False),
    ]
    resolved = with_anaphors(text, names)
    assert [n.text for n in resolved] == ["Iran-backed Shiite militias", "These same militias"]
    found = only_roles(text[76:], "fired two rockets", [])
    assert found == []
    second = resolved[1]
    got = roles(text, 76, len(text), act(text, "fired two rockets"), resolved)
    assert [(r.name, r.role, r.text) for r in got] == [
        ("Iran-backed militias", "perpetrator", second.text)
    ]


def test_a_claim_of_another_act_stays_with_that_act() -> None:
    from sitrep.extract.incidents import extract

    text = (
        "Houthi militants fired two anti-ship missiles at the M/V Star Nasia on Feb. 6, "
        "CENTCOM said. Kata'ib Hezbollah claimed a drone attack on the base on Sunday in a "
        "statement on its Telegram channel."
    )
    first, second = extract(text, published="2024-02-07").incidents
    assert [(a.name, a.attribution) for a in first.actors] == [
        ("Houthis", "attributed_by_official")
    ]
    assert [(a.name, a.attribution, a.claim_channel) for a in second.actors] == [
        ("Kata'ib Hezbollah", "claimed", "Telegram")
    ]
