"""Bodies, people and their memberships: validate, change, flush."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tenants import db

from ..errors import DomainError
from ..signals import body_deleting
from ..timeutil import today
from .models import (
    STEERING_GROUP_LIMIT,
    Body,
    BodyKind,
    BodyMembership,
    BodyRole,
    Person,
    Sector,
    WorkingGroupBasis,
    current_membership_clause,
)

# Bodies a KPR has at most once; working groups may be many.
SINGLE_KINDS = {BodyKind.chair, BodyKind.leadership, BodyKind.steering_group, BodyKind.coordination}
KIND_ORDER = [BodyKind.chair, BodyKind.leadership, BodyKind.steering_group, BodyKind.coordination,
              BodyKind.working_group]


def save_body(body: Body | None, data: dict) -> Body:
    kind = BodyKind(data["kind"])
    if kind in SINGLE_KINDS:
        other = db.session.scalar(sa.select(Body).where(Body.kind == kind, Body.id != (body.id if body else -1)))
        if other is not None:
            raise DomainError(f"Der KPR hat bereits ein Gremium der Art „{kind.label}“: {other.name}.", "kind")
    if body is None:
        body = Body()
        db.session.add(body)
    body.kind = kind
    body.name = data["name"].strip()
    body.basis = WorkingGroupBasis(data["basis"]) if kind == BodyKind.working_group and data.get("basis") else None
    body.topic = (data.get("topic") or "").strip()
    body.description = (data.get("description") or "").strip()
    body.position = data.get("position") or 0
    db.session.flush()
    return body


def ensure_deletable(body: Body) -> None:
    """Ask the listeners before the question is shown: one that still needs the body refuses here
    (meetings: a body with meetings stays), so nobody confirms what would be refused. They only check."""
    body_deleting.send(body)


def delete_body(body: Body) -> None:
    """Refused by a listener that still needs the body (meetings: a body with meetings stays)."""
    ensure_deletable(body)
    db.session.delete(body)
    db.session.flush()


def membership_counts(memberships: list[BodyMembership]) -> tuple[int, int]:
    """(current, former) among memberships (loaded already)."""
    day = today()
    current = sum(1 for m in memberships if m.is_current(day))
    return current, len(memberships) - current


def save_person(person: Person | None, data: dict) -> Person:
    if person is None:
        person = Person()
        db.session.add(person)
    for name in ("name", "organisation", "function", "email", "phone"):
        setattr(person, name, (data.get(name) or "").strip())
    person.email = person.email.lower()
    person.sector = Sector(data["sector"])
    db.session.flush()
    return person


def delete_person(person: Person) -> None:
    db.session.delete(person)
    db.session.flush()


def add_membership(body: Body, person: Person, role: BodyRole, starts_on: date | None,
                   ends_on: date | None = None) -> BodyMembership:
    if ends_on and starts_on and ends_on < starts_on:
        raise DomainError("Das Ende darf nicht vor dem Beginn liegen.", "ends_on")
    current = db.session.scalar(
        sa.select(BodyMembership).where(BodyMembership.body_id == body.id, BodyMembership.person_id == person.id,
                                        current_membership_clause(today()))
    )
    if current is not None:
        raise DomainError(f"{person.name} gehört bereits zu {body.name}.", "person_id")
    membership = BodyMembership(body=body, person=person, role=role, starts_on=starts_on, ends_on=ends_on)
    db.session.add(membership)
    db.session.flush()
    return membership


def end_membership(membership: BodyMembership, on: date | None = None) -> None:
    on = on or today()
    if membership.ends_on is not None and membership.ends_on <= on:
        raise DomainError("Diese Mitgliedschaft ist bereits beendet.")
    if membership.starts_on and on < membership.starts_on:
        on = membership.starts_on
    membership.ends_on = on
    db.session.flush()


def bodies_with_members() -> list[Body]:
    """All bodies in chart order, each with its memberships and people loaded (two queries)."""
    bodies = db.session.scalars(
        sa.select(Body).options(selectinload(Body.memberships).selectinload(BodyMembership.person))
    ).all()
    return sorted(bodies, key=lambda b: (KIND_ORDER.index(b.kind), b.position, b.name))


def current_members(body: Body) -> list[BodyMembership]:
    day = today()
    return sorted((m for m in body.memberships if m.is_current(day)),
                  key=lambda m: (list(BodyRole).index(m.role), m.person.name))


def steering_group_warning(body: Body) -> str | None:
    if body.kind != BodyKind.steering_group:
        return None
    size = len(current_members(body))
    if size > STEERING_GROUP_LIMIT:
        return (f"Das Lenkungsgremium hat {size} Mitglieder. Empfohlen sind 10 bis {STEERING_GROUP_LIMIT} "
                "Verantwortungsträger:innen, damit es entscheidungsfähig bleibt.")
    return None


def people_by_sector() -> dict[Sector, list[Person]]:
    """Everyone in the KPR's register, grouped by sector, with their bodies (two queries)."""
    people = db.session.scalars(
        sa.select(Person).options(selectinload(Person.memberships).selectinload(BodyMembership.body))
        .order_by(Person.name)
    ).all()
    grouped: dict[Sector, list[Person]] = defaultdict(list)
    for person in people:
        grouped[person.sector].append(person)
    return {sector: grouped[sector] for sector in Sector if grouped.get(sector)}


def person_with_memberships(person_id: int) -> Person | None:
    return db.session.scalar(sa.select(Person).where(Person.id == person_id)
                             .options(selectinload(Person.memberships).joinedload(BodyMembership.body)))


def all_people() -> list[Person]:
    return list(db.session.scalars(sa.select(Person).order_by(Person.name)))
