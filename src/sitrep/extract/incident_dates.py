"""A draft incident and the report's date mentions -> the incident's date interval.

Input: a ``Draft`` (from ``coreference``), the report's sentences and ``DateMention``s
(from ``dates.find_dates``), the publication anchor and the report's story date.
Output: a ``DateSpan`` with the spans of text it rests on; ``local_day`` then moves a
day to where the act happened when a clock time in another zone says so.

    "ON 7 JANUARY A GROUP OF ARMED MEN ROBBED A BUSINESSMAN. THE MEN SHOT HIM"

dates the shooting 7 January (the paragraph's date); "8:45 p.m. (EST) on Dec. 25" in
Iraq is 26 December there. The date is taken, in this order, from the act's own
sentences, the act it is told relative to ("the day before"), its paragraph, the
report's story date (the lead's "TODAY"), else an open interval ending on the day the
report was published (or the day it was said: "the army said on Tuesday that ...").
"""

from __future__ import annotations

import datetime as dt

from sitrep.extract.clock import ClockTime, local_shift
from sitrep.extract.coreference import Draft, draft_date, within
from sitrep.extract.dates import DateMention
from sitrep.extract.headlines import sentence_at
from sitrep.extract.segment import Sentence
from sitrep.models import DateSpan, Place, Span


def incident_date(
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


def story_date(
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


def local_day(
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
    sentence = sentence_at(sentences, first)
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
    evidence.append(
        Span(start=clock.start, end=clock.end, quote=text[clock.start : clock.end], field="date")
    )
    days = dt.timedelta(days=shift)
    return date.model_copy(update={"start": date.start + days, "end": date.start + days})
