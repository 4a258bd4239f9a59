"""The start page of the prevention cycle."""

from __future__ import annotations

import sqlalchemy as sa
from flask import g, render_template

from tenants import db

from ...policy import requires
from ..blueprint import bp
from ..models import PreventionCycle
from ..stage import stage_of


@bp.get("/praevention/")
@requires("prevention.stage")
def home():
    cycles = db.session.scalars(sa.select(PreventionCycle).order_by(PreventionCycle.number.desc())).all()
    return render_template("prevention/home.html", stage=stage_of(g.tenant.id), cycles=cycles)
