"""Demo founding guides: Bautzen is on its way, Zittau finished in 2023."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from .guide import STEPS
from .models import FoundingGuide, FoundingModel, FoundingStep

# slug -> (model, started, steps done with their date, notes of the first open step)
GUIDES = {
    "zittau": (FoundingModel.top_down, date(2021, 9, 1), [date(2021, 11, 10), date(2022, 3, 2), date(2022, 6, 20),
                                                          date(2022, 11, 8), date(2023, 3, 14)], ""),
    "bautzen": (FoundingModel.restructure, date(2025, 4, 1), [date(2025, 6, 12), date(2025, 10, 30)],
                "Gespräche mit Polizeirevier, Jugendamt und Schulen laufen; Liste der möglichen Mitglieder "
                "bis Jahresende."),
}


def load(tenants: dict[str, Tenant]) -> None:
    for slug, (model, started, done_dates, notes) in GUIDES.items():
        with tenant_context(tenants[slug].id):
            if db.session.scalar(sa.select(FoundingGuide)) is not None:
                continue
            db.session.add(FoundingGuide(model=model, started_on=started))
            for index, step in enumerate(STEPS):
                done_on = done_dates[index] if index < len(done_dates) else None
                db.session.add(FoundingStep(
                    key=step.key, done_on=done_on, owner="Koordinierungsstelle",
                    checked=list(range(len(step.checklist))) if done_on else [0] if index == len(done_dates) else [],
                    notes=notes if index == len(done_dates) else "",
                ))
            db.session.flush()
