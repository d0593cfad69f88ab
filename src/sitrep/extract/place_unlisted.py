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
    _NAME_WORD,
    _NEAR,
    _ORIGIN,
    _SPEECH,
    _VOYAGE,
    PlaceMention,
    _admin_beside,
    _has_any,
    _top,
)
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
    r"(?P<name>" + _CAP_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3}?)\s*(?:,|\()\s*"
    # "in Agua Fria, Soyapango, San Miguel department": a municipality between them
    r"(?:" + _CAP_WORD + r"(?:\s+" + _NAME_WORD + r"){0,2}?\s*,\s*)?"
    r"(?:(?i:the\s+)?[A-Z][\w'\u2019-]*(?:\s+" + _NAME_WORD + r"){0,3}?)\s*"
    r"(?:(?i:department|province|governorate|state)|\))"
)
# A Spanish place name the gazetteer lacks, told as where: "in San Benito", "near La
# Ceibita". Its article or saint's prefix marks it as a name, not a word.
_NAMED_PREFIXED = re.compile(
    r"\b(?i:in|near|at|outside|on|attacked|raided|entered)\s+"
    r"(?P<name>(?:SAN|SANTA|SANTO|LA|LAS|LOS|EL|PUERTO|VILLA|NUEVA|NUEVO|San|Santa|Santo"
    r"|La|Las|Los|El|Puerto|Villa|Nueva|Nuevo)\s+" + _CAP_WORD + r"(?:\s+" + _NAME_WORD + r"){0,2})"
)
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
    )
    for pattern in patterns:
        if pattern is _NAMED_SITE and not _has_any(text, _SITE_WORDS):
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
            if _SPEECH.search(text[max(0, s - 60) : s]) or _VOYAGE.search(before):
                continue
            admin = _admin_beside(text, e, g, counts)
            if admin is None:
                admin = _admin_beside(text, m.end(), g, counts)
            if admin is None and pattern is _NAMED_BEFORE_TYPE:
                admin = _town_of(text, m.end(), g, counts)
            if admin is None and pattern is _NAMED_BEFORE_ADMIN:
                continue
            code = admin.country_code if admin else _top(counts)
            if code is None or (pattern is _NAMED_PREFIXED and code not in named):
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
