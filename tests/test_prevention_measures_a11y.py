"""The measures pages in a browser: axe-core finds no violation and at 320 px nothing scrolls
sideways — the list, the form (also with a refusal), the measure's page, a Beccaria step for the
coordinator and for a member, the evaluation and the question before removing; the worksheet is
walked with the keyboard."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from axe_playwright_python.sync_playwright import Axe

from tenants import db

from .fixtures.browser import log_in, page_problems
from .prevention_measures_data import BASE, add_measures, make_round

pytestmark = pytest.mark.browser


def _committing(app):
    @contextmanager
    def enter():
        with app.app_context():
            yield db.session
            db.session.remove()

    return enter


def test_measures_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    made = make_round(_committing(committed), shared=True)
    measure_id, _ = add_measures(_committing(committed), made, 2)
    base, measure = f"{live_server}{BASE}", f"{live_server}{BASE}/{measure_id}"
    pages = {
        "koordination.bautzen": [base, f"{base}/neu", measure, f"{measure}/bearbeiten", f"{measure}/schritte/3",
                                 f"{measure}/schritte/7", f"{measure}/evaluation", f"{measure}/loeschen"],
        "mitglied.bautzen": [measure, f"{measure}/schritte/2"],
        "kontakt2": [base, measure],
    }
    axe, problems = Axe(), []
    for login, urls in pages.items():
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        for url in urls:
            problems += page_problems(page, axe, url)
        if login == "koordination.bautzen":
            page.set_viewport_size({"width": 1280, "height": 900})
            # a refused form: the message at its field, still without violations
            page.goto(f"{base}/neu")
            page.get_by_label("Titel", exact=True).fill("Seniorensicherheitstag")
            page.get_by_label("Handlungsfeld", exact=True).select_option(label="Gewalt")
            page.get_by_label("Beginn", exact=True).fill("2026-05-10")
            page.get_by_label("Ende", exact=True).fill("2026-05-01")
            with page.expect_navigation():
                page.get_by_role("button", name="Speichern").click()
            assert "Das Ende darf nicht vor dem Beginn liegen." in page.inner_text("main")
            problems += [("Formular mit Fehler", v["id"]) for v in axe.run(page).response["violations"]]
            # the worksheet by keyboard: answer, mark done, save and go on with Enter
            page.goto(f"{measure}/schritte/4")
            page.get_by_label("Welche Maßnahme wird gewählt").fill("Medienhelden an zwei Oberschulen")
            page.get_by_label("Schritt abgeschlossen").check()
            page.get_by_role("button", name="Speichern und weiter zu Schritt 5").focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.url.endswith(f"{BASE}/{measure_id}/schritte/5")
            assert "Schritt 5 von 7" in page.inner_text("main")
            assert page.locator("[aria-current='step']").inner_text() == "Projektkonzeption und -durchführung"
        context.close()
    assert not problems, "\n".join(map(str, problems))
