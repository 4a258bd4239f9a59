"""Organisers' pages: all events, create and edit with sessions and invited KPRs, cancel."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload

from tenants import Tenant, db

from ..forms import service_call
from ..policy import can_manage_event, requires
from ..timeutil import berlin
from . import organising
from .forms import EventForm
from .models import Event, KprInvitation

manage_bp = Blueprint("events_manage", __name__, url_prefix="/veranstaltungen/verwaltung",
                      template_folder="templates")


def _load_managed(event_id: int) -> Event:
    event = db.get_or_404(Event, event_id)
    if not can_manage_event(current_user, event):
        abort(404)
    return event


@manage_bp.get("/")
@requires("events.manage")
def index():
    events = db.session.scalars(sa.select(Event).options(selectinload(Event.sessions))
                                .order_by(Event.registration_closes_at.desc())).all()
    return render_template("events/manage_index.html", events=events)


def _choices(form: EventForm) -> None:
    tenants = db.session.execute(sa.select(Tenant.id, Tenant.name).order_by(Tenant.name)).all()
    form.organiser_tenant_id.choices = [(0, "Landespräventionsrat Sachsen")] + [(t.id, t.name) for t in tenants]
    form.invited.choices = [(t.id, t.name) for t in tenants]


def _local(value: datetime | None) -> datetime | None:
    return berlin(value).replace(tzinfo=None) if value else None


def _fill(form: EventForm, event: Event) -> None:
    for name in ("title", "description", "capacity", "district", "agenda", "minutes"):
        getattr(form, name).data = getattr(event, name)
    form.kind.data, form.audience.data, form.reach.data = event.kind.value, event.audience.value, event.reach.value
    form.organiser_tenant_id.data = event.organiser_tenant_id or 0
    form.registration_opens_at.data = _local(event.registration_opens_at)
    form.registration_closes_at.data = _local(event.registration_closes_at)
    form.invited.data = list(db.session.scalars(sa.select(KprInvitation.tenant_id).filter_by(event_id=event.id)))
    while len(form.sessions) < len(event.sessions) + 2:
        form.sessions.append_entry()
    for entry, session in zip(form.sessions, sorted(event.sessions, key=lambda s: s.starts_at), strict=False):
        starts, ends = berlin(session.starts_at), berlin(session.ends_at)
        entry.form.day.data, entry.form.starts.data, entry.form.ends.data = starts.date(), starts.time(), ends.time()
        entry.form.place.data, entry.form.online_url.data = session.place, session.online_url


def _form_page(event: Event | None):
    form = EventForm()
    _choices(form)
    if event is not None and not form.is_submitted():
        _fill(form, event)
    if form.validate_on_submit():
        with service_call(form) as call:
            sessions = organising.parse_sessions([entry.data for entry in form.sessions])
            saved = organising.save_event(event, form.data, sessions, form.invited.data or [])
        if call.ok:
            flash(f"„{saved.title}“ wurde gespeichert.", "success")
            return redirect(url_for("events.detail", event_id=saved.id))
    status = 422 if form.is_submitted() else 200
    return render_template("events/manage_form.html", form=form, event=event), status


@manage_bp.route("/neu", methods=["GET", "POST"])
@requires("events.manage")
def new():
    return _form_page(None)


@manage_bp.route("/<int:event_id>", methods=["GET", "POST"])
@requires(None, load=_load_managed)
def edit(obj: Event):
    return _form_page(obj)


@manage_bp.post("/<int:event_id>/absagen")
@requires(None, load=_load_managed)
def cancel(obj: Event):
    with service_call() as call:
        told = organising.cancel_event(obj)
    if call.ok:
        flash(f"Die Veranstaltung ist abgesagt; {told} angemeldete Person(en) werden benachrichtigt.", "success")
    return redirect(url_for(".index"))
