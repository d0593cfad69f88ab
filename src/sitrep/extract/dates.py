"""Dates in report text: every phrase that says *when*, resolved to an interval of days.

Input: a report's text and its anchor, the local calendar day that relative phrases count
from (:func:`report_anchor` takes it from the published date, else the dateline).
Output: :class:`DateMention` objects in text order, each with its exact span, the earliest
and latest day it can mean, a precision, and flags for dates of speech ("said on
Tuesday"), periods ("since November") and the future ("next week"). Pure: standard
library only, no I/O, and no text makes it raise.

    >>> m = find_dates("Militias fired rockets on Monday.", date(2024, 8, 7))[0]
    >>> (m.text, m.date_start, m.precision, m.relative)
    ('on Monday', datetime.date(2024, 8, 5), 'day', True)

The rules, each a choice the tests state as a fact:

- Numeric dates are day-first ("5/8/2024" is 5 August) unless a number above 12 decides
  or the caller passes ``month_first=True``; "2024-08-05" is always year-month-day.
- A date without a year ("Aug. 5", "late January") takes the latest year that puts it on
  or before anchor + 2 days. A two-digit year ("30 DEC 89") takes the century nearest the
  anchor's year; without an anchor 30-99 are 19xx and 00-29 are 20xx.
- A weekday ("on Monday", "Monday night") is the latest such day on or before the anchor,
  so a Monday article's "on Monday" is that Monday; "last Monday" is strictly before,
  "next Monday" strictly after. After "will", "plans to", "scheduled to"... a weekday,
  yearless date or month is read forwards instead.
- "last night" is the day before the anchor (MUC-4 coders date "TWO BOMB ATTACKS WERE
  CARRIED OUT IN LA PAZ LAST NIGHT", sent 12 JAN 90, as 11 JAN 90); "overnight" is
  [anchor - 1, anchor]. "this week" runs from Monday to the anchor; "last week" is the
  Monday-Sunday before; "the weekend" is the latest Saturday-Sunday begun by the anchor.
- early/mid/late split a month 1-10/11-20/21-end ("part_of_month") and a year
  Jan-Apr/May-Aug/Sep-Dec (precision "year"). Ranges get the precision of their length:
  2-6 days "days", 7 "week", up to 31 "month", longer "year".
- A four-digit number is a year only inside a date or after in/since/during/of/by/until...
  ("Resolution 2014" is not). A month alone needs such a cue unless it is a full name that
  is no common word or first name ("in May", "since March"; "the November offensive").
- Phrases that count from the anchor ("yesterday", "last week", "on Monday", "in
  January") are resolved in ``relative_days``, with the calendar helpers both use.
- The dateline's own date is returned like any other date; :func:`find_dateline` says
  where the dateline ends if a caller wants to skip it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TypeAlias

from sitrep.extract.relative_days import NUMBERS as _NUMBERS
from sitrep.extract.relative_days import (
    Precision,
    Resolved,
    infer_year,
    month_end,
    month_in,
    relative,
    safe_date,
    span_precision,
    weekday,
)
from sitrep.extract.segment import fold_letters

__all__ = [
    "DateMention",
    "Dateline",
    "find_dateline",
    "find_dates",
    "parse_date_phrase",
    "report_anchor",
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One phrase that dates something, and the interval of days it can mean."""

    start: int
    end: int
    text: str
    date_start: date | None
    date_end: date | None
    precision: Precision
    relative: bool
    anchor: date | None
    speech: bool
    since: bool
    future: bool


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place, date and source opening a wire story: "LIMA, 10 JAN 90 (EFE) --"."""

    start: int
    end: int
    text: str
    place: str | None
    date: date | None
    source: str | None


# ---------------------------------------------------------------------------- vocabulary

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}  # fmt: skip
_WDABBR = ["mon", "tues", "tue", "wed", "thurs", "thur", "thu", "fri", "sat", "sun"]
# A year, or a month standing alone, is a date only after one of these ("in 2014").
_CUES = frozenset(
    ["in", "during", "since", "of", "by", "until", "till", "before", "after", "through",
     "throughout", "from", "between"]
)  # fmt: skip
# Prepositions kept in the mention's text ("on Monday"); the other cues are left out.
_KEPT_PREPS = frozenset(["on", "in", "during", "since", "from", "between"])
# Months that may stand alone; the rest are also words or names: "A PROTEST MARCH".
_BARE = frozenset(["january", "february", "july", "august", "september", "october",
                   "november", "december"])  # fmt: skip
_ABBREVIATIONS = frozenset(k for k in _MONTHS if len(k) <= 4) - {"may", "june", "july"}
_STARTERS = ["beginning", "start", "end", "middle", "early", "earlier", "late", "later", "mid",
             "last", "next", "this", "past", "overnight", "day", "yesterday", "tomorrow",
             "today", "tonight"]  # fmt: skip
# "the night of", "the beginning of", "the day before yesterday", "the past week", "the
# last 24 hours", "the weekend"
_AFTER_THE = ["night", "morning", "evening", "afternoon", "early", "beginning", "start", "end",
              "middle", "day", "past", "last", "weekend"]  # fmt: skip

_Trie: TypeAlias = "dict[str, _Trie]"


def _trie(words: list[str]) -> str:
    """One regex for many words, shaped as a trie: Python's re tries a flat alternation
    branch by branch, which made the whole scan three times slower."""
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        kids = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


_MON = _trie(list(_MONTHS))
_WDFULL = _trie(list(_WEEKDAYS))
_WDANY = _trie([*_WEEKDAYS, *_WDABBR])
_NUMW = _trie(list(_NUMBERS))
_PREPS = ["on", "in", "during", "since", "from", "between", "of", "by", "until", "till",
          "before", "after", "through", "throughout"]  # fmt: skip
# The words a date phrase can start with once its preposition is set aside. "the", "a" and
# "in" are among the commonest words of any report, so they pass only with the word that
# must follow them in a date: "the past week", "a week ago", "in May"; the scan then tries
# the long pattern at a few places in a sentence instead of at every "the".
_FIRST = (
    r"(?:\d|(?:"
    + _trie(sorted({*_MONTHS, *_WEEKDAYS, *_WDABBR, *_STARTERS}))
    + r")\b|the\s+(?:"
    + _trie(_AFTER_THE)
    + r")\b|(?:"
    + _NUMW
    + r")\s+(?:days?|weeks?)\b)"
)
_CUED_FIRST = rf"(?:(?:{_trie(_PREPS)})\s+)?{_FIRST}"
# The same test on the lowered text: without IGNORECASE the scan is twice as fast.
_START_LOWER = re.compile(rf"(?<!\w)(?={_CUED_FIRST})")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:]|[.,]\d)"
# A day never starts inside "AK-47", "M-16 MAY", "$3", "1,000", "8:45" or "Aug.5".
_LEAD = r"(?<![\w$£€.,:/-])"
_YEAR = r"(?:19|20)\d\d(?!\d|,\d|'?s\b)"
# "Aug. 5 to 10 people", "MARCH 10 KILOMETERS", "MAY 1 DAY": a number and a unit is a count.
_COUNT = (
    r"(?!\s*-?\s*(?:%|percent|people|persons|civilians|soldiers|troops|militants|rebels"
    r"|children|women|men|dead|killed|wounded|injured|km|kilomet\w*|miles?|meters?|metres?"
    r"|hours?|minutes?|years?|days?|weeks?|months?)\b)"
)
_DASH = r"\s*(?:-|–|—|to|until|till|through|and)\s*"
_WDPRE = rf"(?:(?:{_WDANY})\b\.?,?\s+)?"  # "Monday, " before a date
_UNIT = (
    r"(?:(?:\d{1,3}|few|several|" + _NUMW + r")\s+)?(?:hours?|days?|weeks?|months?|years?)"
    r"(?!\s+of\b)"
)
# "IN THE PAST FEW HOURS", "the past several days": an upper bound for the vague count.


def _day(name: str, lead: bool = True) -> str:
    return rf"{_LEAD if lead else ''}(?P<{name}>{_DAY})"


def _month(name: str) -> str:
    # Only an abbreviation takes the dot: in "ON 21 MAY." the dot ends the sentence.
    return rf"(?P<{name}>{_MON})\b(?:(?<=jan|feb|mar|apr|jun|jul|aug|sep|ept|oct|nov|dec)\.)?"


_MASTER = re.compile(
    rf"""
    (?<!\w)(?={_CUED_FIRST})     # cheap test first: every match starts so
    (?:(?P<prep>on|in|during|since|from|between|of|by|until|till|before|after
        |through|throughout)\s+)?
    (?:the\s+(?:night|morning|evening|afternoon|early\s+hours)\s+of\s+)?
    (?:
      # "3-4 May", "between 3 and 5 May", "26 DEC 89 - 30 DEC 89"
      {_day("r1d")}(?:\s+(?:of\s+)?{_month("r1m")}(?:,?\s+(?P<r1y>{_YEAR}|\d\d))?)?
        (?P<r1s>{_DASH})(?:the\s+)?{_day("r2d", False)}(?:\s+of)?\s+{_month("r2m")}
        (?:,?\s+(?P<r2y>{_YEAR}|\d\d(?![\d:]|\s+[a-z])))?
    | # "May 3-5", "Aug. 30 to Sept. 2, 2024"
      {_month("r3m")}\s*{_day("r3d")}(?:,?\s+(?P<r3y>{_YEAR}))?(?P<r3s>{_DASH})
        (?:{_month("r4m")}\s*)?{_day("r4d", False)}{_COUNT}(?:,?\s+(?P<r4y>{_YEAR}))?
    | # "2024-08-05", "2024/08/05"
      (?<![\w.\-/])(?P<iy>(?:19|20)\d\d)(?P<isep>[-/.])(?P<im>0?[1-9]|1[0-2])(?P=isep)
        (?P<id>3[01]|[12]\d|0?[1-9])(?![\d/]|[.\-]\d)
    | # "5/8/2024", "Saturday 28/7/2012", "5.8.2024"
      {_WDPRE}(?<![\w.\-/:])(?P<n1>\d{{1,2}})(?P<nsep>[/.\-])(?P<n2>\d{{1,2}})(?P=nsep)
        (?P<ny>\d{{4}}|\d\d)(?![\d/]|[.\-]\d)
    | # "5 August 2024", "Monday, 5th of August", "30 DEC 89"
      (?:(?:{_WDANY})\b\.?,?\s+(?:the\s+)?)?{_day("dd")}(?:\s+of)?\s+{_month("dm")}
        (?:,?\s+(?P<dy>{_YEAR})|\s+(?P<dy2>\d\d)(?![\d:]|[.,]\d|\s+[a-z]))?
    | # "August 5, 2024", "Monday, Aug. 5", "Sept. 12"
      {_WDPRE}{_month("mm")}\s*(?:the\s+)?{_day("md")}{_COUNT}
        (?:,?\s+(?P<my>{_YEAR})|\s+(?P<my2>\d\d)(?![\d:]|[.,]\d|\s+[a-z]))?
    | # "from April to July 1994", "January 2014 – December 2014"
      {_month("q1m")}(?:,?\s+(?P<q1y>{_YEAR}))?(?P<qs>{_DASH}){_month("q2m")}
        (?:,?\s+(?P<q2y>{_YEAR}))?(?!\s*\d)
    | # "January 2024"
      {_month("ym")},?\s+(?:of\s+)?(?P<yy>{_YEAR}){_COUNT}
    | # "late January 2024", "mid-March", "early 2024", "the beginning of the year"
      (?P<part>early|late|mid|(?:the\s+)?(?:beginning|start|end|middle)\s+of)(?:\s*-\s*|\s+)
        (?:{_month("pm")}(?:,?\s+(?:of\s+)?(?P<py>{_YEAR}))?|(?P<pyo>{_YEAR})
          |(?P<pthis>(?:this|last|next|the)\s+(?:month|year))\b)
    | # "last January"
      (?P<rmq>last|next|this|past)\s+{_month("rmm")}(?!\s*\d)
    | # "on Monday", "last Tuesday", "Monday night", "early on Friday"
      (?:(?P<wq>last|next|this|past|early(?:\s+on)?|late(?:\s+on)?|overnight(?:\s+on)?)\s+)?
        (?P<wd>{_WDFULL})\b(?:'s)?(?:\s+(?:morning|afternoon|evening|night)\b)?
    | # against the anchor: "yesterday", "two days ago", "the past 24 hours"
      (?P<rel>(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)
        |(?:(?:early|late)\s+)?(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?
        |(?:(?:early|earlier|late|later)\s+)?today|tonight
        |(?:(?:early|late)\s+)?(?:this\s+(?:morning|afternoon|evening)|last\s+night)
        |overnight|(?:\d{{1,3}}|{_NUMW})\s+(?:days?|weeks?)\s+ago
        |(?:the|this|last|next|(?:this\s+)?past)\s+weekend
        |(?:(?:the|this)\s+)?past\s+{_UNIT}|the\s+last\s+{_UNIT}
        |(?:(?:earlier|later)\s+)?(?:this|last|next)\s+(?:week|month|year)(?!\s+of\b))\b
    | # "in May", "since November": a month alone, checked against its cue
      {_month("mo")}(?!\s*\d)
    | # "in 2014", "during 2017-18": checked against its cue
      (?P<yr>(?:19|20)\d\d)(?:\s*(?:-|–|/|to)\s*(?P<yr2>(?:19|20)\d\d|\d\d))?
        (?!\d|'?s\b|\s*[-–/]\s*\d){_COUNT}
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

# The date something was said: "said in a statement on Tuesday", "told Reuters on Friday".
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|announced|announces|stated|claimed|reported|confirmed|confirms|added"
    r"|adds|noted|warned|warns|declared|declares|denied|denies|acknowledged|admitted"
    r"|insisted|disclosed|revealed|asserted|tweeted|wrote|explained|stressed"
    r"|told\s+(?!that\b)(?:[\w.-]+\s+)?|tells\s+[\w.-]+\s+)"
    r"(?:\s*(?:in|at|during|via|through)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|communiqu[eé]|conference|briefing|interview|speech|post|message|video"
    r"|broadcast|address))?[\s,]*\Z",
    re.IGNORECASE,
)
# "will meet on Monday", "is scheduled to vote on Aug. 5": the date lies ahead.
# ("due to" alone is left out: "closed due to the attack on Monday".)
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|'ll|plans?\s+to|planned\s+to|(?:is|are|was|were)\s+due\s+to"
    r"|(?:expected|scheduled|set|slated)\s+(?:to|for))\b"
    # a few words, but no noun phrase: "will investigate the attack on Monday" is past
    r"(?:\s+(?!(?:the|a|an|its|their|his|her|this|that)\b)[\w'-]+){0,3}?[\s,]*\Z",
    re.IGNORECASE,
)
_MAY_MODAL_AFTER = re.compile(r"\s+(?:be|have|not|also|well|never|still|even)\b", re.IGNORECASE)
_PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20),
          "middle": (11, 20), "late": (21, 31), "end": (21, 31)}  # fmt: skip
_YEAR_THIRDS = {1: (1, 4), 11: (5, 8), 21: (9, 12)}
_DUMMY_ANCHOR = date(2001, 6, 13)  # stands in when there is none; its dates are dropped

# ------------------------------------------------------------------------------- helpers


def _century(yy: int, anchor: date | None) -> int:
    if anchor is None:
        return 1900 + yy if yy >= 30 else 2000 + yy
    return min((c + yy for c in (1900, 2000, 2100)), key=lambda y: abs(y - anchor.year))


def _num(token: str) -> int:
    return int(token.rstrip("stndrhSTNDRH"))


def _year(token: str | None, anchor: date | None) -> int | None:
    if not token:
        return None
    return int(token) if len(token) == 4 else _century(int(token), anchor)


def _month_no(token: str | None) -> int:
    return _MONTHS[token.lower()] if token else 0


def _days(
    m1: int, d1: int, y1: int | None, m2: int, d2: int, y2: int | None, a: date, forward: bool
) -> Resolved | None:
    """A day or a range of days, the years given or inferred: "3-4 May", "30 DEC 89"."""
    if safe_date(2000, m1, d1) is None or safe_date(2000, m2, d2) is None:
        return None  # "31 February" exists in no year
    wraps = (m2, d2) < (m1, d1)  # "30 Dec - 2 Jan"
    relative = y1 is None and y2 is None
    if y1 is None:
        y1 = y2 - wraps if y2 is not None else infer_year(m1, d1, a, forward)
        if y1 is None:
            return None
    start, end = safe_date(y1, m1, d1), safe_date(y1 + wraps if y2 is None else y2, m2, d2)
    if start is None or end is None or end < start:
        return None
    return start, end, span_precision((end - start).days + 1), relative, False


def _part(m: re.Match[str], a: date, forward: bool) -> Resolved | None:
    """ "late January 2024", "mid-March", "early 2024", "the end of last year"."""
    words = m.group("part").lower().split()
    key = words[0] if words[0] in _PARTS else words[-2]
    lo, hi = _PARTS[key]
    if m.group("pm"):
        mon, relative = _MONTHS[m.group("pm").lower()], not m.group("py")
        y = int(m.group("py")) if m.group("py") else infer_year(mon, lo, a, forward)
    elif m.group("pyo"):
        mon, y, relative = 0, int(m.group("pyo")), False
    else:
        which, unit = m.group("pthis").lower().split()
        step, relative = {"last": -1, "next": 1}.get(which, 0), True
        mon, y = 0, a.year + step
        if unit == "month":
            mon, y = (a.month + step - 1) % 12 + 1, a.year + (a.month + step - 1) // 12
    if y is None:
        return None
    if mon:
        s, e = date(y, mon, lo), date(y, mon, min(hi, calendar.monthrange(y, mon)[1]))
        return s, e, "part_of_month", relative, s > a
    m1, m2 = _YEAR_THIRDS[lo]
    return date(y, m1, 1), month_end(y, m2), "year", relative, date(y, m1, 1) > a


def _resolve(
    m: re.Match[str], anchor: date | None, month_first: bool, forward: bool
) -> tuple[Resolved, int] | None:
    """One master-regex match as an interval and its end; None if it is no date after all."""
    g = m.group
    end = m.end()
    prep = (g("prep") or "").lower()
    a = anchor or _DUMMY_ANCHOR
    res: Resolved | None
    if g("r1d") or g("r3d"):
        i, j = ("1", "2") if g("r1d") else ("3", "4")
        if g(f"r{i}s").strip().lower() == "and" and prep != "between":
            return None  # "3 and 4 May" lists two days
        m2 = _month_no(g(f"r{j}m") or g(f"r{i}m"))
        y1, y2 = _year(g(f"r{i}y"), anchor), _year(g(f"r{j}y"), anchor)
        res = _days(_month_no(g(f"r{i}m")) or m2, _num(g(f"r{i}d")), y1,
                    m2, _num(g(f"r{j}d")), y2, a, forward)  # fmt: skip
    elif g("iy"):
        d = safe_date(int(g("iy")), int(g("im")), int(g("id")))
        res = (d, d, "day", False, False) if d else None
    elif g("n1"):
        n1, n2, ys = int(g("n1")), int(g("n2")), g("ny")
        if len(ys) == 2 and g("nsep") != "/":
            return None  # "1.2.34" is a version number or a score before it is a date
        day, mon = (n2, n1) if n1 <= 12 and (n2 > 12 or month_first) else (n1, n2)
        d = safe_date(int(ys) if len(ys) == 4 else _century(int(ys), anchor), mon, day)
        res = (d, d, "day", False, False) if d else None
    elif g("dd") or g("md"):
        tok = g("dm") or g("mm")
        # "30 DEC 89", "JUNE 11 89"; "5 AUGUST 30 WERE KILLED" never got here
        year = _year(g("dy") or g("my") or g("dy2") or g("my2"), anchor)
        mon, day = _MONTHS[tok.lower()], _num(g("dd") or g("md"))
        res = _days(mon, day, year, mon, day, None, a, forward)
    elif g("q1m"):
        first = g("q1m").lower()
        if (g("qs").strip().lower() == "and" and prep != "between") or not (
            g("q2y") or prep in ("from", "between") or first in _BARE
        ):
            return None  # "MARCH TO MAY" may be a march; "from March to May" is a period
        m1, m2 = _MONTHS[first], _MONTHS[g("q2m").lower()]
        y1, y2 = _year(g("q1y"), anchor), _year(g("q2y"), anchor)
        if y1 is None:
            y1 = y2 - (m1 > m2) if y2 else infer_year(m1, 1, a, forward) or a.year
        if y2 is None:
            y2 = y1 + (m1 > m2)
        s, e = date(y1, m1, 1), month_end(y2, m2)
        prec = "month" if (y1, m1) == (y2, m2) else span_precision((e - s).days + 1)
        res = (s, e, prec, not (g("q1y") or g("q2y")), False) if s <= e else None
    elif g("ym"):
        y, mon = int(g("yy")), _MONTHS[g("ym").lower()]
        res = date(y, mon, 1), month_end(y, mon), "month", False, False
    elif g("part"):
        res = _part(m, a, forward)
    elif g("rmq") or g("mo"):
        tok = g("rmm") or g("mo")
        low, q = tok.lower(), (g("rmq") or "").lower()
        if low == "may" and (tok == "may" or q == "this" or _MAY_MODAL_AFTER.match(m.string, end)):
            return None  # "THE ARMY MAY ATTACK", "THIS MAY BE", "IN MAY BE"
        if low in _ABBREVIATIONS:
            return None  # "Jan" alone is a name: "by Jan Egeland"
        if not q and prep not in _CUES and low not in _BARE:
            return None
        res = month_in(_MONTHS[low], q, a, forward)
    elif g("wd"):
        res = weekday(g("wq"), _WEEKDAYS[g("wd").lower()], a, forward)
    elif g("rel"):
        res = relative(g("rel"), a, forward)
    elif g("yr") and prep in _CUES:  # "in 2014"; "Resolution 2014" is no year
        y1 = y2 = int(g("yr"))
        if g("yr2"):
            y2 = int(g("yr2")) if len(g("yr2")) == 4 else y1 // 100 * 100 + int(g("yr2"))
            y2 += 100 if y2 < y1 else 0  # "1999-00"
            if not y1 < y2 <= y1 + 10:
                return None
        res = date(y1, 1, 1), date(y2, 12, 31), "year", False, False
    else:
        return None
    return (res, end) if res else None


# ---------------------------------------------------------------------------- public API


def find_dates(
    text: str,
    anchor: date | None,
    *,
    start: int = 0,
    end: int | None = None,
    month_first: bool = False,
) -> list[DateMention]:
    """Every date phrase in ``text[start:end]`` in order, with offsets into ``text``."""
    original = text
    text = fold_letters(text)  # "tonıght" is read as "tonight", at the same offsets
    stop = len(text) if end is None else max(0, min(end, len(text)))
    out: list[DateMention] = []
    for m in _master_matches(text, max(0, start), stop):
        prep = (m.group("prep") or "").lower()
        s = m.start()
        if prep and prep not in _KEPT_PREPS:  # "before 5 May": the mention is "5 May"
            s = m.end("prep")
            s += len(text[s : m.end()]) - len(text[s : m.end()].lstrip())
        forward = _FUTURE_BEFORE.search(text, max(0, s - 60), s) is not None
        try:
            got = _resolve(m, anchor, month_first, forward)
        except (ValueError, OverflowError):  # an anchor at the edge of the calendar
            got = None
        if got is None:
            continue
        (d1, d2, precision, relative, future), e = got
        first: date | None = d1
        last: date | None = d2
        since = prep == "since"
        if since:  # "since November": from then until the report
            last = max(anchor, d1) if anchor else None
            relative, future = anchor is not None or relative, False
        elif anchor and d1 > anchor:
            future = True
        if anchor is None and relative:
            first = last = None
        out.append(
            DateMention(
                start=s,
                end=e,
                text=original[s:e],
                date_start=first,
                date_end=last,
                precision=precision,
                relative=relative,
                anchor=anchor if relative else None,
                speech=_SPEECH_BEFORE.search(text, max(0, s - 80), s) is not None,
                since=since,
                future=future,
            )
        )
    return out


def _master_matches(text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    """``_MASTER.finditer(text, start, stop)``, the long pattern tried only where the
    lowered text passes its cheap test (a few places a sentence)."""
    return scan_lowered(_MASTER, _START_LOWER, text, start, stop)


def scan_lowered(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str, start: int, stop: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, stop)`` for a case-blind ``pattern`` whose every
    match begins where ``starts`` (the same first words in lower case, case-sensitive)
    matches the lowered text: the long pattern is tried only there. ``pattern`` must never
    match the empty string."""
    lowered = text.lower()
    # Lowering must keep every offset, and case-blind matching also takes "ı" for "i"
    # and "ſ" for "s", which lowering does not.
    if len(lowered) != len(text) or "ı" in text or "ſ" in text:
        yield from pattern.finditer(text, start, stop)
        return
    resume = start
    for candidate in starts.finditer(lowered, start, stop):
        if candidate.start() < resume:
            continue  # inside the last match: finditer goes on from its end
        m = pattern.match(text, candidate.start(), stop)
        if m is not None:
            yield m
            resume = m.end()


def parse_date_phrase(phrase: str, anchor: date | None) -> DateMention | None:
    """The one mention covering most of ``phrase`` ("late January 2024"), or None."""
    found = find_dates(phrase, anchor)
    return max(found, key=lambda m: m.end - m.start) if found else None


_DATELINE = re.compile(
    r"""\s*
    (?P<place>(?:NO\ CITY|[A-Z][A-Z'.\-]+(?:\ [A-Z][A-Z'.\-]*){0,4})
      (?:\ ?\([A-Z][^()\n]{0,30}\)(?=\s*,))?                        # MOSCOW (USSR),
      (?:,\ (?!NO\ DATE)(?P<region>[A-Z][A-Za-z]+\.?(?:\ [A-Z][A-Za-z]+\.?){0,2})(?=\s*[,(\-–—]))?)
    (?:,\s*(?P<date>NO\ DATE|(?=[A-Za-z.,'\ ]*\d)[A-Za-z0-9.,'\ ]{3,30}?)
      (?=\s*(?:[(\[]|--|-|–|—|$)))?
    \s*(?:[(\[](?P<source>[^()\[\]\n]{1,60})[)\]])?                # "(EFE)", "[INRAVISION)"
    (?P<dash>\s*(?:--|-|–|—))?
    """,
    re.VERBOSE,
)


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening ``text`` ("BAGHDAD, Aug 5 (Reuters) -"), or None.

    Its date needs a year ("LIMA, 10 JAN 90"); "Aug 5" alone leaves ``date`` None.
    """
    m = _DATELINE.match(text)
    if m is None:
        return None
    raw = m.group("date")
    # Something must mark it as a dateline, or "UN - the council..." would be one.
    if not (raw or m.group("source") or m.group("region")) or not (m.group("dash") or raw):
        return None
    day = None
    if raw and raw != "NO DATE":
        found = parse_date_phrase(raw, None)
        if found and not found.relative and found.date_start == found.date_end:
            day = found.date_start
    s = len(text) - len(text.lstrip())
    source = m.group("source")
    return Dateline(
        start=s,
        end=m.end(),
        text=text[s : m.end()],
        place=m.group("place"),
        date=day,
        source=source.strip() if source else None,
    )


_ISO_DAY = re.compile(r"\s*(\d{4})-(\d\d)-(\d\d)(?!\d)")


def report_anchor(published: str | None, text: str) -> tuple[date | None, str]:
    """The day relative dates count from and where it came from: "published" (the local
    calendar day as written: "2024-08-07T23:30:00-05:00" is the 7th, never converted to
    UTC), else "dateline" (a dated dateline), else "none"."""
    m = _ISO_DAY.match(published or "")
    day = safe_date(int(m[1]), int(m[2]), int(m[3])) if m else None
    if day is not None:
        return day, "published"
    line = find_dateline(text)
    if line is not None and line.date is not None:
        return line.date, "dateline"
    return None, "none"
