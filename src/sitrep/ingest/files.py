"""Local files and standard input -> Report.

Input: a path to a ``.txt``, ``.md`` or ``.html`` file (or ``-`` for stdin) and the
metadata the caller knows. Output: a ``Report`` with the text, the raw bytes and
their sha256. Anything that cannot become a report raises ``FileRejected`` with
the file and the reason, so a batch can go on with the next file.

    >>> report_from_bytes(b"Two rockets hit the base.", source="note.txt").text
    'Two rockets hit the base.'

Encodings: UTF-8 (with or without a byte-order mark) is tried first; anything
else is detected with charset-normalizer, and the raw bytes are kept as they were.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.errors import FileRejected
from sitrep.models import Report

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt", ".text", ""}
PDF_SUFFIXES = {".pdf"}
EMAIL_SUFFIXES = {".eml"}
SUFFIXES = HTML_SUFFIXES | MARKDOWN_SUFFIXES | TEXT_SUFFIXES | PDF_SUFFIXES | EMAIL_SUFFIXES

# Control characters other than tab, newline, carriage return and form feed: their
# presence in quantity means a binary file, whatever its name says.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<p[\s>])", re.I)


@dataclass(frozen=True)
class ReportMeta:
    """What the caller knows about a report that the file itself may not say."""

    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None


def read_report_file(path: str, *, max_bytes: int, meta: ReportMeta | None = None) -> Report:
    """Read one file (or ``-`` for stdin) into a Report, or raise FileRejected."""
    meta = meta or ReportMeta()
    if path == "-":
        raw = _read_capped(sys.stdin.buffer, max_bytes, "-")
        return report_from_bytes(raw, source="stdin", meta=meta)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileRejected(path, "no such file") from None
    except PermissionError:
        raise FileRejected(path, "permission denied") from None
    except OSError as exc:
        raise FileRejected(path, exc.strerror or str(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileRejected(path, "is a directory; give the files in it")
    if not stat.S_ISREG(info.st_mode):
        raise FileRejected(path, "is not a regular file")
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise FileRejected(
            path,
            f"unsupported file type {suffix!r}; Sitrep reads .txt, .md, .html, .pdf and .eml files",
        )
    if info.st_size > max_bytes:
        raise FileRejected(path, _too_large(info.st_size, max_bytes))
    try:
        with open(path, "rb") as handle:
            raw = _read_capped(handle, max_bytes, path)
    except OSError as exc:
        raise FileRejected(path, exc.strerror or str(exc)) from None
    source = str(Path(path).resolve())
    if suffix in PDF_SUFFIXES:
        return report_from_pdf(raw, source=source, meta=meta, name=path)
    if suffix in EMAIL_SUFFIXES:
        return report_from_email(raw, source=source, meta=meta, name=path)
    kind = (
        "html" if suffix in HTML_SUFFIXES else "markdown" if suffix in MARKDOWN_SUFFIXES else None
    )
    return report_from_bytes(raw, source=str(Path(path).resolve()), meta=meta, kind=kind, name=path)


def _read_capped(handle: BinaryIO, max_bytes: int, name: str) -> bytes:
    raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise FileRejected(name, _too_large(None, max_bytes))
    return raw


def _too_large(size: int | None, max_bytes: int) -> str:
    what = f"{size:,} bytes" if size is not None else "more than the limit"
    return (
        f"too large ({what}; the limit is {max_bytes:,} bytes, "
        "set with --max-file-bytes or SITREP_MAX_FILE_BYTES)"
    )


def report_from_bytes(
    raw: bytes,
    *,
    source: str,
    meta: ReportMeta | None = None,
    kind: str | None = None,
    name: str | None = None,
    charset: str | None = None,
    retrieved_at: dt.datetime | None = None,
) -> Report:
    """Decode ``raw`` (``charset``: what the server declared), extract the text of HTML or
    Markdown, and build the Report."""
    name = name or source
    meta = meta or ReportMeta()
    if not raw.strip():
        raise FileRejected(name, "is empty")
    if _looks_binary(raw):
        raise FileRejected(name, "looks like a binary file, not text, Markdown or HTML")
    text, encoding = decode(raw, name, charset)
    if kind is None:
        kind = "html" if _HTML_START.match(raw[:1024]) else "text"
    title = publisher = author = published = language = canonical = None
    if kind == "html":
        from sitrep.ingest.html import html_to_article

        article = html_to_article(text, url=meta.url)
        text = article.text
        title, publisher, author = article.title, article.publisher, article.author
        published, language, canonical = (
            _valid_date(article.published),
            article.language,
            article.canonical_url,
        )
        media_type = "text/html"
    elif kind == "markdown":
        text, title = markdown_to_text(text)
        media_type = "text/markdown"
    else:
        text = normalise_text(text)
        media_type = "text/plain"
    if not text.strip():
        raise FileRejected(name, "has no readable text")
    own = ReportMeta(None, title, publisher, author, published, language)
    return _report(
        meta,
        own,
        canonical_url=canonical,
        retrieved_at=retrieved_at or dt.datetime.now(dt.UTC),
        text=text,
        media_type=media_type,
        encoding=encoding,
        source=source,
        raw=raw,
    )


def _report(meta: ReportMeta, own: ReportMeta, **rest: Any) -> Report:
    """A Report with the caller's metadata (``meta``), the document's own (``own``) where
    the caller gave none; ``rest``: the other fields."""
    return Report(
        url=meta.url or own.url,
        title=meta.title or own.title,
        publisher=meta.publisher or own.publisher,
        author=meta.author or own.author,
        published=meta.published or own.published,
        language=meta.language or own.language,
        **rest,
    )


def report_from_pdf(
    raw: bytes, *, source: str, meta: ReportMeta | None = None, name: str | None = None
) -> Report:
    """A PDF's text, page by page (``page_starts``), with its own title, author and date
    where the caller gave none."""
    from sitrep.ingest.pdf import pdf_to_text

    meta = meta or ReportMeta()
    pdf = pdf_to_text(raw, name=name or source)
    return _report(
        meta,
        ReportMeta(title=pdf.title, author=pdf.author, published=pdf.published),
        retrieved_at=dt.datetime.now(dt.UTC),
        text=pdf.text,
        media_type="application/pdf",
        source=source,
        raw=raw,
        page_starts=list(pdf.page_starts),
    )


def report_from_email(
    raw: bytes, *, source: str, meta: ReportMeta | None = None, name: str | None = None
) -> Report:
    """A saved e-mail (.eml): its body as the text, its subject, sender and date."""
    from sitrep.ingest.email_file import email_to_report_parts

    meta = meta or ReportMeta()
    mail = email_to_report_parts(raw, name=name or source)
    own = ReportMeta(
        title=mail.title, author=mail.author, published=_valid_datetime(mail.published)
    )
    return _report(
        meta,
        own,
        retrieved_at=dt.datetime.now(dt.UTC),
        text=mail.text,
        media_type="message/rfc822",
        source=source,
        raw=raw,
    )


def _valid_datetime(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value).isoformat()
    except ValueError:
        return _valid_date(value)


def _looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 100)


def decode(raw: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Bytes -> text and the encoding used: a byte-order mark, then UTF-8 (bytes that are
    valid UTF-8 are almost never anything else, whatever a server claims), then the charset
    the server or the page declares, then detection."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for charset in (declared, _meta_charset(raw)):
        if charset:
            try:
                return raw.decode(charset), charset.lower()
            except (LookupError, UnicodeDecodeError):
                continue  # an unknown or wrong label: the bytes decide
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise FileRejected(name, "cannot tell its text encoding; save it as UTF-8")
    return str(best), str(best.encoding)


_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{2,40})", re.IGNORECASE
)


def _meta_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in its head (``<meta charset="windows-1256">``)."""
    found = _META_CHARSET.search(raw[:4096])
    return found.group(1).decode("ascii") if found else None


def _valid_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def normalise_text(text: str) -> str:
    """Unify line ends and drop trailing spaces; keep everything else as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^>\s?")


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """Markdown -> plain text (headings, links and emphasis unwrapped) and its first heading."""
    title = None
    lines = []
    in_fence = False
    for line in normalise_text(markdown).split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if not in_fence:
            heading = _MD_HEADING.match(line)
            if heading:
                line = heading.group(1)
                title = title or line
            line = _MD_QUOTE.sub("", line)
            line = _MD_IMAGE.sub(r"\1", line)
            line = _MD_LINK.sub(r"\1", line)
            line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines).strip("\n"), title
