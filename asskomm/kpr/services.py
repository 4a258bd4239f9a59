"""The KPR's settings for its members."""

from __future__ import annotations

from tenants import Tenant, db


def set_member_emails_visible(tenant: Tenant, visible: bool) -> None:
    """Whether the KPR's members see each other's (and the register's) e-mail addresses; those who run
    or support the workspace always do (policy "member_emails.view"). The audit trail records it."""
    tenant.member_emails_visible = visible
    db.session.flush()
