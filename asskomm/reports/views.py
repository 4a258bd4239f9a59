"""The cross-municipal report pages and their CSV/XLSX exports. They read only the snapshot rows
`workers.reports` writes; a run can be started here, with a progress bar."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from ..exports import csv_bytes, download, xlsx_bytes
from ..policy import can, requires
from ..snapshots.models import latest_run
from ..tasking import task_progress
from ..timeutil import today
from . import tables
from .selection import Selection, choices_for, resolve

bp = Blueprint("reports", __name__, url_prefix="/berichte", template_folder="templates")

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


def _report() -> tuple[Selection, int, list[int], list[tables.ReportTable], object]:
    choices = choices_for(current_user)
    selection = resolve(request.args, choices)
    series = tables.read_series(selection)
    year, years = _year(series)
    children = tables.read_breakdown(selection, year)
    return selection, year, years, tables.build(selection, series, year, years, children), choices


@bp.get("/")
@requires("reports.view")
def index():
    selection, year, years, report, choices = _report()
    run = latest_run("reports")
    task_id = request.args.get("lauf")
    return render_template("reports/index.html", selection=selection, year=year, years=years, tables=report,
                           choices=choices, run=run, stamp=tables.stamp(run.finished_at if run else None),
                           task_id=task_id, may_compute=can(current_user, "reports.compute"))


@bp.get("/export")
@requires("reports.view")
def export():
    selection, year, _years, report, _choices = _report()
    table = next((t for t in report if t.key == request.args.get("tabelle")), None)
    kind = request.args.get("format")
    if table is None or kind not in ("csv", "xlsx"):
        abort(404)
    run = latest_run("reports")
    title = f"{table.title} – {selection.label}"
    note = tables.stamp(run.finished_at if run else None)
    header = [column.label for column in table.columns]
    name = f"bericht-{table.key}-{year}.{kind}"
    if kind == "csv":
        return download(csv_bytes(header, table.texts(), preamble=[title, note]), name)
    return download(xlsx_bytes(title, table.title, header, table.rows,
                               lambda r, i: NUMBER_FORMATS[table.kind(r, i)], note=note), name)


@bp.post("/berechnen")
@requires("reports.compute")
def compute():
    result = current_app.extensions["celery"].send_task("workers.compute_reports")
    return redirect(url_for(".index", lauf=result.id))


@bp.get("/berechnung/<task_id>")
@requires("reports.compute")
def progress(task_id: str):
    return jsonify(task_progress(task_id, 3))
