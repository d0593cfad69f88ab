"""An aggregate mention -> the ``AggregateStatement`` model, every value with its span.

Input: the report's text, an ``AggregateMention`` (from ``aggregates.find_aggregates``
or ``find_casualty_aggregates``), the publication anchor, the actors named in the report
(``actors.named_in``) and the places named in the statement's sentence
(``places.find_places``). Output: an ``AggregateStatement`` with its metric, value,
period, actors, weapons, targets and area, and the evidence span of each.

    "Since early November 2023, Iraqi militias have claimed responsibility for more
     than 100 missile and drone launches targeting Israeli targets"

gives attacks, more than 100, from 1 November 2023 to the day of publication (a period
"since" runs to the anchor), perpetrated by Iraqi militias (claimed), with the weapons
missile and drone and the targets "Israeli targets". The area is the countries the
statement counts in: "some 200 strikes against bases in Iraq and Syria" -> IQ, SY.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sitrep.extract.actors import ActorName
from sitrep.extract.aggregate_actors import statement_actors
from sitrep.extract.aggregates import AggregateMention
from sitrep.models import AggregateStatement, Area, Count, DateSpan, Span

if TYPE_CHECKING:
    from sitrep.extract.places import PlaceMention


def statement(
    text: str,
    mention: AggregateMention,
    anchor: dt.date | None,
    names: Sequence[ActorName] = (),
    places: Sequence[PlaceMention] = (),
) -> AggregateStatement:
    """An aggregate mention as the model, every value with its span. ``names`` are
    the actors named in the report (``actors.named_in``), ``places`` the places named
    in the statement's sentence (``places.find_places``)."""
    number = mention.number
    evidence = [_evidence(text, mention.start, mention.end, "value")]
    period = None
    if mention.period is not None:
        p = mention.period
        end = p.date_end if not p.since else (anchor or p.date_end)
        period = DateSpan(
            start=p.date_start,
            end=end,
            precision=p.precision,
            text=p.text,
            anchor=p.anchor,
        )
        evidence.append(_evidence(text, p.start, p.end, "period"))
    if mention.targets_text and mention.targets_start is not None:
        evidence.append(
            _evidence(
                text,
                mention.targets_start,
                mention.targets_start + len(mention.targets_text),
                "targets",
            )
        )
    actors = []
    for found in statement_actors(text, mention, names):
        actors.append(found.actor)
        evidence.append(_evidence(text, found.start, found.end, "actors"))
    area = _area(text, mention, places)
    if area is not None:
        evidence.append(_evidence(text, area[1], area[2], "location"))
    evidence.sort(key=lambda span: (span.start, span.end))
    return AggregateStatement(
        metric=mention.metric,
        value=Count(low=number.low, best=number.best, high=number.high, qualifier=number.qualifier),
        period=period,
        actors=actors,
        weapons=list(mention.weapons),
        targets_text=mention.targets_text,
        location=None if area is None else area[0],
        evidence=evidence,
    )


# How far after a statement without targets its place may be named: "... attacks on U.S.
# forces in Iraq and Syria".
_AREA_REACH = 40
# The words that open a statement's area: "in Iraq and Syria", "across northern Syria".
_AREA_HEAD = re.compile(r"\b(?:in|inside|across|throughout|on|at|against)\s+$", re.IGNORECASE)


def _area(
    text: str, mention: AggregateMention, places: Sequence[PlaceMention]
) -> tuple[Area, int, int] | None:
    """The countries whose events a statement counts, and the words that name them:
    the targets' words up to the last place ("bases in Iraq and Syria") or the places
    with the preposition before them ("in Iraq and Syria")."""
    targets_start = mention.targets_start
    if targets_start is not None and mention.targets_text:
        end = targets_start + len(mention.targets_text)
    else:
        end = mention.end + _AREA_REACH
    own = [
        p
        for p in places
        if p.role not in ("statement", "dateline")
        and p.country_code
        and mention.start <= p.start
        and p.end <= end
    ]
    if not own:
        return None
    first, last = own[0], own[-1]
    if targets_start is not None and targets_start <= first.start:
        start = targets_start
    else:
        head = _AREA_HEAD.search(text, max(0, first.start - 12), first.start)
        start = head.start() if head else first.start
    codes = list(dict.fromkeys(p.country_code for p in own if p.country_code))
    return Area(text=text[start : last.end], country_codes=codes), start, last.end


def _evidence(text: str, start: int, end: int, field_name: str) -> Span:
    return Span(start=start, end=end, quote=text[start:end], field=field_name)
