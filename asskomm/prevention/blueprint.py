"""The blueprints of the prevention cycle: the KPR's pages under /k/<slug>/praevention/ and the
state council's Land figures under /land/, and the survey's public pages for respondents."""

from __future__ import annotations

from flask import Blueprint

from ..navigation import tenant_nav_item
from ..policy import public_tenant_area, tenant_area

bp = tenant_area("prevention", __name__, template_folder="templates")
# The citizen survey's pages for respondents, under /k/<slug>/befragung/: no sign-in.
public_bp = public_tenant_area("survey_public", __name__, template_folder="templates")
land_bp = Blueprint("prevention_land", __name__, url_prefix="/land", template_folder="templates")
tenant_nav_item("Präventionszyklus", "prevention.home", "prevention.stage", 35, group="praevention")
