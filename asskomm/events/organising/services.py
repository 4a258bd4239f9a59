"""Organisers' changes to events: create and edit with sessions, invite KPRs, cancel; the people
registered are told of every change of date or place and of a cancellation."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tenants import db

from ...errors import DomainError
from ...mail.services import queue_mail
from ...timeutil import BERLIN, now
from ..models import Audience, Event, EventKind, EventSession, KprInvitation, Reach, Registration
from ..models import RegistrationStatus as Status


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


def save_event(event: Event | None, data: dict, sessions: list[dict], invited: list[int]) -> Event:
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
    if event is not None and data["capacity"] < event.confirmed_count:
        raise DomainError(f"Es sind bereits {event.confirmed_count} Plätze vergeben; weniger Plätze gehen nicht.",
                          "capacity")
    before = _schedule_fingerprint(event) if event is not None else None
    if event is None:
        event = Event(confirmed_count=0)
        db.session.add(event)
    event.kind, event.audience, event.reach = EventKind(data["kind"]), Audience(data["audience"]), reach
    event.title, event.description = data["title"].strip(), (data.get("description") or "").strip()
    event.organiser_tenant_id = data.get("organiser_tenant_id") or None
    event.district = (data.get("district") or "").strip() if reach == Reach.district else ""
    event.capacity, event.registration_opens_at, event.registration_closes_at = data["capacity"], opens, closes
    event.agenda, event.minutes = (data.get("agenda") or "").strip(), (data.get("minutes") or "").strip()
    _sync_sessions(event, sessions)
    db.session.flush()
    _sync_invitations(event, invited if reach == Reach.invited else [])
    if before is not None and before != _schedule_fingerprint(event):
        _tell_everyone(event, "events/mail_changed.txt", f"changed:{_schedule_fingerprint(event)}")
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
    current = {i.tenant_id: i for i in db.session.scalars(sa.select(KprInvitation).filter_by(event_id=event.id))}
    for tenant_id in set(current) - set(tenant_ids):
        db.session.delete(current[tenant_id])
    for tenant_id in set(tenant_ids) - set(current):
        db.session.add(KprInvitation(event_id=event.id, tenant_id=tenant_id))
    db.session.flush()


def _tell_everyone(event: Event, template: str, key: str) -> int:
    registrations = db.session.scalars(
        sa.select(Registration).where(Registration.event_id == event.id, Registration.status != Status.cancelled)
    ).all()
    for registration in registrations:
        queue_mail(registration.user.email, template, f"event:{event.id}:user:{registration.user_id}:{key}",
                   user=registration.user, event=event, registration=registration)
    return len(registrations)


def cancel_event(event: Event) -> int:
    if event.cancelled_at is not None:
        raise DomainError("Diese Veranstaltung ist bereits abgesagt.")
    event.cancelled_at = now()
    db.session.flush()
    return _tell_everyone(event, "events/mail_cancelled.txt", "cancelled")
