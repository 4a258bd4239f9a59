"""The state council's picture of the alliance: every KPR with its people, figures and stage in the
prevention cycle, filtered and sorted, and the districts of Saxony with counts per status and per
stage (KPRs of other Länder apart). Archived KPRs only under the filter "archiviert". A fixed number
of queries: the stages of all KPRs come from one call of `stages()`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa

from tenants import Tenant, TenantStatus, cross_tenant, db
from tenants.districts import BY_NAME, SAXONY, SAXONY_DISTRICTS

from ..accounts.models import Assignment, AssignmentKind, current_assignments
from ..annual_report.listing import latest_submitted_year
from ..coaching.models import NextStep
from ..prevention.stage import Stage, stages
from ..snapshots.models import ActivitySnapshot, latest_activity

SORTS = {
    "name": lambda r: r.tenant.name.lower(),
    "landkreis": lambda r: (r.tenant.district.lower(), r.tenant.name.lower()),
    "status": lambda r: (list(TenantStatus).index(r.tenant.status), r.tenant.name.lower()),
    "vereinbarung": lambda r: (r.tenant.agreement_signed_on is None, r.tenant.agreement_signed_on),
    "aktivitaet": lambda r: (r.last_activity is None, -(r.last_activity.timestamp() if r.last_activity else 0)),
    "zyklus": lambda r: (r.stage.position, r.tenant.name.lower()),
}

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
    coach: Assignment | None
    contact: Assignment | None
    activity: ActivitySnapshot | None
    open_steps: int
    stage: Stage = Stage.not_started
    report_year: int | None = None  # the latest year of a Präventionsbericht lying submitted, not returned

    @property
    def last_activity(self):
        """The workspace's last change; not a sign-in, which only state admins see (least visibility)."""
        return self.activity.last_change_at if self.activity else None


def open_steps_per_tenant() -> dict[int, int]:
    with cross_tenant("state overview: open next steps per KPR"):
        return dict(db.session.execute(
            sa.select(NextStep.tenant_id, sa.func.count()).where(NextStep.done_on.is_(None))
            .group_by(NextStep.tenant_id)).all())


def cycle_stages() -> dict[int, Stage]:
    """The stage of every KPR that has begun the cycle (the others: Stage.not_started)."""
    return stages()


def rows(status: str = "", district: str = "", coach_id: int | None = None, sort: str = "name",
         descending: bool = False, stage: str = "", known: dict[int, Stage] | None = None) -> list[Row]:
    """`known`: the KPRs' stages if already read (cycle_stages), else read for these rows."""
    query = sa.select(Tenant, latest_submitted_year(Tenant.id))
    if status == ARCHIVED:
        query = query.where(Tenant.archived_at.is_not(None))
    else:
        query = query.where(Tenant.archived_at.is_(None))
    if status in TenantStatus.__members__:
        query = query.where(Tenant.status == TenantStatus(status))
    if district:
        query = query.where(Tenant.district == district)
    with cross_tenant("state overview: every KPR with its latest submitted Präventionsbericht"):
        found = db.session.execute(query).all()
    tenants = [t for t, _ in found]
    reports = {t.id: year for t, year in found}
    assignments, activity, steps = current_assignments(), latest_activity(), open_steps_per_tenant()
    known = stages([t.id for t in tenants]) if known is None else known
    result = [Row(t, assignments.get((t.id, AssignmentKind.coach)), assignments.get((t.id, AssignmentKind.contact)),
                  activity.get(t.id), steps.get(t.id, 0), known.get(t.id, Stage.not_started), reports.get(t.id))
              for t in tenants]
    if stage in Stage.__members__:
        result = [r for r in result if r.stage == Stage(stage)]
    if coach_id:
        result = [r for r in result if r.coach is not None and r.coach.user_id == coach_id]
    return sorted(result, key=SORTS.get(sort, SORTS["name"]), reverse=descending)


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
    """The filter's choices: Saxony's districts, then the other districts KPRs name."""
    saxon = sorted(d.name for d in SAXONY_DISTRICTS.values())
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


def stage_places(known: dict[int, Stage]) -> StagePlaces:
    """`known`: every KPR's stage (cycle_stages); one query for where the KPRs are."""
    result = StagePlaces({key: Counter() for key in SAXONY_DISTRICTS}, {})
    for tenant_id, land, district in db.session.execute(
            sa.select(Tenant.id, Tenant.federal_state, Tenant.district).where(Tenant.archived_at.is_(None))):
        stage = known.get(tenant_id, Stage.not_started)
        if land == SAXONY and district in BY_NAME:
            result.saxony[BY_NAME[district].key][stage] += 1
        else:
            result.elsewhere.setdefault((land, district), Counter())[stage] += 1
    return result
