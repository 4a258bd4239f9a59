"""Trainings and network meetings: catalog, detail, registering oneself, cancelling."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from tenants import db

from ..errors import DomainError
from ..policy import can
from . import reminders, services  # noqa: F401  (reminders: registers the reminder job)
from .dashboard import dashboard_bp  # noqa: F401  (registered by create_app)
from .models import Event, Registration, RegistrationStatus

bp = Blueprint("events", __name__, url_prefix="/veranstaltungen", template_folder="templates")


def _visible_events():
    return sa.select(Event).where(Event.cancelled_at.is_(None)).options(selectinload(Event.sessions))


@bp.get("/")
@login_required
def catalog():
    events = db.session.scalars(_visible_events().order_by(Event.registration_closes_at)).all()
    mine = {r.event_id: r for r in db.session.scalars(
        sa.select(Registration).where(Registration.user_id == current_user.id,
                                      Registration.status != RegistrationStatus.cancelled))}
    return render_template("events/catalog.html", events=events, mine=mine)


@bp.get("/<int:event_id>")
@login_required
def detail(event_id: int):
    event = db.first_or_404(_visible_events().where(Event.id == event_id))
    mine = db.session.scalar(sa.select(Registration).filter_by(event_id=event.id, user_id=current_user.id))
    if mine is not None and mine.status == RegistrationStatus.cancelled:
        mine = None
    return render_template("events/detail.html", event=event, mine=mine,
                           position=services.waitlist_position(mine) if mine else None,
                           is_open=services.registration_open(event))


@bp.post("/<int:event_id>/anmelden")
@login_required
def register(event_id: int):
    event = db.first_or_404(_visible_events().where(Event.id == event_id))
    try:
        registration = services.register(event.id, current_user, None, current_user,
                                          organiser=can(current_user, "tenant.create"))
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        if registration.status == RegistrationStatus.confirmed:
            flash("Ihre Anmeldung ist bestätigt.", "success")
        else:
            flash("Die Veranstaltung ist ausgebucht: Sie stehen auf der Warteliste.", "info")
    return redirect(url_for(".detail", event_id=event.id))


@bp.post("/anmeldungen/<int:registration_id>/stornieren")
@login_required
def cancel(registration_id: int):
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.user_id != current_user.id:
        abort(404)
    try:
        services.cancel(registration.id)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash("Ihre Anmeldung ist storniert.", "success")
    return redirect(url_for(".detail", event_id=registration.event_id))
