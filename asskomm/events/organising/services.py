"""Organisers' changes to events: create and edit with sessions, invite KPRs, cancel; the people
registered are told of every change of date or place and of a cancellation, the coordinators of
an invited KPR of the invitation (with the link to reply) and of a cancellation.

Who organises an event decides who manages it, so only a state admin changes the organiser.
Changes of capacity take the event's lock (events.seats) like registering does: raising it
promotes from the waiting list at once."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from tenants import db, within_tenants

from ...accounts.models import Membership, MembershipRole, User
from ...errors import DomainError
from ...mail.services import public_link, queue_mail
from ...tasking import enqueue_after_commit
from ...timeutil import BERLIN, now
from ..models import Audience, Event, EventKind, EventSession, KprInvitation, Reach, Registration
from ..models import RegistrationStatus as Status
from ..seats import fill_free_seats, lock_event


def all_events() -> list[Event]:
    """Every event, cancelled ones too, the latest registration deadline first."""
    return list(db.session.scalars(sa.select(Event).options(selectinload(Event.sessions))
                                   .order_by(Event.registration_closes_at.desc())))


def _berlin(day, clock) -> datetime:
    """A date and time as entered (Europe/Berlin), in UTC: SQLite keeps no offsets."""
    return datetime.combine(day, clock, tzinfo=BERLIN).astimezone(UTC)


def parse_sessions(rows: list[dict]) -> list[dict]:
    """Session rows of the form (Berlin time) to UTC-aware values; empty rows are skipped."""
    sessions = []
    for number, row in enumerate(rows, start=1):
        if not row.get("day") and not row.get("starts") and not (row.get("place") or "").strip():
            continue
        if not (row.get("day") and row.get("starts") and row.get("ends")):
            raise DomainError(f"Termin {number}: bitte Datum, Beginn und Ende angeben.")
        starts, ends = _berlin(row["day"], row["starts"]), _berlin(row["day"], row["ends"])
        if ends <= starts:
            raise DomainError(f"Termin {number}: das Ende muss nach dem Beginn liegen.")
        if not (row.get("place") or "").strip() and not row.get("online_url"):
            raise DomainError(f"Termin {number}: bitte einen Ort oder einen Online-Link angeben.")
        sessions.append({"starts_at": starts, "ends_at": ends, "place": (row.get("place") or "").strip(),
                         "online_url": row.get("online_url") or ""})
    if not sessions:
        raise DomainError("Bitte mindestens einen Termin angeben.")
    return sorted(sessions, key=lambda s: s["starts_at"])


def _schedule_fingerprint(event: Event) -> str:
    text = "|".join(f"{s.starts_at.isoformat()}/{s.ends_at.isoformat()}/{s.place}/{s.online_url}"
                    for s in sorted(event.sessions, key=lambda s: s.starts_at))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def save_event(event: Event | None, data: dict, sessions: list[dict], invited: list[int],
               assigns_organiser: bool = False) -> Event:
    """Create or change an event. Without `assigns_organiser` (policy's events.assign_organiser)
    the organiser stays as it is: the state council for a new event."""
    if event is not None:
        if event.cancelled_at is not None:
            raise DomainError("Diese Veranstaltung ist abgesagt und kann nicht mehr geändert werden.")
        event = lock_event(event.id)  # seats are counted against the capacity under the lock
    current_organiser = event.organiser_tenant_id if event is not None else None
    organiser = (data.get("organiser_tenant_id") or None) if "organiser_tenant_id" in data else current_organiser
    if organiser != current_organiser and not assigns_organiser:
        raise DomainError("Den Veranstalter ändern nur Administrator:innen des Landespräventionsrats.",
                          "organiser_tenant_id")
    closes = data["registration_closes_at"].replace(tzinfo=BERLIN).astimezone(UTC)
    opens = data.get("registration_opens_at")
    opens = opens.replace(tzinfo=BERLIN).astimezone(UTC) if opens else None
    if closes > sessions[0]["starts_at"]:
        raise DomainError("Die Anmeldung muss vor dem ersten Termin enden.", "registration_closes_at")
    if opens and opens >= closes:
        raise DomainError("Die Anmeldung muss beginnen, bevor sie endet.", "registration_opens_at")
    reach = Reach(data["reach"])
    if reach == Reach.district and not (data.get("district") or "").strip():
        raise DomainError("Bitte den Landkreis angeben, für den die Veranstaltung ist.", "district")
    if reach == Reach.invited and not invited:
        raise DomainError("Bitte mindestens einen KPR einladen.", "invited")
    taken = event.confirmed_count + event.reserved_seats if event is not None else 0
    if data["capacity"] < taken:
        raise DomainError(f"Es sind bereits {taken} Plätze vergeben; weniger Plätze gehen nicht.", "capacity")
    before = _schedule_fingerprint(event) if event is not None else None
    if event is None:
        event = Event(confirmed_count=0)
        db.session.add(event)
    event.kind, event.audience, event.reach = EventKind(data["kind"]), Audience(data["audience"]), reach
    event.title, event.description = data["title"].strip(), (data.get("description") or "").strip()
    event.organiser_tenant_id = organiser
    event.district = (data.get("district") or "").strip() if reach == Reach.district else ""
    event.capacity, event.registration_opens_at, event.registration_closes_at = data["capacity"], opens, closes
    event.agenda, event.minutes = (data.get("agenda") or "").strip(), (data.get("minutes") or "").strip()
    _sync_sessions(event, sessions)
    db.session.flush()
    _sync_invitations(event, invited if reach == Reach.invited else [])
    if before is not None and before != _schedule_fingerprint(event):
        _tell_everyone(event, "events/mail_changed.txt", f"changed:{_schedule_fingerprint(event)}")
        # certificates already issued show the old dates: reissued, the old PDFs kept (events.day)
        enqueue_after_commit("events.refresh_certificates", event.id)
    fill_free_seats(event)  # a raised capacity: the waiting list moves up at once
    return event


def _sync_sessions(event: Event, sessions: list[dict]) -> None:
    """Update sessions in place, in order, so attendance recorded for them stays."""
    existing = sorted(event.sessions, key=lambda s: s.starts_at) if event.id else []
    for index, values in enumerate(sessions):
        if index < len(existing):
            for name, value in values.items():
                setattr(existing[index], name, value)
        else:
            event.sessions.append(EventSession(**values))
    for extra in existing[len(sessions):]:
        event.sessions.remove(extra)


def _sync_invitations(event: Event, tenant_ids: list[int]) -> None:
    """Invite these KPRs (a new one gets its mail); a KPR no longer invited gives back its seats."""
    current = {i.tenant_id: i for i in db.session.scalars(sa.select(KprInvitation).filter_by(event_id=event.id))}
    for tenant_id in set(current) - set(tenant_ids):
        event.reserved_seats -= current[tenant_id].participants
        db.session.delete(current[tenant_id])
    new = sorted(set(tenant_ids) - set(current))
    for tenant_id in new:
        db.session.add(KprInvitation(event_id=event.id, tenant_id=tenant_id))
    db.session.flush()
    db.session.expire(event, ["invitations"])
    if not event.has_begun:
        for tenant_id, coordinator in _coordinators(new):
            queue_mail(coordinator.email, "events/mail_kpr_invited.txt",
                       f"event:{event.id}:kpr:{tenant_id}:user:{coordinator.id}:invited", tenant_id=tenant_id,
                       user=coordinator, event=event,
                       link=public_link("events.detail", event_id=event.id) + f"#antwort-kpr{tenant_id}")


def _coordinators(tenant_ids: list[int]) -> list[tuple[int, User]]:
    """(KPR id, coordinator) of these KPRs, read together."""
    if not tenant_ids:
        return []
    with within_tenants(tenant_ids, "coordinators of the KPRs invited to an event"):
        rows = db.session.execute(
            sa.select(Membership.tenant_id, User).join(User, User.id == Membership.user_id)
            .where(Membership.role == MembershipRole.coordinator, User.active.is_(True))
            .order_by(Membership.tenant_id, User.name)).all()
    return [(tenant_id, person) for tenant_id, person in rows]


def _standing(event: Event) -> list[Registration]:
    """Everyone registered or waiting, with their accounts."""
    return list(db.session.scalars(
        sa.select(Registration).where(Registration.event_id == event.id, Registration.status != Status.cancelled)
        .options(joinedload(Registration.user)).order_by(Registration.id)))


def _tell_everyone(event: Event, template: str, key: str) -> int:
    registrations = _standing(event)
    for registration in registrations:
        queue_mail(registration.user.email, template, f"event:{event.id}:user:{registration.user_id}:{key}",
                   user=registration.user, event=event, registration=registration)
    return len(registrations)


def to_notify_of_cancellation(event: Event) -> list[User]:
    """Who is told when the event is cancelled: everyone registered or waiting, and the
    coordinators of the invited KPRs; each person once."""
    people = {r.user_id: r.user for r in _standing(event)}
    invited = [i.tenant_id for i in db.session.scalars(sa.select(KprInvitation).filter_by(event_id=event.id))]
    for _, coordinator in _coordinators(invited):
        people.setdefault(coordinator.id, coordinator)
    return list(people.values())


def cancel_event(event: Event, reason: str = "") -> int:
    """Cancel (registrations stay, as they were: attendance and feedback are not lost) and tell
    everyone concerned, with the reason; returns how many people are told."""
    event = lock_event(event.id)
    if event.cancelled_at is not None:
        raise DomainError("Diese Veranstaltung ist bereits abgesagt.")
    if event.has_begun:
        raise DomainError("Eine Veranstaltung, die begonnen hat, kann nicht mehr abgesagt werden.")
    event.cancelled_at = now()
    db.session.flush()
    people = to_notify_of_cancellation(event)
    for person in people:
        queue_mail(person.email, "events/mail_cancelled.txt", f"event:{event.id}:user:{person.id}:cancelled",
                   user=person, event=event, reason=reason)
    return len(people)
