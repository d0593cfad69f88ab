"""`sitrep add URL...`: pages fetched from a real HTTP server on 127.0.0.1, read, archived
and extracted; the batch goes on past every kind of bad input."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

import sitrep
from conftest import run_sitrep
from pdfmaker import make_pdf
from sitrep.store.reports import get_raw
from webserver import Response

PAGE = """<!doctype html><html lang="en"><head>
<title>Rockets hit base near Erbil - Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Rockets hit base near Erbil">
<meta name="author" content="Dana Writer">
<meta property="article:published_time" content="2024-01-29T08:15:00+03:00">
<link rel="canonical" href="{canonical}">
</head><body>
<nav>Home | World | Sport</nav>
<article><h1>Rockets hit base near Erbil</h1>
<p>Two rockets struck a base near Erbil airport on Sunday, injuring three people, officials
said.</p>
<p>The Islamic Resistance in Iraq claimed responsibility for the attack in a statement on
Telegram, saying it had targeted the base in response to the war in Gaza.</p>
<p>Local police said the rockets were fired from a field south of the city.</p>
</article><footer>Copyright Example News</footer></body></html>"""

OTHER = """<html><head><title>Drone strike in Kharkiv</title></head><body><article>
<p>A Russian drone struck an apartment building in Kharkiv overnight, killing two people
and wounding five, the regional governor said on Tuesday.</p>
<p>Emergency workers searched the rubble until morning.</p></article></body></html>"""


def sitrep_add(db: str, *args: str):
    return run_sitrep("--db", db, "add", "--allow-private", "--json", *args)


def outcomes(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_page_is_fetched_read_archived_and_extracted(db: str, server) -> None:
    html = PAGE.format(canonical=server.url("/news/erbil"))
    server.route("/news/erbil", html)
    result = sitrep_add(db, server.url("/news/erbil"))
    assert result.returncode == 0, result.stderr
    [row] = outcomes(result)
    assert row["status"] == "added" and row["incidents"] >= 1
    ua = server.requests[0].headers["user-agent"]
    assert ua.startswith("Sitrep/") and "conflict-event tracker" in ua
    assert "gzip" in server.requests[0].headers["accept-encoding"]
    with sitrep.open(db) as store:
        [report] = store.reports(with_text=True)
        assert report.title == "Rockets hit base near Erbil"
        assert report.publisher == "Example News"
        assert report.published == "2024-01-29"  # the local day of publication
        assert report.url == server.url("/news/erbil")
        assert "Two rockets struck a base near Erbil airport" in report.text
        assert "Home | World" not in report.text and "Copyright" not in report.text
        assert report.media_type == "text/html"
        assert report.retrieved_at is not None
        with store.read() as conn:
            raw = get_raw(conn, report.id)
        assert raw == html.encode("utf-8")
        assert report.sha256 == hashlib.sha256(raw).hexdigest()
        [incident] = store.incidents()
        assert incident.location is not None and incident.location.name == "Erbil"
        assert incident.date.start is not None and incident.date.start.isoformat() == "2024-01-28"


def test_the_same_url_is_not_fetched_twice_and_the_same_article_is_recognised(
    db: str, server
) -> None:
    html = PAGE.format(canonical=server.url("/news/erbil"))
    server.route("/news/erbil", html)
    server.route("/amp/erbil", html.replace("<nav>Home | World | Sport</nav>", "<nav>AMP</nav>"))
    first = sitrep_add(db, server.url("/news/erbil"))
    assert outcomes(first)[0]["status"] == "added"
    again = sitrep_add(db, server.url("/news/erbil"))
    assert outcomes(again)[0]["status"] == "existing"
    assert "stored before" not in again.stderr
    assert len(server.requests) == 1  # not fetched again
    other_html = sitrep_add(db, server.url("/amp/erbil"))
    [row] = outcomes(other_html)
    assert row["status"] == "existing" and row["report_id"] == 1
    with sitrep.open(db) as store:
        assert len(store.reports()) == 1


def test_a_batch_with_bad_urls_stores_the_rest_and_exits_1(db: str, server) -> None:
    server.route("/good", OTHER)
    server.route("/image", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    server.route("/gone", "not here", status=404)
    server.route("/broken", "oops", status=500)
    server.route("/slow", OTHER, delay=4)
    server.route("/big", "x" * (3 * 1024 * 1024))
    bomb = gzip.compress(b"\0" * (80 * 1024 * 1024))
    server.route("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    server.route("/loop", handler=lambda _r: Response(302, b"", {"Location": "/loop"}))
    server.route(
        "/to-file", handler=lambda _r: Response(302, b"", {"Location": "file:///etc/passwd"})
    )
    server.route("/empty", "<html><body></body></html>")
    names = ["good", "image", "gone", "broken", "slow", "big", "bomb", "loop", "to-file", "empty"]
    result = run_sitrep(
        "--db",
        db,
        "add",
        "--allow-private",
        "--json",
        *(server.url(f"/{n}") for n in names),
        "ftp://example.org/report.txt",
        env={
            "SITREP_FETCH_TIMEOUT": "1",
            "SITREP_MAX_FETCH_BYTES": str(2 * 1024 * 1024),
        },
    )
    assert result.returncode == 1
    by = {r["source"].rsplit("/", 1)[-1]: r for r in outcomes(result)}
    assert by["good"]["status"] == "added"
    errors = {k: v["error"] for k, v in by.items() if v["status"] == "failed"}
    assert "image/png" in errors["image"]
    assert "404" in errors["gone"]
    assert "500" in errors["broken"]
    assert "1 s" in errors["slow"] or "timed out" in errors["slow"]
    assert "limit" in errors["big"]
    assert "decompresses to more than" in errors["bomb"]
    assert "redirects" in errors["loop"]
    assert "file" in errors["to-file"]
    assert "no readable text" in errors["empty"]
    assert "only http and https" in errors["report.txt"]
    assert "1 added, 0 already stored, 10 failed" in result.stderr
    with sitrep.open(db) as store:
        assert [r.url for r in store.reports()] == [server.url("/good")]


def test_private_addresses_are_refused_unless_allowed(db: str, server) -> None:
    server.route("/page", OTHER)
    for url in (server.url("/page"), f"http://localhost:{server.port}/page"):
        result = run_sitrep("--db", db, "add", url)
        assert result.returncode == 1
        assert "refused" in result.stderr and "loopback" in result.stderr
    assert server.requests == []  # nothing reached the server
    allowed = run_sitrep("--db", db, "add", server.url("/page"), env={"SITREP_ALLOW_PRIVATE": "1"})
    assert allowed.returncode == 0, allowed.stderr


def test_a_pdf_is_read_page_by_page_and_evidence_cites_its_page(db: str, server) -> None:
    pdf = make_pdf(
        [
            ["Situation report, 30 January 2024", "", "Prepared for the coordination meeting."],
            [
                "On 29 January 2024 two rockets struck a base near Erbil airport,",
                "injuring three people, officials said.",
            ],
        ],
        title="Situation report 12",
    )
    server.route("/brief.pdf", pdf, content_type="application/pdf")
    result = sitrep_add(db, server.url("/brief.pdf"))
    assert result.returncode == 0, result.stderr
    with sitrep.open(db) as store:
        [report] = store.reports(with_text=True)
        assert report.media_type == "application/pdf"
        assert report.title == "Situation report 12"
        assert report.page_starts is not None and len(report.page_starts) == 2
        assert "base near Erbil airport, injuring three" in report.text
        [incident] = store.incidents()
        pages = {span.page for span in incident.evidence}
        assert pages == {2}


def test_a_syndicated_copy_is_linked_to_its_original(db: str, server) -> None:
    story = (
        "Two rockets struck a base near Erbil airport on Sunday, injuring three people, "
        "officials said. The Islamic Resistance in Iraq claimed responsibility for the attack "
        "in a statement on Telegram, saying it had targeted the base in response to the war "
        "in Gaza. Local police said the rockets were fired from a field south of the city. "
        "It was the third attack on the base this month, and the group said more would follow "
        "until foreign forces leave the country. Kurdish officials condemned the attack."
    )
    wire = f"<html><body><article><p>{story}</p></article></body></html>"
    copy = (
        "<html><body><article><p>ERBIL, Iraq (Wire) - "
        f"{story}</p><p>Reporting by Sam Roe; Editing by Kim Poe</p></article></body></html>"
    )
    server.route("/wire", wire)
    server.route("/copy", copy)
    server.route("/other", OTHER)
    first = sitrep_add(db, server.url("/wire"))
    second = sitrep_add(db, server.url("/copy"), server.url("/other"))
    assert first.returncode == second.returncode == 0, second.stderr
    rows = {r["source"].rsplit("/", 1)[-1]: r for r in outcomes(second)}
    assert rows["copy"]["status"] == "added" and rows["copy"]["copy_of"] == 1
    assert rows["other"]["copy_of"] is None
    ids = [1, rows["copy"]["report_id"], rows["other"]["report_id"]]
    answer = run_sitrep("--db", db, "sources", *map(str, ids), "--json")
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["independent_sources"] == 2
    with sitrep.open(db) as store:
        assert store.independent_sources(ids) == 2


def test_a_list_file_and_a_csv_of_sources(db: str, server, tmp_path: Path) -> None:
    server.route("/a", OTHER)
    server.route("/b", PAGE.format(canonical=server.url("/b")))
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# sources for the week\n{server.url('/a')}\n\n")
    result = run_sitrep("--db", db, "add", "--allow-private", "--from-list", str(listing))
    assert result.returncode == 0, result.stderr
    table = tmp_path / "sources.csv"
    table.write_text(
        "url,title,publisher,published\n"
        f"{server.url('/b')},Rocket attack,Wire Service,2024-01-29\n"
        f"{server.url('/c')},Bad date,Wire Service,2024-02-31\n"
        ",No url,Wire Service,2024-01-29\n"
    )
    result = run_sitrep("--db", db, "add", "--allow-private", "--json", "--csv", str(table))
    assert result.returncode == 1
    rows = outcomes(result)
    failed = {r["source"]: r["error"] for r in rows if r["status"] == "failed"}
    assert failed == {
        f"{table}:3": "published '2024-02-31' is not an ISO 8601 date",
        f"{table}:4": "the url is empty",
    }
    with sitrep.open(db) as store:
        titles = {r.url: (r.title, r.publisher, r.published) for r in store.reports()}
    assert titles[server.url("/b")] == ("Rocket attack", "Wire Service", "2024-01-29")


def test_a_folder_of_mixed_files_with_broken_ones(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Shelling hit Kharkiv overnight, killing two people.")
    (folder / "sub" / "b.html").write_text(OTHER)
    (folder / "sub" / "c.pdf").write_bytes(make_pdf([["Two rockets hit Erbil on Monday."]]))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # not a report file: left out
    (folder / ".hidden.txt").write_text("draft")
    (folder / "empty.txt").write_text("")
    result = run_sitrep("--db", db, "add", "--json", str(folder))
    assert result.returncode == 1
    rows = outcomes(result)
    assert [Path(r["source"]).name for r in rows] == [
        "a.txt",
        "broken.pdf",
        "empty.txt",
        "b.html",
        "c.pdf",
    ]
    status = {Path(r["source"]).name: r["status"] for r in rows}
    assert status == {
        "a.txt": "added",
        "broken.pdf": "failed",
        "empty.txt": "failed",
        "b.html": "added",
        "c.pdf": "added",
    }


@pytest.mark.parametrize("charset", ["windows-1256", "iso-8859-1"])
def test_a_page_in_a_declared_charset(db: str, server, charset: str) -> None:
    text = "قصف على حلب" if charset == "windows-1256" else "Kämpfe in Gaziantep: zwei Tote"
    body = f"<html><body><article><p>{text}. {text}.</p></article></body></html>"
    server.route("/p", body.encode(charset), content_type=f"text/html; charset={charset}")
    result = sitrep_add(db, server.url("/p"))
    assert result.returncode == 0, result.stderr
    with sitrep.open(db) as store:
        [report] = store.reports(with_text=True)
    assert text in report.text
