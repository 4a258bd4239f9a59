"""On the day and after: check-in list, certificates, participant lists, feedback.

Manager pages (state council, or coordinators of the organising KPR) answer 404 to everyone else;
a registration's certificate and feedback belong to its person, and managers may look at them.
Waitlisted and cancelled registrations have neither: their pages are a 404. The certificate's
.pdf address answers a PDF or a 404; the page beside it says why there is none (yet).
Thin: permission, form, service, redirect; the request commits.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from tenants import db

from ...exports import download
from ...forms import back_on_refusal, form_page
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
    here = url_for(".attendance", event_id=event.id)
    if request.method == "POST":
        present = set()
        for value in request.form.getlist("present"):
            registration_id, _, session_id = value.partition(":")
            if registration_id.isdigit() and session_id.isdigit():
                present.add((int(registration_id), int(session_id)))
        back_on_refusal(here)
        count = services.record_attendance(event, present)
        flash(f"Anwesenheit gespeichert ({count} Anwesenheiten).", "success")
        return redirect(here)
    template = "events/day_attendance_print.html" if request.args.get("druck") else "events/day_attendance.html"
    opens = {s.id: services.checkin_opens(s) for s in event.sessions}
    return render_template(template, event=event, rows=services.rows(event), organiser=services.organiser_name(event),
                           opens=opens, open_ids={s.id for s in event.sessions if services.checkin_open(s)},
                           early=int(services.early_window().total_seconds() // 60), over=services.event_over(event),
                           ends=max((s.ends_at for s in event.sessions), default=None))


# --- certificates --------------------------------------------------------------------------------


@bp.post("/<int:event_id>/bescheinigungen")
@requires("event.manage", load=_event)
def make_event_certificates(obj: Event):
    back_on_refusal(url_for(".attendance", event_id=obj.id))
    services.order_certificates(obj)
    flash("Die Teilnahmebescheinigungen werden erstellt; das kann einen Moment dauern.", "success")
    return redirect(url_for(".attendance", event_id=obj.id))


@bp.get("/anmeldungen/<int:registration_id>/bescheinigung")
@requires("registration.certificate", load=_registration)
def certificate_page(obj: Registration):
    """The certificate's page: its download, or why there is none yet."""
    certificate = services.certificate_of(obj)
    return render_template("events/day_certificate.html", registration=obj, certificate=certificate,
                           attended=services.attended_sessions(obj), over=services.event_over(obj.event))


@bp.get("/anmeldungen/<int:registration_id>/bescheinigung.pdf")
@requires("registration.certificate", load=_registration)
def certificate(obj: Registration):
    """The PDF, or a 404 while there is none: a .pdf address never answers a page."""
    certificate = services.certificate_of(obj)
    if certificate is None:
        abort(404)
    return Response(certificate.pdf, mimetype="application/pdf", headers={
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
    own = registration.user_id == current_user.id
    if own and not can(current_user, "registration.feedback", registration):
        abort(404)  # waitlisted or cancelled: there is nothing to give feedback on
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
