"""Objects of the public page for the isolation matrix: an unpublished news post (only its editors
may preview it), and partners and community police officers as reached through the edit routes."""

from __future__ import annotations

from datetime import date

from asskomm.public.models import CommunityOfficer, NewsPost, Partner
from tenants import tenant_context

from ..helpers import tenant


def _add(session, slug: str, obj) -> int:
    with tenant_context(tenant(slug).id):
        session.add(obj)
        session.flush()
        return obj.id


def _post(session, slug: str) -> int:
    return _add(session, slug, NewsPost(title=f"Entwurf {slug}", published_on=date(2026, 1, 5), published=False,
                                        body="Noch nicht öffentlich", body_html="<p>Noch nicht öffentlich</p>"))


def _partner(session, slug: str) -> int:
    return _add(session, slug, Partner(name=f"Matrix-Partner {slug}", sector="police"))


def _officer(session, slug: str) -> int:
    return _add(session, slug, CommunityOfficer(name=f"Matrix-Bürgerpolizist:in {slug}"))


OBJECTS = {"post_id": _post, "partner_id": _partner, "officer_id": _officer}
