"""The Präventionsbericht's pages in a browser: axe-core finds no violation and at 320 px nothing
scrolls sideways — the years, a draft with its preview, the question before submitting, a version,
the return form (also with its refusal), the state council's list; submitting and returning are
done with the keyboard alone."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe

from asskomm.annual_report.models import AnnualReport
from tenants import db, tenant_context

from .fixtures.browser import log_in, page_problems, shown_page_problems
from .helpers import tenant

pytestmark = pytest.mark.browser


def test_report_pages_have_no_axe_violations_fit_320_px_and_work_by_keyboard(live_server, browser, committed):
    with committed.app_context():
        with tenant_context(tenant("zwickau").id):
            demo = db.session.scalar(sa.select(AnnualReport).filter_by(year=2025))
            demo_id, version_id = demo.id, demo.versions[0].id
            fresh = AnnualReport(year=2024, foreword="Ein Jahr des Aufbaus.", outlook="Mehr Arbeitsgruppen.")
            db.session.add(fresh)
            db.session.commit()
            fresh_id = fresh.id
        db.session.remove()
    base = f"{live_server}/k/zwickau/praeventionsbericht"
    pages = {
        "koordination.zwickau": [f"{base}/", f"{base}/{demo_id}", f"{base}/{fresh_id}", f"{base}/{fresh_id}/einreichen",
                                 f"{base}/fassungen/{version_id}"],
        "mitglied.zwickau": [f"{base}/", f"{base}/{demo_id}"],
        "kontakt": [f"{base}/", f"{base}/fassungen/{version_id}", f"{base}/fassungen/{version_id}/zurueckgeben",
                    f"{live_server}/land/praeventionsberichte/", f"{live_server}/land/praeventionsberichte/?jahr=2025",
                    f"{live_server}/land/"],
    }
    axe, problems = Axe(), []
    for login, urls in pages.items():
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        for url in urls:
            problems += page_problems(page, axe, url)
        page.set_viewport_size({"width": 1280, "height": 900})
        if login == "koordination.zwickau":
            # a refused year: the message at its field, still without violations
            page.goto(f"{base}/")
            page.get_by_label("Berichtsjahr").fill("abc")
            with page.expect_navigation():
                page.get_by_label("Berichtsjahr").press("Enter")
            assert "vierstellige Zahl" in page.inner_text("main")
            problems += shown_page_problems(page, axe, "Jahr abgelehnt")
            # submitting by keyboard: the link, then the question's button
            page.goto(f"{base}/{fresh_id}")
            page.get_by_role("link", name="Beim Landespräventionsrat einreichen …").focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "als Fassung 1 eingefroren" in page.inner_text("main")
            page.get_by_role("button", name="Verbindlich einreichen").focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "Präventionsbericht 2024, Fassung 1" in page.inner_text("h1")
            # publishing asks first, too
            page.get_by_role("link", name="Auf der öffentlichen Seite veröffentlichen …").focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "für alle lesbar" in page.inner_text("main")
            problems += shown_page_problems(page, axe, "Frage vor dem Veröffentlichen")
        if login == "kontakt":
            page.goto(f"{base}/fassungen/{version_id}/zurueckgeben")
            page.get_by_role("button", name="Zurückgeben").focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "Bitte schreiben Sie" in page.inner_text("main")
            problems += shown_page_problems(page, axe, "Rückgabe ohne Anmerkung")
            page.get_by_label("Anmerkung an die Koordinierungsstelle").fill("Bitte die Fortbildungen ergänzen.")
            page.keyboard.press("Tab")  # from the field to the button
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "zurückgegeben" in page.inner_text("main")
            assert "Bitte die Fortbildungen ergänzen." in page.inner_text("main")
        context.close()
    assert not problems, "\n".join(map(str, problems))
