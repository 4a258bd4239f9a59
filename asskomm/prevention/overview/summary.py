"""What the start page of the cycle says about a KPR's rounds: the current round's figures, each
stage in words (the diagram's text equivalent), the next step, and the earlier rounds. A fixed
number of queries, however many rounds, goals and measures there are."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa

from tenants import db

from ...timeutil import format_date
from ..models import ActionField, Goal, Measure, MeasureStatus, PreventionCycle, PreventionOffer, Problem
from ..stage import CYCLE, Stage
from ..strategy.progress import STATUS_LABELS, goal_progress
from .diagram import STATE_TEXT, states


@dataclass
class RoundFigures:
    """One round's counts; the analysis part and the strategy part only where the person may read them."""

    cycle: PreventionCycle
    analysis: bool
    strategy: bool
    problems: int = 0
    offers: int = 0
    action_fields: int = 0
    goals: int = 0
    goal_status: dict[str, int] = field(default_factory=dict)  # in the order of STATUS_LABELS
    measures: int = 0
    measure_status: dict[MeasureStatus, int] = field(default_factory=dict)
    evaluated: int = 0

    @property
    def goal_status_text(self) -> str:
        return ", ".join(f"{STATUS_LABELS[s]}: {n}" for s, n in self.goal_status.items())

    @property
    def measure_status_text(self) -> str:
        return ", ".join(f"{s.label}: {n}" for s, n in self.measure_status.items())


def _counts(cycle_ids: list[int]) -> tuple[dict[str, Counter], dict[int, Counter]]:
    """Per round: problems, offers, action fields, goals, measures and those evaluated; and the
    measures per status (two queries)."""
    counts = {name: Counter() for name in ("problems", "offers", "action_fields", "goals", "measures", "evaluated")}
    statuses: dict[int, Counter] = {}
    if not cycle_ids:
        return counts, statuses
    rows = db.session.execute(sa.union_all(
        *(sa.select(sa.literal_column(f"'{name}'"), model.cycle_id, sa.func.count())
          .where(model.cycle_id.in_(cycle_ids)).group_by(model.cycle_id)
          for name, model in (("problems", Problem), ("offers", PreventionOffer), ("action_fields", ActionField))),
        sa.select(sa.literal_column("'goals'"), ActionField.cycle_id, sa.func.count()).join(Goal)
        .where(ActionField.cycle_id.in_(cycle_ids)).group_by(ActionField.cycle_id),
    ))
    for name, cycle_id, n in rows:
        counts[name][cycle_id] = n
    for cycle_id, status, n, evaluated in db.session.execute(
            sa.select(Measure.cycle_id, Measure.status, sa.func.count(), sa.func.count(Measure.evaluated_on))
            .where(Measure.cycle_id.in_(cycle_ids)).group_by(Measure.cycle_id, Measure.status)):
        counts["measures"][cycle_id] += n
        counts["evaluated"][cycle_id] += evaluated
        statuses.setdefault(cycle_id, Counter())[status] = n
    return counts, statuses


def round_figures(cycles: list[PreventionCycle], readable: dict[int, tuple[bool, bool]]) -> dict[int, RoundFigures]:
    """Figures of every round named; `readable` says per round id whether its analysis and its
    strategy may be shown. The goals' status (goal_progress) only for the newest round."""
    counts, statuses = _counts([c.id for c in cycles])
    result = {}
    for cycle in cycles:
        analysis, strategy = readable[cycle.id]
        figures = RoundFigures(cycle, analysis, strategy)
        if analysis:
            figures.problems, figures.offers = counts["problems"][cycle.id], counts["offers"][cycle.id]
        if strategy:
            figures.action_fields, figures.goals = counts["action_fields"][cycle.id], counts["goals"][cycle.id]
            figures.measures, figures.evaluated = counts["measures"][cycle.id], counts["evaluated"][cycle.id]
            found = statuses.get(cycle.id, Counter())
            figures.measure_status = {status: found.get(status, 0) for status in MeasureStatus}
        result[cycle.id] = figures
    current = cycles[0] if cycles else None
    if current is not None and result[current.id].strategy:
        goals = db.session.scalars(sa.select(Goal).join(ActionField).where(ActionField.cycle_id == current.id)).all()
        status = Counter(progress.status for progress in goal_progress(goals).values())
        result[current.id].goal_status = {key: status.get(key, 0) for key in STATUS_LABELS}
    return result


@dataclass(frozen=True)
class StageLine:
    """One stage in words: its state and, where the person may read them, what the records say."""

    stage: Stage
    state: str
    facts: list[str]

    @property
    def state_text(self) -> str:
        return STATE_TEXT[self.state]


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _facts(stage: Stage, f: RoundFigures) -> list[str]:
    cycle = f.cycle
    if not f.analysis and stage in (Stage.analysis, Stage.resources):
        return []
    if stage == Stage.analysis:
        facts = [f"begonnen am {format_date(cycle.analysis_started_on)}"]
        if cycle.analysis_finished_on:
            facts.append(f"abgeschlossen am {format_date(cycle.analysis_finished_on)}")
        return [*facts, _plural(f.problems, "Problem erfasst", "Probleme erfasst")]
    if stage == Stage.resources:
        return [_plural(f.offers, "Angebot in der Bestandsaufnahme", "Angebote in der Bestandsaufnahme")]
    if not f.strategy:
        return []
    if stage == Stage.strategy:
        adopted = f"beschlossen am {format_date(cycle.strategy_adopted_on)}" if cycle.strategy_adopted_on \
            else "noch nicht beschlossen"
        return [adopted, _plural(f.action_fields, "Handlungsfeld", "Handlungsfelder"),
                _plural(f.goals, "messbares Ziel", "messbare Ziele")]
    if stage == Stage.measures:
        running = f.measure_status.get(MeasureStatus.running, 0)
        return [_plural(f.measures, "Maßnahme", "Maßnahmen") + f", davon {running} laufend"]
    measured = f.goals - f.goal_status.get("unmeasured", 0) if f.goal_status else 0
    return [_plural(f.evaluated, "Maßnahme evaluiert", "Maßnahmen evaluiert"),
            _plural(measured, "Ziel mit Messwert", "Ziele mit Messwert")]


def stage_lines(stage: Stage, figures: RoundFigures | None) -> list[StageLine]:
    marks = states(stage)
    return [StageLine(s, marks[s], _facts(s, figures) if figures else []) for s in CYCLE]


@dataclass(frozen=True)
class NextStep:
    text: str
    endpoint: str
    args: dict
    editing: bool  # the link is for those who edit the round; otherwise for those who read its part
    part: str = "analysis"  # analysis | strategy: the part of the round the page shows


def next_step(stage: Stage, figures: RoundFigures | None) -> NextStep:
    """What to do next for the current stage, in words, with the page where it is done."""
    if stage == Stage.not_started or figures is None:
        return NextStep("Sicherheitsanalyse beginnen", "prevention.cycle_new", {}, True)
    here = {"cycle_id": figures.cycle.id}
    if stage == Stage.analysis:
        if figures.analysis and figures.problems == 0:
            return NextStep("Probleme der Sicherheitsanalyse erfassen", "prevention.problems", here, False)
        return NextStep("Ergebnisse der Sicherheitsanalyse eintragen und die Analyse abschließen",
                        "prevention.analysis_results", here, True)
    if stage == Stage.resources:
        return NextStep("Angebote erfassen und den Problemen zuordnen", "prevention.offers", here, False)
    if stage == Stage.strategy:
        if figures.strategy and figures.action_fields == 0:
            return NextStep("Handlungsfelder festlegen", "prevention.action_field_new", here, True, "strategy")
        if figures.strategy and figures.goals == 0:
            return NextStep("Messbare Ziele festlegen", "prevention.strategy", here, False, "strategy")
        return NextStep("Präventionsstrategie beschließen", "prevention.strategy_adopt", here, True, "strategy")
    if stage == Stage.measures:
        if figures.strategy and figures.measures == 0:
            return NextStep("Maßnahmen planen", "prevention.measure_new", {}, True, "strategy")
        return NextStep("Maßnahmen umsetzen, evaluieren und die Wirkung auf die Ziele messen", "prevention.measures",
                        {}, False, "strategy")
    return NextStep("Evaluation abschließen und die nächste Runde beginnen", "prevention.cycle_close", here, True)
