"""Places the gazetteer lacks: hamlets, neighbourhoods and named sites announced by the
words around them, and the parts of towns the gazetteer mistakes for namesakes elsewhere.

Input: a report's text, the gazetteer, the countries the report is about and the spans
already taken by gazetteer places. Output: ``PlaceMention`` objects with ``entry`` None,
kept by name with the smallest known area around them (``admin``).

    >>> from collections import Counter
    >>> from sitrep.resolve.gazetteer import gazetteer
    >>> text = "Troops entered the town of Cerro Blanco, Usulutan department, on Monday."
    >>> found = unlisted_places(text, 0, [], [], Counter({"SLV": 4}), gazetteer(), {"SLV"})
    >>> [(m.text, m.admin.name if m.admin else None) for m in found]
    [('Cerro Blanco', 'Usulután')]

How:

- A place the gazetteer lacks is announced by a type word ("the town of Cerro Blanco",
  "the Normandy neighborhood"), by the admin area after it ("in Sajandi, La Fonda
  corregimiento", "Patos (Paraiba)"), by a Spanish name's article or saint's prefix ("in
  San Benito") or is a named site ("at the National University").
- Words that end a run of capitals ("IN CERRO BLANCO YESTERDAY") and common words ("IN
  EACH TOWN", "THE PRIVATE ENTERPRISE SECTOR") are never part of such a name; streets
  and radio stations ("SAN ANTONIO ABAD STREET") are not places of their own.
- A small place named right before a much bigger town of its country ("Los Espinos,
  Zamora", "the Belen neighborhood of the city of Medellin"), whose namesake in the
  gazetteer lies far from that town, is a part of the town: kept by name, at the town.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from sitrep.extract.place_names import (
    _CAP_WORD,
    _GIVEN_NAMES,
    _NAME_WORD,
    _NEAR,
    _ORIGIN,
    _VOYAGE,
    PlaceMention,
    PlaceRole,
    _admin_beside,
    _demonyms_folded,
    _has_any,
    _top,
    said_where,
)
from sitrep.extract.segment import mostly_capitals
from sitrep.resolve.gazetteer import STOPWORDS, Gazetteer, GazetteerEntry

# "the town of Cerro Blanco": the name after its type word.
_NAMED_AFTER_TYPE = re.compile(
    r"\b(?i:town|city|village|hamlet|municipality|locality|neighbo(?:u)?rhood|district"
    r"|settlement|community|port|canton|sector|area|suburb|township)\s+(?i:of)\s+"
    r"(?P<name>" + _CAP_WORD + r"(?:\s+" + _NAME_WORD + r"){0,4})"
)
# "in the Normandy neighborhood", "invaded Calluchaca village": the act's verb is a cue too.
_NAMED_BEFORE_TYPE = re.compile(
    r"\b(?i:in|near|at|outside|on|of|to|from|invaded|attacked|raided|entered|occupied"
    r"|stormed|bombed|burned|overran)\s+(?i:the\s+)?"
    r"(?P<name>" + _CAP_WORD + r"(?:\s+" + _NAME_WORD + r"){0,4}?)\s+"
    r"(?P<type>(?i:neighbo(?:u)?rhood|village|hamlet|corregimiento|canton|sector|settlement"
    r"|estate|farm|district|municipality|town|jurisdiction))\b"
)
_NAMED_BEFORE_ADMIN = re.compile(
    r"\b(?i:in|near|at|outside|of|to|from)\s+"
    # "near Benadia in Arauca intendancy": the region after "in" too
    r"(?P<name>" + _CAP_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3}?)\s*(?:,|\(|\s(?i:in)\s)\s*"
    # "in Agua Fria, Soyapango, San Miguel department", "in Huancora, San Isidro Labrador
    # jurisdiction, Chalatenango department": a municipality between them
    r"(?:" + _CAP_WORD + r"(?:\s+" + _NAME_WORD + r"){0,2}?"
    r"(?:\s+(?i:jurisdiction|municipality|canton))?\s*,\s*)?"
    r"(?:(?i:the\s+)?[A-Z][\w'\u2019-]*(?:\s+" + _NAME_WORD + r"){0,3}?)\s*"
    r"(?:(?i:department|province|governorate|state|intendancy)|\))"
)
# "on the Bermeja River, Sucumbios province": a river the gazetteer lacks.
_NAMED_RIVER = re.compile(
    r"\b(?i:on|in|near|along|across|at|into)\s+(?i:the\s+)?"
    r"(?P<name>" + _CAP_WORD + r"(?:\s+" + _NAME_WORD + r"){0,2}?)\s+(?i:river)\b"
)
# A Spanish place name the gazetteer lacks, told as where: "in San Benito", "near La
# Ceibita". Its article or saint's prefix marks it as a name, not a word.
_NAMED_PREFIXED = re.compile(
    r"\b(?i:in|near|at|outside|on|attacked|raided|entered)\s+"
    r"(?P<name>(?:SAN|SANTA|SANTO|LA|LAS|LOS|EL|PUERTO|VILLA|NUEVA|NUEVO|San|Santa|Santo"
    r"|La|Las|Los|El|Puerto|Villa|Nueva|Nuevo)\s+" + _CAP_WORD + r"(?:\s+" + _NAME_WORD + r"){0,2})"
)
# A headline's place in Portuguese, Spanish or French, ending its line or clause:
# "4 morts dans une attaque à Mahu", "tiros em Caucaia".
_NAMED_ROMANCE = re.compile(
    r"(?<![\w-])(?:\u00e0|em|en)\s+(?P<name>[A-Z][a-z\u00e0-\u00ff'-]+"
    r"(?:\s+(?:de|do|da|du|[A-Z][a-z\u00e0-\u00ff'-]+)){0,2})(?=[ \t]*(?:$|[,:;!?(/]|\.\s))",
    re.M,
)
_ROMANCE_CUES = re.compile(r"(?:\u00e0| em| en) [A-Z]")
_OF_TOWN = re.compile(
    r"\s+(?i:of|in)\s+(?i:the\s+)?(?:(?i:city|town)\s+of\s+)?"
    r"(?P<town>" + _CAP_WORD + r"(?:[ \t]+" + _CAP_WORD + r"){0,2})"
)
# A named site the gazetteer lacks, entered or struck: "at the National University",
# "outside the Metropolitan Cathedral". An embassy or barracks is told by the town it
# is in ("the Peruvian embassy in Quito"), so the town stays the place.
_NAMED_SITE = re.compile(
    r"\b(?i:in|at|near|outside|inside|into|on|entered|attacked|stormed|raided|occupied"
    r"|bombed)\s+(?i:the\s+)?(?P<name>(?:" + _CAP_WORD + r"\s+){1,3}"
    r"(?i:university|cathedral))\b"
)
_NAMED_LONG = re.compile(
    r"\b(?i:in|near|at|outside|of|to|from)\s+(?i:the\s+)?"
    r"(?P<name>" + _CAP_WORD + r"(?:\s+" + _CAP_WORD + r"){0,2}\s+(?:DE|DEL|de|del)\s+"
    r"(?:(?:LA|LOS|LAS|la|los|las)\s+)?" + _CAP_WORD + r"(?:\s+" + _CAP_WORD + r")?)"
)
# A street, road or bridge is told with the town it is in, and a radio station is a
# name, not a place: the town named beside them is the place.
_NOT_A_TOWN = re.compile(
    r"\s+(?:street|avenue|road|highway|boulevard|bridge|radio|station|newscast|post)\b", re.I
)
# Words that end a run of capitals ("IN CERRO BLANCO YESTERDAY").
_ENDS_NAME = frozenset(
    """a an yesterday today tonight morning afternoon evening night where when which who while
    after before during and or but with by for on in at as that this these those the its
    their his her was were is are has have had been being will would said says""".split()
)
_SITE_WORDS = ("university", "cathedral")


def unlisted_places(
    text: str,
    body: int,
    taken: list[tuple[int, int]],
    blocked: list[tuple[int, int]],
    counts: Counter[str],
    g: Gazetteer,
    named: set[str],
) -> list[PlaceMention]:
    """Places the gazetteer lacks, announced by their type, by the admin area after them
    or by a Spanish name's prefix; kept by name with the smallest known area around
    them. ``named`` are the countries the report names (demonyms aside)."""
    out: list[PlaceMention] = []
    spans = list(taken)
    patterns = (
        _NAMED_SITE,
        _NAMED_AFTER_TYPE,
        _NAMED_BEFORE_TYPE,
        _NAMED_BEFORE_ADMIN,
        _NAMED_LONG,
        _NAMED_PREFIXED,
        _NAMED_ROMANCE,
        _NAMED_RIVER,
    )
    caps = mostly_capitals(text)
    for pattern in patterns:
        if pattern is _NAMED_SITE and not _has_any(text, _SITE_WORDS):
            continue
        if pattern is _NAMED_ROMANCE and (caps or not _ROMANCE_CUES.search(text)):
            continue
        if pattern is _NAMED_RIVER and not ("river" in text or "RIVER" in text or "River" in text):
            continue
        for m in pattern.finditer(text, body):
            s, e = m.span("name")
            name = _trim(text[s:e])
            if not name:
                continue
            e = s + len(name)
            if any(a < e and s < b for a, b in spans + blocked):
                continue
            if name.casefold() in STOPWORDS or name.split()[0].casefold() in _ENDS_NAME:
                continue
            if pattern is _NAMED_LONG and name.split()[0].casefold() in _GIVEN_NAMES:
                continue  # "ON ORDERS FROM JOSE DE JESUS PENA": a person
            if name.split()[-1].lower().endswith("ing"):
                continue  # "THE AREA OF FIGHTING": an English word, not a Spanish name
            if _NOT_A_TOWN.match(text, e) or _NOT_A_TOWN.match(" " + name.split()[-1]):
                continue  # "ON SAN ANTONIO ABAD STREET", "THE ONDAS DEL CESAR RADIO STATION"
            owner = re.match(r".*?['\u2019][sS]\s+", name)
            if owner:
                # "Tegucigalpa's Florencia del Este": the place after the possessive
                s += owner.end()
                name = name[owner.end() :]
            before = text[max(0, m.start() - 60) : m.start()]
            if said_where(text[max(0, s - 60) : s]) or _VOYAGE.search(before):
                continue
            admin = _admin_beside(text, e, g, counts)
            if admin is None:
                admin = _admin_beside(text, m.end(), g, counts)
            if admin is None and pattern is _NAMED_BEFORE_TYPE:
                admin = _town_of(text, m.end(), g, counts)
            if admin is None and pattern is _NAMED_BEFORE_ADMIN:
                admin = _admin_after_in(text, e, g, counts)
                if admin is None:
                    continue
            code = admin.country_code if admin else _top(counts)
            if code is None or (pattern in (_NAMED_PREFIXED, _NAMED_ROMANCE) and code not in named):
                continue  # a bare name needs a country the report names, not a demonym
            spans.append((s, e))
            out.append(
                PlaceMention(
                    start=s,
                    end=e,
                    text=name,
                    role="origin" if _ORIGIN.search(before) else "place",
                    entry=None,
                    admin=admin,
                    near=_NEAR.search(text[max(0, s - 60) : s]) is not None,
                    country_code=code,
                    site=pattern is _NAMED_SITE,
                )
            )
    return out


# "the Somali capital", "THE PERUVIAN CAPITAL": a capital named by its country's adjective.
_DEMONYM_CAPITAL = re.compile(r"\b(?i:the)\s+(?P<word>[A-Za-z][\w.'-]*)\s+(?i:capital)\b")


# "attacks in the capital": the capital of the country the report is about; "near the
# capital" measures from it, and a town named beside it is the place.
_THE_CAPITAL = re.compile(
    r"\b(?i:in|at|into|inside|attacked|across|throughout)"
    r"\s+(?P<capital>(?i:the)\s+(?i:capital))\b(?!\s+(?i:of|city)\b)"
)


def capital_places(
    text: str,
    body: int,
    taken: list[tuple[int, int]],
    g: Gazetteer,
    counts: Counter[str],
    named: set[str],
) -> list[PlaceMention]:
    """ "the Somali capital" -> Mogadishu: the capital of the country whose adjective
    names it ("car bombs in the Somali capital"), and "in the capital" of a report that
    names its country, where no name of it is found. ``named`` are the countries the
    report names."""
    if "capital" not in text and "CAPITAL" not in text:
        return []
    table = _demonyms_folded()
    home = _top(counts)
    found: list[tuple[int, int, str | None]] = [
        (m.start(), m.end(), table.get(m.group("word").casefold()))
        for m in _DEMONYM_CAPITAL.finditer(text, body)
    ]
    if home in named:
        found += [(*m.span("capital"), home) for m in _THE_CAPITAL.finditer(text, body)]
    out: list[PlaceMention] = []
    spans: list[tuple[int, int]] = []
    for s, e, code in sorted(found):
        city = g.capital(code) if code else None
        if city is None or any(a < e + 3 and s < b for a, b in taken + spans):
            continue  # "the Malian capital, Bamako": the name itself says it
        spans.append((s, e))
        before = text[max(0, s - 60) : s]
        if said_where(before) or _VOYAGE.search(before):
            role: PlaceRole = "statement" if said_where(before) else "context"
        else:
            role = "origin" if _ORIGIN.search(before) else "place"
        out.append(
            PlaceMention(
                start=s,
                end=e,
                text=text[s:e],
                role=role,
                entry=city,
                near=_NEAR.search(before) is not None,
                country_code=code,
            )
        )
    return out


_IN_ADMIN = re.compile(
    r"\s+(?i:in)\s+(?P<name>[A-Z][\w'\u2019-]*(?:\s+" + _NAME_WORD + r"){0,3}?)\s+"
    r"(?i:department|province|governorate|state|intendancy)\b"
)


def _admin_after_in(
    text: str, end: int, g: Gazetteer, counts: Counter[str]
) -> GazetteerEntry | None:
    """The region of "near Benadia in Arauca intendancy"."""
    m = _IN_ADMIN.match(text, end, end + 80)
    if m is None:
        return None
    regions = [e for e in g.lookup(m.group("name"))[:10] if e.kind == "admin1"]
    return next((e for e in regions if not counts or e.country_code in counts), None)


def _town_of(text: str, end: int, g: Gazetteer, counts: Counter[str]) -> GazetteerEntry | None:
    """The town a neighbourhood lies in: "the Salaheddine neighborhood of Aleppo"."""
    m = _OF_TOWN.match(text, end, end + 60)
    if m is None:
        return None
    words = m.group("town").split()
    towns: list[GazetteerEntry] = []
    for n in range(len(words), 0, -1):  # "San Salvador", not "San"
        towns = [e for e in g.lookup(" ".join(words[:n]))[:20] if e.kind == "populated"]
        if towns:
            break
    if counts:
        towns = [e for e in towns if e.country_code in counts]
    return max(towns, key=lambda e: e.population, default=None)


def _trim(name: str) -> str:
    words = name.split()
    kept: list[str] = []
    for word in words:
        if word.casefold() in _ENDS_NAME and kept:
            break
        kept.append(word)
    while kept and kept[-1].casefold() in ("de", "del", "la", "las", "los", "el", "al", "san"):
        kept.pop()
    return " ".join(kept)


# "Los Espinos, Zamora", "the Mariano Escobedo in Morelia", "the Belen neighborhood of
# the city of Medellin": a place told as part of the town named right after it.
_INSIDE = re.compile(
    r"\s*,\s*|\s+(?:(?:neighbo(?:u)?rhoods?|district|sector|quarter)\s+)?(?:of|in)\s+"
    r"(?:the\s+)?(?:(?:city|town)\s+of\s+)?",
    re.I,
)
# The town is one of a list ("in Hama, Homs and Idlib"), not the whole the place is in.
_LIST_GOES_ON = re.compile(r"\s*(?:,|&|\band\b|\bor\b)", re.I)
# Farther apart than this, a small namesake is not the place inside the town.
INSIDE_KM = 25.0


def inside_towns(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A small place named right before a much bigger town of its country, when the
    gazetteer's place of that name lies far from the town, is a place inside the town
    that the gazetteer lacks: kept by name, at the town."""
    out = list(mentions)
    for i in range(len(out) - 1):
        x, y = out[i], out[i + 1]
        if (
            x.entry is None
            or y.entry is None
            or x.entry.kind not in ("populated", "site")
            or y.entry.kind != "populated"
            or x.role == "dateline"
            or x.entry.country_code != y.entry.country_code
            or x.entry.population * 10 >= y.entry.population
            or not _INSIDE.fullmatch(text, x.end, y.start)
            or _LIST_GOES_ON.match(text, y.end)
        ):
            continue
        if _km_apart(x.entry, y.entry) > INSIDE_KM:
            out[i] = replace(x, entry=None, admin=y.entry, country_code=y.entry.country_code)
    return out


def _km_apart(a: GazetteerEntry, b: GazetteerEntry) -> float:
    """Great-circle distance; 0 when either place has no coordinates."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return 0.0
    lat1, lon1 = math.radians(a.latitude), math.radians(a.longitude)
    lat2, lon2 = math.radians(b.latitude), math.radians(b.longitude)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))
