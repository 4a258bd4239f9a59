"""The benchmark's pages with figures in a browser: axe-core finds no violation and at 320 px nothing
scrolls sideways (the tables scroll inside their own regions, the box charts shrink) — the KPR page
of a participating KPR for its coordinator and a member, and the state council's page."""

from __future__ import annotations

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from tenants import db
from workers.survey_benchmark import compute_survey_benchmark_now

from .fixtures.browser import log_in, page_problems
from .helpers import tenant
from .survey_benchmark_data import YEAR, build_survey, given, no_demo_sharing

pytestmark = pytest.mark.browser


def _alliance(app) -> None:
    """Five KPRs of one size class with two items; Zwickau leaves one out, Plauen has an item under 5 answers."""
    with app.app_context():
        no_demo_sharing()
        for number, slug in enumerate(("zwickau", "meissen", "bautzen", "plauen", "freiberg")):
            answers = {"safety_night": given(very_safe=4 + number, very_unsafe=1 + number),
                       "problem_graffiti": given(none=3, big=1 + number % 3)}
            if slug == "zwickau":
                answers["victim"] = [("theft",), ("none",)] * 4
                del answers["problem_graffiti"]
            build_survey(tenant(slug).id, answers, title=f"Bürgerbefragung {slug}", closed_on=date(YEAR, 1, 10))
        compute_survey_benchmark_now()
        db.session.commit()


def test_benchmark_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    _alliance(committed)
    kpr = f"{live_server}/k/zwickau/praevention/befragung/vergleich"
    land = f"{live_server}/land/befragungen"
    pages = {"koordination.zwickau": [kpr], "mitglied.zwickau": [kpr],
             "land": [land, f"{land}?frage=problem_graffiti&name=Stadt"]}
    axe, problems = Axe(), []
    for login, urls in pages.items():
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        for url in urls:
            problems += page_problems(page, axe, url)
        context.close()
    assert problems == []
