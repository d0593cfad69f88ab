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

The actors are the perpetrators the statement counts, read from the statement's own
clause and never from another sentence: the subject before the number ("Iraqi militias
have claimed responsibility for more than 100 launches" -> Iraqi militias, claimed),
the agent after it ("some 200 strikes by Iraqi militias" -> attributed_by_source), a
name inside the phrase ("some 200 Houthi attacks"), or the subject of the clause before
when the statement's clause has none of its own ("Iraqi militias have claimed ... and
have carried out some 200 strikes" -> Iraqi militias, attributed_by_source: the claim
belongs to the first clause only).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.extract.actors import ActorName, attribution_of
from sitrep.extract.casualties import CasualtyMention
from sitrep.extract.dates import DateMention, _trie
from sitrep.extract.events import find_weapons
from sitrep.extract.numbers import NumberPhrase, parse_number
from sitrep.extract.segment import split_sentences
from sitrep.models import Actor, AggregateStatement, Area, Attribution, Count, DateSpan, Span

if TYPE_CHECKING:
    from sitrep.extract.places import PlaceMention

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


@dataclass(frozen=True, slots=True)
class StatementActor:
    """A perpetrator of an aggregate statement and the span that names it (with the words
    its attribution rests on, when they follow the name: "Iraqi militias have claimed
    responsibility")."""

    actor: Actor
    start: int
    end: int


# Where one clause of a sentence ends and the next begins: "...; ...", "..., but ...",
# and a coordinator followed by a verb, whose subject is then the previous clause's:
# "Iraqi militias have claimed ... and have carried out some 200 strikes".
_CLAUSE_BREAK = re.compile(
    r";|:\s|,\s+(?:and|but|while|whereas)\b"
    r"|\s(?:and|but|while|whereas)\s+(?=(?:have|has|had|also|then|later|were|was|are|is|did"
    r"|would|will|[a-z]+ed)\b)",
    re.IGNORECASE,
)
_CARRIES_SUBJECT = re.compile(
    r"\W*(?:and|but|while|whereas)\s+(?:have|has|had|also|then|later|were|was|are|is|did"
    r"|would|will|[a-z]+ed)\b",
    re.IGNORECASE,
)
_CLAIMED_COUNT = re.compile(
    r"(?P<cue>\bclaim(?:ed|s|ing)?(?:\s+(?:responsibility|credit))?)(?:\s+for)?\s*$",
    re.IGNORECASE,
)
# A name just after one of these is what was attacked, not who attacked.
_TARGET_BEFORE = re.compile(
    r"\b(?:at|against|on|targeting|targeted|toward|towards|into)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w.'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# A name followed by one of these is the source of the figure: "Israel says ...".
_SPEAKER_AFTER = re.compile(
    r"['’]?s?\s*(?:\w+\s+){0,2}?(?:said|says|say|reported|reports|announced|told|stated"
    r"|estimates?|estimated|counted|counts|recorded|records|documented|believes|according)\b",
    re.IGNORECASE,
)
# "some 200 strikes by Iraqi militias", "attacks claimed by the group".
_AGENT_BEFORE = re.compile(
    r"^(?:\s+[\w'-]+){0,4}?\s+(?P<how>claimed\s+by|carried\s+out\s+by|blamed\s+on"
    r"|attributed\s+to|by)\s+(?:the\s+|a\s+|an\s+)?(?P<doubt>(?:suspected|alleged)\s+)?"
    r"(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# Between a name inside the phrase and its end: at most two words that modify the noun.
_MODIFIER_AFTER = re.compile(
    r"(?:\s+(?!(?:in|during|of|at|on|by|as|killed|wounded|injured|dead|died|die|were|was)\b)"
    r"[\w/'-]+){1,3}",
    re.IGNORECASE,
)
_HARM_VERB = re.compile(
    r"\b(?:kill|murder|massacre|slaughter|execute|wound|injure|kidnap|abduct|shoot|shot)\w*",
    re.IGNORECASE,
)
_TOLL_WORDS = re.compile(
    r"\b(?:killed|wounded|injured|dead|died|die|were|was|murdered|abducted|kidnapped)\b",
    re.IGNORECASE,
)
# Names joined into one subject: "Hamas and Islamic Jihad have fired ...".
_JOINED = re.compile(r"\s*(?:,|&|and|,\s*and)\s*(?:the\s+)?", re.IGNORECASE)


def statement_actors(
    text: str, mention: AggregateMention, names: Sequence[ActorName]
) -> list[StatementActor]:
    """The perpetrators an aggregate statement counts, from its own clause (or, when that
    clause has no subject, the clause before it in the same sentence)."""
    if not names:
        return []
    sentence_start, sentence_end = _sentence_around(text, mention.start)
    clause_start = _clause_start(text, sentence_start, mention.start)
    clause_end = _clause_end(text, mention.end, sentence_end)
    casualties = mention.metric in CASUALTY_METRICS
    out: list[StatementActor] = []
    # The agent: "some 200 strikes by Iraqi militias".
    for name in names:
        if mention.end <= name.start < clause_end:
            agent = _AGENT_BEFORE.match(text[mention.end : name.start])
            if agent is not None:
                out.append(_agent(name, agent))
    # A name just before the counted noun: "some 200 Houthi attacks", not the victims of
    # "20 Kurdish militants killed in air strikes".
    if not out and not casualties:
        inside = [n for n in names if mention.start <= n.start and n.end <= mention.end]
        out.extend(
            _subject(text, n, mention.start, mention)
            for n in inside
            if _MODIFIER_AFTER.fullmatch(text, n.end, mention.end)
            and _TARGET_BEFORE.search(text, mention.start, n.start) is None
        )
    # A toll has a perpetrator before it only when the phrase opens with its verb: "the
    # death squads murdered hundreds of citizens"; "the FMLN ... approximately 1,000 dead"
    # may be the FMLN's own dead.
    opening = text[mention.start : mention.number.start]
    if casualties and not _HARM_VERB.search(opening):
        return _unique(out)
    # "SIX GUERRILLAS WERE KILLED IN THE CLASHES": a toll inside the phrase; whoever the
    # clause names before it may be either side.
    if out or _TOLL_WORDS.search(text, mention.number.end, mention.end):
        return _unique(out)
    # The subject: the nearest name before the number in the statement's own clause.
    own = _subjects(text, names, clause_start, mention.start)
    if own:
        return _unique([_subject(text, n, clause_start, mention) for n in own])
    if clause_start > sentence_start and _CARRIES_SUBJECT.match(text, clause_start):
        # "..., Iraqi militias have claimed ... and have carried out some 200 strikes": the
        # attribution is read from this clause's own words, not the claim of the one before.
        before = _clause_start(text, sentence_start, clause_start)
        carried = _subjects(text, names, before, clause_start, nearest=False)
        return _unique([_subject(text, n, clause_start, mention, carried=True) for n in carried])
    return []


def _subjects(
    text: str, names: Sequence[ActorName], start: int, end: int, *, nearest: bool = True
) -> list[ActorName]:
    """The subject of ``text[start:end]``: the nearest (or first) name that is neither a
    target nor a speaker, with the names joined to it by "and"."""
    eligible = [
        n
        for n in names
        if start <= n.start
        and n.end <= end
        and _TARGET_BEFORE.search(text, max(start, n.start - 60), n.start) is None
        and _SPEAKER_AFTER.match(text, n.end, end) is None
    ]
    if not eligible:
        return []
    index = len(eligible) - 1 if nearest else 0
    group = [eligible[index]]
    while index > 0 and _JOINED.fullmatch(text, eligible[index - 1].end, eligible[index].start):
        index -= 1
        group.insert(0, eligible[index])
    if not nearest:
        last = eligible.index(group[-1])
        for following in eligible[last + 1 :]:
            if not _JOINED.fullmatch(text, group[-1].end, following.start):
                break
            group.append(following)
    return group


def _subject(
    text: str, name: ActorName, start: int, mention: AggregateMention, *, carried: bool = False
) -> StatementActor:
    # Read from ``start`` (the clause), not from the name, when the subject is carried.
    reader = name if not carried else ActorName(start, start, "", name.name)
    claimed = _CLAIMED_COUNT.search(text, reader.end, mention.start)
    if claimed is not None:
        # "The Houthis have claimed more than 50 attacks": a claim of the count itself.
        attribution: Attribution = "claimed"
        channel = None
        cue: tuple[int, int] | None = claimed.span("cue")
    else:
        attribution, channel, cue = attribution_of(text, reader, start, mention.end)
    span_end = name.end
    if cue is not None and not carried and cue[0] >= name.end and cue[1] <= mention.start:
        span_end = max(span_end, cue[1])
    return StatementActor(_actor(name, attribution, channel), name.start, span_end)


def _agent(name: ActorName, agent: re.Match[str]) -> StatementActor:
    how = " ".join(agent.group("how").lower().split())
    attribution: Attribution = "attributed_by_source"
    if how == "claimed by":
        attribution = "claimed"
    elif how in ("blamed on", "attributed to") or agent.group("doubt"):
        attribution = "suspected"
    return StatementActor(_actor(name, attribution, None), name.start, name.end)


def _actor(name: ActorName, attribution: Attribution, channel: str | None) -> Actor:
    return Actor(
        name=name.name,
        role="perpetrator",
        attribution=attribution,
        actor_id=name.actor_id,
        actor_type=name.actor_type,
        claim_channel=channel,
        text=name.text,
    )


def _unique(found: list[StatementActor]) -> list[StatementActor]:
    seen: dict[str, StatementActor] = {}
    for item in found:
        seen.setdefault(item.actor.name, item)
    return list(seen.values())


@functools.lru_cache(maxsize=4)
def _sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    # A report's statements are built one after another: split it once, not once each.
    return tuple((s.start, s.end) for s in split_sentences(text))


def _sentence_around(text: str, position: int) -> tuple[int, int]:
    for start, end in _sentence_bounds(text):
        if start <= position < end:
            return start, end
    return 0, len(text)


def _clause_start(text: str, sentence_start: int, position: int) -> int:
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, sentence_start, position)]
    return breaks[-1] if breaks else sentence_start


def _clause_end(text: str, position: int, sentence_end: int) -> int:
    found = _CLAUSE_BREAK.search(text, position, sentence_end)
    return found.start() if found else sentence_end


def _evidence(text: str, start: int, end: int, field_name: str) -> Span:
    return Span(start=start, end=end, quote=text[start:end], field=field_name)
