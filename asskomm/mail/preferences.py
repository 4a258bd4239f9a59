"""Which mails a person may switch off on their account page, and the check before queueing.

Only reminders and notices are optional. What a person must receive to act or to know what
happened to them (a password link, an invitation, their registration confirmed, moved or
cancelled, an official meeting invitation, a question to their KPR, their report returned) always
goes out.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from tenants import db

from .models import MailOptOut


@dataclass(frozen=True)
class MailCategory:
    key: str
    label: str
    kinds: frozenset[str]  # the mail templates' names (OutboxMessage.kind)


CATEGORIES = (
    MailCategory("event_reminders", "Erinnerungen vor Veranstaltungen, zu denen ich angemeldet bin",
                 frozenset({"mail_reminder"})),
    MailCategory("event_invitations", "Einladungen des LPR an meinen KPR zu Fortbildungen und Treffen",
                 frozenset({"mail_kpr_invited"})),
    MailCategory("comments", "Hinweise auf neue Kommentare in meinem KPR", frozenset({"mail_comment"})),
    MailCategory("funding", "Erinnerungen an Fristen der Förderung",
                 frozenset({"mail_window_coordinator", "mail_window_contact"})),
)
_CATEGORY_OF_KIND = {kind: category.key for category in CATEGORIES for kind in category.kinds}
# The accounts table, named here without importing the accounts package above this one.
_accounts = sa.table("user_account", sa.column("id"), sa.column("email"))


def category_of(kind: str) -> str | None:
    return _CATEGORY_OF_KIND.get(kind)


def opted_out(recipient: str, kind: str) -> bool:
    """Has the person with this address switched this kind of mail off? Mandatory kinds: never."""
    category = category_of(kind)
    if category is None:
        return False
    return db.session.scalar(
        sa.select(sa.literal(True)).select_from(MailOptOut)
        .join(_accounts, _accounts.c.id == MailOptOut.user_id)
        .where(_accounts.c.email == recipient, MailOptOut.category == category)) is True


def switched_off(user_id: int) -> set[str]:
    return set(db.session.scalars(sa.select(MailOptOut.category).where(MailOptOut.user_id == user_id)))


def choose(user_id: int, wanted: set[str]) -> None:
    """Store the person's choice: every optional category not in `wanted` is switched off."""
    known = {category.key for category in CATEGORIES}
    off = known - wanted
    current = switched_off(user_id)
    for key in current - off:
        db.session.execute(sa.delete(MailOptOut).where(MailOptOut.user_id == user_id, MailOptOut.category == key))
    db.session.add_all(MailOptOut(user_id=user_id, category=key) for key in off - current)
    db.session.flush()
