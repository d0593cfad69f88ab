"""A fetched web resource -> Report.

Input: a ``Fetched`` page (sitrep.ingest.fetch) and what the caller knows about it
(``ReportMeta``: a feed entry's title and date, a CSV row's columns). Output: a ``Report``
whose raw bytes are the page as served (kept compressed as the archival copy), whose
text is the article's main text, and whose metadata is the page's own where the caller
gave none. HTML, plain text and PDF are read; anything else is refused with
``FileRejected``.

    >>> import datetime as dt
    >>> fetched = Fetched(url="http://example.org/a", final_url="http://example.org/a",
    ...     status=200, headers={}, body=b"Two rockets hit the base.",
    ...     media_type="text/plain", charset=None,
    ...     retrieved_at=dt.datetime(2024, 1, 29, tzinfo=dt.UTC), redirects=())
    >>> report_from_fetched(fetched).text
    'Two rockets hit the base.'
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.errors import FileRejected
from sitrep.ingest.fetch import Fetched
from sitrep.ingest.files import ReportMeta, report_from_bytes, report_from_pdf
from sitrep.models import Report

# The media types a page may have for Sitrep to read it.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
PAGE_TYPES = HTML_TYPES | TEXT_TYPES | PDF_TYPES


def report_from_fetched(fetched: Fetched, meta: ReportMeta | None = None) -> Report:
    """The report a fetched page makes; raises FileRejected when it has no text to read."""
    meta = meta or ReportMeta()
    meta = replace(meta, url=meta.url or fetched.url)
    media = fetched.media_type or _sniff(fetched.body)
    if media in PDF_TYPES:
        report = report_from_pdf(fetched.body, source=fetched.final_url, meta=meta)
        report = report.model_copy(update={"retrieved_at": fetched.retrieved_at})
    elif media in HTML_TYPES or media in TEXT_TYPES:
        kind = "html" if media in HTML_TYPES else "markdown" if media == "text/markdown" else "text"
        report = report_from_bytes(
            fetched.body,
            source=fetched.final_url,
            meta=meta,
            kind=kind,
            name=fetched.url,
            charset=fetched.charset,
            retrieved_at=fetched.retrieved_at,
        )
    else:
        raise FileRejected(fetched.url, f"is {media}, not a page Sitrep reads (HTML, text, PDF)")
    canonical = report.canonical_url
    if not canonical and fetched.final_url != fetched.url:
        canonical = fetched.final_url
    return report.model_copy(update={"canonical_url": canonical})


def _sniff(body: bytes) -> str:
    """A media type for a page served without one."""
    head = body[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "text/html"
    return "text/plain"
