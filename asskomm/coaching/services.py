"""The consultation log: entries with their agreed next steps; validate, change, flush."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from tenants import Tenant, cross_tenant, db, within_tenants

from ..accounts.models import Assignment, AssignmentKind, GlobalRole, User, UserRole, current_assignment_clause
from ..errors import DomainError
from ..snapshots.models import ActivitySnapshot, latest_activity
from ..timeutil import now, today
from .models import Consultation, ConsultationTopic, NextStep

# What counts: a withdrawn entry stays in the log (marked) and in the audit trail, but no longer in
# hours, caseloads, due steps or the cross-municipal reports (workers/reports.py filters the same way).
COUNTS = Consultation.withdrawn_at.is_(None)
MIN_HOURS = Decimal("0.25")  # a quarter of an hour, as the form says


def save_consultation(entry: Consultation | None, coach: User, held_on: date, topic: ConsultationTopic,
                      hours: Decimal, notes: str, steps: list[dict]) -> Consultation:
    if held_on > today():
        raise DomainError("Eine Beratung kann nicht in der Zukunft liegen.", "held_on")
    # is_finite first: "NaN" is a Decimal the form accepts, and comparing it raises
    if not hours.is_finite() or not MIN_HOURS <= hours <= Decimal("24"):
        raise DomainError("Die Dauer muss zwischen 0,25 und 24 Stunden liegen.", "hours")
    if entry is None:
        entry = Consultation(coach_id=coach.id)
        db.session.add(entry)
    elif entry.withdrawn_at is not None:
        raise DomainError("Diese Beratung ist zurückgezogen und kann nicht mehr geändert werden.")
    # hours as stored (two places), so the audit trail reads "1.50 → 2.00"
    entry.held_on, entry.topic, entry.notes = held_on, topic, notes.strip()
    entry.hours = hours.quantize(Decimal("0.01"))
    for step in steps:
        if (step.get("title") or "").strip():
            entry.next_steps.append(NextStep(title=step["title"].strip(), owner=(step.get("owner") or "").strip(),
                                             due_on=step.get("due_on")))
    db.session.flush()
    return entry


def withdraw_consultation(entry: Consultation) -> None:
    """The entry stops counting; its text and values stay readable (log, audit trail)."""
    if entry.withdrawn_at is not None:
        raise DomainError("Diese Beratung ist bereits zurückgezogen.")
    entry.withdrawn_at = now()
    db.session.flush()


def complete_step(step: NextStep) -> None:
    if step.consultation.withdrawn_at is not None:
        raise DomainError("Die Beratung zu diesem Schritt ist zurückgezogen.")
    if step.done_on is not None:
        raise DomainError("Dieser Schritt ist bereits erledigt.")
    step.done_on = today()
    db.session.flush()


def log() -> list[Consultation]:
    """The current KPR's entries, newest first, with coach and steps (three queries)."""
    return list(db.session.scalars(
        sa.select(Consultation).options(joinedload(Consultation.coach), selectinload(Consultation.next_steps))
        .order_by(Consultation.held_on.desc(), Consultation.id.desc())
    ))


def hours_by_topic() -> list[tuple[ConsultationTopic, Decimal]]:
    return list(db.session.execute(
        sa.select(Consultation.topic, sa.func.sum(Consultation.hours)).where(COUNTS).group_by(Consultation.topic)
        .order_by(Consultation.topic)).all())


def due_steps_for(tenant_ids: list[int], within_days: int = 14) -> list[NextStep]:
    """Open next steps due soon (or overdue) in the coach's KPRs: one read across those KPRs."""
    if not tenant_ids:
        return []
    horizon = date.fromordinal(today().toordinal() + within_days)
    with within_tenants(tenant_ids, "coach home: due next steps of assigned KPRs"):
        return list(db.session.scalars(
            sa.select(NextStep).join(NextStep.consultation)
            .where(NextStep.done_on.is_(None), NextStep.due_on.is_not(None), NextStep.due_on <= horizon, COUNTS)
            .options(contains_eager(NextStep.consultation)).order_by(NextStep.due_on)
        ))


@dataclass
class CaseloadRow:
    """One KPR assigned to the coach today, with the coach's figures for it."""

    assignment: Assignment
    consultations: int = 0
    hours: Decimal = Decimal(0)
    last_consultation: date | None = None
    open_steps: int = 0
    overdue_steps: int = 0
    activity: ActivitySnapshot | None = None


@dataclass
class Caseload:
    coach: User
    year: int
    rows: list[CaseloadRow]
    former: list[Assignment]
    totals: CaseloadRow = field(init=False)

    def __post_init__(self) -> None:
        self.totals = CaseloadRow(
            assignment=None, consultations=sum(r.consultations for r in self.rows),
            hours=sum((r.hours for r in self.rows), Decimal(0)),
            open_steps=sum(r.open_steps for r in self.rows), overdue_steps=sum(r.overdue_steps for r in self.rows))

    @property
    def tenants(self) -> dict[int, Tenant]:
        return {row.assignment.tenant_id: row.assignment.tenant for row in self.rows}


def _year_bounds(year: int):
    return Consultation.held_on.between(date(year, 1, 1), date(year, 12, 31))


def caseload(coach: User, on: date | None = None) -> Caseload:
    """The KPRs assigned to `coach` on `on` (default today) with consultations and hours of the
    calendar year (by this coach), last consultation, open and overdue next steps and the latest
    activity; and the ended assignments. Five queries, whatever the number of KPRs."""
    on = on or today()
    assignments = db.session.scalars(
        sa.select(Assignment).where(Assignment.user_id == coach.id, Assignment.kind == AssignmentKind.coach)
        .order_by(Assignment.starts_on, Assignment.id)).all()
    rows = {a.tenant_id: CaseloadRow(a) for a in assignments if a.is_current(on)}
    former = sorted((a for a in assignments if a.ends_on is not None and a.ends_on <= on),
                    key=lambda a: (a.ends_on, a.id), reverse=True)
    if rows:
        in_year = _year_bounds(on.year)
        with within_tenants(rows, "coach caseload: consultations and next steps of the assigned KPRs"):
            consultations = db.session.execute(
                sa.select(Consultation.tenant_id, sa.func.count(sa.case((in_year, Consultation.id))),
                          sa.func.sum(sa.case((in_year, Consultation.hours), else_=0)),
                          sa.func.max(Consultation.held_on))
                .where(Consultation.coach_id == coach.id, COUNTS)
                .group_by(Consultation.tenant_id))
            for tenant_id, count, hours, last in consultations:
                row = rows[tenant_id]
                row.consultations, row.hours, row.last_consultation = count, Decimal(str(hours or 0)), last
            steps = db.session.execute(
                sa.select(NextStep.tenant_id, sa.func.count(),
                          sa.func.count(sa.case((NextStep.due_on < on, NextStep.id))))
                .join(NextStep.consultation).where(NextStep.done_on.is_(None), COUNTS)
                .group_by(NextStep.tenant_id))
            for tenant_id, open_steps, overdue in steps:
                rows[tenant_id].open_steps, rows[tenant_id].overdue_steps = open_steps, overdue
        activity = latest_activity()
        for tenant_id, row in rows.items():
            row.activity = activity.get(tenant_id)
    return Caseload(coach, on.year, list(rows.values()), former)


def coach_by_id(user_id: int) -> User | None:
    """A person with the global role coach, or None."""
    return db.session.scalar(sa.select(User).join(UserRole).where(User.id == user_id,
                                                                  UserRole.role == GlobalRole.coach))


@dataclass
class CoachSummary:
    coach: User
    kprs: int
    hours: Decimal


def coach_summaries(on: date | None = None) -> list[CoachSummary]:
    """Every coach with the number of KPRs assigned on `on` and their hours of that calendar year
    in those KPRs (the totals of their caseload pages). Three queries."""
    on = on or today()
    coaches = db.session.scalars(sa.select(User).join(UserRole).where(UserRole.role == GlobalRole.coach)
                                 .order_by(User.name, User.id)).all()
    current = sa.and_(Assignment.kind == AssignmentKind.coach, current_assignment_clause(on))
    kprs = dict(db.session.execute(
        sa.select(Assignment.user_id, sa.func.count(sa.distinct(Assignment.tenant_id))).where(current)
        .group_by(Assignment.user_id)).all())
    with cross_tenant("coach list: hours of every coach in the assigned KPRs"):
        hours = dict(db.session.execute(
            sa.select(Assignment.user_id, sa.func.sum(Consultation.hours))
            .join(Consultation, sa.and_(Consultation.tenant_id == Assignment.tenant_id,
                                        Consultation.coach_id == Assignment.user_id))
            .where(current, _year_bounds(on.year), COUNTS).group_by(Assignment.user_id)).all())
    return [CoachSummary(c, kprs.get(c.id, 0), Decimal(str(hours.get(c.id) or 0))) for c in coaches]
