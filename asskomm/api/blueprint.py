"""The /api/v1/ blueprint: who is calling (a bearer token, never a session cookie), how fast they
may call, and what every answer carries (ETag, no cookie, no caching by shared caches)."""

from __future__ import annotations

import hashlib
import re

from flask import Blueprint, abort, current_app, g, request
from flask.typing import ResponseReturnValue

from ..accounts.api_tokens import ApiToken, authenticate
from ..errors import DomainError
from ..extensions import csrf, limiter
from ..problems import problem

bp = Blueprint("api", __name__, url_prefix="/api/v1", template_folder="templates")
csrf.exempt(bp)  # no cookies, no forms: a bearer token cannot be sent by another site's page

# Documents about the API, readable without a token.
OPEN_ENDPOINTS = frozenset({"api.openapi", "api.docs"})
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_ID = 2**31 - 1  # beyond any row; a larger number in a path would overflow PostgreSQL's integer
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def bearer() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    return raw.strip() if scheme.lower() == "bearer" else ""


def _rate_key() -> str:
    """Per token (its hash, never the token itself); calls without one count per address."""
    raw = bearer()
    return "api|" + (hashlib.sha256(raw.encode()).hexdigest()[:32] if raw else f"address|{request.remote_addr}")


limiter.limit(lambda: current_app.config["SETTINGS"].api_rate_limit, key_func=_rate_key,
              exempt_when=lambda: request.endpoint in OPEN_ENDPOINTS)(bp)


def current_token() -> ApiToken:
    return g.api_token


@bp.url_value_preprocessor
def _refuse_impossible_ids(endpoint, values) -> None:
    for name, value in (values or {}).items():
        if isinstance(value, int) and value > MAX_ID:
            abort(404)
        if name.endswith("slug") and not SLUG.match(str(value)):
            abort(404)


@bp.before_request
def _authenticate() -> ResponseReturnValue | None:
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    token = authenticate(bearer())
    if token is None:
        return problem(401)
    if request.method not in READ_METHODS and not token.can_write:
        return problem(403, "Dieses Token darf nur lesen. Für Änderungen erstellen Sie ein Token mit dem "
                            "Umfang »lesen und ändern«.")
    g.api_token = token
    g._login_user = token.user  # Flask-Login's current_user for this request only; no session is touched
    return None


@bp.after_request
def _conditional(response):
    response.headers["Cache-Control"] = "private, no-cache" if request.method in READ_METHODS else "no-store"
    response.vary.add("Authorization")
    if request.method == "GET" and response.status_code == 200 and not response.direct_passthrough:
        response.add_etag()  # a strong validator of exactly these bytes
        response.make_conditional(request)
    return response


@bp.errorhandler(DomainError)
def _refused(error: DomainError):
    """A service's refusal (already registered, registration closed): the request was well formed,
    but the state of things does not allow it — 409, where a malformed one is 422."""
    return problem(409, error.message)
