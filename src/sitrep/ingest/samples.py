"""The sample reports bundled with Sitrep (``sitrep/data/samples``), as Reports.

Each sample is a short report written for the project from the facts of a U.S.
government release; its JSON keeps the source URL and the licence note
(CC BY 4.0), and the samples' README lists them. They feed the demo and tests.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

from sitrep.models import Report


def sample_names() -> list[str]:
    folder = resources.files("sitrep.data").joinpath("samples")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))


def sample_reports() -> list[Report]:
    """Every bundled sample as a Report (raw bytes = the sample's JSON file)."""
    folder = resources.files("sitrep.data").joinpath("samples")
    out = []
    for name in sample_names():
        raw = folder.joinpath(name).read_bytes()
        doc = json.loads(raw)
        out.append(
            Report(
                url=doc["url"],
                title=doc.get("title"),
                publisher=doc.get("publisher"),
                author=doc.get("byline"),
                published=doc.get("published"),
                language="en",
                retrieved_at=dt.datetime.now(dt.UTC),
                text=doc["text"],
                media_type="application/json",
                encoding="utf-8",
                source=f"sitrep/data/samples/{name}",
                raw=raw,
            )
        )
    return out
