"""Registration for events: confirmed while seats are free, else a waiting-list place in order of
arrival; a cancellation promotes the first waiting person at once. Never overbooked. Also the
coordinators' part: registering members of their KPR, and a KPR's reply to an invitation.

How it stays correct under concurrent requests: registering, cancelling and a KPR's reply all
take the same lock on the event row first (events.seats.lock_event: SELECT … FOR UPDATE on
PostgreSQL, the request's write lock on SQLite), so a waitlisted insert racing a cancellation
cannot leave a free seat while someone waits. A unique constraint keeps a person to one
registration per event. A cancellation is a state of the registration, never a deletion: its
attendance and feedback stay. Services flush; the request commits.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, selectinload

from tenants import Tenant, db, maybe_alliance_id, within_tenants

from ... import signals
from ...accounts.models import Membership, MembershipRole, User
from ...errors import DomainError
from ...policy import memberships_of
from ...timeutil import as_utc, now
from ..models import Event, InvitationReply, KprInvitation, Registration, RegistrationStatus
from ..seats import fill_free_seats, lock_event, mail, take_seat
from . import eligibility

MAILS = {
    RegistrationStatus.confirmed: "events/mail_confirmed.txt",
    RegistrationStatus.waitlisted: "events/mail_waitlisted.txt",
}


def visible_events() -> sa.Select:
    """Events of the catalog, cancelled ones too (they are marked "abgesagt"), with their sessions:
    the current alliance's and those another alliance opened to every alliance."""
    query = sa.select(Event).options(selectinload(Event.sessions))
    alliance_id = maybe_alliance_id()
    if alliance_id is not None:
        query = query.where(sa.or_(Event.alliance_id == alliance_id, Event.open_to_all_alliances.is_(True)))
    return query


def registration_open(event: Event) -> bool:
    moment = now()
    opens = event.registration_opens_at
    return (event.cancelled_at is None and (opens is None or as_utc(opens) <= moment)
            and moment < as_utc(event.registration_closes_at))


def register(event_id: int, user: User, tenant_id: int | None, registered_by: User,
             organiser: bool = False) -> Registration:
    """Register `user`; organisers may still do so after the registration window closed."""
    event = lock_event(event_id)
    if event.cancelled_at is not None:
        raise DomainError("Diese Veranstaltung ist abgesagt.")
    if not organiser and not registration_open(event):
        raise DomainError("Die Anmeldung zu dieser Veranstaltung ist geschlossen.")
    if not organiser:
        _check_eligible(event, user, tenant_id)
    existing = db.session.scalar(sa.select(Registration).filter_by(event_id=event_id, user_id=user.id))
    if existing is not None and existing.status != RegistrationStatus.cancelled:
        raise DomainError(f"{user.name} ist bereits angemeldet ({existing.status.label}).")
    status = RegistrationStatus.confirmed if take_seat(event) else RegistrationStatus.waitlisted
    registration = existing or Registration(event_id=event_id, user_id=user.id)
    registration.status, registration.tenant_id, registration.registered_by_id = status, tenant_id, registered_by.id
    registration.queued_at, registration.cancelled_at, registration.promoted_at = now(), None, None
    db.session.add(registration)
    try:
        db.session.flush()
    except sa.exc.IntegrityError as error:  # the same person, registered by a parallel request
        raise DomainError(f"{user.name} ist bereits angemeldet.") from error
    mail(registration, event, MAILS[status], f"{status.value}:{registration.queued_at.isoformat()}")
    signals.registration_created.send(registration)
    return registration


def refusal(event: Event, user: User, tenant_id: int | None) -> str | None:
    """Why `user` may not take part for that KPR (or for none); None if they may. The event's page
    says this instead of offering to register."""
    role = memberships_of(user).get(tenant_id) if tenant_id is not None else None
    if tenant_id is not None and role is None:
        return f"{user.name} gehört nicht zu diesem KPR."
    return eligibility.refusal(event, user, db.session.get(Tenant, tenant_id) if tenant_id else None, role)


def _check_eligible(event: Event, user: User, tenant_id: int | None) -> None:
    reason = refusal(event, user, tenant_id)
    if reason:
        raise DomainError(reason)


def cancel(registration_id: int) -> Registration | None:
    """Cancel (a state, never a deletion); if it held a seat, the first on the waiting list gets
    it (returned) and a mail. Refused once the event has begun, as policy's registration.cancel."""
    registration = db.session.get(Registration, registration_id)
    if registration is None:
        raise DomainError("Diese Anmeldung gibt es nicht.")
    event = lock_event(registration.event_id)
    db.session.refresh(registration)  # its status as of the lock, not as first read
    if registration.status == RegistrationStatus.cancelled:
        raise DomainError("Diese Anmeldung ist bereits storniert.")
    if event.cancelled_at is not None:
        raise DomainError("Diese Veranstaltung ist abgesagt; die Anmeldung ist damit hinfällig.")
    if event.has_begun:
        raise DomainError("Die Veranstaltung hat bereits begonnen; die Anmeldung kann nicht mehr storniert werden.")
    held_seat = registration.status == RegistrationStatus.confirmed
    registration.status, registration.cancelled_at = RegistrationStatus.cancelled, now()
    if held_seat:
        event.confirmed_count -= 1
    db.session.flush()
    signals.registration_cancelled.send(registration)
    promoted = fill_free_seats(event)
    return promoted[0] if promoted else None


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


def member_choices(event: Event, kprs: list[Tenant], registered: set[int]) -> list[tuple[str, str]]:
    """("kpr id:person id", "name (KPR)") for the members of these KPRs not yet registered who may
    take part (audience and reach): the form never offers whom the service would refuse."""
    if not kprs:
        return []
    with within_tenants([t.id for t in kprs], "members a coordinator may register for an event"):
        members = db.session.scalars(sa.select(Membership).join(Membership.user).options(
            contains_eager(Membership.user)).order_by(User.name)).all()
    return [(f"{kpr.id}:{m.user_id}", f"{m.user.name} ({kpr.name})") for kpr in kprs for m in members
            if m.tenant_id == kpr.id and m.user_id not in registered
            and eligibility.refusal(event, m.user, kpr, m.role) is None]


def reply_for_kpr(invitation: KprInvitation, reply: InvitationReply, participants: int, by: User) -> KprInvitation:
    """The one answer of an invited KPR, with its number of participants; a new answer replaces it.
    Its participants take seats of the event (under the event's lock); fewer of them free seats
    for the waiting list."""
    event = lock_event(invitation.event_id)
    db.session.refresh(invitation)
    if event.cancelled_at is not None:
        raise DomainError("Diese Veranstaltung ist abgesagt.")
    if event.has_begun:
        raise DomainError("Die Veranstaltung hat bereits begonnen; die Antwort kann nicht mehr geändert werden.")
    if reply == InvitationReply.no:
        participants = 0
    elif participants < 1:
        raise DomainError("Bitte geben Sie an, wie viele Personen teilnehmen.", "participants")
    before = invitation.participants if invitation.reply == InvitationReply.yes else 0
    available = event.free_seats + before
    if participants > available:
        raise DomainError(f"Es sind nur noch {available} Plätze frei; bitte melden Sie höchstens so viele "
                          "Personen.", "participants")
    event.reserved_seats = (event.reserved_seats or 0) + participants - before
    invitation.reply, invitation.participants = reply, participants
    invitation.replied_at, invitation.replied_by_id = now(), by.id
    db.session.flush()
    fill_free_seats(event)
    return invitation
