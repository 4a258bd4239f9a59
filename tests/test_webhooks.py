"""Webhooks: a registration through the page reaches a local HTTPS receiver through a real worker,
signed with the endpoint's secret; a 500 is retried; internal and plain-http addresses are refused."""

from __future__ import annotations

import dataclasses
import http.server
import re
import socket
import ssl
import threading
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from asskomm.events.models import Event, EventKind, EventSession
from asskomm.timeutil import now
from asskomm.webhooks import addresses
from asskomm.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from asskomm.webhooks.signing import verify
from tenants import db

from .fixtures.clients import make_client
from .helpers import tenant, user


def test_address_check(monkeypatch):
    assert "https://" in addresses.refusal("http://example.org/hook")
    assert "internes Netz" in addresses.refusal("https://10.0.0.1/hook")
    assert "internes Netz" in addresses.refusal("https://[::1]/hook")
    assert addresses.refusal("https://127.0.0.1:8443/hook", ["127.0.0.0/8"]) is None

    def answers(address):
        return lambda host, port, **_: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", answers("93.184.216.34"))
    assert addresses.refusal("https://hooks.example.org/x") is None
    for internal in ("169.254.169.254", "192.168.1.5", "0.0.0.0", "224.0.0.1", "240.0.0.1"):  # noqa: S104
        monkeypatch.setattr(socket, "getaddrinfo", answers(internal))
        assert addresses.refusal("https://hooks.example.org/x"), internal


def test_the_sweep_sends_again_only_what_is_long_overdue(ctx):
    from asskomm.tasking import _PENDING
    from asskomm.webhooks.tasks import sweep

    with ctx() as session:
        endpoint = WebhookEndpoint(tenant_id=None, url="https://hooks.example.org/x", secret="s",
                                   events=["registration.created"])
        hour_ago, event = now() - timedelta(hours=1), "registration.created"
        lost = WebhookDelivery(endpoint=endpoint, event=event, created_at=hour_ago)
        waiting = WebhookDelivery(endpoint=endpoint, event=event, created_at=hour_ago,
                                  next_attempt_at=now() + timedelta(minutes=5))  # its retry is on its way
        fresh = WebhookDelivery(endpoint=endpoint, event=event, created_at=now())
        done = WebhookDelivery(endpoint=endpoint, event=event, created_at=hour_ago, status=DeliveryStatus.delivered)
        session.add_all([lost, waiting, fresh, done])
        session.flush()
        assert sweep.run() == 1
        assert [args for name, args, *_ in session.info[_PENDING] if name == "webhooks.deliver"] == [(lost.id,)]


def test_each_registration_event_reaches_the_state_and_the_own_kpr_but_no_other(ctx):
    """created, promoted from the waiting list and cancelled, through the registration services."""
    from asskomm.events.registration.services import cancel, register
    from asskomm.webhooks import services

    with ctx() as session:
        zwickau, zittau = tenant("zwickau"), tenant("zittau")
        every = ["registration.created", "registration.cancelled", "registration.promoted"]
        state = WebhookEndpoint(tenant_id=None, url="https://a.example.org/x", secret="s", events=every)
        own = WebhookEndpoint(tenant_id=zwickau.id, url="https://b.example.org/x", secret="s", events=every)
        other = WebhookEndpoint(tenant_id=zittau.id, url="https://c.example.org/x", secret="s", events=every)
        off = WebhookEndpoint(tenant_id=None, url="https://d.example.org/x", secret="s", events=every, active=False)
        event = Event(kind=EventKind.training, title="Eine Schulung", capacity=1,
                      registration_closes_at=now() + timedelta(days=14))
        event.sessions.append(EventSession(starts_at=now() + timedelta(days=30),
                                           ends_at=now() + timedelta(days=30, hours=6), place="Zwickau"))
        session.add_all([state, own, other, off, event])
        session.flush()
        first, second = user("koordination.zwickau"), user("mitglied.zwickau")
        seated = register(event.id, first, zwickau.id, first, organiser=True)
        waiting = register(event.id, second, zwickau.id, second, organiser=True)
        cancel(seated.id)
        rows = session.scalars(sa.select(WebhookDelivery).order_by(WebhookDelivery.id)).all()
        assert [(r.endpoint_id, r.event) for r in rows] == [
            (e.id, name) for name in ("registration.created", "registration.created", "registration.cancelled",
                                      "registration.promoted") for e in (state, own)]
        promoted = [r for r in rows if r.event == "registration.promoted"][0]
        assert f'"registration_id":{waiting.id}' in promoted.payload and '"kpr":"zwickau"' in promoted.payload
        assert services.record("practice.shared", zittau.id, {}) == []  # nobody asked for that event


def test_form_refuses_internal_addresses_and_foreign_endpoint_is_404(client_as, ctx):
    client = client_as("koordination.zwickau")
    for url, message in (("https://10.0.0.1/hook", "internes Netz"), ("https://localhost/hook", "internes Netz"),
                         ("http://example.org/hook", "https://")):
        answer = client.submit("/k/zwickau/webhooks/neu", {"url": url, "events": ["registration.created"]})
        assert answer.status_code == 422 and message in answer.get_data(as_text=True)
    with ctx():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WebhookEndpoint)) == 0
        foreign = WebhookEndpoint(tenant_id=tenant("zittau").id, url="https://example.org/x", secret="whsec_x",
                                  events=["registration.created"], active=True)
        state = WebhookEndpoint(tenant_id=None, url="https://example.org/y", secret="whsec_y", events=[], active=True)
        db.session.add_all([foreign, state])
        db.session.flush()
        ids = [foreign.id, state.id]
        db.session.commit()
    for endpoint_id in ids:
        assert client.get(f"/k/zwickau/webhooks/{endpoint_id}").status_code == 404
        assert client.get(f"/k/zwickau/webhooks/{endpoint_id}/loeschen").status_code == 404
    with ctx():
        own = WebhookEndpoint(tenant_id=tenant("zwickau").id, url="https://example.org/z", secret="whsec_z",
                              events=["registration.created"], active=True)
        db.session.add(own)
        db.session.flush()
        failed = WebhookDelivery(endpoint_id=own.id, event="registration.created", payload="{}",
                                 status=DeliveryStatus.failed, attempts=6, last_error="Antwort HTTP 500")
        db.session.add(failed)
        db.session.flush()
        own_id, failed_id = own.id, failed.id
        db.session.commit()
    answer = client.get(f"/k/zwickau/webhooks/{own_id}")
    log = answer.get_data(as_text=True)
    assert answer.status_code == 200, log[log.find("<main"):][:1500]
    assert "Erneut senden" in log and "Antwort HTTP 500" in log
    assert client.submit(f"/k/zwickau/webhooks/{own_id}/zustellungen/{failed_id}/erneut", {},
                         page=f"/k/zwickau/webhooks/{own_id}").status_code == 302
    assert client.get(f"/k/zwickau/webhooks/{own_id}/deaktivieren").status_code == 200  # asks first
    assert client.submit(f"/k/zwickau/webhooks/{own_id}/deaktivieren", {}).status_code == 302
    assert client.submit(f"/k/zwickau/webhooks/{own_id}/loeschen", {}).status_code == 302
    with ctx():
        assert db.session.get(WebhookEndpoint, own_id) is None and db.session.get(WebhookDelivery, failed_id) is None
    assert client_as("mitglied.zwickau").get("/k/zwickau/webhooks").status_code == 403
    assert client_as("koordination.zwickau").get("/land/webhooks").status_code == 404


class Receiver(http.server.BaseHTTPRequestHandler):
    answers: list[int] = []
    received: list[tuple[dict, bytes]] = []

    def do_POST(self):  # noqa: N802 - http.server's hook name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append((dict(self.headers), body))
        self.send_response(Receiver.answers.pop(0) if Receiver.answers else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver(webhook_ca):
    ca, ca_file = webhook_ca
    cert = ca.issue_cert("127.0.0.1")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Receiver.answers, Receiver.received = [500], []
    yield server.server_address[1], ca_file
    server.shutdown()


@pytest.mark.worker
def test_registration_is_delivered_signed_and_retried(receiver, redis_worker, through_broker, live_client,
                                                      committed, monkeypatch):
    port, ca_file = receiver
    settings = committed.config["SETTINGS"]
    monkeypatch.setitem(committed.config, "SETTINGS", dataclasses.replace(
        settings, webhook_ca_bundle=ca_file, webhook_allowed_networks=("127.0.0.0/8",), webhook_retry_base_seconds=1))
    worker = redis_worker
    with committed.app_context():
        event = Event(kind=EventKind.training, title="Webhook-Schulung", capacity=10,
                      registration_closes_at=now() + timedelta(days=14))
        event.sessions.append(EventSession(starts_at=now() + timedelta(days=30),
                                           ends_at=now() + timedelta(days=30, hours=6), place="Dresden"))
        db.session.add(event)
        db.session.commit()
        event_id = event.id
    assert live_client.login("land@demo.asskomm.de").status_code == 302
    created = live_client.submit("/land/webhooks/neu", {"url": f"https://127.0.0.1:{port}/hook",
                                                        "events": ["registration.created"]})
    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    secret = re.search(r'id="webhook-secret">([^<]+)<', created.get_data(as_text=True)).group(1)
    person = make_client(committed)
    assert person.login("koordination.zwickau@demo.asskomm.de").status_code == 302
    assert person.submit(f"/veranstaltungen/{event_id}/anmelden", {}).status_code == 302
    deadline = time.monotonic() + 60
    while len(Receiver.received) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(Receiver.received) == 2, worker.log.read_text()[-3000:]
    headers, body = Receiver.received[-1]
    assert headers["Content-Type"] == "application/json" and headers["X-ASSKomm-Event"] == "registration.created"
    assert verify(secret, headers["X-ASSKomm-Signature"], body)
    stamp = int(headers["X-ASSKomm-Signature"].split(",")[0][2:])
    assert abs(time.time() - stamp) < 120
    assert b'"event_title":"Webhook-Schulung"' in body
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with committed.app_context():
            delivery = db.session.scalar(sa.select(WebhookDelivery).order_by(WebhookDelivery.id.desc()))
            if delivery.status == DeliveryStatus.delivered:
                break
        time.sleep(0.2)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.delivered, 2)
    assert headers["X-ASSKomm-Delivery"] == str(delivery.id) and delivery.payload.encode() == body
    page = live_client.get(f"/land/webhooks/{delivery.endpoint_id}").get_data(as_text=True)
    assert "zugestellt" in page and "registration.created" in page
