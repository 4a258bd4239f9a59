"""The application window to show: the one still ahead or running, from FUNDING_WINDOW_START/END."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .reminders import FundingWindow, window_of


@dataclass(frozen=True)
class ShownWindow:
    window: FundingWindow
    today: date

    @property
    def is_open(self) -> bool:
        return self.window.opens <= self.today <= self.window.closes

    @property
    def days_left(self) -> int:
        """Days until it opens (before) or until it closes, that day included (while open)."""
        target = self.window.closes if self.is_open else self.window.opens
        return (target - self.today).days + (1 if self.is_open else 0)


def shown_window(today: date) -> ShownWindow:
    """This year's window until it has closed, then next year's."""
    window = window_of(today.year)
    if today > window.closes:
        window = window_of(today.year + 1)
    return ShownWindow(window, today)
