"""Worker job of registration: reminders before an event's sessions, at the configured lead
times (default 7 and 1 days).

Each (registration, session, lead time) is mailed once: the outbox's unique dedup key makes a
second run, a redelivered message or a run after a worker died mid-way send nothing twice. Only
the nearest due lead time is sent, so someone registering the day before gets one reminder.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from celery import shared_task
from flask import current_app
from sqlalchemy.orm import joinedload

from tenants import db

from ...mail.models import OutboxMessage
from ...mail.services import queue_mail
from ...timeutil import as_utc, now
from ..models import Event, EventSession, Registration, RegistrationStatus


def _key(registration_id: int, session_id: int, days: int) -> str:
    return f"reminder:{registration_id}:{session_id}:{days}"


def due_reminders() -> list[tuple[Registration, EventSession, int]]:
    """(registration, session, lead days) whose reminder is due and not yet queued."""
    moment = now()
    lead_times = sorted(current_app.config["SETTINGS"].event_reminder_days)
    horizon = moment + timedelta(days=lead_times[-1])
    rows = db.session.execute(
        sa.select(Registration, EventSession)
        .join(EventSession, EventSession.event_id == Registration.event_id)
        .join(Event, Event.id == Registration.event_id)
        .where(Registration.status == RegistrationStatus.confirmed, Event.cancelled_at.is_(None),
               EventSession.starts_at > moment, EventSession.starts_at <= horizon)
        .options(joinedload(Registration.user), joinedload(Registration.event))
    ).all()
    wanted = []
    for registration, session in rows:
        starts = as_utc(session.starts_at)
        days = next(d for d in lead_times if starts - moment <= timedelta(days=d))
        wanted.append((registration, session, days))
    keys = {_key(r.id, s.id, d) for r, s, d in wanted}
    sent = set(db.session.scalars(sa.select(OutboxMessage.dedup_key).where(OutboxMessage.dedup_key.in_(keys))))
    return [(r, s, d) for r, s, d in wanted if _key(r.id, s.id, d) not in sent]


def queue_reminders() -> int:
    due = due_reminders()
    for registration, session, days in due:
        queue_mail(registration.user.email, "events/mail_reminder.txt", _key(registration.id, session.id, days),
                   user=registration.user, event=registration.event, session=session, days=days)
    return len(due)


@shared_task(name="events.send_reminders", cross_tenant=True, acks_late=True)
def send_reminders() -> int:
    """Hourly (beat): queue every due reminder; the task commits once at its end."""
    return queue_reminders()
