"""Local files become reports: encodings, HTML, Markdown, and refusals with reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import FileRejected
from sitrep.ingest.files import (
    ReportMeta,
    decode,
    markdown_to_text,
    read_report_file,
    report_from_bytes,
)

LIMIT = 1_000_000

ARTICLE = """<!doctype html><html lang="en"><head>
<title>Rockets hit base in western Iraq | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-08-06T10:00:00+03:00">
<link rel="canonical" href="https://news.example.org/iraq-rockets">
</head><body><nav>Home | World | Sport</nav>
<article><h1>Rockets hit base in western Iraq</h1>
<p>BAGHDAD, Aug 5 (Reuters) - Two rockets struck a U.S. base in western Iraq on Monday,
injuring seven Americans, officials said.</p>
<p>No group has claimed responsibility for the attack so far, the officials added.</p>
<script>var tracking = "should not appear";</script>
</article><footer>Copyright Example News</footer></body></html>"""


def test_html_gives_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(ARTICLE, encoding="utf-8")
    report = read_report_file(str(path), max_bytes=LIMIT)
    assert "Two rockets struck a U.S. base" in report.text
    assert "tracking" not in report.text and "Copyright" not in report.text
    assert report.title == "Rockets hit base in western Iraq"
    assert report.publisher == "Example News"
    assert report.author == "Jane Doe"
    assert report.published == "2024-08-06"
    assert report.media_type == "text/html"
    assert report.raw == ARTICLE.encode("utf-8")


def test_metadata_given_by_the_caller_wins_over_the_page(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(ARTICLE, encoding="utf-8")
    meta = ReportMeta(url="https://x.example/1", publisher="Wire", published="2024-08-07")
    report = read_report_file(str(path), max_bytes=LIMIT, meta=meta)
    assert (report.url, report.publisher, report.published) == (
        "https://x.example/1",
        "Wire",
        "2024-08-07",
    )


def test_a_tiny_html_page_still_gives_its_text() -> None:
    report = report_from_bytes(
        b"<html><body><p>Shelling hit Kharkiv.</p></body></html>", source="x.html", kind="html"
    )
    assert report.text == "Shelling hit Kharkiv."


def test_non_utf8_text_is_decoded_and_the_raw_bytes_kept() -> None:
    raw = (
        "Un coche bomba explotó ayer en Bogotá, según la policía. Murieron tres "
        "personas y otras doce resultaron heridas en el atentado."
    ).encode("cp1252")
    report = report_from_bytes(raw, source="bomba.txt")
    assert "explotó ayer en Bogotá" in report.text
    assert report.raw == raw
    assert report.encoding and report.encoding.replace("_", "").lower() != "utf8"


def test_utf8_with_bom() -> None:
    text, encoding = decode("\ufeffAleppo".encode(), "x")
    assert (text, encoding) == ("Aleppo", "utf-8-sig")


def test_markdown_is_unwrapped_and_its_heading_is_the_title() -> None:
    text, title = markdown_to_text(
        "# Strike near Cadale\n\nA **U.S.** strike near [Cadale](https://x.org) killed "
        "_15_ fighters.\n\n> quoted line\n\n```\ncode\n```"
    )
    assert title == "Strike near Cadale"
    assert text == (
        "Strike near Cadale\n\nA U.S. strike near Cadale killed 15 fighters.\n\nquoted line\n\ncode"
    )


def test_windows_line_ends_are_unified() -> None:
    report = report_from_bytes(b"Line one.\r\nLine two.\r\n", source="x.txt")
    assert report.text == "Line one.\nLine two."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        pytest.param("a.txt", b"", "is empty", id="an empty file"),
        pytest.param("b.txt", b"   \n\n ", "is empty", id="a file of whitespace"),
        pytest.param("c.txt", bytes(range(256)) * 8, "binary", id="a binary file named .txt"),
        pytest.param(
            "d.html",
            b"<html><body><script>x()</script></body></html>",
            "no readable text",
            id="an html page with no text",
        ),
        pytest.param(
            "e.docx", b"PK\x03\x04", "unsupported file type '.docx'", id="an unsupported suffix"
        ),
    ],
)
def test_bad_files_are_refused_with_a_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FileRejected) as caught:
        read_report_file(str(path), max_bytes=LIMIT)
    assert reason in caught.value.reason
    assert str(caught.value).startswith(str(path))


def test_a_file_above_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    with pytest.raises(FileRejected, match=r"too large \(209,715,200 bytes; the limit is"):
        read_report_file(str(path), max_bytes=50 * 1024 * 1024)


def test_missing_files_and_directories_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FileRejected, match="no such file"):
        read_report_file(str(tmp_path / "nope.txt"), max_bytes=LIMIT)
    with pytest.raises(FileRejected, match="is a directory"):
        read_report_file(str(tmp_path), max_bytes=LIMIT)
