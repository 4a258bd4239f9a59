"""The results page of a survey in a browser: axe-core finds no violation and nothing scrolls sideways
at 320 px — with cross tables by Ortsteil and age band (in their own scroll regions), suppressed cells,
charts, and for the coordinator the short texts and the button into the analysis."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tenants import db

from .fixtures.browser import log_in, page_problems
from .survey_results_data import BASE, DISTRICTS, Own, in_bautzen, make_survey, random_people, respond

pytestmark = pytest.mark.browser

OWN = [Own("multiple", "Welche Angebote zur Prävention in Ihrer Gemeinde kennen Sie?",
           ("Streetwork am Bahnhof", "Seniorensicherheitstag", "Nachbarschaftshilfe und Stadtteiltreff")),
       Own("text", "Was sollte sich in Ihrer Wohngegend ändern?")]


def _survey(app) -> int:
    with app.app_context(), in_bautzen():
        survey = make_survey(["safety_night", "victim", "problem_youth_groups", "satisfaction_administration",
                              "age_band", "district"], DISTRICTS + ["Kleinwelka-Siedlung am Stausee"], OWN)
        respond(survey, random_people(survey, 90, seed=5))
        db.session.commit()
        return survey.id


def test_the_results_page_has_no_axe_violations_and_fits_320_px(live_server, browser, committed):
    survey_id = _survey(committed)
    url = f"{live_server}{BASE}/{survey_id}/ergebnisse"
    axe, problems = Axe(), []
    for login in ("koordination.bautzen", "mitglied.bautzen"):
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        problems += page_problems(page, axe, url)
        main = page.inner_text("main")
        assert ". (.)" in main and "Nach Ortsteil" in main and "Nach Altersgruppe" in main
        assert ("Freitexte können Personen nennen" in main) == (login == "koordination.bautzen")
        # every wide table scrolls in its own region, reachable by keyboard
        regions = page.eval_on_selector_all(
            "div.scroll[role=region]", "els => els.map(e => [e.tabIndex, e.getAttribute('aria-labelledby')])")
        assert regions and all(index == 0 and label for index, label in regions)
        context.close()
    assert not problems, "\n".join(map(str, problems))
