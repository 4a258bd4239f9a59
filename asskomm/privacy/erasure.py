"""Erasure on request (Art. 17): a person's account, or an entry of a KPR's people register, is
anonymised. Rows that must stay (minutes, audit entries, registrations for the figures) keep a
pseudonym; everything that identified the person goes.

The last step is a generic pass over every table of the metadata: each string, text or JSON value
that contains the person's name or e-mail (in any case) has it replaced by the pseudonym. It runs
as Core statements on purpose — the audit trail cannot be changed through the ORM, and the pass
must reach rows of every KPR; for a KPR's register entry it touches that KPR's rows only."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from tenants import cross_tenant, db

from ..accounts.feeds import FeedKey
from ..accounts.models import Assignment, Membership, User
from ..accounts.sessions import SignedInSession
from ..audit import services as audit
from ..audit.listener import REASON
from ..audit.models import AuditAction
from ..errors import DomainError
from ..events.models import Certificate, CertificateVersion, Registration
from ..mail.models import MailOptOut, OutboxMessage
from ..search import backend as search_backend
from ..search import indexing
from ..search.models import SearchEntry
from ..structure.models import Person
from ..timeutil import today
from .models import DataExport

PSEUDONYM = "Gelöschte Person {}"
INVALID_DOMAIN = "geloescht.invalid"  # RFC 2606: never deliverable
# Shorter strings would match inside unrelated words.
MIN_NEEDLE = 5


@dataclass(frozen=True)
class Replacement:
    pseudonym: str
    address: str
    names: tuple[str, ...]
    emails: tuple[str, ...]

    def pairs(self) -> list[tuple[re.Pattern, str]]:
        # e-mail addresses first: a name may be part of one
        found = [(e, self.address) for e in self.emails] + [(n, self.pseudonym) for n in self.names]
        return [(re.compile(re.escape(text), re.IGNORECASE), new) for text, new in found
                if len(text.strip()) >= MIN_NEEDLE]

    @property
    def needles(self) -> list[str]:
        return [text.lower() for text in (*self.emails, *self.names) if len(text.strip()) >= MIN_NEEDLE]


def new_pseudonym() -> tuple[str, str]:
    code = secrets.token_hex(2).upper()
    return PSEUDONYM.format(code), f"geloescht-{code.lower()}-{secrets.token_hex(4)}@{INVALID_DOMAIN}"


def is_anonymised(user: User) -> bool:
    return user.email.endswith("@" + INVALID_DOMAIN)


def check_user_erasure(user: User, by: User) -> None:
    if user.id == by.id:
        raise DomainError("Ihr eigenes Konto können Sie nicht selbst löschen; "
                          "bitten Sie eine andere Verwaltungsperson.")
    if is_anonymised(user):
        raise DomainError("Diese Person ist bereits gelöscht (anonymisiert).")


def erase_user(user: User, by: User) -> str:
    """Anonymise an account and everything naming it, in every KPR. Returns the pseudonym."""
    check_user_erasure(user, by)
    pseudonym, address = new_pseudonym()
    conn = db.session.connection()
    with cross_tenant("DSGVO erasure: the person's register entries in every KPR"):
        register = list(db.session.scalars(sa.select(Person).where(
            sa.or_(Person.user_id == user.id, sa.func.lower(Person.email) == user.email.lower()))))
    replacement = Replacement(pseudonym, address, tuple({user.name, *(p.name for p in register)}),
                              tuple({user.email, *(p.email for p in register if p.email)}))
    old_email = user.email.lower()
    # the account (through the ORM: the audit listener records it; the pass below scrubs the entry)
    user.name, user.email, user.password_hash, user.active = pseudonym, address, None, False
    user.auth_version += 1  # ends every session, reset link and calendar feed
    user.session_version += 1
    user.role_rows.clear()
    db.session.flush()
    # before the pass below, which scrubs a name from the reason too
    audit.record(AuditAction.erased, "user_account", user.id, label=pseudonym, reason=db.session.info.get(REASON, ""))
    # tenant rows of several KPRs, and rows of no KPR, as Core statements
    conn.execute(sa.delete(Membership.__table__).where(Membership.__table__.c.user_id == user.id))
    assignments = Assignment.__table__
    conn.execute(sa.update(assignments).where(
        assignments.c.user_id == user.id, sa.or_(assignments.c.ends_on.is_(None), assignments.c.ends_on > today()))
        .values(ends_on=sa.case((assignments.c.starts_on > today(), assignments.c.starts_on), else_=today())))
    conn.execute(sa.delete(FeedKey.__table__).where(FeedKey.__table__.c.user_id == user.id))
    conn.execute(sa.delete(SignedInSession.__table__).where(SignedInSession.__table__.c.user_id == user.id))
    conn.execute(sa.delete(MailOptOut.__table__).where(MailOptOut.__table__.c.user_id == user.id))
    conn.execute(sa.delete(DataExport.__table__).where(DataExport.__table__.c.user_id == user.id))
    registrations = sa.select(Registration.__table__.c.id).where(Registration.__table__.c.user_id == user.id)
    conn.execute(sa.delete(Certificate.__table__).where(Certificate.__table__.c.registration_id.in_(registrations)))
    conn.execute(sa.delete(CertificateVersion.__table__)
                 .where(CertificateVersion.__table__.c.registration_id.in_(registrations)))
    outbox = OutboxMessage.__table__
    conn.execute(sa.delete(outbox).where(sa.func.lower(outbox.c.recipient) == old_email))
    people = Person.__table__
    conn.execute(sa.update(people).where(people.c.id.in_([p.id for p in register]))
                 .values(name=pseudonym, email="", phone=""))
    scrub(replacement)
    return pseudonym


def check_register_erasure(person: Person) -> None:
    if person.name.startswith(PSEUDONYM.format("")):
        raise DomainError("Dieser Eintrag ist bereits anonymisiert.")


def erase_register_person(person: Person) -> str:
    """Anonymise one entry of the current KPR's people register and what names it in this KPR;
    other KPRs and the person's platform account stay as they are."""
    check_register_erasure(person)
    pseudonym, address = new_pseudonym()
    replacement = Replacement(pseudonym, address, (person.name,), (person.email,) if person.email else ())
    person.name, person.email, person.phone, person.user_id = pseudonym, "", "", None
    db.session.flush()
    audit.record(AuditAction.erased, "person", person.id, tenant_id=person.tenant_id, label=pseudonym,
                 reason=db.session.info.get(REASON, ""))
    scrub(replacement, tenant_id=person.tenant_id)
    return pseudonym


def _text_columns(table: sa.Table) -> list[sa.Column]:
    return [c for c in table.columns if not c.primary_key and not isinstance(c.type, sa.Enum)
            and isinstance(c.type, sa.String | sa.Text | sa.JSON)]


def _replace(value, pairs: list[tuple[re.Pattern, str]]):
    if isinstance(value, str):
        for pattern, new in pairs:
            value = pattern.sub(new, value)
        return value
    if isinstance(value, list):
        return [_replace(v, pairs) for v in value]
    if isinstance(value, dict):
        return {_replace(k, pairs): _replace(v, pairs) for k, v in value.items()}
    return value


def scrub(replacement: Replacement, tenant_id: int | None = None) -> int:
    """Replace the name and e-mail in every text-like value of every table (of `tenant_id`'s rows
    only, when given; tables without a tenant are then left alone). Returns the values changed."""
    pairs, needles = replacement.pairs(), replacement.needles
    if not needles:
        return 0
    conn = db.session.connection()
    changed, found_entries = 0, []
    for table in db.metadata.sorted_tables:
        columns = _text_columns(table)
        keys = list(table.primary_key.columns)
        if not columns or not keys:
            continue
        if tenant_id is not None and "tenant_id" not in table.c:
            continue
        hit = sa.or_(*(sa.func.lower(sa.cast(c, sa.Text)).contains(n, autoescape=True)
                       for c in columns for n in needles))
        query = sa.select(*keys, *columns).where(hit)
        if tenant_id is not None:
            query = query.where(table.c.tenant_id == tenant_id)
        for row in conn.execute(query).mappings().all():
            values = {c.name: _replace(row[c.name], pairs) for c in columns if row[c.name] is not None}
            values = {k: v for k, v in values.items() if v != row[k]}
            if not values:
                continue
            conn.execute(sa.update(table).where(*(k == row[k.name] for k in keys)).values(**values))
            changed += len(values)
            if table.name == SearchEntry.__tablename__:
                found_entries.append(row[table.c.id.name])
    db.session.expire_all()  # the session's objects may hold the old values
    _rewrite_search(found_entries)
    return changed


def _rewrite_search(entry_ids: list[int]) -> None:
    """Entries read again from their (scrubbed) rows, and SQLite's full-text rows rewritten."""
    if not entry_ids:
        return
    with cross_tenant(indexing.REASON):
        entries = list(db.session.scalars(sa.select(SearchEntry).where(SearchEntry.id.in_(entry_ids))))
        by_kind: dict[str, list[int]] = {}
        for entry in entries:
            by_kind.setdefault(entry.kind, []).append(entry.object_id)
        for kind, ids in by_kind.items():
            indexing.refresh(kind, ids)
        search_backend.write([e for e in entries if sa.inspect(e).persistent], [])
