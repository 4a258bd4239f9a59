"""Meetings, invitations and replies, minutes and action items."""

from __future__ import annotations

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import db

from ..confirm import confirm
from ..forms import back_on_refusal, form_page, on_refusal
from ..mail.services import public_link
from ..navigation import tenant_nav_item
from ..policy import can, public, public_tenant_area, requires, safe_next_url, tenant_area
from ..timeutil import BERLIN, as_utc, format_date, now
from . import ical, services
from .forms import (
    AGENDA_MAX,
    AGENDA_MORE,
    ActionItemForm,
    ApproveForm,
    AttendanceForm,
    MeetingForm,
    MinutesForm,
    ReplyForm,
)
from .models import ActionItem, Invitation, Meeting, Minutes, Reply

bp = tenant_area("meetings", __name__, template_folder="templates")
public_bp = public_tenant_area("meetings_public", __name__, template_folder="templates")
tenant_nav_item("Sitzungen", "meetings.index", "meetings.view", 20, group="gremien")
tenant_nav_item("Aufgaben", "meetings.action_items", "meetings.view", 25, group="gremien")


def _load_meeting(meeting_id: int) -> Meeting:
    meeting = services.meeting_with_details(meeting_id)  # another KPR's meeting is not found
    if meeting is None:
        abort(404)
    return meeting


def _done(message: str, meeting: Meeting):
    flash(message, "success")
    return redirect(url_for(".show", meeting_id=meeting.id))


# --- list, detail, schedule ----------------------------------------------------------------------


@bp.get("/sitzungen")
@requires("meetings.view")
def index():
    body_id = request.args.get("gremium", type=int)
    upcoming, past = services.meetings(body_id)
    feed_url = public_link("meetings_public.feed", tenant_slug=g.tenant.slug,
                                    token=services.feed_token(current_user, g.tenant))
    return render_template("meetings/index.html", upcoming=upcoming, past=past, bodies=services.bodies(),
                           body_id=body_id, feed_url=feed_url)


def _initial(meeting: Meeting) -> dict:
    starts, ends = (as_utc(meeting.starts_at).astimezone(BERLIN),
                    as_utc(meeting.ends_at or meeting.starts_at).astimezone(BERLIN))
    return {"body_id": meeting.body_id, "title": meeting.title, "day": starts.date(), "starts": starts.time(),
            "ends": ends.time(), "place": meeting.place, "online_url": meeting.online_url, "public": meeting.public,
            "agenda": [{"title": item.title, "owner_id": item.owner_id or 0} for item in meeting.agenda]}


def _meeting_form_page(meeting: Meeting | None):
    form = MeetingForm(data=_initial(meeting) if meeting is not None and request.method == "GET" else None)
    if meeting is None and request.method == "GET" and request.args.get("gremium", type=int):
        form.body_id.data = request.args.get("gremium", type=int)
    bodies = services.bodies()
    # "Weitere Zeilen" posts the form without saving: the page comes back with what was typed and
    # more empty agenda rows, so an agenda has as many items as needed without JavaScript.
    adding_rows = form.is_submitted() and "add_rows" in request.form
    rows = len(form.agenda) + AGENDA_MORE if adding_rows else 0 if form.is_submitted() else max(5, len(form.agenda) + 2)
    form.set_choices(bodies, services.people(), rows=rows)
    if not bodies:
        flash("Legen Sie zuerst unter „Struktur“ ein Gremium an.", "error")
    if adding_rows:
        flash(f"{AGENDA_MORE} leere Zeilen für die Tagesordnung angefügt. Noch ist nichts gespeichert.", "info")
        return render_template("meetings/form.html", form=form, meeting=meeting, agenda_max=AGENDA_MAX)

    def save():
        data = services.MeetingInput(
            body=next(b for b in bodies if b.id == form.body_id.data), title=form.title.data, day=form.day.data,
            starts=form.starts.data, ends=form.ends.data, place=form.place.data or "",
            online_url=form.online_url.data or "", public=form.public.data,
            agenda=[(row.form.title.data or "", row.form.owner_id.data or None) for row in form.agenda])
        saved = services.save_meeting(meeting, data)
        return _done(f"Die Sitzung „{saved.title}“ wurde gespeichert.", saved)

    return form_page(form, "meetings/form.html", save, meeting=meeting, agenda_max=AGENDA_MAX)


@bp.route("/sitzungen/neu", methods=["GET", "POST"])
@requires("meetings.edit")
def new():
    return _meeting_form_page(None)


@bp.route("/sitzungen/<int:meeting_id>/bearbeiten", methods=["GET", "POST"])
@requires("meetings.edit", load=_load_meeting)
def edit(obj: Meeting):
    return _meeting_form_page(obj)


def _detail_page(meeting: Meeting, status: int = 200, action_form: ActionItemForm | None = None,
                 reply_form: ReplyForm | None = None):
    editor = can(current_user, "meetings.edit", g.tenant)
    action_form = action_form or ActionItemForm(formdata=None)
    action_form.set_choices(services.people() if editor else [])
    attendance_form = AttendanceForm(formdata=None)
    approving = can(current_user, "meeting.approve_minutes", meeting)
    return render_template(
        "meetings/detail.html", meeting=meeting, editor=editor, started=as_utc(meeting.starts_at) <= now(),
        action_items=services.action_items_of(meeting), approved_here=services.minutes_approved_in(meeting),
        approvable=services.approvable_minutes(meeting) if approving else [], action_form=action_form,
        approve_form=ApproveForm(formdata=None), attendance_form=attendance_form,
        own_invitation=services.own_invitation(meeting, current_user.id),
        answer_form=reply_form or ReplyForm(formdata=None)), status


@bp.get("/sitzungen/<int:meeting_id>")
@requires("meetings.view", load=_load_meeting)
def show(obj: Meeting):
    return _detail_page(obj)


@bp.post("/sitzungen/<int:meeting_id>/absagen")
@requires("meetings.edit", load=_load_meeting)
def cancel(obj: Meeting):
    back_on_refusal(url_for(".show", meeting_id=obj.id))
    services.cancel_meeting(obj)
    invited = len(obj.invitations)
    return _done(f"Die Sitzung ist abgesagt. {invited} eingeladene Personen erhalten eine Absage." if invited
                 else "Die Sitzung ist abgesagt.", obj)


# --- invitations, replies, attendance --------------------------------------------------------------


@bp.post("/sitzungen/<int:meeting_id>/einladungen")
@requires("meetings.edit", load=_load_meeting)
def invite(obj: Meeting):
    back_on_refusal(url_for(".show", meeting_id=obj.id))
    new = services.invite_members(obj)
    return _done(f"{new} neue Einladungen werden versandt." if new
                 else "Alle aktuellen Mitglieder sind bereits eingeladen; noch nicht versandte Einladungen gehen "
                      "jetzt hinaus.", obj)


@bp.post("/sitzungen/<int:meeting_id>/anwesenheit")
@requires("meetings.edit", load=_load_meeting)
def attendance(obj: Meeting):
    form = AttendanceForm()
    if not form.validate_on_submit():
        abort(400)
    back_on_refusal(url_for(".show", meeting_id=obj.id))
    services.record_attendance(obj, form.attended.data or [])
    return _done("Die Anwesenheit wurde gespeichert.", obj)


@public_bp.get("/antwort/")
@public_bp.route("/antwort/<token>", methods=["GET", "POST"])
@public
def reply(token: str | None = None):
    """The personal reply link from the invitation mail. GET only shows (mail scanners open
    links); the buttons POST. Without a token it only explains where the link is."""
    if token is None:
        return render_template("meetings/reply_help.html")
    invitation = services.invitation_by_token(token)
    if invitation is None:
        abort(404)
    form = ReplyForm()

    def save():
        _record_reply(invitation, form)
        return redirect(url_for(".reply", token=token))

    return form_page(form, "meetings/reply.html", save, invitation=invitation, meeting=invitation.meeting)


def _record_reply(invitation: Invitation, form: ReplyForm) -> None:
    """The one way an answer is stored, by the mailed link and on the meeting page."""
    services.record_reply(invitation, Reply(form.reply.data))
    flash(f"Danke, Ihre Antwort wurde gespeichert: {invitation.reply.label}.", "success")


@bp.post("/sitzungen/<int:meeting_id>/antwort")
@requires("meetings.view", load=_load_meeting)
def answer(obj: Meeting):
    """A logged-in member answers their own invitation on the meeting page."""
    invitation = services.own_invitation(obj, current_user.id)
    if invitation is None:
        abort(404)
    form = ReplyForm()
    on_refusal(lambda: _detail_page(_load_meeting(obj.id), 422, reply_form=form), form)
    if not form.validate_on_submit():
        return _detail_page(obj, 422, reply_form=form)
    _record_reply(invitation, form)
    return redirect(url_for(".show", meeting_id=obj.id))


@public_bp.get("/kalender.ics")
@public_bp.get("/kalender/<token>.ics")
@public
def feed(token: str | None = None):
    """The KPR's meetings as a calendar: with a personal token for calendar apps, or for the
    logged-in member. Answers only while that person may still see the meetings."""
    user = services.feed_user(token, g.tenant) if token else current_user
    if user is None or not can(user, "meetings.view", g.tenant):
        abort(404)
    body = ical.feed_ics(services.feed_meetings(), f"Sitzungen {g.tenant.council_name}")
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'inline; filename="sitzungen-{g.tenant.slug}.ics"',
                             "Cache-Control": "private, max-age=300"})


@bp.route("/sitzungen/kalender/erneuern", methods=["GET", "POST"])
@requires("meetings.view")
def renew_feed():
    """A new personal calendar address for this KPR's meetings; the old one stops working."""
    back = safe_next_url(url_for(".index"))  # the account page lists every feed, too
    question = confirm("Neue Kalenderadresse erstellen?", [
        f"Ihre bisherige Adresse für das Kalender-Abonnement der Sitzungen des {g.tenant.short_name} funktioniert "
        "danach nicht mehr: Kalender, die sie abonniert haben, erhalten keine Sitzungen mehr.",
        "Tragen Sie die neue Adresse danach in Ihrem Kalenderprogramm ein."], "Neue Adresse erstellen", back)
    if not question.confirmed:
        return question.page
    services.renew_feed_token(current_user, g.tenant)
    flash("Ihre neue Kalenderadresse ist erstellt; die bisherige funktioniert nicht mehr.", "success")
    return redirect(back)


# --- minutes, approval, action items -------------------------------------------------------------


@bp.route("/sitzungen/<int:meeting_id>/niederschrift", methods=["GET", "POST"])
@requires("meetings.edit", load=_load_meeting)
def minutes(obj: Meeting):
    existing = obj.minutes
    data = ({"text": existing.text, "decisions": "\n".join(d.text for d in existing.decisions)}
            if existing is not None and request.method == "GET" else None)
    form = MinutesForm(data=data)

    def save():
        services.save_minutes(obj, form.text.data, (form.decisions.data or "").splitlines())
        return _done("Die Niederschrift wurde gespeichert.", obj)

    return form_page(form, "meetings/minutes.html", save, meeting=obj)


@bp.post("/sitzungen/<int:meeting_id>/genehmigung")
@requires("meetings.edit", load=_load_meeting)
def approve(obj: Meeting):
    form = ApproveForm()
    if not form.validate_on_submit():
        flash("Bitte wählen Sie eine Niederschrift aus.", "error")
        return redirect(url_for(".show", meeting_id=obj.id))
    earlier = db.get_or_404(Minutes, form.minutes_id.data)
    back_on_refusal(url_for(".show", meeting_id=obj.id))
    services.approve_minutes(earlier, obj)
    return _done(f"Die Niederschrift vom {format_date(earlier.meeting.starts_at)} ist genehmigt.", obj)


@bp.post("/sitzungen/<int:meeting_id>/aufgaben")
@requires("meetings.edit", load=_load_meeting)
def add_action_item(obj: Meeting):
    form = ActionItemForm()
    form.set_choices(services.people())
    on_refusal(lambda: _detail_page(_load_meeting(obj.id), 422, form), form)
    if not form.validate_on_submit():
        return _detail_page(_load_meeting(obj.id), 422, form)
    item = services.add_action_item(obj, form.title.data, form.owner_id.data or None, form.due_on.data)
    return _done(f"Die Aufgabe „{item.title}“ wurde angelegt.", obj)


@bp.get("/aufgaben")
@requires("meetings.view")
def action_items():
    body_id = request.args.get("gremium", type=int)
    owner_id = request.args.get("person", type=int)
    return render_template("meetings/action_items.html", items=services.open_action_items(body_id, owner_id),
                           bodies=services.bodies(), people=services.people(), body_id=body_id, owner_id=owner_id)


@bp.post("/aufgaben/<int:action_item_id>/erledigt")
@requires("meetings.edit", load=lambda action_item_id: db.get_or_404(ActionItem, action_item_id))
def complete_action_item(obj: ActionItem):
    back = safe_next_url(url_for(".action_items"))
    back_on_refusal(back)
    services.complete_action_item(obj)
    flash(f"Die Aufgabe „{obj.title}“ ist erledigt.", "success")
    return redirect(back)
