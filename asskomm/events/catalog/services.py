"""What the catalog shows: events by kind, time and free seats; who is registered; a person's
events for their calendar feed. Reads only."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from tenants import db

from ...accounts.models import User
from ...timeutil import now
from ..models import Event, EventKind, EventSession, KprInvitation, Registration, RegistrationStatus
from ..registration.services import visible_events

ACTIVE = Registration.status != RegistrationStatus.cancelled


def catalog(kind: EventKind | None, past: bool, free: bool) -> list[Event]:
    """Upcoming events in order of their registration deadline (or past ones, latest first), of
    one kind, or only those with free seats. Cancelled events stay, marked "abgesagt"."""
    return list(db.session.scalars(catalog_query(kind, past, free)))


def catalog_query(kind: EventKind | None, past: bool, free: bool) -> sa.Select:
    """The catalog's events as a query, ordered (the API pages through it)."""
    query = visible_events()
    if kind is not None:
        query = query.where(Event.kind == kind)
    last_end = sa.select(sa.func.max(EventSession.ends_at)).where(EventSession.event_id == Event.id).scalar_subquery()
    query = query.where(last_end < now()) if past else query.where(sa.or_(last_end >= now(), last_end.is_(None)))
    if free:
        query = query.where(Event.confirmed_count + Event.reserved_seats < Event.capacity, Event.cancelled_at.is_(None))
    order = Event.registration_closes_at.desc() if past else Event.registration_closes_at
    return query.order_by(order, Event.id)


def own_registrations(user: User) -> dict[int, Registration]:
    """The person's registrations that stand, by event."""
    return {r.event_id: r for r in db.session.scalars(
        sa.select(Registration).where(Registration.user_id == user.id, ACTIVE))}


def registrations_of(user: User) -> list[Registration]:
    """All of a person's registrations, cancelled ones too, with their events: the latest first."""
    first = sa.select(sa.func.min(EventSession.starts_at)).where(
        EventSession.event_id == Registration.event_id).scalar_subquery()
    return list(db.session.scalars(
        sa.select(Registration).where(Registration.user_id == user.id)
        .options(joinedload(Registration.event).selectinload(Event.sessions))
        .order_by(first.desc(), Registration.id.desc())))


def shown_event(event_id: int) -> Event | None:
    """An event of the catalog with its sessions and invited KPRs, for its page."""
    return db.session.scalar(visible_events().where(Event.id == event_id).options(
        selectinload(Event.invitations).joinedload(KprInvitation.tenant)))


def registrations(event: Event) -> list[Registration]:
    """Everyone registered or waiting, with their names."""
    return list(db.session.scalars(sa.select(Registration).where(Registration.event_id == event.id, ACTIVE)
                                   .options(joinedload(Registration.user))))


def registered_events(person: User) -> list[Event]:
    """The events a person is registered or waiting for, for their calendar feed."""
    return list(db.session.scalars(
        sa.select(Event).join(Registration, Registration.event_id == Event.id)
        .where(Registration.user_id == person.id, ACTIVE).options(selectinload(Event.sessions))))
