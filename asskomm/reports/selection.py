"""Which part of the alliance a report shows, and who may see it.

State staff choose a federal state, a district or a KPR. A coach sees the KPRs assigned to them
today, together or one by one; any other KPR, district or state is a 404 for them, exactly as
the KPR's own pages are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import abort
from werkzeug.datastructures import MultiDict

from tenants import Tenant, db

from ..accounts.models import Assignment, AssignmentKind, User, current_assignment_clause
from ..timeutil import today

DEFAULT_STATE = "Sachsen"


@dataclass(frozen=True)
class Place:
    """A KPR as the filters and tables need it (no ORM object: 420 of them are read at once)."""

    id: int
    slug: str
    name: str
    district: str
    federal_state: str


@dataclass
class Selection:
    label: str
    scope: str  # state | district | kpr | caseload (a coach's KPRs, summed when read)
    keys: list[str]
    child_scope: str | None = None
    children: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # (scope key, label, args)
    args: dict[str, str] = field(default_factory=dict)  # the query arguments that select it again


@dataclass
class Choices:
    """What the filter form offers this person."""

    places: list[Place]
    coach: bool

    @property
    def states(self) -> list[str]:
        return sorted({p.federal_state for p in self.places})

    @property
    def districts(self) -> list[str]:
        return sorted({p.district for p in self.places})


def choices_for(user: User) -> Choices:
    columns = (Tenant.id, Tenant.slug, Tenant.name, Tenant.district, Tenant.federal_state)
    query = sa.select(*columns).order_by(Tenant.name)
    coach = not user.is_state_staff
    if coach:
        query = query.join(Assignment, Assignment.tenant_id == Tenant.id).where(
            Assignment.user_id == user.id, Assignment.kind == AssignmentKind.coach,
            current_assignment_clause(today())).distinct()
    return Choices([Place(*row) for row in db.session.execute(query)], coach)


def _kprs(places: list[Place]) -> list[tuple[str, str, dict[str, str]]]:
    return [(str(p.id), p.name, {"kpr": p.slug}) for p in places]


def resolve(args: MultiDict, choices: Choices) -> Selection:
    """The selection the query arguments name; 404 for anything this person may not see."""
    places = choices.places
    if slug := args.get("kpr", ""):
        place = next((p for p in places if p.slug == slug), None)
        if place is None:
            abort(404)
        return Selection(f"KPR {place.name}", "kpr", [str(place.id)], args={"kpr": slug})
    if choices.coach:
        if args.get("landkreis") or args.get("land"):
            abort(404)
        return Selection("Meine KPR", "caseload", [str(p.id) for p in places], "kpr", _kprs(places))
    if district := args.get("landkreis", ""):
        inside = [p for p in places if p.district == district]
        if not inside:
            abort(404)
        return Selection(district, "district", [district], "kpr", _kprs(inside), {"landkreis": district})
    state = args.get("land", "") or (DEFAULT_STATE if DEFAULT_STATE in choices.states else "")
    state = state or (choices.states[0] if choices.states else DEFAULT_STATE)
    if places and state not in choices.states:
        abort(404)
    districts = sorted({p.district for p in places if p.federal_state == state})
    children = [(d, d, {"landkreis": d}) for d in districts]
    return Selection(state, "state", [state], "district", children, {"land": state})
