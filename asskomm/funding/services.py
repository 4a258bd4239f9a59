"""Funding applications of the current KPR: validate, change, flush. Decisions (granted, rejected,
the amount granted and the date of the decision) belong to the state council."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa

from tenants import db

from ..errors import DomainError
from ..timeutil import today
from .models import FundingApplication, FundingStatus

FIRST_YEAR = 2000
DECIDED = frozenset({FundingStatus.granted, FundingStatus.rejected})
SUBMITTED = frozenset({FundingStatus.applied}) | DECIDED
DECISION_FIELDS = ("amount_granted", "decided_on")
NOT_YOURS = "Über Bewilligung und Ablehnung entscheidet der Landespräventionsrat."


def last_year() -> int:
    return today().year + 1


@dataclass
class Year:
    year: int
    entries: list[FundingApplication] = field(default_factory=list)

    @property
    def applied(self) -> Decimal:
        return sum((e.amount_applied for e in self.entries if e.amount_applied is not None), Decimal("0"))

    @property
    def granted(self) -> Decimal:
        return sum((e.amount_granted for e in self.entries if e.amount_granted is not None), Decimal("0"))


def by_year() -> list[Year]:
    """The current KPR's entries grouped by year, newest year first, in one query."""
    years: dict[int, Year] = {}
    entries = db.session.scalars(
        sa.select(FundingApplication).order_by(FundingApplication.year.desc(), FundingApplication.purpose,
                                               FundingApplication.id)
    )
    for entry in entries:
        years.setdefault(entry.year, Year(entry.year)).entries.append(entry)
    return list(years.values())


def _check_amount(value: Decimal | None, name: str) -> None:
    if value is None:
        return
    if value < 0:
        raise DomainError("Der Betrag darf nicht negativ sein.", name)
    if value.as_tuple().exponent < -2:
        raise DomainError("Bitte geben Sie den Betrag mit höchstens zwei Nachkommastellen an.", name)
    if value >= Decimal("10000000000"):
        raise DomainError("Der Betrag ist zu groß.", name)


def _check(data: dict) -> None:
    status = data["status"]
    if not FIRST_YEAR <= data["year"] <= last_year():
        raise DomainError(f"Das Förderjahr muss zwischen {FIRST_YEAR} und {last_year()} liegen.", "year")
    for name in ("amount_applied", "amount_granted"):
        _check_amount(data[name], name)
    for name, what in (("applied_on", "Der Antrag"), ("decided_on", "Die Entscheidung")):
        if data[name] is not None and data[name] > today():
            raise DomainError(f"{what} kann nicht in der Zukunft liegen.", name)
    if status in SUBMITTED:
        if data["applied_on"] is None:
            raise DomainError("Bitte geben Sie an, wann der Antrag gestellt wurde.", "applied_on")
        if data["amount_applied"] is None:
            raise DomainError("Bitte geben Sie den beantragten Betrag an.", "amount_applied")
    if status in DECIDED and data["decided_on"] is None:
        raise DomainError("Bitte geben Sie das Datum der Entscheidung an.", "decided_on")
    if status == FundingStatus.granted:
        if data["amount_granted"] is None:
            raise DomainError("Bitte geben Sie den bewilligten Betrag an.", "amount_granted")
        if data["amount_granted"] > data["amount_applied"]:
            raise DomainError("Der bewilligte Betrag kann nicht höher sein als der beantragte.", "amount_granted")
    elif data["amount_granted"] is not None:
        raise DomainError("Einen bewilligten Betrag gibt es nur bei Status „bewilligt“.", "amount_granted")
    if status not in DECIDED and data["decided_on"] is not None:
        raise DomainError("Ein Entscheidungsdatum gibt es nur bei Bewilligung oder Ablehnung.", "decided_on")
    if data["decided_on"] is not None and data["applied_on"] is not None and data["decided_on"] < data["applied_on"]:
        raise DomainError("Die Entscheidung kann nicht vor dem Antrag liegen.", "decided_on")


def _guard_decision(entry: FundingApplication | None, data: dict) -> None:
    """People who may not decide keep the decision as it is: its status, amount and date."""
    current_status = entry.status if entry is not None else FundingStatus.planned
    if data["status"] != current_status and (data["status"] in DECIDED or current_status in DECIDED):
        raise DomainError(NOT_YOURS, "status")
    for name in DECISION_FIELDS:
        current = getattr(entry, name) if entry is not None else None
        if data[name] is None:
            data[name] = current  # not offered to them: the recorded decision stays
        elif data[name] != current:
            raise DomainError(NOT_YOURS, name)


def save_funding(entry: FundingApplication | None, data: dict, may_decide: bool) -> FundingApplication:
    """Create (entry=None) or change an entry. `data`: year, purpose, status, amount_applied,
    applied_on, amount_granted, decided_on, notes."""
    data = dict(data)
    try:
        data["status"] = FundingStatus(data["status"])
    except ValueError:
        raise DomainError("Bitte wählen Sie einen gültigen Status.", "status") from None
    if not may_decide:
        _guard_decision(entry, data)
    _check(data)
    if entry is None:
        entry = FundingApplication()
        db.session.add(entry)
    entry.year, entry.purpose, entry.status = data["year"], data["purpose"].strip(), data["status"]
    entry.amount_applied, entry.applied_on = data["amount_applied"], data["applied_on"]
    entry.amount_granted, entry.decided_on = data["amount_granted"], data["decided_on"]
    entry.notes = (data.get("notes") or "").strip()
    db.session.flush()
    return entry

