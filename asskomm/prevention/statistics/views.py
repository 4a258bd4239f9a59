"""The KPR's crime figures: the table over the years, one figure by form, the populations. The
import, the indicator series and the Land's figures have their own modules, registered here."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from tenants import db

from ...confirm import confirm
from ...forms import back_on_refusal, form_page
from ...policy import can, requires
from ...timeutil import today
from ..blueprint import bp
from ..reference import OFFENCES
from . import import_views as _import_views  # noqa: F401  registers the import pages
from . import indicator_views as _indicator_views  # noqa: F401
from . import land_views as _land_views  # noqa: F401
from . import services
from .forms import CrimeFigureForm, PopulationForm, YearRangeForm
from .models import CrimeFigure, Population

MAX_SPAN = 15  # years in one table; more do not fit any screen


def _figure_or_404(figure_id: int) -> CrimeFigure:
    return db.get_or_404(CrimeFigure, figure_id)


def shown_years(form: YearRangeForm) -> tuple[int, int, list[str]]:
    """The years the filter asks for (the last five with figures by default), and its problems."""
    first, last = services.default_years(services.figure_years(), today().year)
    problems = [error for field in (form.von, form.bis) for error in field.errors]
    if form.von.data is not None:
        first = form.von.data
    if form.bis.data is not None:
        last = form.bis.data
    if first > last:
        problems.append("„Von Jahr“ muss vor „Bis Jahr“ liegen oder gleich sein.")
    elif last - first + 1 > MAX_SPAN:
        problems.append(f"Bitte wählen Sie höchstens {MAX_SPAN} Jahre auf einmal.")
    if problems:
        first, last = services.default_years(services.figure_years(), today().year)
    return first, last, problems


@bp.get("/praevention/kriminalstatistik")
@requires("prevention.figures")
def crime_figures():
    form = YearRangeForm(request.args)
    form.validate()
    first, last, problems = shown_years(form)
    table = services.crime_table(first, last, g.tenant.federal_state)
    return render_template("prevention/statistics/crime_figures.html", table=table, form=form, problems=problems,
                           may_edit=can(current_user, "prevention.edit", g.tenant),
                           may_enter_land=can(current_user, "prevention.land_figures")), 422 if problems else 200


@bp.route("/praevention/kriminalstatistik/neu", methods=["GET", "POST"])
@requires("prevention.edit")
def crime_figure_new():
    form = CrimeFigureForm()
    if not form.is_submitted():
        form.offence_key.data = request.args.get("schluessel") if request.args.get("schluessel") in OFFENCES else None
    return _figure_form(None, form)


@bp.route("/praevention/kriminalstatistik/<int:figure_id>/bearbeiten", methods=["GET", "POST"])
@requires("prevention.edit", load=_figure_or_404)
def crime_figure_edit(obj: CrimeFigure):
    return _figure_form(obj, CrimeFigureForm(obj=obj))


def _figure_form(figure: CrimeFigure | None, form: CrimeFigureForm):
    def save():
        saved = services.save_figure(figure, {name: form[name].data for name in services.FIGURE_FIELDS})
        flash(f"Die Fallzahl {OFFENCES[saved.offence_key].label} {saved.year} wurde gespeichert.", "success")
        return redirect(url_for(".crime_figures"))

    return form_page(form, "prevention/statistics/figure_form.html", save, figure=figure)


@bp.route("/praevention/kriminalstatistik/<int:figure_id>/loeschen", methods=["GET", "POST"])
@requires("prevention.edit", load=_figure_or_404)
def crime_figure_delete(obj: CrimeFigure):
    label = f"{OFFENCES[obj.offence_key].label if obj.offence_key in OFFENCES else obj.offence_key} {obj.year}"
    back = url_for(".crime_figures")
    question = confirm(f"Fallzahl {label} löschen?",
                       [f"Die Fallzahl ({obj.cases} Fälle) wird gelöscht und fehlt danach in der Tabelle, "
                        "in den Sicherheitsanalysen und als Vergleichswert der Ziele.",
                        "Sie können sie später wieder eintragen oder importieren."],
                       "Fallzahl löschen", back)
    if not question.confirmed:
        return question.page
    back_on_refusal(back)
    services.delete_figure(obj)
    flash(f"Die Fallzahl {label} wurde gelöscht.", "success")
    return redirect(back)


@bp.route("/praevention/einwohnerzahlen", methods=["GET", "POST"])
@requires("prevention.figures")
def populations():
    may_edit = can(current_user, "prevention.edit", g.tenant)
    if request.method == "POST" and not may_edit:
        abort(403)
    rows = [(p.year, p.inhabitants, p.source) for p in
            db.session.scalars(sa.select(Population).order_by(Population.year.desc()))]
    form = PopulationForm()
    chosen = request.args.get("jahr", type=int)
    if not form.is_submitted() and chosen is not None:
        for year, inhabitants, source in rows:
            if year == chosen:
                form.year.data, form.inhabitants.data, form.source.data = year, inhabitants, source

    def save():
        population, new = services.save_population(form.year.data, form.inhabitants.data, form.source.data or "")
        flash(f"Die Einwohnerzahl {population.year} wurde {'eingetragen' if new else 'geändert'}.", "success")
        return redirect(url_for(".populations"))

    if not may_edit:
        return render_template("prevention/statistics/populations.html", form=None, rows=rows)
    return form_page(form, "prevention/statistics/populations.html", save, rows=rows)
