"""Place quality on the UCDP headlines (../shared/bench/ucdp-dev.jsonl).

UCDP codes one event per line and its headlines often name no place, or other places of a
round-up, so the incident-level figures of extract_quality.py say little about places.
This script asks two narrower questions of every document:

- named: the headlines name the coded place (its name or an accepted alternative appears
  in the text, compared without case and accents). Does any extracted incident lie
  within 25 km of the coded point, or carry the coded name? Target >= 85%.
- unnamed: the headlines name no place at all (no gazetteer place of the coded country,
  the country itself, nor the coded names). How many documents still get a place?
  It should be none: a place is only ever read from the text, never guessed.

It also prints the country / admin1 / place rates for the incidents paired by `score`.

Run: .venv/bin/python benchmarks/place_quality.py [--bench DIR] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from sitrep.evaluate import _km, load_jsonl, score
from sitrep.extract.contract import extract_lines
from sitrep.resolve.gazetteer import gazetteer

DEFAULT_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
NEAR_KM = 25.0
_TYPE = re.compile(r"\b(village|town|city|province|governorate|district|area|camp)\b")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", text).strip()


def _names(gold: dict[str, Any]) -> list[str]:
    names = [gold.get("location"), *(gold.get("location_alternatives") or [])]
    out = []
    for name in names:
        if isinstance(name, str):
            folded = _fold(_TYPE.sub(" ", name.casefold()))
            if len(folded) >= 3:
                out.append(folded)
    return out


def _hit(gold: dict[str, Any], incidents: list[dict[str, Any]], names: list[str]) -> bool:
    lat, lon = gold.get("latitude"), gold.get("longitude")
    for incident in incidents:
        loc = incident.get("location") or {}
        here = loc.get("latitude"), loc.get("longitude")
        if lat is not None and here[0] is not None and _km((lat, lon), here) <= NEAR_KM:
            return True
        for key in ("name", "admin1", "country"):
            if loc.get(key) and _fold(_TYPE.sub(" ", loc[key].casefold())) in names:
                return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    docs = load_jsonl(args.bench / "ucdp-dev.jsonl")
    lines = [json.dumps({k: d.get(k) for k in ("id", "text", "published", "title")}) for d in docs]
    predictions = list(extract_lines(lines, workers=args.workers))
    g = gazetteer()
    named = named_hit = named_found = named_found_hit = unnamed = unnamed_placed = 0
    for doc, pred in zip(docs, predictions, strict=True):
        gold = doc["gold"][0]
        text = _fold(doc["text"])
        incidents = pred.get("incidents") or []
        names = _names(gold)
        if names and any(f" {n} " in f" {text} " for n in names):
            named += 1
            hit = _hit(gold, incidents, names)
            named_hit += hit
            if incidents:
                named_found += 1
                named_found_hit += hit
            continue
        country = gold.get("country_code")
        places = [
            h
            for h in g.find_names(doc["text"])
            if any(e.country_code == country for e in g.lookup(h.text)[:20])
        ]
        if not places:
            unnamed += 1
            unnamed_placed += any(i.get("location") for i in incidents)
    result = score(docs, predictions)
    fields = result.fields
    print(f"== ucdp-dev: {len(docs)} documents")
    print(
        f"headline names the coded place: {named} documents; a place within "
        f"{NEAR_KM:.0f} km or of that name: {named_hit} ({named_hit / max(named, 1):.1%})"
    )
    print(
        f"  of those with an incident extracted: {named_found}; right place: "
        f"{named_found_hit} ({named_found_hit / max(named_found, 1):.1%})"
    )
    print(
        f"headline names no place of the country: {unnamed} documents; given a place "
        f"anyway: {unnamed_placed}"
    )
    for name in ("country", "admin1", "location", "coordinates", "location_precision"):
        f = fields[name]
        rate = "-" if f.rate is None else f"{f.rate:.3f}"
        print(f"paired incidents, {name}: {rate} ({f.correct}/{f.n})")


if __name__ == "__main__":
    main()
