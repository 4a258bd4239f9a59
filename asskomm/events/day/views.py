"""On the day and after: check-in list, certificates, participant lists, feedback.

Manager pages (state council, or coordinators of the organising KPR) answer 404 to everyone else;
a registration's certificate and feedback belong to its person, and managers may look at them.
Thin: permission, form, service, redirect; the request commits.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from tenants import db

from ...exports import download
from ...forms import form_page
from ...policy import can, requires
from ..models import Event, Registration
from . import exports, services
from .forms import FeedbackForm

bp = Blueprint("events_day", __name__, url_prefix="/veranstaltungen", template_folder="../templates")


def _event(event_id: int) -> Event:
    return db.get_or_404(Event, event_id, options=[selectinload(Event.sessions), joinedload(Event.organiser)])


def _registration(registration_id: int) -> Registration:
    return db.get_or_404(Registration, registration_id,
                         options=[joinedload(Registration.event).selectinload(Event.sessions)])


# --- attendance list -----------------------------------------------------------------------------


@bp.route("/<int:event_id>/teilnahme", methods=["GET", "POST"])
@requires("event.manage", load=_event)
def attendance(obj: Event):
    event = obj
    if request.method == "POST":
        present = set()
        for value in request.form.getlist("present"):
            registration_id, _, session_id = value.partition(":")
            if registration_id.isdigit() and session_id.isdigit():
                present.add((int(registration_id), int(session_id)))
        count = services.record_attendance(event, present)
        flash(f"Anwesenheit gespeichert ({count} Anwesenheiten).", "success")
        return redirect(url_for(".attendance", event_id=event.id))
    template = "events/day_attendance_print.html" if request.args.get("druck") else "events/day_attendance.html"
    return render_template(template, event=event, rows=services.rows(event), organiser=services.organiser_name(event))


# --- certificates --------------------------------------------------------------------------------


@bp.post("/<int:event_id>/bescheinigungen")
@requires("event.manage", load=_event)
def make_event_certificates(obj: Event):
    services.order_certificates(obj)
    flash("Die Teilnahmebescheinigungen werden erstellt; das kann einen Moment dauern.", "success")
    return redirect(url_for(".attendance", event_id=obj.id))


@bp.get("/anmeldungen/<int:registration_id>/bescheinigung.pdf")
@requires("registration.view", load=_registration)
def certificate(obj: Registration):
    pdf = services.certificate_pdf(obj)
    if pdf is None:  # the person's own link works before the worker made it: say why there is none
        return render_template("events/day_no_certificate.html", registration=obj,
                               attended=bool(services.attended_sessions(obj)))
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="teilnahmebescheinigung-{obj.event_id}.pdf"'})


# --- participant lists ---------------------------------------------------------------------------


@bp.get("/<int:event_id>/teilnehmende.csv")
@requires("event.manage", load=_event)
def participants_csv(obj: Event):
    return download(exports.as_csv(obj, services.rows(obj, services.LISTED)), f"teilnehmende-{obj.id}.csv")


@bp.get("/<int:event_id>/teilnehmende.xlsx")
@requires("event.manage", load=_event)
def participants_xlsx(obj: Event):
    return download(exports.as_xlsx(obj, services.rows(obj, services.LISTED)), f"teilnehmende-{obj.id}.xlsx")


# --- feedback ------------------------------------------------------------------------------------


@bp.route("/anmeldungen/<int:registration_id>/rueckmeldung", methods=["GET", "POST"])
@requires("registration.view", load=_registration)
def feedback(obj: Registration):
    registration, here = obj, url_for(".feedback", registration_id=obj.id)
    own = can(current_user, "registration.feedback", registration)
    if request.method == "POST" and not own:
        abort(404)  # organisers read feedback; they do not give it for others
    refusal = services.feedback_refusal(registration) if own else None
    if request.method == "POST" and refusal:  # the page shows no form: say why again
        flash(refusal, "error")
        return redirect(here)
    given = services.feedback_of(registration)
    form = FeedbackForm(obj=given if request.method == "GET" else None)

    def save():
        services.give_feedback(registration, form.overall.data, form.usefulness.data, form.comment.data)
        flash("Vielen Dank für Ihre Rückmeldung.", "success")
        return redirect(here)

    return form_page(form, "events/day_feedback.html", save, registration=registration, event=registration.event,
                     given=given, own=own, refusal=refusal)


@bp.get("/<int:event_id>/rueckmeldungen")
@requires("event.manage", load=_event)
def feedback_results(obj: Event):
    return render_template("events/day_feedback_results.html", event=obj, results=services.feedback_results(obj))
