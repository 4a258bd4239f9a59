"""The KPR area's navigation, filled by each feature's views module when it is imported.

The items come in groups that base.html shows as native disclosures (<details>), so that the menu
stays short at 320 px and works without scripts. Items without a group are shown as plain links
before the groups.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class NavGroup:
    position: int
    label: str


# Ordered by position; the key is what a feature names when it registers an item.
NAV_GROUPS: dict[str, NavGroup] = {
    "": NavGroup(0, ""),
    "gremien": NavGroup(10, "Gremien & Sitzungen"),
    "praevention": NavGroup(20, "Präventionsarbeit"),
    "dokumente": NavGroup(30, "Dokumente & Öffentlichkeit"),
    "verwaltung": NavGroup(40, "Grundlagen & Verwaltung"),
}


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    action: str
    order: int
    group: NavGroup = NAV_GROUPS[""]


TENANT_NAV: list[NavItem] = []


def tenant_nav_item(label: str, endpoint: str, action: str, order: int, group: str = "") -> None:
    """Register a menu item of the KPR area; `group` is a key of NAV_GROUPS ("" = no group)."""
    if group not in NAV_GROUPS:
        raise ValueError(f"unknown navigation group {group!r}; known: {sorted(NAV_GROUPS)}")
    if all(item.endpoint != endpoint for item in TENANT_NAV):
        TENANT_NAV.append(NavItem(label, endpoint, action, order, NAV_GROUPS[group]))
        TENANT_NAV.sort(key=lambda item: (item.group, item.order))
