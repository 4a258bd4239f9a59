"""The practice exchange in a browser: axe-core finds no violation and at 320 px nothing scrolls
sideways on every page of it (the search with and without filters, a practice, the question form
also with a refusal, the adoption form, the question before withdrawing, the state council's spread
list, the adopting KPR's own measure that names the practice, another alliance's practice shared
beyond it); searching and adopting work with
the keyboard alone."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe

from asskomm.exchange.demo import ROSTOCK_BEYOND
from asskomm.exchange.models import Adoption
from asskomm.prevention.demo_measures import CYBERCRIME, GRAFFITI
from asskomm.prevention.models import Measure
from tenants import cross_tenant, db

from .fixtures.browser import log_in, page_problems, shown_page_problems

pytestmark = pytest.mark.browser


def _ids(app) -> tuple[int, int, int]:
    with app.app_context(), cross_tenant("test: the demo's shared measures and adoption"):
        graffiti = db.session.scalar(sa.select(Measure.id).filter_by(title=GRAFFITI.title))
        cyber = db.session.scalar(sa.select(Measure.id).filter_by(title=CYBERCRIME.title))
        adoption = db.session.scalar(sa.select(Adoption.id).filter_by(practice_id=graffiti))
        db.session.remove()
    return graffiti, cyber, adoption


def _adopting_measure(app, adoption: int) -> int:
    with app.app_context(), cross_tenant("test: the demo's adopting measure"):
        own = db.session.scalar(sa.select(Adoption.measure_id).filter_by(id=adoption))
        db.session.remove()
    return own


def _beyond(app) -> int:
    """Landkreis Rostock's practice, shared beyond Mecklenburg-Vorpommern's alliance."""
    with app.app_context(), cross_tenant("test: the demo's practice shared beyond its alliance"):
        found = db.session.scalar(sa.select(Measure.id).filter_by(title=ROSTOCK_BEYOND))
        db.session.remove()
    return found


def test_exchange_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    graffiti, cyber, adoption = _ids(committed)
    beyond = _beyond(committed)
    base = f"{live_server}/praxis"
    # Meißen's own measure, which names the practice it took over ("Übernommen aus dem Praxisaustausch")
    own = f"{live_server}/k/meissen/praevention/massnahmen/{_adopting_measure(committed, adoption)}"
    pages = {
        "koordination.meissen": [f"{base}/", f"{base}/?q=graffiti&zielgruppe=youth&groesse=20k-100k",
                                 f"{base}/?q=nichts-passt", f"{base}/{graffiti}", f"{base}/{graffiti}/frage",
                                 f"{base}/{cyber}/uebernehmen", f"{base}/uebernahmen/{adoption}/zurueckziehen", own,
                                 f"{base}/{beyond}", f"{base}/?landkreis=Landkreis+Rostock"],
        "land": [f"{base}/verbreitung", f"{base}/{graffiti}", f"{base}/?landkreis=Landkreis+Zwickau"],
        "mitglied.zittau": [f"{base}/{cyber}"],
    }
    axe, problems = Axe(), []
    for login, urls in pages.items():
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        for url in urls:
            problems += page_problems(page, axe, url)
        if login == "koordination.meissen":
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{base}/{graffiti}/frage")
            page.get_by_label("Ihre Frage").fill("Wie?")
            with page.expect_navigation():
                page.get_by_role("button", name="Weiter zur Prüfung").click()
            assert "mindestens 10 Zeichen" in page.inner_text("main")
            problems += shown_page_problems(page, axe, "Frage mit Fehler")
            page.get_by_label("Ihre Frage").fill("Wie haben Sie die Flächen ausgewählt? " * 3)
            with page.expect_navigation():
                page.get_by_role("button", name="Weiter zur Prüfung").click()
            assert "lässt sich nicht zurückholen" in page.inner_text("main")
            problems += shown_page_problems(page, axe, "Frage vor dem Senden")
            page.goto(f"{base}/?q=" + "x" * 120)
            assert "höchstens 100 Zeichen" in page.inner_text("main")
            problems += shown_page_problems(page, axe, "Suche mit Fehler")
        context.close()
    assert not problems, "\n".join(map(str, problems))


def test_search_and_adoption_work_with_the_keyboard(live_server, browser, committed):
    graffiti, cyber, _ = _ids(committed)
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, "koordination.meissen")
    page.goto(f"{live_server}/praxis/")
    page.get_by_label("Suchbegriff").focus()
    page.keyboard.type("Präventionstag")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h3 a").all_inner_texts() == [CYBERCRIME.title]
    # from the result to its page, then to the adoption form, all by keyboard
    page.locator("h3 a").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("link", name="Wir setzen das auch um").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_label("Unsere Maßnahme dazu").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Übernahme eintragen"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "auch um" in page.inner_text("main")
    assert "Eingetragen: Stadt Meißen setzt diese Maßnahme auch um." in page.inner_text("main")
    context.close()
