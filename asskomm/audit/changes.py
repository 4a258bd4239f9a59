"""Column values as they are stored in an entry: JSON-safe, short, and never a secret."""

from __future__ import annotations

import enum
import re
from datetime import date, datetime, time
from decimal import Decimal

# Columns whose values are never written down, only that they changed.
SECRET_COLUMN = re.compile(r"password|token|secret|_hash$|^hash$", re.IGNORECASE)
CHANGED, SET = "geändert", "gesetzt"
# Long texts (minutes, notes) are cut; the entry says what changed, the row keeps the text.
MAX_TEXT = 2000


def is_secret(column: str) -> bool:
    return bool(SECRET_COLUMN.search(column))


def json_value(value):
    """A column value as JSON: dates as ISO strings, enums by value, Decimal as text, bytes by size."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return json_value(value.value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(value)} Bytes>"
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"


def pair(column: str, old, new) -> list:
    """[old, new] for the entry; a secret becomes "gesetzt"/"geändert" instead of its values."""
    if is_secret(column):
        if old is None:
            return [None, SET]
        return [SET, None] if new is None else [SET, CHANGED]
    return [json_value(old), json_value(new)]


def describe(changes: dict, limit: int | None = None) -> list[str]:
    """The changes as German lines for the page and the CSV: "Feld: alt → neu"."""
    lines = []
    for column, values in (changes or {}).items():
        old, new = (values + [None, None])[:2] if isinstance(values, list) else (None, values)
        lines.append(f"{column}: {_shown(old, limit)} → {_shown(new, limit)}")
    return lines


def _shown(value, limit: int | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    text = str(value)
    return text if limit is None or len(text) <= limit else text[:limit] + "…"
