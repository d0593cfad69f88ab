"""Statements that count many events -> aggregate statements, not incidents.

Input: a sentence of a report and the date mentions found in it. Output:
``AggregateMention``s: the number as a Count, the metric, the weapons named in
the phrase, the targets, and the period ("since early November 2023").

    "Since early November 2023, ... Iraqi militias have claimed responsibility for
     more than 100 missile and drone launches targeting Israeli targets and have
     carried out some 200 strikes against bases in Iraq and Syria"

gives two: more than 100 attacks (missile, drone) on Israeli targets, and about
200 strikes against bases in Iraq and Syria, both since 1 November 2023.

"fired two rockets at a U.S. base on Monday" is one incident, not an aggregate:
munitions ("rockets", "missiles") are counted as events only over a period.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.extract.actors import ActorName
from sitrep.extract.casualties import CasualtyMention
from sitrep.extract.dates import DateMention
from sitrep.extract.events import find_weapons
from sitrep.extract.numbers import NumberPhrase, parse_number
from sitrep.models import AggregateStatement, Count, DateSpan, Span

_QUALIFIER = (
    r"(?:(?:more than|over|at least|some|about|around|nearly|almost|up to|approximately"
    r"|roughly|an estimated|close to|fewer than|less than|as many as)\s+)"
)
_NUMBER_WORD = (
    r"(?:\d[\d,.]*\d|\d|a dozen|dozens|scores|hundreds|thousands|several|numerous|a series"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine"
    r"|hundred|thousand))*)"
)
_EVENT_NOUNS = (
    r"attacks|strikes|airstrikes|air strikes|launches|raids|bombings|assaults|operations"
    r"|incidents|ambushes|shootings|explosions|clashes|killings|kidnappings|abductions"
)
_MUNITIONS = r"rockets|missiles|drones|mortars|mortar rounds|shells|projectiles|uavs"
_AGGREGATE = re.compile(
    rf"\b(?P<number>{_QUALIFIER}?{_NUMBER_WORD})(?:\s+of)?(?P<modifiers>(?:\s+[\w/'-]+){{0,5}}?)"
    rf"\s+(?P<noun>{_EVENT_NOUNS}|{_MUNITIONS})\b",
    re.IGNORECASE,
)
_TARGETS = re.compile(
    r"\s*(?:targeting|against|at|on|toward|towards|aimed at)\s+(?P<targets>.+?)"
    r"(?=,|;|\.(?=\s+(?-i:[A-Z][a-z])|\s*$)| and (?:have|has|had|were|was)\b| since\b|$)",
    re.IGNORECASE,
)
_MANY_ACTS = re.compile(
    r"\b(?:the|these|those|all|recent)\s+(?:[\w-]+\s+){0,2}(?:attacks|bombings|killings"
    r"|explosions|raids|ambushes|acts of violence|violent acts)\b(?:\s+[\w,-]+){0,10}?"
    r"\s+(?:have|had)\s+(?:killed|left|claimed|caused)\b",
    re.IGNORECASE,
)
# Words that say the count runs over a period, not one day.
PERIOD_WORDS = re.compile(
    r"\b(?:since|so far|to date|this year|over the past|in the past|during|throughout"
    r"|over the last|in recent (?:weeks|months)|a total of|in total|altogether)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class AggregateMention:
    start: int
    end: int
    text: str
    metric: str
    number: NumberPhrase
    weapons: tuple[str, ...]
    period: DateMention | None
    targets_start: int | None
    targets_text: str | None


def find_aggregates(
    text: str, start: int, end: int, dates: Sequence[DateMention]
) -> list[AggregateMention]:
    """Counting statements in ``text[start:end]``; ``dates`` are that span's date mentions."""
    sentence = text[start:end]
    period = _period(dates)
    over_period = period is not None or bool(PERIOD_WORDS.search(sentence))
    day_dated = any(d.precision in ("day", "days") and not d.speech and not d.since for d in dates)
    out = []
    for match in _AGGREGATE.finditer(text, start, end):
        number = parse_number(match.group("number"))
        if number is None:
            continue
        noun = match.group("noun").lower()
        munitions = bool(re.fullmatch(_MUNITIONS, noun))
        low = number.low if number.low is not None else number.best
        big = number.qualifier == "vague" or (low is not None and low >= 3)
        if munitions and not (over_period and not day_dated):
            continue
        if not munitions and not (over_period or (big and not day_dated)):
            continue
        number = NumberPhrase(
            start=match.start("number"),
            end=match.end("number"),
            text=match.group("number"),
            low=number.low,
            best=number.best,
            high=number.high,
            qualifier=number.qualifier,
        )
        targets = _TARGETS.match(text, match.end(), end)
        out.append(
            AggregateMention(
                start=match.start(),
                end=match.end(),
                text=match.group(),
                metric=_metric(noun),
                number=number,
                weapons=tuple(
                    dict.fromkeys(w.weapon for w in find_weapons(text, match.start(), match.end()))
                ),
                period=period,
                targets_start=targets.start("targets") if targets else None,
                targets_text=targets.group("targets") if targets else None,
            )
        )
    return out


def find_casualty_aggregates(
    text: str,
    start: int,
    end: int,
    dates: Sequence[DateMention],
    figures: Sequence[CasualtyMention],
) -> list[AggregateMention]:
    """Tolls over a period: "since the UP was founded, nearly 1,000 of its members have
    been murdered" counts many killings; it is not one incident."""
    sentence = text[start:end]
    period = _period(dates)
    day_dated = any(d.precision in ("day", "days") and not d.speech and not d.since for d in dates)
    sentence_wide = (period is not None or bool(PERIOD_WORDS.search(sentence))) and not day_dated
    # "THE TERRORIST ATTACKS CARRIED OUT IN MEDELLIN OVER THE PAST 12 DAYS HAVE KILLED 2
    # PEOPLE": many acts over a period, whatever the size of the toll.
    many_acts = sentence_wide and _MANY_ACTS.search(sentence) is not None
    out = []
    for figure in figures:
        number = figure.number
        low = figure.low if figure.low is not None else figure.best
        if number is None or figure.perpetrator or low is None or (low < 10 and not many_acts):
            continue
        # "THE FIGHTING, WHICH HAS LEFT 2,000 DEAD IN THE PAST MONTH": the period next to the
        # figure decides, whatever day another clause of the sentence names.
        near_start, near_end = max(start, figure.start - 60), min(end, figure.end + 40)
        near_period = [
            d
            for d in dates
            if near_start <= d.start < near_end
            and (d.since or d.precision in ("week", "month", "year", "part_of_month"))
        ]
        if not (sentence_wide or near_period or PERIOD_WORDS.search(text, near_start, near_end)):
            continue
        out.append(
            AggregateMention(
                start=figure.start,
                end=figure.end,
                text=figure.text,
                metric=f"people {figure.kind}",
                number=NumberPhrase(
                    start=number.start,
                    end=number.end,
                    text=number.text,
                    low=figure.low,
                    best=figure.best,
                    high=figure.high,
                    qualifier=figure.qualifier,
                ),
                weapons=(),
                period=near_period[0] if near_period else period,
                targets_start=None,
                targets_text=None,
            )
        )
    return out


def _metric(noun: str) -> str:
    if noun in ("incidents",):
        return "incidents"
    if noun in ("killings", "kidnappings", "abductions", "clashes", "shootings"):
        return noun
    if noun in (
        "rockets",
        "missiles",
        "drones",
        "mortars",
        "mortar rounds",
        "shells",
        "projectiles",
        "uavs",
    ):
        return f"{noun} fired"
    return "attacks"


def _period(dates: Sequence[DateMention]) -> DateMention | None:
    for mention in dates:
        if mention.since:
            return mention
    for mention in dates:
        if mention.precision in ("month", "year", "part_of_month", "week") and not mention.speech:
            return mention
    return None


def statement(
    text: str,
    mention: AggregateMention,
    anchor: dt.date | None,
    names: Sequence[ActorName] = (),
) -> AggregateStatement:
    """An aggregate mention as the model, every value with its span. ``names`` are
    the actors named in the report."""
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
    return AggregateStatement(
        metric=mention.metric,
        value=Count(low=number.low, best=number.best, high=number.high, qualifier=number.qualifier),
        period=period,
        weapons=list(mention.weapons),
        targets_text=mention.targets_text,
        evidence=evidence,
    )


def _evidence(text: str, start: int, end: int, field_name: str) -> Span:
    return Span(start=start, end=end, quote=text[start:end], field=field_name)
