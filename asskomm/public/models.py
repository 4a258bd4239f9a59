"""What a KPR shows the public: about and contact, news, network partners, community police."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tenants import TenantScoped, db


class PublicProfile(TenantScoped, db.Model):
    __tablename__ = "public_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    about: Mapped[str] = mapped_column(sa.Text, default="")
    goals: Mapped[str] = mapped_column(sa.Text, default="")
    office_name: Mapped[str] = mapped_column(sa.String(200), default="")
    contact_person: Mapped[str] = mapped_column(sa.String(160), default="")
    postal_address: Mapped[str] = mapped_column(sa.Text, default="")
    visitor_address: Mapped[str] = mapped_column(sa.Text, default="")
    opening_hours: Mapped[str] = mapped_column(sa.Text, default="")
    phone: Mapped[str] = mapped_column(sa.String(60), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")

    __table_args__ = (sa.UniqueConstraint("tenant_id"),)


class NewsPost(TenantScoped, db.Model):
    __tablename__ = "news_post"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(250))
    published_on: Mapped[date] = mapped_column(index=True)
    published: Mapped[bool] = mapped_column(default=True)
    # The text as written (Markdown) and its sanitised HTML, rendered once on save.
    body: Mapped[str] = mapped_column(sa.Text, default="")
    body_html: Mapped[str] = mapped_column(sa.Text, default="")


class Partner(TenantScoped, db.Model):
    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    sector: Mapped[str] = mapped_column(sa.String(30), default="other")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    url: Mapped[str] = mapped_column(sa.String(500), default="")
    position: Mapped[int] = mapped_column(default=0)


class CommunityOfficer(TenantScoped, db.Model):
    """Bürgerpolizist:in: the police's contact in a neighbourhood."""

    __tablename__ = "community_officer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    area: Mapped[str] = mapped_column(sa.String(200), default="")
    phone: Mapped[str] = mapped_column(sa.String(60), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    office_hours: Mapped[str] = mapped_column(sa.Text, default="")
    position: Mapped[int] = mapped_column(default=0)
