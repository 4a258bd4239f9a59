"""The coach's home (the caseload: KPRs assigned today with their figures, earlier assignments, due
next steps), the state council's view of every coach's caseload, and each KPR's consultation log."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import db

from ..forms import back_on_refusal, form_page
from ..navigation import tenant_nav_item
from ..policy import requires, tenant_area
from ..snapshots.models import latest_run
from ..timeutil import today
from . import services
from .forms import ConsultationForm
from .models import ConsultationTopic, NextStep

bp = Blueprint("coaching", __name__, url_prefix="/coach", template_folder="templates")
state_bp = Blueprint("coaching_state", __name__, url_prefix="/land/coaches", template_folder="templates")
log_bp = tenant_area("coaching_log", __name__, template_folder="templates")
tenant_nav_item("Beratung", "coaching_log.log", "coaching.read", 45)


@bp.get("/")
@requires("coaching.home")
def home():
    load = services.caseload(current_user)
    return render_template("coaching/home.html", load=load, run=latest_run("activity"),
                           due=services.due_steps_for(list(load.tenants)), today=today())


@state_bp.get("/")
@requires("state.overview")
def coaches():
    return render_template("coaching/coaches.html", summaries=services.coach_summaries(), year=today().year)


@state_bp.get("/<int:coach_user_id>")
@requires("state.overview")
def caseload(coach_user_id: int):
    coach = services.coach_by_id(coach_user_id)
    if coach is None:
        abort(404)
    return render_template("coaching/caseload.html", load=services.caseload(coach), run=latest_run("activity"))


@log_bp.get("/beratung")
@requires("coaching.read")
def log():
    return render_template("coaching/log.html", entries=services.log(), hours=services.hours_by_topic())


@log_bp.route("/beratung/neu", methods=["GET", "POST"])
@requires("coaching.write")
def new_entry():
    form = ConsultationForm(data={"held_on": today()} if request.method == "GET" else None)

    def save():
        services.save_consultation(None, current_user, form.held_on.data, ConsultationTopic(form.topic.data),
                                   form.hours.data, form.notes.data or "", [e.data for e in form.steps])
        flash("Die Beratung ist eingetragen.", "success")
        return redirect(url_for(".log"))

    return form_page(form, "coaching/entry_form.html", save)


@log_bp.post("/beratung/schritte/<int:next_step_id>/erledigt")
@requires("coaching.steps", load=lambda next_step_id: db.get_or_404(NextStep, next_step_id))
def complete_step(obj: NextStep):
    back_on_refusal(url_for(".log"))
    services.complete_step(obj)
    flash(f"„{obj.title}“ ist erledigt.", "success")
    return redirect(url_for(".log"))
