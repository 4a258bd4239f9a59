"""Registration never overbooks: 200 people at once for 20 seats, on both databases, through HTTP.
Registering and cancelling take the same lock on the event, so nobody waits while a seat is free:
a cancellation waits for a waitlisted registration in flight, and 200 registrations interleaved
with 50 cancellations end with every seat taken that demand can fill."""

from __future__ import annotations

import re
import threading
import time
from datetime import timedelta

import sqlalchemy as sa

from asskomm.accounts.models import User
from asskomm.accounts.passwords import hash_password
from asskomm.events.models import Event, EventKind, EventSession, Registration, RegistrationStatus
from asskomm.events.registration import services
from asskomm.mail.models import OutboxMessage
from asskomm.timeutil import now
from tenants import db
from tenants.db import begin_write

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
    monkeypatch.setattr("asskomm.tasking.send_safely", lambda task_name, *args, tenant_id=None, countdown=None: True)
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



def _logged_in(app, emails: list[str]) -> list[tuple]:
    clients = []
    for email in emails:
        client = make_client(app)
        assert client.login(email, "teilnahme-passwort").status_code == 302
        clients.append((client, client.csrf_token()))
    return clients


def _statuses(app, event_id: int) -> tuple[dict, Event]:
    with app.app_context():
        counts = dict(db.session.execute(sa.select(Registration.status, sa.func.count())
                                         .filter_by(event_id=event_id).group_by(Registration.status)).all())
        event = db.session.get(Event, event_id)
        db.session.expunge(event)
        return counts, event


def test_a_cancellation_waits_for_a_waitlisted_registration_in_flight(committed, monkeypatch):
    """The race of issue 10: without the shared lock the cancellation saw no one waiting, freed the
    seat, and the waitlisted registration committed after it — a free seat and someone waiting.
    The late person comes back after an earlier cancellation, so their row is updated, not
    inserted: a new row's foreign key check would lock the event row on PostgreSQL by accident."""
    monkeypatch.setattr("asskomm.tasking.send_safely", lambda task_name, *args, tenant_id=None, countdown=None: True)
    event_id = _event(committed, 1)
    holder_email, late_email = _people(committed, 2)
    with committed.app_context():
        late = db.session.scalar(sa.select(User).filter_by(email=late_email))
        services.cancel(services.register(event_id, late, None, late).id)
        holder = db.session.scalar(sa.select(User).filter_by(email=holder_email))
        held = services.register(event_id, holder, None, holder)
        db.session.commit()
        held_id, late_id = held.id, late.id
    in_flight, errors, order = threading.Event(), [], []

    def transaction(work):
        with committed.app_context():
            try:
                begin_write(db.session)  # as a request does (tenants/web.py)
                work()
                db.session.commit()
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                in_flight.set()
                db.session.remove()

    def register_late():
        person = db.session.get(User, late_id)
        assert services.register(event_id, person, None, person).status == RegistrationStatus.waitlisted
        in_flight.set()
        time.sleep(0.5)  # the cancellation arrives before this insert commits
        order.append("registered")

    def cancel_held():
        services.cancel(held_id)
        order.append("cancelled")

    registering = threading.Thread(target=transaction, args=(register_late,))
    registering.start()
    assert in_flight.wait(timeout=30)
    cancelling = threading.Thread(target=transaction, args=(cancel_held,))
    cancelling.start()
    registering.join(timeout=60)
    cancelling.join(timeout=60)
    assert errors == [] and order == ["registered", "cancelled"]  # the cancellation waited for the lock
    counts, event = _statuses(committed, event_id)
    assert counts == {RegistrationStatus.confirmed: 1, RegistrationStatus.cancelled: 1}  # the late one moved up
    assert event.confirmed_count == 1


def test_200_registrations_interleaved_with_50_cancellations_leave_no_free_seat_while_someone_waits(
        committed, monkeypatch):
    monkeypatch.setattr("asskomm.tasking.send_safely", lambda task_name, *args, tenant_id=None, countdown=None: True)
    capacity, cancelling = 140, 50
    event_id = _event(committed, capacity)
    clients = _logged_in(committed, _people(committed, PEOPLE))
    barrier = threading.Barrier(PEOPLE)
    answers: list[int] = []
    errors: list[BaseException] = []
    cancel_link = re.compile(r'action="(/veranstaltungen/anmeldungen/\d+/stornieren)"')

    def take_part(client, token, cancels: bool):
        try:
            barrier.wait(timeout=60)
            answers.append(client.post(f"/veranstaltungen/{event_id}/anmelden", data={"csrf_token": token}).status_code)
            if cancels:  # as a person does: the event's page, then its button
                page = client.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
                answers.append(client.post(cancel_link.search(page).group(1), data={"csrf_token": token}).status_code)
        except BaseException as error:  # noqa: BLE001 - every failure is reported below
            errors.append(error)

    # every fourth person cancels, so cancellations fall among the registrations
    threads = [threading.Thread(target=take_part, args=(client, token, n % 4 == 0 and n < 4 * cancelling))
               for n, (client, token) in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    assert errors == [] and answers == [302] * (PEOPLE + cancelling)

    counts, event = _statuses(committed, event_id)
    demand = PEOPLE - cancelling
    confirmed, waiting = counts.get(RegistrationStatus.confirmed, 0), counts.get(RegistrationStatus.waitlisted, 0)
    assert counts[RegistrationStatus.cancelled] == cancelling
    assert confirmed == min(capacity, demand) and waiting == demand - confirmed
    assert event.confirmed_count == confirmed
    assert waiting == 0 or event.free_seats == 0  # nobody waits while a seat is free
