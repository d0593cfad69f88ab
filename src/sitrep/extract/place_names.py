"""Place names: the words around a toponym that say it is a place (or whose, or a ship's
name), the names the gazetteer lacks, and the country words of a report.

Input: a report's text and the gazetteer. Output: the cue patterns ``places`` resolves
toponyms with, ``PlaceMention`` (a toponym and what it resolved to), ``country_words``
(every demonym: "Somali forces" -> SOM) and ``unlisted_places`` (the places the
gazetteer lacks, announced by their type or the admin area beside them).

    >>> [code for _s, _e, code in country_words("Iraqi militias fired on a U.S. base.")]
    ['IRQ', 'USA']

How:

- A place the gazetteer lacks is announced by a type word ("the town of Cerro Blanco",
  "the Normandy neighborhood"), by the admin area after it ("in Sajandi, La Fonda
  corregimiento", "Patos (Paraiba)"), by a Spanish name's article or saint's prefix ("in
  San Benito") or is a named site ("at the National University"); it is kept by name
  with the smallest known area around it.
- Words that end a run of capitals ("IN CERRO BLANCO YESTERDAY") and common words ("IN
  EACH TOWN") are never part of such a name.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from sitrep.extract.segment import mostly_capitals
from sitrep.resolve.gazetteer import STOPWORDS, Gazetteer, GazetteerEntry, name_key

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
# "rockets fired from Gaza"; "25 km from Medellin" is a distance, not an origin.
_ORIGIN = re.compile(
    r"(?<![\w-])(?<!\bkm\s)(?<!\bkilometers\s)(?<!\bkilometres\s)(?<!\bmiles\s)"
    r"(?<!\bmeters\s)(?<!\bmetres\s)from\s+(?:the\s+)?$",
    re.I,
)
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
# A country or region in the name of an institution or title is whose, not where: "the
# University of Chile", "the electric company of El Salvador", "the ambassador to Peru".
_INSTITUTION_OF = re.compile(
    r"\b(?:university|universities|company|companies|bank|ambassadors?|embassy|consulate"
    r"|government|president|presidency|republic|people|church|congress|chamber|federation"
    r"|association|union|council|ministry|minister|court|bishops?|archbishop|cardinal"
    r"|attorney\s+general|comptroller|ombudsman|institute|academy|museum|corporation"
    r"|league|party|movement|radio|television|newspaper|airlines?)"
    r"\s+(?:of|to)\s+(?:the\s+)?$",
    re.I,
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
    # "from the city of Medellin": a type word, though some place has it as an alias
    + [f"the {w}" for w in "city town village capital port area region country".split()]
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
        caps = mostly_capitals(text)
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


def _admin_beside(
    text: str, end: int, g: Gazetteer, counts: Counter[str] | None = None
) -> GazetteerEntry | None:
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
    if counts:
        # "EL PUNTILLAL, ACT": a region of a country the report never names is a word
        regions = [e for e in regions if e.country_code in counts]
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


def directional(text: str, start: int, end: int) -> re.Match[str] | None:
    """ "in the north", "in the southern part of the country": a vague part of a country."""
    return _DIRECTIONAL.search(text, start, end)
