"""The crime figures of a KPR as one table: offence keys in catalogue order, per year the cases, the
Häufigkeitszahl, the change against the year before and the Land's Häufigkeitszahl beside. The KPR's
page and the analysis page of a round show the same table (templates prevention/statistics/_crime_table.html)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa

from tenants import db

from ..reference import OFFENCE_KEYS, OffenceKey, offence_depth
from .models import CrimeFigure
from .values import CrimeValue, crime_values, land_rates, populations

DEFAULT_YEARS = 5


def german(value: Decimal | int | None, places: int = 0) -> str:
    """1.234 · 1.234,5 · "–" for no value (the table explains why)."""
    if value is None:
        return "–"
    text = f"{Decimal(value):,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".").replace("-", "−")


@dataclass(frozen=True)
class Change:
    """The cases of one year against the year before, in words and figures (never colour alone)."""

    difference: int
    percent: Decimal | None  # None when the year before had no cases

    @property
    def words(self) -> str:
        return "gestiegen" if self.difference > 0 else "gesunken" if self.difference < 0 else "unverändert"

    @property
    def figures(self) -> str:
        if not self.difference:
            return "±0"
        sign = "+" if self.difference > 0 else ""
        text = f"{sign}{german(self.difference)}"
        return text if self.percent is None else f"{text} ({sign}{german(self.percent, 1)} %)"

    @property
    def text(self) -> str:
        return self.words if not self.difference else f"{self.words}: {self.figures}"


def change(current: CrimeValue | None, previous: CrimeValue | None) -> Change | None:
    if current is None or previous is None:
        return None
    difference = current.cases - previous.cases
    percent = None if not previous.cases else (Decimal(100) * difference / previous.cases).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Change(difference, percent)


@dataclass(frozen=True)
class CrimeCell:
    year: int
    value: CrimeValue | None  # the KPR's figure; None where none was entered
    land: CrimeValue | None  # the Land's, where the state council entered it
    change: Change | None  # against the year before, where both years have a figure

    def _of(self, name: str, places: int = 0) -> str:
        return german(None if self.value is None else getattr(self.value, name), places)

    @property
    def cases(self) -> str:
        return self._of("cases")

    @property
    def rate(self) -> str:
        return self._of("rate", 1)

    @property
    def attempts(self) -> str:
        return self._of("attempts")

    @property
    def cleared(self) -> str:
        return self._of("cleared")

    @property
    def clearance_rate(self) -> str:
        return self._of("clearance_rate", 1)

    @property
    def suspects(self) -> str:
        return self._of("suspects")

    @property
    def land_rate(self) -> str:
        return german(None if self.land is None else self.land.rate, 1)

    @property
    def no_rate(self) -> bool:
        """A figure without a population for its year: the Häufigkeitszahl cannot be computed."""
        return self.value is not None and self.value.rate is None


@dataclass(frozen=True)
class CrimeRow:
    offence: OffenceKey
    depth: int
    cells: list[CrimeCell]

    @property
    def key(self) -> str:
        return self.offence.key

    @property
    def label(self) -> str:
        return self.offence.label

    @property
    def figures(self) -> list[CrimeCell]:
        return [cell for cell in self.cells if cell.value is not None]


@dataclass(frozen=True)
class CrimeTable:
    first_year: int
    last_year: int
    federal_state: str
    rows: list[CrimeRow]  # catalogue keys, in catalogue order
    sum_rows: list[CrimeRow]  # the Summenschlüssel, as their own group
    inhabitants: dict[int, int | None]
    land_inhabitants: set[int] = field(default_factory=set)  # years the Land's population is entered
    demo: bool = False  # some figure shown is invented (demo data)

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def groups(self) -> list[tuple[str, list[CrimeRow]]]:
        return [(title, rows) for title, rows in (("Straftaten nach Katalog", self.rows),
                                                  ("Summenschlüssel", self.sum_rows)) if rows]

    def figures_of(self, year: int) -> list[tuple[CrimeRow, CrimeCell]]:
        """The KPR's figures of one year, catalogue keys first, then the sum keys."""
        index = year - self.first_year
        return [(row, row.cells[index]) for row in self.rows + self.sum_rows if row.cells[index].value is not None]

    @property
    def has_figures(self) -> bool:
        return any(row.figures for row in self.rows + self.sum_rows)

    @property
    def has_land(self) -> bool:
        return any(cell.land is not None for row in self.rows + self.sum_rows for cell in row.cells)

    @property
    def missing_population(self) -> list[int]:
        """Years with figures but no population: their Häufigkeitszahl cannot be computed."""
        shown = {cell.year for row in self.rows + self.sum_rows for cell in row.figures}
        return [year for year in self.years if year in shown and not self.inhabitants.get(year)]

    @property
    def missing_land_population(self) -> list[int]:
        shown = {cell.year for row in self.rows + self.sum_rows for cell in row.cells if cell.land is not None}
        return sorted(shown - self.land_inhabitants)


def figure_years() -> list[int]:
    """The years the KPR (of the current scope) has crime figures for, ascending."""
    return list(db.session.scalars(sa.select(CrimeFigure.year).distinct().order_by(CrimeFigure.year)))


def default_years(years: list[int], this_year: int) -> tuple[int, int]:
    """The last five years that have figures (the five years before this one without any)."""
    if not years:
        return this_year - DEFAULT_YEARS, this_year - 1
    latest = years[-DEFAULT_YEARS:]
    return latest[0], latest[-1]


def crime_table(first_year: int, last_year: int, federal_state: str, tenant_id: int | None = None) -> CrimeTable:
    """The table of the KPR in scope (or `tenant_id`'s, under a wider scope) for the years given; five
    queries whatever the number of figures. Keys without any figure in these years are left out."""
    ids = None if tenant_id is None else [tenant_id]
    span = (first_year - 1, last_year)  # the year before the first, for its change
    mine = {(key, year): value for (_, key, year), value in crime_values(tenant_ids=ids, years=span).items()}
    land = land_rates(federal_state, years=span)
    people = {year: n for (_, year), n in populations(ids).items() if first_year <= year <= last_year}
    years = range(first_year, last_year + 1)
    catalogue, sums = [], []
    for offence in OFFENCE_KEYS:
        cells = [CrimeCell(year, mine.get((offence.key, year)), land.get((offence.key, year)),
                           change(mine.get((offence.key, year)), mine.get((offence.key, year - 1))))
                 for year in years]
        if any(cell.value is not None or cell.land is not None for cell in cells):
            row = CrimeRow(offence, offence_depth(offence.key), cells)
            (sums if offence.sum_key else catalogue).append(row)
    land_people = {year for (_, year), value in land.items() if value.rate is not None}
    shown = [cell for row in catalogue + sums for cell in row.cells]
    demo = any((c.value is not None and c.value.demo) or (c.land is not None and c.land.demo) for c in shown)
    return CrimeTable(first_year, last_year, federal_state, catalogue, sums,
                      {year: people.get(year) for year in years}, land_people, demo)
