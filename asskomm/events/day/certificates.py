"""Participation certificates as PDF (fpdf2), one per attendee, made by the worker.

The text uses DejaVu Sans (Debian's fonts-dejavu-core) where it is installed, so any name renders;
elsewhere fpdf2's Helvetica, whose Latin-1 covers German umlauts and ß (other characters are mapped).
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from fpdf import FPDF

from tenants import db

from ...accounts.models import User
from ...timeutil import _berlin, format_date, now, today
from ..models import Attendance, Certificate, Event, EventSession, Registration, RegistrationStatus
from . import services

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
LATIN1 = str.maketrans({"–": "-", "—": "-", "„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'", "…": "..."})


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


def render(name: str, event: Event, sessions: list[EventSession], kpr: str | None, issued: str,
           font_dir: Path = FONT_DIR) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(f"Teilnahmebescheinigung – {event.title}")
    pdf.set_author(services.organiser_name(event))
    unicode_font = (font_dir / "DejaVuSans.ttf").exists() and (font_dir / "DejaVuSans-Bold.ttf").exists()
    if unicode_font:
        pdf.add_font("DejaVu", "", str(font_dir / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(font_dir / "DejaVuSans-Bold.ttf"))
        family = "DejaVu"

        def text(value: str) -> str:
            return value
    else:
        family = "Helvetica"

        def text(value: str) -> str:
            return value.translate(LATIN1).encode("latin-1", "replace").decode("latin-1")

    pdf.add_page()
    pdf.set_margins(25, 25, 25)
    pdf.set_y(30)

    def line(value: str, size: int = 12, style: str = "", gap: float = 4) -> None:
        pdf.set_font(family, style, size)
        pdf.multi_cell(0, size * 0.55, text(value), new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.ln(gap)

    line(services.organiser_name(event), 11, gap=14)
    line("Teilnahmebescheinigung", 24, "B", gap=14)
    line(name, 18, "B", gap=2)
    if kpr:
        line(kpr, 11, gap=8)
    line(f"hat an der Veranstaltung ({event.kind.label})", 12)
    line(event.title, 16, "B", gap=10)
    line("teilgenommen, an folgenden Terminen:" if len(sessions) > 1 else "teilgenommen, am Termin:", 12)
    for session in sessions:
        line(_session_line(session), 12, gap=1)
    pdf.ln(6)
    line(f"Ort: {_places(sessions)}", 12)
    line(f"Veranstalter: {services.organiser_name(event)}", 12, gap=24)
    line(f"Ausgestellt am {issued}", 11)
    return bytes(pdf.output())


def make_certificates(event_id: int) -> int:
    """A certificate for every confirmed registration present at one session or more that has
    none yet; a re-run or a parallel run adds nothing twice (insert … on conflict do nothing).
    Returns how many were made."""
    event = db.session.get(Event, event_id)
    if event is None:
        return 0
    attended = sa.select(Attendance.registration_id).where(Attendance.present.is_(True))
    registrations = db.session.execute(
        sa.select(Registration, User).join(User, User.id == Registration.user_id)
        .where(Registration.event_id == event.id, Registration.status == RegistrationStatus.confirmed,
               Registration.id.in_(attended),
               ~sa.exists().where(Certificate.registration_id == Registration.id))
    ).all()
    rows = {row.registration.id: row for row in services.rows(event)} if registrations else {}
    sessions = {s.id: s for s in event.sessions}
    issued = format_date(today())
    made = 0
    for registration, person in registrations:
        row = rows[registration.id]
        mine = [sessions[sid] for sid, present in row.present.items() if present]
        kpr = row.kpr if row.kpr != "–" else None
        pdf = render(person.name, event, mine, kpr, issued)
        result = db.session.execute(services.insert_for(Certificate.__table__)
                                    .values(registration_id=registration.id, pdf=pdf, created_at=now())
                                    .on_conflict_do_nothing(index_elements=["registration_id"]))
        made += result.rowcount or 0
    db.session.flush()
    return made
