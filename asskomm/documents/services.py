"""Documents and their versions: check the upload, store the file, change rows, flush."""

from __future__ import annotations

from datetime import datetime
from typing import BinaryIO

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from tenants import db

from ..accounts.models import User
from ..errors import DomainError
from ..signals import item_deleted
from . import storage
from .models import Document, DocumentCategory, DocumentVersion, Visibility
from .uploads import CheckedFile, check_upload

# Headings of the list page, one group per category in this order.
GROUP_LABELS = {
    DocumentCategory.rules_of_procedure: "Geschäftsordnung",
    DocumentCategory.amendment: "Änderungen der Geschäftsordnung",
    DocumentCategory.agreement: "Kooperationsvereinbarung",
    DocumentCategory.flyer: "Flyer",
    DocumentCategory.report: "Berichte",
    DocumentCategory.other: "Sonstiges",
}


def upload_limit() -> int:
    return current_app.config["SETTINGS"].upload_max_bytes


def check(filename: str | None, stream: BinaryIO) -> CheckedFile:
    return check_upload(filename, stream, upload_limit())


def _apply(document: Document, data: dict) -> None:
    document.title = data["title"].strip()
    document.category = DocumentCategory(data["category"])
    document.visibility = Visibility(data["visibility"])
    document.description = (data.get("description") or "").strip()


def create_document(data: dict, upload: CheckedFile, note: str, user_id: int | None,
                    uploaded_at: datetime | None = None) -> Document:
    """A new document with its first version. The upload is checked before anything is written."""
    document = Document()
    _apply(document, data)
    db.session.add(document)
    db.session.flush()
    _store_version(document, upload, 1, note, user_id, uploaded_at)
    return document


def add_version(document: Document, upload: CheckedFile, note: str, user_id: int | None,
                uploaded_at: datetime | None = None) -> DocumentVersion:
    """A new current version; the earlier ones stay as they were."""
    # Lock the document row so two uploads at once cannot take the same number (PostgreSQL;
    # SQLite requests that write hold the database's write lock anyway).
    db.session.execute(sa.select(Document.id).where(Document.id == document.id).with_for_update())
    current = db.session.scalar(
        sa.select(DocumentVersion).where(DocumentVersion.document_id == document.id)
        .order_by(DocumentVersion.number.desc()).limit(1)
    )
    if current is not None and current.sha256 == upload.sha256:
        raise DomainError(f"Diese Datei ist bereits die aktuelle Fassung (Version {current.number}).", "file")
    return _store_version(document, upload, (current.number if current else 0) + 1, note, user_id, uploaded_at)


def _store_version(document: Document, upload: CheckedFile, number: int, note: str, user_id: int | None,
                   uploaded_at: datetime | None) -> DocumentVersion:
    # Written before the row; if the transaction does not commit, storage deletes the file again.
    storage_name = storage.store(document.tenant_id, upload.data)
    version = DocumentVersion(
        document_id=document.id, number=number, original_name=upload.name, storage_name=storage_name,
        size=upload.size, content_type=upload.kind.mime, sha256=upload.sha256, note=(note or "").strip(),
        uploaded_by_id=user_id,
    )
    if uploaded_at is not None:
        version.uploaded_at = uploaded_at
    db.session.add(version)
    db.session.flush()
    return version


def update_document(document: Document, data: dict) -> Document:
    _apply(document, data)
    db.session.flush()
    return document


def delete_document(document: Document) -> None:
    """The document, every version and, once the deletion is committed, their files."""
    for version in document.versions:
        storage.remove_after_commit(document.tenant_id, version.storage_name)
    item_deleted.send(Document, item=document)
    db.session.delete(document)
    db.session.flush()


def current_versions(public_only: bool = False) -> list[tuple[Document, DocumentVersion | None]]:
    """Every document of the current KPR with its current version, in one query."""
    latest = (
        sa.select(DocumentVersion.document_id, sa.func.max(DocumentVersion.number).label("number"))
        .group_by(DocumentVersion.document_id).subquery()
    )
    query = (
        sa.select(Document, DocumentVersion)
        .outerjoin(latest, latest.c.document_id == Document.id)
        .outerjoin(DocumentVersion, sa.and_(DocumentVersion.document_id == Document.id,
                                            DocumentVersion.number == latest.c.number))
        .order_by(Document.title, Document.id)
    )
    if public_only:
        query = query.where(Document.visibility == Visibility.public)
    return [(document, version) for document, version in db.session.execute(query)]


def grouped_documents() -> dict[DocumentCategory, list[tuple[Document, DocumentVersion | None]]]:
    groups: dict[DocumentCategory, list] = {category: [] for category in GROUP_LABELS}
    for document, version in current_versions():
        groups[document.category].append((document, version))
    return {category: rows for category, rows in groups.items() if rows}


def document_with_versions(document_id: int) -> Document | None:
    return db.session.scalar(
        sa.select(Document).where(Document.id == document_id).options(selectinload(Document.versions))
    )


def version_of(document_id: int, version_id: int) -> DocumentVersion | None:
    return db.session.scalar(
        sa.select(DocumentVersion).where(DocumentVersion.id == version_id, DocumentVersion.document_id == document_id)
    )


def current_version(document: Document) -> DocumentVersion | None:
    return db.session.scalar(
        sa.select(DocumentVersion).where(DocumentVersion.document_id == document.id)
        .order_by(DocumentVersion.number.desc()).limit(1)
    )


def uploader_names(versions) -> dict[int, str]:
    """Names of the people who uploaded `versions`, in one query (none without uploaders)."""
    ids = {v.uploaded_by_id for v in versions if v is not None and v.uploaded_by_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(sa.select(User.id, User.name).where(User.id.in_(ids))).all())
