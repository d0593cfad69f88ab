"""Odd Unicode gets a clear result, never a crash: letters that case-blind patterns take
for ASCII ("ı", "İ", "ſ", the Kelvin sign), combining marks, right-to-left text, NUL."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract.contract import extract_document
from sitrep.extract.dates import find_dates
from sitrep.extract.segment import fold_letters
from sitrep.extract.zero_statements import find_zero_statements

ANCHOR = dt.date(2024, 3, 5)


def test_dotless_i_in_a_relative_day_is_read_as_i() -> None:
    found = find_dates("it happened tonıght", ANCHOR)
    assert [(d.text, d.date_start) for d in found] == [("tonıght", ANCHOR)]


def test_dotless_i_in_a_zero_statement_is_read_as_i() -> None:
    found = find_zero_statements("nobody was ınjured")
    assert [z.kinds for z in found] == [("injured",)]


def test_folding_keeps_every_offset() -> None:
    text = "Frıday İraqi ſix \u212ailled"
    assert fold_letters(text) == "Friday Iraqi six Killed"
    assert len(fold_letters(text)) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Gunmen killed seven cıvilians on Frıday.", id="dotless i"),
        pytest.param("Gunmen killed seven civilianſ on Tueſday.", id="long s"),
        pytest.param("Gunmen killed seven cİvilians near İsraeli posts.", id="dotted capital I"),
        pytest.param("Gunmen \u212ailled seven civilians.", id="Kelvin sign"),
        pytest.param("Gunmen killed sevén civilians\u0301 in Straße.", id="combining marks"),
        pytest.param("\u202eGunmen killed \u200fseven civilians שלום مرحبا.", id="right to left"),
        pytest.param("Gunmen\x00 killed seven\x00 civilians.", id="NUL"),
        pytest.param("\ufeffGunmen killed ١٢ civilians, ² more ½ hurt.", id="other digits"),
    ],
)
def test_odd_letters_never_crash_and_quotes_stay_the_reports(text: str) -> None:
    out = extract_document("t", text, published="2024-03-05")
    assert out["error"] is None
    for incident in out["incidents"]:
        for span in incident["evidence"]:
            assert text[span["start"] : span["end"]] == span["quote"]


def test_a_folded_report_still_gives_its_incident() -> None:
    text = "Gunmen killed seven cıvilians on Frıday."
    out = extract_document("t", text, published="2024-03-05")
    [incident] = out["incidents"]
    assert incident["killed"]["best"] == 7
    assert incident["date"]["start"] == "2024-03-01"
    assert incident["date"]["text"] == "on Frıday"
