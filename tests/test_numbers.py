"""Number phrases: the bounds each gives, what is no number, where the span ends."""

from __future__ import annotations

import pytest

from sitrep.extract.numbers import parse_number


@pytest.mark.parametrize(
    ("phrase", "low", "best", "high", "qualifier"),
    [
        pytest.param("two", 2, 2, 2, "exact", id="a number word is exact"),
        pytest.param("twenty-one", 21, 21, 21, "exact", id="hyphenated tens and units add up"),
        pytest.param("twenty one", 21, 21, 21, "exact", id="spaced tens and units add up"),
        pytest.param("21", 21, 21, 21, "exact", id="digits are exact"),
        pytest.param("1,200", 1200, 1200, 1200, "exact", id="thousands commas are read"),
        pytest.param("12,345,678", 12345678, 12345678, 12345678, "exact", id="many commas"),
        pytest.param("one hundred and five", 105, 105, 105, "exact", id="hundred and units"),
        pytest.param("two thousand", 2000, 2000, 2000, "exact", id="word thousands"),
        pytest.param("3 thousand", 3000, 3000, 3000, "exact", id="digits with a scale word"),
        pytest.param("a dozen", 12, 12, 12, "exact", id="a dozen is twelve"),
        pytest.param("half a dozen", 6, 6, 6, "exact", id="half a dozen is six"),
        pytest.param("two dozen", 24, 24, 24, "exact", id="two dozen is twenty-four"),
        pytest.param("a", 1, 1, 1, "exact", id="an article is one"),
        pytest.param("an", 1, 1, 1, "exact", id="an is one"),
        pytest.param("one", 1, 1, 1, "exact", id="one is one"),
        pytest.param("another", 1, 1, 1, "exact", id="another is one more"),
        pytest.param("dozens", 24, None, None, "vague", id="dozens is a floor of 24"),
        pytest.param("dozens of", 24, None, None, "vague", id="dozens of keeps its of"),
        pytest.param("scores", 40, None, None, "vague", id="scores is a floor of 40"),
        pytest.param("hundreds", 200, None, None, "vague", id="hundreds is a floor of 200"),
        pytest.param("thousands", 2000, None, None, "vague", id="thousands is a floor of 2000"),
        pytest.param("tens of thousands", 20000, None, None, "vague", id="tens of thousands"),
        pytest.param("several", 3, None, None, "vague", id="several is a floor of 3"),
        pytest.param("several dozen", 36, None, None, "vague", id="several dozen is 3 x 12"),
        pytest.param("a few", 2, None, None, "vague", id="a few is a floor of 2"),
        pytest.param("a number of", 2, None, None, "vague", id="a number of is a floor of 2"),
        pytest.param("a large number of", 2, None, None, "vague", id="a large number of"),
        pytest.param("many", 2, None, None, "vague", id="many is a floor of 2"),
        pytest.param("numerous", 2, None, None, "vague", id="numerous is a floor of 2"),
        pytest.param(
            "at least 5", 5, None, None, "at_least", id="at least sets only the low bound"
        ),
        pytest.param("no fewer than 5", 5, None, None, "at_least", id="no fewer than is at least"),
        pytest.param("5 or more", 5, None, None, "at_least", id="or more is at least"),
        pytest.param("20+", 20, None, None, "at_least", id="a plus sign is at least"),
        pytest.param("more than 100", 101, None, None, "more_than", id="more than adds one"),
        pytest.param("over 100", 101, None, None, "more_than", id="over is more than"),
        pytest.param("more than a dozen", 13, None, None, "more_than", id="more than a dozen"),
        pytest.param("up to 3", None, None, 3, "up_to", id="up to sets only the high bound"),
        pytest.param("as many as 40", None, None, 40, "up_to", id="as many as is up to"),
        pytest.param("fewer than 10", None, None, 9, "up_to", id="fewer than is up to one less"),
        pytest.param("about 50", None, 50, None, "about", id="about sets only the best figure"),
        pytest.param("around 50", None, 50, None, "about", id="around is about"),
        pytest.param("some 200", None, 200, None, "about", id="some before a number is about"),
        pytest.param("approximately 7", None, 7, None, "about", id="approximately is about"),
        pytest.param("roughly 7", None, 7, None, "about", id="roughly is about"),
        pytest.param("an estimated 7", None, 7, None, "about", id="an estimated is about"),
        pytest.param("nearly 50", None, 50, 50, "about", id="nearly is about and never above"),
        pytest.param("almost 50", None, 50, 50, "about", id="almost is about and never above"),
        pytest.param("20 or so", None, 20, None, "about", id="or so is about"),
        pytest.param("3 to 5", 3, None, 5, "exact", id="a range has bounds and no best"),
        pytest.param("3-5", 3, None, 5, "exact", id="a dash range"),
        pytest.param("between 3 and 5", 3, None, 5, "exact", id="between x and y is a range"),
        pytest.param("three or four", 3, None, 4, "exact", id="x or y is a range"),
        pytest.param("a total of 9", 9, 9, 9, "exact", id="a total of is exact"),
        pytest.param("AT LEAST FIVE", 5, None, None, "at_least", id="upper case qualifiers"),
        pytest.param("TWENTY-ONE", 21, 21, 21, "exact", id="upper case number words"),
    ],
)
def test_parse_number(
    phrase: str, low: int | None, best: int | None, high: int | None, qualifier: str
) -> None:
    number = parse_number(phrase)
    assert number is not None
    assert (number.low, number.best, number.high, number.qualifier) == (
        low,
        best,
        high,
        qualifier,
    )
    assert phrase[number.start : number.end] == number.text


@pytest.mark.parametrize(
    "phrase",
    [
        pytest.param("", id="empty text"),
        pytest.param("soldiers", id="a word that is no number"),
        pytest.param("AK-47", id="a rifle's name"),
        pytest.param("$3 billion", id="money"),
        pytest.param("25-year-old", id="an age"),
        pytest.param("3.5", id="a decimal"),
        pytest.param("10:30", id="a time of day"),
        pytest.param("5%", id="a percentage"),
        pytest.param("no one", id="no one is not one"),
    ],
)
def test_parse_number_refuses(phrase: str) -> None:
    assert parse_number(phrase) is None


def test_parse_number_reads_only_the_number_at_the_start() -> None:
    number = parse_number("  more than 100 launches")
    assert number is not None
    assert (number.start, number.end, number.text) == (2, 15, "more than 100")


def test_parse_number_keeps_very_large_numbers() -> None:
    number = parse_number(str(10**30))
    assert number is not None
    assert number.best == 10**30
