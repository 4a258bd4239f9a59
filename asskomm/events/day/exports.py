"""Participant lists for the organiser as CSV (German Excel: UTF-8 with BOM, semicolons) and XLSX,
from the same rows as the attendance list on screen."""

from __future__ import annotations

from ...exports import csv_bytes, xlsx_bytes
from ...timeutil import _berlin
from ..models import Event, EventSession
from .services import Row


def session_label(number: int, session: EventSession) -> str:
    return f"Termin {number} ({_berlin(session.starts_at):%d.%m.%Y %H:%M})"


def header(event: Event) -> list[str]:
    return ["Name", "E-Mail", "KPR", "Status", "Angemeldet am",
            *(session_label(n, s) for n, s in enumerate(event.sessions, 1))]


def table(event: Event, rows: list[Row]) -> list[list[str]]:
    marks = {True: "ja", False: "nein", None: "–"}
    return [[row.name, row.email, row.kpr, row.status, f"{_berlin(row.registered_at):%d.%m.%Y %H:%M}",
             *(marks[row.present[s.id]] for s in event.sessions)] for row in rows]


def as_csv(event: Event, rows: list[Row]) -> bytes:
    return csv_bytes(header(event), table(event, rows))


def as_xlsx(event: Event, rows: list[Row]) -> bytes:
    return xlsx_bytes(f"Teilnehmende: {event.title}", "Teilnehmende", header(event), table(event, rows))
