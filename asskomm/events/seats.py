"""Seats of an event: the one lock that every change of its quota takes, and the waiting list
that fills the seats which become free (shared by registration and organising).

Every path that takes or frees a seat — registering, cancelling, a KPR's reply, raising the
capacity — first locks the event row (`lock_event`): SELECT … FOR UPDATE on PostgreSQL; on SQLite
the request already holds the write lock from its first statement (tenants/web.py; a task or a
test takes it with tenants.db.begin_write), where FOR UPDATE is not needed and not emitted. So a
waitlisted insert and a cancellation never see each other half done: nobody waits while a seat
is free. The check constraint `never_overbooked` stands behind it in the database.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tenants import db

from .. import signals
from ..accounts.models import User
from ..errors import DomainError
from ..mail.services import queue_mail
from ..timeutil import now
from .models import Event, Registration, RegistrationStatus


def lock_event(event_id: int) -> Event:
    """The event, locked for this transaction and read afresh (no stale seat counts)."""
    event = db.session.scalar(
        sa.select(Event).where(Event.id == event_id).with_for_update(of=Event)
        .options(selectinload(Event.sessions)).execution_options(populate_existing=True)
    )
    if event is None:
        raise DomainError("Diese Veranstaltung gibt es nicht.")
    return event


def take_seat(event: Event) -> bool:
    """One seat for a new confirmed registration, if one is free (the caller holds the lock)."""
    if event.free_seats < 1:
        return False
    event.confirmed_count += 1
    return True


def waiting(event: Event, limit: int) -> list[Registration]:
    """The first `limit` people on the waiting list, in order of arrival."""
    return list(db.session.scalars(
        sa.select(Registration)
        .where(Registration.event_id == event.id, Registration.status == RegistrationStatus.waitlisted)
        .order_by(Registration.queued_at, Registration.id).limit(limit)
    ))


def fill_free_seats(event: Event) -> list[Registration]:
    """Promote waiting people into the free seats (the caller holds the lock); each gets a mail.
    A cancelled event promotes nobody."""
    if event.cancelled_at is not None or event.free_seats < 1:
        return []
    promoted = waiting(event, event.free_seats)
    for registration in promoted:
        registration.status, registration.promoted_at = RegistrationStatus.confirmed, now()
    event.confirmed_count += len(promoted)
    db.session.flush()
    for registration in promoted:
        mail(registration, event, "events/mail_promoted.txt", f"promoted:{registration.promoted_at.isoformat()}")
        signals.registration_promoted.send(registration)
    return promoted


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.waitlisted:
        return None
    ahead = db.session.scalar(
        sa.select(sa.func.count()).select_from(Registration).where(
            Registration.event_id == registration.event_id, Registration.status == RegistrationStatus.waitlisted,
            sa.tuple_(Registration.queued_at, Registration.id) < sa.tuple_(registration.queued_at, registration.id))
    )
    return ahead + 1


def mail(registration: Registration, event: Event, template: str, key: str) -> None:
    user = db.session.get(User, registration.user_id)
    queue_mail(user.email, template, f"event:{event.id}:user:{user.id}:{key}", user=user, event=event,
               registration=registration, position=waitlist_position(registration))
