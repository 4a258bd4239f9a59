"""The cooperation agreement of a KPR: recorded by the state council, read by the KPR and its coach."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import db

from ..documents import services as documents
from ..documents.forms import FILE_HINT
from ..documents.too_large import form_again_when_too_large, upload_form_page
from ..documents.uploads import format_size
from ..documents.views import send_version
from ..forms import form_page, on_refusal
from ..navigation import tenant_nav_item
from ..policy import can, requires, tenant_area
from ..timeutil import today
from . import services
from .forms import AgreementForm, RenewalForm, signatory_data
from .models import CooperationAgreement, Party

bp = tenant_area("agreements", __name__, template_folder="templates")
tenant_nav_item("Kooperationsvereinbarung", "agreements.index", "agreements.view", 55, group="verwaltung")


def _load(agreement_id: int) -> CooperationAgreement:
    return db.get_or_404(CooperationAgreement, agreement_id)


@bp.get("/vereinbarung")
@requires("agreements.view")
def index():
    return _index_page(RenewalForm(data={"renewed_on": today()}))


def _index_page(renewal_form: RenewalForm, status: int = 200):
    agreements = services.agreements()
    return render_template("agreements/index.html", current=agreements[0] if agreements else None,
                           history=agreements[1:], may_edit=can(current_user, "agreements.edit", g.tenant),
                           renewal_form=renewal_form, parties=list(Party)), status


@bp.route("/vereinbarung/neu", methods=["GET", "POST"])
@form_again_when_too_large
@requires("agreements.edit")
def new():
    form = AgreementForm(data={"police_directorate": g.tenant.police_directorate} if request.method == "GET" else None)
    return _form_page(None, form)


@bp.route("/vereinbarung/<int:agreement_id>/bearbeiten", methods=["GET", "POST"])
@form_again_when_too_large
@requires("agreements.edit",
          load=lambda agreement_id: services.agreement_with_signatories(agreement_id) or abort(404))
def edit(obj: CooperationAgreement):
    return _form_page(obj, AgreementForm(obj=obj, data=signatory_data(obj)))


def _form_page(agreement: CooperationAgreement | None, form: AgreementForm):
    """Check the form and the file, save; anything refused changes nothing (the rollback also
    deletes a file stored meanwhile)."""
    def save():
        file = form.file.data
        checked = documents.check(file.filename, file.stream) if file else None
        saved = services.save_agreement(g.tenant, agreement, form.data, form.signatories(), checked, current_user)
        flash(f"Die Kooperationsvereinbarung vom {saved.signed_on:%d.%m.%Y} wurde gespeichert.", "success")
        return redirect(url_for(".index"))

    return upload_form_page(form, lambda: form_page(form, "agreements/form.html", save, agreement=agreement,
                                                    file_hint=FILE_HINT, limit=format_size(documents.upload_limit())))


@bp.get("/vereinbarung/<int:agreement_id>/dokument")
@requires("agreements.view", load=_load)
def document(obj: CooperationAgreement):
    """The current version of the signed paper, as a private download."""
    if obj.document is None:
        abort(404)
    version = documents.current_version(obj.document) or abort(404)
    return send_version(version, private=True)


@bp.post("/vereinbarung/<int:agreement_id>/verlaengerung")
@requires("agreements.edit", load=_load)
def renew(obj: CooperationAgreement):
    form = RenewalForm()
    on_refusal(lambda: _index_page(form, 422), form)
    if not form.validate_on_submit():
        return _index_page(form, 422)
    services.renew(obj, form.renewed_on.data, form.valid_until.data, form.note.data)
    flash(f"Die Vereinbarung gilt nun bis {obj.valid_until:%d.%m.%Y}.", "success")
    return redirect(url_for(".index"))
