"""The JSON API (sitrep.web), on SQLite and PostgreSQL: lists, filters and cursors,
one incident whole, reports and their spans, review actions, the map, errors, and who
may do what. The expected answers are worked out here from the store's own lists."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest

import sitrep
from exportdata import fill
from sitrep.models import Incident
from webapp import PASSWORD, client, csrf, login, make_user

XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture
def filled(db: str):
    store = sitrep.open(db)
    try:
        data = fill(store)
        yield store, data, client(store)
    finally:
        store.close()


def all_pages(c: Any, query: str, limit: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        url = f"/api/incidents?limit={limit}&{query}" + (f"&cursor={cursor}" if cursor else "")
        answer = c.get(url)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the cursors never ended")


def expected_order(incidents: list[Incident], sort: str) -> list[int]:
    name = sort.lstrip("-")
    descending = sort.startswith("-")

    def value(i: Incident) -> Any:
        if name == "date":
            return i.date.start if i.date and i.date.start else None
        if name == "killed":
            return i.killed.best if i.killed else None
        return i.id

    known = [i for i in incidents if value(i) is not None]
    unknown = [i for i in incidents if value(i) is None]
    known.sort(key=lambda i: (value(i), i.id), reverse=descending)
    unknown.sort(key=lambda i: i.id or 0, reverse=descending)
    return [int(i.id or 0) for i in known + unknown]


@pytest.mark.parametrize("sort", ["-date", "date", "-killed", "killed", "id", "-id"])
def test_pages_walk_every_incident_once_in_order(filled, sort: str) -> None:
    store, _, c = filled
    active = store.incidents()
    for limit in (1, 4, 50):
        got = [i["id"] for i in all_pages(c, f"sort={sort}", limit)]
        assert got == expected_order(active, sort), (sort, limit)


def test_filters_and_totals(filled) -> None:
    store, data, c = filled
    active = store.incidents()
    body = c.get("/api/incidents?limit=500").json()
    assert body["total"] == len(active) and body["total_is_lower_bound"] is False
    somali = c.get("/api/incidents?country=Somalia&limit=500").json()
    expected = {i.id for i in active if i.location and i.location.country_code == "SOM"}
    assert {i["id"] for i in somali["items"]} == expected and somali["total"] == len(expected)
    drones = c.get("/api/incidents?weapon=drone&limit=500").json()["items"]
    assert drones and {i["id"] for i in drones} == {i.id for i in active if "drone" in i.weapons}
    heavy = c.get("/api/incidents?min_killed=3&limit=500").json()["items"]
    want = {
        i.id
        for i in active
        if i.killed and (i.killed.best if i.killed.best is not None else i.killed.low or 0) >= 3
    }
    assert {i["id"] for i in heavy} == want and want
    # a box around Somalia: incidents with coordinates inside it
    box = c.get("/api/incidents?bbox=40,-2,52,12&limit=500").json()["items"]
    inside = {
        i.id
        for i in active
        if i.location
        and i.location.latitude is not None
        and -2 <= i.location.latitude <= 12
        and 40 <= (i.location.longitude or 0) <= 52
    }
    assert {i["id"] for i in box} == inside and inside
    everything = c.get("/api/incidents?status=all&limit=500").json()
    assert data.rejected.id in {i["id"] for i in everything["items"]}
    # an empty value filters nothing (an HTML form's empty fields)
    assert c.get("/api/incidents?from=&country=&limit=500").json()["total"] == len(active)


def test_words_in_the_reports_find_their_incidents(filled) -> None:
    store, _, c = filled
    found = c.get("/api/incidents?q=Ardmore%20Encounter&limit=500").json()["items"]
    assert found
    for item in found:
        incident = store.incident(item["id"])
        texts = " ".join(store.report(r).text for r in incident.report_ids).lower()
        assert "ardmore" in texts and "encounter" in texts
    assert c.get("/api/incidents?q=zzzqqqxxx").json()["items"] == []
    quotes = c.get('/api/incidents?q="Ardmore" OR (x').json()  # syntax is not passed on
    assert quotes["items"] == [] or all(i["id"] for i in quotes["items"])
    reports = c.get("/api/reports?q=ardmore").json()["items"]
    assert reports and all("ardmore" in store.report(r["id"]).text.lower() for r in reports)


def test_one_incident_whole(filled) -> None:
    store, data, c = filled
    merged = data.merged
    body = c.get(f"/api/incidents/{merged.code}").json()
    assert body["id"] == merged.id and body["summary"]["code"] == merged.code
    assert len(body["sources"]) == 2 and all(s["quotes"] for s in body["sources"])
    for source in body["sources"]:
        text = store.report(source["id"]).text
        for q in source["quotes"]:
            assert text[q["start"] : q["end"]] == q["quote"]
    assert len(body["members"]) == 2
    assert any(e["action"] == "merge" for e in body["history"])
    assert c.get(f"/api/incidents/{merged.id}").json()["code"] == merged.code
    # The page shows the same: sources with their quotes, claims, the audit log.
    html = c.get(f"/incidents/{merged.code}").text
    for source in body["sources"]:
        assert f'href="/reports/{source["id"]}"' in html
    assert body["claims"] and 'id="claims"' in html
    for claim in body["claims"]:
        assert claim["actor"] in html
    assert html.count("<tr>") >= len(body["history"])


def test_a_report_with_its_spans(filled) -> None:
    store, _, c = filled
    report = store.report(store.reports()[0].id or 0)
    body = c.get(f"/api/reports/{report.id}").json()
    assert body["report"]["text"] == report.text and body["spans"]
    for span in body["spans"]:
        assert report.text[span["start"] : span["end"]] == span["quote"]
        assert span["incident_id"] or span["aggregate_id"]
    assert {i["id"] for i in body["incidents"]} >= {
        s["incident_id"] for s in body["spans"] if s["incident_id"]
    }


def test_adding_text_and_files(filled) -> None:
    store, _, c = filled
    token = csrf(c)
    text = "Gunmen killed two villagers in Marib yesterday, officials said."
    answer = c.post(
        "/api/reports",
        json={"text": text, "title": "Marib attack", "published": "2024-08-07"},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 201, answer.text
    added = answer.json()["added"]
    assert added["incidents"] >= 1 and added["new"]
    incident = store.incidents(report_id=added["report_id"])[0]
    assert incident.date and incident.date.start == dt.date(2024, 8, 6)
    upload = c.post(
        "/api/reports/upload",
        files={"file": ("story.txt", io.BytesIO(b"A drone struck a truck near Aden on Monday."))},
        data={"published": "2024-08-07"},
        headers={"X-CSRF-Token": token},
    )
    assert upload.status_code == 201, upload.text
    assert upload.json()["added"]["source"] == "story.txt"
    empty = c.post(
        "/api/reports/upload",
        files={"file": ("empty.txt", io.BytesIO(b"   "))},
        headers={"X-CSRF-Token": token},
    )
    assert empty.status_code == 400 and "empty" in empty.json()["error"]["message"]


def test_review_actions_are_recorded_under_the_user(filled) -> None:
    store, data, c = filled
    token = csrf(c)
    h = {"X-CSRF-Token": token}
    one = next(i for i in store.incidents() if i.status == "candidate" and i.id != data.merged.id)
    answer = c.post(
        f"/api/incidents/{one.id}/status", json={"status": "confirmed", "version": 1}, headers=h
    )
    assert answer.status_code == 200 and answer.json()["status"] == "confirmed"
    stale = c.post(
        f"/api/incidents/{one.id}/status", json={"status": "rejected", "version": 1}, headers=h
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    before = store.incident(one.id).killed
    edit = c.post(
        f"/api/incidents/{one.id}/fields/killed", json={"action": "edit", "value": "3-5"}, headers=h
    )
    assert edit.status_code == 200 and edit.json()["killed_text"] == "3-5"
    history = store.history(store.incident(one.id))
    assert {e.who for e in history if e.action != "create"} == {"tester"}
    undone = c.post("/api/undo", json={}, headers=h)
    assert undone.status_code == 200
    assert store.incident(one.id).killed == before  # the edit is undone
    a, b = [i for i in store.incidents() if i.status == "candidate"][:2]
    merged = c.post("/api/incidents/merge", json={"ids": [a.code, str(b.id)]}, headers=h)
    assert merged.status_code == 200, merged.text
    parent = merged.json()["id"]
    assert store.incident(a.id).status == "merged" and store.incident(a.id).merged_into == parent
    split = c.post(f"/api/incidents/{parent}/split", json={"members": [str(a.id)]}, headers=h)
    assert split.status_code == 200 and store.incident(a.id).status != "merged"


def test_changes_need_the_csrf_token(filled) -> None:
    store, _, c = filled
    one = store.incidents()[0]
    csrf(c)  # the cookie is there, but the header is not
    refused = c.post(f"/api/incidents/{one.id}/status", json={"status": "confirmed"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]["message"]
    forged = c.post(
        f"/api/incidents/{one.id}/status",
        json={"status": "confirmed"},
        headers={"X-CSRF-Token": "forged"},
    )
    assert forged.status_code == 403
    assert store.incident(one.id).status == "candidate"


def test_one_error_shape(filled) -> None:
    _, _, c = filled
    cases = {
        "/api/incidents/999999": 404,
        "/api/incidents?limit=0": 422,
        "/api/incidents?from=2024-02-31": 400,
        "/api/incidents?cursor=not-a-cursor": 400,
        "/api/incidents?sort=colour": 400,
        "/api/incidents?bbox=1,2,3": 400,
        "/api/incidents?weapon=catapult": 400,
        "/api/stats?by=hour": 400,
        "/api/nothing": 404,
    }
    for url, status in cases.items():
        answer = c.get(url)
        assert answer.status_code == status, (url, answer.text)
        error = answer.json()["error"]
        assert error["status"] == status and error["code"] and error["message"], url
    # ... and the OpenAPI schema says so for every operation.
    schema = c.get("/openapi.json").json()
    documented = schema["components"]["schemas"]["ErrorResponse"]
    assert documented["properties"].keys() == {"error"}
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            error = operation["responses"]["422"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/ErrorResponse"}, path
    message = c.get("/api/incidents?from=2024-02-31").json()["error"]["message"]
    assert "2024-02-31" in message and "not a date" in message


def test_map_groups_add_up(filled) -> None:
    store, _, c = filled
    active = store.incidents()
    world = c.get("/api/map?zoom=2").json()
    assert world["total"] == len(active)
    assert {g["kind"] for g in world["groups"]} == {"country"}
    somalia = next(g for g in world["groups"] if g["country_code"] == "SOM")
    assert somalia["iso_numeric"] == 706
    close = c.get("/api/map?zoom=6&bbox=40,-2,52,12").json()
    placed = [
        i
        for i in active
        if i.location
        and i.location.latitude is not None
        and -2 <= i.location.latitude <= 12
        and 40 <= (i.location.longitude or 0) <= 52
    ]
    assert close["total"] == len(placed) > 0
    kinds = {g["kind"] for g in close["groups"]}
    assert kinds <= {"cell", "area"}
    for g in close["groups"]:
        if g["kind"] == "area" and g["precision"] != "country":
            assert g["radius_km"] > 0  # a vague place is an area, not a point
    assert c.get("/api/map?zoom=6").status_code == 400  # closer in needs a box


def test_stats_timeline_aggregates_and_export(filled) -> None:
    store, _, c = filled
    active = store.incidents()
    stats = c.get("/api/stats?by=month").json()
    assert sum(r["incidents"] for r in stats["rows"]) == len(active)
    timeline = c.get("/api/timeline?period=week&by=event_type").json()
    assert sum(sum(s.values()) for s in timeline["series"].values()) == len(active)
    agg = c.get("/api/aggregates").json()["aggregates"]
    assert isinstance(agg, list)
    export = c.get("/api/export?format=acled&country=SOM")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    lines = export.text.strip().splitlines()
    somali = [i for i in active if i.location and i.location.country_code == "SOM"]
    assert lines[0].startswith("event_id_cnty") and len(lines) == 1 + len(somali)


def test_headers_on_every_answer(filled) -> None:
    _, _, c = filled
    for url in ("/", "/api/incidents", "/reports", "/api/nothing", "/docs"):
        answer = c.get(url)
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
    # another site's name for this server (DNS rebinding) is refused
    assert c.get("/api/incidents", headers={"host": "evil.example"}).status_code == 400


# Who may do what


def test_with_users_everyone_logs_in(filled) -> None:
    store, _, c = filled
    make_user(store, "ana", "editor")
    make_user(store, "vic", "viewer")
    assert c.get("/api/incidents").status_code == 401
    page = c.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert login(c, "ana", "wrong password!").status_code == 401
    ok = login(c, "ana")
    assert ok.status_code == 303
    assert c.get("/api/me").json()["name"] == "ana"
    one = store.incidents()[0]
    token = csrf(c)
    answer = c.post(
        f"/api/incidents/{one.id}/status",
        json={"status": "rejected"},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 200
    assert store.history(store.incident(one.id))[-1].who == "ana"
    c.post("/logout", data={"csrf_token": token})
    assert c.get("/api/me").json()["role"] is None

    viewer = client(store)
    assert login(viewer, "vic").status_code == 303
    assert viewer.get("/api/incidents").status_code == 200
    refused = viewer.post(
        f"/api/incidents/{one.id}/status",
        json={"status": "confirmed"},
        headers={"X-CSRF-Token": csrf(viewer)},
    )
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    assert viewer.get("/api/users").status_code in (401, 403)


def test_tokens_for_scripts_and_disabled_users(filled) -> None:
    store, _, c = filled
    make_user(store, "boss", "admin")
    make_user(store, "ed", "editor")
    assert login(c, "ed").status_code == 303
    made = c.post("/api/tokens", json={"name": "nightly"}, headers={"X-CSRF-Token": csrf(c)})
    assert made.status_code == 201
    token = made.json()["token"]
    script = client(store)
    bearer = {"Authorization": f"Bearer {token}"}
    one = store.incidents()[0]
    # no CSRF token needed with a bearer token: a browser never adds one by itself
    answer = script.post(
        f"/api/incidents/{one.id}/status", json={"status": "confirmed"}, headers=bearer
    )
    assert answer.status_code == 200
    assert script.get("/api/incidents", headers={"Authorization": "Bearer nope"}).status_code == 401
    admin = client(store)
    assert login(admin, "boss").status_code == 303
    off = admin.patch(
        "/api/users/ed", json={"disabled": True}, headers={"X-CSRF-Token": csrf(admin)}
    )
    assert off.status_code == 200 and off.json()["disabled"] is True
    assert script.get("/api/incidents", headers=bearer).status_code == 401
    assert c.get("/api/me").json()["role"] is None  # the session ended too
    last = admin.patch(
        "/api/users/boss", json={"disabled": True}, headers={"X-CSRF-Token": csrf(admin)}
    )
    assert last.status_code == 400 and "no admin" in last.json()["error"]["message"]


def test_public_reading(filled) -> None:
    store, _, _ = filled
    make_user(store, "ana", "editor")
    public = client(store, public=True)
    assert public.get("/api/incidents").status_code == 200
    assert public.get("/").status_code == 200
    one = store.incidents()[0]
    answer = public.post(
        f"/api/incidents/{one.id}/status",
        json={"status": "confirmed"},
        headers={"X-CSRF-Token": csrf(public)},
    )
    assert answer.status_code == 401


def test_report_text_is_never_html(filled) -> None:
    store, _, c = filled
    token = csrf(c)
    text = f"Gunmen killed two villagers in Marib yesterday. {XSS}"
    added = c.post(
        "/api/reports",
        json={"text": text, "title": f"Marib {XSS}", "published": "2024-08-07"},
        headers={"X-CSRF-Token": token},
    ).json()["added"]
    incident = store.incidents(report_id=added["report_id"])[0]
    pages = [
        "/",
        "/ui/table",
        "/reports",
        f"/reports/{added['report_id']}",
        f"/incidents/{incident.id}",
        "/review",
    ]
    for url in pages:
        html = c.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html, url
    report_page = c.get(f"/reports/{added['report_id']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report_page
    assert "Marib &lt;script&gt;" in report_page
    assert PASSWORD not in report_page


def test_a_text_with_no_words_is_stored_without_a_signature(filled) -> None:
    # Found by the schema test: punctuation alone has no near-duplicate signature, and
    # storing its (empty) band keys once wrote NULL keys and failed.
    store, _, c = filled
    answer = c.post("/api/reports", json={"text": "!!!"}, headers={"X-CSRF-Token": csrf(c)})
    assert answer.status_code == 201, answer.text
    report_id = answer.json()["added"]["report_id"]
    assert store.report(report_id).text == "!!!"
    bad = c.post(
        "/api/reports",
        json={"text": "Two rockets hit the base.", "published": "0.1.0"},
        headers={"X-CSRF-Token": csrf(c)},
    )
    assert bad.status_code == 422 and "0.1.0" in bad.json()["error"]["message"]


def test_guessing_passwords_is_stopped(filled) -> None:
    store, _, c = filled
    make_user(store, "ana", "editor")
    make_user(store, "bo", "editor")
    for _ in range(5):
        assert login(c, "ana", "not the password").status_code == 401
    stopped = login(c, "ana")  # the right password, too late
    assert stopped.status_code == 429 and "try again" in stopped.text
    assert c.get("/api/me").json()["role"] is None
    assert login(c, "bo").status_code == 303  # another name is not held up


def test_the_throttle_forgets_after_its_window() -> None:
    from sitrep.web.auth import Throttle

    throttle = Throttle()
    for k in range(5):
        throttle.failed("Ana", "10.0.0.1", now=100.0 + k)
    assert throttle.wait("ana", "10.0.0.2", now=110.0) > 0  # names match in any case
    assert throttle.wait("ana", "10.0.0.1", now=100.0 + Throttle.WINDOW_SECONDS + 1) == 0
    for k in range(20):
        throttle.failed(f"user{k}", "10.0.0.9", now=200.0)
    assert throttle.wait("someone", "10.0.0.9", now=201.0) > 0  # one address, many names
    throttle.succeeded("ana")
    assert throttle.wait("ana", "10.0.0.1", now=110.0) == 0
