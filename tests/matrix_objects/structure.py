"""Objects of the KPR structure for the isolation matrix (the structure is internal)."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.structure.models import Body, BodyMembership, BodyRole, Person
from tenants import tenant_context

from ..helpers import tenant


def _body(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        body = Body(kind="working_group", name=f"AG Matrix {slug}")
        session.add(body)
        session.flush()
        return body.id


def _person(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        person = Person(name=f"Matrix Person {slug}", email=f"matrix.person@{slug}.example")
        session.add(person)
        session.flush()
        return person.id


def _body_membership(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        body = session.scalars(sa.select(Body).order_by(Body.id)).first()
        person = Person(name=f"Matrix Mitglied {slug}", email=f"matrix.mitglied@{slug}.example")
        membership = BodyMembership(body=body or Body(kind="working_group", name="AG"), person=person,
                                    role=BodyRole.member)
        session.add(membership)
        session.flush()
        return membership.id


OBJECTS = {"body_id": _body, "person_id": _person, "body_membership_id": _body_membership}
