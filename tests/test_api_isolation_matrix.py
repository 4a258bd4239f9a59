"""The isolation matrix of the JSON API: every API route with an object in its address, called
with a write token of every role and a foreign KPR's slug and ids, answers 404 (problem+json),
never the foreign data; and the positive control, each route working for some role on its own KPR.
The objects are the page matrix's (tests/matrix_objects/)."""

from __future__ import annotations

import pytest

from .api_helpers import bearer, token_for
from .fixtures.clients import make_client
from .test_isolation_matrix import OBJECTS, ROLES, build, make_ids, matrix_rules, methods

PROBLEM = "application/problem+json"


@pytest.fixture
def ids(ctx):
    return make_ids(ctx)


@pytest.fixture
def tokens(fresh):
    return {role: bearer(token_for(fresh, login, "write")) for role, (login, _own, _foreign) in ROLES.items()}


def _public(app, rule) -> bool:
    return getattr(app.view_functions[rule.endpoint], "public", False)


@pytest.mark.parametrize("role", [r for r, spec in ROLES.items() if spec[2]])
def test_every_api_route_with_a_foreign_kprs_ids_is_404(fresh, ids, tokens, role):
    _login, own, foreign = ROLES[role]
    client = make_client(fresh)
    checked = 0
    for rule in matrix_rules(fresh, api=True):
        if _public(fresh, rule) or ("tenant_slug" not in rule.arguments and not set(rule.arguments) & set(OBJECTS)):
            continue  # a KPR's public data, or only catalog objects: the same for every token
        variants = [build(fresh, rule, foreign, ids[foreign])]
        if "tenant_slug" in rule.arguments and set(rule.arguments) & set(OBJECTS):
            variants.append(build(fresh, rule, own, ids[foreign]))
        for url in variants:
            for method in methods(rule):
                response = client.open(url, method=method, headers=tokens[role])
                assert response.status_code == 404, f"{role} {method} {url}: {response.status_code}"
                assert response.mimetype == PROBLEM and f"{foreign}" not in response.get_data(as_text=True)
                checked += 1
    assert checked >= 6  # four workspace lists, a registration and its cancellation


def test_every_api_route_answers_its_own_people(fresh, ids, tokens):
    client = make_client(fresh)
    posts = []
    for rule in matrix_rules(fresh, api=True):
        answers = {}
        for role, (_login, own, _foreign) in ROLES.items():
            url = build(fresh, rule, own, ids[own])
            if "GET" not in rule.methods:
                posts.append(url)
                break
            answers[role] = client.get(url, headers=tokens[role]).status_code
        if answers:
            assert 200 in answers.values(), f"{rule.rule}: no token gets 200 ({answers})"
    for url in posts:  # a refusal with reasons (422) means the route reached its rules: enough
        answers = {role: client.post(url, headers=headers).status_code for role, headers in tokens.items()}
        assert {200, 201, 422} & set(answers.values()), f"POST {url}: no token may use it ({answers})"
