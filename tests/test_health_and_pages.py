"""Health endpoint, German error pages, dates as 21.11.2026."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from asskomm.mail.models import OutboxMessage, OutboxStatus
from asskomm.timeutil import format_date, format_datetime
from tenants import db


def test_healthz_reports_database_and_broker(client, app_environment):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["database"] == "ok" and body["broker"] == "ok"
    assert body["broker_kind"] == ("redis" if "REDIS_URL" in app_environment else "embedded")


def test_healthz_answers_200_with_the_broker_down(other_app):
    app = other_app(REDIS_URL="redis://127.0.0.1:1/0")
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "degraded", "database": "ok", "broker": "unreachable",
                                   "broker_kind": "redis"}


def test_livez_answers_without_touching_database_or_broker(other_app):
    client = other_app(DATABASE_URL="postgresql://asskomm@127.0.0.1:1/asskomm", REDIS_URL="redis://127.0.0.1:1/0"
                       ).test_client()
    response = client.get("/livez")
    assert response.status_code == 200 and response.get_json() == {"status": "alive"}
    assert client.get("/readyz").status_code == 503  # the same app with nothing reachable


def test_readyz_answers_200_when_database_and_broker_are_reachable(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready", "database": "ok", "broker": "ok"}


def test_readyz_answers_503_with_the_broker_down(other_app):
    response = other_app(REDIS_URL="redis://127.0.0.1:1/0").test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "not ready", "database": "ok", "broker": "unreachable"}


def test_readyz_and_healthz_answer_503_with_the_database_down(other_app):
    client = other_app(DATABASE_URL="postgresql://asskomm@127.0.0.1:1/asskomm").test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"
    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["status"] == "degraded"


def test_request_succeeds_and_mail_waits_when_the_broker_is_down(other_app, committed):
    app = other_app(REDIS_URL="redis://127.0.0.1:1/0", SMTP_HOST="127.0.0.1")
    response = app.test_client().post("/passwort-vergessen", data={"email": "coach2@demo.asskomm.de"})
    assert response.status_code == 302
    with app.app_context():
        mail = db.session.scalars(sa.select(OutboxMessage).filter_by(recipient="coach2@demo.asskomm.de",
                                                                     kind="password_reset")).one()
        assert mail.status == OutboxStatus.queued  # the sweep sends it once the broker is back


def test_error_pages_are_german(client):
    response = client.get("/gibt-es-nicht")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.get_data(as_text=True)


def test_dates_and_times_are_german_in_berlin_time():
    assert format_date(date(2026, 11, 21)) == "21.11.2026"
    assert format_datetime(datetime(2026, 11, 21, 15, 30, tzinfo=UTC)) == "21.11.2026, 16:30 Uhr"
    assert format_datetime(datetime(2026, 7, 1, 22, 15, tzinfo=UTC)) == "02.07.2026, 00:15 Uhr"


def test_kpr_home_shows_german_dates(client_as):
    page = client_as("koordination.zittau").get("/k/zittau/").get_data(as_text=True)
    assert "14.03.2023" in page  # founded 2023, as the seed says
    assert "Polizeidirektion Görlitz" in page
