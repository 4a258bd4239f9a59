"""The search in a browser: axe-core finds no violation and at 320 px nothing scrolls sideways
(results with hits of every kind and pages, a kind chosen, nothing found, a refused query); and a
person searches from the header and opens a hit with the keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .fixtures.browser import log_in, page_problems, shown_page_problems

pytestmark = pytest.mark.browser


def test_search_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    base = f"{live_server}/suche/"
    pages = {
        "koordination.zwickau": [f"{base}?q=Graffiti", f"{base}?q=Graffiti&art=measure", f"{base}?q=Sitzung",
                                 f"{base}?q=Prävention&seite=2", f"{base}?q=Zzyzxwort", base],
        "land": [f"{base}?q=Kommunaler"],
    }
    axe, problems = Axe(), []
    for login, urls in pages.items():
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        for url in urls:
            problems += page_problems(page, axe, url)
        if login == "land":
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{base}?q=" + "x" * 210)
            assert "höchstens 200 Zeichen" in page.inner_text("main")
            problems += shown_page_problems(page, axe, "Suche mit Fehler")
        context.close()
    assert not problems, "\n".join(map(str, problems))


def test_searching_from_the_header_and_opening_a_hit_work_with_the_keyboard(live_server, browser, committed):
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, "koordination.meissen")
    page.goto(f"{live_server}/veranstaltungen/")
    page.keyboard.press("Tab")  # the skip link first, then the brand, then the search field
    for _ in range(6):
        if page.evaluate("document.activeElement.id") == "site-search":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.type("Graffitiflächen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Treffer für „Graffitiflächen“" in page.inner_text("main")
    # Tab from the search form through the kind filter to the first hit
    page.get_by_role("button", name="Suchen").last.focus()
    first = page.locator(".search-hits h3 a").first
    title = first.inner_text()
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.search-hits') !== null"):
            break
    assert page.evaluate("document.activeElement.textContent") == title
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert title in page.inner_text("main")
    context.close()
