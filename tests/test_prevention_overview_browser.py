"""The pages of "where each KPR stands" in a browser: the cycle's start page (with and without a
round, for the KPR and for the state council), the workspace start page with the small diagram, the
state overview with its stage column, filter and district table, and the reports with the cycle's
tables: axe-core finds no violation, and at 320 px nothing scrolls sideways. The stage filter works
by keyboard."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from asskomm.prevention.stage import Stage
from tenants import db, tenant_context
from workers.reports import compute_reports_now

from .fixtures.browser import log_in, page_problems
from .helpers import tenant
from .prevention_rounds import build_round

pytestmark = pytest.mark.browser


def _records(app) -> None:
    with app.app_context():
        with tenant_context(tenant("bautzen").id):
            build_round(Stage.evaluation, number=1, measures=3, closed=True)
            build_round(Stage.measures, number=2, measures=6, goals=2, field_title="Gewalt im öffentlichen Raum")
        with tenant_context(tenant("plauen").id):
            build_round(Stage.analysis)
        compute_reports_now()
        db.session.commit()


def test_the_cycle_overview_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    _records(committed)
    pages = {
        "koordination.bautzen": ["/k/bautzen/praevention/", "/k/bautzen/", "/k/bautzen/kennzahlen"],
        "mitglied.freiberg": ["/k/freiberg/praevention/"],  # no round yet
        "land": ["/k/bautzen/praevention/", "/land/", "/land/?zyklus=measures&sortierung=zyklus", "/berichte/"],
    }
    axe, problems = Axe(), []
    for login, paths in pages.items():
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        for path in paths:
            problems += page_problems(page, axe, f"{live_server}{path}")
        if login == "land":  # the stage filter, by keyboard alone
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{live_server}/land/")
            page.get_by_label("Präventionszyklus", exact=True).focus()
            page.keyboard.press("ArrowDown")  # "Sicherheitsanalyse", after "alle" and "noch nicht begonnen"
            page.keyboard.press("ArrowDown")
            page.get_by_role("button", name="Anwenden").focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "zyklus=analysis" in page.url
            listed = page.locator("table:has(#alle-kpr)").inner_text()
            assert "Stadt Plauen" in listed and "Stadt Bautzen" not in listed
        context.close()
    assert not problems, "\n".join(map(str, problems))
