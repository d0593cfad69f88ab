"""A report's text -> its candidate incidents and aggregate statements, with evidence.

Input: the text and its publication date (the anchor for "yesterday"), if known.
Output: ``Extraction`` with ``Incident`` models (status "candidate") and
``AggregateStatement`` models; every value carries the span it came from.

    >>> found = extract("Yesterday, gunmen killed two villagers near Goma.", published="2024-08-07")
    >>> [(str(i.date.start), i.killed.best) for i in found.incidents]
    [('2024-08-06', 2)]

How: sentences are split; event words (events.py), dates (dates.py), casualty
figures (casualties.py), weapons, actor names (actors.py), places (places.py) and
clock times (clock.py) are found once over the whole text; each
sentence's event words form one or more clusters (a new cluster where a
coordinator separates two different kinds of act: "attacked by Hizballah drones
..., as well as rocket fire from Gaza"); clusters in neighbouring sentences that
describe the same act are merged ("The blast killed three"); a new date, a
different kind of act or words like "in another attack" start a new incident.
Counting statements ("more than 100 launches since November") become aggregate
statements. Hypothetical, threatened and generic mentions ("the attacks have
declined", "such an attack would") are not incidents.

This module groups the report's words into draft incidents and aggregate mentions;
``incident_fields`` turns each draft into its ``Incident`` (dated by
``incident_dates``), ``aggregate_statements`` each mention into its
``AggregateStatement``, and ``headlines`` says which sentences are headlines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TypeVar

from sitrep.extract import actors as actor_rules
from sitrep.extract import places as place_rules
from sitrep.extract.aggregate_statements import statement
from sitrep.extract.aggregates import (
    AggregateMention,
    find_aggregates,
    find_casualty_aggregates,
)
from sitrep.extract.casualties import CasualtyMention, find_casualties
from sitrep.extract.clock import find_clocks
from sitrep.extract.coreference import (
    GENERIC_FAMILIES,
    OTHER_TIME,
    Draft,
    build_clusters,
    earlier_incident,
    inside,
    is_background,
    is_near,
    within_each,
)
from sitrep.extract.dates import (
    Dateline,
    find_dateline,
    find_dates,
    report_anchor,
)
from sitrep.extract.events import find_events, find_weapons
from sitrep.extract.headlines import is_headline, is_title_line, sentence_at
from sitrep.extract.incident_dates import story_date
from sitrep.extract.incident_fields import build_incident
from sitrep.extract.segment import Sentence, fold_letters, split_sentences
from sitrep.models import AggregateStatement, Incident, Model

_PERFECT = re.compile(r"\b(?:have|has)\s+(?:been\s+)?\w+(?:ed|en)\b", re.IGNORECASE)

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
            text, sentence.start, sentence.end, s_dates, headline=is_title_line(text, sentence)
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
        if not s_figures and not has_day and not is_headline(text, sentence, index):
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
                and not (cluster is clusters[0] and is_title_line(text, sentence))
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

    story = story_date(sentences, dates, anchor)
    incidents = [
        build_incident(text, draft, sentences, dates, anchor, story, names, places, clocks)
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


def _sentence_places(
    sentences: list[Sentence], places: list[place_rules.PlaceMention], at: int
) -> list[place_rules.PlaceMention]:
    """The places named in the sentence around offset ``at``."""
    sentence = sentence_at(sentences, at)
    if sentence is None:
        return []
    return [p for p in places if sentence.start <= p.start < sentence.end]


def _dateline_place(text: str, dateline: Dateline | None) -> tuple[int, int] | None:
    """The span of the dateline's place: "SAN SALVADOR" of "SAN SALVADOR, 3 JAN 90 --"."""
    if dateline is None or not dateline.place:
        return None
    start = text.find(dateline.place, dateline.start, dateline.end)
    return None if start < 0 else (start, start + len(dateline.place))
