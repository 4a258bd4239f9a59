"""A round of the prevention cycle to put measures in, for the tests of the measures pages: made in
Bautzen (no prevention demo data; its coach is coach2, its state contact kontakt2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from asskomm.funding.models import FundingApplication, FundingStatus
from asskomm.prevention.models import (
    ActionField,
    Goal,
    IndicatorKind,
    Measure,
    MeasureStatus,
    PreventionCycle,
    WorksheetStep,
)
from asskomm.structure.models import Body, BodyKind, Person
from tenants import tenant_context

from .helpers import tenant

SLUG = "bautzen"
BASE = f"/k/{SLUG}/praevention/massnahmen"


@dataclass
class Round:
    cycle: int
    violence: int  # action field "Gewalt" with goal `fewer_unsafe`
    graffiti: int  # action field "Graffiti" with goal `graffiti_goal`
    fewer_unsafe: int
    graffiti_goal: int
    group: int  # a working group
    other_body: int  # a body that is no working group
    person: int
    funding: int
    foreign_person: int  # Zittau's
    foreign_funding: int  # Zittau's


def _foreign(session) -> tuple[int, int]:
    with tenant_context(tenant("zittau").id):
        person = Person(name="Fremde Person")
        funding = FundingApplication(year=2026, purpose="Fremde Förderung", status=FundingStatus.planned)
        session.add_all([person, funding])
        session.flush()
        return person.id, funding.id


def make_round(ctx, shared: bool = False, closed: bool = False, fields: bool = True) -> Round | int:
    """Bautzen's round with two action fields, a goal each, a working group, a person and a funding
    entry (and Zittau's person and funding entry); only the round's id when `fields` is False."""
    with ctx() as session:
        foreign_person, foreign_funding = _foreign(session)
        with tenant_context(tenant(SLUG).id):
            cycle = PreventionCycle(number=1, analysis_started_on=date(2025, 3, 1),
                                    analysis_finished_on=date(2025, 9, 1), first_year=2020, last_year=2024,
                                    strategy_shared=shared, closed_on=date(2026, 10, 1) if closed else None)
            session.add(cycle)
            if not fields:
                session.commit()
                return cycle.id
            violence = ActionField(cycle=cycle, title="Gewalt", position=1)
            graffiti = ActionField(cycle=cycle, title="Graffiti", position=2)
            unsafe = Goal(action_field=violence, title="Weniger Menschen fühlen sich nachts unsicher",
                          indicator_kind=IndicatorKind.survey_unsafe, baseline_year=2024,
                          baseline_value=Decimal("30.0"), target_value=Decimal("20.0"), target_year=2028)
            walls = Goal(action_field=graffiti, title="Weniger Sachbeschädigung",
                         indicator_kind=IndicatorKind.crime_cases, offence_key="674000", baseline_year=2024,
                         baseline_value=Decimal("400"), target_value=Decimal("300"), target_year=2028)
            group = Body(kind=BodyKind.working_group, name="AG Gewaltprävention Bautzen")
            other = Body(kind=BodyKind.steering_group, name="Lenkungsgremium Bautzen")
            person = Person(name="Petra Planer", organisation="Stadtverwaltung Bautzen")
            funding = FundingApplication(year=2026, purpose="Präventionsprojekt Gewalt", status=FundingStatus.planned)
            session.add_all([violence, graffiti, unsafe, walls, group, other, person, funding])
            session.commit()
            return Round(cycle.id, violence.id, graffiti.id, unsafe.id, walls.id, group.id, other.id, person.id,
                         funding.id, foreign_person, foreign_funding)


def add_measures(ctx, made: Round, count: int, steps_done: int = 3) -> list[int]:
    """`count` measures with everything the list and the page show, `steps_done` steps done each."""
    with ctx() as session, tenant_context(tenant(SLUG).id):
        funding = session.get(FundingApplication, made.funding)
        added = []
        for n in range(count):
            measure = Measure(cycle_id=made.cycle, action_field_id=made.violence if n % 2 else made.graffiti,
                              goal_id=made.fewer_unsafe if n % 2 else made.graffiti_goal, title=f"Maßnahme {n:02d}",
                              working_group_id=made.group, responsible_id=made.person, status=MeasureStatus.running,
                              starts_on=date(2026, 1, 1), budget=Decimal("1000"), funding=[funding],
                              evaluated_on=date(2026, 6, 1) if n % 3 == 0 else None, evaluation_done="Getan.")
            measure.steps = [WorksheetStep(step=s, answers={"what": "x"}, completed=True)
                             for s in range(1, steps_done + 1)]
            session.add(measure)
            session.flush()
            added.append(measure.id)
        session.commit()
        return added


def measures(ctx) -> list[Measure]:
    with ctx() as session, tenant_context(tenant(SLUG).id):
        rows = session.scalars(sa.select(Measure).order_by(Measure.id)).all()
        for row in rows:
            _ = row.steps, row.funding
        session.expunge_all()
        return rows


def measure_form(made: Round, **changes) -> dict:
    form = {"action_field_id": str(made.violence), "goal_id": str(made.fewer_unsafe),
            "title": "Trouble in the City – Stark ohne Drogen", "description": "Ein Projekttag an Oberschulen.",
            "working_group_id": str(made.group), "responsible_id": str(made.person),
            "partners": "Polizeirevier Bautzen\nSuchtberatung", "starts_on": "2026-03-01", "ends_on": "2026-11-30",
            "status": "planned", "budget": "2.500,50", "funding_ids": str(made.funding), "programme_key": "alf",
            "target_group": "youth", "setting": "school", "shareable": "y"}
    form.update(changes)
    return {name: value for name, value in form.items() if value is not None}
