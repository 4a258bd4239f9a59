"""Trainings and network meetings: catalog, detail, registering oneself, cancelling."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload, selectinload

from tenants import Tenant, db, tenant_context

from ..accounts.models import Membership, MembershipRole, User
from ..forms import service_call
from ..policy import can_manage_event
from ..timeutil import now
from . import eligibility, organising, reminders, services  # noqa: F401  (reminders: registers the reminder job)
from .dashboard import dashboard_bp  # noqa: F401  (registered by create_app)
from .forms import KprReplyForm, RegisterMemberForm
from .ical import calendar, feed_owner, feed_token
from .manage import manage_bp  # noqa: F401  (registered by create_app)
from .models import Event, EventKind, EventSession, InvitationReply, KprInvitation, Registration, RegistrationStatus

bp = Blueprint("events", __name__, url_prefix="/veranstaltungen", template_folder="templates")


def _visible_events():
    return sa.select(Event).where(Event.cancelled_at.is_(None)).options(selectinload(Event.sessions))


@bp.get("/")
@login_required
def catalog():
    """The catalog, filtered by kind, upcoming or past, and free seats."""
    query, kind = _visible_events(), request.args.get("art", "")
    if kind in EventKind.__members__:
        query = query.where(Event.kind == EventKind(kind))
    last_end = sa.select(sa.func.max(EventSession.ends_at)).where(EventSession.event_id == Event.id).scalar_subquery()
    past = request.args.get("zeit") == "vergangen"
    query = query.where(last_end < now()) if past else query.where(sa.or_(last_end >= now(), last_end.is_(None)))
    if request.args.get("frei"):
        query = query.where(Event.confirmed_count < Event.capacity)
    events = db.session.scalars(query.order_by(Event.registration_closes_at.desc() if past
                                               else Event.registration_closes_at)).all()
    mine = {r.event_id: r for r in db.session.scalars(
        sa.select(Registration).where(Registration.user_id == current_user.id,
                                      Registration.status != RegistrationStatus.cancelled))}
    return render_template("events/catalog.html", events=events, mine=mine, kinds=list(EventKind), kind=kind,
                           past=past, free=bool(request.args.get("frei")))


# Pages of the check-in and follow-up part, linked when they exist.
DAY_LINKS = [("events_day.attendance", "Teilnahmeliste"), ("events_day.participants_xlsx", "Teilnehmende (XLSX)"),
             ("events_day.feedback_results", "Rückmeldungen")]
OWN_LINKS = [("events_day.certificate", "Teilnahmebescheinigung"), ("events_day.feedback", "Rückmeldung geben")]


def _existing(links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(endpoint, label) for endpoint, label in links if endpoint in current_app.view_functions]


def _coordinated() -> list[Tenant]:
    """The KPRs the current person coordinates."""
    ids = [t for t, role in eligibility.kpr_roles(current_user).items() if role == MembershipRole.coordinator]
    return list(db.session.scalars(sa.select(Tenant).where(Tenant.id.in_(ids)).order_by(Tenant.name)))


def _own_tenant_id() -> int | None:
    """For whom a person registers themself: the KPR they coordinate, else one they belong to."""
    roles = eligibility.kpr_roles(current_user)
    coordinated = sorted(t for t, role in roles.items() if role == MembershipRole.coordinator)
    return (coordinated or sorted(roles) or [None])[0]


def _members_form(event: Event, tenants: list[Tenant], registered: set[int]) -> RegisterMemberForm:
    form = RegisterMemberForm()
    choices = []
    for tenant in tenants:
        with tenant_context(tenant.id):
            members = db.session.scalars(sa.select(Membership).join(Membership.user).order_by(User.name)).all()
        choices += [(f"{tenant.id}:{m.user_id}", f"{m.user.name} ({tenant.name})") for m in members
                    if m.user_id not in registered]
    form.member.choices = choices
    return form


@bp.get("/<int:event_id>")
@login_required
def detail(event_id: int):
    event = db.first_or_404(_visible_events().where(Event.id == event_id))
    registrations = db.session.scalars(
        sa.select(Registration).where(Registration.event_id == event.id,
                                      Registration.status != RegistrationStatus.cancelled)
        .options(joinedload(Registration.user))).all()
    mine = next((r for r in registrations if r.user_id == current_user.id), None)
    coordinated = _coordinated()
    ours = [r for r in registrations if r.tenant_id in {t.id for t in coordinated} and r.user_id != current_user.id]
    invitations = db.session.scalars(sa.select(KprInvitation).filter_by(event_id=event.id)
                                     .options(joinedload(KprInvitation.tenant))).all()
    invited_ids = {i.tenant_id for i in invitations}
    my_tenants = set(eligibility.kpr_roles(current_user))
    return render_template(
        "events/detail.html", event=event, mine=mine, ours=ours, is_open=services.registration_open(event),
        position=services.waitlist_position(mine) if mine else None,
        members_form=_members_form(event, coordinated, {r.user_id for r in registrations}) if coordinated else None,
        reply_forms={i.tenant_id: KprReplyForm(prefix=f"kpr{i.tenant_id}", obj=i) for i in invitations
                     if i.tenant_id in {t.id for t in coordinated}},
        invitations=invitations, manager=can_manage_event(current_user, event),
        sees_minutes=bool(event.minutes) and (can_manage_event(current_user, event) or bool(invited_ids & my_tenants)),
        feed_url=url_for(".feed", token=feed_token(current_user), _external=True),
        day_links=_existing(DAY_LINKS), own_links=_existing(OWN_LINKS))


@bp.post("/<int:event_id>/anmelden")
@login_required
def register(event_id: int):
    event = db.first_or_404(_visible_events().where(Event.id == event_id))
    with service_call() as call:
        registration = services.register(event.id, current_user, _own_tenant_id(), current_user,
                                          organiser=can_manage_event(current_user, event))
    if call.ok:
        if registration.status == RegistrationStatus.confirmed:
            flash("Ihre Anmeldung ist bestätigt.", "success")
        else:
            flash("Die Veranstaltung ist ausgebucht: Sie stehen auf der Warteliste.", "info")
    return redirect(url_for(".detail", event_id=event.id))


@bp.post("/anmeldungen/<int:registration_id>/stornieren")
@login_required
def cancel(registration_id: int):
    registration = db.session.get(Registration, registration_id)
    if registration is None or not _may_cancel(registration):
        abort(404)
    with service_call() as call:
        services.cancel(registration.id)
    if call.ok:
        flash("Ihre Anmeldung ist storniert.", "success")
    return redirect(url_for(".detail", event_id=registration.event_id))


def _may_cancel(registration: Registration) -> bool:
    """The person themself, a coordinator of the KPR they were registered for, or the organiser."""
    if registration.user_id == current_user.id:
        return True
    if registration.tenant_id in {t.id for t in _coordinated()}:
        return True
    return can_manage_event(current_user, db.session.get(Event, registration.event_id))


@bp.post("/<int:event_id>/anmelden-fuer")
@login_required
def register_member(event_id: int):
    """Coordinators register members of their KPR."""
    event = db.first_or_404(_visible_events().where(Event.id == event_id))
    coordinated = _coordinated()
    if not coordinated:
        abort(404)
    form = _members_form(event, coordinated, set())
    if not form.validate_on_submit():
        flash("Bitte wählen Sie eine Person aus Ihrem KPR.", "error")
        return redirect(url_for(".detail", event_id=event.id))
    tenant_id, user_id = (int(part) for part in form.member.data.split(":"))
    person = db.session.get(User, user_id)
    with service_call() as call:
        registration = services.register(event.id, person, tenant_id, current_user,
                                          organiser=can_manage_event(current_user, event))
    if call.ok:
        flash(f"{person.name} ist angemeldet ({registration.status.label}).", "success")
    return redirect(url_for(".detail", event_id=event.id))


@bp.post("/kpr-einladungen/<int:kpr_invitation_id>/antwort")
@login_required
def kpr_reply(kpr_invitation_id: int):
    """One answer per invited KPR, given by its coordinators, with the number of participants."""
    invitation = db.get_or_404(KprInvitation, kpr_invitation_id)
    tenant = next((t for t in _coordinated() if t.id == invitation.tenant_id), None)
    event = db.session.get(Event, invitation.event_id)
    if tenant is None or event.cancelled_at is not None:
        abort(404)
    form = KprReplyForm(prefix=f"kpr{tenant.id}")
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(url_for(".detail", event_id=event.id))
    with service_call() as call:
        organising.reply_for_kpr(event, tenant, InvitationReply(form.reply.data), form.participants.data or 0,
                                 current_user)
    if call.ok:
        flash(f"Die Antwort des {tenant.short_name} ist gespeichert.", "success")
    return redirect(url_for(".detail", event_id=event.id))


@bp.get("/<int:event_id>/kalender.ics")
@login_required
def event_ical(event_id: int):
    event = db.first_or_404(_visible_events().where(Event.id == event_id))
    return Response(calendar([event], event.title), mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="veranstaltung-{event.id}.ics"'})


@bp.get("/kalender/<token>.ics")
def feed(token: str):
    """A person's registrations as a calendar feed; calendar programs cannot log in, so the
    address itself is the key. A new password ends it."""
    person = feed_owner(token)
    if person is None:
        abort(404)
    events = db.session.scalars(
        sa.select(Event).join(Registration, Registration.event_id == Event.id)
        .where(Registration.user_id == person.id, Registration.status != RegistrationStatus.cancelled)
        .options(selectinload(Event.sessions))).all()
    return Response(calendar(events, "ASSKomm: meine Veranstaltungen"), mimetype="text/calendar")
from .day_views import day_bp  # noqa: E402,F401  (registered by create_app)
