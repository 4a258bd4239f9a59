"""Cooperation agreements of the current KPR: validate, change, flush. The first agreement moves
the KPR's lifecycle to "Vereinbarung unterzeichnet"; the KPR's agreement date follows the earliest."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from tenants import Tenant, db

from ..accounts.models import User
from ..documents import services as documents
from ..documents.uploads import CheckedFile
from ..errors import DomainError
from ..signals import agreement_signed
from ..timeutil import today
from .models import AgreementRenewal, AgreementSignatory, CooperationAgreement, Party

# Who signs for each party, shown in the form when no one is recorded yet.
MISSING_SIGNATORY = {
    Party.municipality: "Bitte nennen Sie mindestens eine Person, die für die Kommune unterzeichnet hat.",
    Party.police: "Bitte nennen Sie mindestens eine Person, die für die Polizeidirektion unterzeichnet hat.",
    Party.state_council: "Bitte nennen Sie mindestens eine Person, die für den Landespräventionsrat "
                         "unterzeichnet hat.",
}


def agreements() -> list[CooperationAgreement]:
    """The current KPR's agreements, newest first, with everything the page shows (five queries)."""
    return list(db.session.scalars(
        sa.select(CooperationAgreement)
        .options(selectinload(CooperationAgreement.signatories), selectinload(CooperationAgreement.renewals),
                 joinedload(CooperationAgreement.recorded_by), joinedload(CooperationAgreement.document))
        .order_by(CooperationAgreement.signed_on.desc(), CooperationAgreement.id.desc())
    ))


def agreement_with_signatories(agreement_id: int) -> CooperationAgreement | None:
    return db.session.scalar(
        sa.select(CooperationAgreement).where(CooperationAgreement.id == agreement_id)
        .options(selectinload(CooperationAgreement.signatories))
    )


def _check_dates(signed_on: date, valid_until: date | None) -> None:
    if signed_on > today():
        raise DomainError("Das Datum der Unterzeichnung kann nicht in der Zukunft liegen.", "signed_on")
    if valid_until is not None and valid_until < signed_on:
        raise DomainError("Die Vereinbarung kann nicht vor ihrer Unterzeichnung enden.", "valid_until")


def _check_renewed(renewals: list[AgreementRenewal], signed_on: date, valid_until: date | None) -> None:
    """Changed dates must still fit the recorded renewals."""
    first, last = renewals[0], max(renewals, key=lambda r: (r.valid_until or date.min))
    if first.renewed_on < signed_on:
        raise DomainError(f"Die Vereinbarung wurde bereits am {first.renewed_on:%d.%m.%Y} verlängert; "
                          "sie kann nicht später unterzeichnet worden sein.", "signed_on")
    if last.valid_until is not None and (valid_until is None or valid_until < last.valid_until):
        raise DomainError(f"Die Vereinbarung wurde bis zum {last.valid_until:%d.%m.%Y} verlängert; "
                          "sie kann nicht früher enden.", "valid_until")


def _clean_signatories(signatories: dict[Party, list[tuple[str, str]]]) -> dict[Party, list[tuple[str, str]]]:
    cleaned: dict[Party, list[tuple[str, str]]] = {}
    for party in Party:
        rows = []
        for name, function in signatories.get(party, []):
            name, function = (name or "").strip(), (function or "").strip()
            if function and not name:
                raise DomainError(f"Bitte geben Sie zur Funktion „{function}“ auch den Namen an.", party.value)
            if name:
                rows.append((name, function))
        if not rows:
            raise DomainError(MISSING_SIGNATORY[party], party.value)
        cleaned[party] = rows
    return cleaned


def save_agreement(tenant: Tenant, agreement: CooperationAgreement | None, data: dict,
                   signatories: dict[Party, list[tuple[str, str]]], upload: CheckedFile | None,
                   by: User | None) -> CooperationAgreement:
    """Record (agreement=None) or change an agreement of `tenant`, the current KPR.
    `data`: signed_on, police_directorate, valid_until, notes. `signatories`: per party, (name,
    function) rows; empty rows are skipped.
    A signed paper becomes a document of the KPR, or a new version of the one already linked."""
    _check_dates(data["signed_on"], data["valid_until"])
    if agreement is not None and agreement.renewals:
        _check_renewed(agreement.renewals, data["signed_on"], data["valid_until"])
    directorate = (data["police_directorate"] or "").strip()
    if not directorate:
        raise DomainError("Bitte geben Sie die Polizeidirektion an.", "police_directorate")
    rows = _clean_signatories(signatories)
    by_id = by.id if by is not None else None
    if agreement is None:
        agreement = CooperationAgreement(recorded_by_id=by_id)
        db.session.add(agreement)
    agreement.signed_on, agreement.valid_until = data["signed_on"], data["valid_until"]
    agreement.police_directorate, agreement.notes = directorate, (data.get("notes") or "").strip()
    agreement.signatories = [AgreementSignatory(party=party, name=name, function=function)
                             for party, party_rows in rows.items() for name, function in party_rows]
    db.session.flush()
    if upload is not None:
        _attach(agreement, upload, by_id)
    _sync_tenant(tenant, by)
    return agreement


def _attach(agreement: CooperationAgreement, upload: CheckedFile, by_id: int | None) -> None:
    note = f"Unterzeichnet am {agreement.signed_on:%d.%m.%Y}"
    if agreement.document is None:
        title = f"Kooperationsvereinbarung vom {agreement.signed_on:%d.%m.%Y}"
        agreement.document = documents.create_document(
            {"title": title, "category": "agreement", "visibility": "internal",
             "description": f"Unterzeichnete Vereinbarung mit der {agreement.police_directorate} "
                            "und dem Landespräventionsrat."},
            upload, note, by_id)
    else:
        documents.add_version(agreement.document, upload, note, by_id)
    db.session.flush()


def _sync_tenant(tenant: Tenant, by: User | None) -> None:
    """The KPR's agreement date is that of its earliest agreement; a KPR only contacted so far
    moves on to "Vereinbarung unterzeichnet", kept in its lifecycle history with who recorded it."""
    earliest = db.session.scalar(sa.select(sa.func.min(CooperationAgreement.signed_on)))
    tenant.agreement_signed_on = earliest
    agreement_signed.send(tenant, on=earliest, by=by)  # the state council's lifecycle moves on
    db.session.flush()


def renew(agreement: CooperationAgreement, renewed_on: date, valid_until: date, note: str) -> AgreementRenewal:
    """A renewal extends the agreement's validity."""
    if renewed_on > today():
        raise DomainError("Eine Verlängerung kann nicht in der Zukunft liegen.", "renewed_on")
    if renewed_on < agreement.signed_on:
        raise DomainError(f"Eine Verlängerung kann nicht vor der Unterzeichnung am "
                          f"{agreement.signed_on:%d.%m.%Y} liegen.", "renewed_on")
    current = agreement.valid_until or renewed_on
    if valid_until <= current:
        raise DomainError(f"Die neue Gültigkeit muss nach dem {current:%d.%m.%Y} enden.", "valid_until")
    renewal = AgreementRenewal(renewed_on=renewed_on, valid_until=valid_until, note=(note or "").strip())
    agreement.renewals.append(renewal)
    agreement.valid_until = valid_until
    db.session.flush()
    return renewal
