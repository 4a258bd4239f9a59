"""Further indicators of the Sicherheitsanalyse (Ordnungswidrigkeiten, socio-demographic data) as
series with unit and source, and their values per year."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload

from tenants import db

from ...confirm import confirm
from ...forms import back_on_refusal, form_page
from ...policy import can, requires
from ..blueprint import bp
from . import services
from .forms import IndicatorValueForm, SeriesForm, ValueField
from .models import IndicatorSeries, IndicatorValue


def _series_or_404(series_id: int) -> IndicatorSeries:
    return db.get_or_404(IndicatorSeries, series_id)


def _value_or_404(series_id: int, year: int) -> IndicatorValue:
    entry = db.session.scalar(sa.select(IndicatorValue).filter_by(series_id=_series_or_404(series_id).id, year=year))
    if entry is None:
        abort(404)
    return entry


@bp.get("/praevention/kennzahlen")
@requires("prevention.figures")
def indicators():
    series = db.session.scalars(sa.select(IndicatorSeries).options(selectinload(IndicatorSeries.values))
                                .order_by(IndicatorSeries.name)).all()
    return render_template("prevention/statistics/indicators.html", series=series, show=ValueField.show,
                           may_edit=can(current_user, "prevention.edit", g.tenant))


@bp.route("/praevention/kennzahlen/neu", methods=["GET", "POST"])
@requires("prevention.edit")
def indicator_new():
    return _series_form(None, SeriesForm())


@bp.route("/praevention/kennzahlen/<int:series_id>/bearbeiten", methods=["GET", "POST"])
@requires("prevention.edit", load=_series_or_404)
def indicator_edit(obj: IndicatorSeries):
    return _series_form(obj, SeriesForm(obj=obj))


def _series_form(series: IndicatorSeries | None, form: SeriesForm):
    def save():
        saved = services.save_series(series, form.name.data, form.unit.data or "", form.source.data or "")
        flash(f"Die Kennzahl „{saved.name}“ wurde {'gespeichert' if series else 'angelegt'}."
              + ("" if series else " Tragen Sie nun ihre Werte ein."), "success")
        return redirect(url_for(".indicator", series_id=saved.id))

    return form_page(form, "prevention/statistics/series_form.html", save, series=series)


@bp.route("/praevention/kennzahlen/<int:series_id>", methods=["GET", "POST"])
@requires("prevention.figures", load=_series_or_404)
def indicator(obj: IndicatorSeries):
    """The series with its values; coordinators add or change a value (a year entered again is changed)."""
    may_edit = can(current_user, "prevention.edit", g.tenant)
    if request.method == "POST" and not may_edit:
        abort(403)
    form = IndicatorValueForm()
    chosen = request.args.get("jahr", type=int)
    if chosen is not None and not form.is_submitted():
        for entry in obj.values:
            if entry.year == chosen:
                form.year.data, form.value.data = entry.year, entry.value

    def save():
        entry, new = services.save_value(obj, form.year.data, form.value.data)
        flash(f"Der Wert für {entry.year} wurde {'eingetragen' if new else 'geändert'}.", "success")
        return redirect(url_for(".indicator", series_id=obj.id))

    return form_page(form, "prevention/statistics/indicator.html", save, series=obj, may_edit=may_edit,
                     show=ValueField.show)


@bp.route("/praevention/kennzahlen/<int:series_id>/werte/<int:year>/entfernen", methods=["GET", "POST"])
@requires("prevention.edit", load=lambda series_id, year: _value_or_404(series_id, year))
def indicator_value_delete(obj: IndicatorValue):
    entry, series, year = obj, obj.series, obj.year
    back = url_for(".indicator", series_id=series.id)
    shown = " ".join(f"{ValueField.show(entry.value)} {series.unit}".split())
    question = confirm(f"Wert {year} von „{series.name}“ entfernen?",
                       [f"Der Wert {shown} für {year} wird entfernt.",
                        "Ziele, die diese Kennzahl messen, zeigen für dieses Jahr keinen Wert mehr."],
                       "Wert entfernen", back)
    if not question.confirmed:
        return question.page
    back_on_refusal(back)
    services.delete_value(series, year)
    flash(f"Der Wert für {year} wurde entfernt.", "success")
    return redirect(back)


@bp.route("/praevention/kennzahlen/<int:series_id>/loeschen", methods=["GET", "POST"])
@requires("prevention.edit", load=_series_or_404)
def indicator_delete(obj: IndicatorSeries):
    back = url_for(".indicator", series_id=obj.id)
    question = confirm(f"Kennzahl „{obj.name}“ löschen?",
                       [f"Die Kennzahl und ihre {len(obj.values)} Werte werden gelöscht."],
                       "Kennzahl löschen", back)
    if not question.confirmed:
        return question.page
    back_on_refusal(back)
    name = obj.name
    services.delete_series(obj)
    flash(f"Die Kennzahl „{name}“ wurde gelöscht.", "success")
    return redirect(url_for(".indicators"))
