"""The founding guide through HTTP: steps, checklists, progress for coach and contact, founding."""

from __future__ import annotations

import re

import sqlalchemy as sa

from asskomm.founding.models import FoundingStep
from tenants import TenantStatus, tenant_context

from .helpers import tenant


def _step_ids(ctx, slug: str) -> list[int]:
    with ctx() as session, tenant_context(tenant(slug).id):
        return list(session.scalars(sa.select(FoundingStep.id).order_by(FoundingStep.id)))


def test_progress_is_visible_to_coach_and_state_contact(client_as):
    for login in ("coach1", "kontakt2", "mitglied.bautzen"):
        page = client_as(login).get("/k/bautzen/gruendung").get_data(as_text=True)
        assert "Fortschritt: 2 von 5 Schritten erledigt." in page
        assert "Gespräche mit Polizeirevier" in page
        assert "Schritt speichern" not in page  # reading only
    assert client_as("coach2").get("/k/bautzen/gruendung").status_code == 404


def test_coordinator_walks_the_guide_and_the_kpr_is_founded(client_as, ctx):
    client = client_as("koordination.plauen")
    assert "noch nicht begonnen" in client.get("/k/plauen/gruendung").get_data(as_text=True)
    assert client.submit("/k/plauen/gruendung/modell", {"model": "bottom_up"}).status_code == 302
    ids = _step_ids(ctx, "plauen")
    assert len(ids) == 5
    early = client.submit("/k/plauen/gruendung/abschliessen", follow_redirects=True)
    assert "Erst wenn alle fünf Schritte erledigt sind" in early.get_data(as_text=True)
    for step_id in ids:
        prefix = f"step{step_id}"
        response = client.submit(f"/k/plauen/gruendung/schritte/{step_id}", {
            f"{prefix}-checked": ["0", "1"], f"{prefix}-notes": "Erledigt im Team",
            f"{prefix}-owner": "Stadtverwaltung", f"{prefix}-due_on": "2026-12-31", f"{prefix}-done": "y"})
        assert response.status_code == 302
    page = client.get("/k/plauen/gruendung").get_data(as_text=True)
    assert "Fortschritt: 5 von 5 Schritten erledigt." in page
    assert len(re.findall(r'value="1" checked', page)) == 5
    assert client.submit("/k/plauen/gruendung/abschliessen").status_code == 302
    with ctx():
        plauen = tenant("plauen")
        assert plauen.status == TenantStatus.founded and plauen.founded_on is not None


def test_unknown_question_index_changes_nothing(client_as, ctx):
    step_id = _step_ids(ctx, "bautzen")[2]
    client = client_as("koordination.bautzen")
    response = client.submit(f"/k/bautzen/gruendung/schritte/{step_id}",
                             {f"step{step_id}-checked": ["99"], f"step{step_id}-owner": "X"}, follow_redirects=True)
    assert "Unbekannte Leitfrage." in response.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("bautzen").id):
        assert session.get(FoundingStep, step_id).owner == "Koordinierungsstelle"


def test_member_cannot_change_steps(client_as, ctx):
    step_id = _step_ids(ctx, "bautzen")[0]
    assert client_as("mitglied.bautzen").submit(f"/k/bautzen/gruendung/schritte/{step_id}", {}).status_code == 403
    assert client_as("koordination.zittau").submit(f"/k/zittau/gruendung/schritte/{step_id}", {}).status_code == 404


def test_guide_page_has_a_fixed_query_count(client_as, count_queries):
    client = client_as("koordination.zittau")
    with count_queries() as n:
        assert client.get("/k/zittau/gruendung").status_code == 200
    assert n.value <= 12


def test_a_kpr_founded_before_the_platform_shows_its_founding_as_done(client_as):
    for login in ("koordination.zwickau", "coach1", "kontakt", "mitglied.zwickau"):
        page = client_as(login).get("/k/zwickau/gruendung").get_data(as_text=True)
        assert "Fortschritt: erledigt – vor Nutzung der Plattform gegründet (am 24.09.2020)." in page, login
        assert "noch nicht begonnen" not in page and "Leitfaden beginnen" not in page
        assert page.count('class="step step-done"') == 5
    # dormant since 2024, founded 2018: founded all the same
    assert "vor Nutzung der Plattform gegründet" in client_as("land").get("/k/freiberg/gruendung").get_data(
        as_text=True)
    # not founded yet: the guide is still to begin
    assert "vor Nutzung der Plattform" not in client_as("koordination.plauen").get("/k/plauen/gruendung").get_data(
        as_text=True)
