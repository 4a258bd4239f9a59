"""The start page of the prevention cycle: where the KPR stands (the diagram with its text
equivalent), the current round's figures, the next step, and the earlier rounds."""

from __future__ import annotations

import sqlalchemy as sa
from flask import g, render_template
from flask_login import current_user

from tenants import db

from ...policy import can, requires
from ..blueprint import bp
from ..models import PreventionCycle
from ..stage import stage_of
from .diagram import cycle_diagram
from .summary import next_step, round_figures, stage_lines


@bp.get("/praevention/")
@requires("prevention.stage")
def home():
    cycles = db.session.scalars(sa.select(PreventionCycle).order_by(PreventionCycle.number.desc())).all()
    readable = {c.id: (can(current_user, "cycle.read_analysis", c), can(current_user, "cycle.read_strategy", c))
                for c in cycles}
    figures = round_figures(list(cycles), readable)
    current = cycles[0] if cycles else None
    shown = figures[current.id] if current else None
    stage = stage_of(g.tenant.id)
    step = next_step(stage, shown)
    if step.editing:
        step_link = can(current_user, "cycle.edit", current) if current else can(current_user, "prevention.edit",
                                                                                   g.tenant)
    else:
        step_link = bool(current) and readable[current.id][0 if step.part == "analysis" else 1]
    return render_template(
        "prevention/home.html", stage=stage, cycles=cycles, current=current, figures=figures, shown=shown,
        diagram=cycle_diagram(stage, round_number=current.number if current else None),
        lines=stage_lines(stage, shown), step=step, step_link=step_link,
        may_start=current is None and can(current_user, "prevention.edit", g.tenant),
        may_view=can(current_user, "prevention.view", g.tenant))
