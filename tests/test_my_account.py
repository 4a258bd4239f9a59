"""The account page `/konto`: profile, password change, signed-in sessions and "überall
abmelden", memberships, the choice of optional mails, calendar feeds."""

from __future__ import annotations

import re

import sqlalchemy as sa

from asskomm.accounts.feeds import FeedKey
from asskomm.accounts.models import Membership, MembershipRole
from asskomm.accounts.sessions import SignedInSession
from asskomm.mail import preferences
from asskomm.mail.models import OutboxMessage
from asskomm.mail.services import queue_mail
from tenants import Tenant, switch_tenant

from .fixtures.clients import make_client
from .helpers import user

NEW_PASSWORD = "ein-neues-langes-passwort"


def _session_ids(client) -> list[int]:
    page = client.get("/konto/sitzungen").get_data(as_text=True)
    return [int(n) for n in re.findall(r"/konto/sitzungen/(\d+)/beenden", page)]


def test_the_account_page_shows_roles_memberships_and_feeds(client_as):
    page = client_as("koordination.zwickau").get("/konto")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Mein Konto" in html and "koordination.zwickau@demo.asskomm.de" in html
    assert "Kommunaler Präventionsrat Stadt Zwickau</a>: Koordinator:in" in html
    assert re.search(r"/veranstaltungen/kalender/erneuern\?next=(/|%2F)konto", html)
    assert re.search(r"/k/zwickau/sitzungen/kalender/erneuern\?next=(/|%2F)konto", html)
    coach = client_as("coach1").get("/konto").get_data(as_text=True)
    assert "ASSKomm-Coach seit" in coach  # the KPRs assigned to the coach


def test_the_account_pages_need_a_sign_in(client):
    for url in ("/konto", "/konto/passwort", "/konto/sitzungen", "/konto/sitzungen/ueberall-abmelden"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_renaming_oneself_and_a_refused_empty_name(client_as, ctx):
    client = client_as("mitglied.zittau")
    refused = client.submit("/konto", {"name": "   "}, page="/konto")
    assert refused.status_code == 422 and "Bitte geben Sie Ihren Namen ein." in refused.get_data(as_text=True)
    with ctx():
        assert user("mitglied.zittau").name.strip()
    assert client.submit("/konto", {"name": "  Erika   Muster "}, page="/konto").status_code == 302
    with ctx():
        assert user("mitglied.zittau").name == "Erika Muster"


def test_changing_the_password_needs_the_current_one_and_ends_the_other_sessions(fresh, client_as, ctx):
    client, other = client_as("mitglied.zittau"), client_as("mitglied.zittau")
    with ctx():
        before = user("mitglied.zittau").password_hash
    wrong = client.submit("/konto/passwort", {"current": "falsch-falsch-falsch", "password": NEW_PASSWORD,
                                              "confirm": NEW_PASSWORD}, page="/konto/passwort")
    assert wrong.status_code == 422 and "Das bisherige Passwort ist nicht richtig." in wrong.get_data(as_text=True)
    short = client.submit("/konto/passwort", {"current": "asskomm-demo", "password": "kurz", "confirm": "kurz"},
                          page="/konto/passwort")
    assert short.status_code == 422 and "mindestens 12 Zeichen" in short.get_data(as_text=True)
    with ctx():
        assert user("mitglied.zittau").password_hash == before
    assert other.get("/konto").status_code == 200
    done = client.submit("/konto/passwort", {"current": "asskomm-demo", "password": NEW_PASSWORD,
                                             "confirm": NEW_PASSWORD}, page="/konto/passwort")
    assert done.status_code == 302
    assert client.get("/konto").status_code == 200  # this session goes on
    assert other.get("/konto").status_code == 302  # the other one is over
    assert len(_session_ids(client)) == 0  # only this session is left: it has no "Beenden" link
    assert make_client(fresh).login("mitglied.zittau@demo.asskomm.de", NEW_PASSWORD).status_code == 302


def test_the_sessions_list_ends_another_session_of_ones_own_only(client_as, ctx):
    laptop, phone = client_as("koordination.meissen"), client_as("koordination.meissen")
    ids = _session_ids(laptop)
    assert len(ids) == 1  # the phone's; this one is marked, not offered
    assert "(diese Sitzung)" in laptop.get("/konto/sitzungen").get_data(as_text=True)
    stranger = client_as("coach2")
    assert stranger.get(f"/konto/sitzungen/{ids[0]}/beenden").status_code == 404
    assert stranger.submit(f"/konto/sitzungen/{ids[0]}/beenden").status_code == 404
    assert phone.get("/konto").status_code == 200
    question = laptop.get(f"/konto/sitzungen/{ids[0]}/beenden").get_data(as_text=True)
    assert "Sitzung beenden?" in question
    assert laptop.submit(f"/konto/sitzungen/{ids[0]}/beenden").status_code == 302
    assert phone.get("/konto").status_code == 302 and laptop.get("/konto").status_code == 200
    with ctx() as session:
        rows = session.scalars(sa.select(SignedInSession).where(
            SignedInSession.user_id == user("koordination.meissen").id)).all()
        assert len(rows) == 1 and rows[0].id not in ids


def test_signing_out_everywhere_asks_first_and_ends_every_session(client_as, ctx):
    one, two = client_as("coach1"), client_as("coach1")
    page = one.get("/konto/sitzungen/ueberall-abmelden")
    assert page.status_code == 200 and "auch diese hier" in page.get_data(as_text=True)
    assert one.get("/konto").status_code == 200  # asking changed nothing
    assert one.submit("/konto/sitzungen/ueberall-abmelden").status_code == 302
    assert one.get("/konto").status_code == 302 and two.get("/konto").status_code == 302
    with ctx() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(SignedInSession).where(
            SignedInSession.user_id == user("coach1").id)) == 0


def test_logout_ends_only_this_session(client_as):
    here, elsewhere = client_as("kontakt"), client_as("kontakt")
    assert here.submit("/logout").status_code == 302
    assert here.get("/konto").status_code == 302 and elsewhere.get("/konto").status_code == 200


def test_switched_off_mails_are_not_queued_and_mandatory_ones_are(client_as, ctx):
    client = client_as("koordination.zittau")
    page = client.get("/konto").get_data(as_text=True)
    assert 'value="comments" checked' in page or "checked" in page
    wanted = ["event_reminders", "event_invitations", "funding"]  # comments switched off
    assert client.submit("/konto/benachrichtigungen", {"wanted": wanted}, page="/konto").status_code == 302
    email = "koordination.zittau@demo.asskomm.de"
    with ctx() as session:
        me = user("koordination.zittau")
        assert queue_mail(email, "comments/mail_comment.txt", "t:comment", user=me, comment=None) is None
        assert queue_mail(email, "password_reset", "t:reset", user=me, link="x", hours=1) is not None
        assert session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)
                              .where(OutboxMessage.dedup_key.like("t:%"))) == 1
    refused = client.submit("/konto/benachrichtigungen", {"wanted": ["alles"]}, page="/konto")
    assert refused.status_code == 302
    assert "Bitte wählen Sie einen Eintrag aus der Liste." in client.get("/konto").get_data(as_text=True)
    assert client.submit("/konto/benachrichtigungen", {"wanted": [*wanted, "comments"]},
                         page="/konto").status_code == 302
    with ctx():
        assert not preferences.opted_out(email, "mail_comment")


def test_renewing_a_feed_from_the_account_page_returns_there(client_as):
    client = client_as("mitglied.zittau")
    response = client.submit("/k/zittau/sitzungen/kalender/erneuern?next=/konto", page="/konto")
    assert response.status_code == 302 and response.headers["Location"].endswith("/konto")
    assert "zuletzt erneuert am" in client.get("/konto").get_data(as_text=True)


def test_the_account_page_reads_the_same_number_of_statements_for_many_memberships(client_as, ctx,
                                                                                   count_queries):
    client = client_as("mitglied.zittau")
    client.get("/konto")
    with count_queries() as few:
        assert client.get("/konto").status_code == 200
    with ctx() as session:
        person = user("mitglied.zittau")
        for t in session.scalars(sa.select(Tenant).where(Tenant.slug != "zittau").limit(6)):
            with switch_tenant(t.id, "test: more memberships"):
                session.add(Membership(user_id=person.id, role=MembershipRole.member))
                session.flush()
            session.add(FeedKey(user_id=person.id, feed=f"meetings:{t.id}", generation=1))
        session.commit()
    with count_queries() as many:
        assert client.get("/konto").status_code == 200
    assert many.value == few.value
