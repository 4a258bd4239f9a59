"""Registration for events: confirmed while seats are free, else a waiting-list place in order of
arrival; a cancellation promotes the first waiting person at once. Never overbooked. Also the
coordinators' part: registering members of their KPR, and a KPR's reply to an invitation.

How it stays correct under concurrent requests: a seat is taken only by a conditional UPDATE
(`confirmed_count < capacity`), which PostgreSQL applies atomically per row and SQLite serialises
because a request that writes holds the write lock from its first statement (tenants/web.py; a
task takes it with tenants.db.begin_write). Changes to one event's list (cancel and promote) lock
the event row first (SELECT … FOR UPDATE on PostgreSQL). A unique constraint keeps a person to one
registration per event. Services flush; the request commits.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tenants import Tenant, db, within_tenants

from ...accounts.models import Membership, MembershipRole, User
from ...errors import DomainError
from ...mail.services import queue_mail
from ...policy import memberships_of
from ...timeutil import as_utc, now
from ..models import Event, InvitationReply, KprInvitation, Registration, RegistrationStatus
from . import eligibility

MAILS = {
    RegistrationStatus.confirmed: "events/mail_confirmed.txt",
    RegistrationStatus.waitlisted: "events/mail_waitlisted.txt",
}


def _lock_event(event_id: int) -> Event:
    event = db.session.scalar(sa.select(Event).where(Event.id == event_id).with_for_update())
    if event is None:
        raise DomainError("Diese Veranstaltung gibt es nicht.")
    return event


def visible_events() -> sa.Select:
    """Events of the catalog: not cancelled, with their sessions."""
    return sa.select(Event).where(Event.cancelled_at.is_(None)).options(selectinload(Event.sessions))


def registration_open(event: Event) -> bool:
    moment = now()
    opens = event.registration_opens_at
    return (event.cancelled_at is None and (opens is None or as_utc(opens) <= moment)
            and moment < as_utc(event.registration_closes_at))


def _change_seats(event: Event, delta: int) -> bool:
    """Take (+1) or give back (-1) a seat in the database; refuses to pass capacity or zero."""
    limit = Event.confirmed_count < Event.capacity if delta > 0 else Event.confirmed_count > 0
    changed = db.session.execute(
        sa.update(Event).where(Event.id == event.id, limit)
        .values(confirmed_count=Event.confirmed_count + delta).execution_options(synchronize_session=False)
    )
    db.session.expire(event, ["confirmed_count"])
    return changed.rowcount == 1


def register(event_id: int, user: User, tenant_id: int | None, registered_by: User,
             organiser: bool = False) -> Registration:
    """Register `user`; organisers may still do so after the registration window closed."""
    event = db.session.get(Event, event_id)
    if event is None:
        raise DomainError("Diese Veranstaltung gibt es nicht.")
    if not organiser and not registration_open(event):
        raise DomainError("Die Anmeldung zu dieser Veranstaltung ist geschlossen.")
    if not organiser:
        _check_eligible(event, user, tenant_id)
    existing = db.session.scalar(sa.select(Registration).filter_by(event_id=event_id, user_id=user.id))
    if existing is not None and existing.status != RegistrationStatus.cancelled:
        raise DomainError(f"{user.name} ist bereits angemeldet ({existing.status.label}).")
    status = RegistrationStatus.confirmed if _change_seats(event, +1) else RegistrationStatus.waitlisted
    registration = existing or Registration(event_id=event_id, user_id=user.id)
    registration.status, registration.tenant_id, registration.registered_by_id = status, tenant_id, registered_by.id
    registration.queued_at, registration.cancelled_at, registration.promoted_at = now(), None, None
    db.session.add(registration)
    try:
        db.session.flush()
    except sa.exc.IntegrityError as error:  # the same person, registered by a parallel request
        raise DomainError(f"{user.name} ist bereits angemeldet.") from error
    _mail(registration, event, MAILS[status], f"{status.value}:{registration.queued_at.isoformat()}")
    return registration


def _check_eligible(event: Event, user: User, tenant_id: int | None) -> None:
    role = memberships_of(user).get(tenant_id) if tenant_id is not None else None
    if tenant_id is not None and role is None:
        raise DomainError(f"{user.name} gehört nicht zu diesem KPR.")
    reason = eligibility.refusal(event, user, db.session.get(Tenant, tenant_id) if tenant_id else None, role)
    if reason:
        raise DomainError(reason)


def cancel(registration_id: int) -> Registration | None:
    """Cancel; if it held a seat, the first on the waiting list gets it (returned) and a mail."""
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.status == RegistrationStatus.cancelled:
        raise DomainError("Diese Anmeldung ist bereits storniert.")
    event = _lock_event(registration.event_id)
    db.session.refresh(registration)  # its status as of the lock, not as first read
    held_seat = registration.status == RegistrationStatus.confirmed
    registration.status, registration.cancelled_at = RegistrationStatus.cancelled, now()
    promoted = None
    if held_seat:
        promoted = db.session.scalar(
            sa.select(Registration)
            .where(Registration.event_id == event.id, Registration.status == RegistrationStatus.waitlisted)
            .order_by(Registration.queued_at, Registration.id).limit(1)
        )
        if promoted is None:
            _change_seats(event, -1)
        else:  # the seat passes on: the count stays
            promoted.status, promoted.promoted_at = RegistrationStatus.confirmed, now()
    db.session.flush()
    if promoted is not None:
        _mail(promoted, event, "events/mail_promoted.txt", f"promoted:{promoted.promoted_at.isoformat()}")
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


def _mail(registration: Registration, event: Event, template: str, key: str) -> None:
    user = db.session.get(User, registration.user_id)
    queue_mail(user.email, template, f"event:{event.id}:user:{user.id}:{key}", user=user, event=event,
               registration=registration, position=waitlist_position(registration))


# --- coordinators and their KPRs -----------------------------------------------------------------


def coordinated_kprs(user: User) -> list[Tenant]:
    """The KPRs `user` coordinates, by name."""
    ids = [t for t, role in memberships_of(user).items() if role == MembershipRole.coordinator]
    return list(db.session.scalars(sa.select(Tenant).where(Tenant.id.in_(ids)).order_by(Tenant.name))) if ids else []


def own_kpr_id(user: User) -> int | None:
    """For whom a person registers themself: the KPR they coordinate, else one they belong to."""
    roles = memberships_of(user)
    coordinated = sorted(t for t, role in roles.items() if role == MembershipRole.coordinator)
    return (coordinated or sorted(roles) or [None])[0]


def member_choices(kprs: list[Tenant], registered: set[int]) -> list[tuple[str, str]]:
    """("kpr id:person id", "name (KPR)") for the members of these KPRs not yet registered."""
    if not kprs:
        return []
    with within_tenants([t.id for t in kprs], "members a coordinator may register for an event"):
        members = db.session.scalars(sa.select(Membership).join(Membership.user).order_by(User.name)).all()
    return [(f"{kpr.id}:{m.user_id}", f"{m.user.name} ({kpr.name})") for kpr in kprs for m in members
            if m.tenant_id == kpr.id and m.user_id not in registered]


def reply_for_kpr(invitation: KprInvitation, reply: InvitationReply, participants: int, by: User) -> KprInvitation:
    """The one answer of an invited KPR, with its number of participants; a new answer replaces it."""
    if reply == InvitationReply.no:
        participants = 0
    elif participants < 1:
        raise DomainError("Bitte geben Sie an, wie viele Personen teilnehmen.", "participants")
    invitation.reply, invitation.participants = reply, participants
    invitation.replied_at, invitation.replied_by_id = now(), by.id
    db.session.flush()
    return invitation
