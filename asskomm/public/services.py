"""The public page of a KPR and the alliance index: read in a fixed number of queries; edit, flush."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from tenants import Tenant, TenantStatus, db

from ..documents.models import Document, DocumentVersion
from ..documents.services import current_versions
from ..errors import DomainError
from ..meetings.models import Meeting, MeetingStatus
from ..paging import Page, clamp
from ..prevention.models import PreventionCycle
from ..prevention.survey.models import Survey, SurveyStatus
from ..structure.models import Sector
from ..timeutil import now
from .markup import render_markdown
from .models import CommunityOfficer, NewsPost, Partner, PublicProfile

HOME_NEWS = 5
UPCOMING_EVENTS = 5
NEWS_PAGE_SIZE = 20
ALLIANCE_PAGE_SIZE = 50


# -- reading ---------------------------------------------------------------------------------------------------------

def profile() -> PublicProfile | None:
    return db.session.scalar(sa.select(PublicProfile))


def goals(profile: PublicProfile | None) -> list[str]:
    """The goals are kept one per line; leading list marks are dropped."""
    if profile is None:
        return []
    return [line.strip().lstrip("-•*").strip() for line in profile.goals.splitlines() if line.strip()]


def _published_news():
    return sa.select(NewsPost).where(NewsPost.published.is_(True)).order_by(
        NewsPost.published_on.desc(), NewsPost.id.desc())


def latest_news(limit: int = HOME_NEWS) -> list[NewsPost]:
    return db.session.scalars(_published_news().limit(limit)).all()


def news_page(page: int):
    return db.paginate(_published_news(), page=page, per_page=NEWS_PAGE_SIZE, error_out=False)


def all_news() -> list[NewsPost]:
    return db.session.scalars(sa.select(NewsPost).order_by(NewsPost.published_on.desc(), NewsPost.id.desc())).all()


def partners() -> list[Partner]:
    return db.session.scalars(sa.select(Partner).order_by(Partner.position, Partner.name)).all()


def partners_by_sector(rows: list[Partner]) -> dict[Sector, list[Partner]]:
    """Grouped in the order of the sector list; unknown sectors count as "Sonstige"."""
    grouped: dict[Sector, list[Partner]] = {sector: [] for sector in Sector}
    for partner in rows:
        try:
            sector = Sector(partner.sector)
        except ValueError:
            sector = Sector.other
        grouped[sector].append(partner)
    return {sector: rows for sector, rows in grouped.items() if rows}


def officers() -> list[CommunityOfficer]:
    return db.session.scalars(sa.select(CommunityOfficer).order_by(CommunityOfficer.position,
                                                                   CommunityOfficer.name)).all()


def public_documents() -> list[tuple[Document, DocumentVersion]]:
    """Public documents that have a file, each with its current version (one query)."""
    return [(document, version) for document, version in current_versions(public_only=True) if version is not None]


def upcoming_events(limit: int = UPCOMING_EVENTS) -> list[Meeting]:
    return db.session.scalars(
        sa.select(Meeting).where(Meeting.public.is_(True), Meeting.status == MeetingStatus.planned,
                                 Meeting.starts_at >= now())
        .order_by(Meeting.starts_at).limit(limit)
    ).all()


def published_analysis() -> PreventionCycle | None:
    """The newest round whose Sicherheitsanalyse summary the KPR has published."""
    return db.session.scalars(
        sa.select(PreventionCycle)
        .where(PreventionCycle.summary_published.is_(True), PreventionCycle.public_summary != "")
        .order_by(PreventionCycle.number.desc()).limit(1)).first()


def running_survey() -> Survey | None:
    """The KPR's citizen survey that anyone may answer now (open, with an open link)."""
    return db.session.scalars(
        sa.select(Survey).where(Survey.status == SurveyStatus.open, Survey.open_link.is_(True))
        .order_by(Survey.opened_on.desc(), Survey.id.desc()).limit(1)).first()


# -- the alliance index (tenants are not tenant-scoped: the list of KPRs is public) ------------------------------------

# Archived KPRs are no longer part of the alliance's public picture.
_LISTED = Tenant.archived_at.is_(None)


def alliance(district: str = "", status: str = "", q: str = "", page: int = 1) -> Page:
    """One page of the listed KPRs that match, by name, with their number (two queries)."""
    where = [_LISTED]
    if district:
        where.append(Tenant.district == district)
    if status:
        where.append(Tenant.status == TenantStatus(status))
    if q.strip():
        where.append(Tenant.name.icontains(q.strip(), autoescape=True))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Tenant).where(*where)) or 0
    number, pages = clamp(total, page, ALLIANCE_PAGE_SIZE)
    found = db.session.scalars(sa.select(Tenant).where(*where).order_by(Tenant.name, Tenant.id)
                               .limit(ALLIANCE_PAGE_SIZE).offset((number - 1) * ALLIANCE_PAGE_SIZE)).all()
    return Page(list(found), total, number, pages)


def districts() -> list[str]:
    """The districts listed KPRs lie in (official names: chosen from tenants.districts)."""
    return db.session.scalars(sa.select(Tenant.district).where(_LISTED).distinct().order_by(Tenant.district)).all()


def counts_by_status() -> dict[TenantStatus, int]:
    counts = dict(db.session.execute(
        sa.select(Tenant.status, sa.func.count()).where(_LISTED).group_by(Tenant.status)).all())
    return {status: counts.get(status, 0) for status in TenantStatus}


# -- editing ---------------------------------------------------------------------------------------------------------

def _text(data: dict, name: str) -> str:
    return (data.get(name) or "").strip()


def _assign(obj, data: dict, names: tuple[str, ...]) -> None:
    for name in names:
        setattr(obj, name, _text(data, name))
    if hasattr(obj, "email"):
        obj.email = obj.email.lower()


def save_profile(data: dict) -> PublicProfile:
    current = profile()
    if current is None:
        current = PublicProfile()
        db.session.add(current)
    _assign(current, data, ("about", "goals", "office_name", "contact_person", "postal_address", "visitor_address",
                            "opening_hours", "phone", "email"))
    db.session.flush()
    return current


def save_post(post: NewsPost | None, data: dict) -> NewsPost:
    title = _text(data, "title")
    if not title:
        raise DomainError("Bitte geben Sie eine Überschrift ein.", "title")
    if not isinstance(data.get("published_on"), date):
        raise DomainError("Bitte geben Sie ein gültiges Datum ein.", "published_on")
    if post is None:
        post = NewsPost()
        db.session.add(post)
    post.title = title
    post.published_on = data["published_on"]
    post.published = bool(data.get("published"))
    post.body = (data.get("body") or "").strip()
    post.body_html = render_markdown(post.body)
    db.session.flush()
    return post


def set_published(post: NewsPost, published: bool) -> None:
    post.published = published
    db.session.flush()


def delete(obj: NewsPost | Partner | CommunityOfficer) -> None:
    db.session.delete(obj)
    db.session.flush()


def save_partner(partner: Partner | None, data: dict) -> Partner:
    try:
        sector = Sector(data.get("sector") or Sector.other.value)
    except ValueError:
        raise DomainError("Bitte wählen Sie einen Bereich aus der Liste.", "sector") from None
    url = _text(data, "url")
    if url and not url.lower().startswith(("http://", "https://")):
        raise DomainError("Die Internetadresse muss mit http:// oder https:// beginnen.", "url")
    if partner is None:
        partner = Partner()
        db.session.add(partner)
    _assign(partner, data, ("name", "description", "url"))
    partner.sector = sector.value
    partner.position = data.get("position") or 0
    db.session.flush()
    return partner


def save_officer(officer: CommunityOfficer | None, data: dict) -> CommunityOfficer:
    if officer is None:
        officer = CommunityOfficer()
        db.session.add(officer)
    _assign(officer, data, ("name", "area", "phone", "email", "office_hours"))
    officer.position = data.get("position") or 0
    db.session.flush()
    return officer
