"""The whole prevention cycle in a real browser, as Bautzen's coordinator walks it: a Sicherheitsanalyse
with crime figures imported from a CSV file (the Häufigkeitszahl on the page checked against the
formula), the inventory, a strategy with one goal adopted in a meeting's decision, a measure through
all seven Beccaria steps, an evaluation against the goal; then the state council's overview shows
Bautzen at the next stage. The pages of the walk are axe-clean and fit 320 px on the way."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe

from asskomm.meetings.models import Decision, Meeting, MeetingStatus, Minutes
from asskomm.prevention.models import PreventionCycle
from asskomm.prevention.reference import STEPS
from asskomm.prevention.stage import Stage, stage_of
from asskomm.structure.models import Body, BodyKind
from asskomm.timeutil import now
from tenants import db, tenant_context

from .fixtures.browser import log_in, page_problems
from .helpers import tenant

pytestmark = pytest.mark.browser

SLUG = "bautzen"
KEY = "892000"  # Gewaltkriminalität
INHABITANTS = {2023: 37_815, 2024: 37_500}
CASES = {2023: 112, 2024: 131}
CSV = ("Jahr;Straftatenschlüssel;Fälle;Versuche;aufgeklärte Fälle;Tatverdächtige\n"
       f"2023;{KEY};{CASES[2023]};9;88;95\n"
       f"2024;{KEY};{CASES[2024]};11;97;104\n"
       "2024;674000;1.204;;310;280\n")


def _decision_in_held_meeting(app) -> str:
    """Bautzen's steering group met last month and adopted the strategy: the decision to link."""
    with app.app_context(), tenant_context(tenant(SLUG).id):
        body = Body(kind=BodyKind.steering_group, name="Lenkungsgruppe Prävention Bautzen")
        held = now() - timedelta(days=30)
        meeting = Meeting(body=body, title="Sitzung der Lenkungsgruppe", starts_at=held,
                          ends_at=held + timedelta(hours=2), place="Rathaus", status=MeetingStatus.held)
        meeting.minutes = Minutes(text="Niederschrift", recorded_at=held,
                                  decisions=[Decision(position=1, text="Die Präventionsstrategie wird beschlossen.")])
        db.session.add_all([body, meeting])
        db.session.commit()
        return body.name


def _submit(page, first_label: str, values: dict[str, str], checks: tuple[str, ...] = ()) -> None:
    """Fill the form that holds the field `first_label` and send it with its own submit button."""
    form = page.get_by_label(first_label, exact=True).locator("xpath=ancestor::form[1]")
    for label, value in values.items():
        field = form.get_by_label(label, exact=True)
        if field.evaluate("e => e.tagName") == "SELECT":  # the option that names the value
            field.select_option(value=field.locator("option", has_text=value).first.get_attribute("value"))
        else:
            field.fill(value)
    for label in checks:
        form.get_by_label(label).check()
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()
    assert page.locator(".flash-error, .errors").count() == 0, page.locator("main").inner_text()[:2000]


def _rate(cases: int, inhabitants: int) -> str:
    value = (Decimal(cases) * 100_000 / inhabitants).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value:.1f}".replace(".", ",")


def _stage(app) -> Stage:
    with app.app_context():
        return stage_of(tenant(SLUG).id)


def test_a_coordinator_walks_the_whole_cycle_and_the_state_overview_shows_the_next_stage(
        live_server, browser, committed, tmp_path):
    app = committed
    body_name = _decision_in_held_meeting(app)
    base = f"{live_server}/k/{SLUG}/praevention"
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, f"koordination.{SLUG}")
    axe, problems = Axe(), []

    # 1. Sicherheitsanalyse: the round, the population, crime figures from a file
    page.goto(f"{base}/")
    assert _stage(app) == Stage.not_started
    with page.expect_navigation():
        page.get_by_role("link", name="Sicherheitsanalyse beginnen").click()
    _submit(page, "Analyse begonnen am", {"Analyse begonnen am": "2026-01-15", "Kriminalstatistik ab Jahr": "2023",
                                          "bis Jahr": "2024"})
    with app.app_context(), tenant_context(tenant(SLUG).id):
        cycle_id = db.session.scalar(sa.select(PreventionCycle.id))
    for year, inhabitants in INHABITANTS.items():
        page.goto(f"{base}/einwohnerzahlen")
        _submit(page, "Einwohner:innen", {"Jahr": str(year), "Einwohner:innen": f"{inhabitants:,}".replace(",", "."),
                                          "Quelle": "Statistisches Landesamt"})
    page.goto(f"{base}/kriminalstatistik/import")
    upload = tmp_path / "pks-bautzen.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(str(upload))
    with page.expect_navigation():
        page.get_by_label("Datei (CSV oder XLSX)").locator("xpath=ancestor::form[1]") \
            .locator("button[type=submit]").first.click()
    assert page.locator(".flash-error, .errors").count() == 0, page.locator("main").inner_text()[:2000]
    page.goto(f"{base}/kriminalstatistik?von=2023&bis=2024")
    table_text = page.locator("main").inner_text()
    for year in (2023, 2024):
        assert _rate(CASES[year], INHABITANTS[year]) in table_text, (year, table_text[:3000])
    problems += page_problems(page, axe, f"{base}/kriminalstatistik?von=2023&bis=2024")

    page.goto(f"{base}/runden/{cycle_id}/ergebnisse")
    _submit(page, "Erkenntnisse", {
        "Jahr der Befragung": "2025", "Stichprobe (befragte Personen)": "1.000", "Antworten": "397",
        "Anteil, der sich nachts allein in der Wohngegend unsicher fühlt (%)": "41,5",
        "Erkenntnisse": "Gewalt im öffentlichen Raum nimmt zu, vor allem am Bahnhof.",
        "Analyse abgeschlossen am": "2026-03-31"})
    page.goto(f"{base}/runden/{cycle_id}/probleme/neu")
    _submit(page, "Problem", {"Problem": "Gewalt am Bahnhof", "Priorität (1 = am dringendsten)": "1",
                              "Beleg aus der Kriminalstatistik": f"{KEY} – Gewaltkriminalität (Summenschlüssel)"})
    assert _stage(app) == Stage.resources
    problems += page_problems(page, axe, f"{base}/runden/{cycle_id}")

    # 2. Bedarfs- und Ressourcenanalyse
    page.goto(f"{base}/runden/{cycle_id}/angebote/neu")
    _submit(page, "Angebot", {"Angebot": "Streetwork am Bahnhof", "Träger": "Jugendhilfe Bautzen e. V."},
            checks=("Gewalt am Bahnhof",))
    assert _stage(app) == Stage.strategy
    problems += page_problems(page, axe, f"{base}/runden/{cycle_id}/angebote")

    # 3. Präventionsstrategie: an action field, a goal with its baseline from the figures, the decision
    page.goto(f"{base}/runden/{cycle_id}/handlungsfelder/neu")
    _submit(page, "Titel", {"Titel": "Sicherheit am Bahnhof"}, checks=("Gewalt am Bahnhof",))
    page.goto(f"{base}/runden/{cycle_id}/strategie")
    with page.expect_navigation():
        page.get_by_role("link", name="Ziel anlegen im Handlungsfeld Sicherheit am Bahnhof").click()
    indicator = page.get_by_label("Kennzahl, an der das Ziel gemessen wird", exact=True)
    option = indicator.locator("option", has_text=KEY).filter(has_text="Häufigkeitszahl").first
    indicator.select_option(value=option.get_attribute("value"))
    _submit(page, "Ziel", {"Ziel": "Weniger Gewalttaten am Bahnhof", "Ausgangsjahr": "2024", "Zielwert": "300",
                           "Zieljahr": "2028"})
    goal_url = page.url if "/ziele/" in page.url else None
    page.goto(f"{base}/runden/{cycle_id}/strategie/beschluss")
    _submit(page, "Beschlossen von (Gremium)", {"Beschlossen von (Gremium)": body_name,
                                                "Beschluss (aus der Niederschrift der Sitzung)":
                                                "Die Präventionsstrategie wird beschlossen."})
    assert _stage(app) == Stage.measures
    page.goto(f"{base}/runden/{cycle_id}/strategie")
    strategy_text = page.locator("main").inner_text()
    assert _rate(CASES[2024], INHABITANTS[2024]) in strategy_text  # the baseline came from the figures
    problems += page_problems(page, axe, f"{base}/runden/{cycle_id}/strategie")

    # 4. Maßnahme through all seven Beccaria steps
    page.goto(f"{base}/massnahmen/neu")
    _submit(page, "Titel", {"Titel": "Präsenz und Streetwork am Bahnhof", "Status": "laufend",
                            "Handlungsfeld": "Sicherheit am Bahnhof",
                            "Ziel, dem die Maßnahme dient (optional)": "Weniger Gewalttaten am Bahnhof"})
    measure_url = page.url.split("?")[0].split("#")[0]
    assert "/massnahmen/" in measure_url
    for number, step in STEPS.items():
        page.goto(f"{measure_url}/schritte/{number}")
        for question in step.questions:
            page.get_by_label(question.text, exact=True).fill(f"Antwort zu „{question.text}“")
        _submit(page, step.questions[0].text, {}, checks=("Schritt abgeschlossen",))
    page.goto(measure_url)
    assert "7 von 7" in page.locator("main").inner_text()
    problems += page_problems(page, axe, measure_url)

    # 5. Evaluation: of the measure, and a value measured against the goal
    page.goto(f"{measure_url}/evaluation")
    _submit(page, "Was wurde getan?", {"Was wurde getan?": "Streetwork an vier Abenden je Woche.",
                                       "Was hat die Maßnahme erreicht?": "Weniger Einsätze am Bahnhof.",
                                       "Was haben Sie daraus gelernt?": "Feste Zeiten helfen.",
                                       "Evaluiert am": "2026-11-30"})
    if goal_url is None:
        page.goto(measure_url)
        with page.expect_navigation():
            page.get_by_role("link", name="Weniger Gewalttaten am Bahnhof").first.click()
        goal_url = page.url
    page.goto(goal_url)
    _submit(page, "Gemessener Wert", {"Jahr": "2025", "Gemessener Wert": "320,0", "Quelle": "PKS 2025"})
    problems += page_problems(page, axe, goal_url)
    assert _stage(app) == Stage.evaluation
    page.goto(f"{base}/")
    assert "Evaluation" in page.locator("main").inner_text()
    context.close()

    # The state council sees Bautzen at the next stage, and finds it by the stage filter.
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server, "land")
    page.goto(f"{live_server}/land/?zyklus={Stage.evaluation.value}")
    row = page.locator("tr", has_text="Stadt Bautzen")
    assert row.count() == 1 and "Evaluation" in row.inner_text(), page.locator("main").inner_text()[:3000]
    assert page.locator("tr", has_text="Zittau").count() == 0  # at the Bedarfs- und Ressourcenanalyse
    context.close()
    assert problems == []
