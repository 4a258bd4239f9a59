"""Funding applications of a KPR per year."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for
from flask_login import current_user

from tenants import db

from ..formats import format_number
from ..forms import form_page
from ..navigation import tenant_nav_item
from ..policy import can, requires, tenant_area
from ..timeutil import today
from . import services
from .forms import FundingForm
from .models import FundingApplication, FundingStatus
from .window import shown_window

bp = tenant_area("funding", __name__, template_folder="templates")
tenant_nav_item("Förderung", "funding.index", "funding.view", 58, group="verwaltung")

FIELDS = ("year", "purpose", "status", "amount_applied", "applied_on", "amount_granted", "decided_on", "notes")


@bp.app_template_filter("euro")
def _euro(value) -> str:
    """1.234,50 € — or a dash where there is no amount."""
    return "–" if value is None else format_number(value, "euro")


@bp.get("/foerderung")
@requires("funding.view")
def index():
    return render_template("funding/index.html", years=services.by_year(),
                           may_edit=can(current_user, "funding.edit", g.tenant), shown=shown_window(today()))


@bp.route("/foerderung/neu", methods=["GET", "POST"])
@requires("funding.edit")
def new():
    return _form_page(None, FundingForm(data={"year": today().year}))


@bp.route("/foerderung/<int:funding_id>/bearbeiten", methods=["GET", "POST"])
@requires("funding.edit", load=lambda funding_id: db.get_or_404(FundingApplication, funding_id))
def edit(obj: FundingApplication):
    form = FundingForm(obj=obj)
    if not form.is_submitted():
        form.status.data = obj.status.value
    return _form_page(obj, form)


def _form_page(entry: FundingApplication | None, form: FundingForm):
    may_decide = can(current_user, "funding.decide", g.tenant)
    if not may_decide:
        # Decisions are not offered; a decided entry keeps its status as the only decided choice.
        kept = {entry.status} if entry is not None else set()
        form.status.choices = [(s.value, s.label) for s in FundingStatus
                               if s not in services.DECIDED or s in kept]

    def save():
        saved = services.save_funding(entry, {name: form[name].data for name in FIELDS}, may_decide)
        flash(f"Die Förderung „{saved.purpose}“ ({saved.year}) wurde gespeichert.", "success")
        return redirect(url_for(".index"))

    return form_page(form, "funding/form.html", save, entry=entry, may_decide=may_decide,
                     first_year=services.FIRST_YEAR, last_year=services.last_year())
