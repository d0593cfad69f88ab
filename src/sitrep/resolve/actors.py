"""The actor list: armed actors' names, aliases, acronyms and umbrella groups.

Input: ``data/actors.yaml`` (reviewable by a domain expert), or any file of that shape.
Output: an :class:`ActorRegistry` that finds actor names in text (:meth:`ActorRegistry.find`)
and turns a name as someone wrote it into an entry (:meth:`ActorRegistry.lookup`).

Example::

    >>> reg = registry()
    >>> [(h.text, h.actor.id) for h in reg.find("Kata’ib Hizballah and the Houthis struck.")]
    [('Kata’ib Hizballah', 'kataib-hezbollah'), ('Houthis', 'houthis')]
    >>> reg.lookup("ISIL").id
    'islamic-state'

Matching rules, and why:

- Names and aliases match case-insensitively, as whole words, over a normalised text:
  accents dropped, hyphens and dashes read as spaces, runs of spaces collapsed, apostrophes
  dropped ("Kata'ib" = "Kataib" = "Kata’ib"), except a possessive "'s", which becomes a
  separate word so that "Hezbollah's fighters" still finds "Hezbollah".
- Acronyms match case-sensitively ("KH", "ELN", "IS"): "it is" must not be Islamic State.
  In all-caps text (wire copy such as MUC-4) case says nothing, so acronyms match there too,
  except those that are also English words ("IS", "US", "FAR"...).
- A state force listed as "<country adjective> forces" ("Turkish forces") is also named by
  what it fights with ("Turkish artillery", "Turkish jets", "Turkish troops"), unless the
  list gives that name to an actor itself.
- ``lookup`` is exact first, then fuzzy with ``fuzz.ratio`` on whole normalised names
  (never on acronyms, never ``token_set_ratio`` or ``WRatio``: those map "Kata'ib Hizballah"
  to Hezbollah and "Islamic Jihad" to Islamic State through "IS").
- "the Pentagon" is not an alias of U.S. forces: in news it is nearly always the speaker
  ("the Pentagon said"), and an actor list that turns speakers into perpetrators would blame
  the source. Who claimed what is the attribution step's job.

Errors in the YAML raise :class:`ActorDataError` naming the entry and the value.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick
import yaml
from rapidfuzz import fuzz, process

from sitrep.errors import SitrepError

__all__ = ["ACTOR_TYPES", "ActorDataError", "ActorEntry", "ActorHit", "ActorRegistry", "registry"]

ACTOR_TYPES = frozenset(
    {
        "State Forces",
        "Rebel Groups",
        "Political Militias",
        "Identity Militias",
        "Rioters",
        "Protesters",
        "Civilians",
        "External/Other Forces",
    }
)

# Acronyms that are also English words: in all-caps text "IS" is far more often the verb.
_CAPS_WORDS = frozenset(
    "AM AN AS AT BE BY DO GO HE IF IN IS IT ME MY NO OF ON OR SO TO UP US WE "
    "ADO ALL AND ARE CAN FAR FOR HAS LET MAS ONE OUR THE WAR WAS ARENA".split()
)

# A fuzzy match below this is not the same name: 90 keeps "Hizballa" -> the alias "Hizballah"
# (ratio 94) and drops "Islamic Jihad" vs "Islamic State" (69), "Kataib Hizballah" vs
# "Hizballah" (72).
_FUZZY_CUTOFF = 90.0
_FUZZY_MIN_LEN = 6

# A state's forces by what they fight with: an entry with the alias "Turkish forces" is also
# "Turkish artillery", "Turkish jets" and the rest, unless the list gives the name elsewhere.
_FORCE_NOUNS = (
    "troops", "soldiers", "army", "military", "artillery", "tanks", "jets", "fighter jets",
    "warplanes", "aircraft", "drones", "helicopters", "gunships", "navy", "warships",
    "special forces", "commandos", "air force",
    # the act named by whose it is: "an Israeli airstrike killed five"
    "airstrike", "airstrikes", "air strike", "air strikes", "drone strike", "drone strikes",
    "missile strike", "missile strikes", "shelling", "bombardment",
)  # fmt: skip

_ISO3 = re.compile(r"[A-Z]{3}")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_APOSTROPHES = "'’‘`´ʼ′"
_DASHES = "-‐‑‒–—―"


def _build_translation() -> dict[int, str]:
    """One-to-one character map, so that offsets survive: accents off, dashes and spaces to ' '."""
    table: dict[int, str] = {}
    for cp in range(0xC0, 0x250):
        decomposed = unicodedata.normalize("NFKD", chr(cp))
        base = decomposed[0]
        if len(decomposed) > 1 and base.isascii() and base.isalpha():
            table[cp] = base
    # Double quotes too: MUC-4 writes '"9 MAY" PEOPLE'S LIBERATION FORCES'.
    for ch in _DASHES + '"“”«»' + "\t\n\r\v\f\u00a0\u2002\u2003\u2009\u202f":
        table[ord(ch)] = " "
    return table


_TRANSLATION = _build_translation()
# A possessive "'s" becomes " s" (same length); every other apostrophe is dropped.
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}](?=[sS]\b)")
# Deleted characters: apostrophes, and every space that another space follows.
_DELETED = re.compile(rf"[{_APOSTROPHES}]| (?= )")
_LOWER = re.compile(r"[a-z]")
_UPPER = re.compile(r"[A-Z]")


class ActorDataError(SitrepError):
    """The actor list (actors.yaml or a file given to ActorRegistry.from_file) is invalid."""


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One armed actor, or (``named=False``) one kind of unnamed perpetrator ("gunmen")."""

    id: str
    name: str
    type: str | None
    countries: tuple[str, ...]
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    umbrella: tuple[str, ...]
    named: bool
    # The group's own media, whose reports speak in its voice: "Radio Venceremos", "Amaq"
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorHit:
    """A mention of an actor: ``text[start:end] == hit.text`` in the text given to find()."""

    start: int
    end: int
    text: str
    actor: ActorEntry


class _Normalised:
    """Text normalised for matching, with a map back to the original offsets."""

    __slots__ = ("_shift_keys", "text")

    def __init__(self, raw: str) -> None:
        s = _POSSESSIVE.sub(" ", raw.translate(_TRANSLATION))
        deleted = [m.start() for m in _DELETED.finditer(s)]
        self.text = _DELETED.sub("", s) if deleted else s
        # The i-th deleted character would have sat at normalised index d - i.
        self._shift_keys = [d - i for i, d in enumerate(deleted)]

    def original(self, index: int) -> int:
        """Original offset of the character at normalised ``index``."""
        return index + bisect_right(self._shift_keys, index) if self._shift_keys else index


def _lower(s: str) -> str:
    low = s.lower()
    if len(low) == len(s):
        return low
    # "İ".lower() is two characters; keep offsets by lowering one character at a time.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in s)


def _upper(s: str) -> str:
    up = s.upper()
    if len(up) == len(s):
        return up
    return "".join(c if len(c.upper()) != 1 else c.upper() for c in s)


def normalise_name(name: str) -> str:
    """The matching key of a name: "Kata’ib  Hizb-Allah" -> "kataib hizb allah"."""
    return _lower(_Normalised(name.strip()).text).strip()


def _acronym_key(acronym: str) -> str:
    return _Normalised(acronym.strip()).text.strip()


def _is_all_caps(text: str) -> bool:
    upper = len(_UPPER.findall(text))
    lower = len(_LOWER.findall(text))
    # Wire copy in capitals may still hold a lower-case word or two ("[TEXT] ... de la").
    return upper > 3 and lower * 20 < upper


def _words(value: Any, field: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ActorDataError(f"{where}: '{field}' must be a list of strings, got {value!r}")
    return tuple(str(v) for v in value)


def _parse_entry(raw: Any, named: bool, where: str) -> ActorEntry:
    if not isinstance(raw, dict):
        raise ActorDataError(f"{where}: each entry must be a mapping, got {raw!r}")
    actor_id = raw.get("id")
    if not isinstance(actor_id, str) or not _ID.fullmatch(actor_id):
        raise ActorDataError(f"{where}: id {actor_id!r} must be lower-case words joined by '-'")
    where = f"{where} ({actor_id})"
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ActorDataError(f"{where}: 'name' is missing")
    actor_type = raw.get("type")
    if actor_type is not None and actor_type not in ACTOR_TYPES:
        raise ActorDataError(
            f"{where}: unknown actor type {actor_type!r}; use one of {sorted(ACTOR_TYPES)}"
        )
    if named and actor_type is None:
        raise ActorDataError(f"{where}: a named actor needs a 'type'")
    countries = _words(raw.get("countries"), "countries", where)
    for code in countries:
        if not _ISO3.fullmatch(code):
            raise ActorDataError(f"{where}: country {code!r} is not an ISO3 code (3 upper-case)")
    known = {"id", "name", "type", "countries", "umbrella"}
    known |= {"aliases", "acronyms", "outlets"} if named else {"patterns"}
    unknown = set(raw) - known
    if unknown:
        raise ActorDataError(f"{where}: unknown field(s) {sorted(unknown)}")
    aliases = _words(raw.get("aliases" if named else "patterns"), "aliases", where)
    acronyms = _words(raw.get("acronyms"), "acronyms", where)
    for acronym in acronyms:
        if acronym != acronym.upper() and not any(c.isupper() for c in acronym.split()[0]):
            raise ActorDataError(f"{where}: acronym {acronym!r} must start with capitals")
    return ActorEntry(
        id=actor_id,
        name=name.strip(),
        type=actor_type,
        countries=countries,
        aliases=aliases,
        acronyms=acronyms,
        umbrella=_words(raw.get("umbrella"), "umbrella", where),
        named=named,
        outlets=_words(raw.get("outlets"), "outlets", where),
    )


def _parse_document(doc: Any, source: str) -> list[ActorEntry]:
    if not isinstance(doc, dict) or not isinstance(doc.get("actors"), list):
        raise ActorDataError(f"{source}: expected a mapping with an 'actors:' list")
    unnamed = doc.get("unnamed") or []
    if not isinstance(unnamed, list):
        raise ActorDataError(f"{source}: 'unnamed:' must be a list")
    entries = [_parse_entry(r, True, f"{source}: actors[{i}]") for i, r in enumerate(doc["actors"])]
    entries += [_parse_entry(r, False, f"{source}: unnamed[{i}]") for i, r in enumerate(unnamed)]
    return entries


class ActorRegistry:
    """Actor entries with a whole-word matcher (Aho-Corasick) and a name lookup."""

    def __init__(self, entries: Sequence[ActorEntry]) -> None:
        self._entries: dict[str, ActorEntry] = {}
        for entry in entries:
            if entry.id in self._entries:
                raise ActorDataError(f"duplicate actor id {entry.id!r}")
            self._entries[entry.id] = entry
        self._members: dict[str, list[ActorEntry]] = {}
        for entry in entries:
            for parent in entry.umbrella:
                if parent not in self._entries:
                    raise ActorDataError(
                        f"{entry.id}: unknown umbrella id {parent!r}; add it or fix the id"
                    )
                self._members.setdefault(parent, []).append(entry)

        # Names/aliases by normalised key; acronyms by their exact (case-kept) form.
        self._by_name: dict[str, ActorEntry] = {}
        self._by_acronym: dict[str, ActorEntry] = {}
        self._spelling: dict[str, str] = {}
        for entry in entries:
            for name in (entry.name, *entry.aliases):
                self._claim(self._by_name, normalise_name(name), entry, name)
                self._spelling.setdefault(normalise_name(name), name)
            for acronym in entry.acronyms:
                self._claim(self._by_acronym, _acronym_key(acronym), entry, acronym)
        self._derive_force_names(entries)
        self._by_outlet: dict[str, ActorEntry] = {}
        for entry in entries:
            for outlet in entry.outlets:
                self._claim(self._by_outlet, normalise_name(outlet), entry, outlet)
        spelled = sorted((o for e in entries for o in e.outlets), key=len, reverse=True)
        self._outlet_pattern = (
            re.compile(
                r"\b(?:"
                + "|".join(re.escape(o).replace("\\-", "[-\\s]?") for o in spelled)
                + r")\b",
                re.IGNORECASE,
            )
            if spelled
            else None
        )

        self._names = self._automaton(self._by_name)
        self._acronyms = self._automaton(self._by_acronym)
        caps = {
            _upper(k): e
            for k, e in self._by_acronym.items()
            if k.upper() not in _CAPS_WORDS and len(k) > 1
        }
        self._caps_acronyms = self._automaton(caps)
        # Fuzzy lookup runs over full names only: acronyms and short keys are too close
        # to each other for edit distance to mean anything.
        self._fuzzy_keys = [k for k in self._by_name if len(k) >= _FUZZY_MIN_LEN]

    def _derive_force_names(self, entries: Sequence[ActorEntry]) -> None:
        """ "Turkish forces" -> "Turkish artillery", "Turkish jets" ... for state forces
        whose alias is a country's adjective and "forces"; a name the list already gives
        (to this actor or another) is left as it is."""
        adjectives = _country_adjectives()
        for entry in entries:
            if entry.type != "State Forces":
                continue
            for alias in (entry.name, *entry.aliases):
                words = alias.split()
                if len(words) != 2 or words[1].lower() != "forces" or words[0] not in adjectives:
                    continue
                for noun in _FORCE_NOUNS:
                    name = f"{words[0]} {noun}"
                    key = normalise_name(name)
                    if key not in self._by_name:
                        self._by_name[key] = entry
                        self._spelling.setdefault(key, name)

    @staticmethod
    def _claim(index: dict[str, ActorEntry], key: str, entry: ActorEntry, raw: str) -> None:
        if not key:
            raise ActorDataError(f"{entry.id}: empty name or alias {raw!r}")
        other = index.get(key)
        if other is not None and other.id != entry.id:
            raise ActorDataError(
                f"alias {raw!r} points at two actors, {other.id!r} and {entry.id!r}; "
                "keep it on one of them"
            )
        index[key] = entry

    @staticmethod
    def _automaton(index: dict[str, ActorEntry]) -> Any:
        automaton = ahocorasick.Automaton()
        for key, entry in index.items():
            automaton.add_word(key, (len(key), entry))
        if len(automaton):
            automaton.make_automaton()
        return automaton

    @classmethod
    def from_file(cls, path: str | Path) -> ActorRegistry:
        """Load and validate an actor list in the actors.yaml format."""
        path = Path(path)
        return cls.from_yaml(path.read_text(encoding="utf-8"), source=str(path))

    @classmethod
    def from_yaml(cls, text: str, source: str = "<actors>") -> ActorRegistry:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            doc = yaml.load(text, Loader=loader)  # a safe loader, C-accelerated when built
        except yaml.YAMLError as exc:
            raise ActorDataError(f"{source}: not valid YAML: {exc}") from exc
        try:
            return cls(_parse_document(doc, source))
        except ActorDataError as exc:
            if str(exc).startswith(source):
                raise
            raise ActorDataError(f"{source}: {exc}") from exc

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self._entries.values())

    @property
    def entries(self) -> list[ActorEntry]:
        return list(self._entries.values())

    def get(self, actor_id: str) -> ActorEntry:
        try:
            return self._entries[actor_id]
        except KeyError:
            raise KeyError(f"no actor with id {actor_id!r} in the actor list") from None

    def members(self, umbrella_id: str) -> list[ActorEntry]:
        """The actors that name ``umbrella_id`` as their umbrella (direct members)."""
        self.get(umbrella_id)
        return list(self._members.get(umbrella_id, ()))

    def umbrellas(self, actor_id: str) -> list[ActorEntry]:
        return [self._entries[u] for u in self.get(actor_id).umbrella]

    def spelling(self, mention: str) -> str | None:
        """A mention's name or alias as the list spells it: "DRUG MAFIAS" -> "drug mafias",
        "Israeli Settlers" -> "Israeli settlers"; None when the mention is not one of them."""
        return self._spelling.get(normalise_name(mention))

    def outlet(self, source: str) -> ActorEntry | None:
        """The group whose own medium ``source`` is ("RADIO VENCEREMOS" -> the FMLN), or None."""
        key = normalise_name(source.strip().strip("\"'“”[]()").strip())
        if key.startswith("the "):
            key = key[4:]
        return self._by_outlet.get(key)

    def outlets_in(self, text: str, start: int = 0, end: int | None = None) -> list[ActorHit]:
        """Every group's medium named in ``text[start:end]`` ("the group's Amaq news agency
        said"), with the group it speaks for."""
        if self._outlet_pattern is None:
            return []
        hits = []
        for m in self._outlet_pattern.finditer(text, start, len(text) if end is None else end):
            entry = self.outlet(m.group(0))
            if entry is not None:
                hits.append(ActorHit(m.start(), m.end(), m.group(0), entry))
        return hits

    def lookup(self, name: str) -> ActorEntry | None:
        """A name as someone wrote it -> its entry, or None when nothing is close enough."""
        cleaned = name.strip().strip("\"'“”[]()").strip()
        if not cleaned:
            return None
        acronym = self._by_acronym.get(_acronym_key(cleaned))
        if acronym is not None:
            return acronym
        key = normalise_name(cleaned)
        if key.startswith("the "):
            key = key[4:]
        exact = self._by_name.get(key)
        if exact is not None:
            return exact
        if cleaned.isupper() and " " not in cleaned:
            # A single capitalised token is an acronym; unknown ones stay unknown.
            caps = self._by_acronym.get(_upper(_acronym_key(cleaned)))
            return caps
        if len(key) < _FUZZY_MIN_LEN:
            return None
        best = process.extractOne(
            key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
        )
        if best is None:
            return None
        match = best[0]
        # "Brigade 313" is not "Brigade 31": numbers must agree exactly.
        if re.findall(r"\d+", match) != re.findall(r"\d+", key):
            return None
        return self._by_name[match]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[ActorHit]:
        """Every actor name in ``text[start:end]``, whole words, longest first, no overlaps.

        Offsets are absolute: ``text[hit.start:hit.end] == hit.text``.
        """
        end = len(text) if end is None else end
        piece = text[start:end]
        if not piece:
            return []
        norm = _Normalised(piece)
        cased = norm.text
        lowered = _lower(cased)
        candidates: list[tuple[int, int, ActorEntry]] = []
        self._collect(self._names, lowered, candidates)
        if _is_all_caps(piece):
            self._collect(self._caps_acronyms, _upper(cased), candidates)
        else:
            self._collect(self._acronyms, cased, candidates)
        if not candidates:
            return []
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int, ActorEntry]] = []
        for cand in candidates:
            if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
                taken.append(cand)
        taken.sort(key=lambda c: c[0])
        hits = []
        for n_start, n_end, entry in taken:
            o_start = start + norm.original(n_start)
            o_end = start + norm.original(n_end - 1) + 1
            # A match at the edge of the slice must not be part of a longer word outside it.
            if (o_start > 0 and o_start == start and text[o_start - 1].isalnum()) or (
                o_end < len(text) and o_end == end and text[o_end].isalnum()
            ):
                continue
            hits.append(ActorHit(o_start, o_end, text[o_start:o_end], entry))
        return hits

    @staticmethod
    def _collect(automaton: Any, hay: str, out: list[tuple[int, int, ActorEntry]]) -> None:
        if not len(automaton):
            return
        size = len(hay)
        for last, (length, entry) in automaton.iter(hay):
            first = last - length + 1
            if first > 0 and hay[first - 1].isalnum():
                continue
            if last + 1 < size and hay[last + 1].isalnum():
                continue
            out.append((first, last + 1, entry))


@functools.cache
def country_adjectives() -> dict[str, tuple[str, ...]]:
    """ISO3 -> the words ``data/demonyms.tsv`` lists for the country ("TUR" -> "Turkish")."""
    table = resources.files("sitrep.data").joinpath("demonyms.tsv").read_text("utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for line in table.splitlines():
        if line.strip() and not line.startswith("#"):
            code, _, listed = line.partition("\t")
            out[code.strip()] = tuple(w.strip() for w in listed.split(",") if w.strip())
    return out


def _country_adjectives() -> frozenset[str]:
    return frozenset(w for words in country_adjectives().values() for w in words)


@functools.cache
def state_forces_of(country_code: str) -> ActorEntry | None:
    """The state forces the list names "<adjective> forces" for a country ("ISR" -> the
    Israel Defense Forces), or None."""
    actors = registry()
    for adjective in country_adjectives().get(country_code, ()):
        entry = actors.lookup(f"{adjective} forces")
        if entry is not None and entry.type == "State Forces":
            return entry
    return None


@functools.cache
def registry() -> ActorRegistry:
    """The bundled actor list, loaded once per process."""
    text = resources.files("sitrep.data").joinpath("actors.yaml").read_text(encoding="utf-8")
    return ActorRegistry.from_yaml(text, source="sitrep/data/actors.yaml")
