"""The prevention cycle in the cross-municipal reports: KPRs per stage, measures per action field and
status, goals by their progress and coaching hours per stage match direct counts of the records; the
figures per district sum to the state's; the report page, the KPR's own figures page and the CSV/XLSX
exports show them."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
from python_calamine import CalamineWorkbook

from asskomm.coaching.models import Consultation, ConsultationTopic
from asskomm.formats import format_number
from asskomm.prevention.models import ActionField, Goal, Measure, MeasureStatus, PreventionCycle
from asskomm.prevention.stage import Stage, stage_of
from asskomm.prevention.strategy.progress import STATUS_LABELS, goal_progress
from asskomm.reports.models import ReportFigure
from asskomm.timeutil import now
from tenants import Tenant, cross_tenant, tenant_context
from workers.reports import compute_reports_now

from .helpers import tenant, user
from .prevention_rounds import YEAR, build_round
from .test_reports import _all_rows, _page_table, _value

CYCLE_METRICS = ("prevention_stage", "coaching_hours_by_stage", "measures", "goals")
CLOSED_FIELD = "Schulwegsicherheit"  # Bautzen's round closed last year


def _running(year: int):
    """Rounds that ran in `year`: begun by its end, not closed before it."""
    return sa.and_(sa.extract("year", PreventionCycle.analysis_started_on) <= year,
                   sa.or_(PreventionCycle.closed_on.is_(None), sa.extract("year", PreventionCycle.closed_on) >= year))


def _records(session) -> None:
    """Bautzen at the measures (with a round closed last year), Plauen at the analysis, Freiberg at
    the evaluation; consultations this year, last year and one withdrawn."""
    with tenant_context(tenant("bautzen").id):
        build_round(Stage.evaluation, number=1, measures=2, field_title=CLOSED_FIELD, closed=True)
        build_round(Stage.measures, number=2, measures=5, goals=2, field_title="Gewalt")
        coach = user("coach2").id
        session.add_all([
            Consultation(coach_id=coach, held_on=date(YEAR, 1, 15), topic=ConsultationTopic.measures,
                         hours=Decimal("2.5")),
            Consultation(coach_id=coach, held_on=date(YEAR, 2, 1), topic=ConsultationTopic.strategy,
                         hours=Decimal("1.25")),
            Consultation(coach_id=coach, held_on=date(YEAR - 1, 11, 3), topic=ConsultationTopic.strategy,
                         hours=Decimal("4")),
            Consultation(coach_id=coach, held_on=date(YEAR, 3, 1), topic=ConsultationTopic.other,
                         hours=Decimal("9"), withdrawn_at=now()),
        ])
        session.flush()
    with tenant_context(tenant("plauen").id):
        build_round(Stage.analysis)
        session.add(Consultation(coach_id=None, held_on=date(YEAR, 4, 2), topic=ConsultationTopic.security_analysis,
                                 hours=Decimal("1.5")))
        session.flush()
    with tenant_context(tenant("freiberg").id):
        build_round(Stage.evaluation, measures=3, goals=1, field_title="Gewalt")
    session.flush()


def _category_totals(session, scope: str, metric: str) -> dict[str, Decimal]:
    rows = session.execute(sa.select(ReportFigure.category, sa.func.sum(ReportFigure.value))
                           .where(ReportFigure.year == YEAR, ReportFigure.scope == scope,
                                  ReportFigure.metric == metric).group_by(ReportFigure.category))
    return {category: Decimal(value) for category, value in rows}


def test_cycle_figures_match_direct_counts_and_a_second_run_changes_nothing(ctx):
    with ctx() as session:
        _records(session)
        compute_reports_now()
        first = _all_rows(session)
        compute_reports_now()
        assert _all_rows(session) == first

        with cross_tenant("test: direct counts of the cycle"):
            tenants = session.scalars(sa.select(Tenant)).all()
            known = {t.id: stage_of(t.id) for t in tenants}
            hours = dict(session.execute(
                sa.select(Consultation.tenant_id, sa.func.sum(Consultation.hours))
                .where(Consultation.withdrawn_at.is_(None), sa.extract("year", Consultation.held_on) == YEAR)
                .group_by(Consultation.tenant_id)).all())
            running = _running(YEAR)
            measures = session.execute(
                sa.select(Measure.status, ActionField.title, sa.func.count())
                .join(ActionField, Measure.action_field_id == ActionField.id)
                .join(PreventionCycle, Measure.cycle_id == PreventionCycle.id).where(running)
                .group_by(Measure.status, ActionField.title)).all()
            goals = session.scalars(sa.select(Goal).join(ActionField).join(PreventionCycle).where(running)).all()
            goal_status = Counter(p.status for p in goal_progress(goals).values())
            last_year_measures = session.scalar(
                sa.select(sa.func.count()).select_from(Measure).join(PreventionCycle).where(_running(YEAR - 1)))

        for t in tenants:
            assert _value(session, "kpr", str(t.id), "prevention_stage", known[t.id].value) == 1, t.slug
            if t.id in hours:
                assert _value(session, "kpr", str(t.id), "coaching_hours_by_stage", known[t.id].value) == hours[t.id]
        bautzen = tenant("bautzen")
        assert known[bautzen.id] == Stage.measures
        assert _value(session, "kpr", str(bautzen.id), "coaching_hours_by_stage", "measures") == Decimal("3.75")
        assert _value(session, "kpr", str(bautzen.id), "prevention_stage", "measures", year=YEAR - 1) == 0

        # across all states: the KPRs per stage, hours, measures and goals are exactly the records
        in_all = {(metric, category): value for metric in CYCLE_METRICS
                  for category, value in _category_totals(session, "state", metric).items()}
        assert {s: in_all.get(("prevention_stage", s.value), Decimal(0)) for s in Stage} == \
            {s: Decimal(sum(1 for v in known.values() if v == s)) for s in Stage}
        assert sum(v for (m, _), v in in_all.items() if m == "coaching_hours_by_stage") == sum(hours.values())
        assert {c: v for (m, c), v in in_all.items() if m == "measures"} == \
            {f"{status.value}|{title}": Decimal(n) for status, title, n in measures}
        assert {c: v for (m, c), v in in_all.items() if m == "goals"} == \
            {status: Decimal(n) for status, n in goal_status.items()}
        gewalt = sum(v for (m, c), v in in_all.items() if m == "measures" and c.endswith("|Gewalt"))
        assert gewalt == sum(n for _, title, n in measures if title == "Gewalt") >= 5 + 3  # Bautzen's and Freiberg's
        assert not any(c.endswith(f"|{CLOSED_FIELD}") for (m, c) in in_all if m == "measures"), "closed last year"
        last_year = session.scalar(sa.select(sa.func.sum(ReportFigure.value)).where(
            ReportFigure.year == YEAR - 1, ReportFigure.scope == "state", ReportFigure.metric == "measures"))
        assert last_year == last_year_measures >= 7  # Bautzen's first round and both open rounds from last year


def test_the_stage_figures_per_district_sum_to_the_states(ctx):
    with ctx() as session:
        _records(session)
        compute_reports_now()
        with cross_tenant("test: districts of each state"):
            places = session.execute(sa.select(Tenant.federal_state, Tenant.district)).all()
        figures = session.execute(sa.select(ReportFigure.scope, ReportFigure.scope_key, ReportFigure.metric,
                                            ReportFigure.category, ReportFigure.value)
                                  .where(ReportFigure.year == YEAR, ReportFigure.metric.in_(CYCLE_METRICS))).all()
    by_district = defaultdict(Decimal)
    state_of = {district: state for state, district in places}
    for scope, key, metric, category, value in figures:
        if scope == "district":
            by_district[(state_of[key], metric, category)] += value
    by_state = {(key, metric, category): value for scope, key, metric, category, value in figures if scope == "state"}
    assert by_state and by_district == by_state
    saxony = {category: value for (state, metric, category), value in by_state.items()
              if state == "Sachsen" and metric == "prevention_stage"}
    assert sum(saxony.values()) == sum(1 for state, _ in places if state == "Sachsen")  # each KPR once


def _computed(ctx) -> None:
    with ctx() as session:
        _records(session)
        compute_reports_now()
        session.commit()


def test_the_report_page_shows_the_cycle_tables(client_as, ctx):
    _computed(ctx)
    page = client_as("land").get("/berichte/").get_data(as_text=True)
    stages = _page_table(page, "zyklus")
    assert stages[0] == ["Stand", "KPR"]
    assert [row[0] for row in stages[1:]] == [s.label for s in Stage]
    with ctx() as session, cross_tenant("test: stages in Saxony"):
        saxon = [t.id for t in session.scalars(sa.select(Tenant).where(Tenant.federal_state == "Sachsen"))]
        expected = Counter(stage_of(t).label for t in saxon)
    assert {row[0]: int(row[1]) for row in stages[1:]} == {s.label: expected[s.label] for s in Stage}
    assert "Stand heute, abgeleitet aus den Einträgen der KPR" in page

    measures = _page_table(page, "massnahmen")
    assert measures[0] == ["Handlungsfeld"] + [s.label for s in MeasureStatus] + ["zusammen"]
    with ctx() as session, cross_tenant("test: measures in Saxony"):
        rows = session.execute(sa.select(ActionField.title, Measure.status, sa.func.count())
                               .join(ActionField, Measure.action_field_id == ActionField.id)
                               .join(Tenant, Tenant.id == Measure.tenant_id).where(Tenant.federal_state == "Sachsen")
                               .join(PreventionCycle, PreventionCycle.id == Measure.cycle_id).where(_running(YEAR))
                               .group_by(ActionField.title, Measure.status)).all()
    direct = defaultdict(Counter)
    for title, status, n in rows:
        direct[title][status.label] += n
    assert {row[0]: dict(zip(measures[0][1:-1], map(int, row[1:-1]), strict=True)) for row in measures[1:-1]} == \
        {title: {s.label: counts[s.label] for s in MeasureStatus} for title, counts in direct.items()}
    gewalt = next(row for row in measures if row[0] == "Gewalt")
    assert int(gewalt[-1]) >= 8 and measures[-1][0] == "Alle Handlungsfelder"
    assert sum(int(row[-1]) for row in measures[1:-1]) == int(measures[-1][-1])

    goals = _page_table(page, "ziele")
    assert [row[0] for row in goals[1:]] == list(STATUS_LABELS.values())
    with ctx() as session, cross_tenant("test: goals in Saxony"):
        in_saxony = session.scalar(sa.select(sa.func.count()).select_from(Goal).join(ActionField).join(PreventionCycle)
                                   .join(Tenant, Tenant.id == Goal.tenant_id)
                                   .where(Tenant.federal_state == "Sachsen", _running(YEAR)))
    assert sum(int(row[1]) for row in goals[1:]) == in_saxony >= 3

    hours = _page_table(page, "beratung-zyklus")
    with ctx() as session, cross_tenant("test: consultation hours in Saxony"):
        per_kpr = session.execute(
            sa.select(Consultation.tenant_id, sa.func.sum(Consultation.hours))
            .join(Tenant, Tenant.id == Consultation.tenant_id)
            .where(Tenant.federal_state == "Sachsen", Consultation.withdrawn_at.is_(None),
                   sa.extract("year", Consultation.held_on) == YEAR).group_by(Consultation.tenant_id)).all()
        by_stage = defaultdict(Decimal)
        for tenant_id, total in per_kpr:
            by_stage[stage_of(tenant_id).label] += total
    assert hours[1:] == [[s.label, format_number(by_stage[s.label], "hours")] for s in Stage]
    assert by_stage["Maßnahmen"] >= Decimal("3.75")
    assert "nicht beim Thema der Beratung" in page

    old = client_as("land").get(f"/berichte/?jahr={YEAR - 1}").get_data(as_text=True)
    assert f"Sachsen {YEAR - 1}" in old  # last year's consultation makes it a year of the report
    assert f"wird nur für das laufende Jahr ermittelt; für {YEAR - 1} gibt es keine Zahlen" in old
    assert all(row[1] == "0" for row in _page_table(old, "zyklus")[1:])


@pytest.mark.parametrize("key", ["zyklus", "beratung-zyklus", "massnahmen", "ziele"])
def test_the_cycle_tables_export_as_the_page_shows_them(client_as, ctx, key):
    _computed(ctx)
    client = client_as("land")
    shown = _page_table(client.get("/berichte/").get_data(as_text=True), key)
    assert len(shown) > 2
    as_csv = client.get(f"/berichte/export?tabelle={key}&format=csv")
    assert as_csv.status_code == 200
    lines = list(csv.reader(io.StringIO(as_csv.data.decode("utf-8-sig")), delimiter=";"))
    assert lines[1][0].startswith("Stand: berechnet am") and len(lines[1][0]) > 40  # with the table's note
    assert lines[2:] == shown

    as_xlsx = client.get(f"/berichte/export?tabelle={key}&format=xlsx")
    assert as_xlsx.status_code == 200
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(as_xlsx.data)).get_sheet_by_index(0).to_python()
    assert sheet[1][0] == lines[1][0]
    assert [str(cell) for cell in sheet[2]] == shown[0]
    kind = "hours" if key == "beratung-zyklus" else "count"
    for sheet_row, page_row in zip(sheet[3:], shown[1:], strict=True):
        assert sheet_row[0] == page_row[0]
        for cell, text in zip(sheet_row[1:], page_row[1:], strict=True):
            assert isinstance(cell, int | float) and format_number(Decimal(str(cell)), kind) == text


def test_a_kpr_sees_its_own_cycle_figures(client_as, ctx):
    _computed(ctx)
    page = client_as("koordination.bautzen").get("/k/bautzen/kennzahlen").get_data(as_text=True)
    stages = {row[0]: row[1] for row in _page_table(page, "zyklus")[1:]}
    assert stages == {s.label: "1" if s == Stage.measures else "0" for s in Stage}
    measures = _page_table(page, "massnahmen")
    assert [row[0] for row in measures[1:]] == ["Gewalt", "Alle Handlungsfelder"]  # not Freiberg's
    assert measures[1][-1] == "5"
    assert ["Maßnahmen", format_number(Decimal("3.75"), "hours")] in _page_table(page, "beratung-zyklus")
