"""PDFs and saved e-mails become report text: pages, mended lines, metadata, refusals."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from pdfmaker import make_pdf
from sitrep.errors import FileRejected
from sitrep.ingest.email_file import email_to_report_parts
from sitrep.ingest.pdf import drop_running_lines, page_of, pdf_to_text, rejoin_lines

HEADER = "IRAQ SECURITY BRIEF - JANUARY 2024"

# Lines as a layout program wraps them: full-width lines broken in mid-sentence.
PAGE_1 = [
    "Summary",
    "Rockets struck near Erbil airport on 29 January 2024, the regional security council",
    "said. Officials said two",
    "rockets landed inside the perimeter of the coalition base, and 3 people were killed",
    "in the attack. No group claimed responsibility for the strike.",
    "Page 1 of 3",
]
PAGE_2 = [
    "Background",
    "The Islamic Resistance in Iraq has claimed more than 150 attacks on coalition forces",
    "since October. A drone also targeted Ain al-",
    "Asad air base in Anbar province the same week, officials said.",
    "Page 2 of 3",
]
PAGE_3 = [
    "Outlook",
    "Further strikes are likely. Analysts in Tal-",
    "linn expect attacks to continue while talks on the coalition's future go on.",
    "Page 3 of 3",
]


@pytest.fixture(scope="module")
def brief() -> bytes:
    return make_pdf(
        [PAGE_1, PAGE_2, PAGE_3],
        title="  Iraq   Security Brief ",
        author="Regional Analysis Unit",
        created="D:20240130084500+03'00'",
        header=HEADER,
    )


def test_the_maker_writes_a_pdf_that_pypdf_reads(brief: bytes) -> None:
    reader = PdfReader(io.BytesIO(brief), strict=True)
    assert len(reader.pages) == 3
    assert "Erbil airport" in reader.pages[0].extract_text()


def test_each_page_text_is_found_on_its_page(brief: bytes) -> None:
    doc = pdf_to_text(brief, name="brief.pdf")
    assert doc.pages == 3
    assert len(doc.page_starts) == 3 and doc.page_starts[0] == 0
    for number, needle in [(1, "Erbil airport"), (2, "Anbar province"), (3, "Further strikes")]:
        offset = doc.text.index(needle)
        assert page_of(doc.page_starts, offset) == number
    assert page_of(doc.page_starts, doc.page_starts[1]) == 2
    assert page_of(doc.page_starts, len(doc.text) - 1) == 3


def test_pages_are_joined_by_a_blank_line(brief: bytes) -> None:
    doc = pdf_to_text(brief, name="brief.pdf")
    assert doc.text[doc.page_starts[1] - 2 : doc.page_starts[1]] == "\n\n"
    assert doc.text[doc.page_starts[1] :].startswith("Background")


def test_lines_broken_in_mid_sentence_are_joined(brief: bytes) -> None:
    text = pdf_to_text(brief, name="brief.pdf").text
    assert "Officials said two rockets landed" in text
    assert "regional security council said." in text
    assert "killed in the attack." in text


def test_sentence_ends_and_headings_keep_their_line_breaks(brief: bytes) -> None:
    text = pdf_to_text(brief, name="brief.pdf").text
    assert "Summary\nRockets struck" in text
    assert "for the strike." in text and "strike. Page" not in text
    assert "officials said.\n\nOutlook" in text


def test_a_hyphen_before_a_capital_stays_and_a_broken_word_is_mended(brief: bytes) -> None:
    text = pdf_to_text(brief, name="brief.pdf").text
    assert "Ain al-Asad air base" in text
    assert "Analysts in Tallinn expect" in text


def test_running_header_and_page_numbers_are_dropped(brief: bytes) -> None:
    text = pdf_to_text(brief, name="brief.pdf").text
    assert HEADER not in text
    assert "Page 1 of 3" not in text and "of 3" not in text


def test_metadata_comes_from_the_document_info(brief: bytes) -> None:
    doc = pdf_to_text(brief, name="brief.pdf")
    assert doc.title == "Iraq Security Brief"
    assert doc.author == "Regional Analysis Unit"
    assert doc.published == "2024-01-30"


def test_missing_or_placeholder_metadata_is_none() -> None:
    raw = make_pdf([["Shelling hit Kharkiv overnight."]], title="Microsoft Word - brief.docx")
    doc = pdf_to_text(raw, name="note.pdf")
    assert (doc.title, doc.author, doc.published) == (None, None, None)
    assert doc.text == "Shelling hit Kharkiv overnight."


def test_a_line_repeated_on_only_one_page_is_kept() -> None:
    raw = make_pdf([["Kharkiv", "Shells hit the city."], ["Odesa", "Drones hit the port."]])
    assert pdf_to_text(raw, name="two.pdf").text == (
        "Kharkiv\nShells hit the city.\n\nOdesa\nDrones hit the port."
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(["two", "rockets hit."], "two rockets hit.", id="lower case continues"),
        pytest.param(["Said so.", "Two more."], "Said so.\nTwo more.", id="a full stop ends"),
        pytest.param(["He said: “Go.”", "Then"], "He said: “Go.”\nThen", id="a closing quote ends"),
        pytest.param(["Tal-", "linn"], "Tallinn", id="a broken word loses its hyphen"),
        pytest.param(["al-", "Asad"], "al-Asad", id="a hyphen before a capital stays"),
        pytest.param(["Key points", "- Three killed"], "Key points\n- Three killed", id="a list"),
        pytest.param(["One.", "", "", "Two."], "One.\n\nTwo.", id="blank lines are one break"),
        pytest.param(["killed,", "Officials"], "killed, Officials", id="a comma continues"),
    ],
)
def test_rejoin_lines(lines: list[str], expected: str) -> None:
    assert rejoin_lines(lines) == expected


def test_a_full_width_line_continues_before_a_capital() -> None:
    lines = ["Rockets struck the base early on Monday morning near", "Erbil, killing two."]
    assert rejoin_lines(lines) == " ".join(lines)


def test_a_running_line_must_repeat_on_most_pages() -> None:
    pages = [["Brief", "a."], ["Brief", "b."], ["Other", "c."], ["Other", "d."], ["Else", "e."]]
    assert drop_running_lines(pages) == pages
    pages[2][0] = "Brief"
    assert [lines[0] for lines in drop_running_lines(pages)] == ["a.", "b.", "c.", "Other", "Else"]


def test_a_file_that_is_not_a_pdf_is_refused() -> None:
    with pytest.raises(FileRejected, match=r"does not start with %PDF") as caught:
        pdf_to_text(b"<html>not a pdf</html>", name="brief.pdf")
    assert caught.value.path == "brief.pdf"


def test_a_truncated_pdf_is_refused(brief: bytes) -> None:
    with pytest.raises(FileRejected, match=r"damaged or cut short"):
        pdf_to_text(brief[: len(brief) // 2], name="brief.pdf")


def test_garbage_after_the_header_is_refused() -> None:
    with pytest.raises(FileRejected, match=r"damaged or cut short"):
        pdf_to_text(b"%PDF-1.7\n" + bytes(range(256)) * 20, name="junk.pdf")


def test_a_pdf_without_text_is_refused() -> None:
    with pytest.raises(FileRejected, match=r"no text layer .*does not run OCR"):
        pdf_to_text(make_pdf([[], []]), name="scan.pdf")


def test_too_many_pages_are_refused(brief: bytes) -> None:
    with pytest.raises(FileRejected, match=r"has 3 pages; the limit is 2"):
        pdf_to_text(brief, name="brief.pdf", max_pages=2)
    assert pdf_to_text(brief, name="brief.pdf", max_pages=3).pages == 3


def _encrypted(raw: bytes, user_password: str) -> bytes:
    # RC4 is implemented by pypdf itself; AES would need the cryptography package.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_encrypted_pdf_is_refused(brief: bytes) -> None:
    with pytest.raises(FileRejected, match=r"is encrypted; save an unencrypted copy"):
        pdf_to_text(_encrypted(brief, "secret"), name="locked.pdf")


def test_an_encrypted_pdf_with_an_empty_password_is_read(brief: bytes) -> None:
    doc = pdf_to_text(_encrypted(brief, ""), name="protected.pdf")
    assert "Erbil airport" in doc.text
    assert doc.title == "Iraq Security Brief"


def test_page_of_refuses_a_negative_offset() -> None:
    with pytest.raises(ValueError, match="negative"):
        page_of((0, 10), -1)


PLAIN_MAIL = b"""\
From: Ops Desk <ops@example.org>
To: analysts@example.org
Subject: Rockets near Erbil airport
Date: Mon, 29 Jan 2024 10:15:00 +0300
Content-Type: text/plain; charset=utf-8

Rockets struck near Erbil airport on 29 January.
Three people were killed.
"""

ALTERNATIVE_MAIL = b"""\
From: =?utf-8?q?J=C3=BCrgen_Weber?= <jw@example.de>
Subject: =?utf-8?q?K=C3=A4mpfe?= bei Awdijiwka
Date: Tue, 30 Jan 2024 08:00:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

K=C3=A4mpfe dauerten die ganze Nacht an.
--inner
Content-Type: text/html; charset=utf-8

<html><body><p>HTML version of the fighting report.</p></body></html>
--inner--
--outer
Content-Type: text/plain; name="notes.txt"
Content-Disposition: attachment; filename="notes.txt"

Attachment text that is not the body.
--outer--
"""

HTML_MAIL = b"""\
From: alerts@example.org
Subject: Drone strike in Odesa
Date: Wed, 31 Jan 2024 22:40:00 -0500
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><article><h1>Drone strike in Odesa</h1>
<p>A drone struck the port of Odesa overnight, injuring four workers, the regional
governor said on Wednesday.</p></article></body></html>
"""


def test_a_plain_text_mail_gives_body_and_headers() -> None:
    parts = email_to_report_parts(PLAIN_MAIL, name="alert.eml")
    assert parts.text == (
        "Rockets struck near Erbil airport on 29 January.\nThree people were killed."
    )
    assert parts.title == "Rockets near Erbil airport"
    assert parts.author == "Ops Desk"
    assert parts.published == "2024-01-29T10:15:00+03:00"
    assert parts.is_html is False


def test_the_plain_part_of_an_alternative_mail_wins_and_attachments_are_ignored() -> None:
    parts = email_to_report_parts(ALTERNATIVE_MAIL, name="kaempfe.eml")
    assert parts.text == "Kämpfe dauerten die ganze Nacht an."
    assert parts.title == "Kämpfe bei Awdijiwka"
    assert parts.author == "Jürgen Weber"
    assert parts.published == "2024-01-30T08:00:00+01:00"
    assert parts.is_html is False


def test_an_html_only_mail_gives_the_text_of_the_html() -> None:
    parts = email_to_report_parts(HTML_MAIL, name="odesa.eml")
    assert "A drone struck the port of Odesa overnight" in parts.text
    assert "<p>" not in parts.text
    assert parts.is_html is True
    assert parts.author == "alerts@example.org"
    assert parts.published == "2024-01-31T22:40:00-05:00"


def test_bytes_that_are_not_a_mail_are_refused() -> None:
    with pytest.raises(FileRejected, match=r"is not an e-mail") as caught:
        email_to_report_parts(b"Rockets struck near Erbil.\nThree killed.\n", name="x.eml")
    assert caught.value.path == "x.eml"


def test_a_mail_with_only_an_attachment_is_refused() -> None:
    raw = b"""\
From: ops@example.org
Subject: Map
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: application/pdf
Content-Disposition: attachment; filename="map.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--b--
"""
    with pytest.raises(FileRejected, match=r"no readable text body"):
        email_to_report_parts(raw, name="map.eml")
