"""Casualty figures in report text: who was killed, injured, abducted or missing, and how many.

Input: a report's text (optionally a ``start``/``end`` range of it). Output: one
``CasualtyMention`` per figure the text states, each with the exact span it came from
(``text[m.start:m.end] == m.text``), the kind, the group (``sitrep.models.CASUALTY_GROUPS``),
low/best/high bounds with a qualifier, and whether the dead are the attackers themselves.
``total`` (in ``tolls``, importable from here) folds the mentions of one incident into
one ``Count`` per kind without counting a figure twice.

    >>> [(m.kind, m.group, m.best, m.text) for m in find_casualties(
    ...     "Militias fired two rockets at a U.S. base, injuring seven Americans.")]
    [('injured', 'foreign military/personnel', 7, 'injuring seven Americans')]

The rules are compiled regular expressions around each casualty word ("killed",
"wounded", "kidnapped", "death toll"...): pure, no model, no I/O, and fast enough for
tens of thousands of sentences a second on one core. The bounds and word lists a domain
expert may want to review are tables at the top of ``numbers`` (number words, vague
words, qualifiers), ``victims`` (people nouns and their groups, names, titles),
``casualty_words`` (casualty words) and ``zero_statements``. The work is split by subject:

- ``numbers``: number phrases and their bounds (``parse_number``).
- ``victims``: who the people are: group nouns, foreign forces, names in capitals.
- ``figures``: one figure from one noun phrase ("at least 30 civilians", "the mayor").
- ``victim_lists``: the figures on either side of a casualty word, as lists of people.
- ``modifiers``: words between a subject and its verb ("TWO POLICEMEN GUARDING THE
  CONSULATE WERE KILLED").
- ``casualty_phrases``: casualties told without a figure next to a casualty word ("THE
  MINISTER'S DEATH", "FOUR PEOPLE HAVE BULLET WOUNDS", "GUNMEN SHOT THE MAYOR").
- ``zero_statements``: "no one was hurt", "no casualties".
- ``casualty_words``: the casualty words, their kinds and roles (``TRIGGERS``).
- ``casualty_roles``: the figures one casualty word governs, by its role.
- ``casualties`` (this module): ``find_casualties``, which finds the casualty words,
  leaves out intentions and "killed or wounded", and turns figures into mentions.
- ``tolls``: ``total``, the count of one kind for an incident.

Choices worth knowing:

- A number phrase never invents bounds: "about 50" is best 50 with no low or high;
  "dozens" is a floor of 24 with no best; a range "3 to 5" has low 3, high 5, no best.
- "casualties" alone mixes dead and wounded, so "27 casualties" is not recorded (it
  would be wrong as either kind); "no casualties" is a zero for both kinds, and so is
  "caused only material damage".
- "killed or wounded" (one figure for both kinds) is left out for the same reason.
- Threats, intentions and negations are not casualties: "threatened to kill 5
  hostages", "the strikes were intended to kill", "could have killed dozens", "was not
  hurt" give nothing; "death threats", "death squads" and "the death penalty" neither.
- "shot" or "stabbed" people are injured only when no death is told in the sentence
  before, the same sentence or the next: "SHOT FORMER MINISTER X ... HIS CONDITION IS
  CRITICAL" is one injured, "GUNMEN SHOT THE MAYOR. HE DIED ..." no injured.
- "captured" and "seized" are not abductions: armies capture fighters, and "seized a
  town" or "seized weapons" are far more common than seized people.
- The attackers' own deaths ("the gunman was shot dead", "two of the attackers were
  killed", "blew himself up") are mentions with ``perpetrator`` set; totals leave them out.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from sitrep.extract.casualty_phrases import (
    counted_acts,
    death_nearby,
    possessive_deaths,
    romance_tolls,
)
from sitrep.extract.casualty_roles import figures_for
from sitrep.extract.casualty_words import STEMS, TRIGGER_LOWER_RE, TRIGGER_RE, TRIGGERS
from sitrep.extract.figures import _Figure
from sitrep.extract.numbers import NumberPhrase
from sitrep.extract.tolls import total
from sitrep.extract.zero_statements import find_zero_statements, has_zero_hint
from sitrep.models import CASUALTY_GROUPS

# --------------------------------------------------------------------------------------
# Public types
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """One casualty figure in the text, e.g. "three U.S. soldiers were killed".

    ``subset``: the figure is part of the figure of the same kind before it ("including
    12 children", "among the dead were..."). ``additional``: the people are more than
    those counted before ("another soldier died", "three other people", "a technician was
    also killed"). ``noun``: the people noun in lower case ("soldiers", "maids"), None for
    a bare number or a name. ``joined``: the figure continues a list with the figure of the
    same kind before it ("two policemen and three civilians", "the mayor, as well as two
    peasants"): different people from those earlier in the same list.
    """

    start: int
    end: int
    text: str
    kind: str
    group: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    perpetrator: bool
    number: NumberPhrase | None
    subset: bool = False
    additional: bool = False
    noun: str | None = None
    joined: bool = False


# --------------------------------------------------------------------------------------
# Regular expressions
# --------------------------------------------------------------------------------------

_I = re.IGNORECASE
_COMBINED_RE = re.compile(r"\s*,?\s*(?:or|and|and/or|&)\s*", _I)
# "threatened to kill", "intended to kill", "could have been killed", "was not hurt".
_INTENT_RE = re.compile(
    r"(?:\b(?:to|will|would|could|might|may|can|cannot|shall|should|must|not|never|almost"
    r"|nearly)"
    r"|n[’']t)(?:\s+(?:have|be|been|being|get|also|ever|[^\W\d_]+ly))*\s+\Z"
    # "HAD THE MISSION OF ASSASSINATING", "a plot to kidnap", "aimed at killing"
    r"|\b(?:mission|plans?|plot|attempts?|intention|aim|aimed|goal|threats?|risk|capable"
    r"|trying|tried)\s+(?:of|to|at)\s+\Z",
    _I,
)
# ... but "are believed to have been killed" reports a death, and so does "THE SNIPER
# MANAGED TO KILL 1 PERSON".
_REPORTED_TO_RE = re.compile(
    r"\b(?:believed|reported|said|thought|feared|presumed|known|understood|appears?"
    r"|appeared|seems?|seemed|confirmed)\s+to\s+have\s+been\s+\Z"
    r"|\b(?:managed|manages|succeeded)\s+to\s+\Z",
    _I,
)
_LOWER_RE = re.compile(r"[a-z]")

# --------------------------------------------------------------------------------------
# Finding casualties
# --------------------------------------------------------------------------------------


def _zero_mentions(seg: str, offset: int, text: str) -> tuple[list[CasualtyMention], list[range]]:
    mentions: list[CasualtyMention] = []
    spans: list[range] = []
    for zero in find_zero_statements(seg):
        s, e = zero.start + offset, zero.end + offset
        spans.append(range(zero.start, zero.end))
        for kind in zero.kinds:
            mentions.append(
                CasualtyMention(
                    s, e, text[s:e], kind, zero.group, 0, 0, 0, "exact", False, None,
                    noun=zero.noun,
                )
            )  # fmt: skip
    return mentions, spans


def find_casualties(text: str, start: int = 0, end: int | None = None) -> list[CasualtyMention]:
    """Every casualty figure in ``text[start:end]``, sorted by start (absolute offsets).

    >>> [(m.kind, m.best) for m in find_casualties("killed two and wounded five")]
    [('killed', 2), ('injured', 5)]
    """
    if not isinstance(text, str):
        return []
    lo, hi, _ = slice(start, end).indices(len(text))
    if hi <= lo:
        return []
    seg = text[lo:hi]
    lowered = seg.lower()
    # "sete mortos", "Asesinan a 10 personas", "Double homicide": tolls no English
    # casualty word tells
    told = romance_tolls(seg) + [(f, "killed") for f in counted_acts(seg)]
    if not told and not any(stem in lowered for stem in STEMS):
        return []
    # Lower case, the trigger regex runs twice as fast as with IGNORECASE; a few characters
    # change length when lowered ("İ"), and then the offsets would not match.
    lowered_same = len(lowered) == len(seg)
    triggers = list(
        (TRIGGER_LOWER_RE if lowered_same else TRIGGER_RE).finditer(
            lowered if lowered_same else seg
        )
    )
    possessives = possessive_deaths(seg)  # "THE MINISTER'S DEATH"
    if not triggers and not possessives and not told and not has_zero_hint(seg):
        return []
    mentions, zero_spans = _zero_mentions(seg, lo, text)
    # "KILLED OR WOUNDED": one figure for two kinds cannot be split (see the docstring).
    combined: set[int] = set()
    for a, b in itertools.pairwise(triggers):
        kinds = {TRIGGERS[_index(a)][1], TRIGGERS[_index(b)][1]}
        # but "shot and killed a teacher" is a death: "shot" tells how
        shot_and = TRIGGERS[_index(a)][2] == "shot"
        if (
            kinds == {"killed", "injured"}
            and not shot_and
            and _COMBINED_RE.fullmatch(seg, a.end(), b.start())
        ):
            combined.update((a.start(), b.start()))
    found: list[tuple[_Figure, str, bool, bool]] = []  # figure, kind, perpetrator, subset
    found.extend((f, "killed", f.group == "perpetrators", False) for f in possessives)
    shot: list[_Figure] = []  # injured if no death is told near (casualty_phrases)
    for t in triggers:
        if t.start() in combined or any(t.start() in span for span in zero_spans):
            continue
        _pattern, kind, role, weak = TRIGGERS[_index(t)]
        ts, te = t.start(), t.end()
        lower_window = _LOWER_RE.search(seg, max(0, ts - 120), min(hi - lo, te + 120))
        caps = lower_window is None
        intent = role in ("verb", "active", "intrans", "adj", "shot") and _INTENT_RE.search(
            seg, max(0, ts - 40), ts
        )
        if intent and not _REPORTED_TO_RE.search(seg, max(0, ts - 60), ts):
            continue
        for figure, subset in figures_for(seg, hi - lo, t, kind, role, weak, caps):
            perpetrator = figure.group == "perpetrators" or role == "self"
            found.append((figure, kind, perpetrator, subset))
            if role == "shot":
                shot.append(figure)
    if shot:
        found = _drop_shot_dead(found, shot, text, lo)
    for figure, kind in told:
        if not any(f.start < figure.end and figure.start < f.end for f, *_ in found):
            found.append((figure, kind, False, False))
    found.sort(key=lambda item: item[0].start)
    for i, (figure, kind, _perpetrator, subset) in enumerate(found):
        # "THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED": militants too
        for prev, _kind, prev_perpetrator, _subset in reversed(found[max(0, i - 4) : i]):
            if not figure.inherit or figure.start - prev.end > 200:
                break
            if prev.group != "unknown":
                figure.group = prev.group
                found[i] = (figure, kind, prev_perpetrator, subset)
                break
    seen: set[tuple[int, int, str, str]] = set()
    for figure, kind, perpetrator, subset in found:
        key = (figure.start, figure.end, kind, figure.group)
        if key in seen or figure.end <= figure.start:
            continue
        seen.add(key)
        number = figure.number
        if number is not None:
            number = NumberPhrase(
                number.start + lo,
                number.end + lo,
                number.text,
                number.low,
                number.best,
                number.high,
                number.qualifier,
            )
        s, e = figure.start + lo, figure.end + lo
        mentions.append(
            CasualtyMention(
                s,
                e,
                text[s:e],
                kind,
                figure.group,
                figure.low,
                figure.best,
                figure.high,
                figure.qualifier,
                perpetrator,
                number,
                subset,
                figure.additional,
                figure.noun,
                figure.joined,
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _index(m: re.Match[str]) -> int:
    return int((m.lastgroup or "t0")[1:])


def _drop_shot_dead(
    found: list[tuple[_Figure, str, bool, bool]], shot: list[_Figure], text: str, lo: int
) -> list[tuple[_Figure, str, bool, bool]]:
    """People "shot" are injured only when no death is told near and no other casualty
    word already counts them ("THE JUDGE WAS SHOT AND WOUNDED")."""
    shot_ids = {id(f) for f in shot}
    others = [f for f, _kind, _p, _s in found if id(f) not in shot_ids]
    kept = []
    for item in found:
        figure = item[0]
        if id(figure) in shot_ids and (
            any(o.start < figure.end and figure.start < o.end for o in others)
            or death_nearby(text, figure.start + lo, figure.end + lo)
        ):
            continue
        kept.append(item)
    return kept


__all__ = [
    "CASUALTY_GROUPS",
    "CasualtyMention",
    "find_casualties",
    "total",
]
