"""The strategy pages in a browser: axe-core finds no violation, and at 320 px nothing scrolls sideways
(the goals table scrolls inside its own region) — the strategy with an adopted decision, the forms of
the adoption, action field and goal (also with a refusal shown), the goal page with its chart, the
removal questions; for the coordinator, a member, and the state contact once the strategy is shared.
The measurement form is used with the keyboard alone."""

from __future__ import annotations

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe

from asskomm.prevention.models import GoalMeasurement, PreventionCycle
from tenants import db, tenant_context

from .fixtures.browser import log_in, page_problems, shown_page_problems
from .helpers import tenant
from .prevention_strategy_data import BASE, SLUG, add_field, build_strategy

pytestmark = pytest.mark.browser


def _objects(app) -> dict[str, int]:
    made = build_strategy(app)
    field_id, [goal_id, *_], _ = add_field(app, made.cycle, title="Gewalt im öffentlichen Raum mit einem langen Titel",
                                           goals=3, measures=2)
    with app.app_context(), tenant_context(tenant(SLUG).id):
        cycle = db.session.get(PreventionCycle, made.cycle)
        cycle.strategy_summary = "Drei Schwerpunkte bis 2028."
        cycle.strategy_adopted_on, cycle.strategy_shared = cycle.analysis_finished_on, True
        cycle.strategy_body_id, cycle.strategy_meeting_id = made.steering, made.steering_meeting
        cycle.strategy_decision_id = made.steering_decision
        db.session.add(GoalMeasurement(goal_id=goal_id, year=2025, value=Decimal("205.5"), source="Polizeirevier"))
        db.session.commit()
    return {"cycle": made.cycle, "field": field_id, "goal": goal_id}


def test_strategy_pages_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    ids = _objects(committed)
    server = live_server.replace("127.0.0.1", "mv.localhost")  # Landkreis Rostock is MV's; Chromium maps *.localhost
    base = f"{server}{BASE}"
    strategy, goal = f"{base}/runden/{ids['cycle']}/strategie", f"{base}/ziele/{ids['goal']}"
    pages = {
        f"koordination.{SLUG}": [strategy, f"{strategy}/beschluss", f"{base}/runden/{ids['cycle']}/handlungsfelder/neu",
                                 f"{base}/handlungsfelder/{ids['field']}/bearbeiten",
                                 f"{base}/handlungsfelder/{ids['field']}/ziele/neu", goal, f"{goal}/bearbeiten",
                                 f"{base}/handlungsfelder/{ids['field']}/loeschen", f"{goal}/loeschen"],
        f"mitglied.{SLUG}": [strategy, goal],
        "kontakt-mv": [strategy, goal],
    }
    axe, problems = Axe(), []
    for login, urls in pages.items():
        context = browser.new_context()
        page = context.new_page()
        log_in(page, server, login)
        for url in urls:
            problems += page_problems(page, axe, url)
        if login.startswith("koordination"):
            # a refused goal (no figures for 2019) shows its message at the field, and the page still fits
            page.set_viewport_size({"width": 320, "height": 900})
            page.goto(f"{base}/handlungsfelder/{ids['field']}/ziele/neu")
            page.get_by_label("Ziel", exact=True).fill("Weniger Gewalt")
            page.get_by_label("Ausgangsjahr").fill("2019")
            page.get_by_label("Zielwert").fill("100")
            page.get_by_label("Zieljahr").fill("2028")
            page.get_by_role("button", name="Speichern").click()
            page.wait_for_load_state()
            assert "kein Wert aus der Analyse vor" in page.inner_text("main")
            problems += shown_page_problems(page, axe, "Ziel mit Fehler")
            # an entered value, by keyboard alone
            page.goto(goal)
            page.get_by_label("Jahr", exact=True).focus()
            page.keyboard.type("2025")
            page.keyboard.press("Tab")
            page.keyboard.type("199")
            page.keyboard.press("Tab")
            page.keyboard.type("Ordnungsamt")
            page.keyboard.press("Tab")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "Der Messwert für 2025 wurde berichtigt." in page.inner_text("main")
            assert "Ziel erreicht" in page.inner_text("main")
        context.close()
    assert not problems, "\n".join(map(str, problems))
