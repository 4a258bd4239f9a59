"""The respondents' pages through HTTP, without sign-in: the start page with its plain-language
introduction, open link or code, the one-page questionnaire with required questions (an error summary
linking to each field, answers kept, nothing stored), one response per submission (today's date in
Berlin, channel online), closed and draft surveys and foreign KPRs 404, the rate limit's German 429."""

from __future__ import annotations

import dataclasses
import re
from contextlib import contextmanager

import pytest

from asskomm.prevention.survey.collection import answers
from asskomm.prevention.survey.collection.sheet import sheet_of
from asskomm.prevention.survey.models import SurveyQuestion, SurveyStatus
from asskomm.timeutil import today
from config import ConfigError, load_settings

from .matrix_objects.prevention_survey_collection import running_survey
from .survey_collection_data import SLUG, csrf, make, session_of, set_status, stored


def _send(client, made, data: dict, **kwargs):
    token = csrf(client, made.url())
    return client.post(made.url("/fragebogen"), data={**data, "csrf_token": token}, **kwargs)


def test_the_start_page_introduces_the_survey_in_plain_language_and_opens_by_link(fresh, client):
    made = make(fresh)
    page = client.get(made.url()).get_data(as_text=True)
    assert "Bürgerbefragung Zwickau 2026" in page and "Wie sicher fühlen Sie sich in Ihrer Wohngegend?" in page
    assert "dauert etwa 3 Minuten (5 Fragen" in page and "ohne Uhrzeit" in page and "weniger als 5 Antworten" in page
    assert f'href="{made.url("/datenschutz")}"' in page
    assert f'href="{made.url("/fragebogen")}"' in page and "Befragung beginnen" in page
    assert 'name="code"' not in page  # no codes were made: no code field
    assert client.get(made.url("/fragebogen")).status_code == 200


def test_the_questionnaire_shows_sections_as_fieldsets_and_each_kind_as_its_field(fresh, client):
    made = make(fresh)
    page = client.get(made.url("/fragebogen")).get_data(as_text=True)
    assert page.count('<fieldset class="survey-section">') == 2 and "<legend><h2>Angaben zu Ihrer Person</h2>" in page
    night, protection, scale, text = (made.questions[k] for k in ("safety_night", "protection", "scale", "text"))
    assert len(re.findall(rf'type="radio" id="q{night}-o\d+" name="q{night}"', page)) == 4
    assert len(re.findall(rf'type="checkbox" id="q{protection}-o\d+" name="q{protection}"', page)) == 5
    assert '<div class="choices scale">' in page and len(re.findall(rf'type="radio" [^>]*name="q{scale}"', page)) == 5
    assert f'<input type="text" id="q{text}" name="q{text}" maxlength="500"' in page
    assert "1.</span> Wie sicher fühlen Sie sich, wenn Sie nachts" in page and "(Pflichtfrage)" in page
    assert "5.</span> Wie alt sind Sie?" in page  # numbered through the sections, as on paper
    assert "<script" not in page


def test_a_submission_is_one_response_of_today_online_and_then_thanks(fresh, client):
    made = make(fresh)
    response = _send(client, made, made.answer("very_unsafe", protection=["lock", "taxi"], scale="4",
                                               text="am Bahnhof", age_band="65+"))
    assert response.status_code == 302 and response.headers["Location"].endswith(made.url("/danke"))
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Vielen Dank für Ihre Antworten!" in thanks and "anonym" in thanks
    saved = stored(fresh, made)
    assert saved["responses"] == [(today(), "online")]
    options = made.options
    assert saved["answers"] == sorted([
        (made.questions["safety_night"], options["safety_night"]["very_unsafe"], ""),
        (made.questions["protection"], options["protection"]["lock"], ""),
        (made.questions["protection"], options["protection"]["taxi"], ""),
        (made.questions["scale"], options["scale"]["4"], ""),
        (made.questions["text"], 0, "am Bahnhof"),
        (made.questions["age_band"], options["age_band"]["65+"], "")])


def test_a_missing_required_answer_shows_the_summary_keeps_the_answers_and_stores_nothing(fresh, client):
    made = make(fresh)
    data = {**made.answer(protection=["company"], text="im Park"), made.field("safety_night"): ""}
    response = _send(client, made, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    night = made.questions["safety_night"]
    first_option = made.options["safety_night"]["very_safe"]
    assert '<div class="error-summary" role="alert"' in page
    assert f'<a href="#q{night}-o{first_option}">Frage 1: Bitte beantworten Sie diese Frage.</a>' in page
    assert f'id="q{night}-error"' in page and f'aria-describedby="q{night}-error"' in page
    assert "<title>Fehler: " in page
    company = made.options["protection"]["company"]
    assert re.search(rf'id="q{made.questions["protection"]}-o{company}"[^>]*checked', page)
    assert 'value="im Park"' in page
    assert stored(fresh, made)["responses"] == []


def test_foreign_bad_and_overlong_answers_are_refused_in_german_and_store_nothing(fresh, client):
    made = make(fresh)
    night, protection = made.field("safety_night"), made.field("protection")
    foreign_option = str(made.options["age_band"]["65+"])
    cases = {
        "eine Antwort einer anderen Frage": ({night: foreign_option}, "Bitte wählen Sie eine der angebotenen"),
        "zwei Antworten bei Einfachauswahl": ({night: [str(i) for i in made.options["safety_night"].values()][:2]},
                                              "Bitte wählen Sie eine der angebotenen"),
        "keine Zahl": ({night: "abc"}, "Bitte wählen Sie eine der angebotenen"),
        "nichts davon und etwas": ({**made.answer(), protection: [str(made.options["protection"]["none"]),
                                                                  str(made.options["protection"]["lock"])]},
                                   "„nichts davon“ passt nicht zu einer anderen Antwort"),
        "zu langer Text": (made.answer(text="x" * 501), "Bitte höchstens 500 Zeichen eingeben (es sind 501)."),
    }
    for name, (data, message) in cases.items():
        response = _send(client, made, data)
        assert response.status_code == 422, name
        assert message in response.get_data(as_text=True), name
    assert stored(fresh, made)["responses"] == []


def test_nothing_answered_is_refused_when_no_question_is_required(fresh, client):
    made = make(fresh)
    with session_of(fresh) as session:
        session.get(SurveyQuestion, made.questions["safety_night"]).required = False
        session.commit()
    response = _send(client, made, {})
    assert response.status_code == 422 and answers.NOTHING_ANSWERED in response.get_data(as_text=True)
    assert stored(fresh, made)["responses"] == []


def test_draft_and_closed_surveys_and_another_kprs_survey_are_404(fresh, client):
    made = make(fresh)
    foreign = make(fresh, "Befragung Zittau", slug="zittau")
    pages = ["", "/fragebogen", "/danke", "/datenschutz"]
    for tail in pages:
        assert client.get(f"/k/zittau/befragung/{made.key}{tail}").status_code == 404
        assert client.get(f"/k/{SLUG}/befragung/{foreign.key}{tail}").status_code == 404
    for status in (SurveyStatus.draft, SurveyStatus.closed):
        set_status(fresh, made, status)
        for tail in pages:
            assert client.get(made.url(tail)).status_code == 404, (status, tail)
        token = client.csrf_token()
        assert client.post(made.url("/fragebogen"), data={**made.answer(), "csrf_token": token}).status_code == 404
        assert client.post(made.url("/code"), data={"code": "K7QX-M3TP", "csrf_token": token}).status_code == 404
    assert stored(fresh, made)["responses"] == []


def test_the_privacy_page_says_what_is_stored_and_what_is_not(fresh, client):
    made = make(fresh)
    page = client.get(made.url("/datenschutz")).get_data(as_text=True)
    for text in ("ohne Ihren Namen und ohne Ihre Adresse", "keine Uhrzeit", "Keine Internetadresse (IP-Adresse)",
                 "wird Ihr Code gelöscht", "höchstens eine Stunde", "nie zusammen mit Ihren Antworten",
                 "weniger als 5 Antworten", "Artikel 6 Absatz 1 Buchstabe e",
                 "Koordinierungsstelle des KPR Stadt Zwickau", 'href="/k/zwickau/"'):
        assert text in page, text


@contextmanager
def _settings(app, **changes):
    saved = app.config["SETTINGS"]
    app.config["SETTINGS"] = dataclasses.replace(saved, **changes)
    try:
        yield
    finally:
        app.config["SETTINGS"] = saved


def test_submissions_are_rate_limited_per_address_with_a_german_page(fresh, client):
    made = make(fresh)
    with _settings(fresh, survey_rate_limit="2 per minute"):
        for _ in range(2):
            assert _send(client, made, made.answer(), environ_base={"REMOTE_ADDR": "198.51.100.23"}).status_code == 302
        refused = _send(client, made, made.answer(), environ_base={"REMOTE_ADDR": "198.51.100.23"})
        assert refused.status_code == 429
        text = refused.get_data(as_text=True)
        assert "Zu viele Antworten in kurzer Zeit" in text and "nicht gespeichert" in text
        assert _send(client, made, made.answer(), environ_base={"REMOTE_ADDR": "198.51.100.24"}).status_code == 302
    assert len(stored(fresh, made)["responses"]) == 3


def test_the_survey_rate_limit_setting_is_validated(tmp_path):
    env = {"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"}
    assert load_settings(env).survey_rate_limit == "30 per minute;300 per hour"
    assert load_settings({**env, "SURVEY_RATE_LIMIT": "10 per minute"}).survey_rate_limit == "10 per minute"
    for bad in ("100 per day", "viele"):
        with pytest.raises(ConfigError, match="SURVEY_RATE_LIMIT"):
            load_settings({**env, "SURVEY_RATE_LIMIT": bad})


def test_questionnaire_page_keeps_its_query_count_as_questions_grow(fresh, client, count_queries):
    small, large = make(fresh, "Klein"), make(fresh, "Groß", extra_questions=40)
    counts = {}
    for name, made in (("small", small), ("large", large)):
        for tail in ("", "/fragebogen"):
            client.get(made.url(tail))
            with count_queries() as n:
                assert client.get(made.url(tail)).status_code == 200
            counts[name + tail] = n.value
    assert counts["small"] == counts["large"] and counts["small/fragebogen"] == counts["large/fragebogen"], counts


def test_a_frozen_questionnaire_is_read_once_and_a_draft_afresh(fresh):
    with session_of(fresh) as session:
        survey = running_survey(session, "Entwurf", status=SurveyStatus.draft)
        before = sheet_of(survey)
        section = survey.sections[0]
        session.add(SurveyQuestion(survey=survey, section=section, position=99, kind="text", text="Noch eine?"))
        session.flush()
        assert len(sheet_of(survey).questions) == len(before.questions) + 1  # a draft may still change
        survey.status = SurveyStatus.open
        session.flush()
        kept = sheet_of(survey)
        assert sheet_of(survey) is kept and "Noch eine?" in [question.text for question in kept.questions]
