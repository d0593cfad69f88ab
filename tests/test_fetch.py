"""Fetching pages over real HTTP from a local server: what comes back, and what is refused."""

from __future__ import annotations

import gzip
import itertools
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from datetime import timedelta

import brotli
import pytest

from sitrep import __version__
from sitrep.errors import SitrepError
from sitrep.ingest.fetch import (
    MIB,
    Fetched,
    Fetcher,
    FetchError,
    FetchPolicy,
    check_url,
    fetch_many,
)
from webserver import LocalServer, RequestInfo, Response

PAGE = "<html><body><p>Two rockets hit the base near Erbil on Monday.</p></body></html>"
LOCAL = FetchPolicy(allow_private=True)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as s:
        yield s


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(LOCAL) as f:
        yield f


# --- pages --------------------------------------------------------------------------------


def test_a_page_comes_back_with_its_metadata(server: LocalServer, fetcher: Fetcher) -> None:
    server.route(
        "/news.html",
        PAGE,
        content_type='text/HTML; Charset="UTF-8"',
        headers={"ETag": '"v1"', "Last-Modified": "Mon, 02 Mar 2026 10:00:00 GMT"},
    )
    page = fetcher.get(server.url("/news.html#top"))
    assert page.status == 200
    assert page.body == PAGE.encode()
    assert (page.media_type, page.charset) == ("text/html", "utf-8")
    assert page.url == server.url("/news.html#top")
    assert page.final_url == server.url("/news.html")
    assert page.redirects == ()
    assert page.headers["etag"] == '"v1"'
    assert page.headers["last-modified"] == "Mon, 02 Mar 2026 10:00:00 GMT"
    assert page.retrieved_at.utcoffset() == timedelta(0)
    assert not page.not_modified


def test_the_request_names_sitrep_and_asks_for_compression(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.route("/", PAGE)
    fetcher.get(server.url("/"))
    sent = server.requests[0].headers
    assert sent["user-agent"] == f"Sitrep/{__version__} (open-source conflict-event tracker)"
    assert sent["accept-encoding"] == "gzip, deflate, br"


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        pytest.param("gzip", gzip.compress, id="gzip is decoded"),
        pytest.param("br", brotli.compress, id="brotli is decoded"),
        pytest.param("deflate", zlib.compress, id="zlib-wrapped deflate is decoded"),
        pytest.param(
            "deflate",
            lambda data: zlib.compress(data, wbits=-15),
            id="raw deflate is decoded too",
        ),
        pytest.param(
            "gzip",
            lambda data: gzip.compress(data[:10]) + gzip.compress(data[10:]),
            id="a gzip body of two members is decoded whole",
        ),
        pytest.param(
            "gzip, br",
            lambda data: brotli.compress(gzip.compress(data)),
            id="stacked encodings are undone in reverse order",
        ),
    ],
)
def test_compressed_bodies_are_decoded(
    server: LocalServer, fetcher: Fetcher, encoding: str, encode: object
) -> None:
    big = (PAGE * 2000).encode()  # larger than one decoding step
    assert callable(encode)
    server.route("/z", encode(big), headers={"Content-Encoding": encoding})
    assert fetcher.get(server.url("/z")).body == big


def test_an_unknown_content_encoding_is_refused(server: LocalServer, fetcher: Fetcher) -> None:
    server.route("/z", b"\x28\xb5\x2f\xfd", headers={"Content-Encoding": "zstd"})
    with pytest.raises(FetchError, match="'zstd', which Sitrep cannot decode"):
        fetcher.get(server.url("/z"))


def test_a_corrupt_gzip_body_is_refused(server: LocalServer, fetcher: Fetcher) -> None:
    server.route("/z", b"this is not gzip at all", headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="not valid gzip data"):
        fetcher.get(server.url("/z"))


# --- redirects ----------------------------------------------------------------------------


def _chain(server: LocalServer, hops: int) -> str:
    for i in range(hops):
        server.route(f"/hop{i}", status=302, headers={"Location": f"/hop{i + 1}"})
    server.route(f"/hop{hops}", PAGE)
    return server.url("/hop0")


def test_a_redirect_chain_is_followed(server: LocalServer, fetcher: Fetcher) -> None:
    page = fetcher.get(_chain(server, 5))
    assert page.body == PAGE.encode()
    assert page.final_url == server.url("/hop5")
    assert page.redirects == tuple(server.url(f"/hop{i}") for i in range(5))


def test_more_than_five_redirects_are_refused(server: LocalServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.get(_chain(server, 6))
    assert len(server.requests) == 6  # the sixth redirect is not followed


def test_a_redirect_to_a_file_is_refused(server: LocalServer, fetcher: Fetcher) -> None:
    server.route("/r", status=301, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/r"))
    assert "file:///etc/passwd" in caught.value.reason
    assert "only http and https URLs are fetched, not 'file'" in caught.value.reason


def test_a_redirect_without_location_is_an_error(server: LocalServer, fetcher: Fetcher) -> None:
    server.route("/r", status=302)
    with pytest.raises(FetchError, match="302 Found without saying where to go"):
        fetcher.get(server.url("/r"))


# --- addresses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "said"),
    [
        pytest.param("http://127.0.0.1/", "127.0.0.1 is a loopback", id="loopback"),
        pytest.param("http://[::1]:8080/", "::1 is a loopback", id="IPv6 loopback"),
        pytest.param("http://0.0.0.0/", "0.0.0.0 is an unspecified", id="unspecified"),
        pytest.param("http://10.1.2.3/x", "10.1.2.3 is a private", id="private 10/8"),
        pytest.param("http://192.168.1.1/", "192.168.1.1 is a private", id="private 192.168/16"),
        pytest.param(
            "http://169.254.169.254/latest/meta-data",
            "169.254.169.254 is a link-local",
            id="cloud metadata is link-local",
        ),
        pytest.param(
            "http://[::ffff:127.0.0.1]/",
            "::ffff:7f00:1 (that is 127.0.0.1) is a loopback",
            id="IPv4-mapped IPv6",
        ),
        pytest.param("http://[fe80::1]/", "fe80::1 is a link-local", id="IPv6 link-local"),
        pytest.param("http://224.0.0.1/", "224.0.0.1 is a multicast", id="multicast"),
        pytest.param("http://100.64.0.1/", "100.64.0.1 is not a public", id="shared space"),
    ],
)
def test_check_url_refuses_addresses_that_are_not_public(url: str, said: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_url(url)
    assert f"refused: the address {said} address" in str(caught.value)
    assert "allow_private" in caught.value.reason


def test_check_url_allows_private_addresses_when_asked() -> None:
    assert check_url("http://10.1.2.3/x", allow_private=True) == "http://10.1.2.3/x"


@pytest.mark.parametrize("url", ["http://0.0.0.0/", "http://[ff02::1]/"])
def test_unspecified_and_multicast_are_never_allowed(url: str) -> None:
    with pytest.raises(FetchError, match="refused"):
        check_url(url, allow_private=True)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        pytest.param("file:///etc/passwd", "not 'file'", id="file"),
        pytest.param("ftp://example.org/a", "not 'ftp'", id="ftp"),
        pytest.param("gopher://example.org/", "not 'gopher'", id="gopher"),
        pytest.param("example.org/news", "only http and https", id="no scheme"),
        pytest.param("http:///news", "no host name", id="no host"),
    ],
)
def test_check_url_refuses_other_schemes_and_hostless_urls(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason) as caught:
        check_url(url)
    assert isinstance(caught.value, SitrepError)
    assert caught.value.url == url
    assert str(caught.value) == f"{url}: {caught.value.reason}"


def test_check_url_normalises() -> None:
    assert check_url("  https://example.org/a?b=1#top \n") == "https://example.org/a?b=1"


def test_the_default_policy_refuses_loopback_before_connecting(server: LocalServer) -> None:
    server.route("/", PAGE)
    with Fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/"))
    assert caught.value.reason == (
        "refused: the address 127.0.0.1 is a loopback address; Sitrep fetches only public "
        "addresses unless private addresses are allowed (setting allow_private)"
    )
    assert server.requests == []


@pytest.mark.parametrize(
    "host",
    [
        pytest.param("localhost", id="a name that resolves to loopback"),
        pytest.param("2130706433", id="a decimal IPv4 the resolver reads as 127.0.0.1"),
        pytest.param("0x7f.1", id="a hex IPv4 the resolver reads as 127.0.0.1"),
    ],
)
def test_the_resolved_address_is_checked_where_the_connection_is_made(
    server: LocalServer, host: str
) -> None:
    server.route("/", PAGE)
    url = server.url("/").replace("127.0.0.1", host)
    assert check_url(url) == url  # no DNS in check_url: the connection is the gate
    with Fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert f"refused: {host} resolves to 127.0.0.1, a loopback address" in caught.value.reason
    assert server.requests == []


def test_a_redirect_to_a_private_address_is_refused(server: LocalServer) -> None:
    """One intranet host is allowed; its redirect to another private host is refused at the
    hop, and nothing is asked of that host."""
    server.route("/page", PAGE)
    elsewhere = server.url("/page").replace("127.0.0.1", "localhost")
    server.route("/hop", handler=lambda _r: Response(302, b"", {"Location": elsewhere}))
    policy = FetchPolicy(allow_hosts=frozenset({"127.0.0.1"}))
    with Fetcher(policy) as fetcher:
        assert fetcher.get(server.url("/page")).body == PAGE.encode()
        with pytest.raises(FetchError) as caught:
            fetcher.get(server.url("/hop"))
    assert f"redirected to {elsewhere}, which was refused" in caught.value.reason
    assert "localhost resolves to 127.0.0.1, a loopback address" in caught.value.reason
    assert [r.path for r in server.requests] == ["/page", "/hop"]


def test_a_private_address_is_fetched_when_allowed(server: LocalServer, fetcher: Fetcher) -> None:
    server.route("/", PAGE)
    url = server.url("/").replace("127.0.0.1", "localhost")
    assert fetcher.get(url).body == PAGE.encode()


# --- failures -----------------------------------------------------------------------------


def test_a_slow_server_times_out(server: LocalServer) -> None:
    server.route("/slow", PAGE, delay=3.0)
    policy = FetchPolicy(allow_private=True, read_timeout=0.5)
    with Fetcher(policy) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/slow"))
    assert "timed out (no answer within 0.5 s)" in caught.value.reason


def _trickle(pieces: int, gap: float) -> Iterator[bytes]:
    """A body sent one small piece at a time, ``gap`` seconds apart."""
    yield b"<html><body>"
    for _ in range(pieces):
        time.sleep(gap)
        yield b"<p>x</p>"
    yield b"</body></html>"


def test_a_server_trickling_its_body_is_cut_off_after_the_total_time(
    server: LocalServer,
) -> None:
    # Each piece comes well within read_timeout; only the fetch as a whole is too slow.
    server.route("/drip", handler=lambda request: Response(200, _trickle(20, 0.3)))
    policy = FetchPolicy(allow_private=True, read_timeout=2.0, total_timeout=1.0)
    with Fetcher(policy) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/drip"))
    assert caught.value.reason == (
        "took longer than 1 s in all; the server is sending too slowly (setting total_timeout)"
    )


def test_slow_redirects_count_towards_the_total_time(server: LocalServer) -> None:
    for hop, target in (("/a", "/b"), ("/b", "/c"), ("/c", "/d")):
        server.route(hop, status=302, headers={"Location": target}, delay=0.4)
    server.route("/d", PAGE)
    policy = FetchPolicy(allow_private=True, read_timeout=2.0, total_timeout=1.0)
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match="took longer than 1 s"):
        fetcher.get(server.url("/a"))


def test_a_trickling_body_within_the_total_time_comes_back_whole(server: LocalServer) -> None:
    server.route("/drip", handler=lambda request: Response(200, _trickle(3, 0.1)))
    policy = FetchPolicy(allow_private=True, read_timeout=2.0, total_timeout=30.0)
    with Fetcher(policy) as fetcher:
        body = fetcher.get(server.url("/drip")).body
    assert body == b"<html><body>" + b"<p>x</p>" * 3 + b"</body></html>"


@pytest.mark.parametrize(
    ("status", "said"),
    [
        pytest.param(404, "the server answered 404 Not Found (check the URL)", id="404"),
        pytest.param(
            500, "the server answered 500 Internal Server Error (the site has a problem", id="500"
        ),
        pytest.param(403, "the server answered 403 Forbidden", id="403"),
    ],
)
def test_http_errors_are_fetch_errors(
    server: LocalServer, fetcher: Fetcher, status: int, said: str
) -> None:
    server.route("/e", "oops", status=status)
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/e"))
    assert caught.value.reason.startswith(said)


def test_an_unknown_path_is_a_404(server: LocalServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="404 Not Found"):
        fetcher.get(server.url("/nothing-here"))


def test_a_refused_connection_is_a_fetch_error(fetcher: Fetcher) -> None:
    with socket.socket() as s:  # a port that was free a moment ago and has no listener
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="the connection was refused"):
        fetcher.get(f"http://127.0.0.1:{port}/")


def test_a_host_that_does_not_exist_is_a_fetch_error(fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match=r"the host name sitrep-test\.invalid could not be found"):
        fetcher.get("http://sitrep-test.invalid/news")


def test_a_tls_failure_is_a_fetch_error(fetcher: Fetcher) -> None:
    # A listener that answers the TLS greeting with plain text, then hangs up.
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def answer() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        with pytest.raises(FetchError, match=r"the secure connection \(TLS\) failed"):
            fetcher.get(f"https://127.0.0.1:{port}/")
    finally:
        thread.join(timeout=10)
        listener.close()


def test_a_wrong_media_type_is_refused(server: LocalServer, fetcher: Fetcher) -> None:
    server.route("/pic", b"\x89PNG\r\n", content_type="image/png")
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/pic"), media_types=["text/html", "application/xhtml+xml"])
    assert caught.value.reason == (
        "the server sent image/png, not a page Sitrep reads (application/xhtml+xml, text/html)"
    )


def test_a_listed_media_type_is_accepted(server: LocalServer, fetcher: Fetcher) -> None:
    server.route("/feed", "<rss/>", content_type="application/rss+xml")
    page = fetcher.get(server.url("/feed"), media_types={"application/rss+xml"})
    assert page.media_type == "application/rss+xml"
    assert page.charset is None


# --- size caps ----------------------------------------------------------------------------

SMALL = FetchPolicy(allow_private=True, max_bytes=1 * MIB, max_decoded_bytes=2 * MIB)


def test_a_content_length_above_the_cap_is_refused_before_reading(server: LocalServer) -> None:
    server.route("/big", b"x" * (2 * MIB))
    with Fetcher(SMALL) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/big"))
    assert "the page is 2,097,152 bytes, larger than the 1 MiB limit" in caught.value.reason


def test_a_chunked_body_above_the_cap_is_refused(server: LocalServer) -> None:
    def endless(_: RequestInfo) -> Response:
        return Response(200, (b"x" * 65536 for _ in range(1000)), {"Content-Type": "text/html"})

    server.route("/big", handler=endless)
    with Fetcher(SMALL) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/big"))
    assert "larger than the 1 MiB limit" in caught.value.reason
    assert "content-length" not in server.requests[0].headers  # it really was chunked


def _zeros_compressed(compressor: zlib._Compress, mib: int) -> bytes:
    block = bytes(MIB)
    return b"".join(compressor.compress(block) for _ in range(mib)) + compressor.flush()


def test_a_gzip_bomb_is_refused_without_holding_it(server: LocalServer) -> None:
    bomb = _zeros_compressed(zlib.compressobj(9, zlib.DEFLATED, 31), 200)  # 200 MiB of zeros
    assert len(bomb) < MIB
    server.route("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with Fetcher(LOCAL) as fetcher, pytest.raises(FetchError) as caught:
            fetcher.get(server.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "decompresses to more than 50 MiB (a compression bomb?)" in caught.value.reason
    # The 50 MiB kept before refusing, plus small steps: never the 200 MiB.
    assert peak < 60 * MIB


def test_a_brotli_bomb_is_refused_at_the_decoded_cap(server: LocalServer) -> None:
    bomb = brotli.compress(bytes(64 * MIB), quality=5)
    server.route("/bomb", bomb, headers={"Content-Encoding": "br"})
    tracemalloc.start()
    try:
        with Fetcher(SMALL) as fetcher, pytest.raises(FetchError) as caught:
            fetcher.get(server.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "decompresses to more than 2 MiB" in caught.value.reason
    assert peak < 8 * MIB


# --- conditional GET ----------------------------------------------------------------------


def test_a_second_get_with_the_etag_is_not_modified(server: LocalServer, fetcher: Fetcher) -> None:
    def page(request: RequestInfo) -> Response:
        if request.headers.get("if-none-match") == '"v7"':
            return Response(304, b"", {"ETag": '"v7"'})
        return Response(200, PAGE, {"ETag": '"v7"', "Content-Type": "text/html"})

    server.route("/p", handler=page)
    first = fetcher.get(server.url("/p"))
    second = fetcher.get(server.url("/p"), etag=first.headers["etag"])
    assert (first.status, first.not_modified) == (200, False)
    assert (second.status, second.not_modified, second.body) == (304, True, b"")
    assert "if-none-match" not in server.requests[0].headers


def test_last_modified_is_sent_as_if_modified_since(server: LocalServer, fetcher: Fetcher) -> None:
    server.route("/p", status=304)
    when = "Mon, 02 Mar 2026 10:00:00 GMT"
    assert fetcher.get(server.url("/p"), last_modified=when).not_modified
    assert server.requests[0].headers["if-modified-since"] == when


# --- many at once -------------------------------------------------------------------------


def test_fetch_many_reports_every_url_and_keeps_to_per_host(server: LocalServer) -> None:
    lock = threading.Lock()
    now = most = 0

    def counted(request: RequestInfo) -> Response:
        nonlocal now, most
        with lock:
            now += 1
            most = max(most, now)
        time.sleep(0.05)
        with lock:
            now -= 1
        return Response(200, request.path, {"Content-Type": "text/plain"})

    for i in range(19):
        server.route(f"/n{i}", handler=counted)
    urls = [server.url(f"/n{i}") for i in range(19)] + [server.url("/missing")]
    with Fetcher(LOCAL) as fetcher:
        results = dict(fetch_many(fetcher, urls, workers=8, per_host=2))
    assert set(results) == set(urls)
    failed = {url for url, result in results.items() if isinstance(result, FetchError)}
    assert failed == {server.url("/missing")}
    for url, result in results.items():
        if url not in failed:
            assert isinstance(result, Fetched)
            assert result.body == url.removeprefix(server.base).encode()
    assert most <= 2


def test_fetch_many_runs_fetches_to_one_host_side_by_side(server: LocalServer) -> None:
    # Each request waits for the other: both succeed only if they are in flight together.
    meet = threading.Barrier(2, timeout=10)

    def together(request: RequestInfo) -> Response:
        meet.wait()
        return Response(200, "ok", {"Content-Type": "text/plain"})

    server.route("/a", handler=together)
    server.route("/b", handler=together)
    with Fetcher(LOCAL) as fetcher:
        results = list(fetch_many(fetcher, [server.url("/a"), server.url("/b")], per_host=2))
    assert all(isinstance(result, Fetched) for _, result in results)


def test_fetch_many_takes_urls_as_needed(server: LocalServer) -> None:
    server.route("/n", "ok", content_type="text/plain")
    taken = 0

    def endless() -> Iterator[str]:
        nonlocal taken
        for i in itertools.count():
            taken += 1
            yield server.url(f"/n?i={i}")

    with Fetcher(LOCAL) as fetcher:
        results = fetch_many(fetcher, endless(), workers=2)
        _url, first = next(results)
        results.close()
    assert isinstance(first, Fetched)
    assert taken <= 2 * 4 + 1


def test_fetch_many_reports_refused_urls_without_stopping(server: LocalServer) -> None:
    server.route("/ok", "ok", content_type="text/plain")
    urls = ["file:///etc/passwd", "not a url", server.url("/ok")]
    with Fetcher(LOCAL) as fetcher:
        results = dict(fetch_many(fetcher, urls))
    assert isinstance(results["file:///etc/passwd"], FetchError)
    assert isinstance(results["not a url"], FetchError)
    assert isinstance(results[server.url("/ok")], Fetched)
