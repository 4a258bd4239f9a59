"""One page of a long list: what a paginated page needs to show its rows and its links."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    rows: list
    total: int
    page: int
    pages: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def clamp(total: int, page: int, per_page: int) -> tuple[int, int]:
    """The asked page moved into range, and the number of pages (at least one, for "nothing found")."""
    pages = max(1, -(-total // per_page))
    return min(max(page, 1), pages), pages
