"""Lines of text -> the bytes of a small, valid PDF 1.4 file, for Sitrep's PDF tests.

Each page is a list of lines, drawn top-down in Helvetica, one text object per line;
an empty string leaves a blank line. A page given as ``[]`` has no text at all, like a
scanned image. The cross-reference table carries the real byte offsets, so any PDF
reader (pypdf included) opens the result without repairing it.

    >>> make_pdf([["Two rockets hit Erbil."]], title="Brief")[:8]
    b'%PDF-1.4'
"""

from __future__ import annotations

FONT_SIZE = 11
LEADING = 14
TOP = 760
LEFT = 72


def make_pdf(
    pages: list[list[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    created: str | None = None,
    header: str | None = None,
) -> bytes:
    """Write ``pages`` as a PDF; ``created`` is a PDF date such as ``D:20240129093000Z``,
    ``header`` a running title drawn at the top of every page that has text."""
    count = len(pages)
    # Objects: 1 catalog, 2 page tree, 3 font, then a page and its content per page, info.
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count))
        + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, lines in enumerate(pages):
        shown = ([header, ""] if header and lines else []) + lines
        stream = _content(shown)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * index)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    info = {"Title": title, "Author": author, "CreationDate": created}
    entries = b" ".join(b"/" + key.encode() + b" " + _string(v) for key, v in info.items() if v)
    objects.append(b"<< " + entries + b" >>")
    return _assemble(objects, info_number=len(objects))


def _content(lines: list[str]) -> bytes:
    parts = []
    for number, line in enumerate(lines):
        if line:
            y = TOP - number * LEADING
            parts.append(
                b"BT /F1 %d Tf %d %d Td " % (FONT_SIZE, LEFT, y) + _string(line) + b" Tj ET"
            )
    return b"\n".join(parts)


def _string(text: str) -> bytes:
    """A PDF literal string: Latin-1 bytes, with parentheses, backslashes and
    everything outside printable ASCII escaped in octal."""
    out = bytearray(b"(")
    for byte in text.encode("cp1252"):
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif 32 <= byte < 127:
            out.append(byte)
        else:
            out += b"\\%03o" % byte
    return bytes(out + b")")


def _assemble(objects: list[bytes], *, info_number: int) -> bytes:
    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref_at = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, info_number)
    body += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(body)
