"""Measures of a round: read for the list and the measure page, saved, evaluated, deleted.
Validate, change, flush; never commit. Everything a measure links to (action field, goal, working
group, person, funding entries) is looked up in the current KPR, so another KPR's id is refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from tenants import db

from ... import signals
from ...errors import DomainError
from ...funding.models import FundingApplication
from ...signals import item_deleted
from ...structure.models import Body, BodyKind, Person
from ...timeutil import today
from ..models import ActionField, Goal, Measure, MeasureStatus, PreventionCycle, Setting, TargetGroup
from ..reference import PROGRAMMES

TITLE_MAX = 200
TEXT_MAX = 5000
BUDGET_LIMIT = Decimal("10000000000")
CLOSED = "Diese Runde ist abgeschlossen; ihre Maßnahmen werden nur noch gelesen."


@dataclass
class MeasureInput:
    """What the measure form sends; ids of 0 or None and empty texts mean "none"."""

    action_field_id: int | None
    title: str
    goal_id: int | None = None
    description: str = ""
    working_group_id: int | None = None
    responsible_id: int | None = None
    partners: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    status: str = MeasureStatus.idea.value
    budget: Decimal | None = None
    funding_ids: list[int] = field(default_factory=list)
    programme_key: str = ""
    target_group: str = ""
    setting: str = ""
    shareable: bool = False
    shared_beyond_alliance: bool = False


# --- reading -------------------------------------------------------------------------------------

def rounds() -> list[PreventionCycle]:
    """The current KPR's rounds, newest first."""
    return list(db.session.scalars(sa.select(PreventionCycle).order_by(PreventionCycle.number.desc())))


def action_fields(cycle: PreventionCycle) -> list[ActionField]:
    """The round's action fields with their goals (two queries)."""
    return list(db.session.scalars(
        sa.select(ActionField).where(ActionField.cycle_id == cycle.id)
        .options(selectinload(ActionField.goals)).order_by(ActionField.position, ActionField.id)))


def measures_of(cycle: PreventionCycle, status: MeasureStatus | None = None,
                action_field_id: int | None = None) -> list[Measure]:
    """The round's measures by action field and title, with what the list shows, in one query."""
    query = (sa.select(Measure).join(Measure.action_field).where(Measure.cycle_id == cycle.id)
             .options(joinedload(Measure.action_field), joinedload(Measure.goal), joinedload(Measure.working_group))
             .order_by(ActionField.position, ActionField.id, Measure.title, Measure.id))
    if status is not None:
        query = query.where(Measure.status == status)
    if action_field_id:
        query = query.where(Measure.action_field_id == action_field_id)
    return list(db.session.scalars(query).unique())


def measure_with_details(measure_id: int) -> Measure | None:
    """One measure of the current KPR with everything its page shows (a fixed number of queries)."""
    return db.session.scalars(
        sa.select(Measure).where(Measure.id == measure_id)
        .options(joinedload(Measure.cycle), joinedload(Measure.action_field),
                 joinedload(Measure.goal).joinedload(Goal.series), joinedload(Measure.working_group),
                 joinedload(Measure.responsible), selectinload(Measure.funding), selectinload(Measure.steps))
    ).first()


def working_groups() -> list[Body]:
    return list(db.session.scalars(sa.select(Body).where(Body.kind == BodyKind.working_group)
                                   .order_by(Body.position, Body.name, Body.id)))


def people() -> list[Person]:
    return list(db.session.scalars(sa.select(Person).order_by(Person.name, Person.id)))


def funding_entries() -> list[FundingApplication]:
    return list(db.session.scalars(sa.select(FundingApplication).order_by(
        FundingApplication.year.desc(), FundingApplication.purpose, FundingApplication.id)))


# --- checks --------------------------------------------------------------------------------------

def require_open(cycle: PreventionCycle) -> None:
    if cycle.closed_on is not None:
        raise DomainError(CLOSED)


def clean_text(value: str | None, limit: int, name: str, what: str) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise DomainError(f"{what} darf höchstens {limit:,} Zeichen lang sein.".replace(",", "."), name)
    return text


def _one(model, entity_id: int | None, name: str, message: str, *where):
    """The current KPR's row of `model` with that id (and the further conditions), or a refusal."""
    if not entity_id:
        return None
    found = db.session.scalars(sa.select(model).where(model.id == entity_id, *where)).first()
    if found is None:
        raise DomainError(message, name)
    return found


def _choice(kind, value: str, name: str):
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        raise DomainError("Bitte wählen Sie einen Eintrag aus der Liste.", name) from None


def _budget(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if value < 0:
        raise DomainError("Das Budget darf nicht negativ sein.", "budget")
    if value.as_tuple().exponent < -2:
        raise DomainError("Bitte geben Sie das Budget mit höchstens zwei Nachkommastellen an.", "budget")
    if value >= BUDGET_LIMIT:
        raise DomainError("Das Budget ist zu groß.", "budget")
    return value


def _funding(ids: list[int]) -> list[FundingApplication]:
    wanted = set(ids)
    if not wanted:
        return []
    found = list(db.session.scalars(sa.select(FundingApplication).where(FundingApplication.id.in_(wanted))))
    if len(found) != len(wanted):
        raise DomainError("Bitte wählen Sie nur Förderungen dieses KPR.", "funding_ids")
    return found


# --- changing ------------------------------------------------------------------------------------

def save_measure(cycle: PreventionCycle, measure: Measure | None, data: MeasureInput) -> Measure:
    """Create a measure in `cycle` (measure=None) or change one of it."""
    require_open(cycle)
    action_field = _one(ActionField, data.action_field_id, "action_field_id",
                        "Bitte wählen Sie ein Handlungsfeld dieser Runde.", ActionField.cycle_id == cycle.id)
    if action_field is None:
        raise DomainError("Bitte wählen Sie das Handlungsfeld der Maßnahme.", "action_field_id")
    goal = _one(Goal, data.goal_id, "goal_id",
                f"Das Ziel gehört nicht zum Handlungsfeld „{action_field.title}“. Bitte wählen Sie eines "
                "seiner Ziele oder keines.", Goal.action_field_id == action_field.id)
    title = clean_text(data.title, TITLE_MAX, "title", "Der Titel")
    if not title:
        raise DomainError("Bitte geben Sie den Titel der Maßnahme an.", "title")
    group = _one(Body, data.working_group_id, "working_group_id", "Bitte wählen Sie eine Arbeitsgruppe des KPR.",
                 Body.kind == BodyKind.working_group)
    responsible = _one(Person, data.responsible_id, "responsible_id",
                       "Bitte wählen Sie eine Person aus der Struktur des KPR.")
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        raise DomainError("Das Ende darf nicht vor dem Beginn liegen.", "ends_on")
    status = _choice(MeasureStatus, data.status, "status")
    if status is None:
        raise DomainError("Bitte wählen Sie den Status der Maßnahme.", "status")
    if data.shared_beyond_alliance and not data.shareable and not (measure and measure.shared_beyond_alliance):
        # Newly chosen without sharing: say so. Was it shared beyond, taking back the sharing
        # takes that back too (below), even with the box still ticked.
        raise DomainError("Mit anderen Bundesländern teilen lässt sich nur eine für den Praxisaustausch "
                          "freigegebene Maßnahme. Bitte geben Sie sie auch frei oder nehmen Sie das Häkchen "
                          "heraus.", "shared_beyond_alliance")
    if data.programme_key and data.programme_key not in PROGRAMMES:
        raise DomainError("Bitte wählen Sie ein Programm aus der Grünen Liste oder keines.", "programme_key")
    values = dict(
        action_field=action_field, goal=goal, title=title, working_group=group, responsible=responsible,
        description=clean_text(data.description, TEXT_MAX, "description", "Die Beschreibung"),
        partners=clean_text(data.partners, TEXT_MAX, "partners", "Die Angabe der Partner:innen"),
        starts_on=data.starts_on, ends_on=data.ends_on, status=status, budget=_budget(data.budget),
        funding=_funding(data.funding_ids), programme_key=data.programme_key,
        target_group=_choice(TargetGroup, data.target_group, "target_group"),
        setting=_choice(Setting, data.setting, "setting"), shareable=bool(data.shareable),
        # Beyond the alliance only what is shared at all: unsharing withdraws it from everyone.
        shared_beyond_alliance=bool(data.shareable) and bool(data.shared_beyond_alliance))
    was_shareable = measure is not None and measure.shareable
    if measure is None:
        measure = Measure(cycle=cycle)
        db.session.add(measure)
    for name, value in values.items():
        setattr(measure, name, value)
    db.session.flush()
    if measure.shareable and not was_shareable:
        signals.practice_shared.send(measure)
    return measure


@dataclass
class EvaluationInput:
    done: str
    reached: str
    learned: str
    evaluated_on: date | None


def evaluate(measure: Measure, data: EvaluationInput) -> Measure:
    """Record the measure's evaluation: what was done, what it reached, what was learned, and when."""
    require_open(measure.cycle)
    done = clean_text(data.done, TEXT_MAX, "done", "Die Angabe, was getan wurde,")
    reached = clean_text(data.reached, TEXT_MAX, "reached", "Die Angabe, was erreicht wurde,")
    learned = clean_text(data.learned, TEXT_MAX, "learned", "Die Angabe, was gelernt wurde,")
    if not done:
        raise DomainError("Bitte beschreiben Sie, was getan wurde.", "done")
    if not reached:
        raise DomainError("Bitte beschreiben Sie, was die Maßnahme erreicht hat.", "reached")
    if data.evaluated_on is None:
        raise DomainError("Bitte geben Sie an, wann die Maßnahme evaluiert wurde.", "evaluated_on")
    if data.evaluated_on > today():
        raise DomainError("Das Datum der Evaluation kann nicht in der Zukunft liegen.", "evaluated_on")
    if measure.starts_on and data.evaluated_on < measure.starts_on:
        raise DomainError("Die Evaluation kann nicht vor dem Beginn der Maßnahme liegen.", "evaluated_on")
    measure.evaluation_done, measure.evaluation_reached, measure.evaluation_learned = done, reached, learned
    measure.evaluated_on = data.evaluated_on
    db.session.flush()
    return measure


def delete_measure(measure: Measure) -> None:
    """The measure with its worksheet and evaluation; its comments go with it (item_deleted); the
    funding entries stay, only the link to them goes."""
    require_open(measure.cycle)
    item_deleted.send(Measure, item=measure)
    db.session.delete(measure)
    db.session.flush()
