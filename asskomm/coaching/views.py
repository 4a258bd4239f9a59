"""The coach's home (the caseload: KPRs assigned today with their figures, earlier assignments, due
next steps), the state council's view of every coach's caseload, and each KPR's consultation log."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import db

from ..confirm import confirm
from ..formats import format_number
from ..forms import back_on_refusal, form_page
from ..navigation import tenant_nav_item
from ..policy import requires, tenant_area
from ..snapshots.models import latest_run
from ..timeutil import format_date, today
from . import services
from .forms import ConsultationForm
from .models import Consultation, ConsultationTopic, NextStep

bp = Blueprint("coaching", __name__, url_prefix="/coach", template_folder="templates")
state_bp = Blueprint("coaching_state", __name__, url_prefix="/land/coaches", template_folder="templates")
log_bp = tenant_area("coaching_log", __name__, template_folder="templates")
tenant_nav_item("Beratung", "coaching_log.log", "coaching.read", 45, group="praevention")


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
    return _entry_page(None, ConsultationForm(data={"held_on": today()} if request.method == "GET" else None))


def _load_consultation(consultation_id: int) -> Consultation:
    return db.get_or_404(Consultation, consultation_id)


@log_bp.route("/beratung/<int:consultation_id>/bearbeiten", methods=["GET", "POST"])
@requires("consultation.edit", load=_load_consultation)
def edit_entry(obj: Consultation):
    """The coach corrects their own entry; the audit trail keeps the old values."""
    form = ConsultationForm(obj=obj) if request.method == "GET" else ConsultationForm()
    if request.method == "GET":
        form.topic.data = obj.topic.value
    return _entry_page(obj, form)


def _entry_page(entry: Consultation | None, form: ConsultationForm):
    def save():
        services.save_consultation(entry, current_user, form.held_on.data, ConsultationTopic(form.topic.data),
                                   form.hours.data, form.notes.data or "", [e.data for e in form.steps])
        flash("Die Beratung ist eingetragen." if entry is None else "Die Beratung ist berichtigt.", "success")
        return redirect(url_for(".log", _anchor=f"beratung-{entry.id}" if entry else None))

    return form_page(form, "coaching/entry_form.html", save, entry=entry)


@log_bp.route("/beratung/<int:consultation_id>/zurueckziehen", methods=["GET", "POST"])
@requires("consultation.edit", load=_load_consultation)
def withdraw_entry(obj: Consultation):
    open_steps = sum(1 for step in obj.next_steps if step.done_on is None)
    question = confirm(
        f"Beratung vom {format_date(obj.held_on)} zurückziehen?", [
            f"Die Beratung ({obj.topic.label}, {format_number(obj.hours, 'hours')} Std.) zählt nicht mehr in den "
            "Beratungsstunden, in Ihrer Übersicht und in den landesweiten Berichten.",
            *([f"{open_steps} offene nächste Schritte erscheinen nicht mehr als fällig."] if open_steps else []),
            "Der Eintrag bleibt als „zurückgezogen“ im Beratungsprotokoll; das Änderungsprotokoll behält seine Angaben "
            "und Ihre Begründung."],
        "Beratung zurückziehen", url_for(".log", _anchor=f"beratung-{obj.id}"))
    if not question.confirmed:
        return question.page
    back_on_refusal(url_for(".log"))
    services.withdraw_consultation(obj)
    flash(f"Die Beratung vom {format_date(obj.held_on)} ist zurückgezogen.", "success")
    return redirect(url_for(".log"))


@log_bp.post("/beratung/schritte/<int:next_step_id>/erledigt")
@requires("coaching.steps", load=lambda next_step_id: db.get_or_404(NextStep, next_step_id))
def complete_step(obj: NextStep):
    back_on_refusal(url_for(".log"))
    services.complete_step(obj)
    flash(f"„{obj.title}“ ist erledigt.", "success")
    return redirect(url_for(".log"))
