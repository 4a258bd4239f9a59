"""Registration rules through HTTP and the service: order of the waiting list, window, duplicates."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from asskomm.events.models import Event, EventKind, EventSession, Registration, RegistrationStatus
from asskomm.events.registration import services
from asskomm.events.seats import waitlist_position
from asskomm.mail.models import OutboxMessage
from asskomm.timeutil import now

from .helpers import user


def _event(session, capacity=2, closes_in=timedelta(days=7)) -> Event:
    event = Event(kind=EventKind.network_meeting, title="Koordinator:innen-Treffen Ost", capacity=capacity,
                  registration_closes_at=now() + closes_in)
    starts = now() + timedelta(days=20)
    event.sessions.append(EventSession(starts_at=starts, ends_at=starts + timedelta(hours=3), place="Bautzen, Rathaus"))
    session.add(event)
    session.flush()
    return event


def _register(session, event, login):
    person = user(login)
    return services.register(event.id, person, None, person)


def test_seats_then_waiting_list_in_order_of_arrival(ctx):
    with ctx() as session:
        event = _event(session, capacity=2)
        results = [_register(session, event, login).status for login in
                   ("koordination.zwickau", "koordination.zittau", "koordination.meissen", "koordination.bautzen")]
        assert results == [RegistrationStatus.confirmed] * 2 + [RegistrationStatus.waitlisted] * 2
        waiting = session.scalars(sa.select(Registration).filter_by(event_id=event.id,
                                                                    status=RegistrationStatus.waitlisted)
                                  .order_by(Registration.id)).all()
        assert [waitlist_position(r) for r in waiting] == [1, 2]


def test_cancelling_promotes_the_first_waiting_and_mails_only_them(ctx):
    with ctx() as session:
        event = _event(session, capacity=1)
        first = _register(session, event, "koordination.zwickau")
        second = _register(session, event, "koordination.zittau")
        _register(session, event, "koordination.meissen")
        promoted = services.cancel(first.id)
        assert promoted.id == second.id and promoted.status == RegistrationStatus.confirmed
        promotions = sa.select(OutboxMessage).where(OutboxMessage.subject.startswith("Sie sind nachgerückt"),
                                                    OutboxMessage.dedup_key.startswith(f"event:{event.id}:"))
        subjects = [m.subject for m in session.scalars(promotions)]
        recipients = [m.recipient for m in session.scalars(promotions)]
        assert len(subjects) == 1 and recipients == ["koordination.zittau@demo.asskomm.de"]
        assert session.get(Event, event.id).confirmed_count == 1


def test_cancelling_without_waiting_list_frees_the_seat(ctx):
    with ctx() as session:
        event = _event(session, capacity=1)
        first = _register(session, event, "koordination.zwickau")
        assert services.cancel(first.id) is None
        session.refresh(event)
        assert event.confirmed_count == 0
        again = _register(session, event, "koordination.zwickau")  # a cancelled person may come back
        assert again.id == first.id and again.status == RegistrationStatus.confirmed


def test_duplicates_and_closed_window_are_refused_in_german(client_as, ctx):
    with ctx() as session:
        open_event, closed_event = _event(session), _event(session, closes_in=timedelta(days=-1))
        session.commit()
        open_id, closed_id = open_event.id, closed_event.id
    client = client_as("coach1")
    assert client.submit(f"/veranstaltungen/{open_id}/anmelden").status_code == 302
    again = client.submit(f"/veranstaltungen/{open_id}/anmelden", follow_redirects=True).get_data(as_text=True)
    assert "ist bereits angemeldet" in again
    closed = client.submit(f"/veranstaltungen/{closed_id}/anmelden", follow_redirects=True).get_data(as_text=True)
    assert "Die Anmeldung zu dieser Veranstaltung ist geschlossen." in closed
    with ctx() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Registration)
                              .filter_by(event_id=closed_id)) == 0
    assert client_as("land").submit(f"/veranstaltungen/{closed_id}/anmelden").status_code == 302  # organiser


def test_catalog_and_detail_show_seats_and_own_state(client_as, ctx):
    with ctx() as session:
        event = _event(session, capacity=1)
        _register(session, event, "koordination.zwickau")
        session.commit()
        event_id = event.id
    catalog = client_as("koordination.zittau").get("/veranstaltungen/").get_data(as_text=True)
    assert "Koordinator:innen-Treffen Ost" in catalog and "0 von 1 frei" in catalog
    client = client_as("koordination.zittau")
    assert "Auf die Warteliste" in client.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    client.submit(f"/veranstaltungen/{event_id}/anmelden")
    assert "Platz 1 der Warteliste" in client.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)


def test_someone_elses_registration_cannot_be_cancelled(client_as, ctx):
    with ctx() as session:
        event = _event(session)
        registration = _register(session, event, "koordination.zwickau")
        session.commit()
        registration_id = registration.id
    assert client_as("koordination.zittau").submit(
        f"/veranstaltungen/anmeldungen/{registration_id}/stornieren").status_code == 404
    with ctx() as session:
        assert session.get(Registration, registration_id).status == RegistrationStatus.confirmed


def test_catalog_filters_by_kind_time_and_free_seats(client_as, ctx):
    with ctx() as session:
        full = _event(session, capacity=1)
        _register(session, full, "koordination.zwickau")
        past = _event(session, capacity=5)
        past.title = "Vergangenes Treffen"
        past.sessions[0].starts_at, past.sessions[0].ends_at = now() - timedelta(days=5), now() - timedelta(days=5,
                                                                                                        hours=-2)
        session.commit()
    client = client_as("coach1")
    upcoming = client.get("/veranstaltungen/?art=network_meeting").get_data(as_text=True)
    assert ">Koordinator:innen-Treffen Ost<" in upcoming and "Vergangenes Treffen" not in upcoming
    assert "Beccaria" not in upcoming  # a training: other kind
    assert ">Koordinator:innen-Treffen Ost<" not in client.get("/veranstaltungen/?art=network_meeting&frei=1").get_data(
        as_text=True)
    assert "Vergangenes Treffen" in client.get("/veranstaltungen/?zeit=vergangen").get_data(as_text=True)
