"""The legal pages in a browser: axe-core finds no violation and nothing scrolls sideways at 320 px (the
three public pages, the feedback form sent back with its messages, the feedback list, its delete question
and the register of processing); and the feedback form is filled and sent with the keyboard alone."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe

from asskomm.legal.models import AccessibilityFeedback
from tenants import db

from .fixtures.browser import log_in, page_problems, shown_page_problems
from .helpers import tenant

pytestmark = pytest.mark.browser


def _feedback(app) -> int:
    with app.app_context():
        zwickau = tenant("zwickau").id
        rows = [AccessibilityFeedback(name="Erika Muster", email="erika.mit.einer.sehr.langen.adresse@example.org",
                                      page="/k/zwickau/sitzungen/und/ein/sehr/langer/pfad/ohne/leerzeichen/bis/zum/ende",
                                      message="Die Tabelle ist zu breit.\nZweite Zeile.", tenant_id=zwickau)]
        rows += [AccessibilityFeedback(page=f"Seite {n}", message=f"Nachricht {n}") for n in range(30)]
        db.session.add_all(rows)
        db.session.commit()
        first = rows[0].id
        db.session.remove()
    return first


def test_legal_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    first = _feedback(committed)
    axe, problems = Axe(), []
    context = browser.new_context()
    page = context.new_page()
    for path in ("/impressum", "/datenschutz", "/barrierefreiheit"):
        problems += page_problems(page, axe, live_server + path)
    page.goto(f"{live_server}/barrierefreiheit")
    page.get_by_label("Ihre E-Mail-Adresse").fill("erika@")
    page.get_by_role("button", name="Rückmeldung senden").click()
    page.wait_for_load_state()
    assert "Bitte beschreiben Sie, was Ihnen aufgefallen ist." in page.inner_text("main")
    problems += shown_page_problems(page, axe, "Rückmeldung mit Fehlern")
    log_in(page, live_server, "land")
    for path in ("/land/barrierefreiheit-rueckmeldungen", "/land/barrierefreiheit-rueckmeldungen?seite=2",
                 f"/land/barrierefreiheit-rueckmeldungen/{first}/loeschen", "/land/verarbeitungsverzeichnis",
                 "/datenschutz"):
        problems += page_problems(page, axe, live_server + path)
    context.close()
    assert not problems, "\n".join(map(str, problems))


def test_the_feedback_form_is_filled_and_sent_with_the_keyboard_alone(live_server, browser, committed):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/impressum")
    # from the footer: Tab to the link, Enter opens the statement
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Barrierefreiheit":
            break
    assert page.evaluate("document.activeElement.closest('footer') !== null")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/barrierefreiheit")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "name":
            break
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.type("Erika Muster")
    page.keyboard.press("Tab")
    page.keyboard.type("erika@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "page"
    assert page.evaluate("document.activeElement.value") == "/impressum"  # the page one came from
    page.keyboard.press("Tab")
    page.keyboard.type("Der Kontrast der Fußzeile ist zu schwach.")
    page.keyboard.press("Tab")
    for _ in range(3):  # past the privacy link to the button
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Rückmeldung senden"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Vielen Dank! Ihre Rückmeldung ist bei uns eingegangen." in page.inner_text("main")
    context.close()
    with committed.app_context():
        feedback = db.session.scalars(sa.select(AccessibilityFeedback)).one()
        assert (feedback.name, feedback.email, feedback.page) == ("Erika Muster", "erika@example.org", "/impressum")
        assert feedback.message == "Der Kontrast der Fußzeile ist zu schwach."
        db.session.remove()
