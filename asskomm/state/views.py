"""The state council's pages: overview, KPR master data, assignments, people."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from tenants import Tenant, TenantStatus, db
from tenants.districts import SAXONY_DISTRICTS, district_key_of

from ..accounts import services as accounts
from ..accounts.models import Assignment, AssignmentKind, GlobalRole, MembershipRole, User
from ..confirm import confirm
from ..forms import back_on_refusal, form_page
from ..funding.window import shown_window
from ..navigation import tenant_nav_item
from ..policy import can, requires, tenant_area
from ..prevention.stage import Stage
from ..snapshots.models import latest_run
from ..timeutil import today
from . import consequences, people, services
from . import overview as overview_data
from .forms import AssignmentForm, InviteUserForm, TenantForm
from .models import StatusChange

bp = Blueprint("state", __name__, url_prefix="/land", template_folder="templates")
tenant_bp = tenant_area("state_tenant", __name__, template_folder="templates")
tenant_nav_item("Stammdaten", "state_tenant.edit_tenant", "tenant.edit", 60, group="verwaltung")
tenant_nav_item("Coach und Ansprechpartner:in", "state_tenant.assignments", "tenant.assign", 70, group="verwaltung")


@bp.get("/")
@requires("state.overview")
def overview():
    args = request.args
    page = overview_data.rows(args.get("status", ""), args.get("landkreis", ""), args.get("coach", type=int),
                              args.get("sortierung", "name"), args.get("absteigend") == "1",
                              args.get("zyklus", ""), args.get("q", ""), args.get("seite", 1, type=int))
    places = overview_data.places()
    archived = [r.tenant for r in page.rows if r.tenant.archived]
    # one decision for the page: restoring rests on the global role, not on the KPR
    may_restore = bool(archived) and can(current_user, "tenant.restore", archived[0])
    counts = {status: places.by_status[status] for status in TenantStatus}
    kept = {key: value for key, value in args.items() if key != "seite" and value}  # the pager keeps the filters
    return render_template(
        "state/overview.html", page=page, rows=page.rows, counts=counts, places=places,
        tiles=overview_data.SAXONY_TILES, saxony=SAXONY_DISTRICTS, archived=overview_data.ARCHIVED,
        shown=shown_window(today()), may_restore=may_restore, district_names=overview_data.all_districts(),
        coaches=services.assignable_people(AssignmentKind.coach), run=latest_run("activity"),
        statuses=list(TenantStatus), args=args, kept=kept, sorts=list(overview_data.SORTS), stages=list(Stage),
        stage_places=overview_data.stage_places(), page_size=overview_data.PAGE_SIZE,
    )


@bp.route("/kpr/neu", methods=["GET", "POST"])
@requires("tenant.create")
def new_tenant():
    form = TenantForm()

    def save():
        tenant = services.save_tenant(None, form.data, current_user)
        flash(f"{tenant.council_name} wurde angelegt.", "success")
        return redirect(url_for("public.home", tenant_slug=tenant.slug))

    return form_page(form, "state/tenant_form.html", save, tenant=None)


@tenant_bp.route("/stammdaten", methods=["GET", "POST"])
@requires("tenant.edit")
def edit_tenant():
    tenant = g.tenant
    form = TenantForm(obj=tenant, data={"kind": tenant.kind.value, "status": tenant.status.value})
    del form.slug
    if not form.is_submitted():  # the stored district name as its entry in the list
        form.district.data = district_key_of(tenant.federal_state, tenant.district)
        form.other_district.data = "" if form.district.data else tenant.district

    def save():
        services.save_tenant(tenant, form.data, current_user)
        flash("Die Stammdaten wurden gespeichert.", "success")
        return redirect(url_for("public.home"))

    history = db.session.scalars(sa.select(StatusChange).filter_by(tenant_id=tenant.id)
                                 .options(joinedload(StatusChange.changed_by))
                                 .order_by(StatusChange.effective_on, StatusChange.id)).all()
    return form_page(form, "state/tenant_form.html", save, tenant=tenant, history=history,
                     may_archive=can(current_user, "tenant.archive", tenant))


@tenant_bp.route("/archivieren", methods=["GET", "POST"])
@requires("tenant.archive")
def archive_tenant():
    tenant = g.tenant
    question = confirm(f"{tenant.council_name} archivieren?", consequences.of_archiving(tenant), "Archivieren",
                       url_for(".edit_tenant"), reversible=True)
    if not question.confirmed:
        return question.page
    services.archive_tenant(tenant, current_user, question.reason)
    flash(f"{tenant.council_name} ist archiviert. Sie finden ihn in der Übersicht unter „archiviert“.", "success")
    return redirect(url_for("state.overview", status=overview_data.ARCHIVED))


@tenant_bp.post("/wiederherstellen")
@requires("tenant.restore")
def restore_tenant():
    back_on_refusal(url_for("state.overview", status=overview_data.ARCHIVED))
    services.restore_tenant(g.tenant)
    flash(f"{g.tenant.council_name} ist wiederhergestellt.", "success")
    return redirect(url_for("public.home"))


@tenant_bp.route("/zuordnung", methods=["GET", "POST"])
@requires("tenant.assign")
def assignments():
    form = AssignmentForm(data={"starts_on": today()})
    people = services.assignable_people(AssignmentKind.coach) + services.assignable_people(AssignmentKind.contact)
    form.user_id.choices = [(p.id, f"{p.name} ({p.email})") for p in people]

    def save():  # runs after the form's validation: kind and person are entries of their lists
        kind = AssignmentKind(form.kind.data)
        person = db.session.get(User, form.user_id.data)
        services.assign(g.tenant, person, kind, form.starts_on.data)
        flash(f"{person.name} ist ab {form.starts_on.data:%d.%m.%Y} {kind.label}.", "success")
        return redirect(url_for(".assignments"))

    history = db.session.scalars(
        sa.select(Assignment).filter_by(tenant_id=g.tenant.id).order_by(Assignment.kind, Assignment.starts_on.desc())
    ).all()
    return form_page(form, "state/assignments.html", save, history=history, today=today())


def _load_assignment(assignment_id: int) -> Assignment:
    # Assignments belong to the state council, not the KPR: match the tenant explicitly.
    return db.first_or_404(sa.select(Assignment).filter_by(id=assignment_id, tenant_id=g.tenant.id))


@tenant_bp.route("/zuordnung/<int:assignment_id>/beenden", methods=["GET", "POST"])
@requires("tenant.assign", load=_load_assignment)
def end_assignment(obj: Assignment):
    assignment = obj
    back_on_refusal(url_for(".assignments"))
    services.check_ending(assignment)
    question = confirm(f"Zuordnung von {assignment.user.name} als {assignment.kind.label} beenden?",
                       consequences.of_ending(assignment), "Zuordnung beenden", url_for(".assignments"))
    if not question.confirmed:
        return question.page
    services.end_assignment(assignment, current_user, question.reason)
    flash(f"Die Zuordnung von {assignment.user.name} endet heute.", "success")
    return redirect(url_for(".assignments"))


@bp.route("/personen", methods=["GET", "POST"])
@requires("users.manage")
def users():
    form = InviteUserForm()

    def save():
        roles = [GlobalRole(r) for r in form.roles.data]  # entries of the list, checked by the form
        tenant = db.session.get(Tenant, form.kpr.kpr.id) if form.kpr.kpr else None
        user = accounts.invite_user(form.email.data, form.name.data, current_user, roles, tenant,
                                    MembershipRole(form.membership_role.data))
        flash(f"Einladung an {user.email} ist unterwegs.", "success")
        return redirect(url_for(".users"))

    args = {"suche": request.args.get("suche", "")[:160], "rolle": request.args.get("rolle", "")}
    listing = people.people(args["suche"], args["rolle"], request.args.get("seite", 1, type=int))
    return form_page(form, "state/users.html", save, listing=listing, args={k: v for k, v in args.items() if v},
                     role_filters=people.ROLE_FILTERS)


@bp.route("/personen/<int:user_id>/deaktivieren", methods=["GET", "POST"])
@requires("users.manage")
def deactivate_user(user_id: int):
    person = accounts.person_of_alliance(user_id) or abort(404)
    back_on_refusal(url_for(".users"))
    accounts.check_deactivation(person, current_user)
    question = confirm(f"Konto von {person.name} deaktivieren?", consequences.of_deactivation(person),
                       "Deaktivieren", url_for(".users"), reversible=True)
    if not question.confirmed:
        return question.page
    accounts.deactivate_user(person, current_user, question.reason)
    flash(f"{person.name} ist jetzt deaktiviert.", "success")
    return redirect(url_for(".users"))


@bp.post("/personen/<int:user_id>/aktivieren")
@requires("users.manage")
def activate_user(user_id: int):
    person = accounts.person_of_alliance(user_id) or abort(404)
    back_on_refusal(url_for(".users"))
    accounts.activate_user(person)
    flash(f"{person.name} ist jetzt aktiv.", "success")
    return redirect(url_for(".users"))
