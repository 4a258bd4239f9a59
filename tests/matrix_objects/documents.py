"""Documents for the isolation matrix: an internal document with a stored file per KPR."""

from __future__ import annotations

import io

import sqlalchemy as sa

from asskomm.documents import services
from asskomm.documents.demo import pdf_bytes
from asskomm.documents.models import Document, DocumentVersion
from tenants import tenant_context

from ..helpers import tenant


def _document(session, slug: str) -> int:
    title = f"Matrix-Dokument {slug}"
    with tenant_context(tenant(slug).id):
        document_id = session.scalar(sa.select(Document.id).filter_by(title=title))
        if document_id is None:
            upload = services.check("intern.pdf", io.BytesIO(pdf_bytes(title, ["intern"])))
            document_id = services.create_document(
                {"title": title, "category": "other", "visibility": "internal"}, upload, "", None).id
        return document_id


def _version(session, slug: str) -> int:
    document_id = _document(session, slug)
    with tenant_context(tenant(slug).id):
        return session.scalar(sa.select(DocumentVersion.id).filter_by(document_id=document_id))


OBJECTS = {"document_id": _document, "version_id": _version}
