"""Least visibility (issue 14): a KPR's members see the e-mail addresses of its people (accounts and
register) only once the KPR opts in on its members page; coordinators, the coach and the state
council always do. Sign-in times are shown to state admins only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from asskomm.accounts.models import Membership
from asskomm.audit.models import AuditEntry
from asskomm.meetings.models import Meeting
from asskomm.structure.models import Body, Person
from asskomm.timeutil import format_datetime
from tenants import tenant_context
from workers.activity import snapshot_activity_now

from .helpers import tenant, user

ZITTAU = "/k/zittau"


def _zittau(ctx) -> dict:
    """Zittau's people's addresses other than the member's own, a person's name, a body and a meeting."""
    with ctx() as session, tenant_context(tenant("zittau").id):
        own = user("mitglied.zittau").email
        accounts = [m.user.email for m in session.scalars(sa.select(Membership)) if m.user.email != own]
        register = session.scalars(sa.select(Person).where(Person.email != "", Person.user_id.is_(None))).all()
        return {"accounts": accounts, "register": [p.email for p in register], "person": register[0].name,
                "body": session.scalar(sa.select(Body.id)), "meeting": session.scalar(sa.select(Meeting.id))}


def _pages(z: dict) -> dict[str, str]:
    return {"members": f"{ZITTAU}/mitglieder", "people": f"{ZITTAU}/struktur/personen",
            "structure": f"{ZITTAU}/struktur", "body": f"{ZITTAU}/struktur/gremien/{z['body']}",
            "meeting": f"{ZITTAU}/sitzungen/{z['meeting']}", "start": f"{ZITTAU}/",
            "search": f"/suche/?q={z['person'].split()[-1]}"}


def _shown(client, z: dict) -> dict[str, set[str]]:
    """Per page, the addresses of Zittau's people it shows."""
    shown = {}
    for name, url in _pages(z).items():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        shown[name] = {email for email in z["accounts"] + z["register"] if email in body}
    return shown


def test_members_see_addresses_only_after_the_kpr_opts_in(client_as, ctx):
    z = _zittau(ctx)
    assert z["accounts"] and z["register"]
    member, coordinator = client_as("mitglied.zittau"), client_as("koordination.zittau")
    assert "E-Mail-Adressen der Mitglieder für alle Mitglieder sichtbar" not in member.get(
        f"{ZITTAU}/mitglieder").get_data(as_text=True)  # the setting is the coordinators'
    assert all(not found for found in _shown(member, z).values()), _shown(member, z)
    seen = _shown(coordinator, z)
    assert set(z["accounts"]) <= seen["members"]
    assert set(z["register"]) <= seen["people"]
    assert member.submit(f"{ZITTAU}/mitglieder/sichtbarkeit", {"member_emails_visible": "y"}).status_code == 403

    assert coordinator.submit(f"{ZITTAU}/mitglieder/sichtbarkeit",
                              {"member_emails_visible": "y"}).status_code == 302
    with ctx() as session:
        assert tenant("zittau").member_emails_visible
        entry = session.scalar(sa.select(AuditEntry).filter_by(object_type="tenant", action="update")
                               .order_by(AuditEntry.id.desc()))
        assert "member_emails_visible" in entry.changes  # the choice leaves a trace
    opted_in = _shown(member, z)
    assert set(z["accounts"]) <= opted_in["members"] and set(z["register"]) <= opted_in["people"]
    assert not opted_in["search"]  # the search shows no address to anyone: it does not index them
    with ctx():
        assert not tenant("zwickau").member_emails_visible  # another KPR's choice stays

    assert coordinator.submit(f"{ZITTAU}/mitglieder/sichtbarkeit", {}).status_code == 302  # unticked: off
    assert not _shown(member, z)["members"]
    assert set(z["register"]) <= _shown(coordinator, z)["people"]


@pytest.mark.parametrize("login", ["coach1", "kontakt2", "land"])
def test_coach_and_state_council_see_the_addresses(client_as, ctx, login):
    z = _zittau(ctx)
    body = client_as(login).get(f"{ZITTAU}/mitglieder").get_data(as_text=True)
    assert all(email in body for email in z["accounts"])


def test_sign_in_times_are_for_state_admins_only(client_as, ctx):
    logins = ["koordination.zittau", "mitglied.zittau", "coach1", "kontakt2", "land"]
    clients = {login: client_as(login) for login in logins}  # signed in first: signing in sets the time
    moments = [datetime(2026, 11, 20, 8, 17, tzinfo=UTC), datetime(2026, 11, 19, 7, 43, tzinfo=UTC)]
    with ctx() as session:
        user("mitglied.zittau").last_login_at, user("koordination.zittau").last_login_at = moments
        session.commit()
        snapshot_activity_now()  # the KPR's latest sign-in is in its activity snapshot too
        session.commit()
        coach_id = user("coach1").id
    stamps = [format_datetime(moment) for moment in moments]
    pages = {
        "koordination.zittau": [f"{ZITTAU}/mitglieder", f"{ZITTAU}/"],
        "mitglied.zittau": [f"{ZITTAU}/mitglieder", f"{ZITTAU}/"],
        "coach1": [f"{ZITTAU}/mitglieder", "/coach/"],
        "kontakt2": [f"{ZITTAU}/mitglieder", "/land/", f"/land/coaches/{coach_id}"],
    }
    for login, urls in pages.items():
        for url in urls:
            response = clients[login].get(url)
            assert response.status_code == 200, (login, url)
            body = response.get_data(as_text=True)
            assert not any(stamp in body for stamp in stamps), (login, url)
            assert "Letzte Anmeldung" not in body, (login, url)
    assert clients["kontakt2"].get("/land/personen").status_code == 404
    for url in (f"{ZITTAU}/mitglieder", "/land/personen"):
        body = clients["land"].get(url).get_data(as_text=True)
        assert all(stamp in body for stamp in stamps), url
