"""200 respondents submitting at the same moment, over HTTP against a live server: every submission
is answered with the way to the thanks page, none fails, and all 200 responses with their answers
are stored — on PostgreSQL and on SQLite, whose writers queue for its one write lock (15 s at most:
a submission holds it briefly, the frozen questionnaire is read once per process, collection/sheet.py)."""

from __future__ import annotations

import dataclasses
import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

from .survey_collection_data import make, stored

RESPONDENTS = 200
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


class _Answer(urllib.request.HTTPRedirectHandler):
    """The submission's own answer (302 to the thanks page), not the page it leads to."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _respondent(base: str, start: str) -> tuple[urllib.request.OpenerDirector, str]:
    """A browser of its own (its own session cookie), on the start page."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _Answer)
    with opener.open(base + start, timeout=30) as page:
        return opener, CSRF.search(page.read().decode()).group(1)


def test_200_respondents_at_once_are_all_stored_without_an_error(live_server, committed):
    made = make(committed)
    saved_settings = committed.config["SETTINGS"]
    # One test machine is one address: the limit per address is lifted for this crowd.
    committed.config["SETTINGS"] = dataclasses.replace(saved_settings, survey_rate_limit="10000 per minute")
    try:
        crowd = [_respondent(live_server, made.url()) for _ in range(RESPONDENTS)]
        nights = list(made.options["safety_night"])
        barrier = threading.Barrier(RESPONDENTS)
        answered: list[str] = []
        errors: list[BaseException] = []

        def submit(number: int, opener, token: str) -> None:
            form = made.answer(nights[number % 4], protection=["lock"] if number % 2 else ["none"],
                               text=f"Antwort {number}")
            body = urllib.parse.urlencode({**form, "csrf_token": token}, doseq=True).encode()
            try:
                barrier.wait(timeout=120)
                opener.open(live_server + made.url("/fragebogen"), data=body, timeout=120)
            except urllib.error.HTTPError as reply:  # the redirect, not followed
                answered.append(f"{reply.code} {(reply.headers['Location'] or '').rsplit('/', 1)[-1]}")
            except BaseException as error:  # noqa: BLE001 - every failure is reported below
                errors.append(error)

        threads = [threading.Thread(target=submit, args=(n, *pair)) for n, pair in enumerate(crowd)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    finally:
        committed.config["SETTINGS"] = saved_settings
    assert errors == [] and sorted(answered) == ["302 danke"] * RESPONDENTS
    saved = stored(committed, made)
    assert len(saved["responses"]) == RESPONDENTS
    assert len(saved["answers"]) == RESPONDENTS * 3
    assert sorted(text for _, _, text in saved["answers"] if text) == sorted(f"Antwort {n}" for n in range(RESPONDENTS))
