"""The exchange's demo: Zwickau shares three of its measures (the graffiti concept, the
Präventionstag Cybercrime, the Seniorensicherheitstag); Meißen, still in its Sicherheitsanalyse,
plans legal graffiti walls of its own and records that it follows Zwickau's concept. Meißen's
measure is our invention for the demo; its round stays at the analysis stage (not finished).

In Mecklenburg-Vorpommern's alliance the Landkreis Rostock shares two measures (both invented for
the demo, in a small round of its own): the Präventionssprechstunde also beyond its alliance, so
Saxony's KPRs find it marked "aus Mecklenburg-Vorpommern"; the Schulweg-Aktion within MV only."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from ..accounts.models import User
from ..prevention.demo_measures import CYBERCRIME, GRAFFITI, SENIORS
from ..prevention.models import ActionField, Measure, MeasureStatus, PreventionCycle, Setting, TargetGroup
from .models import Adoption

SHARED = (GRAFFITI.title, CYBERCRIME.title, SENIORS.title)
MEISSEN_FIELD = "Sauberes Stadtbild"
MEISSEN_MEASURE = "Legale Graffitiflächen nach Zwickauer Vorbild"
ROSTOCK_FIELD = "Sicherheit im ländlichen Raum"
ROSTOCK_BEYOND = "Mobile Präventionssprechstunde in den Ämtern"
ROSTOCK_WITHIN = "Sicherer Schulweg im Amt Bützow-Land"


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


def _rostock() -> None:
    """Rostock's round with its two shared measures, once."""
    if db.session.scalar(sa.select(Measure.id).filter_by(title=ROSTOCK_BEYOND)) is not None:
        return
    cycle = db.session.scalars(sa.select(PreventionCycle).order_by(PreventionCycle.number.desc())).first()
    if cycle is None:
        cycle = PreventionCycle(number=1, analysis_started_on=date(2026, 2, 2), analysis_finished_on=date(2026, 6, 30),
                                first_year=2021, last_year=2025)
        db.session.add(cycle)
    field = ActionField(cycle=cycle, title=ROSTOCK_FIELD, position=0,
                        description="Weite Wege, wenige Anlaufstellen: Prävention dorthin bringen, wo die Menschen "
                                    "leben. Demo: erfundenes Handlungsfeld.")
    db.session.add_all([
        Measure(cycle=cycle, action_field=field, title=ROSTOCK_BEYOND, status=MeasureStatus.running,
                description="Polizei, Verbraucherzentrale und Seniorenbeirat halten im Wechsel monatliche "
                            "Sprechstunden in den Amtsverwaltungen: zu Trickbetrug, Einbruchschutz und "
                            "Betrug am Telefon. Demo: erfundene Maßnahme.",
                target_group=TargetGroup.seniors, setting=Setting.neighbourhood, shareable=True,
                shared_beyond_alliance=True),
        Measure(cycle=cycle, action_field=field, title=ROSTOCK_WITHIN, status=MeasureStatus.planned,
                description="Elternbeiräte, Schulen und Straßenverkehrsbehörde gehen die Schulwege ab und "
                            "melden Gefahrenstellen. Demo: erfundene Maßnahme.",
                target_group=TargetGroup.children, setting=Setting.school, shareable=True)])
    db.session.flush()


def load(tenants: dict[str, Tenant]) -> None:
    rostock = tenants.get("landkreis-rostock")
    if rostock is not None:
        with tenant_context(rostock.id):
            _rostock()
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
