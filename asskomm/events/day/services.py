"""On the day and after: attendance per session, participant rows, certificates ordered from the
worker, feedback. Services flush only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from tenants import Tenant, db

from ...accounts.models import GlobalRole, User
from ...errors import DomainError
from ...tasking import enqueue_after_commit
from ...timeutil import as_utc, format_datetime, now
from ..models import Attendance, Certificate, Event, EventSession, Feedback, Registration, RegistrationStatus

LISTED = (RegistrationStatus.confirmed, RegistrationStatus.waitlisted)


@dataclass
class Row:
    """One registered person as the attendance list and the exports show them."""

    registration: Registration
    name: str
    email: str
    kpr: str
    present: dict[int, bool | None] = field(default_factory=dict)  # session id -> recorded or None

    @property
    def status(self) -> str:
        return self.registration.status.label

    @property
    def registered_at(self) -> datetime:
        return self.registration.queued_at


def insert_for(table):
    """The dialect's INSERT, which knows ON CONFLICT on PostgreSQL and SQLite alike."""
    return (postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert)(table)


def rows(event: Event, statuses=(RegistrationStatus.confirmed,)) -> list[Row]:
    """Registered people with their KPR and their attendance per session: two queries, any size
    (plus the users' roles, loaded together)."""
    found = db.session.execute(
        sa.select(Registration, User, Tenant.name)
        .join(User, User.id == Registration.user_id)
        .outerjoin(Tenant, Tenant.id == Registration.tenant_id)
        .where(Registration.event_id == event.id, Registration.status.in_(statuses))
        .order_by(Registration.status, User.name, Registration.id)
    ).all()
    marks: dict[int, dict[int, bool]] = {}
    for registration_id, session_id, present in db.session.execute(
            sa.select(Attendance.registration_id, Attendance.session_id, Attendance.present)
            .join(Registration, Registration.id == Attendance.registration_id)
            .where(Registration.event_id == event.id)):
        marks.setdefault(registration_id, {})[session_id] = present
    result = []
    for registration, person, kpr in found:
        kpr = kpr or ("ASSKomm-Coach" if person.has_role(GlobalRole.coach) else "–")
        known = marks.get(registration.id, {})
        result.append(Row(registration, person.name, person.email, kpr,
                          {s.id: known.get(s.id) for s in event.sessions}))
    return result


# --- check-in window ------------------------------------------------------------------------------


def early_window() -> timedelta:
    """How long before a session begins its check-in opens (EVENT_CHECKIN_EARLY_MINUTES)."""
    return timedelta(minutes=current_app.config["SETTINGS"].event_checkin_early_minutes)


def checkin_opens(session: EventSession) -> datetime:
    return as_utc(session.starts_at) - early_window()


def checkin_open(session: EventSession) -> bool:
    return checkin_opens(session) <= now()


def possible_checkin() -> sa.ColumnElement[bool]:
    """An attendance row (joined to its session) recorded once that session's check-in had opened:
    the only presence the certificates and the reports believe. A row recorded earlier (before the
    window existed, or for a session moved later since) was no real check-in. SQLite keeps
    moments as text, so it compares Julian days."""
    if db.session.get_bind().dialect.name == "sqlite":
        early_days = early_window().total_seconds() / 86400
        return sa.func.julianday(Attendance.recorded_at) >= sa.func.julianday(EventSession.starts_at) - early_days
    return Attendance.recorded_at >= EventSession.starts_at - early_window()


def record_attendance(event: Event, present: set[tuple[int, int]]) -> int:
    """Store presence for every confirmed registration and every session whose check-in is open:
    checked pairs present, the others absent. A check for a session whose check-in has not opened
    is refused. An upsert on (registration, session), so two helpers at the door cannot clash."""
    checked = {session_id for _, session_id in present}
    for number, session in enumerate(event.sessions, start=1):
        if session.id in checked and not checkin_open(session):
            raise DomainError(f"Termin {number} hat noch nicht begonnen: der Check-in öffnet am "
                              f"{format_datetime(checkin_opens(session))}.")
    registration_ids = db.session.scalars(sa.select(Registration.id).where(
        Registration.event_id == event.id, Registration.status == RegistrationStatus.confirmed)).all()
    moment = now()
    values = [{"registration_id": r, "session_id": s.id, "present": (r, s.id) in present, "recorded_at": moment}
              for r in registration_ids for s in event.sessions if checkin_open(s)]
    if values:
        statement = insert_for(Attendance.__table__).values(values)
        db.session.execute(statement.on_conflict_do_update(
            index_elements=["registration_id", "session_id"],
            set_={"present": statement.excluded.present, "recorded_at": statement.excluded.recorded_at}))
    db.session.flush()
    return sum(1 for v in values if v["present"])


# --- certificates ---------------------------------------------------------------------------------


def event_over(event: Event) -> bool:
    return bool(event.sessions) and max(as_utc(s.ends_at) for s in event.sessions) <= now()


def order_certificates(event: Event) -> None:
    """The worker makes the certificates once this request has committed (events.day.tasks):
    only after the event, for the sessions each person really attended."""
    if not event_over(event):
        last = max((as_utc(s.ends_at) for s in event.sessions), default=None)
        raise DomainError("Teilnahmebescheinigungen gibt es erst nach der Veranstaltung"
                          + (f" (der letzte Termin endet am {format_datetime(last)})." if last else "."))
    enqueue_after_commit("events.make_certificates", event.id)


def certificate_of(registration: Registration) -> Certificate | None:
    return db.session.scalar(sa.select(Certificate).filter_by(registration_id=registration.id))


def attended_clause() -> sa.ColumnElement[bool]:
    """Attendance rows (joined to their sessions) that count for a certificate: present at a real
    check-in of a session that has ended."""
    return sa.and_(Attendance.present.is_(True), possible_checkin(), EventSession.ends_at <= now())


def attended_sessions(registration: Registration) -> list[EventSession]:
    """The sessions a person attended, as their certificate shows them."""
    return list(db.session.scalars(
        sa.select(EventSession).join(Attendance, Attendance.session_id == EventSession.id)
        .where(Attendance.registration_id == registration.id, attended_clause())
        .order_by(EventSession.starts_at)))


def feedback_refusal(registration: Registration) -> str | None:
    """Why this person cannot (yet) give feedback, or None."""
    only_attendees = "Eine Rückmeldung können nur Personen geben, die an der Veranstaltung teilgenommen haben."
    if registration.status != RegistrationStatus.confirmed:
        return only_attendees
    if not event_over(registration.event):
        return "Eine Rückmeldung ist möglich, sobald die Veranstaltung vorbei ist."
    if not attended_sessions(registration):
        return only_attendees
    return None


def feedback_of(registration: Registration) -> Feedback | None:
    return db.session.scalar(sa.select(Feedback).filter_by(registration_id=registration.id))


def give_feedback(registration: Registration, overall: int, usefulness: int, comment: str) -> Feedback:
    """One feedback per registration; giving it again changes it."""
    reason = feedback_refusal(registration)
    if reason:
        raise DomainError(reason)
    for value, name in ((overall, "overall"), (usefulness, "usefulness")):
        if value not in range(1, 6):
            raise DomainError("Bitte wählen Sie einen Wert von 1 bis 5.", name)
    feedback = feedback_of(registration) or Feedback(registration_id=registration.id)
    feedback.overall, feedback.usefulness, feedback.comment = overall, usefulness, (comment or "").strip()
    feedback.submitted_at = now()
    db.session.add(feedback)
    db.session.flush()
    return feedback


@dataclass
class FeedbackResults:
    count: int
    overall: float | None
    usefulness: float | None
    distribution: list[tuple[int, int, int]]  # (grade, how many overall, how many usefulness)
    comments: list[str]


def feedback_results(event: Event) -> FeedbackResults:
    """Count, averages, distribution and comments: two queries, whatever the number of answers."""
    mine = sa.select(Feedback).join(Registration, Registration.id == Feedback.registration_id).where(
        Registration.event_id == event.id).subquery()
    grades = db.session.execute(
        sa.select(mine.c.overall, mine.c.usefulness, sa.func.count()).group_by(mine.c.overall, mine.c.usefulness)
    ).all()
    comments = db.session.scalars(sa.select(mine.c.comment).where(mine.c.comment != "")
                                  .order_by(mine.c.submitted_at)).all()
    count = sum(n for _, _, n in grades)
    overall = {g: sum(n for o, _, n in grades if o == g) for g in range(1, 6)}
    useful = {g: sum(n for _, u, n in grades if u == g) for g in range(1, 6)}

    def average(counts: dict[int, int]) -> float | None:
        return round(sum(g * n for g, n in counts.items()) / count, 2) if count else None

    return FeedbackResults(count, average(overall), average(useful),
                           [(g, overall[g], useful[g]) for g in range(5, 0, -1)], list(comments))


def organiser_name(event: Event) -> str:
    return event.organiser.council_name if event.organiser else "Landespräventionsrat Sachsen"
