"""Documents of a KPR through HTTP: upload, versions, downloads checked on every request, refusals."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
import sqlalchemy as sa

from asskomm.comments.models import WorkspaceComment
from asskomm.demo.loader import load_demo
from asskomm.documents import services, storage
from asskomm.documents.demo import pdf_bytes
from asskomm.documents.models import Document, DocumentVersion
from asskomm.documents.uploads import format_size
from tenants import db, tenant_context

from .helpers import tenant


@pytest.fixture
def uploads(fresh, tmp_path) -> Path:
    """This test's own upload folder (files are not part of the rolled-back transaction)."""
    settings = fresh.config["SETTINGS"]
    fresh.config["SETTINGS"] = dataclasses.replace(settings, instance_path=str(tmp_path))
    yield tmp_path / "uploads"
    fresh.config["SETTINGS"] = settings


def stored_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def document_id(ctx, slug: str, title: str) -> int | None:
    with ctx() as session, tenant_context(tenant(slug).id):
        return session.scalar(sa.select(Document.id).filter_by(title=title))


def upload(client, data: bytes, name: str, title: str = "Protokoll", **fields):
    form = {"title": title, "category": "other", "visibility": "internal", "description": "", "note": "",
            **fields, "file": (io.BytesIO(data), name)}
    return client.submit("/k/zwickau/dokumente/neu", form, content_type="multipart/form-data")


def new_version(client, doc_id: int, data: bytes, name: str, note: str = ""):
    return client.submit(f"/k/zwickau/dokumente/{doc_id}/versionen/neu",
                         {"file": (io.BytesIO(data), name), "note": note}, content_type="multipart/form-data")


# Small but real files of every allowed kind.
def _zip(entries: list[tuple[str, str]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            archive.writestr(name, content, compress_type=zipfile.ZIP_STORED if name == "mimetype"
                             else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _ooxml(part: str) -> bytes:
    return _zip([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"), (part, "<x/>")])


def _odf(mime: str) -> bytes:
    return _zip([("mimetype", mime), ("content.xml", "<office:document-content/>")])


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


PDF = pdf_bytes("Protokoll", ["Erste Fassung"])
PNG = _png()
KINDS = {
    "pdf": (PDF, "application/pdf"),
    "docx": (_ooxml("word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (_ooxml("xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": (_ooxml("ppt/presentation.xml"),
             "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "odt": (_odf("application/vnd.oasis.opendocument.text"), "application/vnd.oasis.opendocument.text"),
    "ods": (_odf("application/vnd.oasis.opendocument.spreadsheet"), "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": (_odf("application/vnd.oasis.opendocument.presentation"),
            "application/vnd.oasis.opendocument.presentation"),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), "application/msword"),
    "png": (PNG, "image/png"),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(64) + b"\xff\xd9", "image/jpeg"),
    "webp": (b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + bytes(24), "image/webp"),
}


def test_upload_list_new_version_and_download_round_trip(client_as, ctx, uploads):
    client = client_as("koordination.zwickau")
    response = upload(client, PDF, "Geschäftsordnung Entwurf.pdf", title="Geschäftsordnung (Entwurf)",
                      category="rules_of_procedure", description="Zur Beratung im Lenkungsgremium",
                      note="Erster Entwurf")
    assert response.status_code == 302
    doc_id = document_id(ctx, "zwickau", "Geschäftsordnung (Entwurf)")
    assert response.headers["Location"].endswith(f"/k/zwickau/dokumente/{doc_id}")

    listing = client.get("/k/zwickau/dokumente").get_data(as_text=True)
    assert "Geschäftsordnung (Entwurf)" in listing and "Nadine Kretzschmar" in listing
    assert "Version 1" in listing and "intern" in listing and format_size(len(PDF)) in listing

    second = pdf_bytes("Protokoll", ["Zweite Fassung", "mit Änderungen"])
    assert new_version(client, doc_id, second, "Geschäftsordnung Fassung 2.pdf", "1. Änderung").status_code == 302
    same = new_version(client, doc_id, second, "nochmal.pdf")
    assert same.status_code == 422 and "bereits die aktuelle Fassung" in same.get_data(as_text=True)

    detail = client.get(f"/k/zwickau/dokumente/{doc_id}").get_data(as_text=True)
    assert "Versionen (2)" in detail and "Erster Entwurf" in detail and "1. Änderung" in detail
    assert "Geschäftsordnung Entwurf.pdf" in detail and "Geschäftsordnung Fassung 2.pdf" in detail

    current = client.get(f"/k/zwickau/dokumente/{doc_id}/datei")
    assert current.status_code == 200 and current.data == second
    assert current.headers["Content-Type"] == "application/pdf"
    assert current.headers["X-Content-Type-Options"] == "nosniff"
    assert current.headers["Cache-Control"] == "private, no-store"
    disposition = current.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''Gesch%C3%A4ftsordnung%20Fassung%202.pdf" in \
        disposition

    with ctx() as session, tenant_context(tenant("zwickau").id):
        versions = session.scalars(sa.select(DocumentVersion).filter_by(document_id=doc_id)
                                   .order_by(DocumentVersion.number)).all()
        first_id = versions[0].id
        assert [v.number for v in versions] == [1, 2]
        assert versions[0].sha256 == hashlib.sha256(PDF).hexdigest() and versions[0].size == len(PDF)
        assert versions[1].uploaded_by_id is not None and versions[1].content_type == "application/pdf"
        names = {v.storage_name for v in versions}
        folder = uploads / str(tenant("zwickau").id)
    assert {p.name for p in stored_files(uploads)} == names
    assert all(p.parent == folder for p in stored_files(uploads))

    old = client.get(f"/k/zwickau/dokumente/{doc_id}/versionen/{first_id}")
    assert old.status_code == 200 and old.data == PDF and old.headers["Cache-Control"] == "private, no-store"
    other_id = document_id(ctx, "zwickau", "Präventionsbericht 2025")
    assert client.get(f"/k/zwickau/dokumente/{other_id}/versionen/{first_id}").status_code == 404


@pytest.mark.parametrize(("size", "text"), [(0, "0 Byte"), (812, "812 Byte"), (48 * 1024 + 100, "48 KB"),
                                            (250 * 1024, "0,24 MB"), (3_250_000, "3,10 MB"), (20 * 1024 ** 2, "20 MB")])
def test_sizes_read_german(size, text):
    assert format_size(size) == text


@pytest.mark.parametrize("kind", list(KINDS))
def test_allowed_types_are_recognised_by_content(client_as, ctx, uploads, kind):
    data, content_type = KINDS[kind]
    response = upload(client_as("koordination.zwickau"), data, f"Anlage.{kind}", title=f"Anlage {kind}")
    assert response.status_code == 302, response.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        version = session.scalar(sa.select(DocumentVersion).join(Document).filter(Document.title == f"Anlage {kind}"))
        assert version.content_type == content_type and version.original_name == f"Anlage.{kind}"


REFUSED_TYPES = [
    (b"<!doctype html><html><script>alert(1)</script></html>", "bericht.pdf", "Dateityp ist nicht erlaubt"),
    (b"MZ\x90\x00\x03" + bytes(300), "bericht.pdf", "Dateityp ist nicht erlaubt"),
    (PNG, "bericht.pdf", "Endung „.pdf“ passt nicht zum Inhalt der Datei (PNG-Bild)"),
    (PDF, "bericht.html", "Endung „.html“ passt nicht zum Inhalt der Datei (PDF-Dokument)"),
    (KINDS["docx"][0], "tabelle.xlsx", "Endung „.xlsx“ passt nicht zum Inhalt der Datei (Word-Dokument)"),
    (_zip([("a.txt", "kein Office")]), "brief.docx", "Dateityp ist nicht erlaubt"),
    (_zip([("[Content_Types].xml", "<Types/>")]), "brief.docx", "Dateityp ist nicht erlaubt"),
    (_zip([("mimetype", "application/epub+zip")]), "buch.odt", "Dateityp ist nicht erlaubt"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), "setup.msi", "Dateityp ist nicht erlaubt"),
    (b"", "leer.pdf", "Die Datei ist leer."),
]


@pytest.mark.parametrize(("data", "name", "message"), REFUSED_TYPES)
def test_disallowed_types_are_refused_and_nothing_is_stored(client_as, ctx, uploads, data, name, message):
    response = upload(client_as("koordination.zwickau"), data, name, title="Abgelehnt")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert document_id(ctx, "zwickau", "Abgelehnt") is None
    assert stored_files(uploads) == []


def test_oversized_file_is_refused_with_the_limit(fresh, client_as, ctx, uploads):
    client = client_as("koordination.zwickau")
    fresh.config["SETTINGS"] = dataclasses.replace(fresh.config["SETTINGS"], upload_max_bytes=2048)
    big = pdf_bytes("Groß", ["x"], size=5000)
    response = upload(client, big, "gross.pdf", title="Zu groß")
    assert response.status_code == 422
    assert "Die Datei ist zu groß. Erlaubt sind höchstens 2 KB je Datei." in response.get_data(as_text=True)
    assert document_id(ctx, "zwickau", "Zu groß") is None and stored_files(uploads) == []
    doc = upload(client, PDF, "klein.pdf", title="Klein")
    assert doc.status_code == 302
    doc_id = document_id(ctx, "zwickau", "Klein")
    assert new_version(client, doc_id, big, "gross.pdf").status_code == 422
    assert len(stored_files(uploads)) == 1


def test_request_over_the_server_limit_shows_the_form_again_with_the_limit(fresh, client_as, ctx, uploads):
    """A real multipart body over MAX_CONTENT_LENGTH (the limit of 20 MB plus 1 MB for the form): Werkzeug
    refuses it before the view; the upload page comes back with the message at the file field."""
    client = client_as("koordination.zwickau")
    limit = fresh.config["SETTINGS"].upload_max_bytes
    assert limit == 20 * 1024 * 1024 and fresh.config["MAX_CONTENT_LENGTH"] < limit + 2 * 1024 * 1024
    huge = pdf_bytes("Groß", ["x"]) + bytes(limit + 2 * 1024 * 1024)
    message = "Die Datei ist zu groß. Erlaubt sind höchstens 20 MB je Datei."
    response = upload(client, huge, "gross.pdf", title="Viel zu groß")
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert '<ul class="errors" id="file-errors"><li>' + message in page and 'name="file"' in page
    assert "Dokument hochladen" in page and "Bitte prüfen Sie die markierten Angaben." in page
    assert document_id(ctx, "zwickau", "Viel zu groß") is None and stored_files(uploads) == []

    doc = upload(client, PDF, "klein.pdf", title="Klein")
    doc_id = document_id(ctx, "zwickau", "Klein")
    again = new_version(client, doc_id, huge, "gross.pdf")
    assert again.status_code == 413 and message in again.get_data(as_text=True)
    assert doc.status_code == 302 and len(stored_files(uploads)) == 1
    # The answer runs the view's own checks: a member gets no form, another KPR's document stays a 404.
    member = upload(client_as("mitglied.zwickau"), huge, "gross.pdf")
    assert member.status_code == 403 and message not in member.get_data(as_text=True)
    foreign = client_as("koordination.zittau").submit(
        f"/k/zittau/dokumente/{doc_id}/versionen/neu", {"file": (io.BytesIO(huge), "gross.pdf")},
        content_type="multipart/form-data")
    assert foreign.status_code == 404


CRAFTED_NAMES = [
    ("../../etc/passwd.pdf", "keine Ordnerangaben"),
    ("/abs/x.pdf", "keine Ordnerangaben"),
    # The test client writes the name into a quoted header: doubled backslashes arrive as "..\..\x.pdf".
    ("..\\\\..\\\\x.pdf", "keine Ordnerangaben"),
    ("C:\\\\Users\\\\bericht.pdf", "keine Ordnerangaben"),
    ("..", "keine Ordnerangaben"),
    ("...", "keine Ordnerangaben"),
    (".pdf", "keine Ordnerangaben"),
    ("bericht\x00.exe.pdf", "Steuerzeichen"),
    ("bericht\x1b[31m.pdf", "Steuerzeichen"),
    ("bericht\u202efdp.exe", "Steuerzeichen"),
    ("bericht", "einen Namen und eine Endung"),
]


@pytest.mark.parametrize(("name", "message"), CRAFTED_NAMES)
def test_crafted_file_names_are_refused_and_nothing_is_stored(client_as, ctx, uploads, name, message):
    response = upload(client_as("koordination.zwickau"), PDF, name, title="Trick")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert document_id(ctx, "zwickau", "Trick") is None
    assert stored_files(uploads) == []
    assert not (uploads.parent / "etc").exists()


def test_display_name_keeps_umlauts_and_is_limited(client_as, ctx, uploads):
    long_name = "Bürgerbefragung Sicherheitsgefühl " + "ä" * 300 + ".pdf"
    assert upload(client_as("koordination.zwickau"), PDF, long_name, title="Lang").status_code == 302
    with ctx() as session, tenant_context(tenant("zwickau").id):
        version = session.scalar(sa.select(DocumentVersion).join(Document).filter(Document.title == "Lang"))
        assert version.original_name.startswith("Bürgerbefragung Sicherheitsgefühl ää")
        assert version.original_name.endswith(".pdf") and len(version.original_name) == 150
        assert len(version.storage_name) == 32 and version.storage_name != version.original_name


def test_member_of_another_kpr_cannot_reach_an_internal_document(client_as, ctx):
    doc_id = document_id(ctx, "zittau", "Kooperationsvereinbarung ASSKomm (2021)")
    with ctx() as session, tenant_context(tenant("zittau").id):
        version_id = session.scalar(sa.select(DocumentVersion.id).filter_by(document_id=doc_id))
    zittau = client_as("mitglied.zittau")
    assert zittau.get(f"/k/zittau/dokumente/{doc_id}/datei").status_code == 200
    zwickau = client_as("mitglied.zwickau")
    for url in (f"/k/zittau/dokumente/{doc_id}/datei", f"/k/zwickau/dokumente/{doc_id}/datei",
                f"/k/zittau/dokumente/{doc_id}/versionen/{version_id}",
                f"/k/zwickau/dokumente/{doc_id}/versionen/{version_id}",
                f"/k/zittau/dokumente/{doc_id}", f"/k/zwickau/dokumente/{doc_id}"):
        assert zwickau.get(url).status_code == 404, url


def test_anonymous_visitors_get_public_documents_only(client_as, client, ctx, uploads):
    coordinator = client_as("koordination.zwickau")
    assert upload(coordinator, PDF, "intern.pdf", title="Internes Papier").status_code == 302
    flyer = pdf_bytes("Flyer", ["Wir über uns"])
    assert upload(coordinator, flyer, "Flyer Präventionsrat.pdf", title="Flyer", visibility="public").status_code == 302
    internal_id = document_id(ctx, "zwickau", "Internes Papier")
    public_id = document_id(ctx, "zwickau", "Flyer")

    assert client.get(f"/k/zwickau/dokumente/{internal_id}/datei").status_code == 404
    public = client.get(f"/k/zwickau/dokumente/{public_id}/datei")
    assert public.status_code == 200 and public.data == flyer
    assert public.headers["Cache-Control"] == "public, no-cache"
    assert "filename*=UTF-8''Flyer%20Pr%C3%A4ventionsrat.pdf" in public.headers["Content-Disposition"]
    # The workspace itself stays closed: to the login page.
    assert client.get(f"/k/zwickau/dokumente/{public_id}").status_code == 302
    # A coach not assigned to Zwickau is an outsider too.
    assert client_as("coach2").get(f"/k/zwickau/dokumente/{internal_id}/datei").status_code == 404
    assert client_as("coach2").get(f"/k/zwickau/dokumente/{public_id}/datei").status_code == 200

    # Made public, the same document is there for everyone; made internal again, it is gone.
    form = {"title": "Internes Papier", "category": "other", "visibility": "public", "description": ""}
    assert coordinator.submit(f"/k/zwickau/dokumente/{internal_id}/bearbeiten", form).status_code == 302
    assert client.get(f"/k/zwickau/dokumente/{internal_id}/datei").data == PDF
    assert coordinator.submit(f"/k/zwickau/dokumente/{internal_id}/bearbeiten",
                              {**form, "visibility": "internal"}).status_code == 302
    assert client.get(f"/k/zwickau/dokumente/{internal_id}/datei").status_code == 404


def test_member_reads_and_downloads_but_cannot_change(client_as, ctx, uploads):
    assert upload(client_as("koordination.zwickau"), PDF, "p.pdf", title="Protokoll AG Sucht").status_code == 302
    doc_id = document_id(ctx, "zwickau", "Protokoll AG Sucht")
    member = client_as("mitglied.zwickau")
    page = member.get("/k/zwickau/dokumente").get_data(as_text=True)
    assert "Protokoll AG Sucht" in page and "Dokument hochladen" not in page
    assert 'href="/k/zwickau/dokumente"' in page  # the KPR menu has its entry
    assert "Neue Version hochladen" not in member.get(f"/k/zwickau/dokumente/{doc_id}").get_data(as_text=True)
    assert member.get(f"/k/zwickau/dokumente/{doc_id}/datei").status_code == 200
    assert member.get("/k/zwickau/dokumente/neu").status_code == 403
    assert upload(member, PDF, "mitglied.pdf", title="Vom Mitglied").status_code == 403
    assert new_version(member, doc_id, PDF, "x.pdf").status_code == 403
    assert member.get(f"/k/zwickau/dokumente/{doc_id}/bearbeiten").status_code == 403
    assert member.submit(f"/k/zwickau/dokumente/{doc_id}/loeschen").status_code == 403
    assert document_id(ctx, "zwickau", "Vom Mitglied") is None and len(stored_files(uploads)) == 1
    assert document_id(ctx, "zwickau", "Protokoll AG Sucht") == doc_id


def test_assigned_coach_reads(client_as, ctx):
    doc_id = document_id(ctx, "zittau", "Kooperationsvereinbarung ASSKomm (2021)")
    coach = client_as("coach1")
    assert "Kooperationsvereinbarung ASSKomm (2021)" in coach.get("/k/zittau/dokumente").get_data(as_text=True)
    assert coach.get(f"/k/zittau/dokumente/{doc_id}").status_code == 200
    assert coach.get(f"/k/zittau/dokumente/{doc_id}/datei").status_code == 200
    assert coach.get("/k/zittau/dokumente/neu").status_code == 403


def test_delete_removes_rows_and_files_after_commit(client_as, ctx, uploads):
    client = client_as("koordination.zwickau")
    assert upload(client, PDF, "weg.pdf", title="Wird gelöscht").status_code == 302
    doc_id = document_id(ctx, "zwickau", "Wird gelöscht")
    assert new_version(client, doc_id, pdf_bytes("x", ["2"]), "weg2.pdf").status_code == 302
    assert len(stored_files(uploads)) == 2
    comment = {"item_kind": "document", "item_id": str(doc_id), "body": "Bitte vor der Sitzung prüfen."}
    assert client_as("coach1").submit("/k/zwickau/kommentare", comment).status_code == 302
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(WorkspaceComment)
                              .filter_by(item_kind="document", item_id=doc_id)) == 1
    response = client.submit(f"/k/zwickau/dokumente/{doc_id}/loeschen")
    assert response.status_code == 302 and response.headers["Location"].endswith("/k/zwickau/dokumente")
    assert document_id(ctx, "zwickau", "Wird gelöscht") is None
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(DocumentVersion)
                              .filter_by(document_id=doc_id)) == 0
        assert session.scalar(sa.select(sa.func.count()).select_from(WorkspaceComment)
                              .filter_by(item_kind="document", item_id=doc_id)) == 0  # no orphans left
    assert stored_files(uploads) == []
    assert client.get(f"/k/zwickau/dokumente/{doc_id}/datei").status_code == 404


def test_a_failed_transaction_leaves_no_file(client_as, ctx, uploads, monkeypatch):
    client = client_as("koordination.zwickau")
    token = client.csrf_token()

    def broken_commit():
        raise RuntimeError("database gone")

    monkeypatch.setattr(db.session, "commit", broken_commit)
    with pytest.raises(RuntimeError):
        client.post("/k/zwickau/dokumente/neu", content_type="multipart/form-data", data={
            "csrf_token": token, "title": "Nie gespeichert", "category": "other", "visibility": "internal",
            "file": (io.BytesIO(PDF), "x.pdf")})
    monkeypatch.undo()
    assert document_id(ctx, "zwickau", "Nie gespeichert") is None
    assert stored_files(uploads) == []


def test_rollback_deletes_written_files_and_keeps_files_to_be_removed(ctx, uploads):
    with ctx() as session, tenant_context(tenant("zwickau").id):
        upload_file = services.check("a.pdf", io.BytesIO(PDF))
        document = services.create_document({"title": "Rollback", "category": "other", "visibility": "internal"},
                                            upload_file, "", None)
        assert len(stored_files(uploads)) == 1
        session.rollback()
        assert stored_files(uploads) == []

        document = services.create_document({"title": "Bleibt", "category": "other", "visibility": "internal"},
                                            upload_file, "", None)
        session.commit()
        assert len(stored_files(uploads)) == 1
        services.delete_document(session.get(Document, document.id))
        session.rollback()  # the deletion did not happen, so the file stays
        assert len(stored_files(uploads)) == 1
        path = stored_files(uploads)[0]
        with pytest.raises(ValueError):
            storage.file_path(tenant("zwickau").id, "../" + path.name)


def test_pages_stay_within_a_fixed_number_of_queries(client_as, ctx, count_queries, uploads):
    client = client_as("koordination.zwickau")
    doc_id = document_id(ctx, "zwickau", "Präventionsbericht 2025")

    def measure() -> tuple[int, int]:
        with count_queries() as listing:
            assert client.get("/k/zwickau/dokumente").status_code == 200
        with count_queries() as detail:
            assert client.get(f"/k/zwickau/dokumente/{doc_id}").status_code == 200
        return listing.value, detail.value

    small = measure()
    with ctx() as session, tenant_context(tenant("zwickau").id):
        uploaders = [u for u in session.scalars(sa.text("SELECT id FROM user_account ORDER BY id LIMIT 5"))]
        document = session.get(Document, doc_id)
        for number in range(40):
            files = [services.check(f"d{number}-{v}.pdf", io.BytesIO(pdf_bytes(f"{number}", [str(v)])))
                     for v in range(3)]
            extra = services.create_document({"title": f"Dokument {number:02}", "category": ["report", "flyer",
                                              "other"][number % 3], "visibility": "internal"}, files[0], "",
                                             uploaders[number % 5])
            for index, file in enumerate(files[1:]):
                services.add_version(extra, file, "", uploaders[(number + index) % 5])
            services.add_version(document, services.check(f"p{number}.pdf", io.BytesIO(pdf_bytes("P", [str(
                number)]))), "", uploaders[number % 5])
        session.commit()
    large = measure()
    page = client.get("/k/zwickau/dokumente").get_data(as_text=True)
    assert "Dokument 39" in page and page.count("Version 3") >= 40
    # the uploaded demo file, the generated one published from the Präventionsbericht (annual_report demo), 40
    assert "Versionen (42)" in client.get(f"/k/zwickau/dokumente/{doc_id}").get_data(as_text=True)
    assert large == small, f"queries small {small}, large {large}"
    assert small[0] <= 8 and small[1] <= 9  # the detail page: +1 for its comments panel


def test_demo_documents_follow_the_seeds_and_load_once(client_as, ctx, fresh):
    page = client_as("mitglied.landkreis-rostock").get("/k/landkreis-rostock/dokumente").get_data(as_text=True)
    assert "Geschäftsordnung (2. Änderung)" in page and "0,24 MB" in page and "0,31 MB" in page
    assert "Flyer Kommunaler Präventionsrat" in page and "öffentlich" in page
    amendments = document_id(ctx, "landkreis-rostock",
                             "Kommunaler Präventionsrat des Landkreises Rostock – Geschäftsordnung (2. Änderung)")
    detail = client_as("mitglied.landkreis-rostock").get(f"/k/landkreis-rostock/dokumente/{amendments}")
    assert "Versionen (2)" in detail.get_data(as_text=True) and "1. Änderung" in detail.get_data(as_text=True)
    meissen = client_as("mitglied.meissen").get("/k/meissen/dokumente").get_data(as_text=True)
    assert "Kooperationsvereinbarung" in meissen and "intern" in meissen

    def counts(session) -> tuple[int, int]:
        return (session.scalar(sa.text("SELECT count(*) FROM document")),
                session.scalar(sa.text("SELECT count(*) FROM document_version")))

    with ctx() as session:
        before = counts(session)
        load_demo()
        session.flush()
        assert counts(session) == before
        # The demo's files were stored through the documents' storage, in the instance's upload folder.
        rows = session.execute(sa.text("SELECT tenant_id, storage_name FROM document_version")).all()
        assert rows and all(storage.file_path(t, name).is_file() for t, name in rows)
