"""Who may take part in an event: its audience (coordinators, members, coaches, open) and its
reach (all KPRs, one district, invited KPRs)."""

from __future__ import annotations

from tenants import Tenant

from ...accounts.models import GlobalRole, MembershipRole, User
from ..models import Audience, Event, Reach


def invited_tenant_ids(event: Event) -> set[int]:
    """From the event's invitations, loaded once per event: a list of members asks for each."""
    return {invitation.tenant_id for invitation in event.invitations}


def reaches(event: Event, tenant: Tenant | None) -> bool:
    if event.reach == Reach.all:
        return True
    if tenant is None:
        return False
    if event.reach == Reach.district:
        return tenant.district == event.district
    return tenant.id in invited_tenant_ids(event)


def kpr_refusal(event: Event, tenant: Tenant) -> str | None:
    """Why nobody of `tenant` may take part (reach, or an event for coaches); None if some may."""
    if not reaches(event, tenant):
        return f"Diese Veranstaltung ist nicht für den {tenant.short_name} ausgeschrieben."
    if event.audience == Audience.coaches:
        return "Diese Veranstaltung richtet sich an ASSKomm-Coaches."
    return None


def refusal(event: Event, user: User, tenant: Tenant | None, role: MembershipRole | None) -> str | None:
    """Why `user` (for `tenant`, where they hold `role`) may not take part; None if they may."""
    if tenant is None:  # coaches, state staff, anyone taking part for no KPR
        if event.audience == Audience.open:
            return None
        if event.audience == Audience.coaches and user.has_role(GlobalRole.coach):
            return None
        return f"Diese Veranstaltung richtet sich an {event.audience.label}."
    reason = kpr_refusal(event, tenant)
    if reason is None and event.audience == Audience.coordinators and role != MembershipRole.coordinator:
        reason = "Diese Veranstaltung richtet sich an Koordinator:innen."
    return reason
