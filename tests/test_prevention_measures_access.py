"""Who sees and changes the measures: members read and do not edit, a closed round is read only,
the state contact reads once the round's strategy is shared; the list and the measure page send as
many queries for 50 measures as for one."""

from __future__ import annotations

from datetime import date

from asskomm.prevention.models import PreventionCycle
from tenants import tenant_context

from .helpers import tenant
from .prevention_measures_data import BASE, SLUG, add_measures, make_round, measure_form, measures


def _edit_urls(measure_id: int) -> list[str]:
    return [f"{BASE}/{measure_id}/bearbeiten", f"{BASE}/{measure_id}/evaluation", f"{BASE}/{measure_id}/loeschen"]


def _assert_unchanged(ctx, before) -> None:
    after = measures(ctx)
    assert [(m.title, m.evaluated_on, [(s.step, s.answers, s.completed) for s in m.steps]) for m in after] == [
        (m.title, m.evaluated_on, [(s.step, s.answers, s.completed) for s in m.steps]) for m in before]


def test_a_member_reads_but_cannot_edit(client_as, ctx):
    made = make_round(ctx)
    [measure_id] = add_measures(ctx, made, 1)
    before = measures(ctx)
    member = client_as("mitglied.bautzen")
    assert "Maßnahme 00" in member.get(BASE).get_data(as_text=True)
    page = member.get(f"{BASE}/{measure_id}").get_data(as_text=True)
    assert "Maßnahme 00" in page and "Bearbeiten" not in page and "Evaluation eintragen" not in page
    # members see that funding is linked, not the coordinators' applications themselves
    assert "Präventionsprojekt Gewalt" not in page and "Mit 1 Förderantrag verknüpft" in page
    step = member.get(f"{BASE}/{measure_id}/schritte/1").get_data(as_text=True)
    assert "Schritt 1 von 7" in step and "<textarea" not in step and "Dieser Schritt ist abgeschlossen." in step
    assert member.get(f"{BASE}/neu").status_code == 403
    assert member.submit(f"{BASE}/neu", measure_form(made)).status_code == 403
    for url in _edit_urls(measure_id):
        assert member.get(url).status_code == 404, url
        assert member.submit(url, {"title": "x", "done": "x", "reached": "x", "evaluated_on": "2026-06-01"}
                             ).status_code == 404, url
    assert member.submit(f"{BASE}/{measure_id}/schritte/1", {"what": "geändert", "weiter": "next"}).status_code == 403
    _assert_unchanged(ctx, before)
    assert client_as("coach1").get(f"{BASE}/{measure_id}").status_code == 200  # the assigned coach reads


def test_a_closed_round_is_read_only(client_as, ctx):
    made = make_round(ctx, closed=True)
    [measure_id] = add_measures(ctx, made, 1)
    before = measures(ctx)
    coordinator = client_as("koordination.bautzen")
    page = coordinator.get(f"{BASE}/{measure_id}").get_data(as_text=True)
    assert "wird nur noch gelesen" in page and "Bearbeiten" not in page
    step = coordinator.get(f"{BASE}/{measure_id}/schritte/2").get_data(as_text=True)
    assert "<textarea" not in step
    for url in _edit_urls(measure_id):
        assert coordinator.get(url).status_code == 404, url
    assert coordinator.submit(f"{BASE}/{measure_id}/schritte/2", {"causes": "neu"}).status_code == 403
    new = coordinator.get(f"{BASE}/neu").get_data(as_text=True)
    assert "ist abgeschlossen; in ihr werden keine Maßnahmen mehr angelegt" in new
    assert coordinator.submit(f"{BASE}/neu", measure_form(made)).status_code == 422
    list_page = coordinator.get(BASE).get_data(as_text=True)
    assert "abgeschlossen am 01.10.2026" in list_page and "Maßnahme anlegen" not in list_page
    _assert_unchanged(ctx, before)


def test_the_state_contact_reads_once_the_strategy_is_shared(client_as, ctx):
    made = make_round(ctx)
    [measure_id] = add_measures(ctx, made, 1)
    contact = client_as("kontakt2")
    page = contact.get(BASE).get_data(as_text=True)
    assert "noch nicht für den Landespräventionsrat freigegeben" in page and "Maßnahme 00" not in page
    for url in (f"{BASE}/{measure_id}", f"{BASE}/{measure_id}/schritte/1"):
        assert contact.get(url).status_code == 404
    assert contact.get(f"{BASE}?runde={made.cycle}").status_code == 422
    with ctx() as session, tenant_context(tenant(SLUG).id):
        session.get(PreventionCycle, made.cycle).strategy_shared = True
        session.commit()
    assert "Maßnahme 00" in contact.get(BASE).get_data(as_text=True)
    page = contact.get(f"{BASE}/{measure_id}").get_data(as_text=True)
    assert "Maßnahme 00" in page and "Bearbeiten" not in page
    assert contact.get(f"{BASE}/{measure_id}/schritte/1").status_code == 200
    assert contact.get(f"{BASE}/{measure_id}/bearbeiten").status_code == 404
    assert client_as("kontakt").get(f"{BASE}/{measure_id}").status_code == 404  # not Bautzen's contact


def test_an_earlier_round_is_chosen_in_the_list(client_as, ctx):
    made = make_round(ctx)
    add_measures(ctx, made, 2)
    with ctx() as session, tenant_context(tenant(SLUG).id):
        session.get(PreventionCycle, made.cycle).closed_on = date.today()
        session.add(PreventionCycle(number=2, analysis_started_on=date.today(), first_year=2022,
                                    last_year=2026))
        session.commit()
    client = client_as("koordination.bautzen")
    page = client.get(BASE).get_data(as_text=True)
    assert "In dieser Runde gibt es noch keine Maßnahme." in page and "1. Runde (abgeschlossen)" in page
    page = client.get(f"{BASE}?runde={made.cycle}").get_data(as_text=True)
    assert "Maßnahme 00" in page and "Maßnahme anlegen" not in page


def test_queries_do_not_grow_with_measures(client_as, ctx, count_queries):
    made = make_round(ctx)
    [first] = add_measures(ctx, made, 1)
    client = client_as("koordination.bautzen")
    client.get(BASE), client.get(f"{BASE}/{first}")
    with count_queries() as list_small:
        assert client.get(BASE).status_code == 200
    with count_queries() as page_small:
        assert client.get(f"{BASE}/{first}").status_code == 200
    add_measures(ctx, made, 49, steps_done=7)
    with count_queries() as list_large:
        page = client.get(BASE).get_data(as_text=True)
    with count_queries() as page_large:
        assert client.get(f"{BASE}/{first}").status_code == 200
    assert "50 Maßnahmen" in page and "7 von 7 Schritten" in page
    assert (list_large.value, page_large.value) == (list_small.value, page_small.value)
    print(f"measures: list {list_small.value} queries, page {page_small.value} (1 and 50 measures)")
