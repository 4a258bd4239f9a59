"""Demo data of the prevention cycle (issue 11): the Land's and the KPRs' invented crime figures and
populations (demo_figures), indicator series and rounds (demo_rounds), Zwickau's measures
(demo_measures). Models are built directly (no mails); running it again changes nothing: figures
are added where their year is missing, a round only when the KPR has none with its number."""

from __future__ import annotations

import io
from datetime import UTC, datetime, time
from decimal import Decimal

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from ..accounts.models import User
from ..documents import services as documents
from ..documents.demo import pdf_bytes
from ..documents.models import Document, DocumentCategory, Visibility
from ..funding.models import FundingApplication
from ..meetings.models import Decision, Meeting, MeetingStatus
from ..structure.models import Body, BodyKind, Person
from ..timeutil import BERLIN
from . import demo_figures as figures
from .demo_measures import DemoMeasure
from .demo_rounds import ROUNDS, SERIES, DemoGoal, DemoRound, DemoSeries, DemoStrategy
from .models import (
    ActionField,
    Goal,
    GoalMeasurement,
    IndicatorKind,
    Measure,
    PreventionCycle,
    PreventionOffer,
    Problem,
    WorksheetStep,
)
from .statistics.models import CrimeFigure, IndicatorSeries, IndicatorValue, LandCrimeFigure, LandPopulation, Population
from .statistics.values import frequency
from .survey import demo as survey_demo

ROUND_NUMBER = 1


def _land() -> None:
    for year in figures.LAND_YEARS:
        if db.session.get(LandPopulation, (figures.FEDERAL_STATE, year)) is None:
            db.session.add(LandPopulation(federal_state=figures.FEDERAL_STATE, year=year,
                                          inhabitants=figures.LAND_POPULATION[year]))
        for key in figures.KEYS:
            if db.session.get(LandCrimeFigure, (figures.FEDERAL_STATE, year, key)) is None:
                db.session.add(LandCrimeFigure(federal_state=figures.FEDERAL_STATE, year=year, offence_key=key,
                                               cases=figures.land_cases(key, year), demo=True))
    db.session.flush()


def _kpr_figures(slug: str) -> None:
    """Inside the KPR's tenant context."""
    have = set(db.session.scalars(sa.select(Population.year)))
    for year, inhabitants in figures.POPULATIONS[slug].items():
        if year not in have:
            db.session.add(Population(year=year, inhabitants=inhabitants, source=figures.POPULATION_SOURCE))
    keys, years = figures.ENTERED[slug]
    entered = {(year, key) for year, key in db.session.execute(sa.select(CrimeFigure.year, CrimeFigure.offence_key))}
    for year in years:
        for key in keys:
            if (year, key) not in entered:
                cases = figures.kpr_cases(slug, key, year)
                db.session.add(CrimeFigure(year=year, offence_key=key, cases=cases, demo=True,
                                           **figures.details(key, cases)))
    db.session.flush()


def _series(specs: list[DemoSeries]) -> dict[str, IndicatorSeries]:
    made = {}
    for spec in specs:
        series = db.session.scalars(sa.select(IndicatorSeries).filter_by(name=spec.name)).first()
        if series is None:
            series = IndicatorSeries(name=spec.name, unit=spec.unit, source=spec.source, demo=True,
                                     values=[IndicatorValue(year=y, value=Decimal(v)) for y, v in spec.values.items()])
            db.session.add(series)
        made[spec.name] = series
    db.session.flush()
    return made


def _report(spec: DemoRound) -> Document | None:
    if spec.report is None:
        return None
    title, lines = spec.report
    document = db.session.scalars(sa.select(Document).filter_by(title=title)).first()
    if document is None:
        coordinator = db.session.scalar(sa.select(User.id).filter_by(email=f"koordination.{spec.slug}@demo.asskomm.de"))
        name = f"{title}.pdf"
        upload = documents.check(name, io.BytesIO(pdf_bytes(title, lines)))
        uploaded = datetime.combine(spec.finished, time(10, 0), BERLIN).astimezone(UTC)
        document = documents.create_document(
            {"title": title, "category": DocumentCategory.report, "visibility": Visibility.internal,
             "description": "Der Abschlussbericht der Sicherheitsanalyse."}, upload, "", coordinator, uploaded)
    return document


def _cycle(spec: DemoRound, series: dict[str, IndicatorSeries]) -> PreventionCycle:
    year, sample, responses, unsafe = spec.survey or (None, None, None, None)
    cycle = PreventionCycle(
        number=ROUND_NUMBER, analysis_started_on=spec.started, analysis_finished_on=spec.finished,
        conducted_by=spec.conducted_by, contractor=spec.contractor, first_year=spec.years[0],
        last_year=spec.years[1], survey_problems=spec.survey_problems, findings=spec.findings,
        recommendations=spec.recommendations, report_document=_report(spec),
        public_summary=spec.public_summary, summary_published=spec.published, analysis_shared=spec.shared,
        survey_year=year, survey_sample=sample, survey_responses=responses,
        survey_unsafe_share=Decimal(unsafe) if unsafe else None)
    problems = {p.key: Problem(title=p.title, description=p.description, priority=n, offence_key=p.offence_key,
                               series=series.get(p.series), from_survey=p.from_survey)
                for n, p in enumerate(spec.problems, start=1)}
    cycle.problems = list(problems.values())
    cycle.offers = [PreventionOffer(title=o.title, provider=o.provider, topic=o.topic, target_group=o.target_group,
                                    setting=o.setting, area=o.area, reach=o.reach, funding=o.funding,
                                    contact=o.contact, problems=[problems[k] for k in o.problems])
                    for o in spec.offers]
    db.session.add(cycle)
    db.session.flush()
    if spec.strategy is not None:
        _strategy(cycle, spec, spec.strategy, problems, series)
    return cycle


def _value_of(goal: DemoGoal, year: int, slug: str, cycle: PreventionCycle,
              series: dict[str, IndicatorSeries]) -> Decimal:
    """The indicator's value in a year, as the statistics would show it."""
    if goal.kind == IndicatorKind.crime_rate:
        return frequency(figures.kpr_cases(slug, goal.offence_key, year), figures.POPULATIONS[slug][year])
    if goal.kind == IndicatorKind.crime_cases:
        return Decimal(figures.kpr_cases(slug, goal.offence_key, year))
    if goal.kind == IndicatorKind.survey_unsafe:
        return cycle.survey_unsafe_share if year == cycle.survey_year else Decimal(goal.survey_values[year])
    return next(v.value for v in series[goal.series].values if v.year == year)


def _goal(spec: DemoGoal, slug: str, cycle: PreventionCycle, series: dict[str, IndicatorSeries]) -> Goal:
    baseline = _value_of(spec, spec.baseline_year, slug, cycle, series)
    if spec.target.endswith("%"):
        target = (baseline * (100 + Decimal(spec.target[:-1])) / 100).quantize(Decimal("0.1"))
    else:
        target = Decimal(spec.target)
    goal = Goal(title=spec.title, indicator_kind=spec.kind, offence_key=spec.offence_key,
                series=series.get(spec.series), baseline_year=spec.baseline_year, baseline_value=baseline,
                target_value=target, target_year=spec.target_year)
    sources = {IndicatorKind.crime_rate: "PKS {year}, Demo-Zahl (erfunden)",
               IndicatorKind.survey_unsafe: "Bürgerbefragung {year}, Demo-Zahl (erfunden)"}
    for year in (*spec.measured, *spec.survey_values):
        goal.measurements.append(GoalMeasurement(year=year, value=_value_of(spec, year, slug, cycle, series),
                                                 source=sources[spec.kind].format(year=year)))
    return goal


def _adoption(strategy: DemoStrategy) -> tuple[Body | None, Meeting | None, Decision | None]:
    """The steering group, its held meeting that adopted the strategy and the decision in its minutes
    (added to the meetings demo's minutes once)."""
    body = db.session.scalars(sa.select(Body).filter_by(kind=BodyKind.steering_group).order_by(Body.id)).first()
    if body is None:
        return None, None, None
    meeting = db.session.scalars(sa.select(Meeting).filter_by(body_id=body.id, title=strategy.meeting,
                                                              status=MeetingStatus.held)).first()
    if meeting is None or meeting.minutes is None:
        return body, None, None
    decision = next((d for d in meeting.minutes.decisions if d.text == strategy.decision), None)
    if decision is None:
        decision = Decision(text=strategy.decision, position=len(meeting.minutes.decisions))
        meeting.minutes.decisions.append(decision)
    return body, meeting, decision


def _strategy(cycle: PreventionCycle, spec: DemoRound, strategy: DemoStrategy, problems: dict[str, Problem],
              series: dict[str, IndicatorSeries]) -> None:
    body, meeting, decision = _adoption(strategy)
    cycle.strategy_summary = strategy.summary
    cycle.strategy_body, cycle.strategy_meeting, cycle.strategy_decision = body, meeting, decision
    cycle.strategy_adopted_on = (meeting.starts_at.astimezone(BERLIN).date() if meeting is not None
                                 else spec.finished)
    cycle.strategy_shared = strategy.shared
    groups = {b.name: b for b in db.session.scalars(sa.select(Body).filter_by(kind=BodyKind.working_group))}
    goals: dict[str, Goal] = {}
    for position, field in enumerate(strategy.fields):
        action_field = ActionField(title=field.title, description=field.description, position=position,
                                   working_group=groups.get(field.working_group),
                                   problems=[problems[k] for k in field.problems])
        for goal_spec in field.goals:
            goals[goal_spec.key] = _goal(goal_spec, spec.slug, cycle, series)
            action_field.goals.append(goals[goal_spec.key])
        cycle.action_fields.append(action_field)
    db.session.flush()
    fields = {f.title: f for f in cycle.action_fields}
    for measure in strategy.measures:
        db.session.add(_measure(measure, cycle, fields[measure.field], goals[measure.goal]))
    db.session.flush()


def _measure(spec: DemoMeasure, cycle: PreventionCycle, field: ActionField, goal: Goal) -> Measure:
    responsible = db.session.scalars(sa.select(Person).filter_by(organisation=spec.responsible)
                                     .order_by(Person.id)).first()
    funding = list(db.session.scalars(sa.select(FundingApplication)
                                      .where(FundingApplication.purpose.in_(spec.funding))
                                      .order_by(FundingApplication.year))) if spec.funding else []
    measure = Measure(
        cycle=cycle, action_field=field, goal=goal, title=spec.title, description=spec.description,
        working_group=field.working_group, responsible=responsible, partners=spec.partners,
        starts_on=spec.starts_on, ends_on=spec.ends_on, status=spec.status,
        budget=Decimal(spec.budget) if spec.budget else None, programme_key=spec.programme_key,
        target_group=spec.target_group, setting=spec.setting, funding=funding,
        steps=[WorksheetStep(step=n, answers=answers, completed=completed)
               for n, (answers, completed) in enumerate(spec.steps, start=1)])
    if spec.evaluation is not None:
        measure.evaluation_done, measure.evaluation_reached, measure.evaluation_learned, measure.evaluated_on = \
            spec.evaluation
    return measure


def load(tenants: dict[str, Tenant]) -> None:
    _land()
    for slug in figures.ENTERED:
        if slug in tenants:
            with tenant_context(tenants[slug].id):
                _kpr_figures(slug)
    for spec in ROUNDS:
        tenant = tenants.get(spec.slug)
        if tenant is None:
            continue
        with tenant_context(tenant.id):
            series = _series(SERIES.get(spec.slug, []))
            if db.session.scalar(sa.select(PreventionCycle.id).filter_by(number=ROUND_NUMBER)) is None:
                _cycle(spec, series)
    survey_demo.load(tenants)  # after the rounds: a survey belongs to one
