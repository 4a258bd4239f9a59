"""Participant lists for the organiser as CSV (German Excel: UTF-8 with BOM, semicolons) and XLSX,
from the same rows as the attendance list on screen."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from ..timeutil import _berlin
from .day_services import Row
from .models import Event, EventSession

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def session_label(number: int, session: EventSession) -> str:
    return f"Termin {number} ({_berlin(session.starts_at):%d.%m.%Y %H:%M})"


def header(event: Event) -> list[str]:
    return ["Name", "E-Mail", "KPR", "Status", "Angemeldet am",
            *(session_label(n, s) for n, s in enumerate(event.sessions, 1))]


def table(event: Event, rows: list[Row]) -> list[list[str]]:
    marks = {True: "ja", False: "nein", None: "–"}
    return [[row.name, row.email, row.kpr, row.status, f"{_berlin(row.registered_at):%d.%m.%Y %H:%M}",
             *(marks[row.present[s.id]] for s in event.sessions)] for row in rows]


def _plain(value: str) -> str:
    """Text a spreadsheet must not read as a formula."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def as_csv(event: Event, rows: list[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header(event))
    writer.writerows([[_plain(cell) for cell in line] for line in table(event, rows)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(event: Event, rows: list[Row]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Teilnehmende"
    sheet.append([f"Teilnehmende: {event.title}"])
    sheet["A1"].font = Font(bold=True, size=14)
    names = header(event)
    sheet.append(names)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    lines = table(event, rows)
    for line in lines:
        sheet.append(line)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # names are text, never formulas
    for index, name in enumerate(names, 1):
        width = max([len(name)] + [len(line[index - 1]) for line in lines])
        sheet.column_dimensions[sheet.cell(row=2, column=index).column_letter].width = min(width + 2, 60)
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{sheet.cell(row=2, column=len(names)).column_letter}{max(2, sheet.max_row)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
