"""One-time codes from the respondent's side: typed with or without the dash and in any case, kept in
the signed session cookie only (nothing changes on the server until the submission), required when
the survey has no open link, refused in German when malformed, unknown or used — and a code works
once: sequentially, from a second tab, and when two submissions arrive at the same moment."""

from __future__ import annotations

import threading

import pytest

from asskomm.prevention.survey.collection import codes
from asskomm.prevention.survey.collection.respondent import CODE_NEEDED, SESSION_KEY

from .fixtures.clients import make_client
from .survey_collection_data import csrf, make, stored

CODE = "K7QXM3TP"


def _enter(client, made, typed: str):
    return client.post(made.url("/code"), data={"code": typed, "csrf_token": csrf(client, made.url())})


def _submit(client, made, data: dict | None = None):
    token = csrf(client, made.url())
    return client.post(made.url("/fragebogen"), data={**(data or made.answer()), "csrf_token": token})


def _held(client):
    with client.session_transaction() as session:
        return session.get(SESSION_KEY)


@pytest.mark.parametrize("typed", ["K7QX-M3TP", "k7qx-m3tp", " k7qx m3tp ", "K7QXM3TP", "k7qx–m3tp"])
def test_a_code_is_typed_with_or_without_dash_in_any_case_and_kept_in_the_session_only(fresh, client, typed):
    made = make(fresh, open_link=False, codes=(CODE, "ABCD2345"))
    before = stored(fresh, made)
    response = _enter(client, made, typed)
    assert response.status_code == 302 and response.headers["Location"].endswith(made.url("/fragebogen"))
    assert _held(client) == {"survey": made.key, "code": CODE}
    assert stored(fresh, made) == before  # nothing is written on the server for entering it
    assert client.get(made.url("/fragebogen")).status_code == 200
    assert "Ihr Zugangscode ist erkannt." in client.get(made.url()).get_data(as_text=True)


def test_without_an_open_link_the_questionnaire_needs_a_code(fresh, client):
    made = make(fresh, open_link=False, codes=(CODE,))
    start = client.get(made.url()).get_data(as_text=True)
    assert 'name="code"' in start and "Befragung beginnen" not in start
    response = client.get(made.url("/fragebogen"))
    assert response.status_code == 302 and response.headers["Location"].endswith(made.url())
    assert CODE_NEEDED in client.get(made.url()).get_data(as_text=True)
    assert _submit(client, made).status_code == 302
    assert stored(fresh, made)["responses"] == [] and stored(fresh, made)["codes"] == [CODE]


def test_an_open_link_survey_offers_the_code_field_when_it_has_codes(fresh, client):
    made = make(fresh, codes=(CODE,))
    start = client.get(made.url()).get_data(as_text=True)
    assert "Befragung beginnen" in start and 'name="code"' in start and "Sie haben einen Brief" in start
    assert _submit(client, made).status_code == 302  # the open link needs no code …
    assert stored(fresh, made)["codes"] == [CODE]
    assert _enter(client, made, CODE).status_code == 302  # … and a code entered is used with the answers
    assert _submit(client, made).status_code == 302
    assert stored(fresh, made)["codes"] == [] and len(stored(fresh, made)["responses"]) == 2


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Bitte geben Sie den Zugangscode aus Ihrem Brief ein"),
    ("K7QX", "Ein Zugangscode hat acht Zeichen"),
    ("K7QX-M3T0", "Ein Zugangscode hat acht Zeichen"),  # 0 is not in the alphabet
    ("K7QX-M3TP-X", "Ein Zugangscode hat acht Zeichen"),
    ("ABCD-EFGH", "Diesen Zugangscode kennen wir für diese Befragung nicht"),
])
def test_bad_codes_are_refused_in_german_and_change_nothing(fresh, client, typed, message):
    made = make(fresh, open_link=False, codes=(CODE,))
    before = stored(fresh, made)
    response = _enter(client, made, typed)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert _held(client) is None and stored(fresh, made) == before


def test_another_surveys_code_does_not_open_this_one(fresh, client):
    other = make(fresh, "Andere Befragung", codes=("ABCD2345",))
    made = make(fresh, open_link=False, codes=(CODE,))
    assert _enter(client, made, "ABCD-2345").status_code == 422
    assert _enter(client, other, CODE).status_code == 422


def test_a_code_works_once_and_is_cleared_from_the_session(fresh, client):
    made = make(fresh, open_link=False, codes=(CODE,))
    assert _enter(client, made, "K7QX-M3TP").status_code == 302
    response = _submit(client, made)
    assert response.status_code == 302 and response.headers["Location"].endswith(made.url("/danke"))
    assert _held(client) is None
    assert stored(fresh, made)["codes"] == [] and len(stored(fresh, made)["responses"]) == 1
    again = _enter(client, made, "K7QX-M3TP")
    assert again.status_code == 422 and codes.UNKNOWN in again.get_data(as_text=True)
    other = make_client(fresh)
    assert _enter(other, made, CODE).status_code == 422
    assert len(stored(fresh, made)["responses"]) == 1


def test_a_second_tab_with_the_same_code_stores_nothing(fresh):
    made = make(fresh, open_link=False, codes=(CODE,))
    first, second = make_client(fresh), make_client(fresh)
    for tab in (first, second):
        assert _enter(tab, made, CODE).status_code == 302
    assert _submit(first, made).status_code == 302
    assert second.get(made.url("/fragebogen")).headers["Location"].endswith(made.url())  # used meanwhile
    assert _enter(second, made, CODE).status_code == 422
    third = make_client(fresh)
    with third.session_transaction() as session:  # a cookie from before the first submission
        session[SESSION_KEY] = {"survey": made.key, "code": CODE}
    refused = _submit(third, made, made.answer("very_safe"))
    assert refused.status_code == 302 and refused.headers["Location"].endswith(made.url())
    assert codes.USED in third.get(made.url()).get_data(as_text=True)
    assert len(stored(fresh, made)["responses"]) == 1


def test_two_submissions_with_one_code_at_the_same_moment_store_one_response(committed):
    made = make(committed, open_link=False, codes=(CODE,))
    tabs = []
    for _ in range(2):
        tab = make_client(committed)
        assert _enter(tab, made, CODE).status_code == 302
        tabs.append((tab, csrf(tab, made.url())))
    barrier = threading.Barrier(len(tabs))
    answers, errors = [], []

    def send(tab, token):
        try:
            barrier.wait(timeout=30)
            answers.append(tab.post(made.url("/fragebogen"), data={**made.answer(), "csrf_token": token})
                           .headers["Location"])
        except BaseException as error:  # noqa: BLE001 - every failure is reported below
            errors.append(error)

    threads = [threading.Thread(target=send, args=pair) for pair in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(location.rsplit("/", 1)[-1] for location in answers) == sorted(["danke", made.key])
    saved = stored(committed, made)
    assert len(saved["responses"]) == 1 and saved["codes"] == []
