"""The questionnaire editor in a browser: axe-core finds no violation and nothing scrolls sideways at
320 px on the list, the survey's page, the item bank, the question forms (also with a refusal shown),
the section form, the settings, the preview and the questions asked before opening and deleting; for
the coordinator and a member. A question is moved down with the keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from asskomm.prevention.cycles import current_cycle
from asskomm.prevention.survey.editing import composition, services
from asskomm.prevention.survey.models import QuestionKind
from tenants import db, tenant_context

from .fixtures.browser import log_in, page_problems, shown_page_problems
from .helpers import tenant
from .survey_editing_data import BASE, COORDINATOR, MEMBER, SLUG

pytestmark = pytest.mark.browser

LONG = ("Wie zufrieden sind Sie mit der Beleuchtung der Wege zwischen dem Hauptbahnhof, der Innenstadt und den "
        "Wohngebieten am Rand der Stadt, wenn Sie abends nach Hause gehen?")


def _survey(app) -> dict[str, int]:
    with app.app_context(), tenant_context(tenant(SLUG).id):
        survey = services.create_survey(current_cycle(), "Bürgerbefragung Zwickau mit einem recht langen Titel 2026")
        composition.add_bank_items(survey, ["safety_day", "victim", "problem_graffiti", "age_band", "district"],
                                   "Innenstadt\nMarienthal\nPlanitz\nEckersbach")
        own = composition.save_own_question(survey, composition.QuestionInput(
            section=survey.sections[0], kind=QuestionKind.scale, text=LONG, help_text="Denken Sie an den Winter.",
            scale_steps=5, scale_low="gar nicht zufrieden", scale_high="sehr zufrieden"))
        ids = {"survey": survey.id, "own": own.id, "night": survey.sections[0].questions[0].id,
               "section": survey.sections[0].id, "empty": survey.sections[1].id}
        db.session.commit()
        return ids


def test_editor_pages_have_no_axe_violations_fit_320_px_and_work_with_the_keyboard(live_server, browser, committed):
    ids = _survey(committed)
    base = f"{live_server}{BASE}/befragungen"
    survey = f"{base}/{ids['survey']}"
    pages = {
        COORDINATOR: [base, survey, f"{survey}/fragenkatalog", f"{survey}/fragen/neu",
                      f"{base}/fragen/{ids['own']}/bearbeiten", f"{base}/fragen/{ids['night']}/bearbeiten",
                      f"{survey}/abschnitte/neu", f"{base}/abschnitte/{ids['section']}/bearbeiten",
                      f"{survey}/bearbeiten",
                      f"{survey}/vorschau", f"{survey}/oeffnen", f"{survey}/loeschen",
                      f"{base}/fragen/{ids['own']}/loeschen", f"{base}/abschnitte/{ids['section']}/loeschen",
                      f"{base}/abschnitte/{ids['empty']}/loeschen"],
        MEMBER: [base, survey, f"{survey}/vorschau"],
    }
    axe, problems = Axe(), []
    for login, urls in pages.items():
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        for url in urls:
            problems += page_problems(page, axe, url)
        if login == COORDINATOR:
            # a refused own question (one answer only) shows its message at the field, and still fits
            page.set_viewport_size({"width": 320, "height": 900})
            page.goto(f"{survey}/fragen/neu")
            page.get_by_label("Frage", exact=True).fill("Lesen Sie das Amtsblatt?")
            page.get_by_label("Antwortmöglichkeiten (eine je Zeile)").fill("ja")
            page.get_by_role("button", name="Speichern").click()
            page.wait_for_load_state()
            assert "Bitte geben Sie 2 bis 20 Antwortmöglichkeiten an" in page.inner_text("main")
            problems += shown_page_problems(page, axe, "Frage mit Fehler")
            # the night-time item moves down below the own question, by keyboard alone
            page.goto(survey)
            page.get_by_role("button", name="Frage nach unten: Wie sicher fühlen Sie sich, wenn Sie nachts").focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            first = page.locator(f"#abschnitt-{ids['section']} ol > li").first.inner_text()
            assert first.startswith("Wie sicher fühlen Sie sich, wenn Sie tagsüber"), first
        context.close()
    assert not problems, "\n".join(map(str, problems))
