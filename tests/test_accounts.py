"""Login, logout, throttling, CSRF, cookies and headers, password reset by an expiring link."""

from __future__ import annotations

import dataclasses
import re
import time

import sqlalchemy as sa
from itsdangerous import TimestampSigner

from asskomm.mail.models import OutboxMessage, OutboxStatus

from .fixtures.clients import make_client
from .helpers import user

LINK = re.compile(r"http://localhost(/passwort-neu/\S+)")


def test_login_lands_on_the_persons_home(client):
    response = client.login("koordination.zwickau@demo.asskomm.de")
    assert response.status_code == 302
    assert client.get("/").headers["Location"].endswith("/k/zwickau/")
    page = client.get("/k/zwickau/").get_data(as_text=True)
    assert '<html lang="de">' in page and "Kommunaler Präventionsrat Stadt Zwickau" in page


def test_wrong_password_gets_a_german_message_and_no_session(client):
    response = client.login("koordination.zwickau@demo.asskomm.de", "falsch-falsch-falsch")
    assert response.status_code == 401
    assert "E-Mail-Adresse oder Passwort ist falsch." in response.get_data(as_text=True)
    assert client.get("/k/zwickau/mitglieder").status_code == 302  # still anonymous: to the login page


def test_demo_password_is_refused_outside_demo_mode(fresh, client):
    settings = fresh.config["SETTINGS"]
    fresh.config["SETTINGS"] = dataclasses.replace(settings, demo_mode=False)
    try:
        response = client.login("land@demo.asskomm.de")
        assert response.status_code == 401
        assert "Demo-Passwort ist außerhalb des Demo-Modus nicht zulässig" in response.get_data(as_text=True)
    finally:
        fresh.config["SETTINGS"] = settings


def test_login_is_throttled_with_a_german_message(client):
    for _ in range(5):
        assert client.login("coach1@demo.asskomm.de", "falsch-falsch-falsch").status_code == 401
    response = client.login("coach1@demo.asskomm.de")
    assert response.status_code == 429
    assert "Zu viele Anmeldeversuche" in response.get_data(as_text=True)


def test_successful_logins_do_not_count_against_the_limit(client):
    for _ in range(7):
        assert client.login("coach2@demo.asskomm.de").status_code == 302
        client.submit("/logout")


def test_forms_without_csrf_token_are_refused(client_as):
    client = client_as("land")
    response = client.post("/land/kpr/neu", data={"name": "X"})
    assert response.status_code == 400
    assert "Formular ist abgelaufen" in response.get_data(as_text=True)


def test_session_cookie_flags_and_security_headers(other_app):
    app = other_app(SESSION_COOKIE_SECURE=None)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    response = app.test_client().get("/login")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_logout_ends_the_session(client_as):
    client = client_as("land")
    assert client.submit("/logout").status_code == 302
    assert client.get("/land/").status_code == 302


def test_logout_ends_the_session_on_the_server_for_a_copied_cookie(fresh, client_as):
    client = client_as("land")
    copy = make_client(fresh)
    copy.set_cookie("session", client.get_cookie("session").value)
    assert copy.get("/land/").status_code == 200
    assert client.submit("/logout").status_code == 302
    assert copy.get("/land/").status_code == 302  # to the login page: the server ended the session
    again = client_as("land")  # signing in again works, with a new session
    assert again.get("/land/").status_code == 200 and copy.get("/land/").status_code == 302


def _reset_link(ctx, email: str) -> str:
    with ctx() as session:
        mail = session.scalars(sa.select(OutboxMessage).filter_by(recipient=email, kind="password_reset")
                               .order_by(OutboxMessage.id.desc())).first()
        assert mail.status == OutboxStatus.stored  # no SMTP configured: kept in the outbox
        return LINK.search(mail.body).group(1)


def test_password_reset_by_mailed_single_use_link(client, ctx):
    response = client.submit("/passwort-vergessen", {"email": "mitglied.zittau@demo.asskomm.de"})
    assert response.status_code == 302
    link = _reset_link(ctx, "mitglied.zittau@demo.asskomm.de")
    assert client.get(link).status_code == 200
    short = client.submit(link, {"password": "kurz", "confirm": "kurz"})
    assert short.status_code == 422 and "mindestens 12 Zeichen" in short.get_data(as_text=True)
    done = client.submit(link, {"password": "ein-neues-passwort", "confirm": "ein-neues-passwort"})
    assert done.status_code == 302
    assert client.get(link).status_code == 302  # used: the link no longer works
    assert client.login("mitglied.zittau@demo.asskomm.de").status_code == 401
    assert client.login("mitglied.zittau@demo.asskomm.de", "ein-neues-passwort").status_code == 302


def test_password_change_ends_other_sessions(client_as, client, ctx):
    other = client_as("mitglied.meissen")
    assert other.get("/k/meissen/").status_code == 200
    client.submit("/passwort-vergessen", {"email": "mitglied.meissen@demo.asskomm.de"})
    link = _reset_link(ctx, "mitglied.meissen@demo.asskomm.de")
    client.submit(link, {"password": "ein-neues-passwort", "confirm": "ein-neues-passwort"})
    assert other.get("/k/meissen/mitglieder").status_code == 302  # logged out everywhere


def test_reset_link_expires(client, ctx, monkeypatch):
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 2 * 3600)
    client.submit("/passwort-vergessen", {"email": "mitglied.bautzen@demo.asskomm.de"})
    monkeypatch.setattr(TimestampSigner, "get_timestamp", real)
    link = _reset_link(ctx, "mitglied.bautzen@demo.asskomm.de")
    response = client.get(link, follow_redirects=True)
    assert "ungültig, abgelaufen oder wurde bereits verwendet" in response.get_data(as_text=True)


def test_reset_for_unknown_address_says_the_same_and_sends_nothing(client, ctx):
    response = client.submit("/passwort-vergessen", {"email": "niemand@example.org"}, follow_redirects=True)
    assert "Falls ein Konto mit dieser Adresse besteht" in response.get_data(as_text=True)
    with ctx() as session:
        assert session.scalar(sa.select(OutboxMessage).filter_by(recipient="niemand@example.org")) is None


def test_invited_person_sets_a_password_and_logs_in(client_as, client, ctx):
    client_as("koordination.zittau").submit(
        "/k/zittau/mitglieder", {"name": "Paula Neu", "email": "paula@zittau.example", "role": "member"})
    with ctx() as session:
        mail = session.scalar(sa.select(OutboxMessage).filter_by(recipient="paula@zittau.example"))
    link = re.search(r"http://localhost(/einladung/\S+)", mail.body).group(1)
    assert client.submit(link, {"password": "paulas-passwort-1", "confirm": "paulas-passwort-1"}).status_code == 302
    assert client.login("paula@zittau.example", "paulas-passwort-1").status_code == 302
    assert client.get("/").headers["Location"].endswith("/k/zittau/")


def test_deactivated_account_cannot_log_in(client_as, client, ctx):
    with ctx():
        member_id = user("mitglied.plauen").id
    admin = client_as("land")
    assert admin.submit(f"/land/personen/{member_id}/deaktivieren").status_code == 302
    assert client.login("mitglied.plauen@demo.asskomm.de").status_code == 401
