"""Structure of a KPR: bodies, people, memberships; organisation chart and members by sector."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from tenants import db

from ..forms import service_call
from ..navigation import tenant_nav_item
from ..policy import requires, tenant_area
from ..timeutil import today
from . import services
from .forms import BodyForm, MembershipForm, PersonForm
from .models import Body, BodyKind, BodyMembership, BodyRole, Person

bp = tenant_area("structure", __name__, template_folder="templates")
tenant_nav_item("Struktur", "structure.chart", "structure.view", 10)


def _load_body(body_id: int) -> Body:
    return db.get_or_404(Body, body_id)


def _load_person(person_id: int) -> Person:
    return db.get_or_404(Person, person_id)


@bp.get("/struktur")
@requires("structure.view")
def chart():
    bodies = services.bodies_with_members()
    members = {body.id: services.current_members(body) for body in bodies}
    by_kind: dict = {}
    for body in bodies:
        by_kind.setdefault(body.kind, []).append(body)
    warnings = [w for w in (services.steering_group_warning(b) for b in bodies) if w]
    return render_template("structure/chart.html", by_kind=by_kind, members=members, warnings=warnings,
                           kind_enum=BodyKind)


@bp.get("/struktur/personen")
@requires("structure.view")
def people():
    return render_template("structure/people.html", grouped=services.people_by_sector(), today=today())


def _body_form_page(body: Body | None):
    form = BodyForm(obj=body) if body else BodyForm()
    if body and not form.is_submitted():
        form.kind.data, form.basis.data = body.kind.value, body.basis.value if body.basis else ""
    if form.validate_on_submit():
        with service_call(form) as call:
            saved = services.save_body(body, form.data)
        if call.ok:
            flash(f"{saved.name} wurde gespeichert.", "success")
            return redirect(url_for(".body", body_id=saved.id))
    return render_template("structure/body_form.html", form=form, body=body), 422 if form.is_submitted() else 200


@bp.route("/struktur/gremien/neu", methods=["GET", "POST"])
@requires("structure.edit")
def new_body():
    return _body_form_page(None)


@bp.route("/struktur/gremien/<int:body_id>/bearbeiten", methods=["GET", "POST"])
@requires("structure.edit", load=_load_body)
def edit_body(obj: Body):
    return _body_form_page(obj)


@bp.get("/struktur/gremien/<int:body_id>")
@requires("structure.view", load=_load_body)
def body(obj: Body):
    form = MembershipForm()
    form.person_id.choices = [(p.id, p.name) for p in services.all_people()]
    return render_template("structure/body.html", body=obj, form=form, members=services.current_members(obj),
                           former=[m for m in obj.memberships if m not in services.current_members(obj)],
                           warning=services.steering_group_warning(obj))


@bp.post("/struktur/gremien/<int:body_id>/mitglieder")
@requires("structure.edit", load=_load_body)
def add_member(obj: Body):
    form = MembershipForm()
    form.person_id.choices = [(p.id, p.name) for p in services.all_people()]
    if form.validate_on_submit():
        with service_call(form) as call:
            person = db.get_or_404(Person, form.person_id.data)
            services.add_membership(obj, person, BodyRole(form.role.data), form.starts_on.data, form.ends_on.data)
        if call.ok:
            flash(f"{person.name} gehört jetzt zu {obj.name}.", "success")
            return redirect(url_for(".body", body_id=obj.id))
    members = services.current_members(obj)
    return render_template("structure/body.html", body=obj, form=form, members=members,
                           former=[m for m in obj.memberships if m not in members],
                           warning=services.steering_group_warning(obj)), 422


@bp.post("/struktur/gremien/<int:body_id>/loeschen")
@requires("structure.edit", load=_load_body)
def delete_body(obj: Body):
    with service_call() as call:
        services.delete_body(obj)
    if not call.ok:
        return redirect(url_for(".body", body_id=obj.id))
    flash("Das Gremium wurde gelöscht.", "success")
    return redirect(url_for(".chart"))


@bp.post("/struktur/mitgliedschaften/<int:body_membership_id>/beenden")
@requires("structure.edit", load=lambda body_membership_id: db.get_or_404(BodyMembership, body_membership_id))
def end_membership(obj: BodyMembership):
    with service_call() as call:
        services.end_membership(obj)
    if call.ok:
        flash(f"Die Mitgliedschaft von {obj.person.name} in {obj.body.name} ist beendet.", "success")
    return redirect(url_for(".body", body_id=obj.body_id))


def _person_form_page(person: Person | None):
    form = PersonForm(obj=person) if person else PersonForm()
    if person and not form.is_submitted():
        form.sector.data = person.sector.value
    if form.validate_on_submit():
        saved = services.save_person(person, form.data)
        db.session.commit()
        flash(f"{saved.name} wurde gespeichert.", "success")
        return redirect(url_for(".people"))
    return render_template("structure/person_form.html", form=form, person=person), 422 if form.is_submitted() else 200


@bp.route("/struktur/personen/neu", methods=["GET", "POST"])
@requires("structure.edit")
def new_person():
    return _person_form_page(None)


@bp.route("/struktur/personen/<int:person_id>", methods=["GET", "POST"])
@requires("structure.edit", load=_load_person)
def edit_person(obj: Person):
    return _person_form_page(obj)


@bp.post("/struktur/personen/<int:person_id>/loeschen")
@requires("structure.edit", load=_load_person)
def delete_person(obj: Person):
    name = obj.name
    services.delete_person(obj)
    db.session.commit()
    flash(f"{name} wurde aus dem Personenverzeichnis gelöscht.", "success")
    return redirect(url_for(".people"))
