"""A report's text -> its candidate incidents and aggregate statements, with evidence.

Input: the text and its publication date (the anchor for "yesterday"), if known.
Output: ``Extraction`` with ``Incident`` models (status "candidate") and
``AggregateStatement`` models; every value carries the span it came from.

    >>> found = extract("Yesterday, gunmen killed two villagers near Goma.", published="2024-08-07")
    >>> [(str(i.date.start), i.killed.best) for i in found.incidents]
    [('2024-08-06', 2)]

How: sentences are split; event words (events.py), dates (dates.py), casualty
figures (casualties.py) and weapons are found once over the whole text; each
sentence's event words form one or more clusters (a new cluster where a
coordinator separates two different kinds of act: "attacked by Hizballah drones
..., as well as rocket fire from Gaza"); clusters in neighbouring sentences that
describe the same act are merged ("The blast killed three"); a new date, a
different kind of act or words like "in another attack" start a new incident.
Counting statements ("more than 100 launches since November") become aggregate
statements. Hypothetical, threatened and generic mentions ("the attacks have
declined", "such an attack would") are not incidents.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TypeVar

from sitrep.extract import actors as actor_rules
from sitrep.extract import casualties as casualty_rules
from sitrep.extract import places as place_rules
from sitrep.extract.actor_mentions import ActorRole
from sitrep.extract.aggregates import (
    AggregateMention,
    find_aggregates,
    find_casualty_aggregates,
    statement,
)
from sitrep.extract.casualties import CasualtyMention, find_casualties
from sitrep.extract.clock import ClockTime, find_clocks, local_shift
from sitrep.extract.coreference import (
    GENERIC_FAMILIES,
    OTHER_TIME,
    Draft,
    T,
    build_clusters,
    draft_date,
    earlier_incident,
    inside,
    is_background,
    is_near,
    within,
    within_each,
)
from sitrep.extract.dates import (
    Dateline,
    DateMention,
    find_dateline,
    find_dates,
    report_anchor,
)
from sitrep.extract.events import (
    classify,
    failed,
    find_events,
    find_weapons,
)
from sitrep.extract.segment import Sentence, fold_letters, split_sentences
from sitrep.models import (
    Actor,
    AggregateStatement,
    Casualties,
    Count,
    DateSpan,
    Incident,
    Model,
    Place,
    Span,
)

_TARGET = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:at|against|on|targeting|toward|towards)\s+"
    r"(?P<target>(?:the |a |an )?(?:[\w.'/-]+\s+){0,4}?(?:base|bases|ship|vessel|tanker|carrier"
    r"|convoy|checkpoint|post|patrol|station|headquarters|barracks|embassy|consulate|village"
    r"|town|camp|airport|facility|facilities|positions?|troops|forces|home|house|office|market"
    r"|mosque|church|school|hospital|bus|vehicle|car|truck|building|residence|sites?))\b",
    re.IGNORECASE,
)
_PERFECT = re.compile(r"\b(?:have|has)\s+(?:been\s+)?\w+(?:ed|en)\b", re.IGNORECASE)
# Words that name the killing of one person: "THE MURDER TOOK PLACE", "a homicide",
# "Agricultor é assassinado a tiros", "asesinada", "exécuté" (singular forms only).
_ONE_VICTIM = re.compile(
    r"murder|assassination|homicide|homicidio|homicídio|assassinat[oa]|asesinato"
    r"|assassinad[oa]|asesinad[oa]|executad[oa]|ejecutad[oa]|assassinée?|exécutée?",
    re.IGNORECASE,
)

# How many sentences after an act a figure with no act of its own still belongs to it:
# "AN ARMED TERRORIST ATTACK AGAINST ... GENERAL ... [one sentence] ... THE VICTIM WAS
# TAKEN TO THE AIR FORCE HOSPITAL WHERE HE UNFORTUNATELY PASSED AWAY."
FIGURE_REACH = 3


@dataclass
class Extraction:
    incidents: list[Incident]
    aggregates: list[AggregateStatement]
    anchor: dt.date | None
    anchor_source: str


def extract(
    text: str,
    *,
    published: str | None = None,
) -> Extraction:
    """Find the incidents and aggregate statements a report describes."""
    folded = fold_letters(text)
    if folded is not text:
        # "Frıday", "civilianſ": read as ASCII letters, at the same offsets; the quotes
        # given back are the report's own.
        found = _extract(folded, published=published)
        found.incidents = [_unfold(i, text, folded) for i in found.incidents]
        found.aggregates = [_unfold(a, text, folded) for a in found.aggregates]
        return found
    return _extract(text, published=published)


def _extract(text: str, *, published: str | None) -> Extraction:
    anchor, anchor_source = report_anchor(published, text)
    dateline = find_dateline(text)
    body = dateline.end if dateline else 0
    sentences = split_sentences(text)
    dates = [d for d in find_dates(text, anchor, start=body)]
    figures = find_casualties(text, body)
    events = find_events(text, body)
    weapons = find_weapons(text, body)
    names = actor_rules.named_in(text, body)
    clocks = find_clocks(text, body)
    places = place_rules.find_places(
        text,
        sentences,
        body=body,
        dateline=_dateline_place(text, dateline),
        # "(Sanaa time)" is a clock, not the place of the act.
        exclude=[(n.start, n.end) for n in names] + [(c.start, c.end) for c in clocks],
    )

    aggregates: list[AggregateMention] = []
    drafts: list[Draft] = []
    current: Draft | None = None
    waiting: tuple[int, int, list[CasualtyMention]] | None = None
    dates_in = within_each(dates, sentences)
    figures_in = within_each(figures, sentences)
    events_in = within_each(events, sentences)
    weapons_in = within_each(weapons, sentences)
    for index, sentence in enumerate(sentences):
        s_dates = dates_in[index]
        s_aggregates = find_aggregates(
            text, sentence.start, sentence.end, s_dates, headline=_title_line(text, sentence)
        )
        aggregates.extend(s_aggregates)
        taken = [(a.start, a.end) for a in s_aggregates]
        s_figures = [f for f in figures_in[index] if not inside(f, taken)]
        s_events = [e for e in events_in[index] if e.real and not inside(e, taken)]
        has_day = any(d.precision in ("day", "days") and not d.speech for d in s_dates)
        tolls = find_casualty_aggregates(text, sentence.start, sentence.end, s_dates, s_figures)
        if tolls:
            aggregates.extend(tolls)
            counted = {(t.start, t.end) for t in tolls}
            s_figures = [f for f in s_figures if (f.start, f.end) not in counted]
            # "the heightened fighting, which has left 2,000 dead in the past month": the
            # fighting is the war going on, not one act.
            s_events = [e for e in s_events if e.family not in GENERIC_FAMILIES | {"clash"}]
        if not s_figures and not has_day and not _headline(text, sentence, index):
            # "the attacks against U.S. targets have declined": generic, not an act. A
            # headline's plural is the day's news: "Airstrikes target Maskanah".
            s_events = [e for e in s_events if not e.plural]
        if (
            not s_dates
            and s_figures
            and all(f.qualifier == "vague" and f.best is None for f in s_figures)
            and _PERFECT.search(text, sentence.start, sentence.end)
        ):
            # "MANY SOLDIERS ... HAVE BEEN KILLED, BUT THEY ARE THE HEROES": a generality.
            s_events = [e for e in s_events if e.family not in GENERIC_FAMILIES]
            s_figures = []
        clusters = build_clusters(
            text,
            sentence,
            index,
            s_events,
            s_dates,
            s_figures,
            weapons_in[index],
        )
        if not clusters:
            if (
                current is not None
                and s_figures
                and is_near(current.last, sentence, index, FIGURE_REACH)
            ):
                current.extra_casualties.extend(s_figures)
                if all(f.high == 0 and f.group == "unknown" for f in s_figures):
                    # "No personnel were hurt and none of the ships was damaged" after a
                    # paragraph telling of several acts: none of them hurt anyone.
                    for sibling in drafts:
                        if (
                            sibling is not current
                            and sibling.last.paragraph == sentence.paragraph
                            and not sibling.extra_casualties
                            and not any(c.casualties for c in sibling.clusters)
                        ):
                            sibling.extra_casualties.extend(s_figures)
            elif s_figures:
                # "TWO PEOPLE WERE KILLED TODAY." and then "THE ATTACK TOOK PLACE AT ...":
                # the toll told before the act it belongs to.
                waiting = (index, sentence.paragraph, s_figures)
            continue
        for cluster in clusters:
            earlier = earlier_incident(text, drafts, cluster)
            if earlier is not None:
                earlier.clusters.append(cluster)
                current = earlier
            elif (
                cluster.date is None
                and is_background(text, cluster)
                and not (cluster is clusters[0] and _title_line(text, sentence))
            ):
                # "SHORTLY AFTER LUIS CARLOS GALAN'S ASSASSINATION": a past act named in
                # passing; with no date of its own it is not dated to this report. A
                # headline whose main clause tells no act is about the act after "after":
                # "Silence in al-Qamishli after violent clashes".
                continue
            else:
                previous = current
                current = Draft([cluster])
                other = OTHER_TIME.search(text, cluster.start, cluster.end)
                if other is not None and previous is not None and cluster.date is None:
                    current.relative_to = previous
                    current.relative_days = -1 if other.group("before") else 0
                    current.relative_span = (other.start(), other.end())
                if (
                    waiting is not None
                    and index - waiting[0] <= 1
                    and cluster.paragraph - waiting[1] <= 1
                ):
                    current.extra_casualties.extend(waiting[2])
                waiting = None
                drafts.append(current)

    story = _story_date(sentences, dates, anchor)
    incidents = [
        _incident(text, draft, sentences, dates, anchor, story, names, places, clocks)
        for draft in drafts
    ]
    return Extraction(
        incidents=[i for i in incidents if i is not None],
        aggregates=[
            statement(text, a, anchor, names, _sentence_places(sentences, places, a.start))
            for a in aggregates
        ],
        anchor=anchor,
        anchor_source=anchor_source,
    )


_QUOTED_FIELDS = ("quote", "text", "target", "targets_text")
M = TypeVar("M", bound=Model)


def _unfold(model: M, text: str, folded: str) -> M:
    """``model`` with every quote of the folded text replaced by the same span of ``text``."""
    update: dict[str, object] = {}
    start = getattr(model, "start", None)
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "quote" and isinstance(start, int):
            update[name] = text[start : model.end]  # type: ignore[attr-defined]
        elif name in _QUOTED_FIELDS and isinstance(value, str):
            at = folded.find(value)
            if at >= 0:
                update[name] = text[at : at + len(value)]
        elif isinstance(value, Model):
            update[name] = _unfold(value, text, folded)
        elif isinstance(value, list) and value and isinstance(value[0], Model):
            update[name] = [_unfold(v, text, folded) for v in value]
    return model.model_copy(update=update)


def _incident(
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

    date, date_spans = _date(draft, sentences, dates, anchor, story)
    if (
        all(e.plural for e in events)
        and not figures
        and date.precision not in ("day", "days")
        and not _headline(text, sentences[draft.clusters[0].sentence], draft.clusters[0].sentence)
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
    date = _local_day(text, date, date_spans, sentences, location, evidence, clocks)

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
        sentence = _sentence_at(sentences, figure.start)
        if sentence is None or not _title_line(text, sentence):
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


def _date(
    draft: Draft,
    sentences: list[Sentence],
    dates: list[DateMention],
    anchor: dt.date | None,
    story: DateMention | None,
) -> tuple[DateSpan, list[tuple[int, int]]]:
    """The act's date interval, and the spans of text it rests on."""
    mention = draft_date(draft)
    if mention is None and draft.relative_to is not None and draft.relative_span is not None:
        base = draft_date(draft.relative_to)
        if base is not None and base.date_start is not None and base.date_end is not None:
            shift = dt.timedelta(days=draft.relative_days)
            return (
                DateSpan(
                    start=base.date_start + shift,
                    end=base.date_end + shift,
                    precision=base.precision,
                    text=base.text,
                    anchor=base.anchor,
                ),
                [draft.relative_span, (base.start, base.end)],
            )
    if mention is None:
        mention = _paragraph_date(draft, sentences, dates)
    if mention is None and story is not None and story.date_start and anchor:
        # The report's lead says when its news happened ("... EXPLODED TODAY IN LA PAZ");
        # an act the report gives no date for happened between then and publication.
        start = story.date_start
        return (
            DateSpan(
                start=start,
                end=anchor,
                precision="day" if start == anchor else "days",
                text=story.text,
                anchor=anchor,
            ),
            [(story.start, story.end)],
        )
    if mention is not None and mention.date_start is not None:
        return (
            DateSpan(
                start=mention.date_start,
                end=mention.date_end,
                precision=mention.precision,
                text=mention.text,
                anchor=mention.anchor,
            ),
            [(mention.start, mention.end)],
        )
    # No date for the act itself: it happened on or before the day it was reported
    # (or said: "the army said on Tuesday that rebels attacked").
    said = [d for c in draft.clusters for d in c.dates if d.speech and d.date_end is not None]
    end = said[0].date_end if said else anchor
    return DateSpan(start=None, end=end, precision="unknown", text=None, anchor=anchor), []


def _story_date(
    sentences: list[Sentence], dates: list[DateMention], anchor: dt.date | None
) -> DateMention | None:
    """The day the report gives for its news: the first date within a week before publication.

    Wire reports open with it ("... EXPLODED TODAY IN LA PAZ"); when the lead has none,
    the first such date further on ("SHOOTING WAS HEARD ... TONIGHT") stands for it.
    """
    if not sentences or anchor is None:
        return None
    for mention in dates:
        if (
            mention.precision in ("day", "days")
            and not mention.speech
            and not mention.future
            and not mention.since
            and mention.date_start is not None
            and dt.timedelta(0) <= anchor - mention.date_start <= dt.timedelta(days=7)
        ):
            return mention
    return None


def _paragraph_date(
    draft: Draft, sentences: list[Sentence], dates: list[DateMention]
) -> DateMention | None:
    """The date of an act whose own sentences give none, from the same paragraph.

    "ON 7 JANUARY A GROUP OF ARMED MEN ROBBED A BUSINESSMAN. THE MEN SHOT HIM": the
    nearest day-precise date before the act in its paragraph, else the nearest after
    it. Nothing is taken across paragraphs, so background is not pulled into a story.
    """
    first = draft.clusters[0]
    paragraph = [s for s in sentences if s.paragraph == first.paragraph]
    if not paragraph:
        return None
    usable = [
        d
        for d in within(dates, paragraph[0].start, paragraph[-1].end)
        if not d.speech
        and not d.since
        and not d.future
        and d.precision in ("day", "days")
        and d.date_start is not None
    ]
    before = [d for d in usable if d.end <= first.start]
    if before:
        return before[-1]
    after = [d for d in usable if d.start >= first.end]
    return after[0] if after else None


def _span(text: str, start: int, end: int, field_name: str) -> Span:
    return Span(start=start, end=end, quote=text[start:end], field=field_name)


# A headline: the report's first line, short and with no full stop at its end.
_HEADLINE_LENGTH = 160
# Words of a trend, not of one day's acts: "Attacks on the rise in Iraq".
_TREND = re.compile(
    r"\b(?:rise|rising|rises|decline|declin(?:es|ing)|increase[sd]?|surge[sd]?|wave|campaign"
    r"|since|years?|months?|weeks|toll|summary|report)\b",
    re.IGNORECASE,
)


def _headline(text: str, sentence: Sentence, index: int) -> bool:
    if index != 0 or sentence.end - sentence.start > _HEADLINE_LENGTH:
        return False
    words = text[sentence.start : sentence.end]
    if words.rstrip().endswith((".", "!", "?", ":")) or _TREND.search(words):
        return False
    rest = text[sentence.end : sentence.end + 2]
    return sentence.end >= len(text.rstrip()) or rest.startswith("\n")


def _title_line(text: str, sentence: Sentence) -> bool:
    """A line of its own, short and with no full stop at its end: a headline, wherever it
    stands (a report may list the headlines of several sources, one a line)."""
    if sentence.end - sentence.start > _HEADLINE_LENGTH:
        return False
    if sentence.start > 0 and text[sentence.start - 1] != "\n":
        return False
    words = text[sentence.start : sentence.end]
    if words.rstrip().endswith((".", "!", "?", ":")) or _TREND.search(words):
        return False
    return sentence.end >= len(text.rstrip()) or text.startswith("\n", sentence.end)


def _sentence_places(
    sentences: list[Sentence], places: list[place_rules.PlaceMention], at: int
) -> list[place_rules.PlaceMention]:
    """The places named in the sentence around offset ``at``."""
    sentence = _sentence_at(sentences, at)
    if sentence is None:
        return []
    return [p for p in places if sentence.start <= p.start < sentence.end]


def _sentence_at(sentences: list[Sentence], at: int) -> Sentence | None:
    """The sentence around offset ``at``, if any."""
    return next((s for s in sentences if s.start <= at < s.end), None)


def _local_day(
    text: str,
    date: DateSpan,
    date_spans: list[tuple[int, int]],
    sentences: list[Sentence],
    location: Place | None,
    evidence: list[Span],
    clocks: list[ClockTime],
) -> DateSpan:
    """The act's day where it happened: "8:45 p.m. (EST) on Dec. 25" in Iraq is Dec. 26."""
    if date.precision != "day" or date.start is None or not date_spans or location is None:
        return date
    first = date_spans[0][0]
    sentence = _sentence_at(sentences, first)
    if sentence is None:
        return date
    clocks = [c for c in clocks if sentence.start <= c.start and c.end <= sentence.end]
    if not clocks:
        return date
    last = date_spans[0][1]
    clock = min(clocks, key=lambda c: max(c.start - last, first - c.end))
    if max(clock.start - last, first - clock.end) > 40:
        return date  # a time in the same sentence but not of this date
    shift = local_shift(clock, date.start, location.country_code)
    if not shift:
        return date
    evidence.append(_span(text, clock.start, clock.end, "date"))
    days = dt.timedelta(days=shift)
    return date.model_copy(update={"start": date.start + days, "end": date.start + days})


def _dateline_place(text: str, dateline: Dateline | None) -> tuple[int, int] | None:
    """The span of the dateline's place: "SAN SALVADOR" of "SAN SALVADOR, 3 JAN 90 --"."""
    if dateline is None or not dateline.place:
        return None
    start = text.find(dateline.place, dateline.start, dateline.end)
    return None if start < 0 else (start, start + len(dateline.place))
