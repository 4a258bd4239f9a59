"""The account pages in a browser: axe-core finds no violation and nothing scrolls sideways at
320 px (the overview, the password form also with its messages, the sessions, the question before
signing out everywhere); the choice of mails is made with the keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .fixtures.browser import log_in, page_problems, shown_page_problems

pytestmark = pytest.mark.browser


def test_account_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    axe, problems = Axe(), []
    for login in ("koordination.zwickau", "coach1"):
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        for path in ("/konto", "/konto/passwort", "/konto/sitzungen", "/konto/sitzungen/ueberall-abmelden"):
            problems += page_problems(page, axe, f"{live_server}{path}")
        context.close()
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, "mitglied.zittau")
    page.goto(f"{live_server}/konto/passwort")
    page.get_by_label("Bisheriges Passwort").fill("falsch-falsch-falsch")
    page.get_by_label("Neues Passwort (mindestens 12 Zeichen)").fill("ein-neues-langes-passwort")
    page.get_by_label("Neues Passwort wiederholen").fill("ein-neues-langes-passwort")
    page.get_by_role("button", name="Passwort speichern").click()
    page.wait_for_load_state()
    assert "Das bisherige Passwort ist nicht richtig." in page.inner_text("main")
    problems += shown_page_problems(page, axe, "Passwort ändern mit Fehlern")
    context.close()
    assert not problems, "\n".join(map(str, problems))


def test_choosing_mails_works_with_the_keyboard_alone(live_server, browser, committed):
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, "koordination.meissen")
    page.goto(f"{live_server}/konto")
    box = page.get_by_label("Hinweise auf neue Kommentare in meinem KPR")
    assert box.is_checked()
    for _ in range(40):  # Tab through the page until the check box has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "comments":
            break
    assert page.evaluate("document.activeElement.value") == "comments"
    page.keyboard.press("Space")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Auswahl speichern":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Ihre Auswahl der E-Mails ist gespeichert." in page.inner_text("main")
    assert not page.get_by_label("Hinweise auf neue Kommentare in meinem KPR").is_checked()
    assert page.get_by_label("Erinnerungen an Fristen der Förderung").is_checked()
    context.close()
