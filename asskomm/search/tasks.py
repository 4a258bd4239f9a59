"""Worker job of the search: the text of an uploaded file, read after the upload's commit so that
a long PDF never holds up the request."""

from __future__ import annotations

import sqlalchemy as sa
from celery import shared_task

from tenants import db

from ..documents.models import DocumentVersion
from ..documents.storage import file_path
from ..documents.uploads import KINDS
from .indexing import set_file_text
from .text import file_text

_KIND_OF_TYPE = {kind.mime: kind.key for kind in KINDS.values()}


@shared_task(name="search.read_file", acks_late=True)
def read_file(version_id: int) -> int:
    """Index the text of a document's file, if it is still the document's current version (an
    older task arriving late must not put back an older file's text). Returns the characters read."""
    version = db.session.get(DocumentVersion, version_id)
    if version is None:
        return 0
    latest = db.session.scalar(sa.select(sa.func.max(DocumentVersion.number))
                               .where(DocumentVersion.document_id == version.document_id))
    if version.number != latest:
        return 0
    kind = _KIND_OF_TYPE.get(version.content_type, "")
    path = file_path(version.tenant_id, version.storage_name)
    text = file_text(path.read_bytes(), kind) if path.exists() else ""
    set_file_text(version.document_id, text)
    return len(text)
