"""The installation operator's work: a new state's network (alliance) with its first state admin, and
the list of alliances. Used by the command line (`flask alliance create|list`) and by the operator's
page; it writes only the alliance and one person's role, never workspace content.

Services validate, change and flush; the request (or the command) commits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from tenants import Alliance, Tenant, alliance_context, db
from tenants.alliances import forget_hosts, hostname
from tenants.districts import LAENDER

from ..errors import DomainError
from ..mail.services import public_link, queue_mail
from . import tokens
from .models import GlobalRole, User, UserRole
from .services import find_or_create_user, normalise_email

SLUG = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# The column lengths of Alliance and User: longer input gets a message, never a database error.
LIMITS = {"name": 200, "short_name": 40, "operator_name": 200, "admin_name": 160, "admin_email": 254}
LIST_LIMIT = 200  # an installation has a network per Land at most; the page shows this many


@dataclass(frozen=True)
class AllianceSpec:
    """What the operator enters: the network and its first state admin."""

    slug: str
    name: str
    short_name: str
    federal_state: str
    host: str
    operator_name: str
    admin_email: str
    admin_name: str

    def cleaned(self) -> AllianceSpec:
        return AllianceSpec(slug=self.slug.strip(), name=self.name.strip(), short_name=self.short_name.strip(),
                            federal_state=self.federal_state.strip(), host=hostname(self.host),
                            operator_name=self.operator_name.strip(), admin_email=normalise_email(self.admin_email),
                            admin_name=self.admin_name.strip())


@dataclass(frozen=True)
class Created:
    alliance: Alliance
    admin: User
    link: str  # where the admin sets a password (or, with one already, signs in): on the new host


def problems(spec: AllianceSpec) -> dict[str, str]:
    """Field -> German message for everything wrong with `spec` (cleaned); empty when it can be made."""
    found: dict[str, str] = {}
    if not SLUG.match(spec.slug):
        found["slug"] = "Der Kurzname besteht aus 2–40 Kleinbuchstaben, Ziffern und Bindestrichen."
    elif db.session.scalar(sa.select(Alliance.id).filter_by(slug=spec.slug)) is not None:
        found["slug"] = f"Eine Allianz „{spec.slug}“ gibt es schon."
    if not spec.federal_state:
        found["federal_state"] = "Bitte wählen Sie das Bundesland."
    elif spec.federal_state not in LAENDER.values():
        found["federal_state"] = f"„{spec.federal_state}“ ist kein Bundesland."
    if not HOST.match(spec.host):
        found["host"] = f"„{spec.host}“ ist kein Hostname (etwa kpr.mv.example)."
    elif db.session.scalar(sa.select(Alliance.id).filter_by(host=spec.host)) is not None:
        found["host"] = f"Der Hostname {spec.host} gehört schon einer Allianz."
    labels = {"name": "den Namen des Netzwerks", "short_name": "die Kurzform", "operator_name": "den Betreiber",
              "admin_name": "den Namen der Landesadministration"}
    for field, label in labels.items():
        value = getattr(spec, field)
        if not any(char.isalnum() for char in value):  # empty, or only invisible or punctuation characters
            found[field] = f"Bitte geben Sie {label} an."
        elif len(value) > LIMITS[field]:
            found[field] = f"Bitte geben Sie höchstens {LIMITS[field]} Zeichen ein."
    if not EMAIL.match(spec.admin_email) or len(spec.admin_email) > LIMITS["admin_email"]:
        found["admin_email"] = "Bitte geben Sie eine gültige E-Mail-Adresse der Landesadministration an."
    return found


def create_alliance(spec: AllianceSpec) -> Created:
    """The alliance and its first state admin (an existing account gets the role, a new one is made
    without a password). Refuses with the first problem's message, at its field, writing nothing."""
    spec = spec.cleaned()
    if found := problems(spec):
        field, message = next(iter(found.items()))
        raise DomainError(message, field)
    alliance = Alliance(slug=spec.slug, name=spec.name, short_name=spec.short_name, federal_state=spec.federal_state,
                        host=spec.host, operator_name=spec.operator_name)
    db.session.add(alliance)
    db.session.flush()
    admin = find_or_create_user(spec.admin_email, spec.admin_name)
    admin.role_rows.append(UserRole(role=GlobalRole.state_admin, alliance_id=alliance.id))
    db.session.flush()
    forget_hosts()  # the new host answers with its alliance from the next request on
    return Created(alliance, admin, _admin_link(alliance, admin))


def _admin_link(alliance: Alliance, admin: User) -> str:
    """An absolute link on the new alliance's host (mail.services.site_url): the admin's session and
    cookies belong to that host."""
    if admin.password_hash is None:
        return public_link("accounts.accept_invitation", alliance_id=alliance.id,
                           token=tokens.make_token(admin, "invite"))
    return public_link("accounts.login", alliance_id=alliance.id)


def invite_first_admin(created: Created, operator: User) -> None:
    """Mail the new admin the link; the mail belongs to the new alliance (its outbox, its sender)."""
    admin, alliance = created.admin, created.alliance
    with alliance_context(alliance.id):
        queue_mail(admin.email, "mail/alliance_admin.txt", f"alliance-admin:{alliance.id}:{admin.id}",
                   admin=admin, alliance=alliance, operator=operator, link=created.link,
                   needs_password=admin.password_hash is None)


@dataclass(frozen=True)
class AllianceRow:
    """One line of the list, as plain values: a page shown again after a rollback reads no stale rows."""

    id: int
    slug: str
    name: str
    short_name: str
    federal_state: str
    host: str | None
    kprs: int


def alliance_rows() -> list[AllianceRow]:
    """Every alliance (at most LIST_LIMIT, oldest first) with its number of KPRs: two queries however
    many there are. The installation's view, so it reads outside the request's alliance."""
    with alliance_context(None):
        counts = dict(db.session.execute(
            sa.select(Tenant.alliance_id, sa.func.count()).group_by(Tenant.alliance_id)).all())
        found = db.session.execute(sa.select(Alliance.id, Alliance.slug, Alliance.name, Alliance.short_name,
                                             Alliance.federal_state, Alliance.host)
                                   .order_by(Alliance.id).limit(LIST_LIMIT)).all()
    return [AllianceRow(*row, kprs=counts.get(row.id, 0)) for row in found]


def alliance_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Alliance))
