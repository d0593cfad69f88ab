"""Words between a subject and its casualty verb that describe the subject.

Input: the scanned text and where the words before the verb end. Output: where the
subject ends (``_modifier_start``), so that the subject, not a noun inside the words that
describe it, is read as the victims. The words are a relative clause ("SIX JESUIT PRIESTS
AND TWO HUMBLE WOMEN WHO WORKED WITH THEM WERE MURDERED", "A MAN, WHO IS BELIEVED TO HAVE
BEEN THE WATCHMAN AT THE TOWER, WAS KILLED"), a participle ("TWO POLICEMEN GUARDING THE
CONSULATE IN THE CITY WERE KILLED") or an aside ("TWO SMALL CHILDREN -- 4 YEARS OLD AND 1
YEAR OLD -- DIED").

    >>> seg = "TWO POLICEMEN GUARDING THE CONSULATE WERE KILLED"
    >>> seg[: _modifier_start(seg, 0, seg.index(" WERE"))]
    'TWO POLICEMEN '
"""

from __future__ import annotations

import re

from sitrep.extract.victims import _words

_I = re.IGNORECASE

# Words that start a new clause: "POLICE INVESTIGATING THE CASE SAID TWO PEOPLE WERE..."
_CLAUSE_WORDS = (
    r"(?!(?:he|she|they|it|we|i|you|said|say|says|told|reported|stated|added|announced"
    r"|confirmed|claimed|that|and|but|when|while|after|before|because)\b)"
)
# The words that describe a subject; each pattern ends where the verb's auxiliaries begin.
_MODIFIER_RES = (
    re.compile(r"\s*(?P<comma>,)\s*(?:who|whom|whose)\s[^,;:!?()\[\]]{1,180}\Z", _I),
    re.compile(r"\s*(?:\([^()]{1,90}\)|(?:--|—)(?:(?!--|—)[^;!?]){1,90}(?:--|—))\Z"),
    re.compile(rf"\s+who(?:\s+{_CLAUSE_WORDS}[^\s.;:!?,\"]+){{1,14}}\Z", _I),
    re.compile(
        rf"\s+(?P<ing>[^\W\d_]{{3,}}ing)(?:\s+(?!(?:was|were|is|are|has|have|had)\b)"
        rf"{_CLAUSE_WORDS}[^\s.,;:!?()\"]+){{0,10}}\Z",
        _I,
    ),
)
# A participle or a relative clause ending right where a figure starts: "GUARDS
# PROTECTING THE JUDGE", "THE MEN WHO KIDNAPPED THE MAYOR".
_LEAD_RE = re.compile(
    rf"(?<![\w'’-])(?:(?P<ing>[^\W\d_]{{3,}}ing)|who)"
    rf"(?:\s+{_CLAUSE_WORDS}[^\s.,;:!?()\"]+){{0,6}}?\s+\Z",
    _I,
)
# -ing words that are not participles after a subject: "GUERRILLA BOMBING", "DURING".
_NOT_PARTICIPLES = _words(
    """during including according concerning regarding following pending morning evening
    building meeting bombing shooting fighting killing kidnapping wedding thing nothing
    something anything everything training ring king spring string ceiling"""
)


# "THE MILKMAN, WHO SAID THAT THE CITY HAS BEEN SHUT DOWN AND IS BEING HELD HOSTAGE": the
# verb belongs to a clause inside the relative clause
_NEW_CLAUSE_RE = re.compile(
    r"\bthat\s+(?:the|a|an|he|she|it|they|we|this|these|those|his|her|their)\b|\band\s*\Z", _I
)


def _is_lead(m: re.Match[str]) -> bool:
    return m["ing"] is None or m["ing"].lower() not in _NOT_PARTICIPLES


def _modifier_start(seg: str, lo: int, end: int) -> int | None:
    """Where a subject ends before the words that describe it, which end at ``end``: the
    end of a region for ``_LEFT_RE`` (its last character is a space)."""
    start = max(lo, end - 200)
    for pattern in _MODIFIER_RES:
        m = pattern.search(seg, start, end)
        if m is None or re.search(r"[.!?]\s", m.group()) or _NEW_CLAUSE_RE.search(m.group()):
            continue
        if "ing" in pattern.groupindex and not _is_lead(m):
            continue
        if "comma" in pattern.groupindex:
            comma = m.start("comma")
            if comma + 1 < len(seg) and seg[comma + 1].isspace():
                return comma + 2
            continue
        if m.start() > lo and seg[m.start()].isspace():
            return m.start() + 1
        if m.start() > lo and seg[m.start() - 1].isspace():
            return m.start()
    return None
