"""Changes to a KPR's Präventionsbericht: open a year, write the texts, submit a frozen version,
return one with a remark. They flush; the request commits (asskomm.boundary)."""

from __future__ import annotations

import io

import sqlalchemy as sa
from flask import g, url_for

from tenants import db

from .. import signals
from ..accounts.models import Membership, MembershipRole, User
from ..documents import services as documents
from ..documents.models import Document, DocumentCategory, Visibility
from ..errors import DomainError
from ..mail.services import queue_mail, site_url
from ..tagged_pdf import tagged_pdf
from ..timeutil import now, today
from .models import FIRST_YEAR, AnnualReport, ReportVersion, VersionStatus
from .rendering import document_html

TEXT_MAX = 20_000
REMARK_MAX = 4_000


def open_report(year: int) -> AnnualReport:
    """A report for a year that has begun; one per KPR and year."""
    if not FIRST_YEAR <= year <= today().year:
        raise DomainError(f"Ein Präventionsbericht ist für die Jahre {FIRST_YEAR} bis {today().year} möglich.",
                          "year")
    if db.session.scalar(sa.select(AnnualReport.id).where(AnnualReport.year == year)) is not None:
        raise DomainError(f"Für {year} gibt es schon einen Präventionsbericht.", "year")
    report = AnnualReport(year=year)
    db.session.add(report)
    db.session.flush()
    return report


def save_texts(report: AnnualReport, foreword: str, outlook: str) -> None:
    for name, text in (("foreword", foreword), ("outlook", outlook)):
        if len(text) > TEXT_MAX:
            raise DomainError(f"Bitte fassen Sie den Text kürzer (höchstens {TEXT_MAX:,} Zeichen).".replace(",", "."),
                              name)
    report.foreword, report.outlook = foreword.strip(), outlook.strip()
    db.session.flush()


def check_submittable(report: AnnualReport) -> None:
    """While a version lies with the state council unreturned, no other is submitted: it answers
    one at a time. (Checked before the question is asked, and again when it is answered.)"""
    pending = report.pending
    if pending is not None:
        raise DomainError(f"Fassung {pending.number} liegt dem Landespräventionsrat noch vor. Eine neue Fassung "
                          "kann erst eingereicht werden, wenn er sie zurückgegeben hat.")


def submit(report: AnnualReport, user: User) -> ReportVersion:
    """Freeze the report as it reads now (HTML and PDF bytes) as its next version."""
    check_submittable(report)
    html = document_html(report)
    number = max((v.number for v in report.versions), default=0) + 1
    version = ReportVersion(report=report, number=number, year=report.year, html=html, pdf=tagged_pdf(html),
                            status=VersionStatus.submitted, submitted_at=now(), submitted_by_id=user.id)
    db.session.add(version)
    db.session.flush()
    signals.annual_report_submitted.send(version)
    return version


def return_version(version: ReportVersion, user: User, remark: str) -> None:
    remark = remark.strip()
    if version.status != VersionStatus.submitted:
        raise DomainError("Diese Fassung wurde bereits zurückgegeben.")
    if not remark:
        raise DomainError("Bitte schreiben Sie, was an dieser Fassung zu ändern ist.", "remark")
    if len(remark) > REMARK_MAX:
        raise DomainError(f"Bitte fassen Sie die Anmerkung kürzer (höchstens {REMARK_MAX} Zeichen).", "remark")
    version.status = VersionStatus.returned
    version.returned_at = now()
    version.returned_by_id = user.id
    version.return_remark = remark
    db.session.flush()
    _mail_coordinators(version, user)


def _mail_coordinators(version: ReportVersion, returned_by: User) -> None:
    """The KPR's coordinators learn of the return and its remark by mail, once each."""
    link = site_url(url_for("annual_report.draft", report_id=version.report_id))
    coordinators = db.session.scalars(
        sa.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.role == MembershipRole.coordinator, User.active.is_(True)).order_by(User.id))
    for person in coordinators:
        queue_mail(person.email, "annual_report/mail_returned.txt", f"annual_report_returned:{version.id}:{person.id}",
                   tenant_id=version.tenant_id, person=person, version=version, tenant=g.tenant,
                   returned_by=returned_by, link=link)


def check_publishable(version: ReportVersion) -> None:
    if version.status != VersionStatus.submitted:
        raise DomainError("Eine zurückgegebene Fassung wird nicht veröffentlicht. Reichen Sie eine neue ein.")
    if version.published_at is not None:
        raise DomainError("Diese Fassung ist bereits veröffentlicht.")


def publish(version: ReportVersion, user: User) -> Document:
    """Put a submitted version on the KPR's public page: as a new version of its public document
    "Präventionsbericht <year>" (an uploaded one of that title included), or as that new document.
    The document stays a KPR document: the coordinators make it internal again or delete it there."""
    check_publishable(version)
    report = version.report
    title = f"Präventionsbericht {version.year}"
    upload = documents.check(f"{title}.pdf", io.BytesIO(version.pdf))
    document = db.session.get(Document, report.document_id) if report.document_id else None
    if document is None:
        document = db.session.scalar(sa.select(Document).where(Document.title == title).limit(1))
    data = {"title": title, "category": DocumentCategory.report, "visibility": Visibility.public,
            "description": f"Der Präventionsbericht {version.year} des KPR (Fassung {version.number}, "
                           "erzeugt auf der ASSKomm-Plattform, barrierefreies PDF)."}
    note = f"Fassung {version.number}, eingereicht am {version.submitted_at:%d.%m.%Y}"
    if document is None:
        document = documents.create_document(data, upload, note, user.id)
    else:
        documents.update_document(document, data)
        documents.add_version(document, upload, note, user.id)
    report.document_id = document.id
    version.published_at = now()
    db.session.flush()
    return document
