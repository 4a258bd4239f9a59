"""The account pages in a browser: axe-core finds no violation and nothing scrolls sideways at
320 px (the overview, the password form also with its messages, the sessions, the question before
signing out everywhere); the choice of mails is made with the keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .fixtures.browser import page_problems, shown_page_problems, signed_in

pytestmark = pytest.mark.browser
PATHS = ("/konto", "/konto/passwort", "/konto/sitzungen", "/konto/sitzungen/ueberall-abmelden", "/konto/api-token")


def test_account_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    axe, problems = Axe(), []
    for login in ("koordination.zwickau", "coach1"):
        with signed_in(browser, live_server, login) as page:
            for path in PATHS:
                problems += page_problems(page, axe, f"{live_server}{path}")
    with signed_in(browser, live_server, "mitglied.zittau") as page:
        page.goto(f"{live_server}/konto/passwort")
        page.get_by_label("Bisheriges Passwort").fill("falsch-falsch-falsch")
        page.get_by_label("Neues Passwort (mindestens 12 Zeichen)").fill("ein-neues-langes-passwort")
        page.get_by_label("Neues Passwort wiederholen").fill("ein-neues-langes-passwort")
        page.get_by_role("button", name="Passwort speichern").click()
        page.wait_for_load_state()
        assert "Das bisherige Passwort ist nicht richtig." in page.inner_text("main")
        problems += shown_page_problems(page, axe, "Passwort ändern mit Fehlern")
    assert not problems, "\n".join(map(str, problems))


def _tab_to(page, test: str, tries: int) -> None:
    for _ in range(tries):
        if page.evaluate(test):
            return
        page.keyboard.press("Tab")
    assert page.evaluate(test), test


def test_choosing_mails_works_with_the_keyboard_alone(live_server, browser, committed):
    with signed_in(browser, live_server, "koordination.meissen") as page:
        page.goto(f"{live_server}/konto")
        assert page.get_by_label("Hinweise auf neue Kommentare in meinem KPR").is_checked()
        _tab_to(page, "document.activeElement.value === 'comments'", 40)
        page.keyboard.press("Space")
        _tab_to(page, "document.activeElement.textContent === 'Auswahl speichern'", 5)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "Ihre Auswahl der E-Mails ist gespeichert." in page.inner_text("main")
        assert not page.get_by_label("Hinweise auf neue Kommentare in meinem KPR").is_checked()
        assert page.get_by_label("Erinnerungen an Fristen der Förderung").is_checked()
