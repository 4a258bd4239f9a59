"""Issue 14, legal pages: Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit for everyone,
linked from every page's footer; the feedback form records and mails; the feedback list and the
Verzeichnis von Verarbeitungstätigkeiten only for state admins; retention figures follow the settings."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
import sqlalchemy as sa

from asskomm.legal.models import AccessibilityFeedback
from asskomm.legal.records import activities
from asskomm.mail.models import OutboxMessage
from config import ConfigError, load_settings
from tenants import db

from .helpers import tenant

LEGAL_PAGES = {"/impressum": "Impressum", "/datenschutz": "Datenschutzerklärung",
               "/barrierefreiheit": "Erklärung zur Barrierefreiheit"}
FOOTER = ('href="/impressum"', 'href="/datenschutz"', 'href="/barrierefreiheit"')
MESSAGE = "Der Kalender lässt sich mit dem Bildschirmleser nicht bedienen."


def _feedback(session) -> list[AccessibilityFeedback]:
    return list(session.scalars(sa.select(AccessibilityFeedback)))


def _mails(session) -> list[OutboxMessage]:
    return list(session.scalars(sa.select(OutboxMessage).filter_by(kind="mail_feedback")))


def test_the_legal_pages_render_for_visitors_and_signed_in_people(client, client_as):
    for who in (client, client_as("mitglied.zittau"), client_as("land")):
        for url, heading in LEGAL_PAGES.items():
            response = who.get(url)
            assert response.status_code == 200, url
            html = response.get_data(as_text=True)
            assert f"<h1>{heading}</h1>" in html and "Landespräventionsrat Sachsen" in html
            assert all(link in html for link in FOOTER)
    privacy = client.get("/datenschutz").get_data(as_text=True)
    for words in ("Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 SächsDSDG", "Art. 15 DSGVO", "Art. 21 DSGVO",
                  "Art. 77 DSGVO", "Die Sächsische Datenschutz- und Transparenzbeauftragte", "Sitzungs-Cookie",
                  "kein Tracking", "Staatsbetrieb Sächsische Informatik Dienste"):
        assert words in privacy, words
    statement = client.get("/barrierefreiheit").get_data(as_text=True)
    for words in ("teilweise vereinbar", "Nicht barrierefreie Inhalte", "01.12.2026", "axe-core", "320 Pixel",
                  "Durchsetzungsverfahren", "durchsetzungsstelle@sk.sachsen.de", "Rückmeldung senden"):
        assert words in statement, words
    assert "Verarbeitungstätigkeiten" not in privacy  # the register's link is for state admins only
    assert "/land/verarbeitungsverzeichnis" in client_as("land").get("/datenschutz").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/login", "/kpr/", "/k/zwickau/", "/gibt-es-nicht", "/land/", "/k/zwickau/sitzungen"])
def test_every_kind_of_page_links_the_legal_pages_in_its_footer(client, client_as, url):
    for who in (client, client_as("koordination.zwickau"), client_as("land")):
        html = who.get(url, follow_redirects=True).get_data(as_text=True)
        footer = html[html.index('<footer class="site-footer">'):]
        assert all(link in footer for link in FOOTER), url


def test_operator_and_statement_come_from_the_environment(other_app):
    app = other_app(OPERATOR_NAME="Landespräventionsrat Testland", OPERATOR_EMAIL="barrieren@example.org",
                    ACCESSIBILITY_STATUS="vollständig", ACCESSIBILITY_GAPS="", ACCESSIBILITY_ASSESSED="15.03.2027")
    client = app.test_client()
    assert "Landespräventionsrat Testland" in client.get("/impressum").get_data(as_text=True)
    statement = client.get("/barrierefreiheit").get_data(as_text=True)
    assert "vollständig vereinbar" in statement and "15.03.2027" in statement and "barrieren@example.org" in statement
    assert "Nicht barrierefreie Inhalte" not in statement


def test_bad_legal_settings_stop_the_app_with_german_messages(tmp_path):
    env = {"INSTANCE_PATH": str(tmp_path), "ACCESSIBILITY_STATUS": "meistens", "ACCESSIBILITY_ASSESSED": "2026-12-01",
           "OPERATOR_EMAIL": "kein-at-zeichen", "REGISTRATION_RETENTION_MONTHS": "0", "OUTBOX_BODY_RETENTION_DAYS": "3",
           "DATA_EXPORT_DAYS": "31"}
    with pytest.raises(ConfigError) as raised:
        load_settings(env)
    for words in ("ACCESSIBILITY_STATUS muss vollständig, teilweise oder nicht sein",
                  "ACCESSIBILITY_ASSESSED muss ein Datum im Format TT.MM.JJJJ sein",
                  "OPERATOR_EMAIL muss eine E-Mail-Adresse sein",
                  "REGISTRATION_RETENTION_MONTHS muss zwischen 1 und 120",
                  "OUTBOX_BODY_RETENTION_DAYS muss zwischen 7 und 3650", "DATA_EXPORT_DAYS muss zwischen 1 und 30"):
        assert words in str(raised.value), words
    defaults = load_settings({"INSTANCE_PATH": str(tmp_path)})
    assert (defaults.registration_retention_months, defaults.outbox_body_retention_days,
            defaults.data_export_days) == (24, 90, 7)


def test_retention_on_privacy_page_and_register_follows_the_settings(other_app, client_as, fresh, monkeypatch):
    default_privacy = client_as("land").get("/datenschutz").get_data(as_text=True)
    for figure in ("24 Monaten nach der Veranstaltung", "nach 90 Tagen", "nach 7 Tagen", "730 Tagen"):
        assert figure in default_privacy, figure
    env = {"REGISTRATION_RETENTION_MONTHS": "36", "OUTBOX_BODY_RETENTION_DAYS": "30", "DATA_EXPORT_DAYS": "3",
           "AUDIT_RETENTION_DAYS": "400", "LOGIN_RATE_LIMIT": "5 per minute;30 per 2 hours"}
    privacy = other_app(**env).test_client().get("/datenschutz").get_data(as_text=True)
    for figure in ("36 Monaten nach der Veranstaltung", "nach 30 Tagen", "nach 3 Tagen", "400 Tagen", "120 Minuten"):
        assert figure in privacy, figure
    assert "24 Monaten" not in privacy and "730 Tagen" not in privacy
    # the register reads the same list: with the same settings it shows the same retention texts
    changed = replace(fresh.config["SETTINGS"], registration_retention_months=36, outbox_body_retention_days=30,
                      data_export_days=3, audit_retention_days=400)
    monkeypatch.setitem(fresh.config, "SETTINGS", changed)
    admin = client_as("land")
    register = admin.get("/land/verarbeitungsverzeichnis").get_data(as_text=True)
    privacy = admin.get("/datenschutz").get_data(as_text=True)
    for activity in activities(changed):
        assert activity.title in register and activity.measures in register and activity.persons in register
        assert activity.retention in register and activity.retention in privacy, activity.key
    assert "36 Monaten" in register and "400 Tagen" in register


def test_feedback_is_recorded_and_mailed_to_the_operator_with_reply_to(client, ctx):
    page = client.get("/barrierefreiheit", headers={"Referer": "http://localhost/k/zwickau/sitzungen"})
    assert 'value="/k/zwickau/sitzungen"' in page.get_data(as_text=True)  # the page one came from
    response = client.submit("/barrierefreiheit", {"name": "Erika Muster", "email": "erika@example.org",
                                                   "page": "/k/zwickau/sitzungen", "message": MESSAGE})
    assert response.status_code == 302
    assert "Vielen Dank" in client.get(response.location).get_data(as_text=True)
    with ctx() as session:
        [feedback] = _feedback(session)
        assert (feedback.name, feedback.email, feedback.page, feedback.message) == (
            "Erika Muster", "erika@example.org", "/k/zwickau/sitzungen", MESSAGE)
        assert feedback.tenant_id == tenant("zwickau").id
        [mail] = _mails(session)
        assert mail.recipient == "kontakt@asskomm.sachsen.de" and mail.reply_to == "erika@example.org"
        assert mail.subject == "Rückmeldung zur Barrierefreiheit: /k/zwickau/sitzungen"
        assert MESSAGE in mail.body and "Erika Muster <erika@example.org>" in mail.body
        assert "/land/barrierefreiheit-rueckmeldungen" in mail.body


def test_feedback_without_name_and_address_is_recorded_and_mailed_without_reply_to(client, ctx):
    response = client.submit("/barrierefreiheit", {"page": "Startseite", "message": MESSAGE})
    assert response.status_code == 302
    with ctx() as session:
        [feedback] = _feedback(session)
        assert feedback.name is None and feedback.email is None and feedback.tenant_id is None
        [mail] = _mails(session)
        assert mail.reply_to is None and "keine Antwort möglich" in mail.body


@pytest.mark.parametrize(("data", "message"), [
    ({"page": "Startseite", "message": "  "}, "Bitte beschreiben Sie, was Ihnen aufgefallen ist."),
    ({"page": "", "message": MESSAGE}, "Bitte nennen Sie die Seite, um die es geht."),
    ({"page": "Startseite", "message": MESSAGE, "email": "erika@"}, "Bitte geben Sie eine gültige E-Mail-Adresse ein"),
    ({"page": "Startseite", "message": "x" * 5001}, "Bitte fassen Sie sich auf höchstens 5000 Zeichen."),
    ({"page": "S" * 501, "message": MESSAGE}, "Bitte geben Sie höchstens 500 Zeichen ein."),
    ({"page": "Startseite", "message": MESSAGE, "name": "N" * 201}, "Bitte geben Sie höchstens 200 Zeichen ein."),
])
def test_bad_feedback_is_refused_in_german_and_nothing_is_stored(client, ctx, data, message):
    response = client.submit("/barrierefreiheit", data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with ctx() as session:
        assert _feedback(session) == [] and _mails(session) == []


def test_feedback_without_csrf_token_is_refused(client, ctx):
    assert client.post("/barrierefreiheit", data={"page": "Startseite", "message": MESSAGE}).status_code == 400
    with ctx() as session:
        assert _feedback(session) == []


def test_feedback_is_rate_limited_per_address(client, ctx):
    statuses = [client.submit("/barrierefreiheit", {"page": f"Seite {n}", "message": MESSAGE}).status_code
                for n in range(6)]
    assert statuses == [302] * 5 + [429]
    answer = client.submit("/barrierefreiheit", {"page": "Seite 7", "message": MESSAGE})
    assert answer.status_code == 429 and "Zu viele Rückmeldungen" in answer.get_data(as_text=True)
    with ctx() as session:
        assert len(_feedback(session)) == 5


@pytest.mark.parametrize("url", ["/land/barrierefreiheit-rueckmeldungen", "/land/verarbeitungsverzeichnis"])
def test_only_state_admins_open_the_feedback_list_and_the_register(client, client_as, url):
    assert client_as("land").get(url).status_code == 200
    for login in ("kontakt", "coach1", "koordination.zwickau", "mitglied.zwickau"):
        assert client_as(login).get(url).status_code == 404, login  # state pages stay invisible to others
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous.location


def _add_feedback(ctx, count: int) -> None:
    with ctx() as session:
        slugs = [None, "zwickau", "zittau", "meissen"]
        for n in range(count):
            slug = slugs[n % 4]
            session.add(AccessibilityFeedback(name=f"Person {n}", email=f"p{n}@example.org" if n % 2 else None,
                                              page=f"/k/{slug}/" if slug else f"Seite {n}", message=f"Nachricht {n}",
                                              tenant_id=tenant(slug).id if slug else None))
        session.commit()


def test_the_feedback_list_shows_feedback_newest_first_with_constant_queries(client_as, ctx, count_queries):
    admin = client_as("land")
    _add_feedback(ctx, 3)
    admin.get("/land/barrierefreiheit-rueckmeldungen")
    with count_queries() as few:
        html = admin.get("/land/barrierefreiheit-rueckmeldungen").get_data(as_text=True)
    assert "3 Rückmeldungen" in html and "Nachricht 2" in html and "Stadt Zwickau" in html
    assert html.index("Nachricht 2") < html.index("Nachricht 0")
    _add_feedback(ctx, 60)
    with count_queries() as many:
        html = admin.get("/land/barrierefreiheit-rueckmeldungen").get_data(as_text=True)
    assert "63 Rückmeldungen" in html and "Seite 1 von 3" in html
    assert many.value == few.value
    assert "Seite 3 von 3" in admin.get("/land/barrierefreiheit-rueckmeldungen?seite=3").get_data(as_text=True)


def test_a_state_admin_deletes_a_feedback_after_confirming(client_as, ctx):
    _add_feedback(ctx, 1)
    with ctx() as session:
        feedback_id = _feedback(session)[0].id
    admin = client_as("land")
    url = f"/land/barrierefreiheit-rueckmeldungen/{feedback_id}/loeschen"
    question = admin.get(url).get_data(as_text=True)
    assert "Rückmeldung zu „Seite 0“ löschen?" in question and "wird gelöscht" in question
    with ctx() as session:
        assert len(_feedback(session)) == 1  # asking changes nothing
    assert client_as("kontakt").submit(url, page=url).status_code == 404
    response = admin.submit(url, page=url)
    assert response.status_code == 302
    with ctx() as session:
        assert _feedback(session) == []
    assert admin.get(url).status_code == 404


@pytest.mark.worker
def test_feedback_reaches_the_operator_by_smtp_with_reply_to(redis_worker, smtp_server, through_broker, live_client,
                                                              committed):
    inbox, _ = smtp_server
    since = len(inbox.messages)
    response = live_client.submit("/barrierefreiheit", {"name": "Erika Muster", "email": "erika@example.org",
                                                        "page": "/kpr/", "message": MESSAGE})
    assert response.status_code == 302
    deadline = time.monotonic() + 60
    while len(inbox.messages) == since and time.monotonic() < deadline:
        time.sleep(0.2)
    [mail] = inbox.messages[since:]
    assert mail["To"] == "kontakt@asskomm.sachsen.de" and mail["Reply-To"] == "erika@example.org"
    assert mail["Subject"] == "Rückmeldung zur Barrierefreiheit: /kpr/"
    assert MESSAGE in mail.get_content()
    with committed.app_context():
        assert db.session.scalar(sa.select(sa.func.count(AccessibilityFeedback.id))) == 1
        db.session.remove()
