"""The consultation log: entries with their agreed next steps; validate, change, flush."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from tenants import cross_tenant, db

from ..accounts.models import User
from ..errors import DomainError
from ..timeutil import today
from .models import Consultation, ConsultationTopic, NextStep


def save_consultation(entry: Consultation | None, coach: User, held_on: date, topic: ConsultationTopic,
                      hours: Decimal, notes: str, steps: list[dict]) -> Consultation:
    if held_on > today():
        raise DomainError("Eine Beratung kann nicht in der Zukunft liegen.", "held_on")
    if not Decimal("0") < hours <= Decimal("24"):
        raise DomainError("Die Dauer muss zwischen 0,25 und 24 Stunden liegen.", "hours")
    if entry is None:
        entry = Consultation(coach_id=coach.id)
        db.session.add(entry)
    entry.held_on, entry.topic, entry.hours, entry.notes = held_on, topic, hours, notes.strip()
    for step in steps:
        if (step.get("title") or "").strip():
            entry.next_steps.append(NextStep(title=step["title"].strip(), owner=(step.get("owner") or "").strip(),
                                             due_on=step.get("due_on")))
    db.session.flush()
    return entry


def complete_step(step: NextStep) -> None:
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
        sa.select(Consultation.topic, sa.func.sum(Consultation.hours)).group_by(Consultation.topic)
        .order_by(Consultation.topic)).all())


def due_steps_for(tenant_ids: list[int], within_days: int = 14) -> list[NextStep]:
    """Open next steps due soon (or overdue) in the coach's KPRs: one read across those KPRs."""
    if not tenant_ids:
        return []
    horizon = date.fromordinal(today().toordinal() + within_days)
    with cross_tenant("coach home: due next steps of assigned KPRs"):
        return list(db.session.scalars(
            sa.select(NextStep).where(NextStep.tenant_id.in_(tenant_ids), NextStep.done_on.is_(None),
                                      NextStep.due_on.is_not(None), NextStep.due_on <= horizon)
            .options(joinedload(NextStep.consultation)).order_by(NextStep.due_on)
        ))
