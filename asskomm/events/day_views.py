"""On the day and after: check-in list, certificates, participant lists, feedback.

Manager pages (state council, or coordinators of the organising KPR) answer 404 to everyone else;
a registration's certificate and feedback belong to its person, and managers may look at them.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm import joinedload, selectinload
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length

from tenants import db

from ..exports import download
from ..forms import service_call
from ..policy import can_manage_event, requires
from ..tasking import enqueue_after_commit
from . import day_services, exports
from .models import Certificate, Event, Feedback, Registration
from .tasks import make_certificates

day_bp = Blueprint("events_day", __name__, url_prefix="/veranstaltungen", template_folder="templates")

GRADES = [(5, "5 – sehr gut"), (4, "4 – gut"), (3, "3 – mittel"), (2, "2 – weniger gut"), (1, "1 – schlecht")]


class FeedbackForm(FlaskForm):
    overall = RadioField("Wie bewerten Sie die Veranstaltung insgesamt?", coerce=int, choices=GRADES,
                         validators=[InputRequired("Bitte bewerten Sie die Veranstaltung insgesamt (1 bis 5).")])
    usefulness = RadioField("Wie nützlich war sie für Ihre Arbeit im KPR?", coerce=int, choices=GRADES,
                            validators=[InputRequired("Bitte bewerten Sie den Nutzen (1 bis 5).")])
    comment = TextAreaField("Anmerkungen (freiwillig)", validators=[Length(
        max=5000, message="Bitte fassen Sie sich kürzer (höchstens 5000 Zeichen).")])


def _managed_event(event_id: int) -> Event:
    event = db.session.get(Event, event_id, options=[selectinload(Event.sessions), joinedload(Event.organiser)])
    if event is None or not can_manage_event(current_user, event):
        abort(404)
    return event


def _own_or_managed(registration_id: int) -> tuple[Registration, bool]:
    """The registration and whether the viewer manages its event; 404 for anyone but its person."""
    registration = db.session.get(Registration, registration_id,
                                  options=[joinedload(Registration.event).selectinload(Event.sessions)])
    if registration is None:
        abort(404)
    manager = can_manage_event(current_user, registration.event)
    if registration.user_id != current_user.id and not manager:
        abort(404)
    return registration, manager


# --- attendance list -----------------------------------------------------------------------------


@day_bp.route("/<int:event_id>/teilnahme", methods=["GET", "POST"])
@requires(None, load=_managed_event)
def attendance(obj: Event):
    event = obj
    if request.method == "POST":
        present = set()
        for value in request.form.getlist("present"):
            registration_id, _, session_id = value.partition(":")
            if registration_id.isdigit() and session_id.isdigit():
                present.add((int(registration_id), int(session_id)))
        count = day_services.record_attendance(event, present)
        db.session.commit()
        flash(f"Anwesenheit gespeichert ({count} Anwesenheiten).", "success")
        return redirect(url_for(".attendance", event_id=event.id))
    template = "events/day_attendance_print.html" if request.args.get("druck") else "events/day_attendance.html"
    return render_template(template, event=event, rows=day_services.rows(event),
                           organiser=day_services.organiser_name(event))


# --- certificates --------------------------------------------------------------------------------


@day_bp.post("/<int:event_id>/bescheinigungen")
@requires(None, load=_managed_event)
def make_event_certificates(obj: Event):
    enqueue_after_commit(make_certificates, obj.id)
    db.session.commit()
    flash("Die Teilnahmebescheinigungen werden erstellt; das kann einen Moment dauern.", "success")
    return redirect(url_for(".attendance", event_id=obj.id))


@day_bp.get("/anmeldungen/<int:registration_id>/bescheinigung.pdf")
@requires(None, load=_own_or_managed)
def certificate(obj: tuple[Registration, bool]):
    registration, manager = obj
    pdf = db.session.scalar(sa.select(Certificate.pdf).filter_by(registration_id=registration.id))
    if pdf is None:  # the person's own link works before the worker made it: say why there is none
        return render_template("events/day_no_certificate.html", registration=registration, manager=manager,
                               attended=bool(day_services.attended_sessions(registration)))
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="teilnahmebescheinigung-{registration.event_id}.pdf"'})


# --- participant lists ---------------------------------------------------------------------------


def _participants(event: Event) -> list[day_services.Row]:
    return day_services.rows(event, day_services.LISTED)


@day_bp.get("/<int:event_id>/teilnehmende.csv")
@requires(None, load=_managed_event)
def participants_csv(obj: Event):
    return download(exports.as_csv(obj, _participants(obj)), f"teilnehmende-{obj.id}.csv")


@day_bp.get("/<int:event_id>/teilnehmende.xlsx")
@requires(None, load=_managed_event)
def participants_xlsx(obj: Event):
    return download(exports.as_xlsx(obj, _participants(obj)), f"teilnehmende-{obj.id}.xlsx")


# --- feedback ------------------------------------------------------------------------------------


@day_bp.route("/anmeldungen/<int:registration_id>/rueckmeldung", methods=["GET", "POST"])
@requires(None, load=_own_or_managed)
def feedback(obj: tuple[Registration, bool]):
    registration, manager = obj
    own = registration.user_id == current_user.id
    given = db.session.scalar(sa.select(Feedback).filter_by(registration_id=registration.id))
    refusal = day_services.feedback_refusal(registration) if own else None
    form = FeedbackForm(obj=given if request.method == "GET" else None)
    if request.method == "POST":
        if not own:
            abort(404)  # organisers read feedback; they do not give it for others
        if refusal:
            flash(refusal, "error")
            return redirect(url_for(".feedback", registration_id=registration.id))
        if form.validate_on_submit():
            with service_call() as call:
                day_services.give_feedback(registration, form.overall.data, form.usefulness.data, form.comment.data)
            if call.ok:
                flash("Vielen Dank für Ihre Rückmeldung.", "success")
                return redirect(url_for(".feedback", registration_id=registration.id))
        status = 422
    else:
        status = 200
    return render_template("events/day_feedback.html", registration=registration, event=registration.event,
                           form=form, given=given, own=own, manager=manager, refusal=refusal), status


@day_bp.get("/<int:event_id>/rueckmeldungen")
@requires(None, load=_managed_event)
def feedback_results(obj: Event):
    return render_template("events/day_feedback_results.html", event=obj,
                           results=day_services.feedback_results(obj))

