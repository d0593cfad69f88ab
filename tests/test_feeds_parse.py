"""Feed bytes become entries: RSS, RDF and Atom read right, hostile or wrong bytes refused."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from sitrep.errors import SitrepError
from sitrep.ingest.feeds import FeedEntry, FeedRejected, ParsedFeed, parse_feed

FEED_URL = "https://news.example.org/feeds/world.xml"
ENTITY_MESSAGE = (
    "refused: the feed declares XML entities (a billion-laughs or XXE attack?); "
    "Sitrep does not expand them"
)

RSS_WITH_GUIDS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example News - World</title>
  <link>https://news.example.org/</link>
  <item>
    <title>Two rockets struck near Erbil airport</title>
    <link>https://news.example.org/2024/01/29/erbil-rockets</link>
    <guid isPermaLink="false">erbil-rockets-0129</guid>
    <description>&lt;p&gt;Two rockets &lt;b&gt;struck&lt;/b&gt; near the airport&lt;/p&gt;
      &lt;p&gt;No group has claimed the attack &amp;amp; none was hurt.&lt;/p&gt;
      &lt;script&gt;track()&lt;/script&gt;</description>
    <pubDate>Mon, 29 Jan 2024 08:15:00 +0300</pubDate>
    <dc:creator>Baghdad desk</dc:creator>
  </item>
  <item>
    <title>Drone downed over Kherson region</title>
    <guid>https://news.example.org/2024/01/29/kherson-drone</guid>
    <pubDate>Mon, 29 Jan 2024 23:40:00 -0500</pubDate>
  </item>
  <item>
    <title>Ceasefire talks resume in Doha</title>
    <guid isPermaLink="false">doha-talks-0129</guid>
  </item>
</channel>
</rss>"""

RSS_WITHOUT_GUIDS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Ministry of Defence</title><link>/</link>
  <item><title>Shelling reported in Kharkiv</title><link>/press/kharkiv-shelling</link></item>
  <item><description>Only a description, with no title, link or guid.</description></item>
  <item><title>Statement on the border clashes</title></item>
</channel></rss>"""

ATOM_WITH_BASES = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://wire.example.com/world/">
  <title type="html">Wire &lt;em&gt;World&lt;/em&gt;</title>
  <link rel="alternate" href="/"/>
  <id>tag:wire.example.com,2024:world</id>
  <updated>2024-01-29T09:00:00Z</updated>
  <entry>
    <id>tag:wire.example.com,2024:4711</id>
    <title>Airstrike hits fuel depot in Hodeidah</title>
    <link rel="alternate" href="hodeidah-depot"/>
    <published>2024-01-29T08:15:00+03:00</published>
    <updated>2024-01-29T10:00:00+03:00</updated>
    <summary type="html">&lt;p&gt;Smoke rose over the port&amp;nbsp;city.&lt;/p&gt;</summary>
    <author><name>Sana'a bureau</name></author>
  </entry>
  <entry xml:base="/middle-east/">
    <id>tag:wire.example.com,2024:4712</id>
    <title>Mortar fire near Rafah crossing</title>
    <link href="rafah-mortar"/>
    <updated>2024-01-28T22:30:00Z</updated>
  </entry>
</feed>"""

ATOM_RELATIVE_TO_FEED = b"""<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
  <entry><id>tag:x,2024:1</id><title>Clashes in Tal Afar</title><link href="../2024/tal-afar"/>
  <updated>2024-01-29</updated></entry>
</feed>"""

RDF_FEED = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://ministry.example.gov/rss">
    <title>Ministry press releases</title>
    <link>https://ministry.example.gov/</link>
  </channel>
  <item rdf:about="https://ministry.example.gov/press/2024-017">
    <title>Border post attacked near Zakho</title>
    <link>https://ministry.example.gov/press/2024-017</link>
    <description>Two soldiers were wounded.</description>
    <dc:date>2024-01-29T06:00:00+03:00</dc:date>
  </item>
</rdf:RDF>"""


def entry_titled(feed: ParsedFeed, title: str) -> FeedEntry:
    return next(entry for entry in feed.entries if entry.title == title)


def rejection(data: bytes, source: str = FEED_URL) -> FeedRejected:
    with pytest.raises(FeedRejected) as caught:
        parse_feed(data, source=source)
    return caught.value


# --- RSS, Atom, RDF -----------------------------------------------------------------


def test_rss_with_guids_reads_every_field() -> None:
    feed = parse_feed(RSS_WITH_GUIDS, source=FEED_URL)
    assert (feed.kind, feed.title, feed.link) == (
        "rss",
        "Example News - World",
        "https://news.example.org/",
    )
    erbil = feed.entries[0]
    assert erbil.guid == "erbil-rockets-0129"
    assert erbil.link == "https://news.example.org/2024/01/29/erbil-rockets"
    assert erbil.title == "Two rockets struck near Erbil airport"
    assert (
        erbil.summary
        == "Two rockets struck near the airport\nNo group has claimed the attack & none was hurt."
    )
    assert erbil.published == "Mon, 29 Jan 2024 08:15:00 +0300"
    assert erbil.published_iso == "2024-01-29T08:15:00+03:00"
    assert erbil.author == "Baghdad desk"
    assert erbil.key == "guid:erbil-rockets-0129"


def test_rss_permalink_guid_is_the_link_when_there_is_no_link() -> None:
    drone = entry_titled(
        parse_feed(RSS_WITH_GUIDS, source=FEED_URL), "Drone downed over Kherson region"
    )
    assert drone.link == drone.guid == "https://news.example.org/2024/01/29/kherson-drone"
    assert drone.key == "guid:https://news.example.org/2024/01/29/kherson-drone"


def test_rss_guid_that_is_not_a_permalink_gives_no_link() -> None:
    doha = entry_titled(
        parse_feed(RSS_WITH_GUIDS, source=FEED_URL), "Ceasefire talks resume in Doha"
    )
    assert (doha.guid, doha.link, doha.key) == ("doha-talks-0129", None, "guid:doha-talks-0129")


def test_rss_without_guid_keys_on_the_link_resolved_against_the_feed_url() -> None:
    feed = parse_feed(RSS_WITHOUT_GUIDS, source="https://mod.example.gov/rss/press.xml")
    kharkiv = feed.entries[0]
    assert kharkiv.guid is None
    assert kharkiv.link == "https://mod.example.gov/press/kharkiv-shelling"
    assert kharkiv.key == "link:https://mod.example.gov/press/kharkiv-shelling"
    assert feed.link == "https://mod.example.gov/"


def test_entry_with_only_a_title_keys_on_a_hash_and_one_with_nothing_is_skipped() -> None:
    feed = parse_feed(RSS_WITHOUT_GUIDS, source=FEED_URL)
    assert [entry.title for entry in feed.entries] == [
        "Shelling reported in Kharkiv",
        "Statement on the border clashes",
    ]
    statement = feed.entries[1]
    expected = hashlib.sha256(b"Statement on the border clashes\x1f").hexdigest()
    assert statement.key == f"hash:{expected}"


def test_content_hash_ignores_spacing_but_not_wording() -> None:
    base = (
        b'<rss version="2.0"><channel><item><title>%s</title><link>https://a.example/1</link>'
        b"</item></channel></rss>"
    )
    one = parse_feed(base % b"Two rockets struck", source=FEED_URL).entries[0]
    spaced = parse_feed(base % b"  Two   rockets\n struck ", source=FEED_URL).entries[0]
    other = parse_feed(base % b"Three rockets struck", source=FEED_URL).entries[0]
    assert one.content_hash == spaced.content_hash != other.content_hash
    assert len(one.content_hash) == 64 and one.key == spaced.key == other.key


def test_atom_links_resolve_against_xml_base() -> None:
    feed = parse_feed(ATOM_WITH_BASES, source=FEED_URL)
    assert (feed.kind, feed.title, feed.link) == ("atom", "Wire World", "https://wire.example.com/")
    depot = feed.entries[0]
    assert depot.link == "https://wire.example.com/world/hodeidah-depot"
    assert depot.guid == "tag:wire.example.com,2024:4711"
    assert depot.summary == "Smoke rose over the port city."  # &nbsp; is a plain space
    assert depot.author == "Sana'a bureau"
    assert depot.published == "2024-01-29T08:15:00+03:00"
    assert depot.published_iso == "2024-01-29T08:15:00+03:00"
    rafah = feed.entries[1]
    assert rafah.link == "https://wire.example.com/middle-east/rafah-mortar"
    assert (rafah.published, rafah.published_iso) == (
        "2024-01-28T22:30:00Z",
        "2024-01-28T22:30:00+00:00",
    )


def test_atom_relative_link_without_xml_base_resolves_against_the_feed_url() -> None:
    entry = parse_feed(ATOM_RELATIVE_TO_FEED, source=FEED_URL).entries[0]
    assert entry.link == "https://news.example.org/2024/tal-afar"
    assert (entry.published, entry.published_iso) == ("2024-01-29", "2024-01-29")


def test_rdf_rss_1_0_feed() -> None:
    feed = parse_feed(RDF_FEED, source="https://ministry.example.gov/rss")
    assert (feed.kind, feed.title, feed.link) == (
        "rdf",
        "Ministry press releases",
        "https://ministry.example.gov/",
    )
    [entry] = feed.entries
    assert entry.title == "Border post attacked near Zakho"
    assert entry.link == "https://ministry.example.gov/press/2024-017"
    assert entry.summary == "Two soldiers were wounded."
    assert entry.published_iso == "2024-01-29T06:00:00+03:00"


def test_title_html_is_stripped_and_entities_unescaped() -> None:
    data = (
        b'<rss version="2.0"><channel><item><link>https://a.example/1</link>'
        b"<title>Strikes on &lt;b&gt;Gaza&lt;/b&gt; &amp;amp; Rafah &amp;#8211; update</title>"
        b"</item></channel></rss>"
    )
    assert (
        parse_feed(data, source=FEED_URL).entries[0].title
        == "Strikes on Gaza & Rafah \u2013 update"
    )


# --- duplicates and limits ------------------------------------------------------------


def test_duplicate_guid_in_one_feed_is_kept_once_the_first() -> None:
    data = b"""<rss version="2.0"><channel>
      <item><guid isPermaLink="false">id-1</guid><title>Clashes in Marib</title></item>
      <item><guid isPermaLink="false">id-2</guid><title>Curfew in Jenin</title></item>
      <item><guid isPermaLink="false">id-1</guid><title>Clashes in Marib (updated)</title></item>
    </channel></rss>"""
    feed = parse_feed(data, source=FEED_URL)
    assert [(e.guid, e.title) for e in feed.entries] == [
        ("id-1", "Clashes in Marib"),
        ("id-2", "Curfew in Jenin"),
    ]


def test_entries_past_max_entries_are_dropped() -> None:
    items = b"".join(
        b"<item><title>Report %d</title><link>https://a.example/%d</link></item>" % (n, n)
        for n in range(5)
    )
    data = b'<rss version="2.0"><channel>' + items + b"</channel></rss>"
    feed = parse_feed(data, source=FEED_URL, max_entries=3)
    assert [e.title for e in feed.entries] == ["Report 0", "Report 1", "Report 2"]
    assert len(parse_feed(data, source=FEED_URL).entries) == 5
    assert parse_feed(data, source=FEED_URL, max_entries=0).entries == ()


def test_negative_max_entries_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="max_entries"):
        parse_feed(RSS_WITH_GUIDS, source=FEED_URL, max_entries=-1)


# --- encodings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "title"),
    [
        pytest.param(
            "windows-1252", "Kämpfe bei Köln – „Lage unklar“", id="windows-1252 is read as declared"
        ),
        pytest.param("ISO-8859-1", "Kämpfe in Südtirol", id="ISO-8859-1 is read as declared"),
        pytest.param("ISO-8859-9", "Kämpfe in Ağrı", id="ISO-8859-9 (Turkish) is read as declared"),
        pytest.param("utf-8", "Kämpfe in Ağrı", id="utf-8 is read as declared"),
    ],
)
def test_declared_encoding_is_respected(encoding: str, title: str) -> None:
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>'
        f'<rss version="2.0"><channel><title>{title}</title>'
        f"<item><title>{title}</title><link>https://a.example/1</link></item></channel></rss>"
    )
    feed = parse_feed(text.encode(encoding), source=FEED_URL)
    assert feed.title == title
    assert feed.entries[0].title == title


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        pytest.param(
            "Mon, 29 Jan 2024 08:15:00 +0300",
            "2024-01-29T08:15:00+03:00",
            id="RFC 822 keeps its offset",
        ),
        pytest.param(
            "Mon, 29 Jan 2024 23:40:00 -0500",
            "2024-01-29T23:40:00-05:00",
            id="a late evening stays on its day",
        ),
        pytest.param(
            "Mon, 29 Jan 2024 08:15:00 GMT", "2024-01-29T08:15:00+00:00", id="GMT is offset zero"
        ),
        pytest.param(
            "29 Jan 2024 08:15 +0100", "2024-01-29T08:15:00+01:00", id="no weekday and no seconds"
        ),
        pytest.param(
            "2024-01-29T08:15:00+03:00", "2024-01-29T08:15:00+03:00", id="RFC 3339 keeps its offset"
        ),
        pytest.param(
            "2024-01-29T05:15:00Z", "2024-01-29T05:15:00+00:00", id="RFC 3339 Z is offset zero"
        ),
        pytest.param("2024-01-29", "2024-01-29", id="a bare day stays a day"),
        pytest.param("Sat, 31 Feb 2024 10:00:00 +0000", None, id="31 February is unreadable"),
        pytest.param("2024-02-31T10:00:00Z", None, id="ISO 31 February is unreadable"),
        pytest.param("last Tuesday", None, id="words are unreadable"),
    ],
)
def test_dates_keep_the_raw_string_and_the_feed_offset(raw: str, iso: str | None) -> None:
    data = (
        '<rss version="2.0"><channel><item><title>Clashes in Sudan</title>'
        f"<link>https://a.example/1</link><pubDate>{raw}</pubDate></item></channel></rss>"
    ).encode()
    [entry] = parse_feed(data, source=FEED_URL).entries
    assert entry.published == raw
    assert entry.published_iso == iso


# --- refusals: hostile XML --------------------------------------------------------------


class CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        CountingHandler.requests.append(self.path)
        body = b'<!ENTITY leak "fetched">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def dtd_server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 that records every request made to it."""
    CountingHandler.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def xxe_feed(target: str) -> bytes:
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{target}">]>'
        '<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title>'
        "<link>https://a.example/1</link><description>&xxe;</description></item></channel></rss>"
    ).encode()


def test_xxe_to_etc_passwd_is_refused_and_nothing_of_the_file_leaks() -> None:
    passwd = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace")
    first_line = passwd.splitlines()[0]
    error = rejection(xxe_feed("file:///etc/passwd"))
    assert error.reason == ENTITY_MESSAGE
    assert str(error) == f"{FEED_URL}: {ENTITY_MESSAGE}"
    assert first_line not in f"{error} {error!r} {error.__context__!r}"


def test_xxe_to_a_secret_file_is_refused_and_the_secret_never_appears(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SITREP-SECRET-7f3a", encoding="utf-8")
    error = rejection(xxe_feed(secret.as_uri()))
    assert error.reason == ENTITY_MESSAGE
    assert "SITREP-SECRET-7f3a" not in f"{error} {error!r} {error.__context__!r}"


def test_xxe_over_http_is_refused_without_a_request(dtd_server: str) -> None:
    assert rejection(xxe_feed(f"{dtd_server}/leak")).reason == ENTITY_MESSAGE
    assert CountingHandler.requests == []


def test_billion_laughs_is_refused() -> None:
    lol = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{lol}]>'
        '<rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>'
    ).encode()
    error = rejection(data)
    assert error.reason == ENTITY_MESSAGE
    assert isinstance(error, SitrepError) and error.source == FEED_URL


def test_parameter_entity_is_refused(dtd_server: str) -> None:
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % remote SYSTEM "{dtd_server}/p.dtd">'
        '%remote;]><rss version="2.0"><channel><title>t</title></channel></rss>'
    ).encode()
    assert rejection(data).reason == ENTITY_MESSAGE
    assert CountingHandler.requests == []


def test_external_dtd_is_refused_without_a_request(dtd_server: str) -> None:
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd_server}/rss.dtd">'
        '<rss version="2.0"><channel><title>Wire</title><item><title>&leak;</title>'
        "<link>https://a.example/1</link></item></channel></rss>"
    ).encode()
    error = rejection(data)
    assert error.reason.startswith("refused: the feed refers to an external DTD")
    assert "Sitrep does not fetch it" in error.reason
    assert CountingHandler.requests == []


def test_internal_doctype_without_entities_is_accepted() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ELEMENT rss ANY>]>'
        b'<rss version="2.0"><channel><item><title>Curfew in Jenin</title>'
        b"<link>https://a.example/1</link></item></channel></rss>"
    )
    assert parse_feed(data, source=FEED_URL).entries[0].title == "Curfew in Jenin"


# --- refusals: not a feed -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", "is not an RSS or Atom feed: it is empty", id="empty bytes"),
        pytest.param(b"  \n\t ", "is not an RSS or Atom feed: it is empty", id="only whitespace"),
        pytest.param(
            b'<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>Wire</channel>\n</rss>',
            "is not an RSS or Atom feed: not well-formed XML at line 3, column 23: mismatched tag",
            id="malformed XML names the line and column",
        ),
        pytest.param(
            b'<rss version="2.0"><channel><item><title>Caf&eacute; shelled</title></item>'
            b"</channel></rss>",
            "is not an RSS or Atom feed: not well-formed XML at line 1, column 45: "
            "undefined entity (an HTML name such as &nbsp; is not XML)",
            id="an HTML entity name in XML is named as such",
        ),
        pytest.param(
            b"<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>News</title></head>"
            b"<body><p>Rockets hit Erbil<br></body></html>",
            "is not an RSS or Atom feed: it is an HTML page (is the feed URL right?)",
            id="an HTML page given as a feed",
        ),
        pytest.param(
            b"\n  <html lang=en><body><p>Rockets hit Erbil</body></html>",
            "is not an RSS or Atom feed: it is an HTML page (is the feed URL right?)",
            id="an HTML page without a doctype",
        ),
        pytest.param(
            b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html><body/></html>',
            "is not an RSS or Atom feed: it is an HTML page (is the feed URL right?)",
            id="an XHTML page given as a feed",
        ),
        pytest.param(
            b'{"items": [{"title": "Rockets hit Erbil"}]}',
            "is not an RSS or Atom feed: it looks like JSON",
            id="JSON given as a feed",
        ),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "is not an RSS or Atom feed: not well-formed XML at line 1, column 1: "
            "not well-formed (invalid token)",
            id="binary bytes",
        ),
    ],
)
def test_bytes_that_are_not_xml_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    error = rejection(data, source="ministry-feed")
    assert error.reason == reason
    assert str(error) == f"ministry-feed: {reason}"


@pytest.mark.parametrize(
    ("data", "root"),
    [
        pytest.param(b"<foo><bar/></foo>", "<foo>", id="an unknown root element"),
        pytest.param(b"<html><body><p>Page</p></body></html>", "<html>", id="well-formed HTML"),
        pytest.param(
            b"<feed><entry/></feed>", "<feed>", id="a feed element outside the Atom namespace"
        ),
        pytest.param(
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            b'<rdf:Description rdf:about="x"/></rdf:RDF>',
            "<rdf:RDF>",
            id="RDF that is not RSS 1.0",
        ),
    ],
)
def test_xml_that_is_not_a_feed_names_its_root_element(data: bytes, root: str) -> None:
    error = rejection(data)
    assert error.reason == f"is XML but not an RSS or Atom feed (its root element is {root})"
