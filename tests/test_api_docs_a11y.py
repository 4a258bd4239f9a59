"""The API's documentation page in a browser: axe-core finds no violation, nothing scrolls sideways
at 320 px, and its table of contents leads to an operation with the keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .fixtures.browser import page_problems

pytestmark = pytest.mark.browser


def test_the_api_documentation_has_no_axe_violations_and_fits_320_px(live_server, browser, committed):
    context = browser.new_context()
    page = context.new_page()
    problems = page_problems(page, Axe(), f"{live_server}/api/v1/docs")
    context.close()
    assert not problems, "\n".join(map(str, problems))


def test_the_table_of_contents_leads_to_an_operation_by_keyboard(live_server, browser, committed):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/api/v1/docs")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "GET /api/v1/kprs":
            break
    assert page.evaluate("document.activeElement.textContent") == "GET /api/v1/kprs"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash !== ''")
    anchor = page.evaluate("location.hash.slice(1)")
    assert page.evaluate(f"document.getElementById({anchor!r}).textContent") == "GET /api/v1/kprs"
    context.close()
