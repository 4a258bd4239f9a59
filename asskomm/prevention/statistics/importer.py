"""Reading crime figures from a CSV or XLSX file: every row is checked before anything is written,
and a file with any bad row is refused whole, each bad row named with its line and reason.

CSV comes as German Excel writes it (semicolons, Windows-1252) or as other programs do (commas,
UTF-8 with or without BOM); counts as "1.234" or "1234". The header names are those of the template
(spreadsheet.HEADER), in any order and case; the header may stand below a title line."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from openpyxl import load_workbook

from ..reference import OFFENCES
from .numbers import parse_count, parse_year
from .services import figure_problems
from .spreadsheet import FIELDS, KEY, LABEL, REQUIRED, YEAR

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
HEADER_SEARCH = 10  # lines above the header (a title, a note) that are skipped
Cell = str | int | float | None


@dataclass(frozen=True)
class Problem:
    line: int | None  # None for the file as a whole
    message: str


@dataclass
class Reading:
    """The figures of a file (field -> value per row, with its line), or why it is refused."""

    rows: list[tuple[int, dict]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.problems)


def read_file(filename: str, data: bytes) -> Reading:
    if len(data) > MAX_BYTES:
        return _refused(f"Die Datei ist zu groß: höchstens {MAX_BYTES // (1024 * 1024)} MB.")
    if not data.strip():
        return _refused("Die Datei ist leer.")
    name = (filename or "").lower()
    is_zip = data[:4] == b"PK\x03\x04"
    if name.endswith(".xlsx") or is_zip:
        if not is_zip:
            return _refused("Die Datei endet auf .xlsx, ist aber keine Excel-Arbeitsmappe.")
        try:
            lines = list(_xlsx_lines(data))
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            return _refused("Die Excel-Datei lässt sich nicht lesen. Bitte speichern Sie sie erneut als XLSX.")
    elif name.endswith((".csv", ".txt")):
        lines = list(_csv_lines(data))
    else:
        return _refused("Bitte laden Sie eine CSV- oder XLSX-Datei hoch (die Vorlage zeigt das Format).")
    return read_lines(lines)


def _refused(message: str) -> Reading:
    return Reading(problems=[Problem(None, message)])


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as Excel writes "CSV (Trennzeichen-getrennt)"."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_lines(data: bytes) -> Iterator[tuple[int, list[Cell]]]:
    text = _decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for cells in reader:
        yield reader.line_num, list(cells)


def _xlsx_lines(data: bytes) -> Iterator[tuple[int, list[Cell]]]:
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(cells)
    finally:
        book.close()


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    # a leading apostrophe is how spreadsheets (and our export) keep "------" from being a formula
    return str(cell).strip().removeprefix("'").strip()


def _header(cells: list[Cell]) -> dict[str, int] | None:
    names = {name.casefold(): name for name in [*FIELDS, LABEL]}
    found = {}
    for index, cell in enumerate(cells):
        known = names.get(" ".join(_text(cell).split()).casefold())
        if known:
            found.setdefault(known, index)
    return found if YEAR in found and KEY in found else None


def read_lines(lines: list[tuple[int, list[Cell]]]) -> Reading:
    reading = Reading()
    header, start = None, 0
    for position, (_, cells) in enumerate(lines[:HEADER_SEARCH]):
        header = _header(cells)
        if header:
            start = position + 1
            break
    if header is None:
        names = ", ".join(f"„{n}“" for n in REQUIRED)
        return _refused(f"Die Kopfzeile fehlt: Die Datei braucht die Spalten {names} (wie in der Vorlage).")
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        return _refused("Es fehlt die Spalte " + ", ".join(f"„{n}“" for n in missing) + " (wie in der Vorlage).")
    body = [(number, cells) for number, cells in lines[start:] if any(_text(c) for c in cells)]
    if not body:
        return _refused("Die Datei enthält keine Fallzahlen unter der Kopfzeile.")
    if len(body) > MAX_ROWS:
        return _refused(f"Die Datei hat {len(body)} Zeilen; höchstens {MAX_ROWS} lassen sich auf einmal importieren.")
    seen: dict[tuple[str, int], int] = {}
    for number, cells in body:
        values, problems = _row(header, cells)
        if not problems:
            problems = [message for _, message in figure_problems(values)]
        if not problems:
            earlier = seen.setdefault((values["offence_key"], values["year"]), number)
            if earlier != number:
                problems = [f"{values['offence_key']} {values['year']} steht schon in Zeile {earlier}."]
        if problems:
            reading.problems.extend(Problem(number, message) for message in problems)
        else:
            reading.rows.append((number, values))
    return reading


def _row(header: dict[str, int], cells: list[Cell]) -> tuple[dict, list[str]]:
    values: dict = {}
    problems: list[str] = []
    for name, attribute in FIELDS.items():
        text = _text(cells[header[name]]) if name in header and header[name] < len(cells) else ""
        if not text:
            values[attribute] = None
            if name in REQUIRED:
                problems.append(f"„{name}“ ist leer.")
            continue
        try:
            if attribute == "offence_key":
                values[attribute] = _key(text)
            elif attribute == "year":
                values[attribute] = parse_year(text)
            else:
                values[attribute] = parse_count(text)
        except ValueError as error:
            problems.append(f"{name}: {error}")
    return values, problems


def _key(text: str) -> str:
    key = text.split()[0]
    if key.isdigit() and len(key) < 6:
        key = key.zfill(6)  # a spreadsheet read "000000" or "010000" as a number
    if key not in OFFENCES:
        raise ValueError(f"„{text}“ steht nicht im Katalog der Straftatenschlüssel.")
    return key
