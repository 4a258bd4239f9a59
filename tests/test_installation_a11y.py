"""The operator's page in a browser: axe-core finds no violation and nothing scrolls sideways at 320 px,
as shown and when sent back with its messages; the menu item leads there; and a new alliance is
created with the keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tenants.alliances import forget_hosts

from .fixtures.browser import page_problems, shown_page_problems, signed_in

pytestmark = pytest.mark.browser
PAGE = "/betrieb/allianzen"


@pytest.fixture(autouse=True)
def _hosts_forgotten():
    yield
    forget_hosts()  # the alliance made here is gone with the baseline; so must its host be


def test_the_operators_page_has_no_axe_violations_and_fits_320_px(live_server, browser):
    axe = Axe()
    with signed_in(browser, live_server, "betrieb") as page:
        problems = page_problems(page, axe, live_server + PAGE)
        page.get_by_role("button", name="Allianz anlegen und einladen").click()
        page.wait_for_load_state()
        assert "Bitte wählen Sie das Bundesland." in page.inner_text("main")
        problems += shown_page_problems(page, axe, "Allianz mit Fehlern")
        page.goto(f"{live_server}/konto")
        page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Allianzen").click()
        page.wait_for_load_state()
        assert page.url.endswith(PAGE)
    assert not problems, "\n".join(map(str, problems))


def test_an_alliance_is_created_with_the_keyboard_alone(live_server, browser):
    with signed_in(browser, live_server, "betrieb") as page:
        page.goto(live_server + PAGE)
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "name":
                break
        assert page.evaluate("document.activeElement.id") == "name"
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        typed = {"name": "Kommunale Kriminalprävention Brandenburg", "short_name": "KKP BB", "slug": "brandenburg",
                 "federal_state": "Brandenburg", "host": "kpr.bb.example",
                 "operator_name": "Landespräventionsrat Brandenburg", "admin_name": "Petra Lange",
                 "admin_email": "admin@bb.example"}
        for field, text in typed.items():
            assert page.evaluate("document.activeElement.id") == field
            page.keyboard.type(text)  # in the list of Länder, typing picks the entry
            page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('federal_state').value") == "Brandenburg"
        assert page.evaluate("document.activeElement.textContent") == "Allianz anlegen und einladen"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        main = page.inner_text("main")
        assert "Die Allianz KKP BB ist angelegt" in main and "kpr.bb.example" in main
