"""The founding guide: progress per step, and the move to "KPR gegründet" at the end."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from tenants import Tenant, TenantStatus, db

from ..errors import DomainError
from ..signals import founding_completed
from ..timeutil import today
from .guide import BY_KEY, STEPS
from .models import FoundingGuide, FoundingModel, FoundingStep

EARLIER_THAN_FOUNDED = {TenantStatus.contacted, TenantStatus.agreement_signed}


def guide_with_steps() -> tuple[FoundingGuide | None, dict]:
    guide = db.session.scalar(sa.select(FoundingGuide))
    steps = {step.key: step for step in db.session.scalars(sa.select(FoundingStep))}
    return guide, steps


def start(model: FoundingModel | None) -> FoundingGuide:
    guide, steps = guide_with_steps()
    if guide is None:
        guide = FoundingGuide(model=model, started_on=today())
        db.session.add(guide)
    else:
        guide.model = model
    for step in STEPS:
        if step.key not in steps:
            db.session.add(FoundingStep(key=step.key, checked=[]))
    db.session.flush()
    return guide


def update_step(step: FoundingStep, checked: list[int], notes: str, owner: str, due_on: date | None,
                done: bool) -> None:
    questions = len(BY_KEY[step.key].checklist)
    if any(i < 0 or i >= questions for i in checked):
        raise DomainError("Unbekannte Leitfrage.")
    step.checked = sorted(set(checked))
    step.notes, step.owner, step.due_on = notes.strip(), owner.strip(), due_on
    if done and step.done_on is None:
        step.done_on = today()
    elif not done:
        step.done_on = None
    db.session.flush()


def progress(steps: dict) -> tuple[int, int]:
    """(steps done, steps in all)."""
    return sum(1 for s in steps.values() if s.done_on), len(STEPS)


def founded_before_platform(tenant: Tenant, guide: FoundingGuide | None) -> bool:
    """A KPR that was founded (or later) without ever starting the guide here: its founding is done,
    only not on the platform."""
    return guide is None and tenant.status not in EARLIER_THAN_FOUNDED


def can_mark_founded(tenant: Tenant, steps: dict) -> bool:
    done, total = progress(steps)
    return done == total and tenant.status in EARLIER_THAN_FOUNDED


def mark_founded(tenant: Tenant, by=None) -> None:
    _, steps = guide_with_steps()
    if not can_mark_founded(tenant, steps):
        raise DomainError("Erst wenn alle fünf Schritte erledigt sind, kann der KPR als gegründet gelten.")
    last = steps[STEPS[-1].key]
    founding_completed.send(tenant, on=last.done_on, by=by)  # the state council's lifecycle moves on
    db.session.flush()
