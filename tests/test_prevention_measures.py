"""Measures of the prevention cycle through HTTP: a coordinator creates a measure, works it through
all seven Beccaria steps and evaluates it; bad input is refused in German and changes nothing; the
list filters; removing asks first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from asskomm.comments.models import WorkspaceComment
from asskomm.prevention.models import MeasureStatus
from asskomm.prevention.reference import BECCARIA_STEPS
from tenants import tenant_context

from .helpers import tenant
from .prevention_measures_data import BASE, add_measures, make_round, measure_form, measures

COORDINATOR = "koordination.bautzen"


def _create(client, made, **changes) -> int:
    response = client.submit(f"{BASE}/neu", measure_form(made, **changes))
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])


def test_a_measure_through_all_seven_steps_and_its_evaluation(client_as, ctx):
    made = make_round(ctx)
    client = client_as(COORDINATOR)
    form_page = client.get(f"{BASE}/neu").get_data(as_text=True)
    assert "Gewalt: Weniger Menschen fühlen sich nachts unsicher" in form_page
    assert "ALF – Allgemeine Lebenskompetenzen und Fertigkeiten – Stufe 2" in form_page
    assert "gepflegt vom Betreiber der Plattform (Stand: November 2026)" in form_page
    measure_id = _create(client, made)
    [saved] = measures(ctx)
    assert (saved.title, saved.status, str(saved.budget), saved.shareable) == (
        "Trouble in the City – Stark ohne Drogen", MeasureStatus.planned, "2500.50", True)
    assert (saved.goal_id, saved.working_group_id, [f.id for f in saved.funding]) == (
        made.fewer_unsafe, made.group, [made.funding])
    page = client.get(f"{BASE}/{measure_id}").get_data(as_text=True)
    for shown in ("Weniger Menschen fühlen sich nachts unsicher", "Bürgerbefragung: Anteil",
                  "noch kein Messwert", "01.03.2026 bis 30.11.2026", "2.500,50 €", "Petra Planer",
                  "Präventionsprojekt Gewalt", "ALF", "0 von 7 Schritten abgeschlossen", "Noch nicht evaluiert"):
        assert shown in page, shown
    assert f"/praevention/ziele/{made.fewer_unsafe}" in page

    for step in BECCARIA_STEPS:
        url = f"{BASE}/{measure_id}/schritte/{step.number}"
        shown = client.get(url).get_data(as_text=True)
        assert f"Schritt {step.number} von 7" in shown and step.title in shown
        assert f'href="{url}" aria-current="step"' in shown
        for question in step.questions:
            assert question.text in shown
        answers = {q.key: f"  Antwort auf {q.key}  " for q in step.questions}
        response = client.submit(url, {**answers, "completed": "y", "weiter": "next", "fremd": "nicht speichern"})
        assert response.status_code == 302
        expected = f"{BASE}/{measure_id}/schritte/{step.number + 1}" if step.number < 7 else f"{BASE}/{measure_id}"
        assert response.headers["Location"].endswith(expected)
    [saved] = measures(ctx)
    assert [(s.step, s.completed) for s in saved.steps] == [(n, True) for n in range(1, 8)]
    assert saved.steps[0].answers == {"what": "Antwort auf what", "evidence": "Antwort auf evidence",
                                      "who": "Antwort auf who"}
    third = client.get(f"{BASE}/{measure_id}/schritte/3").get_data(as_text=True)
    assert third.count("abgeschlossen</span>") == 7
    assert "7 von 7 Schritten" in client.get(BASE).get_data(as_text=True)

    response = client.submit(f"{BASE}/{measure_id}/evaluation", {
        "done": "Projekttage an vier Oberschulen.", "reached": "320 Schüler:innen erreicht.",
        "learned": "Früher mit den Schulen planen.", "evaluated_on": "2026-11-30"})
    assert response.status_code == 302
    page = client.get(f"{BASE}/{measure_id}").get_data(as_text=True)
    assert "Evaluiert am 30.11.2026" in page and "320 Schüler:innen erreicht." in page
    assert "evaluiert am 30.11.2026" in client.get(BASE).get_data(as_text=True)


def test_previous_and_stay_buttons_and_an_open_step(client_as, ctx):
    made = make_round(ctx)
    client = client_as(COORDINATOR)
    measure_id = _create(client, made)
    url = f"{BASE}/{measure_id}/schritte/4"
    response = client.submit(url, {"options": "Medienhelden", "weiter": "previous"})
    assert response.headers["Location"].endswith(f"{BASE}/{measure_id}/schritte/3")
    response = client.submit(url, {"options": "Medienhelden", "weiter": "stay"})
    assert response.headers["Location"].endswith(url)
    [saved] = measures(ctx)
    assert [(s.step, s.completed, s.answers) for s in saved.steps] == [(4, False, {"options": "Medienhelden"})]
    assert "0 von 7 Schritten" in client.get(BASE).get_data(as_text=True)


@pytest.mark.parametrize(("changes", "message"), [
    ({"goal_id": "graffiti"}, "Das Ziel gehört nicht zum Handlungsfeld „Gewalt“."),
    ({"ends_on": "2026-02-01"}, "Das Ende darf nicht vor dem Beginn liegen."),
    ({"budget": "-10,00"}, "Das Budget darf nicht negativ sein."),
    ({"budget": "zehn Euro"}, "Bitte geben Sie einen Betrag in Euro ein"),
    ({"funding_ids": "foreign_funding"}, "Bitte wählen Sie einen Eintrag aus der Liste."),
    ({"responsible_id": "foreign_person"}, "Bitte wählen Sie einen Eintrag aus der Liste."),
    ({"working_group_id": "other_body"}, "Bitte wählen Sie einen Eintrag aus der Liste."),
    ({"action_field_id": "0"}, "Bitte wählen Sie das Handlungsfeld der Maßnahme."),
    ({"title": "  "}, "Bitte geben Sie den Titel der Maßnahme an."),
    ({"title": "x" * 201}, "Der Titel darf höchstens 200 Zeichen lang sein."),
    ({"status": "erledigt"}, "Bitte wählen Sie einen Eintrag aus der Liste."),
    ({"programme_key": "erfunden"}, "Bitte wählen Sie einen Eintrag aus der Liste."),
])
def test_bad_input_is_refused_in_german_and_changes_nothing(client_as, ctx, changes, message):
    made = make_round(ctx)
    ids = {"graffiti": made.graffiti_goal, "foreign_funding": made.foreign_funding,
           "foreign_person": made.foreign_person, "other_body": made.other_body}
    changes = {name: str(ids.get(value, value)) for name, value in changes.items()}
    client = client_as(COORDINATOR)
    response = client.submit(f"{BASE}/neu", measure_form(made, **changes))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert measures(ctx) == []


def test_an_edit_that_is_refused_keeps_the_measure(client_as, ctx):
    made = make_round(ctx)
    client = client_as(COORDINATOR)
    measure_id = _create(client, made)
    response = client.submit(f"{BASE}/{measure_id}/bearbeiten",
                             measure_form(made, action_field_id=str(made.graffiti), title="Geändert"))
    assert response.status_code == 422
    assert "Das Ziel gehört nicht zum Handlungsfeld „Graffiti“." in response.get_data(as_text=True)
    response = client.submit(f"{BASE}/{measure_id}/bearbeiten", measure_form(
        made, action_field_id=str(made.graffiti), goal_id=str(made.graffiti_goal), title="Legale Wände",
        funding_ids=None, shareable=None))
    assert response.status_code == 302
    [saved] = measures(ctx)
    assert (saved.title, saved.action_field_id, saved.goal_id, saved.funding, saved.shareable) == (
        "Legale Wände", made.graffiti, made.graffiti_goal, [], False)


def test_step_answers_too_long_or_unknown_steps(client_as, ctx):
    made = make_round(ctx)
    client = client_as(COORDINATOR)
    measure_id = _create(client, made)
    url = f"{BASE}/{measure_id}/schritte/2"
    response = client.submit(url, {"causes": "x" * 5001, "risks": "kurz", "completed": "y", "weiter": "next"})
    assert response.status_code == 422
    assert "Die Antwort darf höchstens 5.000 Zeichen lang sein." in response.get_data(as_text=True)
    response = client.submit(url, {"completed": "y", "weiter": "next"})
    assert response.status_code == 422
    assert "Beantworten Sie mindestens eine Leitfrage" in response.get_data(as_text=True)
    assert measures(ctx)[0].steps == []
    for step in (0, 8, 99):
        assert client.get(f"{BASE}/{measure_id}/schritte/{step}").status_code == 404
        assert client.submit(f"{BASE}/{measure_id}/schritte/{step}", {"what": "x"}).status_code == 404


@pytest.mark.parametrize(("changes", "message"), [
    ({"done": ""}, "Bitte beschreiben Sie, was getan wurde."),
    ({"reached": " "}, "Bitte beschreiben Sie, was die Maßnahme erreicht hat."),
    ({"evaluated_on": ""}, "Bitte geben Sie ein gültiges Datum ein."),
    ({"evaluated_on": (date.today() + timedelta(days=3)).isoformat()}, "kann nicht in der Zukunft liegen"),
    ({"evaluated_on": "2026-01-01"}, "nicht vor dem Beginn der Maßnahme liegen"),
    ({"learned": "x" * 5001}, "darf höchstens 5.000 Zeichen lang sein."),
])
def test_bad_evaluations_are_refused(client_as, ctx, changes, message):
    made = make_round(ctx)
    client = client_as(COORDINATOR)
    measure_id = _create(client, made)
    form = {"done": "Getan.", "reached": "Erreicht.", "learned": "", "evaluated_on": "2026-06-01", **changes}
    response = client.submit(f"{BASE}/{measure_id}/evaluation", form)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert measures(ctx)[0].evaluated_on is None


def test_list_filters_by_status_and_action_field(client_as, ctx):
    made = make_round(ctx)
    add_measures(ctx, made, 4)
    client = client_as(COORDINATOR)
    page = client.get(BASE).get_data(as_text=True)
    assert "4 Maßnahmen" in page and "3 von 7 Schritten" in page and "evaluiert am 01.06.2026" in page
    page = client.get(f"{BASE}?runde={made.cycle}&feld={made.violence}&status=").get_data(as_text=True)
    assert "2 Maßnahmen (gefiltert)" in page and "Maßnahme 01" in page and "Maßnahme 00" not in page
    page = client.get(f"{BASE}?runde={made.cycle}&feld=0&status=idea").get_data(as_text=True)
    assert "Keine Maßnahme passt zu diesem Filter." in page
    for bad in ("status=fertig", "feld=abc", "runde=999999"):
        response = client.get(f"{BASE}?{bad}")
        assert response.status_code == 422 and "Bitte wählen Sie einen Eintrag aus der Liste." in response.get_data(
            as_text=True), bad


def test_without_action_fields_the_new_page_points_to_the_strategy(client_as, ctx):
    cycle_id = make_round(ctx, fields=False)
    response = client_as(COORDINATOR).get(f"{BASE}/neu")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "noch kein Handlungsfeld" in page
    assert f'href="/k/bautzen/praevention/runden/{cycle_id}/strategie"' in page
    assert client_as(COORDINATOR).submit(f"{BASE}/neu", {"title": "x"}).status_code == 422


def test_without_a_round_the_pages_say_so(client_as):
    client = client_as(COORDINATOR)
    assert "noch keine Runde des Präventionszyklus begonnen" in client.get(BASE).get_data(as_text=True)
    page = client.get(f"{BASE}/neu").get_data(as_text=True)
    assert 'href="/k/bautzen/praevention/runden/neu"' in page


def test_removing_a_measure_asks_first(client_as, ctx):
    made = make_round(ctx)
    client = client_as(COORDINATOR)
    measure_id = _create(client, made)
    coach = client_as("coach1")
    assert "Kommentar senden" in coach.get(f"{BASE}/{measure_id}").get_data(as_text=True)
    response = coach.submit("/k/bautzen/kommentare", {"item_kind": "prevention_measure", "item_id": str(measure_id),
                                                       "body": "Bitte die Schulen früh einbinden."})
    assert response.headers["Location"].endswith(f"{BASE}/{measure_id}#kommentare-prevention-measure-{measure_id}")
    page = client.get(f"{BASE}/{measure_id}").get_data(as_text=True)
    assert f'href="{BASE}/{measure_id}/loeschen"' in page and "Bitte die Schulen früh einbinden." in page
    question = client.get(f"{BASE}/{measure_id}/loeschen").get_data(as_text=True)
    assert "Maßnahme „Trouble in the City – Stark ohne Drogen“ löschen?" in question
    assert "Verknüpfte Förderungen bleiben erhalten" in question and measures(ctx)
    response = client.submit(f"{BASE}/{measure_id}/loeschen", {"reason": "doppelt angelegt"})
    assert response.status_code == 302 and measures(ctx) == []
    assert client.get(f"{BASE}/{measure_id}").status_code == 404
    with ctx() as session, tenant_context(tenant("bautzen").id):
        assert session.scalars(sa.select(WorkspaceComment).filter_by(item_kind="prevention_measure")).all() == []
