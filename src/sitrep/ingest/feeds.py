"""RSS, RDF and Atom feed bytes -> the feed's entries, each pointing at one report.

Input: the raw bytes of a feed as fetched, and ``source`` (the feed's URL, used
as the base for relative links and named in errors). Output: ``ParsedFeed`` with
the feed's title, site link, kind and its entries in document order. Pure: no
network, no files, no database.

    >>> feed = parse_feed(
    ...     b'<rss version="2.0"><channel><item><title>Two rockets struck near'
    ...     b" Erbil airport</title><link>/news/erbil</link></item></channel></rss>",
    ...     source="https://news.example.org/feed.xml",
    ... )
    >>> feed.entries[0].link
    'https://news.example.org/news/erbil'

A feed is untrusted input. It is read first with defusedxml, which refuses entity
declarations (billion laughs, XXE) and external DTDs; only bytes that pass go to
feedparser. Anything Sitrep cannot read raises ``FeedRejected`` (source + reason):

    SitrepError
    └── FeedRejected    the bytes are refused or are not an RSS, RDF or Atom feed

Dates are kept as the feed wrote them (``published``) and as ISO 8601 with the
feed's own UTC offset (``published_iso``): the day of publication matters to
Sitrep, and converting to UTC can move it to the day before or after.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import defusedxml
import defusedxml.ElementTree
import feedparser
import lxml.etree
import lxml.html

from sitrep.errors import SitrepError

ENTITIES_REFUSED = (
    "refused: the feed declares XML entities (a billion-laughs or XXE attack?); "
    "Sitrep does not expand them"
)
NOT_A_FEED = "is not an RSS or Atom feed"
_HTML_PAGE = "it is an HTML page (is the feed URL right?)"

_ATOM_NAMESPACES = {"http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"}
_RDF_NAMESPACE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_HTML_START = re.compile(
    rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])",
    re.I | re.S,
)
_JSON_START = re.compile(rb"^(\xef\xbb\xbf)?\s*[\[{]")
_ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}")
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "section", "article", "header", "footer",
)  # fmt: skip
_SPACES = re.compile(r"\s+")


class FeedRejected(SitrepError):
    """A feed could not be read; the other feeds of a poll go on."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: where its article is and what the feed says about it."""

    guid: str | None
    link: str | None
    title: str | None
    summary: str | None
    published: str | None
    published_iso: str | None
    author: str | None
    key: str
    content_hash: str


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's own title and site link, its kind and its entries in document order."""

    title: str | None
    link: str | None
    kind: str
    entries: tuple[FeedEntry, ...]


def parse_feed(data: bytes, *, source: str, max_entries: int = 10_000) -> ParsedFeed:
    """Read the entries of an RSS, RDF or Atom feed, or raise FeedRejected.

    Entries with neither link, guid nor title are skipped; an entry whose key was
    seen earlier in the same feed is kept once (the first); past ``max_entries``
    kept entries the rest are dropped.
    """
    if max_entries < 0:
        raise ValueError(f"max_entries must be 0 or more, not {max_entries}")
    kind = _feed_kind(_parse_safely(data, source), source)
    parsed = _feedparser_result(data, source)
    entries = tuple(_unique_entries(parsed.get("entries") or [], max_entries))
    feed = parsed.get("feed") or {}
    return ParsedFeed(
        title=_text_of(feed, "title", one_line=True),
        link=_clean(feed.get("link")),
        kind=kind,
        entries=entries,
    )


# --- the defensive first read ---------------------------------------------------


def _parse_safely(data: bytes, source: str) -> ET.Element:
    """Parse with defusedxml: refuse entities and external DTDs, name what is not XML."""
    if not data.strip():
        raise FeedRejected(source, f"{NOT_A_FEED}: it is empty")
    try:
        # First pass allows no DOCTYPE at all, so that an external DTD (which
        # defusedxml's forbid_external does not catch) is seen with its ids.
        root: ET.Element = defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
        return root
    except defusedxml.DTDForbidden as doctype:
        if doctype.sysid is not None or doctype.pubid is not None:
            raise FeedRejected(source, _external_dtd_reason(doctype)) from None
    except defusedxml.DefusedXmlException:
        raise FeedRejected(source, ENTITIES_REFUSED) from None
    except ET.ParseError as error:
        raise FeedRejected(source, _not_xml_reason(data, error)) from None
    # An internal DOCTYPE: allowed, as long as it declares no entity of any kind.
    try:
        root = defusedxml.ElementTree.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
        return root
    except defusedxml.DefusedXmlException:
        raise FeedRejected(source, ENTITIES_REFUSED) from None
    except ET.ParseError as error:
        raise FeedRejected(source, _not_xml_reason(data, error)) from None


def _external_dtd_reason(doctype: defusedxml.DTDForbidden) -> str:
    if str(doctype.name).lower() == "html":
        return f"{NOT_A_FEED}: {_HTML_PAGE}"
    where = _shorten(str(doctype.sysid or doctype.pubid))
    return (
        f"refused: the feed refers to an external DTD ({where}); Sitrep does not fetch it. "
        "Ask the publisher to drop the DOCTYPE line, or remove it before ingesting"
    )


def _not_xml_reason(data: bytes, error: ET.ParseError) -> str:
    if _HTML_START.match(data):
        return f"{NOT_A_FEED}: {_HTML_PAGE}"
    if _JSON_START.match(data):
        return f"{NOT_A_FEED}: it looks like JSON"
    line, column = error.position
    problem = str(error).rsplit(": line", 1)[0]
    if problem == "undefined entity":
        # Feeds written by hand put HTML names like &nbsp; where XML knows none.
        problem = "undefined entity (an HTML name such as &nbsp; is not XML)"
    # expat counts columns from 0; people (and editors) count them from 1.
    return f"{NOT_A_FEED}: not well-formed XML at line {line}, column {column + 1}: {problem}"


def _feed_kind(root: ET.Element, source: str) -> str:
    namespace, _, name = (
        root.tag[1:].rpartition("}") if root.tag.startswith("{") else ("", "", root.tag)
    )
    if name == "rss":
        return "rss"
    if name == "feed" and namespace in _ATOM_NAMESPACES:
        return "atom"
    if name == "RDF" and namespace == _RDF_NAMESPACE and _has_rss_children(root):
        return "rdf"
    shown = f"rdf:{name}" if namespace == _RDF_NAMESPACE else name
    raise FeedRejected(
        source, f"is XML but not an RSS or Atom feed (its root element is <{shown}>)"
    )


def _has_rss_children(root: ET.Element) -> bool:
    return any(child.tag.rpartition("}")[2] in ("channel", "item") for child in root)


# --- feedparser, given bytes only -------------------------------------------------


def _feedparser_result(data: bytes, source: str) -> Mapping[str, Any]:
    """Hand the already vetted bytes to feedparser for the entries.

    What was verified in feedparser 6.0 (api.py, sanitizer.py):
    - a str or bytes argument may be taken as a URL or a file name and opened;
      a BytesIO is only ever ``.read()``, so no fetch and no file access;
    - it strips the DOCTYPE itself (``replace_doctype``) and its SAX parser runs
      with external general entities off; a file:///etc/passwd entity fed to it
      directly came out empty. Sitrep does not rely on that: the bytes that reach
      this point declare no entity and name no external DTD.
    The content type tells feedparser to read the encoding from the XML
    declaration, as expat did in the first read (without it, it assumes Latin-1).
    """
    headers = {"content-type": "application/xml"}
    if _is_web_url(source):
        headers["content-location"] = source
    result: Mapping[str, Any] = feedparser.parse(
        io.BytesIO(data), response_headers=headers, resolve_relative_uris=True, sanitize_html=True
    )
    return result


def _is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


# --- entries ----------------------------------------------------------------------


def _unique_entries(raw_entries: list[Mapping[str, Any]], max_entries: int) -> Iterator[FeedEntry]:
    seen: set[str] = set()
    for raw in raw_entries:
        if len(seen) >= max_entries:
            return
        entry = _entry(raw)
        if entry is None or entry.key in seen:
            continue
        seen.add(entry.key)
        yield entry


def _entry(raw: Mapping[str, Any]) -> FeedEntry | None:
    guid = _clean(raw.get("id"))
    link = _clean(raw.get("link"))
    title = _text_of(raw, "title", one_line=True)
    if guid is None and link is None and title is None:
        return None
    summary = _text_of(raw, "summary", one_line=False)
    # Atom entries may carry only <updated>; RSS 1.0 only dc:date (feedparser: updated).
    published = _clean(raw.get("published")) or _clean(raw.get("updated"))
    return FeedEntry(
        guid=guid,
        link=link,
        title=title,
        summary=summary,
        published=published,
        published_iso=_iso_date(published),
        author=_clean(raw.get("author")),
        key=_entry_key(guid, link, title, summary),
        content_hash=_sha256(title, summary, link),
    )


def _entry_key(guid: str | None, link: str | None, title: str | None, summary: str | None) -> str:
    if guid is not None:
        return f"guid:{guid}"
    if link is not None:
        return f"link:{link}"
    return f"hash:{_sha256(title, summary)}"


def _sha256(*parts: str | None) -> str:
    joined = "\x1f".join(_normalise(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def _normalise(value: str | None) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value or "")).strip()


# --- text -------------------------------------------------------------------------


def _text_of(item: Mapping[str, Any], field: str, *, one_line: bool) -> str | None:
    """A title or summary as plain text: HTML stripped when feedparser says it is HTML."""
    value = item.get(field)
    if not isinstance(value, str):
        return None
    detail = item.get(f"{field}_detail") or {}
    if detail.get("type") in _HTML_TYPES:
        value = _html_to_text(value)
    if one_line:
        return _clean(_SPACES.sub(" ", value))
    return _clean(_tidy_lines(value))


def _html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities unescaped, blocks on lines.

    >>> _html_to_text("<p>Two rockets</p><p>struck &amp; burned</p>")
    'Two rockets\\nstruck & burned'
    """
    if "<" not in html and "&" not in html:
        return html
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return html
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    return _tidy_lines(str(root.text_content()))


def _tidy_lines(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _shorten(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


# --- dates ------------------------------------------------------------------------


def _iso_date(raw: str | None) -> str | None:
    """A feed date as ISO 8601, keeping the offset the feed wrote; None if unreadable.

    >>> _iso_date("Mon, 29 Jan 2024 08:15:00 +0300")
    '2024-01-29T08:15:00+03:00'
    >>> _iso_date("2024-01-29T08:15:00Z")
    '2024-01-29T08:15:00+00:00'
    >>> _iso_date("Sat, 31 Feb 2024 10:00:00 GMT") is None
    True
    """
    if raw is None:
        return None
    text = raw.strip()
    if _ISO_START.match(text):
        return _rfc3339(text)
    try:
        # RFC 822 "-0000" (zone unknown) comes back without an offset, as it should.
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _rfc3339(text: str) -> str | None:
    text = text.upper()
    try:
        if len(text) == 10:
            # A bare day stays a day: no midnight is invented.
            return dt.date.fromisoformat(text).isoformat()
        return dt.datetime.fromisoformat(text).isoformat()
    except ValueError:
        return None
