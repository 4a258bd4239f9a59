"""The isolation matrix's alliance dimension: Mecklenburg-Vorpommern's state council, state contact
and coach, on their alliance's host, get 404 for every route with an object of Saxony's alliance in
its address (its KPRs, their objects, its events and shared practices), pages and API alike; the
pages without an object show them none of Saxony's KPRs. The positive control: the same routes
work for them with their own alliance's objects."""

from __future__ import annotations

import pytest
from werkzeug.routing import Rule

from .api_helpers import bearer, token_for
from .test_isolation_matrix import NOT_OBJECTS, build, make_ids, matrix_rules, methods

MV_ROLES = {"state_admin": "land-mv", "contact": "kontakt-mv", "coach": "coach-mv"}
SAXON, OWN = "zwickau", "landkreis-rostock"
# What no page of Mecklenburg-Vorpommern's alliance may show of Saxony's demo KPRs: links to them, names
# that no help text uses as an example.
SAXON_NAMES = tuple(f'href="/k/{slug}/' for slug in ("zwickau", "zittau", "meissen", "plauen", "bautzen")) + (
    "Stadt Plauen", "Stadt Bautzen", "Stadt Meißen", "Stadt Freiberg")


@pytest.fixture
def ids(ctx):
    made = make_ids(ctx)
    with ctx() as session:
        from .matrix_objects import __path__  # noqa: F401 (the same makers, for Landkreis Rostock)
        from .test_isolation_matrix import CATALOG, OBJECTS

        made[OWN] = {name: make(session, OWN) for name, make in {**OBJECTS, **CATALOG}.items()}
        session.commit()
    return made


def _with_objects(rules: list[Rule]) -> list[Rule]:
    return [rule for rule in rules if not set(rule.arguments) & NOT_OBJECTS]


@pytest.mark.parametrize("role", list(MV_ROLES))
def test_saxonys_objects_are_404_for_mecklenburg_vorpommerns_state_roles(fresh, client_as, ids, role):
    client = client_as(MV_ROLES[role])
    token = client.csrf_token()
    checked = 0
    for rule in _with_objects(matrix_rules(fresh)):
        url = build(fresh, rule, SAXON, ids[SAXON])
        for method in methods(rule):
            response = client.open(url, method=method, data={"csrf_token": token})
            assert response.status_code == 404, f"{role} {method} {url}: {response.status_code}"
            checked += 1
    assert checked >= 100


@pytest.mark.parametrize("role", list(MV_ROLES))
def test_the_api_answers_404_for_saxonys_objects_to_their_tokens(fresh, ids, role):
    from .fixtures.clients import make_client

    client, headers = make_client(fresh, "mv.localhost"), bearer(token_for(fresh, MV_ROLES[role], "write"))
    checked = 0
    for rule in matrix_rules(fresh, api=True):
        url = build(fresh, rule, SAXON, ids[SAXON])
        for method in methods(rule):
            response = client.open(url, method=method, headers=headers)
            assert response.status_code == 404, f"{role} {method} {url}: {response.status_code}"
            checked += 1
    assert checked >= 10


def test_state_pages_without_an_object_show_mecklenburg_vorpommern_none_of_saxonys_kprs(fresh, client_as):
    clients = {role: client_as(login) for role, login in MV_ROLES.items()}
    shown = 0
    for rule in fresh.url_map.iter_rules():
        if rule.arguments or "GET" not in rule.methods or rule.endpoint == "static" or "export" in rule.rule:
            continue
        for role, client in clients.items():
            response = client.get(rule.rule)
            if response.status_code != 200 or not response.mimetype.startswith("text/html"):
                continue
            body = response.get_data(as_text=True)
            assert not [name for name in SAXON_NAMES if name in body], f"{role} {rule.rule}"
            shown += 1
    assert shown >= 20


def test_the_positive_control_each_route_works_for_mecklenburg_vorpommern_on_its_own_objects(fresh, client_as, ids):
    clients = {role: client_as(login) for role, login in {**MV_ROLES, "coordinator": "koordination.landkreis-rostock",
                                                          "member": "mitglied.landkreis-rostock"}.items()}
    for rule in _with_objects(matrix_rules(fresh)):
        if "GET" not in rule.methods:
            continue
        url = build(fresh, rule, OWN, ids[OWN])
        answers = {role: client.get(url).status_code for role, client in clients.items()}
        assert 200 in answers.values(), f"{rule.rule}: nobody of Mecklenburg-Vorpommern gets 200 ({answers})"
