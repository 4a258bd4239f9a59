"""Crime figures as files: the import (all rows or none), the template to fill in, the export."""

from __future__ import annotations

from flask import Response, flash, g, redirect, render_template, url_for

from ...documents.too_large import form_again_when_too_large
from ...exports import MIMETYPES
from ...forms import on_refusal
from ...policy import requires
from ...timeutil import today
from ..blueprint import bp
from ..reference import OFFENCE_KEYS
from . import services
from .forms import ImportForm
from .importer import MAX_BYTES, MAX_ROWS, Problem, read_file
from .spreadsheet import HEADER, OPTIONAL, REQUIRED, as_csv, as_xlsx, example_line, figure_lines

PAGE = "prevention/statistics/import.html"
TOO_LARGE = f"Die Datei ist zu groß: höchstens {MAX_BYTES // (1024 * 1024)} MB."


def _page(form: ImportForm, problems: list[Problem], status: int = 200):
    return render_template(PAGE, form=form, problems=problems, offences=OFFENCE_KEYS, header=HEADER,
                           required=REQUIRED, optional=OPTIONAL, max_rows=MAX_ROWS,
                           max_mb=MAX_BYTES // (1024 * 1024)), status


@bp.route("/praevention/kriminalstatistik/import", methods=["GET", "POST"])
@form_again_when_too_large
@requires("prevention.edit")
def crime_import():
    form = ImportForm()
    if g.pop("upload_too_large", False):
        form.file.errors = [TOO_LARGE]
        return _page(form, [], 413)
    if not form.validate_on_submit():
        return _page(form, [], 422 if form.is_submitted() else 200)
    upload = form.file.data
    reading = read_file(upload.filename or "", upload.stream.read(MAX_BYTES + 1))
    if reading.refused:
        return _page(form, reading.problems, 422)
    on_refusal(lambda: _page(form, [], 422), form)
    added, replaced = services.import_figures([values for _, values in reading.rows])
    flash(f"Import abgeschlossen: {added} Fallzahlen hinzugefügt, {replaced} ersetzt.", "success")
    return redirect(url_for(".crime_figures"))


def _download(content: bytes, fmt: str, name: str) -> Response:
    return Response(content, mimetype=MIMETYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


@bp.get("/praevention/kriminalstatistik/vorlage.<any(csv, xlsx):fmt>")
@requires("prevention.figures")
def crime_template(fmt: str):
    lines = [example_line(today().year - 1)]
    content = as_csv(lines) if fmt == "csv" else as_xlsx(lines, "Fallzahlen")
    return _download(content, fmt, "Vorlage-Fallzahlen")


@bp.get("/praevention/kriminalstatistik/export.<any(csv, xlsx):fmt>")
@requires("prevention.figures")
def crime_export(fmt: str):
    lines = figure_lines()
    content = as_csv(lines) if fmt == "csv" else as_xlsx(lines, "Fallzahlen")
    return _download(content, fmt, f"Fallzahlen-{g.tenant.slug}")
