"""Finding: one page of the entries that fit a query and that the person may open, best first,
with the number of hits per kind; four queries, however many hits there are."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from markupsafe import Markup

from tenants import Tenant, cross_tenant, db
from tenants.models import compose_name

from ..paging import Page, clamp
from . import backend
from .models import SearchEntry
from .scope import Reach, reach_of, visible
from .sources import SOURCES
from .text import snippet

PER_PAGE = 20
REASON = "search: the entries of every KPR, filtered by the reader's roles (search.scope)"


@dataclass(frozen=True)
class Hit:
    kind: str
    label: str
    title: str
    url: str
    kpr: str | None
    snippet: Markup


@dataclass(frozen=True)
class Results:
    page: Page
    counts: dict[str, int]


def find(user, query: str, kind: str = "", page: int = 1) -> Results:
    matched = backend.matching(query)
    if matched is None:
        return Results(Page([], 0, 1, 1), {})
    joins, condition, ordering = matched
    reach = reach_of(user)
    base = sa.select().select_from(SearchEntry).outerjoin(Tenant, Tenant.id == SearchEntry.tenant_id)
    for target, on in joins:
        base = base.join(target, on)
    base = base.where(condition, visible(reach))
    with cross_tenant(REASON):
        counts = dict(db.session.execute(base.add_columns(SearchEntry.kind, sa.func.count())
                                         .group_by(SearchEntry.kind)).all())
        total = counts.get(kind, 0) if kind else sum(counts.values())
        number, pages = clamp(total, page, PER_PAGE)
        found = base.where(SearchEntry.kind == kind) if kind else base
        rows = db.session.execute(found.add_columns(
            SearchEntry.kind, SearchEntry.target_id, SearchEntry.tenant_id, SearchEntry.title, SearchEntry.text,
            SearchEntry.file_text, SearchEntry.rule_alt, SearchEntry.open_to_all, Tenant.slug,
            Tenant.kind.label("tenant_kind"), Tenant.name.label("tenant_name"), Tenant.archived_at,
        ).order_by(*ordering, SearchEntry.id).limit(PER_PAGE).offset((number - 1) * PER_PAGE)).all()
    hits = [_hit(row, reach, query) for row in rows]
    ordered = {k: counts[k] for k in SOURCES if k in counts}
    return Results(Page(hits, total, number, pages), ordered)


def _hit(row, reach: Reach, query: str) -> Hit:
    kpr = compose_name(row.tenant_kind, row.tenant_name) if row.slug else None
    text = f"{row.text}\n{row.file_text}".strip() or row.title
    return Hit(row.kind, SOURCES[row.kind].label, row.title, _url(row, reach), kpr, snippet(text, query))


def _url(row, reach: Reach) -> str:
    """The page the hit opens, for this person: a measure of their own KPR in the workspace, a
    practice another KPR shared in the exchange; a draft news post in its editor."""
    slug, target = row.slug, row.target_id
    archived = row.archived_at is not None
    match row.kind:
        case "kpr":
            return url_for("public.home", tenant_slug=slug)
        case "person":
            return url_for("structure.people", tenant_slug=slug) + f"#person-{target}"
        case "meeting":
            return url_for("meetings.show", tenant_slug=slug, meeting_id=target)
        case "minutes":
            return url_for("meetings.show", tenant_slug=slug, meeting_id=target) + "#niederschrift"
        case "document":
            return url_for("documents.detail", tenant_slug=slug, document_id=target)
        case "measure":
            if reach.allows("prevention.view", row.tenant_id, archived) or reach.allows(
                    row.rule_alt, row.tenant_id, archived):
                return url_for("prevention.measure", tenant_slug=slug, measure_id=target)
            return url_for("exchange.practice", practice_id=target)
        case "event":
            return url_for("events.detail", event_id=target)
        case "news":
            if row.open_to_all:
                return url_for("public.post", tenant_slug=slug, post_id=target)
            return url_for("public_edit.edit_post", tenant_slug=slug, post_id=target)
    raise ValueError(f"unknown kind {row.kind}")
