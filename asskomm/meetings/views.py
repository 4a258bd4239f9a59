"""Meetings, invitations and replies, minutes and action items."""

from __future__ import annotations

from ..policy import public_tenant_area, tenant_area

bp = tenant_area("meetings", __name__, template_folder="templates")
public_bp = public_tenant_area("meetings_public", __name__, template_folder="templates")
