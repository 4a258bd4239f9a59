"""The JSON API's conventions and rules: tokens not cookies, problem+json in German, the policy
and tenant scoping of the pages, pages with Link headers, ETags, idempotent POSTs, the rate limit."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from asskomm.audit.models import AuditEntry
from asskomm.events.models import Audience, Event, EventKind, EventSession, Registration, RegistrationStatus
from asskomm.timeutil import now
from tenants import db

from .api_helpers import bearer, token_for
from .fixtures.clients import make_client

PROBLEM = "application/problem+json"


def _open_event(app, capacity: int = 1) -> int:
    with app.app_context():
        event = Event(kind=EventKind.training, title="Grundlagen der Kriminalprävention", capacity=capacity,
                      audience=Audience.open, registration_closes_at=now() + timedelta(days=14))
        event.sessions.append(EventSession(starts_at=now() + timedelta(days=30),
                                           ends_at=now() + timedelta(days=30, hours=6), place="Dresden"))
        db.session.add(event)
        db.session.commit()
        return event.id


def test_without_a_valid_token_it_is_401_problem_json_and_no_cookie_is_ever_set(fresh):
    client = make_client(fresh)
    for headers in ({}, {"Authorization": "Bearer askt_falsch"}, {"Authorization": "Basic eA=="}):
        response = client.get("/api/v1/kprs", headers=headers)
        assert response.status_code == 401 and response.mimetype == PROBLEM
        body = response.get_json()
        assert body["title"] == "Anmeldung erforderlich" and body["status"] == 401 and "Bearer" in body["detail"]
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    raw = token_for(fresh, "koordination.zwickau")
    response = client.get("/api/v1/me", headers=bearer(raw))
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    me = response.get_json()
    assert me["email"] == "koordination.zwickau@demo.asskomm.de"
    assert {"kpr": "zwickau", "role": "coordinator"} in me["memberships"] and me["token"]["scope"] == "read"
    # The token does not sign the client in for the pages.
    assert client.get("/konto").status_code == 302


def test_a_foreign_kprs_workspace_is_404_and_a_part_beyond_ones_role_403(fresh):
    zwickau = bearer(token_for(fresh, "koordination.zwickau"))
    client = make_client(fresh)
    assert client.get("/api/v1/kprs/zwickau/documents", headers=zwickau).status_code == 200
    for path in ("documents", "bodies", "meetings", "measures"):
        response = client.get(f"/api/v1/kprs/zittau/{path}", headers=zwickau)
        assert response.status_code == 404 and response.mimetype == PROBLEM, path
    # The public parts of any KPR are there for every token.
    assert client.get("/api/v1/kprs/zittau/news", headers=zwickau).status_code == 200
    land = bearer(token_for(fresh, "land"))
    refused = client.get("/api/v1/kprs/zittau/documents", headers=land)
    assert refused.status_code == 403 and refused.get_json()["title"] == "Keine Berechtigung"
    assert client.get("/api/v1/kprs/zittau/bodies", headers=land).status_code == 200
    assert client.get("/api/v1/kprs/unbekannt", headers=land).status_code == 404


def test_lists_page_with_link_headers_and_reads_answer_304_to_their_etag(fresh):
    headers = bearer(token_for(fresh, "land"))
    client = make_client(fresh)
    first = client.get("/api/v1/kprs?per_page=2", headers=headers)
    body = first.get_json()
    assert first.status_code == 200 and body["page"] == 1 and len(body["items"]) == 2 and body["total"] >= 4
    links = dict((rel, url) for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', first.headers["Link"]))
    assert set(links) == {"first", "next", "last"} and "per_page=2" in links["next"] and "page=2" in links["next"]
    second = client.get(links["next"].replace("http://localhost", ""), headers=headers).get_json()
    assert {k["slug"] for k in second["items"]}.isdisjoint({k["slug"] for k in body["items"]})
    again = client.get("/api/v1/kprs?per_page=2", headers={**headers, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    filtered = client.get("/api/v1/kprs?q=zitt", headers=headers).get_json()
    assert [k["slug"] for k in filtered["items"]] == ["zittau"]


def test_bad_input_is_a_422_naming_the_field_in_german_and_changes_nothing(fresh):
    headers = bearer(token_for(fresh, "land"))
    client = make_client(fresh)
    for query in ("per_page=0", "page=abc", "status=erfunden", "unbekannt=1"):
        response = client.get(f"/api/v1/kprs?{query}", headers=headers)
        assert response.status_code == 422 and response.mimetype == PROBLEM, query
        body = response.get_json()
        assert body["title"] == "Ungültige Eingabe" and body["errors"], query
    nul = client.get("/api/v1/kprs?q=a%00b", headers=headers)
    assert nul.status_code == 400 and nul.mimetype == PROBLEM
    assert client.get(f"/api/v1/events/{2**40}", headers=headers).status_code == 404


def test_a_read_token_changes_nothing(fresh):
    event_id = _open_event(fresh)
    client = make_client(fresh)
    read = bearer(token_for(fresh, "mitglied.zittau", "read"))
    response = client.post(f"/api/v1/events/{event_id}/registrations", headers=read)
    assert response.status_code == 403 and "nur lesen" in response.get_json()["detail"]
    with fresh.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)
                                 .where(Registration.event_id == event_id)) == 0


def test_an_idempotent_post_repeated_with_its_key_creates_one_registration(fresh):
    event_id = _open_event(fresh, capacity=1)
    client = make_client(fresh)
    write = bearer(token_for(fresh, "mitglied.zittau", "write"))
    key = {**write, "Idempotency-Key": "website-anmeldung-4711"}
    first = client.post(f"/api/v1/events/{event_id}/registrations", headers=key)
    assert first.status_code == 201, first.data
    again = client.post(f"/api/v1/events/{event_id}/registrations", headers=key)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json() and first.get_json()["status"] == "confirmed"
    other = client.post(f"/api/v1/events/{event_id + 1}/registrations", headers=key)
    assert other.status_code == 422 and "andere Anfrage" in other.get_json()["detail"]
    without_key = client.post(f"/api/v1/events/{event_id}/registrations", headers=write)
    assert without_key.status_code == 409 and "bereits angemeldet" in without_key.get_json()["detail"]
    with fresh.app_context():
        rows = db.session.scalars(sa.select(Registration).where(Registration.event_id == event_id)).all()
        assert len(rows) == 1 and rows[0].status == RegistrationStatus.confirmed
        entry = db.session.scalar(sa.select(AuditEntry).filter_by(object_type="registration",
                                                                 object_id=str(rows[0].id)))
        assert entry is not None and "über die API" in entry.reason
    mine = client.get("/api/v1/registrations", headers=write).get_json()
    assert [r["id"] for r in mine["items"]] == [first.get_json()["id"]]


def test_cancelling_through_the_api_promotes_the_waiting_and_organisers_see_all(fresh):
    event_id = _open_event(fresh, capacity=1)
    client = make_client(fresh)
    first = bearer(token_for(fresh, "mitglied.zittau", "write"))
    second = bearer(token_for(fresh, "mitglied.zwickau", "write"))
    held = client.post(f"/api/v1/events/{event_id}/registrations", headers=first).get_json()
    waiting = client.post(f"/api/v1/events/{event_id}/registrations", headers=second).get_json()
    assert held["status"] == "confirmed" and waiting["status"] == "waitlisted"
    # Another person's registration is not there for them.
    assert client.get(f"/api/v1/registrations/{held['id']}", headers=second).status_code == 404
    assert client.post(f"/api/v1/registrations/{held['id']}/cancel", headers=second).status_code == 404
    assert client.get(f"/api/v1/events/{event_id}/registrations", headers=second).status_code == 404
    cancelled = client.post(f"/api/v1/registrations/{held['id']}/cancel", headers=first)
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    twice = client.post(f"/api/v1/registrations/{held['id']}/cancel", headers=first)
    assert twice.status_code == 409 and "bereits storniert" in twice.get_json()["detail"]
    organiser = bearer(token_for(fresh, "land"))
    listed = client.get(f"/api/v1/events/{event_id}/registrations", headers=organiser).get_json()
    assert {r["id"]: r["status"] for r in listed["items"]} == {held["id"]: "cancelled", waiting["id"]: "confirmed"}


def test_the_rate_limit_counts_per_token_and_answers_429_problem_json(other_app):
    app = other_app(API_RATE_LIMIT="3 per minute")
    with app.app_context():
        from asskomm.extensions import limiter

        limiter.reset()
    first, second = token_for(app, "land"), token_for(app, "kontakt")
    client = app.test_client()
    answers = [client.get("/api/v1/me", headers=bearer(first)).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = client.get("/api/v1/me", headers=bearer(first))
    assert limited.mimetype == PROBLEM and limited.get_json()["title"] == "Zu viele Anfragen"
    assert client.get("/api/v1/me", headers=bearer(second)).status_code == 200
    with app.app_context():
        from asskomm.accounts.api_tokens import ApiToken

        db.session.execute(sa.delete(ApiToken))
        db.session.commit()


def test_the_documentation_page_and_the_document_need_no_token_and_the_page_names_every_operation(fresh):
    client = make_client(fresh)
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200 and document.get_json()["openapi"] == "3.1.0"
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for path, operations in document.get_json()["paths"].items():
        for method in operations:
            assert f"{method.upper()} {path}" in text, (method, path)
    assert "Idempotency-Key" in text and "If-None-Match" in text


def _more(app, extra: int) -> None:
    """More documents in Zwickau, events in the catalog and registrations of its coordinator."""
    from asskomm.documents.models import Document, DocumentCategory, DocumentVersion
    from tenants import tenant_context

    from .helpers import tenant, user

    with app.app_context():
        person = user("koordination.zwickau")
        for n in range(extra):
            event_id = _open_event(app, capacity=3)
            db.session.add(Registration(event_id=event_id, user_id=person.id, status=RegistrationStatus.waitlisted))
            with tenant_context(tenant("zwickau").id):
                document = Document(title=f"Protokoll {n}", category=DocumentCategory.flyer)
                document.versions.append(DocumentVersion(
                    number=1, original_name=f"p{n}.pdf", storage_name=f"s{n}-{extra}", size=10,
                    content_type="application/pdf", sha256="0" * 64))
                db.session.add(document)
                db.session.flush()
        db.session.commit()


def test_lists_send_as_many_queries_for_many_rows_as_for_few(fresh, count_queries):
    client = make_client(fresh)
    headers = bearer(token_for(fresh, "koordination.zwickau"))
    paths = ["/api/v1/kprs", "/api/v1/kprs/zwickau/documents", "/api/v1/kprs/zwickau/bodies", "/api/v1/events",
             "/api/v1/registrations", "/api/v1/kprs/zwickau/measures", "/api/v1/kprs/zwickau/meetings"]

    def counts() -> dict[str, int]:
        found = {}
        for path in paths:
            with count_queries() as counter:
                assert client.get(path, headers=headers).status_code == 200, path
            found[path] = counter.value
        return found

    client.get("/api/v1/me", headers=headers)  # the token's first use notes it (an UPDATE); later ones do not
    _more(fresh, 2)
    few = counts()
    _more(fresh, 12)
    assert counts() == few
