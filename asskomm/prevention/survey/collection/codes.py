"""One-time codes for the postal random sample: generated in batches, printed on slips, entered by
the respondent once. Using a code deletes its row, in the transaction that writes the response.

Why delete rather than mark it used: PostgreSQL keeps, in every row, the id of the transaction that
last wrote it (the system column `xmin`). A code row updated to "used" would carry the very
transaction id of the response it came with, and anyone who may read both tables could pair them.
A deleted row leaves no live row behind; the survey counts how many codes it issued, so the used
ones are that number less the rows still there."""

from __future__ import annotations

import re
import secrets

import sqlalchemy as sa

from tenants import db

from ....errors import DomainError
from ....formats import format_number
from ..models import Survey, SurveyCode, SurveyStatus

# No 0/O, 1/I: letters and digits that cannot be mistaken for each other when typed from paper.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 8
BATCH_MAX = 5_000
SURVEY_MAX = 20_000
SHEET_SIZE = 1_000  # slips per printable sheet, so that a browser prints it without trouble
EXAMPLE = "K7QX-M3TP"
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.]+")


def normalise(raw: str) -> str | None:
    """What a person typed ("k7qx m3tp", "K7QX-M3TP") as the stored code, or None if it cannot be one."""
    code = _SEPARATORS.sub("", raw or "").upper()
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def grouped(code: str) -> str:
    """A code as printed: two groups of four, "K7QX-M3TP"."""
    return f"{code[:4]}-{code[4:]}"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def _unused_count(survey: Survey) -> int:
    return db.session.scalar(sa.select(sa.func.count(SurveyCode.id)).where(SurveyCode.survey_id == survey.id))


def counts(survey: Survey) -> tuple[int, int]:
    """(issued, used) codes of the survey, in one query."""
    return survey.codes_issued, survey.codes_issued - _unused_count(survey)


def has_codes(survey: Survey) -> bool:
    return db.session.scalar(sa.select(sa.exists().where(SurveyCode.survey_id == survey.id)))


def generate(survey: Survey, count: int) -> int:
    """Add `count` new codes to the survey (1 to 5,000 at once, 20,000 in all); flushes. The survey
    row is locked first, so two coordinators generating at once stay within the cap."""
    if survey.status == SurveyStatus.closed:
        raise DomainError("Die Befragung ist abgeschlossen: neue Codes werden nicht mehr gebraucht.", "count")
    if not 1 <= count <= BATCH_MAX:
        raise DomainError(f"Bitte geben Sie eine Anzahl von 1 bis {format_number(BATCH_MAX)} an.", "count")
    issued = db.session.scalar(sa.select(Survey.codes_issued).where(Survey.id == survey.id).with_for_update())
    if issued + count > SURVEY_MAX:
        room = SURVEY_MAX - issued
        raise DomainError(
            f"Eine Befragung hat höchstens {format_number(SURVEY_MAX)} Codes; es sind schon "
            f"{format_number(issued)}. " + (f"Möglich sind noch {format_number(room)}." if room else
                                            "Es können keine weiteren erzeugt werden."), "count")
    # Only the unused codes are still there to avoid; meeting a used one again is as unlikely as
    # guessing any code (32^8 possibilities).
    existing = set(db.session.scalars(sa.select(SurveyCode.code).where(SurveyCode.survey_id == survey.id)))
    fresh: set[str] = set()
    while len(fresh) < count:
        code = new_code()
        if code not in existing:
            fresh.add(code)
    db.session.add_all(SurveyCode(survey_id=survey.id, code=code) for code in sorted(fresh))
    survey.codes_issued = issued + count
    db.session.flush()
    return count


def unused_page(survey: Survey, sheet: int) -> tuple[list[str], int]:
    """The unused codes on printable sheet `sheet` (from 1), and how many sheets there are."""
    sheets = max(1, -(-_unused_count(survey) // SHEET_SIZE))
    codes = list(db.session.scalars(
        sa.select(SurveyCode.code).where(SurveyCode.survey_id == survey.id)
        .order_by(SurveyCode.id).offset((min(sheet, sheets) - 1) * SHEET_SIZE).limit(SHEET_SIZE)))
    return codes, sheets


# A used code is gone (see above), so an unknown code and a used one look alike.
UNKNOWN = ("Diesen Zugangscode kennen wir für diese Befragung nicht, oder mit ihm wurde schon geantwortet: Jeder "
           "Code gilt nur einmal. Bitte prüfen Sie die acht Zeichen auf Ihrem Brief (zum Beispiel " + EXAMPLE + ").")
USED = "Dieser Zugangscode wurde schon verwendet: Mit jedem Code kann nur einmal geantwortet werden."
MALFORMED = ("Ein Zugangscode hat acht Zeichen aus Buchstaben und Ziffern, zum Beispiel " + EXAMPLE
             + ". Der Bindestrich ist nicht nötig.")


def unused_code(survey: Survey, raw: str) -> SurveyCode:
    """The survey's unused code that `raw` names; refuses a malformed, unknown or used one."""
    code = normalise(raw)
    if code is None:
        raise DomainError(MALFORMED, "code")
    found = db.session.scalar(sa.select(SurveyCode).filter_by(survey_id=survey.id, code=code))
    if found is None:
        raise DomainError(UNKNOWN, "code")
    return found


def use(survey: Survey, code: str) -> None:
    """Use the code, once: a DELETE whose row count says whether this request was the one that used
    it (two tabs submitting at once: the second waits for the first's row lock, then finds nothing).
    Runs in the transaction that writes the response. The respondent held this code since they
    entered it, so a code not found now was used meanwhile."""
    result = db.session.execute(
        sa.delete(SurveyCode).where(SurveyCode.survey_id == survey.id, SurveyCode.code == code)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise DomainError(USED, "code")
