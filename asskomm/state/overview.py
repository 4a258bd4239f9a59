"""The state council's picture of the alliance: every KPR with its people and figures, filtered and
sorted, and the districts of Saxony with counts per status. A fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa

from tenants import Tenant, TenantStatus, cross_tenant, db

from ..accounts.models import Assignment, AssignmentKind, current_assignments
from ..coaching.models import NextStep
from ..snapshots.models import ActivitySnapshot, latest_activity

SORTS = {
    "name": lambda r: r.tenant.name.lower(),
    "landkreis": lambda r: (r.tenant.district.lower(), r.tenant.name.lower()),
    "status": lambda r: (list(TenantStatus).index(r.tenant.status), r.tenant.name.lower()),
    "vereinbarung": lambda r: (r.tenant.agreement_signed_on is None, r.tenant.agreement_signed_on),
    "aktivitaet": lambda r: (r.last_activity is None, -(r.last_activity.timestamp() if r.last_activity else 0)),
}

# Saxony's ten districts and three district-free cities on a tile grid (column, row) that keeps
# their neighbourhoods: a cartogram drawn on the server, no map tiles from the internet.
SAXONY_TILES = {
    "Nordsachsen": (1, 0), "Leipzig": (0, 1), "Landkreis Leipzig": (1, 1), "Landkreis Meißen": (2, 1),
    "Landkreis Bautzen": (3, 1), "Landkreis Görlitz": (4, 1), "Landkreis Mittelsachsen": (2, 2),
    "Dresden": (3, 2), "Chemnitz": (1, 3), "Landkreis Zwickau": (0, 3),
    "Landkreis Sächsische Schweiz-Osterzgebirge": (3, 3), "Vogtlandkreis": (0, 4), "Erzgebirgskreis": (1, 4),
}
TILE_LABELS = {"Leipzig": "Leipzig (Stadt)", "Dresden": "Dresden (Stadt)", "Chemnitz": "Chemnitz (Stadt)",
               "Landkreis Sächsische Schweiz-Osterzgebirge": "Sächs. Schweiz-Osterzg."}
ALIASES = {"Landkreis Nordsachsen": "Nordsachsen", "Landkreis Vogtlandkreis": "Vogtlandkreis",
           "Landkreis Erzgebirgskreis": "Erzgebirgskreis"}


@dataclass
class Row:
    tenant: Tenant
    coach: Assignment | None
    contact: Assignment | None
    activity: ActivitySnapshot | None
    open_steps: int

    @property
    def last_activity(self):
        if self.activity is None:
            return None
        moments = [m for m in (self.activity.last_login_at, self.activity.last_change_at) if m is not None]
        return max(moments) if moments else None


def open_steps_per_tenant() -> dict[int, int]:
    with cross_tenant("state overview: open next steps per KPR"):
        return dict(db.session.execute(
            sa.select(NextStep.tenant_id, sa.func.count()).where(NextStep.done_on.is_(None))
            .group_by(NextStep.tenant_id)).all())


def rows(status: str = "", district: str = "", coach_id: int | None = None, sort: str = "name",
         descending: bool = False) -> list[Row]:
    query = sa.select(Tenant)
    if status in TenantStatus.__members__:
        query = query.where(Tenant.status == TenantStatus(status))
    if district:
        query = query.where(Tenant.district == district)
    tenants = db.session.scalars(query).all()
    assignments, activity, steps = current_assignments(), latest_activity(), open_steps_per_tenant()
    result = [Row(t, assignments.get((t.id, AssignmentKind.coach)), assignments.get((t.id, AssignmentKind.contact)),
                  activity.get(t.id), steps.get(t.id, 0)) for t in tenants]
    if coach_id:
        result = [r for r in result if r.coach is not None and r.coach.user_id == coach_id]
    return sorted(result, key=SORTS.get(sort, SORTS["name"]), reverse=descending)


def district_counts() -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    for district, status, n in db.session.execute(
            sa.select(Tenant.district, Tenant.status, sa.func.count()).group_by(Tenant.district, Tenant.status)):
        counts.setdefault(ALIASES.get(district, district), Counter())[status] += n
    return counts


def all_districts() -> list[str]:
    return list(db.session.scalars(sa.select(Tenant.district).distinct().order_by(Tenant.district)))
