"""The problems a round's analysis found, ranked, and the inventory of existing prevention offers held
against them (Bedarfs- und Ressourcenanalyse): which problem has no offer, which has several.
Validate, change, flush; every read here is a fixed number of queries, however many rows."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tenants import db

from ...errors import DomainError
from ..models import PreventionCycle, PreventionOffer, Problem, Setting, TargetGroup
from ..reference import OFFENCES
from ..statistics.models import IndicatorSeries
from .services import OFFER_FIELDS

PRIORITY_MAX = 99


# -- problems --------------------------------------------------------------------------------------------------------

def problems(cycle: PreventionCycle) -> list[Problem]:
    """The round's problems by priority, each with its indicator series (two queries)."""
    return db.session.scalars(sa.select(Problem).where(Problem.cycle_id == cycle.id)
                              .options(selectinload(Problem.series))
                              .order_by(Problem.priority, Problem.id)).all()


def series_choices() -> list[IndicatorSeries]:
    return db.session.scalars(sa.select(IndicatorSeries).order_by(IndicatorSeries.name)).all()


def _text(data: dict, name: str, limit: int) -> str:
    value = (data.get(name) or "").strip()
    if len(value) > limit:
        raise DomainError(f"Bitte fassen Sie sich kürzer (höchstens {limit} Zeichen).", name)
    return value


def save_problem(cycle: PreventionCycle, problem: Problem | None, data: dict) -> Problem:
    """`data`: title, description, priority, offence_key, series_id, from_survey."""
    title = _text(data, "title", 200)
    if not title:
        raise DomainError("Bitte benennen Sie das Problem.", "title")
    priority = data.get("priority")
    if priority is None or not 1 <= priority <= PRIORITY_MAX:
        raise DomainError(f"Die Priorität ist eine Zahl von 1 (am dringendsten) bis {PRIORITY_MAX}.", "priority")
    key = data.get("offence_key") or ""
    if key and key not in OFFENCES:
        raise DomainError("Bitte wählen Sie einen Straftatenschlüssel aus der Liste.", "offence_key")
    series_id = data.get("series_id") or None
    if series_id is not None and db.session.get(IndicatorSeries, series_id) is None:  # not this KPR's
        raise DomainError("Bitte wählen Sie eine Kennzahl des KPR.", "series_id")
    if problem is None:
        problem = Problem(cycle=cycle)
        db.session.add(problem)
    problem.title, problem.description, problem.priority = title, _text(data, "description", 5000), priority
    problem.offence_key, problem.series_id, problem.from_survey = key, series_id, bool(data.get("from_survey"))
    db.session.flush()
    return problem


def delete_problem(problem: Problem) -> None:
    db.session.delete(problem)
    db.session.flush()


# -- offers ----------------------------------------------------------------------------------------------------------

def offers(cycle: PreventionCycle) -> list[PreventionOffer]:
    """The round's offers by title, each with the problems it addresses (two queries)."""
    return db.session.scalars(sa.select(PreventionOffer).where(PreventionOffer.cycle_id == cycle.id)
                              .options(selectinload(PreventionOffer.problems))
                              .order_by(PreventionOffer.title, PreventionOffer.id)).all()


def _choice(kind: type, data: dict, name: str, what: str):
    value = data.get(name) or ""
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        raise DomainError(f"Bitte wählen Sie {what} aus der Liste.", name) from None


def save_offer(cycle: PreventionCycle, offer: PreventionOffer | None, data: dict) -> PreventionOffer:
    """`data`: the OFFER_FIELDS and problem_ids (problems of the same round)."""
    values = {name: _text(data, name, 200) for name in OFFER_FIELDS if name not in ("target_group", "setting")}
    if not values["title"]:
        raise DomainError("Bitte geben Sie den Namen des Angebots an.", "title")
    values["target_group"] = _choice(TargetGroup, data, "target_group", "eine Zielgruppe")
    values["setting"] = _choice(Setting, data, "setting", "ein Setting")
    wanted = set(data.get("problem_ids") or [])
    chosen = [p for p in cycle.problems if p.id in wanted]
    if len(chosen) != len(wanted):
        raise DomainError("Bitte wählen Sie nur Probleme dieser Runde.", "problem_ids")
    if offer is None:
        offer = PreventionOffer(cycle=cycle)
        db.session.add(offer)
    for name, value in values.items():
        setattr(offer, name, value)
    offer.problems = chosen
    db.session.flush()
    return offer


def delete_offer(offer: PreventionOffer) -> None:
    db.session.delete(offer)
    db.session.flush()


# -- the analysis: offers held against the prioritised problems --------------------------------------------------------

@dataclass(frozen=True)
class Coverage:
    problem: Problem
    offers: list[PreventionOffer]

    @property
    def verdict(self) -> str:
        """In words, so that nothing rests on colour alone."""
        if not self.offers:
            return "keine Angebote – Lücke"
        if len(self.offers) > 1:
            return "mehrere Angebote – Überschneidung prüfen"
        return "ein Angebot"

    @property
    def kind(self) -> str:
        return "gap" if not self.offers else "overlap" if len(self.offers) > 1 else "covered"


@dataclass(frozen=True)
class GapAnalysis:
    coverage: list[Coverage]  # per problem, by priority
    unassigned: list[PreventionOffer]  # offers that address none of the round's problems

    @property
    def gaps(self) -> list[Coverage]:
        return [c for c in self.coverage if c.kind == "gap"]

    @property
    def overlaps(self) -> list[Coverage]:
        return [c for c in self.coverage if c.kind == "overlap"]


def gap_analysis(ranked: list[Problem], inventory: list[PreventionOffer]) -> GapAnalysis:
    """From the lists `problems()` and `offers()` read: no further query."""
    by_problem: dict[int, list[PreventionOffer]] = {p.id: [] for p in ranked}
    for offer in inventory:
        for problem in offer.problems:
            by_problem.setdefault(problem.id, []).append(offer)
    return GapAnalysis([Coverage(p, by_problem[p.id]) for p in ranked], [o for o in inventory if not o.problems])
