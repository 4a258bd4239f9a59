"""Events across municipalities: sessions, capacity, registration window, registrations.

Events belong to the state council (or to a district KPR that organises its forum); they are not
tenant-owned. A registration names the person's KPR, so each KPR sees its own people.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import Tenant, db, utcnow
from tenants.models import current_or_first_alliance

from ..accounts.models import User
from ..timeutil import as_utc, now


class EventKind(enum.StrEnum):
    training = "training"
    network_meeting = "network_meeting"
    specialist_day = "specialist_day"
    forum = "forum"

    @property
    def label(self) -> str:
        return {"training": "Fortbildung", "network_meeting": "Vernetzungstreffen", "specialist_day": "Fachtag",
                "forum": "PräventionsForum"}[self.value]


class Audience(enum.StrEnum):
    coordinators = "coordinators"
    members = "members"
    coaches = "coaches"
    open = "open"

    @property
    def label(self) -> str:
        return {"coordinators": "Koordinator:innen", "members": "Mitglieder der KPR", "coaches": "ASSKomm-Coaches",
                "open": "alle"}[self.value]


class Reach(enum.StrEnum):
    all = "all"
    district = "district"
    invited = "invited"

    @property
    def label(self) -> str:
        return {"all": "alle KPR", "district": "ein Landkreis", "invited": "eingeladene KPR"}[self.value]


class RegistrationStatus(enum.StrEnum):
    confirmed = "confirmed"
    waitlisted = "waitlisted"
    cancelled = "cancelled"

    @property
    def label(self) -> str:
        return {"confirmed": "bestätigt", "waitlisted": "Warteliste", "cancelled": "storniert"}[self.value]


class Event(db.Model):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = mapped_column(sa.Enum(EventKind, native_enum=False, length=20))
    title: Mapped[str] = mapped_column(sa.String(250))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    organiser_tenant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.id", ondelete="SET NULL"))
    # The alliance whose state council (or KPR) organises it; opened to every alliance, it is in
    # their catalogs too (a Fachtag with guests from another state).
    alliance_id: Mapped[int] = mapped_column(sa.ForeignKey("alliance.id"), index=True,
                                             default=current_or_first_alliance, server_default=sa.text("1"))
    open_to_all_alliances: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    audience: Mapped[Audience] = mapped_column(sa.Enum(Audience, native_enum=False, length=20), default=Audience.open)
    reach: Mapped[Reach] = mapped_column(sa.Enum(Reach, native_enum=False, length=20), default=Reach.all)
    district: Mapped[str] = mapped_column(sa.String(120), default="")
    agenda: Mapped[str] = mapped_column(sa.Text, default="")
    # Minutes of a network meeting, shared with the invited KPRs.
    minutes: Mapped[str] = mapped_column(sa.Text, default="")
    capacity: Mapped[int]
    # Seats taken by confirmed registrations, changed only under the event's lock (events.seats).
    confirmed_count: Mapped[int] = mapped_column(default=0)
    # Seats the invited KPRs reserved with their replies (sum of their participants), under the same lock.
    reserved_seats: Mapped[int] = mapped_column(default=0, server_default="0")
    registration_opens_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    registration_closes_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    organiser: Mapped[Tenant | None] = relationship()
    sessions: Mapped[list[EventSession]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventSession.starts_at"
    )
    # The invited KPRs, read by policy (who sees the minutes); organising changes them row by row.
    invitations: Mapped[list[KprInvitation]] = relationship(viewonly=True, order_by="KprInvitation.id")

    __table_args__ = (
        sa.CheckConstraint("capacity >= 0", name="capacity_positive"),
        sa.CheckConstraint("confirmed_count >= 0 AND reserved_seats >= 0 AND confirmed_count + reserved_seats <= "
                           "capacity", name="never_overbooked"),
    )

    @property
    def has_begun(self) -> bool:
        """Its first session has started (an event without sessions has not)."""
        return any(as_utc(s.starts_at) <= now() for s in self.sessions)

    @property
    def has_ended(self) -> bool:
        """Its last session is over (an event without sessions has not ended)."""
        return bool(self.sessions) and all(as_utc(s.ends_at) <= now() for s in self.sessions)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def free_seats(self) -> int:
        """Seats neither confirmed nor reserved by an invited KPR's reply."""
        return max(self.capacity - self.confirmed_count - (self.reserved_seats or 0), 0)


class EventSession(db.Model):
    __tablename__ = "event_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("event.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    place: Mapped[str] = mapped_column(sa.String(250), default="")
    online_url: Mapped[str] = mapped_column(sa.String(500), default="")

    event: Mapped[Event] = relationship(back_populates="sessions")


class Registration(db.Model):
    __tablename__ = "registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("event.id", ondelete="CASCADE"), index=True)
    # None once anonymised by the retention job (asskomm.privacy): the row still counts for the figures.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    tenant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tenant.id", ondelete="SET NULL"), index=True)
    registered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    status: Mapped[RegistrationStatus] = mapped_column(sa.Enum(RegistrationStatus, native_enum=False, length=20),
                                                      index=True)
    # Order of arrival on the waiting list; set again when a cancelled registration comes back.
    queued_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    promoted_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    event: Mapped[Event] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])

    __table_args__ = (
        sa.UniqueConstraint("event_id", "user_id"),  # a person at most once per event
        sa.Index("ix_registration_waitlist", "event_id", "status", "queued_at", "id"),
    )


class Attendance(db.Model):
    """Presence of one registered person at one session, recorded at check-in."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(sa.ForeignKey("registration.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("event_session.id", ondelete="CASCADE"), index=True)
    present: Mapped[bool] = mapped_column(default=True)
    recorded_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    __table_args__ = (sa.UniqueConstraint("registration_id", "session_id"),)


class Certificate(db.Model):
    """The participation certificate (PDF) of an attendee, made by the worker."""

    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(sa.ForeignKey("registration.id", ondelete="CASCADE"), unique=True)
    pdf: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # Reissued when what it shows changed (the dates of the event): the earlier PDF is kept as a
    # CertificateVersion. `content` fingerprints what this PDF shows ("" for one made before).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    content: Mapped[str] = mapped_column(sa.String(64), default="", server_default="")


class Feedback(db.Model):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(sa.ForeignKey("registration.id", ondelete="CASCADE"), unique=True)
    overall: Mapped[int]  # 1 (poor) to 5 (very good)
    usefulness: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        sa.CheckConstraint("overall BETWEEN 1 AND 5", name="overall_range"),
        sa.CheckConstraint("usefulness BETWEEN 1 AND 5", name="usefulness_range"),
    )


class InvitationReply(enum.StrEnum):
    pending = "pending"
    yes = "yes"
    no = "no"

    @property
    def label(self) -> str:
        return {"pending": "keine Antwort", "yes": "Zusage", "no": "Absage"}[self.value]


class KprInvitation(db.Model):
    """A KPR invited to a network meeting; it answers once, with its number of participants."""

    __tablename__ = "kpr_invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("event.id", ondelete="CASCADE"), index=True)
    tenant_id: Mapped[int] = mapped_column(sa.ForeignKey("tenant.id", ondelete="CASCADE"), index=True)
    reply: Mapped[InvitationReply] = mapped_column(sa.Enum(InvitationReply, native_enum=False, length=20),
                                                   default=InvitationReply.pending)
    participants: Mapped[int] = mapped_column(default=0)
    replied_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    replied_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))

    event: Mapped[Event] = relationship()
    tenant: Mapped[Tenant] = relationship()

    __table_args__ = (sa.UniqueConstraint("event_id", "tenant_id"),
                      sa.CheckConstraint("participants >= 0", name="participants_positive"))


class CertificateVersion(db.Model):
    """An earlier PDF of a certificate that was reissued (the event's dates changed), kept as it was."""

    __tablename__ = "certificate_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(sa.ForeignKey("registration.id", ondelete="CASCADE"))
    version: Mapped[int]
    pdf: Mapped[bytes] = mapped_column(sa.LargeBinary)
    issued_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    replaced_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    __table_args__ = (sa.UniqueConstraint("registration_id", "version"),)
