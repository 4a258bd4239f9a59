"""The analysis pages of the prevention cycle in a browser: axe-core finds no violation and at 320 px
nothing scrolls sideways (the wide crime, indicator and inventory tables scroll inside their own
regions) — for the coordinator, a member, and the state contact once the analysis is shared."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe

from asskomm.prevention.models import ConductedBy, PreventionCycle, PreventionOffer, Problem, Setting, TargetGroup
from asskomm.prevention.statistics.models import CrimeFigure, IndicatorSeries, IndicatorValue, Population
from asskomm.timeutil import today
from tenants import db, tenant_context

from .fixtures.browser import log_in, page_problems
from .helpers import tenant

pytestmark = pytest.mark.browser

YEAR = today().year


def _objects(app) -> dict[str, int]:
    """Bautzen: a closed round, and the open one with figures, survey, problems and a wide inventory."""
    with app.app_context(), tenant_context(tenant("bautzen").id):
        old = PreventionCycle(number=1, analysis_started_on=date(YEAR - 3, 1, 10), first_year=YEAR - 9,
                              last_year=YEAR - 4, analysis_finished_on=date(YEAR - 3, 9, 1),
                              closed_on=date(YEAR - 2, 1, 5))
        cycle = PreventionCycle(
            number=2, analysis_started_on=date(YEAR - 1, 2, 1), first_year=YEAR - 6, last_year=YEAR - 1,
            conducted_by=ConductedBy.contractor, contractor="Institut für Sicherheitsforschung und Stadtentwicklung",
            survey_year=YEAR - 1, survey_sample=2500, survey_responses=840, survey_unsafe_share=Decimal("37.5"),
            survey_problems="Sachbeschädigungen an Bushaltestellen\nFahrraddiebstahl am Bahnhof",
            findings="Sachbeschädigungen liegen über dem Landeswert.", recommendations="Eine AG Innenstadt bilden.",
            public_summary="Drei Schwerpunkte.", analysis_finished_on=date(YEAR - 1, 10, 1), analysis_shared=True)
        db.session.add_all([old, cycle])
        for year in range(YEAR - 6, YEAR):
            db.session.add_all([Population(year=year, inhabitants=37_000 + year),
                                CrimeFigure(year=year, offence_key="674000", cases=400 + year % 7, cleared=90),
                                CrimeFigure(year=year, offence_key="435*00", cases=40 + year % 5)])
        series = IndicatorSeries(name="Ordnungswidrigkeiten wegen Lärmbelästigung in der Innenstadt", unit="Fälle",
                                 demo=True, values=[IndicatorValue(year=y, value=Decimal(100 + y % 9))
                                                    for y in range(YEAR - 6, YEAR)])
        problem = Problem(cycle=cycle, title="Sachbeschädigungen an Haltestellen und Schulen", priority=1,
                          offence_key="674000", series=series, from_survey=True)
        lonely = Problem(cycle=cycle, title="Fahrraddiebstahl", priority=2)
        offer = PreventionOffer(cycle=cycle, title="Graffiti-Präventionsprojekt mit legalen Flächen",
                                provider="Kinder- und Jugendhilfeverbund Bautzen e. V.", topic="Sachbeschädigung",
                                target_group=TargetGroup.youth, setting=Setting.public_space,
                                area="Innenstadt und Gesundbrunnen", reach="etwa 120 Jugendliche im Jahr",
                                funding="Landespräventionsrat, Stadt Bautzen",
                                contact="praevention.graffiti-projekt@bautzen.example", problems=[problem])
        unassigned = PreventionOffer(cycle=cycle, title="Seniorensicherheitstag", provider="Polizeirevier Bautzen")
        db.session.add_all([series, problem, lonely, offer, unassigned])
        db.session.commit()
        return {"old": old.id, "cycle": cycle.id, "problem": problem.id, "offer": offer.id}


def test_analysis_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    ids = _objects(committed)
    base = f"{live_server}/k/bautzen/praevention"
    cycle, old = f"{base}/runden/{ids['cycle']}", f"{base}/runden/{ids['old']}"
    read = [cycle, f"{cycle}/probleme", f"{cycle}/angebote", old]
    pages = {
        "koordination.bautzen": read + [
            f"{cycle}/bearbeiten", f"{cycle}/ergebnisse", f"{cycle}/abschliessen", f"{cycle}/probleme/neu",
            f"{base}/probleme/{ids['problem']}/bearbeiten", f"{base}/probleme/{ids['problem']}/loeschen",
            f"{cycle}/angebote/neu", f"{base}/angebote/{ids['offer']}/bearbeiten",
            f"{base}/angebote/{ids['offer']}/loeschen", f"{base}/runden/neu"],
        "mitglied.bautzen": read,
        "kontakt2": [cycle, f"{cycle}/angebote"],
        None: [f"{live_server}/k/bautzen/"],  # the published summary on the public page
    }
    with committed.app_context(), tenant_context(tenant("bautzen").id):
        db.session.get(PreventionCycle, ids["cycle"]).summary_published = True
        db.session.commit()
    axe, problems = Axe(), []
    for login, urls in pages.items():
        context = browser.new_context()
        page = context.new_page()
        if login:
            log_in(page, live_server, login)
        for url in urls:
            problems += page_problems(page, axe, url)
        context.close()
    assert not problems, "\n".join(map(str, problems))


def test_the_not_yet_closable_round_says_why(live_server, browser, committed):
    """A round whose analysis is not finished: the close page explains instead of asking."""
    with committed.app_context(), tenant_context(tenant("bautzen").id):
        cycle = PreventionCycle(number=1, analysis_started_on=date(YEAR, 1, 2), first_year=YEAR - 5,
                                last_year=YEAR - 1)
        db.session.add(cycle)
        db.session.commit()
        cycle_id = cycle.id
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, "koordination.bautzen")
    url = f"{live_server}/k/bautzen/praevention/runden/{cycle_id}/abschliessen"
    problems = page_problems(page, Axe(), url)
    assert "erst abgeschlossen werden" in page.inner_text("main")
    context.close()
    assert not problems, "\n".join(map(str, problems))


def test_a_round_is_started_by_keyboard_alone(live_server, browser, committed):
    """The start form (cycle_form.html) filled and sent with Tab, typing and Enter only."""
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, "koordination.bautzen")
    page.goto(f"{live_server}/k/bautzen/praevention/runden/neu")
    page.get_by_label("Analyse begonnen am").focus()
    page.keyboard.type(today().strftime("%m%d%Y"))  # Chromium's date field takes the digits in order
    for field_id, value in (("first_year", today().year - 2), ("last_year", today().year - 1)):
        for _ in range(8):  # Tab past the fields in between
            if page.evaluate("document.activeElement.id") == field_id:
                break
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == field_id
        page.keyboard.press("Control+A")  # over the proposed year
        page.keyboard.type(str(value))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/praevention/runden/" in page.url and not page.url.endswith("/neu"), page.url
    with committed.app_context(), tenant_context(tenant("bautzen").id):
        cycle = db.session.scalars(db.select(PreventionCycle)).one()
        assert (cycle.analysis_started_on, cycle.first_year, cycle.last_year) == (
            today(), today().year - 2, today().year - 1)
    context.close()
