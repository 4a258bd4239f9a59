"""Uploads that are not what they claim: zip bombs, paths out of the archive, macros and
polyglots are refused with a German reason; downloads are sandboxed in any case (issue 10, C4)."""

from __future__ import annotations

import io
import zipfile

import pytest
import sqlalchemy as sa

from asskomm.documents.models import DocumentVersion
from asskomm.documents.uploads import MAX_UNPACKED, OLE2_MAGIC, check_upload
from asskomm.errors import DomainError
from tenants import tenant_context

from .helpers import tenant
from .test_documents import _ooxml, _zip, upload

LIMIT = 20 * 1024 * 1024


def _refusal(name: str, data: bytes) -> str:
    with pytest.raises(DomainError) as refused:
        check_upload(name, io.BytesIO(data), LIMIT)
    assert refused.value.field == "file"
    return refused.value.message


def _docx_with(extra: list[tuple[str, bytes | str]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<x/>")
        for name, content in extra:
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_plain_document_still_passes():
    assert check_upload("Geschäftsordnung.docx", io.BytesIO(_ooxml("word/document.xml")), LIMIT).kind.key == "docx"


def test_a_zip_bomb_dressed_as_docx_is_refused_by_unpacking_not_by_its_headers():
    # 300 MiB of zeros compress to about 300 KiB: small upload, huge unpacked.
    bomb = _docx_with([("word/media/zeros.bin", b"\0" * (MAX_UNPACKED + 1024 * 1024))])
    assert len(bomb) < LIMIT
    assert "entpackt sich auf mehr als 256 MB" in _refusal("Bericht.docx", bomb)


def test_too_many_entries_are_refused():
    many = _docx_with([(f"word/p{i}.xml", "") for i in range(10_001)])
    assert "mehr als 10.000 Teile" in _refusal("Bericht.docx", many)


@pytest.mark.parametrize("entry", ["../../etc/cron.d/x", "/etc/passwd", "word/../../x.xml", "C:/boot.ini"])
def test_entries_that_leave_the_archive_are_refused(entry: str):
    assert "Pfadangaben" in _refusal("Bericht.docx", _docx_with([(entry, "x")]))


@pytest.mark.parametrize(("name", "data"), [
    ("Makro.docx", _docx_with([("word/vbaProject.bin", b"\xd0\xcf")])),
    ("Makro.xlsx", _zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<x/>"),
                         ("xl/vbaProject.bin", "x")])),
    ("Makro.odt", _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>"),
                        ("Basic/Standard/Module1.xml", "<script/>")])),
    ("Makro.doc", OLE2_MAGIC + b"\0" * 500 + "_VBA_PROJECT".encode("utf-16-le") + b"\0" * 500),
])
def test_documents_with_macros_are_refused(name: str, data: bytes):
    assert "enthält Makros" in _refusal(name, data)


@pytest.mark.parametrize(("name", "data"), [
    ("Flyer.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF"),
    ("Bild.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20 + b"<SCRIPT>alert(1)</SCRIPT>"),
])
def test_polyglots_are_refused(name: str, data: bytes):
    assert "HTML oder Skript" in _refusal(name, data)


def test_the_refusal_is_shown_at_the_file_field_and_downloads_are_sandboxed(client_as, ctx):
    client = client_as("koordination.zwickau")
    refused = upload(client, _docx_with([("word/vbaProject.bin", b"x")]), "Makro.docx", title="Mit Makro")
    assert refused.status_code == 422 and "enthält Makros" in refused.get_data(as_text=True)
    assert "Mit Makro" not in client.get("/k/zwickau/dokumente").get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        document_id = session.scalar(sa.select(DocumentVersion.document_id).order_by(DocumentVersion.id))
    download = client.get(f"/k/zwickau/dokumente/{document_id}/datei")
    assert download.status_code == 200
    assert download.headers["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert download.headers["Content-Disposition"].startswith("attachment")
