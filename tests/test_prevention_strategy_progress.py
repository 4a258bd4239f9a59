"""A goal's progress: the decision rule on its own (goals aiming down and up; reached, on and off
track, unmeasured), and goal_progress reading the values from the analysis' figures, a series, the
surveys and the entered values (which win for their year), with a fixed number of queries for any
number of goals, in a request's KPR and across KPRs."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from asskomm.prevention.models import ActionField, Goal, GoalMeasurement, IndicatorKind, PreventionCycle
from asskomm.prevention.statistics.models import CrimeFigure
from asskomm.prevention.strategy.progress import assess, goal_progress
from tenants import cross_tenant, tenant_context

from .helpers import tenant
from .prevention_strategy_data import VIOLENCE, add_field, build_strategy

D = Decimal


# --- the decision on its own ----------------------------------------------------------------------


def test_unmeasured_without_a_value():
    assert assess(2020, D(100), 2030, D(50), None).status == "unmeasured"
    assert assess(2020, D(100), 2030, D(50), None).status_label == "noch kein Messwert"


@pytest.mark.parametrize(("latest", "status"), [
    ((2025, D(50)), "reached"),  # at the target
    ((2022, D(40)), "reached"),  # beyond it
    ((2025, D(75)), "on_track"),  # half the way in half the time
    ((2022, D(90)), "on_track"),  # 20 % of the way after 20 % of the time
    ((2025, D(80)), "off_track"),  # 40 % of the way after half the time
    ((2024, D(110)), "off_track"),  # the wrong way
    ((2031, D(60)), "off_track"),  # target year passed, not reached
])
def test_a_goal_aiming_down(latest, status):
    assert assess(2020, D(100), 2030, D(50), latest).status == status


@pytest.mark.parametrize(("latest", "status"), [
    ((2024, D(60)), "reached"),
    ((2023, D(51)), "on_track"),  # 55 % of the way after 50 % of the time
    ((2023, D(48)), "off_track"),  # 40 % of the way after 50 % of the time
    ((2022, D(35)), "off_track"),  # fell instead of rising
])
def test_a_goal_aiming_up(latest, status):
    assert assess(2020, D(40), 2026, D(60), latest).status == status


def test_shares_of_way_and_time():
    result = assess(2020, D(100), 2030, D(50), (2025, D(80)))
    assert result.covered == D("0.4") and result.time_passed == D("0.5") and result.status_label == "nicht auf Kurs"


# --- reading the values ----------------------------------------------------------------------------


def _progress(ctx, ids: list[int], slug: str = "landkreis-rostock"):
    with ctx() as session, tenant_context(tenant(slug).id):
        return goal_progress(session.scalars(sa.select(Goal).where(Goal.id.in_(ids))).all())


def test_crime_rate_goal_reads_the_figures_after_the_baseline_year(fresh, ctx):
    made = build_strategy(fresh)
    _, [goal_id], _ = add_field(fresh, made.cycle, goals=1)  # 250,0 (2023) → 200 by 2028
    progress = _progress(ctx, [goal_id])[goal_id]
    # 2024: 450 cases for 200,000 inhabitants = 225,0; the baseline year itself is no measured value
    assert [(v.year, v.value) for v in progress.values] == [(2024, D("225.0"))]
    assert "Häufigkeitszahl" in progress.latest.source and not progress.latest.entered
    assert progress.status == "on_track"  # half the way after a fifth of the time


def test_entered_value_wins_for_its_year_and_says_so(fresh, ctx):
    made = build_strategy(fresh)
    _, [goal_id], _ = add_field(fresh, made.cycle, goals=1)
    with ctx() as session, tenant_context(tenant("landkreis-rostock").id):
        session.add_all([GoalMeasurement(goal_id=goal_id, year=2024, value=D("248.0"), source="Polizeirevier"),
                         GoalMeasurement(goal_id=goal_id, year=2025, value=D("199.0"))])
        session.commit()
    progress = _progress(ctx, [goal_id])[goal_id]
    assert [(v.year, v.value, v.entered) for v in progress.values] == [(2024, D("248.0"), True),
                                                                        (2025, D("199.0"), True)]
    assert progress.values[0].source == "eingetragen: Polizeirevier"
    assert progress.latest.year == 2025 and progress.status == "reached"


def test_cases_series_and_survey_goals(fresh, ctx):
    made = build_strategy(fresh)
    with ctx() as session, tenant_context(tenant("landkreis-rostock").id):
        field = ActionField(cycle_id=made.cycle, title="Mehrere Kennzahlen")
        cases = Goal(action_field=field, title="Fälle", indicator_kind=IndicatorKind.crime_cases, offence_key=VIOLENCE,
                     baseline_year=2023, baseline_value=D(500), target_value=D(600), target_year=2025)
        series = Goal(action_field=field, title="Meldungen", indicator_kind=IndicatorKind.series,
                      series_id=made.series, baseline_year=2023, baseline_value=D(120), target_value=D(100),
                      target_year=2026)
        # a later round's survey: 2025, 30 % (the first round's 2023 survey is the baseline)
        later = PreventionCycle(number=session.get(PreventionCycle, made.cycle).number + 1,
                                analysis_started_on=session.get(PreventionCycle, made.cycle).analysis_started_on,
                                first_year=2020, last_year=2024, survey_year=2025, survey_unsafe_share=D("30.0"))
        survey = Goal(action_field=field, title="Sicherer fühlen", indicator_kind=IndicatorKind.survey_unsafe,
                      baseline_year=2023, baseline_value=D(38), target_value=D(25), target_year=2027)
        session.add_all([field, cases, series, survey, later])
        session.commit()
        ids = cases.id, series.id, survey.id
    progress = _progress(ctx, list(ids))
    assert [(v.year, v.value) for v in progress[ids[0]].values] == [(2024, D(450))]
    assert progress[ids[0]].status == "off_track"  # aimed up, went down
    assert [(v.year, v.value) for v in progress[ids[1]].values] == [(2024, D(100))]
    assert progress[ids[1]].status == "reached" and "Graffiti-Meldungen" in progress[ids[1]].latest.source
    assert [(v.year, v.value) for v in progress[ids[2]].values] == [(2025, D("30.0"))]
    assert progress[ids[2]].latest.source.startswith("Bürgerbefragung 2025")
    assert progress[ids[2]].status == "on_track"  # 8 of 13 points after half the time


def test_goal_without_values_is_unmeasured(fresh, ctx):
    made = build_strategy(fresh)
    with ctx() as session, tenant_context(tenant("landkreis-rostock").id):
        field = ActionField(cycle_id=made.cycle, title="Ohne Zahlen")
        goal = Goal(action_field=field, title="Einbrüche", indicator_kind=IndicatorKind.crime_cases,
                    offence_key="435*00", baseline_year=2023, baseline_value=D(40), target_value=D(30),
                    target_year=2027)
        session.add(goal)
        session.commit()
        goal_id = goal.id
    progress = _progress(ctx, [goal_id])[goal_id]
    assert progress.values == [] and progress.latest is None and progress.status == "unmeasured"


def test_fixed_queries_for_any_number_of_goals_and_across_kprs(fresh, ctx, count_queries):
    rostock = build_strategy(fresh)
    bautzen = build_strategy(fresh, "bautzen")
    _, few, _ = add_field(fresh, rostock.cycle, goals=1)
    _, many, _ = add_field(fresh, rostock.cycle, title="Viele", goals=25)
    _, other, _ = add_field(fresh, bautzen.cycle, title="Bautzen", slug="bautzen", goals=25)
    with ctx() as session, tenant_context(tenant("landkreis-rostock").id):
        goals = session.scalars(sa.select(Goal).where(Goal.id.in_(few))).all()
        with count_queries() as one:
            goal_progress(goals)
        goals = session.scalars(sa.select(Goal).where(Goal.id.in_(many))).all()
        with count_queries() as fifty:
            goal_progress(goals)
    assert one.value == fifty.value <= 6
    with ctx() as session, cross_tenant("test: a report over KPRs"):
        goals = session.scalars(sa.select(Goal).where(Goal.id.in_(many + other))).all()
        with count_queries() as across:
            result = goal_progress(goals)
    assert across.value == one.value
    assert all(result[goal_id].latest.value == D("225.0") for goal_id in other)


def test_each_kpr_reads_its_own_figures_across_kprs(fresh, ctx):
    rostock = build_strategy(fresh)
    bautzen = build_strategy(fresh, "bautzen")
    _, [mine], _ = add_field(fresh, rostock.cycle, goals=1)
    _, [theirs], _ = add_field(fresh, bautzen.cycle, slug="bautzen", goals=1)
    with ctx() as session, tenant_context(tenant("bautzen").id):
        session.execute(sa.update(CrimeFigure).where(CrimeFigure.year == 2024, CrimeFigure.offence_key == VIOLENCE)
                        .values(cases=300))
        session.commit()
    with ctx() as session, cross_tenant("test"):
        result = goal_progress(session.scalars(sa.select(Goal).where(Goal.id.in_([mine, theirs]))).all())
    assert result[mine].latest.value == D("225.0") and result[theirs].latest.value == D("150.0")
