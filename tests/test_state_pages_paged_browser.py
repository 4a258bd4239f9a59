"""The paged state overview, alliance index and event dashboard in a browser, with more KPRs than
fit on a page (search field, pager): axe-core finds no violation, and nothing scrolls sideways at
320 px."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tenants import db

from .fixtures.browser import page_problems, signed_in
from .test_state_pages_paged import _add_kprs

pytestmark = pytest.mark.browser


def test_the_paged_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    with committed.app_context():
        _add_kprs(db.session)
    pages = {
        None: ["/kpr/?q=massen", "/kpr/?q=massen&seite=2&district=Landkreis+Bautzen"],
        "land": ["/land/?q=massen&sortierung=zyklus", "/land/?q=massen&seite=2",
                 "/land/veranstaltungen/?q=massen&kpr_seite=2"],
    }
    axe, problems = Axe(), []
    for login, urls in pages.items():
        with signed_in(browser, live_server, login) as page:
            for url in urls:
                problems += page_problems(page, axe, f"{live_server}{url}")
                assert page.get_by_role("navigation", name="Seiten der KPR").count(), url
    assert not problems, "\n".join(map(str, problems))
