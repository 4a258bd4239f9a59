"""The founding guide of a KPR being founded: five steps with guiding questions."""

from __future__ import annotations

import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tenants import TenantScoped, db


class FoundingModel(enum.StrEnum):
    restructure = "restructure"
    bottom_up = "bottom_up"
    top_down = "top_down"

    @property
    def label(self) -> str:
        return {
            "restructure": "Bestehendes Gremium umstrukturieren",
            "bottom_up": "Von unten nach oben (aus bestehenden Netzwerken)",
            "top_down": "Von oben nach unten (Initiative der Verwaltungsspitze)",
        }[self.value]


class FoundingStepKey(enum.StrEnum):
    awareness = "awareness"
    needs = "needs"
    actors = "actors"
    structure = "structure"
    constituent_meeting = "constituent_meeting"


class FoundingGuide(TenantScoped, db.Model):
    __tablename__ = "founding_guide"

    id: Mapped[int] = mapped_column(primary_key=True)
    model: Mapped[FoundingModel | None] = mapped_column(sa.Enum(FoundingModel, native_enum=False, length=20))
    started_on: Mapped[date | None]

    __table_args__ = (sa.UniqueConstraint("tenant_id"),)


class FoundingStep(TenantScoped, db.Model):
    __tablename__ = "founding_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[FoundingStepKey] = mapped_column(sa.Enum(FoundingStepKey, native_enum=False, length=30))
    # Indexes of the guiding questions (founding/guide.py) that are answered.
    checked: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    owner: Mapped[str] = mapped_column(sa.String(160), default="")
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]

    __table_args__ = (sa.UniqueConstraint("tenant_id", "key"),)
