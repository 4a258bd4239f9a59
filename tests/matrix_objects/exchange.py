"""The practice exchange for the isolation matrix. A shared measure is read by the whole alliance,
like the events catalog: one shared matrix measure (of Bautzen, a KPR none of the matrix roles
belongs to) stands for every KPR. An adoption belongs to the KPR that adopted: only its
coordinators withdraw it, every other role gets 404. An unshared measure's 404 in the exchange is
tested in tests/test_exchange_access.py."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.exchange.models import Adoption
from asskomm.prevention.models import ActionField, Measure
from tenants import FIRST_ALLIANCE_ID, tenant_context

from ..helpers import tenant
from .prevention_measures import _measure, open_round

TITLE = "Matrix-Praxis des Austauschs"


def _practice(session, slug: str) -> int:
    """A practice another KPR of the same alliance shared (practices stay in their alliance)."""
    owner = "bautzen" if tenant(slug).alliance_id == FIRST_ALLIANCE_ID else "guestrow"
    with tenant_context(tenant(owner).id):
        practice_id = session.scalar(sa.select(Measure.id).filter_by(title=TITLE))
        if practice_id is None:
            cycle = open_round(session)
            field = ActionField(cycle=cycle, title="Matrix-Handlungsfeld des Austauschs")
            practice = Measure(cycle=cycle, action_field=field, title=TITLE, shareable=True)
            session.add(practice)
            session.flush()
            practice_id = practice.id
        return practice_id


def _adoption(session, slug: str) -> int:
    practice_id = _practice(session, slug)
    own_id = _measure(session, slug)
    with tenant_context(tenant(slug).id):
        adoption_id = session.scalar(sa.select(Adoption.id).filter_by(practice_id=practice_id))
        if adoption_id is None:
            adoption = Adoption(practice_id=practice_id, measure_id=own_id)
            session.add(adoption)
            session.flush()
            adoption_id = adoption.id
        return adoption_id


CATALOG = {"practice_id": _practice}
OBJECTS = {"adoption_id": _adoption}
