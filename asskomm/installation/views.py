"""The operator's page: the list of alliances and the form of a new one."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ..accounts import alliances
from ..forms import form_page
from ..policy import requires
from .forms import AllianceForm

bp = Blueprint("installation", __name__, template_folder="templates")


@bp.route("/betrieb/allianzen", methods=["GET", "POST"])
@requires("alliances.manage")
def alliance_list() -> ResponseReturnValue:
    form = AllianceForm()

    def save() -> ResponseReturnValue:
        created = alliances.create_alliance(form.spec())
        alliances.invite_first_admin(created, current_user)
        flash(f"Die Allianz {created.alliance.short_name} ist angelegt und antwortet unter {created.alliance.host}. "
              f"{created.admin.name} ({created.admin.email}) ist ihre erste Landesadministration und bekommt die "
              "Einladung per E-Mail; deren Link führt auf die Adresse der neuen Allianz.", "success")
        return redirect(url_for(".alliance_list"))

    return form_page(form, "installation/alliances.html", save, rows=alliances.alliance_rows(),
                     limit=alliances.LIST_LIMIT)
