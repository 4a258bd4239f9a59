"""Own questions, bank questions and sections through HTTP: the four kinds of own question and their
validation (every bad input a German message that changes nothing), editing, a bank item whose text
and answers stay, deleting after a question, sections, and the order of both, dense 1..n."""

from __future__ import annotations

import pytest

from asskomm.prevention.survey import bank

from .survey_editing_data import BASE, COORDINATOR, new_survey, picture, questions, section_titled, survey_url


def _question(**changes) -> dict:
    form = {"section_id": "", "text": "Wie gut kennen Sie den Präventionsrat?", "help_text": "", "kind": "single",
            "options": "gut\ngar nicht", "scale_steps": "5", "scale_low": "", "scale_high": ""}
    form.update(changes)
    return form


@pytest.fixture
def made(client_as, ctx):
    client = client_as(COORDINATOR)
    survey_id = new_survey(client, ctx)
    return client, survey_id, picture(ctx, survey_id)


def _section_id(shown: dict, title: str) -> str:
    return str(section_titled(shown, title)["id"])


def test_own_questions_of_each_kind(made, ctx):
    client, survey_id, shown = made
    own = _section_id(shown, bank.SECTIONS[5])
    new = survey_url(survey_id, "/fragen/neu")
    form = client.get(f"{new}?abschnitt={own}").get_data(as_text=True)
    assert f'<option selected value="{own}">' in form
    for data in [
        _question(section_id=own, text="Welche Zeitung lesen Sie?", options="Freie Presse\nBlick\nkeine",
                  help_text="Denken Sie an die letzte Woche.", required="y"),
        _question(section_id=own, kind="multiple", text="Wo sind Sie abends unterwegs?", options="Zentrum\nPark"),
        _question(section_id=own, kind="scale", text="Wie zufrieden sind Sie mit der Beleuchtung?", scale_steps="4",
                  scale_low="gar nicht zufrieden", scale_high="sehr zufrieden", options="wird nicht gebraucht"),
        _question(section_id=own, kind="text", text="Was wünschen Sie sich?", options=""),
    ]:
        response = client.submit(new, data)
        assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    shown = picture(ctx, survey_id)
    made_now = section_titled(shown, bank.SECTIONS[5])["questions"]
    assert [(q["position"], q["kind"]) for q in made_now] == [(1, "single"), (2, "multiple"), (3, "scale"), (4, "text")]
    single, multiple, scale, text = made_now
    assert single["options"] == [(1, "o1", "Freie Presse"), (2, "o2", "Blick"), (3, "o3", "keine")]
    assert single["required"] is True and single["help_text"] == "Denken Sie an die letzte Woche."
    assert single["bank_key"] is None and multiple["required"] is False
    assert scale["options"] == [(1, "1", "1 – gar nicht zufrieden"), (2, "2", "2"), (3, "3", "3"),
                                (4, "4", "4 – sehr zufrieden")]
    assert text["options"] == []
    page = client.get(survey_url(survey_id)).get_data(as_text=True)
    assert "Welche Zeitung lesen Sie?" in page and "1 – gar nicht zufrieden" in page and "kurzer Freitext" in page


BAD = [
    ({"text": ""}, "Bitte geben Sie den Text der Frage ein."),
    ({"text": "   "}, "Bitte geben Sie den Text der Frage ein."),
    ({"text": "x" * 501}, "Die Frage darf höchstens 500 Zeichen lang sein."),
    ({"help_text": "x" * 301}, "Der Hinweis darf höchstens 300 Zeichen lang sein."),
    ({"kind": "essay"}, "Bitte wählen Sie einen Eintrag aus der Liste."),
    ({"section_id": "abc"}, "Bitte wählen Sie einen Eintrag aus der Liste."),
    ({"section_id": "999999"}, "Bitte wählen Sie einen Eintrag aus der Liste."),
    ({"options": "nur eine"}, "Bitte geben Sie 2 bis 20 Antwortmöglichkeiten an, eine je Zeile."),
    ({"options": "\n\n  \n"}, "Bitte geben Sie 2 bis 20 Antwortmöglichkeiten an, eine je Zeile."),
    ({"kind": "multiple", "options": "\n".join(f"Antwort {n}" for n in range(21))},
     "Bitte geben Sie 2 bis 20 Antwortmöglichkeiten an, eine je Zeile."),
    ({"options": "ja\nnein\nJa "}, "Die Antwortmöglichkeit „Ja“ steht doppelt da."),
    ({"options": "ja\n" + "x" * 201}, "Eine Antwortmöglichkeit darf höchstens 200 Zeichen lang sein"),
    ({"kind": "scale", "scale_steps": "2", "scale_low": "a", "scale_high": "b"},
     "Bitte wählen Sie einen Eintrag aus der Liste."),
    ({"kind": "scale", "scale_steps": "11", "scale_low": "a", "scale_high": "b"},
     "Bitte wählen Sie einen Eintrag aus der Liste."),
    ({"kind": "scale", "scale_steps": "fünf", "scale_low": "a", "scale_high": "b"},
     "Bitte wählen Sie einen Eintrag aus der Liste."),
    ({"kind": "scale", "scale_low": "", "scale_high": "sehr"}, "was der niedrigsten Punkt der Skala bedeutet"),
    ({"kind": "scale", "scale_low": "gar nicht", "scale_high": " "}, "was der höchsten Punkt der Skala bedeutet"),
    ({"kind": "scale", "scale_low": "x" * 81, "scale_high": "y"}, "Die Beschriftung darf höchstens 80 Zeichen"),
]


@pytest.mark.parametrize(("changes", "message"), BAD, ids=[str(i) for i in range(len(BAD))])
def test_bad_own_questions_get_a_german_message_and_change_nothing(made, ctx, changes, message):
    client, survey_id, shown = made
    data = _question(section_id=_section_id(shown, bank.SECTIONS[5]))
    data.update(changes)
    response = client.submit(survey_url(survey_id, "/fragen/neu"), data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert picture(ctx, survey_id) == shown


def test_an_own_question_is_edited_with_the_same_form(made, ctx):
    client, survey_id, shown = made
    own = _section_id(shown, bank.SECTIONS[5])
    client.submit(survey_url(survey_id, "/fragen/neu"), _question(section_id=own, kind="scale", scale_steps="3",
                                                                  scale_low="schlecht", scale_high="gut"))
    question = section_titled(picture(ctx, survey_id), bank.SECTIONS[5])["questions"][0]
    url = f"{BASE}/befragungen/fragen/{question['id']}/bearbeiten"
    form = client.get(url).get_data(as_text=True)
    assert 'value="schlecht"' in form and 'value="gut"' in form and '<option selected value="3">' in form
    response = client.submit(url, _question(section_id=_section_id(shown, bank.SECTIONS[0]), text="Neu?",
                                            kind="single", options="eins\nzwei"))
    assert response.status_code == 302
    after = picture(ctx, survey_id)
    changed = questions(after)["Neu?"]
    assert changed["id"] == question["id"] and changed["kind"] == "single"
    assert changed["options"] == [(1, "o1", "eins"), (2, "o2", "zwei")]
    assert [q["bank_key"] or q["text"] for q in after["sections"][0]["questions"]] == ["safety_night", "Neu?"]
    assert section_titled(after, bank.SECTIONS[5])["questions"] == []
    assert "eins\nzwei" in client.get(url).get_data(as_text=True)
    bad = client.submit(url, _question(section_id=_section_id(shown, bank.SECTIONS[0]), options="eins"))
    assert bad.status_code == 422 and picture(ctx, survey_id) == after


def test_a_bank_question_keeps_its_text_and_answers(made, ctx):
    client, survey_id, shown = made
    night = shown["sections"][0]["questions"][0]
    url = f"{BASE}/befragungen/fragen/{night['id']}/bearbeiten"
    page = client.get(url).get_data(as_text=True)
    assert "lassen sich nicht ändern" in page and 'name="text"' not in page and 'name="options"' not in page
    response = client.submit(url, {"section_id": _section_id(shown, bank.SECTIONS[6]), "text": "Geändert?",
                                   "options": "a\nb", "kind": "text"})
    assert response.status_code == 302
    after = questions(picture(ctx, survey_id))["safety_night"]
    assert (after["text"], after["kind"], after["required"]) == (bank.NIGHT.text, "single", False)
    assert after["options"] == night["options"]
    assert section_titled(picture(ctx, survey_id), bank.SECTIONS[6])["questions"][0]["id"] == night["id"]


def test_a_question_is_deleted_after_a_question_and_the_rest_close_up(made, ctx):
    client, survey_id, _ = made
    client.submit(survey_url(survey_id, "/fragenkatalog"), {"items": ["safety_day"]})
    first = section_titled(picture(ctx, survey_id), bank.SECTIONS[0])["questions"]
    url = f"{BASE}/befragungen/fragen/{first[0]['id']}/loeschen"
    page = client.get(url).get_data(as_text=True)
    assert "mit ihren 4 Antwortmöglichkeiten" in page and "im Vergleich" in page
    assert client.submit(url).status_code == 302
    left = section_titled(picture(ctx, survey_id), bank.SECTIONS[0])["questions"]
    assert [(q["position"], q["bank_key"]) for q in left] == [(1, "safety_day")]
    assert 'value="safety_night"' in client.get(survey_url(survey_id, "/fragenkatalog")).get_data(as_text=True)


def test_sections_are_made_renamed_and_deleted_only_when_empty(made, ctx):
    client, survey_id, shown = made
    new = survey_url(survey_id, "/abschnitte/neu")
    assert client.submit(new, {"title": "Ihr Stadtteil"}).status_code == 302
    for title, message in [("", "Bitte geben Sie dem Abschnitt einen Titel."),
                           ("x" * 201, "Der Titel darf höchstens 200 Zeichen lang sein."),
                           ("ihr stadtteil", "Einen Abschnitt „ihr stadtteil“ gibt es in dieser Befragung schon.")]:
        response = client.submit(new, {"title": title})
        assert response.status_code == 422 and message in response.get_data(as_text=True)
    after = picture(ctx, survey_id)
    assert [s["title"] for s in after["sections"]] == [*bank.SECTIONS, "Ihr Stadtteil"]
    first = shown["sections"][0]["id"]
    delete = f"{BASE}/befragungen/abschnitte/{first}/loeschen"
    page = client.get(delete).get_data(as_text=True)
    assert "enthält noch 1 Frage" in page and "Abschnitt löschen</button>" not in page
    response = client.submit(delete)
    assert response.status_code == 302
    assert "enthält noch 1 Frage" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert picture(ctx, survey_id) == after
    rename = f"{BASE}/befragungen/abschnitte/{first}/bearbeiten"
    assert client.submit(rename, {"title": "Ihr Stadtteil"}).status_code == 422
    assert client.submit(rename, {"title": "Sicherheit"}).status_code == 302
    empty = after["sections"][1]["id"]
    assert "wird aus der Befragung entfernt" in client.get(f"{BASE}/befragungen/abschnitte/{empty}/loeschen").text
    assert client.submit(f"{BASE}/befragungen/abschnitte/{empty}/loeschen").status_code == 302
    final = picture(ctx, survey_id)
    assert [(s["position"], s["title"]) for s in final["sections"]] == list(enumerate(
        ["Sicherheit", *bank.SECTIONS[2:], "Ihr Stadtteil"], start=1))


def test_sections_and_questions_move_up_and_down_and_stay_dense(made, ctx):
    client, survey_id, shown = made
    client.submit(survey_url(survey_id, "/fragenkatalog"), {"items": ["safety_day"]})
    own = _section_id(shown, bank.SECTIONS[0])
    client.submit(survey_url(survey_id, "/fragen/neu"), _question(section_id=own, text="Eigene?"))
    ids = {s["title"]: s["id"] for s in shown["sections"]}
    move = f"{BASE}/befragungen/abschnitte/{ids[bank.SECTIONS[2]]}/verschieben"
    assert client.submit(move, {"direction": "up"}).status_code == 302
    assert client.submit(move, {"direction": "up"}).status_code == 302
    titles = [s["title"] for s in picture(ctx, survey_id)["sections"]]
    assert titles[:3] == [bank.SECTIONS[2], bank.SECTIONS[0], bank.SECTIONS[1]]
    response = client.submit(move, {"direction": "up"})  # already first
    assert response.status_code == 302
    assert "Der Abschnitt steht schon ganz oben." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert client.submit(move, {"direction": "sideways"}).status_code == 302
    assert [s["title"] for s in picture(ctx, survey_id)["sections"]] == titles

    questions_now = section_titled(picture(ctx, survey_id), bank.SECTIONS[0])["questions"]
    assert [q["bank_key"] or q["text"] for q in questions_now] == ["safety_night", "safety_day", "Eigene?"]
    last = questions_now[2]["id"]
    client.submit(f"{BASE}/befragungen/fragen/{last}/verschieben", {"direction": "up"})
    client.submit(f"{BASE}/befragungen/fragen/{last}/verschieben", {"direction": "up"})
    response = client.submit(f"{BASE}/befragungen/fragen/{questions_now[1]['id']}/verschieben", {"direction": "down"})
    assert response.status_code == 302
    after = section_titled(picture(ctx, survey_id), bank.SECTIONS[0])["questions"]
    assert [(q["position"], q["bank_key"] or q["text"]) for q in after] == [
        (1, "Eigene?"), (2, "safety_night"), (3, "safety_day")]
    assert "Die Frage steht schon ganz unten." in client.get(
        client.submit(f"{BASE}/befragungen/fragen/{questions_now[1]['id']}/verschieben",
                      {"direction": "down"}).headers["Location"]).get_data(as_text=True)
    page = client.get(survey_url(survey_id)).get_data(as_text=True)
    assert 'name="direction" value="up"' in page and "↓ nach unten" in page
