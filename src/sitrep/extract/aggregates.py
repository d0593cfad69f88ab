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

The metric says what the number counts, one of ``METRICS``:

    attacks          acts of any kind: attacks, strikes, launches, raids, bombings, ambushes...
    incidents        "more than 40 security incidents"
    clashes          armed clashes
    shootings        shootings
    killings         killings (acts, not the people killed)
    kidnappings      kidnappings and abductions
    munitions fired  rockets, missiles, drones, shells, mortar rounds; ``weapons`` says which
    people killed    a toll over a period: "nearly 1,000 of its members have been murdered"
    people injured   (and "people abducted", "people missing") the same for other kinds

``aggregate_statements`` turns each mention into its ``AggregateStatement`` (period,
place, and the actors ``aggregate_actors`` reads from the statement's clause).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.extract.casualties import CasualtyMention
from sitrep.extract.dates import DateMention, _trie
from sitrep.extract.events import find_weapons
from sitrep.extract.numbers import NumberPhrase, parse_number

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
    # the crime statistics of Latin American news: "12 homicides", "79 homicidios diarios"
    r"|homicides|murders|homicidios|homicídios|asesinatos|assassinatos"
)
_MUNITIONS = r"rockets|missiles|drones|mortars|mortar rounds|shells|projectiles|uavs"
# Words that end a count's modifiers: "13 rebels killed in Kandahar clashes" counts rebels,
# not clashes.
_NOT_MODIFIER = (
    r"(?!(?:in|at|on|of|by|near|from|during|after|were|was|are|is|who|which|that|killed|wounded"
    r"|injured|dead|died|casualties|martyrs)\b)"
)
_AGGREGATE = re.compile(
    rf"\b(?P<number>{_QUALIFIER}?{_NUMBER_WORD})(?:\s+of)?"
    rf"(?P<modifiers>(?:\s+{_NOT_MODIFIER}[\w/'-]+){{0,5}}?)"
    rf"\s+(?P<noun>{_EVENT_NOUNS}|{_MUNITIONS})\b",
    re.IGNORECASE,
)
_COUNTED_NOUN = re.compile(rf"\b(?:{_EVENT_NOUNS}|{_MUNITIONS})\b", re.IGNORECASE)
# The nouns anywhere in lowered text, word edges aside: the cheap test before _COUNTED_NOUN.
_COUNTED_LOWER = re.compile(_trie([*_EVENT_NOUNS.split("|"), *_MUNITIONS.split("|")]))
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
    r"\b(?:since|so far|to date|this year|over the past|in the past|throughout"
    r"|over the last|in recent (?:weeks|months)|a total of|in total|altogether"
    # "during the war", "during 2023"; not one act: "during clashes", "during their escape"
    r"|during(?!\s+(?:(?:a|an|the|their|his|her|its|violent|heavy|fierce|armed)\s+){0,2}"
    r"(?:escape|flight|clash(?:es)?|attack|raid|ambush|explosion|battle|shelling|bombardment"
    r"|assault|confrontations?|skirmish(?:es)?|firefight|shootout|gunfight|incident)\b)"
    # a rate is a statistic: "79 homicidios diarios", "three attacks a day"
    r"|daily|diari[oa]s|per day|a day|each day|every day|por d[ií]a|par jour)\b",
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
    text: str, start: int, end: int, dates: Sequence[DateMention], *, headline: bool = False
) -> list[AggregateMention]:
    """Counting statements in ``text[start:end]``; ``dates`` are that span's date mentions.
    In a ``headline`` a count with no period is the day's news, one act told by its parts:
    "18 raids target Hreitan town", "At least four raids on areas in Ma'arat al-Nu'man"."""
    sentence = text[start:end]
    # Most sentences count nothing: a cheap test first. Plain ASCII lowered is what the
    # case-blind pattern sees; other letters ("ſ" matches "s") go straight to the pattern.
    if sentence.isascii() and _COUNTED_LOWER.search(sentence.lower()) is None:
        return []
    if _COUNTED_NOUN.search(text, start, end) is None:
        return []
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
        if not munitions and not (over_period or (big and not day_dated and not headline)):
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
                metric=metric_of(noun),
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
    if not figures:
        return []  # most sentences tell no toll: skip the period tests
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
        if _one_act_last_week(text, start, end, figure, near_period or [period]):
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


# A toll told as the outcome of a finished act: "killed 11 Christians", not "have killed
# 11 Christians", "the death toll has risen to".
_PERFECT_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+){0,2}?\Z", re.IGNORECASE)


def _one_act_last_week(
    text: str,
    start: int,
    end: int,
    figure: CasualtyMention,
    periods: Sequence[DateMention | None],
) -> bool:
    """ "Militants killed 11 Christians in Cabo Delgado province last week": one act told
    with the week it happened in, an incident; not "more than 100 killed since November",
    "have killed 40 people this week" or "in the past week" (a count over the period)."""
    if not periods or any(p is None or p.since or p.precision != "week" for p in periods):
        return False
    if PERIOD_WORDS.search(text, start, end) or _MANY_ACTS.search(text, start, end):
        return False
    low = figure.low if figure.low is not None else figure.best
    if low is None or low >= 100:
        return False  # "killed 300 people last week" counts many acts
    return _PERFECT_BEFORE.search(text, max(start, figure.start - 30), figure.start) is None


# What a statement counts. Event metrics count acts (one incident each), "munitions
# fired" counts rounds (the incidents do not record how many each fired), and the
# "people ..." metrics count casualties.
EVENT_METRICS = ("attacks", "incidents", "clashes", "shootings", "killings", "kidnappings")
MUNITION_METRIC = "munitions fired"
CASUALTY_METRICS = ("people killed", "people injured", "people abducted", "people missing")
METRICS = (*EVENT_METRICS, MUNITION_METRIC, *CASUALTY_METRICS)

_METRIC_OF_NOUN = {
    "incidents": "incidents",
    "clashes": "clashes",
    "shootings": "shootings",
    "killings": "killings",
    "kidnappings": "kidnappings",
    "abductions": "kidnappings",
    "homicides": "killings",
    "murders": "killings",
    "homicidios": "killings",
    "homicídios": "killings",
    "asesinatos": "killings",
    "assassinatos": "killings",
}


def metric_of(noun: str) -> str:
    """The metric a counted noun names: "launches" -> "attacks", "rockets" -> "munitions
    fired", "abductions" -> "kidnappings"; a metric name is returned as it is."""
    word = " ".join(noun.lower().split())
    if word in METRICS:
        return word
    if word in _METRIC_OF_NOUN:
        return _METRIC_OF_NOUN[word]
    if re.fullmatch(_MUNITIONS, word) or word.endswith(" fired"):
        return MUNITION_METRIC  # also "rockets fired", as earlier versions stored it
    return "attacks"


def _period(dates: Sequence[DateMention]) -> DateMention | None:
    for mention in dates:
        if mention.since:
            return mention
    for mention in dates:
        if mention.precision in ("month", "year", "part_of_month", "week") and not mention.speech:
            return mention
    return None
