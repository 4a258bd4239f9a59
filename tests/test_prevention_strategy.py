"""The Präventionsstrategie through HTTP: action fields from the round's problems, goals whose
baseline comes from the analysis' figures, the adoption linked to a meeting's decision, who reads
and who edits, removing with a question first, and a fixed number of queries as the strategy grows."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from asskomm.meetings.models import Meeting
from asskomm.prevention.models import ActionField, Goal, Measure, PreventionCycle
from asskomm.timeutil import berlin
from tenants import tenant_context

from .helpers import tenant
from .prevention_strategy_data import BASE, SLUG, VIOLENCE, add_field, build_strategy

COORDINATOR = f"koordination.{SLUG}"


def _cycle(ctx, cycle_id: int) -> PreventionCycle:
    with ctx() as session, tenant_context(tenant(SLUG).id):
        cycle = session.get(PreventionCycle, cycle_id)
        session.expunge_all()
        return cycle


def _fields(ctx, cycle_id: int) -> list[ActionField]:
    with ctx() as session, tenant_context(tenant(SLUG).id):
        rows = session.scalars(sa.select(ActionField).where(ActionField.cycle_id == cycle_id)
                               .order_by(ActionField.id)).unique().all()
        for row in rows:
            _ = row.problems, row.working_group, row.goals
        session.expunge_all()
        return rows


def _goal(ctx, goal_id: int) -> Goal | None:
    with ctx() as session, tenant_context(tenant(SLUG).id):
        goal = session.get(Goal, goal_id)
        session.expunge_all()
        return goal


def _goal_form(**changes) -> dict:
    form = {"title": "Weniger Gewaltkriminalität", "indicator": f"crime_rate:{VIOLENCE}", "baseline_year": "2023",
            "baseline_value": "", "target_value": "200", "target_year": "2028"}
    form.update(changes)
    return form


def test_coordinator_derives_an_action_field_and_a_goal_whose_baseline_is_the_haeufigkeitszahl(fresh, client_as, ctx):
    made = build_strategy(fresh)
    client = client_as(COORDINATOR)
    page = client.get(f"{BASE}/runden/{made.cycle}/handlungsfelder/neu").get_data(as_text=True)
    assert "Gewalt im Bahnhofsumfeld" in page and "AG Gewaltprävention Strategietest" in page
    assert "Lenkungsgremium Strategietest" not in page  # only working groups
    response = client.submit(f"{BASE}/runden/{made.cycle}/handlungsfelder/neu", {
        "title": "Gewalt im öffentlichen Raum", "description": "Bahnhof und Innenstadt", "problems": [made.problems[0]],
        "working_group_id": str(made.group), "position": ""})
    assert response.status_code == 302
    [field] = _fields(ctx, made.cycle)
    assert [p.id for p in field.problems] == [made.problems[0]] and field.working_group.id == made.group
    form_page = client.get(f"{BASE}/handlungsfelder/{field.id}/ziele/neu").get_data(as_text=True)
    assert "<optgroup" in form_page and 'value="2023"' in form_page  # baseline year: the analysis' last year
    response = client.submit(f"{BASE}/handlungsfelder/{field.id}/ziele/neu", _goal_form())
    assert response.status_code == 302
    [goal] = _fields(ctx, made.cycle)[0].goals
    # 500 cases in 2023 for 200,000 inhabitants: 500 × 100,000 / 200,000 = 250,0
    assert goal.baseline_value == Decimal("250.00") == Decimal(500 * 100_000) / 200_000
    assert goal.indicator_kind == "crime_rate" and goal.offence_key == VIOLENCE
    strategy = client.get(f"{BASE}/runden/{made.cycle}/strategie").get_data(as_text=True)
    assert "Gewalt im öffentlichen Raum" in strategy and "1. Gewalt im Bahnhofsumfeld" in strategy
    assert "AG Gewaltprävention Strategietest" in strategy
    assert "250,0 (2023)" in strategy and "200,0 (2028)" in strategy and "225,0 (2024)" in strategy
    assert "auf Kurs" in strategy and "noch nicht beschlossen" in strategy


def test_baseline_from_a_series_and_from_the_survey(fresh, client_as, ctx):
    made = build_strategy(fresh)
    field_id, _, _ = add_field(fresh, made.cycle)
    client = client_as(COORDINATOR)
    url = f"{BASE}/handlungsfelder/{field_id}/ziele/neu"
    assert client.submit(url, _goal_form(indicator=f"series:{made.series}", target_value="80")).status_code == 302
    assert client.submit(url, _goal_form(indicator="survey_unsafe", target_value="25,5")).status_code == 302
    series_goal, survey_goal = _fields(ctx, made.cycle)[0].goals
    assert series_goal.baseline_value == Decimal(120) and survey_goal.baseline_value == Decimal("38.0")
    assert survey_goal.target_value == Decimal("25.5")


def test_baseline_is_refused_where_the_analysis_has_no_value(fresh, client_as, ctx):
    made = build_strategy(fresh)
    field_id, _, _ = add_field(fresh, made.cycle)
    client = client_as(COORDINATOR)
    url = f"{BASE}/handlungsfelder/{field_id}/ziele/neu"
    for form in (_goal_form(baseline_year="2020"), _goal_form(indicator="crime_rate:435*00"),
                 _goal_form(indicator="survey_unsafe", baseline_year="2022")):
        response = client.submit(url, form)
        assert response.status_code == 422
        assert "kein Wert aus der Analyse vor" in response.get_data(as_text=True)
    bad = {
        "Das Zieljahr muss nach dem Ausgangsjahr": _goal_form(target_year="2023"),
        "Zielwert ist gleich dem Ausgangswert": _goal_form(target_value="250"),
        "Bitte wählen Sie einen Eintrag aus der Liste": _goal_form(indicator="crime_rate:999999"),
        "ist ein Anteil in Prozent": _goal_form(indicator="survey_unsafe", target_value="120"),
        "keine Jahreszahl": _goal_form(target_year="bald"),
    }
    for message, form in bad.items():
        response = client.submit(url, form)
        assert response.status_code == 422 and message in response.get_data(as_text=True), message
    # an entered baseline needs no figures
    assert client.submit(url, _goal_form(baseline_year="2020", baseline_value="1.234,5")).status_code == 302
    assert _fields(ctx, made.cycle)[0].goals[0].baseline_value == Decimal("1234.5")


def test_another_kprs_series_is_refused(fresh, client_as, ctx):
    made = build_strategy(fresh)
    other = build_strategy(fresh, "bautzen")
    field_id, _, _ = add_field(fresh, made.cycle)
    response = client_as(COORDINATOR).submit(f"{BASE}/handlungsfelder/{field_id}/ziele/neu",
                                             _goal_form(indicator=f"series:{other.series}"))
    assert response.status_code == 422 and "Bitte wählen Sie einen Eintrag aus der Liste" in response.get_data(
        as_text=True)
    assert _fields(ctx, made.cycle)[0].goals == []


def test_adoption_by_a_body_links_its_meetings_decision(fresh, client_as, ctx):
    made = build_strategy(fresh)
    client = client_as(COORDINATOR)
    url = f"{BASE}/runden/{made.cycle}/strategie/beschluss"
    page = client.get(url).get_data(as_text=True)
    assert page.count("<optgroup") >= 3 and "Der Lenkungskreis beschließt die Präventionsstrategie." in page
    response = client.submit(url, {"summary": "Drei Schwerpunkte bis 2028.", "body_id": str(made.steering),
                                   "decision_id": str(made.steering_decision), "shared": "y"})
    assert response.status_code == 302
    cycle = _cycle(ctx, made.cycle)
    with ctx() as session, tenant_context(tenant(SLUG).id):
        meeting_day = berlin(session.get(Meeting, made.steering_meeting).starts_at).date()
    assert cycle.strategy_adopted_on == meeting_day and cycle.strategy_body_id == made.steering
    assert cycle.strategy_meeting_id == made.steering_meeting and cycle.strategy_decision_id == made.steering_decision
    assert cycle.strategy_shared and cycle.strategy_summary == "Drei Schwerpunkte bis 2028."
    strategy = client.get(f"{BASE}/runden/{made.cycle}/strategie").get_data(as_text=True)
    assert f"Beschlossen am <strong>{meeting_day:%d.%m.%Y}</strong>" in strategy
    assert f'href="/k/{SLUG}/sitzungen/{made.steering_meeting}"' in strategy
    assert "<blockquote" in strategy and "Der Lenkungskreis beschließt die Präventionsstrategie." in strategy
    assert "Für den Landespräventionsrat freigegeben" in strategy
    # the adoption is withdrawn by choosing no body and no decision
    assert client.submit(url, {"summary": "", "body_id": "0", "decision_id": "0"}).status_code == 302
    cycle = _cycle(ctx, made.cycle)
    assert cycle.strategy_adopted_on is None and cycle.strategy_decision_id is None and not cycle.strategy_shared


def test_adoption_is_refused_for_another_bodys_decision_and_another_kprs(fresh, client_as, ctx):
    made = build_strategy(fresh)
    other = build_strategy(fresh, "bautzen")
    client = client_as(COORDINATOR)
    url = f"{BASE}/runden/{made.cycle}/strategie/beschluss"
    refused = {
        "stammt aus einer Sitzung von „AG Gewaltprävention Strategietest“": {
            "body_id": str(made.steering), "decision_id": str(made.group_decision)},
        "Bitte wählen Sie einen Eintrag aus der Liste": {  # another KPR's decision is not offered
            "body_id": str(made.steering), "decision_id": str(other.steering_decision)},
        "Bitte wählen Sie den Beschluss": {"body_id": str(made.steering), "decision_id": "0"},
        "Bitte wählen Sie das Gremium": {"body_id": "0", "decision_id": str(made.steering_decision)},
    }
    for message, form in refused.items():
        response = client.submit(url, {"summary": "Versuch", **form})
        assert response.status_code == 422 and message in response.get_data(as_text=True), message
    cycle = _cycle(ctx, made.cycle)
    assert cycle.strategy_adopted_on is None and cycle.strategy_summary == ""
    # another KPR's round is not there
    assert client.get(f"{BASE}/runden/{other.cycle}/strategie/beschluss").status_code == 404
    assert client.get(f"/k/bautzen/praevention/runden/{other.cycle}/strategie").status_code == 404


def test_an_action_field_with_measures_is_not_removed(fresh, client_as, ctx):
    made = build_strategy(fresh)
    busy, [goal_id], _ = add_field(fresh, made.cycle, goals=1, measures=2)
    empty, _, _ = add_field(fresh, made.cycle, title="Leer", goals=1)
    client = client_as(COORDINATOR)
    question = client.get(f"{BASE}/handlungsfelder/{busy}/loeschen").get_data(as_text=True)
    assert "Handlungsfeld „Gewalt“ entfernen?" in question and "noch 2 Maßnahmen" in question
    response = client.submit(f"{BASE}/handlungsfelder/{busy}/loeschen", {"reason": ""})
    assert response.status_code == 302
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "sind noch 2 Maßnahmen" in shown
    assert [f.id for f in _fields(ctx, made.cycle)] == [busy, empty] and _goal(ctx, goal_id) is not None
    assert client.submit(f"{BASE}/handlungsfelder/{empty}/loeschen", {"reason": "doppelt"}).status_code == 302
    assert [f.id for f in _fields(ctx, made.cycle)] == [busy]


def test_removing_a_goal_keeps_its_measures(fresh, client_as, ctx):
    made = build_strategy(fresh)
    _, [goal_id], [measure_id] = add_field(fresh, made.cycle, goals=1, measures=1)
    client = client_as(COORDINATOR)
    assert "1 Maßnahme dient diesem Ziel" in client.get(f"{BASE}/ziele/{goal_id}/loeschen").get_data(as_text=True)
    assert client.submit(f"{BASE}/ziele/{goal_id}/loeschen", {"reason": ""}).status_code == 302
    assert _goal(ctx, goal_id) is None
    with ctx() as session, tenant_context(tenant(SLUG).id):
        assert session.get(Measure, measure_id).goal_id is None


def test_entered_values_are_added_and_corrected_on_the_goal_page(fresh, client_as, ctx):
    made = build_strategy(fresh)
    _, [goal_id], _ = add_field(fresh, made.cycle, goals=1)
    client = client_as(COORDINATOR)
    url = f"{BASE}/ziele/{goal_id}/messwerte"
    assert client.submit(url, {"year": "2025", "value": "230,5", "source": "Polizeirevier"}).status_code == 302
    corrected = {"year": "2025", "value": "210", "source": "Polizeirevier, berichtigt"}
    assert client.submit(url, corrected).status_code == 302
    for form, message in (({"year": "2023", "value": "1"}, "nach dem Ausgangsjahr 2023"),
                          ({"year": "2025", "value": "-3"}, "kann nicht negativ sein"),
                          ({"year": "2025", "value": "viel"}, "ist keine Zahl"),
                          ({"year": "", "value": "3"}, "Bitte geben Sie das Jahr des Messwerts an")):
        response = client.submit(url, form)
        assert response.status_code == 422 and message in response.get_data(as_text=True), message
    page = client.get(f"{BASE}/ziele/{goal_id}").get_data(as_text=True)
    assert re.search(r'<svg class="line-chart"[^>]*role="img"', page) and "<title id=\"diagramm-titel\">" in page
    assert 'aria-describedby="werte-tabelle"' in page and '<caption id="werte-tabelle">' in page
    assert "210,0" in page and "eingetragen: Polizeirevier, berichtigt" in page and "230,5" not in page
    assert "225,0" in page  # 2024 from the figures
    assert "Ziel erreicht" not in page and "auf Kurs" in page  # 210 after 2 of 5 years: 80 % of the way
    assert 'id="kommentare-prevention-goal-' in page


def test_members_and_the_coach_read_the_state_contact_only_once_shared(fresh, client_as, ctx):
    made = build_strategy(fresh)
    field_id, [goal_id], _ = add_field(fresh, made.cycle, goals=1)
    strategy, goal = f"{BASE}/runden/{made.cycle}/strategie", f"{BASE}/ziele/{goal_id}"
    member, coach, contact = client_as(f"mitglied.{SLUG}"), client_as("coach-mv"), client_as("kontakt-mv")
    for client in (member, coach):
        page = client.get(strategy)
        assert page.status_code == 200 and "Handlungsfeld anlegen" not in page.get_data(as_text=True)
        assert client.get(goal).status_code == 200
        assert client.get(f"{BASE}/handlungsfelder/{field_id}/bearbeiten").status_code == 404
        assert client.get(f"{BASE}/runden/{made.cycle}/strategie/beschluss").status_code == 404
        assert client.submit(f"{goal}/messwerte", {"year": "2025", "value": "1"}).status_code == 404
    assert contact.get(strategy).status_code == 404 and contact.get(goal).status_code == 404
    client_as(COORDINATOR).submit(f"{BASE}/runden/{made.cycle}/strategie/beschluss",
                                  {"summary": "", "body_id": "0", "decision_id": "0", "shared": "y"})
    assert contact.get(strategy).status_code == 200 and contact.get(goal).status_code == 200
    assert f'href="{BASE}/runden/{made.cycle}"' not in contact.get(strategy).get_data(as_text=True)  # analysis unshared
    assert contact.get(f"{BASE}/ziele/{goal_id}/bearbeiten").status_code == 404
    assert client_as("kontakt").get(strategy).status_code == 404  # not this KPR's contact


def test_closed_round_is_read_not_changed(fresh, client_as, ctx):
    made = build_strategy(fresh)
    field_id, [goal_id], _ = add_field(fresh, made.cycle, goals=1)
    with ctx() as session, tenant_context(tenant(SLUG).id):
        session.get(PreventionCycle, made.cycle).closed_on = closed = date(2026, 1, 1)
        session.commit()
    client = client_as(COORDINATOR)
    page = client.get(f"{BASE}/runden/{made.cycle}/strategie").get_data(as_text=True)
    assert f"abgeschlossen am {closed:%d.%m.%Y}" in page and "Handlungsfeld anlegen" not in page
    assert client.get(f"{BASE}/ziele/{goal_id}/bearbeiten").status_code == 404
    assert client.get(f"{BASE}/handlungsfelder/{field_id}/ziele/neu").status_code == 404


def test_strategy_and_goal_pages_keep_their_query_count(fresh, client_as, count_queries):
    small, large = build_strategy(fresh), build_strategy(fresh)
    add_field(fresh, small.cycle, goals=1, measures=1)
    _, [small_goal], _ = add_field(fresh, small.cycle, title="Zweites", goals=1, measures=1)
    add_field(fresh, large.cycle, goals=50, measures=50)
    _, [large_goal, *_], _ = add_field(fresh, large.cycle, title="Zweites", goals=50, measures=50)
    client = client_as(COORDINATOR)
    counts = {}
    pages = {"small": f"{BASE}/runden/{small.cycle}/strategie", "large": f"{BASE}/runden/{large.cycle}/strategie",
             "small goal": f"{BASE}/ziele/{small_goal}", "large goal": f"{BASE}/ziele/{large_goal}"}
    for name, url in pages.items():
        client.get(url)  # warm up caches of the request (roles, navigation)
        with count_queries() as n:
            assert client.get(url).status_code == 200
        counts[name] = n.value
    assert counts["small"] == counts["large"] and counts["small goal"] == counts["large goal"], counts
