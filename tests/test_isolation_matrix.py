"""Every route under /k/<slug>/ and every route with an object id, requested by every role with
a foreign KPR's slug and ids: 404, never the foreign data. A route with a parameter this file
does not know fails the test, so new features cannot forget to join the matrix."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

import pytest

from tenants import Tenant

from . import matrix_objects

# role -> (login, own KPR, a KPR the role must not see)
ROLES = {
    "coordinator": ("koordination.zwickau", "zwickau", "zittau"),
    "member": ("mitglied.zwickau", "zwickau", "zittau"),
    "coach": ("coach1", "zwickau", "meissen"),
    "contact": ("kontakt", "zwickau", "zittau"),
    "state_admin": ("land", "zwickau", None),
}

# Parameters that name no object of anyone's: links from mails, static files, job progress.
NOT_OBJECTS = {"token", "filename", "task_id"}
API = "/api/"


def _objects(kind: str) -> dict[str, Callable]:
    """OBJECTS: parameter name -> how to make an object of that kind in a given KPR that the other
    roles must not see. CATALOG: objects of the state council that every signed-in person sees
    (the events catalog); routes naming only those are not tenant data and only get the positive
    control. Each feature adds a module to tests/matrix_objects/."""
    found: dict[str, Callable] = {}
    for info in pkgutil.iter_modules(matrix_objects.__path__):
        module = importlib.import_module(f"{matrix_objects.__name__}.{info.name}")
        mine = getattr(module, kind, {})
        overlap = set(found) & set(mine)
        assert not overlap, f"{info.name} defines {overlap} again"
        found.update(mine)
    return found


OBJECTS = _objects("OBJECTS")
CATALOG = _objects("CATALOG")


def is_public(app, rule) -> bool:
    return getattr(app.view_functions[rule.endpoint], "public", False)


def matrix_rules(app, api: bool = False):
    """The rules with an object in their address: the pages' (sessions) or the API's (tokens)."""
    rules = []
    for rule in app.url_map.iter_rules():
        params = set(rule.arguments) - NOT_OBJECTS
        if rule.endpoint == "static" or not params or rule.rule.startswith(API) != api:
            continue  # the API's routes take a token, not a session: tests/test_api_isolation_matrix.py
        unknown = params - set(OBJECTS) - set(CATALOG) - {"tenant_slug"}
        assert not unknown, f"{rule.rule}: parameters {unknown} are not covered by the isolation matrix"
        rules.append(rule)
    assert rules
    return rules


def build(app, rule, slug: str, ids: dict[str, int]) -> str:
    """This rule's URL (not another rule of the same endpoint); keys from mails get a wrong one."""
    values = {name: ids[name] for name in rule.arguments if name in OBJECTS or name in CATALOG}
    values.update({name: "kein-gueltiger-schluessel" for name in rule.arguments if name in NOT_OBJECTS})
    if "tenant_slug" in rule.arguments:
        values["tenant_slug"] = slug
    return rule.build(values, append_unknown=False)[1]


def methods(rule) -> list[str]:
    return [m for m in ("GET", "POST") if m in rule.methods]


def make_ids(ctx) -> dict[str, dict[str, int]]:
    """Objects of every kind in three KPRs: slug -> parameter name -> id."""
    with ctx() as session:
        result = {}
        for slug in ("zwickau", "zittau", "meissen"):
            result[slug] = {name: make(session, slug) for name, make in {**OBJECTS, **CATALOG}.items()}
        session.commit()
        return result


@pytest.fixture
def ids(ctx):
    return make_ids(ctx)


@pytest.mark.parametrize("role", [r for r, spec in ROLES.items() if spec[2]])
def test_foreign_slug_and_foreign_ids_are_404(fresh, client_as, ids, role):
    login, own, foreign = ROLES[role]
    client = client_as(login)
    token = client.csrf_token()
    checked = 0
    for rule in matrix_rules(fresh):
        if is_public(fresh, rule) and not set(rule.arguments) & set(OBJECTS):
            continue  # the public page of any KPR is for everyone; its own tests check its content
        if "tenant_slug" not in rule.arguments and not set(rule.arguments) & set(OBJECTS):
            continue  # only catalog objects: the same for every KPR
        variants = [build(fresh, rule, foreign, ids[foreign])]
        if "tenant_slug" in rule.arguments and set(rule.arguments) & set(OBJECTS):
            variants.append(build(fresh, rule, own, ids[foreign]))  # own KPR's URL, foreign object
        for url in variants:
            for method in methods(rule):
                response = client.open(url, method=method, data={"csrf_token": token})
                assert response.status_code == 404, f"{role} {method} {url}: {response.status_code}"
                body = response.get_data(as_text=True)
                assert f"mitglied.{foreign}@" not in body
                checked += 1
    assert checked >= 10


def test_every_matrix_route_answers_its_own_people(fresh, client_as, ids, monkeypatch):
    """The positive control: each route has a role for which it works on its own KPR, so the
    404s above are not the routes failing for everyone."""
    # "Neu berechnen" buttons send their job by name, eager mode or not (see the fuzz test): here
    # they answer "broker unreachable", so no worker left by an earlier test runs one.
    monkeypatch.setattr("asskomm.jobs.broker_ok", lambda: False)
    clients = {role: client_as(spec[0]) for role, spec in ROLES.items()}
    rules = matrix_rules(fresh)
    posts = []
    for rule in rules:
        if set(rule.arguments) & NOT_OBJECTS:
            continue  # a key from a mail: only its holder gets the page (tested with the feature)
        answers = {}
        for role, (_, own, _) in ROLES.items():
            url = build(fresh, rule, own, ids[own])
            if "GET" in rule.methods:
                answers[role] = clients[role].get(url).status_code
            else:
                posts.append(url)
                break
        if answers:
            assert 200 in answers.values(), f"{rule.rule}: nobody gets 200 ({answers})"
    # State-changing routes last, so their effects do not disturb the GET checks. A form sent
    # without its fields may answer 422: the route then reached its validation, which is enough.
    for url in posts:
        answers = {}
        for role, client in clients.items():
            answers[role] = client.post(url, data={"csrf_token": client.csrf_token()}).status_code
            if answers[role] in (302, 303, 422):
                break
        else:
            raise AssertionError(f"POST {url}: no role may use it ({answers})")


@pytest.mark.parametrize(
    ("role", "pages"),
    [
        ("coordinator", ["/", "/k/zwickau/", "/k/zwickau/mitglieder"]),
        ("member", ["/k/zwickau/", "/k/zwickau/mitglieder"]),
        ("coach", ["/coach/", "/k/zwickau/", "/k/zittau/"]),
        ("contact", ["/land/", "/k/zwickau/", "/k/zwickau/stammdaten", "/k/meissen/"]),
        ("state_admin", ["/land/", "/land/personen", "/land/postausgang/", "/land/kpr/neu", "/k/zittau/zuordnung"]),
    ],
)
def test_own_pages_answer_200(client_as, role, pages):
    client = client_as(ROLES[role][0])
    for page in pages:
        response = client.get(page, follow_redirects=True)
        assert response.status_code == 200, f"{role} {page}: {response.status_code}"


def test_unknown_kpr_is_404(client_as):
    assert client_as("land").get("/k/gibt-es-nicht/").status_code == 404


def test_tenant_model_is_not_reachable_by_id(fresh):
    """Tenants are addressed by slug only; no route takes a tenant id."""
    assert all("tenant_id" not in rule.arguments for rule in fresh.url_map.iter_rules())
    assert Tenant.__tablename__ == "tenant"
