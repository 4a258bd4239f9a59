"""The coach's home: only the KPRs assigned to them today."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template
from flask_login import current_user

from tenants import db

from ..accounts.models import Assignment, AssignmentKind, current_assignment_clause
from ..policy import requires
from ..snapshots.models import latest_activity
from ..timeutil import today

bp = Blueprint("coaching", __name__, url_prefix="/coach", template_folder="templates")


@bp.get("/")
@requires("coaching.home")
def home():
    assignments = db.session.scalars(
        sa.select(Assignment)
        .where(Assignment.user_id == current_user.id, Assignment.kind == AssignmentKind.coach,
               current_assignment_clause(today()))
        .order_by(Assignment.starts_on)
    ).all()
    return render_template("coaching/home.html", assignments=assignments, activity=latest_activity())
