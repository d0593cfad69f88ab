"""Clock times with a zone move an act to the local day of the country it happened in."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract.clock import country_zone, find_clocks, local_shift
from sitrep.extract.incidents import extract


@pytest.mark.parametrize(
    ("text", "hour", "minute", "zone"),
    [
        ("at 8:45 p.m. (EST) on Dec. 25", 20, 45, "Etc/GMT+5"),
        ("at approximately 0830 (Sanaa time)", 8, 30, "Asia/Aden"),
        ("at 1:45 a.m. Arabia Standard Time", 1, 45, "Etc/GMT-3"),
        ("at 11 p.m. GMT on Friday", 23, 0, "Etc/UTC"),
        ("at 12:12 p.m. (Gaza time)", 12, 12, "Asia/Gaza"),
        ("at 12:30 a.m. Eastern Time", 0, 30, "America/New_York"),
    ],
)
def test_clock_times_name_their_zone(text: str, hour: int, minute: int, zone: str) -> None:
    [clock] = find_clocks(text)
    assert (clock.hour, clock.minute, clock.zone) == (hour, minute, zone)
    quote = text[clock.start : clock.end]
    assert quote[0].isdigit() and quote == quote.strip()
    assert "time" not in text[clock.end :].lower()


@pytest.mark.parametrize(
    "text",
    [
        "at 4 p.m. Sanaa was quiet",  # a place, not "Sanaa time"
        "the 2023 budget",  # a year is no clock
        "at 9 p.m. on Monday",  # no zone
        "at 25:10 (GMT)",  # no such hour
    ],
)
def test_no_zone_no_clock(text: str) -> None:
    assert find_clocks(text) == []


def test_local_shift_crosses_midnight_eastward_and_westward() -> None:
    [evening] = find_clocks("at 8:45 p.m. (EST)")
    assert local_shift(evening, dt.date(2023, 12, 25), "IRQ") == 1
    assert local_shift(evening, dt.date(2023, 12, 25), "USA") == 0  # several zones: no move
    [early] = find_clocks("at 1:00 a.m. (Sanaa time)")
    assert local_shift(early, dt.date(2024, 1, 16), "YEM") == 0
    assert local_shift(early, dt.date(2024, 1, 16), "SOM") == 0
    [utc] = find_clocks("at 1:00 a.m. GMT")
    assert local_shift(utc, dt.date(2024, 1, 16), "MEX") == 0  # several zones
    assert local_shift(utc, dt.date(2024, 1, 16), "CUB") == -1
    assert local_shift(utc, dt.date(2024, 1, 16), None) == 0


def test_country_zones_come_from_the_bundled_time_zone_table() -> None:
    assert country_zone("IRQ") == "Asia/Baghdad"
    assert country_zone("YEM") == "Asia/Aden"
    assert country_zone("RUS") is None  # many zones
    assert country_zone("XXX") is None


def test_an_evening_strike_in_eastern_time_is_dated_the_next_day_in_iraq() -> None:
    text = (
        "U.S. forces carried out airstrikes on Dec. 25 at 8:45 p.m. (EST) against three "
        "facilities in Iraq used by the militia, the command said."
    )
    [incident] = extract(text, published="2023-12-25").incidents
    assert incident.date.start == incident.date.end == dt.date(2023, 12, 26)
    quotes = [e.quote for e in incident.evidence if e.field == "date"]
    assert "8:45 p.m. (EST)" in quotes


def test_a_clock_in_the_local_zone_keeps_the_day() -> None:
    text = "Militants fired two rockets at a base in Iraq at 11:30 p.m. (Baghdad time) on Monday."
    [incident] = extract(text, published="2024-08-06").incidents
    assert incident.date.start == dt.date(2024, 8, 5)


def test_a_bracketed_conversion_after_the_local_time_is_not_read() -> None:
    text = "THE ATTACK TOOK PLACE AT 2100 ON 15 JANUARY [0100 GMT ON 16 JAN]."
    assert find_clocks(text) == []
    assert find_clocks("AT 2230 [0230 GMT] IN THE CAPITAL") == []
    assert len(find_clocks("AT 0230 GMT IN THE CAPITAL")) == 1
