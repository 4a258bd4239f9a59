"""The exchange's demo: Zwickau shares three of its measures (the graffiti concept, the
Präventionstag Cybercrime, the Seniorensicherheitstag); Meißen, still in its Sicherheitsanalyse,
plans legal graffiti walls of its own and records that it follows Zwickau's concept. Meißen's
measure is our invention for the demo; its round stays at the analysis stage (not finished)."""

from __future__ import annotations

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from ..accounts.models import User
from ..prevention.demo_measures import CYBERCRIME, GRAFFITI, SENIORS
from ..prevention.models import ActionField, Measure, MeasureStatus, PreventionCycle, Setting, TargetGroup
from .models import Adoption

SHARED = (GRAFFITI.title, CYBERCRIME.title, SENIORS.title)
MEISSEN_FIELD = "Sauberes Stadtbild"
MEISSEN_MEASURE = "Legale Graffitiflächen nach Zwickauer Vorbild"


def _meissen_measure() -> Measure | None:
    existing = db.session.scalar(sa.select(Measure).filter_by(title=MEISSEN_MEASURE))
    if existing is not None:
        return existing
    cycle = db.session.scalars(sa.select(PreventionCycle).order_by(PreventionCycle.number.desc())).first()
    if cycle is None or cycle.closed_on is not None:
        return None
    field = ActionField(cycle=cycle, title=MEISSEN_FIELD, position=0,
                        description="Schmierereien und Sachbeschädigung in der Altstadt und am Elbufer vermindern.")
    measure = Measure(
        cycle=cycle, action_field=field, title=MEISSEN_MEASURE, status=MeasureStatus.planned,
        description="Die AG prüft mit dem Bauamt zwei Wände am Elbufer, die für Graffiti freigegeben werden "
                    "könnten; Workshops mit der Jugendarbeit sollen folgen. Demo: erfundene Maßnahme.",
        target_group=TargetGroup.youth, setting=Setting.public_space)
    db.session.add(measure)
    db.session.flush()
    return measure


def load(tenants: dict[str, Tenant]) -> None:
    zwickau, meissen = tenants.get("zwickau"), tenants.get("meissen")
    if zwickau is None:
        return
    with tenant_context(zwickau.id):
        shared = list(db.session.scalars(sa.select(Measure).where(Measure.title.in_(SHARED))))
        for measure in shared:
            measure.shareable = True
        db.session.flush()
        graffiti = next((m.id for m in shared if m.title == GRAFFITI.title), None)
    if meissen is None or graffiti is None:
        return
    coordinator = db.session.scalar(sa.select(User.id).filter_by(email="koordination.meissen@demo.asskomm.de"))
    with tenant_context(meissen.id):
        own = _meissen_measure()
        if own is not None and db.session.scalar(
                sa.select(Adoption.id).filter_by(practice_id=graffiti)) is None:
            db.session.add(Adoption(practice_id=graffiti, measure_id=own.id, adopted_by_id=coordinator))
            db.session.flush()
