"""The analysis of the prevention cycle for the isolation matrix: each KPR's open round, a problem
and an offer of its inventory in it."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.prevention.models import PreventionOffer, Problem
from tenants import tenant_context

from ..helpers import tenant
from .prevention_measures import open_round


def _cycle(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        return open_round(session).id


def _problem(session, slug: str) -> int:
    title = f"Matrix-Problem {slug}"
    with tenant_context(tenant(slug).id):
        problem_id = session.scalar(sa.select(Problem.id).filter_by(title=title))
        if problem_id is None:
            problem = Problem(cycle=open_round(session), title=title, priority=1)
            session.add(problem)
            session.flush()
            problem_id = problem.id
        return problem_id


def _offer(session, slug: str) -> int:
    title = f"Matrix-Angebot {slug}"
    with tenant_context(tenant(slug).id):
        offer_id = session.scalar(sa.select(PreventionOffer.id).filter_by(title=title))
        if offer_id is None:
            offer = PreventionOffer(cycle=open_round(session), title=title)
            session.add(offer)
            session.flush()
            offer_id = offer.id
        return offer_id


OBJECTS = {"cycle_id": _cycle, "problem_id": _problem, "offer_id": _offer}
