"""A sentence of a report -> whether it is a headline, and the sentence around an offset.

Input: the report's text and one of its ``Sentence``s (from ``segment.split_sentences``).
Output: ``is_headline`` for the report's first line when it reads as a headline,
``is_title_line`` for a headline wherever it stands (a report may list the headlines of
several sources, one a line); ``sentence_at`` finds the sentence around an offset.

    >>> from sitrep.extract.segment import split_sentences
    >>> text = "Airstrikes target Maskanah\\nJets struck the town on Monday."
    >>> first = split_sentences(text)[0]
    >>> is_headline(text, first, 0), is_title_line(text, first)
    (True, True)

A headline is short (at most 160 characters), has no full stop at its end and tells no
trend: "Attacks on the rise in Iraq" is not the day's news. The incident rules read a
headline's plural as the day's acts ("Airstrikes target Maskanah") and take the largest
of several headlines' tolls instead of their sum.
"""

from __future__ import annotations

import re

from sitrep.extract.segment import Sentence

# A headline: the report's first line, short and with no full stop at its end.
_HEADLINE_LENGTH = 160
# Words of a trend, not of one day's acts: "Attacks on the rise in Iraq".
_TREND = re.compile(
    r"\b(?:rise|rising|rises|decline|declin(?:es|ing)|increase[sd]?|surge[sd]?|wave|campaign"
    r"|since|years?|months?|weeks|toll|summary|report)\b",
    re.IGNORECASE,
)


def is_headline(text: str, sentence: Sentence, index: int) -> bool:
    """Whether ``sentence``, the report's sentence number ``index``, is its headline."""
    if index != 0 or sentence.end - sentence.start > _HEADLINE_LENGTH:
        return False
    words = text[sentence.start : sentence.end]
    if words.rstrip().endswith((".", "!", "?", ":")) or _TREND.search(words):
        return False
    rest = text[sentence.end : sentence.end + 2]
    return sentence.end >= len(text.rstrip()) or rest.startswith("\n")


def is_title_line(text: str, sentence: Sentence) -> bool:
    """A line of its own, short and with no full stop at its end: a headline, wherever it
    stands (a report may list the headlines of several sources, one a line)."""
    if sentence.end - sentence.start > _HEADLINE_LENGTH:
        return False
    if sentence.start > 0 and text[sentence.start - 1] != "\n":
        return False
    words = text[sentence.start : sentence.end]
    if words.rstrip().endswith((".", "!", "?", ":")) or _TREND.search(words):
        return False
    return sentence.end >= len(text.rstrip()) or text.startswith("\n", sentence.end)


def sentence_at(sentences: list[Sentence], at: int) -> Sentence | None:
    """The sentence around offset ``at``, if any."""
    return next((s for s in sentences if s.start <= at < s.end), None)
