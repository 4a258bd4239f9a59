"""Structure of a KPR: bodies, people, memberships; organisation chart and members by sector."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from tenants import db

from ..confirm import confirm
from ..forms import back_on_refusal, form_page
from ..navigation import tenant_nav_item
from ..policy import requires, tenant_area
from ..routes import new_and_edit
from ..timeutil import today
from . import services
from .forms import BodyForm, MembershipForm, PersonForm
from .models import Body, BodyKind, BodyMembership, BodyRole, Person

bp = tenant_area("structure", __name__, template_folder="templates")
tenant_nav_item("Struktur", "structure.chart", "structure.view", 10, group="gremien")


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


@new_and_edit(bp, "/struktur/gremien/neu", "/struktur/gremien/<int:body_id>/bearbeiten", Body, "structure.edit",
              ("new_body", "edit_body"))
def body_form(obj: Body | None):
    form = BodyForm(obj=obj) if obj else BodyForm()
    if obj and not form.is_submitted():
        form.kind.data, form.basis.data = obj.kind.value, obj.basis.value if obj.basis else ""

    def save():
        saved = services.save_body(obj, form.data)
        flash(f"{saved.name} wurde gespeichert.", "success")
        return redirect(url_for(".body", body_id=saved.id))

    return form_page(form, "structure/body_form.html", save, body=obj)


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

    def save():
        person = db.get_or_404(Person, form.person_id.data)
        services.add_membership(obj, person, BodyRole(form.role.data), form.starts_on.data, form.ends_on.data)
        flash(f"{person.name} gehört jetzt zu {obj.name}.", "success")
        return redirect(url_for(".body", body_id=obj.id))

    members = services.current_members(obj)
    return form_page(form, "structure/body.html", save, body=obj, members=members,
                     former=[m for m in obj.memberships if m not in members],
                     warning=services.steering_group_warning(obj))


def _memberships_line(current: int, former: int, where: str = "") -> str:
    """ "2 aktuelle Mitgliedschaften enden, 1 frühere wird aus der Historie gelöscht (AG Gewalt)." """
    if not current and not former:
        return "Es gibt keine Mitgliedschaften, die enden."
    parts = [f"{current} aktuelle Mitgliedschaft endet" if current == 1
             else f"{current} aktuelle Mitgliedschaften enden"] if current else []
    if former:
        parts.append(f"{former} frühere {'wird' if former == 1 else 'werden'} aus der Historie gelöscht")
    return ", ".join(parts) + (f" ({where})" if where else "") + "."


@bp.route("/struktur/gremien/<int:body_id>/loeschen", methods=["GET", "POST"])
@requires("structure.edit", load=_load_body)
def delete_body(obj: Body):
    back_on_refusal(url_for(".body", body_id=obj.id))
    services.ensure_deletable(obj)  # refused (a body with meetings) before anyone is asked
    current, former = services.membership_counts(obj.memberships)
    question = confirm(f"{obj.name} löschen?", [
        _memberships_line(current, former),
        f"{obj.name} verschwindet aus dem Organigramm und der Gremienliste; die Personen bleiben im "
        "Personenverzeichnis.", "Die Löschung steht mit Ihrer Begründung im Änderungsprotokoll."],
        "Gremium endgültig löschen", url_for(".body", body_id=obj.id))
    if not question.confirmed:
        return question.page
    name = obj.name
    services.delete_body(obj)
    flash(f"{name} wurde gelöscht.", "success")
    return redirect(url_for(".chart"))


@bp.post("/struktur/mitgliedschaften/<int:body_membership_id>/beenden")
@requires("structure.edit", load=lambda body_membership_id: db.get_or_404(BodyMembership, body_membership_id))
def end_membership(obj: BodyMembership):
    back_on_refusal(url_for(".body", body_id=obj.body_id))
    services.end_membership(obj)
    flash(f"Die Mitgliedschaft von {obj.person.name} in {obj.body.name} ist beendet.", "success")
    return redirect(url_for(".body", body_id=obj.body_id))


@new_and_edit(bp, "/struktur/personen/neu", "/struktur/personen/<int:person_id>", Person, "structure.edit",
              ("new_person", "edit_person"))
def person_form(obj: Person | None):
    form = PersonForm(obj=obj) if obj else PersonForm()
    if obj and not form.is_submitted():
        form.sector.data = obj.sector.value

    def save():
        saved = services.save_person(obj, form.data)
        flash(f"{saved.name} wurde gespeichert.", "success")
        return redirect(url_for(".people"))

    return form_page(form, "structure/person_form.html", save, person=obj)


@bp.route("/struktur/personen/<int:person_id>/loeschen", methods=["GET", "POST"])
@requires("structure.edit", load=lambda person_id: services.person_with_memberships(person_id) or abort(404))
def delete_person(obj: Person):
    current, former = services.membership_counts(obj.memberships)
    question = confirm(f"{obj.name} aus dem Personenverzeichnis löschen?", [
        _memberships_line(current, former, ", ".join(sorted({m.body.name for m in obj.memberships}))),
        "Einladungen zu Sitzungen mit den Antworten der Person werden gelöscht; Aufgaben und Tagesordnungspunkte, "
        "für die sie verantwortlich war, stehen danach ohne Verantwortliche:n da.",
        *(["Ihr Zugang zur Plattform bleibt bestehen; gelöscht wird nur der Eintrag im Verzeichnis."]
          if obj.user_id else []),
        "Die Löschung steht mit Ihrer Begründung im Änderungsprotokoll."],
        "Person endgültig löschen", url_for(".edit_person", person_id=obj.id))
    if not question.confirmed:
        return question.page
    name = obj.name
    services.delete_person(obj)
    flash(f"{name} wurde aus dem Personenverzeichnis gelöscht.", "success")
    return redirect(url_for(".people"))
