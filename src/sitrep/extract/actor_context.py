"""The group an act is read beside when its own words name no doer.

Input: the report text, the act (a ``Draft``), the actor names found in the report, and
the roles already read from the act's clauses. Output: at most one ``ActorRole``, a
perpetrator with attribution ``unknown`` (the report does not tie the group to this act in
words), ``suspected`` (the passage blames it) or ``attributed_by_source`` (the report tells
the series the act belongs to as the group's). extract/actors.py calls these when the act's
clauses, claims and blame name no perpetrator.

    "THE FMLN HAS STEPPED UP ITS SABOTAGE CAMPAIGN. TWO BOMBS EXPLODED AT A POWER STATION
    TODAY."                                     -> FMLN, unknown (``in_context``)
    "Houthi militants fired a total of six missiles. ... The other three came down in the
    sea."                                       -> Houthis, attributed_by_source

Never a group the act is aimed at, one that is only speaking, or the group whose own
communiqué the report is (``report_author``): a group tells its own acts as its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sitrep.extract.actor_mentions import (
    ARMED_TYPES,
    SPEAKS_AFTER,
    TARGET_BEFORE,
    ActorName,
    ActorRole,
    as_role,
    named_of_type,
    words_after,
)
from sitrep.extract.claims import SUSPECTED

if TYPE_CHECKING:
    from sitrep.extract.coreference import Draft


_HELD_BY_BEFORE = re.compile(
    r"\b(?:controlled|held|run)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)


def only_group(
    text: str, names: Sequence[ActorName], taken: Sequence[ActorRole]
) -> ActorRole | None:
    """An act with no perpetrator in a report that names one armed group and no other: the
    report is about that group ("THE MRTA, WHICH HAS DETONATED ABOUT 20 CAR BOMBS ...").
    Recorded with attribution ``unknown``, as in ``in_context``."""
    groups = [n for n in names if named_of_type(n, ARMED_TYPES)]
    # Every armed actor the report mentions, unnamed kinds too ("Iran-backed militias",
    # "gunmen"): a second one means the act may be its, and no guess is made.
    armed = {n.name for n in names if n.actor_type != "State Forces"}
    if len({n.actor_id for n in groups}) != 1 or len(armed) != 1:
        return None
    aimed_at = {r.name for r in taken if r.role in ("target", "victim")}
    spoken = [
        n for n in groups if n.name not in aimed_at and not SPEAKS_AFTER.match(words_after(text, n))
    ]
    return as_role(spoken[0], "perpetrator", "unknown", None, None) if spoken else None


# How often the actor a report is about must be named, and how many times as often as any
# other, to be read as the doer of an act the report tells with no doer.
_MAIN_MENTIONS = 3


_MAIN_MARGIN = 2


# A report's label naming who issued it, after the dateline or another label: "-- [COMMUNIQUE]
# [the group's name] [TEXT]", "-- [REPORT] [the group's general command] [TEXT]".
_LABEL_BEFORE = re.compile(r"(?:--|\])\s*\[(?:the\s+)?[\"“]?$", re.IGNORECASE)


# How far into a report its labels are read.
_HEADER = 300


# The source in a dateline: "CLANDESTINE, 13 NOV 89 (RADIO VENCEREMOS) --".
_DATELINE_SOURCE = re.compile(r"^[^\n(]{0,60}?\(([^()\n]{3,60})\)\s*--")


def report_author(text: str, names: Sequence[ActorName]) -> str | None:
    """The armed group whose own statement the report is, as its label says, or None."""
    for n in names:
        if n.start > _HEADER:
            break
        if n.named and n.actor_type in ARMED_TYPES and _LABEL_BEFORE.search(text, 0, n.start):
            return n.name
    return None


def report_voice(text: str) -> str | None:
    """The armed group whose own medium the dateline names (its radio, its news agency):
    the report speaks in its voice. None otherwise."""
    dateline = _DATELINE_SOURCE.match(text.lstrip()[:_HEADER])
    if dateline is None:
        return None
    from sitrep.resolve.actors import registry

    group = registry().outlet(dateline.group(1))
    return group.name if group is not None else None


def main_actor(
    text: str, names: Sequence[ActorName], taken: Sequence[ActorRole]
) -> ActorRole | None:
    """An act with no perpetrator in a report about one armed actor: the one it names far
    more often than any other ("THE ELN ... THE ELN ... THE GUERRILLA GROUP ..."), named
    at least three times and twice as often as the next. Recorded with attribution
    ``unknown``, as in ``only_group``; never an actor the act is aimed at."""
    counts: dict[str, int] = {}
    for n in names:
        if n.named and n.actor_id is not None:
            counts[n.actor_id] = counts.get(n.actor_id, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    top, times = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if times < _MAIN_MENTIONS or times < _MAIN_MARGIN * runner_up:
        return None
    aimed_at = {r.name for r in taken if r.role in ("target", "victim")}
    spoken = [
        n
        for n in names
        if n.actor_id == top
        and n.name not in aimed_at
        and not SPEAKS_AFTER.match(words_after(text, n))
    ]
    return as_role(spoken[0], "perpetrator", "unknown", None, None) if spoken else None


def in_context(
    text: str,
    draft: Draft,
    spans: Sequence[tuple[int, int]],
    names: Sequence[ActorName],
    taken: Sequence[ActorRole],
    types: frozenset[str] = ARMED_TYPES,
) -> ActorRole | None:
    """An act told with no perpetrator, beside the armed group the passage is about: "THE
    FMLN HAS STEPPED UP ITS SABOTAGE CAMPAIGN. TWO BOMBS EXPLODED AT A POWER STATION
    TODAY." The group is recorded with attribution ``unknown``: the report does not tie it
    to this act in words. Only a group named in the act's sentence or the one before
    counts, never one the act is aimed at or one that is only speaking."""
    aimed_at = {r.name for r in taken if r.role in ("target", "victim")}
    first = draft.clusters[0].events[0].start
    candidates = [
        n
        for n in names
        if any(lo <= n.start < hi for lo, hi in spans)
        and n.named
        and n.actor_type in types
        and n.name not in aimed_at
        and not SPEAKS_AFTER.match(words_after(text, n))
        and not TARGET_BEFORE.search(text[max(0, n.start - 60) : n.start])
    ]
    if not candidates:
        return None
    chosen = min(candidates, key=lambda n: abs(n.start - first))
    # "THE AUTHORITIES BLAMED THE ELN FOR THE MURDER. SEVERAL ARMED MEN KIDNAPPED ...":
    # suspected, as the sentence says; otherwise the tie is unknown.
    near = SUSPECTED.search(text, max(0, chosen.start - 80), chosen.end + 40)
    if near is not None:
        return as_role(chosen, "perpetrator", "suspected", None, (near.start(), near.end()))
    if _SERIES_AFTER.match(words_after(text, chosen)) or _HELD_BY_BEFORE.search(
        text, max(0, chosen.start - 50), chosen.start
    ):
        # "Houthi militants fired six missiles. ... A second missile came down near the
        # ship": the report tells the series as theirs; "launched from areas controlled by
        # the Houthis": the report places the launch in their hands.
        return as_role(chosen, "perpetrator", "attributed_by_source", None, None)
    return as_role(chosen, "perpetrator", "unknown", None, None)


# The group as the doer of the series an act belongs to: "Houthi militants fired a total of".
_SERIES_AFTER = re.compile(
    r"^(?:\s+[\w-]+){0,2}?\s+(?:have\s+(?:now\s+)?|had\s+)?(?:fired|launched|attacked"
    r"|struck|shelled|bombed|killed|sank|hit|seized|kidnapped|abducted)\b"
    # "the Houthis' most recent attacks on shipping", "Houthi attacks": the acts are theirs
    r"|^(?:['’]s?)?\s+(?:[\w-]+\s+){0,2}?(?:attacks|strikes|raids|assaults|bombings"
    r"|campaign)\b",
    re.IGNORECASE,
)


def series_told(
    text: str, names: Sequence[ActorName], name: str, before: int
) -> tuple[int, int] | None:
    """Where the report, before offset ``before``, tells the group ``name`` as the doer of
    a series of acts ("Houthi militants fired a total of"), or None."""
    for n in names:
        if n.start >= before:
            break
        if n.name == name and n.named:
            found = _SERIES_AFTER.match(words_after(text, n))
            if found is not None:
                return (n.start, n.end + found.end())
    return None
