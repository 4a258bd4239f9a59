"""The audit trail's pages in a browser: no axe violation, no sideways scrolling at 320 px, and
filtering by keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .fixtures.browser import log_in, page_problems

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("login", "path"), [("land", "/land/protokoll"),
                                             ("koordination.zwickau", "/k/zwickau/protokoll")])
def test_the_audit_pages_pass_axe_fit_320_px_and_filter_by_keyboard(live_server, browser, login, path):
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, login)
    assert page_problems(page, Axe(), f"{live_server}{path}") == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server}{path}")
    page.get_by_label("Person (Name oder E-Mail-Adresse)").focus()
    page.keyboard.type(login)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"person={login}" in page.url
    context.close()
