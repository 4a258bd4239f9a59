"""The catalog of trainings and network meetings, an event's page, calendar files.

The pages are on the `events` blueprint of registration (events.registration.views): an event's
page carries its buttons (register, cancel, register a member, a KPR's reply)."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...confirm import confirm
from ...policy import can, requires, safe_next_url
from ..models import Event, EventKind
from ..registration import eligibility
from ..registration import services as registration
from ..registration.forms import KprReplyForm, RegisterMemberForm
from ..registration.views import bp, visible_event
from ..seats import waitlist_position
from . import services
from .ical import calendar, feed_owner, feed_token, renew_feed_token

# Pages of the check-in and follow-up part (events.day): for organisers, and for one's registration.
DAY_LINKS = [("events_day.attendance", "Teilnahmeliste"), ("events_day.participants_xlsx", "Teilnehmende (XLSX)"),
             ("events_day.feedback_results", "Rückmeldungen")]
# The certificate's page (not its .pdf, which is a PDF or a 404) says why there is none yet.
OWN_LINKS = [("events_day.certificate_page", "Teilnahmebescheinigung"), ("events_day.feedback", "Rückmeldung geben")]


@bp.get("/")
@login_required
def catalog():
    """The catalog, filtered by kind, upcoming or past, and free seats."""
    kind, past = request.args.get("art", ""), request.args.get("zeit") == "vergangen"
    free = bool(request.args.get("frei"))
    events = services.catalog(EventKind(kind) if kind in EventKind.__members__ else None, past, free)
    return render_template("events/catalog.html", events=events, mine=services.own_registrations(current_user),
                           kinds=list(EventKind), kind=kind, past=past, free=free)


def _shown_event(event_id: int) -> Event:
    return services.shown_event(event_id) or abort(404)


@bp.get("/meine-anmeldungen")
@login_required
def my_registrations():
    """A person's registrations, cancelled ones and cancelled events too, each marked."""
    return render_template("events/my_registrations.html", registrations=services.registrations_of(current_user),
                           own_links=OWN_LINKS)


@bp.get("/<int:event_id>")
@requires(None, load=_shown_event)
def detail(obj: Event):
    event, registrations = obj, services.registrations(obj)
    mine = next((r for r in registrations if r.user_id == current_user.id), None)
    organiser = can(current_user, "event.manage", event)
    # Who may not take part is told why, instead of being offered "Anmelden" (organisers may always).
    refusal = None if mine or organiser else registration.refusal(event, current_user,
                                                                   registration.own_kpr_id(current_user))
    kprs = registration.coordinated_kprs(current_user)
    ours = [r for r in registrations if r.tenant_id in {t.id for t in kprs} and r.user_id != current_user.id]
    members_form = (RegisterMemberForm.offering(registration.member_choices(
        event, kprs, {r.user_id for r in registrations})) if kprs else None)
    kpr_refusals = [reason for kpr in kprs if (reason := eligibility.kpr_refusal(event, kpr))]
    return render_template(
        "events/detail.html", event=event, mine=mine, ours=ours, is_open=registration.registration_open(event),
        refusal=refusal, kpr_refusals=kpr_refusals,
        position=waitlist_position(mine) if mine else None, members_form=members_form,
        reply_forms={i.tenant_id: KprReplyForm(prefix=f"kpr{i.tenant_id}", obj=i) for i in event.invitations
                     if can(current_user, "invitation.reply", i)},
        feed_url=url_for(".feed", token=feed_token(current_user), _external=True),
        day_links=DAY_LINKS, own_links=OWN_LINKS)


@bp.get("/<int:event_id>/kalender.ics")
@requires(None, load=visible_event)
def event_ical(obj: Event):
    return Response(calendar([obj], obj.title), mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="veranstaltung-{obj.id}.ics"'})


@bp.get("/kalender/<token>.ics")
def feed(token: str):
    """A person's registrations as a calendar feed; calendar programs cannot log in, so the
    address itself is the key. Renewing it or a new password ends it."""
    person = feed_owner(token)
    if person is None:
        abort(404)
    return Response(calendar(services.registered_events(person), "ASSKomm: meine Veranstaltungen"),
                    mimetype="text/calendar")


@bp.route("/kalender/erneuern", methods=["GET", "POST"])
@login_required
def renew_feed():
    """A new address for one's calendar feed (one given away by mistake); the old one stops working."""
    back = safe_next_url(url_for(".catalog"))
    question = confirm("Neue Kalenderadresse erstellen?", [
        "Ihre bisherige Adresse für das Kalender-Abonnement Ihrer Veranstaltungen funktioniert danach nicht mehr: "
        "Kalender, die sie abonniert haben, erhalten keine Termine mehr.",
        "Tragen Sie die neue Adresse danach in Ihrem Kalenderprogramm ein."], "Neue Adresse erstellen", back)
    if not question.confirmed:
        return question.page
    renew_feed_token(current_user)
    flash("Ihre neue Kalenderadresse ist erstellt; die bisherige funktioniert nicht mehr.", "success")
    return redirect(back)
