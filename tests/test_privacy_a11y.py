"""The privacy pages in a browser: axe-core finds no violation and nothing scrolls sideways at 320 px —
the data page before and after an export (requested with the keyboard), the export's own index.html,
and the confirmation pages of both deletions."""

from __future__ import annotations

import io
import zipfile

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe

from asskomm.structure.models import Person
from tenants import db, tenant_context

from .fixtures.browser import log_in, page_problems, shown_page_problems
from .helpers import tenant, user

pytestmark = pytest.mark.browser


def test_the_data_page_and_the_export_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    axe, problems = Axe(), []
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, "coach1")
    problems += page_problems(page, axe, f"{live_server}/konto/daten")
    page.get_by_role("button", name="Export anfordern").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Datenexport wird erstellt" in page.inner_text("main")
    problems += page_problems(page, axe, f"{live_server}/konto/daten")
    link = page.get_by_role("link", name="Export herunterladen (ZIP)")
    href = link.get_attribute("href")
    download = context.request.get(f"{live_server}{href}")
    assert download.status == 200
    index = zipfile.ZipFile(io.BytesIO(download.body())).read("index.html").decode()
    page.goto("about:blank")  # opened from disk, without the site's CSP, which would refuse its inline style
    page.set_content(index)
    problems += shown_page_problems(page, axe, "index.html des Exports")
    context.close()
    assert not problems, "\n".join(map(str, problems))


def test_the_deletion_questions_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    with committed.app_context():
        member_id = user("mitglied.zwickau").id
        with tenant_context(tenant("zwickau").id):
            person_id = db.session.scalar(sa.select(Person.id).limit(1))
    axe, problems = Axe(), []
    for login, url in (("land", f"{live_server}/land/personen/{member_id}/loeschen"),
                       ("koordination.zwickau", f"{live_server}/k/zwickau/struktur/personen/{person_id}"),
                       ("koordination.zwickau",
                        f"{live_server}/k/zwickau/struktur/personen/{person_id}/anonymisieren")):
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        problems += page_problems(page, axe, url)
        context.close()
    assert not problems, "\n".join(map(str, problems))
