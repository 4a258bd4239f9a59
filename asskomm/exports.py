"""Tables as files for spreadsheets: CSV the way German Excel reads it (UTF-8 with BOM,
semicolons) and XLSX, both safe from formula injection. Each feature builds its rows once and
hands the same rows to its page and to these writers."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from decimal import Decimal

from flask import Response
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
Cell = str | int | float | Decimal | None


def plain(value: str) -> str:
    """Text a spreadsheet must not read as a formula."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def csv_bytes(header: Sequence[str], lines: Sequence[Sequence[str]], preamble: Sequence[str] = ()) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for line in preamble:
        writer.writerow([plain(line)])
    writer.writerow(header)
    writer.writerows([[plain(cell) for cell in line] for line in lines])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(title: str, sheet_name: str, header: Sequence[str], lines: Sequence[Sequence[Cell]],
               number_format: Callable[[int, int], str] | None = None, note: str = "") -> bytes:
    """A sheet with a bold title, an optional note, the header and the lines. Text cells stay text
    (never formulas); numbers stay numbers, in the format `number_format(line, column)` gives."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    if note:
        sheet.append([note])
    sheet.append(list(header))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for line_index, line in enumerate(lines):
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in line])
        for index, cell in enumerate(sheet[sheet.max_row]):
            if isinstance(line[index], str):
                cell.data_type = "s"
            elif number_format is not None:
                cell.number_format = number_format(line_index, index)
    for index, name in enumerate(header, 1):
        width = max([len(name)] + [len(str(line[index - 1] or "")) for line in lines])
        sheet.column_dimensions[sheet.cell(row=header_row, column=index).column_letter].width = min(width + 2, 60)
    sheet.freeze_panes = f"A{header_row + 1}"
    last = sheet.cell(row=header_row, column=len(header)).column_letter
    sheet.auto_filter.ref = f"A{header_row}:{last}{max(header_row, sheet.max_row)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(content: bytes, filename: str) -> Response:
    kind = filename.rsplit(".", 1)[-1]
    return Response(content, mimetype=MIMETYPES[kind],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
