"""Cross-municipal reports: figures per KPR and year, rolled up to districts and federal states.

Every source is read with one grouped query across all KPRs (never one per KPR). The rows are
written by upsert on their natural key, and rows no longer produced are removed, so a re-run
leaves exactly the same table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from celery import shared_task

from asskomm.agreements.models import AgreementRenewal, CooperationAgreement
from asskomm.coaching.models import Consultation
from asskomm.funding.models import FundingApplication, FundingStatus
from asskomm.meetings.models import ActionItem, ActionStatus, Meeting, MeetingStatus
from asskomm.reports.models import ReportFigure, StaleFigures
from asskomm.snapshots.models import SnapshotRun
from asskomm.state.models import StatusChange
from asskomm.structure.models import Body, BodyKind
from asskomm.timeutil import berlin, now, today
from tenants import Tenant, TenantStatus, cross_tenant, db

from .cycle_figures import collect_cycle_figures
from .events import collect_training_years
from .jobs import Progress, run_locked
from .upsert import upsert

JOB = "reports"
KEY = ["year", "scope", "scope_key", "metric", "category"]
LIFECYCLE_ORDER = list(TenantStatus)
NO_THEME = "ohne Thema"

# (tenant id, year, metric, category) -> value
Figures = dict[tuple[int, int, str, str], Decimal]


def _add(figures: Figures, rows: Iterable, metric: str) -> None:
    """rows of (tenant_id, year, category, value) added to `metric`."""
    for tenant_id, year, category, value in rows:
        if value:
            key = (tenant_id, int(year), metric, category or "")
            figures[key] = figures.get(key, Decimal(0)) + Decimal(value)


def _year(column):
    return sa.extract("year", column)


def _lifecycle(figures: Figures, tenants: list[Tenant], years: range) -> None:
    """Each KPR's status at the end of every year (today for the current one): the latest step
    of its history, or of its master-data dates where no history was recorded."""
    steps: dict[int, list[tuple[date, int, TenantStatus]]] = defaultdict(list)
    for tenant in tenants:
        for status in TenantStatus:
            if (on := tenant.status_date(status)) is not None:
                steps[tenant.id].append((on, LIFECYCLE_ORDER.index(status), status))
    for tenant_id, on, status in db.session.execute(
        sa.select(StatusChange.tenant_id, StatusChange.effective_on, StatusChange.status)
    ):
        steps[tenant_id].append((on, LIFECYCLE_ORDER.index(status), status))
    current_day = today()
    for tenant_id, history in steps.items():
        history.sort()
        for year in years:
            cutoff = min(date(year, 12, 31), current_day)
            reached = [status for on, _, status in history if on <= cutoff]
            if reached:
                figures[(tenant_id, year, "lifecycle", reached[-1].value)] = Decimal(1)
        founded = [on for on, _, status in history if status == TenantStatus.founded]
        if founded and founded[0].year in years:
            figures[(tenant_id, founded[0].year, "founded", "")] = Decimal(1)


def _agreements(figures: Figures) -> None:
    _add(figures, db.session.execute(
        sa.select(CooperationAgreement.tenant_id, _year(CooperationAgreement.signed_on), sa.literal(""),
                  sa.func.count()).group_by(CooperationAgreement.tenant_id, _year(CooperationAgreement.signed_on))
    ), "agreements_signed")
    _add(figures, db.session.execute(
        sa.select(AgreementRenewal.tenant_id, _year(AgreementRenewal.renewed_on), sa.literal(""), sa.func.count())
        .group_by(AgreementRenewal.tenant_id, _year(AgreementRenewal.renewed_on))
    ), "agreements_renewed")


def _coaching(figures: Figures) -> None:
    year = _year(Consultation.held_on)
    rows = db.session.execute(
        sa.select(Consultation.tenant_id, year, Consultation.topic, sa.func.count(), sa.func.sum(Consultation.hours))
        .where(Consultation.withdrawn_at.is_(None))  # a withdrawn entry counts nowhere
        .group_by(Consultation.tenant_id, year, Consultation.topic)
    ).all()
    _add(figures, ((t, y, "", count) for t, y, _, count, _ in rows), "consultations")
    _add(figures, ((t, y, topic.value, hours) for t, y, topic, _, hours in rows), "coaching_hours")


def _meetings(figures: Figures) -> None:
    """Meetings that took place: not cancelled and begun; counted in the Berlin calendar year."""
    moments = db.session.execute(
        sa.select(Meeting.tenant_id, Meeting.starts_at)
        .where(Meeting.status != MeetingStatus.cancelled, Meeting.starts_at <= now())
    )
    _add(figures, ((t, berlin(at).year, "", 1) for t, at in moments), "meetings_held")


def _action_items(figures: Figures) -> None:
    """Action items by the year of the meeting that agreed them, open or done as of now."""
    rows = db.session.execute(
        sa.select(ActionItem.tenant_id, Meeting.starts_at, ActionItem.status).join(Meeting)
    )
    for tenant_id, at, status in rows:
        metric = "action_items_closed" if status == ActionStatus.done else "action_items_open"
        _add(figures, [(tenant_id, berlin(at).year, "", 1)], metric)


def _working_groups(figures: Figures, years: range) -> None:
    """Working groups by theme, counted in every year from the one they were set up in."""
    groups = db.session.execute(
        sa.select(Body.tenant_id, Body.topic, Body.created_at).where(Body.kind == BodyKind.working_group)
    )
    for tenant_id, topic, created in groups:
        theme = (topic or "").strip() or NO_THEME
        _add(figures, ((tenant_id, year, theme, 1) for year in years if year >= berlin(created).year),
             "working_groups")


def _trainings(figures: Figures) -> None:
    for row in collect_training_years():
        _add(figures, [(row["tenant_id"], row["year"], "", row["trainings"])], "trainings_attended")
        _add(figures, [(row["tenant_id"], row["year"], "", row["participants"])], "training_participants")


def _funding(figures: Figures) -> None:
    rows = db.session.execute(
        sa.select(FundingApplication.tenant_id, FundingApplication.year, sa.func.sum(FundingApplication.amount_applied),
                  sa.func.sum(FundingApplication.amount_granted).filter(
                      FundingApplication.status == FundingStatus.granted))
        .where(FundingApplication.status.not_in([FundingStatus.planned, FundingStatus.withdrawn]))
        .group_by(FundingApplication.tenant_id, FundingApplication.year)
    ).all()
    _add(figures, ((t, y, "", applied) for t, y, applied, _ in rows), "funding_applied")
    _add(figures, ((t, y, "", granted) for t, y, _, granted in rows), "funding_granted")


def _years(tenants: list[Tenant]) -> range:
    """From the earliest lifecycle date of any KPR to this year."""
    first = min((on.year for t in tenants for s in TenantStatus if (on := t.status_date(s))), default=today().year)
    return range(min(first, today().year), today().year + 1)


def collect_kpr_figures() -> tuple[list[Tenant], Figures]:
    with cross_tenant("cross-municipal reports for the state council"):
        tenants = list(db.session.scalars(sa.select(Tenant).order_by(Tenant.id)))
        years = _years(tenants)
        figures: Figures = {}
        _lifecycle(figures, tenants, years)
        for collect in (_agreements, _coaching, _meetings, _action_items, _trainings, _funding):
            collect(figures)
        _working_groups(figures, years)
        collect_cycle_figures(figures, tenants)
    return tenants, figures


def roll_up(tenants: list[Tenant], figures: Figures) -> list[dict]:
    """KPR rows as they are; district and federal-state rows as their sums."""
    where = {t.id: t for t in tenants}
    totals: dict[tuple, Decimal] = defaultdict(Decimal)
    for (tenant_id, year, metric, category), value in figures.items():
        tenant = where[tenant_id]
        for scope, key in (("kpr", str(tenant_id)), ("district", tenant.district), ("state", tenant.federal_state)):
            totals[(year, scope, key, metric, category)] += value
    return [dict(zip(KEY, key, strict=True), value=value) for key, value in sorted(totals.items())]


def _remove_stale(rows: list[dict]) -> int:
    """Rows of an earlier run that this run no longer produces (a deleted entry, a moved KPR)."""
    wanted = {tuple(row[k] for k in KEY) for row in rows}
    table = ReportFigure.__table__
    stale = [key for key in db.session.execute(sa.select(*(table.c[k] for k in KEY))) if tuple(key) not in wanted]
    for key in stale:
        db.session.execute(sa.delete(table).where(*(table.c[k] == v for k, v in zip(KEY, key, strict=True))))
    return len(stale)


def compute_reports_now(progress: Progress | None = None) -> int:
    started = now()
    tenants, figures = collect_kpr_figures()
    if progress:
        progress(1, 3)
    rows = roll_up(tenants, figures)
    written = upsert(ReportFigure.__table__, rows, key=KEY)
    if progress:
        progress(2, 3)
    _remove_stale(rows)
    # Figures are fresh for every change before this run began; later changes stay marked.
    db.session.execute(sa.delete(StaleFigures).where(StaleFigures.since < started))
    db.session.add(SnapshotRun(job=JOB, started_at=started, finished_at=now(), rows=written))
    db.session.flush()
    if progress:
        progress(3, 3)
    return written


@shared_task(name="workers.compute_reports", cross_tenant=True, acks_late=True, bind=True)
def compute_reports(self) -> int | str:
    return run_locked(self, JOB, compute_reports_now)
