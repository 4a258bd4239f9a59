"""The coordinators' side of the collection through HTTP: generating one-time codes (1–5,000 at once,
20,000 per survey, German messages), the printable sheet with one slip per unused code, and the batch
entry of paper questionnaires (numbers typed for options, every bad input a message at its field and
nothing stored, "Bogen N gespeichert" and an empty form after saving)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from asskomm.prevention.survey.collection import codes
from asskomm.prevention.survey.models import SurveyCode, SurveyStatus
from asskomm.timeutil import today

from .survey_collection_data import COORDINATOR, make, session_of, set_status, stored


def _codes_of(app, made) -> list[str]:
    with session_of(app) as session:
        return list(session.scalars(sa.select(SurveyCode.code).filter_by(survey_id=made.id).order_by(SurveyCode.id)))


def test_codes_are_generated_counted_and_well_formed(fresh, client_as):
    made = make(fresh, codes=("K7QXM3TP",))
    client = client_as(COORDINATOR)
    page = client.get(made.workspace("/codes")).get_data(as_text=True)
    assert "<dt>Erzeugt</dt><dd>1</dd>" in page and "<dt>Benutzt</dt><dd>0</dd>" in page
    assert f"http://localhost/k/zwickau/befragung/{made.key}" in page
    response = client.submit(made.workspace("/codes"), {"count": "1.000"}, page=made.workspace("/codes"))
    assert response.status_code == 302
    page = client.get(made.workspace("/codes")).get_data(as_text=True)
    assert "1.000 neue Codes erzeugt." in page and "<dt>Erzeugt</dt><dd>1.001</dd>" in page
    made_codes = _codes_of(fresh, made)
    assert len(made_codes) == len(set(made_codes)) == 1001
    assert all(len(code) == 8 and set(code) <= set(codes.ALPHABET) for code in made_codes)
    assert not set("01IO") & set("".join(made_codes))


def test_bad_counts_and_the_survey_cap_are_refused_in_german(fresh, client_as, monkeypatch):
    made = make(fresh)
    client = client_as(COORDINATOR)
    for count, message in (("0", "von 1 bis 5.000"), ("5001", "von 1 bis 5.000"), ("viele", "von 1 bis 5.000"),
                           ("", "wie viele Codes"), ("-3", "von 1 bis 5.000")):
        response = client.submit(made.workspace("/codes"), {"count": count}, page=made.workspace("/codes"))
        assert response.status_code == 422 and message in response.get_data(as_text=True), count
    monkeypatch.setattr(codes, "SURVEY_MAX", 12)
    assert client.submit(made.workspace("/codes"), {"count": "10"}).status_code == 302
    response = client.submit(made.workspace("/codes"), {"count": "5"})
    assert response.status_code == 422
    assert "höchstens 12 Codes; es sind schon 10. Möglich sind noch 2." in response.get_data(as_text=True)
    assert len(_codes_of(fresh, made)) == 10


def test_a_closed_survey_gets_no_new_codes_and_members_see_no_codes(fresh, client_as):
    made = make(fresh)
    set_status(fresh, made, SurveyStatus.closed)
    client = client_as(COORDINATOR)
    page = client.get(made.workspace("/codes")).get_data(as_text=True)
    assert "neue Codes werden nicht mehr erzeugt" in page and 'name="count"' not in page
    assert client.submit(made.workspace("/codes"), {"count": "3"}).status_code == 422
    assert _codes_of(fresh, made) == []
    member = client_as("mitglied.zwickau")
    for tail in ("/codes", "/codes/druck", "/papier"):
        assert member.get(made.workspace(tail)).status_code == 404


def test_the_printable_sheet_has_one_slip_per_unused_code_with_the_address(fresh, client_as):
    made = make(fresh, codes=("K7QXM3TP", "ABCD2345", "ZZZZ9999"))
    with session_of(fresh) as session:
        session.execute(sa.delete(SurveyCode).where(SurveyCode.code == "ZZZZ9999"))  # used
        session.commit()
    page = client_as(COORDINATOR).get(made.workspace("/codes/druck")).get_data(as_text=True)
    assert page.count('<li class="slip">') == 2
    assert "<strong>K7QX-M3TP</strong>" in page and "<strong>ABCD-2345</strong>" in page and "ZZZZ" not in page
    assert page.count(f"http://localhost/k/zwickau/befragung/{made.key}") == 2
    assert "Geben Sie dort den Code ein" in page


def test_the_sheet_is_split_into_parts_of_a_thousand(fresh, client_as):
    made = make(fresh)
    client = client_as(COORDINATOR)
    for _ in range(2):
        assert client.submit(made.workspace("/codes"), {"count": "600"}).status_code == 302
    first = client.get(made.workspace("/codes/druck")).get_data(as_text=True)
    second = client.get(made.workspace("/codes/druck?bogen=2")).get_data(as_text=True)
    assert first.count('<li class="slip">') == 1000 and second.count('<li class="slip">') == 200
    assert "Bogen 1 von 2" in first and 'href="/k/zwickau/praevention/befragungen/' in first
    assert client.get(made.workspace("/codes/druck?bogen=abc")).status_code == 200


# --- paper entry -------------------------------------------------------------------------------------


def _paper(client, made, values: dict[str, str]):
    data = {made.field(name): value for name, value in values.items()}
    return client.submit(made.workspace("/papier"), data, page=made.workspace("/papier"))


def test_a_paper_sheet_is_typed_as_numbers_and_the_form_is_empty_again(fresh, client_as):
    made = make(fresh)
    client = client_as(COORDINATOR)
    page = client.get(made.workspace("/papier")).get_data(as_text=True)
    night = made.questions["safety_night"]
    assert f'id="q{night}"' in page and re.search(rf'id="q{night}"[^>]*autofocus', page)
    assert "1 = sehr sicher" in page and "4 = sehr unsicher" in page and "mehrere möglich" in page
    assert "Speichern und nächster Bogen" in page
    response = _paper(client, made, {"safety_night": "3", "protection": "1, 3", "scale": "5", "text": "Markt",
                                     "age_band": ""})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Bogen 1 gespeichert." in page and "bisher 1 Papierbögen" in page
    assert 'value="Markt"' not in page and re.search(rf'id="q{night}" name="q{night}" value=""[^>]*autofocus', page)
    options = made.options
    saved = stored(fresh, made)
    assert saved["responses"] == [(today(), "paper")]
    assert saved["answers"] == sorted([
        (night, options["safety_night"]["fairly_unsafe"], ""),
        (made.questions["protection"], options["protection"]["lock"], ""),
        (made.questions["protection"], options["protection"]["taxi"], ""),
        (made.questions["scale"], options["scale"]["5"], ""), (made.questions["text"], 0, "Markt")])
    assert _paper(client, made, {"protection": "2 4"}).status_code == 302  # on paper nothing is required
    assert "Bogen 2 gespeichert." in client.get(made.workspace("/papier")).get_data(as_text=True)


def test_every_bad_paper_input_gets_a_message_at_its_field_and_nothing_is_stored(fresh, client_as):
    made = make(fresh)
    client = client_as(COORDINATOR)
    cases = [
        ({"safety_night": "x"}, "safety_night", "Bitte nur Nummern von 1 bis 4 eingeben."),
        ({"safety_night": "0"}, "safety_night", "Bitte nur Nummern von 1 bis 4 eingeben."),
        ({"safety_night": "5"}, "safety_night", "Bitte nur Nummern von 1 bis 4 eingeben."),
        ({"safety_night": "1 2"}, "safety_night", "Hier ist nur eine Antwort möglich"),
        ({"safety_night": "2,3"}, "safety_night", "Hier ist nur eine Antwort möglich"),
        ({"scale": "6"}, "scale", "Bitte nur Nummern von 1 bis 5 eingeben."),
        ({"protection": "1 9"}, "protection", "getrennt durch Leerzeichen oder Kommas"),
        ({"protection": "1 5"}, "protection", "passt nicht zu einer anderen Antwort"),
        ({"protection": "1;x"}, "protection", "getrennt durch Leerzeichen oder Kommas"),
        ({"text": "x" * 501, "safety_night": "1"}, "text", "Bitte höchstens 500 Zeichen eingeben"),
    ]
    for values, field, message in cases:
        response = _paper(client, made, {"age_band": "2", **values})
        page = response.get_data(as_text=True)
        assert response.status_code == 422, values
        qid = made.questions[field]
        assert re.search(rf'id="q{qid}-error">[^<]*{re.escape(message)}', page), (values, page[-3000:])
        assert re.search(rf'id="q{qid}"[^>]*autofocus', page), values  # the first wrong field has the focus
        assert 'value="2"' in page  # what was typed stays
    response = _paper(client, made, {})
    assert response.status_code == 422 and "Der Bogen ist leer" in response.get_data(as_text=True)
    assert stored(fresh, made)["responses"] == []


def test_paper_entry_only_while_the_survey_runs(fresh, client_as):
    made = make(fresh)
    client = client_as(COORDINATOR)
    set_status(fresh, made, SurveyStatus.closed)
    page = client.get(made.workspace("/papier")).get_data(as_text=True)
    assert "Es werden keine Fragebögen mehr eingegeben" in page and not re.search(r'name="q\d', page)
    assert _paper(client, made, {"safety_night": "1"}).status_code == 422
    set_status(fresh, made, SurveyStatus.draft)
    assert "noch in Vorbereitung" in client.get(made.workspace("/papier")).get_data(as_text=True)
    assert stored(fresh, made)["responses"] == []


def test_workspace_pages_keep_their_query_count_as_questions_and_codes_grow(fresh, client_as, count_queries):
    small, large = make(fresh, "Klein"), make(fresh, "Groß", extra_questions=40)
    client = client_as(COORDINATOR)
    assert client.submit(large.workspace("/codes"), {"count": "300"}).status_code == 302
    counts = {}
    for name, made in (("small", small), ("large", large)):
        for tail in ("/papier", "/codes", "/codes/druck"):
            client.get(made.workspace(tail))
            with count_queries() as n:
                assert client.get(made.workspace(tail)).status_code == 200
            counts[name + tail] = n.value
    for tail in ("/papier", "/codes", "/codes/druck"):
        assert counts["small" + tail] == counts["large" + tail], counts
