"""The pages least visibility changed, in a browser: axe-core finds no violation and nothing scrolls
sideways at 320 px, for the roles that see them differently; a coordinator switches the members'
view of the addresses on with the keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .fixtures.browser import log_in, page_problems

pytestmark = pytest.mark.browser

PAGES = {
    "koordination.zittau": ["/k/zittau/mitglieder", "/k/zittau/struktur/personen"],
    "mitglied.zittau": ["/k/zittau/mitglieder", "/k/zittau/struktur/personen"],
    "coach1": ["/coach/"],
    "kontakt2": ["/land/"],
}
# The coach's home scrolled sideways at 320 px before this change too (its caseload is in a scroll
# region; the page's reflow is issue 14's item 2): here only axe-core is asked about it.
AXE_ONLY = {"/coach/"}


def test_changed_pages_pass_axe_and_fit_320_px(live_server, browser, committed):
    axe, problems = Axe(), []
    for login, paths in PAGES.items():
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        for path in paths:
            problems += [p for p in page_problems(page, axe, f"{live_server}{path}")
                         if not (path in AXE_ONLY and p[1] == "scrolls sideways at 320 px")]
        context.close()
    assert not problems, "\n".join(map(str, problems))


def test_a_coordinator_switches_the_addresses_on_with_the_keyboard(live_server, browser, committed):
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, "koordination.zittau")
    page.goto(f"{live_server}/k/zittau/mitglieder")
    page.keyboard.press("Tab")
    for _ in range(60):
        if page.evaluate("document.activeElement.id") == "member_emails_visible":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "member_emails_visible"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Speichern"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Die Mitglieder sehen die E-Mail-Adressen jetzt." in page.inner_text("main")
    assert page.is_checked("#member_emails_visible")
    context.close()
