"""`sitrep serve` and `sitrep users` through the real command, and adding reports by URL
and by feed from the web app, fetched from a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx
import pytest

import sitrep
from conftest import SITREP, run_sitrep
from webapp import client, csrf, free_port, login

ARTICLE = """<html><head><title>Drone strike near Aden</title></head><body><article>
<h1>Drone strike near Aden</h1>
<p>ADEN, Yemen (Aug. 7, 2024) - A drone struck a military truck near Aden on Monday,
killing two soldiers and wounding three, officials said. The Houthis were blamed.</p>
<p>Residents said the strike happened at dawn on the coastal road east of the city,
where government forces keep a checkpoint.</p>
</article></body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Local wire</title>
<item><title>Drone strike near Aden</title><link>{link}</link><guid>aden-1</guid>
<pubDate>Wed, 07 Aug 2024 09:00:00 +0000</pubDate></item></channel></rss>"""


def test_users_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "u.db")
    added = run_sitrep("--db", db, "users", "add", "ana", "--role", "admin", "--password-stdin",
                       stdin=b"a long enough password\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    short = run_sitrep("--db", db, "users", "add", "bo", "--password-stdin", stdin=b"short\n")
    assert short.returncode != 0 and "10 characters" in short.stderr
    twice = run_sitrep("--db", db, "users", "add", "ana", "--password-stdin",
                       stdin=b"a long enough password\n")  # fmt: skip
    assert twice.returncode != 0 and "already" in twice.stderr
    run_sitrep("--db", db, "users", "add", "vic", "--password-stdin", stdin=b"another password!\n")
    listed = run_sitrep("--db", db, "users", "list").stdout.splitlines()
    assert [line.split("\t")[:3] for line in listed] == [
        ["ana", "admin", "active"],
        ["vic", "viewer", "active"],
    ]
    token = run_sitrep("--db", db, "users", "token", "vic").stdout.strip()
    assert token.startswith("sitrep_")
    last_admin = run_sitrep("--db", db, "users", "disable", "ana")
    assert last_admin.returncode != 0 and "no admin" in last_admin.stderr
    assert run_sitrep("--db", db, "users", "disable", "vic").returncode == 0
    assert "disabled" in run_sitrep("--db", db, "users", "list").stdout.splitlines()[1]
    with sitrep.open(db) as store:
        c = client(store)
        assert c.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
        assert login(c, "ana", "a long enough password").status_code == 303


def test_serve_refuses_a_public_address_without_an_admin(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    refused = run_sitrep("--db", db, "serve", "--host", "0.0.0.0", "--port", "0")
    assert refused.returncode == 2 and "admin" in refused.stderr


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    assert run_sitrep("--db", db, "demo").returncode == 0
    port = free_port()
    proc = subprocess.Popen(
        [SITREP, "--db", db, "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                answer = httpx.get(base + "/api/incidents?limit=5", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("sitrep serve did not answer")
        assert answer.status_code == 200 and len(answer.json()["items"]) == 5
        assert httpx.get(base + "/", timeout=5).status_code == 200
        # only the loopback names are accepted (DNS rebinding)
        assert httpx.get(base + "/", headers={"Host": "evil.example"}, timeout=5).status_code == 400
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def wait_for(c, job_id: str) -> dict:
    for _ in range(200):
        job = c.get(f"/api/jobs/{job_id}").json()
        if job["finished"]:
            return job
        time.sleep(0.05)
    raise AssertionError("the job did not finish")


def test_adding_by_url_and_by_feed(tmp_path: Path, server) -> None:
    server.route("/news/aden.html", ARTICLE)
    server.route("/broken.html", "<html>gone</html>", status=500)
    server.route("/feed.xml", FEED.format(link=server.url("/news/aden.html")),
                 content_type="application/rss+xml")  # fmt: skip
    with sitrep.open(str(tmp_path / "j.db")) as store:
        c = client(store, fetch_private=True)
        h = {"X-CSRF-Token": csrf(c)}
        made = c.post(
            "/api/jobs",
            json={"urls": [server.url("/news/aden.html"), server.url("/broken.html"), "ftp://x"]},
            headers=h,
        )
        assert made.status_code == 202
        job = wait_for(c, made.json()["id"])
        states = {i["source"]: i for i in job["items"]}
        good = states[server.url("/news/aden.html")]
        assert good["state"] == "done" and good["incidents"] >= 1
        assert states[server.url("/broken.html")]["state"] == "failed"
        assert "500" in (states[server.url("/broken.html")]["error"] or "")
        assert states["ftp://x"]["state"] == "failed"
        report = store.report(good["report_id"])
        assert report.title == "Drone strike near Aden"
        assert {e.who for e in store.audit("report", report.id)} == {"tester"}

        followed = c.post("/api/jobs", json={"feed": server.url("/feed.xml")}, headers=h)
        job = wait_for(c, followed.json()["id"])
        assert job["error"] is None
        # the feed's one article was added before (by URL): stored once, linked to the feed
        assert [i["report_id"] for i in job["items"]] == [good["report_id"]]
        again = c.post("/api/jobs", json={"feed": server.url("/feed.xml")}, headers=h)
        assert again.status_code == 409

        # Without fetch_private, a private address is refused, plainly, per URL.
        strict = client(store)
        job = strict.post(
            "/api/jobs",
            json={"urls": [server.url("/news/aden.html")]},
            headers={"X-CSRF-Token": csrf(strict)},
        ).json()
        done = wait_for(strict, job["id"])
        assert done["items"][0]["state"] == "failed"
        assert "private" in done["items"][0]["error"] or "loopback" in done["items"][0]["error"]
