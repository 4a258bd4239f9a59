"""Registering on an event's page: oneself, a member of one's KPR, a KPR's reply to an invitation;
cancelling a registration. Thin: permission, form, service, redirect; the request commits.

This is the `events` blueprint. The catalog's pages (events.catalog.views) are on it too, since
these buttons sit on them: the endpoints keep their names (events.register, events.detail, …)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from tenants import db

from ...accounts.models import User
from ...forms import back_on_refusal
from ...policy import can, requires
from ..models import Event, InvitationReply, KprInvitation, Registration, RegistrationStatus
from . import services
from .forms import KprReplyForm, RegisterMemberForm

bp = Blueprint("events", __name__, url_prefix="/veranstaltungen", template_folder="../templates")


def visible_event(event_id: int) -> Event:
    """An event of the catalog (a cancelled one too: its page says so); an unknown one is a 404."""
    return db.first_or_404(services.visible_events().where(Event.id == event_id))


def _registration(registration_id: int) -> Registration:
    return db.get_or_404(Registration, registration_id, options=[joinedload(Registration.event)])


def _invitation(kpr_invitation_id: int) -> KprInvitation:
    return db.get_or_404(KprInvitation, kpr_invitation_id,
                         options=[joinedload(KprInvitation.event), joinedload(KprInvitation.tenant)])


@bp.post("/<int:event_id>/anmelden")
@requires(None, load=visible_event)
def register(obj: Event):
    back = url_for(".detail", event_id=obj.id)
    back_on_refusal(back)
    registration = services.register(obj.id, current_user, services.own_kpr_id(current_user), current_user,
                                     organiser=can(current_user, "event.manage", obj))
    if registration.status == RegistrationStatus.confirmed:
        flash("Ihre Anmeldung ist bestätigt.", "success")
    else:
        flash("Die Veranstaltung ist ausgebucht: Sie stehen auf der Warteliste.", "info")
    return redirect(back)


@bp.post("/anmeldungen/<int:registration_id>/stornieren")
@requires("registration.cancel", load=_registration)
def cancel(obj: Registration):
    back = url_for(".detail", event_id=obj.event_id)
    back_on_refusal(back)
    services.cancel(obj.id)
    flash("Ihre Anmeldung ist storniert.", "success")
    return redirect(back)


@bp.post("/<int:event_id>/anmelden-fuer")
@requires(None, load=visible_event)
def register_member(obj: Event):
    """Coordinators register members of their KPR."""
    kprs = services.coordinated_kprs(current_user)
    if not kprs:
        abort(404)
    back = url_for(".detail", event_id=obj.id)
    form = RegisterMemberForm.offering(services.member_choices(obj, kprs, set()))
    if not form.validate_on_submit():
        flash("Bitte wählen Sie eine Person aus Ihrem KPR.", "error")
        return redirect(back)
    back_on_refusal(back)
    tenant_id, user_id = (int(part) for part in form.member.data.split(":"))
    person = db.session.get(User, user_id)
    registration = services.register(obj.id, person, tenant_id, current_user,
                                     organiser=can(current_user, "event.manage", obj))
    flash(f"{person.name} ist angemeldet ({registration.status.label}).", "success")
    return redirect(back)


@bp.post("/kpr-einladungen/<int:kpr_invitation_id>/antwort")
@requires("invitation.reply", load=_invitation)
def kpr_reply(obj: KprInvitation):
    """One answer per invited KPR, given by its coordinators, with the number of participants."""
    back = url_for(".detail", event_id=obj.event_id)
    form = KprReplyForm(prefix=f"kpr{obj.tenant_id}")
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(back)
    back_on_refusal(back)
    services.reply_for_kpr(obj, InvitationReply(form.reply.data), form.participants.data or 0, current_user)
    flash(f"Die Antwort des {obj.tenant.short_name} ist gespeichert.", "success")
    return redirect(back)
