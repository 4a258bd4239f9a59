"""Who sees what, through HTTP: the roles table of DESIGN.md."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.accounts.models import Assignment, AssignmentKind, Membership
from tenants import tenant_context

from .helpers import tenant, user


def test_zwickau_coordinator_sees_nothing_of_zittau(client_as):
    client = client_as("koordination.zwickau")
    assert client.get("/k/zwickau/").status_code == 200
    for url in ("/k/zittau/struktur", "/k/zittau/mitglieder", "/k/zittau/stammdaten", "/k/zittau/zuordnung"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Seite nicht gefunden" in response.get_data(as_text=True)


def test_coach_sees_assigned_kprs_only(client_as):
    client = client_as("coach1")
    home = client.get("/coach/").get_data(as_text=True)
    assert "Stadt Zwickau" in home and "Große Kreisstadt Zittau" in home
    assert "Meißen" not in home
    assert client.get("/k/zwickau/").status_code == 200
    assert client.get("/k/zittau/mitglieder").status_code == 200
    assert client.get("/k/meissen/mitglieder").status_code == 404  # /k/meissen/ is its public page
    assert client.get("/land/").status_code == 404


def test_member_cannot_manage_members(client_as, ctx):
    client = client_as("mitglied.zwickau")
    page = client.get("/k/zwickau/mitglieder").get_data(as_text=True)
    assert "Person einladen" not in page and "Entfernen" not in page
    response = client.submit("/k/zwickau/mitglieder", {"name": "Eva Muster", "email": "eva@example.org",
                                                        "role": "member"})
    assert response.status_code == 403
    with ctx() as session, tenant_context(tenant("zwickau").id):
        coordinator_id = session.scalar(sa.select(Membership.id).filter_by(user_id=user("koordination.zwickau").id))
    assert client.submit(f"/k/zwickau/mitglieder/{coordinator_id}/entfernen").status_code == 403
    with ctx() as session:
        assert user("eva@example.org") is None
        with tenant_context(tenant("zwickau").id):
            assert session.get(Membership, coordinator_id) is not None


def test_coordinator_invites_and_removes_a_member(client_as, ctx):
    client = client_as("koordination.zwickau")
    response = client.submit("/k/zwickau/mitglieder", {"name": "Eva Muster", "email": "Eva@Example.org",
                                                        "role": "member"}, page="/k/zwickau/mitglieder")
    assert response.status_code == 302
    with ctx() as session:
        eva = user("eva@example.org")
        assert eva is not None and eva.password_hash is None
        with tenant_context(tenant("zwickau").id):
            membership = session.scalar(sa.select(Membership).filter_by(user_id=eva.id))
        from asskomm.mail.models import OutboxMessage

        mail = session.scalar(sa.select(OutboxMessage).filter_by(recipient="eva@example.org"))
        assert "/einladung/" in mail.body and "Stadt Zwickau" in mail.subject
    again = client.submit("/k/zwickau/mitglieder", {"name": "Eva Muster", "email": "eva@example.org",
                                                     "role": "member"})
    assert again.status_code == 422
    assert "gehört bereits" in again.get_data(as_text=True)
    assert client.submit(f"/k/zwickau/mitglieder/{membership.id}/entfernen").status_code == 302
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(Membership).filter_by(user_id=eva.id)) is None


def test_last_coordinator_cannot_be_removed(client_as, ctx):
    with ctx() as session, tenant_context(tenant("zittau").id):
        membership_id = session.scalar(sa.select(Membership.id).filter_by(user_id=user("koordination.zittau").id))
    client = client_as("koordination.zittau")
    response = client.submit(f"/k/zittau/mitglieder/{membership_id}/entfernen", follow_redirects=True)
    assert "letzte Koordinator:in" in response.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("zittau").id):
        assert session.get(Membership, membership_id) is not None


def test_ending_a_coach_assignment_removes_access_on_the_next_request(client_as, ctx):
    coach = client_as("coach1")
    assert coach.get("/k/zittau/").status_code == 200
    with ctx() as session:
        assignment_id = session.scalar(sa.select(Assignment.id).filter_by(
            tenant_id=tenant("zittau").id, kind=AssignmentKind.coach, ends_on=None))
    admin = client_as("land")
    response = admin.submit(f"/k/zittau/zuordnung/{assignment_id}/beenden", page="/k/zittau/zuordnung")
    assert response.status_code == 302
    assert coach.get("/k/zittau/mitglieder").status_code == 404
    current, earlier = coach.get("/coach/").get_data(as_text=True).split("Frühere Zuordnungen")
    assert "Zittau" not in current and "Zittau" in earlier  # the caseload keeps it as an ended assignment
    assert coach.get("/k/zwickau/").status_code == 200


def test_reassigning_a_coach_moves_access(client_as, ctx):
    admin = client_as("land")
    with ctx():
        coach2_id = user("coach2").id
    from asskomm.timeutil import today

    response = admin.submit("/k/zwickau/zuordnung", {"kind": "coach", "user_id": str(coach2_id),
                                                     "starts_on": today().isoformat()}, page="/k/zwickau/zuordnung")
    assert response.status_code == 302
    assert client_as("coach1").get("/k/zwickau/mitglieder").status_code == 404
    assert client_as("coach2").get("/k/zwickau/").status_code == 200
    history = admin.get("/k/zwickau/zuordnung").get_data(as_text=True)
    assert "Thomas Wagner" in history and "Ulrike Schubert" in history  # history is kept


def test_assignment_refuses_a_person_without_the_role(client_as, ctx):
    with ctx():
        member_id = user("mitglied.zwickau").id
    admin = client_as("land")
    response = admin.submit("/k/zwickau/zuordnung", {"kind": "coach", "user_id": str(member_id),
                                                     "starts_on": "2030-01-01"})
    assert response.status_code == 422


def test_state_contact_edits_assigned_kpr_only(client_as, ctx):
    client = client_as("kontakt")
    page = client.get("/k/zwickau/stammdaten")
    assert page.status_code == 200
    form = {"name": "Stadt Zwickau", "kind": "city", "ags": "14524330", "district": "14524",
            "federal_state": "Sachsen", "population": "87000", "police_directorate": "Polizeidirektion Zwickau",
            "status": "active", "agreement_signed_on": "2019-11-12"}
    assert client.submit("/k/zwickau/stammdaten", form).status_code == 302
    with ctx():
        assert tenant("zwickau").population == 87000
    assert client.get("/k/zittau/stammdaten").status_code == 404
    assert client_as("koordination.zwickau").get("/k/zwickau/stammdaten").status_code == 403
    # The agreement date follows the recorded cooperation agreement; it is not edited here.
    response = client.submit("/k/zwickau/stammdaten", form | {"agreement_signed_on": "2020-01-01", "population": "1"})
    assert response.status_code == 422
    assert "folgt der erfassten Kooperationsvereinbarung vom 12.11.2019" in response.get_data(as_text=True)
    with ctx():
        assert tenant("zwickau").population == 87000
    assert client_as("kontakt").get("/k/zwickau/zuordnung").status_code == 403


def test_bad_master_data_is_refused_in_german_and_changes_nothing(client_as, ctx):
    client = client_as("land")
    form = {"name": "Stadt Zwickau", "kind": "city", "ags": "14626610", "district": "14524",
            "federal_state": "Sachsen", "population": "-5", "status": "active"}
    response = client.submit("/k/zwickau/stammdaten", form)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Einwohnerzahl zwischen 0 und 5.000.000" in body
    form["population"] = "87000"
    response = client.submit("/k/zwickau/stammdaten", form)
    assert response.status_code == 422
    assert "gehört bereits zu Große Kreisstadt Zittau" in response.get_data(as_text=True)
    with ctx():
        assert tenant("zwickau").ags == "14524330"


def test_state_admin_creates_a_kpr(client_as, ctx):
    client = client_as("land")
    form = {"name": "Stadt Pirna", "slug": "pirna", "kind": "city", "ags": "14628270",
            "district": "14628", "federal_state": "Sachsen",
            "status": "contacted", "population": "39000"}
    response = client.submit("/land/kpr/neu", form, page="/land/kpr/neu")
    assert response.status_code == 302 and response.headers["Location"].endswith("/k/pirna/")
    with ctx():
        pirna = tenant("pirna")
        assert pirna.status.value == "contacted" and pirna.contacted_on is not None
    assert client.submit("/land/kpr/neu", {**form, "ags": "14628271"}).status_code == 422  # slug taken
    assert client_as("kontakt").get("/land/kpr/neu").status_code == 404


def test_state_admin_invites_a_coordinator_with_one_mail(client_as, ctx):
    client = client_as("land")
    response = client.submit("/land/personen", {"name": "Neue Koordination", "email": "neu@plauen.example",
                                                "kpr": "plauen", "membership_role": "coordinator"},
                             page="/land/personen")
    assert response.status_code == 302
    with ctx() as session:
        from asskomm.mail.models import OutboxMessage

        mails = session.scalars(sa.select(OutboxMessage).filter_by(recipient="neu@plauen.example")).all()
        assert len(mails) == 1
    assert client_as("koordination.zwickau").get("/land/personen").status_code == 404
