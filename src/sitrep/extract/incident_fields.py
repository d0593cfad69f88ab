"""A draft incident -> the ``Incident`` model: type, casualties, actors, target, place, date.

Input: a ``Draft`` (the clusters of event words, figures, dates and weapons that
``coreference`` grouped as one act), the report's text, sentences, date mentions, actor
names, place mentions and clock times. Output: an ``Incident`` whose every value carries
the span it came from, or None when the draft is a trend rather than an act.

    "Yesterday, gunmen killed two villagers near Goma."

becomes one attack with killed 2 (best 2), the gunmen as perpetrators, the date of the
day before publication and Goma as its place. The act's kind comes from
``events.classify``; its actors from ``actors.incident_roles``; its place from
``places.incident_place``; its date from ``incident_dates``; its totals from
``tolls.total``, except that tolls told in several headlines (one a line) are the same
dead counted by each source: the largest, not their sum.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from sitrep.extract import actors as actor_rules
from sitrep.extract import casualties as casualty_rules
from sitrep.extract import places as place_rules
from sitrep.extract.actor_mentions import ActorRole
from sitrep.extract.casualties import CasualtyMention
from sitrep.extract.clock import ClockTime
from sitrep.extract.coreference import GENERIC_FAMILIES, Draft, T
from sitrep.extract.dates import DateMention
from sitrep.extract.events import classify, failed
from sitrep.extract.headlines import is_headline, is_title_line, sentence_at
from sitrep.extract.incident_dates import incident_date, local_day
from sitrep.extract.segment import Sentence
from sitrep.models import Actor, Casualties, Count, Incident, Span

_TARGET = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:at|against|on|targeting|toward|towards)\s+"
    r"(?P<target>(?:the |a |an )?(?:[\w.'/-]+\s+){0,4}?(?:base|bases|ship|vessel|tanker|carrier"
    r"|convoy|checkpoint|post|patrol|station|headquarters|barracks|embassy|consulate|village"
    r"|town|camp|airport|facility|facilities|positions?|troops|forces|home|house|office|market"
    r"|mosque|church|school|hospital|bus|vehicle|car|truck|building|residence|sites?))\b",
    re.IGNORECASE,
)
# Words that name the killing of one person: "THE MURDER TOOK PLACE", "a homicide",
# "Agricultor é assassinado a tiros", "asesinada", "exécuté" (singular forms only).
_ONE_VICTIM = re.compile(
    r"murder|assassination|homicide|homicidio|homicídio|assassinat[oa]|asesinato"
    r"|assassinad[oa]|asesinad[oa]|executad[oa]|ejecutad[oa]|assassinée?|exécutée?",
    re.IGNORECASE,
)


def build_incident(
    text: str,
    draft: Draft,
    sentences: list[Sentence],
    dates: list[DateMention],
    anchor: dt.date | None,
    story: DateMention | None,
    names: list[actor_rules.ActorName],
    places: list[place_rules.PlaceMention],
    clocks: list[ClockTime],
) -> Incident | None:
    """The incident ``draft`` tells, as the model with its evidence; None for a trend
    ("the attacks from Iraq ... have been on the rise"), not an act."""
    evidence: list[Span] = []
    events = [e for c in draft.clusters for e in c.events]
    weapon_mentions = _unique([w for c in draft.clusters for w in c.weapons])
    figures = _unique([f for c in draft.clusters for f in c.casualties] + draft.extra_casualties)
    roles = actor_rules.incident_roles(text, draft, sentences, names)
    context = _context(text, draft, roles)
    if any(e.family == "air" for e in events):
        # "the strike killed 15 of the attacking al-Shabaab terrorists": they attacked
        # someone else; in this act, the strike, they are the ones struck.
        figures = [
            replace(f, perpetrator=False, group="militants") if f.perpetrator else f
            for f in figures
        ]

    for event in events[:3]:
        evidence.append(_span(text, event.start, event.end, "event_type"))
    weapons: list[str] = []
    for mention in weapon_mentions:
        if mention.weapon not in weapons:
            weapons.append(mention.weapon)
            evidence.append(_span(text, mention.start, mention.end, "weapons"))

    killed = _total(text, figures, "killed", sentences)
    injured = _total(text, figures, "injured", sentences)
    breakdown = _breakdown(figures)
    for figure in figures:
        evidence.append(_span(text, figure.start, figure.end, figure.kind))
    if killed is None and injured is not None and injured.high == 0:
        # "NO ONE WAS INJURED": nobody was hurt, so nobody died either.
        killed = Count(low=0, best=0, high=0)
        zero = next(f for f in figures if f.kind == "injured" and f.high == 0)
        evidence.append(_span(text, zero.start, zero.end, "killed"))
    quiet = next((e for e in events if e.family == "intercept"), None)
    if not figures and quiet is not None:
        # "ANOTHER DYNAMITE CHARGE WAS DEFUSED": a device defused or a drone shot down
        # harmed no one unless the report says otherwise (ACLED codes 0 fatalities).
        killed = injured = Count(low=0, best=0, high=0)
        evidence.append(_span(text, quiet.start, quiet.end, "killed"))
        evidence.append(_span(text, quiet.start, quiet.end, "injured"))
    if killed is None:
        single = next((e for e in events if _ONE_VICTIM.fullmatch(e.text)), None)
        if single is not None:
            # "THE MURDER TOOK PLACE AT 2220 LAST NIGHT": a murder has one victim.
            killed = Count(low=1, best=1, high=1)
            evidence.append(_span(text, single.start, single.end, "killed"))

    families = {e.family for e in events}
    harmed = any((f.best or f.low or 0) > 0 for f in figures if not f.perpetrator)
    event_type, sub_event_type = classify(
        families,
        weapons,
        victim_groups=[f.group for f in figures if not f.perpetrator],
        context=context,
        harmed=harmed,
    )
    outcome = None
    if "intercept" in families and sub_event_type == "Disrupted weapons use":
        outcome = "intercepted"
    elif failed(context) and not harmed:
        outcome = "failed"

    date, date_spans = incident_date(draft, sentences, dates, anchor, story)
    if (
        all(e.plural for e in events)
        and not figures
        and date.precision not in ("day", "days")
        and not is_headline(text, sentences[draft.clusters[0].sentence], draft.clusters[0].sentence)
    ):
        # "the attacks from Iraq ... have been on the rise": a trend, not an act.
        return None
    for start, end in date_spans:
        evidence.append(_span(text, start, end, "date"))

    target = None
    first = events[0]
    match = _TARGET.match(text, first.end, draft.clusters[0].end)
    if match:
        target = match.group("target")
        evidence.append(_span(text, match.start("target"), match.end("target"), "target"))

    actors = _actors(text, roles, evidence)
    location, candidates, place_spans = place_rules.incident_place(
        text,
        [(c.start, c.end) for c in draft.clusters],
        sentences,
        draft.clusters[0].sentence,
        draft.last.sentence,
        places,
    )
    for start, end in place_spans:
        evidence.append(_span(text, start, end, "location"))
    date = local_day(text, date, date_spans, sentences, location, evidence, clocks)

    confidence = 0.45
    confidence += 0.15 if date_spans else 0
    confidence += 0.15 if figures else 0
    confidence += 0.1 if weapons else 0
    confidence += 0.1 if families - GENERIC_FAMILIES else 0
    confidence += 0.05 if len(draft.clusters) > 1 else 0
    confidence -= 0.15 if all(e.plural for e in events) else 0
    return Incident(
        event_type=event_type,
        sub_event_type=sub_event_type,
        outcome=outcome,
        weapons=weapons,
        target=target,
        actors=actors,
        date=date,
        location=location,
        location_candidates=candidates if len(candidates) > 1 else [],
        killed=killed,
        injured=injured,
        casualties=breakdown,
        confidence=round(min(max(confidence, 0.05), 0.95), 2),
        evidence=evidence,
    )


def _context(text: str, draft: Draft, roles: list[ActorRole]) -> str:
    """The act's words as ``events.classify`` reads them, the perpetrators' names blanked:
    "al-Fateh Army executes 2 men" is not an attack on an army, and "Militants killed 11
    Christians" no attack on militants."""
    parts = []
    for cluster in draft.clusters:
        words = list(text[cluster.start : cluster.end])
        for role in roles:
            if role.role != "perpetrator":
                continue
            for at in range(max(role.start, cluster.start), min(role.end, cluster.end)):
                words[at - cluster.start] = " "
        parts.append("".join(words))
    return " ".join(parts)


def _total(
    text: str, figures: list[CasualtyMention], kind: str, sentences: list[Sentence]
) -> Count | None:
    """The act's total of one kind. Figures told in different headlines, one a line (a
    report listing its sources' headlines: "Bomb kills 6 in Kunduz" / "Drone strike kills
    commander, 4 others"), are the same dead counted by each source: the largest
    headline's total, not their sum."""
    lines: dict[int, list[CasualtyMention]] = {}
    for figure in figures:
        sentence = sentence_at(sentences, figure.start)
        if sentence is None or not is_title_line(text, sentence):
            return casualty_rules.total(figures, kind)
        lines.setdefault(sentence.start, []).append(figure)
    if len(lines) < 2:
        return casualty_rules.total(figures, kind)
    counts = [c for line in lines.values() if (c := casualty_rules.total(line, kind)) is not None]
    if not counts:
        return None
    return max(counts, key=lambda c: (c.best or c.low or c.high or 0, c.best is not None))


def _actors(text: str, roles: list[ActorRole], evidence: list[Span]) -> list[Actor]:
    """The act's actors (extract/actors.py reads them) as models, with their evidence."""
    out = []
    for role in roles:
        evidence.append(_span(text, role.start, role.end, "actors"))
        if role.cue is not None:
            evidence.append(_span(text, role.cue[0], role.cue[1], "attribution"))
        out.append(
            Actor(
                name=role.name,
                role=role.role,
                attribution=role.attribution,
                actor_id=role.actor_id,
                actor_type=role.actor_type,
                claimant=role.name if role.attribution == "claimed" else None,
                claim_channel=role.claim_channel,
                text=role.text,
            )
        )
    return out


def _unique(items: list[T]) -> list[T]:
    """Each mention once, in text order. One span can carry two figures of different
    kinds ("left no civilians dead or injured"), so the kind is part of the key."""
    seen: set[tuple[int, int, str]] = set()
    out = []
    for item in sorted(items, key=lambda i: i.start):
        key = (item.start, item.end, getattr(item, "kind", ""))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _breakdown(figures: list[CasualtyMention]) -> list[Casualties]:
    """One figure per kind and group; perpetrators' own deaths are listed apart."""
    out = []
    keys = list(dict.fromkeys((f.kind, f.group, f.perpetrator) for f in figures))
    for kind, group, perpetrator in keys:
        same = [
            f for f in figures if (f.kind, f.group, f.perpetrator) == (kind, group, perpetrator)
        ]
        if perpetrator:
            count: Count | None = _max_count(same)
        else:
            count = casualty_rules.total(same, kind)
        if count is None:
            continue
        out.append(
            Casualties(
                kind=kind,
                group="perpetrators" if perpetrator else group,
                low=count.low,
                best=count.best,
                high=count.high,
                qualifier=count.qualifier,
                text=same[0].text,
            )
        )
    return out


def _max_count(figures: list[CasualtyMention]) -> Count:
    best = max(figures, key=lambda f: f.best or f.low or 0)
    return Count(low=best.low, best=best.best, high=best.high, qualifier=best.qualifier)


def _span(text: str, start: int, end: int, field_name: str) -> Span:
    return Span(start=start, end=end, quote=text[start:end], field=field_name)
