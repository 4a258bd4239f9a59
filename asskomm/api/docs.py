"""The OpenAPI document and its documentation page, served by the app (nothing from the internet)
and readable without a token: the page is written from the same document, so it cannot drift."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import jsonify, render_template, request

from ..policy import public
from .blueprint import bp
from .spec import document

METHOD_ORDER = ("get", "post", "put", "patch", "delete")


@dataclass
class Parameter:
    name: str
    where: str
    kind: str
    required: bool
    description: str


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    anchor: str
    parameters: list[Parameter] = field(default_factory=list)
    responses: list[tuple[str, str]] = field(default_factory=list)


def _kind(schema: dict[str, Any], components: dict[str, Any]) -> str:
    """A parameter's type for people: "integer (1–10000)", "eins von: a, b"."""
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    if "anyOf" in schema:
        return " oder ".join(_kind(part, components) for part in schema["anyOf"] if part.get("type") != "null")
    if "enum" in schema:
        return "eins von: " + ", ".join(str(value) for value in schema["enum"])
    kind = {"integer": "Ganzzahl", "string": "Text", "boolean": "true/false", "number": "Zahl"}.get(
        schema.get("type", ""), schema.get("type", "Wert"))
    if schema.get("format") == "date":
        kind = "Datum (JJJJ-MM-TT)"
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        kind += f" ({low}–{high})"
    elif schema.get("maxLength"):
        kind += f" (bis {schema['maxLength']} Zeichen)"
    return kind


def operations(openapi: dict[str, Any]) -> dict[str, list[Operation]]:
    """The document's operations by tag, in the order of their paths."""
    components = openapi["components"]["schemas"]
    grouped: dict[str, list[Operation]] = {}
    for path, methods in openapi["paths"].items():
        for method in sorted(methods, key=METHOD_ORDER.index):
            spec = methods[method]
            operation = Operation(method.upper(), path, spec.get("summary", ""), spec.get("description", ""),
                                  spec["operationId"])
            for parameter in spec.get("parameters", []):
                operation.parameters.append(Parameter(
                    parameter["name"], {"path": "Pfad", "query": "Abfrage", "header": "Kopf"}[parameter["in"]],
                    _kind(parameter.get("schema", {}), components), bool(parameter.get("required")),
                    parameter.get("description", "") or parameter.get("schema", {}).get("description", "")))
            operation.responses = [(code, answer.get("description", "")) for code, answer in
                                   sorted(spec["responses"].items())]
            for tag in spec.get("tags") or ["Sonstiges"]:
                grouped.setdefault(tag, []).append(operation)
    return grouped


def _server() -> str:
    return request.host_url.rstrip("/")


@bp.get("/openapi.json")
@public
def openapi():
    return jsonify(document(_server()))


@bp.get("/docs")
@public
def docs():
    openapi_document = document(_server())
    return render_template("api/docs.html", info=openapi_document["info"], server=_server(),
                           groups=operations(openapi_document))
