"""Documents of a KPR with every uploaded version kept; files live outside the web root."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import TenantScoped, db, utcnow


class DocumentCategory(enum.StrEnum):
    rules_of_procedure = "rules_of_procedure"
    amendment = "amendment"
    agreement = "agreement"
    flyer = "flyer"
    report = "report"
    other = "other"

    @property
    def label(self) -> str:
        return {
            "rules_of_procedure": "Geschäftsordnung",
            "amendment": "Änderung der Geschäftsordnung",
            "agreement": "Kooperationsvereinbarung",
            "flyer": "Flyer",
            "report": "Bericht",
            "other": "Sonstiges",
        }[self.value]


class Visibility(enum.StrEnum):
    internal = "internal"
    public = "public"

    @property
    def label(self) -> str:
        return {"internal": "intern", "public": "öffentlich"}[self.value]


class Document(TenantScoped, db.Model):
    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(250))
    category: Mapped[DocumentCategory] = mapped_column(sa.Enum(DocumentCategory, native_enum=False, length=30))
    visibility: Mapped[Visibility] = mapped_column(
        sa.Enum(Visibility, native_enum=False, length=20), default=Visibility.internal, index=True
    )
    description: Mapped[str] = mapped_column(sa.Text, default="")

    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentVersion.number.desc()"
    )


class DocumentVersion(TenantScoped, db.Model):
    __tablename__ = "document_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("document.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    original_name: Mapped[str] = mapped_column(sa.String(255))
    # A generated name; the upload's own name is never used as a path.
    storage_name: Mapped[str] = mapped_column(sa.String(80), unique=True)
    size: Mapped[int]
    content_type: Mapped[str] = mapped_column(sa.String(120))
    sha256: Mapped[str] = mapped_column(sa.String(64))
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    document: Mapped[Document] = relationship(back_populates="versions")

    __table_args__ = (sa.UniqueConstraint("document_id", "number"),)
