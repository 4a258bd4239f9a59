"""The founding guide."""

from __future__ import annotations

from ..policy import tenant_area

bp = tenant_area("founding", __name__, template_folder="templates")
