"""The web app in a real browser: Debian's chromium driven by Playwright (never a
downloaded browser), against a real server (uvicorn on 127.0.0.1) over SQLite.

An editor logs in, pastes a report, finds its incident on the map and in the table,
opens the report and sees the highlighted quote, accepts an incident in the review queue
with a key, merges two, and logs out; a viewer cannot change anything. Every page is
screenshotted into artifacts/screenshots/. No request may leave 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

import sitrep
from sitrep.ingest.samples import sample_reports
from sitrep.models import Report
from sitrep.pipeline import add_reports
from sitrep.store import Store
from webapp import PASSWORD, make_user, running

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
REPORT = (
    "Gunmen attacked a checkpoint in Marib yesterday, killing three soldiers and injuring "
    "five, local officials said. The Houthis were blamed for the attack."
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "the browser tests need Debian's chromium (make pytest)"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    store = sitrep.open(str(tmp_path / "web.db"))
    try:
        list(add_reports(store, sample_reports()))
        make_user(store, "ana", "editor")
        make_user(store, "vic", "viewer")
        with running(store) as url:
            yield store, url
    finally:
        store.close()


@pytest.fixture
def page(browser: Browser, site: tuple[Store, str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    outside: list[str] = []
    problems: list[str] = []
    opened.on(
        "request",
        lambda r: None if r.url.startswith("http://127.0.0.1") else outside.append(r.url),
    )
    opened.on("pageerror", lambda e: problems.append(str(e)))
    yield opened
    context.close()
    assert outside == [], "requests left the machine"
    assert problems == [], "script errors in the page"


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def log_in(page: Page, url: str, name: str) -> None:
    page.goto(url + "/")
    expect(page).to_have_url(re.compile(r"/login"))
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    expect(page.locator("#whoami")).to_have_text(name)


def test_an_editor_adds_reviews_and_merges(page: Page, site: tuple[Store, str]) -> None:
    store, url = site
    page.goto(url + "/")
    shot(page, "login")
    log_in(page, url, "ana")

    # Paste a report.
    page.goto(url + "/add")
    shot(page, "add")
    page.fill("#paste-form input[name=title]", "Checkpoint attack in Marib")
    page.fill("#paste-form input[name=published]", "2024-08-07")
    page.fill("#paste-form textarea[name=text]", REPORT)
    page.click("#paste-form button[type=submit]")
    expect(page.locator("#report-title")).to_have_text("Checkpoint attack in Marib")

    # The report page: the quote behind the toll is highlighted and labelled.
    killed = page.locator("mark.field-killed")
    expect(killed.first).to_be_visible()
    assert "killing three soldiers" in "".join(killed.all_inner_texts())
    assert killed.first.get_attribute("data-label", timeout=1000).startswith("killed")
    shot(page, "report")
    report_id = int(page.url.rsplit("/", 1)[1])
    [made] = store.incidents(report_id=report_id)

    # A highlight opens its incident.
    killed.first.click()
    expect(page.locator("#incident-title")).to_contain_text(made.code or "")
    expect(page.locator("#killed")).to_contain_text("3")
    shot(page, "incident")

    # The incident in the table and on the map (Yemen, at the world view).
    page.goto(url + "/?country=YEM")
    expect(page.locator("#incident-table")).to_contain_text(made.code or "")
    expect(page.locator("#map")).to_have_attribute("data-total", re.compile(r"^\d+$"))
    assert int(page.locator("#map").get_attribute("data-total") or 0) >= 1
    expect(page.locator("path.map-group").first).to_be_visible()
    expect(page.locator("#timeline svg rect").first).to_be_attached()
    shot(page, "dashboard")

    # Brushing the timeline filters the map and the table by dates.
    page.goto(url + "/")
    expect(page.locator("#timeline svg rect").first).to_be_attached()
    before = page.locator("#incident-count").inner_text()
    box = page.locator("#timeline svg").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.80, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.99, y, steps=5)
    with page.expect_navigation():
        page.mouse.up()
    assert "from=" in page.url and "to=" in page.url
    start = dt.date.fromisoformat(page.locator("input[name=from]").input_value())
    end = dt.date.fromisoformat(page.locator("input[name=to]").input_value())
    expect(page.locator("#incident-count")).not_to_have_text(before)
    expect(page.locator("#map")).to_have_attribute("data-total", re.compile(r"^\d+$"))
    shown = int(page.locator("#map").get_attribute("data-total") or 0)
    inside = [
        i
        for i in store.incidents()
        if i.date and i.date.start and (i.date.end or i.date.start) >= start and i.date.start <= end
    ]
    assert shown == len(inside) > 0
    shot(page, "dashboard-brushed")

    page.goto(url + "/reports")
    expect(page.locator("#report-table")).to_contain_text("Checkpoint attack in Marib")
    shot(page, "reports")

    # Accept the first candidate of the queue with its key.
    page.goto(url + "/review")
    first = page.locator(".card.candidate").first
    accepted = int(first.get_attribute("data-id") or 0)
    shot(page, "review")
    with page.expect_navigation():
        page.keyboard.press("a")
    assert store.incident(accepted).status == "confirmed"
    assert store.history(store.incident(accepted))[-1].who == "ana"

    # Merge two incidents from an incident's page.
    a, b = [i for i in store.incidents() if i.status == "candidate"][:2]
    page.goto(f"{url}/incidents/{a.id}")
    page.fill("form[action='/ui/merge'] input[name=ids]:not([type=hidden])", b.code or "")
    page.click("form[action='/ui/merge'] button")
    expect(page.locator("#incident-title")).to_be_visible()
    assert store.incident(a.id or 0).status == "merged"
    assert store.incident(b.id or 0).merged_into == store.incident(a.id or 0).merged_into
    shot(page, "merged")

    # Log out.
    page.click("#logout")
    expect(page.locator("#login-form")).to_be_visible()
    page.goto(url + "/reports")
    expect(page).to_have_url(re.compile(r"/login"))


def test_a_viewer_cannot_edit(page: Page, site: tuple[Store, str]) -> None:
    store, url = site
    log_in(page, url, "vic")
    page.goto(url + "/review")
    expect(page.locator(".card.candidate").first).to_be_visible()
    assert page.locator("form[action$='/status']").count() == 0
    one = store.incidents()[0]
    page.goto(f"{url}/incidents/{one.id}")
    assert page.locator("form[action$='/status']").count() == 0
    # A change sent anyway (with a valid CSRF token) is refused.
    status = page.evaluate(
        """async (id) => {
            const token = document.body.dataset.csrf;
            const r = await fetch(`/api/incidents/${id}/status`, {method: "POST",
              headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
              body: JSON.stringify({status: "confirmed"})});
            return r.status;
        }""",
        one.id,
    )
    assert status == 403
    assert store.incident(one.id or 0).status == "candidate"
    page.goto(url + "/add")
    expect(page.locator("#error-message")).to_contain_text("editor")
    shot(page, "viewer-refused")


def test_report_text_shows_as_text_in_the_browser(page: Page, site: tuple[Store, str]) -> None:
    store, url = site
    payload = (
        "<img src=x onerror=\"document.body.dataset.pwned='1'\">"
        "<script>document.body.dataset.pwned='1'</script>"
    )
    report = Report(
        text=f"Gunmen killed two people in Marib yesterday. {payload}",
        title=f"Marib {payload}",
        published="2024-08-07",
    )
    outcome = next(iter(add_reports(store, [report])))
    log_in(page, url, "ana")
    for path in ("/", f"/reports/{outcome.report_id}", "/reports", "/review"):
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.body.dataset.pwned") is None, path
    page.goto(f"{url}/reports/{outcome.report_id}")
    expect(page.locator("#report-title")).to_contain_text("<script>")
    shot(page, "xss-as-text")


def test_an_admin_manages_users_and_tokens(page: Page, site: tuple[Store, str]) -> None:
    store, url = site
    make_user(store, "root", "admin")
    log_in(page, url, "root")
    page.goto(url + "/users")
    page.fill("#add-user input[name=name]", "cy")
    page.select_option("#add-user select[name=role]", "editor")
    page.fill("#add-user input[name=password]", PASSWORD)
    page.click("#add-user button")
    expect(page.locator("#users")).to_contain_text("cy")
    shot(page, "users")
    page.goto(url + "/account")
    page.fill("form[action='/ui/tokens'] input[name=name]", "nightly export")
    page.click("form[action='/ui/tokens'] button")
    token = page.locator("#new-token").inner_text()
    shot(page, "account")
    answer = page.request.get(url + "/api/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.json()["name"] == "root"
    page.goto(url + "/docs")
    expect(page.locator(".swagger-ui").first).to_be_visible()
    expect(page.get_by_text("/api/incidents").first).to_be_visible()
    shot(page, "api-docs")
