"""Number phrases in report text and the bounds they give: "at least 30", "dozens of", "two".

Input: a phrase (``parse_number``) or, for the casualty modules, a match of the number
pattern in the scanned text. Output: a ``NumberPhrase``: the span as written and its
low/best/high bounds with a qualifier. A number phrase never invents bounds: "about 50"
is best 50 with no low or high; "dozens" is a floor of 24 with no best; a range "3 to 5"
has low 3, high 5, no best. The tables at the top (vague words, qualifiers, number words)
are for a domain expert to review.

    >>> number = parse_number("more than 100 launches")
    >>> (number.text, number.low, number.best, number.high, number.qualifier)
    ('more than 100', 101, None, None, 'more_than')

The patterns built here are embedded in the casualty patterns (``figures``,
``victim_lists``, ``casualties``): ``_Q`` is the number pattern without its named groups,
and ``_alt`` turns a word table into one fast regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# --------------------------------------------------------------------------------------
# Tables for review
# --------------------------------------------------------------------------------------

# Vague quantity words: the lowest number each can honestly mean. They set only a floor
# (low); best and high stay empty. "dozens" is a floor of 24, never an estimate.
VAGUE_LOW: dict[str, int] = {
    "hundreds of thousands": 200_000,
    "tens of thousands": 20_000,
    "thousands": 2000,
    "hundreds": 200,
    "scores": 40,
    "dozens": 24,
    "tens": 20,  # "TENS OF MOTOR-VEHICLES": the wires' rendering of Spanish "decenas"
    "several": 3,
    "a few": 2,
    "a couple": 2,
    "a handful": 2,
    "a number": 2,  # also "a large/small/growing/significant/unknown number"
    "a lot": 2,
    "many": 2,
    "numerous": 2,
    "multiple": 2,
    "various": 2,
    "countless": 2,
    "some": 2,  # "some people were hurt" (a plural): with a number, "some 200" is about 200
}
# "several dozen" = several x dozen: a floor of 3 x 12 = 36.
VAGUE_MULTIPLIER: dict[str, int] = {"several": 3, "a few": 2, "many": 2, "some": 2}

# What a word before a number does to it. Bounds per qualifier, for a number N:
#   exact      low N,    best N,    high N       "five", "a total of 5", "just 5"
#   at_least   low N,    best None, high None    "at least 5", "no fewer than 5", "5 or more"
#   more_than  low N+1,  best None, high None    "more than 100", "over 100"
#   up_to      low None, best None, high N       "up to 3", "as many as 3", "at most 3"
#   below      low None, best None, high N-1     "fewer than 10" (reported as up_to)
#   about      low None, best N,    high None    "about 50", "some 200", "an estimated 50"
#   about_max  low None, best N,    high N       "nearly 50", "almost 50" (never above N)
# A casualty mention with "up to N" gets low 1: the sentence says people were hit.
PREFIX_QUALIFIER: dict[str, str] = {
    "at least": "at_least",
    "at a minimum": "at_least",
    "a minimum of": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not fewer than": "at_least",
    "not less than": "at_least",
    "more than": "more_than",
    "well over": "more_than",
    "over": "more_than",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "up to": "up_to",
    "as many as": "up_to",
    "at most": "up_to",
    "no more than": "up_to",
    "not more than": "up_to",
    "a maximum of": "up_to",
    "fewer than": "below",
    "less than": "below",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "approx.": "about",
    "approx": "about",
    "roughly": "about",
    "some": "about",
    "circa": "about",
    "an estimated": "about",
    "estimated": "about",
    "just over": "about",
    "close to": "about_max",
    "nearly": "about_max",
    "almost": "about_max",
    "just under": "about_max",
    "a total of": "exact",
    "only": "exact",
    "just": "exact",
}
# After a number: "20 or more", "20-plus" (at least); "20 or so" (about).
SUFFIX_QUALIFIER: dict[str, str] = {"or more": "at_least", "+": "at_least", "plus": "at_least"}
SUFFIX_QUALIFIER["or so"] = "about"

UNITS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
DOZENS: dict[str, int] = {"a": 12, "one": 12, "two": 24, "three": 36, "four": 48, "half a": 6}


# --------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """A number as written ("at least 30", "dozens of", "two") and the bounds it gives."""

    start: int
    end: int
    text: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str


# --------------------------------------------------------------------------------------
# Regular expressions, built once from the tables
# --------------------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """A regex that matches any of ``words``, longest first, spaces matching any whitespace.

    Built as a trie ("kill(?:ed|ing)?"): Python's regex engine tries the branches of a
    plain alternation one by one, and these lists run to hundreds of words."""
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return build(trie)


_I = re.IGNORECASE

_SMALL = rf"(?:(?:{_alt(TENS)})(?:[\s-]+(?:{_alt(UNITS)}))?|{_alt(TEENS)}|{_alt(UNITS)})"
_HUNDREDS = rf"(?:(?:{_SMALL}|a)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL})"
_THOUSANDS = rf"(?:(?:{_HUNDREDS}|a)\s+thousand(?:,?\s+(?:and\s+)?{_HUNDREDS})?|{_HUNDREDS})"
_WORDS = rf"(?:(?:{_THOUSANDS}|a)\s+million(?:,?\s+(?:and\s+)?{_THOUSANDS})?|{_THOUSANDS})"
_DOZEN = rf"(?:(?:{_alt(DOZENS)})\s+dozen)"
_DIGITS = r"(?:(?:\d{1,3}(?:,\d{3})+|\d{1,40})(?:\s+(?:hundred|thousand|million))?)"
_NUM = rf"(?:{_DIGITS}|{_DOZEN}|{_WORDS})"  # a number that can end a range
_VAGUE = (
    r"(?:hundreds\s+of\s+thousands|tens\s+of\s+thousands|thousands|hundreds|scores|dozens"
    r"|tens(?=\s+of\s)|several|a\s+few|a\s+couple|a\s+handful|a\s+lot"
    r"|a\s+(?:(?:large|small|growing|significant|unknown|undetermined|undisclosed|great)\s+)?"
    r"number|many|numerous|multiple|various|countless|some)"
)
_DETS = r"(?:the|them|those|these|whom|us|his|her|their|its|our)"
# Named groups are for parse_number; _strip_names makes a copy to embed in larger patterns.
_NUMBER_PATTERN = (
    r"(?<![\w$€£¥#.,/:'’-])(?<!no\s)(?<!no-)"  # not "AK-47", "$3", "No.4", "no one"
    rf"(?:(?P<prefix>{_alt(PREFIX_QUALIFIER)})\s+)?"
    rf"(?:between\s+(?P<r1>{_NUM})\s+and\s+(?P<r2>{_NUM})"
    rf"|(?P<a>{_DIGITS})\s*[-–—]\s*(?P<b>{_DIGITS})|(?P<c>{_NUM})\s+(?:to|or)\s+(?P<d>{_NUM})"
    rf"|(?P<vmul>several|a\s+few|many|some)\s+(?P<vunit>dozen|hundred|thousand)"
    rf"|(?P<vague>{_VAGUE})(?:\s+of(?!\s+{_DETS}\b))?"
    rf"|(?P<n>{_NUM}|another|an?))"
    r"(?P<suffix>\s+or\s+more|\s+or\s+so|\s*\+|-?\s*plus\b)?"
    r"(?![\w%$€£¥'’]|[.,:/]\d|-[^\W_])"  # not "25-year-old", "3.5", "10:30", "5%"
)


def _strip_names(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_NUMBER_RE = re.compile(_NUMBER_PATTERN, _I)
_Q = _strip_names(_NUMBER_PATTERN)


# --------------------------------------------------------------------------------------
# Reading numbers
# --------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _int_value(text: str) -> int | None:
    """The integer a number written in digits or words stands for."""
    words = _norm(text).replace("-", " ").replace(",", " , ").split()
    if not words:
        return None
    if words[0][0].isdigit():
        digits = "".join(w for w in words if w[0].isdigit())
        scale = SCALES.get(words[-1], 1)
        return int(digits) * scale if digits.isdigit() else None
    if words[-1] == "dozen":
        return DOZENS.get(" ".join(words[:-1]))
    total = current = 0
    for word in words:
        if word in ("a", "an", "another"):
            current = 1
        elif word in UNITS:
            current += UNITS[word]
        elif word in TEENS:
            current += TEENS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in ("thousand", "million"):
            total += (current or 1) * SCALES[word]
            current = 0
    return total + current


def _phrase(m: re.Match[str]) -> NumberPhrase:
    """The bounds one match of _NUMBER_RE gives."""
    prefix = _norm(m["prefix"] or "")
    suffix = _norm(m["suffix"] or "")
    low: int | None
    best: int | None
    high: int | None
    qualifier = "exact"
    if m["vague"] is not None:
        vague = _norm(m["vague"])
        key = "a number" if vague.startswith("a ") and vague.endswith("number") else vague
        low, best, high, qualifier = VAGUE_LOW.get(key, 2), None, None, "vague"
    elif m["vmul"] is not None:
        unit = {"dozen": 12, "hundred": 100, "thousand": 1000}[_norm(m["vunit"])]
        low = VAGUE_MULTIPLIER.get(_norm(m["vmul"]), 2) * unit
        best, high, qualifier = None, None, "vague"
    elif m["n"] is not None:
        value = _int_value(m["n"]) or 0
        rule = PREFIX_QUALIFIER.get(prefix) or SUFFIX_QUALIFIER.get(suffix.lstrip("-"), "exact")
        low, best, high = value, value, value
        if rule in ("at_least", "more_than"):
            low, best, high = value + (rule == "more_than"), None, None
        elif rule == "up_to":
            low, best = None, None
        elif rule == "below":
            low, best, high, rule = None, None, max(value - 1, 0), "up_to"
        elif rule == "about":
            low, high = None, None
        elif rule == "about_max":
            low, rule = None, "about"
        qualifier = rule
    else:
        first = _int_value(m["r1"] or m["a"] or m["c"] or "") or 0
        second = _int_value(m["r2"] or m["b"] or m["d"] or "") or 0
        low, best, high = min(first, second), None, max(first, second)
    return NumberPhrase(m.start(), m.end(), m.group(), low, best, high, qualifier)


def parse_number(phrase: str) -> NumberPhrase | None:
    """Read the number phrase at the start of ``phrase`` (leading spaces allowed).

    Offsets are within ``phrase``; trailing words are left out of the span.

    >>> parse_number("more than 100 launches").low
    101
    >>> parse_number("dozens").low, parse_number("dozens").best
    (24, None)
    """
    if not isinstance(phrase, str):
        return None
    stripped = len(phrase) - len(phrase.lstrip())
    m = _NUMBER_RE.match(phrase, stripped)
    return _phrase(m) if m else None
