"""The place of an incident: which of the report's toponyms is where the act took place,
and how precisely.

Input: the report's text, the act's clauses and sentences, and the ``PlaceMention`` of
every toponym (from ``places.find_places``). Output: a ``Place`` model, the ranked
candidates (the chosen one first) and the spans the place rests on.

    >>> from sitrep.extract.places import find_places
    >>> from sitrep.extract.segment import split_sentences
    >>> text = "Gunmen attacked a bus near Mosul on Monday."
    >>> sentences = split_sentences(text)
    >>> place, _others, _spans = incident_place(
    ...     text, [(0, len(text))], sentences, 0, 0, find_places(text, sentences)
    ... )
    >>> (place.name, place.precision)
    ('Mosul', 'near')

How:

- The incident's place is the most specific ``place`` told in the act's own clauses,
  then in its sentences, then earlier in its paragraph, then the report's lead, then the
  dateline (not for a report about a ship at sea that names no place of the dateline's
  country); origins and far landmarks ("500 km north of Bogota") come last. A later
  sentence of the paragraph that opens on the act's object again ("struck four missiles
  ... The four missiles had been made ready in Yemen") comes before the lead, and a
  paragraph that opens "Separately," does not take the lead's places. A country named
  only in the lead gives way to the dateline's city of that country, and a country named
  in the act's own sentences to a town of that country told earlier in the story. With
  nothing named at all, there is no place: never a guess.
- A far landmark is never the place: the place named beside the same landmark
  elsewhere in the report stands for it ("in Ayapel municipality, 500 km northwest of
  Bogota"), else the landmark's country, with precision ``country``.
- A place the gazetteer lacks takes the first-level region its passage names (else the
  nearest one the report names); a named university, the town it is in.
- A region is reported by its common English name ("Aleppo", not GeoNames' "Ḩalab").
- Precision (the contract's codes): a town or site is ``exact`` (``near`` after "near",
  "outside", "km from"), then ``admin2``, ``admin1``, ``region``, ``country``, ``water``.
  A place the gazetteer lacks keeps its name as written and the coordinates of the
  smallest area known around it, with that area's precision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from sitrep.extract.place_names import PlaceMention, directional
from sitrep.extract.segment import Sentence
from sitrep.models import Place, PlacePrecision
from sitrep.resolve.gazetteer import gazetteer


def incident_place(
    text: str,
    spans: Sequence[tuple[int, int]],
    sentences: Sequence[Sentence],
    first_sentence: int,
    last_sentence: int,
    mentions: Sequence[PlaceMention],
) -> tuple[Place | None, list[Place], list[tuple[int, int]]]:
    """The incident's place, the ranked candidates (the chosen one first) and the spans
    it rests on.

    ``spans`` are the act's clauses; ``first_sentence``/``last_sentence`` the indexes of
    its sentences in ``sentences``.
    """
    usable = [m for m in mentions if m.role in ("place", "origin")]
    tiers: list[list[PlaceMention]] = []
    tiers.append([m for m in usable if any(a <= m.start < b for a, b in spans)])
    s0, s1 = sentences[first_sentence], sentences[last_sentence]
    tiers.append([m for m in usable if s0.start <= m.start < s1.end])
    paragraph = s0.paragraph
    earlier = [
        s for s in sentences[:first_sentence] if s.paragraph == paragraph and s.end <= s0.start
    ]
    for sentence in reversed(earlier):
        tiers.append([m for m in usable if sentence.start <= m.start < sentence.end])
    for later in _told_again(text, spans, sentences, last_sentence):
        tiers.append([m for m in usable if later.start <= m.start < later.end])
    if sentences and not (
        paragraph != sentences[0].paragraph
        and _SEPARATELY.match(text, _paragraph_start(sentences, first_sentence))
    ):
        lead = [s for s in sentences if s.paragraph == sentences[0].paragraph]
        tiers.append([m for m in usable if lead[0].start <= m.start < lead[-1].end])
    tiers.append([m for m in mentions if m.role == "dateline" and _dateline_fits(m, mentions)])

    ranked: list[PlaceMention] = []
    for tier in tiers:
        for m in sorted(tier, key=lambda m: (m.role == "origin", m.far, -m.specificity, m.start)):
            if m not in ranked and not _conflicts(m, tier):
                ranked.append(m)
    vague = _vague(text, spans, sentences[first_sentence : last_sentence + 1], mentions, ranked)
    if vague is not None:
        place, support = vague
        return place, [place, *(_place(text, m)[0] for m in ranked[:4])], support
    if not ranked:
        return None, [], []
    chosen = _choose(ranked)
    own = tiers[0] + tiers[1]
    if chosen.entry is not None and chosen.entry.kind == "country" and chosen not in own:
        # The act's own sentences name no place and the lead only the country ("unions in Peru
        # said"): the dateline's city of that country says more.
        chosen = next(
            (m for m in tiers[-1] if m.country_code == chosen.country_code and m in ranked),
            chosen,
        )
    elif chosen.entry is not None and chosen.entry.kind == "country":
        # "the bodies were found near the city's cemetery ... this new action in El
        # Salvador": a town of that country told earlier in the story says more.
        chosen = next(
            (
                m
                for m in ranked
                if m not in own
                and m.role == "place"
                and m.country_code == chosen.country_code
                and m.specificity >= 5
                and not m.far
            ),
            chosen,
        )
    if chosen.far:
        chosen = _beside_landmark(text, chosen, mentions) or chosen
    if chosen.entry is None and chosen.admin is None:
        chosen = _with_admin(text, chosen, mentions, (s0.start, s1.end))
    place, support = _place(text, chosen)
    others = [_place(text, m)[0] for m in ranked[:5] if m is not chosen]
    return place, [place, *others], support


# A paragraph that opens "Separately," or "In a separate attack" tells another story than
# the lead: the lead's places are not its places.
_SEPARATELY = re.compile(r"\s*(?:Separately\b|In\s+a\s+separate\b|Elsewhere\b)")
# "The four missiles had been made ready for launch from ... Yemen": a later sentence that
# opens on the act's object again tells more of the same act.
_TOLD_AGAIN = re.compile(r"\s*(?:The|These|Those)\s+(?P<words>(?:[\w-]+\s+){0,2}[\w-]+)")


def _paragraph_start(sentences: Sequence[Sentence], i: int) -> int:
    paragraph = sentences[i].paragraph
    while i > 0 and sentences[i - 1].paragraph == paragraph:
        i -= 1
    return sentences[i].start


def _told_again(
    text: str, spans: Sequence[tuple[int, int]], sentences: Sequence[Sentence], last: int
) -> list[Sentence]:
    """The later sentences of the act's paragraph that open on a noun of the act's own
    clauses ("struck four missiles ... The four missiles had been made ready in X")."""
    paragraph = sentences[last].paragraph if sentences else None
    out: list[Sentence] = []
    act = ""
    for sentence in sentences[last + 1 :]:
        if sentence.paragraph != paragraph:
            break
        m = _TOLD_AGAIN.match(text, sentence.start, sentence.end)
        if m is None:
            continue
        nouns = [w for w in m.group("words").lower().split() if len(w) >= 5 and w.isalpha()]
        act = act or " ".join(text[a:b].lower() for a, b in spans)
        if any(re.search(r"\b" + w + r"\b", act) for w in nouns):
            out.append(sentence)
    return out


_DIRECTION_ADJECTIVE = {
    "north": "northern",
    "south": "southern",
    "east": "eastern",
    "west": "western",
    "northeast": "northeastern",
    "northwest": "northwestern",
    "southeast": "southeastern",
    "southwest": "southwestern",
}


def _vague(
    text: str,
    spans: Sequence[tuple[int, int]],
    sentences: Sequence[Sentence],
    mentions: Sequence[PlaceMention],
    ranked: Sequence[PlaceMention],
) -> tuple[Place, list[tuple[int, int]]] | None:
    """ "attacked ... in the north": the part of the country the act's sentence names,
    as a curated region ("northern Israel") or, failing that, the country with precision
    ``region``. None when the act's clauses name a place of their own."""
    found = next((m for a, b in spans if (m := directional(text, a, b))), None)
    if found is None:
        return None
    own = any(any(a <= m.start < b for a, b in spans) and m.role == "place" for m in ranked)
    if own and not (ranked[0].entry is not None and ranked[0].entry.kind == "country"):
        return None
    start, end = sentences[0].start, sentences[-1].end
    countries = [
        m
        for m in mentions
        if start <= m.start < end and m.entry is not None and m.entry.kind == "country"
    ]
    if not countries:
        return None
    # "in northeast Jordan": the country named right after the direction, else the
    # nearest one in the sentence.
    country = min(
        countries, key=lambda m: (m.start != found.end() + 1, abs(m.start - found.start()))
    )
    assert country.entry is not None
    word = found.group("dir").lower().replace("-", "")
    adjective = _DIRECTION_ADJECTIVE.get(word, word)
    g = gazetteer()
    region = next(
        (
            e
            for e in g.lookup(f"{adjective} {country.entry.name}")
            if e.kind == "region" and e.country_code == country.entry.country_code
        ),
        None,
    )
    support = [(found.start("dir"), found.end()), (country.start, country.end)]
    if region is not None:
        return (
            Place(
                admin1=_admin1_label(region.country_code, region.admin1),
                country=country.entry.name,
                country_code=region.country_code,
                latitude=region.latitude,
                longitude=region.longitude,
                precision="region",
                text=text[found.start() : found.end()],
                gazetteer_id=region.id,
            ),
            support,
        )
    return (
        Place(
            country=country.entry.name,
            country_code=country.entry.country_code,
            precision="region",
            text=text[found.start() : found.end()],
        ),
        support,
    )


def _dateline_fits(dateline: PlaceMention, mentions: Sequence[PlaceMention]) -> bool:
    """A report told from a command's press office ("TAMPA, Fla.") about a ship hit at sea
    names the sea and no place of the dateline's country: the dateline is then where
    the report was written, not where the act took place."""
    places = [m for m in mentions if m.role in ("place", "origin")]
    home = any(m.country_code == dateline.country_code for m in places)
    at_sea = any(m.entry is not None and m.entry.kind == "water" for m in places)
    return home or not at_sea


def _beside_landmark(
    text: str, landmark: PlaceMention, mentions: Sequence[PlaceMention]
) -> PlaceMention | None:
    """ "found 500 km northwest of Bogota" ... "found in Ayapel municipality, Cordoba
    department, 500 km northwest of Bogota": the place the report names beside the same
    far landmark elsewhere is the place meant."""
    best: PlaceMention | None = None
    for other in mentions:
        if other is landmark or not other.far or other.entry != landmark.entry:
            continue
        for m in mentions:
            if (
                m.role == "place"
                and not m.far
                and m.end <= other.start
                and other.start - m.end <= 80
                and ". " not in text[m.end : other.start]
                and (best is None or m.specificity > best.specificity)
            ):
                best = m
    return best


def _conflicts(m: PlaceMention, tier: Sequence[PlaceMention]) -> bool:
    """A town outside every first-level region its own passage names ("SAN MIGUEL" when
    the passage is about Chalatenango department) is another place of the same name."""
    if m.entry is None or m.entry.kind not in ("populated", "site") or not m.entry.admin1:
        return False
    regions = [
        o.entry
        for o in tier
        if o.entry is not None
        and o.entry.kind == "admin1"
        and o.entry.country_code == m.entry.country_code
        and o.role == "place"
    ]
    return bool(regions) and all(r.name != m.entry.admin1 for r in regions)


# "the Masaken Hanano neighborhood": a part of a town, not a town of its own.
_NEIGHBOURHOOD = re.compile(r"\s+(?:neighbo(?:u)?rhood|quarter|district|sector)\b", re.I)


def _with_admin(
    text: str, m: PlaceMention, mentions: Sequence[PlaceMention], passage: tuple[int, int]
) -> PlaceMention:
    """A place the gazetteer lacks takes the first-level region of its country that its
    passage names ("the village of X ... in Y department"), else the one the report
    names nearest to it: a report about a hamlet names its department somewhere. A
    named site or a neighbourhood takes the town its passage names ("the Masaken Hanano
    neighborhood ... Aleppo city")."""
    in_town = m.site or _NEIGHBOURHOOD.match(text, m.end) is not None
    kinds = ("admin1", "populated") if in_town else ("admin1",)
    regions = [
        o
        for o in mentions
        if o.entry is not None
        and o.entry.kind in kinds
        and o.entry.country_code == m.country_code
        and o.role in ("place", "origin", "dateline")
        and (o.role != "dateline" or in_town)
    ]
    if not regions:
        return m
    a, b = passage
    # A site lies in the town its passage names, else in the dateline's city.
    nearest = min(
        regions,
        key=lambda o: (
            not a <= o.start < b,
            in_town and o.entry is not None and o.entry.kind != "populated",
            abs(o.start - m.start),
        ),
    )
    return replace(m, admin=nearest.entry)


def _choose(ranked: list[PlaceMention]) -> PlaceMention:
    first = ranked[0]
    if first.role == "origin":
        # "rockets fired from Gaza": where they fell, when told anywhere, is the place.
        for m in ranked[1:]:
            if m.role == "place":
                return m
    return first


def _place(text: str, m: PlaceMention) -> tuple[Place, list[tuple[int, int]]]:
    g = gazetteer()
    support = [(m.start, m.end)]
    entry = m.entry
    if entry is None:
        admin = m.admin
        country = g.country(m.country_code) if m.country_code else None
        area = admin or country
        precision: PlacePrecision = (
            "admin1" if admin is not None else ("country" if country else "unknown")
        )
        admin1 = admin.name if admin else None
        if admin is not None and admin.kind == "populated":
            # A site in a named town: within a few km of the town's point.
            precision, admin1 = "near", admin.admin1
        return (
            Place(
                name=_title(m.text),
                admin1=_admin1_label(m.country_code, admin1),
                country=country.name if country else None,
                country_code=m.country_code,
                latitude=area.latitude if area else None,
                longitude=area.longitude if area else None,
                precision=precision,
                text=text[m.start : m.end],
                gazetteer_id=None,
            ),
            support,
        )
    country = g.country(entry.country_code) if entry.country_code else None
    kind = entry.kind
    if m.far and country is not None and kind in ("site", "populated", "admin2"):
        # "roughly 510 km northeast of Mogadishu" and nothing nearer named: somewhere in
        # the landmark's country, never "near" the landmark.
        return (
            Place(
                country=country.name,
                country_code=country.country_code,
                latitude=country.latitude,
                longitude=country.longitude,
                precision="country",
                text=text[m.start : m.end],
            ),
            support,
        )
    precision = {
        "site": "exact",
        "populated": "exact",
        "admin2": "admin2",
        "admin1": "admin1",
        "region": "region",
        "country": "country",
        "water": "water",
    }[kind]  # type: ignore[assignment]
    if precision == "exact" and m.near:
        precision = "near"
    # A municipality or district is named like its seat ("Ayapel municipality").
    name = entry.name if kind in ("site", "populated", "admin2") else None
    return (
        Place(
            name=name,
            admin1=_admin1_label(entry.country_code, entry.admin1) if kind != "country" else None,
            admin2=entry.admin2 if kind in ("site", "populated", "admin2") else None,
            country=country.name if country else None,
            country_code=entry.country_code,
            latitude=entry.latitude,
            longitude=entry.longitude,
            precision=precision,
            text=text[m.start : m.end],
            gazetteer_id=entry.id,
        ),
        support,
    )


def _admin1_label(country_code: str | None, name: str | None) -> str | None:
    """A region as reports name it: "Aleppo", not GeoNames' "Ḩalab"."""
    return gazetteer().admin1_label(country_code, name) if name else None


def _title(name: str) -> str:
    return name.title() if name.isupper() else name
