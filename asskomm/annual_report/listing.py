"""Lists of reports and versions: a KPR's own years, and for the state council the submissions of
every KPR, a page at a time (never all KPRs at once), in a fixed number of queries, and the whole
list with the same filter as CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tenants import Tenant, cross_tenant, db

from ..accounts.models import Assignment, AssignmentKind, GlobalRole, current_assignment_clause
from ..exports import csv_bytes
from ..paging import Page, clamp
from ..timeutil import format_date, today
from .models import AnnualReport, ReportVersion, VersionStatus

PAGE_SIZE = 50


def reports_of_tenant() -> list[AnnualReport]:
    """The request's KPR's reports, newest year first, with their versions (two queries)."""
    return list(db.session.scalars(
        sa.select(AnnualReport).options(selectinload(AnnualReport.versions)).order_by(AnnualReport.year.desc())))


@dataclass
class Submission:
    tenant: Tenant
    year: int
    version_id: int
    number: int
    status: VersionStatus
    submitted_at: datetime


def readable_tenants(user) -> set[int] | None:
    """The KPRs whose versions `user` opens from the state list: every KPR for a state admin (None),
    else those they are the contact of today; others' versions would answer 404 (policy)."""
    if user.has_role(GlobalRole.state_admin):
        return None
    return set(db.session.scalars(sa.select(Assignment.tenant_id).where(
        Assignment.user_id == user.id, Assignment.kind == AssignmentKind.contact, current_assignment_clause(today()))))


def submitted_years() -> list[int]:
    with cross_tenant("state council: years with submitted annual reports"):
        return list(db.session.scalars(sa.select(ReportVersion.year).distinct().order_by(ReportVersion.year.desc())))


def _latest_versions(year: int | None) -> tuple[sa.Select, sa.Select]:
    """(count, rows): each KPR's latest version per year, by year and KPR name; to run across KPRs."""
    latest = (sa.select(ReportVersion.report_id, sa.func.max(ReportVersion.number).label("number"))
              .group_by(ReportVersion.report_id))
    if year is not None:
        latest = latest.where(ReportVersion.year == year)
    latest = latest.subquery()
    count = sa.select(sa.func.count()).select_from(latest)
    rows = (sa.select(Tenant, ReportVersion.year, ReportVersion.id, ReportVersion.number, ReportVersion.status,
                      ReportVersion.submitted_at)
            .join(latest, sa.and_(latest.c.report_id == ReportVersion.report_id,
                                  latest.c.number == ReportVersion.number))
            .join(Tenant, Tenant.id == ReportVersion.tenant_id)
            .order_by(ReportVersion.year.desc(), Tenant.name, Tenant.id))
    return count, rows


def submissions(year: int | None, page: int) -> Page:
    """Each KPR's latest version per year, by KPR name: two queries (count, page)."""
    count, rows = _latest_versions(year)
    with cross_tenant("state council: list of submitted annual reports"):
        total = db.session.scalar(count) or 0
        page, pages = clamp(total, page, PAGE_SIZE)
        found = db.session.execute(rows.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return Page([Submission(*row) for row in found], total, page, pages)


CSV_HEADER = ["KPR", "Jahr", "Fassung", "Stand", "eingereicht am"]


def submissions_csv(year: int | None) -> bytes:
    """Every row of the list (all its pages) with the same filter, as the page shows it; one query."""
    _, rows = _latest_versions(year)
    with cross_tenant("state council: list of submitted annual reports, as CSV"):
        found = [Submission(*row) for row in db.session.execute(rows).all()]
    return csv_bytes(CSV_HEADER, [[s.tenant.council_name, str(s.year), str(s.number), s.status.label,
                                   format_date(s.submitted_at)] for s in found])


def latest_submitted_year(tenant_column) -> sa.ScalarSelect:
    """Per KPR the latest year of a version lying submitted (not returned), as a column to read with
    the KPRs themselves: the state overview shows it without a query of its own. The statement that
    carries it reads across KPRs and must run inside `cross_tenant`."""
    return (sa.select(sa.func.max(ReportVersion.year))
            .where(ReportVersion.tenant_id == tenant_column, ReportVersion.status == VersionStatus.submitted)
            .correlate_except(ReportVersion).scalar_subquery())
