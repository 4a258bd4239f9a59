"""Issue 10 C7: with Redis down, the "Jetzt neu berechnen" buttons answer at once with a German
message instead of a 500 after Celery's retries, and their progress endpoint says so."""

from __future__ import annotations

import time

import pytest

PAGES = ["/berichte/", "/land/veranstaltungen/"]


@pytest.fixture
def admin_without_redis(other_app, committed):
    app = other_app(REDIS_URL="redis://127.0.0.1:1/0")
    client = app.test_client()
    assert client.post("/login", data={"email": "land@demo.asskomm.de", "password": "asskomm-demo"}).status_code == 302
    return client


@pytest.mark.parametrize("page", PAGES)
def test_recompute_with_redis_down_answers_at_once_in_german(admin_without_redis, page):
    started = time.monotonic()
    response = admin_without_redis.post(f"{page}berechnen")
    assert time.monotonic() - started < 5  # before the fix: a 500 after about 19 s
    assert response.status_code == 302 and response.headers["Location"] == page  # no job to follow
    shown = admin_without_redis.get(response.headers["Location"]).get_data(as_text=True)
    assert "Hintergrunddienst nicht erreichbar" in shown


@pytest.mark.parametrize("page", PAGES)
def test_progress_with_redis_down_is_a_503_that_progress_js_polls_again(admin_without_redis, page):
    started = time.monotonic()
    response = admin_without_redis.get(f"{page}berechnung/0e3c8f47-6a6c-4a8e-9d0d-6b1d7c2b0a11")
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert response.get_json()["state"] == "UNAVAILABLE"
