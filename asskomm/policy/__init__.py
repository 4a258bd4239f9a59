"""Who may do what: the one place that decides, following DESIGN.md's roles table.

Roles inside a KPR come from a membership (coordinator, member), a current assignment (coach,
contact) or the global role state admin. A person with none of them does not see the KPR at all:
its pages answer 404, as if it did not exist.

`can(user, action, obj)` decides on a KPR, or on an object and its state: a tenant action on an
object is decided in the object's KPR; an object action (OBJECT_RULES) looks at the object itself
(whose registration it is, who organises the event, whether the meeting has begun). The rules
read the objects' attributes and never import a feature, so the kernel stays below them.

- `rules`: the roles and the rules decided by them alone (TENANT_RULES, GLOBAL_RULES, PERSON_RULES,
  WHEN_ARCHIVED);
- `objects`: the rules on objects and their state (OBJECT_RULES);
- `access`: `can`, the view decorator `requires` and the gates of the areas under /k/<slug>/;
- `urls`: where a `next` parameter may lead.
"""

from .access import can, public, public_gate, public_tenant_area, requires, tenant_area, tenant_gate
from .objects import OBJECT_RULES
from .rules import (
    GLOBAL_RULES,
    PERSON_RULES,
    STATE_ADMIN,
    TENANT_ROLES,
    TENANT_RULES,
    WHEN_ARCHIVED,
    coordinated,
    coordinated_elsewhere,
    in_alliance,
    is_coordinator_of,
    memberships_of,
    role_allows,
    tenant_of,
    tenant_roles,
)
from .urls import safe_next_url, same_site_path

__all__ = [
    "GLOBAL_RULES", "OBJECT_RULES", "PERSON_RULES", "STATE_ADMIN", "TENANT_ROLES", "TENANT_RULES", "WHEN_ARCHIVED",
    "can", "coordinated", "coordinated_elsewhere", "in_alliance", "is_coordinator_of", "memberships_of",
    "public", "public_gate", "public_tenant_area", "requires", "role_allows", "safe_next_url", "same_site_path",
    "tenant_area", "tenant_gate", "tenant_of", "tenant_roles",
]
