"""The bodies of a KPR and the people in them (people need no login)."""

from __future__ import annotations

import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import TenantScoped, db

STEERING_GROUP_LIMIT = 15


class BodyKind(enum.StrEnum):
    chair = "chair"
    leadership = "leadership"
    steering_group = "steering_group"
    coordination = "coordination"
    working_group = "working_group"

    @property
    def label(self) -> str:
        return {
            "chair": "Vorsitz",
            "leadership": "Führungsstab",
            "steering_group": "Lenkungsgremium",
            "coordination": "Koordinierungsstelle",
            "working_group": "Arbeitsgruppe",
        }[self.value]


class WorkingGroupBasis(enum.StrEnum):
    thematic = "thematic"
    district = "district"

    @property
    def label(self) -> str:
        return {"thematic": "thematisch", "district": "stadtteilbezogen"}[self.value]


class Sector(enum.StrEnum):
    police = "police"
    justice = "justice"
    education = "education"
    youth_welfare = "youth_welfare"
    social_services = "social_services"
    administration = "administration"
    business = "business"
    science = "science"
    civil_society = "civil_society"
    addiction_counselling = "addiction_counselling"
    health = "health"
    politics = "politics"
    other = "other"

    @property
    def label(self) -> str:
        return SECTOR_LABELS[self]


SECTOR_LABELS = {
    Sector.police: "Polizei",
    Sector.justice: "Justiz/Staatsanwaltschaft",
    Sector.education: "Schule/Bildung",
    Sector.youth_welfare: "Jugendhilfe",
    Sector.social_services: "Sozialdienste",
    Sector.administration: "Verwaltung",
    Sector.business: "Wirtschaft",
    Sector.science: "Wissenschaft",
    Sector.civil_society: "Zivilgesellschaft",
    Sector.addiction_counselling: "Suchtberatung",
    Sector.health: "Gesundheit",
    Sector.politics: "Politik/Stadtrat",
    Sector.other: "Sonstige",
}


class BodyRole(enum.StrEnum):
    chair = "chair"
    deputy = "deputy"
    lead = "lead"
    member = "member"
    advisory = "advisory"

    @property
    def label(self) -> str:
        return {
            "chair": "Vorsitz",
            "deputy": "Stellvertretung",
            "lead": "Leitung",
            "member": "Mitglied",
            "advisory": "beratend",
        }[self.value]


class Body(TenantScoped, db.Model):
    __tablename__ = "body"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[BodyKind] = mapped_column(sa.Enum(BodyKind, native_enum=False, length=20))
    name: Mapped[str] = mapped_column(sa.String(160))
    basis: Mapped[WorkingGroupBasis | None] = mapped_column(sa.Enum(WorkingGroupBasis, native_enum=False, length=20))
    topic: Mapped[str] = mapped_column(sa.String(160), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    memberships: Mapped[list[BodyMembership]] = relationship(
        back_populates="body", cascade="all, delete-orphan", order_by="BodyMembership.id"
    )


class Person(TenantScoped, db.Model):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    organisation: Mapped[str] = mapped_column(sa.String(200), default="")
    function: Mapped[str] = mapped_column(sa.String(200), default="")
    sector: Mapped[Sector] = mapped_column(sa.Enum(Sector, native_enum=False, length=30), default=Sector.other)
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str] = mapped_column(sa.String(60), default="")
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)

    memberships: Mapped[list[BodyMembership]] = relationship(back_populates="person", cascade="all, delete-orphan")


class BodyMembership(TenantScoped, db.Model):
    __tablename__ = "body_membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(sa.ForeignKey("body.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[BodyRole] = mapped_column(sa.Enum(BodyRole, native_enum=False, length=20), default=BodyRole.member)
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]

    body: Mapped[Body] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship(back_populates="memberships")

    __table_args__ = (sa.CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on",
                                         name="dates_ordered"),)

    def is_current(self, today: date) -> bool:
        return (self.starts_on is None or self.starts_on <= today) and (self.ends_on is None or self.ends_on > today)


def current_membership_clause(today: date):
    return sa.and_(
        sa.or_(BodyMembership.starts_on.is_(None), BodyMembership.starts_on <= today),
        sa.or_(BodyMembership.ends_on.is_(None), BodyMembership.ends_on > today),
    )
