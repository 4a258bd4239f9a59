"""Crime figures from CSV and XLSX: a file with any bad row is refused whole with line and reason and
nothing written; good files (German numbers, semicolons or commas, UTF-8 or Windows-1252, XLSX) are
imported; the export reads back equal; template and export are read with python-calamine."""

from __future__ import annotations

import io

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from asskomm.prevention.reference import OFFENCE_KEYS
from asskomm.prevention.statistics.importer import MAX_ROWS

from .prevention_statistics_data import BASE, figures_of, replace_figures

IMPORT = f"{BASE}/kriminalstatistik/import"
HEADER = "Jahr;Straftatenschlüssel;Fälle;Versuche;aufgeklärte Fälle;Tatverdächtige"


def _upload(client, data: bytes, name: str = "zahlen.csv"):
    return client.submit(IMPORT, {"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def _csv(*lines: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return "\r\n".join([header, *lines]).encode(encoding)


def _start(ctx) -> None:
    replace_figures(ctx, [{"offence_key": "674000", "year": 2003, "cases": 5, "demo": True}])


def test_a_csv_with_one_bad_row_is_refused_whole_naming_line_and_reason(client_as, ctx):
    _start(ctx)
    before = figures_of(ctx)
    data = _csv("2003;674000;1.234;;600;", "2003;892000;87;;90;", "2004;892000;12.345;;;")
    response = _upload(client_as("koordination.zwickau"), data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Die Datei wurde nicht importiert, es wurde nichts geändert." in page
    assert "<td>3</td><td>Aufgeklärte Fälle (90) können nicht mehr sein als die Fälle (87).</td>" in page
    assert "<td>2</td>" not in page and "<td>4</td>" not in page  # the good rows are not named
    assert figures_of(ctx) == before


def test_every_bad_row_is_listed_with_its_reason(client_as, ctx):
    _start(ctx)
    before = figures_of(ctx)
    data = _csv("2003;674000;1.234;;;",  # line 2: good
                "2003;123456;10;;;",  # unknown key
                "2003;892000;zehn;;;",  # not a number
                "2003;892000;;;;",  # empty required cell
                "2003;674000;7;;;",  # the same key and year as line 2
                "1980;892000;7;;;",  # a year out of range
                "2003;899000;7;9;;",  # more attempts than cases
                "2003;220000;-3;;;")  # negative
    page = _upload(client_as("koordination.zwickau"), data).get_data(as_text=True)
    for line, reason in ((3, "„123456“ steht nicht im Katalog der Straftatenschlüssel."),
                         (4, "Fälle: „zehn“ ist keine ganze Zahl"), (5, "„Fälle“ ist leer."),
                         (6, "674000 2003 steht schon in Zeile 2."), (7, "Das Jahr muss zwischen 1990 und"),
                         (8, "Versuche (9) können nicht mehr sein als die Fälle (7)."),
                         (9, "Die Zahl darf nicht negativ sein.")):
        assert f"<td>{line}</td><td>" in page and reason in page, (line, reason)
    assert figures_of(ctx) == before


def test_a_good_csv_replaces_and_adds_and_says_how_many(client_as, ctx):
    _start(ctx)
    data = _csv("2003;674000;12.345;1.000;6.000;5.500", "2003;892000;87;;;", "2004;------;1234;;;")
    coordinator = client_as("koordination.zwickau")
    response = _upload(coordinator, data)
    assert response.status_code == 302
    assert "2 Fallzahlen hinzugefügt, 1 ersetzt" in coordinator.get(response.headers["Location"]).get_data(as_text=True)
    assert figures_of(ctx) == [("------", 2004, 1234, None, None, None, False),
                               ("674000", 2003, 12345, 1000, 6000, 5500, False),
                               ("892000", 2003, 87, None, None, None, False)]


def test_windows_1252_with_semicolons_and_utf8_with_commas_and_no_bom(client_as, ctx):
    replace_figures(ctx, [])
    coordinator = client_as("koordination.zwickau")
    excel = _csv("2003;674000;1.234;;617;", "2003;892000;87;;;", encoding="cp1252")
    assert "Fälle".encode("cp1252") in excel and b"\xe4" in excel  # as Excel writes "CSV (Trennzeichen-getrennt)"
    assert _upload(coordinator, excel).status_code == 302
    commas = _csv("2004,674000,1234,,,", header=HEADER.replace(";", ","))
    assert _upload(coordinator, commas, "export.CSV").status_code == 302
    bom = b"\xef\xbb\xbf" + _csv("2005;674000;1.000;;;")
    assert _upload(coordinator, bom).status_code == 302
    assert figures_of(ctx) == [("674000", 2003, 1234, None, 617, None, False),
                               ("674000", 2004, 1234, None, None, None, False),
                               ("674000", 2005, 1000, None, None, None, False),
                               ("892000", 2003, 87, None, None, None, False)]


def test_a_good_xlsx_is_imported(client_as, ctx):
    replace_figures(ctx, [])
    book = Workbook()
    sheet = book.active
    sheet.append(["Kriminalstatistik Zwickau"])  # a title above the header is skipped
    sheet.append(["Jahr", "Straftatenschlüssel", "Fälle", "aufgeklärte Fälle"])
    sheet.append([2003, "674000", 1234, 617])
    sheet.append([2003, 892000, "1.100", None])  # a key typed as a number, a count as German text
    out = io.BytesIO()
    book.save(out)
    assert _upload(client_as("koordination.zwickau"), out.getvalue(), "zahlen.xlsx").status_code == 302
    assert figures_of(ctx) == [("674000", 2003, 1234, None, 617, None, False),
                               ("892000", 2003, 1100, None, None, None, False)]


def test_the_export_reads_back_equal_in_csv_and_xlsx(client_as, ctx):
    coordinator = client_as("koordination.zwickau")
    replace_figures(ctx, [{"offence_key": "------", "year": 2003, "cases": 12_345, "attempts": 3, "cleared": 6000},
                          {"offence_key": "435*00", "year": 2003, "cases": 61, "suspects": 8},
                          {"offence_key": "892000", "year": 2004, "cases": 87, "attempts": 1, "cleared": 70,
                           "suspects": 90}])
    original = figures_of(ctx)
    for fmt in ("csv", "xlsx"):
        exported = coordinator.get(f"{BASE}/kriminalstatistik/export.{fmt}")
        assert exported.status_code == 200 and "attachment" in exported.headers["Content-Disposition"]
        replace_figures(ctx, [])
        assert _upload(coordinator, exported.data, f"export.{fmt}").status_code == 302, fmt
        assert figures_of(ctx) == original, fmt
        again = coordinator.get(f"{BASE}/kriminalstatistik/export.{fmt}").data
        if fmt == "csv":
            assert again == exported.data
    book = CalamineWorkbook.from_filelike(io.BytesIO(again))  # a second reader, not openpyxl
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0] == ["Jahr", "Straftatenschlüssel", "Bezeichnung", "Fälle", "Versuche", "aufgeklärte Fälle",
                       "Tatverdächtige"]
    read = sorted((str(r[1]), int(r[0]), *(None if c == "" else int(c) for c in r[3:])) for r in rows[1:])
    assert read == sorted(row[:6] for row in original)
    assert rows[1][2] == "Straftaten insgesamt"


def test_the_xlsx_template_has_an_example_and_the_offence_keys(client_as, ctx):
    response = client_as("mitglied.zwickau").get(f"{BASE}/kriminalstatistik/vorlage.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.data))
    assert book.sheet_names == ["Fallzahlen", "Straftatenschlüssel"]
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][:4] == ["Jahr", "Straftatenschlüssel", "Bezeichnung", "Fälle"] and len(rows) == 2
    assert rows[1][1] == "892000" and rows[1][2] == "Gewaltkriminalität (Summenschlüssel)"
    keys = book.get_sheet_by_name("Straftatenschlüssel").to_python()
    assert [(r[0], r[1]) for r in keys[1:]] == [(o.key, o.label) for o in OFFENCE_KEYS]
    csv_template = client_as("mitglied.zwickau").get(f"{BASE}/kriminalstatistik/vorlage.csv")
    assert csv_template.data.startswith(b"\xef\xbb\xbfJahr;Stra")
    # the template as downloaded imports as it stands
    replace_figures(ctx, [])
    assert _upload(client_as("koordination.zwickau"), response.data, "vorlage.xlsx").status_code == 302
    assert [row[:3] for row in figures_of(ctx)] == [("892000", rows[1][0], 1234)]


def test_limits_and_other_files_get_a_german_message(client_as, ctx):
    _start(ctx)
    before = figures_of(ctx)
    coordinator = client_as("koordination.zwickau")
    refusals = {
        f"höchstens {MAX_ROWS} lassen sich": _csv(*[f"2003;674000;{i};;;" for i in range(MAX_ROWS + 1)]),
        "Die Datei ist zu groß": _csv("2003;674000;1;;;") + b" " * (2 * 1024 * 1024),
        "Die Kopfzeile fehlt": b"a;b;c\r\n1;2;3",
        "Die Datei ist leer.": b"",
    }
    for message, data in refusals.items():
        response = _upload(coordinator, data)
        assert response.status_code == 422 and message in response.get_data(as_text=True), message
    for name, data, message in (("bild.png", b"\x89PNG....", "CSV- oder XLSX-Datei"),
                                ("kaputt.xlsx", b"PK\x03\x04kaputt", "lässt sich nicht lesen"),
                                ("text.xlsx", b"Jahr;Faelle", "ist aber keine Excel-Arbeitsmappe")):
        response = _upload(coordinator, data, name)
        assert response.status_code == 422 and message in response.get_data(as_text=True), name
    assert _upload(coordinator, b"", "").status_code == 422
    assert figures_of(ctx) == before


def test_only_coordinators_import(client_as, ctx):
    _start(ctx)
    before = figures_of(ctx)
    for login in ("mitglied.zwickau", "coach1", "kontakt", "land"):
        assert _upload(client_as(login), _csv("2003;674000;1;;;")).status_code == 403, login
    assert figures_of(ctx) == before
