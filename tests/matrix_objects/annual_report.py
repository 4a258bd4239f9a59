"""Präventionsberichte for the isolation matrix: a report of each KPR for a matrix year, and one of
the year before with a submitted version (its HTML and PDF are stand-ins: the matrix checks who
may read, not the content)."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.annual_report.models import AnnualReport, ReportVersion, VersionStatus
from tenants import tenant_context

from ..helpers import tenant

YEAR = 2023


def _report(session, slug: str, year: int = YEAR) -> AnnualReport:
    report = session.scalar(sa.select(AnnualReport).filter_by(year=year))
    if report is None:
        report = AnnualReport(year=year, foreword=f"Matrix-Vorwort {slug}")
        session.add(report)
        session.flush()
    return report


def _report_id(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        return _report(session, slug).id


def _version_id(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        report = _report(session, slug, YEAR - 1)  # another year's: the matrix report stays submittable
        version = session.scalar(sa.select(ReportVersion).filter_by(report_id=report.id))
        if version is None:
            version = ReportVersion(report=report, number=1, year=YEAR - 1, status=VersionStatus.submitted,
                                    html=f"<!doctype html><title>Matrix {slug}</title>", pdf=b"%PDF-1.7 matrix")
            session.add(version)
            session.flush()
        return version.id


OBJECTS = {"report_id": _report_id, "report_version_id": _version_id}
