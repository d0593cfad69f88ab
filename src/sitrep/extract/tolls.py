"""An incident's casualty total: its mentions of one kind folded into one ``Count``.

Input: the ``CasualtyMention``s of one incident in reading order (from
``find_casualties``, perhaps over several sentences) and a kind. Output: a ``Count``
(low/best/high/qualifier), or None when no mention gives that kind. The same people told
twice count once; a list names different people; "including" is a part, not more people
(the rules are in ``total``'s docstring). ``total`` is also importable as
``sitrep.extract.casualties.total``.

    >>> from sitrep.extract.casualties import find_casualties
    >>> total(find_casualties("12 people were killed. The death toll rose to 15."), "killed")
    Count(low=15, best=15, high=15, qualifier='exact')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.extract.victims import _SINGULAR, _words
from sitrep.models import Count

if TYPE_CHECKING:
    from sitrep.extract.casualties import CasualtyMention

_Fig = tuple[int | None, int | None, int | None, str]
# Nouns that say nothing about who the people were: such a figure may cover all groups.
GENERAL_NOUNS = _words(
    """people persons person individuals individual victims victim men man others citizens
    citizen nationals national foreigners foreigner"""
)
_PRECISION = {"exact": 5, "about": 4, "at_least": 3, "more_than": 3, "up_to": 2, "vague": 1}


def _key(fig: _Fig) -> tuple[int, int]:
    low, best, high, qualifier = fig
    value = best if best is not None else low if low is not None else high or 0
    return value, _PRECISION.get(qualifier, 0)


def _add(a: _Fig, b: _Fig) -> _Fig:
    low = None if a[0] is None and b[0] is None else (a[0] or 0) + (b[0] or 0)
    best = a[1] + b[1] if a[1] is not None and b[1] is not None else None
    high = a[2] + b[2] if a[2] is not None and b[2] is not None else None
    kinds = {a[3], b[3]}
    if kinds <= {"exact"}:
        qualifier = "exact"
    elif kinds <= {"exact", "about"}:
        qualifier = "about"
    elif kinds <= {"exact", "at_least", "more_than"}:
        qualifier = "at_least"  # "more than N" is already N+1 in low
    elif kinds <= {"exact", "up_to"}:
        qualifier = "up_to"
    else:
        qualifier = "vague"
    return low, best, high, qualifier


@dataclass(slots=True)
class _Entry:
    """The people of one group (and noun) that ``total`` has counted so far."""

    noun: str | None
    fig: _Fig
    statement: int  # the last list (statement) that counted them
    plain: bool  # no number: "the priests", "MURDERED PEASANTS"


def _singular(noun: str) -> str:
    return _SINGULAR.get(noun, noun.rstrip("s"))


def total(
    mentions: Sequence[CasualtyMention], kind: str, *, include_perpetrators: bool = False
) -> Count | None:
    """The incident's total of one kind from its mentions (in reading order).

    - The same figure said twice counts once, and a larger figure for the same group
      replaces a smaller one ("12 killed" then "the death toll rose to 15" -> 15).
    - A list ("the minister and two of his bodyguards", figures marked ``joined``) names
      different people: they add up. Told again in another sentence ("the minister and
      his two bodyguards died"), each group is matched with the one before: 3, not 6.
    - A figure with no number ("the priests were killed") is some of its group: it never
      adds to a number given for that group ("six priests").
    - A figure marked ``additional`` ("another soldier died", "a technician was also
      killed") adds to its group, or to the whole when its group is new; told again in a
      later list ("four other priests"), it adds nothing more.
    - A ``subset`` figure ("30 civilians, including 12 children") is inside the figure
      before it: 30, not 42.
    - Different groups add up (2 soldiers + 3 civilians = 5); so do people of no known
      group named by different nouns ("six Jesuits" + "two maids"). A general figure
      ("five people", "15 killed", a death toll, a name) at least as large as the sum said
      before it replaces that sum; a smaller one is taken to be part of it.
    - The attackers' own deaths are left out (a total of only those is None), unless
      ``include_perpetrators``: then they count like any other group.
    - Zero statements give 0 when nothing else gives a figure.
    - Bounds add up: low adds, best and high only when every part has one.
    """
    entries: dict[str, list[_Entry]] = {}  # group (or "unknown <noun>") -> people
    extra: list[tuple[int, _Fig]] = []  # (order, figure): more people, whatever the group
    lists: list[_Fig] = []  # the sum of each list (statement)
    general_at = -1  # where the general figure last grew
    added: dict[tuple[str, str | None, _Fig], int] = {}  # additional figures, their list
    counted = False
    for order, m in enumerate(x for x in mentions if x.kind == kind):
        if (m.perpetrator and not include_perpetrators) or (m.subset and counted):
            continue
        counted = True
        fig: _Fig = (m.low, m.best, m.high, m.qualifier)
        if m.joined and lists:
            lists[-1] = _add(lists[-1], fig)
        else:
            lists.append(fig)
        statement = len(lists) - 1
        noun = _singular(m.noun) if m.noun and m.noun not in GENERAL_NOUNS else None
        key = m.group if m.group != "unknown" or noun is None else "unknown " + noun
        plain = m.number is None and m.qualifier == "vague"
        same = entries.setdefault(key, [])
        earlier = [e for e in same if e.statement != statement]
        anything = bool(extra) or any(entries.values())
        additional = m.additional
        if additional and m.number is None and noun and any(e.noun == noun for e in earlier):
            additional = False  # "THE CRIMINALS ALSO KILLED THE AGENT'S SON": him again
        if additional and (key, noun, fig) in added and added[key, noun, fig] != statement:
            continue  # "FOUR OTHER PRIESTS" told again in a later list: the same four
        if additional:
            added[key, noun, fig] = statement
        if additional and anything and (key == "unknown" or not earlier):
            extra.append((order, fig))  # "three other people died", "HIS WIFE ALSO DIED"
            continue
        for e in earlier:
            if additional:
                e.fig, e.statement = _add(e.fig, fig), statement  # "another soldier died"
                break
            if None in (e.noun, noun) or e.noun == noun or e.fig == fig or plain or e.plain:
                # the same people told again ("three U.S. troops" ... "three U.S. service
                # members"), or an update ("the death toll rose to 15")
                grown = _key(fig) > _key(e.fig)
                e.fig, e.statement = max(e.fig, fig, key=_key), statement
                e.noun, e.plain = e.noun or noun, e.plain and plain
                if grown and key == "unknown":
                    general_at = order
                break
        else:
            same.append(_Entry(noun, fig, statement, plain))  # "six Jesuits", "two maids"
            if key == "unknown":
                general_at = order
    sums: dict[str, _Fig] = {}
    for key, group_entries in entries.items():
        for e in group_entries:
            sums[key] = _add(sums[key], e.fig) if key in sums else e.fig
    general = sums.pop("unknown", None)
    parts = list(sums.values()) + [fig for at, fig in extra if at < general_at]
    later = [fig for at, fig in extra if at > general_at]
    if not parts and general is None and not later:
        return None
    result: _Fig | None = None
    for fig in parts:
        result = fig if result is None else _add(result, fig)
    if general is not None and (result is None or _key(general) >= _key(result)):
        result = general
    for fig in later:
        result = fig if result is None else _add(result, fig)
    assert result is not None
    # a list names different people: "THE MURDERS OF X, COLONEL Y, AND SENATOR Z" are three
    result = max([result, *lists], key=_key)
    low, best, high, qualifier = result
    return Count(low=low, best=best, high=high, qualifier=qualifier)
