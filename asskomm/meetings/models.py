"""Meetings of a KPR's bodies: agenda, invitations with replies, minutes, decisions, action items."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import TenantScoped, db

from ..structure.models import Body, Person
from ..timeutil import as_utc, now


class MeetingStatus(enum.StrEnum):
    planned = "planned"
    held = "held"
    cancelled = "cancelled"

    @property
    def label(self) -> str:
        return {"planned": "geplant", "held": "stattgefunden", "cancelled": "abgesagt"}[self.value]


class Reply(enum.StrEnum):
    pending = "pending"
    yes = "yes"
    no = "no"
    maybe = "maybe"

    @property
    def label(self) -> str:
        return {"pending": "keine Antwort", "yes": "Zusage", "no": "Absage", "maybe": "vielleicht"}[self.value]


class ActionStatus(enum.StrEnum):
    open = "open"
    done = "done"

    @property
    def label(self) -> str:
        return {"open": "offen", "done": "erledigt"}[self.value]


class Meeting(TenantScoped, db.Model):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(sa.ForeignKey("body.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    starts_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), index=True)
    ends_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    place: Mapped[str] = mapped_column(sa.String(250), default="")
    online_url: Mapped[str] = mapped_column(sa.String(500), default="")
    public: Mapped[bool] = mapped_column(default=False)
    status: Mapped[MeetingStatus] = mapped_column(
        sa.Enum(MeetingStatus, native_enum=False, length=20), default=MeetingStatus.planned
    )
    # Bumped when date or place change, so updated invitations go out once per change.
    sequence: Mapped[int] = mapped_column(default=0)

    body: Mapped[Body] = relationship()
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )
    invitations: Mapped[list[Invitation]] = relationship(back_populates="meeting", cascade="all, delete-orphan")
    minutes: Mapped[Minutes | None] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", foreign_keys="Minutes.meeting_id", uselist=False
    )

    @property
    def has_begun(self) -> bool:
        return as_utc(self.starts_at) <= now()


class AgendaItem(TenantScoped, db.Model):
    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(250))
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("person.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
    owner: Mapped[Person | None] = relationship()


class Invitation(TenantScoped, db.Model):
    """One person invited to one meeting; the token is their personal reply link (no login)."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("person.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    reply: Mapped[Reply] = mapped_column(sa.Enum(Reply, native_enum=False, length=20), default=Reply.pending)
    replied_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    attended: Mapped[bool | None]

    meeting: Mapped[Meeting] = relationship(back_populates="invitations")
    person: Mapped[Person] = relationship()

    __table_args__ = (sa.UniqueConstraint("meeting_id", "person_id"),)


class Minutes(TenantScoped, db.Model):
    """The Niederschrift of a meeting, approved at a later meeting."""

    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    approved_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    approved_in_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meeting.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship(back_populates="minutes", foreign_keys=[meeting_id])
    approved_in: Mapped[Meeting | None] = relationship(foreign_keys=[approved_in_id])
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="minutes", cascade="all, delete-orphan", order_by="Decision.position"
    )


class Decision(TenantScoped, db.Model):
    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(sa.ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(sa.Text)

    minutes: Mapped[Minutes] = relationship(back_populates="decisions")


class ActionItem(TenantScoped, db.Model):
    __tablename__ = "action_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("person.id", ondelete="SET NULL"), index=True)
    due_on: Mapped[date | None]
    status: Mapped[ActionStatus] = mapped_column(
        sa.Enum(ActionStatus, native_enum=False, length=20), default=ActionStatus.open, index=True
    )
    done_on: Mapped[date | None]

    meeting: Mapped[Meeting] = relationship()
    owner: Mapped[Person | None] = relationship()
