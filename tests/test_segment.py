"""Sentences: split at real sentence ends, not at abbreviations, initials or ellipses."""

from __future__ import annotations

import pytest

from sitrep.extract.segment import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Gen. Kurilla spoke. Two rockets hit Erbil.",
            ["Gen. Kurilla spoke.", "Two rockets hit Erbil."],
            id="a title abbreviation does not end a sentence",
        ),
        pytest.param(
            "Strikes on Dec. 25 at 8:45 p.m. (EST) hit sites. No harm was seen.",
            ["Strikes on Dec. 25 at 8:45 p.m. (EST) hit sites.", "No harm was seen."],
            id="month and clock abbreviations stay inside",
        ),
        pytest.param(
            "TAMPA, Fla. – U.S. forces struck a site. The command said so.",
            ["TAMPA, Fla. – U.S. forces struck a site.", "The command said so."],
            id="a state abbreviation in a dateline stays inside",
        ),
        pytest.param(
            "The strike was ordered by the U.S. The base was hit twice.",
            ["The strike was ordered by the U.S.", "The base was hit twice."],
            id="U.S. before a sentence starter ends the sentence",
        ),
        pytest.param(
            "U.S. Central Command said U.S. forces were safe.",
            ["U.S. Central Command said U.S. forces were safe."],
            id="U.S. inside a sentence does not end it",
        ),
        pytest.param(
            "HOPE FOR MASS KILLERS.  GEN.  BUSTILLO RESIGNS.  THE FMLN ATTACKED.",
            ["HOPE FOR MASS KILLERS.", "GEN.  BUSTILLO RESIGNS.", "THE FMLN ATTACKED."],
            id="wire copy in capitals with double spaces",
        ),
        pytest.param(
            "He met J. Smith in Kabul. They left.",
            ["He met J. Smith in Kabul.", "They left."],
            id="an initial is kept",
        ),
        pytest.param(
            "Since early November 2023, . . . Iraqi militias have claimed 100 attacks.",
            ["Since early November 2023, . . . Iraqi militias have claimed 100 attacks."],
            id="a spaced ellipsis inside a quotation does not end it",
        ),
        pytest.param(
            'He said: "We will respond." Rockets followed.',
            ['He said: "We will respond."', "Rockets followed."],
            id="a closing quote after the stop",
        ),
        pytest.param(
            "Is it over? No. The shelling went on!",
            ["Is it over?", "No.", "The shelling went on!"],
            id="question and exclamation marks",
        ),
        pytest.param(
            "First paragraph without a stop\n\nSecond paragraph",
            ["First paragraph without a stop", "Second paragraph"],
            id="a blank line always ends a sentence",
        ),
        pytest.param(
            "Look closer at these groups:\nSince May they attacked",
            ["Look closer at these groups:", "Since May they attacked"],
            id="a line after a colon",
        ),
        pytest.param(
            "THE ARMY SAID THE REBELS\nATTACKED A POST AT DAWN.",
            ["THE ARMY SAID THE REBELS\nATTACKED A POST AT DAWN."],
            id="a hard-wrapped line in capitals is one sentence",
        ),
        pytest.param("", [], id="empty text has no sentence"),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_paragraph_numbers_follow_blank_lines_and_indented_wire_paragraphs() -> None:
    text = "One. Two.\n\nThree.\n   FOUR STARTS AN INDENTED PARAGRAPH."
    assert [(s.text, s.paragraph) for s in split_sentences(text)] == [
        ("One.", 0),
        ("Two.", 0),
        ("Three.", 1),
        ("FOUR STARTS AN INDENTED PARAGRAPH.", 2),
    ]


def test_capitals_copy_is_told_from_ordinary_text() -> None:
    from sitrep.extract.segment import mostly_capitals

    assert mostly_capitals("SAN SALVADOR, 3 JAN 90 -- A BOMB EXPLODED TODAY.")
    assert not mostly_capitals("BAGHDAD (Reuters) - Militias fired two rockets at a base.")
    assert not mostly_capitals("1990 -- 12, 13.")
