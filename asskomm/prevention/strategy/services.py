"""Action fields, goals and their entered values: validate, change, flush; a refusal is a German
DomainError at its field. The round being open is the policy's rule (cycle.edit, goal.edit)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from tenants import db

from ...errors import DomainError
from ...signals import item_deleted
from ...structure.models import Body, BodyKind
from ...timeutil import today
from ..models import ActionField, Goal, GoalMeasurement, IndicatorKind, Measure, PreventionCycle, Problem
from ..statistics.models import IndicatorSeries
from .indicators import Indicator, indicator_label, parse_choice
from .progress import analysis_value

TEXT_MAX = 5000
FIRST_YEAR = 1990
TARGET_HORIZON = 30  # years ahead a target may lie


def working_groups() -> list[Body]:
    return db.session.scalars(sa.select(Body).where(Body.kind == BodyKind.working_group)
                              .order_by(Body.position, Body.name)).all()


def series_of_kpr() -> list[IndicatorSeries]:
    return db.session.scalars(sa.select(IndicatorSeries).order_by(IndicatorSeries.name)).all()


def measures_in(field: ActionField) -> int:
    return db.session.scalar(sa.select(sa.func.count(Measure.id)).where(Measure.action_field_id == field.id))


# --- action fields --------------------------------------------------------------------------------


@dataclass
class FieldInput:
    title: str
    description: str = ""
    problem_ids: tuple[int, ...] = ()
    working_group_id: int | None = None
    position: int | None = None


def save_action_field(cycle: PreventionCycle, field: ActionField | None, data: FieldInput) -> ActionField:
    title = (data.title or "").strip()
    if not title:
        raise DomainError("Bitte geben Sie dem Handlungsfeld einen Titel.", "title")
    if len(title) > 200:
        raise DomainError("Der Titel darf höchstens 200 Zeichen lang sein.", "title")
    description = (data.description or "").strip()
    if len(description) > TEXT_MAX:
        raise DomainError(f"Die Beschreibung darf höchstens {TEXT_MAX:,} Zeichen lang sein.".replace(",", "."),
                          "description")
    wanted = set(data.problem_ids)
    problems = db.session.scalars(sa.select(Problem).where(Problem.id.in_(wanted), Problem.cycle_id == cycle.id)
                                  .order_by(Problem.priority, Problem.id)).all() if wanted else []
    if len(problems) != len(wanted):
        raise DomainError("Bitte wählen Sie nur Probleme aus der Analyse dieser Runde.", "problems")
    group = None
    if data.working_group_id:
        group = db.session.scalar(sa.select(Body).where(Body.id == data.working_group_id,
                                                        Body.kind == BodyKind.working_group))
        if group is None:
            raise DomainError("Bitte wählen Sie eine Arbeitsgruppe des KPR.", "working_group_id")
    if data.position is not None and not 0 <= data.position <= 999:
        raise DomainError("Die Reihenfolge ist eine Zahl von 0 bis 999.", "position")
    position = data.position
    if field is None:
        if position is None:  # at the end
            highest = db.session.scalar(sa.select(sa.func.max(ActionField.position))
                                        .where(ActionField.cycle_id == cycle.id))
            position = 0 if highest is None else highest + 1
        field = ActionField(cycle=cycle)
        db.session.add(field)
    field.title, field.description, field.problems, field.working_group = title, description, problems, group
    if position is not None:
        field.position = position
    db.session.flush()
    return field


def remove_action_field(field: ActionField) -> None:
    """An action field goes with its goals and their entered values, but not while measures are in it."""
    count = measures_in(field)
    if count:
        raise DomainError(f"Im Handlungsfeld „{field.title}“ {'ist' if count == 1 else 'sind'} noch {count} "
                          f"{'Maßnahme' if count == 1 else 'Maßnahmen'}. Ordnen Sie sie zuerst einem anderen "
                          "Handlungsfeld zu oder löschen Sie sie; dann lässt sich das Handlungsfeld entfernen.")
    _unlink_measures([goal.id for goal in field.goals])
    for goal in field.goals:  # their comments go with them
        item_deleted.send(Goal, item=goal)
    db.session.delete(field)
    db.session.flush()


# --- goals ----------------------------------------------------------------------------------------


@dataclass
class GoalInput:
    title: str
    indicator: str  # a choice of indicators.indicator_choices
    baseline_year: int | None
    baseline_value: Decimal | None  # None: taken from the analysis
    target_value: Decimal | None
    target_year: int | None


def _check_value(kind: IndicatorKind, value: Decimal, name: str, what: str) -> None:
    if kind == IndicatorKind.survey_unsafe and not 0 <= value <= 100:
        raise DomainError(f"{what} ist ein Anteil in Prozent (0 bis 100).", name)
    if kind != IndicatorKind.series and value < 0:
        raise DomainError(f"{what} kann nicht negativ sein.", name)


def _indicator(choice: str) -> tuple[IndicatorKind, str, IndicatorSeries | None]:
    try:
        kind, offence_key, series_id = parse_choice(choice)
    except ValueError:
        raise DomainError("Bitte wählen Sie eine Kennzahl aus der Liste.", "indicator") from None
    series = None
    if kind == IndicatorKind.series:
        series = db.session.scalar(sa.select(IndicatorSeries).where(IndicatorSeries.id == series_id))
        if series is None:  # another KPR's series is not found within this one
            raise DomainError("Bitte wählen Sie eine Kennzahl des KPR.", "indicator")
    return kind, offence_key, series


def save_goal(field: ActionField, goal: Goal | None, data: GoalInput) -> Goal:
    title = (data.title or "").strip()
    if not title:
        raise DomainError("Bitte beschreiben Sie das Ziel in einem Satz.", "title")
    if len(title) > 300:
        raise DomainError("Das Ziel darf höchstens 300 Zeichen lang sein.", "title")
    kind, offence_key, series = _indicator(data.indicator)
    if data.baseline_year is None:
        raise DomainError("Bitte geben Sie das Ausgangsjahr an.", "baseline_year")
    if not FIRST_YEAR <= data.baseline_year <= today().year:
        raise DomainError(f"Das Ausgangsjahr liegt zwischen {FIRST_YEAR} und {today().year}.", "baseline_year")
    if data.target_year is None:
        raise DomainError("Bitte geben Sie das Zieljahr an.", "target_year")
    if data.target_year <= data.baseline_year:
        raise DomainError(f"Das Zieljahr muss nach dem Ausgangsjahr ({data.baseline_year}) liegen.", "target_year")
    if data.target_year > today().year + TARGET_HORIZON:
        raise DomainError(f"Das Zieljahr liegt höchstens {TARGET_HORIZON} Jahre in der Zukunft.", "target_year")
    baseline = data.baseline_value
    if baseline is None:
        found = analysis_value(Indicator(field.tenant_id, kind, offence_key, series.id if series else None),
                               data.baseline_year)
        if found is None:
            raise DomainError(f"Für „{indicator_label(kind, offence_key, series)}“ liegt für {data.baseline_year} "
                              "kein Wert aus der Analyse vor. Bitte tragen Sie den Ausgangswert ein oder wählen Sie "
                              "ein Ausgangsjahr, für das Zahlen erfasst sind.", "baseline_value")
        baseline = found.value
    _check_value(kind, baseline, "baseline_value", "Der Ausgangswert")
    if data.target_value is None:
        raise DomainError("Bitte geben Sie den Zielwert an.", "target_value")
    _check_value(kind, data.target_value, "target_value", "Der Zielwert")
    if data.target_value == baseline:
        raise DomainError("Der Zielwert ist gleich dem Ausgangswert: Bitte geben Sie an, wohin sich die Kennzahl "
                          "bewegen soll.", "target_value")
    if goal is not None:
        earliest = db.session.scalar(sa.select(sa.func.min(GoalMeasurement.year))
                                     .where(GoalMeasurement.goal_id == goal.id))
        if earliest is not None and earliest <= data.baseline_year:
            raise DomainError(f"Für {earliest} ist schon ein Messwert eingetragen; das Ausgangsjahr muss davor "
                              "liegen.", "baseline_year")
    else:
        goal = Goal(action_field=field)
        db.session.add(goal)
    goal.title, goal.indicator_kind, goal.offence_key, goal.series = title, kind, offence_key, series
    goal.baseline_year, goal.baseline_value = data.baseline_year, baseline
    goal.target_value, goal.target_year = data.target_value, data.target_year
    db.session.flush()
    return goal


def _unlink_measures(goal_ids: list[int]) -> int:
    """Measures serving removed goals stay, without the goal (through the ORM: the audit trail sees it)."""
    if not goal_ids:
        return 0
    measures = db.session.scalars(sa.select(Measure).where(Measure.goal_id.in_(goal_ids))).all()
    for measure in measures:
        measure.goal_id = None
    return len(measures)


def remove_goal(goal: Goal) -> None:
    """The goal with its entered values and its comments (item_deleted); its measures stay, unlinked."""
    _unlink_measures([goal.id])
    item_deleted.send(Goal, item=goal)
    db.session.delete(goal)
    db.session.flush()


# --- entered values -------------------------------------------------------------------------------


def record_measurement(goal: Goal, year: int | None, value: Decimal | None, source: str) -> bool:
    """Adds the value for `year`, or corrects the one entered before; True when it corrected one."""
    if year is None:
        raise DomainError("Bitte geben Sie das Jahr des Messwerts an.", "year")
    if year <= goal.baseline_year:
        raise DomainError(f"Messwerte gelten für Jahre nach dem Ausgangsjahr {goal.baseline_year}.", "year")
    if year > today().year:
        raise DomainError("Ein Messwert kann nicht für ein künftiges Jahr eingetragen werden.", "year")
    if value is None:
        raise DomainError("Bitte geben Sie den gemessenen Wert an.", "value")
    _check_value(IndicatorKind(goal.indicator_kind), value, "value", "Der Messwert")
    source = (source or "").strip()
    if len(source) > 200:
        raise DomainError("Die Quelle darf höchstens 200 Zeichen lang sein.", "source")
    row = db.session.scalar(sa.select(GoalMeasurement).where(GoalMeasurement.goal_id == goal.id,
                                                             GoalMeasurement.year == year))
    corrected = row is not None
    if row is None:
        row = GoalMeasurement(goal=goal, year=year)
        db.session.add(row)
    row.value, row.source = value, source
    db.session.flush()
    return corrected
