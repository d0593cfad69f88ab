"""Date phrases that count from the report's day: "yesterday", "last night", "on Monday",
"last week", "in January", "the past 24 hours", "two days ago".

Input: the phrase (or its parts) as ``dates`` matched it, the anchor (the local calendar
day the report counts from) and whether the phrase reads forwards ("will meet on
Monday"). Output: a ``Resolved`` interval: first day, last day, precision, relative,
future. ``dates`` finds the phrases and resolves the absolute ones ("5 August 2024",
"30 DEC 89"); this module holds what changes with the anchor, and the calendar helpers
both use.

    >>> from datetime import date
    >>> relative("last week", date(2024, 8, 7), False)[:3]
    (datetime.date(2024, 7, 29), datetime.date(2024, 8, 4), 'week')
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Literal, TypeAlias

from sitrep.extract.segment import fold_letters

Precision = Literal["day", "days", "week", "part_of_month", "month", "year", "unknown"]

# A resolved phrase: first day, last day, precision, relative, future.
Resolved: TypeAlias = tuple[date, date, Precision, bool, bool]

NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
_VAGUE_COUNT = {"few": 5, "several": 7}


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def infer_year(m: int, d: int, a: date, forward: bool) -> int | None:
    """The year of a yearless day: the latest on or before anchor + 2 days (or the first
    on or after the anchor, reading forwards). 29 February may be 8 years away."""
    years = range(a.year, a.year + 9) if forward else range(a.year + 1, a.year - 9, -1)
    limit = a + timedelta(days=2)
    for y in years:
        got = safe_date(y, m, d)
        if got is not None and (got >= a if forward else got <= limit):
            return y
    return None


def span_precision(days: int) -> Precision:
    if days <= 1:
        return "day"
    # Never finer than the truth: "1-8 July" is not a week, so it is a month.
    return "days" if days <= 6 else "week" if days == 7 else "month" if days <= 31 else "year"


def month_in(mon: int, which: str, a: date, forward: bool) -> Resolved:
    """A month named without a year: "in January", "last May", "next March"."""
    if which in ("last", "past"):
        y = a.year if mon < a.month else a.year - 1
    elif which == "next":
        y = a.year if mon > a.month else a.year + 1
    elif which == "this" or (forward and mon == a.month):
        y = a.year
    else:
        y = infer_year(mon, 1, a, forward) or a.year
    return date(y, mon, 1), month_end(y, mon), "month", True, which == "next"


def weekday(qualifier: str | None, wd: int, a: date, forward: bool) -> Resolved:
    """ "on Monday" (latest on or before the anchor), "last/next Monday", "overnight Monday"."""
    q = (qualifier or "").lower().split()[:1]
    if q in (["last"], ["past"]):
        d = a - timedelta(days=(a.weekday() - wd) % 7 or 7)
    elif q == ["next"]:
        d = a + timedelta(days=(wd - a.weekday()) % 7 or 7)
    elif forward:
        d = a + timedelta(days=(wd - a.weekday()) % 7)
    else:
        d = a - timedelta(days=(a.weekday() - wd) % 7)
    if q == ["overnight"]:
        return d - timedelta(days=1), d, "days", True, False
    return d, d, "day", True, d > a


def relative(phrase: str, a: date, forward: bool) -> Resolved | None:
    """Phrases that only mean something against the anchor: "yesterday", "last week"."""
    words = fold_letters(phrase).lower().split()  # "tonıght" is "tonight"
    if not words:
        return None
    first, last = words[0], words[-1]
    day = timedelta(days=1)
    if "yesterday" in words:
        d = a - day * (2 if "before" in words else 1)
        return d, d, "day", True, False
    if "tomorrow" in words:
        d = a + day * (2 if "after" in words else 1)
        return d, d, "day", True, True
    if last in ("today", "tonight", "morning", "afternoon", "evening"):
        return a, a, "day", True, first == "later"
    if last == "night":  # "last night"
        return a - day, a - day, "day", True, False
    if last == "overnight":
        return a - day, a, "days", True, False
    if last == "ago":
        n = NUMBERS.get(first) or int(first)
        d = a - day * n * (7 if words[1].startswith("week") else 1)
        return d, d, "day", True, False
    if last == "weekend":
        sat = a - day * ((a.weekday() - 5) % 7)  # the latest Saturday on or before
        if first == "next" or (forward and a.weekday() < 5 and first != "last"):
            sat += 7 * day
        elif first == "last" and a.weekday() >= 5:
            sat -= 7 * day
        return sat, sat + day, "days", True, sat > a
    unit = last.rstrip("s")
    if "past" in words or words[:2] == ["the", "last"]:
        if words[-2] in ("past", "last"):
            if last.endswith("s"):
                return None  # "the past days": no number, no interval
            n = 1
        else:
            n = NUMBERS.get(words[-2]) or _VAGUE_COUNT.get(words[-2]) or int(words[-2])
        span = {"hour": -(-n // 24), "day": n, "week": 7 * n, "month": 30 * n}.get(unit, 365 * n)
        # "the past week" is 8 days counting the anchor, and still a week
        prec: Precision = "days" if span <= 6 else span_precision(span)
        return a - day * max(span, 1), a, prec, True, False
    if len(words) < 2:
        return None  # no phrase the pattern takes ends here with one word
    which = words[-2]
    if unit == "week":
        monday = a - day * a.weekday()
        sunday = monday + 6 * day
        if which == "last":
            return monday - 7 * day, monday - day, "week", True, False
        if which == "next":
            return monday + 7 * day, sunday + 7 * day, "week", True, True
        if first == "later":
            return min(a + day, sunday), sunday, "week", True, True
        return monday, a, "week", True, False
    if unit == "month":
        first_day, end = a.replace(day=1), month_end(a.year, a.month)
        if which == "last":
            return (first_day - day).replace(day=1), first_day - day, "month", True, False
        if which == "next":
            return end + day, month_end((end + day).year, (end + day).month), "month", True, True
        if first == "earlier":
            return first_day, a, "part_of_month", True, False
        if first == "later":
            return min(a + day, end), end, "part_of_month", True, True
        return first_day, end, "month", True, False
    y = a.year + {"last": -1, "next": 1}.get(which, 0)
    if first == "earlier":
        return date(y, 1, 1), a, "year", True, False
    if first == "later":
        return min(a + day, date(y, 12, 31)), date(y, 12, 31), "year", True, True
    return date(y, 1, 1), date(y, 12, 31), "year", True, which == "next"
