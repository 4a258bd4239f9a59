"""Changing the exchange: a question mailed to the owning KPR's coordinators, an adoption recorded
and withdrawn. Validate, write, flush; never commit (the request does). The asking or adopting KPR
owns the new row, so it is written under that KPR (`switch_tenant`); the shared measure and the
owning KPR's coordinators are read across KPRs, by name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from tenants import Tenant, cross_tenant, db, switch_tenant, within_tenants
from tenants.models import compose_name

from ..accounts.models import Membership, MembershipRole, User
from ..errors import DomainError
from ..mail.services import public_link, queue_mail
from ..prevention.models import Measure, PreventionCycle
from ..timeutil import now
from .models import Adoption, PracticeQuestion

QUESTION_MIN = 10
QUESTION_MAX = 3000
# A coordinator's questions per day: enough for real work, too few to flood another KPR's inbox.
QUESTIONS_PER_DAY = 10


@dataclass(frozen=True)
class OwnMeasure:
    """A measure of a KPR the person coordinates, offered for "Wir setzen das auch um"."""

    id: int
    tenant_id: int
    label: str


def own_measures(tenant_ids: list[int]) -> list[OwnMeasure]:
    """The measures of these KPRs (open and closed rounds), by KPR and title; one query."""
    if not tenant_ids:
        return []
    with within_tenants(tenant_ids, "practice exchange: the coordinator's own measures to link an adoption"):
        found = db.session.execute(
            sa.select(Measure.id, Measure.tenant_id, Measure.title, PreventionCycle.number, Tenant.name, Tenant.kind)
            .join(PreventionCycle, PreventionCycle.id == Measure.cycle_id)
            .join(Tenant, Tenant.id == Measure.tenant_id)
            .order_by(Tenant.name, PreventionCycle.number.desc(), Measure.title, Measure.id)).all()
    several = len(set(tenant_ids)) > 1
    return [OwnMeasure(m_id, t_id, (f"{compose_name(kind, name)}: " if several else "")
                       + f"{title} ({number}. Runde)")
            for m_id, t_id, title, number, name, kind in found]


@dataclass(frozen=True)
class AdoptedPractice:
    """A shared measure of another KPR that one of a KPR's own measures carries out too."""

    id: int
    title: str
    kpr: str


def adopted_practices(measure: Measure) -> list[AdoptedPractice]:
    """The practices `measure` was linked to by "Wir setzen das auch um", while they are shared (and
    their KPR not archived), by title; one query. The adoption is the measure's KPR's row, the
    practice another KPR's: both are read across KPRs, the adoption restricted to the measure's KPR."""
    practice = aliased(Measure)
    with cross_tenant("practice exchange: the practices a KPR's own measure adopted"):
        found = db.session.execute(
            sa.select(practice.id, practice.title, Tenant.name, Tenant.kind)
            .select_from(Adoption).join(practice, practice.id == Adoption.practice_id)
            .join(Tenant, Tenant.id == practice.tenant_id)
            .where(Adoption.tenant_id == measure.tenant_id, Adoption.measure_id == measure.id,
                   practice.shareable.is_(True), Tenant.archived_at.is_(None))
            .order_by(practice.title, practice.id)).all()
    return [AdoptedPractice(p_id, title, f"KPR {compose_name(kind, name)}") for p_id, title, name, kind in found]


def kpr_names(tenant_ids: list[int]) -> dict[int, str]:
    if not tenant_ids:
        return {}
    rows = db.session.execute(sa.select(Tenant.id, Tenant.name, Tenant.kind).where(Tenant.id.in_(tenant_ids)))
    return {t_id: compose_name(kind, name) for t_id, name, kind in rows}


def _coordinators(tenant_id: int) -> list[User]:
    with cross_tenant("practice exchange: the coordinators of the KPR that shared a measure"):
        return list(db.session.scalars(
            sa.select(User).join(Membership, Membership.user_id == User.id)
            .where(Membership.tenant_id == tenant_id, Membership.role == MembershipRole.coordinator,
                   User.active.is_(True)).order_by(User.id)))


def check_question(owner: Tenant, asker: User, asking_kpr_id: int | None, allowed: list[int],
                   text: str | None) -> tuple[str, list[User]]:
    """The question as it would be sent, and to whom; refused before anything is written or mailed."""
    if asking_kpr_id not in allowed:
        raise DomainError("Bitte wählen Sie einen KPR, den Sie koordinieren.", "kpr_id")
    text = (text or "").strip()
    if len(text) < QUESTION_MIN:
        raise DomainError(f"Bitte schreiben Sie Ihre Frage aus (mindestens {QUESTION_MIN} Zeichen).", "text")
    if len(text) > QUESTION_MAX:
        raise DomainError(f"Bitte fassen Sie Ihre Frage kürzer (höchstens {QUESTION_MAX:,} Zeichen)."
                          .replace(",", "."), "text")
    recipients = _coordinators(owner.id)
    if not recipients:
        raise DomainError(f"Der {owner.short_name} hat zurzeit keine Koordinator:innen, die Ihre Frage erreichen "
                          "könnte. Bitte nutzen Sie den Kontakt seiner öffentlichen Seite.")
    with switch_tenant(asking_kpr_id, "practice exchange: the asking KPR's questions of the last day"):
        recent = db.session.scalar(sa.select(sa.func.count(PracticeQuestion.id)).where(
            PracticeQuestion.asked_by_id == asker.id, PracticeQuestion.asked_at >= now() - timedelta(days=1)))
    if recent >= QUESTIONS_PER_DAY:
        raise DomainError(f"Sie haben heute schon {QUESTIONS_PER_DAY} Fragen gestellt. Bitte versuchen Sie es "
                          "morgen wieder.", "text")
    return text, recipients


def ask(practice: Measure, owner: Tenant, asker: User, asking_kpr_id: int | None, allowed: list[int],
        text: str | None) -> PracticeQuestion:
    """Send `text` about `practice` to the owning KPR's coordinators, answers going to `asker`."""
    text, recipients = check_question(owner, asker, asking_kpr_id, allowed, text)
    asking_name = kpr_names([asking_kpr_id])[asking_kpr_id]
    with switch_tenant(asking_kpr_id, "practice exchange: the asking KPR records its question"):
        question = PracticeQuestion(practice_id=practice.id, asked_by_id=asker.id, text=text, asked_at=now())
        db.session.add(question)
        db.session.flush()
    link = public_link("exchange.practice", practice_id=practice.id)
    for person in recipients:
        queue_mail(person.email, "exchange/mail_question.txt", f"practice-question:{question.id}:{person.id}",
                   tenant_id=owner.id, reply_to=asker.email, recipient_name=person.name, asker=asker,
                   asking_kpr=asking_name, measure=practice, owner=owner, text=text, link=link)
    return question


def adopt(practice: Measure, adopter: User, own_measure_id: int | None, offered: list[OwnMeasure]) -> Adoption:
    """Record that the KPR of `own_measure_id` (one of `offered`) carries out `practice` too."""
    own = next((m for m in offered if m.id == own_measure_id), None)
    if own is None:
        raise DomainError("Bitte wählen Sie eine Maßnahme Ihres KPR, mit der Sie die Praxis umsetzen.", "measure_id")
    if own.tenant_id == practice.tenant_id:
        raise DomainError("Eine Maßnahme des eigenen KPR kann nicht übernommen werden.", "measure_id")
    with switch_tenant(own.tenant_id, "practice exchange: the adopting KPR records its adoption"):
        if db.session.scalar(sa.select(Adoption.id).where(Adoption.practice_id == practice.id)) is not None:
            raise DomainError("Ihr KPR hat diese Maßnahme bereits übernommen.", "measure_id")
        adoption = Adoption(practice_id=practice.id, measure_id=own.id, adopted_by_id=adopter.id)
        db.session.add(adoption)
        db.session.flush()
    return adoption


def adoption(adoption_id: int) -> Adoption | None:
    """An adoption of any KPR (the policy decides who may withdraw it)."""
    with cross_tenant("practice exchange: an adoption to withdraw"):
        return db.session.get(Adoption, adoption_id)


def withdraw(adoption: Adoption) -> None:
    """The adopting KPR no longer counts as carrying the practice out."""
    with switch_tenant(adoption.tenant_id, "practice exchange: the adopting KPR withdraws its adoption"):
        db.session.delete(adoption)
        db.session.flush()
