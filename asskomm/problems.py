"""Errors of the JSON API as `application/problem+json` (RFC 9457), with German titles.

The pages answer errors with an HTML page (asskomm.web); under /api/ the same codes answer here,
so a client never has to parse HTML."""

from __future__ import annotations

from flask import Response, json, request

MEDIA_TYPE = "application/problem+json"
API_PREFIX = "/api/"

TITLES = {
    400: "Ungültige Anfrage",
    401: "Anmeldung erforderlich",
    403: "Keine Berechtigung",
    404: "Nicht gefunden",
    405: "Methode nicht erlaubt",
    409: "Aktion nicht möglich",
    412: "Vorbedingung nicht erfüllt",
    413: "Anfrage zu groß",
    415: "Falscher Inhaltstyp",
    422: "Ungültige Eingabe",
    429: "Zu viele Anfragen",
    500: "Interner Fehler",
}

DETAILS = {
    401: "Bitte senden Sie ein gültiges persönliches Zugriffstoken im Kopf »Authorization: Bearer …«.",
    403: "Für diese Aktion fehlt Ihnen oder Ihrem Token die Berechtigung.",
    404: "Das gibt es nicht, oder es ist für Sie nicht sichtbar.",
    405: "Diese Methode ist an dieser Adresse nicht möglich.",
    413: "Die gesendeten Daten überschreiten die zulässige Größe.",
    429: "Zu viele Anfragen mit diesem Token in kurzer Zeit. Bitte warten Sie etwas und versuchen Sie es erneut.",
    500: "Bei der Verarbeitung ist ein Fehler aufgetreten. Es wurde nichts gespeichert.",
}


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def problem(status: int, detail: str | None = None, errors: list[dict] | None = None,
            headers: dict[str, str] | None = None) -> Response:
    """One problem answer: type about:blank, the status's German title, what went wrong in `detail`;
    `errors` names the fields of a refused input (the extension member RFC 9457 allows)."""
    body: dict = {"type": "about:blank", "title": TITLES.get(status, "Fehler"), "status": status,
                  "detail": detail or DETAILS.get(status, TITLES.get(status, "Fehler"))}
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=MEDIA_TYPE)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="asskomm"'
    response.headers.update(headers or {})
    return response
