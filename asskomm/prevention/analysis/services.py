"""The rounds of a KPR and their Sicherheitsanalyse: start, change, record the results, close (which
opens the next round). Validate, change, flush; a refusal is a German DomainError."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from tenants import Tenant, current_tenant_id, db

from ...documents.models import Document
from ...errors import DomainError
from ...timeutil import format_date, today
from ..models import ConductedBy, PreventionCycle, PreventionOffer

FIRST_YEAR = 1990  # the PKS in its present form
MAX_SPAN = 20  # years of crime figures one analysis looks at
TEXT_MAX = 20_000
OFFER_FIELDS = ("title", "provider", "topic", "target_group", "setting", "area", "reach", "funding", "contact")


def latest_year() -> int:
    """Rounds may plan ahead (closing one opens the next with the following years)."""
    return today().year + MAX_SPAN


def open_cycle() -> PreventionCycle | None:
    return db.session.scalars(sa.select(PreventionCycle).where(PreventionCycle.closed_on.is_(None))
                              .order_by(PreventionCycle.number.desc()).limit(1)).first()


def neighbours(cycle: PreventionCycle) -> tuple[PreventionCycle | None, PreventionCycle | None]:
    """The round before and the one after (one query)."""
    rows = db.session.scalars(sa.select(PreventionCycle).where(
        PreventionCycle.number.in_([cycle.number - 1, cycle.number + 1]))).all()
    by_number = {row.number: row for row in rows}
    return by_number.get(cycle.number - 1), by_number.get(cycle.number + 1)


def _lock_rounds() -> None:
    """Starting and closing rounds of one KPR one after the other (PostgreSQL; an SQLite request that
    writes holds the database's write lock anyway), so two never take the same number."""
    db.session.execute(sa.select(Tenant.id).where(Tenant.id == current_tenant_id()).with_for_update())


def _text(data: dict, name: str, limit: int = TEXT_MAX) -> str:
    value = (data.get(name) or "").strip()
    if len(value) > limit:
        raise DomainError(f"Bitte fassen Sie sich kürzer (höchstens {limit:,} Zeichen).".replace(",", "."), name)
    return value


def _year(value, name: str, what: str, required: bool = True) -> int | None:
    """`what` as in "Bitte geben Sie das erste Jahr an"."""
    if value is None:
        if required:
            raise DomainError(f"Bitte geben Sie {what} an, z. B. {today().year - 1}.", name)
        return None
    if not FIRST_YEAR <= value <= latest_year():
        raise DomainError(f"{what[0].upper()}{what[1:]} muss zwischen {FIRST_YEAR} und {latest_year()} liegen.",
                          name)
    return value


def _apply_master(cycle: PreventionCycle, data: dict) -> None:
    started = data.get("analysis_started_on")
    if not isinstance(started, date):
        raise DomainError("Bitte geben Sie an, wann die Analyse begonnen hat.", "analysis_started_on")
    if started > today():
        raise DomainError("Der Beginn kann nicht in der Zukunft liegen.", "analysis_started_on")
    if cycle.analysis_finished_on is not None and started > cycle.analysis_finished_on:
        raise DomainError(f"Der Beginn kann nicht nach dem Abschluss der Analyse "
                          f"({format_date(cycle.analysis_finished_on)}) liegen.", "analysis_started_on")
    try:
        conducted_by = ConductedBy(data.get("conducted_by") or "")
    except ValueError:
        raise DomainError("Bitte wählen Sie, wer die Analyse durchführt.", "conducted_by") from None
    contractor = _text(data, "contractor", 200)
    if conducted_by == ConductedBy.contractor and not contractor:
        raise DomainError("Bitte nennen Sie den Auftragnehmer, der die Analyse durchführt.", "contractor")
    first = _year(data.get("first_year"), "first_year", "das erste Jahr")
    last = _year(data.get("last_year"), "last_year", "das letzte Jahr")
    if first > last:
        raise DomainError("Das erste Jahr kann nicht nach dem letzten liegen.", "last_year")
    if last - first + 1 > MAX_SPAN:
        raise DomainError(f"Eine Analyse umfasst höchstens {MAX_SPAN} Jahre.", "last_year")
    cycle.analysis_started_on = started
    cycle.conducted_by = conducted_by
    cycle.contractor = contractor if conducted_by == ConductedBy.contractor else ""
    cycle.first_year, cycle.last_year = first, last


def start_cycle(data: dict) -> PreventionCycle:
    """The KPR's first round (or the next, where every earlier one is closed). `data`:
    analysis_started_on, conducted_by, contractor, first_year, last_year."""
    _lock_rounds()
    current = open_cycle()
    if current is not None:
        raise DomainError(f"Die {current.number}. Runde läuft noch. Die nächste Runde beginnt, wenn Sie die "
                          "laufende abschließen.")
    newest = db.session.scalar(sa.select(sa.func.max(PreventionCycle.number))) or 0
    cycle = PreventionCycle(number=newest + 1)
    _apply_master(cycle, data)
    db.session.add(cycle)
    db.session.flush()
    return cycle


def update_cycle(cycle: PreventionCycle, data: dict) -> PreventionCycle:
    _apply_master(cycle, data)
    db.session.flush()
    return cycle


# -- the results of the analysis ------------------------------------------------------------------------------------

def _count(value, name: str, what: str, minimum: int) -> int | None:
    if value is None:
        return None
    if value < minimum:
        raise DomainError(f"{what} muss mindestens {minimum} sein.", name)
    if value > 100_000_000:
        raise DomainError(f"{what} ist zu groß.", name)
    return value


def _share(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if not Decimal(0) <= value <= Decimal(100):
        raise DomainError("Der Anteil ist ein Prozentwert zwischen 0 und 100.", "survey_unsafe_share")
    if value.as_tuple().exponent < -1:
        raise DomainError("Bitte geben Sie den Anteil mit höchstens einer Nachkommastelle an, z. B. 23,5.",
                          "survey_unsafe_share")
    return value


def _survey(cycle: PreventionCycle, data: dict) -> None:
    sample = _count(data.get("survey_sample"), "survey_sample", "Die Stichprobe", 1)
    responses = _count(data.get("survey_responses"), "survey_responses", "Die Zahl der Antworten", 0)
    if responses is not None and sample is None:
        raise DomainError("Bitte geben Sie auch die Stichprobe an, damit die Rücklaufquote berechnet werden kann.",
                          "survey_sample")
    if responses is not None and responses > sample:
        raise DomainError("Es kann nicht mehr Antworten geben, als Personen befragt wurden.", "survey_responses")
    year = _year(data.get("survey_year"), "survey_year", "das Jahr der Befragung", required=False)
    if year is not None and year > today().year:
        raise DomainError("Das Jahr der Befragung kann nicht in der Zukunft liegen.", "survey_year")
    cycle.survey_year, cycle.survey_sample, cycle.survey_responses = year, sample, responses
    cycle.survey_unsafe_share = _share(data.get("survey_unsafe_share"))
    cycle.survey_problems = "\n".join(line.strip() for line in _text(data, "survey_problems", 5000).splitlines()
                                      if line.strip())


def _report(data: dict) -> int | None:
    document_id = data.get("report_document_id")
    if not document_id:
        return None
    if db.session.get(Document, document_id) is None:  # another KPR's is not found in this scope
        raise DomainError("Bitte wählen Sie ein Dokument des KPR.", "report_document_id")
    return document_id


def save_results(cycle: PreventionCycle, data: dict) -> PreventionCycle:
    """The survey's headline figures, findings, recommendations, the report, the public summary and
    whether it is published, the release to the state council, and the date the analysis finished."""
    finished = data.get("analysis_finished_on")
    if finished is not None:
        if finished > today():
            raise DomainError("Der Abschluss kann nicht in der Zukunft liegen.", "analysis_finished_on")
        if finished < cycle.analysis_started_on:
            raise DomainError(f"Der Abschluss kann nicht vor dem Beginn der Analyse "
                              f"({format_date(cycle.analysis_started_on)}) liegen.", "analysis_finished_on")
    _survey(cycle, data)
    summary = _text(data, "public_summary", 5000)
    published = bool(data.get("summary_published"))
    if published and not summary:
        raise DomainError("Bitte schreiben Sie die Zusammenfassung, bevor Sie sie veröffentlichen.", "public_summary")
    if published and finished is None:
        raise DomainError("Eine Zusammenfassung wird veröffentlicht, wenn die Analyse abgeschlossen ist: bitte "
                          "tragen Sie das Datum des Abschlusses ein.", "summary_published")
    cycle.findings = _text(data, "findings")
    cycle.recommendations = _text(data, "recommendations")
    cycle.report_document_id = _report(data)
    cycle.public_summary, cycle.summary_published = summary, published
    cycle.analysis_shared = bool(data.get("analysis_shared"))
    cycle.analysis_finished_on = finished
    db.session.flush()
    return cycle


# -- closing a round -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NextRound:
    """What closing `cycle` today would open."""

    number: int
    first_year: int
    last_year: int
    offers: int


def next_round(cycle: PreventionCycle) -> NextRound:
    """The following years, as many as this round looked at."""
    first = cycle.last_year + 1
    return NextRound(cycle.number + 1, first, first + cycle.last_year - cycle.first_year, len(cycle.offers))


NOT_FINISHED = ("Die Runde kann erst abgeschlossen werden, wenn ihre Sicherheitsanalyse abgeschlossen ist: bitte "
                "tragen Sie unter „Ergebnisse der Analyse“ das Datum „Analyse abgeschlossen am“ ein.")


def close_cycle(cycle: PreventionCycle) -> PreventionCycle:
    """Close the round (it becomes read-only) and open the next one at the Sicherheitsanalyse, starting
    today with the following years; the inventory's offers are carried into it (without their problems,
    which the new analysis names afresh). Returns the new round."""
    _lock_rounds()
    db.session.refresh(cycle)
    if cycle.closed_on is not None:
        raise DomainError(f"Die {cycle.number}. Runde ist bereits abgeschlossen.")
    if cycle.analysis_finished_on is None:
        raise DomainError(NOT_FINISHED)
    plan = next_round(cycle)
    cycle.closed_on = today()
    following = PreventionCycle(number=plan.number, analysis_started_on=today(), conducted_by=cycle.conducted_by,
                                contractor=cycle.contractor, first_year=plan.first_year, last_year=plan.last_year)
    following.offers = [PreventionOffer(**{name: getattr(offer, name) for name in OFFER_FIELDS})
                        for offer in cycle.offers]
    db.session.add(following)
    db.session.flush()
    return following
