"""The questionnaire editor through HTTP: a survey made for the open round starts with the bank's
sections and the night-time item; bank items are copied into their sections (the Ortsteil item with
the KPR's Ortsteile); settings; a draft is deleted after a question; the preview; opening (refused
without a question) freezes the questionnaire; closing fills the round's headline figures."""

from __future__ import annotations

from datetime import date

import pytest

from asskomm.errors import DomainError
from asskomm.prevention.models import PreventionCycle
from asskomm.prevention.survey import bank
from asskomm.prevention.survey.editing import services
from asskomm.prevention.survey.models import Survey
from asskomm.timeutil import today
from tenants import tenant_context

from .helpers import tenant
from .survey_editing_data import (
    BASE,
    COORDINATOR,
    SLUG,
    add_responses,
    new_survey,
    picture,
    questions,
    round_id,
    section_titled,
    survey_url,
)


def test_a_new_survey_has_the_banks_sections_and_the_night_time_item(client_as, ctx):
    client = client_as(COORDINATOR)
    cycle = round_id(ctx)
    page = client.get(f"{BASE}/runden/{cycle}").get_data(as_text=True)
    assert "Bürgerbefragung" in page and f"/runden/{cycle}/befragung/neu" in page
    form = client.get(f"{BASE}/runden/{cycle}/befragung/neu").get_data(as_text=True)
    assert f'value="Bürgerbefragung {today().year}"' in form

    survey_id = new_survey(client, ctx)
    shown = picture(ctx, survey_id)
    assert shown["status"] == "draft" and shown["title"] == "Bürgerbefragung Zwickau"
    assert "freiwillig und anonym" in shown["introduction"] and shown["public_key"]
    assert [(s["position"], s["title"]) for s in shown["sections"]] == list(enumerate(bank.SECTIONS, start=1))
    [night] = shown["sections"][0]["questions"]
    assert (night["bank_key"], night["text"], night["required"]) == ("safety_night", bank.NIGHT.text, True)
    assert [(key, label) for _, key, label in night["options"]] == list(bank.NIGHT.options)
    assert all(not section["questions"] for section in shown["sections"][1:])

    assert "Bürgerbefragung Zwickau" in client.get(f"{BASE}/runden/{cycle}").get_data(as_text=True)
    listed = client.get(f"{BASE}/befragungen").get_data(as_text=True)
    assert "Bürgerbefragung Zwickau" in listed and "in Vorbereitung" in listed
    page = client.get(survey_url(survey_id)).get_data(as_text=True)
    assert bank.NIGHT.text in page and "Standardfrage" in page and "Befragung öffnen" in page


def test_an_empty_title_is_refused_and_a_closed_round_gets_no_survey(fresh, client_as, ctx):
    client = client_as(COORDINATOR)
    response = client.submit(f"{BASE}/runden/{round_id(ctx)}/befragung/neu", {"title": "  "})
    assert response.status_code == 422
    assert "Bitte geben Sie der Befragung einen Titel." in response.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant(SLUG).id):
        closed = PreventionCycle(number=0, analysis_started_on=date(2019, 1, 1), first_year=2014, last_year=2018,
                                 closed_on=date(2020, 1, 1))
        session.add(closed)
        session.commit()
        closed_id = closed.id
    assert client.get(f"{BASE}/runden/{closed_id}/befragung/neu").status_code == 404
    assert client.submit(f"{BASE}/runden/{closed_id}/befragung/neu", {"title": "x"}).status_code == 404
    with ctx() as session, tenant_context(tenant(SLUG).id), pytest.raises(DomainError, match="laufenden Runde"):
        services.create_survey(session.get(PreventionCycle, closed_id), "Befragung")
    assert "Befragung anlegen" not in client.get(f"{BASE}/runden/{closed_id}").get_data(as_text=True)


def test_bank_items_are_copied_into_their_sections(client_as, ctx):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    page = client.get(survey_url(survey_id, "/fragenkatalog")).get_data(as_text=True)
    assert 'value="safety_night"' not in page and "schon in der Befragung" in page  # present: marked, no box
    assert 'value="safety_day"' in page and "sehr unsicher" in page and "Standardfrage" in page
    response = client.submit(survey_url(survey_id, "/fragenkatalog"),
                             {"items": ["victim", "safety_day", "age_band", "protection"]})
    assert response.status_code == 302
    shown = picture(ctx, survey_id)
    first = shown["sections"][0]["questions"]
    assert [(q["position"], q["bank_key"]) for q in first] == [(1, "safety_night"), (2, "safety_day")]
    assert [q["bank_key"] for q in section_titled(shown, bank.SECTIONS[2])["questions"]] == ["protection"]
    assert [q["bank_key"] for q in section_titled(shown, bank.SECTIONS[3])["questions"]] == ["victim"]
    assert [q["bank_key"] for q in section_titled(shown, bank.SECTIONS[6])["questions"]] == ["age_band"]
    victim = questions(shown)["victim"]
    assert victim["kind"] == "multiple" and victim["text"] == bank.BY_KEY["victim"].text
    assert [(key, label) for _, key, label in victim["options"]] == list(bank.BY_KEY["victim"].options)
    assert 'value="safety_day"' not in client.get(survey_url(survey_id, "/fragenkatalog")).get_data(as_text=True)


def test_bank_items_go_to_their_renamed_section_or_to_a_section_made_again(client_as, ctx):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    shown = picture(ctx, survey_id)
    first, worries = shown["sections"][0]["id"], shown["sections"][1]["id"]
    assert client.submit(f"{BASE}/befragungen/abschnitte/{first}/bearbeiten",
                         {"title": "Wie sicher ist es bei Ihnen?"}).status_code == 302
    assert client.submit(f"{BASE}/befragungen/abschnitte/{worries}/loeschen").status_code == 302
    assert client.submit(survey_url(survey_id, "/fragenkatalog"),
                         {"items": ["safety_day", "worry_burglary"]}).status_code == 302
    shown = picture(ctx, survey_id)
    renamed = section_titled(shown, "Wie sicher ist es bei Ihnen?")
    assert [q["bank_key"] for q in renamed["questions"]] == ["safety_night", "safety_day"]
    again = section_titled(shown, bank.SECTIONS[1])
    assert again["id"] != worries and again["position"] == len(shown["sections"]) == len(bank.SECTIONS)
    assert [q["bank_key"] for q in again["questions"]] == ["worry_burglary"]
    assert [s["position"] for s in shown["sections"]] == list(range(1, len(bank.SECTIONS) + 1))


@pytest.mark.parametrize("districts", ["", "Innenstadt", "Nord\nNord\nSüd", "\n".join(f"Ort {n}" for n in range(61))])
def test_the_district_item_needs_two_to_sixty_different_ortsteile(client_as, ctx, districts):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    before = picture(ctx, survey_id)
    response = client.submit(survey_url(survey_id, "/fragenkatalog"),
                             {"items": ["district", "gender"], "districts": districts})
    assert response.status_code == 422
    assert "Bitte zwei bis 60 verschiedene Ortsteile angeben, einen je Zeile." in response.get_data(as_text=True)
    assert picture(ctx, survey_id) == before  # the gender item was not added either


def test_the_district_item_takes_the_ortsteile_as_its_answers(client_as, ctx):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    response = client.submit(survey_url(survey_id, "/fragenkatalog"),
                             {"items": ["district"], "districts": " Innenstadt \n\nMarienthal\r\nPlanitz\n"})
    assert response.status_code == 302
    district = questions(picture(ctx, survey_id))["district"]
    assert district["options"] == [(1, "d1", "Innenstadt"), (2, "d2", "Marienthal"), (3, "d3", "Planitz")]


@pytest.mark.parametrize(("items", "message"), [
    ([], "Bitte wählen Sie mindestens eine Frage aus dem Fragenkatalog."),
    (["no_such_item"], "Bitte wählen Sie einen Eintrag aus der Liste."),
    (["safety_night"], "Bitte wählen Sie einen Eintrag aus der Liste."),  # present: not offered again
])
def test_bad_bank_choices_get_a_german_message_and_change_nothing(client_as, ctx, items, message):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    before = picture(ctx, survey_id)
    response = client.submit(survey_url(survey_id, "/fragenkatalog"), {"items": items})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert picture(ctx, survey_id) == before


def test_settings_of_a_draft_and_their_validation(client_as, ctx):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    page = client.get(survey_url(survey_id, "/bearbeiten")).get_data(as_text=True)
    assert "keine einzelnen Antworten" in page and "mindestens 5 Personen" in page and "mindestens 3 KPR" in page
    before = picture(ctx, survey_id)
    for data, message in [({"title": "", "sample_size": "1000"}, "Bitte geben Sie der Befragung einen Titel."),
                          ({"title": "B", "sample_size": "viele"}, "ist keine ganze Zahl"),
                          ({"title": "B", "sample_size": "0"}, "Die Stichprobe ist eine Zahl von 1 bis 1.000.000"),
                          ({"title": "B", "introduction": "x" * 3001}, "höchstens 3.000 Zeichen")]:
        response = client.submit(survey_url(survey_id, "/bearbeiten"), data)
        assert response.status_code == 422 and message in response.get_data(as_text=True), data
        assert picture(ctx, survey_id) == before
    response = client.submit(survey_url(survey_id, "/bearbeiten"), {
        "title": "Sicher in Zwickau 2026", "introduction": "Liebe Zwickauer:innen, …", "sample_size": "1.500",
        "share_for_benchmark": "y"})
    assert response.status_code == 302
    shown = picture(ctx, survey_id)
    assert (shown["title"], shown["introduction"], shown["sample_size"]) == (
        "Sicher in Zwickau 2026", "Liebe Zwickauer:innen, …", 1500)
    assert shown["share_for_benchmark"] is True and shown["open_link"] is False


def test_a_draft_is_deleted_after_the_question(client_as, ctx):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    page = client.get(survey_url(survey_id, "/loeschen")).get_data(as_text=True)
    assert "7 Abschnitten und 1 Frage samt" in page and "nicht rückgängig" in page
    response = client.submit(survey_url(survey_id, "/loeschen"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/praevention/befragungen")
    assert picture(ctx, survey_id) == {}
    assert client.get(survey_url(survey_id)).status_code == 404


def test_the_preview_shows_the_questionnaire_without_a_submit_button(client_as, ctx):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    client.submit(survey_url(survey_id, "/fragenkatalog"), {"items": ["protection"]})
    page = client.get(survey_url(survey_id, "/vorschau")).get_data(as_text=True)
    preview = page[page.index('<div class="survey-preview">'):]
    assert "Vorschau:" in page and "nichts absenden" in page
    assert bank.NIGHT.text in preview and 'type="radio"' in preview and 'type="checkbox"' in preview
    assert 'type="submit"' not in preview and "<form" not in preview
    assert "Leere Abschnitte werden beim Öffnen entfernt" in page and "„Sorgen“" in page


def test_opening_is_refused_without_a_question(client_as, ctx):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    night = picture(ctx, survey_id)["sections"][0]["questions"][0]["id"]
    assert client.submit(f"{BASE}/befragungen/fragen/{night}/loeschen").status_code == 302
    page = client.get(survey_url(survey_id, "/oeffnen")).get_data(as_text=True)
    assert "noch keine Frage" in page and "Befragung öffnen</button>" not in page
    response = client.submit(survey_url(survey_id, "/oeffnen"))
    assert response.status_code == 302
    assert "noch keine Frage" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert picture(ctx, survey_id)["status"] == "draft"


def test_opening_asks_first_then_freezes_and_drops_empty_sections(client_as, ctx):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    client.submit(survey_url(survey_id, "/fragenkatalog"), {"items": ["age_band"]})
    key = picture(ctx, survey_id)["public_key"]
    page = client.get(survey_url(survey_id, "/oeffnen")).get_data(as_text=True)
    assert "Nach dem Öffnen lässt sich der Fragebogen nicht mehr ändern" in page and "„Sorgen“" in page
    response = client.submit(survey_url(survey_id, "/oeffnen"))
    assert response.status_code == 302
    shown = picture(ctx, survey_id)
    assert (shown["status"], shown["opened_on"], shown["public_key"]) == ("open", today(), key)
    assert [(s["position"], s["title"]) for s in shown["sections"]] == [(1, bank.SECTIONS[0]), (2, bank.SECTIONS[6])]
    page = client.get(survey_url(survey_id)).get_data(as_text=True)
    assert "eingefroren" in page and "Fragenkatalog wählen" not in page and "Bearbeiten</a>" not in page
    assert "Befragung abschließen" in page and "Befragung öffnen" not in page
    assert client.submit(survey_url(survey_id, "/oeffnen")).status_code == 302  # refused: already open
    assert picture(ctx, survey_id) == shown


def test_an_open_survey_keeps_sample_and_sharing_changeable_and_is_not_deleted(client_as, ctx):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    client.submit(survey_url(survey_id, "/oeffnen"))
    page = client.get(survey_url(survey_id, "/bearbeiten")).get_data(as_text=True)
    assert 'name="sample_size"' in page and 'name="share_for_benchmark"' in page
    assert 'name="title"' not in page and 'name="introduction"' not in page and 'name="open_link"' not in page
    response = client.submit(survey_url(survey_id, "/bearbeiten"),
                             {"title": "Anders", "open_link": "y", "sample_size": "800", "share_for_benchmark": "y"})
    assert response.status_code == 302
    shown = picture(ctx, survey_id)
    assert (shown["title"], shown["open_link"], shown["sample_size"], shown["share_for_benchmark"]) == (
        "Bürgerbefragung Zwickau", True, 800, True)
    with ctx() as session, tenant_context(tenant(SLUG).id), pytest.raises(DomainError, match="Titel"):
        services.update_settings(session.get(Survey, survey_id), {"title": "Anders"})
    assert "schon geöffnet" in client.get(survey_url(survey_id, "/loeschen")).get_data(as_text=True)
    assert client.submit(survey_url(survey_id, "/loeschen")).status_code == 302
    assert picture(ctx, survey_id) == shown


def test_closing_asks_first_and_fills_the_rounds_headline_figures(client_as, ctx):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    assert "Nur eine laufende Befragung" in client.get(survey_url(survey_id, "/abschliessen")).get_data(as_text=True)
    client.submit(survey_url(survey_id, "/oeffnen"))
    add_responses(ctx, survey_id, 12)
    page = client.get(survey_url(survey_id, "/abschliessen")).get_data(as_text=True)
    assert "keine Antworten mehr" in page and "12 Antworten" in page and "Sicherheitsanalyse der 1. Runde" in page
    assert client.submit(survey_url(survey_id, "/abschliessen")).status_code == 302
    shown = picture(ctx, survey_id)
    assert (shown["status"], shown["closed_on"]) == ("closed", today())
    with ctx() as session, tenant_context(tenant(SLUG).id):
        cycle = session.get(PreventionCycle, round_id(ctx))
        assert (cycle.survey_year, cycle.survey_responses) == (today().year, 12)
    page = client.get(survey_url(survey_id, "/bearbeiten")).get_data(as_text=True)
    assert 'name="share_for_benchmark"' in page and 'name="sample_size"' not in page
    assert client.submit(survey_url(survey_id, "/bearbeiten"), {"sample_size": "5"}).status_code == 302
    assert picture(ctx, survey_id)["sample_size"] is None
