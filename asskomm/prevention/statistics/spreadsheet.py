"""The file format of the crime figures, both ways: the template to fill in, the export of a KPR's
figures (which the import reads back unchanged), CSV the way German Excel writes it and XLSX."""

from __future__ import annotations

import io
from collections.abc import Sequence

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.styles import Font

from tenants import db

from ...exports import csv_bytes
from ..reference import OFFENCE_KEYS, OFFENCES
from .models import CrimeFigure

YEAR, KEY, LABEL, CASES, ATTEMPTS, CLEARED, SUSPECTS = (
    "Jahr", "Straftatenschlüssel", "Bezeichnung", "Fälle", "Versuche", "aufgeklärte Fälle", "Tatverdächtige")
HEADER = [YEAR, KEY, LABEL, CASES, ATTEMPTS, CLEARED, SUSPECTS]
REQUIRED = (YEAR, KEY, CASES)
OPTIONAL = (ATTEMPTS, CLEARED, SUSPECTS)
# header name -> field of CrimeFigure; "Bezeichnung" is for people and not read
FIELDS = {YEAR: "year", KEY: "offence_key", CASES: "cases", ATTEMPTS: "attempts", CLEARED: "cleared",
          SUSPECTS: "suspects"}
EXAMPLE_KEY = "892000"
KEYS_SHEET = "Straftatenschlüssel"
Line = Sequence[str | int | None]


def example_line(year: int) -> list[str | int | None]:
    return [year, EXAMPLE_KEY, OFFENCES[EXAMPLE_KEY].label, 1234, 56, 987, 1100]


def figure_lines() -> list[list[str | int | None]]:
    """The KPR's figures by year and catalogue order, in the columns of HEADER."""
    order = {o.key: index for index, o in enumerate(OFFENCE_KEYS)}
    figures = sorted(db.session.scalars(sa.select(CrimeFigure)),
                     key=lambda f: (f.year, order.get(f.offence_key, len(order)), f.offence_key))
    return [[f.year, f.offence_key, OFFENCES[f.offence_key].label if f.offence_key in OFFENCES else "",
             f.cases, f.attempts, f.cleared, f.suspects] for f in figures]


def as_csv(lines: Sequence[Line]) -> bytes:
    """Semicolons, UTF-8 with BOM: what German Excel opens; numbers plain (1234), empty for none."""
    return csv_bytes(HEADER, [["" if cell is None else str(cell) for cell in line] for line in lines])


def as_xlsx(lines: Sequence[Line], sheet_title: str) -> bytes:
    """The header in row 1, one line per figure; keys and labels as text, counts as numbers. A second
    sheet lists the offence keys of the catalogue with their labels."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append(list(line))
        for column in (1, 2):  # key and label stay text ("000000" must not become 0)
            sheet.cell(sheet.max_row, column + 1).data_type = "s"
            sheet.cell(sheet.max_row, column + 1).number_format = "@"
    for column, width in zip("ABCDEFG", (8, 20, 60, 10, 10, 18, 16), strict=True):
        sheet.column_dimensions[column].width = width
    keys = book.create_sheet(KEYS_SHEET)
    keys.append(["Schlüssel", "Bezeichnung", "gehört zu", "Summenschlüssel"])
    for cell in keys[1]:
        cell.font = Font(bold=True)
    for offence in OFFENCE_KEYS:
        keys.append([offence.key, offence.label, offence.parent or "", "ja" if offence.sum_key else "nein"])
        keys.cell(keys.max_row, 1).data_type = "s"
    keys.column_dimensions["A"].width, keys.column_dimensions["B"].width = 12, 70
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
