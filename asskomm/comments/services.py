"""Comments on workspace items: read the threads, post, withdraw, notify the other side.

The assigned coach comments and the KPR's coordinators answer; each comment is mailed to the other
side through the outbox (never to its author). Services validate, change and flush; the request commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, lazyload

from tenants import Tenant, db

from ..accounts.models import Assignment, AssignmentKind, Membership, MembershipRole, User, current_assignment_clause
from ..errors import DomainError
from ..formats import format_number
from ..mail.services import queue_mail, site_url
from ..policy import tenant_roles
from ..timeutil import now, today
from .items import ItemKind
from .models import WorkspaceComment

MAX_LENGTH = 5000


def threads(wanted: Mapping[str, Iterable[int]]) -> dict[str, dict[int, list[WorkspaceComment]]]:
    """The comments on the items a page shows ({kind: item ids}), oldest first, with their authors:
    one query for all of them, however many items and comments."""
    result = {kind: {item_id: [] for item_id in item_ids} for kind, item_ids in wanted.items()}
    conditions = [sa.and_(WorkspaceComment.item_kind == kind, WorkspaceComment.item_id.in_(sorted(ids)))
                  for kind, ids in result.items() if ids]
    if not conditions:
        return result
    rows = db.session.scalars(
        sa.select(WorkspaceComment).where(sa.or_(*conditions))
        .options(joinedload(WorkspaceComment.author).options(lazyload(User.role_rows)))
        .order_by(WorkspaceComment.created_at, WorkspaceComment.id)
    )
    for comment in rows:
        result[comment.item_kind][comment.item_id].append(comment)
    return result


def clean_body(body: str | None) -> str:
    text = (body or "").replace("\r\n", "\n").strip()
    if not text:
        raise DomainError("Bitte schreiben Sie einen Kommentar.", "body")
    if len(text) > MAX_LENGTH:
        raise DomainError(f"Ein Kommentar darf höchstens {format_number(MAX_LENGTH)} Zeichen lang sein "
                          f"(Ihrer hat {format_number(len(text))}).", "body")
    return text


def add_comment(tenant: Tenant, kind: ItemKind, item, author: User, body: str) -> WorkspaceComment:
    comment = WorkspaceComment(item_kind=kind.key, item_id=item.id, author_id=author.id, body=clean_body(body))
    db.session.add(comment)
    db.session.flush()
    _notify(tenant, kind, item, comment, author)
    return comment


def withdraw(comment: WorkspaceComment) -> None:
    if comment.deleted_at is not None:
        raise DomainError("Dieser Kommentar ist bereits zurückgezogen.")
    comment.deleted_at = now()
    db.session.flush()


def forget_item(kind: str, item_id: int) -> None:
    """An item is deleted: its comments go with it (they point to it by kind and id, not by a key)."""
    db.session.execute(sa.delete(WorkspaceComment).where(WorkspaceComment.item_kind == kind,
                                                         WorkspaceComment.item_id == item_id))


def coordinators() -> list[User]:
    """The current KPR's coordinators (memberships are scoped to it)."""
    return list(db.session.scalars(
        sa.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.role == MembershipRole.coordinator, User.active.is_(True)).order_by(User.id)
    ))


def current_coaches(tenant: Tenant) -> list[User]:
    """The coaches assigned to the KPR today (assignments belong to the state council, not the KPR)."""
    return list(db.session.scalars(
        sa.select(User).join(Assignment, Assignment.user_id == User.id)
        .where(Assignment.tenant_id == tenant.id, Assignment.kind == AssignmentKind.coach,
               current_assignment_clause(today()), User.active.is_(True)).order_by(User.id)
    ).unique())


def _notify(tenant: Tenant, kind: ItemKind, item, comment: WorkspaceComment, author: User) -> None:
    """A coach's comment goes to the coordinators, a coordinator's to the current coach(es)."""
    roles = tenant_roles(author, tenant)
    recipients: dict[int, User] = {}
    if "coach" in roles:
        recipients.update((user.id, user) for user in coordinators())
    if "coordinator" in roles:
        recipients.update((user.id, user) for user in current_coaches(tenant))
    recipients.pop(author.id, None)
    link = site_url(kind.url(item))
    author_role = "Coach" if "coach" in roles else "Koordination"
    for user in recipients.values():
        queue_mail(user.email, "comments/mail_comment.txt", f"comment:{comment.id}:{user.id}", tenant_id=tenant.id,
                   person=user, author=author, author_role=author_role, tenant=tenant, kind=kind,
                   title=kind.title(item), body=comment.body, link=link)
