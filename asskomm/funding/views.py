"""Funding applications of a KPR per year."""

from __future__ import annotations

from ..policy import tenant_area

bp = tenant_area("funding", __name__, template_folder="templates")
