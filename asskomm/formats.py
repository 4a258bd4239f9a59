"""Numbers the way German readers write them: 1.234 · 2,5 · 1.234,50 €."""

from __future__ import annotations

from decimal import Decimal


def format_number(value: Decimal | int | float | None, kind: str = "count") -> str:
    """kind: count (whole), hours (up to two decimals, no trailing zeros) or euro."""
    amount = Decimal(value or 0)
    if kind == "euro":
        text = f"{amount:,.2f} €"
    elif kind == "hours":
        text = f"{amount:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{amount:,.0f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
