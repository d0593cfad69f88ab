"""Near-duplicate reports: signatures, band keys, the index and independent sources.

The texts are written for these tests (invented places and people): one wire story, copies
of it edited the way republishers edit, an independent report of the same strike, and a
militia statement quoted inside two different articles.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest.neardup import (
    BANDS,
    ROWS,
    SIGNATURE_SIZE,
    THRESHOLD,
    NearDupIndex,
    band_keys,
    independent_sources,
    is_near_duplicate,
    roots,
    shingles,
    signature,
    similarity,
)

STORY = """Drones struck a fuel depot on the edge of Harvik early on Tuesday, setting storage
tanks ablaze and killing two night-shift workers, the regional governor said.

Governor Lena Marsh said on her official channel that air defence units shot down nine of the
thirteen drones launched at the province overnight, but that at least four reached the depot on
the northern industrial road. Firefighters from three districts were still working to contain
the blaze by mid-morning, she said, and residents of nearby streets had been told to keep their
windows closed.

Two men aged 41 and 57 were killed when a tank exploded, and a third worker was taken to the
regional hospital with burns to his arms and face. The governor said his condition was serious
but stable.

The Northern Front militia said in a statement that it had targeted what it called a military
supply hub used to refuel army convoys heading to the front line. The depot's owner, a private
company, said the site stored only diesel for farms and local bus routes.

It was the third attack on fuel infrastructure in the province this month. On March 4, a drone
hit a pumping station outside the river port of Selvo, causing a fire that burned for two days,
and on March 11 debris from an intercepted drone damaged a rail siding near Harvik's freight
yard. Officials have not given an estimate of the damage from Tuesday's attack."""

INDEPENDENT = """A fire was raging at a diesel storage site in Harvik on Tuesday after an
overnight drone raid that left two people dead, according to local officials and witnesses.

Residents of the town's north side said they woke at around 4 a.m. to a series of loud blasts
followed by a column of black smoke that could be seen from the centre. "The whole sky turned
orange," said a shop owner who lives two streets from the site and asked not to be named.

The province's governor, Lena Marsh, reported that thirteen unmanned aircraft had been launched
and that air defences destroyed nine. Those that got through hit the depot, where an exploding
tank killed two employees, 41 and 57 years old. Another employee suffered burns and is in
hospital.

The Northern Front, an armed group active in the border districts, claimed responsibility,
describing the depot as a supply point that fuelled army vehicles. The company that runs the
facility rejected that account, saying it supplied farmers and municipal buses.

Harvik and the surrounding province have seen repeated strikes on energy sites in recent weeks,
including an attack on a pumping station near Selvo at the start of the month. Authorities said
crews from several districts were fighting the fire and urged people living nearby to stay
indoors."""

STATEMENT = """"Our forces will continue to strike every depot, bridge and rail line that feeds
the occupation army. We warn civilians to stay at least two kilometres away from military
facilities, and we hold the authorities responsible for placing fuel stores among homes," the
Northern Front said in its statement, which was posted on its channel on Tuesday night."""

ARTICLE_HUMANITARIAN = """Aid groups in the province warned on Wednesday that repeated attacks
on fuel sites were threatening water supplies and hospital generators as temperatures dropped
below freezing.

The regional branch of the Red Crescent said pumping stations in at least six villages had run
short of diesel since the weekend, leaving about 12,000 people relying on water trucks. Hospital
staff in Selvo said they had rationed generator fuel to keep operating theatres and the neonatal
unit running.

The warnings came a day after the Northern Front claimed a drone attack on a depot in Harvik
that killed two workers. {statement}

Relief workers said the threat had made drivers reluctant to collect fuel at all. "Nobody wants
to queue next to a tank that might be the next target," said a coordinator for a local charity,
adding that deliveries to remote clinics had been delayed by up to three days.

The United Nations humanitarian office said it was preparing emergency fuel stocks for water
utilities and would ask donors for additional funds before the end of the month."""

ARTICLE_DIPLOMATIC = """Foreign ministers meeting in Geneva on Wednesday condemned the latest
attacks on civilian infrastructure and called for talks on a partial ceasefire covering energy
and water facilities.

A joint communique signed by eleven governments said attacks on fuel and power sites caused
disproportionate harm to civilians and urged all armed groups to respect the protections owed to
objects essential to survival. Diplomats said the wording had been agreed after two days of
negotiations and that several delegations had pushed for stronger language.

The meeting followed the drone strike on the Harvik fuel depot, which the Northern Front has
claimed. {statement}

The group's envoy in exile rejected the communique as one-sided, telling reporters that the
government had used civilian sites to hide military supplies for months. Government officials
denied the charge and said they would present evidence to the United Nations.

The mediators said they hoped to convene technical talks on an energy truce within a fortnight,
although neither side has committed to attending."""

PARAGRAPHS = STORY.split("\n\n")

NEW_HEADLINE = (
    "Two killed as drones set fuel depot ablaze in Harvik, governor says\n\n"
    + "\n\n".join(PARAGRAPHS[1:])
    + "\n\nReporting by Amira Haddad; Editing by Tom Reyes"
)
WIRE_CAPS = "HARVIK, 19 MAR 24 (WIRE) -- " + STORY.upper().replace("'", "")


def without_paragraph(index: int) -> str:
    return "\n\n".join(PARAGRAPHS[:index] + PARAGRAPHS[index + 1 :])


def with_statement(article: str) -> str:
    return article.format(statement=STATEMENT)


def jaccard(a: str, b: str) -> float:
    """The exact Jaccard similarity of two texts' shingle sets (what signatures estimate)."""
    left, right = shingles(a), shingles(b)
    return len(left & right) / len(left | right)


def test_the_texts_are_news_length() -> None:
    lengths = [
        len(text.split())
        for text in (
            STORY,
            INDEPENDENT,
            with_statement(ARTICLE_HUMANITARIAN),
            with_statement(ARTICLE_DIPLOMATIC),
        )
    ]
    assert all(150 <= n <= 300 for n in lengths), lengths
    assert len(PARAGRAPHS) == 5


COPIES = [
    pytest.param(NEW_HEADLINE, id="a new first line and a Reporting by trailer is a copy"),
    pytest.param(WIRE_CAPS, id="upper-case wire copy with a dateline is a copy"),
    *[
        pytest.param(without_paragraph(i), id=f"the story without paragraph {i + 1} is a copy")
        for i in range(5)
    ],
]


@pytest.mark.parametrize("copy", COPIES)
def test_edited_copies_of_a_story_are_near_duplicates(copy: str) -> None:
    assert jaccard(STORY, copy) >= THRESHOLD + 0.08  # the true overlap clears the threshold
    assert is_near_duplicate(signature(STORY), signature(copy))
    assert is_near_duplicate(signature(copy), signature(STORY))


def test_an_independent_report_of_the_same_strike_is_not_a_duplicate() -> None:
    assert jaccard(STORY, INDEPENDENT) < 0.05
    assert not is_near_duplicate(signature(STORY), signature(INDEPENDENT))
    assert similarity(signature(STORY), signature(INDEPENDENT)) < 0.1


def test_a_statement_quoted_in_two_different_articles_does_not_make_them_copies() -> None:
    # Both outlets relay the same statement, but each article is its own reporting.
    first = with_statement(ARTICLE_HUMANITARIAN)
    second = with_statement(ARTICLE_DIPLOMATIC)
    assert 0.05 < jaccard(first, second) < 0.3
    assert not is_near_duplicate(signature(first), signature(second))


def test_two_items_that_are_almost_only_the_statement_are_duplicates() -> None:
    # When the quote is nearly all of both items, neither adds a source of its own.
    first = "The Northern Front issued a warning on Tuesday. " + STATEMENT
    second = STATEMENT + " The group did not say which sites it meant."
    assert is_near_duplicate(signature(first), signature(second))


def test_a_copy_cut_to_half_the_story_is_not_linked() -> None:
    half = "\n\n".join(PARAGRAPHS[:1] + PARAGRAPHS[3:4])
    assert jaccard(STORY, half) < 0.5
    assert not is_near_duplicate(signature(STORY), signature(half))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("Shelling hit Kharkiv.", "SHELLING HIT KHARKIV", id="case and punctuation"),
        pytest.param("Kramatórsk  shelled", "kramatorsk shelled", id="accents and spaces"),
        pytest.param("Straße gesperrt", "STRASSE GESPERRT", id="casefold turns ß into ss"),
        pytest.param("the group's\u00a0statement", "the group s statement", id="apostrophe"),
    ],
)
def test_normalisation_makes_these_texts_the_same(first: str, second: str) -> None:
    assert shingles(first) == shingles(second)
    assert similarity(signature(first), signature(second)) == 1.0


def test_word_order_matters() -> None:
    assert shingles("militia fighters attacked the convoy") != shingles(
        "the convoy attacked militia fighters"
    )


def test_a_text_of_five_words_or_fewer_is_one_shingle() -> None:
    assert len(shingles("Rockets hit Erbil")) == 1
    assert len(shingles("one two three four five")) == 1
    assert len(shingles("one two three four five six")) == 2
    assert all(0 <= h < 2**64 for h in shingles(STORY))


@pytest.mark.parametrize("text", ["", "   ", "-- ... !!", "\n\n"], ids=repr)
def test_a_text_without_words_matches_nothing_not_even_itself(text: str) -> None:
    empty = signature(text)
    assert shingles(text) == set()
    assert len(empty) == SIGNATURE_SIZE * 4
    assert similarity(empty, empty) == 0.0
    assert similarity(empty, signature(STORY)) == 0.0
    assert band_keys(empty) == []


def test_a_signature_is_512_bytes_and_a_wrong_length_is_refused() -> None:
    assert len(signature(STORY)) == SIGNATURE_SIZE * 4 == 512
    with pytest.raises(InputError, match="512 bytes"):
        similarity(signature(STORY), b"\x00" * 100)
    with pytest.raises(InputError, match="compute it with"):
        band_keys(b"")


def test_band_keys_fit_bigint_and_carry_their_band_index() -> None:
    keys = band_keys(signature(STORY))
    assert BANDS * ROWS <= SIGNATURE_SIZE
    assert len(keys) == BANDS == len(set(keys))
    assert all(-(2**63) <= key < 2**63 for key in keys)
    bits = (BANDS - 1).bit_length()
    assert [(key % 2**64) >> (64 - bits) for key in keys] == list(range(BANDS))


def test_the_same_rows_in_different_bands_give_different_keys() -> None:
    # Every band of this signature holds the same four values.
    same_rows = bytes(range(ROWS * 4)) * (SIGNATURE_SIZE // ROWS)
    keys = band_keys(same_rows)
    assert len(set(keys)) == BANDS


def test_copies_share_band_keys_and_independent_reports_do_not() -> None:
    story = set(band_keys(signature(STORY)))
    assert story & set(band_keys(signature(NEW_HEADLINE)))
    assert not story & set(band_keys(signature(INDEPENDENT)))


def test_signatures_and_keys_are_the_same_in_a_fresh_process() -> None:
    program = (
        "import json, sys; from sitrep.ingest.neardup import signature, band_keys; "
        "sig = signature(sys.stdin.read()); print(json.dumps([sig.hex(), band_keys(sig)]))"
    )
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        [sys.executable, "-c", program],
        input=STORY,
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    there_signature, there_keys = json.loads(done.stdout)
    assert there_signature == signature(STORY).hex()
    assert there_keys == band_keys(signature(STORY))


def test_a_known_text_keeps_its_signature() -> None:
    # Stored signatures must stay valid: this pins the hashing (change it only with a migration).
    sig = signature("Two rockets hit the airport")
    assert sig == signature("two rockets hit the airport!")
    assert len(set(sig)) > 1
    assert sig.hex()[:16] == PINNED_PREFIX


PINNED_PREFIX = "98f93e4ab9bf2983"


# --- the index ---------------------------------------------------------------------------


def random_texts(count: int, seed: int, words: tuple[int, int] = (150, 300)) -> list[str]:
    """Random word sequences over the stories' own vocabulary: same words, no shared story."""
    rng = random.Random(seed)
    vocabulary = sorted({w for text in (STORY, INDEPENDENT) for w in text.split()})
    return [" ".join(rng.choices(vocabulary, k=rng.randint(*words))) for _ in range(count)]


@pytest.fixture(scope="module")
def index() -> NearDupIndex:
    built = NearDupIndex()
    for number, text in enumerate(random_texts(1000, seed=7)):
        built.add(number, signature(text))
    built.add(5000, signature(STORY))
    built.add(5001, signature(INDEPENDENT))
    return built


def test_the_index_finds_the_copy_among_a_thousand_unrelated_texts(index: NearDupIndex) -> None:
    assert len(index) == 1002
    found = index.query(signature(NEW_HEADLINE))
    assert [item for item, _ in found] == [5000]
    assert found[0][1] >= THRESHOLD
    assert 5000 in index.candidates(signature(NEW_HEADLINE))
    assert index.candidates(signature(NEW_HEADLINE)) <= {5000}


def test_the_index_finds_nothing_for_an_independent_report(index: NearDupIndex) -> None:
    fresh = INDEPENDENT.replace("Harvik", "Selvo")
    assert index.query(signature(ARTICLE_DIPLOMATIC)) == []
    assert [item for item, _ in index.query(signature(fresh))] == [5001]


def test_query_lists_the_best_match_first() -> None:
    index = NearDupIndex()
    index.add(1, signature(without_paragraph(1)))
    index.add(2, signature(STORY))
    index.add(3, signature(NEW_HEADLINE))
    found = index.query(signature(STORY))
    assert [item for item, _ in found] == [2, 3, 1]
    assert found[0][1] == 1.0
    assert [score for _, score in found] == sorted((score for _, score in found), reverse=True)
    assert index.query(signature(STORY), threshold=1.0) == [(2, 1.0)]


def test_the_index_grows_past_its_first_merges() -> None:
    index = NearDupIndex()
    texts = random_texts(9000, seed=11, words=(20, 40))  # 288,000 band keys: two merges
    for number, text in enumerate(texts):
        index.add(number, signature(text))
    assert len(index) == 9000
    for number in (0, 1234, 4500, 8999):
        assert index.query(signature(texts[number]))[0] == (number, 1.0)


def test_an_id_is_added_once_and_an_empty_text_is_nobodys_candidate() -> None:
    index = NearDupIndex()
    index.add(1, signature(""))
    index.add(2, signature(STORY))
    with pytest.raises(InputError, match="already in the near-duplicate index"):
        index.add(2, signature(INDEPENDENT))
    assert len(index) == 2
    assert index.candidates(signature("")) == set()
    assert index.query(signature(STORY)) == [(2, 1.0)]


# --- independent sources -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("links", "expected_roots", "sources"),
    [
        pytest.param({}, {}, 0, id="no reports, no sources"),
        pytest.param({1: None, 2: None}, {1: 1, 2: 2}, 2, id="two originals are two sources"),
        pytest.param(
            {1: None, 2: 1, 3: 2, 4: 3}, {1: 1, 2: 1, 3: 1, 4: 1}, 1, id="a chain counts once"
        ),
        pytest.param(
            {4: 3, 3: 2, 2: 1, 1: None, 7: None, 8: 7},
            {4: 1, 3: 1, 2: 1, 1: 1, 7: 7, 8: 7},
            2,
            id="chains given copy first",
        ),
        pytest.param({5: 9, 6: 9}, {5: 9, 6: 9}, 1, id="an original outside the set counts once"),
        pytest.param({1: 2, 2: 3, 3: 1}, {1: 1, 2: 1, 3: 1}, 1, id="a cycle counts once"),
        pytest.param(
            {3: 1, 1: 2, 2: 3, 4: 2, 5: None},
            {3: 1, 1: 1, 2: 1, 4: 1, 5: 5},
            2,
            id="a cycle's root is its smallest id from wherever the walk starts",
        ),
        pytest.param(
            {1: 1, 2: 1}, {1: 1, 2: 1}, 1, id="a report that copies itself is an original"
        ),
    ],
)
def test_roots_and_independent_sources(
    links: dict[int, int | None], expected_roots: dict[int, int], sources: int
) -> None:
    assert roots(links) == expected_roots
    assert independent_sources(links) == sources


def test_a_long_chain_does_not_recurse() -> None:
    links: dict[int, int | None] = {n: n - 1 for n in range(1, 50_000)}
    links[0] = None
    assert independent_sources(links) == 1
    assert roots(links)[49_999] == 0


# --- properties ----------------------------------------------------------------------------


@given(st.text())
def test_a_text_is_fully_similar_to_itself(text: str) -> None:
    assume(shingles(text))
    assert similarity(signature(text), signature(text)) == 1.0


@given(st.text(), st.text())
def test_similarity_is_symmetric_and_between_zero_and_one(first: str, second: str) -> None:
    a, b = signature(first), signature(second)
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.'-\n", max_size=300))
def test_case_does_not_change_the_shingles(text: str) -> None:
    assert shingles(text) == shingles(text.upper())


@given(st.dictionaries(st.integers(0, 30), st.one_of(st.none(), st.integers(0, 40)), max_size=30))
def test_every_report_has_a_root_with_no_original_of_its_own(
    links: dict[int, int | None],
) -> None:
    found = roots(links)
    assert set(found) == set(links)
    for report, root in found.items():
        assert found.get(root, root) == root  # a root is its own root
        assert root in list(_chain(report, links))  # and the report's chain reaches it
    assert independent_sources(links) == len(set(found.values()))


def _chain(report: int, links: dict[int, int | None]) -> list[int]:
    chain = [report]
    following = links.get(report)
    while following is not None and len(chain) <= len(links):
        chain.append(following)
        following = links.get(following)
    return chain
