"""Objects of the platform foundation for the isolation matrix."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.accounts.models import Assignment, AssignmentKind, Membership, MembershipRole
from asskomm.mail.models import OutboxMessage
from tenants import tenant_context

from ..helpers import tenant, user


def _membership(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        return session.scalar(
            sa.select(Membership.id).where(Membership.role == MembershipRole.member).order_by(Membership.id)
        )


def _assignment(session, slug: str) -> int:
    return session.scalar(sa.select(Assignment.id).filter_by(tenant_id=tenant(slug).id, kind=AssignmentKind.coach))


def _user(session, slug: str) -> int:
    return user(f"mitglied.{slug}").id


def _message(session, slug: str) -> int:
    message = OutboxMessage(dedup_key=f"matrix:{slug}", kind="test", recipient=f"mitglied.{slug}@demo.asskomm.de",
                            subject="Test", body="Test", tenant_id=tenant(slug).id,
                            alliance_id=tenant(slug).alliance_id)
    session.add(message)
    session.flush()
    return message.id




OBJECTS = {
    "membership_id": _membership,
    "assignment_id": _assignment,
    "user_id": _user,
    "message_id": _message,
}
