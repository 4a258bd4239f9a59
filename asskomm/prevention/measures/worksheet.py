"""The Beccaria worksheet of a measure: one page per step (reference.BECCARIA_STEPS) with its
guiding questions; the answers of a step are kept by question key, and a step is marked done."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from tenants import db

from ...errors import DomainError
from ..models import Measure, WorksheetStep
from ..reference import BECCARIA_STEPS, BeccariaStep
from .services import clean_text, require_open

ANSWER_MAX = 5000
STEP_COUNT = len(BECCARIA_STEPS)


@dataclass(frozen=True)
class StepState:
    """One step of a measure's worksheet as the navigation shows it."""

    step: BeccariaStep
    done: bool
    answered: bool


def states(measure: Measure) -> list[StepState]:
    """The seven steps of `measure`, each done or open (from its loaded steps, no query)."""
    rows = {row.step: row for row in measure.steps}
    return [StepState(step, bool(rows.get(step.number) and rows[step.number].completed),
                      bool(rows.get(step.number) and any(rows[step.number].answers.values())))
            for step in BECCARIA_STEPS]


def row_of(measure: Measure, number: int) -> WorksheetStep | None:
    return next((row for row in measure.steps if row.step == number), None)


def steps_done(measure_ids: Iterable[int]) -> dict[int, int]:
    """measure id -> how many of its steps are done, in one query."""
    ids = list(measure_ids)
    if not ids:
        return {}
    return dict(db.session.execute(
        sa.select(WorksheetStep.measure_id, sa.func.count())
        .where(WorksheetStep.measure_id.in_(ids), WorksheetStep.completed.is_(True))
        .group_by(WorksheetStep.measure_id)).all())


def save_step(measure: Measure, step: BeccariaStep, answers: Mapping[str, str | None],
              completed: bool) -> WorksheetStep:
    """Keep the answers to the step's questions (nothing else the browser sends), trimmed."""
    require_open(measure.cycle)
    kept = {}
    for question in step.questions:
        text = clean_text(answers.get(question.key), ANSWER_MAX, question.key, "Die Antwort")
        if text:
            kept[question.key] = text
    if completed and not kept:
        raise DomainError("Beantworten Sie mindestens eine Leitfrage, bevor Sie den Schritt abschließen.", "completed")
    row = row_of(measure, step.number)
    if row is None:
        row = WorksheetStep(step=step.number)
        measure.steps.append(row)
    row.answers = kept
    row.completed = completed
    db.session.flush()
    return row
