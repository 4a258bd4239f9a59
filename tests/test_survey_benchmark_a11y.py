"""The benchmark's pages with figures in a browser: axe-core finds no violation and at 320 px nothing
scrolls sideways (the tables scroll inside their own regions, the box charts shrink) — the KPR page
of a participating KPR for its coordinator and a member, and the state council's page. Both pages work
with the keyboard alone: the state council starts the run with Enter on "Jetzt neu berechnen" (a real
worker computes it) and picks an item and a KPR in the filter form; the coordinator's tables are
reached by Tab in the page's order and scroll sideways with the arrow keys at 320 px; the focus is
always visible."""

from __future__ import annotations

import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from asskomm.prevention.survey.bank import BY_KEY
from tenants import db
from workers.survey_benchmark import compute_survey_benchmark_now

from .fixtures.browser import log_in, page_problems
from .helpers import tenant
from .survey_benchmark_data import YEAR, build_survey, given, no_demo_sharing

pytestmark = pytest.mark.browser


def _alliance(app, compute: bool = True) -> None:
    """Five KPRs of one size class with two items; Zwickau leaves one out, Plauen has an item under 5 answers."""
    with app.app_context():
        no_demo_sharing()
        for number, slug in enumerate(("zwickau", "meissen", "bautzen", "plauen", "freiberg")):
            answers = {"safety_night": given(very_safe=4 + number, very_unsafe=1 + number),
                       "problem_graffiti": given(none=3, big=1 + number % 3)}
            if slug == "zwickau":
                answers["victim"] = [("theft",), ("none",)] * 4
                del answers["problem_graffiti"]
            build_survey(tenant(slug).id, answers, title=f"Bürgerbefragung {slug}", closed_on=date(YEAR, 1, 10))
        if compute:
            compute_survey_benchmark_now()
        db.session.commit()


def test_benchmark_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    _alliance(committed)
    kpr = f"{live_server}/k/zwickau/praevention/befragung/vergleich"
    land = f"{live_server}/land/befragungen"
    pages = {"koordination.zwickau": [kpr], "mitglied.zwickau": [kpr],
             "land": [land, f"{land}?frage=problem_graffiti&name=Stadt"]}
    axe, problems = Axe(), []
    for login, urls in pages.items():
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        for url in urls:
            problems += page_problems(page, axe, url)
        context.close()
    assert problems == []


def _focused(page, script: str):
    return page.evaluate(f"(e => {script})(document.activeElement)")


def _tab_until(page, test: str, what: str, limit: int = 80) -> None:
    """Tab (forward only) until the focused element passes `test` (JavaScript on `e`); its focus must show."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused(page, test):
            assert _focused(page, "e.matches(':focus-visible') && getComputedStyle(e).outlineStyle !== 'none'"), what
            return
    raise AssertionError(f"Tab never reached {what} (at {_focused(page, 'e.outerHTML.slice(0, 120)')})")


@pytest.mark.worker
def test_benchmark_pages_work_with_the_keyboard_alone(live_server, browser, committed, redis_worker, through_broker):
    _alliance(committed, compute=False)
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, "land")
    page.goto(f"{live_server}/land/befragungen")
    # the run: Tab to the button, Enter; progress.js follows the worker and loads the page again
    _tab_until(page, "e.tagName === 'BUTTON' && e.innerText.trim() === 'Jetzt neu berechnen'", "the run button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "lauf=" not in url, timeout=30_000)
    main = page.inner_text("main")
    assert "Stand: berechnet am" in main and "5 KPR mit Werten im Vergleich" in main, redis_worker.log
    # the filter form: an item chosen with the arrow keys, a part of a name typed, sent with Enter
    _tab_until(page, "e.id === 'frage'", "the item list")
    for _ in range(len(BY_KEY)):
        if page.eval_on_selector("#frage", "e => e.value") == "problem_graffiti":
            break
        page.keyboard.press("ArrowDown")
    assert page.eval_on_selector("#frage", "e => e.value") == "problem_graffiti"
    page.keyboard.press("Tab")
    assert _focused(page, "e.id") == "name"
    page.keyboard.type("Bautzen")
    _tab_until(page, "e.tagName === 'BUTTON' && e.innerText.trim() === 'Anzeigen'", "the filter's button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "frage=problem_graffiti" in page.url and "name=Bautzen" in page.url
    assert page.get_by_role("heading", name=f"Werte der KPR – die Befragten {BY_KEY['problem_graffiti'].headline_label}"
                            ).is_visible()
    table = page.get_by_role("table", name="1 KPR mit „Bautzen“ im Namen, nach Namen")
    rows = table.locator("tbody tr")
    assert rows.count() == 1 and rows.locator("th").inner_text() == "Stadt Bautzen"
    assert re.fullmatch(r"\d+,\d\s%", rows.locator("td").nth(2).inner_text())
    context.close()

    # the KPR's page at 320 px: Tab reaches each table's region in the order of the page, and the
    # arrow keys scroll the focused one sideways
    context = browser.new_context(viewport={"width": 320, "height": 740})
    page = context.new_page()
    log_in(page, live_server, "koordination.zwickau")
    page.goto(f"{live_server}/k/zwickau/praevention/befragung/vergleich")
    captions = page.locator("main .scroll caption").all_inner_texts()
    assert captions[:2] == [f"Ihr KPR im Vergleich: {BY_KEY[key].headline_label}" for key in ("safety_night", "victim")]
    reached = []
    for caption in captions:
        _tab_until(page, "e.classList.contains('scroll')", f"the table „{caption}“")
        reached.append(_focused(page, "document.getElementById(e.getAttribute('aria-labelledby')).innerText"))
        region = "document.activeElement"
        assert page.evaluate(f"{region}.scrollWidth > {region}.clientWidth"), caption  # wider than 320 px
        for _ in range(10):
            page.keyboard.press("ArrowRight")
        # polled with evaluate: wait_for_function compiles a string, which the page's CSP forbids
        for _ in range(50):
            if page.evaluate(f"{region}.scrollLeft > 0"):
                break
            page.wait_for_timeout(100)
        assert page.evaluate(f"{region}.scrollLeft > 0"), caption
    assert reached == captions
    own = page.get_by_role("table", name=captions[0]).locator("tbody tr").first
    assert own.locator("th").inner_text() == "Ihr KPR"
    assert re.fullmatch(r"\d+,\d\s%", own.locator("td").first.inner_text())
    context.close()
