"""The KPR area's navigation, filled by each feature's views module when it is imported."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    action: str
    order: int


TENANT_NAV: list[NavItem] = []


def tenant_nav_item(label: str, endpoint: str, action: str, order: int) -> None:
    if all(item.endpoint != endpoint for item in TENANT_NAV):
        TENANT_NAV.append(NavItem(label, endpoint, action, order))
        TENANT_NAV.sort(key=lambda item: item.order)
