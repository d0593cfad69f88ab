"""Date phrases in report text become intervals of days with a precision and their span."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.dates import (
    DateMention,
    find_dateline,
    find_dates,
    parse_date_phrase,
    report_anchor,
)

WED = date(2024, 8, 7)  # a Wednesday; Monday 5 August, Tuesday 6 August
MON = date(2024, 8, 5)
MUC = date(1990, 1, 10)  # a Wednesday dispatch of the MUC-4 era
d = date


def one(text: str, anchor: date | None = WED, **kwargs: bool) -> DateMention:
    found = find_dates(text, anchor, **kwargs)
    assert len(found) == 1, found
    return found[0]


def interval(text: str, anchor: date | None = WED) -> tuple[date | None, date | None, str]:
    m = one(text, anchor)
    return m.date_start, m.date_end, m.precision


# ------------------------------------------------------------------------- explicit dates

EXPLICIT = [
    pytest.param("5 August 2024", (d(2024, 8, 5), d(2024, 8, 5), "day"), id="day month year"),
    pytest.param("August 5, 2024", (d(2024, 8, 5), d(2024, 8, 5), "day"), id="US style"),
    pytest.param("Aug. 5, 2023", (d(2023, 8, 5), d(2023, 8, 5), "day"), id="abbreviation with dot"),
    pytest.param("2024-08-05", (d(2024, 8, 5), d(2024, 8, 5), "day"), id="ISO date"),
    pytest.param("30 DEC 89", (d(1989, 12, 30), d(1989, 12, 30), "day"), id="MUC style"),
    pytest.param("1 NOV 89", (d(1989, 11, 1), d(1989, 11, 1), "day"), id="MUC style one digit"),
    pytest.param("10 JAN 90", (d(1990, 1, 10), d(1990, 1, 10), "day"), id="MUC style 1990"),
    pytest.param("January 2024", (d(2024, 1, 1), d(2024, 1, 31), "month"), id="month and year"),
    pytest.param("in 2014", (d(2014, 1, 1), d(2014, 12, 31), "year"), id="in and a year"),
    pytest.param("DURING 1989", (d(1989, 1, 1), d(1989, 12, 31), "year"), id="during a year"),
    pytest.param(
        "Thursday 3 January 2013", (d(2013, 1, 3), d(2013, 1, 3), "day"), id="weekday and date"
    ),
    pytest.param(
        "late January 2024", (d(2024, 1, 21), d(2024, 1, 31), "part_of_month"), id="late is 21-31"
    ),
    pytest.param(
        "early November 2023", (d(2023, 11, 1), d(2023, 11, 10), "part_of_month"), id="early 1-10"
    ),
    pytest.param(
        "late February 2024", (d(2024, 2, 21), d(2024, 2, 29), "part_of_month"), id="late Feb leap"
    ),
    pytest.param("early 2024", (d(2024, 1, 1), d(2024, 4, 30), "year"), id="early year Jan-Apr"),
    pytest.param(
        "from April to July 1994", (d(1994, 4, 1), d(1994, 7, 31), "year"), id="month range"
    ),
    pytest.param(
        "in 2017-18", (d(2017, 1, 1), d(2018, 12, 31), "year"), id="cued year range is years"
    ),
    pytest.param(
        "December 2013 to February",
        (d(2013, 12, 1), d(2014, 2, 28), "year"),
        id="a month range carries its year over new year",
    ),
]


@pytest.mark.parametrize(("text", "expected"), EXPLICIT)
def test_explicit_dates_resolve_without_the_anchor(
    text: str, expected: tuple[date, date, str]
) -> None:
    m = one(text)
    assert (m.date_start, m.date_end, m.precision) == expected
    assert not m.relative
    assert m.anchor is None


NUMERIC = [
    pytest.param("5/8/2024", False, d(2024, 8, 5), id="day first by default"),
    pytest.param("5.8.2024", False, d(2024, 8, 5), id="dotted is day first"),
    pytest.param("5/8/2024", True, d(2024, 5, 8), id="month_first reads month first"),
    pytest.param("13/8/2024", True, d(2024, 8, 13), id="a first number above 12 is the day"),
    pytest.param("8/13/2024", False, d(2024, 8, 13), id="a second number above 12 is the day"),
    pytest.param("Saturday 28/7/2012", False, d(2012, 7, 28), id="weekday before numeric date"),
    pytest.param("17/10/12", False, d(2012, 10, 17), id="slashes take two digit years"),
]


@pytest.mark.parametrize(("text", "month_first", "expected"), NUMERIC)
def test_numeric_dates_are_day_first_unless_told(
    text: str, month_first: bool, expected: date
) -> None:
    m = one(text, month_first=month_first)
    assert (m.date_start, m.date_end, m.precision) == (expected, expected, "day")


TWO_DIGIT_YEARS = [
    pytest.param("30 DEC 89", None, d(1989, 12, 30), id="no anchor 89 is 1989"),
    pytest.param("3 MAR 12", None, d(2012, 3, 3), id="no anchor 12 is 2012"),
    pytest.param("3 MAR 30", None, d(1930, 3, 3), id="no anchor 30 is 1930"),
    pytest.param("3 MAR 30", d(2024, 8, 7), d(2030, 3, 3), id="the century nearest the anchor"),
    pytest.param("31 DEC 99", d(2000, 1, 2), d(1999, 12, 31), id="99 near 2000 is 1999"),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), TWO_DIGIT_YEARS)
def test_two_digit_years_take_the_nearest_century(
    text: str, anchor: date | None, expected: date
) -> None:
    assert one(text, anchor).date_start == expected


# ---------------------------------------------------------------- yearless: infer the year

YEARLESS = [
    pytest.param("Aug. 5", WED, d(2024, 8, 5), id="a past day this year"),
    pytest.param("Aug 9", WED, d(2024, 8, 9), id="up to two days ahead stays this year"),
    pytest.param("Aug 10", WED, d(2023, 8, 10), id="three days ahead is last year"),
    pytest.param("on 7 JANUARY", MUC, d(1990, 1, 7), id="MUC day without year"),
    pytest.param("30 DECEMBER", MUC, d(1989, 12, 30), id="December in a January dispatch"),
    pytest.param("Sept. 12", WED, d(2023, 9, 12), id="Sept abbreviation"),
    pytest.param("August 5th", WED, d(2024, 8, 5), id="ordinal suffix"),
    pytest.param("5th of August", WED, d(2024, 8, 5), id="of between day and month"),
    pytest.param("Jan. 1", d(2023, 12, 31), d(2024, 1, 1), id="new year's day seen on 31 Dec"),
    pytest.param("29 February", d(2025, 3, 1), d(2024, 2, 29), id="leap day takes a leap year"),
    pytest.param("the 10 November offensive", MUC, d(1989, 11, 10), id="date as modifier"),
    pytest.param("Monday, Aug. 5", WED, d(2024, 8, 5), id="weekday and date is one date"),
    pytest.param("on Monday, 5 August", WED, d(2024, 8, 5), id="on weekday comma date"),
    pytest.param("on Dec. 25 at 8:45 p.m. (EST)", d(2024, 1, 2), d(2023, 12, 25), id="clock"),
    pytest.param("at midday on Dec. 14", d(2023, 12, 20), d(2023, 12, 14), id="midday on"),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), YEARLESS)
def test_dates_without_a_year_fall_on_or_before_anchor_plus_two_days(
    text: str, anchor: date, expected: date
) -> None:
    m = one(text, anchor)
    assert (m.date_start, m.date_end, m.precision) == (expected, expected, "day")
    assert m.relative
    assert m.anchor == anchor


def test_clock_times_stay_outside_the_mention() -> None:
    assert one("on Dec. 25 at 8:45 p.m. (EST)", d(2024, 1, 2)).text == "on Dec. 25"


# -------------------------------------------------------------------------------- ranges

RANGES = [
    pytest.param("3-4 May", (d(2024, 5, 3), d(2024, 5, 4), "days"), id="day dash day month"),
    pytest.param(
        "on the night of 3-4 May", (d(2024, 5, 3), d(2024, 5, 4), "days"), id="night of a range"
    ),
    pytest.param("May 3-5", (d(2024, 5, 3), d(2024, 5, 5), "days"), id="month day dash day"),
    pytest.param("between 3 and 5 May", (d(2024, 5, 3), d(2024, 5, 5), "days"), id="between and"),
    pytest.param("from 3 to 5 May", (d(2024, 5, 3), d(2024, 5, 5), "days"), id="from to"),
    pytest.param(
        "30 April to 2 May", (d(2024, 4, 30), d(2024, 5, 2), "days"), id="across a month end"
    ),
    pytest.param(
        "30 Dec - 2 Jan", (d(2023, 12, 30), d(2024, 1, 2), "days"), id="across a year end"
    ),
    pytest.param(
        "26 DEC 89 - 30 DEC 89", (d(1989, 12, 26), d(1989, 12, 30), "days"), id="MUC range"
    ),
    pytest.param("1-7 July", (d(2024, 7, 1), d(2024, 7, 7), "week"), id="seven days is a week"),
    pytest.param("1-8 July", (d(2024, 7, 1), d(2024, 7, 8), "month"), id="eight days is no week"),
    pytest.param(
        "3 to 20 May", (d(2024, 5, 3), d(2024, 5, 20), "month"), id="longer spans are month"
    ),
    pytest.param(
        "1 January 2019 to 30 September 2020",
        (d(2019, 1, 1), d(2020, 9, 30), "year"),
        id="each end keeps its own year",
    ),
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_ranges_of_days_get_the_precision_of_their_length(
    text: str, expected: tuple[date, date, str]
) -> None:
    assert interval(text) == expected


def test_a_range_is_one_mention_covering_both_days() -> None:
    assert one("on the night of 3-4 May").text == "on the night of 3-4 May"


# ------------------------------------------------------------------------------ relative

RELATIVE = [
    pytest.param("yesterday", (d(2024, 8, 6), d(2024, 8, 6), "day"), id="yesterday"),
    pytest.param("today", (WED, WED, "day"), id="today"),
    pytest.param("this morning", (WED, WED, "day"), id="this morning is the anchor"),
    pytest.param("this afternoon", (WED, WED, "day"), id="this afternoon is the anchor"),
    pytest.param("tonight", (WED, WED, "day"), id="tonight is the anchor"),
    pytest.param("earlier today", (WED, WED, "day"), id="earlier today is the anchor"),
    pytest.param("at dawn today", (WED, WED, "day"), id="at dawn today is the anchor"),
    pytest.param(
        "the day before yesterday", (d(2024, 8, 5), d(2024, 8, 5), "day"), id="two days back"
    ),
    pytest.param(
        "yesterday afternoon", (d(2024, 8, 6), d(2024, 8, 6), "day"), id="yesterday afternoon"
    ),
    pytest.param(
        "last night", (d(2024, 8, 6), d(2024, 8, 6), "day"), id="last night is the day before"
    ),
    pytest.param("overnight", (d(2024, 8, 6), WED, "days"), id="overnight spans two days"),
    pytest.param("two days ago", (d(2024, 8, 5), d(2024, 8, 5), "day"), id="two days ago"),
    pytest.param("2 days ago", (d(2024, 8, 5), d(2024, 8, 5), "day"), id="digits days ago"),
    pytest.param("a week ago", (d(2024, 7, 31), d(2024, 7, 31), "day"), id="a week ago"),
    pytest.param(
        "last week", (d(2024, 7, 29), d(2024, 8, 4), "week"), id="last week is Monday-Sunday"
    ),
    pytest.param("this week", (MON, WED, "week"), id="this week runs Monday to the anchor"),
    pytest.param("earlier this week", (MON, WED, "week"), id="earlier this week"),
    pytest.param(
        "earlier this month", (d(2024, 8, 1), WED, "part_of_month"), id="earlier this month"
    ),
    pytest.param("this month", (d(2024, 8, 1), d(2024, 8, 31), "month"), id="this month"),
    pytest.param("last month", (d(2024, 7, 1), d(2024, 7, 31), "month"), id="last month"),
    pytest.param("earlier this year", (d(2024, 1, 1), WED, "year"), id="earlier this year"),
    pytest.param("this year", (d(2024, 1, 1), d(2024, 12, 31), "year"), id="this year"),
    pytest.param("last year", (d(2023, 1, 1), d(2023, 12, 31), "year"), id="last year"),
    pytest.param("the past 24 hours", (d(2024, 8, 6), WED, "days"), id="past 24 hours"),
    pytest.param("the last 24 hours", (d(2024, 8, 6), WED, "days"), id="last 24 hours"),
    pytest.param("the past week", (d(2024, 7, 31), WED, "week"), id="the past week"),
    pytest.param("over the weekend", (d(2024, 8, 3), d(2024, 8, 4), "days"), id="the weekend"),
    pytest.param(
        "early November", (d(2023, 11, 1), d(2023, 11, 10), "part_of_month"), id="early month"
    ),
    pytest.param(
        "mid-March", (d(2024, 3, 11), d(2024, 3, 20), "part_of_month"), id="mid dash month"
    ),
    pytest.param(
        "mid March", (d(2024, 3, 11), d(2024, 3, 20), "part_of_month"), id="mid space month"
    ),
    pytest.param(
        "in the middle of March",
        (d(2024, 3, 11), d(2024, 3, 20), "part_of_month"),
        id="the middle of a month",
    ),
    pytest.param(
        "late January", (d(2024, 1, 21), d(2024, 1, 31), "part_of_month"), id="late yearless"
    ),
    pytest.param(
        "the end of last year", (d(2023, 9, 1), d(2023, 12, 31), "year"), id="end of last year"
    ),
    pytest.param("in November", (d(2023, 11, 1), d(2023, 11, 30), "month"), id="month alone"),
    pytest.param("last May", (d(2024, 5, 1), d(2024, 5, 31), "month"), id="last and a month"),
]


@pytest.mark.parametrize(("text", "expected"), RELATIVE)
def test_relative_phrases_count_from_the_anchor(
    text: str, expected: tuple[date, date, str]
) -> None:
    m = one(text)
    assert (m.date_start, m.date_end, m.precision) == expected
    assert m.relative
    assert m.anchor == WED
    assert not m.future


WEEKDAYS = [
    pytest.param("on Monday", WED, d(2024, 8, 5), id="on Monday before a Wednesday article"),
    pytest.param("on Wednesday", WED, WED, id="a Wednesday article's Wednesday is that day"),
    pytest.param("on Thursday", WED, d(2024, 8, 1), id="a later weekday is last week's"),
    pytest.param("Monday", WED, d(2024, 8, 5), id="a bare weekday"),
    pytest.param("last Tuesday", WED, d(2024, 8, 6), id="last Tuesday is strictly before"),
    pytest.param("last Wednesday", WED, d(2024, 7, 31), id="last Wednesday is a week back"),
    pytest.param("Monday night", WED, d(2024, 8, 5), id="weekday night is that day"),
    pytest.param("on Monday morning", WED, d(2024, 8, 5), id="on weekday morning"),
    pytest.param("early on Friday", WED, d(2024, 8, 2), id="early on a weekday"),
    pytest.param("Sunday's", MON, d(2024, 8, 4), id="possessive weekday"),
    pytest.param("ON SATURDAY", MUC, d(1990, 1, 6), id="upper case weekday"),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), WEEKDAYS)
def test_weekdays_are_the_latest_such_day_on_or_before_the_anchor(
    text: str, anchor: date, expected: date
) -> None:
    m = one(text, anchor)
    assert (m.date_start, m.date_end, m.precision) == (expected, expected, "day")
    assert m.relative


WEEKENDS = [
    pytest.param("over the weekend", MON, (d(2024, 8, 3), d(2024, 8, 4)), id="Monday: just past"),
    pytest.param("this past weekend", WED, (d(2024, 8, 3), d(2024, 8, 4)), id="this past"),
    pytest.param("this weekend", d(2024, 8, 10), (d(2024, 8, 10), d(2024, 8, 11)), id="Saturday"),
    pytest.param("last weekend", d(2024, 8, 11), (d(2024, 8, 3), d(2024, 8, 4)), id="Sunday: last"),
    pytest.param(
        "protests will be held this weekend", WED, (d(2024, 8, 10), d(2024, 8, 11)), id="will"
    ),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), WEEKENDS)
def test_the_weekend_is_the_latest_one_begun_by_the_anchor(
    text: str, anchor: date, expected: tuple[date, date]
) -> None:
    m = one(text, anchor)
    assert (m.date_start, m.date_end, m.precision) == (*expected, "days")


def test_last_night_follows_the_muc4_coders() -> None:
    # The coders date an attack "LAST NIGHT" in a 12 JAN 90 dispatch as 11 JAN 90.
    text = "LA PAZ, 12 JAN 90 (EFE) -- TWO BOMB ATTACKS WERE CARRIED OUT LAST NIGHT."
    anchor, _ = report_anchor(None, text)
    night = find_dates(text, anchor)[-1]
    assert (night.text, night.date_start, night.precision) == ("LAST NIGHT", d(1990, 1, 11), "day")


# -------------------------------------------------------------------------------- future

FUTURE = [
    pytest.param("tomorrow", (d(2024, 8, 8), d(2024, 8, 8), "day"), id="tomorrow"),
    pytest.param("next Monday", (d(2024, 8, 12), d(2024, 8, 12), "day"), id="next Monday"),
    pytest.param("next week", (d(2024, 8, 12), d(2024, 8, 18), "week"), id="next week"),
    pytest.param(
        "later this month", (d(2024, 8, 8), d(2024, 8, 31), "part_of_month"), id="later month"
    ),
    pytest.param("next month", (d(2024, 9, 1), d(2024, 9, 30), "month"), id="next month"),
    pytest.param(
        "The council will meet on Monday",
        (d(2024, 8, 12), d(2024, 8, 12), "day"),
        id="will reads a weekday forwards",
    ),
    pytest.param(
        "is scheduled to vote on Aug. 20",
        (d(2024, 8, 20), d(2024, 8, 20), "day"),
        id="scheduled to reads a yearless date forwards",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FUTURE)
def test_future_phrases_are_flagged(text: str, expected: tuple[date, date, str]) -> None:
    m = one(text)
    assert (m.date_start, m.date_end, m.precision) == expected
    assert m.future


def test_will_does_not_reach_across_a_noun_phrase() -> None:
    m = one("Police will investigate the attack on Monday")
    assert (m.date_start, m.future) == (MON, False)


def test_an_explicit_date_after_the_anchor_is_future() -> None:
    assert one("elections on 5 December 2024").future


# --------------------------------------------------------------------------------- since

SINCE = [
    pytest.param("since November", d(2023, 11, 1), "month", id="since a month"),
    pytest.param(
        "since early November 2023", d(2023, 11, 1), "part_of_month", id="since part of month"
    ),
    pytest.param(
        "since the beginning of the year", d(2024, 1, 1), "year", id="since the year began"
    ),
    pytest.param("since 2011", d(2011, 1, 1), "year", id="since a year"),
    pytest.param("since Monday", d(2024, 8, 5), "day", id="since a weekday"),
]


@pytest.mark.parametrize(("text", "start", "precision"), SINCE)
def test_since_runs_from_the_date_to_the_anchor(text: str, start: date, precision: str) -> None:
    m = one(text)
    assert (m.date_start, m.date_end, m.precision, m.since) == (start, WED, precision, True)
    assert m.text == text


def test_since_without_an_anchor_has_no_end() -> None:
    m = one("since early November 2023", None)
    assert (m.date_start, m.date_end, m.since) == (d(2023, 11, 1), None, True)


def test_since_an_event_is_no_date() -> None:
    assert find_dates("fighting has raged since the war began", WED) == []


# -------------------------------------------------------------------------------- speech

SPEECH = [
    pytest.param("The army said on Tuesday", True, id="said on"),
    pytest.param("The group announced Monday", True, id="announced without on"),
    pytest.param("officials told reporters on Friday", True, id="told reporters on"),
    pytest.param("a spokesman told Reuters on Friday", True, id="told an agency on"),
    pytest.param("the ministry said in a statement on Tuesday", True, id="said in a statement"),
    pytest.param("THE ARMY REPORTED YESTERDAY THAT", True, id="reported upper case"),
    pytest.param("Three people were killed Monday, officials said.", False, id="said after"),
    pytest.param("He said the attack on Monday killed five", False, id="said then a noun"),
    pytest.param("WE HAVE BEEN TOLD THAT EARLY TODAY", False, id="told that is no speech date"),
    pytest.param("EXTRADITED TO THE UNITED STATES ON WEDNESDAY", False, id="States is a noun"),
]


@pytest.mark.parametrize(("text", "speech"), SPEECH)
def test_speech_dates_are_the_days_something_was_said(text: str, speech: bool) -> None:
    assert one(text).speech is speech


def test_speech_and_event_dates_in_one_sentence() -> None:
    text = "The ministry said on Tuesday that its forces attacked the camp on Monday."
    said, done = find_dates(text, WED)
    assert (said.text, said.date_start, said.speech) == ("on Tuesday", d(2024, 8, 6), True)
    assert (done.text, done.date_start, done.speech) == ("on Monday", d(2024, 8, 5), False)


# ----------------------------------------------------------------------------- negatives

NOT_DATES = [
    pytest.param("THE GOVERNMENT MAY ATTACK THE CITY", id="modal MAY in capitals"),
    pytest.param("the rebels may attack", id="modal may"),
    pytest.param("THIS MAY BE THE LAST OFFENSIVE", id="this MAY is the modal"),
    pytest.param("THE REBELS IN MAY BE PLANNING", id="in MAY BE is the modal"),
    pytest.param("A PROTEST MARCH THROUGH THE CAPITAL", id="march the noun"),
    pytest.param("Thousands marched on the palace", id="marched the verb"),
    pytest.param("a drone hit Tower 22", id="Tower 22"),
    pytest.param("seized an AK-47 and an M-16", id="rifle names"),
    pytest.param("AN M-16 MAY HAVE BEEN USED", id="M-16 MAY is no 16 May"),
    pytest.param("$3 BILLION IN AID", id="money"),
    pytest.param("A 25-YEAR-OLD STUDENT", id="ages"),
    pytest.param("FOR 10 YEARS", id="durations"),
    pytest.param("1,000 people fled", id="thousands"),
    pytest.param("UN Resolution 1701", id="resolution number"),
    pytest.param("Resolution 2014 was adopted", id="a bare four digit number is no year"),
    pytest.param("Sunni militias", id="Sunni is no Sunday"),
    pytest.param("THE SAT EXAM", id="SAT as a word"),
    pytest.param("Sat outside the base", id="Sat as a word"),
    pytest.param("said Jan Egeland", id="Jan as a name"),
    pytest.param("led by Jan Egeland", id="Jan after a cue word"),
    pytest.param("at 8:45 the shelling began", id="clock time"),
    pytest.param("call 555-1234 or 202-555-0199", id="phone numbers"),
    pytest.param("the 2017-18 budget", id="uncued year range"),
    pytest.param("on 31 February", id="an impossible day"),
    pytest.param("the 1st Battalion", id="ordinal unit"),
    pytest.param("recently", id="recently is too vague"),
    pytest.param("in the 1980s", id="decades are skipped"),
    pytest.param("A MARCH 10 KILOMETERS LONG", id="a number and a unit after march"),
    pytest.param("version 1.2.34", id="dotted version"),
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text, WED) == []


def test_the_year_range_is_years_never_a_day() -> None:
    assert [(m.precision, m.date_start) for m in find_dates("in 2017-18", WED)] == [
        ("year", d(2017, 1, 1))
    ]


def test_a_count_after_a_day_is_not_a_range() -> None:
    m = one("Aug. 5 to 10 people")
    assert (m.text, m.precision) == ("Aug. 5", "day")


def test_may_next_to_a_number_is_a_month() -> None:
    assert [m.text for m in find_dates("ON 5 MAY AND IN MAY 1989", WED)] == [
        "ON 5 MAY",
        "IN MAY 1989",
    ]


# ------------------------------------------------------------------------- no anchor

NO_ANCHOR = [
    pytest.param("yesterday", "day", id="yesterday"),
    pytest.param("on Monday", "day", id="a weekday"),
    pytest.param("Aug. 5", "day", id="a date without a year"),
    pytest.param("late January", "part_of_month", id="part of a month without a year"),
    pytest.param("last week", "week", id="last week"),
    pytest.param("overnight", "days", id="overnight"),
]


@pytest.mark.parametrize(("text", "precision"), NO_ANCHOR)
def test_without_an_anchor_relative_dates_keep_only_their_precision(
    text: str, precision: str
) -> None:
    m = one(text, None)
    assert (m.date_start, m.date_end, m.precision) == (None, None, precision)
    assert (m.relative, m.anchor) == (True, None)


def test_without_an_anchor_absolute_dates_still_resolve() -> None:
    assert interval("5 August 2024", None) == (d(2024, 8, 5), d(2024, 8, 5), "day")


# ----------------------------------------------------------------------------- offsets


def test_offsets_point_at_the_exact_text() -> None:
    text = "BAGHDAD, Aug 5 (Reuters) - Rockets hit the base last night; on Monday, 5 August a"
    found = find_dates(text, WED)
    assert [m.text for m in found] == ["Aug 5", "last night", "on Monday, 5 August"]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_start_and_end_scan_a_slice_with_absolute_offsets() -> None:
    text = "Yesterday rockets fell. On Monday a drone struck. Tomorrow talks resume."
    lo, hi = text.index("On Monday"), text.index("Tomorrow")
    (m,) = find_dates(text, WED, start=lo, end=hi)
    assert (m.start, m.end, m.text) == (lo, lo + len("On Monday"), "On Monday")


def test_matches_are_sorted_and_do_not_overlap() -> None:
    text = "from 3 to 5 May, then late January 2024 and again since early November 2023."
    found = find_dates(text, WED)
    assert [m.text for m in found] == [
        "from 3 to 5 May",
        "late January 2024",
        "since early November 2023",
    ]
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_a_cue_that_changes_the_meaning_stays_out_of_the_text() -> None:
    assert one("before 5 May").text == "5 May"


def test_parse_date_phrase_returns_the_widest_mention() -> None:
    m = parse_date_phrase("late January 2024", WED)
    assert m is not None
    assert (m.text, m.date_start, m.date_end) == (
        "late January 2024",
        d(2024, 1, 21),
        d(2024, 1, 31),
    )
    assert parse_date_phrase("no date here", WED) is None


# ---------------------------------------------------------------------------- datelines

DATELINES = [
    pytest.param(
        "BAGHDAD, Aug 5 (Reuters) - Rockets hit",
        ("BAGHDAD, Aug 5 (Reuters) -", "BAGHDAD", None, "Reuters"),
        id="a yearless dateline has no date of its own",
    ),
    pytest.param(
        "LIMA, 10 JAN 90 (EFE) -- [TEXT]",
        ("LIMA, 10 JAN 90 (EFE) --", "LIMA", d(1990, 1, 10), "EFE"),
        id="MUC dateline",
    ),
    pytest.param(
        "  SAN SALVADOR, 12 JAN 90 (RADIO CADENA NACIONAL) -- [TEXT] THE",
        ("SAN SALVADOR, 12 JAN 90 (RADIO CADENA NACIONAL) --", "SAN SALVADOR", d(1990, 1, 12),
         "RADIO CADENA NACIONAL"),
        id="leading spaces and a long source",
    ),
    pytest.param(
        "TAMPA, Fla. – U.S. forces struck",
        ("TAMPA, Fla. –", "TAMPA, Fla.", None, None),
        id="a place and state without date",
    ),
    pytest.param(
        "CLANDESTINE, 8 JAN 90 (RADIO VENCEREMOS) -- [STATION COMMENTARY]",
        ("CLANDESTINE, 8 JAN 90 (RADIO VENCEREMOS) --", "CLANDESTINE", d(1990, 1, 8),
         "RADIO VENCEREMOS"),
        id="clandestine radio",
    ),
    pytest.param(
        "MOSCOW (USSR), 6 SEP 89 (INTERNATIONAL SERVICE) -- [TEXT]",
        ("MOSCOW (USSR), 6 SEP 89 (INTERNATIONAL SERVICE) --", "MOSCOW (USSR)", d(1989, 9, 6),
         "INTERNATIONAL SERVICE"),
        id="a country in brackets after the city",
    ),
    pytest.param(
        "GAZA CITY, Aug. 7, 2024 (AP) — Strikes",
        ("GAZA CITY, Aug. 7, 2024 (AP) —", "GAZA CITY", d(2024, 8, 7), "AP"),
        id="modern dateline with a year",
    ),
    pytest.param(
        "PERTH (AUSTRALIA), JUNE 11 89 (AFP) -- [TEXT]",
        ("PERTH (AUSTRALIA), JUNE 11 89 (AFP) --", "PERTH (AUSTRALIA)", d(1989, 6, 11), "AFP"),
        id="month first with a two digit year",
    ),
    pytest.param(
        "BOGOTA, 18 APRIL 89 (AFP) -- [TEXT]",
        ("BOGOTA, 18 APRIL 89 (AFP) --", "BOGOTA", d(1989, 4, 18), "AFP"),
        id="full month name with a two digit year",
    ),
    pytest.param(
        "BOGOTA, NO DATE (EFE) -- [TEXT]",
        ("BOGOTA, NO DATE (EFE) --", "BOGOTA", None, "EFE"),
        id="NO DATE",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_datelines(text: str, expected: tuple[str, str, date | None, str | None]) -> None:
    line = find_dateline(text)
    assert line is not None
    assert (line.text, line.place, line.date, line.source) == expected
    assert text[line.start : line.end] == line.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("U.S. forces struck a base", id="an ordinary sentence"),
        pytest.param("UN - the council met", id="a capitalised word and a dash"),
        pytest.param("Rockets hit. BAGHDAD, Aug 5 (Reuters) -", id="not at the start"),
        pytest.param("", id="empty text"),
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_the_dateline_date_is_no_speech_date() -> None:
    m = find_dates("BAGHDAD, Aug 5 (Reuters) - Militias said", WED)[0]
    assert (m.text, m.speech) == ("Aug 5", False)


# ------------------------------------------------------------------------------ anchors

ANCHORS = [
    pytest.param("2024-08-07", "x", (d(2024, 8, 7), "published"), id="published date"),
    pytest.param(
        "2024-08-07T23:30:00-05:00", "x", (d(2024, 8, 7), "published"), id="local day not UTC"
    ),
    pytest.param(
        "2024-08-07T01:30:00+03:00", "x", (d(2024, 8, 7), "published"), id="early local time"
    ),
    pytest.param(
        "2024-08-07", "LIMA, 10 JAN 90 (EFE) --", (d(2024, 8, 7), "published"), id="published wins"
    ),
    pytest.param(
        "not a date", "LIMA, 10 JAN 90 (EFE) --", (d(1990, 1, 10), "dateline"), id="bad string"
    ),
    pytest.param(
        "2024-02-30", "LIMA, 10 JAN 90 (EFE) --", (d(1990, 1, 10), "dateline"), id="impossible"
    ),
    pytest.param(None, "LIMA, 10 JAN 90 (EFE) --", (d(1990, 1, 10), "dateline"), id="no date"),
    pytest.param(None, "BAGHDAD, Aug 5 (Reuters) -", (None, "none"), id="a yearless dateline"),
    pytest.param(None, "Rockets hit a base.", (None, "none"), id="nothing to go on"),
]


@pytest.mark.parametrize(("published", "text", "expected"), ANCHORS)
def test_report_anchor_prefers_published_then_dateline(
    published: str | None, text: str, expected: tuple[date | None, str]
) -> None:
    assert report_anchor(published, text) == expected


# ---------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        pytest.param("yesterday, last week, 999 days ago", date.min, id="anchor at date.min"),
        pytest.param("tomorrow, next year, Dec 31, next week", date.max, id="anchor at date.max"),
        pytest.param("the past 999 years", d(1, 1, 1), id="a period before year one"),
        pytest.param("99999999999999999999 May 99999999999999", WED, id="huge numbers"),
        pytest.param("٣ مايو 2024 ５ August", WED, id="other scripts and full-width digits"),
        pytest.param("\x00\ud7ff\n\t", WED, id="control characters"),
    ],
)
def test_odd_input_never_raises(text: str, anchor: date) -> None:
    for m in find_dates(text, anchor):
        assert text[m.start : m.end] == m.text


WORDS = [
    "on", "in", "since", "the", "last", "next", "night", "Monday", "may", "MAY", "March",
    "Aug.", "5", "31", "2024", "89", "-", "to", "and", "between", "early", "late", "mid-",
    "week", "ago", "two", "yesterday", "overnight", "said", "will", "February", "30", "/",
    "12", ",", ".", " ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=200),
        st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join),
    ),
    anchor=st.one_of(st.none(), st.dates()),
    start=st.integers(min_value=-5, max_value=250),
    month_first=st.booleans(),
)
def test_any_text_gives_valid_mentions(
    text: str, anchor: date | None, start: int, month_first: bool
) -> None:
    found = find_dates(text, anchor, start=start, month_first=month_first)
    for m in found:
        assert text[m.start : m.end] == m.text
        assert max(0, start) <= m.start < m.end <= len(text)
        if m.date_start is not None and m.date_end is not None:
            assert m.date_start <= m.date_end
        assert m.precision in {"day", "days", "week", "part_of_month", "month", "year", "unknown"}
    assert all(a.end <= b.start for a, b in pairwise(found))
    find_dateline(text)
    report_anchor(text, text)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        pytest.param(
            "IN THE PAST FEW HOURS",
            (date(1990, 2, 20), date(1990, 2, 21), "days"),
            id="the past few hours is the day before and the anchor",
        ),
        pytest.param(
            "in the past few days",
            (date(1990, 2, 16), date(1990, 2, 21), "days"),
            id="a few days is at most five",
        ),
        pytest.param(
            "the past several days",
            (date(1990, 2, 14), date(1990, 2, 21), "week"),
            id="several days is at most a week",
        ),
    ],
)
def test_vague_recent_spans_have_an_honest_upper_bound(phrase: str, expected: tuple) -> None:
    [mention] = find_dates(phrase, date(1990, 2, 21))
    assert (mention.date_start, mention.date_end, mention.precision) == expected
