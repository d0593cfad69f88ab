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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from sitrep.errors import FileRejected
from sitrep.models import Report

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt", ".text", ""}
SUFFIXES = HTML_SUFFIXES | MARKDOWN_SUFFIXES | TEXT_SUFFIXES

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
            path, f"unsupported file type {suffix!r}; Sitrep reads .txt, .md and .html files"
        )
    if info.st_size > max_bytes:
        raise FileRejected(path, _too_large(info.st_size, max_bytes))
    try:
        with open(path, "rb") as handle:
            raw = _read_capped(handle, max_bytes, path)
    except OSError as exc:
        raise FileRejected(path, exc.strerror or str(exc)) from None
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
) -> Report:
    """Decode ``raw``, extract the text of HTML or Markdown, and build the Report."""
    name = name or source
    meta = meta or ReportMeta()
    if not raw.strip():
        raise FileRejected(name, "is empty")
    if _looks_binary(raw):
        raise FileRejected(name, "looks like a binary file, not text, Markdown or HTML")
    text, encoding = decode(raw, name)
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
    chosen = replace(
        meta,
        title=meta.title or title,
        publisher=meta.publisher or publisher,
        author=meta.author or author,
        published=meta.published or published,
        language=meta.language or language,
    )
    return Report(
        url=chosen.url,
        canonical_url=canonical,
        title=chosen.title,
        publisher=chosen.publisher,
        author=chosen.author,
        published=chosen.published,
        language=chosen.language,
        retrieved_at=dt.datetime.now(dt.UTC),
        text=text,
        media_type=media_type,
        encoding=encoding,
        source=source,
        raw=raw,
    )


def _looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 100)


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """Bytes -> text and the encoding used; UTF-8 first, then detection."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise FileRejected(name, "cannot tell its text encoding; save it as UTF-8")
    return str(best), str(best.encoding)


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
