"""Place names: the words around a toponym that say it is a place (or whose, or a ship's
name), and the country words of a report.

Input: a report's text and the gazetteer. Output: the cue patterns ``places`` resolves
toponyms with, ``PlaceMention`` (a toponym and what it resolved to), ``country_words``
(every demonym: "Somali forces" -> SOM) and the admin area named beside a place
(``_admin_beside``). The places the gazetteer lacks are found in ``place_unlisted``.

    >>> [code for _s, _e, code in country_words("Iraqi militias fired on a U.S. base.")]
    ['IRQ', 'USA']

How:

- A cue before a toponym ("in", "near", "the village of", "attacked", and in headlines
  "target", "shell" or "em", "en", "à") says it is where something happened; the
  words after a country ("U.S. soldiers") say whose.
- Long lists of words (the cues, the demonyms) are matched as a tree of their letters
  (``_one_of``), which Python's regular expressions try far faster than a flat list.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from sitrep.extract.segment import mostly_capitals
from sitrep.resolve.gazetteer import Gazetteer, GazetteerEntry, name_key

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


def _one_of(words: list[str]) -> str:
    """A pattern for any of ``words`` (lower case) as a tree of their letters:
    "a(?:fghan(?:i)?|lgerian)" rather than "afghan|afghani|algerian". Python's regular
    expressions try a flat list at every character, the tree only where a first letter
    fits: three times faster over a whole report. Deeper branches come first, so the
    longest word that fits wins, as in a list sorted longest first."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, Any]) -> str:
    parts = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not parts:
        return ""
    return "(?:" + "|".join(parts) + ")" + ("?" if "" in node else "")


# The words right before a toponym that make it a place of the story.
_CUE_WORDS = (
    "in near at outside around from to toward towards into inside across off on through"
    " between and of over attacked attacking struck striking hit targeted shook shaking"
    " rocked rocking targeting bombed shelled raided stormed seized captured entered"
    # headlines tell the act in the present: "Airstrikes target Maskanah"
    " target targets hits strike strikes shell shells bomb bombs pound pounds pounded"
    " raid raids storm storms"
    # headlines in Portuguese, Spanish and French: "em Caucaia", "en Juárez", "à Mahu"
    " em na nas nos en dans \u00e0"
).split()
_CUE = re.compile(
    r"(?P<cue>\b"
    + _one_of(_CUE_WORDS)
    + r"(?:\s+the)?(?:\s+(?:[\w-]+\s+){0,2}?(?:"
    + _TYPE_WORDS
    + r")\s+of)?"
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
    r"|stormed|seized|captured|entered|shook|shaking|rocked|rocking|target|targets|hits"
    r"|strike|strikes|shell|shells|bomb|bombs|pound|pounds|pounded|raid|raids|storm|storms"
    r"|em|na|nas|nos|en|dans|\u00e0)\b|\bof$",
    re.I,
)
_NEAR = re.compile(
    r"\b(?:near|outside|around|close\s+to|on\s+the\s+outskirts\s+of|outskirts\s+of"
    r"|in\s+the\s+vicinity\s+of|\d+\s*(?:km|kilometers|kilometres|miles)\s+(?:\w+\s+)?"
    r"(?:from|of)|(?:north|south|east|west)(?:east|west)?\s+of)\s+(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}?(?:" + _TYPE_WORDS + r")\s+of\s+)?$",
    re.I,
)
# A street is named after a place or a saint; the town it is in is told beside it.
# "the corner of Sarmiento and San Martin streets": the first street of two.
_STREET = re.compile(
    r"\s+(?:streets?|avenues?|boulevards?)\b"
    r"|\s+(?:and|y|&)\s+(?:[A-Z][\w'\u2019-]*\s+){1,3}(?i:streets|avenues)\b",
    re.I,
)
# "the slopes of San Salvador volcano": a landform named after the town, not the town.
_LANDFORM = re.compile(r"\s+(?:volcano|mountains?|hills?|(?P<water>river|lake))\b", re.I)
# "in a downtown Quetzaltenango street": a street of the town, not a street's name.
_A_STREET_OF = re.compile(r"\b(?:an?|downtown|suburban|central|main|busy)\s+$", re.I)
# After a country's name, words that make it say whose, not where: "U.S. soldiers".
_WHOSE = re.compile(
    r"\.?\s*(?:-\s*)?(?:forces|troops|soldiers|servicemembers|service\s+members|base|bases"
    r"|military|army|navy|air\s+force|officials?|embassy|consulate|targets?|personnel|government"
    r"|citizens?|nationals?|contractors?|diplomats?|warships?|ships?|vessels?|aircraft|jets"
    r"|drones?|strikes?|airstrikes?|air\s+strikes?|warplanes?|helicopters?|raids?|led|backed"
    r"|coalition|envoy|president|minister|ministry|foreign|authorities|police|security|sources?"
    r"|media|news|state|television|radio|people|commanders?|spokesman|spokesperson"
    r"|flagged|owned|operated|registered|bound)\b",
    re.I,
)
# Given names that open a person's name written like a place's ("Jose de Jesus Pena",
# "CARLOS PIZARRO").
_GIVEN_NAMES = frozenset(
    """jose juan maria luis carlos jorge manuel pedro antonio jesus miguel rafael fernando
    ricardo roberto alfredo alberto eduardo""".split()
)
# A title or given name right before a town's name makes it a person's: "MR. PIZARRO",
# "CARLOS PIZARRO LEONGOMEZ", even in capitals.
_PERSON_WORDS = _GIVEN_NAMES | frozenset(
    """mr mrs ms dr gen general col colonel capt captain maj major lt sgt sergeant judge
    senator bishop monsignor msgr don""".split()
)


def after_title(text: str, start: int) -> bool:
    """The name at ``start`` follows a title or given name: "PIZARRO" of "MR. PIZARRO".
    Plain string steps, not a regular expression: it runs for every toponym."""
    k = start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k == start:
        return False
    if k > 0 and text[k - 1] == ".":
        k -= 1
    w = k
    while w > 0 and text[w - 1].isalpha():
        w -= 1
    return k - w <= 10 and text[w:k].lower() in _PERSON_WORDS and (w == 0 or text[w - 1] != "-")


# A capitalised word right before a town's name makes it a person's: "Lloyd J. Austin";
# not one that ends the line before ("SOMALIA: Pivotal Moment" / "Mogadishu blast ...").
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]*\.?[ \t]+$")
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
    r"|dispatch|dispatches|cable"
    r"|arrived|flew|headquartered|born|native|hometown|resident|residents|lived"
    r"|embassy|ambassador"
    # where a statement was put out: "a communique issued today in San Jose"
    r"|issued|communiqu\u00e9|communique|released|published|broadcast)"
    r"\b(?P<gap>[^.;]{0,40}?)\b(?:in|at|from)\s+(?:the\s+)?$",
    re.I,
)
# An act told between the speaker and the place: "Police said Hamas fired rockets at
# Ashkelon", "Israel said its aircraft struck targets in southern Lebanon". The place is
# the act's, not where the statement was made.
_ACT_IN_GAP = re.compile(
    r"\b(?:fired|fires|fire|struck|strikes?|hit|hits|attacked|attacks?|killed|kills?|shelled"
    r"|bombed|launched|launches|targeted|targets?|exploded|detonated|ambushed|raided|clashed"
    r"|shot|seized|captured|stormed|abducted|kidnapped|intercepted|downed|wounded|injured"
    r"|destroyed|carried\s+out|conducted|dropped|pounded|rockets?|missiles?|drones?"
    r"|airstrikes?|barrage|shells)\b",
    re.I,
)


def said_where(before: str) -> bool:
    """ "told reporters in", "said in a statement issued in": the place that follows is
    where something was said, not where an act took place."""
    m = _SPEECH.search(before)
    return m is not None and _ACT_IN_GAP.search(m.group("gap")) is None


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
    # who, not where: "THE PRIVATE ENTERPRISE SECTOR", "A SETTLEMENT OF REPATRIATES"
    " private public enterprise business civil defense repatriates refugees"
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
def _demonyms_folded() -> dict[str, str]:
    return {k.casefold(): v for k, v in demonyms().items()}


@functools.cache
def _demonym_re() -> re.Pattern[str]:
    words = _one_of(list(_demonyms_folded()))
    return re.compile(r"(?<![\w.])(?P<word>" + words + r")(?![\w])", re.I)


def country_words(
    text: str, start: int = 0, end: int | None = None, *, caps: bool | None = None
) -> list[tuple[int, int, str]]:
    """(start, end, ISO3) for every demonym: "Iraqi militias", "a U.S. base". In mixed-case
    text only capitalised forms count ("us" is a pronoun); ``caps`` says whether the text
    is wire copy in capitals, when the caller knows."""
    stop = len(text) if end is None else end
    if caps is None:
        caps = mostly_capitals(text)
    table = _demonyms_folded()
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
    if x == y:
        return True
    # The cheap upper bounds first: most pairs are far apart ("Victoria", "Hong Kong").
    m = difflib.SequenceMatcher(None, x, y)
    return m.real_quick_ratio() >= 0.75 and m.quick_ratio() >= 0.75 and m.ratio() >= 0.75


def _top(counts: Counter[str]) -> str | None:
    return counts.most_common(1)[0][0] if counts else None


_PLURAL_TYPES = ("departments", "provinces", "governorates", "states", "regions")
_APPOSITION_WORDS = ("capital", "city", "town", "village", "port")
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


_ADMIN_BESIDE = re.compile(
    r"\s*(?:\(|,\s*(?i:in\s+)?(?i:the\s+)?(?i:(?:north|south|east|west|central)\w*\s+)?"
    r"(?i:(?:department|province|state|governorate)\s+of\s+)?)"
    r"(?P<name>[A-Z][\w'\u2019-]*(?:\s+" + _NAME_WORD + r"){0,3}?)"
    r"(?:\s*\)|\s+(?i:department|province|state|governorate|region)\b|(?=[,.;]))"
)


def _admin_beside(
    text: str, end: int, g: Gazetteer, counts: Counter[str] | None = None
) -> GazetteerEntry | None:
    """The admin area named right after a place: "Patos (Paraiba)", "Tulua, in central
    Valle del Cauca department", "Achi, in the northern department of Bolivar"."""
    if text[end : end + 3].lstrip()[:1] not in ("(", ","):
        return None  # the common case, without the slower match below
    m = _ADMIN_BESIDE.match(text[end : end + 80])
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


def directional(text: str, start: int, end: int) -> re.Match[str] | None:
    """ "in the north", "in the southern part of the country": a vague part of a country."""
    return _DIRECTIONAL.search(text, start, end)
