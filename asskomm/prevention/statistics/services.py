"""Changing the KPR's crime figures, populations and indicator series: validate, change, flush —
never commit (the request does). Refusals are DomainErrors with a German message at their field.

`crime_table` (statistics/table.py) is the read side the pages of the cycle share."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import sqlalchemy as sa

from tenants import db
from tenants.districts import LAND_KEYS

from ...errors import DomainError
from ..reference import OFFENCES
from .models import CrimeFigure, IndicatorSeries, IndicatorValue, LandCrimeFigure, LandPopulation, Population
from .numbers import FIRST_YEAR, last_year, year_message
from .table import CrimeTable, crime_table, default_years, figure_years

__all__ = ["CrimeTable", "crime_table", "default_years", "figure_years"]

FIGURE_FIELDS = ("offence_key", "year", "cases", "attempts", "cleared", "suspects")


def figure_problems(data: Mapping) -> list[tuple[str, str]]:
    """What is wrong with one figure (field, German message): the form and the import ask the same."""
    problems = []
    if data.get("offence_key") not in OFFENCES:
        problems.append(("offence_key", f"Unbekannter Straftatenschlüssel „{data.get('offence_key') or ''}“."))
    year = data.get("year")
    if year is None or not FIRST_YEAR <= year <= last_year():
        problems.append(("year", year_message()))
    cases = data.get("cases")
    for name, label in (("cases", "Fälle"), ("attempts", "Versuche"), ("cleared", "aufgeklärte Fälle"),
                        ("suspects", "Tatverdächtige")):
        if data.get(name) is not None and data[name] < 0:
            problems.append((name, f"{label}: Die Zahl darf nicht negativ sein."))
    if cases is not None and cases >= 0:
        for name, label in (("attempts", "Versuche"), ("cleared", "Aufgeklärte Fälle")):
            if data.get(name) is not None and data[name] > cases:
                problems.append((name, f"{label} ({data[name]}) können nicht mehr sein als die Fälle ({cases})."))
    return problems


def save_figure(figure: CrimeFigure | None, data: Mapping) -> CrimeFigure:
    """A new figure, or changes to one; one figure per offence key and year."""
    problems = figure_problems(data)
    if problems:
        raise DomainError(problems[0][1], problems[0][0])
    other = db.session.scalar(sa.select(CrimeFigure.id).filter_by(offence_key=data["offence_key"], year=data["year"]))
    if other is not None and (figure is None or other != figure.id):
        raise DomainError(f"Für {OFFENCES[data['offence_key']].label} ist {data['year']} schon eine Zahl eingetragen;"
                          " bitte ändern Sie diese.", "offence_key")
    if figure is None:
        figure = CrimeFigure()
        db.session.add(figure)
    for name in FIGURE_FIELDS:
        setattr(figure, name, data[name])
    figure.demo = False  # a figure somebody typed is no longer invented
    db.session.flush()
    return figure


def delete_figure(figure: CrimeFigure) -> None:
    db.session.delete(figure)
    db.session.flush()


def save_population(year: int, inhabitants: int, source: str) -> tuple[Population, bool]:
    """The inhabitants of one year (a year entered again is changed); True when it was new."""
    if not FIRST_YEAR <= year <= last_year():
        raise DomainError(year_message(), "year")
    if inhabitants <= 0:
        raise DomainError("Die Zahl der Einwohner:innen muss größer als 0 sein.", "inhabitants")
    population = db.session.scalar(sa.select(Population).filter_by(year=year))
    new = population is None
    if new:
        population = Population(year=year)
        db.session.add(population)
    population.inhabitants, population.source = inhabitants, source.strip()
    db.session.flush()
    return population, new


def save_series(series: IndicatorSeries | None, name: str, unit: str, source: str) -> IndicatorSeries:
    if not name.strip():
        raise DomainError("Bitte geben Sie die Bezeichnung der Kennzahl an.", "name")
    if series is None:
        series = IndicatorSeries()
        db.session.add(series)
    series.name, series.unit, series.source = name.strip(), unit.strip(), source.strip()
    series.demo = False
    db.session.flush()
    return series


def save_value(series: IndicatorSeries, year: int, value: Decimal) -> tuple[IndicatorValue, bool]:
    """The series' value of one year (a year entered again is changed); True when it was new."""
    if not FIRST_YEAR <= year <= last_year():
        raise DomainError(year_message(), "year")
    entry = db.session.scalar(sa.select(IndicatorValue).filter_by(series_id=series.id, year=year))
    new = entry is None
    if new:
        entry = IndicatorValue(series=series, year=year)
        db.session.add(entry)
    entry.value = value
    series.demo = False
    db.session.flush()
    return entry, new


def delete_value(series: IndicatorSeries, year: int) -> None:
    entry = db.session.scalar(sa.select(IndicatorValue).filter_by(series_id=series.id, year=year))
    if entry is None:
        raise DomainError(f"Für {year} ist kein Wert eingetragen.")
    db.session.delete(entry)
    db.session.flush()


def import_figures(rows: list[dict]) -> tuple[int, int]:
    """Checked rows of a file (importer.read_file): a figure of the same key and year is replaced,
    the others are added. Returns (added, replaced)."""
    existing = {(f.offence_key, f.year): f for f in db.session.scalars(
        sa.select(CrimeFigure).where(CrimeFigure.year.in_({row["year"] for row in rows})))}
    added = replaced = 0
    for row in rows:
        problems = figure_problems(row)
        if problems:
            raise DomainError(problems[0][1], "file")
        figure = existing.get((row["offence_key"], row["year"]))
        if figure is None:
            figure = CrimeFigure()
            db.session.add(figure)
            added += 1
        else:
            replaced += 1
        for name in FIGURE_FIELDS:
            setattr(figure, name, row[name])
        figure.demo = False
    db.session.flush()
    return added, replaced


def delete_series(series: IndicatorSeries) -> None:
    db.session.delete(series)
    db.session.flush()


def save_land_figures(federal_state: str, year: int, inhabitants: int | None,
                      cases: Mapping[str, int | None]) -> tuple[int, int]:
    """The Land's population and cases per offence key for one year, as the grid form holds them:
    an empty field removes what was entered. Returns (figures now entered, figures removed)."""
    if federal_state not in LAND_KEYS:
        raise DomainError("Bitte wählen Sie das Bundesland aus der Liste.", "land")
    if not FIRST_YEAR <= year <= last_year():
        raise DomainError(year_message(), "jahr")
    if inhabitants is not None and inhabitants <= 0:
        raise DomainError("Die Zahl der Einwohner:innen muss größer als 0 sein.", "inhabitants")
    unknown = set(cases) - set(OFFENCES)
    if unknown:
        raise DomainError(f"Unbekannter Straftatenschlüssel „{sorted(unknown)[0]}“.")
    population = db.session.get(LandPopulation, (federal_state, year))
    if inhabitants is None and population is not None:
        db.session.delete(population)
    elif inhabitants is not None:
        if population is None:
            population = LandPopulation(federal_state=federal_state, year=year)
            db.session.add(population)
        population.inhabitants = inhabitants
    existing = {f.offence_key: f for f in db.session.scalars(
        sa.select(LandCrimeFigure).filter_by(federal_state=federal_state, year=year))}
    entered = removed = 0
    for key, count in cases.items():
        figure = existing.get(key)
        if count is None:
            if figure is not None:
                db.session.delete(figure)
                removed += 1
            continue
        if count < 0:
            raise DomainError(f"{OFFENCES[key].label}: Die Zahl darf nicht negativ sein.")
        if figure is None:
            figure = LandCrimeFigure(federal_state=federal_state, year=year, offence_key=key)
            db.session.add(figure)
        if figure.cases != count:
            figure.cases, figure.demo = count, False
        entered += 1
    db.session.flush()
    return entered, removed
