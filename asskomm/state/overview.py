"""The state council's picture of the alliance: the KPRs with their people, figures and stage in
the prevention cycle, filtered, searched, sorted and paginated in SQL (a page of 50, never every KPR),
and the districts of Saxony with counts per status and per stage (KPRs of other Länder apart), as
GROUP BY queries. Archived KPRs only under the filter "archiviert". A fixed number of queries however
many KPRs there are: count, page, the page's people, and the districts' counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from tenants import Tenant, TenantStatus, cross_tenant, db
from tenants.alliances import current_alliance
from tenants.districts import BY_NAME, SAXONY, SAXONY_DISTRICTS

from ..accounts.models import Assignment, AssignmentKind, User, current_assignment_clause
from ..annual_report.listing import latest_submitted_year
from ..coaching.models import NextStep
from ..paging import Page, clamp
from ..prevention.stage import Stage, stage_expression, stage_position
from ..snapshots.models import ActivitySnapshot
from ..timeutil import today

PAGE_SIZE = 50
SORTS = ("name", "landkreis", "status", "vereinbarung", "aktivitaet", "zyklus")

ARCHIVED = "archiviert"  # the status filter's value that shows the archived KPRs (and only them)

# Saxony's ten districts and three district-free cities by AGS prefix (tenants.districts), on a tile
# grid (column, row, short label) that keeps their neighbourhoods: a cartogram drawn on the server.
SAXONY_TILES: dict[str, tuple[int, int, str]] = {
    "14730": (1, 0, "Nordsachsen"), "14713": (0, 1, "Leipzig (Stadt)"), "14729": (1, 1, "Leipzig"),
    "14627": (2, 1, "Meißen"), "14625": (3, 1, "Bautzen"), "14626": (4, 1, "Görlitz"),
    "14522": (2, 2, "Mittelsachsen"), "14612": (3, 2, "Dresden (Stadt)"), "14511": (1, 3, "Chemnitz (Stadt)"),
    "14524": (0, 3, "Zwickau"), "14628": (3, 3, "Sächs. Schweiz-Osterzg."), "14523": (0, 4, "Vogtlandkreis"),
    "14521": (1, 4, "Erzgebirgskreis"),
}
assert set(SAXONY_TILES) == set(SAXONY_DISTRICTS), "every district of Saxony has its tile"


@dataclass
class Row:
    tenant: Tenant
    coach: str | None  # the names of the coach and the contact in force today
    contact: str | None
    members: int | None  # from the newest activity snapshot, None without one
    last_activity: datetime | None  # the workspace's last change; not a sign-in (least visibility)
    open_steps: int
    stage: Stage = Stage.not_started
    report_year: int | None = None  # the latest year of a Präventionsbericht lying submitted, not returned


def _newest_activity(column) -> sa.ScalarSelect:
    return (sa.select(column).where(ActivitySnapshot.tenant_id == Tenant.id)
            .order_by(ActivitySnapshot.day.desc()).limit(1).scalar_subquery())


def _open_steps() -> sa.ScalarSelect:
    return (sa.select(sa.func.count()).select_from(NextStep)
            .where(NextStep.tenant_id == Tenant.id, NextStep.done_on.is_(None)).scalar_subquery())


def _order(sort: str, descending: bool, stage, last_change) -> list:
    """SQL ORDER BY terms as (term, ascending); the KPR's name and id last, so pages are stable.
    Descending turns every term round, as reversing the sorted list would."""
    status = sa.case(*((Tenant.status == s, i) for i, s in enumerate(TenantStatus)), else_=0)
    terms = {
        "landkreis": [(sa.func.lower(Tenant.district), True)],
        "status": [(status, True)],
        "vereinbarung": [(Tenant.agreement_signed_on.is_(None), True), (Tenant.agreement_signed_on, True)],
        "aktivitaet": [(last_change.is_(None), True), (last_change, False)],  # the latest first, none last
        "zyklus": [(stage_position(stage), True)],
    }.get(sort, [])
    terms = [*terms, (sa.func.lower(Tenant.name), True), (Tenant.id, True)]
    return [term.asc() if ascending != descending else term.desc() for term, ascending in terms]


def rows(status: str = "", district: str = "", coach_id: int | None = None, sort: str = "name",
         descending: bool = False, stage: str = "", q: str = "", page: int = 1) -> Page:
    """One page of the KPRs that match, with the number that match (Page.total): count, page and
    the page's people, three queries however many KPRs match."""
    stage_column = stage_expression(Tenant.id)
    last_change = _newest_activity(ActivitySnapshot.last_change_at)
    where = [Tenant.archived_at.is_not(None) if status == ARCHIVED else Tenant.archived_at.is_(None)]
    if status in TenantStatus.__members__:
        where.append(Tenant.status == TenantStatus(status))
    if district:
        where.append(Tenant.district == district)
    if stage in Stage.__members__:
        where.append(stage_column == stage)
    if coach_id:
        where.append(sa.exists().where(Assignment.tenant_id == Tenant.id, Assignment.kind == AssignmentKind.coach,
                                       Assignment.user_id == coach_id, current_assignment_clause(today())))
    if q.strip():
        text = q.strip()
        where.append(sa.or_(Tenant.name.icontains(text, autoescape=True),
                            Tenant.slug.icontains(text, autoescape=True), Tenant.ags.startswith(text, autoescape=True)))
    order = _order(sort if sort in SORTS else "name", descending, stage_column, last_change)
    query = (sa.select(Tenant, stage_column, latest_submitted_year(Tenant.id),
                       _newest_activity(ActivitySnapshot.members), last_change, _open_steps())
             .where(*where).order_by(*order))
    with cross_tenant("state overview: a page of KPRs with their stage, activity, open steps and reports"):
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Tenant).where(*where)) or 0
        number, pages = clamp(total, page, PAGE_SIZE)
        found = db.session.execute(query.limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)).all()
    people = _people([row[0].id for row in found])
    return Page([Row(tenant, people.get((tenant.id, AssignmentKind.coach)),
                     people.get((tenant.id, AssignmentKind.contact)), members, change, steps or 0, Stage(stage_value),
                     year)
                 for tenant, stage_value, year, members, change, steps in found], total, number, pages)


def _people(tenant_ids: list[int]) -> dict[tuple[int, AssignmentKind], str]:
    """The names of the coach and contact in force today of these KPRs, in one query (also for none:
    the page's count of statements does not depend on what it finds)."""
    return {(tenant_id, kind): name for tenant_id, kind, name in db.session.execute(
        sa.select(Assignment.tenant_id, Assignment.kind, User.name).join(User, User.id == Assignment.user_id)
        .where(Assignment.tenant_id.in_(tenant_ids), current_assignment_clause(today()))
        .order_by(Assignment.starts_on, Assignment.id))}


@dataclass
class Places:
    """KPRs that are not archived, counted per status: in each of Saxony's districts (by key, all
    thirteen), and elsewhere per (Land, district) — those are not drawn among Saxony's."""

    saxony: dict[str, Counter]
    elsewhere: dict[tuple[str, str], Counter]
    archived: int

    @property
    def by_status(self) -> Counter:
        return sum((*self.saxony.values(), *self.elsewhere.values()), Counter())


def places() -> Places:
    result = Places({key: Counter() for key in SAXONY_DISTRICTS}, {}, 0)
    for land, district, status, archived, n in db.session.execute(
            sa.select(Tenant.federal_state, Tenant.district, Tenant.status, Tenant.archived_at.is_not(None),
                      sa.func.count())
            .group_by(Tenant.federal_state, Tenant.district, Tenant.status, Tenant.archived_at.is_not(None))):
        if archived:
            result.archived += n
        elif land == SAXONY and district in BY_NAME:
            result.saxony[BY_NAME[district].key][status] += n
        else:
            result.elsewhere.setdefault((land, district), Counter())[status] += n
    return result


def all_districts() -> list[str]:
    """The filter's choices: Saxony's districts (in Saxony's alliance), then the other districts KPRs name."""
    saxon = sorted(d.name for d in SAXONY_DISTRICTS.values()) if current_alliance().federal_state == SAXONY else []
    others = db.session.scalars(sa.select(Tenant.district).distinct().order_by(Tenant.district))
    return saxon + [d for d in others if d not in BY_NAME]


@dataclass
class StagePlaces:
    """KPRs that are not archived, counted per stage of the prevention cycle: in each of Saxony's
    districts (by key) and elsewhere per (Land, district), as Places does per status."""

    saxony: dict[str, Counter]
    elsewhere: dict[tuple[str, str], Counter]

    @property
    def in_saxony(self) -> Counter:
        return sum(self.saxony.values(), Counter())

    @property
    def by_stage(self) -> Counter:
        return sum((*self.saxony.values(), *self.elsewhere.values()), Counter())


def stage_places() -> StagePlaces:
    """One GROUP BY query: KPRs per (Land, district, stage), the stage computed in SQL."""
    result = StagePlaces({key: Counter() for key in SAXONY_DISTRICTS}, {})
    listed = (sa.select(Tenant.federal_state.label("land"), Tenant.district.label("district"),
                        stage_expression(Tenant.id).label("stage")).where(Tenant.archived_at.is_(None)).subquery())
    with cross_tenant("state overview: KPRs per district and stage of the prevention cycle"):
        found = db.session.execute(sa.select(listed.c.land, listed.c.district, listed.c.stage, sa.func.count())
                                   .group_by(listed.c.land, listed.c.district, listed.c.stage)).all()
    for land, district, stage, n in found:
        if land == SAXONY and district in BY_NAME:
            result.saxony[BY_NAME[district].key][Stage(stage)] += n
        else:
            result.elsewhere.setdefault((land, district), Counter())[Stage(stage)] += n
    return result
