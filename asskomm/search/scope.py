"""Who may open which entry: the policy's rules applied to the whole index at once.

A person's roles are read once (their memberships, their assignments in force today, state
admin or not), and each entry's rules become one SQL condition — so the search sends the same
few queries for 1 hit or 500, and an entry is found only by those who may open the page it
links to. The search-isolation test opens every hit of every demo persona to prove it."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from tenants import Tenant, db, maybe_alliance_id

from ..accounts.models import Assignment, GlobalRole, current_assignment_clause
from ..events.models import Event
from ..policy import STATE_ADMIN, TENANT_RULES, WHEN_ARCHIVED, in_alliance, memberships_of
from ..timeutil import today
from .models import SearchEntry

# the tenant actions that entries name (sources.py)
RULES = ("tenant.view", "structure.view", "meetings.view", "documents.view", "prevention.view",
         "prevention.shared", "public.edit")


@dataclass(frozen=True)
class Reach:
    """Where a person's roles reach: per rule, the KPRs where they hold it, or every KPR."""

    everywhere: frozenset[str]
    kprs: dict[str, frozenset[int]] = field(default_factory=dict)
    alliance: bool = False

    def allows(self, rule: str | None, tenant_id: int | None, archived: bool) -> bool:
        """The same decision as `condition`, for one entry already found (to choose its link)."""
        if rule is None or tenant_id is None or (archived and rule not in WHEN_ARCHIVED):
            return False
        return rule in self.everywhere or tenant_id in self.kprs.get(rule, frozenset())

    def condition(self, rule: str) -> sa.ColumnElement:
        granted = sa.true() if rule in self.everywhere else SearchEntry.tenant_id.in_(sorted(self.kprs[rule]))
        return granted if rule in WHEN_ARCHIVED else sa.and_(Tenant.archived_at.is_(None), granted)


def reach_of(user) -> Reach:
    """Two queries at most (the memberships are cached for the request)."""
    roles: dict[int, set[str]] = {t: {role.value} for t, role in memberships_of(user).items()}
    for tenant_id, kind in db.session.execute(sa.select(Assignment.tenant_id, Assignment.kind).where(
            Assignment.user_id == user.id, current_assignment_clause(today()))):
        roles.setdefault(tenant_id, set()).add(kind.value)
    admin = user.has_role(GlobalRole.state_admin)  # the state admins hold their role in every KPR
    everywhere = frozenset(rule for rule in RULES if admin and STATE_ADMIN in TENANT_RULES[rule])
    kprs = {rule: frozenset(t for t, held in roles.items() if held & TENANT_RULES[rule]) for rule in RULES}
    return Reach(everywhere, kprs, in_alliance(user))


def visible(reach: Reach) -> sa.ColumnElement:
    """The entries `reach` may open (the query joins Tenant outer, for the archived state). An entry
    of a KPR outside the request's alliance finds no Tenant row (tenants.scoping) and is left out,
    whatever the roles (a state admin's reach is every KPR of their alliance); an event only if the
    alliance's catalog shows it."""
    not_archived = sa.and_(Tenant.archived_at.is_(None), Tenant.id.is_not(None))
    in_catalog = sa.true()
    if (alliance_id := maybe_alliance_id()) is not None:
        events = sa.select(Event.id).where(
            sa.or_(Event.alliance_id == alliance_id, Event.open_to_all_alliances.is_(True)))
        in_catalog = sa.or_(SearchEntry.kind != "event", SearchEntry.target_id.in_(events))
    ways = [
        sa.and_(SearchEntry.tenant_id.is_(None), SearchEntry.open_to_all, in_catalog),  # the alliance's events
        sa.and_(SearchEntry.open_to_all, not_archived),
    ]
    if reach.alliance:
        ways.append(sa.and_(SearchEntry.for_alliance, not_archived))
    for rule in RULES:
        if rule in reach.everywhere or reach.kprs.get(rule):
            ways.append(sa.and_(sa.or_(SearchEntry.rule == rule, SearchEntry.rule_alt == rule),
                                reach.condition(rule), Tenant.id.is_not(None)))
    return sa.or_(*ways)
