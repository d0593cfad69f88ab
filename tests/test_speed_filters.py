"""The cheap tests in front of the long patterns never hide a match.

Several scans first check a cheap condition (the first letters of a casualty word, the
words a date can start with, a noun that a count needs) and only then try the long
pattern. Each check must hold for every string the long pattern matches: these tests
read the patterns themselves, or compare the fast path with the plain scan.
"""

from __future__ import annotations

from re import _constants as sre
from re import _parser as sre_parse

import pytest

from sitrep.extract import aggregates, casualty_phrases, clock, dates, segment
from sitrep.extract.casualties import find_casualties
from sitrep.extract.casualty_words import TRIGGERS
from sitrep.extract.zero_statements import (
    _ZERO_RE,
    _ZERO_START_LOWER,
    ZERO_STARTS,
    find_zero_statements,
)

# --------------------------------------------------------------------------------------
# What a pattern can start with, read from its parse tree
# --------------------------------------------------------------------------------------

_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}


def _beginnings(items: list[tuple[object, object]], k: int = 12) -> tuple[set[str], set[str]]:
    """The literal text every match of ``items`` can begin with: those cut short where an
    element that is not a plain character comes (a class, a repeat after its first
    round), and those that took in all of ``items`` and may go on."""
    going: set[str] = {""}
    cut: set[str] = set()
    for op, av in items:
        grown: set[str] = set()
        for prefix in going:
            if len(prefix) >= k:
                cut.add(prefix)
                continue
            for text, more in _element(op, av, k):
                (grown if more else cut).add(prefix + text)
        going = grown
    return cut, going


def _element(op: object, av: object, k: int) -> list[tuple[str, bool]]:
    if op is sre.LITERAL:
        return [(chr(av), True)]  # type: ignore[arg-type]
    if op in _ZERO_WIDTH:
        return [("", True)]
    if op is sre.SUBPATTERN:
        return _whole(av[-1], k)  # type: ignore[index]
    if op is sre.ATOMIC_GROUP:
        return _whole(av, k)
    if op is sre.BRANCH:
        return [found for branch in av[1] for found in _whole(branch, k)]  # type: ignore[index]
    if op in _REPEATS:
        low, _high, body = av  # type: ignore[misc]
        once = [(text, False) for text, _more in _whole(body, k)]
        return [("", True), *once] if low == 0 else once
    return [("", False)]  # a class, a category, anything else: the literal text ends


def _whole(pattern: object, k: int) -> list[tuple[str, bool]]:
    cut, going = _beginnings(list(pattern), k)  # type: ignore[call-overload]
    return [(text, False) for text in cut] + [(text, True) for text in going]


def _covered(pattern: str, starts: tuple[str, ...]) -> list[str]:
    cut, going = _beginnings(list(sre_parse.parse(pattern)))
    return sorted(b for b in cut | going if not b.lower().startswith(starts))


def test_every_casualty_word_starts_with_a_listed_start() -> None:
    from sitrep.extract.casualty_words import TRIGGER_STARTS

    for pattern, *_ in TRIGGERS:
        assert _covered(pattern, TRIGGER_STARTS) == [], pattern


def test_every_zero_statement_starts_with_a_listed_start() -> None:
    head = r"(?<![\w'’-])" + "(?=" + "|".join(ZERO_STARTS) + ")"
    assert _ZERO_RE.pattern.startswith(head)
    assert _covered(_ZERO_RE.pattern[len(head) :], ZERO_STARTS) == []


def test_the_reader_of_beginnings_sees_a_missing_start() -> None:
    # The check above could pass by reading nothing: it must notice a word not listed.
    assert _covered(r"(?:killed|slain)\s+by", ("kill",)) == ["slain"]
    assert _covered(r"(?:very\s+)?dead", ("dead",)) == ["very"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("Gunmen murdered two farmers.", "killed", id="murdered"),
        pytest.param("Two farmers were slain.", "killed", id="slain"),
        pytest.param("Three people perished in the fire.", "killed", id="perished"),
        pytest.param("Four police officers lost their lives.", "killed", id="lost their lives"),
        pytest.param("Five civilians passed away in hospital.", "killed", id="passed away"),
        pytest.param("Gunmen took 5 hostages.", "abducted", id="hostages"),
        pytest.param("Two soldiers were taken hostage.", "abducted", id="taken hostage"),
        pytest.param("Six villagers remain unaccounted for.", "missing", id="unaccounted for"),
        pytest.param("The death toll rose to 15.", "killed", id="death toll"),
        pytest.param("THE NUMBER OF SOLDIERS KILLED ROSE TO 26.", "killed", id="number of"),
    ],
)
def test_casualty_words_pass_the_cheap_test(text: str, kind: str) -> None:
    assert kind in {m.kind for m in find_casualties(text)}


@pytest.mark.parametrize(
    "text",
    [
        "No one was hurt.",
        "Nobody died.",
        "Neither soldiers nor police were hurt.",
        "There were zero casualties.",
        "The blast left no civilians dead or injured.",
        "The attack killed no one.",
        "THE BOMB CAUSED ONLY MATERIAL DAMAGE.",
        "The hostages escaped unhurt.",
        "The crew survived unharmed.",
    ],
)
def test_zero_statements_pass_the_cheap_test(text: str) -> None:
    assert find_zero_statements(text)


# --------------------------------------------------------------------------------------
# Dates: the candidates on the lowered text are the places the long pattern matches
# --------------------------------------------------------------------------------------

_DATE_TEXTS = [
    "On Monday, gunmen attacked the base; on 5 August 2024 and Aug. 30 to Sept. 2 more.",
    "IN THE PAST 24 HOURS, SINCE 3 MAY AND DURING 2017-18, THE WEEKEND AND LAST NIGHT.",
    "the night of 12 January, the beginning of the year, a week ago, two days ago",
    "Early on Friday, mid-March, late January 2024, the end of last month, 2024-08-05",
    "between 3 and 5 May, from April to July 1994, 5/8/2024, THE DAY BEFORE YESTERDAY",
    "this morning, tonight, overnight, later today, next week, this year, in May",
    # Case-blind matching also takes "ı" for "i" and "ſ" for "s": the plain scan decides.
    "ſince March the town was quiet; dur\u0131ng 2017 it was not.",
    "İSTANBUL, 5 MAY 1990 -- ON MONDAY POLICE SAID...",
]


_ZERO_TEXTS = [
    "No one was hurt, but nobody knew; THE ATTACK KILLED NO ONE and left no civilians dead.",
    "The hostages escaped unhurt and the crew survived unharmed. NEITHER SOLDIERS NOR POLICE",
    # "ſ" is "s" to the case-blind pattern; "İ" lowers to two characters.
    "İN LIMA NO ONE WAS HURT; the bomb cauſed only material damage. nobody waſ hurt",
]


@pytest.mark.parametrize("text", _ZERO_TEXTS)
def test_zero_candidates_find_what_the_plain_scan_finds(text: str) -> None:
    fast = [m.span() for m in dates.scan_lowered(_ZERO_RE, _ZERO_START_LOWER, text, 0, len(text))]
    assert fast == [m.span() for m in _ZERO_RE.finditer(text)]
    assert fast
    assert [(z.start, z.end) for z in find_zero_statements(text)] == fast


@pytest.mark.parametrize("text", _DATE_TEXTS)
def test_date_candidates_find_what_the_plain_scan_finds(text: str) -> None:
    for start, stop in ((0, len(text)), (3, len(text) - 5)):
        fast = [(m.span(), m.groupdict()) for m in dates._master_matches(text, start, stop)]
        plain = [(m.span(), m.groupdict()) for m in dates._MASTER.finditer(text, start, stop)]
        assert fast == plain
        assert plain or start > 0


# --------------------------------------------------------------------------------------
# Counts, clocks, possessives and sentences
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Since November, militias have carried out more than 100 attacks.",
        "SINCE NOVEMBER, MILITIAS HAVE CARRIED OUT MORE THAN 100 AIR STRIKES.",
        "Since November, more than 40 mortar rounds hit the town.",
        "Since November, more than 40 \u017ftrikes hit the town.",  # "ſ" is "s", case-blind
    ],
)
def test_counted_nouns_pass_the_cheap_test(sentence: str) -> None:
    found = aggregates.find_aggregates(sentence, 0, len(sentence), [])
    assert len(found) == 1


def test_a_sentence_without_a_counted_noun_has_no_count() -> None:
    sentence = "Since November, more than 100 people have fled."
    assert aggregates.find_aggregates(sentence, 0, len(sentence), []) == []


def test_a_clock_still_starts_at_its_digits() -> None:
    found = clock.find_clocks("The blast came at 2230 GMT and at 4 p.m. (Sanaa time).")
    assert [(c.hour, c.minute, c.zone) for c in found] == [
        (22, 30, "Etc/UTC"),
        (16, 0, "Asia/Aden"),
    ]


def test_possessive_deaths_after_either_apostrophe() -> None:
    for text in ("THE MINISTER'S DEATH SHOCKED THE NATION", "the minister’s death"):
        assert casualty_phrases.possessive_deaths(text)
    assert casualty_phrases.possessive_deaths("the ministers' murder") == []


def test_split_sentences_gives_a_new_list_each_time() -> None:
    text = "Two rockets hit Erbil. No one was hurt."
    first = segment.split_sentences(text)
    first.clear()
    assert [s.text for s in segment.split_sentences(text)] == [
        "Two rockets hit Erbil.",
        "No one was hurt.",
    ]


@pytest.mark.parametrize(
    ("text", "capitals"),
    [
        pytest.param("GUNMEN KILLED TWO PEOPLE IN LIMA", True, id="capitals"),
        pytest.param("Gunmen killed two people in Lima", False, id="ordinary text"),
        pytest.param("ÉÉÉÉÉÉÉÉ ÀÀÀÀ killed two", False, id="accented capitals are not counted"),
        pytest.param("КИЕВ КИЕВ КИЕВ АТАКА KILLED TWO", True, id="other scripts are not counted"),
        pytest.param("1990 -- 12 ...", False, id="no letters"),
    ],
)
def test_mostly_capitals_counts_only_plain_letters(text: str, capitals: bool) -> None:
    assert segment.mostly_capitals(text) is capitals


def test_sentence_boundaries_after_a_stop_and_spaces() -> None:
    text = "He spoke:  \nThe blast came. Then silence!\n\nA second blast? Yes."
    assert [s.text for s in segment.split_sentences(text)] == [
        "He spoke:",
        "The blast came.",
        "Then silence!",
        "A second blast?",
        "Yes.",
    ]
