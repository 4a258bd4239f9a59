"""What the state council's lasting actions will do, said on their confirmation page before they run."""

from __future__ import annotations

import sqlalchemy as sa

from tenants import Tenant, db, switch_tenant

from ..accounts.models import Assignment, AssignmentKind, GlobalRole, Membership, User, current_assignment_clause
from ..accounts.models import current_assignments as assignments_in_force
from ..policy import memberships_of
from ..timeutil import today
from .services import coordinators_to_notify


def _names(tenants: list[Tenant]) -> str:
    return ", ".join(t.short_name for t in tenants)


def of_deactivation(person: User) -> list[str]:
    """"Die Person kann sich nicht mehr anmelden; ihre 2 Mitgliedschaften bleiben bestehen", with
    the assignments that stay and who is told."""
    kprs = sorted(db.session.scalars(sa.select(Tenant).where(Tenant.id.in_(list(memberships_of(person))))),
                  key=lambda t: t.name)
    if not kprs:
        lines = ["Die Person kann sich nicht mehr anmelden; eine laufende Sitzung endet sofort."]
    elif len(kprs) == 1:
        lines = [f"Die Person kann sich nicht mehr anmelden; ihre Mitgliedschaft im {kprs[0].short_name} "
                 "bleibt bestehen. Eine laufende Sitzung endet sofort."]
    else:
        lines = [f"Die Person kann sich nicht mehr anmelden; ihre {len(kprs)} Mitgliedschaften bleiben bestehen "
                 f"({_names(kprs)}). Eine laufende Sitzung endet sofort."]
    current = sorted(db.session.scalars(sa.select(Assignment).where(
        Assignment.user_id == person.id, current_assignment_clause(today()))), key=lambda a: (a.kind, a.tenant.name))
    for assignment in current:
        lines.append(f"Die Zuordnung als {assignment.kind.label} für den {assignment.tenant.short_name} bleibt "
                     "bestehen; beenden Sie sie dort, wenn jemand anderes übernimmt.")
    if person.global_roles:
        lines.append("Die Rollen beim Landespräventionsrat (" + ", ".join(sorted(r.label for r in person.global_roles))
                     + ") bleiben eingetragen, wirken aber nicht mehr.")
    lines.append(f"{person.name} wird per E-Mail benachrichtigt, mit Ihrer Begründung. "
                 "Sie können das Konto später wieder aktivieren.")
    return lines


def _keeps_access(person: User, tenant: Tenant, ending: Assignment) -> bool:
    """Whether the person still sees the KPR once this assignment ends (another role there)."""
    if person.has_role(GlobalRole.state_admin) or tenant.id in memberships_of(person):
        return True
    other = assignments_in_force([tenant.id])
    return any(a.user_id == person.id and a.id != ending.id for a in other.values())


def of_ending(assignment: Assignment) -> list[str]:
    """"Die Coach-Zuordnung endet heute; der Coach sieht den KPR nicht mehr"."""
    person, tenant = assignment.user, assignment.tenant
    if assignment.starts_on > today():
        lines = [f"Die für den {assignment.starts_on:%d.%m.%Y} geplante Zuordnung von {person.name} als "
                 f"{assignment.kind.label} entfällt."]
    else:
        role = "Coach-Zuordnung" if assignment.kind == AssignmentKind.coach else "Zuordnung als Ansprechpartner:in"
        lines = [f"Die {role} von {person.name} endet heute ({today():%d.%m.%Y})."]
        if _keeps_access(person, tenant, assignment):
            lines.append(f"{person.name} behält über eine andere Rolle Zugang zum {tenant.short_name}.")
        elif assignment.kind == AssignmentKind.coach:
            lines.append(f"Der Coach sieht den {tenant.short_name} ab sofort nicht mehr und kann keine Beratungen "
                         "mehr eintragen; die bisherigen Einträge bleiben.")
        else:
            lines.append(f"{person.name} sieht den {tenant.short_name} ab sofort nicht mehr und kann seine "
                         "Stammdaten nicht mehr bearbeiten.")
        lines.append("Der KPR hat danach keine Zuordnung dieser Art, bis Sie eine neue eintragen.")
    if person.active:
        lines.append(f"{person.name} wird per E-Mail benachrichtigt, mit Ihrer Begründung.")
    return lines


def of_archiving(tenant: Tenant) -> list[str]:
    with switch_tenant(tenant.id, "what archiving the KPR means for its members"):
        members = db.session.scalar(sa.select(sa.func.count()).select_from(Membership))
    coordinators = len(coordinators_to_notify(tenant))
    return [
        f"Der {tenant.short_name} verschwindet aus dem öffentlichen Verzeichnis der Allianz und aus der "
        "Standardansicht der Landesübersicht (dort unter „archiviert“); seine öffentliche Seite ist nicht mehr "
        "erreichbar.",
        f"Der Arbeitsbereich wird schreibgeschützt: {members} Mitglied(er) und die zugeordneten Personen können "
        "ihn weiter lesen, aber nichts mehr ändern. Nichts wird gelöscht.",
        f"{coordinators} Koordinator:in(nen) werden per E-Mail benachrichtigt, mit Ihrer Begründung.",
        "Die Landesverwaltung kann den KPR jederzeit wiederherstellen; dann gilt alles wie zuvor.",
    ]
