"""Places: the toponyms of a report, resolved against the offline gazetteer, and the
place of each incident with its precision.

Input: the report's text, its sentences, its dateline and the actors named in it (an
actor's name is not a place: "Farabundo Marti", "Medellin cartel"). Output: one
``PlaceMention`` per toponym with its ranked gazetteer candidates and its role, and, for
an incident, a ``Place`` model plus the spans it rests on (``incident_place``, in
``place_choice``; the cues are in ``place_names``, the names the gazetteer lacks in
``place_unlisted``).

    >>> from sitrep.extract.segment import split_sentences
    >>> text = "Militias fired two rockets at a U.S. base in western Iraq on Monday."
    >>> found = find_places(text, split_sentences(text))
    >>> [(m.text, m.entry.kind if m.entry else None, m.role) for m in found]
    [('western Iraq', 'region', 'place')]

How:

- Toponyms come from the gazetteer's name index (whole words, any case: wire copy in
  capitals too) and, for places the gazetteer lacks, from the phrases that announce a
  place: "the town of X", "X neighborhood", "in X, Y department", "on the X River".
  A capital named by its country's adjective ("the Somali capital"), or "in the
  capital" of a report that names its country, is that country's capital.
- A gazetteer hit counts as a place when the words before it say so ("in", "near",
  "the village of", "attacked", "the capital", a hashtag), a type word follows it
  ("Y DEPARTMENT"), or it is a country, first-level region, curated site, region or
  sea, or a city of 100,000 or more. A headline that is only a name ("Harasta" on a
  line of its own) is a place when the name says its country. Other hits ("Jose",
  "Victoria" as people, "MR. PIZARRO" and every later "PIZARRO", "the tanker Ostrava",
  "SAN ANTONIO ABAD STREET", "SAN SALVADOR VOLCANO") are left out.
- Each toponym's candidates are ranked by: the countries the report is about (the
  dateline, countries named, demonyms such as "Somali forces", and in headlines that
  name no country a big city no other country shares), an owner before it ("Pakistan's
  Karachi"), an admin area named beside it ("Patos (Paraiba)", "Usulutan department")
  or anywhere in the report, its type word, the gazetteer's kind order and population.
  A name spelt as written beats a namesake's old or foreign name ("Sloviansk"). A
  small place abroad when the report is about another country is taken for a word,
  not a place, and so is a town far from every country the report names or its
  demonyms name ("a Malian army convoy near Boni" is not about Bonn); the demonyms of
  forces that strike far from home ("a U.S. airstrike") say who acted, not where.
- Roles: ``place`` (where something happened), ``origin`` ("rockets fired from Gaza"),
  ``statement`` ("told reporters in Washington", but not "police said Hamas fired
  rockets at Ashkelon": an act between the speaker and the place), ``dateline``,
  ``context`` (a ship's flag, registry, ports of call and destination: "flagged in
  Liberia", "bound for Egypt"); a country or region in an institution's name ("the
  University of Chile") is ``context`` too. Far landmarks ("500 km north of Bogota")
  are marked ``far``; a distance "from" a town is not an origin.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from sitrep.extract.place_choice import incident_place
from sitrep.extract.place_context import (
    ABROAD,
    acronym,
    dateline_entry,
    in_dated_country,
    near_any,
    report_context,
)
from sitrep.extract.place_names import (
    _A_STREET_OF,
    _ADMIN1_LIST_AFTER,
    _ADMIN1_LIST_BEFORE,
    _ADMIN1_WORD,
    _ADMIN2_WORD,
    _APPOSITION,
    _APPOSITION_WORDS,
    _CUE,
    _DISTANCE,
    _INSTITUTION_OF,
    _LANDFORM,
    _NAME_BEFORE,
    _NAME_BEFORE_TAIL,
    _NAME_GOES_ON,
    _NAME_HEADS,
    _NEAR,
    _NEXT_NAME,
    _NOT_ALONE,
    _ORIGIN,
    _PLURAL_TYPES,
    _STREET,
    _STRONG,
    _STRUCK,
    _TOWN_WORD,
    _TYPE_AFTER,
    _VESSEL,
    _VESSEL_WORDS,
    _VOYAGE,
    _WHOSE,
    BIG_ABROAD,
    BIG_CITY,
    PlaceMention,
    PlaceRole,
    _admin_beside,
    _owner,
    _same_name,
    _top,
    _words,
    after_title,
    country_words,
    demonyms,
    directional,
    said_where,
)
from sitrep.extract.place_unlisted import capital_places, inside_towns, unlisted_places
from sitrep.extract.segment import Sentence, mostly_capitals
from sitrep.resolve.gazetteer import Gazetteer, GazetteerEntry, gazetteer, name_key

__all__ = [
    "PlaceMention",
    "country_words",
    "dateline_entry",
    "demonyms",
    "directional",
    "find_places",
    "incident_place",
]


def find_places(
    text: str,
    sentences: Sequence[Sentence],
    *,
    body: int = 0,
    dateline: tuple[int, int] | None = None,
    exclude: Iterable[tuple[int, int]] = (),
) -> list[PlaceMention]:
    """Every toponym of the report, resolved, in text order.

    ``body`` is where the text after the dateline starts; ``dateline`` the span of the
    dateline's place ("SAN SALVADOR" of "SAN SALVADOR, 3 JAN 90 --"); ``exclude`` spans of
    actor names.
    """
    g = gazetteer()
    blocked = sorted(exclude)
    caps = mostly_capitals(text)
    raw: list[tuple[int, int, str, list[GazetteerEntry]]] = []
    start = dateline[0] if dateline else body
    for hit in g.find_names(text, start):
        if any(a < hit.end and hit.start < b for a, b in blocked):
            continue
        if hit.text in demonyms() and not _TYPE_AFTER.match(text, hit.end):
            continue  # "Somali forces": whose, not the Somali region of Ethiopia
        if text[hit.end : hit.end + 1] in ("-", "\u2010", "\u2013") and not caps:
            continue  # "Iran-backed", "Israel-Hamas war"
        if _NAME_GOES_ON.match(text, hit.end):
            continue  # "SAN MIGUEL DE MERCEDES": a longer name, read by _unlisted
        if hit.key.split(" ", 1)[0] in ("de", "del") and _NAME_BEFORE_TAIL.search(
            text, max(0, hit.start - 30), hit.start
        ):
            continue  # "DEL MONTE" of "SAN BENITO DEL MONTE": the tail of a longer name
        if hit.key in _NAME_HEADS and _NEXT_NAME.match(text, hit.end):
            continue  # "Ain Zahra", "Sheikh Qadir": not the village called "Ain"
        found = g.lookup(hit.text)
        if found:
            raw.append((hit.start, hit.end, hit.text, found[:40]))

    # "EL PARAISO (EL SALVADOR), 19 MAR 89": a country named after the dateline's city
    # is the country of the city, not a Philippine town called El Salvador.
    in_dateline = [r for r in raw if dateline and dateline[0] <= r[0] < dateline[1]]
    dated_country = next(
        (r for r in in_dateline[1:] if r[3][0].kind == "country" and r[3][0].country_code), None
    )
    counts, named, away = report_context(text, raw, dateline, body, caps, dated_country)
    # First-level regions the report names in a country it is about: a village's
    # namesake inside one of them is the village meant ("Concepcion" of a report
    # that names Huehuetenango department).
    regions: dict[tuple[str | None, str], set[int]] = {}
    for start, _e, _surface, found in raw:
        for entry in found[:5]:
            if entry.kind == "admin1" and counts.get(entry.country_code or ""):
                regions.setdefault((entry.country_code, entry.name), set()).add(start)
    # "THE DEATH OF MR. PIZARRO ... THE MURDER OF PIZARRO LEONGOMEZ": a person named like
    # a town, wherever the report names him.
    persons = {name_key(surface) for s, _e, surface, _found in raw if after_title(text, s)}
    mentions: list[PlaceMention] = []
    for s, e, surface, found in raw:
        if persons and name_key(surface) in persons:
            continue
        mention = _resolve(
            text, s, e, surface, found, counts, dateline, caps, g, regions, bool(named), away
        )
        if mention is not None:
            mentions.append(mention)
    taken = [(m.start, m.end) for m in mentions]
    for mention in unlisted_places(text, body, taken, blocked, counts, g, named):
        mentions.append(mention)
    mentions += capital_places(text, body, taken + blocked, g, counts, named)
    mentions.sort(key=lambda m: m.start)
    if dated_country is not None:
        mentions = [in_dated_country(m, dated_country) for m in mentions]
    mentions = inside_towns(text, mentions)
    return [replace(m, far=True) if _far(text, m) else m for m in mentions]


def _resolve(
    text: str,
    s: int,
    e: int,
    surface: str,
    found: list[GazetteerEntry],
    counts: Counter[str],
    dateline: tuple[int, int] | None,
    caps: bool,
    g: Gazetteer,
    regions: dict[tuple[str | None, str], set[int]] | None = None,
    named: bool = True,
    away: frozenset[str] = frozenset(),
) -> PlaceMention | None:
    before = text[max(0, s - 60) : s]
    after = text[e : e + 40]
    cue = _CUE.search(before)
    low = before.lower()  # one lowering for the cheap word tests below
    near = _NEAR.search(before) is not None
    admin1_word = (
        _ADMIN1_WORD.match(after) is not None
        or (_in_low(low, _PLURAL_TYPES) and _ADMIN1_LIST_BEFORE.search(before) is not None)
        or (
            _in_low((after_list := text[e : e + 80]).lower(), _PLURAL_TYPES)
            and _ADMIN1_LIST_AFTER.match(after_list) is not None
        )
    )
    admin2_word = _ADMIN2_WORD.match(after) is not None
    town_word = _TOWN_WORD.match(after) is not None
    in_dateline = dateline is not None and dateline[0] <= s < dateline[1]
    admin = _admin_beside(text, e, g, counts)
    top_country = _top(counts)
    owner = _owner(before, g)
    # "#Mbengwi": a place tagged by the report itself.
    hashtag = before.endswith("#")

    spelled = name_key(surface) if admin1_word else ""
    # Wire copy in capitals spells its own towns; there, a namesake abroad is a word.
    written = "" if caps else name_key(surface).removeprefix("al ")

    def score(entry: GazetteerEntry) -> float:
        value = {
            "country": 3.0,
            "admin1": 2.2,
            "site": 2.6,
            "region": 2.5,
            "water": 2.5,
            "populated": 1.0,
            "admin2": 0.6,
        }[entry.kind]
        if entry.kind == "populated":
            value += min(entry.population, 5_000_000) ** 0.5 / 1500
        code = entry.country_code
        if code in away and entry.kind == "populated":
            value -= 0.5  # "Russian forces shelled Pokrovsk": Ukraine's, not Yakutia's
        if code is not None and code == top_country:
            value += 3
        elif code is not None and counts.get(code):
            value += 1 + min(counts[code], 12) / 6
        if admin is not None and admin.country_code == code:
            value += 2
            if entry.admin1 and admin.name == entry.admin1:
                value += 3
        elif entry.kind in ("populated", "site", "admin2") and (
            (regions or {}).get((code, entry.admin1 or ""), set()) - {s}
        ):
            value += 1.5
        if owner is not None and owner.country_code == code:
            value += 4
            if owner.kind == "admin1" and entry.admin1 == owner.name:
                value += 2
        if admin1_word:
            value += 3 if entry.kind == "admin1" else 0
            if entry.kind == "admin1" and name_key(entry.name) == spelled:
                value += 0.5  # "Lima department": Lima, not Metropolitan Lima
        elif admin2_word:
            value += 3 if entry.kind == "admin2" else 0
        elif town_word or in_dateline:
            value += 1.5 if entry.kind in ("populated", "site") else 0
        return value

    ranked = sorted(found, key=score, reverse=True)
    if written and ranked[0].kind == "populated":
        ranked = _spelt_first(ranked, written)
    if in_dateline:
        chosen = dateline_entry(found, counts)
        ranked = [chosen, *(e for e in ranked if e is not chosen)]
    if ranked[0].kind == "admin1" and not admin1_word:
        # "in SAN SALVADOR", "in Erbil": a region named like its capital means the city
        # unless a type word says otherwise ("SAN SALVADOR DEPARTMENT").
        city = next(
            (
                e
                for e in ranked[1:]
                if e.kind == "populated"
                and e.country_code == ranked[0].country_code
                and (e.admin1 == ranked[0].admin1 or e.population >= BIG_CITY)
                and (_same_name(e.name, ranked[0].name) or _same_name(e.name, surface))
            ),
            None,
        )
        if city is not None:
            ranked = [city, *(e for e in ranked if e is not city)]
    best = ranked[0]
    kind = best.kind
    owned = owner is not None and owner.country_code == best.country_code
    strong = (cue is not None and _STRONG.search(cue.group("cue")) is not None) or hashtag
    cue_of = cue is not None and cue.group("cue").lower().endswith("of")
    strong = strong or (
        _in_low(low[-30:], _APPOSITION_WORDS) and _APPOSITION.search(before) is not None
    )
    strong = strong or owned
    # A headline that is only a name ("Harasta" on a line of its own) names where its
    # story is, when the name says which country it is in ("Victoria" alone does not).
    strong = strong or (
        not caps
        and _alone_on_line(text, s, e)
        and (bool(counts.get(best.country_code or "")) or len({x.country_code for x in found}) == 1)
    )
    typed = admin1_word or admin2_word or town_word or admin is not None
    # Demonyms alone ("Turkish jets struck Manbij") say who acted, not where: a place
    # with a strong cue is then taken in whichever country it lies.
    home = not counts or best.country_code in counts or owned or (strong and not named)
    if (
        home
        and kind in ("populated", "admin2")
        and not (best.country_code in counts or owned)
        and (context := set(counts) - ABROAD)
        and not near_any(best.country_code, context)
    ):
        # "a Malian army convoy near Boni": a town far from every country the report
        # is about is another place of that name, not the one meant.
        home = False
    if (any(c.isdigit() for c in surface) and kind != "site") or name_key(surface) in _NOT_ALONE:
        return None  # "Tower 22", a curated site, is named with its number
    if _in_low(low[-40:], _VESSEL_WORDS) and _VESSEL.search(before):
        return None  # "the freighter Ostrava", "M/V Galveston": a ship's name
    if _STREET.match(after) and not _A_STREET_OF.search(before):
        return None  # "ON SAN ANTONIO ABAD STREET": a street named after a place
    landform = _LANDFORM.match(after) if kind in ("populated", "admin1", "admin2") else None
    if landform is not None:
        if landform.group("water") is None or cue is None:
            # "THE SLOPES OF SAN SALVADOR VOLCANO": a mountain, not the town; "LEMPA
            # RIVER HYDROELECTRIC COMMISSION": a name
            return None
        # "a boat on the San Miguel River": the river, a place the gazetteer lacks
        code = best.country_code if best.country_code in counts else top_country
        if code is None:
            return None
        return PlaceMention(
            start=s, end=e, text=surface, role=_role(before, False), entry=None,
            country_code=code,
        )  # fmt: skip
    if (
        admin is not None
        and kind in ("populated", "site", "admin2")
        and not in_dateline
        and (best.country_code, best.admin1) != (admin.country_code, admin.name)
        # "THE EL TRIUNFO CIVIL DEFENSE POST, SAN MIGUEL DEPARTMENT": in capitals, a
        # word before a region is only a place when something says so
        and (cue is not None or not caps or best.country_code == admin.country_code)
    ):
        # "Concepcion, La Union department" with no Concepcion listed there: the
        # place the gazetteer lacks, not a namesake in another region or country.
        return PlaceMention(
            start=s,
            end=e,
            text=surface,
            role=_role(before, in_dateline),
            entry=None,
            admin=admin,
            near=near,
            country_code=admin.country_code,
        )
    if in_dateline:
        pass
    elif (
        caps
        and kind in ("populated", "admin2", "admin1")
        and best.country_code != top_country
        and not typed
        and not _same_name(best.name, surface)
        # "CHALATENANGO DEPARTMENT": the name with its type word
        and not name_key(surface).startswith(name_key(best.name) + " ")
    ):
        # "IN EXCHANGE FOR", "THE TRIP", "GUARDIANS OF FREE ENTERPRISE": in capitals, a
        # word that is only another name of a place abroad (Atlas, Grayson, Free State)
        # is the word.
        return None
    elif kind in ("populated", "admin2"):
        # No cue at all: only a big city of the report's main country, and in capitals
        # only a name of several words ("SAN SALVADOR", not "PROGRESS") or a city of a
        # million ("MEDELLIN WAS QUIET AGAIN TODAY").
        uncued_city = (
            best.country_code == top_country
            and best.population >= BIG_CITY
            and (not caps or _words(surface) > 1 or best.population >= BIG_ABROAD)
            and not _NAME_BEFORE.search(before)
            # "THE ROME FOREIGN MINISTRY CONFIRMED": whose ministry, not where
            and not _WHOSE.match(after)
        )
        if not (strong or typed or (cue is not None and home) or uncued_city):
            return None
        if not home and not (strong and best.population >= BIG_ABROAD):
            return None  # "JOSE", "VICTORIA": a village abroad, read as a word here
        # A country told in passing next to the one the report names; with demonyms
        # only ("Turkish jets struck Manbij"), a headline's place is not in passing.
        passing = (named or caps) and (
            counts.get(best.country_code or "", 0) * 3 < counts.get(top_country or "", 0)
        )
        if (
            passing
            and not typed
            and not (strong and (best.population >= BIG_CITY or (_words(surface) > 1 and not caps)))
        ):
            return None  # "IN AN EFFORT", "BY JAMES": a town of a country told in passing
    elif kind == "country":
        if acronym(surface, caps) and not (strong and not cue_of):
            return None  # "THE USE OF CAR BOMBS": the word, not the Central African Republic
        if best.country_code != top_country and not strong and not _STRUCK.match(after):
            # "his trip to the United States": not where an act took place, but what
            # "in the north" of the same sentence is the north of.
            return _mention(s, e, surface, "context", best, admin, near)
    elif not home and not (strong and kind in ("region", "water", "site")):
        return None  # "the Capital" region of another country
    elif caps and not (cue is not None or typed or _words(surface) > 1):
        return None
    if kind == "country" and (_WHOSE.match(after) or (not cue and text[s:e].startswith("U"))):
        return None  # "a U.S. base", "Israeli targets": whose, not where
    role = _role(before, in_dateline)
    if role == "place" and kind in ("country", "admin1") and _INSTITUTION_OF.search(before):
        role = "context"
    return _mention(s, e, surface, role, best, admin, near)


def _in_low(low: str, words: Sequence[str]) -> bool:
    """Any of ``words`` in text already in lower case: a cheap test before a regex."""
    return any(w in low for w in words)


def _spelt_first(ranked: list[GazetteerEntry], written: str) -> list[GazetteerEntry]:
    """ "Sloviansk": Slovyansk, not Nikopol (once called that) of the same size; a town
    spelt as written beats one of its country known by an old name of similar size. Not
    across countries: "Palmyra" is Tadmur, not a village in Pennsylvania."""
    top = ranked[0]
    if _spelt_as(name_key(top.name).removeprefix("al "), written):
        return ranked
    for other in ranked[1:]:
        if (
            other.kind == "populated"
            and other.country_code == top.country_code
            and other.population * 2 >= top.population
            and _spelt_as(name_key(other.name).removeprefix("al "), written)
        ):
            return [other, *(e for e in ranked if e is not other)]
    return ranked


def _spelt_as(name: str, written: str) -> bool:
    """ "slovyansk" as "sloviansk": the place's own name, spelt another way, not an old or
    foreign name of another place."""
    if name == written:
        return True
    if name[:1] != written[:1] or abs(len(name) - len(written)) > 2:
        return False
    m = difflib.SequenceMatcher(None, name, written)
    return m.quick_ratio() >= 0.85 and m.ratio() >= 0.85


def _alone_on_line(text: str, s: int, e: int) -> bool:
    """ "Harasta" as a whole line of a list of headlines: nothing else on its line, not
    even the full stop of a paragraph's last word wrapped onto a line of its own."""
    start = text.rfind("\n", 0, s) + 1
    if text[start:s].strip():
        return False
    end = text.find("\n", e)
    return not text[e : len(text) if end < 0 else end].strip()


def _role(before: str, in_dateline: bool) -> PlaceRole:
    if in_dateline:
        return "dateline"
    if _VOYAGE.search(before):
        return "context"
    if said_where(before):
        return "statement"
    if _ORIGIN.search(before):
        return "origin"
    return "place"


def _mention(
    s: int,
    e: int,
    surface: str,
    role: PlaceRole,
    best: GazetteerEntry,
    admin: GazetteerEntry | None,
    near: bool,
) -> PlaceMention:
    return PlaceMention(
        start=s,
        end=e,
        text=surface,
        role=role,
        entry=best,
        admin=admin,
        near=near,
        country_code=best.country_code,
    )


def _far(text: str, m: PlaceMention) -> bool:
    """ "500 km northwest of Bogota": a landmark to measure from, not the place, when
    another place is named beside it."""
    window = text[max(0, m.start - 50) : m.start]
    if not any(c.isdigit() for c in window):
        return False
    found = _DISTANCE.search(window)
    if found is None:
        return False
    return (
        float(found.group("n").replace(",", ""))
        * (1.6 if found.group("unit").lower().startswith("mile") else 1)
        > 25
    )
