"""The report's figures per KPR and year as SQL: one grouped SELECT per source, each giving rows of
(tenant_id, year, metric, category, value) for the KPRs of the run (report_work_tenants), inserted
into report_work_kpr by `workers.reports`. Call under its cross_tenant.

Per-year figures (the lifecycle status at each year's end, working groups in every year from
their set-up, measures and goals in every year their round ran) join the small table of years.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from asskomm.agreements.models import AgreementRenewal, CooperationAgreement
from asskomm.coaching.models import Consultation
from asskomm.funding.models import FundingApplication, FundingStatus
from asskomm.meetings.models import ActionItem, ActionStatus, Meeting, MeetingStatus
from asskomm.prevention.models import ActionField, Measure, PreventionCycle
from asskomm.reports.metrics import ACTION_FIELD_TITLE_MAX, MEASURE_CATEGORY_SEPARATOR
from asskomm.state.models import StatusChange
from asskomm.structure.models import Body, BodyKind
from asskomm.timeutil import now, today
from tenants import Tenant, TenantStatus

from .events import training_years
from .report_work import GOALS, STAGES, TENANTS, YEARS
from .sqltime import berlin_year, year_of

NO_THEME = "ohne Thema"
TEXT = sa.String(160)


def _of_run(column) -> sa.ColumnElement[bool]:
    return column.in_(sa.select(TENANTS.c.tenant_id))


def _row(tenant_id, year, metric: str | sa.ColumnElement, category, value) -> sa.Select:
    metric = sa.literal(metric, sa.String(40)) if isinstance(metric, str) else metric
    category = sa.literal(category, TEXT) if isinstance(category, str) else category
    return sa.select(tenant_id, year, metric, category, value)


def _steps() -> sa.Subquery:
    """Every lifecycle step of the run's KPRs: master-data dates and recorded history, with the
    step's place in the lifecycle to order steps of one day."""
    parts = [sa.select(Tenant.id.label("tenant_id"), getattr(Tenant, status.date_field).label("on"),
                       sa.literal(position).label("position"), sa.literal(status.value, sa.String(20)).label("status"))
             .where(getattr(Tenant, status.date_field).is_not(None), _of_run(Tenant.id))
             for position, status in enumerate(TenantStatus)]
    stored = sa.type_coerce(StatusChange.status, sa.String(20))
    parts.append(sa.select(StatusChange.tenant_id, StatusChange.effective_on,
                           sa.case({s.value: i for i, s in enumerate(TenantStatus)}, value=stored), stored)
                 .where(_of_run(StatusChange.tenant_id)))
    return sa.union_all(*parts).subquery("steps")


def lifecycle(first_year: int) -> list[sa.Select]:
    """Each KPR's latest step on or before each year's cutoff; the year its first founding fell in."""
    steps = _steps()
    ranked = (sa.select(steps.c.tenant_id, YEARS.c.year, steps.c.status,
                        sa.func.row_number().over(partition_by=(steps.c.tenant_id, YEARS.c.year),
                                                  order_by=(steps.c.on.desc(), steps.c.position.desc())).label("rank"))
              .join(YEARS, sa.and_(steps.c.on <= YEARS.c.cutoff, YEARS.c.year >= first_year)).subquery("ranked"))
    founded = (sa.select(steps.c.tenant_id, year_of(sa.func.min(steps.c.on)).label("year"))
               .where(steps.c.status == TenantStatus.founded.value).group_by(steps.c.tenant_id).subquery("founded"))
    return [
        _row(ranked.c.tenant_id, ranked.c.year, "lifecycle", ranked.c.status, sa.literal(1)).where(ranked.c.rank == 1),
        _row(founded.c.tenant_id, founded.c.year, "founded", "", sa.literal(1))
        .where(founded.c.year >= first_year, founded.c.year <= today().year),
    ]


def agreements() -> list[sa.Select]:
    return [_row(model.tenant_id, year_of(column), metric, "", sa.func.count())
            .where(_of_run(model.tenant_id)).group_by(model.tenant_id, year_of(column))
            for model, column, metric in ((CooperationAgreement, CooperationAgreement.signed_on, "agreements_signed"),
                                          (AgreementRenewal, AgreementRenewal.renewed_on, "agreements_renewed"))]


def coaching() -> list[sa.Select]:
    held = (Consultation.withdrawn_at.is_(None), _of_run(Consultation.tenant_id))  # a withdrawn entry counts nowhere
    year = year_of(Consultation.held_on)
    topic = sa.type_coerce(Consultation.topic, TEXT)
    return [
        _row(Consultation.tenant_id, year, "consultations", "", sa.func.count()).where(*held)
        .group_by(Consultation.tenant_id, year),
        _row(Consultation.tenant_id, year, "coaching_hours", topic, sa.func.sum(Consultation.hours)).where(*held)
        .group_by(Consultation.tenant_id, year, topic),
    ]


def meetings() -> list[sa.Select]:
    """Meetings held (not cancelled, begun) by their Berlin year; their action items by the year of
    the meeting that agreed them, open or done as of now."""
    year = berlin_year(Meeting.starts_at)
    state = sa.case((ActionItem.status == ActionStatus.done, "action_items_closed"), else_="action_items_open")
    return [
        _row(Meeting.tenant_id, year, "meetings_held", "", sa.func.count())
        .where(Meeting.status != MeetingStatus.cancelled, Meeting.starts_at <= now(), _of_run(Meeting.tenant_id))
        .group_by(Meeting.tenant_id, year),
        _row(ActionItem.tenant_id, year, state, "", sa.func.count())
        .join(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(_of_run(ActionItem.tenant_id)).group_by(ActionItem.tenant_id, year, state),
    ]


def working_groups(first_year: int) -> list[sa.Select]:
    """Working groups by theme, in every year from the one they were set up in."""
    theme = sa.func.coalesce(sa.func.nullif(sa.func.trim(Body.topic), ""), NO_THEME)
    return [_row(Body.tenant_id, YEARS.c.year, "working_groups", theme, sa.func.count())
            .join(YEARS, sa.and_(YEARS.c.year >= berlin_year(Body.created_at), YEARS.c.year >= first_year))
            .where(Body.kind == BodyKind.working_group, _of_run(Body.tenant_id))
            .group_by(Body.tenant_id, YEARS.c.year, theme)]


def trainings() -> list[sa.Select]:
    years = training_years(_of_run).subquery("trainings")
    return [_row(years.c.tenant_id, years.c.year, metric, "", years.c[column])
            for metric, column in (("trainings_attended", "trainings"), ("training_participants", "participants"))]


def funding() -> list[sa.Select]:
    submitted = (FundingApplication.status.not_in([FundingStatus.planned, FundingStatus.withdrawn]),
                 _of_run(FundingApplication.tenant_id))
    by = (FundingApplication.tenant_id, FundingApplication.year)
    return [
        _row(*by, "funding_applied", "", sa.func.sum(FundingApplication.amount_applied))
        .where(*submitted).group_by(*by),
        _row(*by, "funding_granted", "", sa.func.sum(FundingApplication.amount_granted))
        .where(*submitted, FundingApplication.status == FundingStatus.granted).group_by(*by),
    ]


def _round_years() -> sa.Subquery:
    """Each round of the run's KPRs with every year it ran (from the start of its analysis to its
    close, today for the open one)."""
    ran_until = year_of(sa.func.coalesce(PreventionCycle.closed_on, today()))
    return (sa.select(PreventionCycle.id.label("cycle_id"), PreventionCycle.tenant_id, YEARS.c.year)
            .join(YEARS, sa.and_(YEARS.c.year >= year_of(PreventionCycle.analysis_started_on),
                                 YEARS.c.year <= ran_until))
            .where(_of_run(PreventionCycle.tenant_id)).subquery("round_years"))


def cycle() -> list[sa.Select]:
    """The prevention cycle's figures (see workers.cycle_figures for what they mean); the stage and
    the goals' status come from the Python-derived working tables."""
    this_year = today().year
    rounds = _round_years()
    status = sa.type_coerce(Measure.status, TEXT)
    category = status + MEASURE_CATEGORY_SEPARATOR + sa.func.substr(sa.func.trim(ActionField.title), 1,
                                                                    ACTION_FIELD_TITLE_MAX)
    hours = (sa.select(Consultation.tenant_id, sa.func.sum(Consultation.hours).label("hours"))
             .where(Consultation.withdrawn_at.is_(None), Consultation.held_on >= date(this_year, 1, 1),
                    Consultation.held_on <= date(this_year, 12, 31), _of_run(Consultation.tenant_id))
             .group_by(Consultation.tenant_id).subquery("hours"))
    year = sa.literal(this_year)
    return [
        _row(STAGES.c.tenant_id, year, "prevention_stage", STAGES.c.stage, sa.literal(1)),
        _row(hours.c.tenant_id, year, "coaching_hours_by_stage", STAGES.c.stage, hours.c.hours)
        .join(STAGES, STAGES.c.tenant_id == hours.c.tenant_id),
        _row(rounds.c.tenant_id, rounds.c.year, "measures", category, sa.func.count())
        .select_from(Measure).join(ActionField, Measure.action_field_id == ActionField.id)
        .join(rounds, rounds.c.cycle_id == Measure.cycle_id)
        .group_by(rounds.c.tenant_id, rounds.c.year, category),
        _row(rounds.c.tenant_id, rounds.c.year, "goals", GOALS.c.status, sa.func.sum(GOALS.c.n))
        .join(rounds, rounds.c.cycle_id == GOALS.c.cycle_id)
        .group_by(rounds.c.tenant_id, rounds.c.year, GOALS.c.status),
    ]


def all_sources(first_year: int) -> list[sa.Select]:
    return [*lifecycle(first_year), *agreements(), *coaching(), *meetings(), *working_groups(first_year),
            *trainings(), *funding(), *cycle()]
