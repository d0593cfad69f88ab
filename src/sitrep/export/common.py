"""What every export format shares: the dataset's metadata and the plain readings of a
:class:`~sitrep.export.query.Record` (perpetrators, attribution, figures, citations).

Input: Records from :func:`sitrep.export.query.iter_records`. Output: plain values
(str, int, None) the format modules put in their columns. Pure.

    >>> citation({"publisher": "Reuters", "title": "Rockets hit base",
    ...           "published": "2024-01-29", "url": "https://example.org/a"})
    'Reuters, "Rockets hit base", 2024-01-29, https://example.org/a'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from sitrep.export.query import Filters, Record

LICENCE = (
    "Incidents coded by Sitrep from the reports cited with each one; the reports remain "
    "their publishers'. Check your own licence for the dataset you publish."
)


def _version() -> str:
    try:
        return metadata.version("sitrep")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a checkout
        return "0"


@dataclass(frozen=True)
class Meta:
    """What a dataset says about itself: title, when and how it was made, how to cite it."""

    title: str = "Sitrep incidents"
    filters: Filters = field(default_factory=Filters)
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    licence: str = LICENCE
    citation: str = ""
    sitrep_version: str = field(default_factory=_version)

    def as_dict(self) -> dict[str, str]:
        """Plain strings, for a file's header or metadata table."""
        return {
            "title": self.title,
            "created": self.created.isoformat(timespec="seconds"),
            "filters": self.filters.describe(),
            "licence": self.licence,
            "citation": self.citation
            or f"{self.title}, made with Sitrep {self.sitrep_version} on "
            f"{self.created.date().isoformat()}",
            "generator": f"Sitrep {self.sitrep_version}",
        }


def perpetrators(record: Record) -> list[dict[str, Any]]:
    """The actors who did it (named or not), in order."""
    return record.perpetrators


def targets(record: Record) -> list[dict[str, Any]]:
    """The actors it was aimed at or hurt, in order."""
    return record.targets


def attribution(record: Record) -> str | None:
    """How the first perpetrator is tied to it: claimed, attributed, suspected, denied."""
    return first_attribution(perpetrators(record))


def first_attribution(actors: list[dict[str, Any]]) -> str | None:
    """The first attribution among ``actors`` (perpetrators), None when none has one."""
    return next((str(a["attribution"]) for a in actors if a.get("attribution")), None)


def figures(record: Record, kind: str) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) of "killed" or "injured"; (None, None, None) when not reported."""
    row = record.row
    return row[f"{kind}_low"], row[f"{kind}_best"], row[f"{kind}_high"]


def best_figure(record: Record, kind: str) -> int | None:
    """The best figure, else the low one: what a single-number column takes."""
    low, best, _high = figures(record, kind)
    return best_or_low(best, low)


def best_or_low(best: int | None, low: int | None) -> int | None:
    """A best figure, else the low one."""
    return best if best is not None else low


def citation(report: dict[str, Any]) -> str:
    """One report as a citation: publisher, "title", date, URL (what is known of them)."""
    parts = []
    if report.get("publisher"):
        parts.append(str(report["publisher"]))
    if report.get("title"):
        parts.append(f'"{report["title"]}"')
    if report.get("published"):
        parts.append(str(report["published"])[:10])
    if report.get("url"):
        parts.append(str(report["url"]))
    return ", ".join(parts) or f"Sitrep report {report['id']}"


def sources(record: Record) -> list[str]:
    """The publishers of its reports, once each, in report order (an unnamed one by its
    host, else as "report N")."""
    return sources_of(record.reports)


def sources_of(reports: list[dict[str, Any]]) -> list[str]:
    """:func:`sources` of a list of reports."""
    out: list[str] = []
    for report in reports:
        name = report.get("publisher") or _host(report.get("url")) or f"report {report['id']}"
        if name not in out:
            out.append(name)
    return out


def urls(record: Record) -> list[str]:
    """The URLs of its reports, in report order (reports with none left out)."""
    return urls_of(record.reports)


def urls_of(reports: list[dict[str, Any]]) -> list[str]:
    """:func:`urls` of a list of reports."""
    return [str(r["url"]) for r in reports if r.get("url")]


def quotes(record: Record, field_name: str | None = None) -> list[str]:
    """Its evidence quotes (for one field when given), once each, in order."""
    return quotes_of(record.evidence, field_name)


def quotes_of(spans: list[dict[str, Any]], field_name: str | None = None) -> list[str]:
    """:func:`quotes` of a list of evidence spans."""
    out: list[str] = []
    for span in spans:
        if field_name is not None and span["field"] != field_name:
            continue
        if span["quote"] not in out:
            out.append(span["quote"])
    return out


def iso(value: Any) -> str | None:
    """A date or datetime as ISO 8601 text; None stays None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
