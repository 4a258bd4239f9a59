"""Mecklenburg-Vorpommern's pages in a browser, under its own host with its accent colour
(/marke.css): axe-core finds no violation and nothing scrolls sideways at 320 px, signed in as its
state admin and as a visitor."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .fixtures.browser import page_problems, signed_in

pytestmark = pytest.mark.browser


def test_mecklenburg_vorpommerns_pages_with_its_colour_are_axe_clean_and_fit_320_px(live_server, browser):
    server = live_server.replace("127.0.0.1", "mv.localhost")  # browsers send *.localhost to this machine
    axe = Axe()
    with signed_in(browser, server, None) as page:
        problems = page_problems(page, axe, server + "/k/landkreis-rostock/")
        assert page.locator('link[href="/marke.css"]').count() == 1
        assert "Präventionsrat Landkreis Rostock" in page.inner_text("body")
        problems += page_problems(page, axe, server + "/impressum")
    with signed_in(browser, server, "land-mv") as page:
        for path in ("/land/", "/berichte/", "/land/befragungen", "/praxis/"):
            problems += page_problems(page, axe, server + path)
        brand = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()")
        assert brand == "#00507d"
    assert not problems, "\n".join(map(str, problems))
