"""Retention (Art. 5(1)(e)): the daily job anonymises registrations and attendance of events that
ended more than REGISTRATION_RETENTION_MONTHS ago and empties outbox bodies older than
OUTBOX_BODY_RETENTION_DAYS — records one day beyond each limit change, one day inside do not; a
second run changes nothing (tests/test_beat_schedule.py checks it runs daily)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from asskomm.events.models import Attendance, Certificate, Event, EventKind, EventSession, Registration
from asskomm.mail.models import OutboxAttachment, OutboxMessage, OutboxStatus
from asskomm.privacy.retention import months_before
from asskomm.timeutil import now

from .helpers import user


def _records(ctx, fresh) -> dict:
    settings = fresh.config["SETTINGS"]
    limit = months_before(now(), settings.registration_retention_months)
    body_limit = now() - timedelta(days=settings.outbox_body_retention_days)
    ids = {}
    with ctx() as session:
        person = user("mitglied.zwickau")
        for side, ended in (("old", limit - timedelta(days=1)), ("inside", limit + timedelta(days=1))):
            event = Event(kind=EventKind.training, title=f"Aufbewahrungstest {side}", capacity=10,
                          registration_closes_at=ended - timedelta(days=10))
            session_row = EventSession(starts_at=ended - timedelta(hours=3), ends_at=ended, place="Dresden")
            event.sessions.append(session_row)
            session.add(event)
            session.flush()
            registration = Registration(event_id=event.id, user_id=person.id, registered_by_id=user("land").id,
                                        status="confirmed")
            session.add(registration)
            session.flush()
            session.add(Attendance(registration_id=registration.id, session_id=session_row.id, recorded_at=ended))
            session.add(Certificate(registration_id=registration.id, pdf=b"%PDF name"))
            message = OutboxMessage(dedup_key=f"retention:{side}", kind="test", recipient=person.email,
                                    subject=f"Betreff {side}", body=f"Text für {person.name}",
                                    status=OutboxStatus.stored,
                                    created_at=body_limit - timedelta(days=1 if side == "old" else -1))
            message.attachments.append(OutboxAttachment(filename="a.ics", content_type="text/calendar", data=b"x"))
            session.add(message)
            session.flush()
            ids[side] = (registration.id, message.id)
        session.commit()
    return ids


def _state(ctx) -> list:
    with ctx() as session:
        registrations = [tuple(r) for r in session.execute(
            sa.select(Registration.id, Registration.event_id, Registration.user_id, Registration.registered_by_id,
                      Registration.status).order_by(Registration.id))]
        mails = [tuple(m) for m in session.execute(
            sa.select(OutboxMessage.id, OutboxMessage.subject, OutboxMessage.body, OutboxMessage.status,
                      OutboxMessage.created_at).order_by(OutboxMessage.id))]
        counts = [session.scalar(sa.select(sa.func.count()).select_from(t))
                  for t in (Attendance, Certificate, OutboxAttachment)]
        return [registrations, mails, counts]


def test_retention_changes_exactly_the_records_beyond_each_limit_and_only_once(ctx, fresh, caplog):
    ids = _records(ctx, fresh)
    task = fresh.extensions["celery"].tasks["privacy.apply_retention"]
    with caplog.at_level("INFO", logger="asskomm.privacy.tasks"):
        counts = task.delay().get()
    assert counts == {"registrations": 1, "attendance": 1, "certificates": 1, "outbox_bodies": 1}
    assert "registrations 1" in caplog.text and "outbox_bodies 1" in caplog.text
    with ctx() as session:
        old, inside = (session.get(Registration, ids[s][0]) for s in ("old", "inside"))
        assert old.user_id is None and old.registered_by_id is None and old.status == "confirmed"
        assert inside.user_id == user("mitglied.zwickau").id and inside.registered_by_id is not None
        # the counts stay: both events still have their registration and its attendance
        assert session.scalar(sa.select(sa.func.count()).select_from(Attendance)
                              .where(Attendance.registration_id.in_([old.id, inside.id]))) == 2
        assert session.scalar(sa.select(Certificate).filter_by(registration_id=old.id)) is None
        assert session.scalar(sa.select(Certificate).filter_by(registration_id=inside.id)) is not None
        old_mail, inside_mail = (session.get(OutboxMessage, ids[s][1]) for s in ("old", "inside"))
        assert old_mail.body == "" and old_mail.subject == "Betreff old" and old_mail.status == "stored"
        assert old_mail.attachments == []
        assert inside_mail.body.startswith("Text für") and len(inside_mail.attachments) == 1

    before = _state(ctx)
    assert task.delay().get() == {"registrations": 0, "attendance": 0, "certificates": 0, "outbox_bodies": 0}
    assert _state(ctx) == before


def test_a_mail_still_waiting_keeps_its_body(ctx, fresh):
    with ctx() as session:
        session.add(OutboxMessage(dedup_key="retention:queued", kind="test", recipient="a@example.org",
                                  subject="S", body="wartet", status=OutboxStatus.queued,
                                  created_at=now() - timedelta(days=400)))
        session.commit()
    fresh.extensions["celery"].tasks["privacy.apply_retention"].delay().get()
    with ctx() as session:
        assert session.scalar(sa.select(OutboxMessage.body).filter_by(dedup_key="retention:queued")) == "wartet"


def test_months_before_keeps_the_day_or_takes_the_months_last():
    moment = now().replace(year=2026, month=3, day=31)
    assert months_before(moment, 1).date().isoformat() == "2026-02-28"
    assert months_before(moment, 24).date().isoformat() == "2024-03-31"
    assert months_before(moment.replace(month=1), 1).date().isoformat() == "2025-12-31"



def test_many_expired_registrations_are_changed_in_chunks(ctx, fresh, monkeypatch):
    from asskomm.privacy import retention

    monkeypatch.setattr(retention, "CHUNK", 2)  # 5 registrations: three statements of each kind
    ended = months_before(now(), fresh.config["SETTINGS"].registration_retention_months) - timedelta(days=3)
    with ctx() as session:
        event = Event(kind=EventKind.training, title="Aufbewahrungstest viele", capacity=10,
                      registration_closes_at=ended - timedelta(days=10))
        event.sessions.append(EventSession(starts_at=ended - timedelta(hours=3), ends_at=ended, place="Leipzig"))
        session.add(event)
        session.flush()
        people = [user(login) for login in ("mitglied.zwickau", "mitglied.zittau", "coach1", "coach2", "kontakt")]
        session.add_all(Registration(event_id=event.id, user_id=p.id, status="confirmed") for p in people)
        session.commit()
        event_id = event.id
    counts = fresh.extensions["celery"].tasks["privacy.apply_retention"].delay().get()
    assert counts["registrations"] == 5
    with ctx() as session:
        assert session.scalars(sa.select(Registration.user_id).filter_by(event_id=event_id)).all() == [None] * 5
