"""Documents with versions: upload, list, download."""

from __future__ import annotations

from ..policy import public_tenant_area, tenant_area

bp = tenant_area("documents", __name__, template_folder="templates")
public_bp = public_tenant_area("documents_public", __name__, template_folder="templates")
