"""Pages in a real browser: Debian's Chromium driven by Playwright against a live server."""

from __future__ import annotations

import pytest

from .fixtures.browser import log_in

pytestmark = pytest.mark.browser


def test_coordinator_logs_in_and_works_in_german(live_server, browser, tmp_path):
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server}/k/zwickau/")  # the KPR's public page, for everyone
    assert page.get_by_role("heading", name="Kontakt", exact=True).is_visible()
    page.get_by_role("link", name="Anmelden").click()
    page.wait_for_url(f"{live_server}/login")
    page.get_by_label("E-Mail-Adresse").fill("koordination.zwickau@demo.asskomm.de")
    page.get_by_label("Passwort").fill("asskomm-demo")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server}/k/zwickau/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kommunaler Präventionsrat Stadt Zwickau"
    assert page.locator("html").get_attribute("lang") == "de"
    page.get_by_text("Gremien & Sitzungen", exact=True).click()  # the KPR menu's group (a <details>) opens
    page.get_by_role("link", name="Mitglieder", exact=True).click()
    assert page.get_by_role("heading", name="Person einladen").is_visible()
    page.screenshot(path=str(tmp_path / "members.png"), full_page=True)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Zum Inhalt springen"
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(f"{live_server}/login")
    assert page.get_by_text("Sie wurden abgemeldet.").is_visible()
    assert problems == []  # no CSP violations, no script errors


def test_wrong_password_shows_the_message_next_to_the_form(live_server, browser):
    page = browser.new_page()
    page.goto(f"{live_server}/login")
    page.get_by_label("E-Mail-Adresse").fill("land@demo.asskomm.de")
    page.get_by_label("Passwort").fill("falsches-passwort")
    page.get_by_role("button", name="Anmelden").click()
    alert = page.get_by_role("alert")
    assert "E-Mail-Adresse oder Passwort ist falsch." in alert.inner_text()


@pytest.mark.worker
def test_state_council_recomputes_the_reports_and_watches_the_progress(live_server, browser, redis_worker,
                                                                       through_broker):
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    log_in(page, live_server, "land")
    page.get_by_text("Auswertungen", exact=True).click()  # the header menu's group opens
    page.get_by_role("link", name="Berichte", exact=True).click()
    assert page.get_by_text("Noch nicht berechnet").first.is_visible()
    # progress.js polls the job (however fast it is) and loads the page again when it has finished
    with page.expect_response(lambda r: "/berichte/berechnung/" in r.url, timeout=30_000) as polled:
        page.get_by_role("button", name="Jetzt neu berechnen").click()
    assert polled.value.status == 200
    page.wait_for_url(lambda url: "lauf=" not in url, timeout=30_000)
    assert page.get_by_text("Stand: berechnet am").first.is_visible()
    chart = page.get_by_role("img", name="Diagramm: Beratungsstunden nach Thema")
    assert chart.is_visible() and chart.locator("rect").count() >= 7
    assert page.get_by_role("table", name="Beratungsstunden nach Thema").first.is_visible()
    assert problems == []
