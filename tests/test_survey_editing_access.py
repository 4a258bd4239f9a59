"""Who reaches the editor and when: once opened, every composing URL answers 404 (GET and POST) and
nothing changes; members and the KPR's coach read the surveys but change nothing; and the survey's
page and the list send a fixed number of queries however many questions and surveys there are.
(A foreign KPR's surveys are 404 by the isolation matrix, tests/matrix_objects/prevention_survey_editing.py.)"""

from __future__ import annotations

import pytest

from asskomm.prevention.survey import bank

from .survey_editing_data import BASE, COACH, COORDINATOR, MEMBER, new_survey, picture, round_id, survey_url


def _editing_urls(survey_id: int, shown: dict) -> list[tuple[str, dict]]:
    section = shown["sections"][0]["id"]
    question = shown["sections"][0]["questions"][0]["id"]
    return [
        (survey_url(survey_id, "/fragenkatalog"), {"items": ["safety_day"]}),
        (survey_url(survey_id, "/fragen/neu"), {"section_id": str(section), "text": "Neu?", "kind": "text"}),
        (f"{BASE}/befragungen/fragen/{question}/bearbeiten", {"section_id": str(section)}),
        (f"{BASE}/befragungen/fragen/{question}/verschieben", {"direction": "down"}),
        (f"{BASE}/befragungen/fragen/{question}/loeschen", {}),
        (survey_url(survey_id, "/abschnitte/neu"), {"title": "Neu"}),
        (f"{BASE}/befragungen/abschnitte/{section}/bearbeiten", {"title": "Neu"}),
        (f"{BASE}/befragungen/abschnitte/{section}/verschieben", {"direction": "down"}),
        (f"{BASE}/befragungen/abschnitte/{shown['sections'][-1]['id']}/loeschen", {}),
    ]


def test_an_opened_survey_refuses_every_editing_url(client_as, ctx):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    client.submit(survey_url(survey_id, "/fragenkatalog"), {"items": ["age_band"]})
    draft = picture(ctx, survey_id)
    urls = _editing_urls(survey_id, draft)
    for url, _ in urls:
        if not url.endswith("/verschieben"):
            assert client.get(url).status_code == 200, url
    assert client.submit(survey_url(survey_id, "/oeffnen")).status_code == 302
    opened = picture(ctx, survey_id)
    token = client.csrf_token()
    for url, data in urls:
        if not url.endswith("/verschieben"):
            assert client.get(url).status_code == 404, url
        assert client.post(url, data={**data, "csrf_token": token}).status_code == 404, url
    assert picture(ctx, survey_id) == opened
    page = client.get(survey_url(survey_id)).get_data(as_text=True)
    assert "eingefroren" in page and "/fragenkatalog" not in page and "/verschieben" not in page
    assert client.get(survey_url(survey_id, "/vorschau")).status_code == 200


@pytest.mark.parametrize("login", [MEMBER, COACH])
def test_members_and_the_coach_read_the_surveys_but_change_nothing(client_as, ctx, login):
    survey_id = new_survey(client_as(COORDINATOR), ctx)
    shown = picture(ctx, survey_id)
    client = client_as(login)
    for url in (f"{BASE}/befragungen", survey_url(survey_id), survey_url(survey_id, "/vorschau")):
        assert client.get(url).status_code == 200, url
    page = client.get(survey_url(survey_id)).get_data(as_text=True)
    assert bank.NIGHT.text in page
    assert "Befragung öffnen" not in page and "Eigene Frage anlegen" not in page
    assert survey_url(survey_id, "/bearbeiten") not in page and "/fragen/neu" not in page
    token = client.csrf_token()
    for url, data in [*_editing_urls(survey_id, shown), (survey_url(survey_id, "/bearbeiten"), {"title": "X"}),
                      (survey_url(survey_id, "/oeffnen"), {}), (survey_url(survey_id, "/loeschen"), {})]:
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, data={**data, "csrf_token": token}).status_code == 404, url
    assert client.get(f"{BASE}/runden/{round_id(ctx)}/befragung/neu").status_code == 404
    assert picture(ctx, survey_id) == shown


def _grow(client, ctx, survey_id: int, own: int) -> None:
    section = str(picture(ctx, survey_id)["sections"][0]["id"])
    for number in range(own):
        client.submit(survey_url(survey_id, "/fragen/neu"), {"section_id": section, "text": f"Frage {number}?",
                                                             "kind": "single", "options": "ja\nnein\nweiß nicht"})
        client.submit(survey_url(survey_id, "/abschnitte/neu"), {"title": f"Abschnitt {number}"})


def test_the_survey_page_and_preview_send_a_fixed_number_of_queries(client_as, ctx, count_queries):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    counts = []
    for grow in (0, 6):
        _grow(client, ctx, survey_id, grow)
        with count_queries() as page:
            assert client.get(survey_url(survey_id)).status_code == 200
        with count_queries() as preview:
            assert client.get(survey_url(survey_id, "/vorschau")).status_code == 200
        counts.append((page.value, preview.value))
    client.submit(survey_url(survey_id, "/fragenkatalog"), {"items": [item.key for item in bank.ITEMS
                                                                      if item.key not in ("safety_night", "district")]})
    with count_queries() as page:
        assert client.get(survey_url(survey_id)).status_code == 200
    assert counts[0] == counts[1] and page.value == counts[0][0], counts


def test_the_list_sends_a_fixed_number_of_queries(client_as, ctx, count_queries):
    client = client_as(COORDINATOR)
    new_survey(client, ctx)
    with count_queries() as few:
        assert client.get(f"{BASE}/befragungen").status_code == 200
    for number in range(5):
        new_survey(client, ctx, f"Befragung {number}")
    with count_queries() as many:
        page = client.get(f"{BASE}/befragungen").get_data(as_text=True)
    assert page.count("in Vorbereitung") == 6 and many.value == few.value
