"""Pages of the privacy package: one's own data export (/konto/daten), the state admins' erasure of
an account (/land/personen/<id>/loeschen), the coordinators' anonymisation of a register entry."""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from tenants import db

from ..accounts.services import person_of_alliance
from ..confirm import confirm
from ..forms import back_on_refusal
from ..policy import requires, tenant_area
from ..structure.models import Person
from . import erasure, services

bp = Blueprint("privacy", __name__, template_folder="templates")
tenant_bp = tenant_area("privacy_tenant", __name__, template_folder="templates")


@bp.route("/konto/daten", methods=["GET", "POST"])
@login_required
def data():
    form = FlaskForm()
    if form.validate_on_submit():
        back_on_refusal(url_for(".data"))
        services.request_export(current_user)
        flash("Ihr Datenexport wird erstellt. Sie erhalten eine E-Mail mit dem Link, sobald er bereitsteht.",
              "success")
        return redirect(url_for(".data"))
    return render_template("privacy/data.html", form=form, export=services.current_export(current_user),
                           days=services.export_days())


@bp.get("/konto/daten/<token>.zip")
@login_required
def download(token: str):
    item = services.export_for_download(current_user, token)
    if item is None:
        abort(404)
    stamp = item.ready_at.strftime("%Y-%m-%d")
    return send_file(io.BytesIO(item.archive), mimetype="application/zip", as_attachment=True,
                     download_name=f"asskomm-daten-{stamp}.zip", max_age=0)


@bp.route("/land/personen/<int:user_id>/loeschen", methods=["GET", "POST"])
@requires("users.manage")
def erase_user(user_id: int):
    person = person_of_alliance(user_id) or abort(404)
    back_on_refusal(url_for("state.users"))
    erasure.check_user_erasure(person, current_user)
    question = confirm(f"{person.name} löschen (anonymisieren)?", [
        "Name und E-Mail-Adresse werden überall durch ein Pseudonym ersetzt (z. B. „Gelöschte Person 7F3A“): im "
        "Konto, in den Personenverzeichnissen aller KPR, in Niederschriften, Kommentaren, Beratungsprotokollen, "
        "E-Mails und im Änderungsprotokoll.",
        "Das Konto wird gesperrt und hat kein Passwort mehr; alle Anmeldungen, Links und Kalender-Abonnements "
        "enden sofort.",
        "Rollen und Mitgliedschaften in KPR werden entfernt, laufende Zuordnungen als Coach oder "
        "Ansprechpartner:in enden heute.",
        "Anmeldungen zu Veranstaltungen bleiben für die Statistik unter dem Pseudonym; "
        "Teilnahmebescheinigungen, ein Datenexport und E-Mails an die Person werden gelöscht.",
        "Sitzungen und Niederschriften, an denen die Person beteiligt war, bleiben mit dem Pseudonym erhalten.",
        "Die Löschung steht ohne den Namen im Änderungsprotokoll."],
        "Person endgültig löschen", url_for("state.users"))
    if not question.confirmed:
        return question.page
    pseudonym = erasure.erase_user(person, current_user)
    flash(f"Die Person wurde gelöscht; sie erscheint nun als „{pseudonym}“.", "success")
    return redirect(url_for("state.users"))


@tenant_bp.route("/struktur/personen/<int:person_id>/anonymisieren", methods=["GET", "POST"])
@requires("structure.edit", load=lambda person_id: db.get_or_404(Person, person_id))
def erase_register_person(obj: Person):
    back = url_for("structure.edit_person", person_id=obj.id)
    back_on_refusal(back)
    erasure.check_register_erasure(obj)
    question = confirm(f"{obj.name} anonymisieren?", [
        "Name, E-Mail-Adresse und Telefonnummer im Personenverzeichnis werden entfernt; der Eintrag heißt danach "
        "z. B. „Gelöschte Person 7F3A“.",
        "Wo der Name oder die E-Mail-Adresse in diesem KPR sonst steht (Niederschriften, Aufgaben, Kommentare, "
        "Änderungsprotokoll), wird sie durch das Pseudonym ersetzt. Andere KPR bleiben unberührt.",
        "Mitgliedschaften in Gremien und Einladungen zu Sitzungen bleiben unter dem Pseudonym erhalten.",
        "Ein Zugang der Person zur Plattform bleibt bestehen; er wird nur vom Eintrag getrennt."],
        "Endgültig anonymisieren", back)
    if not question.confirmed:
        return question.page
    erasure.erase_register_person(obj)
    flash("Der Eintrag wurde anonymisiert.", "success")
    return redirect(url_for("structure.people"))
