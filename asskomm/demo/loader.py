"""Load the demo data; running it again changes nothing."""

from __future__ import annotations

import importlib
import importlib.util
import unicodedata
from datetime import date

import sqlalchemy as sa

from config import DEMO_PASSWORD
from tenants import FIRST_ALLIANCE_ID, Alliance, Tenant, TenantKind, TenantStatus, db, tenant_context
from tenants.alliances import forget_hosts

from ..accounts.models import (
    Assignment,
    AssignmentKind,
    GlobalRole,
    Membership,
    MembershipRole,
    User,
    UserRole,
)
from ..accounts.passwords import hash_password
from ..state.models import StatusChange
from . import data

DEMO_DOMAIN = "demo.asskomm.de"
# Features with demo content (asskomm/<feature>/demo.py: load(tenants)), in this order:
# later ones use what earlier ones created (meetings use the bodies of structure).
FEATURE_DEMOS = ["structure", "founding", "meetings", "documents", "public", "events", "coaching", "agreements",
                 "funding", "prevention", "exchange", "comments", "annual_report"]


def _ascii(text: str) -> str:
    text = text.lower().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() else "." for ch in text).strip(".")


def _alliances() -> dict[str, int]:
    """slug -> id of every demo alliance (the first one is the migration's)."""
    ids = {}
    for spec in data.ALLIANCES:
        alliance = db.session.scalar(sa.select(Alliance).filter_by(slug=spec["slug"]))
        if alliance is None:
            alliance = Alliance(**spec)
            db.session.add(alliance)
        else:  # the migration's first alliance gets the demo's choices
            for key, value in spec.items():
                setattr(alliance, key, value)
        db.session.flush()
        ids[spec["slug"]] = alliance.id
    assert ids[data.FIRST_ALLIANCE] == FIRST_ALLIANCE_ID, "the first alliance must be the first row"
    forget_hosts()
    return ids


def _user(email: str, name: str, roles: list[str], password_hash: str, alliance_id: int = FIRST_ALLIANCE_ID) -> User:
    user = db.session.scalar(sa.select(User).filter_by(email=email))
    if user is None:
        user = User(email=email, name=name, password_hash=password_hash)
        db.session.add(user)
    held = {(r.role, r.alliance_id) for r in user.role_rows}
    for role in roles:
        if (GlobalRole(role), alliance_id) not in held:
            user.role_rows.append(UserRole(role=GlobalRole(role), alliance_id=alliance_id))
    db.session.flush()
    return user


def _tenant(spec: dict, alliances: dict[str, int]) -> Tenant:
    spec = dict(spec)
    alliance_id = alliances[spec.pop("alliance", data.FIRST_ALLIANCE)]
    tenant = db.session.scalar(sa.select(Tenant).filter_by(slug=spec["slug"], alliance_id=alliance_id))
    if tenant is None:
        tenant = Tenant(**{**spec, "alliance_id": alliance_id, "kind": TenantKind(spec["kind"]),
                           "status": TenantStatus(spec["status"])})
        db.session.add(tenant)
        db.session.flush()
        for status in TenantStatus:  # the history as far as the dates tell it
            if tenant.status_date(status):
                db.session.add(StatusChange(tenant_id=tenant.id, status=status,
                                            effective_on=tenant.status_date(status)))
    return tenant


def _member(tenant: Tenant, user: User, role: MembershipRole) -> None:
    with tenant_context(tenant.id):
        if db.session.scalar(sa.select(Membership).filter_by(user_id=user.id)) is None:
            db.session.add(Membership(user=user, role=role))
            db.session.flush()


def _assign(tenant: Tenant, user: User, kind: AssignmentKind) -> None:
    exists = db.session.scalar(sa.select(Assignment).filter_by(tenant_id=tenant.id, kind=kind, ends_on=None))
    if exists is None:
        starts = tenant.agreement_signed_on or date(2024, 1, 1)
        db.session.add(Assignment(tenant_id=tenant.id, user_id=user.id, kind=kind, starts_on=starts))
        db.session.flush()


def load_demo() -> dict[str, int]:
    """Create tenants, people, memberships and assignments that are not there yet."""
    password_hash = hash_password(DEMO_PASSWORD)
    alliances = _alliances()
    people = {email: _user(email, name, roles, password_hash, alliances[where[0] if where else data.FIRST_ALLIANCE])
              for email, name, roles, *where in data.STATE_PEOPLE}
    tenants = {spec["slug"]: _tenant(spec, alliances) for spec in data.TENANTS}
    for slug, (coordinator, member, others) in data.PEOPLE.items():
        tenant = tenants[slug]
        _member(tenant, _user(f"koordination.{slug}@{DEMO_DOMAIN}", coordinator, [], password_hash),
                MembershipRole.coordinator)
        _member(tenant, _user(f"mitglied.{slug}@{DEMO_DOMAIN}", member, [], password_hash), MembershipRole.member)
        for entry in others:
            name = entry.split(": ", 1)[-1]
            _member(tenant, _user(f"{_ascii(name)}.{slug}@{DEMO_DOMAIN}", name, [], password_hash),
                    MembershipRole.member)
    for slug, (coach, contact) in data.ASSIGNMENTS.items():
        _assign(tenants[slug], people[coach], AssignmentKind.coach)
        _assign(tenants[slug], people[contact], AssignmentKind.contact)
    for feature in FEATURE_DEMOS:
        if importlib.util.find_spec(f"asskomm.{feature}.demo"):
            importlib.import_module(f"asskomm.{feature}.demo").load(tenants)
    return {"tenants": len(tenants), "users": db.session.scalar(sa.select(sa.func.count()).select_from(User))}


def demo_logins() -> list[tuple[str, str]]:
    """(login, label); the label names the demo host of an alliance other than Saxony's."""
    hosts = {spec["slug"]: spec["host"] for spec in data.ALLIANCES}
    tenant_alliance = {spec["slug"]: spec.get("alliance") for spec in data.TENANTS}

    def where(alliance: str | None) -> str:
        return f" – unter {hosts[alliance]}" if alliance else ""

    def role(roles: list[str]) -> str:
        return " – Betrieb der Installation: /betrieb/allianzen" if "operator" in roles else ""

    logins = [(email, name + where(rest[0] if rest else None) + role(roles))
              for email, name, roles, *rest in data.STATE_PEOPLE]
    for slug in data.PEOPLE:
        logins.append((f"koordination.{slug}@{DEMO_DOMAIN}", f"Koordinator:in {slug}{where(tenant_alliance[slug])}"))
        logins.append((f"mitglied.{slug}@{DEMO_DOMAIN}", f"Mitglied {slug}{where(tenant_alliance[slug])}"))
    return logins
