"""Participation certificates as tagged PDFs, one per attendee, made by the worker: an accessible HTML
document (events/certificate_document.html) made a PDF by asskomm.tagged_pdf."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from flask import render_template

from tenants import db

from ...tagged_pdf import tagged_pdf
from ...timeutil import _berlin, format_date, now, today
from ..models import Attendance, Certificate, CertificateVersion, Event, EventSession, Registration
from . import services


def _session_line(session: EventSession) -> str:
    starts, ends = _berlin(session.starts_at), _berlin(session.ends_at)
    return f"{format_date(starts)}, {starts:%H:%M} – {ends:%H:%M} Uhr"


def _places(sessions: list[EventSession]) -> str:
    places = []
    for session in sessions:
        place = session.place or ("online" if session.online_url else "")
        if place and place not in places:
            places.append(place)
    return "; ".join(places) or "–"


def render(name: str, event: Event, sessions: list[EventSession], kpr: str | None, issued: str) -> bytes:
    return tagged_pdf(render_template(
        "events/certificate_document.html", title=f"Teilnahmebescheinigung – {event.title}",
        organiser=services.organiser_name(event), name=name, kpr=kpr, kind=event.kind.label, event_title=event.title,
        sessions=[_session_line(s) for s in sessions], places=_places(sessions), issued=issued), keep=False)


def _content(row: services.Row, event: Event, sessions: list[EventSession]) -> str:
    """A fingerprint of everything the PDF shows but its issue date: a change means reissue."""
    shown = [row.name, row.kpr, event.title, event.kind.label, services.organiser_name(event),
             *(_session_line(s) for s in sessions), _places(sessions)]
    return hashlib.sha256("\n".join(shown).encode()).hexdigest()


def _attended(event: Event) -> dict[int, list[EventSession]]:
    """Per registration, the sessions it attended (present at a real check-in, ended): one query."""
    sessions = {s.id: s for s in event.sessions}
    attended: dict[int, list[EventSession]] = {}
    for registration_id, session_id in db.session.execute(
            sa.select(Attendance.registration_id, Attendance.session_id)
            .join(EventSession, EventSession.id == Attendance.session_id)
            .where(EventSession.event_id == event.id, services.attended_clause())
            .order_by(EventSession.starts_at)):
        attended.setdefault(registration_id, []).append(sessions[session_id])
    return attended


def _archive(certificate: Certificate) -> None:
    db.session.add(CertificateVersion(registration_id=certificate.registration_id, version=certificate.version,
                                      pdf=certificate.pdf, issued_at=certificate.created_at, replaced_at=now()))


def make_certificates(event_id: int, new: bool = True) -> int:
    """Brings the event's certificates up to date and returns how many PDFs were made.

    A certificate whose content changed (the event's dates, a name) is reissued, the earlier PDF
    kept as a CertificateVersion; one whose person no longer counts as attended (a session moved
    later, a check-in corrected) is withdrawn, its PDF kept likewise. With `new`, once the event is
    over, every confirmed person who attended a session and has none gets one. The certificates are
    locked while this runs, and a new one is inserted with on conflict do nothing, so a re-run or a
    parallel run makes nothing twice."""
    event = db.session.get(Event, event_id)
    if event is None:
        return 0
    existing = {c.registration_id: c for c in db.session.scalars(
        sa.select(Certificate).join(Registration, Registration.id == Certificate.registration_id)
        .where(Registration.event_id == event.id).with_for_update(of=Certificate))}
    if not existing and not (new and services.event_over(event)):
        return 0
    attended = _attended(event)
    rows = {row.registration.id: row for row in services.rows(event)}  # confirmed registrations
    issued, made = format_date(today()), 0

    def pdf(row: services.Row, sessions: list[EventSession]) -> bytes:
        kpr = row.kpr if row.kpr != "–" else None
        return render(row.name, event, sessions, kpr, issued)

    for registration_id, certificate in existing.items():
        row, sessions = rows.get(registration_id), attended.get(registration_id, [])
        if row is None or not sessions:
            _archive(certificate)
            db.session.delete(certificate)
        elif (content := _content(row, event, sessions)) != certificate.content:
            _archive(certificate)
            certificate.pdf, certificate.content, certificate.created_at = pdf(row, sessions), content, now()
            certificate.version += 1
            made += 1
    db.session.flush()
    if new and services.event_over(event):
        missing = [r for r in attended if r in rows and r not in existing]
        archived = dict(db.session.execute(
            sa.select(CertificateVersion.registration_id, sa.func.max(CertificateVersion.version))
            .where(CertificateVersion.registration_id.in_(missing)).group_by(CertificateVersion.registration_id)
        ).all()) if missing else {}
        for registration_id in missing:
            row, sessions = rows[registration_id], attended[registration_id]
            result = db.session.execute(
                services.insert_for(Certificate.__table__)
                .values(registration_id=registration_id, pdf=pdf(row, sessions), created_at=now(),
                        version=archived.get(registration_id, 0) + 1, content=_content(row, event, sessions))
                .on_conflict_do_nothing(index_elements=["registration_id"]))
            made += result.rowcount or 0
    db.session.flush()
    return made
