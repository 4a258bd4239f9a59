"""A body keeps existing while it has meetings: their minutes refer to it."""

from __future__ import annotations

import sqlalchemy as sa

from tenants import db

from ..errors import DomainError
from ..signals import body_deleting
from .models import Meeting


@body_deleting.connect
def _body_deleting(body) -> None:
    if db.session.scalar(sa.select(sa.func.count()).select_from(Meeting).where(Meeting.body_id == body.id)):
        raise DomainError(f"{body.name} hat Sitzungen und kann deshalb nicht gelöscht werden.")
