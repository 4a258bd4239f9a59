"""Demo documents after the seeds: Landkreis Rostock's rules of procedure with two amendments and
its flyer, the cooperation agreements of Meißen (2022) and Zittau (2021), Zwickau's annual report.

The files are small tagged PDFs written here and stored through the documents' own storage, so they
live in the instance's upload folder like any upload. Sizes follow the seed's list (0,31 MB for
the rules of procedure, 0,24 MB for the second amendment).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from ..accounts.models import User
from ..timeutil import BERLIN
from . import services
from .models import Document, DocumentCategory, Visibility
from .uploads import check_upload

KB = 1024
# slug -> [(title, category, visibility, description, [(file name, note, uploaded (Berlin), size, text lines)])]
DOCUMENTS = {
    "landkreis-rostock": [
        ("Geschäftsordnung des Kommunalen Präventionsrates des Landkreises Rostock",
         DocumentCategory.rules_of_procedure, Visibility.public,
         "Aufgaben, Zusammensetzung und Arbeitsweise des Präventionsrates.",
         [("Geschäftsordnung KPR Landkreis Rostock.pdf", "Ursprüngliche Fassung", datetime(2019, 1, 14, 9, 30),
           318 * KB, ["§ 1 Aufgaben: Kriminalprävention landkreisweit und ressortübergreifend.",
                      "§ 2 Mitglieder: Fachleute aus Polizei, Verwaltung, Verbänden und Beiräten.",
                      "§ 3 Sitzungen und PräventionsForum."])]),
        ("Kommunaler Präventionsrat des Landkreises Rostock – Geschäftsordnung (2. Änderung)",
         DocumentCategory.amendment, Visibility.public,
         "Die Änderungen der Geschäftsordnung; die aktuelle Fassung ist die zweite Änderung.",
         [("Geschäftsordnung 1. Änderung.pdf", "1. Änderung", datetime(2021, 3, 9, 14, 0), 180 * KB,
           ["1. Änderung der Geschäftsordnung.", "Geändert wird § 2 (Mitglieder)."]),
          ("Geschäftsordnung 2. Änderung.pdf", "2. Änderung", datetime(2023, 5, 22, 10, 15), 250 * KB,
           ["2. Änderung der Geschäftsordnung.", "Geändert wird § 3 (Sitzungen)."])]),
        ("Flyer Kommunaler Präventionsrat", DocumentCategory.flyer, Visibility.public,
         "Der Präventionsrat stellt sich vor: Ziele, Mitglieder, Kontakt.",
         [("Flyer Präventionsrat.pdf", "", datetime(2022, 9, 5, 11, 0), 140 * KB,
           ["Sicherheit ist ein Grundbedürfnis.",
            "Der Kommunale Präventionsrat lädt jährlich zum PräventionsForum."])]),
    ],
    "meissen": [
        ("Kooperationsvereinbarung „Allianz Sichere Sächsische Kommunen“", DocumentCategory.agreement,
         Visibility.internal, "Unterzeichnet 2022 von der Stadt Meißen und dem Landespräventionsrat Sachsen.",
         [("Kooperationsvereinbarung ASSKomm Meißen.pdf", "Unterzeichnete Fassung", datetime(2022, 6, 30, 8, 45),
           90 * KB,
           ["Kooperationsvereinbarung ASSKomm", "Stadt Meißen, Polizei und Landespräventionsrat Sachsen",
            "Unterzeichnet im Juni 2022."])]),
    ],
    "zittau": [
        ("Kooperationsvereinbarung ASSKomm (2021)", DocumentCategory.agreement, Visibility.internal,
         "Zwischen der Großen Kreisstadt Zittau, dem Landespräventionsrat Sachsen und der Polizeidirektion Görlitz.",
         [("Kooperationsvereinbarung Zittau 2021.pdf", "Unterzeichnete Fassung", datetime(2021, 5, 25, 13, 0),
           85 * KB,
           ["Kooperationsvereinbarung ASSKomm", "Große Kreisstadt Zittau, Landespräventionsrat Sachsen,",
            "Polizeidirektion Görlitz - 2021"])]),
    ],
    "zwickau": [
        ("Präventionsbericht 2025", DocumentCategory.report, Visibility.public,
         "Der jährliche Präventionsbericht der Koordinierungsstelle: Lage, Projekte, Arbeitsgruppen.",
         [("Präventionsbericht 2025.pdf", "", datetime(2026, 3, 16, 9, 0), 60 * KB,
           ["Jährlicher Präventionsbericht 2025", "Stabsstelle Kommunale Prävention", "Berichte der fünf AGs."])]),
    ],
}


def _pdf_text(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(title: str, lines: list[str], size: int = 0) -> bytes:
    """A valid one-page tagged PDF (a heading and paragraphs as structure tags, language de, its title
    shown as the window's title) with some lines, padded with comments to about `size` bytes."""
    text = [b"BT /F1 16 Tf 56 780 Td /H1 <</MCID 0>> BDC (" + _pdf_text(title) + b") Tj EMC /F1 11 Tf"]
    text += [b"0 -22 Td /P <</MCID %d>> BDC (" % number + _pdf_text(line) + b") Tj EMC"
             for number, line in enumerate(lines, start=1)]
    content = b"\n".join([*text, b"ET", b""])
    document = _assemble(title, content, len(lines))
    if size > len(document):
        filler = b"% " + b"-" * 76 + b"\n"
        content += filler * ((size - len(document)) // len(filler))
        document = _assemble(title, content, len(lines))
    return document


def _assemble(title: str, content: bytes, paragraphs: int) -> bytes:
    # objects 1-8 as below, then one structure element per marked line: 9 the heading, 10… the lines
    elements = [b"%d 0 R" % (9 + n) for n in range(paragraphs + 1)]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 7 0 R /MarkInfo << /Marked true >> /Lang (de) "
        b"/ViewerPreferences << /DisplayDocTitle true >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R /StructParents 0 /Tabs /S >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Title (" + _pdf_text(title) + b") /Producer (ASSKomm-Demo) >>",
        b"<< /Type /StructTreeRoot /K 8 0 R /ParentTree << /Nums [0 [" + b" ".join(elements) + b"]] >> "
        b"/ParentTreeNextKey 1 >>",
        b"<< /Type /StructElem /S /Document /P 7 0 R /K [" + b" ".join(elements) + b"] >>",
        *(b"<< /Type /StructElem /S /%s /P 8 0 R /Pg 3 0 R /K %d >>" % (b"P" if n else b"H1", n)
          for n in range(paragraphs + 1)),
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def load(tenants: dict[str, Tenant]) -> None:
    for slug, documents in DOCUMENTS.items():
        coordinator = db.session.scalar(sa.select(User.id).filter_by(email=f"koordination.{slug}@demo.asskomm.de"))
        with tenant_context(tenants[slug].id):
            for title, category, visibility, description, versions in documents:
                if db.session.scalar(sa.select(Document.id).filter_by(title=title)) is not None:
                    continue
                data = {"title": title, "category": category, "visibility": visibility, "description": description}
                document = None
                for name, note, uploaded, size, lines in versions:
                    upload = check_upload(name, io.BytesIO(pdf_bytes(name.removesuffix(".pdf"), lines, size)),
                                          services.upload_limit())
                    when = uploaded.replace(tzinfo=BERLIN).astimezone(UTC)  # SQLite keeps no offsets
                    if document is None:
                        document = services.create_document(data, upload, note, coordinator, when)
                    else:
                        services.add_version(document, upload, note, coordinator, when)
