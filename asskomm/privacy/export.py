"""What the platform holds about one person, across every KPR (Art. 15, 20): read in one named
cross-tenant context, as sections of rows, then written as daten.json and a readable index.html."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

import sqlalchemy as sa
from flask import render_template
from sqlalchemy.orm import selectinload

from tenants import Tenant, cross_tenant, db

from ..accounts.feeds import FeedKey
from ..accounts.models import Assignment, Membership, User
from ..accounts.sessions import SignedInSession
from ..audit.models import AuditEntry
from ..coaching.models import Consultation, NextStep
from ..comments.models import WorkspaceComment
from ..documents.models import DocumentVersion
from ..events.models import Attendance, Certificate, Event, EventSession, Feedback, Registration
from ..mail.models import OutboxMessage
from ..mail.preferences import CATEGORIES, switched_off
from ..meetings.models import Invitation, Meeting
from ..structure.models import Person

REASON = "DSGVO export: a person's own data in every KPR (Art. 15, 20)"


@dataclass
class Section:
    key: str
    title: str
    columns: dict[str, str]  # key -> German heading
    rows: list[dict] = field(default_factory=list)


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


def _section(key: str, title: str, columns: dict[str, str], rows) -> Section:
    return Section(key, title, columns, [{k: _plain(row.get(k)) for k in columns} for row in rows])


def collect(user: User) -> list[Section]:
    """Every kind of record naming the person; a fixed number of queries, whatever their number."""
    with cross_tenant(REASON):
        tenants = {t.id: t.name for t in db.session.scalars(sa.select(Tenant))}
        people = list(db.session.scalars(sa.select(Person).where(
            sa.or_(Person.user_id == user.id, sa.func.lower(Person.email) == user.email.lower()))))
        person_ids = [p.id for p in people]
        registrations = list(db.session.scalars(sa.select(Registration).where(Registration.user_id == user.id)
                                                .options(selectinload(Registration.event))))
        reg_ids = [r.id for r in registrations]
        sections = [
            _section("account", "Konto", {"name": "Name", "email": "E-Mail", "roles": "Rollen",
                                          "active": "Aktiv", "created_at": "Angelegt", "last_login_at":
                                          "Letzte Anmeldung"},
                     [{"name": user.name, "email": user.email, "roles": ", ".join(r.label for r in
                                                                                 sorted(user.global_roles)),
                       "active": user.active, "created_at": user.created_at, "last_login_at": user.last_login_at}]),
            _section("memberships", "Mitgliedschaften in KPR", {"kpr": "KPR", "role": "Rolle"},
                     [{"kpr": tenants.get(m.tenant_id), "role": m.role.label} for m in db.session.scalars(
                         sa.select(Membership).where(Membership.user_id == user.id))]),
            _section("assignments", "Zuordnungen als Coach oder Ansprechpartner:in",
                     {"kpr": "KPR", "kind": "Art", "starts_on": "Ab", "ends_on": "Bis"},
                     [{"kpr": tenants.get(a.tenant_id), "kind": a.kind.label, "starts_on": a.starts_on,
                       "ends_on": a.ends_on} for a in db.session.scalars(
                         sa.select(Assignment).where(Assignment.user_id == user.id).order_by(Assignment.starts_on))]),
            _section("registrations", "Anmeldungen zu Veranstaltungen",
                     {"event": "Veranstaltung", "kpr": "Für KPR", "status": "Status", "queued_at": "Angemeldet am",
                      "cancelled_at": "Abgemeldet am"},
                     [{"event": r.event.title, "kpr": tenants.get(r.tenant_id), "status": r.status.label,
                       "queued_at": r.queued_at, "cancelled_at": r.cancelled_at} for r in registrations]),
            _section("attendance", "Anwesenheit (Check-in)",
                     {"event": "Veranstaltung", "session": "Termin", "present": "Anwesend", "recorded_at": "Erfasst"},
                     [{"event": title, "session": starts, "present": a.present, "recorded_at": a.recorded_at}
                      for a, starts, title in db.session.execute(
                          sa.select(Attendance, EventSession.starts_at, Event.title)
                          .join(EventSession, EventSession.id == Attendance.session_id)
                          .join(Event, Event.id == EventSession.event_id)
                          .where(Attendance.registration_id.in_(reg_ids)))]),
            _section("certificates", "Teilnahmebescheinigungen",
                     {"event": "Veranstaltung", "version": "Fassung", "created_at": "Ausgestellt"},
                     [{"event": title, "version": c.version, "created_at": c.created_at}
                      for c, title in db.session.execute(
                          sa.select(Certificate, Event.title).join(Registration, Registration.id ==
                                                                   Certificate.registration_id)
                          .join(Event, Event.id == Registration.event_id)
                          .where(Certificate.registration_id.in_(reg_ids)))]),
            _section("feedback", "Rückmeldungen zu Veranstaltungen",
                     {"overall": "Gesamt", "usefulness": "Nutzen", "comment": "Kommentar", "submitted_at": "Am"},
                     [vars(f) for f in db.session.scalars(sa.select(Feedback)
                                                         .where(Feedback.registration_id.in_(reg_ids)))]),
            _consultations(user, tenants),
            _section("comments", "Kommentare",
                     {"kpr": "KPR", "item": "Zu", "body": "Text", "deleted_at": "Zurückgezogen"},
                     [{"kpr": tenants.get(c.tenant_id), "item": f"{c.item_kind} {c.item_id}", "body": c.body,
                       "deleted_at": c.deleted_at} for c in db.session.scalars(
                         sa.select(WorkspaceComment).where(WorkspaceComment.author_id == user.id)
                         .order_by(WorkspaceComment.id))]),
            _section("people_register", "Einträge in Personenverzeichnissen",
                     {"kpr": "KPR", "name": "Name", "organisation": "Organisation", "function": "Funktion",
                      "email": "E-Mail", "phone": "Telefon"},
                     [{"kpr": tenants.get(p.tenant_id), **vars(p)} for p in people]),
            _section("meetings", "Einladungen zu Sitzungen",
                     {"kpr": "KPR", "meeting": "Sitzung", "starts_at": "Beginn", "reply": "Antwort",
                      "attended": "Anwesend"},
                     [{"kpr": tenants.get(i.tenant_id), "meeting": title, "starts_at": starts, "reply": i.reply.label,
                       "attended": i.attended} for i, title, starts in db.session.execute(
                         sa.select(Invitation, Meeting.title, Meeting.starts_at)
                         .join(Meeting, Meeting.id == Invitation.meeting_id)
                         .where(Invitation.person_id.in_(person_ids)))]),
            _section("documents", "Hochgeladene Dateien", {"kpr": "KPR", "original_name": "Datei",
                                                          "uploaded_at": "Am"},
                     [{"kpr": tenants.get(v.tenant_id), **vars(v)} for v in db.session.scalars(
                         sa.select(DocumentVersion).where(DocumentVersion.uploaded_by_id == user.id))]),
            _section("mails", "E-Mails an Sie", {"subject": "Betreff", "created_at": "Erstellt", "status": "Status"},
                     [{"subject": m.subject, "created_at": m.created_at, "status": m.status.label}
                      for m in db.session.scalars(sa.select(OutboxMessage).where(
                          sa.func.lower(OutboxMessage.recipient) == user.email.lower()).order_by(OutboxMessage.id))]),
            _section("calendar_feeds", "Kalender-Abonnements", {"feed": "Kalender", "renewed_at": "Erneuert"},
                     [vars(k) for k in db.session.scalars(sa.select(FeedKey).where(FeedKey.user_id == user.id))]),
            _section("sessions", "Angemeldete Sitzungen", {"browser": "Browser", "created_at": "Seit",
                                                           "last_seen_at": "Zuletzt aktiv"},
                     [vars(r) for r in db.session.scalars(sa.select(SignedInSession).where(
                         SignedInSession.user_id == user.id).order_by(SignedInSession.id))]),
            _section("mail_choices", "Abbestellte E-Mail-Hinweise", {"category": "Art"},
                     _mail_choices(user)),
            _section("audit", "Änderungsprotokoll (von Ihnen oder über Sie)",
                     {"at": "Zeit", "kpr": "KPR", "action": "Aktion", "object_type": "Art", "object_label": "Objekt",
                      "changes": "Änderungen", "by_you": "Von Ihnen"},
                     [{"at": e.at, "kpr": tenants.get(e.tenant_id), "action": e.action_label,
                       "object_type": e.object_type, "object_label": e.object_label,
                       "changes": e.changes, "by_you": e.user_id == user.id} for e in db.session.scalars(
                         sa.select(AuditEntry).where(sa.or_(
                             AuditEntry.user_id == user.id,
                             sa.and_(AuditEntry.object_type == "user_account", AuditEntry.object_id == str(user.id))))
                         .order_by(AuditEntry.at, AuditEntry.id))]),
        ]
    return sections


def _mail_choices(user: User) -> list[dict]:
    off = switched_off(user.id)
    return [{"category": category.label} for category in CATEGORIES if category.key in off]


def _consultations(user: User, tenants: dict[int, str]) -> Section:
    """Entries the person wrote as coach, or whose notes or next steps name them."""
    named = sa.or_(Consultation.coach_id == user.id, Consultation.notes.ilike(f"%{user.name}%"),
                   Consultation.id.in_(sa.select(NextStep.consultation_id).where(NextStep.owner == user.name)))
    rows = db.session.scalars(sa.select(Consultation).where(named).options(selectinload(Consultation.next_steps))
                              .order_by(Consultation.held_on))
    return _section("consultations", "Beratungen (Beratungsprotokoll)",
                    {"kpr": "KPR", "held_on": "Datum", "topic": "Thema", "hours": "Stunden", "notes": "Notizen",
                     "next_steps": "Nächste Schritte", "written_by_you": "Von Ihnen"},
                    [{"kpr": tenants.get(c.tenant_id), "held_on": c.held_on, "topic": c.topic.label, "hours": c.hours,
                      "notes": c.notes, "next_steps": "; ".join(f"{s.title} ({s.owner})" for s in c.next_steps),
                      "written_by_you": c.coach_id == user.id} for c in rows])


def archive(user: User, sections: list[Section], made_at: datetime) -> bytes:
    """The ZIP: daten.json (machine-readable) and index.html (the same, to read)."""
    data = {"erstellt": made_at.isoformat(), "person": user.email,
            **{s.key: s.rows for s in sections}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("daten.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        zf.writestr("index.html", render_template("privacy/export_index.html", user=user, sections=sections,
                                                  made_at=made_at))
    return buffer.getvalue()
