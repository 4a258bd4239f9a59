"""Reminder and aggregation jobs: each reminder once; figures identical on a re-run and equal to a
direct count."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from asskomm.events.models import Attendance, Event, EventKind, EventSession, Feedback, Registration
from asskomm.events.registration import services
from asskomm.events.registration.tasks import send_reminders
from asskomm.mail.models import OutboxMessage
from asskomm.snapshots.models import EventFigures, KprTrainingYear
from asskomm.timeutil import BERLIN, now
from workers.events import aggregate_events, aggregate_events_now

from .helpers import tenant, user


def _event(session, starts_in: timedelta, capacity=10, kind=EventKind.training) -> Event:
    starts = now() + starts_in
    event = Event(kind=kind, title=f"Workshop {starts_in}", capacity=capacity,
                  registration_closes_at=starts - timedelta(hours=1))
    event.sessions.append(EventSession(starts_at=starts, ends_at=starts + timedelta(hours=3), place="Dresden"))
    session.add(event)
    session.flush()
    return event


def _reminder_subjects(session) -> list[str]:
    """Reminders of this test's events only: the demo's trainings have fixed dates and enter the
    reminder windows on some days of the year."""
    return sorted(session.scalars(sa.select(OutboxMessage.subject).where(
        OutboxMessage.subject.startswith("Erinnerung: Workshop"))))


def test_each_reminder_is_sent_once_even_when_the_job_runs_twice(ctx):
    with ctx() as session:
        soon = _event(session, timedelta(hours=20))
        next_week = _event(session, timedelta(days=6))
        far = _event(session, timedelta(days=30))
        for event in (soon, next_week, far):
            for login in ("koordination.zwickau", "koordination.zittau"):
                person = user(login)
                services.register(event.id, person, tenant(login.split(".")[1]).id, person)
        session.commit()
        first = send_reminders.apply().get()
        second = send_reminders.apply().get()
        subjects = _reminder_subjects(session)
        assert first >= 4 and second == 0
        assert len(subjects) == 4
        assert sum("morgen" in s for s in subjects) == 2 and sum("in 7 Tagen" in s for s in subjects) == 2


def test_late_registration_gets_only_the_nearest_reminder(ctx):
    with ctx() as session:
        event = _event(session, timedelta(hours=10))
        person = user("coach1")
        services.register(event.id, person, None, person, organiser=True)
        session.commit()
        send_reminders.apply().get()
        assert _reminder_subjects(session) == [f"Erinnerung: {event.title} morgen"]
        assert send_reminders.apply().get() == 0


def _past_training_with_attendance(session) -> Event:
    event = _event(session, timedelta(days=-10))
    event.registration_closes_at = now() - timedelta(days=11)
    for login in ("koordination.zwickau", "mitglied.zwickau", "koordination.zittau", "koordination.bautzen"):
        person = user(login)
        registration = Registration(event_id=event.id, user_id=person.id, tenant_id=tenant(login.split(".")[1]).id,
                                    status="confirmed")
        session.add(registration)
        session.flush()
        if login != "koordination.bautzen":  # Bautzen did not come
            session.add(Attendance(registration_id=registration.id, session_id=event.sessions[0].id, present=True))
        if login.startswith("koordination.z"):
            session.add(Feedback(registration_id=registration.id, overall=4 if "zwickau" in login else 5,
                                 usefulness=4))
    event.confirmed_count = 4
    session.flush()
    return event


def _rows(session):
    return ([tuple(r) for r in session.execute(sa.select(EventFigures.__table__).order_by(
        *EventFigures.__table__.primary_key.columns))],
            [tuple(r) for r in session.execute(sa.select(KprTrainingYear.__table__).order_by(
                KprTrainingYear.tenant_id, KprTrainingYear.year))])


def _zwickau_year(session) -> tuple[int, int]:
    year = session.scalar(sa.select(KprTrainingYear).filter_by(tenant_id=tenant("zwickau").id,
                                                               year=(now() - timedelta(days=10))
                                                               .astimezone(BERLIN).year))  # the test event
    return (year.trainings, year.participants) if year else (0, 0)


def test_aggregation_twice_gives_identical_rows_matching_direct_counts(ctx):
    with ctx() as session:
        aggregate_events_now()
        trainings_before, _ = _zwickau_year(session)
        event = _past_training_with_attendance(session)
        aggregate_events_now()
        first = _rows(session)
        aggregate_events_now()
        assert _rows(session) == first
        figures = {(f.scope, f.scope_key): f for f in session.scalars(
            sa.select(EventFigures).filter_by(event_id=event.id))}
        whole = figures[("event", "")]
        direct = session.scalar(sa.select(sa.func.count()).select_from(Registration).filter_by(event_id=event.id))
        assert (whole.registrations, whole.confirmed, whole.attended, whole.no_shows) == (direct, 4, 3, 1)
        assert whole.feedback_count == 2 and whole.feedback_average == 4.5
        zwickau = figures[("kpr", str(tenant("zwickau").id))]
        assert (zwickau.registrations, zwickau.attended) == (2, 2)
        assert figures[("district", "Landkreis Bautzen")].no_shows == 1
        trainings, participants = _zwickau_year(session)
        assert trainings == trainings_before + 1 and participants >= 2


def test_aggregation_task_skips_while_locked(fresh):
    from workers.locks import job_lock

    with fresh.app_context(), job_lock("events") as acquired:
        assert acquired
        assert aggregate_events.apply().get() == "locked"
