"""The export of one's own data (Art. 15, 20) through HTTP: a demo coach with registrations,
attendance, consultations and comments requests it, the worker builds it (eager), the mailed link
downloads a ZIP whose daten.json and index.html hold each kind of record; nobody else gets it, and
after its expiry the purge job removes it and the link is a 404."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta

import sqlalchemy as sa

from asskomm.events.models import Certificate, Registration
from asskomm.mail.models import OutboxMessage
from asskomm.privacy.models import DataExport
from asskomm.structure.models import Person
from asskomm.timeutil import now
from tenants import tenant_context

from .helpers import tenant, user

COACH = "coach1@demo.asskomm.de"


def _mail(ctx) -> OutboxMessage:
    with ctx() as session:
        return session.scalar(sa.select(OutboxMessage).where(OutboxMessage.dedup_key.startswith("data-export:"),
                                                             OutboxMessage.recipient == COACH))


def _give_register_entry_and_certificate(ctx) -> None:
    with ctx() as session:
        coach = user("coach1")
        registration = session.scalar(sa.select(Registration).filter_by(user_id=coach.id))
        session.add(Certificate(registration_id=registration.id, pdf=b"%PDF-1.7 test"))
        with tenant_context(tenant("zittau").id):
            session.add(Person(name=coach.name, email=COACH, organisation="LPR", function="Coach"))
            session.commit()


def _request(client) -> str:
    page = client.get("/konto/daten")
    assert page.status_code == 200
    assert "daten.json" in page.get_data(as_text=True) and "Export anfordern" in page.get_data(as_text=True)
    response = client.submit("/konto/daten", page="/konto/daten")
    assert response.status_code == 302


def test_the_export_holds_every_kind_of_record_and_only_its_owner_downloads_it(client_as, client, ctx):
    _give_register_entry_and_certificate(ctx)
    coach = client_as("coach1")
    _request(coach)
    mail = _mail(ctx)
    assert mail is not None and mail.subject.startswith("Ihr Datenexport steht bereit")
    link = re.search(r"https?://\S+/konto/daten/\S+\.zip", mail.body).group(0)
    path = "/" + link.split("/", 3)[3]
    shown = coach.get("/konto/daten").get_data(as_text=True)
    assert "steht bereit bis" in shown and path in shown

    response = coach.get(path)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert sorted(archive.namelist()) == ["daten.json", "index.html"]
    data = json.loads(archive.read("daten.json"))
    assert data["account"][0]["email"] == COACH
    for kind in ("assignments", "registrations", "attendance", "certificates", "feedback", "consultations",
                 "comments", "people_register", "audit", "sessions"):
        assert data[kind], f"no {kind} in the export"
    assert any(r["event"] == "Koordinator:innen-Treffen Westsachsen" for r in data["registrations"])
    assert all(c["written_by_you"] for c in data["consultations"] if c["kpr"] != "")
    assert {p["kpr"] for p in data["people_register"]} >= {tenant_name("zittau", ctx)}
    assert any(e["action"] == "Anmeldung" and e["by_you"] for e in data["audit"])
    assert data["mail_choices"] == []  # coach1 switched no mail off
    page = archive.read("index.html").decode()
    assert '<html lang="de">' in page and "Beratungen (Beratungsprotokoll)" in page
    assert data["comments"][0]["body"][:30] in page

    # another person, and nobody signed in, get nothing
    assert client_as("koordination.zwickau").get(path).status_code == 404
    assert client.get(path).status_code in (302, 401)
    assert coach.get(path.replace(".zip", "x.zip")).status_code == 404


def tenant_name(slug: str, ctx) -> str:
    with ctx():
        return tenant(slug).name


def test_an_expired_export_is_purged_and_its_link_is_gone(client_as, ctx, fresh):
    coach = client_as("coach1")
    _request(coach)
    with ctx() as session:
        item = session.scalar(sa.select(DataExport))
        token, export_id = item.token, item.id
        assert item.archive and item.ready
    assert coach.get(f"/konto/daten/{token}.zip").status_code == 200
    with ctx() as session:
        session.get(DataExport, export_id).expires_at = now() - timedelta(seconds=1)
        session.commit()
    assert coach.get(f"/konto/daten/{token}.zip").status_code == 404  # expired: not served even before the purge
    assert fresh.extensions["celery"].tasks["privacy.purge_exports"].delay().get() == 1
    with ctx() as session:
        assert session.get(DataExport, export_id) is None
    assert coach.get(f"/konto/daten/{token}.zip").status_code == 404
    assert "Zurzeit liegt kein Export" in coach.get("/konto/daten").get_data(as_text=True)


def test_a_second_request_while_one_is_being_built_is_refused_with_a_message(client_as, ctx):
    coach = client_as("coach1")
    with ctx() as session:
        session.add(DataExport(user_id=user("coach1").id, token="t" * 43, expires_at=now() + timedelta(days=7)))
        session.commit()
    response = coach.submit("/konto/daten", page="/konto/daten", follow_redirects=True)
    assert "wird gerade erstellt" in response.get_data(as_text=True)
    with ctx() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(DataExport)) == 1


def test_the_data_page_costs_the_same_queries_with_or_without_an_export(client_as, ctx, count_queries):
    coach = client_as("coach1")
    coach.get("/konto/daten")
    with count_queries() as before:
        coach.get("/konto/daten")
    _request(coach)
    with count_queries() as after:
        coach.get("/konto/daten")
    assert after.value == before.value
