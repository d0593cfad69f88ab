"""HTML -> the article's main text and metadata.

Input: an HTML document as text. Output: ``HtmlArticle`` with the main text (no
menus, footers or scripts) and what the page says about itself: title, site
name, author, publication date, language, canonical URL.

    >>> page = "<html><title>T</title><body><p>Shelling hit Kharkiv.</p></body></html>"
    >>> html_to_article(page).text
    'Shelling hit Kharkiv.'

The text is a new string: evidence offsets count in it, not in the HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    canonical_url: str | None = None


def html_to_article(html: str, url: str | None = None) -> HtmlArticle:
    """Extract the main text and metadata of an HTML page (empty text if there is none)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(document, "text", None) or "").strip() if document else ""
    if not text:
        text = _body_text(html)
    return HtmlArticle(
        text=text,
        title=_clean(getattr(document, "title", None)) or _head_title(html),
        publisher=_clean(getattr(document, "sitename", None)),
        author=_clean(getattr(document, "author", None)),
        published=_clean(getattr(document, "date", None)),
        language=_clean(getattr(document, "language", None)),
        canonical_url=_clean(getattr(document, "url", None)),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def _head_title(html: str) -> str | None:
    root = _parse(html)
    if root is None:
        return None
    titles = root.xpath("//title/text()")
    return _clean(titles[0]) if titles else None


def _body_text(html: str) -> str:
    """All visible text of the page, for pages too small for main-text extraction."""
    root = _parse(html)
    if root is None:
        return ""
    for element in root.xpath("//script|//style|//noscript|//template|//head"):
        element.drop_tree()
    for element in root.xpath("//p|//div|//br|//li|//h1|//h2|//h3|//h4|//tr|//article"):
        element.tail = "\n" + (element.tail or "")
    text = root.text_content()
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
