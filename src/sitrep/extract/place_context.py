"""Which countries a report is about, as the places it names are resolved against them.

Input: the report's place names with their gazetteer candidates, the countries its
dateline, demonyms and country names give, and the date-line's entry. Output: the country
context each name is resolved in (``report_context``), whether a candidate lies in or next
to one of those countries (``near_any``), the country a big city's name points to
(``big_city_country``), and the dateline's own entry (``dateline_entry``).

    "MALIAN TROOPS ... NEAR BONI": the report is about Mali, so Boni is the Malian town,
    not Bonn, Germany.

extract/places.py calls these while it resolves each name.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from sitrep.extract.place_names import (
    _NOT_ALONE,
    _VOYAGE,
    _WHOSE,
    BIG_CITY,
    PlaceMention,
    _same_name,
    country_words,
)
from sitrep.resolve.gazetteer import GazetteerEntry, gazetteer


def in_dated_country(
    m: PlaceMention, dated_country: tuple[int, int, str, list[GazetteerEntry]]
) -> PlaceMention:
    """The dateline's places when the dateline names its country: the country itself,
    and a city the gazetteer knows only elsewhere kept by name in that country."""
    if m.role != "dateline":
        return m
    country = dated_country[3][0]
    if m.start == dated_country[0]:
        return replace(m, entry=country, country_code=country.country_code)
    if m.entry is not None and m.entry.country_code != country.country_code:
        return replace(m, entry=None, admin=None, country_code=country.country_code)
    return m


def report_context(
    text: str,
    raw: list[tuple[int, int, str, list[GazetteerEntry]]],
    dateline: tuple[int, int] | None,
    body: int,
    caps: bool,
    dated_country: tuple[int, int, str, list[GazetteerEntry]] | None = None,
) -> tuple[Counter[str], set[str], frozenset[str]]:
    """How strongly the report is about each country: the dateline, countries, first-
    level regions and big cities named without doubt, demonyms; and the countries
    named (demonyms aside); and the countries whose forces strike far from home that
    only a demonym names ("Russian forces shelled Pokrovsk"), whose places are not the
    likely ones. ``dated_country`` is a country the dateline names after its city."""
    counts: Counter[str] = Counter()  # a name counts 4, the dateline 8, a demonym 1
    dated: list[GazetteerEntry] = []
    cities: list[str] = []
    for s, _e, surface, found in raw:
        top = found[0]
        if surface.casefold() in _NOT_ALONE:
            continue  # "NORTHEASTERN" is a direction, not Oman's North Eastern governorate
        if top.kind != "populated" and _VOYAGE.search(text, max(0, s - 60), s):
            continue  # "bound for Egypt" says nothing of where the report is about
        if dateline and dateline[0] <= s < dateline[1]:
            if dated_country is None:
                dated = found
            elif s != dated_country[0]:
                dated = dated or found
        elif top.kind == "country" and top.country_code and not acronym(surface, caps):
            # "a U.S. drone strike": whose, counted as a demonym is (below)
            if not _WHOSE.match(text, _e) or top.country_code not in ABROAD:
                counts[top.country_code] += 4
        elif top.country_code and (
            top.kind in ("region", "site") or (top.kind == "admin1" and len(found) == 1)
        ):
            counts[top.country_code] += 2
        elif not caps and (code := big_city_country(surface, found)):
            cities.append(code)
    adjectives = [code for _s, _e, code in country_words(text, body, caps=caps)]
    if not counts and not dated:
        # Headlines that name no country: "Deir Ezzor", "Aleppo" say which it is, unless
        # it lies far from the countries the report's demonyms name ("Malian troops
        # near Boni" is not about Bonn).
        home = set(adjectives) - ABROAD
        counts.update({code: 2 for code in cities if not home or near_any(code, home)})
    named = set(counts)
    # "Russian forces shelled Pokrovsk": alone, the demonym of forces that strike far
    # from home says nothing of where (Ukraine's Pokrovsk, not Yakutia's).
    away: frozenset[str] = frozenset()
    if not counts and not dated and dated_country is None:
        away = frozenset(adjectives) & ABROAD
    for code in adjectives:
        if code not in away:
            counts[code] += 1  # "U.S. forces" in every sentence of a U.S. release: half a name
    if dated_country is not None and dated_country[3][0].country_code:
        counts[dated_country[3][0].country_code] += 8
        named.add(dated_country[3][0].country_code)
    elif dated:
        # The dateline's city: among its namesakes, one in a country the report names,
        # else the most populous ("SANTIAGO" of a report on Chile).
        best = dateline_entry(dated, counts)
        if best.country_code:
            counts[best.country_code] += 8
            named.add(best.country_code)
    return counts, named, away


# Forces of these countries strike far from home ("U.S. strikes in Yemen", "Russian jets
# over Idlib"): their demonyms say who acted, not near where.
ABROAD = frozenset(("USA", "RUS", "GBR", "FRA", "ISR", "IRN"))


def near_any(code: str | None, countries: Iterable[str]) -> bool:
    """The country is one of ``countries`` or borders one of them."""
    if code is None:
        return False
    g = gazetteer()
    return any(code == c or code in g.neighbours(c) for c in countries)


def big_city_country(surface: str, found: Sequence[GazetteerEntry]) -> str | None:
    """The country of a city of 100,000 or more, named by its own name, whose namesakes
    elsewhere are all far smaller: a name that by itself says which country the report
    is about."""
    towns = [e for e in found if e.kind in ("populated", "admin1")]
    if not towns:
        return None
    top = max(towns, key=lambda e: e.population)
    if top.population < BIG_CITY or not top.country_code:
        return None
    if not any(_same_name(e.name, surface) for e in towns if e.country_code == top.country_code):
        return None
    if any(
        e.country_code != top.country_code and e.population * 10 >= top.population for e in towns
    ):
        return None
    return top.country_code


def dateline_entry(found: Sequence[GazetteerEntry], counts: Counter[str]) -> GazetteerEntry:
    """The dateline's city among its namesakes: datelines name cities that wires file
    from, so population counts most, and a country the report names helps ("SANTIAGO"
    of a report on Chile; "SAN SALVADOR" is not a Mexican village of that name)."""

    def weight(e: GazetteerEntry) -> float:
        size = math.log10(e.population + 1) if e.kind in ("populated", "admin1") else 0
        return size + (1.0 if counts.get(e.country_code or "") else 0.0)

    return max(found, key=weight)


def acronym(surface: str, caps: bool) -> bool:
    """A country named by a short acronym in capitals ("CAR" bomb) may be a word."""
    return caps and len(surface.replace(".", "")) <= 3
