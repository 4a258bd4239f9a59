"""An accessibility audit with a tool: axe-core (bundled by axe-playwright-python) runs in
Chromium on the main pages of every role and must find no violation (WCAG 2.x A/AA rules and
axe's best practices)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .fixtures.browser import log_in

pytestmark = pytest.mark.browser

PAGES = {
    None: ["/kpr/", "/k/zwickau/", "/login", "/veranstaltungen/",
           # Meißen's running demo survey, as respondents see it; its error, thanks and 429 pages, the
           # coordinators' codes, print and paper pages, and 320 px by keyboard: test_survey_respondent_browser
           "/k/meissen/befragung/demo-meissen-2026", "/k/meissen/befragung/demo-meissen-2026/fragebogen",
           "/k/meissen/befragung/demo-meissen-2026/datenschutz"],
    "land": ["/land/", "/berichte/", "/land/coaches/", "/k/zwickau/stammdaten", "/k/zwickau/zuordnung",
             "/land/veranstaltungen/", "/land/personen", "/land/protokoll", "/k/zwickau/archivieren",
             "/land/?status=archiviert", "/land/kriminalstatistik",
             "/land/befragungen", "/land/webhooks", "/land/webhooks/neu"],  # with figures: test_survey_benchmark_a11y
    "coach1": ["/coach/", "/k/zwickau/beratung", "/k/zwickau/beratung/neu", "/berichte/"],
    "koordination.zwickau": ["/k/zwickau/", "/k/zwickau/vereinbarung", "/k/zwickau/foerderung",
                             "/k/zwickau/foerderung/neu", "/k/zwickau/kennzahlen", "/k/zwickau/sitzungen",
                             "/k/zwickau/gruendung", "/k/zwickau/struktur", "/k/zwickau/dokumente",
                             "/k/zwickau/aufgaben", "/k/zwickau/mitglieder", "/k/zwickau/protokoll",
                             "/k/zwickau/webhooks", "/k/zwickau/webhooks/neu",
                             "/k/zwickau/praevention/massnahmen", "/k/zwickau/praevention/massnahmen/neu",
                             "/k/zwickau/praevention/kriminalstatistik", "/k/zwickau/praevention/kriminalstatistik/neu",
                             "/k/zwickau/praevention/kriminalstatistik/import",
                             "/k/zwickau/praevention/einwohnerzahlen",
                             "/k/zwickau/praevention/",  # where it stands; more in test_prevention_overview_browser
                             "/k/zwickau/praevention/runden/neu",  # the round's pages: test_prevention_analysis_a11y
                             # the strategy's pages (all under a round's id): test_prevention_strategy_pages_a11y
                             "/k/zwickau/praevention/kennzahlen", "/k/zwickau/praevention/kennzahlen/neu",
                             # the citizen surveys; a survey's pages (under its id): test_survey_editing_a11y;
                             # its results (breakdowns, "." cells, charts, short texts): test_survey_results_a11y
                             "/k/zwickau/praevention/befragungen",
                             # not taking part in the survey benchmark; with figures: test_survey_benchmark_a11y
                             "/k/zwickau/praevention/befragung/vergleich",
                             "/veranstaltungen/meine-anmeldungen"],
    "kontakt": ["/k/zwickau/vereinbarung/neu"],
}


@pytest.mark.parametrize("login", list(PAGES), ids=lambda login: login or "anonym")
def test_main_pages_have_no_axe_violations(live_server, browser, login):
    axe = Axe()
    page = browser.new_page()
    if login:
        log_in(page, live_server, login)
    found = {}
    for path in PAGES[login]:
        assert page.goto(f"{live_server}{path}").status == 200, path
        violations = axe.run(page).response["violations"]
        if violations:
            found[path] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert found == {}
