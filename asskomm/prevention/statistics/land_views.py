"""The state council enters its Land's population and cases per offence key, one year at a time as
a grid; every KPR of that Land sees the Land's Häufigkeitszahl beside its own."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, request, url_for
from flask_wtf import FlaskForm
from wtforms import Form

from tenants import db
from tenants.districts import LAENDER, SAXONY

from ...forms import ListField, form_page
from ...policy import requires
from ..blueprint import land_bp
from ..reference import OFFENCE_KEYS
from . import services
from .forms import CountField, YearField
from .models import LandCrimeFigure, LandPopulation
from .numbers import last_year

LAND_CHOICES = [(SAXONY, SAXONY)] + sorted(((n, n) for n in LAENDER.values() if n != SAXONY),
                                           key=lambda choice: choice[0])


class LandChoiceForm(Form):
    """Which Land and year the grid shows (GET)."""

    land = ListField("Bundesland", choices=LAND_CHOICES, default=SAXONY)
    jahr = YearField("Jahr")


def grid_form(figures: dict[str, int], inhabitants: int | None) -> FlaskForm:
    """Population and one field per offence key, named by position ("k0", "k1", …) because the keys
    contain "*" and "-"; filled with what is entered."""
    class GridForm(FlaskForm):
        pass

    GridForm.inhabitants = CountField("Einwohner:innen des Landes")
    for index, offence in enumerate(OFFENCE_KEYS):
        setattr(GridForm, f"k{index}", CountField(offence.label))
    form = GridForm()
    if not form.is_submitted():
        form.inhabitants.data = inhabitants
        for index, offence in enumerate(OFFENCE_KEYS):
            form[f"k{index}"].data = figures.get(offence.key)
    return form


@land_bp.route("/kriminalstatistik", methods=["GET", "POST"])
@requires("prevention.land_figures")
def crime_figures():
    choice = LandChoiceForm(request.args)
    choice.validate()
    land = choice.land.data if choice.land.data in LAENDER.values() else SAXONY
    year = choice.jahr.data if choice.jahr.data is not None and not choice.jahr.errors else last_year() - 1
    figures = dict(db.session.execute(sa.select(LandCrimeFigure.offence_key, LandCrimeFigure.cases)
                                      .filter_by(federal_state=land, year=year)).all())
    population = db.session.get(LandPopulation, (land, year))
    demo = bool(db.session.scalar(sa.select(sa.func.count()).select_from(LandCrimeFigure)
                                  .filter_by(federal_state=land, year=year, demo=True)))
    entered = db.session.execute(
        sa.select(LandCrimeFigure.year, sa.func.count()).filter_by(federal_state=land)
        .group_by(LandCrimeFigure.year).order_by(LandCrimeFigure.year.desc())).all()
    people = dict(db.session.execute(sa.select(LandPopulation.year, LandPopulation.inhabitants)
                                     .filter_by(federal_state=land)).all())
    form = grid_form(figures, population.inhabitants if population else None)

    def save():
        cases = {offence.key: form[f"k{index}"].data for index, offence in enumerate(OFFENCE_KEYS)}
        count, removed = services.save_land_figures(land, year, form.inhabitants.data, cases)
        flash(f"{land} {year}: {count} Fallzahlen gespeichert" + (f", {removed} entfernt" if removed else "") + ".",
              "success")
        return redirect(url_for(".crime_figures", land=land, jahr=year))

    rows = [(offence, form[f"k{index}"]) for index, offence in enumerate(OFFENCE_KEYS)]
    return form_page(form, "prevention/statistics/land_figures.html", save, choice=choice, land=land, year=year,
                     rows=rows, entered=entered, people=people, demo=demo)
