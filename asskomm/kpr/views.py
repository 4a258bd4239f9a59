"""A KPR's members, and the workspace panel of its start page (public.home)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, g, redirect, render_template, url_for
from flask_login import current_user

from tenants import db

from ..accounts import services as accounts
from ..accounts.forms import InviteMemberForm
from ..accounts.models import AssignmentKind, Membership, MembershipRole, User, current_assignments
from ..forms import back_on_refusal, form_page
from ..navigation import tenant_nav_item
from ..policy import can, requires, tenant_area
from . import services
from .forms import EmailVisibilityForm

bp = tenant_area("kpr", __name__, template_folder="templates")
tenant_nav_item("Mitglieder", "kpr.members", "members.view", 50, group="gremien")


def _memberships() -> list[Membership]:
    return db.session.scalars(
        sa.select(Membership).join(Membership.user).order_by(Membership.role, User.name)
    ).all()


def workspace_panel() -> dict:
    """What the start page (public.home) shows people of the KPR: master data, coach, contact,
    coordinators and member count, for the template kpr/_workspace_panel.html."""
    memberships = _memberships()
    assignments = current_assignments([g.tenant.id])
    return dict(
        tenant=g.tenant, memberships=memberships,
        coach=assignments.get((g.tenant.id, AssignmentKind.coach)),
        contact=assignments.get((g.tenant.id, AssignmentKind.contact)),
        coordinators=[m for m in memberships if m.role == MembershipRole.coordinator],
    )


@bp.route("/mitglieder", methods=["GET", "POST"])
@requires("members.view")
def members():
    form = InviteMemberForm()
    if form.is_submitted() and not can(current_user, "members.manage", g.tenant):
        return render_template("errors/error.html", title="Keine Berechtigung",
                               text="Mitglieder verwalten nur die Koordinator:innen des KPR."), 403

    def save():
        membership = accounts.add_member(g.tenant, form.email.data, form.name.data, MembershipRole(form.role.data),
                                         current_user)
        flash(f"{membership.user.name} wurde eingeladen.", "success")
        return redirect(url_for(".members"))

    visibility = EmailVisibilityForm(formdata=None, member_emails_visible=g.tenant.member_emails_visible)
    return form_page(form, "kpr/members.html", save, refusal_field="email", memberships=_memberships(),
                     visibility=visibility)


@bp.post("/mitglieder/sichtbarkeit")
@requires("members.manage")
def email_visibility():
    form = EmailVisibilityForm()
    if form.validate_on_submit():
        visible = bool(form.member_emails_visible.data)
        services.set_member_emails_visible(g.tenant, visible)
        flash("Die Mitglieder sehen die E-Mail-Adressen jetzt." if visible else
              "Die E-Mail-Adressen sehen jetzt nur Koordinator:innen, Coach und Landespräventionsrat.", "success")
    return redirect(url_for(".members"))


@bp.post("/mitglieder/<int:membership_id>/entfernen")
@requires("members.manage", load=lambda membership_id: db.get_or_404(Membership, membership_id))
def remove_member(obj: Membership):
    membership = obj  # another KPR's id is a 404 by scoping
    name = membership.user.name
    back_on_refusal(url_for(".members"))
    accounts.remove_member(membership, current_user)
    flash(f"{name} gehört nicht mehr zum KPR.", "success")
    return redirect(url_for(".members"))
