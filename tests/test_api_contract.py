"""The API's contract: its OpenAPI document is valid (openapi-spec-validator), and schemathesis,
generating requests from it, finds no server error and no answer that breaks the document —
with tokens of several roles, in-process over WSGI, on both databases."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from .api_helpers import bearer, token_for
from .fixtures.clients import make_client

EXAMPLES_PER_OPERATION = 60
LOGINS = [("land", "write"), ("koordination.zwickau", "write"), ("mitglied.zittau", "read"), ("coach1", "read")]


def test_the_openapi_document_is_valid_openapi_3_1(fresh):
    document = make_client(fresh).get("/api/v1/openapi.json").get_json()
    validate(document)
    assert document["openapi"].startswith("3.1") and len(document["paths"]) >= 15
    for operations in document["paths"].values():
        for operation in operations.values():
            assert {"401", "404", "422", "429"} <= set(operation["responses"])
            assert "application/problem+json" in operation["responses"]["404"]["content"]


def test_generated_requests_find_no_server_error_and_no_answer_outside_the_contract(fresh):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fresh)
    tokens = [bearer(token_for(fresh, login, scope)) for login, scope in LOGINS]
    sent: list[int] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(), headers=st.sampled_from(tokens))
        def call(case, headers):
            case.headers = {**(case.headers or {}), **headers}
            if "Idempotency-Key" in case.headers:  # one key per request: a reuse is tests/test_api.py's
                case.headers["Idempotency-Key"] += f"-{len(sent)}"
            response = case.call()
            sent.append(response.status_code)
            case.validate_response(response)

        call()
    assert len(sent) >= 1000 and 500 not in sent, (len(sent), sorted(set(sent)))
