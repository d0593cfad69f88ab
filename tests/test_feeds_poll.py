"""Feeds: follow, list, poll (conditional GET, new entries only) and watch, against a real
HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import sitrep
from conftest import SITREP, run_sitrep
from webserver import RequestInfo, Response

ARTICLE = """<html><head><title>{title}</title></head><body><article>
<p>{body}</p><p>Officials gave no further details on {title}.</p></article></body></html>"""

STORIES = {
    "erbil": "Two rockets struck a base near Erbil airport on Sunday, injuring three people.",
    "kharkiv": "A Russian drone struck a building in Kharkiv overnight, killing two people.",
    "mogadishu": "A car bomb exploded near a checkpoint in Mogadishu on Saturday, killing five.",
    "sanaa": "Airstrikes hit the port of Hodeidah on Friday, wounding four workers, medics said.",
}


def rss(server, slugs: list[str]) -> str:
    items = "".join(
        f"<item><title>{slug.title()} attack</title><link>{server.url('/news/' + slug)}</link>"
        f"<guid>{slug}</guid><pubDate>Mon, 29 Jan 2024 08:15:00 +0300</pubDate>"
        f"<description>{STORIES[slug]}</description></item>"
        for slug in slugs
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Example Wire</title><link>{server.base}</link>{items}</channel></rss>"
    )


class ConditionalFeed:
    """A feed route that honours If-None-Match, like a real news site."""

    def __init__(self, server, slugs: list[str]) -> None:
        self.server = server
        self.slugs = slugs
        self.version = 1

    def __call__(self, request: RequestInfo) -> Response:
        etag = f'"v{self.version}"'
        if request.headers.get("if-none-match") == etag:
            return Response(304, b"", {"ETag": etag})
        body = rss(self.server, self.slugs)
        return Response(200, body, {"ETag": etag, "Content-Type": "application/rss+xml"})


def serve_articles(server) -> None:
    for slug, body in STORIES.items():
        server.route(f"/news/{slug}", ARTICLE.format(title=slug.title(), body=body))


def test_follow_poll_and_poll_again(db: str, server) -> None:
    serve_articles(server)
    feed = ConditionalFeed(server, ["erbil", "kharkiv"])
    server.route("/rss.xml", handler=feed)
    env = {"SITREP_ALLOW_PRIVATE": "true"}
    added = run_sitrep(
        "--db", db, "feeds", "add", server.url("/rss.xml"), "--interval", "1h", env=env
    )
    assert added.returncode == 0, added.stderr
    assert "following feed 1: Example Wire (every 1h); it lists 2 entries" in added.stdout
    again = run_sitrep("--db", db, "feeds", "add", server.url("/rss.xml"), env=env)
    assert again.returncode == 1 and "followed already" in again.stderr

    first = run_sitrep("--db", db, "feeds", "poll", "--json", env=env)
    assert first.returncode == 0, first.stderr
    [row] = [json.loads(line) for line in first.stdout.splitlines()]
    assert row["status"] == "ok" and row["new_entries"] == 2
    assert len(row["reports_added"]) == 2

    # Nothing changed: the server answers 304 and no article is fetched.
    fetched_before = len(server.requests)
    second = run_sitrep("--db", db, "feeds", "poll", "--json", env=env)
    [row] = [json.loads(line) for line in second.stdout.splitlines()]
    assert row["status"] == "not modified" and row["reports_added"] == []
    assert len(server.requests) == fetched_before + 1
    assert server.requests[-1].headers["if-none-match"] == '"v1"'

    # A new entry: only it is added.
    feed.slugs = ["mogadishu", "erbil", "kharkiv"]
    feed.version = 2
    third = run_sitrep("--db", db, "feeds", "poll", env=env)
    assert third.returncode == 0, third.stderr
    assert "3 entries, 1 new, 1 report(s) added" in third.stdout
    with sitrep.open(db) as store:
        reports = store.reports()
    assert len(reports) == 3
    by_url = {r.url: r for r in reports}
    mogadishu = by_url[server.url("/news/mogadishu")]
    assert mogadishu.publisher == "Example Wire"
    assert mogadishu.published == "2024-01-29T08:15:00+03:00"  # the feed's own day and offset

    listed = run_sitrep("--db", db, "feeds", "list", "--json")
    [info] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert info["reports_added"] == 3 and info["entries_seen"] == 3
    assert info["etag"] == '"v2"' and info["last_status"] == "ok"


def test_bad_feeds_are_reported_and_the_others_still_polled(db: str, server) -> None:
    serve_articles(server)
    server.route("/good.xml", rss(server, ["sanaa"]), content_type="application/rss+xml")
    server.route("/page.html", "<html><body><p>Not a feed</p></body></html>")
    server.route(
        "/xxe.xml",
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><title>&x;</title></channel></rss>",
    )
    server.route("/gone.xml", "", status=404)
    server.route(
        "/atom.xml",
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom Wire</title><id>urn:atom-wire</id><updated>2024-01-30T10:00:00Z</updated>"
        "<entry><title>Kharkiv</title><id>urn:kharkiv</id>"
        f'<link href="{server.url("/news/kharkiv")}"/>'
        "<updated>2024-01-30T09:00:00+02:00</updated><summary>Drone strike</summary>"
        "</entry></feed>",
        content_type="application/atom+xml",
    )
    env = {"SITREP_ALLOW_PRIVATE": "1"}
    for path in ("/page.html", "/xxe.xml", "/gone.xml", "/good.xml", "/atom.xml"):
        followed = run_sitrep(
            "--db", db, "feeds", "add", "--no-check", server.url(path), "--name", path, env=env
        )
        assert followed.returncode == 0, followed.stderr
    polled = run_sitrep("--db", db, "feeds", "poll", env=env)
    assert polled.returncode == 1
    lines = polled.stdout.splitlines()
    assert "not an RSS or Atom feed" in lines[0] and "html" in lines[0]
    assert "refused" in lines[1] and "entities" in lines[1]
    assert "root:" not in polled.stdout  # /etc/passwd was never read
    assert "404" in lines[2]
    assert "1 entries, 1 new, 1 report(s) added" in lines[3]
    assert "(/atom.xml): 1 entries, 1 new, 1 report(s) added" in lines[4]
    with sitrep.open(db) as store:
        found = {r.url: r.published for r in store.reports()}
    assert found == {
        server.url("/news/sanaa"): "2024-01-29T08:15:00+03:00",
        server.url("/news/kharkiv"): "2024-01-30T09:00:00+02:00",
    }


def test_an_entry_whose_article_fails_is_tried_again(db: str, server) -> None:
    server.route("/rss.xml", rss(server, ["erbil"]), content_type="application/rss+xml")
    env = {"SITREP_ALLOW_PRIVATE": "1"}
    run_sitrep("--db", db, "feeds", "add", server.url("/rss.xml"), env=env)
    first = run_sitrep("--db", db, "feeds", "poll", env=env)
    assert "1 failed (tried again next poll)" in first.stdout
    assert "404" in first.stderr
    serve_articles(server)
    second = run_sitrep("--db", db, "feeds", "poll", env=env)
    assert "1 entries, 1 new, 1 report(s) added" in second.stdout


def test_watch_polls_on_the_interval_and_stops_cleanly(db: str, server) -> None:
    serve_articles(server)
    feed = ConditionalFeed(server, ["erbil"])
    server.route("/rss.xml", handler=feed)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
    env["SITREP_ALLOW_PRIVATE"] = "1"
    run_sitrep("--db", db, "feeds", "add", server.url("/rss.xml"), "--interval", "1s", env=env)
    watcher = subprocess.Popen(
        [SITREP, "--db", db, "watch"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _wait_for_reports(db, 1), "watch added nothing"
        feed.slugs = ["kharkiv", "erbil"]
        feed.version = 2
        assert _wait_for_reports(db, 2), "watch did not pick up the new entry"
    finally:
        watcher.send_signal(signal.SIGINT)
        _out, err = watcher.communicate(timeout=60)
    assert watcher.returncode == 0, err
    assert "watching the feeds of" in err
    assert "1 report(s) added" in err
    assert "stopping (SIGINT)" in err and err.rstrip().endswith("stopped")
    with sitrep.open(db) as store:
        assert len(store.reports()) == 2  # what was stored stays intact


def _wait_for_reports(db: str, count: int, patience: float = 60.0) -> bool:
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        with sitrep.open(db) as store:
            if store.count_reports() >= count:
                return True
        time.sleep(0.3)
    return False
