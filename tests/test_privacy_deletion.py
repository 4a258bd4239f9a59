"""Erasure on request (Art. 17) through HTTP. A state admin deletes a demo member who has a register
entry, a meeting invitation and attendance, minutes and an action item naming them, a comment, a
consultation note, registrations, mails and audit entries: afterwards no string, text or JSON value
of any table holds the name or e-mail, the account cannot sign in, and the meeting and its minutes
still render with the pseudonym. A coordinator anonymises a register entry of their own KPR only."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from asskomm.accounts.feeds import FeedKey
from asskomm.accounts.models import Membership, User
from asskomm.audit.models import AuditEntry
from asskomm.coaching.models import Consultation, ConsultationTopic
from asskomm.comments.models import WorkspaceComment
from asskomm.mail.models import OutboxMessage
from asskomm.meetings.models import ActionItem, Invitation, Meeting, Minutes
from asskomm.privacy.erasure import INVALID_DOMAIN, PSEUDONYM
from asskomm.structure.models import Body, BodyMembership, Person
from asskomm.timeutil import now
from tenants import db, tenant_context

from .helpers import tenant, user

MEMBER = "mitglied.zwickau@demo.asskomm.de"


def text_hits(session, *needles: str, tenant_id: int | None = None) -> list[str]:
    """table.column of every string, text or JSON value that contains one of `needles` (any case)."""
    hits = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, sa.String | sa.Text | sa.JSON):
                continue
            for needle in needles:
                query = sa.select(sa.func.count()).select_from(table).where(
                    sa.func.lower(sa.cast(column, sa.Text)).contains(needle.lower(), autoescape=True))
                if tenant_id is not None and "tenant_id" in table.c:
                    query = query.where(table.c.tenant_id == tenant_id)
                if session.connection().execute(query).scalar():
                    hits.append(f"{table.name}.{column.name}")
    return hits


def _traces(ctx) -> dict:
    """Give the member records of every kind that names them; returns ids and the name."""
    with ctx() as session:
        member = user("mitglied.zwickau")
        name, email = member.name, member.email
        zwickau = tenant("zwickau")
        session.add(FeedKey(user_id=member.id, feed="events", generation=1))
        session.add(OutboxMessage(dedup_key="test:to-member", kind="test", recipient=email, subject="Einladung",
                                  body=f"Guten Tag {name}, ..."))
        session.add(OutboxMessage(dedup_key="test:naming", kind="test", recipient="kontakt@demo.asskomm.de",
                                  subject=f"Antwort von {name}", body=f"{name} ({email}) hat zugesagt."))
        with tenant_context(zwickau.id):
            person = Person(name=name, email=email.upper(), phone="0375 123", user_id=member.id)
            body = Body(kind="working_group", name="AG Datenschutztest")
            meeting = Meeting(body=body, title="Sitzung der AG Datenschutztest", place="Rathaus",
                              starts_at=now() - timedelta(days=5), ends_at=now() - timedelta(days=5, hours=-2))
            session.add_all([person, body, meeting])
            session.flush()
            session.add(BodyMembership(body_id=body.id, person_id=person.id))
            session.add(Invitation(meeting_id=meeting.id, person_id=person.id, token="privacy-test-token",
                                   reply="yes", attended=True))
            session.add(Minutes(meeting_id=meeting.id, text=f"Anwesend: {name}. {name} berichtet über die AG.",
                                recorded_at=now()))
            session.add(ActionItem(meeting_id=meeting.id, title=f"{name} lädt zur nächsten Sitzung ein",
                                   owner_id=person.id))
            session.add(WorkspaceComment(item_kind="meeting", item_id=meeting.id, author_id=member.id,
                                         body=f"Ergänzung von {name.upper()}: bitte {email} in den Verteiler."))
            session.add(Consultation(coach_id=user("coach1").id, held_on=date.today(), hours=1,
                                     topic=ConsultationTopic.other, notes=f"Gespräch mit {name} zur AG."))
            session.commit()
            return {"name": name, "email": email, "user_id": member.id, "meeting_id": meeting.id,
                    "person_id": person.id}


def test_a_deleted_person_leaves_no_trace_and_their_meetings_still_render(client_as, client, ctx):
    client_as("mitglied.zwickau")  # a sign-in: an audit entry with their name and e-mail
    traces = _traces(ctx)
    with ctx() as session:
        assert len(text_hits(session, traces["name"], traces["email"])) >= 8  # the test data is there
    land = client_as("land")
    assert "Person löschen (anonymisieren)" in land.get("/land/personen").get_data(as_text=True)
    url = f"/land/personen/{traces['user_id']}/loeschen"
    question = land.get(url)
    assert question.status_code == 200
    assert "Pseudonym" in question.get_data(as_text=True) and "Niederschriften" in question.get_data(as_text=True)
    response = land.submit(url, {"reason": f"Antrag von {traces['name']} vom 1.12."}, page=url)
    assert response.status_code == 302
    assert "erscheint nun als" in land.get("/land/personen").get_data(as_text=True)

    with ctx() as session:
        assert text_hits(session, traces["name"], traces["email"]) == []
        member = session.get(User, traces["user_id"])
        assert member.name.startswith(PSEUDONYM.format("")) and member.email.endswith("@" + INVALID_DOMAIN)
        assert not member.active and member.password_hash is None and not member.role_rows
        assert session.scalar(sa.select(FeedKey).filter_by(user_id=member.id)) is None
        with tenant_context(tenant("zwickau").id):
            assert session.scalar(sa.select(Membership).filter_by(user_id=member.id)) is None
            person = session.get(Person, traces["person_id"])
            assert person.name == member.name and person.email == "" and person.phone == ""
        pseudonym = member.name
        assert session.scalar(sa.select(OutboxMessage).filter_by(dedup_key="test:to-member")) is None
        naming = session.scalar(sa.select(OutboxMessage).filter_by(dedup_key="test:naming"))
        assert pseudonym in naming.body and pseudonym in naming.subject

    assert client.login(traces["email"]).status_code != 302  # the old address signs in no more
    coordinator = client_as("koordination.zwickau")
    meeting = coordinator.get(f"/k/zwickau/sitzungen/{traces['meeting_id']}")
    assert meeting.status_code == 200 and pseudonym in meeting.get_data(as_text=True)
    minutes = coordinator.get(f"/k/zwickau/sitzungen/{traces['meeting_id']}/niederschrift")
    assert minutes.status_code == 200 and pseudonym in minutes.get_data(as_text=True)
    found = coordinator.get("/suche/", query_string={"q": traces["name"]}).get_data(as_text=True)
    assert "Nichts gefunden" in found  # the index was written anew (SQLite: its full-text rows too)
    found = coordinator.get("/suche/", query_string={"q": pseudonym.split()[-1]}).get_data(as_text=True)
    assert "Nichts gefunden" not in found
    with ctx() as session:  # the audit trail records the deletion and its reason, under the pseudonym
        entry = session.scalar(sa.select(AuditEntry).filter_by(object_type="user_account",
                                                               object_id=str(traces["user_id"]), action="erased")
                               .order_by(AuditEntry.id.desc()))
        assert entry.actor_email == "land@demo.asskomm.de" and pseudonym in entry.reason


def test_an_admin_cannot_delete_themselves_and_others_may_not_delete_at_all(client_as, ctx):
    with ctx():
        own_id, member_id = user("land").id, user("mitglied.zwickau").id
    land = client_as("land")
    response = land.submit(f"/land/personen/{own_id}/loeschen", {"reason": ""}, page="/land/personen",
                           follow_redirects=True)
    assert "nicht selbst löschen" in response.get_data(as_text=True)
    for login in ("koordination.zwickau", "kontakt", "coach1"):
        assert client_as(login).get(f"/land/personen/{member_id}/loeschen").status_code == 404
    with ctx():
        assert user("land") is not None and user("mitglied.zwickau") is not None


def test_a_coordinator_anonymises_a_register_entry_of_their_kpr_only(client_as, ctx):
    name = "Waltraud Quellenberg-Testfrau"
    with ctx() as session:
        ids = {}
        for slug in ("zwickau", "zittau"):
            with tenant_context(tenant(slug).id):
                person = Person(name=name, email="w.quellenberg@example.org", phone="03583 1")
                body = Body(kind="working_group", name=f"AG Test {slug}")
                meeting = Meeting(body=body, title=f"Sitzung {slug}", starts_at=now() - timedelta(days=2),
                                  ends_at=now() - timedelta(days=2, hours=-1), place="Rathaus")
                session.add_all([person, body, meeting])
                session.flush()
                session.add(Minutes(meeting_id=meeting.id, text=f"{name} stellt das Projekt vor."))
                session.commit()
                ids[slug] = (person.id, meeting.id)
    zwickau = client_as("koordination.zwickau")
    url = f"/k/zwickau/struktur/personen/{ids['zwickau'][0]}/anonymisieren"
    assert "Person anonymisieren" in zwickau.get(f"/k/zwickau/struktur/personen/{ids['zwickau'][0]}").get_data(
        as_text=True)
    assert "Andere KPR bleiben unberührt" in zwickau.get(url).get_data(as_text=True)
    # another KPR's entry is a 404, through either KPR's address
    assert zwickau.get(f"/k/zwickau/struktur/personen/{ids['zittau'][0]}/anonymisieren").status_code == 404
    assert client_as("koordination.zittau").get(url.replace("zwickau", "zittau")).status_code == 404
    assert client_as("mitglied.zwickau").get(url).status_code == 403
    assert zwickau.submit(url, {"reason": ""}, page=url).status_code == 302
    with ctx() as session:
        assert text_hits(session, name, "w.quellenberg@example.org", tenant_id=tenant("zwickau").id) == []
        zittau_hits = text_hits(session, name, tenant_id=tenant("zittau").id)
        assert "person.name" in zittau_hits and "minutes.text" in zittau_hits
    shown = zwickau.get(f"/k/zwickau/sitzungen/{ids['zwickau'][1]}").get_data(as_text=True)
    assert PSEUDONYM.format("") in shown and name not in shown
