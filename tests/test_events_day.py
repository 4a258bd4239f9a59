"""On the day and after: attendance through HTTP, certificates (eager and by the real worker),
participant lists as CSV and XLSX read back, feedback, access and query counts."""

from __future__ import annotations

import csv
import io
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader

from asskomm.accounts.models import User
from asskomm.events.day import certificates
from asskomm.events.models import (
    Attendance,
    Certificate,
    Event,
    EventKind,
    EventSession,
    Feedback,
    Registration,
    RegistrationStatus,
)
from asskomm.timeutil import format_date, now
from tenants import db

from .helpers import tenant, user

PEOPLE = ["koordination.zwickau", "mitglied.zittau", "coach1"]


def _event(session, past=True, people=PEOPLE, waitlisted=("mitglied.meissen",), title="Beccaria-Kurs Görlitz"):
    starts = now() + (timedelta(days=-10) if past else timedelta(days=10))
    event = Event(kind=EventKind.training, title=title, capacity=len(people),
                  registration_closes_at=starts - timedelta(days=3))
    for day in (0, 1):
        begin = starts + timedelta(days=day)
        event.sessions.append(EventSession(starts_at=begin, ends_at=begin + timedelta(hours=6),
                                           place="Dresden, Landespräventionsrat"))
    session.add(event)
    session.flush()
    for login, status in [(p, RegistrationStatus.confirmed) for p in people] + [
            (p, RegistrationStatus.waitlisted) for p in waitlisted]:
        slug = login.split(".")[1] if "." in login else None
        session.add(Registration(event_id=event.id, user_id=user(login).id, status=status,
                                 tenant_id=tenant(slug).id if slug else None))
    event.confirmed_count = len(people)
    session.flush()
    return event


def _ids(session, event):
    regs = {r.user.email.split("@")[0]: r.id for r in session.scalars(
        sa.select(Registration).filter_by(event_id=event.id))}
    return event.id, [s.id for s in event.sessions], regs


@pytest.fixture
def day(ctx):
    with ctx() as session:
        event = _event(session)
        session.commit()
        return _ids(session, event)


def _check_in(client, event_id, pairs):
    return client.submit(f"/veranstaltungen/{event_id}/teilnahme",
                         {"present": [f"{r}:{s}" for r, s in pairs]})


def test_attendance_is_recorded_per_session_through_http(client_as, ctx, day):
    event_id, (first, second), regs = day
    client = client_as("land")
    page = client.get(f"/veranstaltungen/{event_id}/teilnahme").get_data(as_text=True)
    assert "Stadt Zwickau" in page or "Zwickau" in page
    assert "ASSKomm-Coach" in page and "mitglied.meissen" not in page  # confirmed only
    assert _check_in(client, event_id, [(regs["koordination.zwickau"], first), (regs["coach1"], second)]
                     ).status_code == 302
    assert _check_in(client, event_id, [(regs["koordination.zwickau"], first), (regs["koordination.zwickau"], second),
                                        (regs["coach1"], second)]).status_code == 302  # upsert, not a second row
    with ctx() as session:
        marks = {(a.registration_id, a.session_id): a.present for a in session.scalars(sa.select(Attendance))
                 if a.registration_id in regs.values()}
    assert len(marks) == 6
    assert marks[(regs["koordination.zwickau"], second)] is True and marks[(regs["mitglied.zittau"], first)] is False
    printable = client.get(f"/veranstaltungen/{event_id}/teilnahme?druck=1").get_data(as_text=True)
    assert "Unterschrift" in printable and 'type="checkbox"' not in printable


@pytest.mark.parametrize("login", ["koordination.zwickau", "mitglied.zittau", "coach1"])
def test_manager_routes_are_404_for_others(client_as, day, login):
    event_id = day[0]
    client = client_as(login)
    for path in ("teilnahme", "teilnehmende.csv", "teilnehmende.xlsx", "rueckmeldungen"):
        assert client.get(f"/veranstaltungen/{event_id}/{path}").status_code == 404
    for path in ("teilnahme", "bescheinigungen"):
        assert client.submit(f"/veranstaltungen/{event_id}/{path}").status_code == 404


def test_participant_lists_as_xlsx_and_csv_match_the_attendance(client_as, day):
    event_id, (first, second), regs = day
    client = client_as("land")
    _check_in(client, event_id, [(regs["koordination.zwickau"], first), (regs["mitglied.zittau"], second)])
    book = load_workbook(io.BytesIO(client.get(f"/veranstaltungen/{event_id}/teilnehmende.xlsx").data))
    sheet = book.active
    assert sheet["A1"].value == "Teilnehmende: Beccaria-Kurs Görlitz" and sheet["A2"].font.bold
    header, *lines = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert header[:5] == ["Name", "E-Mail", "KPR", "Status", "Angemeldet am"] and len(header) == 7
    by_mail = {line[1]: line for line in lines}
    assert by_mail["koordination.zwickau@demo.asskomm.de"][3] == "bestätigt"
    assert by_mail["koordination.zwickau@demo.asskomm.de"][5:] == ["ja", "nein"]
    assert by_mail["mitglied.zittau@demo.asskomm.de"][5:] == ["nein", "ja"]
    assert by_mail["coach1@demo.asskomm.de"][2] == "ASSKomm-Coach"
    assert by_mail["mitglied.meissen@demo.asskomm.de"][3] == "Warteliste"
    assert by_mail["mitglied.meissen@demo.asskomm.de"][5:] == ["–", "–"]
    raw = client.get(f"/veranstaltungen/{event_id}/teilnehmende.csv").data
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert parsed == [header, *lines]


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_certificates_in_eager_mode_for_attendees_only_and_once(client_as, ctx, day):
    event_id, (first, second), regs = day
    manager = client_as("land")
    _check_in(manager, event_id, [(regs["mitglied.zittau"], second), (regs["koordination.zwickau"], first)])
    assert manager.submit(f"/veranstaltungen/{event_id}/bescheinigungen").status_code == 302
    assert manager.submit(f"/veranstaltungen/{event_id}/bescheinigungen").status_code == 302  # idempotent
    with ctx() as session:
        made = session.scalars(sa.select(Certificate.registration_id).where(
            Certificate.registration_id.in_(regs.values()))).all()
        session_day = format_date(session.get(EventSession, second).starts_at)
    assert sorted(made) == sorted([regs["mitglied.zittau"], regs["koordination.zwickau"]])
    owner = client_as("mitglied.zittau")
    response = owner.get(f"/veranstaltungen/anmeldungen/{regs['mitglied.zittau']}/bescheinigung.pdf")
    assert response.mimetype == "application/pdf"
    text = _pdf_text(response.data)
    for part in ("Teilnahmebescheinigung", "Beccaria-Kurs Görlitz", "Fortbildung", session_day,
                 "Dresden, Landespräventionsrat", "Landespräventionsrat Sachsen"):
        assert part in text, part
    assert manager.get(f"/veranstaltungen/anmeldungen/{regs['mitglied.zittau']}/bescheinigung.pdf").status_code == 200
    for login in ("mitglied.zwickau", "koordination.zittau", "coach1"):  # someone else's certificate
        assert client_as(login).get(
            f"/veranstaltungen/anmeldungen/{regs['mitglied.zittau']}/bescheinigung.pdf").status_code == 404
    # no certificate: the .pdf address is a 404, never a page; the page beside it says why
    none_yet = client_as("coach1").get(f"/veranstaltungen/anmeldungen/{regs['coach1']}/bescheinigung.pdf")
    assert none_yet.status_code == 404
    why = client_as("coach1").get(f"/veranstaltungen/anmeldungen/{regs['coach1']}/bescheinigung")
    assert why.status_code == 200 and "keine Teilnahmebescheinigung" in why.get_data(as_text=True)
    page = owner.get(f"/veranstaltungen/anmeldungen/{regs['mitglied.zittau']}/bescheinigung").get_data(as_text=True)
    assert f"/veranstaltungen/anmeldungen/{regs['mitglied.zittau']}/bescheinigung.pdf" in page


def test_certificate_renders_any_name(ctx, day):
    with ctx() as session:
        event = session.get(Event, day[0])
        data = certificates.render("Jürgen Weiß – Łukasz", event, list(event.sessions), "KPR Zwickau", "01.02.2026")
    text = _pdf_text(data)
    assert "Jürgen Weiß – Łukasz" in text and "Beccaria-Kurs Görlitz" in text


@pytest.mark.worker
def test_certificate_made_by_the_real_worker_process(redis_worker, through_broker, live_client, committed):
    with committed.app_context():
        event = _event(db.session, title="Sicherheitsanalyse-Werkstatt Zittau")
        event_id, (first, _), regs = _ids(db.session, event)
        db.session.add(Attendance(registration_id=regs["coach1"], session_id=first, present=True))
        db.session.commit()
    live_client.login("land@demo.asskomm.de")
    assert live_client.submit(f"/veranstaltungen/{event_id}/bescheinigungen").status_code == 302
    deadline, pdf = time.monotonic() + 30, None
    with committed.app_context():
        while pdf is None and time.monotonic() < deadline:
            pdf = db.session.scalar(sa.select(Certificate.pdf).filter_by(registration_id=regs["coach1"]))
            db.session.rollback()
            time.sleep(0.2)
        assert pdf is not None, redis_worker.log.read_text()[-2000:]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Certificate)) == 1
        name = user("coach1").name
        db.session.remove()
    text = _pdf_text(pdf)
    assert name in text and "Sicherheitsanalyse-Werkstatt Zittau" in text and "ASSKomm-Coach" in text


def test_feedback_validation_one_per_registration_and_results(client_as, ctx, day):
    event_id, (first, _), regs = day
    manager = client_as("land")
    _check_in(manager, event_id, [(regs["mitglied.zittau"], first), (regs["coach1"], first)])
    url = f"/veranstaltungen/anmeldungen/{regs['mitglied.zittau']}/rueckmeldung"
    owner = client_as("mitglied.zittau")
    assert "Wie bewerten Sie" in owner.get(url).get_data(as_text=True)
    bad = owner.submit(url, {"overall": "9", "comment": "x"})
    assert bad.status_code == 422
    body = bad.get_data(as_text=True)
    assert "Bitte bewerten Sie den Nutzen (1 bis 5)." in body and "Bitte prüfen Sie" in body
    with ctx() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Feedback).filter_by(
            registration_id=regs["mitglied.zittau"])) == 0
    assert owner.submit(url, {"overall": "5", "usefulness": "4", "comment": "Sehr praxisnah."}).status_code == 302
    assert owner.submit(url, {"overall": "4", "usefulness": "4", "comment": "Praxisnah."}).status_code == 302
    coach = client_as("coach1")
    assert coach.submit(f"/veranstaltungen/anmeldungen/{regs['coach1']}/rueckmeldung",
                        {"overall": "3", "usefulness": "2"}).status_code == 302
    with ctx() as session:
        rows = session.scalars(sa.select(Feedback).where(Feedback.registration_id.in_(regs.values()))).all()
    assert len(rows) == 2
    # not present anywhere: refused in German, nothing stored
    absent = client_as("koordination.zwickau")
    refused = absent.submit(f"/veranstaltungen/anmeldungen/{regs['koordination.zwickau']}/rueckmeldung",
                            {"overall": "5", "usefulness": "5"}, follow_redirects=True).get_data(as_text=True)
    assert "nur Personen geben, die an der Veranstaltung teilgenommen haben" in refused
    assert client_as("mitglied.zwickau").get(url).status_code == 404
    assert manager.get(url).status_code == 200  # organisers read it
    assert manager.submit(url, {"overall": "1", "usefulness": "1"}).status_code == 404
    results = manager.get(f"/veranstaltungen/{event_id}/rueckmeldungen").get_data(as_text=True)
    assert "3,50 von 5" in results and "3,00 von 5" in results and "Praxisnah." in results


def test_feedback_waits_for_the_end_of_the_event(client_as, ctx):
    with ctx() as session:
        event = _event(session, past=False)
        event_id, (first, _), regs = _ids(session, event)
        session.add(Attendance(registration_id=regs["coach1"], session_id=first, present=True))
        session.commit()
    page = client_as("coach1").get(f"/veranstaltungen/anmeldungen/{regs['coach1']}/rueckmeldung")
    assert "sobald die Veranstaltung vorbei ist" in page.get_data(as_text=True)


def _many(session, count):
    event = _event(session, people=[], waitlisted=())
    for index in range(count):
        person = User(email=f"teilnehmer{index}.{count}@example.org", name=f"Person {index}")
        session.add(person)
        session.flush()
        registration = Registration(event_id=event.id, user_id=person.id, status=RegistrationStatus.confirmed,
                                    tenant_id=tenant("zwickau").id)
        session.add(registration)
        session.flush()
        session.add(Attendance(registration_id=registration.id, session_id=event.sessions[0].id))
        session.add(Feedback(registration_id=registration.id, overall=1 + index % 5, usefulness=3, comment="gut"))
    event.capacity = event.confirmed_count = count
    session.commit()
    return event.id


def test_manager_pages_stay_within_a_fixed_number_of_queries(client_as, ctx, count_queries):
    client = client_as("land")
    counts = {}
    for size in (5, 150):
        with ctx() as session:
            event_id = _many(session, size)
        for path in ("teilnahme", "teilnahme?druck=1", "teilnehmende.xlsx", "teilnehmende.csv", "rueckmeldungen"):
            with count_queries() as n:
                assert client.get(f"/veranstaltungen/{event_id}/{path}").status_code == 200
            counts.setdefault(path, []).append(n.value)
        with count_queries() as n:
            assert client.submit(f"/veranstaltungen/{event_id}/teilnahme", {"present": []}).status_code == 302
        counts.setdefault("post", []).append(n.value)
    assert all(small == large for small, large in counts.values()), counts
