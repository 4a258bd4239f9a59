"""Counts the way German tables write them ("1.234", "12.345", plain "1234") and years; shared by
the forms and the import, so a number typed and a number imported are read alike."""

from __future__ import annotations

import re

from ...timeutil import today

FIRST_YEAR = 1990  # the PKS of the reunited Germany; earlier figures are not comparable
COUNT = re.compile(r"\d+|\d{1,3}(\.\d{3})+")
NEGATIVE = "Die Zahl darf nicht negativ sein."
NOT_A_COUNT = "„{}“ ist keine ganze Zahl (erlaubt: 1234 oder 1.234)."


def last_year() -> int:
    """Figures of the current year may be entered as they come in; no later year."""
    return today().year


def year_message() -> str:
    return f"Das Jahr muss zwischen {FIRST_YEAR} und {last_year()} liegen."


def parse_count(text: str) -> int:
    """'1.234', '1234', ' 12.345 ' -> int; ValueError with a German message otherwise (negative
    numbers, decimals and words included)."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if cleaned[:1] in ("-", "−") and COUNT.fullmatch(cleaned[1:]):
        raise ValueError(NEGATIVE)
    if not COUNT.fullmatch(cleaned):
        raise ValueError(NOT_A_COUNT.format(text.strip()))
    return int(cleaned.replace(".", ""))


def parse_year(text: str) -> int:
    cleaned = text.strip()
    if not re.fullmatch(r"\d{4}", cleaned):
        raise ValueError(f"„{cleaned}“ ist keine Jahreszahl (vierstellig, z. B. 2024).")
    year = int(cleaned)
    if not FIRST_YEAR <= year <= last_year():
        raise ValueError(year_message())
    return year
