"""The demo of the prevention cycle (issue 11, item 8): Zittau with a finished Sicherheitsanalyse,
Zwickau with a strategy of its five working groups and measures at several Beccaria steps, Meißen
at the analysis with its coach; invented figures labelled; loading again changes nothing."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.demo.loader import load_demo
from asskomm.documents.models import Document
from asskomm.meetings.models import Decision, Meeting, MeetingStatus
from asskomm.prevention import models as cycle_models
from asskomm.prevention.models import ConductedBy, IndicatorKind, Measure, MeasureStatus, PreventionCycle
from asskomm.prevention.reference import TOTAL
from asskomm.prevention.stage import Stage, stages
from asskomm.prevention.statistics import models as figure_models
from asskomm.prevention.statistics.models import CrimeFigure, IndicatorSeries, LandCrimeFigure, Population
from asskomm.prevention.statistics.values import crime_values
from asskomm.structure.models import BodyKind
from tenants import cross_tenant, db, tenant_context

from .helpers import tenant

TABLES = [model for module in (cycle_models, figure_models) for model in vars(module).values()
          if isinstance(model, type) and issubclass(model, db.Model) and model.__module__ == module.__name__]
LINKS = [cycle_models.offer_problem, cycle_models.action_field_problem, cycle_models.measure_funding]
ZWICKAU_GROUPS = ["AG Gewalt", "AG Graffiti", "AG Extremismus", "AG Sucht", "AG Sichere Stadt"]


def _round() -> PreventionCycle:
    return db.session.scalars(sa.select(PreventionCycle).order_by(PreventionCycle.number.desc())).first()


def test_demo_kprs_stand_where_their_records_put_them(ctx):
    with ctx():
        ids = {slug: tenant(slug).id for slug in ("zittau", "zwickau", "meissen")}
        assert stages(ids.values()) == {ids["zittau"]: Stage.resources, ids["zwickau"]: Stage.evaluation,
                                        ids["meissen"]: Stage.analysis}
        with tenant_context(ids["zittau"]):
            zittau = _round()
            assert zittau.analysis_finished_on and zittau.offers == [] and zittau.summary_published
            assert zittau.survey_unsafe_share and zittau.response_rate and zittau.findings and zittau.recommendations
            assert [p.priority for p in zittau.problems] == list(range(1, len(zittau.problems) + 1))
            assert isinstance(zittau.report_document, Document)  # the final report is one of the KPR's papers
            keys = {(f.offence_key, f.year) for f in db.session.scalars(sa.select(CrimeFigure))}
            years = range(zittau.first_year, zittau.last_year + 1)
            assert len(years) == 5
            assert {(k, y) for k in (TOTAL, "892000", "899000", "674000", "435*00", "730000") for y in years} <= keys
            assert {p.year for p in db.session.scalars(sa.select(Population))} >= set(years)
        with tenant_context(ids["meissen"]):
            meissen = _round()
            assert meissen.conducted_by == ConductedBy.coach and meissen.analysis_finished_on is None
            assert db.session.scalar(sa.select(sa.func.count()).select_from(CrimeFigure)) > 0


def test_zwickau_strategy_is_its_working_groups_adopted_in_a_held_meeting(ctx):
    with ctx(), tenant_context(tenant("zwickau").id):
        zwickau = _round()
        fields = zwickau.action_fields
        assert [f.working_group.name for f in fields] == ZWICKAU_GROUPS
        assert all(f.working_group.kind == BodyKind.working_group and f.goals and f.problems for f in fields)
        assert zwickau.strategy_body.kind == BodyKind.steering_group
        meeting = zwickau.strategy_meeting
        assert isinstance(meeting, Meeting) and meeting.status == MeetingStatus.held
        assert meeting.body_id == zwickau.strategy_body.id
        assert isinstance(zwickau.strategy_decision, Decision)
        assert zwickau.strategy_decision in meeting.minutes.decisions
        # a crime-rate goal's baseline is the Häufigkeitszahl of its year, as the statistics compute it
        figures = crime_values(years=(zwickau.first_year, zwickau.last_year))
        rate_goals = [g for f in fields for g in f.goals if g.indicator_kind == IndicatorKind.crime_rate]
        assert rate_goals
        for goal in rate_goals:
            assert goal.baseline_value == figures[(zwickau.tenant_id, goal.offence_key, goal.baseline_year)].rate
        measures = list(db.session.scalars(sa.select(Measure).filter_by(cycle_id=zwickau.id)))
        titles = " ".join(m.title for m in measures)
        for seed in ("Graffiti", "Trouble in the City", "Präventionstag Cybercrime", "Seniorensicherheitstag"):
            assert seed in titles
        assert len({max((s.step for s in m.steps if s.completed), default=0) for m in measures}) >= 4
        assert {MeasureStatus.idea, MeasureStatus.running, MeasureStatus.finished} <= {m.status for m in measures}
        [evaluated] = [m for m in measures if m.evaluated_on]
        assert evaluated.evaluation_done and evaluated.evaluation_reached and evaluated.evaluation_learned
        assert evaluated.goal.measurements and all("Demo" in m.source for m in evaluated.goal.measurements)
        assert any(m.funding for m in measures)  # the graffiti project's grant of the funding demo


def test_invented_figures_are_labelled_as_demo(ctx):
    with ctx(), cross_tenant("test: demo figures"):
        for model in (CrimeFigure, LandCrimeFigure, IndicatorSeries):
            assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) > 0
            assert db.session.scalar(sa.select(sa.func.count()).select_from(model).where(model.demo.is_(False))) == 0
        assert all("Demo" in source for source in db.session.scalars(sa.select(Population.source)))
        assert all("Demo" in series.source for series in db.session.scalars(sa.select(IndicatorSeries)))
        for cycle in db.session.scalars(sa.select(PreventionCycle).where(PreventionCycle.findings != "")):
            assert cycle.findings.startswith("Demo-Daten")


def test_loading_the_demo_again_changes_no_prevention_row(ctx):
    def counts() -> dict[str, int]:
        with cross_tenant("test: demo counts"):
            return {table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
                    for table in [*(m.__table__ for m in TABLES), *LINKS, Decision.__table__, Document.__table__]}

    with ctx() as session:
        before = counts()
        assert all(before[m.__tablename__] > 0 for m in TABLES), before
        load_demo()
        session.flush()
        assert counts() == before
