"""Demo funding applications 2025–2027 for some KPRs, in every status. Applications for a year
are made between 31 August and 15 October of the year before."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from . import services
from .models import FundingApplication

# slug -> [(year, purpose, status, applied, applied on, granted, decided on, notes)]
FUNDING = {
    "zwickau": [
        (2025, "Graffiti-Präventionsprojekt mit Jugendlichen", "granted", "8500.00", date(2024, 9, 20),
         "8000.00", date(2024, 12, 10), "Legale Flächen und Workshops mit der Jugendkunstschule."),
        (2025, "Bürgerbefragung zum Sicherheitsgefühl", "granted", "4200.00", date(2024, 10, 2), "4200.00",
         date(2024, 12, 10), ""),
        (2025, "Präventionsstrategie: Moderation und Druck", "granted", "6000.00", date(2024, 9, 15), "5250.50",
         date(2024, 12, 10), ""),
        (2026, "Suchtprävention an Oberschulen", "rejected", "12000.00", date(2025, 10, 10), None,
         date(2025, 12, 4), "Nicht förderfähig, da Regelaufgabe der Schulsozialarbeit."),
        (2027, "Sicherheit im öffentlichen Raum: Beleuchtungsrundgänge", "applied", "7300.00", date(2026, 9, 29),
         None, None, ""),
    ],
    "zittau": [
        (2025, "Schulwegsicherheit: Elternhaltestellen", "granted", "3500.00", date(2024, 10, 11), "3500.00",
         date(2025, 1, 20), ""),
        (2026, "Fachtag Prävention im Dreiländereck", "withdrawn", "2500.00", date(2025, 9, 30), None, None,
         "Zurückgezogen: der Fachtag wird vom Landkreis ausgerichtet."),
        (2027, "Schulwegsicherheit: Projektskizze", "planned", None, None, None, None,
         "Frist für 2027 verpasst; Antrag für die nächste Runde in Vorbereitung."),
    ],
    "meissen": [
        (2026, "Konstituierende Sitzung und Geschäftsstelle des KPR", "granted", "5000.00", date(2025, 9, 8),
         "4500.00", date(2025, 11, 28), ""),
        (2027, "Sicherheitsanalyse mit Bürgerbefragung", "applied", "9800.00", date(2026, 10, 14), None, None, ""),
    ],
    "bautzen": [
        (2026, "Gründung des KPR: Auftaktveranstaltung", "applied", "3000.00", date(2025, 10, 15), None, None,
         "Entscheidung steht noch aus."),
    ],
}


def load(tenants: dict[str, Tenant]) -> None:
    for slug, entries in FUNDING.items():
        with tenant_context(tenants[slug].id):
            for year, purpose, status, applied, applied_on, granted, decided_on, notes in entries:
                exists = db.session.scalar(sa.select(FundingApplication.id).filter_by(year=year, purpose=purpose))
                if exists is not None:
                    continue
                services.save_funding(None, {
                    "year": year, "purpose": purpose, "status": status, "notes": notes,
                    "amount_applied": Decimal(applied) if applied else None, "applied_on": applied_on,
                    "amount_granted": Decimal(granted) if granted else None, "decided_on": decided_on,
                }, may_decide=True)
