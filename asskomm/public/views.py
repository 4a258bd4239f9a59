"""The public page of a KPR and the public index of the alliance."""

from __future__ import annotations

from flask import Blueprint

from ..policy import public_tenant_area, tenant_area

bp = public_tenant_area("public", __name__, template_folder="templates")
edit_bp = tenant_area("public_edit", __name__, template_folder="templates")
index_bp = Blueprint("alliance", __name__, template_folder="templates")
