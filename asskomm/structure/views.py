"""Structure of a KPR: bodies, people, memberships; organisation chart and members by sector."""

from __future__ import annotations

from ..policy import tenant_area

bp = tenant_area("structure", __name__, template_folder="templates")
