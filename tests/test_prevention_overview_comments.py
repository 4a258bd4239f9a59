"""Comments extend to the prevention cycle: a round (its Sicherheitsanalyse), a goal and a measure
take comments on their pages, and deleting a goal, an action field with its goals, or a measure drops
their comments with them (the services send `item_deleted`, as documents do)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from asskomm.comments.items import KINDS
from asskomm.comments.models import WorkspaceComment
from asskomm.prevention.models import ActionField, Goal, Measure, PreventionCycle
from asskomm.prevention.stage import Stage
from tenants import tenant_context

from .helpers import tenant
from .prevention_rounds import build_round

SLUG = "bautzen"
PAGES = {"prevention_cycle": "/praevention/runden/{}", "prevention_goal": "/praevention/ziele/{}",
         "prevention_measure": "/praevention/massnahmen/{}"}


def _round(ctx, measures: int = 1) -> dict[str, int]:
    with ctx() as session, tenant_context(tenant(SLUG).id):
        cycle = build_round(Stage.measures, measures=measures)
        goal = session.scalar(sa.select(Goal).join(ActionField).where(ActionField.cycle_id == cycle.id))
        measure = session.scalar(sa.select(Measure).where(Measure.cycle_id == cycle.id))
        session.commit()
        return {"prevention_cycle": cycle.id, "prevention_goal": goal.id,
                "prevention_measure": measure.id if measure else 0, "field": goal.action_field_id}


def _comments(ctx, kind: str, item_id: int) -> int:
    with ctx() as session, tenant_context(tenant(SLUG).id):
        return session.scalar(sa.select(sa.func.count()).select_from(WorkspaceComment).filter_by(
            item_kind=kind, item_id=item_id))


def _comment(client, kind: str, item_id: int, text: str):
    return client.submit(f"/k/{SLUG}/kommentare", {"item_kind": kind, "item_id": item_id, "body": text})


def test_the_kinds_of_the_cycle_are_registered():
    assert {key: (k.model, k.label, k.view_action) for key, k in KINDS.items() if key.startswith("prevention")} == {
        "prevention_cycle": (PreventionCycle, "Sicherheitsanalyse", "prevention.view"),
        "prevention_goal": (Goal, "Ziel", "prevention.view"),
        "prevention_measure": (Measure, "Maßnahme", "prevention.view"),
    }


@pytest.mark.parametrize("kind", list(PAGES))
def test_a_coach_comments_on_a_cycle_item_and_it_shows_on_its_page(client_as, ctx, kind):
    ids = _round(ctx)
    coach = client_as("coach1")
    response = _comment(coach, kind, ids[kind], "Bitte die Zielgruppe genauer fassen.")
    page = f"/k/{SLUG}" + PAGES[kind].format(ids[kind])
    anchor = f"#kommentare-{kind.replace('_', '-')}-{ids[kind]}"
    assert response.status_code == 302 and response.headers["Location"].endswith(page + anchor)
    shown = client_as("mitglied.bautzen").get(page).get_data(as_text=True)
    assert "Bitte die Zielgruppe genauer fassen." in shown and anchor[1:] in shown
    with ctx() as session, tenant_context(tenant(SLUG).id):
        item = session.get(KINDS[kind].model, ids[kind])
        assert KINDS[kind].title(item) == item.title
    # the state council reads shared parts but takes no part in the KPR's comments
    assert _comment(client_as("land"), kind, ids[kind], "Von außen").status_code in (403, 404)
    assert _comments(ctx, kind, ids[kind]) == 1


def test_deleting_a_measure_drops_its_comments(client_as, ctx):
    ids = _round(ctx)
    client = client_as("koordination.bautzen")
    assert _comment(client, "prevention_measure", ids["prevention_measure"], "Gut so.").status_code == 302
    url = f"/k/{SLUG}/praevention/massnahmen/{ids['prevention_measure']}/loeschen"
    assert client.submit(url, {}, page=url).status_code == 302
    assert _comments(ctx, "prevention_measure", ids["prevention_measure"]) == 0


@pytest.mark.parametrize("removed", ["ziele", "handlungsfelder"])
def test_removing_a_goal_or_its_action_field_drops_the_goals_comments(client_as, ctx, removed):
    ids = _round(ctx, measures=0)  # an action field with measures is not removed
    client = client_as("koordination.bautzen")
    assert _comment(client, "prevention_goal", ids["prevention_goal"], "Messbar?").status_code == 302
    url = f"/k/{SLUG}/praevention/{removed}/{ids['prevention_goal' if removed == 'ziele' else 'field']}/loeschen"
    assert client.submit(url, {}, page=url).status_code == 302
    with ctx() as session, tenant_context(tenant(SLUG).id):
        assert session.get(Goal, ids["prevention_goal"]) is None
    assert _comments(ctx, "prevention_goal", ids["prevention_goal"]) == 0
