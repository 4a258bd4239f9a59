"""Demo consultations of the two coaches, with next steps around today."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from ..accounts.models import User
from ..timeutil import today
from .models import Consultation, ConsultationTopic, NextStep

# slug, coach, (days ago, topic, hours, notes, [(step, owner, due in days, done)])
ENTRIES = [
    ("zwickau", "coach1", [
        (1300, ConsultationTopic.security_analysis, "3.0", "Auswertung der Bürgerbefragung vorbereitet; Ergebnisse "
         "für die Sitzung im März aufbereiten.", [("Ergebnisbericht an das Lenkungsgremium", "Koordinierungsstelle",
                                                   -1290, True)]),
        (40, ConsultationTopic.strategy, "2.5", "Handlungsfelder für 2027: Graffiti, Sucht, Sicherheit im "
         "öffentlichen Raum; messbare Ziele je Handlungsfeld vereinbart.", [
             ("Ziele je Arbeitsgruppe formulieren", "Leitungen der AGs", 5, False),
             ("Entwurf der Präventionsstrategie", "Koordinierungsstelle", 30, False)]),
    ]),
    ("zittau", "coach1", [
        (20, ConsultationTopic.funding, "1.5", "Förderantrag für 2027 besprochen (Frist 15. Oktober verpasst, "
         "nächste Runde vorbereiten).", [("Projektskizze Schulwegsicherheit", "Koordinatorin", -2, False)]),
    ]),
    ("meissen", "coach2", [
        (60, ConsultationTopic.founding, "2.0", "Geschäftsordnung und Besetzung des Lenkungsgremiums besprochen.",
         [("Entwurf der Geschäftsordnung verteilen", "Ordnungsamt", 10, False)]),
    ]),
]


def load(tenants: dict[str, Tenant]) -> None:
    for slug, coach_login, entries in ENTRIES:
        coach = db.session.scalar(sa.select(User).filter_by(email=f"{coach_login}@demo.asskomm.de"))
        with tenant_context(tenants[slug].id):
            if db.session.scalar(sa.select(Consultation)) is not None:
                continue
            for days_ago, topic, hours, notes, steps in entries:
                held = today() - timedelta(days=days_ago)
                entry = Consultation(coach_id=coach.id, held_on=held, topic=topic, hours=Decimal(hours), notes=notes)
                for title, owner, due_in, done in steps:
                    due = today() + timedelta(days=due_in)
                    entry.next_steps.append(NextStep(title=title, owner=owner, due_on=due,
                                                     done_on=due if done else None))
                db.session.add(entry)
            db.session.flush()



