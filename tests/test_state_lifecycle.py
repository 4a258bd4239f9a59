"""The state council's lasting actions ask first and say what will happen (issue 10, A4):
deactivating a person, ending an assignment, archiving a KPR (not deleting it) and restoring it."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.accounts.models import Assignment, AssignmentKind, Membership, MembershipRole
from asskomm.audit.models import AuditEntry
from asskomm.mail.models import OutboxMessage
from asskomm.timeutil import today
from tenants import tenant_context

from .helpers import tenant, user

REASON = "Wechsel in ein anderes Amt."


def _mails(ctx, recipient: str) -> list[OutboxMessage]:
    with ctx() as session:
        rows = session.scalars(sa.select(OutboxMessage).filter_by(recipient=recipient)
                               .order_by(OutboxMessage.id)).all()
        session.expunge_all()
        return rows


def _audit_reason(ctx, object_type: str, object_id) -> str | None:
    with ctx() as session:
        entry = session.scalar(sa.select(AuditEntry).filter_by(object_type=object_type, object_id=str(object_id),
                                                                action="update").order_by(AuditEntry.id.desc()))
        return entry.reason if entry else None


def test_deactivating_a_person_asks_first_says_what_happens_and_tells_them(client_as, client, ctx):
    with ctx() as session:
        person = user("mitglied.plauen")
        with tenant_context(tenant("bautzen").id):  # a second membership
            session.add(Membership(user_id=person.id, role=MembershipRole.member))
            session.commit()
        person_id, email = person.id, person.email
    admin = client_as("land")
    url = f"/land/personen/{person_id}/deaktivieren"
    listing = admin.get("/land/personen").get_data(as_text=True)
    assert f'href="{url}"' in listing  # a link to the question, not a button that acts at once
    question = admin.get(url)
    page = question.get_data(as_text=True)
    assert question.status_code == 200
    assert "Die Person kann sich nicht mehr anmelden; ihre 2 Mitgliedschaften bleiben bestehen" in page
    assert "KPR Stadt Bautzen" in page and "KPR Stadt Plauen" in page and "Begründung (freiwillig)" in page
    assert "Das kann nicht rückgängig gemacht werden." not in page  # it can: the account is activated again
    with ctx():
        assert user(email).active
    assert admin.submit(url, {"reason": REASON}, page=url).status_code == 302
    with ctx():
        assert not user(email).active
    assert _audit_reason(ctx, "user_account", person_id) == REASON
    mail = _mails(ctx, email)[-1]
    assert "deaktiviert" in mail.subject and REASON in mail.body
    assert client.login(email).status_code == 401
    assert admin.submit(f"/land/personen/{person_id}/aktivieren", page="/land/personen").status_code == 302
    with ctx():
        assert user(email).active


def test_a_person_cannot_deactivate_themself_nor_others_without_the_role(client_as, ctx):
    with ctx():
        own_id, member_id = user("land").id, user("mitglied.plauen").id
    admin = client_as("land")
    refused = admin.get(f"/land/personen/{own_id}/deaktivieren", follow_redirects=True)
    assert "Sie können Ihr eigenes Konto nicht deaktivieren." in refused.get_data(as_text=True)
    assert client_as("kontakt").get(f"/land/personen/{member_id}/deaktivieren").status_code == 404
    assert client_as("kontakt").submit(f"/land/personen/{member_id}/deaktivieren").status_code == 404
    with ctx():
        assert user("land").active and user("mitglied.plauen").active


def test_ending_an_assignment_asks_first_and_tells_the_coach(client_as, ctx):
    with ctx() as session:
        assignment_id = session.scalar(sa.select(Assignment.id).filter_by(
            tenant_id=tenant("zittau").id, kind=AssignmentKind.coach, ends_on=None))
    admin = client_as("land")
    url = f"/k/zittau/zuordnung/{assignment_id}/beenden"
    assert f'href="{url}"' in admin.get("/k/zittau/zuordnung").get_data(as_text=True)
    page = admin.get(url).get_data(as_text=True)
    assert f"Die Coach-Zuordnung von Thomas Wagner endet heute ({today():%d.%m.%Y})." in page
    assert "Der Coach sieht den KPR Große Kreisstadt Zittau ab sofort nicht mehr" in page
    assert "Thomas Wagner wird per E-Mail benachrichtigt" in page
    assert client_as("coach1").get("/k/zittau/mitglieder").status_code == 200  # asking changed nothing
    assert admin.submit(url, {"reason": REASON}, page=url).status_code == 302
    assert client_as("coach1").get("/k/zittau/mitglieder").status_code == 404
    assert _audit_reason(ctx, "assignment", assignment_id) == REASON
    mail = _mails(ctx, "coach1@demo.asskomm.de")[-1]
    assert "Zuordnung zum KPR Große Kreisstadt Zittau endet" in mail.subject and REASON in mail.body
    again = admin.get(url, follow_redirects=True).get_data(as_text=True)
    assert "Diese Zuordnung ist bereits beendet." in again


def _coordinator_invites(client, slug: str):
    return client.submit(f"/k/{slug}/mitglieder", {"name": "Eva Archiv", "email": "eva.archiv@example.org",
                                                    "role": "member"}, page=f"/k/{slug}/mitglieder")


def test_archiving_a_kpr_hides_it_makes_it_read_only_and_restoring_brings_it_back(client_as, client, ctx):
    admin, coordinator = client_as("land"), client_as("koordination.meissen")
    assert client_as("kontakt").get("/k/meissen/archivieren").status_code == 403  # state admins only
    form = admin.get("/k/meissen/stammdaten").get_data(as_text=True)
    assert 'href="/k/meissen/archivieren"' in form
    question = admin.get("/k/meissen/archivieren").get_data(as_text=True)
    assert "verschwindet aus dem öffentlichen Verzeichnis" in question and "schreibgeschützt" in question
    assert "1 Koordinator:in(nen) werden per E-Mail benachrichtigt" in question
    assert "wiederherstellen" in question
    done = admin.submit("/k/meissen/archivieren", {"reason": REASON}, page="/k/meissen/archivieren")
    assert done.status_code == 302 and "status=archiviert" in done.headers["Location"]
    with ctx():
        assert tenant("meissen").archived_at is not None and tenant("meissen").status.value == "agreement_signed"
    assert _audit_reason(ctx, "tenant", tenant_id := _id(ctx, "meissen")) == REASON
    assert REASON in _mails(ctx, "koordination.meissen@demo.asskomm.de")[-1].body

    # hidden: the alliance index, its filter and counts; the state overview's default view
    index = client.get("/kpr/").get_data(as_text=True)
    assert "Stadt Meißen" not in index and "(5 insgesamt)" in index
    assert ">Landkreis Meißen<" not in index  # no district left to filter by
    assert client.get("/k/meissen/").status_code == 404  # the public page is gone for the public
    admin.get("/land/")  # shows the flash message that names it
    assert "Stadt Meißen" not in admin.get("/land/").get_data(as_text=True)
    archived = admin.get("/land/?status=archiviert").get_data(as_text=True)
    assert "Stadt Meißen" in archived and "1 archivierte KPR (gefiltert)" in archived and "Wiederherstellen" in archived

    # read-only: the workspace is read, nothing is changed, nothing is offered
    home = coordinator.get("/k/meissen/")
    assert home.status_code == 200 and "archiviert" in home.get_data(as_text=True)
    assert coordinator.get("/k/meissen/mitglieder").status_code == 200
    assert "Person einladen" not in coordinator.get("/k/meissen/mitglieder").get_data(as_text=True)
    assert _coordinator_invites(coordinator, "meissen").status_code == 403
    assert client_as("kontakt").get("/k/meissen/stammdaten").status_code == 403
    assert admin.get("/k/meissen/archivieren").status_code == 403  # once is enough
    with ctx():
        assert user("eva.archiv@example.org") is None

    assert admin.submit("/k/meissen/wiederherstellen", page="/land/?status=archiviert").status_code == 302
    with ctx():
        assert tenant("meissen").archived_at is None
    assert "Stadt Meißen" in client.get("/kpr/").get_data(as_text=True)
    assert client.get("/k/meissen/").status_code == 200
    assert _coordinator_invites(coordinator, "meissen").status_code == 302
    assert tenant_id


def _id(ctx, slug: str) -> int:
    with ctx():
        return tenant(slug).id


def test_restoring_a_kpr_that_is_not_archived_says_so(client_as):
    admin = client_as("land")
    page = admin.submit("/k/zwickau/wiederherstellen", follow_redirects=True).get_data(as_text=True)
    assert "Der KPR Stadt Zwickau ist nicht archiviert." in page
    assert client_as("koordination.zwickau").submit("/k/zwickau/wiederherstellen").status_code == 403


def test_overview_with_archived_kprs_keeps_its_query_count(client_as, ctx, count_queries):
    admin = client_as("land")
    with ctx() as session:
        tenant("meissen").archived_at = sa.func.now()
        session.commit()
    with count_queries() as few:
        assert admin.get("/land/?status=archiviert").status_code == 200
    with ctx() as session:
        for slug in ("zwickau", "zittau", "plauen", "bautzen"):
            tenant(slug).archived_at = sa.func.now()
        session.commit()
    with count_queries() as many:
        assert "5 archivierte KPR" in admin.get("/land/?status=archiviert").get_data(as_text=True)
    assert many.value == few.value
