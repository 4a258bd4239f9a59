"""The cross-municipal report pages and their CSV/XLSX exports. They read only the snapshot rows
`workers.reports` writes; a run can be started here, with a progress bar.

`/berichte/` serves the state council (any part of the alliance) and coaches (their KPRs);
`/k/<slug>/kennzahlen` shows a KPR its own figures, for its coordinators as well."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, render_template, request
from flask_login import current_user

from ..exports import csv_bytes, download, xlsx_bytes
from ..jobs import add_job_routes
from ..navigation import tenant_nav_item
from ..policy import can, requires, tenant_area
from ..snapshots.models import latest_run
from ..timeutil import today
from . import tables
from .selection import Choices, Selection, choices_for, resolve

bp = Blueprint("reports", __name__, url_prefix="/berichte", template_folder="templates")
tenant_bp = tenant_area("reports_tenant", __name__, template_folder="templates")
tenant_nav_item("Kennzahlen", "reports_tenant.own", "reports.own", 80, group="praevention")

YEARS_SHOWN = 6
NUMBER_FORMATS = {"count": "#,##0", "hours": "#,##0.00", "euro": '#,##0.00 "€"', "text": "@"}


def _year(series: tables.Series) -> tuple[int, list[int]]:
    """The year asked for (this year by default) and the years the trend shows."""
    current = today().year
    known = sorted(set(series) | {current})
    raw = request.args.get("jahr", "")
    year = current
    if raw:
        if raw.isdigit() and int(raw) in known:
            year = int(raw)
        else:
            flash(f"Für das Jahr „{raw[:10]}“ gibt es keine Zahlen; gezeigt wird {current}.", "error")
    return year, known[-YEARS_SHOWN:]


def _report(selection: Selection) -> tuple[int, list[int], list[tables.ReportTable], str]:
    series = tables.read_series(selection)
    year, years = _year(series)
    report = tables.build(selection, series, year, years, tables.read_breakdown(selection, year))
    run = latest_run("reports")
    return year, years, report, tables.stamp(run.finished_at if run else None)


def _page(selection: Selection, choices: Choices | None, endpoint: str, export_endpoint: str):
    year, years, report, stamp = _report(selection)
    return render_template("reports/index.html", selection=selection, year=year, years=years, tables=report,
                           choices=choices, stamp=stamp, endpoint=endpoint, export_endpoint=export_endpoint,
                           task_id=request.args.get("lauf"), may_compute=can(current_user, "reports.compute"))


def _export(selection: Selection):
    year, _years, report, stamp = _report(selection)
    table = next((t for t in report if t.key == request.args.get("tabelle", "kennzahlen")), None)
    kind = request.args.get("format", "csv")
    if table is None or kind not in ("csv", "xlsx"):
        abort(404)
    title = f"{table.title} – {selection.label}"
    header = [column.label for column in table.columns]
    name = f"bericht-{table.key}-{year}.{kind}"
    stamp = f"{stamp}. {table.note}" if table.note else stamp
    if kind == "csv":
        return download(csv_bytes(header, table.texts(), preamble=[title, stamp]), name)
    return download(xlsx_bytes(title, table.title, header, table.rows,
                               lambda r, i: NUMBER_FORMATS[table.kind(r, i)], note=stamp), name)


def _alliance() -> tuple[Selection, Choices]:
    choices = choices_for(current_user)
    return resolve(request.args, choices), choices


def _own() -> Selection:
    return Selection(g.tenant.council_name, "kpr", [str(g.tenant.id)])


@bp.get("/")
@requires("reports.view")
def index():
    selection, choices = _alliance()
    page = _page(selection, choices, "reports.index", "reports.export")
    unknown = choices.picked is not None and choices.picked.message and not choices.picked.matches
    return (page, 422) if unknown else page


@bp.get("/export")
@requires("reports.view")
def export():
    return _export(_alliance()[0])


@tenant_bp.get("/kennzahlen")
@requires("reports.own")
def own():
    return _page(_own(), None, "reports_tenant.own", "reports_tenant.own_export")


@tenant_bp.get("/kennzahlen/export")
@requires("reports.own")
def own_export():
    return _export(_own())


add_job_routes(bp, "workers.compute_reports", "reports.compute", "reports.index", per_alliance=True)
