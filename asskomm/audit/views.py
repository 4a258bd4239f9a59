"""The audit trail's pages: a KPR's for its coordinators, the whole state's for state admins."""

from __future__ import annotations

from flask import Blueprint, g, render_template, request, url_for

from tenants import db

from ..exports import csv_bytes, download
from ..navigation import tenant_nav_item
from ..policy import requires, tenant_area
from ..timeutil import today
from . import services
from .forms import AuditFilterForm
from .listener import audited_tables

bp = Blueprint("audit", __name__, url_prefix="/land", template_folder="templates")
tenant_bp = tenant_area("audit_tenant", __name__, template_folder="templates")
tenant_nav_item("Änderungsprotokoll", "audit_tenant.index", "audit.tenant", 90, group="verwaltung")


def _filters(state_wide: bool) -> tuple[AuditFilterForm, services.Filters | None]:
    """The filter form from the query string, and the filters it names (None if invalid)."""
    form = AuditFilterForm(request.args, object_types=audited_tables(db.Model.registry) + ["audit_entry"])
    if not state_wide:
        del form.kpr
    if not form.validate():
        return form, None
    return form, services.Filters(
        kpr=(form.kpr.data or "") if state_wide else "", person=form.person.data or "",
        object_type=form.objekt.data or "", action=form.aktion.data or "",
        date_from=form.von.data, date_to=form.bis.data,
    )


def _page(state_wide: bool, tenant_id: int | None):
    form, filters = _filters(state_wide)
    args = {k: v for k, v in request.args.items() if k != "seite" and v}
    context = dict(form=form, state_wide=state_wide, args=args, export_limit=services.EXPORT_LIMIT)
    if filters is None:  # the messages next to the fields; no list that would look filtered
        return render_template("audit/index.html", page=None, lines=[], **context), 422
    page = services.entry_page(filters, request.args.get("seite", 1, type=int), tenant_id)
    return render_template("audit/index.html", page=page, lines=services.lines(page.items, value_limit=200),
                           export_url=url_for(f"{request.blueprint}.export", **args), **context)


def _export(state_wide: bool, tenant_id: int | None, name: str):
    _, filters = _filters(state_wide)
    if filters is None:
        return render_template("errors/error.html", title="Ungültiger Filter",
                               text="Bitte prüfen Sie die Angaben im Filter des Änderungsprotokolls."), 422
    lines = services.lines(services.export_entries(filters, tenant_id))
    content = csv_bytes(services.CSV_HEADER, [line.cells() for line in lines])
    return download(content, f"aenderungsprotokoll-{name}-{today().isoformat()}.csv")


@tenant_bp.get("/protokoll")
@requires("audit.tenant")
def index():
    return _page(False, g.tenant.id)


@tenant_bp.get("/protokoll.csv")
@requires("audit.tenant")
def export():
    return _export(False, g.tenant.id, g.tenant.slug)


@bp.get("/protokoll", endpoint="index")
@requires("audit.all")
def state_index():
    return _page(True, None)


@bp.get("/protokoll.csv", endpoint="export")
@requires("audit.all")
def state_export():
    return _export(True, None, "land")
