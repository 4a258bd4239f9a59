"""A round with the records a strategy is built from, for the tests of the strategy pages: made in
Landkreis Rostock (no prevention demo data; in the MV alliance; its coach is coach-mv, its state contact kontakt-mv).
Crime figures, populations and a series for the baseline years; two bodies with held meetings
whose minutes have decisions, so that the adoption has something to be linked to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa

from asskomm.meetings.models import Decision, Meeting, MeetingStatus, Minutes
from asskomm.prevention.models import ActionField, Goal, IndicatorKind, Measure, PreventionCycle, Problem
from asskomm.prevention.statistics.models import CrimeFigure, IndicatorSeries, IndicatorValue, Population
from asskomm.structure.models import Body, BodyKind
from asskomm.timeutil import now
from tenants import db, tenant_context

from .helpers import tenant

SLUG = "landkreis-rostock"
BASE = f"/k/{SLUG}/praevention"
VIOLENCE = "892000"


@dataclass
class Strategy:
    cycle: int
    problems: list[int]
    group: int  # a working group
    steering: int  # the steering group, whose meeting adopted the strategy
    steering_meeting: int
    steering_decision: int
    group_meeting: int
    group_decision: int
    series: int


def _held_meeting(body: Body, title: str, days_ago: int, decision: str) -> tuple[Meeting, Decision]:
    start = now() - timedelta(days=days_ago)
    meeting = Meeting(body=body, title=title, starts_at=start, ends_at=start + timedelta(hours=2), place="Kreishaus",
                      status=MeetingStatus.held)
    made = Decision(text=decision, position=0)
    meeting.minutes = Minutes(text="Niederschrift", recorded_at=start, decisions=[made])
    db.session.add(meeting)
    return meeting, made


def build_strategy(app, slug: str = SLUG) -> Strategy:
    """A round of `slug` (after its newest) with analysis figures for 2023 and 2024."""
    with app.app_context(), tenant_context(tenant(slug).id):
        newest = db.session.scalar(sa.select(sa.func.max(PreventionCycle.number))) or 0
        cycle = PreventionCycle(number=newest + 1, analysis_started_on=date(2024, 1, 10),
                                analysis_finished_on=date(2024, 6, 1), first_year=2019, last_year=2023,
                                survey_year=2023, survey_unsafe_share=Decimal("38.0"))
        problems = [Problem(cycle=cycle, title="Gewalt im Bahnhofsumfeld", priority=1, offence_key=VIOLENCE),
                    Problem(cycle=cycle, title="Unsicherheitsgefühl nachts", priority=2, from_survey=True)]
        group = Body(kind=BodyKind.working_group, name="AG Gewaltprävention Strategietest")
        steering = Body(kind=BodyKind.steering_group, name="Lenkungsgremium Strategietest")
        steering_meeting, steering_decision = _held_meeting(
            steering, "Lenkungsgremium, 2. Sitzung", 20, "Der Lenkungskreis beschließt die Präventionsstrategie.")
        group_meeting, group_decision = _held_meeting(group, "AG-Sitzung März", 40, "Die AG empfiehlt die Strategie.")
        for year in (2023, 2024):
            db.session.execute(sa.delete(Population).where(Population.year == year))
            db.session.execute(sa.delete(CrimeFigure).where(CrimeFigure.year == year,
                                                            CrimeFigure.offence_key == VIOLENCE))
            db.session.add(Population(year=year, inhabitants=200_000))
        db.session.add_all([CrimeFigure(year=2023, offence_key=VIOLENCE, cases=500),
                            CrimeFigure(year=2024, offence_key=VIOLENCE, cases=450)])
        series = IndicatorSeries(name="Graffiti-Meldungen Strategietest", unit="Meldungen", source="Ordnungsamt",
                                 values=[IndicatorValue(year=2023, value=Decimal(120)),
                                         IndicatorValue(year=2024, value=Decimal(100))])
        db.session.add_all([cycle, *problems, group, steering, series])
        db.session.flush()
        made = Strategy(cycle.id, [p.id for p in problems], group.id, steering.id, steering_meeting.id,
                        steering_decision.id, group_meeting.id, group_decision.id, series.id)
        db.session.commit()  # under `fresh` a savepoint of the test's transaction, rolled back after it
        return made


def add_field(app, cycle_id: int, title: str = "Gewalt", slug: str = SLUG, goals: int = 0, measures: int = 0,
              kind: IndicatorKind = IndicatorKind.crime_rate) -> tuple[int, list[int], list[int]]:
    """An action field with goals on the violence rate (2023: 250,0 → 200) and measures serving the first."""
    with app.app_context(), tenant_context(tenant(slug).id):
        cycle = db.session.get(PreventionCycle, cycle_id)
        field = ActionField(cycle=cycle, title=title)
        made = [Goal(action_field=field, title=f"{title}: Ziel {n + 1}", indicator_kind=kind,
                     offence_key=VIOLENCE if kind in (IndicatorKind.crime_rate, IndicatorKind.crime_cases) else "",
                     baseline_year=2023, baseline_value=Decimal("250.0"), target_value=Decimal("200.0"),
                     target_year=2028) for n in range(goals)]
        db.session.add(field)
        db.session.add_all(made)
        db.session.flush()
        done = [Measure(cycle=cycle, action_field=field, goal=made[0] if made else None, title=f"{title}: Maßnahme {n}")
                for n in range(measures)]
        db.session.add_all(done)
        db.session.flush()
        result = field.id, [g.id for g in made], [m.id for m in done]
        db.session.commit()
        return result
