"""`/konto/api-token`: creating shows the raw token once, refused input changes nothing,
revoking asks first and is limited to one's own tokens, the audit trail keeps no hash."""

from __future__ import annotations

import json
import re

import sqlalchemy as sa

from asskomm.accounts import api_tokens
from asskomm.accounts.api_tokens import ApiToken
from asskomm.audit.models import AuditEntry

from .helpers import user

URL = "/konto/api-token"


def _count(session, login: str) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(ApiToken).where(
        ApiToken.user_id == user(login).id))


def test_creating_shows_the_token_once_and_it_authenticates_until_revoked(client_as, ctx):
    me = client_as("koordination.zwickau")
    page = me.get(URL)
    assert page.status_code == 200 and "JSON-Schnittstelle" in page.get_data(as_text=True)
    answer = me.submit(URL, {"name": "Auswertung", "scope": "write", "days": "30"}, page=URL)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    raw = re.search(r'value="(askt_[^"]+)"', html).group(1)
    assert "nicht noch einmal angezeigt" in html and "lesen und ändern" in html
    assert raw not in me.get(URL).get_data(as_text=True)
    with ctx() as session:
        token = api_tokens.authenticate(raw)
        assert token is not None and token.name == "Auswertung" and token.can_write
        entry = session.scalars(sa.select(AuditEntry).where(
            AuditEntry.object_type == "api_token", AuditEntry.object_id == str(token.id),
            AuditEntry.action == "insert")).one()
        assert token.token_hash not in json.dumps(entry.changes) and "Auswertung" in json.dumps(entry.changes)
        token_id = token.id
    revoke = f"{URL}/{token_id}/widerrufen"
    question = me.get(revoke)
    assert question.status_code == 200 and "erhalten danach keinen Zugriff mehr" in question.get_data(as_text=True)
    with ctx():
        assert api_tokens.authenticate(raw) is not None  # asking changed nothing
    stranger = client_as("coach2")
    assert stranger.get(revoke).status_code == 404 and stranger.submit(revoke).status_code == 404
    with ctx():
        assert api_tokens.authenticate(raw) is not None
    assert me.submit(revoke).status_code == 302
    with ctx():
        assert api_tokens.authenticate(raw) is None
    assert "widerrufen" in me.get(URL).get_data(as_text=True)


def test_refused_input_is_a_422_with_german_messages_and_creates_nothing(client_as, ctx):
    me = client_as("mitglied.zittau")
    for data, message in (({"name": " ", "scope": "read", "days": "90"}, "einen Namen"),
                          ({"name": "X", "scope": "admin", "days": "90"}, "Bitte wählen Sie den Umfang"),
                          ({"name": "X", "scope": "read", "days": "1000"}, "Bitte wählen Sie einen Eintrag")):
        answer = me.submit(URL, data, page=URL)
        assert answer.status_code == 422 and message in answer.get_data(as_text=True), data
    with ctx() as session:
        assert _count(session, "mitglied.zittau") == 0
