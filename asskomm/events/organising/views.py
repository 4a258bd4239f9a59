"""Organisers' pages: all events, create and edit with sessions and invited KPRs, cancel; and the
state council's event dashboard, which reads only the snapshot tables and starts their
computation on demand with a progress bar. Thin: permission, form, service, redirect."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import db

from ...confirm import confirm
from ...forms import back_on_refusal, form_page
from ...jobs import add_job_routes
from ...policy import can, requires
from ...snapshots.models import latest_run
from ...timeutil import today
from ..models import Event
from . import services
from .dashboard import per_district, per_event, per_kpr
from .forms import ADD_BUTTON, add_invited, event_form, invited_ids, organiser_data

manage_bp = Blueprint("events_manage", __name__, url_prefix="/veranstaltungen/verwaltung",
                      template_folder="../templates")
dashboard_bp = Blueprint("events_dashboard", __name__, url_prefix="/land/veranstaltungen",
                         template_folder="../templates")


def _event(event_id: int) -> Event:
    return db.get_or_404(Event, event_id)


@manage_bp.get("/")
@requires("events.manage")
def index():
    return render_template("events/manage_index.html", events=services.all_events())


def _event_page(event: Event | None):
    assigns_organiser = can(current_user, "events.assign_organiser")
    form = event_form(event, assigns_organiser)
    if form.is_submitted() and ADD_BUTTON in request.form:  # "KPR hinzufügen": the form again, nothing saved
        added = add_invited(form)
        return render_template("events/manage_form.html", form=form, event=event), 200 if added else 422

    def save():
        sessions = services.parse_sessions([entry.data for entry in form.sessions])
        saved = services.save_event(event, form.data | organiser_data(form), sessions, invited_ids(form),
                                    assigns_organiser)
        flash(f"„{saved.title}“ wurde gespeichert.", "success")
        return redirect(url_for("events.detail", event_id=saved.id))

    return form_page(form, "events/manage_form.html", save, event=event)


@manage_bp.route("/neu", methods=["GET", "POST"])
@requires("events.manage")
def new():
    return _event_page(None)


@manage_bp.route("/<int:event_id>", methods=["GET", "POST"])
@requires("event.manage", load=_event)
def edit(obj: Event):
    return _event_page(obj)


@manage_bp.route("/<int:event_id>/absagen", methods=["GET", "POST"])
@requires("event.cancel", load=_event)
def cancel(obj: Event):
    """The question first (how many people will be told), then the cancellation."""
    back = url_for("events.detail", event_id=obj.id)
    count = len(services.to_notify_of_cancellation(obj))
    question = confirm(f"„{obj.title}“ absagen?", [
        f"{count} {'Person wird' if count == 1 else 'Personen werden'} benachrichtigt (alle Angemeldeten und "
        "Wartenden, die Koordinator:innen eingeladener KPR), mit Ihrer Begründung.",
        "Die Veranstaltung bleibt im Katalog, als „abgesagt“ gekennzeichnet; niemand kann sich mehr anmelden.",
        "Die Absage steht mit Ihrer Begründung im Änderungsprotokoll."], "Veranstaltung absagen", back)
    if not question.confirmed:
        return question.page
    back_on_refusal(back)
    told = services.cancel_event(obj, question.reason)
    flash(f"Die Veranstaltung ist abgesagt; {told} {'Person wird' if told == 1 else 'Personen werden'} "
          "benachrichtigt.", "success")
    return redirect(url_for(".index"))


@dashboard_bp.get("/")
@requires("events.manage")
def dashboard():
    """Events and KPRs a page each ("seite", "kpr_seite"); each pager keeps the other's page and the search."""
    args = request.args
    q = args.get("q", "").strip()[:160]
    kept = {key: value for key, value in args.items() if key in ("seite", "kpr_seite", "q") and value}
    return render_template(
        "events/dashboard.html", events=per_event(args.get("seite", 1, type=int)), districts=per_district(),
        kprs=per_kpr(q, args.get("kpr_seite", 1, type=int)), q=q,
        event_args={k: v for k, v in kept.items() if k != "seite"},
        kpr_args={k: v for k, v in kept.items() if k != "kpr_seite"},
        run=latest_run("events"), task_id=args.get("lauf"), year=today().year)


add_job_routes(dashboard_bp, "workers.aggregate_events", "events.manage", "events_dashboard.dashboard")
