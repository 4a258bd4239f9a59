"""KPRs: their public master data, news and documents for everyone with a token; their
workspace (structure, meetings, documents' metadata, measures) for the people the pages let in.
A KPR the person has no role in is a 404 here as on its pages; a role that sees the KPR but not
this part of it is a 403, as the pages answer."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, g
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from tenants import Tenant, db
from tenants.context import set_request_tenant

from ..documents.models import Document, DocumentVersion, Visibility
from ..meetings.models import Meeting
from ..policy import can, memberships_of, public
from ..prevention.models import Measure
from ..public.models import NewsPost
from ..structure.models import Body, BodyMembership
from . import schemas
from .blueprint import bp, current_token
from .conventions import answer, listing, paginate, validated
from .spec import responses, spec

TAGS = ("KPR",)
WORKSPACE = ("KPR-Arbeitsbereich",)


def _kpr_row(tenant: Tenant) -> schemas.Kpr:
    return schemas.Kpr(slug=tenant.slug, name=tenant.official_name, council_name=tenant.council_name,
                       kind=tenant.kind, ags=tenant.ags, district=tenant.district,
                       federal_state=tenant.federal_state, population=tenant.population, status=tenant.status)


def _enter(slug: str, action: str | None) -> Tenant:
    """The KPR of the address as the request's tenant. Public parts (no action): an archived KPR is
    gone for those without a role in it. Workspace parts: its people only (404 for others), and
    403 where their role does not reach this part."""
    tenant = db.session.scalar(sa.select(Tenant).filter_by(slug=slug))
    if tenant is None:
        abort(404)
    sees = can(current_user, "tenant.view", tenant)
    if (action is None and tenant.archived and not sees) or (action is not None and not sees):
        abort(404)
    if action is not None and not can(current_user, action, tenant):
        abort(403)
    g.tenant = tenant
    set_request_tenant(tenant.id)
    return tenant


@bp.get("/me")
@spec.validate(resp=responses(HTTP_200=schemas.Me), tags=("Konto",))
def me():
    """Die Person des Tokens: Rollen und KPR."""
    user, token = current_user, current_token()
    slugs = dict(db.session.execute(sa.select(Tenant.id, Tenant.slug).where(
        Tenant.id.in_(list(memberships_of(user))))).all()) if memberships_of(user) else {}
    return answer(schemas.Me(
        id=user.id, name=user.name, email=user.email, global_roles=sorted(user.global_roles),
        memberships=[schemas.KprRole(kpr=slugs[tenant_id], role=role)
                     for tenant_id, role in sorted(memberships_of(user).items()) if tenant_id in slugs],
        token=schemas.TokenInfo(name=token.name, scope=token.scope, expires_at=token.expires_at)))


@bp.get("/kprs")
@spec.validate(query=schemas.KprQuery, resp=responses(HTTP_200=schemas.KprList), tags=TAGS)
def kprs():
    """Die KPR des Netzwerks (ohne archivierte), nach Namen; filterbar nach Landkreis, Stand und Namen."""
    q: schemas.KprQuery = validated().query
    query = sa.select(Tenant).where(Tenant.archived_at.is_(None))
    if q.district:
        query = query.where(Tenant.district == q.district)
    if q.status is not None:
        query = query.where(Tenant.status == q.status)
    if q.q:
        query = query.where(Tenant.name.icontains(q.q, autoescape=True))
    rows, total = paginate(query.order_by(Tenant.name, Tenant.id), q)
    return listing(schemas.KprList, [_kpr_row(t) for t in rows], total, q)


@bp.get("/kprs/<tenant_slug>")
@public
@spec.validate(resp=responses(HTTP_200=schemas.Kpr), tags=TAGS)
def kpr(tenant_slug: str):
    """Stammdaten eines KPR."""
    return answer(_kpr_row(_enter(tenant_slug, None)))


@bp.get("/kprs/<tenant_slug>/news")
@public
@spec.validate(query=schemas.PageQuery, resp=responses(HTTP_200=schemas.NewsList), tags=TAGS)
def news(tenant_slug: str):
    """Die veröffentlichten Neuigkeiten eines KPR, die neuesten zuerst."""
    _enter(tenant_slug, None)
    q: schemas.PageQuery = validated().query
    rows, total = paginate(sa.select(NewsPost).where(NewsPost.published.is_(True))
                           .order_by(NewsPost.published_on.desc(), NewsPost.id.desc()), q)
    return listing(schemas.NewsList, [schemas.NewsPost.model_validate(p) for p in rows], total, q)


def _document(document: Document) -> schemas.Document:
    version: DocumentVersion | None = document.versions[0] if document.versions else None
    latest = None if version is None else schemas.DocumentVersion(
        number=version.number, file_name=version.original_name, size=version.size,
        content_type=version.content_type, sha256=version.sha256, uploaded_at=version.uploaded_at)
    return schemas.Document(id=document.id, title=document.title, category=document.category,
                            public=document.visibility == Visibility.public, description=document.description,
                            latest=latest)


def _documents(public_only: bool, q: schemas.DocumentQuery):
    query = sa.select(Document).options(selectinload(Document.versions)).order_by(Document.title, Document.id)
    if public_only:
        query = query.where(Document.visibility == Visibility.public)
    if q.category is not None:
        query = query.where(Document.category == q.category)
    rows, total = paginate(query, q)
    return listing(schemas.DocumentList, [_document(d) for d in rows], total, q)


@bp.get("/kprs/<tenant_slug>/public-documents")
@public
@spec.validate(query=schemas.DocumentQuery, resp=responses(HTTP_200=schemas.DocumentList), tags=TAGS)
def public_documents(tenant_slug: str):
    """Die öffentlichen Dokumente eines KPR (Angaben zur Datei, nicht die Datei)."""
    _enter(tenant_slug, None)
    return _documents(True, validated().query)


@bp.get("/kprs/<tenant_slug>/documents")
@spec.validate(query=schemas.DocumentQuery, resp=responses(HTTP_200=schemas.DocumentList), tags=WORKSPACE)
def documents(tenant_slug: str):
    """Alle Dokumente des Arbeitsbereichs, auch interne (Angaben zur Datei)."""
    _enter(tenant_slug, "documents.view")
    return _documents(False, validated().query)


@bp.get("/kprs/<tenant_slug>/bodies")
@spec.validate(query=schemas.PageQuery, resp=responses(HTTP_200=schemas.BodyList), tags=WORKSPACE)
def bodies(tenant_slug: str):
    """Die Struktur: Gremien und Arbeitsgruppen mit ihren Mitgliedern."""
    _enter(tenant_slug, "structure.view")
    q: schemas.PageQuery = validated().query
    rows, total = paginate(sa.select(Body).options(
        selectinload(Body.memberships).joinedload(BodyMembership.person)).order_by(Body.position, Body.id), q)
    items = [schemas.Body(id=b.id, kind=b.kind, name=b.name, topic=b.topic, members=[
        schemas.BodyMember(name=m.person.name, organisation=m.person.organisation, function=m.person.function,
                           role=m.role) for m in b.memberships]) for b in rows]
    return listing(schemas.BodyList, items, total, q)


@bp.get("/kprs/<tenant_slug>/meetings")
@spec.validate(query=schemas.MeetingQuery, resp=responses(HTTP_200=schemas.MeetingList), tags=WORKSPACE)
def meetings(tenant_slug: str):
    """Die Sitzungen der Gremien, nach Beginn; filterbar nach Zeitraum."""
    _enter(tenant_slug, "meetings.view")
    q: schemas.MeetingQuery = validated().query
    query = sa.select(Meeting).options(joinedload(Meeting.body)).order_by(Meeting.starts_at, Meeting.id)
    if q.since is not None:
        query = query.where(sa.func.date(Meeting.starts_at) >= q.since)
    if q.until is not None:
        query = query.where(sa.func.date(Meeting.starts_at) <= q.until)
    rows, total = paginate(query, q)
    items = [schemas.Meeting(id=m.id, title=m.title, body=m.body.name, starts_at=m.starts_at, ends_at=m.ends_at,
                             place=m.place, public=m.public, status=m.status) for m in rows]
    return listing(schemas.MeetingList, items, total, q)


@bp.get("/kprs/<tenant_slug>/measures")
@spec.validate(query=schemas.MeasureQuery, resp=responses(HTTP_200=schemas.MeasureList), tags=WORKSPACE)
def measures(tenant_slug: str):
    """Die Maßnahmen des Präventionszyklus, nach Titel; filterbar nach Stand."""
    _enter(tenant_slug, "prevention.view")
    q: schemas.MeasureQuery = validated().query
    query = sa.select(Measure).options(joinedload(Measure.action_field)).order_by(Measure.title, Measure.id)
    if q.status is not None:
        query = query.where(Measure.status == q.status)
    rows, total = paginate(query, q)
    items = [schemas.Measure(id=m.id, title=m.title, description=m.description, action_field=m.action_field.title,
                             status=m.status, target_group=m.target_group, setting=m.setting,
                             programme_key=m.programme_key, starts_on=m.starts_on, ends_on=m.ends_on,
                             shared=m.shareable) for m in rows]
    return listing(schemas.MeasureList, items, total, q)
