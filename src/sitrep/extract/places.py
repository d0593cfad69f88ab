"""Places: the toponyms of a report, resolved against the offline gazetteer, and the
place of each incident with its precision.

Input: the report's text, its sentences, its dateline and the actors named in it (an
actor's name is not a place: "Farabundo Marti", "Medellin cartel"). Output: one
``PlaceMention`` per toponym with its ranked gazetteer candidates and its role, and, for
an incident, a ``Place`` model plus the spans it rests on.

    >>> from sitrep.extract.segment import split_sentences
    >>> text = "Militias fired two rockets at a U.S. base in western Iraq on Monday."
    >>> found = find_places(text, split_sentences(text))
    >>> [(m.text, m.entry.kind if m.entry else None, m.role) for m in found]
    [('western Iraq', 'region', 'place')]

How:

- Toponyms come from the gazetteer's name index (whole words, any case: wire copy in
  capitals too) and, for places the gazetteer lacks, from the phrases that announce a
  place: "the town of X", "X neighborhood", "in X, Y department".
- A gazetteer hit counts as a place when the words before it say so ("in", "near",
  "the village of", "attacked", "the capital", a hashtag), a type word follows it
  ("Y DEPARTMENT"), or it is a country, first-level region, curated site, region or
  sea, or a city of 100,000 or more. Other hits ("Jose", "Victoria" as people, "the
  tanker Ostrava") are left out.
- Each toponym's candidates are ranked by: the countries the report is about (the
  dateline, countries named, demonyms such as "Somali forces", and in headlines that
  name no country a big city no other country shares), an owner before it ("Pakistan's
  Karachi"), an admin area named beside it ("Patos (Paraiba)", "Usulutan department")
  or anywhere in the report, its type word, the gazetteer's kind order and population.
  A small place abroad when the report is about another country is taken for a word,
  not a place.
- Roles: ``place`` (where something happened), ``origin`` ("rockets fired from Gaza"),
  ``statement`` ("told reporters in Washington"), ``dateline``, ``context`` (a ship's
  flag, registry, ports of call and destination: "flagged in Liberia", "bound for
  Egypt"). The incident's place is the most specific ``place`` told in the act's own
  clauses, then in its sentences, then earlier in its paragraph, then the report's lead,
  then the dateline (not for a report about a ship at sea that names no place of the
  dateline's country); origins and far landmarks ("500 km north of Bogota") come last.
  A country named only in the lead gives way to the dateline's city of that country.
  With nothing named at all, there is no place: never a guess.
- A place the gazetteer lacks takes the first-level region its passage names (else the
  nearest one the report names); a named university, the town it is in.
- Precision (the contract's codes): a town or site is ``exact`` (``near`` after "near",
  "outside", "km from"), then ``admin2``, ``admin1``, ``region``, ``country``, ``water``.
  A place the gazetteer lacks keeps its name as written and the coordinates of the
  smallest area known around it, with that area's precision.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Literal

from sitrep.extract.segment import Sentence
from sitrep.models import Place, PlacePrecision
from sitrep.resolve.gazetteer import STOPWORDS, Gazetteer, GazetteerEntry, gazetteer, name_key

PlaceRole = Literal["place", "origin", "statement", "dateline", "context"]

# Cities this large are places even without a preposition before them.
BIG_CITY = 100_000
# A place in a country the report never names must be at least this big to count.
BIG_ABROAD = 1_000_000

_TYPE_WORDS = (
    r"town|city|village|hamlet|municipality|locality|neighbo(?:u)?rhood|district|port"
    r"|suburb|settlement|sector|corregimiento|canton|area|region|province|department"
    r"|governorate|state|county|jurisdiction|estate|farm|camp|base|township|commune"
    r"|prefecture|outskirts|vicinity|capital|community|zone"
)
_ADMIN1_WORD = re.compile(
    r"\s*(?:departments?|provinces?|governorates?|states?|regions?|intendancy)\b", re.I
)
# A list under one plural type word: "the departments of Cusco, Puno and Tacna",
# "Usulutan and La Paz departments": every name of it is a first-level region.
_LIST_NAME = r"[A-Z][\w'\u2019-]*(?:\s+" + r"[A-Z][\w'\u2019-]*){0,2}"
_ADMIN1_LIST_BEFORE = re.compile(
    r"\b(?i:departments|provinces|governorates|states|regions)\s+(?i:of)\s+(?:(?i:the)\s+)?"
    r"(?:" + _LIST_NAME + r"\s*,\s*)*(?:" + _LIST_NAME + r",?\s+(?i:and|or)\s+)?$"
)
_ADMIN1_LIST_AFTER = re.compile(
    r"(?:\s*,\s*"
    + _LIST_NAME
    + r")*,?\s+(?i:and|or)\s+"
    + _LIST_NAME
    + r"\s+(?i:departments|provinces|governorates|states)\b"
)
_ADMIN2_WORD = re.compile(r"\s*(?:districts?|municipality|municipalities|counties|county)\b", re.I)
_TOWN_WORD = re.compile(
    r"\s*(?:town|city|village|hamlet|neighbo(?:u)?rhoods?|corregimiento|canton|sector"
    r"|settlement|estate|farm|district|camp|suburb|locality|township)\b",
    re.I,
)
# The words right before a toponym that make it a place of the story.
_CUE = re.compile(
    r"(?P<cue>\b(?:in|near|at|outside|around|from|to|toward|towards|into|inside|across|off"
    r"|on|through|between|and|of|over|attacked|attacking|struck|striking|hit|targeted"
    r"|shook|shaking|rocked|rocking"
    r"|targeting|bombed|shelled|raided|stormed|seized|captured|entered)"
    r"(?:\s+the)?(?:\s+(?:[\w-]+\s+){0,2}?(?:" + _TYPE_WORDS + r")\s+of)?"
    r"(?:\s+the)?"
    # "in a downtown Lima street", "in suburban Lima"
    r"(?:\s+(?:an?\s+)?(?:downtown|suburban|rural|residential|greater|central|northern"
    r"|southern|eastern|western|northeastern|northwestern|southeastern|southwestern))?)"
    r"\s*[,]?\s*$",
    re.I,
)
# Cues that make a word a place by themselves; "and", "of", "to" only continue one.
_STRONG = re.compile(
    r"^(?:in|near|at|outside|around|from|into|inside|toward|towards|across|through"
    r"|attacked|attacking|struck|striking|hit|targeted|targeting|bombed|shelled|raided"
    r"|stormed|seized|captured|entered|shook|shaking|rocked|rocking)\b|\bof$",
    re.I,
)
_NEAR = re.compile(
    r"\b(?:near|outside|around|close\s+to|on\s+the\s+outskirts\s+of|outskirts\s+of"
    r"|in\s+the\s+vicinity\s+of|\d+\s*(?:km|kilometers|kilometres|miles)\s+(?:\w+\s+)?"
    r"(?:from|of)|(?:north|south|east|west)(?:east|west)?\s+of)\s+(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}?(?:" + _TYPE_WORDS + r")\s+of\s+)?$",
    re.I,
)
# After a country's name, words that make it say whose, not where: "U.S. soldiers".
_WHOSE = re.compile(
    r"\.?\s*(?:-\s*)?(?:forces|troops|soldiers|servicemembers|service\s+members|base|bases"
    r"|military|army|navy|air\s+force|officials?|embassy|targets?|personnel|government"
    r"|citizens?|nationals?|contractors?|diplomats?|warships?|ships?|vessels?|aircraft|jets"
    r"|drones?|strikes?|president|minister|ministry|authorities|police|security|sources?"
    r"|media|news|state|television|radio|people|commanders?|spokesman|spokesperson"
    r"|flagged|owned|operated|registered|bound)\b",
    re.I,
)
# A capitalised word right before a town's name makes it a person's: "Lloyd J. Austin".
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]*\.?\s+$")
_TYPE_AFTER = re.compile(r"\s+(?i:region|state|province|governorate|zone)\b")
# After a country's name, words that make it the place struck: "Israel was attacked".
_STRUCK = re.compile(
    r"\s+(?:was|were|has\s+been|had\s+been|is\s+being|came\s+under)\s+(?:\w+\s+)?"
    r"(?:attacked|hit|struck|targeted|shelled|bombed|attack|fire|raided)\b",
    re.I,
)
# "the capital Sanaa", "the port city Hodeidah": a name in apposition to its type.
_APPOSITION = re.compile(
    r"\b(?:the|a)\s+(?:(?:provincial|regional|national)\s+)?(?:capital|port\s+city|port"
    r"|city|town|village)\s+$",
    re.I,
)
_ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
_DISTANCE = re.compile(
    r"\b(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>km|kilometers|kilometres|miles)\s+"
    r"(?:(?:\w+\s+){0,2})(?:from|of)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)
# A ship's flag, registry, ports of call and destination are not where it was attacked:
# "flying the flag of Malta", "flagged in the Marshall Islands", "had last docked in
# Malaysia", "bound for Egypt".
_VOYAGE = re.compile(
    r"\b(?:flag\s+of|flagged\s+(?:in|by|to)|regist(?:ered|ry)\s+(?:in|of|to)"
    r"|(?:docked|berthed|moored|anchored|loaded|unloaded|called|calling|stopped|refuel(?:l)?ed)"
    r"\s+(?:in|at)|ports?\s+of\s+call(?:\s+(?:in|at|was|were|is|are))?"
    r"|bound\s+(?:for|to)|head(?:ed|ing)\s+(?:for|to)|en\s+route\s+(?:to|from)"
    r"|destined\s+for|destination(?:\s+(?:of|was|is|in))?|sail(?:ed|ing)\s+(?:to|from|for)"
    r"|(?:departed|left)(?:\s+(?:from|port\s+in))?|(?:travel(?:l)?ing|voyage)\s+(?:to|from))"
    r"\s+(?:the\s+)?(?:port\s+of\s+|(?:[\w-]+\s+)?port\s+(?:of\s+)?)?$",
    re.I,
)
# "Pakistan's Karachi", "Syria's northern Idlib province": the owner named before a
# place says whose place it is.
_OWNER = re.compile(
    r"(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['\u2019]s\s+(?:[a-z][\w-]*\s+){0,4}$"
)
_SPEECH = re.compile(
    r"\b(?:said|says|told|announced|declared|stated|reported|statement|conference|spoke"
    r"|speaking|briefing|interview|quoted|reporters|visit|visiting|meeting|met|returned"
    r"|arrived|flew|headquartered|born|native|hometown|resident|residents|lived"
    r"|embassy|ambassador)\b[^.;]{0,40}?\b(?:in|at|from)\s+(?:the\s+)?$",
    re.I,
)
# A place the gazetteer lacks, announced by its type: "the town of Cerro Blanco",
# "the Normandy neighborhood", "in Sajandi, La Fonda corregimiento".
# Words that are never part of a place's name, even in capitals: "BEATEN TO DEATH IN
# THE X NEIGHBORHOOD" names X, "IN EACH TOWN" and "THE RESIDENTIAL DISTRICT" name nothing.
_COMMON_WORDS = (
    "a an the of to from in into at on by for with and or but near each every all any some"
    " many several two three four five its his her their our this that these those same"
    " entire whole main heavy recent residential commercial industrial rural urban poor"
    " working-class nearby neighboring neighbouring local other another various small"
    " large big exclusive wealthy remote isolated"
    # the names of media: "Radio Cadena", "El Diario de Hoy"
    " radio television newspaper diario daily"
    " yesterday today tonight morning afternoon evening night where when which who while"
    " after before during as was were is are has have had been said says"
).split()
_NOT_COMMON = r"(?!(?i:" + "|".join(re.escape(w) for w in _COMMON_WORDS) + r")\b)"
_CAP_WORD = _NOT_COMMON + r"[A-Z][\w'\u2019-]*"
_NAME_WORD = r"(?:" + _CAP_WORD + r"|de|del|la|las|los|el|al|san|DE|DEL|LA|LAS|LOS|EL|AL)"
# A ship is often named after a place: "the tanker Ostrava", "the M/V Sea Lark".
_VESSEL = re.compile(
    r"(?:\bM/[VT]\.?|\b(?i:tanker|freighter|carrier|vessel|ship|boat|frigate|destroyer"
    r"|ferry|trawler|dhow|yacht))\s+(?:" + _CAP_WORD + r"\s+){0,2}$"
)
_NAMED_AFTER_TYPE = re.compile(
    r"\b(?i:town|city|village|hamlet|municipality|locality|neighbo(?:u)?rhood|district"
    r"|settlement|community|port|canton|sector|area|suburb|township)\s+(?i:of)\s+"
    r"(?P<name>" + _CAP_WORD + r"(?:\s+" + _NAME_WORD + r"){0,4})"
)
_NAMED_BEFORE_TYPE = re.compile(
    r"\b(?i:in|near|at|outside|on|of|to|from)\s+(?i:the\s+)?"
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
# Words that are parts of names or directions, never a place alone: "SAN" of an unknown
# "SAN LUIS DE LA REINA", "NORTHEASTERN" (a governorate's English name elsewhere).
_DIRECTIONS = (
    "north south east west northern southern eastern western northeast northwest southeast"
    " southwest northeastern northwestern southeastern southwestern central capital"
).split()
_NOT_ALONE = frozenset(
    "al el la las los le de del san santa santo".split()
    + _DIRECTIONS
    + [f"the {w}" for w in _DIRECTIONS]
)
# Words that begin Arabic place names ("spring", "hill", "monastery", "house"...): alone
# before another capitalised word they are the head of a longer name the gazetteer lacks.
_NAME_HEADS = frozenset(
    """ain ayn tal tall tell tel kafr kfar deir dayr beit bayt bir jabal jebel sheikh shaykh
    wadi ras khirbet khirbat umm hay qasr mazraat""".split()
)
_NEXT_NAME = re.compile(r"[ \-]+(?:al-|el-|ar-|as-|ad-|an-|ash-|at-|az-)?[A-Z][a-z]")
_NAME_BEFORE_TAIL = re.compile(r"\b" + _CAP_WORD + r"\s+$")
# A name continues after a known one: "SAN MIGUEL DE MERCEDES", "Villa El Salvador".
_NAME_GOES_ON = re.compile(r"\s+(?:DE|DEL|de|del)\s+(?:(?:LA|LOS|LAS|la|los|las)\s+)?[A-Z]\w+")
_NAMED_LONG = re.compile(
    r"\b(?i:in|near|at|outside|of|to|from)\s+(?i:the\s+)?"
    r"(?P<name>" + _CAP_WORD + r"(?:\s+" + _CAP_WORD + r"){0,2}\s+(?:DE|DEL|de|del)\s+"
    r"(?:(?:LA|LOS|LAS|la|los|las)\s+)?" + _CAP_WORD + r"(?:\s+" + _CAP_WORD + r")?)"
)
# Words that end a run of capitals ("IN CERRO BLANCO YESTERDAY").
_ENDS_NAME = frozenset(
    """a an yesterday today tonight morning afternoon evening night where when which who while
    after before during and or but with by for on in at as that this these those the its
    their his her was were is are has have had been being will would said says""".split()
)
_DIRECTIONAL = re.compile(
    r"\b(?:in|across|throughout)\s+(?:the\s+)?(?P<dir>(?:north|south|east|west|central)"
    r"(?:ern|-?east(?:ern)?|-?west(?:ern)?)?)(?:\s+(?:part|region|parts)\s+of\s+the\s+country)?"
    r"\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in the text and what it resolved to (``entry`` None: a place the
    gazetteer lacks, kept by name, with ``admin`` the area named around it)."""

    start: int
    end: int
    text: str
    role: PlaceRole
    entry: GazetteerEntry | None
    admin: GazetteerEntry | None = None
    near: bool = False
    country_code: str | None = None
    site: bool = False  # a named site the gazetteer lacks: "the National University"
    far: bool = False  # a landmark measured from: "500 km north of Bogota"

    @property
    def specificity(self) -> int:
        """Larger is more specific: a named site inside a town 6, site/town 5, admin2 4,
        admin1 3, region 2, country 1."""
        if self.entry is None:
            return 6 if self.site else 5
        return {
            "site": 5,
            "populated": 5,
            "admin2": 4,
            "admin1": 3,
            "region": 2,
            "water": 2,
            "country": 1,
        }[self.entry.kind]


@functools.cache
def demonyms() -> dict[str, str]:
    """Country adjectives ("Somali", "U.S.") -> ISO3, from ``sitrep/data/demonyms.tsv``."""
    table = resources.files("sitrep.data").joinpath("demonyms.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, words = line.split("\t")
        for word in words.split(","):
            out[word.strip()] = code
    return out


@functools.cache
def _demonym_re() -> re.Pattern[str]:
    words = sorted(demonyms(), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(r"(?<![\w.])(?P<word>" + alternatives + r")(?![\w])", re.I)


def country_words(
    text: str, start: int = 0, end: int | None = None, *, caps: bool | None = None
) -> list[tuple[int, int, str]]:
    """(start, end, ISO3) for every demonym: "Iraqi militias", "a U.S. base". In mixed-case
    text only capitalised forms count ("us" is a pronoun); ``caps`` says whether the text
    is wire copy in capitals, when the caller knows."""
    stop = len(text) if end is None else end
    if caps is None:
        caps = _is_caps(text)
    table = {k.casefold(): v for k, v in demonyms().items()}
    out = []
    for m in _demonym_re().finditer(text, start, stop):
        word = m.group("word")
        if (
            word.casefold() in ("us", "u.s.")
            and word != "U.S."
            and not (word.isupper() and not caps)
        ):
            continue
        if not caps and not word[0].isupper():
            continue
        out.append((m.start(), m.end(), table[word.casefold()]))
    return out


def _is_caps(text: str) -> bool:
    letters = [c for c in text[:2000] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


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
    caps = _is_caps(text)
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

    counts, named = _context(text, raw, dateline, body, caps)
    # First-level regions the report names in a country it is about: a village's
    # namesake inside one of them is the village meant ("Concepcion" of a report
    # that names Huehuetenango department).
    regions: dict[tuple[str | None, str], set[int]] = {}
    for start, _e, _surface, found in raw:
        for entry in found[:5]:
            if entry.kind == "admin1" and counts.get(entry.country_code or ""):
                regions.setdefault((entry.country_code, entry.name), set()).add(start)
    mentions: list[PlaceMention] = []
    for s, e, surface, found in raw:
        mention = _resolve(
            text, s, e, surface, found, counts, dateline, caps, g, regions, bool(named)
        )
        if mention is not None:
            mentions.append(mention)
    taken = [(m.start, m.end) for m in mentions]
    for mention in _unlisted(text, body, taken, blocked, counts, g, named):
        mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return [replace(m, far=True) if _far(text, m) else m for m in mentions]


def _context(
    text: str,
    raw: list[tuple[int, int, str, list[GazetteerEntry]]],
    dateline: tuple[int, int] | None,
    body: int,
    caps: bool,
) -> tuple[Counter[str], set[str]]:
    """How strongly the report is about each country: the dateline, countries, first-
    level regions and big cities named without doubt, demonyms; and the countries
    named (demonyms aside)."""
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
            dated = found
        elif top.kind == "country" and top.country_code and not _acronym(surface, caps):
            counts[top.country_code] += 4
        elif top.country_code and (
            top.kind in ("region", "site") or (top.kind == "admin1" and len(found) == 1)
        ):
            counts[top.country_code] += 2
        elif not caps and (code := _big_city_country(surface, found)):
            cities.append(code)
    if not counts and not dated:
        # Headlines that name no country: "Deir Ezzor", "Aleppo" say which it is.
        counts.update({code: 2 for code in cities})
    named = set(counts)
    for _s, _e, code in country_words(text, body, caps=caps):
        counts[code] += 1  # "U.S. forces" in every sentence of a U.S. release: half a name
    if dated:
        # The dateline's city: among its namesakes, one in a country the report names,
        # else the most populous ("SANTIAGO" of a report on Chile).
        best = dateline_entry(dated, counts)
        if best.country_code:
            counts[best.country_code] += 8
            named.add(best.country_code)
    return counts, named


def _big_city_country(surface: str, found: Sequence[GazetteerEntry]) -> str | None:
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


def _acronym(surface: str, caps: bool) -> bool:
    """A country named by a short acronym in capitals ("CAR" bomb) may be a word."""
    return caps and len(surface.replace(".", "")) <= 3


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
) -> PlaceMention | None:
    before = text[max(0, s - 60) : s]
    after = text[e : e + 40]
    cue = _CUE.search(before)
    near = _NEAR.search(before) is not None
    admin1_word = (
        _ADMIN1_WORD.match(after) is not None
        or (_plural_type(before) and _ADMIN1_LIST_BEFORE.search(before) is not None)
        or (
            _plural_type(after_list := text[e : e + 80])
            and _ADMIN1_LIST_AFTER.match(after_list) is not None
        )
    )
    admin2_word = _ADMIN2_WORD.match(after) is not None
    town_word = _TOWN_WORD.match(after) is not None
    in_dateline = dateline is not None and dateline[0] <= s < dateline[1]
    admin = _admin_beside(text, e, g)
    top_country = _top(counts)
    owner = _owner(before, g)
    # "#Mbengwi": a place tagged by the report itself.
    hashtag = before.endswith("#")

    spelled = name_key(surface) if admin1_word else ""

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
    strong = strong or (
        _has_any(before[-30:], _APPOSITION_WORDS) and _APPOSITION.search(before) is not None
    )
    strong = strong or owned
    typed = admin1_word or admin2_word or town_word or admin is not None
    # Demonyms alone ("Turkish jets struck Manbij") say who acted, not where: a place
    # with a strong cue is then taken in whichever country it lies.
    home = not counts or best.country_code in counts or owned or (strong and not named)
    if any(c.isdigit() for c in surface) or name_key(surface) in _NOT_ALONE:
        return None
    if _has_any(before[-40:], _VESSEL_WORDS) and _VESSEL.search(before):
        return None  # "the freighter Ostrava", "M/V Galveston": a ship's name
    if (
        admin is not None
        and kind in ("populated", "site", "admin2")
        and not in_dateline
        and (best.country_code, best.admin1) != (admin.country_code, admin.name)
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
    elif kind in ("populated", "admin2"):
        # No cue at all: only a big city of the report's main country, and in capitals
        # only a name of several words ("SAN SALVADOR", not "PROGRESS") or a city of a
        # million ("MEDELLIN WAS QUIET AGAIN TODAY").
        uncued_city = (
            best.country_code == top_country
            and best.population >= BIG_CITY
            and (not caps or _words(surface) > 1 or best.population >= BIG_ABROAD)
            and not _NAME_BEFORE.search(before)
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
        if _acronym(surface, caps) and not strong:
            return None
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
    return _mention(s, e, surface, _role(before, in_dateline), best, admin, near)


def _role(before: str, in_dateline: bool) -> PlaceRole:
    if in_dateline:
        return "dateline"
    if _VOYAGE.search(before):
        return "context"
    if _SPEECH.search(before):
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


def _words(surface: str) -> int:
    return len(surface.split())


def _same_name(a: str, b: str) -> bool:
    """ "Erbil" and "Arbīl", "Sanaa" and "Şanʻā’": one name spelt two ways."""
    x, y = name_key(a), name_key(b)
    return x == y or difflib.SequenceMatcher(None, x, y).ratio() >= 0.75


def _top(counts: Counter[str]) -> str | None:
    return counts.most_common(1)[0][0] if counts else None


_PLURAL_TYPES = ("departments", "provinces", "governorates", "states", "regions")
_APPOSITION_WORDS = ("capital", "city", "town", "village", "port")
_SITE_WORDS = ("university", "cathedral")
_VESSEL_WORDS = (
    "m/v", "m/t", "tanker", "freighter", "carrier", "vessel", "ship", "boat", "frigate",
    "destroyer", "ferry", "trawler", "dhow", "yacht",
)  # fmt: skip


def _has_any(text: str, words: Sequence[str]) -> bool:
    """A cheap test before a slower regular expression: most toponyms have no such word
    near them."""
    low = text.lower()
    return any(w in low for w in words)


def _plural_type(text: str) -> bool:
    return _has_any(text, _PLURAL_TYPES)


def _owner(before: str, g: Gazetteer) -> GazetteerEntry | None:
    """The country or first-level region whose place follows: "Pakistan's" of
    "Pakistan's Karachi"."""
    tail = before[-80:]
    if "'s" not in tail and "\u2019s" not in tail:
        return None  # the common case, without the slower search below
    m = _OWNER.search(tail)
    if m is None:
        return None
    words = m.group("owner").split()
    for i in range(len(words)):
        for entry in g.lookup(" ".join(words[i:]))[:5]:
            if entry.kind in ("country", "admin1") and entry.country_code:
                return entry
    return None


def _admin_beside(text: str, end: int, g: Gazetteer) -> GazetteerEntry | None:
    """The admin area named right after a place: "Patos (Paraiba)", "Tulua, in central
    Valle del Cauca department", "Achi, in the northern department of Bolivar"."""
    m = re.match(
        r"\s*(?:\(|,\s*(?i:in\s+)?(?i:the\s+)?(?i:(?:north|south|east|west|central)\w*\s+)?"
        r"(?i:(?:department|province|state|governorate)\s+of\s+)?)"
        r"(?P<name>[A-Z][\w'\u2019-]*(?:\s+" + _NAME_WORD + r"){0,3}?)"
        r"(?:\s*\)|\s+(?i:department|province|state|governorate|region)\b|(?=[,.;]))",
        text[end : end + 80],
    )
    if m is None:
        return None
    name = m.group("name")
    regions = [e for e in g.lookup(name)[:10] if e.kind == "admin1"]
    if not regions:
        return None
    # "Lima department": the region called Lima before Metropolitan Lima
    key = name_key(name)
    return next((e for e in regions if name_key(e.name) == key), regions[0])


def _unlisted(
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
            owner = re.match(r".*?['\u2019][sS]\s+", name)
            if owner:
                # "Tegucigalpa's Florencia del Este": the place after the possessive
                s += owner.end()
                name = name[owner.end() :]
            before = text[max(0, m.start() - 60) : m.start()]
            if _SPEECH.search(text[max(0, s - 60) : s]) or _VOYAGE.search(before):
                continue
            admin = _admin_beside(text, e, g)
            if admin is None:
                admin = _admin_beside(text, m.end(), g)
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


def directional(text: str, start: int, end: int) -> re.Match[str] | None:
    """ "in the north", "in the southern part of the country": a vague part of a country."""
    return _DIRECTIONAL.search(text, start, end)


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
    if sentences:
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
    if chosen.entry is None and chosen.admin is None:
        chosen = _with_admin(chosen, mentions, (s0.start, s1.end))
    place, support = _place(text, chosen)
    others = [_place(text, m)[0] for m in ranked[:5] if m is not chosen]
    return place, [place, *others], support


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
                admin1=region.admin1,
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


def _with_admin(
    m: PlaceMention, mentions: Sequence[PlaceMention], passage: tuple[int, int]
) -> PlaceMention:
    """A place the gazetteer lacks takes the first-level region of its country that its
    passage names ("the village of X ... in Y department"), else the one the report
    names nearest to it: a report about a hamlet names its department somewhere."""
    kinds = ("admin1", "populated") if m.site else ("admin1",)
    regions = [
        o
        for o in mentions
        if o.entry is not None
        and o.entry.kind in kinds
        and o.entry.country_code == m.country_code
        and o.role in ("place", "origin", "dateline")
        and (o.role != "dateline" or m.site)
    ]
    if not regions:
        return m
    a, b = passage
    # A site lies in the town its passage names, else in the dateline's city.
    nearest = min(
        regions,
        key=lambda o: (
            not a <= o.start < b,
            m.site and o.entry is not None and o.entry.kind != "populated",
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
                admin1=admin1,
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
            admin1=entry.admin1 if kind != "country" else None,
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


def _title(name: str) -> str:
    return name.title() if name.isupper() else name
