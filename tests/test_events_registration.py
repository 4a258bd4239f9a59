"""Registration never overbooks: 200 people at once for 20 seats, on both databases, through HTTP."""

from __future__ import annotations

import threading
from datetime import timedelta

import sqlalchemy as sa

from asskomm.accounts.models import User
from asskomm.accounts.passwords import hash_password
from asskomm.events.models import Event, EventKind, EventSession, Registration, RegistrationStatus
from asskomm.mail.models import OutboxMessage
from asskomm.timeutil import now
from tenants import db

from .fixtures.clients import make_client

PEOPLE = 200
SEATS = 20


def _event(app, capacity: int) -> int:
    with app.app_context():
        event = Event(kind=EventKind.training, title="Fachkraft für Kriminalprävention (Beccaria)", capacity=capacity,
                      registration_closes_at=now() + timedelta(days=14))
        event.sessions.append(EventSession(starts_at=now() + timedelta(days=30), ends_at=now() + timedelta(days=30,
                                           hours=6), place="Dresden"))
        db.session.add(event)
        db.session.commit()
        return event.id


def _people(app, count: int) -> list[str]:
    with app.app_context():
        password_hash = hash_password("teilnahme-passwort")
        emails = [f"teilnehmer{n:03d}@beispiel.de" for n in range(count)]
        db.session.execute(sa.insert(User), [{"email": e, "name": f"Teilnehmer:in {n}", "password_hash": password_hash,
                                              "active": True, "auth_version": 1} for n, e in enumerate(emails)])
        db.session.commit()
        return emails


def test_200_at_once_for_20_seats_then_one_cancellation_promotes_the_first(committed, monkeypatch):
    # The mails stay in the outbox (their rows are the proof); nothing is handed to a worker.
    monkeypatch.setattr("asskomm.tasking.send_safely", lambda task_name, *args, tenant_id=None: True)
    event_id = _event(committed, SEATS)
    clients = []
    for email in _people(committed, PEOPLE):
        client = make_client(committed)
        assert client.login(email, "teilnahme-passwort").status_code == 302
        clients.append((client, client.csrf_token()))
    barrier = threading.Barrier(PEOPLE)
    answers: list[int] = []
    errors: list[BaseException] = []

    def register(client, token):
        try:
            barrier.wait(timeout=60)
            answers.append(client.post(f"/veranstaltungen/{event_id}/anmelden",
                                       data={"csrf_token": token}).status_code)
        except BaseException as error:  # noqa: BLE001 - every failure is reported below
            errors.append(error)

    threads = [threading.Thread(target=register, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    assert errors == [] and answers == [302] * PEOPLE

    with committed.app_context():
        counts = dict(db.session.execute(sa.select(Registration.status, sa.func.count())
                                         .filter_by(event_id=event_id).group_by(Registration.status)).all())
        assert counts == {RegistrationStatus.confirmed: SEATS, RegistrationStatus.waitlisted: PEOPLE - SEATS}
        assert db.session.get(Event, event_id).confirmed_count == SEATS
        first_waiting = db.session.scalars(
            sa.select(Registration).filter_by(event_id=event_id, status=RegistrationStatus.waitlisted)
            .order_by(Registration.queued_at, Registration.id)).first()
        waiting_user = db.session.get(User, first_waiting.user_id).email
        confirmed = db.session.scalars(sa.select(Registration).filter_by(
            event_id=event_id, status=RegistrationStatus.confirmed)).first()
        canceller = db.session.get(User, confirmed.user_id).email

    client = make_client(committed)
    client.login(canceller, "teilnahme-passwort")
    assert client.submit(f"/veranstaltungen/anmeldungen/{confirmed.id}/stornieren").status_code == 302

    with committed.app_context():
        promoted = db.session.scalars(sa.select(Registration).filter(Registration.promoted_at.is_not(None))).all()
        assert [r.id for r in promoted] == [first_waiting.id]
        assert db.session.get(Event, event_id).confirmed_count == SEATS
        mails = db.session.scalars(sa.select(OutboxMessage).filter_by(recipient=waiting_user)).all()
        assert sorted(m.subject.split(":")[0] for m in mails) == ["Sie sind nachgerückt", "Warteliste"]

