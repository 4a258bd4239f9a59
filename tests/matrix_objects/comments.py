"""Comments for the isolation matrix: one on an internal meeting, written by the KPR's coordinator
(so the positive control's coordinator may withdraw it)."""

from __future__ import annotations

from asskomm.comments.models import WorkspaceComment
from tenants import tenant_context

from ..helpers import tenant, user
from .meetings import _meeting


def _comment(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        meeting = _meeting(session, slug)
        comment = WorkspaceComment(item_kind="meeting", item_id=meeting.id, author_id=user(f"koordination.{slug}").id,
                                   body=f"Interner Kommentar {slug}")
        session.add(comment)
        session.flush()
        return comment.id


OBJECTS = {"comment_id": _comment}
