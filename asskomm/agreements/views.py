"""The cooperation agreement of a KPR: recorded by the state council, read by the KPR and its coach."""

from __future__ import annotations

from ..policy import tenant_area

bp = tenant_area("agreements", __name__, template_folder="templates")
