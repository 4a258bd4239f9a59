"""The API's contract: one SpecTree instance that validates requests and responses against the
pydantic models, and the OpenAPI 3.1 document written from them.

SpecTree's own routes (a Swagger page from a CDN) are not registered: the app serves the
document and its own documentation page (asskomm.api.docs)."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import abort
from spectree import Response, SecurityScheme, SpecTree
from spectree.models import SecureType, SecuritySchemeData

from ..problems import MEDIA_TYPE, TITLES, problem
from .schemas import Problem

log = logging.getLogger(__name__)

DESCRIPTION = (
    "Die Schnittstelle des ASSKomm-Netzwerks für die Systeme der Kommunen und des Landespräventionsrats. "
    "Jeder Aufruf trägt ein persönliches Zugriffstoken (Konto → API-Token) im Kopf "
    "»Authorization: Bearer askt_…« und darf genau, was seine Person auf den Seiten darf; ein Lese-Token "
    "ändert nichts. Listen blättern mit »page« und »per_page« und nennen die Nachbarseiten im Kopf »Link«; "
    "Lesezugriffe tragen ein »ETag« und antworten auf »If-None-Match« mit 304. POST nimmt einen "
    "»Idempotency-Key«: dieselbe Anfrage mit demselben Schlüssel wird nur einmal ausgeführt. Fehler kommen als "
    "application/problem+json (RFC 9457)."
)


def _refuse_invalid(req, resp, req_validation_error, instance, model_adapter) -> None:
    """A request the models refuse: 422 problem+json naming each field, before the view runs."""
    if req_validation_error is None:
        return
    errors = [{"loc": [str(part) for part in error.get("loc", ())], "msg": error.get("msg", "")}
              for error in model_adapter.validation_errors(req_validation_error)]
    abort(problem(422, "Die Anfrage enthält ungültige Werte; es wurde nichts geändert.", errors))


def _refuse_invalid_answer(req, resp, resp_validation_error, instance, model_adapter) -> None:
    """An answer that breaks our own contract is our error: logged, and a 500 problem instead."""
    if resp_validation_error is None:
        return
    log.error("API answer violates its schema at %s: %s", req.path, resp_validation_error)
    fallback = problem(500)
    resp.set_data(fallback.get_data())
    resp.mimetype = MEDIA_TYPE


spec = SpecTree(
    "flask",
    mode="strict",
    title="ASSKomm-API",
    version="1.0",
    description=DESCRIPTION,
    path="api/v1/spectree",  # never registered; find_routes skips rules under it
    security_schemes=[SecurityScheme(name="token", data=SecuritySchemeData(
        type=SecureType.HTTP, scheme="bearer", description="Persönliches Zugriffstoken (askt_…)"))],
    security={"token": []},
    before=_refuse_invalid,
    after=_refuse_invalid_answer,
    validation_error_status=422,
    # Components named as the models are (their names are unique in asskomm.api.schemas).
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda parent, child: child,
)

# Every operation may answer these; reads may also answer 304 (tests/test_api_contract.py).
COMMON_ERRORS = {f"HTTP_{code}": Problem for code in (400, 401, 403, 404, 429)}
# What a change may also answer: 409 when the state of things refuses it (asskomm.api.blueprint).
WRITE_ERRORS = {"HTTP_409": Problem}


def responses(*codes: str, **models) -> Response:
    """The operation's answers: its own, the common errors, and 422 for refused input."""
    return Response(*codes, **{**COMMON_ERRORS, "HTTP_422": Problem, **models})


def document(server_url: str) -> dict[str, Any]:
    """The OpenAPI document: error answers as problem+json, reads with their validators (ETag,
    If-None-Match, 304) and lists with their Link header, the server named."""
    openapi = json.loads(json.dumps(spec.spec))  # a deep copy in plain JSON types; SpecTree caches its own
    openapi["servers"] = [{"url": server_url}]
    for operations in openapi["paths"].values():
        for method, operation in operations.items():
            for code, answer in operation["responses"].items():
                content = answer.get("content")
                if int(code) >= 400 and content and "application/json" in content:
                    answer["content"] = {MEDIA_TYPE: content["application/json"]}
                    answer["description"] = TITLES.get(int(code), answer.get("description", ""))
            if method == "get":
                _conditional_read(operation)
    return openapi


def _conditional_read(operation: dict[str, Any]) -> None:
    operation["parameters"].append({
        "name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"},
        "description": "Das ETag einer früheren Antwort: unverändert antwortet 304 ohne Inhalt"})
    headers = {"ETag": {"description": "Kennung genau dieser Antwort", "schema": {"type": "string"}}}
    if any(p["name"] == "page" for p in operation["parameters"]):
        headers["Link"] = {"description": "Erste, vorige, nächste und letzte Seite (RFC 8288)",
                           "schema": {"type": "string"}}
        headers["X-Total-Count"] = {"description": "Einträge insgesamt", "schema": {"type": "string"}}
    operation["responses"]["200"]["headers"] = headers
    operation["responses"]["304"] = {"description": "Nicht geändert (If-None-Match)"}
