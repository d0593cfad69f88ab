"""Zero statements: a report saying no one was killed, hurt or taken.

Input: the scanned text. Output: one ``ZeroStatement`` per statement, with its span (in
the scanned text), the kinds it gives a zero for and the group it names, if any.
``casualties.find_casualties`` turns each into zero mentions; a casualty word inside a
zero statement ("no one was killed") gives no figure.

    >>> [(z.kinds, z.group) for z in find_zero_statements("No civilians were hurt.")]
    [(('injured',), 'civilians')]

"no casualties" is a zero for both kinds, and so is "caused only material damage"; "the
hostages escaped unhurt" is a zero for the injured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract.dates import _trie, scan_lowered
from sitrep.extract.numbers import _DETS
from sitrep.extract.segment import fold_letters
from sitrep.extract.victims import _FOREIGN_RE, _GROUP_ALT, _group_in, _refine_group

_I = re.IGNORECASE

# --------------------------------------------------------------------------------------
# Tables for review
# --------------------------------------------------------------------------------------

# The words of a zero statement and the kinds each gives a zero for.
_ZERO_NOUNS: dict[str, tuple[str, ...]] = {
    "casualt": ("killed", "injured"),
    "victim": ("killed", "injured"),
    "loss": ("killed",),
    "lives": ("killed",),
    "injur": ("injured",),
    "wound": ("injured",),
    "hurt": ("injured",),
    "harm": ("injured",),
    "death": ("killed",),
    "fatalit": ("killed",),
    "dead": ("killed",),
    "kill": ("killed",),
    "died": ("killed",),
    "kidnap": ("abducted",),
    "abduct": ("abducted",),
    "missing": ("missing",),
    "material": ("killed", "injured"),
    "property": ("killed", "injured"),
    "structural": ("killed", "injured"),
    "unhurt": ("injured",),
    "unharm": ("injured",),
    "uninjur": ("injured",),
    "unscath": ("injured",),
}
# Zero statements without a casualty word: "no casualties", "only material damage".
_ZERO_HINT_RE = re.compile(r"casualt|damage|victims|unhurt|unharm|uninjur|unscath|lives|loss", _I)
_ZERO_WORD_RE = re.compile("|".join(_ZERO_NOUNS), _I)
_ZV = r"(?:hurt|injured|wounded|harmed|killed|dead|kidnapped|abducted|missing)"
_NOBODY = (
    rf"(?:no\s*-?\s*one|nobody|none(?:\s+of\s+{_DETS}(?:\s+[\w.'’-]+){{0,3}}?)?"
    r"|not\s+(?:a\s+single|one|even\s+one)(?:\s+(?:person|soul|civilian|resident|one))?)"
)
_NO_GROUP = rf"(?:no\s+(?:[\w.'’-]+\s+){{0,2}}?(?:{_GROUP_ALT})(?![\w'’-]))"
# The words a zero statement can start with ("no", "nobody", "neither", "without",
# "killed", "left", "only", "were"...): a cheap test before the long pattern, which would
# otherwise be tried at every word of the report.
# (tests/test_speed_filters.py checks that every branch starts with one of these.)
ZERO_STARTS = (
    "no", "ne", "zero", "without", "kill", "injur", "hurt", "harm", "wound", "left", "leav",
    "only", "material", "property", "escaped", "were", "was", "are", "is", "remained",
    "emerged", "survived",
)  # fmt: skip
_ZERO_START_LOWER = re.compile(r"(?<![\w'’-])(?=" + _trie(sorted(ZERO_STARTS)) + ")")
_ZERO_RE = re.compile(
    r"(?<![\w'’-])" + "(?=" + "|".join(ZERO_STARTS) + ")" + r"(?:"
    # "no one was hurt", "No personnel were hurt", "no civilians were injured or killed",
    # "Nobody on U.S. or coalition vessels was hurt", "no one died"
    rf"(?:{_NOBODY}|{_NO_GROUP}|neither(?:\s+[\w.'’-]+){{1,4}}?\s+nor(?:\s+[\w.'’-]+){{1,3}}?)"
    r"(?:\s+[\w.'’-]+){0,6}?"
    r"(?:\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|got|get)"
    rf"(?:\s+[^\W\d_]+ly)?(?:\s+reported)?\s+{_ZV}(?:\s*,?\s+(?:or|and|nor)\s+{_ZV})?"
    r"|\s+died)"
    # "there were no injuries", "caused no deaths", "not resulted in any deaths",
    # "without casualties", "neither injuries nor damage", "no reports of injuries"
    r"|(?:no|zero|nor|neither|without(?:\s+(?:causing|leaving|inflicting|any|reported))*"
    r"|not(?:\s+(?:cause|caused|causing|result|resulted|resulting|in|leave|left|leaving"
    r"|produce|produced|report|reported|been|have|has|had|were|was|there|suffer|suffered"
    r"|sustain|sustained)){0,3}\s+any)"
    r"\s+(?:(?:immediate\s+)?reports?\s+of\s+|reported\s+|any\s+)?"
    r"(?:(?:human|civilian|personal|military|serious|further|other|major|known|confirmed"
    r"|physical|U\.S\.|US|American|coalition|friendly)\s+){0,2}"
    r"(?:casualties|casualty|injuries|injury|injured|deaths|death|fatalities|fatality|dead"
    r"|wounded|victims|loss(?:es)?\s+of\s+(?:human\s+)?li(?:fe|ves)|lives\s+lost)"
    # "the attack killed no one", "injuring nobody", "left no civilians dead or injured"
    r"|(?:killed|killing|kills|kill|injured|injuring|injures|hurt|hurting|harmed|harming"
    rf"|wounded|wounding)\s+(?:{_NOBODY}|{_NO_GROUP})"
    rf"|(?:left|leaving|leaves)\s+(?:{_NOBODY}|{_NO_GROUP})\s+{_ZV}"
    rf"(?:\s*,?\s+(?:or|and|nor)\s+{_ZV})?"
    # "THE BOMB CAUSED ONLY MATERIAL DAMAGE"
    r"|only\s+(?:caused\s+)?(?:(?:minor|some|slight|considerable|heavy)\s+)?"
    r"(?:material|property|structural)\s+damage|(?:material|property)\s+damage\s+only"
    # "the hostages escaped unhurt"
    r"|(?:escaped|were|was|are|is|remained|emerged|survived)\s+(?:[^\W\d_]+\s+)?"
    r"(?:unhurt|unharmed|uninjured|unscathed))(?![\w'’-])",
    _I,
)


@dataclass(frozen=True, slots=True)
class ZeroStatement:
    """ "no one was hurt": a zero for ``kinds``, perhaps of one group ("no civilians")."""

    start: int
    end: int
    kinds: tuple[str, ...]
    group: str
    noun: str | None


def has_zero_hint(seg: str) -> bool:
    """Words of a zero statement that no casualty word matches: "no casualties"."""
    return _ZERO_HINT_RE.search(seg) is not None


def find_zero_statements(seg: str) -> list[ZeroStatement]:
    """Every zero statement in ``seg``, in reading order."""
    found: list[ZeroStatement] = []
    # The cheap test runs on the lowered text: twice as fast as the case-blind scan.
    for m in scan_lowered(_ZERO_RE, _ZERO_START_LOWER, seg, 0, len(seg)):
        phrase = m.group()
        kinds: list[str] = []
        for w in _ZERO_WORD_RE.finditer(phrase):
            # "ınjured" matches case-blind; its table key is the folded word
            for kind in _ZERO_NOUNS.get(fold_letters(w.group()).lower(), ()):
                if kind not in kinds:
                    kinds.append(kind)
        people = _group_in(phrase)
        group = "unknown"
        if people is not None and people[2] not in ("victim", "victims"):
            group = _refine_group(people[0], people[2], phrase, seg, m.start())
        elif re.search(r"\bcivilian\b", phrase, _I):
            group = "civilians"
        elif _FOREIGN_RE.search(phrase):
            group = "foreign military/personnel"
        noun = people[2] if people else None
        found.append(ZeroStatement(m.start(), m.end(), tuple(kinds), group, noun))
    return found
