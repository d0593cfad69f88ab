"""PDF bytes -> the document's text, where each page starts, and its metadata.

Input: the raw bytes of a PDF (an analyst's brief, a ministry statement) and the name
to report errors under. Output: ``PdfText`` with the text of every page joined by a
blank line, the offset where each page begins (so evidence can cite "page 2"), and
the title, author and creation date the file records about itself.

    >>> doc = pdf_to_text(raw, name="brief.pdf")      # doctest: +SKIP
    >>> doc.text[:40], page_of(doc.page_starts, 120)   # doctest: +SKIP
    ('Rockets struck near Erbil airport on 29', 1)

PDF text comes out in printed lines, so the text is mended the way a reader reads it:

- a line broken in mid-sentence is joined to the next with a space ("two" + "rockets");
- a word split by a hyphen is mended ("Tal-" + "linn" -> "Tallinn"), but a hyphen
  before a capital is part of a name and stays ("al-" + "Asad" -> "al-Asad");
- a line that ends a sentence, a short line (a heading), a list item and a blank
  line keep their line break;
- a running header or footer (the same line, numbers aside, at the top or bottom of
  most pages: "IRAQ SECURITY BRIEF", "Page 3 of 10") is dropped.

Every refusal is a ``FileRejected`` with a plain reason: not a PDF, encrypted,
damaged or cut short, too many pages, or no text layer (Sitrep does not run OCR).
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from sitrep.errors import FileRejected

if TYPE_CHECKING:
    from pypdf import PdfReader

T = TypeVar("T")

PAGE_SEPARATOR = "\n\n"

# How many lines at the top and at the bottom of a page may be running headers/footers.
_EDGE_LINES = 2
# A line at least this share of the page's longest line was wrapped by the layout, so
# a capital on the next line ("... near\nErbil") continues the sentence.
_FULL_LINE = 0.75
_MIN_FULL_WIDTH = 40

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)
_DIGITS = re.compile(r"\d+")
# A line ending in . ! ? : (maybe inside a closing quote or bracket), or in a closing
# double quote, ends its sentence.
_SENTENCE_END = re.compile(r"""([.!?:…][)\]"'”’»]*|[”"»])$""")
# A line that ends with a comma, an open bracket or a dash is followed by more of it.
_OPEN_END = re.compile(r"[,;(\[\u2013\u2014/&]$|\s[-\u2013\u2014]$")
_WORD_HYPHEN = re.compile(r"[^\W\d_]-$")
_SOFT_HYPHEN_END = re.compile(r"[^\W\d_]\u00ad$")
# A list item or a numbered point starts a new line whatever came before it.
_LIST_ITEM = re.compile(r"^([•▪◦●■*\u2013\u2014-]\s|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s)")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")
_FILE_NAME = re.compile(r"\.(docx?|pdf|rtf|odt|indd|pages|txt|pptx?|xlsx?)$", re.I)
_WORD_PREFIX = re.compile(r"^Microsoft (Word|PowerPoint) - ", re.I)


@dataclass(frozen=True)
class PdfText:
    """A PDF's text, the offset in ``text`` where each page begins, and its metadata."""

    text: str
    page_starts: tuple[int, ...]
    title: str | None
    author: str | None
    published: str | None
    pages: int


def pdf_to_text(raw: bytes, *, name: str, max_pages: int = 2000) -> PdfText:
    """Read the text and metadata of a PDF, or raise FileRejected saying why not."""
    if b"%PDF-" not in raw[:1024]:
        raise FileRejected(name, "is not a PDF (it does not start with %PDF)")
    reader = _open(raw, name)
    count = _guard(name, lambda: len(reader.pages))
    if count > max_pages:
        raise FileRejected(
            name,
            f"has {count:,} pages; the limit is {max_pages:,} (split the PDF and add each part)",
        )
    printed = _guard(name, lambda: [page.extract_text() for page in reader.pages])
    page_lines = drop_running_lines([_page_lines(text) for text in printed])
    texts = [rejoin_lines(lines) for lines in page_lines]
    if not any(text.strip() for text in texts):
        raise FileRejected(name, "has no text layer (a scanned image?); Sitrep does not run OCR")
    starts = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(PAGE_SEPARATOR)
    title, author, published = _guard(name, lambda: _metadata(reader))
    return PdfText(
        text=PAGE_SEPARATOR.join(texts),
        page_starts=tuple(starts),
        title=title,
        author=author,
        published=published,
        pages=count,
    )


def page_of(page_starts: Sequence[int], offset: int) -> int:
    """The 1-based page number that a character offset of ``PdfText.text`` falls on."""
    if offset < 0:
        raise ValueError(f"offset {offset} is negative; text offsets start at 0")
    return max(1, bisect.bisect_right(page_starts, offset))


def _open(raw: bytes, name: str) -> PdfReader:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    reader = _guard(name, lambda: PdfReader(io.BytesIO(raw), strict=False))
    if not _guard(name, lambda: reader.is_encrypted):
        return reader
    try:
        # Many PDFs are "encrypted" only to forbid printing or copying; they open
        # with an empty password and their text is readable.
        opened = bool(reader.decrypt(""))
    except DependencyError:
        raise FileRejected(
            name,
            "is encrypted with AES, which Sitrep can only open with the 'cryptography' "
            "package installed; save an unencrypted copy",
        ) from None
    except Exception:
        opened = False
    if not opened:
        raise FileRejected(name, "is encrypted; save an unencrypted copy")
    return reader


def _guard(name: str, call: Callable[[], T]) -> T:
    """Run one pypdf call; any failure of a damaged or hostile file becomes FileRejected."""
    try:
        return call()
    except FileRejected:
        raise
    except Exception as exc:  # pypdf raises many kinds on broken files, RecursionError too
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise FileRejected(
            name, f"is damaged or cut short ({detail}); download or export the PDF again"
        ) from None


def _page_lines(text: str) -> list[str]:
    text = text.translate(_LIGATURES).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def _line_key(line: str) -> str:
    # "Page 3 of 10" and "Page 4 of 10" are the same footer.
    return _DIGITS.sub("#", line)


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop the lines that repeat, numbers aside, at the top or bottom of most pages."""
    with_text = [lines for lines in pages if any(lines)]
    if len(with_text) < 2:
        return pages
    need = max(2, len(with_text) // 2 + 1)
    tops = _repeated([_edge(lines) for lines in with_text], need)
    bottoms = _repeated([_edge(lines[::-1]) for lines in with_text], need)
    return [_trim(_trim(lines, tops)[::-1], bottoms)[::-1] for lines in pages]


def _edge(lines: list[str]) -> set[str]:
    return {_line_key(line) for line in [line for line in lines if line][:_EDGE_LINES]}


def _repeated(edges: list[set[str]], need: int) -> set[str]:
    counts = Counter(key for keys in edges for key in keys)
    return {key for key, count in counts.items() if count >= need}


def _trim(lines: list[str], running: set[str]) -> list[str]:
    """Drop leading blank lines and up to _EDGE_LINES leading running lines."""
    dropped = 0
    index = 0
    while index < len(lines):
        if not lines[index]:
            index += 1
        elif dropped < _EDGE_LINES and _line_key(lines[index]) in running:
            index += 1
            dropped += 1
        else:
            break
    return lines[index:]


def rejoin_lines(lines: list[str]) -> str:
    """Printed lines of one page -> its text, with lines broken mid-sentence joined.

    >>> rejoin_lines(["Two", "rockets hit Tal-", "linn and al-", "Asad.", "", "Next."])
    'Two rockets hit Tallinn and al-Asad.\\n\\nNext.'
    """
    longest = max((len(line) for line in lines), default=0)
    full = _FULL_LINE * longest if longest >= _MIN_FULL_WIDTH else float("inf")
    parts: list[str] = []
    previous = ""
    for line in lines:
        if not line:
            previous = ""
            continue
        if not parts:
            parts.append(line)
        elif not previous:
            parts.append("\n\n" + line)
        else:
            drop_hyphen, joint = _joint(previous, line, full)
            if drop_hyphen:
                parts[-1] = parts[-1][:-1]
            parts.append(joint + line)
        previous = line
    return "".join(parts)


def _joint(previous: str, line: str, full: float) -> tuple[bool, str]:
    """Whether the hyphen ending ``previous`` goes, and what separates it from ``line``:
    "" (one word), " " (one sentence) or "\\n" (a new line)."""
    if _SOFT_HYPHEN_END.search(previous):
        return True, ""
    if _LIST_ITEM.match(line):
        return False, "\n"
    first = line[0]
    if _WORD_HYPHEN.search(previous) and first.isalnum():
        # "Tal-" + "linn" is one word broken by the layout; "al-" + "Asad" is a name.
        return first.islower(), ""
    if _SENTENCE_END.search(previous):
        return False, "\n"
    if first.islower() or _OPEN_END.search(previous) or len(previous) >= full:
        return False, " "
    return False, "\n"


def _metadata(reader: PdfReader) -> tuple[str | None, str | None, str | None]:
    info = reader.metadata
    if info is None:
        return None, None, None
    return (
        _clean_title(_info_text(info, "/Title")),
        _clean(_info_text(info, "/Author")),
        _pdf_date(_info_text(info, "/CreationDate")),
    )


def _info_text(info: object, key: str) -> str | None:
    if not isinstance(info, dict) or key not in info:
        return None
    value = info[key]
    return value if isinstance(value, str) else None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SPACES.sub(" ", _CONTROL.sub("", value.replace("\x00", ""))).strip()
    return value or None


def _clean_title(value: str | None) -> str | None:
    """The title as a reader would give it; None for the file names and "Untitled"
    that writing programs put there when the author set none."""
    title = _clean(value)
    if title is None:
        return None
    title = _WORD_PREFIX.sub("", title)
    if _FILE_NAME.search(title) or title.lower() in {"untitled", "title", "document"}:
        return None
    return title


def _pdf_date(value: str | None) -> str | None:
    """``D:20240129093000+03'00'`` -> ``2024-01-29`` (the day the file was made)."""
    match = _PDF_DATE.match(value.strip()) if value else None
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None
