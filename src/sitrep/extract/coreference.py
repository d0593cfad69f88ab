"""Which words of a report tell the same act: clusters within a sentence, incidents across.

Input: one sentence's event words, dates, casualty figures and weapons (offsets in the
report text), and the incidents found so far. Output: ``Cluster``s (the acts of one
sentence) and ``Draft``s (an incident being assembled from clusters).

    "Yesterday, Israel was attacked by Hizballah drones in the north (injuring two
     civilians), as well as rocket fire from Gaza."

is two clusters - a drone attack and rocket fire - because a coordinator separates two
different kinds of act; "The blast killed three" joins the explosion told just before;
"THE STRONG EXPLOSION, WHICH DESTROYED ..." paragraphs later joins it too, being a
definite reference; "in another attack on Tuesday" starts a new incident.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sitrep.extract.casualties import CasualtyMention
from sitrep.extract.dates import DateMention
from sitrep.extract.events import EventMention, WeaponMention, classify
from sitrep.extract.segment import Sentence

# Words at the start of a clause that announce a different incident.
_NEW_INCIDENT = re.compile(
    r"\b(?:another|separate(?:ly)?|second|third|meanwhile|elsewhere|in addition|also on"
    r"|earlier|previously|later|the same day|in other|other attacks?)\b",
    re.IGNORECASE,
)
# Anywhere in a clause: an act placed before or after the one just told, on its day.
OTHER_TIME = re.compile(
    r"\b(?P<same>earlier (?:in|on) the day|earlier that day|later (?:in|on) the day"
    r"|later that day|the same day|that same day|hours (?:earlier|later|before|after))"
    r"|(?P<before>the (?:previous|preceding) day|the day before|a day earlier)\b",
    re.IGNORECASE,
)
# Between two event words in one sentence: a break that can separate two acts. "after"
# tells the act that came first: "its aircraft struck Hezbollah targets ... after rockets
# were fired at northern Israel" is two acts (of different kinds: "killed after a bomb
# exploded" stays one).
_COORDINATOR = re.compile(
    r",? as well as |; |, while |, and | and |, followed by |,? after ", re.IGNORECASE
)
GENERIC_FAMILIES = {"attack", "kill"}
# Words that name an act as the reference point of something else: "after Galan's
# assassination", "accused of killing", "the investigation into the massacre".
_REFERENCE = re.compile(
    r"\b(?:after|since|before|following|despite|because of|in connection with|investigation"
    r"(?: into| of)?|trial (?:of|for)|accused of|charged with|suspected of|convicted of"
    r"|blamed for|anniversary of|recently|responsible for)\s+(?:the\s+)?(?:[\w'-]+\s+){0,4}$",
    re.IGNORECASE,
)
# "the explosion", "this attack", "THE STRONG EXPLOSION": a reference back to a known act.
# A second statement within a sentence: "AND ALSO CHARGED THAT", "and added that".
_NEW_STATEMENT = re.compile(
    r"\b(?:said|says|charged|charges|added|adds|reported|claimed|denounced|stated|announced"
    r"|alleged|alleges)\s+that\b",
    re.IGNORECASE,
)
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|said)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)

T = TypeVar("T", DateMention, CasualtyMention, EventMention, WeaponMention)


@dataclass
class Cluster:
    sentence: int
    paragraph: int
    start: int
    end: int
    events: list[EventMention]
    weapons: list[WeaponMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    casualties: list[CasualtyMention] = field(default_factory=list)

    @property
    def families(self) -> set[str]:
        return {e.family for e in self.events}

    @property
    def kind(self) -> str:
        _, sub = classify(self.families, [w.weapon for w in self.weapons])
        return sub

    @property
    def specific(self) -> bool:
        return not (self.families <= GENERIC_FAMILIES and not self.weapons)

    @property
    def date(self) -> DateMention | None:
        own = [d for d in self.dates if not d.speech and not d.since and not d.future]
        return own[0] if own else None


@dataclass
class Draft:
    clusters: list[Cluster]
    extra_casualties: list[CasualtyMention] = field(default_factory=list)
    # "had attacked coalition forces at Erbil earlier in the day": dated from another act.
    relative_to: Draft | None = None
    relative_days: int = 0
    relative_span: tuple[int, int] | None = None

    @property
    def last(self) -> Cluster:
        return self.clusters[-1]


def within(items: Sequence[T], start: int, end: int) -> list[T]:
    starts = [i.start for i in items]
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    return [i for i in items[lo:hi] if i.end <= end]


def within_each(items: Sequence[T], spans: Sequence[Sentence]) -> list[list[T]]:
    """``within`` for every sentence, the items' starts listed once, not once a sentence."""
    starts = [i.start for i in items]
    out = []
    for span in spans:
        lo = bisect.bisect_left(starts, span.start)
        hi = bisect.bisect_left(starts, span.end)
        out.append([i for i in items[lo:hi] if i.end <= span.end])
    return out


def inside(item: EventMention | CasualtyMention, spans: list[tuple[int, int]]) -> bool:
    return any(a <= item.start < b for a, b in spans)


def build_clusters(
    text: str,
    sentence: Sentence,
    index: int,
    events: list[EventMention],
    dates: list[DateMention],
    figures: list[CasualtyMention],
    weapons: list[WeaponMention],
) -> list[Cluster]:
    """Group one sentence's event words into acts, and give each its region's details."""
    clusters: list[Cluster] = []
    for event in events:
        if clusters:
            last = clusters[-1]
            gap = text[last.events[-1].end : event.start]
            breaks = _COORDINATOR.search(gap)
            own_weapons = [w.weapon for w in weapons if event.start <= w.start < event.end + 40]
            _, new_kind = classify({event.family}, own_weapons)
            region_weapons = [w.weapon for w in weapons if last.start <= w.start < event.start]
            _, old_kind = classify(last.families, region_weapons)
            new_specific = event.family not in GENERIC_FAMILIES or bool(own_weapons)
            old_specific = bool(last.families - GENERIC_FAMILIES) or bool(region_weapons)
            # "three service members had been killed ... and many wounded in a drone
            # attack": a generic word before a specific one is the same act.
            cut = last.events[-1].end + breaks.start() if breaks is not None else event.start
            # "killed three seafarers on March 6 ..., and that on March 2 they sank the
            # Rubymar": two acts of one kind, told apart by their days.
            other_day = (
                _days(dates, last.start, cut)
                not in (
                    _days(dates, cut, event.end),
                    None,
                )
                and _days(dates, cut, event.end) is not None
            )
            # "CLAIMED IT AMBUSHED A PATROL AND ALSO CHARGED THAT GUNSHIPS BOMBED TWO
            # VILLAGES": a second statement tells a second act.
            told_apart = _NEW_STATEMENT.search(gap)
            if told_apart is not None:
                breaks = told_apart
            if told_apart is None and (
                breaks is None
                or (not other_day and (not (new_specific and old_specific) or new_kind == old_kind))
            ):
                last.events.append(event)
                continue
            last.end = cut
            clusters.append(Cluster(index, sentence.paragraph, cut, sentence.end, [event]))
        else:
            clusters.append(
                Cluster(index, sentence.paragraph, sentence.start, sentence.end, [event])
            )
    for cluster in clusters:
        cluster.weapons = [w for w in weapons if cluster.start <= w.start < cluster.end]
        cluster.dates = [d for d in dates if cluster.start <= d.start < cluster.end]
        cluster.casualties = [f for f in figures if cluster.start <= f.start < cluster.end]
    # "Yesterday, Israel was attacked by drones ..., as well as rocket fire from Gaza": the
    # date at the head of the sentence holds for every act in it.
    for before, after in itertools.pairwise(clusters):
        if after.date is None and before.date is not None:
            after.dates = [before.date, *after.dates]
    return clusters


def _days(dates: list[DateMention], start: int, end: int) -> tuple[object, object] | None:
    """The day a region of a sentence is dated to, if it names exactly one day."""
    days = {
        (d.date_start, d.date_end)
        for d in dates
        if start <= d.start < end and d.precision == "day" and not d.speech
    }
    return days.pop() if len(days) == 1 else None


def is_near(cluster: Cluster, sentence: Sentence, index: int, reach: int = 1) -> bool:
    return index - cluster.sentence <= reach and sentence.paragraph - cluster.paragraph <= 1


def earlier_incident(text: str, drafts: list[Draft], cluster: Cluster) -> Draft | None:
    """The incident found earlier in the report that ``cluster`` describes again, if any.

    The neighbouring incident takes a cluster of the same kind with no clash of dates.
    Further back, only a reference that points back does: "THE STRONG EXPLOSION, WHICH
    DESTROYED ..." three paragraphs later, or "three policemen were killed" with no
    date of its own. "A third explosion", "in another attack" start a new incident.
    """
    if not drafts:
        return None
    head = text[cluster.start : cluster.events[0].start]
    if _NEW_INCIDENT.search(head) or OTHER_TIME.search(text, cluster.start, cluster.end):
        return None
    current = drafts[-1]
    if current.last.sentence == cluster.sentence:
        return None  # _clusters already decided these are different acts
    # A paragraph tells one story: "THESE THREE NEW VICTIMS ... WERE TAKEN BY FORCE FROM
    # THEIR HOMES BEFORE THEY WERE KILLED", four sentences after the murders.
    near = cluster.paragraph == current.last.paragraph or (
        cluster.sentence - current.last.sentence <= 2
        and cluster.paragraph - current.last.paragraph <= 1
    )
    definite = bool(
        _DEFINITE.search(
            text, max(cluster.start, cluster.events[0].start - 12), cluster.events[0].start
        )
    )
    if cluster.specific:
        # "Early assessments show that the strikes destroyed the facilities": the act of
        # the same kind told before, even when another act came in between.
        for draft in reversed(drafts):
            if cluster.kind in kinds(draft) and compatible(draft, cluster):
                if (draft is current and near) or definite:
                    return draft
                break
    if near and compatible(current, cluster):
        return current
    own = cluster.date
    if own is not None and own.precision == "day":
        # "IN LAST NIGHT'S ATTACK ON THREE RADIO STATIONS, THE ATTACKERS USED BOMBS": the act
        # told before on the same day, of the same kind, told again further on.
        for draft in reversed(drafts):
            known = draft_date(draft)
            if (
                known is not None
                and known.precision == "day"
                and known.date_start == own.date_start
                and (not cluster.specific or cluster.kind in kinds(draft))
            ):
                return draft
    if cluster.date is not None or not definite:
        # Further back only "THE EXPLOSION", "THE MURDER" point to a known act; "THE
        # MINISTER AND TWO BODYGUARDS WERE KILLED" far from any act is another incident.
        return None
    for draft in reversed(drafts):
        if compatible(draft, cluster):
            return draft
    return None


def is_background(text: str, cluster: Cluster) -> bool:
    """Every event word of the cluster names an act in passing, as a past reference."""
    return all(
        _REFERENCE.search(text, max(cluster.start, e.start - 60), e.start) for e in cluster.events
    )


def kinds(draft: Draft) -> set[str]:
    return {c.kind for c in draft.clusters if c.specific}


def compatible(draft: Draft, cluster: Cluster) -> bool:
    known = draft_date(draft)
    own = cluster.date
    if known is not None and own is not None and not overlap(known, own):
        return False
    if not cluster.specific:
        return True  # "The blast killed three people."
    known_kinds = kinds(draft)
    return not known_kinds or cluster.kind in known_kinds


def draft_date(draft: Draft) -> DateMention | None:
    for cluster in draft.clusters:
        if cluster.date is not None:
            return cluster.date
    return None


def overlap(a: DateMention, b: DateMention) -> bool:
    if None in (a.date_start, a.date_end, b.date_start, b.date_end):
        return True
    assert a.date_start and a.date_end and b.date_start and b.date_end
    return a.date_start <= b.date_end and b.date_start <= a.date_end
