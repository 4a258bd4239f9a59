"""Small lookups shared by tests."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.accounts.models import User
from tenants import Tenant, db


def tenant(slug: str) -> Tenant:
    return db.session.scalar(sa.select(Tenant).filter_by(slug=slug))


def user(login: str) -> User:
    email = login if "@" in login else f"{login}@demo.asskomm.de"
    return db.session.scalar(sa.select(User).filter_by(email=email))
