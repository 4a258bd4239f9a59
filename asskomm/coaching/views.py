"""The coach's home (only the KPRs assigned today, due next steps) and each KPR's consultation log."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import db

from ..accounts.models import Assignment, AssignmentKind, current_assignment_clause
from ..errors import DomainError
from ..forms import show_error
from ..navigation import tenant_nav_item
from ..policy import requires, tenant_area
from ..snapshots.models import latest_activity
from ..timeutil import today
from . import services
from .forms import ConsultationForm
from .models import ConsultationTopic, NextStep

bp = Blueprint("coaching", __name__, url_prefix="/coach", template_folder="templates")
log_bp = tenant_area("coaching_log", __name__, template_folder="templates")
tenant_nav_item("Beratung", "coaching_log.log", "coaching.read", 45)


@bp.get("/")
@requires("coaching.home")
def home():
    assignments = db.session.scalars(
        sa.select(Assignment)
        .where(Assignment.user_id == current_user.id, Assignment.kind == AssignmentKind.coach,
               current_assignment_clause(today()))
        .order_by(Assignment.starts_on)
    ).all()
    return render_template("coaching/home.html", assignments=assignments, activity=latest_activity(),
                           due=services.due_steps_for([a.tenant_id for a in assignments]), today=today())


@log_bp.get("/beratung")
@requires("coaching.read")
def log():
    return render_template("coaching/log.html", entries=services.log(), hours=services.hours_by_topic())


@log_bp.route("/beratung/neu", methods=["GET", "POST"])
@requires("coaching.write")
def new_entry():
    form = ConsultationForm(data={"held_on": today()} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.save_consultation(None, current_user, form.held_on.data, ConsultationTopic(form.topic.data),
                                       form.hours.data, form.notes.data or "", [e.data for e in form.steps])
        except DomainError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash("Die Beratung ist eingetragen.", "success")
            return redirect(url_for(".log"))
    return render_template("coaching/entry_form.html", form=form), 422 if form.is_submitted() else 200


@log_bp.post("/beratung/schritte/<int:next_step_id>/erledigt")
@requires("coaching.steps", load=lambda next_step_id: db.get_or_404(NextStep, next_step_id))
def complete_step(obj: NextStep):
    try:
        services.complete_step(obj)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(f"„{obj.title}“ ist erledigt.", "success")
    return redirect(url_for(".log"))
