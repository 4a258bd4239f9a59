"""The citizen survey in a real browser. A respondent on a 320 px phone opens the start page, reaches
the questionnaire and completes it with the keyboard alone (Tab, Space, arrow keys, Enter), first
missing the required question and led back by the error summary; nothing scrolls sideways, axe finds
nothing, and the response is stored. The coordinator's codes, print and paper pages pass the same
audit, and a paper sheet is typed and saved with Enter alone."""

from __future__ import annotations

import dataclasses

import pytest
from axe_playwright_python.sync_playwright import Axe

from asskomm.prevention.survey.models import SurveyStatus
from asskomm.timeutil import today

from .fixtures.browser import log_in, page_problems
from .survey_collection_data import COORDINATOR, make, set_status, stored

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 740}


def _active_id(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id : ''")


def _tab_to(page, element_id: str, limit: int = 60) -> None:
    """Tab (forward only) until the element with `element_id` has the focus."""
    for _ in range(limit):
        if _active_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id} (at #{_active_id(page)})")


def _tab_to_text(page, text: str, limit: int = 60) -> None:
    """Tab until the focused element (a link or button) says `text`."""
    for _ in range(limit):
        if page.evaluate("document.activeElement ? document.activeElement.innerText.trim() : ''") == text:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached „{text}“")


def _fits(page) -> list:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    return [] if overflow <= 0 else [(page.url, "scrolls sideways at 320 px", overflow)]


def _audit_here(page, axe) -> list:
    """axe on the page as it stands (a form answered with errors), at its current width."""
    return [(page.url, v["id"], [n["target"] for n in v["nodes"]][:3]) for v in axe.run(page).response["violations"]]


def test_a_respondent_completes_the_survey_at_320_px_with_the_keyboard_alone(live_server, browser, committed):
    made = make(committed, codes=("K7QXM3TP",))
    axe, problems = Axe(), []
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for tail in ("", "/datenschutz", "/fragebogen"):
        problems += page_problems(page, axe, live_server + made.url(tail))
    page.set_viewport_size(PHONE)

    page.goto(live_server + made.url())
    _tab_to_text(page, "Befragung beginnen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/fragebogen")
    problems += _fits(page)

    # Sent without the required first answer: the summary leads back to it.
    _tab_to_text(page, "Antworten absenden")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Bitte prüfen Sie Ihre Antworten" in page.inner_text(".error-summary")
    problems += _fits(page) + _audit_here(page, axe)
    night = made.questions["safety_night"]
    first = f"q{night}-o{made.options['safety_night']['very_safe']}"
    _tab_to_text(page, "Frage 1: Bitte beantworten Sie diese Frage.")
    page.keyboard.press("Enter")  # to the question; the next Tab goes on from there
    page.keyboard.press("Tab")
    if _active_id(page) != first:  # browsers differ in where the fragment leaves the focus
        _tab_to(page, first)

    page.keyboard.press("Space")  # sehr sicher …
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # … ziemlich unsicher
    lock = f"q{made.questions['protection']}-o{made.options['protection']['lock']}"
    taxi = f"q{made.questions['protection']}-o{made.options['protection']['taxi']}"
    _tab_to(page, lock)
    page.keyboard.press("Space")
    _tab_to(page, taxi)
    page.keyboard.press("Space")
    scale_first = f"q{made.questions['scale']}-o{made.options['scale']['1']}"
    _tab_to(page, scale_first)
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # 4 of 5
    _tab_to(page, f"q{made.questions['text']}")
    page.keyboard.type("an der Haltestelle am Markt")
    _tab_to(page, f"q{made.questions['age_band']}-o{made.options['age_band']['16-24']}")
    page.keyboard.press("ArrowDown")  # the arrow chooses in a group that had no choice yet: 25 bis 44
    problems += _fits(page)
    _tab_to_text(page, "Antworten absenden")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/danke"), page.url
    assert "Vielen Dank für Ihre Antworten!" in page.inner_text("main")
    problems += _fits(page) + _audit_here(page, axe)

    options, questions = made.options, made.questions
    saved = stored(committed, made)
    assert saved["responses"] == [(today(), "online")]
    chosen = {(question, option, text) for question, option, text in saved["answers"]}
    assert chosen == {
        (questions["safety_night"], options["safety_night"]["fairly_unsafe"], ""),
        (questions["protection"], options["protection"]["lock"], ""),
        (questions["protection"], options["protection"]["taxi"], ""),
        (questions["scale"], options["scale"]["4"], ""),
        (questions["text"], 0, "an der Haltestelle am Markt"),
        (questions["age_band"], options["age_band"]["25-44"], "")}

    # The code path and the rate limit's page, by keyboard too.
    saved_settings = committed.config["SETTINGS"]
    committed.config["SETTINGS"] = dataclasses.replace(saved_settings, survey_rate_limit="1 per minute")
    try:
        for attempt in range(2):
            page.goto(live_server + made.url())
            page.get_by_label("Ihr Zugangscode").focus()
            page.keyboard.type("abcd efgh" if attempt == 0 else "k7qx-m3tp")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            if attempt == 0:
                assert "Diesen Zugangscode kennen wir" in page.inner_text("main")
                problems += _fits(page) + _audit_here(page, axe)
        assert "Zu viele Antworten in kurzer Zeit" in page.inner_text("main")
        problems += _fits(page) + _audit_here(page, axe)
    finally:
        committed.config["SETTINGS"] = saved_settings
    context.close()
    assert problems == [], "\n".join(map(str, problems))


def test_the_coordinators_codes_print_and_paper_pages_pass_axe_fit_320_px_and_take_a_sheet_by_keyboard(
        live_server, browser, committed):
    made = make(committed, codes=("K7QXM3TP", "ABCD2345"))
    closed = make(committed, "Abgeschlossene Befragung")
    set_status(committed, closed, SurveyStatus.closed)
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, COORDINATOR)
    axe, problems = Axe(), []
    base = live_server + "/k/zwickau/praevention/befragungen"
    for url in (f"{base}/{made.id}/codes", f"{base}/{made.id}/codes/druck", f"{base}/{made.id}/papier",
                f"{base}/{closed.id}/papier", f"{base}/{closed.id}/codes"):
        problems += page_problems(page, axe, url)

    page.set_viewport_size(PHONE)
    page.goto(f"{base}/{made.id}/papier")
    night = made.questions["safety_night"]
    assert _active_id(page) == f"q{night}"  # the first field has the focus
    page.keyboard.type("7")  # not an answer of this question
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Bitte nur Nummern von 1 bis 4 eingeben." in page.inner_text(f"#q{night}-error")
    assert _active_id(page) == f"q{night}"
    problems += _fits(page) + _audit_here(page, axe)
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("1 3")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Bogen 1 gespeichert." in page.inner_text("main")
    assert _active_id(page) == f"q{night}" and page.input_value(f"#q{night}") == ""
    problems += _fits(page)
    context.close()
    saved = stored(committed, made)
    assert saved["responses"] == [(today(), "paper")] and len(saved["answers"]) == 3
    assert problems == [], "\n".join(map(str, problems))
